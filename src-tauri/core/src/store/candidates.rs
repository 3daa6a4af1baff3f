//! The statements similar-claim matching runs. The matching itself is `crate::matching`; what it
//! reads in a text is `crate::language`. Here: claims found by their words through the search
//! index, the rows of claims found in the in-memory vector index, the stored vectors, and the queue
//! of claims whose wording still waits for a vector.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rusqlite::{params, OptionalExtension};

use super::claims::{checked_by, ids_json, origin_of, CHECKED_BY_COL};
use super::verdicts::{rating_from_row, RATING_COLS};
use super::{parse_date, Store, Tx};
use crate::error::{Error, Result};
use crate::language::embed::Embedder;
use crate::language::vectors::{bits_from_bytes, Index};
use crate::model::{ClaimStatus, SimilarClaim};

/// A claim offered to the matcher, before it is scored: the wording it is compared on, and its
/// stored vector (quantized, see `language::vectors`) when the given model made one. The rest of
/// its row is read only for the claims shown ([`Store::similar_rows`]).
#[derive(Debug, Clone)]
pub struct MatchText {
    pub id: i64,
    pub uuid: String,
    pub text: String,
    pub vector: Option<Vec<u8>>,
}

fn similar_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SimilarClaim> {
    let status: String = r.get(3)?;
    let origin: String = r.get(5)?;
    Ok(SimilarClaim {
        uuid: r.get(0)?,
        text: r.get(1)?,
        claimant: r.get(2)?,
        status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
        said_on: parse_date(r.get(4)?)?,
        rating: rating_from_row(r, 7)?,
        score: 0.0,
        origin: origin_of(&origin),
        checked_by: r.get::<_, Option<String>>(6)?.map(|b| checked_by(&b)),
        differs: Vec::new(),
        theirs: Vec::new(),
        yours: Vec::new(),
    })
}

/// Claims a word is counted in exactly before its frequency is estimated (see
/// [`Store::term_frequencies_up_to`]).
pub const EXACT_FREQUENCY: usize = 2_000;

/// Words in this many claims or more have their frequency remembered (see
/// [`Store::term_frequencies`]).
pub const REMEMBERED_FROM: i64 = 200;

/// The remembered frequencies of common words, and the claim id ceiling when they were counted.
#[derive(Default)]
pub(crate) struct FrequencyCache {
    ceiling: i64,
    counts: HashMap<String, i64>,
}

