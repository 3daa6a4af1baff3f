//! Similar-claim matching: does the workspace already hold a claim that says the same thing in
//! other words? Candidates come from the search index through the query's rarest words; each is
//! then scored by the rare words both share (weighted by how rare they are), and a claim whose
//! numbers differ is marked down, because "$60 billion" and "$6 billion" are different claims.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::{parse_date, Store};
use crate::error::Result;
use crate::model::{ClaimStatus, Rating, SimilarClaim};

/// Texts with fewer content words than this are never matched automatically: "It is false"
/// would match everything and nothing.
pub const MIN_CONTENT_WORDS: usize = 4;
/// A claim scoring below this is not shown as similar.
pub const MIN_SCORE: f32 = 0.35;
/// At most this many of the query's rarest words pick the candidates.
const PROBE_TERMS: usize = 8;
const CANDIDATES: u32 = 60;

const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "not", "of", "on", "one",
    "or", "our", "out", "over", "said", "says", "she", "so", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "under", "up", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your", "us", "my", "me", "been", "just", "now", "very", "there's",
    "it's", "per", "cent", "percent",
];

/// A word reduced to a stem both sides share: lower case, common English endings dropped.
fn stem(w: &str) -> String {
    let w = w.to_lowercase();
    if w.chars().any(|c| c.is_ascii_digit()) {
        return w;
    }
    for suffix in ["ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return if suffix == "ies" { format!("{base}y") } else { base.to_string() };
            }
        }
    }
    w
}

/// The words of `text` that carry its meaning, stemmed, each once, in order; numbers kept whole
/// ("60", "1.5", "2024").
pub fn content_terms(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ',' || c == '\'')) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let is_number = w.chars().next().is_some_and(|c| c.is_ascii_digit());
        let w = if is_number { w.replace(',', "") } else { w.to_string() };
        if !is_number && (w.chars().count() < 2 || STOPWORDS.contains(&w.to_lowercase().as_str())) {
            continue;
        }
        let s = stem(&w);
        if seen.insert(s.clone()) {
            out.push(s);
        }
    }
    out
}

fn numbers(terms: &[String]) -> HashSet<&str> {
    terms.iter().filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit())).map(String::as_str).collect()
}

/// How alike two claims are, 0..1: the share of their rare words they have in common (each word
/// weighted by `weight`), times 0.6 when both state numbers and the numbers differ.
pub fn similarity(a: &[String], b: &[String], weight: &dyn Fn(&str) -> f32) -> f32 {
    let sa: HashSet<&str> = a.iter().map(String::as_str).collect();
    let sb: HashSet<&str> = b.iter().map(String::as_str).collect();
    let shared: f32 = sa.intersection(&sb).map(|t| weight(t)).sum();
    let union: f32 = sa.union(&sb).map(|t| weight(t)).sum();
    if union <= 0.0 {
        return 0.0;
    }
    let mut score = shared / union;
    let (na, nb) = (numbers(a), numbers(b));
    if !na.is_empty() && !nb.is_empty() && na != nb {
        score *= 0.6;
    }
    score
}

impl Store {
    /// How many claims use each of `terms` (prefix counts for stems), for weighting.
    fn document_frequencies(&self, terms: &[String]) -> Result<HashMap<String, i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT coalesce(max(doc), 0) FROM claims_vocab WHERE term >= ?1 AND term < ?1 || char(1114111)",
        )?;
        let mut out = HashMap::new();
        for t in terms {
            let df: i64 = stmt.query_row([t], |r| r.get(0))?;
            out.insert(t.clone(), df);
        }
        Ok(out)
    }

    /// Claims already in the workspace that say what `text` says, best first. Empty for a text
    /// too short to match (fewer than [`MIN_CONTENT_WORDS`] content words).
    pub fn similar_claims(&self, text: &str, exclude: Option<&str>, limit: usize) -> Result<Vec<SimilarClaim>> {
        let terms = content_terms(text);
        if terms.len() < MIN_CONTENT_WORDS {
            return Ok(Vec::new());
        }
        let total: i64 = self.conn().query_row("SELECT count(*) FROM claims", [], |r| r.get(0))?;
        if total == 0 {
            return Ok(Vec::new());
        }
        let df = self.document_frequencies(&terms)?;
        let idf = |t: &str| -> f32 {
            let d = df.get(t).copied().unwrap_or(0) as f32;
            ((total as f32 + 1.0) / (d + 1.0)).ln().max(0.05)
        };
        let mut probes: Vec<&String> = terms.iter().filter(|t| df.get(*t).copied().unwrap_or(0) > 0).collect();
        probes.sort_by(|a, b| df[*a].cmp(&df[*b]));
        probes.truncate(PROBE_TERMS);
        if probes.is_empty() {
            return Ok(Vec::new());
        }
        let query = probes.iter().map(|t| format!("\"{}\"*", t.replace('"', ""))).collect::<Vec<_>>().join(" OR ");
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.uuid, c.text, cl.name, c.status, c.said_on, r.key, r.label, r.description, r.color, r.value
             FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
             JOIN claims c ON c.id = f.rowid
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             LEFT JOIN verdicts v ON v.claim_id = c.id AND v.superseded_at IS NULL
             LEFT JOIN ratings r ON r.id = v.rating_id",
        )?;
        let rows = stmt.query_map(params![query, CANDIDATES], |r| {
            let status: String = r.get(3)?;
            let rating = match r.get::<_, Option<String>>(5)? {
                Some(key) => Some(Rating {
                    key,
                    label: r.get(6)?,
                    description: r.get(7)?,
                    color: r.get(8)?,
                    value: r.get(9)?,
                }),
                None => None,
            };
            Ok(SimilarClaim {
                uuid: r.get(0)?,
                text: r.get(1)?,
                claimant: r.get(2)?,
                status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                said_on: parse_date(r.get(4)?)?,
                rating,
                score: 0.0,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut c = row?;
            if exclude == Some(c.uuid.as_str()) {
                continue;
            }
            c.score = similarity(&terms, &content_terms(&c.text), &idf);
            if c.score >= MIN_SCORE {
                out.push(c);
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_terms_drop_function_words_and_keep_numbers() {
        assert_eq!(
            content_terms("The U.S. has no plans to send 1,200 troops to Ukraine."),
            ["u.s", "plan", "send", "1200", "troop", "ukraine"]
        );
    }

    #[test]
    fn different_numbers_make_claims_less_alike() {
        let one = |_: &str| 1.0;
        let a = content_terms("Congress stalled a $60 billion aid package for Ukraine");
        let b = content_terms("Congress stalled a $6 billion aid package for Ukraine");
        let c = content_terms("Congress has stalled the Ukraine aid package worth $60 billion");
        assert!(similarity(&a, &c, &one) > similarity(&a, &b, &one));
        assert!(similarity(&a, &c, &one) > 0.7);
    }
}
