//! Verdicts and the rating scales they are given on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// For a published claim: a correction (the default) or, when the rating stays the same, a
    /// clarification.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub correction_kind: Option<CorrectionKind>,
}

/// What a change to a published claim is. A correction: the finding or a fact in it was wrong. A
/// clarification: detail or context was added and the finding stands, so the rating cannot change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    #[default]
    Correction,
    Clarification,
}

impl CorrectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Correction => "correction",
            CorrectionKind::Clarification => "clarification",
        }
    }

    pub fn parse(s: &str) -> Option<CorrectionKind> {
        match s.trim() {
            "correction" => Some(CorrectionKind::Correction),
            "clarification" => Some(CorrectionKind::Clarification),
            _ => None,
        }
    }

    /// "Correction" or "Clarification", as a notice is headed.
    pub fn title(self) -> &'static str {
        match self {
            CorrectionKind::Correction => "Correction",
            CorrectionKind::Clarification => "Clarification",
        }
    }
}

/// A correction (or a clarification) of a published claim, shown as a notice on the claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Correction {
    pub uuid: String,
    /// A correction, or a clarification that leaves the finding as it was.
    pub kind: CorrectionKind,
    pub reason: String,
    /// What was corrected: `verdict` or `evidence`.
    pub what: String,
    pub actor: String,
    pub at: DateTime<Utc>,
}
