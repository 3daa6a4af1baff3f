//! Matching by meaning in the window: which model folder is used, loading it in the background,
//! switching to another (Settings → Matching model), and the indexer that gives every claim its
//! vector. Progress and problems go to the window as `matching-status`.
//!
//! The folder, strongest first: `--model-dir`, `FACTDESK_MODEL`, the folder chosen in Settings
//! (`model.json` in the config folder, which `factdesk-cli` reads too), the installed default
//! (`factdesk_core::paths::resolve_model_dir`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use factdesk_core::language::embed::Embedder;
use factdesk_core::model::{MatchingStatus, ModelChoice};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// What the app knows about the model folder beyond `AppState`: the command line's choice, where
/// the Settings choice is kept, and the download running (its cancel flag).
pub struct ModelSetup {
    explicit: Option<PathBuf>,
    config_dir: PathBuf,
    pub download: Mutex<Option<Arc<AtomicBool>>>,
    /// One load or switch of model at a time.
    switching: Mutex<()>,
}

impl ModelSetup {
    pub fn new(explicit: Option<PathBuf>, config_dir: PathBuf) -> ModelSetup {
        ModelSetup { explicit, config_dir, download: Mutex::new(None), switching: Mutex::new(()) }
    }

    /// The folder chosen in Settings, if any.
    pub fn chosen(&self) -> Option<PathBuf> {
        factdesk_core::paths::load_model_choice(&self.config_dir)
    }

    /// Keeps the folder chosen in Settings (None: back to the default).
    pub fn save_choice(&self, folder: Option<&Path>) -> Result<()> {
        factdesk_core::files::save_model_choice(&self.config_dir, folder)
    }

    /// The folder to use now and where it was named.
    pub fn resolve(&self) -> (PathBuf, ModelChoice) {
        factdesk_core::paths::resolve_model_dir(self.explicit.as_deref(), self.chosen().as_deref())
    }
}

/// Changes the window's matching status and tells the window.
pub fn publish(app: &AppHandle, f: impl FnOnce(&mut MatchingStatus)) -> MatchingStatus {
    let state = app.state::<AppState>();
    let Ok(mut m) = state.matching.lock() else { return MatchingStatus::default() };
    f(&mut m);
    let _ = app.emit("matching-status", m.clone());
    m.clone()
}

/// At launch: loads the model in the background (the window works meanwhile, matching by words)
/// and starts the indexer.
pub fn start(app: AppHandle) {
    let loader = app.clone();
    let spawned = std::thread::Builder::new().name("matching-model".into()).spawn(move || {
        let (dir, choice) = loader.state::<ModelSetup>().resolve();
        let _ = use_folder(&loader, &dir, choice);
    });
    if let Err(e) = spawned {
        log::warn!("matching by meaning is off: {e}");
    }
    keep_indexing(app);
}

/// Loads the model in `dir` and makes it the one used, or says why there is none (matching is by
/// words then). Blocking (loading reads ~90 MB).
pub fn use_folder(app: &AppHandle, dir: &Path, choice: ModelChoice) -> Result<MatchingStatus> {
    let setup = app.state::<ModelSetup>();
    let _one = setup.switching.lock().unwrap_or_else(|e| e.into_inner());
    let settings_folder = setup.chosen().map(|p| p.display().to_string());
    publish(app, |m| {
        m.folder = Some(dir.display().to_string());
        m.chosen_by = choice;
        m.settings_folder = settings_folder;
        m.loading = true;
    });
    match Embedder::load(dir) {
        Ok(embedder) => Ok(install(app, Arc::new(embedder))),
        Err(e) => {
            log::warn!("matching by words only: {e}");
            let state = app.state::<AppState>();
            if let Ok(mut slot) = state.embedder.lock() {
                *slot = None;
            }
            if state.is_open() {
                let _ = state.in_background(|s| {
                    s.detach_embedder();
                    Ok(())
                });
            }
            let problem = format!("Similar claims are found by their words only: {e}");
            publish(app, |m| {
                m.model = None;
                m.problem = Some(problem);
                m.loading = false;
                m.indexed = 0;
                m.waiting = 0;
            });
            Err(e)
        }
    }
}

