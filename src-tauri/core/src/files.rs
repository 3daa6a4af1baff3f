//! Files written whole or not at all: reports, exports and backups go to a temporary file beside
//! their destination, are flushed, and are renamed into place. A temporary file has the name
//! `.NAME.PID.N.tmp`, so one left by a process that was killed while it wrote is recognised (its
//! process is gone) and removed by the next write to the same name.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lock::parent_of;

/// Keeps the matching model folder chosen in Settings in `config/model.json` (None: back to the
/// default), whole or not at all; `paths::load_model_choice` reads it, for the app and the CLI.
pub fn save_model_choice(config: &Path, folder: Option<&Path>) -> Result<()> {
    let choice = crate::paths::ModelFile { folder: folder.map(Path::to_path_buf) };
    let body = serde_json::to_string_pretty(&choice).map_err(|e| Error::io("could not write the choice of model", std::io::Error::other(e)))?;
    std::fs::create_dir_all(config).map_err(|e| Error::io(format!("could not make the settings folder {}", config.display()), e))?;
    write_atomic(&config.join("model.json"), body.as_bytes())
}

/// Writes `bytes` to `path` so that the file is either the old one or the complete new one, never
/// half written: the bytes go to a new temporary file in the same folder (so the rename cannot
/// cross file systems), are flushed to disk, and the temporary file is renamed over `path`. On any
/// failure the temporary file is removed. The file is created like any other (the user's umask
/// applies), not with a temporary file's owner-only permissions, so a report can be shared as usual.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |what: &str, e: std::io::Error| Error::io(format!("could not {what} {}", path.display()), e);
    crate::paths::check_output_path(path)?;
    let (tmp, mut file) = create_temp(path).map_err(|e| io("create a temporary file beside", e))?;
    let cleanup = Cleanup(vec![tmp.clone()]);
    file.write_all(bytes).map_err(|e| io("write", e))?;
    file.sync_all().map_err(|e| io("flush", e))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(|e| io("replace", e))?;
    cleanup.keep();
    sync_dir(&parent_of(path));
    Ok(())
}

/// A new temporary file beside `dest`, never one that exists already.
fn create_temp(dest: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    remove_stale_temps(dest);
    let mut last_err = None;
    for _ in 0..100 {
        let p = temp_beside(dest);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

/// A name for a temporary file beside `dest`: `.NAME.PID.N.tmp`.
pub(crate) fn temp_beside(dest: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let n = nanos.wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed));
    parent_of(dest).join(format!(".{}.{}.{n}.tmp", name_of(dest), std::process::id()))
}

fn name_of(p: &Path) -> String {
    p.file_name().map(OsStr::to_string_lossy).map(|n| n.into_owned()).unwrap_or_default()
}

/// Removes the temporary files beside `dest` (and their SQLite companions) that a process no
/// longer running left: it was killed while it wrote them.
pub(crate) fn remove_stale_temps(dest: &Path) {
    let prefix = format!(".{}.", name_of(dest));
    let Ok(entries) = std::fs::read_dir(parent_of(dest)) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let mut parts = rest.splitn(3, '.');
        let (Some(pid), Some(n), Some(tail)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (Ok(pid), Ok(_)) = (pid.parse::<u32>(), n.parse::<u32>()) else { continue };
        let ours = tail == "tmp" || tail.strip_prefix("tmp-").is_some_and(|s| ["wal", "shm", "journal"].contains(&s));
        if ours && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Flushes the folder's entry for a renamed file, so the new name survives a power cut. Best
/// effort: the file itself is already complete, and some platforms cannot open a folder.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the files it names when dropped, unless [`Cleanup::keep`] was called: temporary files
/// that did not make it into place.
pub(crate) struct Cleanup(pub(crate) Vec<PathBuf>);

impl Cleanup {
    pub(crate) fn keep(mut self) {
        self.0.clear();
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}
