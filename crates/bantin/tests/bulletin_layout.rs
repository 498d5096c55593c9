//! Bulletin layout straight through the core: progress and cancelling,
//! deterministic bytes, licence warnings, golden pages (1- and 2-column A4,
//! the A5 booklet), titles that keep with their text, the nested outline,
//! page previews that match the PDF, and hostile articles.
//!
//! Golden pages: `BANTIN_ACCEPT_GOLDEN=1 cargo test --test bulletin_layout`
//! rewrites the references in `tests/golden/`; look at them first.

mod golden_common;
mod pdf_common;

use bantin::export::{self, BulletinPdfOptions, Door, ExportProgress, Source};
use bantin::model::{Bulletin, PaperSize};
use bantin::typeset::FontSet;
use bantin::typeset::templates::Front;
use golden_common::{SampleImages, check_golden, golden_profile, sample_article};
use pdf_common::run as poppler;

// ---- straight through the core: progress, cancelling, golden pages ----

fn sample_issue(columns: u8, paper: PaperSize) -> Bulletin {
    let t = chrono::DateTime::UNIX_EPOCH;
    let mut fields = std::collections::BTreeMap::new();
    fields.insert(
        "ban_bien_tap".to_string(),
        "Nguyễn Thị Hoa, Trần Văn Nam".to_string(),
    );
    fields.insert(
        "chiu_trach_nhiem".to_string(),
        "Phạm Văn Bình, Trưởng Ban Dân vận".to_string(),
    );
    Bulletin {
        id: 1,
        name: "Bản tin Dân vận".into(),
        number: "07".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24),
        period: String::new(),
        publisher: "Đảng ủy xã Xuân Hồng\nBan Dân vận".into(),
        internal: true,
        paper,
        columns,
        licensed: false,
        fields,
        articles: vec![1, 2, 3],
        created_at: t,
        updated_at: t,
    }
}

fn issue_pdf(b: &Bulletin, options: &BulletinPdfOptions) -> export::PdfOutput {
    export_sample(b, options, &mut |_| true).unwrap()
}

/// The three sample articles as issue `b`, in the reference font and at a
/// fixed time, telling `progress`.
fn export_sample(
    b: &Bulletin,
    options: &BulletinPdfOptions,
    progress: &mut dyn FnMut(&ExportProgress) -> bool,
) -> Result<export::PdfOutput, export::ExportError> {
    let fonts = FontSet::discover(Some("Liberation Serif")).expect("fonts-liberation2");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+07:00").unwrap();
    let articles: Vec<_> = (0..3).map(|i| Source::new(sample_article(i))).collect();
    export::bulletin_pdf(
        b,
        &articles,
        &golden_profile(),
        options,
        &fonts,
        &SampleImages,
        now,
        progress,
    )
}

#[test]
fn progress_counts_articles_and_pages_and_cancelling_writes_nothing() {
    let b = sample_issue(2, PaperSize::A4);
    let mut seen = Vec::new();
    let out = export_sample(&b, &Default::default(), &mut |p| {
        seen.push(p.clone());
        true
    })
    .unwrap();
    let layout: Vec<_> = seen
        .iter()
        .filter(|p| matches!(p, ExportProgress::Layout { .. }))
        .collect();
    assert_eq!(layout.len(), 3, "one step per article");
    assert_eq!(*layout[2], ExportProgress::Layout { done: 3, total: 3 });
    assert_eq!(
        seen.last(),
        Some(&ExportProgress::Pages {
            done: out.pages,
            total: out.pages
        })
    );
    assert_eq!(layout[0].message(), "Đang dàn trang bài 1/3…");

    // Hủy while laying out (at the 2nd article) and while writing pages
    // (the 4th call: the first page, after the three articles).
    for cancel_at in [2usize, 4] {
        let mut calls = 0;
        let err = export_sample(&b, &Default::default(), &mut |_| {
            calls += 1;
            calls < cancel_at
        })
        .expect_err("cancelled");
        assert_eq!(err.code(), "cancelled", "{err}");
        assert!(err.to_string().contains("Đã hủy"));
    }
}

#[test]
fn the_same_issue_gives_the_same_bytes() {
    let b = sample_issue(2, PaperSize::A4);
    let (one, two) = (
        issue_pdf(&b, &Default::default()),
        issue_pdf(&b, &Default::default()),
    );
    assert!(one.bytes == two.bytes, "deterministic bytes");
}

