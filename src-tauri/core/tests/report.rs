//! Reports and exports (issue 7) on a real workspace file: golden files of every format on the demo
//! workspace, injection and confidentiality in every format, the ClaimReview structure, selection
//! and atomic writes.
//!
//! Golden files live in `tests/golden/`; after an intended change, rewrite them with
//! `UPDATE_GOLDEN=1 cargo test -p factdesk-core --test report` and review the diff.

use std::path::{Path, PathBuf};

use factdesk_core::model::bundle::{Access, Bundle, BUNDLE_VERSION};
use factdesk_core::model::{
    AppearanceInput, ClaimInput, ClaimQuery, ClaimStatus, CorrectionKind, EvidenceInput, SourceInput, SourceKind, Stance, VerdictInput,
};
use factdesk_core::report::{
    self, ExportOptions, Format, Selection, SETTING_DESK_LOGO_URL, SETTING_DESK_NAME, SETTING_DESK_URL, SETTING_PUBLICATION_URL,
};
use factdesk_core::{Error, Store};
use rusqlite::Connection;

mod common;
use common::fetched_capture as capture;

const C_RYDER: &str = "0190f3a0-0000-7000-8000-00000000c001";
const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";
const C_MACRON: &str = "0190f3a0-0000-7000-8000-00000000c003";
const S_DOD: &str = "0190f3a0-0000-7000-8000-00000000d002";
const S_CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";
const DESK: &str = "Demo Desk Fact Check";
const BASE_URL: &str = "https://factcheck.example.org/checks/";

/// What a confidential source holds; none of it may appear in any export.
const SECRETS: &[&str] = &[
    "Interview with the deputy minister's chief of staff",
    "https://intranet.example.net/notes/chief-of-staff",
    "intranet.example.net",
    "Ministry of Defence (internal)",
    "Jane Insider",
    "only the chief of staff was in the room",
    "Called Jane on her private line",
    "https://chat.example.net/group/ministry-staff",
    "Private group of ministry staff",
];

fn options() -> ExportOptions {
    ExportOptions { desk_name: Some(DESK.into()), publication_url: Some(BASE_URL.into()), generated_at: None }
}


/// The demo workspace plus what the demo lacks for a full report: an evidence link checked against
/// a capture, a confidential source, a correction and a second appearance. Volatile values (times
/// and UUIDs the store makes up) are then pinned, so the reports are the same on every run.
fn demo_workspace(dir: &Path) -> PathBuf {
    let path = dir.join("demo.factdesk");
    let mut store = Store::open(&path).unwrap();
    factdesk_core::demo::seed(&mut store).unwrap();
    store.set_actor("Test checker").unwrap();
    store
        .add_capture(S_DOD, &capture("https://www.defense.gov/News/Transcripts/", "Maj. Gen. Ryder: we have no plans to send US service members to fight in Ukraine."))
        .unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_RYDER.into(),
            source_uuid: S_DOD.into(),
            excerpt: "we have no plans to send US service members to fight in Ukraine".into(),
            stance: Stance::Supports,
            note: "Checked against the archived transcript page.".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    let secret = store
        .create_source(&SourceInput {
            url: SECRETS[1].into(),
            title: SECRETS[0].into(),
            publisher: SECRETS[3].into(),
            author: SECRETS[4].into(),
            kind: SourceKind::Transcript,
            confidential: true,
            ..SourceInput::default()
        })
        .unwrap();
    store.add_capture(&secret.uuid, &capture(SECRETS[1], "Notes of the call.")).unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_RYDER.into(),
            source_uuid: secret.uuid.clone(),
            excerpt: SECRETS[5].into(),
            stance: Stance::Supports,
            note: SECRETS[6].into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    store
        .add_appearance(
            C_RYDER,
            &AppearanceInput {
                url: SECRETS[7].into(),
                outlet: SECRETS[8].into(),
                medium: "social post".into(),
                appeared_on: Some("2024-02-27".into()),
                source_uuid: Some(secret.uuid.clone()),
                ..AppearanceInput::default()
            },
        )
        .unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_AID.into(),
            source_uuid: S_CONGRESS.into(),
            excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.".into(),
            stance: Stance::Supports,
            note: "The Senate vote that sent the package to the House.".into(),
            correction_reason: Some("Added the Senate vote record, which the first version cited without a link.".into()),
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
    drop(store);
    pin_volatile(&path);
    path
}

