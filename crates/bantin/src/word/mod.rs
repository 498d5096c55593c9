//! Word files (`.docx`) in and out.
//!
//! - [`read`] turns a `.docx` into a [`crate::doc::Document`] plus its
//!   images and metadata, so an imported Word draft becomes an ordinary
//!   Markdown article;
//! - [`write`] turns an article into a `.docx` with real Word styles.
//!
//! A `.docx` is a zip of XML parts. We read it with `zip` and `quick-xml`
//! under our own mapping rather than a Word crate: `docx-rs` is built for
//! writing, pulls in much more than we use, and would still leave the
//! Word ↔ `Document` mapping (the real work) to us. Everything a file claims
//! (sizes, paths, nesting) is checked before use: see [`package`].

mod package;
pub mod read;
mod read_header;
mod read_inline;
mod read_list;
mod read_styles;
pub mod write;
mod write_body;
mod write_front;
mod write_styles;
mod xml;

pub use read::{WordArticle, is_word_file, prepare_bytes, read_docx};
pub use write::{Front, to_docx};

/// Why a Word file could not be read. Each message is a sentence for the
/// editor saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordError {
    #[error(
        "Đây là tệp Word đời cũ (.doc). Hãy mở tệp bằng Word hoặc LibreOffice, chọn Lưu thành… \
         định dạng Word (.docx), rồi nhập lại."
    )]
    OldDoc,
    #[error(
        "Tệp Word này có đặt mật khẩu. Hãy mở tệp bằng Word, bỏ mật khẩu (Tệp → Thông tin → \
         Bảo vệ tài liệu), lưu lại rồi nhập lại."
    )]
    Encrypted,
    #[error(
        "Tệp này không phải tệp Word (.docx) hoặc đã bị hỏng. Hãy mở thử bằng Word và lưu lại.\n{0}"
    )]
    Corrupt(String),
    #[error(
        "Tệp Word này giải nén ra quá lớn (phần \"{part}\" vượt {limit_mb} MB); có thể tệp bị hỏng \
         hoặc cố ý làm hỏng. Hãy mở bằng Word, lưu lại rồi nhập lại."
    )]
    TooLarge { part: String, limit_mb: u64 },
    #[error(
        "Tệp Word này lồng nhau quá sâu (phần \"{0}\"), có thể đã bị hỏng. Hãy mở bằng Word và lưu lại."
    )]
    TooDeep(String),
    #[error("Tệp Word không có nội dung nào để nhập.")]
    Empty,
    #[error("Không tạo được tệp Word. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người quản trị.\n{0}")]
    Write(String),
}
