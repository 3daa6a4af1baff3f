//! `factdesk-cli extract FILE [--json]`, run as a user runs it. It needs no workspace.

use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk-cli"))
        .args(args)
        // A workspace path that cannot be opened: extraction must never touch it.
        .env("FACTDESK_DB", "/nonexistent/dir/never.factdesk")
        .output()
        .expect("factdesk-cli runs")
}

#[test]
fn extract_prints_one_json_object_per_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "Café owner Zoë Brandt said rents rose 18% in 2023.\n“We cannot keep the doors open on these rents much longer,” Brandt told reporters.\n",
    )
    .unwrap();
    let out = cli(&["extract", f.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&f).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() >= 2);
    for c in &lines {
        for k in ["text", "kind", "speaker", "speaker_role", "score", "reasons", "start", "end"] {
            assert!(c.get(k).is_some(), "missing {k} in {c}");
        }
        let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..e].iter().collect::<String>(), c["text"].as_str().unwrap());
    }
    let q = lines.iter().find(|c| c["kind"] == "quote").expect("a quote");
    assert_eq!(q["speaker"], "Zoë Brandt");
    assert!(lines.iter().any(|c| c["kind"] == "numeric" && c["text"].as_str().unwrap().contains("18%")));
}

#[test]
fn extract_prints_a_table_and_handles_empty_and_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "\"The pier will reopen on 1 May after a £2m repair,\" said Mayor Jane Holt.\n").unwrap();
    let out = cli(&["extract", f.to_str().unwrap()]);
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("quote") && table.contains("Jane Holt") && table.contains("The pier will reopen"), "{table}");

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = cli(&["extract", empty.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());

    let bin = dir.path().join("x.bin");
    std::fs::write(&bin, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe]).unwrap();
    let out = cli(&["extract", bin.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"), "{}", String::from_utf8_lossy(&out.stderr));

    let out = cli(&["extract", dir.path().join("missing.txt").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not read"));
}
