//! Similar-claim matching measured on a labelled set of our own (issue 4, "Finding things"):
//! `tests/fixtures/matching/claims.json` at the repo root holds query claims, each with claims that
//! say the same thing in other words (relevant) and near misses that share most words but say
//! something else. All of them, plus ~300 generated distractors, go into a real workspace file; each
//! query (not itself stored) is matched and the top 5 are scored.
//!
//! Metrics (over queries, top 5 of `Store::similar_claims(query, None, 5)`):
//! - MAP@5: mean of AP@5 = (1 / min(R, 5)) · Σ over ranks k ≤ 5 holding a relevant claim of P@k,
//!   where R is the number of relevant claims for the query;
//! - recall@5: mean share of the query's relevant claims in its top 5;
//! - near-miss rate: share of all near misses that appear in a top 5 at all (a near miss is never
//!   a correct suggestion, whatever its rank);
//! - near misses outranking: share of all near misses ranked above the query's best-ranked
//!   relevant claim (or shown when no relevant claim is).
//!
//! `cargo test -p factdesk-core --test matching_quality -- --nocapture` prints the table.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use factdesk_core::language::terms::{content_terms, MIN_CONTENT_WORDS};
use factdesk_core::language::embed::Embedder;
use factdesk_core::matching::{self, similar_claims};
use factdesk_core::model::ClaimInput;
use factdesk_core::{paths, Store};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    id: String,
    /// The group's language: "en", "es", …, or "query>claims" ("en>fr") for a cross-lingual group.
    /// Only `blind4.json` sets it; the older sets are all English.
    #[serde(default)]
    lang: String,
    query: String,
    same: Vec<String>,
    near: Vec<String>,
}

fn fixture() -> Fixture {
    fixture_named("claims.json")
}

fn fixture_named(name: &str) -> Fixture {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/matching").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A tiny deterministic generator so the distractors are the same every run.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        items[((self.0 >> 33) % items.len() as u64) as usize]
    }

    fn num(&mut self, lo: u64, hi: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        lo + (self.0 >> 33) % (hi - lo + 1)
    }
}

const PLACES: &[&str] = &[
    "Northvale", "Eastmere", "Corran County", "Port Brisk", "the Tallow Valley", "Westgarth", "Lindham",
    "Old Kessing", "the Sorrel Isles", "Marrowby", "Fenwick Bay", "Upper Dray",
];
const WHO: &[&str] = &[
    "The finance minister", "Senator Halvorsen", "The opposition leader", "Governor Ibekwe", "The mayor",
    "A union spokesperson", "The health minister", "Councillor Marsh", "The chancellor", "A campaign group",
];
const THINGS: &[&str] = &[
    "bus routes", "public libraries", "youth clubs", "police stations", "maternity wards", "fire stations",
    "post offices", "swimming pools", "care homes", "village schools",
];
const SECTORS: &[&str] = &[
    "manufacturing", "farming", "retail", "construction", "tourism", "fishing", "the steel industry",
    "hospitality", "shipbuilding", "mining",
];
const MEASURES: &[&str] = &[
    "unemployment", "inflation", "the crime rate", "average rent", "the birth rate", "turnout",
    "the poverty rate", "house building", "energy use", "water use",
];
const RISES: &[&str] = &["rose", "fell", "climbed", "dropped", "edged up", "slipped"];
const MONTHS: &[&str] = &["January", "February", "April", "May", "June", "August", "September", "December"];
const GROUPS: &[&str] = &[
    "pensioners", "nurses", "farmers", "young drivers", "first-time buyers", "carers", "apprentices",
    "bus drivers", "junior doctors", "small landlords",
];
const GOODS: &[&str] = &["wheat", "copper", "timber", "coffee", "natural gas", "cotton", "rice", "aluminium"];
const ANIMALS: &[&str] = &["otters", "red kites", "beavers", "hedgehogs", "salmon", "puffins", "bats", "water voles"];

