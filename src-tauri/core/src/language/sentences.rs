//! An article's paragraphs, quotations and sentences, and which lines are headings. Everything is
//! indexed in chars (Unicode code points) of the whole input, so offsets handed out are code-point
//! offsets. The words of a sentence come from [`super::tokens::tokenize`].

use super::lexicon::{SENTENCE_OPENERS, SOFT_ABBREVS, TITLE_ABBREVS};

/// A paragraph: one line of the input, trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub s: usize,
    pub e: usize,
}

/// Split into paragraphs at line breaks and control characters (NUL and friends count as breaks),
/// dropping empty lines and lines that look like binary noise.
pub fn paragraphs(chars: &[char]) -> Vec<Para> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = chars.len();
    for i in 0..=n {
        let brk = i == n || is_break(chars[i]);
        if brk {
            if let Some(p) = trimmed(chars, start, i) {
                if !looks_binary(&chars[p.s..p.e]) {
                    out.push(p);
                }
            }
            start = i + 1;
        }
    }
    out
}

/// A line break, or a control character read as one (a tab is not).
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}') || (c.is_control() && c != '\t')
}

/// `s..e` without the white space (and byte-order mark) around it; none when nothing is left.
fn trimmed(chars: &[char], mut s: usize, mut e: usize) -> Option<Para> {
    while s < e && (chars[s].is_whitespace() || chars[s] == '\u{feff}') {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (e > s).then_some(Para { s, e })
}

/// A line of replacement or control characters, or with few letters: noise from a binary file.
fn looks_binary(seg: &[char]) -> bool {
    let bad = seg.iter().filter(|c| **c == '\u{fffd}' || (c.is_control() && **c != '\t')).count();
    let letters = seg.iter().filter(|c| c.is_alphabetic()).count();
    bad * 10 > seg.len() || letters * 3 < seg.len()
}

/// A quotation: `s..e` is the quoted text (trimmed, without marks); `ms..me` includes the marks.
#[derive(Debug, Clone)]
pub struct QSpan {
    pub s: usize,
    pub e: usize,
    pub ms: usize,
    pub me: usize,
    /// Continues a quotation left open at the end of the previous paragraph.
    pub cont_prev: bool,
    /// Left open at the end of its paragraph, and the next paragraph opens with a quote mark.
    pub cont_next: bool,
    pub closed: bool,
}

/// Which marks quote speech in an article (see [`quote_style`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    Double,
    Single,
}

/// Which marks quote speech: double quotes in most outlets; single quotes where no double quote
/// is used but single opening quotes are.
pub fn quote_style(chars: &[char]) -> QuoteStyle {
    let mut dbl = 0usize;
    let mut sgl = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '”' | '"' | '„' => dbl += 1,
            '‘' => sgl += 1,
            '\'' if i + 1 < chars.len() && chars[i + 1].is_alphabetic() && (i == 0 || chars[i - 1].is_whitespace()) => sgl += 1,
            _ => {}
        }
    }
    if sgl >= 2 && dbl * 4 < sgl {
        QuoteStyle::Single
    } else {
        QuoteStyle::Double
    }
}

/// A mark that opens a quotation in this style.
fn is_open_mark(c: char, style: QuoteStyle) -> bool {
    match style {
        QuoteStyle::Double => matches!(c, '“' | '"' | '„' | '«'),
        QuoteStyle::Single => matches!(c, '‘' | '\''),
    }
}

/// The word after `i` (white space skipped), lower-cased: letters only.
fn lower_word_after(chars: &[char], mut i: usize, e: usize) -> String {
    while i < e && chars[i].is_whitespace() {
        i += 1;
    }
    let mut w = String::new();
    while i < e && chars[i].is_alphabetic() {
        w.extend(chars[i].to_lowercase());
        i += 1;
    }
    w
}

