// Every command the window can call, declared once: `module::function` under `src/commands/`.
//
// `with_commands!(m)` calls the macro `m` with the whole list (the pattern of Yaak's
// `with_commands!`). These take it from here:
// - `lib.rs` registers the handlers (`tauri::generate_handler!`): a name that is not a
//   `#[tauri::command]` in that module fails to compile;
// - `build.rs` (which `include!`s this file) declares each name to Tauri, so each gets an
//   `allow-<name>` permission, and writes the permission set `main-window-commands` of all of them,
//   which `capabilities/main.json` grants to the main window;
// - `tests/commands_ts.rs` reads each command's signature (with `syn`) and generates the UI's typed
//   wrappers, `ui/src/lib/api/commands.ts` (`commands.getClaim({ uuid })`), so a misspelt command or
//   argument in the UI fails its type check; `tests/commands_declared.rs` checks that the UI's api
//   calls every command, only through those wrappers.
//
// Adding a command: write it in `commands/<domain>.rs` (its types in the model, listed in
// `core/src/bindings.rs`), add it here, run `make bindings`, and call `commands.<name>` from a
// function of `ui/src/lib/api/index.ts`.
//
// This file is read by the build script too, so it holds this macro and nothing else.

macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            workspace::workspace_info,
            workspace::app_ready,
            workspace::matching_status,
            workspace::window_start,
            workspace::new_workspace,
            workspace::open_workspace,
            workspace::open_recent_workspace,
            workspace::open_demo_workspace,
            workspace::save_profile,

            claims::list_claims,
            claims::get_claim,
            claims::create_claim,
            claims::update_claim,
            claims::set_published_url,
            claims::add_appearance,
            claims::remove_appearance,
            claims::list_claimants,
            claims::update_claimant,
            claims::possible_duplicates,
            claims::confirm_match,
            claims::dismiss_match,

            articles::import_article_text,
            articles::import_article_file,
            articles::import_article_url,
            articles::import_article_dropped,
            articles::article,
            articles::accept_candidate,
            articles::reject_candidate,
            articles::reopen_candidate,
            articles::similar_claims,
            articles::cancel_article_import,
            articles::candidates_similar,

            sources::list_sources,
            sources::create_source,
            sources::update_source,
            sources::source_detail,
            sources::add_source_by_url,
            sources::recapture_source,
            sources::diff_captures,
            sources::capture_text,
            sources::add_evidence,

            verdicts::record_verdict,
            verdicts::rating_scale,
            verdicts::list_scales,
            verdicts::set_rating_scale,
            verdicts::create_scale,

            workflow::set_status,
            workflow::set_check,
            workflow::checklist,
            workflow::set_checklist,
            workflow::set_actor,

            reports::export_report,
            reports::cancel_export,

            interchange::preview_data_import,
            interchange::preview_dropped_data,
            interchange::commit_data_import,
            interchange::discard_data_import,

            settings::rating_names,
            settings::set_rating_names,
            settings::publishing,
            settings::set_publishing,
            settings::backup_workspace,
            settings::restore_workspace,
            settings::auto_backups,
            settings::set_auto_backups,
            settings::choose_backup_folder,

            matching::choose_model_folder,
            matching::use_default_model,
            matching::download_model,
            matching::cancel_model_download,

            desk::desk_status,
            desk::desk_join,
            desk::desk_sync,
            desk::desk_leave,
            desk::desk_drafts,
            desk::desk_conflicts,
            desk::desk_dismiss_conflict,
        }
    };
}
