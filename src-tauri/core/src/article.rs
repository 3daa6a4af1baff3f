//! From article to claims: an article (pasted, opened from a file or fetched from an address) is
//! kept as a source with its text snapshot, and its candidate claims are extracted from that
//! snapshot, so an accepted claim's evidence excerpt is exactly the words in the archived text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::extract;
use crate::library::FetchedSource;
use crate::model::{
    AcceptCandidate, AppearanceInput, Article, ArticleCandidate, ArticlePaste, ArticleProgress, ArticleStage, CaptureMethod,
    ClaimDetail, ClaimInput, Decision, EvidenceInput, SimilarClaim, SourceInput, SourceKind, Stance,
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
    read_file_bytes(&name, bytes)
}

/// An article file's bytes, named `name` (`story.html`): read as [`read_file`] reads the file. The
/// window's drag and drop gives the bytes, not a path.
pub fn read_file_bytes(name: &str, bytes: Vec<u8>) -> Result<FetchedSource> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large());
    }
    let path = Path::new(name);
    let snap = web::snapshot(&bytes, web::content_type_for_path(path), name)?;
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
/// or by the same text) and returns its candidate claims, each matched against the workspace.
pub fn import(store: &mut Store, f: &FetchedSource) -> Result<Article> {
    import_until(&RefCell::new(store), f, None, &mut |_| true)
}

/// The article view of a source: its newest capture's text and candidate claims, each with
/// similar claims in the workspace and the decision taken on it.
pub fn get(store: &Store, source_uuid: &str) -> Result<Article> {
    open_until(&Shared(store), source_uuid, None, &mut |_| true)
}

/// The workspace, lent to a long piece of work a turn at a time: the app's window holds it only
/// for each turn, so its other commands go on between them (see `import_until`).
pub trait Turns {
    /// Runs `f` with the workspace, to read it.
    fn read(&self, f: &mut dyn FnMut(&Store) -> Result<()>) -> Result<()>;
    /// Runs `f` with the workspace, to change it.
    fn write(&self, f: &mut dyn FnMut(&mut Store) -> Result<()>) -> Result<()>;
}

impl Turns for RefCell<&mut Store> {
    fn read(&self, f: &mut dyn FnMut(&Store) -> Result<()>) -> Result<()> {
        f(&self.borrow())
    }
    fn write(&self, f: &mut dyn FnMut(&mut Store) -> Result<()>) -> Result<()> {
        f(&mut self.borrow_mut())
    }
}

/// A store that is only read (opening an article writes nothing).
struct Shared<'a>(&'a Store);

impl Turns for Shared<'_> {
    fn read(&self, f: &mut dyn FnMut(&Store) -> Result<()>) -> Result<()> {
        f(self.0)
    }
    fn write(&self, _f: &mut dyn FnMut(&mut Store) -> Result<()>) -> Result<()> {
        Err(Error::Workspace("The workspace is open for reading only here.".into()))
    }
}

/// Runs `f` in one reading turn of `w` and hands back its answer.
fn reading<T>(w: &dyn Turns, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
    let mut f = Some(f);
    let mut out = None;
    w.read(&mut |s| {
        if let Some(f) = f.take() {
            out = Some(f(s)?);
        }
        Ok(())
    })?;
    out.ok_or_else(|| Error::Workspace("The workspace was not available; try again.".into()))
}

/// Runs `f` in one writing turn of `w` and hands back its answer.
fn writing<T>(w: &dyn Turns, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let mut f = Some(f);
    let mut out = None;
    w.write(&mut |s| {
        if let Some(f) = f.take() {
            out = Some(f(s)?);
        }
        Ok(())
    })?;
    out.ok_or_else(|| Error::Workspace("The workspace was not available; try again.".into()))
}

/// Candidates matched against the workspace in one turn of [`Turns`]: with a matching model each
/// takes tens of milliseconds (embedding it), and the workspace is held meanwhile.
const MATCH_TURN: usize = 4;

/// What a cancelled import says.
fn import_cancelled() -> Error {
    Error::Cancelled("The import was cancelled; nothing was kept.".into())
}

/// [`import`] for the window: reads the text into candidates (repeats merged into one), matches
/// the best `match_first` of them against the workspace (all when `None`; the window asks for the
/// others' matches when it shows them, with [`similar_for`]), and only then keeps the article, in
/// one transaction. `progress` hears how far it is; when it answers false the import stops and
/// nothing is kept ([`Error::Cancelled`]). The workspace is held a turn at a time.
pub fn import_until(
    w: &dyn Turns,
    f: &FetchedSource,
    match_first: Option<usize>,
    progress: &mut dyn FnMut(ArticleProgress) -> bool,
) -> Result<Article> {
    if f.capture.text.trim().is_empty() {
        return Err(Error::validation("text", "The article has no readable text."));
    }
    let text_sha = web::sha256_hex(f.capture.text.as_bytes());
    if let Some(uuid) = reading(w, |s| s.source_with_text(&text_sha))? {
        return open_until(w, &uuid, match_first, progress).map(|a| Article { existing: true, ..a });
    }
    let mut candidates = read_candidates(&f.capture.text, progress)?;
    match_candidates(w, &mut candidates, match_first, progress)?;
    if !progress(ArticleProgress { stage: ArticleStage::Saving, done: 0, total: 1 }) {
        return Err(import_cancelled());
    }
    // The one write: the source and its capture, in a transaction of their own.
    let (source, capture_uuid, existing) = writing(w, |store| {
        let added = crate::library::add_fetched_source(store, f)?;
        if added.existing {
            // Known address, new text: keep it as a new capture beside the earlier ones.
            store.add_capture(&added.source.uuid, &f.capture)?;
        }
        let source = store.get_source(&added.source.uuid)?;
        let (_, capture_uuid, _) = store.newest_capture(&added.source.uuid)?.ok_or_else(|| {
            Error::validation("source", "This source has no archived text to read claims from; capture it first.")
        })?;
        Ok((source, capture_uuid, added.existing))
    })?;
    progress(ArticleProgress { stage: ArticleStage::Saving, done: 1, total: 1 });
    Ok(Article { source, capture_uuid, text: f.capture.text.clone(), candidates, existing, notes: f.notes.clone() })
}

