//! HTML to readable text: one paragraph per line, the way a checker would quote it. Nothing
//! from scripts, styles or page chrome reaches the text, and no script is ever run (there is
//! no JavaScript engine here: the parser only builds a tree we read).

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never page text: code, embedded documents, forms and site chrome.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
    "nav", "footer", "header", "aside", "form", "button", "select", "textarea", "input", "dialog", "head", "title",
];

/// Elements that start and end a line of text.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "tr", "br", "hr",
    "dt", "dd", "dl", "ul", "ol", "table", "caption", "figcaption", "figure", "section", "article", "main",
    "address", "details", "summary", "body", "center",
];

/// A content root shorter than this share of the whole page's text is not "the article".
const MIN_ROOT_SHARE: f64 = 0.3;
/// …nor one with fewer characters than this, unless the page has no more.
const MIN_ROOT_CHARS: usize = 200;

/// The readable text of a parsed document: its `<article>` or `<main>` when one holds a
/// substantial part of the page's text (so menus, teasers and comments around it are left
/// out), otherwise the whole body.
pub(crate) fn readable_text(doc: &Html) -> String {
    let body = elements(doc).find(|e| e.value().name() == "body").map_or_else(|| doc.tree.root(), |b| *b);
    let whole = text_of(body);
    let whole_len = whole.chars().count();
    let needed = (whole_len as f64 * MIN_ROOT_SHARE).max(MIN_ROOT_CHARS.min(whole_len) as f64);
    let longest = |wanted: fn(&Element) -> bool| {
        elements(doc)
            .filter(|e| wanted(e.value()) && !inside_skipped(e))
            .map(|e| text_of(*e))
            .max_by_key(|t| t.chars().count())
            .filter(|t| !t.is_empty() && t.chars().count() as f64 >= needed)
    };
    longest(|e| e.name() == "article")
        .or_else(|| longest(|e| e.name() == "main" || e.attr("role") == Some("main")))
        .unwrap_or(whole)
}

/// The text of an HTML fragment (for HTML embedded in Markdown).
pub(crate) fn fragment_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    text_of(doc.tree.root())
}

/// Every element of the document, in document order.
pub(crate) fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree.root().descendants().filter_map(ElementRef::wrap)
}

/// Whether an element sits inside one whose content is never page text.
pub(crate) fn inside_skipped(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| is_skipped(a.value(), false))
}

/// Whether an element's content is left out. An article's own `<header>` (its headline and
/// standfirst) is kept; the page's header is chrome.
fn is_skipped(el: &Element, in_article: bool) -> bool {
    let name = el.name();
    if name == "header" && in_article {
        return false;
    }
    SKIPPED.contains(&name) || el.attr("hidden").is_some() || is_display_none(el)
}

fn is_display_none(el: &Element) -> bool {
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The lines of text under `root`, walked without recursion so a deeply nested page cannot
/// exhaust the stack.
fn text_of(root: NodeRef<'_, Node>) -> String {
    let mut lines = Lines::default();
    let mut skipped_depth = 0usize;
    let mut article_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skipped_depth > 0 || is_skipped(el, article_depth > 0) {
                        skipped_depth += 1;
                        continue;
                    }
                    match el.name() {
                        "article" => article_depth += 1,
                        "pre" => lines.pre_depth += 1,
                        _ => {}
                    }
                    if BLOCKS.contains(&el.name()) {
                        lines.end_line();
                    }
                }
                Node::Text(t) if skipped_depth == 0 => lines.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else { continue };
                if skipped_depth > 0 {
                    skipped_depth -= 1;
                    continue;
                }
                match el.name() {
                    "article" => article_depth = article_depth.saturating_sub(1),
                    "pre" => lines.pre_depth = lines.pre_depth.saturating_sub(1),
                    _ => {}
                }
                if BLOCKS.contains(&el.name()) {
                    lines.end_line();
                }
            }
        }
    }
    lines.finish()
}

/// Characters that are invisible in a browser and would only split words in the text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Text gathered into lines, with whitespace collapsed inside a line (except in `<pre>`).
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    pending_space: bool,
    pre_depth: usize,
}

impl Lines {
    fn push_text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.push_preformatted(text);
            return;
        }
        for c in text.chars().filter(|c| !is_invisible(*c)) {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push(c);
        }
    }

    fn push_preformatted(&mut self, text: &str) {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            self.current.extend(part.chars().filter(|c| !is_invisible(*c)));
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        self.end_line();
        self.lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        readable_text(&Html::parse_document(html))
    }

    #[test]
    fn blocks_become_lines_and_whitespace_collapses() {
        let t = text("<body><h1>Head  line</h1><p>One\n   two <b>three</b>&amp;four</p><ul><li>a</li><li>b<br>c</li></ul></body>");
        assert_eq!(t, "Head line\nOne two three&four\na\nb\nc");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(text("<pre>line one\n  line two</pre><p>after</p>"), "line one\nline two\nafter");
    }

    #[test]
    fn code_chrome_and_hidden_elements_never_leak() {
        let t = text(
            "<body><header>Site</header><nav>Menu</nav><script>var x = '<p>no</p>';</script><style>p{}</style>\
             <p hidden>secret</p><p style='display: none'>gone</p><p>Kept&nbsp;text\u{00ad}</p>\
             <template><p>tpl</p></template><svg><text>chart</text></svg><footer>foot</footer></body>",
        );
        assert_eq!(t, "Kept text");
    }

    #[test]
    fn a_substantial_article_is_preferred_to_the_page_around_it() {
        let story = "The council approved the harbour budget on Tuesday after a long debate. ".repeat(4);
        let html = format!(
            "<body><div>Latest headlines from elsewhere</div><article><header><h1>Budget</h1></header>\
             <p>{story}</p><footer>Share this</footer></article><div>Comments: 12</div></body>"
        );
        let t = text(&html);
        assert_eq!(t, format!("Budget\n{}", story.trim()));
    }

    #[test]
    fn a_short_article_teaser_does_not_replace_the_page() {
        let story = "Long body text outside any article element, as many sites still write it. ".repeat(6);
        let html = format!("<body><article><p>Teaser</p></article><div><p>{story}</p></div></body>");
        assert_eq!(text(&html), format!("Teaser\n{}", story.trim()));
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow_the_stack() {
        // html5ever's parse time grows with the square of the depth, so the test stays at a
        // depth far beyond real pages but well inside a second.
        let html = format!("{}deep{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(text(&html), "deep");
    }
}