/// About 300 claims on the queries' kinds of topic (money, jobs, health, prices, places) that say
/// nothing any query says: invented places and people, other subjects.
fn distractors() -> Vec<String> {
    let mut r = Lcg(7);
    let mut out = Vec::new();
    for _ in 0..20 {
        let (p, p2, w) = (r.pick(PLACES), r.pick(PLACES), r.pick(WHO));
        let (n, m, y) = (r.num(2, 90), r.num(2, 900), r.num(1995, 2024));
        let (sector, measure, month, group) = (r.pick(SECTORS), r.pick(MEASURES), r.pick(MONTHS), r.pick(GROUPS));
        let (thing, good, animal, rise) = (r.pick(THINGS), r.pick(GOODS), r.pick(ANIMALS), r.pick(RISES));
        out.extend([
            format!("{w} said {p} has closed {m} {thing} since {y}."),
            format!("{} in {p} {rise} to {n}.{} % in {month}, according to the statistics office.", cap(measure), n % 10),
            format!("Jobs in {sector} in {p} have {} by {n}% over the past decade.", if n % 2 == 0 { "grown" } else { "shrunk" }),
            format!("{w} claims {group} in {p} are {n}% worse off than in {y}."),
            format!("The price of {good} has {} to its {} level since {y}.", if m % 2 == 0 { "climbed" } else { "sunk" }, if m % 2 == 0 { "highest" } else { "lowest" }),
            format!("Numbers of wild {animal} in {p} have recovered to {m} breeding pairs."),
            format!("{p} will spend £{m} million on {thing} over the next {} years, {w} announced.", n % 9 + 2),
            format!("{w} promised that every one of the {group} in {p2} would get a pay rise of {n}%."),
            format!("A survey found that {n}% of {group} in {p} cannot afford to heat their homes."),
            format!("Exports of {good} from {p} were worth ${m} million in {y}, twice the figure for {p2}."),
            format!("Waiting times for {thing} in {p} have not improved since {y}, a watchdog said."),
            format!("{p} has more {thing} per head than anywhere else in the region."),
            format!("Since {y} the number of {group} in {sector} has fallen by {m} thousand."),
            format!("{w} said the tax on {good} would be scrapped by {}.", y + 5),
            format!("Voter turnout in {p} was {n}% at the last election, the lowest since {y}."),
        ]);
    }
    let set: HashSet<&String> = out.iter().collect();
    assert!(set.len() > 280, "distractors should be mostly distinct: {}", set.len());
    out
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn claim(text: &str) -> ClaimInput {
    ClaimInput { text: text.into(), ..Default::default() }
}

/// The installed matching model, loaded once; None (after saying why) when it is absent.
fn model(test: &str) -> Option<Arc<Embedder>> {
    static MODEL: OnceLock<Option<Arc<Embedder>>> = OnceLock::new();
    let loaded = MODEL.get_or_init(|| {
        let dir = paths::model_dir();
        dir.is_dir().then(|| {
            Arc::new(Embedder::load(&dir).unwrap_or_else(|e| panic!("the model in {} does not load: {e}", dir.display())))
        })
    });
    if loaded.is_none() {
        eprintln!(
            "SKIPPED {test}: no model folder at {} (run `make model`, or set FACTDESK_MODEL to a model folder)",
            paths::model_dir().display()
        );
    }
    loaded.clone()
}

struct Built {
    _dir: tempfile::TempDir,
    store: Store,
}

fn build(fx: &Fixture, extra: &[String], model: Option<&Arc<Embedder>>) -> (Built, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("matching.factdesk")).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for g in &fx.groups {
        texts.extend(g.same.iter().cloned());
        texts.extend(g.near.iter().cloned());
    }
    texts.extend(distractors());
    texts.extend(extra.iter().cloned());
    let queries: HashSet<&str> = fx.groups.iter().map(|g| g.query.as_str()).collect();
    assert!(texts.iter().all(|t| !queries.contains(t.as_str())), "a query is never itself in the store");
    let inputs: Vec<ClaimInput> = texts.iter().map(|t| claim(t)).collect();
    let uuids = store.create_claims(&inputs).unwrap();
    if let Some(m) = model {
        store.attach_embedder(m.clone()).unwrap();
        let indexed = matching::index_queued(&mut store, |_, _| {}).unwrap();
        assert_eq!(indexed as usize, uuids.len(), "every stored claim gets a vector");
    }
    let by_text = uuids.into_iter().zip(texts).collect();
    (Built { _dir: dir, store }, by_text)
}

/// One query's scores.
struct Scored {
    lang: String,
    ap: f64,
    recall: f64,
    near: usize,
    near_shown: usize,
    near_above: usize,
}

struct Metrics {
    map: f64,
    recall: f64,
    near_rate: f64,
    above_rate: f64,
}

/// Matches every query of `fx` against a workspace holding all its groups' claims and the
/// distractors, prints the table, and returns the totals.
fn measure(fx: &Fixture, title: &str, model: Option<&Arc<Embedder>>) -> Metrics {
    let rows = score(fx, title, model);
    metrics(&rows.iter().collect::<Vec<_>>())
}

/// The metrics over some of the queries scored together (the share of near misses counts near
/// misses, so groups with more of them weigh more).
fn metrics(rows: &[&Scored]) -> Metrics {
    assert!(!rows.is_empty(), "no queries");
    let q = rows.len() as f64;
    let near: usize = rows.iter().map(|r| r.near).sum();
    Metrics {
        map: rows.iter().map(|r| r.ap).sum::<f64>() / q,
        recall: rows.iter().map(|r| r.recall).sum::<f64>() / q,
        near_rate: rows.iter().map(|r| r.near_shown).sum::<usize>() as f64 / near as f64,
        above_rate: rows.iter().map(|r| r.near_above).sum::<usize>() as f64 / near as f64,
    }
}

/// Prints one summary line for some of the queries scored together, and returns their metrics.
fn report(label: &str, rows: &[&Scored]) -> Metrics {
    let m = metrics(rows);
    let near: usize = rows.iter().map(|r| r.near).sum();
    let shown: usize = rows.iter().map(|r| r.near_shown).sum();
    let above: usize = rows.iter().map(|r| r.near_above).sum();
    println!(
        "{label:<34} {:>3} queries: MAP@5 {:.3}  recall@5 {:.3}  near misses shown {shown}/{near} ({:.3})  \
         outranking a relevant claim {above}/{near} ({:.3})",
        rows.len(),
        m.map,
        m.recall,
        m.near_rate,
        m.above_rate
    );
    m
}

