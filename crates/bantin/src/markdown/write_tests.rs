//! `parse(to_markdown(doc)) == doc`: on the sample articles, on the cases
//! that need care, and on generated documents.

use proptest::prelude::*;

use super::to_markdown;
use crate::doc::{Align, Block, Document, Figure, Footnote, Inline, ListItem, Run, Style, Table};
use crate::markdown::{parse, split_front_matter};

fn round_trips(doc: &Document) {
    let md = to_markdown(doc);
    assert_eq!(&parse(&md), doc, "Markdown written:\n{md}");
}

fn run(text: &str, bold: bool, italic: bool) -> Inline {
    Inline::Text(Run {
        text: text.into(),
        style: Style {
            bold,
            italic,
            ..Style::default()
        },
        link: None,
    })
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

#[test]
fn sample_articles_round_trip() {
    for (name, text) in crate::sample::ARTICLES {
        let (_, body) = split_front_matter(text).unwrap();
        let doc = parse(body);
        assert!(!doc.blocks.is_empty(), "{name}");
        round_trips(&doc);
    }
}

#[test]
fn markdown_characters_in_text_stay_text() {
    for text in [
        "# không phải tiêu đề",
        "- không phải danh sách",
        "1. không phải danh sách",
        "2026) năm",
        "> không phải trích dẫn",
        "a *b* _c_ `d` [e](f) <g> h & i | j ~~k~~ \\ l # m",
        "=== ---",
        "+ cộng",
        "\\pagebreak nữa",
        "&amp; &#32;",
        "[^1] không phải chú thích",
        "www.example.com và thu@xa.vn và http://a.vn",
    ] {
        round_trips(&Document {
            blocks: vec![para(vec![run(text, false, false)])],
            footnotes: vec![],
        });
    }
}

#[test]
fn emphasis_spans_overlap_and_touch_punctuation() {
    let cases = vec![
        vec![run("a", true, true), run(" b", true, false)],
        vec![
            run("a", true, false),
            run("b", true, true),
            run("c", false, true),
        ],
        vec![run("Điều 1.", true, false), run("Nội dung", false, false)],
        vec![run("x", false, false), run(".y", false, true)],
        vec![run("a", false, true), run("b", true, false)],
        vec![
            run("đậm", true, false),
            run(" ", false, false),
            run("nghiêng", false, true),
        ],
    ];
    for content in cases {
        round_trips(&Document {
            blocks: vec![para(content)],
            footnotes: vec![],
        });
    }
}

fn styled(text: &str, f: impl Fn(&mut Style)) -> Inline {
    let mut style = Style::default();
    f(&mut style);
    Inline::Text(Run {
        text: text.into(),
        style,
        link: None,
    })
}

#[test]
fn underline_is_written_as_u_tags_and_nests() {
    let u = |s: &mut Style| s.underline = true;
    let ub = |s: &mut Style| {
        s.underline = true;
        s.bold = true;
    };
    let ui = |s: &mut Style| {
        s.underline = true;
        s.italic = true;
    };
    let doc = Document {
        blocks: vec![para(vec![
            run("Chữ ", false, false),
            styled("gạch chân", u),
            run(" giữa", false, false),
            styled("từ", u),
            run("x ", false, false),
            styled("đậm", ub),
            styled(" và ", u),
            styled("nghiêng", ui),
            run(" ", false, false),
            run("chỉ đậm", true, false),
        ])],
        footnotes: vec![],
    };
    let md = to_markdown(&doc);
    assert!(md.contains("<u>gạch chân</u>"), "{md}");
    // A tag needs no separator from the letters around it.
    assert!(md.contains("giữa<u>từ</u>x"), "{md}");
    assert!(!md.contains("__"), "{md}");
    round_trips(&doc);
    // Text that looks like the tag stays text.
    round_trips(&Document {
        blocks: vec![para(vec![run("<u>không</u> gạch", false, false)])],
        footnotes: vec![],
    });
}

#[test]
fn blocks_that_need_care() {
    let item = |t: &str| ListItem {
        task: None,
        blocks: vec![para(vec![run(t, false, false)])],
    };
    let doc = Document {
        blocks: vec![
            Block::List {
                ordered: false,
                start: 1,
                items: vec![item("a"), item("b")],
            },
            Block::List {
                ordered: true,
                start: 9,
                items: vec![item("c"), item("d")],
            },
            Block::List {
                ordered: false,
                start: 1,
                items: vec![ListItem {
                    task: Some(true),
                    blocks: vec![
                        para(vec![run("e", false, false)]),
                        Block::List {
                            ordered: true,
                            start: 1,
                            items: vec![item("f")],
                        },
                        Block::Code {
                            text: "```\n  g".into(),
                        },
                    ],
                }],
            },
            Block::Quote {
                blocks: vec![para(vec![run("h", false, false)]), Block::Rule],
            },
            Block::Table(Table {
                align: vec![Align::Left, Align::Right, Align::Default],
                header: vec![
                    vec![run("a|b", false, false)],
                    vec![],
                    vec![run("c", true, false)],
                ],
                rows: vec![vec![
                    vec![run("1", false, false)],
                    vec![run("2", false, false)],
                    vec![],
                ]],
                figures: Vec::new(),
            }),
            Block::Figure(Figure {
                src: "ảnh có dấu cách.jpg".into(),
                caption: vec![run("Chú thích", false, false)],
            }),
            Block::Figure(Figure {
                src: "asset:abc".into(),
                caption: vec![],
            }),
            Block::PageBreak,
            Block::Heading {
                level: 3,
                content: vec![run("Mục ", false, false), run("3", true, false)],
            },
            para(vec![
                run("dòng", false, false),
                Inline::LineBreak,
                run("1. hai", false, false),
                Inline::FootnoteRef { n: 1 },
            ]),
            para(vec![Inline::Text(Run {
                text: "mã `x`".into(),
                style: Style {
                    code: true,
                    ..Style::default()
                },
                link: Some("https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)".into()),
            })]),
            para(vec![Inline::Text(Run {
                text: "https://xa.vn".into(),
                style: Style::default(),
                link: Some("https://xa.vn".into()),
            })]),
        ],
        footnotes: vec![Footnote {
            label: "1".into(),
            blocks: vec![
                para(vec![run("Chú thích một.", false, false)]),
                para(vec![run("Đoạn hai.", false, false)]),
            ],
        }],
    };
    round_trips(&doc);
}

// ---------------------------------------------------------------------------
// Generated documents, in the shape `parse` produces them.
// ---------------------------------------------------------------------------

fn word() -> impl Strategy<Value = String> {
    "[a-zđăâêôơưạấờữỹA-ZĐ0-9]{1,6}"
}

fn inner() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof!["[ .,;:!?()'\"/*_#<>|~&\\[\\]\\\\=+-]", "[ ]", "[a-zơ]{1,3}"],
        0..4,
    )
    .prop_map(|v| v.concat())
}

