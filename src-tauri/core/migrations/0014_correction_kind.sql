-- Schema v14: a change to a published claim is a correction (the finding or a fact in it was
-- wrong) or a clarification (detail or context added; the finding stands, so the rating is the
-- same). Every correction made before is a correction.
-- A replica of a desk sends the new field with the correction's other columns (the outbox
-- triggers are made again from the table's columns when the workspace opens).
--
-- No CHECK on the column: SQLite tests a CHECK added with a column against every existing row; the
-- kind is checked where it is written (a correction through the store, the bundle's import), and
-- a kind this version does not know reads as a correction.
ALTER TABLE corrections ADD COLUMN kind TEXT NOT NULL DEFAULT 'correction';
