//! PDF: the report an editor receives, typeset by [typst](https://typst.app) used as a library.
//!
//! # How untrusted text gets in
//! The typst document is the fixed template `pdf/report.typ` (compiled into the binary); no report
//! text is ever pasted into typst source. This module turns the [`Collection`] into a small JSON
//! *view* (display-ready strings: labels, dates in words, paragraphs split into lines) and hands it
//! to typst as bytes in `sys.inputs.data`; the template decodes it with `json(..)` and shows every
//! piece as a typst string, which is set as plain text and never parsed as markup or code. So
//! `#`, `[`, `$`, `*`, `_`, `\`, `<script>` and the like print exactly as typed. Only addresses that
//! [`safe_url`] accepts (http and https) are put in the `url` fields the template makes links from;
//! any other address (`javascript:`, `data:`, …) is shown as plain text. Rating colours are passed
//! only when they are plain `#rgb`/`#rrggbb` hex, and a claim's language only when it is an ISO 639
//! code typst knows how to read, so nothing from the data can make the template fail either.
//!
//! # Fonts
//! Latin, Greek, Cyrillic and Hebrew are set in fonts compiled into the binary from the
//! `typst-assets` crate (feature `fonts`), and typst embeds the subset it uses in the PDF; a report
//! in those scripts looks up no system font, so it comes out the same on every machine:
//! - **Libertinus Serif** (regular, italic, bold, semibold; SIL Open Font License 1.1): the text.
//!   Latin with accents, Greek and Cyrillic (also Hebrew).
//! - **New Computer Modern** and **New Computer Modern Math** (GUST Font License, a free licence
//!   that allows embedding and redistribution): fallback for symbols Libertinus lacks, and for
//!   Devanagari (the Math font has it; simple Hindi is set, complex conjuncts may look plain).
//! - **DejaVu Sans Mono** (Bitstream Vera licence with DejaVu's public-domain changes: free to embed
//!   and redistribute): addresses and SHA-256 hashes; also the fallback for Armenian, Georgian and
//!   some Arabic.
//!
//! The licence texts ship with `typst-assets` (its `NOTICE` file). None of these fonts covers
//! Chinese, Japanese or Korean (a CJK font would add 10–20 MB to the binary), nor Thai, and their
//! Arabic (monospaced) and Devanagari (a math font's) read badly. For letters the text fonts lack,
//! the computer's installed fonts are used (`pdf/fonts.rs`): one proportional family a script,
//! after the bundled ones in the template's font list, embedded as a subset like them. Letters no
//! font on the computer has come out as empty boxes (the report is still written, nothing fails),
//! and [`render`] returns a warning naming the script and the package to install, so the checker
//! can install it or send the HTML report instead, which uses the reader's own fonts.
//!
//! # Right to left
//! A paragraph whose first letter is Arabic or Hebrew (or another right-to-left script) is set
//! right to left, whatever the claim's language says, as the window's `dir="auto"` does; typst
//! orders the words of mixed lines by the Unicode bidirectional algorithm.
//!
//! # Determinism
//! The same data gives the same bytes on the same computer: no clock (typst's `today` is
//! unavailable), a document identifier hashed from the title, and no system fonts unless a script
//! needs them. When the collection has no `generated_at`, the PDF carries no creation date at all;
//! otherwise its creation date is `generated_at`.
//!
//! # Long reports
//! typst lays out a whole document in memory, and keeps what it laid out for the next compilation:
//! about 150 KB a claim for the pages alone, 3 GB at the peak for 10,000 claims (issue 15). A report
//! of more than [`CLAIMS_PER_PART`] claims is therefore typeset in parts of that many claims, two
//! at a time on two threads, typst's memory given back after each pair, and the parts are joined
//! into one file as they come (`pdf/merge.rs`): one page tree, one outline, one tagged structure.
//! Only the page numbers ("3 / 120") cannot be typeset in a part, which does not know how many
//! pages the others have: the parts leave them out, and once every part is laid out, overlays
//! holding nothing but the numbers are typeset from the same template and stamped on the pages.
//! Every claim of a collection starts a new page anyway, so the joined report is laid out exactly
//! as one typst run lays it out (`tests/report_pdf_parts.rs` compares them). Doing without the page
//! count also spares typst the second layout pass that the numbers need.

