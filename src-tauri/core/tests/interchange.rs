//! Interchange (issue 7) on real workspace files: ClaimReview import of the shared real-world
//! fixtures and of hand-made bent records, previews, strictness and atomicity (rows counted on the
//! SQLite file before and after), round trips through our own ClaimReview and CSV exports, a JSON
//! bundle of version 1 (the bundle of this version: `tests/bundle.rs`),
//! injection through an import, the rating-name table, and backup/restore under concurrent writes.
//!
//! The shared fixtures are read in place from `../shared/fixtures/claimreview` (never copied into
//! the repository); the tests that need them skip with a message when that folder is absent.

use std::path::{Path, PathBuf};

use factdesk_core::interchange::{self, ImportAction, ImportKind, ImportOptions, RatingName};
use factdesk_core::model::{AppearanceInput, ClaimInput, ClaimQuery, EvidenceInput, Stance, VerdictInput};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::{Error, Store};
use rusqlite::Connection;

const C_RYDER: &str = "0190f3a0-0000-7000-8000-00000000c001";
const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";
const S_CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";
const BASE_URL: &str = "https://factcheck.example.org/checks/";

fn fixtures() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/claimreview");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: the shared ClaimReview fixtures are not at {} (../shared is absent)", dir.display());
        None
    }
}

fn local(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interchange").join(name)).unwrap()
}

fn fresh(dir: &Path, name: &str) -> Store {
    Store::open(dir.join(name)).unwrap()
}

