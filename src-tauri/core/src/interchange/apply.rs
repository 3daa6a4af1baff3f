//! Storing read ClaimReview records, inside the import's one transaction.
//!
//! A record whose review is already stored (same address, or for a record without one the same
//! publisher, claim and date) is left alone, or updated when the publisher changed it. A record
//! carrying the UUID of one of the desk's own claims (our own export, imported back) is the desk's
//! own fact-check and is not imported again. Otherwise the review goes on the claim that another
//! publisher's review already brought in with the same wording, or on a new claim.

use rusqlite::{params, OptionalExtension};

use super::claimreview::{Found, Review};
use super::ratings::Mapper;
use super::{short, strict_refusal, ImportAction, ImportItem, ImportReport};
use crate::error::Result;
use crate::model::{AppearanceInput, ClaimInput, ClaimStatus};
use crate::store::{new_uuid, Tx};

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
    let rating_id = mapped.map(|(m, _)| m.id);
    let mapped_by = mapped.map(|(_, how)| how.as_str());
    let match_key = r.match_key();

    // Already imported: the same review again, or the publisher changed it.
    let existing: Option<(i64, String, String, i64)> = tx
        .prepare_cached(
            "SELECT e.id, e.raw, c.uuid, e.claim_id FROM external_reviews e JOIN claims c ON c.id = e.claim_id
             WHERE e.match_key = ?1",
        )?
        .query_row([&match_key], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .optional()?;
    if let Some((id, raw, claim_uuid, claim_id)) = existing {
        item.claim_uuid = Some(claim_uuid);
        if raw == r.raw {
            item.action = ImportAction::Unchanged;
            item.reason = "already imported".into();
            return Ok(());
        }
        tx.execute(
            "UPDATE external_reviews SET publisher = ?1, publisher_url = ?2, url = ?3, headline = ?4, author = ?5,
                    reviewed_on = ?6, modified_on = ?7, rating_text = ?8, rating_value = ?9, best_rating = ?10,
                    worst_rating = ?11, rating_id = ?12, mapped_by = ?13, language = ?14, language_guessed = ?15,
                    updated_at = ?16, raw = ?17
             WHERE id = ?18",
            params![
                r.publisher,
                r.publisher_url,
                r.url,
                r.headline,
                r.author,
                r.reviewed_on.map(|d| d.to_string()),
                r.modified_on.map(|d| d.to_string()),
                r.rating.text,
                r.rating.value,
                r.rating.best,
                r.rating.worst,
                rating_id,
                mapped_by,
                r.language,
                r.language_guessed,
                tx.now(),
                r.raw,
                id
            ],
        )?;
        let uuid: String = tx.query_row("SELECT uuid FROM external_reviews WHERE id = ?1", [id], |row| row.get(0))?;
        let what = format!("Updated {}'s fact-check as republished: “{}”", who(r), r.rating.text);
        tx.record("external_review", &uuid, Some(claim_id), "updated", &what, &[])?;
        item.action = ImportAction::Update;
        item.reason = "the publisher changed the record since it was imported".into();
        return Ok(());
    }

    // The desk's own claim (our own export imported back): its verdict is the desk's already.
    let by_uuid: Option<(i64, String, String)> = match &r.uuid_hint {
        Some(u) => tx
            .prepare_cached("SELECT id, uuid, origin FROM claims WHERE uuid = ?1")?
            .query_row([u], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?,
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
        None => tx
            .prepare_cached(
                "SELECT c.id, c.uuid FROM external_reviews e JOIN claims c ON c.id = e.claim_id
                 WHERE e.claim_key = ?1 ORDER BY e.id LIMIT 1",
            )?
            .query_row([&claim_key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?,
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
            let (id, uuid) = tx.insert_claim(&input, r.uuid_hint.as_deref())?;
            tx.prepare_cached("UPDATE claims SET origin = 'imported' WHERE id = ?1")?.execute([id])?;
            add_appearances(tx, id, r, false)?;
            item.action = ImportAction::Create;
            (id, uuid)
        }
    };
    item.claim_uuid = Some(claim_uuid);
    let uuid = new_uuid();
    tx.prepare_cached(
        "INSERT INTO external_reviews (uuid, claim_id, match_key, claim_key, publisher, publisher_url, url, headline, author,
                                       reviewed_on, modified_on, rating_text, rating_value, best_rating, worst_rating,
                                       rating_id, mapped_by, language, language_guessed, imported_at, updated_at, raw)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21)",
    )?
    .execute(params![
        uuid,
        claim_id,
        match_key,
        claim_key,
        r.publisher,
        r.publisher_url,
        r.url,
        r.headline,
        r.author,
        r.reviewed_on.map(|d| d.to_string()),
        r.modified_on.map(|d| d.to_string()),
        r.rating.text,
        r.rating.value,
        r.rating.best,
        r.rating.worst,
        rating_id,
        mapped_by,
        r.language,
        r.language_guessed,
        tx.now(),
        r.raw
    ])?;
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
            let have: bool = tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM appearances WHERE claim_id = ?1 AND (url = ?2 AND ?2 <> '' OR url = '' AND ?2 = '' AND outlet = ?3))",
            )?
            .query_row(params![claim_id, a.url, a.outlet], |row| row.get(0))?;
            if have {
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
