//! The workspace's side of the desk (issue 14): which tables travel and how a row is named across
//! replicas, the outbox triggers made from the tables' own columns, the outbox and the pending
//! push, and applying what the desk sends. PostgreSQL's side is in `remote`.
//!
//! A row travels as JSON of its columns, with each reference to another row (a local integer id)
//! replaced by that row's UUID, and is named by its UUID (or its natural key where it has none).
//! Triggers, created only in a workspace that joined a desk, queue every insert, update (with the
//! names of the fields it changed) and delete in the same transaction as the change itself.

use std::collections::{BTreeSet, HashMap};

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};
use sha2::{Digest, Sha256};

use super::{now, Store};
use crate::error::{Error, Result};
use crate::model::desk::{DeskConflict, DeskDraft, DeskLink};

/// Rows of a new desk's upload that travel as one local transaction.
const PUSH_GROUP: usize = 500;

/// How a row is named on the desk.
#[derive(Clone, Copy)]
enum Key {
    /// Its `uuid` column.
    Uuid,
    /// One column that is unique in the table (a hash, a name).
    Column(&'static str),
    /// Several columns, as a JSON array (references as UUIDs).
    Columns(&'static [&'static str]),
}

/// A table whose rows travel to and from the desk.
struct Synced {
    table: &'static str,
    key: Key,
    /// Columns that hold another synced row's local id: (column, the table it points into).
    refs: &'static [(&'static str, &'static str)],
    /// Local columns the desk never sees.
    skip: &'static [&'static str],
}

const fn t(
    table: &'static str,
    key: Key,
    refs: &'static [(&'static str, &'static str)],
    skip: &'static [&'static str],
) -> Synced {
    Synced { table, key, refs, skip }
}

const ID: &[&str] = &["id"];

/// Every synced table, each after the tables it points into: rows made together travel in this
/// order, and a new replica's snapshot is applied in it.
const SYNCED: &[Synced] = &[
    t("claimants", Key::Uuid, &[], ID),
    t("rating_scales", Key::Uuid, &[], ID),
    t("ratings", Key::Uuid, &[("scale_id", "rating_scales")], ID),
    t("rating_names", Key::Column("name"), &[], ID),
    t("checklist_items", Key::Uuid, &[], ID),
    t("sources", Key::Uuid, &[], ID),
    t("blobs", Key::Column("sha256"), &[], &["bytes"]),
    t("captures", Key::Uuid, &[("source_id", "sources")], ID),
    t("claims", Key::Uuid, &[("claimant_id", "claimants")], ID),
    t("claim_tags", Key::Columns(&["claim_id", "tag"]), &[("claim_id", "claims")], &[]),
    t("appearances", Key::Uuid, &[("claim_id", "claims"), ("source_id", "sources")], ID),
    t("evidence", Key::Uuid, &[("claim_id", "claims"), ("source_id", "sources"), ("capture_id", "captures")], ID),
    t("verdicts", Key::Uuid, &[("claim_id", "claims"), ("rating_id", "ratings"), ("superseded_by", "verdicts")], ID),
    t("corrections", Key::Uuid, &[("claim_id", "claims")], ID),
    t("claim_checks", Key::Columns(&["claim_id", "item_id"]), &[("claim_id", "claims"), ("item_id", "checklist_items")], &[]),
    t("external_reviews", Key::Uuid, &[("claim_id", "claims"), ("rating_id", "ratings")], ID),
    t("claim_links", Key::Columns(&["claim_a", "claim_b"]), &[("claim_a", "claims"), ("claim_b", "claims")], ID),
    t("article_decisions", Key::Columns(&["capture_id", "start", "end"]), &[("capture_id", "captures"), ("claim_id", "claims")], ID),
    t("history", Key::Uuid, &[("claim_id", "claims")], ID),
];

fn synced(kind: &str) -> Option<&'static Synced> {
    SYNCED.iter().find(|s| s.table == kind)
}

