//! The desk in the open window (issue 14): while the workspace is a replica of a desk, a thread
//! keeps it in step with the others, and the window is told what that changed.
//!
//! The thread (`keep_in_sync`) holds a `desk::Listener` (PostgreSQL LISTEN/NOTIFY) and syncs
//! - when the desk says another replica pushed,
//! - when local changes may be waiting (a command of the window ran, or a `factdesk-cli` command
//!   borrowed the workspace): it looks at the outbox at most every 2 s, and syncs when it is not empty,
//! - every 30 s anyway,
//! - at once when the window asks (Sync now) or the workspace joins or leaves a desk.
//!
//! It holds the workspace only for the sync itself (and for a status or the listener's opening,
//! which read the link first), never while it waits. When the desk cannot be reached it tries
//! again after 2, 4, 8 … up to 60 s, first with a connection of its own that does not need the
//! workspace, so an unreachable server never keeps the workspace from the window; meanwhile it
//! keeps the count of changes waiting here current for the window (after local work, at most
//! every 2 s, and only while the desk's refusal comes at once).
//!
//! A sync that pulled, refused or found a conflict emits `workspace-changed` (the window reloads
//! its lists and the open claim); every status it learns goes to the window as `desk-status`
//! (`DeskStatus`, or `null` when the workspace is not on a desk).
//!
//! A password typed in the window is kept here, in memory, for this session only (never in the
//! workspace). `desk::join` itself also keeps the password it is given in the system keyring,
//! where there is one, and `desk::leave` forgets it there: that is the core's.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use factdesk_core::desk::{self, Access};
use factdesk_core::model::desk::{DeskStatus, SyncReport};
use factdesk_core::store::{DeskAddress, Remote};
use factdesk_core::{Error, Result};
use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// How long one wait for the desk's word lasts.
const LISTEN_SLICE: Duration = Duration::from_millis(500);
/// Local changes are looked for at most this often.
const OUTBOX_LOOK: Duration = Duration::from_secs(2);
/// A sync at least this often, whatever was heard.
const SYNC_EVERY: Duration = Duration::from_secs(30);
/// Waits between attempts to reach the desk: doubled from the first to the last.
const BACKOFF_FIRST: Duration = Duration::from_secs(2);
const BACKOFF_LAST: Duration = Duration::from_secs(60);
/// The window says it is ready (it listens for `desk-status` from then on); without that word the
/// thread starts after this long.
const READY_AT_THE_LATEST: Duration = Duration::from_secs(10);
/// Not on a desk: how often to look again anyway (a join is said at once, see `look_again`).
const IDLE_LOOK: Duration = Duration::from_secs(60);

/// A password for the desk, kept in memory for this session. Never printed.
struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// The desk's part of the app's state.
#[derive(Default)]
pub struct DeskSession {
    password: Mutex<Option<Password>>,
    /// Counts the window's commands (and lends): when it moved, local changes may be waiting.
    local_work: AtomicU64,
    /// Asks the thread to look again now: a join, a leave, Sync now, the window ready.
    again: Mutex<bool>,
    woken: Condvar,
    /// The thread hears the desk (its listener is connected).
    following: AtomicBool,
}

impl DeskSession {
    /// The password typed in the window this session, if any.
    pub fn password(&self) -> Option<String> {
        self.password.lock().ok().and_then(|p| p.as_ref().map(|p| p.0.clone()))
    }

    /// Keeps `password` for this session's later syncs (`None` forgets it).
    pub fn keep_password(&self, password: Option<String>) {
        if let Ok(mut p) = self.password.lock() {
            *p = password.map(Password);
        }
    }

    pub fn note_local_work(&self) {
        self.local_work.fetch_add(1, Ordering::Relaxed);
    }

    fn local_work(&self) -> u64 {
        self.local_work.load(Ordering::Relaxed)
    }

    /// Whether the thread is following the desk now (else it waits to try again, or there is none).
    pub fn following(&self) -> bool {
        self.following.load(Ordering::Relaxed)
    }

    /// Wakes the thread: something about the desk changed (joined, left, reachable again).
    pub fn look_again(&self) {
        if let Ok(mut again) = self.again.lock() {
            *again = true;
            self.woken.notify_all();
        }
    }

    /// Whether `look_again` was asked since the last call (and forgets it).
    fn take_again(&self) -> bool {
        self.again.lock().map(|mut a| std::mem::take(&mut *a)).unwrap_or(false)
    }

