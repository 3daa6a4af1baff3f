//! Markdown: a report to paste into an editor's document or a CMS.
//!
//! Every piece of stored text came from outside (an article, a source's title, a claimant's name),
//! so it is escaped to stay text whatever Markdown renderer reads it: link brackets, HTML, entity
//! references, emphasis, code, tables, and the characters that start a heading or a list at the
//! beginning of a line. Only http(s) addresses become links.

use std::fmt::Write;

use super::data::*;
use crate::model::CorrectionKind;
use super::text::{
    appearance_line, capitalize, claimant_line, excerpt_check_label, fmt_time, one_line, paragraphs, safe_url, scale_position,
    stance_label, status_label, Markup,
};

/// Escapes text so that any CommonMark or GitHub-flavoured renderer shows it as typed. Parentheses
/// are escaped too, although `[` and `]` would suffice to stop a link: then `](` never occurs in
/// our Markdown except in the links we write, which a reviewer (or a test) can check at a glance.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '&' | '|' | '~' | '#') {
            out.push('\\');
        }
        out.push(ch);
    }
    escape_line_start(out)
}

/// A line starting with `+`, `-`, `=` or `12.` would become a list, a rule or a heading underline:
/// escape that character (`12)` is covered, as `)` is always escaped). Leading spaces are trimmed
/// before, so no indented code block either.
fn escape_line_start(s: String) -> String {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let marker = s[digits..].chars().next();
    match marker {
        Some('+' | '-' | '=') if digits == 0 => format!("\\{s}"),
        Some('.') if digits > 0 => format!("{}\\{}", &s[..digits], &s[digits..]),
        _ => s,
    }
}

/// Untrusted text on one line.
fn inline(s: &str) -> String {
    escape(&one_line(s))
}

/// Untrusted multi-line text as Markdown paragraphs, each line prefixed with `prefix` (e.g. `> `).
fn block(s: &str, prefix: &str) -> String {
    paragraphs(s)
        .iter()
        .map(|lines| lines.iter().map(|l| format!("{prefix}{}", escape(l))).collect::<Vec<_>>().join("\\\n"))
        .collect::<Vec<_>>()
        .join(&format!("\n{}\n", prefix.trim_end()))
}

/// `[text](url)` for a web address, the escaped text alone otherwise.
fn link(text: &str, url: &str) -> String {
    match safe_url(url) {
        Some(u) => format!("[{}]({u})", inline(text)),
        None => inline(text),
    }
}

/// The whole collection (or one claim) as Markdown.
pub fn render(c: &Collection) -> String {
    let mut out = String::new();
    header(&mut out, c);
    if !c.single {
        summary(&mut out, c);
    }
    for claim in &c.claims {
        end_block(&mut out);
        out.push_str("---\n\n");
        claim_section(&mut out, claim);
    }
    end_block(&mut out);
    out.pop();
    out
}

/// Ends what was written with exactly one blank line, whatever the section before left.
fn end_block(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
    out.push_str("\n\n");
}

fn header(out: &mut String, c: &Collection) {
    match (c.single, c.claims.first()) {
        (true, Some(claim)) => {
            let _ = writeln!(out, "# Fact check: {}\n", inline(heading_of(claim)));
        }
        _ => {
            let _ = writeln!(out, "# Fact-check report: {}\n", inline(&c.scope));
        }
    }
    let mut meta = Vec::new();
    if let Some(d) = &c.desk {
        meta.push(inline(d));
    }
    if let Some(t) = c.generated_at {
        meta.push(format!("generated {}", fmt_time(t)));
    }
    meta.push(format!("{} claim{}", c.claims.len(), if c.claims.len() == 1 { "" } else { "s" }));
    let _ = writeln!(out, "{}", meta.join(" · "));
}

/// The claim's short title: its summary, else its wording.
pub(crate) fn heading_of(c: &ClaimReport) -> &str {
    if c.summary.trim().is_empty() { &c.text } else { &c.summary }
}

