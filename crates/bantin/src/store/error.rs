//! What can go wrong with a library, in words an editor understands.
//!
//! SQLite reports a handful of low-level codes; editors need to know which
//! of a few situations they are in (someone else has the file open, the disk
//! is full, the folder is read-only, the file is damaged) and what to do.
//! `StoreError::from_sqlite` does that sorting once, here.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::model::{ArticleId, BulletinId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "Tệp thư viện \"{path}\" bị hỏng hoặc không phải thư viện Bản Tin. Hãy khôi phục từ bản sao lưu gần nhất (bantin backup)."
    )]
    Corrupt { path: PathBuf },

    #[error(
        "Thư viện \"{path}\" được tạo bởi phiên bản Bản Tin mới hơn (cấu trúc số {found}, bản này chỉ đọc được đến số {supported}). Hãy cập nhật Bản Tin; thư viện không bị thay đổi."
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error(
        "Thư viện \"{path}\" đang được một chương trình khác sử dụng (có thể là cửa sổ Bản Tin khác). Hãy đóng chương trình đó rồi thử lại."
    )]
    Locked { path: PathBuf },

    #[error(
        "Không ghi được vào thư mục của thư viện \"{path}\": thư mục chỉ cho đọc hoặc bạn không có quyền ghi. Hãy chọn thư mục khác hoặc nhờ quản trị máy cấp quyền."
    )]
    ReadOnly { path: PathBuf },

    #[error(
        "Ổ đĩa chứa thư viện \"{path}\" đã đầy; thao tác vừa rồi đã được hủy, dữ liệu cũ còn nguyên. Hãy giải phóng dung lượng rồi thử lại."
    )]
    DiskFull { path: PathBuf },

    #[error(
        "Không có quyền đọc/ghi tệp thư viện \"{path}\" hoặc thư mục chứa nó, nên chưa kiểm tra được. Thư viện không vì thế mà hỏng: hãy nhờ quản trị máy cấp quyền, hoặc dùng tài khoản có quyền với tệp đó."
    )]
    NoAccess { path: PathBuf },

    #[error(
        "Tệp \"{path}\" không phải bản sao lưu thư viện Bản Tin (hoặc đã bị sửa bằng chương trình khác), nên không khôi phục từ tệp này; thư viện hiện tại giữ nguyên. Hãy chọn một tệp do \"bantin backup\" hoặc nút Sao lưu tạo ra.\nChi tiết kỹ thuật: {detail}"
    )]
    NotABackup { path: PathBuf, detail: String },

    #[error("Không mở được thư viện \"{path}\": {reason}")]
    Open { path: PathBuf, reason: String },

    #[error(transparent)]
    File(crate::userfile::UserFileError),

    #[error("Không có bài viết số {0} trong thư viện.")]
    ArticleNotFound(ArticleId),

    #[error("Bài viết số {id} không có phiên bản {number}.")]
    RevisionNotFound { id: ArticleId, number: u32 },

    #[error("Không có bản tin số {0} trong thư viện.")]
    BulletinNotFound(BulletinId),

    #[error(
        "Bài viết số {id} đang nằm trong {issues}. Hãy bỏ bài khỏi các bản tin đó trước (bantin bulletin remove …), rồi mới xóa."
    )]
    ArticleInBulletins { id: ArticleId, issues: String },

    #[error("Bài viết số {article} đã có trong bản tin số {bulletin}.")]
    AlreadyInBulletin {
        bulletin: BulletinId,
        article: ArticleId,
    },

    #[error("Bản tin số {bulletin} không có bài viết số {article}.")]
    NotInBulletin {
        bulletin: BulletinId,
        article: ArticleId,
    },

    #[error("Không có bài viết số {0} trong thùng rác.")]
    NotInTrash(ArticleId),

    #[error("Giá trị không hợp lệ cho \"{key}\": {reason}")]
    BadValue { key: String, reason: String },

    #[error("Không có ảnh {0} trong thư viện.")]
    AssetNotFound(String),

    #[error("Không ghi được bản sao lưu \"{path}\": {reason}")]
    Backup { path: PathBuf, reason: String },

    #[error(
        "Dữ liệu trong thư viện không đọc được ({what}). Hãy chạy \"bantin check\"; nếu thư viện có lỗi, hãy khôi phục từ bản sao lưu gần nhất.\nChi tiết kỹ thuật: {detail}"
    )]
    BadData { what: String, detail: String },

    #[error(
        "Thư viện chung chưa hỗ trợ {0}. Hãy làm việc này trên thư viện trong máy (tệp .bantin)."
    )]
    SharedUnsupported(&'static str),

    #[error(
        "Không kết nối được thư viện chung \"{address}\". Hãy kiểm tra địa chỉ, tên đăng nhập, mật khẩu (biến PGPASSWORD) và mạng, rồi thử lại.\nChi tiết kỹ thuật: {detail}"
    )]
    SharedConnect { address: String, detail: String },

    #[error(
        "Thư viện chung \"{address}\" không nhận tên đăng nhập hoặc mật khẩu này. Hãy kiểm tra lại (chữ hoa, chữ thường, bộ gõ tiếng Việt đang tắt), hoặc nhờ quản trị đặt lại mật khẩu.\nChi tiết kỹ thuật: {detail}"
    )]
    SharedLogin { address: String, detail: String },

    #[error(
        "Không lập được kết nối mã hóa tới máy chủ thư viện chung \"{host}\" (máy chủ chưa bật TLS, hoặc chứng chỉ của nó không được tin cậy hay không đúng tên máy), nên Bản Tin không gửi mật khẩu đi. Hãy nhờ quản trị bật TLS trên máy chủ và đưa tệp chứng chỉ; đặt biến PGSSLROOTCERT tới tệp đó.\nChi tiết kỹ thuật: {detail}"
    )]
    SharedTls { host: String, detail: String },

    #[error(
        "Thư viện chung \"{address}\" chưa được chuẩn bị. Hãy nhờ quản trị chạy: bantin server init --library {address}"
    )]
    SharedNotReady { address: String },

    #[error(
        "Thư viện chung không cho tài khoản của bạn làm việc này: mỗi đơn vị chỉ thấy và sửa bài của mình, và chỉ người duyệt mới đặt được trạng thái Đã duyệt. Hãy nhờ người có quyền làm, hoặc nhờ quản trị cấp quyền.\nChi tiết kỹ thuật: {0}"
    )]
    SharedDenied(String),

    #[error(
        "Mất kết nối tới thư viện chung (máy chủ tắt, mạng đứt hoặc chờ quá lâu), nên thao tác vừa rồi chưa được ghi. Hãy kiểm tra mạng rồi thử lại.\nChi tiết kỹ thuật: {0}"
    )]
    SharedLost(String),

    #[error(
        "Thư viện chung gặp một lỗi không lường trước nên thao tác vừa rồi không thực hiện được; dữ liệu trên máy chủ giữ nguyên. Hãy thử lại; nếu lỗi lặp lại, hãy báo cho quản trị.\nChi tiết kỹ thuật: {0}"
    )]
    Postgres(String),

    #[error(
        "Thư viện gặp một lỗi không lường trước nên thao tác vừa rồi không thực hiện được. Hãy thử lại; nếu lỗi lặp lại, hãy chạy \"bantin check\" và báo cho người hỗ trợ.\nChi tiết kỹ thuật: {0}"
    )]
    Sqlite(#[source] rusqlite::Error),
}

