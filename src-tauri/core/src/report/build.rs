//! Builds the report data from the store: the selected claims' rows, read in bulk
//! (`Store::report_rows`), or one claim's view ([`claim_report`]), turned into report data with
//! confidential sources masked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::data::*;
use super::select::{resolve, Selection};
use super::summary::summarise;
use super::text::{fmt_time, one_line};
use crate::error::Result;
use crate::model::{ClaimDetail, Evidence, SourceKind, Verdict};
use crate::store::report_rows::{CaptureRow, EvidenceRow, EvidenceSourceRow, ReportClaimRows, ScaleBounds};
use crate::store::Store;

/// The settings key of the desk's name (the ClaimReview author).
pub const SETTING_DESK_NAME: &str = "desk_name";
/// The settings key of the desk organisation's own web address (the ClaimReview author's `url`).
pub const SETTING_DESK_URL: &str = "desk_url";
/// The settings key of the address of the desk organisation's logo (the ClaimReview author's `logo`).
pub const SETTING_DESK_LOGO_URL: &str = "desk_logo_url";
/// The settings key of the address fact-checks are published under: a base (the claim's UUID is
/// appended) or a template containing `{uuid}`.
pub const SETTING_PUBLICATION_URL: &str = "publication_url";

/// Choices the caller makes for an export. Unset fields fall back to the workspace settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportOptions {
    /// Printed as the report's date; None leaves the date out, so that exports of the same data
    /// are identical.
    pub generated_at: Option<DateTime<Utc>>,
    /// Overrides the `desk_name` setting.
    pub desk_name: Option<String>,
    /// Overrides the `publication_url` setting.
    pub publication_url: Option<String>,
}

/// The desk name and publication address in effect: the options, else the workspace settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Publishing {
    pub desk: Option<String>,
    pub desk_url: Option<String>,
    pub desk_logo: Option<String>,
    pub url: Option<String>,
}

