//! The types that cross the boundary to the UI and the CLI. Rust is the source of truth: the TS
//! declarations in `ui/src/lib/api/types.ts` are generated from these (see `bindings.rs`) and a
//! test fails when the checked-in file drifts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod bundle;

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
    /// ClaimReview `ratingValue`; higher is truer. None for a rating off the numeric scale
    /// (e.g. "Unproven"), which ClaimReview carries by its `alternateName` only.
    pub value: Option<i32>,
    /// ClaimReview `alternateName`: the rating in words, as published.
    pub alternate_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatingScale {
    pub uuid: String,
    pub name: String,
    pub description: String,
    /// ClaimReview `bestRating` and `worstRating`.
    pub best_rating: Option<i32>,
    pub worst_rating: Option<i32>,
    /// Shipped with Factdesk: cannot be edited, can be copied.
    pub preset: bool,
    /// Best first.
    pub ratings: Vec<Rating>,
}

/// One rating of a scale being created.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RatingInput {
    /// A short stable name (letters, digits, `_`); made from the label when empty.
    pub key: String,
    pub label: String,
    pub description: String,
    /// `#rrggbb`.
    pub color: String,
    #[ts(optional = nullable)]
    pub value: Option<i32>,
    /// Defaults to the label.
    pub alternate_name: String,
}

/// A rating scale a desk defines, best rating first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RatingScaleInput {
    pub name: String,
    pub description: String,
    #[ts(optional = nullable)]
    pub best_rating: Option<i32>,
    #[ts(optional = nullable)]
    pub worst_rating: Option<i32>,
    pub ratings: Vec<RatingInput>,
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
    /// Captured by the desk, or imported with another publisher's fact-check.
    pub origin: ClaimOrigin,
    /// How check-worthy the wording is, 0..1 (the same score article extraction gives a sentence).
    pub worthiness: Option<f32>,
    /// For a search: where the words were found, with the found words marked. `None` without a
    /// search, or when the match is in the claim text already shown whole.
    pub snippet: Option<Snippet>,
    /// The newest fact-check of it by another publisher (an imported claim has at least one).
    pub checked_by: Option<CheckedBy>,
}

/// Who else checked a claim and what they called it, in their own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckedBy {
    pub publisher: String,
    /// Their rating as published ("Pants on Fire", "Faux"); empty when they gave none.
    pub rating_text: String,
}

/// Where a claim came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimOrigin {
    /// Captured by the desk.
    #[default]
    Desk,
    /// Imported with another publisher's fact-check (ClaimReview).
    Imported,
}

/// A few words around a search hit, in the field they were found in. Parts are plain text (never
/// markup); `hit` parts are the searched words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Snippet {
    pub field: SnippetField,
    pub parts: Vec<SnippetPart>,
}

/// The field of a claim (or of what is linked to it) a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SnippetField {
    Text,
    Summary,
    Claimant,
    SourceTitle,
    Excerpt,
    Rationale,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
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
    /// Only claims by this claimant (uuid).
    #[ts(optional = nullable)]
    pub claimant: Option<String>,
    /// Only claims with this tag.
    #[ts(optional = nullable)]
    pub tag: Option<String>,
    /// Only claims assigned to this person.
    #[ts(optional = nullable)]
    pub assignee: Option<String>,
    /// Only claims whose current verdict has this rating (its key).
    #[ts(optional = nullable)]
    pub rating: Option<String>,
    /// Only claims said on or after this day, `YYYY-MM-DD`.
    #[ts(optional = nullable)]
    pub said_from: Option<String>,
    /// Only claims said on or before this day, `YYYY-MM-DD`.
    #[ts(optional = nullable)]
    pub said_to: Option<String>,
    /// Only the desk's own claims, or only those imported with other publishers' fact-checks.
    #[ts(optional = nullable)]
    pub origin: Option<ClaimOrigin>,
    /// Most recently changed first when absent.
    #[ts(optional = nullable)]
    pub sort: Option<ClaimSort>,
    /// Page size; 50 when absent, at most 500.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// How the claim list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimSort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// Most recently said first; undated claims last.
    Said,
    /// Most check-worthy first (see [`ClaimSummary::worthiness`]); unscored claims last.
    Worthiness,
}

/// A claimant in the claimants list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimantSummary {
    pub uuid: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub claim_count: u32,
}

/// A claimant's details as edited; renaming changes the name on every claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ClaimantInput {
    pub name: String,
    pub role: String,
    pub affiliation: String,
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
    /// Language of the claim's wording (BCP 47, e.g. `en`, `fr`); empty when not set.
    pub language: String,
    /// Notes on the circumstances of the claim, for the desk.
    pub context: String,
    /// Who on the desk is working on it; empty when nobody yet.
    pub assignee: String,
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
    /// How many claims cite this source.
    pub cited_by: u32,
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

