//! The rows of a JSON bundle (see `model::bundle`): reading the claims an export selected, or the
//! whole workspace, with everything they rest on; and writing a bundle's records back as they
//! were, with their UUIDs, times and history. What an import does with each record (create,
//! update, skip) is decided in `interchange::bundle`.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

use super::claims::{validate, worthiness_of};
use super::sources::validate_source;
use super::{fmt_ts, new_uuid, parse_date, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::bundle::*;
use crate::model::{ClaimInput, SourceInput};

/// The UUIDs of what rests on a confidential source: the source, the evidence citing it and the
/// appearances it holds. Their history stays in the workspace with them.
const WITHHELD: &str = "SELECT uuid FROM sources WHERE confidential = 1
    UNION ALL SELECT e.uuid FROM evidence e JOIN sources s ON s.id = e.source_id WHERE s.confidential = 1
    UNION ALL SELECT a.uuid FROM appearances a JOIN sources s ON s.id = a.source_id WHERE s.confidential = 1";

impl Store {
    /// The bundle of the claims `uuids` (oldest first, whatever the order given) and what they rest
    /// on. When they are every claim of the workspace it is the whole workspace: every claimant and
    /// source too, and the history of what belongs to no claim. `progress(done, total)` is asked
    /// after each claim; false stops the read with [`Error::Cancelled`].
    pub(crate) fn read_bundle(
        &self,
        uuids: &[String],
        scope: String,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Bundle> {
        let conn = self.conn();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM claims WHERE uuid IN (SELECT value FROM json_each(?1)) ORDER BY id")?
            .query_map([json!(uuids).to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let total: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0))?;
        let whole = ids.len() as i64 == total;
        let mut claims = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            claims.push(claim_record(conn, *id)?);
            if !progress(i + 1, ids.len()) {
                return Err(Error::export_cancelled());
            }
        }
        // What the claims point at: a JSON list of UUIDs for `json_each`, or NULL for everything.
        let wanted = |refs: Vec<&String>| (!whole).then(|| json!(refs).to_string());
        let claimants = claimant_records(conn, wanted(claims.iter().filter_map(|c| c.claimant.as_ref()).collect()))?;
        let cited = claims.iter().flat_map(|c| {
            let held = c.appearances.iter().filter_map(|a| match a {
                Access::Open(a) => a.source.as_ref(),
                Access::Confidential { .. } => None,
            });
            held.chain(c.evidence.iter().filter_map(|e| match e {
                Access::Open(e) => Some(&e.source),
                Access::Confidential { .. } => None,
            }))
        });
        let sources = source_records(conn, wanted(cited.collect()))?;
        let hashes: Vec<&String> = sources.iter().flat_map(|s| s.captures.iter().map(|c| &c.sha256)).collect();
        let ids = json!(ids).to_string();
        Ok(Bundle {
            factdesk_export: BUNDLE_VERSION,
            scope,
            settings: settings(conn)?,
            scales: scale_records(conn)?,
            rating_names: super::rating_names::rating_names(conn)?,
            checklist: rows(
                conn,
                "SELECT uuid, position, label, required, active, created_at, rule FROM checklist_items ORDER BY id",
                [],
                |r| {
                    Ok(ChecklistItemRecord {
                        uuid: r.get(0)?,
                        position: r.get(1)?,
                        label: r.get(2)?,
                        required: r.get(3)?,
                        active: r.get(4)?,
                        created_at: ts(r, 5)?,
                        rule: r.get::<_, Option<String>>(6)?.and_then(|s| serde_json::from_str(&s).ok()),
                    })
                },
            )?,
            claimants,
            blobs: rows(
                conn,
                "SELECT sha256, bytes FROM blobs WHERE sha256 IN (SELECT value FROM json_each(?1)) ORDER BY sha256",
                [json!(hashes).to_string()],
                |r| Ok(BlobRecord { sha256: r.get(0)?, bytes: r.get(1)? }),
            )?,
            sources,
            claims,
            // Links between two of the claims: each claim's links through the index, the other end
            // checked against the list (`+` keeps SQLite from probing the index for every pair of
            // claims, which took 12 s for 20,000 claims).
            links: rows(
                conn,
                "SELECT a.uuid, b.uuid, l.kind, l.actor, l.at FROM claim_links l
                 JOIN claims a ON a.id = l.claim_a JOIN claims b ON b.id = l.claim_b
                 WHERE l.claim_a IN (SELECT value FROM json_each(?1)) AND +l.claim_b IN (SELECT value FROM json_each(?1))
                 ORDER BY l.id",
                [&ids],
                |r| Ok(LinkRecord { claims: [r.get(0)?, r.get(1)?], kind: r.get(2)?, actor: r.get(3)?, at: ts(r, 4)? }),
            )?,
            history: rows(
                conn,
                &format!(
                    "SELECT h.at, h.actor, h.entity, h.entity_uuid, c.uuid, h.action, h.detail
                     FROM history h LEFT JOIN claims c ON c.id = h.claim_id
                     WHERE (h.claim_id IN (SELECT value FROM json_each(?1)) OR (?2 AND h.claim_id IS NULL))
                       AND h.entity_uuid NOT IN ({WITHHELD})
                     ORDER BY h.id"
                ),
                params![ids, whole],
                |r| {
                    Ok(HistoryRecord {
                        at: ts(r, 0)?,
                        actor: r.get(1)?,
                        entity: r.get(2)?,
                        entity_uuid: r.get(3)?,
                        claim: r.get(4)?,
                        action: r.get(5)?,
                        detail: r.get(6)?,
                    })
                },
            )?,
        })
    }
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    Ok(conn.prepare_cached(sql)?.query_map(args, f)?.collect::<rusqlite::Result<_>>()?)
}

fn ts(r: &Row<'_>, i: usize) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    parse_ts(&r.get::<_, String>(i)?)
}

fn opt_ts(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<chrono::DateTime<chrono::Utc>>> {
    r.get::<_, Option<String>>(i)?.map(|s| parse_ts(&s)).transpose()
}

/// An enum column, by the name it has in JSON (the schema's CHECK lists the same names).
fn from_text<T: DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(r.get(i)?))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// An enum's column text (see [`from_text`]).
fn to_text<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Open, or withheld when `confidential` (the row rests on a confidential source of kind `kind`).
fn access<T>(r: &Row<'_>, confidential: usize, open: impl FnOnce() -> rusqlite::Result<T>) -> rusqlite::Result<Access<T>> {
    if r.get::<_, Option<bool>>(confidential)?.unwrap_or(false) {
        Ok(Access::Confidential { source_kind: from_text(r, confidential + 1)? })
    } else {
        open().map(Access::Open)
    }
}

fn settings(conn: &Connection) -> Result<BTreeMap<String, String>> {
    Ok(rows(conn, "SELECT key, value FROM settings WHERE key <> 'actor' ORDER BY key", [], |r| Ok((r.get(0)?, r.get(1)?)))?
        .into_iter()
        .collect())
}

fn scale_records(conn: &Connection) -> Result<Vec<ScaleRecord>> {
    let scales = rows(
        conn,
        "SELECT id, uuid, name, description, best_rating, worst_rating, preset, created_at FROM rating_scales ORDER BY id",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ScaleRecord {
                    uuid: r.get(1)?,
                    name: r.get(2)?,
                    description: r.get(3)?,
                    best_rating: r.get(4)?,
                    worst_rating: r.get(5)?,
                    preset: r.get(6)?,
                    created_at: ts(r, 7)?,
                    ratings: Vec::new(),
                },
            ))
        },
    )?;
    scales
        .into_iter()
        .map(|(id, mut s)| {
            s.ratings = rows(
                conn,
                "SELECT uuid, key, position, label, description, color, value, rating_value, alternate_name
                 FROM ratings WHERE scale_id = ?1 ORDER BY position",
                [id],
                |r| {
                    Ok(RatingRecord {
                        uuid: r.get(0)?,
                        key: r.get(1)?,
                        position: r.get(2)?,
                        label: r.get(3)?,
                        description: r.get(4)?,
                        color: r.get(5)?,
                        value: r.get(6)?,
                        rating_value: r.get(7)?,
                        alternate_name: r.get(8)?,
                    })
                },
            )?;
            Ok(s)
        })
        .collect()
}

