//! Backups with SQLite's online backup API: a consistent copy of the workspace made while the app
//! (or anything else) goes on writing to it, and a restore that puts a backup in place of a
//! workspace, keeping the replaced one beside it.
//!
//! The copy is taken in one step of the backup API, inside one read transaction: with write-ahead
//! logging, writers on other connections go on committing meanwhile and the copy is the database
//! as it was when the step began (never half of a change). It is written to a temporary file beside
//! the destination, checked (`quick_check`, application id, schema version), made self-contained
//! (rollback journal, no `-wal` file needed) and renamed into place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::files::{remove_stale_temps, sync_dir, temp_beside, Cleanup};
use crate::lock::{self, Access, Guard};
use crate::store::{check_workspace_file, copy_file, summary_of, BackupFile, Store};

/// The replaced workspace is kept as `TARGET.before-restore`.
pub const BEFORE_RESTORE_SUFFIX: &str = ".before-restore";

/// A finished backup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: u32,
    pub claims: u32,
    pub sources: u32,
}

/// A finished restore.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreReport {
    pub target: PathBuf,
    /// Where the replaced workspace was kept; None when there was none.
    pub kept: Option<PathBuf>,
    /// The backup's schema version (older backups are brought up to date as they are opened).
    pub backup_schema_version: u32,
    pub schema_version: u32,
    pub claims: u32,
    pub sources: u32,
}

/// Copies the workspace to `out` with SQLite's online backup API, consistent even while other
/// connections write. `out` is replaced whole or not at all; it may not be this workspace, nor
/// an existing file that is not a Factdesk workspace.
pub fn backup_to(store: &Store, out: impl AsRef<Path>) -> Result<BackupReport> {
    let out = out.as_ref();
    crate::paths::check_output_path(out)?;
    if same_file(out, store.path()) {
        return Err(Error::Conflict(format!(
            "{} is the open workspace: a backup cannot replace the file it copies. Choose another name.",
            out.display()
        )));
    }
    // An existing file is replaced only when it is a workspace nobody has open.
    let _out_lock = if out.exists() {
        Some(Guard::try_lock(out, Access::Write)?.ok_or_else(|| lock::in_use(out))?)
    } else {
        None
    };
    if out.exists() {
        check_workspace_file(out).map_err(|_| {
            Error::Conflict(format!(
                "{} exists and is not a Factdesk workspace or backup: it was left alone. Choose another name.",
                out.display()
            ))
        })?;
    }
    let dir = lock::parent_of(out);
    remove_stale_temps(out);
    let tmp = temp_beside(out);
    let guard = Cleanup(vec![tmp.clone(), wal_of(&tmp), shm_of(&tmp), journal_of(&tmp)]);
    store.copy_to_new_file(&tmp)?;
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| Error::io(format!("could not flush {}", tmp.display()), e))?;
    std::fs::rename(&tmp, out).map_err(|e| Error::io(format!("could not write {}", out.display()), e))?;
    drop(guard);
    sync_dir(&dir);
    let (schema_version, claims, sources) = summary_of(out)?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { path: out.to_path_buf(), bytes, schema_version, claims, sources })
}

/// Puts the backup `backup` in place of the workspace `target`. Refused when the backup is not a
/// Factdesk workspace, is damaged, or comes from a newer Factdesk; or when `target` exists and is
/// not a workspace. The replaced workspace is first copied (with the backup API, so even a
/// workspace that is open elsewhere is copied whole) to `TARGET.before-restore`. The restored
/// workspace is then opened once, which brings an older backup's schema up to date.
///
/// It takes the target's lock: a workspace that another process holds is refused. A command that
/// borrowed the workspace from the app that holds it passes its lease with [`restore_with`].
pub fn restore(backup: impl AsRef<Path>, target: impl AsRef<Path>) -> Result<RestoreReport> {
    let target = target.as_ref();
    let guard = Guard::try_lock(target, Access::Write)?.ok_or_else(|| lock::in_use(target))?;
    restore_with(backup, target, guard)
}

