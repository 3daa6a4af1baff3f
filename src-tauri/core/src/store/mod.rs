//! The workspace store: one SQLite file, opened with the pragmas in DESIGN.md and migrated to the
//! newest schema. Every mutation runs in one transaction together with its history row.

mod appearances;
mod candidates;
mod articles;
mod backup;
mod bundle;
mod claimants;
mod claims;
mod desk;
mod remote;
mod external_reviews;
mod history;
mod links;
mod rating_names;
mod scales;
mod search;
pub(crate) mod report_rows;
mod sources;
pub(crate) mod synthetic;
mod verdicts;
mod workflow;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
use crate::lock::{self, writable, Access, Guard};
use crate::model::WorkspaceInfo;

pub(crate) use backup::{check_workspace_file, copy_file, summary_of, BackupFile};
pub(crate) use external_reviews::ReviewFields;
pub use history::Change;
pub(crate) use desk::{Change as DeskChange, Dangling};
pub use remote::{DeskAddress, Remote, DESK_SCHEMA};
pub(crate) use remote::damaged_schema;
pub use candidates::MatchText;
pub use sources::{url_key, validate_url, NewCapture};
pub use workflow::{is_locked, next_statuses, INITIAL_STATUSES};

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_workflow.sql")),
    M::up(include_str!("../../migrations/0003_sources.sql")),
    M::up(include_str!("../../migrations/0004_articles.sql")),
    M::up(include_str!("../../migrations/0005_lists.sql")),
    M::up(include_str!("../../migrations/0006_scales.sql")),
    M::up(include_str!("../../migrations/0007_interchange.sql")),
    M::up(include_str!("../../migrations/0008_finding.sql")),
    M::up(include_str!("../../migrations/0009_vectors.sql")),
    M::up(include_str!("../../migrations/0010_desk.sql")),
    M::up(include_str!("../../migrations/0011_scale.sql")),
    M::up(include_str!("../../migrations/0012_gate.sql")),
    M::up(include_str!("../../migrations/0013_published_url.sql")),
    M::up(include_str!("../../migrations/0014_correction_kind.sql")),
];

/// Every schema version, in order. Never edit a shipped one: append.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// The number of the newest schema.
pub const SCHEMA_VERSION: u32 = MIGRATION_LIST.len() as u32;

/// `PRAGMA application_id` of a Factdesk workspace ("FDSK").
pub const APPLICATION_ID: i32 = 0x4644_534B;

/// SQLite's page cache for a workspace's connection, in KiB: a 64th of the file, between SQLite's
/// default of 2 MiB and 32 MiB. At a million claims (a 2.3 GB file) the search index's document
/// sizes, which ranking a search reads for every match, no longer fit in 2 MiB, and every read
/// went back to the operating system for its page: 32 MiB made similar claims by words 5 to 15%
/// faster there (`benches/matching.rs` at 1M, 2026-12-07). A workspace of 100,000 claims (230 MB)
/// keeps about SQLite's default, so the app's memory there does not grow.
fn page_cache_kib(bytes: i64) -> i64 {
    (bytes / 64 / 1024).clamp(2 * 1024, 32 * 1024)
}

