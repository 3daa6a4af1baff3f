//! A page's details (title, publisher, author, dates…) from what it declares about itself.
//! Sources are read in order of how deliberately a publisher fills them: JSON-LD (written for
//! search engines, usually exact), then OpenGraph (written for social previews), then plain
//! `<meta>` tags, then the `<title>`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use scraper::{ElementRef, Html};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use url::Url;

use super::html::{elements, fragment_text};

/// What a page says about itself. Every field is optional: pages declare little or much.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PageMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// One name, or several joined with ", ".
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub modified_on: Option<NaiveDate>,
    pub description: Option<String>,
    /// The address the page names as its own, absolute.
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    /// The JSON-LD `@type` the details were read from, like `NewsArticle`.
    pub schema_type: Option<String>,
}

/// JSON-LD types that describe an article, best first.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "Report",
    "TechArticle",
    "SocialMediaPosting",
    "DiscussionForumPosting",
];
/// JSON-LD types that describe a page, used when no article is declared.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "AboutPage"];

/// `<meta>` keys that carry the publication date, best first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "date",
    "pubdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "publish-date",
    "datepublished",
];
/// `<meta>` keys that carry the date of the last change, best first.
const MODIFIED_KEYS: &[&str] =
    &["article:modified_time", "og:updated_time", "dcterms.modified", "last-modified", "datemodified"];

/// Reads a parsed HTML document's details; `page_url` resolves a relative canonical address.
pub(crate) fn html_meta(doc: &Html, page_url: &str) -> PageMeta {
    let tags = Tags::collect(doc);
    let ld = LdDetails::find(&tags.json_ld);
    PageMeta {
        title: title(&tags, &ld),
        publisher: ld.publisher.clone().or_else(|| tags.site_name(&ld)).or_else(|| tags.meta("application-name")),
        author: ld.author.clone().or_else(|| tags.author()),
        published_on: ld.published.or_else(|| tags.first_date(PUBLISHED_KEYS)),
        modified_on: ld.modified.or_else(|| tags.first_date(MODIFIED_KEYS)),
        description: ld
            .description
            .clone()
            .or_else(|| tags.first(&["og:description", "description", "twitter:description"])),
        canonical_url: tags.canonical_url(page_url),
        language: ld.language.clone().or_else(|| tags.language()),
        schema_type: ld.schema_type.clone(),
    }
}

/// The headline, without a trailing " | Site" when "Site" is any name the site goes by.
fn title(tags: &Tags, ld: &LdDetails) -> Option<String> {
    let site_names = [tags.site_name(ld), ld.site_name.clone(), ld.publisher.clone(), tags.meta("application-name")];
    let site_names: Vec<&str> = site_names.iter().flatten().map(String::as_str).collect();
    ld.title
        .clone()
        .or_else(|| tags.first(&["og:title", "twitter:title"]))
        .or_else(|| tags.title.clone())
        .map(|t| strip_site_suffix(&t, &site_names))
}

/// The head's declarations, gathered in one pass over the document.
#[derive(Default)]
struct Tags {
    /// `<meta>` (and `itemprop` elements) by lowercased property / name / itemprop, in order.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    lang: Option<String>,
    title: Option<String>,
    json_ld: Vec<Value>,
}

impl Tags {
    fn collect(doc: &Html) -> Tags {
        let mut tags = Tags::default();
        for el in elements(doc) {
            let e = el.value();
            match e.name() {
                "html" => tags.lang = e.attr("lang").or_else(|| e.attr("xml:lang")).and_then(clean),
                "title" if tags.title.is_none() && !in_svg(&el) => tags.title = clean(&el.text().collect::<String>()),
                "link" if tags.canonical.is_none() && has_token(e.attr("rel"), "canonical") => {
                    tags.canonical = e.attr("href").and_then(clean)
                }
                "meta" => tags.add_meta(&el),
                "script" if is_json_ld(e.attr("type")) => {
                    tags.json_ld.extend(parse_json_ld(&el.text().collect::<String>()));
                }
                _ => {
                    // Microdata dates, often on <time itemprop="datePublished" datetime="…">.
                    if let Some(prop) = e
                        .attr("itemprop")
                        .filter(|p| p.eq_ignore_ascii_case("datePublished") || p.eq_ignore_ascii_case("dateModified"))
                    {
                        let value = e.attr("datetime").or_else(|| e.attr("content")).map(str::to_string);
                        let value = value.unwrap_or_else(|| el.text().collect());
                        tags.push(prop, &value);
                    }
                }
            }
        }
        tags
    }

