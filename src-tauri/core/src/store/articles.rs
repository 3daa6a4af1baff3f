//! Articles: the captures an article's candidate claims are read from, and the decision taken on
//! each candidate (`article_decisions`, keyed by capture and character range).

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{Store, Tx};
use crate::error::{Error, Result};

impl Store {
    /// The UUID of the source of the newest capture with this text (by its SHA-256), if any.
    pub(crate) fn source_with_text(&self, text_sha256: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT s.uuid FROM captures c JOIN sources s ON s.id = c.source_id
                 WHERE c.text_sha256 = ?1 ORDER BY c.id DESC LIMIT 1",
                [text_sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The id, UUID and text of the source's newest capture, if it has one.
    pub(crate) fn newest_capture(&self, source_uuid: &str) -> Result<Option<(i64, String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT c.id, c.uuid, c.text FROM captures c JOIN sources s ON s.id = c.source_id
                 WHERE s.uuid = ?1 ORDER BY c.id DESC LIMIT 1",
                [source_uuid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// The decisions taken on the capture's candidates: by (start, end), the decision and the
    /// UUID of the claim an accepted candidate became.
    pub(crate) fn article_decisions(&self, capture_id: i64) -> Result<HashMap<(i64, i64), (String, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.start, d.\"end\", d.decision, c.uuid FROM article_decisions d
             LEFT JOIN claims c ON c.id = d.claim_id WHERE d.capture_id = ?1",
        )?;
        let rows = stmt.query_map([capture_id], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id, source UUID and text of the capture a decision is taken on.
    pub(crate) fn capture_for_decision(&self, capture_uuid: &str) -> Result<(i64, String, String)> {
        self.conn()
            .query_row(
                "SELECT c.id, s.uuid, c.text FROM captures c JOIN sources s ON s.id = c.source_id WHERE c.uuid = ?1",
                [capture_uuid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("capture", capture_uuid))
    }
}

impl Tx<'_> {
    /// The decision taken on the candidate at `start..end` of the capture, if any.
    pub(crate) fn article_decision(&self, capture_id: i64, start: u32, end: u32) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT decision FROM article_decisions WHERE capture_id = ?1 AND start = ?2 AND \"end\" = ?3",
                params![capture_id, start, end],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records the decision on the candidate at `start..end` of the capture, replacing an earlier one.
    pub(crate) fn decide(&self, capture_id: i64, start: u32, end: u32, decision: &str, claim_id: Option<i64>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO article_decisions (capture_id, start, \"end\", decision, claim_id, actor, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (capture_id, start, \"end\") DO UPDATE SET
               decision = excluded.decision, claim_id = excluded.claim_id, actor = excluded.actor, at = excluded.at",
            params![capture_id, start, end, decision, claim_id, self.actor(), self.now()],
        )?;
        Ok(())
    }

    /// Forgets the rejection of the candidate at `start..end` of the capture (an acceptance stays).
    pub(crate) fn forget_rejection(&self, capture_id: i64, start: u32, end: u32) -> Result<()> {
        self.conn().execute(
            "DELETE FROM article_decisions WHERE capture_id = ?1 AND start = ?2 AND \"end\" = ?3 AND decision = 'rejected'",
            params![capture_id, start, end],
        )?;
        Ok(())
    }
}
