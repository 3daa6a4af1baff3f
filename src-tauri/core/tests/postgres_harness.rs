//! The throwaway PostgreSQL the desk's tests run against (tests/common/postgres.rs): it starts,
//! really checks passwords, keeps its data across a stop and a start, and leaves no server and no
//! files behind, whether it is dropped or the test process dies without dropping it.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::postgres::{TestPostgres, ADMIN_ROLE};

/// A running process (not a zombie).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next().map(str::to_string)))
        .is_some_and(|state| state != "Z" && state != "X")
}

/// Processes (not zombies) whose command line mentions `dir`: the postmaster's does (`-D dir/data`).
fn processes_using(dir: &std::path::Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        if pid == std::process::id() || !alive(pid) {
            continue;
        }
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(&needle) {
            found.push(format!("{pid}: {cmdline}"));
        }
    }
    found
}

fn port_free(port: u16) -> bool {
    TcpListener::bind(("127.0.0.1", port)).is_ok()
}

#[test]
fn a_throwaway_server_checks_passwords_survives_a_restart_and_leaves_nothing() {
    let started = Instant::now();
    let pg = TestPostgres::start();
    eprintln!("start (initdb + server): {:?}", started.elapsed());
    let port = pg.port();
    assert!(!port_free(port), "the server listens on its port");
    assert_eq!(pg.admin_url("desk"), format!("postgres://{ADMIN_ROLE}:{}@127.0.0.1:{port}/desk", pg.admin_password()));

    pg.create_database("desk");
    pg.psql("desk", "CREATE TABLE claims (id int PRIMARY KEY, text text NOT NULL); INSERT INTO claims VALUES (1, 'Unemployment fell to 4.1%')");
    // A password with the characters that break naive quoting: in SQL and in a URL.
    let password = "s3cret 'pass' @:/%";
    pg.create_role("checker", password);
    pg.psql("desk", "GRANT SELECT ON claims TO checker");
    assert_eq!(pg.url_for("checker", password, "desk"), format!("postgres://checker:s3cret%20%27pass%27%20%40%3A%2F%25@127.0.0.1:{port}/desk"));

    // The right password is let in, over TCP as Factdesk connects.
    assert_eq!(pg.psql_as("checker", password, "desk", "SELECT current_user, text FROM claims").unwrap(), "checker|Unemployment fell to 4.1%");
    // A wrong one is refused, the superuser's too: TCP is not trusted.
    let refused = pg.psql_as("checker", "not the password", "desk", "SELECT 1").unwrap_err();
    assert!(refused.contains("password authentication failed"), "{refused}");
    let refused = pg.psql_as(ADMIN_ROLE, "not the password", "desk", "SELECT 1").unwrap_err();
    assert!(refused.contains("password authentication failed"), "{refused}");
    // The role has only what it was granted.
    let denied = pg.psql_as("checker", password, "desk", "INSERT INTO claims VALUES (2, 'x')").unwrap_err();
    assert!(denied.contains("permission denied"), "{denied}");
    // A failing statement is an Err for psql_result, and stops the script there.
    let failed = pg.psql_result("desk", "SELECT * FROM no_such_table; INSERT INTO claims VALUES (3, 'y')").unwrap_err();
    assert!(failed.contains("no_such_table"), "{failed}");
    assert_eq!(pg.psql("desk", "SELECT count(*) FROM claims"), "1");

    // Stopped, it refuses connections; started again, on the same port, the data is there.
    let stopping = Instant::now();
    pg.stop();
    eprintln!("stop -m fast: {:?}", stopping.elapsed());
    assert!(!pg.is_running());
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "nothing listens on the port while stopped");
    assert!(pg.psql_result("desk", "SELECT 1").is_err());
    pg.stop(); // stopping a stopped server does nothing
    let starting = Instant::now();
    pg.start_again();
    eprintln!("start again: {:?}", starting.elapsed());
    assert_eq!(pg.port(), port);
    assert_eq!(pg.psql_as("checker", password, "desk", "SELECT text FROM claims WHERE id = 1").unwrap(), "Unemployment fell to 4.1%");
    let restarting = Instant::now();
    pg.restart();
    eprintln!("restart: {:?}", restarting.elapsed());
    assert_eq!(pg.psql("desk", "SELECT count(*) FROM claims"), "1");

    // Dropped: the server process is gone, the port is free, the folder is removed.
    let pid = pg.server_pid().expect("the server's pid");
    assert!(alive(pid));
    let dir = pg.dir().to_path_buf();
    let dropping = Instant::now();
    drop(pg);
    eprintln!("drop (stop -m immediate, remove folder): {:?}", dropping.elapsed());
    assert!(!alive(pid), "the postmaster {pid} is still running");
    assert!(port_free(port), "port {port} is still taken");
    assert!(!dir.exists(), "{} is still there", dir.display());
    assert_eq!(processes_using(&dir), Vec::<String>::new());
}

#[test]
fn servers_run_side_by_side() {
    let (a, b) = (TestPostgres::start(), TestPostgres::start());
    assert_ne!(a.port(), b.port());
    a.create_database("desk");
    b.create_database("desk");
    a.psql("desk", "CREATE TABLE only_in_a (x int)");
    assert!(b.psql_result("desk", "SELECT * FROM only_in_a").is_err());
    // Each has its own random superuser password.
    assert_ne!(a.admin_password(), b.admin_password());
    assert!(b.psql_as(ADMIN_ROLE, a.admin_password(), "desk", "SELECT 1").is_err());
}

#[test]
fn a_panicking_test_leaves_no_server() {
    let server = std::sync::Mutex::new(None);
    let result = std::panic::catch_unwind(|| {
        let pg = TestPostgres::start();
        *server.lock().unwrap() = Some((pg.server_pid().unwrap(), pg.port(), pg.dir().to_path_buf()));
        panic!("a failing assertion, with the server still up");
    });
    assert!(result.is_err());
    let (pid, port, dir) = server.into_inner().unwrap().expect("the server started");
    assert!(!alive(pid), "the server {pid} is still running");
    assert!(port_free(port), "port {port} is still taken");
    assert!(!dir.exists(), "{} is still there", dir.display());
}

const CHILD_ENV: &str = "FACTDESK_PG_HARNESS_CHILD";

/// Run by `a_test_process_that_dies_leaves_no_server` in a process of its own: starts a server,
/// says where it is, and exits without dropping it, as a test killed by Ctrl-C or a timeout does.
#[test]
fn child_that_exits_without_dropping() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let pg = TestPostgres::start();
    println!("SERVER {} {} {}", pg.server_pid().unwrap(), pg.port(), pg.dir().display());
    std::mem::forget(pg);
    std::process::exit(0);
}

#[test]
fn a_test_process_that_dies_leaves_no_server() {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_that_exits_without_dropping", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find_map(|l| l.split_once("SERVER ").map(|(_, rest)| rest)).unwrap_or_else(|| {
        panic!("the child printed no server: {stdout}\n{}", String::from_utf8_lossy(&out.stderr))
    });
    let mut parts = line.splitn(3, ' ');
    let pid: u32 = parts.next().unwrap().parse().unwrap();
    let port: u16 = parts.next().unwrap().parse().unwrap();
    let dir = PathBuf::from(parts.next().unwrap());
    // The watchdog checks every second; stopping and removing takes a moment more.
    let deadline = Instant::now() + Duration::from_secs(15);
    while (alive(pid) || dir.exists()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!alive(pid), "the orphaned server {pid} is still running");
    assert!(!dir.exists(), "{} is still there", dir.display());
    assert!(port_free(port), "port {port} is still taken");
}
