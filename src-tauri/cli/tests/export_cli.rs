//! `factdesk-cli export` as a user runs it: the real binary on a real workspace file.

use std::path::Path;
use std::process::{Command, Output};

const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";

fn cli(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FACTDESK_DB")
        .output()
        .expect("factdesk-cli runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.factdesk");
    ok(&cli(&["demo"], &db));
    db
}

#[test]
fn every_format_of_the_demo_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (format, file, marker) in [
        ("md", "r.md", "# Fact-check report: All claims"),
        ("html", "r.html", "<!DOCTYPE html>"),
        ("csv", "r.csv", "\"claim_uuid\",\"text\""),
        ("csv-evidence", "e.csv", "\"claim_uuid\",\"evidence_uuid\""),
        ("json", "r.json", "\"factdesk_export\": 2"),
    ] {
        let out = dir.path().join(file);
        let said = ok(&cli(&["export", "--format", format, "--all", "--out", out.to_str().unwrap()], &db));
        assert!(said.contains("Exported 5 claims as"), "{said}");
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains(marker), "{format}: {}", &written[..200.min(written.len())]);
        if matches!(format, "md" | "html") {
            assert!(written.contains("generated 20"), "{format} is dated");
        }
    }
}

#[test]
fn one_claim_to_standard_output_and_claimreview_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let md = ok(&cli(&["export", "--format", "md", "--claim", C_AID, "--out", "-", "--no-date"], &db));
    assert!(md.starts_with("# Fact check: The $60 billion Ukraine aid package"), "{md}");
    assert!(!md.contains("generated"));

    let out = cli(&["export", "--format", "claimreview", "--tag", "aid", "--out", "-"], &db);
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(json[0]["@type"], "ClaimReview");
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: No publication address is set"));

    let with_url = cli(
        &["export", "--format", "claimreview", "--claim", C_AID, "--base-url", "https://desk.example/fc/", "--desk-name", "Desk", "--out", "-"],
        &db,
    );
    let one: serde_json::Value = serde_json::from_str(&ok(&with_url)).unwrap();
    assert_eq!(one["url"], format!("https://desk.example/fc/{C_AID}"));
    assert_eq!(one["author"]["name"], "Desk");
    assert!(with_url.stderr.is_empty(), "{}", String::from_utf8_lossy(&with_url.stderr));

    // The claim's own publication address wins over the pattern, and survives in the workspace.
    let page = "https://desk.example/2024/aid-package-check";
    assert_eq!(ok(&cli(&["claim", "published-at", C_AID, page], &db)).trim(), format!("{C_AID} is published at {page}"));
    let shown: serde_json::Value = serde_json::from_str(&ok(&cli(&["claim", "show", C_AID], &db))).unwrap();
    assert_eq!(shown["published_url"], page);
    let own = cli(&["export", "--format", "claimreview", "--claim", C_AID, "--base-url", "https://desk.example/fc/", "--desk-name", "Desk", "--out", "-"], &db);
    let own: serde_json::Value = serde_json::from_str(&ok(&own)).unwrap();
    assert_eq!(own["url"], page);
    let bad = cli(&["claim", "published-at", C_AID, "not an address"], &db);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a web address"), "{}", String::from_utf8_lossy(&bad.stderr));
    assert_eq!(ok(&cli(&["claim", "published-at", C_AID, ""], &db)).trim(), format!("{C_AID} has no publication address"));
}

#[test]
fn filters_combine() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let csv = ok(&cli(
        &["export", "--format", "csv", "--claimant", "Distinct Post", "--from", "2024-02-28", "--to", "2024-02-28", "--out", "-"],
        &db,
    ));
    assert_eq!(csv.lines().count(), 3, "a header and two claims:\n{csv}");
}

#[test]
fn bad_input_exits_2_with_a_plain_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out_file = dir.path().join("never.md");
    let out = out_file.to_str().unwrap();
    for (args, says) in [
        (vec!["export", "--format", "docx", "--all", "--out", out], "not an export format"),
        (vec!["export", "--format", "md", "--out", out], "--claim"),
        (vec!["export", "--format", "md", "--all", "--tag", "x", "--out", out], "cannot be used with"),
        (vec!["export", "--format", "md", "--tag", "no-such-tag", "--out", out], "Nothing to export"),
        (vec!["export", "--format", "md", "--from", "28/02/2024", "--out", out], "is not a date"),
        (vec!["export", "--format", "claimreview", "--claim", "0190f3a0-0000-7000-8000-00000000c003", "--out", out], "no verdict yet"),
        (vec!["export", "--format", "md", "--claimant", "Nobody", "--out", out], "No claimant is named “Nobody”"),
        (vec!["export", "--format", "md", "--status", "done", "--out", out], "is not a status"),
    ] {
        let o = cli(&args, &db);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out_file.exists(), "{args:?} wrote a file");
    }
    let folder = cli(&["export", "--format", "md", "--all", "--out", dir.path().to_str().unwrap()], &db);
    assert_eq!(folder.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&folder.stderr).contains("is a folder"));
    let missing = cli(&["export", "--format", "md", "--claim", "nope", "--out", out], &db);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("claim not found: nope"));
}