/// Sizes the connection's page cache to its workspace ([`page_cache_kib`]).
fn size_page_cache(conn: &Connection) -> rusqlite::Result<()> {
    let bytes: i64 = conn.query_row("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -page_cache_kib(bytes))
}

pub struct Store {
    // Declared before `guard`, so the connection closes before the lock's descriptor does (closing
    // any descriptor of the file drops the process's POSIX locks on it: see `lock`).
    conn: Connection,
    guard: Arc<Guard>,
    path: PathBuf,
    actor: String,
    read_only: bool,
    /// The matching model, when the app or the CLI has one (see [`Store::attach_embedder`]).
    embedder: Option<Arc<crate::language::embed::Embedder>>,
    /// The in-memory index of the stored vectors, caught up on each use (see `candidates`).
    vectors: std::cell::RefCell<candidates::VectorCache>,
    /// The common words' frequencies, counted once (see [`Store::term_frequencies`]).
    frequencies: std::cell::RefCell<candidates::FrequencyCache>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the workspace at `path` and brings its schema up to date. It
    /// holds the workspace's lock until dropped; a workspace another process holds is refused. A
    /// file that cannot be written (permissions, a read-only disk) is opened read-only.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let guard = Guard::try_lock(path, Access::Write)?.ok_or_else(|| lock::in_use(path))?;
        Store::open_with(path, guard)
    }

    /// Opens the workspace at `path` to read only: beside other readers, never beside a writer;
    /// it never writes, not even a checkpoint of the write-ahead log.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let guard = Guard::try_lock(path, Access::Read)?.ok_or_else(|| lock::in_use(path))?;
        Store::open_with(path, guard)
    }

    /// Opens the workspace at `path` under `guard` (a lock taken on it, or a lease from the app
    /// that holds it): read-only when the guard is for reading or the file cannot be written.
    pub fn open_with(path: impl AsRef<Path>, guard: impl Into<Arc<Guard>>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let mut guard = guard.into();
        if guard.access() == Access::Write && writable(&path) {
            return Self::open_writable(&path, guard);
        }
        // An older schema is brought up to date first, when no other reader is in the way.
        let upgrade = writable(&path) && Self::schema_version_at(&path).is_ok_and(|v| v < SCHEMA_VERSION);
        if upgrade && Arc::get_mut(&mut guard).is_some_and(|g| g.try_upgrade()) {
            let Store { conn, guard: g, .. } = Self::open_writable(&path, guard)?;
            drop(conn);
            guard = g;
            if let Some(g) = Arc::get_mut(&mut guard) {
                g.downgrade();
            }
        }
        Self::open_reading(path, guard)
    }

    fn open_writable(path: &Path, guard: Arc<Guard>) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        Self::check_is_workspace(&conn, path)?;
        // Room for every statement a desk's sync prepares (a put and a delete per synced table).
        conn.set_prepared_statement_cache_capacity(128);
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Workspace(format!(
                "{} cannot use write-ahead logging (journal mode stayed {mode})",
                path.display()
            )));
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        size_page_cache(&conn)?;
        Self::check_not_newer(&conn, path)?;
        MIGRATIONS.to_latest(&mut conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let actor = Self::load_actor(&conn)?;
        let mut store = Store {
            conn,
            guard,
            path: path.to_path_buf(),
            actor,
            read_only: false,
            embedder: None,
            vectors: Default::default(),
            frequencies: Default::default(),
        };
        store.backfill_url_keys()?;
        store.backfill_worthiness()?;
        store.desk_refresh_triggers()?;
        Ok(store)
    }

    /// A read-only connection that never writes, not even a checkpoint.
    fn reading_connection(path: &Path) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Readers hold the workspace's lock shared, so no writer can come while they read. With no
        // log beside the file, the file alone is the workspace: SQLite is told so (`immutable`)
        // and reads it without making `-wal` and `-shm` files (which a read-only folder could not
        // hold, and which a reader could not remove). A log left by a writer that crashed is read
        // through as usual, and left for the next writer to fold in.
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        let conn = if wal.exists() {
            Connection::open_with_flags(path, flags)?
        } else {
            let encoded = path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
            Connection::open_with_flags(format!("file:{encoded}?immutable=1"), flags)?
        };
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        Ok(conn)
    }

    fn open_reading(path: PathBuf, guard: Arc<Guard>) -> Result<Store> {
        let conn = Self::reading_connection(&path)?;
        Self::check_is_workspace(&conn, &path)?;
        size_page_cache(&conn)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Self::check_not_newer(&conn, &path)?;
        let version = Self::schema_version_of(&conn)?;
        if version < SCHEMA_VERSION {
            return Err(Error::Workspace(format!(
                "{} was written by an older Factdesk (schema {version}) and cannot be brought up to date here: {}",
                path.display(),
                if writable(&path) {
                    "another reader has it open; try again when it is closed."
                } else {
                    "the file cannot be written. Copy it somewhere writable and open the copy."
                }
            )));
        }
        let actor = Self::load_actor(&conn)?;
        Ok(Store { conn, guard, path, actor, read_only: true,
            embedder: None,
            vectors: Default::default(),
            frequencies: Default::default(),
        })
    }

    fn check_not_newer(conn: &Connection, path: &Path) -> Result<()> {
        let version = Self::schema_version_of(conn)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Workspace(format!(
                "{} was written by a newer Factdesk (schema {version}; this version knows up to {SCHEMA_VERSION}). \
                 Update Factdesk to open it.",
                path.display()
            )));
        }
        Ok(())
    }

    /// The schema version of the workspace file at `path`, read without opening it as a store.
    fn schema_version_at(path: &Path) -> Result<u32> {
        Self::schema_version_of(&Self::reading_connection(path)?)
    }

    /// Lends the workspace to the process that asked (see [`lock::handover`]): closes this store,
    /// keeping the lock on the borrower's behalf, waits until the borrower is done, and opens the
    /// file again, with whatever the borrower changed (and the matching model it had).
    pub fn lend(self, mut request: lock::handover::Request) -> Result<Store> {
        let (path, guard, embedder) = (self.path.clone(), self.guard.clone(), self.embedder.clone());
        drop(self);
        if request.grant() {
            request.wait_returned();
        }
        let mut store = Store::open_with(path, guard)?;
        if let Some(e) = embedder {
            store.attach_embedder(e)?;
        }
        Ok(store)
    }

    /// What lets this store use its file (its lock, or the app's lease), to open it again under.
    pub fn guard(&self) -> &Arc<Guard> {
        &self.guard
    }

    /// Whether changes are refused because the file (or the way it was opened) is read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses files that are not SQLite, or are SQLite databases of some other program.
    fn check_is_workspace(conn: &Connection, path: &Path) -> Result<()> {
        let not_ours = || {
            Error::Workspace(format!(
                "{} is not a Factdesk workspace (it is a file of another kind); choose a .factdesk file or a new name",
                path.display()
            ))
        };
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => not_ours(),
                other => Error::Storage(other),
            })?;
        if app_id == APPLICATION_ID {
            return Ok(());
        }
        if app_id != 0 {
            return Err(not_ours());
        }
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))?;
        if tables > 0 && Self::schema_version_of(conn)? == 0 {
            return Err(not_ours());
        }
        Ok(())
    }

    fn schema_version_of(conn: &Connection) -> Result<u32> {
        Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
    }

    fn load_actor(conn: &Connection) -> Result<String> {
        let stored: Option<String> = conn
            .query_row("SELECT value FROM settings WHERE key = 'actor'", [], |r| r.get(0))
            .optional()?;
        Ok(stored
            .filter(|s| !s.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "checker".to_string()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name recorded in the history for changes made through this store.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Sets the checker's name, kept in the workspace.
    pub fn set_actor(&mut self, name: &str) -> Result<()> {
        self.check_writable()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::validation("actor", "Your name cannot be empty: it is recorded with every change."));
        }
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('actor', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [name],
        )?;
        self.actor = name.to_string();
        Ok(())
    }

    /// SQLite's full `integrity_check`: "ok", or what is damaged.
    pub fn check_integrity(&self) -> Result<String> {
        let rows: Vec<String> =
            self.conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("; "))
    }

    /// When the workspace last changed (its newest history row), if ever.
    pub fn last_change_at(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> =
            self.conn.query_row("SELECT at FROM history ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
        Ok(at.map(|s| parse_ts(&s)).transpose()?)
    }

    /// Sets workspace settings, in one transaction.
    pub fn set_settings(&mut self, pairs: &[(&str, &str)]) -> Result<()> {
        self.write(|tx| pairs.iter().try_for_each(|(k, v)| tx.set_setting(k, v)))
    }

    /// A workspace setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn schema_version(&self) -> Result<u32> {
        Self::schema_version_of(&self.conn)
    }

    pub fn info(&self) -> Result<WorkspaceInfo> {
        let (claims, sources): (u32, u32) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM sources)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(WorkspaceInfo {
            path: self.path.display().to_string(),
            claim_count: claims,
            source_count: sources,
            actor: self.actor.clone(),
            schema_version: self.schema_version()?,
            read_only: self.read_only,
        })
    }

    /// Runs `f` in one transaction: it commits when `f` succeeds and rolls back otherwise.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let actor = self.actor.clone();
        self.write_as(&actor, f)
    }

    /// Like [`Store::write`], recording `actor` instead of the workspace's checker.
    /// Write transactions begin IMMEDIATE: one that read first could not wait for the write lock
    /// in WAL mode, and would fail with "database is locked" instead.
    pub(crate) fn write_as<T>(&mut self, actor: &str, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.check_writable()?;
        let tx = Tx { tx: self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?, actor, now: now() };
        // A desk's replica numbers its write transactions: their changes travel (and are refused) together.
        tx.conn().prepare_cached("UPDATE desk SET txn = txn + 1")?.execute([])?;
        let out = f(&tx).map_err(plain_constraint)?;
        tx.tx.commit()?;
        Ok(out)
    }

    /// The connection, for the store's own statements: nothing outside `store` reaches it.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// One read transaction for everything read until the snapshot is dropped: every read sees the
    /// same state of the workspace, even while others write to it (WAL readers see a fixed
    /// snapshot). Nothing is written, so it ends with a rollback. When the connection is already
    /// inside a transaction, that one is used as is.
    pub(crate) fn read_snapshot(&self) -> Result<ReadSnapshot<'_>> {
        if !self.conn.is_autocommit() {
            return Ok(ReadSnapshot(None));
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(ReadSnapshot(Some(&self.conn)))
    }

    /// A plain transaction of the store's own upkeep (IMMEDIATE, as every write).
    fn upkeep_transaction(&mut self) -> Result<Transaction<'_>> {
        self.check_writable()?;
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    pub(crate) fn check_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::Workspace(format!(
                "{} is open read-only (the file or its folder cannot be written, or it was opened to read): nothing can be changed. \
                 Copy it somewhere writable to work on it.",
                self.path.display()
            )));
        }
        Ok(())
    }
}

