//! `anh-thieu-chu-thich`: a figure without a caption. The print shows no
//! line under the photo, and the web bundle has no alt text for readers
//! who cannot see it. Reads the `Document`'s figures (nested ones too) and
//! points at each `![](…)` with empty brackets.

use crate::check::{Context, Finding, Rule, Severity};
use crate::doc::{Block, Document};

pub const RULE: Rule = Rule {
    id: "anh-thieu-chu-thich",
    severity: Severity::CanhBao,
    what: "Ảnh không có chú thích (bản in thiếu dòng chú thích, bản web thiếu mô tả ảnh)",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let message = "Ảnh chưa có chú thích: bản in không có dòng chú thích dưới ảnh, bản web thiếu mô tả ảnh. Ghi chú thích trong ngoặc vuông, ví dụ ![Hội nghị sơ kết](…).";
    let mut found = Vec::new();
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        for (i, _) in text.match_indices("![") {
            let inner = &text[i + 2..];
            if inner.trim_start().starts_with(']') {
                let len = 2 + inner.find(']').map_or(0, |k| k + 1);
                // ![](a.jpg "Chú thích"): the title is the caption.
                let target = &cx.body[r.start + i + len..];
                let titled = target.starts_with('(')
                    && target[..target.find(')').unwrap_or(target.len())].contains('"');
                if !titled {
                    found.push(r.start + i..r.start + i + len);
                }
            }
        }
    }
    // The parsed document says which of them really are figures.
    if found.is_empty() || uncaptioned(cx.doc()) == 0 {
        return;
    }
    for range in found {
        out.push(cx.at(&RULE, range, message.into()));
    }
}

/// How many figures of a document have no caption, at any depth.
fn uncaptioned(doc: &Document) -> usize {
    fn walk(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Figure(f) => {
                    usize::from(crate::doc::inline_text(&f.caption).trim().is_empty())
                }
                Block::Quote { blocks } => walk(blocks),
                Block::List { items, .. } => items.iter().map(|i| walk(&i.blocks)).sum(),
                _ => 0,
            })
            .sum()
    }
    walk(&doc.blocks) + doc.footnotes.iter().map(|f| walk(&f.blocks)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_figures_without_caption() {
        let f = on_body(
            "anh-thieu-chu-thich",
            "Đoạn.\n\n![](a.jpg)\n\n> ![ ](b.jpg)\n",
        );
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].line, f[0].text.as_str()), (3, "![]"));
    }

    #[test]
    fn passes_captioned_figures() {
        assert!(on_body("anh-thieu-chu-thich", "![Hội nghị sơ kết](a.jpg)").is_empty());
        let titled = "![](a.jpg \"Hội nghị\")\n\n![](b.jpg)";
        assert_eq!(on_body("anh-thieu-chu-thich", titled).len(), 1);
    }
}
