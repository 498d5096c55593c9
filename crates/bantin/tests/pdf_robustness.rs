//! Bad or extreme input to the typesetter gives a sensible layout or a
//! clear warning, never a panic, a hang or text past the margin: a
//! 300-page document, a table wider than the page, a URL longer than a
//! line, images that do not decode or claim absurd sizes.

mod pdf_common;

use bantin::doc::{Align, Block, Document, Figure, Inline, Run, Table};
use bantin::pdf::write_pdf;
use bantin::typeset::{ArticleHeader, ImageSource, Item, Laid, layout_article, templates};
use pdf_common::*;

const MM: f32 = 72.0 / 25.4;

fn article(doc: &Document, images: &dyn ImageSource) -> Laid {
    let h = ArticleHeader {
        title: "Kiểm tra dàn trang".into(),
        ..Default::default()
    };
    layout_article(doc, &h, &templates::article(), fonts(), images).unwrap()
}

/// No text item starts left of the left margin or ends right of the right one.
fn assert_inside_margins(laid: &Laid) {
    let tpl = templates::article();
    let left = tpl.margins.left_mm * MM - 0.5;
    for (n, page) in laid.pages.iter().enumerate() {
        let right = page.width - tpl.margins.right_mm * MM + 0.5;
        for item in &page.items {
            if let Item::Text { x, width, text, .. } = item {
                assert!(
                    *x >= left,
                    "page {}: {text:?} starts at {x}, left of the margin",
                    n + 1
                );
                assert!(
                    x + width <= right,
                    "page {}: {text:?} ends at {}, past the margin {right}",
                    n + 1,
                    x + width
                );
            }
        }
    }
}

