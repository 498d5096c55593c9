//! `bantin bundle check`: is this zip a bundle a portal can safely take?
//!
//! Every problem found is reported, each with a stable code and a Vietnamese
//! sentence naming the file, so an editor fixes everything in one pass
//! instead of one error at a time. Only "this is not a zip at all" is an
//! error; anything wrong *inside* is a [`Problem`].
//!
//! The archive may be hostile, so reading is bounded: entry count, each
//! entry's size (checked on the bytes actually inflated, not on the header's
//! claim) and the total; paths that leave the archive and symlinks are
//! flagged and never read.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use super::manifest::{FORMAT_VERSION, Manifest};
use super::sanitize::scan_html;
use super::{BundleError, MAX_SIDE, THUMBNAIL_SIZE};
use crate::store::assets::sha256_hex;

const MAX_ENTRIES: usize = 2_000;
const MAX_ENTRY_BYTES: u64 = 200 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// Files every bundle has besides `manifest.json`.
const REQUIRED: &[&str] = &["index.md", "article.html", "article.md"];

/// One thing wrong with a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable, for scripts and tests: `missing_file`, `checksum_mismatch`…
    pub code: &'static str,
    /// A Vietnamese sentence saying what is wrong and where.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
        }
    }
}

/// What `check_bundle` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    /// The manifest, when it could be read.
    pub manifest: Option<Manifest>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether a problem with this code was found.
    pub fn has(&self, code: &str) -> bool {
        self.problems.iter().any(|p| p.code == code)
    }

    fn push(&mut self, code: &'static str, message: impl Into<String>) {
        self.problems.push(Problem::new(code, message));
    }
}

/// Validates a bundle's bytes. `Err` only if they are not a zip archive.
pub fn check_bundle(zip_bytes: &[u8]) -> Result<CheckReport, BundleError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes))
        .map_err(|e| BundleError::NotAZip(e.to_string()))?;
    let mut report = CheckReport::default();
    if archive.len() > MAX_ENTRIES {
        report.push(
            "too_many_entries",
            format!(
                "Gói có {} mục, quá nhiều để là một bài viết (tối đa {MAX_ENTRIES}).",
                archive.len()
            ),
        );
        return Ok(report);
    }
    let files = read_entries(&mut archive, &mut report);

    let Some(manifest_bytes) = files.get("manifest.json") else {
        report.push(
            "manifest_missing",
            "Gói không có tệp manifest.json nên không biết gói chứa gì.",
        );
        check_html(&files, &mut report);
        return Ok(report);
    };
    let Some(manifest) = read_manifest(manifest_bytes, &mut report) else {
        return Ok(report);
    };
    check_listed_files(&manifest, &files, &mut report);
    check_html(&files, &mut report);
    check_markdown(&files, &mut report);
    check_images(&manifest, &files, &mut report);
    report.manifest = Some(manifest);
    Ok(report)
}

/// Reads every safe regular entry; reports unsafe, unreadable and oversized
/// ones. Directory entries are tolerated (some zip tools add them).
fn read_entries(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    report: &mut CheckReport,
) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                report.push(
                    "corrupt_entry",
                    format!("Mục thứ {} của gói bị hỏng: {e}.", i + 1),
                );
                continue;
            }
        };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if let Some((code, message)) = path_problem(&name) {
            report.push(code, message);
            continue;
        }
        let is_symlink = entry
            .unix_mode()
            .is_some_and(|m| m & 0o170_000 == 0o120_000);
        if is_symlink {
            report.push(
                "symlink",
                format!(
                    "Mục \"{name}\" là liên kết tượng trưng (symlink); gói chỉ được chứa tệp thật."
                ),
            );
            continue;
        }
        if entry.is_dir() {
            continue;
        }
        if entry.encrypted() {
            report.push(
                "encrypted",
                format!("Tệp \"{name}\" được đặt mật khẩu; gói không được mã hóa."),
            );
            continue;
        }
        if files.contains_key(&name) {
            report.push(
                "duplicate_entry",
                format!("Tệp \"{name}\" xuất hiện hai lần trong gói."),
            );
            continue;
        }
        let mut bytes = Vec::new();
        let limit = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES - total);
        match (&mut entry).take(limit + 1).read_to_end(&mut bytes) {
            Ok(n) if n as u64 > limit => {
                report.push(
                    "entry_too_large",
                    format!(
                        "Tệp \"{name}\" quá lớn khi giải nén (trên {} MB).",
                        limit / (1024 * 1024)
                    ),
                );
                return files;
            }
            Ok(n) => total += n as u64,
            Err(e) => {
                report.push(
                    "corrupt_entry",
                    format!("Tệp \"{name}\" trong gói bị hỏng, không giải nén được: {e}."),
                );
                continue;
            }
        }
        files.insert(name, bytes);
    }
    files
}

