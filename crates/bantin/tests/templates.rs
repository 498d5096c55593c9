//! Templates are data: the shipped files load and validate, a bad file is
//! refused with its field named, and a changed margin moves the printed text
//! block by exactly the change (measured with `pdftotext -bbox`).

mod pdf_common;

use bantin::model::PaperSize;
use bantin::pdf::write_pdf;
use bantin::typeset::templates::{
    self, Front, MM, NumberPlace, Template, TemplateError, TemplateFile, TemplateKind,
};
use bantin::typeset::{NoImages, layout_report};
use pdf_common::*;

fn hd36_text() -> &'static str {
    templates::shipped_text("report/hd36-2018").unwrap()
}

/// The shipped report file with `from` replaced by `to` (once, must match).
fn edited(from: &str, to: &str) -> String {
    let text = hd36_text();
    assert!(text.contains(from), "the shipped file has {from:?}");
    text.replacen(from, to, 1)
        .replacen("name: report/hd36-2018", "name: report/thu-nghiem", 1)
}

const MARGINS: &str = "margins: { top_mm: 25, bottom_mm: 25, left_mm: 35, right_mm: 15 }";

fn refused(text: &str) -> TemplateError {
    match TemplateFile::parse(text) {
        Ok(f) => panic!("accepted a bad template: {f:?}"),
        Err(e) => e,
    }
}

#[test]
fn every_shipped_template_loads_and_validates() {
    assert!(templates::SHIPPED.len() >= 4);
    for (name, text) in templates::SHIPPED {
        let f = TemplateFile::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&f.name, name);
        assert!(f.version >= 1);
        assert!(!f.title.trim().is_empty() && !f.source.trim().is_empty());
        assert!(!f.title.is_ascii(), "{name}: Vietnamese title");
        assert_eq!(f.confirmed, *name != "report/hd05-2026", "{name}");
    }
    // Every file in assets/templates is shipped (none forgotten).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates");
    let on_disk = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(on_disk, templates::SHIPPED.len());

    let r = templates::report_hd36_2018();
    assert_eq!((r.paper.width_mm, r.paper.height_mm), (210.0, 297.0));
    let m = r.margins;
    assert_eq!(
        (m.top_mm, m.bottom_mm, m.left_mm, m.right_mm),
        (25.0, 25.0, 35.0, 15.0)
    );
    assert_eq!(
        r.page_numbers.place,
        NumberPlace::Top { from_edge_mm: 10.0 }
    );
    assert!(matches!(r.front, Front::Report(_)));
    assert!(matches!(templates::article().front, Front::Article(_)));
    for paper in PaperSize::ALL {
        for cols in [1, 2] {
            let b = templates::bulletin(paper, cols);
            let Front::Bulletin(st) = &b.front else {
                panic!("bulletin front")
            };
            assert_eq!(st.columns, cols);
            assert_eq!(b.paper.width_mm, paper.size_mm().0);
        }
    }
    let kinds: Vec<TemplateKind> = templates::shipped().iter().map(|t| t.kind()).collect();
    for k in [
        TemplateKind::Report,
        TemplateKind::Article,
        TemplateKind::Bulletin,
    ] {
        assert!(kinds.contains(&k), "{k:?} shipped");
    }
}

#[test]
fn the_unconfirmed_05_hd_template_is_separate_and_hd36_is_unchanged() {
    let hd05 = TemplateFile::parse(templates::shipped_text("report/hd05-2026").unwrap()).unwrap();
    assert!(!hd05.confirmed);
    assert!(hd05.title.contains("chưa xác nhận"));
    let m = hd05.page_template().margins;
    assert_eq!(
        (m.top_mm, m.bottom_mm, m.left_mm, m.right_mm),
        (20.0, 20.0, 30.0, 15.0)
    );
    assert_eq!(templates::report_hd36_2018().margins.left_mm, 35.0);
}

#[test]
fn unknown_fields_are_refused_with_their_name() {
    let e = refused(&format!("{}colour: red\n", hd36_text()));
    assert_eq!(e.field(), Some("colour"), "{e}");
    assert!(e.to_string().contains("«colour»"), "{e}");

    let e = refused(&edited("right_mm: 15 }", "right_mm: 15, gutter_mm: 3 }"));
    assert_eq!(e.field(), Some("page.margins.gutter_mm"), "{e}");
    assert!(
        e.to_string().starts_with("Tệp mẫu trình bày có trường lạ"),
        "{e}"
    );
}

#[test]
fn a_negative_margin_is_refused_with_the_field_and_range() {
    let e = refused(&edited(
        MARGINS,
        "margins: { top_mm: 25, bottom_mm: 25, left_mm: -5, right_mm: 15 }",
    ));
    assert_eq!(e.field(), Some("page.margins.left_mm"), "{e}");
    let msg = e.to_string();
    assert!(msg.contains("«page.margins.left_mm» là -5 mm"), "{msg}");
    assert!(msg.contains("từ 0 đến 300 mm"), "{msg}");
}

