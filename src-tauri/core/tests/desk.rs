//! The desk (issue 14) against a real PostgreSQL started for each test (tests/common/postgres.rs):
//! replicas that are real workspace files, checkers that are real PostgreSQL roles.

mod common;

use std::path::{Path, PathBuf};

use common::pasted_capture;
use common::postgres::{quote_literal, TestPostgres};
use factdesk_core::desk::{self, Access};
use factdesk_core::model::desk::SyncReport;
use factdesk_core::model::*;
use factdesk_core::store::DESK_SCHEMA;
use factdesk_core::{Error, Store};

const DB: &str = "desk";

/// A PostgreSQL with a desk created in it by its owner from workspace `a` (the editor's), which
/// holds one claim with a source, an archived capture and evidence.
struct Setup {
    pg: TestPostgres,
    dir: tempfile::TempDir,
    a: Store,
    claim: String,
}

fn open(dir: &Path, name: &str, actor: &str) -> Store {
    let mut s = Store::open(dir.join(format!("{name}.factdesk"))).unwrap();
    s.set_actor(actor).unwrap();
    s
}

/// The active checklist as the editor in Settings sends it back, each item's rule as `rule` says.
fn checklist_with(store: &Store, rule: impl Fn(&ChecklistItem) -> Option<CheckRule>) -> Vec<ChecklistItemInput> {
    store
        .checklist()
        .unwrap()
        .iter()
        .map(|i| ChecklistItemInput { uuid: Some(i.uuid.clone()), label: i.label.clone(), required: i.required, rule: rule(i) })
        .collect()
}

fn input(c: &ClaimDetail) -> ClaimInput {
    ClaimInput {
        text: c.text.clone(),
        summary: c.summary.clone(),
        claimant: c.claimant.as_ref().map(|x| x.name.clone()),
        claimant_role: None,
        said_on: c.said_on.map(|d| d.to_string()),
        said_where: c.said_where.clone(),
        status: None,
        tags: c.tags.clone(),
        language: c.language.clone(),
        context: c.context.clone(),
        assignee: c.assignee.clone(),
    }
}

fn setup() -> Setup {
    setup_at(DESK_SCHEMA)
}

/// `setup` with the desk's schema only up to version `schema`, as an earlier Factdesk made it.
fn setup_at(schema: i64) -> Setup {
    let pg = TestPostgres::start();
    pg.create_database(DB);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path(), "a", "editor");
    // The default checklist's own checks (issue 17) set aside: these tests are about the desk's
    // gate, which a replica's rules would otherwise stop first.
    a.set_checklist(&checklist_with(&a, |_| None)).unwrap();
    let c = a
        .create_claim(&ClaimInput {
            text: "A $60 billion aid package for Ukraine remains stalled in Congress.".into(),
            claimant: Some("Jane Doe".into()),
            tags: vec!["ukraine".into(), "aid".into()],
            ..Default::default()
        })
        .unwrap();
    let s = a
        .create_source_with_capture(
            &SourceInput {
                url: "https://www.congress.gov/bill/118th-congress/house-bill/815".into(),
                title: "H.R.815 - National Security Act, 2024".into(),
                ..Default::default()
            },
            &pasted_capture("Passed Senate with an amendment by Yea-Nay Vote. 70 - 29."),
        )
        .unwrap();
    a.add_evidence(&EvidenceInput {
        claim_uuid: c.uuid.clone(),
        source_uuid: s.uuid.clone(),
        excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.".into(),
        stance: Stance::Refutes,
        note: String::new(),
        correction_reason: None,
        correction_kind: None,
    })
    .unwrap();
    let report = desk::create_at(&mut a, &pg.admin_url(DB), Access::default(), schema).unwrap();
    assert!(report.pushed > 10, "the workspace is uploaded: {report:?}");
    assert!(report.refused.is_empty() && report.problems.is_empty(), "{report:?}");
    Setup { pg, dir, a, claim: c.uuid }
}

impl Setup {
    /// A checker: a PostgreSQL role of their own, let in by the owner; returns their address.
    fn checker(&self, role: &str) -> String {
        let password = format!("pw-{role}");
        self.pg.create_role(role, &password);
        desk::grant(&self.pg.admin_url(DB), Access::default(), role, false).unwrap();
        self.pg.url_for(role, &password, DB)
    }

    /// A new workspace that joins the desk as `role` (a checker made for it).
    fn replica(&self, role: &str) -> (Store, String) {
        let url = self.checker(role);
        let mut s = open(self.dir.path(), role, role);
        let r = desk::join(&mut s, &url, Access::default()).unwrap();
        assert!(r.problems.is_empty(), "{r:?}");
        (s, format!("pw-{role}"))
    }

    fn admin(&self) -> Access<'_> {
        Access { password: Some(self.pg.admin_password()) }
    }
}

fn sync(store: &mut Store, password: &str) -> SyncReport {
    let r = desk::sync(store, Access { password: Some(password) }).unwrap();
    assert!(r.problems.is_empty(), "{r:?}");
    r
}

fn texts(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .list_claims(&ClaimQuery { limit: Some(500), ..Default::default() })
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.text)
        .collect();
    v.sort();
    v
}

fn path_of(store: &Store) -> PathBuf {
    store.path().to_path_buf()
}

fn server_count(pg: &TestPostgres, sql: &str) -> i64 {
    pg.psql(DB, sql).trim().parse().unwrap()
}

