//! JSON: the bundle of the selected claims with everything they rest on, or of the whole workspace
//! when every claim is selected (see [`crate::model::bundle`]), read from the store in one snapshot.
//! Confidential sources stay out of it, as out of every report.

use super::select::{resolve, Selection};
use super::{nothing_to_export, Export};
use crate::error::{Error, Result};
use crate::model::bundle::Access;
use crate::store::Store;

/// The bundle as pretty-printed JSON, ending with a newline. `progress(done, total)` is asked after
/// each claim read; false cancels.
pub(super) fn export(store: &Store, selection: &Selection, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<Export> {
    let _snapshot = store.read_snapshot()?;
    let (uuids, scope) = resolve(store, selection)?;
    if uuids.is_empty() {
        return Err(nothing_to_export(&scope));
    }
    let bundle = store.read_bundle(&uuids, scope, progress)?;
    let withheld = bundle
        .claims
        .iter()
        .flat_map(|c| {
            let appearances = c.appearances.iter().map(|a| matches!(a, Access::Confidential { .. }));
            appearances.chain(c.evidence.iter().map(|e| matches!(e, Access::Confidential { .. })))
        })
        .filter(|w| *w)
        .count();
    let warnings = if withheld == 0 {
        Vec::new()
    } else {
        vec![format!("Confidential sources stay in the workspace: the file shows only the kind of source of {withheld} of its evidence links and appearances.")]
    };
    let mut bytes = serde_json::to_vec_pretty(&bundle).map_err(|e| Error::io("could not write the JSON export", e.into()))?;
    bytes.push(b'\n');
    Ok(Export { bytes, claims: bundle.claims.len(), warnings })
}
