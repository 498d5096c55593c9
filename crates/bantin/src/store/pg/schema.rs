//! The shared library's schema as an ordered list of migrations, like the
//! local one (`store/schema.rs`): `bantin_schema.version` says how many steps
//! a database has had; `bantin server init` runs the missing ones in one
//! transaction (PostgreSQL's DDL is transactional). Editors never run them:
//! they have no right to change the schema.
//!
//! Never edit a step that has shipped: add a new one.
//!
//! Roles are the server's, not the database's: the three group roles are
//! created once and shared by every Bản Tin database on the server.

use postgres::Client;

use super::err;
use crate::store::{Result, StoreError};

/// Each entry is one version step: `MIGRATIONS[0]` takes an empty database to
/// version 1.
pub const MIGRATIONS: &[&str] = &[
    // v1: units, users, articles, append-only revisions, images, settings,
    // bulletins; row-level security by unit, approval by reviewers only.
    r#"
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
    "#,
    // v2: two people, one article (issue 14). Crossed saves are both kept and
    // the article waits for a merge; who has an article open is a row per
    // open editor, refreshed while it stays open; people have full names.
    r#"
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
    "#,
    // v3: each unit's own templates (Mẫu trình bày), versioned like the
    // local library's (schema v4 there): a save is a new revision, old ones
    // never change, whoever asks.
    r#"
    CREATE TABLE templates (
        unit        text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
        name        text NOT NULL,
        revision    integer NOT NULL CHECK (revision >= 1),
        title       text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('report', 'article', 'bulletin')),
        content     text NOT NULL,
        created_at  text NOT NULL,
        login       text NOT NULL DEFAULT session_user,
        PRIMARY KEY (unit, name, revision)
    );
    -- Append-only like revisions; who saved a revision is the login, not
    -- what it claims.
    CREATE FUNCTION bantin_templates_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            NEW.login := session_user;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'template revisions are append-only'
            USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER templates_append_only BEFORE INSERT OR UPDATE OR DELETE ON templates
        FOR EACH ROW EXECUTE FUNCTION bantin_templates_append_only();
    CREATE TRIGGER templates_no_truncate BEFORE TRUNCATE ON templates
        FOR EACH STATEMENT EXECUTE FUNCTION bantin_templates_append_only();
    -- A unit sees and adds only its own templates.
    ALTER TABLE templates ENABLE ROW LEVEL SECURITY;
    CREATE POLICY templates_own ON templates
        USING (unit = bantin_unit()) WITH CHECK (unit = bantin_unit());
    GRANT SELECT, INSERT ON templates TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
    "#,
    // v4: "Vẫn xuất" on the shared library, as in the local one (schema v5
    // there): a report or an issue exported although the checks found lỗi
    // is recorded beside the revision (or the issue), never by changing a
    // revision. Append-only, one unit's own. No key to `bulletins`: the
    // record outlives an issue that is deleted.
    r#"
    CREATE TABLE export_choices (
        id          bigserial PRIMARY KEY,
        unit        text NOT NULL DEFAULT bantin_unit() REFERENCES units (code),
        article_id  bigint REFERENCES articles (id),
        revision    integer,
        bulletin_id bigint,
        what        text NOT NULL,
        findings    text NOT NULL,
        created_at  text NOT NULL,
        login       text NOT NULL DEFAULT session_user,
        CHECK ((article_id IS NULL) <> (bulletin_id IS NULL)),
        CHECK ((article_id IS NULL) = (revision IS NULL))
    );
    CREATE INDEX export_choices_article ON export_choices (article_id, revision);
    -- Who chose is the login, not what the row claims.
    CREATE FUNCTION bantin_export_choices_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            NEW.login := session_user;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'export choices are append-only'
            USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER export_choices_append_only BEFORE INSERT OR UPDATE OR DELETE ON export_choices
        FOR EACH ROW EXECUTE FUNCTION bantin_export_choices_append_only();
    CREATE TRIGGER export_choices_no_truncate BEFORE TRUNCATE ON export_choices
        FOR EACH STATEMENT EXECUTE FUNCTION bantin_export_choices_append_only();
    -- A unit sees and adds only its own, about its own articles and issues.
    ALTER TABLE export_choices ENABLE ROW LEVEL SECURITY;
    CREATE POLICY export_choices_own ON export_choices
        USING (unit = (SELECT bantin_unit()))
        WITH CHECK (unit = (SELECT bantin_unit())
                    AND (article_id IS NULL OR EXISTS (
                        SELECT 1 FROM articles a
                        WHERE a.id = article_id AND a.unit = (SELECT bantin_unit())))
                    AND (bulletin_id IS NULL OR EXISTS (
                        SELECT 1 FROM bulletins b WHERE b.id = bulletin_id)));
    GRANT SELECT, INSERT ON export_choices TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
    GRANT USAGE ON SEQUENCE export_choices_id_seq TO bantin_bien_tap, bantin_duyet, bantin_quan_tri;
    "#,
    // v5: a title's own folded words, so that search ranks title matches
    // first in the database (store/pg/search.rs). Articles written before
    // get theirs from `fill_title_words`, right after this step.
    r#"
    ALTER TABLE articles ADD COLUMN search_title text NOT NULL DEFAULT ' ';
    "#,
    // v6: search at a district's size (100,000 articles). Row-level
    // security lets the planner use an index only through leakproof
    // operators; `LIKE` is not one, so the trigram indexes never served an
    // editor's search and only slowed every save: they go. The newest
    // articles with what a search's first look and the policies read of
    // them (the title's words, unit, status), so that look is an index-only
    // scan (store/pg/search.rs).
    r#"
    DROP INDEX articles_search_all;
    DROP INDEX articles_search_head;
    CREATE INDEX articles_recent ON articles (updated_at DESC, id DESC)
        INCLUDE (deleted_at, unit, status, search_title);
    "#,
    // v7: search at a district's size through word indexes. Under the
    // policies no index serves `LIKE` or `@@` (not leakproof), so the search
    // runs in `bantin_search`, a SECURITY DEFINER function owned by the
    // tables' owner (no policies apply to it) that writes the policies'
    // rule as a plain WHERE, so the planner may use the indexes. It returns
    // ids and counts of what the caller could read anyway; the rows are
    // then read through the policies (store/pg/search.rs).
    r#"
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
    "#,
    // v8 (v7 is the search function's): the library list's filters in the
    // page query (store/pg/listing.rs). One index per filter, each in the
    // list's order after it, so the first page of a filtered list is a short
    // range however few articles match, and the categories in use are found
    // by a skip over the category index. Measured at 100,000 articles in
    // ten units, as an editor (row-level security on): a status held by 26
    // of the unit's articles 80 ms → 2.3 ms, a rare category 60 ms →
    // 0.6 ms, reports only 14 ms → 2.8 ms, the categories 1.5 s → 1 ms.
    r#"
    CREATE INDEX articles_status_updated ON articles (status, updated_at DESC, id DESC);
    CREATE INDEX articles_kind_updated ON articles (kind, updated_at DESC, id DESC);
    CREATE INDEX articles_category_updated ON articles (category, updated_at DESC, id DESC);
    "#,
];

