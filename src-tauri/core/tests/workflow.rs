//! The workflow on a real workspace file: transitions, the publish gate, the checklist, the lock on
//! published claims and corrections; and migrating a database from every earlier schema version.

use factdesk_core::model::*;
use factdesk_core::store::{MIGRATIONS, SCHEMA_VERSION};
use factdesk_core::{Error, Store};
use rusqlite::Connection;

fn open() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[track_caller]
fn validation<T: std::fmt::Debug>(r: Result<T, Error>, want: &str) -> String {
    match r {
        Err(Error::Validation { field, message }) => {
            assert_eq!(field, want, "{message}");
            message
        }
        other => panic!("expected Validation on {want}, got {other:?}"),
    }
}

fn new_claim(store: &mut Store, text: &str) -> ClaimDetail {
    store.create_claim(&ClaimInput { text: text.into(), ..Default::default() }).unwrap()
}

fn evidence(claim: &str, source: &str, reason: Option<&str>) -> EvidenceInput {
    EvidenceInput {
        claim_uuid: claim.into(),
        source_uuid: source.into(),
        excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.".into(),
        stance: Stance::Supports,
        note: String::new(),
        correction_reason: reason.map(Into::into),
    }
}

fn verdict(claim: &str, key: &str, reason: Option<&str>) -> VerdictInput {
    VerdictInput {
        claim_uuid: claim.into(),
        rating_key: key.into(),
        rationale: format!("Rated {key} on the evidence."),
        correction_reason: reason.map(Into::into),
    }
}

/// A claim at `ready` with evidence, a verdict and every checklist item signed off.
fn ready_to_publish(store: &mut Store) -> (String, String) {
    let c = new_claim(store, "A $60 billion aid package remains held up in Congress.");
    let s = store
        .create_source(&SourceInput {
            url: "https://www.congress.gov/bill/118th-congress/house-bill/815".into(),
            title: "H.R.815".into(),
            ..Default::default()
        })
        .unwrap();
    store.add_evidence(&evidence(&c.uuid, &s.uuid, None)).unwrap();
    store.record_verdict(&verdict(&c.uuid, "mostly_true", None)).unwrap();
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready] {
        store.set_status(&c.uuid, to).unwrap();
    }
    for item in store.checklist().unwrap() {
        store.set_check(&c.uuid, &item.uuid, true).unwrap();
    }
    (c.uuid, s.uuid)
}

#[test]
fn transitions_follow_the_workflow() {
    let (_d, path, mut store) = open();
    let c = new_claim(&mut store, "The war entered its third year this month.");
    assert_eq!(c.next_statuses, vec![ClaimStatus::Researching, ClaimStatus::Archived]);

    let msg = validation(store.set_status(&c.uuid, ClaimStatus::Ready), "status");
    assert!(msg.contains("from new it can move to researching, archived"), "{msg}");
    let msg = validation(store.set_status(&c.uuid, ClaimStatus::Corrected), "status");
    assert!(msg.contains("only through a correction"), "{msg}");
    // The same through an edit of the claim.
    let edit = ClaimInput { text: c.text.clone(), status: Some(ClaimStatus::Published), ..Default::default() };
    validation(store.update_claim(&c.uuid, &edit), "status");
    assert_eq!(store.get_claim(&c.uuid).unwrap().status, ClaimStatus::New, "refused moves change nothing");

    let r = store.set_status(&c.uuid, ClaimStatus::Researching).unwrap();
    assert_eq!(r.status, ClaimStatus::Researching);
    assert_eq!(r.history[0].summary, "Status new → researching");
    store.set_status(&c.uuid, ClaimStatus::InReview).unwrap();
    // Sent back, then archived and reopened.
    store.set_status(&c.uuid, ClaimStatus::Researching).unwrap();
    store.set_status(&c.uuid, ClaimStatus::Archived).unwrap();
    assert_eq!(store.get_claim(&c.uuid).unwrap().next_statuses, vec![ClaimStatus::Researching]);
    store.set_status(&c.uuid, ClaimStatus::Researching).unwrap();
    assert_eq!(count(&path, "SELECT count(*) FROM history WHERE action = 'status'"), 5);

    // A claim cannot be created already in review or published.
    let msg = validation(
        store.create_claim(&ClaimInput { text: "x".into(), status: Some(ClaimStatus::Published), ..Default::default() }),
        "status",
    );
    assert!(msg.contains("new or researching"), "{msg}");
    let batch = [ClaimInput { text: "ok".into(), ..Default::default() },
                 ClaimInput { text: "y".into(), status: Some(ClaimStatus::Ready), ..Default::default() }];
    validation(store.create_claims(&batch), "status");
    assert_eq!(count(&path, "SELECT count(*) FROM claims"), 1);
}

