//! The desk password in the system keyring (issue 14): given once when joining, kept in the
//! Secret Service (a private GNOME Keyring here), used by every later sync, never written to the
//! workspace, and forgotten when the workspace leaves the desk. One test: it owns the process's
//! session bus.

#[path = "common/postgres.rs"]
mod postgres;
#[path = "common/keyring.rs"]
mod keyring;

use factdesk_core::desk::{self, Access};
use factdesk_core::model::ClaimInput;
use factdesk_core::{Error, Store};

#[test]
fn a_password_given_once_lives_in_the_keyring_until_the_workspace_leaves() {
    let _keyring = keyring::TestKeyring::start();
    std::env::remove_var("PGPASSWORD");
    std::env::set_var("PGPASSFILE", "/nonexistent");
    let pg = postgres::TestPostgres::start();
    pg.create_database("desk");
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.factdesk")).unwrap();
    desk::create(&mut a, &pg.admin_url("desk"), Access::default()).unwrap();
    pg.create_role("alice", "alice-secret-1");
    desk::grant(&pg.admin_url("desk"), Access::default(), "alice", false).unwrap();

    let path = dir.path().join("b.factdesk");
    let mut b = Store::open(&path).unwrap();
    let r = desk::join(&mut b, &pg.url_for("alice", "alice-secret-1", "desk"), Access::default()).unwrap();
    assert_eq!(r.password_kept.as_deref(), Some("in the system keyring"));
    b.create_claim(&ClaimInput { text: "Synced with the password from the keyring.".into(), ..Default::default() }).unwrap();
    // No password given, none in the environment or a password file: the keyring has it.
    let r = desk::sync(&mut b, Access::default()).unwrap();
    assert!(r.pushed >= 1, "{r:?}");
    drop(b);
    let bytes = std::fs::read(&path).unwrap();
    let wal = std::fs::read(format!("{}-wal", path.display())).unwrap_or_default();
    for b in [&bytes, &wal] {
        assert!(!String::from_utf8_lossy(b).contains("alice-secret-1"), "the password is not in the workspace");
    }

    // Leaving forgets it: a later join must be told the password again.
    let mut b = Store::open(&path).unwrap();
    desk::leave(&mut b, false).unwrap();
    drop(b);
    let mut c = Store::open(dir.path().join("c.factdesk")).unwrap();
    let url = pg.url_for("alice", "alice-secret-1", "desk");
    let without = url.replace(":alice-secret-1@", "@");
    assert_ne!(url, without);
    match desk::join(&mut c, &without, Access::default()) {
        Err(Error::Conflict(m)) | Err(Error::Network(m)) => assert!(m.contains("password"), "{m}"),
        other => panic!("joined with no password anywhere: {other:?}"),
    }
}