/// Rows of every table an import writes, read from the file by another connection.
fn counts(path: &Path) -> Vec<(&'static str, i64)> {
    let c = Connection::open(path).unwrap();
    ["claims", "claimants", "appearances", "external_reviews", "history", "verdicts", "evidence", "sources", "corrections", "claims_fts"]
        .into_iter()
        .map(|t| (t, c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
        .collect()
}

fn options() -> ExportOptions {
    ExportOptions { desk_name: Some("Demo Desk Fact Check".into()), publication_url: Some(BASE_URL.into()), generated_at: None }
}

// ---- the shared real-world fixtures ----

#[test]
fn all_eleven_shared_records_import_with_their_publishers_languages_and_ratings() {
    let Some(dir) = fixtures() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let mut total = 0;
    let mut paths = Vec::new();
    for f in ["array_datacommons-research-2019_politifact-weeklystandard.json", "datafeed_datacommons-dpa-item-plus-afp-vishvas.json", "graph_africacheck_2020-03-27.json"] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        let r = interchange::import_claimreview(&mut store, &bytes, false).unwrap();
        assert_eq!(r.skipped, 0, "{f}: {:?}", r.items);
        assert_eq!(r.created, r.found, "{f}");
        total += r.created;
        paths.extend(r.items.iter().map(|i| (i.path.clone(), i.claim_uuid.clone().unwrap())));
        // Importing the same file again changes nothing.
        let before = counts(store.path());
        let again = interchange::import_claimreview(&mut store, &bytes, true).unwrap();
        assert_eq!((again.unchanged, again.created, again.updated), (r.found, 0, 0), "{f}");
        assert_eq!(counts(store.path()), before, "{f}: no duplicates");
    }
    assert_eq!(total, 11);
    assert!(paths.iter().any(|(p, _)| p == "dataFeedElement[0].item[0]"), "the DataFeed's list item: {paths:?}");
    assert!(paths.iter().any(|(p, _)| p == "@graph[0]"));

    let mut publishers = interchange::publishers(&store).unwrap();
    publishers.sort();
    let expected: Vec<(String, u32)> = [
        ("AFP Fact Check", 1),
        ("Checamos", 1),
        ("Deutsche Presse-Agentur", 1),
        ("PolitiFact", 3),
        ("The Weekly Standard", 3),
        ("Vishvas News", 1),
        ("africacheck.org", 1),
    ]
    .iter()
    .map(|(n, c)| (n.to_string(), *c))
    .collect();
    assert_eq!(publishers, expected);

    let review_of = |text: &str| {
        let page = store.list_claims(&ClaimQuery { search: Some(text.into()), ..ClaimQuery::default() }).unwrap();
        assert_eq!(page.items.len(), 1, "{text}: {:?}", page.items.iter().map(|i| &i.text).collect::<Vec<_>>());
        let claim = store.get_claim(&page.items[0].uuid).unwrap();
        assert!(claim.verdicts.is_empty(), "another publisher's review is never a verdict of the desk");
        assert_eq!(claim.status, factdesk_core::model::ClaimStatus::Archived);
        assert_eq!(claim.external_reviews.len(), 1);
        (claim.clone(), claim.external_reviews[0].clone())
    };
    // Text-only ratings: mapped when the words are known, kept as text always.
    let (c, r) = review_of("Michelle Obama");
    assert_eq!((r.rating_text.as_str(), r.mapped_rating.as_ref().map(|m| m.key.as_str()), r.mapped_by.as_deref()), ("Pants on Fire", Some("wildly_false"), Some("names")));
    assert_eq!((r.language.as_str(), r.reviewed_on.map(|d| d.to_string())), ("en", Some("2019-01-03".into())));
    assert_eq!(c.claimant.as_ref().unwrap().name, "Facebook posts");
    assert_eq!(c.said_on.map(|d| d.to_string()).as_deref(), Some("2019-01-01"));
    let (_, r) = review_of("haven given anything other");
    assert_eq!((r.rating_text.as_str(), r.mapped_rating.is_none(), r.mapped_by.as_deref()), ("Will military drills end?", true, None));
    let (_, r) = review_of("Chick-Fil-A");
    assert_eq!((r.mapped_rating.as_ref().map(|m| m.key.as_str()), r.mapped_by.as_deref()), (Some("half_true"), Some("scale")));
    let (_, r) = review_of("Ilhan Omar");
    assert_eq!((r.rating_text.as_str(), r.mapped_rating.as_ref().map(|m| m.key.as_str())), ("FALSE", Some("false")));
    let (c, r) = review_of("Henriette Reker");
    assert!(r.rating_text.starts_with("Reker hat diesen Satz nie gesagt."), "the whole sentence is kept");
    assert!(r.mapped_rating.is_none());
    assert_eq!((r.language.as_str(), c.language.as_str()), ("de", "de"));
    assert_eq!(c.claimant.as_ref().unwrap().name, "Irmin Suhl");
    assert_eq!(c.appearances.len(), 1);
    assert!(c.appearances[0].url.starts_with("https://www.facebook.com/photo.php"));
    let (_, r) = review_of("pneumonia influenza");
    assert_eq!((r.publisher.as_str(), r.reviewed_on.map(|d| d.to_string())), ("AFP Fact Check", Some("2020-06-24".into())), "“2020-06-24 00:03”");
    assert_eq!((r.rating_value.as_deref(), r.best_rating.as_deref(), r.worst_rating.as_deref()), (Some("1"), Some("5"), Some("1")));
    assert_eq!(r.mapped_rating.as_ref().map(|m| m.key.as_str()), Some("false"));
    assert_eq!(r.headline, "CDC does not add flu and pneumonia deaths to COVID-19 toll");
    let (_, r) = review_of("Soros");
    assert_eq!((r.language.as_str(), r.rating_text.as_str(), r.mapped_rating.as_ref().map(|m| m.key.as_str())), ("pt", "Falso", Some("false")));
    let (c, r) = review_of("Vishvas");
    assert_eq!(c.text, "लद्दाख के गलवान घाटी में हुई झड़प का वीडियो");
    assert_eq!((r.language.as_str(), r.reviewed_on.map(|d| d.to_string())), ("hi", Some("2020-06-22".into())), "“+5:30”");
    let (c, r) = review_of("Interferon");
    assert_eq!((r.publisher.as_str(), r.author.as_str()), ("africacheck.org", "Taryn Willows"), "a journalist typed as an Organization is the writer");
    assert_eq!((r.rating_text.as_str(), r.mapped_rating.as_ref().map(|m| m.key.as_str()), r.mapped_by.as_deref()), ("Incorrect", Some("false"), Some("names")));
    let who = c.claimant.as_ref().unwrap();
    assert_eq!((who.name.as_str(), who.role.as_deref()), ("Mzwandile Masina", Some("mayor of Ekurhuleni")), "author.name as a list");
    assert_eq!((c.said_on.map(|d| d.to_string()), c.said_where.as_str()), (Some("2020-03-18".into()), "State of the city address"));
    assert_eq!(c.appearances[0].url, "https://youtu.be/jA8iEODBe5Q?t=1368");
    assert_eq!(r.language, "en");

    // Matchable: a checker typing the claim anew is shown the imported one.
    let similar = factdesk_core::matching::similar_claims(
        &store,
        "The Centers for Disease Control lied about the number of COVID-19 deaths, combining the count with pneumonia and influenza",
        None,
        5,
    )
    .unwrap();
    let found = similar.iter().find(|s| s.text.contains("Centers for Disease Control")).unwrap_or_else(|| panic!("{similar:?}"));
    // Shown as another publisher's fact-check, with their rating: "Already checked by …".
    assert_eq!(found.origin, factdesk_core::model::ClaimOrigin::Imported);
    assert!(found.checked_by.as_ref().is_some_and(|b| !b.publisher.is_empty()), "{found:?}");
}

#[test]
fn a_preview_lists_what_would_happen_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let before = counts(store.path());
    let p = interchange::preview_claimreview(&mut store, &local("bent.json")).unwrap();
    assert!(!p.written);
    assert_eq!(counts(store.path()), before, "a preview writes nothing");
    let actions: Vec<(usize, ImportAction)> = p.items.iter().map(|i| (i.position, i.action)).collect();
    assert_eq!(
        actions,
        [(1, ImportAction::Create), (2, ImportAction::Skip), (3, ImportAction::Create), (4, ImportAction::Update), (5, ImportAction::Skip)]
    );
    assert_eq!(p.items[1].reason, "no claim text (claimReviewed is empty)");
    assert_eq!(p.items[1].path, "dataFeedElement[1].item");
    assert!(p.items[2].notes.iter().any(|n| n.starts_with("datePublished: “next Tuesday” is not a date")), "{:?}", p.items[2].notes);
    assert!(p.items[3].reason.contains("already imported"), "record 4 reviews the claim of record 1: {}", p.items[3].reason);
    assert_eq!(p.items[4].reason, "no claim text (there is no claimReviewed)");
    let r = interchange::import_claimreview(&mut store, &local("bent.json"), false).unwrap();
    assert_eq!((r.created, r.updated, r.skipped), (p.created, p.updated, p.skipped), "the preview said what the import does");
    let claim = store.get_claim(r.items[0].claim_uuid.as_deref().unwrap()).unwrap();
    assert_eq!(claim.external_reviews.len(), 2, "two publishers' reviews of one claim");
    assert_eq!(claim.said_on.map(|d| d.to_string()).as_deref(), Some("2024-02-01"), "a date without zone or time");
}

