use factdesk_core::library::{self, FetchedSource};
use factdesk_core::model::{
    AddedSource, CaptureInfo, Evidence, EvidenceInput, Source, SourceDetail, SourceInput, SourceQuery,
};
use factdesk_core::web::{DiffLine, FetchLimits};
use factdesk_core::Result;
use tauri::State;

use super::off_thread;
use crate::AppState;

#[tauri::command]
pub async fn list_sources(state: State<'_, AppState>, query: SourceQuery) -> Result<Vec<Source>> {
    state.with(|s| s.list_sources(&query))
}

#[tauri::command]
pub async fn create_source(state: State<'_, AppState>, input: SourceInput) -> Result<Source> {
    state.with(|s| s.create_source(&input))
}

#[tauri::command]
pub async fn update_source(state: State<'_, AppState>, uuid: String, input: SourceInput) -> Result<Source> {
    state.with(|s| s.update_source(&uuid, &input))
}

#[tauri::command]
pub async fn source_detail(state: State<'_, AppState>, uuid: String) -> Result<SourceDetail> {
    state.with(|s| s.source_detail(&uuid))
}

/// Adds the page at `url` to the library, or returns the source already there.
#[tauri::command]
pub async fn add_source_by_url(state: State<'_, AppState>, url: String) -> Result<AddedSource> {
    if let Some(source) = state.with(|s| s.find_source_by_url(&url))? {
        return Ok(AddedSource { source, existing: true, notes: Vec::new() });
    }
    let fetched: FetchedSource = off_thread(move || library::fetch_source(&url, &FetchLimits::default())).await?;
    state.with(|s| library::add_fetched_source(s, &fetched))
}

/// Captures the source's page again; earlier captures are kept.
#[tauri::command]
pub async fn recapture_source(state: State<'_, AppState>, uuid: String) -> Result<CaptureInfo> {
    let url = state.with(|s| s.get_source(&uuid))?.url;
    let capture = off_thread(move || library::fetch_capture(&url, &FetchLimits::default())).await?;
    state.with(|s| s.add_capture(&uuid, &capture))
}

#[tauri::command]
pub async fn diff_captures(state: State<'_, AppState>, from: String, to: String) -> Result<Vec<DiffLine>> {
    state.with(|s| s.diff_captures(&from, &to))
}

#[tauri::command]
pub async fn capture_text(state: State<'_, AppState>, uuid: String) -> Result<String> {
    state.with(|s| s.capture_text(&uuid))
}

#[tauri::command]
pub async fn add_evidence(state: State<'_, AppState>, input: EvidenceInput) -> Result<Evidence> {
    state.with(|s| s.add_evidence(&input))
}
