//! `ban-tin-giay-phep`: a licensed bulletin prints its licence number and
//! date, printer, print run, publishing interval and the person responsible
//! at the foot of its last page (Luật Báo chí 2016).

use super::BulletinContext;
use crate::check::{BulletinRule, Finding, Setting, Severity};
use crate::model::{BULLETIN_FIELDS, LICENCE_FIELDS};

pub const RULE: BulletinRule = BulletinRule {
    id: "ban-tin-giay-phep",
    severity: Severity::Loi,
    what: "Bản tin có giấy phép: thiếu một dòng bắt buộc ở cuối trang cuối (giấy phép, nơi in, số lượng, kỳ hạn, người chịu trách nhiệm)",
    check,
};

fn check(cx: &BulletinContext, out: &mut Vec<Finding>) {
    let b = cx.bulletin;
    if !b.licensed {
        return;
    }
    if !cx.colophon_shown {
        let message = "Bản tin có giấy phép phải in các dòng giấy phép ở cuối trang cuối theo Luật Báo chí, nhưng mẫu trình bày của số này đang tắt phần \"Thông tin cuối bản tin\" nên các dòng ấy sẽ không được in. Hãy bật lại phần đó trong mẫu (Cài đặt → Mẫu trình bày → Các phần được in).";
        out.push(Finding::new(RULE.id, RULE.severity, message.into()));
    }
    for &key in LICENCE_FIELDS {
        if b.field(key).is_some() {
            continue;
        }
        let what = BULLETIN_FIELDS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, d)| d);
        let message = format!(
            "Bản tin có giấy phép phải in \"{what}\" ở cuối trang cuối theo Luật Báo chí, nhưng trường này còn trống."
        );
        out.push(
            Finding::new(RULE.id, RULE.severity, message)
                .with_setting(Setting::Bulletin { id: b.id, key }),
        );
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::model::{Bulletin, LICENCE_FIELDS, PaperSize, Profile};

    pub fn bulletin() -> Bulletin {
        let t = chrono::DateTime::UNIX_EPOCH;
        Bulletin {
            id: 1,
            name: "Bản tin Dân vận".into(),
            number: "07".into(),
            date: None,
            period: String::new(),
            publisher: String::new(),
            internal: true,
            paper: PaperSize::A4,
            columns: 2,
            licensed: false,
            fields: Default::default(),
            articles: vec![],
            created_at: t,
            updated_at: t,
        }
    }

    pub fn run(
        id: &str,
        b: &Bulletin,
        articles: &[crate::model::Article],
    ) -> Vec<crate::check::Finding> {
        crate::check::check_bulletin(b, articles, &Profile::default(), true)
            .into_iter()
            .filter(|f| f.rule == id)
            .collect()
    }

    #[test]
    fn finds_missing_licence_lines() {
        let mut b = bulletin();
        b.licensed = true;
        b.fields
            .insert("giay_phep".into(), "Số 12/GP-STTTT ngày 02/01/2026".into());
        assert_eq!(
            run("ban-tin-giay-phep", &b, &[]).len(),
            LICENCE_FIELDS.len() - 1
        );
    }

    #[test]
    fn a_template_that_hides_the_colophon_hides_the_licence_lines() {
        let mut b = bulletin();
        b.licensed = true;
        for k in LICENCE_FIELDS {
            b.fields.insert(k.to_string(), "có".into());
        }
        let hidden = crate::check::check_bulletin(&b, &[], &Profile::default(), false);
        let found: Vec<_> = hidden
            .iter()
            .filter(|f| f.rule == "ban-tin-giay-phep")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("Thông tin cuối bản tin"),
            "{}",
            found[0].message
        );
        // Not licensed: nothing must print there.
        b.licensed = false;
        let unlicensed = crate::check::check_bulletin(&b, &[], &Profile::default(), false);
        assert!(unlicensed.iter().all(|f| f.rule != "ban-tin-giay-phep"));
    }

    #[test]
    fn passes_unlicensed_or_complete() {
        let mut b = bulletin();
        assert!(run("ban-tin-giay-phep", &b, &[]).is_empty());
        b.licensed = true;
        for k in LICENCE_FIELDS {
            b.fields.insert(k.to_string(), "có".into());
        }
        assert!(run("ban-tin-giay-phep", &b, &[]).is_empty());
    }
}
