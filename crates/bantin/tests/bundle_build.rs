//! Building upload bundles (DESIGN §6): what goes in, how it is named and
//! shaped, images web-sized and upright, the same bytes every time, written
//! atomically, and bad images refused with a clear error.

mod bundle_common;

use bundle_common::*;
use image::GenericImageView;

fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

#[test]
fn sample_bundle_lists_exactly_the_expected_files() {
    let (article, images) = sample();
    let bundle = build(&article, &images, None).unwrap();
    assert_eq!(
        bantin::export::bundle_file_name(&bundle.manifest),
        "2026-11-20-xuan-hong-day-manh-xay-dung-van-hoa-cong-so-trong-co-quan-dang-chinh-quyen.zip"
    );
    let names: Vec<String> = unzip(&bundle.bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "index.md",
            "article.html",
            "article.md",
            "images/anh-01.jpg",
            "images/thumbnail.jpg"
        ]
    );
    let with_pdf = build(&article, &images, Some(b"%PDF-1.7 thu".to_vec())).unwrap();
    let entries = unzip(&with_pdf.bytes);
    assert_eq!(file(&entries, "article.pdf"), b"%PDF-1.7 thu");
    assert!(b::check_bundle(&with_pdf.bytes).unwrap().is_ok());
}

#[test]
fn manifest_describes_the_article_and_every_file() {
    let (article, images) = sample();
    let bundle = build(&article, &images, None).unwrap();
    let entries = unzip(&bundle.bytes);
    let m: serde_json::Value = serde_json::from_slice(file(&entries, "manifest.json")).unwrap();
    assert_eq!(m["format_version"], 1);
    assert_eq!(m["id"], 1);
    assert_eq!(m["title"], article.content.title.as_str());
    assert_eq!(m["summary"], article.content.summary.as_str());
    assert_eq!(m["author"], "Ban Dân vận Đảng ủy xã");
    assert_eq!(m["category"], "Dân vận chính quyền");
    assert_eq!(m["tags"][0], "văn hóa công sở");
    assert_eq!(m["published"], "2026-11-20T00:00:00+07:00");
    let words = bantin::markdown::parse(&article.content.body).word_count();
    assert!(words > 200);
    assert_eq!(m["word_count"], words);
    assert_eq!(m["thumbnail"], "images/thumbnail.jpg");
    let files = m["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        entries.len() - 1,
        "every file but the manifest"
    );
    for f in files {
        let data = file(&entries, f["path"].as_str().unwrap());
        assert_eq!(f["size"], data.len());
        assert_eq!(f["sha256"], bantin::store::assets::sha256_hex(data));
    }
    assert_eq!(bundle.manifest.files.len(), files.len());
}

