//! Reading imported fact-checks back: the claim view shows them beside (never as) the verdicts.

use rusqlite::Row;

use crate::error::Result;
use crate::model::{ExternalReview, Rating};
use crate::store::{parse_date, parse_ts, Store};

const COLS: &str = "e.uuid, e.publisher, e.publisher_url, e.url, e.headline, e.author, e.reviewed_on, e.rating_text,
    e.rating_value, e.best_rating, e.worst_rating, e.mapped_by, e.language, e.imported_at,
    r.key, r.label, r.description, r.color, r.rating_value, r.alternate_name";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ExternalReview> {
    let mapped_rating = match r.get::<_, Option<String>>(14)? {
        Some(key) => Some(Rating {
            key,
            label: r.get(15)?,
            description: r.get(16)?,
            color: r.get(17)?,
            value: r.get(18)?,
            alternate_name: r.get(19)?,
        }),
        None => None,
    };
    Ok(ExternalReview {
        uuid: r.get(0)?,
        publisher: r.get(1)?,
        publisher_url: r.get(2)?,
        url: r.get(3)?,
        headline: r.get(4)?,
        author: r.get(5)?,
        reviewed_on: parse_date(r.get(6)?)?,
        rating_text: r.get(7)?,
        rating_value: r.get(8)?,
        best_rating: r.get(9)?,
        worst_rating: r.get(10)?,
        mapped_rating,
        mapped_by: r.get(11)?,
        language: r.get(12)?,
        imported_at: parse_ts(&r.get::<_, String>(13)?)?,
    })
}

impl Store {
    /// The fact-checks other publishers published of this claim, newest first.
    pub(crate) fn claim_external_reviews(&self, claim_id: i64) -> Result<Vec<ExternalReview>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLS} FROM external_reviews e LEFT JOIN ratings r ON r.id = e.rating_id
             WHERE e.claim_id = ?1 ORDER BY e.reviewed_on IS NULL, e.reviewed_on DESC, e.id"
        ))?;
        let rows = stmt.query_map([claim_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every imported fact-check of the claim `claim_uuid`, newest first (also on [`crate::model::ClaimDetail`]).
pub fn external_reviews(store: &Store, claim_uuid: &str) -> Result<Vec<ExternalReview>> {
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM claims WHERE uuid = ?1", [claim_uuid], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => crate::error::Error::not_found("claim", claim_uuid),
            other => other.into(),
        })?;
    store.claim_external_reviews(id)
}

/// How many fact-checks by each publisher the workspace holds, most first.
pub fn publishers(store: &Store) -> Result<Vec<(String, u32)>> {
    let mut stmt = store.conn().prepare(
        "SELECT publisher, count(*) FROM external_reviews GROUP BY publisher COLLATE NOCASE ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
