//! Subcommands of `bantin`, each an adapter: parse, open the library, call
//! the core, print (DESIGN §7). One file per command group; `dispatch`
//! only picks the function. Words and output formats here are a contract
//! that tests and scripts rely on: extend them, do not rename them.
//!
//! Errors go to stderr as Vietnamese sentences with exit code 1; usage errors
//! exit 2.

mod bench;
mod bulletin;
mod bundle;
mod check_article;
mod convert;
mod export;
mod library;
mod maintenance;
mod output;
mod profile;
mod server;
mod shared_edit;
mod template;

use std::path::{Path, PathBuf};

use bantin::export::Door;
use bantin::import::ImportError;
use bantin::store::{Library, StoreError, default_library_path};
use clap::{Parser, Subcommand};

use output::Out;

#[derive(Parser, Debug)]
#[command(
    name = "bantin",
    version,
    about = "Bản Tin — thư viện bài viết, tìm kiếm và xuất bản cho Ban Dân vận",
    disable_help_subcommand = true
)]
struct Cli {
    /// Tệp thư viện, hoặc địa chỉ thư viện chung postgresql://TÀI_KHOẢN@MÁY[:CỔNG]/CSDL (mặc định: tệp trong thư mục dữ liệu của người dùng)
    #[arg(long, env = "BANTIN_LIBRARY", global = true, value_name = "TỆP")]
    library: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Nhập các tệp Markdown vào thư viện (tất cả hoặc không tệp nào)
    Import {
        #[arg(required = true, value_name = "TỆP.md")]
        files: Vec<PathBuf>,
    },
    /// Liệt kê các bài viết
    List {
        #[arg(long)]
        json: bool,
    },
    /// Xem một bài viết
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        /// In bản xem trước dạng HTML
        #[arg(long, conflicts_with = "json")]
        html: bool,
    },
    /// Xem lịch sử phiên bản của một bài viết
    History {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Tìm bài viết (có dấu hay không dấu đều được)
    Search {
        #[arg(required = true, value_name = "TỪ KHÓA")]
        query: Vec<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Khôi phục một phiên bản cũ (ghi thành phiên bản mới)
    Restore { id: i64, rev: u32 },
    /// Lưu nội dung một tệp Markdown thành phiên bản mới của bài viết
    Save {
        id: i64,
        #[arg(value_name = "TỆP.md")]
        file: PathBuf,
        /// Phiên bản mà tệp được sửa từ đó; nếu người khác đã lưu sau phiên bản này, cả hai được giữ và bài chờ hợp nhất (mặc định: phiên bản hiện tại)
        #[arg(long, value_name = "SỐ")]
        base: Option<u32>,
        /// Thư mục hàng chờ gửi lên thư viện chung (mặc định: trong thư mục dữ liệu của người dùng)
        #[arg(long, env = "BANTIN_QUEUE", value_name = "THƯ MỤC")]
        queue: Option<PathBuf>,
    },
    /// Hợp nhất hai lần lưu chéo nhau: in bản hợp nhất đề xuất, hoặc lưu tệp đã sửa (--save)
    Merge {
        id: i64,
        /// Lưu tệp này làm bản hợp nhất
        #[arg(long, value_name = "TỆP.md")]
        save: Option<PathBuf>,
    },
    /// Hàng chờ gửi lên thư viện chung khi mất kết nối
    Queue {
        #[command(subcommand)]
        action: shared_edit::QueueAction,
        /// Thư mục hàng chờ (mặc định: trong thư mục dữ liệu của người dùng)
        #[arg(long, env = "BANTIN_QUEUE", value_name = "THƯ MỤC")]
        queue: Option<PathBuf>,
    },
    /// Ai đang mở bài nào trên thư viện chung
    Presence {
        #[command(subcommand)]
        action: shared_edit::PresenceAction,
    },
    /// Chuyển bài viết vào Thùng rác (khôi phục được bằng "bantin trash restore")
    Delete { id: i64 },
    /// Thùng rác: xem và khôi phục bài viết đã xóa
    Trash {
        #[command(subcommand)]
        action: library::TrashAction,
    },
    /// Tạo bản sao của một bài viết (bản nháp mới)
    Duplicate { id: i64 },
    /// Bản tin: tạo số mới, chọn và sắp xếp bài, đặt thông tin măng-sét
    Bulletin {
        #[command(subcommand)]
        action: bulletin::BulletinAction,
    },
    /// Mẫu trình bày: xem, xuất ra tệp, nhập mẫu của cơ quan vào thư viện
    Template {
        #[command(subcommand)]
        action: template::TemplateAction,
    },
    /// Xuất bài viết ra tệp (PDF)
    Export {
        #[command(subcommand)]
        what: export::ExportWhat,
    },
    /// Gói tải lên: kiểm tra
    Bundle {
        #[command(subcommand)]
        action: bundle::BundleAction,
    },
    /// Sao lưu thư viện ra một tệp mới
    Backup {
        #[arg(short = 'o', long = "output", value_name = "TỆP")]
        output: PathBuf,
    },
    /// Khôi phục thư viện từ một bản sao lưu (thư viện hiện tại được giữ lại một bản)
    RestoreBackup {
        #[arg(value_name = "TỆP SAO LƯU")]
        file: PathBuf,
    },
    /// Kiểm tra thư viện có nguyên vẹn không; với số bài: kiểm tra chính tả, thể thức của bài
    Check {
        #[command(flatten)]
        args: check_article::CheckArgs,
    },
    /// Thông tin đơn vị (dùng cho báo cáo, bản tin)
    Profile {
        #[command(subcommand)]
        action: profile::ProfileAction,
    },
    /// Thêm các bài viết mẫu vào thư viện
    Sample {
        /// Chỉ thêm khi thư viện chưa có bài nào
        #[arg(long)]
        if_empty: bool,
    },
    /// Thư viện chung trên máy chủ PostgreSQL: chuẩn bị, đơn vị, tài khoản
    Server {
        #[command(subcommand)]
        action: server::ServerAction,
    },
    /// Đo tốc độ: thư viện (nhập, mở, tìm kiếm) hoặc xuất PDF, trên dữ liệu tạo ra
    Bench {
        /// library (thư viện), pdf, bundle (gói tải lên), bulletin (bản tin), docx (nhập/xuất Word) hoặc check (kiểm tra bài)
        #[arg(default_value = "library")]
        what: String,
        /// Ảnh dùng cho phép đo gói tải lên (mặc định: 10 ảnh 4000×3000 tạo ra)
        #[arg(long = "photos", value_name = "ẢNH", num_args = 1..)]
        photos: Vec<PathBuf>,
        /// Ảnh JPEG dùng cho phép đo PDF (mặc định: ảnh mẫu)
        #[arg(long, value_name = "ẢNH.jpg")]
        photo: Option<PathBuf>,
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 800)]
        words: usize,
        /// Giữ thư viện thử trong thư mục này để xem lại
        #[arg(long, value_name = "THƯ MỤC")]
        keep: Option<PathBuf>,
        /// server: số người cùng lưu bài (mỗi người lưu 2 giây một lần)
        #[arg(long, default_value_t = 20)]
        editors: usize,
        /// server: thời gian cùng lưu, tính bằng giây
        #[arg(long, default_value_t = 600)]
        seconds: u64,
    },
    /// Chuyển một tệp văn bản mã cũ (TCVN3, VNI) sang Unicode
    Convert(convert::ConvertArgs),
}

