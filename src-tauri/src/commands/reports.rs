//! Exporting claim reports: the file is chosen in the system's save dialog, opened from Rust (the
//! window never names a path), and written atomically.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use factdesk_core::model::{ExportDone, ExportProgress, ExportRequest};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Emitter, Manager, State};
use serde::{Deserialize, Serialize};
use tauri_plugin_dialog::DialogExt;

use super::off_thread;
use crate::workspaces::Workspaces;
use crate::AppState;

/// Set by automation (the end-to-end tests) to answer the save dialog: with this path, or, when it
/// names a folder that exists, with the suggested file name in that folder. A test hook, compiled
/// into debug builds only: a release binary ignores the variable and always shows the dialog.
#[cfg(debug_assertions)]
pub const SAVE_PATH_ENV: &str = "FACTDESK_SAVE_PATH";

/// The file, in the app's config folder (see `recent.rs`), that keeps the folder the last export
/// was saved in: the app's, not a workspace's, so no export or bundle ever carries a local path.
const EXPORT_FILE: &str = "export.json";

#[derive(Default, Serialize, Deserialize)]
struct LastExport {
    folder: Option<PathBuf>,
}

/// The folder the last export went to, when it still exists.
fn last_export_folder(config_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_dir.join(EXPORT_FILE)).ok()?;
    serde_json::from_str::<LastExport>(&text).ok()?.folder.filter(|f| f.is_dir())
}

fn remember_export_folder(config_dir: &Path, folder: &Path) -> std::io::Result<()> {
    let body = serde_json::to_string_pretty(&LastExport { folder: Some(folder.to_path_buf()) }).map_err(std::io::Error::other)?;
    crate::recent::write_atomically(&config_dir.join(EXPORT_FILE), &body)
}

/// The running export's cancel flag: the window's Cancel sets it, the export reads it after every
/// claim and before it writes. One export at a time (the window's dialog is modal).
#[derive(Default)]
pub struct ExportJob {
    cancel: AtomicBool,
}

impl ExportJob {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn check(&self) -> Result<()> {
        if self.cancelled() {
            return Err(Error::export_cancelled());
        }
        Ok(())
    }
}

/// Stops the running export (if any) before it writes its file.
#[tauri::command]
pub async fn cancel_export(job: State<'_, ExportJob>) -> Result<()> {
    job.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Asks where to save, then writes the report there. `None` when the checker cancelled. The
/// export (reading the claims, typesetting a PDF) and the write run on a blocking thread, so the
/// window stays responsive; `export-progress` events tell it how far the reading is.
#[tauri::command]
pub async fn export_report(app: AppHandle, request: ExportRequest) -> Result<Option<ExportDone>> {
    let format = Format::parse(&request.format)?;
    let selection = match (&request.claim_uuid, &request.query) {
        (Some(uuid), _) => Selection::Claim(uuid.clone()),
        (None, Some(q)) => Selection::from_query(q),
        (None, None) => return Err(Error::validation("selection", "Choose a claim or a list to export.")),
    };
    // What the export would refuse is refused before the checker is asked for a file name; the
    // proposed name comes from the claim's words, in the folder the last export went to.
    let suggested = {
        let (app, selection) = (app.clone(), selection.clone());
        off_thread(move || {
            app.state::<AppState>().with(|s| {
                if format == Format::ClaimReview {
                    report::check_claimreview(s, &selection)?;
                }
                report::suggested_file_name(s, &selection, format, chrono::Local::now().date_naive())
            })
        })
        .await?
    };
    let config_dir = app.state::<Workspaces>().config_dir.clone();
    let folder = last_export_folder(&config_dir);
    let path: Option<PathBuf> = match automated_save_path(&suggested) {
        Some(p) => Some(p),
        None => {
            let (dialog_app, ext) = (app.clone(), format.extension());
            off_thread(move || Ok(app_dialog_save(&dialog_app, &suggested, folder, ext))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    app.state::<ExportJob>().cancel.store(false, Ordering::Relaxed);
    off_thread(move || {
        let job = app.state::<ExportJob>();
        let mut last_sent = None;
        let mut progress = |done: usize, total: usize| {
            // At most about a hundred events for any size of export.
            let step = (total / 100).max(1);
            if done == total || last_sent.is_none_or(|l: usize| done >= l + step) {
                last_sent = Some(done);
                let _ = app.emit("export-progress", ExportProgress { done: done as u32, total: total as u32 });
            }
            !job.cancelled()
        };
        let state = app.state::<AppState>();
        let export = if format == Format::Json {
            // The JSON bundle is the workspace's own data, read in one snapshot.
            state.with(|s| report::export_until(s, &selection, format, &ExportOptions::default(), &mut progress))?
        } else {
            // The workspace is held only while the claims are read; typesetting (a long PDF) and
            // writing the file leave it free for the window's other commands.
            let collection =
                state.with(|s| report::build_collection_until(s, &selection, &ExportOptions::default(), &mut progress))?;
            if collection.claims.is_empty() {
                return Err(Error::validation("selection", format!("Nothing to export: no claims match ({}).", collection.scope)));
            }
            report::render(&collection, format)?
        };
        // Typesetting a long PDF takes a while: a Cancel during it still writes nothing.
        job.check()?;
        report::write_atomic(&path, &export.bytes)?;
        // The next export's dialog opens in this folder (when it cannot be noted, it is not).
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = remember_export_folder(&config_dir, dir);
        }
        Ok(Some(ExportDone { path: path.display().to_string(), claims: export.claims as u32, warnings: export.warnings }))
    })
    .await
}

/// The save dialog's answer given by automation ([`SAVE_PATH_ENV`]), if any: a folder means "the
/// suggested name in it".
#[cfg(debug_assertions)]
pub(crate) fn automated_save_path(suggested: &str) -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var_os(SAVE_PATH_ENV)?);
    Some(if p.is_dir() { p.join(suggested) } else { p })
}

/// A release build has no test hooks: the save dialog is always shown.
#[cfg(not(debug_assertions))]
pub(crate) fn automated_save_path(_suggested: &str) -> Option<PathBuf> {
    None
}

fn app_dialog_save(app: &AppHandle, suggested: &str, folder: Option<PathBuf>, ext: &str) -> Option<PathBuf> {
    let mut dialog = app.dialog().file().set_title("Export report").set_file_name(suggested).add_filter(ext.to_uppercase(), &[ext]);
    if let Some(dir) = folder {
        dialog = dialog.set_directory(dir);
    }
    dialog.blocking_save_file().and_then(|p| p.into_path().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_export_folder_is_remembered_while_it_exists() {
        let config = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        assert_eq!(last_export_folder(config.path()), None, "nothing exported yet");
        remember_export_folder(config.path(), out.path()).unwrap();
        assert_eq!(last_export_folder(config.path()).as_deref(), Some(out.path()));
        drop(out);
        assert_eq!(last_export_folder(config.path()), None, "a folder since removed is not proposed");
        std::fs::write(config.path().join(EXPORT_FILE), "not json").unwrap();
        assert_eq!(last_export_folder(config.path()), None);
    }
}
