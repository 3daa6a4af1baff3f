//! Every store operation, on a real SQLite file in a temporary directory.

use chrono::NaiveDate;
use factdesk_core::model::*;
use factdesk_core::store::{MIGRATIONS, SCHEMA_VERSION};
use factdesk_core::{Error, Store};
use rusqlite::Connection;

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    (dir, path)
}

fn claim(text: &str) -> ClaimInput {
    ClaimInput { text: text.into(), ..Default::default() }
}

fn source(url: &str, title: &str) -> SourceInput {
    SourceInput { url: url.into(), title: title.into(), ..Default::default() }
}

fn q(search: &str) -> SourceQuery {
    SourceQuery { search: Some(search.into()), ..Default::default() }
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    Connection::open(path).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[track_caller]
fn assert_validation<T: std::fmt::Debug>(r: Result<T, Error>, want_field: &str) -> String {
    match r {
        Err(Error::Validation { field, message }) => {
            assert_eq!(field, want_field, "wrong field named; message was: {message}");
            assert!(!message.is_empty());
            message
        }
        other => panic!("expected a Validation error on {want_field}, got {other:?}"),
    }
}

#[test]
fn migrations_are_valid() {
    MIGRATIONS.validate().unwrap();
}

#[test]
fn open_sets_the_pragmas_and_schema() {
    let (_d, path) = workspace();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app_id, factdesk_core::store::APPLICATION_ID);
}

#[test]
fn open_refuses_a_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/desk.factdesk");
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!dir.path().join("a").exists(), "a mistyped path makes no folder");
    let made = dir.path().join("desk.factdesk");
    Store::open(&made).unwrap();
    assert!(made.exists());
}

#[test]
fn refuses_files_that_are_not_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    let content = "this is a text file, not a database, and it is long enough to have a header";
    std::fs::write(&text, content).unwrap();
    let err = Store::open(&text).unwrap_err();
    assert!(matches!(err, Error::Workspace(_)), "{err:?}");
    assert!(err.to_string().contains("not a Factdesk workspace"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), content, "the file must be left untouched");

    let other = dir.path().join("other.sqlite");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE recipes (name TEXT);").unwrap();
    let err = Store::open(&other).unwrap_err();
    assert!(err.to_string().contains("not a Factdesk workspace"), "{err}");
}

#[test]
fn refuses_a_workspace_from_a_newer_version() {
    let (_d, path) = workspace();
    Store::open(&path).unwrap();
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("newer Factdesk"), "{err}");
}

