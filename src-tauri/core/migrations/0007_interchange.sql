-- Schema v7: fact-checks published by others (imported ClaimReview markup), kept beside the desk's
-- work and never as its verdicts, and the table that maps other publishers' rating words onto the
-- workspace's scale.

-- Where a claim came from: captured by the desk, or imported with another publisher's fact-check.
-- An imported claim is a normal claim row (searchable, matched against new claims) stored as
-- 'archived', so it stays out of the desk's working queues until a checker reopens it to do a check
-- of their own; origin tells it from the desk's own archived work.
ALTER TABLE claims ADD COLUMN origin TEXT NOT NULL DEFAULT 'desk' CHECK (origin IN ('desk', 'imported'));

-- One row per imported fact-check. Never a row of `verdicts`: the desk did not reach this rating.
CREATE TABLE external_reviews (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    claim_id         INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    -- What identifies the review when the same file (or a later feed) is imported again: its address
    -- reduced like a source's url_key ('url:…'), else a fingerprint of publisher, claim and date ('fp:…').
    match_key        TEXT NOT NULL UNIQUE,
    -- The claim's wording folded (case, spacing): reviews of one claim by several publishers share a claim.
    claim_key        TEXT NOT NULL,
    publisher        TEXT NOT NULL DEFAULT '',
    publisher_url    TEXT NOT NULL DEFAULT '',
    -- The fact-check's address (http/https only; anything else stays in `raw` alone).
    url              TEXT NOT NULL DEFAULT '',
    headline         TEXT NOT NULL DEFAULT '',
    author           TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD, as the publisher dated the review.
    reviewed_on      TEXT,
    modified_on      TEXT,
    -- The rating as published: alternateName, and ratingValue/bestRating/worstRating as given (text).
    rating_text      TEXT NOT NULL DEFAULT '',
    rating_value     TEXT,
    best_rating      TEXT,
    worst_rating     TEXT,
    -- The rating of the workspace's scale it maps to, and how: 'scale' (a rating of the scale has that
    -- name), 'names' (rating_names), 'value' (ratingValue within bestRating/worstRating). NULL: no mapping.
    rating_id        INTEGER REFERENCES ratings (id) ON DELETE SET NULL,
    mapped_by        TEXT CHECK (mapped_by IN ('scale', 'names', 'value')),
    -- BCP 47 code; language_guessed = 1 when the record did not say and the text was read to guess it.
    language         TEXT NOT NULL DEFAULT '',
    language_guessed INTEGER NOT NULL DEFAULT 0 CHECK (language_guessed IN (0, 1)),
    imported_at      TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- The record exactly as published (JSON), so nothing the markup said is lost.
    raw              TEXT NOT NULL
) STRICT;
CREATE INDEX external_reviews_claim ON external_reviews (claim_id);
CREATE INDEX external_reviews_claim_key ON external_reviews (claim_key);
CREATE INDEX external_reviews_publisher ON external_reviews (publisher COLLATE NOCASE);

-- Other publishers' rating words and where they sit on a scale: a rating key of the workspace's
-- scale (used when the scale has it), else a position from 0 (worst) to 1 (best), mapped to the
-- nearest rating of the scale. Matched ignoring case, accents and punctuation. Editable by the desk.
CREATE TABLE rating_names (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    rating_key TEXT,
    position   REAL CHECK (position IS NULL OR (position >= 0 AND position <= 1)),
    CHECK (rating_key IS NOT NULL OR position IS NOT NULL)
) STRICT;

