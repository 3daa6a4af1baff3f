//! The source library, its captures (archived copies) and evidence links between claims and
//! sources. An evidence link points at the capture it was checked against, so a later edit of
//! the page never changes what a verdict rested on.

use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use super::{new_uuid, parse_date, parse_ts, Change, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{
    AnchorState, CaptureInfo, CaptureMethod, ClaimStatus, Evidence, EvidenceInput, ExcerptAnchor, Reliability, Source,
    SourceCitation, SourceDetail, SourceInput, SourceKind, SourceQuery, SourceSort, Stance,
};

use crate::model::limits::{MAX_EXCERPT_CHARS, MAX_TITLE_CHARS};
/// Characters of the capture shown either side of an anchored excerpt.
const CONTEXT_CHARS: usize = 160;
const MAX_SOURCE_LIST: u32 = 1_000;

/// Checks that `raw` is a web address a checker can open again later.
pub fn validate_url(raw: &str) -> Result<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::validation("url", "The source needs a web address (URL)."));
    }
    let bad = || {
        Error::validation(
            "url",
            format!("“{raw}” is not a web address: it should look like https://example.org/page"),
        )
    };
    let url = url::Url::parse(raw).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad());
    }
    Ok(url.to_string())
}

/// Query parameters that only say how a reader arrived, never which page it is.
fn is_tracking_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid" | "gclid" | "dclid" | "msclkid" | "mc_cid" | "mc_eid" | "igshid" | "_ga" | "_gl" | "yclid"
                | "ocid" | "cmpid" | "smid" | "smtyp" | "ref_src" | "ref_url" | "share" | "sr_share"
        )
}

/// The address reduced to what identifies the page: two addresses with the same key are the same
/// source. Scheme, `www.`, default port, tracking parameters, fragment and trailing slash do not
/// count; the remaining query parameters are sorted. `raw` must be a valid http(s) address.
pub fn url_key(raw: &str) -> Result<String> {
    let url = url::Url::parse(&validate_url(raw)?).map_err(|_| Error::validation("url", "not a web address"))?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = url.path().trim_end_matches('/');
    let mut query: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| !is_tracking_param(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    query.sort();
    let query = if query.is_empty() {
        String::new()
    } else {
        let mut ser = url::form_urlencoded::Serializer::new(String::from("?"));
        ser.extend_pairs(query);
        ser.finish()
    };
    Ok(format!("{host}{port}{path}{query}"))
}

/// A source's columns with `$cited_by` as the count of claims citing it.
macro_rules! source_cols {
    ($cited_by:literal) => {
        concat!(
            "s.uuid, s.url, s.title, s.publisher, s.author, s.published_on, s.accessed_at, s.kind,
             s.reliability, s.reliability_note, s.confidential, s.created_at, ",
            $cited_by,
            ", lc.uuid, lc.captured_at, lc.method, lc.final_url, lc.http_status, lc.content_type, lc.sha256, lc.size,
             lc.text_sha256, lc.note, lc.actor"
        )
    };
}
/// A source as the Sources screen and the source view show it, with how many claims cite it.
const SOURCE_COLS: &str = source_cols!("(SELECT count(DISTINCT ev.claim_id) FROM evidence ev WHERE ev.source_id = s.id)");
/// A source as a claim's evidence shows it: not counting its other uses, which would make opening
/// a claim cost more the more the desk cites its sources.
const EVIDENCE_SOURCE_COLS: &str = source_cols!("NULL");
/// Joins the newest capture of `s` as `lc`.
const LATEST_CAPTURE_JOIN: &str =
    "LEFT JOIN captures lc ON lc.id = (SELECT max(c2.id) FROM captures c2 WHERE c2.source_id = s.id)";
const SOURCE_WIDTH: usize = 24;

fn source_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    let kind: String = r.get(at + 7)?;
    let reliability: String = r.get(at + 8)?;
    Ok(Source {
        uuid: r.get(at)?,
        url: r.get(at + 1)?,
        title: r.get(at + 2)?,
        publisher: r.get(at + 3)?,
        author: r.get(at + 4)?,
        published_on: parse_date(r.get(at + 5)?)?,
        accessed_at: r.get::<_, Option<String>>(at + 6)?.map(|s| parse_ts(&s)).transpose()?,
        kind: SourceKind::parse(&kind).unwrap_or_default(),
        reliability: Reliability::parse(&reliability).unwrap_or_default(),
        reliability_note: r.get(at + 9)?,
        confidential: r.get(at + 10)?,
        created_at: parse_ts(&r.get::<_, String>(at + 11)?)?,
        cited_by: r.get(at + 12)?,
        latest_capture: capture_from_row(r, at + 13)?,
    })
}