/// A read transaction begun by [`Store::read_snapshot`], rolled back when dropped.
pub(crate) struct ReadSnapshot<'a>(Option<&'a Connection>);

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.0 {
            let _ = conn.execute_batch("ROLLBACK");
        }
    }
}

/// A write transaction with the actor and the single timestamp of this change.
pub(crate) struct Tx<'a> {
    tx: Transaction<'a>,
    actor: &'a str,
    now: String,
}

impl Tx<'_> {
    /// The transaction's connection, for the store's own statements.
    fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Who is recorded for this change.
    pub(crate) fn actor(&self) -> &str {
        self.actor
    }

    /// The one timestamp of this change.
    pub(crate) fn now(&self) -> &str {
        &self.now
    }

    /// Sets a workspace setting in this transaction.
    pub(crate) fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}


/// A value the schema's checks refuse (which the checks before the write should have caught) is
/// said in plain words, never as SQLite's text.
fn plain_constraint(e: Error) -> Error {
    match &e {
        Error::Storage(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Error::validation(
                "input",
                "This could not be saved: a value breaks a rule of the workspace (an empty required field, a value out of range, \
                 or a hidden control character such as NUL from a damaged paste). Nothing was changed.",
            )
        }
        _ => e,
    }
}

/// Refuses text holding a NUL character (U+0000): no text a person wrote holds one, and the
/// workspace cannot keep it (SQLite's `length()` stops at it).
pub(crate) fn no_nul(field: &'static str, what: &str, value: &str) -> Result<()> {
    if value.contains('\0') {
        return Err(Error::validation(
            field,
            format!("The {what} holds a hidden NUL character (U+0000), usually from a damaged file or paste: remove it and save again."),
        ));
    }
    Ok(())
}

