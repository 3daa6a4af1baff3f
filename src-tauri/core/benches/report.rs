//! Exports at scale (issue 7): 10,000 synthetic claims (`fill_synthetic`, seed 1) to every format.
//!
//! - `export/<format>`: the whole export as the CLI and the app run it (read the claims from the
//!   store, build the report data, render), timed end to end;
//! - `build`: reading and building the report data alone (the part shared by every format);
//! - `render/<format>`: rendering the built data alone (not JSON: the bundle is read from the
//!   store, so `export/json` is all of it).
//!
//! - `pdf/render-<n>`: PDF is typeset (typst), which is far slower than writing text, so criterion
//!   times it on the first `FACTDESK_BENCH_PDF_N` claims (default 1,000) of the built collection;
//!   the full-size PDF is timed once, with the other formats, before the benches.
//!
//! - `export/html-bare`: the floor for HTML (issue 15): one SQL select of what the HTML report shows
//!   of each claim (wording, claimant, status, tags, current verdict, evidence with sources) and plain
//!   string formatting, nothing else; `export/html` is measured against it.
//!
//! Before the benches, one export of each format is timed once and its size printed (stderr), so the
//! figures for the closing note come out of one run, with the bare HTML and its ratio, and the peak
//! memory (resident set) of the full-size PDF. `FACTDESK_BENCH_EXPORT_N` changes the size.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::synthetic::fill_synthetic;
use factdesk_core::Store;

fn bench_n() -> usize {
    std::env::var("FACTDESK_BENCH_EXPORT_N").ok().and_then(|s| s.replace('_', "").parse().ok()).unwrap_or(10_000)
}

fn pdf_n() -> usize {
    std::env::var("FACTDESK_BENCH_PDF_N").ok().and_then(|s| s.replace('_', "").parse().ok()).unwrap_or(1_000)
}

/// The formats criterion loops over at full size; PDF has its own group (see the module doc).
fn fast_formats() -> impl Iterator<Item = Format> {
    Format::ALL.into_iter().filter(|f| *f != Format::Pdf)
}

fn options() -> ExportOptions {
    ExportOptions {
        desk_name: Some("Bench Desk".into()),
        publication_url: Some("https://factcheck.example.org/checks/".into()),
        generated_at: None,
    }
}

fn workspace(dir: &Path, n: usize) -> Store {
    let mut store = Store::open(dir.join("bench.factdesk")).unwrap();
    let started = Instant::now();
    fill_synthetic(&mut store, n, 1).unwrap();
    eprintln!("workspace: {n} synthetic claims in {:.1} s", started.elapsed().as_secs_f64());
    store
}

/// One timed run of each format, with its size: the figures for the closing note.
fn print_once(store: &Store) {
    let started = Instant::now();
    let built = report::build_collection(store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    let build = started.elapsed();
    eprintln!("build {} claims: {:.2} s", built.claims.len(), build.as_secs_f64());
    let mut html_total = Duration::ZERO;
    for f in Format::ALL.into_iter().filter(|f| *f != Format::Json) {
        let peak_reset = f == Format::Pdf && reset_peak_rss();
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let out = report::render(&built, f).unwrap();
        let render = started.elapsed();
        eprintln!(
            "{:<13} render {:>7.1} ms, {:>6.1} MB, total with build {:.2} s",
            f.as_str(),
            render.as_secs_f64() * 1e3,
            out.bytes.len() as f64 / 1e6,
            (build + render).as_secs_f64()
        );
        if f == Format::Html {
            html_total = build + render;
        }
        if f == Format::Pdf {
            let during = if peak_reset { "while typesetting" } else { "of the whole process (the peak could not be reset)" };
            eprintln!("pdf           peak RSS {:.0} MB {during}", peak_rss_mb());
            // On a shared machine the wall time says little: the CPU time, all threads together.
            if let (Some(a), Some(b)) = (cpu_before, cpu_seconds()) {
                eprintln!("pdf           {:.1} s of CPU time", b - a);
            }
        }
    }
    let started = Instant::now();
    let bare = bare_html(store.path());
    let bare_time = started.elapsed();
    eprintln!(
        "html-bare     one select + formatting {:.3} s, {:>6.1} MB; the HTML export takes {:.1}× as long",
        bare_time.as_secs_f64(),
        bare.len() as f64 / 1e6,
        html_total.as_secs_f64() / bare_time.as_secs_f64()
    );
    let started = Instant::now();
    let json = report::export(store, &Selection::all(), Format::Json, &options()).unwrap();
    eprintln!("json          export {:.2} s, {:>6.1} MB (the bundle, read from the store)", started.elapsed().as_secs_f64(), json.bytes.len() as f64 / 1e6);
}

/// Resets the process's peak resident set (Linux: `5` to `/proc/self/clear_refs`), so that the
/// next [`peak_rss_mb`] is the peak since now; false where that is not possible.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The CPU time (user and system, all threads) of the process so far (`/proc/self/stat`), in
/// seconds; None where it cannot be read.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Clock ticks are 1/100 s on Linux (`getconf CLK_TCK`).
    Some(ticks / 100.0)
}

