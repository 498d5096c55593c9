//! Bringing Markdown files into the library.
//!
//! An import is all or nothing: every file is read, checked and parsed
//! first, and only when all of them are good are they written, in one
//! transaction. A batch with one bad file imports nothing and names every bad
//! file, so an editor never has to work out which half went in.
//!
//! Images the Markdown points at (`![chú thích](anh/hoi-nghi.jpg)`, relative to
//! the file) are read too, stored as assets and the text rewritten to
//! `asset:<sha256>`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::doc::Block;
use crate::markdown::{self, FrontMatter};
use crate::model::{ArticleId, Content, Kind, RevisionReason, Status};
use crate::store::{Library, StoreError, assets::NewAsset};
use crate::text;

/// The largest Markdown file we take. An 800-word article is about 6 KB; a
/// file past this is not an article (a log, a database dump) and would make
/// the editor crawl.
pub const MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

/// The largest image we store. Phone photos are 3–8 MB.
pub const MAX_IMAGE_BYTES: u64 = 30 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Không tìm thấy tệp \"{}\".", .0.display())]
    Missing(PathBuf),
    #[error("\"{}\" là một thư mục, không phải tệp Markdown. Hãy chọn các tệp .md bên trong.", .0.display())]
    IsDirectory(PathBuf),
    #[error("Không đọc được tệp \"{}\": {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("Tệp \"{}\" quá lớn ({size} MB); một bài viết tối đa {max} MB. Hãy kiểm tra lại có chọn đúng tệp không.", path.display(), size = .size / (1024 * 1024), max = MAX_ARTICLE_BYTES / (1024 * 1024))]
    TooLarge { path: PathBuf, size: u64 },
    #[error("Tệp \"{}\" không phải văn bản (có vẻ là tệp nhị phân, ví dụ ảnh hay tệp Word). Hãy lưu bài viết dưới dạng Markdown (.md).", .0.display())]
    Binary(PathBuf),
    #[error("Tệp \"{}\" không dùng bảng mã UTF-8 (lỗi ở dòng {line}). Hãy mở tệp và lưu lại với bảng mã UTF-8.", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("Tệp \"{}\" trống, không có nội dung để nhập.", .0.display())]
    Empty(PathBuf),
    #[error("Phần thông tin đầu bài (front matter) của tệp \"{}\" bị lỗi{}: {reason}. Hãy sửa rồi nhập lại.", path.display(), line.map(|l| format!(" ở dòng {l}")).unwrap_or_default())]
    FrontMatter {
        path: PathBuf,
        line: Option<usize>,
        reason: String,
    },
    #[error("Tệp \"{}\": loại bài \"{value}\" không hợp lệ; chỉ dùng \"tin-bai\" (Tin bài) hoặc \"bao-cao\" (Báo cáo).", path.display())]
    UnknownKind { path: PathBuf, value: String },
    #[error("Tệp \"{}\": trạng thái \"{value}\" không hợp lệ; chỉ dùng nhap, cho-duyet, da-duyet hoặc da-dang.", path.display())]
    UnknownStatus { path: PathBuf, value: String },
    #[error("Tệp \"{}\": ngày \"{value}\" không hợp lệ; hãy viết theo dạng 2026-11-24 hoặc 24/11/2026.", path.display())]
    BadDate { path: PathBuf, value: String },
    #[error("Tệp \"{}\": không tìm thấy ảnh \"{image}\". Hãy để ảnh cạnh tệp bài viết hoặc sửa đường dẫn.", path.display())]
    ImageMissing { path: PathBuf, image: String },
    #[error("Tệp \"{}\": không mở được ảnh \"{image}\": {reason}. Hãy chọn ảnh khác.", path.display())]
    BadImage {
        path: PathBuf,
        image: String,
        reason: String,
    },
    #[error("{} tệp có lỗi nên chưa nhập bài nào:\n{}", .0.len(), .0.iter().map(|e| format!("  - {e}")).collect::<Vec<_>>().join("\n"))]
    Batch(Vec<ImportError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Missing(_) => "file_missing",
            ImportError::IsDirectory(_) => "file_is_directory",
            ImportError::Unreadable { .. } => "file_unreadable",
            ImportError::TooLarge { .. } => "file_too_large",
            ImportError::Binary(_) => "file_binary",
            ImportError::NotUtf8 { .. } => "file_not_utf8",
            ImportError::Empty(_) => "file_empty",
            ImportError::FrontMatter { .. } => "front_matter",
            ImportError::UnknownKind { .. } => "unknown_kind",
            ImportError::UnknownStatus { .. } => "unknown_status",
            ImportError::BadDate { .. } => "bad_date",
            ImportError::ImageMissing { .. } => "image_missing",
            ImportError::BadImage { .. } => "bad_image",
            ImportError::Batch(_) => "import_batch",
            ImportError::Store(e) => e.code(),
        }
    }
}