#[test]
fn a_text_block_under_50_mm_is_refused() {
    let e = refused(&edited(
        MARGINS,
        "margins: { top_mm: 25, bottom_mm: 25, left_mm: 100, right_mm: 70 }",
    ));
    assert_eq!(e.field(), Some("page.margins.left_mm"), "{e}");
    assert!(e.to_string().contains("40.0 mm"), "{e}");
    let e = refused(&edited(
        MARGINS,
        "margins: { top_mm: 150, bottom_mm: 100, left_mm: 35, right_mm: 15 }",
    ));
    assert_eq!(e.field(), Some("page.margins.top_mm"), "{e}");
}

#[test]
fn wrong_versions_and_sizes_are_refused() {
    let e = refused(&edited("format: 1", "format: 2"));
    assert_eq!(
        e,
        TemplateError::Format {
            found: 2,
            supported: 1
        }
    );
    assert!(e.to_string().contains("định dạng 2"), "{e}");
    let e = refused(&edited("version: 1", "version: 0"));
    assert_eq!(e.field(), Some("version"), "{e}");
    let e = refused(&edited("body_size: 14", "body_size: 90"));
    assert_eq!(e.field(), Some("text.body_size"), "{e}");
    assert!(e.to_string().contains("từ 6 đến 72 pt"), "{e}");
    let e = refused(&edited("body_size: 14", "body_size: mười bốn"));
    assert_eq!(e.field(), Some("text.body_size"), "{e}");
    let e = refused(&edited(
        "  paper: { width_mm: 210, height_mm: 297 } # A4\n",
        "",
    ));
    assert_eq!(e.field(), Some("page.paper"), "{e}");
    let syntax = refused("format: 1\n\tname: x\n");
    assert_eq!(syntax, TemplateError::Syntax { line: 2, column: 1 });
    // A template is exactly one of report, article, bulletin.
    let article = templates::shipped_text("article").unwrap();
    let section = &article[article.find("\narticle:").unwrap()..];
    let both = format!("{}{section}", hd36_text());
    assert!(matches!(refused(&both), TemplateError::Kind { .. }));
    // The block geometry and a bulletin's nested sections are checked too.
    let e = refused(&edited("figure_max_share: 0.8", "figure_max_share: 1.5"));
    assert_eq!(e.field(), Some("blocks.figure_max_share"), "{e}");
    let b = templates::shipped_text("bulletin/v1").unwrap();
    let e = refused(&b.replacen("gutter_mm: 6", "gutter_mm: 6\n    gutter: 6", 1));
    assert_eq!(e.field(), Some("bulletin.large.gutter"), "{e}");
    // A bulletin's offsets are checked on every paper it prints on.
    let e = refused(&b.replacen("footnote: -2", "footnote: -5", 1));
    assert_eq!(e.field(), Some("bulletin.size_offsets.footnote"), "{e}");
    // Nothing in any message is English from the parser.
    for msg in [e.to_string(), syntax.to_string()] {
        assert!(
            !msg.contains("expected") && !msg.contains("invalid"),
            "{msg}"
        );
    }
}

fn report_with(tpl: &Template, name: &str) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let mut doc = report_doc();
    for _ in 0..2 {
        doc.blocks.extend(report_doc().blocks);
    }
    let laid = layout_report(&doc, &report_header(), tpl, fonts(), &NoImages).unwrap();
    let pdf = write_pdf(&laid, fonts(), &info("Báo cáo")).unwrap();
    boxes(tmp_pdf(name, &pdf).to_str().unwrap())
}

fn is_page_number(b: &(usize, f32, f32, f32, f32, String)) -> bool {
    b.0 >= 2 && b.5.chars().all(|c| c.is_ascii_digit()) && b.2 < 15.0 * MM
}

#[test]
fn moving_the_margins_moves_every_word_by_the_same_amount() {
    // 5 mm to the left and 5 mm up, text block the same size.
    let moved = edited(
        MARGINS,
        "margins: { top_mm: 20, bottom_mm: 30, left_mm: 30, right_mm: 20 }",
    );
    let tpl = TemplateFile::parse(&moved).unwrap().page_template();
    let before = report_with(&templates::report_hd36_2018(), "tpl-before.pdf");
    let after = report_with(&tpl, "tpl-after.pdf");
    assert_eq!(before.len(), after.len());
    assert!(before.iter().map(|b| b.0).max().unwrap() >= 2);
    let d = 5.0 * MM;
    for (a, b) in before.iter().zip(&after) {
        assert_eq!((a.0, &a.5), (b.0, &b.5), "same words on the same pages");
        assert!((a.1 - d - b.1).abs() < 0.02, "{} x {} → {}", a.5, a.1, b.1);
        // Page numbers stay 10 mm below the paper's edge; the rest moves up.
        let dy = if is_page_number(a) { 0.0 } else { d };
        assert!((a.2 - dy - b.2).abs() < 0.02, "{} y {} → {}", a.5, a.2, b.2);
    }
}

