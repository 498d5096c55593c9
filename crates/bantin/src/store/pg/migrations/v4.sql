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
