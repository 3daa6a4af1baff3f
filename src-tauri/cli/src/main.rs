//! The `factdesk-cli` binary: the command line of `lib.rs` (the app's binary runs the same code
//! when invoked as `factdesk-cli` or `factdesk cli …`).

fn main() -> std::process::ExitCode {
    factdesk_cli::main_with(std::env::args_os().collect())
}
