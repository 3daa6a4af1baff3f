//! The desk's workflow: which status may follow which, the publish gate (a verdict, evidence and a
//! signed-off checklist), and corrections: once a claim is published its verdict and evidence
//! change only through a correction with a reason, which the claim shows as a notice.

use rusqlite::{params, OptionalExtension};

use super::{new_uuid, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{ChecklistItem, ChecklistItemInput, ClaimCheck, ClaimDetail, ClaimStatus, Correction};

use ClaimStatus::*;

/// The statuses a claim may move to from `from`. A claim moves forward one step at a time, may be
/// sent back to an earlier working step, archived from anywhere, and reopened from the archive: as
/// researching, or, for a claim that was ever published, back to published (it stays locked).
/// `corrected` is never chosen: it follows from a correction of a published claim.
pub fn next_statuses(from: ClaimStatus, was_published: bool) -> &'static [ClaimStatus] {
    match from {
        Archived if was_published => &[Published],
        New => &[Researching, Archived],
        Researching => &[New, InReview, Archived],
        InReview => &[Researching, Ready, Archived],
        Ready => &[Researching, InReview, Published, Archived],
        Published | Corrected => &[Archived],
        Archived => &[Researching],
    }
}

/// Statuses a claim may be created with.
pub const INITIAL_STATUSES: [ClaimStatus; 2] = [New, Researching];

pub fn is_locked(status: ClaimStatus) -> bool {
    status.is_locked()
}

pub(crate) fn label(s: ClaimStatus) -> &'static str {
    match s {
        New => "new",
        Researching => "researching",
        InReview => "in review",
        Ready => "ready",
        Published => "published",
        Corrected => "corrected",
        Archived => "archived",
    }
}

impl Tx<'_> {
    pub(crate) fn claim_status(&self, claim_id: i64) -> Result<ClaimStatus> {
        let s: String = self.conn().query_row("SELECT status FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?;
        Ok(ClaimStatus::parse(&s).unwrap_or(New))
    }

    pub(crate) fn was_published(&self, claim_id: i64) -> Result<bool> {
        was_published(self.conn(), claim_id)
    }

    /// Refuses a move the workflow does not allow, or publishing before the gate is passed.
    pub(crate) fn check_transition(&self, claim_id: i64, from: ClaimStatus, to: ClaimStatus) -> Result<()> {
        if from == to {
            return Ok(());
        }
        let was_published = self.was_published(claim_id)?;
        let next = next_statuses(from, was_published);
        if !next.contains(&to) {
            let allowed: Vec<&str> = next.iter().map(|s| label(*s)).collect();
            let why = if to == Corrected {
                "a claim becomes corrected only through a correction of its verdict or evidence".to_string()
            } else {
                format!("from {} it can move to {}", label(from), allowed.join(", "))
            };
            return Err(Error::validation(
                "status",
                format!("A {} claim cannot be set to {}: {why}.", label(from), label(to)),
            ));
        }
        if to == Published && !was_published {
            let blockers = publish_blockers(self.conn(), claim_id)?;
            if !blockers.is_empty() {
                return Err(Error::validation(
                    "status",
                    format!("This claim cannot be published yet. Still needed: {}.", blockers.join("; ")),
                ));
            }
        }
        Ok(())
    }

    /// The one place a claim's status changes: checks the move, stamps the first publication, and
    /// records the change in the history.
    pub(crate) fn move_status(&self, uuid: &str, id: i64, from: ClaimStatus, to: ClaimStatus) -> Result<()> {
        if from == to {
            return Ok(());
        }
        self.check_transition(id, from, to)?;
        let restored = from == Archived && self.was_published(id)?;
        // A restored claim that had been corrected keeps saying so.
        let corrections: i64 =
            self.conn().query_row("SELECT count(*) FROM corrections WHERE claim_id = ?1", [id], |r| r.get(0))?;
        let stored = if restored && corrections > 0 { Corrected } else { to };
        self.conn().execute(
            "UPDATE claims SET status = ?1, updated_at = ?2,
                    published_at = CASE WHEN ?1 = 'published' THEN coalesce(published_at, ?2) ELSE published_at END
             WHERE id = ?3",
            params![stored.as_str(), self.now, id],
        )?;
        let summary = if restored {
            format!("Restored from the archive as {}", label(stored))
        } else if to == Published {
            "Published".to_string()
        } else {
            format!("Status {} → {}", label(from), label(to))
        };
        self.record("claim", uuid, Some(id), "status", &summary, &[])
    }

    /// For a change to a published claim's verdict or evidence: requires a reason, records the
    /// correction and marks the claim corrected. Does nothing for a claim not yet published.
    pub(crate) fn correction_if_locked(&self, claim_id: i64, reason: Option<&str>, what: &str) -> Result<()> {
        let status = self.claim_status(claim_id)?;
        if !is_locked(status) {
            return Ok(());
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).ok_or_else(|| {
            Error::validation(
                "correction_reason",
                format!(
                    "This claim is {}: changing its {what} is a correction. Say what is corrected and why; readers will see it.",
                    label(status)
                ),
            )
        })?;
        let uuid = new_uuid();
        self.conn().execute(
            "INSERT INTO corrections (uuid, claim_id, reason, what, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uuid, claim_id, reason, what, self.actor, self.now],
        )?;
        self.conn().execute("UPDATE claims SET status = 'corrected' WHERE id = ?1", [claim_id])?;
        let claim_uuid: String = self.conn().query_row("SELECT uuid FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?;
        self.record("claim", &claim_uuid, Some(claim_id), "corrected", &format!("Correction of the {what}: {reason}"), &[])?;
        Ok(())
    }
}

fn was_published(conn: &rusqlite::Connection, claim_id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT published_at IS NOT NULL FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?)
}