/// Makes `embedder` (loaded from the folder the status names) the model used: kept for the
/// workspaces the window opens later (see `workspaces::switch`), given to the one open now, which
/// queues again every claim without a vector of this model (`Store::attach_embedder`).
pub fn install(app: &AppHandle, embedder: Arc<Embedder>) -> MatchingStatus {
    let state = app.state::<AppState>();
    if let Ok(mut slot) = state.embedder.lock() {
        *slot = Some(embedder.clone());
    }
    if state.is_open() {
        let attached = state.in_background(|s| {
            s.attach_embedder(embedder.clone())?;
            // Read the stored vectors into memory now rather than on the checker's first keystroke.
            let probe = vec![0u64; embedder.dim().div_ceil(64)];
            s.nearest_vectors(&probe, 1)?;
            Ok(s.vector_queue_len()?)
        });
        match attached {
            Ok(waiting) => {
                publish(app, |m| m.waiting = waiting);
            }
            Err(e) => log::warn!("matching by meaning in the open workspace: {e}"),
        }
    }
    let name = embedder.model_name().to_string();
    log::info!("matching model {name} in use");
    publish(app, |m| {
        m.model = Some(name);
        m.problem = None;
        m.loading = false;
        m.indexed = 0;
    })
}

/// Whether `embedder` is still the model used (a switch in Settings replaces it).
fn still_used(state: &AppState, embedder: &Arc<Embedder>) -> bool {
    state.embedder.lock().ok().and_then(|e| e.clone()).is_some_and(|e| Arc::ptr_eq(&e, embedder))
}

/// Embeds the claims waiting for a vector, a batch at a time, with the model used at the time,
/// holding the workspace only to read a batch and to write its vectors, never while the model
/// runs. Progress goes to the window as `matching-status`.
fn keep_indexing(app: AppHandle) {
    use factdesk_core::matching::{embed_claims, INDEX_BATCH};
    let pause = |ms| std::thread::sleep(std::time::Duration::from_millis(ms));
    let spawned = std::thread::Builder::new().name("matching-indexer".into()).spawn(move || {
        let state = app.state::<AppState>();
        let mut indexed = 0u64;
        loop {
            let Some(embedder) = state.embedder.lock().ok().and_then(|e| e.clone()) else {
                pause(1000);
                continue;
            };
            if !state.is_open() {
                // The welcome screen: nothing to index until a workspace is open.
                pause(1500);
                continue;
            }
            // The window may switch to another workspace (or model) while the model runs: vectors
            // are saved only into the workspace their claims were read from, by the model in use.
            let opened = state.generation();
            let batch = state.in_background(|s| if s.is_read_only() { Ok(Vec::new()) } else { s.queued_claims(INDEX_BATCH) });
            let batch = match batch {
                Ok(b) if !b.is_empty() => b,
                Ok(_) => {
                    if indexed > 0 {
                        indexed = 0;
                        publish(&app, |m| {
                            m.indexed = 0;
                            m.waiting = 0;
                        });
                    }
                    pause(1500);
                    continue;
                }
                Err(e) => {
                    log::warn!("indexing for matching: {e}");
                    pause(10_000);
                    continue;
                }
            };
            let saved = embed_claims(&embedder, &batch).and_then(|rows| {
                state.in_background(|s| {
                    if state.generation() != opened || !still_used(&state, &embedder) {
                        return Ok(None);
                    }
                    let n = s.save_vectors(embedder.model_name(), embedder.dim(), &rows)?;
                    Ok(Some((n, s.vector_queue_len()?)))
                })
            });
            match saved {
                Ok(Some((n, waiting))) => {
                    indexed += n as u64;
                    publish(&app, |m| {
                        m.indexed = indexed;
                        m.waiting = waiting;
                    });
                }
                Ok(None) => indexed = 0,
                Err(e) => {
                    log::warn!("indexing for matching: {e}");
                    pause(10_000);
                }
            }
        }
    });
    if let Err(e) = spawned {
        log::warn!("matching by meaning is off: {e}");
    }
}

/// Clears the download's slot when the download ends, however it ends.
pub struct DownloadSlot<'a>(pub &'a ModelSetup);

impl Drop for DownloadSlot<'_> {
    fn drop(&mut self) {
        if let Ok(mut d) = self.0.download.lock() {
            *d = None;
        }
    }
}

impl ModelSetup {
    /// Takes the download's slot: a second download while one runs is refused.
    pub fn begin_download(&self) -> Result<(DownloadSlot<'_>, Arc<AtomicBool>)> {
        let mut d = self.download.lock().unwrap_or_else(|e| e.into_inner());
        if d.is_some() {
            return Err(Error::Conflict("The model is being downloaded already.".into()));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *d = Some(cancel.clone());
        Ok((DownloadSlot(self), cancel))
    }

    /// Asks the running download (if any) to stop.
    pub fn cancel_download(&self) {
        if let Some(c) = self.download.lock().ok().and_then(|d| d.clone()) {
            c.store(true, Ordering::Relaxed);
        }
    }
}