#[test]
fn a_new_replica_receives_the_whole_desk_and_changes_travel_both_ways() {
    let s = setup();
    let (mut b, pw) = s.replica("alice");
    let mine = s.a.get_claim(&s.claim).unwrap();
    let theirs = b.get_claim(&s.claim).unwrap();
    assert_eq!(theirs.text, mine.text);
    // The uploaded history keeps the names the editor's workspace recorded before the desk.
    assert!(theirs.history.iter().any(|h| h.actor == "editor"), "{:?}", theirs.history);
    assert_eq!(theirs.claimant.as_ref().map(|c| &c.name), Some(&"Jane Doe".to_string()));
    assert_eq!(theirs.tags, mine.tags);
    assert_eq!(theirs.evidence.len(), 1);
    // The archived copy came with its bytes, checked by hash.
    let source = &theirs.evidence[0].source;
    let got = b.get_source(&source.uuid).unwrap();
    let capture = got.latest_capture.expect("the capture travelled");
    assert_eq!(b.capture_bytes(&capture.uuid).unwrap(), b"Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.");
    // The new replica's search index holds what it received.
    let found = b.list_claims(&ClaimQuery { search: Some("stalled".into()), ..Default::default() }).unwrap();
    assert_eq!(found.items.len(), 1);
    // Its seeded rating scales were replaced by the desk's, not added to them.
    assert_eq!(b.checklist().unwrap().len(), s.a.checklist().unwrap().len());

    // Alice edits; the editor sees it after a sync, and the history says who.
    let mut edit = input(&theirs);
    edit.summary = "Stalled since February.".into();
    edit.tags.push("congress".into());
    b.update_claim(&s.claim, &edit).unwrap();
    // A check put on a checklist item travels like its words.
    let second = b.checklist().unwrap()[1].uuid.clone();
    let rule = Some(CheckRule::MinPublishers { min: 2 });
    b.set_checklist(&checklist_with(&b, |i| if i.uuid == second { rule } else { None })).unwrap();
    let r = sync(&mut b, &pw);
    assert!(r.pushed >= 3, "{r:?}");
    let mut a = s.a;
    sync(&mut a, s.pg.admin_password());
    assert_eq!(a.checklist().unwrap().iter().map(|i| i.rule).collect::<Vec<_>>(), vec![None, rule, None]);
    let seen = a.get_claim(&s.claim).unwrap();
    assert_eq!(seen.summary, "Stalled since February.");
    assert!(seen.tags.contains(&"congress".to_string()));
    assert!(seen.history.iter().any(|h| h.actor == "alice"), "{:?}", seen.history);

    // A claim added by the editor reaches alice.
    a.create_claim(&ClaimInput { text: "There are no plans to send US service members to fight in Ukraine.".into(), ..Default::default() })
        .unwrap();
    sync(&mut a, s.pg.admin_password());
    sync(&mut b, &pw);
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(texts(&b).len(), 2);

    // A third checker joining later gets the same.
    let (c, _) = Setup { pg: s.pg, dir: s.dir, a, claim: s.claim }.replica_owned("bob");
    assert_eq!(texts(&c), texts(&b));
}

impl Setup {
    fn replica_owned(self, role: &str) -> (Store, Setup) {
        let (store, _) = self.replica(role);
        (store, self)
    }
}

#[test]
fn offline_work_on_two_replicas_meets_with_nothing_lost_or_doubled() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    // Both work apart: three claims each, and both tag the shared claim.
    for i in 0..3 {
        b.create_claim(&ClaimInput { text: format!("Alice's claim number {i} about the aid package."), ..Default::default() })
            .unwrap();
        c.create_claim(&ClaimInput { text: format!("Bob's claim number {i} about troop numbers."), ..Default::default() })
            .unwrap();
    }
    let mut e = input(&b.get_claim(&s.claim).unwrap());
    e.tags.push("from-alice".into());
    b.update_claim(&s.claim, &e).unwrap();
    let mut e = input(&c.get_claim(&s.claim).unwrap());
    e.tags.push("from-bob".into());
    c.update_claim(&s.claim, &e).unwrap();

    sync(&mut b, &pw_b);
    sync(&mut c, &pw_c);
    sync(&mut b, &pw_b);
    let mut a = s.a;
    sync(&mut a, s.pg.admin_password());
    assert_eq!(texts(&a).len(), 7);
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(texts(&b), texts(&c));
    for store in [&a, &b, &c] {
        let tags = store.get_claim(&s.claim).unwrap().tags;
        assert!(tags.contains(&"from-alice".into()) && tags.contains(&"from-bob".into()), "{tags:?}");
    }
    // The desk holds each claim once.
    assert_eq!(server_count(&s.pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims'"), 7);
    // Nothing waits in any outbox.
    for store in [&a, &b, &c] {
        assert_eq!(desk::status(store, Access::default()).unwrap().link.outbox, 0);
    }
}

#[test]
fn the_same_field_edited_on_two_replicas_keeps_the_later_and_shows_both() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    let base = b.get_claim(&s.claim).unwrap();
    let mut e = input(&base);
    e.summary = "Alice: stalled in the House.".into();
    b.update_claim(&s.claim, &e).unwrap();
    let mut e = input(&base);
    e.summary = "Bob: passed the Senate, stalled in the House.".into();
    e.said_where = "CNN interview".into();
    c.update_claim(&s.claim, &e).unwrap();

    sync(&mut b, &pw_b);
    let r = sync(&mut c, &pw_c);
    assert_eq!(r.conflicts, 1, "{r:?}");
    sync(&mut b, &pw_b);
    for store in [&b, &c] {
        let claim = store.get_claim(&s.claim).unwrap();
        assert_eq!(claim.summary, "Bob: passed the Senate, stalled in the House.");
        assert_eq!(claim.said_where, "CNN interview");
        let conflicts = desk::conflicts(store, Some(&s.claim)).unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        let k = &conflicts[0];
        assert_eq!((k.field.as_str(), k.kept_by.as_str(), k.replaced_by.as_str()), ("summary", "bob", "alice"));
        assert_eq!(k.replaced.as_deref(), Some("Alice: stalled in the House."));
        let entry = claim.history.iter().find(|h| h.action == "conflict").expect("the history says so");
        assert!(entry.summary.contains("Alice: stalled in the House.") && entry.summary.contains("Bob: passed"), "{}", entry.summary);
    }
}

#[test]
fn where_a_fact_check_was_published_travels_like_the_claims_other_fields() {
    let s = setup();
    let (mut b, pw) = s.replica("alice");
    let page = "https://desk.example/2024/03/aid-package-stalled";
    b.set_published_url(&s.claim, page).unwrap();
    let r = sync(&mut b, &pw);
    assert!(r.pushed >= 1 && r.refused.is_empty(), "{r:?}");
    assert_eq!(
        server_count(&s.pg, &format!("SELECT count(*) FROM factdesk.entities WHERE kind = 'claims' AND data->>'published_url' = '{page}'")),
        1
    );
    let mut a = s.a;
    sync(&mut a, s.pg.admin_password());
    let seen = a.get_claim(&s.claim).unwrap();
    assert_eq!(seen.published_url, page);
    assert!(seen.history.iter().any(|h| h.actor == "alice" && h.summary.contains(page)), "{:?}", seen.history);

    // Cleared on the editor's replica: cleared on alice's.
    a.set_published_url(&s.claim, "").unwrap();
    sync(&mut a, s.pg.admin_password());
    sync(&mut b, &pw);
    assert_eq!(b.get_claim(&s.claim).unwrap().published_url, "");
}

