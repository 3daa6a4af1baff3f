//! Figures in any spelling: digits with a scale ("$60bn", "1.4 million"), numbers in words
//! ("six hundred and eight thousand"), fractions and shares ("a third", "one in five", "33%"),
//! multipliers ("doubled", "three times"), ordinals ("fifth", "5th") and units of time, length and
//! mass ("1,320 seconds" is "22 minutes"). Each reader takes the tokens of [`tokens::read`] and a
//! position, and says what it found and how many tokens it took; `terms` writes the terms.
//!
//! The word tables are data files (`words/cardinals.txt`, `fractions.txt`, `multipliers.txt`,
//! `multiplier_probes.txt`, `hedges.txt`); the sizes of units ([`UNIT_KINDS`]) and the scale words
//! and suffixes ("million", "bn") stay here, as numbers read better in code.
//!
//! [`tokens::read`]: super::tokens::read

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tokens::{word_at, Token};
use super::words::{CARDINALS, CARDINALS_OTHER, FRACTIONS, HEDGES, MULTIPLIERS, MULTIPLIER_PROBES};

/// Numbers in words below a hundred ([`CARDINALS`]), fractions' denominators ([`FRACTIONS`]) and
/// multipliers ([`MULTIPLIERS`]), by word.
struct Values {
    cardinal: HashMap<&'static str, f64>,
    fraction: HashMap<&'static str, f64>,
    multiplier: HashMap<&'static str, u32>,
}

fn values() -> &'static Values {
    static V: OnceLock<Values> = OnceLock::new();
    V.get_or_init(|| {
        let num = |file: &str, s: &str| s.parse::<f64>().unwrap_or_else(|_| panic!("words/{file}: {s:?} is not a number"));
        Values {
            cardinal: CARDINALS.pairs().map(|(w, v)| (w, num(CARDINALS.file, v))).collect(),
            fraction: FRACTIONS.lines().iter().flat_map(|l| l.entries.iter().map(move |w| (*w, num(FRACTIONS.file, l.key)))).collect(),
            multiplier: MULTIPLIERS.lines().iter().flat_map(|l| l.entries.iter().map(move |w| (*w, num(MULTIPLIERS.file, l.key) as u32))).collect(),
        }
    })
}

/// The denominator of a fraction in words: "third", "thirds" → 3.
pub(super) fn fraction(w: &str) -> Option<f64> {
    values().fraction.get(w).copied()
}

/// Units of the same kind, in how many of the smallest each is: a figure with one of them is
/// written in the largest unit of its kind it is a whole number of ("1,320 seconds" is 22 minutes,
/// "24 months" two years, "5,000 metres" 5 km). Each kind's units, largest first, with their size;
/// the first spelling of each is the one written.
pub(super) const UNIT_KINDS: &[&[(&[&str], f64, bool)]] = &[
    &[
        (&["week", "weeks"], 604_800.0, true),
        (&["day", "days"], 86_400.0, true),
        (&["hour", "hours", "hr", "hrs"], 3_600.0, true),
        (&["minute", "minutes", "min", "mins"], 60.0, true),
        (&["second", "seconds", "sec", "secs"], 1.0, true),
    ],
    &[(&["decade", "decades"], 120.0, false), (&["year", "years"], 12.0, true), (&["month", "months"], 1.0, true)],
    &[
        (&["kilometre", "kilometres", "kilometer", "kilometers", "km"], 1_000.0, true),
        (&["metre", "metres", "meter", "meters"], 1.0, true),
        (&["centimetre", "centimetres", "centimeter", "centimeters", "cm"], 0.01, true),
    ],
    &[
        (&["tonne", "tonnes"], 1e6, true),
        (&["kilogram", "kilograms", "kg", "kilo", "kilos"], 1_000.0, true),
        (&["gram", "grams"], 1.0, true),
    ],
];

