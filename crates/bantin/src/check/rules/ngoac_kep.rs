//! `ngoac-kep-lan-lon`: straight quotes ("…") and curly quotes (“…”) in one
//! text. The fix writes the less used kind as the more used one (curly
//! when they are equal), opening or closing by what stands before it.

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "ngoac-kep-lan-lon",
    severity: Severity::CanhBao,
    what: "Lẫn ngoặc kép thẳng (\"…\") và ngoặc kép cong (“…”) trong một bài",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut straight = Vec::new();
    let mut curly = Vec::new();
    for r in &cx.prose {
        for (i, c) in cx.body[r.clone()].char_indices() {
            let at = r.start + i;
            match c {
                '"' => straight.push(at..at + 1),
                '“' | '”' => curly.push(at..at + c.len_utf8()),
                _ => {}
            }
        }
    }
    if straight.is_empty() || curly.is_empty() {
        return;
    }
    let to_curly = straight.len() <= curly.len();
    let (minority, want) = if to_curly {
        (straight, "ngoặc kép cong (“…”)")
    } else {
        (curly, "ngoặc kép thẳng (\"…\")")
    };
    for range in minority {
        let fix = if !to_curly {
            "\""
        } else if opens(&cx.body[..range.start]) {
            "“"
        } else {
            "”"
        };
        out.push(
            cx.at(&RULE, range, format!(
                "Bài viết lẫn hai kiểu ngoặc kép; phần lớn bài dùng {want}, nên dấu này cũng viết như vậy."
            ))
            .with_fix(fix),
        );
    }
}

/// A quote opens when it follows the start of a line, a space or an
/// opening bracket.
fn opens(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([{*_“".contains(c))
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_the_minority_kind() {
        let f = on_body(
            "ngoac-kep-lan-lon",
            "Phong trào “Dân vận khéo” và “Xanh” cùng \"Sạch\".",
        );
        let fixes: Vec<_> = f.iter().map(|f| f.fix.as_deref().unwrap()).collect();
        assert_eq!(fixes, ["“", "”"]);
    }

    #[test]
    fn passes_one_kind() {
        assert!(
            on_body(
                "ngoac-kep-lan-lon",
                "Phong trào \"Dân vận khéo\" và \"Xanh\"."
            )
            .is_empty()
        );
        assert!(on_body("ngoac-kep-lan-lon", "Phong trào “Dân vận khéo”.").is_empty());
    }
}
