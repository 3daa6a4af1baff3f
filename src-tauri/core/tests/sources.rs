//! The source library: adding pages by address from a real HTTP server on 127.0.0.1, captures
//! and their hashes, de-duplication, excerpt anchoring, stealth edits and appearances, on a real
//! SQLite file.

mod common;

use std::time::Duration;

use common::{Page, Server};
use factdesk_core::library::{self, add_source_by_url};
use factdesk_core::model::*;
use factdesk_core::store::{url_key, MIGRATIONS};
use factdesk_core::web::{sha256_hex, DiffOp, FetchLimits};
use factdesk_core::{Error, Store};
use rusqlite::Connection;

fn open() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    Connection::open(path).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn limits() -> FetchLimits {
    FetchLimits { timeout: Duration::from_secs(5), ..FetchLimits::default() }
}

/// A news page of our own with OpenGraph and article metadata, a script and a navigation bar.
fn budget_page(second_paragraph: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head>
<title>Council approves harbour budget | Coastline Courier</title>
<meta property="og:title" content="Council approves harbour budget">
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<meta name="author" content="Mira Okafor">
<script>window.tracker = "do not keep me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Council approves harbour budget</h1>
<p>The city council voted 7 to 2 on Thursday to approve a harbour budget of €48 million for 2026.</p>
<p>{second_paragraph}</p>
<p>Councillor Jonas Berg said the dredging works would begin in “late spring”.</p>
</article>
<footer>© Coastline Courier</footer>
</body></html>"#
    )
}

fn claim(store: &mut Store, text: &str) -> String {
    store.create_claim(&ClaimInput { text: text.into(), ..Default::default() }).unwrap().uuid
}

