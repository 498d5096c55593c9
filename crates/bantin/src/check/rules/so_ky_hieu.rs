//! `so-ky-hieu`: a report's number and symbol (`so_hieu`), printed as
//! "Số 12-BC/CB": present (else the print shows "Số       -BC/…"), written
//! the Party way (number, hyphen, type abbreviation, slash, issuer; no colon
//! after "Số"), and with the type abbreviation of the document's type.

use crate::check::{Context, Finding, Rule, Setting, Severity};
use crate::model::Kind;

pub const RULE: Rule = Rule {
    id: "so-ky-hieu",
    severity: Severity::Loi,
    what: "Báo cáo: số và ký hiệu thiếu, sai dạng \"12-BC/CB\", có dấu hai chấm sau \"Số\", hoặc không khớp loại văn bản",
    check,
};

/// Type names and their abbreviations in the symbol (TEMPLATES.md).
const TYPES: &[(&str, &[&str])] = &[
    ("bao-cao", &["BC"]),
    ("nghi-quyet", &["NQ"]),
    ("quyet-dinh", &["QĐ"]),
    ("quy-dinh", &["QĐ", "QĐi"]),
    ("chi-thi", &["CT"]),
    ("ke-hoach", &["KH"]),
    ("thong-bao", &["TB"]),
    ("huong-dan", &["HD"]),
    ("cong-van", &["CV"]),
];

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.content.kind != Kind::BaoCao {
        return;
    }
    let value = match cx.content.extra.get("so_hieu") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if value.trim().is_empty() {
        let abbr = cx.field_or_profile("ky_hieu").unwrap_or("…");
        out.push(
            Finding::general(&RULE, format!(
                "Báo cáo chưa có số và ký hiệu; bản in sẽ để trống thành \"Số       -BC/{abbr}\". Hãy ghi, ví dụ \"12-BC/{abbr}\"."
            ))
            .with_setting(Setting::Article("so_hieu")),
        );
        return;
    }
    let lead = value.len() - value.trim_start().len();
    let mut rest = value.trim();
    if let Some(after) = rest.strip_prefix("Số").or_else(|| rest.strip_prefix("số")) {
        let after_colon = after.trim_start();
        if let Some(tail) = after_colon.strip_prefix(':') {
            let end = value.len() - tail.trim_start().len();
            out.push(
                cx.in_field(&RULE, "so_hieu", &value, lead..end, "Văn bản của Đảng viết \"Số 12-BC/CB\", không có dấu hai chấm sau \"Số\" (dấu hai chấm là cách viết của văn bản nhà nước); ở đây chỉ cần ghi \"12-BC/CB\".".into())
                    .with_fix(""),
            );
            rest = tail.trim_start();
        } else {
            rest = after_colon;
        }
    }
    let Some((typ, _issuer)) = parse(rest) else {
        let state = rest.contains('/')
            && rest
                .split('/')
                .next()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        let why = if state {
            " (đây là cách viết của văn bản nhà nước \"12/BC-…\")"
        } else {
            ""
        };
        out.push(
            Finding::general(&RULE, format!(
                "Số và ký hiệu \"{rest}\" không đúng dạng của văn bản Đảng{why}: số, gạch nối, chữ viết tắt tên loại, gạch chéo, chữ viết tắt cơ quan, ví dụ \"12-BC/CB\"."
            ))
            .with_text(rest.to_string())
            .with_setting(Setting::Article("so_hieu")),
        );
        return;
    };
    let type_name = cx.extra("loai_van_ban").unwrap_or("BÁO CÁO");
    let folded = crate::text::slugify(type_name);
    if let Some((_, abbrs)) = TYPES.iter().find(|(n, _)| *n == folded)
        && !abbrs.contains(&typ)
    {
        out.push(
            Finding::general(&RULE, format!(
                "Ký hiệu \"{typ}\" trong \"{rest}\" không khớp loại văn bản \"{}\" (viết tắt là \"{}\").",
                type_name.to_uppercase(),
                abbrs[0]
            ))
            .with_severity(Severity::CanhBao)
            .with_text(rest.to_string())
            .with_setting(Setting::Article("so_hieu")),
        );
    }
}

/// "12-BC/CB" → ("BC", "CB"); `None` when not in that form.
fn parse(s: &str) -> Option<(&str, &str)> {
    let (number, rest) = s.split_once('-')?;
    let (typ, issuer) = rest.split_once('/')?;
    let upper =
        |t: &str| !t.is_empty() && t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    let typ_ok = typ.chars().next().is_some_and(char::is_uppercase)
        && upper(typ.strip_suffix('i').unwrap_or(typ));
    (!number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && typ_ok
        && issuer.split('-').all(upper))
    .then_some((typ, issuer))
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{report, run};

    fn with(so_hieu: Option<&str>) -> Vec<crate::check::Finding> {
        let (mut c, p) = report();
        match so_hieu {
            Some(s) => c.extra.insert("so_hieu".into(), s.into()),
            None => c.extra.remove("so_hieu"),
        };
        run("so-ky-hieu", &c, &p)
    }

    #[test]
    fn finds_missing_colon_and_malformed() {
        assert!(with(None)[0].message.contains("-BC/CB"));
        let f = with(Some("Số: 12-BC/CB"));
        assert_eq!(
            (f.len(), f[0].text.as_str(), f[0].fix.as_deref()),
            (1, "Số: ", Some(""))
        );
        assert_eq!(with(Some("12/BC-CB")).len(), 1);
        assert_eq!(
            with(Some("12-KH/CB"))[0].severity,
            crate::check::Severity::CanhBao
        );
    }

    #[test]
    fn passes_party_style() {
        assert!(with(Some("12-BC/CB")).is_empty());
        assert!(with(Some("Số 05-BC/ĐU-BDV")).is_empty());
    }
}
