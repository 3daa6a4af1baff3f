//! Finding an evidence excerpt in a snapshot. Excerpts are copied from browsers, PDFs and
//! emails that change quotes, dashes and spacing, and are often shortened with "[…]"; the
//! checker still needs to see where the words are in the archived text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::html::is_invisible;

/// Where an excerpt sits in a text, in Unicode code points (chars), end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    /// Whether the text holds the excerpt character for character (rather than up to spacing,
    /// quotes, dashes, case or left-out passages).
    pub exact: bool,
}

/// Markers a quoting writer uses for left-out words, longest first.
const GAP_MARKERS: &[&str] = &["[…]", "[...]", "(…)", "(...)", "…", "..."];

/// Locates `excerpt` in `haystack`: as written first (`exact`); otherwise ignoring differences
/// in whitespace, curly or straight quotes, dashes, "…" or "...", and case; otherwise, when the
/// excerpt leaves passages out with "[…]" or "...", finding every part in order (the anchor
/// then spans from the first part to the last). `None` when it is not there or is empty.
pub fn locate_excerpt(haystack: &str, excerpt: &str) -> Option<Anchor> {
    let excerpt = excerpt.trim();
    if excerpt.is_empty() {
        return None;
    }
    if let Some(byte) = haystack.find(excerpt) {
        let start = haystack[..byte].chars().count();
        return Some(Anchor { start, end: start + excerpt.chars().count(), exact: true });
    }
    let hay = Folded::new(haystack);
    if let Some(m) = hay.find(&Folded::new(excerpt).text, 0) {
        return Some(Anchor { start: m.start, end: m.end, exact: false });
    }
    locate_parts(&hay, excerpt)
}

/// Finds the parts of an excerpt with left-out passages, in order.
fn locate_parts(hay: &Folded, excerpt: &str) -> Option<Anchor> {
    if !GAP_MARKERS.iter().any(|m| excerpt.contains(m)) {
        return None;
    }
    let marked = GAP_MARKERS.iter().fold(excerpt.to_string(), |s, m| s.replace(m, "\u{0}"));
    let parts: Vec<String> =
        marked.split('\u{0}').filter(|p| p.chars().any(char::is_alphanumeric)).map(|p| Folded::new(p).text).collect();
    let (mut from, mut span) = (0, None::<(usize, usize)>);
    for part in &parts {
        let m = hay.find(part, from)?;
        from = m.next_byte;
        span = Some(span.map_or((m.start, m.end), |(start, _)| (start, m.end)));
    }
    span.map(|(start, end)| Anchor { start, end, exact: false })
}

/// A text folded for tolerant comparison, remembering where each folded char came from.
struct Folded {
    text: String,
    /// For each char of `text`, the index of the original char it came from.
    origin: Vec<usize>,
}

/// A match in a folded text: original char offsets, and where to continue in the folded text.
struct Match {
    start: usize,
    end: usize,
    next_byte: usize,
}

impl Folded {
    /// Lowercases, turns curly quotes into straight ones, dashes into hyphens and "…" into
    /// "...", collapses whitespace runs into one space and drops spaces around a dash (so
    /// "a — b" and "a-b" compare equal), and drops invisible characters.
    fn new(s: &str) -> Folded {
        let mut f = Folded { text: String::with_capacity(s.len()), origin: Vec::with_capacity(s.len()) };
        let mut pending_space = false;
        for (i, c) in s.chars().enumerate() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            match c {
                '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => f.push('"', i, &mut pending_space),
                '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => f.push('\'', i, &mut pending_space),
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => f.push('-', i, &mut pending_space),
                '…' => (0..3).for_each(|_| f.push('.', i, &mut pending_space)),
                _ => c.to_lowercase().for_each(|l| f.push(l, i, &mut pending_space)),
            }
        }
        f
    }

    fn push(&mut self, c: char, origin: usize, pending_space: &mut bool) {
        let space = std::mem::take(pending_space);
        if space && c != '-' && !self.text.is_empty() && !self.text.ends_with('-') {
            self.text.push(' ');
            self.origin.push(origin);
        }
        self.text.push(c);
        self.origin.push(origin);
    }

    /// The first occurrence of the folded `needle` at or after byte `from` of the folded text.
    fn find(&self, needle: &str, from: usize) -> Option<Match> {
        if needle.is_empty() {
            return None;
        }
        let byte = self.text.get(from..)?.find(needle)? + from;
        let first = self.text[..byte].chars().count();
        let last = first + needle.chars().count() - 1;
        Some(Match { start: *self.origin.get(first)?, end: self.origin.get(last)? + 1, next_byte: byte + needle.len() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(s: &str, a: Anchor) -> String {
        s.chars().skip(a.start).take(a.end - a.start).collect()
    }

    #[test]
    fn an_exact_excerpt_is_found_in_chars_not_bytes() {
        let text = "Café owners said: the port cost €48 million.";
        let a = locate_excerpt(text, "the port cost €48 million").unwrap();
        assert_eq!(a, Anchor { start: 18, end: 43, exact: true });
        assert_eq!(slice(text, a), "the port cost €48 million");
    }

    #[test]
    fn quotes_dashes_spacing_and_case_are_tolerated() {
        let text = "The mayor said “we’re done” — twice.\nNext  line…";
        let a = locate_excerpt(text, "THE MAYOR said \"we're done\" - twice").unwrap();
        assert!(!a.exact);
        assert_eq!(slice(text, a), "The mayor said “we’re done” — twice");
        let b = locate_excerpt(text, "next line...").unwrap();
        assert_eq!(slice(text, b), "Next  line…");
    }

    #[test]
    fn gapped_excerpts_span_their_parts_in_order() {
        let text = "First, the council met. It argued for hours. Finally it voted yes.";
        let a = locate_excerpt(text, "the council met […] it voted yes").unwrap();
        assert_eq!(slice(text, a), "the council met. It argued for hours. Finally it voted yes");
        assert!(!a.exact);
        assert!(locate_excerpt(text, "it voted yes ... the council met").is_none(), "parts must be in order");
    }

    #[test]
    fn empty_or_missing_excerpts_are_not_found() {
        assert_eq!(locate_excerpt("text", "  "), None);
        assert_eq!(locate_excerpt("text", "…"), None);
        assert_eq!(locate_excerpt("text", "absent"), None);
        assert_eq!(locate_excerpt("", "x"), None);
    }
}