fn quote(col: &str) -> String {
    format!("\"{col}\"")
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Synced {
    fn target(&self, col: &str) -> Option<&'static str> {
        self.refs.iter().find(|(c, _)| *c == col).map(|(_, t)| *t)
    }

    /// The column's value as the desk sees it, for the row `r` (NEW or OLD) of a trigger.
    fn value_sql(&self, r: &str, col: &str) -> String {
        match self.target(col) {
            Some(target) => format!("(SELECT uuid FROM {target} WHERE id = {r}.{})", quote(col)),
            None => format!("{r}.{}", quote(col)),
        }
    }

    fn key_sql(&self, r: &str) -> String {
        match self.key {
            Key::Uuid => format!("{r}.uuid"),
            Key::Column(c) => format!("{r}.{}", quote(c)),
            // Two claims linked: named by their UUIDs in sorted order, whatever their local ids.
            Key::Columns(cols) if self.table == "claim_links" => {
                let (a, b) = (self.value_sql(r, cols[0]), self.value_sql(r, cols[1]));
                format!("json_array(min({a}, {b}), max({a}, {b}))")
            }
            Key::Columns(cols) => {
                let parts: Vec<String> = cols.iter().map(|c| self.value_sql(r, c)).collect();
                format!("json_array({})", parts.join(", "))
            }
        }
    }

    fn data_sql(&self, r: &str, cols: &[String]) -> String {
        let parts: Vec<String> = cols.iter().map(|c| format!("'{c}', {}", self.value_sql(r, c))).collect();
        format!("json_object({})", parts.join(", "))
    }

    fn travelling(&self, all: &[String]) -> Vec<String> {
        all.iter().filter(|c| !self.skip.contains(&c.as_str())).cloned().collect()
    }

    /// The three triggers that queue this table's changes.
    fn triggers(&self, conn: &Connection) -> Result<String> {
        let table = self.table;
        let cols = self.travelling(&columns(conn, table)?);
        let queue = |op: &str, r: &str, data: String, fields: String| {
            format!(
                "INSERT INTO desk_outbox (txn, kind, key, op, data, fields, base, at)
                 SELECT txn, '{table}', {}, '{op}', {data}, {fields}, cursor, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM desk;",
                self.key_sql(r)
            )
        };
        let changed: Vec<String> = cols.iter().map(|c| format!("OLD.{q} IS NOT NEW.{q}", q = quote(c))).collect();
        let names: Vec<String> =
            cols.iter().map(|c| format!("CASE WHEN OLD.{q} IS NOT NEW.{q} THEN '{c}' END", q = quote(c))).collect();
        let fields = format!(
            "(SELECT json_group_array(value) FROM json_each(json_array({})) WHERE value IS NOT NULL)",
            names.join(", ")
        );
        Ok(format!(
            "CREATE TRIGGER desk_out_{table}_insert AFTER INSERT ON {table} WHEN (SELECT recording FROM desk) = 1
             BEGIN {} END;
             CREATE TRIGGER desk_out_{table}_update AFTER UPDATE ON {table}
             WHEN (SELECT recording FROM desk) = 1 AND ({})
             BEGIN {} END;
             CREATE TRIGGER desk_out_{table}_delete AFTER DELETE ON {table} WHEN (SELECT recording FROM desk) = 1
             BEGIN {} END;\n",
            queue("put", "NEW", self.data_sql("NEW", &cols), "NULL".into()),
            changed.join(" OR "),
            queue("put", "NEW", self.data_sql("NEW", &cols), fields),
            queue("delete", "OLD", "NULL".into(), "NULL".into()),
        ))
    }
}

/// One change as it travels: a local one in the outbox, or one of the desk's log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Change {
    /// The outbox's sequence number (local), or the desk's (pulled).
    pub seq: i64,
    /// The local transaction it was made in (local changes only).
    #[serde(default)]
    pub txn: i64,
    pub kind: String,
    pub key: String,
    /// `put`, `delete`, or (from the desk) `conflict`.
    pub op: String,
    pub data: Option<Json>,
    /// The fields an update changed (none: every field of a new row).
    #[serde(default)]
    pub fields: Option<Json>,
    /// The desk's change this replica had seen when the change was made.
    #[serde(default)]
    pub base: i64,
    /// Who made it (changes from the desk).
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub at: String,
}

impl Change {
    /// A row as the desk holds it (a snapshot's, or one asked for by key).
    pub(crate) fn row(kind: String, key: String, data: Option<Json>) -> Change {
        Change {
            seq: 0,
            txn: 0,
            kind,
            key,
            op: "put".into(),
            data,
            fields: None,
            base: 0,
            role: String::new(),
            at: String::new(),
        }
    }
}

/// A push waiting for the desk's answer.
#[derive(Debug, Clone)]
pub(crate) struct PendingPush {
    pub id: String,
    pub last_seq: i64,
    pub changes: Vec<Change>,
    /// The captured bytes the changes need, by SHA-256.
    pub blobs: Vec<String>,
}

/// What applying a batch from the desk did.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub applied: usize,
    /// Rows left as they are here because a local change to them is waiting to be pushed.
    pub waiting: usize,
    pub conflicts: usize,
    /// Rows that could not be applied, in words.
    pub problems: Vec<String>,
    pub claims: BTreeSet<String>,
}

/// A reference that pointed at a row not applied yet: set once that row arrives (possibly in a
/// later batch of the same sync).
pub(crate) struct Dangling {
    table: &'static str,
    key: String,
    col: String,
    target: &'static str,
    uuid: String,
}

