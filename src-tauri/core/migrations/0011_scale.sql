-- Schema v11: reads that stay the same cost as the workspace grows (issue 15).

-- How many claims cite a source is counted from this index alone (source, then claim), without
-- reading the evidence rows; it replaces the index on the source alone.
DROP INDEX evidence_source;
CREATE INDEX evidence_source ON evidence (source_id, claim_id);
