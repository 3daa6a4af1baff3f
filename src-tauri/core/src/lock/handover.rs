//! How another process asks the app for the workspace it holds: a Unix socket named after the
//! workspace file (its device and inode, so any path or link to the file finds it), in the user's
//! runtime folder. One request a connection, one line each way:
//!
//! - `lend WHO`: the app closes its connection to the workspace and answers `ok`; the borrower
//!   then uses the file as if it held the lock, for as long as it keeps this connection open. The
//!   app keeps the `flock` meanwhile, so nobody else can come between, and opens the workspace
//!   again when the connection closes (the borrower finished, or was killed).
//! - `focus`: a second launch of the app on the same workspace; the app shows its window, answers
//!   `ok`, and the second launch exits.
//!
//! Anything else, or a refusal, is answered `no MESSAGE`.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Guard;
use crate::error::{Error, Result};

/// What another process asks of the holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Lend the workspace to `who` (e.g. "factdesk-cli export (process 1234)").
    Lend { who: String },
    /// Bring the window to the front.
    Focus,
}

/// The socket of the process holding the workspace at `path`.
pub fn socket_path(path: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("could not read {}", path.display()), e))?;
    Ok(runtime_dir().join(format!("w-{}-{}.sock", meta.dev(), meta.ino())))
}

fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d).join("factdesk"),
        _ => {
            let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0);
            std::env::temp_dir().join(format!("factdesk-{uid}"))
        }
    }
}

/// Asks the holder of the workspace at `path`. `Ok(None)` when no holder answers (nobody holds
/// it, the holder is a command, which lends nothing, or it is closing); an error when the holder
/// refused.
pub fn ask(path: &Path, ask: &Ask) -> Result<Option<Guard>> {
    let Ok(sock) = socket_path(path) else { return Ok(None) };
    let Ok(mut stream) = UnixStream::connect(&sock) else { return Ok(None) };
    let line = match ask {
        Ask::Lend { who } => format!("lend {}\n", who.replace('\n', " ")),
        Ask::Focus => "focus\n".to_string(),
    };
    // A holder that goes away meanwhile (it is closing) answers nothing: the asker tries the lock
    // again.
    let mut answer = String::new();
    let asked = stream
        .write_all(line.as_bytes())
        .and_then(|_| stream.try_clone())
        .and_then(|s| BufReader::new(s).read_line(&mut answer));
    if asked.is_err() {
        return Ok(None);
    }
    match answer.trim_end().split_once(' ').unwrap_or((answer.trim_end(), "")) {
        ("ok", _) => Ok(Some(Guard::Lease(stream))),
        ("no", why) => Err(Error::InUse(why.to_string())),
        _ => Ok(None),
    }
}

/// The holder's end: listens for [`Ask`]s about one workspace.
pub struct Listener {
    listener: UnixListener,
    path: PathBuf,
}

/// One request, to be granted or refused.
pub struct Request {
    pub ask: Ask,
    stream: UnixStream,
}

impl Listener {
    /// Listens for the workspace at `path`, which the caller holds locked (so a socket left by a
    /// holder that crashed is stale and is replaced).
    pub fn bind(path: &Path) -> Result<Listener> {
        let sock = socket_path(path)?;
        let dir = super::parent_of(&sock);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("could not create {}", dir.display()), e))?;
        let _ = std::fs::remove_file(&sock);
        let listener =
            UnixListener::bind(&sock).map_err(|e| Error::io(format!("could not listen on {}", sock.display()), e))?;
        Ok(Listener { listener, path: sock })
    }

    /// The next well-formed request (waits for one); None when the socket failed.
    pub fn next(&self) -> Option<Request> {
        loop {
            let (stream, _) = self.listener.accept().ok()?;
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut line = String::new();
            let Ok(mut reader) = stream.try_clone().map(BufReader::new) else { continue };
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let line = line.trim_end();
            let ask = match line.split_once(' ').unwrap_or((line, "")) {
                ("lend", who) => Ask::Lend { who: who.to_string() },
                ("focus", _) => Ask::Focus,
                _ => {
                    let _ = (&stream).write_all(b"no not a Factdesk request\n");
                    continue;
                }
            };
            let _ = stream.set_read_timeout(None);
            return Some(Request { ask, stream });
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Request {
    /// Says yes. For a lend, the caller must have closed its connection to the workspace first
    /// (as [`crate::Store::lend`] does); then [`Request::wait_returned`] blocks until the
    /// borrower is done.
    pub fn grant(&mut self) -> bool {
        self.stream.write_all(b"ok\n").is_ok()
    }

    /// Says no, with the reason the asker prints.
    pub fn refuse(mut self, why: &str) {
        let _ = self.stream.write_all(format!("no {}\n", why.replace('\n', " ")).as_bytes());
    }

    /// Blocks until the borrower closes its end (it finished, or it died).
    pub fn wait_returned(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.stream.read(&mut buf), Ok(n) if n > 0) {}
    }
}
