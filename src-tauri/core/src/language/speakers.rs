//! Who said it: the people and organisations an article names, and the attribution of speech.
//!
//! Every capitalised run outside quotations is read as a noun phrase: role words, ranks and
//! honorifics in front ("Pentagon Press Secretary Major General Pat Ryder"), the name at the end.
//! Names are kept in a registry that merges a later short form ("Ryder", "Mr Wellington") into the
//! fullest earlier one. A speech verb's subject is found before it ("Ryder said", "X, the airline's
//! chief executive, said") or after it ("said Ryder", "according to X"); pronouns go to the most
//! recent compatible person, preferring a sentence subject; descriptions ("the airline", "the
//! minister") go to the organisation or person the article introduced that way.

use std::collections::HashMap;

use super::lexicon::*;
use super::tokens::Tok;
use super::words::{DEMONYMS, PLACE_FIRST, PLACE_ONLY_PREPS, PLACE_PREPS, ROLE_STOP};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Unknown,
    Male,
    Female,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub toks: Vec<String>,
    pub role: Option<String>,
    pub gender: Gender,
    pub org: bool,
    pub strong: bool,
    /// The nationality the article gives ("Belgian sprinter Jens Maes"), lowercased, for "the Belgian".
    pub nationality: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub pos: usize,
    pub ent: usize,
    pub subject: bool,
    pub para: usize,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub enum Spk {
    Ent(usize),
    Named { name: String, role: Option<String> },
    /// An unnamed source ("officials"): attributed, but no speaker to name.
    Generic(String),
}

#[derive(Debug, Clone)]
pub struct Attr {
    /// Char position of the speech verb.
    pub pos: usize,
    pub spk: Option<Spk>,
    /// How the speaker was found, for the reasons.
    pub how: &'static str,
}

#[derive(Default)]
pub struct Registry {
    pub ents: Vec<Entity>,
    by_tok: HashMap<String, Vec<usize>>,
    aliases: HashMap<&'static str, usize>,
    pub mentions: Vec<Mention>,
    /// The last speaker described rather than named ("an agency spokeswoman"), for a following "she".
    last_desc: Option<(Spk, usize, Gender)>,
}

fn strip_possessive(lc: &str) -> &str {
    lc.strip_suffix("'s").or_else(|| lc.strip_suffix("’s")).or_else(|| lc.strip_suffix('\'')).or_else(|| lc.strip_suffix('’')).unwrap_or(lc)
}

fn is_acronym(t: &Tok, chars: &[char]) -> bool {
    let n = t.e - t.s;
    n >= 2 && chars[t.s..t.e].iter().all(|c| c.is_uppercase() || *c == '.' || *c == '&') && chars[t.s..t.e].iter().filter(|c| c.is_uppercase()).count() >= 2
}

fn text_of(chars: &[char], toks: &[&Tok]) -> String {
    let mut out = String::new();
    let mut last_e: Option<usize> = None;
    for t in toks {
        if let Some(le) = last_e {
            if t.s > le {
                out.push(' ');
            }
        }
        out.extend(&chars[t.s..t.e]);
        last_e = Some(t.e);
    }
    out
}

fn display_word(chars: &[char], t: &Tok) -> String {
    let mut w: String = chars[t.s..t.e].iter().collect();
    if t.e - t.s == 1 && chars[t.s].is_uppercase() && chars.get(t.e) == Some(&'.') {
        w.push('.');
    }
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).map(str::to_string).unwrap_or(w)
}

/// A noun phrase read as a speaker.
#[derive(Debug)]
enum Np {
    Name { name: Vec<String>, role: Option<String>, gender: Gender, org: bool },
    Pronoun(String),
    Descriptor { head: String, phrase: String, affiliation: Option<String> },
    /// A role of a named organisation: "a spokeswoman for the Ministry of Water Resources".
    RoleOf { head: String, org: Vec<String> },
    /// A role of an organisation the article describes rather than names: "a spokeswoman for the race".
    RoleOfDescribed { head: String, kind: String, desc: String },
    /// An organisation named by a description with a proper-noun modifier ("the Varenne regional water
    /// authority"): a name in its own right, and what a later "the authority" stands for.
    OrgPhrase { head: String, name: Vec<String> },
    /// A possessive description standing for a person or organisation: "her office", "his spokesman".
    Possessed { pronoun: String, head: String },
    /// An epithet for a person already in the story: "the Italian", "the 26-year-old".
    Epithet(String),
    /// People described, not named, and standing for nobody named ("shopkeepers on Mill Street").
    Unnamed(String),
}

