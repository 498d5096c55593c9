//! Bulletin issues on the shared library: reading and writing them. What an
//! edit of an issue's article order means (add, remove, move, replace) is
//! decided once, in `store/bulletins.rs`, for both backends; here the order
//! is read, handed over, and written back as 1..n in the same transaction.
//!
//! Each unit has its own issues (row-level security). An issue may gather
//! every article its unit can see: a district reviewer's issue takes the
//! approved articles of its communes.

use chrono::{DateTime, NaiveDate, Utc};
use postgres::{GenericClient, Row, Transaction};

use super::articles::parse_ts;
use super::{Shared, err};
use crate::model::{ArticleId, Bulletin, BulletinId, BulletinSummary, PaperSize};
use crate::store::articles::json;
use crate::store::{Result, StoreError, ts};

const SUMMARY: &str = "SELECT b.id, b.name, b.number, b.date, b.period, b.updated_at,
        (SELECT count(*) FROM bulletin_articles WHERE bulletin_id = b.id)
    FROM bulletins b";

impl Shared {
    pub(crate) fn create_bulletin(
        &self,
        name: &str,
        number: &str,
        date: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<BulletinId> {
        self.write(|tx| {
            Ok(tx
                .query_one(
                    "INSERT INTO bulletins (name, number, date, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $4) RETURNING id",
                    &[&name, &number, &date.map(|d| d.to_string()), &ts(now)],
                )
                .map_err(err)?
                .get(0))
        })
    }

    pub(crate) fn bulletin(&self, id: BulletinId) -> Result<Bulletin> {
        self.read(|c| {
            let row = c
                .query_opt(
                    "SELECT id, name, number, date, period, publisher, internal, paper, columns,
                            licensed, fields, created_at, updated_at
                     FROM bulletins WHERE id = $1",
                    &[&id],
                )
                .map_err(err)?
                .ok_or(StoreError::BulletinNotFound(id))?;
            let mut b = bulletin_from_row(&row)?;
            b.articles = article_order(c, id)?;
            Ok(b)
        })
    }

    pub(crate) fn list_bulletins(&self) -> Result<Vec<BulletinSummary>> {
        self.read(|c| {
            c.query(
                &format!("{SUMMARY} ORDER BY coalesce(b.date, '') DESC, b.id DESC"),
                &[],
            )
            .map_err(err)?
            .iter()
            .map(summary_from_row)
            .collect()
        })
    }

    pub(crate) fn bulletins_with_article(
        &self,
        article: ArticleId,
    ) -> Result<Vec<BulletinSummary>> {
        self.read(|c| with_article(c, article))
    }

    /// Writes an issue's settings, already checked and normalised by the caller.
    pub(crate) fn update_bulletin(&self, b: &Bulletin, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE bulletins SET name = $2, number = $3, date = $4, period = $5,
                            publisher = $6, internal = $7, paper = $8, columns = $9,
                            licensed = $10, fields = $11, updated_at = $12
                     WHERE id = $1",
                    &[
                        &b.id,
                        &b.name,
                        &b.number,
                        &b.date.map(|d| d.to_string()),
                        &b.period,
                        &b.publisher,
                        &b.internal,
                        &b.paper.code(),
                        &(b.columns as i16),
                        &b.licensed,
                        &json(&b.fields),
                        &ts(now),
                    ],
                )
                .map_err(err)?;
            if n == 0 {
                return Err(StoreError::BulletinNotFound(b.id));
            }
            Ok(())
        })
    }

    /// Deletes an issue (its articles stay in the library).
    pub(crate) fn delete_bulletin(&self, id: BulletinId) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .execute("DELETE FROM bulletins WHERE id = $1", &[&id])
                .map_err(err)?;
            if n == 0 {
                return Err(StoreError::BulletinNotFound(id));
            }
            Ok(())
        })
    }

    pub(crate) fn change_order(
        &self,
        id: BulletinId,
        now: DateTime<Utc>,
        f: impl FnOnce(&dyn Fn(ArticleId) -> Result<()>, &mut Vec<ArticleId>) -> Result<()>,
    ) -> Result<()> {
        self.write(|tx| {
            // Locks the issue, so two windows' changes follow one another.
            tx.query_opt("SELECT 1 FROM bulletins WHERE id = $1 FOR UPDATE", &[&id])
                .map_err(err)?
                .ok_or(StoreError::BulletinNotFound(id))?;
            let mut order = article_order(tx, id)?;
            {
                // `live` is a shared borrow; the queries it runs need the
                // transaction, so it borrows it through a RefCell.
                let cell = std::cell::RefCell::new(&mut *tx);
                let live = |a: ArticleId| live_article(&mut cell.borrow_mut(), a);
                f(&live, &mut order)?;
            }
            write_order(tx, id, &order, now)
        })
    }
}