/// The peak resident set (`VmHWM` of `/proc/self/status`), in MB; 0 where it cannot be read.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The bare floor of the HTML export: one select of the content the HTML report shows of each
/// claim, in the export's order (newest said first), and string formatting with HTML escaping.
fn bare_html(path: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.uuid, c.text, c.summary, c.said_on, c.said_where, c.status, cl.name, cl.role,
                    (SELECT group_concat(t.tag, ', ') FROM claim_tags t WHERE t.claim_id = c.id),
                    r.label, v.rationale, v.author, v.created_at,
                    e.stance, e.excerpt, e.note, s.title, s.publisher, s.url
             FROM claims c
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
             LEFT JOIN ratings r ON r.id = v.rating_id
             LEFT JOIN evidence e ON e.claim_id = c.id
             LEFT JOIN sources s ON s.id = e.source_id
             ORDER BY coalesce(c.said_on, '') DESC, c.id DESC, e.id",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut out = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Claims</title></head><body>\n");
    let text = |r: &rusqlite::Row<'_>, i: usize| r.get::<_, Option<String>>(i).unwrap().unwrap_or_default();
    let mut last = None;
    while let Some(r) = rows.next().unwrap() {
        let id: i64 = r.get(0).unwrap();
        if last != Some(id) {
            if last.is_some() {
                out.push_str("</section>\n");
            }
            last = Some(id);
            out.push_str(&format!(
                "<section id=\"{}\"><h2>{}</h2><blockquote>{}</blockquote><p>{} ({}) · {} · {} · {}</p><p>Tags: {}</p>",
                esc(&text(r, 1)),
                esc(&text(r, 3)),
                esc(&text(r, 2)),
                esc(&text(r, 7)),
                esc(&text(r, 8)),
                esc(&text(r, 4)),
                esc(&text(r, 5)),
                esc(&text(r, 6)),
                esc(&text(r, 9)),
            ));
            match r.get::<_, Option<String>>(10).unwrap() {
                Some(label) => out.push_str(&format!(
                    "<h3>Verdict: {}</h3><p>{}</p><p>{}, {}</p>",
                    esc(&label),
                    esc(&text(r, 11)),
                    esc(&text(r, 12)),
                    esc(&text(r, 13))
                )),
                None => out.push_str("<h3>Verdict</h3><p>No verdict yet.</p>"),
            }
        }
        if let Some(stance) = r.get::<_, Option<String>>(14).unwrap() {
            out.push_str(&format!(
                "<div class=\"evidence {}\"><p><a href=\"{}\">{}</a> · {}</p><blockquote>{}</blockquote><p>{}</p></div>",
                esc(&stance),
                esc(&text(r, 19)),
                esc(&text(r, 17)),
                esc(&text(r, 18)),
                esc(&text(r, 15)),
                esc(&text(r, 16))
            ));
        }
    }
    out.push_str("</section>\n</body></html>\n");
    out
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().unwrap();
    let store = workspace(dir.path(), bench_n());
    print_once(&store);
    let all = Selection::all();

    let mut g = c.benchmark_group("export");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for f in fast_formats() {
        g.bench_function(f.as_str(), |b| b.iter(|| black_box(report::export(&store, &all, f, &options()).unwrap())));
    }
    g.bench_function("html-bare", |b| b.iter(|| black_box(bare_html(store.path()))));
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("collection", |b| {
        b.iter(|| black_box(report::build_collection(&store, &all, &options(), &mut |_, _| {}).unwrap()))
    });
    g.finish();

    let built = report::build_collection(&store, &all, &options(), &mut |_, _| {}).unwrap();
    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    for f in fast_formats().filter(|f| *f != Format::Json) {
        g.bench_function(f.as_str(), |b| b.iter(|| black_box(report::render(&built, f).unwrap())));
    }
    g.finish();

    let mut part = built.clone();
    part.claims.truncate(pdf_n());
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function(format!("render-{}", part.claims.len()), |b| {
        b.iter(|| black_box(report::render(&part, Format::Pdf).unwrap()))
    });
    g.finish();
    c.final_summary();
}
