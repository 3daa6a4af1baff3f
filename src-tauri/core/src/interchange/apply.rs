//! Storing read ClaimReview records, inside the import's one transaction.
//!
//! A record whose review is already stored (same address, or for a record without one the same
//! publisher, claim and date) is left alone, or updated when the publisher changed it. A record
//! carrying the UUID of one of the desk's own claims (our own export, imported back) is the desk's
//! own fact-check and is not imported again. Otherwise the review goes on the claim that another
//! publisher's review already brought in with the same wording, or on a new claim.

use super::claimreview::{Found, Review};
use super::ratings::Mapper;
use super::{short, strict_refusal, ImportAction, ImportItem, ImportReport};
use crate::error::Result;
use crate::model::{AppearanceInput, ClaimInput, ClaimStatus};
use crate::store::{ReviewFields, Tx};

pub(crate) fn claimreview(tx: &Tx<'_>, found: &[Found], strict: bool) -> Result<ImportReport> {
    let mapper = Mapper::load(tx)?;
    let mut report = ImportReport::new();
    for f in found {
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
        match &f.read {
            Err(p) => {
                if strict {
                    return Err(strict_refusal(f.position, &f.path, p.field, &p.message));
                }
                item.reason = p.message.clone();
            }
            Ok(r) => {
                if let (true, Some(p)) = (strict, r.problems.first()) {
                    return Err(strict_refusal(f.position, &f.path, p.field, &p.message));
                }
                item.claim = short(&r.claim_text);
                item.publisher = r.publisher.clone();
                item.rating = r.rating.text.clone();
                item.notes.extend(r.problems.iter().map(|p| format!("{}: {}", p.field, p.message)));
                item.notes.extend(r.notes.iter().cloned());
                store_review(tx, &mapper, r, &mut item)?;
            }
        }
        report.items.push(item);
    }
    Ok(report)
}

fn store_review(tx: &Tx<'_>, mapper: &Mapper, r: &Review, item: &mut ImportItem) -> Result<()> {
    let mapped = mapper.map(&r.rating);
    item.mapped_rating = mapped.map(|(m, _)| m.key.clone());
    match (mapped, r.rating.text.is_empty()) {
        (None, false) => item.notes.push(format!("the rating “{}” is kept as text: no rating of the scale fits it", r.rating.text)),
        (Some((m, how)), _) if how != super::ratings::MappedBy::Scale => {
            let why = match how {
                super::ratings::MappedBy::Names => "by the rating-name table",
                _ => "by its ratingValue",
            };
            item.notes.push(format!("rating mapped to “{}” {why}", m.label));
        }
        _ => {}
    }
    let fields = ReviewFields {
        publisher: &r.publisher,
        publisher_url: &r.publisher_url,
        url: &r.url,
        headline: &r.headline,
        author: &r.author,
        reviewed_on: r.reviewed_on,
        modified_on: r.modified_on,
        rating_text: &r.rating.text,
        rating_value: r.rating.value.as_deref(),
        best_rating: r.rating.best.as_deref(),
        worst_rating: r.rating.worst.as_deref(),
        rating_id: mapped.map(|(m, _)| m.id),
        mapped_by: mapped.map(|(_, how)| how.as_str()),
        language: &r.language,
        language_guessed: r.language_guessed,
        raw: &r.raw,
    };
    let match_key = r.match_key();

    // Already imported: the same review again, or the publisher changed it.
    if let Some((id, raw, claim_uuid, claim_id)) = tx.review_by_match_key(&match_key)? {
        item.claim_uuid = Some(claim_uuid);
        if raw == r.raw {
            item.action = ImportAction::Unchanged;
            item.reason = "already imported".into();
            return Ok(());
        }
        let uuid = tx.update_review(id, &fields)?;
        let what = format!("Updated {}'s fact-check as republished: “{}”", who(r), r.rating.text);
        tx.record("external_review", &uuid, Some(claim_id), "updated", &what, &[])?;
        item.action = ImportAction::Update;
        item.reason = "the publisher changed the record since it was imported".into();
        return Ok(());
    }

    // The desk's own claim (our own export imported back): its verdict is the desk's already.
    let by_uuid = match &r.uuid_hint {
        Some(u) => tx.claim_with_origin(u)?,
        None => None,
    };
    if let Some((_, uuid, origin)) = &by_uuid {
        if origin == "desk" {
            item.claim_uuid = Some(uuid.clone());
            item.action = ImportAction::Unchanged;
            item.reason = "this is the desk's own fact-check of a claim in the workspace (matched by its UUID)".into();
            return Ok(());
        }
    }
    let claim_key = r.claim_key();
    let same_claim: Option<(i64, String)> = match by_uuid {
        Some((id, uuid, _)) => Some((id, uuid)),
        None => tx.claim_of_review_key(&claim_key)?,
    };
    let (claim_id, claim_uuid) = match same_claim {
        Some((id, uuid)) => {
            add_appearances(tx, id, r, true)?;
            item.action = ImportAction::Update;
            item.reason = "another fact-check of a claim already imported: added to it".into();
            (id, uuid)
        }
        None => {
            let input = ClaimInput {
                text: r.claim_text.clone(),
                summary: summary(r),
                claimant: r.claimant.clone(),
                claimant_role: r.claimant_role.clone(),
                said_on: r.said_on.map(|d| d.to_string()),
                said_where: r.said_where.clone(),
                status: Some(ClaimStatus::Archived),
                language: r.language.clone(),
                ..ClaimInput::default()
            };
            let (id, uuid) = tx.insert_imported_claim(&input, r.uuid_hint.as_deref())?;
            add_appearances(tx, id, r, false)?;
            item.action = ImportAction::Create;
            (id, uuid)
        }
    };
    item.claim_uuid = Some(claim_uuid);
    let uuid = tx.insert_review(claim_id, &match_key, &claim_key, &fields)?;
    let rating = if r.rating.text.is_empty() { String::new() } else { format!(": “{}”", r.rating.text) };
    let at = if r.url.is_empty() { String::new() } else { format!(" ({})", r.url) };
    tx.record("external_review", &uuid, Some(claim_id), "imported", &format!("Imported {}'s fact-check{rating}{at}", who(r)), &[])?;
    Ok(())
}

fn who(r: &Review) -> &str {
    if r.publisher.is_empty() {
        "another publisher"
    } else {
        &r.publisher
    }
}

/// The imported claim's summary says whose fact-check it carries, so the publisher's name is in
/// the search index with the claim (and survives any later edit that rewrites the index row).
fn summary(r: &Review) -> String {
    match (r.publisher.is_empty(), r.headline.is_empty()) {
        (false, false) => format!("{}: {}", r.publisher, r.headline),
        (false, true) => format!("Fact-checked by {}", r.publisher),
        (true, _) => r.headline.clone(),
    }
}

/// Adds the record's appearances to the claim; for a claim that already has some (`merge`), only
/// those it does not have yet, never as its first.
fn add_appearances(tx: &Tx<'_>, claim_id: i64, r: &Review, merge: bool) -> Result<()> {
    for a in &r.appearances {
        if merge {
            if tx.has_appearance(claim_id, &a.url, &a.outlet)? {
                continue;
            }
        }
        tx.insert_appearance(
            claim_id,
            &AppearanceInput {
                url: a.url.clone(),
                outlet: a.outlet.clone(),
                medium: String::new(),
                appeared_on: a.date.map(|d| d.to_string()),
                is_first: a.first && !merge,
                source_uuid: None,
            },
        )?;
    }
    Ok(())
}
