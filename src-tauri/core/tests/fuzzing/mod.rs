//! The importers' fuzzing harness, shared by `tests/import_fuzz.rs` (bounded runs in the normal
//! test run, the regression corpus, longer runs behind `make fuzz`) and the cargo-fuzz targets in
//! `fuzz/` (which include this file by path).
//!
//! - [`Bench`] is a real workspace file to import into and the oracle every input is held to: no
//!   panic; an error is a Validation or Conflict a checker can read (never Storage, never raw SQL);
//!   an import lands whole (the claims it reports created are the rows added) or changes nothing
//!   (every table's row count, before and after); a preview changes nothing either.
//! - [`Mutator`] makes inputs from real ones: bytes flipped, cut, spliced and "interesting" tokens
//!   inserted (curly quotes, NUL, broken UTF-8), and for JSON and CSV, values replaced inside a
//!   record that still parses, so the inputs reach the code that stores records, not only the parser.
#![allow(dead_code)]

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use factdesk_core::interchange::{self, ImportKind, ImportOptions};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::Store;
use rusqlite::Connection;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    ClaimReview,
    Json,
    Csv,
    Article,
}

impl Importer {
    pub const ALL: [Importer; 4] = [Importer::ClaimReview, Importer::Json, Importer::Csv, Importer::Article];

    pub fn name(self) -> &'static str {
        match self {
            Importer::ClaimReview => "claimreview",
            Importer::Json => "json",
            Importer::Csv => "csv",
            Importer::Article => "article",
        }
    }
}

/// One input: its bytes and, for an article, the file extension it is opened with.
#[derive(Debug, Clone)]
pub struct Input {
    pub bytes: Vec<u8>,
    pub ext: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Preview,
    Import,
    Strict,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Preview, Mode::Import, Mode::Strict];
}

/// A workspace file to import into, put back as it was after every import that wrote.
pub struct Bench {
    dir: tempfile::TempDir,
    template: PathBuf,
    path: PathBuf,
    store: Option<Store>,
    reader: Connection,
    dirty: bool,
}

