//! Where matching keeps its sentence vectors (docs/vector-store.md): our in-memory binary index
//! (`language::vectors`) against a bare brute-force scan and the sqlite-vec extension.
//!
//! Data: `N` deterministic pseudo-random unit vectors of 384 components (the size of
//! all-MiniLM-L6-v2's) with structure like a claim collection's: 2,000 topics of 8 stories each,
//! every vector a story's direction plus noise (same story: cosine ~0.75, same topic ~0.45, other
//! topics ~0), and one in ten a close rewording (cosine ~0.9) of an earlier vector. 200 queries:
//! half rewordings of stored vectors, half new vectors on known stories.
//!
//! Each query asks for k = 200 candidates. Methods:
//! - `a_index_rescore`: `Index::nearest` over the sign bits in memory, then the 200 candidates
//!   ranked exactly by `dot` on their dequantized int8 vectors (kept in memory);
//! - `a_index_rescore_sql`: the same, the int8 vectors read from an SQLite table by id (the
//!   `claim_vectors` layout of migration 0009) instead of from memory;
//! - `b_brute_f32`: exact `dot` with every f32 vector in memory (the bare baseline, and the truth
//!   recall is measured against);
//! - `c_sqlite_vec_float` / `_int8` / `_bit`: a sqlite-vec `vec0` table of `float[384]`, `int8[384]`
//!   (one global scale) or `bit[384]` in a workspace-like file, `WHERE embedding MATCH ? AND k = 200`;
//!   the bit candidates are ranked by the same int8 rescoring as (a). The float and int8 tables are
//!   also asked for k = 10 directly (`_k10`): their own ranking needs no second pass, and
//!   sqlite-vec's time grows with k (it picks each chunk's best k by k passes over the chunk);
//! - `c_sqlite_vec_rescore`: `float[384] INDEXED BY rescore(quantizer=bit, oversample=20)` asked for
//!   k = 10, when the sqlite-vec version has it (the 0.1.10 alphas do, 0.1.9 does not: skipped,
//!   saying why).
//!
//! Before the criterion runs, each method's queries are timed one by one (all 200, or fewer for a
//! method slower than 50 ms a query) and a table is printed (stderr): p50/p99 per query, build
//! time, memory, and recall@10 (the share of the exact top 10 found in the method's top 10).
//!
//! `cargo bench -p factdesk-core --bench vector_store` runs N = 100,000 and 1,000,000 (~9 min on 2
//! busy cores, ~2.5 GB of disk in cargo's target tmp dir, deleted after; ~2.5 GB of memory).
//! `FACTDESK_BENCH_SIZES=100000` picks the sizes (empty: none). `FACTDESK_BENCH_REAL=20000` also
//! measures the binary index's recall on real embeddings of that many synthetic claims with 50 to
//! 500 candidates (needs the model folder; ~40 texts a second on 2 busy cores, so ~8 minutes).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use criterion::{black_box, Criterion, SamplingMode};
use factdesk_core::language::vectors::{bits_to_bytes, dequantize, dot, quantize, sign_bits, Index};
use rusqlite::{params, Connection};

const DIM: usize = 384;
/// Candidates a query asks for.
const K: usize = 200;
/// The top shown to the checker, over which recall is measured.
const TOP: usize = 10;
const QUERIES: usize = 200;
const TOPICS: usize = 2_000;
const STORIES: usize = 8;

// ---------------------------------------------------------------------------------------------
// Data

/// splitmix64: fast, deterministic, good enough for test vectors.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn normalise(v: &mut [f32]) {
    let norm = dot(v, v).sqrt();
    v.iter_mut().for_each(|x| *x /= norm);
}

/// `base` plus a random direction of length `amp`, scaled to unit length.
fn noisy(base: &[f32], amp: f32, rng: &mut Rng, out: &mut [f32]) {
    let mut noise = [0f32; DIM];
    noise.iter_mut().for_each(|x| *x = rng.uniform());
    normalise(&mut noise);
    for ((o, b), e) in out.iter_mut().zip(base).zip(noise) {
        *o = b + amp * e;
    }
    normalise(out);
}

