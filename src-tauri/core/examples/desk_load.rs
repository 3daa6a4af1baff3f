//! Many checkers on one desk at once (issue 14's figures): `make desk-load` runs it against a
//! throwaway PostgreSQL (scripts/desk-load.sh makes the database and the roles).
//!
//!   desk_load ADMIN_URL --checkers N --seconds S [--password-prefix pw-] [--join-claims M]
//!
//! Each checker is a thread with its own workspace file and connection, joined as its own role
//! (`checker1`…`checkerN`, password PREFIX+role). For S seconds each adds a claim, syncs, and
//! notes the claims of others it now has: the time from the claim's commit on its replica to its
//! arrival here is the sync latency (replicas poll: a sync every 0–200 ms, no listener). At the
//! end every replica syncs twice more and is compared with the others. With --join-claims M, a
//! desk of M synthetic claims is made first and a new checker's join of it is timed instead.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factdesk_core::desk::{self, Access};
use factdesk_core::model::{ClaimInput, ClaimQuery};
use factdesk_core::Store;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn url_for(admin: &str, role: &str, password: &str) -> String {
    let (scheme, rest) = admin.split_once("://").expect("a postgres:// address");
    let host = rest.split_once('@').map(|(_, h)| h).unwrap_or(rest);
    format!("{scheme}://{role}:{password}@{host}")
}

/// Every load claim the replica holds, page by page.
fn load_texts(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .list_claims(&ClaimQuery { search: Some("loadclaim".into()), cursor, limit: Some(1000), ..Default::default() })
            .unwrap();
        out.extend(page.items.into_iter().map(|c| c.text));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return out,
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let admin = args.get(1).expect("usage: desk_load ADMIN_URL --checkers N --seconds S").clone();
    let checkers: usize = arg(&args, "--checkers").map(|s| s.parse().unwrap()).unwrap_or(10);
    let seconds: u64 = arg(&args, "--seconds").map(|s| s.parse().unwrap()).unwrap_or(60);
    let prefix = arg(&args, "--password-prefix").unwrap_or_else(|| "pw-".into());
    let dir = tempfile::tempdir().unwrap();

    let mut editor = Store::open(dir.path().join("editor.factdesk")).unwrap();
    if let Some(m) = arg(&args, "--join-claims") {
        let m: usize = m.parse().unwrap();
        let t = Instant::now();
        factdesk_core::synthetic::fill_synthetic(&mut editor, m, 1).unwrap();
        println!("synthetic workspace of {m} claims: {:.1} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let r = desk::create(&mut editor, &admin, Access::default()).unwrap();
        println!("desk create (upload): {:.1} s, {} rows pushed", t.elapsed().as_secs_f64(), r.pushed);
        let mut joiner = Store::open(dir.path().join("joiner.factdesk")).unwrap();
        let t = Instant::now();
        let r = desk::join(&mut joiner, &url_for(&admin, "checker1", &format!("{prefix}checker1")), Access::default()).unwrap();
        println!(
            "join of a desk of {m} claims: {:.1} s, {} rows, {} problems; the replica has {} claims",
            t.elapsed().as_secs_f64(),
            r.pulled,
            r.problems.len(),
            joiner.info().unwrap().claim_count
        );
        return;
    }
    desk::create(&mut editor, &admin, Access::default()).unwrap();
    drop(editor);

    // text -> (commit instant, author)
    let made: Arc<Mutex<HashMap<String, (Instant, usize)>>> = Arc::default();
    let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
    let refused = Arc::new(Mutex::new(0usize));
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let threads: Vec<_> = (1..=checkers)
        .map(|i| {
            let (made, latencies, refused) = (made.clone(), latencies.clone(), refused.clone());
            let role = format!("checker{i}");
            let url = url_for(&admin, &role, &format!("{prefix}{role}"));
            let password = format!("{prefix}{role}");
            let path = dir.path().join(format!("{role}.factdesk"));
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                store.set_actor(&role).unwrap();
                desk::join(&mut store, &url, Access::default()).unwrap();
                let access = Access { password: Some(&password) };
                let mut seen: HashSet<String> = HashSet::new();
                let mut n = 0u64;
                let mut rng = i as u64 * 2654435761;
                while Instant::now() < end {
                    n += 1;
                    let text = format!("loadclaim {role} number {n} says the aid package is stalled");
                    store.create_claim(&ClaimInput { text: text.clone(), ..Default::default() }).unwrap();
                    made.lock().unwrap().insert(text.clone(), (Instant::now(), i));
                    seen.insert(text);
                    match desk::sync(&mut store, access) {
                        Ok(r) => *refused.lock().unwrap() += r.refused.len(),
                        Err(e) => eprintln!("{role}: sync failed: {e}"),
                    }
                    let now = Instant::now();
                    for t in load_texts(&store) {
                        if seen.insert(t.clone()) {
                            if let Some((at, _)) = made.lock().unwrap().get(&t) {
                                latencies.lock().unwrap().push(now.duration_since(*at).as_secs_f64() * 1000.0);
                            }
                        }
                    }
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    std::thread::sleep(Duration::from_millis((rng >> 33) % 200));
                }
                (store, password)
            })
        })
        .collect();
    let mut replicas: Vec<(Store, String)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let elapsed = start.elapsed().as_secs_f64();
    for _ in 0..2 {
        for (store, password) in replicas.iter_mut() {
            desk::sync(store, Access { password: Some(password) }).unwrap();
        }
    }
    let made = made.lock().unwrap();
    let mut everywhere = 0;
    let mut duplicates = 0;
    for (store, _) in &replicas {
        let texts = load_texts(store);
        let unique: HashSet<&String> = texts.iter().collect();
        duplicates += texts.len() - unique.len();
        if made.keys().all(|t| unique.contains(t)) {
            everywhere += 1;
        }
    }
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("checkers: {checkers}, seconds: {elapsed:.1}");
    println!("changes made: {} claims ({:.1}/s)", made.len(), made.len() as f64 / elapsed);
    println!("replicas holding every claim at the end: {everywhere} of {checkers}");
    println!("duplicate claims on any replica: {duplicates}");
    println!("refused: {}", refused.lock().unwrap());
    println!(
        "sync latency, commit on one replica to present on another: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms ({} arrivals)",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        lat.len()
    );
}
