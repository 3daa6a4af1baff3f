//! Importing our own JSON export (`{"factdesk_export": 1, …}`): the complete data of the claims it
//! holds, so a whole workspace exported as one bundle can be brought into another.
//!
//! What comes in: claims (wording, summary, claimant with role and affiliation, when and where
//! said, status, language, tags, context, assignee, when published), their appearances, evidence
//! links with their sources (the non-confidential fields an export carries), every verdict with its
//! author and time (the superseded ones too, in order) and the correction notices. Every entity keeps
//! its UUID, so importing the same bundle again adds nothing, and a claim already in the workspace
//! is left as the workspace has it. What an export withholds stays out: confidential sources and
//! appearances (only their kind is in the file) and the bytes of captures (only their hash is).
//!
//! The file is read as plain JSON, field by field, rather than into the export's Rust types, so a
//! bundle written by an older or newer Factdesk with the same `factdesk_export` version still reads.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value};

use super::claimreview::{parse_json, Problem};
use super::ratings::{GivenRating, Mapper};
use super::{short, strict_refusal, ImportAction, ImportItem, ImportReport};
use crate::error::{Error, Result};
use crate::model::{ClaimInput, ClaimStatus, Reliability, SourceKind, Stance};
use crate::report::JSON_EXPORT_VERSION;
use crate::store::{fmt_ts, new_uuid, Tx};

const MAX_CLAIM_CHARS: usize = 5_000;

/// A claim to create, from a JSON bundle or a CSV row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub uuid: Option<String>,
    pub text: String,
    pub summary: String,
    pub claimant: Option<ClaimantPart>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    pub appearances: Vec<AppearancePart>,
    pub status: ClaimStatus,
    pub language: String,
    pub tags: Vec<String>,
    pub context: String,
    pub assignee: String,
    pub published_on: Option<NaiveDate>,
    /// Oldest first; the last is the current one unless it has `superseded_at`.
    pub verdicts: Vec<VerdictPart>,
    pub evidence: Vec<EvidencePart>,
    pub corrections: Vec<CorrectionPart>,
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClaimantPart {
    pub uuid: Option<String>,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AppearancePart {
    pub uuid: Option<String>,
    pub url: String,
    pub outlet: String,
    pub medium: String,
    pub appeared_on: Option<NaiveDate>,
    pub is_first: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VerdictPart {
    pub uuid: Option<String>,
    pub key: String,
    pub given: GivenRating,
    pub rationale: String,
    pub author: String,
    pub recorded_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EvidencePart {
    pub uuid: Option<String>,
    pub stance: Stance,
    pub excerpt: String,
    pub note: String,
    pub source: SourcePart,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourcePart {
    pub uuid: Option<String>,
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub published_on: Option<NaiveDate>,
    pub url: String,
    pub kind: SourceKind,
    pub reliability: Reliability,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CorrectionPart {
    pub uuid: Option<String>,
    pub at: DateTime<Utc>,
    pub what: String,
    pub reason: String,
    pub actor: String,
}

/// A record of a file: where, and the claim read from it or why nobody could use it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundClaim {
    pub position: usize,
    pub path: String,
    pub read: std::result::Result<Claim, Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub claims: Vec<FoundClaim>,
    pub notes: Vec<String>,
}

/// Reads a JSON export. A file that is not one (ClaimReview, some other JSON, a newer version) is
/// refused with what it is.
pub(crate) fn read(bytes: &[u8]) -> Result<Document> {
    let v = parse_json(bytes, "\"text\":", "claim")?;
    let Some(m) = v.as_object() else {
        return Err(not_an_export(&v));
    };
    let version = match m.get("factdesk_export") {
        Some(n) => n.as_u64().ok_or_else(|| Error::validation("factdesk_export", "factdesk_export is not a version number."))?,
        None => return Err(not_an_export(&v)),
    };
    if version > u64::from(JSON_EXPORT_VERSION) {
        return Err(Error::validation(
            "factdesk_export",
            format!(
                "This export was written by a newer Factdesk (export version {version}; this one reads up to {JSON_EXPORT_VERSION}). \
                 Update Factdesk to import it. Nothing was imported."
            ),
        ));
    }
    let claims = m.get("claims").and_then(Value::as_array).ok_or_else(|| {
        Error::validation("claims", "The export has no list of claims (field “claims”). Nothing was imported.")
    })?;
    let mut notes = Vec::new();
    if let Some(scope) = m.get("scope").and_then(Value::as_str) {
        notes.push(format!("export of: {scope}"));
    }
    let claims = claims
        .iter()
        .enumerate()
        .map(|(i, c)| FoundClaim { position: i + 1, path: format!("claims[{i}]"), read: read_claim(c) })
        .collect();
    Ok(Document { claims, notes })
}

fn not_an_export(v: &Value) -> Error {
    let claimreview = super::claimreview::read(v.to_string().as_bytes()).is_ok();
    let what = if claimreview {
        "This is ClaimReview markup, not a Factdesk JSON export: import it with `import claimreview`."
    } else {
        "This is not a Factdesk JSON export (it has no “factdesk_export” version)."
    };
    Error::validation("file", format!("{what} Nothing was imported."))
}

fn s(m: &Map<String, Value>, k: &str) -> String {
    m.get(k).and_then(Value::as_str).map(str::trim).unwrap_or("").to_string()
}

fn opt_s(m: &Map<String, Value>, k: &str) -> Option<String> {
    Some(s(m, k)).filter(|x| !x.is_empty())
}

/// A number or numeric string as text (`ratingValue` may be either, or null).
fn num_s(m: &Map<String, Value>, k: &str) -> Option<String> {
    match m.get(k)? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(x) if !x.trim().is_empty() => Some(x.trim().to_string()),
        _ => None,
    }
}

struct Fields<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    fn date(&mut self, m: &Map<String, Value>, k: &str, field: &'static str) -> Option<NaiveDate> {
        let raw = opt_s(m, k)?;
        match super::loose::date(&raw) {
            Some(d) => Some(d),
            None => {
                self.problems.push(Problem { field, message: format!("“{raw}” is not a date; it was left out") });
                None
            }
        }
    }

    fn time(&mut self, m: &Map<String, Value>, k: &str, field: &'static str) -> Option<DateTime<Utc>> {
        let raw = opt_s(m, k)?;
        match DateTime::parse_from_rfc3339(&raw) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                self.problems.push(Problem { field, message: format!("“{raw}” is not a time (RFC 3339)") });
                None
            }
        }
    }
}

