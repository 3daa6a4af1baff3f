//! The desk (issue 14): several checkers share one workspace through PostgreSQL and keep
//! working offline. Each workspace file is a replica: what changes in it is queued in its outbox
//! (by the store, in the same transaction as the change) and pushed when the desk can be reached;
//! what others change is pulled in the order of the desk's log. See docs/desk.md.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::desk::{DeskReplica, DeskStatus, SyncReport};
use crate::store::{Dangling, DeskAddress, DeskChange, Remote, Store, DESK_SCHEMA};

/// Changes sent in one push (whole local transactions, so a big one may make it longer).
pub const PUSH_BATCH: usize = 500;
/// Changes asked for in one pull.
pub const PULL_BATCH: i32 = 1000;
/// Rows of a new replica's snapshot applied per transaction.
pub const SNAPSHOT_BATCH: usize = 2000;

/// How to reach the desk: a password given for this call, else the usual places (the address,
/// `PGPASSWORD`, the password file). It is never stored in the workspace.
#[derive(Debug, Clone, Copy, Default)]
pub struct Access<'a> {
    pub password: Option<&'a str>,
}

fn not_a_replica() -> Error {
    Error::Conflict("This workspace is not on a desk. Create one (desk create) or join one (desk join).".into())
}

/// Refuses a desk made by a newer Factdesk; upgrades one made by an older one when this role
/// owns it (see `Remote::upgrade_desk`). Returns the desk's id.
fn check_schema(remote: &mut Remote) -> Result<String> {
    let status = remote.about()?;
    let Some(schema) = status.get("schema").and_then(serde_json::Value::as_i64) else {
        return Err(crate::store::damaged_schema(None));
    };
    if schema > DESK_SCHEMA {
        return Err(Error::Conflict(format!(
            "This desk was made by a newer Factdesk (desk schema {schema}; this version knows up to {DESK_SCHEMA}). Update Factdesk to work on it."
        )));
    }
    if schema < DESK_SCHEMA {
        remote.upgrade_desk()?;
    }
    Ok(status.get("desk_id").and_then(serde_json::Value::as_str).unwrap_or_default().to_string())
}

/// Creates a desk in the PostgreSQL database at `address` (its schema, by numbered migrations,
/// and the checker and reader roles), connecting as the role that will own it, and uploads this
/// workspace to it. The workspace becomes the desk's first replica.
pub fn create(store: &mut Store, address: &str, access: Access<'_>) -> Result<SyncReport> {
    create_at(store, address, access, DESK_SCHEMA)
}

/// `create` with the desk's schema only up to version `schema`, as an earlier Factdesk made it:
/// for the tests of the upgrade.
#[doc(hidden)]
pub fn create_at(store: &mut Store, address: &str, access: Access<'_>, schema: i64) -> Result<SyncReport> {
    let address = DeskAddress::parse(address)?;
    if store.desk_link()?.is_some() {
        return Err(Error::Conflict("This workspace is already on a desk; leave it first (desk leave).".into()));
    }
    let mut remote = Remote::connect(&address, access.password, None)?;
    let desk_id = remote.create_desk_at(schema)?;
    store.desk_link_to(&desk_id, &address.shown, &address.role(), 0, false)?;
    store.desk_queue_everything()?;
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    remote.hello(&link.replica_id, store.actor())?;
    let mut report = push_all(store, &mut remote, &link.replica_id)?;
    // The desk now holds exactly this workspace, as it is: nothing to pull back.
    if let Some(head) = remote.head_if_only(&link.replica_id)? {
        store.desk_set_cursor(head)?;
        report.cursor = head;
    }
    let rest = sync_over(store, &mut remote)?;
    report.pulled += rest.pulled;
    report.problems.extend(rest.problems);
    report.cursor = rest.cursor.max(report.cursor);
    report.password_kept = keep_password(&address, access);
    Ok(report)
}

/// Keeps the password given to create or join (in the address, or typed) in the system keyring,
/// and says where it is kept; None when none was given.
fn keep_password(address: &DeskAddress, access: Access<'_>) -> Option<String> {
    let password = access.password.map(str::to_string).or_else(|| address.password.clone())?;
    Some(match address.remember_password(&password) {
        Ok(()) => "in the system keyring".into(),
        Err(why) => {
            let _ = why; // D-Bus's own words help nobody here
            "nowhere: this computer has no system keyring that answers. For later syncs put it in ~/.pgpass \
             (host:port:database:role:password) or PGPASSWORD"
                .to_string()
        }
    })
}