impl Bench {
    /// The demo workspace for ClaimReview and articles (so reviews and articles meet claims and
    /// sources already there); an empty one for our own JSON and CSV, so their records are created.
    pub fn new(importer: Importer) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("template.factdesk");
        {
            let mut s = Store::open(&template).unwrap();
            if matches!(importer, Importer::ClaimReview | Importer::Article) {
                factdesk_core::demo::seed(&mut s).unwrap();
            }
        }
        let path = dir.path().join("work.factdesk");
        std::fs::copy(&template, &path).unwrap();
        let store = Some(Store::open(&path).unwrap());
        let reader = Connection::open(&path).unwrap();
        Bench { dir, template, path, store, reader, dirty: false }
    }

    fn reset(&mut self) {
        self.store = None;
        self.reader = Connection::open_in_memory().unwrap();
        for end in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{end}", self.path.display()));
        }
        std::fs::copy(&self.template, &self.path).unwrap();
        self.store = Some(Store::open(&self.path).unwrap());
        self.reader = Connection::open(&self.path).unwrap();
        self.dirty = false;
    }

    /// Rows in every table of the workspace (the full-text index's own tables too).
    fn counts(&self) -> Vec<(String, i64)> {
        let names: Vec<String> = self
            .reader
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        names
            .into_iter()
            .map(|t| {
                let n = self.reader.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
                (t, n)
            })
            .collect()
    }

    /// One input of cargo-fuzz (`fuzz/`): libFuzzer's bytes, with the mode (and for an article the
    /// extension) picked by their length, held to the oracle; a failure panics, which libFuzzer keeps.
    pub fn check_bytes(&mut self, importer: Importer, data: &[u8]) {
        let ext = ["html", "txt", "md"][data.len() % 3];
        let mode = if importer == Importer::Article { Mode::Import } else { Mode::ALL[data.len() / 3 % 3] };
        if let Err(why) = self.check(importer, &Input { bytes: data.to_vec(), ext: ext.into() }, mode) {
            panic!("{} ({mode:?}, .{ext}) {why}", importer.name());
        }
    }

    /// Imports `input` and holds the outcome to the oracle; `Err` says how it failed.
    pub fn check(&mut self, importer: Importer, input: &Input, mode: Mode) -> Result<(), String> {
        if self.dirty {
            self.reset();
        }
        let before = self.counts();
        let store = self.store.as_mut().unwrap();
        let dir = self.dir.path().to_path_buf();
        let run = panic::catch_unwind(AssertUnwindSafe(|| import(store, &dir, importer, input, mode)));
        let after = self.counts();
        let changed = changes(&before, &after);
        // An article is only ever added (by its text); the others must find the workspace as it was.
        self.dirty = !changed.is_empty() && importer != Importer::Article;
        match run {
            Err(p) => {
                let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
                Err(format!("panicked: {}", msg.unwrap_or_default()))
            }
            Ok(Err(e)) => {
                let (kind, msg) = (e.kind(), e.to_string());
                if !matches!(kind, "Validation" | "Conflict") {
                    return Err(format!("failed with a {kind} error, not one a checker can act on: {msg}"));
                }
                if ["constraint", "sqlite", "sql ", "database", "no such"].iter().any(|w| msg.to_lowercase().contains(w)) {
                    return Err(format!("its message shows the database's own words: {msg}"));
                }
                if !changed.is_empty() {
                    return Err(format!("failed ({msg}) but changed the workspace: {changed:?}"));
                }
                Ok(())
            }
            Ok(Ok(created)) => {
                let claims = changed.iter().find(|(t, _)| t == "claims").map_or(0, |(_, d)| *d);
                match mode {
                    Mode::Preview if !changed.is_empty() => Err(format!("a preview changed the workspace: {changed:?}")),
                    Mode::Import | Mode::Strict if importer != Importer::Article && claims != created as i64 => {
                        Err(format!("reported {created} claims created, but {claims} claim rows were added: {changed:?}"))
                    }
                    _ => Ok(()),
                }
            }
        }
    }
}

/// Runs one import; Ok holds the number of claims it reports created.
fn import(store: &mut Store, dir: &Path, importer: Importer, input: &Input, mode: Mode) -> factdesk_core::Result<usize> {
    let kind = match importer {
        Importer::ClaimReview => ImportKind::ClaimReview,
        Importer::Json => ImportKind::Json,
        Importer::Csv => ImportKind::Csv,
        Importer::Article => {
            let path = dir.join(format!("article.{}", input.ext));
            std::fs::write(&path, &input.bytes).unwrap();
            let article = factdesk_core::article::import_file(store, &path)?;
            serde_json::to_string(&article).unwrap();
            return Ok(0);
        }
    };
    let opts = ImportOptions { strict: mode == Mode::Strict, dry_run: mode == Mode::Preview };
    let report = interchange::import(store, kind, &input.bytes, opts)?;
    assert_eq!(report.found, report.items.len(), "every record found is listed");
    serde_json::to_string(&report).unwrap();
    Ok(report.created)
}

fn changes(before: &[(String, i64)], after: &[(String, i64)]) -> Vec<(String, i64)> {
    after
        .iter()
        .zip(before)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((t, a), (_, b))| (t.clone(), a - b))
        .collect()
}

// ---- inputs ----

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared real-world fixtures (`/work/shared/fixtures`, beside the checkout), when present.
pub fn shared_fixtures() -> Option<PathBuf> {
    let dir = manifest().join("../../../shared/fixtures");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path, exts: &[&str]) -> Vec<Input> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?.to_string();
            exts.contains(&ext.as_str()).then(|| Input { bytes: std::fs::read(&p).unwrap(), ext })
        })
        .collect()
}

