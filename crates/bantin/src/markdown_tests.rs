//! Tests for `markdown`: front matter, title extraction and the mapping of
//! Markdown constructs onto the semantic tree.

use super::*;
use crate::doc::{Align, Block, Document, Figure, Inline, ListItem, Run, Style};

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
    code: false,
};
const ITALIC: Style = Style {
    bold: false,
    italic: true,
    strike: false,
    code: false,
};
const CODE: Style = Style {
    bold: false,
    italic: false,
    strike: false,
    code: true,
};

// --- front matter ---------------------------------------------------------

#[test]
fn no_front_matter_returns_source() {
    let src = "# Tiêu đề\n\nNội dung.";
    let (fm, body) = split_front_matter(src).unwrap();
    assert!(fm.is_none());
    assert_eq!(body, src);
}

#[test]
fn front_matter_basic_fields_and_extra() {
    let src = "---\ntitle: Hội nghị Tỉnh ủy\nauthor: Ban Tuyên giáo\nkind: tin\nstatus: draft\nso_hieu: 15-TB/TU\nnoi_nhan:\n  - Thường trực Tỉnh ủy\n  - Lưu VP\nmuc_do: khẩn\n---\nThân bài.\n";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("Hội nghị Tỉnh ủy"));
    assert_eq!(fm.author.as_deref(), Some("Ban Tuyên giáo"));
    assert_eq!(fm.kind.as_deref(), Some("tin"));
    assert_eq!(fm.status.as_deref(), Some("draft"));
    assert_eq!(fm.so_hieu.as_deref(), Some("15-TB/TU"));
    assert_eq!(fm.noi_nhan, vec!["Thường trực Tỉnh ủy", "Lưu VP"]);
    assert_eq!(fm.extra.get("muc_do"), Some(&serde_json::json!("khẩn")));
    assert_eq!(body, "Thân bài.\n");
}

#[test]
fn front_matter_bom_and_crlf() {
    let src = "\u{feff}---\r\ntitle: Tin mới\r\ntags: [a, b]\r\n---\r\nThân bài.\r\n";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("Tin mới"));
    assert_eq!(fm.tags, vec!["a", "b"]);
    assert_eq!(body, "Thân bài.\r\n");
}

#[test]
fn front_matter_list_and_comma_tags() {
    let (fm, _) = split_front_matter("---\ntags:\n  - đảng bộ\n  - 2026\n---\n").unwrap();
    assert_eq!(fm.unwrap().tags, vec!["đảng bộ", "2026"]);
    let (fm, _) =
        split_front_matter("---\ntags: đảng bộ, hội nghị ,, chuyển đổi số\n---\n").unwrap();
    assert_eq!(
        fm.unwrap().tags,
        vec!["đảng bộ", "hội nghị", "chuyển đổi số"]
    );
    let (fm, _) = split_front_matter("---\ntags:\n---\n").unwrap();
    assert!(fm.unwrap().tags.is_empty());
}

#[test]
fn front_matter_scalars_become_strings() {
    let src = "---\ntitle: 2026\ndate: 2026-11-24\nsummary: true\ncategory: 1.5\n...\nbody";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("2026"));
    assert_eq!(fm.date.as_deref(), Some("2026-11-24"));
    assert_eq!(fm.summary.as_deref(), Some("true"));
    assert_eq!(fm.category.as_deref(), Some("1.5"));
    assert_eq!(body, "body");
}

#[test]
fn front_matter_recipients_split_on_semicolons_not_commas() {
    let (fm, _) =
        split_front_matter("---\nnoi_nhan: Ban Thường vụ, các đồng chí; Lưu VP\n---\n").unwrap();
    assert_eq!(
        fm.unwrap().noi_nhan,
        vec!["Ban Thường vụ, các đồng chí", "Lưu VP"]
    );
}

#[test]
fn empty_front_matter_is_default() {
    let (fm, body) = split_front_matter("---\n# chỉ có ghi chú\n---\nx").unwrap();
    assert_eq!(fm, Some(FrontMatter::default()));
    assert_eq!(body, "x");
}

#[test]
fn unclosed_front_matter_is_error() {
    let err = split_front_matter("---\ntitle: a\n\nThân bài\n").unwrap_err();
    assert_eq!(err, MarkdownError::UnclosedFrontMatter { line: 1 });
    assert_eq!(err.line(), Some(1));
}

#[test]
fn invalid_yaml_reports_file_line() {
    // Line 1 `---`, 2 title, 3 author, 4 the broken line.
    let src = "---\ntitle: a\nauthor: b\ntags: [a, b\n---\nbody\n";
    let err = split_front_matter(src).unwrap_err();
    assert!(matches!(err, MarkdownError::InvalidYaml { .. }), "{err:?}");
    let line = err.line().unwrap();
    assert!((4..=5).contains(&line), "line {line}: {err}");

    let src = "---\ntitle: a\n  bad: : indent\n---\n";
    let err = split_front_matter(src).unwrap_err();
    assert_eq!(err.line(), Some(3), "{err}");
    assert!(!err.to_string().contains("column"), "{err}");
}

#[test]
fn wrong_field_type_is_error_with_line() {
    let err = split_front_matter("---\ntitle: a\nauthor: [x, y]\n---\n").unwrap_err();
    assert!(matches!(err, MarkdownError::InvalidYaml { .. }), "{err:?}");
    assert_eq!(err.line(), Some(3), "{err}");
}

#[test]
fn non_mapping_front_matter_is_error() {
    let err = split_front_matter("---\n- a\n- b\n---\nbody").unwrap_err();
    assert_eq!(err, MarkdownError::NotAMapping { line: 2 });
    let err = split_front_matter("---\njust text\n---\nbody").unwrap_err();
    assert_eq!(err, MarkdownError::NotAMapping { line: 2 });
}

#[test]
fn dashes_later_in_file_are_not_front_matter() {
    let src = "Đoạn một.\n\n---\n\nĐoạn hai.";
    let (fm, body) = split_front_matter(src).unwrap();
    assert!(fm.is_none());
    assert_eq!(body, src);
}

// --- title heading ----------------------------------------------------------

#[test]
fn title_from_atx_heading() {
    let (title, body) = take_title_heading("# Hội nghị *lần thứ* `X`\n\nNội dung.\n").unwrap();
    assert_eq!(title, "Hội nghị lần thứ X");
    assert_eq!(body, "Nội dung.\n");
}

#[test]
fn title_from_setext_heading() {
    let (title, body) = take_title_heading("Tin **vắn**\n========\n\nMột.\n\nHai.\n").unwrap();
    assert_eq!(title, "Tin vắn");
    assert_eq!(body, "Một.\n\nHai.\n");
}

#[test]
fn title_later_in_body_keeps_paragraphs_apart() {
    let (title, body) = take_title_heading("Mở đầu.\n# Tiêu đề\nTiếp theo.\n").unwrap();
    assert_eq!(title, "Tiêu đề");
    assert_eq!(parse(&body).blocks.len(), 2, "{body:?}");
}

#[test]
fn title_crlf_and_nfd() {
    let nfd: String = "# Đại hội\r\n\r\nThân.\r\n".nfd().collect();
    let (title, body) = take_title_heading(&nfd).unwrap();
    assert_eq!(title, "Đại hội");
    // The body is cut from the input as given; `parse` normalises it later.
    assert_eq!(body, "Thân.\r\n".nfd().collect::<String>());
}

#[test]
fn no_title_heading() {
    assert!(take_title_heading("## Mục\n\nchữ").is_none());
    assert!(take_title_heading("> # Trong trích dẫn").is_none());
    assert!(take_title_heading("").is_none());
}

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