fn claimant_records(conn: &Connection, wanted: Option<String>) -> Result<Vec<ClaimantRecord>> {
    rows(
        conn,
        "SELECT uuid, name, role, affiliation, created_at, updated_at FROM claimants
         WHERE ?1 IS NULL OR uuid IN (SELECT value FROM json_each(?1)) ORDER BY id",
        [wanted],
        |r| {
            Ok(ClaimantRecord {
                uuid: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                affiliation: r.get(3)?,
                created_at: ts(r, 4)?,
                updated_at: ts(r, 5)?,
            })
        },
    )
}

/// The sources asked for (every one for None), never a confidential one, with their captures.
fn source_records(conn: &Connection, wanted: Option<String>) -> Result<Vec<SourceRecord>> {
    let sources = rows(
        conn,
        "SELECT id, uuid, url, title, publisher, author, published_on, accessed_at, kind, reliability, reliability_note,
                created_at, updated_at
         FROM sources WHERE confidential = 0 AND (?1 IS NULL OR uuid IN (SELECT value FROM json_each(?1))) ORDER BY id",
        [wanted],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SourceRecord {
                    uuid: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    publisher: r.get(4)?,
                    author: r.get(5)?,
                    published_on: parse_date(r.get(6)?)?,
                    accessed_at: opt_ts(r, 7)?,
                    kind: from_text(r, 8)?,
                    reliability: from_text(r, 9)?,
                    reliability_note: r.get(10)?,
                    created_at: ts(r, 11)?,
                    updated_at: ts(r, 12)?,
                    captures: Vec::new(),
                },
            ))
        },
    )?;
    sources
        .into_iter()
        .map(|(id, mut s)| {
            let captures = rows(
                conn,
                "SELECT id, uuid, captured_at, method, requested_url, final_url, http_status, content_type, sha256, text, note, actor
                 FROM captures WHERE source_id = ?1 ORDER BY id",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        CaptureRecord {
                            uuid: r.get(1)?,
                            captured_at: ts(r, 2)?,
                            method: from_text(r, 3)?,
                            requested_url: r.get(4)?,
                            final_url: r.get(5)?,
                            http_status: r.get(6)?,
                            content_type: r.get(7)?,
                            sha256: r.get(8)?,
                            text: r.get(9)?,
                            note: r.get(10)?,
                            actor: r.get(11)?,
                            decisions: Vec::new(),
                        },
                    ))
                },
            )?;
            for (capture_id, mut c) in captures {
                c.decisions = rows(
                    conn,
                    "SELECT d.start, d.\"end\", d.decision, c.uuid, d.actor, d.at
                     FROM article_decisions d LEFT JOIN claims c ON c.id = d.claim_id WHERE d.capture_id = ?1 ORDER BY d.id",
                    [capture_id],
                    |r| {
                        Ok(DecisionRecord {
                            start: r.get(0)?,
                            end: r.get(1)?,
                            decision: from_text(r, 2)?,
                            claim: r.get(3)?,
                            actor: r.get(4)?,
                            at: ts(r, 5)?,
                        })
                    },
                )?;
                s.captures.push(c);
            }
            Ok(s)
        })
        .collect()
}

