//! Importing fact-checks and data files in the window, in two steps: `preview_data_import` asks
//! for the file in the system's open dialog (from Rust: the window never names a path), reads it
//! and runs the import as a dry run, so the checker sees what would happen before anything is
//! written; `commit_data_import` then imports the very bytes that were previewed (kept here under a
//! token, so a file changed on disk in between cannot slip in), in one transaction, or
//! `discard_data_import` forgets them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use factdesk_core::interchange::{self, guess_kind, kind_label, ImportKind, ImportOptions, ImportReport, Wording};
use factdesk_core::model::DataImportPreview;
use factdesk_core::{Error, Result, Store};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::off_thread;
use crate::AppState;

/// Set by automation (the end-to-end tests) to answer the open dialog with this path. A test hook,
/// compiled into debug builds only: a release binary ignores the variable and always shows the dialog.
#[cfg(debug_assertions)]
pub const OPEN_PATH_ENV: &str = "FACTDESK_OPEN_PATH";

/// The open dialog's answer given by automation ([`OPEN_PATH_ENV`]), if any.
#[cfg(debug_assertions)]
pub(crate) fn automated_open_path() -> Option<PathBuf> {
    std::env::var_os(OPEN_PATH_ENV).map(PathBuf::from)
}

/// A release build has no test hooks: the open dialog is always shown.
#[cfg(not(debug_assertions))]
pub(crate) fn automated_open_path() -> Option<PathBuf> {
    None
}

/// Asks for a folder (the system's folder dialog, off the main thread), starting in `start` when
/// given; automation answers with [`automated_open_path`]. `None` when the checker cancelled.
pub(crate) async fn ask_folder(app: &AppHandle, title: &'static str, start: Option<PathBuf>) -> Result<Option<PathBuf>> {
    if let Some(p) = automated_open_path() {
        return Ok(Some(p));
    }
    let dialog_app = app.clone();
    off_thread(move || {
        let mut dialog = dialog_app.dialog().file().set_title(title);
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        Ok(dialog.blocking_pick_folder().and_then(|p| p.into_path().ok()))
    })
    .await
}

/// Larger files are refused before they are read.
pub use factdesk_core::model::limits::MAX_IMPORT_BYTES;

/// The file read for the last preview, until it is imported or discarded. One at a time: a new
/// preview replaces the one before.
#[derive(Default)]
pub struct PendingImport {
    slot: Mutex<Option<Pending>>,
    counter: AtomicU64,
}

#[derive(Clone)]
struct Pending {
    token: String,
    kind: ImportKind,
    bytes: Arc<Vec<u8>>,
}

impl PendingImport {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Pending>> {
        // The slot only holds plain data, so a panic elsewhere cannot leave it half changed.
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `bytes` and answers with the token that names them.
    fn put(&self, kind: ImportKind, bytes: Arc<Vec<u8>>) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let token = format!("imp-{n}-{nanos:x}");
        *self.lock() = Some(Pending { token: token.clone(), kind, bytes });
        token
    }

    fn get(&self, token: &str) -> Result<Pending> {
        match self.lock().as_ref() {
            Some(p) if p.token == token => Ok(p.clone()),
            _ => Err(Error::Conflict(
                "This preview is no longer open (another file was chosen since, or it was already imported). \
                 Choose the file again to see what it would do."
                    .into(),
            )),
        }
    }

    /// Forgets the file named by `token` (nothing if another one has replaced it).
    fn discard(&self, token: &str) {
        let mut slot = self.lock();
        if slot.as_ref().is_some_and(|p| p.token == token) {
            *slot = None;
        }
    }
}

/// A file of `len` bytes named `name` is too large to be an import.
fn too_large(name: &str, len: u64) -> Error {
    Error::validation(
        "file",
        format!("“{name}” is {} MB, too large to be a fact-check file or a Factdesk export. Nothing was imported.", len / (1024 * 1024)),
    )
}

/// Reads the file, refusing a folder, a missing file and one too large to be an import.
pub(crate) fn read_import_file(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("could not open {}", path.display()), e))?;
    if meta.is_dir() {
        return Err(Error::validation("file", format!("“{name}” is a folder: choose a file to import.")));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("could not read {}", path.display()), e))?;
    Ok((name, bytes))
}

/// What importing `bytes` would do; nothing is written.
pub(crate) fn dry_run(store: &mut Store, kind: ImportKind, name: &str, bytes: &[u8]) -> Result<ImportReport> {
    interchange::check_file(kind, bytes, Wording::Window { file_name: name })?;
    interchange::import(store, kind, bytes, ImportOptions { strict: false, dry_run: true })
}

