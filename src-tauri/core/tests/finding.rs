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
        .record_verdict(&VerdictInput { claim_uuid: b.clone(), rating_key: "false".into(), rationale: "Timetable unchanged.".into(), correction_reason: None, correction_kind: None })
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
        .record_verdict(&VerdictInput { claim_uuid: checked.clone(), rating_key: "true".into(), rationale: "The bill is held up.".into(), correction_reason: None, correction_kind: None })
        .unwrap();
    let near = add(&mut store, "Congress approved a $6 billion aid package for Ukraine", "Ben Ode", None, &[], "");
    let new = add(&mut store, "The $60 billion aid package for Ukraine is stalled in Congress", "Cara Moss", None, &[], "");

    let suggested: Vec<String> = factdesk_core::matching::possible_duplicates(&store, &new, 5).unwrap().into_iter().map(|s| s.uuid).collect();
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
    let again: Vec<String> = factdesk_core::matching::possible_duplicates(&store, &new, 5).unwrap().into_iter().map(|s| s.uuid).collect();
    assert!(!again.contains(&near) && !again.contains(&checked), "decided pairs are not suggested again: {again:?}");
    match store.confirm_match(&new, &new) {
        Err(Error::Validation { .. }) => {}
        other => panic!("a claim cannot match itself, got {other:?}"),
    }
}

fn source(store: &mut Store, url: &str, title: &str) -> String {
    store.create_source(&SourceInput { url: url.into(), title: title.into(), ..Default::default() }).unwrap().uuid
}

fn link(store: &mut Store, claim: &str, source: &str, excerpt: &str) {
    store
        .add_evidence(&EvidenceInput {
            claim_uuid: claim.into(),
            source_uuid: source.into(),
            excerpt: excerpt.into(),
            stance: Stance::Context,
            note: String::new(),
            correction_reason: None,
            correction_kind: None,
        })
        .unwrap();
}

fn verdict(store: &mut Store, claim: &str, key: &str, rationale: &str) {
    store
        .record_verdict(&VerdictInput { claim_uuid: claim.into(), rating_key: key.into(), rationale: rationale.into(), correction_reason: None, correction_kind: None })
        .unwrap();
}

fn marked(s: &Snippet) -> String {
    s.parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect()
}

/// A search reaches what the desk gathered around a claim: the titles of its evidence sources, the
/// excerpts and the current rationale. Claims with every word in their own fields come first; the
/// others follow with a snippet saying where the words were found.
#[test]
fn search_reaches_source_titles_excerpts_and_the_current_rationale() {
    let (_d, mut store) = open();
    let own = add(&mut store, "Reservoir levels fell by a third this summer", "Water Board", None, &[], "");
    let by_title = add(&mut store, "The county banned hosepipes in July", "County Council", None, &[], "");
    let by_excerpt = add(&mut store, "Farmers lost half their harvest to the drought", "Farmers Union", None, &[], "");
    let by_rationale = add(&mut store, "Rainfall was the lowest since 1976", "Met Office", None, &[], "");
    let unrelated = add(&mut store, "The ferry timetable was cut", "Tomas Reyes", None, &[], "");

    let report = source(&mut store, "https://water.example/report", "Reservoir report for the summer");
    link(&mut store, &by_title, &report, "Use of hosepipes is banned from 4 July.");
    let survey = source(&mut store, "https://farm.example/survey", "Harvest survey");
    link(&mut store, &by_excerpt, &survey, "Yields were down a half; several reservoirs ran dry.");
    verdict(&mut store, &by_rationale, "mostly_true", "Records show the driest summer; reservoir data agree.");

    let page = store.list_claims(&ClaimQuery { search: Some("reservoir".into()), ..Default::default() }).unwrap();
    let got: Vec<&str> = page.items.iter().map(|c| c.uuid.as_str()).collect();
    assert_eq!(got[0], own, "the claim with the word in its own wording comes first");
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(!got.contains(&unrelated.as_str()));
    assert_eq!((page.total, page.total_exact), (4, true));
    assert!(page.items[0].snippet.is_none(), "the wording shown already has the word");
    let snippet = |uuid: &str| page.items.iter().find(|c| c.uuid == uuid).unwrap().snippet.clone().expect("a snippet");
    let s = snippet(&by_title);
    assert_eq!((s.field, marked(&s)), (SnippetField::SourceTitle, "[Reservoir] report for the summer".to_string()));
    let s = snippet(&by_excerpt);
    assert_eq!(s.field, SnippetField::Excerpt);
    assert!(marked(&s).contains("[reservoirs] ran dry"), "{}", marked(&s));
    assert_eq!(snippet(&by_rationale).field, SnippetField::Rationale);

    // Every word must be found, in the claim or around it: "hosepipes" is in the wording and
    // "report" in the source title.
    let both = uuids(&store, ClaimQuery { search: Some("hosepipes report".into()), ..Default::default() });
    assert_eq!(both, [by_title.clone()]);
    assert!(uuids(&store, ClaimQuery { search: Some("hosepipes harvest".into()), ..Default::default() }).is_empty());

    // Filters apply to the claims found through their surroundings too.
    let council = store.list_claimants(Some("county")).unwrap()[0].uuid.clone();
    let q = ClaimQuery { search: Some("reservoir".into()), claimant: Some(council), ..Default::default() };
    assert_eq!(uuids(&store, q), [by_title.clone()]);
}