/// The story directions: `TOPICS * STORIES` unit vectors, the same for every N.
fn stories() -> Vec<f32> {
    let mut rng = Rng(7);
    let zero = [0f32; DIM];
    let mut out = vec![0f32; TOPICS * STORIES * DIM];
    let mut topic = [0f32; DIM];
    for t in 0..TOPICS {
        noisy(&zero, 1.0, &mut rng, &mut topic);
        for s in 0..STORIES {
            let at = (t * STORIES + s) * DIM;
            noisy(&topic, 0.8, &mut rng, &mut out[at..at + DIM]);
        }
    }
    out
}

struct Data {
    n: usize,
    /// Row `i` holds the vector of id `i + 1`.
    vectors: Vec<f32>,
    queries: Vec<Vec<f32>>,
}

impl Data {
    fn new(n: usize) -> Data {
        let stories = stories();
        let story = |i: usize| &stories[i * DIM..(i + 1) * DIM];
        let mut rng = Rng(42);
        let mut vectors = vec![0f32; n * DIM];
        for i in 0..n {
            let (done, rest) = vectors.split_at_mut(i * DIM);
            let out = &mut rest[..DIM];
            if i > 0 && rng.below(10) == 0 {
                let j = rng.below(i);
                noisy(&done[j * DIM..(j + 1) * DIM], 0.35, &mut rng, out);
            } else {
                noisy(story(rng.below(TOPICS * STORIES)), 0.6, &mut rng, out);
            }
        }
        let mut rng = Rng(4242);
        let queries = (0..QUERIES)
            .map(|q| {
                let mut v = vec![0f32; DIM];
                if q % 2 == 0 {
                    let j = rng.below(n);
                    noisy(&vectors[j * DIM..(j + 1) * DIM], 0.35, &mut rng, &mut v);
                } else {
                    noisy(story(rng.below(TOPICS * STORIES)), 0.6, &mut rng, &mut v);
                }
                v
            })
            .collect();
        Data { n, vectors, queries }
    }

    fn row(&self, i: usize) -> &[f32] {
        &self.vectors[i * DIM..(i + 1) * DIM]
    }
}

// ---------------------------------------------------------------------------------------------
// Methods

/// A scored id, ordered worst first (lower score, then higher id), for a bounded max-heap.
#[derive(PartialEq)]
struct Scored(f32, i64);
impl Eq for Scored {}
impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scored {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

/// The best `k` of (score, id) pairs, highest score first.
fn top_k(scored: impl Iterator<Item = (f32, i64)>, k: usize) -> Vec<(i64, f32)> {
    let mut heap = BinaryHeap::with_capacity(k + 1);
    for (s, id) in scored {
        if heap.len() < k {
            heap.push(Scored(s, id));
        } else if Scored(s, id) < *heap.peek().unwrap() {
            heap.pop();
            heap.push(Scored(s, id));
        }
    }
    heap.into_sorted_vec().into_iter().map(|Scored(s, id)| (id, s)).collect()
}

/// (b): exact cosine with every vector.
fn brute(data: &Data, q: &[f32], k: usize) -> Vec<(i64, f32)> {
    top_k(data.vectors.chunks_exact(DIM).enumerate().map(|(i, v)| (dot(q, v), i as i64 + 1)), k)
}

/// The in-memory int8 vectors, flat (row `i` is id `i + 1`).
struct Quantized {
    bytes: Vec<u8>,
}

impl Quantized {
    const ROW: usize = 4 + DIM;
    fn get(&self, id: i64) -> &[u8] {
        let i = (id - 1) as usize;
        &self.bytes[i * Self::ROW..(i + 1) * Self::ROW]
    }
}

/// Ranks candidate ids exactly by the dot product of their dequantized vectors with `q`.
fn rescore<'a>(q: &[f32], candidates: impl Iterator<Item = (i64, &'a [u8])>) -> Vec<(i64, f32)> {
    top_k(candidates.map(|(id, bytes)| (dot(q, &dequantize(bytes).unwrap()), id)), TOP)
}

