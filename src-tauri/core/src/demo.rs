//! The demo workspace: a small desk's work on the February 2024 story about US troops and aid for
//! Ukraine, written by us from the facts of that story, so a new user sees the app doing its job.
//!
//! Every demo record has a fixed UUID, so [`seed`] is idempotent: records already present are left
//! as the user last edited them, and missing ones are added back.

use chrono::NaiveDate;

use crate::error::Result;
use crate::model::{AppearanceInput, ClaimInput, ClaimStatus, EvidenceInput, SourceInput, SourceKind, Stance, VerdictInput};
use crate::store::Store;

pub const DEMO_ACTOR: &str = "Demo desk";

struct DemoSource {
    uuid: &'static str,
    url: &'static str,
    title: &'static str,
    publisher: &'static str,
    kind: SourceKind,
    published_on: Option<(i32, u32, u32)>,
}

struct DemoEvidence {
    uuid: &'static str,
    source: &'static str,
    excerpt: &'static str,
    stance: Stance,
    note: &'static str,
}

struct DemoVerdict {
    uuid: &'static str,
    rating: &'static str,
    rationale: &'static str,
}

struct DemoClaim {
    uuid: &'static str,
    text: &'static str,
    summary: &'static str,
    claimant: Option<(&'static str, &'static str)>,
    said_on: (i32, u32, u32),
    said_where: &'static str,
    status: ClaimStatus,
    tags: &'static [&'static str],
    evidence: &'static [DemoEvidence],
    /// Oldest first: each later verdict supersedes the one before.
    verdicts: &'static [DemoVerdict],
}

const NEWS: &str = "0190f3a0-0000-7000-8000-00000000d001";
const DOD: &str = "0190f3a0-0000-7000-8000-00000000d002";
const CONGRESS: &str = "0190f3a0-0000-7000-8000-00000000d003";
const ELYSEE: &str = "0190f3a0-0000-7000-8000-00000000d004";
const NATO: &str = "0190f3a0-0000-7000-8000-00000000d005";

const SOURCES: &[DemoSource] = &[
    DemoSource {
        uuid: NEWS,
        url: "https://distinctpost.com/?p=32894",
        title: "Pentagon says the US has no plans to send troops to fight in Ukraine",
        publisher: "Distinct Post",
        kind: SourceKind::NewsReport,
        published_on: Some((2024, 2, 28)),
    },
    DemoSource {
        uuid: DOD,
        url: "https://www.defense.gov/News/Transcripts/",
        title: "Pentagon press briefing by Maj. Gen. Pat Ryder, 27 February 2024 (transcripts index)",
        publisher: "U.S. Department of Defense",
        kind: SourceKind::Transcript,
        published_on: Some((2024, 2, 27)),
    },
    DemoSource {
        uuid: CONGRESS,
        url: "https://www.congress.gov/bill/118th-congress/house-bill/815",
        title: "H.R.815, emergency national security supplemental appropriations: actions and text",
        publisher: "Congress.gov (Library of Congress)",
        kind: SourceKind::PrimaryDocument,
        published_on: Some((2024, 2, 13)),
    },
    DemoSource {
        uuid: ELYSEE,
        url: "https://www.elysee.fr/en/emmanuel-macron",
        title: "Conference in support of Ukraine, Paris, 26 February 2024: the President's press conference",
        publisher: "Élysée (Office of the President of France)",
        kind: SourceKind::OfficialStatement,
        published_on: Some((2024, 2, 26)),
    },
    DemoSource {
        uuid: NATO,
        url: "https://www.nato.int/cps/en/natohq/news.htm",
        title: "NATO newsroom: the Secretary General on support for Ukraine, February 2024",
        publisher: "NATO",
        kind: SourceKind::NewsReport,
        published_on: Some((2024, 2, 27)),
    },
];

