//! schema.org ClaimReview JSON-LD, the markup fact-checkers publish with an article so that search
//! engines and fact-check aggregators can show the verdict beside the claim.
//!
//! Following Google's fact-check markup guidelines: one ClaimReview per published fact-check, with
//! `claimReviewed` (the claim only, never the rating), `reviewRating` whose `alternateName` is the
//! rating in words and whose `ratingValue` sits between `worstRating` and `bestRating`, with the
//! verdict's rationale as its `ratingExplanation`; `url` (the page of the fact-check, required:
//! where the desk published this claim's fact-check, else the desk's publication address pattern);
//! the review's `author` (required): the desk's organisation, with its `url` and `logo`, never the
//! checker who typed the verdict; `datePublished`; and `itemReviewed` as a `Claim` with its
//! `author`, `datePublished`, `appearance` and `firstAppearance`. `identifier` is the claim's UUID,
//! so that the desk's own markup imported back is known as the desk's claim whatever its `url`.
//!
//! Claims that are not published (or have no verdict) get no ClaimReview: the markup says a
//! fact-check was published, and a draft verdict is not one. What was left out, a missing `url` and
//! a missing author are reported as warnings.
//!
//! The output is meant to be pasted into a `<script type="application/ld+json">` element, so `<`,
//! `>` and `&` inside strings are written as `\u003c`, `\u003e`, `\u0026`: a claim containing
//! `</script>` cannot close the element. The JSON value is unchanged.

use serde_json::{json, Map, Value};

use super::data::{AppearanceReport, ClaimReport, ClaimantReport, Collection, RatingReport, VerdictReport};
use super::text::{one_line, safe_url};
use crate::error::{Error, Result};
use crate::model::ClaimStatus;

/// Google advises keeping `claimReviewed` under this many characters.
const CLAIM_REVIEWED_ADVISED_CHARS: usize = 75;

/// The markup and what the checker should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub json: Vec<u8>,
    pub warnings: Vec<String>,
}

fn publishable(c: &ClaimReport) -> Option<&VerdictReport> {
    c.verdict.as_ref().filter(|_| reviewable(c.status, true))
}

/// One ClaimReview (an object) for a single claim, an array of them for a collection.
pub fn render(c: &Collection) -> Result<Rendered> {
    let eligible: Vec<(&ClaimReport, &VerdictReport)> =
        c.claims.iter().filter_map(|claim| publishable(claim).map(|v| (claim, v))).collect();
    if eligible.is_empty() {
        return Err(nothing_published(c));
    }
    let mut warnings = Vec::new();
    let skipped = c.claims.len() - eligible.len();
    if skipped > 0 {
        warnings.push(format!(
            "{skipped} of {} claims are left out: ClaimReview markup is only for a published fact-check with a verdict.",
            c.claims.len()
        ));
    }
    let per_claim = |claim: &ClaimReport| c.published_urls.get(&claim.uuid).and_then(|u| safe_url(u));
    let base = if eligible.iter().all(|(claim, _)| per_claim(claim).is_some()) {
        None
    } else {
        publication_base(c.publication_url.as_deref(), &mut warnings)
    };
    let author = organisation(c, &mut warnings);
    let long = eligible.iter().filter(|(claim, _)| one_line(&claim.text).chars().count() > CLAIM_REVIEWED_ADVISED_CHARS).count();
    if long > 0 {
        warnings.push(format!(
            "{long} claim{} longer than {CLAIM_REVIEWED_ADVISED_CHARS} characters; Google advises a shorter claimReviewed, which search results show in full.",
            if long == 1 { " is" } else { "s are" }
        ));
    }
    let reviews: Vec<Value> = eligible
        .iter()
        .map(|(claim, v)| {
            let url = per_claim(claim).or_else(|| base.as_deref().and_then(|b| review_url(b, &claim.uuid)));
            review(claim, v, author.as_ref(), url)
        })
        .collect();
    let value = if c.single && reviews.len() == 1 { reviews.into_iter().next().unwrap_or(Value::Null) } else { Value::Array(reviews) };
    let text = serde_json::to_string_pretty(&value).map_err(|e| Error::io("could not write the ClaimReview markup", e.into()))?;
    let mut json = script_safe(&text).into_bytes();
    json.push(b'\n');
    Ok(Rendered { json, warnings })
}

fn nothing_published(c: &Collection) -> Error {
    match (c.single, c.claims.first()) {
        (true, Some(claim)) => refusal_of_claim(claim.status, claim.verdict.is_some()),
        _ => refusal_of_list(c.claims.len()),
    }
}