fn summary(out: &mut String, c: &Collection) {
    let s = &c.summary;
    let _ = writeln!(out, "\n## Summary\n\n{} claims, {} with a verdict.\n", s.claims, s.checked);
    out.push_str("| Rating | Claims |\n| --- | ---: |\n");
    for r in &s.by_rating {
        let _ = writeln!(out, "| {} | {} |", inline(&r.label), r.count);
    }
    let _ = writeln!(out, "| No verdict | {} |\n", s.claims.saturating_sub(s.checked));
    out.push_str("| Status | Claims |\n| --- | ---: |\n");
    for st in s.by_status.iter().filter(|st| st.count > 0) {
        let _ = writeln!(out, "| {} | {} |", status_label(st.status), st.count);
    }
    claimant_table(out, s);
}

/// Per claimant, one column per rating that any selected claim has.
fn claimant_table(out: &mut String, s: &Summary) {
    if s.by_claimant.is_empty() {
        return;
    }
    let cols: Vec<&RatingCount> = s.by_rating.iter().filter(|r| r.count > 0).collect();
    out.push_str("\n### By claimant\n\n| Claimant | Claims | Checked |");
    for r in &cols {
        let _ = write!(out, " {} |", inline(&r.label));
    }
    out.push_str("\n| --- | ---: | ---: |");
    out.push_str(&" ---: |".repeat(cols.len()));
    out.push('\n');
    for t in &s.by_claimant {
        let _ = write!(out, "| {} | {} | {} |", inline(&t.name), t.claims, t.checked);
        for r in &cols {
            let n = t.ratings.iter().find(|k| k.key == r.key).map_or(0, |k| k.count);
            let _ = write!(out, " {n} |");
        }
        out.push('\n');
    }
}

fn claim_section(out: &mut String, c: &ClaimReport) {
    let _ = writeln!(out, "## {}\n\n{}\n", inline(heading_of(c)), block(&c.text, "> "));
    claim_facts(out, c);
    verdict_section(out, c);
    corrections_section(out, c);
    evidence_section(out, c);
    earlier_verdicts_section(out, c);
}

fn claim_facts(out: &mut String, c: &ClaimReport) {
    let mut facts: Vec<String> = Vec::new();
    if let Some(who) = &c.claimant {
        facts.push(format!("- **Claimant:** {}", claimant_line(who, &MARKUP)));
    }
    let said: Vec<String> =
        c.said_on.map(|d| d.to_string()).into_iter().chain(Some(inline(&c.said_where)).filter(|s| !s.is_empty())).collect();
    if !said.is_empty() {
        facts.push(format!("- **Said:** {}", said.join(", ")));
    }
    if !c.appearances.is_empty() {
        let list: Vec<String> = c.appearances.iter().map(|a| appearance_line(a, &MARKUP)).collect();
        facts.push(format!("- **Appeared:** {}", list.join("; ")));
    }
    let mut status = format!("- **Status:** {}", status_label(c.status));
    if let Some(d) = c.published_on {
        let _ = write!(status, " · **First published:** {d}");
    }
    if !c.language.trim().is_empty() {
        let _ = write!(status, " · **Language:** {}", inline(&c.language));
    }
    facts.push(status);
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| inline(t)).collect();
        facts.push(format!("- **Tags:** {}", tags.join(", ")));
    }
    facts.push(format!("- **Claim ID:** {}", inline(&c.uuid)));
    let _ = writeln!(out, "{}\n", facts.join("\n"));
}

const MARKUP: Markup = Markup { inline, link };

fn rating_line(r: &RatingReport) -> String {
    format!("{}: {}", inline(&r.label), scale_position(r))
}

fn verdict_section(out: &mut String, c: &ClaimReport) {
    match &c.verdict {
        Some(v) => {
            let _ = writeln!(
                out,
                "### Verdict: {}\n\nRating {}.\n\n{}\n\n— {}, {}\n",
                inline(&v.rating.label),
                rating_line(&v.rating),
                block(&v.rationale, ""),
                inline(&v.author),
                fmt_time(v.recorded_at)
            );
        }
        None => out.push_str("### Verdict\n\nNo verdict yet.\n\n"),
    }
}

