//! The Tauri shell: builds the app (plugins, state, command handlers). Commands live in
//! `commands/<domain>.rs` and only translate between IPC and `factdesk-core`.

mod commands;
mod desk;
mod state;

use std::path::PathBuf;

use factdesk_core::lock::handover::{Ask, Listener};
use tauri::{AppHandle, Emitter, Manager};

pub use state::{AppState, Launch};

/// `--db PATH` or `--db=PATH` from the command line, if given.
fn db_arg(args: &[String]) -> Option<PathBuf> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "--db" {
            return it.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

pub fn run() {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().collect();
    let db_path = factdesk_core::paths::resolve_db_path(db_arg(&args).as_deref());
    if let Err(e) = factdesk_core::paths::prepare_default_dir(&db_path) {
        eprintln!("factdesk: could not create the folder of {}: {e}", db_path.display());
    }
    // One window per workspace file, by the workspace's own lock (no session bus needed): a second
    // launch on a file that is open brings the first window to the front and ends.
    let state = match AppState::launch(db_path.clone(), started) {
        Launch::Opened(state) => state,
        Launch::HandedOver => {
            eprintln!("factdesk: {} is already open in another window; brought it to the front.", db_path.display());
            return;
        }
    };

    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(commands::interchange::PendingImport::default())
        .manage(commands::reports::ExportJob::default())
        .setup(move |app| {
            if let Some(w) = app.get_webview_window("main") {
                let name = db_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let _ = w.set_title(&format!("Factdesk — {name}"));
            }
            match app.state::<AppState>().listen() {
                Ok(Some(listener)) => serve_handover(app.handle().clone(), listener),
                Ok(None) => {}
                Err(e) => eprintln!("factdesk: commands cannot borrow this workspace while the window is open: {e}"),
            }
            keep_backing_up(app.handle().clone());
            keep_indexing(app.handle().clone(), model_arg(&args));
            if app.state::<AppState>().is_open() {
                desk::keep_in_sync(app.handle().clone());
            }
            Ok(())
        })
        .invoke_handler(commands::handlers())
        .run(tauri::generate_context!())
        .expect("error while running Factdesk");
}

/// Answers other processes asking for the workspace: a `factdesk-cli` command borrows it (the
/// window's own work waits meanwhile; then the window is told to show what changed), a second
/// launch brings this window to the front.
fn serve_handover(app: AppHandle, listener: Listener) {
    let spawned = std::thread::Builder::new().name("workspace-handover".into()).spawn(move || {
        while let Some(mut request) = listener.next() {
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
    if let Err(e) = spawned {
        eprintln!("factdesk: could not listen for commands: {e}");
    }
}

/// `--model-dir DIR` or `--model-dir=DIR`: the matching model folder, before `FACTDESK_MODEL`.
fn model_arg(args: &[String]) -> Option<PathBuf> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "--model-dir" {
            return it.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--model-dir=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// Matching by meaning, in the background: loads the model (the window works meanwhile, matching
/// by words), gives it to the store, then embeds the claims waiting for a vector, a batch at a
/// time, holding the workspace only to read a batch and to write its vectors, never while the
/// model runs. Progress goes to the window as `matching-status`. Without a model the window is
/// told why, once, and matching stays by words.
fn keep_indexing(app: AppHandle, model_dir: Option<PathBuf>) {
    use factdesk_core::language::embed::Embedder;
    use factdesk_core::matching::{embed_claims, INDEX_BATCH};
    let publish = |app: &AppHandle, f: &dyn Fn(&mut factdesk_core::model::MatchingStatus)| {
        let state = app.state::<AppState>();
        let Ok(mut m) = state.matching.lock() else { return };
        f(&mut m);
        let _ = app.emit("matching-status", m.clone());
    };
    let spawned = std::thread::Builder::new().name("matching-indexer".into()).spawn(move || {
        let dir = model_dir.unwrap_or_else(factdesk_core::paths::model_dir);
        let state = app.state::<AppState>();
        let loaded = Embedder::load(&dir).map(std::sync::Arc::new).and_then(|embedder| {
            state.in_background(|s| s.attach_embedder(embedder.clone()))?;
            Ok(embedder)
        });
        let embedder = match loaded {
            Ok(e) => e,
            Err(e) => {
                eprintln!("factdesk: matching by words only: {e}");
                let problem = format!("Similar claims are found by their words only: {e}");
                return publish(&app, &|m| m.problem = Some(problem.clone()));
            }
        };
        let name = embedder.model_name().to_string();
        publish(&app, &|m| m.model = Some(name.clone()));
        // Read the stored vectors into memory now rather than on the checker's first keystroke.
        let probe = vec![0u64; embedder.dim().div_ceil(64)];
        if let Err(e) = state.in_background(|s| s.nearest_vectors(&probe, 1)) {
            eprintln!("factdesk: reading the claims' vectors: {e}");
        }
        let mut indexed = 0u64;
        loop {
            let batch = state.in_background(|s| if s.is_read_only() { Ok(Vec::new()) } else { s.queued_claims(INDEX_BATCH) });
            let batch = match batch {
                Ok(b) if !b.is_empty() => b,
                Ok(_) => {
                    if indexed > 0 {
                        indexed = 0;
                        publish(&app, &|m| {
                            m.indexed = 0;
                            m.waiting = 0;
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1500));
                    continue;
                }
                Err(e) => {
                    eprintln!("factdesk: indexing for matching: {e}");
                    std::thread::sleep(std::time::Duration::from_secs(10));
                    continue;
                }
            };
            let saved = embed_claims(&embedder, &batch).and_then(|rows| {
                state.in_background(|s| {
                    let n = s.save_vectors(embedder.model_name(), embedder.dim(), &rows)?;
                    Ok((n, s.vector_queue_len()?))
                })
            });
            match saved {
                Ok((n, waiting)) => {
                    indexed += n as u64;
                    publish(&app, &|m| {
                        m.indexed = indexed;
                        m.waiting = waiting;
                    });
                }
                Err(e) => {
                    eprintln!("factdesk: indexing for matching: {e}");
                    std::thread::sleep(std::time::Duration::from_secs(10));
                }
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!("factdesk: matching by meaning is off: {e}");
    }
}

/// Automatic backups while the window is open: a look every few minutes (the first a minute after
/// launch); one is made when due (see `interchange::rolling`). A failure is told to the window.
fn keep_backing_up(app: AppHandle) {
    use factdesk_core::interchange::rolling::{run_auto_backup, Policy};
    let spawned = std::thread::Builder::new().name("auto-backup".into()).spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        loop {
            match app.state::<AppState>().in_background(|s| run_auto_backup(s, chrono::Utc::now(), &Policy::default())) {
                Ok(Some(b)) => {
                    let _ = app.emit("auto-backup", b.path.display().to_string());
                }
                Ok(None) => {}
                Err(e) => {
                    eprintln!("factdesk: automatic backup failed: {e}");
                    let _ = app.emit("auto-backup-failed", e.to_string());
                }
            }
            std::thread::sleep(std::time::Duration::from_secs(300));
        }
    });
    if let Err(e) = spawned {
        eprintln!("factdesk: automatic backups are off: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_flag_in_both_spellings() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(db_arg(&a(&["factdesk", "--db", "/tmp/x.factdesk"])), Some(PathBuf::from("/tmp/x.factdesk")));
        assert_eq!(db_arg(&a(&["factdesk", "--db=/tmp/y"])), Some(PathBuf::from("/tmp/y")));
        assert_eq!(db_arg(&a(&["factdesk"])), None);
    }
}
