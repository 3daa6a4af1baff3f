//! PDF reports in other scripts (issue 16): Arabic, Hebrew, Greek and Devanagari claims are set in
//! proportional fonts that have their letters (the bundled ones, or installed ones for scripts they
//! lack: `report/pdf/fonts.rs`), embedded in the file, the text reads back, right-to-left paragraphs
//! are set right to left, and a report typeset in parts embeds the same fonts. Skips, saying so,
//! when no installed font has Arabic letters (`scripts/deps.sh test` installs one).

use std::collections::BTreeMap;
use std::path::Path;

use factdesk_core::model::ClaimInput;
use factdesk_core::report::{self, pdf, ExportOptions, Format, Selection};
use factdesk_core::Store;
use lopdf::{Document, Object};

const ARABIC: &str = "ارتفعت البطالة إلى اثني عشر بالمئة حسب وزارة العمل";
const HEBREW: &str = "שיעור האבטלה עלה לשנים עשר אחוז לפי משרד העבודה";
const GREEK: &str = "Η ανεργία αυξήθηκε στο δώδεκα τοις εκατό";
const HINDI: &str = "बेरोज़गारी बढ़कर बारह प्रतिशत हो गई";
const LATIN: &str = "Unemployment rose to twelve per cent, the ministry said";

fn options() -> ExportOptions {
    ExportOptions { desk_name: Some("Desk".into()), publication_url: None, generated_at: None }
}

fn store(dir: &Path) -> Store {
    let mut store = Store::open(dir.join("scripts.factdesk")).unwrap();
    // The Hebrew claim has no language: its direction comes from its letters, as in the window.
    for (text, lang, claimant) in
        [(ARABIC, "ar", "وزير المالية"), (HEBREW, "", "שר האוצר"), (GREEK, "el", "Υπουργός"), (HINDI, "hi", "मंत्री"), (LATIN, "en", "Minister")]
    {
        store.create_claim(&ClaimInput { text: text.into(), language: lang.into(), claimant: Some(claimant.into()), ..ClaimInput::default() }).unwrap();
    }
    store
}

/// Each embedded font's name (without the subset tag) and the characters its glyphs stand for
/// (from its ToUnicode map).
fn fonts(bytes: &[u8]) -> BTreeMap<String, String> {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font") || d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let base = String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        let base = base.split_once('+').map_or(base.clone(), |(_, b)| b.to_string());
        let descendant = doc.dereference(&d.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]).unwrap().1.as_dict().unwrap();
        let descriptor = doc.dereference(descendant.get(b"FontDescriptor").unwrap()).unwrap().1.as_dict().unwrap();
        assert!(
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| descriptor.has(k)),
            "{base} is embedded"
        );
        let cmap = doc.dereference(d.get(b"ToUnicode").unwrap()).unwrap().1.as_stream().unwrap();
        let cmap = cmap.decompressed_content().unwrap_or_else(|_| cmap.content.clone());
        out.entry(base).or_default().push_str(&unicode_of(&String::from_utf8_lossy(&cmap)));
    }
    out
}

/// The characters a ToUnicode map's targets spell (`<0041>`, UTF-16BE, two or more hex bytes).
fn unicode_of(cmap: &str) -> String {
    let mut out = String::new();
    for hex in cmap.split('<').skip(1).filter_map(|s| s.split_once('>')).map(|(h, _)| h) {
        let units: Vec<u16> = (0..hex.len() / 4).filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok()).collect();
        out.extend(char::decode_utf16(units).filter_map(|c| c.ok()));
        out.push(' ');
    }
    out
}

/// The font whose glyphs include `c`, by family (the PostScript name has no spaces).
fn font_with<'a>(fonts: &'a BTreeMap<String, String>, c: char) -> Vec<&'a str> {
    fonts.iter().filter(|(_, chars)| chars.contains(c)).map(|(name, _)| name.as_str()).collect()
}

