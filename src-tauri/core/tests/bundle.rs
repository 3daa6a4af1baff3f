//! The JSON bundle on real workspace files (issue 11, defects 2 and 4): a workspace that uses every
//! feature, exported and imported into a fresh one, is the same workspace table by table; records
//! re-imported with changes (JSON bundle and claims CSV) update their claims through the edits a
//! checker makes, with history, and never edit a published claim.

use std::collections::BTreeSet;
use std::path::Path;

use factdesk_core::interchange::{self, ImportAction, ImportKind, ImportOptions, ImportReport};
use factdesk_core::model::{
    AcceptCandidate, AppearanceInput, ArticlePaste, CaptureMethod, CheckRule, ChecklistItemInput, ClaimInput, ClaimStatus, ClaimantInput,
    CorrectionKind, EvidenceInput, RatingInput, RatingScaleInput, Reliability, SourceInput, SourceKind, Stance, VerdictInput,
};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::store::NewCapture;
use factdesk_core::{article, Store};
use rusqlite::types::Value;
use rusqlite::Connection;

fn local(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interchange").join(name)).unwrap()
}

fn export(store: &Store, format: Format) -> Vec<u8> {
    report::export(store, &Selection::all(), format, &ExportOptions::default()).unwrap().bytes
}

fn claim(text: &str, claimant: &str, status: ClaimStatus, tags: &[&str]) -> ClaimInput {
    ClaimInput {
        text: text.into(),
        summary: format!("Summary of: {text}"),
        claimant: Some(claimant.into()),
        claimant_role: Some("Spokesperson".into()),
        said_on: Some("2024-02-27".into()),
        said_where: "Briefing".into(),
        status: Some(status),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        language: "en".into(),
        context: "Asked by a reporter.".into(),
        assignee: "Ana".into(),
    }
}

fn capture(url: &str, text: &str, bytes: &[u8]) -> NewCapture {
    NewCapture {
        method: CaptureMethod::Fetch,
        requested_url: url.into(),
        final_url: url.into(),
        http_status: Some(200),
        content_type: "text/html; charset=utf-8".into(),
        bytes: bytes.to_vec(),
        text: text.into(),
        note: String::new(),
    }
}

fn verdict(claim: &str, rating: &str, rationale: &str, correction: Option<&str>) -> VerdictInput {
    VerdictInput {
        claim_uuid: claim.into(),
        rating_key: rating.into(),
        rationale: rationale.into(),
        correction_reason: correction.map(str::to_string),
        correction_kind: None,
    }
}

/// The default checklist without its checks (issue 17): these workspaces' claims are published
/// with one source each, by one checker.
fn without_rules(s: &mut Store) {
    let plain: Vec<ChecklistItemInput> = s
        .checklist()
        .unwrap()
        .into_iter()
        .map(|i| ChecklistItemInput { uuid: Some(i.uuid), label: i.label, required: i.required, rule: None })
        .collect();
    s.set_checklist(&plain).unwrap();
}

/// Signs off the active checklist and walks the claim to published.
fn publish(s: &mut Store, uuid: &str) {
    for item in s.checklist().unwrap() {
        s.set_check(uuid, &item.uuid, true).unwrap();
    }
    for to in [ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready, ClaimStatus::Published] {
        if s.get_claim(uuid).unwrap().status != to {
            s.set_status(uuid, to).unwrap();
        }
    }
}

