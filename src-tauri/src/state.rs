//! The app's state: the open workspace store, behind a mutex (one writer), and lending it to a
//! `factdesk-cli` command that asks while the window has it open (see `factdesk_core::lock`). The
//! window may switch to another workspace (`replace`, driven by `workspaces.rs`) or have none open
//! (the welcome screen).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use factdesk_core::lock::handover::{Ask, Listener, Request};
use factdesk_core::lock::{Access, Guard};
use factdesk_core::language::embed::Embedder;
use factdesk_core::model::MatchingStatus;

use factdesk_core::{lock, Error, Result, Store};

use crate::desk::DeskSession;

pub struct AppState {
    /// The workspace open in the window (none on the welcome screen), behind one mutex: one writer.
    open: Mutex<Open>,
    pub started: Instant,
    /// Matching by meaning: the model and the indexer's progress (see `lib.rs`, `keep_indexing`).
    pub matching: Mutex<MatchingStatus>,
    /// The matching model once loaded, given to every workspace the window opens.
    pub embedder: Mutex<Option<Arc<Embedder>>>,
    /// The desk this session: the password typed in the window, and what wakes the desk's thread
    /// (see `desk.rs`).
    pub desk: DeskSession,
    /// One switch of workspace at a time (see `workspaces.rs`).
    pub switching: Mutex<()>,
    /// Counts the workspaces opened in the window: background work that read from one and writes
    /// later (the indexer) checks, holding the store, that it is still the same.
    generation: AtomicU64,
}

/// The workspace in the window.
#[derive(Default)]
struct Open {
    path: Option<PathBuf>,
    /// `None` when nothing is open, or the workspace could not be opened again after a lend.
    store: Option<Store>,
    /// Why the workspace asked for could not be opened.
    problem: Option<String>,
}

/// How the app got (or did not get) its workspace at launch.
pub enum Launch {
    Opened(AppState),
    /// Another Factdesk window holds the file and was brought to the front: this launch ends.
    HandedOver,
}

impl AppState {
    /// Takes the workspace's lock and opens it (`None`: no workspace, the welcome screen). When
    /// another window holds it, that window is asked to come to the front instead. A failure is
    /// kept and reported by every command, so the window can show it in plain words instead of
    /// the app dying before it opens.
    pub fn launch(path: Option<PathBuf>, started: Instant) -> Launch {
        let mut open = Open::default();
        if let Some(path) = path {
            match Self::take(&path) {
                Ok(Some(store)) => open.store = Some(store),
                Ok(None) => return Launch::HandedOver,
                Err(e) => {
                    eprintln!("factdesk: cannot open workspace {}: {e}", path.display());
                    open.problem = Some(format!("Factdesk could not open the workspace {}: {e}", path.display()));
                }
            }
            open.path = Some(path);
        }
        Launch::Opened(AppState {
            open: Mutex::new(open),
            started,
            matching: Mutex::new(MatchingStatus::default()),
            embedder: Mutex::new(None),
            desk: DeskSession::default(),
            switching: Mutex::new(()),
            generation: AtomicU64::new(0),
        })
    }

    /// The lock and the store of `path` at launch; `None` when another window holds it and came
    /// to the front.
    fn take(path: &Path) -> Result<Option<Store>> {
        // A window closed a moment ago may still be letting go of the file: a few seconds' grace.
        let mut tries = 0;
        loop {
            match Guard::try_lock(path, Access::Write)? {
                Some(guard) => return Store::open_with(path, guard).map(Some),
                None => match lock::handover::ask(path, &Ask::Focus)? {
                    Some(_) => return Ok(None),
                    None if tries < 50 => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    None => return Err(lock::in_use(path)),
                },
            }
        }
    }

    /// Opens `path` for a switch, beside the workspace open now: a file another Factdesk (or a
    /// command) holds is refused at once, in plain words.
    pub fn open_other(path: &Path) -> Result<Store> {
        let guard = Guard::try_lock(path, Access::Write)?.ok_or_else(|| lock::in_use(path))?;
        Store::open_with(path, guard)
    }

    /// Puts `store` (opened at `path`) in the window in place of the workspace open now, which
    /// is closed (its lock let go) before this returns. The caller stops what served the old one
    /// first (see `workspaces.rs`).
    pub fn replace(&self, path: PathBuf, store: Store) {
        let old = {
            let mut open = self.open.lock().unwrap_or_else(|poisoned| {
                // An earlier operation failed badly with the old workspace: the new one starts clean.
                self.open.clear_poison();
                poisoned.into_inner()
            });
            // Under the store's lock: whoever holds the store sees the new count with the new store.
            self.generation.fetch_add(1, Ordering::SeqCst);
            std::mem::replace(&mut *open, Open { path: Some(path), store: Some(store), problem: None })
        };
        drop(old);
        if let Ok(mut m) = self.matching.lock() {
            m.indexed = 0;
            m.waiting = 0;
        }
        // The desk of the old workspace is not this one's: forget its password, look again.
        self.desk.keep_password(None);
        self.desk.note_local_work();
        self.desk.look_again();
    }

