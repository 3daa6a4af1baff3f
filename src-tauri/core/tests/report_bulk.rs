//! Exports read their claims in bulk (issue 15): a query per kind of row over a batch of claims,
//! not the claim view's dozen queries per claim. The report built that way must be the one built
//! from the claim view (`Store::get_claim`, through `report::claim_report`): claim for claim, and
//! byte for byte in every format, on a workspace with every kind of row a report shows and more
//! claims than one batch holds.

use std::path::Path;

use factdesk_core::model::{
    AppearanceInput, ClaimInput, EvidenceInput, RatingInput, RatingScaleInput, SourceInput, SourceKind,
    Stance, VerdictInput,
};
use factdesk_core::report::{self, Collection, ExportOptions, Format, Selection};
use factdesk_core::{interchange, Error, Store};
use rusqlite::Connection;

mod common;
use common::fetched_capture as capture;

const C_RYDER: &str = "0190f3a0-0000-7000-8000-00000000c001";
const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";
const C_MACRON: &str = "0190f3a0-0000-7000-8000-00000000c003";
const C_NATO: &str = "0190f3a0-0000-7000-8000-00000000c004";
const S_DOD: &str = "0190f3a0-0000-7000-8000-00000000d002";
const S_CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";
const S_NATO: &str = "0190f3a0-0000-7000-8000-00000000d005";

/// Synthetic claims on top of the hand-made ones: more than two batches of the bulk reader.
const SYNTHETIC: usize = 1_200;

fn options() -> ExportOptions {
    ExportOptions {
        desk_name: Some("Bulk Desk".into()),
        publication_url: Some("https://factcheck.example.org/checks/".into()),
        generated_at: None,
    }
}


fn evidence(claim: &str, source: &str, excerpt: &str, stance: Stance, correction: Option<&str>) -> EvidenceInput {
    EvidenceInput {
        claim_uuid: claim.into(),
        source_uuid: source.into(),
        excerpt: excerpt.into(),
        stance,
        note: format!("Note on “{excerpt}”."),
        correction_reason: correction.map(str::to_string),
        correction_kind: None,
    }
}

