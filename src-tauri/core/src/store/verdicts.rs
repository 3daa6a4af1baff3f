//! Verdicts on the workspace's rating scale. A verdict is never overwritten: a new one supersedes
//! the current one, which stays in the claim's history.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{new_uuid, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{Rating, RatingScale, Verdict, VerdictInput};


use crate::model::limits::MAX_RATIONALE_CHARS;

impl Tx<'_> {
    pub(crate) fn insert_verdict(&self, input: &VerdictInput, uuid: Option<&str>) -> Result<String> {
        let claim_id = self.claim_id(&input.claim_uuid)?;
        let scale_id = current_scale(self.conn())?.0;
        let rating: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, label FROM ratings WHERE scale_id = ?1 AND key = ?2",
                params![scale_id, input.rating_key.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((rating_id, label)) = rating else {
            let (name, labels): (String, String) = self.conn().query_row(
                "SELECT s.name, group_concat(r.label, ', ') FROM rating_scales s JOIN ratings r ON r.scale_id = s.id
                 WHERE s.id = ?1 GROUP BY s.id ORDER BY NULL",
                [scale_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            return Err(Error::validation(
                "rating_key",
                format!("“{}” is not a rating on the scale “{name}”; choose one of: {labels}.", input.rating_key.trim()),
            ));
        };
        let rationale = input.rationale.trim();
        if rationale.is_empty() {
            return Err(Error::validation(
                "rationale",
                "A verdict needs a rationale: say in a sentence or two why the evidence leads to this rating.",
            ));
        }
        if rationale.chars().count() > MAX_RATIONALE_CHARS {
            return Err(Error::validation("rationale", format!("A rationale is at most {MAX_RATIONALE_CHARS} characters.")));
        }
        let previous: Option<(i64, String, i64)> = self
            .conn()
            .query_row(
                "SELECT v.id, r.label, v.rating_id FROM verdicts v JOIN ratings r ON r.id = v.rating_id
                 WHERE v.claim_id = ?1 AND v.superseded_at IS NULL",
                [claim_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let rating_changed = previous.as_ref().is_none_or(|(_, _, was)| *was != rating_id);
        self.correction_if_locked(claim_id, input.correction_reason.as_deref(), input.correction_kind, "verdict", rating_changed)?;
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        if let Some((prev_id, _, _)) = previous {
            self.conn().execute("UPDATE verdicts SET superseded_at = ?1 WHERE id = ?2", params![self.now, prev_id])?;
        }
        self.conn().execute(
            "INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uuid, claim_id, rating_id, rationale, self.actor, self.now],
        )?;
        let new_id = self.conn().last_insert_rowid();
        if let Some((prev_id, _, _)) = previous {
            self.conn().execute("UPDATE verdicts SET superseded_by = ?1 WHERE id = ?2", params![new_id, prev_id])?;
        }
        self.touch_claim(claim_id)?;
        self.reindex_claim_context(claim_id)?;
        let summary = match previous {
            Some((_, old, _)) => format!("Recorded verdict “{label}”, superseding “{old}”"),
            None => format!("Recorded verdict “{label}”"),
        };
        self.record("verdict", &uuid, Some(claim_id), "recorded", &summary, &[])?;
        Ok(uuid)
    }
}

/// The columns of a rating joined as `r`, read by [`rating_from_row`].
pub(crate) const RATING_COLS: &str = "r.key, r.label, r.description, r.color, r.rating_value, r.alternate_name";

/// A rating from the [`RATING_COLS`] starting at `at`; None when no rating was joined.
pub(crate) fn rating_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<Rating>> {
    let Some(key) = r.get::<_, Option<String>>(at)? else { return Ok(None) };
    Ok(Some(Rating {
        key,
        label: r.get(at + 1)?,
        description: r.get(at + 2)?,
        color: r.get(at + 3)?,
        value: r.get(at + 4)?,
        alternate_name: r.get(at + 5)?,
    }))
}

/// The workspace's current scale: its id, and its best and worst values when set.
pub(crate) fn current_scale(conn: &rusqlite::Connection) -> Result<(i64, Option<i64>, Option<i64>)> {
    conn.query_row(
        "SELECT s.id, s.best_rating, s.worst_rating FROM rating_scales s
         JOIN settings t ON t.key = 'rating_scale' AND t.value = s.uuid",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::Workspace("the workspace has no rating scale selected".into()))
}

impl Store {
    /// Records a verdict; the claim's current verdict, if any, is superseded and kept.
    pub fn record_verdict(&mut self, input: &VerdictInput) -> Result<Verdict> {
        let uuid = self.write(|tx| tx.insert_verdict(input, None))?;
        let claim_id: i64 =
            self.conn().query_row("SELECT claim_id FROM verdicts WHERE uuid = ?1", [&uuid], |r| r.get(0))?;
        self.claim_verdicts(claim_id)?
            .into_iter()
            .find(|v| v.uuid == uuid)
            .ok_or_else(|| Error::not_found("verdict", uuid))
    }

    /// The workspace's rating scale, best rating first.
    pub fn rating_scale(&self) -> Result<RatingScale> {
        let id = current_scale(self.conn())?.0;
        self.scale_by_id(id)
    }

    /// Every verdict on the claim, newest first.
    pub(crate) fn claim_verdicts(&self, claim_id: i64) -> Result<Vec<Verdict>> {
        let mut stmt = self.conn().prepare_cached(
            &format!("SELECT v.uuid, v.rationale, v.author, v.created_at, v.superseded_at, {RATING_COLS}
             FROM verdicts v JOIN ratings r ON r.id = v.rating_id WHERE v.claim_id = ?1 ORDER BY v.id DESC"),
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(Verdict {
                uuid: r.get(0)?,
                rationale: r.get(1)?,
                author: r.get(2)?,
                created_at: parse_ts(&r.get::<_, String>(3)?)?,
                superseded_at: r.get::<_, Option<String>>(4)?.map(|s| parse_ts(&s)).transpose()?,
                rating: rating_from_row(r, 5)?.ok_or(rusqlite::Error::InvalidQuery)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// For each verdict on the claim, the best and worst values of its rating's own scale.
    pub(crate) fn verdict_scale_bounds(&self, claim_uuid: &str) -> Result<HashMap<String, (Option<i32>, Option<i32>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.uuid, s.best_rating, s.worst_rating
             FROM claims c JOIN verdicts v ON v.claim_id = c.id
             JOIN ratings r ON r.id = v.rating_id JOIN rating_scales s ON s.id = r.scale_id
             WHERE c.uuid = ?1",
        )?;
        let rows = stmt.query_map([claim_uuid], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
