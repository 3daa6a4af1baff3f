//! Where and when a claim was said or published. A claim has at most one first appearance; the
//! first one added becomes it unless another is marked.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{new_uuid, parse_date, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{Appearance, AppearanceInput, ClaimDetail, SourceKind};

impl Tx<'_> {
    pub(crate) fn insert_appearance(&self, claim_id: i64, input: &AppearanceInput) -> Result<String> {
        let url = input.url.trim();
        if !url.is_empty() {
            super::validate_url(url)?;
        }
        let outlet = input.outlet.trim();
        if url.is_empty() && outlet.is_empty() {
            return Err(Error::validation(
                "outlet",
                "Say where the claim appeared: an address, or the outlet or event (e.g. “Pentagon briefing”).",
            ));
        }
        let appeared_on = match input.appeared_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(super::parse_user_date("appeared_on", s)?.format("%Y-%m-%d").to_string()),
            None => None,
        };
        let source_id: Option<i64> = match input.source_uuid.as_deref() {
            Some(su) => Some(
                self.conn().query_row("SELECT id FROM sources WHERE uuid = ?1", [su], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| Error::not_found("source", su))?,
            ),
            None => None,
        };
        let has_first: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM appearances WHERE claim_id = ?1 AND is_first = 1)",
            [claim_id],
            |r| r.get(0),
        )?;
        let is_first = input.is_first || !has_first;
        if is_first {
            self.conn().execute("UPDATE appearances SET is_first = 0 WHERE claim_id = ?1", [claim_id])?;
        }
        let uuid = new_uuid();
        self.conn().execute(
            "INSERT INTO appearances (uuid, claim_id, url, outlet, medium, appeared_on, is_first, source_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![uuid, claim_id, url, outlet, input.medium.trim(), appeared_on, is_first, source_id, self.now],
        )?;
        self.touch_claim(claim_id)?;
        let place = if outlet.is_empty() { url } else { outlet };
        let first = if is_first { " (first appearance)" } else { "" };
        self.record("appearance", &uuid, Some(claim_id), "added", &format!("Added an appearance: {place}{first}"), &[])?;
        Ok(uuid)
    }

    /// Whether the claim has an appearance at this address, or, when `url` is empty, one without
    /// an address in this outlet.
    pub(crate) fn has_appearance(&self, claim_id: i64, url: &str, outlet: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM appearances WHERE claim_id = ?1 AND (url = ?2 AND ?2 <> '' OR url = '' AND ?2 = '' AND outlet = ?3))",
            )?
            .query_row(params![claim_id, url, outlet], |row| row.get(0))?)
    }
}

impl Store {
    /// Records another place the claim was said or published.
    pub fn add_appearance(&mut self, claim_uuid: &str, input: &AppearanceInput) -> Result<ClaimDetail> {
        self.write(|tx| {
            let id = tx.claim_id(claim_uuid)?;
            tx.insert_appearance(id, input)
        })?;
        self.get_claim(claim_uuid)
    }

    /// Removes an appearance; when it was the first, the earliest remaining one becomes first.
    pub fn remove_appearance(&mut self, uuid: &str) -> Result<ClaimDetail> {
        let claim_uuid = self.write(|tx| {
            let (claim_id, claim_uuid, was_first, place): (i64, String, bool, String) = tx
                .conn()
                .query_row(
                    "SELECT a.claim_id, c.uuid, a.is_first, CASE WHEN a.outlet <> '' THEN a.outlet ELSE a.url END
                     FROM appearances a JOIN claims c ON c.id = a.claim_id WHERE a.uuid = ?1",
                    [uuid],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?
                .ok_or_else(|| Error::not_found("appearance", uuid))?;
            tx.conn().execute("DELETE FROM appearances WHERE uuid = ?1", [uuid])?;
            if was_first {
                tx.conn().execute(
                    "UPDATE appearances SET is_first = 1 WHERE id = (
                       SELECT id FROM appearances WHERE claim_id = ?1
                       ORDER BY appeared_on IS NULL, appeared_on, id LIMIT 1)",
                    [claim_id],
                )?;
            }
            tx.touch_claim(claim_id)?;
            tx.record("appearance", uuid, Some(claim_id), "removed", &format!("Removed the appearance {place}"), &[])?;
            Ok(claim_uuid)
        })?;
        self.get_claim(&claim_uuid)
    }

    pub(crate) fn claim_appearances(&self, claim_id: i64) -> Result<Vec<Appearance>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.uuid, a.url, a.outlet, a.medium, a.appeared_on, a.is_first, s.uuid
             FROM appearances a LEFT JOIN sources s ON s.id = a.source_id
             WHERE a.claim_id = ?1 ORDER BY a.is_first DESC, a.appeared_on IS NULL, a.appeared_on, a.id",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(Appearance {
                uuid: r.get(0)?,
                url: r.get(1)?,
                outlet: r.get(2)?,
                medium: r.get(3)?,
                appeared_on: parse_date(r.get(4)?)?,
                is_first: r.get(5)?,
                source_uuid: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The claim's appearances held by a confidential source, with that source's kind.
    pub(crate) fn confidential_appearances(&self, claim_uuid: &str) -> Result<HashMap<String, SourceKind>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.uuid, s.kind FROM claims c JOIN appearances a ON a.claim_id = c.id
             JOIN sources s ON s.id = a.source_id WHERE c.uuid = ?1 AND s.confidential = 1",
        )?;
        let rows = stmt.query_map([claim_uuid], |r| {
            let kind: String = r.get(1)?;
            Ok((r.get::<_, String>(0)?, SourceKind::parse(&kind).unwrap_or_default()))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