fn pick_file(app: &AppHandle, kind: ImportKind) -> Option<PathBuf> {
    let (filter, exts): (&str, &[&str]) = match kind {
        ImportKind::ClaimReview => ("ClaimReview JSON-LD", &["jsonld", "json"]),
        ImportKind::Json => ("Factdesk JSON", &["json"]),
        ImportKind::Csv => ("CSV", &["csv"]),
    };
    app.dialog()
        .file()
        .set_title(format!("Import {}", kind_label(kind)))
        .add_filter(filter, exts)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a file of `kind` and shows what importing it would do. `None` when the checker
/// cancelled the dialog.
#[tauri::command]
pub async fn preview_data_import(
    app: AppHandle,
    pending: State<'_, PendingImport>,
    kind: ImportKind,
) -> Result<Option<DataImportPreview>> {
    let path = match automated_open_path() {
        Some(p) => Some(p),
        None => {
            let dialog_app = app.clone();
            off_thread(move || Ok(pick_file(&dialog_app, kind))).await?
        }
    };
    let Some(path) = path else { return Ok(None) };
    let (file_name, bytes) = off_thread(move || read_import_file(&path)).await?;
    preview(app, &pending, kind, file_name, bytes).await.map(Some)
}

/// What importing `bytes` would do, kept under a new token for `commit_data_import`.
async fn preview(app: AppHandle, pending: &PendingImport, kind: ImportKind, file_name: String, bytes: Vec<u8>) -> Result<DataImportPreview> {
    let (file_name, bytes, preview) = off_thread(move || {
        let preview = app.state::<AppState>().with(|s| dry_run(s, kind, &file_name, &bytes))?;
        Ok((file_name, bytes, preview))
    })
    .await?;
    let token = pending.put(kind, Arc::new(bytes));
    Ok(DataImportPreview { token, file_name, preview })
}

/// Shows what importing a data file dropped on the window would do: its name and its bytes
/// (base64); the kind is told by its name and first bytes (`.csv`: the claims CSV; `.json`,
/// `.jsonld`: ClaimReview or a Factdesk JSON bundle). Then as `preview_data_import`.
#[tauri::command]
pub async fn preview_dropped_data(
    app: AppHandle,
    pending: State<'_, PendingImport>,
    file_name: String,
    content: String,
) -> Result<DataImportPreview> {
    let bytes = super::dropped_bytes(&file_name, &content)?;
    drop(content);
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(&file_name, bytes.len() as u64));
    }
    let Some(kind) = guess_kind(&file_name, &bytes) else {
        return Err(Error::validation(
            "file",
            format!("“{file_name}” is not a fact-check or data file: Factdesk imports ClaimReview or Factdesk JSON (.json, .jsonld) and the claims CSV (.csv)."),
        ));
    };
    preview(app, &pending, kind, file_name, bytes).await
}

/// Imports the previewed file, all of it in one transaction; `strict` refuses the whole file when
/// any record cannot be used as given. A refused import keeps the file, so it can be tried again.
#[tauri::command]
pub async fn commit_data_import(
    app: AppHandle,
    pending: State<'_, PendingImport>,
    token: String,
    strict: bool,
) -> Result<ImportReport> {
    let p = pending.get(&token)?;
    let bytes = Arc::clone(&p.bytes);
    let report = off_thread(move || {
        app.state::<AppState>().with(|s| interchange::import(s, p.kind, &bytes, ImportOptions { strict, dry_run: false }))
    })
    .await?;
    pending.discard(&token);
    Ok(report)
}

