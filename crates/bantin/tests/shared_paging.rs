//! The library list a page at a time (`Library::list_page`), on both
//! backends: the pages in a row are the whole list in its order (most
//! recently changed first, then by id), and articles changed, added or put
//! in the recycle bin between two pages neither come twice nor push another
//! article out of the pages still to read. With the Thư viện's filters
//! (`Library::list_filtered`) the pages in a row are every match, the
//! oldest ones too, with the same answers on both backends. The shared side
//! needs the cluster from scripts/test.sh (BANTIN_TEST_PG).

mod shared_common;

use std::collections::BTreeSet;

use bantin::model::{
    ArticleSummary, Content, Kind, ListFilter, PageFrom, RevisionReason, Status, category_key,
};
use bantin::store::Library;
use chrono::{DateTime, Duration, TimeZone, Utc};

use shared_common::on_both;

on_both!(
    the_pages_in_a_row_are_the_list,
    changes_between_pages_skip_nothing_and_repeat_nothing,
    a_filtered_list_pages_through_every_match,
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
fn pages(lib: &Library, from: Option<PageFrom>, size: usize) -> Vec<Vec<ArticleSummary>> {
    filtered_pages(lib, &ListFilter::default(), from, size)
}

/// Like `pages`, of the articles that pass `filter`.
fn filtered_pages(
    lib: &Library,
    filter: &ListFilter,
    mut from: Option<PageFrom>,
    size: usize,
) -> Vec<Vec<ArticleSummary>> {
    let mut out = Vec::new();
    loop {
        let page = lib.list_filtered(filter, from.as_ref(), size).unwrap();
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

fn a_filtered_list_pages_through_every_match(lib: &Library) {
    // 60 articles, one a minute. The reports waiting for review and the
    // "Quốc phòng" ones are among the oldest: the first pages of the whole
    // list hold none of them.
    let categories = ["Văn hóa", "văn  hóa ", "VĂN HÓA", "Xã hội", "", "Kinh tế"];
    let mut made = Vec::new();
    for i in 0..60i64 {
        let old = i < 6;
        let c = Content {
            title: format!("Bài {i}"),
            body: format!("Nội dung {i}."),
            kind: if i % 4 == 0 {
                Kind::BaoCao
            } else {
                Kind::TinBai
            },
            status: match i % 5 {
                _ if old && i % 2 == 0 => Status::Pending,
                0 => Status::Published,
                1 | 2 => Status::Draft,
                _ => Status::Published,
            },
            category: if old {
                "Quốc phòng".into()
            } else {
                categories[i as usize % categories.len()].into()
            },
            ..Content::default()
        };
        made.push((
            lib.create_article(&c, t0() + Duration::minutes(i)).unwrap(),
            c,
        ));
    }
    // An article in the recycle bin is in no filtered list, and its
    // category, held by no other, is not offered.
    let gone = lib
        .create_article(
            &Content {
                title: "Bài đã xóa".into(),
                category: "Thể thao".into(),
                status: Status::Pending,
                ..Content::default()
            },
            t0() + Duration::hours(2),
        )
        .unwrap();
    lib.trash_article(gone, false, t0() + Duration::hours(3))
        .unwrap();
    let first_pages: Vec<i64> = ids(&lib.list_page(None, 20).unwrap());
    assert!(
        made[..6].iter().all(|(id, _)| !first_pages.contains(id)),
        "the old ones are on later pages"
    );

    let whole = lib.list_articles().unwrap();
    let filters = [
        ListFilter {
            status: Some(Status::Pending),
            ..ListFilter::default()
        },
        ListFilter {
            kind: Some(Kind::BaoCao),
            ..ListFilter::default()
        },
        ListFilter {
            category: Some("Quốc phòng".into()),
            ..ListFilter::default()
        },
        // Whatever its case and spacing: three spellings, one category.
        ListFilter {
            category: Some(" văn HÓA".into()),
            ..ListFilter::default()
        },
        ListFilter {
            status: Some(Status::Draft),
            kind: Some(Kind::BaoCao),
            category: Some("Văn hóa".into()),
        },
        ListFilter {
            status: Some(Status::Approved),
            ..ListFilter::default()
        },
        ListFilter {
            category: Some("Không có chuyên mục này".into()),
            ..ListFilter::default()
        },
        // A blank category narrows nothing.
        ListFilter {
            category: Some("  ".into()),
            ..ListFilter::default()
        },
    ];
    let by_id: std::collections::HashMap<i64, &Content> =
        made.iter().map(|(id, c)| (*id, c)).collect();
    for f in &filters {
        let want: Vec<i64> = whole
            .iter()
            .filter(|a| {
                let c = by_id[&a.id];
                f.status.is_none_or(|s| c.status == s)
                    && f.kind.is_none_or(|k| c.kind == k)
                    && f.category.as_deref().is_none_or(|x| {
                        category_key(x).is_empty() || category_key(x) == category_key(&c.category)
                    })
            })
            .map(|a| a.id)
            .collect();
        for size in [1, 4, 200] {
            let got: Vec<i64> = ids(&filtered_pages(lib, f, None, size).concat());
            assert_eq!(got, want, "{f:?}, pages of {size}");
        }
    }
    // What the filters find, counted: the same on both backends.
    let count = |f: &ListFilter| lib.list_filtered(f, None, 1000).unwrap().len();
    assert_eq!(
        filters.iter().map(count).collect::<Vec<_>>(),
        [3, 15, 6, 27, 4, 0, 0, 60]
    );
    // The first page of a filter already holds the oldest matches.
    let pending = lib.list_filtered(&filters[0], None, 200).unwrap();
    assert!(pending.iter().all(|a| a.status == Status::Pending));
    assert_eq!(pending.last().unwrap().id, made[0].0);

    let mut offered = lib.categories().unwrap();
    offered.sort();
    assert_eq!(
        offered,
        [
            "Kinh tế",
            "Quốc phòng",
            "VĂN HÓA",
            "Văn hóa",
            "Xã hội",
            "văn  hóa "
        ]
    );
}
