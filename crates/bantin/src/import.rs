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
//!
//! Every write of an article's text into the library starts here too (the
//! `Library` methods at the end: creating, saving, restoring a revision):
//! they derive what the store keeps about a document (`markdown::derive`)
//! and hand it over, because the store never parses Markdown.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::markdown::{self, FrontMatter};
use crate::model::{ArticleId, Content, Kind, RevisionReason, Status};
use crate::store::{Library, StoreError, assets::NewAsset};
use crate::text;

mod decode;
pub mod legacy;
mod writes;
pub use legacy::LegacyChoice;

use decode::decode_legacy;

/// The largest Markdown file we take. An 800-word article is about 6 KB; a
/// file past this is not an article (a log, a database dump) and would make
/// the editor crawl.
pub const MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Không tìm thấy tệp \"{}\".", .0.display())]
    Missing(PathBuf),
    #[error("\"{}\" là một thư mục, không phải tệp Markdown. Hãy chọn các tệp .md bên trong.", .0.display())]
    IsDirectory(PathBuf),
    #[error("Không đọc được tệp \"{}\": {}", path.display(), crate::userfile::io_reason(.source))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Tệp \"{}\" quá lớn ({size} MB); một bài viết tối đa {max} MB. Hãy kiểm tra lại có chọn đúng tệp không.", path.display(), size = .size / (1024 * 1024), max = MAX_ARTICLE_BYTES / (1024 * 1024))]
    TooLarge { path: PathBuf, size: u64 },
    #[error("Tệp \"{}\" không phải văn bản (có vẻ là tệp nhị phân, ví dụ ảnh hay tệp Word). Hãy lưu bài viết dưới dạng Markdown (.md).", .0.display())]
    Binary(PathBuf),
    #[error("Tệp \"{}\" dùng bảng mã {encoding}, Bản Tin chưa đọc được. Hãy mở tệp và lưu lại với bảng mã UTF-8.", path.display())]
    Encoding {
        path: PathBuf,
        encoding: &'static str,
    },
    #[error(transparent)]
    File(crate::userfile::UserFileError),
    #[error("Tệp \"{}\" không dùng bảng mã UTF-8 (lỗi ở dòng {line}). Hãy mở tệp và lưu lại với bảng mã UTF-8.", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("Tệp \"{}\" trống, không có nội dung để nhập.", .0.display())]
    Empty(PathBuf),
    #[error("Phần thông tin đầu bài (front matter, giữa hai dòng ---) của tệp \"{}\" bị lỗi: {reason}", path.display())]
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
    #[error("Không nhập được tệp Word \"{}\": {source}", path.display())]
    Word {
        path: PathBuf,
        source: crate::word::WordError,
    },
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
            ImportError::Encoding { .. } => "file_encoding",
            ImportError::File(crate::userfile::UserFileError::NotRegular { .. }) => {
                "file_not_regular"
            }
            ImportError::File(_) => "file_unreadable",
            ImportError::Empty(_) => "file_empty",
            ImportError::FrontMatter { .. } => "front_matter",
            ImportError::UnknownKind { .. } => "unknown_kind",
            ImportError::UnknownStatus { .. } => "unknown_status",
            ImportError::BadDate { .. } => "bad_date",
            ImportError::ImageMissing { .. } => "image_missing",
            ImportError::BadImage { .. } => "bad_image",
            ImportError::Batch(_) => "import_batch",
            ImportError::Word { .. } => "word_file",
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
    /// What the editor should know, though nothing stopped the import (an
    /// image cut short).
    pub warnings: Vec<String>,
    /// The old encoding the text may be in, when detection was unsure and
    /// left it as it was (see [`legacy`]).
    pub legacy_unsure: Option<crate::text::legacy::Encoding>,
}

/// Articles written by an import, and its warnings.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub articles: Vec<(ArticleId, String)>,
    pub warnings: Vec<String>,
    /// Files imported as they stand though they may be in an old encoding
    /// (detection was unsure): each door says how to convert them.
    pub unsure: Vec<(PathBuf, crate::text::legacy::Encoding)>,
}

/// What became of one file handed over as bytes.
#[derive(Debug, Clone)]
pub enum FileImport {
    Imported(Imported),
    /// Nothing was written: the text may be in this old encoding and the
    /// editor should say whether to convert it (`LegacyChoice`).
    Unsure(crate::text::legacy::Encoding),
}

/// Reads and checks one Markdown or Word file. Touches nothing but the file
/// and the images it names.
pub fn prepare_file(path: &Path) -> Result<PreparedArticle, ImportError> {
    prepare_file_with(path, LegacyChoice::Detect)
}

