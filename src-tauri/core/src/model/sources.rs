//! Sources, their captures, and the evidence linking them to claims.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ClaimStatus;

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

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    PrimaryDocument,
    OfficialStatement,
    Transcript,
    Dataset,
    NewsReport,
    SocialPost,
    #[default]
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::PrimaryDocument,
        SourceKind::OfficialStatement,
        SourceKind::Transcript,
        SourceKind::Dataset,
        SourceKind::NewsReport,
        SourceKind::SocialPost,
        SourceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::PrimaryDocument => "primary_document",
            SourceKind::OfficialStatement => "official_statement",
            SourceKind::Transcript => "transcript",
            SourceKind::Dataset => "dataset",
            SourceKind::NewsReport => "news_report",
            SourceKind::SocialPost => "social_post",
            SourceKind::Other => "other",
        }
    }

    /// The kind in words, as reports and the UI show it.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::PrimaryDocument => "primary document",
            SourceKind::OfficialStatement => "official statement",
            SourceKind::Transcript => "transcript",
            SourceKind::Dataset => "dataset",
            SourceKind::NewsReport => "news report",
            SourceKind::SocialPost => "social media post",
            SourceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How far the desk trusts a source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    #[default]
    Unrated,
    High,
    Medium,
    Low,
}

impl Reliability {
    pub const ALL: [Reliability; 4] = [Reliability::Unrated, Reliability::High, Reliability::Medium, Reliability::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Reliability::Unrated => "unrated",
            Reliability::High => "high",
            Reliability::Medium => "medium",
            Reliability::Low => "low",
        }
    }

    pub fn parse(s: &str) -> Option<Reliability> {
        Reliability::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a capture of a source was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMethod {
    /// Fetched by Factdesk from the source's address.
    Fetch,
    /// Opened from a file on disk.
    File,
    /// Typed or pasted by the checker.
    Paste,
}

impl CaptureMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            CaptureMethod::Fetch => "fetch",
            CaptureMethod::File => "file",
            CaptureMethod::Paste => "paste",
        }
    }

    pub fn parse(s: &str) -> Option<CaptureMethod> {
        [CaptureMethod::Fetch, CaptureMethod::File, CaptureMethod::Paste].into_iter().find(|k| k.as_str() == s)
    }
}

/// One archived copy of a source: what it said at that time, with its hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaptureInfo {
    pub uuid: String,
    pub captured_at: DateTime<Utc>,
    pub method: CaptureMethod,
    /// Where the page was found after redirects; empty for files and pastes.
    pub final_url: String,
    pub http_status: Option<u16>,
    pub content_type: String,
    /// SHA-256 of the raw bytes, lowercase hex.
    pub sha256: String,
    /// Size of the raw bytes.
    pub size: u32,
    /// SHA-256 of the readable text snapshot.
    pub text_sha256: String,
    /// What could not be extracted, in plain words; empty when everything was.
    pub note: String,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Source {
    pub uuid: String,
    /// Empty for a source without an address (a paper document, an interview, a pasted text).
    pub url: String,
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub published_on: Option<NaiveDate>,
    pub accessed_at: Option<DateTime<Utc>>,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub reliability_note: String,
    /// Shown in every export only as "confidential source" with its kind.
    pub confidential: bool,
    pub created_at: DateTime<Utc>,
    /// How many claims cite this source; None where it is not counted (a claim's evidence, whose
    /// source is shown for what it says, not for how often the desk used it).
    pub cited_by: Option<u32>,
    /// The newest capture, if the source has one.
    pub latest_capture: Option<CaptureInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SourceInput {
    /// Empty for a source without an address.
    pub url: String,
    pub title: String,
    pub publisher: String,
    pub author: String,
    /// `YYYY-MM-DD`, or empty/absent when unknown.
    pub published_on: Option<String>,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub reliability_note: String,
    pub confidential: bool,
}

/// How the Sources view is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceSort {
    /// Newest added first.
    #[default]
    Added,
    Title,
    /// Newest published first; undated last.
    Published,
    /// Most cited first.
    Cited,
}

/// What the Sources view shows: words to find, filters and an order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SourceQuery {
    /// Words to find in the title, publisher, author or address; every word must match.
    #[ts(optional = nullable)]
    pub search: Option<String>,
    #[ts(optional = nullable)]
    pub kind: Option<SourceKind>,
    #[ts(optional = nullable)]
    pub reliability: Option<Reliability>,
    pub sort: SourceSort,
}

/// Whether an evidence excerpt is found in the source's archived text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnchorState {
    /// Found word for word.
    Found,
    /// Found once spacing, quote marks, dashes or case are set aside.
    Approximate,
    /// Not in the capture: the excerpt may be mistyped or the page changed.
    Missing,
    /// The source has no capture to check against.
    NoCapture,
    /// The link has no excerpt.
    NoExcerpt,
}

/// Where an evidence excerpt sits in the capture it was checked against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExcerptAnchor {
    pub state: AnchorState,
    /// Offsets in Unicode code points into the capture's text (when found).
    pub start: Option<u32>,
    pub end: Option<u32>,
    /// The surrounding text: before, the excerpt as it stands in the capture, after.
    pub context: Option<[String; 3]>,
    /// False when a newer capture of the source no longer contains the excerpt (a stealth
    /// edit); None when there is no newer capture or no excerpt.
    pub in_latest: Option<bool>,
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
    /// The capture the excerpt was checked against.
    pub capture: Option<CaptureInfo>,
    pub anchor: ExcerptAnchor,
}

/// A claim that cites a source, as the source view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceCitation {
    pub claim_uuid: String,
    pub claim_text: String,
    pub status: ClaimStatus,
    pub evidence_uuid: String,
    pub stance: Stance,
    pub excerpt: String,
    pub anchor: ExcerptAnchor,
}

/// Everything the source view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceDetail {
    pub source: Source,
    /// Every capture, newest first.
    pub captures: Vec<CaptureInfo>,
    /// The newest capture's readable text (never HTML); empty when there is none.
    pub text: String,
    pub citations: Vec<SourceCitation>,
}

/// The result of adding a source by its address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AddedSource {
    pub source: Source,
    /// True when the address was already in the library: nothing was added.
    pub existing: bool,
    /// What could not be extracted from the page, in plain words.
    pub notes: Vec<String>,
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
    /// For a published claim: a correction (the default) or a clarification.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub correction_kind: Option<super::CorrectionKind>,
}
