//! Two claims compared by their terms (see `terms`): the share of the terms they have in common,
//! each weighted by how rare it is, marked down when the two disagree on what makes a claim a
//! claim: a number ("$60 billion" is not "$6 billion", "2012" is not "2022", "the fifth meeting" is
//! not "the third"), a direction ("rose" against "fell", "passed 88,000" against "fell below
//! 88,000"), an extreme ("highest" against "lowest"), a negation ("has not grown" against "has
//! grown"), or the people, places and units named ("in Ohio" against "in Michigan", "worldwide"
//! against "in Europe", "hectares" against "acres"). Rounded figures meet close ones ("nearly one
//! in five" is 18%) and complementary shares meet across a negation ("42% have never been
//! diagnosed" is "58% have been diagnosed"). Also the search expression that picks a claim's
//! candidates from the index by its rarest terms ([`probe_expression`]).

use std::collections::HashSet;

pub use crate::model::Difference;

use super::terms::{is_figure, is_flag, is_marker, Term};
use super::words::YEAR_WORDS;

/// A claim scoring below this is not shown as similar.
pub const MIN_SCORE: f32 = 0.35;
/// At most this many of the query's rarest terms pick the candidates.
pub const PROBE_TERMS: usize = 5;
/// Ranking candidates costs time for every claim the search expression matches, so the expression
/// is kept to about this many claims: rare terms are asked for alone, common ones only in pairs
/// ("unemployment" AND "Northshire"), whose claims are fewer.
const PROBE_BUDGET: f64 = 1_500.0;
/// At most this many pairs of common terms.
const PROBE_PAIRS: usize = 6;
/// How many claims the search index hands over for scoring.
pub const CANDIDATES: u32 = 80;

/// Two claims stating different numbers for the same thing are different claims.
const NUMBER_CONFLICT: f32 = 0.35;
/// "rose" against "fell", "highest" against "lowest".
const POLARITY_CONFLICT: f32 = 0.35;
/// One is negated, the other is not.
const NEGATION_CONFLICT: f32 = 0.4;
/// Each names someone or somewhere (a capitalised word inside the sentence) the other does not:
/// "in Ohio" against "in Michigan", "the MMR vaccine" against "the HPV vaccine".
const NAME_CONFLICT: f32 = 0.4;
/// How far apart (relative to the larger) two figures may be and still be one, when one is hedged
/// ("nearly", "about") and when one is only a fraction in words ("a third", "one in five").
const HEDGE_TOLERANCE: f64 = 0.11;
const FRACTION_TOLERANCE: f64 = 0.06;

fn has(set: &HashSet<&str>, t: &str) -> bool {
    set.contains(t)
}

/// The value of a figure term (`#18`), unless it is a year: "around 2010" is not 2009.
fn figure_value(t: &str) -> Option<f64> {
    let v: f64 = t.strip_prefix('#')?.parse().ok()?;
    let year = v.fract() == 0.0 && (1900.0..=2100.0).contains(&v);
    (!year).then_some(v)
}

/// How much a figure of `terms` is rounded: [`HEDGE_TOLERANCE`] after a hedge word,
/// [`FRACTION_TOLERANCE`] for a fraction in words, else none.
fn tolerance(terms: &[String], key: &str) -> f64 {
    let flagged = |f: char| terms.iter().any(|t| t.strip_prefix(f) == Some(key));
    if flagged('≈') {
        HEDGE_TOLERANCE
    } else if flagged('≃') {
        FRACTION_TOLERANCE
    } else {
        0.0
    }
}

/// A figure's significant digits and the size of its last one: 3,400,000 is (2, 100,000), 78.4
/// is (3, 0.1).
fn significant(v: f64) -> (usize, f64) {
    let s = format!("{}", v.abs());
    match s.split_once('.') {
        Some((whole, frac)) => {
            let digits = format!("{}{frac}", whole.trim_start_matches('0'));
            (digits.trim_start_matches('0').len(), 10f64.powi(-(frac.len() as i32)))
        }
        None => {
            let zeros = s.len() - s.trim_end_matches('0').len();
            (s.len() - zeros, 10f64.powi(zeros as i32))
        }
    }
}

