//! A real HTTP server on 127.0.0.1 for tests: pages are set per path and can be changed while it
//! runs (a page edited after it was cited).
#![allow(dead_code)]

/// A throwaway PostgreSQL server of its own per test (issue 14, the desk).
pub mod postgres;

/// An archived copy of `url` as a fetch makes it: a page holding `text` in one paragraph.
pub fn fetched_capture(url: &str, text: &str) -> factdesk_core::store::NewCapture {
    factdesk_core::store::NewCapture {
        method: factdesk_core::model::CaptureMethod::Fetch,
        requested_url: url.into(),
        final_url: url.into(),
        http_status: Some(200),
        content_type: "text/html; charset=utf-8".into(),
        bytes: format!("<html><body><p>{text}</p></body></html>").into_bytes(),
        text: text.into(),
        note: String::new(),
    }
}

/// An archived copy of a page pasted by hand, holding `text`.
pub fn pasted_capture(text: &str) -> factdesk_core::store::NewCapture {
    factdesk_core::store::NewCapture {
        method: factdesk_core::model::CaptureMethod::Paste,
        requested_url: String::new(),
        final_url: String::new(),
        http_status: None,
        content_type: "text/plain".into(),
        bytes: text.as_bytes().to_vec(),
        text: text.into(),
        note: String::new(),
    }
}

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct Page {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Page {
    pub fn html(body: &str) -> Page {
        Page { status: 200, headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())], body: body.into() }
    }

    pub fn status(status: u16) -> Page {
        Page { status, headers: vec![("Content-Type".into(), "text/plain".into())], body: b"error".to_vec() }
    }

    pub fn redirect(to: &str) -> Page {
        Page { status: 301, headers: vec![("Location".into(), to.into())], body: Vec::new() }
    }
}

pub struct Server {
    pub base: String,
    pages: Arc<Mutex<HashMap<String, Page>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let pages: Arc<Mutex<HashMap<String, Page>>> = Arc::default();
        let shared = pages.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let pages = shared.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).is_err() {
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                    }
                    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
                    // Pages are served by path; a query string (tracking parameters) does not change the page.
                    let path = target.split('?').next().unwrap_or("/").to_string();
                    let page = pages.lock().unwrap().get(&path).cloned().unwrap_or_else(|| Page::status(404));
                    let mut head = format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n", page.status, page.body.len());
                    for (k, v) in &page.headers {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    head.push_str("\r\n");
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&page.body);
                });
            }
        });
        Server { base, pages }
    }

    pub fn set(&self, path: &str, page: Page) {
        self.pages.lock().unwrap().insert(path.to_string(), page);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}
