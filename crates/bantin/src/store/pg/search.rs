//! Search on the shared library: the same words as the local library's FTS5
//! index (`text::search_terms` folds them), so both find the same articles
//! for the same query. Every word must be there as a whole word, the last
//! one may be the start of a word (people search as they type). The words
//! are `LIKE` patterns sent as parameters, with `\`, `%` and `_` escaped: a
//! query is only ever text.
//!
//! Ranking is simpler than bm25: articles with every word in the title,
//! summary, author or tags first, then the others; most recent first within
//! each. The snippet is cut exactly as for the local library.

use super::{Shared, err};
use crate::model::{Kind, Status};
use crate::store::Result;
use crate::store::search::{SearchHit, SearchOptions, snippet};
use crate::text;

/// Scores as the local library reports them: lower is better.
const HEAD_SCORE: f64 = -2.0;
const BODY_SCORE: f64 = -1.0;

impl Shared {
    pub(crate) fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        let terms = text::search_terms(query);
        if terms.is_empty() || opts.limit == 0 {
            return Ok(Vec::new());
        }
        let patterns = patterns(&terms);
        let rows = self.read(|c| {
            c.query(
                "SELECT id, title, kind, status, summary, body_text, search_head LIKE ALL ($1) AS head
                 FROM articles WHERE deleted_at IS NULL AND search_all LIKE ALL ($1)
                 ORDER BY head DESC, updated_at DESC, id DESC LIMIT $2",
                &[&patterns, &(opts.limit.min(i64::MAX as usize) as i64)],
            )
            .map_err(err)
        })?;
        Ok(rows
            .iter()
            .map(|r| {
                let title = text::nfc(r.get(1));
                let title_marks = text::find_terms(&text::fold_for_search(&title), &terms);
                let (snippet, marks) = snippet(r.get(4), r.get(5), &terms);
                SearchHit {
                    id: r.get(0),
                    title,
                    kind: Kind::parse(r.get(2)).unwrap_or_default(),
                    status: Status::parse(r.get(3)).unwrap_or_default(),
                    snippet,
                    marks,
                    title_marks,
                    score: if r.get(6) { HEAD_SCORE } else { BODY_SCORE },
                }
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
