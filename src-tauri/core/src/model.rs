//! The types that cross the boundary to the UI and the CLI. Rust is the source of truth: the TS
//! declarations in `ui/src/lib/api/types.ts` are generated from these (see `bindings.rs`) and a
//! test fails when the checked-in file drifts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a claim is in the desk's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    New,
    Researching,
    InReview,
    Ready,
    Published,
    Corrected,
    Archived,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 7] = [
        ClaimStatus::New,
        ClaimStatus::Researching,
        ClaimStatus::InReview,
        ClaimStatus::Ready,
        ClaimStatus::Published,
        ClaimStatus::Corrected,
        ClaimStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::New => "new",
            ClaimStatus::Researching => "researching",
            ClaimStatus::InReview => "in_review",
            ClaimStatus::Ready => "ready",
            ClaimStatus::Published => "published",
            ClaimStatus::Corrected => "corrected",
            ClaimStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimStatus> {
        ClaimStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// How a piece of evidence bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Supports,
    Refutes,
    Context,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        [Stance::Supports, Stance::Refutes, Stance::Context]
            .into_iter()
            .find(|st| st.as_str() == s)
    }
}

/// A person or organisation who made claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Claimant {
    pub uuid: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// One step of a rating scale, with its ClaimReview mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rating {
    pub key: String,
    pub label: String,
    pub description: String,
    /// CSS colour, e.g. `#1b7f3b`.
    pub color: String,
    /// ClaimReview `ratingValue`; higher is truer.
    pub value: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatingScale {
    pub uuid: String,
    pub name: String,
    pub description: String,
    /// Best first.
    pub ratings: Vec<Rating>,
}

/// A row of the claim list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimSummary {
    pub uuid: String,
    pub text: String,
    pub claimant: Option<String>,
    pub said_on: Option<NaiveDate>,
    pub status: ClaimStatus,
    /// The current verdict's rating, if there is one.
    pub rating: Option<Rating>,
    pub evidence_count: u32,
    pub updated_at: DateTime<Utc>,
}

/// One page of the claim list; pass `next_cursor` back to get the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimPage {
    pub items: Vec<ClaimSummary>,
    pub next_cursor: Option<String>,
    /// How many claims match the query in all; a lower bound when `total_exact` is false.
    pub total: u32,
    /// False when a search matches so many claims that counting them all is not worth the wait:
    /// `total` is then a floor ("2,000+").
    pub total_exact: bool,
}

/// What the claim list shows: a search, a status filter, a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ClaimQuery {
    /// Words to look for in the claim text, summary and claimant; every word must match (as a prefix).
    pub search: Option<String>,
    pub status: Option<ClaimStatus>,
    /// Page size; 50 when absent, at most 500.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// What a checker types to create or edit a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ClaimInput {
    /// The exact wording of the claim.
    pub text: String,
    pub summary: String,
    /// Claimant name; found or created. Empty or absent means none.
    pub claimant: Option<String>,
    /// Used only when the claimant is created.
    pub claimant_role: Option<String>,
    /// `YYYY-MM-DD`; validated by the store so a bad date gets a message naming the field.
    pub said_on: Option<String>,
    /// Where it was said or published (outlet, event, URL).
    pub said_where: String,
    /// Absent keeps the current status (`new` for a new claim).
    pub status: Option<ClaimStatus>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Source {
    pub uuid: String,
    pub url: String,
    pub title: String,
    pub publisher: String,
    pub published_on: Option<NaiveDate>,
    pub accessed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SourceInput {
    pub url: String,
    pub title: String,
    pub publisher: String,
    /// `YYYY-MM-DD`, or empty/absent when unknown.
    pub published_on: Option<String>,
}

/// A claim linked to a source, with the excerpt that bears on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    pub uuid: String,
    pub source: Source,
    pub excerpt: String,
    pub stance: Stance,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvidenceInput {
    pub claim_uuid: String,
    pub source_uuid: String,
    pub excerpt: String,
    pub stance: Stance,
    pub note: String,
    /// Required when the claim is already published: the change is then a correction.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub correction_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Verdict {
    pub uuid: String,
    pub rating: Rating,
    pub rationale: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    /// Set once a later verdict replaced this one.
    pub superseded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerdictInput {
    pub claim_uuid: String,
    /// A key of the workspace's rating scale, e.g. `false`.
    pub rating_key: String,
    pub rationale: String,
    /// Required when the claim is already published: the new verdict is then a correction.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub correction_reason: Option<String>,
}

/// One line of a claim's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `claim`, `evidence`, `verdict`…
    pub entity: String,
    /// `created`, `updated`, `linked`, `recorded`…
    pub action: String,
    /// A plain-words description of what changed.
    pub summary: String,
}

/// A step of the desk's publish checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistItem {
    pub uuid: String,
    pub label: String,
    /// A required item must be signed off before the claim can be published.
    pub required: bool,
}

/// One item of the checklist as edited in settings; `uuid` is absent for a new item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistItemInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub uuid: Option<String>,
    pub label: String,
    pub required: bool,
}

/// A checklist item on one claim: signed off (by whom, when) or not yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimCheck {
    pub item_uuid: String,
    pub label: String,
    pub required: bool,
    pub done_by: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
}

/// A correction of a published claim, shown as a notice on the claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Correction {
    pub uuid: String,
    pub reason: String,
    /// What was corrected: `verdict` or `evidence`.
    pub what: String,
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// Everything the claim view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimDetail {
    pub uuid: String,
    pub text: String,
    pub summary: String,
    pub claimant: Option<Claimant>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    pub status: ClaimStatus,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub evidence: Vec<Evidence>,
    /// The current verdict.
    pub verdict: Option<Verdict>,
    /// Every verdict, newest first, the current one included.
    pub verdicts: Vec<Verdict>,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
    /// The desk's checklist for this claim, in order.
    pub checklist: Vec<ClaimCheck>,
    /// Corrections made after publishing, newest first.
    pub corrections: Vec<Correction>,
    /// The statuses this claim may move to now (workflow rules; `corrected` comes only from a correction).
    pub next_statuses: Vec<ClaimStatus>,
    /// What is still missing before this claim can be published, in plain words; empty when ready.
    pub publish_blockers: Vec<String>,
}

/// What the window shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    pub claim_count: u32,
    pub source_count: u32,
    /// The name recorded in the history for changes made here.
    pub actor: String,
    pub schema_version: u32,
}