const CAPTURE_COLS: &str =
    "c.uuid, c.captured_at, c.method, c.final_url, c.http_status, c.content_type, c.sha256, c.size, c.text_sha256, c.note, c.actor";

/// A capture from 11 columns starting at `at`; None when they are NULL (no capture joined).
fn capture_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<CaptureInfo>> {
    let Some(uuid) = r.get::<_, Option<String>>(at)? else { return Ok(None) };
    let method: String = r.get(at + 2)?;
    Ok(Some(CaptureInfo {
        uuid,
        captured_at: parse_ts(&r.get::<_, String>(at + 1)?)?,
        method: CaptureMethod::parse(&method).unwrap_or(CaptureMethod::Fetch),
        final_url: r.get(at + 3)?,
        http_status: r.get(at + 4)?,
        content_type: r.get(at + 5)?,
        sha256: r.get(at + 6)?,
        size: r.get(at + 7)?,
        text_sha256: r.get(at + 8)?,
        note: r.get(at + 9)?,
        actor: r.get(at + 10)?,
    }))
}

/// A source's fields after validation.
pub(super) struct ValidSource {
    pub(super) url: String,
    pub(super) url_key: Option<String>,
    pub(super) title: String,
    pub(super) publisher: String,
    pub(super) author: String,
    pub(super) published_on: Option<String>,
}

pub(super) fn validate_source(input: &SourceInput) -> Result<ValidSource> {
    super::no_nul("title", "title", &input.title)?;
    let (url, url_key) = if input.url.trim().is_empty() {
        (String::new(), None)
    } else {
        (validate_url(&input.url)?, Some(url_key(&input.url)?))
    };
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Error::validation("title", "The source needs a title, so it can be cited."));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::validation("title", format!("A title is at most {MAX_TITLE_CHARS} characters.")));
    }
    let published_on = match input.published_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(super::parse_user_date("published_on", s)?.format("%Y-%m-%d").to_string()),
        None => None,
    };
    Ok(ValidSource {
        url,
        url_key,
        title: title.to_string(),
        publisher: input.publisher.trim().to_string(),
        author: input.author.trim().to_string(),
        published_on,
    })
}

/// A new archived copy of a source, as the fetcher, a file or a paste produced it.
#[derive(Debug, Clone)]
pub struct NewCapture {
    pub method: CaptureMethod,
    pub requested_url: String,
    pub final_url: String,
    pub http_status: Option<u16>,
    pub content_type: String,
    /// The raw bytes as received (kept once per hash).
    pub bytes: Vec<u8>,
    /// The readable text snapshot, one paragraph a line; never HTML.
    pub text: String,
    /// What could not be extracted, in plain words.
    pub note: String,
}