/// Find quotations in one paragraph. `carry` says a quote was left open by the previous paragraph.
pub fn quote_spans(chars: &[char], p: Para, style: QuoteStyle, carry: bool) -> (Vec<QSpan>, bool) {
    let mut spans = Vec::new();
    let (s, e) = (p.s, p.e);
    let first_opens = s < e && is_open_mark(chars[s], style);
    let cont = carry && first_opens;
    // (mark start, content start, continues-previous)
    let mut open: Option<(usize, usize, bool)> = None;
    let mut i = s;
    let close = |spans: &mut Vec<QSpan>, o: (usize, usize, bool), end: usize, me: usize, closed: bool| {
        let (ms, cs, cp) = o;
        let mut a = cs;
        let mut b = end;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && (chars[b - 1].is_whitespace() || chars[b - 1] == ',') {
            b -= 1;
        }
        let me = if closed { me } else { b };
        if b > a {
            spans.push(QSpan { s: a, e: b, ms, me, cont_prev: cp, cont_next: false, closed });
        }
    };
    while i < e {
        let c = chars[i];
        let prev = if i > s { chars[i - 1] } else { ' ' };
        let next = if i + 1 < e { chars[i + 1] } else { ' ' };
        match style {
            QuoteStyle::Double => match c {
                '“' | '„' | '«' => {
                    if let Some(o) = open.take() {
                        close(&mut spans, o, i, i, false);
                    }
                    open = Some((i, i + 1, i == s && cont));
                }
                '”' | '»' => {
                    if let Some(o) = open.take() {
                        close(&mut spans, o, i, i + 1, true);
                    }
                }
                '"' => {
                    if let Some(o) = open.take() {
                        if prev.is_whitespace() && (next.is_alphanumeric() || next == '…' || next == '.') {
                            close(&mut spans, o, i, i, false);
                            open = Some((i, i + 1, false));
                        } else {
                            close(&mut spans, o, i, i + 1, true);
                        }
                    } else if !next.is_whitespace() {
                        open = Some((i, i + 1, i == s && cont));
                    }
                }
                _ => {}
            },
            QuoteStyle::Single => match c {
                '‘' | '\'' if !prev.is_alphanumeric() && !next.is_whitespace() && (c == '‘' || !(prev.is_alphanumeric())) => {
                    if let Some(o) = open.take() {
                        close(&mut spans, o, i, i, false);
                    }
                    open = Some((i, i + 1, i == s && cont));
                }
                '’' | '\'' if open.is_some() && !prev.is_whitespace() && !next.is_alphanumeric() => {
                    // A plural possessive ("the players’ union") is not a closing mark.
                    let possessive = matches!(prev, 's' | 'S') && next.is_whitespace() && {
                        let w = lower_word_after(chars, i + 1, e);
                        !w.is_empty()
                            && w.chars().next().is_some_and(|c| c.is_lowercase())
                            && !matches!(w.as_str(), "said" | "says" | "he" | "she" | "they" | "added" | "according" | "told" | "and" | "but" | "is" | "was")
                    };
                    if !possessive {
                        if let Some(o) = open.take() {
                            close(&mut spans, o, i, i + 1, true);
                        }
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    let mut left_open = false;
    if let Some(o) = open.take() {
        close(&mut spans, o, e, e, false);
        left_open = true;
    }
    (spans, left_open)
}

/// Sentences of a paragraph, as char ranges; never split inside a quotation.
pub fn sentences(chars: &[char], p: Para, spans: &[QSpan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = p.s;
    let mut k = 0; // span cursor
    let mut i = p.s;
    while i < p.e {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Extend over repeated terminal marks and closing quotes/brackets.
            let mut j = i + 1;
            while j < p.e && matches!(chars[j], '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
                j += 1;
            }
            if j >= p.e {
                break;
            }
            if !chars[j].is_whitespace() {
                i = j;
                continue;
            }
            let mut nx = j;
            while nx < p.e && chars[nx].is_whitespace() {
                nx += 1;
            }
            if nx >= p.e {
                break;
            }
            let n = chars[nx];
            let starts_ok = n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '¿' | '¡' | '—' | '-')
                || !n.is_alphabetic() && !n.is_ascii_punctuation() && !n.is_alphanumeric();
            while k < spans.len() && spans[k].me <= j {
                k += 1;
            }
            let inside = k < spans.len() && spans[k].ms < j && j < spans[k].me;
            if starts_ok && !inside && (c != '.' || !abbreviation_blocks(chars, p.s, i, nx, p.e)) {
                out.push((start, j));
                start = nx;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < p.e {
        out.push((start, p.e));
    }
    out
}

/// Whether the full stop at `dot` belongs to an abbreviation that does not end the sentence.
fn abbreviation_blocks(chars: &[char], ps: usize, dot: usize, next: usize, pe: usize) -> bool {
    let mut b = dot;
    while b > ps && (chars[b - 1].is_alphabetic() || chars[b - 1] == '.') {
        b -= 1;
    }
    if b == dot {
        return false;
    }
    let word: String = chars[b..dot].iter().collect::<String>().to_lowercase();
    let single_initial = dot - b == 1 && chars[b].is_uppercase();
    if single_initial {
        return true;
    }
    let next_word: String = {
        let mut e = next;
        while e < pe && chars[e].is_alphanumeric() {
            e += 1;
        }
        chars[next..e].iter().collect::<String>().to_lowercase()
    };
    if TITLE_ABBREVS.contains(word.as_str()) {
        return true;
    }
    let next_is_digit = chars[next].is_ascii_digit();
    if matches!(word.as_str(), "no" | "nos" | "vol" | "fig") {
        return next_is_digit;
    }
    let multi_dot = word.contains('.');
    if SOFT_ABBREVS.contains(word.as_str()) || multi_dot {
        if next_is_digit && SOFT_ABBREVS.contains(word.as_str()) {
            return true;
        }
        return !SENTENCE_OPENERS.contains(next_word.as_str());
    }
    false
}

/// A heading: a short line that does not end like a sentence.
pub fn is_heading(chars: &[char], p: Para) -> bool {
    let seg = &chars[p.s..p.e];
    let words = seg.split(|c| c.is_whitespace()).filter(|w| !w.is_empty()).count();
    let last = *seg.last().unwrap_or(&' ');
    let ends_sentence = matches!(last, '.' | '!' | '"' | '”' | '…' | ':' | ';' | ')') || (last == '’' && seg.len() > 1 && seg[seg.len() - 2] == '.');
    if last == '?' {
        // A short question line in title case or capitals is a heading.
        let caps = seg.split(|c| c.is_whitespace()).filter(|w| w.first().is_some_and(|c| c.is_uppercase())).count();
        return words <= 8 && caps * 2 >= words;
    }
    // A line with a sentence end or a quotation inside it is text, whatever its last char.
    let inner_stop = seg.windows(2).any(|w| matches!(w[0], '.' | '!' | '?' | '”' | '"') && w[1] == ' ' && !is_abbrev_dot(seg, w));
    !ends_sentence && words <= 14 && !inner_stop
}

/// The full stop of `w` (a window of `seg`) ends a short capitalised abbreviation ("Dr.").
fn is_abbrev_dot(seg: &[char], w: &[char]) -> bool {
    // "Storm Idris: live updates" has none; "Dr. Who returns" should stay a heading.
    let i = (w.as_ptr() as usize - seg.as_ptr() as usize) / std::mem::size_of::<char>();
    w[0] == '.' && i >= 1 && {
        let mut b = i;
        while b > 0 && seg[b - 1].is_alphabetic() {
            b -= 1;
        }
        i - b <= 3 && seg[b].is_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn first_para(chars: &[char]) -> Para {
        paragraphs(chars)[0]
    }

    #[test]
    fn paragraphs_are_lines_without_noise() {
        for (text, want) in [
            ("One line.\n\n  Two lines \u{0}noise\n\u{fffd}\u{fffd}\u{fffd}x\nThird", &["One line.", "Two lines", "noise", "Third"][..]),
            ("   \n\t\n", &[]),
            ("\u{feff}Title\r\nBody text.", &["Title", "Body text."]),
        ] {
            let c = chars(text);
            let got: Vec<String> = paragraphs(&c).iter().map(|p| c[p.s..p.e].iter().collect()).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn sentences_end_where_a_reader_ends_them() {
        for (text, want) in [
            ("The rate fell. It rose again! Did it? Yes.", &["The rate fell.", "It rose again!", "Did it?", "Yes."][..]),
            ("Dr. Smith met Mr. Jones at 5 p.m. Then they left.", &["Dr. Smith met Mr. Jones at 5 p.m.", "Then they left."]),
            ("He said “It fell. It rose.” Then he left.", &["He said “It fell. It rose.”", "Then he left."]),
            ("Prices rose 5.5% in Jan. The bank said so.", &["Prices rose 5.5% in Jan.", "The bank said so."]),
            ("Sales of Acme Inc. rose. Acme Inc. is big.", &["Sales of Acme Inc. rose.", "Acme Inc. is big."]),
            ("It was J. K. Rowling. She wrote it.", &["It was J. K. Rowling.", "She wrote it."]),
            ("See No. 5 in the list. It is there.", &["See No. 5 in the list.", "It is there."]),
            ("a sentence. another one.", &["a sentence. another one."]),
        ] {
            let c = chars(text);
            let p = first_para(&c);
            let spans = quote_spans(&c, p, quote_style(&c), false).0;
            let got: Vec<String> = sentences(&c, p, &spans).iter().map(|(s, e)| c[*s..*e].iter().collect()).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn quotations_are_found_in_their_style() {
        for (text, style, want, open) in [
            ("He said “We will not go back” and left.", QuoteStyle::Double, &[("We will not go back", true)][..], false),
            ("“We will not go back,” he said. “Never.”", QuoteStyle::Double, &[("We will not go back", true), ("Never.", true)], false),
            ("She said \"the deal is off\" today.", QuoteStyle::Double, &[("the deal is off", true)], false),
            ("“It runs on", QuoteStyle::Double, &[("It runs on", false)], true),
            ("He said 'no' twice.", QuoteStyle::Double, &[], false),
            (
                "‘We will stay,’ said Ms Ward. ‘We will win,’ she added. The players’ union agreed.",
                QuoteStyle::Single,
                &[("We will stay", true), ("We will win", true)],
                false,
            ),
        ] {
            let c = chars(text);
            assert_eq!(quote_style(&c), style, "{text}");
            let (spans, left_open) = quote_spans(&c, first_para(&c), style, false);
            let got: Vec<(String, bool)> = spans.iter().map(|q| (c[q.s..q.e].iter().collect(), q.closed)).collect();
            let want: Vec<(String, bool)> = want.iter().map(|(t, closed)| (t.to_string(), *closed)).collect();
            assert_eq!((got, left_open), (want, open), "{text}");
        }
    }

    #[test]
    fn headings_are_short_lines_that_do_not_end_like_a_sentence() {
        for (text, want) in [
            ("Storm Idris: live updates", true),
            ("Council approves new budget", true),
            ("The council approved a new budget on Monday.", false),
            ("Is this the end?", false),
            ("What Happens Next For The Team?", true),
            ("Dr. Who returns", true),
            ("Rates fell. Then they rose", false),
            ("A very long line of words that goes on well past fourteen words without ending like a sentence at all", false),
        ] {
            let c = chars(text);
            assert_eq!(is_heading(&c, first_para(&c)), want, "{text}");
        }
    }
}
