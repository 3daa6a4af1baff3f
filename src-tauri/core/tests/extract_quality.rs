//! Extraction quality, measured on labelled articles: the real news in `../shared/fixtures/articles`
//! (read in place; skipped with a message where it is absent) and our own set in
//! `tests/fixtures/articles`. Run with `--nocapture` to see the tables:
//!
//! cargo test -p factdesk-core --test extract_quality -- --nocapture

use std::path::{Path, PathBuf};

use factdesk_core::extract::{extract, Candidate, CandidateKind};
use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    labelled: usize,
    found: usize,
    reported: usize,
    correct: usize,
    numeric: usize,
    numeric_found: usize,
    /// Labelled opinions, questions and predictions, and how many of them scored 0.35 or more.
    opinions: usize,
    opinions_high: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.labelled += o.labelled;
        self.found += o.found;
        self.reported += o.reported;
        self.correct += o.correct;
        self.numeric += o.numeric;
        self.numeric_found += o.numeric_found;
        self.opinions += o.opinions;
        self.opinions_high += o.opinions_high;
    }
    fn recall(&self) -> f64 {
        if self.labelled == 0 { 1.0 } else { self.found as f64 / self.labelled as f64 }
    }
    fn precision(&self) -> f64 {
        if self.reported == 0 { 1.0 } else { self.correct as f64 / self.reported as f64 }
    }
    fn numeric_recall(&self) -> f64 {
        if self.numeric == 0 { 1.0 } else { self.numeric_found as f64 / self.numeric as f64 }
    }
}

struct Label {
    contains: String,
    speaker: String,
}

fn pair_matches(c: &Candidate, l: &Label) -> bool {
    matches!(c.kind, CandidateKind::Quote | CandidateKind::Attributed)
        && norm(&c.text).contains(&norm(&l.contains))
        && c.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(&l.speaker.to_lowercase()))
}

/// Score one article; `misses` collects what went wrong, for the printout.
fn measure(text: &str, expect: &Value, with_precision: bool, misses: &mut Vec<String>) -> Tally {
    let cands = extract(text);
    let labels: Vec<Label> = expect["quotes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|q| Label { contains: q["contains"].as_str().unwrap().into(), speaker: q["speaker"].as_str().unwrap().into() })
                .collect()
        })
        .unwrap_or_default();
    let mut t = Tally { labelled: labels.len(), ..Tally::default() };
    for l in &labels {
        if cands.iter().any(|c| pair_matches(c, l)) {
            t.found += 1;
        } else {
            let near = cands.iter().find(|c| norm(&c.text).contains(&norm(&l.contains)));
            misses.push(format!(
                "  missed ({}) “{}” — {}",
                l.speaker,
                l.contains,
                near.map(|c| format!("found as {} with speaker {:?}", c.kind.as_str(), c.speaker)).unwrap_or_else(|| "no candidate holds it".into())
            ));
        }
    }
    if with_precision {
        for c in cands.iter().filter(|c| c.kind == CandidateKind::Quote && words(&c.text) >= 6) {
            t.reported += 1;
            if labels.iter().any(|l| pair_matches(c, l)) {
                t.correct += 1;
            } else {
                misses.push(format!("  wrong/unlabelled quote ({:?}) “{}”", c.speaker, c.text.chars().take(90).collect::<String>()));
            }
        }
    }
    // Opinions, questions and predictions the article states must rank low.
    for o in expect["opinions"].as_array().into_iter().flatten() {
        let o = norm(o.as_str().unwrap());
        let c = cands.iter().find(|c| norm(&c.text).contains(&o));
        t.opinions += 1;
        if let Some(c) = c.filter(|c| c.score >= 0.35) {
            t.opinions_high += 1;
            misses.push(format!("  opinion scored high ({:.2}, {:?}): {o}", c.score, c.reasons));
        }
    }
    for n in expect["numeric"].as_array().into_iter().flatten() {
        let n = norm(n.as_str().unwrap());
        t.numeric += 1;
        if cands.iter().any(|c| c.kind == CandidateKind::Numeric && (norm(&c.text).contains(&n) || n.contains(&norm(&c.text)))) {
            t.numeric_found += 1;
        } else {
            misses.push(format!("  numeric missed: {n}"));
        }
    }
    t
}

