//! Desk settings that are not part of one claim: the rating-name table used to read other
//! publishers' ratings, and backing the workspace up from the window.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use factdesk_core::interchange::rolling::{self, AutoBackups};
use factdesk_core::interchange::{self, RatingName};
use factdesk_core::model::{BackupDone, RestoreDone};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::interchange::OPEN_PATH_ENV;
use super::reports::SAVE_PATH_ENV;
use crate::AppState;

/// The words other publishers use for their ratings and the rating of our scale each means.
#[tauri::command]
pub async fn rating_names(state: State<'_, AppState>) -> Result<Vec<RatingName>> {
    state.with(|s| interchange::rating_names(s))
}

/// Replaces the rating-name table and maps every imported review again; answers how many
/// imported reviews now show another rating.
#[tauri::command]
pub async fn set_rating_names(state: State<'_, AppState>, names: Vec<RatingName>) -> Result<u32> {
    state.with(|s| interchange::set_rating_names(s, &names)).map(|n| n as u32)
}

/// Asks where to save (the system dialog), then copies the workspace there with SQLite's backup
/// API. `None` when the checker cancelled.
#[tauri::command]
pub async fn backup_workspace(app: AppHandle) -> Result<Option<BackupDone>> {
    let suggested = backup_file_name(SystemTime::now());
    let path: Option<PathBuf> = match std::env::var_os(SAVE_PATH_ENV) {
        Some(p) => Some(super::reports::answer_for_automation(PathBuf::from(p), &suggested)),
        None => {
            let dialog_app = app.clone();
            super::sources::off_thread(move || Ok(ask_where(&dialog_app, &suggested))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    // The copy reads the whole file: run it on a blocking thread, not the async runtime's.
    let report = tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().with(|s| s.backup_to(&path)))
        .await
        .map_err(|_| Error::Workspace("The backup stopped unexpectedly; the workspace itself is unchanged.".into()))??;
    Ok(Some(BackupDone {
        path: report.path.display().to_string(),
        bytes: report.bytes,
        claims: report.claims,
        sources: report.sources,
    }))
}

/// Whether automatic backups are on, where they go, and the ones kept.
#[tauri::command]
pub async fn auto_backups(state: State<'_, AppState>) -> Result<AutoBackups> {
    state.with(|s| rolling::auto_backups(s))
}

/// Turns automatic backups on or off; `folder` None puts them back beside the workspace.
#[tauri::command]
pub async fn set_auto_backups(state: State<'_, AppState>, enabled: bool, folder: Option<String>) -> Result<AutoBackups> {
    state.with(|s| rolling::set_auto_backups(s, enabled, folder.as_deref()))
}

/// Asks for the folder of automatic backups (the system dialog) and keeps them there from now on.
/// `None` when the checker cancelled.
#[tauri::command]
pub async fn choose_backup_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Option<AutoBackups>> {
    let folder: Option<PathBuf> = match std::env::var_os(OPEN_PATH_ENV) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let dialog_app = app.clone();
            super::sources::off_thread(move || {
                Ok(dialog_app.dialog().file().set_title("Folder for automatic backups").blocking_pick_folder().and_then(|p| p.into_path().ok()))
            })
            .await?
        }
    };
    let Some(folder) = folder else { return Ok(None) };
    state.with(|s| {
        let enabled = rolling::auto_backups(s)?.enabled;
        rolling::set_auto_backups(s, enabled, Some(&folder.display().to_string()))
    })
    .map(Some)
}

/// Asks for a backup (the system dialog), then restores it into the open workspace: the workspace
/// as it was is first kept whole beside it (`NAME.before-restore`). `None` when the checker
/// cancelled. The window reloads afterwards to show the restored workspace.
#[tauri::command]
pub async fn restore_workspace(app: AppHandle) -> Result<Option<RestoreDone>> {
    let path: Option<PathBuf> = match std::env::var_os(OPEN_PATH_ENV) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let dialog_app = app.clone();
            super::sources::off_thread(move || Ok(ask_which_backup(&dialog_app))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    let backup = path.display().to_string();
    let report = tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().with(|s| s.restore_in_place(&path)))
        .await
        .map_err(|_| Error::Workspace("The restore stopped unexpectedly; restart Factdesk before going on.".into()))??;
    Ok(Some(RestoreDone {
        backup,
        kept: report.kept.map(|k| k.display().to_string()),
        backup_schema_version: report.backup_schema_version,
        claims: report.claims,
        sources: report.sources,
    }))
}

fn ask_which_backup(app: &AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Restore from a backup")
        .add_filter("Factdesk workspace or backup", &["factdesk"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

fn ask_where(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Back up workspace")
        .set_file_name(suggested)
        .add_filter("Factdesk workspace", &["factdesk"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// `factdesk-backup-YYYY-MM-DD.factdesk`, dated `at` (UTC).
fn backup_file_name(at: SystemTime) -> String {
    let days = at.duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0) as i64;
    let (y, m, d) = civil_date(days);
    format!("factdesk-backup-{y:04}-{m:02}-{d:02}.factdesk")
}

/// The calendar date `days` days after 1970-01-01 (proleptic Gregorian calendar).
fn civil_date(days: i64) -> (i64, u32, u32) {
    // Counted in 400-year eras starting on 1 March, so the leap day ends each year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn calendar_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(11_017), (2000, 3, 1));
        assert_eq!(civil_date(20_597), (2026, 5, 24));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }

    #[test]
    fn suggested_backup_name_carries_the_date() {
        let at = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(backup_file_name(at), "factdesk-backup-2026-11-18.factdesk");
    }
}
