//! PDF export as a user runs it (`bantin export pdf`), checked with poppler:
//! every word of the source comes back in order with its diacritics, fonts
//! are embedded subsets, metadata and page size are right; and golden PNG
//! pages catch layout regressions.
//!
//! Golden pages: `BANTIN_ACCEPT_GOLDEN=1 cargo test --test export_pdf`
//! rewrites the references in `tests/golden/` on purpose; look at them
//! before committing.

mod common;
mod golden_common;
mod pdf_common;

use golden_common::{SampleImages, check_golden, golden_profile, sample_article};

use bantin::export::{self, PdfTemplate};
use bantin::typeset::FontSet;
use common::Env;
use pdf_common::run as poppler;
use unicode_normalization::UnicodeNormalization;

/// Words of a Markdown source as a reader sees them: front matter, image
/// targets and link targets left out.
fn source_words(md: &str) -> Vec<String> {
    let mut body = md.to_string();
    if body.starts_with("---") {
        body = body.splitn(3, "---").nth(2).unwrap().to_string();
    }
    words(&pdf_common::without_link_targets(&body))
}

fn words(s: &str) -> Vec<String> {
    let s: String = s.nfc().collect();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every word of `want` occurs in `have`, in order (allowing for headers,
/// page numbers and captions in between).
fn assert_in_order(want: &[String], have: &[String]) {
    let mut j = 0;
    for (n, w) in want.iter().enumerate() {
        match have[j..].iter().position(|h| h == w) {
            Some(k) if k < 80 => j += k + 1,
            _ => panic!(
                "word {n} {w:?} did not come back in order; around: {:?}",
                &want[n.saturating_sub(5)..(n + 5).min(want.len())]
            ),
        }
    }
}

fn setup_profile(env: &Env) {
    for (k, v) in [
        ("cap_tren", "Đảng bộ xã Xuân Hồng"),
        ("co_quan", "Chi bộ Cơ quan Ủy ban nhân dân xã"),
        ("ky_hieu", "CB"),
        ("dia_danh", "Xuân Hồng"),
        ("tm", "T/M Chi bộ"),
        ("chuc_vu_ky", "Bí thư"),
        ("nguoi_ky", "Nguyễn Văn An"),
    ] {
        env.ok(&["profile", "set", k, v]);
    }
}

#[test]
fn exported_report_gives_back_every_word_and_is_a_proper_pdf() {
    let env = Env::new();
    setup_profile(&env);
    let src = bantin::sample::ARTICLES[1].1;
    let md = env.write("bao-cao.md", src);
    let id = env.import(&[&md])[0].0.to_string();
    let pdf = env.path("bao-cao.pdf");
    let out = env.run(&[
        "export",
        "pdf",
        &id,
        "--template",
        "report",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("trang"), "{}", out.stdout);
    assert!(
        out.stderr.is_empty(),
        "a complete profile leaves nothing to warn about: {}",
        out.stderr
    );

    let text = poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert_in_order(&source_words(src), &words(&text));
    for line in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ XÃ XUÂN HỒNG",
        "Số 12-BC/CB",
        "Xuân Hồng, ngày 24 tháng 11 năm 2026",
        "BÁO CÁO",
        "T/M CHI BỘ",
        "Nguyễn Văn An",
        "Nơi nhận:",
    ] {
        assert!(text.contains(line), "report shows {line:?}");
    }

    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded subset with ToUnicode: {row}"
        );
        assert!(cols[0].contains('+'), "subset name: {row}");
    }
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Title:           Báo cáo kết quả xây dựng văn hóa công sở năm 2026"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Chi bộ Cơ quan Ủy ban nhân dân xã"),
        "{info}"
    );
    assert!(info.contains("CreationDate:"), "{info}");
    assert!(
        !env.dir.path().read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")),
        "no temp file left"
    );
}

