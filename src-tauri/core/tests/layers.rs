//! The core's floor plan (DESIGN.md, "Layers"; issue 12), checked on its source: imports point
//! down only. The ground (`model/`, `error`, `lock`, `paths`, `files`, `language/`) depends on nothing of ours
//! above it; the store depends on the ground (and on the one feature named below); no module of the
//! core reaches back into one that reaches it.
//! Features are modules of plain functions: only the store adds methods to `Store` and `Tx`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const GROUND: &[&str] = &["model", "error", "lock", "paths", "files", "language"];

/// Features the store still calls, each for one pure function: web-address normalising.
/// (Check-worthiness scoring, once `extract`'s, is in `language/` since issue 13.)
const STORE_MAY_USE: &[&str] = &["web"];

/// Top-level module → the top-level modules of ours it names (`crate::X`), test code left out.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            let top = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
            if top == "lib" || top == "bindings" {
                continue; // the crate root and the TS generator name every module by design
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let deps = g.entry(top.clone()).or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap();
                for (i, _) in line.match_indices("crate::") {
                    let rest = &line[i + "crate::".len()..];
                    let names: Vec<&str> = match rest.strip_prefix('{') {
                        Some(list) => list.split(['}', ',']).map(|n| n.trim().split("::").next().unwrap()).collect(),
                        None => vec![rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap()],
                    };
                    for n in names {
                        if !n.is_empty() && n.chars().next().unwrap().is_lowercase() && n != top {
                            deps.insert(n.to_string());
                        }
                    }
                }
            }
        }
    }
    g
}

#[test]
fn the_ground_depends_on_nothing_above_it() {
    let g = graph();
    for floor in GROUND {
        let up: Vec<_> = g[*floor].iter().filter(|d| !GROUND.contains(&d.as_str())).collect();
        assert!(up.is_empty(), "{floor} (ground floor) imports {up:?}: wire types and basics must not depend on a feature");
    }
}

#[test]
fn the_store_depends_only_on_the_ground() {
    let g = graph();
    let up: Vec<_> = g["store"]
        .iter()
        .filter(|d| !GROUND.contains(&d.as_str()) && !STORE_MAY_USE.contains(&d.as_str()))
        .collect();
    assert!(up.is_empty(), "the store imports the features {up:?}: features call the store, never the other way");
}

#[test]
fn no_import_cycle() {
    let g = graph();
    // Depth-first search for a back edge; reports the cycle it finds.
    fn visit<'a>(
        n: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == n) {
            return Some(path[i..].iter().chain([&n]).map(|s| s.to_string()).collect());
        }
        if !done.insert(n) {
            return None;
        }
        path.push(n);
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(cycle) = visit(n, &g, &mut Vec::new(), &mut done) {
            panic!("import cycle in the core: {}", cycle.join(" → "));
        }
    }
}

/// The `impl` blocks of `text` for `Store` or `Tx` (inherent or of a trait), as (line, header).
/// Comments are left out; a header may span lines up to its `{`.
fn store_impls(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap().trim()).collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("unsafe ").unwrap_or(line).strip_prefix("impl") else { continue };
        if !rest.starts_with([' ', '<']) {
            continue;
        }
        let mut header = rest.to_string();
        for more in &lines[i + 1..] {
            if header.contains('{') || header.ends_with(';') {
                break;
            }
            header.push(' ');
            header.push_str(more);
        }
        let header = header.split('{').next().unwrap();
        // The implementing type: after the impl's own generics, and after ` for ` when a trait is implemented.
        let mut depth = 0i32;
        let mut ty_start = 0;
        let mut trait_for = None;
        for (j, c) in header.char_indices() {
            match c {
                '<' => depth += 1,
                '>' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 && ty_start == 0 && header.starts_with('<') {
                        ty_start = j + 1;
                    }
                }
                ' ' if depth == 0 && header[j..].starts_with(" for ") => trait_for = Some(j + " for ".len()),
                _ => {}
            }
        }
        let ty = header[trait_for.unwrap_or(ty_start)..].trim();
        let ty = ty.split(" where").next().unwrap().trim().trim_start_matches('&').trim_start_matches("mut ");
        let name = ty.split('<').next().unwrap().rsplit("::").next().unwrap().trim();
        if name == "Store" || name == "Tx" {
            found.push((i + 1, line.to_string()));
        }
    }
    found
}

/// Features are modules of plain functions over `Store`/`Tx` (DESIGN.md, "Layers"; issue 12): only
/// the store adds methods to them, so a feature is reached one way, `feature::function(store, …)`.
#[test]
fn only_the_store_adds_methods_to_store_and_tx() {
    let src_tauri = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let store_dir = src_tauri.join("core/src/store");
    let mut stack: Vec<_> = ["core/src", "src", "cli/src"].iter().map(|d| src_tauri.join(d)).collect();
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p != store_dir {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                for (line, header) in store_impls(&std::fs::read_to_string(&p).unwrap()) {
                    found.push(format!("{}:{line}: {header}", p.strip_prefix(&src_tauri).unwrap().display()));
                }
            }
        }
    }
    found.sort();
    assert!(
        found.is_empty(),
        "methods added to Store or Tx outside src-tauri/core/src/store/; make them plain functions of their feature \
         module taking the store (`feature::function(store, …)`):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_impl_check_sees_every_shape() {
    let seen = |s: &str| !store_impls(s).is_empty();
    assert!(seen("impl Store {\n}"));
    assert!(seen("impl<'a> Tx<'a> {"));
    assert!(seen("impl Tx<'_> {"));
    assert!(seen("    impl crate::store::Store {"));
    assert!(seen("impl Helper for Store {"));
    assert!(seen("impl<T: Into<String>> From<T>\n    for Tx<'static>\n{"));
    assert!(!seen("impl StoreInfo {"));
    assert!(!seen("impl From<Store> for Wrapper {"));
    assert!(!seen("// impl Store {"));
    assert!(!seen("fn f(x: impl FnOnce(&Tx<'_>)) {"));
}