/// A figure followed by a unit of [`UNIT_KINDS`]: the figure in the largest unit (of those
/// written) it is a whole number of, and that unit's word; else as written (in the smallest unit for a decade).
pub(super) fn convert_unit(v: f64, word: &str) -> Option<(f64, &'static str)> {
    for kind in UNIT_KINDS {
        let Some(own) = kind.iter().position(|(ws, _, _)| ws.contains(&word)) else { continue };
        let base = v * kind[own].1;
        let mut last = None;
        for (ws, size, written) in kind.iter().filter(|u| u.2) {
            let x = base / size;
            if (x - x.round()).abs() < 1e-9 * x.abs().max(1.0) && x.round() >= 1.0 && *written {
                return Some((x.round(), ws[0]));
            }
            last = Some((x, ws[0]));
        }
        // A whole number of none of them ("78.4 years"): as written, when written in one of them.
        return if kind[own].2 { Some((v, kind[own].0[0])) } else { last };
    }
    None
}

/// Words that say a figure was multiplied, and by how much: "doubled", "twice", "threefold"
/// ([`MULTIPLIERS`]), and "<number>fold" ("tenfold").
pub(super) fn multiplier_word(w: &str) -> Option<u32> {
    if let Some(n) = values().multiplier.get(w) {
        return Some(*n);
    }
    let n = word_number(w.strip_suffix("fold")?)?;
    (n >= 2.0).then_some(n as u32)
}

/// A multiplier as a figure: `×2` for "doubled", "twice as many", "two times higher", "a 100% rise".
pub(super) fn multiplier_key(n: u32) -> String {
    format!("×{n}")
}

/// What the search index is asked for to find a multiplier ([`MULTIPLIER_PROBES`]; none beyond
/// four times).
pub(super) fn multiplier_probes(n: u32) -> Vec<String> {
    MULTIPLIER_PROBES.entries_of(&n.to_string()).iter().map(|w| (*w).to_string()).collect()
}

