//! Reports and exports: a claim or a collection of claims, in the formats a desk sends to an
//! editor (Markdown, HTML, PDF), opens in a spreadsheet (CSV), archives or scripts (JSON), or publishes
//! (schema.org ClaimReview JSON-LD).
//!
//! The data is built once from the store ([`build_collection`]), with confidential sources already
//! masked, and each format is a pure function of it, so every format shows the same facts and a
//! golden test pins each one. [`export`] does both; [`export_to_file`] also writes the result
//! atomically.

mod build;
pub mod claimreview;
pub mod csv;
mod data;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
mod select;
mod summary;
mod text;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Store;

pub use build::{build_collection, build_collection_until, citation, claim_report, ExportOptions, SETTING_DESK_NAME, SETTING_PUBLICATION_URL};
pub use data::*;
pub use json::JSON_EXPORT_VERSION;
pub use select::{find_claimant, Selection};
pub use text::safe_url;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// A readable report to paste into a document or a CMS.
    #[serde(rename = "md")]
    Markdown,
    /// One self-contained page that prints well.
    #[serde(rename = "html")]
    Html,
    /// A print-ready A4 document with its fonts embedded, typeset by typst (see [`pdf`]).
    #[serde(rename = "pdf")]
    Pdf,
    /// One row per claim.
    #[serde(rename = "csv")]
    Csv,
    /// One row per evidence link, joined to the claims by `claim_uuid`.
    #[serde(rename = "csv-evidence")]
    CsvEvidence,
    /// Everything, for archives and other tools.
    #[serde(rename = "json")]
    Json,
    /// schema.org ClaimReview JSON-LD for published fact-checks.
    #[serde(rename = "claimreview")]
    ClaimReview,
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Markdown, Format::Html, Format::Pdf, Format::Csv, Format::CsvEvidence, Format::Json, Format::ClaimReview];

    /// The name used on the command line and over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::CsvEvidence => "csv-evidence",
            Format::Json => "json",
            Format::ClaimReview => "claimreview",
        }
    }

    /// Reads a format name; a few obvious spellings are accepted too (`markdown`, `jsonld`…).
    pub fn parse(s: &str) -> Result<Format> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        let found = match norm.as_str() {
            "markdown" => Some(Format::Markdown),
            "htm" => Some(Format::Html),
            "claim-review" | "jsonld" | "json-ld" => Some(Format::ClaimReview),
            other => Format::ALL.into_iter().find(|f| f.as_str() == other),
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
            Error::validation("format", format!("“{}” is not an export format; use one of: {}", s.trim(), names.join(", ")))
        })
    }

    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv | Format::CsvEvidence => "csv",
            Format::Json => "json",
            Format::ClaimReview => "jsonld",
        }
    }

    /// The media type, for a save dialog's filter or a web server.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Csv | Format::CsvEvidence => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::ClaimReview => "application/ld+json",
        }
    }
}

/// A finished export: the file's bytes and what the checker should know about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub bytes: Vec<u8>,
    /// How many claims the selection held.
    pub claims: usize,
    /// Plain-words notes, e.g. claims a ClaimReview export left out, or a missing publication address.
    pub warnings: Vec<String>,
}

/// Renders a built collection: a pure function of the data.
pub fn render(c: &Collection, format: Format) -> Result<Export> {
    let (bytes, warnings) = match format {
        Format::Markdown => (markdown::render(c).into_bytes(), Vec::new()),
        Format::Html => (html::render(c).into_bytes(), Vec::new()),
        Format::Pdf => pdf::render(c)?,
        Format::Csv => (csv::render_claims(c).into_bytes(), Vec::new()),
        Format::CsvEvidence => (csv::render_evidence(c).into_bytes(), Vec::new()),
        Format::Json => (json::render(c)?, Vec::new()),
        Format::ClaimReview => {
            let r = claimreview::render(c)?;
            (r.json, r.warnings)
        }
    };
    Ok(Export { bytes, claims: c.claims.len(), warnings })
}

/// Builds the selected claims' report and renders it. An empty selection is refused: a report of
/// nothing is almost always a mistyped tag or name.
pub fn export(store: &Store, selection: &Selection, format: Format, opts: &ExportOptions) -> Result<Export> {
    export_with_progress(store, selection, format, opts, &mut |_, _| {})
}

/// [`export`], calling `progress(done, total)` as claims are read (the slow part).
pub fn export_with_progress(
    store: &Store,
    selection: &Selection,
    format: Format,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Export> {
    let collection = build_collection(store, selection, opts, progress)?;
    if collection.claims.is_empty() {
        return Err(Error::validation("selection", format!("Nothing to export: no claims match ({}).", collection.scope)));
    }
    render(&collection, format)
}

/// Exports to `path`, atomically (see [`write_atomic`]).
pub fn export_to_file(
    store: &Store,
    selection: &Selection,
    format: Format,
    opts: &ExportOptions,
    path: &Path,
) -> Result<Export> {
    let export = export(store, selection, format, opts)?;
    write_atomic(path, &export.bytes)?;
    Ok(export)
}

/// Writes `bytes` to `path` so that the file is either the old one or the complete new one, never
/// half written: the bytes go to a new temporary file in the same folder (so the rename cannot
/// cross file systems), are flushed to disk, and the temporary file is renamed over `path`. On any
/// failure the temporary file is removed. The file is created like any other (the user's umask
/// applies), not with a temporary file's owner-only permissions, so a report can be shared as usual.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |what: &str, e: std::io::Error| Error::io(format!("could not {what} {}", path.display()), e);
    let name = path
        .file_name()
        .ok_or_else(|| Error::validation("out", format!("{} is not a file name", path.display())))?;
    if path.is_dir() {
        return Err(Error::validation("out", format!("{} is a folder: give the name of the file to write", path.display())));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp_path, mut file) = create_temp(dir, name).map_err(|e| io("create a temporary file beside", e))?;
    let guard = RemoveOnDrop(Some(tmp_path));
    file.write_all(bytes).map_err(|e| io("write", e))?;
    file.sync_all().map_err(|e| io("flush", e))?;
    drop(file);
    let tmp_path = guard.path();
    std::fs::rename(tmp_path, path).map_err(|e| io("replace", e))?;
    guard.keep();
    sync_dir(dir);
    Ok(())
}

/// Flushes the folder's entry for the renamed file, so the new name survives a power cut. Best
/// effort: the file itself is already complete, and some platforms cannot open a folder.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A new file `.<name>.<pid>.<n>.tmp` in `dir`, never one that exists already.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let mut last_err = None;
    for attempt in 0..100u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.{}.tmp", std::process::id(), nanos.wrapping_add(attempt)));
        let p = dir.join(tmp_name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

/// Removes the temporary file unless the write went through.
struct RemoveOnDrop(Option<std::path::PathBuf>);

impl RemoveOnDrop {
    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}
