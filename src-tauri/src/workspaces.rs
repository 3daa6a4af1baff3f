//! Workspaces from the window (issue 16): which one opens at launch, and switching the window to
//! another (File → New, Open, Open recent, the welcome screen's demo).
//!
//! What is attached to an open workspace, and what a switch does with each:
//! - its store and `flock` (`AppState`): the new file is locked and opened first, beside the old one,
//!   so a file another Factdesk (or a command) holds is refused at once and the window keeps the
//!   workspace it had; then the old store is closed and its lock let go;
//! - the handover listener (a Unix socket named after the file) through which `factdesk-cli`
//!   borrows it: the old one's thread is stopped before the old lock is let go (so it can never
//!   remove the socket of a process that opened that file since), and one is started for the new;
//! - the desk's thread (`desk.rs`): told to look again; the old workspace's desk password is forgotten;
//! - the matching indexer and the automatic backups (`lib.rs`): they work on whatever is open; the
//!   loaded model is given to the new store.
//!
//! Then the recent list (`recent.rs`), the window's title and File → Open recent follow, and the
//! window reloads itself (the command that switched answers first).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factdesk_core::lock::handover::{self, Ask, Listener};
use factdesk_core::model::{Profile, WorkspaceInfo};
use factdesk_core::{Error, Result, Store};
use tauri::{AppHandle, Emitter, Manager};

use crate::recent::{self, Recent};
use crate::AppState;

/// The workspace the window opens at launch: `--db` (or `FACTDESK_DB`), else the latest recent one
/// still there, else the default workspace when it exists (from before there was a recent list),
/// else none: the welcome screen.
pub fn launch_target(explicit: Option<PathBuf>, recent_last: Option<&Path>, default: &Path) -> Option<PathBuf> {
    explicit
        .or_else(|| recent_last.map(Path::to_path_buf))
        .or_else(|| default.is_file().then(|| default.to_path_buf()))
}

