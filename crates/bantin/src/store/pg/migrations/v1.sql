-- The group roles belong to the server, shared by its Bản Tin databases:
-- made by whichever database is prepared first. Two prepared at once
-- both try; the loser finds the role there and goes on.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['bantin_bien_tap', 'bantin_duyet', 'bantin_quan_tri'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END $$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A commune (xã) or a district (huyện) that gathers its communes.
CREATE TABLE units (
    code   text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name   text NOT NULL DEFAULT '',
    parent text REFERENCES units (code)
);

-- Who is who: `login` is a PostgreSQL role.
CREATE TABLE users (
    login text PRIMARY KEY,
    unit  text NOT NULL REFERENCES units (code),
    role  text NOT NULL CHECK (role IN ('bien-tap', 'duyet', 'quan-tri'))
);

-- The unit of whoever is connected, and the units under it. SECURITY
-- DEFINER so that editors need no right on `users`; session_user is the
-- login, whatever the function runs as.
CREATE FUNCTION bantin_unit() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT unit FROM users WHERE login = session_user $$;
CREATE FUNCTION bantin_units_below() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT code FROM units
          WHERE parent = (SELECT unit FROM users WHERE login = session_user) $$;

CREATE TABLE articles (
    id          bigserial PRIMARY KEY,
    unit        text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
    title       text NOT NULL,
    summary     text NOT NULL DEFAULT '',
    author      text NOT NULL DEFAULT '',
    category    text NOT NULL DEFAULT '',
    tags        text NOT NULL DEFAULT '[]',
    kind        text NOT NULL CHECK (kind IN ('tin-bai', 'bao-cao')),
    status      text NOT NULL DEFAULT 'nhap'
                CHECK (status IN ('nhap', 'cho-duyet', 'da-duyet', 'da-dang')),
    date        text,
    body        text NOT NULL,
    body_text   text NOT NULL,
    extra       text NOT NULL DEFAULT '{}',
    word_count  bigint NOT NULL DEFAULT 0,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    revision    integer NOT NULL,
    deleted_at  text,
    -- Folded words (text::search_terms), space-separated with a space at
    -- each end: title, summary, author and tags; and those plus the body.
    search_head text NOT NULL DEFAULT ' ',
    search_all  text NOT NULL DEFAULT ' ',
    updated_by  text NOT NULL DEFAULT session_user
);
CREATE INDEX articles_unit_updated ON articles (unit, updated_at DESC);
CREATE INDEX articles_search_all ON articles USING gin (search_all gin_trgm_ops);

-- Only a reviewer approves; the database says who changed the row last.
CREATE FUNCTION bantin_articles_guard() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'da-duyet'
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'da-duyet')
       AND NOT pg_has_role(session_user, 'bantin_duyet', 'MEMBER') THEN
        RAISE EXCEPTION 'only a reviewer (bantin_duyet) may approve an article'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.updated_by := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER articles_guard BEFORE INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION bantin_articles_guard();

-- A unit sees and changes its own articles; a district reviewer also
-- sees the approved articles of the units under it.
ALTER TABLE articles ENABLE ROW LEVEL SECURITY;
CREATE POLICY articles_own ON articles
    USING (unit = bantin_unit()) WITH CHECK (unit = bantin_unit());
CREATE POLICY articles_district ON articles FOR SELECT
    USING (status = 'da-duyet'
           AND pg_has_role(session_user, 'bantin_duyet', 'MEMBER')
           AND unit IN (SELECT bantin_units_below()));

CREATE TABLE revisions (
    uuid          text PRIMARY KEY CHECK (length(uuid) BETWEEN 1 AND 64),
    article_id    bigint NOT NULL REFERENCES articles (id),
    number        integer NOT NULL,
    created_at    text NOT NULL,
    reason        text NOT NULL,
    restored_from integer,
    content       text NOT NULL,
    login         text NOT NULL DEFAULT session_user,
    UNIQUE (article_id, number)
);
-- Old revisions are never changed or removed: the database refuses,
-- whoever asks. Who wrote a revision is the login, not what it claims.
CREATE FUNCTION bantin_revisions_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.login := session_user;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'revisions are append-only'
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER revisions_append_only BEFORE INSERT OR UPDATE OR DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION bantin_revisions_append_only();
CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION bantin_revisions_append_only();
ALTER TABLE revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY revisions_of_visible ON revisions
    USING (EXISTS (SELECT 1 FROM articles a WHERE a.id = article_id))
    WITH CHECK (EXISTS (SELECT 1 FROM articles a
                        WHERE a.id = article_id AND a.unit = bantin_unit()));

