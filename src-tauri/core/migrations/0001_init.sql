-- Factdesk schema v1. Shipped migrations are never edited: add a new numbered file instead.
-- Every entity has an integer key for joins and a stable UUID (v7) for export, import and merge.
-- Timestamps are UTC RFC 3339 text; a "said on" date is YYYY-MM-DD text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE claimants (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT,
    affiliation TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX claimants_name ON claimants (name COLLATE NOCASE);

CREATE TABLE rating_scales (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;

-- One row per step of a scale; position 1 is the best rating. value/best/worst map onto
-- ClaimReview's reviewRating (ratingValue, bestRating, worstRating).
CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    scale_id    INTEGER NOT NULL REFERENCES rating_scales (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL,
    value       INTEGER NOT NULL,
    UNIQUE (scale_id, key),
    UNIQUE (scale_id, position)
) STRICT;

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    summary     TEXT NOT NULL DEFAULT '',
    claimant_id INTEGER REFERENCES claimants (id) ON DELETE SET NULL,
    said_on     TEXT,
    said_where  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN
                  ('new', 'researching', 'in_review', 'ready', 'published', 'corrected', 'archived')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX claims_updated ON claims (updated_at DESC, id DESC);
CREATE INDEX claims_claimant ON claims (claimant_id);

CREATE TABLE claim_tags (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_tags_tag ON claim_tags (tag);

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    url          TEXT NOT NULL,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    publisher    TEXT NOT NULL DEFAULT '',
    published_on TEXT,
    accessed_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sources_url ON sources (url);

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    excerpt    TEXT NOT NULL DEFAULT '',
    stance     TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_claim ON evidence (claim_id);
CREATE INDEX evidence_source ON evidence (source_id);

-- A verdict is never overwritten: a new row supersedes the current one, which keeps its
-- text and gets superseded_at/superseded_by. At most one current verdict per claim.
CREATE TABLE verdicts (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    claim_id          INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    rating_id         INTEGER NOT NULL REFERENCES ratings (id) ON DELETE RESTRICT,
    rationale         TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    author            TEXT NOT NULL,
    correction_reason TEXT,
    created_at        TEXT NOT NULL,
    superseded_at     TEXT,
    superseded_by     INTEGER REFERENCES verdicts (id)
) STRICT;
CREATE INDEX verdicts_claim ON verdicts (claim_id, id);
CREATE UNIQUE INDEX verdicts_one_current ON verdicts (claim_id) WHERE superseded_at IS NULL;

-- The audit trail: one row per mutation, written in the mutation's own transaction.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    claim_id    INTEGER REFERENCES claims (id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX history_claim ON history (claim_id, id);

-- Full-text index over what a checker types into the search box. Kept in sync by the store
-- in the same transaction as the row it indexes (no triggers: see DESIGN.md).
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, summary, claimant,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- The default rating scale: six steps from true to false.
INSERT INTO rating_scales (id, uuid, name, description, created_at) VALUES
  (1, '01936b2e-0000-7000-8000-000000000001', 'Truth scale (six steps)',
   'Six steps from True to Wildly false, for statements of fact.', '2026-11-25T00:00:00Z');
INSERT INTO ratings (uuid, scale_id, key, position, label, description, color, value) VALUES
  ('01936b2e-0000-7000-8000-000000000101', 1, 'true',          1, 'True',
   'The statement is accurate and nothing significant is missing.', '#1b7f3b', 6),
  ('01936b2e-0000-7000-8000-000000000102', 1, 'mostly_true',   2, 'Mostly true',
   'Accurate, but needs clarification or additional information.', '#5a9e2f', 5),
  ('01936b2e-0000-7000-8000-000000000103', 1, 'half_true',     3, 'Half true',
   'Partially accurate; leaves out important details or takes things out of context.', '#c9a227', 4),
  ('01936b2e-0000-7000-8000-000000000104', 1, 'mostly_false',  4, 'Mostly false',
   'Contains an element of truth but ignores facts that would give a different impression.', '#d9822b', 3),
  ('01936b2e-0000-7000-8000-000000000105', 1, 'false',         5, 'False',
   'The statement is not accurate.', '#c23b22', 2),
  ('01936b2e-0000-7000-8000-000000000106', 1, 'wildly_false',  6, 'Wildly false',
   'Not accurate, and makes a ridiculous or baseless claim.', '#7a1f12', 1);
INSERT INTO settings (key, value) VALUES ('rating_scale', '01936b2e-0000-7000-8000-000000000001');