/// A workspace that uses every feature: claims with tags, appearances and claimants (one edited,
/// one left without claims), sources with several captures (raw bytes that are not text too),
/// evidence checked against captures, verdicts on two scales (one superseded, one a correction),
/// sign-offs of a checklist edited since, every workflow status, "same claim" and "not the same"
/// decisions, other publishers' fact-checks, an article with accepted and rejected candidates, a
/// source cited by nothing, the desk's settings, its own rating scale and rating-name table.
fn every_feature(path: &Path) -> Store {
    let mut s = Store::open(path).unwrap();
    s.set_actor("Ana Checker").unwrap();
    without_rules(&mut s);
    Connection::open(path)
        .unwrap()
        .execute_batch(
            "INSERT INTO settings (key, value) VALUES ('desk_name', 'Desk Fact Check'),
                                                      ('publication_url', 'https://checks.example.org/{uuid}')",
        )
        .unwrap();
    let ryder = s.create_claim(&claim("No plans to send US troops to fight in Ukraine.", "Pat Ryder", ClaimStatus::New, &["troops", "ukraine"])).unwrap().uuid;
    let aid = s.create_claim(&claim("A $60 billion aid package is held up in Congress.", "Distinct Post", ClaimStatus::Researching, &["aid"])).unwrap().uuid;
    let same = s.create_claim(&claim("The US will not send soldiers to Ukraine.", "Pat Ryder", ClaimStatus::New, &[])).unwrap().uuid;
    let other = s.create_claim(&claim("Troops are already in Ukraine.", "Someone Else", ClaimStatus::New, &["troops"])).unwrap().uuid;
    // A claimant edited, and one left without claims.
    let pat = s.get_claim(&ryder).unwrap().claimant.unwrap().uuid;
    s.update_claimant(&pat, &ClaimantInput { name: "Pat Ryder".into(), role: "Press secretary".into(), affiliation: "US DoD".into() }).unwrap();
    s.update_claim(&other, &ClaimInput { claimant: Some("A Blogger".into()), ..claim("Troops are already in Ukraine.", "", ClaimStatus::New, &["troops"]) }).unwrap();

    let dod = s
        .create_source_with_capture(
            &SourceInput {
                url: "https://www.defense.gov/transcript".into(),
                title: "Pentagon briefing transcript".into(),
                publisher: "US DoD".into(),
                author: "Press office".into(),
                published_on: Some("2024-02-27".into()),
                kind: SourceKind::Transcript,
                reliability: Reliability::High,
                reliability_note: "The official record.".into(),
                confidential: false,
            },
            &capture("https://www.defense.gov/transcript", "We have no plans to send troops.", b"<p>We have no plans</p>\x00\xff\xfe"),
        )
        .unwrap();
    s.add_capture(&dod.uuid, &capture("https://www.defense.gov/transcript", "We have no plans to send troops. Updated.", b"%PDF-1.7 \x01\x02\x03"))
        .unwrap();
    let congress = s
        .create_source(&SourceInput { url: "https://congress.gov/bill/815".into(), title: "H.R. 815".into(), kind: SourceKind::PrimaryDocument, ..SourceInput::default() })
        .unwrap();
    s.create_source(&SourceInput { url: "https://example.org/never-cited".into(), title: "A source nothing cites".into(), ..SourceInput::default() })
        .unwrap();
    s.add_appearance(
        &ryder,
        &AppearanceInput {
            url: "https://www.defense.gov/transcript".into(),
            outlet: "DoD".into(),
            medium: "transcript".into(),
            appeared_on: Some("2024-02-27".into()),
            is_first: true,
            source_uuid: Some(dod.uuid.clone()),
        },
    )
    .unwrap();
    s.add_appearance(&aid, &AppearanceInput { outlet: "Distinct Post".into(), medium: "article".into(), ..AppearanceInput::default() }).unwrap();
    let evidence = |claim: &str, source: &str, stance| EvidenceInput {
        claim_uuid: claim.into(),
        source_uuid: source.into(),
        excerpt: "We have no plans to send troops.".into(),
        stance,
        note: "Checked against the archived page.".into(),
        correction_reason: None,
        correction_kind: None,
    };
    s.add_evidence(&evidence(&ryder, &dod.uuid, Stance::Supports)).unwrap();
    s.add_evidence(&evidence(&aid, &congress.uuid, Stance::Context)).unwrap();

    // A verdict on the six-step scale, then the desk's own scale, then verdicts and a correction on it.
    s.record_verdict(&verdict(&aid, "mostly_true", "The bill stalled in the House.", None)).unwrap();
    let scale = s
        .create_scale(&RatingScaleInput {
            name: "Desk scale".into(),
            description: "Two steps.".into(),
            best_rating: Some(2),
            worst_rating: Some(1),
            ratings: ["Accurate", "Inaccurate"]
                .iter()
                .zip([2, 1])
                .map(|(label, value)| RatingInput { label: label.to_string(), color: "#123456".into(), value: Some(value), ..RatingInput::default() })
                .collect(),
        })
        .unwrap();
    s.set_rating_scale(&scale.uuid).unwrap();
    s.record_verdict(&verdict(&aid, "accurate", "The package is stalled.", None)).unwrap();
    s.record_verdict(&verdict(&ryder, "accurate", "The transcript says so.", None)).unwrap();
    publish(&mut s, &aid);
    s.set_published_url(&aid, "https://desk.example/2024/03/aid-package-stalled").unwrap();
    s.record_verdict(&verdict(&aid, "inaccurate", "It passed the Senate since.", Some("The Senate vote changed the picture."))).unwrap();
    publish(&mut s, &ryder);
    // A clarification (issue 17): the same rating, detail added; the claim stays published.
    s.record_verdict(&VerdictInput {
        correction_kind: Some(CorrectionKind::Clarification),
        ..verdict(&ryder, "accurate", "The transcript says so, and the Pentagon repeated it on 28 February.", Some("Added the Pentagon's repetition."))
    })
    .unwrap();
    s.set_status(&ryder, ClaimStatus::Archived).unwrap();
    s.set_status(&other, ClaimStatus::Researching).unwrap();
    s.set_status(&other, ClaimStatus::InReview).unwrap();
    // The checklist edited after those sign-offs: one item retired, one added.
    let items = s.checklist().unwrap();
    s.set_checklist(&[
        ChecklistItemInput { uuid: Some(items[0].uuid.clone()), label: items[0].label.clone(), required: true, rule: None },
        ChecklistItemInput {
            uuid: Some(items[1].uuid.clone()),
            label: "Two independent sources".into(),
            required: false,
            rule: Some(CheckRule::MinPublishers { min: 2 }),
        },
        ChecklistItemInput { uuid: None, label: "Legal read".into(), required: true, rule: None },
    ])
    .unwrap();

    s.confirm_match(&ryder, &same).unwrap();
    s.dismiss_match(&ryder, &other).unwrap();
    let mut names = interchange::rating_names(&s).unwrap();
    names.retain(|n| n.name != "Fake");
    names.push(interchange::RatingName { name: "Bogus".into(), rating_key: Some("inaccurate".into()), position: Some(0.1) });
    interchange::set_rating_names(&mut s, &names).unwrap();
    let reviews = interchange::import_claimreview(&mut s, &local("bent.json"), false).unwrap();
    assert!(reviews.created >= 2, "{:?}", reviews.items);

    let fetched = article::read_paste(&ArticlePaste {
        text: "Minister Jane Doe said unemployment fell to 4 percent in January. The weather was mild. \
               \"We will build 10,000 homes by 2026,\" said Mayor John Roe."
            .into(),
        title: "City news".into(),
        url: "https://news.example.org/city".into(),
        publisher: "City News".into(),
        published_on: Some("2024-02-20".into()),
    })
    .unwrap();
    let a = article::import(&mut s, &fetched).unwrap();
    assert!(a.candidates.len() >= 2, "{:?}", a.candidates);
    let (first, second) = (&a.candidates[0].candidate, &a.candidates[1].candidate);
    article::accept_candidate(&mut s, &AcceptCandidate {
        capture_uuid: a.capture_uuid.clone(),
        start: first.start as u32,
        end: first.end as u32,
        claimant: Some("Jane Doe".into()),
        tags: vec!["economy".into()],
        ..AcceptCandidate::default()
    })
    .unwrap();
    article::reject_candidate(&mut s, &a.capture_uuid, second.start as u32, second.end as u32).unwrap();
    s
}

