//! Subcommands of `bantin`, each an adapter: parse, open the library, call
//! the core, print (DESIGN §7). Words and output formats here are a contract
//! that tests and scripts rely on: extend them, do not rename them.
//!
//! Errors go to stderr as Vietnamese sentences with exit code 1; usage errors
//! exit 2.

mod bench;
mod bench_bulletin;
mod bench_bundle;
mod bench_pdf;
mod bulletin;
mod output;
mod template;

use std::path::{Path, PathBuf};

use bantin::import::{self, ImportError};
use bantin::model::{Content, RevisionReason};
use bantin::store::{Library, SearchOptions, StoreError, default_library_path};
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
    /// Tệp thư viện (mặc định: thư mục dữ liệu của người dùng)
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
    },
    /// Chuyển bài viết vào Thùng rác (khôi phục được bằng "bantin trash restore")
    Delete { id: i64 },
    /// Thùng rác: xem và khôi phục bài viết đã xóa
    Trash {
        #[command(subcommand)]
        action: TrashAction,
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
        what: ExportWhat,
    },
    /// Gói tải lên: kiểm tra
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
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
    /// Kiểm tra thư viện có nguyên vẹn không
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Thông tin đơn vị (dùng cho báo cáo, bản tin)
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// Thêm các bài viết mẫu vào thư viện
    Sample {
        /// Chỉ thêm khi thư viện chưa có bài nào
        #[arg(long)]
        if_empty: bool,
    },
    /// Đo tốc độ: thư viện (nhập, mở, tìm kiếm) hoặc xuất PDF, trên dữ liệu tạo ra
    Bench {
        /// library (thư viện), pdf, bundle (gói tải lên) hoặc bulletin (bản tin)
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
    },
}

#[derive(Subcommand, Debug)]
enum ExportWhat {
    /// Xuất PDF để in: báo cáo theo thể thức văn bản của Đảng, bài viết, hoặc một số bản tin
    Pdf {
        #[arg(required_unless_present = "bulletin", conflicts_with = "bulletin")]
        id: Option<i64>,
        /// Xuất cả một số bản tin (mã số bản tin)
        #[arg(long, value_name = "MÃ BẢN TIN")]
        bulletin: Option<i64>,
        /// Bản tin: số cột (1 hoặc 2); mặc định theo bản tin
        #[arg(long, requires = "bulletin", value_parser = clap::value_parser!(u8).range(1..=2))]
        columns: Option<u8>,
        /// Bản tin: khổ giấy a4, a5, a5-booklet (gấp đôi, in trên A4 ngang) hoặc 19x27
        #[arg(long, requires = "bulletin")]
        paper: Option<String>,
        /// report (báo cáo), article (bài viết) hoặc tên một mẫu (bantin template list); mặc định: mẫu đã chọn cho bài hoặc cơ quan
        #[arg(long)]
        template: Option<String>,
        /// In hai mặt: trang chẵn đảo lề trái và lề phải
        #[arg(long)]
        two_sided: bool,
        #[arg(short = 'o', long = "output", value_name = "TỆP.pdf")]
        output: PathBuf,
    },
    /// Xuất gói tải lên (.zip) cho cổng thông tin điện tử, mỗi bài một gói
    Bundle {
        #[arg(required = true, value_name = "SỐ BÀI")]
        ids: Vec<i64>,
        #[arg(short = 'o', long = "output", value_name = "THƯ MỤC")]
        output: PathBuf,
        /// Kèm bản PDF để in
        #[arg(long)]
        with_pdf: bool,
    },
}

#[derive(Subcommand, Debug)]
enum TrashAction {
    /// Liệt kê bài viết trong Thùng rác
    List {
        #[arg(long)]
        json: bool,
    },
    /// Đưa bài viết ra khỏi Thùng rác
    Restore { id: i64 },
}

