use factdesk_core::model::{
    AppearanceInput, ClaimDetail, ClaimInput, ClaimPage, ClaimQuery, ClaimantInput, ClaimantSummary, SimilarClaim,
};
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

/// Where the desk published this claim's fact-check (its ClaimReview `url`); empty clears it.
#[tauri::command]
pub async fn set_published_url(state: State<'_, AppState>, uuid: String, url: String) -> Result<ClaimDetail> {
    state.with(|s| s.set_published_url(&uuid, &url))
}

#[tauri::command]
pub async fn add_appearance(state: State<'_, AppState>, claim_uuid: String, input: AppearanceInput) -> Result<ClaimDetail> {
    state.with(|s| s.add_appearance(&claim_uuid, &input))
}

#[tauri::command]
pub async fn remove_appearance(state: State<'_, AppState>, uuid: String) -> Result<ClaimDetail> {
    state.with(|s| s.remove_appearance(&uuid))
}

#[tauri::command]
pub async fn list_claimants(state: State<'_, AppState>, search: Option<String>) -> Result<Vec<ClaimantSummary>> {
    state.with(|s| s.list_claimants(search.as_deref()))
}

#[tauri::command]
pub async fn update_claimant(state: State<'_, AppState>, uuid: String, input: ClaimantInput) -> Result<ClaimantSummary> {
    state.with(|s| s.update_claimant(&uuid, &input))
}

/// Claims that may say the same as this one (decided pairs left out).
#[tauri::command]
pub async fn possible_duplicates(state: State<'_, AppState>, uuid: String) -> Result<Vec<SimilarClaim>> {
    state.with(|s| factdesk_core::matching::possible_duplicates(s, &uuid, 5))
}

#[tauri::command]
pub async fn confirm_match(state: State<'_, AppState>, uuid: String, other: String) -> Result<ClaimDetail> {
    state.with(|s| s.confirm_match(&uuid, &other))
}

#[tauri::command]
pub async fn dismiss_match(state: State<'_, AppState>, uuid: String, other: String) -> Result<ClaimDetail> {
    state.with(|s| s.dismiss_match(&uuid, &other))
}
