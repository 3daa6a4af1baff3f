//! A long PDF report is typeset in parts that are joined into one file (issue 15; `report/pdf.rs`,
//! `report/pdf/merge.rs`). The joined file must be the report one typst run makes: the same pages,
//! text, page numbers, links, outline and tagged structure, for any cut into parts. Here reports of
//! a few dozen claims are cut into parts of one, two and seven claims and compared with the same
//! report typeset whole.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use factdesk_core::model::{AppearanceInput, EvidenceInput, SourceInput, SourceKind, Stance};
use factdesk_core::report::{self, pdf, Collection, ExportOptions, Selection};
use factdesk_core::Store;
use lopdf::{Document, Object, ObjectId};

mod common;
use common::fetched_capture as capture;

const C_RYDER: &str = "0190f3a0-0000-7000-8000-00000000c001";
const C_AID: &str = "0190f3a0-0000-7000-8000-00000000c002";
const S_DOD: &str = "0190f3a0-0000-7000-8000-00000000d002";
const S_CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";


/// The demo claims with an archived copy, a confidential source, a correction and a second
/// appearance, then synthetic claims (with evidence, verdicts, links to their sources).
fn collection(dir: &Path, synthetic: usize) -> Collection {
    let mut store = Store::open(dir.join("parts.factdesk")).unwrap();
    factdesk_core::demo::seed(&mut store).unwrap();
    store.set_actor("Test checker").unwrap();
    store.add_capture(S_DOD, &capture("https://www.defense.gov/News/Transcripts/", "Maj. Gen. Ryder: we have no plans.")).unwrap();
    let evidence = |claim: &str, source: &str, excerpt: &str, correction: Option<&str>| EvidenceInput {
        claim_uuid: claim.into(),
        source_uuid: source.into(),
        excerpt: excerpt.into(),
        stance: Stance::Supports,
        note: "A note.".into(),
        correction_reason: correction.map(str::to_string),
        correction_kind: None,
    };
    store.add_evidence(&evidence(C_RYDER, S_DOD, "we have no plans", None)).unwrap();
    let secret = store
        .create_source(&SourceInput {
            url: "https://intranet.example.net/notes".into(),
            title: "Notes of a call".into(),
            kind: SourceKind::Transcript,
            confidential: true,
            ..SourceInput::default()
        })
        .unwrap();
    store.add_evidence(&evidence(C_RYDER, &secret.uuid, "only the chief of staff", None)).unwrap();
    store.add_evidence(&evidence(C_AID, S_CONGRESS, "Passed Senate", Some("Added the Senate vote record."))).unwrap();
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
    factdesk_core::synthetic::fill_synthetic(&mut store, synthetic, 5).unwrap();
    let opts = ExportOptions { desk_name: Some("Parts Desk".into()), publication_url: None, generated_at: None };
    report::build_collection(&store, &Selection::all(), &opts, &mut |_, _| {}).unwrap()
}

fn text_of(bytes: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text can be extracted");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a lopdf::Dictionary {
    doc.dereference(o).unwrap().1.as_dict().unwrap()
}