#[test]
fn publishing_needs_a_verdict_evidence_and_the_checklist() {
    let (_d, _path, mut store) = open();
    let c = new_claim(&mut store, "No plans to send US service members to fight in Ukraine.");
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready] {
        store.set_status(&c.uuid, to).unwrap();
    }
    let detail = store.get_claim(&c.uuid).unwrap();
    assert_eq!(detail.checklist.len(), 3);
    assert!(detail.checklist.iter().all(|i| i.required && i.done_by.is_none()));
    assert_eq!(detail.publish_blockers.len(), 5, "{:?}", detail.publish_blockers);
    let msg = validation(store.set_status(&c.uuid, ClaimStatus::Published), "status");
    assert!(msg.contains("a verdict") && msg.contains("at least one evidence link"), "{msg}");
    assert!(msg.contains("Second reader signed off"), "{msg}");

    let s = store
        .create_source(&SourceInput { url: "https://www.defense.gov/News/Transcripts/".into(), title: "Briefing".into(), ..Default::default() })
        .unwrap();
    store.add_evidence(&evidence(&c.uuid, &s.uuid, None)).unwrap();
    store.record_verdict(&verdict(&c.uuid, "true", None)).unwrap();
    store.set_actor("Second Reader").unwrap();
    let items = store.checklist().unwrap();
    for item in &items[..2] {
        store.set_check(&c.uuid, &item.uuid, true).unwrap();
    }
    let detail = store.get_claim(&c.uuid).unwrap();
    assert_eq!(detail.publish_blockers, vec![format!("checklist: “{}”", items[2].label)]);
    assert_eq!(detail.checklist[0].done_by.as_deref(), Some("Second Reader"), "the sign-off records who");
    assert!(detail.checklist[0].done_at.is_some());
    assert!(detail.history[0].summary.starts_with("Signed off"), "{}", detail.history[0].summary);

    // Withdrawing a sign-off blocks publishing again.
    store.set_check(&c.uuid, &items[0].uuid, false).unwrap();
    validation(store.set_status(&c.uuid, ClaimStatus::Published), "status");
    store.set_check(&c.uuid, &items[0].uuid, true).unwrap();
    store.set_check(&c.uuid, &items[2].uuid, true).unwrap();
    let published = store.set_status(&c.uuid, ClaimStatus::Published).unwrap();
    assert_eq!(published.status, ClaimStatus::Published);
    assert_eq!(published.history[0].summary, "Published");
    assert!(published.publish_blockers.is_empty());
    assert!(matches!(store.set_check(&c.uuid, &items[0].uuid, false), Err(Error::Conflict(_))), "checklist closed");
    assert!(matches!(store.set_check(&c.uuid, "no-such-item", true), Err(Error::Conflict(_) | Error::NotFound { .. })));
}

#[test]
fn a_published_claim_changes_only_through_corrections() {
    let (_d, path, mut store) = open();
    let (claim, source) = ready_to_publish(&mut store);
    let published = store.set_status(&claim, ClaimStatus::Published).unwrap();
    let first_verdict = published.verdict.clone().unwrap();

    // The wording is locked; tags are not part of the published check.
    let mut edit = ClaimInput { text: "A different wording".into(), ..Default::default() };
    match store.update_claim(&claim, &edit) {
        Err(Error::Conflict(m)) => assert!(m.contains("wording"), "{m}"),
        other => panic!("expected Conflict, got {other:?}"),
    }
    edit.text = published.text.clone();
    edit.tags = vec!["aid".into()];
    assert_eq!(store.update_claim(&claim, &edit).unwrap().tags, vec!["aid"]);

    // A new verdict without a reason is refused and changes nothing.
    let msg = validation(store.record_verdict(&verdict(&claim, "true", None)), "correction_reason");
    assert!(msg.contains("correction"), "{msg}");
    validation(store.record_verdict(&verdict(&claim, "true", Some("   "))), "correction_reason");
    validation(store.add_evidence(&evidence(&claim, &source, None)), "correction_reason");
    let unchanged = store.get_claim(&claim).unwrap();
    assert_eq!(unchanged.status, ClaimStatus::Published);
    assert_eq!(unchanged.verdict.unwrap().uuid, first_verdict.uuid);
    assert_eq!(unchanged.evidence.len(), 1);
    assert_eq!(count(&path, "SELECT count(*) FROM corrections"), 0);

    // With a reason it is a correction: kept, shown, and the claim is marked corrected.
    store
        .record_verdict(&verdict(&claim, "true", Some("The bill text confirms the $60 billion figure.")))
        .unwrap();
    let corrected = store.get_claim(&claim).unwrap();
    assert_eq!(corrected.status, ClaimStatus::Corrected);
    assert_eq!(corrected.verdict.as_ref().unwrap().rating.key, "true");
    assert_eq!(corrected.verdicts[1].uuid, first_verdict.uuid, "the published verdict stays in the history");
    assert!(corrected.verdicts[1].superseded_at.is_some());
    assert_eq!(corrected.corrections.len(), 1);
    assert_eq!(corrected.corrections[0].what, "verdict");
    assert_eq!(corrected.corrections[0].reason, "The bill text confirms the $60 billion figure.");
    assert!(corrected.history.iter().any(|h| h.summary.starts_with("Correction of the verdict")));
    assert_eq!(corrected.next_statuses, vec![ClaimStatus::Archived]);

    store.add_evidence(&evidence(&claim, &source, Some("Added the Senate vote record."))).unwrap();
    let twice = store.get_claim(&claim).unwrap();
    assert_eq!(twice.corrections.len(), 2);
    assert_eq!(twice.corrections[0].what, "evidence", "newest first");
    assert_eq!(twice.status, ClaimStatus::Corrected);
}

