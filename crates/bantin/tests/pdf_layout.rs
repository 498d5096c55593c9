//! End-to-end checks of layout + PDF with poppler: text round trip, fonts,
//! metadata, determinism, margins of the Party report, images.

mod pdf_common;

use bantin::doc::{Block, Document, Figure};
use bantin::pdf::write_pdf;
use bantin::typeset::{
    ArticleHeader, ImageSource, NoImages, layout_article, layout_report, templates,
};
use pdf_common::*;
use unicode_normalization::UnicodeNormalization;

fn report_pdf(doc: &Document) -> Vec<u8> {
    let laid = layout_report(
        doc,
        &report_header(),
        &templates::report_hd36_2018(),
        fonts(),
        &NoImages,
    )
    .unwrap();
    write_pdf(&laid, fonts(), &info("Báo cáo về văn hóa công sở")).unwrap()
}

fn squash(s: &str) -> String {
    s.nfc().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn vietnamese_text_round_trips_through_pdftotext() {
    let pdf = report_pdf(&report_doc());
    let path = tmp_pdf("roundtrip.pdf", &pdf);
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let flat = squash(&text);
    // Every paragraph comes back exactly, diacritics and all.
    for p in PARAS {
        assert!(flat.contains(&squash(p)), "missing paragraph: {p}");
    }
    // And the words come back as words, in order.
    let words: Vec<String> = text
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut it = words.iter();
    for w in PARAS[0].split_whitespace() {
        assert!(it.any(|x| x == w), "word {w} missing or out of order");
    }
    for head in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ THÔN",
        "Số 12-BC/CB",
        "BÁO CÁO",
        "T/M CHI BỘ",
        "Nơi nhận:",
    ] {
        assert!(flat.contains(&squash(head)), "missing {head}");
    }
    assert!(flat.contains(&squash("Xuân Hồng, ngày 24 tháng 11 năm 2026")));
}

#[test]
fn nfd_input_gives_the_same_bytes_and_output_is_deterministic() {
    let nfc = report_pdf(&report_doc());
    let again = report_pdf(&report_doc());
    assert_eq!(nfc, again, "same input must give the same bytes");
    let mut doc = report_doc();
    for b in &mut doc.blocks {
        if let Block::Paragraph { content } = b {
            for i in content {
                if let bantin::doc::Inline::Text(r) = i {
                    r.text = r.text.nfd().collect();
                }
            }
        }
    }
    assert_ne!(doc, report_doc());
    assert_eq!(report_pdf(&doc), nfc);
}

#[test]
fn fonts_are_embedded_subsets_and_metadata_is_set() {
    let path = tmp_pdf("fonts.pdf", &report_pdf(&report_doc()));
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded subset with ToUnicode: {r}"
        );
        assert_eq!(cols[0].find('+'), Some(6), "{r}");
    }
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Title:           Báo cáo về văn hóa công sở"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Chi bộ thôn Trung Nghĩa"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Tue Nov 24 01:30:00 2026 UTC"),
        "{info}"
    );
}

#[test]
fn report_text_stays_inside_the_margins() {
    let mut doc = report_doc();
    for _ in 0..3 {
        doc.blocks.extend(report_doc().blocks);
    }
    let path = tmp_pdf("margins.pdf", &report_pdf(&doc));
    let mm = 72.0 / 25.4;
    let bx = boxes(path.to_str().unwrap());
    assert!(
        bx.iter().map(|b| b.0).max().unwrap() >= 3,
        "expected several pages"
    );
    for (page, x0, y0, x1, y1, w) in &bx {
        assert!(
            *x0 >= 35.0 * mm - 0.5,
            "{w} at x {x0} on page {page} left of 35 mm"
        );
        assert!(
            *x1 <= 195.0 * mm + 0.5,
            "{w} ends at {x1} on page {page}, right of 195 mm"
        );
        let number = *page >= 2 && w.chars().all(|c| c.is_ascii_digit()) && *y1 < 25.0 * mm;
        if number {
            // Page numbers: from page 2, about 10 mm below the top edge.
            assert!(
                *y0 >= 9.0 * mm && *y0 <= 13.0 * mm,
                "page number top at {} mm",
                y0 / mm
            );
        } else {
            assert!(
                *y0 >= 25.0 * mm - 3.0,
                "{w} above the top margin on page {page}"
            );
            assert!(
                *y1 <= (297.0 - 25.0) * mm + 3.0,
                "{w} below the bottom margin on page {page}"
            );
        }
    }
    // No number on page 1.
    assert!(!bx.iter().any(|b| b.0 == 1 && b.2 < 25.0 * mm));
}

