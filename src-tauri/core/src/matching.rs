//! "Has anyone checked this?": the claims already in the workspace (the desk's own, and other
//! publishers' fact-checks imported with ClaimReview) that say what a text says, in other words.
//!
//! Candidates come two ways and are pooled:
//! - **by meaning**, when a matching model is attached to the store ([`Store::attach_embedder`]):
//!   the text's sentence embedding against every claim's stored vector, a coarse pass over their
//!   sign bits in memory, then the exact cosine of the nearest (`language::vectors`);
//! - **by words**, always: the search index asked for the text's rarest terms and their variants
//!   (`language::compare::probe_expression`).
//!
//! Each candidate is then scored. With a model, the score is the cosine of the two texts'
//! meanings times the *agreement* of the two texts (`language::compare::Comparison`): a number,
//! year, direction, extreme, negation, place or person that differs marks a near miss down,
//! however alike the sentences read, and so does one word swapped for another when the rest is the
//! same ("payments" for "attacks"), and so does one sentence with a word or two changed, added or
//! moved across a comparison (`language::edits`: "knife crime" / "gun crime", "more likely" /
//! "less likely", "new homes" / "new council homes"). The weights were chosen on the sets of
//! `tests/fixtures/matching/` that are marked tuned on or analysed, never on the newest blind set. Without a model (none installed, or a claim not yet indexed) the score is the
//! terms' weighted overlap times the same agreement, as before the model existed.
//!
//! Vectors are kept by the indexer ([`index_queued`], or the app's background thread with
//! [`embed_claims`] and [`Store::save_vectors`]): the store queues a claim in the transaction that
//! writes its wording, and the indexer embeds what waits.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, Result};
use crate::language::compare::{compare, probe_expression, CANDIDATES, PROBE_TERMS};
use crate::language::edits::{changed_words, edit, Edit};
use crate::language::terms::{analyse, is_marker, Analysis, Term, MARKER_WEIGHT, MIN_CONTENT_WORDS};
use crate::language::embed::Embedder;
use crate::language::vectors::{dequantize, dot, quantize, sign_bits};
use crate::model::{Difference, SimilarClaim};
use crate::store::{MatchText, Store};

/// A claim scoring below this is not shown as similar: scored by words alone.
pub const MIN_WORD_SCORE: f32 = 0.35;
/// A claim scoring below this is not shown as similar: scored by meaning.
pub const MIN_MEANING_SCORE: f32 = 0.40;
/// A claim this close in meaning (cosine) is shown whatever conflicts lower its score.
pub const CLOSE_MEANING: f32 = 0.6;
/// The factor for one word swapped for another while the rest is shared (see `similar_to`).
const SWAP_CONFLICT: f32 = 0.7;
/// The factor for the same sentence with a word or two changed, added or swapped across a
/// comparison (`language::edits`), scored by meaning. Chosen on the sets analysed by 2026-12-07
/// (held-out 2 and blind sets 4 to 6 gain 0.01 to 0.03 MAP@5 over 0.6; 0.7 loses 0.03 to 0.05).
const EDIT_CONFLICT: f32 = 0.5;
/// The same, scored by words alone: lower, the claims it marks fall under [`MIN_WORD_SCORE`] and a
/// paraphrase misread as an edit is no longer shown at all.
const EDIT_CONFLICT_WORDS: f32 = 0.6;
/// The share of terms two texts must have in common for a swapped word to count as the claim.
const SWAP_OVERLAP: f32 = 0.5;
/// How many claims the coarse pass over the vectors' sign bits hands to the exact pass.
const VECTOR_CANDIDATES: usize = 100;
/// Claims embedded together by the indexer between two writes. The model runs them 32 at a time,
/// shortest first, each run padded to its longest text: drawing the runs from 256 claims pads
/// them far less than from 32 (2,005 synthetic claims indexed in 48.6 s of CPU against 63.1 s, a
/// debug CLI on a loaded machine, 2026-12-07), and a write still comes every few seconds.
pub const INDEX_BATCH: usize = 256;

/// Claims already in the workspace that say what `text` says, best first, at most `limit`,
/// leaving out the claim `exclude`. Empty for a text too short to match (fewer than
/// [`MIN_CONTENT_WORDS`] content words); a stored claim that short is never offered either.
pub fn similar_claims(store: &Store, text: &str, exclude: Option<&str>, limit: usize) -> Result<Vec<SimilarClaim>> {
    Ok(similar_claims_many(store, &[(text, exclude)], limit)?.pop().unwrap_or_default())
}