/// (a): binary candidates from the index, int8 rescoring from memory.
fn index_rescore(index: &Index, quantized: &Quantized, q: &[f32]) -> Vec<(i64, f32)> {
    let candidates = index.nearest(&sign_bits(q), K);
    rescore(q, candidates.iter().map(|&(id, _)| (id, quantized.get(id))))
}

/// (a) with the int8 vectors read from SQLite.
fn index_rescore_sql(index: &Index, conn: &Connection, q: &[f32]) -> Vec<(i64, f32)> {
    let candidates = index.nearest(&sign_bits(q), K);
    let mut stmt = conn.prepare_cached("SELECT vector FROM claim_vectors WHERE claim_id = ?1").unwrap();
    let rows: Vec<(i64, Vec<u8>)> =
        candidates.iter().map(|&(id, _)| (id, stmt.query_row([id], |r| r.get(0)).unwrap())).collect();
    rescore(q, rows.iter().map(|(id, b)| (*id, b.as_slice())))
}

// ---------------------------------------------------------------------------------------------
// SQLite

fn register_sqlite_vec() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        type Entry = unsafe extern "C" fn(
            *mut rusqlite::ffi::sqlite3,
            *mut *mut std::os::raw::c_char,
            *const rusqlite::ffi::sqlite3_api_routines,
        ) -> std::os::raw::c_int;
        // SAFETY: sqlite3_vec_init is the extension's entry point, which SQLite calls with these
        // three arguments; the crate declares it without them.
        let rc = unsafe {
            let entry = std::mem::transmute::<*const (), Entry>(sqlite_vec::sqlite3_vec_init as *const ());
            rusqlite::ffi::sqlite3_auto_extension(Some(entry))
        };
        assert_eq!(rc, rusqlite::ffi::SQLITE_OK, "sqlite3_auto_extension failed");
    });
}

fn db_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("vector-store-{name}.sqlite"))
}

fn remove_db(path: &PathBuf) {
    for ext in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}

/// A fresh database file, configured like a workspace (WAL, synchronous NORMAL).
fn open_fresh(name: &str) -> (PathBuf, Connection) {
    let path = db_path(name);
    remove_db(&path);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    (path, conn)
}

/// The bytes of the database's pages (after a checkpoint, the file's size).
fn db_bytes(conn: &Connection) -> u64 {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    (pages * size) as u64
}

fn f32_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// One signed byte per component with one scale for the whole set (sqlite-vec's int8 distance has
/// no per-vector scale).
fn int8_global(v: &[f32], scale: f32) -> Vec<u8> {
    v.iter().map(|x| ((x * scale).round().clamp(-127.0, 127.0) as i8) as u8).collect()
}

#[derive(Clone, Copy, PartialEq)]
enum VecKind {
    Float,
    Int8,
    Bit,
    Rescore,
}

impl VecKind {
    fn name(self) -> &'static str {
        match self {
            VecKind::Float => "float",
            VecKind::Int8 => "int8",
            VecKind::Bit => "bit",
            VecKind::Rescore => "rescore",
        }
    }
    fn column(self) -> &'static str {
        match self {
            VecKind::Float => "float[384]",
            VecKind::Int8 => "int8[384]",
            VecKind::Bit => "bit[384]",
            VecKind::Rescore => "float[384] indexed by rescore(quantizer=bit, oversample=20)",
        }
    }
    /// The SQL expression of a bound vector.
    fn param(self, n: usize) -> String {
        match self {
            VecKind::Float | VecKind::Rescore => format!("?{n}"),
            VecKind::Int8 => format!("vec_int8(?{n})"),
            VecKind::Bit => format!("vec_bit(?{n})"),
        }
    }
    /// How many neighbours the queries ask for: k = 200 candidates, and for the tables whose
    /// distances rank well by themselves, also k = 10 (sqlite-vec's cost grows with k). The rescore
    /// index does its second pass itself: k = 10 only.
    fn ks(self) -> &'static [usize] {
        match self {
            VecKind::Float | VecKind::Int8 => &[K, TOP],
            VecKind::Bit => &[K],
            VecKind::Rescore => &[TOP],
        }
    }

    fn label(self, k: usize) -> String {
        if k == K || self == VecKind::Rescore {
            format!("c_sqlite_vec_{}", self.name())
        } else {
            format!("c_sqlite_vec_{}_k{k}", self.name())
        }
    }
}