/// Why an entry name is unsafe, if it is: absolute, `..`, backslashes,
/// empty or `.` parts, NUL. Such a name could write outside the folder an
/// editor unpacks into.
fn path_problem(name: &str) -> Option<(&'static str, String)> {
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if name.starts_with('/') || name.starts_with('\\') || drive {
        return Some((
            "absolute_path",
            format!("Mục \"{name}\" dùng đường dẫn tuyệt đối; mọi tệp phải nằm bên trong gói."),
        ));
    }
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    if parts.contains(&"..") {
        return Some((
            "path_traversal",
            format!("Mục \"{name}\" có \"..\" trong đường dẫn, trỏ ra ngoài gói."),
        ));
    }
    let dir_entry = name.ends_with('/');
    let body = if dir_entry {
        &parts[..parts.len() - 1]
    } else {
        &parts[..]
    };
    if name.contains('\\') || name.contains('\0') || body.iter().any(|p| p.is_empty() || *p == ".")
    {
        return Some((
            "unsafe_path",
            format!("Mục \"{name}\" có đường dẫn không hợp lệ (dấu \\, phần rỗng hoặc \".\")."),
        ));
    }
    None
}

/// Version first (a newer format is refused as such, not as "invalid"),
/// then the schema, then the date.
fn read_manifest(bytes: &[u8], report: &mut CheckReport) -> Option<Manifest> {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                "manifest_invalid",
                format!("manifest.json không phải JSON hợp lệ: {e}."),
            );
            return None;
        }
    };
    match value.get("format_version") {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(v) => {
            report.push(
                "unknown_version",
                format!("manifest.json ghi phiên bản định dạng {v}; công cụ này chỉ đọc được phiên bản {FORMAT_VERSION}. Hãy cập nhật Bản Tin."),
            );
            return None;
        }
        None => {
            report.push(
                "manifest_invalid",
                "manifest.json thiếu trường format_version (phiên bản định dạng).",
            );
            return None;
        }
    }
    let manifest: Manifest = match serde_json::from_value(value) {
        Ok(m) => m,
        Err(e) => {
            report.push(
                "manifest_invalid",
                format!("manifest.json sai cấu trúc: {e}."),
            );
            return None;
        }
    };
    if manifest.title.trim().is_empty() {
        report.push(
            "manifest_invalid",
            "manifest.json không có tiêu đề bài (title).",
        );
    }
    if chrono::DateTime::parse_from_rfc3339(&manifest.published).is_err() {
        report.push(
            "bad_date",
            format!("Ngày đăng \"{}\" trong manifest.json không đúng dạng RFC 3339 (ví dụ 2026-11-20T00:00:00+07:00).", manifest.published),
        );
    }
    Some(manifest)
}

/// Every listed file present with its size and checksum; every present
/// file listed; the required ones there; names from the format only.
fn check_listed_files(m: &Manifest, files: &BTreeMap<String, Vec<u8>>, report: &mut CheckReport) {
    let mut listed = BTreeSet::new();
    for f in &m.files {
        if !listed.insert(f.path.as_str()) {
            report.push(
                "manifest_invalid",
                format!("manifest.json liệt kê tệp \"{}\" hai lần.", f.path),
            );
            continue;
        }
        if !known_name(&f.path) {
            report.push("unknown_file", format!("Tệp \"{}\" không thuộc định dạng gói (chỉ có index.md, article.html, article.md, article.pdf và ảnh .jpg/.png trong images/).", f.path));
        }
        let Some(bytes) = files.get(&f.path) else {
            report.push(
                "missing_file",
                format!("Thiếu tệp \"{}\" mà manifest.json liệt kê.", f.path),
            );
            continue;
        };
        if bytes.len() as u64 != f.size || sha256_hex(bytes) != f.sha256.to_ascii_lowercase() {
            report.push("checksum_mismatch", format!("Tệp \"{}\" đã bị thay đổi hoặc hỏng: kích thước hoặc mã SHA-256 không khớp với manifest.json.", f.path));
        }
    }
    for name in REQUIRED {
        if !listed.contains(name) && !files.contains_key(*name) {
            report.push(
                "missing_file",
                format!("Gói thiếu tệp bắt buộc \"{name}\"."),
            );
        }
    }
    for name in files.keys() {
        if name != "manifest.json" && !listed.contains(name.as_str()) {
            report.push(
                "extra_file",
                format!(
                    "Tệp \"{name}\" có trong gói nhưng không được liệt kê trong manifest.json."
                ),
            );
        }
    }
    if let Some(t) = &m.thumbnail
        && !listed.contains(t.as_str())
    {
        report.push(
            "missing_file",
            format!("Ảnh đại diện \"{t}\" ghi trong manifest.json không có trong danh sách tệp."),
        );
    }
}