/// [`get`] for the window: [`import_until`]'s steps for an article already kept.
pub fn open_until(
    w: &dyn Turns,
    source_uuid: &str,
    match_first: Option<usize>,
    progress: &mut dyn FnMut(ArticleProgress) -> bool,
) -> Result<Article> {
    let (source, capture_uuid, text, decisions) = reading(w, |store| {
        let source = store.get_source(source_uuid)?;
        let (capture_id, capture_uuid, text) = store.newest_capture(source_uuid)?.ok_or_else(|| {
            Error::validation("source", "This source has no archived text to read claims from; capture it first.")
        })?;
        Ok((source, capture_uuid, text, store.article_decisions(capture_id)?))
    })?;
    let mut candidates = read_candidates(&text, progress)?;
    for c in &mut candidates {
        // The decision was taken on the first of the repeats shown (or, before repeats were
        // merged, on any of them).
        let spans = std::iter::once((c.candidate.start as u32, c.candidate.end as u32)).chain(c.repeats.iter().copied());
        if let Some((d, uuid)) = spans.filter_map(|(s, e)| decisions.get(&(s as i64, e as i64))).next() {
            c.decision = Some(if d == "accepted" { Decision::Accepted } else { Decision::Rejected });
            c.claim_uuid = uuid.clone();
        }
    }
    match_candidates(w, &mut candidates, match_first, progress)?;
    Ok(Article { source, capture_uuid, text, candidates, existing: false, notes: Vec::new() })
}

/// The text's candidates, best first, with repeats (the same words, whitespace aside) merged
/// into the best-ranked of them, which keeps the others' places in `repeats`. Not matched yet.
pub fn read_candidates(text: &str, progress: &mut dyn FnMut(ArticleProgress) -> bool) -> Result<Vec<ArticleCandidate>> {
    let found = extract::extract_until(text, &extract::ExtractOptions::default(), &mut |done, total| {
        progress(ArticleProgress { stage: ArticleStage::Reading, done: done as u32, total: total as u32 })
    })
    .ok_or_else(import_cancelled)?;
    Ok(merge_repeats(found))
}

/// Candidates with the same words (whitespace aside) as one, the best-ranked first.
pub fn merge_repeats(found: Vec<extract::Candidate>) -> Vec<ArticleCandidate> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<ArticleCandidate> = Vec::new();
    for c in found {
        let key = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(&i) = at.get(&key) {
            out[i].count += 1;
            out[i].repeats.push((c.start as u32, c.end as u32));
            continue;
        }
        at.insert(key, out.len());
        let wording = crate::language::wording::proposed(&c.text);
        out.push(ArticleCandidate { candidate: c, similar: Vec::new(), matched: false, decision: None, claim_uuid: None, count: 1, repeats: Vec::new(), wording });
    }
    for c in &mut out {
        c.repeats.sort_unstable();
    }
    out
}

/// Looks for similar claims for the first `first` candidates (all when `None`), a few at a turn.
fn match_candidates(
    w: &dyn Turns,
    candidates: &mut [ArticleCandidate],
    first: Option<usize>,
    progress: &mut dyn FnMut(ArticleProgress) -> bool,
) -> Result<()> {
    let total = first.map_or(candidates.len(), |n| n.min(candidates.len()));
    let mut done = 0;
    while done < total {
        if !progress(ArticleProgress { stage: ArticleStage::Matching, done: done as u32, total: total as u32 }) {
            return Err(import_cancelled());
        }
        let chunk = &mut candidates[done..(done + MATCH_TURN).min(total)];
        let asks: Vec<(String, Option<String>)> = chunk.iter().map(|c| (c.candidate.text.clone(), c.claim_uuid.clone())).collect();
        let similar = reading(w, |s| similar_for(s, &asks))?;
        for (c, sim) in chunk.iter_mut().zip(similar) {
            c.similar = sim;
            c.matched = true;
        }
        done += chunk.len();
    }
    if total > 0 && !progress(ArticleProgress { stage: ArticleStage::Matching, done: total as u32, total: total as u32 }) {
        return Err(import_cancelled());
    }
    Ok(())
}

/// [`similar_for`] a few asks at a turn of `w`, so the workspace is never held long.
pub fn similar_in_turns(w: &dyn Turns, asks: &[(String, Option<String>)]) -> Result<Vec<Vec<SimilarClaim>>> {
    let mut out = Vec::with_capacity(asks.len());
    for chunk in asks.chunks(MATCH_TURN) {
        out.extend(reading(w, |s| similar_for(s, chunk))?);
    }
    Ok(out)
}

/// Similar claims for each `(text, the claim it became)`: the candidates the window shows that
/// were not matched at import.
pub fn similar_for(store: &Store, asks: &[(String, Option<String>)]) -> Result<Vec<Vec<SimilarClaim>>> {
    let asks: Vec<(&str, Option<&str>)> = asks.iter().map(|(t, u)| (t.as_str(), u.as_deref())).collect();
    crate::matching::similar_claims_many(store, &asks, SIMILAR_PER_CANDIDATE)
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
                correction_kind: None,
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
