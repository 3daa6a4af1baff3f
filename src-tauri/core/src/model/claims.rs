//! Claims: their wording, claimant, status, the list and its query, appearances and history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClaimCheck, Correction, Evidence, ExternalReview, Rating, Verdict};

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

    /// The desk's word for the status, as the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::New => "New",
            ClaimStatus::Researching => "Researching",
            ClaimStatus::InReview => "In review",
            ClaimStatus::Ready => "Ready",
            ClaimStatus::Published => "Published",
            ClaimStatus::Corrected => "Corrected",
            ClaimStatus::Archived => "Archived",
        }
    }

    /// Whether the status locks a claim: its wording is fixed, and a change to its verdict or
    /// evidence is a correction with a reason.
    pub fn is_locked(self) -> bool {
        matches!(self, ClaimStatus::Published | ClaimStatus::Corrected)
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
    /// False when so many claims match that counting them all is not worth the wait (more than
    /// 2,000, searched for or not): `total` is then a floor ("2,000+"), so a page costs the same
    /// in a workspace of any size.
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
    /// Where the desk published its fact-check of this claim (the ClaimReview `url`, instead of
    /// the publication address pattern); empty when not given.
    pub published_url: String,
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
    /// The desk's own claim, or one imported with another publisher's fact-check.
    pub origin: ClaimOrigin,
    /// The newest fact-check of it by another publisher, when there is one: "Already checked by …".
    pub checked_by: Option<CheckedBy>,
    /// What it states differently from the text asked about, when the two read alike but disagree
    /// on what makes a claim a claim: a near miss, ranked lower and shown with a warning.
    pub differs: Vec<Difference>,
    /// When what differs is a word or two of one sentence (`Word`, `Qualifier`): the words only
    /// this claim has and the words only the text asked about has, as written, at most three each
    /// ("gun" where the text says "knife"; "council" added).
    #[serde(default)]
    pub theirs: Vec<String>,
    #[serde(default)]
    pub yours: Vec<String>,
}

/// A way two alike-sounding claims disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// Another number, amount, year, share or multiple ("$6 billion" for "$60 billion").
    Figure,
    /// The opposite direction ("rose" for "fell").
    Direction,
    /// The opposite extreme ("highest" for "lowest").
    Extreme,
    /// The opposite bound ("more than" for "less than").
    Bound,
    /// One says "not", the other does not.
    Negation,
    /// Another person or place ("Ohio" for "Michigan").
    Name,
    /// One word swapped for another while the rest is the same ("silver" for "gold").
    Word,
    /// The same sentence with a word added ("new council homes" for "new homes").
    Qualifier,
    /// The same words with the roles swapped ("gas more than wind" for "wind more than gas").
    Roles,
}
