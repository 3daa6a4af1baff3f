//! Reading schema.org ClaimReview markup as fact-checkers publish it: one ClaimReview, an array,
//! an `@graph`, or a `DataFeed` (`dataFeedElement[*].item`, where `item` may be a list), with
//! `@type` as a string or a list. Real feeds bend the standard — ratings as strings or words only,
//! `itemReviewed` without a type, odd dates, names as lists — and this reads what a person would.
//!
//! Reading is pure (no workspace): [`read`] returns every record found, each either a [`Review`]
//! ready to store or the reason nobody could use it. Storing is in `super::apply`.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::loose;
use super::ratings::GivenRating;
use crate::error::{Error, Result};

use crate::model::limits::{MAX_CLAIM_CHARS, MAX_NAME_CHARS};

/// Something in a record that could not be used as given: in a normal import it is left out and
/// said; with `--strict` it refuses the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The field, as the markup names it (`datePublished`, `itemReviewed.datePublished`…).
    pub field: &'static str,
    pub message: String,
}

/// An appearance of the reviewed claim.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seen {
    pub url: String,
    pub outlet: String,
    pub date: Option<NaiveDate>,
    pub first: bool,
}

/// One usable ClaimReview record, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Review {
    pub claim_text: String,
    pub claimant: Option<String>,
    pub claimant_role: Option<String>,
    pub said_on: Option<NaiveDate>,
    pub said_where: String,
    pub appearances: Vec<Seen>,
    pub url: String,
    pub publisher: String,
    pub publisher_url: String,
    pub headline: String,
    pub author: String,
    pub reviewed_on: Option<NaiveDate>,
    pub modified_on: Option<NaiveDate>,
    pub rating: GivenRating,
    pub language: String,
    pub language_guessed: bool,
    /// A UUID in the record's `@id`, `identifier` or address: a Factdesk claim's, for our own exports.
    pub uuid_hint: Option<String>,
    /// The record as published.
    pub raw: String,
    /// Plain-words notes on how it was read (e.g. the rating kept as text).
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
}

/// A record found in the file: where, and what came of reading it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// 1-based, in the order of the file.
    pub position: usize,
    /// Where in the file, e.g. `dataFeedElement[2].item[0]`.
    pub path: String,
    pub read: std::result::Result<Review, Problem>,
}

/// Parses the file and reads every ClaimReview record in it. A file that is not JSON, or is JSON
/// without any ClaimReview, is an error that says where and why; nothing is stored either way.
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Found>> {
    let value = parse_json(bytes, "\"ClaimReview\"", "ClaimReview")?;
    let mut found = Vec::new();
    walk(&value, String::new(), &mut found, 0);
    if found.is_empty() {
        return Err(wrong_kind(&value));
    }
    // Each record is read on its own (fields, dates, the language guess): the records are shared out between the machine's cores, in order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(found.len().div_ceil(RECORDS_A_THREAD));
    let chunk = found.len().div_ceil(threads.max(1));
    let read_all = |from: usize, records: &[(String, &Map<String, Value>)]| -> Vec<Found> {
        records
            .iter()
            .enumerate()
            .map(|(i, (path, m))| Found {
                position: from + i + 1,
                path: if path.is_empty() { "the top level".to_string() } else { path.clone() },
                read: super::file::record_without_nul(m).and_then(|()| read_record(m)),
            })
            .collect()
    };
    if threads <= 1 {
        return Ok(read_all(0, &found));
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = found
            .chunks(chunk)
            .enumerate()
            .map(|(k, records)| scope.spawn(move || read_all(k * chunk, records)))
            .collect();
        let mut out = Vec::with_capacity(found.len());
        for part in parts {
            out.extend(part.join().map_err(|_| Error::Workspace("reading the ClaimReview records failed".into()))?);
        }
        Ok(out)
    })
}

/// Fewer records than this a thread are read on one thread (starting one costs more).
const RECORDS_A_THREAD: usize = 256;

/// The file as JSON, or an error saying where and why it broke (the JSON bundle is read by it too).
pub(crate) use super::file::json as parse_json;

