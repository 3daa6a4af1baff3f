use factdesk_core::model::{MatchingStatus, WorkspaceInfo};
use factdesk_core::Result;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn workspace_info(state: State<'_, AppState>) -> Result<WorkspaceInfo> {
    state.with(|s| s.info())
}

/// Called by the window once it has drawn the first claim list; logs the start-up time.
#[tauri::command]
pub async fn app_ready(state: State<'_, AppState>) -> Result<u64> {
    let ms = state.started.elapsed().as_millis() as u64;
    eprintln!("factdesk: first claim list drawn {ms} ms after launch");
    // The window listens for the desk's status from now on: the desk's thread may start.
    state.desk.look_again();
    Ok(ms)
}

/// Matching by meaning: the model in use (or why there is none) and the indexer's progress. The
/// window asks once when it opens, then follows the `matching-status` event.
#[tauri::command]
pub async fn matching_status(state: State<'_, AppState>) -> Result<MatchingStatus> {
    Ok(state.matching.lock().map(|m| m.clone()).unwrap_or_default())
}
