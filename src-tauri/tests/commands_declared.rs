//! Every command the window can call is declared once, in `src/commands/list.rs`. From that list
//! `lib.rs` registers the handlers (a name that is not a `#[tauri::command]` of its module fails to
//! compile) and `build.rs` declares the commands to Tauri and writes the permission set the main
//! window's capability grants; `tests/commands_ts.rs` generates the UI's typed wrappers
//! (`ui/src/lib/api/commands.ts`), so the UI's type check holds its calls to the commands' names and
//! arguments. These tests hold the ends no compiler sees: the capability grants that set and nothing
//! of ours by hand, and the UI's api layer calls every declared command, only through the wrappers.

use std::collections::BTreeSet;

mod common;

use common::{read, DECLARED};

const LIST: &str = "src-tauri/src/commands/list.rs";
const API: &str = "ui/src/lib/api/index.ts";

fn declared() -> BTreeSet<String> {
    DECLARED.iter().map(|(_, name)| name.to_string()).collect()
}

#[test]
fn the_main_window_is_granted_the_declared_commands_and_only_through_the_list() {
    let cap: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: Vec<&str> = cap["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(granted.contains(&"main-window-commands"), "capabilities/main.json must grant `main-window-commands`: {granted:?}");
    let by_hand: Vec<&&str> = granted.iter().filter(|p| !p.contains(':') && **p != "main-window-commands").collect();
    assert!(by_hand.is_empty(), "capabilities/main.json grants {by_hand:?} by hand: add the command to {LIST} instead");

    // What the build made of the list (tauri-build writes the resolved manifests for the CLI).
    let manifests: serde_json::Value = serde_json::from_str(&read("src-tauri/gen/schemas/acl-manifests.json")).unwrap();
    let set = &manifests["__app-acl__"]["permission_sets"]["main-window-commands"]["permissions"];
    let in_set: BTreeSet<String> = set
        .as_array()
        .unwrap_or_else(|| panic!("the build wrote no `main-window-commands` set: {set}"))
        .iter()
        .map(|p| p.as_str().unwrap().strip_prefix("allow-").expect("only allow- entries").replace('-', "_"))
        .collect();
    assert_eq!(in_set, declared(), "the generated permission set and {LIST} differ");
}

/// `claim_uuid` → `claimUuid`: the name of a command's wrapper in `commands.ts`.
fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    for (i, word) in snake.split('_').filter(|w| !w.is_empty()).enumerate() {
        let mut chars = word.chars();
        if i > 0 {
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        }
        out.extend(chars);
    }
    out
}

/// Whether `word` occurs in `text` not as the end of a longer name (`call(` but not `recall(`).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(i, _)| !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.'))
}

#[test]
fn the_ui_api_layer_calls_every_declared_command_through_the_generated_wrappers() {
    let api = read(API);
    for raw in ["invoke(", "invoke<", "call(", "call<"] {
        assert!(
            !has_word(&api, raw),
            "{API} calls `{raw}` itself: call the backend through the generated `commands` (commands.ts), \
             which the type check holds to the commands' names and arguments"
        );
    }
    let unused: Vec<&str> =
        DECLARED.iter().map(|(_, name)| *name).filter(|name| !api.contains(&format!("commands.{}(", camel_case(name)))).collect();
    assert!(unused.is_empty(), "{LIST} declares {unused:?}, which {API} never calls");
}

#[test]
fn the_csp_allows_nothing_remote() {
    let conf: serde_json::Value = serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    for (directive, value) in csp.as_object().unwrap() {
        let v = value.as_str().unwrap();
        assert!(!v.contains("http://") || v.contains("ipc.localhost"), "{directive} allows a remote origin: {v}");
        assert!(!v.contains("https:") && !v.contains('*') && !v.contains("unsafe-eval"), "{directive}: {v}");
    }
}
