//! The store's operations that the shared library supports so far (import,
//! list, show, save, history, restore, search), written once and run on both
//! backends: a SQLite file and a PostgreSQL database (issue 14). The shared
//! side needs the cluster from scripts/test.sh (BANTIN_TEST_PG).

mod shared_common;

use std::collections::BTreeSet;

use bantin::model::Kind;
use bantin::model::{Content, RevisionReason};
use bantin::store::assets::NewAsset;
use bantin::store::{Library, NewBulletin, SearchOptions, StoreError};
use bantin::typeset::templates::{self, TemplateText};
use chrono::{DateTime, Duration, TimeZone, Utc};

use shared_common::on_both;

on_both!(
    save_history_and_restore,
    the_list_is_most_recent_first,
    missing_articles_and_revisions_are_named,
    search_finds_the_same_articles,
    search_ranks_title_words_first,
    a_query_is_only_text,
    images_come_in_with_their_articles,
    the_recycle_bin_and_copies,
    the_profile_is_kept,
    bulletins_gather_articles_in_order,
    office_templates_are_versioned,
    going_on_anyway_is_kept_beside_the_revision,
);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap()
}

fn content(title: &str, body: &str) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        ..Content::default()
    }
}

fn save_history_and_restore(lib: &Library) {
    let first = content("Văn hóa công sở", "Cán bộ xây dựng văn hóa công sở.");
    let id = lib.create_article(&first, t0()).unwrap();
    let second = content("Văn hóa công sở (sửa)", "Thêm một câu.\n\nVà câu nữa.");
    let later = t0() + Duration::minutes(5);
    assert_eq!(
        lib.save_article(id, &second, RevisionReason::Save, later)
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        lib.save_article(id, &second, RevisionReason::Autosave, later)
            .unwrap(),
        None,
        "the same text again writes nothing"
    );
    let a = lib.article(id).unwrap();
    assert_eq!(
        (a.content.title.as_str(), a.revision),
        ("Văn hóa công sở (sửa)", 2)
    );
    assert_eq!((a.created_at, a.updated_at), (t0(), later));
    assert_eq!(a.word_count, 6);

    assert_eq!(lib.restore_revision(id, 1, later).unwrap(), 3);
    assert_eq!(lib.article(id).unwrap().content, first);
    let history = lib.history(id).unwrap();
    let reasons: Vec<_> = history
        .iter()
        .map(|r| (r.number, r.reason, r.restored_from))
        .collect();
    assert_eq!(
        reasons,
        [
            (1, RevisionReason::Create, None),
            (2, RevisionReason::Save, None),
            (3, RevisionReason::Restore, Some(1)),
        ]
    );
    assert_eq!(lib.revision(id, 2).unwrap().content, second);
    // Lịch sử says what each revision changed, and what a restore undoes.
    let lines = lib.history_summaries(id).unwrap();
    let words: Vec<_> = lines
        .iter()
        .map(|l| (l.word_count, l.words_added, l.words_removed, l.fields.len()))
        .collect();
    assert_eq!(words, [(8, 8, 0, 0), (6, 6, 8, 1), (8, 8, 6, 1)]);
    assert_eq!(lines[1].fields[0].label, "Tiêu đề");
    let back = lib.changes_since(id, 2).unwrap();
    assert_eq!((back.words_added, back.words_removed), (8, 6));
    assert_eq!(back.fields[0].after, "Văn hóa công sở");
}

fn the_list_is_most_recent_first(lib: &Library) {
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            lib.create_article(
                &content(&format!("Bài {i}"), "Nội dung."),
                t0() + Duration::hours(i),
            )
            .unwrap()
        })
        .collect();
    lib.save_article(
        ids[0],
        &content("Bài 0 (sửa)", "Khác."),
        RevisionReason::Save,
        t0() + Duration::days(1),
    )
    .unwrap();
    let list = lib.list_articles().unwrap();
    let order: Vec<i64> = list.iter().map(|a| a.id).collect();
    assert_eq!(order, [ids[0], ids[2], ids[1]]);
    assert_eq!(list[0].revision, 2);
    assert_eq!(lib.count_articles().unwrap(), 3);
}

fn missing_articles_and_revisions_are_named(lib: &Library) {
    assert!(matches!(
        lib.article(999_999),
        Err(StoreError::ArticleNotFound(999_999))
    ));
    assert!(matches!(
        lib.history(999_999),
        Err(StoreError::ArticleNotFound(_))
    ));
    let id = lib
        .create_article(&content("Một bài", "Chữ."), t0())
        .unwrap();
    assert!(matches!(
        lib.revision(id, 7),
        Err(StoreError::RevisionNotFound { number: 7, .. })
    ));
    assert!(matches!(
        lib.restore_revision(id, 7, t0()),
        Err(StoreError::RevisionNotFound { .. })
    ));
    assert!(matches!(
        lib.save_article(999_999, &content("x", "y"), RevisionReason::Save, t0()),
        Err(StoreError::ArticleNotFound(_))
    ));
}

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