fn gender_of_role(role: &str) -> Gender {
    let r = role.to_lowercase();
    if ["spokeswoman", "chairwoman", "congresswoman", "businesswoman", "mother", "daughter", "wife", "sister", "queen", "princess", "actress", "assemblywoman", "policewoman"].iter().any(|w| r.contains(w)) {
        Gender::Female
    } else if ["spokesman", "chairman", "congressman", "businessman", "father", " son", "husband", "brother", "king", "prince", "actor", "assemblyman", "policeman"].iter().any(|w| r.contains(w)) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

fn gender_of_first(first: &str) -> Gender {
    if MALE_NAMES.contains(first) && !FEMALE_NAMES.contains(first) {
        Gender::Male
    } else if FEMALE_NAMES.contains(first) && !MALE_NAMES.contains(first) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

impl Registry {
    fn index(&mut self, id: usize) {
        let toks = self.ents[id].toks.clone();
        for t in toks {
            let v = self.by_tok.entry(t).or_default();
            if !v.contains(&id) {
                v.push(id);
            }
        }
    }

    /// Find an entity this name refers to: same tokens or a subset either way. A bare surname goes to
    /// the first person introduced with that surname; a partial name to the most recent holder.
    pub fn lookup(&self, lcs: &[String], org: Option<bool>, gender: Gender) -> Option<usize> {
        let last = lcs.last()?;
        let mut best: Option<(u8, usize)> = None;
        let mut seen = Vec::new();
        for t in lcs {
            let Some(ids) = self.by_tok.get(t) else { continue };
            for &id in ids.iter().rev().take(64) {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let e = &self.ents[id];
                if org.is_some_and(|o| o != e.org) {
                    continue;
                }
                if gender != Gender::Unknown && e.gender != Gender::Unknown && gender != e.gender {
                    continue;
                }
                let sub = lcs.iter().all(|x| e.toks.contains(x));
                let sup = e.toks.iter().all(|x| lcs.contains(x));
                if !(sub || sup) {
                    continue;
                }
                let rank = if e.toks.last() == Some(last) { 2 } else { 1 };
                // same rank: prefer the earliest (first introduced) for an exact surname, else the latest.
                let better = match best {
                    None => true,
                    Some((r, bid)) => rank > r || (rank == r && ((rank == 2 && id < bid) || (rank == 1 && id > bid))),
                };
                if better {
                    best = Some((rank, id));
                }
            }
        }
        best.map(|b| b.1)
    }

    pub fn register(&mut self, name: Vec<String>, role: Option<String>, mut gender: Gender, org: bool, strong: bool) -> usize {
        let lcs: Vec<String> = name.iter().map(|w| strip_possessive(&w.to_lowercase()).to_string()).collect();
        if gender == Gender::Unknown && !org && lcs.len() >= 2 {
            gender = gender_of_first(&lcs[0]);
        }
        if gender == Gender::Unknown {
            if let Some(r) = &role {
                gender = gender_of_role(r);
            }
        }
        // A name the article gave as an organisation, later the subject of "said" with nothing marking
        // a person ("operated by Westfjord Lines" … "Westfjord Lines said"): the same organisation.
        let as_org = (!org && role.is_none() && gender == Gender::Unknown)
            .then(|| self.lookup(&lcs, Some(true), gender).filter(|&id| self.ents[id].toks == lcs))
            .flatten();
        if let Some(id) = as_org.or_else(|| self.lookup(&lcs, Some(org), gender)) {
            let e = &mut self.ents[id];
            if lcs.len() > e.toks.len() {
                e.name = name.join(" ");
                e.toks = lcs;
            }
            if e.nationality.is_none() {
                e.nationality = role.as_deref().and_then(nationality_in);
            }
            if e.role.is_none() {
                e.role = role;
            }
            if e.gender == Gender::Unknown {
                e.gender = gender;
            }
            e.strong |= strong;
            self.index(id);
            return id;
        }
        let id = self.ents.len();
        let nationality = role.as_deref().and_then(nationality_in);
        self.ents.push(Entity { name: name.join(" "), toks: lcs, role, gender, org, strong, nationality });
        self.index(id);
        id
    }

    pub fn mention(&mut self, pos: usize, ent: usize, subject: bool, para: usize) {
        self.mentions.push(Mention { pos, ent, subject, para });
    }

    fn resolve_pronoun(&mut self, p: &str, before: usize, para: usize) -> Option<Spk> {
        let g = match p {
            "he" => Gender::Male,
            "she" => Gender::Female,
            "" => Gender::Unknown,
            "it" | "they" => {
                let org = self.mentions.iter().rev().take(40).filter(|m| m.pos < before).find(|m| self.ents[m.ent].org && para.saturating_sub(m.para) <= 1);
                return match org {
                    Some(m) => Some(Spk::Ent(m.ent)),
                    None if p == "they" => Some(Spk::Generic("they".into())),
                    None => None,
                };
            }
            _ => return None,
        };
        let mut fallback = None;
        let mut chosen = None;
        for m in self.mentions.iter().rev().take(80) {
            if m.pos >= before {
                continue;
            }
            let e = &self.ents[m.ent];
            if e.org || (g != Gender::Unknown && e.gender != Gender::Unknown && e.gender != g) || !(e.strong || e.toks.len() >= 2) {
                continue;
            }
            if m.subject && para.saturating_sub(m.para) <= 2 {
                chosen = Some(m.ent);
                break;
            }
            if fallback.is_none() {
                fallback = Some(m.ent);
            }
        }
        let best_pos = self.mentions.iter().rev().find(|m| Some(m.ent) == chosen.or(fallback) && m.pos < before).map(|m| m.pos);
        if let Some((spk, pos, dg)) = &self.last_desc {
            if *pos < before && best_pos.is_none_or(|b| *pos > b) && (*dg == Gender::Unknown || *dg == g) {
                return Some(spk.clone());
            }
        }
        let id = chosen.or(fallback)?;
        if self.ents[id].gender == Gender::Unknown && g != Gender::Unknown {
            self.ents[id].gender = g;
        }
        Some(Spk::Ent(id))
    }

    fn resolve_descriptor(&self, head: &str) -> Option<usize> {
        let is_person_role = head.starts_with("spokes") || ROLE_WORDS.contains(head);
        if is_person_role {
            for m in self.mentions.iter().rev().take(200) {
                let e = &self.ents[m.ent];
                if !e.org && e.role.as_ref().is_some_and(|r| r.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == head || (head.starts_with("spokes") && w.starts_with("spokes")))) {
                    return Some(m.ent);
                }
            }
        }
        if let Some(canon) = org_descriptor(head) {
            if let Some(&id) = self.aliases.get(canon) {
                return Some(id);
            }
            let words = descriptor_name_words(canon);
            for (id, e) in self.ents.iter().enumerate().rev().take(300) {
                if e.org && e.toks.iter().any(|t| t == head || words.contains(&t.as_str())) {
                    return Some(id);
                }
            }
        }
        None
    }

    /// The organisation that last spoke (within the last two paragraphs), for "the company said" when
    /// no organisation of that kind is named: an organisation whose name holds a descriptor of another
    /// kind ("the Finance Ministry" for "the company") is passed over.
    fn recent_org(&self, before: usize, para: usize, canon: Option<&str>) -> Option<usize> {
        self.mentions.iter().rev().take(60).filter(|m| m.pos < before && m.subject && para.saturating_sub(m.para) <= 2).map(|m| m.ent).find(|&id| {
            let e = &self.ents[id];
            e.org && canon.is_none_or(|c| e.toks.iter().all(|t| org_descriptor(t).is_none_or(|d| d == c)))
        })
    }

    pub fn set_alias(&mut self, descriptor: &str, id: usize) {
        if let Some(c) = org_descriptor(descriptor) {
            self.aliases.insert(c, id);
            self.ents[id].org = true;
        }
    }

    fn np_to_spk(&mut self, np: Np, pos: usize, para: usize) -> (Option<Spk>, &'static str) {
        match np {
            Np::Name { name, role, gender, org } => {
                let id = self.register(name, role, gender, org, true);
                self.mention(pos, id, true, para);
                (Some(Spk::Ent(id)), "named in the attribution")
            }
            Np::Pronoun(p) => {
                let s = self.resolve_pronoun(&p, pos, para);
                if let Some(Spk::Ent(id)) = s {
                    self.mention(pos, id, true, para);
                }
                (s, "pronoun resolved to the most recent matching person")
            }
            Np::RoleOf { head, org } => {
                let id = self.register(org, None, Gender::Unknown, true, true);
                self.mention(pos, id, true, para);
                let g = gender_of_role(&head);
                let spk = Spk::Named { name: self.ents[id].name.clone(), role: Some(head) };
                self.last_desc = Some((spk.clone(), pos, g));
                (Some(spk), "spokesperson of a named organisation")
            }
            Np::RoleOfDescribed { head, kind, desc } => {
                // The organisation of that kind the article introduced, else the description itself.
                let (name, how) = match self.resolve_descriptor(&kind).filter(|&id| self.ents[id].org) {
                    Some(id) => {
                        self.mention(pos, id, true, para);
                        (self.ents[id].name.clone(), "spokesperson of the organisation the article introduced")
                    }
                    None => (desc, "spokesperson of an organisation described, not named"),
                };
                let g = gender_of_role(&head);
                let spk = Spk::Named { name, role: Some(head) };
                self.last_desc = Some((spk.clone(), pos, g));
                (Some(spk), how)
            }
            Np::OrgPhrase { head, name } => {
                let id = self.register(name, None, Gender::Unknown, true, true);
                self.set_alias(&head, id);
                self.mention(pos, id, true, para);
                (Some(Spk::Ent(id)), "named in the attribution")
            }
            Np::Possessed { pronoun, head } => {
                let s = match pronoun.as_str() {
                    "his" => self.resolve_pronoun("he", pos, para),
                    "her" => self.resolve_pronoun("she", pos, para),
                    _ => self.recent_org(pos, para, None).map(Spk::Ent),
                };
                match s {
                    Some(Spk::Ent(id)) => {
                        self.mention(pos, id, true, para);
                        (Some(Spk::Ent(id)), "speaks for the person or organisation named before (their office or spokesperson)")
                    }
                    Some(other) => (Some(other), "speaks for the person named before"),
                    None => (Some(Spk::Generic(format!("{pronoun} {head}"))), "unnamed source"),
                }
            }
            Np::Epithet(w) => {
                let lc = w.rsplit(' ').next().unwrap_or("").to_lowercase();
                if let Some(id) = self.lookup(std::slice::from_ref(&lc), None, Gender::Unknown) {
                    self.mention(pos, id, true, para);
                    return (Some(Spk::Ent(id)), "named in the attribution");
                }
                // "the Belgian": the most recent person the article gave that nationality.
                let national = self.mentions.iter().rev().take(120).filter(|m| m.pos < pos).map(|m| m.ent).find(|&id| !self.ents[id].org && self.ents[id].nationality.as_deref() == Some(lc.as_str()));
                if let Some(id) = national {
                    self.mention(pos, id, true, para);
                    return (Some(Spk::Ent(id)), "description resolved to the person of that nationality");
                }
                let s = self.resolve_pronoun("", pos, para);
                if let Some(Spk::Ent(id)) = s {
                    self.mention(pos, id, true, para);
                    return (s, "description resolved to the person the story is about");
                }
                (Some(Spk::Generic(w)), "unnamed source")
            }
            Np::Unnamed(phrase) => (Some(Spk::Generic(phrase)), "unnamed source"),
            Np::Descriptor { head, phrase, affiliation } => {
                let is_role = head.starts_with("spokes") || ROLE_WORDS.contains(head.as_str());
                // "a department spokesperson", "a ministry official": the modifier says which kind of
                // organisation the person speaks for; the one of that kind the article introduced.
                let modifier = phrase.split_whitespace().rev().nth(1).map(str::to_lowercase).filter(|m| is_role && org_descriptor(m).is_some());
                if let Some(m) = modifier {
                    let person = self.resolve_descriptor(&head).filter(|&id| self.ents[id].role.as_ref().is_some_and(|r| r.to_lowercase().contains(m.as_str())));
                    if let Some(id) = person {
                        self.mention(pos, id, true, para);
                        return (Some(Spk::Ent(id)), "description resolved to the one the article introduced");
                    }
                    if let Some(id) = self.resolve_descriptor(&m).filter(|&id| self.ents[id].org) {
                        self.mention(pos, id, true, para);
                        let g = gender_of_role(&head);
                        let spk = Spk::Named { name: self.ents[id].name.clone(), role: Some(head) };
                        self.last_desc = Some((spk.clone(), pos, g));
                        return (Some(spk), "spokesperson of the organisation the article introduced");
                    }
                }
                if let Some(id) = self.resolve_descriptor(&head) {
                    self.mention(pos, id, true, para);
                    return (Some(Spk::Ent(id)), "description resolved to the one the article introduced");
                }
                if let Some(a) = affiliation {
                    let toks: Vec<String> = a.split_whitespace().map(str::to_string).collect();
                    let id = self.register(toks, None, Gender::Unknown, true, true);
                    let g = gender_of_role(&head);
                    let spk = Spk::Named { name: self.ents[id].name.clone(), role: Some(head) };
                    self.last_desc = Some((spk.clone(), pos, g));
                    return (Some(spk), "spokesperson of a named organisation");
                }
                if GENERIC_SOURCES.contains(head.as_str()) {
                    return (Some(Spk::Generic(phrase)), "unnamed source");
                }
                if let Some(id) = self.recent_org(pos, para, org_descriptor(&head)) {
                    self.mention(pos, id, true, para);
                    return (Some(Spk::Ent(id)), "description resolved to the organisation speaking before");
                }
                if org_descriptor(&head).is_some() {
                    return (Some(Spk::Named { name: phrase, role: None }), "organisation described, not named");
                }
                (Some(Spk::Generic(phrase)), "unnamed source")
            }
        }
    }

    /// Find the speech attributions of one sentence, resolving each subject.
    pub fn attributions(&mut self, toks: &[Tok], chars: &[char], para: usize) -> Vec<Attr> {
        let mut out: Vec<Attr> = Vec::new();
        for v in 0..toks.len() {
            let t = &toks[v];
            if !t.word || t.inq {
                continue;
            }
            let prev = v.checked_sub(1).map(|i| &toks[i]);
            if SPEECH_PARTICIPLES.contains(t.lc.as_str()) && prev.is_some_and(|p| p.punct() == Some(',')) {
                if let Some(a) = out.last() {
                    let a = Attr { pos: t.s, spk: a.spk.clone(), how: a.how };
                    out.push(a);
                }
                continue;
            }
            if t.lc == "according" && toks.get(v + 1).is_some_and(|n| n.is("to")) {
                if let Some((np, _)) = parse_post_np(toks, v + 2, chars) {
                    let (spk, how) = self.np_to_spk(np, t.s, para);
                    out.push(Attr { pos: t.s, spk, how });
                }
                continue;
            }
            let went_on = t.lc == "went" && toks.get(v + 1).is_some_and(|n| n.is("on")) && toks.get(v + 2).is_none_or(|n| !n.word || n.inq);
            if !SPEECH_VERBS.contains(t.lc.as_str()) && !went_on {
                continue;
            }
            // After an article or a possessive the word is a noun: "his comments", "their claims".
            if prev.is_some_and(|p| {
                p.word
                    && matches!(
                        p.lc.as_str(),
                        "to" | "the" | "a" | "an" | "been" | "being" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
                    )
            }) {
                continue;
            }
            // Left span: back to a quotation, a sentence-internal stop or the sentence start.
            let mut b = v;
            while b > 0 {
                let p = &toks[b - 1];
                if p.inq || matches!(p.punct(), Some('.' | ';' | ':' | '?' | '!' | '"' | '“' | '”')) || p.is("that") {
                    break;
                }
                b -= 1;
            }
            // Segments split at commas and dashes, parenthesised asides dropped.
            let mut segs: Vec<Vec<usize>> = vec![Vec::new()];
            let mut depth = 0;
            for (i, tk) in toks.iter().enumerate().take(v).skip(b) {
                match tk.punct() {
                    Some('(') | Some('[') => depth += 1,
                    Some(')') | Some(']') => depth = (depth - 1).max(0),
                    Some(',') | Some('—') | Some('–') if depth == 0 => segs.push(Vec::new()),
                    _ if depth == 0 => segs.last_mut().unwrap().push(i),
                    _ => {}
                }
            }
            // Drop fillers between subject and verb ("Macron earlier this week said").
            {
                let last = segs.last_mut().unwrap();
                let mut stripped = 0;
                while let Some(&i) = last.last() {
                    let tk = &toks[i];
                    if stripped < 6 && tk.word && PRE_VERB_FILLERS.contains(tk.lc.as_str()) && !(tk.is("the") || tk.is("a") || tk.is("an")) {
                        last.pop();
                        stripped += 1;
                    } else {
                        break;
                    }
                }
            }
            let n = segs.len();
            let mut np: Option<Np> = None;
            let mut appos_role: Option<String> = None;
            let mut org_alias: Option<String> = None;
            if !segs[n - 1].is_empty() {
                let seg = &segs[n - 1];
                let first = &toks[seg[0]];
                let starts_indef = first.is("a") || first.is("an");
                if starts_indef && n >= 2 && segs[n - 2].last().is_some_and(|&i| toks[i].cap) {
                    appos_role = Some(role_text(chars, toks, seg));
                    np = parse_np_backward(toks, &segs[n - 2], chars);
                } else {
                    np = parse_np_backward(toks, seg, chars);
                }
            } else if n >= 2 {
                // "X, the airline's chief executive, said" or "…, Soelistyo, said"
                let mut k = n - 2;
                while k > 0 && segs[k].is_empty() {
                    k -= 1;
                }
                if !segs[k].is_empty() {
                    let seg = &segs[k];
                    if k > 0 && looks_appositive(toks, seg) && !segs[k - 1].is_empty() {
                        // Walk back over the asides between name and verb: an age, credentials, a
                        // relative clause, a role ("Deborah Quayle, 44, who runs a bakery, said").
                        let mut h = k;
                        while h > 0 && !segs[h - 1].is_empty() && k - h < 4 && (h == k || skippable_aside(toks, &segs[h])) {
                            let f = &toks[segs[h][0]];
                            if appos_role.is_none() && !f.is_digitish() && !CREDENTIALS.contains(f.lc.as_str()) && !matches!(f.lc.as_str(), "who" | "whose" | "which") {
                                appos_role = Some(role_text(chars, toks, &segs[h]));
                            }
                            h -= 1;
                            if !skippable_aside(toks, &segs[h]) {
                                break;
                            }
                        }
                        np = parse_np_backward(toks, &segs[h], chars);
                    } else {
                        np = parse_np_backward(toks, seg, chars);
                        // "The dam's operator, Northvale Hydro, said": a name given as an organisation.
                        if k > 0 {
                            let d = &segs[k - 1];
                            let described_org = d.len() >= 2
                                && matches!(toks[d[0]].lc.as_str(), "the" | "its" | "their")
                                && toks[*d.last().unwrap()].word
                                && !toks[*d.last().unwrap()].cap
                                && org_descriptor(&toks[*d.last().unwrap()].lc).is_some();
                            if described_org {
                                if let Some(Np::Name { org, role, .. }) = &mut np {
                                    *org = true;
                                    *role = None;
                                    org_alias = Some(toks[*d.last().unwrap()].lc.clone());
                                }
                            } else if role_before_name(toks, d) {
                                // "Voltara's chief executive, Dr. Samuel Okonkwo, said".
                                appos_role = Some(role_text(chars, toks, d));
                            }
                        }
                    }
                }
            }
            let after_break = prev.is_some_and(|p| p.inq || matches!(p.punct(), Some(',' | '"' | '”' | '’')));
            let inverted = np.is_none() && (segs.iter().all(|s| s.is_empty()) || after_break);
            if np.is_none() && inverted && INVERTING_VERBS.contains(t.lc.as_str()) {
                if let Some((p, role)) = parse_post_np(toks, v + 1, chars) {
                    np = Some(p);
                    appos_role = role;
                }
            }
            let Some(mut np) = np else { continue };
            if let (Np::Name { role, .. }, Some(r)) = (&mut np, appos_role) {
                if role.is_none() {
                    *role = Some(r);
                }
            }
            let (spk, how) = self.np_to_spk(np, t.s, para);
            if let (Some(d), Some(Spk::Ent(id))) = (&org_alias, &spk) {
                self.set_alias(d, *id);
            }
            out.push(Attr { pos: t.s, spk, how });
        }
        out
    }

    /// Register the names of one sentence (outside quotations) as mentions.
    pub fn mentions_in(&mut self, toks: &[Tok], chars: &[char], para: usize) {
        let mut i = 0;
        let mut have_subject = false;
        // A sentence about "he" or "she" is about the person the pronoun stands for.
        if let Some(p) = toks.iter().take(12).take_while(|t| !(t.word && t.cap && !t.inq && !PRONOUNS.contains(t.lc.as_str()) && !SENTENCE_OPENERS.contains(t.lc.as_str()))).find(|t| t.word && !t.inq && (t.is("he") || t.is("she"))) {
            let lc = p.lc.clone();
            if let Some(Spk::Ent(id)) = self.resolve_pronoun(&lc, p.s, para) {
                self.mention(p.s, id, true, para);
                have_subject = true;
            }
        }
        while i < toks.len() {
            let t = &toks[i];
            if !t.word || t.inq || !t.cap || (i == 0 && SENTENCE_OPENERS.contains(t.lc.as_str())) {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut orgish = false;
            while j < toks.len() {
                let tk = &toks[j];
                if tk.inq {
                    break;
                }
                if tk.word && tk.cap {
                    orgish |= ORG_WORDS.contains(strip_possessive(&tk.lc));
                    j += 1;
                    if tk.lc.ends_with("'s") || tk.lc.ends_with("’s") {
                        break;
                    }
                } else if (tk.word && (NAME_PARTICLES.contains(tk.lc.as_str()) || ((tk.is("of") || tk.is("for")) && orgish)) && toks.get(j + 1).is_some_and(|n| n.word && n.cap && !n.inq))
                    || tk.punct() == Some('.') && j > start && toks[j - 1].word && (toks[j - 1].e - toks[j - 1].s == 1 || HONORIFICS.contains(toks[j - 1].lc.as_str()) || TITLE_ABBREVS.contains(toks[j - 1].lc.as_str())) && toks.get(j + 1).is_some_and(|n| n.word && n.cap) {
                    j += 1;
                } else {
                    break;
                }
            }
            let run: Vec<usize> = (start..j).filter(|&k| toks[k].word).collect();
            i = j.max(i + 1);
            let prev = start.checked_sub(1).map(|k| &toks[k]);
            let possessive_mod = toks[j - 1].lc.ends_with("'s") || toks[j - 1].lc.ends_with("’s");
            // "budget carrier AirAsia": a descriptor in front names an organisation.
            if let Some(p) = prev.filter(|p| p.word && !p.cap && org_descriptor(&p.lc).is_some()) {
                let name: Vec<String> = run.iter().map(|&k| display_word(chars, &toks[k])).collect();
                let id = self.register(name, None, Gender::Unknown, true, true);
                let d = p.lc.clone();
                self.set_alias(&d, id);
                self.mention(toks[start].s, id, false, para);
                continue;
            }
            // "the Belgian", "the 24-year-old German": an epithet for someone already named.
            if run.len() == 1 && is_demonym(&toks[run[0]].lc) && prev.is_some_and(|p| p.is("the") || p.lc.ends_with("year-old")) {
                continue;
            }
            // "Millbrook manager Pete Haskins": a name used as a modifier of a role is no mention.
            if run.len() == 1 && toks.get(j).is_some_and(|n| n.word && !n.cap && (ROLE_WORDS.contains(n.lc.as_str()) || n.lc.starts_with("spokes"))) {
                continue;
            }
            let Some(Np::Name { name, mut role, gender, org }) = split_run(toks, &run, chars, start) else { continue };
            if !org && role.is_none() {
                role = appositive_role(toks, start, j, chars);
            }
            let the_before = prev.is_some_and(|p| p.is("the")) && role.is_none();
            let org = org || (the_before && !place_like_first(&name));
            // "heard from Dr. Simon Achebe": a title or honorific makes a person, whatever the preposition.
            let titled = HONORIFICS.contains(strip_possessive(&toks[run[0]].lc)) || RANKS.contains(toks[run[0]].lc.as_str()) || TITLE_ABBREVS.contains(toks[run[0]].lc.as_str());
            let place_like = !titled && prev.is_some_and(|p| p.word && PLACE_PREPS.list().contains(&p.lc.as_str())) || name.first().is_some_and(|f| PLACE_FIRST.list().contains(&f.to_lowercase().as_str()));
            let lcs: Vec<String> = name.iter().map(|w| strip_possessive(&w.to_lowercase()).to_string()).collect();
            // "a ferry operated by Westfjord Lines": the agent of operating, making or publishing is
            // an organisation (unless the article marks a person), and what "the operator" stands for.
            let agent = prev.filter(|p| p.is("by")).and_then(|_| start.checked_sub(2)).and_then(|b| match toks[b].lc.as_str() {
                "operated" | "run" => Some("operator"),
                "made" | "manufactured" | "built" => Some("manufacturer"),
                "published" => Some("publisher"),
                "owned" => Some(""),
                _ => None,
            });
            if let Some(d) = agent {
                if !titled && role.is_none() && gender == Gender::Unknown && !possessive_mod && self.lookup(&lcs, Some(false), gender).is_none() {
                    let id = self.register(name, None, Gender::Unknown, true, true);
                    if !d.is_empty() {
                        self.set_alias(d, id);
                    }
                    self.mention(toks[start].s, id, false, para);
                    continue;
                }
            }
            let id = if let Some(id) = self.lookup(&lcs, if org { Some(true) } else { None }, gender) {
                if name.len() > 1 || role.is_some() {
                    let o = self.ents[id].org;
                    self.register(name, role, gender, o, false)
                } else {
                    id
                }
            } else if org && !possessive_mod {
                if name.len() == 1 && !prev.is_some_and(|p| p.is("the")) && !is_acronym(&toks[run[run.len() - 1]], chars) && !orgish {
                    continue;
                }
                self.register(name, None, Gender::Unknown, true, false)
            } else if !org && !possessive_mod && !place_like && (name.len() >= 2 || role.is_some() || gender != Gender::Unknown) {
                let strong = role.is_some() || gender != Gender::Unknown;
                self.register(name, role, gender, false, strong)
            } else {
                continue;
            };
            let subject = !self.ents[id].org && !have_subject;
            if !self.ents[id].org {
                have_subject = true;
            }
            self.mention(toks[start].s, id, subject, para);
        }
    }
}

/// A role given beside a name mentioned in passing: "the chief executive of X, NAME," before it, or
/// "NAME, the trust's chair," / "NAME, a lawyer," after it; or lowercase role words in front.
fn appositive_role(toks: &[Tok], start: usize, end: usize, chars: &[char]) -> Option<String> {
    // A nationality and a job in front ("Belgian sprinter Jens Maes", "Kenyan long-distance runner X").
    {
        let mut m = start;
        while m > 0 && start - m < 3 && toks[m - 1].word && !toks[m - 1].cap && !toks[m - 1].inq && !ROLE_STOP.list().contains(&toks[m - 1].lc.as_str()) {
            m -= 1;
        }
        if m < start && m > 0 && toks[m - 1].word && toks[m - 1].cap && !toks[m - 1].inq && is_demonym(&toks[m - 1].lc) {
            let idx: Vec<usize> = (m - 1..start).collect();
            return Some(role_text(chars, toks, &idx));
        }
    }
    // Lowercase role words directly in front ("conservation department ranger Jamie Werner").
    let mut m = start;
    let mut pre = Vec::new();
    while m > 0 && pre.len() < 6 {
        let t = &toks[m - 1];
        if !t.word || t.inq || ROLE_STOP.list().contains(&t.lc.as_str()) {
            break;
        }
        if !t.cap && pre.is_empty() && !ROLE_WORDS.contains(t.lc.as_str()) && !t.lc.starts_with("spokes") {
            break;
        }
        pre.insert(0, m - 1);
        m -= 1;
    }
    if !pre.is_empty() && pre.iter().any(|&i| ROLE_WORDS.contains(toks[i].lc.as_str()) || toks[i].lc.starts_with("spokes")) {
        return Some(role_text(chars, toks, &pre));
    }
    let has_role = |r: &[usize]| r.iter().any(|&i| ROLE_WORDS.contains(strip_possessive(&toks[i].lc)) || toks[i].lc.starts_with("spokes"));
    // Before: ", " directly in front, and a segment starting with a determiner.
    if start >= 2 && toks[start - 1].punct() == Some(',') {
        let mut b = start - 1;
        while b > 0 && !matches!(toks[b - 1].punct(), Some(',' | '.' | ';' | ':')) && !toks[b - 1].inq {
            b -= 1;
        }
        let seg: Vec<usize> = (b..start - 1).collect();
        if seg.len() <= 10 && !seg.is_empty() && matches!(toks[seg[0]].lc.as_str(), "the" | "its" | "their" | "his" | "her") && has_role(&seg) {
            return Some(role_text(chars, toks, &seg));
        }
    }
    // After: ", the … ROLE …," or ", a ROLE …,".
    if end < toks.len() && toks[end].punct() == Some(',') {
        let mut e = end + 1;
        while e < toks.len() && !matches!(toks[e].punct(), Some(',' | '.' | ';' | ':')) && !toks[e].inq {
            e += 1;
        }
        let seg: Vec<usize> = (end + 1..e).collect();
        if seg.len() <= 10 && !seg.is_empty() && matches!(toks[seg[0]].lc.as_str(), "the" | "a" | "an" | "its" | "their") && has_role(&seg) {
            return Some(role_text(chars, toks, &seg));
        }
    }
    None
}

fn place_like_first(name: &[String]) -> bool {
    name.first().is_some_and(|f| PLACE_FIRST.list().contains(&f.to_lowercase().as_str()))
}

/// An aside between a name and its verb that a reader skips: an age, credentials, a relative clause,
/// or a role introduced by an article ("44", "MD", "who runs a bakery", "a former pilot").
fn skippable_aside(toks: &[Tok], seg: &[usize]) -> bool {
    let Some(&f) = seg.first() else { return false };
    let f = &toks[f];
    (f.is_digitish() && seg.len() <= 2) || CREDENTIALS.contains(f.lc.as_str()) || (f.word && matches!(f.lc.as_str(), "who" | "whose" | "which" | "a" | "an"))
}

/// A role phrase standing before a name as an apposition: "Voltara's chief executive", "the
/// council's leader", "its chief operating officer".
fn role_before_name(toks: &[Tok], d: &[usize]) -> bool {
    if d.is_empty() || d.len() > 7 {
        return false;
    }
    let f = &toks[d[0]];
    let opener = f.word && (matches!(f.lc.as_str(), "the" | "its" | "their" | "his" | "her") || (f.cap && (f.lc.ends_with("'s") || f.lc.ends_with("’s"))));
    let last = &toks[*d.last().unwrap()];
    opener && last.word && !last.cap && (ROLE_WORDS.contains(last.lc.as_str()) || last.lc.starts_with("spokes"))
}

fn looks_appositive(toks: &[Tok], seg: &[usize]) -> bool {
    let f = &toks[seg[0]];
    if f.is_digitish() || CREDENTIALS.contains(f.lc.as_str()) {
        return true;
    }
    if !f.word {
        return false;
    }
    if matches!(f.lc.as_str(), "a" | "an" | "the" | "his" | "her" | "its" | "their" | "who" | "whose") {
        return true;
    }
    !f.cap
}

fn role_text(chars: &[char], toks: &[Tok], seg: &[usize]) -> String {
    let mut idx: Vec<&Tok> = seg.iter().map(|&i| &toks[i]).collect();
    while idx.first().is_some_and(|t| matches!(t.lc.as_str(), "a" | "an" | "the" | "of")) {
        idx.remove(0);
    }
    text_of(chars, &idx)
}

/// Read the noun phrase at the end of a segment (the subject before a speech verb).
fn parse_np_backward(toks: &[Tok], seg: &[usize], chars: &[char]) -> Option<Np> {
    let last = &toks[*seg.last()?];
    if last.word && PRONOUNS.contains(last.lc.as_str()) {
        return Some(Np::Pronoun(last.lc.clone()));
    }
    if let Some(np) = role_of_org(toks, seg, chars) {
        return Some(np);
    }
    // Trailing capitalised run (with particles, initials and honorific stops, and "of"/"for" inside
    // an organisation's name: "the Department for Business", "the Bank of Ardent").
    let mut k = seg.len();
    while k > 0 {
        let t = &toks[seg[k - 1]];
        let ok = (t.word && t.cap)
            || (t.word && NAME_PARTICLES.contains(t.lc.as_str()) && k < seg.len())
            || (t.punct() == Some('.') && k >= 2 && toks[seg[k - 2]].word && toks[seg[k - 2]].cap)
            || (t.word && (t.is("of") || t.is("for")) && k < seg.len() && toks[seg[k]].cap && k >= 2 && {
                let b = &toks[seg[k - 2]];
                b.word && b.cap && ORG_WORDS.contains(strip_possessive(&b.lc))
            });
        if !ok {
            break;
        }
        k -= 1;
    }
    if k < seg.len() {
        let tail: Vec<&Tok> = seg[k..].iter().map(|&i| &toks[i]).filter(|t| t.word).collect();
        // "the Italian said", "The Belgian said", "the 24-year-old German said": an epithet for a
        // person in the story, not a name.
        if let Some(np) = demonym_epithet(toks, &seg[..k], &tail, chars) {
            return Some(np);
        }
        // "Organisers said", "Residents said": an unnamed source capitalised only by position.
        if k == 0 && tail.len() == 1 && GENERIC_SOURCES.contains(tail[0].lc.as_str()) {
            return Some(Np::Descriptor { head: tail[0].lc.clone(), phrase: text_of(chars, &tail), affiliation: None });
        }
        // "Shopkeepers on Mill Street say", "Police in Ashby said": a name after a place preposition
        // is where the subject is, not who speaks; the subject is the noun phrase before it.
        let mut pk = k;
        if pk >= 1 && toks[seg[pk - 1]].is("the") {
            pk -= 1;
        }
        if pk >= 2 && toks[seg[pk - 1]].word && PLACE_ONLY_PREPS.list().contains(&toks[seg[pk - 1]].lc.as_str()) {
            let before = &seg[..pk - 1];
            let head = &toks[*before.last().unwrap()];
            if head.word && !ROLE_STOP.list().contains(&head.lc.as_str()) {
                let mut b = before.len();
                while b > 0 && toks[before[b - 1]].word && !ROLE_STOP.list().contains(&toks[before[b - 1]].lc.as_str()) {
                    b -= 1;
                }
                let phrase: Vec<&Tok> = seg[b..].iter().map(|&i| &toks[i]).collect();
                let lone_cap = before.len() - b == 1 && head.cap && b == 0;
                let parsed = if lone_cap && !ORG_WORDS.contains(strip_possessive(&head.lc)) { None } else { parse_np_backward(toks, before, chars) };
                return Some(parsed.unwrap_or_else(|| Np::Unnamed(text_of(chars, &phrase))));
            }
        }
        // "Anna Kowalczyk and Tomas Berg said": credited to the first named (the label convention:
        // the speaker a reader credits first), when both look like people rather than one
        // organisation's name ("Health and Social Care").
        if k >= 2 && toks[seg[k - 1]].is("and") {
            let mut k2 = k - 1;
            while k2 > 0 && toks[seg[k2 - 1]].word && toks[seg[k2 - 1]].cap {
                k2 -= 1;
            }
            let first: Vec<usize> = seg[k2..k - 1].to_vec();
            let second: Vec<usize> = seg[k..].iter().copied().filter(|&i| toks[i].word).collect();
            let personish = |r: &[usize]| !r.is_empty() && r.iter().all(|&i| !ORG_WORDS.contains(strip_possessive(&toks[i].lc)) && !is_acronym(&toks[i], chars));
            let after_the = k2 > 0 && toks[seg[k2 - 1]].is("the");
            if personish(&first) && personish(&second) && !after_the {
                if let Some(np @ Np::Name { org: false, .. }) = split_run(toks, &first, chars, seg[k2]) {
                    return Some(np);
                }
            }
        }
        let run: Vec<usize> = seg[k..].iter().copied().filter(|&i| toks[i].word).collect();
        let mut np = split_run(toks, &run, chars, seg[k])?;
        if let Np::Name { role, .. } = &mut np {
            // Extend the role backward over lowercase role words ("local government spokesman").
            let mut pre: Vec<&Tok> = Vec::new();
            let mut m = k;
            while m > 0 && pre.len() < 6 {
                let t = &toks[seg[m - 1]];
                if !t.word || ROLE_STOP.list().contains(&t.lc.as_str()) {
                    break;
                }
                let before_cap = pre.first().map(|f| f.cap).unwrap_or(true);
                if !t.cap && before_cap && !ROLE_WORDS.contains(t.lc.as_str()) && !t.lc.starts_with("spokes") {
                    break;
                }
                pre.insert(0, t);
                m -= 1;
            }
            if !pre.is_empty() {
                let p = text_of(chars, &pre);
                *role = Some(match role.take() {
                    Some(r) => format!("{p} {r}"),
                    None => p,
                });
            }
        }
        return Some(np);
    }
    // A description: "the airline", "a GE spokesman", "officials".
    let head = strip_possessive(&last.lc).to_string();
    if !last.word {
        return None;
    }
    if head.ends_with("year-old") && seg.len() >= 2 && toks[seg[seg.len() - 2]].is("the") {
        return Some(Np::Epithet(format!("the {head}")));
    }
    // "her office", "his spokesman": speaks for the person (or organisation) the pronoun stands for.
    if seg.len() >= 2 && (matches!(head.as_str(), "office" | "campaign" | "team" | "representative" | "representatives") || head.starts_with("spokes")) {
        let p = &toks[seg[seg.len() - 2]];
        if p.word && matches!(p.lc.as_str(), "his" | "her" | "its") {
            return Some(Np::Possessed { pronoun: p.lc.clone(), head });
        }
    }
    let mut m = seg.len() - 1;
    let mut affiliation = None;
    while m > 0 {
        let t = &toks[seg[m - 1]];
        if !t.word || matches!(t.lc.as_str(), "the" | "a" | "an") {
            break;
        }
        if t.cap && !SENTENCE_OPENERS.contains(t.lc.as_str()) {
            let w = display_word(chars, t);
            affiliation = Some(match affiliation.take() {
                Some(a) if toks[seg[m]].cap => format!("{w} {a}"),
                Some(a) => a,
                None => w,
            });
        }
        if ROLE_STOP.list().contains(&t.lc.as_str()) {
            break;
        }
        m -= 1;
    }
    let phrase_toks: Vec<&Tok> = seg[m..].iter().map(|&i| &toks[i]).collect();
    let plausible = org_descriptor(&head).is_some() || ROLE_WORDS.contains(head.as_str()) || head.starts_with("spokes") || GENERIC_SOURCES.contains(head.as_str());
    if !plausible {
        return None;
    }
    let is_role = ROLE_WORDS.contains(head.as_str()) || head.starts_with("spokes");
    // "The Varenne regional water authority": an organisation named by a description.
    if !is_role && affiliation.is_some() && org_descriptor(&head).is_some() && toks[seg[m]].cap && !GENERIC_SOURCES.contains(head.as_str()) {
        let name: Vec<String> = seg[m..].iter().filter(|&&i| toks[i].word).map(|&i| display_word(chars, &toks[i])).collect();
        return Some(Np::OrgPhrase { head, name });
    }
    Some(Np::Descriptor { head, phrase: text_of(chars, &phrase_toks), affiliation: if is_role { affiliation } else { None } })
}

/// Demonyms used as epithets ("the Italian", "the Kenyan", "the Dane").
pub(crate) fn is_demonym(lc: &str) -> bool {
    let lc = strip_possessive(lc);
    DEMONYMS.list().contains(&lc)
        || (lc.len() >= 5 && !ORG_WORDS.contains(lc) && !ROLE_WORDS.contains(lc) && org_descriptor(lc).is_none() && ["ian", "ean", "yan", "can", "ese", "ish", "ani", "eli", "ch"].iter().any(|s| lc.ends_with(s)))
}

/// The first demonym among a role's words ("Belgian sprinter" gives "belgian").
fn nationality_in(role: &str) -> Option<String> {
    role.split_whitespace().find(|w| w.chars().next().is_some_and(char::is_uppercase) && is_demonym(&w.to_lowercase())).map(|w| strip_possessive(&w.to_lowercase()).to_string())
}

/// An epithet ending a subject: "the Belgian", "The Belgian" opening the sentence, "the 24-year-old
/// German". `pre` is the segment before the capitalised run `tail`.
fn demonym_epithet(toks: &[Tok], pre: &[usize], tail: &[&Tok], chars: &[char]) -> Option<Np> {
    let last = *tail.last()?;
    if !is_demonym(&last.lc) {
        return None;
    }
    let mut words: Vec<&Tok> = Vec::new();
    match tail.len() {
        2 if tail[0].is("the") => words.extend(tail),
        1 => {
            let mut m = pre.len();
            // An age in front: "the 24-year-old German".
            if m >= 1 && toks[pre[m - 1]].lc.ends_with("year-old") {
                m -= 1;
            }
            if m == 0 || !toks[pre[m - 1]].is("the") {
                return None;
            }
            words.extend(pre[m - 1..].iter().map(|&i| &toks[i]));
            words.push(last);
        }
        _ => return None,
    }
    Some(Np::Epithet(text_of(chars, &words)))
}

/// "a spokeswoman for the Ministry of Water Resources", "an official at Northvale Hydro", "a spokesman
/// for the Varenne tourism board": an unnamed person speaking for a named organisation.
fn role_of_org(toks: &[Tok], seg: &[usize], chars: &[char]) -> Option<Np> {
    let p = seg.iter().position(|&i| matches!(toks[i].lc.as_str(), "for" | "of" | "at"))?;
    if p == 0 || p + 1 >= seg.len() || !toks[seg[0]].word || !matches!(toks[seg[0]].lc.as_str(), "a" | "an" | "the") {
        return None;
    }
    let h = &toks[seg[p - 1]];
    let head = h.lc.clone();
    let spokes = head.starts_with("spokes");
    if h.cap || !(spokes || (!toks[seg[0]].is("the") && ROLE_WORDS.contains(head.as_str()))) {
        return None;
    }
    if seg[1..p - 1].iter().any(|&i| !toks[i].word || toks[i].cap) {
        return None;
    }
    let mut o = p + 1;
    if toks[seg[o]].is("the") {
        o += 1;
    }
    let org = &seg[o..];
    if org.is_empty() || org.iter().any(|&i| !toks[i].word) {
        return None;
    }
    // "a spokeswoman for the race", "a lawyer for the family": an organisation described, not named.
    if !toks[org[0]].cap {
        let definite = o > p + 1;
        let plain = org.len() <= 3 && org.iter().all(|&i| !toks[i].cap && !ROLE_STOP.list().contains(&toks[i].lc.as_str()));
        if !definite || !plain || !toks[seg[p]].is("for") {
            return None;
        }
        let desc: Vec<&Tok> = seg[o - 1..].iter().map(|&i| &toks[i]).collect();
        return Some(Np::RoleOfDescribed { head, kind: strip_possessive(&toks[*org.last().unwrap()].lc).to_string(), desc: text_of(chars, &desc) });
    }
    let last = &toks[*org.last().unwrap()];
    let all_cap_or_join = org.iter().all(|&i| toks[i].cap || matches!(toks[i].lc.as_str(), "of" | "for" | "and"));
    if !(all_cap_or_join && last.cap) && org_descriptor(&last.lc).is_none() {
        return None;
    }
    let name: Vec<String> = org.iter().map(|&i| display_word(chars, &toks[i])).collect();
    Some(Np::RoleOf { head, org: name })
}

/// Read the noun phrase after a speech verb ("said Ryder", "says Stephen Calderwood, MD, president of …",
/// "according to the New Zealand Department of Conservation"), with an appositive role.
fn parse_post_np(toks: &[Tok], a: usize, chars: &[char]) -> Option<(Np, Option<String>)> {
    let mut j = a;
    // Time words between verb and subject ("said on Tuesday Ryder") are rare; skip only "also".
    while j < toks.len() && toks[j].is("also") {
        j += 1;
    }
    let first = toks.get(j)?;
    if first.inq {
        return None;
    }
    if first.word && PRONOUNS.contains(first.lc.as_str()) {
        return Some((Np::Pronoun(first.lc.clone()), None));
    }
    // "said union president Delia Marchetti": lowercase role words before the name.
    let mut prefix: Option<String> = None;
    {
        let mut q = j;
        while q < toks.len() && q - j < 6 && toks[q].word && !toks[q].cap && !toks[q].inq && !ROLE_STOP.list().contains(&toks[q].lc.as_str()) && !NAME_PARTICLES.contains(toks[q].lc.as_str()) {
            q += 1;
        }
        if q > j && q < toks.len() && toks[q].word && toks[q].cap && !toks[q].inq {
            let idx: Vec<usize> = (j..q).collect();
            prefix = Some(role_text(chars, toks, &idx));
            j = q;
        }
    }
    let st = j;
    let mut orgish = false;
    while j < toks.len() {
        let t = &toks[j];
        if t.inq {
            break;
        }
        let ok = if t.word {
            if t.cap {
                orgish |= ORG_WORDS.contains(strip_possessive(&t.lc));
                true
            } else {
                (j == st && matches!(t.lc.as_str(), "the" | "a" | "an"))
                    || (NAME_PARTICLES.contains(t.lc.as_str()) && toks.get(j + 1).is_some_and(|n| n.cap))
                    || ((t.is("of") || t.is("for") || t.is("and")) && orgish && toks.get(j + 1).is_some_and(|n| n.cap))
                    || (j > st && toks[j - 1].word && !toks[j - 1].cap && (ROLE_WORDS.contains(t.lc.as_str()) || org_descriptor(&t.lc).is_some() || GENERIC_SOURCES.contains(t.lc.as_str())))
                    || (j == st + 1 && matches!(toks[st].lc.as_str(), "the" | "a" | "an"))
            }
        } else {
            t.punct() == Some('.') && j > st && toks[j - 1].word && (toks[j - 1].e - toks[j - 1].s == 1 || HONORIFICS.contains(toks[j - 1].lc.as_str()) || TITLE_ABBREVS.contains(toks[j - 1].lc.as_str())) && toks.get(j + 1).is_some_and(|n| n.cap)
        };
        if !ok {
            break;
        }
        j += 1;
        if t.word && (t.lc.ends_with("'s") || t.lc.ends_with("’s")) {
            break;
        }
    }
    if j == st {
        return None;
    }
    // "said Voltara's chief executive, Dr. Samuel Okonkwo": an organisation's possessive, a role,
    // then the person; the organisation is where the person works, not the speaker.
    let lastw = &toks[j - 1];
    if lastw.word && (lastw.cap || toks[st].is("the")) && (lastw.lc.ends_with("'s") || lastw.lc.ends_with("’s")) {
        let mut q = j;
        while q < toks.len() && q - j < 5 && toks[q].word && !toks[q].cap && !toks[q].inq && !ROLE_STOP.list().contains(&toks[q].lc.as_str()) {
            q += 1;
        }
        let head_ok = q > j && (ROLE_WORDS.contains(toks[q - 1].lc.as_str()) || toks[q - 1].lc.starts_with("spokes"));
        if head_ok {
            let owner: Vec<usize> = (st..j).filter(|&i| toks[i].word && !matches!(toks[i].lc.as_str(), "the" | "a" | "an")).collect();
            let role_idx: Vec<usize> = (st..q).filter(|&i| !matches!(toks[i].lc.as_str(), "the" | "a" | "an")).collect();
            let role = role_text(chars, toks, &role_idx);
            let mut n = q;
            if toks.get(n).is_some_and(|t| t.punct() == Some(',')) {
                n += 1;
            }
            if toks.get(n).is_some_and(|t| t.word && t.cap && !t.inq) {
                if let Some((Np::Name { name, role: r, gender, org: false }, appos)) = parse_post_np(toks, n, chars) {
                    let role = Some(match r {
                        Some(r) => format!("{role} {r}"),
                        None => role,
                    });
                    return Some((Np::Name { name, role, gender, org: false }, appos));
                }
            }
            // No name follows: the organisation's unnamed role-holder ("said Voltara's spokeswoman").
            let org: Vec<String> = owner.iter().map(|&i| display_word(chars, &toks[i])).collect();
            if !org.is_empty() && lastw.cap {
                return Some((Np::RoleOf { head: toks[q - 1].lc.clone(), org }, None));
            }
        }
    }
    let seg: Vec<usize> = (st..j).collect();
    let np = if toks[st].cap || NAME_PARTICLES.contains(toks[st].lc.as_str()) {
        let run: Vec<usize> = seg.iter().copied().filter(|&i| toks[i].word).collect();
        split_run(toks, &run, chars, st)?
    } else {
        // "the airline", "a spokesman", "the Pentagon"
        let rest: Vec<usize> = seg.iter().copied().filter(|&i| !matches!(toks[i].lc.as_str(), "the" | "a" | "an")).collect();
        if rest.is_empty() {
            return None;
        }
        if toks[rest[0]].cap {
            let run: Vec<usize> = rest.iter().copied().filter(|&i| toks[i].word).collect();
            let mut np = split_run(toks, &run, chars, rest[0])?;
            if let Np::Name { org, name, .. } = &mut np {
                if name.len() == 1 && toks[st].is("the") {
                    *org = true;
                }
            }
            np
        } else {
            parse_np_backward(toks, &seg, chars)?
        }
    };
    let mut np = np;
    if let (Some(p), Np::Name { role, .. }) = (prefix, &mut np) {
        *role = Some(match role.take() {
            Some(r) => format!("{p} {r}"),
            None => p,
        });
    }
    // Appositive role: ", a physical oceanographer at …," (skipping credentials like MD).
    let mut role = None;
    let mut k = j;
    while k < toks.len() && toks[k].punct() == Some(',') {
        let s = k + 1;
        let mut e = s;
        while e < toks.len() && !matches!(toks[e].punct(), Some(',' | '.' | ';' | ':' | '!' | '?')) && !toks[e].inq {
            e += 1;
        }
        if e == s {
            break;
        }
        let f = &toks[s];
        // Credentials ("MD") and an age ("Ines Carvalho, 67,") are no role.
        if (CREDENTIALS.contains(f.lc.as_str()) && e - s <= 2) || (f.is_digitish() && e - s == 1) {
            k = e;
            continue;
        }
        let lower_appos = f.word && !f.cap && !f.lc.ends_with("ing") && !matches!(f.lc.as_str(), "who" | "which" | "whose" | "where" | "when" | "and" | "but" | "as" | "after" | "before" | "while");
        let cap_role = f.word && f.cap && e - s <= 6 && toks[s..e].iter().any(|t| ROLE_WORDS.contains(t.lc.as_str()));
        if lower_appos || cap_role {
            let idx: Vec<usize> = (s..e).collect();
            role = Some(role_text(chars, toks, &idx));
        }
        break;
    }
    Some((np, role))
}

/// Split a capitalised run into role, ranks, honorifics and the name.
fn split_run(toks: &[Tok], run: &[usize], chars: &[char], run_start: usize) -> Option<Np> {
    if run.is_empty() {
        return None;
    }
    let mut run: Vec<usize> = run.to_vec();
    // A sentence-initial function word is no part of a name.
    while run.len() > 1 && SENTENCE_OPENERS.contains(toks[run[0]].lc.as_str()) && (run[0] == run_start || run[0] == 0) {
        run.remove(0);
    }
    // "Harbourmaster Ewan Doyle" at a sentence start: a job noun, capitalised only by position.
    if run.len() >= 3 && run[0] == run_start && (run_start == 0 || toks[run_start - 1].punct().is_some_and(|c| matches!(c, '.' | '"' | '“' | '”' | ':'))) {
        let w = &toks[run[0]].lc;
        if !MALE_NAMES.contains(w.as_str()) && !FEMALE_NAMES.contains(w.as_str()) && ["er", "or", "ist", "man", "woman", "ian", "ant", "ent", "eer"].iter().any(|s| w.ends_with(s)) {
            run.remove(0);
        }
    }
    let word = |i: usize| strip_possessive(&toks[i].lc).to_string();
    let is_title = |w: &str| ROLE_WORDS.contains(w) || RANKS.contains(w) || HONORIFICS.contains(w) || w.split('-').any(|p| ROLE_WORDS.contains(p));
    let mut k = run.len();
    while k > 0 && !is_title(&word(run[k - 1])) {
        k -= 1;
    }
    // A surname that happens to be a role word ("Carole King"): keep a two-word name.
    if k == run.len() && run.len() >= 2 && !is_title(&word(run[run.len() - 2])) {
        k = run.len() - 2;
    }
    // "Belgian Jens Maes": a nationality in front of a name is a description, not a first name.
    if k == 0 && run.len() >= 3 && is_demonym(&word(run[0])) && !MALE_NAMES.contains(word(run[0]).as_str()) && !FEMALE_NAMES.contains(word(run[0]).as_str()) {
        k = 1;
    }
    let name_idx = &run[k..];
    if name_idx.is_empty() {
        return Some(Np::Descriptor {
            head: word(*run.last().unwrap()),
            phrase: text_of(chars, &run.iter().map(|&i| &toks[i]).collect::<Vec<_>>()),
            affiliation: None,
        });
    }
    let mut gender = Gender::Unknown;
    let mut role_toks: Vec<&Tok> = Vec::new();
    let mut rank_toks: Vec<&Tok> = Vec::new();
    // Ranks directly in front of the name are ranks; everything before them is the office.
    let mut m = k;
    while m > 0 {
        let w = word(run[m - 1]);
        if HONORIFICS.contains(w.as_str()) {
            gender = match w.as_str() {
                "mr" | "sir" | "lord" | "m" => Gender::Male,
                "mrs" | "ms" | "miss" | "dame" | "lady" | "mme" | "mlle" => Gender::Female,
                _ => gender,
            };
            m -= 1;
        } else if RANKS.contains(w.as_str()) && !ROLE_WORDS.contains(w.as_str()) {
            rank_toks.insert(0, &toks[run[m - 1]]);
            m -= 1;
        } else {
            break;
        }
    }
    for &i in &run[..m] {
        if !HONORIFICS.contains(word(i).as_str()) {
            role_toks.push(&toks[i]);
        }
    }
    if role_toks.is_empty() && !rank_toks.is_empty() && rank_toks.len() < run[..k].len() + 1 {
        role_toks = rank_toks.clone();
    }
    let name: Vec<String> = name_idx.iter().map(|&i| display_word(chars, &toks[i])).collect();
    let org = name_idx.iter().any(|&i| ORG_WORDS.contains(word(i).as_str()))
        || (name_idx.len() == 1 && is_acronym(&toks[name_idx[0]], chars))
        || name_idx.iter().all(|&i| is_acronym(&toks[i], chars));
    let role = (!role_toks.is_empty()).then(|| text_of(chars, &role_toks));
    if gender == Gender::Unknown && name.len() >= 2 && !org {
        gender = gender_of_first(&name[0].to_lowercase());
    }
    Some(Np::Name { name, role, gender, org })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::tokens::tokenize;

    #[test]
    fn attributions_find_who_said_it() {
        for (text, want) in [
            ("Ryder said the aid would continue.", &[("Ryder", None, "named in the attribution")][..]),
            (
                "The aid would continue, said Pentagon Press Secretary Major General Pat Ryder.",
                &[("Pat Ryder", Some("Pentagon Press Secretary"), "named in the attribution")],
            ),
            ("According to Dr Jane Smith, the rate fell.", &[("Jane Smith", None, "named in the attribution")]),
            (
                "Jane Smith, the airline's chief executive, told reporters the flight was late.",
                &[("Jane Smith", Some("airline's chief executive"), "named in the attribution")],
            ),
            ("Officials said the road was closed.", &[("(unnamed) Officials", None, "unnamed source")]),
            ("The airline said the flight was diverted.", &[("airline", None, "organisation described, not named")]),
            ("He said the rate fell.", &[("(nobody)", None, "pronoun resolved to the most recent matching person")]),
            ("The rate fell in March.", &[]),
        ] {
            let chars: Vec<char> = text.chars().collect();
            let toks = tokenize(&chars, 0, chars.len());
            let mut reg = Registry::default();
            let got: Vec<(String, Option<String>, &str)> = reg
                .attributions(&toks, &chars, 0)
                .into_iter()
                .map(|a| {
                    let (who, role) = match &a.spk {
                        Some(Spk::Ent(id)) => (reg.ents[*id].name.clone(), reg.ents[*id].role.clone()),
                        Some(Spk::Named { name, role }) => (name.clone(), role.clone()),
                        Some(Spk::Generic(g)) => (format!("(unnamed) {g}"), None),
                        None => ("(nobody)".to_string(), None),
                    };
                    (who, role, a.how)
                })
                .collect();
            let want: Vec<(String, Option<String>, &str)> =
                want.iter().map(|(w, r, h)| (w.to_string(), r.map(str::to_string), *h)).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