fn claim_record(conn: &Connection, id: i64) -> Result<ClaimRecord> {
    let mut c = conn
        .prepare_cached(
            "SELECT c.uuid, c.text, c.summary, cl.uuid, c.said_on, c.said_where, c.status, c.origin, c.language, c.context,
                    c.assignee, c.worthiness, c.published_at, c.created_at, c.updated_at, c.published_url
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(ClaimRecord {
                uuid: r.get(0)?,
                text: r.get(1)?,
                summary: r.get(2)?,
                claimant: r.get(3)?,
                said_on: parse_date(r.get(4)?)?,
                said_where: r.get(5)?,
                status: from_text(r, 6)?,
                origin: from_text(r, 7)?,
                language: r.get(8)?,
                context: r.get(9)?,
                assignee: r.get(10)?,
                worthiness: r.get(11)?,
                published_at: opt_ts(r, 12)?,
                published_url: r.get(15)?,
                created_at: ts(r, 13)?,
                updated_at: ts(r, 14)?,
                tags: Vec::new(),
                appearances: Vec::new(),
                evidence: Vec::new(),
                verdicts: Vec::new(),
                corrections: Vec::new(),
                checks: Vec::new(),
                reviews: Vec::new(),
            })
        })?;
    c.tags = rows(conn, "SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag", [id], |r| r.get(0))?;
    c.appearances = rows(
        conn,
        "SELECT a.uuid, a.url, a.outlet, a.medium, a.appeared_on, a.is_first, s.uuid, a.created_at, s.confidential, s.kind
         FROM appearances a LEFT JOIN sources s ON s.id = a.source_id WHERE a.claim_id = ?1 ORDER BY a.id",
        [id],
        |r| {
            access(r, 8, || {
                Ok(AppearanceRecord {
                    uuid: r.get(0)?,
                    url: r.get(1)?,
                    outlet: r.get(2)?,
                    medium: r.get(3)?,
                    appeared_on: parse_date(r.get(4)?)?,
                    is_first: r.get(5)?,
                    source: r.get(6)?,
                    created_at: ts(r, 7)?,
                })
            })
        },
    )?;
    c.evidence = rows(
        conn,
        "SELECT e.uuid, s.uuid, k.uuid, e.excerpt, e.stance, e.note, e.created_at, e.updated_at, s.confidential, s.kind
         FROM evidence e JOIN sources s ON s.id = e.source_id LEFT JOIN captures k ON k.id = e.capture_id
         WHERE e.claim_id = ?1 ORDER BY e.id",
        [id],
        |r| {
            access(r, 8, || {
                Ok(EvidenceRecord {
                    uuid: r.get(0)?,
                    source: r.get(1)?,
                    capture: r.get(2)?,
                    excerpt: r.get(3)?,
                    stance: from_text(r, 4)?,
                    note: r.get(5)?,
                    created_at: ts(r, 6)?,
                    updated_at: ts(r, 7)?,
                })
            })
        },
    )?;
    c.verdicts = rows(
        conn,
        "SELECT v.uuid, r.uuid, v.rationale, v.author, v.correction_reason, v.created_at, v.superseded_at, n.uuid
         FROM verdicts v JOIN ratings r ON r.id = v.rating_id LEFT JOIN verdicts n ON n.id = v.superseded_by
         WHERE v.claim_id = ?1 ORDER BY v.id",
        [id],
        |r| {
            Ok(VerdictRecord {
                uuid: r.get(0)?,
                rating: r.get(1)?,
                rationale: r.get(2)?,
                author: r.get(3)?,
                correction_reason: r.get(4)?,
                created_at: ts(r, 5)?,
                superseded_at: opt_ts(r, 6)?,
                superseded_by: r.get(7)?,
            })
        },
    )?;
    c.corrections = rows(
        conn,
        "SELECT uuid, reason, what, actor, at, kind FROM corrections WHERE claim_id = ?1 ORDER BY id",
        [id],
        |r| {
            Ok(CorrectionRecord {
                uuid: r.get(0)?,
                kind: super::workflow::correction_kind(&r.get::<_, String>(5)?),
                reason: r.get(1)?,
                what: r.get(2)?,
                actor: r.get(3)?,
                at: ts(r, 4)?,
            })
        },
    )?;
    c.checks = rows(
        conn,
        "SELECT i.uuid, k.done_by, k.done_at FROM claim_checks k JOIN checklist_items i ON i.id = k.item_id
         WHERE k.claim_id = ?1 ORDER BY i.id",
        [id],
        |r| Ok(CheckRecord { item: r.get(0)?, done_by: r.get(1)?, done_at: ts(r, 2)? }),
    )?;
    c.reviews = rows(
        conn,
        "SELECT e.uuid, e.match_key, e.claim_key, e.publisher, e.publisher_url, e.url, e.headline, e.author, e.reviewed_on,
                e.modified_on, e.rating_text, e.rating_value, e.best_rating, e.worst_rating, r.uuid, e.mapped_by, e.language,
                e.language_guessed, e.imported_at, e.updated_at, e.raw
         FROM external_reviews e LEFT JOIN ratings r ON r.id = e.rating_id WHERE e.claim_id = ?1 ORDER BY e.id",
        [id],
        |r| {
            Ok(ReviewRecord {
                uuid: r.get(0)?,
                match_key: r.get(1)?,
                claim_key: r.get(2)?,
                publisher: r.get(3)?,
                publisher_url: r.get(4)?,
                url: r.get(5)?,
                headline: r.get(6)?,
                author: r.get(7)?,
                reviewed_on: parse_date(r.get(8)?)?,
                modified_on: parse_date(r.get(9)?)?,
                rating_text: r.get(10)?,
                rating_value: r.get(11)?,
                best_rating: r.get(12)?,
                worst_rating: r.get(13)?,
                rating: r.get(14)?,
                mapped_by: r.get(15)?,
                language: r.get(16)?,
                language_guessed: r.get(17)?,
                imported_at: ts(r, 18)?,
                updated_at: ts(r, 19)?,
                raw: r.get(20)?,
            })
        },
    )?;
    Ok(c)
}

