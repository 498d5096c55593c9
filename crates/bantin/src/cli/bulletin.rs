//! `bantin bulletin …`: compose an issue (settings and ordered articles);
//! `--paper` for `bantin export pdf --bulletin ID`.

use bantin::model::{BULLETIN_FIELDS, Bulletin, BulletinId, PaperSize};
use bantin::store::{Library, NewBulletin};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::CliError;
use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum BulletinAction {
    /// Tạo một số bản tin mới
    New {
        /// Tên bản tin, ví dụ "Bản tin Dân vận"
        #[arg(long)]
        name: String,
        /// Số phát hành, ví dụ 07
        #[arg(long)]
        number: String,
        /// Ngày phát hành (YYYY-MM-DD hoặc dd/mm/yyyy)
        #[arg(long)]
        date: Option<String>,
    },
    /// Liệt kê các số bản tin
    List {
        #[arg(long)]
        json: bool,
    },
    /// Xem một số bản tin: thông tin và các bài theo thứ tự
    Show {
        id: BulletinId,
        #[arg(long)]
        json: bool,
    },
    /// Thêm bài viết vào bản tin (mặc định: vào cuối)
    Add {
        bulletin: BulletinId,
        #[arg(required = true, value_name = "SỐ BÀI")]
        articles: Vec<i64>,
        /// Chèn vào vị trí này (1 là đầu tiên)
        #[arg(long, value_name = "VỊ TRÍ")]
        at: Option<usize>,
    },
    /// Bỏ bài viết khỏi bản tin (bài vẫn còn trong thư viện)
    Remove {
        bulletin: BulletinId,
        #[arg(required = true, value_name = "SỐ BÀI")]
        articles: Vec<i64>,
    },
    /// Chuyển một bài đến vị trí khác trong bản tin (1 là đầu tiên)
    Move {
        bulletin: BulletinId,
        article: i64,
        #[arg(value_name = "VỊ TRÍ")]
        position: usize,
    },
    /// Đặt một thông tin của bản tin (xem danh sách bằng "bantin bulletin show ID")
    Set {
        bulletin: BulletinId,
        key: String,
        value: String,
    },
    /// Xóa một số bản tin (các bài viết vẫn còn trong thư viện)
    Delete { bulletin: BulletinId },
}

/// Settings `bulletin set` knows besides the colophon fields.
const SETTINGS: &[(&str, &str)] = &[
    ("name", "Tên bản tin"),
    ("number", "Số phát hành"),
    ("date", "Ngày phát hành (YYYY-MM-DD)"),
    (
        "period",
        "Kỳ phát hành in trên măng-sét, ví dụ \"Tháng 11/2026\"",
    ),
    (
        "publisher",
        "Cơ quan xuất bản, mỗi dòng một cấp (\\n giữa các dòng)",
    ),
    ("internal", "In \"Lưu hành nội bộ\": co / khong"),
    ("paper", "Khổ giấy: a4, a5, 19x27"),
    ("columns", "Số cột: 1 hoặc 2"),
    ("licensed", "Bản tin có giấy phép: co / khong"),
];

pub fn run(
    lib: &Library,
    action: BulletinAction,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    match action {
        BulletinAction::New { name, number, date } => {
            let date = date.as_deref().map(parse_date).transpose()?;
            let id = lib.create_bulletin(&NewBulletin { name, number, date }, now)?;
            let b = lib.bulletin(id)?;
            out.line(&format!("{id}\t{} số {}", b.name, b.number));
        }
        BulletinAction::List { json } => {
            let list = lib.list_bulletins()?;
            if json {
                out.json(&list);
            } else if list.is_empty() {
                out.line("Chưa có số bản tin nào. Tạo bằng: bantin bulletin new --name \"Bản tin Dân vận\" --number 01");
            }
            if !json {
                for b in list {
                    let date = b
                        .date
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_else(|| "—".into());
                    out.line(&format!(
                        "{}\t{} số {}\t{}\t{} bài",
                        b.id, b.name, b.number, date, b.articles
                    ));
                }
            }
        }
        BulletinAction::Show { id, json } => {
            let b = lib.bulletin(id)?;
            if json {
                out.json(&b);
            } else {
                show(lib, &b, out)?;
            }
        }
        BulletinAction::Add {
            bulletin,
            articles,
            at,
        } => {
            lib.add_to_bulletin(bulletin, &articles, at, now)?;
            print_order(lib, bulletin, out)?;
        }
        BulletinAction::Remove { bulletin, articles } => {
            lib.remove_from_bulletin(bulletin, &articles, now)?;
            print_order(lib, bulletin, out)?;
        }
        BulletinAction::Move {
            bulletin,
            article,
            position,
        } => {
            lib.move_in_bulletin(bulletin, article, position, now)?;
            print_order(lib, bulletin, out)?;
        }
        BulletinAction::Set {
            bulletin,
            key,
            value,
        } => {
            let mut b = lib.bulletin(bulletin)?;
            set(&mut b, &key, &value)?;
            lib.update_bulletin(&b, now)?;
            out.line(&format!("{key}\t{value}"));
        }
        BulletinAction::Delete { bulletin } => {
            let b = lib.bulletin(bulletin)?;
            lib.delete_bulletin(bulletin)?;
            out.line(&format!(
                "{bulletin}\t{} số {}\tđã xóa (các bài viết vẫn còn trong thư viện)",
                b.name, b.number
            ));
        }
    }
    Ok(())
}

