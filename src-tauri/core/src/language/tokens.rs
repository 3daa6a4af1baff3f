//! The two tokenizers, side by side: [`read`] for comparing claims (words and figures, see
//! `terms`) and [`tokenize`] for reading articles (every word and mark at its offset, see
//! `sentences`, `speakers`, `worthiness`).
//!
//! They differ on purpose, and making them one would change what both produce:
//! - **Punctuation.** [`read`] drops it (a `%` is a token; `.`, `!`, `?`, `:`, `;`, quote marks, `(`
//!   and line breaks only start a sentence); [`tokenize`] keeps every mark as a token with its
//!   offsets, because quotations, sentence ends and commas are what attribution reads.
//! - **Joining.** [`read`] joins over `.`, `,`, `'` and `’` before a letter or digit ("U.S.",
//!   "1,200", "it's") and splits at hyphens ("forty-eight" is two words, as the search index splits
//!   it, so the words asked of the index are its own). [`tokenize`] joins over `'`, `’`, hyphens,
//!   `.`, `&` and `_` ("vice-president", "AT&T" and "e.g" are one word, as the word tables list them),
//!   over `,` only between digits, and keeps combining accents.
//! - **Values.** [`read`] reads figures ("60bn" is 60e9, "5th" an ordinal, "1.48C" a figure and its
//!   unit) and which words name someone or something; [`tokenize`] only lower-cases and notes a
//!   capital, leaving numbers to the word tables.
//!
//! [`word_count`] counts words as a reader does (a quotation's length).

use super::numbers::scale_suffix;

/// A token of [`read`].
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A word as written (case kept), lower-cased, and whether it names someone or something: a
    /// capitalised word that does not start a sentence.
    Word(String, String, bool),
    /// Digits as written ("7.5", "60bn" → 60e9), with the leading digits for the search index.
    Num(f64, String),
    /// "5th", "3rd" as written: an ordinal.
    Ordinal(u32, String),
    /// A `%` sign.
    Percent,
}

/// `text` as words and figures, for comparing claims: punctuation dropped, "60bn" a value, "5th"
/// an ordinal, a capitalised word inside a sentence a name (none when most words are capitalised,
/// as in a title).
pub fn read(text: &str) -> Vec<Token> {
    read_in(text, None)
}