impl Tx<'_> {
    /// The source already stored under the same address (by [`url_key`]), except `not_id`.
    pub(crate) fn source_with_key(&self, key: &str, not_id: Option<i64>) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT uuid, title FROM sources WHERE url_key = ?1 AND id IS NOT ?2 LIMIT 1",
                params![key, not_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub(crate) fn insert_source(&self, input: &SourceInput, uuid: Option<&str>) -> Result<String> {
        let v = validate_source(input)?;
        if let Some(key) = &v.url_key {
            if let Some((_, existing)) = self.source_with_key(key, None)? {
                return Err(Error::Conflict(format!(
                    "This address is already in the source library as “{existing}”: link that source instead."
                )));
            }
        }
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        self.conn().execute(
            "INSERT INTO sources (uuid, url, url_key, title, publisher, author, published_on, kind, reliability,
                                  reliability_note, confidential, accessed_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12)",
            params![
                uuid,
                v.url,
                v.url_key,
                v.title,
                v.publisher,
                v.author,
                v.published_on,
                input.kind.as_str(),
                input.reliability.as_str(),
                input.reliability_note.trim(),
                input.confidential,
                self.now
            ],
        )?;
        self.record("source", &uuid, None, "created", &format!("Added source “{}”", v.title), &[])?;
        Ok(uuid)
    }

    fn source_id(&self, uuid: &str) -> Result<(i64, String)> {
        self.conn().query_row("SELECT id, title FROM sources WHERE uuid = ?1", [uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::not_found("source", uuid))
    }

    /// Stores a capture of the source (its bytes once per hash) and returns its uuid.
    pub(crate) fn insert_capture(&self, source_id: i64, c: &NewCapture) -> Result<String> {
        let sha = crate::web::sha256_hex(&c.bytes);
        let size = u32::try_from(c.bytes.len())
            .map_err(|_| Error::validation("file", "The file is too large to keep in the workspace."))?;
        self.conn().prepare_cached("INSERT OR IGNORE INTO blobs (sha256, size, bytes) VALUES (?1, ?2, ?3)")?
            .execute(params![sha, size, c.bytes])?;
        let uuid = new_uuid();
        self.conn().prepare_cached(
            "INSERT INTO captures (uuid, source_id, captured_at, method, requested_url, final_url, http_status,
                                   content_type, sha256, size, text, text_sha256, note, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            uuid,
            source_id,
            self.now,
            c.method.as_str(),
            c.requested_url,
            c.final_url,
            c.http_status,
            c.content_type,
            sha,
            size,
            c.text,
            crate::web::sha256_hex(c.text.as_bytes()),
            c.note,
            self.actor
        ])?;
        self.conn().execute("UPDATE sources SET accessed_at = ?1, updated_at = ?1 WHERE id = ?2", params![self.now, source_id])?;
        let short = &sha[..12.min(sha.len())];
        self.record("source", &self.source_uuid(source_id)?, None, "captured", &format!("Archived a copy (SHA-256 {short}…)"), &[])?;
        Ok(uuid)
    }

    fn source_uuid(&self, id: i64) -> Result<String> {
        Ok(self.conn().query_row("SELECT uuid FROM sources WHERE id = ?1", [id], |r| r.get(0))?)
    }

    pub(crate) fn insert_evidence(&self, input: &EvidenceInput, uuid: Option<&str>) -> Result<String> {
        let claim_id = self.claim_id(&input.claim_uuid)?;
        let (source_id, title) = self.source_id(&input.source_uuid)?;
        let excerpt = input.excerpt.trim();
        if excerpt.chars().count() > MAX_EXCERPT_CHARS {
            return Err(Error::validation(
                "excerpt",
                format!("An excerpt is at most {MAX_EXCERPT_CHARS} characters: quote the passage that matters."),
            ));
        }
        // New evidence leaves the rating as it is: it may be a clarification.
        self.correction_if_locked(claim_id, input.correction_reason.as_deref(), input.correction_kind, "evidence", false)?;
        let capture_id: Option<i64> =
            self.conn().query_row("SELECT max(id) FROM captures WHERE source_id = ?1", [source_id], |r| r.get(0))?;
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        self.conn().execute(
            "INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, note, created_at, updated_at, capture_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            params![uuid, claim_id, source_id, excerpt, input.stance.as_str(), input.note.trim(), self.now, capture_id],
        )?;
        self.touch_claim(claim_id)?;
        self.reindex_claim_context(claim_id)?;
        self.record(
            "evidence",
            &uuid,
            Some(claim_id),
            "linked",
            &format!("Linked source “{title}” as evidence that {}", stance_phrase(input.stance)),
            &[],
        )?;
        Ok(uuid)
    }
}

