//! PDF reports (issue 7): the demo workspace exported to PDF, with the text read back out of the
//! file (pdf-extract, pure Rust: no poppler needed), embedded fonts, confidential sources withheld,
//! attacks shown as literal text, non-Latin scripts, and byte-identical output for the same data.

use std::path::Path;

use factdesk_core::model::{AppearanceInput, ClaimInput, EvidenceInput, SourceInput, SourceKind, Stance, VerdictInput};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::Store;

mod common;
use common::fetched_capture as capture;

const C_RYDER: &str = "0190f3a0-0000-7000-8000-00000000c001";
const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";
const S_CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";
const S_DOD: &str = "0190f3a0-0000-7000-8000-00000000d002";
const SECRET_TITLE: &str = "Interview with the deputy minister's chief of staff";
const SECRET_URL: &str = "https://intranet.example.net/notes/chief-of-staff";
const SECRET_EXCERPT: &str = "only the chief of staff was in the room";

fn options() -> ExportOptions {
    ExportOptions { desk_name: Some("Demo Desk Fact Check".into()), publication_url: None, generated_at: None }
}


/// The demo workspace, plus an evidence link checked against an archived copy and a confidential
/// source. Returns the store and the archived copy's SHA-256.
fn demo(dir: &Path) -> (Store, String) {
    let mut store = Store::open(dir.join("demo.factdesk")).unwrap();
    factdesk_core::demo::seed(&mut store).unwrap();
    store.set_actor("Test checker").unwrap();
    let copy = store
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
            url: SECRET_URL.into(),
            title: SECRET_TITLE.into(),
            publisher: "Ministry of Defence (internal)".into(),
            kind: SourceKind::Transcript,
            confidential: true,
            ..SourceInput::default()
        })
        .unwrap();
    store.add_capture(&secret.uuid, &capture(SECRET_URL, "Notes of the call.")).unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_RYDER.into(),
            source_uuid: secret.uuid,
            excerpt: SECRET_EXCERPT.into(),
            stance: Stance::Supports,
            note: "Called on a private line.".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    // The aid claim is published: a new evidence link is a correction.
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
    (store, copy.sha256)
}

fn pdf(store: &Store, sel: &Selection) -> report::Export {
    report::export(store, sel, Format::Pdf, &options()).unwrap_or_else(|e| panic!("PDF export failed: {e}"))
}

/// The text of the PDF as a reader would copy it, on one line: whitespace runs (line and page
/// breaks included) become one space, and typographic ligatures are spelled out.
fn text_of(bytes: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text can be extracted");
    let spelled = raw.replace('ﬁ', "fi").replace('ﬂ', "fl").replace('ﬀ', "ff").replace('ﬃ', "ffi").replace('ﬄ', "ffl");
    spelled.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps a copy for looking at the pages when `FACTDESK_PDF_OUT` names a folder:
/// `FACTDESK_PDF_OUT=/tmp/pdf cargo test -p factdesk-core --test report_pdf`, then `pdftoppm -png`.
fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("FACTDESK_PDF_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Every link target (`/URI`) in the PDF, objects in object streams included.
fn link_targets(bytes: &[u8]) -> Vec<String> {
    fn walk(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    if k.as_slice() == b"URI" {
                        if let lopdf::Object::String(s, _) = v {
                            out.push(String::from_utf8_lossy(s).into_owned());
                        }
                    }
                    walk(v, out);
                }
            }
            lopdf::Object::Array(a) => a.iter().for_each(|x| walk(x, out)),
            lopdf::Object::Stream(s) => walk(&lopdf::Object::Dictionary(s.dict.clone()), out),
            _ => {}
        }
    }
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out = Vec::new();
    for o in doc.objects.values() {
        walk(o, &mut out);
    }
    out
}

#[test]
fn the_demo_workspace_as_pdf_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sha) = demo(dir.path());
    let out = pdf(&store, &Selection::all());
    keep("demo.pdf", &out.bytes);
    let b = &out.bytes;
    assert!(b.starts_with(b"%PDF-"), "a PDF file");
    assert!(contains(b, b"/FontFile"), "the fonts are embedded");
    assert_eq!(out.claims, 5);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);

    let text = text_of(b);
    for needle in [
        "Fact-check report: All claims",
        "Scope: All claims",
        "Summary",
        // Every claim's exact wording.
        "We have no plans to send US service members to fight in Ukraine.",
        "A $60 billion aid package for Ukraine remains held up in Congress.",
        "Sending Western troops to Ukraine in the future cannot be ruled out.",
        "NATO has no plans to send combat troops to Ukraine.",
        "The war in Ukraine entered its third year this month.",
        // Claimant with role, rating, rationale's author, evidence and its archived copy.
        "Pat Ryder, Pentagon Press Secretary",
        "Mostly true",
        "True",
        "Supports:",
        "Pentagon press briefing by Maj. Gen. Pat Ryder",
        "we have no plans to send US service members to fight in Ukraine",
        "Excerpt found word for word in the archived copy.",
        "Confidential source (transcript)",
        "Excerpt and note withheld to protect a confidential source.",
        "CORRECTIONS",
        "Added the Senate vote record, which the first version cited without a link.",
        "Distinct Post (article, 2024-02-28)",
        "EARLIER VERDICTS",
        "1 / ",
    ] {
        assert!(text.contains(needle), "the PDF text lacks {needle:?}:\n{text}");
    }
    assert!(text.contains(&format!("SHA-256 {}", &sha[..16])), "the archived copy's hash is cited:\n{text}");
    for secret in [SECRET_TITLE, SECRET_URL, SECRET_EXCERPT, "intranet.example.net", "Ministry of Defence (internal)"] {
        assert!(!text.contains(secret), "the PDF leaks {secret:?}");
    }
    assert!(link_targets(b).iter().all(|u| !u.contains("intranet.example.net")), "no link to the confidential source");
}

