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
//! Before the benches, one export of each format is timed once and its size printed (stderr), so the
//! figures for the closing note come out of one run. `FACTDESK_BENCH_EXPORT_N` changes the size.

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
    for f in Format::ALL.into_iter().filter(|f| *f != Format::Json) {
        let started = Instant::now();
        let out = report::render(&built, f).unwrap();
        let render = started.elapsed();
        eprintln!(
            "{:<13} render {:>7.1} ms, {:>6.1} MB, total with build {:.2} s",
            f.as_str(),
            render.as_secs_f64() * 1e3,
            out.bytes.len() as f64 / 1e6,
            (build + render).as_secs_f64()
        );
    }
    let started = Instant::now();
    let json = report::export(store, &Selection::all(), Format::Json, &options()).unwrap();
    eprintln!("json          export {:.2} s, {:>6.1} MB (the bundle, read from the store)", started.elapsed().as_secs_f64(), json.bytes.len() as f64 / 1e6);
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