#[test]
fn a_300_page_document_lays_out_and_writes() {
    let blocks: Vec<Block> = (0..3000).map(|k| para(PARAS[k % PARAS.len()])).collect();
    let doc = Document {
        blocks,
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &bantin::typeset::NoImages);
    assert!(laid.pages.len() >= 250, "{} pages", laid.pages.len());
    assert_inside_margins(&laid);
    let pdf = write_pdf(&laid, fonts(), &info("Dài")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

fn cell(s: &str) -> Vec<Inline> {
    vec![Inline::Text(Run::plain(s))]
}

#[test]
fn a_table_wider_than_the_page_wraps_instead_of_overflowing() {
    let cols = 14;
    let table = Table {
        align: vec![Align::Default; cols],
        figures: Vec::new(),
        header: (0..cols)
            .map(|c| cell(&format!("Cột tiêu đề rất dài số {c}")))
            .collect(),
        rows: (0..6)
            .map(|r| {
                (0..cols)
                    .map(|c| cell(&format!("Đảng viên được quán triệt nghị quyết {r}-{c}")))
                    .collect()
            })
            .collect(),
    };
    let url = format!(
        "https://xuanhong.ninhbinh.gov.vn/{}",
        "van-hoa-cong-so-".repeat(30)
    );
    let doc = Document {
        blocks: vec![
            Block::Table(table),
            Block::Paragraph {
                content: cell(&format!("Xem {url} để biết thêm.")),
            },
        ],
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &bantin::typeset::NoImages);
    assert_inside_margins(&laid);
    let text: String = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| {
            if let Item::Text { text, .. } = i {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert!(
        text.contains("xuanhong.ninhbinh.gov.vn"),
        "the long URL is set, broken across lines"
    );
}

struct Bad;
impl ImageSource for Bad {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        match src {
            // A PNG header that claims 60,000 × 60,000 pixels: a decompression bomb.
            "asset:bomb" => {
                let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
                png.extend(60_000u32.to_be_bytes());
                png.extend(60_000u32.to_be_bytes());
                png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
                Some(png)
            }
            "asset:broken" => Some(b"\xFF\xD8\xFF\xE0 not really a jpeg".to_vec()),
            "asset:text" => Some(b"hello".to_vec()),
            _ => None,
        }
    }
}

#[test]
fn images_that_cannot_be_shown_become_placeholders_with_warnings() {
    let figure = |src: &str| {
        Block::Figure(Figure {
            src: src.into(),
            caption: cell("Ảnh hội nghị"),
        })
    };
    let doc = Document {
        blocks: vec![
            figure("asset:bomb"),
            figure("asset:broken"),
            figure("asset:text"),
            figure("asset:missing"),
        ],
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &Bad);
    assert_eq!(laid.images.len(), 0, "nothing undecodable is embedded");
    assert_eq!(laid.warnings.len(), 4, "{:?}", laid.warnings);
    assert!(
        laid.warnings.iter().all(|w| w.contains("ảnh")),
        "{:?}",
        laid.warnings
    );
    let pdf = write_pdf(&laid, fonts(), &info("Ảnh hỏng")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn an_empty_article_is_one_page_with_its_title() {
    let laid = article(&Document::default(), &bantin::typeset::NoImages);
    assert_eq!(laid.pages.len(), 1);
}

#[test]
fn a_figure_src_that_is_a_plain_url_is_a_placeholder_not_a_fetch() {
    let doc = Document {
        blocks: vec![Block::Figure(Figure {
            src: "https://example.org/anh.jpg".into(),
            caption: cell("Ảnh"),
        })],
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &bantin::typeset::NoImages);
    assert_eq!(laid.images.len(), 0);
    assert_eq!(laid.warnings.len(), 1);
}

#[test]
fn struck_text_gets_a_rule_through_it() {
    let struck = Run {
        text: "chỉ tiêu cũ".into(),
        style: bantin::doc::Style {
            strike: true,
            ..Default::default()
        },
        link: None,
    };
    let doc = Document {
        blocks: vec![Block::Paragraph {
            content: vec![Inline::Text(Run::plain("Bỏ ")), Inline::Text(struck)],
        }],
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &bantin::typeset::NoImages);
    let items = &laid.pages[0].items;
    let (x, y, w) = items
        .iter()
        .find_map(|i| match i {
            Item::Text {
                x, y, width, text, ..
            } if text.contains("chỉ tiêu cũ") => Some((*x, *y, *width)),
            _ => None,
        })
        .expect("the struck words are set");
    let ruled = items.iter().any(|i| {
        matches!(i, Item::Rule { x1, x2, y1, .. } if (*x1 - x).abs() < 0.5 && (*x2 - (x + w)).abs() < 0.5 && *y1 > y && *y1 < y + 8.0)
    });
    assert!(
        ruled,
        "a rule runs through the struck words, just above the baseline"
    );
}

#[test]
fn a_table_row_taller_than_a_page_is_split_across_pages() {
    let long: String = PARAS
        .iter()
        .cycle()
        .take(40)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let table = Table {
        align: vec![Align::Default, Align::Default],
        figures: Vec::new(),
        header: vec![cell("Nội dung"), cell("Ghi chú")],
        rows: vec![
            vec![cell(&long), cell("Xem bên cạnh")],
            vec![cell("Dòng sau"), cell("Hết")],
        ],
    };
    let doc = Document {
        blocks: vec![Block::Table(table)],
        footnotes: Vec::new(),
    };
    let laid = article(&doc, &bantin::typeset::NoImages);
    assert!(
        laid.pages.len() >= 3,
        "the long row runs over several pages: {}",
        laid.pages.len()
    );
    let tpl = templates::article();
    let bottom = tpl.margins.bottom_mm * MM;
    let top = (tpl.paper.height_mm - tpl.margins.top_mm) * MM;
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text { y, text, .. } = item {
                let page_number = text.chars().all(|c| c.is_ascii_digit());
                if !page_number {
                    assert!(
                        *y >= bottom - 1.0 && *y <= top + 1.0,
                        "page {}: {text:?} at y {y} outside the text block",
                        n + 1
                    );
                }
            }
        }
    }
    assert_inside_margins(&laid);
    let all: String = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| {
            if let Item::Text { text, .. } = i {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("Dòng sau"), "the next row follows");
}
