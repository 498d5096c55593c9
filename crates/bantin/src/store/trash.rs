//! The recycle bin (Thùng rác) and copies of articles.
//!
//! Deleting an article only marks it (`deleted_at`): it leaves the list and
//! the search index, and every revision stays, so it can be brought back
//! whole. An article that a bulletin prints is not deleted behind the
//! bulletin's back: the caller either takes it out of those issues in the
//! same transaction or gets `ArticleInBulletins` (the schema refuses too).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::{insert, load, summary_from_row};
use super::{Library, Result, StoreError, parse_ts, search, ts};
use crate::doc::Derived;
use crate::model::{ArticleId, ArticleSummary, BulletinSummary, Content, RevisionReason, Status};

/// An article in the recycle bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrashedArticle {
    #[serde(flatten)]
    pub article: ArticleSummary,
    pub deleted_at: DateTime<Utc>,
}

impl Library {
    /// Moves an article to the recycle bin. With `leave_bulletins` it is
    /// first taken out of every issue that prints it; without, such an
    /// article is refused with the names of those issues.
    pub fn trash_article(
        &self,
        id: ArticleId,
        leave_bulletins: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some(shared) = self.shared() {
            return shared.trash(id, leave_bulletins, now);
        }
        self.try_write(|tx| {
            load(tx, id)?;
            let issues = super::bulletins::with_article(tx, id).map_err(|e| self.err(e))?;
            if !issues.is_empty() {
                if !leave_bulletins {
                    return Err(in_bulletins(id, &issues));
                }
                leave_issues(tx, id, now).map_err(|e| self.err(e))?;
            }
            tx.execute(
                "UPDATE articles SET deleted_at = ?2 WHERE id = ?1",
                params![id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
            search::unindex(tx, id).map_err(|e| self.err(e))?;
            Ok(())
        })
    }

    /// What is in the recycle bin, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashedArticle>> {
        if let Some(shared) = self.shared() {
            return shared.list_trash();
        }
        let mut stmt = self
            .conn()?
            .prepare_cached(
                "SELECT id, title, kind, status, category, date, updated_at, revision, word_count,
                        deleted_at
                 FROM articles WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TrashedArticle {
                    article: summary_from_row(r)?,
                    deleted_at: parse_ts(&r.get::<_, String>(9)?)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Brings an article back from the recycle bin, searchable again.
    pub fn restore_from_trash(&self, id: ArticleId) -> Result<()> {
        if let Some(shared) = self.shared() {
            return shared.restore_from_trash(id);
        }
        self.try_write(|tx| {
            let found: Option<String> = tx
                .query_row(
                    "SELECT revisions.content FROM articles JOIN revisions
                       ON revisions.article_id = articles.id AND revisions.number = articles.revision
                     WHERE articles.id = ?1 AND articles.deleted_at IS NOT NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.err(e))?;
            let content: Content = match found {
                Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::BadData {
                    what: format!("bài viết số {id}"),
                    detail: e.to_string(),
                })?,
                None => return Err(StoreError::NotInTrash(id)),
            };
            tx.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?1", [id])
                .map_err(|e| self.err(e))?;
            // The plain text derived when it was saved is still in its row.
            let body_text: String = tx
                .query_row("SELECT body_text FROM articles WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .map_err(|e| self.err(e))?;
            search::index(tx, id, &content, &body_text).map_err(|e| self.err(e))?;
            Ok(())
        })
    }

    /// A new article with the same content as `id`, titled "… (bản sao)"
    /// and back to draft; its history starts afresh.
    pub fn duplicate_article(&self, id: ArticleId, now: DateTime<Utc>) -> Result<ArticleId> {
        if let Some(shared) = self.shared() {
            return shared.duplicate(id, now);
        }
        let mut content = self.article(id)?.content;
        content.title = format!("{} (bản sao)", content.title.trim());
        content.status = Status::Draft;
        // Same text, so the same derived facts: copied from the original's row.
        let d = self
            .conn()?
            .query_row(
                "SELECT body_text, word_count FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok(Derived {
                        body_text: r.get(0)?,
                        word_count: r.get::<_, i64>(1)?.max(0) as usize,
                    })
                },
            )
            .map_err(|e| self.err(e))?;
        self.write(|tx| insert(tx, &content, &d, RevisionReason::Create, now))
    }
}

/// The refusal to delete an article that `issues` print.
pub(super) fn in_bulletins(id: ArticleId, issues: &[BulletinSummary]) -> StoreError {
    let names: Vec<String> = issues
        .iter()
        .map(|b| format!("\"{} số {}\" (mã {})", b.name, b.number, b.id))
        .collect();
    StoreError::ArticleInBulletins {
        id,
        issues: format!("bản tin {}", names.join(", ")),
    }
}

fn leave_issues(
    tx: &rusqlite::Transaction,
    id: ArticleId,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE bulletins SET updated_at = ?2
         WHERE id IN (SELECT bulletin_id FROM bulletin_articles WHERE article_id = ?1)",
        params![id, ts(now)],
    )?;
    tx.execute("DELETE FROM bulletin_articles WHERE article_id = ?1", [id])?;
    // Close the gap in each issue's positions.
    tx.execute_batch(
        "UPDATE bulletin_articles SET position = (
             SELECT count(*) FROM bulletin_articles b2
             WHERE b2.bulletin_id = bulletin_articles.bulletin_id
               AND b2.position <= bulletin_articles.position)",
    )?;
    Ok(())
}
