-- Schema v6: rating scales as data. A scale carries its ClaimReview bestRating/worstRating; a
-- rating may have no ratingValue (e.g. "Unproven") and has an alternateName for ClaimReview.
-- ratings.value (NOT NULL since v1) is kept for old readers; rating_value is the real mapping.

ALTER TABLE rating_scales ADD COLUMN best_rating INTEGER;
ALTER TABLE rating_scales ADD COLUMN worst_rating INTEGER;
-- Presets ship with Factdesk and cannot be edited; a desk copies one to make its own.
ALTER TABLE rating_scales ADD COLUMN preset INTEGER NOT NULL DEFAULT 0 CHECK (preset IN (0, 1));

ALTER TABLE ratings ADD COLUMN rating_value INTEGER;
ALTER TABLE ratings ADD COLUMN alternate_name TEXT NOT NULL DEFAULT '';

UPDATE rating_scales SET best_rating = 6, worst_rating = 1, preset = 1
 WHERE uuid = '01936b2e-0000-7000-8000-000000000001';
UPDATE ratings SET rating_value = value, alternate_name = label
 WHERE scale_id = (SELECT id FROM rating_scales WHERE uuid = '01936b2e-0000-7000-8000-000000000001');

INSERT INTO rating_scales (uuid, name, description, created_at, best_rating, worst_rating, preset) VALUES
  ('01936b2e-0000-7000-8000-000000000002', 'Plain language',
   'Correct, Missing context, Misleading, False, and Unproven when the evidence does not settle it.',
   '2026-11-25T00:00:00Z', 4, 1, 1),
  ('01936b2e-0000-7000-8000-000000000003', 'Numeric 1 to 5',
   'From 5 (accurate) to 1 (inaccurate), for desks that publish a score.',
   '2026-11-25T00:00:00Z', 5, 1, 1);

INSERT INTO ratings (uuid, scale_id, key, position, label, description, color, value, rating_value, alternate_name)
SELECT r.uuid, s.id, r.key, r.position, r.label, r.description, r.color, coalesce(r.rating_value, 0), r.rating_value, r.label
FROM rating_scales s JOIN (
  SELECT '01936b2e-0000-7000-8000-000000000301' AS uuid, '01936b2e-0000-7000-8000-000000000002' AS scale, 'correct' AS key, 1 AS position, 'Correct' AS label,
         'The claim is accurate.' AS description, '#1b7f3b' AS color, 4 AS rating_value
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000302', '01936b2e-0000-7000-8000-000000000002', 'missing_context', 2, 'Missing context',
         'Accurate as far as it goes, but leaves out what a reader needs to judge it.', '#c9a227', 3
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000303', '01936b2e-0000-7000-8000-000000000002', 'misleading', 3, 'Misleading',
         'Uses facts in a way that gives a false impression.', '#d9822b', 2
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000304', '01936b2e-0000-7000-8000-000000000002', 'false', 4, 'False',
         'The claim is not accurate.', '#c23b22', 1
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000305', '01936b2e-0000-7000-8000-000000000002', 'unproven', 5, 'Unproven',
         'The evidence available does not prove or disprove it.', '#6b7280', NULL
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000401', '01936b2e-0000-7000-8000-000000000003', 'score_5', 1, '5 — Accurate',
         'Accurate, with nothing significant missing.', '#1b7f3b', 5
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000402', '01936b2e-0000-7000-8000-000000000003', 'score_4', 2, '4 — Mostly accurate',
         'Accurate, with minor omissions.', '#5a9e2f', 4
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000403', '01936b2e-0000-7000-8000-000000000003', 'score_3', 3, '3 — Mixed',
         'Partly accurate, partly not.', '#c9a227', 3
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000404', '01936b2e-0000-7000-8000-000000000003', 'score_2', 4, '2 — Mostly inaccurate',
         'Mostly not accurate.', '#d9822b', 2
  UNION ALL SELECT '01936b2e-0000-7000-8000-000000000405', '01936b2e-0000-7000-8000-000000000003', 'score_1', 5, '1 — Inaccurate',
         'Not accurate.', '#c23b22', 1
) r ON r.scale = s.uuid;
