//! From article to claims on a real SQLite file: paste, files on disk and a real HTTP server on
//! 127.0.0.1; accepting a candidate makes a claim with claimant, appearance and exact evidence.

mod common;

use std::time::Duration;

use common::{Page, Server};
use factdesk_core::article::{self, read_paste};
use factdesk_core::model::*;
use factdesk_core::web::FetchLimits;
use factdesk_core::{Error, Store};
use rusqlite::Connection;

/// A short news story of our own, with a named speaker, a pronoun and a number.
const STORY: &str = "Harbour council backs dredging plan\n\
Port Ellery's council approved a €48 million harbour budget on Thursday, ending a year of delays.\n\
\"We cannot let the northern channel silt up for another winter,\" said Mayor Ines Valdar, who chairs the harbour board.\n\
Valdar said the first dredgers would arrive in April.\n\
Opposition councillor Tomas Reyes called the plan \"a gift to the shipping companies that the town will pay for twice.\"\n\
The budget sets aside €12 million for dredging and €3.5 million for new quay lighting.\n";

fn open() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    Connection::open(path).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn paste(text: &str) -> ArticlePaste {
    ArticlePaste { text: text.into(), publisher: "Ellery Gazette".into(), published_on: Some("2025-03-14".into()), ..Default::default() }
}

fn find<'a>(a: &'a Article, words: &str) -> &'a ArticleCandidate {
    a.candidates.iter().find(|c| c.candidate.text.contains(words)).unwrap_or_else(|| {
        panic!("no candidate with {words:?}: {:#?}", a.candidates.iter().map(|c| &c.candidate.text).collect::<Vec<_>>())
    })
}

fn accept(store: &mut Store, a: &Article, c: &ArticleCandidate, text: &str) -> ClaimDetail {
    article::accept_candidate(
        store,
        &AcceptCandidate {
            capture_uuid: a.capture_uuid.clone(),
            start: c.candidate.start as u32,
            end: c.candidate.end as u32,
            text: text.into(),
            claimant: c.candidate.speaker.clone(),
            claimant_role: c.candidate.speaker_role.clone(),
            tags: vec!["harbour".into()],
        },
    )
    .unwrap()
}

#[test]
fn a_pasted_article_becomes_a_source_with_ranked_candidates() {
    let (_d, path, mut store) = open();
    let a = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    assert!(!a.existing);
    assert_eq!(a.source.title, "Harbour council backs dredging plan", "the first line is the title");
    assert_eq!(a.source.publisher, "Ellery Gazette");
    let cap = a.source.latest_capture.as_ref().unwrap();
    assert_eq!(cap.method, CaptureMethod::Paste);
    assert_eq!(cap.sha256, factdesk_core::web::sha256_hex(STORY.as_bytes()));
    let quote = find(&a, "northern channel silt up");
    assert_eq!(quote.candidate.kind, factdesk_core::extract::CandidateKind::Quote);
    assert_eq!(quote.candidate.speaker.as_deref(), Some("Ines Valdar"));
    assert!(a.candidates.windows(2).all(|w| w[0].candidate.score >= w[1].candidate.score), "ranked best first");
    for c in &a.candidates {
        let chars: Vec<char> = a.text.chars().collect();
        assert_eq!(chars[c.candidate.start..c.candidate.end].iter().collect::<String>(), c.candidate.text);
    }
    // The same text again is the same source.
    let again = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    assert!(again.existing);
    assert_eq!(again.source.uuid, a.source.uuid);
    assert_eq!((count(&path, "sources"), count(&path, "captures")), (1, 1));
}