/// Issue 17: in the PDF a clarification is headed "Clarification", apart from the corrections.
#[test]
fn a_clarification_is_headed_clarification_in_the_pdf() {
    const ADDED: &str = "Added the House vote count from the clerk's record.";
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo(dir.path());
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: C_AID.into(),
            source_uuid: S_CONGRESS.into(),
            excerpt: "On passage Passed by the Yeas and Nays: 311 - 112.".into(),
            stance: Stance::Context,
            note: String::new(),
            correction_reason: Some(ADDED.into()),
            correction_kind: Some(factdesk_core::model::CorrectionKind::Clarification),
        })
        .unwrap();
    let out = pdf(&store, &Selection::Claim(C_AID.into()));
    keep("clarification.pdf", &out.bytes);
    let text = text_of(&out.bytes);
    let corrections = text.find("CORRECTIONS").unwrap_or_else(|| panic!("{text}"));
    let clarification = text.find("CLARIFICATION").unwrap_or_else(|| panic!("no CLARIFICATION heading:\n{text}"));
    let added = text.find(ADDED).unwrap_or_else(|| panic!("{text}"));
    assert!(corrections < clarification && clarification < added, "{text}");
    assert!(!text.contains("CLARIFICATIONS"), "one clarification, headed in the singular");
}

#[test]
fn one_claim_has_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo(dir.path());
    let out = pdf(&store, &Selection::Claim(C_RYDER.into()));
    keep("claim.pdf", &out.bytes);
    let text = text_of(&out.bytes);
    assert!(text.starts_with("Fact check: "), "{text}");
    assert!(text.contains("We have no plans to send US service members to fight in Ukraine."), "{text}");
    assert!(!text.contains("Summary"), "{text}");
    assert!(!text.contains("NATO has no plans"), "other claims stay out");
}

#[test]
fn the_same_data_gives_the_same_bytes_and_a_date_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo(dir.path());
    let a = pdf(&store, &Selection::all()).bytes;
    let b = pdf(&store, &Selection::all()).bytes;
    assert!(a == b, "two exports of the same data differ");
    assert!(!contains(&a, b"/CreationDate"), "no creation date without generated_at");

    let at = chrono::DateTime::parse_from_rfc3339("2024-03-05T09:30:00Z").unwrap().with_timezone(&chrono::Utc);
    let dated = report::export(&store, &Selection::all(), Format::Pdf, &ExportOptions { generated_at: Some(at), ..options() }).unwrap();
    assert!(contains(&dated.bytes, b"/CreationDate(D:20240305093000"), "the creation date is generated_at");
    assert!(text_of(&dated.bytes).contains("Generated 2024-03-05 09:30 UTC"));
}

// ---- untrusted text ----

const ATTACKS: &[&str] = &[
    "#panic(\"boom\")",
    "[link](javascript:alert(1))",
    "$x^2$ *bold* _under_ `raw` \\ back\\slash",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "=cmd|' /C calc'!A0",
    "#set page(paper: \"a5\") #include \"/etc/passwd\"",
    "] ) } // /* @ref <label> ~ --- ...",
];