/// [`similar_claims`] for several texts at once (an article's candidates): the texts are embedded
/// together, which is much faster than one by one.
pub fn similar_claims_many(store: &Store, texts: &[(&str, Option<&str>)], limit: usize) -> Result<Vec<Vec<SimilarClaim>>> {
    let analyses: Vec<Analysis> = texts.iter().map(|(t, _)| analyse(t)).collect();
    let wanted: Vec<usize> =
        (0..texts.len()).filter(|&i| limit > 0 && analyses[i].content >= MIN_CONTENT_WORDS).collect();
    let batch: Vec<&str> = wanted.iter().map(|&i| texts[i].0).collect();
    // The model embeds the texts on a thread of its own while this one asks the search index: on a
    // big workspace each takes about as long as the other, and the machine has a core for each.
    let (words, vectors) = std::thread::scope(|scope| {
        let embedding = store.embedder().filter(|_| !batch.is_empty()).map(|e| scope.spawn(|| e.embed(&batch)));
        let words: Result<Vec<Option<WordSide>>> = wanted.iter().map(|&i| by_words(store, &analyses[i])).collect();
        let vectors = match embedding {
            Some(handle) => handle.join().unwrap_or_else(|_| {
                Err(Error::validation("model", "The matching model stopped on one of these texts: similar claims could not be looked for."))
            }),
            None => Ok(Vec::new()),
        };
        (words, vectors)
    });
    let (words, vectors) = (words?, vectors?);
    let mut out = vec![Vec::new(); texts.len()];
    for (k, (&i, side)) in wanted.iter().zip(words).enumerate() {
        let Some(side) = side else { continue };
        out[i] = similar_to(store, texts[i].0, &analyses[i], side, vectors.get(k).map(Vec::as_slice), texts[i].1, limit)?;
    }
    Ok(out)
}

/// Claims that may say the same as claim `uuid`, leaving out those a checker already confirmed or
/// dismissed.
pub fn possible_duplicates(store: &Store, uuid: &str, limit: usize) -> Result<Vec<SimilarClaim>> {
    let (id, text) = store.claim_wording(uuid)?;
    let decided = store.decided_matches(id)?;
    let mut out = similar_claims(store, &text, Some(uuid), limit + decided.len())?;
    out.retain(|c| !decided.contains(&c.uuid));
    out.truncate(limit);
    Ok(out)
}

/// What the search index says of a query: how many claims use each of its words, and the claims
/// sharing its rarest words, best first.
struct WordSide {
    /// The claim id ceiling, standing for the number of claims.
    total: i64,
    /// Claims using each term (any of its spellings; an over-count when one uses two).
    df: HashMap<String, i64>,
    /// The claims found by words, with their vectors of the attached model, if any; their terms
    /// are read (see [`stored_terms`]).
    found: Vec<MatchText>,
}

/// The search index's side of matching `query`; None on an empty workspace. It runs while the
/// model embeds the query, so it also reads what it can of the candidates it found.
fn by_words(store: &Store, query: &Analysis) -> Result<Option<WordSide>> {
    let total = store.claim_id_ceiling()?;
    if total == 0 {
        return Ok(None);
    }
    let df_probe = store.term_frequencies(query.terms.iter().flat_map(|t| t.probes.iter()))?;
    let df: HashMap<String, i64> = query
        .terms
        .iter()
        .filter(|t| !t.probes.is_empty())
        .map(|t| (t.key.clone(), t.probes.iter().map(|p| df_probe[p]).sum::<i64>().min(total)))
        .collect();
    let mut probes: Vec<&Term> = query.terms.iter().filter(|t| df.get(&t.key).copied().unwrap_or(0) > 0).collect();
    probes.sort_by_key(|t| df[&t.key]);
    probes.truncate(PROBE_TERMS);
    let mut found = Vec::new();
    if !probes.is_empty() {
        let reach = |t: &Term| df[&t.key] as f64;
        let fts = probe_expression(&probes, &reach, total as f64, |p| df_probe[p] > 0);
        let ids = store.word_candidates(&fts, CANDIDATES)?;
        let model = match store.embedder() {
            Some(e) => store.embedding_model_id(e.model_name())?,
            None => None,
        };
        found = store.match_texts(&ids, model)?;
        for c in &found {
            stored_terms(&c.text);
        }
    }
    Ok(Some(WordSide { total, df, found }))
}