/// A file that has been read and checked, ready to be written.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    pub source: PathBuf,
    pub content: Content,
    pub images: Vec<(String, NewAsset)>,
}

/// Reads and checks one Markdown file. Touches nothing but the file and the
/// images it names.
pub fn prepare_file(path: &Path) -> Result<PreparedArticle, ImportError> {
    if crate::word::is_word_file(path) {
        return crate::word::prepare_file(path);
    }
    let bytes = read_limited(path, MAX_ARTICLE_BYTES, |size| ImportError::TooLarge {
        path: path.into(),
        size,
    })?;
    let source = decode_text(path, &bytes)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let fallback_title = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    prepare_text(path, &source, &fallback_title, &|image| {
        load_image(path, base, image)
    })
}

/// Checks Markdown text already in memory (the editor, a sample). `load_image`
/// fetches a referenced image, or says why it cannot.
pub fn prepare_text(
    path: &Path,
    source: &str,
    fallback_title: &str,
    load_image: &dyn Fn(&str) -> Result<Option<NewAsset>, ImportError>,
) -> Result<PreparedArticle, ImportError> {
    if source.trim().is_empty() {
        return Err(ImportError::Empty(path.into()));
    }
    let source = text::nfc(source);
    let (front, body) =
        markdown::split_front_matter(&source).map_err(|e| ImportError::FrontMatter {
            path: path.into(),
            line: e.line(),
            reason: e.to_string(),
        })?;
    let front = front.unwrap_or_default();
    let mut body = body.to_string();
    let title = match front
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None => match markdown::take_title_heading(&body) {
            Some((t, rest)) => {
                body = rest;
                t
            }
            None => fallback_title.trim().to_string(),
        },
    };
    let mut content = content_from_front(path, front, title)?;
    let mut images = Vec::new();
    for src in figure_sources(&markdown::parse(&body).blocks) {
        if src.starts_with("asset:") || is_remote(&src) || images.iter().any(|(s, _)| *s == src) {
            continue;
        }
        if let Some(asset) = load_image(&src)? {
            images.push((src, asset));
        }
    }
    for (src, asset) in &images {
        let sha = crate::store::assets::sha256_hex(&asset.bytes);
        body = rewrite_image_src(&body, src, &format!("asset:{sha}"));
    }
    if body.trim().is_empty() && content.title.is_empty() {
        return Err(ImportError::Empty(path.into()));
    }
    content.body = body.trim_start_matches(['\n', '\r']).to_string();
    Ok(PreparedArticle {
        source: path.into(),
        content,
        images,
    })
}

/// Prepares every file, then writes them all in one transaction, or none.
pub fn import_files(
    lib: &Library,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> Result<Vec<(ArticleId, String)>, ImportError> {
    let mut prepared = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for p in paths {
        match prepare_file(p) {
            Ok(a) => prepared.push(a),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => {}
        1 if paths.len() == 1 => return Err(errors.remove(0)),
        _ => return Err(ImportError::Batch(errors)),
    }
    Ok(store_prepared(lib, &prepared, RevisionReason::Import, now)?)
}

/// Writes prepared articles and their images in one transaction.
pub fn store_prepared(
    lib: &Library,
    prepared: &[PreparedArticle],
    reason: RevisionReason,
    now: DateTime<Utc>,
) -> Result<Vec<(ArticleId, String)>, StoreError> {
    let assets: Vec<&NewAsset> = prepared
        .iter()
        .flat_map(|p| p.images.iter().map(|(_, a)| a))
        .collect();
    let contents: Vec<Content> = prepared.iter().map(|p| p.content.clone()).collect();
    let ids = lib.insert_with_assets(&contents, &assets, reason, now)?;
    Ok(ids
        .into_iter()
        .zip(contents.into_iter().map(|c| c.title))
        .collect())
}

fn content_from_front(path: &Path, f: FrontMatter, title: String) -> Result<Content, ImportError> {
    let kind = match f.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Kind::default(),
        Some(v) => Kind::parse(v).ok_or_else(|| ImportError::UnknownKind {
            path: path.into(),
            value: v.into(),
        })?,
    };
    let status = match f.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Status::default(),
        Some(v) => Status::parse(v).ok_or_else(|| ImportError::UnknownStatus {
            path: path.into(),
            value: v.into(),
        })?,
    };
    let date = match f.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(v) => Some(parse_date(v).ok_or_else(|| ImportError::BadDate {
            path: path.into(),
            value: v.into(),
        })?),
    };
    let mut extra = f.extra;
    if let Some(s) = f.so_hieu {
        extra.insert("so_hieu".into(), s.into());
    }
    if !f.noi_nhan.is_empty() {
        extra.insert("noi_nhan".into(), f.noi_nhan.into());
    }
    Ok(Content {
        title,
        summary: f.summary.unwrap_or_default().trim().to_string(),
        author: f.author.unwrap_or_default().trim().to_string(),
        category: f.category.unwrap_or_default().trim().to_string(),
        tags: f
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        kind,
        status,
        date,
        body: String::new(),
        extra,
    })
}