/// [`prepare_file`], saying what to do about old TCVN3/VNI text.
pub fn prepare_file_with(
    path: &Path,
    legacy: LegacyChoice,
) -> Result<PreparedArticle, ImportError> {
    let max = if crate::word::is_word_file(path) {
        crate::word::read::MAX_DOCX_BYTES
    } else {
        MAX_ARTICLE_BYTES
    };
    let bytes = read_limited(path, max, |size| ImportError::TooLarge {
        path: path.into(),
        size,
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    prepare_bytes(path, bytes, Some(base), legacy)
}

/// Checks a file's bytes already in memory (a file dropped on the app),
/// named by `path`. Images a Markdown file points at are read from `base`;
/// without one (a dropped file, whose folder is unknown) they are left out
/// and said.
pub fn prepare_bytes(
    path: &Path,
    bytes: Vec<u8>,
    base: Option<&Path>,
    legacy: LegacyChoice,
) -> Result<PreparedArticle, ImportError> {
    if crate::word::is_word_file(path) {
        return crate::word::prepare_bytes(path, bytes);
    }
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
        });
    }
    let checked = decode_legacy(path, &bytes, legacy)?;
    let fallback_title = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let left_out = std::cell::RefCell::new(Vec::new());
    let mut prepared = prepare_text(path, &checked.text, &fallback_title, &|image| match base {
        Some(base) => load_image(path, base, image),
        None => {
            left_out.borrow_mut().push(image.to_owned());
            Ok(None)
        }
    })?;
    let file = path.display().to_string();
    if let Some(encoding) = checked.converted {
        prepared
            .warnings
            .push(legacy::converted_note(&file, encoding));
    }
    for image in left_out.into_inner() {
        prepared.warnings.push(format!(
            "Tệp \"{file}\": ảnh \"{image}\" chưa được nhập (chỉ có tệp bài, không có thư mục ảnh). \
             Hãy chèn lại ảnh vào bài."
        ));
    }
    prepared.legacy_unsure = checked.unsure;
    Ok(prepared)
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
    let source = text::nfc(&text::strip_controls(source));
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
    for figure in markdown::parse(&body).figures() {
        let src = &figure.src;
        if src.starts_with("asset:") || crate::html::is_remote(src) {
            continue;
        }
        if let Some(asset) = load_image(src)? {
            images.push((src.clone(), asset));
        }
    }
    // Every image was decode-checked as it was read; one cut short is
    // kept (it shows, partly grey) and said.
    let warnings = images
        .iter()
        .filter(|(_, a)| crate::image::probe(&a.bytes).is_ok_and(|i| !i.complete))
        .map(|(_, a)| crate::image::truncated_warning(&a.original_name))
        .collect();
    if !images.is_empty() {
        body = markdown::rewrite_image_sources(&body, &|src| {
            let (_, asset) = images.iter().find(|(s, _)| s == src)?;
            Some(format!("asset:{}", crate::hash::sha256_hex(&asset.bytes)))
        });
    }
    if body.trim().is_empty() && content.title.is_empty() {
        return Err(ImportError::Empty(path.into()));
    }
    content.body = body.trim_start_matches(['\n', '\r']).to_string();
    Ok(PreparedArticle {
        source: path.into(),
        content,
        images,
        warnings,
        legacy_unsure: None,
    })
}

