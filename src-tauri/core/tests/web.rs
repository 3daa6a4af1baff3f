//! `factdesk_core::web` against a real HTTP server on 127.0.0.1 serving the made-up pages in
//! `tests/fixtures/web/`: fetching (redirects, loops, errors, timeouts, size limits), reading
//! pages into snapshots and details, and the pure helpers on their output.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

use chrono::NaiveDate;
use factdesk_core::web::{
    content_type_for_path, diff_text, fetch, locate_excerpt, sha256_hex, snapshot, ContentKind, DiffOp, FetchLimits,
    Fetched, Snapshot,
};
use factdesk_core::Error;

// ---------------------------------------------------------------------------------------------
// A small HTTP/1.1 server: one thread per connection, `Connection: close` on every answer.

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/web")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The base address of the test server, started once for the whole test binary.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                thread::spawn(move || serve(stream));
            }
        });
        format!("http://{addr}")
    })
}

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

const HTML_UTF8: &str = "text/html; charset=utf-8";

/// Fixture pages by path: the content type sent and the file served.
const PAGES: &[(&str, &str, &str)] = &[
    ("/news/harbour-dredging", HTML_UTF8, "harbour-dredging.html"),
    ("/news/harbour-dredging-v2", HTML_UTF8, "harbour-dredging-updated.html"),
    ("/local/old-mill-bridge", HTML_UTF8, "bridge-inspection.html"),
    ("/gazette/water-rates", "text/html", "water-rates.html"),
    ("/weekly/ferry-fuel", HTML_UTF8, "noisy.html"),
    // Declared by <meta charset> only.
    ("/post/timetable", "text/html", "windows-1252.html"),
    ("/cafe-prices", HTML_UTF8, "invalid-utf8.html"),
    ("/docs/annual-report.pdf", "application/pdf", "report.pdf"),
    ("/download/board-minutes.pdf", "application/octet-stream", "report.pdf"),
    ("/img/chart.png", "image/png", "chart.png"),
    ("/notes/port-budget.md", "text/plain; charset=utf-8", "port-budget.md"),
];

fn serve(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(path) = request_path(&stream) else { return };
    if let Some((_, content_type, file)) = PAGES.iter().find(|(p, ..)| *p == path) {
        let _ = answer(&mut stream, 200, &[("Content-Type", content_type)], &fixture(file));
        return;
    }
    let _ = match path.as_str() {
        "/binary-as-text" => {
            answer(&mut stream, 200, &[("Content-Type", "text/plain")], b"\x00\x01\x02\x03DATA\x00\xfe")
        }
        "/old-address" => answer(&mut stream, 301, &[("Location", "/news/harbour-dredging")], b""),
        "/loop/a" => answer(&mut stream, 302, &[("Location", "/loop/b")], b""),
        "/loop/b" => answer(&mut stream, 302, &[("Location", "/loop/a")], b""),
        "/missing" => answer(&mut stream, 404, &[("Content-Type", HTML_UTF8)], b"<h1>Not found</h1>"),
        "/server-error" => answer(&mut stream, 500, &[("Content-Type", HTML_UTF8)], b"<h1>Internal error</h1>"),
        "/busy" => answer(&mut stream, 503, &[("Retry-After", "120")], b""),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            answer(&mut stream, 200, &[("Content-Type", HTML_UTF8)], b"<p>Too late</p>")
        }
        "/big" => answer(&mut stream, 200, &[("Content-Type", "text/plain")], &vec![b'x'; 64 * 1024]),
        "/endless" => endless(&mut stream),
        _ => answer(&mut stream, 404, &[], b""),
    };
}

/// The path of the request on `stream`, after reading its head.
fn request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
    }
    first.split_whitespace().nth(1).map(str::to_string)
}

