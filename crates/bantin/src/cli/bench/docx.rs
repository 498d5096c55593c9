//! `bantin bench docx`: Word in and out (issue 12). Import of a ~50-page
//! `.docx` with 20 photos (`word::read_docx`: unzip, parse, map to
//! `Document`, images checked) and export of the ~100-page article of
//! `bench pdf` (`word::to_docx`), medians of five runs; in the same run the
//! same files through pandoc (`pandoc -f docx -t markdown` and
//! `-f markdown -t docx`), when it is installed, and the ratios.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bantin::doc::{Block, Document, Figure, Inline, Run};
use bantin::typeset::{ArticleHeader, ImageSource, templates};
use bantin::word::{Front, read_docx, to_docx};
use image::ImageEncoder;

use super::pdf::{PARAS, document};
use crate::cli::{CliError, Out};

/// Twenty distinct 1600 × 1200 JPEGs, like phone photos resized by Zalo.
struct Photos(Vec<Vec<u8>>);

impl Photos {
    fn new() -> Photos {
        Photos((0..20).map(photo).collect())
    }
}

impl ImageSource for Photos {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        let n: usize = src.strip_prefix("asset:anh")?.parse().ok()?;
        self.0.get(n % self.0.len()).cloned()
    }
}

fn photo(seed: u32) -> Vec<u8> {
    let (w, h) = (1600u32, 1200u32);
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = state & 0x1F;
        [
            ((x * 255 / w + n) & 0xFF) as u8,
            ((y * 255 / h + n) & 0xFF) as u8,
            (((x + y) / 20 + seed + n) & 0xFF) as u8,
        ]
        .into()
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding to memory cannot fail");
    out
}

/// ~50 pages: the first half of `bench pdf`'s paragraphs and tables, and
/// twenty different photos spread through it.
fn import_document() -> Document {
    let mut doc = document();
    doc.blocks.retain(|b| !matches!(b, Block::Figure(_)));
    doc.blocks.truncate(doc.blocks.len() / 2);
    let step = doc.blocks.len() / 20;
    for k in (0..20).rev() {
        doc.blocks.insert(
            k * step + 1,
            Block::Figure(Figure {
                src: format!("asset:anh{k}"),
                caption: vec![Inline::Text(Run::plain(PARAS[k % 5]))],
            }),
        );
    }
    doc
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T, CliError>) -> Result<(f64, T), CliError> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    Ok((median(times), last.expect("at least one run")))
}

/// pandoc's time for one conversion (median of three), or why there is none.
fn pandoc(args: &[&Path], from: &str, to: &str) -> Result<f64, String> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let status = Command::new("pandoc")
            .args(["-f", from, "-t", to, "-o"])
            .arg(args[1])
            .arg(args[0])
            .current_dir(args[0].parent().unwrap_or(Path::new(".")))
            .output()
            .map_err(|e| format!("không chạy được pandoc ({e})"))?;
        if !status.status.success() {
            return Err(String::from_utf8_lossy(&status.stderr).into_owned());
        }
        times.push(t.elapsed());
    }
    Ok(median(times))
}

fn compare(ours: f64, theirs: Result<f64, String>) -> String {
    match theirs {
        Ok(p) if p >= ours => format!("pandoc {p:.0} ms (Bản Tin nhanh gấp {:.1} lần)", p / ours),
        Ok(p) => format!("pandoc {p:.0} ms (pandoc nhanh gấp {:.1} lần)", ours / p),
        Err(why) => format!("không so được với pandoc: {}", why.trim()),
    }
}

pub fn run(out: &mut Out) -> Result<(), CliError> {
    let word = |e: bantin::word::WordError| CliError::Message(e.to_string());
    let photos = Photos::new();
    let tpl = templates::article();
    let header = ArticleHeader {
        title: "Văn hóa công sở".into(),
        ..Default::default()
    };
    let dir = scratch_dir()?;

    // Import: a ~50-page .docx with 20 photos, written by our exporter.
    let docx = to_docx(&import_document(), Front::Article(&header), &tpl, &photos).map_err(word)?;
    let (import_ms, read) = timed(5, || read_docx(docx.clone()).map_err(word))?;
    let docx_path = dir.join("nhap.docx");
    std::fs::write(&docx_path, &docx).map_err(io)?;
    let pandoc_in = pandoc(&[&docx_path, &dir.join("nhap.md")], "docx", "markdown");
    out.line(&format!(
        "Nhập Word: ~50 trang, {} ảnh, {:.1} MB: trung vị 5 lần {import_ms:.0} ms; {}",
        read.images.len(),
        docx.len() as f64 / 1e6,
        compare(import_ms, pandoc_in)
    ));

    // Export: the ~100-page article of `bench pdf`, 10 tables, 20 photos.
    let doc = document();
    let one = Photos(vec![photos.0[0].clone()]);
    let (export_ms, bytes) = timed(5, || {
        to_docx(&doc, Front::Article(&header), &tpl, &AnyPhoto(&one)).map_err(word)
    })?;
    let md_path = dir.join("xuat.md");
    std::fs::write(dir.join("anh.jpg"), &one.0[0]).map_err(io)?;
    let markdown = bantin::markdown::to_markdown(&doc).replace("asset:anh", "anh.jpg");
    std::fs::write(&md_path, markdown).map_err(io)?;
    let pandoc_out = pandoc(&[&md_path, &dir.join("xuat.docx")], "markdown", "docx");
    out.line(&format!(
        "Xuất Word: ~100 trang, 10 bảng, 20 ảnh, {:.1} MB: trung vị 5 lần {export_ms:.0} ms; {}",
        bytes.len() as f64 / 1e6,
        compare(export_ms, pandoc_out)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The one photo for every figure of the export document.
struct AnyPhoto<'a>(&'a Photos);

impl ImageSource for AnyPhoto<'_> {
    fn image(&self, _src: &str) -> Option<Vec<u8>> {
        self.0.0.first().cloned()
    }
}

fn io(e: std::io::Error) -> CliError {
    CliError::Message(format!("Không ghi được tệp tạm của phép đo: {e}"))
}

fn scratch_dir() -> Result<PathBuf, CliError> {
    let dir = std::env::temp_dir().join(format!("bantin-bench-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(io)?;
    Ok(dir)
}
