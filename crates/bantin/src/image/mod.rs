//! The image kernel: what every part that takes, prints or publishes a
//! picture needs to agree on.
//!
//! * [`probe`] reads a JPEG's or PNG's header (size, colour type, EXIF
//!   orientation, whether the data is complete) without decoding pixels;
//! * [`limits`] states the one policy (file size, pixel size, and a budget
//!   per export) that pasting, importing, printing and bundling all apply;
//! * [`check_new`] is the check a pasted or imported image gets, once;
//! * [`pixels`] decodes a PNG row by row straight to the size it will be
//!   used at, so a huge picture never exists in memory at full size;
//! * [`resample`] shrinks pixels by area averaging.
//!
//! The `image` crate is `::image` inside this module.

mod check;
mod exif;
pub mod limits;
pub mod pixels;
mod probe;
pub mod resample;

pub use check::check_new;
pub use exif::jpeg_orientation;
pub use probe::{ColorType, Format, ImageInfo, probe, sniff};

/// What is wrong with an image, as a Vietnamese fragment that the caller
/// puts into its own sentence (it knows how the user names the image).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is larger than [`limits::MAX_FILE_BYTES`].
    FileTooLarge { bytes: u64 },
    /// The picture is larger than [`limits::MAX_SIDE`] or [`limits::MAX_PIXELS`].
    TooLarge { width: u32, height: u32 },
    /// Not a JPEG, PNG, GIF or WebP at all.
    NotAnImage,
    /// An image, but of a kind that can be stored and not printed (GIF, WebP).
    Unsupported(Format),
    /// The file is damaged; the fragment says how.
    Corrupt(&'static str),
    /// Decoding it would pass what one export may decode or hold.
    OverBudget,
}

impl Problem {
    /// "quá lớn (25000 × 1000 điểm ảnh; …)": no capital, no final stop.
    pub fn reason(&self) -> String {
        use limits::{
            EXPORT_DECODED_PIXELS, EXPORT_HELD_PIXELS, MAX_FILE_BYTES, MAX_PIXELS, MAX_SIDE,
        };
        const MB: u64 = 1024 * 1024;
        match self {
            Problem::FileTooLarge { bytes } => format!(
                "quá lớn ({} MB; tối đa {} MB)",
                bytes.div_ceil(MB),
                MAX_FILE_BYTES / MB
            ),
            Problem::TooLarge { width, height } => format!(
                "quá lớn ({width}×{height} điểm ảnh; tối đa {MAX_SIDE} điểm mỗi chiều và {} triệu điểm ảnh)",
                MAX_PIXELS / 1_000_000
            ),
            Problem::NotAnImage => "tệp bị hỏng hoặc không phải ảnh JPEG, PNG, GIF hay WebP".into(),
            Problem::Unsupported(f) => {
                format!(
                    "là ảnh {}, không in được; chỉ dùng được ảnh JPEG hay PNG",
                    f.name()
                )
            }
            Problem::Corrupt(how) => format!("tệp ảnh bị hỏng ({how})"),
            Problem::OverBudget => format!(
                "vượt quá lượng ảnh một lần xuất xử lý được ({} triệu điểm ảnh giải nén, {} triệu điểm ảnh giữ lại để in)",
                EXPORT_DECODED_PIXELS / 1_000_000,
                EXPORT_HELD_PIXELS / 1_000_000
            ),
        }
    }

    /// A stable code for scripts, tests and the desktop app.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::FileTooLarge { .. } | Problem::TooLarge { .. } | Problem::OverBudget => {
                "image_too_large"
            }
            Problem::NotAnImage | Problem::Corrupt(_) => "bad_image",
            Problem::Unsupported(_) => "image_unsupported",
        }
    }
}

/// A named image that cannot be used, as a whole sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", sentence(name, problem))]
pub struct ImageError {
    /// How the user knows the image: its file name.
    pub name: String,
    pub problem: Problem,
}

impl ImageError {
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
}

fn sentence(name: &str, problem: &Problem) -> String {
    let reason = problem.reason();
    match problem {
        Problem::FileTooLarge { .. } | Problem::TooLarge { .. } | Problem::OverBudget => {
            format!("Ảnh \"{name}\" {reason}. Hãy thu nhỏ ảnh rồi chèn lại.")
        }
        Problem::Unsupported(_) => {
            format!("Ảnh \"{name}\" {reason}. Hãy lưu ảnh dưới dạng JPEG hoặc PNG rồi chèn lại.")
        }
        Problem::NotAnImage | Problem::Corrupt(_) => {
            format!("Không mở được ảnh \"{name}\": {reason}. Hãy chọn ảnh khác.")
        }
    }
}

/// The warning for an image whose data stops before the picture does (a
/// copy or download cut short): it opens, but its lower part is grey.
pub fn truncated_warning(name: &str) -> String {
    format!(
        "Ảnh \"{name}\" bị thiếu dữ liệu (tệp bị cắt cụt): phần dưới của ảnh sẽ in thành màu xám. Hãy chèn lại ảnh gốc."
    )
}
