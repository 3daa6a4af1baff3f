use factdesk_core::model::{AppearanceInput, ClaimDetail, ClaimInput, ClaimPage, ClaimQuery};
use factdesk_core::Result;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_claims(state: State<'_, AppState>, query: ClaimQuery) -> Result<ClaimPage> {
    state.with(|s| s.list_claims(&query))
}

#[tauri::command]
pub async fn get_claim(state: State<'_, AppState>, uuid: String) -> Result<ClaimDetail> {
    state.with(|s| s.get_claim(&uuid))
}

#[tauri::command]
pub async fn create_claim(state: State<'_, AppState>, input: ClaimInput) -> Result<ClaimDetail> {
    state.with(|s| s.create_claim(&input))
}

#[tauri::command]
pub async fn update_claim(state: State<'_, AppState>, uuid: String, input: ClaimInput) -> Result<ClaimDetail> {
    state.with(|s| s.update_claim(&uuid, &input))
}

#[tauri::command]
pub async fn add_appearance(state: State<'_, AppState>, claim_uuid: String, input: AppearanceInput) -> Result<ClaimDetail> {
    state.with(|s| s.add_appearance(&claim_uuid, &input))
}

#[tauri::command]
pub async fn remove_appearance(state: State<'_, AppState>, uuid: String) -> Result<ClaimDetail> {
    state.with(|s| s.remove_appearance(&uuid))
}