impl Store {
    /// The desk this workspace is a replica of, if any.
    pub(crate) fn desk_link(&self) -> Result<Option<DeskLink>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT desk_id, url, replica_id, role, cursor, joined_at, last_push, last_pull, last_error,
                        (SELECT count(*) FROM desk_outbox), (SELECT count(*) FROM desk_drafts),
                        (SELECT count(*) FROM desk_conflicts WHERE dismissed_at IS NULL)
                 FROM desk",
                [],
                |r| {
                    Ok(DeskLink {
                        desk_id: r.get(0)?,
                        url: r.get(1)?,
                        replica_id: r.get(2)?,
                        role: r.get(3)?,
                        cursor: r.get(4)?,
                        joined_at: r.get(5)?,
                        last_push: r.get(6)?,
                        last_pull: r.get(7)?,
                        last_error: r.get(8)?,
                        outbox: r.get(9)?,
                        drafts: r.get(10)?,
                        conflicts: r.get(11)?,
                    })
                },
            )
            .optional()?)
    }

    /// Makes this workspace a replica of the desk: records the link and creates the outbox
    /// triggers. `cursor`: the desk's change this workspace is up to date with.
    /// `clear`: first empty every synced table (joining: the desk's rows replace the new
    /// workspace's seeded scales and checklist).
    pub(crate) fn desk_link_to(&mut self, desk_id: &str, url: &str, role: &str, cursor: i64, clear: bool) -> Result<()> {
        let tx = self.upkeep_transaction()?;
        if clear {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            for spec in SYNCED.iter().rev() {
                tx.execute(&format!("DELETE FROM {}", spec.table), [])?;
            }
            tx.execute_batch("DELETE FROM claims_fts; DELETE FROM claim_context_fts; DELETE FROM vector_queue;")?;
        }
        tx.execute("DELETE FROM desk", [])?;
        tx.execute("DELETE FROM desk_outbox", [])?;
        tx.execute("DELETE FROM desk_pending_push", [])?;
        tx.execute(
            "INSERT INTO desk (id, desk_id, url, replica_id, role, cursor, joined_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![desk_id, url, super::new_uuid(), role, cursor, now()],
        )?;
        install_triggers(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Queues every row of the workspace (creating a desk from it), in groups of [`PUSH_GROUP`].
    pub(crate) fn desk_queue_everything(&mut self) -> Result<usize> {
        let at = now();
        let tx = self.upkeep_transaction()?;
        // Straight from each table into the outbox, in SQL: a big workspace never sits in memory.
        // One local transaction per push's worth of rows: the desk applies each in a
        // subtransaction, and nothing of a creator's upload is refused (see `seeded()`).
        let mut queued = 0usize;
        for spec in SYNCED {
            let cols = spec.travelling(&columns(&tx, spec.table)?);
            let order = if matches!(spec.table, "claim_tags" | "claim_checks" | "blobs") { "1" } else { "NEW.rowid" };
            queued += tx.execute(
                &format!(
                    "INSERT INTO desk_outbox (txn, kind, key, op, data, fields, base, at)
                     SELECT -((?1 + row_number() OVER (ORDER BY {order}) - 1) / ?2) - 1, '{table}', {key}, 'put', {data}, NULL, 0, ?3
                     FROM {table} AS NEW ORDER BY {order}",
                    table = spec.table,
                    key = spec.key_sql("NEW"),
                    data = spec.data_sql("NEW", &cols),
                ),
                params![queued as i64, PUSH_GROUP as i64, at],
            )?;
        }
        tx.commit()?;
        Ok(queued)
    }

    /// Whether the workspace holds any claim or source (joining wants an empty one).
    pub(crate) fn desk_has_work(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM claims) OR EXISTS (SELECT 1 FROM sources)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Moves the cursor to the desk's change `cursor` (after a snapshot).
    pub(crate) fn desk_set_cursor(&mut self, cursor: i64) -> Result<()> {
        self.check_writable()?;
        self.conn().execute(
            "UPDATE desk SET cursor = max(cursor, ?1), last_pull = ?2, last_error = NULL",
            params![cursor, now()],
        )?;
        Ok(())
    }

    pub(crate) fn desk_dismiss_conflict(&mut self, id: i64) -> Result<()> {
        self.check_writable()?;
        let n = self.conn().execute(
            "UPDATE desk_conflicts SET dismissed_at = ?1 WHERE id = ?2 AND dismissed_at IS NULL",
            params![now(), id],
        )?;
        if n == 0 {
            return Err(Error::not_found("notice", id.to_string()));
        }
        Ok(())
    }

    /// Leaves the desk: the workspace keeps everything it has and stops queueing changes.
    /// Changes not pushed yet are dropped from the queue (the caller warns first).
    pub(crate) fn desk_unlink(&mut self) -> Result<()> {
        let tx = self.upkeep_transaction()?;
        drop_triggers(&tx)?;
        tx.execute_batch(
            "DELETE FROM desk; DELETE FROM desk_outbox; DELETE FROM desk_pending_push;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Re-creates the outbox triggers when the tables' columns changed (a newer schema).
    pub(crate) fn desk_refresh_triggers(&mut self) -> Result<()> {
        if self.read_only || self.desk_link()?.is_none() {
            return Ok(());
        }
        let sql = all_triggers(self.conn())?;
        let stored: String = self.conn().query_row("SELECT triggers FROM desk", [], |r| r.get(0))?;
        if stored != digest(&sql) {
            let tx = self.upkeep_transaction()?;
            install_triggers(&tx)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Stamps the failure of the last attempt to reach the desk (or clears it).
    pub(crate) fn desk_note_error(&mut self, error: Option<&str>) -> Result<()> {
        self.conn().execute("UPDATE desk SET last_error = ?1", [error])?;
        Ok(())
    }

    /// The push to send: the one sent before and not acknowledged, if any (sent again as it was),
    /// else up to about `limit` queued changes, whole local transactions only, recorded as pending
    /// before they leave.
    pub(crate) fn desk_next_push(&mut self, limit: usize) -> Result<Option<PendingPush>> {
        if let Some((id, last_seq, body)) = self
            .conn()
            .query_row("SELECT id, last_seq, body FROM desk_pending_push", [], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
            })
            .optional()?
        {
            let changes: Vec<Change> = serde_json::from_str(&body)
                .map_err(|e| Error::Workspace(format!("the pending desk push is unreadable: {e}")))?;
            let blobs = blobs_of(&changes);
            return Ok(Some(PendingPush { id, last_seq, changes, blobs }));
        }
        let mut changes: Vec<Change> = self
            .conn()
            .prepare_cached(
                "SELECT seq, txn, kind, key, op, data, fields, base, at FROM desk_outbox ORDER BY seq LIMIT ?1",
            )?
            .query_map([limit as i64 + 1], outbox_change)?
            .collect::<rusqlite::Result<_>>()?;
        if changes.is_empty() {
            return Ok(None);
        }
        if changes.len() > limit {
            // Never split a transaction: cut before the last one, or take it whole when it is alone.
            let last_txn = changes.last().map(|c| c.txn).unwrap_or_default();
            let whole: Vec<Change> = changes.iter().filter(|c| c.txn != last_txn).cloned().collect();
            if whole.is_empty() {
                changes = self
                    .conn()
                    .prepare_cached(
                        "SELECT seq, txn, kind, key, op, data, fields, base, at FROM desk_outbox WHERE txn = ?1 ORDER BY seq",
                    )?
                    .query_map([last_txn], outbox_change)?
                    .collect::<rusqlite::Result<_>>()?;
            } else {
                changes = whole;
            }
        }
        let id = uuid::Uuid::now_v7().to_string();
        let last_seq = changes.last().map(|c| c.seq).unwrap_or_default();
        let body = serde_json::to_string(&changes).expect("changes serialize");
        self.conn().execute(
            "INSERT INTO desk_pending_push (id, last_seq, body) VALUES (?1, ?2, ?3)",
            params![id, last_seq, body],
        )?;
        let blobs = blobs_of(&changes);
        Ok(Some(PendingPush { id, last_seq, changes, blobs }))
    }

    /// The bytes of a capture, by SHA-256.
    pub(crate) fn blob_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.conn().query_row("SELECT bytes FROM blobs WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?)
    }

    /// Which of these hashes this workspace has no bytes for.
    pub(crate) fn missing_blobs<'a>(&self, hashes: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached("SELECT 1 FROM blobs WHERE sha256 = ?1")?;
        let mut out = Vec::new();
        for h in hashes {
            if !stmt.exists([h])? && !out.iter().any(|o: &String| o == h) {
                out.push(h.to_string());
            }
        }
        Ok(out)
    }

    /// The desk accepted the pending push: its changes leave the outbox. The local transactions
    /// it refused become drafts (with the reason) and their rows are put back as the desk has
    /// them (`desk_rows`: the refused rows as the desk holds them; a row it lacks is removed).
    pub(crate) fn desk_push_done(
        &mut self,
        push: &PendingPush,
        refused: &[(i64, String)],
        desk_rows: &[Change],
        blobs: &HashMap<String, Vec<u8>>,
    ) -> Result<Applied> {
        self.in_apply_transaction(|store| {
            let conn = store.conn();
            conn.execute("DELETE FROM desk_outbox WHERE seq <= ?1", [push.last_seq])?;
            conn.execute("DELETE FROM desk_pending_push", [])?;
            conn.execute("UPDATE desk SET last_push = ?1, last_error = NULL", [now()])?;
            let mut applied = Applied::default();
            let at = now();
            for (txn, reason) in refused {
                let changes: Vec<&Change> = push.changes.iter().filter(|c| c.txn == *txn).collect();
                let claim = changes.iter().find_map(|c| claim_of(c));
                conn.execute(
                    "INSERT INTO desk_drafts (claim_uuid, reason, changes, at) VALUES (?1, ?2, ?3, ?4)",
                    params![claim, reason, serde_json::to_string(&changes).expect("changes serialize"), at],
                )?;
                // Undo here what the desk did not take, newest first: each row as the desk has it,
                // or gone when the desk has none.
                for c in changes.iter().rev() {
                    match desk_rows.iter().find(|d| d.kind == c.kind && d.key == c.key) {
                        Some(d) => store.apply_one(d, blobs, &mut applied, &mut Vec::new())?,
                        None if c.op == "put" => {
                            let gone = Change { op: "delete".into(), data: None, ..(*c).clone() };
                            store.apply_one(&gone, blobs, &mut applied, &mut Vec::new())?;
                        }
                        None => {}
                    }
                }
            }
            store.reindex_applied(&applied)?;
            Ok(applied)
        })
    }

    /// Runs `f` in one write transaction with the outbox off (what it writes came from the desk)
    /// and foreign keys checked at commit (rows arrive in the desk's order, not the tables').
    fn in_apply_transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.check_writable()?;
        self.conn().execute_batch("BEGIN IMMEDIATE")?;
        let result = (|| {
            self.conn().execute_batch("UPDATE desk SET recording = 0; PRAGMA defer_foreign_keys = ON;")?;
            let out = f(self)?;
            self.conn().execute("UPDATE desk SET recording = 1", [])?;
            Ok(out)
        })();
        match result {
            Ok(out) => match self.conn().execute_batch("COMMIT") {
                Ok(()) => Ok(out),
                Err(e) => {
                    let _ = self.conn().execute_batch("ROLLBACK");
                    Err(e.into())
                }
            },
            Err(e) => {
                let _ = self.conn().execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Applies changes from the desk in one transaction and moves the cursor to `cursor`. A row
    /// with a local change still waiting to be pushed is left alone: the push, merged on the desk,
    /// comes back with the next pull. `blobs`: bytes of the captures the changes add.
    pub(crate) fn desk_apply(
        &mut self,
        changes: &[Change],
        cursor: i64,
        blobs: &HashMap<String, Vec<u8>>,
        dangling: &mut Vec<Dangling>,
    ) -> Result<Applied> {
        self.in_apply_transaction(|store| {
            let mut applied = Applied::default();
            let mut waiting = store.conn().prepare_cached("SELECT 1 FROM desk_outbox WHERE kind = ?1 AND key = ?2")?;
            for c in changes {
                if c.op == "conflict" {
                    store.apply_conflict(c)?;
                    applied.conflicts += 1;
                    applied.claims.insert(c.key.clone());
                    continue;
                }
                if waiting.exists(params![c.kind, c.key])? {
                    applied.waiting += 1;
                    continue;
                }
                store.apply_one(c, blobs, &mut applied, dangling)?;
            }
            drop(waiting);
            store.settle(dangling)?;
            store.reindex_applied(&applied)?;
            store.conn().execute(
                "UPDATE desk SET cursor = max(cursor, ?1), last_pull = ?2, last_error = NULL",
                params![cursor, now()],
            )?;
            Ok(applied)
        })
    }

    fn apply_conflict(&self, c: &Change) -> Result<()> {
        let d = c.data.clone().unwrap_or(Json::Null);
        let text = |v: &Json| match v {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        let field = d["field"].as_str().unwrap_or("").to_string();
        let (kept, replaced) = (text(&d["kept"]), text(&d["replaced"]));
        let (kept_by, replaced_by) =
            (d["kept_by"].as_str().unwrap_or("").to_string(), d["replaced_by"].as_str().unwrap_or("").to_string());
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO desk_conflicts (seq, claim_uuid, field, kept, kept_by, replaced, replaced_by, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.seq, c.key, field, kept, kept_by, replaced, replaced_by, c.at],
        )?;
        if inserted == 0 {
            return Ok(());
        }
        let claim_id: Option<i64> =
            self.conn().query_row("SELECT id FROM claims WHERE uuid = ?1", [&c.key], |r| r.get(0)).optional()?;
        let show = |v: &Option<String>| v.clone().map(|s| format!("“{s}”")).unwrap_or_else(|| "nothing".into());
        let summary = format!(
            "Edited by two checkers while apart: {field}. {kept_by} wrote {}, which is kept (the later change); {replaced_by} had written {}.",
            show(&kept),
            show(&replaced)
        );
        self.conn().execute(
            "INSERT INTO history (uuid, at, actor, entity, entity_uuid, claim_id, action, detail) VALUES (?1, ?2, 'desk', 'claim', ?3, ?4, 'conflict', ?5)",
            params![super::new_uuid(), c.at, c.key, claim_id, json!({ "summary": summary, "changes": [] }).to_string()],
        )?;
        Ok(())
    }

    /// Writes one row as the desk has it (or removes it).
    fn apply_one(
        &self,
        c: &Change,
        blobs: &HashMap<String, Vec<u8>>,
        applied: &mut Applied,
        dangling: &mut Vec<Dangling>,
    ) -> Result<()> {
        let Some(spec) = synced(&c.kind) else {
            applied.problems.push(format!("{} {}: this version of Factdesk does not know that kind of record", c.kind, c.key));
            return Ok(());
        };
        let conn = self.conn();
        if let Some(claim) = claim_of(c) {
            applied.claims.insert(claim);
        }
        if c.op == "delete" {
            let Some((cond, args)) = self.key_condition(spec, &c.key)? else { return Ok(()) };
            if spec.table == "claims" {
                if let Some(id) = conn.query_row("SELECT id FROM claims WHERE uuid = ?1", [&c.key], |r| r.get::<_, i64>(0)).optional()? {
                    conn.execute("DELETE FROM claims_fts WHERE rowid = ?1", [id])?;
                    conn.execute("DELETE FROM claim_context_fts WHERE rowid = ?1", [id])?;
                }
            }
            let sql = format!("DELETE FROM {} WHERE {cond}", spec.table);
            if let Err(e) = conn.prepare_cached(&sql).and_then(|mut st| st.execute(params_from_iter(args))) {
                applied.problems.push(format!("{} {} could not be removed: {e}", spec.table, c.key));
            } else {
                applied.applied += 1;
            }
            return Ok(());
        }
        let Some(Json::Object(data)) = &c.data else {
            applied.problems.push(format!("{} {}: the desk sent no data", c.kind, c.key));
            return Ok(());
        };
        let local_cols = columns(conn, spec.table)?;
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        for col in spec.travelling(&local_cols) {
            let Some(v) = data.get(&col) else { continue };
            let value = match (spec.target(&col), v) {
                (Some(target), Json::String(uuid)) => match self.local_id(target, uuid)? {
                    Some(id) => Value::Integer(id),
                    None => {
                        dangling.push(Dangling { table: spec.table, key: c.key.clone(), col: col.clone(), target, uuid: uuid.clone() });
                        Value::Null
                    }
                },
                (_, v) => json_value(v),
            };
            cols.push(col);
            vals.push(value);
        }
        if spec.table == "claim_links" {
            order_link(&cols, &mut vals);
        }
        if spec.table == "blobs" {
            if conn.prepare_cached("SELECT 1 FROM blobs WHERE sha256 = ?1")?.exists([&c.key])? {
                applied.applied += 1;
                return Ok(());
            }
            let Some(bytes) = blobs.get(&c.key) else {
                applied.problems.push(format!("capture bytes {} were not on the desk", c.key));
                return Ok(());
            };
            cols.push("bytes".into());
            vals.push(Value::Blob(bytes.clone()));
        }
        self.make_room(spec, data)?;
        let conflict_cols: Vec<String> = match spec.key {
            Key::Uuid => vec!["uuid".into()],
            Key::Column(c) => vec![c.into()],
            Key::Columns(cs) => cs.iter().map(|c| c.to_string()).collect(),
        };
        let updates: Vec<String> = cols
            .iter()
            .filter(|c| !conflict_cols.contains(c))
            .map(|c| format!("{q} = excluded.{q}", q = quote(c)))
            .collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO {}",
            spec.table,
            cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
            (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "),
            conflict_cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
            if updates.is_empty() { "NOTHING".to_string() } else { format!("UPDATE SET {}", updates.join(", ")) },
        );
        // Rows of one kind carry the same columns, so the statement is prepared once a kind.
        match conn.prepare_cached(&sql).and_then(|mut st| st.execute(params_from_iter(vals))) {
            Ok(_) => applied.applied += 1,
            Err(rusqlite::Error::SqliteFailure(f, Some(msg)))
                if spec.table == "claimants" && f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                // The same person added on two replicas: this replica's claimant stands for both.
                let name = data.get("name").and_then(Json::as_str).unwrap_or_default();
                let local: Option<String> = conn
                    .query_row("SELECT uuid FROM claimants WHERE name = ?1 COLLATE NOCASE", [name], |r| r.get(0))
                    .optional()?;
                match local {
                    Some(local) => {
                        conn.execute(
                            "INSERT OR REPLACE INTO desk_aliases (kind, uuid, local) VALUES ('claimants', ?1, ?2)",
                            params![c.key, local],
                        )?;
                        applied.applied += 1;
                    }
                    None => applied.problems.push(format!("claimant {}: {msg}", c.key)),
                }
            }
            Err(e) => applied.problems.push(format!("{} {} could not be applied: {e}", spec.table, c.key)),
        }
        Ok(())
    }

    /// Frees what a one-per-claim rule would refuse: the desk's current verdict (or first
    /// appearance) replaces the one here, which the desk has superseded too or soon will.
    fn make_room(&self, spec: &Synced, data: &Map<String, Json>) -> Result<()> {
        let claim = data.get("claim_id").and_then(Json::as_str);
        let uuid = data.get("uuid").and_then(Json::as_str);
        let (Some(claim), Some(uuid)) = (claim, uuid) else { return Ok(()) };
        match spec.table {
            "verdicts" if data.get("superseded_at").is_some_and(Json::is_null) => {
                let at = data.get("created_at").and_then(Json::as_str).unwrap_or_default();
                self.conn().execute(
                    "UPDATE verdicts SET superseded_at = ?1
                     WHERE claim_id = (SELECT id FROM claims WHERE uuid = ?2) AND superseded_at IS NULL AND uuid <> ?3",
                    params![at, claim, uuid],
                )?;
            }
            "appearances" if data.get("is_first").and_then(Json::as_i64) == Some(1) => {
                self.conn().execute(
                    "UPDATE appearances SET is_first = 0
                     WHERE claim_id = (SELECT id FROM claims WHERE uuid = ?1) AND is_first = 1 AND uuid <> ?2",
                    params![claim, uuid],
                )?;
            }
            _ => {}
        }
        Ok(())
    }

    /// References still pointing nowhere at the end of a sync, in words.
    pub(crate) fn desk_unsettled(dangling: &[Dangling]) -> Vec<String> {
        dangling
            .iter()
            .map(|d| format!("{} {}: {} points at {} {}, which the desk did not send", d.table, d.key, d.col, d.target, d.uuid))
            .collect()
    }

    /// Sets references that pointed at rows applied since; keeps the rest for a later batch.
    fn settle(&self, dangling: &mut Vec<Dangling>) -> Result<()> {
        let mut left = Vec::new();
        for d in dangling.drain(..) {
            let spec = synced(d.table).expect("a synced table");
            let Some(id) = self.local_id(d.target, &d.uuid)? else {
                left.push(d);
                continue;
            };
            if let Some((cond, mut args)) = self.key_condition(spec, &d.key)? {
                args.insert(0, Value::Integer(id));
                let cond = renumber(&cond, 1);
                self.conn().execute(&format!("UPDATE {} SET {} = ?1 WHERE {cond}", d.table, quote(&d.col)), params_from_iter(args))?;
            }
        }
        *dangling = left;
        Ok(())
    }

    /// Brings the search indexes and the matching queue up to date for what was applied.
    fn reindex_applied(&self, applied: &Applied) -> Result<()> {
        let mut stmt = self.conn().prepare_cached("SELECT id FROM claims WHERE uuid = ?1")?;
        let ids: Vec<i64> = applied
            .claims
            .iter()
            .filter_map(|u| stmt.query_row([u], |r| r.get(0)).optional().transpose())
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        // A claim's row in the indexes is rewritten through a transaction-less helper of the store.
        for id in ids {
            super::claims::reindex_claim_on(self.conn(), id)?;
            super::claims::reindex_claim_context_on(self.conn(), id)?;
            self.conn().prepare_cached(
                "INSERT OR IGNORE INTO vector_queue (claim_id)
                 SELECT ?1 WHERE NOT EXISTS (SELECT 1 FROM claim_vectors WHERE claim_id = ?1)",
            )?.execute([id])?;
        }
        Ok(())
    }

    /// The local id of the row `uuid` of `table` (a claimant's alias counts).
    fn local_id(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get(0))
            .optional()?;
        if id.is_some() || table != "claimants" {
            return Ok(id);
        }
        Ok(self
            .conn()
            .query_row(
                "SELECT c.id FROM desk_aliases a JOIN claimants c ON c.uuid = a.local WHERE a.kind = 'claimants' AND a.uuid = ?1",
                [uuid],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The WHERE clause (with ?1… parameters) that finds the row named `key`; None when a row it
    /// points at is not here (so neither is the row).
    fn key_condition(&self, spec: &Synced, key: &str) -> Result<Option<(String, Vec<Value>)>> {
        match spec.key {
            Key::Uuid => Ok(Some(("uuid = ?1".into(), vec![Value::Text(key.into())]))),
            Key::Column(c) => Ok(Some((format!("{} = ?1", quote(c)), vec![Value::Text(key.into())]))),
            Key::Columns(cols) => {
                let parts: Vec<Json> = serde_json::from_str(key).unwrap_or_default();
                if parts.len() != cols.len() {
                    return Ok(None);
                }
                let mut vals = Vec::new();
                for (col, v) in cols.iter().zip(&parts) {
                    match (spec.target(col), v) {
                        (Some(target), Json::String(u)) => match self.local_id(target, u)? {
                            Some(id) => vals.push(Value::Integer(id)),
                            None => return Ok(None),
                        },
                        (_, v) => vals.push(json_value(v)),
                    }
                }
                if spec.table == "claim_links" {
                    vals.sort_by_key(|v| if let Value::Integer(i) = v { *i } else { 0 });
                }
                let cond: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{} = ?{}", quote(c), i + 1)).collect();
                Ok(Some((cond.join(" AND "), vals)))
            }
        }
    }

    /// The changes the desk refused and kept here as drafts, newest first; of one claim, or all.
    pub(crate) fn desk_drafts(&self, claim_uuid: Option<&str>) -> Result<Vec<DeskDraft>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, claim_uuid, reason, at, changes FROM desk_drafts
                 WHERE ?1 IS NULL OR claim_uuid = ?1 ORDER BY id DESC",
            )?
            .query_map([claim_uuid], |r| {
                let changes: String = r.get(4)?;
                let changes: Vec<Change> = serde_json::from_str(&changes).unwrap_or_default();
                Ok(DeskDraft {
                    id: r.get(0)?,
                    claim_uuid: r.get(1)?,
                    reason: r.get(2)?,
                    at: r.get(3)?,
                    changes: changes.len() as u32,
                    what: describe(&changes),
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Fields of claims edited by two checkers while apart, not dismissed; of one claim, or all.
    pub(crate) fn desk_conflicts(&self, claim_uuid: Option<&str>) -> Result<Vec<DeskConflict>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, claim_uuid, field, kept, kept_by, replaced, replaced_by, at FROM desk_conflicts
                 WHERE dismissed_at IS NULL AND (?1 IS NULL OR claim_uuid = ?1) ORDER BY seq DESC",
            )?
            .query_map([claim_uuid], |r| {
                Ok(DeskConflict {
                    id: r.get(0)?,
                    claim_uuid: r.get(1)?,
                    field: r.get(2)?,
                    kept: r.get(3)?,
                    kept_by: r.get(4)?,
                    replaced: r.get(5)?,
                    replaced_by: r.get(6)?,
                    at: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

}

/// What a set of changes did, in words: "claims: status; history: 1 new".
fn describe(changes: &[Change]) -> String {
    let mut parts: Vec<(String, Vec<String>, usize)> = Vec::new();
    for c in changes {
        let name = match c.kind.as_str() {
            "claims" => "the claim".to_string(),
            "claim_tags" => "tags".to_string(),
            "claim_checks" => "sign-offs".to_string(),
            "external_reviews" => "other publishers' reviews".to_string(),
            other => other.replace('_', " "),
        };
        let i = match parts.iter().position(|p| p.0 == name) {
            Some(i) => i,
            None => {
                parts.push((name, Vec::new(), 0));
                parts.len() - 1
            }
        };
        match c.fields.as_ref().and_then(Json::as_array) {
            Some(fields) if c.op == "put" => {
                for f in fields.iter().filter_map(Json::as_str).filter(|f| *f != "updated_at") {
                    if !parts[i].1.iter().any(|x| x == f) {
                        parts[i].1.push(f.replace('_', " "));
                    }
                }
            }
            _ => parts[i].2 += 1,
        }
    }
    parts
        .into_iter()
        .map(|(name, fields, whole)| {
            let mut bits = fields;
            if whole > 0 {
                bits.push(format!("{whole} new or removed"));
            }
            format!("{name}: {}", bits.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn outbox_change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let data: Option<String> = r.get(5)?;
    let fields: Option<String> = r.get(6)?;
    Ok(Change {
        seq: r.get(0)?,
        txn: r.get(1)?,
        kind: r.get(2)?,
        key: r.get(3)?,
        op: r.get(4)?,
        data: data.and_then(|d| serde_json::from_str(&d).ok()),
        fields: fields.and_then(|d| serde_json::from_str(&d).ok()),
        base: r.get(7)?,
        role: String::new(),
        at: r.get(8)?,
    })
}

/// The claim a change belongs to, if any.
pub(crate) fn claim_of(c: &Change) -> Option<String> {
    if c.kind == "claims" {
        return Some(c.key.clone());
    }
    c.data.as_ref().and_then(|d| d.get("claim_id")).and_then(Json::as_str).map(str::to_string).or_else(|| {
        // A composite key names its claim first (claim_tags, claim_checks).
        matches!(c.kind.as_str(), "claim_tags" | "claim_checks")
            .then(|| serde_json::from_str::<Vec<Json>>(&c.key).ok())
            .flatten()
            .and_then(|k| k.first().and_then(Json::as_str).map(str::to_string))
    })
}

fn blobs_of(changes: &[Change]) -> Vec<String> {
    changes.iter().filter(|c| c.kind == "blobs" && c.op == "put").map(|c| c.key.clone()).collect()
}

fn json_value(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(*b as i64),
        Json::Number(n) => n.as_i64().map(Value::Integer).unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// A link's two claims in the order the table wants (the smaller local id first).
fn order_link(cols: &[String], vals: &mut [Value]) {
    let a = cols.iter().position(|c| c == "claim_a");
    let b = cols.iter().position(|c| c == "claim_b");
    if let (Some(a), Some(b)) = (a, b) {
        if let (Value::Integer(x), Value::Integer(y)) = (&vals[a], &vals[b]) {
            if x > y {
                vals.swap(a, b);
            }
        }
    }
}

/// `cond` with its parameters ?1… moved up by `by`.
fn renumber(cond: &str, by: usize) -> String {
    let mut out = String::new();
    let mut chars = cond.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' {
            let mut n = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(*d);
                chars.next();
            }
            out.push_str(&(n.parse::<usize>().unwrap_or(0) + by).to_string());
        }
    }
    out
}

fn all_triggers(conn: &Connection) -> Result<String> {
    let mut sql = String::new();
    for spec in SYNCED {
        sql.push_str(&spec.triggers(conn)?);
    }
    Ok(sql)
}

fn digest(sql: &str) -> String {
    format!("{:x}", Sha256::digest(sql.as_bytes()))
}

fn drop_triggers(conn: &Connection) -> Result<()> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'desk\\_out\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for n in names {
        conn.execute_batch(&format!("DROP TRIGGER \"{n}\""))?;
    }
    Ok(())
}

fn install_triggers(conn: &Connection) -> Result<()> {
    drop_triggers(conn)?;
    let sql = all_triggers(conn)?;
    conn.execute_batch(&sql)?;
    conn.execute("UPDATE desk SET triggers = ?1", [digest(&sql)])?;
    Ok(())
}
