//! `bantin server init|unit add|user add`: what an office's IT person runs
//! once to prepare a shared library on PostgreSQL and give people accounts
//! (DESIGN §9). `--library` must be the server's address,
//! `postgresql://USER@HOST[:PORT]/DB`, with an account allowed to create
//! tables and roles; the password comes from `PGPASSWORD`.

use std::io::BufRead;
use std::path::Path;

use bantin::store::pg::{self, server};
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
        }
    }
    Ok(())
}
