//! `ban-tin-noi-bo`: a bulletin without a licence may only circulate
//! internally, so its masthead must say "LƯU HÀNH NỘI BỘ".

use super::BulletinContext;
use crate::check::{BulletinRule, Finding, Setting, Severity};

pub const RULE: BulletinRule = BulletinRule {
    id: "ban-tin-noi-bo",
    severity: Severity::CanhBao,
    what: "Bản tin không có giấy phép mà không ghi \"Lưu hành nội bộ\"",
    check,
};

fn check(cx: &BulletinContext, out: &mut Vec<Finding>) {
    let b = cx.bulletin;
    if b.licensed || b.internal {
        return;
    }
    let message = "Bản tin không có giấy phép xuất bản chỉ được lưu hành nội bộ; hãy bật \"Lưu hành nội bộ\" để măng-sét in dòng này, hoặc ghi thông tin giấy phép nếu bản tin có phép.";
    out.push(
        Finding::new(RULE.id, RULE.severity, message.into()).with_setting(Setting::Bulletin {
            id: b.id,
            key: "internal",
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::super::ban_tin_giay_phep::tests::{bulletin, run};

    #[test]
    fn finds_public_unlicensed_bulletin() {
        let mut b = bulletin();
        b.internal = false;
        assert_eq!(run("ban-tin-noi-bo", &b, &[]).len(), 1);
    }

    #[test]
    fn passes_internal_or_licensed() {
        let mut b = bulletin();
        assert!(run("ban-tin-noi-bo", &b, &[]).is_empty());
        b.internal = false;
        b.licensed = true;
        assert!(run("ban-tin-noi-bo", &b, &[]).is_empty());
    }
}
