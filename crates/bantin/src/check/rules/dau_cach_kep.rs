//! `dau-cach-kep`: two or more spaces between words. Leading indentation,
//! the two trailing spaces of a Markdown line break and table padding are
//! left alone.

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "dau-cach-kep",
    severity: Severity::GoiY,
    what: "Hai dấu cách liền nhau giữa các từ",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b' ' {
                i += 1;
                continue;
            }
            let run = b[i..].iter().take_while(|&&c| c == b' ').count();
            let (before, after) = (i.checked_sub(1).map(|k| b[k]), b.get(i + run).copied());
            let between_words =
                matches!(before, Some(c) if c != b'|') && matches!(after, Some(c) if c != b'|');
            if run >= 2 && between_words {
                let range = r.start + i..r.start + i + run;
                out.push(
                    cx.at(
                        &RULE,
                        range,
                        "Có nhiều dấu cách liền nhau; giữa hai từ chỉ cần một dấu cách.".into(),
                    )
                    .with_fix(" "),
                );
            }
            i += run;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_double_spaces() {
        let f = on_body("dau-cach-kep", "Văn  hóa công   sở.");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].column, f[0].text.as_str()), (4, "  "));
    }

    #[test]
    fn passes_breaks_indents_and_tables() {
        assert!(
            on_body(
                "dau-cach-kep",
                "Dòng một  \nDòng hai\n\n| a  |  b |\n\n  - mục"
            )
            .is_empty()
        );
    }
}
