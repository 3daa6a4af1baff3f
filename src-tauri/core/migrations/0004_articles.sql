-- Schema v4: what a checker decided about each candidate claim of an imported article, and the
-- search index's vocabulary (how many claims use each word), for similar-claim matching.

-- One row per candidate a checker accepted or rejected, by its place in the capture's text,
-- so the article view shows the same decisions after a restart.
CREATE TABLE article_decisions (
    id         INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures (id) ON DELETE CASCADE,
    -- Offsets of the candidate in the capture's text, in Unicode code points.
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    claim_id   INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (capture_id, start, "end")
) STRICT;

-- Document frequency of each indexed word: matching weighs rare words above common ones.
CREATE VIRTUAL TABLE claims_vocab USING fts5vocab (claims_fts, 'row');