#[test]
fn strict_refuses_the_whole_file_naming_record_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    factdesk_core::demo::seed(&mut store).unwrap();
    let before = counts(store.path());
    let err = interchange::import_claimreview(&mut store, &local("bad-date.json"), true).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Validation { field: "datePublished", .. }), "{err:?}");
    assert!(msg.starts_with("Record 2 ([1]), datePublished: “31/02/2024” is not a date"), "{msg}");
    assert_eq!(counts(store.path()), before, "nothing written");
    // Without --strict the record comes in, its date left out and said.
    let r = interchange::import_claimreview(&mut store, &local("bad-date.json"), false).unwrap();
    assert_eq!(r.created, 2);
    assert!(r.items[1].notes[0].contains("31/02/2024"));
    // A record nobody could use refuses a strict import too.
    let err = interchange::import_claimreview(&mut store, &local("bent.json"), true).unwrap_err();
    assert!(err.to_string().contains("Record 2 (dataFeedElement[1].item), claimReviewed: no claim text"), "{err}");
}

#[test]
fn broken_or_foreign_files_change_nothing_and_say_where() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    factdesk_core::demo::seed(&mut store).unwrap();
    let before = counts(store.path());
    let good = String::from_utf8(local("bent.json")).unwrap();
    let truncated = &good[..good.len() * 2 / 3];
    let err = interchange::import_claimreview(&mut store, truncated.as_bytes(), false).unwrap_err().to_string();
    assert!(err.contains("not valid JSON") && err.contains("cut short") && err.contains("in record"), "{err}");
    assert!(err.contains("line "), "{err}");
    for (kind, bytes) in [
        (ImportKind::ClaimReview, br#"{"@context": "https://schema.org", "@type": "Recipe", "name": "Soup"}"#.to_vec()),
        (ImportKind::ClaimReview, b"not json at all".to_vec()),
        (ImportKind::Json, local("bent.json")),
        (ImportKind::Json, br#"{"factdesk_export": 99, "claims": []}"#.to_vec()),
        (ImportKind::Csv, "\u{feff}\"claim_uuid\",\"evidence_uuid\"\r\n".as_bytes().to_vec()),
        (ImportKind::Csv, b"name,age\nAnn,3\n".to_vec()),
        (ImportKind::Csv, b"".to_vec()),
    ] {
        let err = interchange::import(&mut store, kind, &bytes, ImportOptions::default()).unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        assert!(err.to_string().contains("Nothing was imported") || err.to_string().contains("empty"), "{err}");
    }
    let err = interchange::import(&mut store, ImportKind::ClaimReview, br#"{"@type": "Recipe"}"#, ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("it holds a Recipe object"), "{err}");
    let err = interchange::import(&mut store, ImportKind::Json, &local("bent.json"), ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("import claimreview"), "{err}");
    assert_eq!(counts(store.path()), before);
}

// ---- round trips ----

/// The demo workspace with every claim that has a verdict published, a correction and an appearance
/// with an address, so the exports carry everything.
fn demo(dir: &Path) -> Store {
    let mut store = fresh(dir, "demo.factdesk");
    factdesk_core::demo::seed(&mut store).unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_AID.into(),
            source_uuid: S_CONGRESS.into(),
            excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.".into(),
            stance: Stance::Supports,
            note: "The Senate vote.".into(),
            correction_reason: Some("Added the Senate vote record.".into()),
            correction_kind: None,
        })
        .unwrap();
    store
        .add_appearance(
            C_AID,
            &AppearanceInput {
                url: "https://distinctpost.com/?p=32894".into(),
                outlet: "Distinct Post".into(),
                medium: "article".into(),
                appeared_on: Some("2024-02-28".into()),
                ..AppearanceInput::default()
            },
        )
        .unwrap();
    Connection::open(store.path())
        .unwrap()
        .execute_batch(
            "UPDATE claims SET status = 'published', published_at = '2024-03-04T09:00:00.000000Z'
             WHERE id IN (SELECT claim_id FROM verdicts) AND status NOT IN ('published', 'corrected');",
        )
        .unwrap();
    store
}