#[test]
fn a_licensed_issue_warns_about_missing_licence_lines_and_paper() {
    let mut b = sample_issue(2, PaperSize::A4);
    b.licensed = true;
    let out = issue_pdf(&b, &Default::default());
    let file = pdf_common::tmp_pdf("co-phep.pdf", &out.bytes);
    let first = poppler(
        "pdftotext",
        &["-f", "1", "-l", "1", file.to_str().unwrap(), "-"],
    );
    assert!(
        first.contains("Ngày 24 tháng 11 năm 2026"),
        "the date on page 1: {first}"
    );
    let all = export::worded(&out.warnings, Door::Cli).join("\n");
    assert!(all.contains("giấy phép xuất bản"), "{all}");
    assert!(all.contains("Nơi in"), "{all}");
    assert!(
        all.contains("lớn hơn khổ tối đa"),
        "A4 is larger than 19 × 27 cm: {all}"
    );
    b.paper = PaperSize::B19x27;
    let out = issue_pdf(&b, &Default::default());
    assert!(
        !export::worded(&out.warnings, Door::Cli)
            .join("\n")
            .contains("lớn hơn khổ"),
        "19 × 27 is allowed"
    );
}

#[test]
fn an_empty_issue_prints_its_masthead_and_says_so() {
    let mut b = sample_issue(2, PaperSize::A4);
    b.articles.clear();
    let fonts = FontSet::discover(Some("Liberation Serif")).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+07:00").unwrap();
    let out = export::bulletin_pdf(
        &b,
        &[],
        &golden_profile(),
        &Default::default(),
        &fonts,
        &SampleImages,
        now,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(out.pages, 1);
    assert!(
        export::worded(&out.warnings, Door::Cli)
            .iter()
            .any(|w| w.contains("chưa có bài viết"))
    );
}

#[test]
fn golden_one_column_a4_issue() {
    check_golden(
        "ban-tin-1-cot",
        &issue_pdf(&sample_issue(1, PaperSize::A4), &Default::default()).bytes,
    );
}

#[test]
fn golden_two_column_a4_issue() {
    check_golden(
        "ban-tin-2-cot",
        &issue_pdf(&sample_issue(2, PaperSize::A4), &Default::default()).bytes,
    );
}

#[test]
fn golden_a5_booklet() {
    let options = BulletinPdfOptions {
        booklet: true,
        ..Default::default()
    };
    check_golden(
        "ban-tin-a5-so-tay",
        &issue_pdf(&sample_issue(2, PaperSize::A4), &options).bytes,
    );
}

// ---- the layout itself: titles, outline ----

fn many_articles() -> Vec<bantin::typeset::BulletinArticle> {
    use bantin::typeset::{ArticleHeader, BulletinArticle};
    let para = "Chi bộ đã tổ chức quán triệt Nghị quyết đến 100% đảng viên; xây dựng kế hoạch thực hiện với các chỉ tiêu cụ thể, phân công từng đồng chí chi ủy viên phụ trách, theo dõi và đôn đốc.";
    (0..14)
        .map(|k| {
            let body = (0..(k % 7) * 2 + 1)
                .map(|_| para)
                .collect::<Vec<_>>()
                .join("\n\n");
            BulletinArticle {
                doc: bantin::markdown::parse(&format!("{body}\n\n## Kết quả\n\n{para}\n")),
                header: ArticleHeader {
                    title: format!("Bài {}: Dân vận khéo ở thôn Lạc Nam", k + 1),
                    summary: Some("Tóm tắt ngắn của bài viết.".into()),
                    author: Some("Ban Dân vận".into()),
                    date: None,
                },
            }
        })
        .collect()
}

#[test]
fn a_title_never_sits_alone_at_the_foot_of_a_column_and_the_outline_has_one_entry_per_article() {
    use bantin::typeset::{Item, Masthead, layout_bulletin, templates};
    let fonts = FontSet::discover(Some("Liberation Serif")).unwrap();
    let tpl = templates::bulletin(PaperSize::A4, 2);
    let articles = many_articles();
    let masthead = Masthead {
        name: "Bản tin Dân vận".into(),
        number: "Số 07".into(),
        ..Default::default()
    };
    let laid = layout_bulletin(
        &masthead,
        &articles,
        &tpl,
        &fonts,
        &bantin::typeset::NoImages,
        &mut |_, _| true,
    )
    .unwrap();
    let titles: Vec<_> = laid.outline.iter().filter(|e| e.level == 1).collect();
    assert_eq!(
        titles.len(),
        articles.len(),
        "one top-level entry per article"
    );
    assert!(
        laid.outline
            .iter()
            .any(|e| e.level == 2 && e.title == "Kết quả"),
        "headings nest under their article"
    );

    let body = tpl.body_size;
    for e in titles {
        let page = &laid.pages[e.page];
        // The title's own line: the first text under the outline mark.
        let (tx, ty) = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, size, .. }
                    if *size > body + 2.0 && *y <= e.y && *y > e.y - 60.0 =>
                {
                    Some((*x, *y))
                }
                _ => None,
            })
            .fold((f32::MAX, f32::MIN), |(ax, ay), (x, y)| {
                (ax.min(x), ay.max(y))
            });
        assert!(tx < f32::MAX, "{}: title found", e.title);
        let lines_below: std::collections::BTreeSet<i32> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, size, .. }
                    if (*size - body).abs() < 0.01 && (*x - tx).abs() < 30.0 && *y < ty =>
                {
                    Some(*y as i32)
                }
                _ => None,
            })
            .collect();
        assert!(
            lines_below.len() >= 2,
            "{} on page {} has {} lines of its own under it in its column",
            e.title,
            e.page + 1,
            lines_below.len()
        );
    }

    // The PDF's outline: one top-level bookmark per article.
    let pdf = bantin::pdf::write_pdf(&laid, &fonts, &pdf_common::info("Bản tin")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        outlines.get(b"Count").unwrap().as_i64().unwrap(),
        articles.len() as i64
    );
}

