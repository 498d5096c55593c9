//! Bulletin issues: their settings and the ordered articles they gather.
//!
//! The order lives in `bulletin_articles.position`. Every change of an
//! issue's article list is written as the whole new list in one
//! transaction (delete, then insert 1..n), so positions are always 1..n
//! without gaps and a failed change leaves the old order.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::articles::{date_at, from_json, json};
use super::{Library, Result, StoreError, parse_ts, ts};
use crate::model::{ArticleId, Bulletin, BulletinId, BulletinSummary, PaperSize};

/// What a new issue needs; everything else starts from sensible defaults
/// (A4, two columns, "Lưu hành nội bộ").
#[derive(Debug, Clone, PartialEq)]
pub struct NewBulletin {
    pub name: String,
    pub number: String,
    pub date: Option<NaiveDate>,
}

impl Library {
    pub fn create_bulletin(&self, new: &NewBulletin, now: DateTime<Utc>) -> Result<BulletinId> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::BadValue {
                key: "name".into(),
                reason: "bản tin cần có tên, ví dụ \"Bản tin Dân vận\".".into(),
            });
        }
        let (name, number) = (crate::text::nfc(name), crate::text::nfc(new.number.trim()));
        if let Some(shared) = self.shared() {
            return shared.create_bulletin(&name, &number, new.date, now);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO bulletins (name, number, date, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![name, number, new.date.map(|d| d.to_string()), ts(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn bulletin(&self, id: BulletinId) -> Result<Bulletin> {
        if let Some(shared) = self.shared() {
            return shared.bulletin(id);
        }
        load(self.conn()?, id).map_err(|e| self.lift(e))
    }

    /// Every issue, newest first.
    pub fn list_bulletins(&self) -> Result<Vec<BulletinSummary>> {
        if let Some(shared) = self.shared() {
            return shared.list_bulletins();
        }
        let mut stmt = self
            .conn()?
            .prepare_cached(
                "SELECT b.id, b.name, b.number, b.date, b.period, b.updated_at,
                        (SELECT count(*) FROM bulletin_articles WHERE bulletin_id = b.id)
                 FROM bulletins b ORDER BY coalesce(b.date, '') DESC, b.id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], summary_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// The issues that print an article.
    pub fn bulletins_with_article(&self, article: ArticleId) -> Result<Vec<BulletinSummary>> {
        if let Some(shared) = self.shared() {
            return shared.bulletins_with_article(article);
        }
        with_article(self.conn()?, article).map_err(|e| self.err(e))
    }

    /// Writes an issue's settings (everything but its articles, which have
    /// their own calls so two windows cannot overwrite each other's order).
    pub fn update_bulletin(&self, b: &Bulletin, now: DateTime<Utc>) -> Result<()> {
        if b.name.trim().is_empty() {
            return Err(StoreError::BadValue {
                key: "name".into(),
                reason: "bản tin cần có tên.".into(),
            });
        }
        if !(1..=2).contains(&b.columns) {
            return Err(StoreError::BadValue {
                key: "columns".into(),
                reason: "chỉ dàn được 1 hoặc 2 cột.".into(),
            });
        }
        let fields: std::collections::BTreeMap<_, _> = b
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), crate::text::nfc(v.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let b = &Bulletin {
            name: crate::text::nfc(b.name.trim()),
            number: crate::text::nfc(b.number.trim()),
            period: crate::text::nfc(b.period.trim()),
            publisher: crate::text::nfc(b.publisher.trim()),
            fields,
            ..b.clone()
        };
        if let Some(shared) = self.shared() {
            return shared.update_bulletin(b, now);
        }
        self.try_write(|tx| {
            exists(tx, b.id)?;
            tx.execute(
                "UPDATE bulletins SET name = ?2, number = ?3, date = ?4, period = ?5, publisher = ?6,
                        internal = ?7, paper = ?8, columns = ?9, licensed = ?10, fields = ?11,
                        updated_at = ?12
                 WHERE id = ?1",
                params![
                    b.id,
                    b.name,
                    b.number,
                    b.date.map(|d| d.to_string()),
                    b.period,
                    b.publisher,
                    b.internal,
                    b.paper.code(),
                    b.columns,
                    b.licensed,
                    json(&b.fields),
                    ts(now),
                ],
            )
            .map_err(|e| self.err(e))?;
            Ok(())
        })
    }

    /// Adds articles to an issue, at `at` (1-based position) or at the end.
    pub fn add_to_bulletin(
        &self,
        id: BulletinId,
        articles: &[ArticleId],
        at: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_order(id, now, |live, order| {
            let mut new = Vec::new();
            for &a in articles {
                live(a)?;
                if order.contains(&a) || new.contains(&a) {
                    return Err(StoreError::AlreadyInBulletin {
                        bulletin: id,
                        article: a,
                    });
                }
                new.push(a);
            }
            let at = at
                .map(|p| p.saturating_sub(1).min(order.len()))
                .unwrap_or(order.len());
            order.splice(at..at, new);
            Ok(())
        })
    }

    pub fn remove_from_bulletin(
        &self,
        id: BulletinId,
        articles: &[ArticleId],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_order(id, now, |_, order| {
            for &a in articles {
                let k = order
                    .iter()
                    .position(|&x| x == a)
                    .ok_or(StoreError::NotInBulletin {
                        bulletin: id,
                        article: a,
                    })?;
                order.remove(k);
            }
            Ok(())
        })
    }

    /// Moves an article to `to` (1-based; past the end means last).
    pub fn move_in_bulletin(
        &self,
        id: BulletinId,
        article: ArticleId,
        to: usize,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_order(id, now, |_, order| {
            let k = order
                .iter()
                .position(|&x| x == article)
                .ok_or(StoreError::NotInBulletin {
                    bulletin: id,
                    article,
                })?;
            order.remove(k);
            let to = to.saturating_sub(1).min(order.len());
            order.insert(to, article);
            Ok(())
        })
    }

    /// Replaces an issue's articles with `articles`, in that order (what a
    /// drag-and-drop list sends).
    pub fn set_bulletin_articles(
        &self,
        id: BulletinId,
        articles: &[ArticleId],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_order(id, now, |live, order| {
            let mut seen = Vec::new();
            for &a in articles {
                live(a)?;
                if seen.contains(&a) {
                    return Err(StoreError::AlreadyInBulletin {
                        bulletin: id,
                        article: a,
                    });
                }
                seen.push(a);
            }
            *order = seen;
            Ok(())
        })
    }

    /// Deletes an issue (its articles stay in the library).
    pub fn delete_bulletin(&self, id: BulletinId) -> Result<()> {
        if let Some(shared) = self.shared() {
            return shared.delete_bulletin(id);
        }
        self.try_write(|tx| {
            exists(tx, id)?;
            tx.execute("DELETE FROM bulletins WHERE id = ?1", [id])
                .map_err(|e| self.err(e))?;
            Ok(())
        })
    }

    /// Runs `f` on an issue's article order in one transaction and writes
    /// the result; `f` checks each article it adds with `live`. The edits
    /// are the same on both backends; only reading and writing differ.
    fn change_order(
        &self,
        id: BulletinId,
        now: DateTime<Utc>,
        f: impl FnOnce(&dyn Fn(ArticleId) -> Result<()>, &mut Vec<ArticleId>) -> Result<()>,
    ) -> Result<()> {
        if let Some(shared) = self.shared() {
            return shared.change_order(id, now, f);
        }
        self.try_write(|tx| {
            exists(tx, id)?;
            let mut order = article_order(tx, id).map_err(|e| self.err(e))?;
            f(&|a| live_article(tx, a), &mut order)?;
            write_order(tx, id, &order, now).map_err(|e| self.err(e))
        })
    }

    fn lift(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Sqlite(e) => self.err(e),
            other => other,
        }
    }
}

fn exists(tx: &Transaction, id: BulletinId) -> Result<()> {
    tx.query_row("SELECT 1 FROM bulletins WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map_err(StoreError::Sqlite)?
        .ok_or(StoreError::BulletinNotFound(id))
}

fn live_article(tx: &Transaction, id: ArticleId) -> Result<()> {
    tx.query_row(
        "SELECT 1 FROM articles WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |_| Ok(()),
    )
    .optional()
    .map_err(StoreError::Sqlite)?
    .ok_or(StoreError::ArticleNotFound(id))
}

fn article_order(conn: &rusqlite::Connection, id: BulletinId) -> rusqlite::Result<Vec<ArticleId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id FROM bulletin_articles WHERE bulletin_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    rows.collect()
}

fn write_order(
    tx: &Transaction,
    id: BulletinId,
    order: &[ArticleId],
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM bulletin_articles WHERE bulletin_id = ?1", [id])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO bulletin_articles (bulletin_id, article_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (k, a) in order.iter().enumerate() {
        ins.execute(params![id, a, (k + 1) as i64])?;
    }
    tx.execute(
        "UPDATE bulletins SET updated_at = ?2 WHERE id = ?1",
        params![id, ts(now)],
    )?;
    Ok(())
}

pub(super) fn with_article(
    conn: &rusqlite::Connection,
    article: ArticleId,
) -> rusqlite::Result<Vec<BulletinSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.name, b.number, b.date, b.period, b.updated_at,
                (SELECT count(*) FROM bulletin_articles WHERE bulletin_id = b.id)
         FROM bulletins b JOIN bulletin_articles ba ON ba.bulletin_id = b.id
         WHERE ba.article_id = ?1 ORDER BY b.id",
    )?;
    let rows = stmt.query_map([article], summary_from_row)?;
    rows.collect()
}

