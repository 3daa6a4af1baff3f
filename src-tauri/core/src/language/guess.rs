//! What language a text is in, guessed by its script and, for Latin script, by the little words
//! every sentence has; and text folded for comparing names and words regardless of case, accents
//! and punctuation. Used by imports (a ClaimReview record without a language) and by matching
//! (the words a language reads its own way: German capitalises every noun, Portuguese "no" is
//! "in the").

/// A name folded for matching: lower case, accents and punctuation dropped, one space between words.
/// "Pants on Fire!", "pants-on-fire" and "PANTS ON FIRE" fold alike; so do "Irreführend" and "irrefuhrend".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if separates_words(c) {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match without_accent(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out
}

fn separates_words(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F)
        || matches!(c, '«' | '»' | '¿' | '¡' | '·' | '\u{a0}')
}

/// The letter without its accent, for the Latin letters feeds use; None for any other character.
fn without_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ș' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ț' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The language of a text, guessed: by its script, and for Latin script by the little words every
/// sentence has. None when the text is too short to tell.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let mut scripts: [(u32, &str); 18] = [
        (0, "hi"), (0, "bn"), (0, "pa"), (0, "gu"), (0, "ta"), (0, "te"), (0, "kn"), (0, "ml"), (0, "ar"),
        (0, "ru"), (0, "el"), (0, "he"), (0, "th"), (0, "ko"), (0, "ja"), (0, "zh"), (0, "ka"), (0, "latin"),
    ];
    for c in text.chars() {
        let i = match c as u32 {
            0x0900..=0x097F => 0,
            0x0980..=0x09FF => 1,
            0x0A00..=0x0A7F => 2,
            0x0A80..=0x0AFF => 3,
            0x0B80..=0x0BFF => 4,
            0x0C00..=0x0C7F => 5,
            0x0C80..=0x0CFF => 6,
            0x0D00..=0x0D7F => 7,
            0x0600..=0x06FF => 8,
            0x0400..=0x04FF => 9,
            0x0370..=0x03FF => 10,
            0x0590..=0x05FF => 11,
            0x0E00..=0x0E7F => 12,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => 13,
            0x3040..=0x30FF => 14,
            0x4E00..=0x9FFF => 15,
            0x10A0..=0x10FF => 16,
            _ if c.is_alphabetic() => 17,
            _ => continue,
        };
        scripts[i].0 += 1;
    }
    let (n, script) = scripts.iter().copied().max_by_key(|(n, _)| *n)?;
    if n == 0 {
        return None;
    }
    if script == "ja" || (script == "zh" && scripts[14].0 > 0) {
        return Some("ja");
    }
    if script != "latin" {
        return Some(script);
    }
    latin_language(text)
}