    fn add_meta(&mut self, el: &ElementRef) {
        let e = el.value();
        let Some(content) = e.attr("content") else { return };
        for key in [e.attr("property"), e.attr("name"), e.attr("itemprop"), e.attr("http-equiv")].into_iter().flatten()
        {
            self.push(key, content);
        }
    }

    fn push(&mut self, key: &str, value: &str) {
        if let Some(value) = clean(value) {
            self.metas.push((key.trim().to_ascii_lowercase(), value));
        }
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn meta(&self, key: &str) -> Option<String> {
        self.all(key).next().map(str::to_string)
    }

    /// The value of the first of `keys` the page declares.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.meta(k))
    }

    fn site_name(&self, ld: &LdDetails) -> Option<String> {
        self.meta("og:site_name").or_else(|| ld.site_name.clone())
    }

    /// Names from `article:author`, else from the plain author tags.
    fn author(&self) -> Option<String> {
        self.og_authors().or_else(|| self.first(&["author", "dc.creator", "byl"]).map(|a| strip_by(&a)))
    }

    fn canonical_url(&self, page_url: &str) -> Option<String> {
        self.canonical.iter().chain(self.meta("og:url").as_ref()).find_map(|href| absolute_web_url(href, page_url))
    }

    fn language(&self) -> Option<String> {
        self.lang
            .clone()
            .or_else(|| self.meta("content-language"))
            .or_else(|| self.meta("og:locale").map(|l| l.replace('_', "-")))
    }

    fn first_date(&self, keys: &[&str]) -> Option<NaiveDate> {
        keys.iter().flat_map(|k| self.all(k)).find_map(parse_date)
    }

    /// `article:author` values that are names: some sites put a profile URL there instead.
    fn og_authors(&self) -> Option<String> {
        let names: Vec<String> = self.all("article:author").filter(|a| !looks_like_url(a)).map(strip_by).collect();
        join_names(names)
    }
}

fn in_svg(el: &ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "svg")
}

fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| a.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

fn is_json_ld(ty: Option<&str>) -> bool {
    ty.is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("application/ld+json"))
}

/// A JSON-LD block, tolerating the comment and CDATA wrappers some CMSs put around it.
fn parse_json_ld(text: &str) -> Option<Value> {
    let mut s = text.trim();
    for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] {
        s = s.strip_prefix(wrapper).unwrap_or(s).trim();
    }
    for wrapper in ["-->", "//]]>", "]]>"] {
        s = s.strip_suffix(wrapper).unwrap_or(s).trim();
    }
    serde_json::from_str(s).ok()
}

/// The details read from the page's JSON-LD.
#[derive(Default)]
struct LdDetails {
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<NaiveDate>,
    modified: Option<NaiveDate>,
    description: Option<String>,
    language: Option<String>,
    schema_type: Option<String>,
    /// The name of a `WebSite` node, a fallback for the publisher's name.
    site_name: Option<String>,
}

impl LdDetails {
    /// Reads the best described node: the first article, else the first web page.
    fn find(blocks: &[Value]) -> LdDetails {
        let mut nodes = Vec::new();
        for block in blocks {
            flatten(block, &mut nodes);
        }
        let by_id: HashMap<&str, &Value> = nodes.iter().filter_map(|n| Some((n.get("@id")?.as_str()?, *n))).collect();
        let graph = Graph { by_id };
        let site_name = nodes.iter().find(|n| type_in(n, &["WebSite"]).is_some()).and_then(|n| graph.name_of(n));
        let chosen = [ARTICLE_TYPES, PAGE_TYPES]
            .iter()
            .find_map(|types| nodes.iter().find_map(|n| type_in(n, types).map(|t| (*n, t))));
        let Some((node, ty)) = chosen else { return LdDetails { site_name, ..LdDetails::default() } };
        let field = |k: &str| node.get(k);
        LdDetails {
            title: field("headline").or_else(|| field("name")).and_then(text_value),
            author: field("author").and_then(|a| graph.names(a)),
            publisher: field("publisher").and_then(|p| graph.names(p)),
            published: field("datePublished").or_else(|| field("dateCreated")).and_then(date_value),
            modified: field("dateModified").and_then(date_value),
            description: field("description").and_then(text_value),
            language: field("inLanguage")
                .and_then(|l| text_value(l).or_else(|| l.get("alternateName")?.as_str().and_then(clean))),
            schema_type: Some(ty.to_string()),
            site_name,
        }
    }
}

