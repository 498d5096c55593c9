//! `bantin bench bulletin`: a 40-article, ~100-page two-column issue with
//! 40 photos, from the articles' Markdown to PDF bytes (parse, layout with
//! column balancing, PDF), median of five runs, with pages per second and
//! the process's peak memory.

use std::path::Path;
use std::time::{Duration, Instant};

use bantin::export::{BulletinPdfOptions, Source, bulletin_pdf};
use bantin::model::{Article, Bulletin, Content, PaperSize, Profile};
use bantin::typeset::{FontSet, ImageSource};

use super::pdf::PARAS;
use crate::cli::{CliError, Out};

struct OnePhoto(Vec<u8>);

impl ImageSource for OnePhoto {
    fn image(&self, _src: &str) -> Option<Vec<u8>> {
        Some(self.0.clone())
    }
}

/// Forty articles of ~2,300 words, each with a photo, every fourth with a
/// table, every fifth with a footnote.
pub fn articles() -> Vec<Article> {
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-24T02:00:00Z")
        .expect("fixed date")
        .with_timezone(&chrono::Utc);
    (0..40)
        .map(|k| {
            let mut body = String::new();
            for p in 0..44 {
                if p == 3 {
                    body.push_str(&format!("![Ảnh minh họa bài {}](asset:anh)\n\n", k + 1));
                }
                if p == 20 && k % 4 == 0 {
                    body.push_str("| Nội dung | Số lượng |\n|---|---:|\n");
                    for r in 0..6 {
                        body.push_str(&format!("| Đảng viên được quán triệt nghị quyết | {} |\n", 10 + r));
                    }
                    body.push('\n');
                }
                if p == 10 {
                    body.push_str("## Những kết quả nổi bật\n\n");
                }
                body.push_str(PARAS[(k + p) % PARAS.len()]);
                if p == 12 && k % 5 == 0 {
                    body.push_str("[^1]");
                }
                body.push_str("\n\n");
            }
            if k % 5 == 0 {
                body.push_str("[^1]: Theo báo cáo của Ban Dân vận Đảng ủy xã.\n");
            }
            Article {
                id: k as i64 + 1,
                content: Content {
                    title: format!("Bài {}: Xây dựng văn hóa công sở ở cơ sở", k + 1),
                    summary: "Sau một năm thực hiện Nghị quyết, cán bộ, đảng viên đã có chuyển biến rõ nét về tác phong, lề lối làm việc.".into(),
                    author: "Ban Dân vận Đảng ủy xã".into(),
                    body,
                    ..Default::default()
                },
                created_at: t,
                updated_at: t,
                revision: 1,
                word_count: 0,
            }
        })
        .collect()
}

fn peak_memory_mb() -> Option<f64> {
    // Linux reports the high-water mark of resident memory; elsewhere the
    // figure is simply not given.
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(photo: Option<&Path>, keep: Option<&Path>, out: &mut Out) -> Result<(), CliError> {
    let photo = match photo {
        Some(p) => bantin::userfile::read(p, bantin::image::limits::MAX_FILE_BYTES)?,
        None => bantin::sample::IMAGES[0].1.to_vec(),
    };
    let fonts = FontSet::discover(None).map_err(bantin::export::ExportError::from)?;
    let articles = articles();
    let now =
        chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+07:00").expect("fixed date");
    let bulletin = Bulletin {
        id: 1,
        name: "Bản tin Dân vận".into(),
        number: "07".into(),
        date: now.date_naive().into(),
        period: String::new(),
        publisher: "Đảng ủy xã Xuân Hồng\nBan Dân vận".into(),
        internal: true,
        paper: PaperSize::A4,
        columns: 2,
        licensed: false,
        fields: Default::default(),
        articles: articles.iter().map(|a| a.id).collect(),
        created_at: articles[0].created_at,
        updated_at: articles[0].created_at,
    };
    let images = OnePhoto(photo);
    let mut times = Vec::new();
    let (mut pages, mut size) = (0, 0);
    let mut last = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let sources: Vec<Source> = articles.iter().cloned().map(Source::new).collect();
        let pdf = bulletin_pdf(
            &bulletin,
            &sources,
            &Profile::default(),
            &BulletinPdfOptions::default(),
            &fonts,
            &images,
            now,
            &mut |_| true,
        )?;
        times.push(t0.elapsed());
        pages = pdf.pages;
        size = pdf.bytes.len();
        last = pdf.bytes;
    }
    if let Some(dir) = keep {
        let file = dir.join("ban-tin-thu.pdf");
        std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&file, &last))
            .map_err(|e| {
                CliError::Message(format!(
                    "Không ghi được {}. Hãy chọn thư mục khác (--keep), hoặc giải phóng dung lượng.\nChi tiết kỹ thuật: {e}",
                    file.display()
                ))
            })?;
        out.line(&format!("Đã giữ bản tin thử: {}", file.display()));
    }
    times.sort();
    let med: Duration = times[times.len() / 2];
    let ms = med.as_secs_f64() * 1000.0;
    out.line(&format!(
        "Bản tin thử: 40 bài, {pages} trang 2 cột A4, 40 ảnh, {} KB",
        size / 1024
    ));
    out.line(&format!(
        "xuất {ms:.0} ms (trung vị 5 lần)\t{:.0} trang/giây\tbộ nhớ cao nhất {}",
        pages as f64 / med.as_secs_f64(),
        peak_memory_mb()
            .map(|m| format!("{m:.0} MB"))
            .unwrap_or_else(|| "không đo được trên hệ điều hành này".into())
    ));
    Ok(())
}
