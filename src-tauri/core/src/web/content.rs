//! What a body is: from its declared type, its first bytes and its name. Servers and files lie
//! often enough (PDFs sent as `application/octet-stream`, HTML saved without a type) that the
//! declared type is one clue among three.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kinds of content Factdesk tells apart: the first three have readable text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Html,
    Text,
    Markdown,
    Pdf,
    Image,
    Other,
}

impl ContentKind {
    /// Whether Factdesk extracts readable text from this kind.
    pub fn has_text(self) -> bool {
        matches!(self, ContentKind::Html | ContentKind::Text | ContentKind::Markdown)
    }
}

/// The content type to record for a file opened from disk, by its extension.
pub fn content_type_for_path(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html",
        "xhtml" => "application/xhtml+xml",
        "txt" | "text" => "text/plain",
        "md" | "markdown" => "text/markdown",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
pub(crate) fn mime_essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value, if any.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The lowercased extension of the last path segment of a URL or file name.
pub(crate) fn extension_of(url: &str) -> Option<String> {
    let name = last_segment(url)?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The last path segment of a URL or file name, without query or fragment, percent-decoded.
pub(crate) fn last_segment(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let segment = path.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if segment.is_empty() {
        return None;
    }
    Some(percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned())
}

/// What the first bytes say, for formats with an unmistakable signature.
pub(crate) fn kind_from_magic(bytes: &[u8]) -> Option<(ContentKind, &'static str)> {
    const SIGNATURES: &[(&[u8], ContentKind, &str)] = &[
        (b"%PDF-", ContentKind::Pdf, "PDF"),
        (b"\x89PNG\r\n\x1a\n", ContentKind::Image, "PNG"),
        (b"\xff\xd8\xff", ContentKind::Image, "JPEG"),
        (b"GIF87a", ContentKind::Image, "GIF"),
        (b"GIF89a", ContentKind::Image, "GIF"),
    ];
    if let Some((_, kind, name)) = SIGNATURES.iter().find(|(sig, _, _)| bytes.starts_with(sig)) {
        return Some((*kind, name));
    }
    (bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP")
        .then_some((ContentKind::Image, "WebP"))
}

/// What the declared media type says; `None` when it says nothing useful.
fn kind_from_mime(essence: &str) -> Option<ContentKind> {
    let kind = match essence {
        "" | "application/octet-stream" | "binary/octet-stream" | "application/unknown" | "unknown/unknown" => {
            return None
        }
        "text/html" | "application/xhtml+xml" => ContentKind::Html,
        "text/markdown" | "text/x-markdown" => ContentKind::Markdown,
        "application/pdf" | "application/x-pdf" => ContentKind::Pdf,
        e if e.starts_with("image/") => ContentKind::Image,
        e if e.starts_with("text/") => ContentKind::Text,
        "application/json" | "application/xml" | "application/ld+json" => ContentKind::Text,
        e if e.ends_with("+json") || e.ends_with("+xml") => ContentKind::Text,
        _ => ContentKind::Other,
    };
    Some(kind)
}

fn kind_from_extension(ext: &str) -> Option<ContentKind> {
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => ContentKind::Html,
        "txt" | "text" => ContentKind::Text,
        "md" | "markdown" => ContentKind::Markdown,
        "pdf" => ContentKind::Pdf,
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => ContentKind::Image,
        _ => return None,
    })
}

/// Whether text (with no declared type) looks like an HTML document.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches('\u{feff}').trim_start();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || ["<head", "<body", "<p>", "<div", "<article"].iter().any(|t| head.contains(t))
}

/// Whether the bytes hold NUL bytes, which no text in an ASCII-compatible encoding has.
pub(crate) fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// Decides the kind of a body. A recognised file signature wins over the declared type (a PDF
/// sent as `text/plain` is still a PDF); then the declared type, refined by the name's
/// extension; with no usable type, the extension, then a look at the bytes.
pub(crate) fn detect_kind(bytes: &[u8], content_type: &str, url: &str) -> ContentKind {
    if let Some((kind, _)) = kind_from_magic(bytes) {
        return kind;
    }
    let ext = extension_of(url);
    let from_ext = ext.as_deref().and_then(kind_from_extension);
    match kind_from_mime(&mime_essence(content_type)) {
        // Markdown is usually served as plain text.
        Some(ContentKind::Text) if from_ext == Some(ContentKind::Markdown) => ContentKind::Markdown,
        Some(kind) => kind,
        None => match from_ext {
            Some(kind) if kind.has_text() => kind,
            // A .pdf or .png without the signature is not one; look at the bytes instead.
            _ if has_nul(bytes) => ContentKind::Other,
            _ if looks_like_html(bytes) => ContentKind::Html,
            Some(_) => ContentKind::Other,
            None => ContentKind::Text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_comes_from_signature_then_type_then_name_then_bytes() {
        assert_eq!(detect_kind(b"%PDF-1.4 ...", "text/plain", "a.txt"), ContentKind::Pdf);
        assert_eq!(detect_kind(b"hello", "text/plain", "https://x.test/notes.md"), ContentKind::Markdown);
        assert_eq!(detect_kind(b"# Title", "", "notes.markdown"), ContentKind::Markdown);
        assert_eq!(detect_kind(b"<p>hi</p>", "", "page"), ContentKind::Html);
        assert_eq!(detect_kind(b"just words", "", ""), ContentKind::Text);
        assert_eq!(detect_kind(b"\x00\x01\x02", "", "blob"), ContentKind::Other);
        assert_eq!(detect_kind(b"PK\x03\x04\x00", "application/zip", "a.zip"), ContentKind::Other);
        assert_eq!(detect_kind(b"RIFF\x10\x00\x00\x00WEBPVP8 ", "", ""), ContentKind::Image);
        assert_eq!(detect_kind(b"words", "application/octet-stream", "a.txt"), ContentKind::Text);
    }

    #[test]
    fn content_type_parameters_are_read() {
        assert_eq!(mime_essence("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(charset_param("text/html; Charset=\"windows-1252\""), Some("windows-1252".into()));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn names_are_taken_from_urls_and_file_names() {
        assert_eq!(last_segment("https://x.test/files/Annual%20report.pdf?x=1#p2"), Some("Annual report.pdf".into()));
        assert_eq!(last_segment("https://x.test/"), None);
        assert_eq!(last_segment("https://x.test"), None);
        assert_eq!(last_segment("notes.md"), Some("notes.md".into()));
        assert_eq!(extension_of("https://x.test/a/b.HTM"), Some("htm".into()));
        assert_eq!(extension_of("https://x.test/.hidden"), None);
        assert_eq!(content_type_for_path(Path::new("/tmp/A.MD")), "text/markdown");
        assert_eq!(content_type_for_path(Path::new("/tmp/a")), "application/octet-stream");
    }
}