/// Evidence, a verdict, every sign-off and the workflow up to ready, as `store`'s checker.
/// A second reader (another replica) catches up, signs off the first checklist item himself (off,
/// then on again) and sends it to the desk.
fn second_reader_signs_off(store: &mut Store, password: &str, claim: &str) {
    sync(store, password);
    let item = store.checklist().unwrap()[0].uuid.clone();
    store.set_check(claim, &item, false).unwrap();
    store.set_check(claim, &item, true).unwrap();
    sync(store, password);
}

/// A verdict, and the workflow up to ready, as `store`'s checker: the checklist still to sign.
fn verdict_and_ready(store: &mut Store, claim: &str) {
    store
        .record_verdict(&VerdictInput {
            claim_uuid: claim.into(),
            rating_key: "false".into(),
            rationale: "The Senate passed it 70 to 29; the House has not voted.".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready] {
        store.set_status(claim, to).unwrap();
    }
}

fn make_ready(store: &mut Store, claim: &str) {
    verdict_and_ready(store, claim);
    for item in store.checklist().unwrap() {
        store.set_check(claim, &item.uuid, true).unwrap();
    }
}

#[test]
fn publishing_without_a_second_reader_is_refused_on_the_desk_and_kept_as_a_draft() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    make_ready(&mut b, &s.claim);
    // Locally every box is ticked, so the app lets alice publish…
    b.set_status(&s.claim, ClaimStatus::Published).unwrap();
    let r = sync(&mut b, &pw_b);
    // …but on the desk every sign-off is hers and she wrote the verdict.
    assert_eq!(r.refused.len(), 1, "{r:?}");
    assert!(r.refused[0].contains("second reader") && r.refused[0].contains("alice"), "{}", r.refused[0]);
    assert_eq!(b.get_claim(&s.claim).unwrap().status, ClaimStatus::Ready, "put back as the desk has it");
    let drafts = desk::drafts(&b, Some(&s.claim)).unwrap();
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].reason.contains("second reader"));
    assert_eq!(server_count(&s.pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims' AND data->>'status' = 'published'"), 0);

    // Bob, a second reader, signs off one item himself; then alice's publish goes through.
    second_reader_signs_off(&mut c, &pw_c, &s.claim);
    sync(&mut b, &pw_b);
    b.set_status(&s.claim, ClaimStatus::Published).unwrap();
    let r = sync(&mut b, &pw_b);
    assert!(r.refused.is_empty(), "{r:?}");
    assert_eq!(server_count(&s.pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims' AND data->>'status' = 'published'"), 1);
}

/// Alice's replica makes the claim ready, Bob's signs an item off as second reader, and alice
/// publishes it on the desk. Returns alice's replica and password.
fn published_by_alice(s: &Setup) -> (Store, String) {
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    make_ready(&mut b, &s.claim);
    sync(&mut b, &pw_b);
    second_reader_signs_off(&mut c, &pw_c, &s.claim);
    sync(&mut b, &pw_b);
    b.set_status(&s.claim, ClaimStatus::Published).unwrap();
    assert!(sync(&mut b, &pw_b).refused.is_empty());
    (b, pw_b)
}

/// Issue 17: a clarification of a published claim reaches the other replicas as a clarification
/// (schema 14's `kind` travels with the correction's other columns); the claim stays published.
#[test]
fn a_clarification_travels_as_a_clarification() {
    let s = setup();
    let (mut b, pw_b) = published_by_alice(&s);

    b.record_verdict(&VerdictInput {
        claim_uuid: s.claim.clone(),
        rating_key: "false".into(),
        rationale: "The Senate passed it 70 to 29; the House has not voted, and its leaders said it would not this month.".into(),
        correction_reason: Some("Added what the House leaders said.".into()),
        correction_kind: Some(CorrectionKind::Clarification),
    })
    .unwrap();
    let r = sync(&mut b, &pw_b);
    assert!(r.refused.is_empty(), "{r:?}");
    assert_eq!(
        server_count(&s.pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'corrections' AND data->>'kind' = 'clarification'"),
        1
    );
    let mut a = s.a;
    sync(&mut a, s.pg.admin_password());
    let seen = a.get_claim(&s.claim).unwrap();
    assert_eq!(seen.corrections.iter().map(|k| k.kind).collect::<Vec<_>>(), [CorrectionKind::Clarification]);
    assert_eq!(seen.status, ClaimStatus::Published, "a clarification does not mark the claim corrected");
}

#[test]
fn an_edit_to_a_claim_published_meanwhile_is_refused_and_kept() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    make_ready(&mut b, &s.claim);
    sync(&mut b, &pw_b);
    sync(&mut c, &pw_c);
    // Bob signs off as second reader and publishes; alice, not synced, edits the summary.
    let item = c.checklist().unwrap()[0].uuid.clone();
    c.set_check(&s.claim, &item, false).unwrap();
    c.set_check(&s.claim, &item, true).unwrap();
    c.set_status(&s.claim, ClaimStatus::Published).unwrap();
    assert!(sync(&mut c, &pw_c).refused.is_empty());
    let mut e = input(&b.get_claim(&s.claim).unwrap());
    e.summary = "Alice's late rewording.".into();
    b.update_claim(&s.claim, &e).unwrap();
    let r = sync(&mut b, &pw_b);
    assert_eq!(r.refused.len(), 1, "{r:?}");
    assert!(r.refused[0].contains("bob published this claim"), "{}", r.refused[0]);
    let claim = b.get_claim(&s.claim).unwrap();
    assert_eq!(claim.status, ClaimStatus::Published);
    assert_ne!(claim.summary, "Alice's late rewording.");
    assert_eq!(desk::drafts(&b, Some(&s.claim)).unwrap().len(), 1);
}

#[test]
fn checkers_cannot_write_the_desk_tables_or_act_as_someone_else() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let denied = |sql: &str| {
        let e = s.pg.psql_as("alice", &pw_b, DB, sql).expect_err(sql);
        assert!(e.contains("permission denied"), "{sql}: {e}");
    };
    denied("INSERT INTO factdesk.changes (kind, key, op, role) VALUES ('claims', 'x', 'put', 'bob')");
    denied("UPDATE factdesk.entities SET created_by = 'bob'");
    denied("SELECT * FROM factdesk.entities");
    denied("SELECT factdesk.apply_change('{}'::jsonb, 'bob', 'r', gen_random_uuid(), false)");
    // A history row and a verdict claiming to be bob's are recorded as alice's.
    let forged = r#"[{"seq":1,"txn":1,"kind":"history","key":"0190f000-0000-7000-8000-000000000001","op":"put",
        "data":{"uuid":"0190f000-0000-7000-8000-000000000001","at":"2026-01-01T00:00:00Z","actor":"bob","entity":"claim",
                "entity_uuid":"x","claim_id":null,"action":"note","detail":"{}"},"fields":null,"base":0}]"#;
    let out = s
        .pg
        .psql_as("alice", &pw_b, DB, &format!("SELECT factdesk.push(gen_random_uuid(), 'forger', '{forged}'::jsonb)"))
        .unwrap();
    assert!(out.contains("\"refused\": []"), "{out}");
    assert_eq!(
        s.pg.psql(DB, "SELECT data->>'actor' || ' ' || created_by FROM factdesk.entities WHERE key = '0190f000-0000-7000-8000-000000000001'"),
        "alice alice"
    );
    // Through the app too: the verdict's author is the role, whatever the workspace's name says.
    b.set_actor("Bob Impostor").unwrap();
    make_ready(&mut b, &s.claim);
    sync(&mut b, &pw_b);
    assert_eq!(
        s.pg.psql(DB, "SELECT string_agg(DISTINCT data->>'author', ',') FROM factdesk.entities WHERE kind = 'verdicts'"),
        "alice"
    );
    assert_eq!(b.get_claim(&s.claim).unwrap().verdict.unwrap().author, "alice");
    // A reader may pull but never push.
    s.pg.create_role("carol", "pw-carol");
    desk::grant(&s.pg.admin_url(DB), s.admin(), "carol", true).unwrap();
    let mut r = open(s.dir.path(), "carol", "carol");
    desk::join(&mut r, &s.pg.url_for("carol", "pw-carol", DB), Access::default()).unwrap();
    assert_eq!(texts(&r), texts(&b));
    r.create_claim(&ClaimInput { text: "Carol tries to add a claim to the desk.".into(), ..Default::default() }).unwrap();
    match desk::sync(&mut r, Access { password: Some("pw-carol") }) {
        Err(Error::Conflict(m)) => assert!(m.contains("may read this desk but not change it"), "{m}"),
        other => panic!("a reader pushed: {other:?}"),
    }
    assert_eq!(desk::status(&r, Access::default()).unwrap().link.outbox > 0, true, "the reader's change waits, kept");
}