/// Joins the desk at `address` with this workspace, which must hold no claims or sources yet
/// (a new file): it receives everything the desk has, then follows the desk's log.
pub fn join(store: &mut Store, address: &str, access: Access<'_>) -> Result<SyncReport> {
    let address = DeskAddress::parse(address)?;
    if store.desk_link()?.is_some() {
        return Err(Error::Conflict("This workspace is already on a desk; leave it first (desk leave).".into()));
    }
    if store.desk_has_work()? {
        return Err(Error::Conflict(
            "This workspace already holds claims or sources. Join a desk with a new workspace file (e.g. --db desk.factdesk): \
             everything on the desk comes to it."
                .into(),
        ));
    }
    let mut remote = Remote::connect(&address, access.password, None)?;
    let desk_id = check_schema(&mut remote)?;
    store.desk_link_to(&desk_id, &address.shown, &address.role(), 0, true)?;
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    remote.hello(&link.replica_id, store.actor())?;
    // The rows come from one connection, the capture bytes they need from a second.
    let mut bytes = Remote::connect(&address, access.password, Some(&link.replica_id))?;
    let mut dangling = Vec::new();
    let mut problems = Vec::new();
    let mut pulled = 0u32;
    let head = remote.snapshot(SNAPSHOT_BATCH, &mut |chunk| {
        let blobs = fetch_blobs(store, &mut bytes, &chunk)?;
        let applied = store.desk_apply(&chunk, 0, &blobs, &mut dangling)?;
        pulled += chunk.len() as u32;
        problems.extend(applied.problems);
        Ok(())
    })?;
    store.desk_set_cursor(head)?;
    let mut report = sync_over(store, &mut remote)?;
    report.password_kept = keep_password(&address, access);
    report.pulled += pulled;
    problems.extend(Store::desk_unsettled(&dangling));
    report.problems.splice(0..0, problems);
    Ok(report)
}

/// Pushes what this replica has not sent and pulls what it has not seen.
pub fn sync(store: &mut Store, access: Access<'_>) -> Result<SyncReport> {
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    let address = DeskAddress::parse(&link.url)?;
    let result = Remote::connect(&address, access.password, Some(&link.replica_id)).and_then(|mut remote| {
        check_schema(&mut remote)?;
        sync_over(store, &mut remote)
    });
    if let Err(e) = &result {
        let _ = store.desk_note_error(Some(&e.to_string()));
    }
    result
}

/// Capture bytes the changes add that this workspace lacks, from the desk.
fn fetch_blobs(store: &Store, remote: &mut Remote, changes: &[DeskChange]) -> Result<HashMap<String, Vec<u8>>> {
    let wanted = changes.iter().filter(|c| c.kind == "blobs" && c.op == "put").map(|c| c.key.as_str());
    let mut out = HashMap::new();
    for sha in store.missing_blobs(wanted)? {
        if let Some(b) = remote.blob(&sha)? {
            out.insert(sha, b);
        }
    }
    Ok(out)
}

fn sync_over(store: &mut Store, remote: &mut Remote) -> Result<SyncReport> {
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    remote.hello(&link.replica_id, store.actor())?;
    let mut report = push_all(store, remote, &link.replica_id)?;
    pull_all(store, remote, &mut report)?;
    Ok(report)
}

/// Pushes everything waiting here. A push recorded as pending (sent before a crash, say) goes
/// first, exactly as it was.
fn push_all(store: &mut Store, remote: &mut Remote, replica: &str) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    while let Some(push) = store.desk_next_push(PUSH_BATCH)? {
        let mut blobs = Vec::new();
        for sha in &push.blobs {
            if let Some(b) = store.blob_bytes(sha)? {
                blobs.push((sha.clone(), b));
            }
        }
        let answer = remote.push(&push.id, replica, &push.changes, &blobs)?;
        // For the crash test: the desk has the push, this replica has not heard back.
        #[cfg(debug_assertions)]
        if std::env::var_os("FACTDESK_DESK_CRASH_AFTER_PUSH").is_some() {
            std::process::abort();
        }
        let refused_txns: Vec<i64> = answer.refused.iter().map(|(t, _)| *t).collect();
        let keys: Vec<(String, String)> = push
            .changes
            .iter()
            .filter(|c| refused_txns.contains(&c.txn))
            .map(|c| (c.kind.clone(), c.key.clone()))
            .collect();
        let desk_rows = if keys.is_empty() { Vec::new() } else { remote.rows_of(&keys)? };
        let blob_bytes = fetch_blobs(store, remote, &desk_rows)?;
        store.desk_push_done(&push, &answer.refused, &desk_rows, &blob_bytes)?;
        report.pushed += push.changes.iter().filter(|c| !refused_txns.contains(&c.txn)).count() as u32;
        report.refused.extend(answer.refused.into_iter().map(|(_, why)| why));
    }
    remote.seeded()?;
    Ok(report)
}

