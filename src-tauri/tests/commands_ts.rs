//! Generates `ui/src/lib/api/commands.ts`, one typed wrapper per command of `src/commands/list.rs`,
//! so that a misspelt command or argument in the UI fails its type check (`npm run build`) rather
//! than at run time. The test `commands_ts_is_current` fails when the checked-in file differs; run
//! `make bindings` (or `UPDATE_BINDINGS=1` with this test) to regenerate it.
//!
//! How: the list gives `module::command`; each command's function in `src/commands/<module>.rs` is
//! parsed with `syn`. Parameters Tauri fills in itself (`State`, `AppHandle`, …) are left out, the
//! others are named as Tauri reads them (camelCase unless `rename_all = "snake_case"`), and their
//! Rust types become TypeScript types: the model's types by their own names (ts-rs writes them into
//! `types.ts`), the standard ones as serde sends them. A type it does not know fails the test
//! instead of becoming `any`. `Result<T>` answers `Promise<T>`; `()` arrives as `null`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use syn::{FnArg, GenericArgument, Item, ItemFn, Pat, PathArguments, ReturnType, Type};

mod common;

use common::{read, root, DECLARED};

const OUT: &str = "ui/src/lib/api/commands.ts";
const TYPES: &str = "ui/src/lib/api/types.ts";

/// Parameters of these types are given to the command by Tauri; the window does not send them.
const INJECTED: &[&str] =
    &["State", "AppHandle", "Window", "Webview", "WebviewWindow", "Request", "CommandScope", "GlobalScope"];

/// `claim_uuid` → `claimUuid`, as Tauri names a command's arguments (and as we name the wrappers).
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

/// The names `types.ts` exports (ts-rs writes every model type there under its Rust name).
fn model_types(types_ts: &str) -> BTreeSet<String> {
    types_ts
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
        .collect()
}

/// Turns Rust types into TypeScript ones, noting which model types it used.
struct Mapper<'a> {
    model: &'a BTreeSet<String>,
    used: BTreeSet<String>,
}

impl Mapper<'_> {
    fn ts(&mut self, ty: &Type) -> Result<String, String> {
        match ty {
            Type::Reference(r) => self.ts(&r.elem),
            Type::Paren(p) => self.ts(&p.elem),
            Type::Group(g) => self.ts(&g.elem),
            Type::Tuple(t) if t.elems.is_empty() => Ok("null".into()),
            Type::Tuple(t) => {
                let parts: Result<Vec<String>, String> = t.elems.iter().map(|e| self.ts(e)).collect();
                Ok(format!("[{}]", parts?.join(", ")))
            }
            Type::Slice(s) => Ok(array_of(self.ts(&s.elem)?)),
            Type::Array(a) => Ok(array_of(self.ts(&a.elem)?)),
            Type::Path(p) if p.qself.is_none() => {
                let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                let last = p.path.segments.last().expect("a path has a segment");
                let name = last.ident.to_string();
                let args = type_args(&last.arguments);
                let one = |m: &mut Self| -> Result<String, String> {
                    match args.as_slice() {
                        [t] => m.ts(t),
                        _ => Err(format!("`{name}` with {} type arguments", args.len())),
                    }
                };
                let plain = |ts: &str| -> Result<String, String> {
                    if args.is_empty() { Ok(ts.to_string()) } else { Err(format!("`{name}` with type arguments")) }
                };
                match name.as_str() {
                    "String" | "str" | "char" | "PathBuf" | "Path" | "Uuid" => plain("string"),
                    "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
                    | "f32" | "f64" => plain("number"),
                    "bool" => plain("boolean"),
                    "Option" => Ok(format!("{} | null", one(self)?)),
                    "Vec" | "VecDeque" | "HashSet" | "BTreeSet" => Ok(array_of(one(self)?)),
                    "Box" | "Arc" | "Rc" | "Cow" => one(self),
                    "HashMap" | "BTreeMap" => match args.as_slice() {
                        [k, v] => Ok(format!("{{ [key in {}]?: {} }}", self.ts(k)?, self.ts(v)?)),
                        _ => Err(format!("`{name}` without a key and a value type")),
                    },
                    "Value" if segments.first().is_some_and(|s| s == "serde_json") || !self.model.contains("Value") => {
                        plain("unknown")
                    }
                    _ if self.model.contains(&name) => {
                        if !args.is_empty() {
                            return Err(format!("`{name}` with type arguments (ts-rs writes generic types differently)"));
                        }
                        self.used.insert(name.clone());
                        Ok(name)
                    }
                    _ => Err(format!(
                        "`{}` is neither a type of {TYPES} (list it in src-tauri/core/src/bindings.rs) nor one the generator knows",
                        segments.join("::")
                    )),
                }
            }
            _ => Err("a kind of type the generator does not know (teach tests/commands_ts.rs)".into()),
        }
    }
}

