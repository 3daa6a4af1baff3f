//! Imports: what an import does with each record, and other publishers' reviews.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Rating;

/// What an import does with one record of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new claim (with, for ClaimReview, the publisher's review).
    Create,
    /// Something added to or changed on a claim already in the workspace.
    Update,
    /// Already in the workspace as it is in the file: nothing to do.
    Unchanged,
    /// Nobody could use it: see `reason`.
    Skip,
}

impl ImportAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportAction::Create => "create",
            ImportAction::Update => "update",
            ImportAction::Unchanged => "unchanged",
            ImportAction::Skip => "skip",
        }
    }
}

/// One record of the file and what the import does (or did) with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportItem {
    /// 1-based, in the order of the file (records for ClaimReview and JSON, data rows for CSV).
    pub position: usize,
    /// Where in the file, e.g. `dataFeedElement[2].item[0]`, `claims[3]`, `line 5`.
    pub path: String,
    pub action: ImportAction,
    /// The claim it created or changed.
    pub claim_uuid: Option<String>,
    /// The claim's wording, shortened.
    pub claim: String,
    /// ClaimReview: who published the review.
    pub publisher: String,
    /// The rating as the file gives it.
    pub rating: String,
    /// The key of the workspace's rating it maps to, when one fits.
    pub mapped_rating: Option<String>,
    /// Why it was skipped, or what was updated; empty otherwise.
    pub reason: String,
    /// What was left out or guessed, in plain words ("datePublished “soon” is not a date…").
    pub notes: Vec<String>,
}

/// What an import did, or (for a preview) would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// `claimreview`, `json` or `csv`.
    pub kind: String,
    /// False for a preview (a dry run): nothing was written.
    pub written: bool,
    /// Records found in the file.
    pub found: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Every record, in the order of the file.
    pub items: Vec<ImportItem>,
    /// Notes on the whole file.
    pub notes: Vec<String>,
}

/// A preview is the report of an import that was rolled back.
pub type ImportPreview = ImportReport;

/// How to run an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Refuse the whole file when any record cannot be used as given (skipped, or a field left out).
    pub strict: bool,
    /// Run the import and roll it back: the report says what it would do; nothing is written.
    pub dry_run: bool,
}

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    ClaimReview,
    Json,
    Csv,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::ClaimReview => "claimreview",
            ImportKind::Json => "json",
            ImportKind::Csv => "csv",
        }
    }
}

/// A fact-check of a claim published by someone else (an imported ClaimReview record): their
/// publisher, address, date and rating in their own words. It is not one of the desk's verdicts;
/// the mapping onto the workspace's scale, when one fits, is kept beside the original words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExternalReview {
    pub uuid: String,
    /// Who published it, e.g. "AFP Fact Check".
    pub publisher: String,
    pub publisher_url: String,
    /// The fact-check's address; empty when the record had no web address.
    pub url: String,
    /// The fact-check's headline, when given.
    pub headline: String,
    /// The writer, when the record names one.
    pub author: String,
    pub reviewed_on: Option<NaiveDate>,
    /// The rating in the publisher's words (`alternateName`), as published.
    pub rating_text: String,
    /// `ratingValue`, `bestRating`, `worstRating` as published.
    pub rating_value: Option<String>,
    pub best_rating: Option<String>,
    pub worst_rating: Option<String>,
    /// The rating of the workspace's scale it maps to, when a mapping fits.
    pub mapped_rating: Option<Rating>,
    /// How it was mapped: `scale` (a rating of the scale has that name), `names` (the rating-name
    /// table), `value` (ratingValue within bestRating/worstRating); None when unmapped.
    pub mapped_by: Option<String>,
    /// BCP 47 code; guessed from the text when the record did not say.
    pub language: String,
    pub imported_at: DateTime<Utc>,
}

/// A data file read and tried out in the window's import (nothing written yet): `commit_data_import`
/// with `token` imports exactly these bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DataImportPreview {
    /// Names the file's bytes kept by the app until they are imported or discarded.
    pub token: String,
    /// The file's name (not its folder), to show.
    pub file_name: String,
    /// What importing it would do, record by record.
    pub preview: ImportReport,
}