/// Dates as editors write them: ISO (2026-11-24) or Vietnamese (24/11/2026).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let s = s
        .get(..10)
        .filter(|_| s.len() > 10 && s.as_bytes()[10] == b'T')
        .unwrap_or(s);
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .ok()
}

fn read_limited(
    path: &Path,
    max: u64,
    too_large: impl Fn(u64) -> ImportError,
) -> Result<Vec<u8>, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImportError::Missing(path.into()),
        _ => ImportError::Unreadable {
            path: path.into(),
            reason: io_reason(&e),
        },
    })?;
    if meta.is_dir() {
        return Err(ImportError::IsDirectory(path.into()));
    }
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    std::fs::read(path).map_err(|e| ImportError::Unreadable {
        path: path.into(),
        reason: io_reason(&e),
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".into(),
        _ => e.to_string(),
    }
}

fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ImportError::Binary(path.into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(ImportError::NotUtf8 {
                path: path.into(),
                line,
            })
        }
    }
}

fn is_remote(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    ["http://", "https://", "data:", "//"]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn load_image(article: &Path, base: &Path, src: &str) -> Result<Option<NewAsset>, ImportError> {
    let decoded = percent_decode(src);
    let rel = decoded.strip_prefix("file://").unwrap_or(&decoded);
    let path = base.join(rel);
    let missing = || ImportError::ImageMissing {
        path: article.into(),
        image: src.into(),
    };
    let bad = |reason: String| ImportError::BadImage {
        path: article.into(),
        image: src.into(),
        reason,
    };
    let bytes = match read_limited(&path, MAX_IMAGE_BYTES, |size| {
        bad(format!(
            "ảnh quá lớn ({} MB, tối đa {} MB)",
            size / (1024 * 1024),
            MAX_IMAGE_BYTES / (1024 * 1024)
        ))
    }) {
        Ok(b) => b,
        Err(ImportError::Missing(_)) | Err(ImportError::IsDirectory(_)) => return Err(missing()),
        Err(ImportError::Unreadable { reason, .. }) => return Err(bad(reason)),
        Err(e) => return Err(e),
    };
    let mime = image_mime(&bytes)
        .ok_or_else(|| bad("tệp bị hỏng hoặc không phải ảnh JPEG, PNG, GIF hay WebP".into()))?;
    let original_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Some(NewAsset {
        bytes,
        mime: mime.into(),
        original_name,
    }))
}

/// The image type from the file's first bytes; `None` for anything that is
/// not an image we can print and publish.
pub fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() < 12 {
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if b[i] == b'%'
            && let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Points every Markdown image link at `src` to `to` instead.
fn rewrite_image_src(body: &str, src: &str, to: &str) -> String {
    body.replace(&format!("]({src}"), &format!("]({to}"))
        .replace(&format!("](<{src}>"), &format!("]({to}"))
}

fn figure_sources(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Figure(f) => out.push(f.src.clone()),
            Block::Quote { blocks } => out.extend(figure_sources(blocks)),
            Block::List { items, .. } => {
                for it in items {
                    out.extend(figure_sources(&it.blocks));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(parse_date("2026-11-24"), Some(d));
        assert_eq!(parse_date("24/11/2026"), Some(d));
        assert_eq!(parse_date("2026-11-24T08:00:00+07:00"), Some(d));
        assert_eq!(parse_date("24 tháng 11"), None);
    }

    #[test]
    fn image_types_by_signature() {
        assert_eq!(
            image_mime(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01"),
            Some("image/jpeg")
        );
        assert_eq!(
            image_mime(b"\x89PNG\r\n\x1a\n\0\0\0\x0d"),
            Some("image/png")
        );
        assert_eq!(image_mime(b"this is not an image at all"), None);
    }

    #[test]
    fn percent_decoding_of_image_paths() {
        assert_eq!(percent_decode("anh%20hoi%20nghi.jpg"), "anh hoi nghi.jpg");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(
            percent_decode("%é%"),
            "%é%",
            "never cuts a character in two"
        );
    }
}
