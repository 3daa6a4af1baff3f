//! Rating scales are data: presets, a desk's own scale, switching scales, and the ClaimReview
//! mapping of a rating without a number ("Unproven"), on a real SQLite file.

use factdesk_core::model::*;
use factdesk_core::report::{self, ExportOptions, Format, Selection};
use factdesk_core::{Error, Store};

fn open() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.factdesk");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn verdict(store: &mut Store, claim: &str, key: &str) -> Result<Verdict, Error> {
    store.record_verdict(&VerdictInput { claim_uuid: claim.into(), rating_key: key.into(), rationale: "Because.".into(), correction_reason: None, correction_kind: None })
}

fn validation<T: std::fmt::Debug>(r: Result<T, Error>, field: &str) -> String {
    match r {
        Err(Error::Validation { field: f, message }) => {
            assert_eq!(f, field, "{message}");
            message
        }
        other => panic!("expected a Validation error on {field}, got {other:?}"),
    }
}

fn rating(label: &str, color: &str, value: Option<i32>) -> RatingInput {
    RatingInput { label: label.into(), color: color.into(), value, ..Default::default() }
}

#[test]
fn three_presets_ship_and_the_six_step_scale_is_the_default() {
    let (_d, _p, store) = open();
    let scales = store.list_scales().unwrap();
    let names: Vec<&str> = scales.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Truth scale (six steps)", "Plain language", "Numeric 1 to 5"]);
    assert!(scales.iter().all(|s| s.preset));
    assert_eq!(store.rating_scale().unwrap().name, "Truth scale (six steps)");
    let plain = &scales[1];
    assert_eq!((plain.best_rating, plain.worst_rating), (Some(4), Some(1)));
    let labels: Vec<&str> = plain.ratings.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Correct", "Missing context", "Misleading", "False", "Unproven"]);
    assert_eq!(plain.ratings[4].value, None, "Unproven has no number");
    assert_eq!(scales[2].ratings.iter().map(|r| r.value).collect::<Vec<_>>(), [Some(5), Some(4), Some(3), Some(2), Some(1)]);
}

#[test]
fn switching_scales_keeps_old_verdicts_and_refuses_ratings_of_another_scale() {
    let (_d, path, mut store) = open();
    let a = store.create_claim(&ClaimInput { text: "Bus fares rose by a third".into(), ..Default::default() }).unwrap().uuid;
    let b = store.create_claim(&ClaimInput { text: "The tunnel will open next spring".into(), ..Default::default() }).unwrap().uuid;
    verdict(&mut store, &a, "mostly_true").unwrap();
    let plain = store.list_scales().unwrap().into_iter().find(|s| s.name == "Plain language").unwrap();
    store.set_rating_scale(&plain.uuid).unwrap();
    let msg = validation(verdict(&mut store, &b, "mostly_true"), "rating_key");
    assert!(msg.contains("Plain language") && msg.contains("Unproven"), "{msg}");
    assert!(store.get_claim(&b).unwrap().verdict.is_none(), "a refused verdict changes nothing");
    let v = verdict(&mut store, &b, "unproven").unwrap();
    assert_eq!((v.rating.label.as_str(), v.rating.value), ("Unproven", None));
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.rating_scale().unwrap().uuid, plain.uuid, "the choice survives a restart");
    assert_eq!(store.get_claim(&a).unwrap().verdict.unwrap().rating.label, "Mostly true", "old verdicts keep their rating");
}

#[test]
fn a_rating_without_a_number_is_published_by_its_name_only() {
    let (_d, _p, mut store) = open();
    factdesk_core::demo::seed(&mut store).unwrap();
    let plain = store.list_scales().unwrap().into_iter().find(|s| s.name == "Plain language").unwrap();
    store.set_rating_scale(&plain.uuid).unwrap();
    // The published demo claim gets an "Unproven" correction.
    let published = store
        .list_claims(&ClaimQuery { status: Some(ClaimStatus::Published), ..Default::default() })
        .unwrap()
        .items[0]
        .uuid
        .clone();
    store
        .record_verdict(&VerdictInput {
            claim_uuid: published.clone(),
            rating_key: "unproven".into(),
            rationale: "The vote count cannot be confirmed yet.".into(),
            correction_reason: Some("New evidence muddies the picture.".into()),
            correction_kind: None,
        })
        .unwrap();
    let out = report::export(&store, &Selection::Claim(published), Format::ClaimReview, &ExportOptions::default()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    let rating = &json["reviewRating"];
    assert_eq!(rating["alternateName"], "Unproven");
    assert!(rating.get("ratingValue").is_none() && rating.get("bestRating").is_none(), "{rating}");
}

#[test]
fn a_desk_adds_its_own_scale_and_bad_scales_are_refused_whole() {
    let (_d, _p, mut store) = open();
    let before = store.list_scales().unwrap().len();
    let good = RatingScaleInput {
        name: "Traffic light".into(),
        description: "Green, amber, red".into(),
        best_rating: Some(3),
        worst_rating: Some(1),
        ratings: vec![rating("Green", "#1b7f3b", Some(3)), rating("Amber", "#c9a227", Some(2)), rating("Red", "#c23b22", Some(1))],
    };
    let twice = RatingScaleInput { ratings: vec![rating("Green", "#1b7f3b", Some(3)), rating("green", "#c9a227", Some(2))], ..good.clone() };
    assert!(validation(store.create_scale(&twice), "ratings").contains("twice"));
    let colour = RatingScaleInput { ratings: vec![rating("Green", "green", Some(3)), rating("Red", "#c23b22", Some(1))], ..good.clone() };
    assert!(validation(store.create_scale(&colour), "ratings").contains("colour"));
    let range = RatingScaleInput { ratings: vec![rating("Green", "#1b7f3b", Some(9)), rating("Red", "#c23b22", Some(1))], ..good.clone() };
    assert!(validation(store.create_scale(&range), "ratings").contains("outside"));
    let one = RatingScaleInput { ratings: vec![rating("Green", "#1b7f3b", Some(3))], ..good.clone() };
    validation(store.create_scale(&one), "ratings");
    let taken = RatingScaleInput { name: "plain LANGUAGE".into(), ..good.clone() };
    validation(store.create_scale(&taken), "name");
    assert_eq!(store.list_scales().unwrap().len(), before, "refused scales leave nothing behind");

    let created = store.create_scale(&good).unwrap();
    assert!(!created.preset);
    assert_eq!(created.ratings.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["green", "amber", "red"]);
    assert_eq!(created.ratings[0].alternate_name, "Green");
    store.set_rating_scale(&created.uuid).unwrap();
    let c = store.create_claim(&ClaimInput { text: "The river is cleaner than in 1990".into(), ..Default::default() }).unwrap().uuid;
    assert_eq!(verdict(&mut store, &c, "amber").unwrap().rating.value, Some(2));
}
