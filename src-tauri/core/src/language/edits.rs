//! Two claims written as one sentence with a word or two changed: the words that changed are the
//! claim. "Knife crime in London has risen by 20%" and "Gun crime in London has risen by 20%",
//! "30% more likely to develop dementia" and "30% less likely", "1.5 million new homes" and "1.5
//! million new council homes", "wind generated more than gas" and "gas generated more than wind"
//! read alike to a sentence model (their cosine is 0.95 and more), yet a checker who verified one
//! has not verified the other. A paraphrase another outlet writes changes many words and their
//! order; a near miss keeps the sentence and changes what is claimed.
//!
//! Compared here: each text's shape (`terms::Analysis::shape`), its words' terms and markers in
//! order with the small words that carry a claim (`words/qualifiers.txt`), figures and names'
//! flags left to the rules of `compare`. Two shapes are one sentence when, figures set aside,
//! their longest common subsequence leaves at most [`slack`] words of the longer one out.
//! Variants and markers are already one term ("rose" and "went up" are `~up`), so a synonym the
//! tables know is no change.

use std::collections::HashMap;

/// How two texts written as one sentence differ, when they do (see [`edit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Words changed: each text has words the other does not ("knife" / "gun", "more" / "less").
    Changed,
    /// Words added: one text says all the other says and more ("new homes" / "new council homes").
    Added,
    /// The same words, with two of them on the other side of a comparison ("wind more than gas" /
    /// "gas more than wind") or of a verb ("Sinner beat Alcaraz" / "Alcaraz beat Sinner").
    Swapped,
}

/// Words of the longer shape that may fall outside the common subsequence for two texts to be one
/// sentence: one in a text of fewer than eight, one more for every eight words.
pub fn slack(longest: usize) -> usize {
    1 + longest / 8
}

/// The comparison words around which roles swap ("than", and "que", "als", "dan", "che").
fn pivot(w: &str) -> bool {
    matches!(w, "than" | "que" | "als" | "dan" | "che")
}

