//! The source library and evidence links between claims and sources.

use rusqlite::{params, OptionalExtension, Row};

use super::{new_uuid, parse_date, parse_ts, Store, Tx};
use crate::error::{Error, Result};
use crate::model::{Evidence, EvidenceInput, Source, SourceInput};

const MAX_EXCERPT_CHARS: usize = 20_000;

/// Checks that `raw` is a web address a checker can open again later.
pub fn validate_url(raw: &str) -> Result<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::validation("url", "The source needs a web address (URL)."));
    }
    let bad = || {
        Error::validation(
            "url",
            format!("“{raw}” is not a web address: it should look like https://example.org/page"),
        )
    };
    let url = url::Url::parse(raw).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad());
    }
    Ok(url.to_string())
}

const SOURCE_COLS: &str = "s.uuid, s.url, s.title, s.publisher, s.published_on, s.accessed_at, s.created_at";

fn source_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        uuid: r.get(at)?,
        url: r.get(at + 1)?,
        title: r.get(at + 2)?,
        publisher: r.get(at + 3)?,
        published_on: parse_date(r.get(at + 4)?)?,
        accessed_at: r.get::<_, Option<String>>(at + 5)?.map(|s| parse_ts(&s)).transpose()?,
        created_at: parse_ts(&r.get::<_, String>(at + 6)?)?,
    })
}

impl Tx<'_> {
    pub(crate) fn insert_source(&self, input: &SourceInput, uuid: Option<&str>) -> Result<String> {
        let url = validate_url(&input.url)?;
        let title = input.title.trim();
        if title.is_empty() {
            return Err(Error::validation("title", "The source needs a title, so it can be cited."));
        }
        if let Some(existing) = self
            .query_row("SELECT title FROM sources WHERE url = ?1", [&url], |r| r.get::<_, String>(0))
            .optional()?
        {
            return Err(Error::Conflict(format!(
                "This address is already in the source library as “{existing}”: link that source instead."
            )));
        }
        let published_on = match input.published_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(super::parse_user_date("published_on", s)?),
            None => None,
        };
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        self.execute(
            "INSERT INTO sources (uuid, url, title, publisher, published_on, accessed_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)",
            params![
                uuid,
                url,
                title,
                input.publisher.trim(),
                published_on.map(|d| d.format("%Y-%m-%d").to_string()),
                self.now
            ],
        )?;
        self.record("source", &uuid, None, "created", &format!("Added source “{title}”"), &[])?;
        Ok(uuid)
    }

    pub(crate) fn insert_evidence(&self, input: &EvidenceInput, uuid: Option<&str>) -> Result<String> {
        let claim_id = self.claim_id(&input.claim_uuid)?;
        let (source_id, title): (i64, String) = self
            .query_row("SELECT id, title FROM sources WHERE uuid = ?1", [&input.source_uuid], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("source", &input.source_uuid))?;
        let excerpt = input.excerpt.trim();
        if excerpt.chars().count() > MAX_EXCERPT_CHARS {
            return Err(Error::validation(
                "excerpt",
                format!("An excerpt is at most {MAX_EXCERPT_CHARS} characters: quote the passage that matters."),
            ));
        }
        self.correction_if_locked(claim_id, input.correction_reason.as_deref(), "evidence")?;
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        self.execute(
            "INSERT INTO evidence (uuid, claim_id, source_id, excerpt, stance, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![uuid, claim_id, source_id, excerpt, input.stance.as_str(), input.note.trim(), self.now],
        )?;
        self.touch_claim(claim_id)?;
        self.record(
            "evidence",
            &uuid,
            Some(claim_id),
            "linked",
            &format!("Linked source “{title}” as evidence that {}", stance_phrase(input.stance)),
            &[],
        )?;
        Ok(uuid)
    }
}

fn stance_phrase(s: crate::model::Stance) -> &'static str {
    match s {
        crate::model::Stance::Supports => "supports the claim",
        crate::model::Stance::Refutes => "refutes the claim",
        crate::model::Stance::Context => "gives context",
    }
}

impl Store {
    /// Adds a source to the library. The same address cannot be added twice.
    pub fn create_source(&mut self, input: &SourceInput) -> Result<Source> {
        let uuid = self.write(|tx| tx.insert_source(input, None))?;
        self.get_source(&uuid)
    }

    pub fn get_source(&self, uuid: &str) -> Result<Source> {
        self.conn()
            .query_row(&format!("SELECT {SOURCE_COLS} FROM sources s WHERE s.uuid = ?1"), [uuid], |r| {
                source_from_row(r, 0)
            })
            .optional()?
            .ok_or_else(|| Error::not_found("source", uuid))
    }

    /// Sources, newest first; `search` matches words in the title, publisher or address.
    pub fn list_sources(&self, search: Option<&str>) -> Result<Vec<Source>> {
        let words: Vec<String> = search
            .unwrap_or("")
            .split_whitespace()
            .map(|w| format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
            .collect();
        let mut sql = format!("SELECT {SOURCE_COLS} FROM sources s WHERE 1");
        for i in 1..=words.len() {
            sql.push_str(&format!(
                " AND (s.title LIKE ?{i} ESCAPE '\\' OR s.publisher LIKE ?{i} ESCAPE '\\' OR s.url LIKE ?{i} ESCAPE '\\')"
            ));
        }
        sql.push_str(" ORDER BY s.created_at DESC, s.id DESC LIMIT 500");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(words.iter()), |r| source_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links a claim to a source as evidence.
    pub fn add_evidence(&mut self, input: &EvidenceInput) -> Result<Evidence> {
        let uuid = self.write(|tx| tx.insert_evidence(input, None))?;
        self.conn()
            .query_row(
                &format!(
                    "SELECT e.uuid, e.excerpt, e.stance, e.note, e.created_at, {SOURCE_COLS}
                     FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.uuid = ?1"
                ),
                [&uuid],
                evidence_from_row,
            )
            .map_err(Into::into)
    }

    pub(crate) fn claim_evidence(&self, claim_id: i64) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT e.uuid, e.excerpt, e.stance, e.note, e.created_at, {SOURCE_COLS}
             FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.claim_id = ?1 ORDER BY e.id"
        ))?;
        let rows = stmt.query_map([claim_id], evidence_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn evidence_from_row(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    let stance: String = r.get(2)?;
    Ok(Evidence {
        uuid: r.get(0)?,
        excerpt: r.get(1)?,
        stance: crate::model::Stance::parse(&stance).unwrap_or(crate::model::Stance::Context),
        note: r.get(3)?,
        created_at: parse_ts(&r.get::<_, String>(4)?)?,
        source: source_from_row(r, 5)?,
    })
}