fn link(store: &mut Store, claim: &str, source: &str, excerpt: &str) -> Evidence {
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: claim.into(),
            source_uuid: source.into(),
            excerpt: excerpt.into(),
            stance: Stance::Supports,
            note: String::new(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap()
}

#[test]
fn addresses_that_differ_only_in_form_or_tracking_are_one_source() {
    let same = [
        "https://www.example.org/news/story/",
        "http://example.org/news/story",
        "https://EXAMPLE.org/news/story?utm_source=newsletter&utm_medium=email",
        "https://example.org/news/story#comments",
        "https://example.org/news/story?fbclid=abc123",
    ];
    let key = url_key(same[0]).unwrap();
    for u in same {
        assert_eq!(url_key(u).unwrap(), key, "{u}");
    }
    assert_ne!(url_key("https://example.org/news/story?id=2").unwrap(), key, "a real parameter names another page");
    assert_eq!(url_key("https://example.org/a?b=2&a=1").unwrap(), url_key("https://example.org/a?a=1&b=2").unwrap());

    let (_d, path, mut store) = open();
    let s = store
        .create_source(&SourceInput { url: same[0].into(), title: "The story".into(), ..Default::default() })
        .unwrap();
    match store.create_source(&SourceInput { url: same[2].into(), title: "Again".into(), ..Default::default() }) {
        Err(Error::Conflict(m)) => assert!(m.contains("The story"), "{m}"),
        other => panic!("expected a Conflict naming the existing source, got {other:?}"),
    }
    assert_eq!(store.find_source_by_url(same[1]).unwrap().unwrap().uuid, s.uuid);
    assert_eq!(count(&path, "sources"), 1);
}

#[test]
fn a_page_added_by_address_gets_its_details_and_an_archived_copy() {
    let server = Server::start();
    let html = budget_page("The budget includes €12 million for dredging the northern channel.");
    server.set("/harbour", Page::html(&html));
    let (_d, path, mut store) = open();

    let added = add_source_by_url(&mut store, &server.url("/harbour?utm_campaign=x"), &limits()).unwrap();
    assert!(!added.existing);
    let s = &added.source;
    assert_eq!(s.title, "Council approves harbour budget");
    assert_eq!(s.publisher, "Coastline Courier");
    assert_eq!(s.author, "Mira Okafor");
    assert_eq!(s.published_on, Some(chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()));
    let cap = s.latest_capture.clone().expect("the page was archived");
    assert_eq!(cap.sha256, sha256_hex(html.as_bytes()));
    assert_eq!(cap.size as usize, html.len());
    assert_eq!(cap.http_status, Some(200));
    assert_eq!(cap.method, CaptureMethod::Fetch);
    assert_eq!(store.capture_bytes(&cap.uuid).unwrap(), html.as_bytes(), "the raw bytes are kept as received");
    let text = store.capture_text(&cap.uuid).unwrap();
    assert!(text.contains("approve a harbour budget of €48 million"), "{text}");
    assert!(!text.contains("tracker") && !text.contains('<'), "no script and no markup in the snapshot: {text}");
    assert_eq!(cap.text_sha256, sha256_hex(text.as_bytes()));

    // The same page again, in another form, is offered, not fetched and stored twice.
    let again = add_source_by_url(&mut store, &server.url("/harbour/"), &limits()).unwrap();
    assert!(again.existing);
    assert_eq!(again.source.uuid, s.uuid);
    assert_eq!((count(&path, "sources"), count(&path, "captures")), (1, 1));

    // It survives a restart.
    drop(store);
    let store = Store::open(&path).unwrap();
    let d = store.source_detail(&s.uuid).unwrap();
    assert_eq!(d.captures.len(), 1);
    assert_eq!(d.captures[0].sha256, cap.sha256);
    assert!(d.text.contains("€12 million for dredging"));
}

#[test]
fn a_redirected_address_is_the_same_source_as_where_it_lands() {
    let server = Server::start();
    server.set("/story", Page::html(&budget_page("Second paragraph.")));
    server.set("/short", Page::redirect("/story"));
    let (_d, path, mut store) = open();
    let first = add_source_by_url(&mut store, &server.url("/story"), &limits()).unwrap();
    let fetched = library::fetch_source(&server.url("/short"), &limits()).unwrap();
    assert_eq!(fetched.capture.final_url, server.url("/story"));
    let second = library::add_fetched_source(&mut store, &fetched).unwrap();
    assert!(second.existing);
    assert_eq!(second.source.uuid, first.source.uuid);
    assert_eq!(count(&path, "sources"), 1);
}

#[test]
fn a_page_that_cannot_be_fetched_leaves_the_workspace_unchanged() {
    let server = Server::start();
    server.set("/gone", Page::status(404));
    server.set("/broken", Page::status(503));
    let (_d, path, mut store) = open();
    for (p, words) in [("/gone", "404"), ("/broken", "503"), ("/never-set", "404")] {
        match add_source_by_url(&mut store, &server.url(p), &limits()) {
            Err(Error::Network(m)) => assert!(m.contains(words), "{p}: {m}"),
            other => panic!("{p}: expected a Network error, got {other:?}"),
        }
    }
    match add_source_by_url(&mut store, "not an address", &limits()) {
        Err(Error::Validation { field, .. }) => assert_eq!(field, "url"),
        other => panic!("expected a Validation error, got {other:?}"),
    }
    for t in ["sources", "captures", "blobs", "history"] {
        assert_eq!(count(&path, t), 0, "{t} is untouched");
    }
}

#[test]
fn excerpts_are_anchored_in_the_capture_and_stealth_edits_are_flagged() {
    let server = Server::start();
    server.set("/harbour", Page::html(&budget_page("The budget includes €12 million for dredging the northern channel.")));
    let (_d, path, mut store) = open();
    let source = add_source_by_url(&mut store, &server.url("/harbour"), &limits()).unwrap().source;
    let c = claim(&mut store, "The harbour budget sets aside €12 million for dredging.");

    let exact = link(&mut store, &c, &source.uuid, "The budget includes €12 million for dredging the northern channel.");
    assert_eq!(exact.anchor.state, AnchorState::Found);
    let [before, hit, after] = exact.anchor.context.clone().unwrap();
    assert_eq!(hit, "The budget includes €12 million for dredging the northern channel.");
    assert!(before.ends_with("for 2026.\n") || before.contains("€48 million"), "context before: {before:?}");
    assert!(after.contains("Jonas Berg"), "context after: {after:?}");
    let text = store.source_detail(&source.uuid).unwrap().text;
    let (s, e) = (exact.anchor.start.unwrap() as usize, exact.anchor.end.unwrap() as usize);
    assert_eq!(text.chars().skip(s).take(e - s).collect::<String>(), hit, "offsets are code points into the text");
    assert_eq!(exact.capture.as_ref().unwrap().uuid, source.latest_capture.as_ref().unwrap().uuid);

    let loose = link(&mut store, &c, &source.uuid, "dredging works would begin in \"late  spring\"");
    assert_eq!(loose.anchor.state, AnchorState::Approximate);
    let missing = link(&mut store, &c, &source.uuid, "The budget was rejected");
    assert_eq!(missing.anchor.state, AnchorState::Missing);
    let bare = link(&mut store, &c, &source.uuid, "");
    assert_eq!(bare.anchor.state, AnchorState::NoExcerpt);

    // The page is edited after it was cited: the €12 million sentence is gone.
    server.set("/harbour", Page::html(&budget_page("The budget includes €9 million for dredging the northern channel.")));
    let first_sha = source.latest_capture.as_ref().unwrap().sha256.clone();
    let newer = library::recapture(&mut store, &source.uuid, &limits()).unwrap();
    assert_ne!(newer.sha256, first_sha);

    let claim_now = store.get_claim(&c).unwrap();
    let ev = |uuid: &str| claim_now.evidence.iter().find(|e| e.uuid == uuid).unwrap().clone();
    let exact_now = ev(&exact.uuid);
    assert_eq!(exact_now.anchor.state, AnchorState::Found, "still found in the capture it was checked against");
    assert_eq!(exact_now.anchor.in_latest, Some(false), "flagged: the newest capture no longer says it");
    assert_eq!(exact_now.capture.as_ref().unwrap().sha256, first_sha, "the link still points at the first capture");
    assert_eq!(ev(&loose.uuid).anchor.in_latest, Some(true));

    let detail = store.source_detail(&source.uuid).unwrap();
    assert_eq!(detail.captures.len(), 2);
    assert_eq!(detail.captures[1].sha256, first_sha, "the earlier capture is kept as it was");
    assert_eq!(detail.source.cited_by, Some(1));
    let diff = store.diff_captures(&detail.captures[1].uuid, &detail.captures[0].uuid).unwrap();
    let removed: Vec<&str> = diff.iter().filter(|l| l.op == DiffOp::Removed).map(|l| l.text.as_str()).collect();
    let added: Vec<&str> = diff.iter().filter(|l| l.op == DiffOp::Added).map(|l| l.text.as_str()).collect();
    assert!(removed.iter().any(|l| l.contains("€12 million")), "{diff:?}");
    assert!(added.iter().any(|l| l.contains("€9 million")), "{diff:?}");
    assert!(diff.iter().any(|l| l.op == DiffOp::Same && l.text.contains("€48 million")));
    assert_eq!(count(&path, "blobs"), 2);
}

#[test]
fn a_source_without_address_keeps_its_details_and_confidentiality_across_a_restart() {
    let (_d, path, mut store) = open();
    let s = store
        .create_source(&SourceInput {
            title: "Interview with a harbour worker".into(),
            kind: SourceKind::Transcript,
            reliability: Reliability::Medium,
            reliability_note: "First-hand, but one person".into(),
            confidential: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.url, "");
    let edited = store
        .update_source(
            &s.uuid,
            &SourceInput {
                title: "Interview with a harbour worker".into(),
                kind: SourceKind::Transcript,
                reliability: Reliability::High,
                reliability_note: "Confirmed by payroll records".into(),
                confidential: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(edited.reliability, Reliability::High);
    drop(store);
    let store = Store::open(&path).unwrap();
    let s = store.get_source(&s.uuid).unwrap();
    assert!(s.confidential);
    assert_eq!(s.kind, SourceKind::Transcript);
    assert_eq!(s.reliability_note, "Confirmed by payroll records");
    let summaries: Vec<String> = Connection::open(&path)
        .unwrap()
        .prepare("SELECT detail FROM history WHERE entity = 'source' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(summaries.len(), 2);
    assert!(summaries[1].contains("reliability"), "{}", summaries[1]);
}

#[test]
fn the_sources_view_filters_and_sorts() {
    let (_d, _p, mut store) = open();
    let mk = |store: &mut Store, title: &str, kind, rel, date: &str| {
        store
            .create_source(&SourceInput {
                title: title.into(),
                kind,
                reliability: rel,
                published_on: Some(date.into()),
                ..Default::default()
            })
            .unwrap()
            .uuid
    };
    let a = mk(&mut store, "Budget dataset", SourceKind::Dataset, Reliability::High, "2020-01-01");
    let b = mk(&mut store, "Ministry statement", SourceKind::OfficialStatement, Reliability::Medium, "2023-05-01");
    let c = mk(&mut store, "Another dataset", SourceKind::Dataset, Reliability::Low, "2021-07-01");
    let k = claim(&mut store, "A claim citing the ministry");
    link(&mut store, &k, &b, "");
    let uuids = |q: SourceQuery| store.list_sources(&q).unwrap().into_iter().map(|s| s.uuid).collect::<Vec<_>>();
    assert_eq!(uuids(SourceQuery::default()), [c.clone(), b.clone(), a.clone()], "newest added first");
    assert_eq!(uuids(SourceQuery { kind: Some(SourceKind::Dataset), ..Default::default() }), [c.clone(), a.clone()]);
    assert_eq!(uuids(SourceQuery { reliability: Some(Reliability::High), ..Default::default() }), std::slice::from_ref(&a));
    assert_eq!(uuids(SourceQuery { sort: SourceSort::Title, ..Default::default() }), [c.clone(), a.clone(), b.clone()]);
    assert_eq!(uuids(SourceQuery { sort: SourceSort::Published, ..Default::default() }), [b.clone(), c.clone(), a.clone()]);
    assert_eq!(uuids(SourceQuery { sort: SourceSort::Cited, ..Default::default() })[0], b);
    assert_eq!(
        uuids(SourceQuery { search: Some("dataset".into()), kind: Some(SourceKind::Dataset), sort: SourceSort::Title, ..Default::default() }),
        [c, a]
    );
}

#[test]
fn a_claim_has_appearances_with_one_first() {
    let (_d, _p, mut store) = open();
    let c = claim(&mut store, "The bridge will reopen in May");
    let input = |outlet: &str, date: &str, first: bool| AppearanceInput {
        outlet: outlet.into(),
        appeared_on: Some(date.into()),
        is_first: first,
        ..Default::default()
    };
    let d = store.add_appearance(&c, &input("Radio interview", "2025-02-01", false)).unwrap();
    assert!(d.appearances[0].is_first, "the first appearance added is the first until another is marked");
    let d = store.add_appearance(&c, &input("Campaign speech", "2025-01-20", true)).unwrap();
    let firsts: Vec<&str> = d.appearances.iter().filter(|a| a.is_first).map(|a| a.outlet.as_str()).collect();
    assert_eq!(firsts, ["Campaign speech"]);
    assert_eq!(d.appearances[0].outlet, "Campaign speech", "the first appearance is listed first");
    let d = store.remove_appearance(&d.appearances[0].uuid).unwrap();
    assert_eq!(d.appearances.len(), 1);
    assert!(d.appearances[0].is_first, "the remaining appearance becomes first");
    for (bad, field) in [
        (AppearanceInput { url: "not a url".into(), ..Default::default() }, "url"),
        (AppearanceInput::default(), "outlet"),
        (AppearanceInput { outlet: "x".into(), appeared_on: Some("May 2025".into()), ..Default::default() }, "appeared_on"),
    ] {
        match store.add_appearance(&c, &bad) {
            Err(Error::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected a Validation error on {field}, got {other:?}"),
        }
    }
    assert!(d.history.iter().any(|h| h.entity == "appearance" && h.action == "removed"));
}

#[test]
fn sources_stored_before_schema_3_are_recognised_by_their_address() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.factdesk");
    {
        let mut conn = Connection::open(&path).unwrap();
        MIGRATIONS.to_version(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO sources (uuid, url, title, created_at, updated_at)
               VALUES ('s1', 'https://www.example.org/report/?utm_source=x', 'Annual report',
                       '2024-02-27T10:00:00.000000Z', '2024-02-27T10:00:00.000000Z');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.find_source_by_url("http://example.org/report").unwrap().unwrap().uuid, "s1");
    let s = store.get_source("s1").unwrap();
    assert_eq!((s.kind, s.reliability, s.confidential, s.cited_by), (SourceKind::Other, Reliability::Unrated, false, Some(0)));
    assert!(s.latest_capture.is_none());
    assert!(matches!(
        store.create_source(&SourceInput { url: "https://example.org/report".into(), title: "Dup".into(), ..Default::default() }),
        Err(Error::Conflict(_))
    ));
}
