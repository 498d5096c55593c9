//! `thong-tin-don-vi`: a report's header blocks (superior body, issuing
//! body) come from the organisation profile; an empty field would print a
//! blank line. The finding names the field (`Setting::Profile`) and each
//! door says where to set it.

use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "thong-tin-don-vi",
    severity: Severity::Loi,
    what: "Báo cáo: trường thông tin đơn vị (cấp trên, cơ quan ban hành) còn trống nên bản in để trống",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao {
        return;
    }
    for key in ["cap_tren", "co_quan"] {
        if let Some(f) = missing_profile_field(cx, &RULE, key) {
            out.push(f);
        }
    }
}

/// A finding for a profile field the report prints but nobody set.
pub(super) fn missing_profile_field(
    cx: &Context,
    rule: &Rule,
    key: &'static str,
) -> Option<Finding> {
    if cx.field_or_profile(key).is_some() {
        return None;
    }
    let what = crate::model::PROFILE_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, d)| d);
    Some(
        Finding::general(
            rule,
            format!(
                "Chưa đặt \"{what}\" trong thông tin đơn vị; dòng này trên báo cáo sẽ in để trống."
            ),
        )
        .with_setting(Setting::Profile(key)),
    )
}

#[cfg(test)]
mod tests {
    use crate::check::Setting;
    use crate::check::rules::testing::{report, run};

    #[test]
    fn names_the_empty_field() {
        let (c, mut p) = report();
        p.fields.remove("co_quan");
        let f = run("thong-tin-don-vi", &c, &p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].setting, Some(Setting::Profile("co_quan")));
    }

    #[test]
    fn passes_a_full_profile() {
        let (c, p) = report();
        assert!(run("thong-tin-don-vi", &c, &p).is_empty());
    }
}
