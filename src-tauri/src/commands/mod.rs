//! One module per domain; each command takes its arguments, calls core and returns DTOs.
//! Commands are `async` so SQLite work runs off the main (UI) thread. The commands the window
//! may call are listed once, in `list.rs`.

use factdesk_core::{Error, Result};

#[macro_use]
mod list;

pub mod articles;
pub mod claims;
pub mod desk;
pub mod interchange;
pub mod matching;
pub mod reports;
pub mod settings;
pub mod sources;
pub mod verdicts;
pub mod workflow;
pub mod workspace;

macro_rules! handlers {
    ( $( $module:ident :: $name:ident ),* $(,)? ) => {
        /// The handler of every command in `list.rs`, for `Builder::invoke_handler`.
        pub fn handlers() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![ $( $module::$name ),* ]
        }
    };
}
with_commands!(handlers);

/// What a command answers when its blocking work ended without an answer (it panicked): a fault
/// of ours, not of the network, the file or the workspace the checker chose.
const STOPPED: &str = "The work stopped unexpectedly (a fault in Factdesk); nothing more was done. Try again, and restart \
                       Factdesk if it happens again.";

/// Runs blocking work (a system dialog, a page fetch, reading or writing a file, an export) on a
/// blocking thread, so the window and other commands stay usable meanwhile.
pub(crate) async fn off_thread<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    off_thread_or(STOPPED, f).await
}

/// [`off_thread`], saying `stopped` when the work ends without an answer (for work after which
/// the checker must know more, such as whether the workspace was changed).
pub(crate) async fn off_thread_or<T: Send + 'static>(
    stopped: &'static str,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|_| Error::Workspace(stopped.into()))?
}

/// The bytes of a file dropped on the window, sent as base64 text. With the webview's own drag
/// and drop (tauri.conf.json `dragDropEnabled: false`, see ui/src/lib/drop.ts) the window can read
/// a dropped file but never learns its path, so the file comes over instead of a path.
pub(crate) fn dropped_bytes(file_name: &str, content: &str) -> Result<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(content.trim()).map_err(|_| {
        Error::validation("file", format!("“{file_name}” could not be read from the drop; open it with the Import screen instead."))
    })
}
