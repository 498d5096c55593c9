//! Where outputs go and what they are called: the one place that names
//! exported files (slug and date names), creates folders and writes
//! atomically. Front doors say *where* (a file the user named, or a folder
//! the app exports into); this module does the rest.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use super::ExportError;
use crate::bundle::Manifest;
use crate::model::{Article, Bulletin};
use crate::text::slugify;

/// Where an output is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Exactly this file (`bantin export pdf … -o FILE.pdf`); its folder
    /// must exist, as a user who typed the path expects.
    File(PathBuf),
    /// Into this folder under the output's own name (the app's export
    /// folder); the folder is created when missing.
    Folder(PathBuf),
}

impl Target {
    /// The file to write for an output called `name`.
    pub fn path_for(&self, name: &str) -> Result<PathBuf, ExportError> {
        match self {
            Target::File(path) => Ok(path.clone()),
            Target::Folder(dir) => {
                create_folder(dir)?;
                Ok(dir.join(name))
            }
        }
    }
}

/// The folder inside the export folder that "Sao lưu ngay" writes into.
pub const BACKUP_FOLDER: &str = "Sao lưu";

/// `<slug of the title>.pdf`.
pub fn article_pdf_name(article: &Article) -> String {
    format!("{}.pdf", slugify(&article.content.title))
}

/// `<slug of the title>.docx`.
pub fn article_docx_name(article: &Article) -> String {
    format!("{}.docx", slugify(&article.content.title))
}

/// A file the editor named in a save dialog ("Lưu thành…"), with `.ext`
/// added when the name has another ending or none (GTK's dialog adds
/// nothing), so "bao-cao" and "bao-cao.v2" are saved as `bao-cao.pdf` and
/// `bao-cao.v2.pdf`, and the system opens them with the right program.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if has {
        return path;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{ext}"));
    path.with_file_name(name)
}

/// `<slug of "name số number">.pdf`, with `-so-tay` for the A5 booklet.
pub fn bulletin_pdf_name(bulletin: &Bulletin, booklet: bool) -> String {
    let booklet = if booklet { " so tay" } else { "" };
    let name = slugify(&format!(
        "{} số {}{booklet}",
        bulletin.name, bulletin.number
    ));
    format!("{name}.pdf")
}

/// `<yyyy-mm-dd>-<slug>.zip`: the date the bundle says the article is
/// published (its manifest's `published`, already in Vietnam's time).
pub fn bundle_file_name(manifest: &Manifest) -> String {
    let date: String = manifest.published.chars().take(10).collect();
    format!("{date}-{}.zip", slugify(&manifest.title))
}

/// `<export folder>/Sao lưu/thu-vien-<yyyy-mm-dd-HHMMSS>.bantin`, the
/// folder created.
pub fn backup_path(export_dir: &Path, now: DateTime<FixedOffset>) -> Result<PathBuf, ExportError> {
    let dir = export_dir.join(BACKUP_FOLDER);
    create_folder(&dir)?;
    Ok(dir.join(format!("thu-vien-{}.bantin", now.format("%Y-%m-%d-%H%M%S"))))
}

/// A library backup found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub written: DateTime<Utc>,
    pub size: u64,
}

/// The backups an editor can restore from, newest first: those "Sao lưu
/// ngay" wrote into `<export folder>/Sao lưu/`, and the automatic ones
/// beside the library (`*.bantin` other than the library itself).
pub fn backups(export_dir: &Path, library: &Path) -> Vec<BackupFile> {
    let mut dirs = vec![export_dir.join(BACKUP_FOLDER)];
    dirs.extend(library.parent().map(Path::to_path_buf));
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let is_backup = path.extension().is_some_and(|x| x == "bantin") && path != library;
            if let (true, Ok(meta)) = (is_backup, e.metadata())
                && meta.is_file()
            {
                let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                found.push(BackupFile {
                    path,
                    written: modified.into(),
                    size: meta.len(),
                });
            }
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.written));
    found
}

/// `name`, or `stem-2.ext`, `stem-3.ext`… when an earlier output of the
/// same run already took it, so none overwrites another.
pub fn unique_name(name: &str, taken: &[PathBuf]) -> String {
    let is_taken = |n: &str| taken.iter().any(|p| p.file_name() == Some(n.as_ref()));
    if !is_taken(name) {
        return name.to_string();
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| format!("{stem}-{n}.{ext}"))
        .find(|n| !is_taken(n))
        .expect("some number is free")
}

/// Creates `dir` and its parents.
pub fn create_folder(dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|e| ExportError::Folder {
        path: dir.to_path_buf(),
        reason: reason(e),
    })
}

fn write_error(path: &Path, e: std::io::Error) -> ExportError {
    ExportError::Write {
        path: path.to_path_buf(),
        reason: reason(e),
    }
}

/// Why the disk refused, in words an editor can act on.
fn reason(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "thư mục chỉ cho đọc hoặc bạn không có quyền ghi".into()
        }
        std::io::ErrorKind::NotFound => "thư mục không tồn tại".into(),
        std::io::ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
        // The system's own words go on a line of their own, for support.
        _ => format!("hệ thống báo lỗi khi ghi (Chi tiết kỹ thuật: {e})"),
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the
/// complete new one: a temporary file beside it, flushed, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| write_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_in_the_save_dialog_gets_its_extension() {
        let dir = Path::new("/x/Bản Tin");
        assert_eq!(
            with_extension(dir.join("bao-cao"), "pdf"),
            dir.join("bao-cao.pdf")
        );
        assert_eq!(
            with_extension(dir.join("bao-cao.v2"), "pdf"),
            dir.join("bao-cao.v2.pdf")
        );
        assert_eq!(
            with_extension(dir.join("Báo cáo.PDF"), "pdf"),
            dir.join("Báo cáo.PDF")
        );
        assert_eq!(
            with_extension(dir.join("bai.docx"), "docx"),
            dir.join("bai.docx")
        );
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let taken = vec![PathBuf::from("/x/a.zip"), PathBuf::from("/x/a-2.zip")];
        assert_eq!(unique_name("b.zip", &taken), "b.zip");
        assert_eq!(unique_name("a.zip", &taken), "a-3.zip");
    }
}