/// Replaces the times and UUIDs the store made up with fixed values (in the history too).
fn pin_volatile(path: &Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TEMP TABLE pinned AS
           SELECT uuid AS old, printf('0190f3a0-0000-7000-8000-0000000f9%03d', id) AS new FROM corrections
           UNION ALL SELECT uuid, printf('0190f3a0-0000-7000-8000-0000000b9%03d', id) FROM captures
           UNION ALL SELECT uuid, printf('0190f3a0-0000-7000-8000-0000000d9%03d', id) FROM sources WHERE uuid NOT LIKE '0190f3a0-%'
           UNION ALL SELECT uuid, printf('0190f3a0-0000-7000-8000-0000000e9%03d', id) FROM evidence WHERE uuid NOT LIKE '0190f3a0-%'
           UNION ALL SELECT uuid, printf('0190f3a0-0000-7000-8000-0000000a9%03d', id) FROM appearances
           UNION ALL SELECT uuid, printf('0190f3a0-0000-7000-8000-0000000c9%03d', id) FROM claimants;
         UPDATE history SET entity_uuid = (SELECT new FROM pinned WHERE old = entity_uuid) WHERE entity_uuid IN (SELECT old FROM pinned);
         UPDATE history SET at = printf('2024-02-29T07:%02d:%02d.000000Z', id / 60, id % 60);
         UPDATE claims SET created_at = printf('2024-02-28T09:00:%02d.000000Z', id), updated_at = printf('2024-03-05T09:00:%02d.000000Z', id);
         UPDATE claimants SET created_at = printf('2024-02-28T08:30:%02d.000000Z', id), updated_at = printf('2024-02-28T08:30:%02d.000000Z', id);
         UPDATE sources SET created_at = printf('2024-02-28T08:00:%02d.000000Z', id), updated_at = printf('2024-02-29T08:00:%02d.000000Z', id);
         UPDATE evidence SET created_at = printf('2024-02-29T09:00:%02d.000000Z', id), updated_at = printf('2024-02-29T09:00:%02d.000000Z', id);
         UPDATE appearances SET created_at = printf('2024-02-28T09:30:%02d.000000Z', id);
         UPDATE claim_checks SET done_at = '2024-03-01T09:00:00.000000Z';
         UPDATE verdicts SET created_at = printf('2024-03-%02dT10:00:00.000000Z', id);
         UPDATE verdicts SET superseded_at = (SELECT n.created_at FROM verdicts n WHERE n.id = verdicts.superseded_by)
           WHERE superseded_at IS NOT NULL;
         UPDATE claims SET published_at = '2024-03-04T09:00:00.000000Z' WHERE published_at IS NOT NULL;
         UPDATE corrections SET at = printf('2024-03-%02dT11:00:00.000000Z', 10 + id),
                                uuid = printf('0190f3a0-0000-7000-8000-0000000f9%03d', id);
         UPDATE captures SET captured_at = printf('2024-02-29T08:%02d:00.000000Z', id),
                             uuid = printf('0190f3a0-0000-7000-8000-0000000b9%03d', id);
         UPDATE sources SET accessed_at = '2024-02-29T08:00:00.000000Z' WHERE accessed_at IS NOT NULL;
         UPDATE sources SET uuid = printf('0190f3a0-0000-7000-8000-0000000d9%03d', id) WHERE uuid NOT LIKE '0190f3a0-%';
         UPDATE evidence SET uuid = printf('0190f3a0-0000-7000-8000-0000000e9%03d', id) WHERE uuid NOT LIKE '0190f3a0-%';
         UPDATE appearances SET uuid = printf('0190f3a0-0000-7000-8000-0000000a9%03d', id);
         UPDATE claimants SET uuid = printf('0190f3a0-0000-7000-8000-0000000c9%03d', id);",
    )
    .unwrap();
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

/// Compares with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("no golden file {}: run with UPDATE_GOLDEN=1 to write it", path.display()));
    if expected != actual {
        let (e, a) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
        let line = e.lines().zip(a.lines()).position(|(x, y)| x != y).unwrap_or(e.lines().count().min(a.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 rewrites it after an intended change)",
            line + 1,
            e.lines().nth(line).unwrap_or("<end>"),
            a.lines().nth(line).unwrap_or("<end>")
        );
    }
}

fn export(store: &Store, sel: &Selection, f: Format) -> report::Export {
    report::export(store, sel, f, &options()).unwrap_or_else(|e| panic!("{} export failed: {e}", f.as_str()))
}

fn text(e: &report::Export) -> String {
    String::from_utf8(e.bytes.clone()).expect("exports are UTF-8")
}

#[test]
fn golden_files_of_every_format_on_the_demo_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let all = Selection::all();
    for (format, name) in [
        (Format::Markdown, "demo.md"),
        (Format::Html, "demo.html"),
        (Format::Csv, "demo.csv"),
        (Format::CsvEvidence, "demo-evidence.csv"),
        (Format::Json, "demo.json"),
        (Format::ClaimReview, "demo.claimreview.jsonld"),
    ] {
        golden(name, &export(&store, &all, format).bytes);
    }
    let one = Selection::Claim(C_AID.into());
    golden("claim-aid.md", &export(&store, &one, Format::Markdown).bytes);
    golden("claim-aid.html", &export(&store, &one, Format::Html).bytes);
    golden("claim-aid.claimreview.jsonld", &export(&store, &one, Format::ClaimReview).bytes);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    for f in Format::ALL {
        assert_eq!(export(&store, &Selection::all(), f).bytes, export(&store, &Selection::all(), f).bytes, "{f:?}");
    }
}

#[test]
fn the_report_holds_what_a_desk_needs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let c = report::build_collection(&store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    assert_eq!(c.claims.len(), 5);
    assert_eq!(c.summary.claims, 5);
    assert_eq!(c.summary.checked, 3);
    let count = |key: &str| c.summary.by_rating.iter().find(|r| r.key == key).map(|r| r.count);
    assert_eq!(count("true"), Some(3));
    assert_eq!(count("false"), Some(0), "every rating of the scale is listed");
    let status = |s: ClaimStatus| c.summary.by_status.iter().find(|x| x.status == s).map(|x| x.count);
    assert_eq!(status(ClaimStatus::Corrected), Some(1));
    let post = c.summary.by_claimant.iter().find(|t| t.name == "Distinct Post").unwrap();
    assert_eq!((post.claims, post.checked), (2, 2));
    assert_eq!(post.ratings.iter().map(|k| (k.key.as_str(), k.count)).collect::<Vec<_>>(), [("true", 2)]);

    let aid = c.claims.iter().find(|x| x.uuid == C_AID).unwrap();
    assert_eq!(aid.status, ClaimStatus::Corrected);
    assert_eq!(aid.verdict.as_ref().unwrap().rating.key, "true");
    assert_eq!((aid.verdict.as_ref().unwrap().rating.best, aid.verdict.as_ref().unwrap().rating.worst), (Some(6), Some(1)));
    assert_eq!(aid.earlier_verdicts.len(), 1);
    assert_eq!(aid.earlier_verdicts[0].rating.key, "mostly_true");
    assert!(aid.earlier_verdicts[0].superseded_at.is_some());
    assert_eq!(aid.corrections.len(), 1);
    assert_eq!(aid.published_on.map(|d| d.to_string()).as_deref(), Some("2024-03-04"));
    assert_eq!(aid.appearances.len(), 2);
    assert!(aid.appearances[0].is_first);

    let ryder = c.claims.iter().find(|x| x.uuid == C_RYDER).unwrap();
    let checked = ryder.evidence.iter().filter_map(|e| e.open()).find(|o| o.capture.is_some()).unwrap();
    let cap = checked.capture.as_ref().unwrap();
    assert_eq!(cap.sha256.len(), 64);
    let cited = ryder.evidence.iter().find(|e| e.open().is_some_and(|o| o.capture.is_some())).unwrap();
    assert!(cited.citation.contains(&cap.sha256) && cited.citation.contains("2024-02-29 08:"), "{}", cited.citation);
    assert!(ryder.evidence.iter().any(|e| e.citation == "Confidential source (transcript)"));
}

