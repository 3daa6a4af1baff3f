//! Automatic backups (issue 11): at most hourly and only after a change, each verified, kept hourly
//! for a day and daily for a month, in a folder beside the workspace or the one Settings names.

use chrono::{DateTime, Duration, Utc};
use factdesk_core::interchange::rolling::{auto_backups, run_auto_backup, set_auto_backups, Policy};
use factdesk_core::model::ClaimInput;
use factdesk_core::Store;

fn workspace(dir: &std::path::Path) -> Store {
    let mut s = Store::open(dir.join("desk.factdesk")).unwrap();
    s.create_claim(&ClaimInput { text: "A claim worth keeping a copy of.".into(), ..ClaimInput::default() }).unwrap();
    s
}

fn change(s: &mut Store, n: usize) {
    s.create_claim(&ClaimInput { text: format!("Change number {n}."), ..ClaimInput::default() }).unwrap();
}

#[test]
fn hourly_for_a_day_then_daily_for_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let store = workspace(dir.path());
    let policy = Policy::default();
    // Forty days of work, a look every six hours, all before the workspace's last change (so
    // every look finds it changed since the backup before).
    let start: DateTime<Utc> = (Utc::now() - Duration::days(41)).date_naive().and_hms_opt(0, 30, 0).unwrap().and_utc();
    let mut made = 0;
    let mut now = start;
    while now < start + Duration::days(40) {
        if run_auto_backup(&store, now, &policy).unwrap().is_some() {
            made += 1;
        }
        now += Duration::hours(6);
    }
    assert_eq!(made, 40 * 4, "one at each look: each was an hour or more after the last");
    let last = now - Duration::hours(6);
    let kept = auto_backups(&store).unwrap().kept;
    assert!(kept.windows(2).all(|w| w[0].taken_at > w[1].taken_at), "newest first");
    let recent = kept.iter().filter(|b| last - b.taken_at < Duration::hours(24)).count();
    assert_eq!(recent, 4, "every backup of the last 24 hours");
    let older: Vec<_> = kept.iter().filter(|b| last - b.taken_at >= Duration::hours(24)).collect();
    let mut days: Vec<_> = older.iter().map(|b| b.taken_at.date_naive()).collect();
    days.dedup();
    assert_eq!(days.len(), older.len(), "one a day before that");
    assert!(older.iter().all(|b| last - b.taken_at < Duration::days(30)), "none older than a month");
    assert!((28..=30).contains(&older.len()), "a month of days: {}", older.len());
    for b in older.iter().filter(|b| b.taken_at.date_naive() != last.date_naive()) {
        assert_eq!(b.taken_at.format("%H").to_string(), "18", "the newest of its day is kept: {}", b.path);
    }
    let on_disk = std::fs::read_dir(dir.path().join("desk backups")).unwrap().count();
    assert_eq!(on_disk, kept.len(), "the others were removed");
}

#[test]
fn only_after_a_change_and_never_twice_in_an_hour() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = workspace(dir.path());
    let policy = Policy::default();
    let t0 = Utc::now();
    let first = run_auto_backup(&store, t0, &policy).unwrap().expect("the first backup");
    let copy = Store::open_read_only(&first.path).unwrap();
    assert_eq!(copy.check_integrity().unwrap(), "ok");
    assert_eq!(copy.info().unwrap().claim_count, 1);
    drop(copy);
    change(&mut store, 1);
    assert!(run_auto_backup(&store, t0 + Duration::minutes(30), &policy).unwrap().is_none(), "not within the hour");
    let second = run_auto_backup(&store, t0 + Duration::minutes(61), &policy).unwrap().expect("changed, an hour later");
    assert_eq!(second.claims, 2);
    assert!(run_auto_backup(&store, t0 + Duration::hours(5), &policy).unwrap().is_none(), "nothing changed since");
    assert_eq!(auto_backups(&store).unwrap().kept.len(), 2);
}

#[test]
fn off_or_elsewhere_as_settings_say() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = workspace(dir.path());
    let policy = Policy::default();
    let state = auto_backups(&store).unwrap();
    assert!(state.enabled, "on unless turned off");
    assert!(state.folder.ends_with("desk backups"), "{}", state.folder);

    let missing = dir.path().join("no such folder");
    let err = set_auto_backups(&mut store, true, Some(missing.to_str().unwrap())).unwrap_err();
    assert_eq!(err.kind(), "Validation");
    assert!(err.to_string().contains("does not exist"), "{err}");

    set_auto_backups(&mut store, false, None).unwrap();
    assert!(run_auto_backup(&store, Utc::now(), &policy).unwrap().is_none(), "off");

    let elsewhere = tempfile::tempdir().unwrap();
    let state = set_auto_backups(&mut store, true, Some(elsewhere.path().to_str().unwrap())).unwrap();
    assert_eq!(state.folder, elsewhere.path().display().to_string());
    let made = run_auto_backup(&store, Utc::now(), &policy).unwrap().expect("on again");
    assert!(made.path.starts_with(elsewhere.path()));
    drop(store);
    let reopened = Store::open(dir.path().join("desk.factdesk")).unwrap();
    assert_eq!(auto_backups(&reopened).unwrap().kept.len(), 1, "the setting survives a restart");
    assert!(!dir.path().join("desk backups").exists());
}