/// What a subcommand can fail with: a sentence for the editor.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{}", .0.words(Door::Cli))]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{}", .0.words(Door::Cli))]
    Export(#[from] bantin::export::ExportError),
    #[error(transparent)]
    Bundle(#[from] bantin::bundle::BundleError),
    #[error(transparent)]
    File(#[from] bantin::userfile::UserFileError),
    #[error("{0}")]
    Message(String),
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    use std::io::Write;
                    let written = e.print().and_then(|_| std::io::stdout().flush());
                    output::exit_code(written, 0)
                }
                _ => {
                    eprintln!(
                        "Lệnh chưa đúng cú pháp. Gõ \"bantin --help\" để xem cách dùng.\nChi tiết kỹ thuật: {}",
                        e.render().to_string().trim_end()
                    );
                    2
                }
            };
        }
    };
    let mut out = Out::stdout();
    let code = match dispatch(cli, &mut out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            1
        }
    };
    output::exit_code(out.finish(), code)
}

fn library_path(cli_path: Option<PathBuf>) -> Result<PathBuf, CliError> {
    cli_path.or_else(default_library_path).ok_or_else(|| {
        CliError::Message(
            "Không xác định được thư mục dữ liệu của người dùng; hãy chỉ rõ bằng --library TỆP."
                .into(),
        )
    })
}