/// Issue 17: a clarification (detail added, the finding stands) is headed "Clarification" in its
/// own quiet section, never listed among the corrections.
#[test]
fn a_clarification_is_headed_clarification_apart_from_the_corrections() {
    const ADDED: &str = "Added the House vote count, 311 to 112, from the Clerk of the House.";
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(demo_workspace(dir.path())).unwrap();
    store.set_actor("Test checker").unwrap();
    let rationale = store.get_claim(C_AID).unwrap().verdict.unwrap().rationale;
    store
        .record_verdict(&VerdictInput {
            claim_uuid: C_AID.into(),
            rating_key: "true".into(),
            rationale: format!("{rationale} The House passed it 311 to 112."),
            correction_reason: Some(ADDED.into()),
            correction_kind: Some(CorrectionKind::Clarification),
        })
        .unwrap();
    let one = Selection::Claim(C_AID.into());

    let md = text(&export(&store, &one, Format::Markdown));
    let corrections = md.find("### Corrections\n").expect("the correction keeps its section");
    let clarification = md.find("### Clarification\n").unwrap_or_else(|| panic!("no Clarification heading:\n{md}"));
    let line = md.find(ADDED).unwrap();
    assert!(corrections < clarification && clarification < line, "the clarification sits under its own heading:\n{md}");
    assert!(!md[corrections..clarification].contains(ADDED), "not among the corrections");
    assert!(md.contains(&format!("(verdict): {ADDED}")), "{md}");

    let html = text(&export(&store, &one, Format::Html));
    let section = html.find("<section class=\"clarifications\">\n<h3>Clarification</h3>").unwrap_or_else(|| panic!("{html}"));
    let boxed = html.find("<section class=\"corrections\">").unwrap();
    assert!(html.find(ADDED).unwrap() > section, "{html}");
    assert!(!html[boxed..section].contains(ADDED), "not in the correction box");
    assert!(html.contains(".clarifications {"), "styled calmly, apart from the correction box");

    // The CSV's count of corrections leaves the clarification out.
    let rows = parse_csv(&text(&export(&store, &one, Format::Csv)));
    assert_eq!(column(&rows, "corrections"), ["1"]);

    // The report's data says which kind each notice is.
    let c = report::build_collection(&store, &one, &options(), &mut |_, _| {}).unwrap();
    let kinds: Vec<CorrectionKind> = c.claims[0].corrections.iter().map(|k| k.kind).collect();
    assert_eq!(kinds, [CorrectionKind::Clarification, CorrectionKind::Correction]);
}

// ---- confidential sources ----

#[test]
fn a_confidential_source_is_only_its_kind_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let secret_hash: String = Connection::open(store.path())
        .unwrap()
        .query_row(
            "SELECT c.sha256 FROM captures c JOIN sources s ON s.id = c.source_id WHERE s.confidential = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let secret_uuid: String =
        Connection::open(store.path()).unwrap().query_row("SELECT uuid FROM sources WHERE confidential = 1", [], |r| r.get(0)).unwrap();
    for sel in [Selection::all(), Selection::Claim(C_RYDER.into())] {
        for f in Format::ALL {
            let Ok(out) = report::export(&store, &sel, f, &options()) else {
                assert_eq!(f, Format::ClaimReview, "only ClaimReview may refuse (the claim is not published)");
                continue;
            };
            if f == Format::Pdf {
                continue; // binary: checked on the text read back out of it, in report_pdf.rs
            }
            let out = text(&out);
            for s in SECRETS.iter().copied().chain([secret_hash.as_str(), secret_uuid.as_str()]) {
                assert!(!out.contains(s), "{} export leaks {s:?}", f.as_str());
            }
            if matches!(f, Format::Markdown | Format::Html | Format::CsvEvidence) {
                let shown = if f == Format::Markdown { shown_text(&out) } else { out.clone() };
                assert!(shown.contains("Confidential source (transcript)"), "{} names the source by its kind", f.as_str());
            }
            if matches!(f, Format::Markdown | Format::Html) {
                assert!(out.contains("Excerpt and note withheld"), "{} says the excerpt is withheld", f.as_str());
            }
        }
    }
}

#[test]
fn the_json_export_is_the_bundle_of_the_workspace_or_of_the_claims_selected() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let json = export(&store, &Selection::all(), Format::Json).bytes;
    let all: Bundle = serde_json::from_slice(&json).unwrap();
    assert_eq!(all.factdesk_export, BUNDLE_VERSION);
    let mut again = serde_json::to_vec_pretty(&all).unwrap();
    again.push(b'\n');
    assert_eq!(again, json, "the bundle's types read and write the same document");
    assert_eq!(all.claims.len(), 5);
    assert!(all.history.iter().any(|h| h.claim.is_none()), "the workspace's own history: sources added…");

    // One claim: what it rests on, not the rest of the workspace.
    let one: Bundle = serde_json::from_slice(&export(&store, &Selection::Claim(C_AID.into()), Format::Json).bytes).unwrap();
    assert_eq!(one.claims.len(), 1);
    let cited: std::collections::BTreeSet<&str> = one.claims[0]
        .evidence
        .iter()
        .filter_map(|e| match e {
            Access::Open(e) => Some(e.source.as_str()),
            Access::Confidential { .. } => None,
        })
        .collect();
    assert_eq!(one.sources.iter().map(|s| s.uuid.as_str()).collect::<std::collections::BTreeSet<_>>(), cited);
    assert_eq!(one.claimants.len(), 1);
    assert!(one.history.iter().all(|h| h.claim.as_deref() == Some(C_AID)));
    assert_eq!((one.scales, one.checklist, one.settings), (all.scales, all.checklist, all.settings), "what the claim needs to be read");
}