/// A scale word after a figure: "hundred", "thousand", "million(s)", "billion(s)", "trillion", and
/// the same in Spanish, Portuguese, French, German, Italian and Dutch ("38 mil", "1,5 milhões",
/// "3 300 milliards", "63 mil millones" (chained), "6,7 Millionen"). French "billion" is a
/// thousand times the English one and is left out of "billions".
pub(super) fn scale_word(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(1e2),
        "thousand" | "mil" | "mille" | "mila" | "tausend" | "duizend" => Some(1e3),
        "million" | "millions" | "mio" | "mln" | "millón" | "millones" | "milhão" | "milhões" | "millionen" | "milione" | "milioni"
        | "miljoen" => Some(1e6),
        "billion" | "billions" | "milliard" | "milliards" | "milliarde" | "milliarden" | "miliardo" | "miliardi"
        | "miljard" | "bilhão" | "bilhões" | "mrd" | "mld" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// A scale glued to digits ("60bn", "745k", "7m"), or none ("").
pub(super) fn scale_suffix(s: &str) -> Option<f64> {
    match s {
        "" => Some(1.0),
        "k" => Some(1e3),
        "m" | "mn" | "mln" => Some(1e6),
        "bn" | "b" => Some(1e9),
        "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

/// A number in words below a hundred, one word ([`CARDINALS`]): "eight" → 8, "forty" → 40.
pub(super) fn word_number(w: &str) -> Option<f64> {
    values().cardinal.get(w).copied()
}

/// A value as a term: `#1200`, `#8.5` (three decimals at most), `#60000000000` (a million and
/// more always whole).
pub(super) fn number_key(v: f64) -> String {
    if v.fract().abs() < 1e-9 || v.abs() >= 1e6 {
        format!("#{}", v.round() as i64)
    } else {
        let s = format!("{v:.3}");
        format!("#{}", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// An ordinal ("fifth", "5th") as a term: `№5`. Two claims with different ordinals ("the fifth
/// meeting in a row" against "the third") conflict as different figures do.
pub(super) fn ordinal_key(n: u32) -> String {
    format!("№{n}")
}

/// A hedge word ("nearly", "about", "close to", "just under") right before `i`.
pub(super) fn hedged_before(toks: &[Token], i: usize) -> bool {
    let before = |k: usize| if i >= k { word_at(toks, i - k) } else { None };
    match before(1) {
        Some(w) if HEDGES.list().contains(&w) => true,
        Some("to") => before(2) == Some("close"),
        Some("under" | "over" | "below" | "above") => before(2) == Some("just"),
        _ => false,
    }
}

/// Below a thousand in words from `j`: "eight", "forty-eight" (the index splits it in two words),
/// "six hundred", "three hundred and twenty". The value and the tokens taken.
pub(super) fn words_below_thousand(toks: &[Token], j: usize) -> Option<(f64, usize)> {
    let tens_units = |k: usize| -> Option<(f64, usize)> {
        let v = word_number(word_at(toks, k)?)?;
        if v >= 20.0 {
            if let Some(u) = word_at(toks, k + 1).and_then(word_number).filter(|u| *u < 10.0 && *u > 0.0) {
                return Some((v + u, 2));
            }
        }
        Some((v, 1))
    };
    let (mut v, mut n) = tens_units(j)?;
    if v > 0.0 && v < 10.0 && word_at(toks, j + n) == Some("hundred") {
        v *= 100.0;
        n += 1;
        // "six hundred and eight", "three hundred twenty"
        let and = usize::from(word_at(toks, j + n) == Some("and"));
        if let Some((r, rn)) = tens_units(j + n + and).filter(|r| r.0 > 0.0) {
            v += r;
            n += and + rn;
        }
    }
    Some((v, n))
}

/// A number written in words from `i`: "twenty thousand", "three hundred thousand", "forty-eight",
/// "six hundred and eight thousand", "one million two hundred thousand", "a million". Returns the
/// value and how many tokens it took.
pub(super) fn words_number(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let first = word_at(toks, i)?;
    let mut j = i;
    let mut total = 0.0;
    let mut current;
    if first == "a" {
        // "a million", "a hundred": the article counts as one only before a scale word.
        scale_word(word_at(toks, i + 1)?)?;
        current = 1.0;
        j += 1;
    } else {
        let (v, n) = words_below_thousand(toks, i)?;
        current = v + and_a_half(toks, i + n);
        j += n + if current > v { 3 } else { 0 };
    }
    // The last scale applied: a following group must be smaller ("a million two hundred thousand").
    let mut last_scale = f64::INFINITY;
    while let Some(s) = word_at(toks, j).and_then(scale_word) {
        if s == 100.0 {
            // "a hundred", "twenty hundred"
            current *= s;
        } else if s < last_scale {
            total += current * s;
            current = 0.0;
            last_scale = s;
        } else {
            break;
        }
        j += 1;
        // "one million two hundred thousand", "two thousand and five"
        let and = usize::from(word_at(toks, j) == Some("and"));
        if let Some((v, n)) = words_below_thousand(toks, j + and).filter(|v| v.0 > 0.0) {
            current += v;
            j += and + n;
        }
    }
    Some((total + current, j - i))
}

/// "and a half" at `i` ("one and a half", "8 and a half million"): 0.5, else 0.
fn and_a_half(toks: &[Token], i: usize) -> f64 {
    let at = |k: usize, w: &str| word_at(toks, i + k) == Some(w);
    if at(0, "and") && at(1, "a") && at(2, "half") { 0.5 } else { 0.0 }
}

/// A piece of a number in words in another language ([`CARDINALS_OTHER`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// A number; false when it counts only inside a longer number ("neuf", "sei").
    Num(f64, bool),
    /// "y", "et", "e", "und", "en": joins two numbers.
    And,
    /// "un", "eine", "een": one, before a scale word only.
    A,
}

/// Each language's number words, by language.
fn other_pieces(lang: &str) -> Option<&'static HashMap<&'static str, Piece>> {
    static P: OnceLock<HashMap<&'static str, HashMap<&'static str, Piece>>> = OnceLock::new();
    P.get_or_init(|| {
        CARDINALS_OTHER
            .lines()
            .iter()
            .map(|l| {
                let pieces = l.entries.iter().map(|e| {
                    let (w, v) = e.split_once('=').unwrap_or_else(|| panic!("words/{}: {e:?} has no '='", CARDINALS_OTHER.file));
                    let piece = match v {
                        "and" => Piece::And,
                        "a" => Piece::A,
                        v => {
                            let (n, alone) = v.strip_suffix('?').map_or((v, true), |n| (n, false));
                            let n = n.parse().unwrap_or_else(|_| panic!("words/{}: {e:?} is not a number", CARDINALS_OTHER.file));
                            Piece::Num(n, alone)
                        }
                    };
                    (w, piece)
                });
                (l.key, pieces.collect())
            })
            .collect()
    })
    .get(lang)
}

/// The languages that write a number as one word ("trecentomila", "dreiundzwanzig").
const GLUED: &[&str] = &["it", "de", "nl"];

/// One word of a number in `lang`, as its pieces: the word itself, a scale word ("millones",
/// "Milliarden"), or, in Italian, German and Dutch, the pieces it is glued from. None when the
/// word is no number.
fn word_pieces(word: &str, lang: &str, table: &HashMap<&str, Piece>) -> Option<Vec<Piece>> {
    if let Some(p) = table.get(word) {
        return Some(vec![*p]);
    }
    if let Some(s) = scale_word(word).filter(|s| *s >= 1e3) {
        return Some(vec![Piece::Num(s, true)]);
    }
    if !GLUED.contains(&lang) {
        return None;
    }
    // Longest piece first; a glued word neither starts nor ends with "und", and "eine" in
    // "einhundert" is one.
    fn split(rest: &str, table: &HashMap<&str, Piece>, out: &mut Vec<Piece>) -> bool {
        if rest.is_empty() {
            return !matches!(out.last(), Some(Piece::And));
        }
        let ends: Vec<usize> = rest.char_indices().map(|(k, c)| k + c.len_utf8()).collect();
        for &end in ends.iter().rev() {
            let piece = match table.get(&rest[..end]) {
                Some(Piece::A) => Piece::Num(1.0, true),
                Some(Piece::Num(v, _)) => Piece::Num(*v, true),
                Some(Piece::And) if !out.is_empty() && !matches!(out.last(), Some(Piece::And)) => Piece::And,
                _ => continue,
            };
            out.push(piece);
            if split(&rest[end..], table, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let mut out = Vec::new();
    (split(word, table, &mut out) && out.len() > 1).then_some(out)
}

/// A number written in words in Spanish, French, Portuguese, Italian, German or Dutch at the
/// start of `words` (lower-cased): "huit millions sept cent mille", "oitocentos e setenta",
/// "ventiquattro milioni e trecentomila", "dreiundzwanzig", "dos mil millones", "quatre-vingt-dix"
/// (each word a token). The value and how many words it took; None when `words` starts with no
/// number, or with a word that is one only inside a longer number ("neuf" is also "new").
pub(super) fn other_words_number(words: &[&str], lang: &str) -> Option<(f64, usize)> {
    let table = other_pieces(lang)?;
    let (mut total, mut current) = (0.0f64, 0.0f64);
    // The value of the last piece read, the words taken so far, and whether a number (not only
    // "y", "un") was read.
    let mut last: Option<f64> = None;
    let mut taken = 0;
    let mut counted = false;
    // The word before was "y", "et", "e".
    let mut joined = false;
    let mut k = 0;
    while k < words.len() {
        let Some(mut pieces) = word_pieces(words[k], lang, table) else { break };
        // Between two words: "y", "e", "et" join tens and units, hundreds and the rest
        // ("treinta y tres", "cento e vinte", "vingt et un"); never in German or Dutch.
        if pieces == [Piece::And] {
            let next = words.get(k + 1).and_then(|w| word_pieces(w, lang, table));
            let first = match next.as_deref() {
                Some([Piece::Num(n, _), ..]) => Some(*n),
                Some([Piece::A]) => Some(1.0),
                _ => None,
            };
            let smaller = match (last, first) {
                (Some(prev), Some(n)) => !matches!(lang, "de" | "nl") && prev >= 20.0 && n < prev,
                _ => false,
            };
            if !smaller {
                break;
            }
            k += 1;
            joined = true;
            continue;
        }
        if let [Piece::A] = pieces[..] {
            // "un million"; "vingt et un".
            match words.get(k + 1).and_then(|w| scale_word(w)) {
                _ if joined => pieces = vec![Piece::Num(1.0, true)],
                Some(s) if s >= 1e3 && last.is_none() => pieces = vec![Piece::Num(1.0, true)],
                _ => break,
            }
        }
        joined = false;
        // "millions" alone ("des millions de") is no figure, nor "neuf" unless a hundred or a
        // thousand follows ("neuf cents").
        if last.is_none() && pieces.len() == 1 {
            let multiplied = || {
                words.get(k + 1).and_then(|w| word_pieces(w, lang, table)).is_some_and(
                    |p| matches!(p.first(), Some(Piece::Num(v, _)) if *v == 100.0 || (*v >= 1e3 && *v < 1e6)),
                )
            };
            match pieces[0] {
                Piece::Num(v, _) if v >= 1e6 => break,
                Piece::Num(_, false) if !multiplied() => break,
                _ => {}
            }
        }
        let before = (total, current);
        let mut fits = true;
        for (n, piece) in pieces.iter().enumerate() {
            let Piece::Num(v, _) = *piece else { continue };
            // A word after another adds a smaller number or multiplies ("vingt trois", "sept
            // cent", "trois mille"); "quatre-vingt" is four twenties.
            if n == 0 && k > 0 {
                let multiplies = v == 100.0 || v >= 1e3;
                let four_twenties = lang == "fr" && v == 20.0 && last == Some(4.0);
                if !(multiplies || four_twenties || last.is_some_and(|l| v < l)) {
                    fits = false;
                    break;
                }
            }
            if lang == "fr" && v == 20.0 && last == Some(4.0) {
                current += 76.0;
            } else if v == 100.0 {
                current = current.max(1.0) * 100.0;
                counted = true;
            } else if v >= 1e3 {
                if current == 0.0 && total > 0.0 {
                    // "mil millones": a thousand millions.
                    total *= v;
                } else {
                    total += current.max(1.0) * v;
                    current = 0.0;
                }
                counted = true;
            } else {
                current += v;
                counted = true;
            }
            last = Some(v);
        }
        if !fits {
            (total, current) = before;
            break;
        }
        k += 1;
        taken = k;
    }
    (counted && taken > 0).then_some((total + current, taken))
}

/// A value as a digit token or in words at `i`.
pub(super) fn value_at(toks: &[Token], i: usize) -> Option<(f64, usize, String)> {
    match toks.get(i)? {
        Token::Num(v, p) => {
            let half = and_a_half(toks, i + 1);
            let mut v = *v + half;
            let mut j = i + 1 + if half > 0.0 { 3 } else { 0 };
            while let Some(s) = word_at(toks, j).and_then(scale_word) {
                v *= s;
                j += 1;
            }
            Some((v, j - i, p.clone()))
        }
        Token::Word(_, w, _) => {
            let (v, n) = words_number(toks, i)?;
            Some((v, n, if w == "a" { String::new() } else { w.clone() }))
        }
        Token::Percent | Token::Ordinal(..) => None,
    }
}

/// "per cent", "percent", "%", "pc" at `i`: how many tokens.
pub(super) fn percent_at(toks: &[Token], i: usize) -> usize {
    match toks.get(i) {
        Some(Token::Percent) => 1,
        Some(Token::Word(_, w, _)) if matches!(w.as_str(), "percent" | "pc" | "prozent" | "procent") => 1,
        // "per cent", and "por ciento", "por cento", "pour cent", "per cento".
        Some(Token::Word(_, w, _))
            if matches!(w.as_str(), "per" | "por" | "pour") && matches!(word_at(toks, i + 1), Some("cent" | "ciento" | "cento")) =>
        {
            2
        }
        _ => 0,
    }
}

/// "one unit of electricity in every five", "one adult in four": the words between the figure at
/// `j` and "in" (at most four, "every" needed after more than one), and how many tokens "in
/// (every)" takes.
pub(super) fn fraction_gap(toks: &[Token], j: usize) -> Option<(usize, usize)> {
    for gap in 1..=4 {
        match toks.get(j + gap - 1) {
            Some(Token::Word(_, w, _)) if w != "in" && word_number(w).is_none() => {}
            _ => return None,
        }
        if word_at(toks, j + gap) == Some("in") {
            if word_at(toks, j + gap + 1) == Some("every") {
                return Some((gap, 2));
            }
            return (gap == 1).then_some((gap, 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::terms::{content_terms, is_figure, is_number};
    use crate::language::tokens::read;

    /// `other_words_number`: numbers in words in six languages, separate words and glued ones,
    /// and the words that are no number on their own.
    #[test]
    fn other_words_number_reads_six_languages() {
        let cases: &[(&str, &str, Option<(f64, usize)>)] = &[
            ("fr", "huit millions sept cent mille entrées", Some((8_700_000.0, 5))),
            ("fr", "cent millions de visiteurs", Some((1e8, 2))),
            ("fr", "quatre vingt dix ans", Some((90.0, 3))),
            ("fr", "soixante dix", Some((70.0, 2))),
            ("fr", "vingt et un jours", Some((21.0, 3))),
            ("fr", "neuf cents euros", Some((900.0, 2))),
            ("fr", "neuf bâtiments", None),
            ("fr", "millions de personnes", None),
            ("fr", "un million de foyers", Some((1e6, 2))),
            ("fr", "une maison", None),
            ("fr", "deux et trois", Some((2.0, 1))),
            ("es", "treinta y tres ayudas", Some((33.0, 3))),
            ("es", "dos mil millones de euros", Some((2e9, 3))),
            ("es", "veintitrés", Some((23.0, 1))),
            ("es", "quinientos mil", Some((500_000.0, 2))),
            ("pt", "oitocentos e setenta euros", Some((870.0, 3))),
            ("pt", "mil milhões", Some((1e9, 2))),
            ("pt", "um e dois", None),
            ("it", "ventiquattro milioni e trecentomila", Some((24_300_000.0, 4))),
            ("it", "centoventi", Some((120.0, 1))),
            ("it", "milleduecento", Some((1200.0, 1))),
            ("it", "sei mesi", None),
            ("it", "seicento", Some((600.0, 1))),
            ("de", "dreiundzwanzig", Some((23.0, 1))),
            ("de", "zweihundertdreiundzwanzigtausend", Some((223_000.0, 1))),
            ("de", "eine Million", Some((1e6, 2))),
            ("de", "drei und vier", Some((3.0, 1))),
            ("de", "einen", None),
            ("nl", "drieëntwintig", Some((23.0, 1))),
            ("nl", "twee en drie", Some((2.0, 1))),
            ("nl", "een huis", None),
            ("en", "twenty three", None),
        ];
        for (lang, text, want) in cases {
            let lower = text.to_lowercase();
            let words: Vec<&str> = lower.split(' ').collect();
            assert_eq!(other_words_number(&words, lang), *want, "{text} ({lang})");
        }
    }

    #[test]
    fn numbers_are_read_in_any_spelling() {
        let n = |s: &str| content_terms(s).into_iter().filter(|t| is_number(t)).collect::<Vec<_>>();
        assert_eq!(n("$60bn"), ["#60000000000"]);
        assert_eq!(n("60 billion dollars"), ["#60000000000"]);
        assert_eq!(n("1.4m jobs and 1.4 million jobs"), ["#1400000"]);
        assert_eq!(n("745k, 745,000"), ["#745000"]);
        assert_eq!(n("Twenty thousand officers"), ["#20000"]);
        assert_eq!(n("three hundred thousand times"), ["#300000"]);
        assert_eq!(n("forty-eight"), ["#48"]);
        assert_eq!(n("a third"), ["#33"]);
        assert_eq!(n("one in three"), ["#33"]);
        assert_eq!(n("33%"), ["#33"]);
        assert_eq!(n("two-thirds"), ["#67"]);
        assert_eq!(n("four out of five"), ["#80"]);
        assert_eq!(n("8.5 per cent"), ["#8.5"]);
        assert_eq!(n("reached 745,000 in 2022"), ["#745000", "#2022"]);
        assert_eq!(n("halved"), ["#50"]);
        assert!(n("the third year").is_empty());
    }

    #[test]
    fn compound_number_words_and_units_are_read() {
        let n = |s: &str| content_terms(s).into_iter().filter(|t| is_number(t)).collect::<Vec<_>>();
        assert_eq!(n("six hundred and eight thousand lives"), ["#608000"]);
        assert_eq!(n("over eighty-eight thousand inmates"), ["#88000"]);
        assert_eq!(n("one hundred and twenty"), ["#120"]);
        assert_eq!(n("two thousand and five"), ["#2005"]);
        assert_eq!(n("one million two hundred thousand"), ["#1200000"]);
        assert_eq!(n("1.48C above"), ["#1.48"]);
        assert_eq!(n("7.7 per cent"), ["#7.7"]);
        // "a fifth consecutive meeting" is an ordinal, "by a fifth last year" a fraction; "the
        // fifth year in a row" a count of years.
        assert!(n("for a fifth consecutive meeting").is_empty());
        assert_eq!(n("rose by a fifth last year"), ["#20"]);
        assert!(content_terms("the fifth meeting in a row").contains(&ordinal_key(5)));
        assert!(content_terms("the 5th meeting in a row").contains(&ordinal_key(5)));
        assert!(content_terms("the 5th year in a row").contains(&"#5".to_string()));
    }

    #[test]
    fn multipliers_fractions_units_and_bounds_are_read() {
        let n = |s: &str| content_terms(s).into_iter().filter(|t| is_figure(t)).collect::<Vec<_>>();
        for s in ["rents have doubled", "twice as many attacks", "two times higher than", "rose by over 100%", "a 100% rise in two years", "a two-fold rise"] {
            assert!(n(s).contains(&multiplier_key(2)), "{s}: {:?}", content_terms(s));
        }
        assert!(!n("three times a day").contains(&multiplier_key(3)));
        assert_eq!(n("national debt above 100% of GDP"), ["#100"]);
        assert_eq!(n("one unit of electricity in every five"), ["#20"]);
        assert_eq!(n("one in every eight students"), ["#13"]);
        assert_eq!(n("for 1,320 seconds"), n("for 22 minutes"));
        assert_eq!(n("for 24 months"), n("for two years"));
        assert!(n("in the past 12 months").is_empty(), "a year states no figure");
        let has = |s: &str, t: &str| content_terms(s).contains(&t.to_string());
        assert!(has("in excess of 20 percent", "exceed"));
        assert!(has("upwards of a fifth of all votes", "exceed"));
        assert!(has("more than a fifth of all votes", "exceed"));
        assert!(has("delayed by at least two years", "exceed"));
        assert!(!has("delayed by at least two years", "~low"));
        assert!(has("for two years or more", "exceed"));
    }

    /// Each reader of figures over the tokens of a text, from its first token: what it found.
    fn at<T>(text: &str, f: impl Fn(&[Token], usize) -> T) -> T {
        f(&read(text), 0)
    }

    #[test]
    fn word_number_reads_one_word_below_a_hundred() {
        for (w, want) in [("zero", Some(0.0)), ("eight", Some(8.0)), ("nineteen", Some(19.0)), ("forty", Some(40.0)), ("ninety", Some(90.0)), ("hundred", None), ("eighty-eight", None), ("tenth", None)] {
            assert_eq!(word_number(w), want, "{w}");
        }
    }

    #[test]
    fn scales_and_suffixes_multiply() {
        for (w, want) in [("hundred", Some(1e2)), ("thousand", Some(1e3)), ("millions", Some(1e6)), ("billion", Some(1e9)), ("trillion", Some(1e12)), ("dozen", None)] {
            assert_eq!(scale_word(w), want, "{w}");
        }
        // Other languages' scale words, after digits.
        let n = |s: &str| content_terms(s).into_iter().filter(|t| is_number(t)).collect::<Vec<_>>();
        assert_eq!(n("38 mil assassinatos"), ["#38000"]);
        assert_eq!(n("1,5 milhões de portugueses"), ["#1500000"]);
        assert_eq!(n("3 300 milliards d'euros"), ["#3300000000000"]);
        assert_eq!(n("63 mil millones de dólares"), ["#63000000000"]);
        assert_eq!(n("6,7 Millionen Menschen"), ["#6700000"]);
        for text in ["10,6 por ciento", "10,6 Prozent", "10,6 pour cent"] {
            assert!(content_terms(text).contains(&"%#10.6".to_string()), "{text}: {:?}", content_terms(text));
        }
        for (s, want) in [("", Some(1.0)), ("k", Some(1e3)), ("m", Some(1e6)), ("mln", Some(1e6)), ("bn", Some(1e9)), ("b", Some(1e9)), ("trn", Some(1e12)), ("x", None)] {
            assert_eq!(scale_suffix(s), want, "{s:?}");
        }
    }

    #[test]
    fn words_number_reads_numbers_in_words() {
        for (text, want) in [
            ("eight", Some((8.0, 1))),
            ("forty-eight people", Some((48.0, 2))),
            ("six hundred and eight thousand", Some((608_000.0, 5))),
            ("one million two hundred thousand", Some((1_200_000.0, 5))),
            ("a million", Some((1e6, 2))),
            ("a hundred", Some((100.0, 2))),
            ("two thousand and five", Some((2005.0, 4))),
            ("one and a half percent", Some((1.5, 4))),
            ("eight and a half million", Some((8.5e6, 5))),
            ("a dog", None),
            ("people", None),
        ] {
            assert_eq!(at(text, words_number), want, "{text}");
        }
    }

    #[test]
    fn value_at_reads_digits_with_their_scale_or_words() {
        for (text, want) in [
            ("$60bn", Some((60e9, 1, "60bn"))),
            ("1.4 million jobs", Some((1.4e6, 2, "1"))),
            ("8 and a half million", Some((8.5e6, 5, "8"))),
            ("745,000", Some((745_000.0, 1, "745"))),
            ("twenty thousand", Some((20_000.0, 2, "twenty"))),
            ("a million", Some((1e6, 2, ""))),
            ("5th", None),
            ("%", None),
        ] {
            let got = at(text, value_at);
            assert_eq!(got.as_ref().map(|(v, n, p)| (*v, *n, p.as_str())), want, "{text}");
        }
    }

    #[test]
    fn percent_at_reads_the_signs_of_a_share() {
        for (text, want) in [("%", 1), ("percent", 1), ("pc", 1), ("per cent", 2), ("per year", 0), ("points", 0)] {
            assert_eq!(at(text, percent_at), want, "{text}");
        }
    }

    #[test]
    fn convert_unit_writes_the_largest_whole_unit() {
        for (v, unit, want) in [
            (1320.0, "seconds", Some((22.0, "minute"))),
            (24.0, "months", Some((2.0, "year"))),
            (12.0, "months", Some((1.0, "year"))),
            (18.0, "months", Some((18.0, "month"))),
            (5000.0, "metres", Some((5.0, "kilometre"))),
            (2.0, "decades", Some((20.0, "year"))),
            (1.5, "hours", Some((90.0, "minute"))),
            (78.4, "years", Some((78.4, "year"))),
            (3.0, "acres", None),
        ] {
            assert_eq!(convert_unit(v, unit), want, "{v} {unit}");
        }
    }

    #[test]
    fn multipliers_are_read_and_asked_for() {
        for (w, want) in [("doubled", Some(2)), ("twice", Some(2)), ("thrice", Some(3)), ("fourfold", Some(4)), ("tenfold", Some(10)), ("onefold", None), ("fold", None), ("double-decker", None)] {
            assert_eq!(multiplier_word(w), want, "{w}");
        }
        assert_eq!(multiplier_probes(2), ["doubled", "double", "doubles", "doubling", "twice"]);
        assert_eq!(multiplier_probes(4), ["quadrupled", "quadruple", "fourfold"]);
        assert!(multiplier_probes(10).is_empty());
        assert_eq!(multiplier_key(3), "×3");
    }

    #[test]
    fn figures_and_ordinals_as_terms() {
        for (v, want) in [(1200.0, "#1200"), (8.5, "#8.5"), (1.48, "#1.48"), (2.0 / 3.0, "#0.667"), (60e9, "#60000000000"), (1_234_567.8, "#1234568")] {
            assert_eq!(number_key(v), want, "{v}");
        }
        assert_eq!(ordinal_key(5), "№5");
    }

    #[test]
    fn fractions_in_words_and_the_words_between() {
        for (w, want) in [("half", Some(2.0)), ("thirds", Some(3.0)), ("quarter", Some(4.0)), ("tenths", Some(10.0)), ("eleventh", None)] {
            assert_eq!(fraction(w), want, "{w}");
        }
        // From the token after the figure ("one" is token 0).
        for (text, want) in [
            ("one adult in four", Some((1, 1))),
            ("one unit of electricity in every five", Some((3, 2))),
            ("one unit of electricity in five", None),
            ("one in four", None),
            ("one two in four", None),
        ] {
            assert_eq!(fraction_gap(&read(text), 1), want, "{text}");
        }
    }

    #[test]
    fn hedges_stand_right_before_a_figure() {
        // Is the last token hedged?
        for (text, want) in [("nearly 20", true), ("about 20", true), ("close to 20", true), ("just under 20", true), ("under 20", false), ("to 20", false), ("20", false)] {
            let toks = read(text);
            assert_eq!(hedged_before(&toks, toks.len() - 1), want, "{text}");
        }
    }
}
