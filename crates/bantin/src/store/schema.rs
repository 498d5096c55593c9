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
    // v3: a revision, once written, cannot be written again under the same
    // key. `INSERT OR REPLACE`, `REPLACE INTO` and an upsert all pass
    // through BEFORE INSERT, before any conflict is resolved; the v1 triggers
    // guard UPDATE and DELETE only, and REPLACE deletes without firing DELETE
    // triggers unless `recursive_triggers` is on (it is, see `Library::open`).
    r#"
    CREATE TRIGGER revisions_insert_new BEFORE INSERT ON revisions
    WHEN EXISTS (SELECT 1 FROM revisions
                 WHERE article_id = NEW.article_id AND number = NEW.number)
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    "#,
    // v4: the office's own templates (Mẫu trình bày), versioned like
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
    CREATE TRIGGER templates_no_delete BEFORE DELETE ON templates
    BEGIN SELECT RAISE(ABORT, 'template revisions are append-only'); END;
    CREATE TRIGGER templates_insert_new BEFORE INSERT ON templates
    WHEN EXISTS (SELECT 1 FROM templates
                 WHERE name = NEW.name AND revision = NEW.revision)
    BEGIN SELECT RAISE(ABORT, 'template revisions are append-only'); END;
    "#,
    // v5: "Vẫn xuất" — an editor exported although the checks found lỗi.
    // Kept beside the revision (or the issue) it was about, never by
    // changing a revision; rows are append-only too. No foreign keys: the
    // record outlives an issue deleted or an article purged from the bin.
    r#"
    CREATE TABLE export_choices (
        id          INTEGER PRIMARY KEY,
        article_id  INTEGER,
        revision    INTEGER,
        bulletin_id INTEGER,
        what        TEXT NOT NULL,
        findings    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        CHECK ((article_id IS NULL) <> (bulletin_id IS NULL))
    );
    CREATE INDEX export_choices_article ON export_choices (article_id, revision);
    CREATE TRIGGER export_choices_append_only BEFORE UPDATE ON export_choices
    BEGIN SELECT RAISE(ABORT, 'export choices are append-only'); END;
    "#,
    // v6 "revision uuids": every revision gets an id of its own, made once,
    // so that copying it to a shared library (Chuyển bài lên thư viện chung)
    // twice stores it once (DESIGN §9). Revisions already written get a random
    // one here: the append-only trigger is lifted for this one UPDATE inside
    // the migration's transaction and put back word for word.
    r#"
    ALTER TABLE revisions ADD COLUMN uuid TEXT;
    DROP TRIGGER revisions_append_only;
    UPDATE revisions SET uuid =
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
        substr(lower(hex(randomblob(2))), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) ||
        '-' || lower(hex(randomblob(6)));
    CREATE TRIGGER revisions_append_only BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    CREATE UNIQUE INDEX revisions_uuid ON revisions (uuid);
    "#,
    // v7: two saves that crossed (two programs saved the same revision) are
    // both kept; the article remembers that it waits for a merge: the
    // revision both started from and the one the newer replaced.
    r#"
    ALTER TABLE articles ADD COLUMN merge_base INTEGER;
    ALTER TABLE articles ADD COLUMN merge_other INTEGER;
    "#,
    // v8: `head_index` (v1) was never written: search counts the words of
    // the short fields with column filters on `search_index`
    // (store/search.rs). An empty index that looks in use misleads whoever
    // reads the schema or trusts it; it goes.
    r#"
    DROP TABLE head_index;
    "#,
];