/// `exact` is `round` to the digits `round` is written with, at least two, and states at least two
/// digits more: 3,410,992 is "3.4 million", 771,480 "seven hundred and seventy-one thousand";
/// 12,000 is not "10,000", nor 3.45 million "3.4 million", nor 478,000 "500,000" (a figure of one
/// digit is as often exact, a cap or a target; "about 500,000" is read by its hedge).
fn rounds_to(round: f64, exact: f64) -> bool {
    let ((dr, unit), (de, _)) = (significant(round), significant(exact));
    round.abs() >= 1_000.0 && dr >= 2 && de >= dr + 2 && (exact - round).abs() <= unit / 2.0 + 1e-9
}

/// `b` with each figure that `a` states in a rounded way, or that is rounded itself, spelt as `a`
/// spells it: "nearly one in five" (`#20`) is `#18` against "18%", "around half" is `#46` against
/// "46%". Only figures neither side states exactly are aligned, each to the first of `a` (in the
/// text's order) within the larger tolerance of the two.
fn align_figures(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = b.to_vec();
    let mut taken: Vec<&str> = Vec::new();
    for (k, y) in b.iter().enumerate() {
        let Some(vy) = figure_value(y).filter(|_| !a.contains(y)) else { continue };
        let ty = tolerance(b, y);
        let found = a.iter().find(|x| {
            !b.contains(x)
                && !taken.contains(&x.as_str())
                && figure_value(x).is_some_and(|vx| {
                    let tol = ty.max(tolerance(a, x));
                    (tol > 0.0 && (vx - vy).abs() <= tol * vx.abs().max(vy.abs()) + 1e-9) || rounds_to(vx, vy) || rounds_to(vy, vx)
                })
        });
        if let Some(x) = found {
            taken.push(x);
            out[k] = x.clone();
        }
    }
    out
}

/// `b` with each year it names that `a` counts back to instead spelt as `a`'s count: "in August
/// 2025, for the first time in ten years" and "for the first time since 2015" name one year,
/// counted from the latest year both texts name (2025). A count of years is a figure followed by
/// the word for a year ([`YEAR_WORDS`]); one year either way is allowed ("more than five years
/// after the fire of 2019", in 2024).
fn count_back(a: &[String], b: &[String]) -> Vec<String> {
    let year = |t: &str| -> Option<f64> {
        let v: f64 = t.strip_prefix('#')?.parse().ok()?;
        (v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)).then_some(v)
    };
    let Some(latest) = a.iter().filter(|t| b.contains(t)).filter_map(|t| year(t)).reduce(f64::max) else {
        return b.to_vec();
    };
    let unflagged: Vec<&String> = a.iter().filter(|t| !is_flag(t)).collect();
    let counts: Vec<(&String, f64)> = unflagged
        .windows(2)
        .filter(|w| YEAR_WORDS.list().contains(&w[1].as_str()) && !b.contains(w[0]))
        .filter_map(|w| Some((w[0], figure_value(w[0])?)))
        .collect();
    let mut out = b.to_vec();
    for t in out.iter_mut() {
        let Some(y) = year(t).filter(|_| !a.contains(t)) else { continue };
        if let Some((count, _)) = counts.iter().find(|(_, n)| (latest - y - n).abs() <= 1.0) {
            *t = (*count).clone();
        }
    }
    out
}

/// "42% have never been diagnosed" is "58% have been diagnosed": when one text is negated and the
/// other is not, and each states a share (`%#42`, `%#58`) the other does not and the two make a
/// whole, both are read without the negation and `b`'s share as `a`'s.
fn complement(a: &[String], b: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let not = |s: &[String]| s.iter().any(|t| t == "~not");
    if not(a) == not(b) {
        return None;
    }
    let shares = |s: &[String], other: &[String]| -> Vec<(String, f64)> {
        s.iter()
            .filter_map(|t| t.strip_prefix('%'))
            .filter(|k| !other.iter().any(|o| o == k))
            .filter_map(|k| Some((k.to_string(), k.strip_prefix('#')?.parse::<f64>().ok()?)))
            .collect()
    };
    let (sa, sb) = (shares(a, b), shares(b, a));
    let (x, y) = sa.iter().find_map(|(x, vx)| {
        sb.iter().find(|(_, vy)| (vx + vy - 100.0).abs() <= 0.5).map(|(y, _)| (x.clone(), y.clone()))
    })?;
    let strip = |s: &[String]| s.iter().filter(|t| *t != "~not").cloned().collect::<Vec<_>>();
    let b = strip(b)
        .into_iter()
        .map(|t| {
            if t == y {
                x.clone()
            } else if t.len() > y.len() && t.ends_with(y.as_str()) && is_flag(&t) {
                format!("{}{x}", &t[..t.len() - y.len()])
            } else {
                t
            }
        })
        .collect();
    Some((strip(a), b))
}

