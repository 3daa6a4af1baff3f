//! Idioms read whole, word by word: bounds ("in excess of", "at most", "no fewer than"), and the
//! negations that say an extreme rather than deny ("no year has been hotter than", "never have
//! fewer people died"). Each takes the tokens of [`tokens::read`] and a position.
//!
//! [`tokens::read`]: super::tokens::read

use super::numbers::value_at;
use super::tokens::{word_at, Token};
use super::words::{LESS_THAN, MORE_THAN};

/// "in excess of", "upwards of", "at least", "a minimum of", "or more", "no fewer than" (a lower
/// bound: `true`); "at most", "a maximum of", "or less", "no more than" (an upper one). How many
/// tokens it takes.
pub(super) fn bound_phrase(toks: &[Token], i: usize) -> Option<(bool, usize)> {
    let w = |k: usize| word_at(toks, i + k);
    match (w(0)?, w(1), w(2)) {
        ("in", Some("excess"), Some("of")) => Some((true, 3)),
        ("upwards" | "upward", Some("of"), _) => Some((true, 2)),
        ("at", Some("least"), _) => Some((true, 2)),
        ("at", Some("most"), _) => Some((false, 2)),
        ("a", Some("minimum"), Some("of")) => Some((true, 3)),
        ("a", Some("maximum"), Some("of")) => Some((false, 3)),
        ("or", Some("more" | "over" | "longer" | "higher" | "greater"), _) => Some((true, 2)),
        ("or", Some("less" | "fewer" | "under" | "lower"), _) => Some((false, 2)),
        ("no" | "not", Some("fewer" | "less"), Some("than")) => Some((true, 3)),
        ("no" | "not", Some("more"), Some("than")) => Some((false, 3)),
        _ => None,
    }
}

/// Comparatives read after a negation as an extreme: `true` for the top ("never as many", "no
/// year hotter than"), `false` for the bottom ("never fewer").
pub(super) fn degree(w: &str) -> Option<bool> {
    if MORE_THAN.list().contains(&w) || matches!(w, "more" | "many" | "much" | "longer" | "faster" | "older") {
        Some(true)
    } else if LESS_THAN.list().contains(&w) || matches!(w, "less" | "few" | "little" | "shorter" | "slower") {
        Some(false)
    } else {
        None
    }
}

/// A negation (`neg`, just before `i`) that says an extreme: "no year has been hotter than", "never
/// have fewer people died ... than", "never received as many visitors as", "had not won as few
/// medals as ... since 2004". The comparative's position, and whether it is the top or the bottom
/// (unknown for another "-er than": "never been recorded as emptier than").
pub(super) fn negated_extreme(toks: &[Token], i: usize, neg: &str) -> Option<(usize, Option<bool>)> {
    let strong = matches!(neg, "never" | "no" | "none" | "nobody" | "nothing");
    let since_after = toks[i..].iter().any(|t| matches!(t, Token::Word(_, w, _) if w == "since"));
    // "never more than 200" is a bound, not an extreme: the figure right after "than".
    let found = |k: usize, end: &str| {
        (k + 1..k + 8).any(|m| word_at(toks, m) == Some(end) && (end != "than" || value_at(toks, m + 1).is_none()))
    };
    for k in i..i + 10 {
        let Some(w) = word_at(toks, k) else { continue };
        let known = degree(w);
        let as_form = k > 0 && word_at(toks, k - 1) == Some("as") && known.is_some() && found(k, "as");
        let than_form = known.is_some() && found(k, "than");
        let other = known.is_none() && w.len() > 4 && w.ends_with("er") && word_at(toks, k + 1) == Some("than");
        // "has not been this low since 1974", "not so high since": the plain adjective.
        let plain = match w {
            "high" | "big" | "large" => Some(true),
            "low" | "small" => Some(false),
            _ => None,
        };
        let this_form = k > 0 && matches!(word_at(toks, k - 1), Some("this" | "that" | "so")) && plain.is_some();
        if !strong && this_form && since_after {
            return Some((k, plain));
        }
        // "has not suffered a deadlier disaster since 2010 than": "-ier" words are comparatives.
        let other_far = known.is_none() && w.len() > 5 && w.ends_with("ier") && found(k, "than");
        if (strong && (as_form || than_form || other)) || (!strong && since_after && (as_form || than_form || other_far)) {
            return Some((k, known));
        }
    }
    None
}

