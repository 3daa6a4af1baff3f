//! Claims and claimants: create, edit, read, list and search.

use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::verdicts::{rating_from_row, RATING_COLS};
use super::{new_uuid, parse_date, parse_ts, Change, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{
    ClaimDetail, ClaimInput, ClaimOrigin, ClaimPage, ClaimQuery, ClaimSort, ClaimStatus, ClaimSummary, Claimant,
};

pub(crate) const MAX_CLAIM_CHARS: usize = 5_000;
const MAX_NAME_CHARS: usize = 200;
const MAX_TAG_CHARS: usize = 60;
const DEFAULT_PAGE: u32 = 50;
/// Above this many matches a search is "common": see `list_claims`.
const COMMON_MATCHES: u32 = 2_000;
const MAX_PAGE: u32 = 500;

/// A [`ClaimInput`] that passed validation, trimmed and normalised.
struct ValidClaim {
    text: String,
    summary: String,
    claimant: Option<String>,
    claimant_role: Option<String>,
    said_on: Option<String>,
    said_where: String,
    status: Option<ClaimStatus>,
    tags: Vec<String>,
    language: String,
    context: String,
    assignee: String,
}

fn validate(input: &ClaimInput) -> Result<ValidClaim> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(Error::validation("text", "The claim's wording cannot be empty: paste the exact words that were said."));
    }
    let n = text.chars().count();
    if n > MAX_CLAIM_CHARS {
        return Err(Error::validation(
            "text",
            format!("A claim is at most {MAX_CLAIM_CHARS} characters and this one has {n}: keep the exact claim here and the full article as a source."),
        ));
    }
    let claimant = input.claimant.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(c) = claimant {
        if c.chars().count() > MAX_NAME_CHARS {
            return Err(Error::validation("claimant", format!("A claimant's name is at most {MAX_NAME_CHARS} characters.")));
        }
    }
    let said_on = match input.said_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(super::parse_user_date("said_on", s)?),
        None => None,
    };
    if let Some(d) = said_on {
        let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
        if d > tomorrow {
            return Err(Error::validation("said_on", format!("{d} is in the future: a claim can only be dated when it was made.")));
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for t in &input.tags {
        let t = t.trim().trim_start_matches('#').trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(Error::validation("tags", format!("The tag “{t}” is longer than {MAX_TAG_CHARS} characters.")));
        }
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_string());
        }
    }
    let language = input.language.trim();
    if !language.is_empty()
        && (language.len() > 35 || !language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(Error::validation(
            "language",
            format!("“{language}” is not a language code: use a short code such as en, fr or pt-BR."),
        ));
    }
    let assignee = input.assignee.trim();
    if assignee.chars().count() > MAX_NAME_CHARS {
        return Err(Error::validation("assignee", format!("A name is at most {MAX_NAME_CHARS} characters.")));
    }
    Ok(ValidClaim {
        language: language.to_string(),
        context: input.context.trim().to_string(),
        assignee: assignee.to_string(),
        text: text.to_string(),
        summary: input.summary.trim().to_string(),
        claimant: claimant.map(str::to_string),
        claimant_role: input.claimant_role.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        said_on: said_on.map(|d| d.format("%Y-%m-%d").to_string()),
        said_where: input.said_where.trim().to_string(),
        status: input.status,
        tags,
    })
}