/// Every table of a workspace, each as a query whose rows are compared as a set. Integer keys are
/// not selected: an import gives rows the keys free in the workspace it writes to, so a row's keys
/// and the keys other rows use to point at it (`*_id`, `superseded_by`, the FTS rowids) are
/// replaced by the UUID (or, for rows without one, the values) of what they point at.
const TABLES: &[(&str, &str)] = &[
    // `actor` is the name of the checker who works in this workspace file, not the workspace's data.
    ("settings", "SELECT key, value FROM settings WHERE key <> 'actor'"),
    ("claimants", "SELECT uuid, name, role, affiliation, created_at, updated_at FROM claimants"),
    ("rating_scales", "SELECT uuid, name, description, created_at, best_rating, worst_rating, preset FROM rating_scales"),
    (
        "ratings",
        "SELECT r.uuid, s.uuid, r.key, r.position, r.label, r.description, r.color, r.value, r.rating_value, r.alternate_name
         FROM ratings r JOIN rating_scales s ON s.id = r.scale_id",
    ),
    ("rating_names", "SELECT name, rating_key, position FROM rating_names"),
    ("checklist_items", "SELECT uuid, position, label, required, active, created_at, rule FROM checklist_items"),
    (
        "claims",
        "SELECT c.uuid, c.text, c.summary, cl.uuid, c.said_on, c.said_where, c.status, c.created_at, c.updated_at,
                c.published_at, c.language, c.context, c.assignee, c.origin, c.worthiness, c.published_url
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id",
    ),
    ("claim_tags", "SELECT c.uuid, t.tag FROM claim_tags t JOIN claims c ON c.id = t.claim_id"),
    (
        "sources",
        "SELECT uuid, url, url_key, title, publisher, author, published_on, accessed_at, kind, reliability, reliability_note,
                confidential, created_at, updated_at FROM sources",
    ),
    ("blobs", "SELECT sha256, size, bytes FROM blobs"),
    (
        "captures",
        "SELECT k.uuid, s.uuid, k.captured_at, k.method, k.requested_url, k.final_url, k.http_status, k.content_type, k.sha256,
                k.size, k.text, k.text_sha256, k.note, k.actor
         FROM captures k JOIN sources s ON s.id = k.source_id",
    ),
    (
        "article_decisions",
        "SELECT k.uuid, d.start, d.\"end\", d.decision, c.uuid, d.actor, d.at
         FROM article_decisions d JOIN captures k ON k.id = d.capture_id LEFT JOIN claims c ON c.id = d.claim_id",
    ),
    (
        "appearances",
        "SELECT a.uuid, c.uuid, a.url, a.outlet, a.medium, a.appeared_on, a.is_first, s.uuid, a.created_at
         FROM appearances a JOIN claims c ON c.id = a.claim_id LEFT JOIN sources s ON s.id = a.source_id",
    ),
    (
        "evidence",
        "SELECT e.uuid, c.uuid, s.uuid, k.uuid, e.excerpt, e.stance, e.note, e.created_at, e.updated_at
         FROM evidence e JOIN claims c ON c.id = e.claim_id JOIN sources s ON s.id = e.source_id
         LEFT JOIN captures k ON k.id = e.capture_id",
    ),
    (
        "verdicts",
        "SELECT v.uuid, c.uuid, r.uuid, v.rationale, v.author, v.correction_reason, v.created_at, v.superseded_at, n.uuid
         FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN ratings r ON r.id = v.rating_id
         LEFT JOIN verdicts n ON n.id = v.superseded_by",
    ),
    ("corrections", "SELECT k.uuid, c.uuid, k.reason, k.what, k.actor, k.at, k.kind FROM corrections k JOIN claims c ON c.id = k.claim_id"),
    (
        "claim_checks",
        "SELECT c.uuid, i.uuid, k.done_by, k.done_at
         FROM claim_checks k JOIN claims c ON c.id = k.claim_id JOIN checklist_items i ON i.id = k.item_id",
    ),
    (
        "external_reviews",
        "SELECT e.uuid, c.uuid, e.match_key, e.claim_key, e.publisher, e.publisher_url, e.url, e.headline, e.author,
                e.reviewed_on, e.modified_on, e.rating_text, e.rating_value, e.best_rating, e.worst_rating, r.uuid,
                e.mapped_by, e.language, e.language_guessed, e.imported_at, e.updated_at, e.raw
         FROM external_reviews e JOIN claims c ON c.id = e.claim_id LEFT JOIN ratings r ON r.id = e.rating_id",
    ),
    // A pair is stored smaller key first, so which claim is `claim_a` follows the keys: the pair
    // is compared as two UUIDs in order.
    (
        "claim_links",
        "SELECT min(a.uuid, b.uuid), max(a.uuid, b.uuid), l.kind, l.actor, l.at
         FROM claim_links l JOIN claims a ON a.id = l.claim_a JOIN claims b ON b.id = l.claim_b",
    ),
    (
        "history",
        "SELECT h.at, h.actor, h.entity, h.entity_uuid, c.uuid, h.action, h.detail FROM history h LEFT JOIN claims c ON c.id = h.claim_id",
    ),
    // The search indexes, through their virtual tables (their shadow tables are SQLite's storage).
    ("claims_fts", "SELECT c.uuid, f.text, f.summary, f.claimant FROM claims_fts f JOIN claims c ON c.id = f.rowid"),
    (
        "claim_context_fts",
        "SELECT c.uuid, f.source_title, f.excerpt, f.rationale FROM claim_context_fts f JOIN claims c ON c.id = f.rowid",
    ),
];