/// Matches every query of `fx` against a workspace holding all its groups' claims and the
/// distractors, prints the table and the totals, and returns each query's scores.
fn score(fx: &Fixture, title: &str, model: Option<&Arc<Embedder>>) -> Vec<Scored> {
    let title = format!("{title}, {}", model.map_or("by words alone (no model)".to_string(), |m| format!("by meaning ({}) and words", m.model_name())));
    println!("\n{title}");
    let (built, stored) = build(fx, &[], model);
    let text_of = |uuid: &str| stored.iter().find(|(u, _)| u == uuid).map(|(_, t)| t.as_str()).unwrap();
    let mut rows = Vec::new();
    println!("\n{:<26} {:>6} {:>6} {:>5} {:>5}  top 5 (+ same, x near miss, . other)", "query", "AP@5", "R@5", "near", "above");
    let mut misses = Vec::new();
    for g in &fx.groups {
        let same: HashSet<&str> = g.same.iter().map(String::as_str).collect();
        let near: HashSet<&str> = g.near.iter().map(String::as_str).collect();
        let top = similar_claims(&built.store, &g.query, None, 5).unwrap();
        assert!(top.len() <= 5);
        let (mut hits, mut sum_p, mut near_shown, mut near_above) = (0usize, 0f64, 0usize, 0usize);
        let mut marks = String::new();
        for (k, s) in top.iter().enumerate() {
            let text = text_of(&s.uuid);
            if same.contains(text) {
                hits += 1;
                sum_p += hits as f64 / (k + 1) as f64;
                marks.push('+');
            } else if near.contains(text) {
                near_shown += 1;
                if hits == 0 {
                    near_above += 1;
                }
                marks.push('x');
            } else {
                marks.push('.');
            }
        }
        let ap = sum_p / same.len().min(5) as f64;
        let recall = hits as f64 / same.len() as f64;
        // FACTDESK_MATCH_VERBOSE=1 lists the relevant claims shown too, with what each differs by.
        let verbose = std::env::var_os("FACTDESK_MATCH_VERBOSE").is_some();
        if verbose {
            misses.push(format!("  {:<24} QUERY: {}", g.id, g.query));
        }
        for s in &top {
            let text = text_of(&s.uuid);
            if !same.contains(text) {
                misses.push(format!("  {:<24} shown {:.2}: {text}{}", g.id, s.score, if verbose { format!("  {:?}", s.differs) } else { String::new() }));
            } else if verbose {
                misses.push(format!("  {:<24} same  {:.2}: {text}  {:?}", g.id, s.score, s.differs));
            }
        }
        for m in &g.same {
            if !top.iter().any(|s| text_of(&s.uuid) == m) {
                misses.push(format!("  {:<24} MISSED: {m}", g.id));
            }
        }
        println!("{:<26} {ap:>6.2} {recall:>6.2} {near_shown:>5} {near_above:>5}  {marks}", g.id);
        rows.push(Scored { lang: g.lang.clone(), ap, recall, near: near.len(), near_shown, near_above });
    }
    let Metrics { map, recall, near_rate, above_rate } = metrics(&rows.iter().collect::<Vec<_>>());
    let near: usize = rows.iter().map(|r| r.near).sum();
    println!("\nnot relevant shown / relevant missed:\n{}", misses.join("\n"));
    println!(
        "\n{} queries, {} claims stored: MAP@5 {map:.3}  recall@5 {recall:.3}  near misses shown {}/{} ({near_rate:.3})  \
         outranking a relevant claim {}/{} ({above_rate:.3})",
        rows.len(),
        stored.len(),
        rows.iter().map(|r| r.near_shown).sum::<usize>(),
        near,
        rows.iter().map(|r| r.near_above).sum::<usize>(),
        near
    );
    rows
}

#[test]
fn ranking_quality_on_the_labelled_set() {
    let fx = fixture();
    assert!(fx.groups.len() >= 40, "about 40 queries");
    let Metrics { map, recall, near_rate, above_rate } = measure(&fx, "Labelled set (the matcher was tuned on it)", None);
    // Floors a little under what the matcher reaches today (MAP@5 0.93, recall@5 1.00, 24/86 near
    // misses shown, 5/86 above a relevant claim), so a regression shows.
    assert!(map >= 0.90, "MAP@5 {map:.3}");
    assert!(recall >= 0.97, "recall@5 {recall:.3}");
    assert!(near_rate <= 0.33, "near-miss rate {near_rate:.3}");
    assert!(above_rate <= 0.08, "near misses outranking {above_rate:.3}");
}

/// The first held-out set, `tests/fixtures/matching/heldout.json`: 20 groups on other topics,
/// written blind (without seeing the matcher) after it was tuned on `claims.json`. It has since
/// been analysed and tuned on (2026-12-06: number words, rounded figures, bounds, idioms, variants),
/// so it is no longer a blind measure; the floors sit a little under what the matcher reaches now,
/// so they catch a regression.
#[test]
fn ranking_quality_on_the_held_out_set_analysed_and_tuned_on() {
    let fx = fixture_named("heldout.json");
    assert!(fx.groups.len() >= 20, "about 20 queries");
    let Metrics { map, recall, near_rate, above_rate } =
        measure(&fx, "First held-out set (written blind, since analysed and tuned on)", None);
    // First measured blind (2026-12-06): MAP@5 0.433, recall@5 0.625, near misses shown 25/60, 18/60
    // above a relevant claim. After tuning on it (2026-12-06): MAP@5 0.829, recall@5 1.000, near
    // misses shown 16/60, 5/60 above a relevant claim; those left are near misses that swap one
    // word ("part-time" for "full-time", "reading" for "maths").
    assert!(map >= 0.80, "MAP@5 {map:.3}");
    assert!(recall >= 0.97, "recall@5 {recall:.3}");
    assert!(near_rate <= 0.30, "near-miss rate {near_rate:.3}");
    assert!(above_rate <= 0.10, "near misses outranking {above_rate:.3}");
}

