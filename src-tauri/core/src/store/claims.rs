//! Claims and claimants: create, edit, read, list and search.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::verdicts::{rating_from_row, RATING_COLS};
use super::{new_uuid, parse_date, parse_ts, Change, Store, Tx};
use crate::error::{Error, Result};
use super::search::SearchWords;
use crate::model::{
    CheckedBy, ClaimDetail, ClaimInput, ClaimOrigin, ClaimPage, ClaimQuery, ClaimSort, ClaimStatus, ClaimSummary, Claimant,
    SnippetField,
};

pub(crate) use crate::model::limits::MAX_CLAIM_CHARS;
use crate::model::limits::{MAX_NAME_CHARS, MAX_PAGE, MAX_TAG_CHARS};
const DEFAULT_PAGE: u32 = 50;
/// Above this many matches a search is "common": see `list_claims`.
const COMMON_MATCHES: u32 = 2_000;

/// A [`ClaimInput`] that passed validation, trimmed and normalised.
pub(super) struct ValidClaim {
    pub(super) text: String,
    pub(super) summary: String,
    pub(super) claimant: Option<String>,
    claimant_role: Option<String>,
    pub(super) said_on: Option<String>,
    pub(super) said_where: String,
    status: Option<ClaimStatus>,
    pub(super) tags: Vec<String>,
    pub(super) language: String,
    pub(super) context: String,
    pub(super) assignee: String,
}

/// [`Tx::reindex_claim`] on a connection already inside a transaction.
pub(super) fn reindex_claim_on(conn: &rusqlite::Connection, claim_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM claims_fts WHERE rowid = ?1")?.execute([claim_id])?;
    conn.prepare_cached(
        "INSERT INTO claims_fts (rowid, text, summary, claimant)
         SELECT c.id, c.text, c.summary, coalesce(cl.name, '')
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ?1",
    )?
    .execute([claim_id])?;
    Ok(())
}

/// [`Tx::reindex_claim_context`] on a connection already inside a transaction.
pub(super) fn reindex_claim_context_on(conn: &rusqlite::Connection, claim_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM claim_context_fts WHERE rowid = ?1")?.execute([claim_id])?;
    conn.prepare_cached(CONTEXT_ROW_SQL)?.execute([claim_id])?;
    Ok(())
}

