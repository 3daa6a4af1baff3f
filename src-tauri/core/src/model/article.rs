//! Articles and the candidate claims found in them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{SimilarClaim, Source};

/// What kind of claim a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// A direct quotation.
    Quote,
    /// Reported speech: "X said that …".
    Attributed,
    /// Amounts, money, percentages, counts, dates.
    Numeric,
    /// Another checkable statement.
    Factual,
}

impl CandidateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CandidateKind::Quote => "quote",
            CandidateKind::Attributed => "attributed",
            CandidateKind::Numeric => "numeric",
            CandidateKind::Factual => "factual",
        }
    }
}

/// A candidate claim found in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    /// The sentence, or the quoted words without the quote marks; exactly `chars[start..end]` of the input.
    pub text: String,
    pub kind: CandidateKind,
    /// The fullest name the article gives for who said it, when known.
    pub speaker: Option<String>,
    /// The speaker's office or description, kept apart from the name ("Pentagon Press Secretary").
    pub speaker_role: Option<String>,
    /// Check-worthiness in 0..1.
    pub score: f32,
    /// Why it scored so, in plain words.
    pub reasons: Vec<String>,
    /// Offset of the first char, in Unicode code points.
    #[ts(type = "number")]
    pub start: usize,
    /// Offset after the last char, in Unicode code points.
    #[ts(type = "number")]
    pub end: usize,
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
    pub candidate: Candidate,
    /// Claims in the workspace that may say the same; looked for only when `matched` (the best
    /// candidates of a long article are matched at once, the others when the window shows them).
    pub similar: Vec<SimilarClaim>,
    pub matched: bool,
    pub decision: Option<Decision>,
    /// The claim made from it, once accepted.
    pub claim_uuid: Option<String>,
    /// How many times the article has these exact words (1 when once): repeats are one candidate.
    pub count: u32,
    /// Where the other times are (start and end, in Unicode code points), in the article's order.
    pub repeats: Vec<(u32, u32)>,
    /// The wording proposed for a claim made of it: its words without the openers that say
    /// nothing checkable ("However,"); the evidence excerpt stays the article's exact words.
    pub wording: String,
}

/// What an article's import is doing (event `article-progress`): reading the text into
/// candidates, looking for similar claims in the workspace, then keeping the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStage {
    Reading,
    Matching,
    Saving,
}

/// How far an article's import is: `done` of `total` paragraphs read or candidates matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleProgress {
    pub stage: ArticleStage,
    pub done: u32,
    pub total: u32,
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
