//! The CLI as a user runs it: the real binary on a real workspace file.

use std::process::{Command, Output};

fn cli(args: &[&str], env_db: Option<&std::path::Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.args(args).env_remove("FACTDESK_DB");
    if let Some(p) = env_db {
        cmd.env("FACTDESK_DB", p);
    }
    cmd.output().expect("factdesk-cli runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn add_then_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.factdesk");
    let dbs = db.to_str().unwrap();
    let out = cli(
        &["--db", dbs, "claim", "add", "--text", "A $60 billion aid package remains held up in Congress.",
          "--claimant", "Distinct Post", "--date", "2024-02-28", "--tag", "aid"],
        None,
    );
    let uuid = stdout(&out).trim().to_string();
    assert!(uuid::Uuid::parse_str(&uuid).is_ok(), "prints the new claim's UUID, got {uuid:?}");

    let list: serde_json::Value = serde_json::from_str(&stdout(&cli(&["--db", dbs, "claim", "list", "--json"], None))).unwrap();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["uuid"], uuid.as_str());
    assert_eq!(items[0]["claimant"], "Distinct Post");
    assert_eq!(items[0]["said_on"], "2024-02-28");
    assert_eq!(items[0]["status"], "new");

    let table = stdout(&cli(&["--db", dbs, "claim", "list"], None));
    assert!(table.contains(&uuid) && table.contains("$60 billion"), "{table}");

    let show: serde_json::Value = serde_json::from_str(&stdout(&cli(&["--db", dbs, "claim", "show", &uuid], None))).unwrap();
    assert_eq!(show["tags"], serde_json::json!(["aid"]));
}

#[test]
fn the_environment_variable_chooses_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.factdesk");
    stdout(&cli(&["claim", "add", "--text", "Via the environment"], Some(&db)));
    assert!(db.exists());
    let info = stdout(&cli(&["info"], Some(&db)));
    assert!(info.contains("claims:    1") && info.contains("env.factdesk"), "{info}");
    // --db wins over the environment.
    let other = dir.path().join("other.factdesk");
    stdout(&cli(&["--db", other.to_str().unwrap(), "demo"], Some(&db)));
    let info = stdout(&cli(&["--db", other.to_str().unwrap(), "info"], Some(&db)));
    assert!(!info.contains("claims:    1") && info.contains("other.factdesk"), "{info}");
}

#[test]
fn demo_creates_then_refreshes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.factdesk");
    let first = stdout(&cli(&["demo"], Some(&db)));
    assert!(first.contains("added 5 claims"), "{first}");
    let second = stdout(&cli(&["demo"], Some(&db)));
    assert!(second.contains("added 0 claims and 0 sources (5 claims in all)"), "{second}");
    let list: serde_json::Value = serde_json::from_str(&stdout(&cli(&["claim", "list", "--json"], Some(&db)))).unwrap();
    assert!(list.as_array().unwrap().iter().any(|c| c["text"].as_str().unwrap().contains("$60 billion aid package")));
}

#[test]
fn bad_input_gets_a_clear_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.factdesk");
    let dbs = db.to_str().unwrap();
    let out = cli(&["--db", dbs, "claim", "add", "--text", "x", "--date", "27/02/2024"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("said_on") && err.contains("YYYY-MM-DD"), "{err}");
    let out = cli(&["--db", dbs, "claim", "add", "--text", "   "], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be empty"));
    let out = cli(&["--db", dbs, "claim", "add", "--text", "x", "--status", "done"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("in_review"));
    assert_eq!(stdout(&cli(&["--db", dbs, "claim", "list", "--json"], None)).trim(), "[]");

    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "just some notes that are not a database at all, honestly").unwrap();
    let out = cli(&["--db", not_db.to_str().unwrap(), "claim", "list"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a Factdesk workspace") && err.contains("--db"), "{err}");
}
