//! The extraction engine's behaviour on the hard cases, bad input and offsets.

use factdesk_core::extract::{extract, extract_with, Candidate, CandidateKind, ExtractOptions};

fn quote<'a>(c: &'a [Candidate], needle: &str) -> &'a Candidate {
    c.iter()
        .find(|c| c.kind == CandidateKind::Quote && c.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote holding {needle:?} in {:#?}", c.iter().map(|c| (&c.text, c.kind, &c.speaker)).collect::<Vec<_>>()))
}

fn sentence<'a>(c: &'a [Candidate], needle: &str) -> &'a Candidate {
    c.iter().find(|c| c.text.contains(needle)).unwrap_or_else(|| panic!("no candidate holding {needle:?}"))
}

fn offsets_exact(text: &str, c: &[Candidate]) {
    let chars: Vec<char> = text.chars().collect();
    for x in c {
        assert!(x.start <= x.end && x.end <= chars.len());
        assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.text);
    }
}

#[test]
fn empty_and_blank_input_give_nothing() {
    assert!(extract("").is_empty());
    assert!(extract("   \n\n\t \r\n").is_empty());
}

#[test]
fn binary_looking_text_and_nul_bytes_do_not_panic() {
    let bin: String = (0u8..=255).cycle().take(50_000).map(|b| b as char).collect();
    let _ = extract(&bin);
    let noisy = "\u{0}\u{0}\u{fffd}\u{fffd}\u{1}\u{2}PK\u{3}\u{4}\u{fffd}";
    assert!(extract(noisy).is_empty());
    let text = "The council spent £4m on the bridge in 2021.\u{0}\u{0}\u{0}\"We will not pay a penny more,\" said Councillor Ann Bryce.";
    let c = extract(text);
    offsets_exact(text, &c);
    assert_eq!(quote(&c, "We will not pay").speaker.as_deref(), Some("Ann Bryce"));
}

#[test]
fn offsets_are_code_points_past_accents_emoji_and_cjk() {
    let text = "Café owner Zoë Ångström 🎉🇫🇷 said 東京 prices rose 12% in 2023.\n“Nobody expected prices to rise this quickly in Tōkyō,” Ångström said. 😀";
    let c = extract(text);
    assert!(!c.is_empty());
    offsets_exact(text, &c);
    let q = quote(&c, "Nobody expected");
    assert_eq!(q.speaker.as_deref(), Some("Zoë Ångström"));
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[q.start..q.end].iter().collect::<String>(), "Nobody expected prices to rise this quickly in Tōkyō");
}

#[test]
fn abbreviations_do_not_split_sentences() {
    let text = "Gen. Mark Ellison told the U.S. Senate on Tuesday at 10 a.m. that Dr. J. R. Okafor of Washington, D.C., had resigned from the No. 2 post at the agency. Sen. Paula Ruiz said she was surprised.";
    let c = extract(text);
    let first = sentence(&c, "Gen. Mark Ellison");
    assert!(first.text.ends_with("post at the agency."), "{:?}", first.text);
    assert_eq!(first.speaker.as_deref(), Some("Mark Ellison"));
    let second = sentence(&c, "Paula Ruiz said");
    assert_eq!(second.text, "Sen. Paula Ruiz said she was surprised.");
    assert_eq!(second.kind, CandidateKind::Attributed);
}

#[test]
fn role_and_rank_are_kept_apart_from_the_name() {
    let text = "“We have no plans to close the base this year,” Pentagon Press Secretary Major General Pat Ryder said.\n“That has not changed since the spring,” Ryder added.";
    let c = extract(text);
    for n in ["We have no plans", "That has not changed"] {
        let q = quote(&c, n);
        assert_eq!(q.speaker.as_deref(), Some("Pat Ryder"));
        assert_eq!(q.speaker_role.as_deref(), Some("Pentagon Press Secretary"));
    }
}

#[test]
fn pronouns_go_to_the_subject_not_the_nearest_name() {
    let text = "Mayor Linda Osgood said the talks with developer Peter Vance had been useful.\n“We agree on far more than we disagree on,” she said.\nOsgood met council leader Tom Reyes on Monday. “We shook hands on the park plan at last,” he said.";
    let c = extract(text);
    assert_eq!(quote(&c, "We agree on far more").speaker.as_deref(), Some("Linda Osgood"));
    // "he" is not Osgood (she), so the nearest compatible person, Reyes.
    assert_eq!(quote(&c, "We shook hands").speaker.as_deref(), Some("Tom Reyes"));
}

#[test]
fn inverted_and_appositive_attributions() {
    let text = "Drift Air cancelled 40 flights on Friday.\n\"Our crews are exhausted and the schedule was simply too ambitious,\" said Maria Lund, the airline's chief executive.\n\"Passengers deserve better than what they got this week,\" Jonas Berg, a consumer lawyer, told reporters.\nAccording to Drift Air, every passenger will be offered a refund within seven days.";
    let c = extract(text);
    let q = quote(&c, "Our crews are exhausted");
    assert_eq!(q.speaker.as_deref(), Some("Maria Lund"));
    assert_eq!(q.speaker_role.as_deref(), Some("airline's chief executive"));
    let q = quote(&c, "Passengers deserve better");
    assert_eq!(q.speaker.as_deref(), Some("Jonas Berg"));
    assert_eq!(q.speaker_role.as_deref(), Some("consumer lawyer"));
    let s = sentence(&c, "every passenger will be offered");
    assert_eq!(s.speaker.as_deref(), Some("Drift Air"));
}

#[test]
fn the_organisation_described_resolves_to_its_name() {
    let text = "Passengers on budget carrier Skylark were stranded for nine hours at Corran airport on Monday.\n“We apologise to every customer whose journey was disrupted by the fault,” the airline said in a statement.";
    let c = extract(text);
    assert_eq!(quote(&c, "We apologise").speaker.as_deref(), Some("Skylark"));
}