#[test]
fn the_page_preview_draws_the_same_pages_as_the_pdf() {
    let fonts = FontSet::discover(Some("Liberation Serif")).unwrap();
    let articles: Vec<_> = (0..3).map(|i| Source::new(sample_article(i))).collect();
    let b = sample_issue(2, PaperSize::A4);
    let (laid, warnings, pages) = export::bulletin_layout(
        &b,
        &articles,
        &golden_profile(),
        &Default::default(),
        &fonts,
        &SampleImages,
        &mut |_| true,
    )
    .unwrap();
    let preview = export::PagePreview::of(&laid, warnings, &fonts);
    let pdf = issue_pdf(&b, &Default::default());
    assert_eq!(preview.pages.len(), pages);
    assert_eq!(pages, pdf.pages);
    let first = &preview.pages[0];
    assert!(first.starts_with("<svg ") && first.ends_with("</svg>"));
    assert!(first.contains("TRONG SỐ NÀY") && first.contains("Liberation Serif"));
    assert!(
        first.contains("data:image/jpeg;base64,"),
        "the photo is inline"
    );
    assert_eq!(
        first.matches("<text ").count(),
        first.matches("</text>").count()
    );
    // Every line of the PDF's first page is in the preview.
    let pdf_file = pdf_common::tmp_pdf("vorschau.pdf", &pdf.bytes);
    let text = poppler(
        "pdftotext",
        &["-f", "1", "-l", "1", pdf_file.to_str().unwrap(), "-"],
    );
    for line in text
        .lines()
        .filter(|l| l.split_whitespace().count() >= 4)
        .take(20)
    {
        let word = line.split_whitespace().nth(1).unwrap();
        assert!(
            first.contains(word),
            "{word:?} from {line:?} is not in the preview"
        );
    }
}