INSERT INTO rating_names (name, rating_key, position) VALUES
  -- English
  ('True', 'true', 1.0), ('Correct', 'correct', 1.0), ('Accurate', 'true', 1.0),
  ('Mostly True', 'mostly_true', 0.8), ('Mostly Correct', 'mostly_true', 0.8),
  ('Half True', 'half_true', 0.6), ('Mixture', 'half_true', 0.5), ('Mixed', 'half_true', 0.5),
  ('Partly True', 'half_true', 0.6), ('Partly False', 'mostly_false', 0.4), ('Partially False', 'mostly_false', 0.4),
  ('Missing Context', 'missing_context', 0.6), ('Lacks Context', 'missing_context', 0.6),
  ('Needs Context', 'missing_context', 0.6), ('Out of Context', 'misleading', 0.4),
  ('Misleading', 'misleading', 0.4), ('Exaggerated', 'mostly_false', 0.4), ('Distorts the Facts', 'misleading', 0.4),
  ('Mostly False', 'mostly_false', 0.4), ('False', 'false', 0.2), ('Incorrect', 'false', 0.2),
  ('Inaccurate', 'false', 0.2), ('Wrong', 'false', 0.2), ('Fake', 'false', 0.2), ('Altered', 'false', 0.2),
  ('Fabricated', 'wildly_false', 0.0), ('Pants on Fire', 'wildly_false', 0.0),
  ('Four Pinocchios', 'false', 0.2), ('Baseless', 'wildly_false', 0.0),
  ('Unproven', 'unproven', NULL), ('Unverified', 'unproven', NULL), ('Unsupported', 'unproven', NULL),
  ('Unsubstantiated', 'unproven', NULL), ('No Evidence', 'unproven', NULL),
  -- Spanish
  ('Verdadero', 'true', 1.0), ('Cierto', 'true', 1.0), ('Correcto', 'correct', 1.0),
  ('Mayormente verdadero', 'mostly_true', 0.8), ('Verdadero pero', 'mostly_true', 0.8),
  ('Parcialmente verdadero', 'half_true', 0.6), ('Parcialmente falso', 'mostly_false', 0.4),
  ('Mayormente falso', 'mostly_false', 0.4), ('Engañoso', 'misleading', 0.4), ('Impreciso', 'mostly_false', 0.4),
  ('Exagerado', 'mostly_false', 0.4), ('Falta contexto', 'missing_context', 0.6), ('Sin contexto', 'missing_context', 0.6),
  ('Falso', 'false', 0.2), ('Ridículo', 'wildly_false', 0.0), ('Inchequeable', 'unproven', NULL),
  ('Sin evidencia', 'unproven', NULL), ('No verificable', 'unproven', NULL),
  -- German
  ('Richtig', 'true', 1.0), ('Wahr', 'true', 1.0), ('Größtenteils richtig', 'mostly_true', 0.8),
  ('Halb wahr', 'half_true', 0.6), ('Teilweise falsch', 'mostly_false', 0.4), ('Größtenteils falsch', 'mostly_false', 0.4),
  ('Irreführend', 'misleading', 0.4), ('Fehlender Kontext', 'missing_context', 0.6), ('Ohne Kontext', 'missing_context', 0.6),
  ('Falsch', 'false', 0.2), ('Frei erfunden', 'wildly_false', 0.0), ('Manipuliert', 'false', 0.2),
  ('Unbelegt', 'unproven', NULL),
  -- Portuguese
  ('Verdadeiro', 'true', 1.0), ('Verdade', 'true', 1.0), ('Verdadeiro, mas', 'mostly_true', 0.8),
  ('Parcialmente verdadeiro', 'half_true', 0.6), ('Distorcido', 'misleading', 0.4),
  ('Fora de contexto', 'misleading', 0.4), ('Sem contexto', 'missing_context', 0.6), ('Insustentável', 'unproven', NULL),
  ('Montagem', 'false', 0.2), ('Boato', 'false', 0.2),
  -- French
  ('Vrai', 'true', 1.0), ('Plutôt vrai', 'mostly_true', 0.8), ('À nuancer', 'half_true', 0.6),
  ('Partiellement faux', 'mostly_false', 0.4), ('Plutôt faux', 'mostly_false', 0.4), ('Trompeur', 'misleading', 0.4),
  ('Manque de contexte', 'missing_context', 0.6), ('Hors contexte', 'misleading', 0.4), ('Faux', 'false', 0.2),
  ('Inexact', 'false', 0.2), ('Infondé', 'unproven', NULL), ('Non prouvé', 'unproven', NULL)
ON CONFLICT (name) DO NOTHING;
