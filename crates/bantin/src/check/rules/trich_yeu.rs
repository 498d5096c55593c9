//! `trich-yeu`: the report's summary (trích yếu) printed under the type
//! name: present, starting in lower case ("về kết quả …"), no full stop.

use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "trich-yeu",
    severity: Severity::CanhBao,
    what: "Báo cáo: trích yếu trống, viết hoa chữ đầu hoặc có dấu chấm cuối",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao {
        return;
    }
    let s = cx.content.summary.as_str();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        out.push(
            Finding::general(
                &RULE,
                "Báo cáo chưa có trích yếu (summary); bản in sẽ lấy tên bài làm trích yếu.".into(),
            )
            .with_setting(Setting::Article("summary")),
        );
        return;
    }
    let start = s.len() - s.trim_start().len();
    if let Some(first) = trimmed.chars().next().filter(|c| c.is_uppercase()) {
        let range = start..start + first.len_utf8();
        out.push(
            cx.in_field(&RULE, "summary", s, range, "Trích yếu đứng sau tên loại văn bản nên viết chữ thường ở đầu, ví dụ \"về kết quả …\".".into())
                .with_severity(Severity::GoiY)
                .with_fix(first.to_lowercase().to_string()),
        );
    }
    if trimmed.ends_with('.') {
        let end = start + trimmed.len();
        out.push(
            cx.in_field(
                &RULE,
                "summary",
                s,
                end - 1..end,
                "Trích yếu không kết thúc bằng dấu chấm.".into(),
            )
            .with_severity(Severity::GoiY)
            .with_fix(""),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{report, run};

    #[test]
    fn finds_capital_and_full_stop() {
        let (mut c, p) = report();
        c.summary = "Về kết quả năm 2026.".into();
        let f = run("trich-yeu", &c, &p);
        let fixes: Vec<_> = f.iter().map(|f| f.fix.as_deref().unwrap()).collect();
        assert_eq!(fixes, ["v", ""]);
        let (fixed, n) = crate::check::apply_fixes(&c, &f);
        assert_eq!((fixed.summary.as_str(), n), ("về kết quả năm 2026", 2));
        c.summary.clear();
        assert_eq!(run("trich-yeu", &c, &p).len(), 1);
    }

    #[test]
    fn passes_a_good_summary() {
        let (c, p) = report();
        assert!(run("trich-yeu", &c, &p).is_empty());
    }
}
