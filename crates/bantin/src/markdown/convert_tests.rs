//! Tests for the mapping of Markdown constructs onto the semantic tree.

use super::convert::MAX_BLOCK_DEPTH;
use super::*;
use crate::doc::{Align, Block, Document, Figure, Inline, ListItem, Run, Style};
use unicode_normalization::UnicodeNormalization;

fn plain(s: &str) -> Inline {
    Inline::Text(Run::plain(s))
}

fn styled(s: &str, style: Style) -> Inline {
    Inline::Text(Run {
        text: s.into(),
        style,
        link: None,
    })
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

const BOLD: Style = Style {
    bold: true,
    italic: false,
    strike: false,
    underline: false,
    code: false,
};
const ITALIC: Style = Style {
    bold: false,
    italic: true,
    strike: false,
    underline: false,
    code: false,
};
const CODE: Style = Style {
    bold: false,
    italic: false,
    strike: false,
    underline: false,
    code: true,
};

// --- parse -----------------------------------------------------------------

#[test]
fn inline_styles_merge_and_breaks() {
    let d = parse("Xin **chào** *các* đồng\nchí  \nmới `mã` ~~bỏ~~");
    let strike = Style {
        strike: true,
        ..Style::default()
    };
    assert_eq!(
        d.blocks,
        vec![para(vec![
            plain("Xin "),
            styled("chào", BOLD),
            plain(" "),
            styled("các", ITALIC),
            plain(" đồng chí"),
            Inline::LineBreak,
            plain("mới "),
            styled("mã", CODE),
            plain(" "),
            styled("bỏ", strike),
        ])]
    );
}

#[test]
fn nested_styles_accumulate_and_links() {
    let d = parse("[***đậm nghiêng*** thường](https://dangcongsan.vn) www.example.com");
    let bi = Style {
        bold: true,
        italic: true,
        ..Style::default()
    };
    let link = Some("https://dangcongsan.vn".to_string());
    assert_eq!(
        d.blocks,
        vec![para(vec![
            Inline::Text(Run {
                text: "đậm nghiêng".into(),
                style: bi,
                link: link.clone()
            }),
            Inline::Text(Run {
                text: " thường".into(),
                style: Style::default(),
                link
            }),
            plain(" "),
            Inline::Text(Run {
                text: "www.example.com".into(),
                style: Style::default(),
                link: Some("http://www.example.com".into())
            }),
        ])]
    );
}

#[test]
fn lone_image_is_figure() {
    let d = parse("![Toàn cảnh hội nghị](asset:0123abcd)\n");
    assert_eq!(
        d.blocks,
        vec![Block::Figure(Figure {
            src: "asset:0123abcd".into(),
            caption: vec![plain("Toàn cảnh hội nghị")]
        })]
    );
}

#[test]
fn figure_caption_falls_back_to_title_and_keeps_styles() {
    let d = parse("![](a.png \"Ảnh tư liệu\")\n\n![*Ảnh* đẹp](b.png)");
    assert_eq!(
        d.blocks,
        vec![
            Block::Figure(Figure {
                src: "a.png".into(),
                caption: vec![plain("Ảnh tư liệu")]
            }),
            Block::Figure(Figure {
                src: "b.png".into(),
                caption: vec![styled("Ảnh", ITALIC), plain(" đẹp")]
            }),
        ]
    );
}

#[test]
fn image_inside_text_follows_paragraph() {
    let d = parse("Trước ![ảnh](x.jpg) sau.");
    assert_eq!(
        d.blocks,
        vec![
            para(vec![plain("Trước sau.")]),
            Block::Figure(Figure {
                src: "x.jpg".into(),
                caption: vec![plain("ảnh")]
            }),
        ]
    );
}

#[test]
fn raw_html_is_literal_text() {
    let d = parse("<script>alert(1)</script>\n\nChữ <b>đậm</b> <!-- ghi chú --> hết.");
    assert_eq!(
        d.blocks,
        vec![
            para(vec![plain("<script>alert(1)</script>")]),
            para(vec![plain("Chữ <b>đậm</b>  hết.")]),
        ]
    );
}

const UNDER: Style = Style {
    bold: false,
    italic: false,
    strike: false,
    underline: true,
    code: false,
};

#[test]
fn underline_is_an_exact_u_pair() {
    let d = parse("Chữ <u>gạch chân</u> và <u>**đậm** _nghiêng_</u> hết.");
    let ub = Style {
        bold: true,
        ..UNDER
    };
    let ui = Style {
        italic: true,
        ..UNDER
    };
    assert_eq!(
        d.blocks,
        vec![para(vec![
            plain("Chữ "),
            styled("gạch chân", UNDER),
            plain(" và "),
            styled("đậm", ub),
            styled(" ", UNDER),
            styled("nghiêng", ui),
            plain(" hết."),
        ])]
    );
    // Underline inside bold inside italic, and a link inside underline.
    let d = parse("*a **b <u>c</u>** d* <u>[e](https://xa.vn)</u>");
    let biu = Style {
        bold: true,
        italic: true,
        underline: true,
        ..Style::default()
    };
    let bi = Style {
        bold: true,
        italic: true,
        ..Style::default()
    };
    assert_eq!(
        d.blocks,
        vec![para(vec![
            styled("a ", ITALIC),
            styled("b ", bi),
            styled("c", biu),
            styled(" d", ITALIC),
            plain(" "),
            Inline::Text(Run {
                text: "e".into(),
                style: UNDER,
                link: Some("https://xa.vn".into()),
            }),
        ])]
    );
}

#[test]
fn other_html_and_unpaired_u_stay_literal() {
    for (md, text) in [
        ("a <u>b", "a <u>b"),
        ("a </u> b", "a </u> b"),
        ("<U>to</U>", "<U>to</U>"),
        ("<u class=\"x\">c</u>", "<u class=\"x\">c</u>"),
        // Pairs are siblings: a `<u>` opened inside emphasis and closed
        // outside it is not one.
        ("*a <u>b* c</u>", "a <u>b c</u>"),
        ("<ins>d</ins>", "<ins>d</ins>"),
    ] {
        let d = parse(md);
        assert_eq!(
            crate::doc::inline_text(match &d.blocks[0] {
                Block::Paragraph { content } => content,
                b => panic!("{b:?}"),
            }),
            text,
            "{md}"
        );
        assert!(!format!("{d:?}").contains("underline: true"), "{md}: {d:?}");
    }
    // Nested pairs and an unpaired opener before a pair.
    let d = parse("<u>x <u>y</u></u> <u> <u>z</u>");
    assert_eq!(
        d.blocks,
        vec![para(vec![
            styled("x y", UNDER),
            plain(" <u> "),
            styled("z", UNDER),
        ])]
    );
}

#[test]
fn underline_edges_keep_their_spaces_plain() {
    // Spaces at the edge of a pair are not underlined (the writer puts them
    // outside the tags), and a pair of only spaces underlines nothing.
    let d = parse("a<u> b </u>c<u> </u>d");
    assert_eq!(
        d.blocks,
        vec![para(vec![plain("a "), styled("b", UNDER), plain(" c d"),])]
    );
}

#[test]
fn page_breaks_and_comments() {
    let d = parse(
        "Một.\n\n<!-- pagebreak -->\n\nHai.\n\n\\pagebreak\n\n<!-- ghi chú\nnhiều dòng -->\n\nBa.\n\n<!--PAGEBREAK-->",
    );
    assert_eq!(
        d.blocks,
        vec![
            para(vec![plain("Một.")]),
            Block::PageBreak,
            para(vec![plain("Hai.")]),
            Block::PageBreak,
            para(vec![plain("Ba.")]),
            Block::PageBreak,
        ]
    );
}

#[test]
fn footnotes_numbered_by_first_reference() {
    let src = "A[^b] B[^a] C[^b]\n\n[^a]: Chú thích a.\n[^b]: Chú thích b.\n[^z]: Không ai nhắc.\n";
    let d = parse(src);
    assert_eq!(
        d.blocks,
        vec![para(vec![
            plain("A"),
            Inline::FootnoteRef { n: 1 },
            plain(" B"),
            Inline::FootnoteRef { n: 2 },
            plain(" C"),
            Inline::FootnoteRef { n: 1 },
        ])]
    );
    let labels: Vec<&str> = d.footnotes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, vec!["b", "a", "z"]);
    assert_eq!(
        d.footnotes[0].blocks,
        vec![para(vec![plain("Chú thích b.")])]
    );
}

