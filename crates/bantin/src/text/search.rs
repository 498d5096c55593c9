//! Turning a user query into index terms, and marking hits in snippets.
//!
//! Queries are folded exactly like the indexed text, so "văn hoá" finds
//! "VĂN HÓA". Hits are matched at the *start* of a word (whole word or word
//! prefix), mirroring the prefix queries we send to SQLite FTS5 (`term*`),
//! so that typing "hoa" highlights "hoá" and "hoàn" but not the "hoa" inside
//! "khoa". Ranges are char indices, because `fold_for_search` keeps char
//! positions of NFC text, so the same range cuts the original article.

use std::cmp::Reverse;

use super::fold::fold_any;
use unicode_normalization::char::is_combining_mark;

/// Folded tokens of a query, split on anything that is not a letter or
/// digit, empties dropped, in query order.
pub fn search_terms(query: &str) -> Vec<String> {
    fold_any(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Char-index ranges `[start, end)` in `folded` where a term matches at the
/// start of a word (as the whole word or a prefix). Sorted and
/// non-overlapping; where several terms match at one place the longest wins.
/// Terms are folded again, so unfolded terms work too.
pub fn find_terms(folded: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let mut patterns: Vec<Vec<char>> = terms
        .iter()
        .map(|t| fold_any(t).chars().collect::<Vec<char>>())
        .filter(|p| !p.is_empty())
        .collect();
    if patterns.is_empty() {
        return Vec::new();
    }
    patterns.sort_by_key(|p| (Reverse(p.len()), p.clone()));
    patterns.dedup();

    let text: Vec<char> = folded.chars().collect();
    let mut hits = Vec::new();
    let mut prev_is_word = false;
    let mut i = 0;
    while i < text.len() {
        let is_word = is_word_char(text[i]);
        let hit = if is_word && !prev_is_word {
            patterns.iter().find(|p| text[i..].starts_with(p))
        } else {
            None
        };
        if let Some(p) = hit {
            let end = i + p.len();
            hits.push((i, end));
            prev_is_word = is_word_char(text[end - 1]);
            i = end;
            continue;
        }
        prev_is_word = is_word;
        i += 1;
    }
    hits
}

/// Letters, digits, and combining marks (which `fold_for_search` keeps in
/// place and which belong to the word they follow).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_for_search;

    fn terms(ts: &[&str]) -> Vec<String> {
        ts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn query_terms_are_folded_tokens() {
        assert_eq!(
            search_terms("Văn HOÁ, công-sở!"),
            ["van", "hoa", "cong", "so"]
        );
        assert_eq!(
            search_terms("Nghị quyết 08-NQ/ĐU"),
            ["nghi", "quyet", "08", "nq", "du"]
        );
        assert_eq!(search_terms("  \"Đảng viên\"  "), ["dang", "vien"]);
        assert!(search_terms(" ... — ").is_empty());
        assert!(search_terms("").is_empty());
    }

    #[test]
    fn matches_whole_words_and_prefixes_only() {
        let folded = fold_for_search("Khoa học, văn hoá và hoàn thiện hoa");
        let hits = find_terms(&folded, &terms(&["hoa"]));
        let got: Vec<String> = hits
            .iter()
            .map(|&(s, e)| folded.chars().skip(s).take(e - s).collect())
            .collect();
        // "hoa" inside "khoa" is not a word start.
        assert_eq!(got, ["hoa", "hoa", "hoa"]);
        assert_eq!(hits, [(14, 17), (21, 24), (32, 35)]);
    }

    #[test]
    fn ranges_cut_the_original_text() {
        let original = "Ủy ban nhân dân tổ chức hội nghị về văn hoá công sở cho đảng viên.";
        let folded = fold_for_search(original);
        let hits = find_terms(&folded, &search_terms("VĂN HÓA đảng"));
        let chars: Vec<char> = original.chars().collect();
        let cut: Vec<String> = hits
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(cut, ["văn", "hoá", "đảng"]);
    }

    #[test]
    fn longest_term_wins_and_ranges_do_not_overlap() {
        let folded = "van hoa vanh";
        let hits = find_terms(folded, &terms(&["va", "van", "v"]));
        assert_eq!(hits, [(0, 3), (8, 11)]);
        for w in hits.windows(2) {
            assert!(w[0].1 <= w[1].0);
        }
        // A prefix hit does not let a second term start mid-word.
        assert_eq!(find_terms("vanvan", &terms(&["van"])), [(0, 3)]);
    }

    #[test]
    fn unfolded_terms_and_empty_inputs() {
        let folded = fold_for_search("Thuỷ và Thủy");
        assert_eq!(find_terms(&folded, &terms(&["THỦY"])), [(0, 4), (8, 12)]);
        assert!(find_terms(&folded, &[]).is_empty());
        assert!(find_terms(&folded, &terms(&[""])).is_empty());
        assert!(find_terms("", &terms(&["a"])).is_empty());
    }

    #[test]
    fn digits_and_symbols_are_boundaries() {
        let folded = fold_for_search("Nghị quyết 08-NQ/ĐU ngày 03");
        assert_eq!(
            find_terms(&folded, &terms(&["nq", "du", "03"])),
            [(14, 16), (17, 19), (25, 27)]
        );
    }
}