#[test]
fn html_is_a_clean_fragment_for_the_portal() {
    let (article, images) = sample();
    let entries = unzip(&build(&article, &images, None).unwrap().bytes);
    let html = std::str::from_utf8(file(&entries, "article.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("javascript:"));
    assert!(
        !lower.contains(" on"),
        "no event handler attributes: {html}"
    );
    assert!(!lower.contains("http"), "no external URL in the sample");
    assert!(html.starts_with("<p class=\"sapo\"><strong>Sau một năm"));
    assert!(html.contains(
        "<figure style=\"text-align:center\"><img src=\"images/anh-01.jpg\" alt=\"Hội nghị sơ kết"
    ));
    assert!(html.contains("<figcaption style=\"font-style:italic\">Hội nghị"));
    assert!(html.contains("<h2>Chuyển biến từ những việc nhỏ</h2>"));
    assert!(html.contains("<td style=\"text-align:right\">99,1%</td>"));
    assert!(html.contains("<sup><a href=\"#fn-1\">1</a></sup>"));
    assert!(html.contains("<li id=\"fn-1\">Nghị quyết được ban hành"));
    assert!(
        html.ends_with(
            "<p style=\"text-align:right\"><strong>Ban Dân vận Đảng ủy xã</strong></p>\n"
        )
    );
}

#[test]
fn markdown_files_point_at_the_bundled_images() {
    let (article, images) = sample();
    let entries = unzip(&build(&article, &images, None).unwrap().bytes);
    let md = std::str::from_utf8(file(&entries, "article.md")).unwrap();
    assert!(md.contains("](images/anh-01.jpg)"));
    assert!(!md.contains("asset:"));
    assert!(md.starts_with("---\ntitle: \"Xuân Hồng"));
    assert!(md.contains("\ndate: 2026-11-20\n"));
    let index = std::str::from_utf8(file(&entries, "index.md")).unwrap();
    let (front, body) = index
        .strip_prefix("---\n")
        .and_then(|s| s.split_once("\n---\n"))
        .unwrap();
    assert!(front.contains("title: \"Xuân Hồng đẩy mạnh"));
    assert!(front.contains("date: 2026-11-20T00:00:00+07:00"));
    assert!(front.contains("categories: [\"Dân vận chính quyền\"]"));
    assert!(front.contains("tags: [\"văn hóa công sở\",\"dân vận khéo\",\"cải cách hành chính\"]"));
    assert!(front.contains("image: \"images/thumbnail.jpg\""));
    assert!(body.contains("](images/anh-01.jpg)"));
}

#[test]
fn thumbnail_is_a_3_by_2_jpeg() {
    let (article, images) = sample();
    let entries = unzip(&build(&article, &images, None).unwrap().bytes);
    let thumb = file(&entries, "images/thumbnail.jpg");
    assert!(thumb.starts_with(&[0xFF, 0xD8]));
    assert_eq!(decode(thumb).dimensions(), (600, 400));
}

#[test]
fn big_photos_shrink_to_1600_and_graphics_stay_png() {
    let (article, images) =
        article_with(&[("Ảnh lớn", jpeg(4000, 3000)), ("Biểu đồ", png(2000, 500))]);
    let entries = unzip(&build(&article, &images, None).unwrap().bytes);
    assert_eq!(
        decode(file(&entries, "images/anh-01.jpg")).dimensions(),
        (1600, 1200)
    );
    let graphic = file(&entries, "images/anh-02.png");
    assert!(graphic.starts_with(b"\x89PNG"));
    assert_eq!(decode(graphic).dimensions(), (1600, 400));
    // The thumbnail is cut from the first image, not the second.
    let thumb = decode(file(&entries, "images/thumbnail.jpg")).to_rgb8();
    assert!(
        thumb.get_pixel(10, 200)[0] > 150,
        "left of the photo is red"
    );
}

#[test]
fn exif_orientation_is_applied_and_metadata_stripped() {
    let photo = with_orientation(&jpeg(400, 300), 6);
    let (article, images) = article_with(&[("Ảnh chụp dọc", photo)]);
    let entries = unzip(&build(&article, &images, None).unwrap().bytes);
    let out = file(&entries, "images/anh-01.jpg");
    assert!(
        !out.windows(6).any(|w| w == b"Exif\0\0"),
        "no EXIF left in the web copy"
    );
    let img = decode(out).to_rgb8();
    // Orientation 6: turn 90° clockwise, so the stored left (red) half is
    // now the top and the picture is portrait.
    assert_eq!(img.dimensions(), (300, 400));
    assert!(img.get_pixel(150, 50)[0] > 150 && img.get_pixel(150, 50)[2] < 100);
    assert!(img.get_pixel(150, 350)[2] > 150 && img.get_pixel(150, 350)[0] < 100);
}

#[test]
fn same_article_gives_the_same_bytes() {
    let (article, images) = sample();
    let a = build(&article, &images, None).unwrap();
    let b = build(&article, &images, None).unwrap();
    assert_eq!(a.bytes, b.bytes);
    let (big, big_images) = article_with(&[("1", jpeg(1800, 1200)), ("2", png(300, 200))]);
    assert_eq!(
        build(&big, &big_images, None).unwrap().bytes,
        build(&big, &big_images, None).unwrap().bytes
    );
}

#[test]
fn our_own_bundle_passes_the_check() {
    let (article, images) = sample();
    let bundle = build(&article, &images, None).unwrap();
    let report = b::check_bundle(&bundle.bytes).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.manifest.unwrap(), bundle.manifest);
}

#[test]
fn write_bundle_is_atomic_and_leaves_nothing_on_failure() {
    let (article, images) = sample();
    let bundle = build(&article, &images, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = bantin::export::write_bundle(dir.path(), &bundle).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bundle.bytes);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from(bantin::export::bundle_file_name(
            &bundle.manifest
        ))],
        "no temporary file left"
    );
    let missing = dir.path().join("khong-co");
    let err = bantin::export::write_bundle(&missing, &bundle).unwrap_err();
    assert_eq!(err.code(), "write_failed");
    assert!(!missing.exists());
}