/// Real inputs to start from: the shared fixtures (when present), the project's own, and the
/// demo workspace exported in each format an importer reads.
pub fn seeds(importer: Importer) -> Vec<Input> {
    let shared = shared_fixtures();
    let mut seeds = match importer {
        Importer::ClaimReview => {
            let mut s: Vec<Input> = files(&manifest().join("tests/interchange"), &["json"])
                .into_iter()
                .filter(|i| !i.bytes.starts_with(b"{\n  \"factdesk_export\""))
                .collect();
            if let Some(d) = &shared {
                s.extend(files(&d.join("claimreview"), &["json"]));
            }
            s
        }
        Importer::Article => {
            let mut s = files(&manifest().join("../../tests/fixtures/web"), &["html"]);
            s.extend(files(&manifest().join("../../tests/fixtures/articles"), &["txt"]).into_iter().take(4));
            if let Some(d) = &shared {
                s.extend(files(&d.join("articles"), &["txt"]));
            }
            s.push(Input { bytes: b"# A headline\n\nThe minister said 40% of the budget went to roads in 2023.\n".to_vec(), ext: "md".into() });
            s
        }
        Importer::Json => vec![Input { bytes: std::fs::read(interchange_file("bundle-v1.json")).unwrap(), ext: "json".into() }],
        Importer::Csv => Vec::new(),
    };
    if importer != Importer::Article {
        let format = match importer {
            Importer::ClaimReview => Format::ClaimReview,
            Importer::Json => Format::Json,
            _ => Format::Csv,
        };
        let dir = tempfile::tempdir().unwrap();
        let mut demo = Store::open(dir.path().join("demo.factdesk")).unwrap();
        factdesk_core::demo::seed(&mut demo).unwrap();
        let opts = ExportOptions { desk_name: Some("Demo Desk".into()), publication_url: Some("https://desk.example/checks/".into()), generated_at: None };
        let bytes = report::export(&demo, &Selection::all(), format, &opts).unwrap().bytes;
        seeds.push(Input { bytes, ext: if importer == Importer::Csv { "csv".into() } else { "json".into() } });
    }
    // What once broke an importer is a good place to start again.
    seeds.extend(corpus(importer).into_iter().map(|(_, input)| input));
    seeds
}

/// A file of the project's own interchange fixtures.
pub fn interchange_file(name: &str) -> PathBuf {
    manifest().join("tests/interchange").join(name)
}

/// The regression corpus: every input that ever broke an importer, replayed by a test.
pub fn corpus_dir(importer: Importer) -> PathBuf {
    manifest().join("tests/fuzz-corpus").join(importer.name())
}

pub fn corpus(importer: Importer) -> Vec<(PathBuf, Input)> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(corpus_dir(importer)).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("txt").to_string();
            let bytes = std::fs::read(&p).unwrap();
            (p, Input { bytes, ext })
        })
        .collect()
}

/// Writes the seeds into `dir/<importer>/`, where `make fuzz` starts cargo-fuzz from.
pub fn write_seeds(dir: &Path) {
    for importer in Importer::ALL {
        let d = dir.join(importer.name());
        std::fs::create_dir_all(&d).unwrap();
        for (i, s) in seeds(importer).iter().enumerate() {
            std::fs::write(d.join(format!("seed-{i}.{}", s.ext)), &s.bytes).unwrap();
        }
    }
}

/// Keeps an input that broke an importer in the regression corpus; returns where.
pub fn keep(importer: Importer, input: &Input) -> PathBuf {
    let hash = input.bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let dir = corpus_dir(importer);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("found-{hash:016x}.{}", input.ext));
    std::fs::write(&path, &input.bytes).unwrap();
    path
}

// ---- mutation ----