    /// Sleeps up to `timeout`, less when `look_again` is asked; true when it was.
    fn sleep(&self, timeout: Duration) -> bool {
        let Ok(again) = self.again.lock() else {
            std::thread::sleep(timeout);
            return false;
        };
        match self.woken.wait_timeout_while(again, timeout, |a| !*a) {
            Ok((mut a, _)) => std::mem::take(&mut *a),
            Err(_) => false,
        }
    }

}

/// The desk as it stands (`None`: the workspace is not on a desk). Reaches the desk: on a
/// blocking thread only.
pub fn status(app: &AppHandle) -> Result<Option<DeskStatus>> {
    let state = app.state::<AppState>();
    let password = state.desk.password();
    match state.in_background(|s| desk::status(s, Access { password: password.as_deref() })) {
        Ok(s) if s.reachable => Ok(Some(s)),
        Ok(mut s) => {
            // Why the desk cannot be reached now, in the core's words.
            if let Some(why) = s.problem.clone() {
                s.link.last_error = Some(why);
            }
            Ok(Some(s))
        }
        // The only conflict `status` knows: the workspace is not on a desk.
        Err(Error::Conflict(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Tells the window the desk's status (`null`: not on a desk) and answers it.
pub fn tell_status(app: &AppHandle) -> Option<DeskStatus> {
    match status(app) {
        Ok(s) => {
            let _ = app.emit("desk-status", &s);
            s
        }
        Err(e) => {
            log::warn!("reading the desk's status: {e}");
            None
        }
    }
}

/// Syncs, holding the workspace for the sync only, with `password` if given (else this session's,
/// else the usual places); tells the window what it changed, then the status. Reaches the desk:
/// on a blocking thread only.
pub fn sync_and_tell(app: &AppHandle, password: Option<&str>) -> Result<SyncReport> {
    let state = app.state::<AppState>();
    let kept = state.desk.password();
    let access = Access { password: password.or(kept.as_deref()) };
    let result = state.in_background(|s| desk::sync(s, access));
    match &result {
        Ok(r) => {
            if r.pulled > 0 || r.conflicts > 0 || !r.refused.is_empty() {
                let _ = app.emit("workspace-changed", "the desk");
            }
            for p in &r.problems {
                log::warn!("from the desk, not applied: {p}");
            }
        }
        Err(e) => log::warn!("desk sync: {e}"),
    }
    tell_status(app);
    result
}

/// The waits between attempts to reach the desk.
struct Backoff(Option<Duration>);

impl Backoff {
    fn next(&mut self) -> Duration {
        let d = self.0.map_or(BACKOFF_FIRST, |d| (d * 2).min(BACKOFF_LAST));
        self.0 = Some(d);
        d
    }

    fn reset(&mut self) {
        self.0 = None;
    }
}

/// Starts the desk's thread (see the module's comment).
pub fn keep_in_sync(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("desk-sync".into()).spawn(move || {
        let state = app.state::<AppState>();
        state.desk.sleep(READY_AT_THE_LATEST);
        let mut offline = Offline { backoff: Backoff(None), counted: state.desk.local_work(), fails_fast: true };
        // The status last learnt: offline, its address lets the thread try the desk without the workspace.
        let mut known: Option<DeskStatus> = None;
        loop {
            if let Some(k) = known.as_ref().filter(|k| !k.reachable) {
                let started = Instant::now();
                if let Err(e) = probe(&k.link.url, state.desk.password().as_deref()) {
                    offline.fails_fast = started.elapsed() < FAILS_FAST;
                    let mut k = k.clone();
                    k.link.last_error = Some(e.to_string());
                    let _ = app.emit("desk-status", Some(&k));
                    known = Some(k);
                    offline.wait(&app, &mut known);
                    continue;
                }
            }
            let started = Instant::now();
            known = tell_status(&app);
            let Some(k) = known.as_ref() else {
                // Not on a desk: nothing to do until it joins one.
                state.desk.sleep(IDLE_LOOK);
                continue;
            };
            if state.in_background(|s| Ok(s.is_read_only())).unwrap_or(true) {
                state.desk.sleep(IDLE_LOOK);
                continue;
            }
            if k.reachable {
                let password = state.desk.password();
                match state.in_background(|s| desk::Listener::open(s, Access { password: password.as_deref() })) {
                    Ok(listener) => {
                        offline.backoff.reset();
                        state.desk.following.store(true, Ordering::Relaxed);
                        follow(&app, listener);
                        state.desk.following.store(false, Ordering::Relaxed);
                        // The connection was lost, or the workspace joined or left a desk: look again.
                        known = None;
                        continue;
                    }
                    Err(e) => log::warn!("listening to the desk: {e}"),
                }
            } else {
                offline.fails_fast = started.elapsed() < FAILS_FAST;
            }
            offline.wait(&app, &mut known);
        }
    });
    if let Err(e) = spawned {
        log::warn!("the desk will not sync by itself: {e}");
    }
}

/// A failure to reach the desk quicker than this (refused, no route) will be as quick next time.
const FAILS_FAST: Duration = Duration::from_secs(1);

/// The thread while the desk cannot be reached.
struct Offline {
    backoff: Backoff,
    /// `local_work` when the waiting changes were last counted.
    counted: u64,
    /// Whether the desk's last failure came at once: then the status, which tries the desk while
    /// it holds the workspace, may count what waits; a desk that lets a connection hang (up to
    /// 10 s) is not tried while holding the workspace, and the count waits for the next attempt.
    fails_fast: bool,
}

impl Offline {
    /// Until the next attempt (or a word to look again): keeps the window's count of the
    /// changes waiting here current, looking at most every 2 s, and only after local work.
    fn wait(&mut self, app: &AppHandle, known: &mut Option<DeskStatus>) {
        let state = app.state::<AppState>();
        let until = Instant::now() + self.backoff.next();
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() || state.desk.sleep(left.min(OUTBOX_LOOK)) {
                return;
            }
            let work = state.desk.local_work();
            if work == self.counted || !self.fails_fast {
                continue;
            }
            self.counted = work;
            *known = tell_status(app);
            if known.as_ref().is_none_or(|k| k.reachable) {
                return;
            }
        }
    }
}

/// Whether the desk at `url` answers and takes the password, without the workspace.
fn probe(url: &str, password: Option<&str>) -> Result<()> {
    let address = DeskAddress::parse(url)?;
    Remote::connect(&address, password, None).map(drop)
}

/// Follows the desk while the listener's connection lasts; returns when it is lost, when a sync
/// could not reach the desk, or when asked to look again.
fn follow(app: &AppHandle, mut listener: desk::Listener) {
    let state = app.state::<AppState>();
    let mut seen = state.desk.local_work();
    if matches!(sync_and_tell(app, None), Err(Error::Network(_))) {
        return;
    }
    let mut last_sync = Instant::now();
    let mut last_look = Instant::now();
    loop {
        let heard = match listener.wait(LISTEN_SLICE) {
            Ok(heard) => heard,
            Err(e) => {
                log::warn!("stopped hearing the desk: {e}");
                return;
            }
        };
        if state.desk.take_again() {
            return;
        }
        let mut due = heard || last_sync.elapsed() >= SYNC_EVERY;
        let work = state.desk.local_work();
        if !due && work != seen && last_look.elapsed() >= OUTBOX_LOOK {
            seen = work;
            last_look = Instant::now();
            // The outbox, as the workspace alone knows it (no connection to the desk).
            match state.in_background(|s| desk::link(s)) {
                Ok(Some(l)) if l.outbox > 0 => due = true,
                Ok(Some(_)) => {}
                Ok(None) => return, // it left the desk (by a command that borrowed the workspace)
                Err(e) => log::warn!("reading what waits for the desk: {e}"),
            }
        }
        if due {
            last_sync = Instant::now();
            match sync_and_tell(app, None) {
                Err(Error::Network(_)) => return,
                Err(Error::Conflict(m)) if m.contains("not on a desk") => return,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_again_after_2_4_8_up_to_60_seconds_and_from_2_once_reached() {
        let mut b = Backoff(None);
        let secs: Vec<u64> = (0..7).map(|_| b.next().as_secs()).collect();
        assert_eq!(secs, [2, 4, 8, 16, 32, 60, 60]);
        b.reset();
        assert_eq!(b.next().as_secs(), 2);
    }

    #[test]
    fn a_word_to_look_again_wakes_the_thread_and_is_taken_once() {
        let session = std::sync::Arc::new(DeskSession::default());
        let s = session.clone();
        let waker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            s.look_again();
        });
        let started = Instant::now();
        assert!(session.sleep(Duration::from_secs(30)));
        assert!(started.elapsed() < Duration::from_secs(10));
        waker.join().unwrap();
        assert!(!session.take_again());
        assert!(!session.sleep(Duration::from_millis(10)));
    }

    #[test]
    fn the_password_is_never_printed() {
        let session = DeskSession::default();
        session.keep_password(Some("pw-alice".into()));
        assert_eq!(session.password().as_deref(), Some("pw-alice"));
        assert!(!format!("{:?}", session.password.lock().unwrap()).contains("pw-alice"));
        session.keep_password(None);
        assert_eq!(session.password(), None);
    }
}
