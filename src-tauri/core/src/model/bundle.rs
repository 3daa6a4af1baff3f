//! The JSON bundle, `{"factdesk_export": 2, …}`: the whole workspace, or the claims an export
//! selected with everything they rest on. Export writes these types and import reads the same
//! types back, so the two cannot drift; [`BUNDLE_VERSION`] is the only place the format's number
//! lives.
//!
//! Every record keeps its UUID and its times, and records point at each other by UUID (a
//! workspace's integer keys mean nothing in another). What the store derives is left out: search
//! indexes, a capture's size and text hash, a source's address key. Confidential sources never
//! leave the workspace: the bundle has no record of them, their captures or their history, and the
//! evidence and appearances that rest on one are [`Access::Confidential`], the kind of source alone.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CaptureMethod, ClaimOrigin, ClaimStatus, CorrectionKind, Decision, Reliability, SourceKind, Stance};

/// The version of the bundle's shape. It changes when a field is renamed or removed or its meaning
/// changes; import reads this version and every earlier one.
pub const BUNDLE_VERSION: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`BUNDLE_VERSION`] when written.
    pub factdesk_export: u32,
    /// What the export holds, in words ("All claims", "Claims tagged “aid”"…).
    pub scope: String,
    /// The workspace's settings (the rating scale in use, the desk's name…), except the name of
    /// the checker who exported it.
    pub settings: BTreeMap<String, String>,
    /// Every rating scale, presets included.
    pub scales: Vec<ScaleRecord>,
    /// Other publishers' rating words and where they sit on the scale.
    pub rating_names: Vec<RatingName>,
    /// The publish checklist, retired items included (past sign-offs keep their label).
    pub checklist: Vec<ChecklistItemRecord>,
    /// The claimants of the claims; in a whole workspace, every claimant.
    pub claimants: Vec<ClaimantRecord>,
    /// The sources the claims cite or appeared in, with every capture; in a whole workspace,
    /// every source, those nothing cites too.
    pub sources: Vec<SourceRecord>,
    /// The raw bytes of the captures, once per SHA-256.
    pub blobs: Vec<BlobRecord>,
    /// Oldest first.
    pub claims: Vec<ClaimRecord>,
    /// Checkers' decisions on suggested matches between two of the claims.
    pub links: Vec<LinkRecord>,
    /// The audit trail of the claims (in a whole workspace, of everything), oldest first.
    pub history: Vec<HistoryRecord>,
}