#[test]
fn undefined_footnote_stays_text() {
    let d = parse("Xem[^khong].");
    assert_eq!(d.blocks, vec![para(vec![plain("Xem[^khong].")])]);
    assert!(d.footnotes.is_empty());
}

#[test]
fn table_alignment_and_ragged_rows() {
    let d =
        parse("| Tên | Số | Ghi chú |\n|:--|:-:|--:|\n| Một | 1 |\n| **Hai** | 2 | x | thừa |\n");
    let Block::Table(t) = &d.blocks[0] else {
        panic!("{:?}", d.blocks)
    };
    assert_eq!(t.align, vec![Align::Left, Align::Center, Align::Right]);
    assert_eq!(
        t.header,
        vec![
            vec![plain("Tên")],
            vec![plain("Số")],
            vec![plain("Ghi chú")]
        ]
    );
    assert_eq!(t.rows.len(), 2);
    assert_eq!(
        t.rows[0],
        vec![vec![plain("Một")], vec![plain("1")], vec![]]
    );
    assert_eq!(
        t.rows[1],
        vec![
            vec![styled("Hai", BOLD)],
            vec![plain("2")],
            vec![plain("x")]
        ]
    );
}

#[test]
fn lists_tasks_and_start() {
    let d = parse("3. ba\n4. bốn\n\n- [x] xong\n- [ ] chưa\n- thường\n");
    assert_eq!(
        d.blocks,
        vec![
            Block::List {
                ordered: true,
                start: 3,
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![para(vec![plain("ba")])]
                    },
                    ListItem {
                        task: None,
                        blocks: vec![para(vec![plain("bốn")])]
                    },
                ]
            },
            Block::List {
                ordered: false,
                start: 1,
                items: vec![
                    ListItem {
                        task: Some(true),
                        blocks: vec![para(vec![plain("xong")])]
                    },
                    ListItem {
                        task: Some(false),
                        blocks: vec![para(vec![plain("chưa")])]
                    },
                    ListItem {
                        task: None,
                        blocks: vec![para(vec![plain("thường")])]
                    },
                ]
            },
        ]
    );
}

