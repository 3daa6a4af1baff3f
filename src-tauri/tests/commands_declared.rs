//! Every command the window can call is declared once, in `src/commands/list.rs`. From that list
//! `lib.rs` registers the handlers (a name that is not a `#[tauri::command]` of its module fails to
//! compile) and `build.rs` declares the commands to Tauri and writes the permission set the main
//! window's capability grants. These tests hold the ends the compiler cannot see: the capability
//! grants that set and nothing of ours by hand, and the UI's api layer calls exactly the declared
//! commands, each with the arguments its Rust function takes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

include!("../src/commands/list.rs");

macro_rules! declared_commands {
    ( $( $module:ident :: $name:ident ),* $(,)? ) => {
        &[ $( (stringify!($module), stringify!($name)) ),* ]
    };
}

/// `(module, command)` for every command of the list.
const DECLARED: &[(&str, &str)] = with_commands!(declared_commands);

const LIST: &str = "src-tauri/src/commands/list.rs";
const API: &str = "ui/src/lib/api/index.ts";

fn read(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn declared() -> BTreeSet<String> {
    DECLARED.iter().map(|(_, name)| name.to_string()).collect()
}

#[test]
fn the_main_window_is_granted_the_declared_commands_and_only_through_the_list() {
    let cap: serde_json::Value = serde_json::from_str(&read("capabilities/main.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: Vec<&str> = cap["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(granted.contains(&"main-window-commands"), "capabilities/main.json must grant `main-window-commands`: {granted:?}");
    let by_hand: Vec<&&str> = granted.iter().filter(|p| !p.contains(':') && **p != "main-window-commands").collect();
    assert!(by_hand.is_empty(), "capabilities/main.json grants {by_hand:?} by hand: add the command to {LIST} instead");

    // What the build made of the list (tauri-build writes the resolved manifests for the CLI).
    let manifests: serde_json::Value = serde_json::from_str(&read("gen/schemas/acl-manifests.json")).unwrap();
    let set = &manifests["__app-acl__"]["permission_sets"]["main-window-commands"]["permissions"];
    let in_set: BTreeSet<String> = set
        .as_array()
        .unwrap_or_else(|| panic!("the build wrote no `main-window-commands` set: {set}"))
        .iter()
        .map(|p| p.as_str().unwrap().strip_prefix("allow-").expect("only allow- entries").replace('-', "_"))
        .collect();
    assert_eq!(in_set, declared(), "the generated permission set and {LIST} differ");
}

/// Where `marker` ends each time it occurs as a whole word (not inside `recall(`).
fn calls_of<'a>(text: &'a str, marker: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(marker)
        .filter(|(i, _)| !text[..*i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(move |(i, _)| i + marker.len())
}

/// The text from the opening bracket at `start` to its closing one, both left out.
fn bracketed(text: &str, start: usize) -> &str {
    let (open, close) = match text[start..].chars().next() {
        Some('(') => ('(', ')'),
        Some('{') => ('{', '}'),
        other => panic!("expected a bracket, found {other:?}"),
    };
    let mut depth = 0;
    for (i, c) in text[start..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &text[start + 1..start + i];
            }
        }
    }
    panic!("unclosed {open} at byte {start}");
}

/// Splits at the commas that are not inside brackets (`<>` counts: these are parameter lists).
fn top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut from) = (Vec::new(), 0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' if !text[..i].ends_with('-') => depth -= 1,
            ',' if depth == 0 => {
                parts.push(text[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[from..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// One backend call in the api layer: the command and the names of the arguments passed.
struct Call {
    command: String,
    args: BTreeSet<String>,
    line: usize,
}

fn api_calls() -> Vec<Call> {
    let api = read(&format!("../{API}"));
    let mut calls = Vec::new();
    for marker in ["call(", "invoke("] {
        for at in calls_of(&api, marker) {
            let line = api[..at].lines().count();
            let rest = &api[at..];
            let quote = rest.chars().next().unwrap();
            if !matches!(quote, '\'' | '"') {
                // The helper's own `invoke<T>(command, args)` does not match `invoke(`; anything
                // else would be a command named at run time, which nothing could check.
                panic!("{API}:{line}: `{marker}` must name its command in quotes, found `{}`", &rest[..rest.len().min(30)]);
            }
            let command: String = rest[1..].chars().take_while(|c| *c != quote).collect();
            let after = rest[1 + command.len() + 1..].trim_start();
            let args = if let Some(more) = after.strip_prefix(',') {
                let more = more.trim_start();
                let start = api.len() - more.len();
                assert!(more.starts_with('{'), "{API}:{line}: pass the arguments of `{command}` as an object literal");
                top_level(bracketed(&api, start))
                    .into_iter()
                    .map(|entry| {
                        assert!(!entry.starts_with("..."), "{API}:{line}: spread arguments of `{command}` cannot be checked");
                        entry.split(':').next().unwrap().trim().trim_matches(['\'', '"']).to_string()
                    })
                    .collect()
            } else {
                assert!(after.starts_with(')'), "{API}:{line}: cannot read the arguments of `{command}`");
                BTreeSet::new()
            };
            calls.push(Call { command, args, line });
        }
    }
    calls
}

#[test]
fn the_ui_api_layer_calls_exactly_the_declared_commands() {
    let calls = api_calls();
    assert!(!calls.is_empty());
    let declared = declared();
    for c in &calls {
        assert!(
            declared.contains(&c.command),
            "{API}:{}: `{}` is not a declared command (see {LIST}); declared: {declared:?}",
            c.line,
            c.command
        );
    }
    let called: BTreeSet<String> = calls.iter().map(|c| c.command.clone()).collect();
    let unused: Vec<&String> = declared.difference(&called).collect();
    assert!(unused.is_empty(), "{LIST} declares {unused:?}, which {API} never calls");
}

/// A parameter of a command as the window names it, and whether it may be left out.
#[derive(Debug)]
struct Param {
    name: String,
    optional: bool,
}

/// Tauri gives these to a command itself; the window does not send them.
fn injected(ty: &str) -> bool {
    let ty = ty.trim_start_matches("tauri::").trim_start_matches("ipc::");
    ["State<", "AppHandle", "Window", "Webview", "WebviewWindow", "Request<", "CommandScope<", "GlobalScope<"]
        .iter()
        .any(|t| ty.starts_with(t))
}

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

/// The `#[tauri::command]` functions of `src/commands/<module>.rs` and the parameters the window passes.
fn commands_of(module: &str) -> BTreeMap<String, Vec<Param>> {
    let src = read(&format!("src/commands/{module}.rs"));
    let mut found = BTreeMap::new();
    for (at, _) in src.match_indices("#[tauri::command") {
        let attr_end = at + src[at..].find(']').unwrap();
        let snake = src[at..attr_end].contains("rename_all = \"snake_case\"");
        let fn_at = attr_end + src[attr_end..].find("fn ").unwrap() + 3;
        let name: String = src[fn_at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let open = fn_at + src[fn_at..].find('(').unwrap();
        let params = top_level(bracketed(&src, open))
            .into_iter()
            .filter_map(|p| {
                let (n, ty) = p.split_once(':').unwrap_or_else(|| panic!("{module}::{name}: cannot read the parameter `{p}`"));
                let n = n.trim().trim_start_matches("mut ").trim();
                let ty = ty.trim();
                (!injected(ty)).then(|| Param {
                    name: if snake { n.to_string() } else { camel_case(n) },
                    optional: ty.starts_with("Option<"),
                })
            })
            .collect();
        found.insert(name, params);
    }
    found
}

#[test]
fn the_ui_passes_each_command_the_arguments_its_function_takes() {
    let mut commands = BTreeMap::new();
    for (module, name) in DECLARED {
        let params = commands_of(module)
            .remove(*name)
            .unwrap_or_else(|| panic!("{LIST}: `{module}::{name}` is not a #[tauri::command] in src/commands/{module}.rs"));
        commands.insert(name.to_string(), (module, params));
    }
    let mut wrong = Vec::new();
    for c in api_calls() {
        let Some((module, params)) = commands.get(&c.command) else { continue };
        let takes: BTreeSet<&str> = params.iter().map(|p| p.name.as_str()).collect();
        for extra in c.args.iter().filter(|a| !takes.contains(a.as_str())) {
            wrong.push(format!("{API}:{}: `{}` passes `{extra}`, which {module}::{} does not take (it takes {takes:?})", c.line, c.command, c.command));
        }
        for missing in params.iter().filter(|p| !p.optional && !c.args.contains(&p.name)) {
            wrong.push(format!("{API}:{}: `{}` leaves out `{}`, which {module}::{} needs", c.line, c.command, missing.name, c.command));
        }
    }
    assert!(wrong.is_empty(), "the UI's arguments and the commands' parameters differ:\n{}", wrong.join("\n"));
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
