//! Fact-checks imported from other publishers (`external_reviews`): kept beside a claim, never as
//! one of the desk's verdicts, with the rating of the scale their own rating maps to.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, ToSql};

use super::verdicts::{rating_from_row, RATING_COLS};
use super::{new_uuid, parse_date, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::ExternalReview;

/// An imported fact-check as stored: what its publisher published, and the rating of the scale
/// its own rating maps to (and how it was mapped), if any.
pub(crate) struct ReviewFields<'a> {
    pub publisher: &'a str,
    pub publisher_url: &'a str,
    pub url: &'a str,
    pub headline: &'a str,
    pub author: &'a str,
    pub reviewed_on: Option<NaiveDate>,
    pub modified_on: Option<NaiveDate>,
    pub rating_text: &'a str,
    pub rating_value: Option<&'a str>,
    pub best_rating: Option<&'a str>,
    pub worst_rating: Option<&'a str>,
    pub rating_id: Option<i64>,
    pub mapped_by: Option<&'a str>,
    pub language: &'a str,
    pub language_guessed: bool,
    /// The record as published.
    pub raw: &'a str,
}

impl ReviewFields<'_> {
    /// The review's dates as stored (`YYYY-MM-DD`).
    fn dates(&self) -> [Option<String>; 2] {
        [self.reviewed_on.map(|d| d.to_string()), self.modified_on.map(|d| d.to_string())]
    }

    /// The stored columns as the named parameters of the statements that write them, with
    /// `:now` the time of the write; `dates` from [`ReviewFields::dates`].
    fn columns<'p>(&'p self, dates: &'p [Option<String>; 2], now: &'p &'p str) -> Vec<(&'static str, &'p dyn ToSql)> {
        vec![
            (":publisher", &self.publisher),
            (":publisher_url", &self.publisher_url),
            (":url", &self.url),
            (":headline", &self.headline),
            (":author", &self.author),
            (":reviewed_on", &dates[0]),
            (":modified_on", &dates[1]),
            (":rating_text", &self.rating_text),
            (":rating_value", &self.rating_value),
            (":best_rating", &self.best_rating),
            (":worst_rating", &self.worst_rating),
            (":rating_id", &self.rating_id),
            (":mapped_by", &self.mapped_by),
            (":language", &self.language),
            (":language_guessed", &self.language_guessed),
            (":now", now),
            (":raw", &self.raw),
        ]
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ExternalReview> {
    Ok(ExternalReview {
        uuid: r.get(0)?,
        publisher: r.get(1)?,
        publisher_url: r.get(2)?,
        url: r.get(3)?,
        headline: r.get(4)?,
        author: r.get(5)?,
        reviewed_on: parse_date(r.get(6)?)?,
        rating_text: r.get(7)?,
        rating_value: r.get(8)?,
        best_rating: r.get(9)?,
        worst_rating: r.get(10)?,
        mapped_rating: rating_from_row(r, 14)?,
        mapped_by: r.get(11)?,
        language: r.get(12)?,
        imported_at: parse_ts(&r.get::<_, String>(13)?)?,
    })
}