/// Where and when a claim was said or published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Appearance {
    pub uuid: String,
    pub url: String,
    pub outlet: String,
    /// e.g. article, video, broadcast, social post, speech.
    pub medium: String,
    pub appeared_on: Option<NaiveDate>,
    pub is_first: bool,
    /// The source in the library that holds this appearance, if any.
    pub source_uuid: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppearanceInput {
    pub url: String,
    pub outlet: String,
    pub medium: String,
    /// `YYYY-MM-DD`, or empty/absent when unknown.
    #[ts(optional = nullable)]
    pub appeared_on: Option<String>,
    pub is_first: bool,
    #[ts(optional = nullable)]
    pub source_uuid: Option<String>,
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
    pub language: String,
    pub context: String,
    pub assignee: String,
    /// Captured by the desk, or imported with another publisher's fact-check.
    pub origin: ClaimOrigin,
    /// How check-worthy the wording is, 0..1.
    pub worthiness: Option<f32>,
    /// Where and when it was said or published; the first appearance first.
    pub appearances: Vec<Appearance>,
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
    /// Claims the desk confirmed say the same thing as this one.
    pub same_as: Vec<SimilarClaim>,
    /// When this claim has no verdict of its own: the current verdict of a claim confirmed to be
    /// the same, and which claim it is on.
    pub linked_verdict: Option<Verdict>,
    pub linked_verdict_claim: Option<String>,
    /// Fact-checks of this claim published by others (imported ClaimReview), never the desk's verdicts.
    pub external_reviews: Vec<ExternalReview>,
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

/// What the window shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    pub claim_count: u32,
    pub source_count: u32,
    /// The name recorded in the history for changes made here.
    pub actor: String,
    pub schema_version: u32,
    /// Changes are refused: the file (or its folder) cannot be written, or it was opened to read.
    pub read_only: bool,
}

/// A claim already in the workspace that says much the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SimilarClaim {
    pub uuid: String,
    pub text: String,
    pub claimant: Option<String>,
    pub status: ClaimStatus,
    pub said_on: Option<NaiveDate>,
    /// Its current verdict's rating, if it has one.
    pub rating: Option<Rating>,
    /// How alike, 0..1.
    pub score: f32,
}

/// What a checker decided about a candidate claim of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Rejected,
}

/// A candidate claim found in an article, with the claims it may duplicate and the decision taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleCandidate {
    pub candidate: crate::extract::Candidate,
    pub similar: Vec<SimilarClaim>,
    pub decision: Option<Decision>,
    /// The claim made from it, once accepted.
    pub claim_uuid: Option<String>,
}

/// An imported article: the source holding it, the text the candidates' offsets point into, and
/// its candidates, most check-worthy first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Article {
    pub source: Source,
    pub capture_uuid: String,
    pub text: String,
    pub candidates: Vec<ArticleCandidate>,
    /// True when the article was already in the library (nothing new was stored).
    pub existing: bool,
    /// What could not be extracted, in plain words.
    pub notes: Vec<String>,
}

/// Article text typed or pasted by the checker.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ArticlePaste {
    pub text: String,
    /// A title for the source; the first line of the text when empty.
    pub title: String,
    /// Where the text was published, when known.
    pub url: String,
    pub publisher: String,
    /// `YYYY-MM-DD`, when known.
    #[ts(optional = nullable)]
    pub published_on: Option<String>,
}

/// Accepting a candidate: the claim's wording (as found, or edited) and who said it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AcceptCandidate {
    pub capture_uuid: String,
    /// The candidate's offsets in the capture's text, in Unicode code points.
    pub start: u32,
    pub end: u32,
    /// The claim's wording; the candidate's text unless the checker edited it.
    pub text: String,
    #[ts(optional = nullable)]
    pub claimant: Option<String>,
    #[ts(optional = nullable)]
    pub claimant_role: Option<String>,
    pub tags: Vec<String>,
}

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

/// A data file read and tried out in the window's import (nothing written yet): `commit_data_import`
/// with `token` imports exactly these bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DataImportPreview {
    /// Names the file's bytes kept by the app until they are imported or discarded.
    pub token: String,
    /// The file's name (not its folder), to show.
    pub file_name: String,
    /// What importing it would do, record by record.
    pub preview: crate::interchange::ImportReport,
}

/// A finished backup of the workspace, made from the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupDone {
    /// Where the backup was written (the place the checker chose).
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub claims: u32,
    pub sources: u32,
}

/// A backup restored into the open workspace from the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreDone {
    /// The backup that was restored.
    pub backup: String,
    /// Where the replaced workspace was kept, whole (None when there was nothing to keep).
    pub kept: Option<String>,
    /// The backup's schema version, before it was brought up to date.
    pub backup_schema_version: u32,
    pub claims: u32,
    pub sources: u32,
}