-- Images, once per unit, named by their SHA-256.
CREATE TABLE assets (
    unit          text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
    sha256        text NOT NULL,
    mime          text NOT NULL,
    size          bigint NOT NULL,
    original_name text NOT NULL,
    created_at    text NOT NULL,
    bytes         bytea NOT NULL,
    PRIMARY KEY (unit, sha256)
);
ALTER TABLE assets ENABLE ROW LEVEL SECURITY;
CREATE POLICY assets_own ON assets
    USING (unit = bantin_unit()) WITH CHECK (unit = bantin_unit());
CREATE POLICY assets_district ON assets FOR SELECT
    USING (pg_has_role(session_user, 'bantin_duyet', 'MEMBER')
           AND unit IN (SELECT bantin_units_below()));

-- Each unit's own settings (its profile: name, superior body, …).
CREATE TABLE settings (
    unit  text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
    key   text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (unit, key)
);
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_own ON settings
    USING (unit = bantin_unit()) WITH CHECK (unit = bantin_unit());

-- Bulletin issues of a unit and the ordered articles they gather: its
-- own, and for a district reviewer the approved articles of its units.
CREATE TABLE bulletins (
    id          bigserial PRIMARY KEY,
    unit        text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
    name        text NOT NULL,
    number      text NOT NULL DEFAULT '',
    date        text,
    period      text NOT NULL DEFAULT '',
    publisher   text NOT NULL DEFAULT '',
    internal    boolean NOT NULL DEFAULT true,
    paper       text NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'a5', '19x27')),
    columns     smallint NOT NULL DEFAULT 2 CHECK (columns IN (1, 2)),
    licensed    boolean NOT NULL DEFAULT false,
    fields      text NOT NULL DEFAULT '{}',
    created_at  text NOT NULL,
    updated_at  text NOT NULL
);
CREATE TABLE bulletin_articles (
    bulletin_id bigint NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    article_id  bigint NOT NULL REFERENCES articles (id),
    position    integer NOT NULL,
    PRIMARY KEY (bulletin_id, article_id)
);
CREATE INDEX bulletin_articles_article ON bulletin_articles (article_id);
ALTER TABLE bulletins ENABLE ROW LEVEL SECURITY;
CREATE POLICY bulletins_own ON bulletins
    USING (unit = bantin_unit()) WITH CHECK (unit = bantin_unit());
ALTER TABLE bulletin_articles ENABLE ROW LEVEL SECURITY;
CREATE POLICY bulletin_articles_own ON bulletin_articles
    USING (EXISTS (SELECT 1 FROM bulletins b WHERE b.id = bulletin_id))
    WITH CHECK (EXISTS (SELECT 1 FROM bulletins b WHERE b.id = bulletin_id)
                AND EXISTS (SELECT 1 FROM articles a WHERE a.id = article_id));
-- An article an issue prints (any unit's issue) cannot go to the recycle
-- bin unnoticed. SECURITY DEFINER: the district's issues are not
-- visible to the commune's editor, but they count.
CREATE FUNCTION bantin_articles_in_bulletins() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM bulletin_articles WHERE article_id = NEW.id) THEN
        RAISE EXCEPTION 'article is in a bulletin' USING ERRCODE = 'BT001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER articles_in_bulletins BEFORE UPDATE OF deleted_at ON articles
    FOR EACH ROW EXECUTE FUNCTION bantin_articles_in_bulletins();

GRANT SELECT ON bantin_schema, units TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT SELECT, INSERT, UPDATE ON articles TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT USAGE ON SEQUENCE articles_id_seq TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT SELECT, INSERT ON revisions, assets TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT SELECT, INSERT, UPDATE ON settings TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT SELECT, INSERT, UPDATE, DELETE ON bulletins, bulletin_articles
    TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
GRANT USAGE ON SEQUENCE bulletins_id_seq TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