#[test]
fn the_search_follows_edits_around_the_claim_in_the_same_transaction() {
    let (_d, mut store) = open();
    let claim = add(&mut store, "The county banned hosepipes in July", "County Council", None, &[], "");
    let s = source(&mut store, "https://water.example/notice", "Drought notice");
    link(&mut store, &claim, &s, "Use of hosepipes is banned.");
    let find = |store: &Store, words: &str| uuids(store, ClaimQuery { search: Some(words.into()), ..Default::default() });
    assert_eq!(find(&store, "drought"), [claim.clone()]);

    // The source is retitled: the old title no longer finds the claim, the new one does.
    let mut input = SourceInput { url: "https://water.example/notice".into(), title: "Temporary use ban".into(), ..Default::default() };
    store.update_source(&s, &input).unwrap();
    assert!(find(&store, "drought").is_empty());
    assert_eq!(find(&store, "temporary ban"), [claim.clone()]);

    // Only the current verdict's rationale counts: a superseded one is history.
    verdict(&mut store, &claim, "false", "No sprinkler order was ever issued.");
    assert_eq!(find(&store, "sprinkler"), [claim.clone()]);
    verdict(&mut store, &claim, "true", "The order was published on 4 July.");
    assert!(find(&store, "sprinkler").is_empty(), "the superseded rationale is not searched");
    assert_eq!(find(&store, "published order"), [claim.clone()]);

    // A refused edit changes nothing in the index either.
    input.url = "not a web address".into();
    assert!(matches!(store.update_source(&s, &input), Err(Error::Validation { .. })));
    assert_eq!(find(&store, "temporary"), [claim]);
}

/// Sorted by check-worthiness: specific, checkable wording first, across pages by keyset, with
/// the score on each row.
#[test]
fn sorted_by_check_worthiness_across_pages() {
    let (_d, mut store) = open();
    let texts = [
        "Unemployment in Northshire fell to 4.1% in March, the lowest in 20 years",
        "The government has recruited 20,000 new police officers since 2019",
        "I think the new stadium looks wonderful",
        "Will the council ever fix the roads?",
        "The ferry service carried 41,000 passengers last winter",
        "Exports to the EU rose by 12% last year",
        "What a lovely day it was",
    ];
    let made: Vec<String> = texts.iter().map(|t| add(&mut store, t, "Someone", None, &[], "")).collect();
    let mut got: Vec<(String, f32)> = Vec::new();
    let mut q = ClaimQuery { sort: Some(ClaimSort::Worthiness), limit: Some(3), ..Default::default() };
    loop {
        let page = store.list_claims(&q).unwrap();
        got.extend(page.items.iter().map(|c| (c.uuid.clone(), c.worthiness.expect("every claim is scored"))));
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(got.len(), texts.len(), "every claim once");
    let scores: Vec<f32> = got.iter().map(|g| g.1).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "highest first: {scores:?}");
    let rank = |i: usize| got.iter().position(|g| g.0 == made[i]).unwrap();
    for numeric in [0, 1, 4, 5] {
        for vague in [2, 3, 6] {
            assert!(rank(numeric) < rank(vague), "{:?} ranks above {:?}: {got:?}", texts[numeric], texts[vague]);
        }
    }
    // Rewording rescores the claim.
    let vague = &made[6];
    let detail = store.get_claim(vague).unwrap();
    let before = detail.worthiness.unwrap();
    store
        .update_claim(vague, &ClaimInput { text: "Sales of electric cars rose by 48% in 2023".into(), claimant: Some("Someone".into()), ..Default::default() })
        .unwrap();
    assert!(store.get_claim(vague).unwrap().worthiness.unwrap() > before);
}

