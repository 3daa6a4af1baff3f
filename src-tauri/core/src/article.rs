//! From article to claims: an article (pasted, opened from a file or fetched from an address) is
//! kept as a source with its text snapshot, and its candidate claims are extracted from that
//! snapshot, so an accepted claim's evidence excerpt is exactly the words in the archived text.

use std::path::Path;

use crate::error::{Error, Result};
use crate::extract;
use crate::library::FetchedSource;
use crate::model::{
    AcceptCandidate, AppearanceInput, Article, ArticleCandidate, ArticlePaste, CaptureMethod, ClaimDetail, ClaimInput,
    Decision, EvidenceInput, SourceInput, SourceKind, Stance,
};
use crate::store::{NewCapture, Store};
use crate::web::{self, ContentKind, FetchLimits};

pub use crate::model::limits::MAX_ARTICLE_BYTES;
/// Similar claims shown per candidate.
const SIMILAR_PER_CANDIDATE: usize = 3;

fn too_large() -> Error {
    Error::validation(
        "file",
        format!("The article is larger than {} MB, the most Factdesk reads; split it or keep only the article text.", MAX_ARTICLE_BYTES / (1024 * 1024)),
    )
}

/// The first line of `text`, shortened, as a title for a pasted article without one.
fn first_line_title(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Pasted article");
    let mut t: String = line.chars().take(120).collect();
    if line.chars().count() > 120 {
        t.push('…');
    }
    t
}

/// Article text the checker pasted, ready to be stored.
pub fn read_paste(p: &ArticlePaste) -> Result<FetchedSource> {
    let text = p.text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(Error::validation("text", "Paste the article's text first: there is nothing to read."));
    }
    if text.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(Error::validation("text", too_large().to_string()));
    }
    let url = if p.url.trim().is_empty() { String::new() } else { crate::store::validate_url(&p.url)? };
    let title = if p.title.trim().is_empty() { first_line_title(&text) } else { p.title.trim().to_string() };
    Ok(FetchedSource {
        input: SourceInput {
            url: url.clone(),
            title,
            publisher: p.publisher.trim().to_string(),
            published_on: p.published_on.clone(),
            kind: SourceKind::NewsReport,
            ..SourceInput::default()
        },
        capture: NewCapture {
            method: CaptureMethod::Paste,
            requested_url: url.clone(),
            final_url: url,
            http_status: None,
            content_type: "text/plain; charset=utf-8".into(),
            bytes: text.clone().into_bytes(),
            text,
            note: String::new(),
        },
        notes: Vec::new(),
    })
}

/// An article opened from a `.txt`, `.md` or `.html` file.
pub fn read_file(path: &Path) -> Result<FetchedSource> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("could not open {}", path.display()), e))?;
    if meta.is_dir() {
        return Err(Error::validation("file", format!("{name} is a folder; choose an article file.")));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_large());
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("could not read {}", path.display()), e))?;
    let snap = web::snapshot(&bytes, web::content_type_for_path(path), &name)?;
    if !matches!(snap.kind, ContentKind::Html | ContentKind::Text | ContentKind::Markdown) {
        return Err(Error::validation(
            "file",
            format!("{name} is not an article Factdesk can read: open a .txt, .md or .html file, or paste the text."),
        ));
    }
    let m = &snap.meta;
    let url = m.canonical_url.clone().filter(|u| crate::store::validate_url(u).is_ok()).unwrap_or_default();
    let stem = path.file_stem().map(|s| s.to_string_lossy().replace(['_', '-'], " ")).unwrap_or_default();
    Ok(FetchedSource {
        input: SourceInput {
            url,
            // Metadata first; a plain-text article's first line is its headline; else the file name.
            title: m
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .or_else(|| (snap.kind == ContentKind::Text).then(|| first_line_title(&snap.text)))
                .unwrap_or(stem),
            publisher: m.publisher.clone().unwrap_or_default(),
            author: m.author.clone().unwrap_or_default(),
            published_on: m.published_on.map(|d| d.format("%Y-%m-%d").to_string()),
            kind: SourceKind::NewsReport,
            ..SourceInput::default()
        },
        notes: snap.notes.clone(),
        capture: NewCapture {
            method: CaptureMethod::File,
            requested_url: String::new(),
            final_url: String::new(),
            http_status: None,
            content_type: web::content_type_for_path(path).to_string(),
            bytes,
            text: snap.text,
            note: snap.notes.join(" "),
        },
    })
}

/// An article fetched from its address.
pub fn read_url(url: &str, limits: &FetchLimits) -> Result<FetchedSource> {
    let f = crate::library::fetch_source(url, limits)?;
    if f.capture.text.trim().is_empty() {
        return Err(Error::validation(
            "url",
            format!("{url} has no article text Factdesk can read ({}); paste the text instead.", f.notes.join(" ")),
        ));
    }
    Ok(f)
}

/// Keeps the article as a source with its snapshot (or finds it already there: by address,
/// or by the same text) and returns its candidate claims.
pub fn import(store: &mut Store, f: &FetchedSource) -> Result<Article> {
    if f.capture.text.trim().is_empty() {
        return Err(Error::validation("text", "The article has no readable text."));
    }
    let text_sha = web::sha256_hex(f.capture.text.as_bytes());
    if let Some(uuid) = store.source_with_text(&text_sha)? {
        return get(store, &uuid).map(|a| Article { existing: true, ..a });
    }
    let added = crate::library::add_fetched_source(store, f)?;
    if added.existing {
        // Known address, new text: keep it as a new capture beside the earlier ones.
        store.add_capture(&added.source.uuid, &f.capture)?;
    }
    let mut article = get(store, &added.source.uuid)?;
    article.existing = added.existing;
    article.notes = f.notes.clone();
    Ok(article)
}

