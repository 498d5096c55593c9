//! `bantin bench bundle`: one upload bundle of an article with ten photos
//! (4000 × 3000 JPEG unless other files are given), median of five runs.

use std::path::PathBuf;
use std::time::Instant;

use bantin::bundle::{self, BundleOptions};
use bantin::model::{Article, Content};
use bantin::store::assets::sha256_hex;
use chrono::{TimeZone, Utc};
use image::ImageEncoder;

use crate::cli::{CliError, Out};

/// A 4000 × 3000 JPEG with detail everywhere (noise over gradients), so it
/// decodes and compresses like a real photo.
fn photo(seed: u32) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = state & 0x3F;
        [
            ((x * 255 / w + n) & 0xFF) as u8,
            ((y * 255 / h + n) & 0xFF) as u8,
            (((x + y) / 30 + n) & 0xFF) as u8,
        ]
        .into()
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding to memory cannot fail");
    out
}

pub fn run(photos: &[PathBuf], out: &mut Out) -> Result<(), CliError> {
    let photos: Vec<Vec<u8>> = if photos.is_empty() {
        (0..10).map(photo).collect()
    } else {
        photos
            .iter()
            .map(|p| bantin::userfile::read(p, bantin::image::limits::MAX_FILE_BYTES))
            .collect::<Result<_, _>>()?
    };
    let mut body = String::from("Mở đầu bài viết.\n\n");
    let mut images = std::collections::HashMap::new();
    for (i, bytes) in photos.iter().enumerate() {
        let src = format!("asset:{}", sha256_hex(bytes));
        body.push_str(&format!(
            "![Ảnh {}]({src})\n\nĐoạn văn {}.\n\n",
            i + 1,
            i + 1
        ));
        images.insert(src, (bytes.clone(), "image/jpeg".to_string()));
    }
    let t = Utc
        .with_ymd_and_hms(2026, 11, 20, 1, 0, 0)
        .single()
        .expect("fixed date");
    let article = Article {
        id: 1,
        content: Content {
            title: "Mười ảnh lớn".into(),
            body,
            ..Content::default()
        },
        created_at: t,
        updated_at: t,
        revision: 1,
        word_count: 0,
    };
    let now = bantin::text::vietnam_offset()
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("fixed date");
    let opts = BundleOptions::new(now);
    let lookup = |src: &str| images.get(src).cloned();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let b = bundle::build_bundle(
            &article,
            &bantin::markdown::parse(&article.content.body),
            &lookup,
            &opts,
        )?;
        times.push(start.elapsed().as_secs_f64());
        size = b.bytes.len();
    }
    times.sort_by(f64::total_cmp);
    out.line(&format!(
        "Gói thử: {} ảnh, {:.1} MB vào → {:.1} MB ra; trung vị 5 lần {:.2} s (nhanh nhất {:.2} s)",
        photos.len(),
        photos.iter().map(Vec::len).sum::<usize>() as f64 / 1e6,
        size as f64 / 1e6,
        times[times.len() / 2],
        times[0]
    ));
    Ok(())
}
