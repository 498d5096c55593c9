//! `bantin server init|unit add|user add`: what an office's IT person runs
//! once to prepare a shared library on PostgreSQL and give people accounts
//! (DESIGN §9). `--library` must be the server's address,
//! `postgresql://USER@HOST[:PORT]/DB`, with an account allowed to create
//! tables and roles; the password comes from `PGPASSWORD` (or the OS keyring
//! where the app keeps it). `bantin server push` copies articles of the
//! library on this PC up to it, with their whole history.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use bantin::store::pg::{self, KetNoi, Login, server};
use bantin::store::{Library, default_library_path};
use clap::{Subcommand, ValueEnum};

use super::CliError;
use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum ServerAction {
    /// Chuẩn bị cơ sở dữ liệu PostgreSQL làm thư viện chung (cấu trúc, nhóm quyền, phân quyền theo đơn vị)
    Init,
    /// Đơn vị (xã, huyện)
    Unit {
        #[command(subcommand)]
        action: UnitAction,
    },
    /// Tài khoản người dùng
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Chuyển bài từ thư viện trong máy lên thư viện chung, cùng toàn bộ lịch sử và ảnh (chuyển lại không nhân đôi)
    Push {
        #[arg(required = true, value_name = "SỐ BÀI")]
        ids: Vec<i64>,
        /// Thư viện trong máy chứa các bài (mặc định: tệp trong thư mục dữ liệu của người dùng)
        #[arg(long = "tu", value_name = "TỆP")]
        from: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UnitAction {
    /// Thêm (hoặc sửa) một đơn vị
    Add {
        /// Mã đơn vị: chữ thường không dấu và dấu gạch ngang, ví dụ xa-tan-lap
        #[arg(value_name = "MÃ")]
        code: String,
        /// Tên đầy đủ, ví dụ "Xã Tân Lập"
        #[arg(long = "ten", default_value = "")]
        name: String,
        /// Đơn vị cấp trên (huyện) xem được bài đã duyệt của đơn vị này
        #[arg(long = "thuoc", value_name = "MÃ")]
        parent: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserAction {
    /// Tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn, hoặc tạo ngẫu nhiên và in ra một lần)
    Add {
        #[arg(value_name = "TÊN")]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long = "don-vi", value_name = "MÃ ĐƠN VỊ")]
        unit: String,
        /// Đọc mật khẩu từ dòng đầu của đầu vào chuẩn
        #[arg(long)]
        password_stdin: bool,
        /// Ghi tệp kết nối .bantin-ket-noi để gửi cho người dùng (không kèm mật khẩu)
        #[arg(long = "ket-noi", value_name = "TỆP")]
        ket_noi: Option<PathBuf>,
        /// Chứng chỉ (PEM) của máy chủ ghi vào tệp kết nối (mặc định: tệp PGSSLROOTCERT chỉ tới)
        #[arg(long = "chung-chi", value_name = "TỆP", requires = "ket_noi")]
        certificate: Option<PathBuf>,
        /// Ghi cả mật khẩu vào tệp kết nối (chỉ khi tệp được trao tận tay)
        #[arg(long = "kem-mat-khau", requires = "ket_noi")]
        with_password: bool,
        /// Họ tên đầy đủ, hiện cho đồng nghiệp, ví dụ "Nguyễn Thị Lan"
        #[arg(long = "ho-ten", value_name = "HỌ TÊN")]
        full_name: Option<String>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RoleArg {
    BienTap,
    Duyet,
    QuanTri,
}

impl RoleArg {
    fn role(self) -> server::Role {
        match self {
            RoleArg::BienTap => server::Role::Editor,
            RoleArg::Duyet => server::Role::Reviewer,
            RoleArg::QuanTri => server::Role::Admin,
        }
    }

    fn words(self) -> &'static str {
        match self {
            RoleArg::BienTap => "biên tập",
            RoleArg::Duyet => "duyệt",
            RoleArg::QuanTri => "quản trị",
        }
    }
}

pub fn run(library: &Path, action: ServerAction, out: &mut Out) -> Result<(), CliError> {
    let Some(url) = pg::shared_address(library) else {
        return Err(CliError::Message(
            "Lệnh \"bantin server\" làm việc với thư viện chung trên máy chủ PostgreSQL. Hãy chỉ địa chỉ: --library postgresql://TÀI_KHOẢN@MÁY_CHỦ/TÊN_CSDL (mật khẩu trong biến PGPASSWORD).".into(),
        ));
    };
    match action {
        ServerAction::Init => {
            let (address, from) = server::init(url)?;
            let done = if from == pg::schema::LATEST {
                "đã sẵn sàng từ trước, không thay đổi gì"
            } else {
                "đã được chuẩn bị"
            };
            out.line(&format!(
                "Thư viện chung {address} {done} (cấu trúc số {}).",
                pg::schema::LATEST
            ));
        }
        ServerAction::Unit {
            action: UnitAction::Add { code, name, parent },
        } => {
            server::add_unit(url, &code, &name, parent.as_deref())?;
            out.line(&format!("Đã lưu đơn vị {code}."));
        }
        ServerAction::User {
            action:
                UserAction::Add {
                    name,
                    role,
                    unit,
                    password_stdin,
                    ket_noi,
                    certificate,
                    with_password,
                    full_name,
                },
        } => {
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                    CliError::Message(format!(
                        "Không đọc được mật khẩu từ đầu vào chuẩn.\nChi tiết kỹ thuật: {e}"
                    ))
                })?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (server::generate_password(), true)
            };
            server::add_user(url, &name, role.role(), &unit, &password)?;
            if let Some(full) = full_name.as_deref() {
                server::set_full_name(url, &name, full)?;
            }
            out.line(&format!(
                "Đã tạo tài khoản {name} ({}, đơn vị {unit}).",
                role.words()
            ));
            if generated {
                out.line(&format!(
                    "Mật khẩu (chỉ hiện lần này, hãy trao tận tay người dùng): {password}"
                ));
            }
            if let Some(file) = ket_noi {
                let mut login = Login::from_url(url)?;
                login.user = name;
                login.password = with_password.then_some(password);
                login.root_cert = root_certificate(certificate)?;
                let text = KetNoi {
                    login,
                    unit: Some(unit),
                }
                .to_text();
                // What was written must read back: the editor's app reads it.
                KetNoi::parse(&text).map_err(|e| CliError::Message(e.to_string()))?;
                bantin::export::write_atomically(&file, text.as_bytes())?;
                out.line(&format!("Đã ghi tệp kết nối: {}", file.display()));
            }
        }
        ServerAction::Push { ids, from } => {
            let from = from.or_else(default_library_path).ok_or_else(|| {
                CliError::Message("Hãy chỉ thư viện trong máy bằng --tu TỆP.".into())
            })?;
            if pg::shared_address(&from).is_some() {
                return Err(CliError::Message(
                    "--tu phải là thư viện trong máy (tệp .bantin), không phải thư viện chung."
                        .into(),
                ));
            }
            let now = chrono::Utc::now();
            let local = Library::open(&from, now)?;
            let shared = Library::open(library, now)?;
            for p in local.push_to(&shared, &ids, &bantin::markdown::derive, now)? {
                out.line(&format!(
                    "{}\t{}\t{} (đã gửi {}/{} phiên bản)",
                    p.local_id, p.shared_id, p.title, p.sent, p.revisions
                ));
            }
        }
    }
    Ok(())
}

/// The server's certificate for a connection file: the file named, else
/// the one `PGSSLROOTCERT` names, else none (a server with a certificate
/// the PCs already trust).
fn root_certificate(named: Option<PathBuf>) -> Result<Option<String>, CliError> {
    let Some(path) = named.or_else(|| {
        std::env::var_os("PGSSLROOTCERT")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }) else {
        return Ok(None);
    };
    let bytes = bantin::userfile::read(&path, 64 * 1024)?;
    String::from_utf8(bytes).map(Some).map_err(|_| {
        CliError::Message(format!(
            "Tệp chứng chỉ \"{}\" không phải dạng PEM (văn bản -----BEGIN CERTIFICATE-----).",
            path.display()
        ))
    })
}
