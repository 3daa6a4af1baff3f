//! The desk's rating-name table (`rating_names`): other publishers' rating words, each with the
//! key of a rating of the scale or a position from worst (0) to best (1).

use rusqlite::{params, Connection};

use super::{Store, Tx};
use crate::error::Result;
use crate::model::bundle::RatingName;

/// The table, in the order it was written.
pub(super) fn rating_names(conn: &Connection) -> Result<Vec<RatingName>> {
    let mut stmt = conn.prepare_cached("SELECT name, rating_key, position FROM rating_names ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(RatingName { name: r.get(0)?, rating_key: r.get(1)?, position: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The rating-name table, in the order it was written.
    pub(crate) fn rating_names(&self) -> Result<Vec<RatingName>> {
        rating_names(self.conn())
    }
}

impl Tx<'_> {
    /// The rating-name table, in the order it was written.
    pub(crate) fn rating_names(&self) -> Result<Vec<RatingName>> {
        rating_names(self.conn())
    }

    /// Replaces the rating-name table with `names` (names and keys trimmed, an empty key as none).
    pub(crate) fn replace_rating_names(&self, names: &[RatingName]) -> Result<()> {
        self.conn().execute("DELETE FROM rating_names", [])?;
        let mut ins = self.conn().prepare("INSERT INTO rating_names (name, rating_key, position) VALUES (?1, ?2, ?3)")?;
        for n in names {
            let key = n.rating_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
            ins.execute(params![n.name.trim(), key, n.position])?;
        }
        Ok(())
    }
}