#[test]
fn the_checklist_is_edited_in_settings() {
    let (_d, path, mut store) = open();
    let (claim, _) = ready_to_publish(&mut store);
    let items = store.checklist().unwrap();
    let edited = store
        .set_checklist(&[
            ChecklistItemInput { uuid: Some(items[0].uuid.clone()), label: "Claimant asked for comment".into(), required: true },
            ChecklistItemInput { uuid: Some(items[2].uuid.clone()), label: items[2].label.clone(), required: false },
            ChecklistItemInput { uuid: None, label: "Numbers recalculated".into(), required: true },
        ])
        .unwrap();
    assert_eq!(
        edited.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(),
        vec!["Claimant asked for comment", "Second reader signed off", "Numbers recalculated"]
    );
    assert_eq!(edited[0].uuid, items[0].uuid, "a renamed item keeps its identity");
    assert!(!edited[1].required);
    let detail = store.get_claim(&claim).unwrap();
    // The retired item's sign-off is still shown; the new required item blocks publishing.
    assert!(detail.checklist.iter().any(|c| c.label == items[1].label && c.done_by.is_some()));
    assert_eq!(detail.publish_blockers, vec!["checklist: “Numbers recalculated”".to_string()]);
    validation(store.set_status(&claim, ClaimStatus::Published), "status");

    let before = count(&path, "SELECT count(*) FROM checklist_items WHERE active = 1");
    let msg = validation(
        store.set_checklist(&[
            ChecklistItemInput { uuid: None, label: "Same".into(), required: true },
            ChecklistItemInput { uuid: None, label: "same ".into(), required: true },
        ]),
        "label",
    );
    assert!(msg.contains("twice"), "{msg}");
    validation(store.set_checklist(&[ChecklistItemInput { uuid: None, label: " ".into(), required: true }]), "label");
    assert_eq!(count(&path, "SELECT count(*) FROM checklist_items WHERE active = 1"), before, "refused edits change nothing");
}

