//! Importing a JSON bundle (`{"factdesk_export": 2, …}`, the types of [`crate::model::bundle`]):
//! the whole workspace, or the claims an export selected with everything they rest on.
//!
//! Each claim is a record of the import report. A claim the workspace lacks comes in as it was,
//! with its UUID, times, history, evidence checked against its captures, sign-offs, other
//! publishers' reviews and "same claim" links. A claim the workspace has (same UUID) is brought up
//! to the file's copy through the edits a checker makes, each with its history row: a new verdict
//! when the file's current one differs, then its fields and status as one edit; that is an
//! `update`. What the store refuses (a published claim's wording, a move the workflow does not
//! allow, a verdict that would need a correction) skips the record and says why. Evidence,
//! appearances and the rest of a claim the workspace has are not merged. Sources (with their
//! captures), claimants, rating scales and checklist items come in when the workspace lacks them;
//! settings, the active checklist and the rating-name table only into an empty workspace.
//!
//! Older files still import: a version 1 export (the report's data, without times, captures or
//! history) and the claims CSV are read into the report's claim, the shape version 1 wrote, and
//! made records of this version inside the import's transaction, where the workspace's scale maps
//! their ratings.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::claimreview::{parse_json, Problem};
use super::ratings::{check_names, GivenRating, Mapper};
use super::{short, strict_refusal, ImportAction, ImportItem, ImportReport};
use crate::error::{Error, Result};
use crate::model::bundle::*;
use crate::model::{ClaimInput, ClaimOrigin, ClaimStatus, VerdictInput};
use crate::report::{ClaimReport, EvidenceBody};
use crate::store::{new_uuid, parse_ts, validate_url, Tx};

/// A record of a file: where, what was read from it (or why nobody could use it), and what in it
/// could not be used as given (`problems`: with `strict` they refuse the file) or is worth a word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found<T> {
    pub position: usize,
    pub path: String,
    pub read: std::result::Result<T, Problem>,
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Document {
    /// This version: its claims read one by one (a claim that does not fit is skipped, not the
    /// file), the rest of the bundle as a whole.
    Current { bundle: Bundle, claims: Vec<Found<ClaimRecord>> },
    /// A version 1 export: the report's data.
    V1 { scope: Option<String>, claims: Vec<Found<ClaimReport>> },
}

/// Reads a JSON bundle. A file that is not one (ClaimReview, some other JSON, a newer version) is
/// refused with what it is.
pub(crate) fn read(bytes: &[u8]) -> Result<Document> {
    let mut v = parse_json(bytes, "\"text\":", "claim")?;
    let version = match v.get("factdesk_export") {
        Some(n) => n.as_u64().filter(|n| *n > 0).ok_or_else(|| Error::validation("factdesk_export", "factdesk_export is not a version number."))?,
        None => return Err(not_an_export(&v)),
    };
    if version > u64::from(BUNDLE_VERSION) {
        return Err(Error::validation(
            "factdesk_export",
            format!(
                "This export was written by a newer Factdesk (export version {version}; this one reads up to {BUNDLE_VERSION}). \
                 Update Factdesk to import it. Nothing was imported."
            ),
        ));
    }
    let Some(Value::Array(claims)) = v.get_mut("claims").map(Value::take) else {
        return Err(Error::validation("claims", "The export has no list of claims (field “claims”). Nothing was imported."));
    };
    if version == 1 {
        let scope = v.get("scope").and_then(Value::as_str).map(str::to_string);
        return Ok(Document::V1 { scope, claims: found(claims) });
    }
    v["claims"] = Value::Array(Vec::new());
    if let Some(Err(p)) = v.as_object().map(super::file::record_without_nul) {
        return Err(Error::validation("file", format!("In the bundle, {}. Nothing was imported.", p.message)));
    }
    let bundle = serde_json::from_value(v).map_err(|e| {
        Error::validation("file", format!("The bundle does not have the shape of version {version}: {e}. Nothing was imported."))
    })?;
    Ok(Document::Current { bundle, claims: found(claims) })
}

