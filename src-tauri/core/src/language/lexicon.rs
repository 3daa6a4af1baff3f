//! The word lists reading articles leans on (`speakers`, `sentences`, `worthiness`), as sets:
//! general English newswriting knowledge only, nothing that names a person, place or organisation
//! from any particular article. The words are data files (`words/`, see [`super::words`]).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::words::{self, DESCRIPTOR_NAME_WORDS, ORG_DESCRIPTORS};

/// Verbs (and verb forms) that introduce speech or a statement.
pub static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::SPEECH_VERBS.set());

/// Speech verbs after which an inverted subject may follow ("said Ryder").
pub static INVERTING_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::INVERTING_VERBS.set());

/// Participles that continue the attribution of the clause before ("…, adding that …").
pub static SPEECH_PARTICIPLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::SPEECH_PARTICIPLES.set());

/// Abbreviations after which a full stop does not end a sentence.
pub static TITLE_ABBREVS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::TITLE_ABBREVS.set());

/// Abbreviations that end a sentence only when followed by a typical sentence opener.
pub static SOFT_ABBREVS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::SOFT_ABBREVS.set());

/// Capitalised words that usually open a sentence (used for soft abbreviations and to keep
/// sentence-initial function words out of names).
pub static SENTENCE_OPENERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::SENTENCE_OPENERS.set());

/// Honorifics: dropped from a name, kept for gender.
pub static HONORIFICS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::HONORIFICS.set());

/// Military and police ranks: part of how a person is introduced, not of their office.
pub static RANKS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::RANKS.set());

/// Words naming an office or job (the head of a role phrase).
pub static ROLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::ROLE_WORDS.set());

/// Words that mark a capitalised name as an organisation.
pub static ORG_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::ORG_WORDS.set());

/// Plural nouns for unnamed sources ("officials said").
pub static GENERIC_SOURCES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::GENERIC_SOURCES.set());

/// Lowercase particles that may sit inside a name ("Erik van Sebille").
pub static NAME_PARTICLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::NAME_PARTICLES.set());

/// Credentials after a name, skipped ("Stephen Calderwood, MD,").
pub static CREDENTIALS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::CREDENTIALS.set());

/// Words that may sit between the subject and its speech verb ("Macron earlier this week said").
pub static PRE_VERB_FILLERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::PRE_VERB_FILLERS.set());

/// Subject pronouns.
pub static PRONOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::PRONOUNS.set());

/// Common given names, for a pronoun's gender. A name missing here just has unknown gender.
pub static MALE_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::MALE_NAMES.set());

/// Common female given names, for a pronoun's gender.
pub static FEMALE_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::FEMALE_NAMES.set());

/// Words that mark an opinion rather than a checkable statement.
pub static OPINION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::OPINION_WORDS.set());

/// Words that mark a prediction or a possibility.
pub static PREDICTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::PREDICTION_WORDS.set());

/// Words that make a sentence numeric (the small ones only with a unit after them).
pub static NUMBER_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words::NUMBER_WORDS.set());

/// Lowercase nouns that stand for an organisation ("the airline said"), with a canonical form.
pub fn org_descriptor(word: &str) -> Option<&'static str> {
    static BY_NOUN: LazyLock<HashMap<&'static str, &'static str>> =
        LazyLock::new(|| ORG_DESCRIPTORS.lines().iter().flat_map(|l| l.entries.iter().map(move |e| (*e, l.key))).collect());
    BY_NOUN.get(word).copied()
}

/// Nouns (or name words) that an organisation of a descriptor kind usually has in its name.
pub fn descriptor_name_words(canon: &str) -> &'static [&'static str] {
    DESCRIPTOR_NAME_WORDS.entries_of(canon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_and_the_name_words_of_their_kind() {
        for (noun, kind, name_words) in [
            ("carrier", Some("airline"), &["air", "airlines", "airways", "aviation", "jet", "wings"][..]),
            ("navy", Some("military"), &["army", "navy", "force", "forces", "military"]),
            ("watchdog", Some("regulator"), &["authority", "commission", "regulator", "office"]),
            ("prosecutors", Some("prosecution"), &[]),
            ("table", None, &[]),
        ] {
            assert_eq!(org_descriptor(noun), kind, "{noun}");
            assert_eq!(kind.map_or(&[][..], descriptor_name_words), name_words, "{noun}");
        }
        assert!(SPEECH_VERBS.contains("said") && ROLE_WORDS.contains("manager") && !SPEECH_VERBS.contains("table"));
    }
}
