//! Shared test material: a realistic Vietnamese report body and helpers
//! that write a PDF to a temporary file and run poppler on it.
#![allow(dead_code)]

use std::process::Command;
use std::sync::OnceLock;

use bantin::doc::{Block, Document, Figure, Footnote, Inline, ListItem, Run, Style, Table};
use bantin::pdf::PdfInfo;
use bantin::typeset::{FontSet, ReportHeader};

pub fn fonts() -> &'static FontSet {
    static F: OnceLock<FontSet> = OnceLock::new();
    F.get_or_init(|| FontSet::discover(None).expect("install fonts-liberation2"))
}

pub const PARAS: [&str; 5] = [
    "Thực hiện Nghị quyết số 05-NQ/ĐU của Đảng ủy xã về xây dựng văn hóa công sở, trong năm 2026 Chi bộ đã tổ chức quán triệt đến toàn thể cán bộ, đảng viên; mỗi đồng chí đều ký cam kết thực hiện nghiêm túc quy tắc ứng xử, giữ gìn kỷ cương, kỷ luật và tác phong làm việc chuẩn mực.",
    "Công tác tuyên truyền được đẩy mạnh qua hệ thống loa truyền thanh, trang thông tin điện tử của xã và các buổi sinh hoạt chuyên đề. Nhiều mô hình hay như “Công sở xanh – sạch – đẹp”, “Nói không với phong bì” được nhân rộng, tạo chuyển biến rõ nét về nhận thức và hành động của đội ngũ.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế: việc chấp hành giờ giấc ở một vài bộ phận chưa nghiêm; thái độ phục vụ người dân có lúc chưa thật sự niềm nở; việc ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính còn chậm, chưa đồng bộ.",
    "Nguyên nhân chủ yếu là do một số đảng viên chưa nhận thức đầy đủ về vị trí, vai trò của văn hóa công sở; công tác kiểm tra, giám sát có lúc chưa thường xuyên; cơ sở vật chất, trang thiết bị phục vụ công việc còn thiếu thốn, xuống cấp.",
    "Năm 2027, Chi bộ xác định tiếp tục nâng cao chất lượng sinh hoạt, gắn việc thực hiện văn hóa công sở với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; phấn đấu 100% cán bộ, đảng viên hoàn thành tốt nhiệm vụ, không có trường hợp vi phạm kỷ luật. Thông tin chi tiết xem tại https://xuanhong.ninhbinh.gov.vn/van-hoa-cong-so/bao-cao-tong-ket-2026.",
];

pub fn text(s: &str) -> Inline {
    Inline::Text(Run::plain(s))
}

pub fn para(s: &str) -> Block {
    Block::Paragraph {
        content: vec![text(s)],
    }
}

pub fn heading(level: u8, s: &str) -> Block {
    Block::Heading {
        level,
        content: vec![text(s)],
    }
}

/// A report body with every kind of block.
pub fn report_doc() -> Document {
    let bold = Inline::Text(Run {
        text: "đảng viên".into(),
        style: Style {
            bold: true,
            ..Style::default()
        },
        link: None,
    });
    let link = Inline::Text(Run {
        text: "cổng thông tin của xã".into(),
        style: Style::default(),
        link: Some("https://xuanhong.ninhbinh.gov.vn".into()),
    });
    let cell = |s: &str| vec![text(s)];
    Document {
        blocks: vec![
            heading(2, "I. KẾT QUẢ ĐẠT ĐƯỢC"),
            para(PARAS[0]),
            Block::Paragraph {
                content: vec![
                    text("Toàn bộ "),
                    bold,
                    text(" đã tham gia học tập; tài liệu được đăng trên "),
                    link,
                    text(" để mọi người cùng theo dõi"),
                    Inline::FootnoteRef { n: 1 },
                    text("."),
                ],
            },
            para(PARAS[1]),
            Block::List {
                ordered: false,
                start: 1,
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![para("Chấp hành nghiêm giờ giấc làm việc;")],
                    },
                    ListItem {
                        task: None,
                        blocks: vec![para(
                            "Trang phục gọn gàng, lịch sự, đeo thẻ công chức đúng quy định;",
                        )],
                    },
                ],
            },
            Block::Table(Table {
                align: vec![bantin::doc::Align::Left, bantin::doc::Align::Right],
                figures: Vec::new(),
                header: vec![cell("Nội dung"), cell("Số lượng")],
                rows: vec![
                    vec![cell("Đảng viên được quán triệt"), cell("42")],
                    vec![cell("Buổi sinh hoạt chuyên đề"), cell("12")],
                ],
            }),
            heading(2, "II. HẠN CHẾ, NGUYÊN NHÂN"),
            para(PARAS[2]),
            Block::Quote {
                blocks: vec![para("Cán bộ phải là công bộc của nhân dân.")],
            },
            para(PARAS[3]),
            Block::Figure(Figure {
                src: "asset:missing".into(),
                caption: vec![text("Hội nghị tổng kết năm 2026")],
            }),
            heading(2, "III. PHƯƠNG HƯỚNG NĂM 2027"),
            para(PARAS[4]),
        ],
        footnotes: vec![Footnote {
            label: "1".into(),
            blocks: vec![para("Theo Kế hoạch số 15-KH/CB ngày 10 tháng 3 năm 2026.")],
        }],
    }
}

pub fn report_header() -> ReportHeader {
    ReportHeader {
        superior_body: "Đảng bộ xã Xuân Hồng".into(),
        issuing_body: "Chi bộ thôn Trung Nghĩa".into(),
        number_symbol: "Số 12-BC/CB".into(),
        place: "Xuân Hồng".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        type_name: "Báo cáo".into(),
        summary: "về kết quả xây dựng văn hóa công sở năm 2026".into(),
        recipients: vec![
            "Đảng ủy xã (để b/c)".into(),
            "Đảng viên trong chi bộ".into(),
            "Lưu VP".into(),
        ],
        authority: "T/M Chi bộ".into(),
        signer_title: "Bí thư".into(),
        signer_name: "Nguyễn Văn An".into(),
        show: Default::default(),
    }
}

pub fn info(title: &str) -> PdfInfo {
    PdfInfo {
        title: title.into(),
        author: "Chi bộ thôn Trung Nghĩa".into(),
        subject: None,
        created: chrono::DateTime::parse_from_rfc3339("2026-11-24T08:30:00+07:00").unwrap(),
    }
}

/// Writes `bytes` to a fresh temporary file and returns its path.
pub fn tmp_pdf(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("typeset-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Markdown with the targets of links and images left out (`[a](x)` → `[a`),
/// so what remains is the text a reader sees.
pub fn without_link_targets(md: &str) -> String {
    let mut kept = String::new();
    let mut rest = md;
    while let Some(i) = rest.find("](") {
        kept.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        rest = after.find(')').map(|j| &after[j + 1..]).unwrap_or("");
    }
    kept.push_str(rest);
    kept
}

/// Word boxes from `pdftotext -bbox`: (page, xmin, ymin, xmax, ymax, word), y from the top.
pub fn boxes(path: &str) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let html = run("pdftotext", &["-bbox", "-enc", "UTF-8", path, "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        if let Some(rest) = line.trim().strip_prefix("<word ") {
            let num = |k: &str| -> f32 {
                let i = rest.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                rest[i..].split('"').next().unwrap().parse().unwrap()
            };
            let word = rest
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            out.push((
                page,
                num("xMin"),
                num("yMin"),
                num("xMax"),
                num("yMax"),
                word,
            ));
        }
    }
    out
}