#[test]
fn quotes_over_paragraphs_and_continued_after_said() {
    let text = "Harbourmaster Ewan Doyle has worked the port for 30 years.\n“The channel silts up every winter,” Doyle said. “We dredge it every spring and the bill goes up every year.\n“Last year it was £2m. Nobody in the capital seems to care about that number.”\nThe ministry said a review was under way.";
    let c = extract(text);
    offsets_exact(text, &c);
    for n in ["The channel silts up", "We dredge it every spring", "Last year it was £2m"] {
        assert_eq!(quote(&c, n).speaker.as_deref(), Some("Ewan Doyle"), "{n}");
    }
}

#[test]
fn apostrophes_do_not_unbalance_quotes() {
    let text = "‘We’re not moving until the players’ wages are paid in full,’ said union official Gráinne O’Neill.\n‘It’s the club’s responsibility, not the fans’,’ she added.";
    let c = extract(text);
    let q = quote(&c, "We’re not moving");
    assert_eq!(q.text, "We’re not moving until the players’ wages are paid in full");
    assert_eq!(q.speaker.as_deref(), Some("Gráinne O’Neill"));
    assert_eq!(quote(&c, "It’s the club’s responsibility").speaker.as_deref(), Some("Gráinne O’Neill"));
}

#[test]
fn surname_first_names_resolve() {
    let text = "Finance Minister Wang Lihua said exports rose 8% in May.\n“The figures show demand is recovering across the region,” Wang said.";
    let c = extract(text);
    assert_eq!(quote(&c, "The figures show").speaker.as_deref(), Some("Wang Lihua"));
}

#[test]
fn opinions_questions_and_predictions_score_low_facts_high() {
    let text = "Fairhaven council spent £4.2 million on consultants in 2023, up 40% on the year before.\nThe bridge was closed on 3 March after inspectors found cracks in two supports.\nI think the council should be ashamed of itself.\nWhy does nobody ask what the money was for?\nThe new scheme will probably be a disaster.";
    let c = extract(text);
    let s = |n: &str| sentence(&c, n).score;
    assert!(s("spent £4.2 million") > 0.6, "{}", s("spent £4.2 million"));
    assert!(s("The bridge was closed") > 0.5);
    for low in ["I think the council", "Why does nobody", "will probably be"] {
        assert!(s(low) < 0.3, "{low}: {}", s(low));
    }
    assert_eq!(sentence(&c, "spent £4.2 million").kind, CandidateKind::Numeric);
    assert!(c.windows(2).all(|w| w[0].score >= w[1].score), "sorted by score");
    assert!(c.iter().all(|c| (0.0..=1.0).contains(&c.score) && !c.reasons.is_empty()));
}

#[test]
fn options_limit_the_result() {
    let text = "The council spent £4m on the bridge in 2021.\nI think it was a waste of money and time.\nThe mayor opened the bridge on a wet Tuesday in May.";
    let all = extract(text);
    let some = extract_with(text, &ExtractOptions { min_score: 0.5, ..ExtractOptions::default() });
    assert!(some.len() < all.len() && some.iter().all(|c| c.score >= 0.5));
    assert_eq!(extract_with(text, &ExtractOptions { max_candidates: Some(1), ..ExtractOptions::default() }).len(), 1);
}

#[test]
fn serialises_with_kind_in_snake_case() {
    let c = extract("“We will rebuild the pier by 2026,” said Mayor Jane Holt.");
    let v = serde_json::to_value(&c[0]).unwrap();
    assert_eq!(v["kind"], "quote");
    assert_eq!(v["speaker"], "Jane Holt");
    assert!(v["start"].is_u64() && v["end"].is_u64() && v["reasons"].is_array());
}

#[test]
fn a_20_mb_input_completes() {
    // Linear behaviour: a big article of mixed, unbalanced quotes must finish (no timing asserted).
    let para = "“Unclosed quote from Ms Rhea Moss, who said the port moved 4.1m tonnes in 2023 and that’s 12% more. \
                \"Straight quote,\" he said, adding: ‘stray apostrophes’ don’t matter. The U.S. Gen. Dr. J. Smith said so.\n";
    let mut big = String::with_capacity(20 * 1024 * 1024 + para.len());
    let mut i = 0u64;
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(para);
        if i.is_multiple_of(7) {
            big.push_str(&"word ".repeat(2000));
            big.push('\n');
        }
        i += 1;
    }
    let c = extract(&big);
    assert!(!c.is_empty());
}

#[test]
fn a_possessive_before_a_speech_word_makes_it_a_noun_not_a_speaker() {
    let text = "Ministers met on Monday.\nHis comments drew reactions from European Union leaders.\nTheir claims were rejected by the court.";
    for c in factdesk_core::extract::extract(text) {
        let speaker = c.speaker.as_deref().unwrap_or("");
        assert!(
            !matches!(speaker.to_lowercase().as_str(), "his" | "their"),
            "{:?} got the possessive {speaker:?} as its speaker",
            c.text
        );
    }
}

#[test]
fn small_number_words_need_a_unit_to_make_a_sentence_numeric() {
    let text = "The neighbours knocked on our door at five and told us to leave the house.\nThe council opened five shelters for the families overnight.\n";
    let c = extract(text);
    let at_five = c.iter().find(|c| c.text.contains("at five")).expect("the at-five sentence");
    assert_ne!(at_five.kind, CandidateKind::Numeric, "{:?}", at_five.reasons);
    let shelters = c.iter().find(|c| c.text.contains("five shelters")).expect("the shelters sentence");
    assert_eq!(shelters.kind, CandidateKind::Numeric);
}
