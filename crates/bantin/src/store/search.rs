//! Diacritic-insensitive search over the library.
//!
//! The FTS5 index holds text folded by `text::fold_for_search` (lower case, no
//! diacritics, đ→d), so "van hoa", "VĂN HOÁ" and an NFD "văn hóa" are the same
//! words to it. The index is contentless: snippets are cut from the original
//! text, which works because folding maps an NFC text char for char — a hit's
//! position in the folded text is its position in the original.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Library, Result};
use crate::model::{ArticleId, Content, Kind, Status};
use crate::text;

/// How many of a query's words count when ranking (a pasted sentence
/// still finds its articles; only its first words order them).
pub(crate) const RANK_WORDS: usize = 8;

/// Words of context on each side of the first hit in a snippet.
const SNIPPET_WORDS: usize = 12;

#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    /// How the shared library finds the ranked hits (the same hits every
    /// way); `Auto` but where tests and benchmarks compare the ways.
    pub path: SearchPath,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            path: SearchPath::Auto,
        }
    }
}

/// The shared library's ways to the ranked hits (store/pg/search.rs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchPath {
    /// By the planner's estimate of how many articles hold every word.
    #[default]
    Auto,
    /// Title steps first (all the words in the title, then one fewer, …).
    TitleSteps,
    /// Every article holding all the words, ranked at once.
    AllAtOnce,
}

/// One article found, with a piece of its text around the hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: ArticleId,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    /// What the library list shows of a hit beside its title, so that a hit
    /// needs no line of the list (which comes a page at a time).
    pub category: String,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    /// Text around the best hit, in the article's own spelling.
    pub snippet: String,
    /// Where the query's words are in `snippet`: char ranges [start, end).
    pub marks: Vec<(usize, usize)>,
    /// Where the query's words are in `title`.
    pub title_marks: Vec<(usize, usize)>,
    /// The rank (`score`): lower is better. Both backends give the same.
    pub score: f64,
}

impl SearchHit {
    /// The snippet with its hits wrapped by `open` and `close` (e.g. «», or
    /// `<mark>` after escaping for HTML by the caller).
    pub fn marked_snippet(&self, open: &str, close: &str) -> String {
        mark(&self.snippet, &self.marks, open, close)
    }
}

/// Wraps each char range of `s` in `open` … `close`.
pub fn mark(s: &str, marks: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(s.len() + marks.len() * (open.len() + close.len()));
    let mut m = marks.iter().peekable();
    for (i, ch) in s.chars().enumerate() {
        if let Some(&&(start, end)) = m.peek() {
            if i == start {
                out.push_str(open);
            }
            out.push(ch);
            if i + 1 == end {
                out.push_str(close);
                m.next();
            }
        } else {
            out.push(ch);
        }
    }
    out
}

pub(super) fn index(
    tx: &Transaction,
    id: ArticleId,
    c: &Content,
    body_text: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO search_index (rowid, title, summary, body, author, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![
            id,
            text::fold_any(&c.title),
            text::fold_any(&c.summary),
            text::fold_any(body_text),
            text::fold_any(&c.author),
            text::fold_any(&c.tags.join(" ")),
        ])?;
    Ok(())
}

pub(super) fn unindex(tx: &Transaction, id: ArticleId) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// One folded word as an FTS5 string, the last word of a query as a prefix
/// (people search as they type). Terms are folded alphanumerics, but they
/// are quoted anyway so no word (AND, NOT, NEAR) is ever read as syntax.
fn fts_term(t: &str, last: bool) -> String {
    format!("\"{}\"{}", t.replace('"', ""), if last { "*" } else { "" })
}

/// Builds the FTS5 query: every word must occur.
fn fts_query(terms: &[String]) -> String {
    let words: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| fts_term(t, i + 1 == terms.len()))
        .collect();
    words.join(" ")
}

/// The order of hits, the same on both backends (the store test suite runs
/// it on each): first the articles with more of the query's words in the
/// title ("văn hoá lac nam" finds "Thôn Lạc Nam: …" before a body that
/// happens to hold "năm"), then with more of them in the title, summary,
/// author and tags together, then the most recently changed; the last query
/// word may start a word, and only the first `RANK_WORDS` words count.
/// Here FTS5 column filters count them (`rank`), on PostgreSQL `LIKE` on the
/// folded short fields (store/pg/search.rs).
///
/// The rank a hit reports, from its two counts: lower is better.
pub(crate) fn score(in_title: usize, in_head: usize) -> f64 {
    -((in_title * 100 + in_head) as f64)
}

