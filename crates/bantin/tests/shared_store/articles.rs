//! Articles on both backends: save, history and restore, the list, missing
//! ids named, images, the recycle bin and copies, the profile; and what the
//! shared library says it cannot do yet.

use bantin::model::RevisionReason;
use bantin::store::assets::NewAsset;
use bantin::store::{Library, SearchOptions, StoreError};
use chrono::Duration;

use crate::shared_common::on_both;
use crate::{content, t0};

on_both!(
    save_history_and_restore,
    the_list_is_most_recent_first,
    missing_articles_and_revisions_are_named,
    images_come_in_with_their_articles,
    the_recycle_bin_and_copies,
    the_profile_is_kept,
);

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

#[test]
fn what_the_shared_library_cannot_do_yet_is_said_not_panicked() {
    let lib = crate::shared_common::shared_lib("cannot_do_yet").lib;
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
