//! Markdown to readable text: the prose as written, one paragraph per line, without the marks
//! that only format it (heading hashes, emphasis, link targets, images).

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::html::{fragment_text, is_invisible};
use super::meta::{clean, parse_date, PageMeta};

/// The readable text of a Markdown document and the details it declares: a YAML front matter
/// (`title`, `author`, `date`, `description`) and otherwise its first top-level heading as title.
pub(crate) fn markdown_text(source: &str) -> (String, PageMeta) {
    let mut out = Output::default();
    let mut front_matter = String::new();
    let mut html_block = String::new();
    let (mut in_image, mut in_metadata, mut in_html, mut in_title) = (0usize, false, false, false);
    let mut first_heading = String::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;

    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => front_matter.push_str(&t),
            Event::Start(Tag::HtmlBlock) => in_html = true,
            Event::Html(h) if in_html => html_block.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                in_html = false;
                out.end_line();
                out.push(&fragment_text(&std::mem::take(&mut html_block)));
                out.end_line();
            }
            Event::Start(Tag::Heading { level: pulldown_cmark::HeadingLevel::H1, .. }) if first_heading.is_empty() => {
                in_title = true;
                out.end_line();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_title = false;
                out.end_line();
            }
            Event::Start(tag) if starts_line(&tag) => out.end_line(),
            Event::End(tag) if ends_line(&tag) => out.end_line(),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if in_title {
                    first_heading.push_str(&t);
                }
                out.push(&t);
            }
            Event::SoftBreak => out.push(" "),
            Event::HardBreak | Event::Rule => out.end_line(),
            // Inline HTML is tags only: the words between them arrive as text.
            _ => {}
        }
    }
    let mut meta = front_matter_meta(&front_matter);
    if meta.title.is_none() {
        meta.title = clean(&first_heading);
    }
    (out.finish(), meta)
}

fn starts_line(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::TableRow
            | Tag::TableHead
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn ends_line(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// The simple `key: value` lines of a YAML front matter that name the document's details.
fn front_matter_meta(yaml: &str) -> PageMeta {
    let mut meta = PageMeta::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().trim_matches(['"', '\'']);
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = clean(value),
            "author" | "authors" | "byline" => meta.author = clean(value.trim_matches(['[', ']'])),
            "publisher" | "source" | "site" => meta.publisher = clean(value),
            "date" | "published" | "published_on" | "pubdate" => meta.published_on = parse_date(value),
            "modified" | "updated" | "lastmod" => meta.modified_on = parse_date(value),
            "description" | "summary" => meta.description = clean(value),
            "lang" | "language" => meta.language = clean(value),
            _ => {}
        }
    }
    meta
}

/// Lines of text; code blocks keep their own line breaks.
#[derive(Default)]
struct Output {
    lines: Vec<String>,
    current: String,
}

impl Output {
    fn push(&mut self, text: &str) {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            self.current.extend(part.chars().filter(|c| !is_invisible(*c)));
        }
    }

    fn end_line(&mut self) {
        let line = self.current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.end_line();
        self.lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_dropped_and_prose_kept() {
        let md =
            "# The *harbour* budget\n\nThe council **approved** [the plan](https://x.test/plan)\nafter a debate.\n\n\
                  ![A chart](chart.png)\n\n- first point\n- second `point`\n\n> A quote.\n";
        let (text, meta) = markdown_text(md);
        assert_eq!(
            text,
            "The harbour budget\nThe council approved the plan after a debate.\nfirst point\nsecond point\nA quote."
        );
        assert_eq!(meta.title.as_deref(), Some("The harbour budget"));
    }

    #[test]
    fn front_matter_gives_details_and_is_not_text() {
        let md = "---\ntitle: \"Port report\"\nauthor: Ana Ruiz\ndate: 2024-02-27\n---\n\nBody text.\n";
        let (text, meta) = markdown_text(md);
        assert_eq!(text, "Body text.");
        assert_eq!(meta.title.as_deref(), Some("Port report"));
        assert_eq!(meta.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(meta.published_on, chrono::NaiveDate::from_ymd_opt(2024, 2, 27));
    }

    #[test]
    fn html_blocks_keep_their_words_only() {
        let (text, _) = markdown_text("Intro.\n\n<div class=\"note\">\n<p>Boxed <em>words</em></p>\n</div>\n\nEnd.");
        assert_eq!(text, "Intro.\nBoxed words\nEnd.");
    }
}
