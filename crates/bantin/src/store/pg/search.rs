//! Search on the shared library: the same words as the local library's FTS5
//! index (`text::search_terms` folds them), so both find the same articles
//! for the same query. Every word must be there as a whole word, the last
//! one may be the start of a word (people search as they type). What
//! decides is `LIKE` on the folded fields (`% word %`, the last `% wo%`),
//! sent as parameters with `\\`, `%` and `_` escaped: a query is only text.
//!
//! The order is the local library's (`search::score`): more of the words
//! in the title first, then in title, summary, author and tags, then the
//! most recently changed; the database counts and keeps the best `limit`.
//!
//! Why a function: row-level security lets the planner use an index only
//! through leakproof operators, and neither `LIKE` nor a tsquery's `@@` is
//! one, so under the policies every search read the whole table (p95 0.8 s
//! at 100,000 articles). `bantin_search` (schema v7) is a SECURITY DEFINER
//! function owned by the tables' owner, on whom no policy acts; it applies
//! the policies' rule itself as a plain WHERE for the caller (session_user),
//! and returns only ids and counts of articles the caller could read; the
//! hits are then read by id under the policies. Inside it, GIN indexes
//! over the folded words of the title (each word and each start of a word,
//! so a word typed in part is one key) and of the whole text
//! (`bantin_words`: our own words as a tsvector, no parser, so a word is a
//! word exactly as `text::search_terms` made it) pick the candidates, and
//! the LIKE patterns check them. Ranking by title first lets a search stop
//! early: articles with all the ranked words in the title, then with at
//! least one fewer, … each set holding every article that outranks one
//! outside it, so the first set with `limit` articles holds the answer.
//! Before that, the newest articles (`articles_recent`, under the
//! policies) answer a query whose words are all in many titles without
//! reading a row. When the planner's estimate says few articles hold every
//! word (a long query of common syllables), the last step alone ranks them
//! all at once instead of walking down the title steps; that step trusts
//! the whole text's word index, exact for words under 100 letters (schema
//! v10). The snippet is cut exactly as for the local library.

use postgres::types::ToSql;

use super::articles::parse_ts;
use super::{Shared, err};
use crate::model::{Kind, Status};
use crate::store::Result;
use crate::store::search::{RANK_WORDS, SearchHit, SearchOptions, SearchPath, score, snippet};
use crate::text;

/// How many of the most recently changed articles the first look reads.
const RECENT: i64 = 4000;

