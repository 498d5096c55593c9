-- The folded words of a `search_*` field as a tsvector, no parser: the
-- same words `text::search_terms` made; with `starts`, also every
-- start of each word followed by '*' ("so*" for son, song…), so that a
-- word typed in part is one index key, not a range of them. A word is
-- cut at 100 letters (a GIN key has a size limit); a field too long for
-- a tsvector is the one word '~', which every search also asks for and
-- then checks by LIKE.
CREATE FUNCTION bantin_words(words text, starts boolean) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN octet_length(words) > CASE WHEN starts THEN 9000 ELSE 900000 END
                THEN array_to_tsvector(ARRAY['~'])
           ELSE array_to_tsvector(ARRAY(
               SELECT left(w, 100) FROM unnest(string_to_array(words, ' ')) AS w
               WHERE w <> ''
               UNION
               SELECT left(w, n) || '*' FROM unnest(string_to_array(words, ' ')) AS w,
                      generate_series(1, least(length(w), 100)) AS n
               WHERE starts AND w <> '')) END
    $$;
-- Off: a GIN index's list of pending entries is read by every search.
CREATE INDEX articles_words ON articles USING gin (bantin_words(search_all, false))
    WITH (fastupdate = off);
CREATE INDEX articles_title_words ON articles USING gin (bantin_words(search_title, true))
    WITH (fastupdate = off);

-- One step of a search: the caller's visible, not deleted articles
-- holding every word (`every_like`, LIKE patterns as before: the exact
-- rule), among them those with `title_words` (a tsquery) in the title,
-- or with no `title_words` those with `every_words` in the whole text;
-- with their counts of `ranked_like` in the title and in title,
-- summary, author and tags; best `most` first. Who may read what is
-- the policies' rule (articles_own, articles_district) for
-- session_user, the caller: current_user is the owner here. Whoever
-- the policies do not bind (a superuser, a BYPASSRLS role, the tables'
-- owner) reads every row anyway.
CREATE FUNCTION bantin_search(every_like text[], every_words text, ranked_like text[],
                              title_words text, most integer)
    RETURNS TABLE (id bigint, in_title integer, in_head integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    everything boolean;
    own text := bantin_unit();
    reviewer boolean := pg_has_role(session_user, 'bantin_duyet', 'MEMBER');
    below text[] := ARRAY(SELECT bantin_units_below());
    t text := '0';
    h text := '0';
    q text;
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
            AND a.search_all LIKE ALL ($1) AND '
        || CASE WHEN title_words IS NULL
                THEN 'bantin_words(a.search_all, false) @@ ($2::tsquery || $w$''~''$w$::tsquery)'
                ELSE 'bantin_words(a.search_title, true) @@ ($4::tsquery || $w$''~''$w$::tsquery)'
           END
        || ' ORDER BY 2 DESC, 3 DESC, a.updated_at DESC, a.id DESC LIMIT $5';
    RETURN QUERY EXECUTE q
        USING every_like, every_words, ranked_like, title_words, most,
              everything, own, reviewer, below;
END $f$;
-- Owned by whoever owns the articles, whoever runs this step; run by
-- Bản Tin's roles only.
DO $$
DECLARE owner text := (SELECT relowner::regrole::text FROM pg_class
                       WHERE oid = 'public.articles'::regclass);
BEGIN
    EXECUTE format('ALTER FUNCTION bantin_search(text[], text, text[], text, integer) OWNER TO %s', owner);
END $$;
REVOKE ALL ON FUNCTION bantin_search(text[], text, text[], text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bantin_search(text[], text, text[], text, integer)
    TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
