//! `bantin template list|show|export|import`: the templates an office prints
//! with (Mẫu trình bày), shipped ones and its own copies in the library, and
//! which one `bantin export pdf ID` uses.

use std::path::{Path, PathBuf};

use bantin::store::Library;
use bantin::typeset::templates::{Front, NumberPlace, TemplateFile, TemplateText};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::CliError;
use super::output::Out;

/// A template file larger than this is not a template.
const MAX_FILE: u64 = 1024 * 1024;

#[derive(Subcommand, Debug)]
pub enum TemplateAction {
    /// Liệt kê các mẫu trình bày: mẫu đi kèm và mẫu của cơ quan trong thư viện
    List {
        #[arg(long)]
        json: bool,
    },
    /// Xem một mẫu: nguồn, khổ giấy, lề, cỡ chữ
    Show {
        #[arg(value_name = "TÊN MẪU")]
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Ghi một mẫu ra tệp YAML để sửa hoặc gửi cơ quan khác
    Export {
        #[arg(value_name = "TÊN MẪU")]
        name: String,
        #[arg(short = 'o', long = "output", value_name = "TỆP.yaml")]
        output: PathBuf,
    },
    /// Nhập một tệp mẫu vào thư viện (được kiểm tra trước; tệp hỏng không được lưu)
    Import {
        #[arg(value_name = "TỆP.yaml")]
        file: PathBuf,
    },
}

pub fn run(
    lib: &Library,
    action: TemplateAction,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    match action {
        TemplateAction::List { json } => {
            let rows: Vec<_> = lib.all_templates()?.iter().map(|e| e.summary()).collect();
            if json {
                out.json(&rows);
                return Ok(());
            }
            for r in rows {
                let origin = match r.revision {
                    Some(n) => format!("thư viện, bản lưu {n}"),
                    None => "đi kèm".to_string(),
                };
                let mark = if r.confirmed {
                    ""
                } else {
                    "\tchưa xác nhận"
                };
                out.line(&format!(
                    "{}\tphiên bản {}\t{}\t{origin}{mark}",
                    r.name, r.version, r.title
                ));
            }
        }
        TemplateAction::Show { name, json } => {
            let t = lib.find_template(&name)?;
            if json {
                out.json(t.file());
            } else {
                show(t.file(), out);
            }
        }
        TemplateAction::Export { name, output } => {
            let t = lib.find_template(&name)?;
            bantin::export::write_atomically(&output, t.text().as_bytes())?;
            out.line(&format!("{}\t{}", output.display(), t.file().name));
        }
        TemplateAction::Import { file } => {
            let t = read(&file)?;
            let saved = lib.save_template(&t, now)?;
            out.line(&format!(
                "{}\tbản lưu {}\t{}",
                saved.name, saved.revision, saved.title
            ));
        }
    }
    Ok(())
}

/// Reads and validates a template file; nothing is stored on failure.
fn read(file: &Path) -> Result<TemplateText, CliError> {
    let fail = |why: String| {
        CliError::Message(format!(
            "Không nhập được mẫu trình bày từ tệp \"{}\"; thư viện không thay đổi.\n{why}",
            file.display()
        ))
    };
    let len = std::fs::metadata(file)
        .map_err(|_| fail("Không mở được tệp: hãy kiểm tra đường dẫn và quyền đọc.".into()))?
        .len();
    if len > MAX_FILE {
        return Err(fail(
            "Tệp quá lớn để là một mẫu trình bày (hơn 1 MB).".into(),
        ));
    }
    let bytes = std::fs::read(file)
        .map_err(|_| fail("Không đọc được tệp: hãy kiểm tra quyền đọc.".into()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| fail("Tệp không phải văn bản UTF-8; hãy lưu lại tệp ở dạng UTF-8.".into()))?;
    TemplateText::parse(&text).map_err(|e| fail(e.to_string()))
}

/// A readable summary: what it is, where its numbers come from, the page.
fn show(f: &TemplateFile, out: &mut Out) {
    out.line(&format!("Tên:\t{}", f.name));
    out.line(&format!("Tiêu đề:\t{}", f.title));
    out.line(&format!("Phiên bản:\t{}", f.version));
    out.line(&format!("Loại:\t{}", f.kind().label()));
    out.line(&format!("Nguồn:\t{}", f.source));
    if !f.confirmed {
        out.line("Trạng thái:\tchưa xác nhận (số liệu chưa đối chiếu được với văn bản gốc)");
    }
    let t = f.page_template();
    let mm = |v: f32| format!("{v} mm");
    if f.bulletin.is_none() {
        out.line(&format!(
            "Khổ giấy:\t{} × {}",
            mm(t.paper.width_mm),
            mm(t.paper.height_mm)
        ));
    }
    out.line(&format!(
        "Lề (trên, dưới, trái, phải):\t{}, {}, {}, {}{}",
        mm(t.margins.top_mm),
        mm(t.margins.bottom_mm),
        mm(t.margins.left_mm),
        mm(t.margins.right_mm),
        if f.bulletin.is_some() {
            " (khổ A4)"
        } else {
            ""
        }
    ));
    out.line(&format!("Cỡ chữ thân bài:\t{} pt", t.body_size));
    out.line(&format!("Thụt đầu dòng:\t{}", mm(t.first_indent_mm)));
    let place = match t.page_numbers.place {
        NumberPlace::Top { from_edge_mm } => format!("cách mép trên {}", mm(from_edge_mm)),
        NumberPlace::Bottom { from_edge_mm } => format!("cách mép dưới {}", mm(from_edge_mm)),
    };
    out.line(&format!(
        "Số trang:\ttừ trang {}, {place}, cỡ {} pt",
        t.page_numbers.from_page, t.page_numbers.size
    ));
    if let Front::Report(r) = &t.front {
        out.line(&format!(
            "Tên loại văn bản:\t{} pt; trích yếu {} pt",
            r.type_name_size, r.summary_size
        ));
    }
    let hidden = hidden_blocks(f);
    out.line(&format!(
        "Không in:\t{}",
        if hidden.is_empty() {
            "(in đủ các phần)".to_string()
        } else {
            hidden.join(", ")
        }
    ));
}

/// The parts the template leaves out (`show`), in words.
fn hidden_blocks(f: &TemplateFile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut note = |shown: bool, what| {
        if !shown {
            out.push(what);
        }
    };
    if let Some(a) = &f.article {
        note(a.show.lead, "sapô");
        note(a.show.author, "dòng tác giả");
        note(a.show.captions, "chú thích ảnh");
        note(a.show.footnotes, "chú thích cuối trang");
    }
    if let Some(r) = &f.report {
        note(r.show.national_title, "\"ĐẢNG CỘNG SẢN VIỆT NAM\"");
        note(r.show.recipients, "nơi nhận");
        note(r.show.signature, "khối ký");
    }
    if let Some(b) = &f.bulletin {
        note(b.show.contents, "mục lục");
        note(b.show.colophon, "khung cuối số");
        note(b.show.page_numbers, "số trang");
    }
    out
}
