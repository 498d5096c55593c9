//! Search on the shared library: the same words as the local library's FTS5
//! index (`text::search_terms` folds them), so both find the same articles
//! for the same query. Every word must be there as a whole word, the last
//! one may be the start of a word (people search as they type). The words
//! are `LIKE` patterns on the folded fields (`% word %`, the last `% wo%`),
//! sent as parameters with `\\`, `%` and `_` escaped: a query is only text.
//!
//! The order is the local library's (`search::counts`): more of the words
//! in the title first, then in title, summary, author and tags, then the
//! most recently changed; the database counts and keeps the best `limit`.
//!
//! Why no word index: row-level security lets the planner use an index only
//! through leakproof operators, and neither `LIKE` nor a tsquery's `@@` is
//! one, so an editor's search cannot be served by a trigram or GIN index
//! (schema v6 drops the trigram ones). What is fast under the policies is a
//! b-tree: the newest articles come from `articles_recent` with their
//! title's words, and common words are found among them without reading an
//! article row. The snippet is cut exactly as for the local library.

use postgres::types::ToSql;

use super::articles::parse_ts;
use super::{Shared, err};
use crate::model::{Kind, Status};
use crate::store::Result;
use crate::store::search::{RANK_WORDS, SearchHit, SearchOptions, score, snippet};
use crate::text;

/// How many of the most recently changed articles the first look reads.
const RECENT: i64 = 4000;

impl Shared {
    pub(crate) fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        let terms = text::search_terms(query);
        if terms.is_empty() || opts.limit == 0 {
            return Ok(Vec::new());
        }
        let ranked = self.read(|c| rank(c, &terms, opts.limit))?;
        let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
        let rows = self.read(|c| {
            c.query(
                "SELECT id, title, kind, status, summary, body_text, category, date, updated_at
                 FROM articles WHERE id = ANY ($1)",
                &[&ids],
            )
            .map_err(err)
        })?;
        ranked
            .into_iter()
            .filter_map(|(id, score)| {
                let r = rows.iter().find(|r| r.get::<_, i64>(0) == id)?;
                Some((r, score))
            })
            .map(|(r, score)| {
                let id = r.get(0);
                let title = text::nfc(r.get(1));
                let title_marks = text::find_terms(&text::fold_for_search(&title), &terms);
                let (snippet, marks) = snippet(r.get(4), r.get(5), &terms);
                Ok(SearchHit {
                    id,
                    title,
                    kind: Kind::parse(r.get(2)).unwrap_or_default(),
                    status: Status::parse(r.get(3)).unwrap_or_default(),
                    category: r.get(6),
                    date: r.get::<_, Option<String>>(7).and_then(|d| d.parse().ok()),
                    updated_at: parse_ts(r.get(8))?,
                    snippet,
                    marks,
                    title_marks,
                    score,
                })
            })
            .collect()
    }
}

/// The best `limit` articles for `terms`, best first, with their scores.
fn rank(c: &mut postgres::Client, terms: &[String], limit: usize) -> Result<Vec<(i64, f64)>> {
    let ranked: Vec<String> = terms.iter().take(RANK_WORDS).cloned().collect();
    let n = ranked.len();
    let every_like = patterns(terms);
    let likes: Vec<String> = every_like.iter().take(RANK_WORDS).cloned().collect();
    // One count per ranked word, `(field LIKE $k)::int` summed; the
    // patterns are `$3`… in both queries below.
    let count = |field: &str| {
        (0..n)
            .map(|k| format!("({field} LIKE ${})::int", k + 3))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let (t, h) = (count("search_title"), count("search_head"));
    // Common words first: with every word of the query in the title, the
    // best tier is ordered by recency alone, and the newest articles hold
    // enough of it; `articles_recent` has the title's words beside the
    // recency, so this reads no article row.
    if terms.len() == n {
        let want = limit.min(i64::MAX as usize) as i64;
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&RECENT, &want];
        params.extend(likes.iter().map(|l| l as &(dyn ToSql + Sync)));
        let all_in_title = (0..n)
            .map(|k| format!("search_title LIKE ${}", k + 3))
            .collect::<Vec<_>>()
            .join(" AND ");
        let rows = c
            .query(
                &format!(
                    "SELECT id FROM (SELECT id, search_title FROM articles WHERE deleted_at IS NULL
                                     ORDER BY updated_at DESC, id DESC LIMIT $1) AS recent
                     WHERE {all_in_title} LIMIT $2"
                ),
                &params,
            )
            .map_err(err)?;
        if rows.len() >= limit {
            return Ok(rows.iter().map(|r| (r.get(0), score(n, n))).collect());
        }
    }
    // Otherwise every article is counted, cheapest test first: the words of
    // the title and short fields, then of the whole text for those that
    // have one; and the rest come newest first, straight from the index.
    let want = limit.min(i64::MAX as usize) as i64;
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&every_like, &want];
    params.extend(likes.iter().map(|l| l as &(dyn ToSql + Sync)));
    let mut found: Vec<(i64, f64)> = c
        .query(
            &format!(
                "SELECT id, {t} AS t, {h} AS h FROM articles
                 WHERE deleted_at IS NULL AND {h} > 0 AND search_all LIKE ALL ($1)
                 ORDER BY t DESC, h DESC, updated_at DESC, id DESC LIMIT $2"
            ),
            &params,
        )
        .map_err(err)?
        .iter()
        .map(|r| {
            let (t, h) = (r.get::<_, i32>(1), r.get::<_, i32>(2));
            (r.get(0), score(t as usize, h as usize))
        })
        .collect();
    if found.len() < limit {
        let more = (limit - found.len()).min(i64::MAX as usize) as i64;
        let rest = c
            .query(
                "SELECT id FROM articles
                 WHERE deleted_at IS NULL AND search_all LIKE ALL ($1)
                   AND NOT (search_head LIKE ANY ($2))
                 ORDER BY updated_at DESC, id DESC LIMIT $3",
                &[&every_like, &likes, &more],
            )
            .map_err(err)?;
        found.extend(rest.iter().map(|r| (r.get::<_, i64>(0), score(0, 0))));
    }
    Ok(found)
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