fn run_set(dir: &Path, with_precision: bool, title: &str) -> Tally {
    // One block of output per set, so parallel tests do not interleave their tables.
    let mut buf = String::new();
    macro_rules! out {
        ($($t:tt)*) => {{ buf.push_str(&format!($($t)*)); buf.push('\n'); }};
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expect.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no labelled articles in {}", dir.display());
    out!("\n{title} ({})", dir.display());
    out!("{:<34} {:>6} {:>6} {:>9} {:>10} {:>8}", "article", "quotes", "found", "recall", "precision", "numeric");
    let mut total = Tally::default();
    let mut all_misses = Vec::new();
    for n in &names {
        let text = std::fs::read_to_string(dir.join(format!("{n}.txt"))).unwrap();
        let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{n}.expect.json"))).unwrap()).unwrap();
        let mut misses = Vec::new();
        let t = measure(&text, &expect, with_precision, &mut misses);
        out!(
            "{:<34} {:>6} {:>6} {:>9.2} {:>10} {:>3}/{:<4}",
            n,
            t.labelled,
            t.found,
            t.recall(),
            if with_precision { format!("{:.2}", t.precision()) } else { "-".into() },
            t.numeric_found,
            t.numeric
        );
        if !misses.is_empty() {
            all_misses.push(format!("{n}:\n{}", misses.join("\n")));
        }
        total.add(t);
    }
    out!(
        "{:<34} {:>6} {:>6} {:>9.2} {:>10} {:>3}/{:<4} (numeric recall {:.2})",
        "ALL",
        total.labelled,
        total.found,
        total.recall(),
        if with_precision { format!("{:.2} ({}/{})", total.precision(), total.correct, total.reported) } else { "-".into() },
        total.numeric_found,
        total.numeric,
        total.numeric_recall()
    );
    out!("opinions, questions and predictions scored 0.35 or more: {}/{}", total.opinions_high, total.opinions);
    for m in all_misses {
        out!("{m}");
    }
    eprint!("{buf}");
    total
}

#[test]
fn real_news_quote_speaker_recall() {
    let dir = repo_root().join("../shared/fixtures/articles");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} is absent, so the real-news measurement did not run", dir.display());
        return;
    }
    let t = run_set(&dir, false, "Real news (shared, read in place): recall of (quote, speaker) pairs");
    assert!(t.recall() >= 0.9, "recall {:.2} below 0.9", t.recall());
    assert!(t.numeric_recall() >= 0.9, "numeric recall {:.2} below 0.9", t.numeric_recall());
}

#[test]
fn our_set_quote_speaker_precision_and_recall() {
    let dir = repo_root().join("tests/fixtures/articles");
    let t = run_set(&dir, true, "Our labelled set: precision and recall of (quote, speaker) pairs");
    let n = std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".expect.json")).count();
    assert!(n >= 15, "only {n} labelled articles");
    assert!(t.recall() >= 0.9, "recall {:.2} below 0.9", t.recall());
    assert!(t.precision() >= 0.9, "precision {:.2} below 0.9", t.precision());
    assert!(t.numeric_recall() >= 0.9, "numeric recall {:.2} below 0.9", t.numeric_recall());
    assert_eq!(t.opinions_high, 0, "labelled opinions ranked as check-worthy");
}

#[test]
fn seed_story_ryder_macron_and_the_aid_package() {
    let path = repo_root().join("../shared/fixtures/articles/us-no-troops-ukraine.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: {} is absent", path.display());
        return;
    };
    let c = extract(&text);
    let quote = |needle: &str| {
        c.iter()
            .find(|c| c.kind == CandidateKind::Quote && c.text.contains(needle))
            .unwrap_or_else(|| panic!("no quote holding {needle:?}"))
    };
    for needle in ["no plans to send US service members", "The president has been pretty clear", "I can really only speak in broad terms", "literally people working around the clock"] {
        let q = quote(needle);
        assert_eq!(q.speaker.as_deref(), Some("Pat Ryder"), "{needle}");
        assert_eq!(q.speaker_role.as_deref(), Some("Pentagon Press Secretary"), "{needle}");
    }
    let m = quote("nothing should be ruled out");
    assert_eq!(m.speaker.as_deref(), Some("Emmanuel Macron"));
    assert_eq!(m.speaker_role.as_deref(), Some("French President"));
    let aid = c.iter().find(|c| c.text.contains("$60 billion aid package")).expect("the aid package sentence");
    assert_eq!(aid.kind, CandidateKind::Numeric);
    // A specific amount outranks vague quotations: the aid package is among the top three.
    let rank = c.iter().position(|x| x.text.contains("$60 billion aid package")).unwrap();
    assert!(rank < 3, "the $60 billion sentence ranks {} of {}: {:?}", rank + 1, c.len(), c.iter().take(4).map(|x| (&x.text, x.score)).collect::<Vec<_>>());
    // Offsets are code points into the input.
    let chars: Vec<char> = text.chars().collect();
    for x in &c {
        assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.text);
    }
}

