//! The recycle bin, copies of articles and reading images back, on the
//! shared library: the same behaviour as the local `store/trash.rs` and
//! `store/assets.rs`.

use chrono::{DateTime, Utc};

use super::articles::{SUMMARY_COLUMNS, insert, load, parse_ts, summary_from_row};
use super::bulletins::{leave_issues, with_article};
use super::{Shared, err};
use crate::doc::Derived;
use crate::model::{ArticleId, Asset, RevisionReason, Status};
use crate::store::TrashedArticle;
use crate::store::trash::in_bulletins;
use crate::store::{Result, StoreError, ts};

impl Shared {
    /// Moves an article to the recycle bin; one that issues print is taken
    /// out of them first (`leave_bulletins`) or refused. An issue of another
    /// unit (the district's) that prints it is not visible here, but the
    /// database counts it and refuses.
    pub(crate) fn trash(
        &self,
        id: ArticleId,
        leave_bulletins: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            load(tx, id, true)?;
            let issues = with_article(tx, id)?;
            if !issues.is_empty() {
                if !leave_bulletins {
                    return Err(in_bulletins(id, &issues));
                }
                leave_issues(tx, id, now)?;
            }
            tx.execute(
                "UPDATE articles SET deleted_at = $2 WHERE id = $1",
                &[&id, &ts(now)],
            )
            .map_err(|e| match e.code() {
                Some(c) if c.code() == "BT001" => StoreError::ArticleInBulletins {
                    id,
                    issues: "bản tin của đơn vị khác (ví dụ bản tin của huyện)".into(),
                },
                _ => err(e),
            })?;
            Ok(())
        })
    }

    pub(crate) fn list_trash(&self) -> Result<Vec<TrashedArticle>> {
        self.read(|c| {
            c.query(
                &format!(
                    "SELECT {SUMMARY_COLUMNS}, deleted_at FROM articles \
                     WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC"
                ),
                &[],
            )
            .map_err(err)?
            .iter()
            .map(|r| {
                Ok(TrashedArticle {
                    article: summary_from_row(r)?,
                    deleted_at: parse_ts(r.get(9))?,
                })
            })
            .collect()
        })
    }

    pub(crate) fn restore_from_trash(&self, id: ArticleId) -> Result<()> {
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE articles SET deleted_at = NULL WHERE id = $1 AND deleted_at IS NOT NULL",
                    &[&id],
                )
                .map_err(err)?;
            if n == 0 {
                return Err(StoreError::NotInTrash(id));
            }
            Ok(())
        })
    }

    pub(crate) fn duplicate(&self, id: ArticleId, now: DateTime<Utc>) -> Result<ArticleId> {
        self.write(|tx| {
            let mut content = load(tx, id, false)?.content;
            content.title = format!("{} (bản sao)", content.title.trim());
            content.status = Status::Draft;
            // Same text, so the same derived facts: copied from the original's row.
            let row = tx
                .query_one(
                    "SELECT body_text, word_count FROM articles WHERE id = $1",
                    &[&id],
                )
                .map_err(err)?;
            let d = Derived {
                body_text: row.get(0),
                word_count: row.get::<_, i64>(1).max(0) as usize,
            };
            insert(tx, &content, &d, RevisionReason::Create, now)
        })
    }

    pub(crate) fn asset(&self, sha256: &str) -> Result<Asset> {
        self.read(|c| {
            c.query_opt(
                "SELECT sha256, mime, size, original_name FROM assets WHERE sha256 = $1 LIMIT 1",
                &[&sha256],
            )
            .map_err(err)?
            .map(|r| Asset {
                sha256: r.get(0),
                mime: r.get(1),
                size: r.get::<_, i64>(2).max(0) as usize,
                original_name: r.get(3),
            })
            .ok_or_else(|| StoreError::AssetNotFound(sha256.to_string()))
        })
    }

    pub(crate) fn asset_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        self.read(|c| {
            c.query_opt(
                "SELECT bytes FROM assets WHERE sha256 = $1 LIMIT 1",
                &[&sha256],
            )
            .map_err(err)?
            .map(|r| r.get(0))
            .ok_or_else(|| StoreError::AssetNotFound(sha256.to_string()))
        })
    }

    pub(crate) fn count_assets(&self) -> Result<usize> {
        self.read(|c| {
            let n: i64 = c
                .query_one("SELECT count(*) FROM assets", &[])
                .map_err(err)?
                .get(0);
            Ok(n as usize)
        })
    }
}
