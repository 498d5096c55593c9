//! Exporting bundles of several library articles at once: one zip each,
//! named by date and slug, with progress reported as each one finishes.

mod bundle_common;

use bundle_common::*;
use chrono::{TimeZone, Utc};

#[test]
fn exports_one_bundle_per_article_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let t = Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).unwrap();
    let lib = bantin::store::Library::open(&dir.path().join("thu-vien.db"), t).unwrap();
    let ids: Vec<i64> = bantin::sample::add_samples(&lib, t)
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let out = dir.path().join("goi");
    std::fs::create_dir(&out).unwrap();
    let mut events = Vec::new();
    let paths = bantin::export::export_bundles(&lib, &ids, &out, true, now(), &mut |p| {
        events.push((p.done, p.total, p.path.is_some()));
        true
    })
    .unwrap();
    assert_eq!(paths.len(), 3);
    assert_eq!(
        paths[1].file_name().unwrap(),
        "2026-11-24-bao-cao-ket-qua-xay-dung-van-hoa-cong-so-nam-2026.zip"
    );
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let report = b::check_bundle(&bytes).unwrap();
        assert!(report.is_ok(), "{}: {:?}", p.display(), report.problems);
        assert!(unzip(&bytes).iter().any(|(n, _)| n == "article.pdf"));
    }
    assert_eq!(
        events,
        [
            (0, 3, false),
            (1, 3, true),
            (1, 3, false),
            (2, 3, true),
            (2, 3, false),
            (3, 3, true)
        ]
    );
}
