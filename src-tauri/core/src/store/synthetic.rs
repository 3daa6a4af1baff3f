//! The bulk write path of synthetic workspaces (`crate::synthetic`): the rows the store's own write
//! path writes for a generated claim (the claim and its tags, its search rows, its place in the
//! indexer's queue, evidence, a verdict, sign-offs, the claimant when new, and a history row for
//! every step), written with one prepared statement per kind of row, reused across a chunk of
//! claims in one transaction.
//!
//! Everything that needs no database is done beforehand by [`prepare_synthetic_claim`] (on the
//! generator's thread): validation as the write path does it, the check-worthiness, the UUIDs, the
//! history rows' text, the claim's row of surroundings in the search index, and the workflow's
//! checks, done once in memory for the route the generator planned (each move one the workflow
//! allows, and the publish gate passed: a verdict, evidence and every required item signed off).
//! A claim is written once, in its final status, instead of once and then updated at every step.
//!
//! `tests/synthetic_bulk.rs` checks that this path and the write path leave the same workspace.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::claims::{validate, worthiness_of};
use super::verdicts::current_scale;
use super::workflow::{label, next_statuses};
use super::{new_uuid, Change, Store};
use crate::error::{Error, Result};
use crate::model::limits::{MAX_EXCERPT_CHARS, MAX_RATIONALE_CHARS};
use crate::model::{ClaimInput, ClaimStatus, Stance};

/// The least and the most of SQLite's page cache while a synthetic workspace is written, in KiB
/// (see [`Store::with_bulk_cache`]).
const BULK_CACHE_KIB: (i64, i64) = (64 * 1024, 1024 * 1024);

/// The search indexes, which keep a new row's words in memory (up to their `hashsize`, 1 MiB
/// unless set) and write them out as a new segment of the index, merged with the others as they
/// pile up: merging is most of what a million claims cost the search indexes.
const SEARCH_TABLES: [&str; 2] = ["claims_fts", "claim_context_fts"];
/// FTS5's own `hashsize` when none is set.
const FTS5_DEFAULT_HASHSIZE: i64 = 1024 * 1024;
/// The `hashsize` while a chunk is written: a chunk's words make one segment, not dozens, so there
/// is far less to merge.
const BULK_HASHSIZE: i64 = 64 * 1024 * 1024;

/// What the synthetic claims link to, looked up once for the whole fill.
pub(crate) struct SyntheticTargets {
    /// The shared pool of sources, in the generator's order: id, title, newest capture.
    sources: Vec<(i64, String, Option<i64>)>,
    /// The ratings of the workspace's scale by key: id and label.
    ratings: HashMap<String, (i64, String)>,
    /// The required items of the active checklist, in order: id, UUID, label.
    checklist: Vec<(i64, String, String)>,
}

/// One piece of evidence a generated claim gets: the pool's source `source` (an index).
pub(crate) struct SynEvidence {
    pub(crate) source: usize,
    pub(crate) excerpt: String,
    pub(crate) stance: Stance,
    pub(crate) note: String,
}

/// The verdict a generated claim gets.
pub(crate) struct SynVerdict {
    pub(crate) rating_key: String,
    pub(crate) rationale: String,
}

/// One history row, but for the time, the actor and the claim's id (known when written).
struct HistoryRow {
    uuid: String,
    entity: &'static str,
    entity_uuid: String,
    action: &'static str,
    detail: String,
}

struct BulkEvidence {
    uuid: String,
    source: usize,
    excerpt: String,
    stance: Stance,
    note: String,
}

/// A generated claim ready to be written by [`Store::write_synthetic_chunk`].
pub(crate) struct BulkClaim {
    uuid: String,
    text: String,
    summary: String,
    claimant: Option<String>,
    claimant_role: Option<String>,
    said_on: Option<String>,
    said_where: String,
    language: String,
    context: String,
    assignee: String,
    tags: Vec<String>,
    worthiness: f64,
    status: ClaimStatus,
    evidence: Vec<BulkEvidence>,
    /// UUID, rating id, rationale.
    verdict: Option<(String, i64, String)>,
    /// Every required checklist item signed off (on the way to published).
    signed: bool,
    /// In the order the write path writes them.
    history: Vec<HistoryRow>,
    /// The claim's row of `claim_context_fts` (titles, excerpts, rationale), when it has one.
    surroundings: Option<(String, String, String)>,
}

