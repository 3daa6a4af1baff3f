//! `factdesk-cli article import/accept` on a real workspace file and a real article file.

use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk-cli")).args(args).env_remove("FACTDESK_DB").output().expect("runs")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn import_an_article_then_accept_a_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.factdesk");
    let db = db.to_str().unwrap();
    let file = dir.path().join("ferry.txt");
    std::fs::write(
        &file,
        "Island ferry timetable cut\n\
         The island ferry will run eight times a day from June instead of twelve, the operator said on Monday.\n\
         \"Nobody asked the people who actually live here,\" said councillor Maren Holt, who represents the island.\n",
    )
    .unwrap();
    let article: serde_json::Value = serde_json::from_str(&ok(cli(&["--db", db, "article", "import", file.to_str().unwrap(), "--json"]))).unwrap();
    assert_eq!(article["source"]["title"], "Island ferry timetable cut", "a text file's first line is its title");
    let candidates = article["candidates"].as_array().unwrap();
    let n = candidates.iter().position(|c| c["candidate"]["speaker"] == "Maren Holt").expect("the quote is found") + 1;
    let source = article["source"]["uuid"].as_str().unwrap();
    let claim = ok(cli(&["--db", db, "article", "accept", source, &n.to_string()])).trim().to_string();
    let shown: serde_json::Value = serde_json::from_str(&ok(cli(&["--db", db, "claim", "show", &claim]))).unwrap();
    assert_eq!(shown["claimant"]["name"], "Maren Holt");
    assert_eq!(shown["evidence"][0]["anchor"]["state"], "found");
    let table = ok(cli(&["--db", db, "article", "import", file.to_str().unwrap()]));
    assert!(table.contains("already in the library") && table.contains("[accepted]"), "{table}");
    let bad = cli(&["--db", db, "article", "accept", source, "99"]);
    assert_eq!(bad.status.code(), Some(2));
}
