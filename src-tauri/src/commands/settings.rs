//! Desk settings that are not part of one claim: the rating-name table used to read other
//! publishers' ratings, how the desk publishes (ClaimReview), and backing the workspace up from
//! the window.

use std::path::PathBuf;
use std::time::SystemTime;

use factdesk_core::interchange::rolling::{self, AutoBackups};
use factdesk_core::interchange::{self, RatingName};
use factdesk_core::model::{BackupDone, Publishing, RestoreDone};
use factdesk_core::report::{SETTING_DESK_LOGO_URL, SETTING_DESK_NAME, SETTING_DESK_URL, SETTING_PUBLICATION_URL};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::interchange::{ask_folder, automated_open_path};
use super::reports::automated_save_path;
use super::{off_thread, off_thread_or};
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

/// The desk's organisation and the address its fact-checks are published under (ClaimReview).
#[tauri::command]
pub async fn publishing(state: State<'_, AppState>) -> Result<Publishing> {
    state.with(|s| read_publishing(s))
}

/// Sets them (empty clears one); a web address must start with http:// or https://.
#[tauri::command]
pub async fn set_publishing(state: State<'_, AppState>, publishing: Publishing) -> Result<Publishing> {
    let desk = publishing.desk_name.trim().to_string();
    let desk_url = publishing.desk_url.trim().to_string();
    let logo = publishing.desk_logo_url.trim().to_string();
    let url = publishing.publication_url.trim().to_string();
    check_web_address("desk_url", &desk_url)?;
    check_web_address("desk_logo_url", &logo)?;
    check_publication_url(&url)?;
    state.with(|s| {
        s.set_settings(&[
            (SETTING_DESK_NAME, desk.as_str()),
            (SETTING_DESK_URL, desk_url.as_str()),
            (SETTING_DESK_LOGO_URL, logo.as_str()),
            (SETTING_PUBLICATION_URL, url.as_str()),
        ])?;
        read_publishing(s)
    })
}

/// A publication address is a web address (or nothing).
fn check_publication_url(url: &str) -> Result<()> {
    check_web_address("publication_url", url)
}

/// The field holds a web address (or nothing).
fn check_web_address(field: &'static str, url: &str) -> Result<()> {
    let web = (url.starts_with("https://") || url.starts_with("http://")) && url.len() > "https://".len();
    if url.is_empty() || (web && !url.contains(char::is_whitespace)) {
        return Ok(());
    }
    Err(Error::validation(field, "Give a web address starting with https:// (or leave it empty)."))
}

fn read_publishing(s: &factdesk_core::Store) -> Result<Publishing> {
    Ok(Publishing {
        desk_name: s.setting(SETTING_DESK_NAME)?.unwrap_or_default(),
        desk_url: s.setting(SETTING_DESK_URL)?.unwrap_or_default(),
        desk_logo_url: s.setting(SETTING_DESK_LOGO_URL)?.unwrap_or_default(),
        publication_url: s.setting(SETTING_PUBLICATION_URL)?.unwrap_or_default(),
    })
}

/// Asks where to save (the system dialog), then copies the workspace there with SQLite's backup
/// API. `None` when the checker cancelled.
#[tauri::command]
pub async fn backup_workspace(app: AppHandle) -> Result<Option<BackupDone>> {
    let suggested = backup_file_name(SystemTime::now());
    let path: Option<PathBuf> = match automated_save_path(&suggested) {
        Some(p) => Some(p),
        None => {
            let dialog_app = app.clone();
            off_thread(move || Ok(ask_where(&dialog_app, &suggested))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    // The copy reads the whole file: run it on a blocking thread, not the async runtime's.
    let report = off_thread_or("The backup stopped unexpectedly; the workspace itself is unchanged.", move || {
        app.state::<AppState>().with(|s| interchange::backup_to(s, &path))
    })
    .await?;
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
    let Some(folder) = ask_folder(&app, "Folder for automatic backups", None).await? else { return Ok(None) };
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
    let path: Option<PathBuf> = match automated_open_path() {
        Some(p) => Some(p),
        None => {
            let dialog_app = app.clone();
            off_thread(move || Ok(ask_which_backup(&dialog_app))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    let backup = path.display().to_string();
    let report = off_thread_or("The restore stopped unexpectedly; restart Factdesk before going on.", move || {
        app.state::<AppState>().with(|s| interchange::restore_in_place(s, &path))
    })
    .await?;
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
    chrono::DateTime::<chrono::Utc>::from(at).format("factdesk-backup-%Y-%m-%d.factdesk").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_publication_address_is_a_web_address_or_nothing() {
        for ok in ["", "https://desk.example/checks/", "http://desk.example/{uuid}.html"] {
            assert!(check_publication_url(ok).is_ok(), "{ok}");
        }
        for bad in ["desk.example/checks", "https://", "https://desk example/", "ftp://desk.example/"] {
            let err = check_publication_url(bad).unwrap_err();
            assert!(matches!(err, Error::Validation { field: "publication_url", .. }), "{bad}: {err:?}");
            let err = check_web_address("desk_logo_url", bad).unwrap_err();
            assert!(matches!(err, Error::Validation { field: "desk_logo_url", .. }), "{bad}: {err:?}");
        }
    }

    #[test]
    fn suggested_backup_name_carries_the_date() {
        let at = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(backup_file_name(at), "factdesk-backup-2026-11-18.factdesk");
        let leap_day = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400 + 86_399);
        assert_eq!(backup_file_name(leap_day), "factdesk-backup-2000-02-29.factdesk");
    }
}