fn text_of(bytes: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text can be extracted");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where each character is drawn: page, x of the start of its word (typst draws a word at a time,
/// and pdf-extract gives the characters of a word its start).
#[derive(Default)]
struct Positions {
    page: u32,
    chars: Vec<(u32, char, f64)>,
}

impl pdf_extract::OutputDev for Positions {
    fn begin_page(&mut self, page: u32, _: &pdf_extract::MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), pdf_extract::OutputError> {
        self.page = page;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &pdf_extract::Transform, _: f64, _: f64, _: f64, s: &str) -> Result<(), pdf_extract::OutputError> {
        for c in s.chars() {
            self.chars.push((self.page, c, trm.m31));
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The leftmost and rightmost word starts of the paragraphs of `first`'s script on the last page
/// `first` is on (its claim's page: the summary comes first).
fn extent(p: &Positions, first: char) -> (u32, f64, f64) {
    let page = p.chars.iter().rev().find(|(_, c, _)| *c == first).unwrap_or_else(|| panic!("{first} is drawn")).0;
    let script = |c: char| match first {
        '\u{0600}'..='\u{06FF}' => ('\u{0600}'..='\u{06FF}').contains(&c),
        '\u{0590}'..='\u{05FF}' => ('\u{0590}'..='\u{05FF}').contains(&c),
        _ => c.is_ascii_alphabetic(),
    };
    let xs: Vec<f64> = p.chars.iter().filter(|(pg, c, _)| *pg == page && script(*c)).map(|(_, _, x)| *x).collect();
    (page, xs.iter().copied().fold(f64::MAX, f64::min), xs.iter().copied().fold(f64::MIN, f64::max))
}

#[test]
fn claims_in_other_scripts_are_set_in_fonts_that_have_their_letters() {
    let Some(arabic_family) = pdf::system_family_for('ب') else {
        eprintln!(
            "SKIPPED: no installed font has Arabic letters; `scripts/deps.sh test` installs fonts-dejavu-core \
             (or install fonts-noto-core) to run this test"
        );
        return;
    };
    let devanagari_family = pdf::system_family_for('ब');
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let out = report::export(&store, &Selection::all(), Format::Pdf, &options()).unwrap();
    if let Ok(keep) = std::env::var("FACTDESK_PDF_OUT") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(Path::new(&keep).join("scripts-rtl.pdf"), &out.bytes).unwrap();
    }
    assert!(out.warnings.is_empty(), "every letter has a font: {:?}", out.warnings);

    let fonts = fonts(&out.bytes);
    // A family's PostScript name has no spaces, and maybe hyphens ("Lohit-Devanagari").
    let family = |f: &str| f.replace([' ', '-'], "");
    let is = |name: &&str, f: &str| family(name).starts_with(&family(f));
    // Arabic in the installed family chosen for it, never in the monospaced fallback.
    let arabic = font_with(&fonts, 'ب');
    assert!(arabic.iter().any(|f| is(f, &arabic_family)), "Arabic in {arabic:?}, not {arabic_family}; fonts {:?}", fonts.keys());
    assert!(arabic.iter().all(|f| !f.contains("Mono")), "Arabic is not set monospaced: {arabic:?}");
    // Hebrew and Greek in the bundled Libertinus Serif.
    for c in ['ש', 'ε'] {
        let set = font_with(&fonts, c);
        assert!(!set.is_empty() && set.iter().all(|f| f.starts_with("LibertinusSerif")), "{c} in {set:?}");
    }
    // Devanagari in an installed Devanagari font when there is one (not the math font's glyphs).
    if let Some(deva) = &devanagari_family {
        let set = font_with(&fonts, 'ब');
        assert!(set.iter().any(|f| is(f, deva)) && set.iter().all(|f| !f.contains("Math")), "Devanagari in {set:?}, not {deva}");
    } else {
        eprintln!("no installed font has Devanagari letters: its font is not checked");
    }

    // The words read back. pdf-extract gives characters in the order they are drawn, left to
    // right: a right-to-left line set right to left comes out exactly reversed (poppler's pdftotext
    // puts it back in reading order). (Devanagari is not compared: extractors misplace its vowel
    // signs, which are drawn before the consonant they follow.)
    let text = text_of(&out.bytes);
    for phrase in [GREEK, LATIN] {
        assert!(text.contains(phrase), "{phrase:?} is not in the PDF text:\n{text}");
    }
    for phrase in [ARABIC, HEBREW, "وزير المالية", "שר האוצר"] {
        let drawn: String = phrase.chars().rev().collect();
        assert!(text.contains(&drawn), "{phrase:?} is not in the PDF text, drawn right to left as {drawn:?}:\n{text}");
    }

    // Right to left: the Arabic and Hebrew claims and headings, shorter than a line, are set
    // against the right margin, so no word of theirs starts at the left margin (A4, 2.1 cm margins:
    // 59.5 pt) and their first words start past the middle; the English claim starts at the left.
    let mut at = Positions::default();
    pdf_extract::output_doc(&Document::load_mem(&out.bytes).unwrap(), &mut at).unwrap();
    let (_, latin_left, _) = extent(&at, 'U');
    assert!((latin_left - 59.53).abs() < 3.0, "English starts at {latin_left}");
    for first in ['ا', 'ש'] {
        let (page, left, right) = extent(&at, first);
        assert!(left > latin_left + 30.0 && right > 595.28 / 2.0, "{first} on page {page}: words start from {left} to {right}");
    }
}

#[test]
fn a_report_in_parts_embeds_the_same_fonts() {
    if pdf::system_family_for('ب').is_none() {
        eprintln!("SKIPPED: no installed font has Arabic letters (see the test above)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let c = report::build_collection(&store, &Selection::all(), &options(), &mut |_, _| {}).unwrap();
    let (whole, whole_warnings) = pdf::render_in_parts(&c, c.claims.len()).unwrap();
    let (joined, warnings) = pdf::render_in_parts(&c, 2).unwrap();
    assert_eq!(warnings, whole_warnings);
    assert_eq!(text_of(&joined), text_of(&whole));
    let (whole_fonts, joined_fonts) = (fonts(&whole), fonts(&joined));
    for c in ['ب', 'ש', 'ε', 'U'] {
        let (in_whole, in_joined) = (font_with(&whole_fonts, c), font_with(&joined_fonts, c));
        assert!(!in_joined.is_empty() && in_joined.iter().all(|n| in_whole.contains(n)), "{c}: {in_joined:?} against {in_whole:?}");
    }
}

#[test]
fn letters_no_font_has_are_named_and_the_export_still_succeeds() {
    // Linear B: no bundled font has it, and hardly any computer.
    let c = '𐀀';
    if let Some(f) = pdf::system_family_for(c) {
        eprintln!("SKIPPED: this computer has a font with Linear B letters ({f})");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("b.factdesk")).unwrap();
    store.create_claim(&ClaimInput { text: format!("The tablet reads {c}𐀁𐀂."), ..ClaimInput::default() }).unwrap();
    let out = report::export(&store, &Selection::all(), Format::Pdf, &options()).expect("the export still succeeds");
    assert!(out.bytes.starts_with(b"%PDF-"));
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert!(w.starts_with("No font on this computer has Linear B letters: 3 characters") && w.contains("fonts-noto-core"), "{w}");
}
