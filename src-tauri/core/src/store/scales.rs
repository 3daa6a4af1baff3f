//! Rating scales are data: presets ship with Factdesk, a desk adds its own, and the workspace
//! picks one. Verdicts keep the rating they were given when the desk later changes scale.

use rusqlite::{params, OptionalExtension};

use super::verdicts::{current_scale, rating_from_row, RATING_COLS};
use super::{new_uuid, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{RatingInput, RatingScale, RatingScaleInput};

use crate::model::limits::MAX_RATINGS;

/// `#rrggbb`, the only colours a rating may have (they reach CSS in reports).
fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A key made from a label: lower case letters and digits joined by `_`.
fn key_of(label: &str) -> String {
    let mut key = String::new();
    for c in label.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}

/// The ratings of a new scale, checked and completed (keys, alternate names).
fn validate(input: &RatingScaleInput) -> Result<Vec<RatingInput>> {
    if input.name.trim().is_empty() {
        return Err(Error::validation("name", "The scale needs a name."));
    }
    let n = input.ratings.len();
    if !(2..=MAX_RATINGS).contains(&n) {
        return Err(Error::validation("ratings", format!("A scale has from 2 to {MAX_RATINGS} ratings; this one has {n}.")));
    }
    if let (Some(best), Some(worst)) = (input.best_rating, input.worst_rating) {
        if best == worst {
            return Err(Error::validation("best_rating", "The best and worst rating values must differ."));
        }
    }
    let mut out: Vec<RatingInput> = Vec::with_capacity(n);
    for (i, r) in input.ratings.iter().enumerate() {
        let label = r.label.trim();
        if label.is_empty() {
            return Err(Error::validation("ratings", format!("Rating {} has no label.", i + 1)));
        }
        let key = if r.key.trim().is_empty() { key_of(label) } else { r.key.trim().to_string() };
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(Error::validation("ratings", format!("Rating “{label}”: its key may use letters, digits and _ only.")));
        }
        if let Some(dup) = out.iter().find(|o| o.label.eq_ignore_ascii_case(label) || o.key == key) {
            return Err(Error::validation(
                "ratings",
                format!("The scale has “{label}” twice (as “{}”): every rating must be different.", dup.label),
            ));
        }
        let color = r.color.trim();
        if !is_hex_colour(color) {
            return Err(Error::validation("ratings", format!("Rating “{label}”: the colour must look like #1b7f3b.")));
        }
        if let Some(v) = r.value {
            let (lo, hi) = match (input.best_rating, input.worst_rating) {
                (Some(b), Some(w)) => (b.min(w), b.max(w)),
                _ => (i32::MIN, i32::MAX),
            };
            if v < lo || v > hi {
                return Err(Error::validation("ratings", format!("Rating “{label}”: its value {v} is outside {lo} to {hi}.")));
            }
            if out.iter().any(|o| o.value == Some(v)) {
                return Err(Error::validation("ratings", format!("Rating “{label}”: another rating already has the value {v}.")));
            }
        }
        let alternate_name = if r.alternate_name.trim().is_empty() { label } else { r.alternate_name.trim() };
        out.push(RatingInput {
            key,
            label: label.to_string(),
            description: r.description.trim().to_string(),
            color: color.to_string(),
            value: r.value,
            alternate_name: alternate_name.to_string(),
        });
    }
    Ok(out)
}

impl Tx<'_> {
    /// The workspace's current scale: its id, and its best and worst values when set.
    pub(crate) fn current_scale(&self) -> Result<(i64, Option<i64>, Option<i64>)> {
        current_scale(self.conn())
    }

    /// The ratings of the scale in order, each as (id, key, label, alternate name, value, UUID).
    pub(crate) fn scale_rating_rows(&self, scale_id: i64) -> Result<Vec<(i64, String, String, String, Option<i64>, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, key, label, alternate_name, rating_value, uuid FROM ratings WHERE scale_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([scale_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    pub(crate) fn scale_by_id(&self, id: i64) -> Result<RatingScale> {
        let (uuid, name, description, best_rating, worst_rating, preset) = self.conn().query_row(
            "SELECT uuid, name, description, best_rating, worst_rating, preset FROM rating_scales WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {RATING_COLS} FROM ratings r WHERE r.scale_id = ?1 ORDER BY r.position"))?;
        let ratings = stmt
            .query_map([id], |r| rating_from_row(r, 0))?
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?;
        Ok(RatingScale { uuid, name, description, best_rating, worst_rating, preset, ratings })
    }

    /// Every scale in the workspace: presets first, then the desk's own, by name.
    pub fn list_scales(&self) -> Result<Vec<RatingScale>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM rating_scales ORDER BY preset DESC, id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.scale_by_id(id)).collect()
    }

    /// Makes `uuid` the scale new verdicts use. Earlier verdicts keep their ratings.
    pub fn set_rating_scale(&mut self, uuid: &str) -> Result<RatingScale> {
        let id = self.write(|tx| {
            let (id, name): (i64, String) = tx
                .conn()
                .query_row("SELECT id, name FROM rating_scales WHERE uuid = ?1", [uuid], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::not_found("rating scale", uuid))?;
            if current_scale(tx.conn())?.0 == id {
                return Ok(id);
            }
            tx.conn().execute(
                "INSERT INTO settings (key, value) VALUES ('rating_scale', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [uuid],
            )?;
            tx.record("settings", uuid, None, "updated", &format!("New verdicts use the rating scale “{name}”"), &[])?;
            Ok(id)
        })?;
        self.scale_by_id(id)
    }

    /// Adds a scale of the desk's own. A scale with two equal ratings, a bad colour or a value
    /// outside its best..worst range is refused whole.
    pub fn create_scale(&mut self, input: &RatingScaleInput) -> Result<RatingScale> {
        let ratings = validate(input)?;
        let name = input.name.trim().to_string();
        let id = self.write(|tx| {
            let taken: bool =
                tx.conn().query_row("SELECT EXISTS (SELECT 1 FROM rating_scales WHERE name = ?1 COLLATE NOCASE)", [&name], |r| {
                    r.get(0)
                })?;
            if taken {
                return Err(Error::validation("name", format!("There is already a scale called “{name}”.")));
            }
            let uuid = new_uuid();
            tx.conn().execute(
                "INSERT INTO rating_scales (uuid, name, description, created_at, best_rating, worst_rating, preset)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                params![uuid, name, input.description.trim(), tx.now(), input.best_rating, input.worst_rating],
            )?;
            let id = tx.conn().last_insert_rowid();
            for (i, r) in ratings.iter().enumerate() {
                tx.conn().execute(
                    "INSERT INTO ratings (uuid, scale_id, key, position, label, description, color, value, rating_value, alternate_name)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        new_uuid(),
                        id,
                        r.key,
                        i as i64 + 1,
                        r.label,
                        r.description,
                        r.color,
                        r.value.unwrap_or(0),
                        r.value,
                        r.alternate_name
                    ],
                )?;
            }
            tx.record("settings", &uuid, None, "created", &format!("Added the rating scale “{name}”"), &[])?;
            Ok(id)
        })?;
        self.scale_by_id(id)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_made_from_labels() {
        assert_eq!(super::key_of("Missing context"), "missing_context");
        assert_eq!(super::key_of("5 — Accurate!"), "5_accurate");
    }
}
