//! Exporting claim reports: the file is chosen in the system's save dialog, opened from Rust (the
//! window never names a path), and written atomically.

use std::path::PathBuf;

use factdesk_core::model::{ExportDone, ExportProgress, ExportRequest};
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::sources::off_thread;
use crate::AppState;

/// Set by automation (the end-to-end tests) to answer the save dialog with this path.
pub const SAVE_PATH_ENV: &str = "FACTDESK_SAVE_PATH";

/// Asks where to save, then writes the report there. `None` when the checker cancelled.
#[tauri::command]
pub async fn export_report(app: AppHandle, state: State<'_, AppState>, request: ExportRequest) -> Result<Option<ExportDone>> {
    let format = Format::parse(&request.format)?;
    let (selection, name) = match (&request.claim_uuid, &request.query) {
        (Some(uuid), _) => (Selection::Claim(uuid.clone()), format!("claim-{}", uuid.chars().take(8).collect::<String>())),
        (None, Some(q)) => (Selection::Query(q.clone()), "claims".to_string()),
        (None, None) => return Err(Error::validation("selection", "Choose a claim or a list to export.")),
    };
    let suggested = format!("factdesk-{name}.{}", format.extension());
    let path: Option<PathBuf> = match std::env::var_os(SAVE_PATH_ENV) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let (dialog_app, ext) = (app.clone(), format.extension());
            off_thread(move || Ok(app_dialog_save(&dialog_app, &suggested, ext))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    let export = state.with(|s| {
        report::export_with_progress(s, &selection, format, &ExportOptions::default(), &mut |done, total| {
            let progress = ExportProgress { done: done as u32, total: total as u32 };
            let _ = app.emit("export-progress", progress);
        })
    })?;
    report::write_atomic(&path, &export.bytes)?;
    Ok(Some(ExportDone { path: path.display().to_string(), claims: export.claims as u32, warnings: export.warnings }))
}

fn app_dialog_save(app: &AppHandle, suggested: &str, ext: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Export report")
        .set_file_name(suggested)
        .add_filter(ext.to_uppercase(), &[ext])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