/// Timestamps are stored as fixed-width RFC 3339 UTC text, so they sort as text.
pub(crate) fn fmt_ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn now() -> String {
    fmt_ts(Utc::now())
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn parse_date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

pub(crate) fn new_uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Parses a date as a checker types it (`YYYY-MM-DD`), naming the field when it is not one.
pub fn parse_user_date(field: &'static str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::validation(field, format!("“{}” is not a date; write it as YYYY-MM-DD, e.g. 2024-02-29", s.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page cache is a 64th of the workspace, between SQLite's default and 32 MiB; a new
    /// workspace, read or written, keeps the default.
    #[test]
    fn the_page_cache_follows_the_workspace_within_bounds() {
        for (bytes, kib) in [(0, 2048), (4096, 2048), (230_000_000, 3509), (1 << 30, 16 * 1024), (2_300_000_000, 32 * 1024), (i64::MAX, 32 * 1024)] {
            assert_eq!(page_cache_kib(bytes), kib, "{bytes} bytes");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.factdesk");
        let store = Store::open(&path).unwrap();
        let size: i64 = store.conn().query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_eq!(size, -2048);
        drop(store);
        let reader = Store::open_read_only(&path).unwrap();
        let size: i64 = reader.conn().query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_eq!(size, -2048);
    }
}