impl BulkClaim {
    pub(crate) fn claimant(&self) -> Option<&str> {
        self.claimant.as_deref()
    }

    pub(crate) fn evidence_count(&self) -> usize {
        self.evidence.len()
    }

    pub(crate) fn has_verdict(&self) -> bool {
        self.verdict.is_some()
    }
}

/// The detail of a history row, as [`super::Tx::record`] writes it for a change with no fields.
fn detail(summary: &str) -> String {
    let changes: &[Change] = &[];
    json!({ "summary": summary, "changes": changes }).to_string()
}

fn history(entity: &'static str, entity_uuid: &str, action: &'static str, summary: &str) -> HistoryRow {
    HistoryRow { uuid: new_uuid(), entity, entity_uuid: entity_uuid.to_string(), action, detail: detail(summary) }
}

fn stance_phrase(s: Stance) -> &'static str {
    match s {
        Stance::Supports => "supports the claim",
        Stance::Refutes => "refutes the claim",
        Stance::Context => "gives context",
    }
}

/// Validates a generated claim and what happens to it as the write path would (`insert_claim`,
/// `insert_evidence`, `insert_verdict`, `move_status` along `route`, then, for `status`
/// published, `set_check` on every required item and the move to published), and makes the rows
/// to write. Needs no database: runs on the generator's thread.
pub(crate) fn prepare_synthetic_claim(
    targets: &SyntheticTargets,
    input: &ClaimInput,
    evidence: Vec<SynEvidence>,
    verdict: Option<SynVerdict>,
    route: &[ClaimStatus],
    status: ClaimStatus,
) -> Result<BulkClaim> {
    let v = validate(input)?;
    let uuid = new_uuid();
    let mut rows = Vec::with_capacity(2 + evidence.len() + route.len() + targets.checklist.len());
    let who = v.claimant.as_deref().map(|c| format!(" by {c}")).unwrap_or_default();
    rows.push(history("claim", &uuid, "created", &format!("Captured the claim{who}")));

    let mut linked = Vec::with_capacity(evidence.len());
    for e in evidence {
        let (_, title, _) = targets
            .sources
            .get(e.source)
            .ok_or_else(|| Error::not_found("source", format!("synthetic pool source {}", e.source)))?;
        let excerpt = e.excerpt.trim();
        if excerpt.chars().count() > MAX_EXCERPT_CHARS {
            return Err(Error::validation(
                "excerpt",
                format!("An excerpt is at most {MAX_EXCERPT_CHARS} characters: quote the passage that matters."),
            ));
        }
        let ev = BulkEvidence {
            uuid: new_uuid(),
            source: e.source,
            excerpt: excerpt.to_string(),
            stance: e.stance,
            note: e.note.trim().to_string(),
        };
        rows.push(history(
            "evidence",
            &ev.uuid,
            "linked",
            &format!("Linked source “{title}” as evidence that {}", stance_phrase(e.stance)),
        ));
        linked.push(ev);
    }

    let verdict = match verdict {
        None => None,
        Some(vd) => {
            let key = vd.rating_key.trim();
            let (rating_id, rating_label) = targets.ratings.get(key).ok_or_else(|| {
                Error::validation("rating_key", format!("“{key}” is not a rating on the workspace's scale."))
            })?;
            let rationale = vd.rationale.trim();
            if rationale.is_empty() {
                return Err(Error::validation(
                    "rationale",
                    "A verdict needs a rationale: say in a sentence or two why the evidence leads to this rating.",
                ));
            }
            if rationale.chars().count() > MAX_RATIONALE_CHARS {
                return Err(Error::validation("rationale", format!("A rationale is at most {MAX_RATIONALE_CHARS} characters.")));
            }
            let uuid = new_uuid();
            rows.push(history("verdict", &uuid, "recorded", &format!("Recorded verdict “{rating_label}”")));
            Some((uuid, *rating_id, rationale.to_string()))
        }
    };

    // The workflow's checks, for a claim that was never published.
    let mut from = input.status.unwrap_or(ClaimStatus::New);
    let step = |from: ClaimStatus, to: ClaimStatus, rows: &mut Vec<HistoryRow>| -> Result<()> {
        if from == to {
            return Ok(());
        }
        if !next_statuses(from, false).contains(&to) {
            return Err(Error::validation(
                "status",
                format!("A {} claim cannot be set to {}.", label(from), label(to)),
            ));
        }
        let summary =
            if to == ClaimStatus::Published { "Published".to_string() } else { format!("Status {} → {}", label(from), label(to)) };
        rows.push(history("claim", &uuid, "status", &summary));
        Ok(())
    };
    for &to in route {
        step(from, to, &mut rows)?;
        from = to;
    }
    let signed = status == ClaimStatus::Published;
    if signed {
        if from.is_locked() || from == ClaimStatus::Archived {
            return Err(Error::Conflict(format!("A {} claim's checklist cannot be signed off.", label(from))));
        }
        for (_, item_uuid, item_label) in &targets.checklist {
            rows.push(history("checklist", item_uuid, "signed", &format!("Signed off “{item_label}”")));
        }
        if verdict.is_none() || linked.is_empty() {
            return Err(Error::validation("status", "This claim cannot be published yet: it needs a verdict and evidence."));
        }
        step(from, ClaimStatus::Published, &mut rows)?;
        from = ClaimStatus::Published;
    }
    if from != status {
        return Err(Error::validation(
            "status",
            format!("The route of a synthetic claim ends at {}, not {}.", label(from), label(status)),
        ));
    }

    // What `claim_context_fts` holds for the claim: its sources' titles (each once, in the order
    // first linked), its non-empty excerpts in order, and the current verdict's rationale.
    let surroundings = (!linked.is_empty() || verdict.is_some()).then(|| {
        let mut seen: Vec<i64> = Vec::with_capacity(linked.len());
        let mut titles: Vec<&str> = Vec::with_capacity(linked.len());
        for e in &linked {
            let (id, title, _) = &targets.sources[e.source];
            if !seen.contains(id) {
                seen.push(*id);
                titles.push(title);
            }
        }
        let excerpts: Vec<&str> = linked.iter().map(|e| e.excerpt.as_str()).filter(|x| !x.is_empty()).collect();
        let rationale = verdict.as_ref().map(|(_, _, r)| r.clone()).unwrap_or_default();
        (titles.join("\n"), excerpts.join("\n"), rationale)
    });

    let claimant_role = input.claimant_role.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Ok(BulkClaim {
        worthiness: worthiness_of(&v.text, v.claimant.as_deref()),
        uuid,
        text: v.text,
        summary: v.summary,
        claimant: v.claimant,
        claimant_role,
        said_on: v.said_on,
        said_where: v.said_where,
        language: v.language,
        context: v.context,
        assignee: v.assignee,
        tags: v.tags,
        status,
        evidence: linked,
        verdict,
        signed,
        history: rows,
        surroundings,
    })
}