/// The length of the longest common subsequence of two shapes.
fn common(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Each word's count in a shape.
fn bag(s: &[String]) -> HashMap<&str, i32> {
    let mut m = HashMap::new();
    for w in s {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

/// The words before the first comparison word, and those after it (none without one).
fn sides(s: &[String]) -> Option<(&[String], &[String])> {
    let k = s.iter().position(|w| pivot(w))?;
    Some((&s[..k], &s[k + 1..]))
}

/// The words of `x` that `y` has fewer of.
fn only<'a>(x: &HashMap<&'a str, i32>, y: &HashMap<&'a str, i32>) -> Vec<&'a str> {
    x.iter().filter(|(w, n)| y.get(*w).copied().unwrap_or(0) < **n).map(|(w, _)| *w).collect()
}

/// Which way a shape compares: +1 for "more", a rise or a top, -1 for "less", a fall or a bottom,
/// 0 for neither or both.
fn polarity(s: &[String]) -> i32 {
    let up = s.iter().any(|w| matches!(w.as_str(), "more" | "most" | "exceed" | "~up" | "~high"));
    let down = s.iter().any(|w| matches!(w.as_str(), "less" | "fewer" | "least" | "below" | "~down" | "~low"));
    i32::from(up) - i32::from(down)
}

/// The same words with two names or phrases trading places around what joins them: "Russia
/// overtook Saudi Arabia" / "Saudi Arabia overtook Russia", "Sinner beat Alcaraz" / "Alcaraz beat
/// Sinner", "unemployment fell and inflation rose" / "inflation fell and unemployment rose". The
/// words between them are kept (a verb, a comparison); a phrase moved to the other end of the
/// sentence ("From April, the wage will rise" / "The wage will rise from April") has nothing
/// between and is no swap.
fn swapped_around(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(first) = a.iter().zip(b).position(|(x, y)| x != y) else { return false };
    let last = a.len() - a.iter().rev().zip(b.iter().rev()).position(|(x, y)| x != y).unwrap_or(0);
    let (wa, wb) = (&a[first..last], &b[first..last]);
    // Each side at most three words, and at most six between them ("India won the 2024 T20 World
    // Cup, beating South Africa" / "South Africa won ..., beating India").
    let n = wa.len();
    (1..=3.min(n)).any(|x| {
        (1..=3.min(n - x)).any(|y| {
            let mid = n - x - y;
            (1..=6).contains(&mid)
                && wa[..x] != wa[n - y..]
                && wb[..y] == wa[n - y..]
                && wb[y..y + mid] == wa[x..x + mid]
                && wb[y + mid..] == wa[..x]
        })
    })
}

/// Whether two texts are written with the very same words, small ones included, in any order. A
/// passive turned active brings words of its own ("is generated by"), so "solar panels supply a
/// fifth of the electricity" / "a fifth of the electricity is generated by solar panels" are not
/// roles swapped, though their shapes read so.
fn same_words(a: &str, b: &str) -> bool {
    use super::tokens::{read, Token};
    let words = |t: &str| -> Vec<String> {
        let mut w: Vec<String> = read(t)
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(_, lower, _) => Some(lower),
                _ => None,
            })
            .collect();
        w.sort_unstable();
        w
    };
    words(a) == words(b)
}

/// A figure's term (`#12`, `№2`, `×3`): compared by `compare`'s figure rule, not here.
fn figure(w: &str) -> bool {
    w.starts_with('#') || w.starts_with('№') || w.starts_with('×')
}

/// The same sentence but for one run of up to three words in one place, on either side or both:
/// "50,000 people died" / "50,000 buildings collapsed", "deaths fell by 27% in 2024" / "... among
/// teenagers". At least four words kept around it.
fn one_block(wa: &[String], wb: &[String]) -> bool {
    let head = wa.iter().zip(wb).take_while(|(x, y)| x == y).count();
    let tail = wa[head..].iter().rev().zip(wb[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (wa.len() - head - tail, wb.len() - head - tail);
    head + tail >= 4 && ra <= 3 && rb <= 3 && ra + rb > 0
}

/// The text says whose claim it is: "according to", or a verb of speech ("said", "told").
fn attributed(text: &str) -> bool {
    use super::tokens::{read, Token};
    use super::words::SPEECH_VERBS;
    read(text).iter().any(|t| matches!(t, Token::Word(_, w, _) if w == "according" || SPEECH_VERBS.list().contains(&w.as_str())))
}

/// How two shapes differ when they are one sentence with a word or two changed, added or moved
/// across a comparison; None when they are the same words in another order, when only their
/// figures differ (the figure rule says so), or when they are not one sentence (a paraphrase, or
/// another claim altogether). Roles swapped along with the comparison ("natives are arrested
/// more than immigrants", "immigrants are arrested less than natives") say the same.
pub fn edit(a_text: &str, a: &[String], b_text: &str, b: &[String]) -> Option<Edit> {
    let (ba, bb) = (bag(a), bag(b));
    let longest = a.len().max(b.len());
    if let (Some((a1, a2)), Some((b1, b2))) = (sides(a), sides(b)) {
        let crossed = a1.iter().any(|w| b2.contains(w) && !b1.contains(w)) && a2.iter().any(|w| b1.contains(w) && !b2.contains(w));
        if crossed {
            let shared: i32 = ba.iter().map(|(w, n)| (*n).min(bb.get(w).copied().unwrap_or(0))).sum();
            let alike = shared as f32 >= 0.6 * longest as f32;
            return (alike && polarity(a) == polarity(b)).then_some(Edit::Swapped);
        }
    }
    if ba == bb {
        // Figures trading places ("53 in 2023, down from 62" / "62 in 2023, up from 53") are
        // roles swapped whatever small words turn with them.
        let figures_only = a.iter().zip(b).all(|(x, y)| x == y || (figure(x) && figure(y)));
        return (swapped_around(a, b) && (figures_only || same_words(a_text, b_text))).then_some(Edit::Swapped);
    }
    // Counted in words: a figure added with its words ("in the first half of 2024" for "in 2024")
    // is the figure rule's to weigh, and would otherwise make the sentence look rewritten.
    // ("half" is kept beside its figure, `#50`, as a word of periods too: "the first half".)
    let words = |s: &[String]| -> Vec<String> { s.iter().filter(|w| !figure(w) && *w != "half").cloned().collect() };
    let (wa, wb) = (words(a), words(b));
    let wordiest = wa.len().max(wb.len());
    if longest < 3 || (wordiest - common(&wa, &wb) > slack(wordiest) && !one_block(&wa, &wb)) {
        return None;
    }
    let (oa, ob) = (only(&ba, &bb), only(&bb, &ba));
    if !oa.is_empty() && !ob.is_empty() && oa.iter().chain(&ob).all(|w| figure(w)) {
        return None;
    }
    if !oa.is_empty() && !ob.is_empty() {
        Some(Edit::Changed)
    } else if attributed(a_text) != attributed(b_text) {
        // Whose claim it is, added ("..., the CDC said"): the same claim.
        None
    } else {
        Some(Edit::Added)
    }
}

/// The words, as written, that only `a` has and that only `b` has (compared by stem, each once,
/// in the text's order, at most three a side; function words and figures left out: the figure rule
/// names those), to show a checker what an edit changed.
pub fn changed_words(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    use super::terms::content_terms;
    use super::tokens::{read, Token};
    use super::words::QUALIFIERS;
    // Each word as the comparison reads it alone: its term ("rises" and "rising" are `~up`,
    // "homes" `home`), or itself for a small word that carries a claim ("more", "all").
    let words = |text: &str| -> Vec<(String, String)> {
        read(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(raw, lower, _) => {
                    let raw = raw.trim_end_matches(['\'', '’']).to_string();
                    let terms: Vec<String> = content_terms(&lower).into_iter().filter(|t| !t.starts_with('@')).collect();
                    if terms.iter().any(|t| figure(t)) {
                        return None;
                    }
                    if terms.is_empty() {
                        return QUALIFIERS.list().contains(&lower.as_str()).then(|| (raw, lower));
                    }
                    Some((raw, terms.join(" ")))
                }
                _ => None,
            })
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let only = |x: &[(String, String)], y: &[(String, String)]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (raw, key) in x {
            if !y.iter().any(|(_, k)| k == key) && !out.iter().any(|o| o.eq_ignore_ascii_case(raw)) && out.len() < 3 {
                out.push(raw.clone());
            }
        }
        out
    };
    (only(&wa, &wb), only(&wb, &wa))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::terms::analyse;

    fn shape(text: &str) -> Vec<String> {
        analyse(text).shape
    }

    #[test]
    fn changed_words_are_shown_as_written() {
        for (a, b, theirs, yours) in [
            ("Gun crime in London has risen by 20%", "Knife crime in London has risen by 20%", &["Gun"][..], &["Knife"][..]),
            ("Labour will build 1.5 million new council homes", "Labour will build 1.5 million new homes", &["council"], &[]),
            ("People are 30% less likely to develop dementia", "People are 30% more likely to develop dementia", &["less"], &["more"]),
            // Inflections and figures are not words changed.
            ("Council tax rises by 21% over two years", "Council tax is rising by 21% over 2 years", &[], &[]),
        ] {
            let (t, y) = changed_words(a, b);
            let (t, y): (Vec<&str>, Vec<&str>) = (t.iter().map(String::as_str).collect(), y.iter().map(String::as_str).collect());
            assert_eq!((t.as_slice(), y.as_slice()), (theirs, yours), "{a} / {b}");
        }
    }

    #[test]
    fn slack_grows_with_the_sentence() {
        for (n, want) in [(3, 1), (7, 1), (8, 2), (15, 2), (16, 3), (24, 4)] {
            assert_eq!(slack(n), want, "{n}");
        }
    }

    #[test]
    fn shapes_keep_order_qualifiers_markers_and_figures_but_no_flags() {
        for (text, want) in [
            ("Knife crime in London rose by 20%", &["knif", "crim", "london", "~up", "#20"][..]),
            ("30% more likely than before", &["#30", "more", "likeli", "than", "before"]),
            ("Trump won all seven swing states", &["trump", "win", "all", "#7", "swing", "stat"]),
            ("Unemployment did not fall", &["unemployment", "~down", "~not"]),
        ] {
            assert_eq!(shape(text), want, "{text}");
        }
    }

    #[test]
    fn one_sentence_with_words_changed_added_or_swapped() {
        use Edit::*;
        for (a, b, want) in [
            // A word swapped: the subject, a qualifier, a comparison.
            ("Knife crime in London has risen by 20% since Sadiq Khan became mayor", "Gun crime in London has risen by 20% since Sadiq Khan became mayor", Some(Changed)),
            ("People who sleep less than six hours a night are 30% more likely to develop dementia", "People who sleep less than six hours a night are 30% less likely to develop dementia", Some(Changed)),
            ("Team GB won 65 medals at the Paris Olympics, one more than in Tokyo", "Team GB won 65 medals at the Paris Olympics, one fewer than in Tokyo", Some(Changed)),
            ("Trump won all seven swing states in the 2024 election", "Trump won six of the seven swing states in the 2024 election", Some(Changed)),
            // A word added.
            ("Labour has pledged to build 1.5 million new homes in England by the end of this parliament", "Labour has pledged to build 1.5 million new council homes in England by the end of this parliament", Some(Added)),
            ("La tasa de paro en España bajó al 10% en el segundo trimestre", "La tasa de paro juvenil en España bajó al 10% en el segundo trimestre", Some(Added)),
            // Roles swapped around the comparison.
            ("Wind power generated more of Britain's electricity than gas in 2023", "Gas generated more of Britain's electricity than wind power in 2023", Some(Swapped)),
            // A figure on one side only: a period, a rank, a year.
            ("Birmingham City Council is raising council tax by 21% over two years", "Birmingham City Council is raising council tax by 21% in one year", Some(Added)),
            ("Guns are now the leading cause of death for children in the United States", "Guns are now the second leading cause of death for children in the United States", Some(Added)),
            // Roles swapped around a verb.
            ("Russia overtook Saudi Arabia as China's largest crude oil supplier in 2023", "Saudi Arabia overtook Russia as China's largest crude oil supplier in 2023", Some(Swapped)),
            ("Jannik Sinner beat Carlos Alcaraz in the 2025 Wimbledon final", "Carlos Alcaraz beat Jannik Sinner in the 2025 Wimbledon final", Some(Swapped)),
            // A figure added with its words: counted as the words added, not as a rewrite.
            ("Ireland collected €28 billion in corporation tax in 2024, more than a quarter of all tax revenue", "Ireland collected €28 billion in corporation tax in the first half of 2024, more than a quarter of all tax revenue", Some(Added)),
            ("Researchers found microplastics in all 62 human placentas they tested", "Researchers found microplastics in half of the 62 human placentas they tested", Some(Changed)),
            // One run of words changed or added, however short the sentence.
            ("More than 50,000 people died in Turkey in the February 2023 earthquakes", "More than 50,000 buildings collapsed in Turkey in the February 2023 earthquakes", Some(Changed)),
            ("US drug overdose deaths fell by about 27% in 2024", "US drug overdose deaths fell by about 27% in 2024 among teenagers", Some(Added)),
            // Figures trading places, and names around a verb with more between them.
            ("Sweden recorded 53 deaths from shootings in 2023, down from 62 in 2022", "Sweden recorded 62 deaths from shootings in 2023, up from 53 in 2022", Some(Swapped)),
            ("India won the 2024 T20 World Cup, beating South Africa by seven runs in the final", "South Africa won the 2024 T20 World Cup, beating India by seven runs in the final", Some(Swapped)),
            // An attribution added is no change of claim.
            ("US drug overdose deaths fell by about 27% in 2024", "US drug overdose deaths fell by about 27% in 2024, the CDC said", None),
            // Roles and comparison both turned: the same claim.
            ("Immigrants are arrested less often than natives in the state", "Natives are arrested more often than immigrants in the state", None),
            // Not an edit: the same words reordered, a figure changed (the figure rule's job), a
            // synonym the tables know, a paraphrase.
            ("The national living wage will rise to £12.21 an hour from April", "From April, the national living wage will rise to £12.21 an hour", None),
            ("Sinner and Alcaraz met in the 2025 Wimbledon final", "Alcaraz and Sinner met in the 2025 Wimbledon final", None),
            // Active and passive read as roles swapped in shape; the passive's own words say not.
            ("Solar panels now supply a fifth of the country's electricity", "One fifth of the country's electricity is now generated by solar panels", None),
            ("Congress stalled the aid package", "The aid package was stalled by Congress", None),
            ("Knife crime in London has risen by 20%", "Knife crime in London has risen by 30%", None),
            ("Knife crime in London has risen by 20%", "Knife crime in London has gone up by 20%", None),
            ("Inflation in the US fell to 2.9% in July, the lowest since March 2021", "American inflation dropped to 2.9 per cent in July, its lowest level since March 2021", None),
            ("Labour has pledged to build 1.5 million new homes in England by the end of this parliament", "The Labour government promises 1,500,000 new homes will be built in England before the parliament ends", None),
        ] {
            assert_eq!(edit(a, &shape(a), b, &shape(b)), want, "{a} / {b}: {:?} / {:?}", shape(a), shape(b));
        }
    }
}
