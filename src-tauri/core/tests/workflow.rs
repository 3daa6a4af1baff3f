//! The workflow on a real workspace file: transitions, the publish gate, the checklist, the lock on
//! published claims and corrections; and migrating a database from every earlier schema version.

mod common;

use common::pasted_capture as pasted;
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
        correction_kind: None,
    }
}

fn verdict(claim: &str, key: &str, reason: Option<&str>) -> VerdictInput {
    VerdictInput {
        claim_uuid: claim.into(),
        rating_key: key.into(),
        rationale: format!("Rated {key} on the evidence."),
        correction_reason: reason.map(Into::into),
        correction_kind: None,
    }
}

fn source(store: &mut Store, url: &str, title: &str) -> String {
    store.create_source(&SourceInput { url: url.into(), title: title.into(), ..Default::default() }).unwrap().uuid
}


/// Signs off every active item as the workspace's checker, the second reader's as "Ben Reader".
fn sign_everything(store: &mut Store, claim: &str) {
    let me = store.actor().to_string();
    for item in store.checklist().unwrap() {
        if item.rule == Some(CheckRule::SecondReader) {
            store.set_actor("Ben Reader").unwrap();
        }
        store.set_check(claim, &item.uuid, true).unwrap();
        store.set_actor(&me).unwrap();
    }
}

/// A claim at `ready` with evidence from two publishers, a verdict by Ana and every checklist item
/// signed off (the second reader's by someone else).
fn ready_to_publish(store: &mut Store) -> (String, String) {
    store.set_actor("Ana").unwrap();
    let c = new_claim(store, "A $60 billion aid package remains held up in Congress.");
    let s = source(store, "https://www.congress.gov/bill/118th-congress/house-bill/815", "H.R.815");
    let senate = source(store, "https://www.senate.gov/legislative/LIS/roll_call_votes/vote1182/vote_118_2_00048.htm", "Roll call vote 48");
    store.add_evidence(&evidence(&c.uuid, &s, None)).unwrap();
    store.add_evidence(&evidence(&c.uuid, &senate, None)).unwrap();
    store.record_verdict(&verdict(&c.uuid, "mostly_true", None)).unwrap();
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready] {
        store.set_status(&c.uuid, to).unwrap();
    }
    sign_everything(store, &c.uuid);
    (c.uuid, s)
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

    let s = source(&mut store, "https://www.defense.gov/News/Transcripts/", "Briefing");
    let other = source(&mut store, "https://apnews.com/article/ukraine-troops", "AP report");
    store.add_evidence(&evidence(&c.uuid, &s, None)).unwrap();
    store.add_evidence(&evidence(&c.uuid, &other, None)).unwrap();
    store.set_actor("Ana").unwrap();
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
    assert_eq!(unchanged.evidence.len(), 2);
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