/// One scored candidate, before its row is read for showing.
struct Scored {
    id: i64,
    uuid: String,
    text: String,
    score: f32,
    differs: Vec<Difference>,
    theirs: Vec<String>,
    yours: Vec<String>,
}

fn similar_to(
    store: &Store,
    text: &str,
    query: &Analysis,
    words: WordSide,
    meaning: Option<&[f32]>,
    exclude: Option<&str>,
    limit: usize,
) -> Result<Vec<SimilarClaim>> {
    let n = words.total as f32 + 1.0;
    let idf = |d: i64| (n / (d as f32 + 1.0)).ln().max(0.05);
    let weight = |t: &str| -> f32 {
        if is_marker(t) {
            return MARKER_WEIGHT;
        }
        // A term only the candidate has counts as rare: it is something the query does not say.
        idf(words.df.get(t).copied().unwrap_or(0))
    };

    // Candidates by words, and by meaning; each claim once.
    let mut found = words.found;
    if let Some(v) = meaning {
        if let Some((model, mut near)) = store.nearest_vectors(&sign_bits(v), VECTOR_CANDIDATES)? {
            // (An id can come twice: the index keeps a claim's older vectors until it is rebuilt.)
            let mut have: HashSet<i64> = found.iter().map(|c| c.id).collect();
            near.retain(|id| have.insert(*id));
            found.extend(store.match_texts(&near, Some(model))?);
        }
    }
    let mut candidates: Vec<(MatchText, Option<f32>)> = found
        .into_iter()
        .filter(|c| exclude != Some(c.uuid.as_str()))
        .map(|c| {
            let cosine = meaning.zip(c.vector.as_deref().and_then(dequantize)).map(|(q, v)| dot(q, &v));
            (c, cosine)
        })
        .collect();
    // Most alike in meaning first. A claim's score is never above its cosine (the agreement and the
    // factors below are at most 1), so once `limit` claims are shown, a claim less alike than the
    // last of them cannot take its place and is not compared at all. A claim with no vector yet
    // (not indexed) is scored by words, always.
    candidates.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    let mut best: Vec<f32> = Vec::with_capacity(limit + 1);

    let terms: Vec<String> = query.terms.iter().map(|t| t.key.clone()).collect();
    let mut out = Vec::new();
    for (c, cosine) in candidates {
        if let (Some(cos), Some(&last)) = (cosine, best.get(limit - 1)) {
            if cos < last {
                continue;
            }
        }
        let Some(other) = stored_terms(&c.text) else { continue };
        let cmp = compare(&terms, &other.terms, &weight);
        let mut differs = cmp.differs;
        let (mut theirs, mut yours) = (Vec::new(), Vec::new());
        // The same sentence with a word or two changed: those words are the claim ("council
        // homes" for "homes", "more likely" for "less likely"), however alike the sentences read
        // or however many words they share.
        let edited = edit(text, &query.shape, &c.text, &other.shape);
        // Named only when no rule above names the change already ("Russia" for "Ukraine" is
        // another place, not also other words).
        if let Some(e) = edited.filter(|_| differs.is_empty()) {
            differs.push(match e {
                Edit::Changed => Difference::Word,
                Edit::Added => Difference::Qualifier,
                Edit::Swapped => Difference::Roles,
            });
            if e != Edit::Swapped {
                (theirs, yours) = changed_words(&c.text, text);
            }
        }
        let (score, shown) = match cosine {
            Some(cos) => {
                // Else, by meaning: most words shared and exactly one swapped for another
                // ("payments" for "attacks", "silver" for "gold").
                let factor = match edited {
                    Some(_) => EDIT_CONFLICT,
                    None if cmp.swapped == 1 && cmp.overlap >= SWAP_OVERLAP => {
                        if differs.is_empty() {
                            differs.push(Difference::Word);
                        }
                        SWAP_CONFLICT
                    }
                    None => 1.0,
                };
                let score = cos * cmp.agreement * factor;
                // A conflict ranks a claim lower; it hides it only when the meanings are not close
                // either (the rules read a paraphrase wrong now and then: it stays in view).
                (score, score >= MIN_MEANING_SCORE || cos >= CLOSE_MEANING)
            }
            None => {
                let score = cmp.overlap * cmp.agreement * if edited.is_some() { EDIT_CONFLICT_WORDS } else { 1.0 };
                (score, score >= MIN_WORD_SCORE)
            }
        };
        if !shown {
            continue;
        }
        let score = score.clamp(0.0, 1.0);
        let at = best.partition_point(|&b| b >= score);
        best.insert(at, score);
        best.truncate(limit);
        out.push(Scored { id: c.id, uuid: c.uuid, text: c.text, score, differs, theirs, yours });
    }
    // Equal scores: the shorter wording first (it says no more than the query), then by text, so
    // the order never depends on the random claim ids.
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.text.len().cmp(&b.text.len()))
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.uuid.cmp(&b.uuid))
    });
    out.truncate(limit);
    let ids: Vec<i64> = out.iter().map(|s| s.id).collect();
    let mut rows: HashMap<String, SimilarClaim> = store.similar_rows(&ids)?.into_iter().map(|c| (c.uuid.clone(), c)).collect();
    Ok(out
        .into_iter()
        .filter_map(|s| {
            let mut c = rows.remove(&s.uuid)?;
            (c.score, c.differs, c.theirs, c.yours) = (s.score, s.differs, s.theirs, s.yours);
            Some(c)
        })
        .collect())
}

