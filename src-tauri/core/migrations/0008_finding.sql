-- Schema v8: finding a claim by what the desk gathered around it, and ranking claims by how
-- check-worthy their wording is.

-- Check-worthiness of the claim's wording in 0..1, scored as article extraction scores a sentence
-- (extract::worthiness). Written by the store when a claim is created or its wording or claimant
-- changes; NULL until scored (claims of an older workspace are scored when it is first opened).
ALTER TABLE claims ADD COLUMN worthiness REAL CHECK (worthiness IS NULL OR (worthiness >= 0 AND worthiness <= 1));
-- The list sorted by worthiness, unscored last; the keyset is (coalesce(worthiness, -1), id).
CREATE INDEX claims_worthiness ON claims (coalesce(worthiness, -1) DESC, id DESC);
-- The list of imported claims (origin filter), in the default order.
CREATE INDEX claims_imported ON claims (updated_at DESC, id DESC) WHERE origin = 'imported';

-- What surrounds a claim, one row per claim (rowid = claims.id), for the search box: the titles of
-- the sources linked as evidence, the evidence excerpts, and the rationale of the current verdict
-- (a superseded verdict's rationale is history, not what the desk now says). Several titles or
-- excerpts are joined by a line break. Only claims with evidence or a verdict have a row. Kept in
-- step by the store in the transaction that changes evidence, verdicts or a source's title (no
-- triggers: see DESIGN.md). Same tokenizer and prefixes as claims_fts.
CREATE VIRTUAL TABLE claim_context_fts USING fts5 (
    source_title, excerpt, rationale,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO claim_context_fts (rowid, source_title, excerpt, rationale)
SELECT c.id,
       coalesce((SELECT group_concat(t.title, char(10)) FROM
                   (SELECT s.title AS title FROM evidence e JOIN sources s ON s.id = e.source_id
                    WHERE e.claim_id = c.id GROUP BY s.id ORDER BY min(e.id)) t), ''),
       coalesce((SELECT group_concat(x.excerpt, char(10)) FROM
                   (SELECT e.excerpt AS excerpt FROM evidence e
                    WHERE e.claim_id = c.id AND e.excerpt <> '' ORDER BY e.id) x), ''),
       coalesce((SELECT v.rationale FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL), '')
FROM claims c
WHERE EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id)
   OR EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.superseded_at IS NULL);