#[test]
fn an_appearance_held_by_a_confidential_source_is_withheld() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let claim = report::claim_report(&store, C_RYDER).unwrap();
    let withheld: Vec<_> = claim.appearances.iter().filter(|a| a.confidential).collect();
    assert_eq!(withheld.len(), 1);
    assert_eq!((withheld[0].url.as_str(), withheld[0].outlet.as_str()), ("", "Confidential source (transcript)"));
    assert_eq!(withheld[0].medium, "social post");
}

#[test]
fn the_json_of_a_confidential_link_has_no_field_to_leak_through() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&export(&store, &Selection::Claim(C_RYDER.into()), Format::Json).bytes).unwrap();
    for list in ["evidence", "appearances"] {
        let secret = json["claims"][0][list].as_array().unwrap().iter().find(|e| e["access"] == "confidential").unwrap();
        let mut keys: Vec<&str> = secret.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["access", "source_kind"], "{list}");
        assert_eq!(secret["source_kind"], "transcript");
    }
}

// ---- injection ----

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const FORMULA: &str = "=cmd|' /C calc'!A0";
const MD_LINK: &str = "[x](javascript:alert(1))";
const JS_URL: &str = "javascript:alert(1)";

/// A published claim whose every field a checker or an article can fill carries an attack.
fn hostile_workspace(dir: &Path) -> (Store, String) {
    let mut store = Store::open(dir.join("hostile.factdesk")).unwrap();
    store.set_actor(&format!("Checker {IMG}")).unwrap();
    let claim = store
        .create_claim(&ClaimInput {
            text: FORMULA.into(),
            summary: format!("{SCRIPT} {MD_LINK}"),
            claimant: Some(format!("{IMG} Person")),
            claimant_role: Some(format!("{SCRIPT} role")),
            said_where: format!("{MD_LINK} {SCRIPT}"),
            tags: vec![SCRIPT.to_string(), "+tag".into()],
            ..ClaimInput::default()
        })
        .unwrap();
    let source = store
        .create_source(&SourceInput {
            url: "https://example.org/a\"><script>alert(1)</script>".into(),
            title: format!("{SCRIPT} {IMG} {MD_LINK}"),
            publisher: FORMULA.to_string(),
            author: format!("@{IMG}"),
            kind: SourceKind::NewsReport,
            ..SourceInput::default()
        })
        .unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: claim.uuid.clone(),
            source_uuid: source.uuid,
            excerpt: format!("{SCRIPT}\n# heading\n- list\n{MD_LINK}\n{IMG}"),
            stance: Stance::Refutes,
            note: format!("{FORMULA}\n<!-- comment -->"),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    store
        .record_verdict(&VerdictInput {
            claim_uuid: claim.uuid.clone(),
            rating_key: "false".into(),
            rationale: format!("{SCRIPT}\n\n{IMG}\n\n{MD_LINK}\n\n{FORMULA}"),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    Connection::open(store.path()).unwrap().execute("UPDATE claims SET status = 'published', published_at = '2024-03-01T00:00:00Z'", []).unwrap();
    (store, claim.uuid)
}

/// The hostile claim's report with the addresses a store would refuse but an import could bring.
fn hostile_collection(store: &Store) -> report::Collection {
    let mut c = report::build_collection(store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    let claim = &mut c.claims[0];
    claim.appearances.push(report::AppearanceReport {
        uuid: "a1".into(),
        url: JS_URL.into(),
        outlet: format!("{SCRIPT} outlet"),
        medium: IMG.into(),
        appeared_on: None,
        is_first: true,
        confidential: false,
    });
    if let report::EvidenceBody::Open(o) = &mut claim.evidence[0].body {
        o.source.url = JS_URL.into();
    }
    c.desk = Some(format!("{SCRIPT} desk"));
    c
}

fn render(c: &report::Collection, f: Format) -> String {
    String::from_utf8(report::render(c, f).unwrap().bytes).unwrap()
}

#[test]
fn html_shows_attacks_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = hostile_workspace(dir.path());
    let html = render(&hostile_collection(&store), Format::Html);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script element");
    assert!(!lower.contains("<img"), "no img element");
    assert!(!lower.contains("<!--"), "no comment opened by data");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script is shown as text");
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the attribute break-out is shown as text");
    // Every onerror sits in text: the last `<` before it belongs to a tag we wrote and closed.
    for (at, _) in lower.match_indices("onerror=") {
        let before = &lower[..at];
        assert!(before.rfind('<') < before.rfind('>'), "onerror inside a tag at {at}");
    }
    for href in attribute_values(&html, "href=\"") {
        assert!(href.starts_with("https://") || href.starts_with("http://"), "only web links: {href}");
        assert!(!href.contains('"') && !href.contains('<'), "{href}");
    }
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'; style-src 'unsafe-inline'"));
    assert!(!lower.contains("src=\"") && !lower.contains("<link") && !lower.contains("@import"), "no remote loads");
}

/// The values of every `name="…"` attribute.
fn attribute_values<'a>(html: &'a str, prefix: &str) -> Vec<&'a str> {
    html.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &html[i + prefix.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

#[test]
fn markdown_shows_attacks_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = hostile_workspace(dir.path());
    let md = render(&hostile_collection(&store), Format::Markdown);
    assert!(!md.contains("](javascript:"), "no javascript link");
    assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"), "the script is shown as text");
    // What a renderer sees as markup once backslash escapes are taken out.
    let live = markup_of(&md);
    assert!(!live.contains('<'), "no HTML");
    assert!(live.lines().all(|l| !l.chars().skip(1).any(|c| c == '>')), "`>` only opens a blockquote");
    let links = live.matches("](https://").count() + live.matches("](http://").count();
    assert_eq!(live.matches("](").count(), links, "every link goes to a web address");
    assert_eq!(live.matches('[').count(), links, "every bracket opens one of our links");
    assert!(!md.lines().any(|l| l.starts_with("# heading") || l.starts_with("> # heading")), "no heading from data");
    assert!(!md.lines().any(|l| l.starts_with("> - list")), "no list from data");
}

/// What a Markdown renderer treats as markup: the text with every backslash-escaped punctuation
/// character removed (it is literal text), and the backslash of a hard line break dropped.
fn markup_of(md: &str) -> String {
    unescape(md, false)
}

/// The text a reader sees: backslash escapes resolved to their characters.
fn shown_text(md: &str) -> String {
    unescape(md, true)
}

fn unescape(md: &str, keep_escaped: bool) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some(n)) if n.is_ascii_punctuation() => {
                chars.next();
                if keep_escaped {
                    out.push(n);
                }
            }
            ('\\', Some('\n')) => {}
            (c, _) => out.push(c),
        }
    }
    out
}