#[test]
fn claimreview_export_then_import_reproduces_claims_ratings_and_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let source = demo(tmp.path());
    let exported = report::export(&source, &Selection::all(), Format::ClaimReview, &options()).unwrap();
    let mut target = fresh(tmp.path(), "other.factdesk");
    let r = interchange::import_claimreview(&mut target, &exported.bytes, true).unwrap();
    assert_eq!((r.found, r.created), (3, 3), "{:?}", r.items);
    for item in &r.items {
        let uuid = item.claim_uuid.as_deref().unwrap();
        let mine = source.get_claim(uuid).expect("the claim keeps its UUID (from the review's address)");
        let theirs = target.get_claim(uuid).unwrap();
        assert_eq!(theirs.text, mine.text);
        assert_eq!(theirs.claimant.as_ref().map(|c| &c.name), mine.claimant.as_ref().map(|c| &c.name));
        assert_eq!(theirs.said_on, mine.said_on);
        assert_eq!(theirs.language, mine.language);
        let review = &theirs.external_reviews[0];
        assert_eq!(review.mapped_rating.as_ref().map(|m| &m.key), mine.verdict.as_ref().map(|v| &v.rating.key), "by key");
        assert_eq!(review.rating_text, mine.verdict.as_ref().unwrap().rating.label);
        assert_eq!(review.publisher, "Demo Desk Fact Check");
        assert_eq!(review.url, format!("{BASE_URL}{uuid}"));
        let places = |c: &factdesk_core::model::ClaimDetail| {
            c.appearances.iter().map(|a| (a.url.clone(), a.outlet.clone(), a.appeared_on, a.is_first)).collect::<Vec<_>>()
        };
        assert_eq!(places(&theirs), places(&mine));
    }
    // Again into the other workspace: nothing new. Into the desk's own: its own claims, untouched.
    let before = counts(target.path());
    let again = interchange::import_claimreview(&mut target, &exported.bytes, false).unwrap();
    assert_eq!(again.unchanged, 3);
    assert_eq!(counts(target.path()), before);
    let mut source = source;
    let before = counts(source.path());
    let own = interchange::import_claimreview(&mut source, &exported.bytes, false).unwrap();
    assert_eq!(own.unchanged, 3);
    assert!(own.items[0].reason.contains("desk's own"), "{}", own.items[0].reason);
    assert_eq!(counts(source.path()), before);
    // Without a publication address (no url, no UUID): matched again by publisher, claim and date.
    let bare = report::export(&source, &Selection::all(), Format::ClaimReview, &ExportOptions::default()).unwrap();
    let mut third = fresh(tmp.path(), "third.factdesk");
    assert_eq!(interchange::import_claimreview(&mut third, &bare.bytes, false).unwrap().created, 3);
    assert_eq!(interchange::import_claimreview(&mut third, &bare.bytes, false).unwrap().unchanged, 3);
}

/// A bundle of version 1, the report's data (the demo workspace's export before version 2, with an
/// archived copy's hash, a confidential link and a superseded verdict), still imports.
#[test]
fn a_bundle_of_version_1_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let mut target = fresh(tmp.path(), "other.factdesk");
    let v1 = local("bundle-v1.json");
    let r = interchange::import_json(&mut target, &v1, true).unwrap();
    assert_eq!((r.found, r.created), (5, 5), "{:?}", r.items);
    let notes: Vec<&String> = r.items.iter().flat_map(|i| &i.notes).collect();
    assert!(notes.iter().any(|n| n.contains("only their hashes")) && notes.iter().any(|n| n.contains("confidential")), "{notes:?}");
    let old: serde_json::Value = serde_json::from_slice(&v1).unwrap();
    for c in old["claims"].as_array().unwrap() {
        let now = target.get_claim(c["uuid"].as_str().unwrap()).unwrap();
        let open = |list: &str| c[list].as_array().unwrap().iter().filter(|x| x["access"] != "confidential" && x["confidential"] != true).count();
        assert_eq!((now.text.as_str(), serde_json::to_value(now.status).unwrap()), (c["text"].as_str().unwrap(), c["status"].clone()));
        assert_eq!(serde_json::to_value(&now.tags).unwrap(), c["tags"]);
        assert_eq!(now.claimant.map(|x| x.name), c["claimant"]["name"].as_str().map(str::to_string));
        assert_eq!((now.evidence.len(), now.appearances.len()), (open("evidence"), open("appearances")));
        assert_eq!(now.verdicts.len(), c["earlier_verdicts"].as_array().unwrap().len() + usize::from(!c["verdict"].is_null()));
        assert_eq!(now.corrections.len(), c["corrections"].as_array().unwrap().len());
        assert!(now.history.iter().any(|h| h.action == "imported"), "{:?}", now.history);
    }
    let aid = target.get_claim(C_AID).unwrap();
    assert_eq!(aid.verdicts.len(), 2, "the superseded verdict came too");
    assert!(aid.publish_blockers.is_empty());
    // The same file again: nothing new.
    let before = counts(target.path());
    assert_eq!(interchange::import_json(&mut target, &v1, false).unwrap().unchanged, 5);
    assert_eq!(counts(target.path()), before);
}

