//! A throwaway PostgreSQL server for tests and demos (issue 14, "the desk": several checkers share
//! one workspace through PostgreSQL). Each `TestPostgres` is a real server of its own, in a temp
//! folder, on a free port of 127.0.0.1, so tests can run side by side and never touch a
//! PostgreSQL the machine already runs. It is removed, server and files, when dropped.
//!
//! Passwords are really checked: local (unix socket) connections are trusted, but every TCP
//! connection, which is how Factdesk connects, must give its password (SCRAM-SHA-256), so a test
//! can show that a wrong password is refused. The superuser is `factdesk_admin`, with a random
//! password.
//!
//! PostgreSQL must be installed (`scripts/deps.sh test`, which `make test` runs): a test that
//! needs it fails saying so rather than being skipped, so a machine without it cannot pass the
//! desk's tests by not running them.
//!
//! Only std and `tempfile` (a dev-dependency of every crate), so the CLI's tests can include this
//! file as it is: `#[path = "../../core/tests/common/postgres.rs"] mod postgres;`.
#![allow(dead_code)]

use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The superuser's name, in every throwaway server.
pub const ADMIN_ROLE: &str = "factdesk_admin";

/// How long a server may take to start before the test fails (a loaded CI machine, not a
/// normal start, which takes well under a second).
const READY_TIMEOUT: Duration = Duration::from_secs(30);

const NOT_INSTALLED: &str = "PostgreSQL is not installed: run scripts/deps.sh test (make test does)";

/// PostgreSQL's programs, server and client. Debian keeps them out of PATH, in
/// /usr/lib/postgresql/VERSION/bin (its /usr/bin/psql is a wrapper script), so they are looked
/// for where `pg_config --bindir` says, then in the newest /usr/lib/postgresql/*/bin, then in
/// PATH.
struct Binaries {
    initdb: PathBuf,
    pg_ctl: PathBuf,
    psql: PathBuf,
    pg_isready: PathBuf,
}

impl Binaries {
    fn find() -> Binaries {
        let has_server = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
        let mut bindir = None;
        // pg_config may come from a newer libpq than the server installed (a client-only bindir),
        // so its answer counts only if the server's programs are there.
        if let Ok(out) = Command::new("pg_config").arg("--bindir").stderr(Stdio::null()).output() {
            let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if out.status.success() && has_server(&dir) {
                bindir = Some(dir);
            }
        }
        if bindir.is_none() {
            let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|entry| {
                    let version = entry.file_name().to_string_lossy().split('.').map(|n| n.parse().ok()).collect::<Option<Vec<u32>>>()?;
                    let dir = entry.path().join("bin");
                    has_server(&dir).then_some((version, dir))
                })
                .collect();
            versions.sort();
            bindir = versions.pop().map(|(_, dir)| dir);
        }
        if bindir.is_none() {
            bindir = in_path("initdb").and_then(|initdb| initdb.parent().map(Path::to_path_buf)).filter(|dir| has_server(dir));
        }
        let tool = |name: &str| -> PathBuf {
            bindir
                .as_ref()
                .map(|dir| dir.join(name))
                .filter(|path| path.is_file())
                .or_else(|| in_path(name))
                .unwrap_or_else(|| panic!("{NOT_INSTALLED} ({name} not found)"))
        };
        Binaries { initdb: tool("initdb"), pg_ctl: tool("pg_ctl"), psql: tool("psql"), pg_isready: tool("pg_isready") }
    }
}

fn in_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|path| path.is_file())
}

/// A PostgreSQL server of its own for one test: started by `start`, removed on drop.
///
/// The temp folder holds the data folder (`data/`), the superuser's password file given to
/// initdb, the server's log (`server.log`) and its unix socket, so nothing goes anywhere else.
pub struct TestPostgres {
    bins: Binaries,
    /// initdb refuses to run as root, and the server with it, so when the tests run as root (in
    /// containers, CI) the server's programs run as the `postgres` system user, which owns the
    /// temp folder. The client, psql, runs as whoever runs the test.
    as_postgres: bool,
    port: u16,
    password: String,
    /// Stops the server and removes the folder if this test process dies without dropping the
    /// server: killed by Ctrl-C or a test runner's timeout (pg_ctl detaches the server from the
    /// terminal, so a signal to the tests would not reach it), or kept in a `static`, which is
    /// never dropped. Killed by `Drop`, which does that work itself.
    watchdog: Option<Child>,
    dir: tempfile::TempDir,
}