mod fonts;
mod merge;

pub use fonts::system_family_for;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, Timelike};
use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Array, Bytes, Datetime, Dict, Smart, Value};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use super::data::*;
use super::markdown::heading_of;
use super::text::{capitalize, excerpt_check_label, fmt_time, one_line, paragraphs, safe_url, stance_label, status_label};
use crate::error::{Error, Result};
use crate::model::{CorrectionKind, Reliability, Stance};

/// The typst template; see the module documentation.
const TEMPLATE: &str = include_str!("pdf/report.typ");

/// The typst world of one report: the template, the standard library with the data as
/// `sys.inputs`, and the fonts (the bundled ones, and the installed ones its scripts need: see
/// `pdf/fonts.rs`). No files, no packages, no clock.
struct ReportWorld {
    library: LazyHash<Library>,
    main: Source,
    fonts: Arc<fonts::FontSet>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Claims per part of a long report (see the module documentation): typst's memory stays at a few
/// hundred MB at most, whatever the report's length, and most reports are one part.
pub const CLAIMS_PER_PART: usize = 250;

/// Parts typeset at the same time, each on its own thread.
const PARTS_AT_ONCE: usize = 2;

/// Page numbers per overlay (see the module documentation).
const NUMBERS_PER_OVERLAY: usize = 2_000;

/// The collection as a PDF, with plain-words warnings (characters no font on the computer has).
pub fn render(c: &Collection) -> Result<(Vec<u8>, Vec<String>)> {
    render_in_parts(c, CLAIMS_PER_PART)
}

/// [`render`], typesetting `per_part` claims at a time: for tests of the joining, which need reports
/// of several parts without thousands of claims.
#[doc(hidden)]
pub fn render_in_parts(c: &Collection, per_part: usize) -> Result<(Vec<u8>, Vec<String>)> {
    let per_part = per_part.max(1);
    let mut missing = BTreeSet::new();
    if c.claims.len() <= per_part {
        let json = encode(&view(c, &c.claims, true, false))?;
        let pdf = typeset(json, &options(c, true));
        // typst memoises its work between compilations; a desktop app exports now and then, so the
        // memory (hundreds of MB after a large report) is given back at once.
        typst::comemo::evict(0);
        let (pdf, missing) = pdf?;
        return Ok((pdf, fonts::missing_warnings(&missing)));
    }
    let mut merger = merge::Merger::new();
    let parts: Vec<&[ClaimReport]> = c.claims.chunks(per_part).collect();
    for (n, together) in parts.chunks(PARTS_AT_ONCE).enumerate() {
        // Typeset side by side, joined in order.
        let typeset_parts: Vec<Result<(Vec<u8>, BTreeSet<char>)>> = std::thread::scope(|s| {
            let running: Vec<_> = together
                .iter()
                .enumerate()
                .map(|(i, claims)| {
                    let lead = n == 0 && i == 0;
                    s.spawn(move || {
                        let json = encode(&view(c, claims, lead, true))?;
                        typeset(json, &options(c, true))
                    })
                })
                .collect();
            running.into_iter().map(|t| t.join().unwrap_or_else(|_| Err(typeset_error("typst stopped unexpectedly".into())))).collect()
        });
        // typst memoises its work between compilations; the next parts share nothing with these.
        typst::comemo::evict(0);
        for part in typeset_parts {
            let (bytes, part_missing) = part?;
            missing.extend(part_missing);
            merger.add_part(&bytes).map_err(join_error)?;
        }
    }
    // The page numbers, now that every page is laid out.
    let total = merger.pages();
    let first = view(c, &[], false, true);
    for from in (1..=total).step_by(NUMBERS_PER_OVERLAY) {
        let numbers = (from..=total.min(from + NUMBERS_PER_OVERLAY - 1)).map(|n| format!("{n} / {total}")).collect();
        let pdf = typeset(encode(&NumbersView { view: &first, numbers })?, &options(c, false));
        typst::comemo::evict(0);
        merger.add_numbers(&pdf?.0).map_err(join_error)?;
    }
    let bytes = merger.finish().map_err(join_error)?;
    Ok((bytes, fonts::missing_warnings(&missing)))
}

fn encode(view: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(view).map_err(|e| typeset_error(format!("could not encode the report data: {e}")))
}

/// The options of a part (`part`), or of an overlay of page numbers: untagged (the stamps mark the
/// numbers as pagination artifacts in the joined file) and uncompressed (the joining renames what
/// the numbers use, see `pdf/merge.rs`).
fn options(c: &Collection, part: bool) -> typst_pdf::PdfOptions {
    typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("Factdesk".into())),
        timestamp: c.generated_at.and_then(timestamp),
        tagged: part,
        pretty: !part,
        ..typst_pdf::PdfOptions::default()
    }
}

