// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // One binary for the window and the command line: invoked as `factdesk-cli` (the packages
    // install that name beside the app) or as `factdesk cli ARGS…`, it is the command line.
    if let Some(args) = factdesk_cli::cli_args(std::env::args_os().collect()) {
        return factdesk_cli::main_with(args);
    }
    factdesk_lib::run();
    std::process::ExitCode::SUCCESS
}