#[test]
fn decompression_bomb_is_a_clear_error() {
    let (article, images) = article_with(&[("Bom", png_claiming(60_000, 60_000))]);
    let err = build(&article, &images, None).unwrap_err();
    assert_eq!(err.code(), "image_too_large", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("60000×60000") && msg.contains("Bom"), "{msg}");
}

#[test]
fn corrupt_and_unknown_images_are_clear_errors() {
    let mut broken = vec![0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43];
    broken.extend([0x5A; 200]);
    let (article, images) = article_with(&[("Ảnh hỏng", broken)]);
    let err = build(&article, &images, None).unwrap_err();
    assert_eq!(err.code(), "image_corrupt", "{err}");
    assert!(
        err.to_string()
            .starts_with("Ảnh số 1 (\"Ảnh hỏng\") bị hỏng"),
        "{err}"
    );

    let mut cut = jpeg(800, 600);
    cut.truncate(300);
    let (article, images) = article_with(&[("Ảnh cụt", cut)]);
    assert!(build(&article, &images, None).is_err());

    let (article, images) = article_with(&[("Không phải ảnh", b"GIF89a............".to_vec())]);
    assert_eq!(
        build(&article, &images, None).unwrap_err().code(),
        "image_unsupported"
    );
}

#[test]
fn missing_and_remote_images_are_refused() {
    let (article, _) = sample();
    let err = build(&article, &Images::new(), None).unwrap_err();
    assert_eq!(err.code(), "image_missing");
    assert!(err.to_string().contains("Hội nghị sơ kết"), "{err}");
    let remote = article_for("![Ảnh mạng](https://example.com/a.jpg)\n");
    assert_eq!(
        build(&remote, &Images::new(), None).unwrap_err().code(),
        "image_remote"
    );
}

#[test]
fn links_the_author_wrote_stay_and_unsafe_ones_do_not() {
    let a = article_for(
        "Xem [cổng](https://xuanhong.gov.vn) và [mã](javascript:alert(1)) <b onclick=\"x()\">đậm</b>.\n",
    );
    let entries = unzip(&build(&a, &Images::new(), None).unwrap().bytes);
    let html = std::str::from_utf8(file(&entries, "article.html")).unwrap();
    assert!(html.contains("<a href=\"https://xuanhong.gov.vn\">cổng</a>"));
    assert!(
        !html.contains("javascript:") && !html.contains("onclick=\""),
        "{html}"
    );
    assert!(
        b::check_bundle(&build(&a, &Images::new(), None).unwrap().bytes)
            .unwrap()
            .is_ok()
    );
}

fn article_for(body: &str) -> bantin::model::Article {
    article(bantin::model::Content {
        title: "Bài thử".into(),
        body: body.into(),
        ..Default::default()
    })
}

/// A PNG whose header claims `w`×`h` with almost no data: the shape of a
/// decompression bomb.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn underline_reaches_the_portal_as_u() {
    let content = bantin::model::Content {
        title: "Gạch chân".into(),
        body: "Chi bộ <u>đã **thống nhất**</u> và <u class=\"x\">không</u>.\n".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        ..bantin::model::Content::default()
    };
    let bundle = build(&article(content), &Images::new(), None).unwrap();
    let entries = unzip(&bundle.bytes);
    let html = String::from_utf8(file(&entries, "article.html").to_vec()).unwrap();
    assert!(
        html.contains("<u>đã </u><strong><u>thống nhất</u></strong>"),
        "{html}"
    );
    // Any other tag is text, as everywhere.
    assert!(html.contains("&lt;u class="), "{html}");
    assert!(b::check_bundle(&bundle.bytes).unwrap().is_ok());
}