impl Store {
    /// The fact-checks other publishers published of this claim, newest first.
    pub(crate) fn claim_external_reviews(&self, claim_id: i64) -> Result<Vec<ExternalReview>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT e.uuid, e.publisher, e.publisher_url, e.url, e.headline, e.author, e.reviewed_on, e.rating_text,
                    e.rating_value, e.best_rating, e.worst_rating, e.mapped_by, e.language, e.imported_at, {RATING_COLS}
             FROM external_reviews e LEFT JOIN ratings r ON r.id = e.rating_id
             WHERE e.claim_id = ?1 ORDER BY e.reviewed_on IS NULL, e.reviewed_on DESC, e.id"
        ))?;
        let rows = stmt.query_map([claim_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// [`Store::claim_external_reviews`] of the claim with this UUID.
    pub(crate) fn external_reviews_of(&self, claim_uuid: &str) -> Result<Vec<ExternalReview>> {
        let id: i64 = self
            .conn()
            .query_row("SELECT id FROM claims WHERE uuid = ?1", [claim_uuid], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("claim", claim_uuid))?;
        self.claim_external_reviews(id)
    }

    /// How many fact-checks by each publisher the workspace holds, most first.
    pub(crate) fn review_publishers(&self) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn().prepare(
            "SELECT publisher, count(*) FROM external_reviews GROUP BY publisher COLLATE NOCASE ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    /// The review already imported under this match key: its id, the record as published then, and
    /// the UUID and id of its claim.
    pub(crate) fn review_by_match_key(&self, match_key: &str) -> Result<Option<(i64, String, String, i64)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT e.id, e.raw, c.uuid, e.claim_id FROM external_reviews e JOIN claims c ON c.id = e.claim_id
                 WHERE e.match_key = ?1",
            )?
            .query_row([match_key], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
            .optional()?)
    }

    /// The id and UUID of the claim the first review imported with this claim key is on.
    pub(crate) fn claim_of_review_key(&self, claim_key: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT c.id, c.uuid FROM external_reviews e JOIN claims c ON c.id = e.claim_id
                 WHERE e.claim_key = ?1 ORDER BY e.id LIMIT 1",
            )?
            .query_row([claim_key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// Stores a new review on the claim; returns its UUID.
    pub(crate) fn insert_review(&self, claim_id: i64, match_key: &str, claim_key: &str, f: &ReviewFields<'_>) -> Result<String> {
        let uuid = new_uuid();
        let (dates, now) = (f.dates(), self.now());
        let mut p = f.columns(&dates, &now);
        p.extend([(":uuid", &uuid as &dyn ToSql), (":claim_id", &claim_id), (":match_key", &match_key), (":claim_key", &claim_key)]);
        self.conn()
            .prepare_cached(
                "INSERT INTO external_reviews (uuid, claim_id, match_key, claim_key, publisher, publisher_url, url, headline, author,
                                               reviewed_on, modified_on, rating_text, rating_value, best_rating, worst_rating,
                                               rating_id, mapped_by, language, language_guessed, imported_at, updated_at, raw)
                 VALUES (:uuid, :claim_id, :match_key, :claim_key, :publisher, :publisher_url, :url, :headline, :author,
                         :reviewed_on, :modified_on, :rating_text, :rating_value, :best_rating, :worst_rating,
                         :rating_id, :mapped_by, :language, :language_guessed, :now, :now, :raw)",
            )?
            .execute(p.as_slice())?;
        Ok(uuid)
    }

    /// Replaces the stored review `id` with the record as its publisher changed it; returns its UUID.
    pub(crate) fn update_review(&self, id: i64, f: &ReviewFields<'_>) -> Result<String> {
        let (dates, now) = (f.dates(), self.now());
        let mut p = f.columns(&dates, &now);
        p.push((":id", &id));
        self.conn().prepare_cached(
            "UPDATE external_reviews SET publisher = :publisher, publisher_url = :publisher_url, url = :url, headline = :headline,
                    author = :author, reviewed_on = :reviewed_on, modified_on = :modified_on, rating_text = :rating_text,
                    rating_value = :rating_value, best_rating = :best_rating, worst_rating = :worst_rating,
                    rating_id = :rating_id, mapped_by = :mapped_by, language = :language,
                    language_guessed = :language_guessed, updated_at = :now, raw = :raw
             WHERE id = :id",
        )?
        .execute(p.as_slice())?;
        Ok(self.conn().prepare_cached("SELECT uuid FROM external_reviews WHERE id = ?1")?.query_row([id], |row| row.get(0))?)
    }

    /// Maps every imported review again: `map` takes its rating as published (text, value, best,
    /// worst) to the rating of the scale and how it was mapped. Returns how many now map to
    /// another rating (or to none).
    pub(crate) fn remap_reviews(
        &self,
        map: impl Fn(String, Option<String>, Option<String>, Option<String>) -> (Option<i64>, Option<&'static str>),
    ) -> Result<usize> {
        let rows: Vec<(i64, String, Option<String>, Option<String>, Option<String>, Option<i64>)> = self
            .conn()
            .prepare("SELECT id, rating_text, rating_value, best_rating, worst_rating, rating_id FROM external_reviews")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut changed = 0;
        let mut upd = self.conn().prepare("UPDATE external_reviews SET rating_id = ?1, mapped_by = ?2 WHERE id = ?3")?;
        for (id, text, value, best, worst, old) in rows {
            let (new, mapped_by) = map(text, value, best, worst);
            upd.execute(params![new, mapped_by, id])?;
            if new != old {
                changed += 1;
            }
        }
        Ok(changed)
    }
}
