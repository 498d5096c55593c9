//! What gets printed, on both backends: bulletins gathering articles in
//! order, the office's versioned templates, and "Vẫn xuất" kept beside the
//! revision.

use bantin::model::{Content, Kind};
use bantin::store::{Library, NewBulletin, StoreError};
use bantin::typeset::templates::{self, TemplateText};
use chrono::Duration;

use crate::shared_common::on_both;
use crate::{content, t0};

on_both!(
    bulletins_gather_articles_in_order,
    office_templates_are_versioned,
    going_on_anyway_is_kept_beside_the_revision,
);

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