/// Text that starts and ends with a letter or digit (as a styled span in
/// Markdown must), with anything in between.
fn text() -> impl Strategy<Value = String> {
    (word(), inner(), word()).prop_map(|(a, b, c)| {
        if b.trim().is_empty() {
            a
        } else {
            format!("{a}{b}{c}")
        }
    })
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(bold, italic, strike, underline, code)| Style {
            bold,
            italic,
            strike,
            underline,
            code,
        })
}

fn link() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        6 => Just(None),
        1 => Just(Some("https://xa.vn/tin?a=1&b=2".to_owned())),
        1 => Just(Some("bai viet.md".to_owned())),
    ]
}

/// Runs as `parse` leaves them: neighbours with equal style and link merged.
fn inlines(breaks: bool) -> impl Strategy<Value = Vec<Inline>> {
    prop::collection::vec(
        (
            text(),
            style(),
            link(),
            prop::bool::weighted(if breaks { 0.2 } else { 0.0 }),
        ),
        1..5,
    )
    .prop_map(|runs| {
        let mut out: Vec<Inline> = Vec::new();
        for (text, style, link, br) in runs {
            if br && !out.is_empty() {
                out.push(Inline::LineBreak);
            }
            if let Some(Inline::Text(prev)) = out.last_mut()
                && prev.style == style
                && prev.link == link
            {
                prev.text.push_str(&text);
                continue;
            }
            out.push(Inline::Text(Run { text, style, link }));
        }
        out
    })
}

fn leaf() -> impl Strategy<Value = Block> {
    prop_oneof![
        4 => inlines(true).prop_map(para),
        1 => (1u8..=6, inlines(false)).prop_map(|(level, content)| Block::Heading { level, content }),
        1 => "[a-z `~\n]{0,12}".prop_map(|t| Block::Code { text: t.trim_matches('\n').to_owned() }),
        1 => Just(Block::Rule),
        1 => Just(Block::PageBreak),
        1 => ("[a-z]{1,8}\\.(jpg|png)", prop::option::of(text())).prop_map(|(src, cap)| Block::Figure(Figure {
            src,
            caption: cap.map(|t| vec![Inline::Text(Run::plain(t))]).unwrap_or_default(),
        })),
        1 => (1usize..4, 0usize..3).prop_flat_map(|(cols, rows)| (
            prop::collection::vec(prop::option::of(text()), cols),
            prop::collection::vec(prop::collection::vec(prop::option::of(text()), cols), rows),
        )).prop_map(|(header, rows)| {
            let cell = |c: Option<String>| c.map(|t| vec![Inline::Text(Run::plain(t))]).unwrap_or_default();
            Block::Table(Table {
                align: vec![Align::Center; header.len()],
                header: header.into_iter().map(cell).collect(),
                rows: rows.into_iter().map(|r| r.into_iter().map(cell).collect()).collect(),
                figures: Vec::new(),
            })
        }),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(|blocks| Block::Quote { blocks }),
            (
                any::<bool>(),
                1u32..20,
                prop::collection::vec(
                    (
                        prop::option::of(any::<bool>()),
                        prop::collection::vec(inner, 1..3)
                    ),
                    1..3
                )
            )
                .prop_map(|(ordered, start, items)| Block::List {
                    ordered,
                    start: if ordered { start } else { 1 },
                    items: items
                        .into_iter()
                        .map(|(task, mut blocks)| {
                            // A list item's first paragraph cannot start with a
                            // task box of its own; keep generated items plain.
                            if !matches!(blocks.first(), Some(Block::Paragraph { .. })) {
                                blocks.insert(0, para(vec![Inline::Text(Run::plain("mục"))]));
                            }
                            ListItem { task, blocks }
                        })
                        .collect(),
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_round_trip(blocks in prop::collection::vec(block(), 1..5)) {
        let doc = Document { blocks, footnotes: vec![] };
        let md = to_markdown(&doc);
        prop_assert_eq!(parse(&md), doc, "Markdown written:\n{}", md);
    }
}
