//! Reading imported fact-checks back: the claim view shows them beside (never as) the verdicts.

use crate::error::Result;
use crate::model::ExternalReview;
use crate::store::Store;

/// Every imported fact-check of the claim `claim_uuid`, newest first (also on [`crate::model::ClaimDetail`]).
pub fn external_reviews(store: &Store, claim_uuid: &str) -> Result<Vec<ExternalReview>> {
    store.external_reviews_of(claim_uuid)
}

/// How many fact-checks by each publisher the workspace holds, most first.
pub fn publishers(store: &Store) -> Result<Vec<(String, u32)>> {
    store.review_publishers()
}
