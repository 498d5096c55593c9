//! Articles and their revisions.
//!
//! `articles` holds the current state; `revisions` keeps every state an
//! article has had, as a JSON snapshot of `Content`. Each write below changes
//! the article, appends its revision and updates the search index in one
//! transaction.
//!
//! The store never parses Markdown: each write is handed the `Derived` facts
//! of its text (plain text for search, word count). The convenience methods
//! that take only the text (`create_article`, `save_article`,
//! `restore_revision`, `insert_with_assets`) live in `import.rs`, which
//! derives them with `markdown::derive`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::assets::NewAsset;
use super::{Library, Result, StoreError, parse_ts, search, ts};
use crate::doc::Derived;
use crate::model::{
    Article, ArticleId, ArticleSummary, Content, Kind, Revision, RevisionInfo, RevisionReason,
    Status,
};

impl Library {
    /// Adds new articles, each with its first revision, and the images they
    /// use, in one transaction. Each article comes with what was derived from
    /// its text (`markdown::derive`): the store never parses Markdown. The
    /// callers' door is `Library::insert_with_assets` (in `import.rs`).
    pub fn insert_derived(
        &self,
        articles: &[(&Content, &Derived)],
        assets: &[&NewAsset],
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleId>> {
        let cleaned: Vec<(Content, Derived)> = articles
            .iter()
            .map(|(c, d)| (super::clean::content(c), super::clean::derived(d)))
            .collect();
        if let Some(shared) = self.shared() {
            return shared.insert(&cleaned, assets, reason, now);
        }
        self.write(|tx| {
            for a in assets {
                super::assets::put(tx, a, now)?;
            }
            cleaned
                .iter()
                .map(|(c, d)| insert(tx, c, d, reason, now))
                .collect()
        })
    }

    /// Saves a new state of an article with what was derived from its text.
    /// Returns the new revision number, or `None` when nothing changed (an
    /// autosave of the same text writes nothing).
    pub fn save_derived(
        &self,
        id: ArticleId,
        content: &Content,
        derived: &Derived,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>> {
        let content = &super::clean::content(content);
        let derived = &super::clean::derived(derived);
        if let Some(shared) = self.shared() {
            let uuid = uuid::Uuid::new_v4().to_string();
            return shared.save(id, &uuid, content, derived, reason, now);
        }
        self.try_write(|tx| {
            let current = load(tx, id)?;
            if current.content == *content {
                return Ok(None);
            }
            update(tx, id, content, derived, reason, None, now)
                .map(Some)
                .map_err(|e| self.err(e))
        })
    }

    /// Brings back revision `number` by writing it as a new revision; the
    /// history keeps everything in between. `derive` gives what the store
    /// keeps about that revision's text.
    pub fn restore_revision_with(
        &self,
        id: ArticleId,
        number: u32,
        derive: &dyn Fn(&Content) -> Derived,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        if let Some(shared) = self.shared() {
            return shared.restore(id, number, derive, now);
        }
        self.try_write(|tx| {
            load(tx, id)?;
            let old = load_revision(tx, id, number)?;
            let derived = derive(&old.content);
            update(
                tx,
                id,
                &old.content,
                &derived,
                RevisionReason::Restore,
                Some(number),
                now,
            )
            .map_err(|e| self.err(e))
        })
    }

    /// Like `save_derived`, under a revision id made by the caller: sent
    /// again (a retry after a cut network), the revision is not written twice
    /// and its number is returned. Only the shared library keeps revision ids
    /// for now.
    pub fn save_derived_once(
        &self,
        id: ArticleId,
        revision_id: &str,
        content: &Content,
        derived: &Derived,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>> {
        let Some(shared) = self.shared() else {
            return Err(StoreError::BadValue {
                key: "mã phiên bản".into(),
                reason: "thư viện trong máy chưa lưu mã phiên bản; hãy lưu bình thường.".into(),
            });
        };
        let content = &super::clean::content(content);
        let derived = &super::clean::derived(derived);
        shared.save(id, revision_id, content, derived, reason, now)
    }

    pub fn article(&self, id: ArticleId) -> Result<Article> {
        if let Some(shared) = self.shared() {
            return shared.article(id);
        }
        load(self.conn()?, id).map_err(|e| match e {
            StoreError::Sqlite(e) => self.err(e),
            other => other,
        })
    }

    /// Every article not in the recycle bin, most recently changed first.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        if let Some(shared) = self.shared() {
            return shared.list();
        }
        let mut stmt = self
            .conn()?
            .prepare_cached(
                &format!("SELECT {SUMMARY_COLUMNS} FROM articles WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC"),
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], summary_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    pub fn count_articles(&self) -> Result<usize> {
        if let Some(shared) = self.shared() {
            return shared.count();
        }
        self.conn()?
            .query_row(
                "SELECT count(*) FROM articles WHERE deleted_at IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// The history of an article, oldest first.
    pub fn history(&self, id: ArticleId) -> Result<Vec<RevisionInfo>> {
        if let Some(shared) = self.shared() {
            return shared.history(id);
        }
        self.article(id)?;
        let mut stmt = self
            .conn()?
            .prepare_cached(
                "SELECT article_id, number, created_at, reason, restored_from, content
                 FROM revisions WHERE article_id = ?1 ORDER BY number",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], revision_from_row)
            .map_err(|e| self.err(e))?;
        let revs = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(revs.into_iter().map(|r| r.info).collect())
    }

    pub fn revision(&self, id: ArticleId, number: u32) -> Result<Revision> {
        if let Some(shared) = self.shared() {
            return shared.revision(id, number);
        }
        self.article(id)?;
        load_revision(self.conn()?, id, number).map_err(|e| match e {
            StoreError::Sqlite(e) => self.err(e),
            other => other,
        })
    }

    /// The number of article `id`'s revision whose id is `uuid`, if it was
    /// stored (a queued save sent). The library on this PC keeps no
    /// revision ids: `None`.
    pub fn revision_with_id(&self, id: ArticleId, uuid: &str) -> Result<Option<u32>> {
        match self.shared() {
            Some(shared) => shared.revision_with_id(id, uuid),
            None => Ok(None),
        }
    }
}

pub(super) fn insert(
    tx: &Transaction,
    c: &Content,
    d: &Derived,
    reason: RevisionReason,
    now: DateTime<Utc>,
) -> rusqlite::Result<ArticleId> {
    tx.prepare_cached(
        "INSERT INTO articles (title, summary, author, category, tags, kind, status, date, body, body_text,
                               extra, word_count, created_at, updated_at, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1)",
    )?
    .execute(params![
        c.title,
        c.summary,
        c.author,
        c.category,
        json(&c.tags),
        c.kind.code(),
        c.status.code(),
        c.date.map(|d| d.to_string()),
        c.body,
        d.body_text,
        json(&c.extra),
        d.word_count as i64,
        ts(now),
    ])?;
    let id = tx.last_insert_rowid();
    append_revision(tx, id, 1, c, reason, None, now)?;
    search::index(tx, id, c, &d.body_text)?;
    Ok(id)
}

pub(super) fn update(
    tx: &Transaction,
    id: ArticleId,
    c: &Content,
    d: &Derived,
    reason: RevisionReason,
    restored_from: Option<u32>,
    now: DateTime<Utc>,
) -> rusqlite::Result<u32> {
    let number: u32 = tx.query_row(
        "SELECT revision + 1 FROM articles WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.prepare_cached(
        "UPDATE articles SET title = ?2, summary = ?3, author = ?4, category = ?5, tags = ?6, kind = ?7,
                status = ?8, date = ?9, body = ?10, body_text = ?11, extra = ?12, word_count = ?13,
                updated_at = ?14, revision = ?15
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.title,
        c.summary,
        c.author,
        c.category,
        json(&c.tags),
        c.kind.code(),
        c.status.code(),
        c.date.map(|d| d.to_string()),
        c.body,
        d.body_text,
        json(&c.extra),
        d.word_count as i64,
        ts(now),
        number,
    ])?;
    append_revision(tx, id, number, c, reason, restored_from, now)?;
    search::unindex(tx, id)?;
    search::index(tx, id, c, &d.body_text)?;
    Ok(number)
}

fn append_revision(
    tx: &Transaction,
    id: ArticleId,
    number: u32,
    c: &Content,
    reason: RevisionReason,
    restored_from: Option<u32>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO revisions (article_id, number, created_at, reason, restored_from, content, uuid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        number,
        ts(now),
        reason.code(),
        restored_from,
        json(c),
        uuid::Uuid::new_v4().to_string()
    ])?;
    Ok(())
}

pub(super) fn load(conn: &rusqlite::Connection, id: ArticleId) -> Result<Article> {
    conn.prepare_cached(
        "SELECT id, title, summary, author, category, tags, kind, status, date, body, extra,
                created_at, updated_at, revision, word_count
         FROM articles WHERE id = ?1 AND deleted_at IS NULL",
    )
    .and_then(|mut s| s.query_row([id], article_from_row).optional())
    .map_err(StoreError::Sqlite)?
    .ok_or(StoreError::ArticleNotFound(id))
}

pub(super) fn load_revision(
    conn: &rusqlite::Connection,
    id: ArticleId,
    number: u32,
) -> Result<Revision> {
    conn.prepare_cached(
        "SELECT article_id, number, created_at, reason, restored_from, content
         FROM revisions WHERE article_id = ?1 AND number = ?2",
    )
    .and_then(|mut s| {
        s.query_row(params![id, number], revision_from_row)
            .optional()
    })
    .map_err(StoreError::Sqlite)?
    .ok_or(StoreError::RevisionNotFound { id, number })
}

pub(super) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data always serialises")
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(
    col: usize,
    s: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn bad(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        what.to_string().into(),
    )
}

fn kind_at(r: &Row, col: usize) -> rusqlite::Result<Kind> {
    Kind::parse(&r.get::<_, String>(col)?).ok_or_else(|| bad(col, "kind"))
}

fn status_at(r: &Row, col: usize) -> rusqlite::Result<Status> {
    Status::parse(&r.get::<_, String>(col)?).ok_or_else(|| bad(col, "status"))
}

pub(super) fn date_at(r: &Row, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(col)?
        .map(|s| s.parse::<NaiveDate>().map_err(|_| bad(col, "date")))
        .transpose()
}

fn article_from_row(r: &Row) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        content: Content {
            title: r.get(1)?,
            summary: r.get(2)?,
            author: r.get(3)?,
            category: r.get(4)?,
            tags: from_json(5, &r.get::<_, String>(5)?)?,
            kind: kind_at(r, 6)?,
            status: status_at(r, 7)?,
            date: date_at(r, 8)?,
            body: r.get(9)?,
            extra: from_json(10, &r.get::<_, String>(10)?)?,
        },
        created_at: parse_ts(&r.get::<_, String>(11)?)?,
        updated_at: parse_ts(&r.get::<_, String>(12)?)?,
        revision: r.get(13)?,
        word_count: r.get::<_, i64>(14)? as usize,
    })
}

pub(super) const SUMMARY_COLUMNS: &str =
    "id, title, kind, status, category, date, updated_at, revision, word_count";

pub(super) fn summary_from_row(r: &Row) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: kind_at(r, 2)?,
        status: status_at(r, 3)?,
        category: r.get(4)?,
        date: date_at(r, 5)?,
        updated_at: parse_ts(&r.get::<_, String>(6)?)?,
        revision: r.get(7)?,
        word_count: r.get::<_, i64>(8)? as usize,
    })
}

fn revision_from_row(r: &Row) -> rusqlite::Result<Revision> {
    let content: Content = from_json(5, &r.get::<_, String>(5)?)?;
    let reason = r.get::<_, String>(3)?;
    Ok(Revision {
        info: RevisionInfo {
            article_id: r.get(0)?,
            number: r.get(1)?,
            created_at: parse_ts(&r.get::<_, String>(2)?)?,
            reason: RevisionReason::parse(&reason).ok_or_else(|| bad(3, "reason"))?,
            restored_from: r.get(4)?,
            title: content.title.clone(),
            size: content.body.len(),
        },
        content,
    })
}