fn evidence_section(out: &mut String, c: &ClaimReport) {
    if c.evidence.is_empty() {
        out.push_str("### Evidence\n\nNo evidence linked yet.\n\n");
        return;
    }
    out.push_str("### Evidence\n\n");
    for (i, e) in c.evidence.iter().enumerate() {
        evidence_item(out, i + 1, e);
    }
}

fn evidence_item(out: &mut String, n: usize, e: &EvidenceReport) {
    let stance = stance_label(e.stance);
    let Some(o) = e.open() else {
        let _ = writeln!(
            out,
            "#### {n}. {stance}: {}\n\nExcerpt and note withheld to protect a confidential source.\n",
            inline(&e.citation)
        );
        return;
    };
    let _ = writeln!(out, "#### {n}. {stance}: {}\n", link(&o.source.title, &o.source.url));
    let _ = writeln!(out, "{}\n", source_facts(&o.source));
    if !o.excerpt.trim().is_empty() {
        let _ = writeln!(out, "{}\n", block(&o.excerpt, "> "));
        if let Some(check) = excerpt_check_label(o.excerpt_check, o.capture.is_some()) {
            let _ = writeln!(out, "{check}\n");
        }
    }
    if !o.note.trim().is_empty() {
        let _ = writeln!(out, "Note: {}\n", block(&o.note, ""));
    }
    let _ = writeln!(out, "Cite as: {}\n", inline(&e.citation));
}

fn source_facts(s: &SourceReport) -> String {
    let mut parts = vec![capitalize(s.kind.label())];
    for field in [&s.publisher, &s.author] {
        if !field.trim().is_empty() {
            parts.push(inline(field));
        }
    }
    if let Some(d) = s.published_on {
        parts.push(format!("published {d}"));
    }
    if s.reliability != crate::model::Reliability::Unrated {
        parts.push(format!("reliability {}", s.reliability.as_str()));
    }
    parts.join(" · ")
}

/// The corrections, then the clarifications (detail added, the finding stands) under their own heading.
fn corrections_section(out: &mut String, c: &ClaimReport) {
    for kind in [CorrectionKind::Correction, CorrectionKind::Clarification] {
        let items: Vec<&CorrectionReport> = c.corrections.iter().filter(|k| k.kind == kind).collect();
        let heading = match kind {
            _ if items.is_empty() => continue,
            CorrectionKind::Correction => "Corrections",
            CorrectionKind::Clarification if items.len() == 1 => "Clarification",
            CorrectionKind::Clarification => "Clarifications",
        };
        let _ = writeln!(out, "### {heading}\n");
        for k in items {
            let _ = writeln!(out, "- **{}** ({}): {} — {}", fmt_time(k.at), inline(&k.what), inline(&k.reason), inline(&k.actor));
        }
        out.push('\n');
    }
}

fn earlier_verdicts_section(out: &mut String, c: &ClaimReport) {
    if c.earlier_verdicts.is_empty() {
        return;
    }
    out.push_str("### Earlier verdicts\n\n");
    for v in &c.earlier_verdicts {
        let superseded = v.superseded_at.map(|t| format!(", superseded {}", fmt_time(t))).unwrap_or_default();
        let _ = writeln!(
            out,
            "#### {}\n\nRating {}.\n\n{}\n\n— {}, {}{superseded}\n",
            inline(&v.rating.label),
            rating_line(&v.rating),
            block(&v.rationale, ""),
            inline(&v.author),
            fmt_time(v.recorded_at)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_stays_text() {
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\]\\(javascript:alert\\(1\\)\\)");
        assert_eq!(escape("<script>alert(1)</script>"), "\\<script\\>alert\\(1\\)\\</script\\>");
        assert_eq!(escape("a & b *c* `d`"), "a \\& b \\*c\\* \\`d\\`");
        assert_eq!(escape("# title"), "\\# title");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. item"), "12\\. item");
        assert_eq!(escape("1990s were"), "1990s were");
        assert_eq!(escape("U.S. aid"), "U.S. aid");
    }
}