#[test]
fn nfd_source_prints_the_same_text_as_nfc() {
    let env = Env::new();
    let src = bantin::sample::ARTICLES[2].1;
    let nfd: String = src.nfd().collect();
    let a = env.write("nfc.md", src);
    let b = env.write("nfd.md", &nfd);
    let ids = env.import(&[&a, &b]);
    let mut texts = Vec::new();
    for (id, _) in ids {
        let pdf = env.path(&format!("{id}.pdf"));
        env.ok(&[
            "export",
            "pdf",
            &id.to_string(),
            "-o",
            pdf.to_str().unwrap(),
        ]);
        texts.push(poppler(
            "pdftotext",
            &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
        ));
    }
    assert_eq!(texts[0], texts[1]);
    assert_in_order(&source_words(src), &words(&texts[0]));
}

#[test]
fn a_report_with_no_profile_still_exports_and_says_what_is_missing() {
    let env = Env::new();
    let md = env.write("bc.md", bantin::sample::ARTICLES[1].1);
    let id = env.import(&[&md])[0].0.to_string();
    let pdf = env.path("bc.pdf");
    let r = env.run(&["export", "pdf", &id, "-o", pdf.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("bantin profile set co_quan"),
        "{}",
        r.stderr
    );
    assert!(pdf.exists());
}

#[test]
fn export_errors_are_clear() {
    let env = Env::new();
    let md = env.write("a.md", common::OFFICE_CULTURE);
    let id = env.import(&[&md])[0].0.to_string();
    let r = env.run(&[
        "export",
        "pdf",
        &id,
        "--template",
        "thiep-cuoi",
        "-o",
        env.path("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không có mẫu \"thiep-cuoi\""),
        "{}",
        r.stderr
    );
    let r = env.run(&[
        "export",
        "pdf",
        &id,
        "-o",
        env.path("khong-co/thu-muc/x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Không ghi được tệp"), "{}", r.stderr);
    let r = env.run(&[
        "export",
        "pdf",
        "77",
        "-o",
        env.path("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Không có bài viết số 77"), "{}", r.stderr);
}

// ---- golden pages ----

fn golden_pdf(i: usize, template: PdfTemplate) -> Vec<u8> {
    // The metric-compatible open font, so references do not depend on
    // whether a machine has Times New Roman.
    let fonts = FontSet::discover(Some("Liberation Serif")).expect("fonts-liberation2");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+07:00").unwrap();
    let article = sample_article(i);
    export::article_pdf(
        &article,
        &bantin::markdown::parse(&article.content.body),
        &golden_profile(),
        template,
        false,
        &fonts,
        &SampleImages,
        now,
    )
    .unwrap()
    .bytes
}

#[test]
fn golden_report_pages() {
    check_golden("bao-cao", &golden_pdf(1, PdfTemplate::Report));
}

#[test]
fn golden_article_pages() {
    check_golden("tin-bai", &golden_pdf(0, PdfTemplate::Article));
}

#[test]
fn the_same_article_gives_the_same_bytes() {
    assert_eq!(
        golden_pdf(0, PdfTemplate::Article),
        golden_pdf(0, PdfTemplate::Article)
    );
}

#[test]
fn two_sided_printing_mirrors_the_margins_on_back_pages() {
    let env = Env::new();
    let md = env.write("bc.md", bantin::sample::ARTICLES[1].1);
    let id = env.import(&[&md])[0].0.to_string();
    let pdf = env.path("hai-mat.pdf");
    env.ok(&[
        "export",
        "pdf",
        &id,
        "--template",
        "report",
        "--two-sided",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let bbox = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    // Leftmost word on each page, in mm.
    let mut left = Vec::new();
    for page in bbox.split("<page ").skip(1) {
        let min = page
            .split("xMin=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse::<f32>().ok())
            .fold(f32::MAX, f32::min);
        left.push(min * 25.4 / 72.0);
    }
    assert!(left.len() >= 2, "the sample report has two pages");
    assert!(
        (left[0] - 35.0).abs() < 1.5,
        "front page: 35 mm left margin, got {:.1}",
        left[0]
    );
    assert!(
        (left[1] - 15.0).abs() < 1.5,
        "back page: 15 mm left margin, got {:.1}",
        left[1]
    );
}
