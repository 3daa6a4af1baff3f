//! The fonts a PDF report is set in: the ones compiled into the binary, and, for letters they
//! lack or set badly (Arabic, Devanagari, Chinese, Japanese, Thai, …), the computer's own (issue 16).
//!
//! A report whose letters the bundled text fonts (Libertinus Serif, New Computer Modern) all have
//! uses nothing else, so it comes out byte for byte the same on every machine and no system font is
//! ever looked at. Otherwise the installed fonts are listed once per process (fontdb: fontconfig's
//! folders on Linux, the system's font folders elsewhere), and for each script the report needs,
//! one proportional family that has its letters is added after the bundled text fonts in the
//! template's font list (typst falls back glyph by glyph along that list). Only the chosen
//! families' files are read, once per process. Letters no font has at all are named in a warning,
//! by script, with the package that provides them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontStyle, FontWeight};
use typst::utils::LazyHash;
use unicode_script::{Script, UnicodeScript};

/// The bundled families the template sets text in (see `report.typ`): a letter they have needs no
/// other font. (The bundled New Computer Modern Math and DejaVu Sans Mono have more letters, some
/// Devanagari and Arabic among them, but set them badly: in a math font, or monospaced.)
const TEXT_FAMILIES: [&str; 2] = ["Libertinus Serif", "New Computer Modern"];

/// The fonts of one report: a book for typst and the fonts it indexes, and the system families
/// added to the template's font list, in order.
pub(super) struct FontSet {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    pub families: Vec<String>,
}

/// The bundled fonts, parsed once per process.
pub(super) static BUNDLED: LazyLock<Arc<FontSet>> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    Arc::new(FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, families: Vec::new() })
});

/// An installed font, not read yet.
struct SystemFace {
    info: FontInfo,
    path: PathBuf,
    index: u32,
}

/// The installed fonts, listed (and their letters read) the first time a report needs one.
static SYSTEM: LazyLock<Vec<SystemFace>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut faces: Vec<SystemFace> = db
        .faces()
        .filter_map(|face| {
            let path = match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
                fontdb::Source::Binary(_) => return None,
            };
            let info = db.with_face_data(face.id, FontInfo::new)??;
            Some(SystemFace { info, path, index: face.index })
        })
        .collect();
    // The same order whatever order the folders were read in.
    faces.sort_by(|a, b| (&a.info.family, &a.path, a.index).cmp(&(&b.info.family, &b.path, b.index)));
    faces
});

/// System fonts already read, by file and face.
static LOADED: LazyLock<Mutex<HashMap<(PathBuf, u32), Option<Font>>>> = LazyLock::new(Default::default);

fn load(face: &SystemFace) -> Option<Font> {
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    loaded
        .entry((face.path.clone(), face.index))
        .or_insert_with(|| std::fs::read(&face.path).ok().and_then(|data| Font::new(Bytes::new(data), face.index)))
        .clone()
}

/// What [`choose`] found for a report's characters.
pub(super) struct Choice {
    pub fonts: Arc<FontSet>,
    /// Characters no font, bundled or installed, has.
    pub missing: BTreeSet<char>,
}

/// Characters typst shows as nothing (joiners, direction marks, variation selectors, the soft
/// hyphen, the zero-width spaces the report adds): no font needs them.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn bundled_text_has(c: char) -> bool {
    BUNDLED.fonts.iter().any(|f| TEXT_FAMILIES.contains(&f.info().family.as_str()) && f.info().coverage.contains(c as u32))
}

fn bundled_has(c: char) -> bool {
    BUNDLED.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
}

/// The characters of `text` that need more than the bundled text fonts: letters of other scripts,
/// and symbols no bundled font has (symbols a bundled fallback has stay in it, so a Latin report
/// with an arrow or a check mark still uses no system font).
fn wanted(text: &str) -> BTreeSet<char> {
    let mut seen = BTreeSet::new();
    let mut wanted = BTreeSet::new();
    for c in text.chars().filter(|c| !c.is_ascii() && !invisible(*c)) {
        if seen.insert(c) && !bundled_text_has(c) && (!common(c.script()) || !bundled_has(c)) {
            wanted.insert(c);
        }
    }
    wanted
}

fn common(s: Script) -> bool {
    matches!(s, Script::Common | Script::Inherited | Script::Unknown)
}

