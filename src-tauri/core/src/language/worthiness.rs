//! Check-worthiness: how much a sentence is worth checking, a score in 0..1 with the reasons that
//! produced it ([`features`], [`score`]), for an article's candidates and for a claim's wording on
//! its own, outside any article ([`claim_worthiness`]: the claim list's `worthiness`, sort and
//! column), so a claim and an article sentence with the same words and speaker score alike.

use super::lexicon::{NUMBER_WORDS, OPINION_WORDS, PREDICTION_WORDS};
use super::speakers::{Registry, Spk};
use super::tokens::{tokenize, Tok};
use super::words::{PAST_IRREGULAR, QUANTITY_WORDS, SMALL_NUMBER_WORDS};
use crate::model::CandidateKind;

/// What makes a sentence worth checking or not, read from its words ([`features`]).
pub struct Features {
    pub numeric: bool,
    pub question: bool,
    pub opinion: Option<String>,
    pub prediction: Option<String>,
    pub past: bool,
    pub comparative: bool,
    pub proper_nouns: bool,
    pub second_person: bool,
    pub words: usize,
    /// A specific quantity: money, a percentage, or a number with a unit or magnitude ("$60 billion",
    /// "310 million cubic metres", "12%").
    pub amount: bool,
}

/// A word after a number that makes it a quantity ("five shelters", "12 per cent"): a magnitude,
/// a unit, or a plural noun.
fn is_unit(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| {
        t.word && !t.cap && {
            let w = t.lc.as_str();
            QUANTITY_WORDS.list().contains(&w)
                || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !matches!(w, "was" | "has" | "is" | "does" | "this" | "its" | "his" | "as" | "says"))
        }
    })
}

/// The [`Features`] of a sentence: its tokens, and its text (for the question mark).
pub fn features(toks: &[Tok], text: &[char]) -> Features {
    let mut f = Features {
        numeric: false,
        question: false,
        opinion: None,
        prediction: None,
        past: false,
        comparative: false,
        proper_nouns: false,
        second_person: false,
        words: 0,
        amount: false,
    };
    let trimmed: Vec<char> = text.iter().rev().copied().skip_while(|c| matches!(c, '"' | '”' | '’' | '\'' | ')' | ' ')).take(1).collect();
    f.question = trimmed.first() == Some(&'?');
    for (i, t) in toks.iter().enumerate() {
        if !t.word {
            if matches!(t.punct(), Some('$' | '£' | '€' | '¥' | '%')) {
                f.numeric = true;
                f.amount = true;
            }
            continue;
        }
        f.words += 1;
        let w = t.lc.as_str();
        let small = SMALL_NUMBER_WORDS.list().contains(&w);
        let next = toks.get(i + 1);
        // "at five" alone is no quantity; "five shelters", "third year", "five per cent" are.
        if t.is_digitish() || (NUMBER_WORDS.contains(w) && (!small || is_unit(next))) || (w == "cent" && i > 0 && toks[i - 1].is("per")) {
            f.numeric = true;
        }
        if (t.is_digitish() || small) && is_unit(next) && !next.is_some_and(|n| n.is("of") || n.is("more")) {
            f.amount = true;
        }
        if w.ends_with('%') || (t.is_digitish() && w.chars().any(char::is_alphabetic) && !w.ends_with("th") && !w.ends_with("st") && !w.ends_with("nd") && !w.ends_with("rd") && !w.contains('-')) {
            f.amount = true;
        }
        if f.opinion.is_none() && OPINION_WORDS.contains(w) {
            f.opinion = Some(w.to_string());
        }
        // "the future of US aid" is a noun, not a prediction.
        let noun_use = w == "future" && i > 0 && matches!(toks[i - 1].lc.as_str(), "the" | "a" | "its" | "their" | "our" | "his" | "her");
        if f.prediction.is_none() && PREDICTION_WORDS.contains(w) && !noun_use {
            f.prediction = Some(w.to_string());
        }
        let after_modal = i > 0 && matches!(toks[i - 1].lc.as_str(), "be" | "to" | "being");
        if !after_modal && (PAST_IRREGULAR.list().contains(&w) || (w.len() > 4 && w.ends_with("ed") && !OPINION_WORDS.contains(w))) {
            f.past = true;
        }
        if matches!(w, "most" | "more" | "fewer" | "less" | "least" | "largest" | "biggest" | "highest" | "lowest" | "record" | "first" | "only" | "never" | "every" | "all") {
            f.comparative = true;
        }
        if t.cap && i > 0 && !toks[i - 1].punct().is_some_and(|c| matches!(c, '.' | '"' | '“')) {
            f.proper_nouns = true;
        }
        if matches!(w, "you" | "your" | "imagine" | "let's" | "let’s") {
            f.second_person = true;
        }
    }
    f
}

