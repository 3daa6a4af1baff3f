//! The synthetic workspace generator: deterministic, varied, and written through the store.

use std::collections::{HashMap, HashSet};

use factdesk_core::model::{ClaimQuery, ClaimStatus, ClaimSummary};
use factdesk_core::synthetic::fill_synthetic;
use factdesk_core::Store;

fn all_claims(store: &Store, search: Option<&str>) -> Vec<ClaimSummary> {
    let mut q = ClaimQuery { search: search.map(str::to_string), limit: Some(500), ..Default::default() };
    let mut out = Vec::new();
    loop {
        let page = store.list_claims(&q).unwrap();
        out.extend(page.items);
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => return out,
        }
    }
}

fn texts(store: &Store) -> Vec<String> {
    let mut t: Vec<String> = all_claims(store, None).into_iter().map(|c| c.text).collect();
    t.sort();
    t
}

#[test]
fn two_thousand_claims_deterministic_varied_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.factdesk")).unwrap();
    let mut b = Store::open(dir.path().join("b.factdesk")).unwrap();
    let mut c = Store::open(dir.path().join("c.factdesk")).unwrap();
    let ra = fill_synthetic(&mut a, 2_000, 42).unwrap();
    let rb = fill_synthetic(&mut b, 2_000, 42).unwrap();
    fill_synthetic(&mut c, 2_000, 43).unwrap();
    assert_eq!(ra, rb, "the same seed reports the same additions");
    assert_eq!(ra.claims_added, 2_000);
    assert_eq!(a.info().unwrap().claim_count, 2_000);

    let ta = texts(&a);
    assert_eq!(ta, texts(&b), "the same seed gives the same texts");
    assert_ne!(ta, texts(&c), "another seed gives other texts");
    let distinct: HashSet<&String> = ta.iter().collect();
    assert!(distinct.len() > 1_900, "wording varies: only {} distinct texts of 2000", distinct.len());

    let claims = all_claims(&a, None);
    assert_eq!(claims.len(), 2_000);
    assert!(claims.iter().all(|c| c.claimant.as_deref().is_some_and(|n| !n.is_empty())), "every claim has a claimant");
    let claimants: HashSet<&str> = claims.iter().filter_map(|c| c.claimant.as_deref()).collect();
    assert_eq!(claimants.len(), 200, "about 200 claimants");
    assert_eq!(ra.claimants_used, 200);

    let mut statuses: HashMap<ClaimStatus, usize> = HashMap::new();
    for c in &claims {
        *statuses.entry(c.status).or_default() += 1;
    }
    for s in [ClaimStatus::New, ClaimStatus::Researching, ClaimStatus::InReview, ClaimStatus::Ready, ClaimStatus::Published, ClaimStatus::Archived] {
        assert!(statuses.get(&s).copied().unwrap_or(0) >= 20, "status {s:?} is represented: {statuses:?}");
    }
    assert!(statuses[&ClaimStatus::New] < 1_000, "statuses are spread: {statuses:?}");
    let reported: usize = ra.by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(reported, 2_000);

    let with_evidence = claims.iter().filter(|c| c.evidence_count > 0).count();
    let with_verdict = claims.iter().filter(|c| c.rating.is_some()).count();
    assert!((500..=850).contains(&with_evidence), "about a third have evidence: {with_evidence}");
    assert!((500..=850).contains(&with_verdict), "about a third have a verdict: {with_verdict}");
    assert!(claims.iter().all(|c| c.evidence_count <= 3));
    assert_eq!(ra.verdicts_added, with_verdict);
    assert!(ra.sources_added >= 20 && ra.evidence_added >= with_evidence);
    // Published claims went through the gate: verdict, evidence, signed checklist.
    for c in claims.iter().filter(|c| c.status == ClaimStatus::Published).take(5) {
        let d = a.get_claim(&c.uuid).unwrap();
        assert!(d.verdict.is_some() && !d.evidence.is_empty());
        assert!(d.checklist.iter().filter(|i| i.required).all(|i| i.done_by.is_some()));
        assert!(d.history.len() >= 8, "history records every step: {:?}", d.history);
    }

    // The search index holds the generated words.
    let word = claims[0].text.split(|ch: char| !ch.is_alphanumeric()).rfind(|w| w.len() >= 6).unwrap().to_string();
    let found = all_claims(&a, Some(&word));
    assert!(found.iter().any(|c| c.uuid == claims[0].uuid), "searching {word:?} finds the claim");
    let by_claimant = all_claims(&a, Some(claims[0].claimant.as_deref().unwrap()));
    assert!(by_claimant.iter().any(|c| c.uuid == claims[0].uuid), "searching by claimant finds the claim");
}

#[test]
fn adds_on_top_of_an_existing_workspace_never_twice_and_reuses_the_source_pool() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("w.factdesk")).unwrap();
    factdesk_core::demo::seed(&mut s).unwrap();
    let first = fill_synthetic(&mut s, 300, 7).unwrap();
    let second = fill_synthetic(&mut s, 300, 7).unwrap();
    assert!(first.sources_added > 0);
    assert_eq!(second.sources_added, 0, "the pool's sources are found by address, not duplicated");
    assert_eq!(second.claims_added, 0, "a rerun adds nothing that is there already");
    assert_eq!(s.info().unwrap().claim_count, 5 + 300);
    let more = fill_synthetic(&mut s, 500, 7).unwrap();
    assert_eq!(more.claims_added, 200, "a bigger N adds only the missing ones");
    assert_eq!(fill_synthetic(&mut s, 300, 8).unwrap().claims_added, 300, "another seed is other claims");
    assert_eq!(s.info().unwrap().claim_count, 5 + 500 + 300);
    assert_eq!(fill_synthetic(&mut s, 0, 9).unwrap().claims_added, 0);
}