const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    ("en", &[
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "are", "as", "with", "his", "they",
        "at", "be", "this", "from", "have", "or", "by", "had", "not", "but", "what", "were", "we", "when", "your",
        "can", "said", "there", "which", "she", "how", "their", "if", "will", "other", "about", "out", "would",
        "has", "more", "could", "than", "been", "who", "its", "did", "get", "says", "over", "after", "down",
        "should", "does", "all", "he", "i", "you", "our", "these", "into", "no", "only", "up",
    ]),
    ("es", &[
        "el", "la", "los", "las", "del", "de", "y", "que", "en", "un", "una", "por", "con", "para", "es", "se", "su",
        "al", "lo", "como", "mas", "pero", "sus", "le", "ya", "o", "fue", "este", "ha", "si", "porque", "esta",
        "son", "entre", "cuando", "muy", "sin", "sobre", "tambien", "hay", "donde", "dijo", "desde", "todo",
    ]),
    ("pt", &[
        "o", "os", "as", "do", "da", "dos", "das", "de", "e", "que", "em", "um", "uma", "para", "com", "nao", "no", "na",
        "nos", "ao", "aos", "se", "por", "mais", "como", "mas", "foi", "ele", "ela", "sao", "seu", "sua", "ou",
        "quando", "muito", "ja", "tambem", "disse", "pelo", "pela", "esta", "isso", "sobre", "entre",
    ]),
    ("de", &[
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit", "sich", "des", "auf",
        "fur", "im", "dem", "auch", "es", "an", "als", "wird", "bei", "nach", "wenn", "sie", "er", "wir", "ich",
        "aus", "hat", "oder", "noch", "nur", "einer", "wurde", "soll", "haben", "uber", "dass", "zum", "vom",
    ]),
    ("fr", &[
        "le", "la", "les", "l", "d", "qu", "des", "du", "de", "et", "est", "un", "une", "en", "que", "qui", "dans", "pour", "pas",
        "sur", "au", "aux", "il", "elle", "ne", "ce", "se", "par", "plus", "avec", "son", "sa", "ses", "sont",
        "mais", "ou", "nous", "vous", "ont", "cette", "aussi", "selon", "ete",
    ]),
    ("it", &[
        "il", "lo", "gli", "della", "delle", "degli", "di", "che", "e", "per", "non", "una", "sono", "nel",
        "nella", "con", "anche", "come", "piu", "ha", "questo", "questa", "dei", "alla", "sul", "stato",
    ]),
    ("nl", &[
        "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die", "ook",
        "als", "maar", "bij", "nog", "wordt", "door", "naar", "heeft", "werd", "geen", "deze",
    ]),
];

fn latin_language(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    let mut scores = [0usize; FUNCTION_WORDS.len()];
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if let Some(&langs) = LANGUAGES_OF_WORD.get(w) {
            // A word of one language only says more than one several share ("de", "la").
            let weight = if langs.count_ones() == 1 { 2 } else { 1 };
            for (i, score) in scores.iter_mut().enumerate() {
                *score += weight * usize::from(langs & (1 << i) != 0);
            }
        }
    }
    let mut ranked: Vec<(usize, &'static str)> = scores.iter().zip(FUNCTION_WORDS).map(|(&n, (lang, _))| (n, *lang)).collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, lang) = ranked[0];
    let second = ranked[1].0;
    (best >= 2 && best > second).then_some(lang)
}

/// For each function word, the languages of [`FUNCTION_WORDS`] that have it (bit `i` for the
/// `i`-th): one lookup a word of the text instead of a search through every list (an import of
/// 10,000 records spent 8% of its time there).
static LANGUAGES_OF_WORD: std::sync::LazyLock<std::collections::HashMap<&'static str, u8>> = std::sync::LazyLock::new(|| {
    const _: () = assert!(FUNCTION_WORDS.len() <= 8, "one bit a language");
    let mut map = std::collections::HashMap::new();
    for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
        for w in *words {
            *map.entry(*w).or_insert(0u8) |= 1 << i;
        }
    }
    map
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_guessed_from_script_and_small_words() {
        assert_eq!(guess_language("लद्दाख के गलवान घाटी में हुई झड़प का वीडियो"), Some("hi"));
        assert_eq!(guess_language("Im Netz sorgt ein angebliches Zitat von Kölns Oberbürgermeisterin für Aufregung"), Some("de"));
        assert_eq!(guess_language("George Soros disse ao jornal alemão Bild financiaria grupos de ódio para derrubar os Estados Unidos"), Some("pt"));
        assert_eq!(guess_language("John Kerry to Get Jail Time"), Some("en"));
        assert_eq!(guess_language("El presidente dijo que los precios bajaron"), Some("es"));
        assert_eq!(guess_language("Covid"), None);
        // "de" is Spanish and Portuguese too, not only French and Dutch; a word of one language
        // ("el", "l'") counts for more than one several share.
        assert_eq!(guess_language("Milei redujo el número de ministerios de 18 a 9 al asumir la presidencia"), Some("es"));
        assert_eq!(guess_language("L'âge légal de départ à la retraite passe de 62 à 64 ans"), Some("fr"));
    }
}
