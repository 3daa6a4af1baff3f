-- The desk's schema, version 2 (issue 17): the checklist's rules checked again on the desk's own
-- state. A replica checks an item's rule when it is signed off and again when the claim is
-- published, but on what it has: a replica that has not seen the editor's new rule, or whose
-- checker's name is not who they are, would publish past it. The desk now asks, for every
-- required item with a rule, what the app asks (workflow.rs, `rule_problem`), on its own rows:
-- at least N different sources, at least N different publishers, every excerpt found in its
-- archived copy, and a second reader who is not, as a PostgreSQL role, the verdict's author. And a
-- clarification keeps the rating, as the app asks.
-- Run by `desk create` after version 1, or by the desk owner's Factdesk on its next sync.
SET LOCAL search_path = factdesk, pg_catalog;

-- Whitespace as Rust's char::is_whitespace knows it (PostgreSQL's \s is ASCII's alone).
CREATE FUNCTION space_class() RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]'
$$;

-- A text folded as the app folds an excerpt and its archived copy to compare them
-- (web/anchor.rs, `Folded`): curly quotes straight, dashes hyphens, "…" three dots, invisible
-- characters dropped, lower case, whitespace runs one space, none at the ends or beside a
-- hyphen. And whether a text has a letter or digit. Both need Unicode's letter cases, which a
-- database made with the C locale does not have, so they use ICU's where the server has it,
-- else the C.utf8 locale's, else the database's own.
DO $do$
DECLARE
    c text := coalesce((SELECT quote_ident(collname) FROM pg_collation WHERE collname = 'und-x-icu' LIMIT 1),
                       (SELECT quote_ident(collname) FROM pg_collation
                         WHERE collname IN ('C.utf8', 'C.UTF-8') AND collencoding IN (-1, pg_char_to_encoding('UTF8'))
                         ORDER BY collname LIMIT 1),
                       'default');
