//! What the administrator does on the server: prepare an empty database as
//! a shared library (`bantin server init`), add units and accounts
//! (`bantin server unit add`, `bantin server user add`). Accounts are
//! PostgreSQL roles in one of the three group roles, so the database itself
//! knows who may do what.

use super::{connect, err, schema};
use crate::store::{Result, StoreError};

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Biên tập: writes articles and sends them for review.
    Editor,
    /// Duyệt: approves (only they can set Đã duyệt).
    Reviewer,
    /// Quản trị: manages the library.
    Admin,
}

impl Role {
    /// The word in the CLI and in the `users` table.
    pub fn code(self) -> &'static str {
        match self {
            Role::Editor => "bien-tap",
            Role::Reviewer => "duyet",
            Role::Admin => "quan-tri",
        }
    }

    /// The PostgreSQL group role.
    fn group(self) -> &'static str {
        match self {
            Role::Editor => "bantin_bien_tap",
            Role::Reviewer => "bantin_duyet",
            Role::Admin => "bantin_quan_tri",
        }
    }
}

/// Prepares the database at `url` (or brings it up to date). Returns the
/// address shown to people and the version it had before (0 = empty).
pub fn init(url: &str) -> Result<(String, u32)> {
    let (mut client, address) = connect(url)?;
    let from = schema::migrate(&mut client, &address)?;
    Ok((address, from))
}

/// Adds unit `code` (a commune, or a district when others name it as
/// `parent`), or updates its name and parent.
pub fn add_unit(url: &str, code: &str, name: &str, parent: Option<&str>) -> Result<()> {
    check_code(code)?;
    if let Some(p) = parent {
        check_code(p)?;
    }
    let (mut client, _) = connect(url)?;
    client
        .execute(
            "INSERT INTO units (code, name, parent) VALUES ($1, $2, $3)
             ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent = EXCLUDED.parent",
            &[&code, &name, &parent],
        )
        .map_err(|e| match e.code() {
            Some(c) if *c == postgres::error::SqlState::FOREIGN_KEY_VIOLATION => {
                StoreError::BadValue {
                    key: "đơn vị cấp trên".into(),
                    reason: format!(
                        "chưa có đơn vị \"{}\"; hãy thêm đơn vị đó trước.",
                        parent.unwrap_or("")
                    ),
                }
            }
            _ => err(e),
        })?;
    Ok(())
}

/// Creates the account `login` (a PostgreSQL role that can log in) in
/// `unit`, created if it is new. The password goes to the server only as
/// a SCRAM verifier.
pub fn add_user(url: &str, login: &str, role: Role, unit: &str, password: &str) -> Result<()> {
    let valid = !login.is_empty()
        && login.len() <= 63
        && login.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(StoreError::BadValue {
            key: "tên tài khoản".into(),
            reason: format!(
                "\"{login}\" không dùng được; hãy dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ (ví dụ nguyen_thi_lan)."
            ),
        });
    }
    if login.starts_with("bantin_") || login.starts_with("pg_") {
        return Err(StoreError::BadValue {
            key: "tên tài khoản".into(),
            reason: format!("\"{login}\" trùng với tên dành riêng; hãy chọn tên khác."),
        });
    }
    if password.is_empty() {
        return Err(StoreError::BadValue {
            key: "mật khẩu".into(),
            reason: "mật khẩu trống; hãy nhập một mật khẩu.".into(),
        });
    }
    check_code(unit)?;
    let (mut client, _) = connect(url)?;
    let mut tx = client.transaction().map_err(err)?;
    let taken: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&login],
        )
        .map_err(err)?
        .get(0);
    if taken {
        return Err(StoreError::BadValue {
            key: "tên tài khoản".into(),
            reason: format!("máy chủ đã có tài khoản \"{login}\"; hãy chọn tên khác."),
        });
    }
    // The password leaves this PC only as a SCRAM verifier (what psql's
    // \password sends), so it is in no server log even when DDL is logged.
    // CREATE ROLE takes no parameters: the server quotes the name and the
    // verifier itself (format's %I and %L), then runs the statement.
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let create: String = tx
        .query_one(
            "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)",
            &[&login, &verifier, &role.group()],
        )
        .map_err(err)?
        .get(0);
    tx.batch_execute(&create).map_err(err)?;
    tx.execute(
        "INSERT INTO units (code) VALUES ($1) ON CONFLICT DO NOTHING",
        &[&unit],
    )
    .map_err(err)?;
    tx.execute(
        "INSERT INTO users (login, unit, role) VALUES ($1, $2, $3)",
        &[&login, &unit, &role.code()],
    )
    .map_err(err)?;
    tx.commit().map_err(err)?;
    Ok(())
}

/// Gives account `login` the full name people see ("Đang được Nguyễn Thị
/// Lan sửa", the names over a merge's two columns).
pub fn set_full_name(url: &str, login: &str, name: &str) -> Result<()> {
    let (mut client, _) = connect(url)?;
    let n = client
        .execute(
            "UPDATE users SET name = $2 WHERE login = $1",
            &[&login, &name.trim()],
        )
        .map_err(err)?;
    if n == 0 {
        return Err(StoreError::BadValue {
            key: "tên tài khoản".into(),
            reason: format!("chưa có tài khoản \"{login}\"; hãy tạo tài khoản trước."),
        });
    }
    Ok(())
}

/// A password for an account the administrator did not give one:
/// 20 characters from an alphabet without look-alikes (about 100 bits).
pub fn generate_password() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz23456789-";
    let mut random = Vec::with_capacity(32);
    while random.len() < 20 {
        let id = uuid::Uuid::new_v4();
        // Bytes 6 and 8 carry the uuid's version and variant, not chance.
        random.extend(
            id.as_bytes()
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != 6 && *i != 8)
                .map(|(_, b)| *b),
        );
    }
    random[..20]
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect()
}

fn check_code(code: &str) -> Result<()> {
    let valid = !code.is_empty()
        && code.len() <= 63
        && code.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(StoreError::BadValue {
            key: "mã đơn vị".into(),
            reason: format!(
                "\"{code}\" không dùng được; hãy dùng chữ thường không dấu, số và dấu gạch ngang (ví dụ xa-tan-lap)."
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_differ_and_use_the_alphabet() {
        let (a, b) = (generate_password(), generate_password());
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn unit_codes_are_plain() {
        assert!(check_code("xa-tan-lap").is_ok());
        assert!(check_code("Xã A").is_err());
        assert!(check_code("").is_err());
    }
}