#[test]
fn claims_csv_export_then_import_restores_guarded_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let mut source = demo(tmp.path());
    let hostile = source
        .create_claim(&ClaimInput {
            text: "=cmd|' /C calc'!A0".into(),
            summary: "+1 and @SUM(A1)".into(),
            claimant: Some("-Minus Person".into()),
            tags: vec!["=tag".into(), "plain".into()],
            ..ClaimInput::default()
        })
        .unwrap();
    let csv = report::export(&source, &Selection::all(), Format::Csv, &options()).unwrap();
    assert!(String::from_utf8_lossy(&csv.bytes).contains("\"'=cmd|"), "the export guards the cell");
    let mut target = fresh(tmp.path(), "other.factdesk");
    let r = interchange::import_csv(&mut target, &csv.bytes, false).unwrap();
    assert_eq!(r.created, 6, "{:?}", r.items);
    let h = target.get_claim(&hostile.uuid).unwrap();
    assert_eq!((h.text.as_str(), h.summary.as_str()), ("=cmd|' /C calc'!A0", "+1 and @SUM(A1)"));
    assert_eq!(h.claimant.unwrap().name, "-Minus Person");
    assert_eq!(h.tags, ["=tag", "plain"]);
    for uuid in [C_RYDER, C_AID] {
        let (a, b) = (source.get_claim(uuid).unwrap(), target.get_claim(uuid).unwrap());
        assert_eq!((&b.text, b.said_on, b.status, &b.tags, &b.language), (&a.text, a.said_on, a.status, &a.tags, &a.language));
        assert_eq!(b.claimant.as_ref().map(|c| (&c.name, &c.role)), a.claimant.as_ref().map(|c| (&c.name, &c.role)));
        assert_eq!(b.verdict.as_ref().map(|v| (&v.rating.key, &v.rationale, &v.author)), a.verdict.as_ref().map(|v| (&v.rating.key, &v.rationale, &v.author)));
        assert_eq!(b.appearances[0].outlet, a.appearances[0].outlet);
    }
    assert_eq!(interchange::import_csv(&mut target, &csv.bytes, false).unwrap().unchanged, 6, "matched by uuid");
}

// ---- safety ----

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const FORMULA: &str = "=cmd|' /C calc'!A0";

#[test]
fn attacks_in_an_imported_claimreview_are_stored_as_text_and_come_out_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let r = interchange::import_claimreview(&mut store, &local("hostile.json"), false).unwrap();
    assert_eq!(r.created, 1);
    assert!(r.items[0].notes.iter().any(|n| n.starts_with("url: “javascript:alert(1)” is not a web address")), "{:?}", r.items[0].notes);
    let uuid = r.items[0].claim_uuid.clone().unwrap();
    let c = store.get_claim(&uuid).unwrap();
    assert_eq!(c.text, format!("{SCRIPT} {FORMULA}"), "stored as text, as published");
    assert_eq!(c.claimant.as_ref().unwrap().name, format!("{IMG} Person"));
    let review = &c.external_reviews[0];
    assert_eq!(review.url, "", "a javascript: address is never stored as the review's address");
    assert_eq!(review.publisher, format!("{FORMULA} Checks"));
    assert!(c.appearances.iter().all(|a| a.url.is_empty() || a.url.starts_with("https://")), "{:?}", c.appearances);
    let raw: String = Connection::open(store.path()).unwrap().query_row("SELECT raw FROM external_reviews", [], |r| r.get(0)).unwrap();
    assert!(raw.contains("javascript:alert(1)"), "the record as published is kept, as text");

    // Exported again, in every format, the attacks are inert.
    let sel = Selection::Claim(uuid.clone());
    let html = String::from_utf8(report::export(&store, &sel, Format::Html, &options()).unwrap().bytes).unwrap().to_lowercase();
    assert!(!html.contains("<script") && !html.contains("<img"), "no live element");
    assert!(html.contains("&lt;script&gt;"));
    let md = String::from_utf8(report::export(&store, &sel, Format::Markdown, &options()).unwrap().bytes).unwrap();
    assert!(!md.contains("](javascript:") && md.contains("\\<script\\>"));
    let csv = String::from_utf8(report::export(&store, &sel, Format::Csv, &options()).unwrap().bytes).unwrap();
    assert!(csv.contains("\"'=cmd|"), "the place it was said, a formula, is guarded: {csv}");
    assert!(!csv.split(',').any(|cell| cell.starts_with("\"=") || cell.starts_with("\"+") || cell.starts_with("\"@")), "no live formula");
    let json: serde_json::Value = serde_json::from_slice(&report::export(&store, &sel, Format::Json, &options()).unwrap().bytes).unwrap();
    assert_eq!(json["claims"][0]["text"], format!("{SCRIPT} {FORMULA}"));
    // Checked and published by this desk, its own ClaimReview cannot close a script element.
    store
        .record_verdict(&VerdictInput { claim_uuid: uuid.clone(), rating_key: "false".into(), rationale: "Checked.".into(), correction_reason: None, correction_kind: None })
        .unwrap();
    Connection::open(store.path()).unwrap().execute("UPDATE claims SET status = 'published', published_at = '2024-03-01T00:00:00Z'", []).unwrap();
    let cr = report::export(&store, &sel, Format::ClaimReview, &options()).unwrap();
    let raw = String::from_utf8(cr.bytes.clone()).unwrap();
    assert!(!raw.contains('<') && !raw.contains('>'));
    let v: serde_json::Value = serde_json::from_slice(&cr.bytes).unwrap();
    assert_eq!(v["claimReviewed"], format!("{SCRIPT} {FORMULA}"));
    let appearances = v["itemReviewed"]["appearance"].as_array().cloned().unwrap_or_default();
    assert!(appearances.iter().all(|a| a.get("url").is_none_or(|u| u.as_str().unwrap().starts_with("https://"))));
}