/// Every object in a JSON-LD value: arrays, `@graph` and a page's `mainEntity` are opened.
fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out)),
        Value::Object(map) => {
            out.push(v);
            for key in ["@graph", "mainEntity"] {
                if let Some(inner) = map.get(key) {
                    flatten(inner, out);
                }
            }
        }
        _ => {}
    }
}

/// The first of `types` a node declares, by its short name (`schema:NewsArticle` and
/// `https://schema.org/NewsArticle` count as `NewsArticle`).
fn type_in(node: &Value, types: &[&'static str]) -> Option<&'static str> {
    let declared: Vec<&str> = match node.get("@type")? {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let short = |t: &str| t.rsplit(['/', ':', '#']).next().unwrap_or(t).trim().to_string();
    let declared: Vec<String> = declared.into_iter().map(short).collect();
    types.iter().find(|t| declared.iter().any(|d| d == *t)).copied()
}

/// JSON-LD nodes by `@id`, to follow references like `"author": {"@id": "#jane"}`.
struct Graph<'a> {
    by_id: HashMap<&'a str, &'a Value>,
}

impl Graph<'_> {
    /// Names in a string, a person or organisation, a reference, or an array of those.
    fn names(&self, v: &Value) -> Option<String> {
        let names = match v {
            Value::Array(items) => items.iter().filter_map(|i| self.name_of(i)).collect(),
            other => self.name_of(other).into_iter().collect(),
        };
        join_names(names)
    }

    fn name_of(&self, v: &Value) -> Option<String> {
        match v {
            Value::String(s) if !looks_like_url(s) => clean(s).map(|s| strip_by(&s)),
            Value::Object(map) => {
                let named = map.get("name").and_then(text_value);
                named
                    .or_else(|| {
                        let target = self.by_id.get(map.get("@id")?.as_str()?)?;
                        // One step only: a node that refers to itself must not loop.
                        target.get("name").and_then(text_value)
                    })
                    .map(|n| strip_by(&n))
            }
            _ => None,
        }
    }
}

fn text_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().find_map(text_value),
        Value::Object(map) => map.get("@value").and_then(text_value),
        _ => None,
    }
}

fn date_value(v: &Value) -> Option<NaiveDate> {
    text_value(v).as_deref().and_then(parse_date)
}

/// Distinct names joined with ", ".
fn join_names(names: Vec<String>) -> Option<String> {
    let mut unique: Vec<String> = Vec::new();
    for n in names {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(&n)) {
            unique.push(n);
        }
    }
    (!unique.is_empty()).then(|| unique.join(", "))
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with('/')
}