#[test]
fn replicas_keep_working_while_postgresql_is_down_and_catch_up() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    s.pg.stop();
    b.create_claim(&ClaimInput { text: "Written while the desk's server was down.".into(), ..Default::default() })
        .unwrap();
    match desk::sync(&mut b, Access { password: Some(&pw_b) }) {
        Err(Error::Network(m)) => assert!(m.contains("could not be reached"), "{m}"),
        other => panic!("expected the desk to be unreachable: {other:?}"),
    }
    let status = desk::status(&b, Access::default()).unwrap();
    assert!(!status.reachable);
    assert!(status.link.outbox > 0);
    assert!(status.link.last_error.is_some());
    s.pg.start_again();
    sync(&mut b, &pw_b);
    let mut a = s.a;
    sync(&mut a, s.pg.admin_password());
    assert!(texts(&a).contains(&"Written while the desk's server was down.".to_string()));
    let _ = path_of(&a);
}

#[test]
fn a_workspace_with_work_cannot_join_and_leaving_keeps_everything() {
    let s = setup();
    let url = s.checker("alice");
    let mut busy = open(s.dir.path(), "busy", "alice");
    busy.create_claim(&ClaimInput { text: "Some earlier work of alice's.".into(), ..Default::default() }).unwrap();
    match desk::join(&mut busy, &url, Access::default()) {
        Err(Error::Conflict(m)) => assert!(m.contains("new workspace file"), "{m}"),
        other => panic!("joined with work in it: {other:?}"),
    }
    let mut b = open(s.dir.path(), "b", "alice");
    desk::join(&mut b, &url, Access::default()).unwrap();
    b.create_claim(&ClaimInput { text: "Not pushed yet.".into(), ..Default::default() }).unwrap();
    assert!(matches!(desk::leave(&mut b, false), Err(Error::Conflict(_))));
    desk::leave(&mut b, true).unwrap();
    assert_eq!(texts(&b).len(), 2);
    // The file reopens as a plain workspace.
    let path = path_of(&b);
    drop(b);
    let b = Store::open(&path).unwrap();
    assert!(matches!(desk::status(&b, Access::default()), Err(Error::Conflict(_))));
}