// ---- the rating-name table ----

#[test]
fn the_rating_name_table_can_be_edited_and_imports_are_mapped_again() {
    let Some(dir) = fixtures() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let bytes = std::fs::read(dir.join("array_datacommons-research-2019_politifact-weeklystandard.json")).unwrap();
    interchange::import_claimreview(&mut store, &bytes, false).unwrap();
    let mut names = interchange::rating_names(&store).unwrap();
    for word in ["Pants on Fire", "Falso", "Falsch", "Half True", "Misleading", "Missing Context", "Faux", "Engañoso", "Irreführend"] {
        assert!(names.iter().any(|n| n.name == word), "{word} is in the default table");
    }
    names.push(RatingName { name: "will military drills end".into(), rating_key: None, position: Some(0.6) });
    let changed = interchange::set_rating_names(&mut store, &names).unwrap();
    assert_eq!(changed, 1);
    let page = store.list_claims(&ClaimQuery { search: Some("agreed to meet".into()), ..ClaimQuery::default() }).unwrap();
    let r = &store.get_claim(&page.items[0].uuid).unwrap().external_reviews[0];
    assert_eq!((r.rating_text.as_str(), r.mapped_rating.as_ref().map(|m| m.key.as_str())), ("Will military drills end?", Some("half_true")));
    names.push(RatingName { name: "PANTS ON FIRE!".into(), rating_key: Some("false".into()), position: None });
    let err = interchange::set_rating_names(&mut store, &names).unwrap_err();
    assert!(err.to_string().contains("same words"), "{err}");
    names.pop();
    names.push(RatingName { name: "Odd".into(), rating_key: None, position: Some(2.0) });
    assert!(matches!(interchange::set_rating_names(&mut store, &names), Err(Error::Validation { field: "position", .. })));
}

// ---- backup and restore ----

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("live.factdesk");
    let mut store = Store::open(&path).unwrap();
    factdesk_core::demo::seed(&mut store).unwrap();
    factdesk_core::synthetic::fill_synthetic(&mut store, 2_000, 1).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        // A second connection under the workspace's lock (one process holds it; see `lock`).
        let (path, stop, guard) = (path.clone(), stop.clone(), store.guard().clone());
        std::thread::spawn(move || {
            let mut w = Store::open_with(&path, guard).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                w.create_claim(&ClaimInput { text: format!("Written during the backup, number {n}."), ..ClaimInput::default() }).unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    let mut taken = Vec::new();
    for i in 0..3 {
        let out = tmp.path().join(format!("backup-{i}.factdesk"));
        let b = interchange::backup_to(&store, &out).unwrap();
        taken.push((out, b.claims));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0, "the writer wrote while the backups ran");
    for (out, claims) in taken {
        let c = Connection::open(&out).unwrap();
        let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        let (n, fts, hist): (u32, u32, u32) = c
            .query_row(
                "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM claims_fts),
                        (SELECT count(*) FROM history WHERE entity = 'claim' AND action = 'created')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((n, fts, hist), (claims, claims, claims), "every claim with its index row and history row: one snapshot");
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "delete", "a backup is one self-contained file");
        drop(c);
        assert_eq!(Store::open(&out).unwrap().info().unwrap().claim_count, claims);
    }
    // Never over the open workspace, never over a file that is not a workspace.
    let err = interchange::backup_to(&store, &path).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)) && err.to_string().contains("open workspace"), "{err}");
    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    assert!(interchange::backup_to(&store, &notes).is_err());
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
}

