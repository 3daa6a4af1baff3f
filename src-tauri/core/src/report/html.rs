//! Self-contained HTML: one file that opens anywhere, prints well, and runs nothing.
//!
//! No scripts, no remote loads (a Content-Security-Policy meta tag forbids both even if something
//! slipped through), inline CSS with a print stylesheet. Every piece of stored text goes through
//! [`escape`]; attributes are always double-quoted; only http(s) addresses become links, opened
//! without a referrer.

use std::fmt::Write;

use super::data::*;
use crate::model::CorrectionKind;
use super::markdown::heading_of;
use super::text::{
    appearance_line, capitalize, claimant_line, excerpt_check_label, fmt_time, one_line, paragraphs, safe_url, scale_position,
    stance_label, status_label, Markup,
};

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE: &str = "
:root { color-scheme: light; --ink: #1d2327; --muted: #5b6570; --rule: #d9dee3; --rating: #5b6570; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink);
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta, .facts dt, .muted { color: var(--muted); }
blockquote { margin: .5rem 0; padding: .25rem 1rem; border-left: 4px solid var(--rule); font-style: italic; }
blockquote.claim { font-size: 1.15rem; font-style: normal; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0; }
dl.facts dd { margin: 0; }
.rating { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; border: 2px solid var(--rating);
          font-weight: 600; }
.verdict { border-left: 6px solid var(--rating); padding: .25rem 0 .25rem 1rem; }
.evidence { border-top: 1px solid var(--rule); padding-top: .5rem; }
.withheld { font-style: italic; color: var(--muted); }
.note > p:first-of-type { display: inline; }
.corrections { background: #fff8e6; border: 1px solid #e8d9a8; padding: .25rem 1rem; }
.clarifications { border-left: 3px solid var(--rule); padding: .25rem 1rem; }
.cite { font-size: .9rem; color: var(--muted); overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .6rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
article.claim { border-top: 3px solid var(--ink); margin-top: 2.5rem; padding-top: 1rem; }
a { color: #0b57a4; overflow-wrap: anywhere; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: ' <' attr(href) '>'; font-size: .85em; color: var(--muted); }
  article.claim { break-before: page; border-top: none; margin-top: 0; }
  header + article.claim { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  blockquote, .verdict, tr { break-inside: avoid; }
}
";

/// Untrusted text on one line, escaped.
fn inline(s: &str) -> String {
    escape(&one_line(s))
}

/// Untrusted multi-line text as `<p>` paragraphs with `<br>` line breaks.
fn block(s: &str) -> String {
    paragraphs(s)
        .iter()
        .map(|lines| format!("<p>{}</p>", lines.iter().map(|l| escape(l)).collect::<Vec<_>>().join("<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A link for a web address, the escaped text alone otherwise.
fn link(text: &str, url: &str) -> String {
    match safe_url(url) {
        Some(u) => format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", escape(&u), inline(text)),
        None => inline(text),
    }
}

/// A language code safe for a `lang` attribute (letters, digits and `-` only), if any.
fn lang_attr(code: &str) -> String {
    let code = code.trim();
    if !code.is_empty() && code.len() <= 35 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        format!(" lang=\"{code}\"")
    } else {
        String::new()
    }
}

/// The rating colour as a CSS custom property, if it is a plain hex colour (anything else could
/// smuggle CSS into the style attribute).
fn rating_style(color: Option<&str>) -> String {
    match color {
        Some(c) if is_hex_color(c) => format!(" style=\"--rating: {c}\""),
        _ => String::new(),
    }
}

fn is_hex_color(c: &str) -> bool {
    let Some(hex) = c.strip_prefix('#') else { return false };
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|ch| ch.is_ascii_hexdigit())
}

/// The whole collection (or one claim) as one HTML document.
pub fn render(c: &Collection) -> String {
    let mut out = String::with_capacity(4096 + c.claims.len() * 4096);
    let title = match (c.single, c.claims.first()) {
        (true, Some(claim)) => format!("Fact check: {}", one_line(heading_of(claim))),
        _ => format!("Fact-check report: {}", one_line(&c.scope)),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    header(&mut out, c, &title);
    if !c.single {
        summary(&mut out, c);
    }
    let colors = RatingColors::new(c);
    for claim in &c.claims {
        claim_article(&mut out, claim, &colors);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, c: &Collection, title: &str) {
    let mut meta = Vec::new();
    if let Some(d) = &c.desk {
        meta.push(inline(d));
    }
    if let Some(t) = c.generated_at {
        meta.push(format!("generated {}", fmt_time(t)));
    }
    meta.push(format!("{} claim{}", c.claims.len(), if c.claims.len() == 1 { "" } else { "s" }));
    let _ = writeln!(out, "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>", escape(title), meta.join(" · "));
}

fn summary(out: &mut String, c: &Collection) {
    let s = &c.summary;
    let _ = writeln!(
        out,
        "<section class=\"summary\">\n<h2>Summary</h2>\n<p>{} claims, {} with a verdict.</p>",
        s.claims, s.checked
    );
    out.push_str("<table>\n<thead><tr><th>Rating</th><th class=\"n\">Claims</th></tr></thead>\n<tbody>\n");
    for r in &s.by_rating {
        let _ = writeln!(out, "<tr><td>{}</td><td class=\"n\">{}</td></tr>", inline(&r.label), r.count);
    }
    let _ = writeln!(out, "<tr><td>No verdict</td><td class=\"n\">{}</td></tr>", s.claims.saturating_sub(s.checked));
    out.push_str("</tbody>\n</table>\n");
    out.push_str("<table>\n<thead><tr><th>Status</th><th class=\"n\">Claims</th></tr></thead>\n<tbody>\n");
    for st in s.by_status.iter().filter(|st| st.count > 0) {
        let _ = writeln!(out, "<tr><td>{}</td><td class=\"n\">{}</td></tr>", status_label(st.status), st.count);
    }
    out.push_str("</tbody>\n</table>\n");
    claimant_table(out, s);
    out.push_str("</section>\n");
}

fn claimant_table(out: &mut String, s: &Summary) {
    if s.by_claimant.is_empty() {
        return;
    }
    let cols: Vec<&RatingCount> = s.by_rating.iter().filter(|r| r.count > 0).collect();
    out.push_str("<h3>By claimant</h3>\n<table>\n<thead><tr><th>Claimant</th><th class=\"n\">Claims</th><th class=\"n\">Checked</th>");
    for r in &cols {
        let _ = write!(out, "<th class=\"n\">{}</th>", inline(&r.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for t in &s.by_claimant {
        let _ = write!(out, "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>", inline(&t.name), t.claims, t.checked);
        for r in &cols {
            let n = t.ratings.iter().find(|k| k.key == r.key).map_or(0, |k| k.count);
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Rating colours come from the scale; a rating the scale no longer has stays neutral.
struct RatingColors<'a>(&'a [ScaleRating]);

impl<'a> RatingColors<'a> {
    fn new(c: &'a Collection) -> RatingColors<'a> {
        RatingColors(&c.scale.ratings)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|r| r.key == key).map(|r| r.color.as_str())
    }
}

fn claim_article(out: &mut String, c: &ClaimReport, colors: &RatingColors<'_>) {
    let _ = writeln!(
        out,
        "<article class=\"claim\" id=\"claim-{}\">\n<h2>{}</h2>\n<blockquote class=\"claim\"{}>{}</blockquote>",
        escape(&c.uuid),
        inline(heading_of(c)),
        lang_attr(&c.language),
        block(&c.text)
    );
    claim_facts(out, c);
    verdict_section(out, c, colors);
    corrections_section(out, c);
    evidence_section(out, c);
    earlier_verdicts_section(out, c);
    out.push_str("</article>\n");
}

fn fact(out: &mut String, label: &str, value_html: &str) {
    let _ = writeln!(out, "<dt>{label}</dt><dd>{value_html}</dd>");
}

fn claim_facts(out: &mut String, c: &ClaimReport) {
    out.push_str("<dl class=\"facts\">\n");
    if let Some(who) = &c.claimant {
        fact(out, "Claimant", &claimant_line(who, &MARKUP));
    }
    let said: Vec<String> =
        c.said_on.map(|d| d.to_string()).into_iter().chain(Some(inline(&c.said_where)).filter(|s| !s.is_empty())).collect();
    if !said.is_empty() {
        fact(out, "Said", &said.join(", "));
    }
    if !c.appearances.is_empty() {
        let items: Vec<String> = c.appearances.iter().map(|a| appearance_line(a, &MARKUP)).collect();
        fact(out, "Appeared", &items.join("<br>\n"));
    }
    fact(out, "Status", &status_label(c.status));
    if let Some(d) = c.published_on {
        fact(out, "First published", &d.to_string());
    }
    if !c.language.trim().is_empty() {
        fact(out, "Language", &inline(&c.language));
    }
    if !c.tags.is_empty() {
        fact(out, "Tags", &c.tags.iter().map(|t| inline(t)).collect::<Vec<_>>().join(", "));
    }
    fact(out, "Claim ID", &inline(&c.uuid));
    out.push_str("</dl>\n");
}

const MARKUP: Markup = Markup { inline, link };

fn rating_line(r: &RatingReport) -> String {
    scale_position(r)
}

fn verdict_section(out: &mut String, c: &ClaimReport, colors: &RatingColors<'_>) {
    out.push_str("<section class=\"verdict-section\">\n<h3>Verdict</h3>\n");
    match &c.verdict {
        Some(v) => {
            let _ = writeln!(
                out,
                "<div class=\"verdict\"{}>\n<p><span class=\"rating\">{}</span> <span class=\"muted\">{}</span></p>\n{}\n<p class=\"muted\">— {}, {}</p>\n</div>",
                rating_style(colors.get(&v.rating.key)),
                inline(&v.rating.label),
                rating_line(&v.rating),
                block(&v.rationale),
                inline(&v.author),
                fmt_time(v.recorded_at)
            );
        }
        None => out.push_str("<p class=\"muted\">No verdict yet.</p>\n"),
    }
    out.push_str("</section>\n");
}

fn evidence_section(out: &mut String, c: &ClaimReport) {
    out.push_str("<section class=\"evidence-section\">\n<h3>Evidence</h3>\n");
    if c.evidence.is_empty() {
        out.push_str("<p class=\"muted\">No evidence linked yet.</p>\n");
    }
    for (i, e) in c.evidence.iter().enumerate() {
        evidence_item(out, i + 1, e);
    }
    out.push_str("</section>\n");
}

fn evidence_item(out: &mut String, n: usize, e: &EvidenceReport) {
    let stance = stance_label(e.stance);
    let Some(o) = e.open() else {
        let _ = writeln!(
            out,
            "<div class=\"evidence\">\n<h4>{n}. {stance}: {}</h4>\n<p class=\"withheld\">Excerpt and note withheld to protect a confidential source.</p>\n</div>",
            inline(&e.citation)
        );
        return;
    };
    let _ = writeln!(
        out,
        "<div class=\"evidence\">\n<h4>{n}. {stance}: {}</h4>\n<p class=\"muted\">{}</p>",
        link(&o.source.title, &o.source.url),
        source_facts(&o.source)
    );
    if !o.excerpt.trim().is_empty() {
        let _ = writeln!(out, "<blockquote>{}</blockquote>", block(&o.excerpt));
        if let Some(check) = excerpt_check_label(o.excerpt_check, o.capture.is_some()) {
            let _ = writeln!(out, "<p class=\"muted\">{check}</p>");
        }
    }
    if !o.note.trim().is_empty() {
        let _ = writeln!(out, "<div class=\"note\"><strong>Note:</strong> {}</div>", block(&o.note));
    }
    let _ = writeln!(out, "<p class=\"cite\">Cite as: {}</p>\n</div>", inline(&e.citation));
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

/// The corrections in their box, then the clarifications (detail added, the finding stands) in a
/// quiet one of their own.
fn corrections_section(out: &mut String, c: &ClaimReport) {
    for kind in [CorrectionKind::Correction, CorrectionKind::Clarification] {
        let items: Vec<&CorrectionReport> = c.corrections.iter().filter(|k| k.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        let (class, heading) = match kind {
            CorrectionKind::Correction => ("corrections", "Corrections"),
            CorrectionKind::Clarification if items.len() == 1 => ("clarifications", "Clarification"),
            CorrectionKind::Clarification => ("clarifications", "Clarifications"),
        };
        let _ = writeln!(out, "<section class=\"{class}\">\n<h3>{heading}</h3>\n<ul>");
        for k in items {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> ({}): {} — {}</li>",
                fmt_time(k.at),
                inline(&k.what),
                inline(&k.reason),
                inline(&k.actor)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
}

fn earlier_verdicts_section(out: &mut String, c: &ClaimReport) {
    if c.earlier_verdicts.is_empty() {
        return;
    }
    out.push_str("<section class=\"earlier\">\n<h3>Earlier verdicts</h3>\n");
    for v in &c.earlier_verdicts {
        let superseded = v.superseded_at.map(|t| format!(", superseded {}", fmt_time(t))).unwrap_or_default();
        let _ = writeln!(
            out,
            "<h4>{} <span class=\"muted\">{}</span></h4>\n{}\n<p class=\"muted\">— {}, {}{superseded}</p>",
            inline(&v.rating.label),
            rating_line(&v.rating),
            block(&v.rationale),
            inline(&v.author),
            fmt_time(v.recorded_at)
        );
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("a'b&c\u{0}"), "a&#39;b&amp;c");
        assert_eq!(link("t", "javascript:alert(1)"), "t");
        assert!(link("t", "https://e.org/\"x").starts_with("<a href=\"https://e.org/%22x\""));
    }

    #[test]
    fn only_plain_hex_colours_reach_the_style_attribute() {
        assert!(is_hex_color("#1b7f3b"));
        assert!(!is_hex_color("red; background: url(https://x)"));
        assert!(!is_hex_color("#12345"));
        assert_eq!(rating_style(Some("#fff\" onload=\"x")), "");
    }
}
