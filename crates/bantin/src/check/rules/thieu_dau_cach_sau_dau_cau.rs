//! `thieu-dau-cach-sau-dau-cau`: a word glued to the mark before it
//! ("sở,văn", "xong.Tiếp"). Decimal commas (92,5), times (10:30),
//! abbreviations with dots ("v.v.", "TP.HCM") and addresses are left alone.

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "thieu-dau-cach-sau-dau-cau",
    severity: Severity::CanhBao,
    what: "Thiếu dấu cách sau dấu , ; : . ! ? trước một từ",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if !b",;:!?.".contains(&b) {
                continue;
            }
            let c = char::from(b);
            let prev = text[..i].chars().next_back();
            let next = text[i + 1..].chars().next();
            let glued = match (prev, c, next) {
                (Some(p), ',' | ';' | '!' | '?' | ':', Some(n)) => {
                    p.is_alphabetic() && n.is_alphabetic()
                }
                (Some(p), '.', Some(n)) => {
                    p.is_lowercase() && n.is_uppercase() && word_before(&text[..i]) >= 2
                }
                _ => false,
            };
            if !glued {
                continue;
            }
            let at = r.start + i;
            out.push(
                cx.at(&RULE, at..at + 1, format!(
                    "Thiếu dấu cách sau dấu \"{c}\"; sau dấu câu phải có một dấu cách trước từ tiếp theo."
                ))
                .with_fix(format!("{c} ")),
            );
        }
    }
}

/// Letters in the word that ends `s`.
fn word_before(s: &str) -> usize {
    s.chars().rev().take_while(|c| c.is_alphabetic()).count()
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_glued_words() {
        let f = on_body("thieu-dau-cach-sau-dau-cau", "Văn hóa,công sở.Tiếp tục;nhé");
        let got: Vec<_> = f.iter().map(|f| f.fix.as_deref().unwrap()).collect();
        assert_eq!(got, [", ", ". ", "; "]);
    }

    #[test]
    fn passes_numbers_times_and_abbreviations() {
        let body = "Đạt 92,5% lúc 10:30, v.v. tại TP.HCM và xa.gov.vn. Hết.";
        assert!(on_body("thieu-dau-cach-sau-dau-cau", body).is_empty());
    }
}
