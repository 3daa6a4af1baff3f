use factdesk_core::model::{ChecklistItem, ChecklistItemInput, ClaimDetail, ClaimStatus, WorkspaceInfo};
use factdesk_core::Result;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn set_status(state: State<'_, AppState>, uuid: String, status: ClaimStatus) -> Result<ClaimDetail> {
    state.with(|s| s.set_status(&uuid, status))
}

#[tauri::command]
pub async fn set_check(state: State<'_, AppState>, uuid: String, item: String, done: bool) -> Result<ClaimDetail> {
    state.with(|s| s.set_check(&uuid, &item, done))
}

#[tauri::command]
pub async fn checklist(state: State<'_, AppState>) -> Result<Vec<ChecklistItem>> {
    state.with(|s| s.checklist())
}

#[tauri::command]
pub async fn set_checklist(state: State<'_, AppState>, items: Vec<ChecklistItemInput>) -> Result<Vec<ChecklistItem>> {
    state.with(|s| s.set_checklist(&items))
}

/// Sets the checker's name recorded with every change.
#[tauri::command]
pub async fn set_actor(state: State<'_, AppState>, name: String) -> Result<WorkspaceInfo> {
    state.with(|s| {
        s.set_actor(&name)?;
        s.info()
    })
}
