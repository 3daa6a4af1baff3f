//! Importing the claims CSV we export (`--format csv`, one row per claim), for instance after a
//! colleague added claims to it in a spreadsheet. Rows are matched by `claim_uuid`: a claim
//! already in the workspace is brought up to the row (see `bundle`), a row without a UUID is a new
//! claim. A row is read into the report's claim, the shape the CSV was written from. A cell that the
//! export protected against formula injection (a leading `'` before `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is restored to what the claim says.

use chrono::DateTime;

use super::bundle::Found;
use super::claimreview::Problem;
use super::ImportReport;
use crate::error::{Error, Result};
use crate::model::ClaimStatus;
use crate::report::{AppearanceReport, ClaimReport, ClaimantReport, RatingReport, VerdictReport};
use crate::store::Tx;

pub(crate) type Rows = Vec<Found<ClaimReport>>;

/// The columns a claims CSV must have.
const REQUIRED: &[&str] = &["claim_uuid", "text"];

/// RFC 4180 records (quoted fields, doubled quotes, CRLF or LF), with a UTF-8 BOM allowed.
fn records(text: &str) -> std::result::Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut was_quoted) = (false, false);
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            (false, '"') => return Err(format!("a quote in the middle of an unquoted cell at line {line}")),
            (false, ',') => {
                row.push(std::mem::take(&mut cell));
                was_quoted = false;
            }
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                was_quoted = false;
                rows.push((row_line, std::mem::take(&mut row)));
                row_line = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(format!("a quoted cell that starts at line {row_line} is never closed (is the file cut short?)"));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    rows.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(rows)
}

/// The cell as the claim says it: the export's formula guard (a leading `'`) taken off again.
/// Exactly the inverse of `report::csv::guard`.
pub(crate) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(rest) => rest,
        _ => cell,
    }
}

fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

