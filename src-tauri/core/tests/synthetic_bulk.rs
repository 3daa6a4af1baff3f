//! The bulk path of the synthetic workspaces (`fill_synthetic`, `store::synthetic`) writes what the
//! store's write path writes (`fill_synthetic_through_store`): the same claims, tags, evidence,
//! verdicts, sign-offs, history, claimants, search rows and queue rows, UUIDs and timestamps aside.

use std::path::Path;

use factdesk_core::model::{ClaimQuery, ClaimSummary};
use factdesk_core::synthetic::{fill_synthetic, fill_synthetic_through_store};
use factdesk_core::Store;
use rusqlite::Connection;

const N: usize = 600;
const SEED: u64 = 5;

fn all_claims(store: &Store, search: &str) -> Vec<ClaimSummary> {
    let mut q = ClaimQuery { search: Some(search.to_string()), limit: Some(500), ..Default::default() };
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

/// The texts of the claims a search finds, sorted (the two workspaces' timestamps differ, and
/// with them the list's order).
fn found(store: &Store, search: &str) -> Vec<String> {
    let mut t: Vec<String> = all_claims(store, search).into_iter().map(|c| c.text).collect();
    t.sort();
    t
}

/// Every row of `sql` as text, one line per row, columns joined by " | ".
fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        let mut cols = Vec::with_capacity(n);
        for i in 0..n {
            let v: rusqlite::types::Value = r.get(i)?;
            cols.push(match v {
                rusqlite::types::Value::Null => "NULL".to_string(),
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Real(f) => f.to_string(),
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Blob(b) => format!("{b:?}"),
            });
        }
        Ok(cols.join(" | "))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// What the workspace holds, table by table, with each claim named by its place in the order of
/// capture (`#n`) instead of its id and UUID, and no timestamps (only whether they agree).
fn contents(path: &Path) -> Vec<(&'static str, Vec<String>)> {
    let conn = Connection::open(path).unwrap();
    // Whole: every reference points at a row, and the file is sound.
    assert_eq!(rows(&conn, "PRAGMA foreign_key_check"), Vec::<String>::new(), "{}", path.display());
    assert_eq!(rows(&conn, "PRAGMA integrity_check"), ["ok"], "{}", path.display());
    // The search indexes agree with what they index.
    conn.execute_batch(
        "INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check');
         INSERT INTO claim_context_fts (claim_context_fts) VALUES ('integrity-check');",
    )
    .unwrap();
    conn.execute_batch(
        "CREATE TEMP TABLE nth AS SELECT id, '#' || row_number() OVER (ORDER BY id) AS n FROM claims;
         CREATE UNIQUE INDEX temp.nth_id ON nth (id);",
    )
    .unwrap();
    let queries: &[(&str, &str)] = &[
        (
            "claims",
            "SELECT n.n, c.text, c.summary, cl.name, cl.role, c.said_on, c.said_where, c.status, c.worthiness, c.language,
                    c.context, c.assignee, c.origin, c.created_at = c.updated_at, c.published_at IS NOT NULL,
                    coalesce(c.published_at = c.updated_at, 1),
                    (SELECT group_concat(tag, ',') FROM (SELECT tag FROM claim_tags t WHERE t.claim_id = c.id ORDER BY tag))
             FROM claims c JOIN nth n ON n.id = c.id LEFT JOIN claimants cl ON cl.id = c.claimant_id ORDER BY c.id",
        ),
        ("claimants", "SELECT name, role, affiliation, created_at = updated_at FROM claimants ORDER BY id"),
        (
            "evidence",
            "SELECT n.n, s.url, e.excerpt, e.stance, e.note, e.capture_id IS NULL, e.created_at = e.updated_at,
                    e.created_at = c.created_at
             FROM evidence e JOIN nth n ON n.id = e.claim_id JOIN sources s ON s.id = e.source_id
             JOIN claims c ON c.id = e.claim_id ORDER BY e.claim_id, e.id",
        ),
        (
            "verdicts",
            "SELECT n.n, r.key, v.rationale, v.author, v.correction_reason, v.superseded_at IS NULL, v.superseded_by IS NULL,
                    v.created_at = c.created_at
             FROM verdicts v JOIN nth n ON n.id = v.claim_id JOIN ratings r ON r.id = v.rating_id
             JOIN claims c ON c.id = v.claim_id ORDER BY v.claim_id, v.id",
        ),
        (
            "sign-offs",
            "SELECT n.n, i.uuid, i.label, k.done_by, k.done_at = c.updated_at
             FROM claim_checks k JOIN nth n ON n.id = k.claim_id JOIN checklist_items i ON i.id = k.item_id
             JOIN claims c ON c.id = k.claim_id ORDER BY k.claim_id, i.position",
        ),
        (
            "history of claims",
            "SELECT n.n, h.entity, h.action, h.detail, h.actor,
                    CASE WHEN h.entity_uuid = c.uuid THEN 'the claim'
                         WHEN h.entity_uuid IN (SELECT uuid FROM evidence WHERE claim_id = c.id) THEN 'its evidence'
                         WHEN h.entity_uuid IN (SELECT uuid FROM verdicts WHERE claim_id = c.id) THEN 'its verdict'
                         WHEN h.entity_uuid IN (SELECT uuid FROM checklist_items) THEN h.entity_uuid
                         ELSE 'another ' || h.entity END,
                    h.at = c.created_at, h.uuid IS NOT NULL
             FROM history h JOIN nth n ON n.id = h.claim_id JOIN claims c ON c.id = h.claim_id ORDER BY h.claim_id, h.id",
        ),
        (
            "history of the rest",
            "SELECT h.entity, h.action, h.detail, h.actor, h.uuid IS NOT NULL FROM history h WHERE h.claim_id IS NULL
             ORDER BY h.id",
        ),
        (
            "claims_fts",
            "SELECT n.n, f.text, f.summary, f.claimant FROM claims_fts f JOIN nth n ON n.id = f.rowid ORDER BY f.rowid",
        ),
        (
            "claim_context_fts",
            "SELECT n.n, f.source_title, f.excerpt, f.rationale FROM claim_context_fts f JOIN nth n ON n.id = f.rowid
             ORDER BY f.rowid",
        ),
        ("claims_fts rows", "SELECT count(*) FROM claims_fts"),
        ("claim_context_fts rows", "SELECT count(*) FROM claim_context_fts"),
        ("claims_fts config", "SELECT k, v FROM claims_fts_config ORDER BY k"),
        ("claim_context_fts config", "SELECT k, v FROM claim_context_fts_config ORDER BY k"),
        ("vector_queue", "SELECT n.n FROM vector_queue q JOIN nth n ON n.id = q.claim_id ORDER BY q.claim_id"),
        ("claim_vectors", "SELECT count(*) FROM claim_vectors"),
        ("corrections", "SELECT count(*) FROM corrections"),
        ("sources", "SELECT url, title, publisher, published_on FROM sources ORDER BY id"),
        ("settings", "SELECT key, value FROM settings WHERE key LIKE 'synthetic.%' ORDER BY key"),
        ("history uuids", "SELECT count(*), count(DISTINCT uuid) FROM history"),
    ];
    queries.iter().map(|(name, sql)| (*name, rows(&conn, sql))).collect()
}

#[test]
fn the_bulk_path_writes_what_the_write_path_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path_a, path_b, path_c) =
        (dir.path().join("store.factdesk"), dir.path().join("bulk.factdesk"), dir.path().join("mixed.factdesk"));
    // A: the write path, as the CLI's demo does it (the demo claims first).
    let mut a = Store::open(&path_a).unwrap();
    factdesk_core::demo::seed(&mut a).unwrap();
    let ra = fill_synthetic_through_store(&mut a, N, SEED).unwrap();
    // B: the bulk path, in two runs (the second resumes where the first stopped).
    let mut b = Store::open(&path_b).unwrap();
    factdesk_core::demo::seed(&mut b).unwrap();
    let rb1 = fill_synthetic(&mut b, 250, SEED).unwrap();
    let rb2 = fill_synthetic(&mut b, N, SEED).unwrap();
    assert_eq!(fill_synthetic(&mut b, N, SEED).unwrap().claims_added, 0, "a rerun adds nothing");
    // C: begun through the write path, finished by the bulk path.
    let mut c = Store::open(&path_c).unwrap();
    factdesk_core::demo::seed(&mut c).unwrap();
    fill_synthetic_through_store(&mut c, 100, SEED).unwrap();
    fill_synthetic(&mut c, N, SEED).unwrap();

    assert_eq!(ra.claims_added, N);
    assert_eq!((rb1.claims_added, rb2.claims_added), (250, N - 250));
    assert_eq!(rb1.evidence_added + rb2.evidence_added, ra.evidence_added);
    assert_eq!(rb1.verdicts_added + rb2.verdicts_added, ra.verdicts_added);
    assert_eq!(rb1.sources_added, ra.sources_added);
    assert_eq!(rb2.sources_added, 0);
    assert!(ra.verdicts_added > 100 && ra.evidence_added > 200, "{ra:?}");
    let fresh = dir.path().join("fresh.factdesk");
    let mut f = Store::open(&fresh).unwrap();
    factdesk_core::demo::seed(&mut f).unwrap();
    assert_eq!(fill_synthetic(&mut f, N, SEED).unwrap(), ra, "one bulk run reports what the write path reports");
    drop(f);

    // Searches find the same claims: by their own words, a claimant, a rare programme name, and
    // words only in their surroundings (a source's title, an excerpt, a rationale).
    let first = all_claims(&a, "").into_iter().find(|c| c.text.contains("programme")).map(|c| c.text);
    let programme = first.as_deref().and_then(|t| t.split_whitespace().nth(1)).unwrap_or("Kavelmi").to_string();
    let searches =
        ["unemployment", "Northshire", "violent crime", "Alys", &programme, "methodology", "exaggerates", "bulletin", "tax"];
    for s in searches {
        let (fa, fb, fc) = (found(&a, s), found(&b, s), found(&c, s));
        assert!(!fa.is_empty() || s == programme || s.contains(' '), "searching {s:?} finds something");
        assert_eq!(fa, fb, "searching {s:?}");
        assert_eq!(fa, fc, "searching {s:?} (mixed)");
    }
    drop((a, b, c));

    let (ca, cb, cc) = (contents(&path_a), contents(&path_b), contents(&path_c));
    for (((name, ra), (_, rb)), (_, rc)) in ca.iter().zip(&cb).zip(&cc) {
        assert!(!ra.is_empty(), "{name} has rows");
        assert_eq!(ra.len(), rb.len(), "{name}: as many rows");
        for (x, y) in ra.iter().zip(rb) {
            assert_eq!(x, y, "{name}");
        }
        assert_eq!(ra, rc, "{name} (mixed)");
    }
    // The comparison saw what it should: published claims with sign-offs and a full trail.
    let table = |name: &str| ca.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    assert!(table("sign-offs").len() >= 30, "sign-offs of published claims");
    let trail = table("history of claims");
    assert!(trail.iter().any(|r| r.contains("| status | {\"changes\":[],\"summary\":\"Published\"}")), "{:?}", &trail[..10]);
    assert!(table("claim_context_fts").len() > 150);
    assert_eq!(table("vector_queue").len(), N + 5);
}