/// Tables that are views of others: `claims_vocab` counts the words of `claims_fts`.
/// Tables of derived data a workspace rebuilds itself, which a bundle never carries: the search
/// vocabulary, and the claims' vectors for matching by meaning (with their models and the queue of
/// claims waiting for one).
const DERIVED: &[&str] = &["claims_vocab", "claim_vectors", "embedding_models", "vector_queue"];

/// The file's own link to a desk (issue 14): which desk, what waits to be pushed, what the desk
/// refused. It belongs to the file, never to its content, so a bundle never carries it.
const DESK_LINK: &[&str] = &["desk", "desk_aliases", "desk_conflicts", "desk_drafts", "desk_outbox", "desk_pending_push"];

fn table(path: &Path, sql: &str) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut stmt = c.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())
        .unwrap()
        .map(|r| format!("{:?}", r.unwrap()))
        .collect();
    rows.sort();
    rows
}

fn tables(path: &Path) -> Vec<(&'static str, Vec<String>)> {
    TABLES.iter().map(|(name, sql)| (*name, table(path, sql))).collect()
}

/// Every table of `b` holds exactly the rows of `a`; otherwise fails naming every table that differs.
fn assert_same_workspace(a: &Path, b: &Path) {
    let mut differ = Vec::new();
    for ((name, x), (_, y)) in tables(a).into_iter().zip(tables(b)) {
        let lost = x.iter().filter(|r| !y.contains(r)).count();
        let added = y.iter().filter(|r| !x.contains(r)).count();
        if lost + added > 0 {
            let first = x.iter().find(|r| !y.contains(r)).or(y.iter().find(|r| !x.contains(r)));
            differ.push(format!("{name}: {lost} rows lost, {added} added, e.g. {}", first.map(String::as_str).unwrap_or("")));
        }
    }
    assert!(differ.is_empty(), "the workspaces differ:\n{}", differ.join("\n"));
}

