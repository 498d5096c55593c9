//! `dau-cach-truoc-dau-cau`: a space before , . ; : ! ? — Vietnamese, like
//! English, writes the mark right after the word.

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "dau-cach-truoc-dau-cau",
    severity: Severity::CanhBao,
    what: "Dấu cách đứng trước dấu , . ; : ! ?",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        let bytes = text.as_bytes();
        for i in 1..bytes.len() {
            if bytes[i - 1] != b' ' || !b",.;:!?".contains(&bytes[i]) {
                continue;
            }
            let c = char::from(bytes[i]);
            let spaces = text[..i].len() - text[..i].trim_end_matches(' ').len();
            let start = r.start + i - spaces;
            let before = cx.body[..start].chars().next_back();
            let after = cx.body[r.start + i + 1..].chars().next();
            // Not at a line start or a table cell, not "...", not ".vn".
            if before.is_none_or(|b| b == '\n' || b == '|' || b == '.')
                || after.is_some_and(|a| a == '.' || a.is_alphanumeric())
                || cx.body[start..r.start + i].contains('\n')
            {
                continue;
            }
            let end = r.start + i + 1;
            out.push(
                cx.at(
                    &RULE,
                    start..end,
                    format!(
                        "Có dấu cách trước dấu \"{c}\"; dấu câu viết liền sau từ đứng trước nó."
                    ),
                )
                .with_fix(c.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_spaces_before_marks() {
        let f = on_body("dau-cach-truoc-dau-cau", "Văn hóa , công sở ; tốt !");
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.text.as_str(), f.fix.as_deref().unwrap()))
            .collect();
        assert_eq!(got, [(" ,", ","), (" ;", ";"), (" !", "!")]);
    }

    #[test]
    fn passes_tight_marks_ellipses_and_tables() {
        assert!(
            on_body(
                "dau-cach-truoc-dau-cau",
                "Văn hóa, công sở; và ... tiếp.\n\n| : | .5 |"
            )
            .is_empty()
        );
    }
}
