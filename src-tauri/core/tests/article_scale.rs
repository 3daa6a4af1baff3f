//! Big articles (issue 17): repeats merge into one candidate with a count, the import tells how
//! far it is and can be cancelled with nothing kept, and the best candidates are matched at once
//! while the others wait for the window to ask.
//!
//! The timing at the end is ignored by default; run it on the shared real articles made 1 MB and
//! 5 MB long with
//! `cargo test -p factdesk-core --test article_scale -- --ignored --nocapture scale_1mb` (or `scale_5mb`).

use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;

use factdesk_core::article::{self, read_paste};
use factdesk_core::model::*;
use factdesk_core::{Error, Store};
use rusqlite::Connection;

const STORY: &str = "Harbour council backs dredging plan\n\
Port Ellery's council approved a €48 million harbour budget on Thursday, ending a year of delays.\n\
\"We cannot let the northern channel silt up for another winter,\" said Mayor Ines Valdar, who chairs the harbour board.\n\
Valdar said the first dredgers would arrive in April.\n\
Opposition councillor Tomas Reyes called the plan \"a gift to the shipping companies that the town will pay for twice.\"\n\
The budget sets aside €12 million for dredging and €3.5 million for new quay lighting.\n";

fn open() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn count(path: &Path, table: &str) -> i64 {
    Connection::open(path).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn paste(text: &str) -> ArticlePaste {
    ArticlePaste { text: text.into(), publisher: "Ellery Gazette".into(), ..Default::default() }
}

fn chars_at(text: &str, s: u32, e: u32) -> String {
    text.chars().skip(s as usize).take((e - s) as usize).collect()
}

#[test]
fn identical_sentences_are_one_candidate_with_a_count() {
    let (_d, _p, mut store) = open();
    let once = article::import(&mut store, &read_paste(&paste(STORY)).unwrap()).unwrap();
    assert!(once.candidates.iter().all(|c| c.count == 1 && c.repeats.is_empty()), "nothing repeats in the story");
    // The story three times over, with the second copy's line breaks and spaces changed.
    let thrice = format!("{STORY}\n{}\n{STORY}", STORY.replace("harbour budget on", "harbour  budget on"));
    let (_d2, _p2, mut store2) = open();
    let a = article::import(&mut store2, &read_paste(&paste(&thrice)).unwrap()).unwrap();
    let texts = |a: &Article| {
        let mut t: Vec<String> = a.candidates.iter().map(|c| c.candidate.text.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        t.sort();
        t
    };
    assert_eq!(texts(&a), texts(&once), "the same candidates, once each");
    for c in &a.candidates {
        assert_eq!(c.count, 3, "{:?} is said three times", c.candidate.text);
        assert_eq!(c.repeats.len(), 2);
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for &(s, e) in &c.repeats {
            assert!(s as usize >= c.candidate.end || (e as usize) <= c.candidate.start, "a repeat is elsewhere");
            assert_eq!(norm(&chars_at(&a.text, s, e)), norm(&c.candidate.text), "a repeat's offsets point at the same words");
        }
    }
    // Still best first.
    assert!(a.candidates.windows(2).all(|w| w[0].candidate.score >= w[1].candidate.score));
}

#[test]
fn a_decision_shows_again_on_the_merged_candidate() {
    let (_d, _p, mut store) = open();
    let twice = format!("{STORY}\n{STORY}");
    let a = article::import(&mut store, &read_paste(&paste(&twice)).unwrap()).unwrap();
    let c = a.candidates.iter().find(|c| c.candidate.text.contains("first dredgers")).unwrap();
    article::reject_candidate(&mut store, &a.capture_uuid, c.candidate.start as u32, c.candidate.end as u32).unwrap();
    let again = article::get(&store, &a.source.uuid).unwrap();
    let c2 = again.candidates.iter().find(|c| c.candidate.text.contains("first dredgers")).unwrap();
    assert_eq!(c2.decision, Some(Decision::Rejected));
    assert_eq!(c2.count, 2);
}

/// Imports `text` with `progress`, answering what `stop` says about each event.
fn import_with(store: &mut Store, text: &str, stop: impl Fn(&ArticleProgress) -> bool) -> (Result<Article, Error>, Vec<ArticleProgress>) {
    let f = read_paste(&paste(text)).unwrap();
    let mut seen = Vec::new();
    let out = article::import_until(&RefCell::new(store), &f, Some(2), &mut |p| {
        seen.push(p);
        !stop(&p)
    });
    (out, seen)
}

/// A long article of our own: the story with its numbers changed in every copy, so few
/// sentences repeat.
fn long_story(copies: usize) -> String {
    (0..copies).map(|i| STORY.replace("48", &format!("{}", 48 + i)).replace("April", &format!("April {}", i + 1))).collect::<Vec<_>>().join("\n")
}

#[test]
fn progress_reaches_the_total_of_each_stage() {
    let (_d, path, mut store) = open();
    let text = long_story(40);
    let (out, seen) = import_with(&mut store, &text, |_| false);
    let a = out.unwrap();
    let last = |stage| seen.iter().rev().find(|p| p.stage == stage).copied().unwrap_or_else(|| panic!("no {stage:?} in {seen:?}"));
    let reading = last(ArticleStage::Reading);
    assert!(reading.total > 40 && reading.done == reading.total, "{reading:?}");
    assert!(seen.iter().filter(|p| p.stage == ArticleStage::Reading).count() >= 2, "reading tells how far it is: {seen:?}");
    let matching = last(ArticleStage::Matching);
    assert_eq!((matching.done, matching.total), (2, 2), "the best two are matched at once");
    assert_eq!(last(ArticleStage::Saving), ArticleProgress { stage: ArticleStage::Saving, done: 1, total: 1 });
    // Done never goes back within a stage, and the stages come in order.
    for w in seen.windows(2) {
        assert!((w[0].stage as u8, w[0].done) <= (w[1].stage as u8, w[1].done), "{:?} then {:?}", w[0], w[1]);
    }
    assert!(a.candidates[..2].iter().all(|c| c.matched));
    assert!(a.candidates[2..].iter().all(|c| !c.matched && c.similar.is_empty()));
    assert_eq!(count(&path, "sources"), 1);
}

#[test]
fn a_cancelled_import_keeps_nothing_at_any_stage() {
    for stage in [ArticleStage::Reading, ArticleStage::Matching, ArticleStage::Saving] {
        let (_d, path, mut store) = open();
        // A claim to match against, so matching has work to do.
        store.create_claim(&ClaimInput { text: "The council approved a €48 million harbour budget.".into(), ..ClaimInput::default() }).unwrap();
        let text = long_story(40);
        let (out, seen) = import_with(&mut store, &text, |p| p.stage == stage && (p.done > 0 || stage != ArticleStage::Reading));
        match out {
            Err(Error::Cancelled(msg)) => assert!(msg.contains("nothing was kept"), "{msg}"),
            other => panic!("{stage:?}: expected a cancellation, got {:?}", other.map(|a| a.candidates.len())),
        }
        assert_eq!(seen.last().unwrap().stage, stage, "it stopped at once");
        assert_eq!(count(&path, "sources"), 0, "{stage:?}: no source kept");
        assert_eq!(count(&path, "captures"), 0, "{stage:?}: no capture kept");
        assert_eq!(count(&path, "article_decisions"), 0);
        // The same paste afterwards imports normally.
        let (again, _) = import_with(&mut store, &text, |_| false);
        let again = again.unwrap();
        assert!(!again.existing, "{stage:?}: the cancelled import left nothing behind");
        assert_eq!(count(&path, "sources"), 1);
    }
}

#[test]
fn candidates_not_matched_at_import_are_matched_on_demand() {
    let (_d, _p, mut store) = open();
    let claim = store.create_claim(&ClaimInput { text: "Valdar said the first dredgers would arrive in April.".into(), ..ClaimInput::default() }).unwrap();
    let f = read_paste(&paste(STORY)).unwrap();
    let a = article::import_until(&RefCell::new(&mut store), &f, Some(0), &mut |_| true).unwrap();
    assert!(a.candidates.iter().all(|c| !c.matched));
    let asks: Vec<(String, Option<String>)> = a.candidates.iter().map(|c| (c.candidate.text.clone(), None)).collect();
    let similar = article::similar_for(&store, &asks).unwrap();
    let i = a.candidates.iter().position(|c| c.candidate.text.contains("first dredgers")).unwrap();
    assert_eq!(similar[i].first().map(|s| s.uuid.as_str()), Some(claim.uuid.as_str()));
    // The whole import (as the CLI does it) matches them all.
    let (_d2, _p2, mut store2) = open();
    let all = article::import(&mut store2, &f).unwrap();
    assert!(all.candidates.iter().all(|c| c.matched));
}

// ---- Timing on the shared real articles, 1 MB and 5 MB (ignored by default). ----

/// The shared real articles one after another until `bytes` long; with `vary`, every digit of a
/// copy is shifted by the copy's number, so its numeric sentences do not repeat the copy before.
fn real_articles(bytes: usize, vary: bool) -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let base = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect::<Vec<_>>().join("\n");
    let mut out = String::new();
    let mut copy = 0u32;
    while out.len() < bytes {
        if vary {
            out.extend(base.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_digit((d + copy) % 10, 10).unwrap())));
        } else {
            out.push_str(&base);
        }
        out.push('\n');
        copy += 1;
    }
    Some(out)
}

