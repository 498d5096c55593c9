//! `dia-danh-ngay-thang`: the report's place-and-date line needs the place
//! (profile field `dia_danh`) and the article's date; without a date the
//! print shows the day of export.

use super::thong_tin_don_vi::missing_profile_field;
use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "dia-danh-ngay-thang",
    severity: Severity::Loi,
    what: "Báo cáo: dòng địa danh, ngày tháng thiếu địa danh (lỗi) hoặc bài chưa có ngày (gợi ý)",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao {
        return;
    }
    out.extend(missing_profile_field(cx, &RULE, "dia_danh"));
    if cx.content.date.is_none() {
        out.push(
            Finding::general(
                &RULE,
                "Báo cáo chưa có ngày (date); dòng địa danh, ngày tháng sẽ in ngày xuất bản in."
                    .into(),
            )
            .with_severity(Severity::GoiY)
            .with_setting(Setting::Article("date")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{report, run};

    #[test]
    fn finds_missing_place_and_date() {
        let (mut c, mut p) = report();
        p.fields.remove("dia_danh");
        c.date = None;
        assert_eq!(run("dia-danh-ngay-thang", &c, &p).len(), 2);
    }

    #[test]
    fn passes_when_set() {
        let (c, p) = report();
        assert!(run("dia-danh-ngay-thang", &c, &p).is_empty());
    }
}