/// Both state a direction (or an extreme) and they are opposite.
fn opposed(a: &HashSet<&str>, b: &HashSet<&str>, x: &str, y: &str) -> bool {
    let only = |s: &HashSet<&str>, p: &str, q: &str| has(s, p) && !has(s, q);
    (only(a, x, y) && only(b, y, x)) || (only(a, y, x) && only(b, x, y))
}

/// How alike two claims are, 0..1: the share of their terms they have in common (each weighted by
/// `weight`, shared over all), marked down when they state different numbers for the same thing,
/// opposite directions or extremes, name different people or places, or when one is negated and
/// the other is not. The product of [`compare`]'s two parts.
pub fn similarity(a: &[String], b: &[String], weight: &dyn Fn(&str) -> f32) -> f32 {
    let c = compare(a, b, weight);
    c.overlap * c.agreement
}

/// Two claims' terms compared: how much they share, and how far they agree on what makes a claim a
/// claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The weighted share of their terms both state, 0..1.
    pub overlap: f32,
    /// 1 when nothing conflicts, else the product of a factor below 1 for each conflict found: a
    /// number each states that the other does not, opposite directions, extremes or bounds, one
    /// negated and the other not, a person or place each names that the other does not. Applied to
    /// any likeness score (words shared, or meaning), it pushes a near miss below a paraphrase.
    pub agreement: f32,
    /// How many words each states that the other does not (the fewer of the two sides' counts;
    /// numbers, markers and flags aside): 1 in "payments by hospitals doubled" against "attacks on
    /// hospitals doubled". When the rest is shared, the one word that differs is the claim.
    pub swapped: usize,
    /// What the two disagree on, one entry per conflict found, in the order of [`Difference`].
    pub differs: Vec<Difference>,
}