fn read_claim(v: &Value) -> std::result::Result<Claim, Problem> {
    let m = v.as_object().ok_or(Problem { field: "claims", message: "not a claim (an object was expected)".into() })?;
    let text = s(m, "text");
    if text.is_empty() {
        return Err(Problem { field: "text", message: "no claim text".into() });
    }
    if text.chars().count() > MAX_CLAIM_CHARS {
        return Err(Problem { field: "text", message: format!("the claim text is longer than {MAX_CLAIM_CHARS} characters") });
    }
    let uuid = opt_s(m, "uuid");
    if let Some(u) = &uuid {
        if uuid::Uuid::parse_str(u).is_err() {
            return Err(Problem { field: "uuid", message: format!("“{u}” is not a UUID") });
        }
    }
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut f = Fields { problems: &mut problems };
    let claimant = m.get("claimant").and_then(Value::as_object).and_then(|c| {
        let name = s(c, "name");
        (!name.is_empty()).then(|| ClaimantPart { uuid: opt_s(c, "uuid"), name, role: opt_s(c, "role"), affiliation: opt_s(c, "affiliation") })
    });
    let said_on = f.date(m, "said_on", "said_on");
    let published_on = f.date(m, "published_on", "published_on");
    let status_raw = s(m, "status");
    let status = ClaimStatus::parse(&status_raw).unwrap_or_else(|| {
        if !status_raw.is_empty() {
            f.problems.push(Problem { field: "status", message: format!("“{status_raw}” is not a status; the claim comes in as new") });
        }
        ClaimStatus::New
    });
    let mut appearances = Vec::new();
    for a in m.get("appearances").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        if a.get("confidential").and_then(Value::as_bool) == Some(true) {
            notes.push("an appearance held by a confidential source is withheld by exports and was not imported".into());
            continue;
        }
        appearances.push(AppearancePart {
            uuid: opt_s(a, "uuid"),
            url: s(a, "url"),
            outlet: s(a, "outlet"),
            medium: s(a, "medium"),
            appeared_on: f.date(a, "appeared_on", "appearances.appeared_on"),
            is_first: a.get("is_first").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    // Verdicts: the earlier ones come newest first; stored oldest first, the current one last.
    let mut verdicts = Vec::new();
    let earlier: Vec<&Value> = m.get("earlier_verdicts").and_then(Value::as_array).map(|a| a.iter().rev().collect()).unwrap_or_default();
    for (field, v) in earlier.into_iter().map(|v| ("earlier_verdicts", v)).chain(m.get("verdict").filter(|v| !v.is_null()).map(|v| ("verdict", v))) {
        let Some(v) = v.as_object() else { continue };
        let r = v.get("rating").and_then(Value::as_object);
        let given = GivenRating {
            text: r.map(|r| s(r, "label")).unwrap_or_default(),
            value: r.and_then(|r| num_s(r, "value")),
            best: r.and_then(|r| num_s(r, "best")),
            worst: r.and_then(|r| num_s(r, "worst")),
        };
        let Some(recorded_at) = f.time(v, "recorded_at", if field == "verdict" { "verdict.recorded_at" } else { "earlier_verdicts.recorded_at" }) else {
            continue;
        };
        verdicts.push(VerdictPart {
            uuid: opt_s(v, "uuid"),
            key: r.map(|r| s(r, "key")).unwrap_or_default(),
            given,
            rationale: s(v, "rationale"),
            author: s(v, "author"),
            recorded_at,
            superseded_at: f.time(v, "superseded_at", "verdict.superseded_at"),
        });
    }
    let mut evidence = Vec::new();
    for e in m.get("evidence").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        if s(e, "access") == "confidential" {
            notes.push("an evidence link to a confidential source is withheld by exports and was not imported".into());
            continue;
        }
        let Some(src) = e.get("source").and_then(Value::as_object) else { continue };
        let kind = SourceKind::parse(&s(src, "kind")).unwrap_or_default();
        evidence.push(EvidencePart {
            uuid: opt_s(e, "uuid"),
            stance: Stance::parse(&s(e, "stance")).unwrap_or(Stance::Context),
            excerpt: s(e, "excerpt"),
            note: s(e, "note"),
            source: SourcePart {
                uuid: opt_s(src, "uuid"),
                title: s(src, "title"),
                publisher: s(src, "publisher"),
                author: s(src, "author"),
                published_on: f.date(src, "published_on", "evidence.source.published_on"),
                url: s(src, "url"),
                kind,
                reliability: Reliability::parse(&s(src, "reliability")).unwrap_or_default(),
            },
        });
        if e.get("capture").is_some_and(|c| !c.is_null()) {
            notes.push("archived copies (captures) are not in an export, only their hashes: the evidence comes in without one".into());
        }
    }
    let mut corrections = Vec::new();
    for c in m.get("corrections").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        let Some(at) = f.time(c, "at", "corrections.at") else { continue };
        corrections.push(CorrectionPart { uuid: opt_s(c, "uuid"), at, what: s(c, "what"), reason: s(c, "reason"), actor: s(c, "actor") });
    }
    corrections.reverse();
    notes.dedup();
    let tags = m
        .get("tags")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    Ok(Claim {
        uuid,
        text,
        summary: s(m, "summary"),
        claimant,
        said_on,
        said_where: s(m, "said_where"),
        appearances,
        status,
        language: s(m, "language"),
        tags,
        context: s(m, "context"),
        assignee: s(m, "assignee"),
        published_on,
        verdicts,
        evidence,
        corrections,
        problems,
        notes,
    })
}

