//! What changed between two captures of a page, paragraph by paragraph (snapshots hold one
//! paragraph per line), so a checker sees which sentences were edited after a verdict.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use ts_rs::TS;

/// Whether a line is in both captures, only the newer, or only the older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffOp {
    Same,
    Added,
    Removed,
}

/// One line of a capture diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffLine {
    pub op: DiffOp,
    pub text: String,
}

/// How long a diff may search for the smallest set of changes: past it the result is still
/// correct, only less tidy, and a huge page cannot stall the app.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// The line diff of two texts, every line included (unchanged runs are kept; the UI folds
/// them). Removed lines come before the lines added in their place.
pub fn diff_text(old: &str, new: &str) -> Vec<DiffLine> {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    // Patience keeps unique paragraphs aligned, which reads better for prose than Myers.
    let diff =
        TextDiff::configure().algorithm(Algorithm::Patience).timeout(DIFF_TIMEOUT).diff_slices(&old_lines, &new_lines);
    diff.iter_all_changes()
        .map(|change| DiffLine {
            op: match change.tag() {
                ChangeTag::Equal => DiffOp::Same,
                ChangeTag::Insert => DiffOp::Added,
                ChangeTag::Delete => DiffOp::Removed,
            },
            text: change.value().to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_paragraph_is_removed_then_added_between_unchanged_ones() {
        let ops = |d: Vec<DiffLine>| d.into_iter().map(|l| (l.op, l.text)).collect::<Vec<_>>();
        let diff = diff_text("a\nb\nc", "a\nB\nc\nd");
        assert_eq!(
            ops(diff),
            vec![
                (DiffOp::Same, "a".into()),
                (DiffOp::Removed, "b".into()),
                (DiffOp::Added, "B".into()),
                (DiffOp::Same, "c".into()),
                (DiffOp::Added, "d".into()),
            ]
        );
        assert!(diff_text("", "").is_empty());
        assert_eq!(diff_text("x", "x\n").len(), 1, "a trailing newline is not a change");
    }
}