/// Compares two texts' terms (from [`analyse`](super::terms::analyse)); see [`Comparison`].
pub fn compare(a: &[String], b: &[String], weight: &dyn Fn(&str) -> f32) -> Comparison {
    let (a, b) = complement(a, b).unwrap_or_else(|| (a.to_vec(), b.to_vec()));
    let a = a.as_slice();
    let b = count_back(a, &align_figures(a, &b));
    let a = count_back(&b, a);
    let a = a.as_slice();
    let b = b.as_slice();
    let sa: HashSet<&str> = a.iter().map(String::as_str).collect();
    let sb: HashSet<&str> = b.iter().map(String::as_str).collect();
    // Summed in the texts' own order, never a hash set's: the same two claims always get the same
    // score to the last bit, so equal-looking candidates rank the same way on every run.
    let mut seen: HashSet<&str> = HashSet::new();
    let (mut shared, mut union) = (0f64, 0f64);
    for t in a.iter().chain(b.iter()).map(String::as_str) {
        if is_flag(t) || !seen.insert(t) {
            continue;
        }
        let w = f64::from(weight(t));
        union += w;
        if sa.contains(t) && sb.contains(t) {
            shared += w;
        }
    }
    let overlap = if union <= 0.0 { 0.0 } else { (shared / union) as f32 };
    let mut agreement = 1.0f32;
    // A number on each side that the other does not state: a changed figure, year or amount.
    let only_a = sa.iter().any(|t| is_figure(t) && !sb.contains(t));
    let only_b = sb.iter().any(|t| is_figure(t) && !sa.contains(t));
    let mut differs = Vec::new();
    if only_a && only_b {
        agreement *= NUMBER_CONFLICT;
        differs.push(Difference::Figure);
    }
    if opposed(&sa, &sb, "~up", "~down") {
        agreement *= POLARITY_CONFLICT;
        differs.push(Difference::Direction);
    }
    if opposed(&sa, &sb, "~high", "~low") {
        agreement *= POLARITY_CONFLICT;
        differs.push(Difference::Extreme);
    }
    // A rise or a top on one side, a fall or a bottom on the other ("hit a record 7.8 million"
    // against "fallen to 7.8 million"), when no pair above said so already; and a figure held
    // against one that moved ("frozen for 14 years" against "cut for 14 years").
    let rising = |s: &HashSet<&str>| has(s, "~up") || has(s, "~high");
    let falling = |s: &HashSet<&str>| has(s, "~down") || has(s, "~low");
    let moved = |s: &HashSet<&str>| (has(s, "~up") || has(s, "~down")) && !has(s, "hold") && !has(s, "~not");
    let held = |s: &HashSet<&str>| has(s, "hold") && !has(s, "~up") && !has(s, "~down");
    if !differs.contains(&Difference::Direction)
        && !differs.contains(&Difference::Extreme)
        && (((rising(&sa) && !falling(&sa)) && (falling(&sb) && !rising(&sb)))
            || ((falling(&sa) && !rising(&sa)) && (rising(&sb) && !falling(&sb)))
            || (held(&sa) && moved(&sb))
            || (held(&sb) && moved(&sa)))
    {
        agreement *= POLARITY_CONFLICT;
        differs.push(Difference::Direction);
    }
    // "passed 88,000" against "fallen below 88,000".
    if opposed(&sa, &sb, "exceed", "below") {
        agreement *= POLARITY_CONFLICT;
        differs.push(Difference::Bound);
    }
    if has(&sa, "~not") != has(&sb, "~not") {
        agreement *= NEGATION_CONFLICT;
        differs.push(Difference::Negation);
    }
    // A name on each side that the other text does not mention at all.
    let unnamed = |s: &HashSet<&str>, other: &HashSet<&str>| {
        s.iter().any(|t| t.strip_prefix('@').is_some_and(|k| !other.contains(k)))
    };
    if unnamed(&sa, &sb) && unnamed(&sb, &sa) {
        agreement *= NAME_CONFLICT;
        differs.push(Difference::Name);
    }
    let words_only = |s: &HashSet<&str>, other: &HashSet<&str>| {
        s.iter().filter(|t| !is_marker(t) && !is_figure(t) && !t.starts_with('#') && !other.contains(*t)).count()
    };
    let swapped = words_only(&sa, &sb).min(words_only(&sb, &sa));
    Comparison { overlap, agreement, swapped, differs }
}