fn found(lib: &Library, query: &str, ids: &[i64]) -> BTreeSet<usize> {
    lib.search(query, &SearchOptions { limit: 50 })
        .unwrap()
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
        let hits = lib.search(q, &SearchOptions { limit }).unwrap();
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

fn images_come_in_with_their_articles(lib: &Library) {
    let png = NewAsset {
        bytes: b"\x89PNG\r\n\x1a\n-not-really-a-png".to_vec(),
        mime: "image/png".into(),
        original_name: "anh.png".into(),
    };
    let sha = bantin::store::assets::sha256_hex(&png.bytes);
    let body = format!("![Ảnh](asset:{sha})");
    let c = content("Có ảnh", &body);
    let ids = lib
        .insert_with_assets(
            std::slice::from_ref(&c),
            &[&png, &png],
            RevisionReason::Import,
            t0(),
        )
        .unwrap();
    assert_eq!(lib.article(ids[0]).unwrap().content.body, body);
    assert_eq!(
        lib.put_asset(&png, t0()).unwrap(),
        sha,
        "the same image again is the same name"
    );
    assert_eq!(lib.count_assets().unwrap(), 1);
    let a = lib.asset(&sha).unwrap();
    assert_eq!(
        (a.mime.as_str(), a.size, a.original_name.as_str()),
        ("image/png", png.bytes.len(), "anh.png")
    );
    assert_eq!(lib.asset_bytes(&sha).unwrap(), png.bytes);
    assert!(matches!(
        lib.asset("0000"),
        Err(StoreError::AssetNotFound(_))
    ));
    assert!(matches!(
        lib.asset_bytes("0000"),
        Err(StoreError::AssetNotFound(_))
    ));
}

fn the_recycle_bin_and_copies(lib: &Library) {
    let id = lib
        .create_article(
            &content("Văn hóa công sở", "Cán bộ xây dựng văn hóa."),
            t0(),
        )
        .unwrap();
    lib.save_article(
        id,
        &content("Văn hóa công sở", "Bản hai."),
        RevisionReason::Save,
        t0(),
    )
    .unwrap();
    let later = t0() + Duration::hours(1);
    lib.trash_article(id, false, later).unwrap();
    assert!(matches!(
        lib.article(id),
        Err(StoreError::ArticleNotFound(_))
    ));
    assert!(lib.list_articles().unwrap().is_empty());
    assert!(
        lib.search("van hoa", &SearchOptions::default())
            .unwrap()
            .is_empty()
    );
    let trash = lib.list_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(
        (
            trash[0].article.id,
            trash[0].deleted_at,
            trash[0].article.revision
        ),
        (id, later, 2)
    );
    assert!(matches!(
        lib.trash_article(id, false, later),
        Err(StoreError::ArticleNotFound(_))
    ));

    lib.restore_from_trash(id).unwrap();
    assert!(matches!(
        lib.restore_from_trash(id),
        Err(StoreError::NotInTrash(_))
    ));
    assert_eq!(
        lib.history(id).unwrap().len(),
        2,
        "the history comes back whole"
    );
    assert_eq!(
        lib.search("van hoa", &SearchOptions::default())
            .unwrap()
            .len(),
        1
    );

    let copy = lib.duplicate_article(id, later).unwrap();
    let c = lib.article(copy).unwrap();
    assert_eq!(c.content.title, "Văn hóa công sở (bản sao)");
    assert_eq!((c.revision, c.word_count), (1, 2));
    assert_eq!(lib.history(copy).unwrap()[0].reason, RevisionReason::Create);
}

fn the_profile_is_kept(lib: &Library) {
    assert!(lib.profile().unwrap().fields.is_empty());
    lib.set_profile_field("ten_don_vi", "Ban Dân vận Đảng ủy xã A")
        .unwrap();
    lib.set_profile_field("cap_tren", "Huyện ủy B").unwrap();
    lib.set_profile_field("ten_don_vi", "Ban Dân vận xã A")
        .unwrap();
    let p = lib.profile().unwrap();
    assert_eq!(p.fields.len(), 2);
    assert_eq!(p.fields["ten_don_vi"], "Ban Dân vận xã A");
    assert_eq!(p.fields["cap_tren"], "Huyện ủy B");
}

fn bulletins_gather_articles_in_order(lib: &Library) {
    let ids: Vec<i64> = (0..4)
        .map(|i| {
            lib.create_article(&content(&format!("Bài {i}"), "Chữ."), t0())
                .unwrap()
        })
        .collect();
    let new = |name: &str, number: &str| NewBulletin {
        name: name.into(),
        number: number.into(),
        date: Some(t0().date_naive()),
    };
    assert!(matches!(
        lib.create_bulletin(&new("  ", "1"), t0()),
        Err(StoreError::BadValue { .. })
    ));
    let b = lib
        .create_bulletin(&new(" Bản tin Dân vận ", "07"), t0())
        .unwrap();
    let other = lib
        .create_bulletin(&new("Bản tin khác", "1"), t0())
        .unwrap();
    lib.add_to_bulletin(b, &[ids[0], ids[1]], None, t0())
        .unwrap();
    lib.add_to_bulletin(b, &[ids[2]], Some(1), t0()).unwrap();
    assert_eq!(lib.bulletin(b).unwrap().articles, [ids[2], ids[0], ids[1]]);
    assert!(matches!(
        lib.add_to_bulletin(b, &[ids[0]], None, t0()),
        Err(StoreError::AlreadyInBulletin { .. })
    ));
    assert!(matches!(
        lib.add_to_bulletin(b, &[999_999], None, t0()),
        Err(StoreError::ArticleNotFound(999_999))
    ));
    lib.move_in_bulletin(b, ids[2], 3, t0()).unwrap();
    lib.remove_from_bulletin(b, &[ids[0]], t0()).unwrap();
    assert_eq!(lib.bulletin(b).unwrap().articles, [ids[1], ids[2]]);
    assert!(matches!(
        lib.remove_from_bulletin(b, &[ids[3]], t0()),
        Err(StoreError::NotInBulletin { .. })
    ));
    lib.set_bulletin_articles(other, &[ids[3], ids[1]], t0())
        .unwrap();

    let mut issue = lib.bulletin(b).unwrap();
    assert_eq!(
        (issue.name.as_str(), issue.number.as_str(), issue.columns),
        ("Bản tin Dân vận", "07", 2)
    );
    issue.columns = 1;
    issue.period = " Tháng 11/2026 ".into();
    issue
        .fields
        .insert("chiu_trach_nhiem".into(), "Nguyễn Văn A".into());
    issue.fields.insert("trong".into(), "   ".into());
    lib.update_bulletin(&issue, t0() + Duration::hours(1))
        .unwrap();
    let back = lib.bulletin(b).unwrap();
    assert_eq!((back.columns, back.period.as_str()), (1, "Tháng 11/2026"));
    assert_eq!(back.fields.len(), 1);
    assert_eq!(back.updated_at, t0() + Duration::hours(1));
    issue.columns = 3;
    assert!(matches!(
        lib.update_bulletin(&issue, t0()),
        Err(StoreError::BadValue { .. })
    ));

    let list = lib.list_bulletins().unwrap();
    assert_eq!(
        list.iter().map(|s| (s.id, s.articles)).collect::<Vec<_>>(),
        [(other, 2), (b, 2)]
    );
    let with: Vec<i64> = lib
        .bulletins_with_article(ids[1])
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(with, [b, other]);

    // An article an issue prints is not deleted behind its back.
    assert!(matches!(
        lib.trash_article(ids[1], false, t0()),
        Err(StoreError::ArticleInBulletins { .. })
    ));
    lib.trash_article(ids[1], true, t0()).unwrap();
    assert_eq!(lib.bulletin(b).unwrap().articles, [ids[2]]);
    assert_eq!(lib.bulletin(other).unwrap().articles, [ids[3]]);

    lib.delete_bulletin(other).unwrap();
    assert!(matches!(
        lib.bulletin(other),
        Err(StoreError::BulletinNotFound(_))
    ));
    assert!(matches!(
        lib.delete_bulletin(other),
        Err(StoreError::BulletinNotFound(_))
    ));
    assert!(lib.article(ids[3]).is_ok(), "its articles stay");
}

#[test]
fn what_the_shared_library_cannot_do_yet_is_said_not_panicked() {
    let lib = shared_common::shared_lib("cannot_do_yet").lib;
    let id = lib
        .create_article(&content("Một bài", "Chữ."), t0())
        .unwrap();
    let e = lib.check().unwrap_err();
    assert_eq!(e.code(), "shared_unsupported");
    assert!(
        e.to_string().starts_with("Thư viện chung chưa hỗ trợ"),
        "{e}"
    );
    assert_eq!(
        lib.backup(std::path::Path::new("sao-luu.bantin"))
            .unwrap_err()
            .code(),
        "shared_unsupported"
    );
    assert!(!std::path::Path::new("sao-luu.bantin").exists());
    assert!(lib.article(id).is_ok());
    assert_eq!(lib.check().unwrap_err().code(), "shared_unsupported");
}

/// A copy of the report template with its left margin at `left_mm`.
fn report_copy(left_mm: u32) -> TemplateText {
    let text = templates::shipped_text("report")
        .unwrap()
        .replacen("name: report/hd36-2018", "name: report/hd36-2018-xa", 1)
        .replacen("left_mm: 35", &format!("left_mm: {left_mm}"), 1);
    TemplateText::parse(&text).unwrap()
}

fn office_templates_are_versioned(lib: &Library) {
    assert!(lib.list_templates().unwrap().is_empty());
    let shipped = lib.all_templates().unwrap().len();
    let first = lib.save_template(&report_copy(30), t0()).unwrap();
    assert_eq!(first.revision, 1);
    let again = lib.save_template(&report_copy(30), t0()).unwrap();
    assert_eq!(again.revision, 1, "the same text again stores nothing");
    let later = t0() + Duration::minutes(5);
    assert_eq!(
        lib.save_template(&report_copy(28), later).unwrap().revision,
        2
    );
    let latest = lib.template("report/hd36-2018-xa").unwrap().unwrap();
    assert_eq!((latest.revision, latest.created_at), (2, later));
    assert!(latest.template.text().contains("left_mm: 28"));
    let listed = lib.list_templates().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].revision, 2);
    assert_eq!(lib.all_templates().unwrap().len(), shipped + 1);
    let found = lib.find_template("report/hd36-2018-xa").unwrap();
    assert_eq!(found.file().page_template().margins.left_mm, 28.0);
    // The office default chooses it for a report.
    lib.set_profile_field("mau_bao_cao", "report/hd36-2018-xa")
        .unwrap();
    let id = lib
        .create_article(
            &Content {
                kind: Kind::BaoCao,
                ..content("Báo cáo", "Nội dung.")
            },
            t0(),
        )
        .unwrap();
    let article = lib.article(id).unwrap();
    let chosen = lib
        .chosen_template(&article, &lib.profile().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(chosen.file().name, "report/hd36-2018-xa");
    // A shipped name stays the guidance's.
    let shipped_name = TemplateText::parse(templates::shipped_text("report").unwrap()).unwrap();
    assert!(matches!(
        lib.save_template(&shipped_name, t0()),
        Err(StoreError::BadValue { .. })
    ));
}