fn stance_phrase(s: Stance) -> &'static str {
    match s {
        Stance::Supports => "supports the claim",
        Stance::Refutes => "refutes the claim",
        Stance::Context => "gives context",
    }
}

/// Where `excerpt` sits in the capture it was checked against (`checked`), and whether the
/// newest capture (`latest`, when it is another one) still has it.
pub(crate) fn anchor(excerpt: &str, checked: Option<&str>, latest: Option<&str>) -> ExcerptAnchor {
    let none = |state| ExcerptAnchor { state, start: None, end: None, context: None, in_latest: None };
    if excerpt.trim().is_empty() {
        return none(AnchorState::NoExcerpt);
    }
    let Some(text) = checked else { return none(AnchorState::NoCapture) };
    let in_latest = latest.map(|l| crate::web::locate_excerpt(l, excerpt).is_some());
    match crate::web::locate_excerpt(text, excerpt) {
        Some(a) => {
            let chars: Vec<char> = text.chars().collect();
            let (start, end) = (a.start.min(chars.len()), a.end.min(chars.len()));
            let from = start.saturating_sub(CONTEXT_CHARS);
            let to = (end + CONTEXT_CHARS).min(chars.len());
            let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            ExcerptAnchor {
                state: if a.exact { AnchorState::Found } else { AnchorState::Approximate },
                start: u32::try_from(start).ok(),
                end: u32::try_from(end).ok(),
                context: Some([piece(from, start), piece(start, end), piece(end, to)]),
                in_latest,
            }
        }
        None => ExcerptAnchor { in_latest, ..none(AnchorState::Missing) },
    }
}

impl Store {
    /// Adds a source to the library. The same address cannot be added twice.
    pub fn create_source(&mut self, input: &SourceInput) -> Result<Source> {
        let uuid = self.write(|tx| tx.insert_source(input, None))?;
        self.get_source(&uuid)
    }

    /// Adds a source together with its first capture, in one transaction.
    pub fn create_source_with_capture(&mut self, input: &SourceInput, capture: &NewCapture) -> Result<Source> {
        let uuid = self.write(|tx| {
            let uuid = tx.insert_source(input, None)?;
            let (id, _) = tx.source_id(&uuid)?;
            tx.insert_capture(id, capture)?;
            Ok(uuid)
        })?;
        self.get_source(&uuid)
    }

    /// Keeps another capture of the source; earlier ones stay as they were.
    pub fn add_capture(&mut self, source_uuid: &str, capture: &NewCapture) -> Result<CaptureInfo> {
        let uuid = self.write(|tx| {
            let (id, _) = tx.source_id(source_uuid)?;
            tx.insert_capture(id, capture)
        })?;
        self.get_capture(&uuid)
    }

