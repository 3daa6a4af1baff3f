//! `claim similar --text … [--limit N] [--json]`: "has anyone checked this?" for scripts.

use std::path::Path;
use std::sync::Arc;

use factdesk_core::language::embed::Embedder;
use factdesk_core::matching;
use factdesk_core::model::{ClaimOrigin, ModelChoice, SimilarClaim};
use factdesk_core::{paths, Error, Store};
use serde_json::json;

/// Loads the matching model (`--model-dir`, else `FACTDESK_MODEL`, else the folder chosen in the
/// app's Settings, else the installed one),
/// brings the workspace's vectors up to date, and prints the claims that say what `text` says.
/// Without a model it says so on standard error and matches by words alone.
pub fn run(store: &mut Store, model_dir: Option<&Path>, text: &str, limit: usize, json: bool) -> Result<(), Error> {
    let chosen = paths::load_model_choice(&paths::config_dir());
    let (dir, named) = paths::resolve_model_dir(model_dir, chosen.as_deref());
    match Embedder::load(&dir) {
        Ok(embedder) => {
            store.attach_embedder(Arc::new(embedder))?;
            let waiting = store.vector_queue_len()?;
            if waiting > 0 && !store.is_read_only() {
                eprintln!("Indexing {waiting} claims for matching by meaning (once; the app does this in the background)…");
                matching::index_queued(store, |done, total| {
                    if done % 1024 < matching::INDEX_BATCH as u64 || done == total {
                        eprintln!("  {done} / {total}");
                    }
                })?;
            }
        }
        // A folder named explicitly must work; the default one may simply not be installed.
        Err(e) if named == ModelChoice::Option => return Err(e),
        Err(e) => {
            let whose = match named {
                ModelChoice::Environment => " (the folder FACTDESK_MODEL names)",
                ModelChoice::Settings => " (the folder chosen in the app's Settings)",
                _ => "",
            };
            eprintln!("Matching by words only{whose}: {e}")
        }
    }
    let found = matching::similar_claims(store, text, None, limit)?;
    if json {
        let rows: Vec<_> = found.iter().map(as_json).collect();
        outln!("{}", serde_json::to_string_pretty(&rows).expect("matches serialise"));
    } else if found.is_empty() {
        outln!("No claim in the workspace says this.");
    } else {
        for s in &found {
            let by = match &s.checked_by {
                Some(b) if b.rating_text.is_empty() => format!("  [checked by {}]", b.publisher),
                Some(b) => format!("  [checked by {}: {}]", b.publisher, b.rating_text),
                None => s.rating.as_ref().map(|r| format!("  [{}]", r.label)).unwrap_or_default(),
            };
            let differs = if s.differs.is_empty() {
                String::new()
            } else {
                let what: Vec<String> = s.differs.iter().map(|d| format!("{d:?}").to_lowercase()).collect();
                // The words an edit changes: "theirs: Gun; yours: Knife".
                let mut words = Vec::new();
                if !s.theirs.is_empty() {
                    words.push(format!("theirs: {}", s.theirs.join(" ")));
                }
                if !s.yours.is_empty() {
                    words.push(format!("yours: {}", s.yours.join(" ")));
                }
                let words = if words.is_empty() { String::new() } else { format!("; {}", words.join("; ")) };
                format!("  (differs: {}{words})", what.join(", "))
            };
            outln!("{:.2}  {}  {}{by}{differs}", s.score, s.uuid, s.text);
        }
    }
    Ok(())
}

fn as_json(s: &SimilarClaim) -> serde_json::Value {
    json!({
        "uuid": s.uuid,
        "text": s.text,
        "score": (f64::from(s.score) * 1000.0).round() / 1000.0,
        "origin": match s.origin { ClaimOrigin::Desk => "desk", ClaimOrigin::Imported => "imported" },
        "claimant": s.claimant,
        "status": s.status,
        "rating": s.rating.as_ref().map(|r| &r.key),
        "publisher": s.checked_by.as_ref().map(|b| &b.publisher),
        "publisher_rating": s.checked_by.as_ref().map(|b| &b.rating_text),
        "differs": s.differs,
        "theirs": s.theirs,
        "yours": s.yours,
    })
}
