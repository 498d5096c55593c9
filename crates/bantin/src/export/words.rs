//! Warnings and errors worded for the door that shows them (DESIGN §1).
//!
//! The core says *what* is wrong as a typed value with a stable code; how
//! to fix it depends on who reads it. The CLI names the command to run
//! ("đặt bằng: bantin profile set cap_tren …"), the app names the place to
//! click ("Cài đặt → Thông tin đơn vị → Cấp ủy cấp trên trực tiếp"). No
//! sentence meant for the app mentions a `bantin` command.

use serde::Serialize;

use super::ExportError;
use crate::model::{BULLETIN_FIELDS, BulletinId, PROFILE_KEYS};
use crate::store::StoreError;

/// Who reads a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// The `bantin` command line: say which command fixes it.
    Cli,
    /// The desktop app: say where to click.
    App,
}

/// Something an export did that the editor should know about; the file is
/// still written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ExportWarning {
    /// A report line is blank because the organisation profile lacks `key`.
    ProfileFieldMissing { key: String },
    /// A licensed bulletin lacks a colophon line the press law asks for.
    LicenceFieldMissing { bulletin: BulletinId, key: String },
    /// What the layout noticed (an image not shown, a missing glyph, a
    /// table too wide, a paper size…), in its own words, which name no
    /// command and suit every door.
    Layout { message: String },
}

impl ExportWarning {
    /// A stable code for scripts, tests and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ExportWarning::ProfileFieldMissing { .. } => "profile_field_missing",
            ExportWarning::LicenceFieldMissing { .. } => "licence_field_missing",
            ExportWarning::Layout { .. } => "layout",
        }
    }

    /// The organisation profile field the editor should fill in, when the
    /// warning is about one (the app opens Cài đặt on it).
    pub fn profile_field(&self) -> Option<&str> {
        match self {
            ExportWarning::ProfileFieldMissing { key } => Some(key),
            _ => None,
        }
    }

    /// The sentence for `door`.
    pub fn words(&self, door: Door) -> String {
        match (self, door) {
            (ExportWarning::ProfileFieldMissing { key }, Door::Cli) => format!(
                "Chưa đặt \"{key}\" trong thông tin đơn vị; dòng này đang để trống (đặt bằng: bantin profile set {key} \"…\")."
            ),
            (ExportWarning::ProfileFieldMissing { key }, Door::App) => {
                let label = field_label(PROFILE_KEYS, key);
                let what = match missing_in_report(key) {
                    Some(what) => what.to_string(),
                    None => format!(
                        "Chưa có \"{label}\" trong thông tin đơn vị; dòng này đang để trống"
                    ),
                };
                format!("{what}. Hãy điền ở Cài đặt → Thông tin đơn vị → {label}.")
            }
            (ExportWarning::LicenceFieldMissing { bulletin, key }, Door::Cli) => {
                let what = description(BULLETIN_FIELDS, key);
                format!(
                    "Bản tin có giấy phép phải ghi \"{what}\" ở cuối trang cuối; hãy đặt: bantin bulletin set {bulletin} {key} \"…\"."
                )
            }
            (ExportWarning::LicenceFieldMissing { key, .. }, Door::App) => {
                let label = field_label(BULLETIN_FIELDS, key);
                format!(
                    "Bản tin có giấy phép phải ghi \"{label}\" ở cuối trang cuối. Hãy điền ở Bản tin → Thông tin cuối bản tin → {label}."
                )
            }
            (ExportWarning::Layout { message }, _) => message.clone(),
        }
    }
}

/// Every warning worded for `door`, in order.
pub fn worded(warnings: &[ExportWarning], door: Door) -> Vec<String> {
    warnings.iter().map(|w| w.words(door)).collect()
}

/// The layout's own warnings, typed.
pub(crate) fn layout_warnings(messages: &[String]) -> impl Iterator<Item = ExportWarning> + '_ {
    messages
        .iter()
        .map(|m| ExportWarning::Layout { message: m.clone() })
}

impl ExportError {
    /// The sentence for `door`: an error from the library may name a command
    /// for the CLI; the app gets the same sense without it.
    pub fn words(&self, door: Door) -> String {
        match self {
            ExportError::Store(e) => e.words(door),
            ExportError::UnknownTemplate { name } if door == Door::App => format!(
                "Không có mẫu trình bày \"{name}\". Hãy chọn một mẫu trong Cài đặt → Mẫu trình bày."
            ),
            other => other.to_string(),
        }
    }
}

