//! Every command the window can call is declared four times: registered in `lib.rs`, declared in
//! `build.rs` (so it gets an allow permission), allowed in the main window's capability, and
//! wrapped in the UI's api layer. This test fails when any of the four drifts from the others.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// The identifiers that follow `marker` up to the next non-identifier character.
fn names_after(text: &str, marker: &str) -> BTreeSet<String> {
    text.match_indices(marker)
        .map(|(i, _)| {
            text[i + marker.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn declared() -> BTreeSet<String> {
    let build = read("build.rs");
    let start = build.find("const COMMANDS").expect("build.rs declares COMMANDS");
    let end = start + build[start..].find("];").unwrap();
    names_after(&build[start..end], "\"")
}

#[test]
fn registered_commands_are_declared() {
    let lib = read("src/lib.rs");
    let start = lib.find("generate_handler![").unwrap();
    let end = start + lib[start..].find(']').unwrap();
    let registered: BTreeSet<String> = lib[start..end]
        .split(',')
        .filter_map(|p| p.trim().rsplit("::").next().map(str::to_string))
        .filter(|s| !s.is_empty() && !s.contains('['))
        .collect();
    assert!(!registered.is_empty());
    assert_eq!(registered, declared(), "generate_handler! and build.rs COMMANDS differ");
}

#[test]
fn every_declared_command_is_allowed_in_the_main_window() {
    let cap: serde_json::Value = serde_json::from_str(&read("capabilities/main.json")).unwrap();
    let allowed: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(allowed, declared(), "capabilities/main.json allow entries and build.rs COMMANDS differ");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_ui_api_layer_calls_exactly_the_declared_commands() {
    let api = read("../ui/src/lib/api/index.ts");
    // Every backend call goes through `call('name', …)` or `invoke('name')` in that module.
    let mut called = BTreeSet::new();
    for marker in ["call('", "call(\"", "invoke('", "invoke(\""] {
        called.extend(names_after(&api, marker));
    }
    assert_eq!(called, declared(), "ui/src/lib/api/index.ts and build.rs COMMANDS differ");
}

#[test]
fn the_csp_allows_nothing_remote() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    for (directive, value) in csp.as_object().unwrap() {
        let v = value.as_str().unwrap();
        assert!(!v.contains("http://") || v.contains("ipc.localhost"), "{directive} allows a remote origin: {v}");
        assert!(!v.contains("https:") && !v.contains('*') && !v.contains("unsafe-eval"), "{directive}: {v}");
    }
}
