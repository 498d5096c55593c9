//! Word export: export → import gives back the same document; export →
//! LibreOffice → PDF keeps every word, the paper and the margins.

mod common;

use std::collections::BTreeMap;

use bantin::doc::{Block, Document};
use bantin::typeset::templates::{self, Template};
use bantin::typeset::{ArticleHeader, ImageSource, ReportHeader};
use bantin::word::{Front, read_docx, to_docx};
use common::Env;

struct SampleImages;

impl ImageSource for SampleImages {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        bantin::sample::IMAGES
            .iter()
            .find(|(n, _)| *n == src)
            .map(|(_, b)| b.to_vec())
    }
}

fn sample(name: &str) -> (bantin::markdown::FrontMatter, Document) {
    let text = bantin::sample::ARTICLES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1;
    let (front, body) = bantin::markdown::split_front_matter(text).unwrap();
    match front {
        Some(front) => (front, bantin::markdown::parse(body)),
        None => {
            let (title, body) = bantin::markdown::take_title_heading(body).unwrap();
            let front = bantin::markdown::FrontMatter {
                title: Some(title),
                ..Default::default()
            };
            (front, bantin::markdown::parse(&body))
        }
    }
}

fn report_header(front: &bantin::markdown::FrontMatter) -> ReportHeader {
    ReportHeader {
        superior_body: "ĐẢNG BỘ XÃ XUÂN HỒNG".into(),
        issuing_body: "CHI BỘ CƠ QUAN".into(),
        number_symbol: format!("Số {}", front.so_hieu.clone().unwrap()),
        place: "Xuân Hồng".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        type_name: "BÁO CÁO".into(),
        summary: front.summary.clone().unwrap(),
        recipients: front.noi_nhan.clone(),
        authority: "T/M CHI BỘ".into(),
        signer_title: "BÍ THƯ".into(),
        signer_name: "Nguyễn Văn An".into(),
        show: Default::default(),
    }
}

/// Figures point at `asset:<sha256>` once imported.
fn as_assets(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Figure(f) => {
                let bytes = SampleImages.image(&f.src).unwrap();
                f.src = format!("asset:{}", bantin::store::assets::sha256_hex(&bytes));
            }
            Block::List { items, .. } => items.iter_mut().for_each(|i| as_assets(&mut i.blocks)),
            Block::Quote { blocks } => as_assets(blocks),
            _ => {}
        }
    }
}

#[test]
fn export_then_import_gives_back_the_same_document() {
    for name in ["01-van-hoa-cong-so.md", "03-dan-van-kheo-thon-lac-nam.md"] {
        let (front, doc) = sample(name);
        let header = ArticleHeader {
            title: front.title.clone().unwrap(),
            summary: front.summary.clone(),
            author: front.author.clone(),
            date: front.date.as_deref().and_then(bantin::import::parse_date),
        };
        let bytes = to_docx(
            &doc,
            Front::Article(&header),
            &templates::article(),
            &SampleImages,
        )
        .unwrap();
        let back = read_docx(bytes).unwrap();
        let mut expected = doc.clone();
        as_assets(&mut expected.blocks);
        assert_eq!(back.document, expected, "{name}");
        assert_eq!(back.title, header.title);
        assert_eq!(back.summary, header.summary);
        assert_eq!(back.author, header.author);
        assert_eq!(back.date, header.date);
    }

    let (front, doc) = sample("02-bao-cao-van-hoa-cong-so.md");
    let header = report_header(&front);
    let bytes = to_docx(
        &doc,
        Front::Report(&header),
        &templates::report_hd36_2018(),
        &SampleImages,
    )
    .unwrap();
    let back = read_docx(bytes.clone()).unwrap();
    assert_eq!(back.document, doc);
    assert_eq!(back.so_hieu, front.so_hieu);
    assert_eq!(back.date, Some(header.date));
    assert_eq!(back.recipients, front.noi_nhan);
    // Pure: the same input gives the same bytes.
    assert_eq!(
        bytes,
        to_docx(
            &doc,
            Front::Report(&header),
            &templates::report_hd36_2018(),
            &SampleImages
        )
        .unwrap()
    );
}

fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!(
            "this test needs {cmd} ({e}); install it: apt-get install -y --no-install-recommends \
             libreoffice-writer-nogui poppler-utils (scripts/test.sh does)"
        )
    });
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of page `page` of a PDF with their boxes in mm (xMin, yMin,
/// xMax, yMax), from poppler.
fn word_boxes(pdf: &str, page: usize) -> Vec<(String, [f32; 4])> {
    let p = page.to_string();
    let bbox = tool("pdftotext", &["-bbox", "-f", &p, "-l", &p, pdf, "-"]);
    let attr = |line: &str, key: &str| -> f32 {
        let i = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[i..].split('"').next().unwrap().parse::<f32>().unwrap() * 25.4 / 72.0
    };
    bbox.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let word = l
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            (
                word.to_owned(),
                [
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                ],
            )
        })
        .collect()
}