/// What is still missing before the claim can be published, in plain words.
fn publish_blockers(conn: &rusqlite::Connection, claim_id: i64) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let (verdicts, evidence): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM verdicts WHERE claim_id = ?1 AND superseded_at IS NULL),
                (SELECT count(*) FROM evidence WHERE claim_id = ?1)",
        [claim_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if verdicts == 0 {
        out.push("a verdict".to_string());
    }
    if evidence == 0 {
        out.push("at least one evidence link".to_string());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT i.label FROM checklist_items i
         WHERE i.active = 1 AND i.required = 1
           AND NOT EXISTS (SELECT 1 FROM claim_checks c WHERE c.claim_id = ?1 AND c.item_id = i.id)
         ORDER BY i.position",
    )?;
    for label in stmt.query_map([claim_id], |r| r.get::<_, String>(0))? {
        out.push(format!("checklist: “{}”", label?));
    }
    Ok(out)
}

impl Store {
    /// Moves a claim to another status, enforcing the workflow and the publish gate.
    pub fn set_status(&mut self, uuid: &str, to: ClaimStatus) -> Result<ClaimDetail> {
        self.write(|tx| {
            let id = tx.claim_id(uuid)?;
            let from = tx.claim_status(id)?;
            tx.move_status(uuid, id, from, to)
        })?;
        self.get_claim(uuid)
    }

    /// Signs off (or withdraws the sign-off of) one checklist item on a claim, recording who.
    pub fn set_check(&mut self, claim_uuid: &str, item_uuid: &str, done: bool) -> Result<ClaimDetail> {
        self.write(|tx| tx.set_check(claim_uuid, item_uuid, done))?;
        self.get_claim(claim_uuid)
    }

