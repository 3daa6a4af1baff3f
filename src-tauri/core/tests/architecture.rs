//! The floor plan (DESIGN.md, "Layers"), checked on the source text: every SQL statement of the
//! project lives in the store (`src-tauri/core/src/store/`), and only the store uses rusqlite.
//! Tests and benchmarks (`tests/`, `benches/` folders) may use SQL of their own.

use std::path::{Path, PathBuf};

/// `src-tauri/`, the root of every Rust file of the project.
fn src_tauri() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The Rust files under `src-tauri/` outside the store, tests and benchmarks, relative to `src-tauri/`.
fn files_outside_store() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_dir() {
                if !["tests", "benches", "target", "node_modules"].contains(&&*name) && !path.ends_with("core/src/store") {
                    walk(&path, out);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    let root = src_tauri();
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files.into_iter().map(|p| p.strip_prefix(&root).unwrap().to_path_buf()).collect()
}

/// The string literals of Rust source, each with the line it starts on. Comments and character
/// literals are skipped; plain, byte and raw strings are read (escapes are left as written).
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    // Moves past `end` (the first occurrence from `i`), counting lines; returns the text before it.
    let until = |i: &mut usize, line: &mut usize, end: &[char], escapes: bool| {
        let mut text = String::new();
        while *i < c.len() && !c[*i..].starts_with(end) {
            if escapes && c[*i] == '\\' {
                text.push(c[*i]);
                *i += 1;
            }
            if at(*i) == '\n' {
                *line += 1;
            }
            text.push(at(*i));
            *i += 1;
        }
        *i += end.len();
        text
    };
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        match c[i] {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if at(i + 1) == '/' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                until(&mut i, &mut line, &['*', '/'], false);
            }
            // 'x' and '\n' are characters; 'a (a lifetime or label) is not.
            '\'' if at(i + 1) == '\\' => {
                i += 2;
                until(&mut i, &mut line, &['\''], true);
            }
            '\'' if at(i + 2) == '\'' => i += 3,
            'r' | 'b' if !ident_before && (at(i + 1) == '"' || at(i + 1) == '#' || at(i + 1) == 'r') => {
                let start = line;
                i += if c[i] == 'b' && at(i + 1) == 'r' { 2 } else { 1 };
                let raw = c[i - 1] == 'r';
                let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
                if at(i + hashes) != '"' {
                    continue;
                }
                i += hashes + 1;
                let end: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                out.push((start, until(&mut i, &mut line, &end, !raw)));
            }
            '"' => {
                let start = line;
                i += 1;
                out.push((start, until(&mut i, &mut line, &['"'], true)));
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a string literal is (the start of) an SQL statement: it begins with a statement's
/// first keyword, written in capitals as every statement of the project is.
fn is_sql(text: &str) -> bool {
    const FIRST_WORDS: &[&str] = &[
        "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "CREATE", "ALTER", "DROP", "PRAGMA", "BEGIN",
        "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM", "ATTACH", "DETACH", "ANALYZE", "REINDEX", "EXPLAIN",
    ];
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\\');
    FIRST_WORDS.iter().any(|w| {
        text.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric() && c != '_'))
    })
}

#[test]
fn every_sql_statement_is_in_the_store() {
    let root = src_tauri();
    let mut found = Vec::new();
    for rel in files_outside_store() {
        let src = std::fs::read_to_string(root.join(&rel)).unwrap();
        for (line, text) in string_literals(&src).into_iter().filter(|(_, t)| is_sql(t)) {
            let first = text.split_whitespace().collect::<Vec<_>>().join(" ");
            found.push(format!("src-tauri/{}:{line}: {}", rel.display(), first.chars().take(70).collect::<String>()));
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside src-tauri/core/src/store/ (move each statement into a named store function):\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_store_uses_rusqlite() {
    let root = src_tauri();
    let mut found = Vec::new();
    for rel in files_outside_store() {
        // The one error type carries SQLite's errors (`Error::Storage`).
        if rel == Path::new("core/src/error.rs") {
            continue;
        }
        let src = std::fs::read_to_string(root.join(&rel)).unwrap();
        for (n, line) in src.lines().enumerate().filter(|(_, l)| l.contains("rusqlite::") || l.contains("use rusqlite")) {
            found.push(format!("src-tauri/{}:{}: {}", rel.display(), n + 1, line.trim()));
        }
    }
    assert!(found.is_empty(), "rusqlite used outside src-tauri/core/src/store/:\n{}", found.join("\n"));
}

#[test]
fn sql_is_told_from_other_strings() {
    let src = r####"
        // "SELECT in a comment"
        /* "DELETE in a block comment" */
        let q = '"'; let l: &'a str = "UPDATE claims SET x = 1";
        let r = r#"
            SELECT 1"#;
        let e = "an \"INSERT\" quoted"; let b = b"PRAGMA x";
        let w = "WITHDRAWN"; let u = "Update Factdesk";
    "####;
    let sql: Vec<(usize, String)> = string_literals(src).into_iter().filter(|(_, t)| is_sql(t)).collect();
    let lines: Vec<usize> = sql.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [4, 5, 7], "{sql:?}");
}
