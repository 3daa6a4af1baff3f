-- Schema v13: where the desk published a claim's fact-check (issue 17). The ClaimReview record's
-- `url` is this address when it is set, else the desk's publication address pattern. NULL: not set.
-- A replica of a desk sends the new field with the claim's other columns (the outbox triggers are
-- made again from the table's columns when the workspace opens).
ALTER TABLE claims ADD COLUMN published_url TEXT CHECK (published_url IS NULL OR length(trim(published_url)) > 0);