impl Store {
    /// An upper bound of the number of claims, from one index probe (the largest id) rather than a
    /// count.
    pub fn claim_id_ceiling(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))?)
    }

    /// How many claims use each of these words (as the search index spells them): counted up to
    /// [`EXACT_FREQUENCY`], estimated beyond (see [`Store::term_frequencies_up_to`]).
    ///
    /// A word in [`REMEMBERED_FROM`] claims or more is counted once and remembered until the claims
    /// grow by a twentieth: it is what costs (reading up to `EXACT_FREQUENCY` rows of the index, for
    /// every common word of every keystroke), and its weight hardly moves. A rarer word is counted
    /// each time, which is cheap and finds the claim saved a moment ago (a word no claim uses is
    /// not looked for).
    pub fn term_frequencies<'a>(&self, words: impl Iterator<Item = &'a String>) -> Result<HashMap<String, i64>> {
        let ceiling = self.claim_id_ceiling()?;
        let mut cache = self.frequencies.borrow_mut();
        if ceiling < cache.ceiling || ceiling > cache.ceiling + cache.ceiling / 20 {
            *cache = FrequencyCache { ceiling, counts: HashMap::new() };
        }
        let mut out = HashMap::new();
        let mut unknown = Vec::new();
        for w in words {
            match cache.counts.get(w) {
                Some(&n) => {
                    out.insert(w.clone(), n);
                }
                None => unknown.push(w),
            }
        }
        for (w, n) in self.term_frequencies_up_to(unknown.into_iter(), EXACT_FREQUENCY)? {
            if n >= REMEMBERED_FROM {
                cache.counts.insert(w.clone(), n);
            }
            out.insert(w, n);
        }
        Ok(out)
    }

    /// [`Store::term_frequencies`], counted exactly up to `exact` claims a word. A more common
    /// word's count is estimated from where its `exact`-th claim lies among the ids: a word in
    /// 2,000 of the first 2,800 claims is in about 71% of them all. Counting it exactly reads its
    /// whole list in the index (the search index's `claims_vocab` does: 45 ms for "the" at a
    /// million claims, on every keystroke of the similar-claims panel); the estimate reads
    /// `exact` rows of it at most. Ids grow with time, so a word that became common lately is
    /// under-counted; the counts only weigh words against each other (rare words count more),
    /// where a few percent do not matter.
    pub fn term_frequencies_up_to<'a>(&self, words: impl Iterator<Item = &'a String>, exact: usize) -> Result<HashMap<String, i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT count(*), coalesce(max(rowid), 0) FROM
               (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid LIMIT ?2)",
        )?;
        let mut ceiling = None;
        let mut out = HashMap::new();
        for w in words {
            if out.contains_key(w) {
                continue;
            }
            // One word, quoted: the index's own spelling matches itself.
            let phrase = format!("\"{}\"", w.replace('"', "\"\""));
            let (n, last): (i64, i64) = stmt.query_row(params![phrase, exact as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let df = if (n as usize) < exact || last <= 0 {
                n
            } else {
                let ceiling = match ceiling {
                    Some(c) => c,
                    None => *ceiling.insert(self.claim_id_ceiling()?),
                };
                ((n as f64) * (ceiling as f64) / (last as f64)).round() as i64
            };
            out.insert(w.clone(), df);
        }
        Ok(out)
    }

    /// The ids of the claims the search index ranks best for the expression `fts` (FTS5 syntax),
    /// best first, at most `limit`.
    pub fn word_candidates(&self, fts: &str, limit: u32) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT ?2")?;
        let rows = stmt.query_map(params![fts, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The claims with these ids (those that still exist): wording, and vector of model `model`.
    pub fn match_texts(&self, ids: &[i64], model: Option<i64>) -> Result<Vec<MatchText>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.uuid, c.text, cv.vector FROM json_each(?1) j JOIN claims c ON c.id = j.value
             LEFT JOIN claim_vectors cv ON cv.claim_id = c.id AND cv.model_id = ?2",
        )?;
        let rows = stmt.query_map(params![ids_json(ids), model], |r| {
            Ok(MatchText { id: r.get(0)?, uuid: r.get(1)?, text: r.get(2)?, vector: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The claims with these ids as the matcher shows them (claimant, status, rating, who checked
    /// it), score 0, in no particular order.
    pub fn similar_rows(&self, ids: &[i64]) -> Result<Vec<SimilarClaim>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.uuid, c.text, cl.name, c.status, c.said_on, c.origin,
                    {CHECKED_BY_COL},
                    {RATING_COLS}
             FROM json_each(?1) j JOIN claims c ON c.id = j.value
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
             LEFT JOIN ratings r ON r.id = v.rating_id"
        ))?;
        let rows = stmt.query_map([ids_json(ids)], similar_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The claim's id and wording.
    pub fn claim_wording(&self, uuid: &str) -> Result<(i64, String)> {
        self.conn()
            .query_row("SELECT id, text FROM claims WHERE uuid = ?1", [uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", uuid))
    }

    /// The claims a checker already confirmed as the same as claim `id`, or dismissed: possible
    /// duplicates leave them out.
    pub fn decided_matches(&self, id: i64) -> Result<HashSet<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT c.uuid FROM claim_links l JOIN claims c ON c.id = CASE WHEN l.claim_a = ?1 THEN l.claim_b ELSE l.claim_a END
                 WHERE l.claim_a = ?1 OR l.claim_b = ?1",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the embedding model named `name` in this workspace, if it made any vector here.
    pub fn embedding_model_id(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM embedding_models WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    /// Calls `each(seq, claim_id, bits)` for every vector of model `model` written after `after`
    /// (a `seq`), in the order written; returns the last `seq` seen (`after` when none).
    pub fn vectors_since(&self, model: i64, after: i64, mut each: impl FnMut(i64, &[u8])) -> Result<i64> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT seq, claim_id, bits FROM claim_vectors WHERE model_id = ?1 AND seq > ?2 ORDER BY seq")?;
        let mut rows = stmt.query(params![model, after])?;
        let mut last = after;
        while let Some(r) = rows.next()? {
            last = r.get(0)?;
            let bits = r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
            each(r.get(1)?, bits);
        }
        Ok(last)
    }

    /// The largest `seq` of any stored vector (0 when none): when it is below what an in-memory
    /// index has read, the workspace was replaced under it (a restore) and the index starts over.
    pub fn last_vector_seq(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT coalesce(max(seq), 0) FROM claim_vectors", [], |r| r.get(0))?)
    }

    /// How many claims wait for a vector.
    pub fn vector_queue_len(&self) -> Result<u64> {
        Ok(self.conn().query_row("SELECT count(*) FROM vector_queue", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Up to `limit` claims waiting for a vector: id and wording, oldest claims first.
    pub fn queued_claims(&self, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.text FROM vector_queue q JOIN claims c ON c.id = q.claim_id ORDER BY q.claim_id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores the vectors model `model` (of dimension `dim`) made, one per claim: `(claim id, the
    /// wording embedded, sign bits, quantized vector)`, and takes those claims off the queue, in one
    /// transaction. A claim whose wording changed since it was read is left on the queue (its vector
    /// would describe the old wording), and one deleted since is skipped. Returns how many were
    /// stored. Vectors are derived data: no history is written.
    pub fn save_vectors(&mut self, model: &str, dim: usize, rows: &[(i64, &str, Vec<u8>, Vec<u8>)]) -> Result<usize> {
        let tx = self.upkeep_transaction()?;
        tx.execute("INSERT OR IGNORE INTO embedding_models (name, dim) VALUES (?1, ?2)", params![model, dim as i64])?;
        let model_id: i64 = tx.query_row("SELECT id FROM embedding_models WHERE name = ?1", [model], |r| r.get(0))?;
        let mut saved = 0;
        {
            let mut same = tx.prepare_cached("SELECT 1 FROM claims WHERE id = ?1 AND text = ?2")?;
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO claim_vectors (claim_id, model_id, bits, vector) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut done = tx.prepare_cached("DELETE FROM vector_queue WHERE claim_id = ?1")?;
            for (id, text, bits, vector) in rows {
                if !same.exists(params![id, text])? {
                    continue;
                }
                put.execute(params![id, model_id, bits, vector])?;
                done.execute([id])?;
                saved += 1;
            }
        }
        tx.commit()?;
        Ok(saved)
    }

    /// Queues every claim that has no vector of model `model` (a new workspace model, or one whose
    /// indexing was never finished). Returns how many were queued.
    pub fn queue_missing_vectors(&mut self, model: &str) -> Result<usize> {
        let tx = self.upkeep_transaction()?;
        let n = tx.execute(
            "INSERT OR IGNORE INTO vector_queue (claim_id)
             SELECT c.id FROM claims c WHERE NOT EXISTS (
                 SELECT 1 FROM claim_vectors v JOIN embedding_models m ON m.id = v.model_id
                 WHERE v.claim_id = c.id AND m.name = ?1)",
            [model],
        )?;
        tx.commit()?;
        Ok(n)
    }
}

impl Tx<'_> {
    /// The claim's wording is new or changed: its vector (if any) describes another wording, so it
    /// goes, and the claim waits for the indexer. Called in the transaction that writes the wording.
    pub(crate) fn wording_changed(&self, claim_id: i64) -> Result<()> {
        self.conn().prepare_cached("DELETE FROM claim_vectors WHERE claim_id = ?1")?.execute([claim_id])?;
        self.conn().prepare_cached("INSERT OR IGNORE INTO vector_queue (claim_id) VALUES (?1)")?.execute([claim_id])?;
        Ok(())
    }
}

/// The stored vectors of one model, read into memory for the coarse first pass of matching by
/// meaning (see `language::vectors::Index`). It reads only what was written since it last looked.
#[derive(Default)]
pub(crate) struct VectorCache {
    /// The model's id in this workspace, and the index of its vectors.
    model: Option<(i64, Index)>,
    /// The last `seq` read.
    last_seq: i64,
}

impl Store {
    /// Gives the store the matching model: similar claims are then found by meaning as well as by
    /// words, and the claims whose vector another model made (or none) wait for the indexer.
    pub fn attach_embedder(&mut self, embedder: Arc<Embedder>) -> Result<()> {
        *self.vectors.borrow_mut() = VectorCache::default();
        let name = embedder.model_name().to_string();
        self.embedder = Some(embedder);
        if !self.is_read_only() && self.setting(MODEL_SETTING)?.as_deref() != Some(name.as_str()) {
            self.queue_missing_vectors(&name)?;
            self.write(|tx| tx.set_setting(MODEL_SETTING, &name))?;
        }
        Ok(())
    }

    /// Matching by words only from now on (the model was switched off in Settings, or its folder
    /// is gone). The stored vectors stay for when a model comes back.
    pub fn detach_embedder(&mut self) {
        *self.vectors.borrow_mut() = VectorCache::default();
        self.embedder = None;
    }

    /// The matching model, when one is attached.
    pub fn embedder(&self) -> Option<&Arc<Embedder>> {
        self.embedder.as_ref()
    }

    /// The ids of the (at most) `k` claims whose stored vectors of the attached model are nearest
    /// to `bits` (a vector's sign bits), nearest first, with the model's id in this workspace for
    /// reading their exact vectors. None without a model or before any vector of it is stored.
    pub fn nearest_vectors(&self, bits: &[u64], k: usize) -> Result<Option<(i64, Vec<i64>)>> {
        let Some(embedder) = &self.embedder else { return Ok(None) };
        let mut cache = self.vectors.borrow_mut();
        if cache.model.is_none() || self.last_vector_seq()? < cache.last_seq {
            *cache = VectorCache::default();
            let Some(id) = self.embedding_model_id(embedder.model_name())? else { return Ok(None) };
            cache.model = Some((id, Index::new(embedder.dim())));
        }
        let VectorCache { model: Some((model, index)), last_seq } = &mut *cache else { unreachable!() };
        let words = embedder.dim().div_ceil(64);
        *last_seq = self.vectors_since(*model, *last_seq, |claim, bytes| {
            if let Some(b) = bits_from_bytes(bytes).filter(|b| b.len() == words) {
                index.push(claim, &b);
            }
        })?;
        Ok(Some((*model, index.nearest(bits, k).into_iter().map(|(id, _)| id).collect())))
    }
}

/// The setting naming the model the workspace's vectors were last made with.
const MODEL_SETTING: &str = "matching.model";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimInput;

    /// Under the cap a word's frequency is its count, the search index's own (`claims_vocab`);
    /// above it, an estimate close to that count when the word is spread over the claims.
    #[test]
    fn word_frequencies_are_counted_then_estimated() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.factdesk")).unwrap();
        let inputs: Vec<ClaimInput> = (0..3_000)
            .map(|i| {
                let mut text = format!("Claim number {i} on tariffs");
                if i % 3 == 0 {
                    text.push_str(" and rates");
                }
                if i % 7 == 1 {
                    text.push_str(" for zebras");
                }
                if i == 2_500 {
                    text.push_str(" about \"quoted\" okapis");
                }
                ClaimInput { text, ..Default::default() }
            })
            .collect();
        store.create_claims(&inputs).unwrap();
        let vocab = |w: &str| -> i64 {
            store.conn().query_row("SELECT coalesce(max(doc), 0) FROM claims_vocab WHERE term = ?1", [w], |r| r.get(0)).unwrap()
        };
        let words: Vec<String> = ["tariffs", "rates", "zebras", "okapis", "quoted", "giraffes"].map(String::from).to_vec();
        let exact = store.term_frequencies_up_to(words.iter(), 5_000).unwrap();
        for w in &words {
            assert_eq!(exact[w], vocab(w), "{w} counted");
        }
        assert_eq!((exact["tariffs"], exact["rates"], exact["okapis"], exact["giraffes"]), (3_000, 1_000, 1, 0));
        let estimated = store.term_frequencies_up_to(words.iter(), 200).unwrap();
        for w in &words {
            let (e, v) = (estimated[w] as f64, vocab(w) as f64);
            assert!((e - v).abs() <= v * 0.05, "{w}: estimated {e}, counted {v}");
        }
        assert_eq!(estimated["okapis"], 1, "a rare word is counted, not estimated");
    }

    /// A common word's frequency is remembered until the claims grow by a twentieth; a rare word
    /// is counted each time, so a claim saved a moment ago is found by it.
    #[test]
    fn common_word_frequencies_are_remembered_rare_ones_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.factdesk")).unwrap();
        let add = |store: &mut Store, text: String| {
            store.create_claim(&ClaimInput { text, ..Default::default() }).unwrap();
        };
        for i in 0..400 {
            add(&mut store, format!("Claim number {i} on tariffs"));
        }
        let words: Vec<String> = ["tariffs", "zebras"].map(String::from).to_vec();
        let first = store.term_frequencies(words.iter()).unwrap();
        assert_eq!((first["tariffs"], first["zebras"]), (400, 0));

        add(&mut store, "Zebras pay no tariffs".into());
        let next = store.term_frequencies(words.iter()).unwrap();
        assert_eq!(next["zebras"], 1, "the new claim's rare word is counted at once");
        assert_eq!(next["tariffs"], 400, "the common word is remembered");

        for i in 0..20 {
            add(&mut store, format!("Another claim {i} on tariffs"));
        }
        let grown = store.term_frequencies(words.iter()).unwrap();
        assert_eq!(grown["tariffs"], 421, "counted again once the claims grew by a twentieth");
    }
}
