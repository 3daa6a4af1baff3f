//! The Tauri shell: builds the app (plugins, state, command handlers). Commands live in
//! `commands/<domain>.rs` and only translate between IPC and `factdesk-core`.

mod commands;
mod crash;
mod desk;
mod matching;
mod menu;
mod recent;
mod state;
mod workspaces;

use std::ffi::OsString;
use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Manager};

pub use state::{AppState, Launch};

/// The workspace named on the command line, if any: `--db PATH` or `--db=PATH`, else a file given
/// as the first argument (`factdesk ~/desk.factdesk`: how the file manager opens a double-clicked
/// workspace, through the desktop entry's `Exec=factdesk %f`), made absolute so the recent list
/// finds it again from anywhere.
fn db_arg(args: &[OsString]) -> Option<PathBuf> {
    flag_value(args, "--db").or_else(|| {
        let mut it = args.iter().skip(1);
        while let Some(a) = it.next() {
            if a == "--db" || a == "--model-dir" {
                it.next();
            } else if !a.to_string_lossy().starts_with('-') {
                let path = PathBuf::from(a);
                return Some(std::path::absolute(&path).unwrap_or(path));
            }
        }
        None
    })
}

/// `NAME VALUE` or `NAME=VALUE` from the command line, if given (the arguments as the system
/// gave them: a file name need not be UTF-8).
fn flag_value(args: &[OsString], name: &str) -> Option<PathBuf> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        if a == name {
            return it.next().map(PathBuf::from);
        }
        if let Some(v) = a.as_encoded_bytes().strip_prefix(name.as_bytes()).and_then(|v| v.strip_prefix(b"=")) {
            // SAFETY: the bytes after an ASCII prefix and "=" of an OsStr's encoded bytes.
            return Some(PathBuf::from(unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(v) }));
        }
    }
    None
}

/// WebKitGTK without its accelerated compositing, unless the user chose otherwise: Factdesk's
/// pages are lists and forms, which need no GPU layers, and composited mode keeps them anyway.
/// Measured with tests/e2e/specs/scale.test.mjs (20,000 claims, debug app, Xvfb with software
/// GL): the app and its web processes 403 -> 198 MB PSS (the web process 263 -> 99 MB), a
/// keystroke answered in 24 ms at the median instead of 52, the first list 0.9 s after start
/// instead of 1.1. The setting is also the usual cure for blank windows on some GPU drivers.
fn quiet_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Before any thread starts: setting the environment is only sound while single-threaded.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

pub fn run() {
    crash::install();
    quiet_webview();
    let started = std::time::Instant::now();
    let args: Vec<OsString> = std::env::args_os().collect();
    // The workspace to open: `--db` (or FACTDESK_DB), else the last one opened in the window, else
    // the default workspace when there is one; none on a first launch (the welcome screen).
    let config_dir = recent::config_dir();
    let mut recent = recent::Recent::load(&config_dir);
    let dropped = recent.drop_missing();
    let default = factdesk_core::paths::default_db_path();
    let target = workspaces::launch_target(workspaces::explicit_db(db_arg(&args)), recent.last().map(|p| p.as_path()), &default);
    if let Some(path) = &target {
        if let Err(e) = factdesk_core::paths::prepare_default_dir(path) {
            eprintln!("factdesk: could not create the folder of {}: {e}", path.display());
        }
    }
    // One window per workspace file, by the workspace's own lock (no session bus needed): a second
    // launch on a file that is open brings the first window to the front and ends.
    let state = match AppState::launch(target.clone(), started) {
        Launch::Opened(state) => state,
        Launch::HandedOver => {
            let shown = target.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            eprintln!("factdesk: {shown} is already open in another window; brought it to the front.");
            return;
        }
    };
    let log = tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir { file_name: Some("factdesk".into()) }),
            tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Info)
        .max_file_size(2_000_000)
        .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
        .build();

    tauri::Builder::default()
        .plugin(log)
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(matching::ModelSetup::new(model_arg(&args), config_dir.clone()))
        .manage(workspaces::Workspaces::new(config_dir, recent, dropped))
        .manage(menu::MenuState::default())
        .manage(commands::interchange::PendingImport::default())
        .manage(commands::reports::ExportJob::default())
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .setup(move |app| {
            crash::app_ready(app.handle());
            crash::test_hook();
            log::info!("Factdesk {} started; log folder {}", env!("CARGO_PKG_VERSION"), crash::log_dir(app.handle()).display());
            match target.as_deref().filter(|_| app.state::<AppState>().is_open()) {
                Some(path) => workspaces::opened(app.handle(), path),
                None => {
                    workspaces::set_title(app.handle(), None);
                    menu::refresh_recent(app.handle());
                }
            }
            keep_backing_up(app.handle().clone());
            matching::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handlers())
        .run(tauri::generate_context!())
        .expect("error while running Factdesk");
}