/// The app restores into the workspace it has open: the store it holds reads the backup's data
/// afterwards and keeps working; the replaced workspace is kept whole beside it.
#[test]
fn restore_in_place_replaces_the_open_workspace_and_the_store_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    factdesk_core::demo::seed(&mut store).unwrap();
    let backup = tmp.path().join("w-backup.factdesk");
    interchange::backup_to(&store, &backup).unwrap();
    store.create_claim(&ClaimInput { text: "Added after the backup.".into(), ..ClaimInput::default() }).unwrap();
    assert_eq!(store.info().unwrap().claim_count, 6);

    let r = interchange::restore_in_place(&mut store, &backup).unwrap();
    assert_eq!(r.claims, 5);
    assert_eq!(store.info().unwrap().claim_count, 5, "the open store reads the restored workspace");
    let search = ClaimQuery { search: Some("after the backup".into()), ..ClaimQuery::default() };
    assert!(store.list_claims(&search).unwrap().items.is_empty(), "the search index is the backup's too");
    let kept = r.kept.unwrap();
    assert_eq!(Store::open(&kept).unwrap().info().unwrap().claim_count, 6, "the replaced workspace, whole");
    store.create_claim(&ClaimInput { text: "Written after the restore.".into(), ..ClaimInput::default() }).unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    assert_eq!(Store::open(&path).unwrap().info().unwrap().claim_count, 6, "and it goes on saving");

    // A refused restore leaves the open store as it was.
    let mut store = Store::open(&path).unwrap();
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    assert!(interchange::restore_in_place(&mut store, &text).is_err());
    assert_eq!(store.info().unwrap().claim_count, 6);
}

#[test]
fn restore_replaces_the_workspace_and_keeps_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    factdesk_core::demo::seed(&mut store).unwrap();
    let backup = tmp.path().join("w.backup");
    interchange::backup_to(&store, &backup).unwrap();
    store.create_claim(&ClaimInput { text: "Added after the backup.".into(), ..ClaimInput::default() }).unwrap();
    let target = store.path().to_path_buf();
    drop(store);
    let r = interchange::restore(&backup, &target).unwrap();
    assert_eq!(r.claims, 5);
    let kept = r.kept.unwrap();
    assert_eq!(kept, tmp.path().join("w.factdesk.before-restore"));
    assert_eq!(Store::open(&kept).unwrap().info().unwrap().claim_count, 6, "the replaced workspace, whole");
    assert_eq!(Store::open(&target).unwrap().info().unwrap().claim_count, 5);

    // Refused: a file that is not a workspace, one from a newer Factdesk. The target is untouched.
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let err = interchange::restore(&text, &target).unwrap_err();
    assert!(err.to_string().contains("not a Factdesk workspace"), "{err}");
    let newer = tmp.path().join("newer.backup");
    std::fs::copy(&backup, &newer).unwrap();
    Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = interchange::restore(&newer, &target).unwrap_err();
    assert!(err.to_string().contains("newer Factdesk"), "{err}");
    let other = Connection::open(tmp.path().join("other.db")).unwrap();
    other.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    drop(other);
    assert!(interchange::restore(tmp.path().join("other.db"), &target).is_err());
    assert_eq!(Store::open(&target).unwrap().info().unwrap().claim_count, 5);
    assert!(!tmp.path().join("w.factdesk.before-restore-2").exists(), "refused restores keep nothing");
}

#[test]
fn reviews_are_never_verdicts_and_the_claim_shows_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let r = interchange::import_claimreview(&mut store, &local("bent.json"), false).unwrap();
    let verdicts: i64 = Connection::open(store.path()).unwrap().query_row("SELECT count(*) FROM verdicts", [], |r| r.get(0)).unwrap();
    assert_eq!(verdicts, 0);
    let origin: String = Connection::open(store.path())
        .unwrap()
        .query_row("SELECT origin FROM claims WHERE uuid = ?1", [r.items[0].claim_uuid.as_deref().unwrap()], |r| r.get(0))
        .unwrap();
    assert_eq!(origin, "imported");
    // Searchable by the publisher's name too (it is in the imported claim's summary).
    let page = store.list_claims(&ClaimQuery { search: Some("Example Checks".into()), ..ClaimQuery::default() }).unwrap();
    assert_eq!(page.items.len(), 1);
    let claim = store.get_claim(&page.items[0].uuid).unwrap();
    assert!(claim.history.iter().any(|h| h.summary.starts_with("Imported Example Checks's fact-check")), "{:?}", claim.history);
    assert_eq!(interchange::external_reviews(&store, &claim.uuid).unwrap(), claim.external_reviews);
}

