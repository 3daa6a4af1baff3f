//! Importing an article and turning its candidate claims into claims.

use factdesk_core::article;
use factdesk_core::model::{AcceptCandidate, Article, ArticlePaste, ClaimDetail, SimilarClaim};
use factdesk_core::web::FetchLimits;
use factdesk_core::Result;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::off_thread;
use crate::AppState;

#[tauri::command]
pub async fn import_article_text(state: State<'_, AppState>, paste: ArticlePaste) -> Result<Option<Article>> {
    let f = article::read_paste(&paste)?;
    state.with(|s| article::import(s, &f)).map(Some)
}

/// Asks for a `.txt`, `.md` or `.html` file with the system's file dialog (in Rust: the window
/// never names a path) and imports it. `None` when the checker cancelled.
#[tauri::command]
pub async fn import_article_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Article>> {
    let picked = off_thread(move || {
        Ok(app
            .dialog()
            .file()
            .set_title("Open an article")
            .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
            .blocking_pick_file())
    })
    .await?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let f = off_thread(move || article::read_file(&path)).await?;
    state.with(|s| article::import(s, &f)).map(Some)
}

#[tauri::command]
pub async fn import_article_url(state: State<'_, AppState>, url: String) -> Result<Option<Article>> {
    let f = off_thread(move || article::read_url(&url, &FetchLimits::default())).await?;
    state.with(|s| article::import(s, &f)).map(Some)
}

#[tauri::command]
pub async fn article(state: State<'_, AppState>, source_uuid: String) -> Result<Article> {
    state.with(|s| article::get(s, &source_uuid))
}

#[tauri::command]
pub async fn accept_candidate(state: State<'_, AppState>, input: AcceptCandidate) -> Result<ClaimDetail> {
    state.with(|s| article::accept_candidate(s, &input))
}

#[tauri::command]
pub async fn reject_candidate(state: State<'_, AppState>, capture_uuid: String, start: u32, end: u32) -> Result<()> {
    state.with(|s| article::reject_candidate(s, &capture_uuid, start, end))
}

#[tauri::command]
pub async fn reopen_candidate(state: State<'_, AppState>, capture_uuid: String, start: u32, end: u32) -> Result<()> {
    state.with(|s| article::reopen_candidate(s, &capture_uuid, start, end))
}

/// Claims in the workspace that say what `text` says (for the new-claim form).
#[tauri::command]
pub async fn similar_claims(state: State<'_, AppState>, text: String, exclude: Option<String>) -> Result<Vec<SimilarClaim>> {
    state.with(|s| factdesk_core::matching::similar_claims(s, &text, exclude.as_deref(), 5))
}
