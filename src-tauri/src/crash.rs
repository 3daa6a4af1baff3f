//! When something goes wrong (issue 16): the log folder, and what a panic does.
//!
//! A panic anywhere (a command, a background thread) writes a crash report into the log folder
//! (what: the panic's message with anything quoted taken out, so no claim text; where: the source
//! line and the thread; the version and the system) and tells the checker in plain words: in the
//! window (`app-problem`, a banner), else in a native message box. The report is written first, so
//! it is there even when the panic ends the app.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tauri::{AppHandle, Emitter, Manager};

static APP: OnceLock<AppHandle> = OnceLock::new();
static LOG_DIR: OnceLock<PathBuf> = OnceLock::new();

/// The identifier in tauri.conf.json: the name of the app's folders.
const IDENTIFIER: &str = "org.factdesk.app";

/// The platform's log folder for Factdesk (`~/.local/share/org.factdesk.app/logs` on Linux), as
/// Tauri and its log plugin name it.
pub fn log_dir(app: &AppHandle) -> PathBuf {
    app.path().app_log_dir().unwrap_or_else(|_| fallback_log_dir())
}

fn fallback_log_dir() -> PathBuf {
    dirs::data_local_dir().unwrap_or_else(std::env::temp_dir).join(IDENTIFIER).join("logs")
}

/// Installs the panic hook (at launch, before anything else runs).
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        let dir = LOG_DIR.get().cloned().unwrap_or_else(fallback_log_dir);
        let report = crash_report(&message, location.as_deref(), &thread, chrono::Utc::now());
        let written = write_report(&dir, &report);
        log::error!("crash in thread {thread} at {}: {}", location.as_deref().unwrap_or("?"), scrub(&message));
        tell(written.as_deref(), &thread);
    }));
}

/// Called once the app is built: the hook may now tell the window, and knows the log folder.
pub fn app_ready(app: &AppHandle) {
    let _ = LOG_DIR.set(log_dir(app));
    let _ = APP.set(app.clone());
}

/// Set by automation (the end-to-end tests) to make a background thread panic a few seconds after
/// launch, so the crash report and the message can be checked in the real window. A test hook,
/// compiled into debug builds only.
#[cfg(debug_assertions)]
pub const TEST_PANIC_ENV: &str = "FACTDESK_TEST_PANIC";

/// Panics in a thread of its own when [`TEST_PANIC_ENV`] is set (debug builds only).
pub fn test_hook() {
    #[cfg(debug_assertions)]
    if std::env::var_os(TEST_PANIC_ENV).is_some() {
        let _ = std::thread::Builder::new().name("test-panic".into()).spawn(|| {
            std::thread::sleep(std::time::Duration::from_secs(3));
            panic!("a test panic over `claim words that must not be reported`");
        });
    }
}

/// What the checker reads.
pub fn plain_message(report: Option<&Path>) -> String {
    let where_ = match report {
        Some(p) => format!(" A report for the people who make Factdesk was written to {}.", p.display()),
        None => String::new(),
    };
    format!(
        "Something went wrong inside Factdesk. What you had saved is safe; what you were doing may not have finished: \
         check it, and restart Factdesk if the window stops answering.{where_}"
    )
}

fn tell(report: Option<&Path>, thread: &str) {
    let Some(app) = APP.get() else { return };
    let message = plain_message(report);
    // The window can say it when the panic was not on its own (main) thread.
    if thread != "main" && app.emit_to("main", "app-problem", &message).is_ok() {
        return;
    }
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    app.dialog().message(message).title("Factdesk").kind(MessageDialogKind::Error).show(|_| {});
}

/// Writes `report` as `crash-YYYYMMDD-HHMMSS-PID.txt` in `dir`; answers its path.
fn write_report(dir: &Path, report: &str) -> Option<PathBuf> {
    std::fs::create_dir_all(dir).ok()?;
    let name = format!("crash-{}-{}.txt", chrono::Utc::now().format("%Y%m%d-%H%M%S"), std::process::id());
    let path = dir.join(name);
    std::fs::write(&path, report).ok()?;
    Some(path)
}

/// The report: what, where, which version. No workspace content: the message is scrubbed.
pub fn crash_report(message: &str, location: Option<&str>, thread: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    let backtrace = std::backtrace::Backtrace::force_capture();
    format!(
        "Factdesk crash report\n\
         version: {}\n\
         system: {} {}\n\
         time: {}\n\
         thread: {thread}\n\
         where: {}\n\
         what: {}\n\
         \n\
         backtrace:\n{backtrace}\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        at.to_rfc3339(),
        location.unwrap_or("unknown"),
        scrub(message),
    )
}

/// The panic's message without what it quotes (a claim's words, a file's content could be there):
/// every quoted or backticked part becomes `…`, and the rest is cut at 300 characters.
pub fn scrub(message: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' | '"' | '“' | '«' => {
                    closing = Some(match c {
                        '“' => '”',
                        '«' => '»',
                        c => c,
                    });
                    out.push('…');
                }
                c => out.push(c),
            },
        }
    }
    if out.chars().count() > 300 {
        out = out.chars().take(300).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_says_what_where_and_which_version_but_no_quoted_text() {
        let msg = "byte index 7 is not a char boundary; it is inside 'é' (bytes 6..8) of `Le ministre a dit que 60 % des écoles`";
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z").unwrap().with_timezone(&chrono::Utc);
        let r = crash_report(msg, Some("core/src/language/tokens.rs:42:9"), "matching-indexer", at);
        assert!(r.contains(&format!("version: {}", env!("CARGO_PKG_VERSION"))), "{r}");
        assert!(r.contains("where: core/src/language/tokens.rs:42:9"));
        assert!(r.contains("thread: matching-indexer"));
        assert!(r.contains("time: 2026-12-07T08:00:00+00:00"));
        assert!(r.contains("what: byte index 7 is not a char boundary"));
        assert!(!r.contains("ministre"), "claim text must not reach the report: {r}");
    }

    #[test]
    fn scrubbing_drops_every_quoted_part_and_long_tails() {
        assert_eq!(scrub(r#"called `Option::unwrap()` on a `None` value"#), "called … on a … value");
        assert_eq!(scrub(r#"no claim "Aid was 60 billion" here"#), "no claim … here");
        assert_eq!(scrub("unterminated `secret words"), "unterminated …");
        assert_eq!(scrub(&"x".repeat(400)).chars().count(), 301);
    }

    #[test]
    fn a_report_is_written_into_the_log_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("logs");
        let path = write_report(&dir, "Factdesk crash report\n").unwrap();
        assert_eq!(path.parent(), Some(dir.as_path()));
        assert!(path.file_name().unwrap().to_string_lossy().starts_with("crash-"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "Factdesk crash report\n");
        assert!(plain_message(Some(&path)).contains(&path.display().to_string()));
    }
}
