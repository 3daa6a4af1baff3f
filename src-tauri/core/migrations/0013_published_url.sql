-- Schema v13: where the desk published a claim's fact-check (issue 17). The ClaimReview record's
-- `url` is this address when it is set, else the desk's publication address pattern. NULL: not set.
-- A replica of a desk sends the new field with the claim's other columns (the outbox triggers are
-- made again from the table's columns when the workspace opens).
--
-- No CHECK on the column: SQLite tests a CHECK added with a column against every existing row,
-- which read a whole workspace of a million claims on its first opening (15 s); without one,
-- adding the column changes the schema only. The address is checked where it is written
-- (`set_published_url`, the bundle's import: a blank one is stored as NULL).
ALTER TABLE claims ADD COLUMN published_url TEXT;