/// Each claim of the file, read on its own.
fn found<T: serde::de::DeserializeOwned>(claims: Vec<Value>) -> Vec<Found<T>> {
    claims
        .into_iter()
        .enumerate()
        .map(|(i, c)| Found {
            position: i + 1,
            path: format!("claims[{i}]"),
            read: c.as_object().map_or(Ok(()), super::file::record_without_nul).and_then(|()| {
                serde_json::from_value(c).map_err(|e| Problem { field: "claims", message: format!("not a claim of this export's version: {e}") })
            }),
            problems: Vec::new(),
            notes: Vec::new(),
        })
        .collect()
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

pub(crate) fn apply(tx: &Tx<'_>, doc: &Document, strict: bool) -> Result<ImportReport> {
    const FROM: &str = "a Factdesk JSON export";
    let (mut report, scope) = match doc {
        Document::Current { bundle, claims } => (restore(tx, bundle, claims, strict, true, FROM)?, Some(&bundle.scope)),
        Document::V1 { scope, claims } => (apply_legacy(tx, claims, strict, FROM)?, scope.as_ref()),
    };
    if let Some(scope) = scope.filter(|s| !s.is_empty()) {
        report.notes.insert(0, format!("export of: {scope}"));
    }
    Ok(report)
}

/// Imports claims in the shape of version 1 (a version 1 export, or the claims CSV read into it).
pub(crate) fn apply_legacy(tx: &Tx<'_>, claims: &[Found<ClaimReport>], strict: bool, from: &str) -> Result<ImportReport> {
    let mapper = Mapper::load(tx)?;
    let now = parse_ts(tx.now())?;
    let mut bundle = Bundle::default();
    // Oldest first, as a bundle holds them (these files list the newest first), so the claim list
    // shows them in the file's order.
    let records: Vec<_> = claims.iter().rev().map(|f| upgrade(&mapper, f, now, &mut bundle)).collect();
    restore(tx, &bundle, &records, strict, false, from)
}

/// With `strict`, the first record (in the file's order) that cannot be used as given refuses the file.
/// (Legacy records come in reversed, so the order is the records' positions, not the slice's.)
fn first_problem<T>(claims: &[Found<T>]) -> Result<()> {
    let first = claims
        .iter()
        .filter_map(|f| f.read.as_ref().err().or(f.problems.first()).map(|p| (f, p)))
        .min_by_key(|(f, _)| f.position);
    match first {
        Some((f, p)) => Err(strict_refusal(f.position, &f.path, p.field, &p.message)),
        None => Ok(()),
    }
}

/// Imports a bundle's records in one transaction; `settings`: the file carries the settings of
/// its workspace, which an empty workspace takes.
fn restore(
    tx: &Tx<'_>,
    b: &Bundle,
    claims: &[Found<ClaimRecord>],
    strict: bool,
    settings: bool,
    from: &str,
) -> Result<ImportReport> {
    if strict {
        first_problem(claims)?;
    }
    let mut report = ImportReport::new();
    let mut noted = Noted { tx, strict, notes: &mut report.notes };
    let as_given = settings && tx.is_empty_workspace()?;
    for s in &b.scales {
        noted.attempt(&format!("the rating scale “{}”", s.name), || tx.restore_scale(s))?;
    }
    if as_given {
        tx.restore_settings(b)?;
        check_names(&b.rating_names)?;
        tx.replace_rating_names(&b.rating_names)?;
    } else if settings && tx.settings_differ(b)? {
        noted.notes.push("this workspace keeps its own settings, checklist and rating names: a file's come in only into an empty workspace".into());
    }
    for i in &b.checklist {
        noted.attempt(&format!("the checklist item “{}”", i.label), || tx.restore_checklist_item(i, as_given))?;
    }
    let mut claimants = HashMap::new();
    for c in &b.claimants {
        if let Some(k) = noted.attempt(&format!("the claimant “{}”", c.name), || tx.restore_claimant(c))? {
            claimants.insert(c.uuid.as_str(), k);
        }
    }
    for blob in &b.blobs {
        noted.attempt(&format!("the bytes of SHA-256 {}", blob.sha256), || tx.restore_blob(blob))?;
    }
    let mut sources = HashMap::new();
    for s in &b.sources {
        if let Some(id) = noted.attempt(&format!("the source “{}”", s.title), || tx.restore_source(s))? {
            sources.insert(s.uuid.clone(), id);
        }
    }
    for f in claims {
        report.items.push(import_claim(tx, f, &claimants, &sources, strict)?);
    }
    let created: HashSet<&str> =
        report.items.iter().filter(|i| i.action == ImportAction::Create).filter_map(|i| i.claim_uuid.as_deref()).collect();
    for l in b.links.iter().filter(|l| l.claims.iter().any(|u| created.contains(u.as_str()))) {
        tx.restore_link(l)?;
    }
    for c in b.sources.iter().flat_map(|s| &s.captures) {
        for d in &c.decisions {
            tx.restore_decision(&c.uuid, d)?;
        }
    }
    // A claim's history comes with the claim; the rest when the workspace lacks it.
    let mut told = HashSet::new();
    for h in &b.history {
        if let Some(u) = &h.claim {
            if !created.contains(u.as_str()) {
                continue;
            }
            told.insert(u.as_str());
        }
        tx.restore_history(h)?;
    }
    // A claim that came without its history says where it came from.
    for u in report.items.iter().filter(|i| i.action == ImportAction::Create).filter_map(|i| i.claim_uuid.as_deref()) {
        if !told.contains(u) {
            tx.record("claim", u, Some(tx.claim_id(u)?), "imported", &format!("Imported from {from}"), &[])?;
        }
    }
    report.items.sort_by_key(|i| i.position);
    Ok(report)
}

/// The records of a bundle that are not claims: one the store refuses is left out with a note,
/// or with `strict` refuses the file.
struct Noted<'a, 't> {
    tx: &'a Tx<'t>,
    strict: bool,
    notes: &'a mut Vec<String>,
}

impl Noted<'_, '_> {
    fn attempt<T>(&mut self, what: &str, f: impl FnOnce() -> Result<T>) -> Result<Option<T>> {
        let why = match self.tx.attempt(f)? {
            Ok(v) => return Ok(Some(v)),
            Err(e) => refusal(&e),
        };
        if self.strict {
            return Err(Error::validation(
                "file",
                format!("In the bundle, {what} cannot be used as given: {why}. Nothing was imported (strict: every record must be usable as given)."),
            ));
        }
        self.notes.push(format!("{what} was left out: {why}"));
        Ok(None)
    }
}

/// Why the store refused a record, in words.
fn refusal(e: &Error) -> String {
    match e {
        Error::Storage(inner) => format!("the workspace refused it ({inner})"),
        other => other.to_string(),
    }
}

/// Creates or updates one claim (or says why not), as one item of the report.
fn import_claim(
    tx: &Tx<'_>,
    f: &Found<ClaimRecord>,
    claimants: &HashMap<&str, (i64, String)>,
    sources: &HashMap<String, i64>,
    strict: bool,
) -> Result<ImportItem> {
    let mut item = ImportItem {
        position: f.position,
        path: f.path.clone(),
        action: ImportAction::Skip,
        claim_uuid: None,
        claim: String::new(),
        publisher: String::new(),
        rating: String::new(),
        mapped_rating: None,
        reason: String::new(),
        notes: Vec::new(),
    };
    let c = match &f.read {
        Ok(c) => c,
        Err(p) => {
            item.reason = p.message.clone();
            return Ok(item);
        }
    };
    item.claim = short(&c.text);
    item.claim_uuid = Some(c.uuid.clone());
    item.notes.extend(f.problems.iter().map(|p| format!("{}: {}", p.field, p.message)));
    item.notes.extend(f.notes.iter().cloned());
    if let Some((key, label)) = current(c).map(|v| tx.rating_named(&v.rating)).transpose()?.flatten() {
        item.rating = label;
        item.mapped_rating = Some(key);
    }
    let claimant = match &c.claimant {
        Some(u) => match claimants.get(u.as_str()) {
            Some(k) => Some(k),
            None => {
                item.reason = format!("its claimant ({u}) is not in the file");
                return refuse_if_strict(item, "claimant", strict);
            }
        },
        None => None,
    };
    let existed = tx.has_claim(&c.uuid)?;
    let outcome = tx.attempt(|| {
        if existed {
            update(tx, c, claimant)
        } else {
            tx.restore_claim(c, claimant, sources).map(|left_out| {
                item.notes.extend(left_out);
                None
            })
        }
    })?;
    match outcome {
        Ok(_) if !existed => item.action = ImportAction::Create,
        Ok(Some(changed)) => {
            item.action = ImportAction::Update;
            item.reason = changed;
        }
        Ok(None) => {
            item.action = ImportAction::Unchanged;
            item.reason = "already in the workspace as the file has it (matched by its UUID)".into();
        }
        Err(e) => {
            item.reason = if existed {
                format!("the file changes this claim, but it was not updated: {}", refusal(&e))
            } else {
                refusal(&e)
            };
            return refuse_if_strict(item, e.field().unwrap_or("claim"), strict);
        }
    }
    Ok(item)
}

/// A skipped record: with `strict` it refuses the whole file.
fn refuse_if_strict(item: ImportItem, field: &'static str, strict: bool) -> Result<ImportItem> {
    if strict {
        return Err(strict_refusal(item.position, &item.path, field, &item.reason));
    }
    Ok(item)
}

/// The claim's current verdict: the one nothing superseded.
fn current(c: &ClaimRecord) -> Option<&VerdictRecord> {
    c.verdicts.iter().rev().find(|v| v.superseded_at.is_none())
}

/// Brings a claim of the workspace up to the file's copy through the edits a checker makes, each
/// recorded in its history: a new verdict when the file's current one differs (first, so that a
/// claim the file publishes has its verdict), then its fields and status as one edit. What
/// changed, in words; None when nothing did.
fn update(tx: &Tx<'_>, c: &ClaimRecord, claimant: Option<&(i64, String)>) -> Result<Option<String>> {
    let mut changed = Vec::new();
    if let Some(v) = current(c) {
        if tx.current_verdict(&c.uuid)? != Some((v.rating.clone(), v.rationale.trim().to_string())) {
            let (key, label) = tx.rating_named(&v.rating)?.ok_or_else(|| {
                Error::validation("verdict", format!("its current verdict's rating ({}) is on no rating scale of the file or the workspace", v.rating))
            })?;
            let input = VerdictInput { claim_uuid: c.uuid.clone(), rating_key: key, rationale: v.rationale.clone(), correction_reason: None, correction_kind: None };
            tx.insert_verdict(&input, None)?;
            changed.push(format!("recorded verdict “{label}”"));
        }
    }
    let input = ClaimInput {
        text: c.text.clone(),
        summary: c.summary.clone(),
        claimant: claimant.map(|(_, name)| name.clone()),
        claimant_role: None,
        said_on: c.said_on.map(|d| d.to_string()),
        said_where: c.said_where.clone(),
        status: Some(c.status),
        tags: c.tags.clone(),
        language: c.language.clone(),
        context: c.context.clone(),
        assignee: c.assignee.clone(),
    };
    if let Some(edit) = tx.update_claim(&c.uuid, &input)? {
        changed.insert(0, edit);
    }
    Ok((!changed.is_empty()).then(|| changed.join("; ")))
}

/// A claim in the shape of version 1 as this version's record, its claimant and sources added to
/// `b`. What that shape lacks is made up: times are the import's, missing UUIDs new ones, and each
/// verdict's rating is found on the workspace's scale by key, else mapped from its label and value
/// as another publisher's rating would be (a verdict neither finds is left out).
fn upgrade(mapper: &Mapper, f: &Found<ClaimReport>, now: DateTime<Utc>, b: &mut Bundle) -> Found<ClaimRecord> {
    let mut problems = f.problems.clone();
    let mut notes = f.notes.clone();
    let uuid = |u: &str| if u.is_empty() { new_uuid() } else { u.to_string() };
    let read = f.read.clone().map(|c| {
        let claimant = c.claimant.map(|cl| {
            let id = uuid(&cl.uuid);
            if !b.claimants.iter().any(|x| x.uuid == id) {
                b.claimants.push(ClaimantRecord {
                    uuid: id.clone(),
                    name: cl.name,
                    role: cl.role,
                    affiliation: cl.affiliation,
                    created_at: now,
                    updated_at: now,
                });
            }
            id
        });
        let mut appearances = Vec::new();
        for a in c.appearances {
            if a.confidential {
                notes.push("an appearance held by a confidential source is withheld by exports and was not imported".into());
                continue;
            }
            let url = if a.url.is_empty() || validate_url(&a.url).is_ok() {
                a.url
            } else {
                let shown: String = a.url.chars().take(80).collect();
                problems.push(Problem { field: "appearances.url", message: format!("“{shown}” is not a web address; it was left out") });
                String::new()
            };
            if url.is_empty() && a.outlet.is_empty() {
                continue;
            }
            appearances.push(Access::Open(AppearanceRecord {
                uuid: uuid(&a.uuid),
                url,
                outlet: a.outlet,
                medium: a.medium,
                appeared_on: a.appeared_on,
                is_first: a.is_first,
                source: None,
                created_at: now,
            }));
        }
        let mut verdicts: Vec<VerdictRecord> = Vec::new();
        for v in c.earlier_verdicts.into_iter().rev().chain(c.verdict) {
            let r = &v.rating;
            let given = || GivenRating {
                text: r.label.clone(),
                value: r.value.map(|n| n.to_string()),
                best: r.best.map(|n| n.to_string()),
                worst: r.worst.map(|n| n.to_string()),
            };
            let rating = mapper.ratings.iter().find(|s| !r.key.is_empty() && s.key == r.key).or_else(|| mapper.map(&given()).map(|(s, _)| s));
            let Some(rating) = rating else {
                let key = if r.key.is_empty() { "no key" } else { r.key.as_str() };
                problems.push(Problem {
                    field: "verdict.rating",
                    message: format!("the rating “{}” ({key}) is not on this workspace's scale and no mapping fits; that verdict was left out", r.label),
                });
                continue;
            };
            if v.rationale.trim().is_empty() {
                problems.push(Problem { field: "verdict.rationale", message: "a verdict without a rationale was left out".into() });
                continue;
            }
            // Each is superseded by the next one kept.
            let id = uuid(&v.uuid);
            if let Some(previous) = verdicts.last_mut() {
                previous.superseded_by = Some(id.clone());
                previous.superseded_at.get_or_insert(v.recorded_at);
            }
            verdicts.push(VerdictRecord {
                uuid: id,
                rating: rating.uuid.clone(),
                rationale: v.rationale,
                author: v.author,
                correction_reason: None,
                created_at: v.recorded_at,
                superseded_at: v.superseded_at,
                superseded_by: None,
            });
        }
        let evidence = c
            .evidence
            .into_iter()
            .map(|e| match e.body {
                EvidenceBody::Confidential { source_kind } => Access::Confidential { source_kind },
                EvidenceBody::Open(o) => {
                    let s = o.source;
                    let source = uuid(&s.uuid);
                    if !b.sources.iter().any(|x| x.uuid == source) {
                        b.sources.push(SourceRecord {
                            uuid: source.clone(),
                            url: s.url,
                            title: s.title,
                            publisher: s.publisher,
                            author: s.author,
                            published_on: s.published_on,
                            accessed_at: None,
                            kind: s.kind,
                            reliability: s.reliability,
                            reliability_note: String::new(),
                            created_at: now,
                            updated_at: now,
                            captures: Vec::new(),
                        });
                    }
                    if o.capture.is_some() {
                        notes.push("archived copies (captures) are not in an export of version 1, only their hashes: the evidence comes in without one".into());
                    }
                    Access::Open(EvidenceRecord {
                        uuid: uuid(&e.uuid),
                        source,
                        capture: None,
                        excerpt: o.excerpt,
                        stance: e.stance,
                        note: o.note,
                        created_at: now,
                        updated_at: now,
                    })
                }
            })
            .collect();
        let corrections = c
            .corrections
            .into_iter()
            .rev()
            .map(|k| CorrectionRecord { uuid: uuid(&k.uuid), kind: k.kind, reason: k.reason, what: k.what, actor: k.actor, at: k.at })
            .collect();
        let published_at = match (c.published_on, c.status) {
            (Some(d), _) => Some(d.and_time(chrono::NaiveTime::MIN).and_utc()),
            (None, ClaimStatus::Published | ClaimStatus::Corrected) => Some(now),
            _ => None,
        };
        ClaimRecord {
            uuid: uuid(&c.uuid),
            text: c.text,
            summary: c.summary,
            claimant,
            said_on: c.said_on,
            said_where: c.said_where,
            status: c.status,
            origin: ClaimOrigin::Desk,
            language: c.language,
            context: c.context,
            assignee: c.assignee,
            worthiness: None,
            published_at,
            published_url: None,
            created_at: now,
            updated_at: now,
            tags: c.tags,
            appearances,
            evidence,
            verdicts,
            corrections,
            checks: Vec::new(),
            reviews: Vec::new(),
        }
    });
    notes.dedup();
    Found { position: f.position, path: f.path.clone(), read, problems, notes }
}