#[test]
fn accepting_a_candidate_makes_a_claim_with_claimant_appearance_and_exact_evidence() {
    let (_d, path, mut store) = open();
    let a = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    let quote = find(&a, "northern channel silt up").clone();
    let claim = accept(&mut store, &a, &quote, "");
    assert_eq!(claim.text, quote.candidate.text);
    assert_eq!(claim.claimant.as_ref().unwrap().name, "Ines Valdar");
    assert_eq!(claim.said_on, Some(chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()));
    assert_eq!(claim.appearances.len(), 1);
    assert!(claim.appearances[0].is_first);
    assert_eq!(claim.appearances[0].source_uuid.as_deref(), Some(a.source.uuid.as_str()));
    assert_eq!(claim.appearances[0].outlet, "Ellery Gazette");
    let ev = &claim.evidence[0];
    assert_eq!(ev.excerpt, quote.candidate.text);
    assert_eq!(ev.anchor.state, AnchorState::Found);
    assert_eq!(ev.anchor.start, Some(quote.candidate.start as u32));
    assert_eq!(ev.capture.as_ref().unwrap().uuid, a.capture_uuid);

    // An edited wording keeps the exact excerpt as evidence.
    let money = find(&a, "€12 million").clone();
    let edited = accept(&mut store, &a, &money, "The harbour budget includes €12 million for dredging.");
    assert_eq!(edited.text, "The harbour budget includes €12 million for dredging.");
    assert_eq!(edited.evidence[0].excerpt, money.candidate.text);

    let reyes = find(&a, "gift to the shipping").clone();
    article::reject_candidate(&mut store, &a.capture_uuid, reyes.candidate.start as u32, reyes.candidate.end as u32).unwrap();
    match article::accept_candidate(&mut store, &AcceptCandidate {
        capture_uuid: a.capture_uuid.clone(),
        start: quote.candidate.start as u32,
        end: quote.candidate.end as u32,
        ..Default::default()
    }) {
        Err(Error::Conflict(_)) => {}
        other => panic!("accepting twice must be refused, got {other:?}"),
    }
    assert_eq!(count(&path, "claims"), 2);

    // Decisions survive a restart.
    drop(store);
    let store = Store::open(&path).unwrap();
    let a = article::get(&store, &a.source.uuid).unwrap();
    assert_eq!(find(&a, "northern channel silt up").decision, Some(Decision::Accepted));
    assert_eq!(find(&a, "northern channel silt up").claim_uuid.as_deref(), Some(claim.uuid.as_str()));
    assert_eq!(find(&a, "gift to the shipping").decision, Some(Decision::Rejected));
    assert_eq!(a.source.cited_by, Some(2));
}

#[test]
fn a_rejection_can_be_taken_back() {
    let (_d, _p, mut store) = open();
    let a = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    let c = find(&a, "first dredgers").clone();
    let (s, e) = (c.candidate.start as u32, c.candidate.end as u32);
    article::reject_candidate(&mut store, &a.capture_uuid, s, e).unwrap();
    assert_eq!(find(&article::get(&store, &a.source.uuid).unwrap(), "first dredgers").decision, Some(Decision::Rejected));
    article::reopen_candidate(&mut store, &a.capture_uuid, s, e).unwrap();
    assert_eq!(find(&article::get(&store, &a.source.uuid).unwrap(), "first dredgers").decision, None);
    match article::reject_candidate(&mut store, &a.capture_uuid, 5, 100_000) {
        Err(Error::Validation { .. }) => {}
        other => panic!("a range outside the text is refused, got {other:?}"),
    }
}

#[test]
fn candidates_that_match_claims_in_the_workspace_are_flagged() {
    let (_d, _p, mut store) = open();
    let known = store
        .create_claim(&ClaimInput {
            text: "The council approved a €48 million budget for the harbour, ending a year of delays".into(),
            ..Default::default()
        })
        .unwrap();
    store.create_claim(&ClaimInput { text: "Quay lighting in the old town will be replaced next year".into(), ..Default::default() }).unwrap();
    let a = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    let c = find(&a, "€48 million harbour budget");
    assert_eq!(c.similar.first().map(|s| s.uuid.as_str()), Some(known.uuid.as_str()), "{:?}", c.similar);
    let quote = find(&a, "northern channel silt up");
    assert!(quote.similar.iter().all(|s| s.uuid != known.uuid), "an unrelated quote is not flagged: {:?}", quote.similar);
    assert!(factdesk_core::matching::similar_claims(&store, "It is false", None, 5).unwrap().is_empty(), "very short texts are never matched");
}