#[derive(Subcommand, Debug)]
enum BundleAction {
    /// Kiểm tra một gói tải lên: tệp đủ, mã kiểm tra đúng, HTML sạch
    Check {
        #[arg(value_name = "TỆP.zip")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ProfileAction {
    /// In thông tin đơn vị
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Đặt một trường (xem danh sách bằng "bantin profile show")
    Set { key: String, value: String },
}

/// What a subcommand can fail with: a sentence for the editor.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Export(#[from] bantin::export::ExportError),
    #[error(transparent)]
    Bundle(#[from] bantin::bundle::BundleError),
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
                    let _ = e.print();
                    0
                }
                _ => {
                    eprintln!(
                        "Lệnh chưa đúng cú pháp. Gõ \"bantin --help\" để xem cách dùng.\n\n{}",
                        e.render()
                    );
                    2
                }
            };
        }
    };
    let mut out = Out::stdout();
    match dispatch(cli, &mut out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            1
        }
    }
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
    match cli.command {
        Command::Import { files } => {
            let lib = open(&path)?;
            for (id, title) in import::import_files(&lib, &files, now)? {
                out.line(&format!("{id}\t{title}"));
            }
        }
        Command::List { json } => {
            let lib = open(&path)?;
            out.articles(&lib.list_articles()?, json);
        }
        Command::Show { id, json, html } => {
            let lib = open(&path)?;
            let article = lib.article(id)?;
            if html {
                out.line(&output::preview_html(&article));
            } else {
                out.article(&article, json);
            }
        }
        Command::History { id, json } => {
            let lib = open(&path)?;
            out.history(&lib.history(id)?, json);
        }
        Command::Search { query, json, limit } => {
            let lib = open(&path)?;
            let hits = lib.search(&query.join(" "), &SearchOptions { limit })?;
            out.hits(&hits, json);
        }
        Command::Restore { id, rev } => {
            let lib = open(&path)?;
            let number = lib.restore_revision(id, rev, now)?;
            let article = lib.article(id)?;
            out.line(&format!(
                "{id}\t{}\tphiên bản {number} (khôi phục từ phiên bản {rev})",
                article.content.title
            ));
        }
        Command::Save { id, file } => {
            let lib = open(&path)?;
            let prepared = import::prepare_file(&file)?;
            let current = lib.article(id)?;
            let content = Content {
                status: current.content.status,
                ..prepared.content
            };
            for (_, asset) in &prepared.images {
                lib.put_asset(asset, now)?;
            }
            match lib.save_article(id, &content, RevisionReason::Save, now)? {
                Some(n) => out.line(&format!("{id}\t{}\tphiên bản {n}", content.title)),
                None => out.line(&format!("{id}\t{}\tkhông có gì thay đổi", content.title)),
            }
        }
        Command::Export {
            what:
                ExportWhat::Pdf {
                    id,
                    bulletin: Some(bulletin_id),
                    columns,
                    paper,
                    output,
                    ..
                },
        } => {
            let _ = id;
            let lib = open(&path)?;
            let (paper, booklet) = match paper.as_deref() {
                Some(p) => bulletin::paper_option(p)?,
                None => (None, false),
            };
            let options = bantin::export::BulletinPdfOptions {
                columns,
                paper,
                booklet,
            };
            bulletin::export_pdf(&lib, bulletin_id, &options, &output, out)?;
        }
        Command::Export {
            what:
                ExportWhat::Pdf {
                    id,
                    template,
                    two_sided,
                    output,
                    ..
                },
        } => {
            let lib = open(&path)?;
            let id = id.ok_or_else(|| {
                CliError::Message("Hãy ghi số bài viết hoặc --bulletin MÃ_BẢN_TIN.".into())
            })?;
            export_pdf(&lib, id, template.as_deref(), two_sided, &output, out)?;
        }
        Command::Delete { id } => {
            let lib = open(&path)?;
            let title = lib.article(id)?.content.title;
            lib.trash_article(id, false, now)?;
            out.line(&format!(
                "{id}\t{title}\tđã chuyển vào Thùng rác (khôi phục: bantin trash restore {id})"
            ));
        }
        Command::Trash { action } => {
            let lib = open(&path)?;
            match action {
                TrashAction::List { json } => {
                    let list = lib.list_trash()?;
                    if json {
                        out.json(&list);
                    } else {
                        if list.is_empty() {
                            out.line("Thùng rác trống.");
                        }
                        for t in list {
                            out.line(&format!("{}\t{}", t.article.id, t.article.title));
                        }
                    }
                }
                TrashAction::Restore { id } => {
                    lib.restore_from_trash(id)?;
                    let title = lib.article(id)?.content.title;
                    out.line(&format!("{id}\t{title}"));
                }
            }
        }
        Command::Duplicate { id } => {
            let lib = open(&path)?;
            let new = lib.duplicate_article(id, now)?;
            out.line(&format!("{new}\t{}", lib.article(new)?.content.title));
        }
        Command::Bulletin { action } => {
            let lib = open(&path)?;
            bulletin::run(&lib, action, now, out)?;
        }
        Command::Template { action } => template::run(&open(&path)?, action, now, out)?,
        Command::Export {
            what:
                ExportWhat::Bundle {
                    ids,
                    output,
                    with_pdf,
                },
        } => {
            let lib = open(&path)?;
            export_bundles(&lib, &ids, &output, with_pdf, out)?;
        }
        Command::Bundle {
            action: BundleAction::Check { file, json },
        } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                CliError::Message(format!("Không đọc được tệp \"{}\": {e}", file.display()))
            })?;
            let report = bantin::bundle::check_bundle(&bytes)?;
            if json {
                let problems: Vec<_> = report
                    .problems
                    .iter()
                    .map(|p| serde_json::json!({ "code": p.code, "message": p.message }))
                    .collect();
                out.line(
                    &serde_json::json!({ "ok": report.is_ok(), "problems": problems }).to_string(),
                );
            } else if report.is_ok() {
                out.line(&format!("Gói \"{}\" hợp lệ.", file.display()));
            } else {
                out.line(&format!(
                    "Gói \"{}\" có {} lỗi:",
                    file.display(),
                    report.problems.len()
                ));
                for p in &report.problems {
                    out.line(&format!("  - {}", p.message));
                }
            }
            return Ok(if report.is_ok() { 0 } else { 1 });
        }
        Command::Backup { output } => {
            let lib = open(&path)?;
            lib.backup(&output)?;
            out.line(&format!("Đã sao lưu thư viện vào {}", output.display()));
        }
        Command::RestoreBackup { file } => {
            let info = bantin::store::inspect_backup(&file)?;
            let mut lib = open(&path)?;
            let kept = lib.restore_from(&file, now)?;
            out.line(&format!(
                "Đã khôi phục thư viện từ {} ({} bài viết). Thư viện trước đó được giữ ở {}",
                file.display(),
                info.articles,
                kept.display()
            ));
        }
        Command::Check { json } => {
            let lib = open(&path)?;
            let report = lib.check()?;
            out.check(&report, json);
            return Ok(if report.ok { 0 } else { 1 });
        }
        Command::Profile { action } => {
            let lib = open(&path)?;
            match action {
                ProfileAction::Show { json } => out.profile(&lib.profile()?, json),
                ProfileAction::Set { key, value } => {
                    if !bantin::model::Profile::is_known_key(&key) {
                        return Err(CliError::Message(format!(
                            "Không có trường \"{key}\" trong thông tin đơn vị. Các trường: {}.",
                            bantin::model::PROFILE_KEYS
                                .iter()
                                .map(|(k, _)| *k)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    }
                    lib.set_profile_field(&key, &value)?;
                    out.line(&format!("{key}\t{value}"));
                }
            }
        }
        Command::Sample { if_empty } => {
            let lib = open(&path)?;
            if if_empty && lib.count_articles()? > 0 {
                out.line(&format!(
                    "Thư viện {} đã có bài viết; không thêm bài mẫu.",
                    path.display()
                ));
            } else {
                for (id, title) in bantin::sample::add_samples(&lib, now)? {
                    out.line(&format!("{id}\t{title}"));
                }
            }
        }
        Command::Bench {
            what,
            photo,
            photos,
            articles,
            words,
            keep,
        } => match what.as_str() {
            "library" => bench::run(articles, words, keep, out)?,
            "pdf" => bench_pdf::run(photo.as_deref(), out)?,
            "bundle" => bench_bundle::run(&photos, out)?,
            "bulletin" => bench_bulletin::run(photo.as_deref(), keep.as_deref(), out)?,
            other => {
                return Err(CliError::Message(format!(
                    "Không có phép đo \"{other}\"; hãy dùng library, pdf, bundle hoặc bulletin."
                )));
            }
        },
    }
    Ok(0)
}

fn export_pdf(
    lib: &Library,
    id: i64,
    template: Option<&str>,
    two_sided: bool,
    output: &Path,
    out: &mut Out,
) -> Result<(), CliError> {
    use bantin::export;
    let article = lib.article(id)?;
    let template = template::pick_pdf(lib, &article, template)?;
    let profile = lib.profile()?;
    let fonts = bantin::typeset::FontSet::discover(profile.get("phong_chu"))
        .map_err(bantin::export::ExportError::from)?;
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let now = chrono::Utc::now().with_timezone(&tz);
    let pdf = export::article_pdf(
        &article,
        &profile,
        template,
        two_sided,
        &fonts,
        &export::LibraryImages(lib),
        now,
    )?;
    save_pdf(output, &pdf, out)
}

/// Writes a finished PDF atomically, tells its warnings on stderr and
/// prints "FILE<TAB>N trang".
fn save_pdf(output: &Path, pdf: &bantin::export::PdfOutput, out: &mut Out) -> Result<(), CliError> {
    bantin::export::write_atomically(output, &pdf.bytes)?;
    for w in &pdf.warnings {
        eprintln!("Lưu ý: {w}");
    }
    out.line(&format!("{}\t{} trang", output.display(), pdf.pages));
    Ok(())
}

fn export_bundles(
    lib: &Library,
    ids: &[i64],
    dir: &Path,
    with_pdf: bool,
    out: &mut Out,
) -> Result<(), CliError> {
    use bantin::export::{self, PdfTemplate};
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let now = chrono::Utc::now().with_timezone(&tz);
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::Message(format!("Không tạo được thư mục \"{}\": {e}", dir.display()))
    })?;
    let profile = lib.profile()?;
    let fonts = if with_pdf {
        Some(
            bantin::typeset::FontSet::discover(profile.get("phong_chu"))
                .map_err(export::ExportError::from)?,
        )
    } else {
        None
    };
    let make_pdf = |article: &bantin::Article| -> Result<Vec<u8>, export::ExportError> {
        let fonts = fonts
            .as_ref()
            .expect("fonts are loaded when a PDF is asked for");
        let template = PdfTemplate::for_kind(article.content.kind);
        Ok(export::article_pdf(
            article,
            &profile,
            template,
            false,
            fonts,
            &export::LibraryImages(lib),
            now,
        )?
        .bytes)
    };
    let many = ids.len() > 1;
    let written = bantin::bundle::export_bundles(
        lib,
        ids,
        dir,
        if with_pdf { Some(&make_pdf) } else { None },
        now,
        &mut |p| {
            if many && p.path.is_none() {
                eprintln!("Đang đóng gói bài {}/{}: {}", p.done + 1, p.total, p.title);
            }
        },
    )?;
    for (id, path) in ids.iter().zip(written) {
        out.line(&format!("{id}\t{}", path.display()));
    }
    Ok(())
}