/// "any", "ever", "in any" at `k`, after a comparative and "than": "lower than any other", "more
/// than in any year before", "than ever".
pub(super) fn than_any(toks: &[Token], k: usize) -> bool {
    matches!(word_at(toks, k), Some("any" | "ever")) || (word_at(toks, k) == Some("in") && word_at(toks, k + 1) == Some("any"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::compare::{similarity, MIN_SCORE};
    use crate::language::terms::content_terms;
    use crate::language::tokens::read;

    fn sim(a: &str, b: &str) -> f32 {
        similarity(&content_terms(a), &content_terms(b), &|_| 1.0)
    }

    #[test]
    fn idioms_of_records_bounds_and_holding_still() {
        assert!(!content_terms("a number never reached before in the prisons").contains(&"~not".to_string()));
        assert!(content_terms("No year on record has been hotter than last year").contains(&"~high".to_string()));
        assert!(!content_terms("No year on record has been hotter than last year").contains(&"~not".to_string()));
        assert!(content_terms("a fertility rate lower than any other country's").contains(&"~low".to_string()));
        assert!(content_terms("the fifth straight meeting without a change").contains(&"hold".to_string()));
        assert!(content_terms("failed to reach the basic level").contains(&"~not".to_string()));
        let debt = "National debt has risen above 100% of GDP for the first time since 1961";
        assert!(sim(debt, "Public debt is now bigger than the whole economy for the first time since 1961") > 0.5);
        assert!(sim(debt, "National debt has fallen below 100% of GDP for the first time since 1961") < MIN_SCORE);
        // A figure in other units is another figure.
        let fires = "Wildfires in Canada burned more than 18 million hectares in 2023";
        assert!(sim(fires, "Wildfires in Canada burned more than 18 million acres in 2023") < MIN_SCORE);
    }

    #[test]
    fn bound_phrase_reads_bounds_in_a_few_words() {
        for (text, want) in [
            ("in excess of 20", Some((true, 3))),
            ("upwards of 20", Some((true, 2))),
            ("at least two", Some((true, 2))),
            ("at most two", Some((false, 2))),
            ("a minimum of two", Some((true, 3))),
            ("a maximum of two", Some((false, 3))),
            ("or more", Some((true, 2))),
            ("or fewer", Some((false, 2))),
            ("no fewer than ten", Some((true, 3))),
            ("not more than ten", Some((false, 3))),
            ("in excess", None),
            ("at home", None),
        ] {
            assert_eq!(bound_phrase(&read(text), 0), want, "{text}");
        }
    }

    #[test]
    fn degree_says_top_or_bottom() {
        for (w, want) in [("hotter", Some(true)), ("many", Some(true)), ("older", Some(true)), ("fewer", Some(false)), ("few", Some(false)), ("colder", Some(false)), ("emptier", None), ("people", None)] {
            assert_eq!(degree(w), want, "{w}");
        }
    }

    #[test]
    fn negated_extreme_finds_the_comparative() {
        // The negation is token 0; the reader asks from the token after it.
        for (text, want) in [
            ("no year has been hotter than last year", Some((4, Some(true)))),
            ("never have fewer people died on the roads than the 210", Some((2, Some(false)))),
            ("never received as many visitors as in 2024", Some((3, Some(true)))),
            ("not won as few medals as in 2004 since", Some((3, Some(false)))),
            ("not won as few medals as in 2004", None),
            ("never been recorded as emptier than now", Some((4, None))),
            ("never more than 200 people", None),
            ("not been this low since 1974", Some((3, Some(false)))),
            ("not been so high since records began", Some((3, Some(true)))),
            ("not been this low", None),
            ("not suffered a deadlier disaster since 2010 than the fires", Some((3, None))),
            ("not suffered a deadlier disaster than the fires", None),
            ("never went there", None),
        ] {
            let toks = read(text);
            let neg = word_at(&toks, 0).unwrap();
            assert_eq!(negated_extreme(&toks, 1, neg), want, "{text}");
        }
    }

    #[test]
    fn than_any_reads_the_end_of_an_extreme() {
        for (text, want) in [("any other", true), ("ever", true), ("in any year", true), ("in a year", false), ("the rest", false)] {
            assert_eq!(than_any(&read(text), 0), want, "{text}");
        }
    }
}
