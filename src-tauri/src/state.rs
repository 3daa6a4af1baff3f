//! The app's state: the open workspace store, behind a mutex (one writer), and lending it to a
//! `factdesk-cli` command that asks while the window has it open (see `factdesk_core::lock`).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use factdesk_core::lock::handover::{Ask, Listener, Request};
use factdesk_core::lock::{Access, Guard};
use factdesk_core::model::MatchingStatus;

use factdesk_core::{lock, Error, Result, Store};

use crate::desk::DeskSession;

pub struct AppState {
    /// `None` only when the workspace could not be opened again after a lend.
    store: Result<Mutex<Option<Store>>, String>,
    pub path: PathBuf,
    pub started: Instant,
    /// Matching by meaning: the model and the indexer's progress (see `lib.rs`, `keep_indexing`).
    pub matching: Mutex<MatchingStatus>,
    /// The desk this session: the password typed in the window, and what wakes the desk's thread
    /// (see `desk.rs`).
    pub desk: DeskSession,
}

/// How the app got (or did not get) its workspace at launch.
pub enum Launch {
    Opened(AppState),
    /// Another Factdesk window holds the file and was brought to the front: this launch ends.
    HandedOver,
}

impl AppState {
    /// Takes the workspace's lock and opens it. When another window holds it, that window is
    /// asked to come to the front instead. A failure is kept and reported by every command, so
    /// the window can show it in plain words instead of the app dying before it opens.
    pub fn launch(path: PathBuf, started: Instant) -> Launch {
        // A window closed a moment ago may still be letting go of the file: a few seconds' grace.
        let mut tries = 0;
        let opened = loop {
            match Guard::try_lock(&path, Access::Write) {
                Ok(Some(guard)) => break Store::open_with(&path, guard),
                Ok(None) => match lock::handover::ask(&path, &Ask::Focus) {
                    Ok(Some(_)) => return Launch::HandedOver,
                    Ok(None) if tries < 50 => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    Ok(None) => break Err(lock::in_use(&path)),
                    Err(e) => break Err(e),
                },
                Err(e) => break Err(e),
            }
        };
        let store = opened.map(|s| Mutex::new(Some(s))).map_err(|e| {
            eprintln!("factdesk: cannot open workspace {}: {e}", path.display());
            format!("Factdesk could not open the workspace {}: {e}", path.display())
        });
        Launch::Opened(AppState {
            store,
            path,
            started,
            matching: Mutex::new(MatchingStatus::default()),
            desk: DeskSession::default(),
        })
    }

    /// Whether a workspace was opened at launch.
    pub fn is_open(&self) -> bool {
        self.store.is_ok()
    }

    fn slot(&self) -> Result<MutexGuard<'_, Option<Store>>> {
        let mutex = self.store.as_ref().map_err(|msg| Error::Workspace(msg.clone()))?;
        mutex.lock().map_err(|_| {
            Error::Workspace("An earlier operation failed badly; restart Factdesk to continue safely.".into())
        })
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
        let mut slot = self.slot()?;
        let store = slot.as_mut().ok_or_else(|| {
            Error::Workspace(format!(
                "The workspace {} could not be opened again after a command used it; restart Factdesk.",
                self.path.display()
            ))
        })?;
        f(store)
    }

    /// Listens for other processes asking for the workspace (see `lib.rs`); None when no
    /// workspace is open.
    pub fn listen(&self) -> Result<Option<Listener>> {
        match self.store {
            Ok(_) => Listener::bind(&self.path).map(Some),
            Err(_) => Ok(None),
        }
    }

    /// Lends the workspace to the command that asked; the window's own work waits meanwhile.
    pub fn lend(&self, request: Request) {
        let Ok(mut slot) = self.slot() else {
            return request.refuse("the workspace is not open in this window");
        };
        let Some(store) = slot.take() else {
            return request.refuse("the workspace could not be opened again in the window after an earlier command");
        };
        match store.lend(request) {
            Ok(s) => *slot = Some(s),
            Err(e) => eprintln!("factdesk: cannot open the workspace {} again: {e}", self.path.display()),
        }
        drop(slot);
        // The command may have changed claims (to push), joined the workspace to a desk or left it.
        self.desk.note_local_work();
        self.desk.look_again();
    }
}