/// Held-out set: articles written without looking at the engine, in `tests/fixtures/articles-heldout`.
/// Its failures were analysed and fixed with general rules, so it now holds the same floor as our set
/// (0.9); the second held-out set below is the honest measure of generalisation.
///
/// cargo test -p factdesk-core --test extract_quality -- --nocapture heldout
#[test]
fn heldout_set_report() {
    let t = heldout_report("articles-heldout", 6, "Held-out set (analysed, then fixed with general rules)");
    assert!(t.recall() >= 0.9, "held-out recall {:.2} below 0.9", t.recall());
    assert!(t.precision() >= 0.9, "held-out precision {:.2} below 0.9", t.precision());
    assert_eq!(t.opinions_high, 0, "labelled opinions ranked as check-worthy");
}

/// Second held-out set, `tests/fixtures/articles-heldout2`: written and labelled after the engine
/// changes and before the engine was run on it, and not tuned on afterwards. Its figures are printed,
/// not asserted; only the set's integrity (labels present in the text, offsets) is checked.
#[test]
fn heldout2_set_report() {
    heldout_report("articles-heldout2", 5, "Held-out set 2 (reported, not asserted; never tuned on)");
}

/// Third held-out set, `tests/fixtures/articles-heldout3` (see its README): written blind after the
/// engine's attribution fixes, never tuned on. Reported with the same floors as the other sets, so
/// the figure in the closing note is also what the test holds.
#[test]
fn heldout3_set_report() {
    let t = heldout_report("articles-heldout3", 6, "Held-out set 3 (written blind, never tuned on)");
    assert!(t.recall() >= 0.9, "held-out 3 recall {:.2} below 0.9", t.recall());
    assert!(t.precision() >= 0.9, "held-out 3 precision {:.2} below 0.9", t.precision());
}

fn heldout_report(sub: &str, min_articles: usize, title: &str) -> Tally {
    let dir = repo_root().join("tests/fixtures").join(sub);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expect.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= min_articles, "only {} labelled articles in {sub}", names.len());
    for n in &names {
        let text = std::fs::read_to_string(dir.join(format!("{n}.txt"))).unwrap_or_else(|e| panic!("{n}.txt: {e}"));
        let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{n}.expect.json"))).unwrap())
            .unwrap_or_else(|e| panic!("{n}.expect.json: {e}"));
        let quotes = expect["quotes"].as_array().unwrap_or_else(|| panic!("{n}: no \"quotes\" array"));
        assert!(!quotes.is_empty(), "{n}: no labelled quotes");
        for q in quotes {
            let (c, s) = (q["contains"].as_str(), q["speaker"].as_str());
            assert!(c.is_some() && s.is_some(), "{n}: label without contains/speaker: {q}");
            assert!(norm(&text).contains(&norm(c.unwrap())), "{n}: label text not in article: {q}");
        }
        for x in expect["numeric"].as_array().unwrap_or_else(|| panic!("{n}: no \"numeric\" array")) {
            assert!(norm(&text).contains(&norm(x.as_str().unwrap())), "{n}: numeric label not in article: {x}");
        }
        // Offsets are code points into the input.
        let chars: Vec<char> = text.chars().collect();
        for c in extract(&text) {
            assert!(c.start <= c.end && c.end <= chars.len(), "{n}: offsets {}..{} out of range", c.start, c.end);
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text, "{n}: offsets do not match text");
        }
    }
    let t = run_set(&dir, true, &format!("{title}: precision and recall of (quote, speaker) pairs"));
    eprintln!(
        "{sub} summary: {} articles, recall {:.2} ({}/{}), precision {:.2} ({}/{}), numeric recall {:.2} ({}/{})",
        names.len(),
        t.recall(),
        t.found,
        t.labelled,
        t.precision(),
        t.correct,
        t.reported,
        t.numeric_recall(),
        t.numeric_found,
        t.numeric
    );
    t
}