fn array_of(inner: String) -> String {
    if inner.contains(' ') { format!("({inner})[]") } else { format!("{inner}[]") }
}

/// The type arguments of a path segment (lifetimes left out).
fn type_args(args: &PathArguments) -> Vec<&Type> {
    match args {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The last path segment's name, through references (`&State<'_, X>` → `State`).
fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Reference(r) => last_ident(&r.elem),
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `Some(rename_all)` when `f` is a `#[tauri::command]` (`None` inside when it renames nothing).
fn command_attr(f: &ItemFn) -> Option<Option<String>> {
    let attr = f.attrs.iter().find(|a| {
        let segs: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
        segs == ["tauri", "command"] || segs == ["command"]
    })?;
    let mut rename_all = None;
    if matches!(attr.meta, syn::Meta::List(_)) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                rename_all = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("cannot read the attribute of `{}`: {e}", f.sig.ident));
    }
    Some(rename_all)
}

/// One command as the window calls it.
struct Command {
    module: &'static str,
    name: &'static str,
    /// `(name on the wire, TypeScript type)`.
    params: Vec<(String, String)>,
    answer: String,
}

/// Reads every declared command's signature; every problem found is returned, not just the first.
fn commands(mapper: &mut Mapper) -> Result<Vec<Command>, Vec<String>> {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let mut files = std::collections::BTreeMap::new();
    for &(module, name) in DECLARED {
        let file = files.entry(module).or_insert_with(|| {
            let rel = format!("src-tauri/src/commands/{module}.rs");
            syn::parse_file(&read(&rel)).unwrap_or_else(|e| panic!("cannot parse {rel}: {e}"))
        });
        let Some((f, rename_all)) = file.items.iter().find_map(|item| match item {
            Item::Fn(f) if f.sig.ident == name => command_attr(f).map(|r| (f, r)),
            _ => None,
        }) else {
            problems.push(format!("list.rs names `{module}::{name}`, which is no #[tauri::command] in src/commands/{module}.rs"));
            continue;
        };
        let wire_name = |n: &str| -> Result<String, String> {
            match rename_all.as_deref() {
                None | Some("camelCase") => Ok(camel_case(n)),
                Some("snake_case") => Ok(n.to_string()),
                Some(other) => Err(format!("rename_all = \"{other}\" is not known to the generator")),
            }
        };
        let mut params = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(p) = input else {
                problems.push(format!("{module}::{name}: a command takes no `self`"));
                continue;
            };
            if last_ident(&p.ty).is_some_and(|t| INJECTED.contains(&t.as_str())) {
                continue;
            }
            let Pat::Ident(ident) = &*p.pat else {
                problems.push(format!("{module}::{name}: a parameter that is not a plain name"));
                continue;
            };
            let rust_name = ident.ident.to_string();
            match (wire_name(rust_name.trim_start_matches("r#")), mapper.ts(&p.ty)) {
                (Ok(n), Ok(t)) => params.push((n, t)),
                (Err(e), _) | (_, Err(e)) => problems.push(format!("{module}::{name}, parameter `{rust_name}`: {e}")),
            }
        }
        let answer = match &f.sig.output {
            ReturnType::Default => Ok("null".to_string()),
            ReturnType::Type(_, ty) => match ty.as_ref() {
                Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Result") => {
                    match type_args(&p.path.segments.last().unwrap().arguments).first() {
                        Some(t) => mapper.ts(t),
                        None => Err("a `Result` without its type".to_string()),
                    }
                }
                other => mapper.ts(other),
            },
        };
        match answer {
            Ok(answer) => found.push(Command { module, name, params, answer }),
            Err(e) => problems.push(format!("{module}::{name}, its answer: {e}")),
        }
    }
    if problems.is_empty() { Ok(found) } else { Err(problems) }
}