#[test]
fn hostile_articles_stay_inside_their_columns() {
    use bantin::typeset::{
        ArticleHeader, BulletinArticle, Item, Masthead, NoImages, layout_bulletin, templates,
    };
    let fonts = FontSet::discover(Some("Liberation Serif")).unwrap();
    let wide_table = {
        let head = (1..=9)
            .map(|k| format!("Cột{k}"))
            .collect::<Vec<_>>()
            .join(" | ");
        let rule = (1..=9).map(|_| "---").collect::<Vec<_>>().join(" | ");
        let row = (1..=9)
            .map(|_| "Xãhộichủnghĩađượcxâydựngvữngchắc")
            .collect::<Vec<_>>()
            .join(" | ");
        format!("| {head} |\n| {rule} |\n| {row} |\n")
    };
    let long_word =
        "https://xuanhong.ninhbinh.gov.vn/".to_string() + &"van-hoa-cong-so-".repeat(30);
    let nested = (0..6)
        .map(|d| format!("{}- mức {d}", "  ".repeat(d)))
        .collect::<Vec<_>>()
        .join("\n");
    let bodies = [
        wide_table,
        format!("Đường dẫn: {long_word}"),
        format!("```\n{}\n```", "x".repeat(400)),
        nested,
        String::new(),
        "![ảnh không có](asset:khong-co)".to_string(),
    ];
    let articles: Vec<BulletinArticle> = bodies
        .iter()
        .enumerate()
        .map(|(k, b)| BulletinArticle {
            doc: bantin::markdown::parse(b),
            header: ArticleHeader {
                title: if k == 0 {
                    "Tiêu đề rất dài ".repeat(40)
                } else {
                    format!("Bài {k}")
                },
                summary: None,
                author: None,
                date: None,
            },
        })
        .collect();
    for (paper, cols) in [
        (PaperSize::A4, 2),
        (PaperSize::A5, 2),
        (PaperSize::B19x27, 1),
    ] {
        let tpl = templates::bulletin(paper, cols);
        let masthead = Masthead {
            name: "Bản tin Dân vận với một cái tên dài đến mức không thể vừa một dòng".into(),
            number: "Số 07".into(),
            internal: true,
            colophon: vec![("Ban biên tập".into(), "Nguyễn Văn A ".repeat(30))],
            ..Default::default()
        };
        let laid = layout_bulletin(
            &masthead,
            &articles,
            &tpl,
            &fonts,
            &NoImages,
            &mut |_, _| true,
        )
        .unwrap();
        let left = tpl.text_left() - 0.5;
        let right = tpl.text_left() + tpl.text_width() + 0.5;
        let gutter = if cols == 2 {
            let Front::Bulletin(st) = &tpl.front else {
                unreachable!()
            };
            let col = (tpl.text_width() - st.gutter_mm * templates::MM) / 2.0;
            Some((
                tpl.text_left() + col,
                tpl.text_left() + col + st.gutter_mm * templates::MM,
            ))
        } else {
            None
        };
        for (n, page) in laid.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Text {
                    x,
                    width,
                    text,
                    size,
                    ..
                } = item
                {
                    assert!(
                        *x >= left && x + width <= right,
                        "{paper:?} page {}: {text:?} leaves the text block",
                        n + 1
                    );
                    if let Some((g1, g2)) = gutter
                        && (*size - tpl.body_size).abs() < 0.01
                    {
                        assert!(
                            x + width <= g1 + 0.5 || *x >= g2 - 0.5,
                            "{paper:?} page {}: {text:?} crosses the gutter",
                            n + 1
                        );
                    }
                }
            }
        }
        assert!(
            laid.warnings.iter().any(|w| w.contains("khong-co")),
            "the missing photo is named"
        );
    }
}

#[test]
fn the_last_page_columns_end_within_two_lines_whatever_the_issue_length() {
    use bantin::typeset::{
        ArticleHeader, BulletinArticle, Item, Masthead, NoImages, layout_bulletin, templates,
    };
    let fonts = FontSet::discover(Some("Liberation Serif")).unwrap();
    let tpl = templates::bulletin(PaperSize::A4, 2);
    let para = "Ban Dân vận Đảng ủy xã phối hợp với Mặt trận Tổ quốc và các đoàn thể vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn, xây dựng nếp sống văn minh ở khu dân cư.";
    let mid = tpl.text_left() + tpl.text_width() / 2.0;
    let lead = tpl.body_size * tpl.leading;
    for n in [1usize, 2, 3, 5, 8, 13] {
        let articles: Vec<BulletinArticle> = (0..n)
            .map(|k| BulletinArticle {
                doc: bantin::markdown::parse(&vec![para; 2 + (k * 7) % 9].join("\n\n")),
                header: ArticleHeader {
                    title: format!("Bài {}", k + 1),
                    ..Default::default()
                },
            })
            .collect();
        let laid = layout_bulletin(
            &Masthead {
                name: "Bản tin".into(),
                ..Default::default()
            },
            &articles,
            &tpl,
            &fonts,
            &NoImages,
            &mut |_, _| true,
        )
        .unwrap();
        let last = laid.pages.last().unwrap();
        let lowest = |left: bool| {
            last.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { x, y, size, .. }
                        if (*size - tpl.body_size).abs() < 0.01 && (*x < mid) == left =>
                    {
                        Some(*y)
                    }
                    _ => None,
                })
                .fold(f32::MAX, f32::min)
        };
        let (l, r) = (lowest(true), lowest(false));
        if r == f32::MAX {
            continue; // everything fits in the first column's few lines
        }
        assert!(
            (l - r).abs() <= 2.0 * lead + 0.5,
            "{n} articles: columns end at {l} and {r}"
        );
    }
}