/// (width, height) in mm, and the edges of the text of page 1 in mm from
/// the paper's edges (left, right, top), from poppler.
fn measure(pdf: &str) -> ((f32, f32), (f32, f32, f32)) {
    let info = tool("pdfinfo", &[pdf]);
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let nums: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let (mut left, mut right, mut top) = (f32::MAX, 0.0f32, f32::MAX);
    for (_, b) in word_boxes(pdf, 1) {
        left = left.min(b[0]);
        top = top.min(b[1]);
        right = right.max(b[2]);
    }
    ((mm(nums[0]), mm(nums[1])), (left, mm(nums[0]) - right, top))
}

/// The paper, and the margins within ±1 mm: left and right from the
/// widest lines, top from the first line (its box starts a little below
/// the margin: the line's leading above the capitals, as in our own PDF).
fn check_paper(pdf: &str, tpl: &Template) {
    let ((w, h), (left, right, top)) = measure(pdf);
    assert!(
        (w - tpl.paper.width_mm).abs() < 1.0 && (h - tpl.paper.height_mm).abs() < 1.0,
        "{pdf}: {w}×{h} mm"
    );
    let m = &tpl.margins;
    assert!(
        (left - m.left_mm).abs() < 1.0,
        "{pdf}: text starts {left} mm from the left"
    );
    assert!(
        (right - m.right_mm).abs() < 1.0,
        "{pdf}: text ends {right} mm from the right"
    );
    assert!(
        (top - m.top_mm).abs() < 1.0,
        "{pdf}: text starts {top} mm from the top"
    );
}

/// The report's place-and-date line, as in the PDF: level with the number
/// and symbol ("Số …") in the header table, and in the same words.
fn check_date_row(pdf: &str, ours: &str) {
    let line_of = |pdf: &str| {
        let words = word_boxes(pdf, 1);
        let number = words
            .iter()
            .find(|(w, _)| w == "Số")
            .expect("Số on page 1")
            .1[3];
        let date = words
            .iter()
            .find(|(w, _)| w == "ngày")
            .expect("the date on page 1")
            .1[3];
        let text: Vec<&str> = words
            .iter()
            .filter(|(_, b)| (b[3] - date).abs() < 0.5 && b[0] > 95.0)
            .map(|(w, _)| w.as_str())
            .collect();
        (date - number, text.join(" "))
    };
    let (gap, text) = line_of(pdf);
    assert!(
        gap.abs() < 1.0,
        "{pdf}: the date line is {gap} mm off the number line"
    );
    assert_eq!(text, line_of(ours).1, "{pdf}: the date line's words");
}

/// One LibreOffice run for both files: it is slow to start.
#[test]
fn exported_word_files_print_every_word_on_the_template_paper() {
    let env = Env::new();
    env.ok(&["sample"]);
    let article = env.path("bai-viet.docx");
    let report = env.path("bao-cao.docx");
    env.ok(&[
        "export".as_ref(),
        "docx".as_ref(),
        "1".as_ref(),
        "-o".as_ref(),
        article.as_os_str(),
    ]);
    env.ok(&[
        "export".as_ref(),
        "docx".as_ref(),
        "2".as_ref(),
        "-o".as_ref(),
        report.as_os_str(),
    ]);
    let our_report = env.path("bao-cao-ban-tin.pdf");
    env.ok(&[
        "export".as_ref(),
        "pdf".as_ref(),
        "2".as_ref(),
        "-o".as_ref(),
        our_report.as_os_str(),
    ]);
    let dir = env.dir.path().to_str().unwrap();
    tool(
        "soffice",
        &[
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir,
            article.to_str().unwrap(),
            report.to_str().unwrap(),
        ],
    );
    for (pdf, sample_name, tpl) in [
        (
            "bai-viet.pdf",
            "01-van-hoa-cong-so.md",
            templates::article(),
        ),
        (
            "bao-cao.pdf",
            "02-bao-cao-van-hoa-cong-so.md",
            templates::report_hd36_2018(),
        ),
    ] {
        let pdf = env.path(pdf);
        let pdf = pdf.to_str().unwrap();
        let printed = words(&tool("pdftotext", &[pdf, "-"]));
        let (_, doc) = sample(sample_name);
        for (w, n) in words(&doc.plain_text()) {
            assert!(
                printed.get(&w).copied().unwrap_or(0) >= n,
                "{pdf}: \"{w}\" ×{n} not all printed"
            );
        }
        check_paper(pdf, &tpl);
    }
    check_date_row(
        env.path("bao-cao.pdf").to_str().unwrap(),
        our_report.to_str().unwrap(),
    );
    // The report numbers its pages from page 2, at the top.
    let text = tool(
        "pdftotext",
        &["-layout", env.path("bao-cao.pdf").to_str().unwrap(), "-"],
    );
    let page2 = text.split('\u{c}').nth(1).unwrap_or("");
    assert_eq!(
        page2.lines().find(|l| !l.trim().is_empty()).map(str::trim),
        Some("2"),
        "{page2}"
    );
    assert!(
        !text
            .split('\u{c}')
            .next()
            .unwrap()
            .lines()
            .any(|l| l.trim() == "1")
    );
}