/// A French or Italian word with an elided article or pronoun before it: the two, lower-cased
/// ("l'âge" → "l", "âge"). None for any other language and any other word ("aujourd'hui").
fn elided<'a>(lower: &'a str, lang: Option<&str>) -> Option<(&'a str, &'a str)> {
    let heads: &[&str] = match lang {
        Some("fr") => &["l", "d", "n", "qu", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu"],
        Some("it") => &["l", "d", "dell", "all", "nell", "sull", "dall", "un", "quest", "c"],
        _ => return None,
    };
    let (head, tail) = lower.split_once('\'')?;
    (heads.contains(&head) && tail.chars().next().is_some_and(char::is_alphabetic)).then_some((head, tail))
}

/// [`read`] for a text in a known language: outside English, a single point before three digits
/// groups thousands ("380.000 bambini", "38.000 homicídios"), as those languages write them; in
/// English it stays a decimal point ("1.134").
pub fn read_in(text: &str, lang: Option<&str>) -> Vec<Token> {
    let point_groups = lang.is_some_and(|l| l != "en");
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut sentence_start = true;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '(' | '\n') {
            sentence_start = true;
        }
        if c == '%' {
            out.push(Token::Percent);
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i];
            let inner = matches!(c, '.' | ',' | '\'' | '’') && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                i += 1;
            } else {
                break;
            }
        }
        let mut raw: String = chars[start..i].iter().collect();
        // A clock or race time's zero group ("2:00:35", "9:00") and a zero before a unit of time
        // ("2 hours 0 minutes 35 seconds") say nothing: read as figures they would be "zero", a
        // negation.
        if raw.chars().all(|c| c == '0') && (time_group(&chars, start) || zero_of_time(&chars, i)) {
            continue;
        }
        // "3 300 milliards", "150 000": thousands grouped by spaces, as French, German and others
        // write them (a space, a no-break space or a narrow one before a group of three digits).
        let first_len = raw.len();
        if raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_digit()) {
            while matches!(chars.get(i), Some(' ' | '\u{a0}' | '\u{202f}'))
                && chars.get(i + 1..i + 4).is_some_and(|g| g.iter().all(|c| c.is_ascii_digit()))
                && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            {
                raw.extend(&chars[i + 1..i + 4]);
                i += 4;
            }
        }
        if raw.starts_with(|c: char| c.is_ascii_digit()) {
            let digits_end = raw.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(raw.len());
            let (digits, suffix) = raw.split_at(digits_end);
            let suffix = suffix.to_lowercase();
            let clean = plain_digits(digits, point_groups);
            if let (Ok(v), Some(scale)) = (clean.parse::<f64>(), scale_suffix(&suffix)) {
                // The index splits "1,200" and "7.5" at the separator and keeps "60bn" whole.
                // Grouped by spaces, the index holds each group: the first is asked for.
                let lead = digits.split([',', '.']).next().unwrap_or(digits);
                let lead = if raw.len() > first_len && first_len < lead.len() { &raw[..first_len] } else { lead };
                let probe = if digits.contains([',', '.']) || suffix.is_empty() { lead.to_string() } else { raw.to_lowercase() };
                out.push(Token::Num(v * scale, probe));
                sentence_start = false;
                continue;
            }
            // "3rd", "5th": an ordinal.
            if let (Ok(v), true) = (digits.parse::<u32>(), matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")) {
                out.push(Token::Ordinal(v, raw.to_lowercase()));
                sentence_start = false;
                continue;
            }
            // "1.48C", "100mph", "5km": the figure, then its unit as a word (a one-letter unit
            // is dropped with the other one-letter words). "2022s", "50s": a word.
            if let Ok(v) = clean.parse::<f64>() {
                if !suffix.is_empty() && suffix != "s" && suffix.chars().all(|c| c.is_ascii_alphabetic()) {
                    let lead = digits.split([',', '.']).next().unwrap_or(digits);
                    let probe = if digits.contains([',', '.']) { lead.to_string() } else { raw.to_lowercase() };
                    out.push(Token::Num(v, probe));
                    out.push(Token::Word(suffix.clone(), suffix, false));
                    sentence_start = false;
                    continue;
                }
            }
        }
        let mut raw = raw;
        let mut lower = raw.to_lowercase().replace('’', "'");
        // French and Italian elide an article or a pronoun into the next word ("l'âge",
        // "d'EDF", "n'a", "dell'Istat"): two words, so "âge" reads as "âge" does elsewhere.
        if let Some((before, after)) = elided(&lower, lang) {
            let cut = raw.char_indices().nth(before.chars().count() + 1).map_or(raw.len(), |(k, _)| k);
            let (head, tail) = (raw[..cut].trim_end_matches(['\'', '’']).to_string(), raw[cut..].to_string());
            out.push(Token::Word(head, before.to_string(), false));
            sentence_start = false;
            lower = after.to_string();
            raw = tail;
        }
        // At the start of a sentence, a capitalised word names something only when it is an
        // acronym ("TSMC") or a possessive ("Andalusia's reservoirs").
        let capital = raw.starts_with(|c: char| c.is_uppercase());
        let acronym = raw.chars().count() >= 2 && raw.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        let possessive = raw.ends_with("'s") || raw.ends_with("’s");
        let name = capital && (!sentence_start || acronym || possessive);
        sentence_start = false;
        out.push(Token::Word(raw, lower, name));
    }
    if let Some(lang) = lang.filter(|l| *l != "en") {
        read_number_words(&mut out, lang);
    }
    // A title in capitals ("Council Approves New Budget") names nothing in particular.
    let words = out.iter().filter(|t| matches!(t, Token::Word(..))).count();
    let names = out.iter().filter(|t| matches!(t, Token::Word(_, _, true))).count();
    if names * 2 > words {
        for t in &mut out {
            if let Token::Word(_, _, name) = t {
                *name = false;
            }
        }
    }
    out
}