/// The whole generated TypeScript module.
fn typescript() -> String {
    let model = model_types(&read(TYPES));
    let mut mapper = Mapper { model: &model, used: BTreeSet::new() };
    let commands = commands(&mut mapper).unwrap_or_else(|problems| {
        panic!("cannot generate {OUT}:\n{}", problems.join("\n"));
    });

    let mut out = String::from(
        "// Generated from src-tauri/src/commands/ (the list in list.rs) by `make bindings`\n\
         // (src-tauri/tests/commands_ts.rs). Do not edit by hand.\n\
         //\n\
         // One typed wrapper per command: `commands.getClaim({ uuid })` calls `get_claim` with its\n\
         // arguments under the names Tauri reads, so a misspelt command or argument fails to compile.\n\n\
         import { call } from './call';\n",
    );
    if !mapper.used.is_empty() {
        let used: Vec<&str> = mapper.used.iter().map(String::as_str).collect();
        writeln!(out, "import type {{\n  {},\n}} from './types';", used.join(",\n  ")).unwrap();
    }
    out.push_str("\n/** Every command the window may call, as Tauri names it. */\nexport type CommandName =\n");
    for c in &commands {
        writeln!(out, "  | '{}'", c.name).unwrap();
    }
    out.truncate(out.trim_end().len());
    out.push_str(";\n\n/** The backend's commands; each answers what its Rust function returns. */\nexport const commands = {\n");
    let mut module = "";
    for c in &commands {
        if c.module != module {
            module = c.module;
            writeln!(out, "  // {module}.rs").unwrap();
        }
        let key = camel_case(c.name);
        if c.params.is_empty() {
            writeln!(out, "  {key}: () => call<{}>('{}'),", c.answer, c.name).unwrap();
        } else {
            let fields: Vec<String> = c.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            writeln!(out, "  {key}: (args: {{ {} }}) => call<{}>('{}', args),", fields.join("; "), c.answer, c.name).unwrap();
        }
    }
    out.push_str("};\n");
    out
}

#[test]
fn commands_ts_is_current() {
    let path = root().join(OUT);
    let fresh = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{OUT} is out of date with the commands in src-tauri/src/commands/: run `make bindings` and commit the result"
    );
}

#[test]
fn rust_types_become_the_typescript_serde_sends() {
    let model: BTreeSet<String> = ["Claim".to_string()].into();
    let mut m = Mapper { model: &model, used: BTreeSet::new() };
    let ts = |m: &mut Mapper, rust: &str| m.ts(&syn::parse_str::<Type>(rust).unwrap());
    assert_eq!(ts(&mut m, "&str").unwrap(), "string");
    assert_eq!(ts(&mut m, "std::path::PathBuf").unwrap(), "string");
    assert_eq!(ts(&mut m, "u64").unwrap(), "number");
    assert_eq!(ts(&mut m, "Option<Vec<Claim>>").unwrap(), "Claim[] | null");
    assert_eq!(ts(&mut m, "Vec<Option<bool>>").unwrap(), "(boolean | null)[]");
    assert_eq!(ts(&mut m, "(String, u32)").unwrap(), "[string, number]");
    assert_eq!(ts(&mut m, "()").unwrap(), "null");
    assert_eq!(ts(&mut m, "serde_json::Value").unwrap(), "unknown");
    assert_eq!(m.used, ["Claim".to_string()].into());
    // Anything else is refused rather than guessed.
    assert!(ts(&mut m, "Unlisted").unwrap_err().contains("Unlisted"));
    assert!(ts(&mut m, "tauri::ipc::Channel<Claim>").is_err());
    assert!(ts(&mut m, "fn() -> u8").is_err());
    assert!(ts(&mut m, "Option<u8, u8>").is_err());
}

#[test]
fn arguments_are_named_as_tauri_reads_them() {
    assert_eq!(camel_case("claim_uuid"), "claimUuid");
    assert_eq!(camel_case("uuid"), "uuid");
    assert_eq!(camel_case("add_source_by_url"), "addSourceByUrl");
}
