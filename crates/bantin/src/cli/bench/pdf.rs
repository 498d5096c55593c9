//! `bantin bench pdf`: the time from a `Document` to PDF bytes for a
//! ~100-page article with 10 tables and 20 photos (DESIGN §9), median of
//! five runs, with pages per second.

use std::path::Path;
use std::time::{Duration, Instant};

use bantin::doc::{Align, Block, Document, Figure, Inline, Run, Table};
use bantin::pdf::{PdfInfo, write_pdf};
use bantin::typeset::{ArticleHeader, FontSet, ImageSource, layout_article, templates};

use crate::cli::{CliError, Out};

pub const PARAS: [&str; 5] = [
    "Thực hiện Nghị quyết của Đảng ủy xã về xây dựng văn hóa công sở, Chi bộ đã tổ chức quán triệt đến toàn thể cán bộ, đảng viên; mỗi đồng chí đều ký cam kết thực hiện nghiêm túc quy tắc ứng xử, giữ gìn kỷ cương, kỷ luật và tác phong làm việc chuẩn mực.",
    "Công tác tuyên truyền được đẩy mạnh qua hệ thống loa truyền thanh, trang thông tin điện tử của xã và các buổi sinh hoạt chuyên đề; nhiều mô hình hay được nhân rộng, tạo chuyển biến rõ nét về nhận thức và hành động của đội ngũ cán bộ.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế: việc chấp hành giờ giấc ở một vài bộ phận chưa nghiêm; thái độ phục vụ người dân có lúc chưa thật sự niềm nở; việc ứng dụng công nghệ thông tin còn chậm, chưa đồng bộ.",
    "Nguyên nhân chủ yếu là do một số đảng viên chưa nhận thức đầy đủ về vị trí, vai trò của văn hóa công sở; công tác kiểm tra, giám sát có lúc chưa thường xuyên; cơ sở vật chất, trang thiết bị còn thiếu thốn.",
    "Thời gian tới, Chi bộ tiếp tục nâng cao chất lượng sinh hoạt, gắn việc thực hiện văn hóa công sở với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; phấn đấu không có trường hợp vi phạm kỷ luật.",
];

struct OnePhoto(Vec<u8>);

impl ImageSource for OnePhoto {
    fn image(&self, _src: &str) -> Option<Vec<u8>> {
        Some(self.0.clone())
    }
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(Run::plain(s))]
}

/// The benchmark document: 1,000 paragraphs (~100 pages), a table every 100,
/// a photo every 50.
pub fn document() -> Document {
    let mut blocks = Vec::new();
    for k in 0..1000 {
        if k % 100 == 0 {
            blocks.push(Block::Heading {
                level: 2,
                content: text(&format!("Phần {}", k / 100 + 1)),
            });
            blocks.push(Block::Table(Table {
                align: vec![Align::Left, Align::Right],
                figures: Vec::new(),
                header: vec![text("Nội dung"), text("Số lượng")],
                rows: (0..8)
                    .map(|r| {
                        vec![
                            text("Đảng viên được quán triệt nghị quyết"),
                            text(&r.to_string()),
                        ]
                    })
                    .collect(),
            }));
        }
        if k % 50 == 7 {
            blocks.push(Block::Figure(Figure {
                src: "asset:anh".into(),
                caption: text("Ảnh hội nghị"),
            }));
        }
        blocks.push(Block::Paragraph {
            content: text(PARAS[k % 5]),
        });
    }
    Document {
        blocks,
        footnotes: Vec::new(),
    }
}

pub fn run(photo: Option<&Path>, out: &mut Out) -> Result<(), CliError> {
    let photo = match photo {
        Some(p) => bantin::userfile::read(p, bantin::image::limits::MAX_FILE_BYTES)?,
        None => bantin::sample::IMAGES[0].1.to_vec(),
    };
    let fonts = FontSet::discover(None).map_err(bantin::export::ExportError::from)?;
    let doc = document();
    let header = ArticleHeader {
        title: "Văn hóa công sở".into(),
        ..Default::default()
    };
    let info = PdfInfo {
        title: "Văn hóa công sở".into(),
        author: "Bản Tin".into(),
        subject: None,
        created: chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+07:00")
            .expect("fixed date"),
    };
    let images = OnePhoto(photo);
    let mut layouts = Vec::new();
    let mut writes = Vec::new();
    let mut totals = Vec::new();
    let (mut pages, mut size) = (0, 0);
    for _ in 0..5 {
        let t0 = Instant::now();
        let laid = layout_article(&doc, &header, &templates::article(), &fonts, &images)
            .map_err(bantin::export::ExportError::from)?;
        let t1 = Instant::now();
        let pdf = write_pdf(&laid, &fonts, &info).map_err(bantin::export::ExportError::from)?;
        let t2 = Instant::now();
        layouts.push(t1 - t0);
        writes.push(t2 - t1);
        totals.push(t2 - t0);
        pages = laid.pages.len();
        size = pdf.len();
    }
    let med = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let total = med(&mut totals);
    out.line(&format!(
        "PDF thử: {pages} trang, 10 bảng, 20 ảnh, {} KB",
        size / 1024
    ));
    out.line(&format!(
        "dàn trang {:.0} ms + ghi PDF {:.0} ms = {total:.0} ms (trung vị 5 lần)\t{:.0} trang/giây",
        med(&mut layouts),
        med(&mut writes),
        pages as f64 / (total / 1000.0)
    ));
    Ok(())
}