impl Library {
    /// The best `limit` article ids for a query with their scores, best
    /// first, in the order of `counts`. Only the articles with a query word
    /// in a short field are counted (with FTS5 column filters); the others
    /// come newest first. Recency comes from the `articles_updated` index,
    /// so no article row (with its long body) is read to rank.
    fn rank(
        conn: &rusqlite::Connection,
        terms: &[String],
        limit: usize,
    ) -> rusqlite::Result<Vec<(ArticleId, f64)>> {
        let ranked: Vec<String> = terms
            .iter()
            .take(RANK_WORDS)
            .enumerate()
            .map(|(i, t)| fts_term(t, i + 1 == terms.len()))
            .collect();
        let head = format!(
            "({}) AND ({{title summary author tags}} : ({}))",
            fts_query(terms),
            ranked.join(" OR ")
        );
        let mut args = vec![head, fts_query(terms)];
        let mut count = |columns: &str| {
            let mut sum = String::from("0");
            for word in &ranked {
                args.push(format!("{{{columns}}} : {word}"));
                sum.push_str(&format!(
                    " + (a.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?{}))",
                    args.len()
                ));
            }
            sum
        };
        let in_title = count("title");
        let in_head = count("title summary author tags");
        let head_sql = format!(
            "SELECT a.id, {in_title} AS t, {in_head} AS h FROM articles AS a INDEXED BY articles_updated
             WHERE a.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?1)
             ORDER BY t DESC, h DESC, a.updated_at DESC, a.id DESC LIMIT {limit}"
        );
        let mut hits: Vec<(ArticleId, f64)> = conn
            .prepare_cached(&head_sql)?
            .query_map(rusqlite::params_from_iter(&args), |r| {
                let (t, h) = (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?);
                Ok((r.get(0)?, score(t as usize, h as usize)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if hits.len() < limit {
            let rest_sql = format!(
                "SELECT a.id FROM articles AS a INDEXED BY articles_updated
                 WHERE a.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?2)
                   AND a.id NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?1)
                 ORDER BY a.updated_at DESC, a.id DESC LIMIT {}",
                limit - hits.len()
            );
            let rest = conn
                .prepare_cached(&rest_sql)?
                .query_map(params![args[0], args[1]], |r| Ok((r.get(0)?, score(0, 0))))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            hits.extend(rest);
        }
        Ok(hits)
    }

    /// Finds articles matching every word of `query`, best first.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        if let Some(shared) = self.shared() {
            return shared.search(query, opts);
        }
        let terms = text::search_terms(query);
        if terms.is_empty() || opts.limit == 0 {
            return Ok(Vec::new());
        }
        let conn = self.conn()?;
        let ranked = Self::rank(conn, &terms, opts.limit).map_err(|e| self.err(e))?;
        let mut stmt = conn
            .prepare_cached(
                "SELECT title, kind, status, summary, body_text, category, date, updated_at FROM articles WHERE id = ?1 AND deleted_at IS NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (id, score) in ranked {
            let row = stmt
                .query_row([id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        (
                            r.get::<_, String>(5)?,
                            r.get::<_, Option<String>>(6)?,
                            r.get::<_, String>(7)?,
                        ),
                    ))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            let Some((title, kind, status, summary, body_text, (category, date, updated_at))) = row
            else {
                continue;
            };
            let title = text::nfc(&title);
            let title_marks = text::find_terms(&text::fold_for_search(&title), &terms);
            let (snippet, marks) = snippet(&summary, &body_text, &terms);
            hits.push(SearchHit {
                id,
                title,
                kind: Kind::parse(&kind).unwrap_or_default(),
                status: Status::parse(&status).unwrap_or_default(),
                category,
                date: date.and_then(|d| d.parse().ok()),
                updated_at: super::parse_ts(&updated_at).map_err(|e| self.err(e))?,
                snippet,
                marks,
                title_marks,
                score,
            });
        }
        Ok(hits)
    }
}

/// Cuts a window of text around the best hit in the summary or else the
/// body; with no hit there (a title-only match), the opening words.
pub(super) fn snippet(
    summary: &str,
    body: &str,
    terms: &[String],
) -> (String, Vec<(usize, usize)>) {
    for source in [summary, body] {
        let original = text::nfc(source);
        let folded = text::fold_for_search(&original);
        let found = text::find_terms(&folded, terms);
        if let Some(at) = best_hit(&folded, &found) {
            return window(&original, &found, at);
        }
    }
    let fallback = if summary.trim().is_empty() {
        body
    } else {
        summary
    };
    window(&text::nfc(fallback), &[], 0)
}

