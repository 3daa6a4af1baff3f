use factdesk_core::model::{RatingScale, RatingScaleInput, Verdict, VerdictInput};
use factdesk_core::Result;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn record_verdict(state: State<'_, AppState>, input: VerdictInput) -> Result<Verdict> {
    state.with(|s| s.record_verdict(&input))
}

#[tauri::command]
pub async fn rating_scale(state: State<'_, AppState>) -> Result<RatingScale> {
    state.with(|s| s.rating_scale())
}

#[tauri::command]
pub async fn list_scales(state: State<'_, AppState>) -> Result<Vec<RatingScale>> {
    state.with(|s| s.list_scales())
}

#[tauri::command]
pub async fn set_rating_scale(state: State<'_, AppState>, uuid: String) -> Result<RatingScale> {
    state.with(|s| s.set_rating_scale(&uuid))
}

#[tauri::command]
pub async fn create_scale(state: State<'_, AppState>, input: RatingScaleInput) -> Result<RatingScale> {
    state.with(|s| s.create_scale(&input))
}
