//! Every importer (ClaimReview, JSON bundle, claims CSV, article files) against damaged input
//! (issue 11): the reproductions of defects found by fuzzing, the regression corpus of every input
//! that ever broke an importer (`tests/fuzz-corpus/<importer>/`), and a bounded seeded fuzzer per
//! importer over the real fixtures, held to one oracle (see `fuzzing/mod.rs`).
//!
//! Each fuzzer runs for `FUZZ_SECONDS` (default 2 s, at least 50 inputs) from seed `FUZZ_SEED`
//! (hex; default fixed, so the same inputs come first every run); `make fuzz` runs the ignored
//! `fuzz_longer` for longer from a fresh seed. An input that fails is made smaller and kept in the
//! corpus before the test fails, so it is replayed from then on.
//! The shared fixtures are read in place from `../shared/fixtures`; without them the fuzzers start
//! from the project's own inputs and say so.

mod fuzzing;

use factdesk_core::interchange::{self, ImportAction, ImportKind, ImportOptions};
use factdesk_core::{Error, Store};
use fuzzing::{Bench, Importer, Input, Mode};

const SEED: u64 = 0x5eed_fac7_de5c_0011;

fn seconds(default: f64) -> f64 {
    std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// `FUZZ_SEED`, in hex.
fn seed() -> Option<u64> {
    std::env::var("FUZZ_SEED").ok().and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
}

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(dir.path().join("w.factdesk")).unwrap()
}

// ---- defect 1: a syntax error next to a non-ASCII character ----

#[test]
fn curly_quotes_in_either_json_importer_are_named_at_their_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store(&tmp);
    let pasted = "{\u{201c}@type\u{201d}: 1}".as_bytes();
    for kind in [ImportKind::ClaimReview, ImportKind::Json] {
        let err = interchange::import(&mut store, kind, pasted, ImportOptions::default()).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, Error::Validation { field: "file", .. }), "{err:?}");
        assert!(msg.starts_with("The file is not valid JSON at line 1, column 2: a field name in straight double quotes"), "{msg}");
        assert!(msg.contains("curly quote") && msg.contains("word processor") && msg.ends_with("Nothing was imported."), "{msg}");
    }
    // Past non-ASCII text, cut short inside a character's record, or not UTF-8 at all.
    let bundle = "{\"factdesk_export\": 1, \"claims\": [{\"text\": \"Le ministre a dit « non »\", \"summary\": \u{2019}x\u{2019}}]}";
    let msg = interchange::import_json(&mut store, bundle.as_bytes(), false).unwrap_err().to_string();
    assert!(msg.contains("line 1, column 84 (in record 1, the 1st claim of the file): a value was expected"), "{msg}");
    let msg = interchange::import_claimreview(&mut store, "[{\"claimReviewed\": \"Ça".as_bytes(), false).unwrap_err().to_string();
    assert!(msg.contains("line 1, column 23") && msg.contains("cut short"), "{msg}");
    let msg = interchange::import_csv(&mut store, b"claim_uuid,text\n,caf\xe9\n", false).unwrap_err().to_string();
    assert!(msg.contains("line 2, column 5 has a byte (0xE9) that is not UTF-8"), "{msg}");
}

// ---- defect 5: a NUL in a record ----

fn skipped_with(report: &interchange::ImportReport, position: usize, why: &str) {
    let item = &report.items[position - 1];
    assert_eq!(item.action, ImportAction::Skip, "{item:?}");
    assert_eq!(item.reason, why);
}