/// The second held-out set, `tests/fixtures/matching/heldout2.json`: 20 groups written blind on
/// 2026-12-06, before the matcher was changed to generalise from the first held-out set's failures.
/// It has since been analysed and tuned on (2026-12-06: demonyms and places, multipliers, fractions
/// with "every", unit conversion, bounds, negated extremes, complementary shares), so it is no
/// longer a blind measure; the floors sit a little under what the matcher reaches now.
#[test]
fn ranking_quality_on_the_second_held_out_set_analysed_and_tuned_on() {
    let fx = fixture_named("heldout2.json");
    assert!(fx.groups.len() >= 20, "about 20 queries");
    let Metrics { map, recall, near_rate, above_rate } =
        measure(&fx, "Held-out set 2 (written blind, since analysed and tuned on)", None);
    // Measured blind 2026-12-06: before the changes made from the first held-out set, MAP@5 0.300,
    // recall@5 0.550, near misses shown 32/60, 25/60 above a relevant claim; after them MAP@5 0.352,
    // recall@5 0.608, 31/60 shown, 24/60 above. After tuning on it (2026-12-06): MAP@5 0.744,
    // recall@5 0.983, 23/60 shown, 10/60 above; those left are mostly near misses that swap one
    // word ("silver" for "gold", "robusta" for "arabica", "work" for "student").
    assert!(map >= 0.71, "MAP@5 {map:.3}");
    assert!(recall >= 0.95, "recall@5 {recall:.3}");
    assert!(near_rate <= 0.42, "near-miss rate {near_rate:.3}");
    assert!(above_rate <= 0.20, "near misses outranking {above_rate:.3}");
}

/// The third held-out set, `tests/fixtures/matching/heldout3.json`: 20 groups written blind on
/// 2026-12-06, before the matcher was changed from the second held-out set's failures; blind until
/// 2026-12-07, when its misses were read with blind sets 4 and 5's (by words alone here).
#[test]
fn ranking_quality_on_the_third_held_out_set_analysed() {
    let fx = fixture_named("heldout3.json");
    assert!(fx.groups.len() >= 20, "about 20 queries");
    let Metrics { map, recall, near_rate, above_rate } = measure(&fx, "Held-out set 3 (written blind, analysed 2026-12-07)", None);
    // Measured 2026-12-06 with the matcher as it stood at each step (blind each time):
    //   at the start of the day:                 MAP@5 0.256, recall@5 0.492, near shown 31/60, above 26/60
    //   after tuning on the first held-out set:  MAP@5 0.293, recall@5 0.533, near shown 29/60, above 23/60
    //   after tuning on the second held-out set: MAP@5 0.397, recall@5 0.608, near shown 26/60, above 18/60
    // Floors a little under the last, so a regression shows.
    assert!(map >= 0.37, "MAP@5 {map:.3}");
    assert!(recall >= 0.58, "recall@5 {recall:.3}");
    assert!(near_rate <= 0.47, "near-miss rate {near_rate:.3}");
    assert!(above_rate <= 0.33, "near misses outranking {above_rate:.3}");
}

/// The fourth blind set, `tests/fixtures/matching/blind4.json`: 79 groups written blind on
/// 2026-12-06 for issue 13 (semantic matching), before the matcher was changed for it, by a helper
/// who had not read the matcher or the other sets' claims. 47 groups are English; 20 are Spanish,
/// French, German or Portuguese throughout; 12 are cross-lingual (an English query with its
/// paraphrases in another language, or the other way). Reported for the whole set and separately
/// for each kind, since an English-only matcher cannot be expected to find cross-lingual
/// paraphrases. Blind until 2026-12-07, when its misses were read (an analysed set since).
#[test]
fn ranking_quality_on_the_fourth_blind_set_analysed() {
    let fx = fixture_named("blind4.json");
    assert!(fx.groups.len() >= 60, "at least 60 queries: {}", fx.groups.len());
    assert!(fx.groups.iter().all(|g| !g.lang.is_empty()), "every group of blind4.json names its language");
    let Kinds { all, en, mono, x } = by_kind(&fx, "Blind set 4 (written blind for issue 13, analysed 2026-12-07)", None);
    // Measured 2026-12-06, blind, with the rule-based matcher as it stood before issue 13 changed it:
    //   whole set (79):           MAP@5 0.285, recall@5 0.409, near shown 75/232, above 64/232 (0.276)
    //   English (47):             MAP@5 0.440, recall@5 0.613, near shown 51/138, above 40/138 (0.290)
    //   es, fr, de, pt mono (20): MAP@5 0.092, recall@5 0.175, near shown 22/58,  above 22/58 (0.379)
    //     (es 0.117/0.200, fr 0.167/0.300, de 0.000/0.000, pt 0.083/0.200 MAP@5/recall@5)
    //   cross-lingual (12):       MAP@5 0.000, recall@5 0.000, near shown 2/36,   above 2/36 (0.056)
    // The floors sit a little BELOW those figures (and the ceilings a little above), so the test passes
    // today and only catches a regression; the matching work for issue 13 is expected to raise them
    // (targets: recall@5 >= 0.95, MAP@5 >= 0.80, near misses above a relevant claim <= 10%). Cross-lingual
    // MAP@5 and recall@5 are 0 today, so they have no floor yet. The share of near misses shown at
    // all is printed but not bounded: it rises naturally when more relevant claims reach the top 5
    // (a group has at most 3 relevant claims, so a top 5 has room for near misses); the measure of
    // ranking them wrongly is "above".
    assert!(all.map >= 0.26 && all.recall >= 0.38 && all.above_rate <= 0.31, "whole set: {}", show(&all));
    assert!(en.map >= 0.41 && en.recall >= 0.58 && en.above_rate <= 0.32, "English: {}", show(&en));
    assert!(mono.map >= 0.07 && mono.recall >= 0.15 && mono.above_rate <= 0.42, "non-English: {}", show(&mono));
    assert!(x.above_rate <= 0.12, "cross-lingual: {}", show(&x));
}

