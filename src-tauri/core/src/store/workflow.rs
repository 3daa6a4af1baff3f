//! The desk's workflow: which status may follow which, the publish gate (a verdict, evidence and a
//! signed-off checklist whose rules hold), and corrections: once a claim is published its verdict
//! and evidence change only through a correction with a reason, which the claim shows as a notice.
//!
//! A checklist item may carry a rule ([`CheckRule`]) the core checks: a sign-off whose rule fails
//! is refused, and a required item's rule is checked again when the claim is published (the
//! evidence or the verdict may have changed since it was signed off).

use rusqlite::{params, OptionalExtension};

use super::{new_uuid, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{
    AnchorState, CheckRule, ChecklistItem, ChecklistItemInput, ClaimCheck, ClaimDetail, ClaimStatus, Correction,
    CorrectionKind,
};

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
            let rules = !self.made_here(claim_id)?;
            let blockers = publish_blockers(self.conn(), claim_id, rules)?;
            if !blockers.is_empty() {
                return Err(Error::validation(
                    "status",
                    format!("This claim cannot be published yet. Still needed: {}.", blockers.join("; ")),
                ));
            }
        }
        Ok(())
    }

    /// Whether the claim was made in this very transaction. A checker's claim is always created in
    /// a transaction of its own before anyone signs it off or publishes it; a claim made and
    /// published in one transaction is generated (a synthetic workspace filled through the write
    /// path, see `synthetic`), checked by nobody, so the checklist's rules, which are about a
    /// checker's work, are not asked of it. The rest of the gate is.
    fn made_here(&self, claim_id: i64) -> Result<bool> {
        let created: String = self.conn().query_row("SELECT created_at FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?;
        Ok(created == self.now)
    }

    /// The one place a claim's status changes: checks the move, stamps the first publication, and
    /// records the change in the history.
    pub(crate) fn move_status(&self, uuid: &str, id: i64, from: ClaimStatus, to: ClaimStatus) -> Result<()> {
        if from == to {
            return Ok(());
        }
        self.check_transition(id, from, to)?;
        let restored = from == Archived && self.was_published(id)?;
        // A restored claim that had been corrected keeps saying so (a clarification alone does not
        // make it corrected).
        let corrections: i64 = self.conn().query_row(
            "SELECT count(*) FROM corrections WHERE claim_id = ?1 AND kind = 'correction'",
            [id],
            |r| r.get(0),
        )?;
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
    /// correction (or clarification) and, for a correction, marks the claim corrected. Does nothing
    /// for a claim not yet published. `rating_changed`: the change gives the claim another rating,
    /// which is never a mere clarification.
    pub(crate) fn correction_if_locked(
        &self,
        claim_id: i64,
        reason: Option<&str>,
        kind: Option<CorrectionKind>,
        what: &str,
        rating_changed: bool,
    ) -> Result<()> {
        let status = self.claim_status(claim_id)?;
        if !is_locked(status) {
            return Ok(());
        }
        let kind = kind.unwrap_or_default();
        if kind == CorrectionKind::Clarification && rating_changed {
            return Err(Error::validation(
                "correction_kind",
                "A new rating changes the finding, so it is a correction, not a clarification. \
                 Keep the rating to clarify, or choose correction.",
            ));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).ok_or_else(|| {
            Error::validation(
                "correction_reason",
                match kind {
                    CorrectionKind::Correction => format!(
                        "This claim is {}: changing its {what} is a correction. Say what is corrected and why; readers will see it.",
                        label(status)
                    ),
                    CorrectionKind::Clarification => format!(
                        "This claim is {}: changing its {what} is a clarification readers will see. Say what is added and why.",
                        label(status)
                    ),
                },
            )
        })?;
        let uuid = new_uuid();
        self.conn().execute(
            "INSERT INTO corrections (uuid, claim_id, reason, what, actor, at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![uuid, claim_id, reason, what, self.actor, self.now, kind.as_str()],
        )?;
        // A clarification leaves the finding as published: the claim is not marked corrected.
        if kind == CorrectionKind::Correction {
            self.conn().execute("UPDATE claims SET status = 'corrected' WHERE id = ?1", [claim_id])?;
        }
        let claim_uuid: String = self.conn().query_row("SELECT uuid FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?;
        let (action, summary) = match kind {
            CorrectionKind::Correction => ("corrected", format!("Correction of the {what}: {reason}")),
            CorrectionKind::Clarification => ("clarified", format!("Clarification of the {what}: {reason}")),
        };
        self.record("claim", &claim_uuid, Some(claim_id), action, &summary, &[])?;
        Ok(())
    }
}

/// A stored kind; one this version does not know (a newer replica's) reads as a correction, the
/// more cautious of the two.
pub(crate) fn correction_kind(stored: &str) -> CorrectionKind {
    CorrectionKind::parse(stored).unwrap_or_default()
}

fn was_published(conn: &rusqlite::Connection, claim_id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT published_at IS NOT NULL FROM claims WHERE id = ?1", [claim_id], |r| r.get(0))?)
}

/// A rule as stored (JSON); an unreadable one (written by a newer version) counts as none.
fn parse_rule(stored: Option<String>) -> Option<CheckRule> {
    stored.and_then(|s| serde_json::from_str(&s).ok())
}

fn rule_json(rule: Option<CheckRule>) -> Option<String> {
    rule.map(|r| serde_json::to_string(&r).expect("a rule serialises"))
}

fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn count_of(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("only 1 {one}"),
        n => format!("only {n} {many}"),
    }
}

/// Why `rule` does not hold on the claim now, in plain words, or None when it holds. `signer`:
/// who signs (or signed) the item off; with nobody yet, the second reader is not judged.
fn rule_problem(conn: &rusqlite::Connection, claim_id: i64, rule: CheckRule, signer: Option<&str>) -> Result<Option<String>> {
    Ok(match rule {
        CheckRule::MinSources { min } => {
            let n: i64 = conn.query_row(
                "SELECT count(DISTINCT source_id) FROM evidence WHERE claim_id = ?1",
                [claim_id],
                |r| r.get(0),
            )?;
            (n < i64::from(min)).then(|| match n {
                0 => format!("there is no evidence yet, and {min} different sources are needed"),
                n => format!("the evidence cites {}, and {min} different sources are needed", count_of(n as usize, "source", "sources")),
            })
        }
        CheckRule::MinPublishers { min } => {
            let mut stmt = conn.prepare_cached(
                "SELECT s.id, s.publisher, s.url, s.confidential FROM sources s
                 WHERE s.id IN (SELECT source_id FROM evidence WHERE claim_id = ?1) ORDER BY s.id",
            )?;
            let rows = stmt.query_map([claim_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
            })?;
            // A publisher: as the source names it, else the web site it is on, else the source alone.
            let mut keys: Vec<String> = Vec::new();
            let mut names: Vec<String> = Vec::new();
            for row in rows {
                let (id, publisher, url, confidential) = row?;
                let host = url::Url::parse(&url)
                    .ok()
                    .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_ascii_lowercase()));
                let (key, name) = match (publisher.trim(), host) {
                    (p, _) if !p.is_empty() => (format!("p:{}", p.to_lowercase()), p.to_string()),
                    (_, Some(h)) => (format!("h:{h}"), h),
                    _ => (format!("s:{id}"), "a source with no publisher or address".to_string()),
                };
                if !keys.contains(&key) {
                    keys.push(key);
                    names.push(if confidential { "a confidential source".to_string() } else { name });
                }
            }
            (keys.len() < min as usize).then(|| {
                if keys.is_empty() {
                    return format!("there is no evidence yet, and {min} different publishers are needed");
                }
                let which = if names.is_empty() { String::new() } else { format!(" ({})", names.join(", ")) };
                format!(
                    "the evidence comes from {}{which}, and {min} different publishers are needed",
                    count_of(keys.len(), "publisher", "publishers")
                )
            })
        }
        CheckRule::ExcerptsFound => {
            let mut stmt = conn.prepare_cached(
                "SELECT e.excerpt, s.title, s.confidential,
                        coalesce((SELECT text FROM captures WHERE id = e.capture_id),
                                 (SELECT text FROM captures WHERE source_id = e.source_id ORDER BY id DESC LIMIT 1))
                 FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.claim_id = ?1 ORDER BY e.id",
            )?;
            let rows = stmt.query_map([claim_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, Option<String>>(3)?))
            })?;
            let (mut excerpts, mut wrong) = (0, Vec::new());
            for row in rows {
                let (excerpt, title, confidential, text) = row?;
                let name = if confidential { "a confidential source".to_string() } else { format!("“{}”", title.trim()) };
                match super::sources::anchor(&excerpt, text.as_deref(), None).state {
                    AnchorState::NoExcerpt => {}
                    AnchorState::Found | AnchorState::Approximate => excerpts += 1,
                    AnchorState::Missing => {
                        excerpts += 1;
                        wrong.push(format!("the excerpt from {name} is not found in its archived copy"));
                    }
                    AnchorState::NoCapture => {
                        excerpts += 1;
                        wrong.push(format!("{name} has no archived copy to check its excerpt against"));
                    }
                }
            }
            if excerpts == 0 {
                Some("there is no evidence excerpt to check yet".to_string())
            } else {
                (!wrong.is_empty()).then(|| wrong.join(", and "))
            }
        }
        CheckRule::SecondReader => {
            let author: Option<String> = conn
                .query_row(
                    "SELECT author FROM verdicts WHERE claim_id = ?1 AND superseded_at IS NULL ORDER BY id DESC LIMIT 1",
                    [claim_id],
                    |r| r.get(0),
                )
                .optional()?;
            match (author, signer) {
                (None, _) => Some("there is no verdict yet for a second reader to read".to_string()),
                (Some(author), Some(signer)) if same_person(&author, signer) => Some(format!(
                    "{} wrote the current verdict, so cannot be its second reader: someone else has to sign this off",
                    author.trim()
                )),
                _ => None,
            }
        }
    })
}