/// The demo claims with every kind of row a report shows: excerpts found, found approximately,
/// missing, without a capture and without an excerpt; links made before their source had a capture
/// and links whose capture is no longer the newest; a confidential source cited as evidence and
/// holding an appearance; appearances with and without dates; verdicts superseded on two scales;
/// corrections of a published claim; tags in mixed case; a claim without a claimant; imported
/// reviews of other publishers (which no report shows); an unreadable publication time; and
/// synthetic claims sharing a pool of sources.
fn workspace(dir: &Path) -> Store {
    let mut store = Store::open(dir.join("bulk.factdesk")).unwrap();
    factdesk_core::demo::seed(&mut store).unwrap();
    store.set_actor("Bulk checker").unwrap();

    // NATO's statement is cited before it has a capture: checked against its newest capture later.
    store.add_evidence(&evidence(C_NATO, S_NATO, "no plans to send combat troops", Stance::Supports, None)).unwrap();
    store.add_capture(S_NATO, &capture("https://www.nato.int/", "NATO has no plans to send combat troops to Ukraine.")).unwrap();
    // The DoD transcript: found, found approximately (case and spacing), missing, and no excerpt.
    let dod_text = "Maj. Gen. Ryder: “we have no plans to send US service members to fight in Ukraine.”";
    store.add_capture(S_DOD, &capture("https://www.defense.gov/News/Transcripts/", dod_text)).unwrap();
    for (excerpt, stance) in [
        ("we have no plans to send US service members", Stance::Supports),
        ("We Have No Plans  To Send US Service Members", Stance::Supports),
        ("troops are already on the ground", Stance::Refutes),
        ("", Stance::Context),
    ] {
        store.add_evidence(&evidence(C_RYDER, S_DOD, excerpt, stance, None)).unwrap();
    }
    // A newer capture of the transcript: the links above stay checked against the one they name.
    store.add_capture(S_DOD, &capture("https://www.defense.gov/News/Transcripts/", "The page was rewritten.")).unwrap();
    store.add_evidence(&evidence(C_MACRON, S_DOD, "The page was rewritten", Stance::Context, None)).unwrap();

    // A confidential source: an evidence link and an appearance it holds.
    let secret = store
        .create_source(&SourceInput {
            url: "https://intranet.example.net/notes".into(),
            title: "Notes of a call".into(),
            publisher: "Ministry (internal)".into(),
            author: "Jane Insider".into(),
            kind: SourceKind::Transcript,
            confidential: true,
            ..SourceInput::default()
        })
        .unwrap();
    store.add_capture(&secret.uuid, &capture("https://intranet.example.net/notes", "Only the chief of staff was there.")).unwrap();
    store.add_evidence(&evidence(C_RYDER, &secret.uuid, "Only the chief of staff was there.", Stance::Supports, None)).unwrap();
    for (url, outlet, day, first, source) in [
        ("https://chat.example.net/group/staff", "Private group", Some("2024-02-27"), false, Some(secret.uuid.clone())),
        ("", "Pentagon briefing", None, false, None),
        ("https://news.example.com/ryder", "Example News", Some("2024-02-26"), true, None),
    ] {
        let input = AppearanceInput {
            url: url.into(),
            outlet: outlet.into(),
            medium: "article".into(),
            appeared_on: day.map(str::to_string),
            is_first: first,
            source_uuid: source,
        };
        store.add_appearance(C_RYDER, &input).unwrap();
    }

    // A published claim corrected twice: evidence, then the verdict (superseding the current one).
    store
        .add_evidence(&evidence(C_AID, S_CONGRESS, "Passed Senate", Stance::Supports, Some("Added the Senate vote record.")))
        .unwrap();
    store
        .record_verdict(&VerdictInput {
            claim_uuid: C_AID.into(),
            rating_key: "mostly_true".into(),
            rationale: "The package passed the Senate but not yet the House.".into(),
            correction_reason: Some("The Senate vote changed the picture.".into()),
            correction_kind: None,
        })
        .unwrap();

    // A second scale with other bounds: the Ryder claim's verdicts span both.
    store
        .record_verdict(&VerdictInput {
            claim_uuid: C_RYDER.into(),
            rating_key: "mostly_true".into(),
            rationale: "First look.".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    let rating = |key: &str, label: &str, value: i32| RatingInput {
        key: key.into(),
        label: label.into(),
        description: format!("{label}."),
        color: "#336699".into(),
        value: Some(value),
        alternate_name: label.into(),
    };
    let scale = store
        .create_scale(&RatingScaleInput {
            name: "Five points".into(),
            description: "From 5 (accurate) to 1 (false).".into(),
            best_rating: Some(5),
            worst_rating: Some(1),
            ratings: vec![rating("accurate", "Accurate", 5), rating("mixed", "Mixed", 3), rating("wrong", "Wrong", 1)],
        })
        .unwrap();
    store.set_rating_scale(&scale.uuid).unwrap();
    store
        .record_verdict(&VerdictInput {
            claim_uuid: C_RYDER.into(),
            rating_key: "accurate".into(),
            rationale: "Matches the transcript.".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();

    // Tags in mixed case, no claimant, a language.
    store
        .create_claim(&ClaimInput {
            text: "Ferry fares doubled since 2020.".into(),
            tags: vec!["zeta".into(), "Alpha".into(), "beta".into()],
            language: "fr".into(),
            ..ClaimInput::default()
        })
        .unwrap();

    // Other publishers' reviews: one of a new claim, imported.
    let review = r#"{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checker.example/fc/ferry",
        "claimReviewed":"Harbour ferry fares have doubled since 2020.","datePublished":"2025-05-02",
        "author":{"@type":"Organization","name":"Checker Example"},
        "reviewRating":{"@type":"Rating","alternateName":"Mostly false"}}"#;
    interchange::import_claimreview(&mut store, review.as_bytes(), false).unwrap();

    factdesk_core::synthetic::fill_synthetic(&mut store, SYNTHETIC, 3).unwrap();

    // A publication time that does not read counts as never published, both ways.
    let path = store.path().to_path_buf();
    drop(store);
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE claims SET published_at = 'not a time' WHERE uuid = ?1", ["0190f3a0-0000-7000-8000-00000000c005"])
        .unwrap();
    Store::open(&path).unwrap()
}

/// The collection with each claim read through the claim view instead.
fn one_by_one(store: &Store, bulk: &Collection) -> Collection {
    let mut c = bulk.clone();
    c.claims = bulk.claims.iter().map(|claim| report::claim_report(store, &claim.uuid).unwrap()).collect();
    c
}

fn rendered(c: &Collection, f: Format) -> Result<Vec<u8>, String> {
    report::render(c, f).map(|e| e.bytes).map_err(|e| e.to_string())
}

#[test]
fn a_bulk_read_report_is_the_claim_views_report_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let store = workspace(dir.path());
    let selections = [
        Selection::all(),
        Selection::tag("ukraine"),
        Selection::Claims(vec![C_AID.into(), C_RYDER.into(), C_MACRON.into()]),
        Selection::Claim(C_RYDER.into()),
        Selection::Claim(C_AID.into()),
    ];
    for sel in &selections {
        let bulk = report::build_collection(&store, sel, &options(), &mut |_, _| {}).unwrap();
        let view = one_by_one(&store, &bulk);
        for (a, b) in bulk.claims.iter().zip(&view.claims) {
            assert_eq!(a, b, "claim {} read in bulk differs from its claim view", a.uuid);
        }
        assert_eq!(bulk, view);
        assert_eq!(serde_json::to_string(&bulk).unwrap(), serde_json::to_string(&view).unwrap());
        for f in [Format::Markdown, Format::Html, Format::Csv, Format::CsvEvidence, Format::ClaimReview] {
            assert!(rendered(&bulk, f) == rendered(&view, f), "{} of {sel:?} differs", f.as_str());
        }
    }

    // What the workspace holds reached the report.
    let all = report::build_collection(&store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    assert_eq!(all.claims.len(), 5 + 2 + SYNTHETIC);
    let ryder = all.claims.iter().find(|c| c.uuid == C_RYDER).unwrap();
    let checks: Vec<_> = ryder.evidence.iter().filter_map(|e| e.open()).map(|o| o.excerpt_check).collect();
    use factdesk_core::model::AnchorState::*;
    for state in [Found, Approximate, Missing, NoExcerpt, NoCapture] {
        assert!(checks.contains(&state), "{state:?} in {checks:?}");
    }
    assert!(ryder.evidence.iter().any(|e| e.open().is_none()), "a confidential link");
    assert!(ryder.appearances.iter().any(|a| a.confidential && a.url.is_empty()));
    assert_eq!(ryder.appearances[0].outlet, "Example News", "the first appearance first");
    assert_eq!(ryder.verdict.as_ref().unwrap().rating.best, Some(5), "the current verdict on the new scale");
    assert!(ryder.earlier_verdicts.iter().any(|v| v.rating.best != Some(5)), "earlier ones on the old scale");
    let aid = all.claims.iter().find(|c| c.uuid == C_AID).unwrap();
    assert_eq!(aid.corrections.len(), 2);
    assert!(aid.corrections[0].at >= aid.corrections[1].at, "newest correction first");
    assert!(aid.published_on.is_some());
    let ferry = all.claims.iter().find(|c| c.text.starts_with("Ferry")).unwrap();
    assert_eq!(ferry.tags, ["Alpha", "beta", "zeta"]);
    assert!(ferry.claimant.is_none());
}

/// The progress bar moves claim by claim across batches, and Cancel stops inside a batch.
#[test]
fn progress_counts_every_claim_and_cancel_stops_inside_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let store = workspace(dir.path());
    let mut seen = Vec::new();
    let c = report::build_collection(&store, &Selection::all(), &options(), &mut |done, total| seen.push((done, total))).unwrap();
    let n = c.claims.len();
    assert_eq!(seen, (1..=n).map(|d| (d, n)).collect::<Vec<_>>());

    let mut last = (0, 0);
    let err = report::build_collection_until(&store, &Selection::all(), &options(), &mut |done, total| {
        last = (done, total);
        done < 700
    })
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled(_)), "{err:?}");
    assert_eq!(last, (700, n));

    // A UUID no claim has is refused, as the claim view refuses it.
    let missing = report::build_collection(&store, &Selection::Claims(vec![C_AID.into(), "nope".into()]), &options(), &mut |_, _| {});
    assert!(matches!(missing, Err(Error::NotFound { .. })), "{missing:?}");
}