/// The start of the hit with the most different query words close after it
/// ("đảng viên" together beats a lone "Đảng"); the earliest among equals.
fn best_hit(folded: &str, found: &[(usize, usize)]) -> Option<usize> {
    const NEAR: usize = 40;
    let chars: Vec<char> = folded.chars().collect();
    let word = |&(s, e): &(usize, usize)| chars[s..e].iter().collect::<String>();
    let mut best: Option<(usize, usize)> = None;
    for (i, hit) in found.iter().enumerate() {
        let mut words: Vec<String> = found[i..]
            .iter()
            .take_while(|h| h.0 < hit.0 + NEAR)
            .map(word)
            .collect();
        words.sort();
        words.dedup();
        if best.is_none_or(|(n, _)| words.len() > n) {
            best = Some((words.len(), hit.0));
        }
    }
    best.map(|(_, at)| at)
}

/// The words around char position `at`, white space folded to single
/// spaces, with the marks moved into the window.
fn window(original: &str, found: &[(usize, usize)], at: usize) -> (String, Vec<(usize, usize)>) {
    let chars: Vec<char> = original.chars().collect();
    let is_gap = |i: usize| chars[i].is_whitespace() && i > 0 && !chars[i - 1].is_whitespace();
    let mut start = at.min(chars.len());
    let mut words = 0;
    while start > 0 {
        if is_gap(start - 1) {
            words += 1;
            if words > SNIPPET_WORDS {
                break;
            }
        }
        start -= 1;
    }
    let mut end = at.min(chars.len());
    words = 0;
    while end < chars.len() {
        if is_gap(end) {
            words += 1;
            if words > SNIPPET_WORDS {
                break;
            }
        }
        end += 1;
    }
    let mut snippet = String::from(if start > 0 { "… " } else { "" });
    let mut len = snippet.chars().count();
    // new_pos[i - start] = position of chars[i] in the snippet.
    let mut new_pos = Vec::with_capacity(end - start + 1);
    let mut last_space = true;
    for &c in &chars[start..end] {
        new_pos.push(len);
        if c.is_whitespace() {
            if !last_space {
                snippet.push(' ');
                len += 1;
            }
            last_space = true;
        } else {
            snippet.push(c);
            len += 1;
            last_space = false;
        }
    }
    new_pos.push(len);
    let trimmed = snippet.trim_end().len();
    snippet.truncate(trimmed);
    if end < chars.len() {
        snippet.push_str(" …");
    }
    let marks = found
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (new_pos[s - start], new_pos[e - start]))
        .collect();
    (snippet, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_terms_and_prefixes_the_last() {
        let q = fts_query(&["van".into(), "hoa".into()]);
        assert_eq!(q, "\"van\" \"hoa\"*");
    }

    #[test]
    fn mark_wraps_char_ranges() {
        assert_eq!(
            mark("văn hóa công sở", &[(4, 7)], "«", "»"),
            "văn «hóa» công sở"
        );
    }

    #[test]
    fn window_keeps_marks_on_the_original_words() {
        let text = "Chi bộ đã triển khai xây dựng văn hóa công sở trong toàn thể đảng viên.";
        let folded = text::fold_for_search(text);
        let found = text::find_terms(&folded, &["van".into(), "hoa".into()]);
        let (snip, marks) = window(text, &found, best_hit(&folded, &found).unwrap());
        let marked = mark(&snip, &marks, "[", "]");
        assert!(marked.contains("[văn] [hóa]"), "{marked}");
    }

    #[test]
    fn the_snippet_goes_where_the_query_words_stand_together() {
        let text = "Ban Thường vụ Đảng ủy chỉ đạo sát sao.\n\nMỗi   đảng viên phải gương mẫu trong mọi việc.";
        let folded = text::fold_for_search(text);
        let terms = vec!["dang".to_string(), "vien".to_string()];
        let found = text::find_terms(&folded, &terms);
        let (snip, marks) = window(text, &found, best_hit(&folded, &found).unwrap());
        let marked = mark(&snip, &marks, "[", "]");
        assert!(marked.contains("Mỗi [đảng] [viên] phải"), "{marked}");
        assert!(
            !snip.contains("  ") && !snip.contains('\n'),
            "white space is folded: {snip:?}"
        );
    }
}