/// The rules of the schema a claim's own records must keep, which the edits a checker makes keep
/// by construction, checked so that a file breaking one is refused in words.
fn check_claim(c: &ClaimRecord) -> Result<()> {
    let refuse = |field, message: &str| Err(Error::validation(field, message.to_string()));
    if uuid::Uuid::parse_str(&c.uuid).is_err() {
        return Err(Error::validation("uuid", format!("“{}” is not a UUID", c.uuid)));
    }
    if c.worthiness.is_some_and(|w| !(0.0..=1.0).contains(&w)) {
        return refuse("worthiness", "its check-worthiness is not between 0 and 1");
    }
    if c.appearances.iter().filter(|a| matches!(a, Access::Open(a) if a.is_first)).count() > 1 {
        return refuse("appearances", "it has more than one first appearance");
    }
    if c.verdicts.iter().filter(|v| v.superseded_at.is_none()).count() > 1 {
        return refuse("verdicts", "it has more than one current verdict (not superseded)");
    }
    if c.verdicts.iter().any(|v| v.rationale.trim().is_empty()) {
        return refuse("verdicts", "a verdict has no rationale");
    }
    if c.corrections.iter().any(|k| k.reason.trim().is_empty()) {
        return refuse("corrections", "a correction has no reason");
    }
    if c.reviews.iter().any(|r| r.mapped_by.as_deref().is_some_and(|m| !["scale", "names", "value"].contains(&m))) {
        return refuse("reviews", "another publisher's rating is mapped by a way Factdesk does not know");
    }
    Ok(())
}

/// Whether the store refused a record (its rules or the schema's constraints), rather than failed.
fn refused(e: &Error) -> bool {
    match e {
        Error::Validation { .. } | Error::Conflict(_) | Error::NotFound { .. } => true,
        Error::Storage(rusqlite::Error::SqliteFailure(f, _)) => f.code == rusqlite::ErrorCode::ConstraintViolation,
        _ => false,
    }
}

