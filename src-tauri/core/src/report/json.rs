//! JSON: the complete report data, for archives, scripts and other tools. The document is
//! `{"factdesk_export": 1, …the collection…}`; the number changes only when a field is renamed or
//! its meaning changes, so a reader can refuse a version it does not know.

use serde::Serialize;

use super::data::Collection;
use crate::error::{Error, Result};

/// The version of the JSON export's shape.
pub const JSON_EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    factdesk_export: u32,
    #[serde(flatten)]
    collection: &'a Collection,
}

/// The collection as pretty-printed JSON, ending with a newline.
pub fn render(c: &Collection) -> Result<Vec<u8>> {
    let doc = Document { factdesk_export: JSON_EXPORT_VERSION, collection: c };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| Error::io("could not write the JSON export", e.into()))?;
    out.push(b'\n');
    Ok(out)
}