    /// The desk's active checklist, in order.
    pub fn checklist(&self) -> Result<Vec<ChecklistItem>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT uuid, label, required FROM checklist_items WHERE active = 1 ORDER BY position, id")?;
        let rows = stmt.query_map([], |r| Ok(ChecklistItem { uuid: r.get(0)?, label: r.get(1)?, required: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the checklist with `items`, in that order. Items left out are retired (kept for the
    /// sign-offs already made, no longer asked for); items without a uuid are added.
    pub fn set_checklist(&mut self, items: &[ChecklistItemInput]) -> Result<Vec<ChecklistItem>> {
        let mut seen = std::collections::HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let l = item.label.trim();
            if l.is_empty() {
                return Err(Error::validation("label", format!("Checklist item {} has no text.", i + 1)));
            }
            if !seen.insert(l.to_lowercase()) {
                return Err(Error::validation("label", format!("“{l}” is on the checklist twice.")));
            }
        }
        self.write(|tx| {
            tx.conn().execute("UPDATE checklist_items SET active = 0", [])?;
            for (pos, item) in items.iter().enumerate() {
                let label = item.label.trim();
                let updated = match &item.uuid {
                    Some(u) => tx.conn().execute(
                        "UPDATE checklist_items SET label = ?1, required = ?2, position = ?3, active = 1 WHERE uuid = ?4",
                        params![label, item.required, pos as i64 + 1, u],
                    )?,
                    None => 0,
                };
                if updated == 0 {
                    tx.conn().execute(
                        "INSERT INTO checklist_items (uuid, position, label, required, active, created_at)
                         VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                        params![new_uuid(), pos as i64 + 1, label, item.required, tx.now],
                    )?;
                }
            }
            let labels: Vec<&str> = items.iter().map(|i| i.label.trim()).collect();
            tx.record("settings", "checklist", None, "updated", &format!("Checklist set to: {}", labels.join("; ")), &[])?;
            Ok(())
        })?;
        self.checklist()
    }

    pub(crate) fn claim_workflow(&self, claim_id: i64, status: ClaimStatus, detail: &mut ClaimDetail) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.uuid, i.label, i.required, c.done_by, c.done_at
             FROM checklist_items i LEFT JOIN claim_checks c ON c.item_id = i.id AND c.claim_id = ?1
             WHERE i.active = 1 OR c.done_by IS NOT NULL ORDER BY i.position, i.id",
        )?;
        detail.checklist = stmt
            .query_map([claim_id], |r| {
                Ok(ClaimCheck {
                    item_uuid: r.get(0)?,
                    label: r.get(1)?,
                    required: r.get(2)?,
                    done_by: r.get(3)?,
                    done_at: r.get::<_, Option<String>>(4)?.map(|s| parse_ts(&s)).transpose()?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT uuid, reason, what, actor, at FROM corrections WHERE claim_id = ?1 ORDER BY id DESC")?;
        detail.corrections = stmt
            .query_map([claim_id], |r| {
                Ok(Correction {
                    uuid: r.get(0)?,
                    reason: r.get(1)?,
                    what: r.get(2)?,
                    actor: r.get(3)?,
                    at: parse_ts(&r.get::<_, String>(4)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let published_before = was_published(self.conn(), claim_id)?;
        detail.next_statuses = next_statuses(status, published_before).to_vec();
        // A claim published once passed the gate then; restoring it from the archive is not a new publication.
        detail.publish_blockers =
            if is_locked(status) || published_before { Vec::new() } else { publish_blockers(self.conn(), claim_id)? };
        Ok(())
    }
}

impl Tx<'_> {
    /// [`Store::set_check`] inside this transaction.
    pub(crate) fn set_check(&self, claim_uuid: &str, item_uuid: &str, done: bool) -> Result<()> {
        let claim_id = self.claim_id(claim_uuid)?;
        let status = self.claim_status(claim_id)?;
        if is_locked(status) {
            return Err(Error::Conflict(format!(
                "This claim is {}: its checklist was closed when it was published.",
                label(status)
            )));
        }
        if status == Archived {
            return Err(Error::Conflict("This claim is archived: reopen it before signing off its checklist.".into()));
        }
        let (item_id, item_label): (i64, String) = self
            .conn()
            .query_row("SELECT id, label FROM checklist_items WHERE uuid = ?1 AND active = 1", [item_uuid], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("checklist item", item_uuid))?;
        let changed = if done {
            self.conn().execute(
                "INSERT INTO claim_checks (claim_id, item_id, done_by, done_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
                params![claim_id, item_id, self.actor, self.now],
            )?
        } else {
            self.conn().execute("DELETE FROM claim_checks WHERE claim_id = ?1 AND item_id = ?2", params![claim_id, item_id])?
        };
        if changed > 0 {
            self.touch_claim(claim_id)?;
            let summary = if done {
                format!("Signed off “{item_label}”")
            } else {
                format!("Withdrew the sign-off of “{item_label}”")
            };
            self.record("checklist", item_uuid, Some(claim_id), if done { "signed" } else { "unsigned" }, &summary, &[])?;
        }
        Ok(())
    }

    /// Sets the claim's status as given, with no workflow check and no history (seeded records): a
    /// published or corrected claim counts as published when it last changed.
    pub(crate) fn seed_status(&self, claim_uuid: &str, status: ClaimStatus) -> Result<()> {
        self.conn().execute(
            "UPDATE claims SET status = ?1,
                    published_at = CASE WHEN ?1 IN ('published', 'corrected') THEN updated_at END
             WHERE uuid = ?2",
            [status.as_str(), claim_uuid],
        )?;
        Ok(())
    }

    /// Signs off every active checklist item of the claim as `by`, when the claim was created
    /// (seeded records).
    pub(crate) fn seed_checks(&self, claim_uuid: &str, by: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO claim_checks (claim_id, item_id, done_by, done_at)
             SELECT c.id, i.id, ?2, c.created_at FROM claims c, checklist_items i
             WHERE c.uuid = ?1 AND i.active = 1",
            [claim_uuid, by],
        )?;
        Ok(())
    }
}