#[test]
fn the_origin_filter_separates_imported_fact_checks_from_the_desks_claims() {
    let (_d, mut store) = open();
    let ours = add(&mut store, "Ferry fares will rise by 9% in April", "Harbour Board", None, &[], "");
    let review = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/fc/ferry-fares",
        "claimReviewed": "Ferry fares have doubled since 2020",
        "author": { "@type": "Organization", "name": "Checker Example" },
        "datePublished": "2025-05-02",
        "reviewRating": { "@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Mostly false" }
    });
    let report = factdesk_core::interchange::import(
        &mut store,
        factdesk_core::interchange::ImportKind::ClaimReview,
        review.to_string().as_bytes(),
        Default::default(),
    )
    .unwrap();
    assert_eq!(report.created, 1);
    let imported = uuids(&store, ClaimQuery { origin: Some(ClaimOrigin::Imported), ..Default::default() });
    assert_eq!(imported.len(), 1);
    assert_ne!(imported[0], ours);
    assert_eq!(uuids(&store, ClaimQuery { origin: Some(ClaimOrigin::Desk), ..Default::default() }), [ours]);
    let all = store.list_claims(&ClaimQuery { search: Some("ferry".into()), ..Default::default() }).unwrap();
    assert_eq!(all.items.len(), 2, "imported reviews are searchable with the desk's claims");
    let theirs = all.items.iter().find(|c| c.uuid == imported[0]).unwrap();
    assert_eq!(theirs.origin, ClaimOrigin::Imported);
    // The list row says who checked it and what they called it, in their words.
    assert_eq!(theirs.checked_by, Some(CheckedBy { publisher: "Checker Example".into(), rating_text: "Mostly false".into() }));
    assert!(all.items.iter().find(|c| c.uuid != imported[0]).unwrap().checked_by.is_none());
}

/// A search too common to count (its words in more than 2,000 claims) pages through every claim
/// with the words in its own fields, and then through those found only around them: the latter
/// are looked for only once the former run out. The count under the list is a floor, never below
/// what a page shows.
#[test]
fn a_common_search_reaches_the_claims_found_around_them_after_its_own() {
    let (_d, mut store) = open();
    let inputs: Vec<ClaimInput> =
        (0..2_050).map(|i| ClaimInput { text: format!("The harbour budget rose in year {i}"), ..Default::default() }).collect();
    store.create_claims(&inputs).unwrap();
    let around: Vec<String> = (0..3).map(|i| add(&mut store, &format!("Ferry fares went up {i}"), "Port", None, &[], "")).collect();
    let report = source(&mut store, "https://port.example/budget", "Harbour budget report");
    for c in &around {
        link(&mut store, c, &report, "Fares pay for the harbour.");
    }
    let q = |cursor: Option<String>| ClaimQuery { search: Some("harbour budget".into()), limit: Some(500), cursor, ..Default::default() };
    let first = store.list_claims(&q(None)).unwrap();
    assert_eq!((first.total, first.total_exact), (2_000, false));
    assert!(first.items.iter().all(|c| c.snippet.is_none()), "its own matches come first");
    let (mut own, mut found_around, mut cursor) = (first.items.len(), Vec::new(), first.next_cursor);
    while let Some(c) = cursor {
        let page = store.list_claims(&q(Some(c))).unwrap();
        for item in &page.items {
            if item.snippet.is_some() {
                found_around.push(item.uuid.clone());
            } else {
                assert!(found_around.is_empty(), "no claim of its own after one found around it");
                own += 1;
            }
        }
        cursor = page.next_cursor;
    }
    assert_eq!(own, 2_050);
    found_around.sort();
    let mut expected = around.clone();
    expected.sort();
    assert_eq!(found_around, expected);

    // Found only around the claims, and too common to count there: the floor is at least the
    // page shown.
    let many: Vec<String> = (0..2_010).map(|i| add_quick(&mut store, &format!("Toll {i} was waived"))).collect();
    let guide = source(&mut store, "https://port.example/guide", "Quayside guide");
    for c in &many {
        link(&mut store, c, &guide, "Tolls at the quay.");
    }
    let page = store.list_claims(&ClaimQuery { search: Some("quayside".into()), ..Default::default() }).unwrap();
    assert_eq!(page.items.len(), 50);
    assert!(!page.total_exact);
    assert!(page.total >= 50, "the floor is {}, below the 50 claims shown", page.total);
}

fn add_quick(store: &mut Store, text: &str) -> String {
    store.create_claim(&ClaimInput { text: text.into(), ..Default::default() }).unwrap().uuid
}