pub(crate) fn publishing(store: &Store, opts: &ExportOptions) -> Result<Publishing> {
    let desk = match clean(&opts.desk_name) {
        Some(d) => Some(d),
        None => setting(store, SETTING_DESK_NAME)?,
    };
    let url = match clean(&opts.publication_url) {
        Some(u) => Some(u),
        None => setting(store, SETTING_PUBLICATION_URL)?,
    };
    Ok(Publishing { desk, desk_url: setting(store, SETTING_DESK_URL)?, desk_logo: setting(store, SETTING_DESK_LOGO_URL)?, url })
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn setting(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store.setting(key)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
}

/// Reads the selected claims and builds the collection. `progress(done, total)` is called after
/// each claim, for a progress bar in the app.
pub fn build_collection(
    store: &Store,
    selection: &Selection,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Collection> {
    build_collection_until(store, selection, opts, &mut |done, total| {
        progress(done, total);
        true
    })
}

/// [`build_collection`] that stops when `progress` answers false (the checker cancelled): then an
/// [`Error::Cancelled`] and nothing else happens. Asked after every claim read.
///
/// The claims are read in bulk, a few hundred at a time (`Store::report_rows`: a query per kind of
/// row for the whole batch), not one by one as the claim view reads a claim.
pub fn build_collection_until(
    store: &Store,
    selection: &Selection,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Collection> {
    let _snapshot = store.read_snapshot()?;
    let (uuids, scope) = resolve(store, selection)?;
    let publishing = publishing(store, opts)?;
    let scale = scale_report(store)?;
    let mut claims = Vec::with_capacity(uuids.len());
    let mut published_urls = std::collections::BTreeMap::new();
    for batch in uuids.chunks(BATCH) {
        published_urls.extend(store.published_urls(batch)?);
        for rows in store.report_rows(batch)? {
            claims.push(from_rows(rows));
            if !progress(claims.len(), uuids.len()) {
                return Err(crate::error::Error::export_cancelled());
            }
        }
    }
    let summary = summarise(&scale, &claims);
    Ok(Collection {
        scope,
        single: matches!(selection, Selection::Claim(_)),
        generated_at: opts.generated_at,
        desk: publishing.desk,
        desk_url: publishing.desk_url,
        desk_logo: publishing.desk_logo,
        publication_url: publishing.url,
        published_urls,
        scale,
        summary,
        claims,
    })
}

/// Claims read per `Store::report_rows` call: a few hundred keep each query's list of ids short and
/// the rows of one batch small, and cost no more queries per claim than thousands would.
const BATCH: usize = 500;

fn scale_report(store: &Store) -> Result<ScaleReport> {
    let scale = store.rating_scale()?;
    Ok(ScaleReport {
        name: scale.name,
        ratings: scale
            .ratings
            .into_iter()
            .map(|r| ScaleRating { key: r.key, label: r.label, description: r.description, value: r.value, color: r.color })
            .collect(),
    })
}

/// One claim's report from the claim view's data (`Store::get_claim`) and three small queries.
/// Exports read their claims in bulk instead ([`build_collection`]); both give the same report
/// (`tests/report_bulk.rs`): the same rows, turned into report data by the same function.
pub fn claim_report(store: &Store, uuid: &str) -> Result<ClaimReport> {
    let detail = store.get_claim(uuid)?;
    let published_at = store.claim_published_at(uuid)?;
    let bounds = store.verdict_scale_bounds(uuid)?;
    let withheld = store.confidential_appearances(uuid)?;
    Ok(from_rows(rows_of_detail(detail, published_at, &bounds, &withheld)))
}

/// The claim view's data as the rows a report is built from.
fn rows_of_detail(
    d: ClaimDetail,
    published_at: Option<DateTime<Utc>>,
    bounds: &HashMap<String, ScaleBounds>,
    withheld: &HashMap<String, SourceKind>,
) -> ReportClaimRows {
    ReportClaimRows {
        appearances: d
            .appearances
            .into_iter()
            .map(|a| {
                let kind = withheld.get(&a.uuid).copied();
                (a, kind)
            })
            .collect(),
        evidence: d.evidence.into_iter().map(evidence_row).collect(),
        verdicts: d
            .verdicts
            .into_iter()
            .map(|v| {
                let b = bounds.get(&v.uuid).copied().unwrap_or((None, None));
                (v, b)
            })
            .collect(),
        corrections: d.corrections,
        uuid: d.uuid,
        text: d.text,
        summary: d.summary,
        claimant: d.claimant,
        said_on: d.said_on,
        said_where: d.said_where,
        status: d.status,
        language: d.language,
        context: d.context,
        assignee: d.assignee,
        tags: d.tags,
        published_at,
    }
}

fn evidence_row(e: Evidence) -> EvidenceRow {
    EvidenceRow {
        uuid: e.uuid,
        stance: e.stance,
        excerpt: e.excerpt,
        note: e.note,
        source: EvidenceSourceRow {
            uuid: e.source.uuid,
            title: e.source.title,
            publisher: e.source.publisher,
            author: e.source.author,
            published_on: e.source.published_on,
            url: e.source.url,
            kind: e.source.kind,
            reliability: e.source.reliability,
            confidential: e.source.confidential,
            accessed_at: e.source.accessed_at,
        },
        capture: e.capture.map(|c| CaptureRow { uuid: c.uuid, captured_at: c.captured_at, sha256: c.sha256, final_url: c.final_url }),
        excerpt_check: e.anchor.state,
    }
}

/// The pure part of building a report: a claim's rows turned into report data, confidential
/// sources masked (an appearance they hold loses its address and outlet; an evidence link keeps
/// only the source's kind).
fn from_rows(c: ReportClaimRows) -> ClaimReport {
    let verdict = c.verdicts.iter().find(|(v, _)| v.superseded_at.is_none()).map(|(v, b)| verdict_report(v, *b));
    let earlier_verdicts =
        c.verdicts.iter().filter(|(v, _)| v.superseded_at.is_some()).map(|(v, b)| verdict_report(v, *b)).collect();
    ClaimReport {
        claimant: c.claimant.map(|c| ClaimantReport { uuid: c.uuid, name: c.name, role: c.role, affiliation: c.affiliation }),
        appearances: c
            .appearances
            .into_iter()
            .map(|(a, withheld)| match withheld {
                Some(kind) => AppearanceReport {
                    uuid: a.uuid,
                    url: String::new(),
                    outlet: confidential_label(kind),
                    medium: a.medium,
                    appeared_on: a.appeared_on,
                    is_first: a.is_first,
                    confidential: true,
                },
                None => AppearanceReport {
                    uuid: a.uuid,
                    url: a.url,
                    outlet: a.outlet,
                    medium: a.medium,
                    appeared_on: a.appeared_on,
                    is_first: a.is_first,
                    confidential: false,
                },
            })
            .collect(),
        evidence: c.evidence.into_iter().map(evidence_report).collect(),
        corrections: c
            .corrections
            .into_iter()
            .map(|c| CorrectionReport { uuid: c.uuid, kind: c.kind, at: c.at, what: c.what, reason: c.reason, actor: c.actor })
            .collect(),
        uuid: c.uuid,
        text: c.text,
        summary: c.summary,
        said_on: c.said_on,
        said_where: c.said_where,
        status: c.status,
        language: c.language,
        tags: c.tags,
        context: c.context,
        assignee: c.assignee,
        published_on: c.published_at.map(|t| t.date_naive()),
        verdict,
        earlier_verdicts,
    }
}

fn verdict_report(v: &Verdict, (best, worst): ScaleBounds) -> VerdictReport {
    VerdictReport {
        uuid: v.uuid.clone(),
        rating: RatingReport {
            key: v.rating.key.clone(),
            label: v.rating.label.clone(),
            alternate_name: v.rating.alternate_name.clone(),
            value: v.rating.value,
            best,
            worst,
        },
        rationale: v.rationale.clone(),
        author: v.author.clone(),
        recorded_at: v.created_at,
        superseded_at: v.superseded_at,
    }
}

/// An evidence link as reports show it. A confidential source keeps only its kind.
fn evidence_report(e: EvidenceRow) -> EvidenceReport {
    if e.source.confidential {
        return EvidenceReport {
            uuid: e.uuid,
            stance: e.stance,
            citation: confidential_label(e.source.kind),
            body: EvidenceBody::Confidential { source_kind: e.source.kind },
        };
    }
    let source = SourceReport {
        uuid: e.source.uuid,
        title: e.source.title,
        publisher: e.source.publisher,
        author: e.source.author,
        published_on: e.source.published_on,
        url: e.source.url,
        kind: e.source.kind,
        reliability: e.source.reliability,
    };
    let capture = e.capture.map(|c| CaptureReport {
        uuid: c.uuid,
        captured_at: c.captured_at,
        sha256: c.sha256,
        final_url: c.final_url,
    });
    let citation = citation(&source, capture.as_ref(), e.source.accessed_at);
    EvidenceReport {
        uuid: e.uuid,
        stance: e.stance,
        citation,
        body: EvidenceBody::Open(Box::new(OpenEvidence {
            source,
            capture,
            excerpt: e.excerpt,
            excerpt_check: e.excerpt_check,
            note: e.note,
        })),
    }
}

/// A plain-text citation that still identifies the page if its address moves or its text changes:
/// author, title, publisher, date, address, and the archived copy (time and SHA-256) the excerpt
/// was checked against.
pub fn citation(s: &SourceReport, capture: Option<&CaptureReport>, accessed_at: Option<DateTime<Utc>>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.author.trim().is_empty() {
        parts.push(format!("{}.", one_line(&s.author)));
    }
    parts.push(format!("“{}”.", one_line(&s.title)));
    let mut where_when = Vec::new();
    if !s.publisher.trim().is_empty() {
        where_when.push(one_line(&s.publisher));
    }
    if let Some(d) = s.published_on {
        where_when.push(format!("published {d}"));
    }
    if !where_when.is_empty() {
        parts.push(format!("{}.", where_when.join(", ")));
    }
    if !s.url.trim().is_empty() {
        parts.push(one_line(&s.url));
    }
    parts.push(match (capture, accessed_at) {
        (Some(c), _) => format!("Archived copy of {}, SHA-256 {}.", fmt_time(c.captured_at), c.sha256),
        (None, Some(at)) => format!("Accessed {}; no archived copy.", fmt_time(at)),
        (None, None) => "No archived copy.".to_string(),
    });
    parts.join(" ")
}