#[test]
fn the_comparison_covers_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.factdesk")).unwrap();
    let names: BTreeSet<String> = Connection::open(store.path())
        .unwrap()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB '*_fts_*'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let covered: BTreeSet<String> = TABLES.iter().map(|(n, _)| n.to_string()).chain(DERIVED.iter().chain(DESK_LINK).map(|n| n.to_string())).collect();
    assert_eq!(names, covered, "a table the bundle round trip does not compare");
}

#[test]
fn a_workspace_using_every_feature_comes_back_table_by_table() {
    let dir = tempfile::tempdir().unwrap();
    let source = every_feature(&dir.path().join("a.factdesk"));
    let bundle = export(&source, Format::Json);
    let mut target = Store::open(dir.path().join("b.factdesk")).unwrap();
    let r = interchange::import_json(&mut target, &bundle, true).unwrap();
    assert_eq!((r.found, r.created), (r.items.len(), r.items.len()), "{:#?}", r.items);
    assert_same_workspace(source.path(), target.path());
    assert_eq!(export(&target, Format::Json), bundle, "the imported workspace exports the same bundle");

    // Other publishers' fact-checks stay theirs, captures keep their bytes, evidence its capture.
    let theirs = target.list_claims(&factdesk_core::model::ClaimQuery { origin: Some(factdesk_core::model::ClaimOrigin::Imported), ..Default::default() }).unwrap();
    assert!(theirs.items.iter().all(|c| !target.get_claim(&c.uuid).unwrap().external_reviews.is_empty()));
    let ev = target.get_claim(&source.list_claims(&Default::default()).unwrap().items.iter().find(|c| c.text.starts_with("No plans")).unwrap().uuid).unwrap();
    let checked = ev.evidence[0].capture.as_ref().expect("the evidence keeps the capture it was checked against");
    assert_eq!(target.capture_bytes(&checked.uuid).unwrap(), b"%PDF-1.7 \x01\x02\x03");

    // The same bundle again: every claim unchanged, nothing written.
    let again = interchange::import_json(&mut target, &bundle, true).unwrap();
    assert_eq!(again.unchanged, again.found, "{:#?}", again.items);
    assert_same_workspace(source.path(), target.path());
}

