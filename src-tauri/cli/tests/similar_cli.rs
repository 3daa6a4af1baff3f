//! `factdesk-cli claim similar`: "has anyone checked this?" for scripts, the real binary on a real
//! workspace, with the installed matching model (tests that need it skip, saying why, without it).

use std::path::Path;
use std::process::{Command, Output};

fn cli(db: &Path, model: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.arg("--db").arg(db).args(args).env_remove("FACTDESK_DB");
    if let Some(m) = model {
        cmd.env("FACTDESK_MODEL", m);
    }
    cmd.output().expect("factdesk-cli runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Another publisher's fact-check, as ClaimReview markup (written for this test).
const REVIEW: &str = r#"{
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "https://checks.example.org/2024/02/ukraine-aid-stalled",
  "datePublished": "2024-02-21",
  "author": { "@type": "Organization", "name": "Harbour Fact Check", "url": "https://checks.example.org" },
  "claimReviewed": "Congress has stalled a $60 billion aid package for Ukraine",
  "itemReviewed": { "@type": "Claim", "author": { "@type": "Person", "name": "Ana Lima" }, "datePublished": "2024-02-20" },
  "reviewRating": { "@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1, "alternateName": "Accurate" }
}"#;

fn workspace(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.factdesk");
    let feed = dir.join("review.json");
    std::fs::write(&feed, REVIEW).unwrap();
    ok(&cli(&db, None, &["import", "claimreview", feed.to_str().unwrap()]));
    for text in [
        "Congress approved a $6 billion aid package for Ukraine last week",
        "Hospital waiting lists in Wales grew for the third year running",
        "The city council cut bus routes to three rural villages in 2023",
    ] {
        ok(&cli(&db, None, &["claim", "add", "--text", text]));
    }
    db
}

#[test]
fn a_paraphrase_finds_another_publishers_fact_check_by_meaning() {
    let model = factdesk_core::paths::model_dir();
    if !model.join("model.safetensors").is_file() {
        eprintln!("SKIPPED: no matching model at {} (run `make model`)", model.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let model = model.to_str().unwrap();
    // Other words, another spelling of the figure: no word of "stalled", "Congress" or "package".
    let asked = "Lawmakers are holding up the 60bn dollar Ukraine aid bill";
    let first = cli(&db, Some(model), &["claim", "similar", "--text", asked, "--json"]);
    let out: serde_json::Value = serde_json::from_str(&ok(&first)).unwrap();
    let found = out.as_array().unwrap();
    assert!(String::from_utf8_lossy(&first.stderr).contains("Indexing 4 claims"), "{}", String::from_utf8_lossy(&first.stderr));
    let top = &found[0];
    assert_eq!(top["text"], "Congress has stalled a $60 billion aid package for Ukraine", "{out:#}");
    assert_eq!(top["origin"], "imported");
    assert_eq!(top["publisher"], "Harbour Fact Check");
    assert_eq!(top["publisher_rating"], "Accurate");
    assert!(top["uuid"].as_str().is_some_and(|u| u.len() == 36));
    assert!(top["score"].as_f64().is_some_and(|s| s > 0.4 && s <= 1.0), "{top}");
    // The near miss ($6 billion, approved) is never above it, and says what differs when shown.
    for other in &found[1..] {
        if other["text"].as_str().unwrap().contains("$6 billion") {
            assert!(other["score"].as_f64() < top["score"].as_f64());
            assert!(other["differs"].as_array().unwrap().iter().any(|d| d == "figure"), "{other}");
        }
    }
    // The vectors were stored: a second run has nothing to index and gives the same answer.
    let again = cli(&db, Some(model), &["claim", "similar", "--text", asked, "--json"]);
    let again_out: serde_json::Value = serde_json::from_str(&ok(&again)).unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("Indexing"), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(again_out[0]["uuid"], top["uuid"]);
    // The table form names the publisher.
    let table = ok(&cli(&db, Some(model), &["claim", "similar", "--text", asked, "--limit", "1"]));
    assert!(table.contains("checked by Harbour Fact Check: Accurate"), "{table}");
    assert_eq!(table.lines().count(), 1, "{table}");
    // The same sentence with a word added: a near miss that names the word.
    let edited = "The city council cut school bus routes to three rural villages in 2023";
    let out: serde_json::Value = serde_json::from_str(&ok(&cli(&db, Some(model), &["claim", "similar", "--text", edited, "--json"]))).unwrap();
    let near = &out[0];
    assert_eq!(near["text"], "The city council cut bus routes to three rural villages in 2023", "{out:#}");
    assert_eq!(near["differs"], serde_json::json!(["qualifier"]), "{near}");
    assert_eq!((&near["theirs"], &near["yours"]), (&serde_json::json!([]), &serde_json::json!(["school"])), "{near}");
    let table = ok(&cli(&db, Some(model), &["claim", "similar", "--text", edited, "--limit", "1"]));
    assert!(table.contains("(differs: qualifier; yours: school)"), "{table}");
}

#[test]
fn without_a_model_it_says_so_and_matches_by_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let missing = dir.path().join("no-model-here");
    let o = cli(&db, Some(missing.to_str().unwrap()), &["claim", "similar", "--text", "Congress has stalled the $60 billion Ukraine aid package", "--json"]);
    let out: serde_json::Value = serde_json::from_str(&ok(&o)).unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Matching by words only"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
    assert_eq!(out[0]["text"], "Congress has stalled a $60 billion aid package for Ukraine", "{out:#}");
    // A folder named on the command line must work: a mistake there is an error, not a fallback.
    let named = cli(&db, None, &["--model-dir", missing.to_str().unwrap(), "claim", "similar", "--text", "anything at all here"]);
    assert!(!named.status.success());
    let err = String::from_utf8_lossy(&named.stderr);
    assert!(err.contains("no-model-here"), "{err}");
}

/// The folder chosen in the window's Settings (`model.json` in the app's config folder) is the one
/// the command line uses too, after `--model-dir` and `FACTDESK_MODEL`.
#[test]
fn the_model_chosen_in_the_apps_settings_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let (config, data) = (dir.path().join("config"), dir.path().join("data"));
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
        cmd.arg("--db").arg(&db).args(args).env_remove("FACTDESK_DB").env_remove("FACTDESK_MODEL");
        cmd.env("XDG_CONFIG_HOME", &config).env("XDG_DATA_HOME", &data).output().expect("factdesk-cli runs")
    };
    let ask = ["claim", "similar", "--text", "Lawmakers are holding up the 60bn dollar Ukraine aid bill", "--json"];
    // A chosen folder that is gone: matching by words, and the message says whose choice it was.
    let gone = dir.path().join("chosen-but-gone");
    factdesk_core::files::save_model_choice(&config.join("factdesk"), Some(&gone)).unwrap();
    let o = run(&ask);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("chosen in the app's Settings") && err.contains("chosen-but-gone"), "{err}");
    // The real model chosen in Settings, none installed in the data folder: matched by meaning.
    let model = factdesk_core::paths::model_dir();
    if !model.join("model.safetensors").is_file() {
        eprintln!("SKIPPED (by meaning): no matching model at {} (run `make model`)", model.display());
        return;
    }
    factdesk_core::files::save_model_choice(&config.join("factdesk"), Some(&model)).unwrap();
    let o = run(&ask);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Indexing 4 claims") && !err.contains("words only"), "{err}");
    let out: serde_json::Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(out[0]["text"], "Congress has stalled a $60 billion aid package for Ukraine", "{out:#}");
}
