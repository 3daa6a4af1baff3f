//! Bytes to text, strictly: a snapshot is what a verdict may rest on, so bytes that are not
//! valid in the encoding they declare are refused rather than kept as garbled letters.

use encoding_rs::{Encoding, UTF_8};

use super::content::{charset_param, has_nul};
use crate::error::{Error, Result};

/// How far into an HTML document a `<meta charset>` is looked for. The HTML standard says
/// 1024 bytes; real pages put long comments and scripts first, so a little more is allowed.
const META_SCAN_BYTES: usize = 4096;

/// Decodes `bytes` as text. The encoding is, in order: a byte-order mark (the bytes speaking
/// for themselves, as browsers do), the `charset` of the content type, for HTML a
/// `<meta charset>` or `http-equiv` declaration, and otherwise UTF-8.
/// `what` names the page or file in error messages.
pub(crate) fn decode_text(bytes: &[u8], content_type: &str, is_html: bool, what: &str) -> Result<String> {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => (declared_encoding(bytes, content_type, is_html), 0),
    };
    let body = &bytes[bom_len..];
    if encoding.is_ascii_compatible() && has_nul(body) {
        return Err(Error::validation(
            "file",
            format!("{what} is binary data, not text, although it was given as text. Factdesk cannot read it as an article."),
        ));
    }
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => Err(Error::validation(
            "file",
            format!(
                "{what} is not valid UTF-8 text (or the encoding it declares, {}): some bytes cannot be read, and Factdesk does not keep garbled letters. Save it as UTF-8 and try again.",
                encoding.name()
            ),
        )),
    }
}

/// The encoding a body declares, without a byte-order mark.
fn declared_encoding(bytes: &[u8], content_type: &str, is_html: bool) -> &'static Encoding {
    charset_param(content_type)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| if is_html { meta_charset(bytes) } else { None })
        .unwrap_or(UTF_8)
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` near the start of an HTML document.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    // Latin-1 view: every byte is one char, so ASCII markup is found whatever the encoding.
    let head: String = head.iter().map(|&b| char::from(b).to_ascii_lowercase()).collect();
    let encoding = head.split("<meta").skip(1).find_map(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        let at = tag.find("charset")?;
        let value = tag[at + "charset".len()..].trim_start().strip_prefix('=')?;
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace());
        Encoding::for_label(&value.as_bytes()[..end.unwrap_or(value.len())])
    })?;
    // A document whose ASCII declaration could be read is not UTF-16, whatever it says.
    Some(if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE { UTF_8 } else { encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_found_in_both_forms() {
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1252\">"), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(
            meta_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta name=\"author\" content=\"A\">"), None);
    }

    #[test]
    fn the_byte_order_mark_wins_and_is_removed() {
        let text = decode_text(b"\xef\xbb\xbfcaf\xc3\xa9", "text/plain; charset=iso-8859-1", false, "x").unwrap();
        assert_eq!(text, "café");
        let utf16 = [0xff, 0xfe, b'h', 0, b'i', 0];
        assert_eq!(decode_text(&utf16, "", false, "x").unwrap(), "hi");
    }

    #[test]
    fn declared_charset_decodes_and_bad_bytes_are_refused() {
        assert_eq!(decode_text(b"caf\xe9", "text/plain; charset=windows-1252", false, "x").unwrap(), "café");
        let err = decode_text(b"caf\xe9", "text/plain", false, "notes.txt").unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.to_string().contains("notes.txt is not valid UTF-8 text"), "{err}");
        let err = decode_text(b"ab\x00cd", "text/plain", false, "blob").unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }
}