fn show(m: &Metrics) -> String {
    format!("MAP@5 {:.3}, recall@5 {:.3}, near shown {:.3}, near above {:.3}", m.map, m.recall, m.near_rate, m.above_rate)
}

#[test]
fn short_texts_never_match_and_the_excluded_claim_never_appears() {
    let fx = fixture();
    let short = ["It is false.", "Biden lied again.", "Prices went up.", "Not true at all.", "The numbers are wrong."];
    let extra: Vec<String> = short.iter().map(|s| s.to_string()).collect();
    let (built, stored) = build(&fx, &extra, model("short_texts").as_ref());
    for s in short {
        assert!(content_terms(s).len() < MIN_CONTENT_WORDS, "{s:?} is short: {:?}", content_terms(s));
        // Even with the very same text stored, a short text is not matched.
        assert!(similar_claims(&built.store, s, None, 5).unwrap().is_empty(), "{s:?} matched");
    }
    // A short stored claim is never offered for a longer query either.
    let short_uuids: HashSet<&str> =
        stored.iter().filter(|(_, t)| short.contains(&t.as_str())).map(|(u, _)| u.as_str()).collect();
    for q in ["Prices went up sharply for bread, milk and eggs this year.", "Biden lied again about the deficit figures in his speech."] {
        let top = similar_claims(&built.store, q, None, 5).unwrap();
        assert!(top.iter().all(|s| !short_uuids.contains(s.uuid.as_str())), "{q:?} offered a short claim: {top:?}");
    }

    // The excluded claim never appears, even when it is the exact text asked about.
    for (uuid, text) in stored.iter().filter(|(_, t)| content_terms(t).len() >= MIN_CONTENT_WORDS).step_by(7) {
        let all = similar_claims(&built.store, text, None, 5).unwrap();
        assert_eq!(all.first().map(|s| s.uuid.as_str()), Some(uuid.as_str()), "{text:?} finds itself first: {all:?}");
        let rest = similar_claims(&built.store, text, Some(uuid), 5).unwrap();
        assert!(rest.iter().all(|s| &s.uuid != uuid), "{text:?}: excluded claim shown");
    }
}

/// The sets the word matcher was tuned on (the labelled set, held-out sets 1 and 2), matched by
/// meaning and words with the installed model. The hybrid's weights and floors (matching.rs:
/// MIN_MEANING_SCORE, CLOSE_MEANING, SWAP_CONFLICT, SWAP_OVERLAP) were chosen on these sets only.
#[test]
fn ranking_by_meaning_on_the_sets_tuned_on() {
    let Some(m) = model("ranking_by_meaning_on_the_sets_tuned_on") else { return };
    // Measured 2026-12-06 (all-MiniLM-L6-v2), MAP@5 / recall@5 / near misses above a relevant claim:
    //   labelled set   0.948 / 1.000 / 0.035   (by words alone: 0.93 / 1.00 / 0.06)
    //   held-out set 1 0.933 / 1.000 / 0.017   (by words alone: 0.83 / 1.00 / 0.08)
    //   held-out set 2 0.819 / 1.000 / 0.133   (by words alone: 0.74 / 0.98 / 0.17)
    // and 2026-12-07, with the edit rule (language/edits.rs) and the other changes of that day:
    //   labelled set   0.954 / 1.000 / 0.023   (by words alone: 0.978 / 1.000 / 0.000)
    //   held-out set 1 0.967 / 1.000 / 0.000   (by words alone: 0.904 / 0.975 / 0.033)
    //   held-out set 2 0.894 / 1.000 / 0.067   (by words alone: 0.935 / 0.983 / 0.017)
    // and after the round that analysed blind set 6 (2026-12-07, second round; by words unchanged):
    //   labelled set   0.954 / 1.000 / 0.023
    //   held-out set 1 0.958 / 1.000 / 0.000   ("100% of GDP" said as "the whole economy" now reads as a word changed)
    //   held-out set 2 0.939 / 1.000 / 0.050
    // Floors a little under, so a regression shows.
    for (name, title, map, recall, above) in [
        ("claims.json", "Labelled set (tuned on)", 0.93, 0.98, 0.05),
        ("heldout.json", "Held-out set 1 (tuned on)", 0.94, 0.98, 0.03),
        ("heldout2.json", "Held-out set 2 (tuned on)", 0.86, 0.97, 0.10),
    ] {
        let got = measure(&fixture_named(name), title, Some(&m));
        println!("{title}: {}", show(&got));
        assert!(got.map >= map && got.recall >= recall && got.above_rate <= above, "{title}: {}", show(&got));
    }
}

/// A multilingual blind set's metrics by kind of group.
struct Kinds {
    all: Metrics,
    en: Metrics,
    mono: Metrics,
    x: Metrics,
}

impl Kinds {
    /// One line a kind: "Blind set 6 by meaning, English: MAP@5 …".
    fn print(&self, title: &str) {
        for (label, got) in [("whole", &self.all), ("English", &self.en), ("other languages", &self.mono), ("cross-lingual", &self.x)] {
            println!("{title}, {label}: {}", show(got));
        }
    }
}

