use std::path::PathBuf;

use factdesk_core::model::{MatchingStatus, Profile, RecentWorkspace, WindowStart, WorkspaceInfo};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::interchange::automated_open_path;
use super::off_thread;
use super::reports::automated_save_path;
use crate::workspaces::{self, Workspaces};
use crate::AppState;

#[tauri::command]
pub async fn workspace_info(state: State<'_, AppState>) -> Result<WorkspaceInfo> {
    state.with(|s| s.info())
}

/// Called by the window once it has drawn the first claim list; logs the start-up time.
#[tauri::command]
pub async fn app_ready(state: State<'_, AppState>) -> Result<u64> {
    let ms = state.started.elapsed().as_millis() as u64;
    log::info!("first claim list drawn {ms} ms after launch");
    // The window listens for the desk's status from now on: the desk's thread may start.
    state.desk.look_again();
    Ok(ms)
}

/// Matching by meaning: the model in use (or why there is none) and the indexer's progress. The
/// window asks once when it opens, then follows the `matching-status` event.
#[tauri::command]
pub async fn matching_status(state: State<'_, AppState>) -> Result<MatchingStatus> {
    Ok(state.matching.lock().map(|m| m.clone()).unwrap_or_default())
}

// Workspaces from the window (issue 16): the welcome screen, File → New, Open, Open recent. Each
// switch answers the workspace now open (the window then reloads itself to show it); `None` when
// the checker cancelled the dialog. See `workspaces.rs` for what a switch closes and opens.

/// What the window opens on: the workspace (none: the welcome screen), the recent ones, and the
/// profile asked once.
#[tauri::command]
pub async fn window_start(app: AppHandle, state: State<'_, AppState>) -> Result<WindowStart> {
    let workspace = if state.is_open() { Some(state.with(|s| s.info())?) } else { None };
    let ws = app.state::<Workspaces>();
    let recent = ws.recent.lock().map(|r| r.list().to_vec()).unwrap_or_default();
    Ok(WindowStart {
        workspace,
        problem: state.problem(),
        recent: recent
            .iter()
            .map(|p| RecentWorkspace {
                path: p.display().to_string(),
                name: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            })
            .collect(),
        dropped: ws.dropped.iter().map(|p| p.display().to_string()).collect(),
        profile: ws.profile(),
    })
}

/// Asks where to make a new workspace (the system's save dialog), makes it and switches to it.
#[tauri::command]
pub async fn new_workspace(app: AppHandle) -> Result<Option<WorkspaceInfo>> {
    const SUGGESTED: &str = "workspace.factdesk";
    let path = match automated_save_path(SUGGESTED) {
        Some(p) => Some(p),
        None => {
            let dialog_app = app.clone();
            off_thread(move || {
                Ok(dialog_app
                    .dialog()
                    .file()
                    .set_title("New workspace")
                    .set_file_name(SUGGESTED)
                    .add_filter("Factdesk workspace", &["factdesk"])
                    .blocking_save_file()
                    .and_then(|p| p.into_path().ok()))
            })
            .await?
        }
    };
    let Some(path) = path.map(with_extension) else { return Ok(None) };
    let profile = app.state::<Workspaces>().profile();
    off_thread(move || {
        workspaces::switch(&app, &path, |s| profile.map_or(Ok(()), |p| workspaces::apply_profile(s, &p)))
    })
    .await
    .map(Some)
}

/// Asks for a workspace (the system's open dialog) and switches to it.
#[tauri::command]
pub async fn open_workspace(app: AppHandle) -> Result<Option<WorkspaceInfo>> {
    let path = match automated_open_path() {
        Some(p) => Some(p),
        None => {
            let dialog_app = app.clone();
            off_thread(move || {
                Ok(dialog_app
                    .dialog()
                    .file()
                    .set_title("Open workspace")
                    .add_filter("Factdesk workspace", &["factdesk"])
                    .blocking_pick_file()
                    .and_then(|p| p.into_path().ok()))
            })
            .await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    if !path.is_file() {
        return Err(Error::Workspace(format!("There is no workspace at {}.", path.display())));
    }
    let profile = app.state::<Workspaces>().profile();
    off_thread(move || workspaces::switch(&app, &path, |s| profile.map_or(Ok(()), |p| workspaces::apply_profile(s, &p))))
        .await
        .map(Some)
}

/// Switches to a workspace of the recent list (only those: the window names no other path).
#[tauri::command]
pub async fn open_recent_workspace(app: AppHandle, path: String) -> Result<WorkspaceInfo> {
    let path = PathBuf::from(path);
    let known = app.state::<Workspaces>().recent.lock().map(|r| r.contains(&path)).unwrap_or(false);
    if !known {
        return Err(Error::validation("path", "That workspace is not in the list of recent workspaces."));
    }
    if !path.is_file() {
        return Err(Error::Workspace(format!("The workspace {} is no longer there (moved or deleted).", path.display())));
    }
    off_thread(move || workspaces::switch(&app, &path, |_| Ok(()))).await
}

/// Switches to the demo workspace (made the first time, with the demo's claims and sources).
#[tauri::command]
pub async fn open_demo_workspace(app: AppHandle) -> Result<WorkspaceInfo> {
    let path = workspaces::demo_path();
    let profile = app.state::<Workspaces>().profile();
    off_thread(move || {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("could not create {}", dir.display()), e))?;
        }
        workspaces::switch(&app, &path, |s| {
            factdesk_core::demo::seed(s)?;
            profile.map_or(Ok(()), |p| workspaces::apply_profile(s, &p))
        })
    })
    .await
}

/// Keeps what the welcome screen asked (for every workspace made or opened from now on) and gives
/// it to the open workspace where it has none of its own.
#[tauri::command]
pub async fn save_profile(app: AppHandle, state: State<'_, AppState>, profile: Profile) -> Result<()> {
    let ws = app.state::<Workspaces>();
    crate::recent::save_profile(&ws.config_dir, &profile)
        .map_err(|e| Error::io(format!("could not save your details in {}", ws.config_dir.display()), e))?;
    if state.is_open() {
        state.with(|s| workspaces::apply_profile(s, &profile))?;
    }
    Ok(())
}

/// `name.factdesk`: the extension added when the save dialog's answer has none.
fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("factdesk")
    }
}
