//! The shared kernels seen from every output: one link policy for the
//! preview, the bundle's HTML and the bundle checker; one image policy for
//! printing and bundling; images shrunk to print size as they are read and
//! absurd ones refused before decoding; a photo cut short is said.

mod bundle_common;
mod pdf_common;

use bantin::doc::{Block, Document, Figure};
use bantin::model::Content;
use bantin::pdf::write_pdf;
use bantin::typeset::{ImageSource, Laid, layout_report, templates};
use bundle_common::{article, b, build, file, unzip};
use image::ImageEncoder;
use pdf_common::{fonts, info, para, report_header, text};

struct Files(Vec<(String, Vec<u8>)>);

impl ImageSource for Files {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(s, _)| s == src)
            .map(|(_, b)| b.clone())
    }
}

fn figure(src: &str, caption: &str) -> Block {
    Block::Figure(Figure {
        src: src.into(),
        caption: vec![text(caption)],
    })
}

/// A report showing `images` (src, bytes) as figures, laid out.
fn print(images: Vec<(&str, Vec<u8>)>) -> Laid {
    let mut blocks = vec![para("Đoạn mở đầu.")];
    for (src, _) in &images {
        blocks.push(figure(src, "Ảnh thử"));
    }
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let files = Files(
        images
            .into_iter()
            .map(|(s, b)| (s.to_string(), b))
            .collect(),
    );
    layout_report(
        &doc,
        &report_header(),
        &templates::report_hd36_2018(),
        fonts(),
        &files,
    )
    .unwrap()
}

/// A grey JPEG of `w` × `h` (a flat picture encodes fast at any size).
fn grey_jpeg(w: u32, h: u32) -> Vec<u8> {
    let pixels = vec![128u8; w as usize * h as usize];
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(&pixels, w, h, image::ExtendedColorType::L8)
        .unwrap();
    out
}

/// A PNG of zeros, `w` × `h` grey: a few kilobytes at any size.
fn zeros_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_compression(png::Compression::Fastest);
        let mut wr = enc.write_header().unwrap();
        let mut stream = wr.stream_writer().unwrap();
        let row = vec![0u8; w as usize];
        for _ in 0..h {
            std::io::Write::write_all(&mut stream, &row).unwrap();
        }
        stream.finish().unwrap();
    }
    out
}

/// A 4 × 4 PNG whose header claims `w` × `h` (checksum mended).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = zeros_png(4, 4);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let mut c = !0u32;
    for &b in &bytes[12..29] {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    bytes[29..33].copy_from_slice(&(!c).to_be_bytes());
    bytes
}

#[test]
fn a_wide_photo_prints_and_bundles_alike() {
    // 12,000 × 5,000: printed but refused by the bundle before the one policy.
    let photo = grey_jpeg(12_000, 5_000);
    let laid = print(vec![("asset:rong", photo.clone())]);
    assert_eq!(laid.images.len(), 1, "{:?}", laid.warnings);
    assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
    let (art, images) = bundle_common::article_with(&[("Toàn cảnh", photo)]);
    let bundle = build(&art, &images, None).expect("bundled as it prints");
    assert!(b::check_bundle(&bundle.bytes).unwrap().is_ok());

    // Past the policy, both refuse with the same reason.
    let huge = png_claiming(20_001, 100);
    let laid = print(vec![("asset:lon", huge.clone())]);
    let (art, images) = bundle_common::article_with(&[("Quá lớn", huge)]);
    let err = build(&art, &images, None).unwrap_err().to_string();
    let reason = "quá lớn (20001×100 điểm ảnh; tối đa 20000 điểm mỗi chiều và 100 triệu điểm ảnh)";
    assert!(
        laid.warnings.iter().any(|w| w.contains(reason)),
        "{:?}",
        laid.warnings
    );
    assert!(err.contains(reason), "{err}");
}

#[test]
fn an_http_link_is_treated_alike_by_preview_bundle_and_checker() {
    let body = "Xem [trang xã](http:xuanhong.ninhbinh.gov.vn) và [mã](javascript:alert(1)).\n";
    let preview = bantin::preview::to_html(
        &bantin::markdown::parse(body),
        &bantin::preview::PreviewOptions::default(),
    );
    let link = "<a href=\"http:xuanhong.ninhbinh.gov.vn\">trang xã</a>";
    assert!(preview.contains(link), "{preview}");
    assert!(!preview.contains("javascript"), "{preview}");

    let art = article(Content {
        title: "Liên kết".into(),
        body: body.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        ..Content::default()
    });
    let bundle = build(&art, &Default::default(), None).unwrap();
    let entries = unzip(&bundle.bytes);
    let html = String::from_utf8(file(&entries, "article.html").to_vec()).unwrap();
    assert!(html.contains(link), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    let report = b::check_bundle(&bundle.bytes).unwrap();
    assert!(report.is_ok(), "{:?}", report);
}

#[test]
fn huge_images_print_at_print_size_and_absurd_ones_are_refused_unread() {
    let laid = print(vec![
        ("asset:to", zeros_png(10_000, 10_000)),
        ("asset:khong-lo", png_claiming(40_000, 40_000)),
    ]);
    assert_eq!(laid.images.len(), 1, "{:?}", laid.warnings);
    // 300 dpi across the page is the most any frame on it can show.
    let page_w = laid.pages[0].width;
    let max_px = (page_w / 72.0 * 300.0).ceil() as u32;
    let img = &laid.images[0];
    assert!(
        img.width <= max_px && img.height <= max_px,
        "kept at {}×{}, more than {max_px} px the page can show",
        img.width,
        img.height
    );
    let refused: Vec<_> = laid
        .warnings
        .iter()
        .filter(|w| w.contains("asset:khong-lo"))
        .collect();
    assert_eq!(refused.len(), 1, "{:?}", laid.warnings);
    assert!(refused[0].contains("40000×40000"), "{}", refused[0]);

    // The PDF embeds that reduced image, not the original.
    let pdf = write_pdf(&laid, fonts(), &info("Ảnh lớn")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let widths: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .filter_map(|s| s.dict.get(b"Width").and_then(|v| v.as_i64()).ok())
        .collect();
    assert_eq!(widths.len(), 1);
    assert!(widths[0] <= i64::from(max_px), "{widths:?}");
}

#[test]
fn a_photo_cut_short_is_warned_about_on_print_and_import() {
    let photo = bantin::sample::IMAGES[0].1;
    let half = photo[..photo.len() / 2].to_vec();
    let laid = print(vec![("asset:cut", half.clone())]);
    assert!(
        laid.warnings.iter().any(|w| w.contains("cắt cụt")),
        "{:?}",
        laid.warnings
    );
    let whole = print(vec![("asset:ok", photo.to_vec())]);
    assert!(whole.warnings.is_empty(), "{:?}", whole.warnings);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("anh-cut.jpg"), &half).unwrap();
    let md = dir.path().join("bai.md");
    std::fs::write(&md, "# Bài có ảnh\n\n![Ảnh](anh-cut.jpg)\n").unwrap();
    let now = chrono::Utc::now();
    let lib = bantin::Library::open(&dir.path().join("thu-vien.bantin"), now).unwrap();
    let imported = bantin::import::import_files(&lib, &[md], now).unwrap();
    assert_eq!(imported.articles.len(), 1);
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].contains("\"anh-cut.jpg\" bị thiếu dữ liệu"),
        "{}",
        imported.warnings[0]
    );
}
