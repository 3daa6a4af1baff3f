//! A look at a file before it is imported, refusing one that is plainly not of the kind chosen:
//! empty, not text, JSON given as CSV or the other way round, or the other JSON kind. Everything
//! subtler is for the import itself to find and explain. The window and `factdesk-cli import` both
//! look first; each has its own words for the kinds (see [`Wording`]).

use super::ImportKind;
use crate::error::{Error, Result};

/// How much of the file is looked at: a fact-check feed or an export says what it is early on.
const HEAD: usize = 64 * 1024;

/// Whose words the refusal is in.
#[derive(Debug, Clone, Copy)]
pub enum Wording<'a> {
    /// The import screen: the file by its name, the kinds by the screen's labels ([`kind_label`]).
    Window { file_name: &'a str },
    /// `factdesk-cli import`: the file is the one just named on the command line, the kinds are
    /// its subcommands.
    CommandLine,
}

impl Wording<'_> {
    /// The file, as the subject of a sentence.
    fn file(&self) -> String {
        match self {
            Wording::Window { file_name } => format!("“{file_name}”"),
            Wording::CommandLine => "This".to_string(),
        }
    }

    /// How to ask for `kind` instead.
    fn kind(&self, kind: ImportKind) -> String {
        match self {
            Wording::Window { .. } => format!("“{}”", kind_label(kind)),
            Wording::CommandLine => format!("`import {}`", kind.as_str()),
        }
    }

    /// The verb for taking another kind.
    fn choose(&self) -> &'static str {
        match self {
            Wording::Window { .. } => "choose",
            Wording::CommandLine => "use",
        }
    }
}

/// How the kinds are named on the import screen.
pub fn kind_label(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::ClaimReview => "ClaimReview JSON-LD",
        ImportKind::Json => "Factdesk JSON bundle",
        ImportKind::Csv => "Claims CSV",
    }
}

/// The kind of a data file given without one (dropped on the window), by its name and first bytes:
/// `.csv` is the claims CSV; `.json` and `.jsonld` are a Factdesk JSON bundle when they say so
/// early on (and hold no ClaimReview), else ClaimReview. `None` for any other name. A wrong guess is
/// refused by [`check_file`] in its own words, as if the kind had been chosen.
pub fn guess_kind(file_name: &str, bytes: &[u8]) -> Option<ImportKind> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "csv" => Some(ImportKind::Csv),
        "json" | "jsonld" => {
            let head = &bytes[..bytes.len().min(HEAD)];
            let text = String::from_utf8_lossy(head);
            let bundle = text.contains("\"factdesk_export\"") && !text.contains("ClaimReview");
            Some(if bundle { ImportKind::Json } else { ImportKind::ClaimReview })
        }
        _ => None,
    }
}

