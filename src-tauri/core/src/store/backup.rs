//! Copies of workspace files with SQLite's online backup API (see `interchange::backup`, which
//! decides where they go): each copy is one consistent snapshot of the source, taken while others
//! go on writing to it, and is checked before anything relies on it.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// A backup opened to be restored: checked to be a Factdesk workspace this Factdesk can open.
pub(crate) struct BackupFile {
    conn: Connection,
    /// The backup's schema version.
    pub schema_version: u32,
}

impl BackupFile {
    /// Opens the backup at `path`; an error when it is not a Factdesk workspace or is newer than
    /// this Factdesk.
    pub(crate) fn open(path: &Path) -> Result<BackupFile> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let schema_version = check_workspace(&conn, path)?;
        Ok(BackupFile { conn, schema_version })
    }

    /// SQLite's `quick_check` of the backup: "ok", or what is damaged.
    pub(crate) fn quick_check(&self) -> Result<String> {
        quick_check(&self.conn)
    }

    /// Copies the backup over the workspace file at `target` (made when missing).
    pub(crate) fn copy_into(&self, target: &Path) -> Result<()> {
        let mut dst = Connection::open(target)?;
        dst.busy_timeout(Duration::from_secs(5))?;
        copy(&self.conn, &mut dst)
    }
}

impl Store {
    /// Copies this workspace to a new file at `path`, self-contained (a rollback journal, no `-wal`
    /// file needed) and checked (`quick_check`, application id, schema version).
    pub(crate) fn copy_to_new_file(&self, path: &Path) -> Result<()> {
        let mut dst = Connection::open(path)?;
        copy(self.conn(), &mut dst)?;
        self_contained(&dst)?;
        let ok = quick_check(&dst)?;
        if ok != "ok" {
            return Err(Error::Workspace(format!("the copy at {} failed its check ({ok})", path.display())));
        }
        check_workspace(&dst, path).map(|_| ())
    }
}

/// Copies the workspace file at `from` (even one open elsewhere) to a new self-contained file `to`.
pub(crate) fn copy_file(from: &Path, to: &Path) -> Result<()> {
    let live = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let mut copy_to = Connection::open(to)?;
    copy(&live, &mut copy_to)?;
    self_contained(&copy_to)
}

/// The schema version of the workspace file at `path`; an error when it is not a Factdesk
/// workspace or is newer than this Factdesk.
pub(crate) fn check_workspace_file(path: &Path) -> Result<u32> {
    // Read-write without create: a workspace in WAL mode needs its -shm file to be read at all.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    check_workspace(&conn, path)
}

/// The schema version and the numbers of claims and sources of the workspace file at `path`.
pub(crate) fn summary_of(path: &Path) -> Result<(u32, u32, u32)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM claims), (SELECT count(*) FROM sources)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// Copies the main database of `from` into `to` in one step (one consistent snapshot), retrying
/// while the destination is locked.
fn copy(from: &Connection, to: &mut Connection) -> Result<()> {
    let b = Backup::new(from, to)?;
    let mut tries = 0;
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                tries += 1;
                if tries > 100 {
                    return Err(Error::Conflict(
                        "The file stayed locked by another program for 5 seconds; close it and try again.".into(),
                    ));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

fn quick_check(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?)
}

/// A copy is one file, whatever journal its source used.
fn self_contained(conn: &Connection) -> Result<()> {
    Ok(conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?)
}

/// The schema version of a Factdesk workspace; an error when it is not one or is newer than this
/// Factdesk.
fn check_workspace(conn: &Connection, path: &Path) -> Result<u32> {
    let not_ours = || Error::Workspace(format!("{} is not a Factdesk workspace or backup; nothing was changed.", path.display()));
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => not_ours(),
        other => Error::Storage(other),
    })?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_claims: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims')", [], |r| r.get(0))?;
    if !(app_id == APPLICATION_ID || app_id == 0 && version > 0 && has_claims) {
        return Err(not_ours());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::Workspace(format!(
            "{} comes from a newer Factdesk (schema {version}; this one knows up to {SCHEMA_VERSION}): update Factdesk to restore it. Nothing was changed.",
            path.display()
        )));
    }
    Ok(version)
}