/// "By Jane Doe" → "Jane Doe".
fn strip_by(name: &str) -> String {
    let trimmed = name.trim();
    match trimmed.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => trimmed[3..].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

/// Declared text with entities decoded (some CMSs encode them twice) and whitespace collapsed;
/// `None` when nothing is left.
pub(crate) fn clean(s: &str) -> Option<String> {
    let decoded = if s.contains('&') { fragment_text(s) } else { s.to_string() };
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// "Headline | Site" → "Headline" when "Site" is one of the names the site goes by.
fn strip_site_suffix(title: &str, site_names: &[&str]) -> String {
    for sep in [" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " : "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let is_site = site_names.iter().any(|s| !s.trim().is_empty() && tail.trim().eq_ignore_ascii_case(s.trim()));
            if is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// An absolute http(s) address for `href`, resolved against the page's own address.
fn absolute_web_url(href: &str, page_url: &str) -> Option<String> {
    let url = Url::parse(href).or_else(|_| Url::parse(page_url)?.join(href)).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The calendar date of a declared date, as written (its own time zone, not the reader's).
/// Accepts RFC 3339 and ISO 8601 with or without time and zone, RFC 2822, and the common
/// English forms "February 27, 2024" and "27 February 2024".
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(date) = iso_date_prefix(s) {
        return Some(date);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    let words = s.replace('.', "").split_whitespace().collect::<Vec<_>>().join(" ");
    let formats =
        ["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y", "%A, %B %d, %Y", "%A %B %d, %Y", "%A, %d %B %Y", "%Y/%m/%d"];
    formats.iter().find_map(|f| NaiveDate::parse_from_str(&words, f).ok())
}

/// The date at the start of an ISO 8601 value ("2024-02-27", "2024-02-27T10:00:00+01:00",
/// "2024-02-27 10:00"): the date part is kept, in the zone the value was written in.
fn iso_date_prefix(s: &str) -> Option<NaiveDate> {
    let (date, rest) = (s.get(..10)?, &s[10..]);
    let rest_ok = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
    rest_ok.then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_keep_the_date_as_written() {
        assert_eq!(parse_date("2024-02-27T23:30:00-05:00"), d(2024, 2, 27));
        assert_eq!(parse_date("2024-02-27T10:00:00"), d(2024, 2, 27));
        assert_eq!(parse_date("2024-02-27"), d(2024, 2, 27));
        assert_eq!(parse_date("2024-02-27 10:00"), d(2024, 2, 27));
        assert_eq!(parse_date("February 27, 2024"), d(2024, 2, 27));
        assert_eq!(parse_date("Feb. 7, 2024"), d(2024, 2, 7));
        assert_eq!(parse_date("27 February 2024"), d(2024, 2, 27));
        assert_eq!(parse_date("Tue, 27 Feb 2024 10:00:00 +0000"), d(2024, 2, 27));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-02-27é"), None);
    }

    #[test]
    fn the_site_name_is_cut_from_the_title() {
        let names = ["Harbour Times", "HT Online"];
        assert_eq!(strip_site_suffix("Dredging plan approved | Harbour Times", &names), "Dredging plan approved");
        assert_eq!(strip_site_suffix("Dredging plan approved - harbour times", &names), "Dredging plan approved");
        assert_eq!(strip_site_suffix("Dredging plan approved – HT Online", &names), "Dredging plan approved");
        assert_eq!(strip_site_suffix("Yes - or no", &names), "Yes - or no");
        assert_eq!(strip_site_suffix("A | B", &[]), "A | B");
    }

    #[test]
    fn json_ld_authors_can_be_strings_people_arrays_or_references() {
        let graph: Value = serde_json::json!({"@graph": [
            {"@type": "Person", "@id": "#ana", "name": "Ana Ruiz"},
            {"@type": "NewsArticle", "headline": "H", "author": [{"@id": "#ana"}, {"@type": "Person", "name": "By Tom Bell"}, "Ana Ruiz"],
             "publisher": {"@type": "Organization", "name": "The Courier"}, "datePublished": "2024-03-01T08:00:00Z"}
        ]});
        let ld = LdDetails::find(&[graph]);
        assert_eq!(ld.author.as_deref(), Some("Ana Ruiz, Tom Bell"));
        assert_eq!(ld.publisher.as_deref(), Some("The Courier"));
        assert_eq!(ld.published, d(2024, 3, 1));
        assert_eq!(ld.schema_type.as_deref(), Some("NewsArticle"));
    }

    #[test]
    fn an_article_is_preferred_to_a_web_page_and_types_may_be_prefixed() {
        let blocks = vec![
            serde_json::json!({"@type": "WebPage", "name": "Page"}),
            serde_json::json!([{"@type": ["schema:BlogPosting"], "headline": "Post &amp; more"}]),
        ];
        let ld = LdDetails::find(&blocks);
        assert_eq!(ld.title.as_deref(), Some("Post & more"));
        assert_eq!(ld.schema_type.as_deref(), Some("BlogPosting"));
    }

    #[test]
    fn json_ld_in_comment_wrappers_is_read_and_broken_json_ld_ignored() {
        assert!(parse_json_ld("<!-- {\"@type\": \"Article\"} -->").is_some());
        assert!(parse_json_ld("{\"@type\": ").is_none());
    }
}