impl StoreError {
    /// Sorts a SQLite error into the situation the editor is in.
    pub fn from_sqlite(path: &Path, err: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Locked { path }
            }
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path }
            }
            Some(ErrorCode::ReadOnly)
            | Some(ErrorCode::CannotOpen)
            | Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            _ => StoreError::Sqlite(err),
        }
    }

    /// The shared library's server could not be reached (or went away during
    /// the operation): nothing was written, and the same operation can be
    /// tried again later (the offline queue keeps it until then).
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            StoreError::SharedConnect { .. } | StoreError::SharedLost(_)
        )
    }

    /// A stable code for the UI and for support, never shown in the sentence.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Corrupt { .. } => "library_corrupt",
            StoreError::NewerVersion { .. } => "library_newer",
            StoreError::Locked { .. } => "library_locked",
            StoreError::ReadOnly { .. } => "library_read_only",
            StoreError::DiskFull { .. } => "disk_full",
            StoreError::NoAccess { .. } => "library_no_access",
            StoreError::NotABackup { .. } => "not_a_backup",
            StoreError::Open { .. } => "library_open",
            StoreError::File(_) => "file_unreadable",
            StoreError::ArticleNotFound(_) => "article_not_found",
            StoreError::RevisionNotFound { .. } => "revision_not_found",
            StoreError::AssetNotFound(_) => "asset_not_found",
            StoreError::BulletinNotFound(_) => "bulletin_not_found",
            StoreError::ArticleInBulletins { .. } => "article_in_bulletins",
            StoreError::AlreadyInBulletin { .. } => "already_in_bulletin",
            StoreError::NotInBulletin { .. } => "not_in_bulletin",
            StoreError::NotInTrash(_) => "not_in_trash",
            StoreError::BadValue { .. } => "bad_value",
            StoreError::Backup { .. } => "backup_failed",
            StoreError::BadData { .. } => "bad_data",
            StoreError::Sqlite(_) => "sqlite",
            StoreError::SharedUnsupported(_) => "shared_unsupported",
            StoreError::SharedConnect { .. } => "shared_connect",
            StoreError::SharedTls { .. } => "shared_tls",
            StoreError::SharedLogin { .. } => "shared_login",
            StoreError::SharedNotReady { .. } => "shared_not_ready",
            StoreError::SharedDenied(_) => "shared_denied",
            StoreError::SharedLost(_) => "shared_lost",
            StoreError::Postgres(_) => "postgres",
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
