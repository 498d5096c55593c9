//! Why a bundle could not be made or read, in words an editor can act on.
//!
//! Images are named by their position and caption, not by `asset:<sha256>`:
//! the editor sees "ảnh số 2 (Hội nghị sơ kết…)" in the article, never a hash.
//! Problems *inside* a bundle that was read are not errors but entries of a
//! [`super::CheckReport`], so one check lists everything that is wrong.

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("Không tìm thấy {} trong thư viện. Hãy chèn lại ảnh vào bài rồi xuất lại.", image_label(*.index, .caption))]
    ImageMissing { index: usize, caption: String },
    #[error("{} lấy từ Internet ({src}); gói chỉ chứa ảnh có trong bài. Hãy tải ảnh về và chèn vào bài.", capitalise(&image_label(*.index, .caption)))]
    RemoteImage {
        index: usize,
        caption: String,
        src: String,
    },
    #[error("{} không phải ảnh JPEG hay PNG{}. Hãy lưu ảnh dưới dạng JPEG hoặc PNG rồi chèn lại.", capitalise(&image_label(*.index, .caption)), found.as_deref().map(|f| format!(" (là {f})")).unwrap_or_default())]
    ImageUnsupported {
        index: usize,
        caption: String,
        found: Option<String>,
    },
    #[error("{} {}. Hãy thu nhỏ ảnh rồi chèn lại.", capitalise(&image_label(*.index, .caption)), crate::image::Problem::TooLarge { width: *.width, height: *.height }.reason())]
    ImageTooLarge {
        index: usize,
        caption: String,
        width: u32,
        height: u32,
    },
    #[error("{} bị hỏng, không đọc được ({reason}). Hãy chèn lại ảnh gốc.", capitalise(&image_label(*.index, .caption)))]
    ImageCorrupt {
        index: usize,
        caption: String,
        reason: String,
    },
    #[error("Không tạo được tệp nén: {0}.")]
    Zip(String),
    /// The whole message, worded from the zip library's error by the reader.
    #[error("{0}")]
    NotAZip(String),
}

impl BundleError {
    /// A stable code for scripts, tests and the desktop app.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::ImageMissing { .. } => "image_missing",
            BundleError::RemoteImage { .. } => "image_remote",
            BundleError::ImageUnsupported { .. } => "image_unsupported",
            BundleError::ImageTooLarge { .. } => "image_too_large",
            BundleError::ImageCorrupt { .. } => "image_corrupt",
            BundleError::Zip(_) => "zip_write",
            BundleError::NotAZip(_) => "not_a_zip",
        }
    }
}

/// "ảnh số 2 (Hội nghị sơ kết…)": how an editor finds the image in the text.
fn image_label(index: usize, caption: &str) -> String {
    let caption = caption.trim();
    if caption.is_empty() {
        return format!("ảnh số {index}");
    }
    let mut short: String = caption.chars().take(60).collect();
    if short.len() < caption.len() {
        short.push('…');
    }
    format!("ảnh số {index} (\"{short}\")")
}

/// Sentence case for a label that starts a message.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