/// RFC 4180 records, for checking cells exactly.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[test]
fn csv_cells_cannot_run_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = hostile_workspace(dir.path());
    let c = hostile_collection(&store);
    let claims = parse_csv(&render(&c, Format::Csv));
    assert_eq!(column(&claims, "text"), [format!("'{FORMULA}")]);
    assert_eq!(column(&claims, "tags"), ["+tag; <script>alert(1)</script>".replacen('+', "'+", 1)]);
    let evidence = parse_csv(&render(&c, Format::CsvEvidence));
    assert_eq!(column(&evidence, "source_publisher"), [format!("'{FORMULA}")]);
    assert_eq!(column(&evidence, "source_author"), [format!("'@{IMG}")]);
    assert!(column(&evidence, "note")[0].starts_with("'="));
    for rows in [&claims, &evidence] {
        for cell in rows.iter().flatten() {
            let numeric = cell.parse::<f64>().is_ok();
            assert!(numeric || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "live formula cell {cell:?}");
        }
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every record has every field");
    }
}

#[test]
fn json_and_claimreview_keep_attacks_as_inert_strings() {
    let dir = tempfile::tempdir().unwrap();
    let (store, uuid) = hostile_workspace(dir.path());
    let c = hostile_collection(&store);
    let json: serde_json::Value = serde_json::from_slice(&export(&store, &Selection::all(), Format::Json).bytes).unwrap();
    assert_eq!(json["claims"][0]["text"], FORMULA, "JSON is lossless data");
    let cr = report::render(&c, Format::ClaimReview).unwrap();
    let raw = String::from_utf8(cr.bytes.clone()).unwrap();
    assert!(!raw.contains('<') && !raw.contains('>'), "pasted into a script element, nothing can close it");
    let reviews: serde_json::Value = serde_json::from_slice(&cr.bytes).unwrap();
    let r = &reviews[0];
    assert_eq!(r["claimReviewed"], FORMULA);
    assert_eq!(r["url"], format!("{BASE_URL}{uuid}"));
    let appearances = r["itemReviewed"]["appearance"].as_array().unwrap();
    assert!(appearances.iter().all(|a| a.get("url").is_none()), "a javascript: appearance has no url");
    assert!(urls(&reviews).iter().all(|u| u.starts_with("https://")), "{:?}", urls(&reviews));
}

/// Every `url` value anywhere in the JSON.
fn urls(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| if k == "url" { vec![v.as_str().unwrap_or("?").to_string()] } else { urls(v) })
            .collect(),
        serde_json::Value::Array(a) => a.iter().flat_map(urls).collect(),
        _ => Vec::new(),
    }
}

// ---- ClaimReview ----

#[test]
fn claimreview_follows_the_markup_guidelines() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let out = export(&store, &Selection::all(), Format::ClaimReview);
    assert!(out.warnings.iter().any(|w| w.contains("4 of 5 claims are left out")), "{:?}", out.warnings);
    let all: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    let reviews = all.as_array().expect("a collection is an array of ClaimReview");
    assert_eq!(reviews.len(), 1, "only the published (corrected) claim");
    let r = &reviews[0];
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["claimReviewed"], "A $60 billion aid package for Ukraine remains held up in Congress.");
    assert_eq!(r["url"], format!("{BASE_URL}{C_AID}"));
    assert_eq!(r["datePublished"], "2024-03-04");
    assert_eq!(r["dateModified"], "2024-03-11", "the correction's date");
    assert_eq!(r["author"], serde_json::json!({"@type": "Organization", "name": DESK}));
    assert_eq!(r["identifier"], C_AID, "the claim's UUID, so the desk knows its own markup back");
    let rating = &r["reviewRating"];
    assert_eq!(rating["@type"], "Rating");
    assert_eq!(rating["alternateName"], "True");
    let rationale = store.get_claim(C_AID).unwrap().verdict.unwrap().rationale;
    assert_eq!(rating["ratingExplanation"].as_str(), Some(rationale.split_whitespace().collect::<Vec<_>>().join(" ").as_str()));
    assert!(rating["ratingExplanation"].as_str().unwrap().starts_with("Checked against the Senate-passed bill"));
    assert_eq!(google_problems(r), Vec::<String>::new());
    assert_eq!((rating["ratingValue"].as_i64(), rating["bestRating"].as_i64(), rating["worstRating"].as_i64()), (Some(6), Some(6), Some(1)));
    let item = &r["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    assert_eq!(item["author"], serde_json::json!({"@type": "Organization", "name": "Distinct Post"}), "a news outlet is an organisation");
    assert_eq!(item["datePublished"], "2024-02-28");
    assert_eq!(item["inLanguage"], "en");
    let appearances = item["appearance"].as_array().unwrap();
    assert_eq!(appearances.len(), 2);
    assert!(appearances.iter().all(|a| a["@type"] == "CreativeWork"));
    assert!(appearances.iter().any(|a| a["url"] == "https://distinctpost.com/?p=32894"));
    assert_eq!(item["firstAppearance"]["name"], "News report on the Pentagon briefing");
    assert_eq!(item["firstAppearance"]["datePublished"], "2024-02-28");
}

