//! What a report shows of many claims, read in bulk (issue 15): one query per kind of row (claims
//! with their claimants, tags, appearances, evidence with sources and captures, verdicts with their
//! ratings and scale bounds, corrections) over a batch of claims, assembled here in Rust.
//!
//! The claim view (`Store::get_claim`) reads one claim with a dozen queries and much a report does
//! not show (history, checklist, links, imported reviews, what the workflow allows next); an export
//! of thousands of claims made that many queries per claim. [`Store::report_rows`] reads only what
//! the report shows, with the same orders and the same excerpt checks as the claim view, so a
//! report built from it is the one built from `get_claim` (a test in `tests/report_bulk.rs` pins
//! that). Other publishers' reviews of a claim are not read: no report shows them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::verdicts::{rating_from_row, RATING_COLS};
use super::{parse_date, parse_ts, Store};
use crate::error::{Error, Result};
use crate::model::{
    AnchorState, Appearance, ClaimStatus, Claimant, Correction, Reliability, SourceKind, Stance, Verdict,
};

/// A claim and the rows a report shows of it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReportClaimRows {
    pub uuid: String,
    pub text: String,
    pub summary: String,
    pub claimant: Option<Claimant>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    pub status: ClaimStatus,
    pub language: String,
    pub context: String,
    pub assignee: String,
    /// In the claim view's order (by tag).
    pub tags: Vec<String>,
    /// When the claim was first published; None if never (or if the time does not read).
    pub published_at: Option<DateTime<Utc>>,
    /// First appearance first, as the claim view lists them; each with the kind of the
    /// confidential source that holds it, if one does (its address and outlet are then withheld).
    pub appearances: Vec<(Appearance, Option<SourceKind>)>,
    /// In the order linked.
    pub evidence: Vec<EvidenceRow>,
    /// Newest first, each with the best and worst values of its rating's own scale.
    pub verdicts: Vec<(Verdict, ScaleBounds)>,
    /// Newest first.
    pub corrections: Vec<Correction>,
}

/// A rating scale's best and worst values (ClaimReview `bestRating`, `worstRating`), where set.
pub(crate) type ScaleBounds = (Option<i32>, Option<i32>);

/// One evidence link with what a report cites of its source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EvidenceRow {
    pub uuid: String,
    pub stance: Stance,
    pub excerpt: String,
    pub note: String,
    pub source: EvidenceSourceRow,
    /// The capture the excerpt was checked against, when the link names one.
    pub capture: Option<CaptureRow>,
    /// Whether the excerpt is in the capture it was checked against (that capture, else the
    /// source's newest), as the claim view's anchor says. Not checked for a confidential source,
    /// whose excerpt no report shows: `NoCapture` then.
    pub excerpt_check: AnchorState,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EvidenceSourceRow {
    pub uuid: String,
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub published_on: Option<NaiveDate>,
    pub url: String,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub confidential: bool,
    pub accessed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaptureRow {
    pub uuid: String,
    pub captured_at: DateTime<Utc>,
    pub sha256: String,
    pub final_url: String,
}

/// The claims of a batch, each found by its id: the ids as a JSON list for `json_each`, and the
/// index of each claim in the batch.
struct Batch {
    ids: String,
    at: HashMap<i64, usize>,
}

impl Batch {
    /// The claim of the batch a row with this `claim_id` belongs to.
    fn claim<'a>(&self, claims: &'a mut [ReportClaimRows], claim_id: i64) -> Option<&'a mut ReportClaimRows> {
        self.at.get(&claim_id).map(|&i| &mut claims[i])
    }
}

impl Store {
    /// The report rows of the claims `uuids` (each once), in that order. Every kind of row is read
    /// with one query over the whole batch, so the cost is a handful of queries whatever its size;
    /// callers read a long selection a batch of a few hundred claims at a time, inside one
    /// [`Store::read_snapshot`]. A UUID that no claim has is an error.
    pub(crate) fn report_rows(&self, uuids: &[String]) -> Result<Vec<ReportClaimRows>> {
        let (mut claims, batch) = self.report_claims(uuids)?;
        if claims.is_empty() {
            return Ok(claims);
        }
        self.report_tags(&batch, &mut claims)?;
        self.report_appearances(&batch, &mut claims)?;
        self.report_evidence(&batch, &mut claims)?;
        self.report_verdicts(&batch, &mut claims)?;
        self.report_corrections(&batch, &mut claims)?;
        Ok(claims)
    }

