use factdesk_core::model::{RatingScale, Verdict, VerdictInput};
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
