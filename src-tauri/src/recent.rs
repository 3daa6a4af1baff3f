//! What the app remembers between launches, outside any workspace, in the platform's config folder
//! (`$XDG_CONFIG_HOME/factdesk/`, usually `~/.config/factdesk/`):
//!
//! - `recent.json`: the workspaces opened in the window, the latest first, at most [`KEEP`]; the
//!   first is the one reopened at launch. A file no longer there drops out of the list (and the
//!   window is told which, once).
//! - `profile.json`: what the welcome screen asks once: the checker's name, the desk's organisation
//!   and the address its fact-checks are published under (ClaimReview needs both), given to every
//!   workspace made or opened from the window that does not have them yet.
//! - `model.json`: the matching model folder chosen in Settings (issue 13), used unless
//!   `--model-dir` or `FACTDESK_MODEL` names another. The core reads and writes it
//!   (`factdesk_core::paths::load_model_choice`), so `factdesk-cli` uses the same model.
//!
//! A missing or unreadable file is an empty list, no profile or no choice: nothing here stops the app.

use std::path::{Path, PathBuf};

use factdesk_core::model::Profile;
use serde::{Deserialize, Serialize};

/// How many recent workspaces are kept.
pub const KEEP: usize = 10;

/// The folder of the app's own settings (shared with the command line, which reads `model.json`).
pub use factdesk_core::paths::config_dir;

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecentFile {
    #[serde(default)]
    workspaces: Vec<PathBuf>,
}

/// The recent workspaces, kept in `dir/recent.json`.
#[derive(Debug, Clone)]
pub struct Recent {
    file: PathBuf,
    list: Vec<PathBuf>,
}

impl Recent {
    /// Reads `dir/recent.json` (an empty list when it is missing or unreadable).
    pub fn load(dir: &Path) -> Recent {
        let file = dir.join("recent.json");
        let list = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| serde_json::from_str::<RecentFile>(&t).ok())
            .map(|f| f.workspaces)
            .unwrap_or_default();
        let mut recent = Recent { file, list: Vec::new() };
        // The file may have been edited by hand: the same rules as `add`, oldest first.
        for p in list.into_iter().rev() {
            recent.push_front(p);
        }
        recent
    }

    /// The workspaces, the latest first.
    pub fn list(&self) -> &[PathBuf] {
        &self.list
    }

    /// The workspace to reopen at launch: the latest that still exists.
    pub fn last(&self) -> Option<&PathBuf> {
        self.list.iter().find(|p| p.is_file())
    }

    /// Whether `path` is in the list (the window may reopen only these by name).
    pub fn contains(&self, path: &Path) -> bool {
        let key = same_file_key(path);
        self.list.iter().any(|p| same_file_key(p) == key)
    }

    fn push_front(&mut self, path: PathBuf) {
        let key = same_file_key(&path);
        self.list.retain(|p| same_file_key(p) != key);
        self.list.insert(0, path);
        self.list.truncate(KEEP);
    }

    /// Puts `path` first (once: another spelling of the same file replaces it) and saves the list.
    pub fn add(&mut self, path: &Path) -> std::io::Result<()> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.push_front(path);
        self.save()
    }

    /// Drops the workspaces whose file is gone; answers them (saved when any was dropped).
    pub fn drop_missing(&mut self) -> Vec<PathBuf> {
        let (kept, gone): (Vec<_>, Vec<_>) = self.list.drain(..).partition(|p| p.is_file());
        self.list = kept;
        if !gone.is_empty() {
            if let Err(e) = self.save() {
                eprintln!("factdesk: could not update {}: {e}", self.file.display());
            }
        }
        gone
    }

    fn save(&self) -> std::io::Result<()> {
        let body = serde_json::to_string_pretty(&RecentFile { workspaces: self.list.clone() }).map_err(std::io::Error::other)?;
        write_atomically(&self.file, &body)
    }
}

/// The profile given on the welcome screen, from `dir/profile.json`.
pub fn load_profile(dir: &Path) -> Option<Profile> {
    let text = std::fs::read_to_string(dir.join("profile.json")).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn save_profile(dir: &Path, profile: &Profile) -> std::io::Result<()> {
    let body = serde_json::to_string_pretty(profile).map_err(std::io::Error::other)?;
    write_atomically(&dir.join("profile.json"), &body)
}

/// Writes `file` whole or not at all (a crash mid-write leaves the old one).
pub(crate) fn write_atomically(file: &Path, body: &str) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    factdesk_core::files::write_atomic(file, body.as_bytes()).map_err(|e| std::io::Error::other(e.to_string()))
}