/// A workspace written at every earlier schema version opens with this version and keeps its data.
#[test]
fn databases_from_every_earlier_schema_version_migrate_without_loss() {
    for version in 1..SCHEMA_VERSION as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.factdesk"));
        {
            let mut conn = Connection::open(&path).unwrap();
            MIGRATIONS.to_version(&mut conn, version).unwrap();
            conn.execute_batch(
                "INSERT INTO claimants (uuid, name, role, created_at, updated_at)
                   VALUES ('c1', 'Pat Ryder', 'Pentagon Press Secretary', '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
                 INSERT INTO claims (uuid, text, claimant_id, said_on, status, created_at, updated_at)
                   VALUES ('k1', 'We have no plans to send US service members to fight in Ukraine.', 1, '2024-02-27', 'published',
                           '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
                 INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (1, 'We have no plans to send US service members to fight in Ukraine.', '', 'Pat Ryder');
                 INSERT INTO sources (uuid, url, title, created_at, updated_at)
                   VALUES ('s1', 'https://www.defense.gov/News/Transcripts/', 'Briefing', '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
                 INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, created_at, updated_at)
                   VALUES ('e1', 1, 1, 'no plans', 'supports', '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
                 INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, created_at)
                   VALUES ('v1', 1, (SELECT id FROM ratings WHERE key = 'true'), 'Matches stated policy.', 'Ana', '2024-02-28T09:00:00.000000Z');
                 INSERT INTO history (at, actor, entity, entity_uuid, claim_id, action, detail)
                   VALUES ('2024-02-27T10:00:00.000000Z', 'Ana', 'claim', 'k1', 1, 'created', '{\"summary\":\"Captured the claim\"}');",
            )
            .unwrap();
            if version >= 8 {
                // From schema 8 the store writes what surrounds a claim into its own index, in the
                // transaction that adds the evidence or verdict: a v8 file holds that row.
                conn.execute_batch(
                    "INSERT INTO claim_context_fts (rowid, source_title, excerpt, rationale) VALUES (1, 'Briefing', 'no plans', 'Matches stated policy.');",
                )
                .unwrap();
            }
            if version >= 10 {
                // From schema 10 the store names every history row it writes.
                conn.execute_batch("UPDATE history SET uuid = '0190f000-0000-7000-8000-000000000001' WHERE uuid IS NULL;").unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let c = store.get_claim("k1").unwrap();
        assert_eq!(c.text, "We have no plans to send US service members to fight in Ukraine.");
        assert_eq!(c.claimant.unwrap().role.as_deref(), Some("Pentagon Press Secretary"));
        assert_eq!(c.status, ClaimStatus::Published);
        assert_eq!(c.evidence[0].excerpt, "no plans");
        assert_eq!(c.verdict.unwrap().rationale, "Matches stated policy.");
        assert_eq!(c.history[0].summary, "Captured the claim");
        assert_eq!(store.list_claims(&ClaimQuery { search: Some("service members".into()), ..Default::default() }).unwrap().total, 1);
        assert_eq!(store.rating_scale().unwrap().ratings.len(), 6);
        // Schema 8: what surrounds the claim is searchable (here its rationale and source title),
        // and the claim is scored for check-worthiness when the old file is first opened.
        for words in ["stated policy", "briefing"] {
            let page = store.list_claims(&ClaimQuery { search: Some(words.into()), ..Default::default() }).unwrap();
            assert_eq!(page.items.len(), 1, "v{version}: {words}");
            assert!(page.items[0].snippet.is_some(), "v{version}: {words}");
        }
        assert!(store.get_claim("k1").unwrap().worthiness.is_some_and(|w| w > 0.0), "v{version}");
        // Schema 9: every claim of an older file waits for its vector for matching by meaning (a
        // v9 file's claims were queued by the store that wrote them, not by this raw insert).
        if version < 9 {
            assert_eq!(store.vector_queue_len().unwrap(), 1, "v{version}");
        }
        // Schema 11: how many claims cite a source is read from the (source, claim) index; a
        // claim's evidence does not count it.
        assert_eq!(store.get_source("s1").unwrap().cited_by, Some(1), "v{version}");
        assert_eq!(store.get_claim("k1").unwrap().evidence[0].source.cited_by, None, "v{version}");
        // Schema 10: every history row has a UUID, so it is one row on a desk.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let unnamed: i64 = conn.query_row("SELECT count(*) FROM history WHERE uuid IS NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(unnamed, 0, "v{version}");
    }
}

#[test]
fn an_archived_published_claim_comes_back_published_never_as_a_draft() {
    let (_d, _path, mut store) = open();
    let (claim, _) = ready_to_publish(&mut store);
    store.set_status(&claim, ClaimStatus::Published).unwrap();
    let archived = store.set_status(&claim, ClaimStatus::Archived).unwrap();
    assert_eq!(archived.next_statuses, vec![ClaimStatus::Published], "reopening as a draft would unlock the wording");
    validation(store.set_status(&claim, ClaimStatus::Researching), "status");
    let item = store.checklist().unwrap()[0].uuid.clone();
    assert!(matches!(store.set_check(&claim, &item, false), Err(Error::Conflict(_))), "archived claims are closed");

    let restored = store.set_status(&claim, ClaimStatus::Published).unwrap();
    assert_eq!(restored.status, ClaimStatus::Published);
    assert_eq!(restored.history[0].summary, "Restored from the archive as published");
    let edit = ClaimInput { text: "Reworded after the fact".into(), ..Default::default() };
    assert!(matches!(store.update_claim(&claim, &edit), Err(Error::Conflict(_))), "still locked");

    // A corrected claim keeps its correction through the archive.
    store.record_verdict(&verdict(&claim, "true", Some("Figure confirmed."))).unwrap();
    store.set_status(&claim, ClaimStatus::Archived).unwrap();
    assert_eq!(store.set_status(&claim, ClaimStatus::Published).unwrap().status, ClaimStatus::Corrected);

    // A claim archived before it was ever published reopens as researching.
    let draft = new_claim(&mut store, "Never published");
    store.set_status(&draft.uuid, ClaimStatus::Archived).unwrap();
    assert_eq!(store.get_claim(&draft.uuid).unwrap().next_statuses, vec![ClaimStatus::Researching]);
}
