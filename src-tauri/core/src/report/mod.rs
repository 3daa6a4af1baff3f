//! Reports and exports: a claim or a collection of claims, in the formats a desk sends to an
//! editor (Markdown, HTML, PDF), opens in a spreadsheet (CSV), archives or scripts (JSON), or publishes
//! (schema.org ClaimReview JSON-LD).
//!
//! The data is built once from the store ([`build_collection`]), with confidential sources already
//! masked, and each format is a pure function of it, so every format shows the same facts and a
//! golden test pins each one. [`export`] does both; [`export_to_file`] also writes the result
//! atomically. JSON is not a report but the workspace's own data, the bundle of
//! [`crate::model::bundle`], read from the store by [`export`] and pinned by a golden file too.

mod build;
pub mod claimreview;
pub mod csv;
mod data;
mod filename;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
mod select;
mod summary;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Store;

pub use build::{
    build_collection, build_collection_until, citation, claim_report, ExportOptions, SETTING_DESK_LOGO_URL, SETTING_DESK_NAME,
    SETTING_DESK_URL, SETTING_PUBLICATION_URL,
};
pub use filename::{check_claimreview, slug, suggested_file_name, MAX_WORDS_CHARS};
pub use data::*;
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
    /// Everything: the bundle of the claims (or the whole workspace), for archives, other tools
    /// and other workspaces.
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

/// Renders a built collection: a pure function of the data. JSON is read from the workspace, not
/// from a report: [`export`] it.
pub fn render(c: &Collection, format: Format) -> Result<Export> {
    let (bytes, warnings) = match format {
        Format::Markdown => (markdown::render(c).into_bytes(), Vec::new()),
        Format::Html => (html::render(c).into_bytes(), Vec::new()),
        Format::Pdf => pdf::render(c)?,
        Format::Csv => (csv::render_claims(c).into_bytes(), Vec::new()),
        Format::CsvEvidence => (csv::render_evidence(c).into_bytes(), Vec::new()),
        Format::Json => {
            return Err(Error::validation("format", "A JSON bundle is the workspace's data, not a report: it is exported from the workspace."))
        }
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
    export_until(store, selection, format, opts, &mut |done, total| {
        progress(done, total);
        true
    })
}

/// [`export`] that stops when `progress(done, total)` answers false (the checker cancelled): then
/// an [`Error::Cancelled`] and nothing else happens.
pub fn export_until(
    store: &Store,
    selection: &Selection,
    format: Format,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Export> {
    if format == Format::Json {
        return json::export(store, selection, progress);
    }
    let collection = build_collection_until(store, selection, opts, progress)?;
    if collection.claims.is_empty() {
        return Err(nothing_to_export(&collection.scope));
    }
    render(&collection, format)
}

/// An export of no claims: almost always a mistyped tag or name.
fn nothing_to_export(scope: &str) -> Error {
    Error::validation("selection", format!("Nothing to export: no claims match ({scope})."))
}

/// Exports to `path`, atomically (see [`write_atomic`]).
pub fn export_to_file(
    store: &Store,
    selection: &Selection,
    format: Format,
    opts: &ExportOptions,
    path: &Path,
) -> Result<Export> {
    crate::paths::check_output_path(path)?;
    let export = export(store, selection, format, opts)?;
    write_atomic(path, &export.bytes)?;
    Ok(export)
}

pub use crate::files::write_atomic;