fn going_on_anyway_is_kept_beside_the_revision(lib: &Library) {
    use bantin::export::{Subject, errors_before_export, go_on_anyway};
    use bantin::store::Exported;
    // A report with no organisation profile: its header would print blank.
    let report = Content {
        kind: Kind::BaoCao,
        ..content("Báo cáo tháng", "Nội dung báo cáo.")
    };
    let id = lib.create_article(&report, t0()).unwrap();
    let errors = errors_before_export(lib, Subject::Article(id)).unwrap();
    assert!(!errors.is_empty());
    let history = lib.history(id).unwrap();
    let later = t0() + Duration::minutes(3);
    assert_eq!(
        go_on_anyway(lib, Subject::Article(id), "pdf", later).unwrap(),
        errors.len()
    );
    let b = lib
        .create_bulletin(
            &NewBulletin {
                name: "Bản tin Dân vận".into(),
                number: "07".into(),
                date: None,
            },
            t0(),
        )
        .unwrap();
    lib.add_to_bulletin(b, &[id], None, t0()).unwrap();
    go_on_anyway(lib, Subject::Bulletin(b), "bulletin-pdf", later).unwrap();

    let kept = lib.export_choices(id).unwrap();
    assert_eq!(kept.len(), 1, "the issue's choice is not the article's");
    assert_eq!(kept[0].exported, Exported::Article { id, revision: 1 });
    assert_eq!((kept[0].what.as_str(), kept[0].created_at), ("pdf", later));
    let rules: Vec<_> = kept[0].findings.iter().map(|p| p.rule.as_str()).collect();
    let found: Vec<_> = errors.iter().map(|f| f.rule).collect();
    assert_eq!(rules, found);
    assert_eq!(kept[0].findings[0].message, errors[0].message);
    // No revision was written or changed to say so.
    assert_eq!(lib.history(id).unwrap(), history);
    let other = lib
        .create_article(&content("Tin khác", "Chữ."), t0())
        .unwrap();
    assert!(lib.export_choices(other).unwrap().is_empty());
}
