//! Where a workspace file lives. The app and the CLI resolve it the same way: an explicit path
//! (`--db PATH`), then the `FACTDESK_DB` environment variable, then the platform data directory.

use std::path::{Path, PathBuf};

pub const DB_ENV: &str = "FACTDESK_DB";

/// `$XDG_DATA_HOME/factdesk/workspace.factdesk` on Linux (usually `~/.local/share/...`).
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("factdesk")
        .join("workspace.factdesk")
}

pub fn resolve_db_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    match std::env::var_os(DB_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => default_db_path(),
    }
}