fn open(path: &Path) -> Result<Library, CliError> {
    Ok(Library::open(path, chrono::Utc::now())?)
}

fn dispatch(cli: Cli, out: &mut Out) -> Result<i32, CliError> {
    let path = library_path(cli.library)?;
    let now = chrono::Utc::now();
    let lib = || open(&path);
    match cli.command {
        Command::Convert(args) => return convert::run(args, out),
        Command::Import { files } => library::import(&lib()?, &files, now, out)?,
        Command::List { json } => library::list(&lib()?, json, out)?,
        Command::Show { id, json, html } => library::show(&lib()?, id, json, html, out)?,
        Command::History { id, json } => library::history(&lib()?, id, json, out)?,
        Command::Search { query, json, limit } => {
            library::search(&lib()?, &query, json, limit, out)?
        }
        Command::Restore { id, rev } => library::restore(&lib()?, id, rev, now, out)?,
        Command::Save {
            id,
            file,
            base,
            queue,
        } => shared_edit::save(
            &path,
            shared_edit::SaveArgs {
                id,
                file,
                base,
                queue,
            },
            now,
            out,
        )?,
        Command::Merge { id, save } => {
            return shared_edit::merge(&lib()?, id, save.as_deref(), now, out);
        }
        Command::Queue { action, queue } => {
            return shared_edit::run_queue(&path, queue, action, now, out);
        }
        Command::Presence { action } => shared_edit::presence(&lib()?, action, out)?,
        Command::Delete { id } => library::delete(&lib()?, id, now, out)?,
        Command::Trash { action } => library::trash(&lib()?, action, out)?,
        Command::Duplicate { id } => library::duplicate(&lib()?, id, now, out)?,
        Command::Sample { if_empty } => library::sample(&lib()?, &path, if_empty, now, out)?,
        Command::Bulletin { action } => bulletin::run(&lib()?, action, now, out)?,
        Command::Template { action } => template::run(&lib()?, action, now, out)?,
        Command::Export { what } => export::run(&lib()?, what, out)?,
        Command::Bundle {
            action: bundle::BundleAction::Check { file, json },
        } => return bundle::check(&file, json, out),
        Command::Backup { output } => maintenance::backup(&lib()?, &output, out)?,
        Command::RestoreBackup { file } => maintenance::restore_backup(&path, &file, now, out)?,
        Command::Check { args } if args.is_content_check() => {
            return check_article::run(&lib()?, args, now, out);
        }
        Command::Check { args } => return maintenance::check(&path, args.json, out),
        Command::Profile { action } => profile::run(&lib()?, action, out)?,
        Command::Server { action } => server::run(&path, action, out)?,
        Command::Bench {
            what,
            photo,
            photos,
            articles,
            words,
            keep,
            editors,
            seconds,
        } => bench::run(
            bench::BenchArgs {
                what,
                photos,
                photo,
                articles,
                words,
                keep,
                editors,
                seconds,
                library: path.clone(),
            },
            out,
        )?,
    }
    Ok(0)
}