impl Tx<'_> {
    /// Finds the claimant by name (case-insensitive) or creates it.
    fn claimant_id(&self, name: &str, role: Option<&str>) -> Result<i64> {
        if let Some(id) = self
            .prepare_cached("SELECT id FROM claimants WHERE name = ?1 COLLATE NOCASE")?
            .query_row([name], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        let uuid = new_uuid();
        self.execute(
            "INSERT INTO claimants (uuid, name, role, affiliation, created_at, updated_at)
             VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
            params![uuid, name, role, self.now],
        )?;
        let id = self.last_insert_rowid();
        self.record("claimant", &uuid, None, "created", &format!("Added claimant {name}"), &[])?;
        Ok(id)
    }

    fn set_tags(&self, claim_id: i64, tags: &[String]) -> Result<()> {
        self.execute("DELETE FROM claim_tags WHERE claim_id = ?1", [claim_id])?;
        let mut stmt = self.prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?;
        for t in tags {
            stmt.execute(params![claim_id, t])?;
        }
        Ok(())
    }

    /// Rewrites the claim's row in the search index; called in every transaction that changes
    /// what the index holds for it.
    pub(crate) fn reindex_claim(&self, claim_id: i64) -> Result<()> {
        self.execute("DELETE FROM claims_fts WHERE rowid = ?1", [claim_id])?;
        self.execute(
            "INSERT INTO claims_fts (rowid, text, summary, claimant)
             SELECT c.id, c.text, c.summary, coalesce(cl.name, '')
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ?1",
            [claim_id],
        )?;
        Ok(())
    }

    pub(crate) fn claim_id(&self, uuid: &str) -> Result<i64> {
        self.query_row("SELECT id FROM claims WHERE uuid = ?1", [uuid], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", uuid))
    }

    /// Marks the claim as changed now, so it moves to the top of the list.
    pub(crate) fn touch_claim(&self, claim_id: i64) -> Result<()> {
        self.execute("UPDATE claims SET updated_at = ?1 WHERE id = ?2", params![self.now, claim_id])?;
        Ok(())
    }

    pub(crate) fn insert_claim(&self, input: &ClaimInput, uuid: Option<&str>) -> Result<(i64, String)> {
        let v = validate(input)?;
        let claimant_id = v.claimant.as_deref().map(|n| self.claimant_id(n, v.claimant_role.as_deref())).transpose()?;
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        let status = v.status.unwrap_or(ClaimStatus::New);
        self.prepare_cached(
            "INSERT INTO claims (uuid, text, summary, claimant_id, said_on, said_where, status, created_at, updated_at,
                                 language, context, assignee)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            uuid,
            v.text,
            v.summary,
            claimant_id,
            v.said_on,
            v.said_where,
            status.as_str(),
            self.now,
            v.language,
            v.context,
            v.assignee
        ])?;
        let id = self.last_insert_rowid();
        let mut tag = self.prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?;
        for t in &v.tags {
            tag.execute(params![id, t])?;
        }
        // A new claim has no index row yet: write it from the values in hand.
        self.prepare_cached("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![id, v.text, v.summary, v.claimant.as_deref().unwrap_or("")])?;
        let who = v.claimant.as_deref().map(|c| format!(" by {c}")).unwrap_or_default();
        self.record("claim", &uuid, Some(id), "created", &format!("Captured the claim{who}"), &[])?;
        Ok((id, uuid))
    }
}

impl Store {
    /// Captures a new claim.
    pub fn create_claim(&mut self, input: &ClaimInput) -> Result<ClaimDetail> {
        check_initial_status(input)?;
        let (_, uuid) = self.write(|tx| tx.insert_claim(input, None))?;
        self.get_claim(&uuid)
    }

    /// Captures many claims in one transaction: all of them, or (on the first bad one) none.
    pub fn create_claims(&mut self, inputs: &[ClaimInput]) -> Result<Vec<String>> {
        self.write(|tx| {
            let mut out = Vec::with_capacity(inputs.len());
            for (i, input) in inputs.iter().enumerate() {
                let (_, uuid) = check_initial_status(input).and_then(|_| tx.insert_claim(input, None)).map_err(|e| match e {
                    Error::Validation { field, message } => {
                        Error::Validation { field, message: format!("Claim {} of {}: {message}", i + 1, inputs.len()) }
                    }
                    other => other,
                })?;
                out.push(uuid);
            }
            Ok(out)
        })
    }

