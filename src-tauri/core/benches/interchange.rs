//! Imports at scale (issue 7): 10,000 ClaimReview records generated from a synthetic export
//! (`fill_synthetic`, seed 1, every claim published with a verdict), imported into a fresh workspace
//! in one transaction; then the same file again (every record matched, nothing written).
//!
//! One timed run of each is printed first (stderr) for the closing note; criterion then times the
//! import of the file into a new workspace, beside `import/claimreview-bare`: the floor, the same
//! rows written by bare SQLite (the file parsed into `serde_json::Value`, then per record the claim,
//! its search row, its place in the indexer's queue, the review with its record as published, and
//! the two history rows, each with one prepared statement, in one transaction), without reading
//! the record's fields into Factdesk's terms, guessing its language, mapping its rating, matching
//! it to claims already there or validating anything. `FACTDESK_BENCH_IMPORT_N` changes the size.

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

/// The bare floor of the import (see the module documentation), into the workspace at `path`.
fn bare_import(path: &Path, file: &[u8]) -> usize {
    let records: serde_json::Value = serde_json::from_slice(file).unwrap();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let now = "2026-12-07T00:00:00.000000Z";
    let mut n = 0;
    {
        let mut claim = tx
            .prepare(
                "INSERT INTO claims (uuid, text, summary, status, created_at, updated_at, language, worthiness, origin)
                 VALUES (?1, ?2, ?3, 'archived', ?4, ?4, ?5, 0, 'imported')",
            )
            .unwrap();
        let mut fts = tx.prepare("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)").unwrap();
        let mut queue = tx.prepare("INSERT INTO vector_queue (claim_id) VALUES (?1)").unwrap();
        let mut review = tx
            .prepare(
                "INSERT INTO external_reviews (uuid, claim_id, match_key, claim_key, publisher, publisher_url, url, headline, author,
                                               reviewed_on, rating_text, rating_value, best_rating, worst_rating, language,
                                               language_guessed, imported_at, updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'en', 0, ?13, ?13, ?14)",
            )
            .unwrap();
        let mut history = tx
            .prepare(
                "INSERT INTO history (uuid, at, actor, entity, entity_uuid, claim_id, action, detail)
                 VALUES (?1, ?2, 'checker', ?3, ?4, ?5, ?6, ?7)",
            )
            .unwrap();
        for (i, r) in records.as_array().unwrap().iter().enumerate() {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            let claim_text = text(&r["claimReviewed"]);
            let headline = text(&r["name"]);
            let author = text(&r["author"]["name"]);
            let rating = &r["reviewRating"];
            let claimant = text(&r["itemReviewed"]["author"]["name"]);
            let uuid = format!("00000000-0000-7000-8000-{i:012}");
            claim.execute(rusqlite::params![uuid, claim_text, headline, now, "en"]).unwrap();
            let id = tx.last_insert_rowid();
            fts.execute(rusqlite::params![id, claim_text, headline, claimant]).unwrap();
            queue.execute([id]).unwrap();
            let review_uuid = format!("00000000-0000-7000-9000-{i:012}");
            review
                .execute(rusqlite::params![
                    review_uuid,
                    id,
                    format!("bare:{i}"),
                    format!("bare-claim:{i}"),
                    author,
                    headline,
                    author,
                    text(&r["datePublished"]),
                    text(&rating["alternateName"]),
                    rating["ratingValue"].to_string(),
                    rating["bestRating"].to_string(),
                    rating["worstRating"].to_string(),
                    now,
                    r.to_string()
                ])
                .unwrap();
            let detail = |s: &str| serde_json::json!({ "summary": s, "changes": [] }).to_string();
            history
                .execute(rusqlite::params![format!("00000000-0000-7000-a000-{i:012}"), now, "claim", uuid, id, "created", detail("Captured the claim")])
                .unwrap();
            history
                .execute(rusqlite::params![
                    format!("00000000-0000-7000-b000-{i:012}"),
                    now,
                    "external_review",
                    review_uuid,
                    id,
                    "imported",
                    detail(&format!("Imported {author}'s fact-check"))
                ])
                .unwrap();
            n += 1;
        }
    }
    tx.commit().unwrap();
    n
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
    let bare_path = dir.path().join("bare.factdesk");
    drop(Store::open(&bare_path).unwrap());
    let started = Instant::now();
    let written = bare_import(&bare_path, &file);
    let bare = started.elapsed();
    eprintln!(
        "bare import (the same rows, see the module documentation): {written} records in {:.2} s; the import takes {:.2}× as long",
        bare.as_secs_f64(),
        first.as_secs_f64() / bare.as_secs_f64()
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
    let mut i = 0;
    g.bench_function("claimreview-bare", |b| {
        b.iter(|| {
            i += 1;
            let path = dir.path().join(format!("bare-{i}.factdesk"));
            drop(Store::open(&path).unwrap());
            black_box(bare_import(&path, &file))
        })
    });
    g.finish();
    c.final_summary();
}
