//! The search box: what a checker typed, as FTS5 expressions, and the snippet that shows where the
//! words were found.
//!
//! The rule: every word typed must be found, as the start of a word, somewhere in the claim — its
//! wording, summary or claimant (`claims_fts`), or what surrounds it: the titles of the sources
//! linked as evidence, the evidence excerpts, the current verdict's rationale (`claim_context_fts`).
//! Case and accents are ignored. Claims with every word in their own fields come first; claims that
//! need their surroundings to match follow.

use crate::model::{Snippet, SnippetField, SnippetPart};

/// Words of context kept before the first hit in a snippet, and at most this many words in all.
const WORDS_BEFORE: usize = 6;
const WORDS_IN_SNIPPET: usize = 24;

/// The words of a search, lower case and without accents (as the index holds them).
#[derive(Debug, Clone)]
pub(crate) struct SearchWords {
    words: Vec<String>,
}

impl SearchWords {
    /// Splits what was typed into words; quotes and operators are plain text. None without a word.
    pub(crate) fn parse(input: &str) -> Option<SearchWords> {
        let words: Vec<String> =
            input.split(|c: char| !is_word_char(c)).map(fold).filter(|w| !w.is_empty()).collect();
        (!words.is_empty()).then_some(SearchWords { words })
    }

    fn term(w: &str) -> String {
        format!("\"{w}\"*")
    }

    /// Every word, each as a prefix.
    pub(crate) fn fts_all(&self) -> String {
        self.words.iter().map(|w| Self::term(w)).collect::<Vec<_>>().join(" ")
    }

    /// Any of the words.
    pub(crate) fn fts_any(&self) -> String {
        self.words.iter().map(|w| Self::term(w)).collect::<Vec<_>>().join(" OR ")
    }

    /// Every word starts some word of `text`.
    pub(crate) fn covered_by(&self, text: &str) -> bool {
        let all = if self.words.len() >= 64 { u64::MAX } else { (1u64 << self.words.len()) - 1 };
        self.found_in(text) & all == all
    }

    /// The bit set of every word.
    pub(crate) fn all(&self) -> u64 {
        if self.words.len() >= 64 { u64::MAX } else { (1u64 << self.words.len()) - 1 }
    }

    /// Which words start some word of any of `fields`, as a bit set (bit i: word i): the search
    /// box's rule checked here rather than by the index, for a search so common that walking
    /// the list and checking each claim is cheaper than reading every match (see `list_claims`).
    /// One buffer for the folded word, no allocation per word.
    pub(crate) fn found_in_fields(&self, fields: &[&str]) -> u64 {
        let all = self.all();
        let mut found = 0u64;
        let mut tok = String::with_capacity(32);
        for text in fields {
            let mut chars = text.chars().peekable();
            while chars.peek().is_some() {
                tok.clear();
                while let Some(&c) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    chars.next();
                    fold_into(c, &mut tok);
                }
                if !tok.is_empty() {
                    found |= self.matching(&tok);
                    if found & all == all {
                        return found;
                    }
                }
                while chars.peek().is_some_and(|&c| !is_word_char(c)) {
                    chars.next();
                }
            }
        }
        found
    }

    /// Which words start some word of `text`, as a bit set (bit i: word i).
    fn found_in(&self, text: &str) -> u64 {
        let mut found = 0u64;
        for (_, _, tok) in tokens(text) {
            found |= self.matching(&tok);
        }
        found
    }

    fn matching(&self, folded_token: &str) -> u64 {
        let mut m = 0u64;
        for (i, w) in self.words.iter().enumerate().take(64) {
            if folded_token.starts_with(w.as_str()) {
                m |= 1 << i;
            }
        }
        m
    }

    /// Where the words were found, for a claim whose wording is shown whole: None when every word is
    /// in the wording; otherwise the field (summary, claimant, then the surroundings) that holds
    /// most of the words the wording lacks, cut to a few words around the first of them.
    pub(crate) fn snippet(&self, text: &str, fields: &[(SnippetField, &str)]) -> Option<Snippet> {
        let all = if self.words.len() >= 64 { u64::MAX } else { (1u64 << self.words.len()) - 1 };
        let missing = all & !self.found_in(text);
        if missing == 0 {
            return None;
        }
        let mut best: Option<(u32, SnippetField, &str)> = None;
        for &(field, value) in fields {
            for line in value.split('\n') {
                let n = (self.found_in(line) & missing).count_ones();
                if n > 0 && best.is_none_or(|(b, _, _)| n > b) {
                    best = Some((n, field, line));
                }
            }
        }
        let (_, field, line) = best?;
        Some(Snippet { field, parts: self.parts(line, missing) })
    }

    /// `line` cut around the first word in `wanted`, split into marked hits and plain text.
    fn parts(&self, line: &str, wanted: u64) -> Vec<SnippetPart> {
        let toks = tokens(line);
        let first = toks.iter().position(|(_, _, t)| self.matching(t) & wanted != 0).unwrap_or(0);
        let from = first.saturating_sub(WORDS_BEFORE);
        let to = (from + WORDS_IN_SNIPPET).min(toks.len());
        let start = if from == 0 { 0 } else { toks[from].0 };
        let end = if to == toks.len() { line.len() } else { toks[to - 1].1 };
        let mut parts: Vec<SnippetPart> = Vec::new();
        let mut push = |text: &str, hit: bool| {
            if text.is_empty() {
                return;
            }
            match parts.last_mut() {
                Some(p) if p.hit == hit && !hit => p.text.push_str(text),
                _ => parts.push(SnippetPart { text: text.to_string(), hit }),
            }
        };
        if from > 0 {
            push("…", false);
        }
        let mut at = start;
        for (s, e, tok) in &toks[from..to] {
            if self.matching(tok) != 0 {
                push(&line[at..*s], false);
                push(&line[*s..*e], true);
                at = *e;
            }
        }
        push(&line[at..end], false);
        if to < toks.len() {
            push("…", false);
        }
        parts
    }
}

