//! `ban-tin-kho-giay`: a licensed bulletin's page may not be larger than
//! 19 × 27 cm (Luật Báo chí 2016). The 64-page cap needs the laid-out
//! issue and is the export's warning.

use super::BulletinContext;
use crate::check::{BulletinRule, Finding, Setting, Severity};

pub const RULE: BulletinRule = BulletinRule {
    id: "ban-tin-kho-giay",
    severity: Severity::Loi,
    what: "Bản tin có giấy phép in khổ lớn hơn 19 × 27 cm",
    check,
};

fn check(cx: &BulletinContext, out: &mut Vec<Finding>) {
    let b = cx.bulletin;
    let (w, h) = b.paper.size_mm();
    if !b.licensed || (w <= 190.0 && h <= 270.0) {
        return;
    }
    let message = format!(
        "Bản tin có giấy phép chỉ được in khổ tối đa 19 × 27 cm (Luật Báo chí), nhưng đang chọn khổ {}. Hãy chọn khổ 19 × 27 cm hoặc A5.",
        b.paper.label()
    );
    out.push(
        Finding::new(RULE.id, RULE.severity, message)
            .with_text(b.paper.label())
            .with_setting(Setting::Bulletin {
                id: b.id,
                key: "paper",
            }),
    );
}

#[cfg(test)]
mod tests {
    use super::super::ban_tin_giay_phep::tests::{bulletin, run};
    use crate::model::PaperSize;

    #[test]
    fn finds_a4_when_licensed() {
        let mut b = bulletin();
        b.licensed = true;
        assert_eq!(run("ban-tin-kho-giay", &b, &[]).len(), 1);
    }

    #[test]
    fn passes_19x27_or_unlicensed() {
        let mut b = bulletin();
        assert!(run("ban-tin-kho-giay", &b, &[]).is_empty());
        b.licensed = true;
        b.paper = PaperSize::B19x27;
        assert!(run("ban-tin-kho-giay", &b, &[]).is_empty());
    }
}