fn show(lib: &Library, b: &Bulletin, out: &mut Out) -> Result<(), CliError> {
    let yes_no = |v: bool| if v { "có" } else { "không" };
    out.line(&format!("Bản tin số {}: {} số {}", b.id, b.name, b.number));
    out.line(&format!(
        "  date\t{}",
        b.date.map(|d| d.to_string()).unwrap_or_default()
    ));
    out.line(&format!("  period\t{}", b.period_text()));
    out.line(&format!(
        "  publisher\t{}",
        b.publisher.replace('\n', " / ")
    ));
    out.line(&format!("  internal\t{}", yes_no(b.internal)));
    out.line(&format!("  paper\t{}", b.paper.code()));
    out.line(&format!("  columns\t{}", b.columns));
    out.line(&format!("  licensed\t{}", yes_no(b.licensed)));
    for (key, _) in BULLETIN_FIELDS {
        out.line(&format!(
            "  {key}\t{}",
            b.field(key).unwrap_or("").replace('\n', " / ")
        ));
    }
    out.line(&format!("Các bài ({}):", b.articles.len()));
    print_order(lib, b.id, out)
}

fn print_order(lib: &Library, id: BulletinId, out: &mut Out) -> Result<(), CliError> {
    let b = lib.bulletin(id)?;
    for (k, a) in b.articles.iter().enumerate() {
        let title = lib.article(*a).map(|a| a.content.title).unwrap_or_default();
        out.line(&format!("{}\t{a}\t{title}", k + 1));
    }
    Ok(())
}

fn yes(value: &str) -> Result<bool, CliError> {
    match bantin::text::slugify(value).as_str() {
        "co" | "yes" | "true" | "1" | "bat" => Ok(true),
        "khong" | "no" | "false" | "0" | "tat" => Ok(false),
        _ => Err(CliError::Message(format!(
            "\"{value}\" không phải có/không; hãy ghi co hoặc khong."
        ))),
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, CliError> {
    bantin::import::parse_date(s).ok_or_else(|| {
        CliError::Message(format!(
            "Ngày \"{s}\" không đúng; hãy ghi theo dạng 2026-11-24 hoặc 24/11/2026."
        ))
    })
}

fn set(b: &mut Bulletin, key: &str, value: &str) -> Result<(), CliError> {
    match key {
        "name" => b.name = value.to_string(),
        "number" => b.number = value.to_string(),
        "date" => {
            b.date = if value.trim().is_empty() {
                None
            } else {
                Some(parse_date(value)?)
            }
        }
        "period" => b.period = value.to_string(),
        "publisher" => b.publisher = value.replace("\\n", "\n"),
        "internal" => b.internal = yes(value)?,
        "licensed" => b.licensed = yes(value)?,
        "paper" => {
            b.paper = PaperSize::parse(value).ok_or_else(|| {
                CliError::Message(format!(
                    "Không có khổ giấy \"{value}\"; hãy dùng a4, a5 hoặc 19x27."
                ))
            })?
        }
        "columns" => {
            b.columns = match value.trim() {
                "1" => 1,
                "2" => 2,
                _ => return Err(CliError::Message("Số cột chỉ có thể là 1 hoặc 2.".into())),
            }
        }
        k if BULLETIN_FIELDS.iter().any(|(f, _)| *f == k) => {
            b.fields.insert(k.to_string(), value.replace("\\n", "\n"));
        }
        other => {
            let keys: Vec<&str> = SETTINGS
                .iter()
                .chain(BULLETIN_FIELDS)
                .map(|(k, _)| *k)
                .collect();
            return Err(CliError::Message(format!(
                "Bản tin không có thông tin \"{other}\". Các thông tin: {}.",
                keys.join(", ")
            )));
        }
    }
    Ok(())
}

/// `--paper`: a4, a5, 19x27, or a5-booklet (A5 imposed on A4 landscape).
pub fn paper_option(s: &str) -> Result<(Option<PaperSize>, bool), CliError> {
    let folded = bantin::text::slugify(s);
    if folded == "a5-booklet" || folded == "a5-so-tay" || folded == "booklet" {
        return Ok((Some(PaperSize::A5), true));
    }
    PaperSize::parse(s)
        .map(|p| (Some(p), false))
        .ok_or_else(|| {
            CliError::Message(format!(
                "Không có khổ giấy \"{s}\"; hãy dùng a4, a5, a5-booklet hoặc 19x27."
            ))
        })
}