fn peak_rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0
}

fn time_one(label: &str, text: &str) {
    let (_d, _p, mut store) = open();
    factdesk_core::demo::seed(&mut store).ok();
    // With SCALE_MODEL=<model folder>, matching by meaning too, as the app does.
    if let Some(dir) = std::env::var_os("SCALE_MODEL") {
        let e = factdesk_core::language::embed::Embedder::load(Path::new(&dir)).unwrap();
        let t = Instant::now();
        e.embed(&["warm up"]).unwrap();
        store.attach_embedder(std::sync::Arc::new(e)).unwrap();
        factdesk_core::matching::index_queued(&mut store, |_, _| {}).unwrap();
        println!("{label}: model attached, demo indexed in {:.2?}", t.elapsed());
        let texts: Vec<String> = article::merge_repeats(factdesk_core::extract::extract(text)).into_iter().take(100).map(|c| c.candidate.text).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let t = Instant::now();
        store.embedder().unwrap().embed(&refs).unwrap();
        println!("{label}: embedding 100 candidates alone {:.2?}", t.elapsed());
        let t = Instant::now();
        for c in refs.chunks(16) { store.embedder().unwrap().embed(c).unwrap(); }
        println!("{label}: the same in sixteens {:.2?}", t.elapsed());
    }
    let t = Instant::now();
    let found = factdesk_core::extract::extract(text);
    let t_extract = t.elapsed();
    let n_found = found.len();
    let t = Instant::now();
    let merged = article::merge_repeats(found);
    let t_merge = t.elapsed();
    let t = Instant::now();
    let asks: Vec<(String, Option<String>)> = merged.iter().take(100).map(|c| (c.candidate.text.clone(), None)).collect();
    article::similar_for(&store, &asks).unwrap();
    let t_match100 = t.elapsed();
    let f = read_paste(&paste(text)).unwrap();
    let t = Instant::now();
    let mut events = 0;
    let a = article::import_until(&RefCell::new(&mut store), &f, Some(100), &mut |_| {
        events += 1;
        true
    })
    .unwrap();
    let t_import = t.elapsed();
    let json = serde_json::to_vec(&a).unwrap().len();
    println!(
        "{label}: {:.2} MB, {n_found} sentences found, {} candidates after merging; extract {:.2?}, merge {:.2?}, match 100 {:.2?}; \
         import (match 100, save) {:.2?} with {events} progress events; answer {:.2} MB of JSON; peak RSS {:.0} MB",
        text.len() as f64 / 1048576.0,
        merged.len(),
        t_extract,
        t_merge,
        t_match100,
        t_import,
        json as f64 / 1048576.0,
        peak_rss_mb()
    );
    // What matching every candidate (as before) costs, on a sample, per candidate.
    let sample: Vec<(String, Option<String>)> = a.candidates.iter().skip(100).take(500).map(|c| (c.candidate.text.clone(), None)).collect();
    let t = Instant::now();
    article::similar_for(&store, &sample).unwrap();
    let per = t.elapsed().as_secs_f64() / sample.len().max(1) as f64;
    println!("{label}: matching costs {:.2} ms a candidate: {:.1} s for all {n_found} unmerged", per * 1000.0, per * n_found as f64);
}

#[test]
#[ignore]
fn scale_1mb() {
    let Some(text) = real_articles(1 << 20, false) else { return eprintln!("no shared articles") };
    time_one("1 MB repeated", &text);
    time_one("1 MB varied", &real_articles(1 << 20, true).unwrap());
}

#[test]
#[ignore]
fn scale_5mb() {
    let Some(text) = real_articles(5 << 20, false) else { return eprintln!("no shared articles") };
    time_one("5 MB repeated", &text);
    time_one("5 MB varied", &real_articles(5 << 20, true).unwrap());
}
