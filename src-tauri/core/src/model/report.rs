//! Exports of claim reports, as the window asks for them and hears of them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ClaimQuery;

/// What to export from the window: one claim, or the claims the list shows for a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExportRequest {
    /// `md`, `html`, `pdf`, `csv`, `csv-evidence`, `json` or `claimreview`.
    pub format: String,
    #[ts(optional = nullable)]
    pub claim_uuid: Option<String>,
    /// The list's filters (its page size and cursor are ignored).
    #[ts(optional = nullable)]
    pub query: Option<ClaimQuery>,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportDone {
    /// Where the file was written (the place the checker chose).
    pub path: String,
    pub claims: u32,
    /// Plain-words notes, e.g. claims a ClaimReview export left out.
    pub warnings: Vec<String>,
}

/// Sent to the window while an export reads its claims (event `export-progress`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}
