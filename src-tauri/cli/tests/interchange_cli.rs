//! `factdesk-cli import …`, `backup` and `restore` as a user runs them: the built binary on real
//! workspace files. The shared ClaimReview fixtures are read in place from `../shared`; the test that
//! needs them skips with a message when that folder is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn claim_count(db: &Path) -> usize {
    let list: serde_json::Value = serde_json::from_str(&ok(&cli(&["claim", "list", "--json"], db))).unwrap();
    list.as_array().unwrap().len()
}

fn fixtures() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/claimreview");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: the shared ClaimReview fixtures are not at {} (../shared is absent)", dir.display());
        None
    }
}

fn core_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/interchange").join(name)
}

#[test]
fn import_claimreview_feeds_dry_run_first_then_once_only() {
    let Some(dir) = fixtures() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("w.factdesk");
    let feed = dir.join("datafeed_datacommons-dpa-item-plus-afp-vishvas.json");
    let feed = feed.to_str().unwrap();
    let dry = ok(&cli(&["import", "claimreview", feed, "--dry-run"], &db));
    assert!(dry.contains("Would read 4 ClaimReview records") && dry.contains("4 created") && dry.contains("Dry run: nothing was written"), "{dry}");
    assert!(dry.contains("create    record 1 (dataFeedElement[0].item[0])"), "{dry}");
    assert!(dry.contains("[False → false]"), "{dry}");
    assert_eq!(claim_count(&db), 0);
    let done = ok(&cli(&["import", "claimreview", feed], &db));
    assert!(done.contains("Read 4 ClaimReview records") && done.contains("4 created"), "{done}");
    assert_eq!(claim_count(&db), 4);
    let again = ok(&cli(&["import", "claimreview", feed, "--strict"], &db));
    assert!(again.contains("0 created, 0 updated, 4 unchanged, 0 skipped"), "{again}");
    for f in ["array_datacommons-research-2019_politifact-weeklystandard.json", "graph_africacheck_2020-03-27.json"] {
        ok(&cli(&["import", "claimreview", dir.join(f).to_str().unwrap()], &db));
    }
    assert_eq!(claim_count(&db), 11, "all 11 shared records");
    let report: serde_json::Value =
        serde_json::from_str(&ok(&cli(&["import", "claimreview", feed, "--json", "--dry-run"], &db))).unwrap();
    assert_eq!(report["unchanged"], 4);
    assert_eq!(report["written"], false);
}

#[test]
fn skipped_records_are_listed_and_strict_refuses_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("w.factdesk");
    ok(&cli(&["demo"], &db));
    let bent = core_fixture("bent.json");
    let out = cli(&["import", "claimreview", bent.to_str().unwrap(), "--strict"], &db);
    assert_eq!(out.status.code(), Some(2), "a validation error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Record 2 (dataFeedElement[1].item), claimReviewed: no claim text"), "{err}");
    assert_eq!(claim_count(&db), 5, "nothing written");
    let done = ok(&cli(&["import", "claimreview", bent.to_str().unwrap()], &db));
    assert!(done.contains("2 created, 1 updated, 0 unchanged, 2 skipped"), "{done}");
    assert!(done.contains("skip      record 2 (dataFeedElement[1].item) (no claim text (claimReviewed is empty))"), "{done}");
    assert!(done.contains("note: datePublished: “next Tuesday” is not a date"), "{done}");
    assert_eq!(claim_count(&db), 7);

    let broken = tmp.path().join("broken.json");
    let text = std::fs::read_to_string(&bent).unwrap();
    std::fs::write(&broken, &text[..text.len() / 2]).unwrap();
    let out = cli(&["import", "claimreview", broken.to_str().unwrap()], &db);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not valid JSON") && err.contains("line") && err.contains("Nothing was imported"), "{err}");
    assert_eq!(claim_count(&db), 7);
}

#[test]
fn a_workspace_bundle_and_the_claims_csv_move_to_another_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("w.factdesk");
    ok(&cli(&["demo"], &db));
    let json = tmp.path().join("all.json");
    let csv = tmp.path().join("all.csv");
    ok(&cli(&["export", "--format", "json", "--all", "--out", json.to_str().unwrap()], &db));
    ok(&cli(&["export", "--format", "csv", "--all", "--out", csv.to_str().unwrap()], &db));
    let other = tmp.path().join("other.factdesk");
    let done = ok(&cli(&["import", "json", json.to_str().unwrap(), "--strict"], &other));
    assert!(done.contains("Read 5 claims of a Factdesk JSON export") && done.contains("5 created"), "{done}");
    let (a, b) = (ok(&cli(&["claim", "show", "0190f3a0-0000-7000-8000-00000000c002"], &db)), ok(&cli(&["claim", "show", "0190f3a0-0000-7000-8000-00000000c002"], &other)));
    let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&a).unwrap(), serde_json::from_str(&b).unwrap());
    for field in ["text", "summary", "said_on", "status", "tags", "verdicts", "evidence"] {
        let strip = |v: &serde_json::Value| {
            let mut v = v.clone();
            for e in v.as_array_mut().into_iter().flatten() {
                if let Some(o) = e.as_object_mut() {
                    for k in ["anchor", "created_at", "capture", "source"] {
                        o.remove(k);
                    }
                }
            }
            v
        };
        assert_eq!(strip(&a[field]), strip(&b[field]), "{field}");
    }
    assert!(ok(&cli(&["import", "json", json.to_str().unwrap()], &other)).contains("5 unchanged"));
    let third = tmp.path().join("third.factdesk");
    let done = ok(&cli(&["import", "csv", csv.to_str().unwrap()], &third));
    assert!(done.contains("5 created"), "{done}");
    assert_eq!(claim_count(&third), 5);
    let out = cli(&["import", "csv", json.to_str().unwrap()], &third);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("This is JSON, not a CSV"));
}

#[test]
fn backup_and_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("w.factdesk");
    ok(&cli(&["demo"], &db));
    let backup = tmp.path().join("w.backup");
    let said = ok(&cli(&["backup", backup.to_str().unwrap()], &db));
    assert!(said.contains("Backed up") && said.contains("5 claims"), "{said}");
    let out = cli(&["backup", db.to_str().unwrap()], &db);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("open workspace"));
    ok(&cli(&["claim", "add", "--text", "Added after the backup."], &db));
    assert_eq!(claim_count(&db), 6);
    let said = ok(&cli(&["restore", backup.to_str().unwrap()], &db));
    assert!(said.contains("5 claims") && said.contains("before-restore"), "{said}");
    assert_eq!(claim_count(&db), 5);
    let kept = tmp.path().join("w.factdesk.before-restore");
    assert_eq!(claim_count(&kept), 6);
    let junk = tmp.path().join("junk.txt");
    std::fs::write(&junk, "not a workspace").unwrap();
    let out = cli(&["restore", junk.to_str().unwrap()], &db);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Factdesk workspace"));
    assert_eq!(claim_count(&db), 5);
}
