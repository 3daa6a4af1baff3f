//! What the scale benches share: the synthetic workspace they read, built once and reused, and the
//! one-by-one timing that gives p50/p99.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use factdesk_core::synthetic::fill_synthetic;
use factdesk_core::Store;

pub const SEED: u64 = 1;

/// `FACTDESK_BENCH_N` (100,000 by default; `1_000_000` for the opt-in million).
pub fn bench_n() -> usize {
    std::env::var("FACTDESK_BENCH_N").ok().and_then(|s| s.replace('_', "").parse().ok()).unwrap_or(100_000)
}

/// The synthetic workspace of `n` claims (seed 1) in cargo's target tmp dir, built the first time
/// and reused by every later run and every bench (delete it to rebuild). The build time is printed.
pub fn workspace(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("synthetic-{n}-seed{SEED}.factdesk"));
    if !path.exists() {
        let partial = dir.join(format!("synthetic-{n}-seed{SEED}.partial"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", partial.display()));
        }
        let mut store = Store::open(&partial).unwrap();
        let t = Instant::now();
        let r = fill_synthetic(&mut store, n, SEED).unwrap();
        eprintln!(
            "workspace: {} claims, {} evidence, {} verdicts built through core in {:.1} s",
            r.claims_added,
            r.evidence_added,
            r.verdicts_added,
            t.elapsed().as_secs_f64()
        );
        // Closing the store checkpoints the WAL into the file, so the file alone can be moved.
        drop(store);
        std::fs::rename(&partial, &path).unwrap();
    } else {
        eprintln!("workspace: reusing {}", path.display());
    }
    path
}

/// Times `f` 200 times over `args` (cycling, after 5 warm-up calls) and prints p50/p99/max in ms.
pub fn percentiles<T>(label: &str, args: &[T], mut f: impl FnMut(&T)) -> (f64, f64) {
    for a in args.iter().take(5) {
        f(a);
    }
    let mut ts: Vec<f64> = (0..200)
        .map(|i| {
            let t = Instant::now();
            f(&args[i % args.len()]);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let (p50, p99) = (ts[99], ts[197]);
    eprintln!("  {label:<52} p50 {p50:>8.3} ms   p99 {p99:>8.3} ms   max {:>8.3} ms", ts[199]);
    (p50, p99)
}

/// True when criterion was given no filter, or one `name` contains (so a filtered run skips the
/// one-by-one timings of groups it does not run).
/// (criterion takes one filter, a regex: alternatives `a|b` are each matched as a substring here).
pub fn wanted(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-') && a.parse::<f64>().is_err())
        .flat_map(|a| a.split('|').map(String::from).collect::<Vec<_>>())
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}
