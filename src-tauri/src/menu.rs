//! The window's menu bar (issue 16): File, Edit, View, Help, with the usual accelerators.
//!
//! What the window already does (back up, restore, export, import, the screens, the shortcuts,
//! and New / Open / Open recent, which the welcome screen also does) is asked of the window: the
//! item's id goes to it as the `menu` event (`recent:PATH` for a recent workspace) and the window
//! runs its own action (App.svelte). Quit, zoom and the log folder are done here.
//!
//! Accelerators are chosen not to clash with the window's own keys (HelpOverlay.svelte): Ctrl+N is
//! a new claim there, so a new workspace is Ctrl+Shift+N; Ctrl+F searches; Ctrl+Enter saves.

use std::sync::Mutex;

use tauri::menu::{AboutMetadata, Menu, MenuEvent, MenuItem, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::workspaces::Workspaces;

/// The items the window handles, with their accelerators: (id, label, accelerator).
pub const FILE_ITEMS: &[(&str, &str, Option<&str>)] = &[
    ("new-workspace", "New workspace…", Some("CmdOrCtrl+Shift+N")),
    ("open-workspace", "Open workspace…", Some("CmdOrCtrl+O")),
];
pub const DATA_ITEMS: &[(&str, &str, Option<&str>)] = &[
    ("backup", "Back up…", None),
    ("restore", "Restore…", None),
    ("export", "Export…", Some("CmdOrCtrl+E")),
    ("import", "Import…", Some("CmdOrCtrl+I")),
];
pub const SCREEN_ITEMS: &[(&str, &str, Option<&str>)] = &[
    ("screen-claims", "Claims", Some("Alt+1")),
    ("screen-sources", "Sources", Some("Alt+2")),
    ("screen-import", "Import", Some("Alt+3")),
    ("screen-claimants", "Claimants", Some("Alt+4")),
];

const ZOOM_STEP: f64 = 0.1;
const ZOOM_MIN: f64 = 0.5;
const ZOOM_MAX: f64 = 2.0;

/// The File → Open recent submenu (rebuilt when the list changes) and the zoom of the page.
#[derive(Default)]
pub struct MenuState {
    recent: Mutex<Option<Submenu<Wry>>>,
    zoom: Mutex<Option<f64>>,
}

fn items(app: &AppHandle, list: &[(&str, &str, Option<&str>)]) -> tauri::Result<Vec<MenuItem<Wry>>> {
    list.iter()
        .map(|(id, label, accel)| {
            let b = MenuItemBuilder::with_id(*id, *label);
            match accel {
                Some(a) => b.accelerator(*a),
                None => b,
            }
            .build(app)
        })
        .collect()
}

fn refs(items: &[MenuItem<Wry>]) -> Vec<&dyn tauri::menu::IsMenuItem<Wry>> {
    items.iter().map(|i| i as &dyn tauri::menu::IsMenuItem<Wry>).collect()
}

/// Builds the menu bar (for `Builder::menu`).
pub fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let recent = SubmenuBuilder::with_id(app, "open-recent", "Open recent").build()?;
    let (workspace, data) = (items(app, FILE_ITEMS)?, items(app, DATA_ITEMS)?);
    let quit = MenuItemBuilder::with_id("quit", "Quit").accelerator("CmdOrCtrl+Q").build(app)?;
    let file = SubmenuBuilder::new(app, "&File")
        .items(&refs(&workspace))
        .item(&recent)
        .separator()
        .items(&refs(&data))
        .separator()
        .item(&quit)
        .build()?;
    // GTK has no native undo and redo items: the window does them (document.execCommand); the
    // webview's own Ctrl+Z and Ctrl+Shift+Z stay as they are.
    let edit = SubmenuBuilder::new(app, "&Edit")
        .text("undo", "Undo")
        .text("redo", "Redo")
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let screens = items(app, SCREEN_ITEMS)?;
    let view = SubmenuBuilder::new(app, "&View")
        .items(&refs(&screens))
        .separator()
        .item(&MenuItemBuilder::with_id("zoom-in", "Zoom in").accelerator("CmdOrCtrl+=").build(app)?)
        .item(&MenuItemBuilder::with_id("zoom-out", "Zoom out").accelerator("CmdOrCtrl+-").build(app)?)
        .item(&MenuItemBuilder::with_id("zoom-reset", "Actual size").accelerator("CmdOrCtrl+0").build(app)?)
        .build()?;
    let about = AboutMetadata {
        name: Some("Factdesk".into()),
        version: Some(app.package_info().version.to_string()),
        comments: Some("A desktop workbench for fact-checkers.".into()),
        license: Some(env!("CARGO_PKG_LICENSE").into()),
        ..Default::default()
    };
    let help = SubmenuBuilder::new(app, "&Help")
        .item(&MenuItemBuilder::with_id("shortcuts", "Keyboard shortcuts").accelerator("F1").build(app)?)
        .item(&MenuItemBuilder::with_id("open-log-folder", "Open log folder").build(app)?)
        .separator()
        .item(&PredefinedMenuItem::about(app, Some("About Factdesk"), Some(about))?)
        .build()?;
    let menu = Menu::with_items(app, &[&file, &edit, &view, &help])?;
    if let Some(state) = app.try_state::<MenuState>() {
        if let Ok(mut r) = state.recent.lock() {
            *r = Some(recent);
        }
    }
    Ok(menu)
}