/// Why one claim has no ClaimReview (its status, whether it has a current verdict): the same words
/// whether the export is refused before the file is chosen or, as the last guard, when it is made.
pub(crate) fn refusal_of_claim(status: ClaimStatus, has_verdict: bool) -> Error {
    if !has_verdict {
        return Error::validation(
            "format",
            "This claim has no verdict yet, so there is no fact-check to mark up. Export it as Markdown, HTML or JSON instead.",
        );
    }
    Error::validation(
        "format",
        format!(
            "This claim is {}, not published: ClaimReview markup is for a published fact-check. Export it as Markdown, HTML or JSON instead.",
            status.as_str().replace('_', " ")
        ),
    )
}

/// Why a list of `n` claims has no ClaimReview.
pub(crate) fn refusal_of_list(n: usize) -> Error {
    Error::validation("format", format!("None of the {n} selected claims is published with a verdict, so there is no ClaimReview to write."))
}

/// Whether a claim with this status and verdict gets a ClaimReview.
pub(crate) fn reviewable(status: ClaimStatus, has_verdict: bool) -> bool {
    has_verdict && matches!(status, ClaimStatus::Published | ClaimStatus::Corrected)
}

/// The review's author: the desk's organisation with its home page and logo, or None (with a
/// warning) when the desk has not named it.
fn organisation(c: &Collection, warnings: &mut Vec<String>) -> Option<Value> {
    let Some(name) = c.desk.as_deref().map(one_line).filter(|d| !d.is_empty()) else {
        warnings.push(
            "No organisation is named, so the ClaimReview records have no author, which Google requires: \
             name your desk's organisation (Settings → Publishing, or --desk-name)."
                .to_string(),
        );
        return None;
    };
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(name));
    let mut address = |raw: Option<&str>, what: &str| -> Option<String> {
        let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
        let url = safe_url(raw);
        if url.is_none() {
            warnings.push(format!("The organisation's {what} “{raw}” is not an http(s) address, so it is left out."));
        }
        url
    };
    if let Some(url) = address(c.desk_url.as_deref(), "web address") {
        org.insert("url".into(), json!(url));
    }
    if let Some(logo) = address(c.desk_logo.as_deref(), "logo address") {
        org.insert("logo".into(), json!({ "@type": "ImageObject", "url": logo }));
    }
    Some(Value::Object(org))
}

/// The publication address as a template, or None (with a warning) when it is missing or unusable.
fn publication_base(configured: Option<&str>, warnings: &mut Vec<String>) -> Option<String> {
    let Some(raw) = configured.map(str::trim).filter(|s| !s.is_empty()) else {
        warnings.push(
            "No publication address is set, so the ClaimReview records of claims without a “Published at” address have no url, \
             which Google requires: give each claim the address its fact-check was published at, or set the address your \
             fact-checks are published under (Settings → Publishing, or --base-url)."
                .to_string(),
        );
        return None;
    };
    let probe = raw.replace("{uuid}", "00000000-0000-0000-0000-000000000000");
    if safe_url(&probe).is_none() {
        warnings.push(format!("The publication address “{raw}” is not an http(s) address, so the ClaimReview records have no url."));
        return None;
    }
    Some(raw.to_string())
}

/// The fact-check's address: `{uuid}` replaced in a template, else the UUID appended to the base.
pub fn review_url(base: &str, uuid: &str) -> Option<String> {
    let url = if base.contains("{uuid}") {
        base.replace("{uuid}", uuid)
    } else {
        format!("{}/{uuid}", base.trim_end_matches('/'))
    };
    safe_url(&url)
}

fn review(c: &ClaimReport, v: &VerdictReport, author: Option<&Value>, url: Option<String>) -> Value {
    let mut r = Map::new();
    r.insert("@context".into(), json!("https://schema.org"));
    r.insert("@type".into(), json!("ClaimReview"));
    r.insert("identifier".into(), json!(c.uuid));
    r.insert("claimReviewed".into(), json!(one_line(&c.text)));
    if !c.summary.trim().is_empty() {
        r.insert("name".into(), json!(one_line(&c.summary)));
    }
    r.insert("reviewRating".into(), review_rating(&v.rating, &v.rationale));
    r.insert("itemReviewed".into(), claim_item(c));
    if let Some(author) = author {
        r.insert("author".into(), author.clone());
    }
    let published = c.published_on.unwrap_or_else(|| v.recorded_at.date_naive());
    r.insert("datePublished".into(), json!(published.to_string()));
    if let Some(latest) = c.corrections.iter().map(|k| k.at.date_naive()).max().filter(|d| *d > published) {
        r.insert("dateModified".into(), json!(latest.to_string()));
    }
    if let Some(url) = url {
        r.insert("url".into(), json!(url));
    }
    Value::Object(r)
}

fn claim_item(c: &ClaimReport) -> Value {
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(who) = &c.claimant {
        item.insert("author".into(), claimant(who));
    }
    if let Some(d) = c.said_on {
        item.insert("datePublished".into(), json!(d.to_string()));
    }
    let appearances: Vec<Value> = c.appearances.iter().filter_map(creative_work).collect();
    if !appearances.is_empty() {
        item.insert("appearance".into(), Value::Array(appearances));
    }
    if let Some(first) = c.appearances.iter().find(|a| a.is_first).and_then(creative_work) {
        item.insert("firstAppearance".into(), first);
    }
    let lang = c.language.trim();
    if !lang.is_empty() {
        item.insert("inLanguage".into(), json!(lang));
    }
    Value::Object(item)
}