/// Typesets the template with `json` as its data, in fonts that have its letters; returns the PDF
/// and the characters no font has. The caller gives typst's memory back (`comemo::evict`) once
/// nothing else is being typeset.
fn typeset(json: Vec<u8>, options: &typst_pdf::PdfOptions) -> Result<(Vec<u8>, BTreeSet<char>)> {
    let choice = fonts::choose(&String::from_utf8_lossy(&json));
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Bytes(Bytes::new(json)));
    // The installed families the template adds to its font lists (see `report.typ`).
    let families: Array = choice.fonts.families.iter().map(|f| Value::Str(f.as_str().into())).collect();
    inputs.insert("fonts".into(), Value::Array(families));
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: Source::detached(TEMPLATE),
        fonts: choice.fonts,
    };
    let typeset = || {
        let compiled = typst::compile(&world);
        compiled.output.map_err(|errors| diagnostics_error(&world, &errors)).and_then(|document| {
            typst_pdf::pdf(&document, options).map_err(|errors| diagnostics_error(&world, &errors))
        })
    };
    // A panic inside typst would be a typst bug; it becomes an error, never a crash of the app.
    let pdf = std::panic::catch_unwind(std::panic::AssertUnwindSafe(typeset))
        .unwrap_or_else(|_| Err(typeset_error("typst stopped unexpectedly".into())))?;
    Ok((pdf, choice.missing))
}

fn join_error(message: String) -> Error {
    typeset_error(format!("could not join the parts of the report: {message}"))
}

fn timestamp(t: chrono::DateTime<chrono::Utc>) -> Option<typst_pdf::Timestamp> {
    let dt = Datetime::from_ymd_hms(t.year(), t.month() as u8, t.day() as u8, t.hour() as u8, t.minute() as u8, t.second() as u8)?;
    Some(typst_pdf::Timestamp::new_utc(dt))
}

fn typeset_error(message: String) -> Error {
    Error::io("could not typeset the PDF report", std::io::Error::other(message))
}

/// typst's errors, with the template line, for a bug report: the data cannot cause them.
fn diagnostics_error(world: &ReportWorld, errors: &[SourceDiagnostic]) -> Error {
    let messages: Vec<String> = errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match world.range(d.span).and_then(|r| world.main.lines().byte_to_line(r.start)) {
            Some(line) => format!("{} (report.typ line {})", d.message, line + 1),
            None => d.message.to_string(),
        })
        .collect();
    typeset_error(messages.join("; "))
}

// ---- the view: what the template shows, as display-ready strings ----

/// A piece of a line: text, a link when `url` is set (http(s) only), in the monospace font when
/// `mono` (addresses, hashes).
#[derive(Serialize)]
struct Run {
    t: String,
    url: Option<String>,
    mono: bool,
}

impl Run {
    fn text(t: impl Into<String>) -> Run {
        Run { t: wrap_long(&t.into(), WORD_MAX), url: None, mono: false }
    }

    /// `text`, linked to `url` when that is a web address.
    fn link(t: &str, url: &str) -> Run {
        Run { t: wrap_long(&one_line(t), WORD_MAX), url: safe_url(url), mono: false }
    }