/// Numbers in words in another language ("huit millions sept cent mille", "trecentomila") become
/// figures, as digits are. "cent" in "pour cent" stays the percent sign's word.
fn read_number_words(out: &mut Vec<Token>, lang: &str) {
    let mut i = 0;
    while i < out.len() {
        let percent = i > 0 && matches!(word_at(out, i - 1), Some("pour" | "por" | "per"));
        // "478 duizend", "2,3 Millionen": the digits' scale, read with them.
        let scale_of_digits = i > 0
            && matches!(out[i - 1], Token::Num(..))
            && word_at(out, i).is_some_and(|w| super::numbers::scale_word(w).is_some() || matches!(w, "cent" | "cents" | "cien" | "cento" | "cem" | "hundert" | "honderd"));
        let words: Vec<&str> = (i..out.len().min(i + 12)).map_while(|k| word_at(out, k)).collect();
        let found = if percent || scale_of_digits || words.is_empty() { None } else { super::numbers::other_words_number(&words, lang) };
        if let Some((v, n)) = found {
            let probe = words[0].to_string();
            out.splice(i..i + n, [Token::Num(v, probe)]);
        }
        i += 1;
    }
}

/// The digits at `start` follow a colon that follows a digit: a group of a clock or race time.
fn time_group(chars: &[char], start: usize) -> bool {
    start >= 2 && chars[start - 1] == ':' && chars[start - 2].is_ascii_digit()
}

/// The digits ending at `end` come before a unit of time ("0 minutes", "0 sec").
fn zero_of_time(chars: &[char], end: usize) -> bool {
    let rest: String = chars[end..].iter().take(12).collect::<String>().to_lowercase();
    let next = rest.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(next, "hour" | "hours" | "hr" | "hrs" | "minute" | "minutes" | "min" | "mins" | "second" | "seconds" | "sec" | "secs")
}

/// Digits with their separators read: "1,200" and "1.200.000" group thousands, "10,6" and "62,5"
/// have a decimal comma (a comma not followed by a group of three), "1.234,5" and "1,234.5" have
/// both (the last separator is the decimal one). A single point stays a decimal point ("1.134")
/// unless `point_groups` (see [`read_in`]).
fn plain_digits(digits: &str, point_groups: bool) -> String {
    let groups_of_three = |sep: char| digits.split(sep).skip(1).all(|g| g.len() == 3);
    if point_groups && !digits.contains(',') && digits.contains('.') && groups_of_three('.') && !digits.starts_with("0.") {
        return digits.replace('.', "");
    }
    match (digits.rfind(','), digits.rfind('.')) {
        (Some(c), Some(p)) if c > p => digits.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => digits.replace(',', ""),
        (Some(_), None) if !groups_of_three(',') && digits.matches(',').count() == 1 => digits.replace(',', "."),
        (Some(_), None) => digits.replace(',', ""),
        (None, Some(_)) if digits.matches('.').count() > 1 && groups_of_three('.') => digits.replace('.', ""),
        _ => digits.to_string(),
    }
}

/// The word at `i` of [`read`]'s tokens, lower-cased; none for a figure, a sign, or past the end.
pub(super) fn word_at(toks: &[Token], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Token::Word(_, l, _)) => Some(l.as_str()),
        _ => None,
    }
}

/// A token of [`tokenize`]: a word or a punctuation mark, at its char offsets `s..e`.
#[derive(Debug, Clone)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    /// Lowercased text for words; the char itself for punctuation.
    pub lc: String,
    pub word: bool,
    /// First char is uppercase.
    pub cap: bool,
    /// Inside a quotation span.
    pub inq: bool,
}