/// Where the claim appeared, as a CreativeWork; None when it has neither a web address nor a name,
/// or is held by a confidential source (published markup has no use for "a confidential source").
fn creative_work(a: &AppearanceReport) -> Option<Value> {
    if a.confidential {
        return None;
    }
    let mut w = Map::new();
    w.insert("@type".into(), json!("CreativeWork"));
    let url = safe_url(&a.url);
    let outlet = one_line(&a.outlet);
    if url.is_none() && outlet.is_empty() {
        return None;
    }
    if let Some(u) = url {
        w.insert("url".into(), json!(u));
    }
    if !outlet.is_empty() {
        w.insert("name".into(), json!(outlet));
    }
    if let Some(d) = a.appeared_on {
        w.insert("datePublished".into(), json!(d.to_string()));
    }
    Some(Value::Object(w))
}

/// The claimant as a Person (with `jobTitle` and `affiliation`) or an Organization.
fn claimant(who: &ClaimantReport) -> Value {
    let role = who.role.as_deref().map(one_line).filter(|r| !r.is_empty());
    if role.as_deref().is_some_and(names_an_organisation) {
        return json!({ "@type": "Organization", "name": one_line(&who.name) });
    }
    let mut p = Map::new();
    p.insert("@type".into(), json!("Person"));
    p.insert("name".into(), json!(one_line(&who.name)));
    if let Some(r) = role {
        p.insert("jobTitle".into(), json!(r));
    }
    if let Some(a) = who.affiliation.as_deref().map(one_line).filter(|a| !a.is_empty()) {
        p.insert("affiliation".into(), json!({ "@type": "Organization", "name": a }));
    }
    Value::Object(p)
}

/// Whether a claimant's role says it is an organisation ("News outlet", "Ministry of Health",
/// "Political party") rather than a person's job ("Department spokesperson", "President of
/// France"). The claimant record has no such field yet, so the role's head noun decides: the last
/// word before any "of".
fn names_an_organisation(role: &str) -> bool {
    const ORGANISATIONS: &[&str] = &[
        "outlet", "newspaper", "broadcaster", "magazine", "channel", "website", "agency", "ministry", "department",
        "government", "party", "company", "corporation", "organisation", "organization", "group", "association",
        "union", "council", "committee", "campaign", "institute", "foundation", "office", "network", "publisher",
        "ngo", "charity", "university", "bank", "authority", "commission",
    ];
    let lower = role.to_lowercase();
    let head = lower.split(" of ").next().unwrap_or("");
    head.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).is_some_and(|w| ORGANISATIONS.contains(&w))
}

/// JSON text that can sit inside an HTML `<script>` element: `<`, `>`, `&` and the JavaScript
/// line separators are written as escapes. They only occur inside strings, where the escape means
/// the same character.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `reviewRating`: the numbers where the scale has them (a rating such as "Unproven" has none),
/// always the rating in words, and the verdict's rationale as `ratingExplanation` (one line).
fn review_rating(r: &RatingReport, rationale: &str) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("Rating"));
    if let (Some(value), Some(best), Some(worst)) = (r.value, r.best, r.worst) {
        m.insert("ratingValue".into(), json!(value));
        m.insert("bestRating".into(), json!(best));
        m.insert("worstRating".into(), json!(worst));
    }
    let name = if r.alternate_name.trim().is_empty() { &r.label } else { &r.alternate_name };
    m.insert("alternateName".into(), json!(one_line(name)));
    let why = one_line(rationale);
    if !why.is_empty() {
        m.insert("ratingExplanation".into(), json!(why));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_are_told_from_people_by_the_roles_head_noun() {
        assert!(names_an_organisation("News outlet"));
        assert!(names_an_organisation("Ministry of Health"));
        assert!(names_an_organisation("Political party"));
        assert!(!names_an_organisation("Department spokesperson"));
        assert!(!names_an_organisation("President of France"));
        assert!(!names_an_organisation("Pentagon Press Secretary"));
    }

    #[test]
    fn review_urls_from_a_base_or_a_template() {
        assert_eq!(review_url("https://desk.example/checks/", "u1").as_deref(), Some("https://desk.example/checks/u1"));
        assert_eq!(review_url("https://desk.example/c?id={uuid}", "u1").as_deref(), Some("https://desk.example/c?id=u1"));
        assert_eq!(review_url("javascript:alert(1)//", "u1"), None);
    }

    #[test]
    fn json_cannot_close_a_script_element() {
        let s = script_safe(&serde_json::to_string(&json!({"t": "</script><b>&"})).unwrap_or_default());
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back["t"], "</script><b>&");
    }
}