/// Forgets a previewed file without importing anything.
#[tauri::command]
pub async fn discard_data_import(pending: State<'_, PendingImport>, token: String) -> Result<()> {
    pending.discard(&token);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use factdesk_core::interchange::ImportAction;
    use factdesk_core::model::ClaimQuery;

    /// A folder of its own under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
            let p = std::env::temp_dir().join(format!("factdesk-shell-{tag}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const FEED: &str = r#"[
      {"@type": "ClaimReview", "claimReviewed": "The bridge cost 40 million to repair.",
       "url": "https://fc.example/bridge", "author": {"@type": "Organization", "name": "Harbour Checks"},
       "reviewRating": {"@type": "Rating", "alternateName": "False"}},
      {"@type": "ClaimReview", "url": "https://fc.example/empty", "author": {"@type": "Organization", "name": "Harbour Checks"},
       "reviewRating": {"@type": "Rating", "alternateName": "True"}}
    ]"#;

    fn claims(store: &mut Store, words: &str) -> u32 {
        let q = ClaimQuery { search: Some(words.to_string()), status: None, ..Default::default() };
        store.list_claims(&q).unwrap().total
    }

    #[test]
    fn a_preview_writes_nothing_and_the_kept_bytes_import_once() {
        let dir = TempDir::new("preview");
        let mut store = Store::open(&dir.0.join("w.factdesk")).unwrap();
        let file = dir.0.join("feed.jsonld");
        std::fs::write(&file, FEED).unwrap();

        let (name, bytes) = read_import_file(&file).unwrap();
        assert_eq!(name, "feed.jsonld");
        let preview = dry_run(&mut store, ImportKind::ClaimReview, &name, &bytes).unwrap();
        assert!(!preview.written);
        assert_eq!((preview.found, preview.created, preview.skipped), (2, 1, 1));
        let skipped = preview.items.iter().find(|i| i.action == ImportAction::Skip).unwrap();
        assert_eq!(skipped.position, 2);
        assert!(!skipped.reason.is_empty());
        assert_eq!(claims(&mut store, "bridge repair"), 0, "the preview wrote nothing");

        let pending = PendingImport::default();
        let token = pending.put(ImportKind::ClaimReview, Arc::new(bytes));
        // The file changes on disk after the preview: what is imported is what was previewed.
        std::fs::write(&file, "[]").unwrap();
        let p = pending.get(&token).unwrap();
        let report = interchange::import(&mut store, p.kind, &p.bytes, ImportOptions::default()).unwrap();
        pending.discard(&token);
        assert!(report.written);
        assert_eq!(report.created, 1);
        assert_eq!(claims(&mut store, "bridge repair"), 1);
        let Err(again) = pending.get(&token).map(|_| ()) else { panic!("the discarded import is still pending") };
        let again = again.to_string();
        assert!(again.contains("no longer open"), "{again}");
    }

    #[test]
    fn a_newer_preview_replaces_the_older_one() {
        let pending = PendingImport::default();
        let first = pending.put(ImportKind::Csv, Arc::new(b"x".to_vec()));
        let second = pending.put(ImportKind::Json, Arc::new(b"y".to_vec()));
        assert_ne!(first, second);
        assert!(pending.get(&first).is_err());
        pending.discard(&first);
        let kept = pending.get(&second).unwrap();
        assert_eq!((kept.kind, kept.bytes.as_slice()), (ImportKind::Json, &b"y"[..]));
        pending.discard(&second);
        assert!(pending.get(&second).is_err());
    }

    #[test]
    fn files_that_are_not_what_they_claim_are_refused_in_plain_words() {
        let dir = TempDir::new("wrong");
        let mut store = Store::open(&dir.0.join("w.factdesk")).unwrap();
        let csv = b"claim_uuid,text,status\n0190-aa,The bridge cost 40 million,new\n";
        let cases: Vec<(ImportKind, &[u8], &str)> = vec![
            (ImportKind::ClaimReview, b"", "is empty"),
            (ImportKind::Csv, b"  \n", "is empty"),
            (ImportKind::ClaimReview, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
            (ImportKind::Json, b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "not a text file"),
            (ImportKind::ClaimReview, csv, "choose “Claims CSV”"),
            (ImportKind::Csv, FEED.as_bytes(), "JSON, not a CSV"),
            (ImportKind::ClaimReview, br#"{"factdesk_export": 1, "claims": []}"#, "choose “Factdesk JSON bundle”"),
            (ImportKind::Json, FEED.as_bytes(), "choose “ClaimReview JSON-LD”"),
        ];
        for (kind, bytes, expect) in cases {
            let err = dry_run(&mut store, kind, "file.x", bytes).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, Error::Validation { .. }), "{kind:?}: {msg}");
            assert!(msg.contains(expect), "{kind:?} {:?}: {msg}", String::from_utf8_lossy(bytes));
        }
        // JSON that parses but holds no fact-check: the import's own explanation.
        let msg = dry_run(&mut store, ImportKind::ClaimReview, "r.json", br#"{"name": "a recipe"}"#).unwrap_err().to_string();
        assert!(msg.contains("No ClaimReview record"), "{msg}");
        assert_eq!(store.list_claims(&ClaimQuery::default()).unwrap().total, 0);

        let folder = read_import_file(&dir.0).unwrap_err().to_string();
        assert!(folder.contains("is a folder"), "{folder}");
        assert!(read_import_file(&dir.0.join("missing.jsonld")).is_err());
    }
}