#[test]
fn claimreview_of_a_person_and_without_a_publication_address() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_workspace(dir.path());
    // Publish the Ryder claim (status set directly: the gate is the workflow's business, not this test's).
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE claims SET status = 'published', published_at = '2024-03-05T09:00:00Z' WHERE uuid = ?1", [C_RYDER])
        .unwrap();
    let store = Store::open(&path).unwrap();
    let out = report::export(&store, &Selection::Claim(C_RYDER.into()), Format::ClaimReview, &ExportOptions::default()).unwrap();
    assert!(out.warnings.iter().any(|w| w.contains("no url")), "{:?}", out.warnings);
    assert!(out.warnings.iter().any(|w| w.contains("no author") && w.contains("Settings → Publishing")), "{:?}", out.warnings);
    let r: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert!(r.is_object(), "one claim gives one ClaimReview");
    assert!(r.get("url").is_none());
    assert!(r.get("author").is_none(), "no organisation named: no author, never the checker as a person: {}", r["author"]);
    assert!(!String::from_utf8_lossy(&out.bytes).contains("Test checker"));
    assert_eq!(
        r["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "Pat Ryder", "jobTitle": "Pentagon Press Secretary"})
    );
    assert!(r.get("dateModified").is_none());
}

#[test]
fn claimreview_settings_come_from_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_workspace(dir.path());
    let c = Connection::open(&path).unwrap();
    c.execute("INSERT INTO settings (key, value) VALUES (?1, 'Settings Desk')", [SETTING_DESK_NAME]).unwrap();
    c.execute("INSERT INTO settings (key, value) VALUES (?1, 'https://desk.example/fc?id={uuid}')", [SETTING_PUBLICATION_URL]).unwrap();
    let store = Store::open(&path).unwrap();
    let out = report::export(&store, &Selection::Claim(C_AID.into()), Format::ClaimReview, &ExportOptions::default()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let r: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!(r["url"], format!("https://desk.example/fc?id={C_AID}"));
    assert_eq!(r["author"]["name"], "Settings Desk");
}

#[test]
fn claimreview_of_an_unpublished_claim_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let err = report::export(&store, &Selection::Claim(C_MACRON.into()), Format::ClaimReview, &options()).unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(err.to_string().contains("no verdict"), "{err}");
    let err = report::export(&store, &Selection::Claim(C_RYDER.into()), Format::ClaimReview, &options()).unwrap_err();
    assert!(err.to_string().contains("is ready, not published"), "{err}");
}

/// What Google's ClaimReview markup guidelines would reject in one ClaimReview (required
/// properties), and what they recommend that is missing, as words. Empty: nothing to complain about.
fn google_problems(r: &serde_json::Value) -> Vec<String> {
    let mut p = Vec::new();
    let text = |v: &serde_json::Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    let web = |v: &serde_json::Value| v.as_str().is_some_and(|s| s.starts_with("https://") || s.starts_with("http://"));
    if r["@type"] != "ClaimReview" || r["@context"] != "https://schema.org" {
        p.push("not a schema.org ClaimReview".to_string());
    }
    if !text(&r["claimReviewed"]) {
        p.push("claimReviewed missing".into());
    }
    let rating = &r["reviewRating"];
    if !(text(&rating["alternateName"]) || rating["ratingValue"].is_number()) {
        p.push("reviewRating has neither alternateName nor ratingValue".into());
    }
    if let (Some(v), Some(best), Some(worst)) = (rating["ratingValue"].as_i64(), rating["bestRating"].as_i64(), rating["worstRating"].as_i64()) {
        if !(worst..=best).contains(&v) {
            p.push("ratingValue outside worstRating..bestRating".into());
        }
    }
    if !web(&r["url"]) {
        p.push("url missing".into());
    }
    let author = &r["author"];
    if !matches!(author["@type"].as_str(), Some("Organization" | "Person")) || !text(&author["name"]) {
        p.push("author (an Organization or Person with a name) missing".into());
    }
    if !text(&r["datePublished"]) {
        p.push("datePublished (recommended) missing".into());
    }
    let item = &r["itemReviewed"];
    if item["@type"] != "Claim" || !text(&item["author"]["name"]) {
        p.push("itemReviewed (recommended) lacks a Claim with an author".into());
    }
    if !(text(&item["datePublished"]) || item["appearance"].is_array() || item["firstAppearance"].is_object()) {
        p.push("itemReviewed (recommended) lacks datePublished or appearance".into());
    }
    p
}

fn set(path: &Path, pairs: &[(&str, &str)]) {
    let c = Connection::open(path).unwrap();
    for (k, v) in pairs {
        c.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", [k, v]).unwrap();
    }
}

#[test]
fn claimreview_author_is_the_organisation_with_its_address_and_logo() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_workspace(dir.path());
    set(&path, &[
        (SETTING_DESK_NAME, "Harbour Fact Check"),
        (SETTING_DESK_URL, "https://harbour.example/"),
        (SETTING_DESK_LOGO_URL, "https://harbour.example/logo.png"),
        (SETTING_PUBLICATION_URL, "https://harbour.example/checks/{uuid}"),
    ]);
    let store = Store::open(&path).unwrap();
    let out = report::export(&store, &Selection::Claim(C_AID.into()), Format::ClaimReview, &ExportOptions::default()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let r: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!(
        r["author"],
        serde_json::json!({
            "@type": "Organization",
            "name": "Harbour Fact Check",
            "url": "https://harbour.example/",
            "logo": {"@type": "ImageObject", "url": "https://harbour.example/logo.png"}
        })
    );
    assert_eq!(google_problems(&r), Vec::<String>::new());

    // A logo that is not a web address is left out, and said.
    drop(store);
    set(&path, &[(SETTING_DESK_LOGO_URL, "javascript:alert(1)")]);
    let store = Store::open(&path).unwrap();
    let out = report::export(&store, &Selection::Claim(C_AID.into()), Format::ClaimReview, &ExportOptions::default()).unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert!(r["author"].get("logo").is_none(), "{}", r["author"]);
    assert!(out.warnings.iter().any(|w| w.contains("logo address")), "{:?}", out.warnings);
}

