//! Mapping other publishers' ratings onto the workspace's scale. In order:
//!
//! 1. `scale`: the words are the name (label, ClaimReview name or key) of a rating of the scale —
//!    our own exports, and desks that use the same words;
//! 2. `names`: the words are in the desk's rating-name table (`rating_names`, editable; a default
//!    table of common English, Spanish, German, Portuguese and French verdicts ships with 0007),
//!    which gives a key of the scale or a position from worst (0) to best (1);
//! 3. `value`: `ratingValue` placed within `bestRating`/`worstRating` (schema.org's defaults, 5 and
//!    1, when they are missing), mapped to the rating of the scale at the nearest position.
//!
//! The words are compared folded (case, accents, punctuation), also by their head ("False: the
//! photo is from 2015" reads as "False"). When nothing fits, the review keeps its rating as text.

use super::loose::{fold, number};
use crate::error::{Error, Result};
use crate::model::bundle::RatingName;
use crate::store::{Store, Tx};

/// How a rating was mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MappedBy {
    Scale,
    Names,
    Value,
}

impl MappedBy {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MappedBy::Scale => "scale",
            MappedBy::Names => "names",
            MappedBy::Value => "value",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ScaleRating {
    pub id: i64,
    pub uuid: String,
    pub key: String,
    pub label: String,
    /// Position from worst (0) to best (1); None for a rating without a value ("Unproven").
    pub position: Option<f64>,
    names: Vec<String>,
}

/// The workspace's scale and the rating-name table, loaded once per import.
#[derive(Debug, Clone)]
pub(crate) struct Mapper {
    pub ratings: Vec<ScaleRating>,
    table: Vec<(String, Option<String>, Option<f64>)>,
}

/// What a rating of a record says, as published.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GivenRating {
    pub text: String,
    pub value: Option<String>,
    pub best: Option<String>,
    pub worst: Option<String>,
}

impl Mapper {
    pub(crate) fn load(tx: &Tx<'_>) -> Result<Mapper> {
        let (scale_id, best, worst) = tx.current_scale()?;
        let rows = tx.scale_rating_rows(scale_id)?;
        let values: Vec<i64> = rows.iter().filter_map(|r| r.4).collect();
        let best = best.or(values.iter().copied().max()).unwrap_or(1) as f64;
        let worst = worst.or(values.iter().copied().min()).unwrap_or(0) as f64;
        let ratings = rows
            .into_iter()
            .map(|(id, key, label, alt, value, uuid)| ScaleRating {
                id,
                uuid,
                position: value.and_then(|v| position(v as f64, best, worst)),
                names: [fold(&label), fold(&alt), fold(&key.replace('_', " "))].into_iter().filter(|n| !n.is_empty()).collect(),
                key,
                label,
            })
            .collect();
        let table = tx.rating_names()?.into_iter().map(|n| (fold(&n.name), n.rating_key, n.position)).collect();
        Ok(Mapper { ratings, table })
    }

    /// The rating of the scale the published rating maps to, and how; None when nothing fits.
    pub(crate) fn map(&self, given: &GivenRating) -> Option<(&ScaleRating, MappedBy)> {
        let folded = fold(&given.text);
        let head = head_words(&given.text);
        let candidates: Vec<&str> = [Some(folded.as_str()), head.as_deref()].into_iter().flatten().filter(|s| !s.is_empty()).collect();
        for words in &candidates {
            if let Some(r) = self.ratings.iter().find(|r| r.names.iter().any(|n| n == words)) {
                return Some((r, MappedBy::Scale));
            }
        }
        for words in &candidates {
            if let Some((_, key, pos)) = self.table.iter().find(|(n, _, _)| n == words) {
                if let Some(r) = key.as_deref().and_then(|k| self.ratings.iter().find(|r| r.key == k)) {
                    return Some((r, MappedBy::Names));
                }
                if let Some(r) = pos.and_then(|p| self.nearest(p)) {
                    return Some((r, MappedBy::Names));
                }
            }
        }
        let value = given.value.as_deref().and_then(number)?;
        let best = given.best.as_deref().and_then(number);
        let worst = given.worst.as_deref().and_then(number);
        // schema.org: bestRating defaults to 5 and worstRating to 1.
        let (best, worst) = (best.unwrap_or(5.0), worst.unwrap_or(1.0));
        let p = position(value, best, worst)?;
        self.nearest(p).map(|r| (r, MappedBy::Value))
    }