impl Tx<'_> {
    /// Runs `f` in a savepoint. When the store refuses what `f` writes (a rule, a constraint), that
    /// alone is undone and the refusal returned as `Ok(Err(_))`; any other failure is the
    /// transaction's.
    pub(crate) fn attempt<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<Result<T>> {
        self.conn().execute_batch("SAVEPOINT record")?;
        match f() {
            Ok(v) => {
                self.conn().execute_batch("RELEASE record")?;
                Ok(Ok(v))
            }
            Err(e) if refused(&e) => {
                self.conn().execute_batch("ROLLBACK TO record; RELEASE record")?;
                Ok(Err(e))
            }
            Err(e) => Err(e),
        }
    }

    fn id_of(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        Ok(self.conn().prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?.query_row([uuid], |r| r.get(0)).optional()?)
    }

    /// `uuid` when no row of `table` has it yet, else a new one: a UUID is never shared by two rows.
    fn free_uuid(&self, table: &str, uuid: &str) -> Result<String> {
        Ok(if self.id_of(table, uuid)?.is_some() { new_uuid() } else { uuid.to_string() })
    }

    pub(crate) fn has_claim(&self, uuid: &str) -> Result<bool> {
        Ok(self.id_of("claims", uuid)?.is_some())
    }

    /// A workspace without claims or sources, which takes a bundle's settings.
    pub(crate) fn is_empty_workspace(&self) -> Result<bool> {
        Ok(self.conn().query_row("SELECT NOT EXISTS (SELECT 1 FROM claims) AND NOT EXISTS (SELECT 1 FROM sources)", [], |r| r.get(0))?)
    }

    /// Whether the bundle's settings differ from the workspace's.
    pub(crate) fn settings_differ(&self, b: &Bundle) -> Result<bool> {
        Ok(settings(self.conn())? != b.settings)
    }

    /// The bundle's settings become the workspace's (its scales restored first).
    pub(crate) fn restore_settings(&self, b: &Bundle) -> Result<()> {
        if let Some(scale) = b.settings.get("rating_scale") {
            if self.id_of("rating_scales", scale)?.is_none() {
                return Err(Error::validation("settings", format!("The bundle's rating scale ({scale}) is none of its scales. Nothing was imported.")));
            }
        }
        for (key, value) in b.settings.iter().filter(|(k, _)| *k != "actor") {
            self.set_setting(key, value)?;
        }
        Ok(())
    }

    /// A rating scale the workspace lacks (by UUID); under another name when its name is taken.
    pub(crate) fn restore_scale(&self, s: &ScaleRecord) -> Result<()> {
        if self.id_of("rating_scales", &s.uuid)?.is_some() {
            return Ok(());
        }
        let (mut uuids, mut keys, mut places) = (HashSet::new(), HashSet::new(), HashSet::new());
        if s.ratings.iter().any(|r| !uuids.insert(&r.uuid) || !keys.insert(&r.key) || !places.insert(r.position)) {
            return Err(Error::validation("scales", "two of its ratings have the same UUID, key or place"));
        }
        for r in &s.ratings {
            if self.id_of("ratings", &r.uuid)?.is_some() {
                return Err(Error::validation("scales", format!("its rating “{}” is a rating of another scale", r.label)));
            }
        }
        let taken: bool = self.conn().query_row("SELECT EXISTS (SELECT 1 FROM rating_scales WHERE name = ?1)", [&s.name], |r| r.get(0))?;
        let name = if taken { format!("{} ({})", s.name, s.uuid.chars().take(8).collect::<String>()) } else { s.name.clone() };
        self.conn().execute(
            "INSERT INTO rating_scales (uuid, name, description, best_rating, worst_rating, preset, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![s.uuid, name, s.description, s.best_rating, s.worst_rating, s.preset, fmt_ts(s.created_at)],
        )?;
        let scale_id = self.conn().last_insert_rowid();
        for r in &s.ratings {
            self.conn().prepare_cached(
                "INSERT INTO ratings (uuid, scale_id, key, position, label, description, color, value, rating_value, alternate_name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                r.uuid,
                scale_id,
                r.key,
                r.position,
                r.label,
                r.description,
                r.color,
                r.value,
                r.rating_value,
                r.alternate_name
            ])?;
        }
        Ok(())
    }

    /// A checklist item: added when the workspace lacks it (retired unless `as_given`, so the
    /// workspace's own checklist stays what it was), and with `as_given` made as the bundle has it.
    pub(crate) fn restore_checklist_item(&self, i: &ChecklistItemRecord, as_given: bool) -> Result<()> {
        if i.label.trim().is_empty() {
            return Err(Error::validation("checklist", "it has no text"));
        }
        let active = i.active && as_given;
        let rule = i.rule.map(|r| serde_json::to_string(&r).expect("a rule serialises"));
        let changed = self.conn().execute(
            "UPDATE checklist_items SET position = ?2, label = ?3, required = ?4, active = ?5, rule = ?7 WHERE uuid = ?1 AND ?6",
            params![i.uuid, i.position, i.label, i.required, active, as_given, rule],
        )?;
        if changed == 0 && self.id_of("checklist_items", &i.uuid)?.is_none() {
            self.conn().execute(
                "INSERT INTO checklist_items (uuid, position, label, required, active, created_at, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![i.uuid, i.position, i.label, i.required, active, fmt_ts(i.created_at), rule],
            )?;
        }
        Ok(())
    }

    /// The claimant in this workspace: the same one by UUID, else by name, else added. Its key
    /// and name here.
    pub(crate) fn restore_claimant(&self, c: &ClaimantRecord) -> Result<(i64, String)> {
        if c.name.trim().is_empty() {
            return Err(Error::validation("claimants", "it has no name"));
        }
        let found = self
            .conn()
            .prepare_cached(
                "SELECT id, name FROM claimants WHERE uuid = ?1 OR name = ?2 COLLATE NOCASE ORDER BY uuid = ?1 DESC LIMIT 1",
            )?
            .query_row([&c.uuid, &c.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some(found) = found {
            return Ok(found);
        }
        self.conn().prepare_cached(
            "INSERT INTO claimants (uuid, name, role, affiliation, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![c.uuid, c.name, c.role, c.affiliation, fmt_ts(c.created_at), fmt_ts(c.updated_at)])?;
        Ok((self.conn().last_insert_rowid(), c.name.clone()))
    }

    /// Raw bytes of captures, kept once per hash; bytes that do not have their hash are refused.
    pub(crate) fn restore_blob(&self, b: &BlobRecord) -> Result<()> {
        if crate::web::sha256_hex(&b.bytes) != b.sha256 {
            return Err(Error::validation("blobs", format!("the bytes given for SHA-256 {} have another hash", b.sha256)));
        }
        self.conn().prepare_cached("INSERT OR IGNORE INTO blobs (sha256, size, bytes) VALUES (?1, ?2, ?3)")?
            .execute(params![b.sha256, b.bytes.len() as i64, b.bytes])?;
        Ok(())
    }

    /// The source in this workspace (the same one by UUID, else by address, else added) with the
    /// captures of it the workspace lacks; its key here.
    pub(crate) fn restore_source(&self, s: &SourceRecord) -> Result<i64> {
        let v = validate_source(&SourceInput {
            url: s.url.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            author: s.author.clone(),
            published_on: s.published_on.map(|d| d.to_string()),
            kind: s.kind,
            reliability: s.reliability,
            reliability_note: s.reliability_note.clone(),
            confidential: false,
        })?;
        let found = self
            .conn()
            .prepare_cached("SELECT id FROM sources WHERE uuid = ?1 OR url_key = ?2 ORDER BY uuid = ?1 DESC, id LIMIT 1")?
            .query_row(params![s.uuid, v.url_key], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                self.conn().execute(
                    "INSERT INTO sources (uuid, url, url_key, title, publisher, author, published_on, accessed_at, kind,
                                          reliability, reliability_note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![
                        s.uuid,
                        v.url,
                        v.url_key,
                        v.title,
                        v.publisher,
                        v.author,
                        v.published_on,
                        s.accessed_at.map(fmt_ts),
                        to_text(&s.kind),
                        to_text(&s.reliability),
                        s.reliability_note,
                        fmt_ts(s.created_at),
                        fmt_ts(s.updated_at)
                    ],
                )?;
                self.conn().last_insert_rowid()
            }
        };
        for c in &s.captures {
            if self.id_of("captures", &c.uuid)?.is_some() {
                continue;
            }
            let size: Option<i64> =
                self.conn().query_row("SELECT size FROM blobs WHERE sha256 = ?1", [&c.sha256], |r| r.get(0)).optional()?;
            let size = size.ok_or_else(|| {
                Error::validation("blobs", format!("the bytes of a capture of “{}” (SHA-256 {}) are not in the file", s.title, c.sha256))
            })?;
            self.conn().prepare_cached(
                "INSERT INTO captures (uuid, source_id, captured_at, method, requested_url, final_url, http_status,
                                       content_type, sha256, size, text, text_sha256, note, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                c.uuid,
                id,
                fmt_ts(c.captured_at),
                to_text(&c.method),
                c.requested_url,
                c.final_url,
                c.http_status,
                c.content_type,
                c.sha256,
                size,
                c.text,
                crate::web::sha256_hex(c.text.as_bytes()),
                c.note,
                c.actor
            ])?;
        }
        Ok(id)
    }

    /// A claim the workspace lacks, as the bundle has it, with everything that is the claim's own:
    /// tags, appearances, evidence, verdicts, corrections, sign-offs and other publishers' reviews.
    /// `claimant` is its claimant here (key and name), `sources` the keys here of the bundle's
    /// sources. The claim's fields pass the same rules as a checker's edit. Returns what was left
    /// out, in plain words.
    pub(crate) fn restore_claim(
        &self,
        c: &ClaimRecord,
        claimant: Option<&(i64, String)>,
        sources: &HashMap<String, i64>,
    ) -> Result<Vec<String>> {
        check_claim(c)?;
        let v = validate(&ClaimInput {
            text: c.text.clone(),
            summary: c.summary.clone(),
            claimant: claimant.map(|(_, name)| name.clone()),
            said_on: c.said_on.map(|d| d.to_string()),
            said_where: c.said_where.clone(),
            tags: c.tags.clone(),
            language: c.language.clone(),
            context: c.context.clone(),
            assignee: c.assignee.clone(),
            ..ClaimInput::default()
        })?;
        self.conn().execute(
            "INSERT INTO claims (uuid, text, summary, claimant_id, said_on, said_where, status, origin, language, context,
                                 assignee, worthiness, published_at, created_at, updated_at, published_url)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                c.uuid,
                v.text,
                v.summary,
                claimant.map(|(id, _)| id),
                v.said_on,
                v.said_where,
                c.status.as_str(),
                to_text(&c.origin),
                v.language,
                v.context,
                v.assignee,
                c.worthiness.unwrap_or_else(|| worthiness_of(&v.text, v.claimant.as_deref())),
                c.published_at.map(fmt_ts),
                fmt_ts(c.created_at),
                fmt_ts(c.updated_at),
                c.published_url.as_deref().map(str::trim).filter(|u| !u.is_empty())
            ],
        )?;
        let id = self.conn().last_insert_rowid();
        for t in &v.tags {
            self.conn().prepare_cached("INSERT INTO claim_tags (claim_id, tag) VALUES (?1, ?2)")?.execute(params![id, t])?;
        }
        self.reindex_claim(id)?;
        self.wording_changed(id)?;
        let mut left_out = Vec::new();
        for a in &c.appearances {
            let Access::Open(a) = a else {
                left_out.push("an appearance held by a confidential source is withheld by exports and was not imported".to_string());
                continue;
            };
            if !a.url.is_empty() {
                super::validate_url(&a.url)?;
            }
            let source = a.source.as_ref().and_then(|u| sources.get(u));
            self.conn().prepare_cached(
                "INSERT INTO appearances (uuid, claim_id, url, outlet, medium, appeared_on, is_first, source_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                self.free_uuid("appearances", &a.uuid)?,
                id,
                a.url,
                a.outlet,
                a.medium,
                a.appeared_on.map(|d| d.to_string()),
                a.is_first,
                source,
                fmt_ts(a.created_at)
            ])?;
        }
        for e in &c.evidence {
            let Access::Open(e) = e else {
                left_out.push("an evidence link to a confidential source is withheld by exports and was not imported".to_string());
                continue;
            };
            let Some(source) = sources.get(&e.source) else {
                left_out.push(format!("an evidence link was left out: its source ({}) is not in the file", e.source));
                continue;
            };
            let capture = match &e.capture {
                Some(u) => self.id_of("captures", u)?,
                None => None,
            };
            if e.capture.is_some() && capture.is_none() {
                left_out.push("an archived copy (capture) an excerpt was checked against is not in the file: the evidence comes in without one".to_string());
            }
            self.conn().prepare_cached(
                "INSERT INTO evidence (uuid, claim_id, source_id, capture_id, excerpt, stance, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                self.free_uuid("evidence", &e.uuid)?,
                id,
                source,
                capture,
                e.excerpt,
                e.stance.as_str(),
                e.note,
                fmt_ts(e.created_at),
                fmt_ts(e.updated_at)
            ])?;
        }
        let mut verdicts = HashMap::new();
        for v in &c.verdicts {
            let rating = self.id_of("ratings", &v.rating)?.ok_or_else(|| {
                Error::validation("verdicts", format!("a verdict's rating ({}) is on no rating scale of the file or the workspace", v.rating))
            })?;
            self.conn().prepare_cached(
                "INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, correction_reason, created_at, superseded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                self.free_uuid("verdicts", &v.uuid)?,
                id,
                rating,
                v.rationale,
                v.author,
                v.correction_reason,
                fmt_ts(v.created_at),
                v.superseded_at.map(fmt_ts)
            ])?;
            verdicts.insert(v.uuid.as_str(), self.conn().last_insert_rowid());
        }
        for v in &c.verdicts {
            if let Some(next) = v.superseded_by.as_deref().and_then(|u| verdicts.get(u)) {
                self.conn().execute("UPDATE verdicts SET superseded_by = ?1 WHERE id = ?2", params![next, verdicts[v.uuid.as_str()]])?;
            }
        }
        for k in &c.corrections {
            self.conn()
                .prepare_cached("INSERT INTO corrections (uuid, claim_id, reason, what, actor, at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
                .execute(params![self.free_uuid("corrections", &k.uuid)?, id, k.reason, k.what, k.actor, fmt_ts(k.at), k.kind.as_str()])?;
        }
        for k in &c.checks {
            let Some(item) = self.id_of("checklist_items", &k.item)? else {
                left_out.push(format!("a sign-off of a checklist item that is not in the file ({}) was left out", k.item));
                continue;
            };
            self.conn().prepare_cached("INSERT OR IGNORE INTO claim_checks (claim_id, item_id, done_by, done_at) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![id, item, k.done_by, fmt_ts(k.done_at)])?;
        }
        for r in &c.reviews {
            let known: bool =
                self.conn().query_row("SELECT EXISTS (SELECT 1 FROM external_reviews WHERE match_key = ?1)", [&r.match_key], |row| row.get(0))?;
            if known {
                left_out.push(format!("{}'s fact-check is already in the workspace, on another claim", r.publisher));
                continue;
            }
            let rating = match &r.rating {
                Some(u) => self.id_of("ratings", u)?,
                None => None,
            };
            self.conn().prepare_cached(
                "INSERT INTO external_reviews (uuid, claim_id, match_key, claim_key, publisher, publisher_url, url, headline,
                                               author, reviewed_on, modified_on, rating_text, rating_value, best_rating,
                                               worst_rating, rating_id, mapped_by, language, language_guessed, imported_at,
                                               updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?
            .execute(params![
                self.free_uuid("external_reviews", &r.uuid)?,
                id,
                r.match_key,
                r.claim_key,
                r.publisher,
                r.publisher_url,
                r.url,
                r.headline,
                r.author,
                r.reviewed_on.map(|d| d.to_string()),
                r.modified_on.map(|d| d.to_string()),
                r.rating_text,
                r.rating_value,
                r.best_rating,
                r.worst_rating,
                rating,
                r.mapped_by,
                r.language,
                r.language_guessed,
                fmt_ts(r.imported_at),
                fmt_ts(r.updated_at),
                r.raw
            ])?;
        }
        self.reindex_claim_context(id)?;
        Ok(left_out)
    }

    /// A decision on a suggested match, unless the workspace has one for the pair already.
    pub(crate) fn restore_link(&self, l: &LinkRecord) -> Result<()> {
        let (Some(a), Some(b)) = (self.id_of("claims", &l.claims[0])?, self.id_of("claims", &l.claims[1])?) else {
            return Ok(());
        };
        self.conn().execute(
            "INSERT OR IGNORE INTO claim_links (claim_a, claim_b, kind, actor, at) VALUES (min(?1, ?2), max(?1, ?2), ?3, ?4, ?5)",
            params![a, b, l.kind, l.actor, fmt_ts(l.at)],
        )?;
        Ok(())
    }

    /// A decision on a candidate claim of the capture `capture` (a UUID), unless one is recorded.
    pub(crate) fn restore_decision(&self, capture: &str, d: &DecisionRecord) -> Result<()> {
        let Some(capture) = self.id_of("captures", capture)? else { return Ok(()) };
        let claim = match &d.claim {
            Some(u) => self.id_of("claims", u)?,
            None => None,
        };
        self.conn().prepare_cached(
            "INSERT OR IGNORE INTO article_decisions (capture_id, start, \"end\", decision, claim_id, actor, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![capture, d.start, d.end, to_text(&d.decision), claim, d.actor, fmt_ts(d.at)])?;
        Ok(())
    }

    /// A row of the audit trail; one that belongs to no claim only when the workspace lacks it.
    pub(crate) fn restore_history(&self, h: &HistoryRecord) -> Result<()> {
        let claim = match &h.claim {
            Some(u) => self.id_of("claims", u)?,
            None => None,
        };
        self.conn().prepare_cached(
            "INSERT INTO history (uuid, at, actor, entity, entity_uuid, claim_id, action, detail)
             SELECT ?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7
             WHERE ?5 IS NOT NULL OR NOT EXISTS (
                 SELECT 1 FROM history WHERE claim_id IS NULL AND at = ?1 AND actor = ?2 AND entity = ?3 AND entity_uuid = ?4
                                         AND action = ?6 AND detail = ?7)",
        )?
        .execute(params![fmt_ts(h.at), h.actor, h.entity, h.entity_uuid, claim, h.action, h.detail, new_uuid()])?;
        Ok(())
    }

    /// The UUID of the rating of the claim's current verdict, and its rationale.
    pub(crate) fn current_verdict(&self, claim_uuid: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT r.uuid, v.rationale FROM verdicts v JOIN ratings r ON r.id = v.rating_id JOIN claims c ON c.id = v.claim_id
                 WHERE c.uuid = ?1 AND v.superseded_at IS NULL",
            )?
            .query_row([claim_uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The key and label of the rating `uuid`.
    pub(crate) fn rating_named(&self, uuid: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT key, label FROM ratings WHERE uuid = ?1")?
            .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}