/// The fonts for a report whose text (its data, as typst receives it) is `text`.
pub(super) fn choose(text: &str) -> Choice {
    let wanted = wanted(text);
    if wanted.is_empty() {
        return Choice { fonts: BUNDLED.clone(), missing: BTreeSet::new() };
    }
    // Script by script, symbols last (a script's own font may have them).
    let mut by_script: BTreeMap<(bool, &'static str), Vec<char>> = BTreeMap::new();
    for &c in &wanted {
        by_script.entry((common(c.script()), c.script().full_name())).or_default().push(c);
    }
    let mut families: Vec<String> = Vec::new();
    let mut missing = BTreeSet::new();
    for ((_, script), chars) in by_script {
        for c in chars {
            let has = |family: &str| SYSTEM.iter().any(|f| f.info.family == family && f.info.coverage.contains(c as u32));
            if families.iter().any(|f| has(f)) {
                continue;
            }
            match best_family(c, script) {
                Some(family) => families.push(family),
                None if bundled_has(c) => {} // a bundled fallback sets it, if not beautifully
                None => {
                    missing.insert(c);
                }
            }
        }
    }
    if families.is_empty() {
        return Choice { fonts: BUNDLED.clone(), missing };
    }
    let mut fonts = BUNDLED.fonts.clone();
    fonts.extend(SYSTEM.iter().filter(|f| families.contains(&f.info.family)).filter_map(load));
    Choice { fonts: Arc::new(FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, families }), missing }
}

/// The installed family that sets `c` (of the script named `script`) best: proportional rather
/// than monospaced, made for the script (its name says so: "Noto Naskh Arabic"), with serifs like
/// the report's text, a serif or Naskh Noto design over a sans one, with an upright regular face;
/// then the shortest name (the least special design), then by name, so the choice never depends
/// on the order fonts were found in.
fn best_family(c: char, script: &str) -> Option<String> {
    let script_word = match script {
        "Han" | "Hiragana" | "Katakana" | "Hangul" | "Bopomofo" => "CJK",
        s => s,
    };
    let mut candidates: BTreeMap<&str, Vec<&FontInfo>> = BTreeMap::new();
    for face in SYSTEM.iter() {
        candidates.entry(face.info.family.as_str()).or_default().push(&face.info);
    }
    candidates
        .into_iter()
        .filter(|(_, faces)| faces.iter().any(|f| f.coverage.contains(c as u32)))
        .max_by_key(|(family, faces)| {
            let proportional = faces.iter().all(|f| !f.flags.contains(typst::text::FontFlags::MONOSPACE));
            let named = family.split_whitespace().any(|w| w.eq_ignore_ascii_case(script_word));
            let serif = faces.iter().any(|f| f.flags.contains(typst::text::FontFlags::SERIF));
            let noto = match family.split_whitespace().nth(1) {
                _ if !family.starts_with("Noto ") => 0,
                Some("Serif" | "Naskh") => 2,
                Some("Sans") => 1,
                _ => 0,
            };
            let regular = faces.iter().any(|f| f.variant.style == FontStyle::Normal && f.variant.weight == FontWeight::REGULAR);
            (proportional, named, serif, noto, regular, std::cmp::Reverse(family.len()), std::cmp::Reverse(family.to_string()))
        })
        .map(|(family, _)| family.to_string())
}

/// The installed family a report would set `c` in, if any: for tests, which skip when the
/// computer has no font for a script.
pub fn system_family_for(c: char) -> Option<String> {
    best_family(c, c.script().full_name())
}

/// The warnings for characters no font has, one a script: what is missing and what to install.
pub(super) fn missing_warnings(missing: &BTreeSet<char>) -> Vec<String> {
    let mut by_kind: BTreeMap<&'static str, Vec<char>> = BTreeMap::new();
    for &c in missing {
        let kind = match c.script() {
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => "Chinese, Japanese and Korean",
            s if common(s) => "",
            s => s.full_name(),
        };
        by_kind.entry(kind).or_default().push(c);
    }
    by_kind
        .into_iter()
        .map(|(kind, chars)| {
            let examples: String = chars.iter().take(12).flat_map(|c| [*c, ' ']).collect();
            let examples = format!("{}{}", examples.trim_end(), if chars.len() > 12 { " …" } else { "" });
            let n = chars.len();
            let count = format!("{n} character{}", if n == 1 { "" } else { "s" });
            let (what, package) = match kind {
                "" => ("these symbols".to_string(), "fonts-noto-core"),
                "Chinese, Japanese and Korean" => (format!("{kind} letters"), "fonts-noto-cjk"),
                _ => (format!("{} letters", kind.replace('_', " ")), "fonts-noto-core"),
            };
            format!(
                "No font on this computer has {what}: {count} of this report ({examples}) are empty boxes in the PDF. \
                 Install a font that has them (on Debian or Ubuntu, the {package} package) and export again; \
                 the HTML report shows them with the reader's own fonts."
            )
        })
        .collect()
}