struct VecTable {
    kind: VecKind,
    path: PathBuf,
    conn: Connection,
    int8_scale: f32,
}

impl VecTable {
    /// Creates and fills the table; `Err` when this sqlite-vec cannot make such a table.
    fn build(data: &Data, kind: VecKind, int8_scale: f32) -> Result<(VecTable, Duration), String> {
        let (path, mut conn) = open_fresh(&format!("{}-{}", kind.name(), data.n));
        let create = format!("CREATE VIRTUAL TABLE v USING vec0(embedding {})", kind.column());
        if let Err(e) = conn.execute(&create, []) {
            drop(conn);
            remove_db(&path);
            return Err(e.to_string());
        }
        let start = Instant::now();
        let tx = conn.transaction().unwrap();
        {
            let mut insert =
                tx.prepare(&format!("INSERT INTO v (rowid, embedding) VALUES (?1, {})", kind.param(2))).unwrap();
            for i in 0..data.n {
                let v = data.row(i);
                let blob = match kind {
                    VecKind::Float | VecKind::Rescore => f32_bytes(v),
                    VecKind::Int8 => int8_global(v, int8_scale),
                    VecKind::Bit => bits_to_bytes(&sign_bits(v)),
                };
                insert.execute(params![i as i64 + 1, blob]).unwrap();
            }
        }
        tx.commit().unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        Ok((VecTable { kind, path, conn, int8_scale }, start.elapsed()))
    }

    fn query(&self, q: &[f32], k: usize, quantized: &Quantized) -> Vec<(i64, f32)> {
        let sql = format!(
            "SELECT rowid, distance FROM v WHERE embedding MATCH {} AND k = {k} ORDER BY distance",
            self.kind.param(1)
        );
        let mut stmt = self.conn.prepare_cached(&sql).unwrap();
        let blob = match self.kind {
            VecKind::Float | VecKind::Rescore => f32_bytes(q),
            VecKind::Int8 => int8_global(q, self.int8_scale),
            VecKind::Bit => bits_to_bytes(&sign_bits(q)),
        };
        let rows: Vec<(i64, f64)> =
            stmt.query_map([blob], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        match self.kind {
            // Hamming distances tie a lot: the candidates are ranked like (a)'s.
            VecKind::Bit => rescore(q, rows.iter().map(|&(id, _)| (id, quantized.get(id)))),
            _ => rows.into_iter().take(TOP).map(|(id, d)| (id, -d as f32)).collect(),
        }
    }
}

impl Drop for VecTable {
    fn drop(&mut self) {
        remove_db(&self.path);
    }
}

/// The `claim_vectors` table of migration 0009, filled, for (a) reading from SQLite.
fn build_claim_vectors(data: &Data, quantized: &Quantized, bits: &[Vec<u64>]) -> (PathBuf, Connection, Duration) {
    let (path, mut conn) = open_fresh(&format!("claim-vectors-{}", data.n));
    conn.execute_batch(
        "CREATE TABLE claim_vectors (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_id INTEGER NOT NULL UNIQUE,
            model_id INTEGER NOT NULL,
            bits     BLOB NOT NULL,
            vector   BLOB NOT NULL
        ) STRICT;
        CREATE INDEX claim_vectors_model ON claim_vectors (model_id, seq);",
    )
    .unwrap();
    let start = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut insert =
            tx.prepare("INSERT INTO claim_vectors (claim_id, model_id, bits, vector) VALUES (?1, 1, ?2, ?3)").unwrap();
        for (i, b) in bits.iter().enumerate() {
            let id = i as i64 + 1;
            insert.execute(params![id, bits_to_bytes(b), quantized.get(id)]).unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    (path, conn, start.elapsed())
}

/// Reads every code of `claim_vectors` into a new index, as the app does when it opens a workspace.
fn load_index(conn: &Connection) -> Index {
    let mut index = Index::new(DIM);
    let mut stmt = conn.prepare("SELECT claim_id, bits FROM claim_vectors WHERE model_id = 1 ORDER BY seq").unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let bytes = r.get_ref(1).unwrap().as_blob().unwrap();
        index.push(r.get(0).unwrap(), &factdesk_core::language::vectors::bits_from_bytes(bytes).unwrap());
    }
    index
}