/// The words of `text` as the index reads them: runs of letters and digits, with their byte
/// range and their folded form.
fn tokens(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, fold(&text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), fold(&text[s..])));
    }
    out
}

/// A character of a word, as FTS5's `unicode61` reads them: letters and digits, and the combining
/// accents of the Latin alphabet (U+0300 to U+036F, which fold away). Other marks (a Devanagari
/// vowel sign, a virama) end a word there, as they do in the index.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return true;
    }
    c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c)
}

/// Lower case without accents, close to FTS5's `unicode61 remove_diacritics 2`.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// Appends `c` folded: lower case, accents removed, combining marks dropped.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if unicode_normalization::char::is_combining_mark(c) {
        return;
    }
    for l in c.to_lowercase() {
        if !unicode_normalization::char::is_combining_mark(l) {
            out.push(base_letter(l));
        }
    }
}

/// A letter without its accent, by its canonical decomposition (the base letter before the
/// combining marks), as `remove_diacritics 2` does: "é" is "e", while "ø" and "ł", which do not
/// decompose, stay as they are.
fn base_letter(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    match base {
        Some(b) if b != c && b.is_alphabetic() => b,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &Snippet) -> String {
        s.parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    #[test]
    fn no_snippet_when_the_wording_has_every_word() {
        let w = SearchWords::parse("unemploy MARCH").unwrap();
        assert_eq!(w.fts_all(), "\"unemploy\"* \"march\"*");
        assert!(w.snippet("Unemployment fell in March.", &[(SnippetField::Excerpt, "march")]).is_none());
    }

    #[test]
    fn the_field_with_the_missing_words_is_cut_and_marked() {
        let w = SearchWords::parse("fell réservoir").unwrap();
        let s = w
            .snippet(
                "Unemployment fell in March.",
                &[
                    (SnippetField::Summary, "Nothing here"),
                    (SnippetField::Excerpt, "first excerpt\nThe Reservoirs fell by a third, the agency said."),
                ],
            )
            .unwrap();
        assert_eq!(s.field, SnippetField::Excerpt);
        assert_eq!(shown(&s), "The [Reservoirs] [fell] by a third, the agency said.");
    }

    #[test]
    fn long_fields_are_cut_with_ellipses() {
        let w = SearchWords::parse("needle").unwrap();
        let long = format!("{} needle {}", "word ".repeat(30), "more ".repeat(30));
        let s = w.snippet("claim", &[(SnippetField::Rationale, &long)]).unwrap();
        let text = shown(&s);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.contains("[needle]"));
        assert!(text.split_whitespace().count() <= WORDS_IN_SNIPPET + 2, "{text}");
    }
}
