//! A suggestion is only a suggestion: the checker confirms that two claims are the same (they are
//! linked, and one verdict shows on both) or dismisses the match, which is then never suggested
//! again.

use rusqlite::params;

use super::{Store, Tx};
use crate::error::{Error, Result};
use super::claims::{checked_by, CHECKED_BY_COL};
use crate::model::{ClaimDetail, ClaimStatus, SimilarClaim};

impl Tx<'_> {
    /// Records the decision on the pair, replacing an earlier one, with a history row on both.
    fn link(&self, uuid: &str, other: &str, kind: &str) -> Result<()> {
        if uuid == other {
            return Err(Error::validation("other", "A claim cannot be matched with itself."));
        }
        let (a, b) = (self.claim_id(uuid)?, self.claim_id(other)?);
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.conn().execute(
            "INSERT INTO claim_links (claim_a, claim_b, kind, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (claim_a, claim_b) DO UPDATE SET kind = excluded.kind, actor = excluded.actor, at = excluded.at",
            params![lo, hi, kind, self.actor(), self.now()],
        )?;
        let text_of = |id: i64| -> Result<String> {
            let t: String = self.conn().query_row("SELECT text FROM claims WHERE id = ?1", [id], |r| r.get(0))?;
            let short: String = t.chars().take(80).collect();
            Ok(if t.chars().count() > 80 { format!("{short}…") } else { short })
        };
        let verb = if kind == "same" { "Confirmed as the same claim as" } else { "Dismissed the suggested match with" };
        self.record("claim", uuid, Some(a), "matched", &format!("{verb} “{}”", text_of(b)?), &[])?;
        self.record("claim", other, Some(b), "matched", &format!("{verb} “{}”", text_of(a)?), &[])?;
        Ok(())
    }
}

impl Store {
    /// Confirms that `other` says the same thing as `uuid`: the two are linked, and a claim
    /// without a verdict shows the other's.
    pub fn confirm_match(&mut self, uuid: &str, other: &str) -> Result<ClaimDetail> {
        self.write(|tx| tx.link(uuid, other, "same"))?;
        self.get_claim(uuid)
    }

    /// Says `other` is not the same claim as `uuid`; it is not suggested again.
    pub fn dismiss_match(&mut self, uuid: &str, other: &str) -> Result<ClaimDetail> {
        self.write(|tx| tx.link(uuid, other, "dismissed"))?;
        self.get_claim(uuid)
    }

    /// Fills the claim's confirmed matches and, when it has no verdict, a linked claim's verdict.
    pub(crate) fn claim_links(&self, id: i64, claim: &mut ClaimDetail) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            &format!("SELECT c.id, c.uuid, c.text, cl.name, c.status, c.said_on, c.origin, {CHECKED_BY_COL}
             FROM claim_links l
             JOIN claims c ON c.id = CASE WHEN l.claim_a = ?1 THEN l.claim_b ELSE l.claim_a END
             LEFT JOIN claimants cl ON cl.id = c.claimant_id
             WHERE (l.claim_a = ?1 OR l.claim_b = ?1) AND l.kind = 'same' ORDER BY l.id"),
        )?;
        let rows: Vec<(i64, SimilarClaim)> = stmt
            .query_map([id], |r| {
                let status: String = r.get(4)?;
                Ok((
                    r.get(0)?,
                    SimilarClaim {
                        uuid: r.get(1)?,
                        text: r.get(2)?,
                        claimant: r.get(3)?,
                        status: ClaimStatus::parse(&status).unwrap_or(ClaimStatus::New),
                        said_on: super::parse_date(r.get(5)?)?,
                        rating: None,
                        score: 1.0,
                        origin: super::claims::origin_of(&r.get::<_, String>(6)?),
                        checked_by: r.get::<_, Option<String>>(7)?.map(|b| checked_by(&b)),
                        differs: Vec::new(),
                        theirs: Vec::new(),
                        yours: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (other_id, mut s) in rows {
            let current = self.claim_verdicts(other_id)?.into_iter().find(|v| v.superseded_at.is_none());
            s.rating = current.as_ref().map(|v| v.rating.clone());
            if claim.verdict.is_none() && claim.linked_verdict.is_none() {
                if let Some(v) = current {
                    claim.linked_verdict = Some(v);
                    claim.linked_verdict_claim = Some(s.uuid.clone());
                }
            }
            claim.same_as.push(s);
        }
        Ok(())
    }
}
