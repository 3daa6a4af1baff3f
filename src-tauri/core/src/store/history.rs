//! The audit trail: every mutation writes one row here in its own transaction.

use rusqlite::params;
use serde::Serialize;

use super::{parse_ts, Store, Tx};
use crate::error::Result;
use crate::model::HistoryEntry;

/// One field's change, kept in the history row's detail.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub field: &'static str,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}

impl Tx<'_> {
    /// Records who did what, now, in this transaction.
    pub(crate) fn record(
        &self,
        entity: &str,
        entity_uuid: &str,
        claim_id: Option<i64>,
        action: &str,
        summary: &str,
        changes: &[Change],
    ) -> Result<()> {
        let detail = serde_json::json!({ "summary": summary, "changes": changes });
        self.conn().prepare_cached(
            "INSERT INTO history (uuid, at, actor, entity, entity_uuid, claim_id, action, detail)
             VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![self.now, self.actor, entity, entity_uuid, claim_id, action, detail.to_string(), super::new_uuid()])?;
        Ok(())
    }
}

impl Store {
    pub(crate) fn claim_history(&self, claim_id: i64) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, actor, entity, action, detail FROM history WHERE claim_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            let detail: String = r.get(4)?;
            let summary = serde_json::from_str::<serde_json::Value>(&detail)
                .ok()
                .and_then(|v| v.get("summary").and_then(|s| s.as_str()).map(str::to_string))
                .unwrap_or_default();
            Ok(HistoryEntry {
                at: parse_ts(&r.get::<_, String>(0)?)?,
                actor: r.get(1)?,
                entity: r.get(2)?,
                action: r.get(3)?,
                summary,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
