-- Schema v9: claims found by meaning (issue 13). Each claim's wording gets a sentence embedding
-- from the matching model (language::embed); the vectors are stored here with the model that made
-- them, so switching models re-indexes, and read into an in-memory index when matching
-- (language::vectors). Vectors are derived data: exports and the desk leave them out, and a
-- workspace rebuilds them from the claims' wording whenever they are missing.

-- The models that made the stored vectors, by the name the model folder gives (language::embed).
CREATE TABLE embedding_models (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    dim  INTEGER NOT NULL CHECK (dim > 0)
) STRICT;

-- One vector per claim. `seq` only grows (AUTOINCREMENT: never reused, even after the last row
-- is deleted), so an in-memory index reads only the vectors written since it last looked.
-- `bits`: one sign bit per dimension (the coarse first pass); `vector`: the vector quantized to
-- one signed byte per dimension with its scale (the exact second pass). See language::vectors.
CREATE TABLE claim_vectors (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id INTEGER NOT NULL UNIQUE REFERENCES claims (id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES embedding_models (id),
    bits     BLOB NOT NULL,
    vector   BLOB NOT NULL
) STRICT;
CREATE INDEX claim_vectors_model ON claim_vectors (model_id, seq);

-- Claims whose wording has no vector yet: added by the store in the transaction that creates a
-- claim or changes its wording (no triggers: see DESIGN.md), emptied by the indexer as it embeds
-- them. A workspace's existing claims all wait here once.
CREATE TABLE vector_queue (
    claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE
) STRICT;
INSERT INTO vector_queue (claim_id) SELECT id FROM claims;