/// The search expression that picks candidates: the rarest terms alone while the claims they find
/// stay within [`PROBE_BUDGET`], then pairs of the next ones (a claim must share both), cheapest
/// first; at least the rarest term or pair.
pub fn probe_expression(probes: &[&Term], reach: &dyn Fn(&Term) -> f64, total: f64, known: impl Fn(&str) -> bool) -> String {
    let phrase = |t: &Term| {
        let ps: Vec<String> =
            t.probes.iter().filter(|p| known(p)).map(|p| format!("\"{}\"", p.replace('"', ""))).collect();
        if ps.len() == 1 {
            ps[0].clone()
        } else {
            format!("({})", ps.join(" OR "))
        }
    };
    let mut parts = Vec::new();
    let mut spent = 0.0;
    let mut alone = 0;
    for t in probes {
        let r = reach(t);
        if spent + r > PROBE_BUDGET && !parts.is_empty() {
            break;
        }
        spent += r;
        alone += 1;
        parts.push(phrase(t));
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in alone..probes.len() {
        for j in i + 1..probes.len() {
            pairs.push((reach(probes[i]) * reach(probes[j]) / total.max(1.0), i, j));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (est, i, j) in pairs.into_iter().take(PROBE_PAIRS) {
        if spent + est > PROBE_BUDGET && !parts.is_empty() {
            break;
        }
        spent += est;
        parts.push(format!("({} AND {})", phrase(probes[i]), phrase(probes[j])));
    }
    parts.join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::terms::content_terms;

    fn one(_: &str) -> f32 {
        1.0
    }

    fn sim(a: &str, b: &str) -> f32 {
        similarity(&content_terms(a), &content_terms(b), &one)
    }

    #[test]
    fn a_figure_meets_the_exact_one_it_rounds() {
        assert_eq!(significant(3_400_000.0), (2, 100_000.0));
        assert_eq!(significant(78.4), (3, 0.1));
        for (round, exact, want) in [
            (3_400_000.0, 3_410_992.0, true),
            (771_000.0, 771_480.0, true),
            (10_000.0, 12_000.0, false),
            (3_400_000.0, 3_450_000.0, false),
            (3_400_000.0, 3_800_000.0, false),
            (500_000.0, 478_000.0, false),
            (3_000_000.0, 3_012_345.0, false),
            (78.0, 78.412, false),
        ] {
            assert_eq!(rounds_to(round, exact), want, "{round} {exact}");
        }
        let (a, b) = ("Japan had 3.4 million foreign residents in 2023", "Japan had 3,410,992 foreign residents in 2023");
        assert!(sim(a, b) > 0.99, "{a} / {b}: {}", sim(a, b));
        assert!(sim("Japan had 3.4 million foreign residents in 2023", "Japan had 3,810,992 foreign residents in 2023") < 0.5);
    }

    #[test]
    fn different_numbers_make_claims_less_alike() {
        let a = "Congress stalled a $60 billion aid package for Ukraine";
        let b = "Congress stalled a $6 billion aid package for Ukraine";
        let c = "Congress has stalled the Ukraine aid package worth $60 billion";
        assert!(sim(a, c) > sim(a, b));
        assert!(sim(a, c) > 0.7);
        assert!(sim(a, b) < MIN_SCORE);
    }

    #[test]
    fn opposite_directions_and_negations_make_claims_less_alike() {
        let q = "Violent crime in the city went up sharply last year";
        assert!(sim(q, "Violent crime in the city increased sharply last year") > 0.9);
        assert!(sim(q, "Violent crime in the city went down sharply last year") < MIN_SCORE + 0.2);
        let w = "Real wages have not grown in the last decade";
        assert!(sim(w, "Real wages have grown in the last decade") < sim(w, "Real pay has not grown in a decade"));
        assert!(sim("Life expectancy here is the lowest in the region", "Life expectancy here is the highest in the region") < 0.6);
    }

    #[test]
    fn the_same_pair_always_scores_the_same_to_the_last_bit() {
        // Weights of very different sizes make the sum depend on its order: a score summed in a
        // hash set's order (fresh on each call) drifts in its last bits and flips near-ties.
        let a = content_terms("Unemployment in Ohio fell to 3.9 percent in March, the lowest rate since records began in 1976");
        let b = content_terms("Ohio's jobless rate dropped to 4.1% in March, its lowest level since the state began keeping records");
        let weight = |t: &str| -> f32 {
            1.0 + (t.len() as f32).powi(3) * 1.37e-3 + if t.len().is_multiple_of(2) { 1e-4 } else { 7.0 }
        };
        let first = similarity(&a, &b, &weight);
        for _ in 0..200 {
            assert_eq!(similarity(&a, &b, &weight).to_bits(), first.to_bits());
        }
    }

    #[test]
    fn rounded_figures_meet_close_ones_and_only_those() {
        let q = "Electric cars made up 18% of new car sales worldwide last year";
        assert!(sim(q, "Nearly one in five new cars sold around the world last year was electric") > 0.6);
        // Not hedged: 20% is not 18%.
        assert!(sim(q, "Electric cars made up 20% of new car sales worldwide last year") < MIN_SCORE);
        // Hedged but too far: "about a third" is not 18%.
        assert!(sim(q, "Electric cars made up about a third of new car sales worldwide last year") < MIN_SCORE);
        // Years are never rounded.
        assert!(sim("Around 2010 the mine closed for good in Eastmere", "In 2009 the mine closed for good in Eastmere") < MIN_SCORE);
    }

    #[test]
    fn negated_extremes_and_complementary_shares_are_read() {
        let terms = content_terms("Never have fewer people died on the roads than the 210 killed there last year");
        assert!(terms.contains(&"~low".to_string()) && terms.contains(&"record".to_string()), "{terms:?}");
        assert!(!terms.contains(&"~not".to_string()));
        let terms = content_terms("Japan had never received as many foreign visitors as in 2024");
        assert!(terms.contains(&"~high".to_string()) && !terms.contains(&"~not".to_string()), "{terms:?}");
        // Bounded by "since": an extreme, not a record.
        let terms = content_terms("Britain had not won as few gold medals as the fourteen it took in Paris since 2004");
        assert!(terms.contains(&"~low".to_string()) && !terms.contains(&"record".to_string()), "{terms:?}");
        // A figure right after "than" is a bound, not an extreme.
        assert!(content_terms("The mine never employed more than 200 people").contains(&"~not".to_string()));
        // 42% never diagnosed is 58% diagnosed; 42% diagnosed is not.
        let q = "Only 58% of people with dementia in Wales have been formally diagnosed";
        assert!(sim(q, "In Wales, 42% of people with dementia have never been formally diagnosed") > 0.6);
        assert!(sim(q, "In Wales, 42% of people with dementia have been formally diagnosed") < MIN_SCORE);
        assert!(sim(q, "In Wales, 58% of people with dementia have never been formally diagnosed") < MIN_SCORE);
    }

    #[test]
    fn each_conflict_is_named() {
        use Difference::*;
        for (a, b, want) in [
            ("Unemployment in Ohio fell to 3.9% in March", "Unemployment in Ohio fell to 4.9% in March", &[Figure][..]),
            ("Unemployment in Ohio fell to 3.9% in March", "Unemployment in Ohio rose to 3.9% in March", &[Direction]),
            ("The lowest rate in the region this year", "The highest rate in the region this year", &[Extreme]),
            ("National debt has risen above 100% of GDP", "National debt has risen below 100% of GDP", &[Bound]),
            ("Real wages have not grown in the last decade", "Real wages have grown in the last decade", &[Negation]),
            ("Unemployment in Ohio fell to 3.9% in March", "Unemployment in Michigan fell to 3.9% in March", &[Name]),
            ("Unemployment in Ohio fell to 3.9% in March", "Ohio's jobless rate dropped to 3.9 percent in March", &[]),
            ("The waiting list has hit a record 7.8 million people", "The waiting list has fallen to 7.8 million people", &[Direction]),
            ("Fuel duty has been frozen for 14 years in a row", "Fuel duty has been cut for 14 years in a row", &[Direction]),
            ("Fuel duty has been frozen for 14 years in a row", "Fuel duty has not gone up for fourteen years in a row", &[Negation]),
            ("The waiting list has hit a record 7.8 million people", "The waiting list reached an all-time high of 7.8 million", &[]),
            ("Unemployment in Ohio fell to 3.9% in March", "Unemployment in Michigan rose to 4.9% in March", &[Figure, Direction, Name]),
            // A count of years and the year it leads back to, from the latest year both name.
            ("In August 2025 jobs fell for the first time in ten years", "In August 2025 jobs fell for the first time since 2015", &[]),
            ("In August 2025 jobs fell for the first time in ten years", "In August 2025 jobs fell for the first time since 2012", &[Figure]),
            ("In 2025 jobs fell for the first time in about ten years", "Jobs fell for the first time since 2015, in 2025", &[]),
            ("Jobs fell for the first time in ten years", "Jobs fell for the first time since 2015", &[Figure]),
        ] {
            assert_eq!(compare(&content_terms(a), &content_terms(b), &one).differs, want, "{a} / {b}");
        }
    }

    #[test]
    fn figure_value_leaves_years_out_and_tolerance_reads_the_flags() {
        for (t, want) in [("#18", Some(18.0)), ("#8.5", Some(8.5)), ("#2010", None), ("#1899", Some(1899.0)), ("×2", None), ("ohio", None)] {
            assert_eq!(figure_value(t), want, "{t}");
        }
        let terms = content_terms("nearly 20 of them, a third of those, and 12 more");
        for (key, want) in [("#20", HEDGE_TOLERANCE), ("#33", FRACTION_TOLERANCE), ("#12", 0.0)] {
            assert_eq!(tolerance(&terms, key), want, "{key} in {terms:?}");
        }
    }
}
