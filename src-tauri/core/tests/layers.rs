//! The core's floor plan (DESIGN.md, "Layers"; issue 12), checked on its source: imports point
//! down only. The ground (`model/`, `error`, `lock`, `paths`, `files`) depends on nothing of ours
//! above it; the store depends on the ground (and, until the language module exists, on the two
//! recognisers named below); no module of the core reaches back into one that reaches it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const GROUND: &[&str] = &["model", "error", "lock", "paths", "files"];

/// Features the store still calls, each for one pure function, to move into `language/` with the
/// matching issue (13): check-worthiness scoring and web-address normalising.
const STORE_MAY_USE: &[&str] = &["extract", "web"];

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