#[test]
fn empty_document_still_has_the_header_and_signature() {
    let path = tmp_pdf("empty.pdf", &report_pdf(&Document::default()));
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(text.contains("BÁO CÁO") && text.contains("Nguyễn Văn An"));
    assert!(run("pdfinfo", &[path.to_str().unwrap()]).contains("Pages:           1"));
}

#[test]
fn one_page_article_is_small() {
    let doc = Document {
        blocks: PARAS.iter().map(|p| para(p)).collect(),
        footnotes: Vec::new(),
    };
    let h = ArticleHeader {
        title: "Văn hóa công sở".into(),
        author: Some("Ban Tuyên giáo".into()),
        ..Default::default()
    };
    let laid = layout_article(&doc, &h, &templates::article(), fonts(), &NoImages).unwrap();
    assert_eq!(laid.pages.len(), 1);
    let pdf = write_pdf(&laid, fonts(), &info("Văn hóa công sở")).unwrap();
    assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
    let path = tmp_pdf("article.pdf", &pdf);
    let bx = boxes(path.to_str().unwrap());
    let author = bx.iter().find(|b| b.5 == "giáo").expect("author line");
    let mm = 72.0 / 25.4;
    assert!(
        (author.3 - 190.0 * mm).abs() < 1.5,
        "author line is right-aligned"
    );
}

struct Files(Vec<(String, Vec<u8>)>);
impl ImageSource for Files {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(s, _)| s == src)
            .map(|(_, b)| b.clone())
    }
}

