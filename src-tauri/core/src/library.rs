//! Adding and re-capturing sources from the web: fetch (no store involved, so the workspace
//! stays usable while a slow page loads), then store the source and its capture in one
//! transaction. The GUI and the CLI call these same functions.

use crate::error::{Error, Result};
use crate::model::{AddedSource, CaptureInfo, CaptureMethod, SourceInput, SourceKind};
use crate::store::{NewCapture, Store};
use crate::web::{self, ContentKind, FetchLimits, Snapshot};

/// A page fetched and read, ready to be stored as a new source.
#[derive(Debug, Clone)]
pub struct FetchedSource {
    /// The details read from the page, for the checker to edit later.
    pub input: SourceInput,
    pub capture: NewCapture,
    /// What could not be extracted, in plain words.
    pub notes: Vec<String>,
}

/// Fetches `url` and reads its details and text. Touches no workspace.
pub fn fetch_source(url: &str, limits: &FetchLimits) -> Result<FetchedSource> {
    let url = crate::store::validate_url(url)?;
    let fetched = web::fetch(&url, limits)?;
    let snap = web::snapshot(&fetched.bytes, &fetched.content_type, &fetched.final_url)?;
    let input = source_input_from(&snap, &fetched.final_url);
    Ok(FetchedSource {
        input,
        notes: snap.notes.clone(),
        capture: NewCapture {
            method: CaptureMethod::Fetch,
            requested_url: url,
            final_url: fetched.final_url,
            http_status: Some(fetched.status),
            content_type: fetched.content_type,
            bytes: fetched.bytes,
            text: snap.text,
            note: snap.notes.join(" "),
        },
    })
}

/// The source's details as the page gives them; the address is the one the checker gave,
/// unless the page names a canonical address of its own.
fn source_input_from(snap: &Snapshot, final_url: &str) -> SourceInput {
    let m = &snap.meta;
    let url = m
        .canonical_url
        .as_deref()
        .filter(|c| crate::store::validate_url(c).is_ok())
        .unwrap_or(final_url)
        .to_string();
    let host = url::Url::parse(&url).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()));
    let title = m.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| url.clone());
    SourceInput {
        url,
        title: title.chars().take(500).collect(),
        publisher: m.publisher.clone().or(host).unwrap_or_default(),
        author: m.author.clone().unwrap_or_default(),
        published_on: m.published_on.map(|d| d.format("%Y-%m-%d").to_string()),
        kind: kind_of(snap),
        ..SourceInput::default()
    }
}

/// A first guess at the kind of source; the checker can change it.
fn kind_of(snap: &Snapshot) -> SourceKind {
    let t = snap.meta.schema_type.as_deref().unwrap_or("");
    if t.contains("NewsArticle") || t == "Article" || t == "ReportageNewsArticle" {
        SourceKind::NewsReport
    } else if t == "Dataset" {
        SourceKind::Dataset
    } else if t == "SocialMediaPosting" || t == "DiscussionForumPosting" {
        SourceKind::SocialPost
    } else if snap.kind == ContentKind::Pdf {
        SourceKind::PrimaryDocument
    } else {
        SourceKind::Other
    }
}

/// Stores a fetched page as a new source with its first capture, unless its address (as
/// given, or where it ended up after redirects) is already in the library: then the existing
/// source is returned and nothing is written.
pub fn add_fetched_source(store: &mut Store, f: &FetchedSource) -> Result<AddedSource> {
    for u in [&f.capture.requested_url, &f.capture.final_url, &f.input.url] {
        if u.is_empty() {
            continue;
        }
        if let Some(source) = store.find_source_by_url(u)? {
            return Ok(AddedSource { source, existing: true, notes: Vec::new() });
        }
    }
    let source = store.create_source_with_capture(&f.input, &f.capture)?;
    Ok(AddedSource { source, existing: false, notes: f.notes.clone() })
}

/// Adds the page at `url` to the library (or finds it there), for callers that can hold the
/// store while the page loads (the CLI).
pub fn add_source_by_url(store: &mut Store, url: &str, limits: &FetchLimits) -> Result<AddedSource> {
    if let Some(source) = store.find_source_by_url(url)? {
        return Ok(AddedSource { source, existing: true, notes: Vec::new() });
    }
    let fetched = fetch_source(url, limits)?;
    add_fetched_source(store, &fetched)
}

/// Fetches the source's address again for a new capture. Touches no workspace.
pub fn fetch_capture(url: &str, limits: &FetchLimits) -> Result<NewCapture> {
    if url.trim().is_empty() {
        return Err(Error::validation("url", "This source has no web address to capture again; add one first."));
    }
    Ok(fetch_source(url, limits)?.capture)
}

/// Captures the source again and keeps the new capture beside the earlier ones.
pub fn recapture(store: &mut Store, source_uuid: &str, limits: &FetchLimits) -> Result<CaptureInfo> {
    let url = store.get_source(source_uuid)?.url;
    let capture = fetch_capture(&url, limits)?;
    store.add_capture(source_uuid, &capture)
}