    fn nearest(&self, p: f64) -> Option<&ScaleRating> {
        self.ratings
            .iter()
            .filter_map(|r| r.position.map(|q| (r, (q - p).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(r, _)| r)
    }
}

/// `value` from worst (0) to best (1) on a scale from `worst` to `best` (either way round); None
/// when it is outside the scale or the scale has no width.
fn position(value: f64, best: f64, worst: f64) -> Option<f64> {
    if (best - worst).abs() < f64::EPSILON {
        return None;
    }
    let p = (value - worst) / (best - worst);
    (-1e-9..=1.0 + 1e-9).contains(&p).then(|| p.clamp(0.0, 1.0))
}

/// The words before the first full stop, colon, semicolon, dash or bracket, when there is more
/// after them: "False. The photo is from 2015" → "false".
fn head_words(text: &str) -> Option<String> {
    let cut = text.find(['.', ':', ';', '(', '—', '–', '!', '?', '\n']).or_else(|| text.find(" - "))?;
    let rest = text[cut..].trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || "—–".contains(c));
    if rest.is_empty() {
        return None;
    }
    Some(fold(&text[..cut])).filter(|h| !h.is_empty())
}

/// The rating-name table, in the order it was written.
pub fn rating_names(store: &Store) -> Result<Vec<RatingName>> {
    store.rating_names()
}

/// Replaces the rating-name table and maps every imported review again with it, in one
/// transaction. Returns how many reviews now map to another rating (or to none).
pub fn set_rating_names(store: &mut Store, names: &[RatingName]) -> Result<usize> {
    check_names(names)?;
    store.write(|tx| {
        tx.replace_rating_names(names)?;
        let changed = remap(tx)?;
        tx.record(
            "settings",
            "rating_names",
            None,
            "updated",
            &format!("Rating-name table set ({} names); {changed} imported reviews mapped anew", names.len()),
            &[],
        )?;
        Ok(changed)
    })
}

/// Refuses a rating-name table with a line the table cannot hold, naming it.
pub(crate) fn check_names(names: &[RatingName]) -> Result<()> {
    let mut seen = std::collections::HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let folded = fold(&n.name);
        if folded.is_empty() {
            return Err(Error::validation("name", format!("Line {} of the rating-name table has no words.", i + 1)));
        }
        if let Some(first) = seen.insert(folded, i + 1) {
            return Err(Error::validation(
                "name",
                format!("“{}” (line {}) is the same words as line {first}; keep one.", n.name.trim(), i + 1),
            ));
        }
        let key = n.rating_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
        if key.is_none() && n.position.is_none() {
            return Err(Error::validation(
                "rating_key",
                format!("“{}” needs a rating key of the scale or a position from 0 (worst) to 1 (best).", n.name.trim()),
            ));
        }
        if let Some(p) = n.position {
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::validation(
                    "position",
                    format!("The position of “{}” is {p}: use a number from 0 (worst) to 1 (best).", n.name.trim()),
                ));
            }
        }
    }
    Ok(())
}

/// Maps every imported review again (after the scale or the rating-name table changed). Returns
/// how many now map to another rating.
pub fn remap_external_reviews(store: &mut Store) -> Result<usize> {
    store.write(|tx| remap(tx))
}

fn remap(tx: &Tx<'_>) -> Result<usize> {
    let mapper = Mapper::load(tx)?;
    tx.remap_reviews(|text, value, best, worst| {
        let mapped = mapper.map(&GivenRating { text, value, best, worst });
        (mapped.map(|(r, _)| r.id), mapped.map(|(_, how)| how.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_either_way_round() {
        assert_eq!(position(1.0, 5.0, 1.0), Some(0.0));
        assert_eq!(position(5.0, 5.0, 1.0), Some(1.0));
        assert_eq!(position(2.0, 1.0, 5.0), Some(0.75));
        assert_eq!(position(7.0, 5.0, 1.0), None);
        assert_eq!(position(1.0, 1.0, 1.0), None);
    }

    #[test]
    fn the_head_of_a_sentence_rating() {
        assert_eq!(head_words("False. The photo is from 2015").as_deref(), Some("false"));
        assert_eq!(head_words("Falso: la foto es de 2015").as_deref(), Some("falso"));
        assert_eq!(head_words("Pants on Fire!"), None);
        assert_eq!(head_words("Will military drills end?"), None);
    }
}
