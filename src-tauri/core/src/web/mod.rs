//! Pages from the web and files from disk, made into what a fact-check rests on: a readable
//! text snapshot with the page's details, the raw bytes with their SHA-256, a diff between two
//! captures, and the place of an evidence excerpt in a snapshot.
//!
//! Everything here is pure except [`fetch`] and [`download`], which block on the network (callers run them off
//! the UI thread). No page content is ever executed: HTML is parsed into a tree and read.

mod anchor;
mod content;
mod decode;
mod diff;
mod fetch;
mod html;
mod markdown;
mod meta;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

pub use anchor::{locate_excerpt, Anchor};
pub use content::{content_type_for_path, ContentKind};
pub use diff::{diff_text, DiffLine, DiffOp};
pub use fetch::{download, fetch, parse_web_url, FetchLimits, Fetched, USER_AGENT};
pub use meta::PageMeta;

use crate::error::{Error, Result};

/// A page or file made readable: its kind, its text (one paragraph per line), the details it
/// declares, and notes in plain words on what could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    pub kind: ContentKind,
    pub text: String,
    pub meta: PageMeta,
    pub notes: Vec<String>,
}

/// Readable text under this many characters, on a page with scripts, earns a note: the page
/// is probably built by scripts, which Factdesk does not run.
const SCRIPTED_PAGE_CHARS: usize = 280;

/// Reads `bytes` into a snapshot. `content_type` may be empty (then the bytes and the name
/// decide); `url` is the page's address or the file's name, used for the kind, relative links
/// and messages. Text that cannot be decoded, binary data given as text, and pages with no
/// readable text are `Validation` errors on `file`.
pub fn snapshot(bytes: &[u8], content_type: &str, url: &str) -> Result<Snapshot> {
    let kind = content::detect_kind(bytes, content_type, url);
    let what = describe_source(url);
    let snap = match kind {
        ContentKind::Html => html_snapshot(bytes, content_type, url, &what)?,
        ContentKind::Markdown => {
            let (text, meta) = markdown::markdown_text(&decode::decode_text(bytes, content_type, false, &what)?);
            Snapshot { kind, text, meta, notes: Vec::new() }
        }
        ContentKind::Text => {
            let text = normalise_newlines(&decode::decode_text(bytes, content_type, false, &what)?);
            Snapshot { kind, text, meta: PageMeta::default(), notes: Vec::new() }
        }
        ContentKind::Pdf | ContentKind::Image | ContentKind::Other => binary_snapshot(kind, bytes, content_type, url),
    };
    if kind.has_text() && snap.text.trim().is_empty() {
        return Err(Error::validation(
            "file",
            format!(
                "The page has no readable text ({what}): it may be empty, or built by scripts that Factdesk does not run. Paste the article's text instead."
            ),
        ));
    }
    Ok(snap)
}

/// The SHA-256 of `bytes`, as lowercase hex: the fingerprint a capture is kept and compared by.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn html_snapshot(bytes: &[u8], content_type: &str, url: &str, what: &str) -> Result<Snapshot> {
    let source = decode::decode_text(bytes, content_type, true, what)?;
    let doc = scraper::Html::parse_document(&source);
    let text = html::readable_text(&doc);
    let meta = meta::html_meta(&doc, url);
    let mut notes = Vec::new();
    let has_scripts = html::elements(&doc).any(|e| e.value().name() == "script");
    if has_scripts && !text.trim().is_empty() && text.chars().count() < SCRIPTED_PAGE_CHARS {
        notes.push(
            "Little text was found: the page may be built by scripts, which Factdesk does not run. Compare with the page in a browser."
                .to_string(),
        );
    }
    Ok(Snapshot { kind: ContentKind::Html, text, meta, notes })
}

/// A file whose text is not extracted: its kind, a title from its name and a note saying so.
fn binary_snapshot(kind: ContentKind, bytes: &[u8], content_type: &str, url: &str) -> Snapshot {
    let note = match (kind, content::kind_from_magic(bytes)) {
        (ContentKind::Pdf, _) => "This is a PDF file: its text was not extracted.".to_string(),
        (ContentKind::Image, Some((_, format))) => {
            format!("This is an image ({format}): no text was extracted from it.")
        }
        (ContentKind::Image, None) => "This is an image: no text was extracted from it.".to_string(),
        _ => {
            let declared = content::mime_essence(content_type);
            let declared = if declared.is_empty() { String::new() } else { format!(" ({declared})") };
            format!("This file is not a web page or text{declared}: its contents were not extracted.")
        }
    };
    let meta = PageMeta { title: content::last_segment(url).filter(|t| !t.trim().is_empty()), ..PageMeta::default() };
    Snapshot { kind, text: String::new(), meta, notes: vec![format!("{note} The file and its SHA-256 are kept.")] }
}

/// How messages name the page or file: its address or name, or a generic phrase.
fn describe_source(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        "The text".to_string()
    } else {
        url.to_string()
    }
}

/// `\r\n` and lone `\r` become `\n`.
fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn plain_text_keeps_its_lines_with_normalised_newlines() {
        let s = snapshot(b"One\r\nTwo\rThree\n", "text/plain", "notes.txt").unwrap();
        assert_eq!(s.kind, ContentKind::Text);
        assert_eq!(s.text, "One\nTwo\nThree\n");
    }

    #[test]
    fn whitespace_only_text_is_refused() {
        let err = snapshot(b" \n\t ", "text/plain", "").unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.to_string().starts_with("The page has no readable text"), "{err}");
        assert!(snapshot(b"<html><body><script>x()</script></body></html>", "text/html", "").is_err());
    }

    #[test]
    fn binary_files_get_a_note_and_a_title_from_their_name() {
        let s = snapshot(b"PK\x03\x04\x00\x00", "application/zip", "https://x.test/data/figures.zip").unwrap();
        assert_eq!(s.kind, ContentKind::Other);
        assert_eq!(s.meta.title.as_deref(), Some("figures.zip"));
        assert_eq!(
            s.notes,
            ["This file is not a web page or text (application/zip): its contents were not extracted. The file and its SHA-256 are kept."]
        );
    }

    #[test]
    fn no_input_makes_snapshot_panic() {
        let inputs: [&[u8]; 7] = [b"", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b"<meta charset=", b"\x89PNG", b"---\n---"];
        for bytes in inputs {
            for ct in ["", "text/html", "text/plain; charset=bogus", "text/markdown"] {
                let _ = snapshot(bytes, ct, "");
                let _ = snapshot(bytes, ct, "https://x.test/a.md");
            }
        }
    }
}
