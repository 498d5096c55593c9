//! Articles, their revisions and images on the shared library. The same
//! shape as the local `store/articles.rs`: `articles` holds the current
//! state, `revisions` every state as a JSON snapshot of `Content`, each
//! write is one transaction.
//!
//! Two people saving the same article at once: the article row is locked
//! (`FOR UPDATE`) while its next number is taken, so the second save waits
//! and becomes the next revision; neither is lost. A revision carries a uuid:
//! sent again (a retry after a cut network), it is found and not written
//! twice.

use chrono::{DateTime, NaiveDate, Utc};
use postgres::types::ToSql;
use postgres::{GenericClient, Row, Transaction};

use super::{Shared, err};
use crate::doc::Derived;
use crate::model::{
    Article, ArticleId, ArticleSummary, Content, Kind, Revision, RevisionInfo, RevisionReason,
    Status,
};
use crate::store::articles::json;
use crate::store::assets::{NewAsset, sha256_hex};
use crate::store::{Result, StoreError, ts};

const ARTICLE_COLUMNS: &str = "id, title, summary, author, category, tags, kind, status, date, \
     body, extra, created_at, updated_at, revision, word_count";
pub(super) const SUMMARY_COLUMNS: &str =
    "id, title, kind, status, category, date, updated_at, revision, word_count";
const REVISION_COLUMNS: &str = "article_id, number, created_at, reason, restored_from, content";

impl Shared {
    pub(crate) fn insert(
        &self,
        articles: &[(Content, Derived)],
        assets: &[&NewAsset],
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleId>> {
        self.write(|tx| {
            for a in assets {
                put_asset(tx, a, now)?;
            }
            articles
                .iter()
                .map(|(c, d)| insert(tx, c, d, reason, now))
                .collect()
        })
    }

    /// Writes `content` as the next revision of article `id`, under the
    /// revision id `uuid`. `None` when nothing changed. A revision already
    /// stored under `uuid` is not written again: its number is returned.
    pub(crate) fn save(
        &self,
        id: ArticleId,
        uuid: &str,
        content: &Content,
        derived: &Derived,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>> {
        self.write(|tx| {
            let current = load(tx, id, true)?;
            if let Some(number) = stored(tx, uuid)? {
                return Ok(Some(number));
            }
            if current.content == *content {
                return Ok(None);
            }
            update(tx, id, uuid, content, derived, reason, None, now).map(Some)
        })
    }

    pub(crate) fn restore(
        &self,
        id: ArticleId,
        number: u32,
        derive: &dyn Fn(&Content) -> Derived,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        self.write(|tx| {
            load(tx, id, true)?;
            let old = load_revision(tx, id, number)?;
            let derived = derive(&old.content);
            let uuid = uuid::Uuid::new_v4().to_string();
            update(
                tx,
                id,
                &uuid,
                &old.content,
                &derived,
                RevisionReason::Restore,
                Some(number),
                now,
            )
        })
    }

    pub(crate) fn put_asset(&self, asset: &NewAsset, now: DateTime<Utc>) -> Result<String> {
        self.write(|tx| put_asset(tx, asset, now))
    }

    pub(crate) fn article(&self, id: ArticleId) -> Result<Article> {
        self.read(|c| load(c, id, false))
    }

    pub(crate) fn list(&self) -> Result<Vec<ArticleSummary>> {
        self.read(|c| {
            c.query(
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM articles WHERE deleted_at IS NULL \
                     ORDER BY updated_at DESC, id DESC"
                ),
                &[],
            )
            .map_err(err)?
            .iter()
            .map(summary_from_row)
            .collect()
        })
    }

    pub(crate) fn count(&self) -> Result<usize> {
        self.read(|c| {
            let n: i64 = c
                .query_one(
                    "SELECT count(*) FROM articles WHERE deleted_at IS NULL",
                    &[],
                )
                .map_err(err)?
                .get(0);
            Ok(n as usize)
        })
    }

    pub(crate) fn history(&self, id: ArticleId) -> Result<Vec<RevisionInfo>> {
        self.read(|c| {
            load(c, id, false)?;
            c.query(
                &format!(
                    "SELECT {REVISION_COLUMNS} FROM revisions WHERE article_id = $1 ORDER BY number"
                ),
                &[&id],
            )
            .map_err(err)?
            .iter()
            .map(|r| revision_from_row(r).map(|r| r.info))
            .collect()
        })
    }

    pub(crate) fn revision(&self, id: ArticleId, number: u32) -> Result<Revision> {
        self.read(|c| {
            load(c, id, false)?;
            load_revision(c, id, number)
        })
    }

    /// The number of article `id`'s revision with id `uuid`, if stored.
    pub(crate) fn revision_with_id(&self, id: ArticleId, uuid: &str) -> Result<Option<u32>> {
        self.read(|c| {
            Ok(c.query_opt(
                "SELECT number FROM revisions WHERE article_id = $1 AND uuid = $2",
                &[&id, &uuid],
            )
            .map_err(err)?
            .map(|r| r.get::<_, i32>(0) as u32))
        })
    }
}

/// The columns an insert and an update both write, in the order of their
/// parameters `$1`…`$16` (`updated_at` is `$13`).
const WRITTEN: &str = "title, summary, author, category, tags, kind, status, date, body, \
     body_text, extra, word_count, updated_at, search_head, search_all, search_title";

/// The values of `WRITTEN` for one article, owned so that a statement can
/// borrow them as its parameters.
struct Written<'a> {
    c: &'a Content,
    d: &'a Derived,
    tags: String,
    kind: &'static str,
    status: &'static str,
    date: Option<String>,
    extra: String,
    word_count: i64,
    now: String,
    head: String,
    all: String,
    title: String,
}

