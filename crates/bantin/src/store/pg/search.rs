//! Search on the shared library: the same words as the local library's FTS5
//! index (`text::search_terms` folds them), so both find the same articles
//! for the same query. Every word must be there as a whole word, the last
//! one may be the start of a word (people search as they type). The words
//! are `LIKE` patterns sent as parameters, with `\`, `%` and `_` escaped: a
//! query is only ever text.
//!
//! The order is the local library's (`search::counts`): more of the words
//! in the title first, then in title, summary, author and tags, then the
//! most recently changed. Only the articles with a word in those short fields
//! are read to count; the others come newest first straight from the query.
//! The snippet is cut exactly as for the local library.

use super::{Shared, err};
use crate::model::{Kind, Status};
use crate::store::Result;
use crate::store::search::{RANK_WORDS, SearchHit, SearchOptions, counts, score, snippet};
use crate::text;

impl Shared {
    pub(crate) fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        let terms = text::search_terms(query);
        if terms.is_empty() || opts.limit == 0 {
            return Ok(Vec::new());
        }
        let all = patterns(&terms);
        let ranked: Vec<String> = all.iter().take(RANK_WORDS).cloned().collect();
        let limit = opts.limit.min(i64::MAX as usize) as i64;
        let (head, rest, rows) = self.read(|c| {
            let head = c
                .query(
                    "SELECT id, title, search_head, updated_at FROM articles
                     WHERE deleted_at IS NULL AND search_all LIKE ALL ($1) AND search_head LIKE ANY ($2)",
                    &[&all, &ranked],
                )
                .map_err(err)?;
            let rest = c
                .query(
                    "SELECT id FROM articles
                     WHERE deleted_at IS NULL AND search_all LIKE ALL ($1) AND NOT (search_head LIKE ANY ($2))
                     ORDER BY updated_at DESC, id DESC LIMIT $3",
                    &[&all, &ranked, &limit],
                )
                .map_err(err)?;
            let ids: Vec<i64> = head.iter().chain(&rest).map(|r| r.get(0)).collect();
            let rows = c
                .query(
                    "SELECT id, title, kind, status, summary, body_text FROM articles WHERE id = ANY ($1)",
                    &[&ids],
                )
                .map_err(err)?;
            Ok((head, rest, rows))
        })?;
        let mut order: Vec<((usize, usize), String, i64)> = head
            .iter()
            .map(|r| {
                let title = text::search_terms(r.get(1));
                let words: Vec<String> = r
                    .get::<_, &str>(2)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                (
                    counts(&terms, &title, &words),
                    r.get::<_, String>(3),
                    r.get(0),
                )
            })
            .collect();
        order.sort_by(|a, b| b.cmp(a));
        let ranked = order
            .into_iter()
            .map(|((t, h), _, id)| (id, score(t, h)))
            .chain(rest.iter().map(|r| (r.get::<_, i64>(0), score(0, 0))))
            .take(opts.limit);
        Ok(ranked
            .filter_map(|(id, score)| {
                let r = rows.iter().find(|r| r.get::<_, i64>(0) == id)?;
                let title = text::nfc(r.get(1));
                let title_marks = text::find_terms(&text::fold_for_search(&title), &terms);
                let (snippet, marks) = snippet(r.get(4), r.get(5), &terms);
                Some(SearchHit {
                    id,
                    title,
                    kind: Kind::parse(r.get(2)).unwrap_or_default(),
                    status: Status::parse(r.get(3)).unwrap_or_default(),
                    snippet,
                    marks,
                    title_marks,
                    score,
                })
            })
            .collect())
    }
}

/// `% word %` for every word but the last, `% word%` for the last.
fn patterns(terms: &[String]) -> Vec<String> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            if i + 1 == terms.len() {
                format!("% {escaped}%")
            } else {
                format!("% {escaped} %")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_then_a_prefix_with_wildcards_escaped() {
        let p = patterns(&["van".into(), "10%_\\".into(), "ho".into()]);
        assert_eq!(p, ["% van %", "% 10\\%\\_\\\\ %", "% ho%"]);
    }
}