/// What is still missing before the claim can be published, in plain words. `rules`: whether
/// the checklist's rules are checked (see `Tx::made_here`).
fn publish_blockers(conn: &rusqlite::Connection, claim_id: i64, rules: bool) -> Result<Vec<String>> {
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
        "SELECT i.label, i.rule, c.done_by FROM checklist_items i
         LEFT JOIN claim_checks c ON c.claim_id = ?1 AND c.item_id = i.id
         WHERE i.active = 1 AND i.required = 1
         ORDER BY i.position, i.id",
    )?;
    let items: Vec<(String, Option<String>, Option<String>)> = stmt
        .query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (label, rule, done_by) in items {
        let problem = match parse_rule(rule).filter(|_| rules) {
            Some(rule) => rule_problem(conn, claim_id, rule, done_by.as_deref())?,
            None => None,
        };
        match (done_by, problem) {
            (None, None) => out.push(format!("checklist: “{label}”")),
            (None, Some(p)) => out.push(format!("checklist: “{label}” — fails now: {p}")),
            // Signed off when it held; the evidence or the verdict changed since.
            (Some(_), Some(p)) => out.push(format!("“{label}” is signed off, but {p}")),
            (Some(_), None) => {}
        }
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
            .prepare_cached("SELECT uuid, label, required, rule FROM checklist_items WHERE active = 1 ORDER BY position, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(ChecklistItem { uuid: r.get(0)?, label: r.get(1)?, required: r.get(2)?, rule: parse_rule(r.get(3)?) })
        })?;
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
            if let Some(CheckRule::MinSources { min } | CheckRule::MinPublishers { min }) = item.rule {
                if !(1..=20).contains(&min) {
                    return Err(Error::validation("rule", format!("“{l}”: the number needed must be between 1 and 20.")));
                }
            }
        }
        self.write(|tx| {
            tx.conn().execute("UPDATE checklist_items SET active = 0", [])?;
            for (pos, item) in items.iter().enumerate() {
                let label = item.label.trim();
                let updated = match &item.uuid {
                    Some(u) => tx.conn().execute(
                        "UPDATE checklist_items SET label = ?1, required = ?2, position = ?3, active = 1, rule = ?5 WHERE uuid = ?4",
                        params![label, item.required, pos as i64 + 1, u, rule_json(item.rule)],
                    )?,
                    None => 0,
                };
                if updated == 0 {
                    tx.conn().execute(
                        "INSERT INTO checklist_items (uuid, position, label, required, active, created_at, rule)
                         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
                        params![new_uuid(), pos as i64 + 1, label, item.required, tx.now, rule_json(item.rule)],
                    )?;
                }
            }
            let labels: Vec<String> = items
                .iter()
                .map(|i| match i.rule {
                    Some(rule) => format!("{} ({})", i.label.trim(), rule_words(rule)),
                    None => i.label.trim().to_string(),
                })
                .collect();
            tx.record("settings", "checklist", None, "updated", &format!("Checklist set to: {}", labels.join("; ")), &[])?;
            Ok(())
        })?;
        self.checklist()
    }

    pub(crate) fn claim_workflow(&self, claim_id: i64, status: ClaimStatus, detail: &mut ClaimDetail) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.uuid, i.label, i.required, c.done_by, c.done_at, i.rule
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
                    rule: parse_rule(r.get(5)?),
                    problem: None,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT uuid, reason, what, actor, at, kind FROM corrections WHERE claim_id = ?1 ORDER BY id DESC")?;
        detail.corrections = stmt
            .query_map([claim_id], |r| {
                Ok(Correction {
                    uuid: r.get(0)?,
                    reason: r.get(1)?,
                    what: r.get(2)?,
                    actor: r.get(3)?,
                    at: parse_ts(&r.get::<_, String>(4)?)?,
                    kind: correction_kind(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let published_before = was_published(self.conn(), claim_id)?;
        detail.next_statuses = next_statuses(status, published_before).to_vec();
        // A claim published once passed the gate then; restoring it from the archive is not a new publication.
        let open = !is_locked(status) && !published_before;
        if open {
            for check in &mut detail.checklist {
                if let Some(rule) = check.rule {
                    check.problem = rule_problem(self.conn(), claim_id, rule, check.done_by.as_deref())?;
                }
            }
        }
        detail.publish_blockers = if open { publish_blockers(self.conn(), claim_id, true)? } else { Vec::new() };
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
        let (item_id, item_label, rule): (i64, String, Option<String>) = self
            .conn()
            .query_row("SELECT id, label, rule FROM checklist_items WHERE uuid = ?1 AND active = 1", [item_uuid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("checklist item", item_uuid))?;
        if done && !self.made_here(claim_id)? {
            if let Some(rule) = parse_rule(rule) {
                if let Some(problem) = rule_problem(self.conn(), claim_id, rule, Some(self.actor))? {
                    return Err(Error::validation(
                        "checklist",
                        format!("“{item_label}” cannot be signed off yet: {problem}."),
                    ));
                }
            }
        }
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

/// A rule in words, as Settings and the history name it.
pub fn rule_words(rule: CheckRule) -> String {
    match rule {
        CheckRule::MinSources { min } => format!("checked: at least {min} different sources"),
        CheckRule::MinPublishers { min } => format!("checked: at least {min} different publishers"),
        CheckRule::ExcerptsFound => "checked: every excerpt found in its archived copy".to_string(),
        CheckRule::SecondReader => "checked: signed off by someone other than the verdict's author".to_string(),
    }
}
