//! The store at scale (issue 4, "Finding things"): every operation through core beside a bare-rusqlite
//! baseline over the same rows in the same run, so the cost of our layers shows as a ratio.
//!
//! - import: 10,000 claims into a fresh file, `Store::create_claims` vs bare prepared inserts of the
//!   same rows (claimants, claims, tags, FTS row, history row) and vs claims + FTS row only;
//! - search: `Store::list_claims` with a search word vs the bare FTS5 query + fetch, for a rare word,
//!   a word in most rows and a 2-letter prefix;
//! - list: the first page, no search;
//! - open: `Store::get_claim` with evidence and history vs the bare queries.
//!
//! - keyset: the page at 90% depth of the list, from its cursor;
//! - search: also two words, each common.
//!
//! The read benches share one workspace of `FACTDESK_BENCH_N` claims (100,000 by default; the
//! million is opt-in, `make bench-1m`) built once with `fill_synthetic` and kept in cargo's target
//! tmp dir for later runs (`benches/common`). Before each read bench, 200 queries are timed one by
//! one and p50/p99 are printed (stderr).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{black_box, BenchmarkId, Criterion};
use factdesk_core::model::{ClaimInput, ClaimQuery};
use factdesk_core::synthetic::generate_claims;
use factdesk_core::Store;
use rusqlite::{params, Connection};

mod common;
use common::{bench_n, percentiles, wanted, SEED};

const IMPORT_N: usize = 10_000;

fn bare_open(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;").unwrap();
    c
}

