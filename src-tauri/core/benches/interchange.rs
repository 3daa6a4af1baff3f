//! Imports at scale (issue 7): 10,000 ClaimReview records generated from a synthetic export
//! (`fill_synthetic`, seed 1, every claim published with a verdict), imported into a fresh workspace
//! in one transaction; then the same file again (every record matched, nothing written).
//!
//! One timed run of each is printed first (stderr) for the closing note; criterion then times the
//! import of the file into a new workspace. `FACTDESK_BENCH_IMPORT_N` changes the size.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use factdesk_core::interchange;
use factdesk_core::model::ClaimStatus;
use factdesk_core::report::{self, ExportOptions, Selection};
use factdesk_core::synthetic::fill_synthetic;
use factdesk_core::Store;

fn bench_n() -> usize {
    std::env::var("FACTDESK_BENCH_IMPORT_N").ok().and_then(|s| s.replace('_', "").parse().ok()).unwrap_or(10_000)
}

/// A ClaimReview file of `n` records: a synthetic workspace's export, with every claim published
/// and given a verdict (the export only marks up published fact-checks).
fn claimreview_file(dir: &Path, n: usize) -> Vec<u8> {
    let mut store = Store::open(dir.join("source.factdesk")).unwrap();
    fill_synthetic(&mut store, n, 1).unwrap();
    let opts = ExportOptions {
        desk_name: Some("Bench Desk".into()),
        publication_url: Some("https://factcheck.example.org/checks/".into()),
        generated_at: None,
    };
    let mut c = report::build_collection(&store, &Selection::all(), &opts, &mut |_, _| {}).unwrap();
    let any = c.claims.iter().find_map(|x| x.verdict.clone()).expect("synthetic claims have verdicts");
    for claim in &mut c.claims {
        claim.status = ClaimStatus::Published;
        if claim.verdict.is_none() {
            claim.verdict = Some(any.clone());
        }
    }
    report::render(&c, report::Format::ClaimReview).unwrap().bytes
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().unwrap();
    let n = bench_n();
    let file = claimreview_file(dir.path(), n);
    eprintln!("claimreview file: {n} records, {:.1} MB", file.len() as f64 / 1e6);

    let mut store = Store::open(dir.path().join("once.factdesk")).unwrap();
    let started = Instant::now();
    let r = interchange::import_claimreview(&mut store, &file, false).unwrap();
    let first = started.elapsed();
    eprintln!(
        "import {} records: {} created, {} updated, {} skipped in {:.2} s ({:.0} records/s)",
        r.found,
        r.created,
        r.updated,
        r.skipped,
        first.as_secs_f64(),
        r.found as f64 / first.as_secs_f64()
    );
    let started = Instant::now();
    let again = interchange::import_claimreview(&mut store, &file, false).unwrap();
    eprintln!("re-import (all matched): {} unchanged in {:.2} s", again.unchanged, started.elapsed().as_secs_f64());
    let started = Instant::now();
    let p = interchange::preview_claimreview(&mut Store::open(dir.path().join("preview.factdesk")).unwrap(), &file).unwrap();
    eprintln!("preview (import rolled back): {} would be created in {:.2} s", p.created, started.elapsed().as_secs_f64());

    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let mut i = 0;
    g.bench_function("claimreview", |b| {
        b.iter(|| {
            i += 1;
            let mut s = Store::open(dir.path().join(format!("bench-{i}.factdesk"))).unwrap();
            black_box(interchange::import_claimreview(&mut s, &file, false).unwrap())
        })
    });
    g.finish();
    c.final_summary();
}