    /// Edits a source's details. Every changed field is recorded in the history.
    pub fn update_source(&mut self, uuid: &str, input: &SourceInput) -> Result<Source> {
        let before = self.get_source(uuid)?;
        let v = validate_source(input)?;
        self.write(|tx| {
            let (id, _) = tx.source_id(uuid)?;
            if let Some(key) = &v.url_key {
                if let Some((_, existing)) = tx.source_with_key(key, Some(id))? {
                    return Err(Error::Conflict(format!(
                        "Another source in the library has this address: “{existing}”."
                    )));
                }
            }
            let mut changes = Vec::new();
            let mut diff = |field: &'static str, from: serde_json::Value, to: serde_json::Value| {
                if from != to {
                    changes.push(Change { field, from, to });
                }
            };
            diff("url", json!(before.url), json!(v.url));
            diff("title", json!(before.title), json!(v.title));
            diff("publisher", json!(before.publisher), json!(v.publisher));
            diff("author", json!(before.author), json!(v.author));
            diff("published_on", json!(before.published_on.map(|d| d.format("%Y-%m-%d").to_string())), json!(v.published_on));
            diff("kind", json!(before.kind), json!(input.kind));
            diff("reliability", json!(before.reliability), json!(input.reliability));
            diff("reliability_note", json!(before.reliability_note), json!(input.reliability_note.trim()));
            diff("confidential", json!(before.confidential), json!(input.confidential));
            if changes.is_empty() {
                return Ok(());
            }
            tx.conn().execute(
                "UPDATE sources SET url = ?1, url_key = ?2, title = ?3, publisher = ?4, author = ?5, published_on = ?6,
                        kind = ?7, reliability = ?8, reliability_note = ?9, confidential = ?10, updated_at = ?11
                 WHERE id = ?12",
                params![
                    v.url,
                    v.url_key,
                    v.title,
                    v.publisher,
                    v.author,
                    v.published_on,
                    input.kind.as_str(),
                    input.reliability.as_str(),
                    input.reliability_note.trim(),
                    input.confidential,
                    tx.now,
                    id
                ],
            )?;
            if changes.iter().any(|c| c.field == "title") {
                tx.reindex_source_context(id)?;
            }
            let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
            tx.record("source", uuid, None, "updated", &format!("Edited the source: {}", fields.join(", ")), &changes)?;
            Ok(())
        })?;
        self.get_source(uuid)
    }

    pub fn get_source(&self, uuid: &str) -> Result<Source> {
        self.conn()
            .query_row(
                &format!("SELECT {SOURCE_COLS} FROM sources s {LATEST_CAPTURE_JOIN} WHERE s.uuid = ?1"),
                [uuid],
                |r| source_from_row(r, 0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("source", uuid))
    }

    /// The source stored under the same address as `url` (ignoring scheme, `www.`, tracking
    /// parameters and trailing slash), if any.
    pub fn find_source_by_url(&self, url: &str) -> Result<Option<Source>> {
        let key = url_key(url)?;
        let uuid: Option<String> = self
            .conn()
            .query_row("SELECT uuid FROM sources WHERE url_key = ?1 ORDER BY id LIMIT 1", [&key], |r| r.get(0))
            .optional()?;
        uuid.map(|u| self.get_source(&u)).transpose()
    }

    /// The UUID of the source stored with exactly this address, if any.
    pub(crate) fn source_uuid_with_url(&self, url: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT uuid FROM sources WHERE url = ?1", [url], |r| r.get(0)).optional()?)
    }

    /// The Sources view: filtered by words, kind and reliability, in the chosen order.
    pub fn list_sources(&self, q: &SourceQuery) -> Result<Vec<Source>> {
        let mut args: Vec<String> = Vec::new();
        let mut sql = format!("SELECT {SOURCE_COLS} FROM sources s {LATEST_CAPTURE_JOIN} WHERE 1");
        for w in q.search.as_deref().unwrap_or("").split_whitespace() {
            args.push(format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
            let i = args.len();
            sql.push_str(&format!(
                " AND (s.title LIKE ?{i} ESCAPE '\\' OR s.publisher LIKE ?{i} ESCAPE '\\'
                       OR s.author LIKE ?{i} ESCAPE '\\' OR s.url LIKE ?{i} ESCAPE '\\')"
            ));
        }
        if let Some(k) = q.kind {
            args.push(k.as_str().to_string());
            sql.push_str(&format!(" AND s.kind = ?{}", args.len()));
        }
        if let Some(r) = q.reliability {
            args.push(r.as_str().to_string());
            sql.push_str(&format!(" AND s.reliability = ?{}", args.len()));
        }
        sql.push_str(match q.sort {
            SourceSort::Added => " ORDER BY s.created_at DESC, s.id DESC",
            SourceSort::Title => " ORDER BY s.title COLLATE NOCASE, s.id",
            SourceSort::Published => " ORDER BY s.published_on IS NULL, s.published_on DESC, s.id DESC",
            SourceSort::Cited => " ORDER BY 13 DESC, s.created_at DESC, s.id DESC",
        });
        sql.push_str(&format!(" LIMIT {MAX_SOURCE_LIST}"));
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| source_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything the source view shows: details, every capture, the newest text and the claims
    /// that cite it with their excerpts anchored.
    pub fn source_detail(&self, uuid: &str) -> Result<SourceDetail> {
        let source = self.get_source(uuid)?;
        let id: i64 = self.conn().query_row("SELECT id FROM sources WHERE uuid = ?1", [uuid], |r| r.get(0))?;
        let captures = self.source_captures(id)?;
        let latest_text = self.latest_capture_text(id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.uuid, c.text, c.status, e.uuid, e.stance, e.excerpt, e.capture_id
             FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE e.source_id = ?1 ORDER BY e.id DESC",
        )?;
        type CitationRow = (String, String, String, String, String, String, Option<i64>);
        let rows: Vec<CitationRow> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut citations = Vec::with_capacity(rows.len());
        for (claim_uuid, claim_text, status, evidence_uuid, stance, excerpt, capture_id) in rows {
            citations.push(SourceCitation {
                claim_uuid,
                claim_text,
                status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                evidence_uuid,
                stance: Stance::parse(&stance).unwrap_or(Stance::Context),
                anchor: self.anchor_evidence(&excerpt, capture_id, id, latest_text.as_ref())?,
                excerpt,
            });
        }
        Ok(SourceDetail { source, captures, text: latest_text.map(|(_, t)| t).unwrap_or_default(), citations })
    }

    fn source_captures(&self, source_id: i64) -> Result<Vec<CaptureInfo>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {CAPTURE_COLS} FROM captures c WHERE c.source_id = ?1 ORDER BY c.id DESC"))?;
        let rows = stmt.query_map([source_id], |r| capture_from_row(r, 0))?;
        Ok(rows.filter_map(|r| r.transpose()).collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_capture(&self, uuid: &str) -> Result<CaptureInfo> {
        self.conn()
            .query_row(&format!("SELECT {CAPTURE_COLS} FROM captures c WHERE c.uuid = ?1"), [uuid], |r| {
                capture_from_row(r, 0)
            })
            .optional()?
            .flatten()
            .ok_or_else(|| Error::not_found("capture", uuid))
    }

    /// The readable text of one capture.
    pub fn capture_text(&self, uuid: &str) -> Result<String> {
        self.conn()
            .query_row("SELECT text FROM captures WHERE uuid = ?1", [uuid], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("capture", uuid))
    }

    /// The raw bytes of one capture, as received.
    pub fn capture_bytes(&self, uuid: &str) -> Result<Vec<u8>> {
        self.conn()
            .query_row(
                "SELECT b.bytes FROM captures c JOIN blobs b ON b.sha256 = c.sha256 WHERE c.uuid = ?1",
                [uuid],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("capture", uuid))
    }

    /// What changed between two captures of the same source, paragraph by paragraph.
    pub fn diff_captures(&self, from_uuid: &str, to_uuid: &str) -> Result<Vec<crate::web::DiffLine>> {
        let source_of = |u: &str| -> Result<i64> {
            self.conn()
                .query_row("SELECT source_id FROM captures WHERE uuid = ?1", [u], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::not_found("capture", u))
        };
        if source_of(from_uuid)? != source_of(to_uuid)? {
            return Err(Error::validation("capture", "Only two captures of the same source can be compared."));
        }
        Ok(crate::web::diff_text(&self.capture_text(from_uuid)?, &self.capture_text(to_uuid)?))
    }

    fn latest_capture_text(&self, source_id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, text FROM captures WHERE source_id = ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([source_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Anchors an excerpt in the capture it was checked against (or, for links made before the
    /// source had one, its newest capture) and checks the newest capture still has it.
    fn anchor_evidence(
        &self,
        excerpt: &str,
        capture_id: Option<i64>,
        source_id: i64,
        latest: Option<&(i64, String)>,
    ) -> Result<ExcerptAnchor> {
        let fetched;
        let latest = match latest {
            Some(l) => Some(l),
            None => {
                fetched = self.latest_capture_text(source_id)?;
                fetched.as_ref()
            }
        };
        let checked_id = capture_id.or(latest.map(|l| l.0));
        let checked: Option<String> = match (checked_id, latest) {
            (Some(c), Some(l)) if c == l.0 => Some(l.1.clone()),
            (Some(c), _) => {
                self.conn().query_row("SELECT text FROM captures WHERE id = ?1", [c], |r| r.get(0)).optional()?
            }
            (None, _) => None,
        };
        let newer = latest.filter(|l| Some(l.0) != checked_id).map(|l| l.1.as_str());
        Ok(anchor(excerpt, checked.as_deref(), newer))
    }

    /// Links a claim to a source as evidence, checked against the source's newest capture.
    pub fn add_evidence(&mut self, input: &EvidenceInput) -> Result<Evidence> {
        let uuid = self.write(|tx| tx.insert_evidence(input, None))?;
        let id: i64 = self.conn().query_row("SELECT claim_id FROM evidence WHERE uuid = ?1", [&uuid], |r| r.get(0))?;
        self.claim_evidence(id)?
            .into_iter()
            .find(|e| e.uuid == uuid)
            .ok_or_else(|| Error::not_found("evidence", uuid))
    }

    pub(crate) fn claim_evidence(&self, claim_id: i64) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {EVIDENCE_SOURCE_COLS}, e.uuid, e.excerpt, e.stance, e.note, e.created_at, e.capture_id, e.source_id,
                    {CAPTURE_COLS}
             FROM evidence e JOIN sources s ON s.id = e.source_id {LATEST_CAPTURE_JOIN}
             LEFT JOIN captures c ON c.id = e.capture_id
             WHERE e.claim_id = ?1 ORDER BY e.id"
        ))?;
        let rows: Vec<(Evidence, Option<i64>, i64)> = stmt
            .query_map([claim_id], |r| {
                let at = SOURCE_WIDTH;
                let stance: String = r.get(at + 2)?;
                Ok((
                    Evidence {
                        source: source_from_row(r, 0)?,
                        uuid: r.get(at)?,
                        excerpt: r.get(at + 1)?,
                        stance: Stance::parse(&stance).unwrap_or(Stance::Context),
                        note: r.get(at + 3)?,
                        created_at: parse_ts(&r.get::<_, String>(at + 4)?)?,
                        capture: capture_from_row(r, at + 7)?,
                        anchor: ExcerptAnchor {
                            state: AnchorState::NoCapture,
                            start: None,
                            end: None,
                            context: None,
                            in_latest: None,
                        },
                    },
                    r.get(at + 5)?,
                    r.get(at + 6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (mut e, capture_id, source_id) in rows {
            e.anchor = self.anchor_evidence(&e.excerpt, capture_id, source_id, None)?;
            out.push(e);
        }
        Ok(out)
    }

    /// Fills `url_key` for sources stored before schema v3.
    pub(crate) fn backfill_url_keys(&mut self) -> Result<()> {
        let todo: Vec<(i64, String)> = self
            .conn()
            .prepare("SELECT id, url FROM sources WHERE url_key IS NULL AND url <> ''")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if todo.is_empty() {
            return Ok(());
        }
        let tx = self.upkeep_transaction()?;
        for (id, url) in todo {
            if let Ok(key) = url_key(&url) {
                tx.execute("UPDATE sources SET url_key = ?1 WHERE id = ?2", params![key, id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
