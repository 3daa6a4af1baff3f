-- Schema v3: sources as a library (metadata, reliability, confidentiality, captures), evidence
-- anchored to the capture it was checked against, and where a claim appeared.

-- A source without an address (a paper document, an interview, a pasted text) has url = ''.
ALTER TABLE sources ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
    ('primary_document', 'official_statement', 'transcript', 'dataset', 'news_report', 'social_post', 'other'));
ALTER TABLE sources ADD COLUMN reliability TEXT NOT NULL DEFAULT 'unrated' CHECK (reliability IN
    ('unrated', 'high', 'medium', 'low'));
ALTER TABLE sources ADD COLUMN reliability_note TEXT NOT NULL DEFAULT '';
-- A confidential source is fully usable in the workspace; every export shows it only as
-- "confidential source" with its kind.
ALTER TABLE sources ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1));
-- The address reduced to what identifies the page (no scheme, www., tracking parameters,
-- fragment or trailing slash): two addresses with the same key are the same source.
-- Filled by the store for rows written before this version.
ALTER TABLE sources ADD COLUMN url_key TEXT;
CREATE INDEX sources_url_key ON sources (url_key);
CREATE INDEX sources_created ON sources (created_at DESC, id DESC);

-- Raw bytes of captured pages and files, stored once per content hash.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    bytes  BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- Every capture of a source is kept: what the page said at that time, with its hashes.
CREATE TABLE captures (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    captured_at   TEXT NOT NULL,
    -- fetch (by the app from the address), file (opened from disk), paste (typed or pasted)
    method        TEXT NOT NULL CHECK (method IN ('fetch', 'file', 'paste')),
    requested_url TEXT NOT NULL DEFAULT '',
    final_url     TEXT NOT NULL DEFAULT '',
    http_status   INTEGER,
    content_type  TEXT NOT NULL DEFAULT '',
    -- SHA-256 of the raw bytes (hex); the bytes themselves are in blobs.
    sha256        TEXT NOT NULL REFERENCES blobs (sha256),
    size          INTEGER NOT NULL,
    -- The readable text snapshot (one paragraph a line) and its own SHA-256.
    text          TEXT NOT NULL DEFAULT '',
    text_sha256   TEXT NOT NULL,
    -- What could not be extracted, in plain words (e.g. "PDF: text not extracted").
    note          TEXT NOT NULL DEFAULT '',
    actor         TEXT NOT NULL
) STRICT;
CREATE INDEX captures_source ON captures (source_id, id);

-- The capture an evidence excerpt was checked against (NULL: linked before captures existed,
-- or the source has none).
ALTER TABLE evidence ADD COLUMN capture_id INTEGER REFERENCES captures (id);

-- Where and when a claim was said or published. At most one first appearance per claim.
CREATE TABLE appearances (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    url         TEXT NOT NULL DEFAULT '',
    outlet      TEXT NOT NULL DEFAULT '',
    medium      TEXT NOT NULL DEFAULT '',
    appeared_on TEXT,
    is_first    INTEGER NOT NULL DEFAULT 0 CHECK (is_first IN (0, 1)),
    source_id   INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX appearances_claim ON appearances (claim_id, id);
CREATE UNIQUE INDEX appearances_one_first ON appearances (claim_id) WHERE is_first = 1;

ALTER TABLE claims ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
