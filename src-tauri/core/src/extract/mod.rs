//! From article text to check-worthy claim candidates.
//!
//! [`extract`] splits the text into paragraphs (one a line) and sentences, finds direct quotations
//! (straight, curly or single marks; across sentences and across paragraphs), attributes each to a
//! speaker (see `language::speakers`), classifies the rest as reported speech, numeric or factual
//! statements, and scores everything for check-worthiness with the reasons (see
//! `language::worthiness`). Offsets are in Unicode code points:
//! `input.chars().skip(start).take(end - start)` is the text. The reading itself (tokens,
//! sentences, quotations, speakers, word lists, check-worthiness) is in [`crate::language`]; this
//! module puts an article's candidates together.
//!
//! It needs no database and no network; it is linear in the input (a 1 MB article takes about
//! 0.1 s in a release build, see `benches/extract.rs`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::sentences::{is_heading, paragraphs, quote_spans, quote_style, sentences, QSpan};
use crate::language::speakers::{Attr, Registry, Spk};
use crate::language::tokens::{tokenize, word_count, Tok};
use crate::language::worthiness;
pub use crate::model::{Candidate, CandidateKind};

/// Tuning for [`extract_with`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExtractOptions {
    /// Leave out candidates scoring below this.
    pub min_score: f32,
    /// At most this many candidates (the best); all when absent.
    pub max_candidates: Option<u32>,
    /// Sentences with fewer words are not candidates (quotations are kept regardless).
    pub min_words: u32,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions { min_score: 0.0, max_candidates: None, min_words: 4 }
    }
}

/// Extract candidate claims from article text (one paragraph a line), best first.
pub fn extract(text: &str) -> Vec<Candidate> {
    extract_with(text, &ExtractOptions::default())
}

