//! Similar-claim matching at scale (issue 4, "Finding things"): `Store::similar_claims` runs for
//! every candidate of an imported article and as a checker types, so it has to stay fast on a big
//! workspace.
//!
//! One workspace of `FACTDESK_BENCH_N` claims (100,000 by default) built with `fill_synthetic` and
//! kept in cargo's target tmp dir, so later runs reuse the file (delete it to rebuild). Queries:
//! - `unseen`: synthetic claims from the same generator that are not in the workspace (the same
//!   templates and vocabulary: the worst case, every word is common and many claims are near);
//! - `stored`: texts of stored claims with a few words changed (a near-duplicate exists);
//! - `typing`: the first 6 to 12 words of unseen claims, as a checker is typing;
//! - `other`: claims on topics the workspace does not cover (few candidates).
//!
//! Before the criterion runs, 200 queries of each kind are timed one by one and p50/p99 are
//! printed (stderr).
//!
//! By meaning (issue 13): with `FACTDESK_BENCH_MEANING=1` and the model installed, the matching
//! model is attached and every claim indexed first (once: the vectors stay in the reused file;
//! the time is printed), and each query's time includes embedding it. Embedding one claim alone is
//! timed too (`embed_one_claim`).

use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use factdesk_core::language::embed::Embedder;
use factdesk_core::matching::{index_queued, similar_claims};
use factdesk_core::synthetic::generate_claims;
use factdesk_core::Store;

mod common;
use common::{bench_n, SEED};

/// The shared synthetic workspace (`benches/common`), built once and reused by later runs.
fn workspace(n: usize) -> Store {
    Store::open(common::workspace(n)).unwrap()
}

fn queries(n: usize) -> Vec<(&'static str, Vec<String>)> {
    let unseen: Vec<String> = generate_claims(n + 10_000, 200, SEED + 1).into_iter().map(|c| c.text).collect();
    let stored: Vec<String> = generate_claims(0, 200, SEED)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut words: Vec<&str> = c.text.split(' ').collect();
            // Drop one word and swap two: a near duplicate in other words.
            let k = 1 + i % (words.len() - 2);
            words.remove(k);
            words.swap(0, 1);
            words.join(" ")
        })
        .collect();
    let typing: Vec<String> = unseen
        .iter()
        .enumerate()
        .map(|(i, t)| t.split(' ').take(6 + i % 7).collect::<Vec<_>>().join(" "))
        .collect();
    let other: Vec<String> = (0..200)
        .map(|i| {
            let places = ["Ohio", "the county", "Wales", "the eurozone", "Lagos", "Quebec"];
            let things = ["measles jabs", "gigabit broadband", "raw sewage spills", "steel tariffs", "food bank use"];
            format!(
                "Officials say {} in {} went up by {}% in {}, the biggest change in a decade.",
                things[i % things.len()],
                places[(i / 5) % places.len()],
                3 + i % 40,
                2001 + i % 23
            )
        })
        .collect();
    vec![("unseen", unseen), ("stored", stored), ("typing", typing), ("other", other)]
}

fn percentiles(label: &str, store: &Store, texts: &[String]) -> (f64, f64, f64) {
    for t in texts.iter().take(5) {
        similar_claims(store, t, None, 5).unwrap();
    }
    let mut found = 0usize;
    let mut ts: Vec<f64> = texts
        .iter()
        .map(|t| {
            let start = Instant::now();
            let r = similar_claims(store, t, None, 5).unwrap();
            let ms = start.elapsed().as_secs_f64() * 1e3;
            found += r.len();
            ms
        })
        .collect();
    ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| ts[((ts.len() as f64 * p).ceil() as usize).saturating_sub(1).min(ts.len() - 1)];
    let (p50, p99, max) = (pct(0.50), pct(0.99), ts[ts.len() - 1]);
    eprintln!(
        "  similar_claims {label:<8} p50 {p50:>7.3} ms   p99 {p99:>7.3} ms   max {max:>7.3} ms   ({:.1} shown per query)",
        found as f64 / texts.len() as f64
    );
    (p50, p99, max)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let n = bench_n();
    let mut store = workspace(n);
    if std::env::var("FACTDESK_BENCH_MEANING").is_ok_and(|v| v == "1") {
        let embedder = std::sync::Arc::new(Embedder::load(&factdesk_core::paths::model_dir()).expect("the matching model (make model)"));
        store.attach_embedder(embedder.clone()).unwrap();
        let t = Instant::now();
        let indexed = index_queued(&mut store, |done, total| {
            if done % 10_000 < 32 {
                eprintln!("  indexed {done} / {total}");
            }
        })
        .unwrap();
        if indexed > 0 {
            eprintln!("indexed {indexed} claims in {:.1} s ({:.0} claims/s)", t.elapsed().as_secs_f64(), indexed as f64 / t.elapsed().as_secs_f64());
        }
        let text = "Congress has stalled a $60 billion aid package for Ukraine since last autumn.";
        c.bench_function("embed_one_claim", |b| b.iter(|| black_box(embedder.embed(&[text]).unwrap())));
    }
    let qs = queries(n);
    eprintln!("similar_claims at {n} claims, 200 queries each, top 5:");
    for (label, texts) in &qs {
        percentiles(label, &store, texts);
    }
    let mut g = c.benchmark_group(format!("similar_claims_{n}"));
    g.sample_size(20).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    for (label, texts) in &qs {
        let mut i = 0usize;
        g.bench_function(*label, |b| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                black_box(similar_claims(&store, &texts[i], None, 5).unwrap())
            })
        });
    }
    g.finish();
    c.final_summary();
}