    /// Which workspace is open: changes with every switch (see `generation`).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The path of the workspace open (or asked for at launch), if any.
    pub fn path(&self) -> Option<PathBuf> {
        self.open.lock().ok().and_then(|o| o.path.clone())
    }

    /// Why the workspace asked for could not be opened, if it could not.
    pub fn problem(&self) -> Option<String> {
        self.open.lock().ok().and_then(|o| o.problem.clone())
    }

    /// Whether a workspace is open in the window.
    pub fn is_open(&self) -> bool {
        self.open.lock().map(|o| o.store.is_some()).unwrap_or(false)
    }

    fn slot(&self) -> Result<MutexGuard<'_, Open>> {
        let open = self.open.lock().map_err(|_| {
            Error::Workspace("An earlier operation failed badly; restart Factdesk to continue safely.".into())
        })?;
        if open.path.is_none() {
            return Err(Error::Workspace("No workspace is open: create one or open one from the File menu.".into()));
        }
        if let Some(problem) = &open.problem {
            return Err(Error::Workspace(problem.clone()));
        }
        Ok(open)
    }

    /// Runs `f` with the store (waiting while it is lent to a command), for a command of the
    /// window: the desk's thread is told that something may have changed here, so it looks for
    /// local changes to push (see `desk.rs`).
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let out = self.in_background(f);
        self.desk.note_local_work();
        out
    }

    /// Runs `f` with the store, for the app's own background work (indexing, backups, the desk's
    /// syncs), which makes no change that travels to a desk.
    pub fn in_background<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut open = self.slot()?;
        let Open { path, store, .. } = &mut *open;
        let store = store.as_mut().ok_or_else(|| {
            Error::Workspace(format!(
                "The workspace {} could not be opened again after a command used it; restart Factdesk.",
                path.as_deref().unwrap_or(Path::new("")).display()
            ))
        })?;
        f(store)
    }

    /// Listens for other processes asking for the workspace at `path` (see `workspaces.rs`).
    pub fn listen(path: &Path) -> Result<Listener> {
        Listener::bind(path)
    }

    /// Lends the workspace to the command that asked; the window's own work waits meanwhile.
    pub fn lend(&self, request: Request) {
        let Ok(mut slot) = self.slot() else {
            return request.refuse("the workspace is not open in this window");
        };
        let Some(store) = slot.store.take() else {
            return request.refuse("the workspace could not be opened again in the window after an earlier command");
        };
        match store.lend(request) {
            Ok(s) => slot.store = Some(s),
            Err(e) => log::warn!("cannot open the workspace {} again: {e}", store_path(&slot).display()),
        }
        drop(slot);
        // The command may have changed claims (to push), joined the workspace to a desk or left it.
        self.desk.note_local_work();
        self.desk.look_again();
    }
}

fn store_path(open: &Open) -> PathBuf {
    open.path.clone().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(path: &Path) -> AppState {
        match AppState::launch(Some(path.to_path_buf()), Instant::now()) {
            Launch::Opened(s) => s,
            Launch::HandedOver => panic!("nobody else holds {}", path.display()),
        }
    }

    #[test]
    fn with_no_workspace_every_command_says_so_plainly() {
        let Launch::Opened(state) = AppState::launch(None, Instant::now()) else { panic!("no hand-over without a file") };
        assert!(!state.is_open());
        assert_eq!(state.path(), None);
        let err = state.with(|s| s.info()).unwrap_err();
        assert!(err.to_string().contains("No workspace is open"), "{err}");
    }

    #[test]
    fn a_switch_closes_the_old_workspace_and_lets_go_of_its_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a.factdesk"), tmp.path().join("b.factdesk"));
        let state = opened(&a);
        state.with(|s| s.set_actor("Checker A")).unwrap();
        // While the window holds A, nobody else may open it.
        assert!(matches!(AppState::open_other(&a), Err(Error::InUse(_))));
        let before = state.generation();
        let other = AppState::open_other(&b).unwrap();
        state.replace(b.clone(), other);
        assert_eq!(state.path(), Some(b.clone()));
        assert!(state.generation() > before, "work read from A must not be written into B");
        assert_eq!(state.with(|s| s.info()).unwrap().path, b.display().to_string());
        assert_ne!(state.with(|s| Ok(s.actor().to_string())).unwrap(), "Checker A");
        // A is free again: another process (here, another open) may take it, and it kept its work.
        let again = Store::open(&a).unwrap();
        assert_eq!(again.actor(), "Checker A");
        // B is held by the window.
        assert!(matches!(AppState::open_other(&b), Err(Error::InUse(_))));
    }
}
