//! What the save dialog proposes as an export's file name, and the ClaimReview check made before
//! the dialog opens.
//!
//! One claim is named by its own words (its summary, else its wording) and the day it was said:
//! `congress-stalled-60-billion-aid-package-2024-02-27.md`. A list is named by what it holds and
//! the day of the export: `claims-published-tagged-aid-2026-12-07.csv`. Names keep letters and
//! digits only (any script), lowercased, joined by hyphens, at most [`MAX_WORDS_CHARS`] characters
//! of words, cut between words: safe on every file system and readable in a folder listing.

use chrono::NaiveDate;

use super::claimreview::{refusal_of_claim, refusal_of_list, reviewable};
use super::select::{resolve, Selection};
use super::Format;
use crate::error::Result;
use crate::model::ClaimQuery;
use crate::store::Store;

/// The longest the words of a file name get (the date and extension come on top).
pub const MAX_WORDS_CHARS: usize = 60;

/// The file name the save dialog proposes for this export; `today` dates a list's export.
pub fn suggested_file_name(store: &Store, selection: &Selection, format: Format, today: NaiveDate) -> Result<String> {
    let (stem, date) = match selection {
        Selection::Claim(uuid) => {
            let c = store.get_claim(uuid.trim())?;
            let words = if c.summary.trim().is_empty() { &c.text } else { &c.summary };
            let stem = slug(words, MAX_WORDS_CHARS);
            let stem = if stem.is_empty() { format!("claim-{}", c.uuid.chars().take(8).collect::<String>()) } else { stem };
            (stem, c.said_on)
        }
        Selection::Claims(uuids) => (format!("{}-claims", uuids.len()), Some(today)),
        Selection::Query(q) => (list_stem(q), Some(today)),
    };
    Ok(file_name(&stem, date, format))
}

/// `stem[-date][-evidence].ext`.
fn file_name(stem: &str, date: Option<NaiveDate>, format: Format) -> String {
    let mut name = stem.to_string();
    if let Some(d) = date {
        name.push('-');
        name.push_str(&d.format("%Y-%m-%d").to_string());
    }
    if format == Format::CsvEvidence {
        name.push_str("-evidence");
    }
    name.push('.');
    name.push_str(format.extension());
    name
}

/// "claims", then what the list is narrowed to: its status, tag, rating, assignee and search words.
fn list_stem(q: &ClaimQuery) -> String {
    let mut words = vec!["claims".to_string()];
    if let Some(s) = q.status {
        words.push(s.as_str().to_string());
    }
    if let Some(t) = q.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        words.push(format!("tagged {t}"));
    }
    if let Some(r) = q.rating.as_deref().filter(|r| !r.trim().is_empty()) {
        words.push(format!("rated {r}"));
    }
    if let Some(a) = q.assignee.as_deref().filter(|a| !a.trim().is_empty()) {
        words.push(format!("for {a}"));
    }
    if let Some(s) = q.search.as_deref().filter(|s| !s.trim().is_empty()) {
        words.push(format!("matching {s}"));
    }
    let stem = slug(&words.join(" "), MAX_WORDS_CHARS);
    if stem.is_empty() { "claims".to_string() } else { stem }
}

/// The words of `text`, lowercased, letters and digits only, joined by hyphens, at most `max`
/// characters, cut between words. Apostrophes join ("Macron's" → "macrons"); a figure keeps its
/// digits ("$60 billion" → "60-billion", "4.5%" → "4-5").
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    let joined: String = text.chars().filter(|c| !matches!(c, '\'' | '’' | 'ʼ')).collect();
    for word in joined.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.chars().flat_map(char::to_lowercase).collect();
        let n = word.chars().count();
        let sep = usize::from(len > 0);
        if len + sep + n > max {
            if len == 0 {
                // One word longer than the whole: its first characters.
                out = word.chars().take(max).collect();
            }
            break;
        }
        if sep == 1 {
            out.push('-');
        }
        out.push_str(&word);
        len += sep + n;
    }
    out
}

/// Refuses a ClaimReview export that would hold nothing, before the checker is asked where to save
/// it: one claim without a published verdict, or a list with none. The export itself refuses the
/// same way, in the same words, as the last guard.
pub fn check_claimreview(store: &Store, selection: &Selection) -> Result<()> {
    if let Selection::Claim(uuid) = selection {
        let (status, has_verdict) = store.claim_review_state(uuid.trim())?;
        return if reviewable(status, has_verdict) { Ok(()) } else { Err(refusal_of_claim(status, has_verdict)) };
    }
    let (uuids, _) = resolve(store, selection)?;
    let mut reviewable_claims = 0;
    for batch in uuids.chunks(5_000) {
        reviewable_claims += store.count_reviewable(batch)?;
        if reviewable_claims > 0 {
            return Ok(());
        }
    }
    Err(refusal_of_list(uuids.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_words_and_figures_and_stop_between_words() {
        assert_eq!(slug("Congress stalled the $60 billion aid package", 60), "congress-stalled-the-60-billion-aid-package");
        assert_eq!(slug("Macron's remarks: “no option ruled out”!", 60), "macrons-remarks-no-option-ruled-out");
        assert_eq!(slug("Unemployment fell to 4.5% in January", 60), "unemployment-fell-to-4-5-in-january");
        assert_eq!(slug("Énergie : la France a exporté", 60), "énergie-la-france-a-exporté");
        assert_eq!(slug("../../etc/passwd\0 con: nul", 60), "etc-passwd-con-nul");
        assert_eq!(slug("one two three four", 12), "one-two");
        assert_eq!(slug("Pneumonoultramicroscopicsilicovolcanoconiosis", 10), "pneumonoul");
        assert_eq!(slug("?!", 60), "");
    }

    #[test]
    fn file_names_carry_the_date_and_the_formats_extension() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 27);
        assert_eq!(file_name("aid-package", d, Format::Markdown), "aid-package-2024-02-27.md");
        assert_eq!(file_name("aid-package", None, Format::ClaimReview), "aid-package.jsonld");
        assert_eq!(file_name("claims", d, Format::CsvEvidence), "claims-2024-02-27-evidence.csv");
    }

    #[test]
    fn a_list_is_named_by_what_narrows_it() {
        let q = ClaimQuery {
            status: Some(crate::model::ClaimStatus::Published),
            tag: Some("Aid".into()),
            search: Some("troops".into()),
            ..ClaimQuery::default()
        };
        assert_eq!(list_stem(&q), "claims-published-tagged-aid-matching-troops");
        assert_eq!(list_stem(&ClaimQuery::default()), "claims");
    }
}
