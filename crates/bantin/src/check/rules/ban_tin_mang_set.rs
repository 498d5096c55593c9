//! `ban-tin-mang-set`: the masthead on page 1 carries the bulletin's name,
//! its publishing body, its number and its date or period (Luật Báo chí
//! 2016 asks for the name, the publishing body and the date); an empty
//! setting would print a gap.

use super::BulletinContext;
use crate::check::{BulletinRule, Finding, Setting, Severity};

pub const RULE: BulletinRule = BulletinRule {
    id: "ban-tin-mang-set",
    severity: Severity::Loi,
    what: "Bản tin: măng-sét thiếu tên bản tin hoặc cơ quan xuất bản (lỗi), số hoặc ngày, kỳ phát hành (cảnh báo)",
    check,
};

fn check(cx: &BulletinContext, out: &mut Vec<Finding>) {
    let b = cx.bulletin;
    let mut missing = |key: &'static str, severity, message: &str| {
        out.push(
            Finding::new(RULE.id, severity, message.into())
                .with_setting(Setting::Bulletin { id: b.id, key }),
        );
    };
    if b.name.trim().is_empty() {
        missing(
            "name",
            Severity::Loi,
            "Bản tin chưa có tên; măng-sét sẽ in để trống dòng tên.",
        );
    }
    let publisher_from_profile = ["cap_tren", "co_quan"]
        .iter()
        .any(|k| cx.profile.get(k).is_some());
    if b.publisher.trim().is_empty() && !publisher_from_profile {
        missing(
            "publisher",
            Severity::Loi,
            "Măng-sét chưa có cơ quan xuất bản: bản tin chưa ghi, thông tin đơn vị cũng chưa có cấp trên và cơ quan ban hành.",
        );
    }
    if b.number.trim().is_empty() {
        missing(
            "number",
            Severity::CanhBao,
            "Bản tin chưa có số phát hành; măng-sét sẽ không in \"Số …\".",
        );
    }
    if b.date.is_none() && b.period.trim().is_empty() {
        missing(
            "date",
            Severity::CanhBao,
            "Bản tin chưa có ngày hay kỳ phát hành; măng-sét sẽ không in thời gian.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::ban_tin_giay_phep::tests::{bulletin, run};

    #[test]
    fn finds_an_empty_masthead() {
        let mut b = bulletin();
        b.name.clear();
        b.number.clear();
        let f = run("ban-tin-mang-set", &b, &[]);
        assert_eq!(f.len(), 4, "{f:#?}");
    }

    #[test]
    fn passes_a_full_masthead() {
        let mut b = bulletin();
        b.publisher = "BAN DÂN VẬN".into();
        b.period = "Tháng 11/2026".into();
        assert!(run("ban-tin-mang-set", &b, &[]).is_empty());
    }
}