/// The article view of a source: its newest capture's text and candidate claims, each with
/// similar claims in the workspace and the decision taken on it.
pub fn get(store: &Store, source_uuid: &str) -> Result<Article> {
    let source = store.get_source(source_uuid)?;
    let (capture_id, capture_uuid, text) = store.newest_capture(source_uuid)?.ok_or_else(|| {
        Error::validation("source", "This source has no archived text to read claims from; capture it first.")
    })?;
    let decisions = store.article_decisions(capture_id)?;
    let found = extract::extract(&text);
    let decided: Vec<_> = found.iter().map(|c| decisions.get(&(c.start as i64, c.end as i64))).collect();
    let claim_uuids: Vec<Option<String>> = decided.iter().map(|d| d.and_then(|(_, u)| u.clone())).collect();
    let asks: Vec<(&str, Option<&str>)> =
        found.iter().zip(&claim_uuids).map(|(c, u)| (c.text.as_str(), u.as_deref())).collect();
    let similar = crate::matching::similar_claims_many(store, &asks, SIMILAR_PER_CANDIDATE)?;
    let mut candidates = Vec::new();
    for (((c, d), claim_uuid), similar) in found.into_iter().zip(decided).zip(claim_uuids).zip(similar) {
        let decision = d.map(|(d, _)| if d == "accepted" { Decision::Accepted } else { Decision::Rejected });
        candidates.push(ArticleCandidate { candidate: c, similar, decision, claim_uuid });
    }
    Ok(Article { source, capture_uuid, text, candidates, existing: false, notes: Vec::new() })
}

/// Makes a claim of a candidate: its claimant is the speaker, the article is its appearance
/// and the exact excerpt of the archived text its evidence. One transaction.
pub fn accept_candidate(store: &mut Store, a: &AcceptCandidate) -> Result<ClaimDetail> {
    let (capture_id, source_uuid, capture_text) = store.capture_for_decision(&a.capture_uuid)?;
    let excerpt = excerpt_at(&capture_text, a.start, a.end)?;
    let source = store.get_source(&source_uuid)?;
    let wording = if a.text.trim().is_empty() { excerpt.clone() } else { a.text.trim().to_string() };
    let place = if source.publisher.is_empty() { source.title.clone() } else { source.publisher.clone() };
    let claim_uuid = store.write(|tx| {
        if tx.article_decision(capture_id, a.start, a.end)?.as_deref() == Some("accepted") {
            return Err(Error::Conflict("This candidate was already accepted as a claim.".into()));
        }
        let published_on = source.published_on.map(|d| d.format("%Y-%m-%d").to_string());
        let (claim_id, claim_uuid) = tx.insert_claim(
            &ClaimInput {
                text: wording.clone(),
                claimant: a.claimant.clone(),
                claimant_role: a.claimant_role.clone(),
                said_on: published_on.clone(),
                said_where: place.clone(),
                tags: a.tags.clone(),
                ..ClaimInput::default()
            },
            None,
        )?;
        tx.insert_appearance(
            claim_id,
            &AppearanceInput {
                url: source.url.clone(),
                outlet: place.clone(),
                medium: "article".into(),
                appeared_on: published_on,
                is_first: true,
                source_uuid: Some(source.uuid.clone()),
            },
        )?;
        tx.insert_evidence(
            &EvidenceInput {
                claim_uuid: claim_uuid.clone(),
                source_uuid: source.uuid.clone(),
                excerpt: excerpt.clone(),
                stance: Stance::Context,
                note: "Where the claim appeared.".into(),
                correction_reason: None,
            },
            None,
        )?;
        tx.decide(capture_id, a.start, a.end, "accepted", Some(claim_id))?;
        Ok(claim_uuid)
    })?;
    store.get_claim(&claim_uuid)
}

/// Marks a candidate as not worth checking; the article view remembers it.
pub fn reject_candidate(store: &mut Store, capture_uuid: &str, start: u32, end: u32) -> Result<()> {
    let (capture_id, _, text) = store.capture_for_decision(capture_uuid)?;
    excerpt_at(&text, start, end)?;
    store.write(|tx| tx.decide(capture_id, start, end, "rejected", None))
}

/// Takes back a rejection, so the candidate is open again.
pub fn reopen_candidate(store: &mut Store, capture_uuid: &str, start: u32, end: u32) -> Result<()> {
    let (capture_id, _, _) = store.capture_for_decision(capture_uuid)?;
    store.write(|tx| tx.forget_rejection(capture_id, start, end))
}

/// The characters `start..end` of `text`, refusing a range that is not inside it.
fn excerpt_at(text: &str, start: u32, end: u32) -> Result<String> {
    let (s, e) = (start as usize, end as usize);
    let n = text.chars().count();
    if s >= e || e > n {
        return Err(Error::validation("start", "That passage is not in the article's archived text; reload the article."));
    }
    Ok(text.chars().skip(s).take(e - s).collect())
}

/// Imports the article at `path` into the store (the CLI's and tests' one call).
pub fn import_file(store: &mut Store, path: &Path) -> Result<Article> {
    let f = read_file(path)?;
    import(store, &f)
}
