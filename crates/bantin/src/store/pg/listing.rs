//! The library list a page at a time on the shared library, narrowed by
//! the Thư viện's filters in the query itself (see `store/listing.rs`).
//! Each filter has an index that starts with it and then runs in the list's
//! order (schema v8), so the first page of a filtered list is a short range
//! of one index however few articles match; the policies' unit rule is a
//! filter on that range. Equality on text is leakproof, so row-level
//! security lets the planner use those indexes.

use postgres::types::ToSql;

use super::articles::{SUMMARY_COLUMNS, summary_from_row};
use super::{Shared, err};
use crate::model::{ArticleSummary, ListFilter, PageFrom};
use crate::store::{Result, ts};

impl Shared {
    /// A page of the list after `from`, of the articles that pass `filter`,
    /// their category one of `categories` when given (the spellings of the
    /// chosen one, found by `Library::list_filtered`).
    pub(crate) fn list_page(
        &self,
        filter: &ListFilter,
        categories: Option<&[String]>,
        from: Option<&PageFrom>,
        limit: i64,
    ) -> Result<Vec<ArticleSummary>> {
        let status = filter.status.map(|s| s.code());
        let kind = filter.kind.map(|k| k.code());
        let after = from.map(|f| (ts(f.updated_at), f.id));
        let several: Option<Vec<String>> = categories.filter(|c| c.len() > 1).map(<[_]>::to_vec);
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM articles WHERE deleted_at IS NULL");
        let mut args: Vec<&(dyn ToSql + Sync)> = Vec::new();
        if let Some(s) = &status {
            args.push(s);
            sql.push_str(&format!(" AND status = ${}", args.len()));
        }
        if let Some(k) = &kind {
            args.push(k);
            sql.push_str(&format!(" AND kind = ${}", args.len()));
        }
        // One spelling (nearly always): an equality, which the index serves
        // in the list's order; several: any of them.
        if let Some(several) = &several {
            args.push(several);
            sql.push_str(&format!(" AND category = ANY(${})", args.len()));
        } else if let Some([one]) = categories {
            args.push(one);
            sql.push_str(&format!(" AND category = ${}", args.len()));
        }
        if let Some((at, id)) = &after {
            args.push(at);
            args.push(id);
            sql.push_str(&format!(
                " AND (updated_at, id) < (${}, ${})",
                args.len() - 1,
                args.len()
            ));
        }
        args.push(&limit);
        sql.push_str(&format!(
            " ORDER BY updated_at DESC, id DESC LIMIT ${}",
            args.len()
        ));
        self.read(|c| {
            c.query(&sql, &args)
                .map_err(err)?
                .iter()
                .map(summary_from_row)
                .collect()
        })
    }

    /// The categories of the articles this account sees outside the recycle
    /// bin, each spelling once. Read by a skip over the category index (one
    /// short look per spelling), not by reading every article.
    pub(crate) fn categories(&self) -> Result<Vec<String>> {
        self.read(|c| {
            Ok(c.query(
                "WITH RECURSIVE spelling (c) AS (
                     (SELECT category FROM articles
                      WHERE deleted_at IS NULL AND category > '' ORDER BY category LIMIT 1)
                     UNION ALL
                     SELECT (SELECT category FROM articles
                             WHERE deleted_at IS NULL AND category > s.c ORDER BY category LIMIT 1)
                     FROM spelling s WHERE s.c IS NOT NULL
                 )
                 SELECT c FROM spelling WHERE c IS NOT NULL",
                &[],
            )
            .map_err(err)?
            .iter()
            .map(|r| r.get(0))
            .collect())
        })
    }
}