// ---------------------------------------------------------------------------------------------
// Measuring

struct Row {
    method: String,
    p50: f64,
    p99: f64,
    timed: usize,
    build: String,
    memory: String,
    recall: f64,
}

/// Times `run` on queries one by one (all of them, or fewer when a query takes over 50 ms: about
/// 10 s' worth, at least 20), after one unmeasured query; returns (p50 ms, p99 ms, queries timed,
/// recall@10 against `truth`).
fn measure(data: &Data, truth: &[Vec<i64>], mut run: impl FnMut(&[f32]) -> Vec<(i64, f32)>) -> (f64, f64, usize, f64) {
    let t = Instant::now();
    black_box(run(&data.queries[0]));
    let first = t.elapsed().as_secs_f64();
    let count = if first > 0.05 { ((10.0 / first) as usize).clamp(20, QUERIES) } else { QUERIES };
    let mut ts = Vec::with_capacity(count);
    let mut found = 0usize;
    for (q, want) in data.queries.iter().zip(truth).take(count) {
        let t = Instant::now();
        let got = run(q);
        ts.push(t.elapsed().as_secs_f64() * 1e3);
        let want: HashSet<i64> = want.iter().copied().collect();
        found += got.iter().take(TOP).filter(|(id, _)| want.contains(id)).count();
    }
    ts.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| ts[((ts.len() as f64 * p).ceil() as usize).saturating_sub(1).min(ts.len() - 1)];
    (pct(0.5), pct(0.99), count, found as f64 / (count * TOP) as f64)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn print_table(n: usize, rows: &[Row]) {
    eprintln!("\nN = {n}, dim {DIM}, k = {K} candidates, recall@{TOP} against exact f32:");
    eprintln!(
        "  {:<24} {:>10} {:>10} {:>8} {:>10} {:<34} {}",
        "method", "p50 ms", "p99 ms", "queries", "recall@10", "build", "memory"
    );
    for r in rows {
        eprintln!(
            "  {:<24} {:>10.3} {:>10.3} {:>8} {:>10} {:<34} {}",
            r.method,
            r.p50,
            r.p99,
            r.timed,
            if r.recall.is_nan() { "-".to_string() } else { format!("{:.3}", r.recall) },
            r.build,
            r.memory
        );
    }
    eprintln!();
}

fn run_size(c: &mut Criterion, n: usize) {
    eprintln!("== N = {n}: generating vectors…");
    let t = Instant::now();
    let data = Data::new(n);
    let cos: Vec<f32> = (0..5).map(|i| dot(data.row(i), &data.queries[0])).collect();
    eprintln!("   generated in {} (a few cosines: {cos:.2?})", secs(t.elapsed()));

    // The exact answers, timed: method (b).
    let start = Instant::now();
    let truth: Vec<Vec<i64>> =
        data.queries.iter().map(|q| brute(&data, q, TOP).into_iter().map(|(id, _)| id).collect()).collect();
    eprintln!("   exact top {TOP} of {QUERIES} queries in {}", secs(start.elapsed()));
    let near: f32 = data.queries.iter().map(|q| brute(&data, q, 1)[0].1).sum::<f32>() / QUERIES as f32;
    let tenth: f32 = data.queries.iter().take(20).map(|q| brute(&data, q, TOP)[TOP - 1].1).sum::<f32>() / 20.0;
    eprintln!("   mean cosine of the nearest: {near:.3}, of the 10th (20 queries): {tenth:.3}");
    let mut rows = Vec::new();

    let (p50, p99, timed, recall) = measure(&data, &truth, |q| brute(&data, q, TOP));
    rows.push(Row {
        method: "b_brute_f32".into(),
        p50,
        p99,
        timed,
        build: "none (the f32 vectors as they are)".into(),
        memory: mb((n * DIM * 4) as u64),
        recall,
    });

    // (a): quantize, sign bits, index.
    let t = Instant::now();
    let mut bytes = Vec::with_capacity(n * Quantized::ROW);
    let mut bits = Vec::with_capacity(n);
    for v in data.vectors.chunks_exact(DIM) {
        bytes.extend_from_slice(&quantize(v));
        bits.push(sign_bits(v));
    }
    let quantized = Quantized { bytes };
    let encode = t.elapsed();
    let t = Instant::now();
    let mut index = Index::new(DIM);
    for (i, b) in bits.iter().enumerate() {
        index.push(i as i64 + 1, b);
    }
    let push = t.elapsed();
    let (p50, p99, timed, recall) = measure(&data, &truth, |q| index_rescore(&index, &quantized, q));
    rows.push(Row {
        method: "a_index_rescore".into(),
        p50,
        p99,
        timed,
        build: format!("{} encode + {} push", secs(encode), secs(push)),
        memory: format!("{} index + {} int8", mb(index.memory_bytes() as u64), mb(quantized.bytes.len() as u64)),
        recall,
    });
    let (p50, p99, ..) =
        measure(&data, &truth, |q| index.nearest(&sign_bits(q), K).into_iter().map(|(id, d)| (id, d as f32)).collect());
    rows.push(Row {
        method: "a_nearest_only".into(),
        p50,
        p99,
        timed: QUERIES,
        build: "(same index)".into(),
        memory: "(same)".into(),
        recall: f64::NAN,
    });

    // How recall of (a) moves with the number of candidates rescored.
    let by_candidates: Vec<String> = [50, 100, 200, 500, 1000]
        .iter()
        .map(|&k| {
            let found: usize = data
                .queries
                .iter()
                .zip(&truth)
                .map(|(q, want)| {
                    let candidates = index.nearest(&sign_bits(q), k);
                    let got = rescore(q, candidates.iter().map(|&(id, _)| (id, quantized.get(id))));
                    got.iter().filter(|(id, _)| want.contains(id)).count()
                })
                .sum();
            format!("{k}: {:.3}", found as f64 / (QUERIES * TOP) as f64)
        })
        .collect();
    eprintln!("   recall@{TOP} of a_index_rescore by candidates rescored: {}", by_candidates.join(", "));

    // (a) against SQLite: the table, loading the index from it, rescoring from it.
    let (cv_path, cv, cv_insert) = build_claim_vectors(&data, &quantized, &bits);
    let cv_size = db_bytes(&cv);
    let t = Instant::now();
    let loaded = load_index(&cv);
    let load = t.elapsed();
    assert_eq!(loaded.len(), n);
    let (p50, p99, timed, recall) = measure(&data, &truth, |q| index_rescore_sql(&loaded, &cv, q));
    rows.push(Row {
        method: "a_index_rescore_sql".into(),
        p50,
        p99,
        timed,
        build: format!("{} insert, {} load index", secs(cv_insert), secs(load)),
        memory: format!("{} file + index", mb(cv_size)),
        recall,
    });
    drop(bits);

    // (c): sqlite-vec.
    register_sqlite_vec();
    let version: String =
        Connection::open_in_memory().unwrap().query_row("SELECT vec_version()", [], |r| r.get(0)).unwrap();
    let max = data.vectors.iter().fold(0f32, |m, x| m.max(x.abs()));
    let int8_scale = 127.0 / max;
    let mut tables = Vec::new();
    for kind in [VecKind::Float, VecKind::Int8, VecKind::Bit, VecKind::Rescore] {
        eprintln!("   sqlite-vec {version}: filling a {} table…", kind.column());
        match VecTable::build(&data, kind, int8_scale) {
            Ok((table, insert)) => {
                let size = db_bytes(&table.conn);
                for (i, &k) in kind.ks().iter().enumerate() {
                    let (p50, p99, timed, recall) = measure(&data, &truth, |q| table.query(q, k, &quantized));
                    rows.push(Row {
                        method: kind.label(k),
                        p50,
                        p99,
                        timed,
                        build: if i == 0 { format!("{} insert", secs(insert)) } else { "(same table)".into() },
                        memory: if i == 0 { format!("{} file", mb(size)) } else { "(same)".into() },
                        recall,
                    });
                }
                tables.push(table);
            }
            Err(e) => eprintln!("   sqlite-vec {version} cannot make a {} table: {e}", kind.column()),
        }
    }
    print_table(n, &rows);

    // Criterion, one query at a time, cycling through the queries.
    let mut g = c.benchmark_group(format!("vector_store_{n}"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
    let queries = &data.queries;
    let mut i = 0usize;
    let mut next = move || {
        i = (i + 1) % QUERIES;
        &queries[i]
    };
    g.bench_function("a_index_rescore", |b| b.iter(|| black_box(index_rescore(&index, &quantized, next()))));
    g.bench_function("a_index_rescore_sql", |b| b.iter(|| black_box(index_rescore_sql(&loaded, &cv, next()))));
    g.bench_function("b_brute_f32", |b| b.iter(|| black_box(brute(&data, next(), TOP))));
    for table in &tables {
        for &k in table.kind.ks() {
            g.bench_function(table.kind.label(k), |b| b.iter(|| black_box(table.query(next(), k, &quantized))));
        }
    }
    g.finish();
    drop(cv);
    remove_db(&cv_path);
}

/// Recall of the binary index on real all-MiniLM-L6-v2 embeddings of synthetic claims.
fn real_recall(n: usize) {
    use factdesk_core::language::embed::Embedder;
    let embedder = match Embedder::load(&factdesk_core::paths::model_dir()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("real embeddings skipped: {e}");
            return;
        }
    };
    let texts: Vec<String> =
        factdesk_core::synthetic::generate_claims(0, n + QUERIES, 11).into_iter().map(|c| c.text).collect();
    let t = Instant::now();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut vectors = Vec::with_capacity(refs.len());
    for chunk in refs.chunks(256) {
        vectors.extend(embedder.embed(chunk).unwrap());
    }
    eprintln!("real embeddings: {} texts embedded in {}", refs.len(), secs(t.elapsed()));
    let (stored, queries) = vectors.split_at(n);
    let mut index = Index::new(DIM);
    let mut bytes = Vec::new();
    for (i, v) in stored.iter().enumerate() {
        index.push(i as i64 + 1, &sign_bits(v));
        bytes.extend_from_slice(&quantize(v));
    }
    let quantized = Quantized { bytes };
    for k in [50, 100, K, 500] {
        let mut found = 0;
        for q in queries {
            let want: HashSet<i64> = top_k(stored.iter().enumerate().map(|(i, v)| (dot(q, v), i as i64 + 1)), TOP)
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let candidates = index.nearest(&sign_bits(q), k);
            let got = rescore(q, candidates.iter().map(|&(id, _)| (id, quantized.get(id))));
            found += got.iter().filter(|(id, _)| want.contains(id)).count();
        }
        eprintln!(
            "real embeddings, {n} claims: recall@{TOP} of the index with {k} candidates: {:.3}",
            found as f64 / (queries.len() * TOP) as f64
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let sizes: Vec<usize> = std::env::var("FACTDESK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().replace('_', "").parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    if let Some(n) = std::env::var("FACTDESK_BENCH_REAL").ok().and_then(|s| s.replace('_', "").parse().ok()) {
        real_recall(n);
    }
    for n in sizes {
        run_size(&mut c, n);
    }
    c.final_summary();
}