fn known_name(path: &str) -> bool {
    if REQUIRED.contains(&path) || path == "article.pdf" {
        return true;
    }
    path.strip_prefix("images/").is_some_and(|n| {
        (n.ends_with(".jpg") || n.ends_with(".png"))
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    })
}

fn check_html(files: &BTreeMap<String, Vec<u8>>, report: &mut CheckReport) {
    let Some(bytes) = files.get("article.html") else {
        return;
    };
    let Ok(html) = std::str::from_utf8(bytes) else {
        report.push("not_utf8", "article.html không dùng bảng mã UTF-8.");
        return;
    };
    let scan = scan_html(html);
    report.problems.extend(scan.problems);
    for src in scan.image_srcs {
        if src.starts_with("images/") && !files.contains_key(&src) {
            report.push(
                "missing_image",
                format!("article.html hiển thị ảnh \"{src}\" nhưng gói không có tệp này."),
            );
        }
    }
}

/// Images `article.md` and `index.md` point at are in the bundle.
fn check_markdown(files: &BTreeMap<String, Vec<u8>>, report: &mut CheckReport) {
    for name in ["article.md", "index.md"] {
        let Some(bytes) = files.get(name) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            report.push("not_utf8", format!("{name} không dùng bảng mã UTF-8."));
            continue;
        };
        let mut seen = BTreeSet::new();
        for part in text.split("](").skip(1) {
            let target = part.trim_start_matches('<');
            let end = target.find([')', '>', ' ', '\n']).unwrap_or(target.len());
            let target = &target[..end];
            if target.starts_with("images/") && !files.contains_key(target) && seen.insert(target) {
                report.push(
                    "missing_image",
                    format!("{name} dẫn tới ảnh \"{target}\" nhưng gói không có tệp này."),
                );
            }
        }
    }
}

/// Images are what their names say, web-sized, and the thumbnail is 3:2.
fn check_images(m: &Manifest, files: &BTreeMap<String, Vec<u8>>, report: &mut CheckReport) {
    for (name, bytes) in files.range("images/".to_string()..) {
        if !name.starts_with("images/") {
            break;
        }
        let expected = if name.ends_with(".png") {
            image::ImageFormat::Png
        } else {
            image::ImageFormat::Jpeg
        };
        let header =
            image::ImageReader::with_format(Cursor::new(bytes), expected).into_dimensions();
        let Ok((w, h)) = header else {
            report.push(
                "bad_image",
                format!(
                    "Tệp \"{name}\" không phải ảnh {} hợp lệ.",
                    if expected == image::ImageFormat::Png {
                        "PNG"
                    } else {
                        "JPEG"
                    }
                ),
            );
            continue;
        };
        if m.thumbnail.as_deref() == Some(name.as_str()) {
            let (tw, th) = THUMBNAIL_SIZE;
            if u64::from(w) * u64::from(th) != u64::from(h) * u64::from(tw) {
                report.push(
                    "thumbnail_ratio",
                    format!("Ảnh đại diện \"{name}\" có kích thước {w}×{h}, không theo tỉ lệ 3:2."),
                );
            }
        } else if w.max(h) > MAX_SIDE {
            report.push(
                "image_too_large",
                format!(
                    "Ảnh \"{name}\" có kích thước {w}×{h}; cạnh dài tối đa {MAX_SIDE} điểm ảnh."
                ),
            );
        }
    }
}
