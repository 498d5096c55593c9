//! Helpers for the rules' unit tests.

use crate::check::{Checker, Finding, Settings};
use crate::model::{Content, Kind, Profile};

/// A news article with `body`.
pub fn article(body: &str) -> Content {
    Content {
        title: "Tin thử".into(),
        author: "Ban Dân vận".into(),
        body: body.into(),
        ..Default::default()
    }
}

/// A complete, well-formed report, and a profile that fills every block.
pub fn report() -> (Content, Profile) {
    let mut c = article("Chi bộ báo cáo kết quả như sau.");
    c.kind = Kind::BaoCao;
    c.summary = "về kết quả xây dựng văn hóa công sở".into();
    c.date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24);
    c.extra.insert("so_hieu".into(), "12-BC/CB".into());
    c.extra.insert(
        "noi_nhan".into(),
        serde_json::json!(["Đảng ủy xã (để b/c)", "Lưu chi bộ"]),
    );
    let mut p = Profile::default();
    for (k, v) in [
        ("cap_tren", "ĐẢNG BỘ XÃ XUÂN HỒNG"),
        ("co_quan", "CHI BỘ CƠ QUAN"),
        ("ky_hieu", "CB"),
        ("dia_danh", "Xuân Hồng"),
        ("tm", "T/M CHI BỘ"),
        ("chuc_vu_ky", "BÍ THƯ"),
        ("nguoi_ky", "Nguyễn Văn A"),
    ] {
        p.fields.insert(k.into(), v.into());
    }
    (c, p)
}

/// The findings of rule `id` on `content`.
pub fn run(id: &str, content: &Content, profile: &Profile) -> Vec<Finding> {
    Checker::new(Settings::from_profile(profile)).check_rule(content, profile, id)
}

/// The findings of rule `id` on a news article with `body`.
pub fn on_body(id: &str, body: &str) -> Vec<Finding> {
    run(id, &article(body), &Profile::default())
}