fn hostile(dir: &Path) -> Store {
    let mut store = Store::open(dir.join("hostile.factdesk")).unwrap();
    store.set_actor("Checker #1 [x]").unwrap();
    let claim = store
        .create_claim(&ClaimInput {
            text: ATTACKS.join("\n"),
            summary: "#strong[heading] $$".into(),
            claimant: Some("=HYPERLINK(\"http://evil\") *Name*".into()),
            claimant_role: Some("<b>role</b> #emph[x]".into()),
            said_where: "#link(\"javascript:alert(1)\")[here]".into(),
            tags: vec!["#tag".into(), "[x]".into()],
            ..ClaimInput::default()
        })
        .unwrap();
    let source = store
        .create_source(&SourceInput {
            url: "https://example.org/a\"><script>alert(1)</script>".into(),
            title: "#text(red)[Source] <script>".into(),
            publisher: "=cmd|' /C calc'!A0".into(),
            author: "_author_ *x*".into(),
            kind: SourceKind::NewsReport,
            ..SourceInput::default()
        })
        .unwrap();
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: claim.uuid.clone(),
            source_uuid: source.uuid,
            excerpt: ATTACKS.join("\n\n"),
            stance: Stance::Refutes,
            note: "\\ #x $ note".into(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    store
        .record_verdict(&VerdictInput {
            claim_uuid: claim.uuid,
            rating_key: "false".into(),
            rationale: ATTACKS.join("\n\n"),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
    store
}

#[test]
fn attacks_come_out_as_literal_text_and_only_web_addresses_become_links() {
    let dir = tempfile::tempdir().unwrap();
    let store = hostile(dir.path());
    let mut c = report::build_collection(&store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    // Addresses a store would refuse but an import could bring.
    c.claims[0].appearances.push(report::AppearanceReport {
        uuid: "a1".into(),
        url: "javascript:alert(1)".into(),
        outlet: "#outlet [x]".into(),
        medium: "post".into(),
        appeared_on: None,
        is_first: true,
        confidential: false,
    });
    if let report::EvidenceBody::Open(o) = &mut c.claims[0].evidence[0].body {
        o.source.url = "JaVaScRiPt:alert(2)".into();
    }
    // An address too long for a line must wrap, not run off the page.
    let long = format!("https://example.org/{}?q={}", "very-long-path-segment/".repeat(8), "x".repeat(120));
    c.claims[0].appearances.push(report::AppearanceReport {
        uuid: "a2".into(),
        url: long.clone(),
        outlet: "Long address".into(),
        medium: String::new(),
        appeared_on: None,
        is_first: false,
        confidential: false,
    });
    c.desk = Some("#desk $ [x]".into());
    c.claims[0].language = "en\"); #panic(\"".into();
    c.scale.ratings.iter_mut().for_each(|r| r.color = "#fff\"); panic(\"".into());

    let out = report::render(&c, Format::Pdf).expect("hostile text cannot break the report");
    keep("hostile.pdf", &out.bytes);
    let text = text_of(&out.bytes);
    for attack in ATTACKS {
        let literal = attack.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&literal), "{attack:?} is not shown as typed:\n{text}");
    }
    for shown in [
        "=HYPERLINK(\"http://evil\") *Name*, <b>role</b> #emph[x]",
        "#link(\"javascript:alert(1)\")[here]",
        "Tags [x], tag",
        "#text(red)[Source] <script>",
        "_author_ *x*",
        "\\ #x $ note",
        "#outlet [x]",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(2)",
        "#desk $ [x]",
        "Checker #1 [x]",
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown as typed:\n{text}");
    }
    let links = link_targets(&out.bytes);
    assert!(links.iter().all(|u| u.starts_with("http://") || u.starts_with("https://")), "{links:?}");
    assert!(links.iter().all(|u| !u.to_ascii_lowercase().contains("javascript")), "{links:?}");
    assert!(links.contains(&long), "a web address is a link: {links:?}");
}

#[test]
fn non_latin_scripts_are_set_and_uncovered_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("scripts.factdesk")).unwrap();
    let european = [
        "Україна отримала допомогу від союзників.",
        "Η Ελλάδα στέλνει βοήθεια στην Ουκρανία.",
        "Ça coûte 60 milliards d’euros à l’Europe – déjà voté, señor Müller, Dvořák, Łódź, Ærøskøbing.",
    ];
    for (text, lang) in european.iter().zip(["uk", "el", "fr"]) {
        store
            .create_claim(&ClaimInput { text: (*text).into(), claimant: Some("Олена Зеленська".into()), language: lang.into(), ..ClaimInput::default() })
            .unwrap();
    }
    store.create_claim(&ClaimInput { text: "乌克兰 援助 हिन्दी".into(), language: "zh".into(), ..ClaimInput::default() }).unwrap();

    let out = report::export(&store, &Selection::all(), Format::Pdf, &options()).expect("uncovered scripts do not fail the export");
    keep("scripts.pdf", &out.bytes);
    let text = text_of(&out.bytes);
    for t in european.iter().copied().chain(["Олена Зеленська"]) {
        assert!(text.contains(t), "{t:?} is not in the PDF text:\n{text}");
    }
    // Chinese takes an installed font when the computer has one (report/pdf/fonts.rs); otherwise
    // the warning names the script and what to install.
    if let Some(family) = report::pdf::system_family_for('乌') {
        assert!(out.warnings.is_empty(), "{family} has Chinese letters: {:?}", out.warnings);
    } else {
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains('乌') && out.warnings[0].contains("Chinese") && out.warnings[0].contains("fonts-noto-cjk"), "{}", out.warnings[0]);
    }
}

#[test]
fn pdf_is_a_format_by_name() {
    assert_eq!(Format::parse("pdf").unwrap(), Format::Pdf);
    assert_eq!(Format::Pdf.as_str(), "pdf");
    assert_eq!(Format::Pdf.extension(), "pdf");
    assert_eq!(Format::Pdf.media_type(), "application/pdf");
    assert!(Format::ALL.contains(&Format::Pdf));
}

#[test]
fn export_to_file_writes_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo(dir.path());
    let path = dir.path().join("report.pdf");
    let out = report::export_to_file(&store, &Selection::tag("ukraine"), Format::Pdf, &options(), &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), out.bytes);
}
