//! An imported file as text and JSON, and where and why it broke, in words a checker can act on:
//! the line and column counted in characters (never a byte offset cut inside one), what was
//! expected there and what the file has instead (most often curly quotes from a word processor).
//!
//! Also the one rule every importer applies to a record's values before anything is written: text
//! holds no NUL. SQLite's `length()` stops at one, so the schema's checks refuse a name or wording
//! that starts with it, and no text a person wrote holds one: a record carrying a NUL anywhere is
//! left out, by the path of the value, like any record nobody could use. (The other control
//! characters pass the schema and are kept as given.)

use serde_json::{Map, Value};

use super::claimreview::Problem;
use crate::error::{Error, Result};

/// The file as text (a UTF-8 byte-order mark dropped), or an error: empty, or not UTF-8 and where.
pub(crate) fn text(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::validation("file", "The file is empty: there is nothing to import."));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_column(good, good.len());
        Error::validation(
            "file",
            format!(
                "The file is not UTF-8 text: line {line}, column {column} has a byte (0x{:02X}) that is not UTF-8. \
                 Save the file as UTF-8 (Unicode) and import it again. Nothing was imported.",
                bytes[e.valid_up_to()]
            ),
        )
    })
}

/// The file as JSON, or an error saying where it broke: line, column, the record it broke in
/// (counting the `marker`s before the break: one per record, a `noun`), what was expected there
/// and what the file has instead.
pub(crate) fn json(bytes: &[u8], marker: &str, noun: &str) -> Result<Value> {
    let text = text(bytes)?;
    serde_json::from_str(text).map_err(|e| {
        // serde_json counts the column in bytes, 1 at the first byte of the line.
        let eof = e.classify() == serde_json::error::Category::Eof;
        let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        let at = if eof { text.len() } else { text.floor_char_boundary(line_start + e.column().saturating_sub(1)) };
        let (line, column) = line_column(text, at);
        let records = text[..at].matches(marker).count();
        let in_record = if records > 0 { format!(" (in record {records}, the {records}{} {noun} of the file)", ordinal(records)) } else { String::new() };
        let what = if eof { "the file ends in the middle of the data (is it cut short?)".to_string() } else { expected(&e, text[at..].chars().next()) };
        let curly = text[..at].chars().next_back().into_iter().chain(text[at..].chars().next()).any(is_curly_quote);
        let hint = if curly {
            " Curly quotes come from a word processor or a chat app; JSON needs straight ones (\"): replace them, \
             or export the file again from where it came."
        } else {
            ""
        };
        Error::validation("file", format!("The file is not valid JSON at line {line}, column {column}{in_record}: {what}.{hint} Nothing was imported."))
    })
}

/// What the parser expected, in plain words, and what the file has at that place instead.
fn expected(e: &serde_json::Error, found: Option<char>) -> String {
    let code = e.to_string();
    let code = code.split(" at line ").next().unwrap_or_default();
    let expected = match code {
        "key must be a string" => "a field name in straight double quotes (\") was expected",
        "expected `:`" => "a colon (:) was expected after the field name",
        "expected `,` or `}`" => "a comma or a closing } was expected",
        "expected `,` or `]`" => "a comma or a closing ] was expected",
        "expected value" => "a value was expected (text in straight double quotes, a number, true, false, null, {…} or […])",
        "expected ident" => "true, false or null was expected",
        "trailing comma" => return "a comma stands before a closing bracket; remove it".into(),
        "trailing characters" => return "the data ends here but the file goes on".into(),
        "recursion limit exceeded" => return "the data is nested more than 128 levels deep".into(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            return "quoted text holds a control character (a raw tab or line break); JSON writes them as \\t and \\n".into()
        }
        other => return other.to_string(),
    };
    match found {
        Some(c) if is_curly_quote(c) => format!("{expected}, but the file has {c} there, a curly quote"),
        Some(c) if c.is_control() || c.is_whitespace() => format!("{expected}, but the file has the invisible character U+{:04X} there", c as u32),
        Some(c) => format!("{expected}, but the file has {c} there"),
        None => expected.to_string(),
    }
}

fn is_curly_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '″' | '‘' | '’' | '‚' | '‛' | '′' | '«' | '»' | '＂')
}

/// The 1-based line and column, both in characters, of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

fn ordinal(n: usize) -> &'static str {
    match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A control character a character reference in feed text is not decoded into: NUL, the other
/// C0 controls but tab, line feed and carriage return, and DEL (HTML refuses them too).
pub(crate) fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// The reason a record is left out when its value at `place` holds a NUL.
pub(crate) fn nul_problem(place: &str) -> Problem {
    Problem { field: "file", message: format!("{place} holds a NUL character (U+0000), which no text holds (is the file damaged?)") }
}

/// No string of a JSON record holds a NUL; else the first that does, by its path in the record.
pub(crate) fn record_without_nul(m: &Map<String, Value>) -> std::result::Result<(), Problem> {
    fn walk(v: &Value, path: &str) -> std::result::Result<(), Problem> {
        match v {
            Value::String(s) if s.contains('\0') => Err(nul_problem(path)),
            Value::Array(a) => a.iter().enumerate().try_for_each(|(i, e)| walk(e, &format!("{path}[{i}]"))),
            Value::Object(m) => m.iter().try_for_each(|(k, e)| walk(e, &format!("{path}.{k}"))),
            _ => Ok(()),
        }
    }
    m.iter().try_for_each(|(k, v)| walk(v, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        json(bytes, "\"claimReviewed\"", "ClaimReview").unwrap_err().to_string()
    }

    #[test]
    fn breaks_are_placed_in_characters_and_curly_quotes_are_named() {
        let e = err("{\u{201c}@type\u{201d}: 1}".as_bytes());
        assert!(e.starts_with("The file is not valid JSON at line 1, column 2: a field name in straight double quotes"), "{e}");
        assert!(e.contains("the file has \u{201c} there, a curly quote") && e.contains("word processor"), "{e}");
        // Non-ASCII before the break: the column counts characters, not bytes.
        let e = err("[{\"claimReviewed\": \"Él dijo\", \"a\": \u{201c}x\u{201d}}]".as_bytes());
        assert!(e.contains("at line 1, column 36 (in record 1, the 1st ClaimReview of the file): a value was expected"), "{e}");
        let e = err("{\"claimReviewed\": \"é".as_bytes());
        assert!(e.contains("line 1, column 21") && e.contains("cut short"), "{e}");
        let e = err(b"{\"a\": 1,}");
        assert!(e.contains("column 9: a comma stands before a closing bracket"), "{e}");
        let e = json(b"{\"a\": \"caf\xe9\"}", "x", "x").unwrap_err().to_string();
        assert!(e.contains("line 1, column 11 has a byte (0xE9) that is not UTF-8"), "{e}");
    }

    #[test]
    fn a_nul_anywhere_in_a_record_is_named_by_its_path() {
        let m: Map<String, Value> = serde_json::from_str(r#"{"a": "ok\u0001", "b": {"c": ["x", "y\u0000"]}}"#).unwrap();
        assert_eq!(record_without_nul(&m).unwrap_err().message, "b.c[1] holds a NUL character (U+0000), which no text holds (is the file damaged?)");
        assert!(is_control('\0') && is_control('\u{1b}') && !is_control('\n') && !is_control('é'));
    }
}
