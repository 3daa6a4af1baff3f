//! The word tables, as data files: `words/*.txt`, one table a file, built into the binary
//! (`include_str!`) and each read once, on first use. Adding a variant or a speech verb is an edit
//! to a text file, not to code.
//!
//! Every file opens with `#` comment lines saying what it holds and how its lines read; blank lines
//! are skipped. A line is one of five shapes ([`Shape`]), the same throughout a file:
//! - `entry` ([`Shape::List`]): a word or phrase a line;
//! - `canonical, variant, variant` ([`Shape::Groups`]): one meaning a line, its canonical spelling first;
//! - `key: value` ([`Shape::Map`]);
//! - `key: entry, entry` ([`Shape::Index`]): each entry stands for its key (an entry on one line only);
//! - `key: entry, entry` ([`Shape::Lists`]): each key's own list of entries.
//!
//! Tables of numbers that would read awkwardly as lines stay in code: the sizes of units of time,
//! length and mass (`numbers::UNIT_KINDS`) and the scale words and suffixes ("million", "bn").

use std::collections::HashSet;
use std::sync::OnceLock;

/// How the lines of a table read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One entry (a word or a phrase) a line; entries unique.
    List,
    /// `canonical, variant, variant`: one meaning a line; an entry on one line only.
    Groups,
    /// `key: value`: one key a line, keys unique.
    Map,
    /// `key: entry, entry`: each entry stands for its key; keys unique, an entry on one line only.
    Index,
    /// `key: entry, entry`: each key's own list; keys unique, entries unique within a line.
    Lists,
}

/// One line of a table: its key (empty for [`Shape::List`] and [`Shape::Groups`]) and entries, in
/// the order written.
#[derive(Debug)]
pub struct Line {
    pub key: &'static str,
    pub entries: Vec<&'static str>,
}

/// A word table: a file under `words/`, parsed on first use.
pub struct Table {
    /// The file's name under `words/`.
    pub file: &'static str,
    pub shape: Shape,
    text: &'static str,
    lines: OnceLock<Vec<Line>>,
    entries: OnceLock<Vec<&'static str>>,
}

impl Table {
    const fn new(file: &'static str, shape: Shape, text: &'static str) -> Table {
        Table { file, shape, text, lines: OnceLock::new(), entries: OnceLock::new() }
    }