impl TestPostgres {
    /// A new server: initdb in a temp folder, then started on a free port of 127.0.0.1 and
    /// waited for until it accepts connections. Panics if PostgreSQL is not installed or does
    /// not start, with what initdb said or the end of the server's log.
    pub fn start() -> TestPostgres {
        let bins = Binaries::find();
        let as_postgres = running_as_root();
        if as_postgres && !Command::new("id").arg("postgres").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success()) {
            panic!("{NOT_INSTALLED} (running as root, and there is no `postgres` system user to run the server as)");
        }
        let dir = tempfile::Builder::new().prefix("factdesk-pg-").tempdir().expect("create a temp folder for PostgreSQL");
        let password = random_hex(16);
        let pwfile = dir.path().join("pwfile");
        std::fs::write(&pwfile, format!("{password}\n")).expect("write the password file");
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status();
            assert!(status.is_ok_and(|s| s.success()), "chown {} to postgres failed", dir.path().display());
        }
        let mut pg = TestPostgres { bins, as_postgres, port: 0, password, watchdog: None, dir };
        let data = pg.data_dir();
        // --no-sync: nothing here must survive a power cut, and syncing is most of initdb's time.
        let out = pg
            .server_command(&pg.bins.initdb)
            .arg("-D")
            .arg(&data)
            .args(["-U", ADMIN_ROLE, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .expect("run initdb");
        if !out.status.success() {
            panic!("initdb failed ({}):\n{}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        }
        let mut conf = std::fs::OpenOptions::new().append(true).open(data.join("postgresql.conf")).expect("open postgresql.conf");
        writeln!(conf, "\ninclude 'factdesk.conf'").expect("append to postgresql.conf");
        drop(conf);
        pg.watchdog = pg.spawn_watchdog();

        // The free port is found by binding port 0 and letting it go, so another process can take
        // it before the server binds it: then a new port is tried.
        for attempt in 1.. {
            pg.port = free_port();
            pg.write_settings();
            let log_before = pg.log().len();
            match pg.try_start() {
                Ok(()) => break,
                Err(why) => {
                    let log = pg.log();
                    let new_log = log.get(log_before..).unwrap_or(&log);
                    if attempt < 5 && (new_log.contains("could not bind") || new_log.contains("already in use")) {
                        continue;
                    }
                    panic!("PostgreSQL did not start on port {}: {why}\n{}", pg.port, pg.log_tail());
                }
            }
        }
        pg
    }

    /// The TCP port on 127.0.0.1; the same after `restart`.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The superuser's (`factdesk_admin`) password.
    pub fn admin_password(&self) -> &str {
        &self.password
    }

    /// `postgres://factdesk_admin:PASSWORD@127.0.0.1:PORT/db`.
    pub fn admin_url(&self, db: &str) -> String {
        self.url_for(ADMIN_ROLE, &self.password, db)
    }

    /// The address a client connects with as `role`; the role and password are percent-encoded,
    /// so any password works.
    pub fn url_for(&self, role: &str, password: &str, db: &str) -> String {
        format!("postgres://{}:{}@127.0.0.1:{}/{}", percent_encode(role), percent_encode(password), self.port, percent_encode(db))
    }

    /// The temp folder (data folder, log, socket).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Everything the server has logged so far, every start included.
    pub fn log(&self) -> String {
        std::fs::read(self.dir.path().join("server.log")).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    /// Creates an empty database (owned by the superuser).
    pub fn create_database(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE {}", quote_ident(name)));
    }

    /// Creates a role that can log in with `password` (and nothing more: grants are the test's).
    pub fn create_role(&self, name: &str, password: &str) {
        self.psql("postgres", &format!("CREATE ROLE {} LOGIN PASSWORD {}", quote_ident(name), quote_literal(password)));
    }

    /// Runs `sql` (one or more statements) as the superuser over TCP and returns what it printed:
    /// unaligned, tuples only (`-tA`: one row a line, columns separated by `|`), without the last
    /// newline. Panics with psql's error if a statement fails.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        self.psql_result(db, sql).unwrap_or_else(|err| panic!("psql failed on database {db}: {err}\nSQL: {sql}"))
    }

    /// `psql`, for tests that expect a failure: psql's error message when a statement fails.
    pub fn psql_result(&self, db: &str, sql: &str) -> Result<String, String> {
        self.psql_as(ADMIN_ROLE, &self.password, db, sql)
    }

    /// `psql_result` as another role, with a password that may be wrong (then Err says so:
    /// "password authentication failed for user ...").
    pub fn psql_as(&self, role: &str, password: &str, db: &str, sql: &str) -> Result<String, String> {
        let mut cmd = Command::new(&self.bins.psql);
        // Whatever PG* variables the developer has set (a PGHOSTADDR, a PGSERVICE) must not
        // redirect the tests to another server.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("PG") {
                cmd.env_remove(key);
            }
        }
        // -X: no ~/.psqlrc; -w: never prompt for a password; the SQL comes on stdin so that each
        // statement runs on its own and ON_ERROR_STOP stops at the first that fails.
        cmd.args(["-X", "-q", "-w", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .args(["-U", role, "-d", db, "-f", "-"])
            .env("PGPASSWORD", password)
            .env("PGCONNECT_TIMEOUT", "10")
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("run psql");
        let mut stdin = child.stdin.take().unwrap();
        let sql = sql.to_string();
        // Written from another thread, so a long script cannot block on psql's output filling its pipe.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(sql.as_bytes());
        });
        let out = child.wait_with_output().expect("wait for psql");
        let _ = writer.join();
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches('\n').to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }

    /// Whether the server is running (`pg_ctl status`).
    pub fn is_running(&self) -> bool {
        self.pg_ctl(&["status"]).output().is_ok_and(|out| out.status.success())
    }

    /// The server's (postmaster's) process id while it runs, from `postmaster.pid`.
    pub fn server_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.data_dir().join("postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }

    /// Stops the server as an administrator would (`pg_ctl stop -m fast`: open connections are
    /// ended, the data is written out), keeping its data and port for `start_again`. For tests of
    /// what clients do when the server goes away. Does nothing if it is already stopped.
    pub fn stop(&self) {
        if !self.is_running() {
            return;
        }
        let out = self.pg_ctl(&["stop", "-m", "fast", "-w", "-t", "30"]).output().expect("run pg_ctl stop");
        if !out.status.success() {
            panic!("pg_ctl stop failed: {}\n{}", output_text(&out), self.log_tail());
        }
    }

    /// Starts a stopped server again, with the same data and port, and waits until it accepts
    /// connections. Does nothing more than wait if it is running.
    pub fn start_again(&self) {
        if self.is_running() {
            if let Err(why) = self.wait_ready() {
                panic!("PostgreSQL is not accepting connections: {why}\n{}", self.log_tail());
            }
            return;
        }
        if let Err(why) = self.try_start() {
            panic!("PostgreSQL did not start again on port {}: {why}\n{}", self.port, self.log_tail());
        }
    }

    /// `stop`, then `start_again`.
    pub fn restart(&self) {
        self.stop();
        self.start_again();
    }

    fn try_start(&self) -> Result<(), String> {
        let log = self.dir.path().join("server.log");
        let timeout = READY_TIMEOUT.as_secs().to_string();
        let out = self
            .pg_ctl(&["start", "-w", "-t", &timeout])
            .arg("-l")
            .arg(&log)
            .output()
            .map_err(|e| format!("could not run pg_ctl: {e}"))?;
        if !out.status.success() {
            return Err(format!("pg_ctl start failed: {}", output_text(&out)));
        }
        self.wait_ready()
    }

    /// Waits until pg_isready says the server accepts connections over TCP, as clients connect
    /// (pg_ctl -w has already waited for the server to say so; this checks it from outside).
    fn wait_ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let out = Command::new(&self.bins.pg_isready)
                .args(["-q", "-h", "127.0.0.1", "-t", "2", "-p"])
                .arg(self.port.to_string())
                .current_dir(self.dir.path())
                .output()
                .map_err(|e| format!("could not run pg_isready: {e}"))?;
            if out.status.success() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("not accepting connections after {}s (pg_isready exit {})", READY_TIMEOUT.as_secs(), out.status));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The settings the tests rely on, in their own file included from postgresql.conf, rewritten
    /// when a new port is tried. TCP on 127.0.0.1 only, the socket in the temp folder (not
    /// /var/run/postgresql, which the system server uses), no fsync (a test's data need not survive
    /// a power cut, and fsync is most of a small server's write time).
    fn write_settings(&self) {
        let settings = format!(
            "listen_addresses = '127.0.0.1'\n\
             port = {port}\n\
             unix_socket_directories = '{socket}'\n\
             max_connections = 100\n\
             fsync = off\n\
             synchronous_commit = off\n\
             full_page_writes = off\n\
             logging_collector = off\n",
            port = self.port,
            socket = self.dir.path().display().to_string().replace('\'', "''"),
        );
        std::fs::write(self.data_dir().join("factdesk.conf"), settings).expect("write factdesk.conf");
    }

    /// `pg_ctl ARGS -D data -s`, as the server's user.
    fn pg_ctl(&self, args: &[&str]) -> Command {
        let mut cmd = self.server_command(&self.bins.pg_ctl);
        cmd.args(args).arg("-D").arg(self.data_dir()).arg("-s");
        cmd
    }

    /// A command for one of the server's programs: as the `postgres` user when running as root,
    /// in the temp folder (the test's own folder may be closed to that user).
    fn server_command(&self, program: &Path) -> Command {
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        };
        cmd.current_dir(self.dir.path()).stdin(Stdio::null()).env("LC_ALL", "C");
        cmd
    }

    /// The watchdog (see the field): a shell loop, in its own process group so that a Ctrl-C or a
    /// test runner's kill of the tests' group does not take it too, that checks every second
    /// whether this process still runs and the folder still exists.
    fn spawn_watchdog(&self) -> Option<Child> {
        use std::os::unix::process::CommandExt;
        const SCRIPT: &str = r#"
trap '' INT TERM HUP
while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
[ -d "$2" ] || exit 0
if [ "$4" = 1 ]; then
  runuser -u postgres -- "$3" stop -D "$2/data" -m immediate -w -t 10 -s
else
  "$3" stop -D "$2/data" -m immediate -w -t 10 -s
fi
rm -rf "$2"
"#;
        Command::new("sh")
            .args(["-c", SCRIPT, "factdesk-pg-watchdog"])
            .arg(std::process::id().to_string())
            .arg(self.dir.path())
            .arg(&self.bins.pg_ctl)
            .arg(if self.as_postgres { "1" } else { "0" })
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .ok()
    }

    fn log_tail(&self) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n");
        format!("--- end of {} ---\n{tail}", self.dir.path().join("server.log").display())
    }
}