fn load(conn: &rusqlite::Connection, id: BulletinId) -> Result<Bulletin> {
    let mut b = conn
        .prepare_cached(
            "SELECT id, name, number, date, period, publisher, internal, paper, columns, licensed,
                    fields, created_at, updated_at
             FROM bulletins WHERE id = ?1",
        )
        .and_then(|mut s| s.query_row([id], bulletin_from_row).optional())
        .map_err(StoreError::Sqlite)?
        .ok_or(StoreError::BulletinNotFound(id))?;
    b.articles = article_order(conn, id).map_err(StoreError::Sqlite)?;
    Ok(b)
}

fn bulletin_from_row(r: &Row) -> rusqlite::Result<Bulletin> {
    let paper: String = r.get(7)?;
    Ok(Bulletin {
        id: r.get(0)?,
        name: r.get(1)?,
        number: r.get(2)?,
        date: date_at(r, 3)?,
        period: r.get(4)?,
        publisher: r.get(5)?,
        internal: r.get(6)?,
        paper: PaperSize::parse(&paper).unwrap_or_default(),
        columns: r.get(8)?,
        licensed: r.get(9)?,
        fields: from_json(10, &r.get::<_, String>(10)?)?,
        articles: Vec::new(),
        created_at: parse_ts(&r.get::<_, String>(11)?)?,
        updated_at: parse_ts(&r.get::<_, String>(12)?)?,
    })
}

fn summary_from_row(r: &Row) -> rusqlite::Result<BulletinSummary> {
    Ok(BulletinSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        number: r.get(2)?,
        date: date_at(r, 3)?,
        period: r.get(4)?,
        updated_at: parse_ts(&r.get::<_, String>(5)?)?,
        articles: r.get::<_, i64>(6)? as usize,
    })
}