    /// Edits a claim. Every changed field is recorded in its history.
    pub fn update_claim(&mut self, uuid: &str, input: &ClaimInput) -> Result<ClaimDetail> {
        let before = self.get_claim(uuid)?;
        let v = validate(input)?;
        self.write(|tx| {
            let id = tx.claim_id(uuid)?;
            let mut changes = Vec::new();
            let mut diff = |field: &'static str, from: serde_json::Value, to: serde_json::Value| {
                if from != to {
                    changes.push(Change { field, from, to });
                }
            };
            let old_claimant = before.claimant.as_ref().map(|c| c.name.clone());
            let status = v.status.unwrap_or(before.status);
            diff("text", json!(before.text), json!(v.text));
            diff("summary", json!(before.summary), json!(v.summary));
            diff("claimant", json!(old_claimant), json!(v.claimant));
            diff("said_on", json!(before.said_on.map(|d| d.format("%Y-%m-%d").to_string())), json!(v.said_on));
            diff("said_where", json!(before.said_where), json!(v.said_where));
            diff("status", json!(before.status), json!(status));
            diff("tags", json!(before.tags), json!(v.tags));
            diff("language", json!(before.language), json!(v.language));
            diff("context", json!(before.context), json!(v.context));
            diff("assignee", json!(before.assignee), json!(v.assignee));
            if changes.is_empty() {
                return Ok(());
            }
            if super::is_locked(before.status) {
                if let Some(c) = changes.iter().find(|c| matches!(c.field, "text" | "claimant" | "said_on" | "said_where")) {
                    return Err(Error::Conflict(format!(
                        "This claim is published: its {} is part of the published fact-check and cannot be edited. \
                         Correct the verdict or the evidence instead, with a reason readers will see.",
                        match c.field { "text" => "wording", "said_on" => "date", "said_where" => "place", other => other }
                    )));
                }
            }
            let claimant_id =
                v.claimant.as_deref().map(|n| tx.claimant_id(n, v.claimant_role.as_deref())).transpose()?;
            // The status moves through the workflow's one mechanism (its own checks and history row).
            tx.move_status(uuid, id, before.status, status)?;
            changes.retain(|c| c.field != "status");
            if changes.is_empty() {
                return Ok(());
            }
            tx.execute(
                "UPDATE claims SET text = ?1, summary = ?2, claimant_id = ?3, said_on = ?4, said_where = ?5,
                        updated_at = ?6, language = ?8, context = ?9, assignee = ?10 WHERE id = ?7",
                params![v.text, v.summary, claimant_id, v.said_on, v.said_where, tx.now, id, v.language, v.context, v.assignee],
            )?;
            tx.set_tags(id, &v.tags)?;
            tx.reindex_claim(id)?;
            let summary = describe_changes(&changes);
            tx.record("claim", uuid, Some(id), "updated", &summary, &changes)?;
            Ok(())
        })?;
        self.get_claim(uuid)
    }

    /// Everything the claim view shows: the claim, its evidence, verdicts and history.
    pub fn get_claim(&self, uuid: &str) -> Result<ClaimDetail> {
        let row = self
            .conn()
            .query_row(
                "SELECT c.id, c.uuid, c.text, c.summary, c.said_on, c.said_where, c.status, c.created_at, c.updated_at,
                        cl.uuid, cl.name, cl.role, cl.affiliation, c.language, c.context, c.assignee, c.origin
                 FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.uuid = ?1",
                [uuid],
                |r| {
                    let claimant = match r.get::<_, Option<String>>(9)? {
                        Some(cu) => Some(Claimant { uuid: cu, name: r.get(10)?, role: r.get(11)?, affiliation: r.get(12)? }),
                        None => None,
                    };
                    let status: String = r.get(6)?;
                    Ok((
                        r.get::<_, i64>(0)?,
                        ClaimDetail {
                            uuid: r.get(1)?,
                            text: r.get(2)?,
                            summary: r.get(3)?,
                            claimant,
                            said_on: parse_date(r.get(4)?)?,
                            said_where: r.get(5)?,
                            status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                            tags: Vec::new(),
                            language: r.get(13)?,
                            context: r.get(14)?,
                            assignee: r.get(15)?,
                            origin: match r.get::<_, String>(16)?.as_str() {
                                "imported" => ClaimOrigin::Imported,
                                _ => ClaimOrigin::Desk,
                            },
                            worthiness: None,
                            appearances: Vec::new(),
                            created_at: parse_ts(&r.get::<_, String>(7)?)?,
                            updated_at: parse_ts(&r.get::<_, String>(8)?)?,
                            evidence: Vec::new(),
                            verdict: None,
                            verdicts: Vec::new(),
                            history: Vec::new(),
                            checklist: Vec::new(),
                            corrections: Vec::new(),
                            next_statuses: Vec::new(),
                            publish_blockers: Vec::new(),
                            same_as: Vec::new(),
                            linked_verdict: None,
                            linked_verdict_claim: None,
                            external_reviews: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let (id, mut claim) = row.ok_or_else(|| Error::not_found("claim", uuid))?;
        let mut stmt = self.conn().prepare_cached("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag")?;
        claim.tags = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        claim.appearances = self.claim_appearances(id)?;
        claim.evidence = self.claim_evidence(id)?;
        claim.verdicts = self.claim_verdicts(id)?;
        claim.verdict = claim.verdicts.iter().find(|v| v.superseded_at.is_none()).cloned();
        claim.history = self.claim_history(id)?;
        let status = claim.status;
        self.claim_workflow(id, status, &mut claim)?;
        self.claim_links(id, &mut claim)?;
        claim.external_reviews = self.claim_external_reviews(id)?;
        Ok(claim)
    }

    /// One page of claims, most recently changed first, filtered by search words and status.
    pub fn list_claims(&self, q: &ClaimQuery) -> Result<ClaimPage> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let fts = q.search.as_deref().and_then(fts_query);
        let status = q.status.map(|s| s.as_str());
        let cursor = q.cursor.as_deref().map(parse_cursor).transpose()?;
        let (cur_at, cur_id) = match &cursor {
            Some((at, id)) => (Some(at.as_str()), Some(*id)),
            None => (None, None),
        };
        // The SQL is built for the filters actually given: `?1 IS NULL OR …` clauses keep SQLite
        // from starting at the search index, and made every list call scan the whole table.
        use rusqlite::types::Value;
        let mut conds: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(q) = &fts {
            conds.push("c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)");
            args.push(Value::Text(q.clone()));
        }
        if let Some(st) = status {
            conds.push("c.status = ?");
            args.push(Value::Text(st.to_string()));
        }
        let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if let Some(u) = text(&q.claimant) {
            conds.push("c.claimant_id = (SELECT id FROM claimants WHERE uuid = ?)");
            args.push(Value::Text(u));
        }
        if let Some(t) = text(&q.tag) {
            conds.push("c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ? COLLATE NOCASE)");
            args.push(Value::Text(t.trim_start_matches('#').to_string()));
        }
        if let Some(a) = text(&q.assignee) {
            conds.push("c.assignee = ? COLLATE NOCASE");
            args.push(Value::Text(a));
        }
        if let Some(k) = text(&q.rating) {
            conds.push(
                "c.id IN (SELECT v2.claim_id FROM verdicts v2 JOIN ratings r2 ON r2.id = v2.rating_id
                          WHERE v2.superseded_at IS NULL AND r2.key = ?)",
            );
            args.push(Value::Text(k));
        }
        for (field, day, cond) in
            [("said_from", &q.said_from, "c.said_on >= ?"), ("said_to", &q.said_to, "c.said_on <= ?")]
        {
            if let Some(d) = text(day) {
                conds.push(cond);
                args.push(Value::Text(super::parse_user_date(field, &d)?.format("%Y-%m-%d").to_string()));
            }
        }
        let other_filters = conds.len() > usize::from(fts.is_some());
        let filter = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
        // How common is the search? Reading at most COMMON_MATCHES + 1 index rows answers that
        // cheaply. A rare term is counted exactly and drives the page query from the index; a
        // common one (a frequent word, a short prefix) walks the claims newest first and checks
        // each against the index, stopping at a page, and its total is reported as a floor.
        let capped: Option<u32> = match &fts {
            Some(q) => Some(self.conn().prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ?1 LIMIT ?2)",
            )?.query_row(params![q, COMMON_MATCHES + 1], |r| r.get(0))?),
            None => None,
        };
        let common = capped.is_some_and(|n| n > COMMON_MATCHES);
        let (total, total_exact) = match capped {
            // The floor holds only without other filters; with a filter, count exactly.
            Some(_) if common && !other_filters => (COMMON_MATCHES, false),
            Some(n) if !other_filters => (n, true),
            _ => (
                self.conn().query_row(
                    &format!("SELECT count(*) FROM claims c WHERE {filter}"),
                    rusqlite::params_from_iter(args.iter()),
                    |r| r.get(0),
                )?,
                true,
            ),
        };
        let by_said = q.sort == Some(ClaimSort::Said);
        let from = match (common, by_said) {
            (true, false) => "claims c INDEXED BY claims_updated",
            (true, true) => "claims c INDEXED BY claims_said",
            _ => "claims c",
        };
        // The keyset: (updated_at, id), or (said_on, id) with undated claims as '' (last).
        let key_col = if by_said { "coalesce(c.said_on, '')" } else { "c.updated_at" };
        let mut page_sql = format!(
            "SELECT c.id, c.uuid, c.text, cl.name, c.said_on, c.status, c.updated_at,
                    {RATING_COLS},
                    (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id), {key_col}
             FROM {from}
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
             LEFT JOIN ratings r ON r.id = v.rating_id
             WHERE {filter}"
        );
        if let (Some(at), Some(id)) = (cur_at, cur_id) {
            page_sql.push_str(&format!(" AND ({key_col}, c.id) < (?, ?)"));
            args.push(Value::Text(at.to_string()));
            args.push(Value::Integer(id));
        }
        page_sql.push_str(&format!(" ORDER BY {key_col} DESC, c.id DESC LIMIT ?"));
        args.push(Value::Integer(limit as i64));
        let mut stmt = self.conn().prepare_cached(&page_sql)?;
        let mut last: Option<(String, i64)> = None;
        let items = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let updated: String = r.get(6)?;
                let key: String = r.get(14)?;
                let id: i64 = r.get(0)?;
                let rating = rating_from_row(r, 7)?;
                let status: String = r.get(5)?;
                Ok((
                    (key, id),
                    ClaimSummary {
                        uuid: r.get(1)?,
                        text: r.get(2)?,
                        claimant: r.get(3)?,
                        said_on: parse_date(r.get(4)?)?,
                        status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                        rating,
                        evidence_count: r.get(13)?,
                        updated_at: parse_ts(&updated)?,
                        origin: ClaimOrigin::Desk,
                        worthiness: None,
                        snippet: None,
                    },
                ))
            })?
            .map(|row| {
                row.map(|(key, item)| {
                    last = Some(key);
                    item
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next_cursor = if items.len() as u32 == limit { last.map(|(at, id)| format!("{at}|{id}")) } else { None };
        Ok(ClaimPage { items, next_cursor, total, total_exact })
    }
}

/// A new claim starts at the beginning of the workflow; publishing comes after evidence and a verdict.
fn check_initial_status(input: &ClaimInput) -> Result<()> {
    match input.status {
        Some(s) if !super::INITIAL_STATUSES.contains(&s) => Err(Error::validation(
            "status",
            format!("A new claim starts as new or researching, not {}: it needs evidence and a verdict first.", s.as_str().replace('_', " ")),
        )),
        _ => Ok(()),
    }
}

fn parse_cursor(s: &str) -> Result<(String, i64)> {
    let bad = || Error::validation("cursor", "The list position is out of date; reload the list.");
    let (at, id) = s.rsplit_once('|').ok_or_else(bad)?;
    // A change time (sorted by updated), a day or '' for undated (sorted by said date).
    let known = at.is_empty()
        || super::parse_ts(at).is_ok()
        || chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d").is_ok();
    if !known {
        return Err(bad());
    }
    Ok((at.to_string(), id.parse().map_err(|_| bad())?))
}

/// Turns what a checker typed into an FTS5 query: every word must be present, as a prefix, so the
/// list narrows while they type. Quotes and operators are treated as plain text.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn describe_changes(changes: &[Change]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c.field {
            "status" => format!(
                "status {} → {}",
                c.from.as_str().unwrap_or("?").replace('_', " "),
                c.to.as_str().unwrap_or("?").replace('_', " ")
            ),
            "said_on" => "date said".to_string(),
            "said_where" => "where said".to_string(),
            "text" => "wording".to_string(),
            other => other.to_string(),
        })
        .collect();
    format!("Edited {}", parts.join(", "))
}

