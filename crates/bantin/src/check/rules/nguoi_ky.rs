//! `nguoi-ky`: the signature block — authority line ("T/M CHI BỘ"), the
//! signer's title and name — present, and "T/M" / "K/T" written the Party
//! way (state documents write "TM." and "KT."). "K/T" means a deputy signs
//! for the head, so the title then starts with "PHÓ".

use super::thong_tin_don_vi::missing_profile_field;
use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "nguoi-ky",
    severity: Severity::Loi,
    what: "Báo cáo: thiếu dòng thẩm quyền, chức vụ hoặc họ tên người ký; \"T/M\", \"K/T\" viết sai",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao || !cx.settings.report_blocks.signature {
        return;
    }
    for key in ["tm", "chuc_vu_ky", "nguoi_ky"] {
        out.extend(missing_profile_field(cx, &RULE, key));
    }
    let Some(tm) = cx.field_or_profile("tm") else {
        return;
    };
    let upper = tm.to_uppercase();
    let problem = if upper.starts_with("TM.")
        || upper.starts_with("TM ")
        || upper.starts_with("KT.")
        || upper.starts_with("KT ")
    {
        Some(format!(
            "Dòng thẩm quyền \"{tm}\" viết theo văn bản hành chính nhà nước; văn bản của Đảng viết \"T/M\" (thay mặt) hoặc \"K/T\" (ký thay)."
        ))
    } else if !(upper.starts_with("T/M ") || upper.starts_with("K/T ")) {
        Some(format!(
            "Dòng thẩm quyền \"{tm}\" không bắt đầu bằng \"T/M\" (thay mặt tập thể) hoặc \"K/T\" (cấp phó ký thay)."
        ))
    } else if upper.starts_with("K/T ")
        && cx
            .field_or_profile("chuc_vu_ky")
            .is_some_and(|t| !t.to_uppercase().starts_with("PHÓ"))
    {
        Some(format!(
            "Dòng thẩm quyền \"{tm}\" là ký thay, nên chức vụ người ký phải là cấp phó (ví dụ \"PHÓ BÍ THƯ\")."
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        out.push(
            Finding::general(&RULE, message)
                .with_text(tm.to_string())
                .with_setting(Setting::Profile("tm")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{report, run};

    #[test]
    fn finds_missing_signer_and_state_style() {
        let (c, mut p) = report();
        p.fields.remove("nguoi_ky");
        p.fields.insert("tm".into(), "TM. CHI BỘ".into());
        assert_eq!(run("nguoi-ky", &c, &p).len(), 2);
        p.fields.insert("tm".into(), "K/T BÍ THƯ".into());
        p.fields.insert("nguoi_ky".into(), "Lê Văn B".into());
        assert_eq!(run("nguoi-ky", &c, &p).len(), 1);
    }

    #[test]
    fn says_nothing_when_the_template_prints_no_signature() {
        let (c, mut p) = report();
        p.fields.remove("nguoi_ky");
        let mut s = crate::check::Settings::from_profile(&p);
        s.report_blocks.signature = false;
        let f = crate::check::Checker::new(s).check_rule(&c, &p, "nguoi-ky");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn passes_a_full_signature_block() {
        let (c, mut p) = report();
        assert!(run("nguoi-ky", &c, &p).is_empty());
        p.fields.insert("tm".into(), "K/T BÍ THƯ".into());
        p.fields.insert("chuc_vu_ky".into(), "PHÓ BÍ THƯ".into());
        assert!(run("nguoi-ky", &c, &p).is_empty());
    }
}
