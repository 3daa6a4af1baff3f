//! Automatic backups: a rolling set made while the checker works, so a bad day (a deleted folder,
//! a disk error, a mistaken restore) costs an hour at most.
//!
//! At most one an hour, and only when the workspace changed since the last one; each is made with
//! the online backup API ([`super::backup_to`]) and then verified whole with SQLite's
//! `integrity_check` (a copy that fails it is deleted and the failure reported). Every backup of the
//! last 24 hours is kept, then the newest of each day for 30 days; older ones are removed. They
//! live in `NAME backups/` beside the workspace unless Settings names another folder, as
//! `NAME-YYYY-MM-DDTHHMMSSZ.factdesk` (UTC), so they sort by time and open like any workspace.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::backup::BackupReport;
use crate::error::{Error, Result};
use crate::store::Store;

/// The setting naming the folder of automatic backups (empty or absent: beside the workspace).
pub const FOLDER_KEY: &str = "backup.folder";
/// The setting that turns automatic backups off (`off`); on unless set so.
pub const ENABLED_KEY: &str = "backup.auto";

/// How often, and how long each kind of backup is kept.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// No new backup sooner than this after the last one.
    pub every: Duration,
    /// Every backup younger than this is kept.
    pub keep_all_for: Duration,
    /// Then the newest of each day, for this long.
    pub keep_daily_for: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { every: Duration::hours(1), keep_all_for: Duration::hours(24), keep_daily_for: Duration::days(30) }
    }
}

/// One automatic backup on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AutoBackup {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What Settings shows: where automatic backups go, whether they are on, and those kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AutoBackups {
    pub enabled: bool,
    pub folder: String,
    /// Newest first.
    pub kept: Vec<AutoBackup>,
}

/// Where the automatic backups of this workspace go.
pub fn folder(store: &Store) -> Result<PathBuf> {
    match store.setting(FOLDER_KEY)?.filter(|f| !f.trim().is_empty()) {
        Some(f) => Ok(PathBuf::from(f.trim())),
        None => Ok(crate::lock::parent_of(store.path()).join(format!("{} backups", stem(store.path())))),
    }
}

/// Whether automatic backups are on, where they go and which are kept.
pub fn auto_backups(store: &Store) -> Result<AutoBackups> {
    let folder = folder(store)?;
    let mut kept = list(&folder, &stem(store.path()));
    kept.reverse();
    Ok(AutoBackups { enabled: enabled(store)?, folder: folder.display().to_string(), kept })
}

/// Turns automatic backups on or off and sets their folder (`None`: beside the workspace). A folder
/// that does not exist is refused.
pub fn set_auto_backups(store: &mut Store, enabled: bool, folder: Option<&str>) -> Result<AutoBackups> {
    let folder = folder.map(str::trim).filter(|f| !f.is_empty());
    if let Some(f) = folder {
        if !Path::new(f).is_dir() {
            return Err(Error::validation("folder", format!("The folder {f} does not exist; create it first, or choose another.")));
        }
    }
    store.set_settings(&[(ENABLED_KEY, if enabled { "on" } else { "off" }), (FOLDER_KEY, folder.unwrap_or(""))])?;
    auto_backups(store)
}

fn enabled(store: &Store) -> Result<bool> {
    Ok(store.setting(ENABLED_KEY)?.is_none_or(|v| v.trim() != "off"))
}

/// Makes an automatic backup if one is due at `now` (see the module documentation) and prunes the
/// set; `Ok(None)` when none was due.
pub fn run_auto_backup(store: &Store, now: DateTime<Utc>, policy: &Policy) -> Result<Option<BackupReport>> {
    if !enabled(store)? {
        return Ok(None);
    }
    let folder = folder(store)?;
    let name = stem(store.path());
    let mut kept = list(&folder, &name);
    if let Some(last) = kept.last() {
        let changed = store.last_change_at()?.is_some_and(|at| at > last.taken_at);
        if now - last.taken_at < policy.every || !changed {
            return Ok(None);
        }
    }
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(format!("could not create the backup folder {}", folder.display()), e))?;
    let out = folder.join(format!("{name}-{}.factdesk", now.format("%Y-%m-%dT%H%M%SZ")));
    let report = super::backup_to(store, &out)?;
    let verdict = Store::open_read_only(&out).and_then(|copy| copy.check_integrity());
    if !matches!(verdict.as_deref(), Ok("ok")) {
        let _ = std::fs::remove_file(&out);
        let why = verdict.unwrap_or_else(|e| e.to_string());
        return Err(Error::Workspace(format!("The automatic backup failed its check ({why}) and was removed.")));
    }
    kept.push(AutoBackup { path: out.display().to_string(), taken_at: now, bytes: report.bytes });
    for old in to_remove(&kept, now, policy) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(Some(report))
}

/// The backups the policy no longer keeps at `now` (`kept` oldest first).
pub fn to_remove<'a>(kept: &'a [AutoBackup], now: DateTime<Utc>, policy: &Policy) -> Vec<&'a AutoBackup> {
    kept.iter()
        .enumerate()
        .filter(|(i, b)| {
            let age = now - b.taken_at;
            let newest_of_its_day = kept.get(i + 1).is_none_or(|next| next.taken_at.date_naive() != b.taken_at.date_naive());
            !(age < policy.keep_all_for || (age < policy.keep_daily_for && newest_of_its_day))
        })
        .map(|(_, b)| b)
        .collect()
}

/// The automatic backups of the workspace named `stem` in `folder`, oldest first.
fn list(folder: &Path, stem: &str) -> Vec<AutoBackup> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let prefix = format!("{stem}-");
    let mut out: Vec<AutoBackup> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let when = name.strip_prefix(&prefix)?.strip_suffix(".factdesk")?;
            let taken_at = NaiveDateTime::parse_from_str(when, "%Y-%m-%dT%H%M%SZ").ok()?.and_utc();
            let bytes = e.metadata().ok()?.len();
            Some(AutoBackup { path: e.path().display().to_string(), taken_at, bytes })
        })
        .collect();
    out.sort_by_key(|b| b.taken_at);
    out
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workspace".into())
}
