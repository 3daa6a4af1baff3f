//! `factdesk-cli desk …` as a checker runs it, against a real PostgreSQL (started by the test),
//! including a client killed in the middle of a push.

#[path = "../../core/tests/common/postgres.rs"]
mod postgres;

use std::path::Path;
use std::process::{Command, Output};

use postgres::TestPostgres;

const DB: &str = "desk";

fn cli(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.arg("--db").arg(db).args(args).env_remove("FACTDESK_DB").env_remove("PGPASSWORD").env("PGPASSFILE", "/nonexistent");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("factdesk-cli runs")
}

#[track_caller]
fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed: {}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn count(pg: &TestPostgres, sql: &str) -> i64 {
    pg.psql(DB, sql).trim().parse().unwrap()
}

#[test]
fn a_desk_from_the_command_line_survives_a_client_killed_mid_push() {
    let pg = TestPostgres::start();
    pg.create_database(DB);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.factdesk"), dir.path().join("b.factdesk"));
    ok(cli(&a, &["demo"], &[]));
    let out = ok(cli(&a, &["desk", "create", &pg.admin_url(DB)], &[]));
    assert!(out.contains("Desk created"), "{out}");
    // The password was used, not kept.
    let stored = std::fs::read(&a).unwrap();
    assert!(!String::from_utf8_lossy(&stored).contains(pg.admin_password()), "the password is not in the workspace");

    pg.create_role("alice", "pw-alice");
    ok(cli(&a, &["desk", "grant", &pg.admin_url(DB), "alice"], &[]));
    ok(cli(&b, &["desk", "join", &pg.url_for("alice", "pw-alice", DB)], &[]));
    let alice = [("PGPASSWORD", "pw-alice")];
    let status: serde_json::Value = serde_json::from_str(&ok(cli(&b, &["desk", "status", "--json"], &alice))).unwrap();
    assert_eq!(status["reachable"], true);
    assert_eq!(status["link"]["role"], "alice");
    assert_eq!(status["link"]["outbox"], 0);
    assert!(status["replicas"].as_array().unwrap().iter().any(|r| r["role"] == "alice"));
    let claims_before = count(&pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims'");

    // Killed inside the desk's transaction: nothing of it lands.
    let text = "Written by alice just before her laptop died.";
    ok(cli(&b, &["claim", "add", "--text", text], &[]));
    let killed = cli(&b, &["desk", "sync"], &[("PGPASSWORD", "pw-alice"), ("FACTDESK_DESK_CRASH_IN_PUSH", "1")]);
    assert!(!killed.status.success());
    let on_desk = format!("SELECT count(*) FROM factdesk.entities WHERE kind = 'claims' AND data->>'text' = '{text}'");
    // The server notices the dropped connection and rolls back; give it a moment.
    for _ in 0..50 {
        if count(&pg, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'alice'") == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(count(&pg, &on_desk), 0, "nothing partial on the desk");
    assert_eq!(count(&pg, "SELECT count(*) FROM factdesk.pushes WHERE role = 'alice'"), 0);

    // Killed after the desk committed, before the replica heard back: sent again, it lands once.
    let killed = cli(&b, &["desk", "sync"], &[("PGPASSWORD", "pw-alice"), ("FACTDESK_DESK_CRASH_AFTER_PUSH", "1")]);
    assert!(!killed.status.success());
    assert_eq!(count(&pg, &on_desk), 1);
    let out = ok(cli(&b, &["desk", "sync"], &alice));
    assert!(out.contains("Synced"), "{out}");
    assert_eq!(count(&pg, &on_desk), 1, "the repeated push changed nothing");
    assert_eq!(count(&pg, "SELECT count(*) FROM factdesk.pushes WHERE role = 'alice'"), 1);
    assert_eq!(
        count(&pg, &format!("SELECT count(*) FROM factdesk.changes WHERE kind = 'claims' AND data->>'text' = '{text}'")),
        1
    );
    assert_eq!(count(&pg, "SELECT count(*) FROM factdesk.entities WHERE kind = 'claims'"), claims_before + 1);
    let status: serde_json::Value = serde_json::from_str(&ok(cli(&b, &["desk", "status", "--json"], &alice))).unwrap();
    assert_eq!(status["link"]["outbox"], 0);

    // The editor's copy gets it once.
    ok(cli(&a, &["desk", "sync"], &[("PGPASSWORD", pg.admin_password())]));
    let list: serde_json::Value =
        serde_json::from_str(&ok(cli(&a, &["claim", "list", "--json", "--search", "laptop died"], &[]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");

    // Without a password anywhere, the checker is told what to do.
    let out = cli(&b, &["desk", "sync"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("password"), "{err}");
}