#[test]
fn article_files_are_read_as_text_and_bad_files_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, path, mut store) = open();
    let html = dir.path().join("harbour-story.html");
    std::fs::write(
        &html,
        format!(
            "<html><head><title>Harbour council backs dredging plan</title><script>var x = 'never shown';</script></head>\
             <body><article>{}</article></body></html>",
            STORY.lines().skip(1).map(|l| format!("<p>{}</p>", l.replace('&', "&amp;"))).collect::<String>()
        ),
    )
    .unwrap();
    let a = article::import_file(&mut store, &html).unwrap();
    assert_eq!(a.source.title, "Harbour council backs dredging plan");
    assert!(!a.text.contains("never shown") && !a.text.contains('<'));
    assert_eq!(a.source.latest_capture.as_ref().unwrap().method, CaptureMethod::File);
    assert!(a.candidates.iter().any(|c| c.candidate.speaker.as_deref() == Some("Ines Valdar")));

    let md = dir.path().join("notes.md");
    std::fs::write(&md, format!("# Harbour notes\n\n{}", STORY.lines().nth(5).unwrap())).unwrap();
    let m = article::import_file(&mut store, &md).unwrap();
    assert!(m.text.contains("€3.5 million") && !m.text.contains('#'), "{}", m.text);

    let before = (count(&path, "sources"), count(&path, "captures"), count(&path, "blobs"));
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0]).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n\n ").unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::write(&huge, "word ".repeat(4 * 1024 * 1024)).unwrap();
    for bad in [&binary, &empty, &huge] {
        match article::import_file(&mut store, bad) {
            Err(Error::Validation { field, message }) => assert_eq!(field, "file", "{message}"),
            other => panic!("{}: expected a Validation error, got {other:?}", bad.display()),
        }
    }
    match article::import_file(&mut store, &dir.path().join("missing.txt")) {
        Err(Error::Io { .. }) => {}
        other => panic!("expected an Io error, got {other:?}"),
    }
    assert!(read_paste(&paste("   ")).is_err(), "empty paste is refused");
    assert_eq!((count(&path, "sources"), count(&path, "captures"), count(&path, "blobs")), before, "nothing half-imported");
}

#[test]
fn an_article_fetched_by_address_and_the_errors_of_the_network() {
    let server = Server::start();
    let body = format!(
        "<html><head><meta property=\"og:site_name\" content=\"Ellery Gazette\"><title>Harbour</title></head><body>{}</body></html>",
        STORY.lines().map(|l| format!("<p>{l}</p>")).collect::<String>()
    );
    server.set("/story", Page::html(&body));
    server.set("/gone", Page::status(404));
    server.set("/photo", Page { status: 200, headers: vec![("Content-Type".into(), "image/png".into())], body: b"\x89PNG\r\n\x1a\n0000".to_vec() });
    let (_d, path, mut store) = open();
    let limits = FetchLimits { timeout: Duration::from_secs(5), ..FetchLimits::default() };
    let f = article::read_url(&server.url("/story"), &limits).unwrap();
    let a = article::import(&mut store, &f).unwrap();
    assert_eq!(a.source.publisher, "Ellery Gazette");
    assert_eq!(a.source.url, server.url("/story"));
    assert!(find(&a, "€12 million").candidate.kind == factdesk_core::extract::CandidateKind::Numeric);
    let before = count(&path, "sources");
    assert!(matches!(article::read_url(&server.url("/gone"), &limits), Err(Error::Network(m)) if m.contains("404")));
    assert!(matches!(article::read_url(&server.url("/photo"), &limits), Err(Error::Validation { .. })));
    assert_eq!(count(&path, "sources"), before);
}

#[test]
fn a_dropped_article_file_is_read_as_the_same_file_opened_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><meta charset=\"utf-8\"><title>Harbour council backs dredging plan</title></head><body><article>{}</article></body></html>",
        STORY.lines().skip(1).map(|l| format!("<p>{}</p>", l.replace('&', "&amp;"))).collect::<String>()
    );
    for (name, body) in [("harbour-story.html", html.as_str()), ("harbour_story.txt", STORY), ("notes.md", "# Dredging\n\nThe budget sets aside €12 million.")] {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let opened = article::read_file(&path).unwrap();
        let dropped = article::read_file_bytes(name, body.as_bytes().to_vec()).unwrap();
        assert_eq!(dropped.input.title, opened.input.title, "{name}");
        assert_eq!(dropped.capture.text, opened.capture.text, "{name}");
        assert_eq!(dropped.capture.content_type, opened.capture.content_type, "{name}");
        assert_eq!(dropped.capture.bytes, body.as_bytes(), "{name}: the bytes dropped are the ones kept");
        assert_eq!(dropped.capture.method, CaptureMethod::File);
    }
    // A plain-text article is titled by its headline, as when opened.
    assert_eq!(article::read_file_bytes("harbour_story.txt", STORY.as_bytes().to_vec()).unwrap().input.title, "Harbour council backs dredging plan");
    // The limits and refusals of a file opened from disk.
    let huge = "word ".repeat(4 * 1024 * 1024).into_bytes();
    for (name, bytes) in [("huge.txt", huge), ("photo.txt", vec![0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0]), ("empty.md", b"  \n".to_vec())] {
        match article::read_file_bytes(name, bytes) {
            Err(Error::Validation { field, message }) => assert_eq!(field, "file", "{name}: {message}"),
            other => panic!("{name}: expected a Validation error, got {:?}", other.map(|f| f.input.title)),
        }
    }
}