/// Rebuilds File → Open recent from the recent list.
pub fn refresh_recent(app: &AppHandle) {
    let Some(submenu) = app.try_state::<MenuState>().and_then(|s| s.recent.lock().ok().and_then(|r| r.clone())) else { return };
    let list = app.state::<Workspaces>().recent.lock().map(|r| r.list().to_vec()).unwrap_or_default();
    let rebuilt = (|| -> tauri::Result<()> {
        for item in submenu.items()? {
            submenu.remove(&item)?;
        }
        if list.is_empty() {
            submenu.append(&MenuItemBuilder::with_id("recent-none", "No recent workspaces").enabled(false).build(app)?)?;
        }
        for (i, path) in list.iter().enumerate() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let label = format!("{name}  —  {}", path.parent().map(|p| p.display().to_string()).unwrap_or_default()).replace('&', "&&");
            let mut b = MenuItemBuilder::with_id(format!("recent:{}", path.display()), label);
            if i < 9 {
                b = b.accelerator(format!("CmdOrCtrl+Alt+{}", i + 1));
            }
            submenu.append(&b.build(app)?)?;
        }
        Ok(())
    })();
    if let Err(e) = rebuilt {
        log::warn!("could not update File → Open recent: {e}");
    }
}

/// What a menu item does (for `Builder::on_menu_event`).
pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "quit" => app.exit(0),
        "zoom-in" | "zoom-out" | "zoom-reset" => zoom(app, id),
        "open-log-folder" => open_log_folder(app),
        _ => {
            let _ = app.emit_to("main", "menu", id);
        }
    }
}

/// The zoom after `id` from `now`, within 50–200 %.
pub fn next_zoom(now: f64, id: &str) -> f64 {
    let z = match id {
        "zoom-in" => now + ZOOM_STEP,
        "zoom-out" => now - ZOOM_STEP,
        _ => 1.0,
    };
    ((z * 10.0).round() / 10.0).clamp(ZOOM_MIN, ZOOM_MAX)
}

fn zoom(app: &AppHandle, id: &str) {
    let state = app.state::<MenuState>();
    let Ok(mut z) = state.zoom.lock() else { return };
    let next = next_zoom(z.unwrap_or(1.0), id);
    if let Some(w) = app.get_webview_window("main") {
        if w.set_zoom(next).is_ok() {
            *z = Some(next);
        }
    }
}

fn open_log_folder(app: &AppHandle) {
    use tauri_plugin_opener::OpenerExt;
    let dir = crate::crash::log_dir(app);
    let _ = std::fs::create_dir_all(&dir);
    if let Err(e) = app.opener().open_path(dir.display().to_string(), None::<&str>) {
        log::warn!("could not open the log folder {}: {e}", dir.display());
        let _ = app.emit_to("main", "app-problem", format!("Could not open the log folder ({}): {e}", dir.display()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_steps_by_a_tenth_within_bounds() {
        assert_eq!(next_zoom(1.0, "zoom-in"), 1.1);
        assert_eq!(next_zoom(1.1, "zoom-out"), 1.0);
        assert_eq!(next_zoom(1.7, "zoom-reset"), 1.0);
        assert_eq!(next_zoom(2.0, "zoom-in"), 2.0);
        assert_eq!(next_zoom(0.5, "zoom-out"), 0.5);
    }

    #[test]
    fn accelerators_are_unique_and_leave_the_windows_own_keys_alone() {
        let all: Vec<&str> = [FILE_ITEMS, DATA_ITEMS, SCREEN_ITEMS].concat().iter().filter_map(|i| i.2).collect();
        let mut seen = std::collections::HashSet::new();
        for a in &all {
            assert!(seen.insert(*a), "{a} twice");
        }
        // Ctrl+N (new claim), Ctrl+F (search), Ctrl+Enter (save) belong to the window.
        for taken in ["CmdOrCtrl+N", "CmdOrCtrl+F", "CmdOrCtrl+Enter"] {
            assert!(!all.contains(&taken), "{taken} is the window's");
        }
    }
}