pub(crate) fn read(bytes: &[u8]) -> Result<Rows> {
    let text = super::file::text(bytes)?;
    if text.trim_start().starts_with(['{', '[']) {
        return Err(Error::validation(
            "file",
            "This is JSON, not a CSV: import a Factdesk JSON export with `import json`, ClaimReview markup with `import claimreview`. Nothing was imported.",
        ));
    }
    let rows = records(text).map_err(|e| Error::validation("file", format!("The file is not a valid CSV: {e}. Nothing was imported.")))?;
    let Some(((_, header), data)) = rows.split_first() else {
        return Err(Error::validation("file", "The file is empty: there is nothing to import."));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    if header.iter().any(|h| h == "evidence_uuid") {
        return Err(Error::validation(
            "file",
            "This is the evidence CSV (one row per evidence link): import the claims CSV (`export --format csv`). Nothing was imported.",
        ));
    }
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|r| !header.iter().any(|h| h == r)).collect();
    if !missing.is_empty() {
        return Err(Error::validation(
            "file",
            format!(
                "This is not a Factdesk claims CSV: it has no {} column{}. Nothing was imported.",
                missing.join(" or "),
                if missing.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let cols: Vec<(String, Option<usize>)> = COLUMNS.iter().map(|c| (c.to_string(), col(c))).collect();
    Ok(data
        .iter()
        .enumerate()
        .map(|(i, (line, cells))| {
            let get = |name: &str| -> String {
                cols.iter()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, at)| *at)
                    .and_then(|at| cells.get(at))
                    .map(|c| unguard(c).trim().to_string())
                    .unwrap_or_default()
            };
            let mut problems = Vec::new();
            let read = if cells.len() != header.len() {
                Err(Problem { field: "file", message: format!("the row has {} cells and the header {}", cells.len(), header.len()) })
            } else if let Some(column) = header.iter().zip(cells).find_map(|(h, c)| c.contains('\0').then_some(h)) {
                Err(super::file::nul_problem(&format!("the {column} cell")))
            } else {
                read_row(&get, &mut problems)
            };
            Found { position: i + 1, path: format!("line {line}"), read, problems, notes: Vec::new() }
        })
        .collect())
}

const COLUMNS: &[&str] = &[
    "claim_uuid", "text", "summary", "claimant", "claimant_role", "claimant_affiliation", "said_on", "said_where",
    "first_appearance_url", "first_appearance_outlet", "first_appearance_medium", "first_appearance_date", "status",
    "language", "tags", "published_on", "rating_key", "rating", "rating_value", "best_rating", "worst_rating",
    "rationale", "verdict_author", "verdict_recorded_at", "context", "assignee",
];

fn read_row(get: &dyn Fn(&str) -> String, problems: &mut Vec<Problem>) -> std::result::Result<ClaimReport, Problem> {
    let text = get("text");
    if text.is_empty() {
        return Err(Problem { field: "text", message: "no claim text".into() });
    }
    let uuid = Some(get("claim_uuid")).filter(|u| !u.is_empty());
    if let Some(u) = &uuid {
        if uuid::Uuid::parse_str(u).is_err() {
            return Err(Problem { field: "claim_uuid", message: format!("“{u}” is not a UUID") });
        }
    }
    let mut date = |col: &'static str| {
        let raw = get(col);
        if raw.is_empty() {
            return None;
        }
        let d = super::loose::date(&raw);
        if d.is_none() {
            problems.push(Problem { field: col, message: format!("“{raw}” is not a date; it was left out") });
        }
        d
    };
    let said_on = date("said_on");
    let published_on = date("published_on");
    let appeared_on = date("first_appearance_date");
    let status_raw = get("status");
    let status = ClaimStatus::parse(&status_raw.to_lowercase().replace([' ', '-'], "_")).unwrap_or_else(|| {
        if !status_raw.is_empty() {
            problems.push(Problem { field: "status", message: format!("“{status_raw}” is not a status; the claim comes in as new") });
        }
        ClaimStatus::New
    });
    let claimant = Some(get("claimant")).filter(|n| !n.is_empty()).map(|name| ClaimantReport {
        uuid: String::new(),
        name,
        role: Some(get("claimant_role")).filter(|r| !r.is_empty()),
        affiliation: Some(get("claimant_affiliation")).filter(|r| !r.is_empty()),
    });
    let (url, outlet) = (get("first_appearance_url"), get("first_appearance_outlet"));
    let appearances = if url.is_empty() && outlet.is_empty() {
        Vec::new()
    } else {
        let medium = get("first_appearance_medium");
        vec![AppearanceReport { uuid: String::new(), url, outlet, medium, appeared_on, is_first: true, confidential: false }]
    };
    let mut verdict = None;
    let (key, label) = (get("rating_key"), get("rating"));
    if !key.is_empty() || !label.is_empty() {
        let raw_at = get("verdict_recorded_at");
        let recorded_at = match DateTime::parse_from_rfc3339(&raw_at) {
            Ok(t) => t.with_timezone(&chrono::Utc),
            Err(_) => {
                if !raw_at.is_empty() {
                    problems.push(Problem { field: "verdict_recorded_at", message: format!("“{raw_at}” is not a time; the import's time stands for it") });
                }
                chrono::Utc::now()
            }
        };
        let number = |c: &str| get(c).parse().ok();
        let rating = RatingReport {
            key,
            label,
            alternate_name: String::new(),
            value: number("rating_value"),
            best: number("best_rating"),
            worst: number("worst_rating"),
        };
        verdict = Some(VerdictReport {
            uuid: String::new(),
            rating,
            rationale: get("rationale"),
            author: get("verdict_author"),
            recorded_at,
            superseded_at: None,
        });
    }
    Ok(ClaimReport {
        uuid: uuid.unwrap_or_default(),
        text,
        summary: get("summary"),
        claimant,
        said_on,
        said_where: get("said_where"),
        appearances,
        status,
        language: get("language"),
        tags: get("tags").split(';').map(str::trim).filter(|t| !t.is_empty()).map(|t| unguard(t).to_string()).collect(),
        context: get("context"),
        assignee: get("assignee"),
        published_on,
        verdict,
        earlier_verdicts: Vec::new(),
        evidence: Vec::new(),
        corrections: Vec::new(),
    })
}

pub(crate) fn apply(tx: &Tx<'_>, rows: &Rows, strict: bool) -> Result<ImportReport> {
    let mut report = super::bundle::apply_legacy(tx, rows, strict, "a claims CSV")?;
    report.notes.push(
        "a CSV row holds a claim, its first appearance and its current verdict only: earlier verdicts, evidence and corrections travel in the JSON export".into(),
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_guard_is_undone_exactly() {
        for cell in ["=cmd|' /C calc'!A0", "+1+2", "@SUM(A1)", "\tx", "-2+3", "-3", "4.5", "plain", "'quoted", "'-3"] {
            assert_eq!(unguard(&crate::report::csv::guard(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn records_with_quotes_newlines_and_crlf() {
        let rows = records("\u{feff}\"a\",\"b\"\r\n\"x\"\"y\",\"line\nbreak\"\r\nplain,2\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].1, ["x\"y", "line\nbreak"]);
        assert_eq!(rows[2], (4, vec!["plain".to_string(), "2".to_string()]));
        assert!(records("\"a\",\"b").is_err());
    }
}