// ---- re-importing changed records (defect 4) ----

const PLAIN: &str = "The bridge will cost 3 billion euros.";
const PUBLISHED: &str = "Unemployment fell to 4 percent in January.";

/// A workspace with a claim being checked and a published one.
fn two_claims(path: &Path) -> (Store, String, String) {
    let mut s = Store::open(path).unwrap();
    s.set_actor("Ana Checker").unwrap();
    without_rules(&mut s);
    let plain = s.create_claim(&claim(PLAIN, "Jane Mayor", ClaimStatus::Researching, &["bridge"])).unwrap().uuid;
    let published = s.create_claim(&claim(PUBLISHED, "Minister Doe", ClaimStatus::Researching, &["jobs"])).unwrap().uuid;
    let source = s.create_source(&SourceInput { url: "https://stats.example.org/jobs".into(), title: "Jobs report".into(), ..SourceInput::default() }).unwrap();
    for uuid in [&plain, &published] {
        s.record_verdict(&verdict(uuid, "false", "The figures say otherwise.", None)).unwrap();
        s.add_evidence(&EvidenceInput {
            claim_uuid: uuid.clone(),
            source_uuid: source.uuid.clone(),
            excerpt: String::new(),
            stance: Stance::Refutes,
            note: String::new(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    }
    publish(&mut s, &published);
    (s, plain, published)
}

fn item<'a>(r: &'a ImportReport, uuid: &str) -> &'a interchange::ImportItem {
    r.items.iter().find(|i| i.claim_uuid.as_deref() == Some(uuid)).unwrap_or_else(|| panic!("{uuid} not in {:#?}", r.items))
}

fn history_actions(s: &Store, uuid: &str) -> Vec<(String, String)> {
    s.get_claim(uuid).unwrap().history.into_iter().map(|h| (h.action, h.summary)).collect()
}

fn counts(path: &Path) -> Vec<i64> {
    let c = Connection::open(path).unwrap();
    ["claims", "history", "verdicts", "claim_tags"].iter().map(|t| c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()).collect()
}

/// The same checks for a JSON bundle and a claims CSV: `changed` is the file after the plain
/// claim's wording, tags and verdict changed and the published claim's wording too.
fn reimport_updates(kind: ImportKind, original: &[u8], changed: &[u8], target: &mut Store, plain: &str, published: &str) {
    let import = |s: &mut Store, bytes: &[u8], opts| interchange::import(s, kind, bytes, opts).unwrap();
    let before = counts(target.path());
    let preview = import(target, changed, ImportOptions { strict: false, dry_run: true });
    assert_eq!(counts(target.path()), before, "a preview writes nothing");
    assert_eq!(item(&preview, plain).action, ImportAction::Update);

    let r = import(target, changed, ImportOptions::default());
    assert_eq!(r.items, preview.items, "the preview said what the import did");
    let p = item(&r, plain);
    assert_eq!(p.action, ImportAction::Update, "{p:#?}");
    assert!(p.reason.contains("wording") && p.reason.contains("tags") && p.reason.contains("recorded verdict “True”"), "{}", p.reason);
    let c = target.get_claim(plain).unwrap();
    assert_eq!((c.text.as_str(), c.tags.clone()), ("The bridge will cost 4 billion euros.", vec!["bridge".to_string(), "cost".to_string()]));
    assert_eq!(c.verdict.as_ref().map(|v| v.rating.key.as_str()), Some("true"));
    assert_eq!(c.verdicts.len(), 2, "the earlier verdict is kept, superseded");
    let history = history_actions(target, plain);
    assert!(history.iter().any(|(a, s)| a == "updated" && s.contains("wording")), "{history:?}");
    assert!(history.iter().any(|(a, s)| a == "recorded" && s.contains("superseding")), "{history:?}");

    let q = item(&r, published);
    assert_eq!(q.action, ImportAction::Skip, "{q:#?}");
    assert!(q.reason.contains("not updated") && q.reason.contains("published") && q.reason.contains("wording"), "{}", q.reason);
    assert_eq!(target.get_claim(published).unwrap().text, PUBLISHED, "a published claim is never edited by an import");
    assert_eq!((r.updated, r.skipped), (1, 1));
    let err = interchange::import(target, kind, changed, ImportOptions { strict: true, dry_run: false }).unwrap_err();
    assert!(err.to_string().contains("published"), "{err}");

    // The file again: the plain claim is as the file has it now.
    let again = import(target, changed, ImportOptions::default());
    assert_eq!(item(&again, plain).action, ImportAction::Unchanged);
    // And the original file brings the first wording back, as an edit.
    let back = import(target, original, ImportOptions::default());
    assert_eq!(item(&back, plain).action, ImportAction::Update);
    assert_eq!(item(&back, published).action, ImportAction::Unchanged);
    assert_eq!(target.get_claim(plain).unwrap().text, PLAIN);
}

#[test]
fn a_changed_json_bundle_updates_its_claims_with_history_but_never_a_published_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut source, plain, published) = two_claims(&dir.path().join("a.factdesk"));
    let original = export(&source, Format::Json);
    let mut target = Store::open(dir.path().join("b.factdesk")).unwrap();
    assert_eq!(interchange::import_json(&mut target, &original, true).unwrap().created, 2);

    source
        .update_claim(&plain, &ClaimInput { text: "The bridge will cost 4 billion euros.".into(), tags: vec!["bridge".into(), "cost".into()], ..claim(PLAIN, "Jane Mayor", ClaimStatus::Researching, &[]) })
        .unwrap();
    source.record_verdict(&verdict(&plain, "true", "The figures say otherwise.", None)).unwrap();
    // The workspace refuses to edit its published claim's wording; a file can still say it.
    let mut changed: serde_json::Value = serde_json::from_slice(&export(&source, Format::Json)).unwrap();
    let claims = changed["claims"].as_array_mut().unwrap();
    let p = claims.iter_mut().find(|c| c["uuid"] == published.as_str()).unwrap();
    p["text"] = "Unemployment fell to 3 percent in January.".into();
    let changed = serde_json::to_vec(&changed).unwrap();
    reimport_updates(ImportKind::Json, &original, &changed, &mut target, &plain, &published);
}

