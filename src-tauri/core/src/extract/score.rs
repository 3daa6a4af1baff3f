//! Check-worthiness: a score in 0..1 and the reasons that produced it.

use super::lexicon::{NUMBER_WORDS, OPINION_WORDS, PREDICTION_WORDS};
use super::text::Tok;
use super::CandidateKind;

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

/// Number words that count only with a unit after them ("five shelters", not "at five").
const SMALL_NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth",
];

/// Magnitudes and units that make a number a quantity.
const UNITS: &[&str] = &[
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
    "dozen", "per", "percent", "year", "month", "week", "day", "hour", "minute", "second", "time", "metre",
    "meter", "mile", "kilometre", "kilometer", "km", "kg", "tonne", "ton", "pound", "dollar", "euro",
    "crown", "yuan", "yen", "rupee", "degree", "point", "seat", "vote", "goal", "run", "person", "child",
    "people", "children", "men", "women", "staff", "crew", "times", "more", "of",
];

fn is_unit(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| {
        t.word && !t.cap && {
            let w = t.lc.as_str();
            UNITS.contains(&w)
                || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !matches!(w, "was" | "has" | "is" | "does" | "this" | "its" | "his" | "as" | "says"))
        }
    })
}

const PAST_IRREGULAR: &[&str] = &[
    "was", "were", "had", "did", "died", "fell", "rose", "won", "lost", "made", "paid", "spent", "grew",
    "cut", "took", "gave", "left", "sold", "bought", "became", "began", "found", "killed", "hit", "met",
    "ran", "saw", "sent", "struck", "went", "wrote", "came", "built", "held", "kept", "led", "brought",
    "fought", "overseen", "seen", "been", "shot", "stole", "drove", "flew", "broke", "chose", "sank",
];

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
        let small = SMALL_NUMBER_WORDS.contains(&w);
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
        if !after_modal && (PAST_IRREGULAR.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !OPINION_WORDS.contains(w))) {
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
