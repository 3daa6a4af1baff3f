//! Importing an article and turning its candidate claims into claims.

use std::sync::atomic::{AtomicBool, Ordering};

use factdesk_core::article::{self, Turns};
use factdesk_core::library::FetchedSource;
use factdesk_core::model::{AcceptCandidate, Article, ArticlePaste, ArticleProgress, ClaimDetail, SimilarClaim};
use factdesk_core::web::FetchLimits;
use factdesk_core::{Result, Store};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::off_thread;
use crate::AppState;

/// Candidates matched against the workspace when an article is imported or opened (about a screen
/// of cards: with the matching model each takes tens of milliseconds); the window asks for the
/// others' matches (`candidates_similar`) when it shows them.
const MATCH_FIRST: usize = 12;

/// Set by the window's Cancel; read by the running import at every step. One import at a time
/// (the Import screen's ways in are busy while one runs).
static CANCEL: AtomicBool = AtomicBool::new(false);

impl Turns for AppState {
    fn read(&self, f: &mut dyn FnMut(&Store) -> Result<()>) -> Result<()> {
        self.in_background(|s| f(s))
    }
    fn write(&self, f: &mut dyn FnMut(&mut Store) -> Result<()>) -> Result<()> {
        self.with(|s| f(s))
    }
}

/// Runs `work` on a blocking thread with the workspace a turn at a time, sending the window
/// `article-progress` events; the window's Cancel stops it with nothing kept.
async fn with_progress(
    app: AppHandle,
    work: impl FnOnce(&AppState, &mut dyn FnMut(ArticleProgress) -> bool) -> Result<Article> + Send + 'static,
) -> Result<Article> {
    CANCEL.store(false, Ordering::Relaxed);
    off_thread(move || {
        let state = app.state::<AppState>();
        let mut progress = |p: ArticleProgress| {
            let _ = app.emit("article-progress", p);
            !CANCEL.load(Ordering::Relaxed)
        };
        work(&state, &mut progress)
    })
    .await
}

async fn import(app: AppHandle, f: FetchedSource) -> Result<Option<Article>> {
    with_progress(app, move |state, progress| article::import_until(state, &f, Some(MATCH_FIRST), progress)).await.map(Some)
}

#[tauri::command]
pub async fn import_article_text(app: AppHandle, paste: ArticlePaste) -> Result<Option<Article>> {
    let f = article::read_paste(&paste)?;
    import(app, f).await
}

/// Asks for a `.txt`, `.md` or `.html` file with the system's file dialog (in Rust: the window
/// never names a path) and imports it. `None` when the checker cancelled.
#[tauri::command]
pub async fn import_article_file(app: AppHandle) -> Result<Option<Article>> {
    let dialog_app = app.clone();
    let picked = off_thread(move || {
        Ok(dialog_app
            .dialog()
            .file()
            .set_title("Open an article")
            .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
            .blocking_pick_file())
    })
    .await?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let f = off_thread(move || article::read_file(&path)).await?;
    import(app, f).await
}

/// Imports an article file dropped on the window: its name and its bytes (base64), read as
/// `import_article_file` reads the file it opens.
#[tauri::command]
pub async fn import_article_dropped(app: AppHandle, file_name: String, content: String) -> Result<Option<Article>> {
    let bytes = super::dropped_bytes(&file_name, &content)?;
    drop(content);
    let f = off_thread(move || article::read_file_bytes(&file_name, bytes)).await?;
    import(app, f).await
}

#[tauri::command]
pub async fn import_article_url(app: AppHandle, url: String) -> Result<Option<Article>> {
    let f = off_thread(move || article::read_url(&url, &FetchLimits::default())).await?;
    import(app, f).await
}

#[tauri::command]
pub async fn article(app: AppHandle, source_uuid: String) -> Result<Article> {
    with_progress(app, move |state, progress| article::open_until(state, &source_uuid, Some(MATCH_FIRST), progress)).await
}

/// Stops the running import (or opening) of an article; it then fails with `Cancelled` and keeps nothing.
#[tauri::command]
pub async fn cancel_article_import() -> Result<()> {
    CANCEL.store(true, Ordering::Relaxed);
    Ok(())
}

/// Similar claims in the workspace for candidates not matched at import: each ask is the
/// candidate's words and the claim it became, if any.
#[tauri::command]
pub async fn candidates_similar(app: AppHandle, asks: Vec<(String, Option<String>)>) -> Result<Vec<Vec<SimilarClaim>>> {
    off_thread(move || article::similar_in_turns(&*app.state::<AppState>(), &asks)).await
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
