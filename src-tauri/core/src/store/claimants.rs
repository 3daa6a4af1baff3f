//! Claimants as their own list: rename once and every claim follows; see how many claims each made.

use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::{Change, Store};
use crate::error::{Error, Result};
use crate::model::{ClaimantInput, ClaimantSummary};

use crate::model::limits::MAX_NAME_CHARS;

impl Store {
    /// Claimants, most claims first; `search` matches words of the name, role or affiliation.
    pub fn list_claimants(&self, search: Option<&str>) -> Result<Vec<ClaimantSummary>> {
        let words: Vec<String> = search
            .unwrap_or("")
            .split_whitespace()
            .map(|w| format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
            .collect();
        let mut sql = String::from(
            "SELECT cl.uuid, cl.name, cl.role, cl.affiliation,
                    (SELECT count(*) FROM claims c WHERE c.claimant_id = cl.id) AS n
             FROM claimants cl WHERE 1",
        );
        for i in 1..=words.len() {
            sql.push_str(&format!(
                " AND (cl.name LIKE ?{i} ESCAPE '\\' OR coalesce(cl.role, '') LIKE ?{i} ESCAPE '\\'
                       OR coalesce(cl.affiliation, '') LIKE ?{i} ESCAPE '\\')"
            ));
        }
        sql.push_str(" ORDER BY n DESC, cl.name COLLATE NOCASE LIMIT 1000");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(words.iter()), |r| {
            Ok(ClaimantSummary {
                uuid: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                affiliation: r.get(3)?,
                claim_count: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Renames a claimant or changes their role and affiliation; every claim by them follows
    /// (the search index included), in one transaction.
    pub fn update_claimant(&mut self, uuid: &str, input: &ClaimantInput) -> Result<ClaimantSummary> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(Error::validation("name", "A claimant needs a name."));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::validation("name", format!("A claimant's name is at most {MAX_NAME_CHARS} characters.")));
        }
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let (role, affiliation) = (opt(&input.role), opt(&input.affiliation));
        self.write(|tx| {
            let (id, old_name, old_role, old_aff): (i64, String, Option<String>, Option<String>) = tx
                .conn()
                .query_row("SELECT id, name, role, affiliation FROM claimants WHERE uuid = ?1", [uuid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?
                .ok_or_else(|| Error::not_found("claimant", uuid))?;
            let taken: Option<String> = tx
                .conn()
                .query_row("SELECT name FROM claimants WHERE name = ?1 COLLATE NOCASE AND id <> ?2", params![name, id], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(other) = taken {
                return Err(Error::Conflict(format!("There is already a claimant called “{other}”; choose another name.")));
            }
            let mut changes = Vec::new();
            for (field, from, to) in [
                ("name", json!(old_name), json!(name)),
                ("role", json!(old_role), json!(role)),
                ("affiliation", json!(old_aff), json!(affiliation)),
            ] {
                if from != to {
                    changes.push(Change { field, from, to });
                }
            }
            if changes.is_empty() {
                return Ok(());
            }
            tx.conn().execute(
                "UPDATE claimants SET name = ?1, role = ?2, affiliation = ?3, updated_at = ?4 WHERE id = ?5",
                params![name, role, affiliation, tx.now(), id],
            )?;
            if old_name != name {
                let ids: Vec<i64> = tx
                    .conn()
                    .prepare("SELECT id FROM claims WHERE claimant_id = ?1")?
                    .query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for claim_id in ids {
                    tx.reindex_claim(claim_id)?;
                }
            }
            let what: Vec<&str> = changes.iter().map(|c| c.field).collect();
            tx.record("claimant", uuid, None, "updated", &format!("Edited claimant {name}: {}", what.join(", ")), &changes)?;
            Ok(())
        })?;
        self.list_claimants(None)?
            .into_iter()
            .find(|c| c.uuid == uuid)
            .ok_or_else(|| Error::not_found("claimant", uuid))
    }

    /// The UUID of the claimant with this name (case does not matter), if any.
    pub(crate) fn claimant_uuid_named(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT uuid FROM claimants WHERE name = ?1 COLLATE NOCASE")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    /// The name of the claimant with this UUID, if any.
    pub(crate) fn claimant_name(&self, uuid: &str) -> Result<Option<String>> {
        Ok(self.conn().prepare_cached("SELECT name FROM claimants WHERE uuid = ?1")?.query_row([uuid], |r| r.get(0)).optional()?)
    }
}
