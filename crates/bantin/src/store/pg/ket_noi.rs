//! `.bantin-ket-noi`: the file an office's administrator sends an editor so
//! the app finds the shared library (Cài đặt → Thư viện chung → Mở tệp kết
//! nối). `bantin server user add … --ket-noi FILE` writes one.
//!
//! A small TOML file, readable and writable by hand:
//!
//! ```toml
//! dinh_dang = 1                      # the format's version
//! may_chu = "may-chu.xuan-hong.vn"   # the server (name or IP address)
//! cong = 5432                        # its port (default 5432)
//! co_so_du_lieu = "bantin"           # the database
//! tai_khoan = "nguyen_thi_lan"       # the account
//! don_vi = "xuan-hong"               # the unit (shown to the editor)
//! chung_chi = """
//! -----BEGIN CERTIFICATE-----
//! …
//! -----END CERTIFICATE-----
//! """                                # the office's CA certificate (PEM)
//! mat_khau = "…"                     # only if the administrator chose to
//! ```
//!
//! Why it is read this strictly: the file comes from outside (an e-mail, a
//! Zalo message, a USB stick), and a forged one is an attack on the editor's
//! password. Every key is known and checked (an unknown key refuses the
//! whole file, so nothing can sneak in an option such as "TLS off"), names
//! and the port are plain, the certificate must be a certificate, and the
//! connection is built from the fields (`Login`), never from a string. The
//! server's name is shown to the editor before anything is sent to it. A
//! certificate in the file is trusted for that connection only.

use std::path::Path;

use super::login::{DEFAULT_PORT, Login};

/// The format this Bản Tin writes and reads.
pub const FORMAT: i64 = 1;
/// The file ending the administrator's file has.
pub const EXTENSION: &str = "bantin-ket-noi";
/// A connection file is a few kilobytes; anything bigger is not one.
const MAX_FILE: u64 = 256 * 1024;
const MAX_CERTIFICATE: usize = 64 * 1024;

/// What a connection file holds: the connection (its password only when
/// the administrator put it in) and the unit, for the editor to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KetNoi {
    pub login: Login,
    pub unit: Option<String>,
}

/// Why a connection file is refused, in words for the editor.
#[derive(Debug, thiserror::Error)]
pub enum KetNoiError {
    #[error(transparent)]
    File(#[from] crate::userfile::UserFileError),

    #[error(
        "Tệp kết nối không đúng định dạng ở dòng {line} (có thể tệp bị cắt hoặc bị sửa). Hãy xin quản trị gửi lại tệp .bantin-ket-noi.\nChi tiết kỹ thuật: {detail}"
    )]
    Syntax { line: usize, detail: String },

    #[error(
        "Tệp kết nối thiếu mục \"{key}\" ({what}). Hãy xin quản trị gửi lại tệp .bantin-ket-noi."
    )]
    Missing {
        key: &'static str,
        what: &'static str,
    },

    #[error(
        "Tệp kết nối có mục lạ \"{key}\" mà Bản Tin không biết, nên không dùng tệp này (có thể tệp đã bị sửa). Hãy xin quản trị gửi lại tệp .bantin-ket-noi."
    )]
    Unknown { key: String },

    #[error("Mục \"{key}\" trong tệp kết nối không dùng được: {reason}")]
    Bad { key: &'static str, reason: String },

    #[error(
        "Tệp kết nối được tạo bởi phiên bản Bản Tin mới hơn (định dạng số {found}, bản này đọc được số {FORMAT}). Hãy cập nhật Bản Tin."
    )]
    Newer { found: i64 },
}

impl KetNoiError {
    pub fn code(&self) -> &'static str {
        match self {
            KetNoiError::File(_) => "file_unreadable",
            _ => "bad_connection_file",
        }
    }
}

/// The keys a file may have, with what each is (for the "missing" sentence).
const KEYS: &[(&str, &str)] = &[
    ("dinh_dang", "phiên bản định dạng"),
    ("may_chu", "địa chỉ máy chủ"),
    ("cong", "cổng"),
    ("co_so_du_lieu", "tên cơ sở dữ liệu"),
    ("tai_khoan", "tên đăng nhập"),
    ("don_vi", "đơn vị"),
    ("chung_chi", "chứng chỉ của máy chủ"),
    ("mat_khau", "mật khẩu"),
];

impl KetNoi {
    /// Reads the connection file at `path` (a few kilobytes at most).
    pub fn read(path: &Path) -> Result<KetNoi, KetNoiError> {
        let bytes = crate::userfile::read(path, MAX_FILE)?;
        let text = String::from_utf8(bytes).map_err(|_| KetNoiError::Syntax {
            line: 1,
            detail: "not UTF-8".into(),
        })?;
        KetNoi::parse(&text)
    }