/// Takes article `id` out of every issue of this unit that prints it.
pub(super) fn leave_issues(tx: &mut Transaction, id: ArticleId, now: DateTime<Utc>) -> Result<()> {
    let issues: Vec<BulletinId> = tx
        .query(
            "SELECT bulletin_id FROM bulletin_articles WHERE article_id = $1",
            &[&id],
        )
        .map_err(err)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for b in issues {
        let mut order = article_order(tx, b)?;
        order.retain(|&a| a != id);
        write_order(tx, b, &order, now)?;
    }
    Ok(())
}

/// That article `id` is one this account can see, not in the recycle bin.
fn live_article(c: &mut Transaction, id: ArticleId) -> Result<()> {
    c.query_opt(
        "SELECT 1 FROM articles WHERE id = $1 AND deleted_at IS NULL",
        &[&id],
    )
    .map_err(err)?
    .map(|_| ())
    .ok_or(StoreError::ArticleNotFound(id))
}

fn article_order(c: &mut impl GenericClient, id: BulletinId) -> Result<Vec<ArticleId>> {
    Ok(c.query(
        "SELECT article_id FROM bulletin_articles WHERE bulletin_id = $1 ORDER BY position",
        &[&id],
    )
    .map_err(err)?
    .iter()
    .map(|r| r.get(0))
    .collect())
}

fn write_order(
    tx: &mut Transaction,
    id: BulletinId,
    order: &[ArticleId],
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "DELETE FROM bulletin_articles WHERE bulletin_id = $1",
        &[&id],
    )
    .map_err(err)?;
    let positions: Vec<i32> = (1..=order.len() as i32).collect();
    tx.execute(
        "INSERT INTO bulletin_articles (bulletin_id, article_id, position)
         SELECT $1, a, p FROM unnest($2::bigint[], $3::int[]) AS t (a, p)",
        &[&id, &order, &positions],
    )
    .map_err(err)?;
    tx.execute(
        "UPDATE bulletins SET updated_at = $2 WHERE id = $1",
        &[&id, &ts(now)],
    )
    .map_err(err)?;
    Ok(())
}

pub(super) fn with_article(
    c: &mut impl GenericClient,
    article: ArticleId,
) -> Result<Vec<BulletinSummary>> {
    c.query(
        &format!(
            "{SUMMARY} JOIN bulletin_articles ba ON ba.bulletin_id = b.id
             WHERE ba.article_id = $1 ORDER BY b.id"
        ),
        &[&article],
    )
    .map_err(err)?
    .iter()
    .map(summary_from_row)
    .collect()
}

fn date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        s.parse::<NaiveDate>().map_err(|e| StoreError::BadData {
            what: "ngày của bản tin".into(),
            detail: e.to_string(),
        })
    })
    .transpose()
}

fn bulletin_from_row(r: &Row) -> Result<Bulletin> {
    Ok(Bulletin {
        id: r.get(0),
        name: r.get(1),
        number: r.get(2),
        date: date(r.get(3))?,
        period: r.get(4),
        publisher: r.get(5),
        internal: r.get(6),
        paper: PaperSize::parse(r.get(7)).unwrap_or_default(),
        columns: r.get::<_, i16>(8) as u8,
        licensed: r.get(9),
        fields: serde_json::from_str(r.get(10)).map_err(|e| StoreError::BadData {
            what: "thông tin bản tin".into(),
            detail: e.to_string(),
        })?,
        articles: Vec::new(),
        created_at: parse_ts(r.get(11))?,
        updated_at: parse_ts(r.get(12))?,
    })
}

fn summary_from_row(r: &Row) -> Result<BulletinSummary> {
    Ok(BulletinSummary {
        id: r.get(0),
        name: r.get(1),
        number: r.get(2),
        date: date(r.get(3))?,
        period: r.get(4),
        updated_at: parse_ts(r.get(5))?,
        articles: r.get::<_, i64>(6) as usize,
    })
}
