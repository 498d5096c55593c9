use super::*;
use crate::model::{Kind, RevisionReason, Status};
use chrono::{NaiveDate, TimeZone, Utc};

fn content(body: &str) -> Content {
    Content {
        title: "Thôn Lạc Nam làm đường".into(),
        body: body.into(),
        ..Content::default()
    }
}

fn texts(pieces: &[Piece]) -> Vec<(Op, &str)> {
    pieces.iter().map(|p| (p.op, p.text.as_str())).collect()
}

#[test]
fn a_changed_word_is_one_word_removed_and_one_added() {
    let d = word_diff(
        "Chi bộ vận động 46 hộ hiến đất.",
        "Chi bộ vận động 52 hộ hiến đất.",
    );
    assert_eq!(
        texts(&d),
        [
            (Op::Same, "Chi bộ vận động"),
            (Op::Removed, "46"),
            (Op::Added, "52"),
            (Op::Same, "hộ hiến đất."),
        ]
    );
}

#[test]
fn words_are_aligned_inside_the_changed_stretch_and_paragraphs_kept() {
    let d = word_diff(
        "Mở đầu.\n\nMỗi đảng viên gương mẫu.\nKết thúc.",
        "Mở đầu.\n\nMỗi đảng viên phải thật gương mẫu.\nKết thúc.",
    );
    assert_eq!(
        texts(&d),
        [
            (Op::Same, "Mở đầu.\nMỗi đảng viên"),
            (Op::Added, "phải thật"),
            (Op::Same, "gương mẫu.\nKết thúc."),
        ]
    );
}

#[test]
fn a_replaced_stretch_shows_what_went_before_what_came() {
    let d = word_diff("một hai ba bốn", "một năm sáu bốn");
    assert_eq!(
        texts(&d),
        [
            (Op::Same, "một"),
            (Op::Removed, "hai ba"),
            (Op::Added, "năm sáu"),
            (Op::Same, "bốn"),
        ]
    );
    assert!(
        word_diff("giống hệt", "giống   hệt")
            .iter()
            .all(|p| p.op == Op::Same)
    );
    assert_eq!(texts(&word_diff("", "mới")), [(Op::Added, "mới")]);
}

#[test]
fn metadata_changes_name_the_fields_in_vietnamese() {
    let mut old = content("Nội dung.");
    let mut new = old.clone();
    old.extra.insert("so_hieu".into(), "12-BC/CB".into());
    old.extra.insert(
        "noi_nhan".into(),
        serde_json::json!(["Đảng ủy xã", "Lưu VP"]),
    );
    new.kind = Kind::BaoCao;
    new.status = Status::Approved;
    new.date = NaiveDate::from_ymd_opt(2026, 11, 24);
    new.title = "Thôn Lạc Nam hoàn thành đường".into();
    new.category = "Dân vận".into();
    new.extra.insert("so_hieu".into(), "15-BC/CB".into());
    new.extra
        .insert("noi_nhan".into(), serde_json::json!(["Đảng ủy xã"]));
    let c = compare(&old, &new);
    let got: Vec<(&str, &str, &str)> = c
        .fields
        .iter()
        .map(|f| (f.label.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Tiêu đề",
                "Thôn Lạc Nam làm đường",
                "Thôn Lạc Nam hoàn thành đường"
            ),
            ("Loại", "Tin bài", "Báo cáo"),
            ("Trạng thái", "Nháp", "Đã duyệt"),
            ("Ngày", "", "24/11/2026"),
            ("Chuyên mục", "", "Dân vận"),
            ("Số, ký hiệu", "12-BC/CB", "15-BC/CB"),
            ("Nơi nhận", "Đảng ủy xã; Lưu VP", "Đảng ủy xã"),
        ]
    );
    assert_eq!(c.words_added + c.words_removed, 0);
    assert!(!c.formatting_only && !c.is_empty());
    assert!(compare(&old, &old).is_empty());
}

#[test]
fn words_are_compared_as_printed_not_as_markdown() {
    let old = content("Đã có **46 hộ** hiến đất.");
    let new = content("Đã có 46 hộ hiến đất.");
    let c = compare(&old, &new);
    assert_eq!(c.words_added + c.words_removed, 0, "{:?}", c.words);
    assert!(c.formatting_only, "bold taken off is a formatting change");
    let c = compare(&old, &content("Đã có **52 hộ** hiến đất."));
    assert_eq!((c.words_added, c.words_removed), (1, 1));
}

fn revision(number: u32, reason: RevisionReason, c: Content) -> Revision {
    Revision {
        info: RevisionInfo {
            article_id: 1,
            number,
            created_at: Utc.with_ymd_and_hms(2026, 12, 2, 3, number, 0).unwrap(),
            reason,
            restored_from: None,
            title: c.title.clone(),
            size: c.body.len(),
        },
        content: c,
    }
}

#[test]
fn each_revision_says_its_word_count_and_first_changed_words() {
    let first = content("Chi bộ thôn vận động Nhân dân hiến đất làm đường.");
    let second = content(
        "Chi bộ thôn vận động Nhân dân hiến đất làm đường. Đến nay đã có 46 hộ hiến tổng cộng 1.850 mét vuông.",
    );
    let mut third = second.clone();
    third.status = Status::Pending;
    let s = summaries(&[
        revision(1, RevisionReason::Create, first),
        revision(2, RevisionReason::Autosave, second),
        revision(3, RevisionReason::Save, third),
    ]);
    assert_eq!(s[0].word_count, 11);
    assert_eq!(s[0].words_added, 11, "the first revision is all its text");
    assert!(s[0].fields.is_empty());
    assert_eq!(s[1].word_count, 23);
    assert_eq!((s[1].words_added, s[1].words_removed), (12, 0));
    let first_change = s[1].first_change.as_ref().unwrap();
    assert_eq!(first_change.op, Op::Added);
    assert_eq!(first_change.text, "Đến nay đã có 46 hộ hiến tổng…");
    assert!(s[2].first_change.is_none());
    assert_eq!(s[2].fields.len(), 1);
    assert_eq!(
        (
            s[2].fields[0].before.as_str(),
            s[2].fields[0].after.as_str()
        ),
        ("Nháp", "Chờ duyệt")
    );
    let json = serde_json::to_value(&s[1]).unwrap();
    assert_eq!(json["number"], 2, "the info is flattened for the app");
    assert_eq!(json["first_change"]["op"], "added");
}