    /// An address shown as itself, linked when it is a web address (the link keeps the address
    /// whole; only the shown text may wrap).
    fn address(url: &str) -> Run {
        Run { t: wrap_long(&one_line(url), WORD_MAX), url: safe_url(url), mono: true }
    }
}

type Line = Vec<Run>;
type Paragraphs = Vec<Para>;

/// A paragraph: its lines, and whether it is set right to left (see the module documentation).
#[derive(Serialize)]
struct Para {
    lines: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    rtl: bool,
}

/// Whether `s` reads right to left: its first letter of a strong direction is Arabic, Hebrew or
/// another right-to-left script (HTML's `dir="auto"`).
fn right_to_left(s: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    s.chars().map(unicode_bidi::bidi_class).find(|b| matches!(b, L | R | AL)).is_some_and(|b| b != L)
}

#[derive(Serialize)]
struct View {
    /// This part opens the report: title, summary (see [`render`]).
    lead: bool,
    /// The report is typeset in parts: page numbers are stamped afterwards.
    parted: bool,
    title: String,
    /// The header of every page after the first.
    running: String,
    desk_line: String,
    footer: String,
    /// PDF metadata.
    authors: Vec<String>,
    dated: bool,
    /// One claim asked for by its UUID: no summary, and the title names the claim.
    single: bool,
    /// Under the title: desk, scope, date, size.
    meta: Vec<String>,
    summary: Option<SummaryView>,
    claims: Vec<ClaimView>,
}

/// An overlay of page numbers for the pages of a report typeset in parts.
#[derive(Serialize)]
struct NumbersView<'a> {
    #[serde(flatten)]
    view: &'a View,
    numbers: Vec<String>,
}

#[derive(Serialize)]
struct SummaryView {
    line: String,
    ratings: Vec<RatingRow>,
    no_verdict: u32,
    statuses: Vec<CountRow>,
    rating_cols: Vec<String>,
    claimants: Vec<ClaimantRow>,
}

#[derive(Serialize)]
struct RatingRow {
    label: String,
    color: Option<String>,
    count: u32,
}

#[derive(Serialize)]
struct CountRow {
    label: String,
    count: u32,
}

#[derive(Serialize)]
struct ClaimantRow {
    name: String,
    claims: u32,
    checked: u32,
    counts: Vec<u32>,
}

#[derive(Serialize)]
struct ClaimView {
    heading: String,
    /// The heading reads right to left.
    heading_rtl: bool,
    text: Paragraphs,
    lang: Option<String>,
    facts: Vec<Fact>,
    verdict: Option<VerdictView>,
    corrections: Vec<CorrectionView>,
    /// Shown calmly, apart from the corrections: the finding stands.
    clarifications: Vec<CorrectionView>,
    evidence: Vec<EvidenceView>,
    earlier: Vec<VerdictView>,
}

#[derive(Serialize)]
struct Fact {
    label: &'static str,
    lines: Vec<Line>,
}

#[derive(Serialize)]
struct VerdictView {
    label: String,
    color: Option<String>,
    scale: String,
    rationale: Paragraphs,
    byline: String,
    keep: bool,
}

#[derive(Serialize)]
struct CorrectionView {
    when: String,
    what: String,
    reason: String,
    actor: String,
}

#[derive(Serialize)]
struct EvidenceView {
    n: usize,
    stance: &'static str,
    stance_key: &'static str,
    title: Line,
    withheld: bool,
    /// Kind · publisher · author · date · reliability.
    about: String,
    url: Line,
    archive: Option<ArchiveView>,
    excerpt: Paragraphs,
    check: Option<String>,
    note: Paragraphs,
    cite: String,
    /// Short enough to keep on one page (see [`KEEP_TOGETHER`]).
    keep: bool,
}

#[derive(Serialize)]
struct ArchiveView {
    when: String,
    sha256: String,
}

