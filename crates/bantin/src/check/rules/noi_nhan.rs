//! `noi-nhan-trong`: a report's "Nơi nhận:" must list its recipients (the
//! article's `noi_nhan`, or the profile's default), the last one "Lưu …".

use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "noi-nhan-trong",
    severity: Severity::Loi,
    what: "Báo cáo: \"Nơi nhận:\" không có nơi nào (lỗi) hoặc dòng cuối không phải \"Lưu …\" (cảnh báo)",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao || !cx.settings.report_blocks.recipients {
        return;
    }
    let recipients = cx.content.recipients(cx.profile);
    let recipients: Vec<&str> = recipients
        .iter()
        .map(|r| r.trim().trim_start_matches(['-', '–']).trim())
        .filter(|r| !r.is_empty())
        .collect();
    let Some(last) = recipients.last() else {
        out.push(
            Finding::general(&RULE, "\"Nơi nhận:\" của báo cáo đang trống; hãy ghi các nơi nhận trong bài hoặc nơi nhận mặc định trong thông tin đơn vị.".into())
                .with_setting(Setting::Profile("noi_nhan")),
        );
        return;
    };
    if !last.starts_with("Lưu") {
        out.push(
            Finding::general(&RULE, format!(
                "Dòng cuối của \"Nơi nhận:\" là \"{last}\"; theo thể thức, dòng cuối là nơi lưu văn bản, ví dụ \"Lưu Văn phòng\" hoặc \"Lưu chi bộ\"."
            ))
            .with_severity(Severity::CanhBao)
            .with_text(last.to_string())
            .with_setting(Setting::Article("noi_nhan")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{report, run};

    #[test]
    fn finds_empty_and_unfiled_lists() {
        let (mut c, p) = report();
        c.extra
            .insert("noi_nhan".into(), serde_json::json!(["Đảng ủy xã"]));
        assert_eq!(run("noi-nhan-trong", &c, &p).len(), 1);
        c.extra.remove("noi_nhan");
        let f = run("noi-nhan-trong", &c, &p);
        assert_eq!(f[0].severity, crate::check::Severity::Loi);
    }

    #[test]
    fn passes_a_filed_list() {
        let (c, p) = report();
        assert!(run("noi-nhan-trong", &c, &p).is_empty());
    }
}
