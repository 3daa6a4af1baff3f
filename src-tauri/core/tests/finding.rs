//! Finding claims: filters by claimant, tag, assignee, rating and date range, sorting by when a
//! claim was said with keyset paging, and the claimants list (rename once, every claim follows).

use factdesk_core::model::*;
use factdesk_core::{Error, Store};

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("desk.factdesk")).unwrap();
    (dir, store)
}

fn add(store: &mut Store, text: &str, who: &str, date: Option<&str>, tags: &[&str], assignee: &str) -> String {
    store
        .create_claim(&ClaimInput {
            text: text.into(),
            claimant: Some(who.into()),
            said_on: date.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            assignee: assignee.into(),
            ..Default::default()
        })
        .unwrap()
        .uuid
}

fn uuids(store: &Store, q: ClaimQuery) -> Vec<String> {
    store.list_claims(&q).unwrap().items.into_iter().map(|c| c.uuid).collect()
}

#[test]
fn filters_narrow_the_list_and_combine_with_search() {
    let (_d, mut store) = open();
    let a = add(&mut store, "Harbour dredging will cost €12 million", "Ines Valdar", Some("2025-03-14"), &["harbour"], "Ana");
    let b = add(&mut store, "The ferry timetable was cut by a third", "Tomas Reyes", Some("2025-01-02"), &["transport"], "Ben");
    let c = add(&mut store, "Harbour lighting is older than 40 years", "Tomas Reyes", None, &["harbour"], "");
    store
        .record_verdict(&VerdictInput { claim_uuid: b.clone(), rating_key: "false".into(), rationale: "Timetable unchanged.".into(), correction_reason: None })
        .unwrap();
    let reyes = store.list_claimants(Some("reyes")).unwrap()[0].uuid.clone();
    let q = |f: fn(&mut ClaimQuery)| {
        let mut q = ClaimQuery::default();
        f(&mut q);
        q
    };
    // b was changed last (its verdict), so it comes first.
    assert_eq!(uuids(&store, ClaimQuery { claimant: Some(reyes.clone()), ..Default::default() }), [b.clone(), c.clone()]);
    assert_eq!(uuids(&store, q(|q| q.tag = Some("#Harbour".into()))), [c.clone(), a.clone()], "tags match without # and case");
    assert_eq!(uuids(&store, q(|q| q.assignee = Some("ana".into()))), std::slice::from_ref(&a));
    assert_eq!(uuids(&store, q(|q| q.rating = Some("false".into()))), std::slice::from_ref(&b));
    assert_eq!(uuids(&store, q(|q| q.said_from = Some("2025-02-01".into()))), std::slice::from_ref(&a));
    assert_eq!(uuids(&store, q(|q| q.said_to = Some("2025-02-01".into()))), std::slice::from_ref(&b));
    let both = ClaimQuery { search: Some("harbour".into()), claimant: Some(reyes), ..Default::default() };
    let page = store.list_claims(&both).unwrap();
    assert_eq!((page.total, page.total_exact), (1, true));
    assert_eq!(page.items[0].uuid, c);
    match store.list_claims(&q(|q| q.said_from = Some("March 2025".into()))) {
        Err(Error::Validation { field, .. }) => assert_eq!(field, "said_from"),
        other => panic!("expected a Validation error, got {other:?}"),
    }
}

