//! Which claims an export covers: one claim, a list of claims, or every claim a list query
//! matches. A query is run through the store's own claim list (page after page), so an export of
//! "the current filter" holds exactly the claims the checker sees, in the same order.

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::model::{ClaimQuery, ClaimSort};
use crate::store::Store;

/// What to export.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// One claim, by UUID: the report is about that claim alone (no summary).
    Claim(String),
    /// These claims, in this order (e.g. the rows a checker picked).
    Claims(Vec<String>),
    /// Every claim the claim list shows for this query (search, status, claimant, tag, assignee,
    /// rating, date range, order); its page size and cursor are ignored.
    Query(ClaimQuery),
}

/// Page size used to walk a query's results.
const PAGE: u32 = 500;

impl Selection {
    /// Every claim, newest said first.
    pub fn all() -> Selection {
        Selection::Query(ClaimQuery { sort: Some(ClaimSort::Said), ..ClaimQuery::default() })
    }

    /// Claims with this tag, newest said first.
    pub fn tag(tag: &str) -> Selection {
        Selection::Query(ClaimQuery { tag: Some(tag.to_string()), sort: Some(ClaimSort::Said), ..ClaimQuery::default() })
    }

    /// The claim list's current filter, as the checker set it.
    pub fn from_query(q: &ClaimQuery) -> Selection {
        Selection::Query(ClaimQuery { limit: None, cursor: None, ..q.clone() })
    }
}

/// The UUID of the claimant with this name (case does not matter), for a claimant selection typed
/// by name (the CLI); a name nobody has is a plain validation error.
pub fn find_claimant(store: &Store, name: &str) -> Result<String> {
    store
        .claimant_uuid_named(name.trim())?
        .ok_or_else(|| Error::validation("claimant", format!("No claimant is named “{}”.", name.trim())))
}

/// The UUIDs of the selected claims, in report order, and the selection in words. A claim asked for
/// by UUID that does not exist is an error (a typo should not give a silently shorter report).
pub(crate) fn resolve(store: &Store, selection: &Selection) -> Result<(Vec<String>, String)> {
    match selection {
        Selection::Claim(uuid) => Ok((vec![existing(store, uuid.trim())?], "One claim".to_string())),
        Selection::Claims(uuids) => {
            let mut seen = HashSet::new();
            let mut out = Vec::with_capacity(uuids.len());
            for u in uuids {
                let u = existing(store, u.trim())?;
                if seen.insert(u.clone()) {
                    out.push(u);
                }
            }
            let scope = format!("{} selected claims", out.len());
            Ok((out, scope))
        }
        Selection::Query(q) => Ok((query_all(store, q)?, describe(store, q)?)),
    }
}

fn existing(store: &Store, uuid: &str) -> Result<String> {
    if store.claim_exists(uuid)? {
        Ok(uuid.to_string())
    } else {
        Err(Error::not_found("claim", uuid))
    }
}

/// Every claim the list shows for `q`, page after page.
fn query_all(store: &Store, q: &ClaimQuery) -> Result<Vec<String>> {
    let mut q = ClaimQuery { limit: Some(PAGE), cursor: None, ..q.clone() };
    let mut out = Vec::new();
    loop {
        let page = store.list_claims(&q)?;
        out.extend(page.items.into_iter().map(|c| c.uuid));
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => return Ok(out),
        }
    }
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The query in words, for the report's heading: "Claims tagged “aid”, by Pat Ryder".
fn describe(store: &Store, q: &ClaimQuery) -> Result<String> {
    let mut parts = Vec::new();
    if let Some(t) = given(&q.tag) {
        parts.push(format!("tagged “{}”", t.trim_start_matches('#')));
    }
    if let Some(uuid) = given(&q.claimant) {
        let name = store.claimant_name(uuid)?;
        parts.push(format!("by {}", name.as_deref().unwrap_or(uuid)));
    }
    match (given(&q.said_from), given(&q.said_to)) {
        (Some(a), Some(b)) => parts.push(format!("said from {a} to {b}")),
        (Some(a), None) => parts.push(format!("said on or after {a}")),
        (None, Some(b)) => parts.push(format!("said on or before {b}")),
        (None, None) => {}
    }
    if let Some(s) = q.status {
        parts.push(format!("with status {}", s.as_str().replace('_', " ")));
    }
    if let Some(r) = given(&q.rating) {
        parts.push(format!("rated “{r}”"));
    }
    if let Some(a) = given(&q.assignee) {
        parts.push(format!("assigned to {a}"));
    }
    if let Some(w) = given(&q.search) {
        parts.push(format!("matching “{w}”"));
    }
    Ok(if parts.is_empty() { "All claims".to_string() } else { format!("Claims {}", parts.join(", ")) })
}
