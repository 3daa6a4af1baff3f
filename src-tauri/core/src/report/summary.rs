//! The counts at the top of a collection report: per rating, per status, and per claimant how
//! their checked claims were rated.

use std::collections::HashMap;

use super::data::{ClaimReport, ClaimantTally, KeyCount, RatingCount, ScaleReport, StatusCount, Summary};
use crate::model::ClaimStatus;

pub(crate) fn summarise(scale: &ScaleReport, claims: &[ClaimReport]) -> Summary {
    let by_rating = rating_counts(scale, claims);
    Summary {
        claims: count(claims.len()),
        checked: count(claims.iter().filter(|c| c.verdict.is_some()).count()),
        by_status: ClaimStatus::ALL
            .iter()
            .map(|&s| StatusCount { status: s, count: count(claims.iter().filter(|c| c.status == s).count()) })
            .collect(),
        by_claimant: claimant_tallies(&by_rating, claims),
        by_rating,
    }
}

/// Report counts are far below u32::MAX; saturate rather than wrap if they ever were not.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The scale's ratings in order, then ratings only found on claims (a scale edited since), best first.
fn rating_counts(scale: &ScaleReport, claims: &[ClaimReport]) -> Vec<RatingCount> {
    let mut out: Vec<RatingCount> = scale
        .ratings
        .iter()
        .map(|r| RatingCount { key: r.key.clone(), label: r.label.clone(), value: r.value, count: 0 })
        .collect();
    let mut extra: Vec<RatingCount> = Vec::new();
    for rating in claims.iter().filter_map(|c| c.verdict.as_ref()).map(|v| &v.rating) {
        let slot = match out.iter().position(|r| r.key == rating.key) {
            Some(i) => &mut out[i],
            None => match extra.iter().position(|r| r.key == rating.key) {
                Some(i) => &mut extra[i],
                None => {
                    extra.push(RatingCount { key: rating.key.clone(), label: rating.label.clone(), value: rating.value, count: 0 });
                    let last = extra.len() - 1;
                    &mut extra[last]
                }
            },
        };
        slot.count += 1;
    }
    extra.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.key.cmp(&b.key)));
    out.extend(extra);
    out
}

/// Per claimant: claims, checked claims and their ratings. Claims without a claimant are counted
/// in the totals only. Most checked first, then most claims, then by name, so the order is stable.
fn claimant_tallies(order: &[RatingCount], claims: &[ClaimReport]) -> Vec<ClaimantTally> {
    let mut by_name: HashMap<&str, (u32, u32, HashMap<&str, u32>)> = HashMap::new();
    for c in claims {
        let Some(claimant) = &c.claimant else { continue };
        let entry = by_name.entry(claimant.name.as_str()).or_default();
        entry.0 += 1;
        if let Some(v) = &c.verdict {
            entry.1 += 1;
            *entry.2.entry(v.rating.key.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<ClaimantTally> = by_name
        .into_iter()
        .map(|(name, (claims, checked, ratings))| ClaimantTally {
            name: name.to_string(),
            claims,
            checked,
            ratings: order
                .iter()
                .filter_map(|r| ratings.get(r.key.as_str()).map(|&n| KeyCount { key: r.key.clone(), count: n }))
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| b.checked.cmp(&a.checked).then(b.claims.cmp(&a.claims)).then_with(|| a.name.cmp(&b.name)));
    out
}
