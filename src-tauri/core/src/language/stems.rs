//! Words reduced to a stem both sides of a comparison share, and the spellings of a word the
//! search index is asked for. A light suffix stripper for English news writing, with a table of
//! irregular forms (`words/irregular.txt`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::words::IRREGULAR;

/// A word reduced to a stem both sides share: common English endings dropped ("recycled",
/// "recycling" → "recycl"; "cities", "city" → "citi"; "dropped" → "drop"), irregular forms looked up.
pub(super) fn stem(w: &str) -> String {
    static IRREGULARS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let irregular = IRREGULARS.get_or_init(|| IRREGULAR.pairs().collect());
    let w = irregular.get(w).copied().unwrap_or(w);
    if w.chars().any(|c| c.is_ascii_digit()) || !w.is_ascii() {
        return w.to_string();
    }
    let mut s = w.to_string();
    // "diagnosis", "analysis" meet "diagnosed", "analysed".
    if s.len() >= 7 && s.ends_with("sis") {
        s.truncate(s.len() - 2);
        return s;
    }
    let mut stripped = false;
    for suffix in ["isations", "isation", "izations", "ization", "ations", "ation", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly"] {
        if let Some(base) = s.strip_suffix(suffix) {
            let long_enough = match suffix {
                "ies" | "ied" => base.len() >= 3,
                // "properly", "annually"; not "family", "supply", "italy"
                "ly" => base.len() >= 5 && !w.ends_with("ily") && !w.ends_with("ply"),
                _ => base.len() >= 4,
            };
            if long_enough {
                s = if suffix == "ies" || suffix == "ied" { format!("{base}y") } else { base.to_string() };
                stripped = !s.ends_with('y');
                break;
            }
        }
    }
    if !stripped && s.len() >= 4 && s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    let b = s.as_bytes();
    let n = b.len();
    // "dropped" → "dropp" → "drop" (but "fall", "miss", "buzz" keep their pair).
    if stripped && n >= 4 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') && !is_vowel(b[n - 1]) {
        s.pop();
    }
    // "increase"/"increased" → "increas"; "city"/"cities" → "citi".
    let n = s.len();
    if n >= 4 && s.ends_with('e') {
        s.pop();
    } else if n >= 3 && s.ends_with('y') && !is_vowel(s.as_bytes()[n - 2]) {
        s.pop();
        s.push('i');
    }
    s
}

/// a, e, i, o or u.
fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The word as written and its plural or singular: what the search index is asked for (exact
/// words: a prefix query makes the index merge every word it covers, which costs more than it finds).
pub(super) fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if let Some(singular) = word.strip_suffix('s').filter(|s| s.len() >= 3 && !word.ends_with("ss")) {
        out.push(singular.to_string());
    } else {
        out.push(format!("{word}s"));
    }
    out
}

/// The spellings of a word the search index is asked for: as written, its plural or singular,
/// and the common endings on its stem ("diagnosis" also finds "diagnosed", "formal" "formally").
pub(super) fn forms(word: &str, stem: &str) -> Vec<String> {
    let mut out = inflections(word);
    if stem.len() >= 4 && stem.is_ascii() && !stem.chars().any(|c| c.is_ascii_digit()) {
        let mut more = vec![stem.to_string()];
        for end in ["e", "s", "es", "ed", "ing", "ly", "al"] {
            more.push(format!("{stem}{end}"));
        }
        if let Some(b) = stem.strip_suffix('i') {
            more.push(format!("{b}y"));
            more.push(format!("{b}ied"));
        }
        if stem.ends_with('s') {
            more.push(format!("{stem}is"));
        }
        for f in more {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_drops_common_endings_and_looks_up_irregular_forms() {
        for (w, want) in [
            ("recycled", "recycl"),
            ("recycling", "recycl"),
            ("cities", "citi"),
            ("city", "citi"),
            ("dropped", "drop"),
            ("falls", "fall"),
            ("increased", "increas"),
            ("diagnosis", "diagnos"),
            ("annually", "annual"),
            ("family", "famili"),
            ("nationalisation", "national"),
            ("paid", "pay"),
            ("children", "child"),
            ("losses", "los"),
            ("2022s", "2022s"),
            ("café", "café"),
        ] {
            assert_eq!(stem(w), want, "{w}");
        }
    }

    #[test]
    fn inflections_and_forms_are_what_the_index_is_asked_for() {
        for (w, want) in [("jobs", &["jobs", "job"][..]), ("job", &["job", "jobs"]), ("class", &["class", "classs"]), ("bus", &["bus", "buss"])] {
            assert_eq!(inflections(w), want, "{w}");
        }
        assert_eq!(
            forms("formal", "formal"),
            ["formal", "formals", "formale", "formales", "formaled", "formaling", "formally", "formalal"]
        );
        assert_eq!(forms("city", "citi"), ["city", "citys", "citi", "citie", "citis", "cities", "citied", "citiing", "citily", "citial"]);
        assert_eq!(forms("tax", "tax"), ["tax", "taxs"], "a short stem is asked for only as written");
    }
}