#[test]
fn jpeg_is_embedded_untouched_and_bad_images_become_placeholders() {
    let dir = std::env::temp_dir().join(format!("typeset-img-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jpg = dir.join("a.jpg");
    let made = std::process::Command::new("convert")
        .args([
            "-size",
            "320x200",
            "gradient:red-blue",
            jpg.to_str().unwrap(),
        ])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !made {
        eprintln!("imagemagick missing: skipping");
        return;
    }
    let bytes = std::fs::read(&jpg).unwrap();
    let fig = |src: &str| {
        Block::Figure(Figure {
            src: src.into(),
            caption: vec![text("Ảnh minh họa")],
        })
    };
    let doc = Document {
        blocks: vec![para(PARAS[0]), fig("asset:a"), fig("asset:bad")],
        footnotes: Vec::new(),
    };
    let src = Files(vec![
        ("asset:a".into(), bytes.clone()),
        ("asset:bad".into(), b"not an image".to_vec()),
    ]);
    let laid = layout_report(
        &doc,
        &report_header(),
        &templates::report_hd36_2018(),
        fonts(),
        &src,
    )
    .unwrap();
    assert_eq!(laid.images.len(), 1);
    assert_eq!(laid.warnings.len(), 1, "{:?}", laid.warnings);
    let pdf = write_pdf(&laid, fonts(), &info("Ảnh")).unwrap();
    assert!(
        pdf.windows(bytes.len()).any(|w| w == bytes.as_slice()),
        "JPEG bytes embedded as they were"
    );
    let path = tmp_pdf("img.pdf", &pdf);
    let list = run("pdfimages", &["-list", path.to_str().unwrap()]);
    let row: Vec<&str> = list.lines().nth(2).unwrap().split_whitespace().collect();
    assert_eq!(
        &row[3..9],
        &["320", "200", "rgb", "3", "8", "jpeg"],
        "{list}"
    );
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(text.contains("Không hiển thị được ảnh"));
}

/// A grey-scale page rendered by poppler (`pdftoppm -gray`, binary PGM).
struct Gray {
    width: usize,
    height: usize,
    px: Vec<u8>,
}

fn render_gray(pdf: &std::path::Path, dpi: u32) -> Gray {
    let stem = pdf.with_extension("");
    run(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(stem.with_extension("pgm")).unwrap();
    // "P5" width height maxval, each followed by one whitespace byte.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    Gray {
        width,
        height,
        px: bytes[i + 1..].to_vec(),
    }
}

impl Gray {
    /// Share of dark pixels on row `y` between `x0` and `x1` (pixels).
    fn dark(&self, y: usize, x0: usize, x1: usize) -> f32 {
        let row = &self.px[y * self.width..(y + 1) * self.width];
        let n = row[x0..x1].iter().filter(|&&v| v < 128).count();
        n as f32 / (x1 - x0).max(1) as f32
    }
    /// The row in `y0..y1` darkest between `x0` and `x1`, and its share.
    fn darkest_row(&self, y0: usize, y1: usize, x0: usize, x1: usize) -> (usize, f32) {
        (y0..y1.min(self.height))
            .map(|y| (y, self.dark(y, x0, x1)))
            .fold((y0, 0.0), |a, b| if b.1 > a.1 { b } else { a })
    }
}

#[test]
fn underline_is_a_line_under_the_words_and_the_text_is_unchanged() {
    use bantin::typeset::templates;
    // An underlined phrase inside a long justified paragraph, a plain one
    // after it, and underline nested in bold.
    let md = format!(
        "{} Chi bộ <u>đã thống nhất thông qua nghị quyết chuyên đề</u> về văn hóa công sở. {}\n\nMục tiêu: **<u>không</u> để vi phạm**.",
        PARAS[0], PARAS[1]
    );
    let doc = bantin::markdown::parse(&md);
    let header = ArticleHeader {
        title: "Gạch chân".into(),
        ..Default::default()
    };
    let laid = layout_article(&doc, &header, &templates::article(), fonts(), &NoImages).unwrap();
    let pdf = write_pdf(&laid, fonts(), &info("Gạch chân")).unwrap();
    let path = tmp_pdf("gach-chan.pdf", &pdf);
    // The text reads back exactly: the line adds nothing to it.
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(squash(&text).contains(&squash(&doc.plain_text())), "{text}");
    // Under each underlined word a row of the page is dark from its left
    // edge to its right edge, in the lower part of its box; under a plain
    // word of the same line none is.
    let dpi = 150;
    let scale = dpi as f32 / 72.0;
    let page = render_gray(&path, dpi);
    let words = boxes(path.to_str().unwrap());
    let px = |v: f32| (v * scale).round() as usize;
    let under = [
        "đã", "thống", "nhất", "thông", "qua", "nghị", "quyết", "chuyên", "đề",
    ];
    let start = words
        .windows(2)
        .position(|w| w[0].5 == "đã" && w[1].5 == "thống")
        .unwrap();
    let found = &words[start..start + under.len()];
    assert_eq!(
        found.iter().map(|w| w.5.as_str()).collect::<Vec<_>>(),
        under
    );
    let mut line_y = None;
    for w in found {
        let (_, x0, y0, x1, y1, _) = w;
        let (y, share) = page.darkest_row(px(*y0), px(*y1) + 3, px(*x0) + 1, px(*x1) - 1);
        assert!(share > 0.95, "no line under \"{}\": {share}", w.5);
        assert!(
            y as f32 > (y0 + (y1 - y0) * 0.6) * scale,
            "the line under \"{}\" is not below its letters",
            w.5
        );
        line_y = Some(y);
    }
    // The stretched spaces between underlined words on one line are
    // underlined too.
    for pair in found.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if (a.2 - b.2).abs() > 1.0 {
            continue;
        }
        let (_, share) = page.darkest_row(px(a.2), px(a.4) + 3, px(a.3) + 1, px(b.1) - 1);
        assert!(
            share > 0.95,
            "gap between \"{}\" and \"{}\": {share}",
            a.5,
            b.5
        );
    }
    // The words just before and after are not underlined.
    for w in [&words[start - 1], &words[start + under.len()]] {
        let (_, x0, y0, x1, y1, _) = w;
        let (_, share) = page.darkest_row(px(*y0), px(*y1) + 3, px(*x0) + 1, px(*x1) - 1);
        assert!(share < 0.9, "\"{}\" looks underlined: {share}", w.5);
    }
    assert!(line_y.is_some());
    // The same lines reach the page previews (SVG from the same items).
    let svg = bantin::svg::page_svg(&laid, 0, fonts()).unwrap();
    let plain = bantin::markdown::parse(&md.replace("<u>", "").replace("</u>", ""));
    let plain_laid =
        layout_article(&plain, &header, &templates::article(), fonts(), &NoImages).unwrap();
    let plain_svg = bantin::svg::page_svg(&plain_laid, 0, fonts()).unwrap();
    assert!(
        svg.matches("<line").count() > plain_svg.matches("<line").count(),
        "no underline in the page preview"
    );
    // Kept for a look: `pdftoppm -png -r 60` of this file.
    let _ = std::fs::copy(&path, std::env::temp_dir().join("bantin-gach-chan.pdf"));
}