/// The longest run of characters typst may not break (no space, `/` or `-` in it) before a
/// zero-width space is put in: typst does not break inside a word, so a long token (a tracking
/// address, a pasted blob) would run off the page. 64 keeps a SHA-256 hash whole, and fits a line
/// in any font and place the report uses, headings included.
const WORD_MAX: usize = 64;
/// Headings are larger: a shorter run.
const HEADING_WORD_MAX: usize = 36;

/// `s` with a zero-width space after every `max` characters without a break opportunity.
fn wrap_long(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for ch in s.chars() {
        if ch.is_whitespace() || matches!(ch, '/' | '-' | '\u{200B}') {
            run = 0;
        } else {
            if run == max {
                out.push('\u{200B}');
                run = 0;
            }
            run += 1;
        }
        out.push(ch);
    }
    out
}

fn wrap_paragraphs(s: &str) -> Paragraphs {
    paragraphs(s)
        .into_iter()
        .map(|p| {
            let rtl = right_to_left(&p.concat());
            Para { lines: p.into_iter().map(|l| wrap_long(&l, WORD_MAX)).collect(), rtl }
        })
        .collect()
}

/// A verdict or an evidence link with less text than this (in characters, about a third of a
/// page) is kept on one page rather than split, so that no line (a citation, a byline) is left
/// alone at the top of the next page; longer ones may break.
const KEEP_TOGETHER: usize = 1200;

fn chars(ps: &Paragraphs) -> usize {
    ps.iter().flat_map(|p| &p.lines).map(|l| l.chars().count()).sum()
}

/// The longest running header; a long claim is cut with an ellipsis.
const RUNNING_MAX: usize = 90;