/// A small seeded generator (splitmix64): the same seed makes the same inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Tokens that broke or might break a reader, inserted anywhere (bytes, so UTF-8 can break too).
const TOKENS: &[&[u8]] = &[
    "\u{201c}".as_bytes(), "\u{201d}".as_bytes(), "\u{2019}".as_bytes(), "é".as_bytes(), "😀".as_bytes(), b"\"", b"'",
    b",", b":", b"{", b"}", b"[", b"]", b"\\", b"\\u0000", b"\\u0001", b"\\ud800", b"\\n", b"&#0;", b"&#x1b;", b"&amp;",
    b"\0", b"\x01", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\r\n", b"\n", b"\t", b" ", b"null", b"true", b"-1e999", b"1e400",
    b"0", b"\"\"", b"<script>", b"</title>", b"<title>", b"=", b"'=", b"#", b"javascript:",
];

/// Values that broke or might break what stores a record.
fn strings() -> Vec<String> {
    vec![
        "\0".into(), "\0claim".into(), "a\u{1}b".into(), "\u{7f}".into(), "\u{1b}[31m".into(), "&#0;".into(), "&#1;x".into(),
        "\u{201c}quoted\u{201d}".into(), " ".into(), "".into(), "\u{a0}".into(), "\u{200b}".into(), "\u{feff}".into(),
        "\u{202e}txt".into(), "x".repeat(5_001), "é".repeat(2_600), "w ".repeat(3_000), "2024-02-30".into(), "2999-12-31".into(),
        "31/02/2024".into(), "0000-01-01".into(), "2024-01-01T25:61:00Z".into(), "javascript:alert(1)".into(),
        "https://example.org/a?utm_source=x".into(), "http://".into(), "0190f3a0-0000-7000-8000-00000000c001".into(),
        "0190f3a0-0000-7000-8000-00000000c002".into(), "not-a-uuid".into(), "published".into(), "corrected".into(),
        "archived".into(), "supports".into(), "confidential".into(), "false".into(), "Pants on Fire!".into(),
        "Robert'); DROP TABLE claims;--".into(), "=cmd|' /C calc'!A0".into(), "'=1+2".into(), "-3".into(), "NaN".into(),
        "1e999".into(), "#".into(), "en".into(), "xx-Latn-toolong-language-code-value-1234".into(), "<b>bold</b>".into(),
    ]
}

fn values(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(1e300),
        4 => serde_json::json!(u64::MAX),
        5 => serde_json::json!([]),
        6 => serde_json::json!({}),
        7 => serde_json::json!(["a", null, 3]),
        _ => Value::String(rng.pick(&strings()).clone()),
    }
}

pub struct Mutator {
    pub importer: Importer,
    pub seeds: Vec<Input>,
    pub rng: Rng,
}

impl Mutator {
    pub fn new(importer: Importer, seed: u64) -> Mutator {
        Mutator { importer, seeds: seeds(importer), rng: Rng(seed) }
    }

    /// A new input: a seed changed one to four times.
    pub fn next(&mut self) -> Input {
        let mut input = self.rng.pick(&self.seeds).clone();
        for _ in 0..1 + self.rng.below(4) {
            let structured = match (self.importer, self.rng.below(10)) {
                (Importer::ClaimReview | Importer::Json, 0..=4) => self.json(&input.bytes),
                (Importer::Csv, 0..=4) => self.csv(&input.bytes),
                _ => None,
            };
            input.bytes = match structured {
                Some(b) => b,
                None => self.bytes(input.bytes),
            };
        }
        input
    }

    fn bytes(&mut self, mut b: Vec<u8>) -> Vec<u8> {
        let rng = &mut self.rng;
        let at = rng.below(b.len() + 1);
        match rng.below(8) {
            0..=2 => {
                let t = *rng.pick(TOKENS);
                b.splice(at..at, t.iter().copied());
            }
            3 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            4 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            5 => {
                let end = (at + 1 + rng.below(256)).min(b.len());
                let chunk = b[at..end].to_vec();
                b.splice(at..at, chunk);
            }
            6 => b.truncate(at),
            _ => {
                let other = &rng.pick(&self.seeds).bytes;
                let from = rng.below(other.len());
                let chunk = other[from..(from + 1 + rng.below(512)).min(other.len())].to_vec();
                b.splice(at..at, chunk);
            }
        }
        b
    }

