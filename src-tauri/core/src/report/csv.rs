//! CSV for spreadsheets: one file with a row per claim, another with a row per evidence link (joined
//! on `claim_uuid`).
//!
//! RFC 4180: every field is quoted (quotes doubled), records end with CRLF. The file starts with a
//! UTF-8 byte-order mark, without which Excel reads UTF-8 as a legacy code page and mangles every
//! accented name. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be run
//! as a formula by spreadsheet programs (formula injection), so it gets a leading `'`; plain
//! numbers such as `-3` are left as they are.

use super::data::*;

const BOM: &str = "\u{feff}";

/// Guards a cell against formula injection (see the module documentation).
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
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

/// Appends one record: every field guarded, quoted, quotes doubled.
fn record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&guard(cell.as_ref()).replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

const CLAIM_HEADER: &[&str] = &[
    "claim_uuid",
    "text",
    "summary",
    "claimant",
    "claimant_role",
    "claimant_affiliation",
    "said_on",
    "said_where",
    "first_appearance_url",
    "first_appearance_outlet",
    "first_appearance_medium",
    "first_appearance_date",
    "status",
    "language",
    "tags",
    "published_on",
    "rating_key",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "rationale",
    "verdict_author",
    "verdict_recorded_at",
    "earlier_verdicts",
    "evidence_links",
    "corrections",
    "context",
    "assignee",
];

/// One row per claim.
pub fn render_claims(c: &Collection) -> String {
    let mut out = String::from(BOM);
    record(&mut out, CLAIM_HEADER);
    for claim in &c.claims {
        record(&mut out, &claim_row(claim));
    }
    out
}

/// RFC 3339 in UTC with a `Z`, as the JSON export writes it.
fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn claim_row(c: &ClaimReport) -> Vec<String> {
    let who = c.claimant.as_ref();
    let first = c.appearances.iter().find(|a| a.is_first);
    let v = c.verdict.as_ref();
    vec![
        c.uuid.clone(),
        c.text.clone(),
        c.summary.clone(),
        who.map(|w| w.name.clone()).unwrap_or_default(),
        who.and_then(|w| w.role.clone()).unwrap_or_default(),
        who.and_then(|w| w.affiliation.clone()).unwrap_or_default(),
        opt_date(c.said_on),
        c.said_where.clone(),
        first.map(|a| a.url.clone()).unwrap_or_default(),
        first.map(|a| a.outlet.clone()).unwrap_or_default(),
        first.map(|a| a.medium.clone()).unwrap_or_default(),
        opt_date(first.and_then(|a| a.appeared_on)),
        c.status.as_str().to_string(),
        c.language.clone(),
        c.tags.join("; "),
        opt_date(c.published_on),
        v.map(|v| v.rating.key.clone()).unwrap_or_default(),
        v.map(|v| v.rating.label.clone()).unwrap_or_default(),
        v.and_then(|v| v.rating.value).map(|n| n.to_string()).unwrap_or_default(),
        v.and_then(|v| v.rating.best).map(|n| n.to_string()).unwrap_or_default(),
        v.and_then(|v| v.rating.worst).map(|n| n.to_string()).unwrap_or_default(),
        v.map(|v| v.rationale.clone()).unwrap_or_default(),
        v.map(|v| v.author.clone()).unwrap_or_default(),
        v.map(|v| timestamp(v.recorded_at)).unwrap_or_default(),
        c.earlier_verdicts.len().to_string(),
        c.evidence.len().to_string(),
        // Corrections proper: a clarification left the finding as it was.
        c.corrections.iter().filter(|k| k.kind == crate::model::CorrectionKind::Correction).count().to_string(),
        c.context.clone(),
        c.assignee.clone(),
    ]
}

const EVIDENCE_HEADER: &[&str] = &[
    "claim_uuid",
    "evidence_uuid",
    "stance",
    "confidential",
    "source_kind",
    "source_uuid",
    "source_title",
    "source_publisher",
    "source_author",
    "source_published_on",
    "source_url",
    "source_reliability",
    "capture_uuid",
    "captured_at",
    "capture_sha256",
    "capture_final_url",
    "excerpt",
    "excerpt_check",
    "note",
    "citation",
];

/// One row per evidence link. A confidential source's row keeps its kind and the masked citation;
/// every identifying cell is empty.
pub fn render_evidence(c: &Collection) -> String {
    let mut out = String::from(BOM);
    record(&mut out, EVIDENCE_HEADER);
    for claim in &c.claims {
        for e in &claim.evidence {
            record(&mut out, &evidence_row(&claim.uuid, e));
        }
    }
    out
}

fn evidence_row(claim_uuid: &str, e: &EvidenceReport) -> Vec<String> {
    let mut row = vec![
        claim_uuid.to_string(),
        e.uuid.clone(),
        e.stance.as_str().to_string(),
        (e.open().is_none()).to_string(),
        e.source_kind().as_str().to_string(),
    ];
    match e.open() {
        Some(o) => {
            let s = &o.source;
            let cap = o.capture.as_ref();
            row.extend([
                s.uuid.clone(),
                s.title.clone(),
                s.publisher.clone(),
                s.author.clone(),
                opt_date(s.published_on),
                s.url.clone(),
                s.reliability.as_str().to_string(),
                cap.map(|c| c.uuid.clone()).unwrap_or_default(),
                cap.map(|c| timestamp(c.captured_at)).unwrap_or_default(),
                cap.map(|c| c.sha256.clone()).unwrap_or_default(),
                cap.map(|c| c.final_url.clone()).unwrap_or_default(),
                o.excerpt.clone(),
                anchor_name(o.excerpt_check).to_string(),
                o.note.clone(),
            ]);
        }
        None => row.extend(std::iter::repeat_n(String::new(), 14)),
    }
    row.push(e.citation.clone());
    row
}

fn anchor_name(s: crate::model::AnchorState) -> &'static str {
    use crate::model::AnchorState::*;
    match s {
        Found => "found",
        Approximate => "approximate",
        Missing => "missing",
        NoCapture => "no_capture",
        NoExcerpt => "no_excerpt",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_but_numbers_are_not() {
        assert_eq!(guard("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(guard("+1+2"), "'+1+2");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("-2+3"), "'-2+3");
        assert_eq!(guard("-3"), "-3");
        assert_eq!(guard("4.5"), "4.5");
        assert_eq!(guard("plain"), "plain");
    }

    #[test]
    fn records_are_quoted_with_crlf() {
        let mut out = String::new();
        record(&mut out, &["a\"b", "c,d\ne", "=x"]);
        assert_eq!(out, "\"a\"\"b\",\"c,d\ne\",\"'=x\"\r\n");
    }
}
