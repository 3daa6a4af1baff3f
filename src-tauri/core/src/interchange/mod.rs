//! Interchange: bringing fact-checks and claims in from files, and copying the workspace whole.
//!
//! - **ClaimReview** ([`import_claimreview`], [`preview_claimreview`]): fact-checks other
//!   publishers put on their pages or in feeds. Each becomes an [`ExternalReview`] on a claim row:
//!   the claim is searchable and matched against new claims like any other, but the review stays
//!   theirs (publisher, address, date, their rating words) and is never one of the desk's verdicts.
//! - **JSON** ([`import_json`]): our own bundle (`{"factdesk_export": 2, …}`, see
//!   [`crate::model::bundle`]), the whole workspace or the claims of an export with everything they
//!   rest on, so that a workspace exported as one bundle and imported into an empty one is the same
//!   workspace. Bundles of version 1 still import.
//! - **CSV** ([`import_csv`]): the claims CSV we export, matched by its `claim_uuid` column.
//! - **Backup and restore** ([`backup_to`], [`restore`], [`restore_in_place`]): SQLite's online backup API.
//!
//! Every import is one transaction: all of it or nothing. A file that is not JSON (or CSV), or of
//! the wrong kind, changes nothing and says where it broke. Records nobody could use are skipped and
//! listed by position and reason; `strict` refuses the whole file instead. A preview runs the same
//! import and rolls it back, so it lists exactly what the import would do.
//!
//! A claim of a JSON bundle or CSV that the workspace has already (same UUID) is brought up to the
//! file's copy through the edits a checker makes, each recorded in its history, and reported as an
//! update; a published claim is not edited that way (the record is skipped, with the reason).

mod apply;
mod backup;
mod bundle;
mod check;
pub(crate) mod claimreview;
mod csv;
mod file;
mod loose;
mod ratings;
mod reviews;
pub mod rolling;

use crate::error::{Error, Result};
use crate::store::{Store, Tx};

pub use backup::{backup_to, restore, restore_in_place, restore_with, BackupReport, RestoreReport, BEFORE_RESTORE_SUFFIX};
pub use check::{check_file, guess_kind, kind_label, Wording};
pub use ratings::{rating_names, remap_external_reviews, set_rating_names};
pub use reviews::{external_reviews, publishers};

#[doc(no_inline)]
pub use crate::model::{
    bundle::RatingName, ExternalReview, ImportAction, ImportItem, ImportKind, ImportOptions, ImportPreview, ImportReport,
};

/// Lists what importing the ClaimReview file would create, update, leave or skip (with position
/// and reason), without writing anything.
pub fn preview_claimreview(store: &mut Store, bytes: &[u8]) -> Result<ImportPreview> {
    import(store, ImportKind::ClaimReview, bytes, ImportOptions { strict: false, dry_run: true })
}

/// Imports published ClaimReview markup (a record, a list, an `@graph`, a DataFeed) in one
/// transaction. With `strict`, any record that cannot be used as given refuses the whole file.
pub fn import_claimreview(store: &mut Store, bytes: &[u8], strict: bool) -> Result<ImportReport> {
    import(store, ImportKind::ClaimReview, bytes, ImportOptions { strict, dry_run: false })
}

/// Imports a Factdesk JSON export (a whole workspace bundle, or any selection) in one transaction.
pub fn import_json(store: &mut Store, bytes: &[u8], strict: bool) -> Result<ImportReport> {
    import(store, ImportKind::Json, bytes, ImportOptions { strict, dry_run: false })
}

/// Imports the claims CSV that the `csv` export writes, in one transaction.
pub fn import_csv(store: &mut Store, bytes: &[u8], strict: bool) -> Result<ImportReport> {
    import(store, ImportKind::Csv, bytes, ImportOptions { strict, dry_run: false })
}

/// Any import, or its preview (`dry_run`).
pub fn import(store: &mut Store, kind: ImportKind, bytes: &[u8], opts: ImportOptions) -> Result<ImportReport> {
    // The file is read before the transaction starts: a file that does not parse never takes the
    // write lock, and the error names the record and field.
    let plan = match kind {
        ImportKind::ClaimReview => Plan::ClaimReview(claimreview::read(bytes)?),
        ImportKind::Json => Plan::Json(bundle::read(bytes)?),
        ImportKind::Csv => Plan::Csv(csv::read(bytes)?),
    };
    in_transaction(store, opts.dry_run, |tx| {
        let mut report = match &plan {
            Plan::ClaimReview(found) => apply::claimreview(tx, found, opts.strict)?,
            Plan::Json(doc) => bundle::apply(tx, doc, opts.strict)?,
            Plan::Csv(rows) => csv::apply(tx, rows, opts.strict)?,
        };
        report.kind = kind.as_str().to_string();
        report.written = !opts.dry_run;
        report.found = report.items.len();
        for i in &report.items {
            match i.action {
                ImportAction::Create => report.created += 1,
                ImportAction::Update => report.updated += 1,
                ImportAction::Unchanged => report.unchanged += 1,
                ImportAction::Skip => report.skipped += 1,
            }
        }
        Ok(report)
    })
}

enum Plan {
    ClaimReview(Vec<claimreview::Found>),
    Json(bundle::Document),
    Csv(csv::Rows),
}

/// Marks the rollback of a dry run (never shown: it becomes the report).
const DRY_RUN: &str = "\u{0}dry run: rolled back";

/// Runs `f` in one write transaction; for a dry run the transaction is rolled back and the
/// report returned all the same.
fn in_transaction(store: &mut Store, dry_run: bool, f: impl FnOnce(&Tx<'_>) -> Result<ImportReport>) -> Result<ImportReport> {
    let mut out = None;
    let res = store.write(|tx| {
        out = Some(f(tx)?);
        if dry_run {
            Err(Error::Conflict(DRY_RUN.to_string()))
        } else {
            Ok(())
        }
    });
    match res {
        Ok(()) => {}
        Err(Error::Conflict(m)) if dry_run && m == DRY_RUN => {}
        Err(e) => return Err(e),
    }
    out.ok_or_else(|| Error::Conflict("the import did not run".into()))
}

impl ImportReport {
    pub(crate) fn new() -> ImportReport {
        ImportReport {
            kind: String::new(),
            written: false,
            found: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            items: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The claim's wording shortened for a list line.
pub(crate) fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        format!("{}…", one.chars().take(79).collect::<String>())
    } else {
        one
    }
}

/// The error of a `strict` import refused because of one record.
pub(crate) fn strict_refusal(position: usize, path: &str, field: &'static str, message: &str) -> Error {
    // "…; it was left out" says what a normal import does; a strict one leaves out nothing.
    let message = match message.rsplit_once("; ") {
        Some((what, then)) if ["left out", "comes in", "stands for"].iter().any(|w| then.contains(w)) => what,
        _ => message,
    };
    Error::validation(
        field,
        format!("Record {position} ({path}), {field}: {message}. Nothing was imported (strict: every record must be usable as given)."),
    )
}