impl Shared {
    pub(crate) fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        let terms = text::search_terms(query);
        if terms.is_empty() || opts.limit == 0 {
            return Ok(Vec::new());
        }
        let ranked = self.read(|c| rank(c, &terms, opts))?;
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
fn rank(
    c: &mut postgres::Client,
    terms: &[String],
    opts: &SearchOptions,
) -> Result<Vec<(i64, f64)>> {
    let limit = opts.limit;
    let n = terms.len().min(RANK_WORDS);
    let every_like = patterns(terms);
    let likes: Vec<String> = every_like.iter().take(n).cloned().collect();
    let want = limit.min(i64::MAX as usize) as i64;
    let last = terms.len() - 1;
    let every_words = terms
        .iter()
        .enumerate()
        .map(|(i, t)| text_lexeme(t, i == last))
        .collect::<Vec<_>>()
        .join(" & ");
    // Few articles hold every word (a long query of common words, where
    // the title steps would read the words' long title lists again and
    // again, going down to two words in the title): ranking them all at
    // once, the last step alone, is cheaper. The planner's estimate
    // (from the word index's statistics) says how many.
    let direct = match opts.path {
        // One or two words have one or two title steps: not worth the
        // estimate's own planning (about 2 ms).
        SearchPath::Auto => n >= 3 && holding_every_word(c, &every_words)? <= DIRECT,
        SearchPath::TitleSteps => false,
        SearchPath::AllAtOnce => true,
    };
    // Common words first: with every word of the query in the title, the
    // best tier is ordered by recency alone, and the newest articles hold
    // enough of it; `articles_recent` has the title's words beside the
    // recency, so this reads no article row (and runs under the policies).
    if terms.len() == n && !direct {
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
    // Then the word indexes, title first: the articles with all the ranked
    // words in the title, then with at least one fewer, and so on; each set
    // holds every article that outranks one outside it, so the first with
    // `limit` articles holds the answer. Last, every article with the words.
    let in_title: Vec<String> = terms[..n]
        .iter()
        .enumerate()
        .map(|(i, t)| title_lexeme(t, i == last))
        .collect();
    let most = want.min(i32::MAX as i64) as i32;
    let mut found = Vec::new();
    for k in (0..=n).rev().filter(|&k| !direct || k == 0) {
        let title = (k > 0).then(|| at_least(&in_title, k));
        found = c
            .query(
                "SELECT id, in_title, in_head FROM bantin_search($1, $2, $3, $4, $5)",
                &[&every_like, &every_words, &likes, &title, &most],
            )
            .map_err(err)?
            .iter()
            .map(|r| {
                let (t, h) = (r.get::<_, i32>(1), r.get::<_, i32>(2));
                (r.get(0), score(t as usize, h as usize))
            })
            .collect();
        if found.len() >= limit {
            break;
        }
    }
    Ok(found)
}

/// At most this many articles holding every word (by the planner's
/// estimate): they are ranked all at once rather than title step by step.
const DIRECT: u64 = 3000;

/// The planner's estimate of how many articles, of every unit, hold every
/// word (`bantin_search_estimate`, schema v10: what the last step would
/// read, which the word index cannot narrow to the caller's unit).
fn holding_every_word(c: &mut postgres::Client, every_words: &str) -> Result<u64> {
    let rows: Option<i64> = c
        .query_one("SELECT bantin_search_estimate($1)", &[&every_words])
        .map_err(err)?
        .get(0);
    Ok(rows.map_or(u64::MAX, |n| n.max(0) as u64))
}

/// The index keeps a word's first 100 letters.
const CUT: usize = 100;

/// A word quoted as a tsquery lexeme, so that nothing in it is syntax
/// (words are letters and digits anyway).
fn quoted(word: &str, suffix: &str) -> String {
    let cut: String = word.chars().take(CUT).collect();
    format!(
        "'{}{suffix}'",
        cut.replace('\\', "\\\\").replace('\'', "''")
    )
}

/// A word as the title's index has it: whole, or (the last word, typed in
/// part) its start marked with '*'. A longer word than the index keeps is
/// asked by its start; the LIKE patterns then decide exactly.
fn title_lexeme(term: &str, last: bool) -> String {
    let long = term.chars().count() >= CUT;
    quoted(term, if last || long { "*" } else { "" })
}

/// A word as the whole text's index has it: whole words only, so the
/// last one is a prefix match.
fn text_lexeme(term: &str, last: bool) -> String {
    let long = term.chars().count() >= CUT;
    format!(
        "{}{}",
        quoted(term, ""),
        if last || long { ":*" } else { "" }
    )
}

/// A tsquery true when at least `k` of `words` are there: the ways to
/// choose `k` of them, each all present.
fn at_least(words: &[String], k: usize) -> String {
    let mut ways = Vec::new();
    let mut pick: Vec<usize> = (0..k).collect();
    loop {
        let all: Vec<&str> = pick.iter().map(|&i| words[i].as_str()).collect();
        ways.push(format!("({})", all.join(" & ")));
        // The next choice in order, or done.
        let Some(i) = (0..k).rev().find(|&i| pick[i] < words.len() - k + i) else {
            break;
        };
        pick[i] += 1;
        for j in i + 1..k {
            pick[j] = pick[j - 1] + 1;
        }
    }
    ways.join(" | ")
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
    fn at_least_k_words_is_every_choice_of_k() {
        let w: Vec<String> = ["'a'", "'b'", "'c':*"].map(String::from).into();
        assert_eq!(at_least(&w, 3), "('a' & 'b' & 'c':*)");
        assert_eq!(
            at_least(&w, 2),
            "('a' & 'b') | ('a' & 'c':*) | ('b' & 'c':*)"
        );
        assert_eq!(at_least(&w, 1), "('a') | ('b') | ('c':*)");
    }

    #[test]
    fn lexemes_are_quoted_and_long_words_asked_by_their_start() {
        assert_eq!(title_lexeme("van", false), "'van'");
        assert_eq!(title_lexeme("ho", true), "'ho*'");
        assert_eq!(text_lexeme("van", false), "'van'");
        assert_eq!(text_lexeme("ho", true), "'ho':*");
        assert_eq!(quoted("a'b\\", ""), "'a''b\\\\'");
        let long = "x".repeat(120);
        let cut = "x".repeat(100);
        assert_eq!(title_lexeme(&long, false), format!("'{cut}*'"));
        assert_eq!(text_lexeme(&long, false), format!("'{cut}':*"));
    }

    #[test]
    fn whole_words_then_a_prefix_with_wildcards_escaped() {
        let p = patterns(&["van".into(), "10%_\\".into(), "ho".into()]);
        assert_eq!(p, ["% van %", "% 10\\%\\_\\\\ %", "% ho%"]);
    }
}
