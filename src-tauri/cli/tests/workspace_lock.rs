//! One writer per workspace, whatever else runs (issue 11): the real CLI binary against a workspace
//! this test process holds open the way the app does, after the process's own SQLite locks were
//! dropped the way a GTK file chooser drops them (by opening and closing the file).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::lock::handover::Listener;
use factdesk_core::model::ClaimInput;
use factdesk_core::Store;

fn cli_cmd(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.arg("--db").arg(db).args(args).env_remove("FACTDESK_DB");
    cmd
}

fn cli(db: &Path, args: &[&str]) -> Output {
    cli_cmd(db, args).output().expect("factdesk-cli runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed ({}): {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn claim(store: &mut Store, text: &str) -> String {
    store.create_claim(&ClaimInput { text: text.into(), ..ClaimInput::default() }).unwrap().uuid
}

fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// What the GTK file chooser does to the app: opens and closes the workspace file, which drops
/// every POSIX lock this process held on it (SQLite's included).
fn drop_posix_locks(db: &Path) {
    drop(std::fs::File::open(db).unwrap());
}

/// Waits (at most 30 s) for `child` to exit, and answers its output.
fn finish(mut child: Child) -> Output {
    let until = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < until, "the command never finished");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_command_never_deletes_the_log_of_a_workspace_that_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.factdesk");
    let mut store = Store::open(&db).unwrap();
    claim(&mut store, "A claim saved before the file dialog opened.");
    drop_posix_locks(&db);
    assert!(wal(&db).exists());

    // Held by a process that lends nothing (like another command): the CLI waits, touching nothing.
    let mut child = cli_cmd(&db, &["info"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().unwrap().is_none(), "info must wait while another process holds the workspace");
    assert!(wal(&db).exists(), "the write-ahead log the holder writes into is still there");
    let later = claim(&mut store, "A claim saved while the command waited.");
    drop(store);

    let out = finish(child);
    let text = ok(&out);
    assert!(text.contains("claims:    2"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is in use") && err.contains("waiting"), "says why it waits: {err}");
    let listed = ok(&cli(&db, &["claim", "list", "--json"]));
    assert!(listed.contains(&later), "every save survived: {listed}");
}

#[test]
fn the_app_lends_its_workspace_to_a_command_and_sees_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lent.factdesk");
    let mut store = Store::open(&db).unwrap();
    claim(&mut store, "Saved in the window before the command.");
    drop_posix_locks(&db);

    // The app's side (src-tauri/src/lib.rs): listen, and lend on request.
    let listener = Listener::bind(&db).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let app = std::thread::spawn(move || {
        let mut store = Some(store);
        for _ in 0..3 {
            let request = listener.next().unwrap();
            store = Some(store.take().unwrap().lend(request).unwrap());
            tx.send(()).unwrap();
        }
        store.unwrap()
    });

    let info = ok(&cli(&db, &["info"]));
    assert!(info.contains("claims:    1"), "{info}");
    rx.recv().unwrap();
    let added = ok(&cli(&db, &["claim", "add", "--text", "Added by a command while the window was open."]));
    rx.recv().unwrap();
    let listed = ok(&cli(&db, &["claim", "list", "--json"]));
    assert!(listed.contains(added.trim()));
    rx.recv().unwrap();

    let mut store = app.join().unwrap();
    assert_eq!(store.info().unwrap().claim_count, 2, "the window sees the command's claim");
    claim(&mut store, "Saved in the window after the command.");
    drop(store);
    assert_eq!(Store::open(&db).unwrap().info().unwrap().claim_count, 3, "nothing lost after a restart");
}

#[test]
fn a_second_opener_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("one.factdesk");
    let _held = Store::open(&db).unwrap();
    let err = Store::open(&db).unwrap_err();
    assert_eq!(err.kind(), "Conflict");
    assert!(err.to_string().contains("is open"), "{err}");
    assert!(Store::open_read_only(&db).is_err(), "not even a reader beside a writer");
}

#[test]
fn readers_share_and_never_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("read.factdesk");
    ok(&cli(&db, &["claim", "add", "--text", "One claim to read back."]));
    let a = Store::open_read_only(&db).unwrap();
    let b = Store::open_read_only(&db).unwrap();
    assert_eq!(a.info().unwrap().claim_count, 1);
    assert!(b.info().unwrap().read_only);
    let err = Store::open(&db).unwrap_err();
    assert_eq!(err.kind(), "Conflict", "no writer beside readers: {err}");
    drop((a, b));
    let mut w = Store::open(&db).unwrap();
    claim(&mut w, "Written after the readers left.");
}

#[test]
fn reading_commands_refuse_a_workspace_that_does_not_exist_and_nothing_makes_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.factdesk");
    for args in [&["info"][..], &["claim", "list"], &["export", "--format", "json", "--all", "--out", "-"]] {
        let out = cli(&missing, args);
        assert!(!out.status.success(), "{args:?} succeeded on a missing workspace");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("There is no workspace at"), "{args:?}: {err}");
    }
    assert!(!missing.exists(), "reading made no file");

    let typo = dir.path().join("no-such-folder").join("w.factdesk");
    let out = cli(&typo, &["claim", "add", "--text", "Into a folder that is not there."]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!typo.parent().unwrap().exists(), "the mistyped folder was not created");

    let db = dir.path().join("w.factdesk");
    ok(&cli(&db, &["claim", "add", "--text", "A claim to back up and export."]));
    for args in [
        vec!["backup".to_string(), dir.path().join("gone/b.factdesk").display().to_string()],
        vec!["export".into(), "--format".into(), "json".into(), "--all".into(), "--out".into(), dir.path().join("gone/e.json").display().to_string()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(&db, &args);
        assert!(!out.status.success(), "{args:?} wrote into a missing folder");
        assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(!dir.path().join("gone").exists());
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pipe.factdesk");
    ok(&cli(&db, &["demo", "--synthetic", "300"]));
    let mut child = cli_cmd(&db, &["claim", "list"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take()); // `| head` has read enough and gone
    let out = finish(child);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "no panic exit: {:?}", out.status);
}

/// As root every file is writable, so the read-only case runs the CLI as `nobody`.
fn as_unprivileged(mut cmd: Command) -> Option<Command> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(cmd);
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        return None;
    }
    let mut wrapped = Command::new("setpriv");
    wrapped.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(cmd.get_program()).args(cmd.get_args());
    cmd = wrapped;
    Some(cmd)
}

#[test]
fn a_read_only_workspace_can_be_read_but_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.factdesk");
    ok(&cli(&db, &["claim", "add", "--text", "A claim in a workspace that becomes read-only."]));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = |args: &[&str]| as_unprivileged(cli_cmd(&db, args)).map(|mut c| c.output().unwrap());
    let Some(info) = run(&["info"]) else {
        eprintln!("skipped: running as root without setpriv, so no file is read-only to this test");
        return;
    };
    assert!(ok(&info).contains("claims:    1"));
    assert!(ok(&run(&["claim", "list", "--json"]).unwrap()).contains("becomes read-only"));
    assert!(ok(&run(&["export", "--format", "md", "--all", "--out", "-"]).unwrap()).contains("becomes read-only"));
    let add = run(&["claim", "add", "--text", "Refused."]).unwrap();
    assert!(!add.status.success());
    assert!(String::from_utf8_lossy(&add.stderr).contains("read-only"), "{}", String::from_utf8_lossy(&add.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["ro.factdesk".to_string()], "reading left no file behind");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}