/// Prepares every file, then writes them all in one transaction, or none.
pub fn import_files(
    lib: &Library,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> Result<Imported, ImportError> {
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
    Ok(Imported {
        articles: store_prepared(lib, &prepared, RevisionReason::Import, now)?,
        unsure: prepared
            .iter()
            .filter_map(|p| Some((p.source.clone(), p.legacy_unsure?)))
            .collect(),
        warnings: prepared.into_iter().flat_map(|p| p.warnings).collect(),
    })
}

/// Imports one file handed over as bytes (dropped on the app or chosen in
/// its file dialog), named `name`; only the last part of the name is kept.
/// With [`LegacyChoice::Detect`], text that may be TCVN3 or VNI is not
/// written but reported, so the door can ask.
pub fn import_bytes(
    lib: &Library,
    name: &str,
    bytes: Vec<u8>,
    legacy: LegacyChoice,
    now: DateTime<Utc>,
) -> Result<FileImport, ImportError> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let prepared = prepare_bytes(Path::new(file), bytes, None, legacy)?;
    if let (LegacyChoice::Detect, Some(encoding)) = (legacy, prepared.legacy_unsure) {
        return Ok(FileImport::Unsure(encoding));
    }
    Ok(FileImport::Imported(Imported {
        articles: store_prepared(
            lib,
            std::slice::from_ref(&prepared),
            RevisionReason::Import,
            now,
        )?,
        warnings: prepared.warnings,
        unsure: Vec::new(),
    }))
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

pub(crate) fn read_limited(
    path: &Path,
    max: u64,
    too_large: impl Fn(u64) -> ImportError,
) -> Result<Vec<u8>, ImportError> {
    use crate::userfile::{self, UserFileError};
    userfile::read(path, max).map_err(|e| match e {
        UserFileError::Missing(p) => ImportError::Missing(p),
        UserFileError::IsDirectory(p) => ImportError::IsDirectory(p),
        UserFileError::TooLarge { size, .. } => too_large(size),
        UserFileError::Unreadable { path, source } => ImportError::Unreadable { path, source },
        other => ImportError::File(other),
    })
}

/// The path an image reference names: `file:///home/a.jpg` is `/home/a.jpg`;
/// on Windows `file:///C:/Anh/a.jpg` is `C:/Anh/a.jpg` (with the slash kept
/// it would be a folder named `C:` on the article's drive). Anything else is
/// taken as written, relative to the article.
fn file_url_path(src: &str) -> &str {
    let Some(path) = src.strip_prefix("file://") else {
        return src;
    };
    let drive = |p: &str| {
        let b = p.as_bytes();
        b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':'
    };
    if cfg!(windows) && drive(path) {
        &path[1..]
    } else {
        path
    }
}

fn load_image(article: &Path, base: &Path, src: &str) -> Result<Option<NewAsset>, ImportError> {
    let decoded = crate::html::percent_decode(src);
    let path = base.join(file_url_path(&decoded));
    let missing = || ImportError::ImageMissing {
        path: article.into(),
        image: src.into(),
    };
    let bad = |reason: String| ImportError::BadImage {
        path: article.into(),
        image: src.into(),
        reason,
    };
    let bytes = match read_limited(&path, crate::image::limits::MAX_FILE_BYTES, |size| {
        bad(crate::image::Problem::FileTooLarge { bytes: size }.reason())
    }) {
        Ok(b) => b,
        Err(ImportError::Missing(_)) | Err(ImportError::IsDirectory(_)) => return Err(missing()),
        Err(ImportError::Unreadable { source, .. }) => {
            return Err(bad(crate::userfile::io_what(&source).into()));
        }
        Err(e) => return Err(e),
    };
    let original_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let info =
        crate::image::check_new(&original_name, &bytes).map_err(|e| bad(e.problem.reason()))?;
    Ok(Some(NewAsset {
        bytes,
        mime: info.format.mime().into(),
        original_name,
    }))
}

/// An image pasted or dropped into the editor, judged by the one image
/// policy before it reaches the library: the asset to store, and a warning
/// for a photo whose data stops early (it shows with its lower part grey).
pub fn pasted_image(
    name: &str,
    bytes: Vec<u8>,
) -> Result<(NewAsset, Option<String>), crate::image::ImageError> {
    let info = crate::image::check_new(name, &bytes)?;
    let warning = (!info.complete).then(|| crate::image::truncated_warning(name));
    Ok((
        NewAsset {
            bytes,
            mime: info.format.mime().into(),
            original_name: name.into(),
        },
        warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_names_the_path_on_this_system() {
        assert_eq!(file_url_path("anh/a.jpg"), "anh/a.jpg");
        assert_eq!(file_url_path("file:///home/an/a.jpg"), "/home/an/a.jpg");
        let windows = file_url_path("file:///C:/Anh/a.jpg");
        if cfg!(windows) {
            assert_eq!(windows, "C:/Anh/a.jpg");
        } else {
            assert_eq!(windows, "/C:/Anh/a.jpg", "a Unix path as written");
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ong.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let mut paths = vec![PathBuf::from("/dev/zero")];
        if made.is_ok_and(|s| s.success()) {
            paths.push(fifo);
        }
        for p in paths {
            let e = prepare_file(&p).unwrap_err();
            assert_eq!(e.code(), "file_not_regular", "{e}");
            assert!(e.to_string().contains("không phải một tệp thường"), "{e}");
        }
        let md = dir.path().join("bai.md");
        std::fs::write(&md, "# Bài\n\n![Ảnh](/dev/zero)\n").unwrap();
        let e = prepare_file(&md).unwrap_err();
        assert_eq!(e.code(), "file_not_regular", "{e}");
    }

    #[test]
    fn dates_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(parse_date("2026-11-24"), Some(d));
        assert_eq!(parse_date("24/11/2026"), Some(d));
        assert_eq!(parse_date("2026-11-24T08:00:00+07:00"), Some(d));
        assert_eq!(parse_date("24 tháng 11"), None);
    }

    #[test]
    fn an_image_named_like_another_keeps_its_own_link() {
        let source = "# Tin\n\n![một](a.jpg)\n\n![hai](a.jpg2)\n\nXem [tệp gốc](a.jpg).\n";
        let load = |src: &str| -> Result<Option<NewAsset>, ImportError> {
            Ok(Some(NewAsset {
                bytes: src.as_bytes().to_vec(),
                mime: "image/jpeg".into(),
                original_name: src.into(),
            }))
        };
        let p = prepare_text(Path::new("tin.md"), source, "tin", &load).unwrap();
        let sha = |s: &str| crate::store::assets::sha256_hex(s.as_bytes());
        assert_eq!(
            p.content.body,
            format!(
                "![một](asset:{})\n\n![hai](asset:{})\n\nXem [tệp gốc](a.jpg).\n",
                sha("a.jpg"),
                sha("a.jpg2")
            )
        );
    }
}
