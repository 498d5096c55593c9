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
