//! Golden pages and sample fixtures shared by the PDF tests: the sample
//! articles as library articles, their images, a filled-in profile, and the
//! reference-PNG comparison.
//!
//! `BANTIN_ACCEPT_GOLDEN=1 cargo test` rewrites the references in
//! `tests/golden/` on purpose; look at them before committing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use bantin::model::{Article, Profile};
use bantin::typeset::ImageSource;

use super::pdf_common::run as poppler;

pub struct SampleImages;
impl ImageSource for SampleImages {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        let sha = src.strip_prefix("asset:")?;
        bantin::sample::IMAGES
            .iter()
            .find(|(_, b)| bantin::store::assets::sha256_hex(b) == sha)
            .map(|(_, b)| b.to_vec())
    }
}

pub fn sample_article(i: usize) -> Article {
    let p = &bantin::sample::prepared().unwrap()[i];
    Article {
        id: i as i64 + 1,
        content: p.content.clone(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
        revision: 1,
        word_count: 0,
    }
}

pub fn golden_profile() -> Profile {
    let mut p = Profile::default();
    for (k, v) in [
        ("cap_tren", "Đảng bộ xã Xuân Hồng"),
        ("co_quan", "Chi bộ Cơ quan Ủy ban nhân dân xã"),
        ("dia_danh", "Xuân Hồng"),
        ("tm", "T/M Chi bộ"),
        ("chuc_vu_ky", "Bí thư"),
        ("nguoi_ky", "Nguyễn Văn An"),
    ] {
        p.fields.insert(k.into(), v.into());
    }
    p
}

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let gray: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => buf
            .chunks(3)
            .map(|p| ((p[0] as u32 + p[1] as u32 + p[2] as u32) / 3) as u8)
            .collect(),
        png::ColorType::Grayscale => buf,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, gray)
}

pub fn check_golden(name: &str, pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let prefix = dir.path().join(name);
    poppler(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            file.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let accept = std::env::var_os("BANTIN_ACCEPT_GOLDEN").is_some();
    for (n, page) in pages.iter().enumerate() {
        let reference = golden.join(format!("{name}-{}.png", n + 1));
        if accept {
            std::fs::copy(page, &reference).unwrap();
            continue;
        }
        assert!(
            reference.exists(),
            "no reference {}; run with BANTIN_ACCEPT_GOLDEN=1 and look at it",
            reference.display()
        );
        let (w1, h1, a) = decode_png(page);
        let (w2, h2, b) = decode_png(&reference);
        assert_eq!((w1, h1), (w2, h2), "{name} page {}: size", n + 1);
        let differing = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x.abs_diff(**y) > 40)
            .count();
        let share = differing as f64 / a.len() as f64;
        assert!(
            share < 0.002,
            "{name} page {}: {:.2}% of pixels differ from {}",
            n + 1,
            share * 100.0,
            reference.display()
        );
    }
    let extra = golden.join(format!("{name}-{}.png", pages.len() + 1));
    if accept {
        // A document that got shorter leaves no stale references behind.
        let mut n = pages.len() + 1;
        while golden.join(format!("{name}-{n}.png")).exists() {
            std::fs::remove_file(golden.join(format!("{name}-{n}.png"))).unwrap();
            n += 1;
        }
    } else {
        assert!(!extra.exists(), "{name}: fewer pages than the reference");
    }
}