/// Scores a set whose groups name their language (blind sets 4 and 5) and reports the whole set,
/// the English groups, the monolingual groups in other languages (and each language), and the
/// cross-lingual groups.
fn by_kind(fx: &Fixture, title: &str, model: Option<&Arc<Embedder>>) -> Kinds {
    let rows = score(fx, title, model);
    let cross = |r: &&Scored| r.lang.contains('>');
    let english: Vec<&Scored> = rows.iter().filter(|r| r.lang == "en").collect();
    let other: Vec<&Scored> = rows.iter().filter(|r| r.lang != "en" && !cross(r)).collect();
    let crossing: Vec<&Scored> = rows.iter().filter(cross).collect();
    let mut langs: Vec<&str> = other.iter().map(|r| r.lang.as_str()).collect();
    langs.sort();
    langs.dedup();
    for lang in ["es", "fr", "de", "pt"] {
        let n = other.iter().filter(|r| r.lang == lang).count();
        assert!(n >= 2, "at least 2 monolingual {lang} groups: {n}");
    }
    assert!(other.len() >= 12 && crossing.len() >= 8, "{} non-English, {} cross-lingual", other.len(), crossing.len());
    println!();
    let all = report("whole set", &rows.iter().collect::<Vec<_>>());
    let en = report("English", &english);
    let mono = report("other languages (monolingual)", &other);
    for lang in langs {
        report(&format!("  {lang}"), &other.iter().copied().filter(|r| r.lang == lang).collect::<Vec<_>>());
    }
    let x = report("cross-lingual", &crossing);
    Kinds { all, en, mono, x }
}

/// A blind set whose groups name their language, scored by words alone and, with the model, by
/// meaning (see [`by_kind`]); each printed as "`label` by words: …" and "`label` by meaning: …".
fn both_ways(file: &str, min_groups: usize, title: &str, label: &str, test: &str) -> (Kinds, Option<Kinds>) {
    let fx = fixture_named(file);
    assert!(fx.groups.len() >= min_groups, "at least {min_groups} queries: {}", fx.groups.len());
    let words = by_kind(&fx, title, None);
    words.print(&format!("{label} by words"));
    let meaning = model(test).map(|m| by_kind(&fx, title, Some(&m)));
    if let Some(k) = &meaning {
        k.print(&format!("{label} by meaning"));
    }
    (words, meaning)
}

/// Held-out set 3 and blind set 4 matched by meaning and words. Neither was tuned on until
/// 2026-12-07. Blind set 4 was run twice while the hybrid was built, in aggregate only (never its
/// per-group misses): first with conflicts hiding a claim (whole set MAP@5 0.553, recall@5 0.656;
/// English 0.707 / 0.816, near misses above 0.072), then with conflicts only ranking a claim lower
/// unless its meaning is far. On 2026-12-07 both sets' misses were read and the matcher changed
/// from them (the edit rule, other languages' words and numbers): they are analysed sets now, and
/// blind set 6 is the untouched measure.
#[test]
fn ranking_by_meaning_on_held_out_set_3_and_blind_set_4_analysed() {
    let Some(m) = model("ranking_by_meaning_on_held_out_set_3_and_blind_set_4_analysed") else { return };
    let h3 = measure(&fixture_named("heldout3.json"), "Held-out set 3 (analysed)", Some(&m));
    println!("Held-out set 3 (analysed): {}", show(&h3));
    let k = by_kind(&fixture_named("blind4.json"), "Blind set 4 (analysed)", Some(&m));
    k.print("Blind set 4");
    // MAP@5 / recall@5 / near misses above a relevant claim (all-MiniLM-L6-v2), measured
    // 2026-12-06 blind and 2026-12-07 after the changes made from these sets' misses, with the
    // words-only figures of 2026-12-06 in brackets:
    //   held-out set 3          0.790 / 0.975 / 0.133  ->  0.867 / 0.975 / 0.067   (0.397 / 0.608 / 0.30)
    //   blind 4, whole set      0.672 / 0.880 / 0.164  ->  0.786 / 0.911 / 0.069   (0.285 / 0.409 / 0.276)
    //   blind 4, English        0.813 / 1.000 / 0.087  ->  0.904 / 1.000 / 0.029   (0.440 / 0.613 / 0.290)
    //   blind 4, es/fr/de/pt    0.610 / 0.900 / 0.276  ->  0.775 / 0.975 / 0.086   (0.092 / 0.175 / 0.379)
    //   blind 4, cross-lingual  0.225 / 0.375 / 0.278  ->  0.340 / 0.458 / 0.194   (0 / 0 / 0.056): an English-only model
    // Floors a little under, so a regression shows.
    assert!(h3.map >= 0.84 && h3.recall >= 0.95 && h3.above_rate <= 0.09, "held-out 3: {}", show(&h3));
    assert!(k.all.map >= 0.76 && k.all.recall >= 0.89 && k.all.above_rate <= 0.09, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.88 && k.en.recall >= 0.98 && k.en.above_rate <= 0.05, "English: {}", show(&k.en));
    assert!(k.mono.map >= 0.74 && k.mono.recall >= 0.95 && k.mono.above_rate <= 0.11, "other languages: {}", show(&k.mono));
    assert!(k.x.map >= 0.31 && k.x.recall >= 0.42, "cross-lingual: {}", show(&k.x));
}