impl Tok {
    /// The token is this word (lower-cased) or mark.
    pub fn is(&self, w: &str) -> bool {
        self.lc == w
    }
    /// The mark, when the token is one.
    pub fn punct(&self) -> Option<char> {
        if self.word {
            None
        } else {
            self.lc.chars().next()
        }
    }
    /// A word that starts with a digit ("60", "5th", "1.5m").
    pub fn is_digitish(&self) -> bool {
        self.word && self.lc.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

/// Joins two runs of letters or digits into one word of [`tokenize`].
fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑' | '.' | '&' | '_')
}

/// The words and punctuation marks of `chars[s..e]`, for reading articles: offsets kept, every mark
/// a token, a word joined over apostrophes, hyphens, inner full stops, `&` and `_`.
pub fn tokenize(chars: &[char], s: usize, e: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = s;
    while i < e {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let st = i;
            i += 1;
            while i < e {
                let d = chars[i];
                if d.is_alphanumeric() || d == '\u{301}' || d == '\u{304}' {
                    i += 1;
                } else if i + 1 < e && chars[i + 1].is_alphanumeric() && (joiner(d) || (d == ',' && chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())) {
                    i += 2;
                } else {
                    break;
                }
            }
            let text: String = chars[st..i].iter().collect();
            toks.push(Tok { s: st, e: i, lc: text.to_lowercase(), word: true, cap: c.is_uppercase(), inq: false });
        } else {
            toks.push(Tok { s: i, e: i + 1, lc: c.to_string(), word: false, cap: false, inq: false });
            i += 1;
        }
    }
    toks
}