impl StoreError {
    /// The sentence for `door`. `Display` is the CLI's wording (what the
    /// `bantin` binary prints); these are the app's, where they differ.
    pub fn words(&self, door: Door) -> String {
        if door == Door::Cli {
            return self.to_string();
        }
        match self {
            StoreError::Corrupt { path } => format!(
                "Tệp thư viện \"{}\" bị hỏng hoặc không phải thư viện Bản Tin. Hãy khôi phục từ bản sao lưu gần nhất: Cài đặt → Thư viện và sao lưu → Khôi phục từ bản sao lưu.",
                path.display()
            ),
            StoreError::ArticleInBulletins { id, issues } => format!(
                "Bài viết số {id} đang nằm trong {issues}. Hãy bỏ bài khỏi các bản tin đó trước (mở Bản tin, chọn số bản tin, bấm bỏ bài), rồi mới xóa."
            ),
            StoreError::BadData { what, detail } => format!(
                "Dữ liệu trong thư viện không đọc được ({what}). Hãy khôi phục từ bản sao lưu gần nhất: Cài đặt → Thư viện và sao lưu → Khôi phục từ bản sao lưu.\nChi tiết kỹ thuật: {detail}"
            ),
            StoreError::NotABackup { path, detail } => format!(
                "Tệp \"{}\" không phải bản sao lưu thư viện Bản Tin (hoặc đã bị sửa bằng chương trình khác), nên không khôi phục từ tệp này; thư viện hiện tại giữ nguyên. Hãy chọn một bản sao lưu do nút Sao lưu ngay (Cài đặt → Thư viện và sao lưu) tạo ra.\nChi tiết kỹ thuật: {detail}",
                path.display()
            ),
            StoreError::Sqlite(e) => format!(
                "Thư viện gặp một lỗi không lường trước nên thao tác vừa rồi không thực hiện được. Hãy thử lại; nếu lỗi lặp lại, hãy đóng Bản Tin, mở lại và báo cho người hỗ trợ.\nChi tiết kỹ thuật: {e}"
            ),
            StoreError::SharedConnect { address, detail } => format!(
                "Không kết nối được thư viện chung \"{address}\": máy chủ không trả lời. Hãy kiểm tra địa chỉ máy chủ, cổng và mạng (máy chủ đã bật chưa, cùng mạng cơ quan chưa), rồi bấm Kiểm tra kết nối lần nữa. Thư viện trong máy vẫn dùng được.\nChi tiết kỹ thuật: {detail}"
            ),
            StoreError::SharedTls { host, detail } => format!(
                "Không lập được kết nối mã hóa tới máy chủ \"{host}\" (máy chủ chưa bật TLS, hoặc chứng chỉ của nó không được tin cậy hay không đúng tên máy), nên Bản Tin không gửi mật khẩu đi. Hãy nhờ quản trị bật TLS trên máy chủ và gửi tệp .bantin-ket-noi có chứng chỉ, rồi mở tệp đó ở Cài đặt → Thư viện chung.\nChi tiết kỹ thuật: {detail}"
            ),
            StoreError::SharedNotReady { address } => format!(
                "Thư viện chung \"{address}\" chưa được chuẩn bị. Hãy nhờ quản trị máy chủ chuẩn bị cơ sở dữ liệu này cho Bản Tin (theo hướng dẫn cài đặt thư viện chung)."
            ),
            StoreError::SharedUnsupported(what) => format!(
                "Thư viện chung chưa hỗ trợ {what}. Hãy chuyển về thư viện trong máy (nút ở thanh trạng thái) để làm việc này."
            ),
            other => other.to_string(),
        }
    }
}