pub(crate) fn apply(tx: &Tx<'_>, doc: &Document, strict: bool) -> Result<ImportReport> {
    let mapper = Mapper::load(tx)?;
    let mut report = ImportReport::new();
    report.notes = doc.notes.clone();
    if strict {
        first_problem(&doc.claims)?;
    }
    // Last first: claims stored in one go are listed newest (highest id) first, so the file's
    // order (newest said first, as exports write it) is the workspace's order too.
    for found in doc.claims.iter().rev() {
        report.items.push(apply_one(tx, &mapper, found, strict, "a Factdesk JSON export")?);
    }
    report.items.reverse();
    Ok(report)
}

/// With `strict`, the first record (in the file's order) that cannot be used as given refuses the file.
pub(crate) fn first_problem(claims: &[FoundClaim]) -> Result<()> {
    for f in claims {
        let p = match &f.read {
            Err(p) => Some(p),
            Ok(c) => c.problems.first(),
        };
        if let Some(p) = p {
            return Err(strict_refusal(f.position, &f.path, p.field, &p.message));
        }
    }
    Ok(())
}

/// Creates one claim of a bundle or CSV (or says why not), as one item of the report.
pub(crate) fn apply_one(tx: &Tx<'_>, mapper: &Mapper, found: &FoundClaim, strict: bool, from: &str) -> Result<ImportItem> {
    let mut item = ImportItem {
        position: found.position,
        path: found.path.clone(),
        action: ImportAction::Skip,
        claim_uuid: None,
        claim: String::new(),
        publisher: String::new(),
        rating: String::new(),
        mapped_rating: None,
        reason: String::new(),
        notes: Vec::new(),
    };
    let c = match &found.read {
        Err(p) => {
            if strict {
                return Err(strict_refusal(found.position, &found.path, p.field, &p.message));
            }
            item.reason = p.message.clone();
            return Ok(item);
        }
        Ok(c) => c,
    };
    item.claim = short(&c.text);
    item.rating = c.verdicts.last().map(|v| v.given.text.clone()).unwrap_or_default();
    let mut problems = c.problems.clone();
    // Checks the store would refuse, made here so that they skip (or refuse) this record by name.
    let language_ok = c.language.is_empty()
        || (c.language.len() <= 35 && c.language.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'));
    if !language_ok {
        problems.push(Problem { field: "language", message: format!("“{}” is not a language code; it was left out", c.language) });
    }
    let claimant = c.claimant.as_ref().filter(|cl| {
        let ok = cl.name.chars().count() <= 200;
        if !ok {
            problems.push(Problem { field: "claimant", message: "the claimant's name is longer than 200 characters; it was left out".into() });
        }
        ok
    });
    let said_on = match c.said_on {
        Some(d) if d > Utc::now().date_naive() + chrono::Days::new(1) => {
            problems.push(Problem { field: "said_on", message: format!("{d} is in the future; it was left out") });
            None
        }
        other => other,
    };
    let mut verdict_rows = Vec::new();
    for v in &c.verdicts {
        let rating = mapper.ratings.iter().find(|r| !v.key.is_empty() && r.key == v.key).or_else(|| mapper.map(&v.given).map(|(r, _)| r));
        match (rating, v.rationale.is_empty()) {
            (Some(r), false) => verdict_rows.push((v, r.id, r.key.clone())),
            (None, _) => problems.push(Problem {
                field: "verdict.rating",
                message: format!(
                    "the rating “{}” ({}) is not on this workspace's scale and no mapping fits; that verdict was left out",
                    v.given.text,
                    if v.key.is_empty() { "no key" } else { v.key.as_str() }
                ),
            }),
            (Some(_), true) => problems.push(Problem { field: "verdict.rationale", message: "a verdict without a rationale was left out".into() }),
        }
    }
    if let (true, Some(p)) = (strict, problems.first()) {
        return Err(strict_refusal(found.position, &found.path, p.field, &p.message));
    }
    item.notes.extend(problems.iter().map(|p| format!("{}: {}", p.field, p.message)));
    item.notes.extend(c.notes.iter().cloned());
    item.mapped_rating = verdict_rows.last().map(|(_, _, k)| k.clone());

    if let Some(u) = &c.uuid {
        let have: Option<String> = tx.prepare_cached("SELECT uuid FROM claims WHERE uuid = ?1")?.query_row([u], |r| r.get(0)).optional()?;
        if let Some(u) = have {
            item.claim_uuid = Some(u);
            item.action = ImportAction::Unchanged;
            item.reason = "already in the workspace (matched by its UUID); the workspace's copy is kept".into();
            return Ok(item);
        }
    }

    // The claimant: the same one (by UUID, even if renamed here), else by name, else a new one.
    let mut new_claimant = None;
    let claimant_name = match claimant {
        Some(cl) => {
            let by_uuid: Option<String> = match &cl.uuid {
                Some(u) => tx.query_row("SELECT name FROM claimants WHERE uuid = ?1", [u], |r| r.get(0)).optional()?,
                None => None,
            };
            let by_name: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM claimants WHERE name = ?1 COLLATE NOCASE)",
                [&cl.name],
                |r| r.get(0),
            )?;
            if by_uuid.is_none() && !by_name {
                new_claimant = Some(cl);
            }
            Some(by_uuid.unwrap_or_else(|| cl.name.clone()))
        }
        None => None,
    };
    let input = ClaimInput {
        text: c.text.clone(),
        summary: c.summary.clone(),
        claimant: claimant_name.clone(),
        claimant_role: claimant.and_then(|cl| cl.role.clone()),
        said_on: said_on.map(|d| d.to_string()),
        said_where: c.said_where.clone(),
        status: Some(ClaimStatus::New),
        tags: c.tags.clone(),
        language: if language_ok { c.language.clone() } else { String::new() },
        context: c.context.clone(),
        assignee: c.assignee.chars().take(200).collect(),
    };
    let (claim_id, claim_uuid) = tx.insert_claim(&input, c.uuid.as_deref())?;
    if let Some(cl) = new_claimant {
        let uuid_free = match &cl.uuid {
            Some(u) => !tx.query_row("SELECT EXISTS (SELECT 1 FROM claimants WHERE uuid = ?1)", [u], |r| r.get::<_, bool>(0))?,
            None => false,
        };
        tx.execute(
            "UPDATE claimants SET affiliation = ?1, uuid = CASE WHEN ?2 THEN ?3 ELSE uuid END WHERE name = ?4 COLLATE NOCASE",
            params![cl.affiliation, uuid_free, cl.uuid, cl.name],
        )?;
    }

    // Appearances, keeping their UUIDs; at most one first.
    let mut first_taken = false;
    for a in &c.appearances {
        let url = if a.url.is_empty() || crate::store::validate_url(&a.url).is_ok() {
            a.url.clone()
        } else {
            item.notes.push(format!("appearances.url: “{}” is not a web address; it was left out", a.url.chars().take(80).collect::<String>()));
            String::new()
        };
        if url.is_empty() && a.outlet.is_empty() {
            continue;
        }
        let is_first = a.is_first && !first_taken;
        first_taken |= is_first;
        tx.prepare_cached(
            "INSERT INTO appearances (uuid, claim_id, url, outlet, medium, appeared_on, is_first, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            free_uuid(tx, "appearances", a.uuid.as_deref())?,
            claim_id,
            url,
            a.outlet,
            a.medium,
            a.appeared_on.map(|d| d.to_string()),
            is_first,
            tx.now()
        ])?;
    }
    if !first_taken {
        tx.execute(
            "UPDATE appearances SET is_first = 1 WHERE id = (SELECT id FROM appearances WHERE claim_id = ?1 ORDER BY id LIMIT 1)",
            [claim_id],
        )?;
    }

    // Evidence and its sources: the same source by UUID or by address, else a new one.
    for e in &c.evidence {
        let Some(source_id) = source_for(tx, &e.source, &mut item.notes)? else { continue };
        tx.prepare_cached(
            "INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?
        .execute(params![
            free_uuid(tx, "evidence", e.uuid.as_deref())?,
            claim_id,
            source_id,
            e.excerpt.chars().take(20_000).collect::<String>(),
            e.stance.as_str(),
            e.note,
            tx.now()
        ])?;
    }

    // Verdicts in order, each superseded by the next, with their authors and times.
    let mut previous: Option<i64> = None;
    let n = verdict_rows.len();
    for (i, (v, rating_id, _)) in verdict_rows.iter().enumerate() {
        let superseded_at = match (i + 1 < n, v.superseded_at) {
            (_, Some(t)) => Some(t),
            (true, None) => Some(verdict_rows[i + 1].0.recorded_at),
            (false, None) => None,
        };
        tx.prepare_cached(
            "INSERT INTO verdicts (uuid, claim_id, rating_id, rationale, author, created_at, superseded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            free_uuid(tx, "verdicts", v.uuid.as_deref())?,
            claim_id,
            rating_id,
            v.rationale,
            v.author,
            fmt_ts(v.recorded_at),
            superseded_at.map(fmt_ts)
        ])?;
        let id = tx.last_insert_rowid();
        if let Some(p) = previous {
            tx.execute("UPDATE verdicts SET superseded_by = ?1 WHERE id = ?2", params![id, p])?;
        }
        previous = Some(id);
    }
    tx.reindex_claim_context(claim_id)?;
    for k in &c.corrections {
        if k.reason.is_empty() {
            continue;
        }
        tx.prepare_cached("INSERT INTO corrections (uuid, claim_id, reason, what, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![free_uuid(tx, "corrections", k.uuid.as_deref())?, claim_id, k.reason, k.what, k.actor, fmt_ts(k.at)])?;
    }
    let published_at = match (c.published_on, c.status) {
        (Some(d), _) => Some(format!("{d}T00:00:00.000000Z")),
        (None, ClaimStatus::Published | ClaimStatus::Corrected) => Some(tx.now().to_string()),
        _ => None,
    };
    tx.execute(
        "UPDATE claims SET status = ?1, published_at = ?2 WHERE id = ?3",
        params![c.status.as_str(), published_at, claim_id],
    )?;
    tx.record("claim", &claim_uuid, Some(claim_id), "imported", &format!("Imported from {from}"), &[])?;
    item.action = ImportAction::Create;
    item.claim_uuid = Some(claim_uuid);
    Ok(item)
}