fn name(d: &lopdf::Dictionary, key: &[u8]) -> String {
    d.get(key).ok().and_then(|n| n.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default()
}

fn string(d: &lopdf::Dictionary, key: &[u8]) -> String {
    d.get(key).ok().and_then(|s| s.as_str().ok()).map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default()
}

/// Everything a reader or a viewer gets from the file, page by page where it is: checked for
/// consistency on the way, and comparable between two files.
#[derive(Debug, PartialEq)]
struct Shape {
    pages: usize,
    /// Each page's link addresses.
    links: Vec<Vec<String>>,
    /// The outline: depth, title, target page, in order.
    outline: Vec<(usize, String, usize)>,
    /// The structure tree, depth first.
    structure: Vec<Element>,
}

/// A structure element: depth, type, title, page, marked-content ids.
type Element = (usize, String, String, Option<usize>, Vec<i64>);

fn shape(bytes: &[u8]) -> Shape {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let page_no: BTreeMap<ObjectId, usize> = pages.iter().map(|(n, id)| (*id, *n as usize)).collect();
    let catalog = doc.catalog().unwrap();

    // The parent tree answers every page's and every link's key.
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let nums = dict(&doc, root.get(b"ParentTree").unwrap()).get(b"Nums").unwrap().as_array().unwrap();
    let mut tree: BTreeMap<i64, &Object> = BTreeMap::new();
    for pair in nums.chunks(2) {
        assert!(tree.insert(pair[0].as_i64().unwrap(), &pair[1]).is_none(), "parent tree key {:?} twice", pair[0]);
    }
    assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), tree.keys().last().unwrap() + 1);
    let mut links = Vec::new();
    for id in pages.values() {
        let page = doc.get_dictionary(*id).unwrap();
        // (An element that runs over two pages names the first as its `Pg`, so the elements are
        // not checked against the page.)
        let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
        assert!(doc.dereference(tree[&key]).unwrap().1.as_array().is_ok(), "page key {key} answers its marked content");
        let mut page_links = Vec::new();
        if let Ok(annots) = page.get(b"Annots") {
            for a in doc.dereference(annots).unwrap().1.as_array().unwrap() {
                let a = dict(&doc, a);
                let key = a.get(b"StructParent").unwrap().as_i64().unwrap();
                let link = dict(&doc, tree[&key]);
                assert_eq!(name(link, b"S"), "Link", "an annotation's key is its link element's");
                let uri = dict(&doc, a.get(b"A").unwrap());
                page_links.push(string(uri, b"URI"));
            }
        }
        links.push(page_links);
    }

    // The structure tree: one Document, every element's parent is the element above it.
    let mut structure = Vec::new();
    fn walk(
        doc: &Document,
        o: &Object,
        parent: Option<ObjectId>,
        depth: usize,
        page_no: &BTreeMap<ObjectId, usize>,
        out: &mut Vec<Element>,
        seen: &mut HashSet<ObjectId>,
    ) {
        let (id, obj) = doc.dereference(o).unwrap();
        let Ok(e) = obj.as_dict() else { return };
        if name(e, b"Type") == "OBJR" || name(e, b"Type") == "MCR" {
            return;
        }
        if let Some(id) = id {
            assert!(seen.insert(id), "a structure element is reached twice");
        }
        if let (Some(parent), Ok(p)) = (parent, e.get(b"P")) {
            assert_eq!(p.as_reference().unwrap(), parent, "a structure element's parent is not the element above it");
        }
        let page = e.get(b"Pg").ok().map(|p| page_no[&p.as_reference().unwrap()]);
        let kids: Vec<Object> = match e.get(b"K") {
            Ok(Object::Array(k)) => k.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => Vec::new(),
        };
        let mcids = kids.iter().filter_map(|k| k.as_i64().ok()).collect();
        out.push((depth, name(e, b"S"), string(e, b"T"), page, mcids));
        for k in kids.iter().filter(|k| k.as_i64().is_err()) {
            walk(doc, k, id, depth + 1, page_no, out, seen);
        }
    }
    let mut seen = HashSet::new();
    let top = match root.get(b"K").unwrap() {
        Object::Array(k) => k.clone(),
        k => vec![k.clone()],
    };
    assert_eq!(top.len(), 1, "one root element");
    walk(&doc, &top[0], None, 0, &page_no, &mut structure, &mut seen);
    assert_eq!(structure[0].1, "Document");

    // The outline: each entry's parent, previous and next agree, and the counts add up.
    let mut outline = Vec::new();
    fn entries(doc: &Document, parent: ObjectId, depth: usize, page_no: &BTreeMap<ObjectId, usize>, out: &mut Vec<(usize, String, usize)>) -> i64 {
        let p = doc.get_dictionary(parent).unwrap();
        let Ok(first) = p.get(b"First") else { return 0 };
        let mut at = Some(first.as_reference().unwrap());
        let (mut prev, mut visible, mut last) = (None, 0, None);
        while let Some(id) = at {
            let e = doc.get_dictionary(id).unwrap();
            assert_eq!(e.get(b"Parent").unwrap().as_reference().unwrap(), parent, "an outline entry's parent");
            assert_eq!(e.get(b"Prev").ok().map(|p| p.as_reference().unwrap()), prev, "an outline entry's previous");
            let dest = doc.dereference(e.get(b"Dest").unwrap()).unwrap().1.as_array().unwrap();
            out.push((depth, string(e, b"Title"), page_no[&dest[0].as_reference().unwrap()]));
            let below = entries(doc, id, depth + 1, page_no, out);
            let count = e.get(b"Count").map(|c| c.as_i64().unwrap()).unwrap_or(0);
            assert_eq!(count.abs(), below, "an outline entry's count");
            visible += 1 + count.max(0);
            prev = Some(id);
            last = Some(id);
            at = e.get(b"Next").ok().map(|n| n.as_reference().unwrap());
        }
        assert_eq!(p.get(b"Last").unwrap().as_reference().unwrap(), last.unwrap(), "an outline's last entry");
        visible
    }
    let outlines = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let visible = entries(&doc, outlines, 0, &page_no, &mut outline);
    assert_eq!(doc.get_dictionary(outlines).unwrap().get(b"Count").unwrap().as_i64().unwrap(), visible);

    Shape { pages: pages.len(), links, outline, structure }
}

#[test]
fn a_report_joined_from_parts_is_the_report_typeset_whole() {
    let dir = tempfile::tempdir().unwrap();
    let c = collection(dir.path(), 30);
    let n = c.claims.len();
    let (whole, warnings) = pdf::render_in_parts(&c, n).unwrap();
    let whole_text = text_of(&whole);
    let whole_shape = shape(&whole);
    let pages = whole_shape.pages;
    assert!(whole_text.contains(&format!("1 / {pages}")) && whole_text.contains(&format!("{pages} / {pages}")), "{whole_text}");
    for per_part in [1, 2, 7] {
        let (joined, joined_warnings) = pdf::render_in_parts(&c, per_part).unwrap();
        if let Ok(dir) = std::env::var("FACTDESK_PDF_OUT") {
            std::fs::write(Path::new(&dir).join(format!("parts-{per_part}.pdf")), &joined).unwrap();
            std::fs::write(Path::new(&dir).join("whole.pdf"), &whole).unwrap();
        }
        assert!(joined.starts_with(b"%PDF-") && joined.windows(9).any(|w| w == b"/FontFile"));
        assert_eq!(joined_warnings, warnings);
        assert_eq!(shape(&joined), whole_shape, "parts of {per_part}");
        assert_eq!(text_of(&joined), whole_text, "parts of {per_part}: the text, page numbers included");
        assert!(joined == pdf::render_in_parts(&c, per_part).unwrap().0, "the same data gives the same bytes");
    }
}

/// The size that is typeset in parts in the app: more claims than a part holds.
#[test]
fn a_report_longer_than_a_part_is_typeset_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let c = collection(dir.path(), pdf::CLAIMS_PER_PART + 20);
    let (bytes, _) = report::pdf::render(&c).unwrap();
    let s = shape(&bytes);
    assert!(s.pages > c.claims.len(), "a page at least for each claim, and the summary");
    let text = text_of(&bytes);
    assert!(text.contains(&format!("{} / {}", s.pages, s.pages)), "the last page is numbered");
    assert_eq!(s.outline.iter().filter(|(depth, _, _)| *depth == 1).count(), c.claims.len() + 1, "the summary and every claim");
}