BEGIN
    EXECUTE format($f$
        CREATE FUNCTION fold(p text) RETURNS text LANGUAGE sql IMMUTABLE
            SET search_path = factdesk, pg_catalog, pg_temp AS $b$
            SELECT regexp_replace(
                     regexp_replace(
                       regexp_replace(
                         lower(translate(replace(p, '…', '...'),
                                         '“”„‟«»″＂‘’‚‛′`´‐‑‒–—―−' || U&'\00AD\200B\200C\200D\2060\FEFF',
                                         '""""""""''''''''''''''-------') COLLATE %1$s),
                         space_class() || '+', ' ', 'g'),
                       '^ | $', '', 'g'),
                     ' ?- ?', '-', 'g')
        $b$;
        CREATE FUNCTION has_alnum(p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $b$
            SELECT (p COLLATE %1$s) ~ '[[:alnum:]]'
        $b$;$f$, c);
END $do$;

-- Whether the excerpt is in the text as the app finds it (web/anchor.rs, `locate_excerpt`): as
-- written, else folded, else, when it leaves passages out with "[…]" or "...", every part in order.
CREATE FUNCTION excerpt_found(p_text text, p_excerpt text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
SET search_path = factdesk, pg_catalog, pg_temp AS $$
DECLARE
    gaps     constant text := '\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\)|…|\.\.\.';
    v_trim   text := regexp_replace(p_excerpt, '^' || space_class() || '+|' || space_class() || '+$', '', 'g');
    v_hay    text;
    v_needle text;
    v_part   text;
    v_at     int;
    v_parts  int := 0;
BEGIN
    IF v_trim = '' THEN
        RETURN false;
    END IF;
    IF strpos(p_text, v_trim) > 0 THEN
        RETURN true;
    END IF;
    v_hay := fold(p_text);
    v_needle := fold(v_trim);
    IF v_needle <> '' AND strpos(v_hay, v_needle) > 0 THEN
        RETURN true;
    END IF;
    IF v_trim !~ gaps THEN
        RETURN false;
    END IF;
    FOREACH v_part IN ARRAY regexp_split_to_array(v_trim, gaps) LOOP
        CONTINUE WHEN NOT has_alnum(v_part);
        v_needle := fold(v_part);
        v_at := strpos(v_hay, v_needle);
        IF v_at = 0 THEN
            RETURN false;
        END IF;
        v_hay := substr(v_hay, v_at + length(v_needle));
        v_parts := v_parts + 1;
    END LOOP;
    RETURN v_parts > 0;
END $$;

-- Who published a source, as the publisher rule counts them: its publisher as named, else the
-- web site its address is on, else the source on its own.
CREATE FUNCTION publisher_key(p_key text, p_data jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN btrim(coalesce(p_data ->> 'publisher', '')) <> '' THEN 'p:' || lower(btrim(p_data ->> 'publisher'))
        WHEN host IS NOT NULL THEN 'h:' || host
        ELSE 's:' || p_key
    END
      FROM (SELECT regexp_replace(lower(substring(coalesce(p_data ->> 'url', '')
                                                  FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/:?#]+)')),
                                  '^(www\.)+', '') AS host) h
$$;

-- A checklist item's rule as the desk keeps it (the app's JSON, in a string), or NULL when it
-- has none or one this version cannot read (as the app counts it).
CREATE FUNCTION rule_of(p_item jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v jsonb;
BEGIN
    IF jsonb_typeof(p_item -> 'rule') = 'string' THEN
        v := (p_item ->> 'rule')::jsonb;
    ELSIF jsonb_typeof(p_item -> 'rule') = 'object' THEN
        v := p_item -> 'rule';
    END IF;
    IF v ->> 'kind' IN ('min_sources', 'min_publishers') AND jsonb_typeof(v -> 'min') <> 'number' THEN
        RETURN NULL;
    END IF;
    RETURN CASE WHEN v ->> 'kind' IN ('min_sources', 'min_publishers', 'excerpts_found', 'second_reader') THEN v END;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;
END $$;

-- "only 1 source", "only 3 sources", as the app words a count that falls short.
CREATE FUNCTION only_count(n bigint, one text, many text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE n WHEN 0 THEN 'no ' || many WHEN 1 THEN 'only 1 ' || one ELSE format('only %s %s', n, many) END
$$;

-- Why `p_rule` does not hold for the claim on the desk now, in the app's words, or NULL when it
-- holds. `p_signer`: the role that signed the item off (none yet: the second reader is not judged).
CREATE FUNCTION rule_problem(p_claim text, p_rule jsonb, p_author name, p_signer name) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = factdesk, pg_catalog, pg_temp AS $$
DECLARE
    v_min   bigint := (p_rule ->> 'min')::bigint;
    v_n     bigint;
    v_names text;
    v_wrong text[] := '{}';
    v_count int := 0;
    e       record;
BEGIN
    CASE p_rule ->> 'kind'
    WHEN 'min_sources' THEN
        SELECT count(DISTINCT data ->> 'source_id') INTO v_n
          FROM entities WHERE kind = 'evidence' AND data ->> 'claim_id' = p_claim;
        IF v_n >= v_min THEN
            RETURN NULL;
        ELSIF v_n = 0 THEN
            RETURN format('there is no evidence yet, and %s different sources are needed', v_min);
        END IF;
        RETURN format('the evidence cites %s, and %s different sources are needed', only_count(v_n, 'source', 'sources'), v_min);
    WHEN 'min_publishers' THEN
        SELECT count(*), string_agg(name, ', ' ORDER BY first) INTO v_n, v_names
          FROM (SELECT min(s.created_seq) AS first,
                       (array_agg(CASE WHEN (s.data ->> 'confidential')::int = 1 THEN 'a confidential source'
                                       WHEN btrim(coalesce(s.data ->> 'publisher', '')) <> '' THEN btrim(s.data ->> 'publisher')
                                       WHEN publisher_key(s.key, s.data) LIKE 'h:%' THEN substr(publisher_key(s.key, s.data), 3)
                                       ELSE 'a source with no publisher or address' END ORDER BY s.created_seq))[1] AS name
                  FROM entities s
                 WHERE s.kind = 'sources'
                   AND s.key IN (SELECT data ->> 'source_id' FROM entities WHERE kind = 'evidence' AND data ->> 'claim_id' = p_claim)
                 GROUP BY publisher_key(s.key, s.data)) p;
        IF v_n >= v_min THEN
            RETURN NULL;
        ELSIF v_n = 0 THEN
            RETURN format('there is no evidence yet, and %s different publishers are needed', v_min);
        END IF;
        RETURN format('the evidence comes from %s (%s), and %s different publishers are needed',
                      only_count(v_n, 'publisher', 'publishers'), v_names, v_min);
    WHEN 'excerpts_found' THEN
        FOR e IN
            SELECT ev.data ->> 'excerpt' AS excerpt,
                   CASE WHEN (s.data ->> 'confidential')::int = 1 THEN 'a confidential source'
                        ELSE '“' || btrim(coalesce(s.data ->> 'title', '')) || '”' END AS name,
                   coalesce((SELECT c.data ->> 'text' FROM entities c
                              WHERE c.kind = 'captures' AND c.key = ev.data ->> 'capture_id'),
                            (SELECT c.data ->> 'text' FROM entities c
                              WHERE c.kind = 'captures' AND c.data ->> 'source_id' = ev.data ->> 'source_id'
                              ORDER BY c.created_seq DESC LIMIT 1)) AS text
              FROM entities ev
              JOIN entities s ON s.kind = 'sources' AND s.key = ev.data ->> 'source_id'
             WHERE ev.kind = 'evidence' AND ev.data ->> 'claim_id' = p_claim
             ORDER BY ev.created_seq
        LOOP
            CONTINUE WHEN regexp_replace(coalesce(e.excerpt, ''), space_class(), '', 'g') = '';
            v_count := v_count + 1;
            IF e.text IS NULL THEN
                v_wrong := v_wrong || (e.name || ' has no archived copy to check its excerpt against');
            ELSIF NOT excerpt_found(e.text, e.excerpt) THEN
                v_wrong := v_wrong || ('the excerpt from ' || e.name || ' is not found in its archived copy');
            END IF;
        END LOOP;
        IF v_count = 0 THEN
            RETURN 'there is no evidence excerpt to check yet';
        END IF;
        RETURN nullif(array_to_string(v_wrong, ', and '), '');
    WHEN 'second_reader' THEN
        IF p_signer IS NOT NULL AND p_signer = p_author THEN
            RETURN format('%s wrote the current verdict, so cannot be its second reader: someone else has to sign this off', p_author);
        END IF;
        RETURN NULL;
    ELSE
        RETURN NULL;
    END CASE;
END $$;

-- The publish gate, checked again on the desk's own state: a current verdict, at least one
-- evidence link, every required sign-off with its rule holding, and a second reader: someone
-- other than the verdict's author signed something off.
CREATE OR REPLACE FUNCTION check_publish(p_claim text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_author  name;
    v_signer  name;
    v_rule    jsonb;
    v_problem text;
    v_needed  text[] := '{}';
    i         record;
BEGIN
    SELECT created_by INTO v_author FROM entities
     WHERE kind = 'verdicts' AND data ->> 'claim_id' = p_claim AND data ->> 'superseded_at' IS NULL
     ORDER BY created_seq DESC LIMIT 1;
    IF NOT FOUND THEN
        PERFORM refuse('The desk has no verdict for this claim, so it cannot be published.');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM entities WHERE kind = 'evidence' AND data ->> 'claim_id' = p_claim) THEN
        v_needed := v_needed || 'at least one evidence link'::text;
    END IF;
    FOR i IN
        SELECT key, data FROM entities
         WHERE kind = 'checklist_items' AND (data ->> 'required')::int = 1 AND (data ->> 'active')::int = 1
         ORDER BY (data ->> 'position')::int, created_seq
    LOOP
        SELECT created_by INTO v_signer FROM entities
         WHERE kind = 'claim_checks' AND data ->> 'claim_id' = p_claim AND data ->> 'item_id' = i.key;
        IF NOT FOUND THEN
            v_signer := NULL;
        END IF;
        v_rule := rule_of(i.data);
        v_problem := CASE WHEN v_rule IS NOT NULL THEN rule_problem(p_claim, v_rule, v_author, v_signer) END;
        IF v_signer IS NULL AND v_problem IS NULL THEN
            v_needed := v_needed || format('checklist: “%s”', i.data ->> 'label');
        ELSIF v_signer IS NULL THEN
            v_needed := v_needed || format('checklist: “%s” — fails now: %s', i.data ->> 'label', v_problem);
        ELSIF v_problem IS NOT NULL THEN
            v_needed := v_needed || format('“%s” is signed off, but %s', i.data ->> 'label', v_problem);
        END IF;
    END LOOP;
    IF cardinality(v_needed) > 0 THEN
        PERFORM refuse('The desk cannot publish this claim yet. Still needed: ' || array_to_string(v_needed, '; ') || '.');
    END IF;
    IF EXISTS (SELECT 1 FROM entities WHERE kind = 'checklist_items' AND (data ->> 'required')::int = 1
                                     AND (data ->> 'active')::int = 1)
       AND NOT EXISTS (SELECT 1 FROM entities c WHERE c.kind = 'claim_checks' AND c.data ->> 'claim_id' = p_claim
                                              AND c.created_by <> v_author) THEN
        PERFORM refuse(format('A second reader has to sign off: every sign-off is by %s, who wrote the verdict.', v_author));
    END IF;
END $$;

-- A clarification keeps the finding (issue 17): a verdict put in the same local transaction as
-- a clarification of its claim rates the claim as the verdict it replaces did, as the app asks.
CREATE FUNCTION check_clarifications(p_items jsonb, p_txn bigint) RETURNS void LANGUAGE plpgsql
SET search_path = factdesk, pg_catalog, pg_temp AS $$
DECLARE
    v record;
BEGIN
    FOR v IN
        SELECT nv.key, nv.data FROM jsonb_array_elements(p_items) AS t(i)
          JOIN entities nv ON nv.kind = 'verdicts' AND nv.key = t.i ->> 'key'
         WHERE (t.i ->> 'txn')::bigint = p_txn AND t.i ->> 'kind' = 'verdicts' AND t.i ->> 'op' = 'put'
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(p_items) AS c(j)
                        WHERE (c.j ->> 'txn')::bigint = p_txn AND c.j ->> 'kind' = 'corrections' AND c.j ->> 'op' = 'put'
                          AND c.j -> 'data' ->> 'kind' = 'clarification'
                          AND c.j -> 'data' ->> 'claim_id' = nv.data ->> 'claim_id')
    LOOP
        IF EXISTS (SELECT 1 FROM entities p
                    WHERE p.kind = 'verdicts' AND p.data ->> 'superseded_by' = v.key
                      AND p.data ->> 'rating_id' IS DISTINCT FROM v.data ->> 'rating_id') THEN
            PERFORM refuse('A new rating changes the finding, so it is a correction, not a clarification: '
                           || 'the desk keeps the verdict as it was.');
        END IF;
    END LOOP;
END $$;

-- One push: the changes of one or more local transactions, applied in order in this one
-- transaction. A local transaction the desk's rules refuse is left out whole and reported; the
-- rest lands. A push id seen before returns the first answer and changes nothing.
CREATE OR REPLACE FUNCTION push(p_id uuid, p_replica text, p_items jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
DECLARE
    v_role    name := session_user;
    v_prior   jsonb;
    v_txn     bigint;
    v_item    jsonb;
    v_refused jsonb := '[]';
    v_first   bigint;
    v_last    bigint;
    v_result  jsonb;
    v_seeding boolean;
    v_gate    text[];
    v_claim   text;
BEGIN
    IF NOT pg_has_role(v_role, 'factdesk_checker', 'MEMBER') THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('%s may read this desk but not change it (not a member of factdesk_checker).', v_role);
    END IF;
    -- One push at a time: sequence numbers are then handed out in commit order, so a replica that
    -- has read up to change N has seen every change before N.
    PERFORM pg_advisory_xact_lock(hashtext('factdesk.push'));
    SELECT result INTO v_prior FROM pushes WHERE id = p_id;
    IF FOUND THEN
        RETURN v_prior || '{"repeated": true}';
    END IF;
    v_first := (SELECT coalesce(max(seq), 0) FROM changes);
    -- The desk's creator uploads the workspace it was made from as it is: its published claims
    -- passed the gate there, before the desk existed.
    v_seeding := EXISTS (SELECT 1 FROM meta WHERE key = 'seeding' AND value = v_role);
    FOR v_txn IN
        SELECT (i ->> 'txn')::bigint FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(i, n)
         GROUP BY 1 ORDER BY min(n)
    LOOP
        BEGIN
            v_gate := '{}';
            FOR v_item IN
                SELECT i FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(i, n)
                 WHERE (i ->> 'txn')::bigint = v_txn ORDER BY n
            LOOP
                v_claim := apply_change(v_item, v_role, p_replica, p_id, v_seeding);
                IF v_claim IS NOT NULL THEN
                    v_gate := v_gate || v_claim;
                END IF;
            END LOOP;
            FOREACH v_claim IN ARRAY v_gate LOOP
                PERFORM check_publish(v_claim);
            END LOOP;
            IF NOT v_seeding THEN
                PERFORM check_clarifications(p_items, v_txn);
            END IF;
        EXCEPTION WHEN SQLSTATE 'FD001' THEN
            v_refused := v_refused || jsonb_build_object('txn', v_txn, 'reason', SQLERRM);
        END;
    END LOOP;
    v_last := (SELECT coalesce(max(seq), 0) FROM changes);
    v_result := jsonb_build_object('first', v_first + 1, 'last', v_last, 'refused', v_refused);
    INSERT INTO pushes (id, role, replica, result) VALUES (p_id, v_role, p_replica, v_result);
    INSERT INTO replicas AS r (id, role) VALUES (p_replica, v_role)
    ON CONFLICT (id) DO UPDATE SET last_seen = now() WHERE r.role = v_role;
    IF v_last > v_first THEN
        PERFORM pg_notify('factdesk_changes', v_last::text);
    END IF;
    RETURN v_result;
END $$;

UPDATE meta SET value = '2' WHERE key = 'schema';
