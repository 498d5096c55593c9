//! `kieu-bo-dau-lan-lon`: "hoá" and "hóa", "thuỷ" and "thủy" in one text
//! (DESIGN §4). Only open "oa", "oe", "uy" syllables differ between the two
//! styles; the fix rewrites each word of the other style in the library's
//! choice (`text::unify_tone_style`).

use crate::check::{Context, Finding, Rule, Severity};
use crate::text::{ToneStyle, unify_tone_style};

pub const RULE: Rule = Rule {
    id: "kieu-bo-dau-lan-lon",
    severity: Severity::CanhBao,
    what: "Lẫn hai kiểu bỏ dấu (\"hoá\" và \"hóa\") trong một bài; sửa theo kiểu thư viện chọn",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let want = cx.settings.tone_style;
    let styled: Vec<_> = cx
        .words
        .iter()
        .zip(cx.verdicts())
        .filter_map(|(w, v)| v.style.map(|s| (w, s)))
        .collect();
    let mixed = styled.iter().any(|(_, s)| *s == want) && styled.iter().any(|(_, s)| *s != want);
    if !mixed {
        return;
    }
    let (name, example) = match want {
        ToneStyle::Modern => ("kiểu mới", "hóa, thủy"),
        ToneStyle::Classic => ("kiểu cũ", "hoá, thuỷ"),
    };
    for (w, _) in styled.iter().filter(|(_, s)| *s != want) {
        let text = cx.word(w);
        let fixed = unify_tone_style(text, want);
        out.push(
            cx.at(&RULE, w.range.clone(), format!(
                "Bài viết lẫn hai kiểu bỏ dấu; thư viện dùng {name} ({example}), nên \"{text}\" viết là \"{fixed}\"."
            ))
            .with_fix(fixed),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_the_other_style_when_mixed() {
        let f = on_body("kieu-bo-dau-lan-lon", "Văn hóa, sức khoẻ và thuỷ lợi.");
        let fixes: Vec<_> = f.iter().map(|f| f.fix.as_deref().unwrap()).collect();
        assert_eq!(fixes, ["khỏe", "thủy"]);
    }

    #[test]
    fn passes_one_style() {
        assert!(on_body("kieu-bo-dau-lan-lon", "Văn hóa, sức khỏe và thủy lợi.").is_empty());
        assert!(on_body("kieu-bo-dau-lan-lon", "Văn hoá, sức khoẻ.").is_empty());
    }
}