    /// A JSON input with one value inside it replaced, changed, taken out or copied from elsewhere.
    fn json(&mut self, b: &[u8]) -> Option<Vec<u8>> {
        let mut v: Value = serde_json::from_slice(b).ok()?;
        let n = nodes(&v);
        let donor = nth(&mut v, self.rng.below(n)).clone();
        let target = self.rng.below(n);
        let rng = &mut self.rng;
        let node = nth(&mut v, target);
        match (rng.below(6), &mut *node) {
            (0, Value::Object(m)) if !m.is_empty() => {
                let k = m.keys().nth(rng.below(m.len())).cloned().unwrap();
                m.remove(&k);
            }
            (0, Value::Array(a)) if !a.is_empty() => {
                let i = rng.below(a.len());
                let e = a[i].clone();
                if rng.below(2) == 0 {
                    a.insert(i, e);
                } else {
                    a.remove(i);
                }
            }
            (1, Value::String(s)) => {
                let at = s.floor_char_boundary(rng.below(s.len() + 1));
                s.insert_str(at, rng.pick::<String>(&strings()));
            }
            (2, _) => *node = donor,
            _ => *node = values(rng),
        }
        Some(if rng.below(2) == 0 { serde_json::to_vec(&v).ok()? } else { serde_json::to_vec_pretty(&v).ok()? })
    }

    /// A CSV input with one cell replaced or changed, or a row copied, dropped or given a cell more.
    fn csv(&mut self, b: &[u8]) -> Option<Vec<u8>> {
        let mut rows = parse_csv(std::str::from_utf8(b).ok()?);
        if rows.len() < 2 {
            return None;
        }
        let rng = &mut self.rng;
        let r = 1 + rng.below(rows.len() - 1);
        let c = rng.below(rows[r].len().max(1));
        match rng.below(8) {
            0 => {
                let row = rows[r].clone();
                rows.insert(r, row);
            }
            1 => {
                rows.remove(r);
            }
            2 => rows[r].push(rng.pick(&strings()).clone()),
            3 => {
                let other = rng.below(rows[0].len());
                rows[0].swap(c.min(other), other);
            }
            _ if c < rows[r].len() => {
                let cell = &mut rows[r][c];
                if rng.below(2) == 0 {
                    *cell = rng.pick(&strings()).clone();
                } else {
                    let at = cell.floor_char_boundary(rng.below(cell.len() + 1));
                    cell.insert_str(at, rng.pick::<String>(&strings()));
                }
            }
            _ => return None,
        }
        let quote = |c: &String| format!("\"{}\"", c.replace('"', "\"\""));
        let text: Vec<String> = rows.iter().map(|r| r.iter().map(quote).collect::<Vec<_>>().join(",")).collect();
        Some((text.join(if rng.below(2) == 0 { "\r\n" } else { "\n" }) + "\n").into_bytes())
    }
}

fn nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(nodes).sum(),
        Value::Object(m) => m.values().map(nodes).sum(),
        _ => 0,
    }
}

/// The `n`th value of `v`, depth first (0 is `v` itself).
fn nth(v: &mut Value, mut n: usize) -> &mut Value {
    if n == 0 {
        return v;
    }
    n -= 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(m) => m.values_mut().collect(),
        _ => unreachable!("n is below the node count"),
    };
    for c in children {
        let size = nodes(c);
        if n < size {
            return nth(c, n);
        }
        n -= size;
    }
    unreachable!("n is below the node count")
}