/// The version a library has once every step here has run.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// How a library file's schema differs from what `version` steps create:
/// a missing, changed or extra table, index or trigger, one line each.
/// Empty when the file is what it claims to be. A file edited with another
/// program (a trigger dropped, a column added) is not a Bản Tin library.
///
/// The search indexes' own tables (`search_index_data`, …) are left out:
/// SQLite builds them, and their shape depends on its version.
pub fn differences(conn: &rusqlite::Connection, version: u32) -> rusqlite::Result<Vec<String>> {
    use std::collections::BTreeMap;
    let reference = rusqlite::Connection::open_in_memory()?;
    for step in MIGRATIONS.iter().take(version as usize) {
        reference.execute_batch(step)?;
    }
    let objects =
        |c: &rusqlite::Connection| -> rusqlite::Result<BTreeMap<String, (String, String)>> {
            let mut stmt = c.prepare(
            "SELECT name, type, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            rows.collect()
        };
    let want = objects(&reference)?;
    let have = objects(conn)?;
    let virtual_tables: Vec<&String> = want
        .iter()
        .filter(|(_, (_, sql))| sql.starts_with("CREATE VIRTUAL TABLE"))
        .map(|(name, _)| name)
        .collect();
    let shadow = |name: &str| {
        virtual_tables.iter().any(|vt| {
            name.len() > vt.len()
                && name.starts_with(vt.as_str())
                && name.as_bytes()[vt.len()] == b'_'
        })
    };
    let mut out = Vec::new();
    for (name, (kind, sql)) in &want {
        if shadow(name) {
            continue;
        }
        match have.get(name) {
            None => out.push(format!("thiếu {kind} {name}")),
            Some((k, s)) if k != kind || s != sql => out.push(format!("{kind} {name} khác mẫu")),
            Some(_) => {}
        }
    }
    for (name, (kind, _)) in &have {
        if !want.contains_key(name) && !shadow(name) {
            out.push(format!("thừa {kind} {name}"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(version: u32) -> rusqlite::Connection {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        for step in &MIGRATIONS[..version as usize] {
            c.execute_batch(step).unwrap();
        }
        c
    }

    #[test]
    fn a_library_matches_its_own_version() {
        for v in 1..=LATEST {
            assert_eq!(differences(&library(v), v).unwrap(), Vec::<String>::new());
        }
    }

    /// v6 "revision uuids": revisions written before get an id each, the
    /// same text as before, and stay append-only.
    #[test]
    fn revisions_written_before_v6_get_their_own_ids_and_stay_unchangeable() {
        let c = library(5);
        c.execute_batch(
            "INSERT INTO articles (id, title, kind, body, body_text, created_at, updated_at, revision)
                 VALUES (1, 't', 'tin-bai', 'b', 'b', 'x', 'x', 2);
             INSERT INTO revisions (article_id, number, created_at, reason, content)
                 VALUES (1, 1, 'x', 'create', '{}'), (1, 2, 'x', 'save', '{\"a\":1}');",
        )
        .unwrap();
        c.execute_batch(MIGRATIONS[5]).unwrap();
        let ids: Vec<(String, String)> = c
            .prepare("SELECT uuid, content FROM revisions ORDER BY number")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0].0, ids[1].0);
        assert!(
            ids.iter()
                .all(|(u, _)| u.len() == 36 && u.as_bytes()[14] == b'4'),
            "{ids:?}"
        );
        assert_eq!(ids[1].1, "{\"a\":1}");
        assert!(c.execute("UPDATE revisions SET uuid = 'x'", []).is_err());
        assert!(
            c.execute(
                "INSERT INTO revisions (article_id, number, created_at, reason, content, uuid)
                 VALUES (1, 3, 'x', 'save', '{}', ?1)",
                [&ids[0].0],
            )
            .is_err(),
            "an id is never used twice"
        );
        assert_eq!(differences(&c, 6).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_missing_trigger_an_extra_column_or_table_are_found() {
        let c = library(LATEST);
        c.execute_batch(
            "DROP TRIGGER revisions_append_only;
             ALTER TABLE articles ADD COLUMN x;
             CREATE TABLE t (y);",
        )
        .unwrap();
        let d = differences(&c, LATEST).unwrap();
        assert!(
            d.contains(&"thiếu trigger revisions_append_only".to_string()),
            "{d:?}"
        );
        assert!(d.contains(&"table articles khác mẫu".to_string()), "{d:?}");
        assert!(d.contains(&"thừa table t".to_string()), "{d:?}");
    }
}
