//! Synthetic workspaces for trying the app at scale: `factdesk-cli demo --synthetic N` and the store
//! benchmarks fill a workspace with N generated claims (varied wording, about 200 claimants, statuses
//! across the workflow, evidence from a shared pool of sources, verdicts).
//!
//! Everything is deterministic from the seed: the same seed gives the same texts, claimants,
//! statuses, evidence and verdicts. The rows are those the store's own write path writes
//! (validation, history rows, the search indexes, the workflow and its publish gate), written by
//! the store's bulk path in chunked transactions, while a second thread generates the next chunk:
//! a million claims take under a minute. [`fill_synthetic_through_store`] writes the same through
//! the write path itself, one change at a time.

use std::collections::{HashMap, HashSet};

use crate::error::Result;
use crate::model::{ClaimInput, ClaimStatus, EvidenceInput, SourceInput, Stance, VerdictInput};
use crate::store::synthetic::{prepare_synthetic_claim, BulkClaim, SynEvidence, SynVerdict};
use crate::store::Store;

/// Claims per `create_claims` call (one transaction each).
pub const CHUNK: usize = 5_000;

/// How many distinct claimants a synthetic workspace draws from.
pub const CLAIMANTS: usize = 200;

/// What [`fill_synthetic`] added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntheticReport {
    pub claims_added: usize,
    /// Distinct claimants the new claims name (created, or found already in the workspace).
    pub claimants_used: usize,
    pub sources_added: usize,
    pub evidence_added: usize,
    pub verdicts_added: usize,
    /// How many of the new claims ended in each status, in workflow order.
    pub by_status: Vec<(ClaimStatus, usize)>,
}