#[test]
fn claimreview_url_is_where_the_claim_was_published_else_the_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_workspace(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE claims SET status = 'published', published_at = '2024-03-05T09:00:00Z' WHERE uuid = ?1", [C_RYDER])
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    let page = "https://factcheck.example.org/2024/03/aid-package-stalled-in-congress";
    // The aid claim is published (corrected): the address can still be given, and is recorded.
    let detail = store.set_published_url(C_AID, &format!("  {page} ")).unwrap();
    assert_eq!(detail.published_url, page);
    assert!(detail.history[0].summary.contains(page), "{:?}", detail.history[0]);
    let bad = store.set_published_url(C_AID, "factcheck.example.org/no-scheme").unwrap_err();
    assert!(matches!(bad, Error::Validation { field: "published_url", .. }), "{bad:?}");
    assert_eq!(store.get_claim(C_AID).unwrap().published_url, page, "a refused address changes nothing");

    let all: serde_json::Value =
        serde_json::from_slice(&export(&store, &Selection::all(), Format::ClaimReview).bytes).unwrap();
    let url_of = |uuid: &str| all.as_array().unwrap().iter().find(|r| r["identifier"] == uuid).map(|r| r["url"].clone());
    assert_eq!(url_of(C_AID), Some(serde_json::json!(page)), "the claim's own address wins");
    assert_eq!(url_of(C_RYDER), Some(serde_json::json!(format!("{BASE_URL}{C_RYDER}"))), "else the pattern");
    for r in all.as_array().unwrap() {
        assert_eq!(google_problems(r), Vec::<String>::new(), "{r}");
    }

    // Every claim with its own address: no publication address needed, and no warning about it.
    let out = report::export(
        &store,
        &Selection::Claim(C_AID.into()),
        Format::ClaimReview,
        &ExportOptions { desk_name: Some(DESK.into()), ..ExportOptions::default() },
    )
    .unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let r: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!(r["url"], page);

    // Cleared: back to the pattern.
    assert_eq!(store.set_published_url(C_AID, "").unwrap().published_url, "");
    let r: serde_json::Value =
        serde_json::from_slice(&export(&store, &Selection::Claim(C_AID.into()), Format::ClaimReview).bytes).unwrap();
    assert_eq!(r["url"], format!("{BASE_URL}{C_AID}"));
}

#[test]
fn claimreview_with_its_own_address_imported_back_is_still_the_desks_own_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(demo_workspace(dir.path())).unwrap();
    store.set_published_url(C_AID, "https://factcheck.example.org/2024/03/aid-package-stalled").unwrap();
    let out = export(&store, &Selection::Claim(C_AID.into()), Format::ClaimReview);
    assert!(!String::from_utf8_lossy(&out.bytes).contains(&format!("/{C_AID}")), "the url holds no UUID");
    let claims_before = store.list_claims(&ClaimQuery::default()).unwrap().total;
    let r = factdesk_core::interchange::import_claimreview(&mut store, &out.bytes, true).unwrap();
    assert_eq!((r.found, r.unchanged), (1, 1), "{:#?}", r.items);
    assert_eq!(r.items[0].claim_uuid.as_deref(), Some(C_AID));
    assert!(r.items[0].reason.contains("desk's own"), "{}", r.items[0].reason);
    assert_eq!(store.list_claims(&ClaimQuery::default()).unwrap().total, claims_before);
    assert!(store.get_claim(C_AID).unwrap().external_reviews.is_empty());
}

#[test]
fn claimreview_is_refused_before_the_file_is_chosen_in_the_exports_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    for unpublished in [C_MACRON, C_RYDER] {
        let sel = Selection::Claim(unpublished.into());
        let early = report::check_claimreview(&store, &sel).unwrap_err();
        let late = report::export(&store, &sel, Format::ClaimReview, &options()).unwrap_err();
        assert!(matches!(early, Error::Validation { field: "format", .. }), "{early:?}");
        assert_eq!(early.to_string(), late.to_string(), "the same words before and after");
    }
    assert!(report::check_claimreview(&store, &Selection::Claim(C_MACRON.into())).unwrap_err().to_string().contains("no verdict"));
    assert!(report::check_claimreview(&store, &Selection::Claim(C_RYDER.into())).unwrap_err().to_string().contains("is ready, not published"));
    report::check_claimreview(&store, &Selection::Claim(C_AID.into())).expect("published with a verdict");
    report::check_claimreview(&store, &Selection::all()).expect("a list with one published claim");
    let none = Selection::Claims(vec![C_MACRON.into(), C_RYDER.into()]);
    let err = report::check_claimreview(&store, &none).unwrap_err();
    assert_eq!(err.to_string(), report::export(&store, &none, Format::ClaimReview, &options()).unwrap_err().to_string());
    assert!(err.to_string().contains("None of the 2 selected claims"), "{err}");
    assert!(matches!(report::check_claimreview(&store, &Selection::Claim("nope".into())), Err(Error::NotFound { .. })));
}

#[test]
fn export_file_names_come_from_the_claims_words() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let name = |sel: Selection, f: Format| report::suggested_file_name(&store, &sel, f, today).unwrap();
    // The summary, "The $60 billion Ukraine aid package is stalled in Congress", said 2024-02-28.
    assert_eq!(name(Selection::Claim(C_AID.into()), Format::Markdown), "the-60-billion-ukraine-aid-package-is-stalled-in-congress-2024-02-28.md");
    assert_eq!(name(Selection::Claim(C_AID.into()), Format::ClaimReview), "the-60-billion-ukraine-aid-package-is-stalled-in-congress-2024-02-28.jsonld");
    for uuid in [C_RYDER, C_AID, C_MACRON] {
        let n = name(Selection::Claim(uuid.into()), Format::Pdf);
        assert!(!n.contains(&uuid[..8]), "named by its words, not its id: {n}");
        let stem = n.trim_end_matches(".pdf");
        assert!(stem.chars().all(|c| c.is_alphanumeric() || c == '-') && !stem.starts_with('-') && !stem.contains("--"), "{n}");
        assert!(n.chars().count() <= report::MAX_WORDS_CHARS + "-2024-02-28.pdf".len(), "{n}");
    }
    assert_eq!(name(Selection::tag("aid"), Format::Csv), "claims-tagged-aid-2026-12-07.csv");
    assert_eq!(name(Selection::all(), Format::CsvEvidence), "claims-2026-12-07-evidence.csv");
}