impl Store {
    /// Whether synthetic claims must go through the write path: on a desk's replica, whose
    /// outbox records every change as the write path makes it.
    pub(crate) fn synthetic_needs_write_path(&self) -> Result<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM desk)", [], |r| r.get(0))?)
    }

    /// Looks up the pool's sources (by UUID, in order), the scale's ratings and the required
    /// checklist items, for [`prepare_synthetic_claim`] and [`Store::write_synthetic_chunk`].
    pub(crate) fn synthetic_targets(&self, source_uuids: &[String]) -> Result<SyntheticTargets> {
        let mut source = self.conn().prepare_cached("SELECT id, title FROM sources WHERE uuid = ?1")?;
        let mut capture = self.conn().prepare_cached("SELECT max(id) FROM captures WHERE source_id = ?1")?;
        let mut sources = Vec::with_capacity(source_uuids.len());
        for uuid in source_uuids {
            let (id, title): (i64, String) = source
                .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::not_found("source", uuid))?;
            let capture_id: Option<i64> = capture.query_row([id], |r| r.get(0))?;
            sources.push((id, title, capture_id));
        }
        let scale = current_scale(self.conn())?.0;
        let ratings = self
            .conn()
            .prepare_cached("SELECT key, id, label FROM ratings WHERE scale_id = ?1")?
            .query_map([scale], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let checklist = self
            .conn()
            .prepare_cached(
                "SELECT id, uuid, label FROM checklist_items WHERE active = 1 AND required = 1 ORDER BY position, id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SyntheticTargets { sources, ratings, checklist })
    }

    /// Runs `f` (the writing of a synthetic workspace of `n` claims) with a page cache of a KiB a
    /// claim, between 64 MiB and 1 GiB, then puts the cache back as it was, whatever `f` returned.
    /// The indexes written all over (by date said, by worthiness, the search indexes' segments,
    /// which their merges read back) then stay in memory from one chunk to the next.
    pub(crate) fn with_bulk_cache<T>(&mut self, n: usize, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let before: i64 = self.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let kib = i64::try_from(n).unwrap_or(i64::MAX).clamp(BULK_CACHE_KIB.0, BULK_CACHE_KIB.1);
        self.conn().pragma_update(None, "cache_size", -kib)?;
        let out = f(self);
        let restored = self.conn().pragma_update(None, "cache_size", before);
        let out = out?;
        restored?;
        Ok(out)
    }

    /// Writes `claims` (made by [`prepare_synthetic_claim`]) in one transaction, together with
    /// the setting `key` = `value` (how far the generator got). `claimants`: the ids of the
    /// claimants already found or created, by name, kept from one chunk to the next.
    ///
    /// The rows go table by table (the chunk's claims, then their tags, their search rows, …),
    /// each table's with one statement: every index and search table is worked on in one stretch.
    pub(crate) fn write_synthetic_chunk(
        &mut self,
        targets: &SyntheticTargets,
        claims: &[BulkClaim],
        claimants: &mut HashMap<String, i64>,
        key: &str,
        value: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let conn = tx.conn();
            let (now, actor) = (tx.now(), tx.actor());
            // A bigger `hashsize` for the chunk, put back as it was (no row: the default) at its
            // end, in its transaction.
            let mut hashsizes = Vec::with_capacity(SEARCH_TABLES.len());
            for t in SEARCH_TABLES {
                let set: Option<i64> = conn
                    .prepare_cached(&format!("SELECT v FROM {t}_config WHERE k = 'hashsize'"))?
                    .query_row([], |r| r.get(0))
                    .optional()?;
                conn.prepare_cached(&format!("INSERT INTO {t} ({t}, rank) VALUES ('hashsize', ?1)"))?.execute([BULK_HASHSIZE])?;
                hashsizes.push(set);
            }

            // The claimants, found or created (with their history row) in the order the claims
            // name them, as the write path does.
            let mut find_claimant = conn.prepare_cached("SELECT id FROM claimants WHERE name = ?1 COLLATE NOCASE")?;
            let mut add_claimant = conn.prepare_cached(
                "INSERT INTO claimants (uuid, name, role, affiliation, created_at, updated_at)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
            )?;
            let mut who: Vec<Option<i64>> = Vec::with_capacity(claims.len());
            for c in claims {
                let Some(name) = c.claimant.as_deref() else {
                    who.push(None);
                    continue;
                };
                let id = match claimants.get(name) {
                    Some(&id) => id,
                    None => {
                        let found: Option<i64> = find_claimant.query_row([name], |r| r.get(0)).optional()?;
                        let id = match found {
                            Some(id) => id,
                            None => {
                                let uuid = new_uuid();
                                add_claimant.execute(params![uuid, name, c.claimant_role, now])?;
                                let id = conn.last_insert_rowid();
                                tx.record("claimant", &uuid, None, "created", &format!("Added claimant {name}"), &[])?;
                                id
                            }
                        };
                        claimants.insert(name.to_string(), id);
                        id
                    }
                };
                who.push(Some(id));
            }

            // The claims take the ids the write path's inserts would give them, one after the
            // other past the largest, so the rows that name them can be written table by table.
            let first: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM claims", [], |r| r.get(0))?;
            let ids = || (first..).zip(claims);
            let mut add = conn.prepare_cached(
                "INSERT INTO claims (id, uuid, text, summary, claimant_id, said_on, said_where, status, created_at, updated_at,
                                     language, context, assignee, worthiness, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            for ((id, c), claimant_id) in ids().zip(&who) {
                let published_at = (c.status == ClaimStatus::Published).then_some(now);
                add.execute(params![
                    id,
                    c.uuid,
                    c.text,
                    c.summary,
                    claimant_id,
                    c.said_on,
                    c.said_where,
                    c.status.as_str(),
                    now,
                    c.language,
                    c.context,
                    c.assignee,
                    c.worthiness,
                    published_at
                ])?;
            }
            let mut add = conn.prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?;
            for (id, c) in ids() {
                for t in &c.tags {
                    add.execute(params![id, t])?;
                }
            }
            let mut add =
                conn.prepare_cached("INSERT INTO claims_fts (rowid, text, summary, claimant) VALUES (?1, ?2, ?3, ?4)")?;
            for (id, c) in ids() {
                add.execute(params![id, c.text, c.summary, c.claimant.as_deref().unwrap_or("")])?;
            }
            // Every new claim waits for the matching model's indexer.
            let mut add = conn.prepare_cached("INSERT OR IGNORE INTO vector_queue (claim_id) VALUES (?1)")?;
            for (id, _) in ids() {
                add.execute([id])?;
            }
            let mut add = conn.prepare_cached(
                "INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, note, created_at, updated_at, capture_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            )?;
            for (id, c) in ids() {
                for e in &c.evidence {
                    let (source_id, _, capture_id) = &targets.sources[e.source];
                    add.execute(params![e.uuid, id, source_id, e.excerpt, e.stance.as_str(), e.note, now, capture_id])?;
                }
            }
            let mut add = conn.prepare_cached(
                "INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (id, c) in ids() {
                if let Some((uuid, rating_id, rationale)) = &c.verdict {
                    add.execute(params![uuid, id, rating_id, rationale, actor, now])?;
                }
            }
            let mut add = conn.prepare_cached(
                "INSERT INTO claim_checks (claim_id, item_id, done_by, done_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
            )?;
            for (id, _) in ids().filter(|(_, c)| c.signed) {
                for (item_id, _, _) in &targets.checklist {
                    add.execute(params![id, item_id, actor, now])?;
                }
            }
            let mut add = conn.prepare_cached(
                "INSERT INTO history (uuid, at, actor, entity, entity_uuid, claim_id, action, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (id, c) in ids() {
                for h in &c.history {
                    add.execute(params![h.uuid, now, actor, h.entity, h.entity_uuid, id, h.action, h.detail])?;
                }
            }
            let mut add = conn.prepare_cached(
                "INSERT INTO claim_context_fts (rowid, source_title, excerpt, rationale) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, c) in ids() {
                if let Some((titles, excerpts, rationale)) = &c.surroundings {
                    add.execute(params![id, titles, excerpts, rationale])?;
                }
            }
            for (t, set) in SEARCH_TABLES.into_iter().zip(hashsizes) {
                conn.prepare_cached(&format!("INSERT INTO {t} ({t}, rank) VALUES ('hashsize', ?1)"))?
                    .execute([set.unwrap_or(FTS5_DEFAULT_HASHSIZE)])?;
                if set.is_none() {
                    conn.prepare_cached(&format!("DELETE FROM {t}_config WHERE k = 'hashsize'"))?.execute([])?;
                }
            }
            tx.set_setting(key, value)
        })
    }
}
