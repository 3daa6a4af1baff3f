//! One writer per workspace file, guaranteed by us and not by luck (DESIGN.md, "Data").
//!
//! SQLite coordinates processes with POSIX record locks. Those belong to the *process* and vanish
//! when any code in it closes any descriptor of the file: a GTK file chooser that lists the folder
//! holding the workspace does exactly that. Another process then believes it is alone,
//! checkpoints and deletes the `-wal` file the app is still writing into, and every later save is
//! lost at the next restart. An `flock` belongs to the open file description instead: nobody's
//! `close()` but ours releases it.
//!
//! So every Factdesk process that opens a workspace first takes an `flock` on the workspace file
//! itself, through a descriptor of its own held for as long as the workspace is open: exclusive to
//! write, shared to read. Locking the file itself (not a lock file beside it) leaves nothing to
//! create on read-only media, nothing to go stale and nothing a user can delete while it is held.
//! Closing that descriptor drops the process's POSIX locks on the file too, so it is closed only
//! after every SQLite connection to the file: [`crate::Store`] drops its connection first.
//!
//! While the app holds a workspace, other processes (the CLI, a second launch of the app) ask it
//! through [`handover`]: the app lends the workspace (it closes its connection, keeps the lock on
//! the borrower's behalf and opens the file again when the borrower is done), or brings its window
//! to the front.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub mod handover;

/// What a process means to do with a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads and writes: one holder at a time.
    Write,
    /// Reads only: any number of readers together, never beside a writer; never checkpoints.
    Read,
}

/// Why a process may use the workspace: its own `flock`, or a lease from the app that holds it.
#[derive(Debug)]
pub enum Guard {
    Lock { file: File, access: Access },
    /// The app holds the lock for the borrower while this connection to it stays open.
    Lease(std::os::unix::net::UnixStream),
}

impl Guard {
    /// Takes the lock on `path` if nobody holds it in a conflicting way; `Ok(None)` when somebody
    /// does. A missing file is created (empty: SQLite makes it a database) for [`Access::Write`],
    /// and refused for [`Access::Read`]. A file this process cannot write is only ever read.
    pub fn try_lock(path: &Path, access: Access) -> Result<Option<Guard>> {
        let access = if path.exists() && !writable(path) { Access::Read } else { access };
        let file = open_for_lock(path, access)?;
        let got = match access {
            Access::Write => file.try_lock(),
            Access::Read => file.try_lock_shared(),
        };
        match got {
            Ok(()) => Ok(Some(Guard::Lock { file, access })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(format!("could not lock {}", path.display()), e)),
        }
    }

    /// Whether this guard allows writing.
    pub fn access(&self) -> Access {
        match self {
            Guard::Lock { access, .. } => *access,
            Guard::Lease(_) => Access::Write,
        }
    }

    /// Turns a shared lock into the exclusive one when no other reader holds it (to bring an older
    /// workspace's schema up to date); true when this guard now allows writing.
    pub(crate) fn try_upgrade(&mut self) -> bool {
        match self {
            Guard::Lock { file, access: a @ Access::Read } => {
                if file.try_lock().is_ok() {
                    *a = Access::Write;
                    true
                } else {
                    false
                }
            }
            _ => true,
        }
    }

    /// Back to a shared lock after [`Guard::try_upgrade`].
    pub(crate) fn downgrade(&mut self) {
        if let Guard::Lock { file, access: a @ Access::Write } = self {
            if file.lock_shared().is_ok() {
                *a = Access::Read;
            }
        }
    }
}

/// The error for a workspace held by another process that did not lend it.
pub fn in_use(path: &Path) -> Error {
    let who = holder(path).map(|h| format!(" by {h}")).unwrap_or_default();
    Error::InUse(format!(
        "{} is open{who}. Close it there, or wait for that command to finish, and try again.",
        path.display()
    ))
}

fn open_for_lock(path: &Path, access: Access) -> Result<File> {
    if path.as_os_str().is_empty() {
        return Err(Error::validation("db", "No workspace file was given."));
    }
    if path.is_dir() {
        return Err(Error::Workspace(format!("{} is a folder, not a workspace file", path.display())));
    }
    if !path.exists() {
        if access == Access::Read {
            return Err(Error::Workspace(format!(
                "There is no workspace at {}. Check the path (--db), or create the workspace first.",
                path.display()
            )));
        }
        let dir = parent_of(path);
        if !dir.is_dir() {
            return Err(Error::Workspace(format!(
                "The folder {} does not exist, so no workspace can be made in it. Check the path (--db), or create the folder first.",
                dir.display()
            )));
        }
    }
    let mut opts = OpenOptions::new();
    opts.read(true);
    if access == Access::Write && !path.exists() {
        opts.write(true).create(true);
    }
    opts.open(path).map_err(|e| Error::io(format!("could not open {}", path.display()), e))
}

/// Whether `path` (or, for a new file, its folder) can be written by this process: a workspace
/// needs its folder writable too, for the `-wal` and `-shm` files.
pub(crate) fn writable(path: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let can_write = |p: &Path| {
        // SAFETY: access(2) only reads the NUL-terminated path it is given.
        CString::new(p.as_os_str().as_bytes()).is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
    };
    (!path.exists() || can_write(path)) && can_write(&parent_of(path))
}

/// The folder holding `path` ("." for a bare file name).
pub(crate) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Who holds an `flock` on `path`, from `/proc/locks` (Linux): "factdesk (process 1234)".
pub fn holder(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let me = std::process::id();
    locks.lines().find_map(|line| {
        // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.get(1) != Some(&"FLOCK") || f.contains(&"->") {
            return None;
        }
        let pid: u32 = f.get(4)?.parse().ok()?;
        let mut dev_ino = f.get(5)?.rsplitn(2, ':');
        let ino: u64 = dev_ino.next()?.parse().ok()?;
        if ino != meta.ino() || pid == me {
            return None;
        }
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let name = name.trim();
        Some(if name.is_empty() { format!("process {pid}") } else { format!("{name} (process {pid})") })
    })
}