// ---- selection ----

#[test]
fn selections_by_tag_claimant_dates_search_and_uuids() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let uuids = |sel: Selection| -> Vec<String> {
        report::build_collection(&store, &sel, &options(), &mut |_, _| {}).unwrap().claims.into_iter().map(|c| c.uuid).collect()
    };
    let query = |f: fn(&mut ClaimQuery)| {
        let mut q = ClaimQuery::default();
        f(&mut q);
        Selection::from_query(&q)
    };
    assert_eq!(uuids(Selection::tag("NATO")).len(), 2, "tags match whatever the case");
    assert_eq!(uuids(Selection::tag("#aid")), [C_AID]);
    let post = report::find_claimant(&store, "distinct post").unwrap();
    assert_eq!(uuids(Selection::Query(ClaimQuery { claimant: Some(post), ..ClaimQuery::default() })).len(), 2);
    assert!(matches!(report::find_claimant(&store, "Nobody"), Err(Error::Validation { .. })));
    assert_eq!(uuids(query(|q| { q.said_from = Some("2024-02-27".into()); q.said_to = Some("2024-02-27".into()) })).len(), 2);
    // A search finds "troops" in three claims' own fields (wording or summary) and, after them, in
    // two claims whose evidence source is titled "…no plans to send troops…": the export follows the list.
    let troops = uuids(query(|q| q.search = Some("troops".into())));
    assert_eq!(troops.len(), 5, "{troops:?}");
    assert!(troops[3..].contains(&C_AID.to_string()), "found through a source title, after the own-field matches: {troops:?}");
    assert_eq!(uuids(query(|q| q.status = Some(ClaimStatus::Researching))), [C_MACRON]);
    assert_eq!(uuids(query(|q| q.rating = Some("true".into()))).len(), 3);
    let paged = ClaimQuery { limit: Some(1), cursor: Some("stale".into()), ..ClaimQuery::default() };
    assert_eq!(uuids(Selection::from_query(&paged)).len(), 5, "the list's page and cursor do not limit an export");
    assert_eq!(uuids(Selection::Claims(vec![C_MACRON.into(), C_AID.into(), C_MACRON.into()])), [C_MACRON, C_AID], "in the given order, once");
    let all = uuids(Selection::all());
    assert_eq!(all.len(), 5);
    assert_eq!(all[..2], [C_AID, "0190f3a0-0000-7000-8000-00000000c005"], "newest said first, then newest added");

    let scope = |sel: Selection| report::build_collection(&store, &sel, &options(), &mut |_, _| {}).unwrap().scope;
    assert_eq!(scope(Selection::tag("aid")), "Claims tagged “aid”");
    let by = Selection::Query(ClaimQuery { claimant: Some(report::find_claimant(&store, "Pat Ryder").unwrap()), ..ClaimQuery::default() });
    assert_eq!(scope(by), "Claims by Pat Ryder");

    let missing = report::export(&store, &Selection::Claim("nope".into()), Format::Json, &options()).unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
    let none = report::export(&store, &Selection::tag("no-such-tag"), Format::Json, &options()).unwrap_err();
    assert!(matches!(none, Error::Validation { .. }) && none.to_string().contains("no-such-tag"), "{none}");
    let bad_date = report::export(&store, &query(|q| q.said_from = Some("28/02/2024".into())), Format::Json, &options());
    assert!(matches!(bad_date, Err(Error::Validation { field: "said_from", .. })), "{bad_date:?}");
}

#[test]
fn formats_by_name() {
    for f in Format::ALL {
        assert_eq!(Format::parse(f.as_str()).unwrap(), f);
    }
    assert_eq!(Format::parse(" Markdown ").unwrap(), Format::Markdown);
    assert_eq!(Format::parse("jsonld").unwrap(), Format::ClaimReview);
    let err = Format::parse("docx").unwrap_err();
    assert!(err.to_string().contains("md, html, pdf, csv, csv-evidence, json, claimreview"), "{err}");
}

// ---- writing ----

#[test]
fn files_are_replaced_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let out = dir.path().join("report.html");
    std::fs::write(&out, "old").unwrap();
    let e = report::export_to_file(&store, &Selection::all(), Format::Html, &options(), &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), e.bytes);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|f| f.ok())
        .filter(|f| f.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");

    // A failed export (unknown claim) leaves the old file as it was.
    std::fs::write(&out, "old").unwrap();
    assert!(report::export_to_file(&store, &Selection::Claim("nope".into()), Format::Html, &options(), &out).is_err());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    // The export's read transaction is over, failed or not: the workspace takes writes.
    let mut store = store;
    store.create_claim(&ClaimInput { text: "Written after an export".into(), ..ClaimInput::default() }).unwrap();
    // A folder that does not exist is refused in plain words, and nothing is created.
    let err = report::write_atomic(&dir.path().join("missing/x.md"), b"x").unwrap_err();
    assert!(matches!(err, Error::Validation { .. }) && err.to_string().contains("does not exist"), "{err:?}");
    assert!(!dir.path().join("missing").exists());
}

/// The window's Cancel: the build stops after the claim it was reading, with a `Cancelled` error
/// (kind "Cancelled" over IPC) and no collection.
#[test]
fn a_build_stops_when_asked_and_says_it_was_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(demo_workspace(dir.path())).unwrap();
    let mut seen = Vec::new();
    let err = report::build_collection_until(&store, &Selection::all(), &options(), &mut |done, total| {
        seen.push((done, total));
        done < 2
    })
    .unwrap_err();
    assert_eq!(seen, [(1, 5), (2, 5)], "stopped right after the claim it was reading");
    assert!(matches!(err, Error::Cancelled(_)), "{err:?}");
    assert_eq!(err.kind(), "Cancelled");
    assert_eq!(err.to_string(), "The export was cancelled; nothing was written.");
    // Not cancelled: every claim.
    let all = report::build_collection_until(&store, &Selection::all(), &options(), &mut |_, _| true).unwrap();
    assert_eq!(all.claims.len(), 5);
}
