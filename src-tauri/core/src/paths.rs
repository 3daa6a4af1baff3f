//! Where a workspace file and the matching model live. The app and the CLI resolve a workspace the
//! same way: an explicit path (`--db PATH`), then the `FACTDESK_DB` environment variable, then the
//! platform data directory; the model folder likewise (`--model-dir`, `FACTDESK_MODEL`, the folder
//! chosen in the window's Settings, then the data directory). The Settings choice is kept in the
//! app's config folder (`model.json`), so the command line uses the model the window uses.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::ModelChoice;

pub const DB_ENV: &str = "FACTDESK_DB";

/// Names the folder of the sentence-embedding model used for matching (see `language::embed`).
pub const MODEL_ENV: &str = "FACTDESK_MODEL";

/// The folder `make model` installs the matching model into:
/// `$XDG_DATA_HOME/factdesk/models/all-MiniLM-L6-v2` on Linux (usually `~/.local/share/...`).
pub fn default_model_dir() -> PathBuf {
    data_dir().join("factdesk").join("models").join("all-MiniLM-L6-v2")
}

/// The model folder to use when none is named on the command line: the `FACTDESK_MODEL`
/// environment variable when it is set and not empty, then the folder chosen in the window's
/// Settings, then [`default_model_dir`]. Nothing here checks the folder: `Embedder::load` does, and
/// says what is missing. (The CLI's `--model-dir` comes first.)
pub fn model_dir() -> PathBuf {
    resolve_model_dir(None, load_model_choice(&config_dir()).as_deref()).0
}

/// The model folder to use, and where it was named, strongest first: `explicit` (`--model-dir`),
/// the `FACTDESK_MODEL` environment variable, `chosen` (the folder chosen in the window's
/// Settings), then [`default_model_dir`].
pub fn resolve_model_dir(explicit: Option<&Path>, chosen: Option<&Path>) -> (PathBuf, ModelChoice) {
    let env = std::env::var_os(MODEL_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
    pick_model_dir(explicit, env.as_deref(), chosen)
}

/// [`resolve_model_dir`] with the environment given.
pub fn pick_model_dir(explicit: Option<&Path>, env: Option<&Path>, chosen: Option<&Path>) -> (PathBuf, ModelChoice) {
    let given = |p: Option<&Path>| p.filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
    if let Some(p) = given(explicit) {
        (p, ModelChoice::Option)
    } else if let Some(p) = given(env) {
        (p, ModelChoice::Environment)
    } else if let Some(p) = given(chosen) {
        (p, ModelChoice::Settings)
    } else {
        (default_model_dir(), ModelChoice::Default)
    }
}

/// The folder of the app's own settings, outside any workspace: `$XDG_CONFIG_HOME/factdesk`
/// (usually `~/.config/factdesk`). The window keeps its recent workspaces, the checker's profile
/// and the model chosen in Settings there.
pub fn config_dir() -> PathBuf {
    dirs::config_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("factdesk")
}

/// `model.json` in the config folder: the model folder chosen in Settings (written by
/// `files::save_model_choice`).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct ModelFile {
    #[serde(default)]
    pub folder: Option<PathBuf>,
}

/// The matching model folder chosen in Settings, from `config/model.json` (None: the default, and
/// also when the file is missing or damaged: a bad settings file never stops the app or the CLI).
pub fn load_model_choice(config: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config.join("model.json")).ok()?;
    serde_json::from_str::<ModelFile>(&text).ok()?.folder.filter(|p| !p.as_os_str().is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_folder_option_beats_the_environment_beats_settings_beats_the_default() {
        let (o, e, c) = (Path::new("/opt"), Path::new("/env"), Path::new("/chosen"));
        assert_eq!(pick_model_dir(Some(o), Some(e), Some(c)), (o.to_path_buf(), ModelChoice::Option));
        assert_eq!(pick_model_dir(None, Some(e), Some(c)), (e.to_path_buf(), ModelChoice::Environment));
        assert_eq!(pick_model_dir(None, None, Some(c)), (c.to_path_buf(), ModelChoice::Settings));
        assert_eq!(pick_model_dir(None, None, None), (default_model_dir(), ModelChoice::Default));
        // An empty value names nothing.
        assert_eq!(pick_model_dir(Some(Path::new("")), Some(Path::new("")), Some(c)), (c.to_path_buf(), ModelChoice::Settings));
    }

    #[test]
    fn the_model_folder_chosen_is_kept_until_reset() {
        let tmp = tempfile::tempdir().unwrap();
        let cfg = tmp.path().join("config");
        assert_eq!(load_model_choice(&cfg), None);
        let folder = tmp.path().join("models/paraphrase-multilingual");
        crate::files::save_model_choice(&cfg, Some(&folder)).unwrap();
        assert_eq!(load_model_choice(&cfg), Some(folder.clone()));
        // Written whole, as JSON a person can read and edit.
        let text = std::fs::read_to_string(cfg.join("model.json")).unwrap();
        assert!(text.contains("paraphrase-multilingual"), "{text}");
        crate::files::save_model_choice(&cfg, None).unwrap();
        assert_eq!(load_model_choice(&cfg), None);
        // A damaged file is no choice, not a failure.
        std::fs::write(cfg.join("model.json"), "{ not json").unwrap();
        assert_eq!(load_model_choice(&cfg), None);
    }
}