    /// The claims' own rows with their claimants, in the order of `uuids`.
    fn report_claims(&self, uuids: &[String]) -> Result<(Vec<ReportClaimRows>, Batch)> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.uuid, c.text, c.summary, c.said_on, c.said_where, c.status, c.language, c.context, c.assignee,
                    c.published_at, cl.uuid, cl.name, cl.role, cl.affiliation
             FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
             WHERE c.uuid IN (SELECT value FROM json_each(?1))",
        )?;
        let mut found: HashMap<String, (i64, ReportClaimRows)> = stmt
            .query_map([json!(uuids).to_string()], |r| {
                let status: String = r.get(6)?;
                let claimant = match r.get::<_, Option<String>>(11)? {
                    Some(uuid) => Some(Claimant { uuid, name: r.get(12)?, role: r.get(13)?, affiliation: r.get(14)? }),
                    None => None,
                };
                let claim = ReportClaimRows {
                    uuid: r.get(1)?,
                    text: r.get(2)?,
                    summary: r.get(3)?,
                    claimant,
                    said_on: parse_date(r.get(4)?)?,
                    said_where: r.get(5)?,
                    status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                    language: r.get(7)?,
                    context: r.get(8)?,
                    assignee: r.get(9)?,
                    tags: Vec::new(),
                    published_at: r.get::<_, Option<String>>(10)?.and_then(|s| parse_ts(&s).ok()),
                    appearances: Vec::new(),
                    evidence: Vec::new(),
                    verdicts: Vec::new(),
                    corrections: Vec::new(),
                };
                Ok((claim.uuid.clone(), (r.get::<_, i64>(0)?, claim)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut claims = Vec::with_capacity(uuids.len());
        let mut ids = Vec::with_capacity(uuids.len());
        let mut at = HashMap::with_capacity(uuids.len());
        for uuid in uuids {
            let (id, claim) = found.remove(uuid).ok_or_else(|| Error::not_found("claim", uuid.as_str()))?;
            at.insert(id, claims.len());
            ids.push(id);
            claims.push(claim);
        }
        Ok((claims, Batch { ids: json!(ids).to_string(), at }))
    }

    fn report_tags(&self, batch: &Batch, claims: &mut [ReportClaimRows]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT claim_id, tag FROM claim_tags WHERE claim_id IN (SELECT value FROM json_each(?1)) ORDER BY claim_id, tag",
        )?;
        let mut rows = stmt.query([&batch.ids])?;
        while let Some(r) = rows.next()? {
            if let Some(c) = batch.claim(claims, r.get(0)?) {
                c.tags.push(r.get(1)?);
            }
        }
        Ok(())
    }

    fn report_appearances(&self, batch: &Batch, claims: &mut [ReportClaimRows]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.claim_id, a.uuid, a.url, a.outlet, a.medium, a.appeared_on, a.is_first, s.uuid, s.confidential, s.kind
             FROM appearances a LEFT JOIN sources s ON s.id = a.source_id
             WHERE a.claim_id IN (SELECT value FROM json_each(?1))
             ORDER BY a.claim_id, a.is_first DESC, a.appeared_on IS NULL, a.appeared_on, a.id",
        )?;
        let mut rows = stmt.query([&batch.ids])?;
        while let Some(r) = rows.next()? {
            let Some(c) = batch.claim(claims, r.get(0)?) else { continue };
            let appearance = Appearance {
                uuid: r.get(1)?,
                url: r.get(2)?,
                outlet: r.get(3)?,
                medium: r.get(4)?,
                appeared_on: parse_date(r.get(5)?)?,
                is_first: r.get(6)?,
                source_uuid: r.get(7)?,
            };
            let withheld = match r.get::<_, Option<bool>>(8)? {
                Some(true) => Some(SourceKind::parse(&r.get::<_, String>(9)?).unwrap_or_default()),
                _ => None,
            };
            c.appearances.push((appearance, withheld));
        }
        Ok(())
    }

    /// The evidence links with their sources and captures, and each excerpt checked against the
    /// capture it rests on, as the claim view checks it.
    fn report_evidence(&self, batch: &Batch, claims: &mut [ReportClaimRows]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.claim_id, e.uuid, e.stance, e.excerpt, e.note,
                    s.uuid, s.title, s.publisher, s.author, s.published_on, s.url, s.kind, s.reliability,
                    s.confidential, s.accessed_at,
                    k.uuid, k.captured_at, k.sha256, k.final_url,
                    coalesce(e.capture_id, (SELECT max(c2.id) FROM captures c2 WHERE c2.source_id = e.source_id))
             FROM evidence e JOIN sources s ON s.id = e.source_id LEFT JOIN captures k ON k.id = e.capture_id
             WHERE e.claim_id IN (SELECT value FROM json_each(?1))
             ORDER BY e.claim_id, e.id",
        )?;
        // The links whose excerpt is to be checked, by the capture it is checked against.
        let mut to_check: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
        let mut rows = stmt.query([&batch.ids])?;
        while let Some(r) = rows.next()? {
            let claim_id: i64 = r.get(0)?;
            let Some(&ci) = batch.at.get(&claim_id) else { continue };
            let stance: String = r.get(2)?;
            let kind: String = r.get(11)?;
            let reliability: String = r.get(12)?;
            let capture = match r.get::<_, Option<String>>(15)? {
                Some(uuid) => Some(CaptureRow {
                    uuid,
                    captured_at: parse_ts(&r.get::<_, String>(16)?)?,
                    sha256: r.get(17)?,
                    final_url: r.get(18)?,
                }),
                None => None,
            };
            let link = EvidenceRow {
                uuid: r.get(1)?,
                stance: Stance::parse(&stance).unwrap_or(Stance::Context),
                excerpt: r.get(3)?,
                note: r.get(4)?,
                source: EvidenceSourceRow {
                    uuid: r.get(5)?,
                    title: r.get(6)?,
                    publisher: r.get(7)?,
                    author: r.get(8)?,
                    published_on: parse_date(r.get(9)?)?,
                    url: r.get(10)?,
                    kind: SourceKind::parse(&kind).unwrap_or_default(),
                    reliability: Reliability::parse(&reliability).unwrap_or_default(),
                    confidential: r.get(13)?,
                    accessed_at: r.get::<_, Option<String>>(14)?.map(|s| parse_ts(&s)).transpose()?,
                },
                capture,
                excerpt_check: AnchorState::NoCapture,
            };
            let checked: Option<i64> = r.get(19)?;
            let evidence = &mut claims[ci].evidence;
            if !link.source.confidential {
                if link.excerpt.trim().is_empty() {
                    // The claim view's anchor says so before it looks for a capture.
                    evidence.push(EvidenceRow { excerpt_check: AnchorState::NoExcerpt, ..link });
                    continue;
                }
                if let Some(k) = checked {
                    to_check.entry(k).or_default().push((ci, evidence.len()));
                }
            }
            evidence.push(link);
        }
        if to_check.is_empty() {
            return Ok(());
        }
        // Each capture's text is read once and dropped once its excerpts are checked, so a batch
        // holds at most one capture's text at a time, however many it cites.
        let wanted: Vec<i64> = to_check.keys().copied().collect();
        let mut stmt =
            self.conn().prepare_cached("SELECT id, text FROM captures WHERE id IN (SELECT value FROM json_each(?1))")?;
        let mut rows = stmt.query([json!(wanted).to_string()])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text: String = r.get(1)?;
            for &(ci, ei) in to_check.get(&id).into_iter().flatten() {
                let e = &mut claims[ci].evidence[ei];
                e.excerpt_check = super::sources::anchor(&e.excerpt, Some(&text), None).state;
            }
        }
        Ok(())
    }

    fn report_verdicts(&self, batch: &Batch, claims: &mut [ReportClaimRows]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT v.claim_id, v.uuid, v.rationale, v.author, v.created_at, v.superseded_at, s.best_rating, s.worst_rating,
                    {RATING_COLS}
             FROM verdicts v JOIN ratings r ON r.id = v.rating_id LEFT JOIN rating_scales s ON s.id = r.scale_id
             WHERE v.claim_id IN (SELECT value FROM json_each(?1))
             ORDER BY v.claim_id, v.id DESC"
        ))?;
        let mut rows = stmt.query([&batch.ids])?;
        while let Some(r) = rows.next()? {
            let Some(c) = batch.claim(claims, r.get(0)?) else { continue };
            let verdict = Verdict {
                uuid: r.get(1)?,
                rationale: r.get(2)?,
                author: r.get(3)?,
                created_at: parse_ts(&r.get::<_, String>(4)?)?,
                superseded_at: r.get::<_, Option<String>>(5)?.map(|s| parse_ts(&s)).transpose()?,
                rating: rating_from_row(r, 8)?.ok_or(rusqlite::Error::InvalidQuery)?,
            };
            c.verdicts.push((verdict, (r.get(6)?, r.get(7)?)));
        }
        Ok(())
    }

    fn report_corrections(&self, batch: &Batch, claims: &mut [ReportClaimRows]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT claim_id, uuid, reason, what, actor, at, kind FROM corrections
             WHERE claim_id IN (SELECT value FROM json_each(?1)) ORDER BY claim_id, id DESC",
        )?;
        let mut rows = stmt.query([&batch.ids])?;
        while let Some(r) = rows.next()? {
            let Some(c) = batch.claim(claims, r.get(0)?) else { continue };
            c.corrections.push(Correction {
                uuid: r.get(1)?,
                reason: r.get(2)?,
                what: r.get(3)?,
                actor: r.get(4)?,
                at: parse_ts(&r.get::<_, String>(5)?)?,
                kind: super::workflow::correction_kind(&r.get::<_, String>(6)?),
            });
        }
        Ok(())
    }
}
