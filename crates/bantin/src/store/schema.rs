//! The library's schema as an ordered list of migrations.
//!
//! `PRAGMA user_version` says how many of these steps a library has had. They
//! run at open, all in one transaction, after a backup of the file
//! (DESIGN §3). The migration crates do not support our rusqlite yet, and the
//! logic is a dozen lines, so it lives here.
//!
//! Never edit a step that has shipped: add a new one.

/// Each entry is one version step: `MIGRATIONS[0]` takes a library from
/// version 0 (empty file) to version 1.
pub const MIGRATIONS: &[&str] = &[
    // v1: articles, append-only revisions, assets, settings, search index.
    r#"
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        summary     TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL DEFAULT '',
        category    TEXT NOT NULL DEFAULT '',
        tags        TEXT NOT NULL DEFAULT '[]',
        kind        TEXT NOT NULL CHECK (kind IN ('tin-bai', 'bao-cao')),
        status      TEXT NOT NULL DEFAULT 'nhap'
                    CHECK (status IN ('nhap', 'cho-duyet', 'da-duyet', 'da-dang')),
        date        TEXT,
        body        TEXT NOT NULL,
        body_text   TEXT NOT NULL,
        extra       TEXT NOT NULL DEFAULT '{}',
        word_count  INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        deleted_at  TEXT
    );
    CREATE INDEX articles_updated ON articles (updated_at DESC);

    CREATE TABLE revisions (
        article_id    INTEGER NOT NULL REFERENCES articles (id),
        number        INTEGER NOT NULL,
        created_at    TEXT NOT NULL,
        reason        TEXT NOT NULL,
        restored_from INTEGER,
        content       TEXT NOT NULL,
        PRIMARY KEY (article_id, number)
    );
    -- Old revisions are never changed: the database itself refuses.
    CREATE TRIGGER revisions_append_only BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    -- Revisions go only with their article, when it is purged from the bin.
    CREATE TRIGGER revisions_keep BEFORE DELETE ON revisions
    WHEN (SELECT deleted_at FROM articles WHERE id = OLD.article_id) IS NULL
    BEGIN SELECT RAISE(ABORT, 'revisions of a live article are kept'); END;

    CREATE TABLE assets (
        sha256        TEXT PRIMARY KEY,
        mime          TEXT NOT NULL,
        size          INTEGER NOT NULL,
        original_name TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        bytes         BLOB NOT NULL
    );

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- Folded text (text::fold_for_search), so the tokenizer sees plain ASCII-ish
    -- words; the originals are in `articles`. rowid = articles.id. Prefix
    -- indexes make search-as-you-type on short Vietnamese syllables cheap.
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, summary, body, author, tags,
        content = '', contentless_delete = 1, prefix = '1 2 3',
        tokenize = 'unicode61 remove_diacritics 0'
    );
    -- The short fields alone, so a title hit is found among all articles
    -- quickly however common the words are in bodies (store/search.rs).
    CREATE VIRTUAL TABLE head_index USING fts5 (
        title, summary, author, tags,
        content = '', contentless_delete = 1, prefix = '1 2 3',
        tokenize = 'unicode61 remove_diacritics 0'
    );
    "#,
    // v2: bulletin issues and the ordered articles they gather.
    r#"
    CREATE TABLE bulletins (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        number      TEXT NOT NULL DEFAULT '',
        date        TEXT,
        period      TEXT NOT NULL DEFAULT '',
        publisher   TEXT NOT NULL DEFAULT '',
        internal    INTEGER NOT NULL DEFAULT 1,
        paper       TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'a5', '19x27')),
        columns     INTEGER NOT NULL DEFAULT 2 CHECK (columns IN (1, 2)),
        licensed    INTEGER NOT NULL DEFAULT 0,
        fields      TEXT NOT NULL DEFAULT '{}',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE bulletin_articles (
        bulletin_id INTEGER NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
        article_id  INTEGER NOT NULL REFERENCES articles (id),
        position    INTEGER NOT NULL,
        PRIMARY KEY (bulletin_id, article_id)
    );
    CREATE INDEX bulletin_articles_article ON bulletin_articles (article_id);
    -- An article an issue prints cannot go to the recycle bin unnoticed:
    -- the store takes it out of its issues first, or refuses.
    CREATE TRIGGER articles_in_bulletins BEFORE UPDATE OF deleted_at ON articles
    WHEN NEW.deleted_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM bulletin_articles WHERE article_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'article is in a bulletin'); END;
    "#,
    // v3: the office's own templates (Mẫu trình bày), versioned like
    // articles: each save is a new revision, old ones never change.
    r#"
    CREATE TABLE templates (
        name        TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('report', 'article', 'bulletin')),
        content     TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (name, revision)
    );
    CREATE TRIGGER templates_append_only BEFORE UPDATE ON templates
    BEGIN SELECT RAISE(ABORT, 'template revisions are append-only'); END;
    "#,
];

/// The version a library has once every step here has run.
pub const LATEST: u32 = MIGRATIONS.len() as u32;