#[test]
fn create_and_read_a_claim() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let c = store
        .create_claim(&ClaimInput {
            text: "  We have no plans to send US service members to fight in Ukraine.  ".into(),
            claimant: Some("Pat Ryder".into()),
            claimant_role: Some("Pentagon Press Secretary".into()),
            said_on: Some("2024-02-27".into()),
            said_where: "Pentagon briefing".into(),
            tags: vec!["ukraine".into(), " #Ukraine ".into(), "".into(), "pentagon".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(c.text, "We have no plans to send US service members to fight in Ukraine.");
    assert_eq!(c.status, ClaimStatus::New);
    let claimant = c.claimant.as_ref().unwrap();
    assert_eq!(claimant.name, "Pat Ryder");
    assert_eq!(claimant.role.as_deref(), Some("Pentagon Press Secretary"));
    assert_eq!(c.said_on, NaiveDate::from_ymd_opt(2024, 2, 27));
    assert_eq!(c.tags, vec!["pentagon", "ukraine"], "tags are trimmed and de-duplicated");
    assert_eq!(c.history.len(), 1);
    assert_eq!(c.history[0].action, "created");
    assert!(uuid::Uuid::parse_str(&c.uuid).unwrap().get_version_num() == 7);

    // The claimant is one entity, found case-insensitively.
    let c2 = store.create_claim(&ClaimInput { claimant: Some("pat ryder".into()), ..claim("Another") }).unwrap();
    assert_eq!(c2.claimant.unwrap().uuid, claimant.uuid);
    assert_eq!(count(&path, "claimants"), 1);
}

#[test]
fn invalid_claims_are_refused_naming_the_field() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    assert_validation(store.create_claim(&claim("")), "text");
    assert_validation(store.create_claim(&claim(" \n\t ")), "text");
    assert_validation(store.create_claim(&claim(&"x".repeat(5001))), "text");
    let future = chrono::Utc::now().date_naive() + chrono::Days::new(30);
    assert_validation(store.create_claim(&ClaimInput { said_on: Some(future.to_string()), ..claim("ok") }), "said_on");
    for bad in ["27/02/2024", "2024-02-30", "yesterday", "2024-2"] {
        let msg = assert_validation(store.create_claim(&ClaimInput { said_on: Some(bad.into()), ..claim("ok") }), "said_on");
        assert!(msg.contains("YYYY-MM-DD"), "{msg}");
    }
    assert_eq!(store.create_claim(&ClaimInput { said_on: Some("  ".into()), ..claim("blank date is none") }).unwrap().said_on, None);
    let bad_source = SourceInput { published_on: Some("Feb 2024".into()), ..source("https://example.org/d", "D") };
    assert_validation(store.create_source(&bad_source), "published_on");
    assert_validation(store.create_claim(&ClaimInput { tags: vec!["t".repeat(61)], ..claim("ok") }), "tags");
    assert_eq!(count(&path, "claims"), 1, "only the valid claim with a blank date");
    assert_eq!(count(&path, "sources"), 0);
}

#[test]
fn editing_a_claim_records_what_changed() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let c = store.create_claim(&claim("The package is $60 billion.")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    let edited = store
        .update_claim(
            &c.uuid,
            &ClaimInput {
                text: "A $60 billion aid package remains held up in Congress.".into(),
                status: Some(ClaimStatus::Researching),
                claimant: Some("Distinct Post".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(edited.text, "A $60 billion aid package remains held up in Congress.");
    assert_eq!(edited.status, ClaimStatus::Researching);
    assert_eq!(edited.claimant.unwrap().name, "Distinct Post");
    assert!(edited.updated_at > c.updated_at);
    // The status move and the field edits are two history rows of the same change.
    assert_eq!(edited.history.len(), 3);
    let h = &edited.history[0];
    assert_eq!(h.action, "updated");
    assert!(h.summary.contains("wording") && h.summary.contains("claimant"), "{}", h.summary);
    assert!(!h.summary.contains("status"), "{}", h.summary);
    assert_eq!(edited.history[1].summary, "Status new → researching");

    // Saving without changes records nothing.
    let again = store
        .update_claim(
            &c.uuid,
            &ClaimInput {
                text: edited.text.clone(),
                claimant: Some("Distinct Post".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(again.history.len(), 3);

    assert_validation(store.update_claim(&c.uuid, &claim("")), "text");
    assert!(matches!(store.update_claim("no-such-uuid", &claim("x")), Err(Error::NotFound { .. })));
    assert_eq!(store.get_claim(&c.uuid).unwrap().text, edited.text, "a refused edit changes nothing");
}

#[test]
fn a_failed_multi_row_write_leaves_no_partial_rows() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    store.create_claim(&claim("Already here")).unwrap();
    let before: Vec<i64> = ["claims", "claimants", "claim_tags", "history", "claims_fts"].map(|t| count(&path, t)).into();
    let batch = vec![
        ClaimInput { claimant: Some("New Person".into()), tags: vec!["a".into()], ..claim("First good claim") },
        ClaimInput { claimant: Some("Another Person".into()), ..claim("Second good claim") },
        claim("   "),
        claim("Never reached"),
    ];
    let msg = assert_validation(store.create_claims(&batch), "text");
    assert!(msg.starts_with("Claim 3 of 4"), "{msg}");
    let after: Vec<i64> = ["claims", "claimants", "claim_tags", "history", "claims_fts"].map(|t| count(&path, t)).into();
    assert_eq!(before, after, "nothing of the batch may remain");
    assert_eq!(store.list_claims(&ClaimQuery { search: Some("good".into()), ..Default::default() }).unwrap().total, 0);

    // The same batch without the bad row lands whole.
    let ok = store.create_claims(&[batch[0].clone(), batch[1].clone(), batch[3].clone()]).unwrap();
    assert_eq!(ok.len(), 3);
    assert_eq!(count(&path, "claims"), 4);
}

#[test]
fn sources_are_validated_and_not_duplicated() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    for bad in ["not a url", "example.org/page", "ftp://example.org/file", "javascript:alert(1)", "http://"] {
        assert_validation(store.create_source(&source(bad, "Title")), "url");
    }
    assert_validation(store.create_source(&source("https://example.org/a", "  ")), "title");
    let s = store
        .create_source(&SourceInput {
            url: "https://www.congress.gov/bill/118th-congress/house-bill/815".into(),
            title: "H.R.815".into(),
            publisher: "Congress.gov".into(),
            published_on: Some("2024-02-13".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.publisher, "Congress.gov");
    assert!(s.accessed_at.is_some());
    match store.create_source(&source("https://www.congress.gov/bill/118th-congress/house-bill/815", "Again")) {
        Err(Error::Conflict(m)) => assert!(m.contains("H.R.815"), "{m}"),
        other => panic!("expected Conflict, got {other:?}"),
    }
    assert_eq!(count(&path, "sources"), 1);
    assert_eq!(store.list_sources(&q("congress 815")).unwrap().len(), 1);
    assert_eq!(store.list_sources(&q("nothing-like-this")).unwrap().len(), 0);
    assert_eq!(store.list_sources(&q("100%")).unwrap().len(), 0, "LIKE wildcards are escaped");
    assert_eq!(store.get_source(&s.uuid).unwrap(), s);
}

#[test]
fn evidence_links_a_claim_to_a_source() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let c = store.create_claim(&claim("A $60 billion aid package remains held up in Congress.")).unwrap();
    let s = store.create_source(&source("https://www.congress.gov/bill/118th-congress/house-bill/815", "H.R.815")).unwrap();
    let e = store
        .add_evidence(&EvidenceInput {
            correction_reason: None,
            correction_kind: None,
            claim_uuid: c.uuid.clone(),
            source_uuid: s.uuid.clone(),
            excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.".into(),
            stance: Stance::Supports,
            note: "Senate passed it; House did not vote.".into(),
        })
        .unwrap();
    assert_eq!(e.source.uuid, s.uuid);
    assert_eq!(e.stance, Stance::Supports);
    let detail = store.get_claim(&c.uuid).unwrap();
    assert_eq!(detail.evidence, vec![e]);
    assert!(detail.history[0].summary.contains("H.R.815"), "{}", detail.history[0].summary);
    let listed = store.list_claims(&ClaimQuery::default()).unwrap();
    assert_eq!(listed.items[0].evidence_count, 1);

    let bad_claim = EvidenceInput {
            correction_reason: None,
            correction_kind: None,
        claim_uuid: "missing".into(),
        source_uuid: s.uuid.clone(),
        excerpt: String::new(),
        stance: Stance::Context,
        note: String::new(),
    };
    assert!(matches!(store.add_evidence(&bad_claim), Err(Error::NotFound { what: "claim", .. })));
    let bad_source = EvidenceInput { claim_uuid: c.uuid.clone(), source_uuid: "missing".into(), ..bad_claim };
    assert!(matches!(store.add_evidence(&bad_source), Err(Error::NotFound { what: "source", .. })));
    assert_eq!(count(&path, "evidence"), 1);
}

#[test]
fn a_later_verdict_supersedes_the_earlier_one() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let c = store.create_claim(&claim("The war entered its third year this month.")).unwrap();
    let scale = store.rating_scale().unwrap();
    assert_eq!(scale.ratings.len(), 6);
    assert_eq!(scale.ratings[0].key, "true");
    assert!(scale.ratings.windows(2).all(|w| w[0].value > w[1].value), "best first");

    let v1 = store
        .record_verdict(&VerdictInput {
            correction_reason: None,
            correction_kind: None,
            claim_uuid: c.uuid.clone(),
            rating_key: "mostly_true".into(),
            rationale: "Depends on which war.".into(),
        })
        .unwrap();
    assert_eq!(v1.rating.label, "Mostly true");
    assert!(v1.superseded_at.is_none());
    let v2 = store
        .record_verdict(&VerdictInput {
            correction_reason: None,
            correction_kind: None,
            claim_uuid: c.uuid.clone(),
            rating_key: "true".into(),
            rationale: "Counted from the full-scale invasion of 24 February 2022.".into(),
        })
        .unwrap();
    let detail = store.get_claim(&c.uuid).unwrap();
    assert_eq!(detail.verdict.as_ref().unwrap().uuid, v2.uuid);
    assert_eq!(detail.verdicts.len(), 2);
    assert_eq!(detail.verdicts[0].uuid, v2.uuid, "newest first");
    assert_eq!(detail.verdicts[1].uuid, v1.uuid);
    assert_eq!(detail.verdicts[1].rationale, "Depends on which war.", "the earlier verdict is kept as it was");
    assert!(detail.verdicts[1].superseded_at.is_some());
    assert!(detail.history[0].summary.contains("superseding “Mostly true”"), "{}", detail.history[0].summary);
    assert_eq!(store.list_claims(&ClaimQuery::default()).unwrap().items[0].rating.as_ref().unwrap().key, "true");

    // Refused verdicts leave the current one in place.
    let msg = assert_validation(
        store.record_verdict(&VerdictInput {
            correction_reason: None,
            correction_kind: None,
            claim_uuid: c.uuid.clone(),
            rating_key: "pants_on_fire".into(),
            rationale: "x".into(),
        }),
        "rating_key",
    );
    assert!(msg.contains("Mostly true"), "the message lists the scale: {msg}");
    assert_validation(
        store.record_verdict(&VerdictInput { correction_reason: None, correction_kind: None, claim_uuid: c.uuid.clone(), rating_key: "false".into(), rationale: " ".into() }),
        "rationale",
    );
    let detail = store.get_claim(&c.uuid).unwrap();
    assert_eq!(detail.verdict.unwrap().uuid, v2.uuid);
    assert_eq!(count(&path, "verdicts"), 2);
}

#[test]
fn the_list_filters_searches_and_pages_by_keyset() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let mut inputs = Vec::new();
    for i in 0..120 {
        inputs.push(ClaimInput {
            text: format!("Claim number {i} about {}", if i % 3 == 0 { "Ukraine aid" } else { "whale strandings" }),
            claimant: Some(if i % 2 == 0 { "Pat Ryder" } else { "Emmanuel Macron" }.into()),
            status: Some(if i % 5 == 0 { ClaimStatus::Researching } else { ClaimStatus::New }),
            ..Default::default()
        });
    }
    store.create_claims(&inputs).unwrap();

    // Pages cover every claim exactly once, newest first.
    let mut seen = std::collections::HashSet::new();
    let mut q = ClaimQuery { limit: Some(25), ..Default::default() };
    let mut pages = 0;
    loop {
        let page = store.list_claims(&q).unwrap();
        assert_eq!(page.total, 120);
        pages += 1;
        for item in &page.items {
            assert!(seen.insert(item.uuid.clone()), "claim listed twice");
        }
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 120);
    assert_eq!(pages, 5);

    let s = |store: &Store, search: &str| {
        store.list_claims(&ClaimQuery { search: Some(search.into()), ..Default::default() }).unwrap()
    };
    assert_eq!(s(&store, "ukraine").total, 40);
    assert_eq!(s(&store, "ukr").total, 40, "words match as prefixes while typing");
    assert_eq!(s(&store, "UKRAINE AID").total, 40);
    assert_eq!(s(&store, "macron whale").total, 40, "claimant names are searched too");
    assert_eq!(s(&store, "ryder ukraine").total, 20);
    assert_eq!(s(&store, "nothing").total, 0);
    for odd in ["\"", "AND", "OR NOT", "*", "-ukraine", "ukraine\" OR \"x", "(", "NEAR(a b)", "   "] {
        store.list_claims(&ClaimQuery { search: Some(odd.into()), ..Default::default() }).unwrap();
    }
    assert_eq!(s(&store, "   ").total, 120, "an empty search shows everything");
    let researching = store
        .list_claims(&ClaimQuery { status: Some(ClaimStatus::Researching), ..Default::default() })
        .unwrap();
    assert_eq!(researching.total, 24);
    assert!(researching.items.iter().all(|c| c.status == ClaimStatus::Researching));

    // An edited claim moves to the top and the index follows its new text.
    let last = store.list_claims(&ClaimQuery { limit: Some(500), ..Default::default() }).unwrap().items.pop().unwrap();
    store.update_claim(&last.uuid, &claim("Now about pandas")).unwrap();
    assert_eq!(store.list_claims(&ClaimQuery::default()).unwrap().items[0].uuid, last.uuid);
    assert_eq!(s(&store, "pandas").total, 1);
    assert_eq!(s(&store, "pat ryder").total, 59, "the edit removed the claimant, and the index knows");
    assert_validation(store.list_claims(&ClaimQuery { cursor: Some("garbage".into()), ..Default::default() }), "cursor");
}

#[test]
fn everything_survives_closing_and_reopening() {
    let (_d, path) = workspace();
    let uuid = {
        let mut store = Store::open(&path).unwrap();
        store.set_actor("Ana Checker").unwrap();
        let c = store.create_claim(&ClaimInput { claimant: Some("Pat Ryder".into()), ..claim("Persisted claim") }).unwrap();
        let s = store.create_source(&source("https://example.org/x", "X")).unwrap();
        store
            .add_evidence(&EvidenceInput {
            correction_reason: None,
            correction_kind: None,
                claim_uuid: c.uuid.clone(),
                source_uuid: s.uuid,
                excerpt: "e".into(),
                stance: Stance::Refutes,
                note: "n".into(),
            })
            .unwrap();
        store
            .record_verdict(&VerdictInput { correction_reason: None, correction_kind: None, claim_uuid: c.uuid.clone(), rating_key: "false".into(), rationale: "r".into() })
            .unwrap();
        c.uuid
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.actor(), "Ana Checker");
    let c = store.get_claim(&uuid).unwrap();
    assert_eq!(c.text, "Persisted claim");
    assert_eq!(c.evidence.len(), 1);
    assert_eq!(c.verdict.as_ref().unwrap().rating.key, "false");
    assert_eq!(c.verdict.unwrap().author, "Ana Checker");
    assert!(c.history.iter().all(|h| h.actor == "Ana Checker"));
    assert_eq!(store.list_claims(&ClaimQuery { search: Some("persisted".into()), ..Default::default() }).unwrap().total, 1);
}

#[test]
fn the_demo_workspace_is_complete_and_idempotent() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let first = factdesk_core::demo::seed(&mut store).unwrap();
    assert!(first.claims_added >= 2 && first.sources_added >= 2);
    let aid = store.list_claims(&ClaimQuery { search: Some("$60 billion aid package".into()), ..Default::default() }).unwrap();
    assert_eq!(aid.total, 1);
    let aid = store.get_claim(&aid.items[0].uuid).unwrap();
    assert!(!aid.evidence.is_empty() && aid.verdict.is_some());
    assert_eq!(aid.verdicts.len(), 2, "the demo shows a superseded verdict");
    let ryder = store
        .list_claims(&ClaimQuery { search: Some("no plans to send US service members".into()), ..Default::default() })
        .unwrap();
    let ryder = store.get_claim(&ryder.items[0].uuid).unwrap();
    assert_eq!(ryder.claimant.as_ref().unwrap().name, "Pat Ryder");
    assert!(!ryder.evidence.is_empty() && ryder.verdict.is_some());

    // The user's edits survive a refresh, and a refresh adds nothing twice.
    store.update_claim(&ryder.uuid, &ClaimInput { text: "Edited by the user".into(), ..Default::default() }).unwrap();
    let total = store.info().unwrap().claim_count;
    assert_eq!(factdesk_core::demo::seed(&mut store).unwrap(), factdesk_core::demo::DemoReport::default());
    assert_eq!(store.info().unwrap().claim_count, total);
    assert_eq!(store.get_claim(&ryder.uuid).unwrap().text, "Edited by the user");
}

#[test]
fn errors_serialise_for_the_window() {
    let e = Error::validation("url", "bad address");
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v, serde_json::json!({ "kind": "Validation", "message": "bad address", "field": "url" }));
    let v = serde_json::to_value(Error::not_found("claim", "abc")).unwrap();
    assert_eq!(v["kind"], "NotFound");
    assert_eq!(v["field"], serde_json::Value::Null);
}

#[test]
fn a_very_common_search_reports_a_floor_and_still_pages_correctly() {
    let (_d, path) = workspace();
    let mut store = Store::open(&path).unwrap();
    let inputs: Vec<ClaimInput> = (0..2100)
        .map(|i| ClaimInput {
            text: format!("The budget rose in year {i}{}", if i % 700 == 0 { " zebra" } else { "" }),
            status: Some(if i % 2 == 0 { ClaimStatus::New } else { ClaimStatus::Researching }),
            ..Default::default()
        })
        .collect();
    store.create_claims(&inputs).unwrap();
    let q = |search: &str, status: Option<ClaimStatus>, cursor: Option<String>| ClaimQuery {
        search: Some(search.into()),
        status,
        limit: Some(500),
        cursor,
        ..Default::default()
    };
    // "budget" is in every claim: a floor, but every page is right and paging reaches them all.
    let first = store.list_claims(&q("budget", None, None)).unwrap();
    assert!(!first.total_exact);
    assert_eq!(first.total, 2000);
    let mut seen = first.items.len();
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = store.list_claims(&q("budget", None, Some(c))).unwrap();
        assert!(page.items.iter().all(|i| i.text.contains("budget")));
        seen += page.items.len();
        cursor = page.next_cursor;
    }
    assert_eq!(seen, 2100);
    // The whole list is counted up to the same floor, and with a filter under it exactly.
    let all = store.list_claims(&ClaimQuery::default()).unwrap();
    assert_eq!((all.total, all.total_exact), (2000, false));
    let new = store.list_claims(&ClaimQuery { status: Some(ClaimStatus::New), ..Default::default() }).unwrap();
    assert_eq!((new.total, new.total_exact), (1050, true));
    // A rare word is counted exactly; with a status filter the count is exact too.
    let rare = store.list_claims(&q("zebra", None, None)).unwrap();
    assert!(rare.total_exact);
    assert_eq!(rare.total, 3);
    let filtered = store.list_claims(&q("budget", Some(ClaimStatus::Researching), None)).unwrap();
    assert!(filtered.total_exact);
    assert_eq!(filtered.total, 1050);
    assert!(filtered.items.iter().all(|i| i.status == ClaimStatus::Researching));
}

#[test]
fn a_hidden_nul_is_refused_in_plain_words_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.factdesk")).unwrap();
    for (text, claimant) in [("\u{0}A claim pasted from a damaged file.", None), ("A claim.", Some("\u{0}Someone"))] {
        let input = ClaimInput { text: text.into(), claimant: claimant.map(String::from), ..ClaimInput::default() };
        let err = store.create_claim(&input).unwrap_err();
        assert_eq!(err.kind(), "Validation", "{err:?}");
        assert!(err.to_string().contains("NUL"), "{err}");
        assert!(!err.to_string().contains("CHECK"), "no SQLite wording: {err}");
    }
    assert_eq!(store.info().unwrap().claim_count, 0);
}
