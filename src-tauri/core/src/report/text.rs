//! Helpers the renderers share: which addresses may become links, dates in words, text on one line.

use chrono::{DateTime, Utc};

/// The address as a link target, or None when it must stay plain text. Only `http` and `https`
/// addresses with a host become links: `javascript:`, `data:`, `file:` and the like never do. The
/// address is re-serialised by the URL parser (which percent-encodes spaces, quotes and angle
/// brackets) and the characters that end a Markdown link destination or an HTML attribute are
/// percent-encoded too, so the result can be placed in either without further quoting.
pub fn safe_url(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let mut out = String::with_capacity(url.as_str().len());
    for ch in url.as_str().chars() {
        match ch {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '`' => out.push_str("%60"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// A moment as reports print it: `2024-02-27 14:05 UTC`.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The text on one line: runs of whitespace (newlines included) become one space, control
/// characters are dropped. For headings, table cells and citations, where a line break would
/// change the document's structure.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
    }
    out
}

/// Paragraphs of a multi-line text: blank lines separate them; within one, lines are kept.
/// Control characters other than line breaks and tabs are dropped; `\r\n` and `\r` count as `\n`.
pub fn paragraphs(s: &str) -> Vec<Vec<String>> {
    let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in normalised.split('\n') {
        let line: String = line.chars().filter(|c| !c.is_control() || *c == '\t').collect();
        let line = line.trim().to_string();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A status in words ("in review").
pub fn status_label(s: crate::model::ClaimStatus) -> String {
    s.as_str().replace('_', " ")
}

/// A stance in words, as a reader would say it.
pub fn stance_label(s: crate::model::Stance) -> &'static str {
    match s {
        crate::model::Stance::Supports => "Supports",
        crate::model::Stance::Refutes => "Refutes",
        crate::model::Stance::Context => "Context",
    }
}

/// Whether the excerpt was found in the archived copy, in words; None when there is nothing to say.
/// A link made before its source was captured is checked against the source's newest copy, and
/// says so (`linked` is false), since that copy is not what the checker saw when linking.
pub fn excerpt_check_label(s: crate::model::AnchorState, linked: bool) -> Option<String> {
    use crate::model::AnchorState::*;
    let copy = if linked { "the archived copy" } else { "the source's newest archived copy" };
    match s {
        Found => Some(format!("Excerpt found word for word in {copy}.")),
        Approximate => Some(format!("Excerpt found in {copy} (spacing, quotes or case differ).")),
        Missing => Some(format!("Excerpt not found in {copy}: the page may have changed.")),
        NoCapture | NoExcerpt => None,
    }
}

/// The text with its first letter in upper case ("primary document" → "Primary document").
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How one output format writes untrusted text: `inline` escapes a piece of text, `link` makes a
/// link (or plain text for a non-web address). The lines below are the same in every format but
/// for these two.
pub(crate) struct Markup {
    pub inline: fn(&str) -> String,
    pub link: fn(&str, &str) -> String,
}

/// "Name, role (affiliation)".
pub(crate) fn claimant_line(who: &super::data::ClaimantReport, m: &Markup) -> String {
    let mut s = (m.inline)(&who.name);
    if let Some(role) = who.role.as_deref().filter(|r| !r.trim().is_empty()) {
        s.push_str(", ");
        s.push_str(&(m.inline)(role));
    }
    if let Some(aff) = who.affiliation.as_deref().filter(|a| !a.trim().is_empty()) {
        s.push_str(&format!(" ({})", (m.inline)(aff)));
    }
    s
}

/// "first: outlet (medium, date)", the outlet linked to the appearance's address.
pub(crate) fn appearance_line(a: &super::data::AppearanceReport, m: &Markup) -> String {
    let name = if a.outlet.trim().is_empty() { &a.url } else { &a.outlet };
    let mut s = if a.is_first { "first: ".to_string() } else { String::new() };
    s.push_str(&(m.link)(name, &a.url));
    let details: Vec<String> = Some((m.inline)(&a.medium))
        .filter(|x| !x.is_empty())
        .into_iter()
        .chain(a.appeared_on.map(|d| d.to_string()))
        .collect();
    if !details.is_empty() {
        s.push_str(&format!(" ({})", details.join(", ")));
    }
    s
}

/// Where a rating sits on its scale in words, when the scale has numbers.
pub(crate) fn scale_position(r: &super::data::RatingReport) -> String {
    match (r.value, r.worst, r.best) {
        (Some(v), Some(w), Some(b)) => format!("{v} on a scale from {w} (worst) to {b} (best)"),
        _ => "not on the numeric scale".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("not a url"), None);
        assert_eq!(safe_url("https://example.org/a(b)\"c'<d>").as_deref(), Some("https://example.org/a%28b%29%22c%27%3Cd%3E"));
        assert_eq!(safe_url(" http://example.org ").as_deref(), Some("http://example.org/"));
    }

    #[test]
    fn one_line_and_paragraphs() {
        assert_eq!(one_line(" a \n\n b\tc\u{7}d "), "a b cd");
        assert_eq!(paragraphs("a\r\nb\n\n\n c \n"), vec![vec!["a".to_string(), "b".to_string()], vec!["c".to_string()]]);
    }
}
