//! Reading what real feeds write, the way a person would: dates with microseconds, without a zone,
//! with a malformed offset or as words; numbers as strings; rating words whatever their case,
//! accents or punctuation; and a guess at the language when a record does not say.

use chrono::NaiveDate;

pub(crate) use crate::language::guess::{fold, guess_language};

/// A calendar date from the many ways feeds write one, or None when it is not a date at all.
///
/// The date is the one the publisher wrote (`2020-06-22T23:30:00+05:30` is 22 June, as readers
/// there saw it), so a time and zone after it only have to look like a time and zone: feeds write
/// `+5:30`, `+0200`, microseconds, a space instead of `T`, or no zone at all.
pub(crate) fn date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = iso_prefix(s) {
        return Some(d);
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(t.date_naive());
    }
    // 8 digits: 20200622.
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    numeric_day_first(s).or_else(|| in_words(s))
}

/// `YYYY-MM-DD` (or with `/` or `.`), then nothing or something that reads as a time and zone.
fn iso_prefix(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') || b[7] != sep {
        return None;
    }
    let d = NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s.get(5..7)?.parse().ok()?,
        s.get(8..10)?.parse().ok()?,
    )?;
    let rest = s[10..].trim();
    let time_like = rest.is_empty()
        || (rest.starts_with(['T', 't', ' ']) || rest.as_bytes()[0].is_ascii_digit())
            && rest
                .trim_start_matches(['T', 't'])
                .split_whitespace()
                .flat_map(|w| w.split(['+', '-']))
                .all(|w| {
                    let w = w.trim_end_matches(['Z', 'z']);
                    w.is_empty()
                        || w.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.')
                        || matches!(w.to_ascii_uppercase().as_str(), "UTC" | "GMT" | "Z")
                });
    time_like.then_some(d)
}

/// `22.06.2020`, `22/06/2020`: only when the day cannot be mistaken for the month.
fn numeric_day_first(s: &str) -> Option<NaiveDate> {
    let head = s.split([' ', 'T']).next()?;
    let parts: Vec<&str> = head.split(['.', '/', '-']).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    if y.len() != 4 || !s[head.len()..].trim().chars().all(|c| c.is_ascii_digit() || c == ':' || c.is_whitespace()) {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        // 01.02.2020 could be either: a German feed (dots) writes the day first.
        (false, false) if a == b || head.contains('.') => (a, b),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, month, day)
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
    ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
];

/// `June 24, 2020`, `24 June 2020`, `Wed Jun 24 2020`, with an optional time after.
fn in_words(s: &str) -> Option<NaiveDate> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let month_at = words.iter().position(|w| MONTHS.iter().any(|(m, _)| m == w))?;
    let month = MONTHS.iter().find(|(m, _)| *m == words[month_at])?.1;
    let number = |w: &String| w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<i32>().ok();
    let year = words.iter().filter_map(number).find(|n| (1000..=9999).contains(n))?;
    let day = words
        .iter()
        .enumerate()
        .filter(|(i, _)| i.abs_diff(month_at) == 1)
        .filter_map(|(_, w)| number(w))
        .find(|n| (1..=31).contains(n))?;
    NaiveDate::from_ymd_opt(year, month, day as u32)
}

