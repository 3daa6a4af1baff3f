//! The workspace store: one SQLite file, opened with the pragmas in DESIGN.md and migrated to the
//! newest schema. Every mutation runs in one transaction together with its history row.

mod appearances;
mod claimants;
mod claims;
mod history;
mod links;
mod matching;
mod scales;
mod search;
mod sources;
mod verdicts;
mod workflow;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
use crate::model::WorkspaceInfo;

pub use history::Change;
pub use matching::{content_terms, similarity, MIN_CONTENT_WORDS};
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
];

/// Every schema version, in order. Never edit a shipped one: append.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// The number of the newest schema.
pub const SCHEMA_VERSION: u32 = MIGRATION_LIST.len() as u32;

/// `PRAGMA application_id` of a Factdesk workspace ("FDSK").
pub const APPLICATION_ID: i32 = 0x4644_534B;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the workspace at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::io(format!("could not create the folder {}", dir.display()), e)
            })?;
        }
        let mut conn = Connection::open(&path)?;
        Self::check_is_workspace(&conn, &path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Workspace(format!(
                "{} cannot use write-ahead logging (journal mode stayed {mode})",
                path.display()
            )));
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        let version = Self::schema_version_of(&conn)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Workspace(format!(
                "{} was written by a newer Factdesk (schema {version}; this version knows up to {SCHEMA_VERSION}). \
                 Update Factdesk to open it.",
                path.display()
            )));
        }
        MIGRATIONS.to_latest(&mut conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let actor = Self::load_actor(&conn)?;
        let mut store = Store { conn, path, actor };
        store.backfill_url_keys()?;
        store.backfill_worthiness()?;
        Ok(store)
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
        })
    }

    /// Runs `f` in one transaction: it commits when `f` succeeds and rolls back otherwise.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let actor = self.actor.clone();
        self.write_as(&actor, f)
    }

    /// Like [`Store::write`], recording `actor` instead of the workspace's checker.
    pub(crate) fn write_as<T>(&mut self, actor: &str, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = Tx { tx: self.conn.transaction()?, actor, now: now() };
        let out = f(&tx)?;
        tx.tx.commit()?;
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// A write transaction with the actor and the single timestamp of this change.
pub(crate) struct Tx<'a> {
    tx: Transaction<'a>,
    actor: &'a str,
    now: String,
}

impl Tx<'_> {
    /// Who is recorded for this change.
    pub(crate) fn actor(&self) -> &str {
        self.actor
    }

    /// The one timestamp of this change.
    pub(crate) fn now(&self) -> &str {
        &self.now
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
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