#[test]
fn a_record_holding_a_nul_is_skipped_by_name_in_every_importer() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store(&tmp);
    let claimreview = br#"[{"@type": "ClaimReview", "claimReviewed": "\u0000"},
        {"@type": "ClaimReview", "claimReviewed": "Taxes rose by 40% last year", "url": "https://fc.example/a"},
        {"@type": "ClaimReview", "claimReviewed": "ok", "itemReviewed": {"author": {"name": [" \u0000Ann"]}}},
        {"@type": "ClaimReview", "claimReviewed": "Other control characters\u0001 are kept", "url": "https://fc.example/b"}]"#;
    let mut v1: serde_json::Value = serde_json::from_slice(&std::fs::read(fuzzing::interchange_file("bundle-v1.json")).unwrap()).unwrap();
    v1["claims"][0]["text"] = "\0".into();
    v1["claims"][2]["claimant"]["name"] = "\0".into();
    v1["claims"][3]["text"] = "Other control characters\u{1b} are kept".into();
    v1["claims"].as_array_mut().unwrap().truncate(4);
    let bundle = serde_json::to_vec(&v1).unwrap();
    let csv = b"claim_uuid,text,claimant\n,\0,\n,Rents doubled since 2015,\n,ok,\"\0Ann\"\n,Other control characters\x07 are kept,\n";
    let nul = "holds a NUL character (U+0000), which no text holds (is the file damaged?)";
    for (kind, bytes, first, third) in [
        (ImportKind::ClaimReview, &claimreview[..], "claimReviewed", "itemReviewed.author.name[0]"),
        (ImportKind::Json, &bundle[..], "text", "claimant.name"),
        (ImportKind::Csv, &csv[..], "the text cell", "the claimant cell"),
    ] {
        for dry_run in [true, false] {
            let r = interchange::import(&mut store, kind, bytes, ImportOptions { strict: false, dry_run })
                .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            skipped_with(&r, 1, &format!("{first} {nul}"));
            skipped_with(&r, 3, &format!("{third} {nul}"));
            assert_eq!(r.skipped, 2, "{kind:?}: {:?}", r.items);
        }
        let err = interchange::import(&mut store, kind, bytes, ImportOptions { strict: true, dry_run: false }).unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        assert!(err.to_string().starts_with("Record ") && err.to_string().contains(nul), "{err}");
    }
    // A character reference to NUL is not decoded into one: it stays as written.
    let r = interchange::import_claimreview(&mut store, br#"{"@type": "ClaimReview", "claimReviewed": "&#0;entity"}"#, false).unwrap();
    assert_eq!((r.created, r.items[0].claim.as_str()), (1, "&#0;entity"), "{:?}", r.items);
}

// ---- the regression corpus and the fuzzers ----

#[test]
fn every_input_that_ever_broke_an_importer_is_handled() {
    let mut replayed = 0;
    for importer in Importer::ALL {
        let corpus = fuzzing::corpus(importer);
        let mut bench = Bench::new(importer);
        for (path, input) in &corpus {
            // Every mode; an article (cargo-fuzz keeps them without an extension) as each kind of file.
            let modes: &[Mode] = if importer == Importer::Article { &[Mode::Import] } else { &Mode::ALL };
            let exts: &[&str] = if importer == Importer::Article { &["html", "txt", "md"] } else { &["json"] };
            for (&mode, ext) in modes.iter().flat_map(|m| exts.iter().map(move |e| (m, e))) {
                let input = Input { ext: ext.to_string(), ..input.clone() };
                if let Err(why) = bench.check(importer, &input, mode) {
                    panic!("{} ({mode:?}, .{ext}) {why}", path.display());
                }
            }
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} inputs of the regression corpus");
    assert!(replayed >= 4, "the corpus is in tests/fuzz-corpus");
}

fn fuzz(importer: Importer) {
    if fuzzing::shared_fixtures().is_none() && matches!(importer, Importer::ClaimReview | Importer::Article) {
        eprintln!("note: the shared fixtures (../shared/fixtures) are absent: fuzzing from the project's own inputs only");
    }
    let (seed, started) = (seed().unwrap_or(SEED), std::time::Instant::now());
    match fuzzing::fuzz(importer, seed, seconds(2.0), 50, false) {
        Ok(n) => eprintln!("fuzz {}: {n} inputs in {:.1} s, seed {seed:#x}", importer.name(), started.elapsed().as_secs_f64()),
        Err(why) => panic!("{why}"),
    }
}

#[test]
fn fuzz_claimreview() {
    fuzz(Importer::ClaimReview);
}

#[test]
fn fuzz_json_bundle() {
    fuzz(Importer::Json);
}

#[test]
fn fuzz_claims_csv() {
    fuzz(Importer::Csv);
}

#[test]
fn fuzz_article_files() {
    fuzz(Importer::Article);
}

/// `make fuzz`: every importer (or only `FUZZ_IMPORTER`) for `FUZZ_SECONDS` each (default 60),
/// from a seed of the clock unless `FUZZ_SEED` is given, going on past failures to report each kind.
#[test]
#[ignore = "long: run by make fuzz"]
fn fuzz_longer() {
    let seed = seed().unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
    let only = std::env::var("FUZZ_IMPORTER").unwrap_or_default();
    let mut failed = Vec::new();
    for importer in Importer::ALL.into_iter().filter(|i| only.is_empty() || only == i.name()) {
        match fuzzing::fuzz(importer, seed, seconds(60.0), 0, true) {
            Ok(n) => eprintln!("fuzz {}: {n} inputs, seed {seed:#x}, no failure", importer.name()),
            Err(why) => {
                eprintln!("{why}");
                failed.push(why);
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// `make fuzz`: the seeds written where cargo-fuzz starts from (`FUZZ_SEEDS_DIR`).
#[test]
#[ignore = "run by make fuzz"]
fn write_fuzz_seeds() {
    let dir = std::env::var("FUZZ_SEEDS_DIR").expect("FUZZ_SEEDS_DIR: where to write the seeds");
    fuzzing::write_seeds(std::path::Path::new(&dir));
}