struct QRec {
    span: QSpan,
    chain: usize,
    own: Option<(Spk, &'static str)>,
    spk: Option<(Spk, &'static str)>,
    /// Starts its sentence (a stand-alone quotation rather than a phrase in quote marks).
    leads: bool,
    words: usize,
    /// The last attribution in an earlier sentence of the same paragraph, with its position.
    prev_attr: Option<(Spk, &'static str, usize)>,
    /// A stand-alone quoted sentence followed by a sentence opening "Solberg said …": that speaker.
    next_attr: Option<(Spk, &'static str)>,
}

struct SRec {
    s: usize,
    e: usize,
    attr: Option<Attr>,
}

#[derive(Default)]
struct PInfo {
    heading: bool,
    colon_spk: Option<(Spk, &'static str)>,
    last_sent_has_quote: bool,
    quotes: Vec<usize>,
    subject: Option<usize>,
}

/// [`extract`] with options.
pub fn extract_with(input: &str, opts: &ExtractOptions) -> Vec<Candidate> {
    extract_until(input, opts, &mut |_, _| true).unwrap_or_default()
}

/// [`extract_with`], telling `progress(done, total)` how many paragraphs have been read (every
/// few dozen paragraphs, and once at the end); `None` as soon as `progress` answers false (the
/// checker cancelled).
pub fn extract_until(input: &str, opts: &ExtractOptions, progress: &mut dyn FnMut(usize, usize) -> bool) -> Option<Vec<Candidate>> {
    let chars: Vec<char> = input.chars().collect();
    let paras = paragraphs(&chars);
    // About a hundred calls for any length of article.
    let step = (paras.len() / 100).max(16);
    let style = quote_style(&chars);
    let mut reg = Registry::default();
    let mut quotes: Vec<QRec> = Vec::new();
    let mut sents: Vec<SRec> = Vec::new();
    let mut pinfo: Vec<PInfo> = Vec::with_capacity(paras.len());
    let mut carry = false;
    let mut open_chain: Option<usize> = None;
    let mut chains = 0usize;

    for (pi, &p) in paras.iter().enumerate() {
        if pi % step == 0 && !progress(pi, paras.len()) {
            return None;
        }
        if is_heading(&chars, p) {
            pinfo.push(PInfo { heading: true, ..PInfo::default() });
            carry = false;
            open_chain = None;
            continue;
        }
        let (spans, left_open) = quote_spans(&chars, p, style, carry);
        let mut toks = tokenize(&chars, p.s, p.e);
        let mut k = 0;
        for t in toks.iter_mut() {
            while k < spans.len() && spans[k].me <= t.s {
                k += 1;
            }
            t.inq = k < spans.len() && spans[k].ms <= t.s && t.s < spans[k].me;
        }
        let mut info = PInfo::default();
        let mut para_attr: Option<(Spk, &'static str, usize)> = None;
        let mut ti = 0;
        let mut qi = 0;
        // Quotations that fill the sentence before and have no attribution of their own.
        let mut pending: Vec<usize> = Vec::new();
        let ss_list = sentences(&chars, p, &spans);
        let nsent = ss_list.len();
        for (si, (ss, se)) in ss_list.into_iter().enumerate() {
            while ti < toks.len() && toks[ti].s < ss {
                ti += 1;
            }
            let mut tj = ti;
            while tj < toks.len() && toks[tj].e <= se {
                tj += 1;
            }
            let st: &[Tok] = &toks[ti..tj];
            let attrs = reg.attributions(st, &chars, pi);
            reg.mentions_in(st, &chars, pi);
            if !pending.is_empty() {
                // The speaker is the subject at the start of this sentence ("Solberg said the team …").
                let first_q = spans.iter().find(|q| q.ms >= ss && q.ms < se).map_or(se, |q| q.ms);
                let near = attrs.iter().find(|a| a.spk.is_some() && a.pos < first_q && a.pos - ss <= 40 && !matches!(a.spk, Some(Spk::Generic(_))));
                if let Some(a) = near {
                    for &q in &pending {
                        quotes[q].next_attr = Some((a.spk.clone().unwrap(), "attributed in the sentence after"));
                    }
                }
                pending.clear();
            }
            let mut has_quote = false;
            while qi < spans.len() && spans[qi].ms < se {
                let sp = spans[qi].clone();
                qi += 1;
                has_quote = true;
                let own = attrs
                    .iter()
                    .filter(|a| a.spk.is_some())
                    .min_by_key(|a| if a.pos >= sp.me { a.pos - sp.me } else { sp.ms.saturating_sub(a.pos) })
                    .map(|a| (a.spk.clone().unwrap(), a.how));
                let chain = if sp.cont_prev { open_chain.unwrap_or(chains) } else { chains };
                if chain == chains {
                    chains += 1;
                }
                let words = word_count(&chars[sp.s..sp.e]);
                info.quotes.push(quotes.len());
                if own.is_none() && sp.ms <= ss && sp.me + 2 >= se {
                    pending.push(quotes.len());
                }
                quotes.push(QRec { leads: sp.ms <= ss, span: sp, chain, own, spk: None, words, prev_attr: para_attr.clone(), next_attr: None });
            }
            if si + 1 == nsent {
                info.last_sent_has_quote = has_quote;
                if chars[se - 1] == ':' {
                    info.colon_spk = attrs.iter().rev().find_map(|a| a.spk.clone().map(|s| (s, a.how)));
                }
            }
            if let Some(a) = attrs.iter().rev().find(|a| a.spk.is_some()) {
                para_attr = Some((a.spk.clone().unwrap(), a.how, a.pos));
            }
            let attr = attrs.iter().find(|a| a.spk.is_some()).cloned();
            sents.push(SRec { s: ss, e: se, attr });
            ti = tj;
        }
        info.subject = reg.mentions.iter().rev().take_while(|m| m.para == pi).find(|m| m.subject).or_else(|| reg.mentions.iter().rev().take_while(|m| m.para == pi).find(|m| !reg.ents[m.ent].org)).map(|m| m.ent);
        open_chain = if left_open { quotes.last().map(|q| q.chain) } else { None };
        carry = left_open;
        pinfo.push(info);
    }

    resolve_quotes(&mut quotes, &pinfo, &reg);
    let out = build(&chars, &quotes, &sents, &reg, opts);
    progress(paras.len(), paras.len()).then_some(out)
}

/// Give every quotation a speaker: its own attribution, else its chain (a quotation running over
/// paragraphs), else the quotation before it in the paragraph, else the one after it, else what a
/// reader takes from the paragraph before.
fn resolve_quotes(quotes: &mut [QRec], pinfo: &[PInfo], reg: &Registry) {
    let mut chain_spk: std::collections::HashMap<usize, (Spk, &'static str)> = Default::default();
    for q in quotes.iter() {
        if let Some(o) = &q.own {
            chain_spk.entry(q.chain).or_insert_with(|| o.clone());
        }
    }
    for pi in 0..pinfo.len() {
        let qs = pinfo[pi].quotes.clone();
        for (n, &qi) in qs.iter().enumerate() {
            let spk = if let Some(o) = &quotes[qi].own {
                Some(o.clone())
            } else if quotes[qi].span.cont_prev && chain_spk.contains_key(&quotes[qi].chain) {
                chain_spk.get(&quotes[qi].chain).map(|(s, _)| (s.clone(), "continues a quotation from the paragraph before"))
            } else {
                let before = (n > 0).then(|| quotes[qs[n - 1]].spk.clone().map(|(s, _)| (s, quotes[qs[n - 1]].span.s))).flatten();
                let attr = quotes[qi].prev_attr.clone();
                match (before, attr) {
                    (Some((_, bp)), Some((a, _, ap))) if ap > bp => Some((a, "attributed in the sentence before")),
                    (Some((b, _)), _) => Some((b, "continues the quotation before it")),
                    (None, Some((a, _, _))) => Some((a, "attributed in the sentence before")),
                    (None, None) => None,
                }
            };
            // A quotation opening the paragraph with its speaker named in the next sentence, unless
            // the paragraph before hands over a speaker (ends with a quotation or a colon).
            let handed_over = n == 0 && (0..pi).rev().find(|&j| !pinfo[j].heading).is_some_and(|j| pinfo[j].colon_spk.is_some() || pinfo[j].last_sent_has_quote);
            quotes[qi].spk = if spk.is_none() && !handed_over { quotes[qi].next_attr.clone() } else { spk };
        }
        for n in (0..qs.len()).rev() {
            if quotes[qs[n]].spk.is_none() && n + 1 < qs.len() && quotes[qs[n]].leads {
                quotes[qs[n]].spk = quotes[qs[n + 1]].spk.clone().map(|(s, _)| (s, "attributed after the quotation"));
            }
        }
        // Context from the paragraph before (headings skipped).
        let ctx = (0..pi).rev().find(|&j| !pinfo[j].heading).and_then(|j| {
            let prev = &pinfo[j];
            if let Some(c) = &prev.colon_spk {
                return Some((c.0.clone(), "introduced at the end of the paragraph before"));
            }
            let last_q = prev.quotes.last().and_then(|&q| quotes[q].spk.clone());
            if prev.last_sent_has_quote {
                if let Some((s, _)) = last_q {
                    return Some((s, "same speaker as the quotation before"));
                }
            }
            if let Some(id) = prev.subject {
                return Some((Spk::Ent(id), "the person the paragraph before is about"));
            }
            if let Some(s) = last_q {
                return Some((s.0, "same speaker as the quotation before"));
            }
            // Nothing in the paragraph before: the latest speaker of the last few paragraphs.
            (0..j).rev().filter(|&k| !pinfo[k].heading).take(3).find_map(|k| pinfo[k].quotes.last().and_then(|&q| quotes[q].spk.clone())).map(|(s, _)| (s, "same speaker as the quotation before"))
        });
        for (n, &qi) in qs.iter().enumerate() {
            if quotes[qi].spk.is_none() && (n == 0 || quotes[qs[n - 1]].spk.is_none()) && quotes[qi].leads {
                quotes[qi].spk = ctx.clone();
            }
        }
        for &qi in &qs {
            if quotes[qi].own.is_none() && !quotes[qi].span.cont_prev {
                if let Some(s) = &quotes[qi].spk {
                    chain_spk.entry(quotes[qi].chain).or_insert_with(|| s.clone());
                }
            }
        }
    }
    let _ = reg;
}

fn speaker_of(reg: &Registry, spk: &Spk) -> (Option<String>, Option<String>, bool) {
    match spk {
        Spk::Ent(id) => {
            let e = &reg.ents[*id];
            (Some(e.name.clone()), e.role.clone(), false)
        }
        Spk::Named { name, role } => (Some(name.clone()), role.clone(), false),
        Spk::Generic(_) => (None, None, true),
    }
}

fn build(chars: &[char], quotes: &[QRec], sents: &[SRec], reg: &Registry, opts: &ExtractOptions) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut qk = 0;
    for q in quotes {
        if q.words < 4 && !q.leads {
            continue;
        }
        let slice = &chars[q.span.s..q.span.e];
        let toks = tokenize(chars, q.span.s, q.span.e);
        let f = worthiness::features(&toks, slice);
        let (speaker, role, generic) = q.spk.as_ref().map(|(s, _)| speaker_of(reg, s)).unwrap_or((None, None, false));
        let how = q.spk.as_ref().map(|(_, h)| *h);
        let (sc, reasons) = worthiness::score(CandidateKind::Quote, &f, speaker.as_deref(), how, generic);
        out.push(Candidate { text: slice.iter().collect(), kind: CandidateKind::Quote, speaker, speaker_role: role, score: sc, reasons, start: q.span.s, end: q.span.e });
    }
    for s in sents {
        // Quotations counted as candidates of their own.
        while qk < quotes.len() && quotes[qk].span.e <= s.s {
            qk += 1;
        }
        let mut covered = 0;
        let mut j = qk;
        while j < quotes.len() && quotes[j].span.s < s.e {
            if quotes[j].words >= 4 || quotes[j].leads {
                covered += quotes[j].span.e.min(s.e) - quotes[j].span.s.max(s.s);
            }
            j += 1;
        }
        if covered * 2 > s.e - s.s {
            continue;
        }
        let slice = &chars[s.s..s.e];
        let toks = tokenize(chars, s.s, s.e);
        let f = worthiness::features(&toks, slice);
        if (f.words as u32) < opts.min_words && !(f.numeric && f.words >= 2) {
            continue;
        }
        let (speaker, role, generic) = s.attr.as_ref().and_then(|a| a.spk.as_ref()).map(|sp| speaker_of(reg, sp)).unwrap_or((None, None, false));
        let kind = if f.numeric {
            CandidateKind::Numeric
        } else if s.attr.is_some() {
            CandidateKind::Attributed
        } else {
            CandidateKind::Factual
        };
        let how = s.attr.as_ref().map(|a| a.how);
        let (sc, mut reasons) = worthiness::score(kind, &f, speaker.as_deref(), how, generic);
        if kind == CandidateKind::Numeric && s.attr.is_some() {
            reasons.insert(1, "reported speech".into());
        }
        out.push(Candidate { text: slice.iter().collect(), kind, speaker, speaker_role: role, score: sc, reasons, start: s.s, end: s.e });
    }
    out.retain(|c| c.score >= opts.min_score);
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
    if let Some(m) = opts.max_candidates {
        out.truncate(m as usize);
    }
    out
}