/// Pulls every change of the desk this replica has not applied, in the desk's order.
fn pull_all(store: &mut Store, remote: &mut Remote, report: &mut SyncReport) -> Result<()> {
    let mut dangling: Vec<Dangling> = Vec::new();
    let mut cursor = store.desk_link()?.map(|l| l.cursor).unwrap_or_default();
    loop {
        let changes = remote.pull(cursor, PULL_BATCH)?;
        let Some(last) = changes.last().map(|c| c.seq) else { break };
        let blobs = fetch_blobs(store, remote, &changes)?;
        let applied = store.desk_apply(&changes, last, &blobs, &mut dangling)?;
        report.pulled += changes.len() as u32;
        report.conflicts += applied.conflicts as u32;
        report.problems.extend(applied.problems);
        cursor = last;
    }
    report.problems.extend(Store::desk_unsettled(&dangling));
    report.cursor = cursor;
    // The desk answered: this is the last sync, even when it brought nothing.
    store.desk_set_cursor(cursor)?;
    Ok(())
}

/// The desk as this replica knows it, and as the desk says when it can be reached.
pub fn status(store: &Store, access: Access<'_>) -> Result<DeskStatus> {
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    let address = DeskAddress::parse(&link.url)?;
    let answer = Remote::connect(&address, access.password, Some(&link.replica_id)).and_then(|mut r| r.status());
    let mut status = DeskStatus {
        link,
        reachable: false,
        problem: None,
        head: None,
        desk_claims: None,
        schema: None,
        upgrade_pending: false,
        replicas: Vec::new(),
    };
    match answer {
        Err(e) => status.problem = Some(e.to_string()),
        Ok(s) => {
            status.reachable = true;
            status.head = s["head"].as_i64();
            status.desk_claims = s["claims"].as_i64();
            status.schema = s["schema"].as_i64();
            status.upgrade_pending = status.schema.is_some_and(|v| v < DESK_SCHEMA);
            status.replicas = s["replicas"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|r| DeskReplica {
                            id: r["id"].as_str().unwrap_or_default().into(),
                            role: r["role"].as_str().unwrap_or_default().into(),
                            name: r["name"].as_str().unwrap_or_default().into(),
                            last_seen: r["last_seen"].as_str().unwrap_or_default().into(),
                            connected: r["connected"].as_bool().unwrap_or(false),
                        })
                        .collect()
                })
                .unwrap_or_default();
        }
    }
    Ok(status)
}

/// The desk this workspace is on, as the workspace alone knows it (no connection): None when it
/// is not on a desk. Cheap: for a window that polls what waits to be pushed.
pub fn link(store: &Store) -> Result<Option<crate::model::desk::DeskLink>> {
    store.desk_link()
}

/// Hides the notice of a field two checkers edited while apart (it stays in the claim's history).
pub fn dismiss_conflict(store: &mut Store, id: i64) -> Result<()> {
    store.desk_dismiss_conflict(id)
}

/// Leaves the desk: the workspace keeps everything and stops following it. Refused while local
/// changes are not on the desk yet, unless `drop_unsent`.
pub fn leave(store: &mut Store, drop_unsent: bool) -> Result<()> {
    let link = store.desk_link()?.ok_or_else(not_a_replica)?;
    if link.outbox > 0 && !drop_unsent {
        return Err(Error::Conflict(format!(
            "{} change(s) made here are not on the desk yet. Sync first, or leave anyway and they stay only in this file.",
            link.outbox
        )));
    }
    store.desk_unlink()?;
    if let Ok(address) = DeskAddress::parse(&link.url) {
        address.forget_password();
    }
    Ok(())
}

/// Lets a PostgreSQL role work on the desk at `address` (run as the desk's owner).
pub fn grant(address: &str, access: Access<'_>, role: &str, reader_only: bool) -> Result<()> {
    let address = DeskAddress::parse(address)?;
    let mut remote = Remote::connect(&address, access.password, None)?;
    check_schema(&mut remote)?;
    remote.grant(role, reader_only)
}

/// Changes the desk refused and this workspace keeps as drafts; of one claim, or all.
pub fn drafts(store: &Store, claim_uuid: Option<&str>) -> Result<Vec<crate::model::desk::DeskDraft>> {
    store.desk_drafts(claim_uuid)
}

/// Fields edited by two checkers while apart, not dismissed; of one claim, or all.
pub fn conflicts(store: &Store, claim_uuid: Option<&str>) -> Result<Vec<crate::model::desk::DeskConflict>> {
    store.desk_conflicts(claim_uuid)
}

/// A connection that hears the desk say "something changed" (PostgreSQL's LISTEN/NOTIFY), so a
/// replica pulls within moments of another's push instead of polling.
pub struct Listener {
    remote: Remote,
}

impl Listener {
    pub fn open(store: &Store, access: Access<'_>) -> Result<Listener> {
        let link = store.desk_link()?.ok_or_else(not_a_replica)?;
        let address = DeskAddress::parse(&link.url)?;
        let mut remote = Remote::connect(&address, access.password, Some(&format!("{}-listen", link.replica_id)))?;
        remote.listen()?;
        Ok(Listener { remote })
    }

    /// Waits up to `timeout`; true when the desk changed meanwhile.
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<bool> {
        self.remote.wait_for_change(timeout)
    }
}