/// A number as feeds write it: `1`, `"1"`, `"4.5"`, `"4,5"`.
pub(crate) fn number(raw: &str) -> Option<f64> {
    let s = raw.trim().replace(',', ".");
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Decodes the HTML character references feeds leave in their text (`&quot;`, `&#8217;`, `&amp;`).
/// Only references, and not to control characters: tags and `&#0;` stay as they are, as text.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            // A reference to a control character (`&#0;`) is no text: it stays as written.
            c.filter(|c| !super::file::is_control(*c)).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A language code as a record gives it (`en`, `pt-BR`) or as a name (`English`, `Deutsch`).
pub(crate) fn language_code(raw: &str) -> Option<String> {
    let s = raw.trim();
    let named = match fold(s).as_str() {
        "english" => Some("en"),
        "spanish" | "espanol" | "castellano" => Some("es"),
        "german" | "deutsch" => Some("de"),
        "portuguese" | "portugues" => Some("pt"),
        "french" | "francais" => Some("fr"),
        "italian" | "italiano" => Some("it"),
        "dutch" | "nederlands" => Some("nl"),
        "hindi" => Some("hi"),
        "arabic" => Some("ar"),
        _ => None,
    };
    if let Some(code) = named {
        return Some(code.to_string());
    }
    let ok = (2..=35).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && s.chars().take_while(|c| c.is_ascii_alphabetic()).count() >= 2;
    ok.then(|| s.replace('_', "-"))
}

/// A UUID written somewhere in `s` (an `@id`, the address of a fact-check published by a desk
/// that puts its claim UUIDs in its addresses): the last one, lower case.
pub(crate) fn uuid_in(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let is_hex = |c: u8| c.is_ascii_hexdigit();
    let mut found = None;
    let mut i = 0;
    while i + 36 <= b.len() {
        let w = &b[i..i + 36];
        let shape = w.iter().enumerate().all(|(j, &c)| if matches!(j, 8 | 13 | 18 | 23) { c == b'-' } else { is_hex(c) });
        let bounded = (i == 0 || !is_hex(b[i - 1])) && (i + 36 == b.len() || !is_hex(b[i + 36]));
        if shape && bounded {
            found = Some(s[i..i + 36].to_ascii_lowercase());
            i += 36;
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_as_feeds_write_them() {
        assert_eq!(date("2019-09-20"), d(2019, 9, 20));
        assert_eq!(date("2019-12-09T15:11:25.619782+00:00"), d(2019, 12, 9));
        assert_eq!(date("2020-06-24 00:03"), d(2020, 6, 24));
        assert_eq!(date("2020-06-22T12:26:08+5:30"), d(2020, 6, 22));
        assert_eq!(date("2020-03-27T10:46:13+0200"), d(2020, 3, 27));
        assert_eq!(date("2020-03-27T10:46:13Z"), d(2020, 3, 27));
        assert_eq!(date("2020/03/27"), d(2020, 3, 27));
        assert_eq!(date("20200327"), d(2020, 3, 27));
        assert_eq!(date("27.03.2020"), d(2020, 3, 27));
        assert_eq!(date("27/03/2020"), d(2020, 3, 27));
        assert_eq!(date("June 24, 2020"), d(2020, 6, 24));
        assert_eq!(date("24 June 2020 10:00"), d(2020, 6, 24));
        assert_eq!(date("Wed, 24 Jun 2020 00:03:00 +0000"), d(2020, 6, 24));
        assert_eq!(date("03/04/2020"), None, "day and month could be swapped");
        assert_eq!(date("2020-13-45"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(date("2020-06-24 and more words"), None);
        assert_eq!(date(""), None);
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Pants on Fire!"), "pants on fire");
        assert_eq!(fold("  pants-on-FIRE "), "pants on fire");
        assert_eq!(fold("Irreführend"), "irrefuhrend");
        assert_eq!(fold("Plutôt faux."), "plutot faux");
        assert_eq!(fold("Engañoso"), "enganoso");
        assert_eq!(fold("गलत"), "गलत");
    }

    #[test]
    fn entities_are_decoded_and_tags_kept() {
        assert_eq!(decode_entities("&quot;x&quot; &amp; &#8217;y&#x2019; &bogus; &"), "\"x\" & \u{2019}y\u{2019} &bogus; &");
        assert_eq!(decode_entities("&lt;script&gt;"), "<script>");
        assert_eq!(decode_entities("&#0;&#x1b;&#9;"), "&#0;&#x1b;\t");
    }

    #[test]
    fn language_codes_are_read() {
        assert_eq!(language_code("Deutsch").as_deref(), Some("de"));
        assert_eq!(language_code("pt_BR").as_deref(), Some("pt-BR"));
        assert_eq!(language_code("<script>"), None);
    }

    #[test]
    fn uuids_are_found_in_addresses() {
        assert_eq!(
            uuid_in("https://desk.example/checks/0190F3A0-0000-7000-8000-00000000C002").as_deref(),
            Some("0190f3a0-0000-7000-8000-00000000c002")
        );
        assert_eq!(uuid_in("https://x.example/a-b"), None);
        assert_eq!(number(" 4,5 "), Some(4.5));
        assert_eq!(number("five"), None);
    }
}