/// A small deterministic generator (xorshift64*), seeded through splitmix64.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The generator of item `i` of a stream: independent of how the items are chunked.
    pub(crate) fn for_item(seed: u64, stream: u64, i: u64) -> Rng {
        Rng::new(seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `pct`/100.
    pub(crate) fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const STREAM_CLAIM: u64 = 1;
const STREAM_PLAN: u64 = 2;

const SUBJECTS: &[&str] = &[
    "Unemployment", "The national debt", "Violent crime", "Average rent", "Hospital waiting lists",
    "Child poverty", "Carbon emissions", "The minimum wage", "Net migration", "Petrol prices",
    "Teacher pay", "Broadband coverage", "Measles vaccination", "Housing starts", "Defence spending",
    "Food bank use", "Rail fares", "Plastic recycling", "Youth unemployment", "Household energy bills",
    "Income tax receipts", "Homelessness", "The trade deficit", "Student debt", "Foreign aid",
    "Wind power output", "Knife crime", "Rural bus services", "GP appointments", "Childcare costs",
    "Police numbers", "Farm subsidies", "Pension spending", "Water leakage", "Shoplifting",
    "Literacy among ten-year-olds", "Road deaths", "Mortgage arrears", "Nurse vacancies", "Tourism revenue",
];

const RISES: &[&str] = &["risen", "fallen", "grown", "dropped", "climbed", "shrunk", "jumped", "slipped"];
const RISES_PAST: &[&str] = &["rose", "fell", "grew", "dropped", "climbed", "shrank", "jumped", "slipped"];
const SUPERLATIVES: &[&str] = &["highest", "lowest", "sharpest", "biggest", "smallest", "fastest", "steepest"];
const PERIODS: &[&str] = &["level", "figure", "rate", "total", "increase", "decline"];

const PLACES: &[&str] = &[
    "Northshire", "the capital", "Eastport", "Lakeside", "the northern region", "Riverton", "Westmoor",
    "Harbourside", "the coastal districts", "Millbrook", "Ashford Vale", "Kingsbridge", "Greyhaven",
    "the border counties", "Southfield", "Oakhurst", "Pinecrest", "Stonebury", "Marshgate", "Highcliff",
    "Brackenfold", "Copperton", "Dunmore", "Elmstead", "Fernhill", "Glenroy", "Hollowmere", "Ironbridge",
    "Juniper Bay", "Kestrel Point", "Larkspur", "Moorcroft", "Newhaven", "Orchard Hill", "Pembury",
    "Quarry End", "Redcastle", "Saltcoats", "Thornwick", "Upton Marsh", "Valemouth", "Wrenfield",
    "Yarrowdale", "every region", "rural areas", "the inner cities", "the suburbs", "the islands",
];

const ORGS: &[&str] = &[
    "the statistics office", "the central bank", "the audit office", "the health ministry",
    "the treasury", "the electoral commission", "the police inspectorate", "an independent review",
    "the budget watchdog", "a parliamentary committee", "the housing regulator", "the energy regulator",
    "the census", "the education inspectorate", "a university study", "the labour force survey",
];

const TOPICS: &[&str] = &[
    "schools", "hospitals", "policing", "roads", "social housing", "public transport", "flood defences",
    "mental health services", "libraries", "border security", "apprenticeships", "clean energy",
    "elderly care", "the armed forces", "broadband", "prisons", "research grants", "sports facilities",
    "child benefits", "water treatment", "farm support", "the courts", "fire services", "museums",
];

const GROUPS: &[&str] = &[
    "pensioners", "nurses", "students", "first-time buyers", "small businesses", "farmers", "young people",
    "families", "commuters", "teachers", "refugees", "veterans", "carers", "renters", "shop workers",
];

const ACTIVITIES: &[&str] = &[
    "own their home", "can see a doctor within a week", "finish secondary school", "vote in local elections",
    "cycle to work", "have a pension", "earn above the living wage", "use public libraries",
    "read a newspaper", "speak a second language", "live within a mile of a bus stop",
];

const EVENTS: &[&str] = &[
    "lose their jobs", "are admitted to hospital", "leave the profession", "fall behind on rent",
    "move abroad", "are turned away from shelters", "wait more than a year for surgery", "drop out of college",
];

const CAUSES: &[&str] = &[
    "budget cuts", "rising prices", "the new tax rules", "staff shortages", "the pandemic",
    "delays in the courts", "the housing shortage", "red tape", "the closure of local offices",
];

const THINGS: &[&str] = &["laptops", "homes", "grants", "meals", "vaccines", "loans", "bikes", "training places"];

const COMPARES: &[&str] = &["more", "less", "twice as much", "half as much", "a third more"];

/// Syllables of made-up programme names: rare words for search (about 4 claims each at 100,000).
const SYLLABLES: &[&str] = &[
    "ka", "vel", "dor", "mi", "tran", "zo", "lu", "ber", "sen", "quo", "ri", "stal", "nov", "pe",
    "gra", "thi", "mon", "ex", "ya", "bru", "cor", "fen", "lis", "wen", "tor", "ami", "ul", "dre",
];

const UNITS: &[&str] = &["thousand", "million", "billion"];

const FIRST_NAMES: &[&str] = &[
    "Alys", "Bram", "Cora", "Deniz", "Elif", "Farah", "Goran", "Hana", "Idris", "Jonas", "Kaia", "Lorcan",
    "Mirela", "Nikos", "Oona", "Pavel", "Quinn", "Rosa", "Sione", "Tamsin",
];
const LAST_NAMES: &[&str] = &[
    "Abernathy", "Brightwater", "Castellano", "Drummond", "Eskildsen", "Fairweather", "Galloway",
    "Hartigan", "Ingersoll", "Jovanovic", "Kowalczyk", "Lindqvist", "Marchetti", "Nakagawa", "Okafor",
    "Pemberton", "Quartermaine", "Rasmussen", "Szabo", "Thistlewood",
];
const ROLES: &[&str] = &[
    "Minister for Finance", "Shadow Health Secretary", "Mayor", "Member of Parliament", "Party leader",
    "Opposition spokesperson", "Union general secretary", "Chief executive", "Senator", "Regional governor",
    "Columnist", "Campaign director",
];
const ORG_KINDS: &[&str] = &[
    "Party", "Institute", "Alliance", "Taxpayers' Union", "Chamber of Commerce", "Forum", "Foundation", "Council",
];
const ORG_STEMS: &[&str] = &["Progress", "Liberty", "Heritage", "Green", "Civic", "Workers'", "Future", "Common Ground"];

const OUTLETS: &[&str] = &[
    "Morning Ledger", "Channel Nine News", "The Evening Courier", "Radio Northshire", "The Weekly Dispatch",
    "Metro Talk", "Capital Post", "Harbour Herald",
];
const VENUES: &[&str] = &[
    "Interview on {o}", "Speech in {p}", "Post on social media", "Press release", "Debate in parliament",
    "Campaign leaflet", "Op-ed in {o}", "Televised debate on {o}", "Town hall meeting in {p}",
];

const EXCERPTS: &[&str] = &[
    "The official series shows {s} {r} by {n}% over the period",
    "Figures published by {org} put the number at {n} {u}",
    "The report notes that comparisons with {p} are not like for like",
    "According to the table, the change since {y} was {n}%",
    "The methodology changed in {y}, so earlier years are not comparable",
];
const RATIONALES: &[&str] = &[
    "The figure matches the official statistics for the period the claimant described.",
    "The number is broadly right, but the comparison leaves out the change of method in {y}.",
    "The claim picks a start year that exaggerates the trend; over ten years the change is much smaller.",
    "Official data show the opposite trend: {s} {r} rather than the direction claimed.",
    "We found no source for this figure, and {org} told us it publishes no such number.",
    "The statistic is accurate but refers to {p} only, not the whole country as the claim implies.",
];

/// The claimant `i` of the synthetic pool (0..CLAIMANTS): 160 people and 40 organisations.
fn claimant(i: usize) -> (String, String) {
    if i < 160 {
        let (a, q) = (i % 20, i / 20);
        let name = format!("{} {}", FIRST_NAMES[a], LAST_NAMES[(q + 3 * a) % 20]);
        (name, ROLES[i % ROLES.len()].to_string())
    } else {
        let j = i - 160;
        let name = format!("{} {}", ORG_STEMS[j % ORG_STEMS.len()], ORG_KINDS[j / ORG_STEMS.len() % ORG_KINDS.len()]);
        (name, "Organisation".to_string())
    }
}

fn programme(rng: &mut Rng) -> String {
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(rng.pick(SYLLABLES));
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => w,
    }
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = template.to_string();
    let subject = rng.pick(SUBJECTS);
    let pairs: [(&str, String); 9] = [
        ("{s}", subject.to_lowercase()),
        ("{r}", rng.pick(RISES).to_string()),
        ("{n}", rng.range(2, 95).to_string()),
        ("{u}", rng.pick(UNITS).to_string()),
        ("{org}", rng.pick(ORGS).to_string()),
        ("{p}", rng.pick(PLACES).to_string()),
        ("{y}", rng.range(2005, 2021).to_string()),
        ("{o}", rng.pick(OUTLETS).to_string()),
        ("{g}", rng.pick(GROUPS).to_string()),
    ];
    for (k, v) in pairs {
        out = out.replace(k, &v);
    }
    out
}

/// The text, summary and topic tag of synthetic claim `i`.
fn claim_text(rng: &mut Rng) -> (String, String, &'static str) {
    let subject = rng.pick(SUBJECTS);
    let s = subject.to_lowercase();
    let place = rng.pick(PLACES);
    let place2 = rng.pick(PLACES);
    let pct = rng.range(2, 95);
    let pct2 = rng.range(2, 95);
    let year = rng.range(1998, 2020);
    let num = rng.range(2, 950);
    let unit = rng.pick(UNITS);
    let topic = rng.pick(TOPICS);
    let org = rng.pick(ORGS);
    let group = rng.pick(GROUPS);
    let kind = rng.below(12);
    let text = match kind {
        0 => format!(
            "{subject} in {place} has {} {pct}% since {year}, the {} {} on record.",
            rng.pick(RISES),
            rng.pick(SUPERLATIVES),
            rng.pick(PERIODS)
        ),
        1 => format!("{subject} {} by {num} {unit} last year, according to {org}.", rng.pick(RISES_PAST)),
        2 => format!("Under this government {s} has {} {pct}%, more than in {place} and {place2} combined.", rng.pick(RISES)),
        3 => format!(
            "{place} spends £{num} {unit} a year on {topic}, {} than any other part of the country.",
            rng.pick(COMPARES)
        ),
        4 => format!("Only {pct}% of {group} in {place} {}, down from {pct2}% in {year}.", rng.pick(ACTIVITIES)),
        5 => format!("We have cut spending on {topic} by {pct}% and created {num} {unit} new jobs in {place}."),
        6 => format!("Every week {num} {group} {} because of {}.", rng.pick(EVENTS), rng.pick(CAUSES)),
        7 => format!(
            "{} confirmed that {s} reached £{num} {unit} in {year}, the {} since records began.",
            capitalise(org),
            rng.pick(SUPERLATIVES)
        ),
        8 => format!("Nobody in {place} pays more for {topic} than families in {place2}, where {s} is {} in a decade.", rng.pick(SUPERLATIVES).replace("est", "er")),
        9 => format!(
            "The {} programme has delivered {num} {} to {group} across {place} since {year}.",
            programme(rng),
            rng.pick(THINGS)
        ),
        10 => format!(
            "Thanks to the {} scheme, {s} {} {pct}% in {place} while it {} {pct2}% nationally.",
            programme(rng),
            rng.pick(RISES_PAST),
            rng.pick(RISES_PAST)
        ),
        _ => format!(
            "{pct} out of 100 {group} say {topic} got worse after {} was cut by £{num} {unit}, a poll for {org} found.",
            s
        ),
    };
    let summary = match kind {
        3 | 5 => format!("{place}: spending on {topic}"),
        4 | 6 | 11 => format!("{}: {s}", capitalise(group)),
        _ => format!("{subject} in {place}"),
    };
    (text, summary, topic)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Synthetic claim inputs `start..start + n` for `seed`, as [`fill_synthetic`] creates them (all
/// starting as new; the workflow moves them on). Public for the benchmarks.
pub fn generate_claims(start: usize, n: usize, seed: u64) -> Vec<ClaimInput> {
    (start..start + n)
        .map(|i| {
            let mut rng = Rng::for_item(seed, STREAM_CLAIM, i as u64);
            let (text, summary, topic) = claim_text(&mut rng);
            // A skewed share: a few claimants say a lot, most say a little, every one says something.
            let who = if i < CLAIMANTS { i } else { (rng.below(CLAIMANTS) * rng.below(CLAIMANTS)) / CLAIMANTS };
            let (name, role) = claimant(who);
            let said_where = rng.pick(VENUES).replace("{o}", rng.pick(OUTLETS)).replace("{p}", rng.pick(PLACES));
            let day = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).expect("valid date")
                + chrono::Days::new(rng.below(2_400) as u64);
            let mut tags = vec![topic.replace(' ', "-")];
            if rng.chance(30) {
                tags.push(rng.pick(&["economy", "health", "crime", "housing", "election", "budget"]).to_string());
            }
            ClaimInput {
                text,
                summary,
                claimant: Some(name),
                claimant_role: Some(role),
                said_on: Some(day.format("%Y-%m-%d").to_string()),
                said_where,
                status: Some(ClaimStatus::New),
                tags,
                ..ClaimInput::default()
            }
        })
        .collect()
}

/// What happens to synthetic claim `i` after it is captured.
struct Plan {
    evidence: usize,
    verdict: Option<&'static str>,
    status: ClaimStatus,
}

fn plan(seed: u64, i: usize) -> Plan {
    use ClaimStatus::*;
    let mut rng = Rng::for_item(seed, STREAM_PLAN, i as u64);
    if rng.below(3) == 0 {
        let status = match rng.below(100) {
            0..=14 => Researching,
            15..=44 => InReview,
            45..=79 => Ready,
            _ => Published,
        };
        let rating = ["true", "mostly_true", "half_true", "mostly_false", "false", "wildly_false"][rng.below(6)];
        Plan { evidence: rng.range(1, 3), verdict: Some(rating), status }
    } else {
        let status = match rng.below(100) {
            0..=54 => New,
            55..=84 => Researching,
            85..=91 => InReview,
            _ => Archived,
        };
        Plan { evidence: 0, verdict: None, status }
    }
}

/// The route through the workflow from new to `to`, one allowed step at a time.
fn route(to: ClaimStatus) -> &'static [ClaimStatus] {
    use ClaimStatus::*;
    match to {
        New => &[],
        Researching => &[Researching],
        InReview => &[Researching, InReview],
        Ready | Published => &[Researching, InReview, Ready],
        Archived => &[Archived],
        Corrected => &[],
    }
}

/// Claims per transaction of the bulk path: a chunk lands whole or not at all, and a rerun
/// starts after the last chunk that landed.
const BULK_CHUNK: usize = 50_000;

/// What happens to synthetic claim `i` after it is captured: its evidence (sources as indexes into
/// the pool of `pool` sources), its verdict (a key of `rating_keys`, the scale's in order) and the
/// status it ends in. Both write paths draw it the same way.
fn aftermath(seed: u64, i: usize, pool: usize, rating_keys: &[String]) -> (Vec<SynEvidence>, Option<SynVerdict>, ClaimStatus) {
    let p = plan(seed, i);
    let mut rng = Rng::for_item(seed, STREAM_PLAN + 1, i as u64);
    let mut evidence = Vec::with_capacity(p.evidence);
    for e in 0..p.evidence {
        let source = (i * 7 + e * 13 + rng.below(pool)) % pool;
        let stance = [Stance::Supports, Stance::Refutes, Stance::Context][rng.below(3)];
        let excerpt = fill(rng.pick(EXCERPTS), &mut rng);
        let note = if rng.chance(50) { fill("Checked against {org}; see the {y} edition.", &mut rng) } else { String::new() };
        evidence.push(SynEvidence { source, excerpt, stance, note });
    }
    let verdict = p.verdict.map(|r| {
        let rating_key =
            if rating_keys.iter().any(|k| k == r) { r.to_string() } else { rating_keys[rng.below(rating_keys.len())].clone() };
        SynVerdict { rating_key, rationale: fill(rng.pick(RATIONALES), &mut rng) }
    });
    (evidence, verdict, p.status)
}

/// Brings the workspace to `n` generated claims of this seed (see the module documentation), on top
/// of whatever else it holds: a rerun adds only the ones missing, so it never doubles them; sources
/// of the pool already present (same address) are reused. Each chunk lands whole or not at all.
///
/// The claims are generated on a second thread while this one writes them, through the store's
/// bulk path (`store::synthetic`), which writes the rows the write path would: the same claims,
/// evidence, verdicts, sign-offs, history, search rows and queue rows. A workspace on a desk is
/// filled through the write path ([`fill_synthetic_through_store`]), whose every change the desk's
/// outbox records.
pub fn fill_synthetic(store: &mut Store, n: usize, seed: u64) -> Result<SyntheticReport> {
    if store.synthetic_needs_write_path()? {
        return fill_synthetic_through_store(store, n, seed);
    }
    let mut report = SyntheticReport::default();
    let sources = source_pool(store, n, seed, &mut report)?;
    let rating_keys: Vec<String> = store.rating_scale()?.ratings.iter().map(|r| r.key.clone()).collect();
    let key = format!("synthetic.seed.{seed}");
    let first = store.setting(&key)?.and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let targets = store.synthetic_targets(&sources)?;
    let mut by_status: HashMap<ClaimStatus, usize> = HashMap::new();
    let mut claimants: HashSet<String> = HashSet::new();
    let mut claimant_ids = HashMap::new();
    store.with_bulk_cache(n, |store| {
        std::thread::scope(|scope| {
            let (send, chunks) = std::sync::mpsc::sync_channel(1);
            // Written chunks go back to the generator, to be freed where they were made.
            let (give_back, written) = std::sync::mpsc::channel::<Vec<BulkClaim>>();
            let (targets, rating_keys, pool) = (&targets, &rating_keys, sources.len());
            scope.spawn(move || {
                let mut start = first;
                while start < n {
                    while let Ok(done) = written.try_recv() {
                        drop(done);
                    }
                    let len = BULK_CHUNK.min(n - start);
                    let chunk: Result<Vec<BulkClaim>> = generate_claims(start, len, seed)
                        .iter()
                        .enumerate()
                        .map(|(k, input)| {
                            let (evidence, verdict, status) = aftermath(seed, start + k, pool, rating_keys);
                            prepare_synthetic_claim(targets, input, evidence, verdict, route(status), status)
                        })
                        .collect();
                    let failed = chunk.is_err();
                    // The writer stopped (an error): nothing more to make.
                    if send.send((start, chunk)).is_err() || failed {
                        break;
                    }
                    start += len;
                }
                drop(send);
                for done in written {
                    drop(done);
                }
            });
            // Returning early drops the receiver, which stops the generator.
            for (start, chunk) in chunks {
                let chunk = chunk?;
                let end = start + chunk.len();
                store.write_synthetic_chunk(targets, &chunk, &mut claimant_ids, &key, &end.to_string())?;
                report.claims_added += chunk.len();
                for (k, c) in chunk.iter().enumerate() {
                    if let Some(name) = c.claimant() {
                        if !claimants.contains(name) {
                            claimants.insert(name.to_string());
                        }
                    }
                    report.evidence_added += c.evidence_count();
                    report.verdicts_added += usize::from(c.has_verdict());
                    *by_status.entry(plan(seed, start + k).status).or_default() += 1;
                }
                let _ = give_back.send(chunk);
            }
            Ok(())
        })
    })?;
    report.claimants_used = claimants.len();
    report.by_status =
        ClaimStatus::ALL.iter().filter_map(|s| by_status.get(s).map(|&c| (*s, c))).filter(|(_, c)| *c > 0).collect();
    Ok(report)
}

/// [`fill_synthetic`] through the store's write path, one claim, piece of evidence, verdict,
/// move and sign-off at a time, as a checker's changes are made (with every check and history
/// row), in chunks of [`CHUNK`] claims: what workspaces on a desk are filled with, and what
/// `tests/synthetic_bulk.rs` checks the bulk path against.
pub fn fill_synthetic_through_store(store: &mut Store, n: usize, seed: u64) -> Result<SyntheticReport> {
    let mut report = SyntheticReport::default();
    let sources = source_pool(store, n, seed, &mut report)?;
    let scale = store.rating_scale()?;
    let rating_keys: Vec<String> = scale.ratings.iter().map(|r| r.key.clone()).collect();
    let checklist: Vec<String> = store.checklist()?.into_iter().filter(|c| c.required).map(|c| c.uuid).collect();
    let mut by_status: HashMap<ClaimStatus, usize> = HashMap::new();
    let mut claimants = HashSet::new();
    // Resumable and never doubled: how many of this seed's claims are in is kept in the workspace,
    // advanced in the transaction that adds each chunk whole (claims, evidence, verdicts,
    // sign-offs, statuses), so a rerun, or a run after one that was killed, adds only what is
    // missing up to N.
    let key = format!("synthetic.seed.{seed}");
    let mut start = store.setting(&key)?.and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    while start < n {
        let len = CHUNK.min(n - start);
        let inputs = generate_claims(start, len, seed);
        for c in &inputs {
            claimants.insert(c.claimant.clone());
        }
        let (evidence, verdicts) = store.write(|tx| {
            let (mut evidence, mut verdicts) = (0, 0);
            for (k, input) in inputs.iter().enumerate() {
                let (id, uuid) = tx.insert_claim(input, None)?;
                let i = start + k;
                let (links, verdict, status) = aftermath(seed, i, sources.len(), &rating_keys);
                for e in links {
                    let input = EvidenceInput {
                        claim_uuid: uuid.clone(),
                        source_uuid: sources[e.source].clone(),
                        excerpt: e.excerpt,
                        stance: e.stance,
                        note: e.note,
                        correction_reason: None,
                        correction_kind: None,
                    };
                    tx.insert_evidence(&input, None)?;
                    evidence += 1;
                }
                if let Some(v) = verdict {
                    let input = VerdictInput {
                        claim_uuid: uuid.clone(),
                        rating_key: v.rating_key,
                        rationale: v.rationale,
                        correction_reason: None,
                        correction_kind: None,
                    };
                    tx.insert_verdict(&input, None)?;
                    verdicts += 1;
                }
                let mut from = ClaimStatus::New;
                for &to in route(status) {
                    tx.move_status(&uuid, id, from, to)?;
                    from = to;
                }
                // Publishing goes through the gate as a desk does it: every required checklist
                // item signed off, then the move to published (which checks verdict, evidence and
                // checklist).
                if status == ClaimStatus::Published {
                    for item in &checklist {
                        tx.set_check(&uuid, item, true)?;
                    }
                    tx.move_status(&uuid, id, from, ClaimStatus::Published)?;
                }
            }
            tx.set_setting(&key, &(start + len).to_string())?;
            Ok((evidence, verdicts))
        })?;
        report.claims_added += len;
        report.evidence_added += evidence;
        report.verdicts_added += verdicts;
        for k in 0..len {
            *by_status.entry(plan(seed, start + k).status).or_default() += 1;
        }
        start += len;
    }
    report.claimants_used = claimants.len();
    report.by_status =
        ClaimStatus::ALL.iter().filter_map(|s| by_status.get(s).map(|&c| (*s, c))).filter(|(_, c)| *c > 0).collect();
    Ok(report)
}

/// The shared pool of sources evidence links to: about one per 100 claims, between 20 and 500.
fn source_pool(store: &mut Store, n: usize, seed: u64, report: &mut SyntheticReport) -> Result<Vec<String>> {
    let count = (n / 100).clamp(20, 500);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut rng = Rng::for_item(seed, 7, i as u64);
        let outlet = OUTLETS[i % OUTLETS.len()];
        let host = outlet.to_lowercase().replace(' ', "");
        let url = format!("https://{host}.example/synthetic/{seed:x}/{i}");
        let uuid = match store.source_uuid_with_url(&url)? {
            Some(u) => u,
            None => {
                let title = fill(
                    rng.pick(&[
                        "{org}: annual report {y}",
                        "How {s} has {r} in {p}",
                        "Fact sheet: {s}",
                        "{org} statistical bulletin, {y}",
                        "Investigation: where the money for {g} went",
                    ]),
                    &mut rng,
                );
                let input = SourceInput {
                    url,
                    title: capitalise(&title),
                    publisher: outlet.to_string(),
                    published_on: Some(format!("{}-{:02}-{:02}", rng.range(2010, 2023), rng.range(1, 12), rng.range(1, 28))),
                    ..SourceInput::default()
                };
                report.sources_added += 1;
                store.create_source(&input)?.uuid
            }
        };
        out.push(uuid);
    }
    Ok(out)
}
