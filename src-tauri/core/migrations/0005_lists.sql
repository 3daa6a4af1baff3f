-- Schema v5: the claim list sorted by when a claim was said, and decisions on suggested matches.
CREATE INDEX claims_said ON claims (coalesce(said_on, '') DESC, id DESC);
CREATE INDEX claims_assignee ON claims (assignee) WHERE assignee <> '';

-- A checker's decision on a suggested match between two claims: the same claim in other words
-- (linked: one verdict shown on both), or not the same (dismissed: never suggested again).
-- Each pair once, smaller id first.
CREATE TABLE claim_links (
    id      INTEGER PRIMARY KEY,
    claim_a INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    claim_b INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('same', 'dismissed')),
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL,
    CHECK (claim_a < claim_b),
    UNIQUE (claim_a, claim_b)
) STRICT;
CREATE INDEX claim_links_b ON claim_links (claim_b);