/// Blind set 5 (`blind5.json`, 69 groups), the reserve of 2026-12-06: written before the hybrid
/// matcher was measured on anything blind, and first run that day after its weights were fixed.
/// On 2026-12-07 its misses were read and the matcher changed from them, with blind set 4's: it is
/// an analysed set now. Matched by words alone (the fallback without a model) and by meaning.
#[test]
fn ranking_on_the_fifth_blind_set_analysed() {
    let (words, k) = both_ways("blind5.json", 60, "Blind set 5 (analysed)", "Blind set 5", "ranking_on_the_fifth_blind_set_analysed");
    // By words alone (the fallback), MAP@5 / recall@5 / near misses above a relevant claim: whole
    // set 0.315 / 0.486 / 0.299 on 2026-12-06 (blind), 0.422 / 0.500 / 0.162 on 2026-12-07.
    assert!(words.all.map >= 0.40 && words.all.recall >= 0.48 && words.all.above_rate <= 0.18, "by words: {}", show(&words.all));
    let Some(k) = k else { return };
    // By meaning (all-MiniLM-L6-v2), 2026-12-06 blind -> 2026-12-07 analysed:
    //   whole 0.618 / 0.833 / 0.235 -> 0.755 / 0.891 / 0.132; English 0.763 / 0.977 / 0.157 -> 0.877 / 0.977 / 0.047;
    //   other languages 0.581 / 0.933 / 0.409 -> 0.699 / 0.967 / 0.318; cross-lingual 0.102 / 0.136 / 0.303 -> 0.356 / 0.455 / 0.212.
    // Floors a little under, so a regression shows.
    assert!(k.all.map >= 0.73 && k.all.recall >= 0.87 && k.all.above_rate <= 0.15, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.85 && k.en.recall >= 0.95 && k.en.above_rate <= 0.07, "English: {}", show(&k.en));
}

/// Blind set 6 (`blind6.json`, 90 groups), written on 2026-12-07 by a helper who had read neither
/// the matcher's code nor the other sets' claims, and run once blind that day. In the next round
/// (also 2026-12-07) its misses were read and the matcher changed from them (roles swapped around a
/// verb, a figure added with its words, other languages' function words, elisions and ordinals):
/// it is an analysed set from then on.
#[test]
fn ranking_on_the_sixth_blind_set_analysed() {
    let (words, Some(k)) = both_ways("blind6.json", 75, "Blind set 6 (analysed)", "Blind set 6", "ranking_on_the_sixth_blind_set_analysed") else { return };
    // MAP@5 / recall@5 / near misses above a relevant claim, first run (blind) -> after the
    // changes made from its misses (2026-12-07):
    //   by words alone: whole 0.307 / 0.411 / 0.253 -> 0.310 / 0.394 / 0.227
    //   by meaning (all-MiniLM-L6-v2): whole 0.730 / 0.883 / 0.141 -> 0.774 / 0.883 / 0.104,
    //   English 0.804 / 0.952 / 0.097 -> 0.846 / 0.952 / 0.065,
    //   other languages 0.731 / 0.938 / 0.229 -> 0.815 / 0.938 / 0.146, cross-lingual 0.347 / 0.458 / 0.250 (same).
    // Floors a little under, so a regression shows.
    assert!(words.all.map >= 0.28 && words.all.recall >= 0.37, "by words: {}", show(&words.all));
    assert!(k.all.map >= 0.75 && k.all.recall >= 0.86 && k.all.above_rate <= 0.13, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.82 && k.en.recall >= 0.93 && k.en.above_rate <= 0.09, "English: {}", show(&k.en));
    assert!(k.mono.map >= 0.78 && k.mono.recall >= 0.9, "other languages: {}", show(&k.mono));
}

/// Blind set 7 (`blind7.json`, 90 groups), written on 2026-12-07 by a helper who had read neither
/// the matcher's code nor the other sets' claims, while the matcher was changed from blind set 6's
/// misses, and measured then in totals only. In the next round (also 2026-12-07) its misses were
/// read and the matcher changed from them (given names, figures in words and rounded, negations
/// that say a first or a hold, one run of words changed or added): it is an analysed set from then
/// on, and blind set 8 the untouched measure.
#[test]
fn ranking_on_the_seventh_blind_set_analysed() {
    let (words, Some(k)) = both_ways("blind7.json", 75, "Blind set 7 (analysed)", "Blind set 7", "ranking_on_the_seventh_blind_set_analysed") else { return };
    // MAP@5 / recall@5 / near misses above a relevant claim: blind before the third round's
    // changes -> blind after them (totals only) -> after the changes made from its own misses:
    //   by words alone: whole 0.219 / 0.267 / 0.182 -> 0.229 / 0.283 / 0.186 -> 0.302 / 0.350 / 0.167
    //   by meaning: whole 0.656 / 0.833 / 0.171 -> 0.674 / 0.844 / 0.149 -> 0.736 / 0.861 / 0.100,
    //   English 0.737 / 0.957 / 0.162 -> 0.751 / 0.957 / 0.145 -> 0.839 / 0.974 / 0.075,
    //   other languages 0.683 / 0.775 / 0.117 -> 0.697 / 0.800 / 0.100 -> 0.722 / 0.825 / 0.083,
    //   cross-lingual 0.224 / 0.333 / 0.306 -> 0.265 / 0.375 / 0.250 (same).
    // Floors a little under, so a regression shows.
    assert!(words.all.map >= 0.28 && words.all.recall >= 0.33, "by words: {}", show(&words.all));
    assert!(k.all.map >= 0.71 && k.all.recall >= 0.84 && k.all.above_rate <= 0.12, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.81 && k.en.recall >= 0.95 && k.en.above_rate <= 0.09, "English: {}", show(&k.en));
}