/// History rows of claimants written after the first claim's: the write path creates each
/// claimant as the first claim naming it is captured, the bulk path all of a chunk's first.
fn claimants_after_first_claim(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM history WHERE entity = 'claimant'
               AND id > (SELECT min(id) FROM history WHERE entity = 'claim' AND action = 'created')",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_workspace_on_a_desk_is_filled_through_the_write_path() {
    let dir = tempfile::tempdir().unwrap();
    let (bulk, desk) = (dir.path().join("bulk.factdesk"), dir.path().join("desk.factdesk"));
    fill_synthetic(&mut Store::open(&bulk).unwrap(), 300, SEED).unwrap();
    assert_eq!(claimants_after_first_claim(&bulk), 0, "the bulk path");

    // A replica of a desk (its link, as joining records it; opening it installs the outbox's triggers).
    drop(Store::open(&desk).unwrap());
    Connection::open(&desk)
        .unwrap()
        .execute(
            "INSERT INTO desk (id, desk_id, url, replica_id, role, joined_at)
             VALUES (1, 'd', 'postgresql://desk.example/factdesk', 'r', 'editor', '2026-01-01T00:00:00.000000Z')",
            [],
        )
        .unwrap();
    let mut store = Store::open(&desk).unwrap();
    let r = fill_synthetic(&mut store, 300, SEED).unwrap();
    drop(store);
    assert_eq!(r.claims_added, 300);
    assert!(claimants_after_first_claim(&desk) > 0, "the write path");
    let outbox: i64 = Connection::open(&desk)
        .unwrap()
        .query_row("SELECT count(*) FROM desk_outbox WHERE kind = 'claim' OR kind = 'claims'", [], |r| r.get(0))
        .unwrap();
    assert!(outbox >= 300, "the desk's outbox has the new claims: {outbox}");
}
