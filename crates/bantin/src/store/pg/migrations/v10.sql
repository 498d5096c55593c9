-- A search's last step (no title words: every article holding all the
-- words, ranked) read every candidate's whole text to test the words by
-- LIKE, which the word index had already decided exactly: at 100,000
-- articles that was most of the step. Now the text is read only where
-- the index could not decide (a text longer than it holds, a word of 100
-- letters or more). And no step runs in parallel: a step reads at most a
-- few thousand rows, which a worker process costs more to start than to
-- share (measured on a 2-core server: 20–50 % slower with workers), and a
-- shared server's cores are better left to the other editors. Same
-- signature, owner and grants (CREATE OR REPLACE keeps them).
CREATE OR REPLACE FUNCTION bantin_search(every_like text[], every_words text, ranked_like text[],
                              title_words text, most integer)
    RETURNS TABLE (id bigint, in_title integer, in_head integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    SET max_parallel_workers_per_gather = 0 AS $f$
DECLARE
    everything boolean;
    own text := bantin_unit();
    reviewer boolean := pg_has_role(session_user, 'bantin_duyet', 'MEMBER');
    below text[] := ARRAY(SELECT bantin_units_below());
    t text := '0';
    h text := '0';
    q text;
    -- The whole text's word index holds every word whole up to 100
    -- letters, so for words shorter than that (a pattern is the word and
    -- three more characters) its answer is the exact one, and the LIKE
    -- patterns need reading only where the index holds '~' (a text too
    -- long for it).
    exact boolean := NOT EXISTS (SELECT 1 FROM unnest(every_like) AS p WHERE length(p) >= 100);
BEGIN
    SELECT r.rolsuper OR r.rolbypassrls
           OR pg_has_role(session_user, c.relowner, 'USAGE')
      INTO everything
      FROM pg_roles r, pg_class c
     WHERE r.rolname = session_user AND c.oid = 'public.articles'::regclass;
    everything := coalesce(everything, false);
    IF NOT everything AND own IS NULL AND (NOT reviewer OR cardinality(below) = 0) THEN
        RETURN;
    END IF;
    FOR i IN 1 .. coalesce(cardinality(ranked_like), 0) LOOP
        t := t || format(' + (a.search_title LIKE $3[%s])::int', i);
        h := h || format(' + (a.search_head LIKE $3[%s])::int', i);
    END LOOP;
    q := 'SELECT a.id, ' || t || ', ' || h || ' FROM articles a
          WHERE a.deleted_at IS NULL
            AND ($6 OR a.unit = $7 OR (a.status = ''da-duyet'' AND $8 AND a.unit = ANY ($9)))
            AND '
        || CASE WHEN title_words IS NULL
                THEN 'bantin_words(a.search_all, false) @@ ($2::tsquery || $w$''~''$w$::tsquery)'
                     || CASE WHEN exact
                             THEN ' AND (octet_length(a.search_all) <= 900000 OR a.search_all LIKE ALL ($1))'
                             ELSE ' AND a.search_all LIKE ALL ($1)' END
                ELSE 'bantin_words(a.search_title, true) @@ ($4::tsquery || $w$''~''$w$::tsquery)
                      AND a.search_all LIKE ALL ($1)'
           END
        || ' ORDER BY 2 DESC, 3 DESC, a.updated_at DESC, a.id DESC LIMIT $5';
    RETURN QUERY EXECUTE q
        USING every_like, every_words, ranked_like, title_words, most,
              everything, own, reviewer, below;
END $f$;

-- How many articles, of every unit, hold all of `every_words`, by the
-- planner's estimate (ANALYZE's statistics of the word index; no row is
-- read): what a search's last step would read, since the word index cannot
-- tell units apart, so the caller can choose its path. Asked as the
-- articles' owner: under the policies the estimate is scaled to the
-- caller's share of the library, and a commune's editor in a district of
-- fifty would be told 2 % of what the step reads.
-- (VOLATILE only because PostgreSQL runs EXPLAIN in no other kind.)
CREATE FUNCTION bantin_search_estimate(every_words text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE format(
        'EXPLAIN SELECT 1 FROM articles a WHERE bantin_words(a.search_all, false) @@ %L::tsquery',
        every_words)
    LOOP
        RETURN substring(line from ' rows=([0-9]+)')::bigint;
    END LOOP;
    RETURN NULL;
END $f$;
DO $$
DECLARE owner text := (SELECT relowner::regrole::text FROM pg_class
                       WHERE oid = 'public.articles'::regclass);
BEGIN
    EXECUTE format('ALTER FUNCTION bantin_search_estimate(text) OWNER TO %s', owner);
END $$;
REVOKE ALL ON FUNCTION bantin_search_estimate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bantin_search_estimate(text)
    TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
