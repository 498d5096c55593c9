ALTER TABLE articles ADD COLUMN merge_base integer, ADD COLUMN merge_other integer;
ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT '';

-- The full name of an account of one's own unit (the login when it has
-- none); nothing for anyone else's. SECURITY DEFINER: editors have no
-- right on `users`.
CREATE FUNCTION bantin_name(who text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT coalesce(nullif(u.name, ''), u.login) FROM users u
          WHERE u.login = who
            AND u.unit = (SELECT unit FROM users WHERE login = session_user) $$;

-- An editor with an article open: one row per (program, article), its
-- time refreshed by the program every few seconds by the server's own
-- clock; a row not refreshed for a minute means the program is gone
-- (a PC switched off cannot say goodbye). Everyone sees the rows of
-- their own unit only, and writes only their own.
CREATE TABLE presence (
    session    text NOT NULL CHECK (length(session) BETWEEN 1 AND 64),
    article_id bigint NOT NULL REFERENCES articles (id),
    login      text NOT NULL DEFAULT session_user,
    unit       text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session, article_id)
);
ALTER TABLE presence ENABLE ROW LEVEL SECURITY;
CREATE POLICY presence_see ON presence FOR SELECT USING (unit = bantin_unit());
CREATE POLICY presence_add ON presence FOR INSERT
    WITH CHECK (login = session_user AND unit = bantin_unit()
                AND EXISTS (SELECT 1 FROM articles a WHERE a.id = article_id));
CREATE POLICY presence_touch ON presence FOR UPDATE
    USING (login = session_user) WITH CHECK (login = session_user AND unit = bantin_unit());
CREATE POLICY presence_leave ON presence FOR DELETE USING (login = session_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON presence
    TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;

-- A district's decade (100,000 articles): the policies ask who is
-- connected once per query (a sub-select is an InitPlan), not once per
-- row, and the newest articles come first from an index, so a list or a
-- search whose words are everywhere stops after the first page.
ALTER POLICY articles_own ON articles
    USING (unit = (SELECT bantin_unit())) WITH CHECK (unit = (SELECT bantin_unit()));
ALTER POLICY articles_district ON articles
    USING (status = 'da-duyet'
           AND (SELECT pg_has_role(session_user, 'bantin_duyet', 'MEMBER'))
           AND unit IN (SELECT bantin_units_below()));
CREATE INDEX articles_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_search_head ON articles USING gin (search_head gin_trgm_ops);