/// A fresh workspace file with the current schema (made by core, so the schema is the same).
fn fresh(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    drop(Store::open(&p).unwrap());
    p
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Bare inserts of the rows core writes for these claims: claimant (looked up / created, with its
/// history row), claim, tags, FTS row, history row. One transaction, prepared statements.
fn bare_import_same_rows(conn: &mut Connection, inputs: &[ClaimInput]) {
    let tx = conn.transaction().unwrap();
    let now = now();
    {
        let mut find = tx.prepare("SELECT id FROM claimants WHERE name = ?1 COLLATE NOCASE").unwrap();
        let mut new_claimant = tx
            .prepare("INSERT INTO claimants (uuid, name, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")
            .unwrap();
        let mut claim = tx
            .prepare(
                "INSERT INTO claims (uuid, text, summary, claimant_id, said_on, said_where, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'new', ?7, ?7)",
            )
            .unwrap();
        let mut tag = tx.prepare("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)").unwrap();
        let mut fts = tx.prepare("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)").unwrap();
        let mut hist = tx
            .prepare(
                "INSERT INTO history (at, actor, entity, entity_uuid, claim_id, action, detail)
                 VALUES (?1, 'bench', ?2, ?3, ?4, 'created', ?5)",
            )
            .unwrap();
        for c in inputs {
            let name = c.claimant.as_deref().unwrap();
            let cid: i64 = match find.query_row([name], |r| r.get(0)) {
                Ok(id) => id,
                Err(_) => {
                    let u = uuid::Uuid::now_v7().to_string();
                    new_claimant.execute(params![u, name, c.claimant_role, now]).unwrap();
                    let id = tx.last_insert_rowid();
                    hist.execute(params![now, "claimant", u, Option::<i64>::None, r#"{"summary":"Added claimant"}"#]).unwrap();
                    id
                }
            };
            let u = uuid::Uuid::now_v7().to_string();
            claim.execute(params![u, c.text, c.summary, cid, c.said_on, c.said_where, now]).unwrap();
            let id = tx.last_insert_rowid();
            for t in &c.tags {
                tag.execute(params![id, t]).unwrap();
            }
            fts.execute(params![id, c.text, c.summary, name]).unwrap();
            let detail = serde_json::json!({ "summary": format!("Captured the claim by {name}"), "changes": [] });
            hist.execute(params![now, "claim", u, id, detail.to_string()]).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Core's own statement sequence per claim (copied from store/claims.rs), each statement prepared
/// per use as `Connection::execute`/`query_row` do, including the FTS delete before the insert and
/// the insert-select: separates the cost of the SQL shape from the Rust around it.
fn bare_import_core_shape(conn: &mut Connection, inputs: &[ClaimInput]) {
    let tx = conn.transaction().unwrap();
    let now = now();
    for c in inputs {
        let name = c.claimant.as_deref().unwrap();
        let cid: i64 = match tx.query_row("SELECT id FROM claimants WHERE name = ?1 COLLATE NOCASE", [name], |r| r.get(0)) {
            Ok(id) => id,
            Err(_) => {
                let u = uuid::Uuid::now_v7().to_string();
                tx.execute(
                    "INSERT INTO claimants (uuid, name, role, affiliation, created_at, updated_at) VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
                    params![u, name, c.claimant_role, now],
                )
                .unwrap();
                tx.last_insert_rowid()
            }
        };
        let u = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO claims (uuid, text, summary, claimant_id, said_on, said_where, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![u, c.text, c.summary, cid, c.said_on, c.said_where, "new", now],
        )
        .unwrap();
        let id = tx.last_insert_rowid();
        tx.execute("DELETE FROM claim_tags WHERE claim_id = ?1", [id]).unwrap();
        {
            let mut tag = tx.prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)").unwrap();
            for t in &c.tags {
                tag.execute(params![id, t]).unwrap();
            }
        }
        tx.execute("DELETE FROM claims_fts WHERE rowid = ?1", [id]).unwrap();
        tx.execute(
            "INSERT INTO claims_fts (rowid, text, summary, claimant)
             SELECT c.id, c.text, c.summary, coalesce(cl.name, '')
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ?1",
            [id],
        )
        .unwrap();
        let detail = serde_json::json!({ "summary": format!("Captured the claim by {name}"), "changes": [] });
        tx.execute(
            "INSERT INTO history (at, actor, entity, entity_uuid, claim_id, action, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![now, "bench", "claim", u, id, "created", detail.to_string()],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

/// The minimum: one claims row and one FTS row per claim (claimant ids precomputed).
fn bare_import_minimal(conn: &mut Connection, inputs: &[ClaimInput]) {
    let tx = conn.transaction().unwrap();
    let now = now();
    {
        let mut claim = tx
            .prepare(
                "INSERT INTO claims (uuid, text, summary, said_on, said_where, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, ?6)",
            )
            .unwrap();
        let mut fts = tx.prepare("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)").unwrap();
        for c in inputs {
            let u = uuid::Uuid::now_v7().to_string();
            claim.execute(params![u, c.text, c.summary, c.said_on, c.said_where, now]).unwrap();
            let id = tx.last_insert_rowid();
            fts.execute(params![id, c.text, c.summary, c.claimant]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = generate_claims(0, IMPORT_N, SEED);
    let mut g = c.benchmark_group("import_10k");
    g.sample_size(10).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(1));
    let counter = std::cell::Cell::new(0u64);
    let next_file = |label: &str| {
        counter.set(counter.get() + 1);
        fresh(dir.path(), &format!("{label}-{}.factdesk", counter.get()))
    };
    g.bench_function("core create_claims", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let p = next_file("core");
                let mut s = Store::open(&p).unwrap();
                let t = Instant::now();
                black_box(s.create_claims(&inputs).unwrap());
                total += t.elapsed();
                drop(s);
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.bench_function("bare same rows", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let p = next_file("bare");
                let mut conn = bare_open(&p);
                let t = Instant::now();
                bare_import_same_rows(&mut conn, &inputs);
                total += t.elapsed();
                drop(conn);
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.bench_function("bare core's SQL, uncached", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let p = next_file("shape");
                let mut conn = bare_open(&p);
                let t = Instant::now();
                bare_import_core_shape(&mut conn, &inputs);
                total += t.elapsed();
                drop(conn);
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.bench_function("bare claims+fts only", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let p = next_file("min");
                let mut conn = bare_open(&p);
                let t = Instant::now();
                bare_import_minimal(&mut conn, &inputs);
                total += t.elapsed();
                drop(conn);
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.finish();
}

struct Fixture {
    store: Store,
    bare: Connection,
    n: usize,
}

fn build_fixture(n: usize) -> Fixture {
    let path = common::workspace(n);
    let store = Store::open(&path).unwrap();
    let bare = bare_open(&path);
    bare.execute_batch("PRAGMA optimize;").unwrap();
    Fixture { store, bare, n }
}

/// Every word, each as a prefix (as the search box asks FTS5).
fn fts_expr(words: &str) -> String {
    words.split_whitespace().map(|w| format!("\"{}\"*", w.to_lowercase())).collect::<Vec<_>>().join(" ")
}

type Row = (i64, String, String, Option<String>, Option<String>, String, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>, i64);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?))
}

const LIST_COLS: &str = "c.id, c.uuid, c.text, cl.name, c.said_on, c.status, c.updated_at,
    r.key, r.label, r.description, r.color, r.value, (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id)
    FROM claims c
    LEFT JOIN claimants cl ON cl.id = c.claimant_id
    LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
    LEFT JOIN ratings r ON r.id = v.rating_id";

/// The bare search: FTS5 top 50 by rowid (no ranking, no sort, no total), then the list's columns
/// for those 50.
fn bare_search(conn: &Connection, expr: &str) -> Vec<Row> {
    let mut ids = conn.prepare_cached("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 LIMIT 50").unwrap();
    let ids: Vec<i64> = ids.query_map([expr], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut fetch = conn.prepare_cached(&format!("SELECT {LIST_COLS} WHERE c.id = ?1")).unwrap();
    ids.iter().map(|id| fetch.query_row([id], row).unwrap()).collect()
}

fn core_search(store: &Store, word: &str) -> usize {
    store.list_claims(&ClaimQuery { search: Some(word.to_string()), ..Default::default() }).unwrap().items.len()
}

struct Terms {
    rare: Vec<String>,
    common: Vec<String>,
    /// Two common words together ("the rate", "in risen").
    two: Vec<String>,
    prefix: Vec<String>,
}

/// Picks the search terms from the index's own vocabulary.
fn pick_terms(conn: &Connection, n: usize) -> Terms {
    conn.execute_batch("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, claims_fts, 'row');")
        .unwrap();
    let words = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Vec<String> {
        let mut s = conn.prepare(sql).unwrap();
        s.query_map(p, |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
    };
    let rare = words(
        "SELECT term FROM temp.bench_vocab WHERE doc BETWEEN 2 AND 12 AND length(term) >= 6
         AND term GLOB '[a-z]*' ORDER BY term LIMIT 200",
        &[],
    );
    let half = (n / 2) as i64;
    let mut common = words("SELECT term FROM temp.bench_vocab WHERE doc >= ?1 ORDER BY doc DESC LIMIT 10", &[&half]);
    if common.is_empty() {
        common = words("SELECT term FROM temp.bench_vocab ORDER BY doc DESC LIMIT 3", &[]);
    }
    // 2-letter prefixes whose expansion covers the most rows.
    let prefix = words(
        "SELECT substr(term, 1, 2) p FROM temp.bench_vocab WHERE term GLOB '[a-z][a-z]*'
         GROUP BY p ORDER BY sum(doc) DESC LIMIT 20",
        &[],
    );
    // Pairs of words each in a good share of the rows (1% or more), so that each word alone is
    // common and the pair is what narrows.
    let tenth = (n / 100) as i64;
    let many = words(
        "SELECT term FROM temp.bench_vocab WHERE doc >= ?1 AND length(term) >= 2 AND term GLOB '[a-z]*'
         ORDER BY doc DESC LIMIT 40",
        &[&tenth],
    );
    let two: Vec<String> = (0..many.len().saturating_sub(1)).map(|i| format!("{} {}", many[i], many[(i * 7 + 3) % many.len()])).collect();
    for (kind, list) in [("rare", &rare), ("common", &common), ("two words", &two), ("prefix", &prefix)] {
        let first = &list[0];
        let hits: i64 = conn
            .query_row("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?1", [fts_expr(first)], |r| r.get(0))
            .unwrap();
        let _ = &hits;
        eprintln!("search term {kind}: {first:?} matches {hits} of {n} rows ({} terms of this kind in the p99 loop)", list.len());
    }
    Terms { rare, common, two, prefix }
}

fn bench_search(c: &mut Criterion, fx: &Fixture) {
    let terms = pick_terms(&fx.bare, fx.n);
    let mut g = c.benchmark_group(format!("search_{}k", fx.n / 1000));
    g.sample_size(20).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    for (kind, list) in [("rare", &terms.rare), ("common", &terms.common), ("two", &terms.two), ("prefix2", &terms.prefix)] {
        eprintln!("search {kind} ({} distinct terms, 200 queries each):", list.len());
        percentiles("core list_claims(search)", list, |w| {
            black_box(core_search(&fx.store, w));
        });
        percentiles("bare fts LIMIT 50 + fetch", list, |w| {
            black_box(bare_search(&fx.bare, &fts_expr(w)));
        });
        percentiles("  for reference: bare bm25 top 50 (ORDER BY rank)", list, |w| {
            let mut s =
                fx.bare.prepare_cached("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT 50").unwrap();
            black_box(s.query_map([fts_expr(w)], |r| r.get::<_, i64>(0)).unwrap().count());
        });
        let w = &list[0];
        g.bench_with_input(BenchmarkId::new("core", kind), w, |b, w| b.iter(|| core_search(&fx.store, black_box(w))));
        let e = fts_expr(w);
        g.bench_with_input(BenchmarkId::new("bare", kind), &e, |b, e| b.iter(|| bare_search(&fx.bare, black_box(e))));
    }
    g.finish();
}

fn bare_first_page(conn: &Connection) -> Vec<Row> {
    let mut s = conn.prepare_cached(&format!("SELECT {LIST_COLS} ORDER BY c.updated_at DESC, c.id DESC LIMIT 50")).unwrap();
    s.query_map([], row).unwrap().map(Result::unwrap).collect()
}

fn bench_list(c: &mut Criterion, fx: &Fixture) {
    let mut g = c.benchmark_group(format!("list_first_page_{}k", fx.n / 1000));
    g.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    eprintln!("list, first page of 50 (200 queries each):");
    percentiles("core list_claims(default)", &[()], |_| {
        black_box(fx.store.list_claims(&ClaimQuery::default()).unwrap());
    });
    percentiles("bare ORDER BY updated_at DESC, id DESC LIMIT 50", &[()], |_| {
        black_box(bare_first_page(&fx.bare));
    });
    g.bench_function("core", |b| b.iter(|| fx.store.list_claims(black_box(&ClaimQuery::default())).unwrap()));
    g.bench_function("bare", |b| b.iter(|| bare_first_page(black_box(&fx.bare))));
    g.finish();
}

/// The page at 90% depth of the list (default order), from its cursor: core walks there by cursor
/// once to learn it; the bare query starts from the same key.
fn bench_keyset(c: &mut Criterion, fx: &Fixture) {
    let depth = fx.n * 9 / 10;
    let (key, id): (String, i64) = fx
        .bare
        .query_row(
            "SELECT updated_at, id FROM claims ORDER BY updated_at DESC, id DESC LIMIT 1 OFFSET ?1",
            [depth as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let cursor = format!("{key}|{id}");
    let q = ClaimQuery { cursor: Some(cursor), ..Default::default() };
    let mut g = c.benchmark_group(format!("list_keyset_90pct_{}k", fx.n / 1000));
    g.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    eprintln!("list, the page of 50 at 90% depth from its cursor (200 queries each):");
    let bare = |conn: &Connection| -> Vec<Row> {
        let mut s = conn
            .prepare_cached(&format!(
                "SELECT {LIST_COLS} WHERE (c.updated_at, c.id) < (?1, ?2) ORDER BY c.updated_at DESC, c.id DESC LIMIT 50"
            ))
            .unwrap();
        s.query_map(params![key, id], row).unwrap().map(Result::unwrap).collect()
    };
    percentiles("core list_claims(cursor)", &[()], |_| {
        black_box(fx.store.list_claims(&q).unwrap());
    });
    percentiles("bare WHERE (updated_at, id) < (?, ?) LIMIT 50", &[()], |_| {
        black_box(bare(&fx.bare));
    });
    g.bench_function("core", |b| b.iter(|| fx.store.list_claims(black_box(&q)).unwrap()));
    g.bench_function("bare", |b| b.iter(|| bare(black_box(&fx.bare))));
    g.finish();
}

/// The bare equivalent of opening a claim: the claim and claimant, tags, evidence with sources,
/// verdicts with ratings, history, checklist and corrections, read as plain values.
fn bare_open_claim(conn: &Connection, uuid: &str) -> usize {
    let mut n = 0;
    let id: i64 = conn
        .prepare_cached(
            "SELECT c.id, c.uuid, c.text, c.summary, c.said_on, c.said_where, c.status, c.created_at, c.updated_at,
                    cl.uuid, cl.name, cl.role, cl.affiliation
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.uuid = ?1",
        )
        .unwrap()
        .query_row([uuid], |r| {
            let _: (String, String, Option<String>, String) = (r.get(2)?, r.get(3)?, r.get(10)?, r.get(8)?);
            r.get(0)
        })
        .unwrap();
    let mut count = |sql: &str, cols: usize| {
        let mut s = conn.prepare_cached(sql).unwrap();
        let mut rows = s.query([id]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..cols {
                black_box(r.get_ref(i).unwrap());
            }
            n += 1;
        }
    };
    count("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag", 1);
    count(
        "SELECT e.uuid, e.excerpt, e.stance, e.note, e.created_at, s.uuid, s.url, s.title, s.publisher, s.published_on,
                s.accessed_at, s.created_at
         FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.claim_id = ?1 ORDER BY e.id",
        12,
    );
    count(
        "SELECT v.uuid, v.rationale, v.author, v.created_at, v.superseded_at, r.key, r.label, r.description, r.color, r.value
         FROM verdicts v JOIN ratings r ON r.id = v.rating_id WHERE v.claim_id = ?1 ORDER BY v.id DESC",
        10,
    );
    count("SELECT at, actor, entity, action, detail FROM history WHERE claim_id = ?1 ORDER BY id DESC", 5);
    count(
        "SELECT i.uuid, i.label, i.required, c.done_by, c.done_at
         FROM checklist_items i LEFT JOIN claim_checks c ON c.item_id = i.id AND c.claim_id = ?1
         WHERE i.active = 1 OR c.done_by IS NOT NULL ORDER BY i.position, i.id",
        5,
    );
    count("SELECT uuid, reason, what, actor, at FROM corrections WHERE claim_id = ?1 ORDER BY id DESC", 5);
    n
}

fn bench_open(c: &mut Criterion, fx: &Fixture) {
    // Claims with evidence and a verdict, spread over the whole table.
    let step = (fx.n / 400).max(1) as i64;
    let uuids: Vec<String> = {
        let mut s = fx
            .bare
            .prepare(
                "SELECT c.uuid FROM claims c WHERE c.id % ?1 = 0
                 AND EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id)
                 AND EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id) LIMIT 200",
            )
            .unwrap();
        s.query_map([step], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let mut g = c.benchmark_group(format!("open_claim_{}k", fx.n / 1000));
    g.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    eprintln!("open a claim with evidence, verdict and history ({} claims, 200 opens each):", uuids.len());
    percentiles("core get_claim", &uuids, |u| {
        black_box(fx.store.get_claim(u).unwrap());
    });
    percentiles("bare equivalent queries", &uuids, |u| {
        black_box(bare_open_claim(&fx.bare, u));
    });
    let i = std::cell::Cell::new(0usize);
    let next = || {
        i.set(i.get() + 1);
        &uuids[i.get() % uuids.len()]
    };
    g.bench_function("core", |b| b.iter(|| fx.store.get_claim(black_box(next())).unwrap()));
    g.bench_function("bare", |b| b.iter(|| bare_open_claim(&fx.bare, black_box(next()))));
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    if wanted("import_10k") {
        bench_import(&mut c);
    }
    let n = bench_n();
    let k = n / 1000;
    let fx = build_fixture(n);
    if wanted(&format!("search_{k}k")) {
        bench_search(&mut c, &fx);
    }
    if wanted(&format!("list_first_page_{k}k")) {
        bench_list(&mut c, &fx);
    }
    if wanted(&format!("list_keyset_90pct_{k}k")) {
        bench_keyset(&mut c, &fx);
    }
    if wanted(&format!("open_claim_{k}k")) {
        bench_open(&mut c, &fx);
    }
    c.final_summary();
}