/// Says what the file is instead, for a JSON file without any ClaimReview.
fn wrong_kind(v: &Value) -> Error {
    let what = match v {
        Value::Object(m) if m.contains_key("factdesk_export") => {
            return Error::validation(
                "file",
                "This is a Factdesk JSON export, not ClaimReview markup: import it with `import json`. Nothing was imported.",
            )
        }
        Value::Object(m) => {
            let keys: Vec<&str> = m.keys().take(6).map(String::as_str).collect();
            match types(m).first() {
                Some(t) => format!("a {t} object"),
                None => format!("an object with the fields {}", keys.join(", ")),
            }
        }
        Value::Array(a) => format!("a list of {} item{} without any ClaimReview", a.len(), if a.len() == 1 { "" } else { "s" }),
        _ => "a single value".to_string(),
    };
    Error::validation(
        "file",
        format!(
            "No ClaimReview record in this file (it holds {what}): expected a ClaimReview, a list of them, an @graph \
             or a schema.org DataFeed. Nothing was imported."
        ),
    )
}

/// The `@type` values of an object, without any `schema:` or schema.org prefix.
fn types(m: &Map<String, Value>) -> Vec<String> {
    let strip = |s: &str| {
        s.trim()
            .trim_start_matches("https://schema.org/")
            .trim_start_matches("http://schema.org/")
            .trim_start_matches("schema:")
            .to_string()
    };
    match m.get("@type").or_else(|| m.get("type")) {
        Some(Value::String(s)) => vec![strip(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(strip).collect(),
        _ => Vec::new(),
    }
}

fn is_claim_review(m: &Map<String, Value>) -> bool {
    let t = types(m);
    t.iter().any(|t| t.eq_ignore_ascii_case("ClaimReview")) || (t.is_empty() && m.contains_key("claimReviewed"))
}

/// Collects ClaimReview objects: at the top, in lists, in `@graph`, in a DataFeed's elements and
/// their `item`s, and in the few other places pages put them (`mainEntity`, `review`).
fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Map<String, Value>)>, depth: usize) {
    if depth > 12 {
        return;
    }
    match v {
        Value::Array(a) => {
            for (i, e) in a.iter().enumerate() {
                walk(e, format!("{path}[{i}]"), out, depth + 1);
            }
        }
        Value::Object(m) => {
            if is_claim_review(m) {
                out.push((path, m));
                return;
            }
            for key in ["@graph", "dataFeedElement", "item", "mainEntity", "review", "itemListElement"] {
                if let Some(child) = m.get(key) {
                    let p = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
                    walk(child, p, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

// ---- reading one record ----

/// A field's text: a string, a number, the first text of a list, an object's `name` or `@value`.
fn text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => return a.iter().find_map(|e| text(Some(e))),
        Value::Object(m) => return text(m.get("@value")).or_else(|| text(m.get("name"))),
        _ => return None,
    };
    Some(s).filter(|s| !s.is_empty())
}

/// Every text of a field: a string, or each string of a list.
fn texts(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(|e| text(Some(e))).collect(),
        other => text(other).into_iter().collect(),
    }
}

fn objects(v: Option<&Value>) -> Vec<&Map<String, Value>> {
    match v {
        Some(Value::Object(m)) => vec![m],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

fn clean(s: &str) -> String {
    loose::decode_entities(s).trim().to_string()
}

/// One line: whitespace runs (newlines included) as one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Reader {
    problems: Vec<Problem>,
    notes: Vec<String>,
}

impl Reader {
    fn problem(&mut self, field: &'static str, message: String) {
        self.problems.push(Problem { field, message });
    }

    /// A date field: None when absent; a problem when present but not a date.
    fn date(&mut self, m: &Map<String, Value>, key: &str, field: &'static str) -> Option<NaiveDate> {
        let raw = text(m.get(key))?;
        match loose::date(&raw) {
            Some(d) => Some(d),
            None => {
                self.problem(field, format!("“{raw}” is not a date; it was left out"));
                None
            }
        }
    }

    /// A web address, or "" with a problem when it is something else (`javascript:`, `data:`…).
    fn url(&mut self, raw: Option<String>, field: &'static str) -> String {
        let Some(raw) = raw else { return String::new() };
        match crate::store::validate_url(&raw) {
            Ok(_) => raw.trim().to_string(),
            Err(_) => {
                let shown: String = raw.chars().take(80).collect();
                self.problem(field, format!("“{shown}” is not a web address (http or https); it was left out"));
                String::new()
            }
        }
    }
}

fn read_record(m: &Map<String, Value>) -> std::result::Result<Review, Problem> {
    let raw = serde_json::to_string(m).unwrap_or_default();
    let claim_text = text(m.get("claimReviewed")).map(|t| clean(&t)).unwrap_or_default();
    if claim_text.is_empty() {
        let why = if m.contains_key("claimReviewed") { "claimReviewed is empty" } else { "there is no claimReviewed" };
        return Err(Problem { field: "claimReviewed", message: format!("no claim text ({why})") });
    }
    let n = claim_text.chars().count();
    if n > MAX_CLAIM_CHARS {
        return Err(Problem {
            field: "claimReviewed",
            message: format!("the claim text has {n} characters; a claim is at most {MAX_CLAIM_CHARS}"),
        });
    }
    let mut rd = Reader { problems: Vec::new(), notes: Vec::new() };
    let item = objects(m.get("itemReviewed")).into_iter().next();

    // Who made the claim: itemReviewed.author (a Person, an Organization, a name, a list of names).
    let (mut claimant, mut claimant_role) = (None, None);
    if let Some(item) = item {
        let author = objects(item.get("author")).into_iter().next();
        let names = match author {
            Some(a) => texts(a.get("name")),
            None => texts(item.get("author")),
        };
        let names: Vec<String> = names.iter().map(|n| one_line(&clean(n))).filter(|n| !n.is_empty()).collect();
        if let Some(first) = names.first() {
            if first.chars().count() > MAX_NAME_CHARS {
                rd.problem("itemReviewed.author", format!("the claimant's name is longer than {MAX_NAME_CHARS} characters; it was left out"));
            } else {
                claimant = Some(first.clone());
                let job = author.and_then(|a| text(a.get("jobTitle"))).map(|j| one_line(&clean(&j)));
                // "name": ["Mzwandile Masina", "mayor of Ekurhuleni"]: the rest is the role.
                let rest = names[1..].join(", ");
                claimant_role = job.or_else(|| Some(rest).filter(|r| !r.is_empty()));
            }
        }
    }
    let said_on = item.and_then(|i| rd.date(i, "datePublished", "itemReviewed.datePublished"));
    let said_on = match said_on {
        Some(d) if d > chrono::Utc::now().date_naive() + chrono::Days::new(1) => {
            rd.problem("itemReviewed.datePublished", format!("{d} is in the future; the claim's date was left out"));
            None
        }
        other => other,
    };
    let said_where = item.and_then(|i| text(i.get("name"))).map(|n| one_line(&clean(&n))).unwrap_or_default();

    // Where it appeared: appearance (one or a list), firstAppearance, or the item's own address.
    let mut appearances: Vec<Seen> = Vec::new();
    if let Some(item) = item {
        let first_url = objects(item.get("firstAppearance")).first().and_then(|f| text(f.get("url")));
        let mut works: Vec<(&Map<String, Value>, bool)> =
            objects(item.get("firstAppearance")).into_iter().map(|w| (w, true)).collect();
        works.extend(objects(item.get("appearance")).into_iter().map(|w| (w, false)));
        for (w, first) in works {
            let url = rd.url(text(w.get("url")), "itemReviewed.appearance.url");
            let outlet = text(w.get("name"))
                .or_else(|| objects(w.get("publisher")).first().and_then(|p| text(p.get("name"))))
                .or_else(|| objects(w.get("author")).first().and_then(|p| text(p.get("name"))))
                .map(|o| one_line(&clean(&o)))
                .unwrap_or_default();
            let date = rd.date(w, "datePublished", "itemReviewed.appearance.datePublished");
            push_seen(&mut appearances, Seen { url, outlet, date, first });
        }
        // Plain addresses: "appearance": ["https://…"].
        let plain: Vec<String> = match item.get("appearance") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a.iter().filter_map(|e| e.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        };
        for s in plain {
            let url = rd.url(Some(s.trim().to_string()).filter(|s| !s.is_empty()), "itemReviewed.appearance");
            push_seen(&mut appearances, Seen { url, outlet: String::new(), date: None, first: false });
        }
        let item_url = text(item.get("url"));
        if item_url.is_some() {
            let url = rd.url(item_url, "itemReviewed.url");
            let first = first_url.is_none() && appearances.is_empty();
            push_seen(&mut appearances, Seen { url, outlet: said_where.clone(), date: said_on, first });
        }
        if let Some(fu) = first_url {
            for a in &mut appearances {
                a.first = a.url == fu.trim();
            }
        }
    }
    if !appearances.is_empty() && !appearances.iter().any(|a| a.first) {
        appearances[0].first = true;
    }
    while appearances.iter().filter(|a| a.first).count() > 1 {
        if let Some(a) = appearances.iter_mut().rev().find(|a| a.first) {
            a.first = false;
        }
    }

    // The review: its address, publisher, writer, headline and dates.
    let url = rd.url(text(m.get("url")), "url");
    let authors = objects(m.get("author"));
    let is_person = |a: &Map<String, Value>| {
        types(a).iter().any(|t| t == "Person")
            || text(a.get("url")).is_some_and(|u| ["/author/", "/authors/", "/people/", "/staff/", "/profile/", "/team/"].iter().any(|p| u.contains(p)))
    };
    let publisher_obj = objects(m.get("publisher")).into_iter().find(|p| text(p.get("name")).is_some());
    let org = authors.iter().copied().find(|a| !is_person(a) && text(a.get("name")).is_some());
    let person = authors.iter().copied().find(|a| is_person(a));
    let (publisher, publisher_url) = match publisher_obj.or(org) {
        Some(p) => (text(p.get("name")).map(|n| one_line(&clean(&n))).unwrap_or_default(), text(p.get("url")).unwrap_or_default()),
        None => {
            let host = url::Url::parse(&url).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()));
            match host {
                Some(h) => {
                    rd.notes.push(format!("the publisher is not named; the review's site ({h}) stands for it"));
                    (h.clone(), format!("https://{h}/"))
                }
                None => (String::new(), String::new()),
            }
        }
    };
    let publisher_url = rd.url(Some(publisher_url).filter(|u| !u.is_empty()), "author.url");
    let author = person.and_then(|p| text(p.get("name"))).map(|n| one_line(&clean(&n))).unwrap_or_default();
    let headline = text(m.get("name")).or_else(|| text(m.get("headline"))).map(|h| one_line(&clean(&h))).unwrap_or_default();
    let reviewed_on = rd.date(m, "datePublished", "datePublished");
    let modified_on = rd.date(m, "dateModified", "dateModified");

    // The rating as published; a list of ratings: the first.
    let r = objects(m.get("reviewRating")).into_iter().next();
    let rating = match r {
        Some(r) => GivenRating {
            text: text(r.get("alternateName"))
                .or_else(|| text(r.get("name")))
                .or_else(|| text(r.get("ratingExplanation")))
                .map(|t| one_line(&clean(&t)))
                .unwrap_or_default(),
            value: text(r.get("ratingValue")),
            best: text(r.get("bestRating")),
            worst: text(r.get("worstRating")),
        },
        None => GivenRating { text: text(m.get("reviewRating")).map(|t| one_line(&clean(&t))).unwrap_or_default(), ..GivenRating::default() },
    };
    if rating.text.is_empty() && rating.value.is_none() {
        rd.notes.push("the record has no rating".to_string());
    }

    // Its language: inLanguage of the review or of the claim, else guessed from the text.
    let given_lang = [m.get("inLanguage"), item.and_then(|i| i.get("inLanguage"))]
        .into_iter()
        .flatten()
        .find_map(|v| {
            let o = objects(Some(v));
            let raw = o.first().and_then(|o| text(o.get("alternateName")).or_else(|| text(o.get("name")))).or_else(|| text(Some(v)))?;
            loose::language_code(&raw)
        });
    let (language, language_guessed) = match given_lang {
        Some(l) => (l, false),
        None => {
            let description = text(m.get("description")).unwrap_or_default();
            let sample = format!("{claim_text} {headline} {description}");
            match loose::guess_language(&sample) {
                Some(l) => (l.to_string(), true),
                None => (String::new(), false),
            }
        }
    };

    let uuid_hint = [text(m.get("@id")), text(m.get("identifier")), Some(url.clone())]
        .into_iter()
        .flatten()
        .find_map(|s| loose::uuid_in(&s));

    Ok(Review {
        claim_text,
        claimant,
        claimant_role,
        said_on,
        said_where,
        appearances,
        url,
        publisher,
        publisher_url,
        headline,
        author,
        reviewed_on,
        modified_on,
        rating,
        language,
        language_guessed,
        uuid_hint,
        raw,
        notes: rd.notes,
        problems: rd.problems,
    })
}

/// Adds an appearance unless it is empty or already there (by address, else by outlet).
fn push_seen(list: &mut Vec<Seen>, s: Seen) {
    if s.url.is_empty() && s.outlet.is_empty() {
        return;
    }
    let dup = list.iter_mut().find(|a| if s.url.is_empty() { a.url.is_empty() && a.outlet == s.outlet } else { a.url == s.url });
    match dup {
        Some(a) => {
            a.first |= s.first;
            if a.outlet.is_empty() {
                a.outlet = s.outlet;
            }
            if a.date.is_none() {
                a.date = s.date;
            }
        }
        None => list.push(s),
    }
}

impl Review {
    /// What identifies the review on a later import: its address, else publisher, claim and date.
    pub(crate) fn match_key(&self) -> String {
        if let Ok(k) = crate::store::url_key(&self.url) {
            return format!("url:{k}");
        }
        let date = self.reviewed_on.map(|d| d.to_string()).unwrap_or_default();
        let fp = crate::web::sha256_hex(format!("{}\u{1f}{}\u{1f}{date}", loose::fold(&self.publisher), loose::fold(&self.claim_text)).as_bytes());
        format!("fp:{}", &fp[..32])
    }

    /// The claim's wording folded, shared by reviews of the same claim.
    pub(crate) fn claim_key(&self) -> String {
        loose::fold(&self.claim_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Review {
        let found = read(json.as_bytes()).unwrap();
        assert_eq!(found.len(), 1);
        found.into_iter().next().unwrap().read.unwrap()
    }

    #[test]
    fn shapes_and_types() {
        let rec = r#"{"@type": ["CreativeWork", "schema:ClaimReview"], "claimReviewed": "x"}"#;
        assert_eq!(read(rec.as_bytes()).unwrap().len(), 1);
        let feed = format!(r#"{{"@type":"DataFeed","dataFeedElement":[{{"@type":"DataFeedItem","item":[{rec},{rec}]}},{{"item":{rec}}}]}}"#);
        let found = read(feed.as_bytes()).unwrap();
        assert_eq!(found.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), [
            "dataFeedElement[0].item[0]",
            "dataFeedElement[0].item[1]",
            "dataFeedElement[1].item"
        ]);
        let graph = format!(r#"{{"@context":"https://schema.org","@graph":[{{"@type":"WebPage"}},{rec}]}}"#);
        assert_eq!(read(graph.as_bytes()).unwrap()[0].path, "@graph[1]");
        let untyped = r#"[{"claimReviewed": "a"}, {"claimReviewed": ""}]"#;
        let found = read(untyped.as_bytes()).unwrap();
        assert!(found[0].read.is_ok());
        assert_eq!(found[1].read.as_ref().unwrap_err().field, "claimReviewed");
    }

    #[test]
    fn wrong_kinds_and_broken_files() {
        let e = read(br#"{"name": "a recipe", "ingredients": []}"#).unwrap_err().to_string();
        assert!(e.contains("No ClaimReview record") && e.contains("ingredients, name"), "{e}");
        let e = read(br#"{"factdesk_export": 1, "claims": []}"#).unwrap_err().to_string();
        assert!(e.contains("import json"), "{e}");
        let e = read(b"[{\"@type\": \"ClaimReview\", \"claimReviewed\": \"a\"}, {\"@type\": \"ClaimReview\", \"claimRev").unwrap_err().to_string();
        assert!(e.contains("record 2") && e.contains("line 1"), "{e}");
        assert!(read(b"   ").unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn bent_records_are_read_as_a_person_would() {
        let r = one(
            r#"{"@type":"ClaimReview","claimReviewed":" Quotes &quot;x&quot; ","url":"https://fc.example/a",
                "author":[{"@type":"Person","name":"Ann Writer"},{"@type":"Organization","name":"FC Desk","url":"https://fc.example/"}],
                "datePublished":"2020-06-24 00:03",
                "reviewRating":{"ratingValue":"1","bestRating":"5","alternateName":"False"},
                "itemReviewed":{"author":{"name":["Jane Mayor","mayor of Town"]},"datePublished":"2020-06-22T12:26:08+5:30",
                   "appearance":[{"url":"https://social.example/p/1"},{"url":"javascript:alert(1)","name":"A post"}],
                   "firstAppearance":{"@type":"CreativeWork","url":"https://social.example/p/1"}}}"#,
        );
        assert_eq!(r.claim_text, "Quotes \"x\"");
        assert_eq!((r.claimant.as_deref(), r.claimant_role.as_deref()), (Some("Jane Mayor"), Some("mayor of Town")));
        assert_eq!(r.said_on, NaiveDate::from_ymd_opt(2020, 6, 22));
        assert_eq!(r.reviewed_on, NaiveDate::from_ymd_opt(2020, 6, 24));
        assert_eq!((r.publisher.as_str(), r.author.as_str()), ("FC Desk", "Ann Writer"));
        assert_eq!(r.rating.value.as_deref(), Some("1"));
        assert_eq!(r.appearances.len(), 2);
        assert!(r.appearances[0].first && r.appearances[0].url == "https://social.example/p/1");
        assert_eq!((r.appearances[1].url.as_str(), r.appearances[1].outlet.as_str()), ("", "A post"));
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].field, "itemReviewed.appearance.url");
    }
}