/// RFC 4180 rows, leniently (the mutator's own reading, not the importer's).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Runs the mutator against the oracle for `seconds` (at least `min_inputs` inputs) and returns
/// how many inputs ran. An input that fails is kept in the corpus and reported; the run stops at
/// the first, or with `keep_going` goes on and reports one input per distinct failure.
pub fn fuzz(importer: Importer, seed: u64, seconds: f64, min_inputs: usize, keep_going: bool) -> Result<usize, String> {
    let mut m = Mutator::new(importer, seed);
    let mut bench = Bench::new(importer);
    let started = std::time::Instant::now();
    let (mut n, mut failures) = (0, Vec::<(String, String)>::new());
    while n < min_inputs || started.elapsed().as_secs_f64() < seconds {
        let input = m.next();
        let mode = if importer == Importer::Article { Mode::Import } else { *m.rng.pick(&[Mode::Preview, Mode::Preview, Mode::Import, Mode::Strict]) };
        n += 1;
        let Err(why) = bench.check(importer, &input, mode) else { continue };
        let kind = signature(&why);
        if failures.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let input = minimize(&mut bench, importer, input, mode, &kind);
        let kept = keep(importer, &input);
        failures.push((kind, format!("{} input {n} (seed {seed:#x}, {mode:?}) {why}\n  kept as {}", importer.name(), kept.display())));
        if !keep_going {
            break;
        }
    }
    if failures.is_empty() {
        Ok(n)
    } else {
        Err(format!("{} of {n} inputs failed in {} ways:\n{}", importer.name(), failures.len(), failures.into_iter().map(|(_, f)| f).collect::<Vec<_>>().join("\n")))
    }
}

/// A failure's kind: its message without what differs from input to input (numbers, quoted text).
fn signature(why: &str) -> String {
    let cut = ["`", "“", "it is inside"].iter().filter_map(|m| why.find(m)).min().unwrap_or(why.len());
    why[..cut].chars().filter(|c| !c.is_ascii_digit()).take(140).collect()
}

/// A smaller input that fails the same way: JSON values, else runs of bytes, taken out one by
/// one while the failure stays (bounded in time), so the corpus keeps readable inputs.
pub fn minimize(bench: &mut Bench, importer: Importer, mut input: Input, mode: Mode, kind: &str) -> Input {
    let started = std::time::Instant::now();
    let fails = |bench: &mut Bench, candidate: &Input| {
        started.elapsed().as_secs() < 20 && bench.check(importer, candidate, mode).is_err_and(|w| signature(&w) == kind)
    };
    if let Ok(mut v) = serde_json::from_slice::<Value>(&input.bytes) {
        let mut i = 1;
        while i < nodes(&v) {
            let mut smaller = v.clone();
            remove_nth(&mut smaller, i);
            let candidate = Input { bytes: serde_json::to_vec_pretty(&smaller).unwrap(), ..input.clone() };
            if fails(bench, &candidate) {
                (v, input) = (smaller, candidate);
            } else {
                i += 1;
            }
        }
        return input;
    }
    let mut chunk = input.bytes.len() / 2;
    while chunk > 0 {
        let mut at = 0;
        while at < input.bytes.len() {
            let mut bytes = input.bytes.clone();
            bytes.drain(at..(at + chunk).min(bytes.len()));
            let candidate = Input { bytes, ..input.clone() };
            if fails(bench, &candidate) {
                input = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    input
}

/// Takes the `n`th value of `v` (depth first, `n` > 0) out of its list or object.
fn remove_nth(v: &mut Value, mut n: usize) -> bool {
    let len = match v {
        Value::Array(a) => a.len(),
        Value::Object(m) => m.len(),
        _ => return false,
    };
    for i in 0..len {
        let child = match v {
            Value::Array(a) => &mut a[i],
            Value::Object(m) => m.values_mut().nth(i).unwrap(),
            _ => unreachable!(),
        };
        if n == 1 {
            match v {
                Value::Array(a) => drop(a.remove(i)),
                Value::Object(m) => {
                    let k = m.keys().nth(i).cloned().unwrap();
                    m.remove(&k);
                }
                _ => unreachable!(),
            }
            return true;
        }
        let size = nodes(child);
        if n - 1 < size {
            return remove_nth(child, n - 1);
        }
        n -= size;
    }
    false
}