/// Issue 17: a change that adds detail and leaves the finding as it was is a clarification, not a
/// correction: only with the same rating, recorded with its kind, and the claim stays published.
#[test]
fn a_clarification_keeps_the_rating_and_the_claim_published() {
    let (_d, path, mut store) = open();
    let (claim, source) = ready_to_publish(&mut store);
    store.set_status(&claim, ClaimStatus::Published).unwrap();
    let clarify = |key: &str, reason: Option<&str>| VerdictInput {
        correction_kind: Some(CorrectionKind::Clarification),
        ..verdict(&claim, key, reason)
    };

    // Another rating is never a clarification: refused in words, nothing written.
    let msg = validation(store.record_verdict(&clarify("true", Some("Added the vote count."))), "correction_kind");
    assert!(msg.contains("correction, not a clarification"), "{msg}");
    validation(store.record_verdict(&clarify("mostly_true", Some("  "))), "correction_reason");
    assert_eq!(count(&path, "SELECT count(*) FROM corrections"), 0);
    assert_eq!(store.get_claim(&claim).unwrap().verdicts.len(), 1);

    // The same rating with detail added: a clarification; the claim stays published.
    store.record_verdict(&clarify("mostly_true", Some("Added the Senate's vote count, 70 to 29."))).unwrap();
    let evidence_clarified = EvidenceInput { correction_kind: Some(CorrectionKind::Clarification), ..evidence(&claim, &source, Some("Linked the bill text.")) };
    store.add_evidence(&evidence_clarified).unwrap();
    let c = store.get_claim(&claim).unwrap();
    assert_eq!(c.status, ClaimStatus::Published, "a clarification does not mark the claim corrected");
    assert_eq!(c.verdicts.len(), 2, "the published verdict stays in the history");
    let kinds: Vec<(CorrectionKind, &str)> = c.corrections.iter().map(|k| (k.kind, k.what.as_str())).collect();
    assert_eq!(kinds, [(CorrectionKind::Clarification, "evidence"), (CorrectionKind::Clarification, "verdict")]);
    let trail: Vec<(&str, &str)> = c.history.iter().map(|h| (h.action.as_str(), h.summary.as_str())).collect();
    assert!(trail.contains(&("clarified", "Clarification of the verdict: Added the Senate's vote count, 70 to 29.")), "{trail:?}");
    assert!(!trail.iter().any(|(a, _)| *a == "corrected"), "{trail:?}");

    // Archived and restored: still published, not corrected.
    store.set_status(&claim, ClaimStatus::Archived).unwrap();
    assert_eq!(store.set_status(&claim, ClaimStatus::Published).unwrap().status, ClaimStatus::Published);

    // No kind given is a correction, as before; the kinds are kept in the file.
    store.record_verdict(&verdict(&claim, "true", Some("The bill text confirms the figure."))).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    let c = store.get_claim(&claim).unwrap();
    assert_eq!(c.status, ClaimStatus::Corrected);
    assert_eq!(c.corrections.iter().map(|k| k.kind).collect::<Vec<_>>(), [CorrectionKind::Correction, CorrectionKind::Clarification, CorrectionKind::Clarification]);
    assert_eq!(count(&path, "SELECT count(*) FROM corrections WHERE kind = 'clarification'"), 2);
}