/// `uuid` when no row of `table` has it yet, else a new one (a UUID is never shared by two rows).
fn free_uuid(tx: &Tx<'_>, table: &str, uuid: Option<&str>) -> Result<String> {
    if let Some(u) = uuid {
        let taken: bool =
            tx.prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"))?.query_row([u], |r| r.get(0))?;
        if !taken {
            return Ok(u.to_string());
        }
    }
    Ok(new_uuid())
}

/// The source of an evidence link: the same one by UUID or address, else created; None (with a
/// note) when it cannot be stored.
fn source_for(tx: &Tx<'_>, s: &SourcePart, notes: &mut Vec<String>) -> Result<Option<i64>> {
    if let Some(u) = &s.uuid {
        if let Some(id) = tx.prepare_cached("SELECT id FROM sources WHERE uuid = ?1")?.query_row([u], |r| r.get(0)).optional()? {
            return Ok(Some(id));
        }
    }
    let key = if s.url.is_empty() {
        None
    } else {
        match crate::store::url_key(&s.url) {
            Ok(k) => Some(k),
            Err(_) => {
                notes.push(format!("evidence.source.url: “{}” is not a web address; the source comes in without it", s.url.chars().take(80).collect::<String>()));
                None
            }
        }
    };
    if let Some(k) = &key {
        if let Some(id) = tx.prepare_cached("SELECT id FROM sources WHERE url_key = ?1 ORDER BY id LIMIT 1")?.query_row([k], |r| r.get(0)).optional()? {
            return Ok(Some(id));
        }
    }
    let title: String = s.title.chars().take(500).collect();
    if title.trim().is_empty() {
        notes.push("evidence.source.title: a source without a title was left out, with its evidence link".into());
        return Ok(None);
    }
    let input = crate::model::SourceInput {
        url: if key.is_some() { s.url.clone() } else { String::new() },
        title,
        publisher: s.publisher.clone(),
        author: s.author.clone(),
        published_on: s.published_on.map(|d| d.to_string()),
        kind: s.kind,
        reliability: s.reliability,
        reliability_note: String::new(),
        confidential: false,
    };
    let uuid = free_uuid(tx, "sources", s.uuid.as_deref())?;
    tx.insert_source(&input, Some(&uuid))?;
    Ok(Some(tx.query_row("SELECT id FROM sources WHERE uuid = ?1", [&uuid], |r| r.get(0))?))
}
