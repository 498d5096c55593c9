//! The library list a page at a time (Thư viện), narrowed by its filters:
//! status, kind and category are part of the page query on both backends,
//! so a filtered list pages through every article that matches, and a
//! filter never shows "nothing" while matches sit on pages not read yet.
//!
//! Why it is built this way:
//! - one order everywhere (most recently changed first, then by id) and a
//!   page starts after the last line read (`PageFrom`), so a filtered page
//!   is a range of the same keyset as an unfiltered one;
//! - a category matches however its case and spacing were written
//!   (`model::category_key`): the spellings in use that are the same words
//!   are found first (`categories`, a short list), then the page asks for
//!   those exact values, which an index serves on the shared library
//!   (PostgreSQL schema v8); the key is computed here, in Rust, since
//!   neither SQLite's nor the server's `lower()` folds Vietnamese letters
//!   the same way;
//! - on SQLite the page is still read from the `articles_updated` index,
//!   the filters checked on each row: a library on one PC holds a few
//!   thousand articles, and an index per filter would cost every save.

use rusqlite::types::Value;

use super::articles::{SUMMARY_COLUMNS, summary_from_row};
use super::{Library, Result, ts};
use crate::model::{ArticleSummary, ListFilter, PageFrom, category_key};

impl Library {
    /// At most `limit` articles not in the recycle bin, in the order of
    /// `list_articles`, starting after `from` (from the top without it):
    /// the library list a page at a time, each page read from the
    /// `articles_updated` index, however large the library (SQLite would
    /// rather sort the whole table for the first page: it is told).
    pub fn list_page(&self, from: Option<&PageFrom>, limit: usize) -> Result<Vec<ArticleSummary>> {
        self.list_filtered(&ListFilter::default(), from, limit)
    }

    /// Like `list_page`, only the articles that pass `filter`: the pages in
    /// a row are every match, in the list's order. A blank category
    /// narrows nothing.
    pub fn list_filtered(
        &self,
        filter: &ListFilter,
        from: Option<&PageFrom>,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let spellings = match filter.category.as_deref().map(category_key) {
            Some(key) if !key.is_empty() => {
                let same: Vec<String> = self
                    .categories()?
                    .into_iter()
                    .filter(|c| category_key(c) == key)
                    .collect();
                if same.is_empty() {
                    return Ok(Vec::new());
                }
                Some(same)
            }
            _ => None,
        };
        let limit = limit.min(i64::MAX as usize) as i64;
        if let Some(shared) = self.shared() {
            return shared.list_page(filter, spellings.as_deref(), from, limit);
        }
        let mut sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles INDEXED BY articles_updated
             WHERE deleted_at IS NULL"
        );
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(s) = filter.status {
            let p = arg(Value::Text(s.code().into()));
            sql.push_str(&format!(" AND status = {p}"));
        }
        if let Some(k) = filter.kind {
            let p = arg(Value::Text(k.code().into()));
            sql.push_str(&format!(" AND kind = {p}"));
        }
        if let Some(same) = &spellings {
            let ps: Vec<String> = same.iter().map(|c| arg(Value::Text(c.clone()))).collect();
            sql.push_str(&format!(" AND category IN ({})", ps.join(", ")));
        }
        if let Some(f) = from {
            let (a, b) = (
                arg(Value::Text(ts(f.updated_at))),
                arg(Value::Integer(f.id)),
            );
            sql.push_str(&format!(" AND (updated_at, id) < ({a}, {b})"));
        }
        let p = arg(Value::Integer(limit));
        sql.push_str(&format!(" ORDER BY updated_at DESC, id DESC LIMIT {p}"));
        let conn = self.conn()?;
        conn.prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_map(rusqlite::params_from_iter(args), summary_from_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))
    }

    /// The categories of the articles not in the recycle bin, each spelling
    /// once, in no particular order (the UI groups the same words and sorts
    /// them in Vietnamese order); no blank one.
    pub fn categories(&self) -> Result<Vec<String>> {
        if let Some(shared) = self.shared() {
            return shared.categories();
        }
        let conn = self.conn()?;
        conn.prepare_cached(
            "SELECT DISTINCT category FROM articles WHERE deleted_at IS NULL AND category <> ''",
        )
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| self.err(e))
    }
}