/// Blind set 8 (`blind8.json`, 90 groups), written on 2026-12-07 by a helper who had read neither
/// the matcher's code nor the other sets' claims, before the matcher was changed from blind set 7's
/// misses. Run once before those changes and once after, totals only: the honest figures of that
/// round. In the next round (2026-12-08) its misses were read (a share that went from one figure
/// to another, the other way round): it is an analysed set from then on, and blind set 9 the
/// untouched measure.
#[test]
fn ranking_on_the_eighth_blind_set_analysed() {
    let (words, Some(k)) = both_ways("blind8.json", 75, "Blind set 8 (analysed)", "Blind set 8", "ranking_on_the_eighth_blind_set_analysed") else { return };
    // MAP@5 / recall@5 / near misses above a relevant claim, on the matcher before the changes made
    // from blind set 7's misses -> after them (two runs, totals only):
    //   by words alone: whole 0.198 / 0.248 / 0.204 -> 0.217 / 0.259 / 0.181
    //   by meaning: whole 0.689 / 0.846 / 0.122 -> 0.704 / 0.846 / 0.115,
    //   English 0.779 / 0.977 / 0.092 -> 0.810 / 0.977 / 0.075 (the targets: MAP@5 >= 0.80,
    //   recall@5 >= 0.95, near misses above <= 10%),
    //   other languages 0.710 / 0.825 / 0.133 -> 0.689 / 0.825 / 0.150,
    //   cross-lingual 0.215 / 0.250 / 0.250 (same; an English-only model).
    // After the changes made from its own misses (2026-12-08: from-to shares, numbers in words in
    // six languages, a count of years meeting its year, acquittals, "du jamais vu", one-digit
    // figures no rounding): whole 0.724 / 0.863 / 0.096, English 0.810 / 0.977 / 0.075, other
    // languages 0.782 / 0.900 / 0.067.
    // Floors a little under, so a regression shows.
    assert!(words.all.map >= 0.20 && words.all.recall >= 0.24, "by words: {}", show(&words.all));
    assert!(k.all.map >= 0.68 && k.all.recall >= 0.82 && k.all.above_rate <= 0.14, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.78 && k.en.recall >= 0.95 && k.en.above_rate <= 0.10, "English: {}", show(&k.en));
}

/// Blind set 9 (`blind9.json`, 90 groups), written on 2026-12-07 by a helper who had read neither
/// the matcher's code nor the other sets' claims, before the matcher was changed from blind set 8's
/// misses (which is an analysed set from then on). Run once before those changes and once after,
/// never looked at group by group: the honest figures of that round.
#[test]
fn ranking_on_the_ninth_blind_set_never_tuned_on() {
    let (words, Some(k)) = both_ways("blind9.json", 75, "Blind set 9 (never tuned on)", "Blind set 9", "ranking_on_the_ninth_blind_set_never_tuned_on") else { return };
    // MAP@5 / recall@5 / near misses above a relevant claim, on the matcher before the changes made
    // from blind set 8's misses (first run, totals only; the output's last lines also showed three
    // missed texts of two groups, which were not used):
    //   by words alone: whole 0.201 / 0.256 / 0.178
    //   by meaning: whole 0.641 / 0.794 / 0.107, English 0.773 / 0.944 / 0.086,
    //   other languages 0.528 / 0.708 / 0.208, cross-lingual 0.271 / 0.292 / 0.000.
    // After them (second run, totals only, 2026-12-08):
    //   by words alone: whole 0.212 / 0.272 / 0.167
    //   by meaning: whole 0.654 / 0.800 / 0.089, English 0.775 / 0.944 / 0.080,
    //   other languages 0.575 / 0.729 / 0.153, cross-lingual 0.271 / 0.292 / 0.000 (same).
    // Floors a little under, so a regression shows.
    assert!(words.all.map >= 0.20 && words.all.recall >= 0.25, "by words: {}", show(&words.all));
    assert!(k.all.map >= 0.63 && k.all.recall >= 0.78 && k.all.above_rate <= 0.11, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.75 && k.en.recall >= 0.92 && k.en.above_rate <= 0.10, "English: {}", show(&k.en));
    assert!(k.mono.map >= 0.55 && k.mono.recall >= 0.70, "other languages: {}", show(&k.mono));
}

/// Blind set 10 (`blind10.json`, 90 groups), written on 2026-12-08 by a helper who had read only the
/// fixtures README (not the matcher's code, the tests or the other sets' claims), after the fifth
/// round of changes and before any sixth. Measured once on the matcher as it stood (totals only,
/// never group by group): the "before" of the next round, which runs it once more after its changes.
#[test]
fn ranking_on_the_tenth_blind_set_never_tuned_on() {
    let (words, Some(k)) = both_ways("blind10.json", 75, "Blind set 10 (never tuned on)", "Blind set 10", "ranking_on_the_tenth_blind_set_never_tuned_on") else { return };
    // MAP@5 / recall@5 / near misses above a relevant claim, first run (2026-12-08, totals only):
    //   by words alone: whole 0.298 / 0.352 / 0.174
    //   by meaning: whole 0.691 / 0.828 / 0.107, English 0.807 / 0.963 / 0.068,
    //   other languages 0.660 / 0.775 / 0.133, cross-lingual 0.337 / 0.438 / 0.208.
    // Floors a little under, so a regression shows.
    assert!(words.all.map >= 0.28 && words.all.recall >= 0.33, "by words: {}", show(&words.all));
    assert!(k.all.map >= 0.67 && k.all.recall >= 0.80 && k.all.above_rate <= 0.12, "whole set: {}", show(&k.all));
    assert!(k.en.map >= 0.78 && k.en.recall >= 0.94 && k.en.above_rate <= 0.09, "English: {}", show(&k.en));
    assert!(k.mono.map >= 0.63 && k.mono.recall >= 0.75, "other languages: {}", show(&k.mono));
}