    /// Reads a connection file's text.
    pub fn parse(text: &str) -> Result<KetNoi, KetNoiError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e.span().map(|s| s.start).unwrap_or(0).min(text.len());
            KetNoiError::Syntax {
                line: text[..at].matches('\n').count() + 1,
                detail: e.message().to_string(),
            }
        })?;
        if let Some(key) = table.keys().find(|k| !KEYS.iter().any(|(n, _)| n == k)) {
            return Err(KetNoiError::Unknown { key: key.clone() });
        }
        let format = integer(&table, "dinh_dang")?.ok_or(missing("dinh_dang"))?;
        if format > FORMAT {
            return Err(KetNoiError::Newer { found: format });
        }
        if format < 1 {
            return Err(bad(
                "dinh_dang",
                format!("\"{format}\" không phải số định dạng."),
            ));
        }
        let host = string(&table, "may_chu")?.ok_or(missing("may_chu"))?;
        check_host(&host)?;
        let port = match integer(&table, "cong")? {
            None => DEFAULT_PORT,
            Some(p) => u16::try_from(p).ok().filter(|p| *p > 0).ok_or_else(|| {
                bad(
                    "cong",
                    format!("\"{p}\" không phải số cổng (từ 1 đến 65535)."),
                )
            })?,
        };
        let database = string(&table, "co_so_du_lieu")?.ok_or(missing("co_so_du_lieu"))?;
        check_name("co_so_du_lieu", &database, |c| {
            c.is_ascii_alphanumeric() || c == '_' || c == '-'
        })?;
        let user = string(&table, "tai_khoan")?.ok_or(missing("tai_khoan"))?;
        check_name("tai_khoan", &user, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
        })?;
        let unit = string(&table, "don_vi")?;
        if let Some(u) = &unit {
            check_name("don_vi", u, |c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
            })?;
        }
        // A certificate is the same whatever blank lines surround it.
        let root_cert = string(&table, "chung_chi")?.map(|c| c.trim().to_string());
        if let Some(pem) = &root_cert {
            check_certificate(pem)?;
        }
        let password = string(&table, "mat_khau")?;
        if password.as_deref().is_some_and(|p| p.len() > 1024) {
            return Err(bad("mat_khau", "mật khẩu dài quá 1024 ký tự.".into()));
        }
        Ok(KetNoi {
            login: Login {
                host,
                port,
                database,
                user,
                password: password.filter(|p| !p.is_empty()),
                root_cert,
            },
            unit,
        })
    }

    /// The file's text: what `parse` reads back. The password is written
    /// only when `login.password` holds one (the administrator's choice).
    pub fn to_text(&self) -> String {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let l = &self.login;
        let mut out = String::from(
            "# Kết nối thư viện chung Bản Tin. Mở tệp này trong Bản Tin:\n\
             # Cài đặt → Thư viện chung → Mở tệp kết nối.\n",
        );
        out += &format!("dinh_dang = {FORMAT}\n");
        out += &format!("may_chu = {}\n", quoted(&l.host));
        out += &format!("cong = {}\n", l.port);
        out += &format!("co_so_du_lieu = {}\n", quoted(&l.database));
        out += &format!("tai_khoan = {}\n", quoted(&l.user));
        if let Some(u) = &self.unit {
            out += &format!("don_vi = {}\n", quoted(u));
        }
        if let Some(pem) = &l.root_cert {
            // A checked certificate is base64 and dashes: safe in a literal.
            out += &format!("chung_chi = '''\n{}\n'''\n", pem.trim());
        }
        if let Some(pw) = &l.password {
            out += &format!("mat_khau = {}\n", quoted(pw));
        }
        out
    }
}

fn missing(key: &'static str) -> KetNoiError {
    let what = KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, w)| *w);
    KetNoiError::Missing { key, what }
}

fn bad(key: &'static str, reason: String) -> KetNoiError {
    KetNoiError::Bad { key, reason }
}

fn static_key(key: &str) -> &'static str {
    KEYS.iter().find(|(k, _)| *k == key).map_or("", |(k, _)| *k)
}

fn string(table: &toml::Table, key: &str) -> Result<Option<String>, KetNoiError> {
    match table.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad(
            static_key(key),
            "phải là chữ đặt trong ngoặc kép.".into(),
        )),
    }
}

fn integer(table: &toml::Table, key: &str) -> Result<Option<i64>, KetNoiError> {
    match table.get(key) {
        None => Ok(None),
        Some(toml::Value::Integer(n)) => Ok(Some(*n)),
        Some(_) => Err(bad(static_key(key), "phải là một số.".into())),
    }
}

fn check_host(host: &str) -> Result<(), KetNoiError> {
    let plain = !host.is_empty()
        && host.len() <= 253
        && !host.starts_with(['-', '.'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if plain {
        Ok(())
    } else {
        Err(bad(
            "may_chu",
            format!(
                "\"{host}\" không phải tên máy hay địa chỉ IP (chỉ gồm chữ không dấu, số, dấu chấm, dấu gạch ngang)."
            ),
        ))
    }
}

fn check_name(key: &str, value: &str, allowed: impl Fn(char) -> bool) -> Result<(), KetNoiError> {
    if !value.is_empty() && value.len() <= 63 && value.chars().all(allowed) {
        Ok(())
    } else {
        Err(bad(
            static_key(key),
            format!(
                "\"{value}\" có ký tự không dùng được (chỉ chữ thường không dấu, số, dấu gạch)."
            ),
        ))
    }
}

fn check_certificate(pem: &str) -> Result<(), KetNoiError> {
    let reason = if pem.len() > MAX_CERTIFICATE {
        Some("chứng chỉ dài bất thường.".to_string())
    } else if !pem.contains("-----BEGIN CERTIFICATE-----")
        || !pem.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | ' ' | '\n' | '\r')
        })
    {
        Some("đây không phải chứng chỉ dạng PEM (-----BEGIN CERTIFICATE-----).".to_string())
    } else {
        native_tls::Certificate::from_pem(pem.as_bytes())
            .err()
            .map(|e| format!("chứng chỉ không đọc được ({e})."))
    };
    match reason {
        Some(r) => Err(bad("chung_chi", r)),
        None => Ok(()),
    }
}
