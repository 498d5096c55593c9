//! Search on both backends: the same hits for the same query, the same
//! order (title words first), and a query that is only text.

use std::collections::BTreeSet;

use bantin::model::{Content, RevisionReason};
use bantin::store::{Library, SearchHit, SearchOptions, SearchPath};
use chrono::Duration;

use crate::shared_common::on_both;
use crate::{content, t0};

on_both!(
    search_finds_the_same_articles,
    search_ranks_title_words_first,
    a_query_is_only_text,
);

/// Titles and bodies the queries below are checked against.
const CORPUS: &[(&str, &str)] = &[
    (
        "Văn hóa công sở",
        "Chi bộ triển khai xây dựng văn hóa công sở trong toàn thể đảng viên.",
    ),
    (
        "Họp dân về đường làng",
        "Nhân dân góp ý làm đường bê tông, vận động hiến đất.",
    ),
    (
        "Báo cáo quý IV",
        "Phong trào văn nghệ và thể thao; hoàn thành 100% chỉ tiêu.",
    ),
    (
        "Đảng viên gương mẫu",
        "Mỗi đảng viên phải gương mẫu trong công việc.",
    ),
];

/// The hits of `query` by every way the shared library has to them
/// (`SearchPath`), which must agree; the local library has one way.
fn searched(lib: &Library, query: &str, limit: usize) -> Vec<SearchHit> {
    let by = |path| lib.search(query, &SearchOptions { limit, path }).unwrap();
    let hits = by(SearchPath::Auto);
    for path in [SearchPath::TitleSteps, SearchPath::AllAtOnce] {
        let other = by(path);
        let ids = |h: &[SearchHit]| h.iter().map(|h| (h.id, h.score)).collect::<Vec<_>>();
        assert_eq!(ids(&other), ids(&hits), "{query:?} by {path:?}");
    }
    hits
}

fn found(lib: &Library, query: &str, ids: &[i64]) -> BTreeSet<usize> {
    searched(lib, query, 50)
        .iter()
        .map(|h| {
            ids.iter()
                .position(|id| *id == h.id)
                .expect("a hit is one of ours")
        })
        .collect()
}

fn search_finds_the_same_articles(lib: &Library) {
    let contents: Vec<Content> = CORPUS.iter().map(|(t, b)| content(t, b)).collect();
    let ids = lib
        .insert_articles(&contents, RevisionReason::Import, t0())
        .unwrap();
    let cases: &[(&str, &[usize])] = &[
        ("van hoa", &[0, 2]), // "hoa" starts "hoàn" too
        ("VĂN HOÁ", &[0, 2]),
        ("văn hóa công sở", &[0]),
        ("van", &[0, 1, 2]), // the last word may start a word: văn, vận
        ("cong s", &[0]),    // "s" starts "sở"
        ("dang vien", &[0, 3]),
        ("duong", &[1]),
        ("duong lang", &[1]),
        ("lang duong", &[1]), // every word, in any order
        ("guong mau", &[3]),
        ("100", &[2]),
        ("hoa xyz", &[]),
        ("xyz", &[]),
        ("", &[]),
    ];
    for (query, want) in cases {
        let got = found(lib, query, &ids);
        let want: BTreeSet<usize> = want.iter().copied().collect();
        assert_eq!(got, want, "query {query:?}");
    }
    // The hit shows the article's own spelling around the words.
    let hits = lib.search("cong so", &SearchOptions::default()).unwrap();
    assert_eq!(hits[0].title, "Văn hóa công sở");
    assert!(
        hits[0].marked_snippet("[", "]").contains("[công] [sở]"),
        "{:?}",
        hits[0]
    );
    assert!(!hits[0].title_marks.is_empty());
}

/// The same order on both backends: more query words in the title first,
/// then in title, summary, author and tags, then the most recently changed.
fn search_ranks_title_words_first(lib: &Library) {
    let add = |title: &str, summary: &str, body: &str, minute: i64| {
        let c = Content {
            summary: summary.into(),
            ..content(title, body)
        };
        let at = t0() + Duration::minutes(minute);
        lib.insert_articles(&[c], RevisionReason::Import, at)
            .unwrap()[0]
    };
    let in_title = add("Thôn Lạc Nam làm đường", "", "Họp ở nhà văn hóa thôn.", 1);
    let body = add(
        "Gương sáng",
        "",
        "Năm nay phong trào văn hóa giữ liên lạc.",
        2,
    );
    let older_body = add("Tin ngắn", "", "Văn hóa năm nay, liên lạc thường xuyên.", 0);
    let in_summary = add("Tin mới", "Văn hóa ở xã", "Năm nay giữ liên lạc tốt.", 3);
    let all_in_title = add("Văn hóa thôn Lạc Nam", "", "Bài viết.", -5);
    // Saved last: among equals the most recently changed comes first.
    let c = content("Tin ngắn", "Văn hóa năm nay, liên lạc thường xuyên hơn.");
    let later = t0() + Duration::minutes(9);
    lib.save_article(older_body, &c, RevisionReason::Save, later)
        .unwrap();
    let order = |q: &str, limit| -> Vec<i64> {
        let hits = searched(lib, q, limit);
        hits.iter().map(|h| h.id).collect()
    };
    let want = [all_in_title, in_title, in_summary, older_body, body];
    assert_eq!(order("văn hoá lac nam", 10), want);
    assert_eq!(
        order("VAN HOA LAC NA", 10),
        want,
        "the last word is a prefix"
    );
    assert_eq!(order("van hoa lac nam", 2), want[..2]);
    let hits = lib
        .search("van hoa lac nam", &SearchOptions::default())
        .unwrap();
    assert!(hits[0].score < hits[1].score && hits[3].score == hits[4].score);
}

fn a_query_is_only_text(lib: &Library) {
    let contents: Vec<Content> = CORPUS.iter().map(|(t, b)| content(t, b)).collect();
    let ids = lib
        .insert_articles(&contents, RevisionReason::Import, t0())
        .unwrap();
    for query in [
        "'; DROP TABLE articles; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "%%% ___",
        "\\",
        "van' OR 'a'='a",
        "NEAR(van hoa)",
        "van* OR NOT hoa",
    ] {
        let got = found(lib, query, &ids);
        assert!(got.len() <= 1, "query {query:?} found {got:?}");
    }
    assert_eq!(lib.count_articles().unwrap(), CORPUS.len());
}