pub(super) fn validate(input: &ClaimInput) -> Result<ValidClaim> {
    super::no_nul("text", "claim's wording", &input.text)?;
    super::no_nul("claimant", "claimant's name", input.claimant.as_deref().unwrap_or(""))?;
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
            .conn()
            .prepare_cached("SELECT id FROM claimants WHERE name = ?1 COLLATE NOCASE")?
            .query_row([name], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        let uuid = new_uuid();
        self.conn().execute(
            "INSERT INTO claimants (uuid, name, role, affiliation, created_at, updated_at)
             VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
            params![uuid, name, role, self.now],
        )?;
        let id = self.conn().last_insert_rowid();
        self.record("claimant", &uuid, None, "created", &format!("Added claimant {name}"), &[])?;
        Ok(id)
    }

    /// Makes the claim's tags `tags`, touching only those that come or go: on a desk, an edit of
    /// other fields then says nothing about tags, and cannot bring back one another checker removed.
    fn set_tags(&self, claim_id: i64, tags: &[String]) -> Result<()> {
        let wanted = serde_json::json!(tags).to_string();
        self.conn()
            .prepare_cached("DELETE FROM claim_tags WHERE claim_id = ?1 AND tag NOT IN (SELECT value FROM json_each(?2))")?
            .execute(params![claim_id, wanted])?;
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO claim_tags (claim_id, tag) SELECT ?1, value FROM json_each(?2)")?
            .execute(params![claim_id, wanted])?;
        Ok(())
    }

    /// Rewrites the claim's row in the search index; called in every transaction that changes
    /// what the index holds for it.
    pub(crate) fn reindex_claim(&self, claim_id: i64) -> Result<()> {
        reindex_claim_on(self.conn(), claim_id)
    }

    /// Rewrites the claim's row in the index of its surroundings (source titles, excerpts, current
    /// rationale): called in every transaction that changes its evidence or verdict.
    pub(crate) fn reindex_claim_context(&self, claim_id: i64) -> Result<()> {
        reindex_claim_context_on(self.conn(), claim_id)
    }

    /// Rewrites the surroundings of every claim that links the source as evidence (its title changed).
    pub(crate) fn reindex_source_context(&self, source_id: i64) -> Result<()> {
        let claims: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT DISTINCT claim_id FROM evidence WHERE source_id = ?1")?
            .query_map([source_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in claims {
            self.reindex_claim_context(id)?;
        }
        Ok(())
    }

    /// Sets the claim's check-worthiness (0..1), e.g. the score its article candidate had.
    pub(crate) fn set_claim_worthiness(&self, claim_id: i64, score: f32) -> Result<()> {
        self.conn().prepare_cached("UPDATE claims SET worthiness = ?1 WHERE id = ?2")?
            .execute(params![round_score(score), claim_id])?;
        Ok(())
    }

    pub(crate) fn claim_id(&self, uuid: &str) -> Result<i64> {
        self.conn().query_row("SELECT id FROM claims WHERE uuid = ?1", [uuid], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", uuid))
    }

    /// The id, UUID and origin (`desk`, `imported`) of the claim with this UUID, if any.
    pub(crate) fn claim_with_origin(&self, uuid: &str) -> Result<Option<(i64, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, uuid, origin FROM claims WHERE uuid = ?1")?
            .query_row([uuid], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?)
    }

    /// Marks the claim as changed now, so it moves to the top of the list.
    pub(crate) fn touch_claim(&self, claim_id: i64) -> Result<()> {
        self.conn().execute("UPDATE claims SET updated_at = ?1 WHERE id = ?2", params![self.now, claim_id])?;
        Ok(())
    }

    pub(crate) fn insert_claim(&self, input: &ClaimInput, uuid: Option<&str>) -> Result<(i64, String)> {
        self.insert_claim_as(input, uuid, false)
    }

    /// [`Tx::insert_claim`] for a claim brought in by an import of other publishers' fact-checks
    /// (origin `imported`).
    pub(crate) fn insert_imported_claim(&self, input: &ClaimInput, uuid: Option<&str>) -> Result<(i64, String)> {
        self.insert_claim_as(input, uuid, true)
    }

    /// A new claim: the desk's own, or an imported one.
    fn insert_claim_as(&self, input: &ClaimInput, uuid: Option<&str>, imported: bool) -> Result<(i64, String)> {
        let v = validate(input)?;
        let claimant_id = v.claimant.as_deref().map(|n| self.claimant_id(n, v.claimant_role.as_deref())).transpose()?;
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        let status = v.status.unwrap_or(ClaimStatus::New);
        let worthiness = worthiness_of(&v.text, v.claimant.as_deref());
        let origin = if imported { "imported" } else { "desk" };
        self.conn().prepare_cached(
            "INSERT INTO claims (uuid, text, summary, claimant_id, said_on, said_where, status, created_at, updated_at,
                                 language, context, assignee, worthiness, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13)",
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
            v.assignee,
            worthiness,
            origin
        ])?;
        let id = self.conn().last_insert_rowid();
        let mut tag = self.conn().prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?;
        for t in &v.tags {
            tag.execute(params![id, t])?;
        }
        // A new claim has no index row yet: write it from the values in hand.
        self.conn().prepare_cached("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![id, v.text, v.summary, v.claimant.as_deref().unwrap_or("")])?;
        self.wording_changed(id)?;
        let who = v.claimant.as_deref().map(|c| format!(" by {c}")).unwrap_or_default();
        self.record("claim", &uuid, Some(id), "created", &format!("Captured the claim{who}"), &[])?;
        Ok((id, uuid))
    }

    /// [`Store::update_claim`] in this transaction: what changed, in words, or None when the input
    /// says what the claim already says.
    pub(crate) fn update_claim(&self, uuid: &str, input: &ClaimInput) -> Result<Option<String>> {
        let id = self.claim_id(uuid)?;
        let v = validate(input)?;
        let before = self.claim_input(id)?;
        let old_status = before.status.unwrap_or(ClaimStatus::New);
        let status = v.status.unwrap_or(old_status);
        let mut changes = Vec::new();
        let mut diff = |field: &'static str, from: serde_json::Value, to: serde_json::Value| {
            if from != to {
                changes.push(Change { field, from, to });
            }
        };
        diff("text", json!(before.text), json!(v.text));
        diff("summary", json!(before.summary), json!(v.summary));
        diff("claimant", json!(before.claimant), json!(v.claimant));
        diff("said_on", json!(before.said_on), json!(v.said_on));
        diff("said_where", json!(before.said_where), json!(v.said_where));
        diff("status", json!(old_status), json!(status));
        diff("tags", json!(before.tags), json!(v.tags));
        diff("language", json!(before.language), json!(v.language));
        diff("context", json!(before.context), json!(v.context));
        diff("assignee", json!(before.assignee), json!(v.assignee));
        if changes.is_empty() {
            return Ok(None);
        }
        if super::is_locked(old_status) {
            if let Some(c) = changes.iter().find(|c| matches!(c.field, "text" | "claimant" | "said_on" | "said_where")) {
                return Err(Error::Conflict(format!(
                    "This claim is published: its {} is part of the published fact-check and cannot be edited. \
                     Correct the verdict or the evidence instead, with a reason readers will see.",
                    match c.field { "text" => "wording", "said_on" => "date", "said_where" => "place", other => other }
                )));
            }
        }
        let claimant_id = v.claimant.as_deref().map(|n| self.claimant_id(n, v.claimant_role.as_deref())).transpose()?;
        // The status moves through the workflow's one mechanism (its own checks and history row).
        self.move_status(uuid, id, old_status, status)?;
        let summary = describe_changes(&changes);
        changes.retain(|c| c.field != "status");
        if changes.is_empty() {
            return Ok(Some(summary));
        }
        self.conn().execute(
            "UPDATE claims SET text = ?1, summary = ?2, claimant_id = ?3, said_on = ?4, said_where = ?5,
                    updated_at = ?6, language = ?8, context = ?9, assignee = ?10 WHERE id = ?7",
            params![v.text, v.summary, claimant_id, v.said_on, v.said_where, self.now, id, v.language, v.context, v.assignee],
        )?;
        if changes.iter().any(|c| c.field == "text") {
            self.wording_changed(id)?;
        }
        if changes.iter().any(|c| matches!(c.field, "text" | "claimant")) {
            self.set_claim_worthiness(id, crate::language::worthiness::claim_worthiness(&v.text, v.claimant.as_deref()))?;
        }
        self.set_tags(id, &v.tags)?;
        self.reindex_claim(id)?;
        self.record("claim", uuid, Some(id), "updated", &describe_changes(&changes), &changes)?;
        Ok(Some(summary))
    }

    /// [`Store::set_published_url`] in this transaction: what changed, in words, or None when the
    /// claim already has this address.
    pub(crate) fn set_published_url(&self, uuid: &str, url: &str) -> Result<Option<String>> {
        let id = self.claim_id(uuid)?;
        let url = match url.trim() {
            "" => None,
            raw => Some(
                super::validate_url(raw)
                    .map_err(|_| Error::validation("published_url", format!("“{raw}” is not a web address: give the page's address, starting with https://")))?,
            ),
        };
        let before: Option<String> =
            self.conn().prepare_cached("SELECT published_url FROM claims WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
        if before == url {
            return Ok(None);
        }
        // Not locked by publishing: the address is known only once the fact-check is out.
        self.conn().execute("UPDATE claims SET published_url = ?1, updated_at = ?2 WHERE id = ?3", params![url, self.now, id])?;
        let summary = match &url {
            Some(u) => format!("Published at {u}"),
            None => "Removed the address the fact-check was published at".to_string(),
        };
        let change = Change { field: "published_url", from: json!(before), to: json!(url) };
        self.record("claim", uuid, Some(id), "updated", &summary, &[change])?;
        Ok(Some(summary))
    }

    /// The claim's editable fields as stored, to compare an edit with.
    fn claim_input(&self, id: i64) -> Result<ClaimInput> {
        let mut input = self.conn().query_row(
            "SELECT c.text, c.summary, cl.name, c.said_on, c.said_where, c.status, c.language, c.context, c.assignee
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ?1",
            [id],
            |r| {
                Ok(ClaimInput {
                    text: r.get(0)?,
                    summary: r.get(1)?,
                    claimant: r.get(2)?,
                    said_on: r.get(3)?,
                    said_where: r.get(4)?,
                    status: ClaimStatus::parse(&r.get::<_, String>(5)?),
                    language: r.get(6)?,
                    context: r.get(7)?,
                    assignee: r.get(8)?,
                    ..ClaimInput::default()
                })
            },
        )?;
        input.tags = self
            .conn()
            .prepare_cached("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(input)
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

    /// Sets (or, with an empty `url`, clears) the address where the desk published this claim's
    /// fact-check: its ClaimReview `url`, instead of the publication address pattern. Allowed on a
    /// published claim; recorded in its history.
    pub fn set_published_url(&mut self, uuid: &str, url: &str) -> Result<ClaimDetail> {
        self.write(|tx| tx.set_published_url(uuid, url))?;
        self.get_claim(uuid)
    }

    /// The addresses where the desk published these claims' fact-checks, for those that have one.
    pub(crate) fn published_urls(&self, uuids: &[String]) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT uuid, published_url FROM claims
             WHERE uuid IN (SELECT value FROM json_each(?1)) AND published_url IS NOT NULL",
        )?;
        let rows = stmt.query_map([json!(uuids).to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether a claim could have a ClaimReview: its status and whether it has a current verdict.
    pub(crate) fn claim_review_state(&self, uuid: &str) -> Result<(ClaimStatus, bool)> {
        self.conn()
            .prepare_cached(
                "SELECT c.status, EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL)
                 FROM claims c WHERE c.uuid = ?1",
            )?
            .query_row([uuid], |r| Ok((ClaimStatus::parse(&r.get::<_, String>(0)?).unwrap_or(ClaimStatus::New), r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", uuid))
    }

    /// How many of these claims are published (or corrected) with a current verdict.
    pub(crate) fn count_reviewable(&self, uuids: &[String]) -> Result<usize> {
        let n: i64 = self.conn().prepare_cached(
            "SELECT count(*) FROM claims c WHERE c.uuid IN (SELECT value FROM json_each(?1))
               AND c.status IN ('published', 'corrected')
               AND EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL)",
        )?
        .query_row([json!(uuids).to_string()], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Edits a claim. Every changed field is recorded in its history.
    pub fn update_claim(&mut self, uuid: &str, input: &ClaimInput) -> Result<ClaimDetail> {
        self.write(|tx| tx.update_claim(uuid, input))?;
        self.get_claim(uuid)
    }

    /// Whether a claim has this UUID.
    pub(crate) fn claim_exists(&self, uuid: &str) -> Result<bool> {
        Ok(self.conn().prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE uuid = ?1)")?.query_row([uuid], |r| r.get(0))?)
    }

    /// When the claim was first published, if ever (a time that does not read counts as never).
    pub(crate) fn claim_published_at(&self, uuid: &str) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> =
            self.conn().prepare_cached("SELECT published_at FROM claims WHERE uuid = ?1")?.query_row([uuid], |r| r.get(0))?;
        Ok(at.and_then(|s| parse_ts(&s).ok()))
    }

    /// Everything the claim view shows: the claim, its evidence, verdicts and history.
    pub fn get_claim(&self, uuid: &str) -> Result<ClaimDetail> {
        let row = self
            .conn()
            .query_row(
                "SELECT c.id, c.uuid, c.text, c.summary, c.said_on, c.said_where, c.status, c.created_at, c.updated_at,
                        cl.uuid, cl.name, cl.role, cl.affiliation, c.language, c.context, c.assignee, c.origin,
                        c.worthiness, c.published_url
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
                            origin: origin_of(&r.get::<_, String>(16)?),
                            worthiness: r.get::<_, Option<f64>>(17)?.map(|w| w as f32),
                            published_url: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
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

    /// One page of claims, in the order asked for (most recently changed first by default), filtered
    /// by search words, status, claimant, tag, assignee, rating, dates said and origin.
    ///
    /// A search matches a claim when every word is found (as the start of a word) in its wording,
    /// summary or claimant, or in what surrounds it: the titles of the sources linked as evidence,
    /// the excerpts, the current verdict's rationale (see `store/search.rs`). Claims with every
    /// word in their own fields come first; those that needed their surroundings follow, each
    /// group in the order asked for, and carry a snippet showing where the words were found.
    pub fn list_claims(&self, q: &ClaimQuery) -> Result<ClaimPage> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let sort = q.sort.unwrap_or_default();
        let cursor = q.cursor.as_deref().map(|c| parse_cursor(c, sort)).transpose()?;
        let (filters, filter_args) = list_filters(q)?;
        let other_filters = !filters.is_empty();
        let Some(words) = q.search.as_deref().and_then(SearchWords::parse) else {
            let (total, exact) = self.count_where(&filters, &filter_args)?;
            let rows = self.page(sort, &filters, &filter_args, cursor.as_ref(), limit)?;
            return Ok(finish(rows, limit, total, exact));
        };

        // The claims with every word in their own fields. How common is the search? Reading at most
        // COMMON_MATCHES + 1 matches from the index answers that cheaply. A rare search (a few
        // thousand matches at most) is driven from the matches read: counted exactly, sorted, paged.
        // A common one (a frequent word, a short prefix, words that often go together) walks the
        // claims in list order and checks each one's own fields here (`SearchWords::found_in_fields`,
        // the index's rule), stopping at a page: the work per page is about a page divided by the
        // share of claims that match, whatever the size of the workspace. Its total is a floor.
        let all = words.fts_all();
        let own_ids = self.fts_ids("claims_fts", &all)?;
        let own_common = own_ids.len() as u32 > COMMON_MATCHES;
        let by_ids = "c.id IN (SELECT value FROM json_each(?))";
        let mut own: Vec<String> = filters.clone();
        let mut own_args = filter_args.clone();
        if !own_common {
            own.push(by_ids.into());
            own_args.push(ids_json(&own_ids));
        }
        let (own_total, own_exact) = match (own_common, other_filters) {
            (false, false) => (own_ids.len() as u32, true),
            (false, true) => self.count_where(&own, &own_args)?,
            (true, false) => (COMMON_MATCHES, false),
            // Common words and a filter: count by walking the filtered claims, up to a budget.
            (true, true) => {
                let (found, stop) = self.walk(sort, &filters, &filter_args, None, &words, WalkFor::Own, usize::MAX, WALK_COUNT_BUDGET)?;
                (found.len() as u32, stop == Walked::End)
            }
        };

        // The claims found only through their surroundings: at least one word there, every word in
        // the claim or its surroundings, and not already found above. Read from the surroundings'
        // index when that is rare, checked here like a common search otherwise. A common search
        // with no other filter neither counts them nor, while its own matches fill the page,
        // shows them: they are not looked for until a page runs short.
        let surroundings = |store: &Self| -> Result<Surroundings> {
            let ctx_ids = store.fts_ids("claim_context_fts", &words.fts_any())?;
            if ctx_ids.len() as u32 > COMMON_MATCHES {
                return Ok(Surroundings::Common);
            }
            let own_set: std::collections::HashSet<i64> = own_ids.iter().copied().collect();
            let candidates: Vec<i64> = ctx_ids.into_iter().filter(|id| own_common || !own_set.contains(id)).collect();
            Ok(Surroundings::Found(store.context_matches(&candidates, &words, own_common)?))
        };
        let mut around = if own_common && !other_filters { None } else { Some(surroundings(self)?) };
        let by_found = |found: &[i64]| {
            let mut ctx: Vec<String> = filters.clone();
            let mut ctx_args = filter_args.clone();
            ctx.push(by_ids.into());
            ctx_args.push(ids_json(found));
            (ctx, ctx_args)
        };
        let (ctx_total, ctx_exact) = match &around {
            // Not looked for, or common: the total is already a floor.
            None | Some(Surroundings::Common) => (0, false),
            Some(Surroundings::Found(found)) if other_filters => {
                let (ctx, ctx_args) = by_found(found);
                self.count_where(&ctx, &ctx_args)?
            }
            Some(Surroundings::Found(found)) => (found.len() as u32, true),
        };

        let mut rows: Vec<Row> = Vec::new();
        // Where a walk ran out of budget: the next page goes on from there.
        let mut go_on: Option<String> = None;
        if !cursor.as_ref().is_some_and(|c| c.context) {
            if own_common {
                let (ids, stop) =
                    self.walk(sort, &filters, &filter_args, cursor.as_ref(), &words, WalkFor::Own, limit as usize, WALK_PAGE_BUDGET)?;
                if let Walked::Budget { key, id } = &stop {
                    go_on = Some(cursor_text(false, key, *id));
                }
                rows = self.page(sort, &[by_ids.into()], &[ids_json(&ids)], None, limit)?;
            } else {
                rows = self.page(sort, &own, &own_args, cursor.as_ref(), limit)?;
            }
        }
        if (rows.len() as u32) < limit && go_on.is_none() {
            let around = match around.take() {
                Some(a) => a,
                None => surroundings(self)?,
            };
            let after = cursor.as_ref().filter(|c| c.context);
            let want = limit - rows.len() as u32;
            let more = match &around {
                Surroundings::Common => {
                    let (ids, stop) =
                        self.walk(sort, &filters, &filter_args, after, &words, WalkFor::Context, want as usize, WALK_PAGE_BUDGET)?;
                    if let Walked::Budget { key, id } = &stop {
                        go_on = Some(cursor_text(true, key, *id));
                    }
                    self.page(sort, &[by_ids.into()], &[ids_json(&ids)], None, want)?
                }
                Surroundings::Found(found) if found.is_empty() => Vec::new(),
                Surroundings::Found(found) => {
                    let (ctx, ctx_args) = by_found(found);
                    self.page(sort, &ctx, &ctx_args, after, want)?
                }
            };
            rows.extend(more.into_iter().map(|mut r| {
                r.context = true;
                r
            }));
        }
        // Where the words were found, when the wording shown does not have them all.
        let mut ctx_row = self.conn().prepare_cached(
            "SELECT source_title, excerpt, rationale FROM claim_context_fts WHERE rowid = ?1",
        )?;
        for r in rows.iter_mut() {
            if words.covered_by(&r.item.text) {
                continue;
            }
            let around: Option<(String, String, String)> =
                ctx_row.query_row([r.id], |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?))).optional()?;
            let (titles, excerpts, rationale) = around.unwrap_or_default();
            let claimant = r.item.claimant.clone().unwrap_or_default();
            r.item.snippet = words.snippet(
                &r.item.text,
                &[
                    (SnippetField::Summary, r.summary.as_str()),
                    (SnippetField::Claimant, claimant.as_str()),
                    (SnippetField::SourceTitle, titles.as_str()),
                    (SnippetField::Excerpt, excerpts.as_str()),
                    (SnippetField::Rationale, rationale.as_str()),
                ],
            );
        }
        let mut page = finish(rows, limit, own_total + ctx_total, own_exact && ctx_exact);
        if go_on.is_some() {
            page.next_cursor = go_on;
        }
        Ok(page)
    }

    /// The rows of the FTS5 table that match, read up to COMMON_MATCHES + 1.
    fn fts_ids(&self, table: &str, expr: &str) -> Result<Vec<i64>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 LIMIT ?2"))?
            .query_map(params![expr, COMMON_MATCHES + 1], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Of `candidates` (claims with a search word in their surroundings), those with every word in
    /// the claim or its surroundings and not every word in the claim itself.
    fn context_matches(&self, candidates: &[i64], words: &SearchWords, check_own: bool) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.text, c.summary, coalesce(cl.name, ''), x.c0, x.c1, x.c2
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
             JOIN claim_context_fts_content x ON x.id = c.id
             WHERE c.id = ?1",
        )?;
        let mut out = Vec::new();
        for &id in candidates {
            let row: Option<[String; 6]> = stmt
                .query_row([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
                .optional()?;
            let Some(f) = row else { continue };
            if context_match(words, [&f[0], &f[1], &f[2]], [&f[3], &f[4], &f[5]], check_own) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Walks the claims meeting `conds` in `sort` order after `after` and keeps those the search
    /// finds (`what`), checked here, until `limit` are found or `budget` claims were read. Returns
    /// the ids kept, in order, and where it stopped.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        sort: ClaimSort,
        conds: &[String],
        args: &[Value],
        after: Option<&Cursor>,
        words: &SearchWords,
        what: WalkFor,
        limit: usize,
        budget: usize,
    ) -> Result<(Vec<i64>, Walked)> {
        let (key_col, index) = sort_key(sort);
        let filter = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
        let mut args = args.to_vec();
        let context = match what {
            WalkFor::Own => "'', '', ''",
            WalkFor::Context => "coalesce(x.c0, ''), coalesce(x.c1, ''), coalesce(x.c2, '')",
        };
        let context_join = match what {
            WalkFor::Own => "",
            // The surroundings' text from the index's own content table (FTS5's `_content`, one
            // row per claim, columns in the order declared): a plain b-tree read, where asking the
            // FTS5 table for a row by rowid costs several times more per claim walked.
            WalkFor::Context => "LEFT JOIN claim_context_fts_content x ON x.id = c.id",
        };
        let mut sql = format!(
            "SELECT c.id, c.text, c.summary, coalesce(cl.name, ''), {context}, {key_col}
             FROM claims c INDEXED BY {index} LEFT JOIN claimants cl ON cl.id = c.claimant_id {context_join}
             WHERE {filter}"
        );
        if let Some(c) = after {
            sql.push_str(&format!(" AND ({key_col}, c.id) < (?, ?)"));
            args.push(c.key.clone());
            args.push(Value::Integer(c.id));
        }
        sql.push_str(&format!(" ORDER BY {key_col} DESC, c.id DESC"));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let all = words.all();
        let (mut found, mut read) = (Vec::new(), 0usize);
        let mut last: Option<(Value, i64)> = None;
        while let Some(r) = rows.next()? {
            if found.len() >= limit {
                return Ok((found, Walked::Filled));
            }
            if read >= budget {
                return Ok((found, last.map_or(Walked::Filled, |(key, id)| Walked::Budget { key, id })));
            }
            read += 1;
            last = Some((r.get(7)?, r.get(0)?));
            let f: [&str; 3] = [r.get_ref(1)?.as_str().unwrap_or(""), r.get_ref(2)?.as_str().unwrap_or(""), r.get_ref(3)?.as_str().unwrap_or("")];
            let keep = match what {
                WalkFor::Own => words.found_in_fields(&f) == all,
                WalkFor::Context => {
                    let x: [&str; 3] = [r.get_ref(4)?.as_str().unwrap_or(""), r.get_ref(5)?.as_str().unwrap_or(""), r.get_ref(6)?.as_str().unwrap_or("")];
                    context_match(words, f, x, true)
                }
            };
            if keep {
                found.push(r.get(0)?);
            }
        }
        Ok((found, Walked::End))
    }

    /// How many claims meet `conds`, counted up to COMMON_MATCHES: beyond that the count is a
    /// floor (false), so a page costs the same in a workspace of a thousand claims or a million.
    fn count_where(&self, conds: &[String], args: &[Value]) -> Result<(u32, bool)> {
        let filter = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
        let mut args = args.to_vec();
        args.push(Value::Integer(i64::from(COMMON_MATCHES) + 1));
        let n: u32 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM (SELECT 1 FROM claims c WHERE {filter} LIMIT ?)"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(if n > COMMON_MATCHES { (COMMON_MATCHES, false) } else { (n, true) })
    }

    /// One page of the claims meeting `conds`, in `sort` order after `after`.
    fn page(&self, sort: ClaimSort, conds: &[String], args: &[Value], after: Option<&Cursor>, limit: u32) -> Result<Vec<Row>> {
        let (key_col, _) = sort_key(sort);
        let filter = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
        let mut args = args.to_vec();
        // The page's ids first, then their rows: the columns a row shows (its rating, evidence
        // count, who checked it) are each a lookup, and SQLite computes a row's columns before
        // sorting. Selected and sorted whole, the 1,160 matches of a two-word search cost 48 ms
        // at a million claims, for a page of 50.
        let mut ids = format!("SELECT c.id FROM claims c WHERE {filter}");
        if let Some(c) = after {
            ids.push_str(&format!(" AND ({key_col}, c.id) < (?, ?)"));
            args.push(c.key.clone());
            args.push(Value::Integer(c.id));
        }
        ids.push_str(&format!(" ORDER BY {key_col} DESC, c.id DESC LIMIT ?"));
        args.push(Value::Integer(i64::from(limit)));
        let sql = format!(
            "SELECT c.id, c.uuid, c.text, cl.name, c.said_on, c.status, c.updated_at,
                    {RATING_COLS},
                    (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id), {key_col}, c.summary, c.origin,
                    c.worthiness,
                    {CHECKED_BY_COL}
             FROM ({ids}) p
             JOIN claims c ON c.id = p.id
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
             LEFT JOIN ratings r ON r.id = v.rating_id
             ORDER BY {key_col} DESC, c.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let updated: String = r.get(6)?;
                let status: String = r.get(5)?;
                Ok(Row {
                    id: r.get(0)?,
                    key: r.get(14)?,
                    context: false,
                    summary: r.get(15)?,
                    item: ClaimSummary {
                        uuid: r.get(1)?,
                        text: r.get(2)?,
                        claimant: r.get(3)?,
                        said_on: parse_date(r.get(4)?)?,
                        status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                        rating: rating_from_row(r, 7)?,
                        evidence_count: r.get(13)?,
                        updated_at: parse_ts(&updated)?,
                        origin: origin_of(&r.get::<_, String>(16)?),
                        worthiness: r.get::<_, Option<f64>>(17)?.map(|w| w as f32),
                        snippet: None,
                        checked_by: r.get::<_, Option<String>>(18)?.map(|b| checked_by(&b)),
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Scores the claims that have no check-worthiness yet (those of a workspace made before
    /// schema 8), a batch per transaction; a workspace already scored costs one index probe.
    pub(crate) fn backfill_worthiness(&mut self) -> Result<()> {
        const BATCH: i64 = 2_000;
        loop {
            let todo: Vec<(i64, String, Option<String>)> = self
                .conn()
                .prepare_cached(
                    "SELECT c.id, c.text, cl.name FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
                     WHERE coalesce(c.worthiness, -1) = -1 LIMIT ?1",
                )?
                .query_map([BATCH], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if todo.is_empty() {
                return Ok(());
            }
            let tx = self.upkeep_transaction()?;
            {
                let mut set = tx.prepare_cached("UPDATE claims SET worthiness = ?1 WHERE id = ?2")?;
                for (id, text, claimant) in &todo {
                    set.execute(params![worthiness_of(text, claimant.as_deref()), id])?;
                }
            }
            tx.commit()?;
            if (todo.len() as i64) < BATCH {
                return Ok(());
            }
        }
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

/// The filters of a list query other than the search, as SQL conditions on `claims c`.
fn list_filters(q: &ClaimQuery) -> Result<(Vec<String>, Vec<Value>)> {
    // The SQL is built for the filters actually given: `?1 IS NULL OR …` clauses keep SQLite
    // from starting at the search index, and made every list call scan the whole table.
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(st) = q.status {
        conds.push("c.status = ?".into());
        args.push(Value::Text(st.as_str().to_string()));
    }
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(u) = text(&q.claimant) {
        conds.push("c.claimant_id = (SELECT id FROM claimants WHERE uuid = ?)".into());
        args.push(Value::Text(u));
    }
    if let Some(t) = text(&q.tag) {
        conds.push("c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ? COLLATE NOCASE)".into());
        args.push(Value::Text(t.trim_start_matches('#').to_string()));
    }
    if let Some(a) = text(&q.assignee) {
        conds.push("c.assignee = ? COLLATE NOCASE".into());
        args.push(Value::Text(a));
    }
    if let Some(k) = text(&q.rating) {
        conds.push(
            "c.id IN (SELECT v2.claim_id FROM verdicts v2 JOIN ratings r2 ON r2.id = v2.rating_id
                      WHERE v2.superseded_at IS NULL AND r2.key = ?)"
                .into(),
        );
        args.push(Value::Text(k));
    }
    for (field, day, cond) in [("said_from", &q.said_from, "c.said_on >= ?"), ("said_to", &q.said_to, "c.said_on <= ?")] {
        if let Some(d) = text(day) {
            conds.push(cond.into());
            args.push(Value::Text(super::parse_user_date(field, &d)?.format("%Y-%m-%d").to_string()));
        }
    }
    // A literal, so the partial index of imported claims can serve it.
    match q.origin {
        Some(ClaimOrigin::Imported) => conds.push("c.origin = 'imported'".into()),
        Some(ClaimOrigin::Desk) => conds.push("c.origin = 'desk'".into()),
        None => {}
    }
    Ok((conds, args))
}

/// The list's order: the key column (descending, then id) and the index that serves it.
fn sort_key(sort: ClaimSort) -> (&'static str, &'static str) {
    match sort {
        ClaimSort::Updated => ("c.updated_at", "claims_updated"),
        // Undated claims as '' (last).
        ClaimSort::Said => ("coalesce(c.said_on, '')", "claims_said"),
        // Unscored claims as -1 (last).
        ClaimSort::Worthiness => ("coalesce(c.worthiness, -1)", "claims_worthiness"),
    }
}

/// The claims a search finds only through their surroundings: too many to read from the index
/// (they are found by walking the list), or these.
enum Surroundings {
    Common,
    Found(Vec<i64>),
}

/// What a walk of the list looks for: claims with every word in their own fields, or those found
/// only through their surroundings.
#[derive(Clone, Copy)]
enum WalkFor {
    Own,
    Context,
}

/// Where a walk stopped: the page was filled, every claim was read, or the budget of claims to
/// read ran out at this claim (the next page goes on from there).
#[derive(Debug, Clone, PartialEq)]
enum Walked {
    Filled,
    End,
    Budget { key: Value, id: i64 },
}

/// Claims a common search with a filter reads to count its matches; beyond, the count is a floor.
const WALK_COUNT_BUDGET: usize = 2_000;
/// Claims one page of a common search reads at most: a search whose matches are sparse in the list
/// returns a short page (or none) with a cursor to go on from, rather than reading the whole list,
/// and the list asks for more while the window is not full. Each claim read costs 2–3 µs at a
/// million claims, so a page costs 5–6 ms at most; a budget of 5,000 made the slowest two-word
/// searches 18 ms (2026-12-07), at the cost of fewer rows a request for the sparsest searches.
const WALK_PAGE_BUDGET: usize = 2_000;

/// Ids as a JSON array, for `json_each`.
pub(super) fn ids_json(ids: &[i64]) -> Value {
    Value::Text(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()))
}

/// Found through its surroundings: every word in the claim (wording, summary, claimant) or its
/// surroundings (source titles, excerpts, rationale), one at least in the surroundings, and (when
/// `check_own`) not every word in the claim itself.
fn context_match(words: &SearchWords, claim: [&str; 3], around: [&str; 3], check_own: bool) -> bool {
    let all = words.all();
    let own = words.found_in_fields(&claim);
    if check_own && own == all {
        return false;
    }
    let around = words.found_in_fields(&around);
    around != 0 && (own | around) == all
}

/// A row of a page with what paging and snippets need.
struct Row {
    id: i64,
    key: Value,
    /// Found through the claim's surroundings (the second group of a search).
    context: bool,
    summary: String,
    item: ClaimSummary,
}

/// Where the previous page ended: "key|id", with "ctx:" in front inside the second group of a search.
struct Cursor {
    context: bool,
    key: Value,
    id: i64,
}

fn finish(rows: Vec<Row>, limit: u32, total: u32, total_exact: bool) -> ClaimPage {
    // A floor is never below what the page lists (a search found only through the claims'
    // surroundings, too common to count, would say "0+ claims" above 50 rows).
    let total = if total_exact { total } else { total.max(rows.len() as u32) };
    let next_cursor = match rows.last() {
        Some(last) if rows.len() as u32 == limit => Some(cursor_text(last.context, &last.key, last.id)),
        _ => None,
    };
    ClaimPage { items: rows.into_iter().map(|r| r.item).collect(), next_cursor, total, total_exact }
}

/// "key|id", with "ctx:" in front inside the second group of a search (see [`Cursor`]).
fn cursor_text(context: bool, key: &Value, id: i64) -> String {
    let key = match key {
        Value::Text(t) => t.clone(),
        Value::Real(f) => f.to_string(),
        Value::Integer(i) => i.to_string(),
        _ => String::new(),
    };
    format!("{}{key}|{id}", if context { "ctx:" } else { "" })
}

fn parse_cursor(s: &str, sort: ClaimSort) -> Result<Cursor> {
    let bad = || Error::validation("cursor", "The list position is out of date; reload the list.");
    let (rest, context) = match s.strip_prefix("ctx:") {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (at, id) = rest.rsplit_once('|').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    let key = match sort {
        ClaimSort::Updated => {
            super::parse_ts(at).map_err(|_| bad())?;
            Value::Text(at.to_string())
        }
        // A day, or '' for undated.
        ClaimSort::Said => {
            if !at.is_empty() && chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d").is_err() {
                return Err(bad());
            }
            Value::Text(at.to_string())
        }
        // A score, or -1 for unscored.
        ClaimSort::Worthiness => Value::Real(at.parse::<f64>().ok().filter(|f| f.is_finite()).ok_or_else(bad)?),
    };
    Ok(Cursor { context, key, id })
}

/// "publisher\u{1f}rating text", as the list query joins them.
/// The column of a claim (`c`) that says who else checked it: the newest imported review's publisher
/// and rating, joined by U+001F; read with [`checked_by`].
pub(crate) const CHECKED_BY_COL: &str = "(SELECT x.publisher || char(31) || x.rating_text FROM external_reviews x WHERE x.claim_id = c.id
     ORDER BY x.reviewed_on IS NULL, x.reviewed_on DESC, x.id LIMIT 1)";

pub(crate) fn checked_by(joined: &str) -> CheckedBy {
    let (publisher, rating_text) = joined.split_once('\u{1f}').unwrap_or((joined, ""));
    CheckedBy { publisher: publisher.to_string(), rating_text: rating_text.to_string() }
}

pub(crate) fn origin_of(s: &str) -> ClaimOrigin {
    match s {
        "imported" => ClaimOrigin::Imported,
        _ => ClaimOrigin::Desk,
    }
}

/// Scores are kept to three decimals, so a cursor's key reads back exactly.
fn round_score(score: f32) -> f64 {
    (f64::from(score).clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// A claim's check-worthiness as stored: the score of its wording and claimant, to three decimals.
pub(super) fn worthiness_of(text: &str, claimant: Option<&str>) -> f64 {
    round_score(crate::language::worthiness::claim_worthiness(text, claimant))
}

/// One row of `claim_context_fts` for claim ?1 (nothing when it has no evidence and no verdict):
/// the titles of its evidence sources and its excerpts, each once and a line apart, in the order
/// linked, and the current verdict's rationale. Migration 0008 fills the table the same way.
const CONTEXT_ROW_SQL: &str = "INSERT INTO claim_context_fts (rowid, source_title, excerpt, rationale)
SELECT c.id,
       coalesce((SELECT group_concat(t.title, char(10)) FROM
                   (SELECT s.title AS title FROM evidence e JOIN sources s ON s.id = e.source_id
                    WHERE e.claim_id = c.id GROUP BY s.id ORDER BY min(e.id)) t), ''),
       coalesce((SELECT group_concat(x.excerpt, char(10)) FROM
                   (SELECT e.excerpt AS excerpt FROM evidence e
                    WHERE e.claim_id = c.id AND e.excerpt <> '' ORDER BY e.id) x), ''),
       coalesce((SELECT v.rationale FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL), '')
FROM claims c
WHERE c.id = ?1
  AND (EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id)
       OR EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL))";

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


#[cfg(test)]
mod walk_tests {
    //! The walk of a common search checks each claim here instead of asking the index: the two
    //! must find the same claims, in every script the desk may hold.
    use super::*;
    use std::collections::BTreeSet;

    /// Every string under a "claimReviewed" key in the shared ClaimReview fixtures (several
    /// languages and scripts), if they are beside the project.
    fn fixture_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/claimreview");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping the fixtures part: {} is not there", dir.display());
            return Vec::new();
        };
        fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        match x {
                            serde_json::Value::String(s) if k == "claimReviewed" && !s.trim().is_empty() => out.push(s.clone()),
                            _ => collect(x, out),
                        }
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(e.path()).unwrap()) {
                    collect(&v, &mut out);
                }
            }
        }
        out
    }

    #[test]
    fn a_walk_out_of_budget_says_where_to_go_on_and_going_on_finds_every_match() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.factdesk")).unwrap();
        let inputs: Vec<ClaimInput> = (0..300)
            .map(|i| ClaimInput { text: format!("Claim {i}{}", if i % 50 == 7 { " about zebras" } else { "" }), ..Default::default() })
            .collect();
        store.create_claims(&inputs).unwrap();
        let words = SearchWords::parse("zebra").unwrap();
        let (mut found, mut after, mut walks) = (Vec::new(), None::<Cursor>, 0);
        loop {
            walks += 1;
            let (ids, stop) = store.walk(ClaimSort::Updated, &[], &[], after.as_ref(), &words, WalkFor::Own, 50, 40).unwrap();
            found.extend(ids);
            match stop {
                Walked::Budget { key, id } => after = Some(Cursor { context: false, key, id }),
                Walked::End => break,
                Walked::Filled => panic!("six matches never fill a page of 50"),
            }
        }
        assert_eq!(walks, 8, "300 claims, 40 a walk");
        let texts: Vec<String> = found
            .iter()
            .map(|id| store.conn().query_row("SELECT text FROM claims WHERE id = ?1", [id], |r| r.get(0)).unwrap())
            .collect();
        assert_eq!(texts, ["Claim 257 about zebras", "Claim 207 about zebras", "Claim 157 about zebras", "Claim 107 about zebras", "Claim 57 about zebras", "Claim 7 about zebras"]);
    }

    #[test]
    fn the_walk_finds_what_the_index_finds() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.factdesk")).unwrap();
        let mut texts: Vec<String> = [
            "The café’s naïve owner said prices rose 3.5% in Zürich",
            "Die Straße in Köln: Mieten stiegen um 12 Prozent",
            "Cafe\u{301} owners in Sa\u{303}o Paulo say crime fell",
            "İstanbul'da enflasyon yüzde 60'ı aştı, dedi bakan",
            "Giá xăng tăng mạnh ở Hà Nội trong tháng Ba",
            "قال الوزير إن البطالة انخفضت في عام 2023",
            "मंत्री ने कहा कि बेरोज़गारी घटकर 7 प्रतिशत रह गई",
            "東京の人口は2020年に1400万人を超えた",
            "Œuvre and æsthetics: the ﬁrst ﬂoor of the Øresund bridge",
            "Łódź and Gdańsk, the mayor's claim about 1,000 jobs",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(fixture_texts().into_iter().take(1_500));
        let inputs: Vec<ClaimInput> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ClaimInput {
                text: t.chars().take(1_000).collect(),
                summary: if i % 3 == 0 { "Über den Haushalt".into() } else { String::new() },
                claimant: Some(["Ana Peña", "Łukasz Nowak", "Jean Dupont"][i % 3].into()),
                ..Default::default()
            })
            .collect();
        store.create_claims(&inputs).unwrap();

        // Query words: prefixes (2 to 6 characters) of words found in the claims, alone and in pairs.
        let mut prefixes: BTreeSet<String> = BTreeSet::new();
        for t in texts.iter().step_by(7).chain(texts.iter().take(10)) {
            for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(6) {
                let chars: Vec<char> = w.chars().collect();
                for n in [2, 4, 6] {
                    if chars.len() >= n {
                        prefixes.insert(chars[..n].iter().collect());
                    }
                }
            }
        }
        let prefixes: Vec<String> = prefixes.into_iter().collect();
        let mut queries: Vec<String> = prefixes.clone();
        queries.extend(prefixes.windows(2).step_by(5).map(|p| format!("{} {}", p[0], p[1])));
        queries.extend(["ZURICH", "cafe", "strasse", "lodz", "oresund", "istanbul", "ha noi", "pena", "uber"].map(String::from));
        assert!(queries.len() > 100, "{} queries", queries.len());

        let mut compared = 0;
        for q in &queries {
            let Some(words) = SearchWords::parse(q) else { continue };
            let expr = words.fts_all();
            let by_index: BTreeSet<i64> = store
                .conn()
                .prepare("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1")
                .unwrap()
                .query_map([&expr], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let (walked, stop) =
                store.walk(ClaimSort::Updated, &[], &[], None, &words, WalkFor::Own, usize::MAX, usize::MAX).unwrap();
            assert_eq!(stop, Walked::End);
            let walked: BTreeSet<i64> = walked.into_iter().collect();
            assert_eq!(walked, by_index, "search {q:?} ({expr})");
            compared += 1;
        }
        assert!(compared > 100);
    }
}