#[test]
fn code_rule_headings_quote() {
    let d = parse("## Mục\n\n```rust\nfn main() {}\n```\n\n***\n\n> trích *dẫn*\n\n###### Sáu");
    assert_eq!(
        d.blocks,
        vec![
            Block::Heading {
                level: 2,
                content: vec![plain("Mục")]
            },
            Block::Code {
                text: "fn main() {}".into()
            },
            Block::Rule,
            Block::Quote {
                blocks: vec![para(vec![plain("trích "), styled("dẫn", ITALIC)])]
            },
            Block::Heading {
                level: 6,
                content: vec![plain("Sáu")]
            },
        ]
    );
}

#[test]
fn smart_punctuation_is_off() {
    let d = parse("\"Chữ\" -- 'a' ...");
    assert_eq!(d.blocks, vec![para(vec![plain("\"Chữ\" -- 'a' ...")])]);
}

#[test]
fn nfd_input_gives_nfc_document() {
    let nfc = "# Đảng bộ tỉnh\n\nNghị quyết về chuyển đổi số, *tiếng Việt* có dấu: ả ã ạ ệ ự ở.\n\n| Cột | Ý |\n|--|--|\n| ữ | ỡ |\n";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    let a = parse(nfc);
    assert_eq!(a, parse(&nfd));
    assert!(a.plain_text().contains("Nghị quyết"));
}

#[test]
fn empty_and_weird_inputs() {
    assert_eq!(parse(""), Document::default());
    assert_eq!(parse("\n\n   \n"), Document::default());
    for src in [
        "\0", "[", "![", "|", "|-|\n|", "[^]:", "<!--", "```", "- [ ]", "\r\r\r", "\u{feff}",
    ] {
        let _ = parse(src);
    }
}

/// Depth of block nesting in a parsed document.
fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Quote { blocks } => 1 + depth(blocks),
            Block::List { items, .. } => {
                1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn deep_quotes_are_flattened_not_overflowing() {
    let src = format!("{} sâu\n", ">".repeat(10_000));
    let d = parse(&src);
    assert!(depth(&d.blocks) <= MAX_BLOCK_DEPTH + 1);
    assert!(d.plain_text().contains("sâu"));
}

#[test]
fn deep_lists_are_flattened_not_overflowing() {
    let src = format!("{}lá\n", "- ".repeat(10_000));
    let d = parse(&src);
    assert!(depth(&d.blocks) <= MAX_BLOCK_DEPTH + 1);
    assert!(d.plain_text().contains("lá"));
    let nested: String = (0..3000)
        .map(|i| format!("{}- mục {i}\n", "  ".repeat(i)))
        .collect();
    let d = parse(&nested);
    assert!(d.plain_text().contains("mục 2999"));
}

#[test]
fn deep_inlines_do_not_overflow() {
    let emph = format!("{}chữ{}", "*".repeat(10_000), "*".repeat(10_000));
    assert!(parse(&emph).plain_text().contains("chữ"));
    let links = format!("{}x{}", "[".repeat(10_000), "](u)".repeat(10_000));
    let _ = parse(&links);
    let images = format!("{}x{}", "![".repeat(5_000), "](u)".repeat(5_000));
    let _ = parse(&images);
    // Beyond our flattening depth but below comrak's own limit of 100
    // containers for footnote definitions (deeper, `[^a]:` is not one).
    let quotes_and_fn = format!("{}[^a]: chú\n\nx[^a]", ">".repeat(90));
    let d = parse(&quotes_and_fn);
    assert_eq!(d.footnotes.len(), 1);
    assert_eq!(d.footnotes[0].blocks, vec![para(vec![plain("chú")])]);
    assert!(d.blocks.last() == Some(&para(vec![plain("x"), Inline::FootnoteRef { n: 1 }])));
}

#[test]
fn large_document_parses() {
    let chunk = "## Mục\n\nĐoạn văn **đậm** và *nghiêng* với [liên kết](https://a.vn) và chú thích.\n\n- một\n- hai\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    let src = chunk.repeat(5_000_000 / chunk.len());
    let t = std::time::Instant::now();
    let d = parse(&src);
    assert!(d.blocks.len() > 10_000);
    // Generous: debug builds on a shared 2-core machine.
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}
