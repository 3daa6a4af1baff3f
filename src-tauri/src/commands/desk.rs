//! The desk (issue 14) from the window: its status, joining and leaving it, syncing now, and what
//! it refused or found edited twice. The live sync runs by itself (`crate::desk`); a password
//! typed here is kept in memory for this session, never in the workspace (joining also keeps it in
//! the system keyring, where there is one: see `desk::join`).

use factdesk_core::desk;
use factdesk_core::model::desk::{DeskConflict, DeskDraft, DeskStatus, SyncReport};
use factdesk_core::store::DeskAddress;
use factdesk_core::Result;
use tauri::{AppHandle, Emitter, Manager, State};

use super::off_thread;
use crate::AppState;

/// The desk this workspace is on, as it stands (the desk is asked, if it can be reached);
/// `None` when the workspace is not on a desk.
#[tauri::command]
pub async fn desk_status(app: AppHandle) -> Result<Option<DeskStatus>> {
    off_thread(move || crate::desk::status(&app)).await
}

/// Joins the desk at `url` with this workspace (a new one: everything on the desk comes to it).
/// `password`, or one in the address, is kept in memory for this session's syncs; the report says
/// where else the core kept it (`password_kept`).
#[tauri::command]
pub async fn desk_join(app: AppHandle, url: String, password: Option<String>) -> Result<SyncReport> {
    off_thread(move || {
        let state = app.state::<AppState>();
        let password = password.filter(|p| !p.is_empty()).or_else(|| DeskAddress::parse(&url).ok().and_then(|a| a.password));
        let report = state.in_background(|s| desk::join(s, &url, desk::Access { password: password.as_deref() }))?;
        if password.is_some() {
            state.desk.keep_password(password);
        }
        let _ = app.emit("workspace-changed", "the desk");
        crate::desk::tell_status(&app);
        state.desk.look_again();
        Ok(report)
    })
    .await
}

/// Pushes what was done here and pulls the others' work now. `password`: one typed for this
/// session (e.g. after a restart), kept in memory when the sync succeeds with it.
#[tauri::command]
pub async fn desk_sync(app: AppHandle, password: Option<String>) -> Result<SyncReport> {
    off_thread(move || {
        let password = password.filter(|p| !p.is_empty());
        let report = crate::desk::sync_and_tell(&app, password.as_deref())?;
        let state = app.state::<AppState>();
        if password.is_some() {
            state.desk.keep_password(password);
        }
        // The desk answered: if the thread was waiting to try it again, it need not wait.
        if !state.desk.following() {
            state.desk.look_again();
        }
        Ok(report)
    })
    .await
}

/// Leaves the desk: the workspace keeps everything and stops following it. Refused while changes
/// made here are not on the desk yet, unless `drop_unsent`.
#[tauri::command]
pub async fn desk_leave(app: AppHandle, state: State<'_, AppState>, drop_unsent: bool) -> Result<()> {
    state.with(|s| desk::leave(s, drop_unsent))?;
    state.desk.keep_password(None);
    state.desk.look_again();
    let _ = app.emit("desk-status", None::<DeskStatus>);
    Ok(())
}

/// Changes the desk refused and this workspace keeps as drafts; of one claim, or all.
#[tauri::command]
pub async fn desk_drafts(state: State<'_, AppState>, claim_uuid: Option<String>) -> Result<Vec<DeskDraft>> {
    state.in_background(|s| desk::drafts(s, claim_uuid.as_deref()))
}

/// Fields edited by two checkers while apart (the later change is kept); of one claim, or all.
#[tauri::command]
pub async fn desk_conflicts(state: State<'_, AppState>, claim_uuid: Option<String>) -> Result<Vec<DeskConflict>> {
    state.in_background(|s| desk::conflicts(s, claim_uuid.as_deref()))
}

/// Hides the notice of a field two checkers edited while apart; the claim's history keeps it.
#[tauri::command]
pub async fn desk_dismiss_conflict(app: AppHandle, id: i64) -> Result<()> {
    off_thread(move || {
        app.state::<AppState>().in_background(|s| desk::dismiss_conflict(s, id))?;
        // The top bar counts the notices: tell it.
        crate::desk::tell_status(&app);
        Ok(())
    })
    .await
}