const CLAIMS: &[DemoClaim] = &[
    DemoClaim {
        uuid: "0190f3a0-0000-7000-8000-00000000c001",
        text: "We have no plans to send US service members to fight in Ukraine.",
        summary: "Pentagon rules out sending US troops to fight in Ukraine",
        claimant: Some(("Pat Ryder", "Pentagon Press Secretary")),
        said_on: (2024, 2, 27),
        said_where: "Pentagon press briefing, Arlington, Virginia",
        status: ClaimStatus::Ready,
        tags: &["ukraine", "us-military"],
        evidence: &[
            DemoEvidence {
                uuid: "0190f3a0-0000-7000-8000-00000000e001",
                source: DOD,
                excerpt: "we have no plans to send US service members to fight in Ukraine",
                stance: Stance::Supports,
                note: "Said from the podium in answer to a question about Macron's remarks; check the official transcript for the full exchange.",
            },
            DemoEvidence {
                uuid: "0190f3a0-0000-7000-8000-00000000e002",
                source: NEWS,
                excerpt: "The president has been pretty clear on that, and that continues to be our position",
                stance: Stance::Supports,
                note: "Ryder ties the position to the President's earlier public statements.",
            },
            DemoEvidence {
                uuid: "0190f3a0-0000-7000-8000-00000000e003",
                source: NATO,
                excerpt: "no plans to send combat troops",
                stance: Stance::Context,
                note: "The NATO Secretary General said the same of the alliance on the same day; several allies (Germany, Sweden) did too.",
            },
        ],
        verdicts: &[DemoVerdict {
            uuid: "0190f3a0-0000-7000-8000-00000000a001",
            rating: "true",
            rationale: "The statement accurately describes stated US policy at the time. The Pentagon, the White House and \
                        the President had each publicly ruled out sending US troops to fight in Ukraine, and no order or \
                        plan to the contrary has been reported. US personnel at the embassy in Kyiv are not combat forces.",
        }],
    },
    DemoClaim {
        uuid: "0190f3a0-0000-7000-8000-00000000c002",
        text: "A $60 billion aid package for Ukraine remains held up in Congress.",
        summary: "The $60 billion Ukraine aid package is stalled in Congress",
        claimant: Some(("Distinct Post", "News outlet")),
        said_on: (2024, 2, 28),
        said_where: "News report on the Pentagon briefing",
        status: ClaimStatus::Published,
        tags: &["ukraine", "us-congress", "aid"],
        evidence: &[
            DemoEvidence {
                uuid: "0190f3a0-0000-7000-8000-00000000e004",
                source: CONGRESS,
                excerpt: "Passed Senate with an amendment by Yea-Nay Vote. 70 - 29.",
                stance: Stance::Supports,
                note: "The Senate passed the $95 billion supplemental on 13 February 2024, about $60 billion of it for Ukraine. \
                       The House had not taken it up by 28 February: the Speaker declined to bring it to a vote.",
            },
            DemoEvidence {
                uuid: "0190f3a0-0000-7000-8000-00000000e005",
                source: NEWS,
                excerpt: "a $60 billion aid package remains held up in Congress",
                stance: Stance::Context,
                note: "Where the claim appeared. The House passed a revised package only on 20 April 2024.",
            },
        ],
        verdicts: &[
            DemoVerdict {
                uuid: "0190f3a0-0000-7000-8000-00000000a002",
                rating: "mostly_true",
                rationale: "The package was stalled in the House at the time. First rated Mostly true because the Ukraine \
                            share was reported variously as $60 billion and $61 billion, and we had not yet checked the bill.",
            },
            DemoVerdict {
                uuid: "0190f3a0-0000-7000-8000-00000000a003",
                rating: "true",
                rationale: "Checked against the Senate-passed bill: about $60 billion of its $95 billion goes to Ukraine, and \
                            on 28 February 2024 the House had not voted on it. The figure and the description are accurate.",
            },
        ],
    },
    DemoClaim {
        uuid: "0190f3a0-0000-7000-8000-00000000c003",
        text: "Sending Western troops to Ukraine in the future cannot be ruled out.",
        summary: "Macron says Western troops in Ukraine are not ruled out",
        claimant: Some(("Emmanuel Macron", "President of France")),
        said_on: (2024, 2, 26),
        said_where: "Conference of European leaders in support of Ukraine, Paris",
        status: ClaimStatus::Researching,
        tags: &["ukraine", "france", "nato"],
        evidence: &[DemoEvidence {
            uuid: "0190f3a0-0000-7000-8000-00000000e006",
            source: ELYSEE,
            excerpt: "nothing should be ruled out",
            stance: Stance::Context,
            note: "He also said there was no consensus among the leaders on sending troops. This is a statement of position, \
                   not of fact: decide whether it is checkable before rating.",
        }],
        verdicts: &[],
    },
    DemoClaim {
        uuid: "0190f3a0-0000-7000-8000-00000000c004",
        text: "NATO has no plans to send combat troops to Ukraine.",
        summary: "Stoltenberg: no NATO combat troops for Ukraine",
        claimant: Some(("Jens Stoltenberg", "NATO Secretary General")),
        said_on: (2024, 2, 27),
        said_where: "Interview with the Associated Press",
        status: ClaimStatus::New,
        tags: &["ukraine", "nato"],
        evidence: &[],
        verdicts: &[],
    },
    DemoClaim {
        uuid: "0190f3a0-0000-7000-8000-00000000c005",
        text: "The war in Ukraine entered its third year this month.",
        summary: "The war entered its third year in February 2024",
        claimant: Some(("Distinct Post", "News outlet")),
        said_on: (2024, 2, 28),
        said_where: "News report on the Pentagon briefing",
        status: ClaimStatus::InReview,
        tags: &["ukraine"],
        evidence: &[DemoEvidence {
            uuid: "0190f3a0-0000-7000-8000-00000000e007",
            source: NEWS,
            excerpt: "the conflict entered its third year this month",
            stance: Stance::Context,
            note: "Russia's full-scale invasion began on 24 February 2022, so February 2024 began its third year. \
                   The fighting in eastern Ukraine began in 2014: say which war is meant.",
        }],
        verdicts: &[DemoVerdict {
            uuid: "0190f3a0-0000-7000-8000-00000000a004",
            rating: "true",
            rationale: "Counted from the full-scale invasion of 24 February 2022, the war entered its third year on \
                        24 February 2024, in the month the report was published.",
        }],
    },
];

