use factdesk_core::model::WorkspaceInfo;
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
    Ok(ms)
}
