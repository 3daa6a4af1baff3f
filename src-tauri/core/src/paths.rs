//! Where a workspace file and the matching model live. The app and the CLI resolve a workspace the
//! same way: an explicit path (`--db PATH`), then the `FACTDESK_DB` environment variable, then the
//! platform data directory; the model folder likewise (`FACTDESK_MODEL`, then the data directory).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const DB_ENV: &str = "FACTDESK_DB";

/// Names the folder of the sentence-embedding model used for matching (see `language::embed`).
pub const MODEL_ENV: &str = "FACTDESK_MODEL";

/// The folder `make model` installs the matching model into:
/// `$XDG_DATA_HOME/factdesk/models/all-MiniLM-L6-v2` on Linux (usually `~/.local/share/...`).
pub fn default_model_dir() -> PathBuf {
    data_dir().join("factdesk").join("models").join("all-MiniLM-L6-v2")
}

/// The model folder to use: the `FACTDESK_MODEL` environment variable when it is set and not
/// empty, then [`default_model_dir`]. Nothing here checks the folder: `Embedder::load` does, and
/// says what is missing. (An explicit `--model-dir` will come before both, as `--db` does.)
pub fn model_dir() -> PathBuf {
    match std::env::var_os(MODEL_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => default_model_dir(),
    }
}

/// The platform data directory (`$XDG_DATA_HOME`, else `~/.local/share`, else `.`).
fn data_dir() -> PathBuf {
    dirs::data_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `$XDG_DATA_HOME/factdesk/workspace.factdesk` on Linux (usually `~/.local/share/...`).
pub fn default_db_path() -> PathBuf {
    data_dir().join("factdesk").join("workspace.factdesk")
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

/// Creates the folder of the default workspace on first use. Any other path is used as given: a
/// folder that does not exist is refused when the workspace is opened, so a typo in `--db` never
/// quietly makes an empty workspace somewhere new.
pub fn prepare_default_dir(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if path == default_db_path() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Refuses a file to write that cannot be: a folder, or a name in a folder that does not exist
/// (a typo: nothing creates folders quietly). Checked before the work, so nothing is done for
/// nothing.
pub fn check_output_path(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(Error::validation("out", format!("“{}” is not a file name", path.display())));
    }
    if path.is_dir() {
        return Err(Error::validation("out", format!("{} is a folder: give the name of the file to write", path.display())));
    }
    let dir = crate::lock::parent_of(path);
    if !dir.is_dir() {
        return Err(Error::validation("out", format!("The folder {} does not exist; create it first, or choose another.", dir.display())));
    }
    Ok(())
}