impl<'a> Written<'a> {
    fn new(c: &'a Content, d: &'a Derived, now: DateTime<Utc>) -> Self {
        let (head, all, title) = search_words(c, &d.body_text);
        Written {
            c,
            d,
            tags: json(&c.tags),
            kind: c.kind.code(),
            status: c.status.code(),
            date: c.date.map(|d| d.to_string()),
            extra: json(&c.extra),
            word_count: d.word_count as i64,
            now: ts(now),
            head,
            all,
            title,
        }
    }

    /// `$1`…`$16`, then whatever the statement adds after them.
    fn params<'s>(&'s self, more: &[&'s (dyn ToSql + Sync)]) -> Vec<&'s (dyn ToSql + Sync)> {
        let mut p: Vec<&(dyn ToSql + Sync)> = vec![
            &self.c.title,
            &self.c.summary,
            &self.c.author,
            &self.c.category,
            &self.tags,
            &self.kind,
            &self.status,
            &self.date,
            &self.c.body,
            &self.d.body_text,
            &self.extra,
            &self.word_count,
            &self.now,
            &self.head,
            &self.all,
            &self.title,
        ];
        p.extend_from_slice(more);
        p
    }
}

/// A new article's row, at `revision` (its revisions are written apart).
pub(super) fn insert_row(
    tx: &mut Transaction,
    c: &Content,
    d: &Derived,
    revision: u32,
    created_at: DateTime<Utc>,
) -> Result<ArticleId> {
    let w = Written::new(c, d, created_at);
    let row = tx
        .query_one(
            &format!(
                "INSERT INTO articles ({WRITTEN}, created_at, revision)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $13, $17)
                 RETURNING id"
            ),
            &w.params(&[&(revision as i32)]),
        )
        .map_err(err)?;
    Ok(row.get(0))
}

/// An article's row set to `c` at `revision` (its revisions are written apart).
pub(super) fn set_row(
    tx: &mut Transaction,
    id: ArticleId,
    c: &Content,
    d: &Derived,
    revision: u32,
    updated_at: DateTime<Utc>,
) -> Result<()> {
    let w = Written::new(c, d, updated_at);
    tx.execute(
        &format!(
            "UPDATE articles SET ({WRITTEN}, revision) =
                 ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             WHERE id = $18"
        ),
        &w.params(&[&(revision as i32), &id]),
    )
    .map_err(err)?;
    Ok(())
}

pub(super) fn insert(
    tx: &mut Transaction,
    c: &Content,
    d: &Derived,
    reason: RevisionReason,
    now: DateTime<Utc>,
) -> Result<ArticleId> {
    let id = insert_row(tx, c, d, 1, now)?;
    let uuid = uuid::Uuid::new_v4().to_string();
    append_revision(tx, id, &uuid, 1, c, reason, None, now)?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn update(
    tx: &mut Transaction,
    id: ArticleId,
    uuid: &str,
    c: &Content,
    d: &Derived,
    reason: RevisionReason,
    restored_from: Option<u32>,
    now: DateTime<Utc>,
) -> Result<u32> {
    let w = Written::new(c, d, now);
    let row = tx
        .query_one(
            &format!(
                "UPDATE articles SET ({WRITTEN}, revision) =
                     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, revision + 1)
                 WHERE id = $17 RETURNING revision"
            ),
            &w.params(&[&id]),
        )
        .map_err(err)?;
    let number = row.get::<_, i32>(0) as u32;
    append_revision(tx, id, uuid, number, c, reason, restored_from, now)?;
    Ok(number)
}

#[allow(clippy::too_many_arguments)]
fn append_revision(
    tx: &mut Transaction,
    id: ArticleId,
    uuid: &str,
    number: u32,
    c: &Content,
    reason: RevisionReason,
    restored_from: Option<u32>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO revisions (uuid, article_id, number, created_at, reason, restored_from, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uuid) DO NOTHING",
        &[
            &uuid,
            &id,
            &(number as i32),
            &ts(now),
            &reason.code(),
            &restored_from.map(|n| n as i32),
            &json(c),
        ],
    )
    .map_err(err)?;
    Ok(())
}