/// `--db PATH`, else a non-empty `FACTDESK_DB`.
pub fn explicit_db(db_arg: Option<PathBuf>) -> Option<PathBuf> {
    db_arg.or_else(|| std::env::var_os(factdesk_core::paths::DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
}

/// The demo workspace's file (the one `make run` opens).
pub fn demo_path() -> PathBuf {
    factdesk_core::paths::default_db_path().with_file_name("demo.factdesk")
}

/// What the window keeps about workspaces besides the open one.
pub struct Workspaces {
    pub config_dir: PathBuf,
    pub recent: Mutex<Recent>,
    /// Recent workspaces found gone at launch (the welcome screen and the window say so, once).
    pub dropped: Vec<PathBuf>,
    handover: Mutex<Option<Handover>>,
    desk_started: AtomicBool,
}

impl Workspaces {
    pub fn new(config_dir: PathBuf, recent: Recent, dropped: Vec<PathBuf>) -> Workspaces {
        Workspaces { config_dir, recent: Mutex::new(recent), dropped, handover: Mutex::new(None), desk_started: AtomicBool::new(false) }
    }

    pub fn profile(&self) -> Option<Profile> {
        recent::load_profile(&self.config_dir)
    }
}

/// The thread answering other processes about one workspace file.
struct Handover {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Handover {
    /// Stops the thread: it is woken by a request of our own, which it refuses, and ends (its
    /// listener's socket removed). Waits a little for it; a thread that does not end is left.
    fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = handover::ask(&self.path, &Ask::Focus);
        let deadline = Instant::now() + Duration::from_secs(3);
        while !self.thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if !self.thread.is_finished() {
            log::warn!("the listener for {} did not stop", self.path.display());
        }
    }
}

/// Everything that follows a workspace being open in the window at `path` (at launch or after a
/// switch): the handover listener, the desk's thread, the recent list, the title and the menu.
pub fn opened(app: &AppHandle, path: &Path) {
    let ws = app.state::<Workspaces>();
    match AppState::listen(path) {
        Ok(listener) => {
            let h = serve_handover(app.clone(), listener, path.to_path_buf());
            if let Ok(mut slot) = ws.handover.lock() {
                *slot = h;
            }
        }
        Err(e) => log::warn!("commands cannot borrow this workspace while the window is open: {e}"),
    }
    if !ws.desk_started.swap(true, Ordering::SeqCst) {
        crate::desk::keep_in_sync(app.clone());
    }
    let added = ws.recent.lock().map(|mut r| r.add(path));
    if let Ok(Err(e)) = added {
        log::warn!("could not remember the recent workspaces: {e}");
    }
    set_title(app, Some(path));
    crate::menu::refresh_recent(app);
}

pub fn set_title(app: &AppHandle, path: Option<&Path>) {
    if let Some(w) = app.get_webview_window("main") {
        let title = match path.and_then(Path::file_name) {
            Some(name) => format!("Factdesk — {}", name.to_string_lossy()),
            None => "Factdesk".to_string(),
        };
        let _ = w.set_title(&title);
    }
}

/// Switches the window to the workspace at `path` (made when missing), after `prepare` has run
/// on it (the demo's records, the profile's settings); answers what the window will show. The
/// workspace open now stays open when anything fails.
pub fn switch(app: &AppHandle, path: &Path, prepare: impl FnOnce(&mut Store) -> Result<()>) -> Result<WorkspaceInfo> {
    let state = app.state::<AppState>();
    let _one_at_a_time = state.switching.lock().map_err(|_| Error::Workspace("An earlier switch failed badly; restart Factdesk.".into()))?;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(current) = state.path().filter(|_| state.is_open()) {
        if same_file(&current, &path) {
            // Already the one in the window.
            return state.in_background(|s| s.info());
        }
    }
    let mut store = AppState::open_other(&path).map_err(|e| match e {
        Error::InUse(m) => Error::InUse(format!("{m} The window keeps the workspace it has open.")),
        e => e,
    })?;
    prepare(&mut store)?;
    if let Some(embedder) = state.embedder.lock().ok().and_then(|e| e.clone()) {
        if let Err(e) = store.attach_embedder(embedder) {
            log::warn!("matching by meaning in {}: {e}", path.display());
        }
    }
    let info = store.info()?;
    let ws = app.state::<Workspaces>();
    let old = ws.handover.lock().ok().and_then(|mut h| h.take());
    if let Some(h) = old {
        h.stop();
    }
    state.replace(path.clone(), store);
    opened(app, &path);
    let _ = app.emit("matching-status", state.matching.lock().map(|m| m.clone()).unwrap_or_default());
    Ok(info)
}

/// Gives the workspace the profile's name, desk and address where it has none of its own.
pub fn apply_profile(store: &mut Store, profile: &Profile) -> Result<()> {
    use factdesk_core::report::{SETTING_DESK_LOGO_URL, SETTING_DESK_NAME, SETTING_PUBLICATION_URL};
    if store.is_read_only() {
        return Ok(());
    }
    let checker = profile.checker.trim();
    if !checker.is_empty() && store.setting("actor")?.is_none() {
        store.set_actor(checker)?;
    }
    let mut pairs = Vec::new();
    for (key, value) in [
        (SETTING_DESK_NAME, profile.desk_name.trim()),
        (SETTING_PUBLICATION_URL, profile.publication_url.trim()),
        (SETTING_DESK_LOGO_URL, profile.desk_logo_url.trim()),
    ] {
        if !value.is_empty() && store.setting(key)?.is_none_or(|v| v.trim().is_empty()) {
            pairs.push((key, value));
        }
    }
    if !pairs.is_empty() {
        store.set_settings(&pairs)?;
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Answers other processes asking for the workspace at `path`: a `factdesk-cli` command borrows
/// it (the window's own work waits meanwhile; then the window is told to show what changed), a
/// second launch brings this window to the front. Ends when told to stop (a switch).
fn serve_handover(app: AppHandle, listener: Listener, path: PathBuf) -> Option<Handover> {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let spawned = std::thread::Builder::new().name("workspace-handover".into()).spawn(move || {
        while let Some(mut request) = listener.next() {
            if stopped.load(Ordering::SeqCst) {
                request.refuse("the window is opening another workspace");
                break;
            }
            match request.ask.clone() {
                Ask::Focus => {
                    request.grant();
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                }
                Ask::Lend { who } => {
                    app.state::<AppState>().lend(request);
                    let _ = app.emit("workspace-changed", who);
                }
            }
        }
    });
    match spawned {
        Ok(thread) => Some(Handover { path, stop, thread }),
        Err(e) => {
            log::warn!("could not listen for commands: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_opens_the_file_asked_for_then_the_last_one_then_the_old_default_then_none() {
        let tmp = tempfile::tempdir().unwrap();
        let (asked, last, default) = (tmp.path().join("asked.factdesk"), tmp.path().join("last.factdesk"), tmp.path().join("workspace.factdesk"));
        assert_eq!(launch_target(Some(asked.clone()), Some(&last), &default), Some(asked));
        assert_eq!(launch_target(None, Some(&last), &default), Some(last.clone()));
        // A first launch: no recent workspace and no default file: the welcome screen.
        assert_eq!(launch_target(None, None, &default), None);
        std::fs::write(&default, b"").unwrap();
        assert_eq!(launch_target(None, None, &default), Some(default));
    }

    fn profile() -> Profile {
        Profile {
            checker: "Amira Haddad".into(),
            desk_name: "Desk Example".into(),
            publication_url: "https://desk.example/checks/{uuid}".into(),
            desk_logo_url: "https://desk.example/logo.png".into(),
        }
    }

    #[test]
    fn the_profile_fills_what_a_workspace_lacks_and_never_overwrites() {
        use factdesk_core::report::{SETTING_DESK_LOGO_URL, SETTING_DESK_NAME, SETTING_PUBLICATION_URL};
        let tmp = tempfile::tempdir().unwrap();
        let mut fresh = Store::open(tmp.path().join("fresh.factdesk")).unwrap();
        apply_profile(&mut fresh, &profile()).unwrap();
        assert_eq!(fresh.actor(), "Amira Haddad");
        assert_eq!(fresh.setting(SETTING_DESK_NAME).unwrap().as_deref(), Some("Desk Example"));
        assert_eq!(fresh.setting(SETTING_PUBLICATION_URL).unwrap().as_deref(), Some("https://desk.example/checks/{uuid}"));
        assert_eq!(fresh.setting(SETTING_DESK_LOGO_URL).unwrap().as_deref(), Some("https://desk.example/logo.png"));

        let mut theirs = Store::open(tmp.path().join("theirs.factdesk")).unwrap();
        theirs.set_actor("Jonas Berg").unwrap();
        theirs.set_settings(&[(SETTING_DESK_NAME, "Other Desk"), (SETTING_DESK_LOGO_URL, "https://other.example/logo.svg")]).unwrap();
        apply_profile(&mut theirs, &profile()).unwrap();
        assert_eq!(theirs.actor(), "Jonas Berg");
        assert_eq!(theirs.setting(SETTING_DESK_NAME).unwrap().as_deref(), Some("Other Desk"));
        assert_eq!(theirs.setting(SETTING_DESK_LOGO_URL).unwrap().as_deref(), Some("https://other.example/logo.svg"));
        assert_eq!(theirs.setting(SETTING_PUBLICATION_URL).unwrap().as_deref(), Some("https://desk.example/checks/{uuid}"));

        // Blank answers leave everything as it was.
        let mut blank = Store::open(tmp.path().join("blank.factdesk")).unwrap();
        let before = blank.actor().to_string();
        apply_profile(&mut blank, &Profile::default()).unwrap();
        assert_eq!(blank.actor(), before);
        assert_eq!(blank.setting(SETTING_DESK_NAME).unwrap(), None);
    }

    #[test]
    fn a_file_another_factdesk_holds_is_refused_and_the_open_one_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let held = tmp.path().join("held.factdesk");
        let holder = Store::open(&held).unwrap();
        let err = AppState::open_other(&held).err().expect("a held file must be refused");
        assert!(matches!(err, Error::InUse(_)), "{err:?}");
        assert!(err.to_string().contains("held.factdesk"), "{err}");
        drop(holder);
        // Let go: it opens.
        AppState::open_other(&held).unwrap();
    }
}