/// How many words `chars` holds, as a reader counts them: runs of letters and digits, an
/// apostrophe or hyphen inside a word keeping it one ("don't", "forty-eight").
pub fn word_count(chars: &[char]) -> usize {
    let mut n = 0;
    let mut inw = false;
    for c in chars {
        let w = c.is_alphanumeric();
        if w && !inw {
            n += 1;
        }
        inw = w || (inw && matches!(c, '\'' | '’' | '-'));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(raw: &str, name: bool) -> Token {
        Token::Word(raw.to_string(), raw.to_lowercase().replace('’', "'"), name)
    }

    #[test]
    fn read_takes_words_figures_and_names() {
        use Token::*;
        let cases: Vec<(&str, Vec<Token>)> = vec![
            ("$60bn", vec![Num(60e9, "60bn".into())]),
            ("1,200 troops", vec![Num(1200.0, "1".into()), word("troops", false)]),
            ("7.5%", vec![Num(7.5, "7".into()), Percent]),
            ("10,6 %", vec![Num(10.6, "10".into()), Percent]),
            ("1.500.000 Euro", vec![Num(1_500_000.0, "1".into()), word("Euro", false)]),
            ("1.234,5 t", vec![Num(1234.5, "1".into()), word("t", false)]),
            ("1,234.5 t", vec![Num(1234.5, "1".into()), word("t", false)]),
            ("3 300 milliards", vec![Num(3300.0, "3".into()), word("milliards", false)]),
            ("150\u{202f}000 emplois", vec![Num(150_000.0, "150".into()), word("emplois", false)]),
            ("in 2024 300 people", vec![word("in", false), Num(2024.0, "2024".into()), Num(300.0, "300".into()), word("people", false)]),
            ("the 5th meeting", vec![word("the", false), Ordinal(5, "5th".into()), word("meeting", false)]),
            ("1.48C", vec![Num(1.48, "1".into()), word("c", false)]),
            ("100mph", vec![Num(100.0, "100mph".into()), word("mph", false)]),
            ("the 1990s", vec![word("the", false), word("1990s", false)]),
            ("forty-eight", vec![word("forty", false), word("eight", false)]),
            ("in the U.S. today", vec![word("in", false), word("the", false), word("U.S", true), word("today", false)]),
            ("it’s", vec![word("it’s", false)]),
            ("Ohio voters in Ohio", vec![word("Ohio", false), word("voters", false), word("in", false), word("Ohio", true)]),
            ("TSMC makes chips", vec![word("TSMC", true), word("makes", false), word("chips", false)]),
            ("Andalusia's dams. Spain's too", vec![word("Andalusia's", true), word("dams", false), word("Spain's", true), word("too", false)]),
            ("Council Approves New Budget", vec![word("Council", false), word("Approves", false), word("New", false), word("Budget", false)]),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), want, "{text}");
        }
    }

    #[test]
    fn french_and_italian_elisions_are_two_words() {
        let words = |text: &str, lang| -> Vec<(String, bool)> {
            read_in(text, lang).into_iter().filter_map(|t| if let Token::Word(_, l, n) = t { Some((l, n)) } else { None }).collect()
        };
        let w = |l: &str, n: bool| (l.to_string(), n);
        for (text, lang, want) in [
            ("L'âge légal", Some("fr"), vec![w("l", false), w("âge", false), w("légal", false)]),
            ("les tarifs d'EDF n'ont pas", Some("fr"), vec![w("les", false), w("tarifs", false), w("d", false), w("edf", true), w("n", false), w("ont", false), w("pas", false)]),
            ("aujourd'hui", Some("fr"), vec![w("aujourd'hui", false)]),
            ("i dati dell'Istat", Some("it"), vec![w("i", false), w("dati", false), w("dell", false), w("istat", true)]),
            // English keeps its apostrophes: "l'" is no article there.
            ("don't", Some("en"), vec![w("don't", false)]),
            ("L'Oréal", None, vec![w("l'oréal", false)]),
        ] {
            assert_eq!(words(text, lang), want, "{text} ({lang:?})");
        }
    }

    #[test]
    fn a_point_groups_thousands_outside_english() {
        let num = |t: &Token| if let Token::Num(v, _) = t { Some(*v) } else { None };
        for (text, lang, want) in [
            ("380.000 bambini", Some("it"), 380_000.0),
            ("38.000 homicídios", Some("pt"), 38_000.0),
            ("1.134 euros", Some("en"), 1.134),
            ("1.134 euros", None, 1.134),
            ("0.125 Prozent", Some("de"), 0.125),
            ("7.5 Prozent", Some("de"), 7.5),
        ] {
            assert_eq!(read_in(text, lang).first().and_then(num), Some(want), "{text} ({lang:?})");
        }
    }

    #[test]
    fn tokenize_keeps_every_word_and_mark_at_its_offset() {
        for (text, want) in [
            ("Ryder said: “No.”", &["ryder", "said", ":", "“", "no", ".", "”"][..]),
            ("the vice-president of AT&T", &["the", "vice-president", "of", "at&t"]),
            ("1,200 and 3, 4", &["1,200", "and", "3", ",", "4"]),
            ("e.g. this", &["e.g", ".", "this"]),
            ("don’t", &["don’t"]),
        ] {
            let chars: Vec<char> = text.chars().collect();
            let toks = tokenize(&chars, 0, chars.len());
            let got: Vec<&str> = toks.iter().map(|t| t.lc.as_str()).collect();
            assert_eq!(got, want, "{text}");
            for t in &toks {
                let at: String = chars[t.s..t.e].iter().collect();
                assert_eq!(at.to_lowercase(), t.lc, "{text}: offsets");
            }
        }
        let chars: Vec<char> = "Mr Wellington, 60".chars().collect();
        let toks = tokenize(&chars, 0, chars.len());
        assert!(toks[0].cap && toks[0].word && !toks[2].word && toks[2].punct() == Some(','));
        assert!(toks[3].is_digitish() && toks[1].is("wellington"));
    }

    #[test]
    fn word_count_counts_as_a_reader_does() {
        for (text, want) in [("", 0), ("We will not go back.", 5), ("forty-eight don't", 2), ("a - b", 2), ("£60bn, 5%", 2)] {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(word_count(&chars), want, "{text}");
        }
    }
}