/// Refuses (a `Validation` error on `file`, in `wording`) a file that is plainly not of `kind`;
/// `Ok` for anything the import itself should read.
pub fn check_file(kind: ImportKind, bytes: &[u8], wording: Wording<'_>) -> Result<()> {
    let file = wording.file();
    let refuse = |msg: String| Err(Error::validation("file", msg));
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return refuse(format!("{file} is empty: there is nothing to import."));
    }
    let head = &body[..body.len().min(HEAD)];
    let text_head = match std::str::from_utf8(head) {
        Ok(t) => t,
        // A multi-byte character cut by the window is still text.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        Err(_) => "\u{0}",
    };
    if text_head.contains('\u{0}') {
        return refuse(format!(
            "{file} is not a text file (it looks like a binary file, such as a document, an image or an archive). \
             Choose a {} file. Nothing was imported.",
            kind_label(kind)
        ));
    }
    let first = text_head.trim_start().chars().next().unwrap_or(' ');
    let is_json = first == '{' || first == '[';
    let is_bundle = text_head.contains("\"factdesk_export\"");
    let has_claimreview = text_head.contains("ClaimReview");
    let choose = wording.choose();
    match kind {
        ImportKind::ClaimReview | ImportKind::Json if !is_json => {
            let looks_csv = text_head.lines().next().is_some_and(|l| l.contains(',') && l.contains("claim"));
            let hint = if looks_csv {
                format!(" It looks like a CSV file: {choose} {} for a Factdesk claims CSV.", wording.kind(ImportKind::Csv))
            } else {
                String::new()
            };
            refuse(format!(
                "{file} is not JSON, so it cannot be {}.{hint} Nothing was imported.",
                if kind == ImportKind::ClaimReview { "ClaimReview JSON-LD" } else { "a Factdesk JSON bundle" }
            ))
        }
        ImportKind::Csv if is_json => refuse(format!(
            "{file} is JSON, not a CSV: {choose} {} for published fact-checks or {} for a Factdesk export. \
             Nothing was imported.",
            wording.kind(ImportKind::ClaimReview),
            wording.kind(ImportKind::Json)
        )),
        ImportKind::ClaimReview if is_bundle && !has_claimreview => refuse(format!(
            "{file} is a Factdesk JSON export, not ClaimReview markup: {choose} {}. Nothing was imported.",
            wording.kind(ImportKind::Json)
        )),
        ImportKind::Json if !is_bundle && has_claimreview => refuse(format!(
            "{file} holds ClaimReview markup, not a Factdesk export: {choose} {}. Nothing was imported.",
            wording.kind(ImportKind::ClaimReview)
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &[u8] = br#"[{"@type": "ClaimReview", "claimReviewed": "The bridge cost 40 million.",
        "url": "https://fc.example/bridge", "reviewRating": {"alternateName": "False"}}]"#;
    const BUNDLE: &[u8] = br#"{"factdesk_export": 2, "claims": []}"#;
    const CSV: &[u8] = b"claim_uuid,text,status\n0190-aa,The bridge cost 40 million,new\n";

    fn refusal(kind: ImportKind, bytes: &[u8], wording: Wording<'_>) -> String {
        match check_file(kind, bytes, wording) {
            Err(e @ Error::Validation { field: "file", .. }) => e.to_string(),
            other => panic!("{kind:?} {:?}: expected a refusal, got {other:?}", String::from_utf8_lossy(bytes)),
        }
    }

    #[test]
    fn a_dropped_file_s_kind_is_guessed_from_its_name_and_first_bytes() {
        assert_eq!(guess_kind("claims.CSV", CSV), Some(ImportKind::Csv));
        assert_eq!(guess_kind("feed.json", FEED), Some(ImportKind::ClaimReview));
        assert_eq!(guess_kind("feed.jsonld", FEED), Some(ImportKind::ClaimReview));
        assert_eq!(guess_kind("export.json", BUNDLE), Some(ImportKind::Json));
        // A bundle that holds ClaimReview text early on, or JSON of no known kind: ClaimReview,
        // whose import then says what it found.
        assert_eq!(guess_kind("x.json", br#"{"factdesk_export": 2, "note": "ClaimReview"}"#), Some(ImportKind::ClaimReview));
        assert_eq!(guess_kind("recipe.json", br#"{"name": "soup"}"#), Some(ImportKind::ClaimReview));
        for name in ["story.txt", "report.docx", "json", "no-extension"] {
            assert_eq!(guess_kind(name, FEED), None, "{name}");
        }
        // Whatever was guessed, a file of the other kind is still refused by the check, by name.
        let msg = check_file(guess_kind("feed.csv", FEED).unwrap(), FEED, Wording::Window { file_name: "feed.csv" }).unwrap_err().to_string();
        assert!(msg.contains("“feed.csv” is JSON, not a CSV"), "{msg}");
    }

    #[test]
    fn files_of_another_kind_are_refused_in_the_words_of_whoever_asked() {
        let window = Wording::Window { file_name: "file.x" };
        let cli = Wording::CommandLine;
        let cases: Vec<(ImportKind, &[u8], &str, &str)> = vec![
            (ImportKind::ClaimReview, b"", "“file.x” is empty", "This is empty"),
            (ImportKind::Csv, b"\xef\xbb\xbf  \n", "“file.x” is empty", "This is empty"),
            (ImportKind::ClaimReview, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file", "Choose a ClaimReview JSON-LD file"),
            (ImportKind::Json, b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "not a text file", "not a text file"),
            (ImportKind::Csv, b"\xff\xfe,\x00", "not a text file", "Choose a Claims CSV file"),
            (ImportKind::ClaimReview, CSV, "choose “Claims CSV”", "use `import csv`"),
            (ImportKind::Json, b"just some words", "cannot be a Factdesk JSON bundle. Nothing", "cannot be a Factdesk JSON bundle. Nothing"),
            (ImportKind::Csv, FEED, "“file.x” is JSON, not a CSV", "This is JSON, not a CSV: use `import claimreview`"),
            (ImportKind::Csv, BUNDLE, "or “Factdesk JSON bundle” for a Factdesk export", "or `import json` for a Factdesk export"),
            (ImportKind::ClaimReview, BUNDLE, "choose “Factdesk JSON bundle”", "use `import json`"),
            (ImportKind::Json, FEED, "choose “ClaimReview JSON-LD”", "use `import claimreview`"),
        ];
        for (kind, bytes, in_window, on_the_command_line) in cases {
            let w = refusal(kind, bytes, window);
            assert!(w.contains(in_window), "{kind:?} {:?}: {w}", String::from_utf8_lossy(bytes));
            let c = refusal(kind, bytes, cli);
            assert!(c.contains(on_the_command_line), "{kind:?} {:?}: {c}", String::from_utf8_lossy(bytes));
            assert!(!c.contains('“') && !c.contains("choose"), "window words on the command line: {c}");
        }
    }

    #[test]
    fn files_of_the_kind_chosen_pass_for_the_import_to_read() {
        for wording in [Wording::Window { file_name: "f" }, Wording::CommandLine] {
            for (kind, bytes) in [(ImportKind::ClaimReview, FEED), (ImportKind::Json, BUNDLE), (ImportKind::Csv, CSV)] {
                check_file(kind, bytes, wording).unwrap();
            }
            // A byte-order mark, and JSON the import will explain itself (it holds no fact-check).
            check_file(ImportKind::Json, b"\xef\xbb\xbf{\"factdesk_export\": 2}", wording).unwrap();
            check_file(ImportKind::ClaimReview, br#"{"name": "a recipe"}"#, wording).unwrap();
            // A bundle holding ClaimReview words in its claims is still a bundle.
            check_file(ImportKind::Json, br#"{"factdesk_export": 2, "note": "ClaimReview"}"#, wording).unwrap();
        }
        // A multi-byte character cut at the end of the part looked at is still text.
        let mut long = b"[".to_vec();
        long.extend(std::iter::repeat_n(b' ', HEAD - 2));
        long.extend("é]".as_bytes());
        check_file(ImportKind::ClaimReview, &long, Wording::CommandLine).unwrap();
    }
}
