//! The publish checklist and its sign-offs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