/// A stored claim's terms (from [`analyse`]), or None when it is too short to be matched. Remembered
/// for the most recent texts: while a checker types, each keystroke meets mostly the same
/// candidates, and reading a claim into terms is most of the time a lookup spends after embedding
/// the query. The terms depend on the text alone, so the memory is shared by every workspace.
fn stored_terms(text: &str) -> Option<Arc<Stored>> {
    /// Texts remembered; all are forgotten when it fills (a few MB at most).
    const REMEMBERED: usize = 50_000;
    static MEMORY: OnceLock<Mutex<HashMap<String, Option<Arc<Stored>>>>> = OnceLock::new();
    let memory = MEMORY.get_or_init(Default::default);
    if let Some(known) = memory.lock().ok().and_then(|m| m.get(text).cloned()) {
        return known;
    }
    let a = analyse(text);
    let terms = (a.content >= MIN_CONTENT_WORDS)
        .then(|| Arc::new(Stored { terms: a.terms.into_iter().map(|t| t.key).collect(), shape: a.shape }));
    if let Ok(mut m) = memory.lock() {
        if m.len() >= REMEMBERED {
            m.clear();
        }
        m.insert(text.to_string(), terms.clone());
    }
    terms
}

/// A stored claim's terms and shape (see [`Analysis`]).
struct Stored {
    terms: Vec<String>,
    shape: Vec<String>,
}

/// One claim's vector as stored: `(claim id, the wording embedded, sign bits, quantized vector)`.
pub type StoredVector<'a> = (i64, &'a str, Vec<u8>, Vec<u8>);

/// Embeds claims' wording for storage with [`Store::save_vectors`]. Takes no lock on the
/// workspace: the app embeds outside it, so the window stays usable while a big import is indexed.
pub fn embed_claims<'a>(embedder: &Embedder, claims: &'a [(i64, String)]) -> Result<Vec<StoredVector<'a>>> {
    let texts: Vec<&str> = claims.iter().map(|(_, t)| t.as_str()).collect();
    let vectors = embedder.embed(&texts)?;
    Ok(claims
        .iter()
        .zip(vectors)
        .map(|((id, text), v)| {
            let bits = crate::language::vectors::bits_to_bytes(&sign_bits(&v));
            (*id, text.as_str(), bits, quantize(&v))
        })
        .collect())
}

/// Embeds every claim waiting for a vector with the store's model, [`INDEX_BATCH`] at a time,
/// calling `progress(done, total)` after each batch; returns how many were indexed (0 without a
/// model or on a read-only workspace). For the CLI and tests; the app does the same in the
/// background without holding the workspace while embedding.
pub fn index_queued(store: &mut Store, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
    let Some(embedder) = store.embedder().cloned() else { return Ok(0) };
    if store.is_read_only() {
        return Ok(0);
    }
    let total = store.vector_queue_len()?;
    let mut done = 0;
    loop {
        let batch = store.queued_claims(INDEX_BATCH)?;
        if batch.is_empty() {
            break;
        }
        let rows = embed_claims(&embedder, &batch)?;
        let saved = store.save_vectors(embedder.model_name(), embedder.dim(), &rows)?;
        if saved == 0 {
            // Every claim of the batch changed under us: cannot happen in one process holding the
            // workspace, but never loop forever.
            break;
        }
        done += saved as u64;
        progress(done, total.max(done));
    }
    Ok(done)
}

