//! The report data: what every format renders, built once from the store.
//!
//! Confidential sources are masked here, when the data is built, and not in the renderers: a
//! confidential evidence link has no field that could hold a title, address, excerpt or hash, so no
//! renderer (present or future) can leak one by forgetting a check.
//!
//! These types were also the body of the JSON export of version 1, which import still reads (and
//! reads the claims CSV into): rename none of their fields.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{AnchorState, ClaimStatus, CorrectionKind, Reliability, SourceKind, Stance};

/// Many claims (or one) with a summary: what an export holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    /// What was selected, in words ("All claims", "Claims tagged “aid”"…).
    pub scope: String,
    /// True when one claim was asked for by its UUID: the reports then skip the summary.
    pub single: bool,
    /// When the export was made; absent when the caller did not ask for a date, so that exports of
    /// the same data are byte-identical (golden tests, diffs between two exports).
    pub generated_at: Option<DateTime<Utc>>,
    /// The desk (organisation) that publishes the fact-checks, when set.
    pub desk: Option<String>,
    /// The organisation's own web address, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_url: Option<String>,
    /// The address of the organisation's logo, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_logo: Option<String>,
    /// Where the desk publishes its fact-checks: a base address (the claim's UUID is appended) or a
    /// template containing `{uuid}`; when set.
    pub publication_url: Option<String>,
    /// Where the desk published a claim's fact-check, by claim UUID, for the claims that have one:
    /// it overrides `publication_url`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub published_urls: std::collections::BTreeMap<String, String>,
    /// The workspace's rating scale, so a reader (or an importer) can map the ratings.
    pub scale: ScaleReport,
    pub summary: Summary,
    pub claims: Vec<ClaimReport>,
}

/// The rating scale in use, best rating first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleReport {
    pub name: String,
    pub ratings: Vec<ScaleRating>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleRating {
    pub key: String,
    pub label: String,
    pub description: String,
    /// ClaimReview `ratingValue`; higher is truer; None for a rating off the numbers ("Unproven").
    pub value: Option<i32>,
    /// CSS colour, e.g. `#1b7f3b`.
    pub color: String,
}

/// Counts at the top of a collection report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub claims: u32,
    /// Claims with a current verdict ("checked").
    pub checked: u32,
    /// Every rating of the scale, best first (zeros included, so tables have stable columns), then
    /// any rating found on a claim that the scale no longer has.
    pub by_rating: Vec<RatingCount>,
    /// Every status in workflow order, zeros included.
    pub by_status: Vec<StatusCount>,
    /// Claimants of the selected claims, most checked claims first.
    pub by_claimant: Vec<ClaimantTally>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingCount {
    pub key: String,
    pub label: String,
    pub value: Option<i32>,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: ClaimStatus,
    pub count: u32,
}

/// How one claimant's checked claims were rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimantTally {
    pub name: String,
    /// Selected claims by this claimant.
    pub claims: u32,
    /// Of those, how many have a current verdict.
    pub checked: u32,
    /// Non-zero counts only, in the order of [`Summary::by_rating`].
    pub ratings: Vec<KeyCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyCount {
    pub key: String,
    pub count: u32,
}