fn answer(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} Test\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// A body with no length that never ends: only a limit enforced while reading can stop it.
fn endless(stream: &mut TcpStream) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")?;
    let chunk = vec![b'y'; 16 * 1024];
    loop {
        stream.write_all(&chunk)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn limits() -> FetchLimits {
    FetchLimits { timeout: Duration::from_secs(10), ..FetchLimits::default() }
}

fn get(path: &str) -> Fetched {
    fetch(&url(path), &limits()).unwrap_or_else(|e| panic!("fetch {path}: {e}"))
}

fn read(path: &str) -> Snapshot {
    let f = get(path);
    snapshot(&f.bytes, &f.content_type, &f.final_url).unwrap_or_else(|e| panic!("snapshot {path}: {e}"))
}

/// The message of a network error, failing the test for any other result.
fn network_error(result: factdesk_core::Result<Fetched>) -> String {
    match result {
        Err(Error::Network(message)) => message,
        other => panic!("expected a network error, got {other:?}"),
    }
}

/// The message of a validation error on `field`, failing the test for any other result.
fn validation_error<T: std::fmt::Debug>(result: factdesk_core::Result<T>, field: &str) -> String {
    match result {
        Err(e @ Error::Validation { .. }) => {
            assert_eq!(e.field(), Some(field), "{e}");
            e.to_string()
        }
        other => panic!("expected a validation error on {field}, got {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The char offset of `needle` in `text`.
fn char_offset(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    text[..byte].chars().count()
}

const HARBOUR_TEXT: &str = "Council approves €48 million harbour dredging plan\n\
By Lena Marsh, local government reporter\n\
Councillors voted 9–4 on Monday night to deepen the northern channel of Port Alder, a project the harbour board says will cost €48 million over three years.\n\
“We cannot keep the channel open with the money we have,” said harbour master Idris Cole, who told the meeting that silt had narrowed the fairway by a third since 2019.\n\
Opponents argued that the budget includes €12 million for dredging the northern channel that was never put out to tender.\n\
Work is due to start in September, after the summer ferry season.";

// ---------------------------------------------------------------------------------------------
// Fetching.

#[test]
fn a_page_is_fetched_with_its_status_type_and_exact_bytes() {
    let f = get("/news/harbour-dredging");
    assert_eq!(f.status, 200);
    assert_eq!(f.content_type, "text/html; charset=utf-8");
    assert_eq!(f.requested_url, url("/news/harbour-dredging"));
    assert_eq!(f.final_url, url("/news/harbour-dredging"));
    assert_eq!(f.bytes, fixture("harbour-dredging.html"));
}

#[test]
fn a_redirect_is_followed_and_the_final_address_kept() {
    let f = get("/old-address");
    assert_eq!(f.status, 200);
    assert_eq!(f.requested_url, url("/old-address"));
    assert_eq!(f.final_url, url("/news/harbour-dredging"));
    assert_eq!(f.bytes, fixture("harbour-dredging.html"));
}

#[test]
fn a_redirect_loop_is_reported_as_a_loop() {
    let message = network_error(fetch(&url("/loop/a"), &limits()));
    assert_eq!(message, format!("{} redirects in a loop (more than 5 redirects).", url("/loop/a")));
}

#[test]
fn a_missing_page_is_a_not_found_error_naming_the_address() {
    let message = network_error(fetch(&url("/missing"), &limits()));
    assert_eq!(message, format!("The page was not found (HTTP 404): {}", url("/missing")));
}

#[test]
fn a_server_error_says_to_try_again_later() {
    let host = base().trim_start_matches("http://").split(':').next().unwrap_or_default().to_string();
    for (path, status) in [("/server-error", 500), ("/busy", 503)] {
        let message = network_error(fetch(&url(path), &limits()));
        assert_eq!(message, format!("The server at {host} answered with an error (HTTP {status}). Try again later."));
    }
}

#[test]
fn a_slow_page_times_out_within_the_limit_given() {
    let short = FetchLimits { timeout: Duration::from_secs(1), ..FetchLimits::default() };
    let message = network_error(fetch(&url("/slow"), &short));
    assert_eq!(message, format!("{} did not answer within 1 second.", url("/slow")));
}

#[test]
fn a_page_larger_than_the_limit_is_refused() {
    let small = FetchLimits { max_bytes: 16 * 1024, ..limits() };
    let message = network_error(fetch(&url("/big"), &small));
    assert_eq!(message, format!("The page is larger than 16 KB, the most Factdesk keeps: {}", url("/big")));
}

#[test]
fn a_body_without_length_is_cut_off_while_it_is_read() {
    // The body never ends, so only a limit enforced while reading can answer "too large".
    let small = FetchLimits { max_bytes: 256 * 1024, ..limits() };
    let message = network_error(fetch(&url("/endless"), &small));
    assert!(message.starts_with("The page is larger than 256 KB"), "{message}");
}

#[test]
fn an_unreachable_host_is_a_connection_error() {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(9);
    let message = network_error(fetch(&format!("http://127.0.0.1:{port}/a"), &limits()));
    assert!(message.starts_with("Could not connect to 127.0.0.1"), "{message}");
}

#[test]
fn only_http_and_https_addresses_are_fetched() {
    let message = validation_error(fetch("ftp://files.example/report.pdf", &limits()), "url");
    assert!(message.contains("only http and https"), "{message}");
    let message = validation_error(fetch("harbourtimes.example/news", &limits()), "url");
    assert!(message.contains("add https://"), "{message}");
    validation_error(fetch("   ", &limits()), "url");
}

// ---------------------------------------------------------------------------------------------
// Reading pages.

#[test]
fn opengraph_details_and_the_article_text_are_read() {
    let s = read("/news/harbour-dredging");
    assert_eq!(s.kind, ContentKind::Html);
    assert_eq!(s.text, HARBOUR_TEXT);
    assert!(s.notes.is_empty(), "{:?}", s.notes);
    let m = &s.meta;
    assert_eq!(m.title.as_deref(), Some("Council approves €48 million harbour dredging plan"));
    assert_eq!(m.publisher.as_deref(), Some("Harbour Times"));
    assert_eq!(m.author.as_deref(), Some("Lena Marsh"), "a profile URL in article:author is not a name");
    assert_eq!(m.published_on, date(2024, 2, 27));
    assert_eq!(m.modified_on, date(2024, 2, 28));
    assert_eq!(
        m.description.as_deref(),
        Some("Councillors voted 9–4 to deepen the northern channel before the summer ferry season.")
    );
    assert_eq!(m.canonical_url, Some(url("/news/2024/02/harbour-dredging")), "relative canonical resolved");
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(m.schema_type, None);
}

#[test]
fn json_ld_details_come_first_and_references_in_its_graph_are_followed() {
    let s = read("/local/old-mill-bridge");
    let m = &s.meta;
    assert_eq!(m.title.as_deref(), Some("Old Mill bridge failed two of five safety checks, inspectors find"));
    assert_eq!(m.author.as_deref(), Some("Priya Natarajan, Tomás Ibarra"));
    assert_eq!(m.publisher.as_deref(), Some("The Valley Courier"));
    assert_eq!(m.published_on, date(2024, 3, 5));
    assert_eq!(m.modified_on, date(2024, 3, 5));
    assert_eq!(
        m.description.as_deref(),
        Some("The county report rates the 1931 bridge ‘poor’ on corrosion and drainage.")
    );
    assert_eq!(m.canonical_url.as_deref(), Some("https://valleycourier.example/local/old-mill-bridge"));
    assert_eq!(m.language.as_deref(), Some("en-US"));
    assert_eq!(m.schema_type.as_deref(), Some("NewsArticle"));
    assert_eq!(
        s.text,
        "Old Mill bridge failed two of five safety checks, inspectors find\n\
         The Old Mill bridge on County Road 12 failed two of the five checks in this year’s inspection, according to a county report released on Monday.\n\
         Inspectors rated the 1931 steel bridge “poor” for corrosion and for drainage, and “fair” for its deck, bearings and railings.\n\
         What happens next\n\
         The county engineer, Ruth Okafor, said a weight limit of 10 tonnes would apply from 18 March until repairs are finished.\n\
         Repairs: estimated at $2.3 million\n\
         Start: autumn 2024, subject to funding",
        "the <main> is kept, the subscribe bar and related link around it are not"
    );
}

#[test]
fn a_page_with_only_a_title_gets_that_title_and_its_body_text() {
    let s = read("/gazette/water-rates");
    assert_eq!(
        s.meta,
        factdesk_core::web::PageMeta {
            title: Some("Water rates to rise 4% in April – Northfield Gazette".into()),
            ..Default::default()
        },
        "with no site name known, the title is kept whole"
    );
    assert_eq!(
        s.text,
        "Water rates to rise 4% in April\n\
         Households in Northfield will pay 4% more for water from 1 April, the utility board decided on Thursday.\n\
         The average bill will rise from £412 to £428 a year. The board said the increase would pay for replacing 6 km of lead pipes.\n\
         Two of the seven board members voted against."
    );
}

#[test]
fn scripts_styles_and_page_chrome_never_reach_the_text() {
    let s = read("/weekly/ferry-fuel");
    assert!(!s.text.contains("NOISE"), "{}", s.text);
    assert!(!s.text.contains('<') && !s.text.contains('>'), "no markup: {}", s.text);
    assert_eq!(
        s.text,
        "Do ferries really burn more fuel than flights?\n\
         A post shared 40,000 times claims that the Alder–Brenn ferry burns more fuel per passenger than a flight on the same route.\n\
         The ferry operator’s own figures show 38 litres of fuel per passenger on a full crossing; the airline reports 31 litres per seat.\n\
         Fuel per passenger, by mode of transport\n\
         But ferries are rarely full in winter, when the crossing carries about half as many passengers.\n\
         Verdict: misleading. The comparison holds only for a full ferry in summer."
    );
    assert_eq!(
        s.meta.title.as_deref(),
        Some("Fact or fiction: do ferries really burn more fuel than flights? | Coastline Weekly")
    );
}

#[test]
fn a_windows_1252_page_declared_by_meta_charset_is_decoded() {
    let s = read("/post/timetable");
    assert_eq!(
        s.text,
        "The café at the pier will stay open until 22:00 – the ferry company’s “no extra crossings” rule applies from 1 May.\n\
         Return tickets cost €14.50, up from €13."
    );
    assert_eq!(s.meta.title.as_deref(), Some("Ferry timetable change: “no extra crossings”"));
    assert_eq!(s.meta.publisher.as_deref(), Some("Île d’Alder Post"));
    assert_eq!(s.meta.language.as_deref(), Some("fr"));
}

#[test]
fn a_page_that_is_not_valid_in_its_declared_encoding_is_refused() {
    let f = get("/cafe-prices");
    let message = validation_error(snapshot(&f.bytes, &f.content_type, &f.final_url), "file");
    assert!(message.starts_with(&format!("{} is not valid UTF-8 text", url("/cafe-prices"))), "{message}");
}

#[test]
fn binary_data_sent_as_text_is_refused() {
    let f = get("/binary-as-text");
    let message = validation_error(snapshot(&f.bytes, &f.content_type, &f.final_url), "file");
    assert!(message.contains("is binary data, not text"), "{message}");
}

#[test]
fn a_pdf_is_kept_untouched_with_a_note_and_its_file_name_as_title() {
    let f = get("/docs/annual-report.pdf");
    assert_eq!(f.bytes, fixture("report.pdf"));
    assert_eq!(sha256_hex(&f.bytes), "2ae28040e4e65031c0539758fe7314aba92f4616e01013f9ff41eaa6f8d19e37");
    let s = snapshot(&f.bytes, &f.content_type, &f.final_url).unwrap();
    assert_eq!(s.kind, ContentKind::Pdf);
    assert_eq!(s.text, "");
    assert_eq!(s.meta.title.as_deref(), Some("annual-report.pdf"));
    assert_eq!(s.notes, ["This is a PDF file: its text was not extracted. The file and its SHA-256 are kept."]);
}

#[test]
fn a_pdf_sent_as_generic_bytes_is_recognised_by_its_signature() {
    let s = read("/download/board-minutes.pdf");
    assert_eq!(s.kind, ContentKind::Pdf);
    assert_eq!(s.meta.title.as_deref(), Some("board-minutes.pdf"));
}

#[test]
fn an_image_is_kept_with_a_note_and_its_sha256() {
    let f = get("/img/chart.png");
    assert_eq!(sha256_hex(&f.bytes), "b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a946640");
    let s = snapshot(&f.bytes, &f.content_type, &f.final_url).unwrap();
    assert_eq!(s.kind, ContentKind::Image);
    assert_eq!(s.text, "");
    assert_eq!(s.notes, ["This is an image (PNG): no text was extracted from it. The file and its SHA-256 are kept."]);
    // Without a declared type, the signature alone is enough.
    assert_eq!(snapshot(&f.bytes, "", "").unwrap().kind, ContentKind::Image);
}

#[test]
fn markdown_served_as_plain_text_is_read_as_markdown() {
    let s = read("/notes/port-budget.md");
    assert_eq!(s.kind, ContentKind::Markdown);
    assert_eq!(
        s.text,
        "Port budget: the numbers behind the vote\n\
         The harbour board's plan costs €48 million over three years, according to the board's own summary.\n\
         Where the money goes\n\
         Dredging the northern channel: €12 million\n\
         New quay wall: €21 million\n\
         Contingency: €15 million\n\
         \"Every euro is accounted for,\" the board chair said."
    );
    assert_eq!(s.meta.title.as_deref(), Some("Port budget: the numbers behind the vote"));
    assert_eq!(s.meta.author.as_deref(), Some("Lena Marsh"));
    assert_eq!(s.meta.published_on, date(2024, 2, 29));
}

// ---------------------------------------------------------------------------------------------
// Files opened from disk.

#[test]
fn opened_files_are_typed_by_extension_and_read_like_fetched_pages() {
    let dir = fixture_dir();
    assert_eq!(content_type_for_path(&dir.join("port-budget.md")), "text/markdown");
    assert_eq!(content_type_for_path(&dir.join("harbour-dredging.html")), "text/html");
    assert_eq!(content_type_for_path(&dir.join("report.pdf")), "application/pdf");
    assert_eq!(content_type_for_path(&dir.join("chart.png")), "image/png");
    assert_eq!(content_type_for_path(Path::new("notes.TXT")), "text/plain");

    let path = dir.join("harbour-dredging.html");
    let s = snapshot(&fixture("harbour-dredging.html"), content_type_for_path(&path), "harbour-dredging.html").unwrap();
    assert_eq!(s.text, HARBOUR_TEXT);
    assert_eq!(
        s.meta.canonical_url.as_deref(),
        Some("https://harbourtimes.example/news/2024/02/harbour-dredging?utm_source=share"),
        "a relative canonical cannot be resolved without an address, so og:url is used"
    );

    // The Windows-1252 file without any declared type: the meta charset alone decides.
    let s = snapshot(&fixture("windows-1252.html"), "", "windows-1252.html").unwrap();
    assert!(s.text.starts_with("The café at the pier"), "{}", s.text);

    let message = validation_error(snapshot(&fixture("invalid-utf8.html"), "text/html", "invalid-utf8.html"), "file");
    assert!(message.starts_with("invalid-utf8.html is not valid UTF-8 text"), "{message}");
}

#[test]
fn a_page_without_readable_text_is_refused() {
    let message = validation_error(
        snapshot(
            b"<html><head><title>App</title><script>render()</script></head><body><div id=root></div></body></html>",
            "text/html",
            "https://app.example/",
        ),
        "file",
    );
    assert!(message.starts_with("The page has no readable text (https://app.example/)"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Captures compared, excerpts anchored.

#[test]
fn sha256_of_known_bytes_is_lowercase_hex() {
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(
        sha256_hex("Council approves €48 million".as_bytes()),
        "c46685bf8ad4c628c2766da8c4cc719965047f42af439f72a992b2a62179b3c8"
    );
}

#[test]
fn two_captures_of_an_edited_page_differ_by_the_edited_paragraph() {
    let before = read("/news/harbour-dredging").text;
    let after = read("/news/harbour-dredging-v2").text;
    let diff: Vec<(DiffOp, String)> = diff_text(&before, &after).into_iter().map(|l| (l.op, l.text)).collect();
    let lines: Vec<&str> = HARBOUR_TEXT.lines().collect();
    let same = |i: usize| (DiffOp::Same, lines[i].to_string());
    assert_eq!(
        diff,
        vec![
            same(0),
            same(1),
            same(2),
            same(3),
            (DiffOp::Removed, lines[4].to_string()),
            (
                DiffOp::Added,
                "Opponents argued that the budget includes €9 million for dredging the northern channel that was never put out to tender.".into()
            ),
            same(5),
            (
                DiffOp::Added,
                "Correction, 2 March: an earlier version of this article gave the untendered sum as €12 million.".into()
            ),
        ]
    );
}

#[test]
fn an_excerpt_typed_with_straight_quotes_is_anchored_on_the_original_words() {
    let text = read("/news/harbour-dredging").text;
    let typed = "\"We cannot keep the channel open with the money we have,\"  said HARBOUR master Idris Cole";
    let original = "“We cannot keep the channel open with the money we have,” said harbour master Idris Cole";
    let a = locate_excerpt(&text, typed).expect("found despite quotes, spacing and case");
    assert!(!a.exact);
    let start = char_offset(&text, original);
    assert_eq!((a.start, a.end), (start, start + original.chars().count()));

    let exact = locate_excerpt(&text, "€12 million for dredging").unwrap();
    assert!(exact.exact);
    let start = char_offset(&text, "€12 million for dredging");
    assert_eq!((exact.start, exact.end), (start, start + 24));
}

#[test]
fn an_excerpt_with_left_out_words_spans_from_its_first_part_to_its_last() {
    let text = read("/news/harbour-dredging").text;
    let a = locate_excerpt(&text, "Councillors voted 9-4 […] will cost €48 million").unwrap();
    assert!(!a.exact);
    let start = char_offset(&text, "Councillors voted 9–4");
    let end = char_offset(&text, " over three years.");
    assert_eq!((a.start, a.end), (start, end));
    assert_eq!(locate_excerpt(&text, "will cost €48 million ... Councillors voted"), None, "parts out of order");
    assert_eq!(locate_excerpt(&text, "the council rejected the plan"), None);
    assert_eq!(locate_excerpt(&text, ""), None);
}

#[test]
fn truncated_or_corrupted_pages_never_panic() {
    let names =
        ["harbour-dredging.html", "bridge-inspection.html", "noisy.html", "windows-1252.html", "port-budget.md"];
    let mut seed: u32 = 7;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    for name in names {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(17) {
            let mut page = bytes[..cut].to_vec();
            if let Some(b) = page.get_mut(next() % cut.max(1)) {
                *b = (next() % 256) as u8;
            }
            for content_type in ["", "text/html", "text/markdown", "text/plain; charset=utf-16"] {
                if let Ok(s) = snapshot(&page, content_type, name) {
                    let chars = s.text.chars().count();
                    let from = next() % chars.max(1);
                    let excerpt: String = s.text.chars().skip(from).take(40).collect();
                    let anchor = locate_excerpt(&s.text, &format!("… {excerpt} […]"));
                    assert!(anchor.is_none_or(|a| a.start <= a.end && a.end <= chars), "{name} at {cut}");
                }
            }
        }
    }
}
