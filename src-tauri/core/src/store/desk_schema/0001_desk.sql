-- The desk's schema in PostgreSQL, version 1 (issue 14). Run once by `desk create`, as the role
-- that will own the desk, in one transaction. Checkers never touch these tables: they call the
-- functions at the end (SECURITY DEFINER), which record who they are from the connection itself.
--
-- The desk keeps every row of its workspaces as JSON keyed by kind (the workspace table) and key
-- (the row's UUID, or its natural key), an ordered log of every change (`changes.seq`), captured
-- bytes once per SHA-256, and the pushes it has applied (so a push sent twice lands once).

CREATE SCHEMA factdesk;
SET LOCAL search_path = factdesk, pg_catalog;

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- Every row of the desk. `fields`: for each field, the change that last wrote it and by whom
-- ([seq, role, replica]), so a later push edited from an older state can be told.
CREATE TABLE entities (
    kind        text   NOT NULL,
    key         text   NOT NULL,
    data        jsonb  NOT NULL,
    created_by  name   NOT NULL,
    created_seq bigint NOT NULL,
    updated_seq bigint NOT NULL,
    fields      jsonb  NOT NULL DEFAULT '{}',
    PRIMARY KEY (kind, key)
);
CREATE INDEX entities_by_claim ON entities ((data ->> 'claim_id'), kind) WHERE data ? 'claim_id';
CREATE INDEX entities_by_seq ON entities (created_seq);

-- The desk's history: each change once, in the order it was made. `role` is the PostgreSQL role
-- that made it (session_user, which the client cannot choose); `data` the row after the change.
CREATE TABLE changes (
    seq     bigserial   PRIMARY KEY,
    push_id uuid,
    kind    text        NOT NULL,
    key     text        NOT NULL,
    op      text        NOT NULL CHECK (op IN ('put', 'delete', 'conflict')),
    data    jsonb,
    role    name        NOT NULL,
    replica text        NOT NULL DEFAULT '',
    at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE blobs (
    sha256   text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size     bigint      NOT NULL,
    bytes    bytea       NOT NULL,
    added_by name        NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pushes (
    id      uuid        PRIMARY KEY,
    role    name        NOT NULL,
    replica text        NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    result  jsonb       NOT NULL
);

CREATE TABLE replicas (
    id        text        PRIMARY KEY,
    role      name        NOT NULL,
    name      text        NOT NULL DEFAULT '',
    joined_at timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now(),
    last_seq  bigint      NOT NULL DEFAULT 0
);

-- Refuses the push's current local transaction with a reason the checker reads.
CREATE FUNCTION refuse(reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'FD001', MESSAGE = reason;
END $$;

-- The columns that name who did something: the desk writes the pushing role there itself.
CREATE FUNCTION actor_column(p_kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_kind
        WHEN 'verdicts' THEN 'author'
        WHEN 'history' THEN 'actor'
        WHEN 'corrections' THEN 'actor'
        WHEN 'claim_checks' THEN 'done_by'
        WHEN 'captures' THEN 'actor'
        WHEN 'claim_links' THEN 'actor'
        WHEN 'article_decisions' THEN 'actor'
    END
$$;

-- The claim a row belongs to (its key), if any.
CREATE FUNCTION claim_of(p_kind text, p_key text, p_data jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_kind = 'claims' THEN p_key ELSE p_data ->> 'claim_id' END
$$;

-- The publish gate, checked again on the desk's own state: a current verdict, every required
-- sign-off, and a second reader: someone other than the verdict's author signed off.
CREATE FUNCTION check_publish(p_claim text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_author name;
    missing  text;
BEGIN
    SELECT created_by INTO v_author FROM entities
     WHERE kind = 'verdicts' AND data ->> 'claim_id' = p_claim AND data ->> 'superseded_at' IS NULL
     ORDER BY created_seq DESC LIMIT 1;
    IF NOT FOUND THEN
        PERFORM refuse('The desk has no verdict for this claim, so it cannot be published.');
    END IF;
    SELECT string_agg('“' || (i.data ->> 'label') || '”', ', ' ORDER BY (i.data ->> 'position')::int) INTO missing
      FROM entities i
     WHERE i.kind = 'checklist_items' AND (i.data ->> 'required')::int = 1 AND (i.data ->> 'active')::int = 1
       AND NOT EXISTS (SELECT 1 FROM entities c WHERE c.kind = 'claim_checks' AND c.data ->> 'claim_id' = p_claim
                                              AND c.data ->> 'item_id' = i.key);
    IF missing IS NOT NULL THEN
        PERFORM refuse('The desk does not have these sign-offs yet: ' || missing || '.');
    END IF;
    IF EXISTS (SELECT 1 FROM entities WHERE kind = 'checklist_items' AND (data ->> 'required')::int = 1
                                     AND (data ->> 'active')::int = 1)
       AND NOT EXISTS (SELECT 1 FROM entities c WHERE c.kind = 'claim_checks' AND c.data ->> 'claim_id' = p_claim
                                              AND c.created_by <> v_author) THEN
        PERFORM refuse(format('A second reader has to sign off: every sign-off is by %s, who wrote the verdict.', v_author));
    END IF;
END $$;

-- Applies one change of a push as `p_role` from replica `p_replica`. Returns the claim to put
-- through the publish gate once the whole local transaction is in (its verdict and sign-offs
-- may come after the claim), or NULL.
CREATE FUNCTION apply_change(p_item jsonb, p_role name, p_replica text, p_push uuid, p_seeding boolean) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_kind   text   := p_item ->> 'kind';
    v_key    text   := p_item ->> 'key';
    v_op     text   := p_item ->> 'op';
    v_base   bigint := coalesce((p_item ->> 'base')::bigint, 0);
    v_new    jsonb  := p_item -> 'data';
    v_fields jsonb  := p_item -> 'fields';
    cur      entities%ROWTYPE;
    found_row boolean;
    v_claim  text;
    claim    entities%ROWTYPE;
    v_seq    bigint;
    v_merged jsonb;
    v_meta   jsonb;
    f        text;
    prev     jsonb;
    actor    text;
BEGIN
    IF v_kind IS NULL OR v_key IS NULL OR v_op NOT IN ('put', 'delete') THEN
        RAISE EXCEPTION 'malformed change: %', p_item;
    END IF;
    SELECT * INTO cur FROM entities WHERE kind = v_kind AND key = v_key FOR UPDATE;
    found_row := FOUND;

    -- An edit to a claim someone published after this replica last looked is refused.
    v_claim := claim_of(v_kind, v_key, coalesce(v_new, cur.data));
    IF v_claim IS NOT NULL THEN
        SELECT * INTO claim FROM entities WHERE kind = 'claims' AND key = v_claim FOR UPDATE;
        IF FOUND AND NOT p_seeding AND claim.data ->> 'status' IN ('published', 'corrected')
           AND (claim.fields -> 'status' ->> 0)::bigint > v_base
           AND (claim.fields -> 'status' ->> 2) IS DISTINCT FROM p_replica THEN
            PERFORM refuse(format('%s published this claim at %s, after your copy was last brought up to date; your change was not applied.',
                                  claim.fields -> 'status' ->> 1,
                                  to_char((SELECT at FROM changes WHERE seq = (claim.fields -> 'status' ->> 0)::bigint),
                                          'YYYY-MM-DD HH24:MI UTC')));
        END IF;
    END IF;

    v_seq := nextval(pg_get_serial_sequence('factdesk.changes', 'seq'));
    IF v_op = 'delete' THEN
        IF NOT found_row THEN
            RETURN NULL;
        END IF;
        DELETE FROM entities WHERE kind = v_kind AND key = v_key;
        IF v_kind = 'claims' THEN
            DELETE FROM entities WHERE data ->> 'claim_id' = v_key AND data ? 'claim_id';
        END IF;
        INSERT INTO changes (seq, push_id, kind, key, op, data, role, replica)
        VALUES (v_seq, p_push, v_kind, v_key, 'delete', NULL, p_role, p_replica);
        RETURN NULL;
    END IF;

    IF v_new IS NULL OR jsonb_typeof(v_new) <> 'object' THEN
        RAISE EXCEPTION 'malformed change (no data): %', p_item;
    END IF;
    IF NOT found_row THEN
        actor := actor_column(v_kind);
        -- (A creator's upload keeps the names its workspace recorded before the desk existed.)
        IF actor IS NOT NULL AND NOT p_seeding THEN
            v_new := jsonb_set(v_new, ARRAY[actor], to_jsonb(p_role::text));
        END IF;
        SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(v_seq, p_role, p_replica)), '{}') INTO v_meta
          FROM jsonb_object_keys(v_new) AS k;
        INSERT INTO entities (kind, key, data, created_by, created_seq, updated_seq, fields)
        VALUES (v_kind, v_key, v_new, p_role, v_seq, v_seq, v_meta);
        INSERT INTO changes (seq, push_id, kind, key, op, data, role, replica)
        VALUES (v_seq, p_push, v_kind, v_key, 'put', v_new, p_role, p_replica);
        IF v_kind = 'claims' AND v_new ->> 'status' = 'published' AND NOT p_seeding THEN
            RETURN v_key;
        END IF;
        RETURN NULL;
    END IF;

    -- Append-only records merge: what the desk has stays as it is.
    IF v_kind IN ('history', 'corrections', 'captures', 'blobs') THEN
        RETURN NULL;
    END IF;
    v_merged := cur.data;
    v_meta := cur.fields;
    FOR f IN SELECT k FROM jsonb_object_keys(v_new) AS k
              WHERE v_fields IS NULL OR jsonb_typeof(v_fields) <> 'array' OR v_fields ? k
    LOOP
        CONTINUE WHEN f IS NULL OR NOT v_new ? f OR f = actor_column(v_kind);
        -- A verdict's wording and rating never change: only its being superseded does.
        CONTINUE WHEN v_kind = 'verdicts' AND f NOT IN ('superseded_at', 'superseded_by');
        CONTINUE WHEN (v_merged -> f) IS NOT DISTINCT FROM (v_new -> f);
        prev := v_meta -> f;
        -- Edited on two replicas while apart: the later push wins, and both values are kept.
        -- (Bookkeeping that follows the fields themselves is not a conflict of its own.)
        IF v_kind = 'claims' AND f NOT IN ('updated_at', 'worthiness')
           AND prev IS NOT NULL AND (prev ->> 0)::bigint > v_base
           AND (prev ->> 2) IS DISTINCT FROM p_replica THEN
            INSERT INTO changes (push_id, kind, key, op, data, role, replica)
            VALUES (p_push, 'claims', v_key, 'conflict',
                    jsonb_build_object('field', f, 'kept', v_new -> f, 'kept_by', p_role,
                                       'replaced', v_merged -> f, 'replaced_by', prev ->> 1,
                                       'replaced_seq', (prev ->> 0)::bigint),
                    p_role, p_replica);
        END IF;
        v_merged := jsonb_set(v_merged, ARRAY[f], v_new -> f);
        v_meta := jsonb_set(v_meta, ARRAY[f], jsonb_build_array(v_seq, p_role, p_replica));
    END LOOP;
    IF v_merged = cur.data THEN
        RETURN NULL;
    END IF;
    UPDATE entities SET data = v_merged, fields = v_meta, updated_seq = v_seq WHERE kind = v_kind AND key = v_key;
    INSERT INTO changes (seq, push_id, kind, key, op, data, role, replica)
    VALUES (v_seq, p_push, v_kind, v_key, 'put', v_merged, p_role, p_replica);
    IF v_kind = 'claims' AND v_merged ->> 'status' = 'published'
       AND coalesce(cur.data ->> 'status', '') NOT IN ('published', 'corrected') AND NOT p_seeding THEN
        RETURN v_key;
    END IF;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------------------------
-- What checkers and readers call. Each runs as the desk's owner (SECURITY DEFINER) and records
-- session_user, the role the client logged in as, which no argument can change.

-- One push: the changes of one or more local transactions, applied in order in this one
-- transaction. A local transaction the desk's rules refuse is left out whole and reported; the
-- rest lands. A push id seen before returns the first answer and changes nothing.
CREATE FUNCTION push(p_id uuid, p_replica text, p_items jsonb) RETURNS jsonb
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

-- The creator's upload is complete: from now on every push meets the desk's rules.
CREATE FUNCTION seeded() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    DELETE FROM meta WHERE key = 'seeding' AND value = session_user
$$;

-- Captured bytes, stored once per SHA-256 (checked here against the bytes).
CREATE FUNCTION put_blob(p_sha256 text, p_bytes bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'factdesk_checker', 'MEMBER') THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format('%s may not change this desk.', session_user);
    END IF;
    IF encode(sha256(p_bytes), 'hex') <> p_sha256 THEN
        RAISE EXCEPTION 'capture bytes do not match their SHA-256 %', p_sha256;
    END IF;
    INSERT INTO blobs (sha256, size, bytes, added_by) VALUES (p_sha256, length(p_bytes), p_bytes, session_user)
    ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION blob(p_sha256 text) RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT bytes FROM blobs WHERE sha256 = p_sha256
$$;

-- Changes after `p_after`, oldest first.
CREATE FUNCTION pull(p_after bigint, p_limit int)
RETURNS TABLE (seq bigint, kind text, key text, op text, data jsonb, role name, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT c.seq, c.kind, c.key, c.op, c.data, c.role, c.at FROM changes c
     WHERE c.seq > p_after ORDER BY c.seq LIMIT p_limit
$$;

-- The last change of the log when every change in it came from replica `p_replica` (a new
-- desk's creator, after its upload: it has nothing to pull back), else NULL.
CREATE FUNCTION head_if_only(p_replica text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM changes WHERE replica <> p_replica)
                THEN coalesce(max(seq), 0) END
      FROM changes
$$;

-- The last change of the log.
CREATE FUNCTION head() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT coalesce(max(seq), 0) FROM changes
$$;

-- Every row of the desk as it is now, in the order they were made (a new replica starts from
-- this and then follows the log from head()).
CREATE FUNCTION snapshot()
RETURNS TABLE (kind text, key text, data jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT r.kind, r.key, r.data FROM entities r ORDER BY r.created_seq
$$;

-- The rows named by `p_keys` ([[kind, key], …]) as the desk has them (absent when it has none).
CREATE FUNCTION rows_of(p_keys jsonb)
RETURNS TABLE (kind text, key text, data jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT r.kind, r.key, r.data FROM entities r
      JOIN jsonb_array_elements(p_keys) k ON r.kind = k ->> 0 AND r.key = k ->> 1
$$;

-- Says hello: records that this replica of this role is here, and when.
CREATE FUNCTION hello(p_replica text, p_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM replicas WHERE id = p_replica AND role <> session_user) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'This copy of the workspace joined the desk as another checker; join again as yourself.';
    END IF;
    INSERT INTO replicas (id, role, name) VALUES (p_replica, session_user, coalesce(p_name, ''))
    ON CONFLICT (id) DO UPDATE SET last_seen = now(), name = excluded.name;
END $$;

-- Which desk this is and its schema version: what every sync checks first, so it must be cheap.
CREATE FUNCTION about() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object('desk_id', (SELECT value FROM meta WHERE key = 'desk_id'),
                              'schema', (SELECT value FROM meta WHERE key = 'schema')::int)
$$;

-- The desk at a glance: its id and schema, the last change, and who is (or was lately) connected.
CREATE FUNCTION status() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = factdesk, pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object(
        'desk_id', (SELECT value FROM meta WHERE key = 'desk_id'),
        'schema', (SELECT value FROM meta WHERE key = 'schema')::int,
        'head', (SELECT coalesce(max(seq), 0) FROM changes),
        'rows', (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'factdesk.entities'::regclass),
        'claims', (SELECT count(*) FROM entities WHERE kind = 'claims'),
        'replicas', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'id', r.id, 'role', r.role, 'name', r.name, 'last_seen', r.last_seen,
                       'connected', EXISTS (SELECT 1 FROM pg_stat_activity a
                                             WHERE a.usename = r.role AND a.datname = current_database()
                                               AND a.application_name LIKE 'factdesk ' || r.id || '%'))
                   ORDER BY r.last_seen DESC)
              FROM replicas r), '[]'))
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA factdesk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA factdesk FROM PUBLIC;
GRANT USAGE ON SCHEMA factdesk TO factdesk_reader, factdesk_checker;
GRANT EXECUTE ON FUNCTION pull(bigint, int), head(), snapshot(), rows_of(jsonb), blob(text), status(), about(),
                          hello(text, text), seeded()
      TO factdesk_reader, factdesk_checker;
GRANT EXECUTE ON FUNCTION push(uuid, text, jsonb), put_blob(text, bytea), head_if_only(text) TO factdesk_checker;

INSERT INTO meta (key, value) VALUES ('schema', '1');