#[test]
fn lists_links_styles_breaks_and_notes_come_back() {
    use bantin::doc::{Inline, ListItem, Run};
    let p = |t: &str| Block::Paragraph {
        content: vec![Inline::Text(Run::plain(t))],
    };
    let doc = Document {
        blocks: vec![
            Block::List {
                ordered: true,
                start: 3,
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![p("Một"), p("Đoạn thứ hai của mục một.")],
                    },
                    ListItem {
                        task: None,
                        blocks: vec![
                            p("Hai"),
                            Block::List {
                                ordered: false,
                                start: 1,
                                items: vec![ListItem {
                                    task: None,
                                    blocks: vec![p("Hai a")],
                                }],
                            },
                        ],
                    },
                ],
            },
            p("Sau danh sách."),
            Block::PageBreak,
            Block::Paragraph {
                content: vec![
                    Inline::Text(Run::plain("Xem ")),
                    Inline::Text(Run {
                        text: "cổng thông tin".into(),
                        style: Default::default(),
                        link: Some("https://xuanhong.vn/tin?a=1&b=2".into()),
                    }),
                    Inline::Text(Run::plain(", ")),
                    Inline::Text(Run {
                        text: "nghiêng".into(),
                        style: bantin::doc::Style {
                            italic: true,
                            ..Default::default()
                        },
                        link: None,
                    }),
                    Inline::Text(Run::plain(" và ")),
                    Inline::Text(Run {
                        text: "gạch bỏ".into(),
                        style: bantin::doc::Style {
                            strike: true,
                            ..Default::default()
                        },
                        link: None,
                    }),
                    Inline::LineBreak,
                    Inline::Text(Run::plain("dòng hai")),
                    Inline::FootnoteRef { n: 1 },
                ],
            },
        ],
        footnotes: vec![bantin::doc::Footnote {
            label: "1".into(),
            blocks: vec![p("Chú thích.")],
        }],
    };
    let header = ArticleHeader {
        title: "Danh sách".into(),
        ..Default::default()
    };
    let bytes = to_docx(
        &doc,
        Front::Article(&header),
        &templates::article(),
        &SampleImages,
    )
    .unwrap();
    assert_eq!(read_docx(bytes).unwrap().document, doc);
}

#[test]
fn underline_goes_out_as_w_u_and_word_readers_see_it() {
    let md = "Chi bộ <u>đã thống nhất</u> và <u>**quyết tâm** _cao_</u> thực hiện **<u>nghị quyết</u>**.";
    let doc = bantin::markdown::parse(md);
    let header = ArticleHeader {
        title: "Gạch chân".into(),
        ..Default::default()
    };
    let bytes = to_docx(
        &doc,
        Front::Article(&header),
        &templates::article(),
        &SampleImages,
    )
    .unwrap();
    // Our own reader gives back the same document.
    assert_eq!(read_docx(bytes.clone()).unwrap().document, doc);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    // Runs: "đã thống nhất", "quyết tâm", the space after it, "cao", "nghị quyết".
    assert_eq!(xml.matches(r#"<w:u w:val="single"/>"#).count(), 5, "{xml}");
    // pandoc reads it as underline…
    let env = Env::new();
    let file = env.path("gach-chan.docx");
    std::fs::write(&file, &bytes).unwrap();
    let back = tool(
        "pandoc",
        &["-f", "docx", "-t", "markdown", file.to_str().unwrap()],
    );
    for want in [
        "[đã thống nhất]{.underline}",
        "[**quyết tâm** *cao*]{.underline}",
        "**[nghị quyết]{.underline}**",
    ] {
        assert!(back.contains(want), "pandoc: {want} missing in\n{back}");
    }
    // …and so does LibreOffice (its HTML export writes <u>), with every word.
    let dir = env.dir.path().to_str().unwrap();
    let profile = format!("-env:UserInstallation=file://{dir}/lo-profile");
    tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            dir,
            file.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(env.path("gach-chan.html")).unwrap();
    let underlined: Vec<String> = html
        .split("<u>")
        .skip(1)
        .map(|s| {
            let inner = s.split("</u>").next().unwrap_or("");
            // Inner tags (bold spans) left out: the words underlined.
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    let joined = underlined.join("|");
    for want in ["đã thống nhất", "quyết tâm", "cao", "nghị quyết"] {
        assert!(
            underlined.iter().any(|u| u.contains(want)),
            "LibreOffice does not underline {want}: {joined}\n{html}"
        );
    }
    assert!(
        !joined.contains("Chi bộ") && !joined.contains("thực hiện"),
        "{joined}"
    );
}