    /// The table's lines, in the file's order. A malformed file is a bug of the build (every
    /// file is parsed by this module's tests), so it panics with the file and line.
    pub fn lines(&'static self) -> &'static [Line] {
        self.lines.get_or_init(|| parse(self.text, self.shape).unwrap_or_else(|e| panic!("words/{}: {e}", self.file)))
    }

    /// Every entry, in the file's order (a [`Shape::List`]'s list).
    pub fn list(&'static self) -> &'static [&'static str] {
        self.entries.get_or_init(|| self.lines().iter().flat_map(|l| l.entries.iter().copied()).collect())
    }

    /// Every entry, as a set.
    pub fn set(&'static self) -> HashSet<&'static str> {
        self.list().iter().copied().collect()
    }

    /// A [`Shape::Map`]'s pairs, in the file's order.
    pub fn pairs(&'static self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.lines().iter().map(|l| (l.key, l.entries[0]))
    }

    /// A [`Shape::Lists`] key's entries (empty when the key has no line).
    pub fn entries_of(&'static self, key: &str) -> &'static [&'static str] {
        self.lines().iter().find(|l| l.key == key).map_or(&[], |l| l.entries.as_slice())
    }
}

/// A table's lines, or what is wrong with them (line numbers from 1).
fn parse(text: &'static str, shape: Shape) -> Result<Vec<Line>, String> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |what: &str| format!("line {}: {what}: {raw:?}", n + 1);
        let split = |s: &'static str| -> Result<Vec<&'static str>, String> {
            let entries: Vec<&'static str> = s.split(',').map(str::trim).collect();
            if entries.iter().any(|e| e.is_empty()) {
                return Err(at("an empty entry"));
            }
            Ok(entries)
        };
        let keyed = |line: &'static str| -> Result<(&'static str, &'static str), String> {
            let (k, v) = line.split_once(':').ok_or_else(|| at("no `key:`"))?;
            let k = k.trim();
            if k.is_empty() || k.contains(',') {
                return Err(at("a key must be one entry"));
            }
            Ok((k, v))
        };
        let parsed = match shape {
            Shape::List => {
                if line.contains([',', ':']) {
                    return Err(at("one entry a line, no `,` or `:`"));
                }
                Line { key: "", entries: vec![line] }
            }
            Shape::Groups => {
                if line.contains(':') {
                    return Err(at("a group has no `key:`"));
                }
                let entries = split(line)?;
                if entries.len() < 2 {
                    return Err(at("a group needs at least two entries"));
                }
                Line { key: "", entries }
            }
            Shape::Map => {
                let (key, v) = keyed(line)?;
                let v = v.trim();
                if v.is_empty() || v.contains([',', ':']) {
                    return Err(at("one value a key"));
                }
                Line { key, entries: vec![v] }
            }
            Shape::Index | Shape::Lists => {
                let (key, v) = keyed(line)?;
                Line { key, entries: split(v)? }
            }
        };
        out.push(parsed);
    }
    if out.is_empty() {
        return Err("no entries".into());
    }
    Ok(out)
}

/// What is listed twice in a table, by its shape's rule (see [`Shape`]).
#[cfg(test)]
fn duplicates(t: &'static Table) -> Vec<String> {
    let mut found = Vec::new();
    let mut keys = HashSet::new();
    let mut entries = HashSet::new();
    for l in t.lines() {
        if !l.key.is_empty() && !keys.insert(l.key) {
            found.push(format!("key {:?}", l.key));
        }
        let mut own = HashSet::new();
        for e in &l.entries {
            let across = matches!(t.shape, Shape::List | Shape::Groups | Shape::Index);
            if !own.insert(*e) || (across && !entries.insert(*e)) {
                found.push(format!("entry {e:?}"));
            }
        }
    }
    found
}

macro_rules! tables {
    ($($(#[doc = $doc:literal])* $name:ident = $file:literal, $shape:ident;)*) => {
        $(
            $(#[doc = $doc])*
            pub static $name: Table = Table::new($file, Shape::$shape, include_str!(concat!("words/", $file)));
        )*
        /// Every table, for the tests.
        #[cfg(test)]
        static ALL: &[&Table] = &[$(&$name),*];
    };
}

tables! {
    // Comparing claims (`terms`, `numbers`, `stems`).
    /// Function words left out of a text's terms.
    STOPWORDS = "stopwords.txt", List;
    /// Small words kept in a text's shape for `edits` ("more", "all", "than", in several languages).
    QUALIFIERS = "qualifiers.txt", List;
    /// Numbers in words in other languages, by language ("es: dos=2, tres=3, ...").
    CARDINALS_OTHER = "cardinals_other.txt", Lists;
    /// Other languages' function words, by language ("es: el, la, los, ...").
    FUNCTION_WORDS = "function_words.txt", Lists;
    /// Those of them that are English words too ("die", "war", "in"), kept in a text of no guessed language.
    ALSO_ENGLISH = "function_words_also_english.txt", List;
    /// Words that negate what they stand in (`~not`).
    NEGATIONS = "negations.txt", List;
    /// Words before a figure that say it is rounded ("nearly", "about").
    HEDGES = "hedges.txt", List;
    /// Comparatives of the top before "than" ("bigger than").
    MORE_THAN = "more_than.txt", List;
    /// Comparatives of the bottom before "than" ("lower than").
    LESS_THAN = "less_than.txt", List;
    /// Ordinals in words and their number ("fifth: 5").
    ORDINALS = "ordinals.txt", Map;
    /// The word for a year after a count of years, as a term ("year", "ans", "jahren").
    YEAR_WORDS = "year_words.txt", List;
    /// "never" and "before" words that together say a record ("jamais ... vu").
    NEVER_BEFORE = "never_before.txt", Lists;
    /// Words read as their opposite, negated ("acquitted: convicted").
    OPPOSITES = "opposites.txt", Map;
    /// Words of a rise (`~up`).
    UP = "up.txt", List;
    /// Words of a fall (`~down`).
    DOWN = "down.txt", List;
    /// The words around a share that moved ("from: from, de, von", "to: to, à, auf").
    TRANSITION_WORDS = "transition_words.txt", Lists;
    /// Verbs that say a figure multiplied ("doubled").
    MULTIPLIED = "multiplied.txt", List;
    /// Words of a top extreme (`~high`).
    HIGH = "high.txt", List;
    /// Words of a bottom extreme (`~low`).
    LOW = "low.txt", List;
    /// Irregular forms and the base the stemmer reads them as ("paid: pay").
    IRREGULAR = "irregular.txt", Map;
    /// Variants of one meaning, canonical first ("unemployment, jobless").
    VARIANTS = "variants.txt", Groups;
    /// Countries and regions with their adjectives and demonyms ("wales, welsh").
    PLACES = "places.txt", Groups;
    /// Units of measure, flagged as names are ("acres", "hectares").
    UNITS = "units.txt", List;
    /// A country's capital city ("germany: berlin").
    CAPITALS = "capitals.txt", Map;
    /// A word read as another before a given next word ("public debt: national").
    CONTEXT_VARIANTS = "context_variants.txt", Map;
    /// Two-word phrases read as one term or marker ("carbon dioxide: co2", "went up: ~up").
    PHRASES = "phrases.txt", Map;
    /// Numbers in words below a hundred and their value ("forty: 40").
    CARDINALS = "cardinals.txt", Map;
    /// Fractions in words by their denominator ("3: third, thirds").
    FRACTIONS = "fractions.txt", Index;
    /// Words of a multiplier by how much ("2: doubled, twice").
    MULTIPLIERS = "multipliers.txt", Index;
    /// What the search index is asked for to find a multiplier.
    MULTIPLIER_PROBES = "multiplier_probes.txt", Lists;

    // Reading articles (`sentences`, `speakers`, `lexicon`, `worthiness`).
    /// Verbs (and verb forms) that introduce speech or a statement.
    SPEECH_VERBS = "speech_verbs.txt", List;
    /// Speech verbs after which an inverted subject may follow ("said Ryder").
    INVERTING_VERBS = "inverting_verbs.txt", List;
    /// Participles that continue the attribution of the clause before ("adding that").
    SPEECH_PARTICIPLES = "speech_participles.txt", List;
    /// Abbreviations after which a full stop does not end a sentence.
    TITLE_ABBREVS = "title_abbrevs.txt", List;
    /// Abbreviations that end a sentence only before a typical sentence opener.
    SOFT_ABBREVS = "soft_abbrevs.txt", List;
    /// Capitalised words that usually open a sentence.
    SENTENCE_OPENERS = "sentence_openers.txt", List;
    /// Openers left out of a claim's proposed wording ("However,").
    DISCOURSE_OPENERS = "discourse_openers.txt", List;
    /// Honorifics: dropped from a name, kept for gender.
    HONORIFICS = "honorifics.txt", List;
    /// Military and police ranks.
    RANKS = "ranks.txt", List;
    /// Words naming an office or job.
    ROLE_WORDS = "role_words.txt", List;
    /// Words that mark a capitalised name as an organisation.
    ORG_WORDS = "org_words.txt", List;
    /// Plural nouns for unnamed sources ("officials").
    GENERIC_SOURCES = "generic_sources.txt", List;
    /// Lowercase particles inside a name ("van").
    NAME_PARTICLES = "name_particles.txt", List;
    /// Credentials after a name ("MD").
    CREDENTIALS = "credentials.txt", List;
    /// Words between a subject and its speech verb ("earlier").
    PRE_VERB_FILLERS = "pre_verb_fillers.txt", List;
    /// Subject pronouns.
    PRONOUNS = "pronouns.txt", List;
    /// Common male given names.
    MALE_NAMES = "male_names.txt", List;
    /// Common female given names.
    FEMALE_NAMES = "female_names.txt", List;
    /// Words that mark an opinion.
    OPINION_WORDS = "opinion_words.txt", List;
    /// Words that mark a prediction or a possibility.
    PREDICTION_WORDS = "prediction_words.txt", List;
    /// Words that make a sentence numeric.
    NUMBER_WORDS = "number_words.txt", List;
    /// Lowercase nouns that stand for an organisation, by kind ("company: firm").
    ORG_DESCRIPTORS = "org_descriptors.txt", Index;
    /// Words an organisation of a descriptor kind has in its name ("airline: airways").
    DESCRIPTOR_NAME_WORDS = "descriptor_name_words.txt", Lists;
    /// Number words that count only with a unit after them.
    SMALL_NUMBER_WORDS = "small_number_words.txt", List;
    /// Magnitudes and units that make a number a quantity.
    QUANTITY_WORDS = "quantity_words.txt", List;
    /// Irregular past forms.
    PAST_IRREGULAR = "past_irregular.txt", List;
    /// Words that end a role phrase read backwards from a name.
    ROLE_STOP = "role_stop.txt", List;
    /// Prepositions after which a capitalised name is likely a place.
    PLACE_PREPS = "place_preps.txt", List;
    /// Prepositions after which a capitalised name is a place, never the speaker.
    PLACE_ONLY_PREPS = "place_only_preps.txt", List;
    /// First words of many place names ("New", "San").
    PLACE_FIRST = "place_first.txt", List;
    /// Demonyms the suffix test misses.
    DEMONYMS = "demonyms.txt", List;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_has_no_duplicates_and_is_listed() {
        for t in ALL {
            parse(t.text, t.shape).unwrap_or_else(|e| panic!("words/{}: {e}", t.file));
            assert!(duplicates(t).is_empty(), "words/{} lists twice: {:?}", t.file, duplicates(t));
            assert!(t.text.starts_with('#'), "words/{} opens with a comment saying what it holds", t.file);
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/language/words");
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(ALL.iter().any(|t| t.file == name), "words/{name} is read by no table");
        }
    }

    #[test]
    fn each_shape_reads_its_lines_and_refuses_the_others() {
        let cases: &[(&'static str, Shape, Result<&[(&str, &[&str])], &str>)] = &[
            ("# a comment\n\nrose\n  fell  \n", Shape::List, Ok(&[("", &["rose"]), ("", &["fell"])])),
            ("rose, fell\n", Shape::List, Err("line 1: one entry a line")),
            ("co2, carbon dioxide\n", Shape::Groups, Ok(&[("", &["co2", "carbon dioxide"])])),
            ("co2\n", Shape::Groups, Err("line 1: a group needs at least two entries")),
            ("co2, , x\n", Shape::Groups, Err("line 1: an empty entry")),
            ("paid: pay\n", Shape::Map, Ok(&[("paid", &["pay"])])),
            ("paid: pay, paying\n", Shape::Map, Err("line 1: one value a key")),
            ("paid pay\n", Shape::Map, Err("line 1: no `key:`")),
            ("2: half, halves\n3: third\n", Shape::Index, Ok(&[("2", &["half", "halves"]), ("3", &["third"])])),
            (": half\n", Shape::Lists, Err("line 1: a key must be one entry")),
            ("# only comments\n", Shape::List, Err("no entries")),
        ];
        for (text, shape, want) in cases {
            let got = parse(text, *shape);
            match want {
                Ok(lines) => {
                    let got = got.unwrap_or_else(|e| panic!("{text:?}: {e}"));
                    let got: Vec<(&str, &[&str])> = got.iter().map(|l| (l.key, l.entries.as_slice())).collect();
                    assert_eq!(&got, lines, "{text:?}");
                }
                Err(e) => assert!(got.as_ref().is_err_and(|g| g.starts_with(e)), "{text:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn duplicates_follow_each_shapes_rule() {
        static LIST: Table = Table::new("t", Shape::List, "a\nb\na\n");
        static GROUPS: Table = Table::new("t", Shape::Groups, "a, b\nc, b\n");
        static MAP: Table = Table::new("t", Shape::Map, "lost: lose\nloss: lose\n");
        static MAP_TWICE: Table = Table::new("t", Shape::Map, "lost: lose\nlost: lost\n");
        static LISTS: Table = Table::new("t", Shape::Lists, "club: fc, city\nteam: fc, city\n");
        static LISTS_TWICE: Table = Table::new("t", Shape::Lists, "club: fc, fc\n");
        assert_eq!(duplicates(&LIST), ["entry \"a\""]);
        assert_eq!(duplicates(&GROUPS), ["entry \"b\""]);
        assert!(duplicates(&MAP).is_empty(), "two forms may share a base");
        assert_eq!(duplicates(&MAP_TWICE), ["key \"lost\""]);
        assert!(duplicates(&LISTS).is_empty(), "two kinds may share a name word");
        assert_eq!(duplicates(&LISTS_TWICE), ["entry \"fc\""]);
    }
}