/// The number of the revision stored under `uuid`, if it is there.
pub(super) fn stored(tx: &mut Transaction, uuid: &str) -> Result<Option<u32>> {
    Ok(tx
        .query_opt("SELECT number FROM revisions WHERE uuid = $1", &[&uuid])
        .map_err(err)?
        .map(|r| r.get::<_, i32>(0) as u32))
}

pub(super) fn put_asset(tx: &mut Transaction, a: &NewAsset, now: DateTime<Utc>) -> Result<String> {
    let sha = sha256_hex(&a.bytes);
    tx.execute(
        "INSERT INTO assets (sha256, mime, size, original_name, created_at, bytes)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        &[
            &sha,
            &a.mime,
            &(a.bytes.len() as i64),
            &a.original_name,
            &ts(now),
            &a.bytes,
        ],
    )
    .map_err(err)?;
    Ok(sha)
}

/// The folded words of an article for search: its short fields, those with
/// the body, and its title alone. Space-separated with a space at each end,
/// so a whole word is `% word %` and a word's start is `% wo%`
/// (store/pg/search.rs).
pub(super) fn search_words(c: &Content, body_text: &str) -> (String, String, String) {
    let head = crate::text::search_terms(&format!(
        "{}\n{}\n{}\n{}",
        c.title,
        c.summary,
        c.author,
        c.tags.join(" ")
    ));
    let body = crate::text::search_terms(body_text);
    let spaced = |words: &[String]| format!(" {} ", words.join(" "));
    // Each word once: `LIKE` has less to read, and finds the same.
    let mut seen = std::collections::HashSet::new();
    let all: Vec<String> = head
        .iter()
        .chain(&body)
        .filter(|w| seen.insert(w.as_str()))
        .cloned()
        .collect();
    (spaced(&head), spaced(&all), title_words(&c.title))
}

/// The folded words of a title, spaced like `search_words`.
pub(super) fn title_words(title: &str) -> String {
    format!(" {} ", crate::text::search_terms(title).join(" "))
}

pub(super) fn load(c: &mut impl GenericClient, id: ArticleId, lock: bool) -> Result<Article> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1 AND deleted_at IS NULL{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    let row = c.query_opt(&sql, &[&id]).map_err(err)?;
    row.as_ref()
        .map(article_from_row)
        .transpose()?
        .ok_or(StoreError::ArticleNotFound(id))
}

pub(super) fn load_revision(
    c: &mut impl GenericClient,
    id: ArticleId,
    number: u32,
) -> Result<Revision> {
    let row = c
        .query_opt(
            &format!(
                "SELECT {REVISION_COLUMNS} FROM revisions WHERE article_id = $1 AND number = $2"
            ),
            &[&id, &(number as i32)],
        )
        .map_err(err)?;
    row.as_ref()
        .map(revision_from_row)
        .transpose()?
        .ok_or(StoreError::RevisionNotFound { id, number })
}

fn bad(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::BadData {
        what: what.into(),
        detail: detail.to_string(),
    }
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| bad(what, e))
}

pub(super) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad("thời điểm", e))
}

fn kind(s: &str) -> Result<Kind> {
    Kind::parse(s).ok_or_else(|| bad("loại bài", s))
}

fn status(s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| bad("trạng thái", s))
}

fn date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| s.parse::<NaiveDate>().map_err(|e| bad("ngày", e)))
        .transpose()
}

fn article_from_row(r: &Row) -> Result<Article> {
    Ok(Article {
        id: r.get(0),
        content: Content {
            title: r.get(1),
            summary: r.get(2),
            author: r.get(3),
            category: r.get(4),
            tags: from_json("thẻ", r.get(5))?,
            kind: kind(r.get(6))?,
            status: status(r.get(7))?,
            date: date(r.get(8))?,
            body: r.get(9),
            extra: from_json("thông tin thêm", r.get(10))?,
        },
        created_at: parse_ts(r.get(11))?,
        updated_at: parse_ts(r.get(12))?,
        revision: r.get::<_, i32>(13) as u32,
        word_count: r.get::<_, i64>(14) as usize,
    })
}

pub(super) fn summary_from_row(r: &Row) -> Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0),
        title: r.get(1),
        kind: kind(r.get(2))?,
        status: status(r.get(3))?,
        category: r.get(4),
        date: date(r.get(5))?,
        updated_at: parse_ts(r.get(6))?,
        revision: r.get::<_, i32>(7) as u32,
        word_count: r.get::<_, i64>(8) as usize,
    })
}

fn revision_from_row(r: &Row) -> Result<Revision> {
    let content: Content = from_json("phiên bản", r.get(5))?;
    let reason: &str = r.get(3);
    Ok(Revision {
        info: RevisionInfo {
            article_id: r.get(0),
            number: r.get::<_, i32>(1) as u32,
            created_at: parse_ts(r.get(2))?,
            reason: RevisionReason::parse(reason).ok_or_else(|| bad("lý do", reason))?,
            restored_from: r.get::<_, Option<i32>>(4).map(|n| n as u32),
            title: content.title.clone(),
            size: content.body.len(),
        },
        content,
    })
}