#[test]
fn the_checklist_is_edited_in_settings() {
    let (_d, path, mut store) = open();
    let (claim, _) = ready_to_publish(&mut store);
    let items = store.checklist().unwrap();
    let edited = store
        .set_checklist(&[
            ChecklistItemInput { uuid: Some(items[0].uuid.clone()), label: "Claimant asked for comment".into(), required: true, rule: None },
            ChecklistItemInput { uuid: Some(items[2].uuid.clone()), label: items[2].label.clone(), required: false, rule: items[2].rule },
            ChecklistItemInput { uuid: None, label: "Numbers recalculated".into(), required: true, rule: None },
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
            ChecklistItemInput { uuid: None, label: "Same".into(), required: true, rule: None },
            ChecklistItemInput { uuid: None, label: "same ".into(), required: true, rule: None },
        ]),
        "label",
    );
    assert!(msg.contains("twice"), "{msg}");
    validation(store.set_checklist(&[ChecklistItemInput { uuid: None, label: " ".into(), required: true, rule: None }]), "label");
    let zero = Some(CheckRule::MinSources { min: 0 });
    let msg = validation(store.set_checklist(&[ChecklistItemInput { uuid: None, label: "Sources".into(), required: true, rule: zero }]), "rule");
    assert!(msg.contains("between 1 and 20"), "{msg}");
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
            if version >= 2 {
                conn.execute_batch(
                    "INSERT INTO corrections (uuid, claim_id, reason, what, actor, at)
                       VALUES ('k-c1', 1, 'The figure was revised.', 'verdict', 'Ana', '2024-02-29T09:00:00.000000Z');",
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
        // Schema 14: a correction made before kinds existed is a correction.
        if version >= 2 {
            let k = &store.get_claim("k1").unwrap().corrections[0];
            assert_eq!((k.kind, k.reason.as_str()), (CorrectionKind::Correction, "The figure was revised."), "v{version}");
        }
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

/// The checklist with `rule` on one required item (and nothing else), for testing one rule alone.
fn only_rule(store: &mut Store, label: &str, rule: CheckRule) -> String {
    store.set_checklist(&[ChecklistItemInput { uuid: None, label: label.into(), required: true, rule: Some(rule) }]).unwrap()[0]
        .uuid
        .clone()
}

/// A claim at ready with a verdict by Ana and no evidence.
fn claim_at_ready(store: &mut Store, text: &str) -> String {
    store.set_actor("Ana").unwrap();
    let c = new_claim(store, text);
    store.record_verdict(&verdict(&c.uuid, "false", None)).unwrap();
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready] {
        store.set_status(&c.uuid, to).unwrap();
    }
    c.uuid
}

fn problem(store: &Store, claim: &str, item: &str) -> Option<String> {
    store.get_claim(claim).unwrap().checklist.into_iter().find(|c| c.item_uuid == item).unwrap().problem
}

#[test]
fn the_default_checklist_checks_independent_sources_and_the_second_reader() {
    let (_d, _path, mut store) = open();
    let items = store.checklist().unwrap();
    assert_eq!(
        items.iter().map(|i| i.rule).collect::<Vec<_>>(),
        vec![None, Some(CheckRule::MinPublishers { min: 2 }), Some(CheckRule::SecondReader)]
    );
    let claim = claim_at_ready(&mut store, "The Senate passed the aid package 70 to 29.");
    // Two pages of one publisher are one independent source.
    let bill = source(&mut store, "https://www.congress.gov/bill/118th-congress/house-bill/815", "H.R.815");
    let actions = source(&mut store, "https://congress.gov/bill/118th-congress/house-bill/815/all-actions", "H.R.815 actions");
    store.add_evidence(&evidence(&claim, &bill, None)).unwrap();
    store.add_evidence(&evidence(&claim, &actions, None)).unwrap();
    let msg = validation(store.set_check(&claim, &items[1].uuid, true), "checklist");
    assert_eq!(
        msg,
        "“At least two independent sources” cannot be signed off yet: the evidence comes from only 1 publisher (congress.gov), \
         and 2 different publishers are needed."
    );
    assert!(problem(&store, &claim, &items[1].uuid).unwrap().contains("only 1 publisher"));
    // The verdict's author cannot be its second reader.
    let msg = validation(store.set_check(&claim, &items[2].uuid, true), "checklist");
    assert_eq!(
        msg,
        "“Second reader signed off” cannot be signed off yet: Ana wrote the current verdict, so cannot be its second reader: \
         someone else has to sign this off."
    );
    let detail = store.get_claim(&claim).unwrap();
    assert!(detail.checklist.iter().all(|c| c.done_by.is_none()), "refused sign-offs are not recorded");
    assert!(!detail.history.iter().any(|h| h.summary.starts_with("Signed off")));

    // A source named by its publisher counts as that publisher; then the item can be signed off.
    let wire = store
        .create_source(&SourceInput {
            url: "https://example.org/wire/aid-vote".into(),
            title: "Wire report".into(),
            publisher: "Example Wire".into(),
            ..Default::default()
        })
        .unwrap();
    store.add_evidence(&evidence(&claim, &wire.uuid, None)).unwrap();
    assert_eq!(problem(&store, &claim, &items[1].uuid), None);
    store.set_check(&claim, &items[0].uuid, true).unwrap();
    store.set_check(&claim, &items[1].uuid, true).unwrap();
    store.set_actor("Ben Reader").unwrap();
    store.set_check(&claim, &items[2].uuid, true).unwrap();
    assert!(store.get_claim(&claim).unwrap().publish_blockers.is_empty());

    // The second reader then rewrites the verdict: the sign-off stands, but publishing is refused.
    store.record_verdict(&verdict(&claim, "mostly_false", None)).unwrap();
    let detail = store.get_claim(&claim).unwrap();
    let blocker = "“Second reader signed off” is signed off, but Ben Reader wrote the current verdict, so cannot be its second \
                   reader: someone else has to sign this off";
    assert_eq!(detail.publish_blockers, vec![blocker.to_string()]);
    let msg = validation(store.set_status(&claim, ClaimStatus::Published), "status");
    assert_eq!(msg, format!("This claim cannot be published yet. Still needed: {blocker}."));
    // Publishing through an edit of the claim is refused the same way.
    let edit = ClaimInput { text: detail.text.clone(), status: Some(ClaimStatus::Published), ..Default::default() };
    validation(store.update_claim(&claim, &edit), "status");
    // Ana, who did not write this verdict, signs off again; now it is published.
    store.set_actor("Ana").unwrap();
    store.set_check(&claim, &items[2].uuid, false).unwrap();
    store.set_check(&claim, &items[2].uuid, true).unwrap();
    assert_eq!(store.set_status(&claim, ClaimStatus::Published).unwrap().status, ClaimStatus::Published);
}

#[test]
fn a_rule_checked_at_publishing_names_what_fails_when_the_evidence_changed_since_the_sign_off() {
    let (_d, _path, mut store) = open();
    let item = only_rule(&mut store, "Two sources", CheckRule::MinSources { min: 2 });
    let claim = claim_at_ready(&mut store, "Aid to Ukraine is stalled.");
    let msg = validation(store.set_check(&claim, &item, true), "checklist");
    assert!(msg.ends_with("there is no evidence yet, and 2 different sources are needed."), "{msg}");
    // The same source twice is one source.
    let a = source(&mut store, "https://www.congress.gov/bill/118th-congress/house-bill/815", "H.R.815");
    store.add_evidence(&evidence(&claim, &a, None)).unwrap();
    store.add_evidence(&evidence(&claim, &a, None)).unwrap();
    let msg = validation(store.set_check(&claim, &item, true), "checklist");
    assert!(msg.ends_with("the evidence cites only 1 source, and 2 different sources are needed."), "{msg}");
    // Unsigned, the list next to Publish says both what is missing and why it would fail.
    assert_eq!(
        store.get_claim(&claim).unwrap().publish_blockers,
        vec!["checklist: “Two sources” — fails now: the evidence cites only 1 source, and 2 different sources are needed".to_string()]
    );
    let b = source(&mut store, "https://www.congress.gov/bill/118th-congress/house-bill/815/text", "H.R.815 text");
    store.add_evidence(&evidence(&claim, &b, None)).unwrap();
    store.set_check(&claim, &item, true).unwrap();
    assert!(store.get_claim(&claim).unwrap().publish_blockers.is_empty());
    // The desk asks for three after the sign-off: publishing is refused, naming the rule.
    let mut list: Vec<ChecklistItemInput> = store
        .checklist()
        .unwrap()
        .into_iter()
        .map(|i| ChecklistItemInput { uuid: Some(i.uuid), label: i.label, required: i.required, rule: i.rule })
        .collect();
    list[0].rule = Some(CheckRule::MinSources { min: 3 });
    store.set_checklist(&list).unwrap();
    let msg = validation(store.set_status(&claim, ClaimStatus::Published), "status");
    assert_eq!(
        msg,
        "This claim cannot be published yet. Still needed: “Two sources” is signed off, but the evidence cites only 2 sources, \
         and 3 different sources are needed."
    );
    // An item that is not required is checked when signed off, never at publishing.
    list[0].required = false;
    store.set_checklist(&list).unwrap();
    assert_eq!(store.set_status(&claim, ClaimStatus::Published).unwrap().status, ClaimStatus::Published);
}

#[test]
fn every_excerpt_must_be_found_in_its_archived_copy() {
    let (_d, _path, mut store) = open();
    let item = only_rule(&mut store, "Excerpts checked", CheckRule::ExcerptsFound);
    let claim = claim_at_ready(&mut store, "The Senate passed it 70 to 29.");
    let msg = validation(store.set_check(&claim, &item, true), "checklist");
    assert!(msg.ends_with("there is no evidence excerpt to check yet."), "{msg}");
    let page = "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.";
    let found = store
        .create_source_with_capture(&SourceInput { url: "https://www.congress.gov/bill/815".into(), title: "H.R.815".into(), ..Default::default() }, &pasted(page))
        .unwrap();
    store.add_evidence(&evidence(&claim, &found.uuid, None)).unwrap();
    // Flagged "not found in the archived copy": the page says something else.
    let other = store
        .create_source_with_capture(
            &SourceInput { url: "https://example.org/vote".into(), title: "Vote report".into(), ..Default::default() },
            &pasted("The House has not voted on the package."),
        )
        .unwrap();
    let missing = store.add_evidence(&evidence(&claim, &other.uuid, None)).unwrap();
    assert_eq!(missing.anchor.state, AnchorState::Missing);
    let bare = source(&mut store, "https://example.org/no-copy", "Never archived");
    store.add_evidence(&evidence(&claim, &bare, None)).unwrap();
    let msg = validation(store.set_check(&claim, &item, true), "checklist");
    assert_eq!(
        msg,
        "“Excerpts checked” cannot be signed off yet: the excerpt from “Vote report” is not found in its archived copy, \
         and “Never archived” has no archived copy to check its excerpt against."
    );
    let detail = store.get_claim(&claim).unwrap();
    assert!(detail.checklist[0].problem.as_deref().is_some_and(|p| p.contains("“Vote report” is not found")));
    // The link to the page never archived is checked against the copy made later; the excerpt
    // flagged missing stays missing (it was checked against a copy that did not have it).
    store.add_capture(&bare, &pasted(page)).unwrap();
    let msg = validation(store.set_check(&claim, &item, true), "checklist");
    assert!(msg.ends_with("the excerpt from “Vote report” is not found in its archived copy."), "{msg}");
    // A claim whose excerpts are all in their archived copies (spacing and case aside) passes.
    let good = claim_at_ready(&mut store, "It passed the Senate.");
    store.add_evidence(&evidence(&good, &found.uuid, None)).unwrap();
    let mut loose = evidence(&good, &bare, None);
    loose.excerpt = "passed senate  with an amendment".into();
    assert_eq!(store.add_evidence(&loose).unwrap().anchor.state, AnchorState::Approximate);
    store.set_check(&good, &item, true).unwrap();
    assert_eq!(store.set_status(&good, ClaimStatus::Published).unwrap().status, ClaimStatus::Published);
}

#[test]
fn rules_are_edited_in_settings_and_kept_across_reopening() {
    let (_d, path, mut store) = open();
    let items = store.checklist().unwrap();
    let inputs: Vec<ChecklistItemInput> = items
        .iter()
        .map(|i| ChecklistItemInput { uuid: Some(i.uuid.clone()), label: i.label.clone(), required: i.required, rule: i.rule })
        .collect();
    let mut edited = inputs.clone();
    edited[0].rule = Some(CheckRule::ExcerptsFound);
    edited[1].rule = Some(CheckRule::MinPublishers { min: 3 });
    edited[2].rule = None;
    store.set_checklist(&edited).unwrap();
    let history = count(&path, "SELECT count(*) FROM history WHERE entity = 'settings' AND detail LIKE '%at least 3 different publishers%'");
    assert_eq!(history, 1, "the history says which rules the checklist has");
    drop(store);
    let store = Store::open(&path).unwrap();
    let rules: Vec<_> = store.checklist().unwrap().into_iter().map(|i| i.rule).collect();
    assert_eq!(rules, vec![Some(CheckRule::ExcerptsFound), Some(CheckRule::MinPublishers { min: 3 }), None]);
}

/// A workspace of schema 11: the default rules attach to items still worded as the defaults only;
/// a claim signed off by the verdict's own author is no longer ready to publish.
#[test]
fn old_workspaces_get_the_default_rules_only_on_items_still_worded_as_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.factdesk");
    {
        let mut conn = Connection::open(&path).unwrap();
        MIGRATIONS.to_version(&mut conn, 11).unwrap();
        conn.execute_batch(
            "UPDATE checklist_items SET label = 'Two independent sources or an official record' WHERE position = 2;
             INSERT INTO checklist_items (uuid, position, label, required, active, created_at)
               VALUES ('i4', 4, '  second READER signed off', 0, 0, '2026-11-25T00:00:00Z');
             INSERT INTO claims (uuid, text, status, created_at, updated_at)
               VALUES ('k1', 'We have no plans to send US service members to fight in Ukraine.', 'ready',
                       '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
             INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (1, 'We have no plans to send US service members to fight in Ukraine.', '', '');
             INSERT INTO sources (uuid, url, title, created_at, updated_at)
               VALUES ('s1', 'https://www.defense.gov/News/Transcripts/', 'Briefing', '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
             INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, created_at, updated_at)
               VALUES ('e1', 1, 1, 'no plans', 'supports', '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');
             INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, created_at)
               VALUES ('v1', 1, (SELECT id FROM ratings WHERE key = 'true'), 'Matches stated policy.', 'Ana', '2024-02-28T09:00:00.000000Z');
             INSERT INTO claim_checks (claim_id, item_id, done_by, done_at)
               SELECT 1, id, 'ana', '2024-02-28T10:00:00.000000Z' FROM checklist_items WHERE active = 1;
             INSERT INTO desk (id, desk_id, url, replica_id, role, cursor, txn, joined_at)
               VALUES (1, 'desk-1', 'postgresql://desk.example.org/desk', 'replica-1', 'ana', 41, 7, '2024-02-27T10:00:00.000000Z');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    // On a desk, the rules the upgrade gave go to the desk as one change, seen from where the
    // replica was, so a checker who joins later gets them too.
    let queued: Vec<(i64, String, String, String, i64)> = Connection::open(&path)
        .unwrap()
        .prepare("SELECT txn, key, json_extract(data, '$.rule'), fields, base FROM desk_outbox WHERE kind = 'checklist_items' ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        queued,
        vec![
            (8, "01936b2e-0000-7000-8000-000000000203".into(), r#"{"kind":"second_reader"}"#.into(), r#"["rule"]"#.into(), 41),
            (8, "i4".into(), r#"{"kind":"second_reader"}"#.into(), r#"["rule"]"#.into(), 41),
        ]
    );
    let items = store.checklist().unwrap();
    let rules: Vec<_> = items.iter().map(|i| (i.label.as_str(), i.rule)).collect();
    assert_eq!(
        rules,
        vec![
            ("Claimant contacted for comment", None),
            ("Two independent sources or an official record", None),
            ("Second reader signed off", Some(CheckRule::SecondReader)),
        ]
    );
    let rule: Option<String> = Connection::open(&path)
        .unwrap()
        .query_row("SELECT rule FROM checklist_items WHERE uuid = 'i4'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rule.as_deref(), Some(r#"{"kind":"second_reader"}"#), "matched whatever the case and spacing");
    let claim = store.get_claim("k1").unwrap();
    assert_eq!(
        claim.publish_blockers,
        vec!["“Second reader signed off” is signed off, but Ana wrote the current verdict, so cannot be its second reader: \
              someone else has to sign this off"
            .to_string()]
    );
    // Settings offers the rule for the reworded item.
    let mut inputs: Vec<ChecklistItemInput> = items
        .iter()
        .map(|i| ChecklistItemInput { uuid: Some(i.uuid.clone()), label: i.label.clone(), required: i.required, rule: i.rule })
        .collect();
    inputs[1].rule = Some(CheckRule::MinPublishers { min: 2 });
    store.set_checklist(&inputs).unwrap();
    assert!(store.get_claim("k1").unwrap().publish_blockers[0].contains("only 1 publisher (defense.gov)"));
}
