//! `factdesk-cli source add/list` against a real HTTP server on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk-cli")).args(args).env_remove("FACTDESK_DB").output().expect("runs")
}

/// Serves one page of our own at every path except `/missing`, which is a 404.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).unwrap();
            while reader.read_line(&mut String::new()).map(|n| n > 2).unwrap_or(false) {}
            let (status, body) = if line.contains("/missing") {
                ("404 Not Found", String::from("gone"))
            } else {
                ("200 OK", String::from(
                    "<html><head><meta property=\"og:title\" content=\"Ferry timetable cut by a third\">\
                     <meta property=\"og:site_name\" content=\"Island Herald\"></head>\
                     <body><p>Ferries to the island will run eight times a day instead of twelve.</p></body></html>",
                ))
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn add_a_page_by_address_then_list_it() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.factdesk");
    let db = db.to_str().unwrap();
    let out = cli(&["--db", db, "source", "add", &format!("{base}/ferry")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let uuid = String::from_utf8(out.stdout).unwrap().trim().to_string();

    let again = cli(&["--db", db, "source", "add", &format!("{base}/ferry/?utm_source=mail")]);
    assert_eq!(String::from_utf8(again.stdout).unwrap().trim(), uuid, "the same page is not added twice");
    assert!(String::from_utf8_lossy(&again.stderr).contains("Already in the library"));

    let list = cli(&["--db", db, "source", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "Ferry timetable cut by a third");
    assert_eq!(items[0]["publisher"], "Island Herald");
    assert_eq!(items[0]["latest_capture"]["sha256"].as_str().unwrap().len(), 64);

    let missing = cli(&["--db", db, "source", "add", &format!("{base}/missing")]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("404"));
    let bad = cli(&["--db", db, "source", "add", "not-a-url"]);
    assert_eq!(bad.status.code(), Some(2), "bad input exits 2");
}