/// [`restore`] under `guard`, a lock or lease the caller holds on `target`.
pub fn restore_with(backup: impl AsRef<Path>, target: impl AsRef<Path>, guard: impl Into<Arc<Guard>>) -> Result<RestoreReport> {
    let target = target.as_ref();
    let result = restore_and_open(backup.as_ref(), target, guard.into());
    // A refused restore into a new name leaves no empty file behind (the lock made it).
    if result.is_err() && target.metadata().is_ok_and(|m| m.len() == 0) {
        let _ = std::fs::remove_file(target);
    }
    result.map(|(report, _)| report)
}

/// [`restore`], answering also the restored workspace, opened (and brought up to date) once.
fn restore_and_open(backup: &Path, target: &Path, guard: Arc<Guard>) -> Result<(RestoreReport, Store)> {
    if !backup.is_file() {
        return Err(Error::validation("backup", format!("{} is not a file", backup.display())));
    }
    if same_file(backup, target) {
        return Err(Error::validation("backup", "The backup and the workspace to restore into are the same file."));
    }
    // Read under its own lock: a backup that is some workspace open elsewhere is copied, never
    // checkpointed or changed.
    let _backup_lock = Guard::try_lock(backup, Access::Read)?.ok_or_else(|| lock::in_use(backup))?;
    let src = BackupFile::open(backup)?;
    let ok = src.quick_check()?;
    if ok != "ok" {
        return Err(Error::Workspace(format!("{} is damaged ({ok}); it was not restored.", backup.display())));
    }
    let mut kept = None;
    // The lock made the file if there was none: an empty file is no workspace to keep.
    if target.metadata().is_ok_and(|m| m.len() > 0) {
        check_workspace_file(target).map_err(|_| {
            Error::Conflict(format!(
                "{} exists and is not a Factdesk workspace: it was left alone. Restore into a workspace file or a new name.",
                target.display()
            ))
        })?;
        // Copied to a temporary name and renamed, so a restore killed midway never leaves an
        // empty or partial FILE.before-restore.
        let keep = free_name(target);
        remove_stale_temps(target);
        let tmp = temp_beside(target);
        let guard = Cleanup(vec![tmp.clone(), wal_of(&tmp), shm_of(&tmp), journal_of(&tmp)]);
        copy_file(target, &tmp)?;
        std::fs::rename(&tmp, &keep).map_err(|e| Error::io(format!("could not write {}", keep.display()), e))?;
        drop(guard);
        kept = Some(keep);
    }
    src.copy_into(target)?;
    let backup_schema_version = src.schema_version;
    drop(src);
    let store = Store::open_with(target, guard)?;
    let info = store.info()?;
    let report = RestoreReport {
        target: target.to_path_buf(),
        kept,
        backup_schema_version,
        schema_version: info.schema_version,
        claims: info.claim_count,
        sources: info.source_count,
    };
    Ok((report, store))
}

/// Restores `backup` into this open workspace (the app's "Restore from a backup"): the same
/// checks and the same copy of the replaced workspace as [`restore`], then `store` is opened
/// again on the restored file, so everything read from it afterwards is the backup's. On an
/// error the workspace and `store` are as they were.
pub fn restore_in_place(store: &mut Store, backup: impl AsRef<Path>) -> Result<RestoreReport> {
    let target = store.path().to_path_buf();
    let (report, restored) = restore_and_open(backup.as_ref(), &target, store.guard().clone())?;
    *store = restored;
    Ok(report)
}

/// Whether two paths name the same file (when both exist), or the same path.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => absolute(a) == absolute(b),
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn wal_of(p: &Path) -> PathBuf {
    with_suffix(p, "-wal")
}

fn shm_of(p: &Path) -> PathBuf {
    with_suffix(p, "-shm")
}

fn journal_of(p: &Path) -> PathBuf {
    with_suffix(p, "-journal")
}

/// `TARGET.before-restore`, or `TARGET.before-restore-2`… when an earlier restore kept one.
fn free_name(target: &Path) -> PathBuf {
    let first = with_suffix(target, BEFORE_RESTORE_SUFFIX);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| with_suffix(target, &format!("{BEFORE_RESTORE_SUFFIX}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
