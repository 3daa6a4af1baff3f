//! The desk (issue 14): a workspace that is a replica of a desk kept in PostgreSQL, what it has
//! not pushed yet, what the desk refused, and what two checkers changed while apart.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The desk this workspace is a replica of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeskLink {
    pub desk_id: String,
    /// Where the desk is (the address without any password).
    pub url: String,
    /// This copy's id on the desk.
    pub replica_id: String,
    /// The PostgreSQL role this copy works as.
    pub role: String,
    /// The desk's last change applied here.
    #[ts(type = "number")]
    pub cursor: i64,
    pub joined_at: String,
    pub last_push: Option<String>,
    pub last_pull: Option<String>,
    /// Why the last attempt to reach the desk failed, if it did.
    pub last_error: Option<String>,
    /// Local changes not on the desk yet.
    #[ts(type = "number")]
    pub outbox: i64,
    /// Changes the desk refused, kept here.
    #[ts(type = "number")]
    pub drafts: i64,
    /// Fields edited by two checkers while apart, not dismissed.
    #[ts(type = "number")]
    pub conflicts: i64,
}

/// A local change the desk refused (e.g. publishing without a second reader), kept as a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeskDraft {
    #[ts(type = "number")]
    pub id: i64,
    pub claim_uuid: Option<String>,
    /// Why the desk refused it, in the desk's words.
    pub reason: String,
    pub at: String,
    /// How many rows the refused change touched.
    pub changes: u32,
    /// What the refused change was, in words (e.g. "claim: status; history: 1 new").
    pub what: String,
}

/// One field of a claim edited by two checkers while apart: the later push's value is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeskConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub claim_uuid: String,
    pub field: String,
    pub kept: Option<String>,
    pub kept_by: String,
    pub replaced: Option<String>,
    pub replaced_by: String,
    pub at: String,
}

/// A copy of the workspace the desk knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeskReplica {
    /// The copy's id (this one's is `DeskLink::replica_id`).
    pub id: String,
    pub role: String,
    pub name: String,
    pub last_seen: String,
    /// Connected right now.
    pub connected: bool,
}

/// The desk as the replica and the server see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeskStatus {
    pub link: DeskLink,
    /// Whether the desk answered just now.
    pub reachable: bool,
    /// Why it did not, in words, when it did not.
    pub problem: Option<String>,
    /// The desk's last change, when it answered.
    #[ts(type = "number | null")]
    pub head: Option<i64>,
    /// Claims on the desk, when it answered.
    #[ts(type = "number | null")]
    pub desk_claims: Option<i64>,
    /// The desk's schema version, when it answered.
    #[ts(type = "number | null")]
    pub schema: Option<i64>,
    /// The desk's schema is older than this Factdesk's: its rules are the older ones until the
    /// desk's owner next syncs (which upgrades it).
    pub upgrade_pending: bool,
    pub replicas: Vec<DeskReplica>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// Local changes the desk took.
    pub pushed: u32,
    /// Local changes the desk refused, each with its reason (kept here as drafts).
    pub refused: Vec<String>,
    /// Changes brought from the desk and applied here.
    pub pulled: u32,
    /// Fields edited on two replicas while apart, found in this sync.
    pub conflicts: u32,
    /// Rows that could not be applied, in words.
    pub problems: Vec<String>,
    /// The desk's last change now applied here.
    #[ts(type = "number")]
    pub cursor: i64,
    /// Where the password given to create or join is kept for later syncs, in words.
    pub password_kept: Option<String>,
}