/// Work a step needs that SQL cannot do, run right after that step (by its
/// version) in the same transaction.
fn after_step(tx: &mut postgres::Transaction, version: u32) -> Result<()> {
    if version == 5 {
        fill_title_words(tx)?;
    }
    Ok(())
}

/// v5: the folded words of every title written before it, folded here
/// (`text::fold` is ours, not the server's). The guard trigger is held
/// off meanwhile so that `updated_by` keeps who really changed each article.
fn fill_title_words(tx: &mut postgres::Transaction) -> Result<()> {
    const BATCH: i64 = 2000;
    tx.batch_execute("ALTER TABLE articles DISABLE TRIGGER articles_guard")
        .map_err(err)?;
    let mut after = 0i64;
    loop {
        let rows = tx
            .query(
                "SELECT id, title FROM articles WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &BATCH],
            )
            .map_err(err)?;
        let Some(last) = rows.last() else { break };
        after = last.get(0);
        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        let words: Vec<String> = rows
            .iter()
            .map(|r| super::articles::title_words(r.get(1)))
            .collect();
        tx.execute(
            "UPDATE articles AS a SET search_title = n.words
             FROM unnest($1::bigint[], $2::text[]) AS n (id, words) WHERE a.id = n.id",
            &[&ids, &words],
        )
        .map_err(err)?;
    }
    tx.batch_execute("ALTER TABLE articles ENABLE TRIGGER articles_guard")
        .map_err(err)?;
    Ok(())
}

/// The version a database has once every step here has run.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// How many steps the database has had; `None` when it is not a Bản Tin
/// library at all (never initialised).
pub fn version(client: &mut Client) -> Result<Option<u32>> {
    let exists: bool = client
        .query_one("SELECT to_regclass('bantin_schema') IS NOT NULL", &[])
        .map_err(err)?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let v: Option<i32> = client
        .query_opt("SELECT version FROM bantin_schema", &[])
        .map_err(err)?
        .map(|r| r.get(0));
    Ok(Some(v.unwrap_or(0).max(0) as u32))
}

/// Brings the database up to date, in one transaction; a database from a
/// newer Bản Tin is refused untouched. Returns the version it had before.
pub fn migrate(client: &mut Client, address: &str) -> Result<u32> {
    let mut tx = client.transaction().map_err(err)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS bantin_schema (version integer NOT NULL);
         LOCK TABLE bantin_schema IN EXCLUSIVE MODE;",
    )
    .map_err(err)?;
    let from: i32 = match tx
        .query_opt("SELECT version FROM bantin_schema", &[])
        .map_err(err)?
    {
        Some(r) => r.get(0),
        None => {
            tx.execute("INSERT INTO bantin_schema (version) VALUES (0)", &[])
                .map_err(err)?;
            0
        }
    };
    let from = from.max(0) as u32;
    if from > LATEST {
        return Err(StoreError::NewerVersion {
            path: address.into(),
            found: from,
            supported: LATEST,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(step).map_err(err)?;
        after_step(&mut tx, (i + 1) as u32)?;
        tx.execute(
            "UPDATE bantin_schema SET version = $1",
            &[&((i + 1) as i32)],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    Ok(from)
}