/// Two spellings of one file compare equal (`a/../b`, a link): its canonical path when it exists.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, b"x").unwrap();
        p
    }

    #[test]
    fn the_latest_comes_first_and_is_saved() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (touch(tmp.path(), "a.factdesk"), touch(tmp.path(), "b.factdesk"));
        let cfg = tmp.path().join("config");
        let mut r = Recent::load(&cfg);
        assert!(r.list().is_empty());
        assert_eq!(r.last(), None);
        r.add(&a).unwrap();
        r.add(&b).unwrap();
        assert_eq!(r.list(), [b.clone(), a.clone()]);
        let again = Recent::load(&cfg);
        assert_eq!(again.list(), [b.clone(), a.clone()]);
        assert_eq!(again.last(), Some(&b));
    }

    #[test]
    fn a_workspace_opened_again_moves_to_the_top_once_whatever_its_spelling() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (touch(tmp.path(), "a.factdesk"), touch(tmp.path(), "b.factdesk"));
        std::fs::create_dir(tmp.path().join("sub")).unwrap();
        let mut r = Recent::load(tmp.path());
        r.add(&a).unwrap();
        r.add(&b).unwrap();
        r.add(&tmp.path().join("sub/../a.factdesk")).unwrap();
        assert_eq!(r.list().len(), 2);
        assert_eq!(same_file_key(&r.list()[0]), same_file_key(&a));
        assert_eq!(r.list()[1], b);
        assert!(r.contains(&a) && r.contains(&b));
        assert!(!r.contains(&tmp.path().join("c.factdesk")));
    }

    #[test]
    fn keeps_the_ten_latest() {
        let tmp = tempfile::tempdir().unwrap();
        let mut r = Recent::load(tmp.path());
        let files: Vec<_> = (0..13).map(|i| touch(tmp.path(), &format!("w{i}.factdesk"))).collect();
        for f in &files {
            r.add(f).unwrap();
        }
        assert_eq!(r.list().len(), KEEP);
        assert_eq!(r.list()[0], files[12]);
        assert_eq!(r.list()[KEEP - 1], files[3]);
        assert!(!r.contains(&files[2]));
        assert_eq!(Recent::load(tmp.path()).list().len(), KEEP);
    }

    #[test]
    fn missing_files_drop_out_and_are_named_once() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (touch(tmp.path(), "a.factdesk"), touch(tmp.path(), "b.factdesk"));
        let mut r = Recent::load(tmp.path());
        r.add(&a).unwrap();
        r.add(&b).unwrap();
        std::fs::remove_file(&b).unwrap();
        // The latest is gone: the launch reopens the one before.
        assert_eq!(r.last(), Some(&a));
        assert_eq!(r.drop_missing(), [b.clone()]);
        assert_eq!(r.list(), [a.clone()]);
        assert!(r.drop_missing().is_empty());
        assert_eq!(Recent::load(tmp.path()).list(), [a]);
    }

    #[test]
    fn a_damaged_file_is_an_empty_list_not_a_failure() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("recent.json"), "{ not json").unwrap();
        assert!(Recent::load(tmp.path()).list().is_empty());
        std::fs::write(tmp.path().join("profile.json"), "[]").unwrap();
        assert_eq!(load_profile(tmp.path()), None);
    }

    #[test]
    fn the_profile_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(load_profile(tmp.path()), None);
        let p = Profile {
            checker: "Amira Haddad".into(),
            desk_name: "Desk Example".into(),
            publication_url: "https://desk.example/checks/".into(),
            desk_logo_url: "https://desk.example/logo.png".into(),
        };
        save_profile(tmp.path(), &p).unwrap();
        assert_eq!(load_profile(tmp.path()), Some(p));
        // A profile kept before the logo was asked reads with none.
        std::fs::write(tmp.path().join("profile.json"), r#"{"checker":"A","desk_name":"D","publication_url":""}"#).unwrap();
        assert_eq!(load_profile(tmp.path()).map(|p| p.desk_logo_url), Some(String::new()));
    }
}
