-- Schema v2: the publish gate and corrections.

-- When the claim was first published. A claim once published stays locked: archiving it and
-- bringing it back restores it as published, never as an editable draft.
ALTER TABLE claims ADD COLUMN published_at TEXT;

-- The list filtered by status, newest first, without scanning every claim.
CREATE INDEX claims_status ON claims (status, updated_at DESC, id DESC);

-- The desk's checklist: steps a claim needs before it can be published. Editable in settings;
-- an item is never deleted once used (it is deactivated), so past sign-offs keep their label.
CREATE TABLE checklist_items (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
    required   INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

-- A sign-off of one checklist item on one claim: who and when.
CREATE TABLE claim_checks (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    item_id  INTEGER NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    done_by  TEXT NOT NULL,
    done_at  TEXT NOT NULL,
    PRIMARY KEY (claim_id, item_id)
) STRICT, WITHOUT ROWID;

-- A change to a published claim's verdict or evidence is a correction, never a silent edit.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    what       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX corrections_claim ON corrections (claim_id, id);

INSERT INTO checklist_items (uuid, position, label, required, active, created_at) VALUES
  ('01936b2e-0000-7000-8000-000000000201', 1, 'Claimant contacted for comment', 1, 1, '2026-11-25T00:00:00Z'),
  ('01936b2e-0000-7000-8000-000000000202', 2, 'At least two independent sources', 1, 1, '2026-11-25T00:00:00Z'),
  ('01936b2e-0000-7000-8000-000000000203', 3, 'Second reader signed off', 1, 1, '2026-11-25T00:00:00Z');