#[test]
fn sorted_by_when_said_newest_first_undated_last_across_pages() {
    let (_d, mut store) = open();
    let mut want = Vec::new();
    for day in 1..=9 {
        want.push((format!("2024-0{day}-10"), add(&mut store, &format!("Claim said in month {day}"), "X", Some(&format!("2024-0{day}-10")), &[], "")));
    }
    let undated = add(&mut store, "A claim nobody dated", "X", None, &[], "");
    want.sort_by(|a, b| b.0.cmp(&a.0));
    let mut expect: Vec<String> = want.into_iter().map(|(_, u)| u).collect();
    expect.push(undated);
    let mut got = Vec::new();
    let mut q = ClaimQuery { sort: Some(ClaimSort::Said), limit: Some(4), ..Default::default() };
    loop {
        let page = store.list_claims(&q).unwrap();
        got.extend(page.items.iter().map(|c| c.uuid.clone()));
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(got, expect);
}

#[test]
fn renaming_a_claimant_renames_every_claim_and_keeps_search_right() {
    let (_d, mut store) = open();
    let a = add(&mut store, "The bridge reopens in May", "Pat Rider", None, &[], "");
    add(&mut store, "Tolls stay at two euros", "Pat Rider", None, &[], "");
    add(&mut store, "Another person's claim", "Someone Else", None, &[], "");
    let list = store.list_claimants(None).unwrap();
    assert_eq!((list[0].name.as_str(), list[0].claim_count), ("Pat Rider", 2), "most claims first");
    let uuid = list[0].uuid.clone();
    let renamed = store
        .update_claimant(&uuid, &ClaimantInput { name: "Pat Ryder".into(), role: "Pentagon Press Secretary".into(), affiliation: "US DoD".into() })
        .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.claim_count), ("Pat Ryder", 2));
    let claim = store.get_claim(&a).unwrap();
    let who = claim.claimant.unwrap();
    assert_eq!((who.name.as_str(), who.role.as_deref()), ("Pat Ryder", Some("Pentagon Press Secretary")));
    let found = |s: &str| store.list_claims(&ClaimQuery { search: Some(s.into()), ..Default::default() }).unwrap().total;
    assert_eq!(found("ryder"), 2, "the search index follows the rename");
    assert_eq!(found("rider"), 0);
    match store.update_claimant(&uuid, &ClaimantInput { name: "someone else".into(), ..Default::default() }) {
        Err(Error::Conflict(m)) => assert!(m.contains("Someone Else"), "{m}"),
        other => panic!("expected a Conflict, got {other:?}"),
    }
    match store.update_claimant(&uuid, &ClaimantInput::default()) {
        Err(Error::Validation { field, .. }) => assert_eq!(field, "name"),
        other => panic!("expected a Validation error, got {other:?}"),
    }
    assert_eq!(store.list_claimants(Some("ryder")).unwrap()[0].name, "Pat Ryder", "refused edits change nothing");
}

#[test]
fn a_confirmed_match_links_two_claims_and_a_dismissed_one_is_not_suggested_again() {
    let (_d, mut store) = open();
    let checked = add(&mut store, "Congress has stalled a $60 billion aid package for Ukraine", "Ana Lima", Some("2024-02-20"), &[], "");
    store
        .record_verdict(&VerdictInput { claim_uuid: checked.clone(), rating_key: "true".into(), rationale: "The bill is held up.".into(), correction_reason: None })
        .unwrap();
    let near = add(&mut store, "Congress approved a $6 billion aid package for Ukraine", "Ben Ode", None, &[], "");
    let new = add(&mut store, "The $60 billion aid package for Ukraine is stalled in Congress", "Cara Moss", None, &[], "");

    let suggested: Vec<String> = store.possible_duplicates(&new, 5).unwrap().into_iter().map(|s| s.uuid).collect();
    assert_eq!(suggested.first(), Some(&checked), "{suggested:?}");

    let d = store.confirm_match(&new, &checked).unwrap();
    assert_eq!(d.same_as.len(), 1);
    assert_eq!(d.same_as[0].uuid, checked);
    assert!(d.verdict.is_none());
    assert_eq!(d.linked_verdict.as_ref().map(|v| v.rating.key.as_str()), Some("true"), "one verdict shows on both");
    assert_eq!(d.linked_verdict_claim.as_deref(), Some(checked.as_str()));
    assert!(d.history.iter().any(|h| h.action == "matched"));
    let other_side = store.get_claim(&checked).unwrap();
    assert_eq!(other_side.same_as[0].uuid, new, "the link shows on both claims");
    assert!(other_side.linked_verdict.is_none(), "a claim with its own verdict keeps it");

    let d = store.dismiss_match(&new, &near).unwrap();
    assert!(d.same_as.iter().all(|s| s.uuid != near), "a dismissed match is not a link");
    let again: Vec<String> = store.possible_duplicates(&new, 5).unwrap().into_iter().map(|s| s.uuid).collect();
    assert!(!again.contains(&near) && !again.contains(&checked), "decided pairs are not suggested again: {again:?}");
    match store.confirm_match(&new, &new) {
        Err(Error::Validation { .. }) => {}
        other => panic!("a claim cannot match itself, got {other:?}"),
    }
}
