//! The publish checklist and its sign-offs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the core checks for a checklist item: when it is signed off (a sign-off whose rule fails
/// is refused) and, for a required item, again when the claim is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CheckRule {
    /// The evidence cites at least `min` different sources.
    MinSources { min: u32 },
    /// The evidence comes from at least `min` different publishers (a source's publisher, else
    /// its web site; a source with neither counts on its own).
    MinPublishers { min: u32 },
    /// Every evidence excerpt is found in the archived copy of its source it was checked against.
    ExcerptsFound,
    /// Signed off by someone other than the author of the current verdict.
    SecondReader,
}

/// A step of the desk's publish checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistItem {
    pub uuid: String,
    pub label: String,
    /// A required item must be signed off before the claim can be published.
    pub required: bool,
    /// What the core checks for this item (none: the sign-off is the checker's word).
    pub rule: Option<CheckRule>,
}

/// One item of the checklist as edited in settings; `uuid` is absent for a new item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistItemInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub uuid: Option<String>,
    pub label: String,
    pub required: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub rule: Option<CheckRule>,
}

/// A checklist item on one claim: signed off (by whom, when) or not yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClaimCheck {
    pub item_uuid: String,
    pub label: String,
    pub required: bool,
    pub done_by: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub rule: Option<CheckRule>,
    /// Why the item's rule does not hold on this claim now, in plain words (none: it holds, or
    /// it depends on who signs off and nobody has).
    pub problem: Option<String>,
}