/// `--model-dir DIR` or `--model-dir=DIR`: the matching model folder, before `FACTDESK_MODEL` and
/// the folder chosen in Settings (see `matching.rs`).
fn model_arg(args: &[OsString]) -> Option<PathBuf> {
    flag_value(args, "--model-dir")
}

/// Automatic backups while the window is open: a look every few minutes (the first a minute after
/// launch); one is made when due (see `interchange::rolling`). A failure is told to the window.
fn keep_backing_up(app: AppHandle) {
    use factdesk_core::interchange::rolling::{run_auto_backup, Policy};
    let spawned = std::thread::Builder::new().name("auto-backup".into()).spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        loop {
            if !app.state::<AppState>().is_open() {
                std::thread::sleep(std::time::Duration::from_secs(60));
                continue;
            }
            match app.state::<AppState>().in_background(|s| run_auto_backup(s, chrono::Utc::now(), &Policy::default())) {
                Ok(Some(b)) => {
                    let _ = app.emit("auto-backup", b.path.display().to_string());
                }
                Ok(None) => {}
                Err(e) => {
                    log::warn!("automatic backup failed: {e}");
                    let _ = app.emit("auto-backup-failed", e.to_string());
                }
            }
            std::thread::sleep(std::time::Duration::from_secs(300));
        }
    });
    if let Err(e) = spawned {
        log::warn!("automatic backups are off: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn db_flag_in_both_spellings() {
        assert_eq!(db_arg(&a(&["factdesk", "--db", "/tmp/x.factdesk"])), Some(PathBuf::from("/tmp/x.factdesk")));
        assert_eq!(db_arg(&a(&["factdesk", "--db=/tmp/y"])), Some(PathBuf::from("/tmp/y")));
        assert_eq!(db_arg(&a(&["factdesk"])), None);
        assert_eq!(model_arg(&a(&["factdesk", "--model-dir=/m", "--db", "/d"])), Some(PathBuf::from("/m")));
        assert_eq!(model_arg(&a(&["factdesk", "--model-dir", "/m2"])), Some(PathBuf::from("/m2")));
    }

    /// The file manager opens a double-clicked workspace as `factdesk /path/to/file.factdesk`.
    #[test]
    fn a_workspace_file_given_as_the_first_argument_is_the_one_opened() {
        assert_eq!(db_arg(&a(&["factdesk", "/home/ana/Desk 2024.factdesk"])), Some(PathBuf::from("/home/ana/Desk 2024.factdesk")));
        // After the values of the flags, which are not files to open.
        assert_eq!(db_arg(&a(&["factdesk", "--model-dir", "/m", "/w/a.factdesk"])), Some(PathBuf::from("/w/a.factdesk")));
        assert_eq!(model_arg(&a(&["factdesk", "--model-dir", "/m", "/w/a.factdesk"])), Some(PathBuf::from("/m")));
        // --db wins over a file argument.
        assert_eq!(db_arg(&a(&["factdesk", "/w/a.factdesk", "--db", "/w/b.factdesk"])), Some(PathBuf::from("/w/b.factdesk")));
        // A relative name is made absolute (the recent list must find it from any folder).
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(db_arg(&a(&["factdesk", "desk.factdesk"])), Some(cwd.join("desk.factdesk")));
        // Unknown flags are not files.
        assert_eq!(db_arg(&a(&["factdesk", "--verbose"])), None);
    }

    #[test]
    fn a_file_name_that_is_not_utf8_is_kept_as_it_is() {
        use std::os::unix::ffi::OsStringExt;
        let name = OsString::from_vec(b"/w/caf\xe9.factdesk".to_vec());
        let args = vec![OsString::from("factdesk"), name.clone()];
        assert_eq!(db_arg(&args), Some(PathBuf::from(&name)));
        let flag = OsString::from_vec(b"--db=/w/caf\xe9.factdesk".to_vec());
        assert_eq!(db_arg(&[OsString::from("factdesk"), flag]), Some(PathBuf::from(&name)));
    }
}
