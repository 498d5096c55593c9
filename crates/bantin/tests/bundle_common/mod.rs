//! Shared helpers for the bundle tests: articles, images made on the fly,
//! and reading and re-sealing zips so a test can craft a broken bundle that
//! is wrong in exactly one way.

#![allow(dead_code)]

pub mod hostile;

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use bantin::model::{Article, Content};
use bantin::store::assets::sha256_hex;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use image::{ImageEncoder, RgbImage};

// When this file moves into crates/bantin/tests, this is the one line to
// change: `pub use bantin::bundle as b;`.
pub use bantin::bundle as b;

/// A fixed clock: tests never read the real one.
pub fn now() -> DateTime<FixedOffset> {
    bantin::text::vietnam_offset()
        .with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .unwrap()
}

pub fn article(content: Content) -> Article {
    let t = Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap();
    Article {
        id: 1,
        content,
        created_at: t,
        updated_at: t,
        revision: 1,
        word_count: 0,
    }
}

/// Images by `asset:<sha256>`.
pub type Images = HashMap<String, (Vec<u8>, String)>;

/// Sample article 0 (an image, a footnote, a table) and its images.
pub fn sample() -> (Article, Images) {
    let prepared = bantin::sample::prepared().unwrap().remove(0);
    let images = prepared
        .images
        .iter()
        .map(|(_, a)| {
            (
                format!("asset:{}", sha256_hex(&a.bytes)),
                (a.bytes.clone(), a.mime.clone()),
            )
        })
        .collect();
    (article(prepared.content), images)
}

/// An article whose body shows the given images, in order, as figures.
pub fn article_with(images: &[(&str, Vec<u8>)]) -> (Article, Images) {
    let mut body = String::from("Đoạn mở đầu.\n\n");
    let mut map = Images::new();
    for (i, (caption, bytes)) in images.iter().enumerate() {
        let src = format!("asset:{}", sha256_hex(bytes));
        body.push_str(&format!("![{caption}]({src})\n\nĐoạn {}.\n\n", i + 1));
        map.insert(src, (bytes.clone(), "image/jpeg".into()));
    }
    let content = Content {
        title: "Ảnh thử nghiệm".into(),
        body,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        ..Content::default()
    };
    (article(content), map)
}

pub fn build(
    article: &Article,
    images: &Images,
    pdf: Option<Vec<u8>>,
) -> Result<b::Bundle, b::BundleError> {
    let lookup = |src: &str| images.get(src).cloned();
    let opts = b::BundleOptions {
        pdf,
        ..b::BundleOptions::new(now())
    };
    let doc = bantin::markdown::parse(&article.content.body);
    b::build_bundle(article, &doc, &lookup, &opts)
}

/// A JPEG of `w`×`h`: left half red, right half blue, so orientation shows.
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            [220, 20, 20].into()
        } else {
            [20, 20, 220].into()
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| [(x % 256) as u8, (y % 256) as u8, 128].into());
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with an EXIF APP1 segment (big-endian TIFF) saying `orientation`,
/// inserted right after SOI as cameras write it.
pub fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend(b"MM");
    tiff.extend(42u16.to_be_bytes());
    tiff.extend(8u32.to_be_bytes()); // IFD0 right after the header
    tiff.extend(1u16.to_be_bytes()); // one entry
    tiff.extend(0x0112u16.to_be_bytes()); // Orientation
    tiff.extend(3u16.to_be_bytes()); // SHORT
    tiff.extend(1u32.to_be_bytes()); // count
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]); // value padding
    tiff.extend(0u32.to_be_bytes()); // no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// The entries of a zip, in order, with their bytes.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

pub fn file<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &entries.iter().find(|(n, _)| n == name).unwrap().1
}

/// Zips entries as given (names unchecked, so tests can write `../evil`).
pub fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Rewrites manifest.json so its sizes and checksums match the entries
/// again: the bundle then differs from a good one only by the tampering.
pub fn reseal(entries: &mut [(String, Vec<u8>)]) {
    let sums: HashMap<String, (usize, String)> = entries
        .iter()
        .map(|(n, d)| (n.clone(), (d.len(), sha256_hex(d))))
        .collect();
    let m = entries
        .iter_mut()
        .find(|(n, _)| n == "manifest.json")
        .unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&m.1).unwrap();
    for f in json["files"].as_array_mut().unwrap() {
        let path = f["path"].as_str().unwrap().to_string();
        if let Some((size, sha)) = sums.get(&path) {
            f["size"] = (*size).into();
            f["sha256"] = sha.clone().into();
        }
    }
    m.1 = serde_json::to_vec_pretty(&json).unwrap();
}

pub fn codes(report: &b::CheckReport) -> Vec<&'static str> {
    report.problems.iter().map(|p| p.code).collect()
}