/// An evidence link or an appearance: whole, or, resting on a confidential source, withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "access", rename_all = "snake_case")]
pub enum Access<T> {
    Open(T),
    Confidential { source_kind: SourceKind },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleRecord {
    pub uuid: String,
    pub name: String,
    pub description: String,
    pub best_rating: Option<i64>,
    pub worst_rating: Option<i64>,
    pub preset: bool,
    pub created_at: DateTime<Utc>,
    /// Best first.
    pub ratings: Vec<RatingRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingRecord {
    pub uuid: String,
    pub key: String,
    pub position: i64,
    pub label: String,
    pub description: String,
    pub color: String,
    /// The pre-v6 value column, kept for old readers.
    pub value: i64,
    /// ClaimReview `ratingValue`; None for a rating off the numbers ("Unproven").
    pub rating_value: Option<i64>,
    pub alternate_name: String,
}

/// One line of the rating-name table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatingName {
    /// The words as publishers write them, e.g. "Pants on Fire" (matched ignoring case, accents
    /// and punctuation).
    pub name: String,
    /// A rating key of the workspace's scale, used when the scale has it.
    pub rating_key: Option<String>,
    /// Where the words sit from worst (0) to best (1); used when the scale has no such key.
    pub position: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItemRecord {
    pub uuid: String,
    pub position: i64,
    pub label: String,
    pub required: bool,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// What the core checks for the item (schema 12); absent: nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<super::CheckRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimantRecord {
    pub uuid: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub uuid: String,
    /// Empty for a source without an address.
    pub url: String,
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub published_on: Option<NaiveDate>,
    pub accessed_at: Option<DateTime<Utc>>,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub reliability_note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Oldest first.
    pub captures: Vec<CaptureRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureRecord {
    pub uuid: String,
    pub captured_at: DateTime<Utc>,
    pub method: CaptureMethod,
    pub requested_url: String,
    pub final_url: String,
    pub http_status: Option<u16>,
    pub content_type: String,
    /// The raw bytes' SHA-256: the bytes are the [`BlobRecord`] of that hash.
    pub sha256: String,
    /// The readable text snapshot.
    pub text: String,
    pub note: String,
    pub actor: String,
    /// What checkers decided about the candidate claims of this capture (an imported article).
    pub decisions: Vec<DecisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The candidate's place in the capture's text, in Unicode code points.
    pub start: u32,
    pub end: u32,
    pub decision: Decision,
    /// The claim an accepted candidate became.
    pub claim: Option<String>,
    pub actor: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlobRecord {
    pub sha256: String,
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub uuid: String,
    pub text: String,
    pub summary: String,
    /// A claimant's UUID.
    pub claimant: Option<String>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    pub status: ClaimStatus,
    pub origin: ClaimOrigin,
    pub language: String,
    pub context: String,
    pub assignee: String,
    /// Check-worthiness of the wording, 0..1.
    pub worthiness: Option<f64>,
    /// When the claim was first published; it stays locked from then on.
    pub published_at: Option<DateTime<Utc>>,
    /// Where the desk published its fact-check (schema 13); absent: not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub tags: Vec<String>,
    pub appearances: Vec<Access<AppearanceRecord>>,
    pub evidence: Vec<Access<EvidenceRecord>>,
    /// Oldest first; each but the current one superseded.
    pub verdicts: Vec<VerdictRecord>,
    pub corrections: Vec<CorrectionRecord>,
    /// Sign-offs of the checklist.
    pub checks: Vec<CheckRecord>,
    /// Fact-checks of the claim published by others, never the desk's verdicts.
    pub reviews: Vec<ReviewRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppearanceRecord {
    pub uuid: String,
    pub url: String,
    pub outlet: String,
    pub medium: String,
    pub appeared_on: Option<NaiveDate>,
    pub is_first: bool,
    /// The source that holds it (a source's UUID).
    pub source: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub uuid: String,
    /// A source's UUID.
    pub source: String,
    /// The UUID of the capture of that source the excerpt was checked against.
    pub capture: Option<String>,
    pub excerpt: String,
    pub stance: Stance,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictRecord {
    pub uuid: String,
    /// A rating's UUID (see [`Bundle::scales`]).
    pub rating: String,
    pub rationale: String,
    pub author: String,
    pub correction_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
    /// The UUID of the verdict that superseded it.
    pub superseded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionRecord {
    pub uuid: String,
    /// A correction or a clarification (schema 14); absent in older files: a correction.
    #[serde(default)]
    pub kind: CorrectionKind,
    pub reason: String,
    /// `verdict` or `evidence`.
    pub what: String,
    pub actor: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// A checklist item's UUID.
    pub item: String,
    pub done_by: String,
    pub done_at: DateTime<Utc>,
}

/// Another publisher's fact-check, as imported from their ClaimReview markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub uuid: String,
    /// What tells the same review when a feed is imported again.
    pub match_key: String,
    /// The claim's wording folded: reviews of one claim by several publishers share it.
    pub claim_key: String,
    pub publisher: String,
    pub publisher_url: String,
    pub url: String,
    pub headline: String,
    pub author: String,
    pub reviewed_on: Option<NaiveDate>,
    pub modified_on: Option<NaiveDate>,
    /// Their rating, in their words and numbers.
    pub rating_text: String,
    pub rating_value: Option<String>,
    pub best_rating: Option<String>,
    pub worst_rating: Option<String>,
    /// The UUID of the rating of the desk's scale it maps to, and how (`scale`, `names`, `value`).
    pub rating: Option<String>,
    pub mapped_by: Option<String>,
    pub language: String,
    pub language_guessed: bool,
    pub imported_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The record exactly as published (JSON text).
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRecord {
    /// Two claims' UUIDs.
    pub claims: [String; 2],
    /// `same` (one verdict shown on both) or `dismissed` (not suggested again).
    pub kind: String,
    pub actor: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRecord {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: String,
    pub entity_uuid: String,
    /// The claim it belongs to (its UUID), if any.
    pub claim: Option<String>,
    pub action: String,
    /// JSON text: a summary and the changed fields.
    pub detail: String,
}

/// Bytes as base64 text.
mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        STANDARD.decode(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
