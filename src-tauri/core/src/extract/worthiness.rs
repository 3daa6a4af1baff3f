//! Check-worthiness of a claim's wording on its own, outside any article: the claim list's
//! `worthiness` (sort and column). A thin wrapper over [`super::score`], so a claim and an article
//! sentence with the same words and speaker score alike.

use super::score::{features, score};
use super::speakers::{Registry, Spk};
use super::text::tokenize;
use super::CandidateKind;

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
