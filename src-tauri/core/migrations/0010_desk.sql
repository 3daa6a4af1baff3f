-- Schema v10: the desk (issue 14). A workspace can be a replica of a desk kept in PostgreSQL:
-- what changes here is queued in an outbox and pushed; what others change is pulled and applied.
-- A workspace that never joined a desk has these tables empty and no outbox triggers (the store
-- creates those when it joins, from the tables' own columns: see store/desk.rs).

-- Every history row gets a UUID, so a row pushed to the desk and pulled back is the same row.
ALTER TABLE history ADD COLUMN uuid TEXT;
UPDATE history SET uuid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX history_uuid ON history (uuid);

-- The desk this workspace is a replica of: one row, or none.
-- `cursor`: the last change of the desk's log applied here. `recording`: 1 while local changes go
-- to the outbox (0 only inside the transaction that applies pulled changes). `txn`: counts local
-- write transactions, so the changes one transaction made travel, and are refused, together.
CREATE TABLE desk (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    desk_id     TEXT NOT NULL,
    url         TEXT NOT NULL,
    replica_id  TEXT NOT NULL,
    role        TEXT NOT NULL,
    cursor      INTEGER NOT NULL DEFAULT 0,
    recording   INTEGER NOT NULL DEFAULT 1 CHECK (recording IN (0, 1)),
    txn         INTEGER NOT NULL DEFAULT 0,
    joined_at   TEXT NOT NULL,
    last_push   TEXT,
    last_pull   TEXT,
    last_error  TEXT,
    triggers    TEXT NOT NULL DEFAULT ''
) STRICT;

-- Local changes not yet on the desk, in the order they were made. `base`: the desk's change this
-- replica had seen when the change was made (the server tells a stale edit by it).
CREATE TABLE desk_outbox (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    txn    INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL,
    op     TEXT NOT NULL CHECK (op IN ('put', 'delete')),
    data   TEXT,
    fields TEXT,
    base   INTEGER NOT NULL,
    at     TEXT NOT NULL
) STRICT;

-- A push sent and not yet acknowledged: its id and exactly what was sent, so after a crash the
-- same push is sent again and the desk, which remembers push ids, applies it once.
CREATE TABLE desk_pending_push (
    id       TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    body     TEXT NOT NULL
) STRICT;

-- Local changes the desk refused (a publish without a second reader's sign-off, an edit to a
-- claim published meanwhile): kept here as drafts with the reason, never silently dropped.
CREATE TABLE desk_drafts (
    id         INTEGER PRIMARY KEY,
    claim_uuid TEXT,
    reason     TEXT NOT NULL,
    changes    TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX desk_drafts_claim ON desk_drafts (claim_uuid);

-- Fields of a claim edited by two checkers while apart: the later push won; both values are kept
-- here (and in the claim's history) and the claim shows a notice until someone dismisses it.
CREATE TABLE desk_conflicts (
    id           INTEGER PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,
    claim_uuid   TEXT NOT NULL,
    field        TEXT NOT NULL,
    kept         TEXT,
    kept_by      TEXT NOT NULL,
    replaced     TEXT,
    replaced_by  TEXT NOT NULL,
    at           TEXT NOT NULL,
    dismissed_at TEXT
) STRICT;
CREATE INDEX desk_conflicts_claim ON desk_conflicts (claim_uuid);

-- A claimant another replica created under a name this one already had: both UUIDs mean the
-- same person here.
CREATE TABLE desk_aliases (
    kind     TEXT NOT NULL,
    uuid     TEXT NOT NULL,
    local    TEXT NOT NULL,
    PRIMARY KEY (kind, uuid)
) STRICT, WITHOUT ROWID;