/// What the template shows of `c`, with `claims` (all of them, or a part's); `lead` for the part
/// that opens the report.
fn view(c: &Collection, claims: &[ClaimReport], lead: bool, parted: bool) -> View {
    let title = match (c.single, c.claims.first()) {
        (true, Some(claim)) => format!("Fact check: {}", one_line(heading_of(claim))),
        _ => format!("Fact-check report: {}", one_line(&c.scope)),
    };
    let desk = c.desk.as_deref().map(one_line).filter(|d| !d.is_empty());
    let mut meta = Vec::new();
    if let Some(d) = &desk {
        meta.push(d.clone());
    }
    if !c.single {
        meta.push(format!("Scope: {}", one_line(&c.scope)));
    }
    if let Some(t) = c.generated_at {
        meta.push(format!("Generated {}", fmt_time(t)));
    }
    meta.push(format!("{} claim{}", c.claims.len(), if c.claims.len() == 1 { "" } else { "s" }));
    let colors = |key: &str| c.scale.ratings.iter().find(|r| r.key == key).and_then(|r| hex_color(&r.color));
    View {
        lead,
        parted,
        running: shorten(&title, RUNNING_MAX),
        desk_line: desk.clone().unwrap_or_default(),
        footer: match c.generated_at {
            Some(t) => format!("Factdesk report · {}", fmt_time(t)),
            None => "Factdesk report".to_string(),
        },
        authors: desk.into_iter().collect(),
        dated: c.generated_at.is_some(),
        single: c.single,
        meta,
        summary: (lead && !c.single).then(|| summary_view(&c.summary, &colors)),
        claims: claims.iter().map(|claim| claim_view(claim, &colors)).collect(),
        title,
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

fn summary_view(s: &Summary, colors: &dyn Fn(&str) -> Option<String>) -> SummaryView {
    let cols: Vec<&RatingCount> = s.by_rating.iter().filter(|r| r.count > 0).collect();
    SummaryView {
        line: format!(
            "{} claim{}, {} with a verdict.",
            s.claims,
            if s.claims == 1 { "" } else { "s" },
            s.checked
        ),
        ratings: s.by_rating.iter().map(|r| RatingRow { label: one_line(&r.label), color: colors(&r.key), count: r.count }).collect(),
        no_verdict: s.claims.saturating_sub(s.checked),
        statuses: s
            .by_status
            .iter()
            .filter(|st| st.count > 0)
            .map(|st| CountRow { label: capitalize(&status_label(st.status)), count: st.count })
            .collect(),
        rating_cols: cols.iter().map(|r| one_line(&r.label)).collect(),
        claimants: s
            .by_claimant
            .iter()
            .map(|t| ClaimantRow {
                name: one_line(&t.name),
                claims: t.claims,
                checked: t.checked,
                counts: cols.iter().map(|r| t.ratings.iter().find(|k| k.key == r.key).map_or(0, |k| k.count)).collect(),
            })
            .collect(),
    }
}

/// The claim's corrections, or its clarifications, newest first.
fn correction_views(c: &ClaimReport, kind: CorrectionKind) -> Vec<CorrectionView> {
    c.corrections
        .iter()
        .filter(|k| k.kind == kind)
        .map(|k| CorrectionView {
            when: fmt_time(k.at),
            what: one_line(&k.what),
            reason: wrap_long(&one_line(&k.reason), WORD_MAX),
            actor: wrap_long(&one_line(&k.actor), WORD_MAX),
        })
        .collect()
}

fn claim_view(c: &ClaimReport, colors: &dyn Fn(&str) -> Option<String>) -> ClaimView {
    ClaimView {
        heading: wrap_long(&one_line(heading_of(c)), HEADING_WORD_MAX),
        heading_rtl: right_to_left(heading_of(c)),
        text: wrap_paragraphs(&c.text),
        lang: typst_lang(&c.language),
        facts: claim_facts(c),
        verdict: c.verdict.as_ref().map(|v| verdict_view(v, colors)),
        corrections: correction_views(c, CorrectionKind::Correction),
        clarifications: correction_views(c, CorrectionKind::Clarification),
        evidence: c.evidence.iter().enumerate().map(|(i, e)| evidence_view(i + 1, e)).collect(),
        earlier: c.earlier_verdicts.iter().map(|v| verdict_view(v, colors)).collect(),
    }
}

fn claim_facts(c: &ClaimReport) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut fact = |label: &'static str, lines: Vec<Line>| facts.push(Fact { label, lines });
    if let Some(who) = &c.claimant {
        let mut s = one_line(&who.name);
        if let Some(role) = who.role.as_deref().map(one_line).filter(|r| !r.is_empty()) {
            s.push_str(&format!(", {role}"));
        }
        if let Some(aff) = who.affiliation.as_deref().map(one_line).filter(|a| !a.is_empty()) {
            s.push_str(&format!(" ({aff})"));
        }
        fact("Claimant", vec![vec![Run::text(s)]]);
    }
    let said: Vec<String> =
        c.said_on.map(|d| d.to_string()).into_iter().chain(Some(one_line(&c.said_where)).filter(|s| !s.is_empty())).collect();
    if !said.is_empty() {
        fact("Said", vec![vec![Run::text(said.join(", "))]]);
    }
    if !c.appearances.is_empty() {
        fact("Appeared", c.appearances.iter().map(appearance_line).collect());
    }
    fact("Status", vec![vec![Run::text(capitalize(&status_label(c.status)))]]);
    if let Some(d) = c.published_on {
        fact("First published", vec![vec![Run::text(d.to_string())]]);
    }
    if !c.language.trim().is_empty() {
        fact("Language", vec![vec![Run::text(one_line(&c.language))]]);
    }
    if !c.tags.is_empty() {
        fact("Tags", vec![vec![Run::text(c.tags.iter().map(|t| one_line(t)).collect::<Vec<_>>().join(", "))]]);
    }
    fact("Claim ID", vec![vec![Run { t: c.uuid.clone(), url: None, mono: true }]]);
    facts
}

/// `first: Outlet (medium, date) address`, the outlet linked when the address is a web address.
fn appearance_line(a: &AppearanceReport) -> Line {
    let mut line = Vec::new();
    if a.is_first {
        line.push(Run::text("First: "));
    }
    let name = if a.outlet.trim().is_empty() { &a.url } else { &a.outlet };
    line.push(Run::link(name, &a.url));
    let details: Vec<String> =
        Some(one_line(&a.medium)).filter(|m| !m.is_empty()).into_iter().chain(a.appeared_on.map(|d| d.to_string())).collect();
    if !details.is_empty() {
        line.push(Run::text(format!(" ({})", details.join(", "))));
    }
    if !a.url.trim().is_empty() && !a.outlet.trim().is_empty() {
        line.push(Run::text(" "));
        line.push(Run::address(&a.url));
    }
    line
}

fn verdict_view(v: &VerdictReport, colors: &dyn Fn(&str) -> Option<String>) -> VerdictView {
    let mut byline = format!("{}, {}", one_line(&v.author), fmt_time(v.recorded_at));
    if let Some(t) = v.superseded_at {
        byline.push_str(&format!("; superseded {}", fmt_time(t)));
    }
    VerdictView {
        label: one_line(&v.rating.label),
        color: colors(&v.rating.key),
        scale: match (v.rating.value, v.rating.worst, v.rating.best) {
            (Some(x), Some(w), Some(b)) => format!("{x} on a scale from {w} (worst) to {b} (best)"),
            _ => "not on the numeric scale".to_string(),
        },
        keep: v.rationale.chars().count() < KEEP_TOGETHER,
        rationale: wrap_paragraphs(&v.rationale),
        byline,
    }
}

fn evidence_view(n: usize, e: &EvidenceReport) -> EvidenceView {
    let stance_key = match e.stance {
        Stance::Supports => "supports",
        Stance::Refutes => "refutes",
        Stance::Context => "context",
    };
    let mut v = EvidenceView {
        n,
        stance: stance_label(e.stance),
        stance_key,
        title: vec![Run::text(one_line(&e.citation))],
        withheld: true,
        about: String::new(),
        url: Vec::new(),
        archive: None,
        excerpt: Vec::new(),
        check: None,
        note: Vec::new(),
        cite: String::new(),
        keep: true,
    };
    let Some(o) = e.open() else { return v };
    let s = &o.source;
    v.withheld = false;
    v.cite = wrap_long(&one_line(&e.citation), WORD_MAX);
    v.title = vec![Run::link(&s.title, &s.url)];
    let mut about = vec![capitalize(s.kind.label())];
    about.extend([&s.publisher, &s.author].into_iter().map(|f| one_line(f)).filter(|f| !f.is_empty()));
    if let Some(d) = s.published_on {
        about.push(format!("published {d}"));
    }
    if s.reliability != Reliability::Unrated {
        about.push(format!("reliability {}", s.reliability.as_str()));
    }
    v.about = wrap_long(&about.join(" · "), WORD_MAX);
    if !s.url.trim().is_empty() {
        v.url = vec![Run::address(&s.url)];
    }
    v.archive = o.capture.as_ref().map(|k| ArchiveView { when: fmt_time(k.captured_at), sha256: one_line(&k.sha256) });
    if !o.excerpt.trim().is_empty() {
        v.excerpt = wrap_paragraphs(&o.excerpt);
        v.check = excerpt_check_label(o.excerpt_check, o.capture.is_some());
    }
    v.note = wrap_paragraphs(&o.note);
    v.keep = chars(&v.excerpt) + chars(&v.note) + v.about.len() + v.cite.len() < KEEP_TOGETHER;
    v
}

/// `#rgb` or `#rrggbb` (with optional alpha), which typst's `rgb()` reads; anything else is None
/// and the template uses a neutral grey.
fn hex_color(c: &str) -> Option<String> {
    let hex = c.trim().strip_prefix('#')?;
    (matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|ch| ch.is_ascii_hexdigit())).then(|| format!("#{hex}"))
}

