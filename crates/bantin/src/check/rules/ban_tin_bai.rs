//! `ban-tin-bai`: every article of an issue has a title and an author line
//! (the bulletin prints the author, right-aligned in bold, at its end); an
//! issue without articles prints nothing but its masthead.

use super::BulletinContext;
use crate::check::{BulletinRule, Finding, Severity};

pub const RULE: BulletinRule = BulletinRule {
    id: "ban-tin-bai",
    severity: Severity::Loi,
    what: "Bản tin: chưa có bài, hoặc một bài thiếu tiêu đề (lỗi) hay dòng tác giả (cảnh báo)",
    check,
};

fn check(cx: &BulletinContext, out: &mut Vec<Finding>) {
    let finding = |severity, text: String, message: String| {
        Finding::new(RULE.id, severity, message).with_text(text)
    };
    if cx.articles.is_empty() {
        out.push(finding(
            Severity::Loi,
            String::new(),
            "Số bản tin này chưa có bài nào.".into(),
        ));
    }
    for a in cx.articles {
        let c = &a.content;
        if c.title.trim().is_empty() {
            out.push(finding(
                Severity::Loi,
                String::new(),
                format!("Bài số {} trong bản tin chưa có tiêu đề.", a.id),
            ));
        }
        if c.author.trim().is_empty() {
            out.push(finding(Severity::CanhBao, c.title.clone(), format!(
                "Bài \"{}\" (số {}) chưa có dòng tác giả – nguồn; bản tin in tác giả ở cuối mỗi bài.",
                c.title, a.id
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::ban_tin_giay_phep::tests::{bulletin, run};
    use crate::model::{Article, Content};

    fn article(title: &str, author: &str) -> Article {
        Article {
            id: 3,
            content: Content {
                title: title.into(),
                author: author.into(),
                ..Default::default()
            },
            created_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            revision: 1,
            word_count: 0,
        }
    }

    #[test]
    fn finds_missing_title_author_and_articles() {
        let b = bulletin();
        assert_eq!(run("ban-tin-bai", &b, &[]).len(), 1);
        assert_eq!(run("ban-tin-bai", &b, &[article("", "")]).len(), 2);
    }

    #[test]
    fn passes_complete_articles() {
        let b = bulletin();
        assert!(run("ban-tin-bai", &b, &[article("Tin", "Ban Dân vận")]).is_empty());
    }
}