/// The check-worthiness of a candidate of this kind with these features and speaker, and the
/// reasons, in the order they weighed.
pub fn score(kind: CandidateKind, f: &Features, speaker: Option<&str>, how: Option<&str>, generic: bool) -> (f32, Vec<String>) {
    let mut reasons = Vec::new();
    let mut s: f32 = match kind {
        CandidateKind::Quote => {
            reasons.push("direct quotation".to_string());
            0.5
        }
        CandidateKind::Numeric => {
            reasons.push("contains a number, amount or date".to_string());
            0.6
        }
        CandidateKind::Attributed => {
            reasons.push("reported speech".to_string());
            0.5
        }
        CandidateKind::Factual => {
            reasons.push("statement of fact".to_string());
            0.3
        }
    };
    if kind == CandidateKind::Quote && f.numeric {
        s += 0.2;
        reasons.push("contains a number, amount or date".into());
    }
    if f.amount && f.opinion.is_none() && !f.question {
        s += 0.12;
        reasons.push("a specific quantity (money, percentage or count)".into());
    }
    // A quotation with no number and no name in it is colour rather than a checkable fact.
    if kind == CandidateKind::Quote && !f.numeric && !f.proper_nouns {
        s -= 0.08;
        reasons.push("no specific fact (no number or name)".into());
    }
    if let Some(sp) = speaker {
        s += 0.1;
        match how {
            Some(h) => reasons.push(format!("speaker: {sp} ({h})")),
            None => reasons.push(format!("speaker: {sp}")),
        }
    } else if generic {
        s += 0.03;
        reasons.push("attributed to an unnamed source".into());
    } else if kind == CandidateKind::Quote {
        s -= 0.1;
        reasons.push("no speaker found".into());
    }
    if kind == CandidateKind::Factual && f.proper_nouns {
        s += 0.1;
        reasons.push("names a person, place or organisation".into());
    }
    if f.past {
        s += 0.08;
        reasons.push("specific past-tense statement".into());
    }
    if f.comparative {
        s += 0.05;
        reasons.push("comparison or superlative".into());
    }
    if f.question {
        s -= 0.4;
        reasons.push("a question, not a claim".into());
    }
    if let Some(w) = &f.opinion {
        s -= 0.4;
        reasons.push(format!("opinion language (“{w}”)"));
    }
    if let Some(w) = &f.prediction {
        s -= 0.15;
        reasons.push(format!("prediction or possibility (“{w}”)"));
    }
    if f.second_person {
        s -= 0.1;
        reasons.push("addresses the reader".into());
    }
    if f.words < 6 {
        s -= 0.12;
        reasons.push("very short".into());
    } else if f.words > 70 {
        s -= 0.05;
        reasons.push("very long".into());
    }
    (s.clamp(0.01, 0.99), reasons)
}

/// How check-worthy `text` is, in 0..1, read as one sentence of an article: a number, amount or
/// date makes it numeric, "X said that …" reported speech, anything else a statement of fact
/// (the quote marks that make an article's quotation are gone from a claim's wording). The
/// claimant, when known, is its speaker; otherwise a speaker named in the wording is. Empty
/// wording scores 0.
pub fn claim_worthiness(text: &str, claimant: Option<&str>) -> f32 {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.is_empty() {
        return 0.0;
    }
    let toks = tokenize(&chars, 0, chars.len());
    let f = features(&toks, &chars);
    let mut reg = Registry::default();
    let attr = reg.attributions(&toks, &chars, 0).into_iter().find(|a| a.spk.is_some());
    let kind = if f.numeric {
        CandidateKind::Numeric
    } else if attr.is_some() {
        CandidateKind::Attributed
    } else {
        CandidateKind::Factual
    };
    let (named, generic) = match attr.as_ref().and_then(|a| a.spk.as_ref()) {
        Some(Spk::Ent(id)) => (reg.ents.get(*id).map(|e| e.name.clone()), false),
        Some(Spk::Named { name, .. }) => (Some(name.clone()), false),
        Some(Spk::Generic(_)) => (None, true),
        None => (None, false),
    };
    let speaker = claimant.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).or(named);
    let how = attr.as_ref().map(|a| a.how);
    score(kind, &f, speaker.as_deref(), how, generic && speaker.is_none()).0
}

#[cfg(test)]
mod tests {
    use super::claim_worthiness;

    #[test]
    fn specific_facts_outrank_opinions_and_questions() {
        let fact = claim_worthiness("Unemployment fell to 3.9% in March, the lowest rate since 2001.", None);
        let opinion = claim_worthiness("I think our schools are wonderful places.", None);
        let question = claim_worthiness("Will the council ever fix the roads?", None);
        assert!(fact > opinion && fact > question, "fact {fact}, opinion {opinion}, question {question}");
        assert!((0.0..=1.0).contains(&fact));
        assert_eq!(claim_worthiness("   ", None), 0.0);
    }

    #[test]
    fn a_known_claimant_counts_as_the_speaker() {
        let text = "The new bridge cost the city more than any project in its history.";
        assert!(claim_worthiness(text, Some("Jane Doe")) > claim_worthiness(text, None));
    }
}