/// One claim, with everything a report about it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimReport {
    pub uuid: String,
    /// The exact wording.
    pub text: String,
    pub summary: String,
    pub claimant: Option<ClaimantReport>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    /// The first appearance first.
    pub appearances: Vec<AppearanceReport>,
    pub status: ClaimStatus,
    /// BCP 47 code; empty when not set.
    pub language: String,
    pub tags: Vec<String>,
    /// The desk's notes on the circumstances. Kept in the data exports (JSON, CSV) for interchange;
    /// the reports meant for readers (Markdown, HTML) leave it out, as it is written for the desk.
    pub context: String,
    /// Who on the desk works on it; data exports only, like `context`.
    pub assignee: String,
    /// The day the claim was first published (UTC); absent if it never was.
    pub published_on: Option<NaiveDate>,
    /// The current verdict.
    pub verdict: Option<VerdictReport>,
    /// Verdicts that a later one superseded, newest first.
    pub earlier_verdicts: Vec<VerdictReport>,
    pub evidence: Vec<EvidenceReport>,
    /// Correction notices, newest first.
    pub corrections: Vec<CorrectionReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimantReport {
    pub uuid: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppearanceReport {
    pub uuid: String,
    /// Empty when the appearance has no address (a speech, a broadcast), or is withheld.
    pub url: String,
    /// For a withheld appearance, "Confidential source (<kind>)".
    pub outlet: String,
    pub medium: String,
    pub appeared_on: Option<NaiveDate>,
    pub is_first: bool,
    /// True when the appearance is held by a confidential source (a private group's message, a
    /// leaked document): its address and outlet are withheld like the source's own.
    #[serde(default)]
    pub confidential: bool,
}

/// A rating with its place on the scale: ClaimReview's `ratingValue`, `bestRating`, `worstRating`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingReport {
    pub key: String,
    pub label: String,
    /// ClaimReview `alternateName`.
    pub alternate_name: String,
    /// ClaimReview `ratingValue`, `bestRating`, `worstRating`; None where the scale has none.
    pub value: Option<i32>,
    pub best: Option<i32>,
    pub worst: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictReport {
    pub uuid: String,
    pub rating: RatingReport,
    pub rationale: String,
    pub author: String,
    pub recorded_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionReport {
    pub uuid: String,
    /// A correction or a clarification; absent in an older export: a correction.
    #[serde(default)]
    pub kind: CorrectionKind,
    pub at: DateTime<Utc>,
    /// `verdict` or `evidence`.
    pub what: String,
    pub reason: String,
    pub actor: String,
}

/// One evidence link. `citation` is a plain-text line to quote the source by; for a confidential
/// source it is only "Confidential source (<kind>)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceReport {
    pub uuid: String,
    pub stance: Stance,
    pub citation: String,
    #[serde(flatten)]
    pub body: EvidenceBody,
}

/// What an evidence link may show: everything, or, for a confidential source, its kind alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "access", rename_all = "snake_case")]
pub enum EvidenceBody {
    Open(Box<OpenEvidence>),
    /// The source's title, address, publisher, author, capture, the excerpt and the note are all
    /// withheld: any of them can identify a person who spoke in confidence.
    Confidential { source_kind: SourceKind },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenEvidence {
    pub source: SourceReport,
    /// The capture the excerpt was checked against; absent when the source had none.
    pub capture: Option<CaptureReport>,
    pub excerpt: String,
    /// Whether the excerpt was found in that capture.
    pub excerpt_check: AnchorState,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceReport {
    pub uuid: String,
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub published_on: Option<NaiveDate>,
    /// Empty for a source without an address.
    pub url: String,
    pub kind: SourceKind,
    pub reliability: Reliability,
}

/// An archived copy of a source: when it was made and the SHA-256 of its bytes, so a reader can
/// tell whether the page they see is the one the verdict rested on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureReport {
    pub uuid: String,
    pub captured_at: DateTime<Utc>,
    pub sha256: String,
    /// Where the page was after redirects; empty for files and pasted text.
    pub final_url: String,
}

impl EvidenceReport {
    /// The open evidence, or None for a confidential source.
    pub fn open(&self) -> Option<&OpenEvidence> {
        match &self.body {
            EvidenceBody::Open(o) => Some(o),
            EvidenceBody::Confidential { .. } => None,
        }
    }

    /// The source's kind, shown for open and confidential sources alike.
    pub fn source_kind(&self) -> SourceKind {
        match &self.body {
            EvidenceBody::Open(o) => o.source.kind,
            EvidenceBody::Confidential { source_kind } => *source_kind,
        }
    }
}

/// How a confidential source is named everywhere.
pub fn confidential_label(kind: SourceKind) -> String {
    format!("Confidential source ({})", kind.label())
}
