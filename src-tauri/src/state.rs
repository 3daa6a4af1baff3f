//! The app's state: the open workspace store, behind a mutex (one writer).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use factdesk_core::{Error, Result, Store};

pub struct AppState {
    store: Result<Mutex<Store>, String>,
    pub started: Instant,
}

impl AppState {
    /// Opens the workspace. A failure is kept and reported by every command, so the window can
    /// show it in plain words instead of the app dying before it opens.
    pub fn open(path: PathBuf, started: Instant) -> AppState {
        let store = Store::open(&path).map(Mutex::new).map_err(|e| {
            eprintln!("factdesk: cannot open workspace {}: {e}", path.display());
            format!("Factdesk could not open the workspace {}: {e}", path.display())
        });
        AppState { store, started }
    }

    /// Runs `f` with the store.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mutex = self.store.as_ref().map_err(|msg| Error::Workspace(msg.clone()))?;
        let mut store = mutex.lock().map_err(|_| {
            Error::Workspace("An earlier operation failed badly; restart Factdesk to continue safely.".into())
        })?;
        f(&mut store)
    }
}
