-- Schema v12: a publish gate that checks what it can (issue 17). A checklist item may carry a
-- rule the core checks when the item is signed off and again when the claim is published, as
-- JSON: {"kind":"min_sources","min":2}, {"kind":"min_publishers","min":2},
-- {"kind":"excerpts_found"} or {"kind":"second_reader"}. NULL: the sign-off is the checker's word.
ALTER TABLE checklist_items ADD COLUMN rule TEXT CHECK (rule IS NULL OR json_valid(rule));

-- The default items get the rule their words promise, but only where the words are still the
-- default ones: a desk that reworded an item may mean something else by it, and picks a rule for
-- it in Settings. Nothing is added to a desk's checklist behind its back.
UPDATE checklist_items SET rule = '{"kind":"min_publishers","min":2}'
 WHERE lower(trim(label)) = 'at least two independent sources';
UPDATE checklist_items SET rule = '{"kind":"second_reader"}'
 WHERE lower(trim(label)) = 'second reader signed off';

-- A replica of a desk upgrades its own file: the rules go to the desk as one local change, so a
-- checker who joins later gets them too (every replica sends the same values).
UPDATE desk SET txn = txn + 1;
INSERT INTO desk_outbox (txn, kind, key, op, data, fields, base, at)
SELECT d.txn, 'checklist_items', i.uuid, 'put',
       json_object('uuid', i.uuid, 'position', i.position, 'label', i.label, 'required', i.required,
                   'active', i.active, 'created_at', i.created_at, 'rule', i.rule),
       json_array('rule'), d.cursor, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM checklist_items i, desk d
 WHERE i.rule IS NOT NULL
 ORDER BY i.id;