#[test]
fn the_reported_05_hd_margins_move_the_text_block() {
    let hd05 = TemplateFile::parse(templates::shipped_text("report/hd05-2026").unwrap())
        .unwrap()
        .page_template();
    let before = report_with(&templates::report_hd36_2018(), "hd36.pdf");
    let after = report_with(&hd05, "hd05.pdf");
    // The extremes over all pages: justified lines start at the left margin
    // and end at the right one; page 1's header starts at the top margin.
    let extremes = |v: &[(usize, f32, f32, f32, f32, String)]| {
        let words = v.iter().filter(|b| !is_page_number(b));
        words.fold((f32::MAX, f32::MIN, f32::MAX), |(l, r, t), b| {
            (l.min(b.1), r.max(b.3), t.min(b.2))
        })
    };
    let (l36, r36, t36) = extremes(&before);
    let (l05, r05, t05) = extremes(&after);
    // Left margin 35 → 30 mm, right margin 15 mm in both, top 25 → 20 mm.
    assert!(
        (l36 - l05 - 5.0 * MM).abs() < 0.3,
        "left {} → {}",
        l36 / MM,
        l05 / MM
    );
    assert!((r36 - r05).abs() < 0.5, "right {} → {}", r36 / MM, r05 / MM);
    assert!(
        (t36 - t05 - 5.0 * MM).abs() < 0.3,
        "top {} → {}",
        t36 / MM,
        t05 / MM
    );
    assert!(
        (l05 - 30.0 * MM).abs() < 1.0,
        "text starts at 30 mm: {}",
        l05 / MM
    );
}

/// The y of the first text item that says `what`, on page 1.
fn y_of(laid: &bantin::typeset::Laid, what: &str) -> f32 {
    laid.pages[0]
        .items
        .iter()
        .find_map(|it| match it {
            bantin::typeset::Item::Text { y, text, .. } if text.contains(what) => Some(*y),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{what} on page 1"))
}

fn issue_with(tpl: &Template) -> bantin::typeset::Laid {
    use bantin::typeset::{ArticleHeader, BulletinArticle, Masthead, layout_bulletin};
    let article = |title: &str| BulletinArticle {
        doc: bantin::markdown::parse("Chi bộ đã tổ chức quán triệt Nghị quyết đến 100% đảng viên."),
        header: ArticleHeader {
            title: title.into(),
            ..Default::default()
        },
    };
    let masthead = Masthead {
        name: "Bản tin Dân vận".into(),
        publisher: vec!["Đảng ủy xã Xuân Hồng".into()],
        number: "Số 07".into(),
        internal: true,
        colophon: vec![("Ban biên tập".into(), "Ban Dân vận".into())],
        ..Default::default()
    };
    layout_bulletin(
        &masthead,
        &[article("Tin thứ nhất"), article("Tin thứ hai")],
        tpl,
        fonts(),
        &NoImages,
        &mut |_, _| true,
    )
    .unwrap()
}

#[test]
fn a_bulletins_masthead_and_contents_gaps_are_template_values() {
    let text = templates::shipped_text("bulletin").unwrap();
    let shipped = TemplateFile::parse(text).unwrap();
    // The file says the numbers the code used before they were settings,
    // and a file without them (an office's older copy) gets the same.
    let spacing = shipped.bulletin.as_ref().unwrap().spacing.clone();
    assert_eq!(spacing, templates::BulletinSpacing::default());
    let cut = text.find("  spacing:").unwrap();
    let older = TemplateFile::parse(&text[..cut]).unwrap();
    assert_eq!(older.bulletin.unwrap().spacing, spacing);

    // More room above "TRONG SỐ NÀY" moves it and everything under it.
    let wider = text
        .replacen("name: bulletin/v1", "name: bulletin/thu", 1)
        .replacen("contents_top_em: 0.4", "contents_top_em: 2.4", 1);
    let wider = TemplateFile::parse(&wider)
        .unwrap()
        .bulletin_template(PaperSize::A4, 2);
    let base = issue_with(&templates::bulletin(PaperSize::A4, 2));
    let moved = issue_with(&wider);
    let Front::Bulletin(st) = &wider.front else {
        panic!("a bulletin")
    };
    let size = st.contents_size;
    for what in ["TRONG SỐ NÀY", "Tin thứ nhất"] {
        let d = y_of(&base, what) - y_of(&moved, what);
        assert!((d.abs() - 2.0 * size).abs() < 0.01, "{what} moved {d} pt");
    }
    assert_eq!(
        y_of(&base, "BẢN TIN"),
        y_of(&moved, "BẢN TIN"),
        "the masthead stays"
    );

    // A gap out of its range is refused with its field named.
    let e = refused(
        &text
            .replacen("name: bulletin/v1", "name: bulletin/sai", 1)
            .replacen("colophon_pad_em: 0.8", "colophon_pad_em: -1", 1),
    );
    assert_eq!(e.field(), Some("bulletin.spacing.colophon_pad_em"), "{e}");
    assert!(e.to_string().contains("ngoài khoảng cho phép"), "{e}");
}
