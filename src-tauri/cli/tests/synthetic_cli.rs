//! `factdesk-cli demo --synthetic N`: the demo plus N generated claims, in a real workspace file.

use std::process::Command;

#[test]
fn demo_with_500_synthetic_claims_lists_505() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("scale.factdesk");
    let dbs = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"))
            .args(args)
            .env_remove("FACTDESK_DB")
            .output()
            .expect("factdesk-cli runs");
        assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&["demo", "--synthetic", "500", "--db", dbs]);
    assert!(out.contains("added 500 claims"), "{out}");
    assert!(out.contains("505 claims in all"), "{out}");
    let list: serde_json::Value = serde_json::from_str(&run(&["--db", dbs, "claim", "list", "--json"])).unwrap();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 505);
    assert!(items.iter().all(|c| c["claimant"].is_string()));
    let statuses: std::collections::HashSet<&str> = items.iter().filter_map(|c| c["status"].as_str()).collect();
    assert!(statuses.len() >= 5, "{statuses:?}");
}
