//! The library list a page at a time (`Library::list_page`), on both
//! backends: the pages in a row are the whole list in its order (most
//! recently changed first, then by id), and articles changed, added or put
//! in the recycle bin between two pages neither come twice nor push another
//! article out of the pages still to read. The shared side needs the
//! cluster from scripts/test.sh (BANTIN_TEST_PG).

mod shared_common;

use std::collections::BTreeSet;

use bantin::model::{ArticleSummary, Content, PageFrom, RevisionReason};
use bantin::store::Library;
use chrono::{DateTime, Duration, TimeZone, Utc};

use shared_common::on_both;

on_both!(
    the_pages_in_a_row_are_the_list,
    changes_between_pages_skip_nothing_and_repeat_nothing,
);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap()
}

fn content(title: &str) -> Content {
    Content {
        title: title.into(),
        body: format!("Nội dung của {title}."),
        ..Content::default()
    }
}

/// Every page after `from` until the list ends, `size` lines each.
fn pages(lib: &Library, mut from: Option<PageFrom>, size: usize) -> Vec<Vec<ArticleSummary>> {
    let mut out = Vec::new();
    loop {
        let page = lib.list_page(from.as_ref(), size).unwrap();
        assert!(page.len() <= size);
        let Some(last) = page.last() else { break };
        from = Some(last.next_page());
        let full = page.len() == size;
        out.push(page);
        if !full {
            break;
        }
    }
    out
}

fn ids(lines: &[ArticleSummary]) -> Vec<i64> {
    lines.iter().map(|a| a.id).collect()
}

fn the_pages_in_a_row_are_the_list(lib: &Library) {
    // Five articles share each instant (one import), so the order within
    // an instant (by id) must carry across page boundaries too.
    for k in 0..5 {
        let batch: Vec<Content> = (0..5).map(|i| content(&format!("Bài {k}-{i}"))).collect();
        lib.insert_articles(&batch, RevisionReason::Import, t0() + Duration::minutes(k))
            .unwrap();
    }
    let whole = lib.list_articles().unwrap();
    assert_eq!(whole.len(), 25);
    for size in [1, 3, 7, 25, 100] {
        let read: Vec<ArticleSummary> = pages(lib, None, size).concat();
        assert_eq!(ids(&read), ids(&whole), "pages of {size}");
    }
    let first = lib.list_page(None, 7).unwrap();
    assert_eq!(first, whole[..7]);
    assert_eq!(
        first[..5]
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["Bài 4-4", "Bài 4-3", "Bài 4-2", "Bài 4-1", "Bài 4-0"],
        "newest first; among equals the later id first"
    );
    assert!(lib.list_page(None, 0).unwrap().is_empty());
    let after_all = whole.last().unwrap().next_page();
    assert!(lib.list_page(Some(&after_all), 10).unwrap().is_empty());
}

fn changes_between_pages_skip_nothing_and_repeat_nothing(lib: &Library) {
    let made: Vec<i64> = (0..20)
        .map(|i| {
            lib.create_article(&content(&format!("Bài {i}")), t0() + Duration::minutes(i))
                .unwrap()
        })
        .collect();
    let first = lib.list_page(None, 6).unwrap();
    assert_eq!(
        ids(&first),
        made.iter().rev().take(6).copied().collect::<Vec<_>>()
    );

    // Meanwhile: an article already read and one not read yet are saved
    // (both move to the top), the line the next page starts after goes to
    // the recycle bin, and a new article comes.
    let later = t0() + Duration::hours(1);
    let (read_one, unread_one) = (first[2].id, made[3]);
    for (i, id) in [read_one, unread_one].into_iter().enumerate() {
        lib.save_article(
            id,
            &content(&format!("Sửa {id}")),
            RevisionReason::Save,
            later + Duration::seconds(i as i64),
        )
        .unwrap();
    }
    lib.trash_article(first[5].id, false, later).unwrap();
    let added = lib
        .create_article(&content("Bài mới"), later + Duration::minutes(1))
        .unwrap();

    let rest: Vec<ArticleSummary> = pages(lib, Some(first[5].next_page()), 4).concat();
    let mut seen = BTreeSet::new();
    for id in ids(&first).into_iter().chain(ids(&rest)) {
        assert!(seen.insert(id), "article {id} listed twice");
    }
    // Every article that did not change is in the pages, in the list's order.
    let unchanged: Vec<i64> = made
        .iter()
        .rev()
        .skip(6)
        .copied()
        .filter(|id| *id != unread_one)
        .collect();
    assert_eq!(ids(&rest), unchanged);
    // What changed is at the top of the list when it is read again.
    let top = lib.list_page(None, 3).unwrap();
    assert_eq!(ids(&top), [added, unread_one, read_one]);
    assert_eq!(lib.list_articles().unwrap().len(), 20);
}