fn date((y, m, d): (i32, u32, u32)) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

/// What [`seed`] added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DemoReport {
    pub claims_added: usize,
    pub sources_added: usize,
}

/// Adds the demo claims and sources that are missing from the workspace, in one transaction.
pub fn seed(store: &mut Store) -> Result<DemoReport> {
    store.write_as(DEMO_ACTOR, |tx| {
        let mut report = DemoReport::default();
        let mut source_uuid = std::collections::HashMap::new();
        for s in SOURCES {
            let input = SourceInput {
                url: s.url.into(),
                title: s.title.into(),
                publisher: s.publisher.into(),
                kind: s.kind,
                published_on: s.published_on.and_then(date),
                ..SourceInput::default()
            };
            // A source the user already has under the same address is reused, not duplicated.
            let uuid = match tx.source_with_key(&crate::store::url_key(s.url)?, None)? {
                Some((u, _)) => u,
                None => {
                    report.sources_added += 1;
                    tx.insert_source(&input, Some(s.uuid))?
                }
            };
            source_uuid.insert(s.uuid, uuid);
        }
        // Newest last, so the list (most recently changed first) opens on the first demo claim.
        for c in CLAIMS.iter().rev() {
            if tx.has_claim(c.uuid)? {
                continue;
            }
            let input = ClaimInput {
                text: c.text.into(),
                summary: c.summary.into(),
                claimant: c.claimant.map(|(n, _)| n.to_string()),
                claimant_role: c.claimant.map(|(_, r)| r.to_string()),
                said_on: date(c.said_on),
                said_where: c.said_where.into(),
                // The final status is set once evidence and verdicts are in (see below).
                status: Some(ClaimStatus::New),
                tags: c.tags.iter().map(|t| t.to_string()).collect(),
                language: "en".into(),
                ..ClaimInput::default()
            };
            let (claim_id, _) = tx.insert_claim(&input, Some(c.uuid))?;
            tx.insert_appearance(
                claim_id,
                &AppearanceInput {
                    outlet: c.said_where.into(),
                    appeared_on: date(c.said_on),
                    is_first: true,
                    ..AppearanceInput::default()
                },
            )?;
            report.claims_added += 1;
            for e in c.evidence {
                let input = EvidenceInput {
                    claim_uuid: c.uuid.into(),
                    source_uuid: source_uuid[e.source].clone(),
                    excerpt: e.excerpt.into(),
                    stance: e.stance,
                    note: e.note.into(),
                    correction_reason: None,
                    correction_kind: None,
                };
                tx.insert_evidence(&input, Some(e.uuid))?;
            }
            for v in c.verdicts {
                let input = VerdictInput {
                    claim_uuid: c.uuid.into(),
                    rating_key: v.rating.into(),
                    rationale: v.rationale.into(),
                    correction_reason: None,
                    correction_kind: None,
                };
                tx.insert_verdict(&input, Some(v.uuid))?;
            }
            tx.seed_status(c.uuid, c.status)?;
            if crate::store::is_locked(c.status) {
                // A published demo claim passed the desk's checklist.
                tx.seed_checks(c.uuid, DEMO_ACTOR)?;
            }
        }
        Ok(report)
    })
}

/// The UUIDs of the demo claims, for tests and tools.
pub fn demo_claim_uuids() -> Vec<&'static str> {
    CLAIMS.iter().map(|c| c.uuid).collect()
}
