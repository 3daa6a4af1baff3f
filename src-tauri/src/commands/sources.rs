use factdesk_core::model::{Evidence, EvidenceInput, Source, SourceInput};
use factdesk_core::Result;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_sources(state: State<'_, AppState>, search: Option<String>) -> Result<Vec<Source>> {
    state.with(|s| s.list_sources(search.as_deref()))
}

#[tauri::command]
pub async fn create_source(state: State<'_, AppState>, input: SourceInput) -> Result<Source> {
    state.with(|s| s.create_source(&input))
}

#[tauri::command]
pub async fn add_evidence(state: State<'_, AppState>, input: EvidenceInput) -> Result<Evidence> {
    state.with(|s| s.add_evidence(&input))
}