/// What a report lacks when a profile field is empty, said as an editor
/// sees it on the page, not by the field's name.
fn missing_in_report(key: &str) -> Option<&'static str> {
    Some(match key {
        "cap_tren" => {
            "Chưa có tên cấp ủy cấp trên trực tiếp: dòng đầu góc trái của báo cáo đang để trống"
        }
        "co_quan" => "Chưa có tên cơ quan ban hành: góc trái của báo cáo thiếu tên đơn vị",
        "ky_hieu" => "Chưa có chữ viết tắt của cơ quan: số ký hiệu in thiếu phần sau \"BC/\"",
        "dia_danh" => {
            "Chưa có địa danh: dòng ngày tháng in \", ngày …\" mà không có tên nơi ở trước dấu phẩy"
        }
        "tm" => "Chưa có dòng thẩm quyền ký (T/M …): khối chữ ký thiếu dòng đầu",
        "chuc_vu_ky" => "Chưa có chức vụ người ký: khối chữ ký thiếu chức vụ",
        "nguoi_ky" => "Chưa có họ tên người ký: khối chữ ký không có tên",
        _ => return None,
    })
}

/// A field's description as the core lists it.
fn description<'a>(fields: &[(&str, &'a str)], key: &'a str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, d)| *d)
        .unwrap_or(key)
}

/// A field's label as the app's forms show it: the description without
/// its parenthesised example ("Cấp ủy cấp trên trực tiếp (ví dụ: …)").
fn field_label<'a>(fields: &[(&str, &'a str)], key: &'a str) -> &'a str {
    let d = description(fields, key);
    match d.find(" (") {
        Some(at) if d.ends_with(')') => &d[..at],
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LICENCE_FIELDS;

    /// Every wording the app can show of a warning or error that the core
    /// words per door: none names a `bantin` command (issue 9).
    #[test]
    fn nothing_worded_for_the_app_names_a_cli_command() {
        let mut app = Vec::new();
        let mut cli = Vec::new();
        for (key, _) in PROFILE_KEYS {
            let w = ExportWarning::ProfileFieldMissing {
                key: key.to_string(),
            };
            app.push(w.words(Door::App));
            cli.push(w.words(Door::Cli));
        }
        for key in LICENCE_FIELDS
            .iter()
            .chain(BULLETIN_FIELDS.iter().map(|(k, _)| k))
        {
            let w = ExportWarning::LicenceFieldMissing {
                bulletin: 3,
                key: key.to_string(),
            };
            app.push(w.words(Door::App));
            cli.push(w.words(Door::Cli));
        }
        let path = std::path::PathBuf::from("thu-vien.bantin");
        for e in [
            StoreError::Corrupt { path: path.clone() },
            StoreError::ArticleInBulletins {
                id: 4,
                issues: "bản tin \"Dân vận số 07\"".into(),
            },
            StoreError::BadData {
                what: "ngày tạo".into(),
                detail: "invalid date".into(),
            },
            StoreError::Sqlite(rusqlite::Error::InvalidQuery),
            StoreError::NotABackup {
                path: "sao-luu.bantin".into(),
                detail: "no table revisions".into(),
            },
            StoreError::Locked { path },
            StoreError::ArticleNotFound(9),
            StoreError::SharedConnect {
                address: "postgresql://lan@may-chu:5432/bantin".into(),
                detail: "timed out".into(),
            },
            StoreError::SharedTls {
                host: "may-chu".into(),
                detail: "certificate verify failed".into(),
            },
            StoreError::SharedNotReady {
                address: "postgresql://lan@may-chu:5432/bantin".into(),
            },
            StoreError::SharedUnsupported("sao lưu"),
        ] {
            app.push(e.words(Door::App));
            app.push(ExportError::Store(e).words(Door::App));
        }
        for s in &app {
            assert!(!s.contains("bantin "), "the app would show: {s}");
            assert!(
                !s.contains("PGPASSWORD") && !s.contains("PGSSLROOTCERT"),
                "{s}"
            );
        }
        assert!(
            app.iter()
                .any(|s| s.contains("Cài đặt → Thông tin đơn vị → Cấp ủy cấp trên trực tiếp")),
            "{app:#?}"
        );
        // Each says what is missing in words, never the field's key.
        for (key, _) in PROFILE_KEYS {
            let w = ExportWarning::ProfileFieldMissing {
                key: key.to_string(),
            };
            let s = w.words(Door::App);
            assert!(s.starts_with("Chưa có "), "{s}");
            assert!(!s.contains(key) || key.len() < 3, "{s} names the key {key}");
            assert_eq!(w.profile_field(), Some(*key));
        }
        assert!(
            cli.iter()
                .any(|s| s.contains("bantin profile set cap_tren"))
        );
        assert!(
            cli.iter()
                .any(|s| s.contains("bantin bulletin set 3 giay_phep"))
        );
    }
}