/// The language part of a BCP 47 code, as typst's `text(lang:)` takes it (two or three letters),
/// for hyphenation and quotes; None when there is none.
fn typst_lang(code: &str) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (matches!(primary.len(), 2 | 3) && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_checked_colours_and_languages_reach_the_template() {
        assert_eq!(hex_color("#1b7f3b").as_deref(), Some("#1b7f3b"));
        assert_eq!(hex_color("red"), None);
        assert_eq!(hex_color("#12\"); panic(\""), None);
        assert_eq!(typst_lang("pt-BR").as_deref(), Some("pt"));
        assert_eq!(typst_lang("uk").as_deref(), Some("uk"));
        assert_eq!(typst_lang("\"); #panic(\""), None);
        assert_eq!(typst_lang(""), None);
    }

    #[test]
    fn long_words_get_break_opportunities() {
        let hash = "f563ed66c7ff4fc9cf6dee9c79a9ab5ab6fc2e2c76d52dfd0a66905dac36120c";
        assert_eq!(wrap_long(hash, WORD_MAX), hash, "a SHA-256 hash stays whole");
        assert_eq!(wrap_long("ab/cd-ef gh", 2), "ab/cd-ef gh");
        assert_eq!(wrap_long("abcdefg", 3), "abc\u{200B}def\u{200B}g");
    }

    #[test]
    fn european_scripts_need_no_system_font() {
        let bundled = &fonts::BUNDLED.fonts;
        assert!(bundled.iter().any(|f| f.info().family == "Libertinus Serif"));
        assert!(bundled.iter().any(|f| f.info().family == "DejaVu Sans Mono"));
        // Latin with accents, Greek, Cyrillic and Hebrew are in Libertinus; symbols a bundled
        // fallback has stay there: the same fonts on every computer.
        let choice = fonts::choose("Ελληνικά Русский Čeština Ærø ñ «» – — עברית ‹✓› → ≠ \u{200B}");
        assert!(choice.fonts.families.is_empty(), "{:?}", choice.fonts.families);
        assert!(choice.missing.is_empty(), "{:?}", choice.missing);
        assert_eq!(choice.fonts.fonts.len(), bundled.len());
    }

    #[test]
    fn other_scripts_take_an_installed_font_or_are_named() {
        // Whatever fonts this computer has, a letter is either set in an installed family added
        // to the font list, or reported missing (or, for Devanagari and Arabic with no installed
        // font, left to the bundled fallbacks).
        let choice = fonts::choose("العربية हिन्दी 中文 𐀀");
        for c in ['ع', 'ह', '中', '𐀀'] {
            match system_family_for(c) {
                Some(family) => {
                    assert!(choice.fonts.families.contains(&family), "{c}: {family} not in {:?}", choice.fonts.families);
                    assert!(choice.fonts.fonts.iter().any(|f| f.info().family == family && f.info().coverage.contains(c as u32)));
                    assert!(!choice.missing.contains(&c));
                }
                None if c == '中' || c == '𐀀' => assert!(choice.missing.contains(&c), "{c}"),
                None => assert!(!choice.missing.contains(&c), "{c}: a bundled fallback has it"),
            }
        }
    }

    #[test]
    fn missing_letters_are_named_by_script_with_what_to_install() {
        let w = fonts::missing_warnings(&"中文かな".chars().chain("क".chars()).collect());
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].starts_with("No font on this computer has Chinese, Japanese and Korean letters: 4 characters"), "{}", w[0]);
        assert!(w[0].contains("fonts-noto-cjk") && w[0].contains('中'), "{}", w[0]);
        assert!(w[1].starts_with("No font on this computer has Devanagari letters: 1 character of"), "{}", w[1]);
        assert!(w[1].contains("fonts-noto-core"), "{}", w[1]);
        assert!(fonts::missing_warnings(&BTreeSet::new()).is_empty());
    }

    #[test]
    fn paragraphs_read_in_the_direction_of_their_first_letter() {
        assert!(right_to_left("البطالة ارتفعت إلى 12 في المئة"));
        assert!(right_to_left("2023: שיעור האבטלה עלה, says the minister"));
        assert!(!right_to_left("The minister said שיעור האבטלה עלה"));
        assert!(!right_to_left("12 % — 2023"));
        let ps = wrap_paragraphs("English first.\n\nالعربية ثانيا");
        assert_eq!(ps.iter().map(|p| p.rtl).collect::<Vec<_>>(), [false, true]);
    }
}
