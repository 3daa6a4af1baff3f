//! The wording proposed for a claim made of an article's sentence: the sentence without the
//! discourse openers that say nothing checkable ("However,", "Well, just to be clear,"), with its
//! first letter capitalised. The evidence excerpt stays the article's exact words.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::words::DISCOURSE_OPENERS;

fn openers() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| DISCOURSE_OPENERS.set())
}

/// The longest opener `text` starts with (case aside), and the text after it and its comma:
/// `None` when it opens with none. "and" and "but" need no comma.
fn strip_one(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    // Lowercasing can change lengths outside ASCII: only an ASCII start is read.
    if !text.is_char_boundary(lower.len().min(text.len())) || lower.len() != text.len() {
        return None;
    }
    let mut best: Option<&str> = None;
    for o in openers() {
        if !lower.starts_with(o) {
            continue;
        }
        let rest = &text[o.len()..];
        let after = if let Some(r) = rest.strip_prefix(',') {
            r
        } else if matches!(*o, "and" | "but") && rest.starts_with(' ') {
            rest
        } else {
            continue;
        };
        if best.is_none_or(|b| after.len() < b.len()) {
            best = Some(after);
        }
    }
    best.map(str::trim_start)
}

/// `text` without its discourse openers, first letter capitalised; `text` itself when it has none
/// or when fewer than three words would be left.
pub fn proposed(text: &str) -> String {
    let mut rest = text.trim_start();
    let mut stripped = false;
    while let Some(r) = strip_one(rest) {
        rest = r;
        stripped = true;
    }
    if !stripped || rest.split_whitespace().count() < 3 {
        return text.to_string();
    }
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::proposed;

    #[test]
    fn openers_are_left_out_and_the_rest_kept() {
        for (text, want) in [
            ("However, the budget rose by 4% last year.", "The budget rose by 4% last year."),
            ("Well, just to be clear, we never cut the police budget.", "We never cut the police budget."),
            ("But the council spent €12 million on lighting.", "The council spent €12 million on lighting."),
            ("And yet, unemployment fell to 3.9%.", "Unemployment fell to 3.9%."),
            ("In fact, crime is at a record low.", "Crime is at a record low."),
            // Nothing to leave out, or an opener that is part of the claim.
            ("The budget rose by 4% last year.", "The budget rose by 4% last year."),
            ("Nowhere in Europe is rent higher.", "Nowhere in Europe is rent higher."),
            ("Well over half of voters agreed.", "Well over half of voters agreed."),
            ("Still water is cheaper than sparkling.", "Still water is cheaper than sparkling."),
            // Too little left to be a claim.
            ("However, not now.", "However, not now."),
        ] {
            assert_eq!(proposed(text), want, "{text}");
        }
    }
}