/// The bounded version of `make desk-load`: four checkers push and pull at the same time; at the
/// end every replica holds every claim once (pushes are serialised on the desk, so no replica's
/// cursor can pass a change that commits late).
#[test]
fn checkers_syncing_at_the_same_time_all_end_with_everything_once() {
    let s = setup();
    let replicas: Vec<(Store, String)> = ["ann", "ben", "cat", "dan"].iter().map(|r| s.replica(r)).collect();
    let handles: Vec<_> = replicas
        .into_iter()
        .enumerate()
        .map(|(i, (mut store, pw))| {
            std::thread::spawn(move || {
                for n in 0..5 {
                    store
                        .create_claim(&ClaimInput { text: format!("Concurrent claim {n} from replica {i}."), ..Default::default() })
                        .unwrap();
                    let r = desk::sync(&mut store, Access { password: Some(&pw) }).unwrap();
                    assert!(r.problems.is_empty() && r.refused.is_empty(), "{r:?}");
                }
                (store, pw)
            })
        })
        .collect();
    let mut replicas: Vec<(Store, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for (store, pw) in replicas.iter_mut() {
        sync(store, pw);
    }
    let want = texts(&replicas[0].0);
    assert_eq!(want.len(), 21);
    for (store, _) in &replicas {
        assert_eq!(texts(store), want);
    }
    assert_eq!(server_count(&s.pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims'"), 21);
    assert_eq!(server_count(&s.pg, "SELECT count(DISTINCT data->>'text') FROM factdesk.entities WHERE kind = 'claims'"), 21);
}

/// A desk reached over TLS only (rustls), checked against the newsroom's own certificate
/// authority given in the address: without it the server is not trusted, and a plain connection
/// is refused by the server.
#[test]
fn a_desk_over_tls_trusts_the_newsrooms_own_certificate_authority() {
    let pg = TestPostgres::start();
    pg.create_database(DB);
    let certs = tempfile::tempdir().unwrap();
    let c = certs.path();
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(c).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    openssl(&["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Test Newsroom CA"]);
    openssl(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
    std::fs::write(
        c.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf"]);
    // Alice logs in with a certificate of her own instead of a password.
    openssl(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "alice.key", "-out", "alice.csr", "-subj", "/CN=alice"]);
    std::fs::write(c.join("client.cnf"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n").unwrap();
    openssl(&["x509", "-req", "-in", "alice.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "alice.crt", "-days", "2", "-extfile", "client.cnf"]);
    let data = pg.data_dir();
    for f in ["server.crt", "server.key", "ca.crt"] {
        std::fs::copy(c.join(f), data.join(f)).unwrap();
    }
    // The server reads its key only when it owns it and nobody else can.
    let owner = std::process::Command::new("stat").args(["-c", "%U"]).arg(&data).output().unwrap();
    let owner = String::from_utf8(owner.stdout).unwrap().trim().to_string();
    for f in ["server.crt", "server.key", "ca.crt"] {
        assert!(std::process::Command::new("chown").arg(&owner).arg(data.join(f)).status().unwrap().success());
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(data.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut conf = std::fs::OpenOptions::new().append(true).open(data.join("postgresql.conf")).unwrap();
    use std::io::Write;
    writeln!(conf, "\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\nssl_ca_file = 'ca.crt'").unwrap();
    let hba = std::fs::read_to_string(data.join("pg_hba.conf")).unwrap();
    let hba = format!("hostssl all alice 127.0.0.1/32 cert\n{hba}");
    let hba: String = hba
        .lines()
        .map(|l| if l.starts_with("host ") { l.replacen("host ", "hostssl ", 1) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(data.join("pg_hba.conf"), hba + "\n").unwrap();
    pg.restart();

    let ca = c.join("ca.crt");
    let base = pg.admin_url(DB);
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path(), "a", "editor");
    // Not trusted without the newsroom's authority…
    match desk::create(&mut a, &format!("{base}?sslmode=require"), Access::default()) {
        Err(Error::Network(m)) => assert!(m.to_lowercase().contains("certificate"), "{m}"),
        other => panic!("an untrusted server was accepted: {other:?}"),
    }
    // …and a plain connection is refused by the server.
    assert!(desk::create(&mut a, &format!("{base}?sslmode=disable"), Access::default()).is_err());
    // With it, the desk works, and the stored address keeps the authority but not the password.
    let url = format!("{base}?sslmode=require&sslrootcert={}", ca.display());
    desk::create(&mut a, &url, Access::default()).unwrap();
    let status = desk::status(&a, Access { password: Some(pg.admin_password()) }).unwrap();
    assert!(status.reachable, "{status:?}");
    assert!(status.link.url.contains("sslrootcert=") && status.link.url.contains("sslmode=require"), "{}", status.link.url);
    assert!(!status.link.url.contains(pg.admin_password()));
    a.create_claim(&ClaimInput { text: "Sent over TLS to the desk.".into(), ..Default::default() }).unwrap();
    let r = sync(&mut a, pg.admin_password());
    assert!(r.pushed >= 1, "{r:?}");

    // Alice, by certificate: no password anywhere.
    pg.create_role("alice", "unused-password");
    desk::grant(&url, Access { password: Some(pg.admin_password()) }, "alice", false).unwrap();
    let alice_url = format!(
        "postgres://alice@127.0.0.1:{}/{DB}?sslmode=require&sslrootcert={}&sslcert={}&sslkey={}",
        pg.port(),
        ca.display(),
        c.join("alice.crt").display(),
        c.join("alice.key").display()
    );
    let mut b = open(dir.path(), "b", "alice");
    desk::join(&mut b, &alice_url, Access::default()).unwrap();
    assert!(texts(&b).contains(&"Sent over TLS to the desk.".to_string()));
    b.create_claim(&ClaimInput { text: "Alice, logged in by certificate.".into(), ..Default::default() }).unwrap();
    let r = desk::sync(&mut b, Access::default()).unwrap();
    assert!(r.pushed >= 1 && r.refused.is_empty(), "{r:?}");
    assert_eq!(
        pg.psql(DB, "SELECT role FROM factdesk.changes WHERE data->>'text' = 'Alice, logged in by certificate.'"),
        "alice"
    );
}

/// A tag one checker removes stays removed when another, who had not seen that, edits something
/// else of the claim: an edit says only what it changed.
#[test]
fn a_removed_tag_is_not_brought_back_by_an_unrelated_edit() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    let mut e = input(&b.get_claim(&s.claim).unwrap());
    e.tags.retain(|t| t != "aid");
    b.update_claim(&s.claim, &e).unwrap();
    let mut e = input(&c.get_claim(&s.claim).unwrap());
    e.summary = "Bob's summary.".into();
    c.update_claim(&s.claim, &e).unwrap();
    sync(&mut b, &pw_b);
    sync(&mut c, &pw_c);
    sync(&mut b, &pw_b);
    for store in [&b, &c] {
        let claim = store.get_claim(&s.claim).unwrap();
        assert_eq!(claim.tags, vec!["ukraine".to_string()], "{:?}", claim.tags);
        assert_eq!(claim.summary, "Bob's summary.");
    }
}

/// What the window shows: the local link without a connection, a conflict notice dismissed (the
/// history keeps it), a refused change described, and whether the desk answered, with why not.
#[test]
fn notices_can_be_dismissed_and_say_what_they_are() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    let base = b.get_claim(&s.claim).unwrap();
    for (store, text) in [(&mut b, "Alice's words."), (&mut c, "Bob's words.")] {
        let mut e = input(&base);
        e.summary = text.into();
        store.update_claim(&s.claim, &e).unwrap();
    }
    sync(&mut b, &pw_b);
    sync(&mut c, &pw_c);
    let link = desk::link(&c).unwrap().expect("on a desk");
    assert_eq!((link.conflicts, link.outbox), (1, 0));
    assert!(link.last_pull.is_some() && link.last_error.is_none());
    let conflict = desk::conflicts(&c, Some(&s.claim)).unwrap().remove(0);
    desk::dismiss_conflict(&mut c, conflict.id).unwrap();
    assert!(desk::conflicts(&c, Some(&s.claim)).unwrap().is_empty());
    assert!(c.get_claim(&s.claim).unwrap().history.iter().any(|h| h.action == "conflict"));
    assert!(matches!(desk::dismiss_conflict(&mut c, conflict.id), Err(Error::NotFound { .. })));

    make_ready(&mut b, &s.claim);
    b.set_status(&s.claim, ClaimStatus::Published).unwrap();
    sync(&mut b, &pw_b);
    let draft = desk::drafts(&b, Some(&s.claim)).unwrap().remove(0);
    assert!(draft.what.contains("the claim: status"), "{}", draft.what);

    let status = desk::status(&b, Access { password: Some(&pw_b) }).unwrap();
    assert!(status.reachable && status.problem.is_none());
    assert!(status.replicas.iter().any(|r| r.id == status.link.replica_id && r.role == "alice"));
    s.pg.stop();
    let status = desk::status(&b, Access { password: Some(&pw_b) }).unwrap();
    assert!(!status.reachable);
    assert!(status.problem.as_deref().is_some_and(|p| p.contains("could not be reached")), "{:?}", status.problem);
}

/// Cites a new source, archived with `text`, as evidence for the claim with `excerpt`.
fn cite(store: &mut Store, claim: &str, url: &str, publisher: &str, text: &str, excerpt: &str) {
    let source = store
        .create_source_with_capture(
            &SourceInput { url: url.into(), title: format!("Page at {url}"), publisher: publisher.into(), ..Default::default() },
            &pasted_capture(text),
        )
        .unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: claim.into(),
            source_uuid: source.uuid,
            excerpt: excerpt.into(),
            stance: Stance::Context,
            note: String::new(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
}

fn item_uuid(store: &Store, label: &str) -> String {
    store.checklist().unwrap().into_iter().find(|i| i.label == label).unwrap_or_else(|| panic!("no item {label}")).uuid
}

fn published_on_desk(pg: &TestPostgres) -> i64 {
    server_count(pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims' AND data->>'status' = 'published'")
}

const EXCERPTS_ITEM: &str = "Every excerpt found in its archived copy";

/// The editor's checklist: the default items with `rules` by label, plus a required item that
/// checks every excerpt against its archived copy.
fn editor_rules(store: &mut Store, rules: &[(&str, CheckRule)]) {
    let mut items = checklist_with(store, |i| rules.iter().find(|(l, _)| *l == i.label).map(|(_, r)| *r));
    items.push(ChecklistItemInput { uuid: None, label: EXCERPTS_ITEM.into(), required: true, rule: Some(CheckRule::ExcerptsFound) });
    store.set_checklist(&items).unwrap();
}

/// Issue 17: the checklist's rules are checked again on the desk's own state. Alice's replica has
/// not seen the rules the editor set meanwhile, so the app lets her publish; the desk does not,
/// and says why in the words the app uses.
#[test]
fn rules_a_replica_has_not_seen_yet_are_checked_on_the_desk() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    make_ready(&mut b, &s.claim);
    // A second page of the same web site, its excerpt misquoted (311, not 310).
    let misquoted = "https://www.congress.gov/bill/118th-congress/house-bill/815/all-actions";
    cite(&mut b, &s.claim, misquoted, "", "Passed House (Amended) by the Yeas and Nays: 311 - 112.", "Passed House by 310 - 112");
    sync(&mut b, &pw_b);
    second_reader_signs_off(&mut c, &pw_c, &s.claim);

    let Setup { pg, mut a, claim, .. } = s;
    sync(&mut a, pg.admin_password());
    editor_rules(&mut a, &[("At least two independent sources", CheckRule::MinPublishers { min: 2 })]);
    sync(&mut a, pg.admin_password());

    b.set_status(&claim, ClaimStatus::Published).unwrap();
    let r = sync(&mut b, &pw_b);
    assert_eq!(r.refused.len(), 1, "{r:?}");
    let why = &r.refused[0];
    let publishers = "“At least two independent sources” is signed off, but the evidence comes from only 1 publisher (congress.gov), and 2 different publishers are needed";
    let excerpt = format!("checklist: “{EXCERPTS_ITEM}” — fails now: the excerpt from “Page at {misquoted}” is not found in its archived copy");
    assert!(why.starts_with("The desk cannot publish this claim yet."), "{why}");
    assert!(why.contains(publishers), "{why}");
    assert!(why.contains(&excerpt), "{why}");
    assert!(!why.contains("H.R.815"), "the first excerpt is in its archived copy word for word: {why}");
    assert_eq!(b.get_claim(&claim).unwrap().status, ClaimStatus::Ready, "put back as the desk has it");
    assert_eq!(desk::drafts(&b, Some(&claim)).unwrap().len(), 1);
    assert_eq!(published_on_desk(&pg), 0);

    // Now that alice has the rules, the app says the same before anything travels.
    let local = b.set_status(&claim, ClaimStatus::Published).unwrap_err().to_string();
    assert!(local.contains(publishers), "{local}");
    assert!(local.contains(&excerpt), "{local}");
}

/// Issue 17: "second reader" is judged on the desk by PostgreSQL role, not by the name a
/// workspace gives its checker. Then, with every rule holding on the desk, the publish lands.
#[test]
fn the_second_reader_is_a_role_on_the_desk_not_a_name_in_a_workspace() {
    let s = setup();
    let (mut b, pw_b) = s.replica("alice");
    let (mut c, pw_c) = s.replica("bob");
    let Setup { pg, mut a, claim, .. } = s;
    sync(&mut a, pg.admin_password());
    editor_rules(
        &mut a,
        &[
            ("At least two independent sources", CheckRule::MinSources { min: 2 }),
            ("Second reader signed off", CheckRule::SecondReader),
        ],
    );
    sync(&mut a, pg.admin_password());
    sync(&mut b, &pw_b);
    // A second source whose excerpt is quoted with straight quotes, a hyphen, other case and a
    // left-out passage: found, as the app finds it.
    cite(
        &mut b,
        &claim,
        "https://apnews.com/article/senate-ukraine-aid",
        "AP",
        "The Senate voted 70–29 on “the package”\u{a0}early on Tuesday, after a weekend of debate, in February.",
        "the senate voted 70-29 on \"the package\" […] in FEBRUARY",
    );
    verdict_and_ready(&mut b, &claim);
    let second = item_uuid(&b, "Second reader signed off");
    for item in b.checklist().unwrap().into_iter().filter(|i| i.uuid != second) {
        b.set_check(&claim, &item.uuid, true).unwrap();
    }
    // Alice cannot be her own second reader in the app…
    assert!(b.set_check(&claim, &second, true).is_err());
    // …unless she calls herself someone else.
    b.set_actor("Bob").unwrap();
    b.set_check(&claim, &second, true).unwrap();
    b.set_actor("alice").unwrap();
    b.set_status(&claim, ClaimStatus::Published).unwrap();
    let r = sync(&mut b, &pw_b);
    assert_eq!(r.refused.len(), 1, "{r:?}");
    assert!(
        r.refused[0].contains(
            "“Second reader signed off” is signed off, but alice wrote the current verdict, so cannot be its second reader"
        ),
        "{}",
        r.refused[0]
    );
    assert_eq!(published_on_desk(&pg), 0);

    // Bob reads it and signs it off himself; alice's publish then goes through.
    sync(&mut c, &pw_c);
    c.set_check(&claim, &second, false).unwrap();
    c.set_check(&claim, &second, true).unwrap();
    sync(&mut c, &pw_c);
    sync(&mut b, &pw_b);
    b.set_status(&claim, ClaimStatus::Published).unwrap();
    let r = sync(&mut b, &pw_b);
    assert!(r.refused.is_empty(), "{r:?}");
    assert_eq!(published_on_desk(&pg), 1);
}

/// A desk made by the previous Factdesk (schema 1) is upgraded by its owner's next sync, in one
/// transaction; a checker's sync works on it as it is and says it waits for the owner.
#[test]
fn a_desk_made_by_an_earlier_version_is_upgraded_by_its_owner_and_only_by_its_owner() {
    let s = setup_at(1);
    let schema = |pg: &TestPostgres| server_count(pg, "SELECT value::bigint FROM factdesk.meta WHERE key = 'schema'");
    let rules_functions = |pg: &TestPostgres| {
        server_count(pg, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'factdesk' AND p.proname = 'rule_problem'")
    };
    assert_eq!((schema(&s.pg), rules_functions(&s.pg)), (1, 0));
    // Let in by the owner with PostgreSQL's own GRANT (Factdesk's `desk grant` connects as the
    // owner, and would upgrade the desk on the way).
    s.pg.create_role("alice", "pw-alice");
    s.pg.psql(DB, "GRANT factdesk_checker TO alice");
    let mut b = open(s.dir.path(), "alice", "alice");
    let pw_b = "pw-alice".to_string();
    desk::join(&mut b, &s.pg.url_for("alice", &pw_b, DB), Access::default()).unwrap();
    sync(&mut b, &pw_b);
    let status = desk::status(&b, Access { password: Some(&pw_b) }).unwrap();
    assert_eq!((status.schema, status.upgrade_pending), (Some(1), true));
    assert_eq!(schema(&s.pg), 1, "a checker does not upgrade the desk");

    let Setup { pg, mut a, .. } = s;
    sync(&mut a, pg.admin_password());
    assert_eq!((schema(&pg), rules_functions(&pg)), (DESK_SCHEMA, 1));
    let status = desk::status(&b, Access { password: Some(&pw_b) }).unwrap();
    assert_eq!((status.schema, status.upgrade_pending), (Some(DESK_SCHEMA), false));
    // Its log and rows are as they were: alice's replica follows on.
    assert!(sync(&mut b, &pw_b).refused.is_empty());
    assert_eq!(texts(&a), texts(&b));
}

/// A desk whose record of its version was changed by hand (not a number, or gone) is refused in
/// plain words on every sync, the owner's included, and nothing is upgraded or synced on a guess;
/// set back, the desk works again.
#[test]
fn a_damaged_record_of_the_desk_version_is_refused_in_plain_words() {
    let s = setup_at(1);
    let Setup { pg, mut a, .. } = s;
    let refused = |a: &mut Store| match desk::sync(a, Access { password: Some(pg.admin_password()) }) {
        Ok(r) => panic!("a damaged desk synced: {r:?}"),
        Err(e) => e.to_string(),
    };
    pg.psql(DB, "UPDATE factdesk.meta SET value = 'two' WHERE key = 'schema'");
    let said = refused(&mut a);
    assert!(said.contains("record of its version is damaged") && said.contains("\"two\""), "{said}");
    assert!(!said.contains("invalid input syntax") && !said.contains("22P02"), "PostgreSQL's words: {said}");
    pg.psql(DB, "DELETE FROM factdesk.meta WHERE key = 'schema'");
    let said = refused(&mut a);
    assert!(said.contains("record of its version is damaged") && said.contains("missing"), "{said}");
    let rules_functions = server_count(
        &pg,
        "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'factdesk' AND p.proname = 'rule_problem'",
    );
    assert_eq!(rules_functions, 0, "nothing was upgraded on a guess");
    // Set back as the message says: the owner's next sync upgrades the desk as usual.
    pg.psql(DB, "INSERT INTO factdesk.meta (key, value) VALUES ('schema', '1')");
    sync(&mut a, pg.admin_password());
    assert_eq!(server_count(&pg, "SELECT value::bigint FROM factdesk.meta WHERE key = 'schema'"), DESK_SCHEMA);
}

/// Texts and excerpts, varied the ways copied excerpts vary, for the parity test below.
fn excerpt_cases() -> Vec<(String, String)> {
    let texts = [
        "The mayor said “we’re done” — twice.\nNext  line… and then the ÉCOLE Ünd ΣΟΦΙΑ closed at 5 p.m.",
        "First, the council met. It argued for hours. Finally it voted yes (by 7–2) on the “Harbour Plan”.",
        "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.\u{a0}The House did not vote in February.",
        "Le ministre a déclaré : « nous n’avons pas d’argent » — avant d’ajouter qu’il « réfléchissait ».",
        "Die Regierung\u{00ad}sprecherin sagte, man habe 2,3 Mrd. Euro … bereitgestellt; das sei „genug“.",
    ];
    let mut seed: u64 = 0x5eed_f00d;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut out = Vec::new();
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..60 {
            let a = next(chars.len() - 1);
            let b = (a + 1 + next(40)).min(chars.len());
            let piece: String = chars[a..b].iter().collect();
            let varied: String = match next(8) {
                0 => piece.clone(),
                1 => piece.to_uppercase(),
                2 => piece.replace(['“', '”', '«', '»', '„'], "\"").replace('’', "'"),
                3 => piece.replace(' ', "  ").replace('—', "-").replace('–', " - "),
                4 => piece.replace('…', "...").replace('\u{a0}', " ").replace('\n', " "),
                5 => format!("{piece}x"),
                6 => {
                    // A left-out passage, the parts in order or not.
                    let c = (b + next(20)).min(chars.len());
                    let d = (c + 1 + next(20)).min(chars.len());
                    let later: String = chars[c..d].iter().collect();
                    let gap = ["[…]", "[...]", "(...)", "…", "..."][next(5)];
                    if next(3) == 0 { format!("{later} {gap} {piece}") } else { format!("{piece} {gap} {later}") }
                }
                _ => piece.replace('e', "é").to_lowercase(),
            };
            out.push((text.to_string(), varied));
        }
    }
    out
}

/// The desk's `excerpt_found` (PL/pgSQL) finds an excerpt exactly where the app's
/// `locate_excerpt` does, on a database made with the C locale (as these tests make them).
#[test]
fn the_desk_finds_an_excerpt_exactly_where_the_app_does() {
    let s = setup();
    let cases = excerpt_cases();
    let values: Vec<String> =
        cases.iter().enumerate().map(|(n, (t, e))| format!("({n}, {}, {})", quote_literal(t), quote_literal(e))).collect();
    let out = s.pg.psql(
        DB,
        &format!("SELECT n, factdesk.excerpt_found(t, e) FROM (VALUES {}) v(n, t, e) ORDER BY n", values.join(",\n")),
    );
    let mut found = 0;
    let answers: Vec<&str> = out.lines().collect();
    assert_eq!(answers.len(), cases.len());
    for (line, (n, (text, excerpt))) in answers.iter().zip(cases.iter().enumerate()) {
        let app = factdesk_core::web::locate_excerpt(text, excerpt).is_some();
        assert_eq!(*line, format!("{n}|{}", if app { "t" } else { "f" }), "excerpt {excerpt:?} in {text:?}");
        found += usize::from(app);
    }
    assert!(found > 60 && cases.len() - found > 60, "both kinds are tried: {found} of {} found", cases.len());
}

/// Issue 17: a clarification keeps the rating on the desk too. A forged push (what a modified app
/// could send) that calls a new rating a clarification is refused whole; called a correction, the
/// same change lands.
#[test]
fn a_clarification_that_changes_the_rating_is_refused_on_the_desk() {
    let s = setup();
    let (_b, pw_b) = published_by_alice(&s);

    let row = |sql: &str| -> serde_json::Value { serde_json::from_str(&s.pg.psql(DB, sql)).unwrap() };
    let old = row("SELECT jsonb_build_object('key', key, 'data', data) FROM factdesk.entities WHERE kind = 'verdicts'");
    let old_key = old["key"].as_str().unwrap().to_string();
    let old_rating = old["data"]["rating_id"].as_str().unwrap().to_string();
    let other: String =
        s.pg.psql(DB, &format!("SELECT key FROM factdesk.entities WHERE kind = 'ratings' AND key <> '{old_rating}' ORDER BY key LIMIT 1"));
    let forged = |kind: &str| {
        let new_key = uuid::Uuid::now_v7().to_string();
        let mut new = old["data"].clone();
        new["uuid"] = new_key.clone().into();
        new["rating_id"] = other.clone().into();
        new["rationale"] = "Rated again without saying so.".into();
        let mut superseded = old["data"].clone();
        superseded["superseded_at"] = "2026-12-08T00:00:00Z".into();
        superseded["superseded_by"] = new_key.clone().into();
        let correction = uuid::Uuid::now_v7().to_string();
        let items = serde_json::json!([
            {"txn": 1, "kind": "verdicts", "key": new_key, "op": "put", "base": 1_000_000_000, "data": new},
            {"txn": 1, "kind": "verdicts", "key": old_key, "op": "put", "base": 1_000_000_000, "data": superseded,
             "fields": ["superseded_at", "superseded_by"]},
            {"txn": 1, "kind": "corrections", "key": correction, "op": "put", "base": 1_000_000_000,
             "data": {"uuid": correction, "claim_id": s.claim, "reason": "Added a detail.", "what": "verdict",
                      "actor": "alice", "at": "2026-12-08T00:00:00Z", "kind": kind}},
        ]);
        let sql = format!(
            "SELECT factdesk.push('{}'::uuid, 'forged', {}::jsonb)",
            uuid::Uuid::now_v7(),
            quote_literal(&items.to_string())
        );
        let answer: serde_json::Value = serde_json::from_str(&s.pg.psql_as("alice", &pw_b, DB, &sql).unwrap()).unwrap();
        (answer, new_key)
    };
    let (answer, new_key) = forged("clarification");
    let refused = answer["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1, "{answer}");
    assert!(refused[0]["reason"].as_str().unwrap().contains("so it is a correction, not a clarification"), "{answer}");
    assert_eq!(server_count(&s.pg, &format!("SELECT count(*) FROM factdesk.entities WHERE key = '{new_key}'")), 0, "nothing of it landed");

    let (answer, new_key) = forged("correction");
    assert_eq!(answer["refused"].as_array().unwrap().len(), 0, "{answer}");
    assert_eq!(server_count(&s.pg, &format!("SELECT count(*) FROM factdesk.entities WHERE key = '{new_key}'")), 1);
}