#[test]
fn strict_names_the_first_unusable_row_of_a_csv_not_the_last() {
    let tmp = tempfile::tempdir().unwrap();
    let mut source = fresh(tmp.path(), "source.factdesk");
    factdesk_core::demo::seed(&mut source).unwrap();
    let csv = String::from_utf8(report::export(&source, &Selection::all(), Format::Csv, &options()).unwrap().bytes).unwrap();
    // A NUL (a damaged file) in the wording of the second and the fourth data rows.
    let mut lines: Vec<String> = csv.lines().map(String::from).collect();
    for row in [2, 4] {
        let cells: Vec<&str> = lines[row].splitn(3, ',').collect();
        lines[row] = format!("{},\"\u{0}{}", cells[0], &cells[1][1..]) + "," + cells[2];
    }
    let bent = lines.join("\n") + "\n";
    let mut target = fresh(tmp.path(), "target.factdesk");
    let err = interchange::import_csv(&mut target, bent.as_bytes(), true).unwrap_err();
    let said = err.to_string();
    assert!(said.contains("Record 2 "), "the first unusable record is named: {said}");
    assert!(!said.contains("Record 4 "), "{said}");
    assert_eq!(target.info().unwrap().claim_count, 0);
}

#[test]
fn a_review_its_publisher_changed_is_updated_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = fresh(tmp.path(), "w.factdesk");
    let record = |rating: &str| {
        format!(
            r#"{{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checker.example/fc/ferry-fares",
               "claimReviewed":"Harbour ferry fares have doubled since 2020.","datePublished":"2025-05-02",
               "author":{{"@type":"Organization","name":"Checker Example"}},
               "reviewRating":{{"@type":"Rating","alternateName":"{rating}"}}}}"#
        )
    };
    let first = interchange::import_claimreview(&mut store, record("Mostly false").as_bytes(), false).unwrap();
    assert_eq!(first.created, 1, "{:?}", first.items);
    let again = interchange::import_claimreview(&mut store, record("False").as_bytes(), false).unwrap();
    assert_eq!((again.created, again.updated), (0, 1), "{:?}", again.items);
    let uuid = first.items[0].claim_uuid.clone().unwrap();
    let reviews = interchange::external_reviews(&store, &uuid).unwrap();
    assert_eq!(reviews.len(), 1, "updated in place, not added");
    assert_eq!(reviews[0].rating_text, "False");
}

/// A feed big enough to be read on several threads: every record keeps its place in the report
/// (position and path), the unusable ones are said where they are, a strict import names the first
/// of them, and each imported claim's check-worthiness is what the claim gets when captured by hand.
#[test]
fn a_big_feed_is_read_in_order_and_scored_as_a_claim_captured_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let records: Vec<serde_json::Value> = (0..1_200)
        .map(|i| {
            let claim = if i % 397 == 5 { String::new() } else { format!("The regional deficit reached {i} million euros in 2023, officials say") };
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": format!("https://checks.example/{i}"),
                "claimReviewed": claim,
                "itemReviewed": { "@type": "Claim", "author": { "@type": "Person", "name": format!("Minister {}", i % 7) } },
                "author": { "@type": "Organization", "name": "Checks Example" },
                "reviewRating": { "@type": "Rating", "alternateName": "False" },
                "datePublished": "2024-03-01"
            })
        })
        .collect();
    let file = serde_json::to_vec(&records).unwrap();
    let mut store = fresh(tmp.path(), "feed.factdesk");
    let before = counts(store.path());
    let err = interchange::import_claimreview(&mut store, &file, true).unwrap_err();
    assert!(err.to_string().starts_with("Record 6 ([5]), claimReviewed"), "{err}");
    assert_eq!(counts(store.path()), before, "nothing written");

    let report = interchange::import_claimreview(&mut store, &file, false).unwrap();
    let places: Vec<(usize, String)> = report.items.iter().map(|i| (i.position, i.path.clone())).collect();
    let expected: Vec<(usize, String)> = (0..1_200).map(|i| (i + 1, format!("[{i}]"))).collect();
    assert_eq!(places, expected);
    let skipped: Vec<usize> = report.items.iter().filter(|i| i.action == ImportAction::Skip).map(|i| i.position).collect();
    assert_eq!(skipped, [6, 403, 800, 1197]);
    assert_eq!(report.created, 1_196);

    let mut by_hand = fresh(tmp.path(), "by-hand.factdesk");
    for i in [0usize, 601, 1_199] {
        let item = &report.items[i];
        let imported = store.get_claim(item.claim_uuid.as_deref().unwrap()).unwrap();
        assert!(imported.text.contains(&format!("reached {i} million")), "{}", imported.text);
        let captured = by_hand
            .create_claim(&ClaimInput { text: imported.text.clone(), claimant: imported.claimant.as_ref().map(|c| c.name.clone()), ..Default::default() })
            .unwrap();
        assert!(imported.worthiness.is_some());
        assert_eq!(imported.worthiness, captured.worthiness, "record {}", i + 1);
    }
}