impl Drop for TestPostgres {
    /// Stops the server at once (`-m immediate`: nothing to keep), makes sure its process is gone,
    /// then the temp folder goes with `dir`. Runs when a test panics too.
    fn drop(&mut self) {
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
        let pid = self.server_pid();
        let _ = self.pg_ctl(&["stop", "-m", "immediate", "-w", "-t", "10"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
        // A server pg_ctl could not stop (its pid file gone or unreadable) must not outlive the
        // test, holding the port and a deleted folder.
        if let Some(pid) = pid.filter(|&pid| process_alive(pid)) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).stderr(Stdio::null()).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while process_alive(pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// A running process (a zombie, dead but not yet reaped by its parent, does not count).
fn process_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses and may contain spaces.
        Ok(stat) => stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next()).is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// A port nobody listens on now: the one the system gives to a socket bound to port 0.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|l| l.local_addr()).expect("bind a free port on 127.0.0.1").port()
}

fn random_hex(bytes: usize) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).expect("read /dev/urandom");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn output_text(out: &Output) -> String {
    format!("{} {}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)).trim().to_string()
}

/// A name for SQL: `"name"`, with any `"` doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string for SQL: `'text'`, with any `'` doubled (standard_conforming_strings is on).
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// For a URL's user, password and path: everything but letters, digits and `-._~` as %XX.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
