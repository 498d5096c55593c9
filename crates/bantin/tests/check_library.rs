//! Kiểm tra with the library behind it, as the app runs it: the image rule
//! sees each photo's size and the template's measure, and "Vẫn xuất" is
//! kept beside the revision exported, never by changing the revision.

use bantin::check::{Checker, Severity};
use bantin::export::{Subject, check_content, errors_before_export, go_on_anyway};
use chrono::{TimeZone, Utc};

fn library() -> (tempfile::TempDir, bantin::store::Library, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let t = Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).unwrap();
    let lib = bantin::store::Library::open(&dir.path().join("thu-vien.bantin"), t).unwrap();
    let ids = bantin::sample::add_samples(&lib, t)
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    (dir, lib, ids)
}

/// The sample photo made `width` pixels wide, as a JPEG.
fn photo(width: u32) -> Vec<u8> {
    let img = image::load_from_memory(bantin::sample::IMAGES[0].1).unwrap();
    let small = img.resize(width, width, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    small
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

#[test]
fn the_sample_photo_prints_sharp() {
    let (_dir, lib, ids) = library();
    // 1600 px across the article template's 170 mm measure: about 239 dpi,
    // so a new user's first article is not flagged.
    let a = lib.article(ids[0]).unwrap();
    assert!(a.content.body.contains("](asset:"));
    let f = check_content(&lib, &mut Checker::default(), Some(ids[0]), &a.content).unwrap();
    assert!(
        f.iter().all(|f| f.rule != "anh-do-phan-giai-thap"),
        "{f:#?}"
    );
}

#[test]
fn a_photo_printed_below_150_dpi_is_found_with_its_size() {
    let (_dir, lib, ids) = library();
    let t = Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap();
    let small = lib
        .put_asset(
            &bantin::store::assets::NewAsset {
                bytes: photo(960),
                mime: "image/jpeg".into(),
                original_name: "zalo.jpg".into(),
            },
            t,
        )
        .unwrap();
    let a = lib.article(ids[0]).unwrap();
    let mut content = a.content.clone();
    let start = content.body.find("](asset:").unwrap() + 8;
    content.body.replace_range(start..start + 64, &small);
    // 960 px across 170 mm: about 143 dpi.
    let mut checker = Checker::default();
    let f = check_content(&lib, &mut checker, Some(ids[0]), &content).unwrap();
    let low: Vec<_> = f
        .iter()
        .filter(|f| f.rule == "anh-do-phan-giai-thap")
        .collect();
    assert_eq!(low.len(), 1, "{f:#?}");
    assert!(low[0].message.contains("143 dpi"), "{}", low[0].message);
    assert_eq!(low[0].severity, Severity::CanhBao);
    // The same checker again (the next keystroke) knows the size already.
    let again = check_content(&lib, &mut checker, Some(ids[0]), &content).unwrap();
    assert_eq!(again, f);
    // An article whose photo is left out has nothing to say.
    let mut without = content.clone();
    without.body = without.body.replace("![", "[");
    let f = check_content(&lib, &mut Checker::default(), Some(ids[0]), &without).unwrap();
    assert!(f.iter().all(|f| f.rule != "anh-do-phan-giai-thap"));
}

#[test]
fn going_on_despite_the_errors_is_kept_with_the_revision() {
    let (_dir, lib, ids) = library();
    let report = ids[1];
    // No organisation profile yet: the report's header would print blank.
    let errors = errors_before_export(&lib, Subject::Article(report)).unwrap();
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|f| f.severity == Severity::Loi));
    let before = lib.history(report).unwrap();
    let revision = lib.article(report).unwrap().revision;

    let t = Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap();
    assert_eq!(
        go_on_anyway(&lib, Subject::Article(report), "pdf", t).unwrap(),
        errors.len()
    );
    let kept = lib.export_choices(report).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].exported,
        bantin::store::Exported::Article {
            id: report,
            revision
        }
    );
    assert_eq!((kept[0].what.as_str(), kept[0].created_at), ("pdf", t));
    let rules: Vec<_> = kept[0].findings.iter().map(|p| p.rule.as_str()).collect();
    let found: Vec<_> = errors.iter().map(|f| f.rule).collect();
    assert_eq!(rules, found);
    // The revisions are as they were: no new one, none changed.
    assert_eq!(lib.history(report).unwrap(), before);

    // Another article has none.
    assert!(lib.export_choices(ids[0]).unwrap().is_empty());
}