#[test]
fn a_changed_claims_csv_updates_its_claims_with_history_but_never_a_published_one() {
    let dir = tempfile::tempdir().unwrap();
    let (source, plain, published) = two_claims(&dir.path().join("a.factdesk"));
    let original = export(&source, Format::Csv);
    let mut target = Store::open(dir.path().join("b.factdesk")).unwrap();
    assert_eq!(interchange::import_csv(&mut target, &original, true).unwrap().created, 2);

    // Edited in a spreadsheet: the plain claim's wording, tags and rating; the published one's wording.
    let text = String::from_utf8(original.clone()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for line in &mut lines {
        if line.contains(&plain) {
            *line = line
                .replace(PLAIN, "The bridge will cost 4 billion euros.")
                .replace("\"bridge\"", "\"bridge; cost\"")
                .replace("\"false\",\"False\"", "\"true\",\"True\"");
        } else if line.contains(&published) {
            *line = line.replace(PUBLISHED, "Unemployment fell to 3 percent in January.");
        }
    }
    let changed = (lines.join("\r\n") + "\r\n").into_bytes();
    assert_ne!(changed, original);
    reimport_updates(ImportKind::Csv, &original, &changed, &mut target, &plain, &published);
}

/// Issue 17: a correction and a clarification of a published claim travel with their kind, and a
/// bundle written before kinds existed imports its corrections as corrections.
#[test]
fn a_bundle_keeps_each_corrections_kind_and_an_older_one_reads_as_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let (mut source, _plain, published) = two_claims(&dir.path().join("a.factdesk"));
    source.record_verdict(&verdict(&published, "true", "The figures agree after all.", Some("We misread the table."))).unwrap();
    let jobs = source.list_sources(&Default::default()).unwrap()[0].uuid.clone();
    source
        .add_evidence(&EvidenceInput {
            claim_uuid: published.clone(),
            source_uuid: jobs,
            excerpt: "Seasonally adjusted.".into(),
            stance: Stance::Context,
            note: String::new(),
            correction_reason: Some("Added that the figure is seasonally adjusted.".into()),
            correction_kind: Some(CorrectionKind::Clarification),
        })
        .unwrap();
    let kinds = |s: &Store| s.get_claim(&published).unwrap().corrections.iter().map(|k| k.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&source), [CorrectionKind::Clarification, CorrectionKind::Correction], "newest first");

    let bundle = export(&source, Format::Json);
    let json: serde_json::Value = serde_json::from_slice(&bundle).unwrap();
    let p = json["claims"].as_array().unwrap().iter().find(|c| c["uuid"] == published.as_str()).unwrap();
    let written: Vec<&str> = p["corrections"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert_eq!(written, ["correction", "clarification"], "oldest first, each with its kind");

    let mut target = Store::open(dir.path().join("b.factdesk")).unwrap();
    interchange::import_json(&mut target, &bundle, true).unwrap();
    assert_eq!(kinds(&target), kinds(&source));
    assert_eq!(export(&target, Format::Json), bundle);

    // A bundle from before kinds: no `kind` on its corrections.
    let mut old = json.clone();
    for c in old["claims"].as_array_mut().unwrap() {
        for k in c["corrections"].as_array_mut().unwrap() {
            k.as_object_mut().unwrap().remove("kind");
        }
    }
    let mut older = Store::open(dir.path().join("c.factdesk")).unwrap();
    interchange::import_json(&mut older, &serde_json::to_vec(&old).unwrap(), true).unwrap();
    assert_eq!(kinds(&older), [CorrectionKind::Correction, CorrectionKind::Correction]);

    // A kind Factdesk does not know is refused, and nothing is written.
    let mut bad = json;
    for c in bad["claims"].as_array_mut().unwrap() {
        for k in c["corrections"].as_array_mut().unwrap() {
            k["kind"] = "retraction".into();
        }
    }
    let mut refused = Store::open(dir.path().join("d.factdesk")).unwrap();
    let err = interchange::import_json(&mut refused, &serde_json::to_vec(&bad).unwrap(), true).unwrap_err();
    assert!(err.to_string().contains("retraction"), "{err}");
    assert_eq!(counts(refused.path())[0], 0, "nothing imported");
}
