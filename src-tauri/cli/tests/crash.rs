//! kill -9 at random moments (issue 11): imports, exports, backups and restores are killed while
//! they run; afterwards the workspace passes SQLite's `integrity_check`, holds what it held before
//! or what it holds after, never something between, and no stray file is left once the next run
//! of the same command is done. The moments are drawn from a seed printed on failure
//! (`CRASH_SEED=N` repeats a run; `CRASH_KILLS=N` sets the kills per command, 5 by default).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::Store;

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.arg("--db").arg(db).args(args).env_remove("FACTDESK_DB").stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

fn ok(mut cmd: Command) -> Output {
    let o = cmd.output().expect("factdesk-cli runs");
    assert!(o.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Runs `cmd` and kills it with SIGKILL after `after` (if it is still running); true when killed.
fn run_killed(mut cmd: Command, after: Duration) -> bool {
    let mut child = cmd.spawn().expect("factdesk-cli starts");
    let until = Instant::now() + after;
    while Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

/// How long a whole run of `cmd` takes (the window the kills are drawn from).
fn duration_of(cmd: Command) -> Duration {
    let t = Instant::now();
    ok(cmd);
    t.elapsed()
}

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, d: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        d.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// Claims in the workspace, after checking its integrity (opening it as a writer once, which also
/// folds a log left by the killed process back into the file).
fn claims_checked(db: &Path) -> u32 {
    let store = Store::open(db).unwrap();
    assert_eq!(store.check_integrity().unwrap(), "ok", "{} is damaged", db.display());
    store.info().unwrap().claim_count
}

/// The files in `dir` whose names start with `.` (temporary files), and -wal/-shm/-journal files.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.ends_with("-wal") || n.ends_with("-shm") || n.ends_with("-journal"))
        .collect();
    v.sort();
    v
}

struct Setup {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    source: PathBuf,
    bundle: PathBuf,
    backup: PathBuf,
    source_claims: u32,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let source = dir.join("source.factdesk");
    ok(cli(&source, &["demo", "--synthetic", "3000"]));
    let bundle = dir.join("bundle.json");
    ok(cli(&source, &["export", "--format", "json", "--all", "--out", bundle.to_str().unwrap()]));
    let backup = dir.join("source-backup.factdesk");
    ok(cli(&source, &["backup", backup.to_str().unwrap()]));
    let source_claims = claims_checked(&source);
    Setup { _dir: tmp, dir, source, bundle, backup, source_claims }
}

#[test]
fn killed_at_any_moment_nothing_is_half_done_and_nothing_is_left_behind() {
    let seed: u64 = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    let kills: usize = std::env::var("CRASH_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    eprintln!("crash test: seed {seed} (CRASH_SEED={seed} repeats it), {kills} kills per command");
    let mut rng = Rng(seed);
    let s = setup();
    let mut killed_in_flight = 0;

    // Import: one transaction, so the target holds its 5 demo claims or all of them.
    let target = s.dir.join("target.factdesk");
    ok(cli(&target, &["demo"]));
    let before = claims_checked(&target);
    let import = || cli(&target, &["import", "json", s.bundle.to_str().unwrap()]);
    let window = {
        let probe = s.dir.join("probe.factdesk");
        ok(cli(&probe, &["demo"]));
        duration_of(cli(&probe, &["import", "json", s.bundle.to_str().unwrap()]))
    };
    for _ in 0..kills {
        killed_in_flight += run_killed(import(), rng.below(window)) as usize;
        let n = claims_checked(&target);
        assert!(n == before || n == s.source_claims, "import killed: {n} claims, neither {before} nor {}", s.source_claims);
        if n != before {
            break; // it landed before the kill; later kills would find nothing to do
        }
        assert_eq!(leftovers(&s.dir), Vec::<String>::new(), "after an import was killed");
    }

    // Export: the file is the old one (none) or the complete new one; a leftover temporary file
    // goes with the next export to the same name.
    let out = s.dir.join("report.json");
    let export = || cli(&s.source, &["export", "--format", "json", "--all", "--out", out.to_str().unwrap()]);
    let window = duration_of(export());
    let whole = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    for _ in 0..kills {
        killed_in_flight += run_killed(export(), rng.below(window)) as usize;
        if out.exists() {
            let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).expect("a whole JSON file");
            assert_eq!(got["claims"].as_array().map(Vec::len), serde_json::from_slice::<serde_json::Value>(&whole).unwrap()["claims"].as_array().map(Vec::len));
            std::fs::remove_file(&out).unwrap();
        }
    }
    ok(export());
    assert_eq!(leftovers(&s.dir), Vec::<String>::new(), "after the exports were killed and one ran");

    // Backup: the copy is absent or a whole workspace; temporary files go with the next backup.
    let copy = s.dir.join("copy.factdesk");
    let backup = || cli(&s.source, &["backup", copy.to_str().unwrap()]);
    let window = duration_of(backup());
    std::fs::remove_file(&copy).unwrap();
    for _ in 0..kills {
        killed_in_flight += run_killed(backup(), rng.below(window)) as usize;
        if copy.exists() {
            assert_eq!(claims_checked(&copy), s.source_claims);
            std::fs::remove_file(&copy).unwrap();
        }
    }
    ok(backup());
    assert_eq!(claims_checked(&copy), s.source_claims);
    assert_eq!(leftovers(&s.dir), Vec::<String>::new(), "after the backups were killed and one ran");

    // Restore: the workspace is the old one or the backup; the copy of the old one kept beside it
    // is absent or whole, never empty.
    let live = s.dir.join("live.factdesk");
    ok(cli(&live, &["demo"]));
    let old = claims_checked(&live);
    let restore = || cli(&live, &["restore", s.backup.to_str().unwrap()]);
    let window = {
        let probe = s.dir.join("probe2.factdesk");
        ok(cli(&probe, &["demo"]));
        duration_of(cli(&probe, &["restore", s.backup.to_str().unwrap()]))
    };
    for _ in 0..kills {
        killed_in_flight += run_killed(restore(), rng.below(window)) as usize;
        let n = claims_checked(&live);
        assert!(n == old || n == s.source_claims, "restore killed: {n} claims, neither {old} nor {}", s.source_claims);
        for e in std::fs::read_dir(&s.dir).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().contains("live.factdesk.before-restore") && !p.file_name().unwrap().to_string_lossy().starts_with('.') {
                assert_eq!(claims_checked(&p), old, "{} is the whole replaced workspace", p.display());
            }
        }
        if n != old {
            break;
        }
    }
    ok(restore());
    let stray: Vec<String> = leftovers(&s.dir);
    assert_eq!(stray, Vec::<String>::new(), "after the restores were killed and one ran");
    eprintln!("crash test: {killed_in_flight} commands were killed while they ran");
}
