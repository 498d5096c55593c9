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
use std::io::Cursor;

use image::ImageFormat;

use super::manifest::{FORMAT_VERSION, Manifest};
use super::sanitize::{control_char_problem, scan_html};
use super::zipfile::{self, Entries, LIMITS, read_entries};
use super::{BundleError, MAX_IMAGE_PIXELS, MAX_SIDE, THUMBNAIL_SIZE};

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
    let mut archive = zipfile::open(zip_bytes)?;
    let mut report = CheckReport::default();
    if archive.len() > LIMITS.entries {
        report.push(
            "too_many_entries",
            format!(
                "Gói có {} mục, quá nhiều để là một bài viết (tối đa {}).",
                archive.len(),
                LIMITS.entries
            ),
        );
        return Ok(report);
    }
    let entries = read_entries(zip_bytes, &mut archive, &LIMITS, &mut report.problems);
    let files = &entries.bytes;

    let Some(manifest_bytes) = files.get("manifest.json") else {
        report.push(
            "manifest_missing",
            "Gói không có tệp manifest.json nên không biết gói chứa gì.",
        );
        check_text(files, &BTreeSet::new(), &mut report);
        check_html(files, &mut report);
        return Ok(report);
    };
    let Some(manifest) = read_manifest(manifest_bytes, &mut report) else {
        return Ok(report);
    };
    let changed = check_listed_files(&manifest, &entries, &mut report);
    check_text(files, &changed, &mut report);
    check_html(files, &mut report);
    check_markdown(files, &mut report);
    check_images(&manifest, files, &mut report);
    report.manifest = Some(manifest);
    Ok(report)
}

/// Control characters in the text files: a NUL or an escape is never text
/// an editor meant, and a NUL cuts a string short in many programs.
/// `article.html` is judged with the rest of its HTML; a file already
/// reported as changed since export is not judged again.
fn check_text(
    files: &BTreeMap<String, Vec<u8>>,
    changed: &BTreeSet<String>,
    report: &mut CheckReport,
) {
    for name in ["manifest.json", "article.md", "index.md"] {
        if changed.contains(name) {
            continue;
        }
        let Some(text) = files.get(name).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        // In JSON a control character may also hide behind an escape (\u0000).
        let decoded = (name == "manifest.json")
            .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
            .flatten()
            .map(|v| json_strings(&v));
        let p = control_char_problem(name, text)
            .or_else(|| control_char_problem(name, decoded.as_deref().unwrap_or("")));
        if let Some(p) = p {
            report.problems.push(p);
        }
    }
}

/// Every string of a JSON value, keys too, one after another.
fn json_strings(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(json_strings).collect(),
        serde_json::Value::Object(o) => o
            .iter()
            .map(|(k, v)| format!("{k}{}", json_strings(v)))
            .collect(),
        _ => String::new(),
    }
}

/// Version first (a newer format is refused as such, not as "invalid"),
/// then the schema, then the date.
fn read_manifest(bytes: &[u8], report: &mut CheckReport) -> Option<Manifest> {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                "manifest_invalid",
                format!(
                    "manifest.json không phải JSON hợp lệ nên không biết gói chứa gì. \
                     Hãy xuất lại gói từ Bản Tin.\nChi tiết kỹ thuật: {e}"
                ),
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
                format!(
                    "manifest.json sai cấu trúc (thiếu trường, thừa trường hoặc sai kiểu). \
                     Hãy xuất lại gói từ Bản Tin.\nChi tiết kỹ thuật: {e}"
                ),
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
/// Returns the files whose size or checksum do not match.
fn check_listed_files(
    m: &Manifest,
    entries: &Entries,
    report: &mut CheckReport,
) -> BTreeSet<String> {
    let files = &entries.sums;
    let mut changed = BTreeSet::new();
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
        let Some((size, sha)) = files.get(&f.path) else {
            report.push(
                "missing_file",
                format!("Thiếu tệp \"{}\" mà manifest.json liệt kê.", f.path),
            );
            continue;
        };
        if *size != f.size || *sha != f.sha256.to_ascii_lowercase() {
            changed.insert(f.path.clone());
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
    changed
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
/// Judged from the header alone (PNG's IHDR, JPEG's SOF): nothing is
/// decoded, so a small file claiming a billion pixels costs nothing.
fn check_images(m: &Manifest, files: &BTreeMap<String, Vec<u8>>, report: &mut CheckReport) {
    for (name, bytes) in files.range("images/".to_string()..) {
        if !name.starts_with("images/") {
            break;
        }
        let png = name.ends_with(".png");
        let Some((w, h)) = image_size(bytes, png) else {
            report.push(
                "bad_image",
                format!(
                    "Tệp \"{name}\" không phải ảnh {} hợp lệ.",
                    if png { "PNG" } else { "JPEG" }
                ),
            );
            continue;
        };
        let pixels = u64::from(w) * u64::from(h);
        // Sane sizes only: the image crate's header reader then confirms it.
        let valid = || {
            let format = if png {
                ImageFormat::Png
            } else {
                ImageFormat::Jpeg
            };
            image::ImageReader::with_format(Cursor::new(bytes), format)
                .into_dimensions()
                .is_ok_and(|d| d == (w, h))
        };
        if pixels <= MAX_IMAGE_PIXELS && !valid() {
            report.push(
                "bad_image",
                format!(
                    "Tệp \"{name}\" không phải ảnh {} hợp lệ.",
                    if png { "PNG" } else { "JPEG" }
                ),
            );
        } else if pixels > MAX_IMAGE_PIXELS {
            report.push(
                "image_too_large",
                format!(
                    "Ảnh \"{name}\" ghi kích thước {w}×{h} điểm ảnh ({} triệu điểm ảnh), vô lý với ảnh \
                     trong gói (cạnh dài tối đa {MAX_SIDE} điểm ảnh); có thể tệp đã bị làm hỏng. \
                     Hãy xuất lại gói từ Bản Tin.",
                    crate::text::format_integer(pixels.div_ceil(1_000_000) as i64)
                ),
            );
        } else if m.thumbnail.as_deref() == Some(name.as_str()) {
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

/// Width and height from the header of a PNG (IHDR, which must come first)
/// or a JPEG (the first SOF marker), or `None` if the bytes are not one.
fn image_size(b: &[u8], png: bool) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]));
    let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
    if png {
        let ok = b.starts_with(b"\x89PNG\r\n\x1a\n") && b.get(12..16) == Some(b"IHDR");
        let (w, h) = (be32(16)?, be32(20)?);
        return (ok && w > 0 && h > 0).then_some((w, h));
    }
    if !b.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    loop {
        while *b.get(i)? == 0xFF && *b.get(i + 1)? == 0xFF {
            i += 1; // fill bytes
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            i += 2;
            continue;
        }
        let len = usize::from(be16(i + 2)?);
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let (h, w) = (be16(i + 5)?, be16(i + 7)?);
            return (w > 0 && h > 0).then_some((u32::from(w), u32::from(h)));
        }
        if marker == 0xD9 || marker == 0xDA || len < 2 {
            return None;
        }
        i += 2 + len;
    }
}
