//! The Tauri shell: builds the app (plugins, state, command handlers). Commands live in
//! `commands/<domain>.rs` and only translate between IPC and `factdesk-core`.

mod commands;
mod state;

use std::path::PathBuf;

use tauri::Manager;

pub use state::AppState;

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

/// One running window per workspace file: a second launch on the same file focuses the first.
/// D-Bus names allow only `[A-Za-z0-9_]` elements, so the path is hashed into one.
fn instance_id(db: &std::path::Path) -> String {
    use std::hash::{Hash, Hasher};
    let canonical = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    format!("org.factdesk.app.w{:016x}", h.finish())
}

pub fn run() {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().collect();
    let db_path = factdesk_core::paths::resolve_db_path(db_arg(&args).as_deref());
    let state = AppState::open(db_path.clone(), started);

    tauri::Builder::default()
        // Must be the first plugin registered.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(&db_path))
                .callback(|app, _args, _cwd| {
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                })
                .build(),
        )
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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace::workspace_info,
            commands::workspace::app_ready,
            commands::claims::list_claims,
            commands::claims::get_claim,
            commands::claims::create_claim,
            commands::claims::update_claim,
            commands::articles::import_article_text,
            commands::articles::import_article_file,
            commands::articles::import_article_url,
            commands::articles::article,
            commands::articles::accept_candidate,
            commands::articles::reject_candidate,
            commands::articles::reopen_candidate,
            commands::articles::similar_claims,
            commands::claims::add_appearance,
            commands::claims::remove_appearance,
            commands::claims::list_claimants,
            commands::claims::update_claimant,
            commands::claims::possible_duplicates,
            commands::claims::confirm_match,
            commands::claims::dismiss_match,
            commands::reports::export_report,
            commands::reports::cancel_export,
            commands::interchange::preview_data_import,
            commands::interchange::commit_data_import,
            commands::interchange::discard_data_import,
            commands::sources::list_sources,
            commands::sources::create_source,
            commands::sources::update_source,
            commands::sources::source_detail,
            commands::sources::add_source_by_url,
            commands::sources::recapture_source,
            commands::sources::diff_captures,
            commands::sources::capture_text,
            commands::sources::add_evidence,
            commands::verdicts::record_verdict,
            commands::verdicts::rating_scale,
            commands::verdicts::list_scales,
            commands::verdicts::set_rating_scale,
            commands::verdicts::create_scale,
            commands::workflow::set_status,
            commands::workflow::set_check,
            commands::workflow::checklist,
            commands::workflow::set_checklist,
            commands::workflow::set_actor,
            commands::settings::rating_names,
            commands::settings::set_rating_names,
            commands::settings::backup_workspace,
            commands::settings::restore_workspace,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Factdesk");
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

    #[test]
    fn instance_id_is_a_dbus_name_per_file() {
        let a = instance_id(std::path::Path::new("/tmp/a.factdesk"));
        let b = instance_id(std::path::Path::new("/tmp/b.factdesk"));
        assert_ne!(a, b);
        assert!(a.split('.').all(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')));
        assert!(!a.split('.').any(|e| e.starts_with(|c: char| c.is_ascii_digit())));
    }
}
