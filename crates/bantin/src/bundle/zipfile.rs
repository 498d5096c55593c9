//! The zip itself: written byte-for-byte reproducibly by the shared writer
//! (`crate::archive`, stamped with the article's date), read warily.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{BundleError, Problem};
use crate::hash::sha256_hex;
use crate::text::nfc;

/// One file to put in the archive.
pub(crate) struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Zips `entries` in order with the one reproducible writer
/// (`crate::archive`).
pub(crate) fn write_zip(entries: &[Entry], time: NaiveDateTime) -> Result<Vec<u8>, BundleError> {
    let pairs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|e| (e.path.as_str(), e.bytes.as_slice()))
        .collect();
    crate::archive::write_zip(&pairs, time).map_err(|e| BundleError::Zip(e.to_string()))
}

// ---------------------------------------------------------------------------
// Reading a zip that may be hostile.

/// What reading one archive may cost. Sizes are checked on the bytes
/// actually inflated, never on what the headers claim.
pub(crate) struct Limits {
    pub entries: usize,
    /// Per entry: `manifest.json`, `article.html`, the Markdown files.
    pub text: u64,
    /// Per entry: images and any other file kept in memory.
    pub image: u64,
    /// `article.pdf`, hashed as it streams and never kept.
    pub pdf: u64,
    /// All entries kept in memory together.
    pub held: u64,
    /// Everything inflated, the PDF included.
    pub total: u64,
}

const MB: u64 = 1024 * 1024;

/// A web-sized image (long side 1600 px) is a few MB; a PNG of 1600×1600
/// RGBA with no compression at all is 10 MB.
pub(crate) const LIMITS: Limits = Limits {
    entries: 2_000,
    text: 8 * MB,
    image: 16 * MB,
    pdf: 256 * MB,
    held: 128 * MB,
    total: 512 * MB,
};

/// The regular entries read from an archive.
#[derive(Default)]
pub(crate) struct Entries {
    /// Name → bytes, for every file kept in memory.
    pub bytes: BTreeMap<String, Vec<u8>>,
    /// Name → (size, SHA-256) of every file read, kept or streamed.
    pub sums: BTreeMap<String, (u64, String)>,
}

/// Opens `bytes` as a zip, or says in Vietnamese why it is not one.
pub(crate) fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, BundleError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| BundleError::NotAZip(not_a_zip_message(&e)))
}

/// "Could not find EOCD", "invalid Zip archive"… as a sentence an editor
/// can act on, the library's words on their own line for support.
pub(crate) fn not_a_zip_message(e: &ZipError) -> String {
    let what = match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            "Tệp nén này được đặt mật khẩu; gói bài viết không được mã hóa. Hãy xuất lại gói từ Bản Tin."
        }
        ZipError::InvalidPassword => {
            "Tệp nén này được đặt mật khẩu; gói bài viết không được mã hóa. Hãy xuất lại gói từ Bản Tin."
        }
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            "Tệp nén này dùng một kiểu nén mà Bản Tin không đọc được. Hãy xuất lại gói từ Bản Tin."
        }
        ZipError::Io(_) => "Không đọc hết được tệp nén này. Hãy kiểm tra tệp rồi thử lại.",
        _ => {
            "Tệp này không phải gói bài viết (.zip) hợp lệ: có thể nó bị cắt cụt hoặc hỏng khi tải \
             về, hoặc không phải tệp nén. Hãy tải lại tệp hoặc xuất lại gói từ Bản Tin."
        }
    };
    format!("{what}\nChi tiết kỹ thuật: {e}")
}

/// Reads every safe regular entry, within `limits`; reports unsafe,
/// duplicate, unreadable and oversized ones. Directory entries are tolerated
/// (some zip tools add them).
pub(crate) fn read_entries(
    zip_bytes: &[u8],
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Entries {
    let mut entries = Entries::default();
    duplicate_names(zip_bytes, archive, problems);
    let (mut held, mut total) = (0u64, 0u64);
    for i in 0..archive.len() {
        let (name, is_dir) = match archive.by_index_raw(i) {
            Ok(entry) => {
                let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
                if let Some(p) = path_problem(&name) {
                    problems.push(p);
                    continue;
                }
                if entry
                    .unix_mode()
                    .is_some_and(|m| m & 0o170_000 == 0o120_000)
                {
                    problems.push(Problem::new("symlink", format!(
                        "Mục \"{name}\" là liên kết tượng trưng (symlink); gói chỉ được chứa tệp thật."
                    )));
                    continue;
                }
                if entry.encrypted() {
                    problems.push(Problem::new(
                        "encrypted",
                        format!("Tệp \"{name}\" được đặt mật khẩu; gói không được mã hóa."),
                    ));
                    continue;
                }
                if !zip::SUPPORTED_COMPRESSION_METHODS.contains(&entry.compression()) {
                    problems.push(unsupported(&name, entry.compression()));
                    continue;
                }
                (name, entry.is_dir())
            }
            Err(e) => {
                problems.push(corrupt(&format!("Mục thứ {}", i + 1), &e.to_string()));
                continue;
            }
        };
        if is_dir || entries.sums.contains_key(&name) {
            continue;
        }
        let streamed = name == "article.pdf";
        let cap = if streamed {
            limits.pdf
        } else if [".json", ".html", ".md"].iter().any(|x| name.ends_with(x)) {
            limits.text
        } else {
            limits.image
        };
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                problems.push(unreadable(&name, &e));
                continue;
            }
        };
        let read = if streamed {
            hash_stream(&mut entry, cap + 1).map(|(n, sha)| (n, sha, Vec::new()))
        } else {
            let mut bytes = Vec::new();
            (&mut entry)
                .take(cap + 1)
                .read_to_end(&mut bytes)
                .map(|n| (n as u64, sha256_hex(&bytes), bytes))
        };
        let (n, sha, bytes) = match read {
            Ok(r) => r,
            Err(e) => {
                problems.push(corrupt(&format!("Tệp \"{name}\""), &e.to_string()));
                continue;
            }
        };
        if n > cap {
            problems.push(Problem::new("entry_too_large", format!(
                "Tệp \"{name}\" giải nén ra hơn {} MB, quá lớn cho loại tệp này trong một gói bài viết \
                 (có thể là tệp hỏng hoặc \"bom nén\"). Hãy xuất lại gói từ Bản Tin.",
                cap / MB
            )));
            total += n;
        } else {
            total += n;
            held += bytes.len() as u64;
        }
        if total > limits.total || held > limits.held {
            problems.push(Problem::new("bundle_too_large", format!(
                "Gói giải nén ra hơn {} MB, quá lớn cho một bài viết; Bản Tin dừng đọc tại tệp \"{name}\". \
                 Hãy xuất lại gói từ Bản Tin.",
                if total > limits.total { limits.total } else { limits.held } / MB
            )));
            return entries;
        }
        if n <= cap {
            entries.sums.insert(name.clone(), (n, sha));
            if !streamed {
                entries.bytes.insert(name, bytes);
            }
        }
    }
    entries
}

fn corrupt(what: &str, detail: &str) -> Problem {
    Problem::new(
        "corrupt_entry",
        format!(
            "{what} trong gói bị hỏng, không giải nén được. Hãy tải lại tệp hoặc xuất lại gói từ Bản Tin.\n\
             Chi tiết kỹ thuật: {detail}"
        ),
    )
}

/// Why entry `name` could not be opened: a compression Bản Tin does not
/// read is not damage, so it is said differently.
fn unreadable(name: &str, e: &ZipError) -> Problem {
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => Problem::new(
            "encrypted",
            format!("Tệp \"{name}\" được đặt mật khẩu; gói không được mã hóa."),
        ),
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            unsupported(name, e)
        }
        _ => corrupt(&format!("Tệp \"{name}\""), &e.to_string()),
    }
}

/// An entry compressed with a method this build does not read (not damage).
fn unsupported(name: &str, detail: impl std::fmt::Display) -> Problem {
    Problem::new(
        "unsupported_compression",
        format!(
            "Tệp \"{name}\" được nén theo kiểu Bản Tin không đọc được (gói chỉ dùng kiểu nén thông \
             thường Deflate). Hãy xuất lại gói từ Bản Tin.\nChi tiết kỹ thuật: {detail}"
        ),
    )
}

/// Size and SHA-256 of at most `cap` bytes of `r`, without keeping them.
fn hash_stream(r: &mut impl Read, cap: u64) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    let mut r = r.take(cap);
    loop {
        let got = r.read(&mut buf)?;
        if got == 0 {
            break;
        }
        hasher.update(&buf[..got]);
        n += got as u64;
    }
    let sha = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((n, sha))
}

/// Reports names that unpack to the same file: the same name twice (the
/// zip reader keeps only one of them, so the central directory is listed
/// again), or names equal once `\` is read as `/`, `.` parts and Windows'
/// trailing dots and spaces are dropped, and Unicode is composed (NFC) and
/// case-folded, as on Windows and macOS file systems.
fn duplicate_names(
    zip_bytes: &[u8],
    archive: &ZipArchive<Cursor<&[u8]>>,
    problems: &mut Vec<Problem>,
) {
    let listed = || -> Vec<String> {
        archive
            .file_names_raw()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    };
    // ZipArchive keeps one entry per exact name; this reader lists them all.
    let all = zip::unstable::read::ZipIterable::try_new(
        Cursor::new(zip_bytes),
        zip::read::Config::default(),
    );
    let names: Vec<String> = match all {
        Ok(mut all) => match all.files() {
            Ok(files) => files
                .filter_map(Result::ok)
                .map(|e| String::from_utf8_lossy(e.name_raw()).into_owned())
                .collect(),
            Err(_) => listed(),
        },
        Err(_) => listed(),
    };
    let mut seen: HashMap<String, &str> = HashMap::new();
    for name in &names {
        let Some(first) = seen.insert(name_key(name), name) else {
            continue;
        };
        let message = if first == name {
            format!(
                "Tệp \"{name}\" có hai lần trong gói; mỗi chương trình giải nén có thể lấy một bản khác nhau. \
                 Hãy xuất lại gói từ Bản Tin."
            )
        } else {
            format!(
                "Tệp \"{name}\" và \"{first}\" thành cùng một tệp khi giải nén trên Windows hay macOS \
                 (chỉ khác chữ hoa/thường, dấu \\ hoặc cách viết dấu tiếng Việt); cổng thông tin có thể lấy nhầm tệp. \
                 Hãy xuất lại gói từ Bản Tin."
            )
        };
        problems.push(Problem::new("duplicate_entry", message));
    }
    if names.len() == archive.len() && archive.has_duplicate_names() {
        problems.push(Problem::new(
            "duplicate_entry",
            "Gói có hai tệp trùng tên; mỗi chương trình giải nén có thể lấy một bản khác nhau. \
             Hãy xuất lại gói từ Bản Tin.",
        ));
    }
}

/// The file an entry name lands on where names are compared loosely.
fn name_key(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let parts: Vec<&str> = slashed
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(|p| p.trim_end_matches(['.', ' ']))
        .collect();
    let folded: String = nfc(&parts.join("/"))
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    nfc(&folded)
}

/// Why an entry name is unsafe, if it is: absolute, `..`, backslashes,
/// empty or `.` parts, NUL. Such a name could write outside the folder an
/// editor unpacks into.
fn path_problem(name: &str) -> Option<Problem> {
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if name.starts_with('/') || name.starts_with('\\') || drive {
        return Some(Problem::new(
            "absolute_path",
            format!("Mục \"{name}\" dùng đường dẫn tuyệt đối; mọi tệp phải nằm bên trong gói."),
        ));
    }
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    if parts.contains(&"..") {
        return Some(Problem::new(
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
        return Some(Problem::new(
            "unsafe_path",
            format!("Mục \"{name}\" có đường dẫn không hợp lệ (dấu \\, phần rỗng hoặc \".\")."),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::ZipWriter;
    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(entries: &[(&str, usize)]) -> Vec<u8> {
        let mut z = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, size) in entries {
            z.start_file(*name, SimpleFileOptions::default()).unwrap();
            z.write_all(&vec![b'a'; *size]).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    fn read(zip: &[u8], limits: &Limits) -> (Entries, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut archive = open(zip).unwrap();
        let entries = read_entries(zip, &mut archive, limits, &mut problems);
        (entries, problems)
    }

    const SMALL: Limits = Limits {
        entries: 10,
        text: 100,
        image: 1_000,
        pdf: 5_000,
        held: 2_500,
        total: 6_000,
    };

    #[test]
    fn each_entry_is_capped_by_its_kind_and_the_pdf_is_not_kept() {
        let zip = zip_of(&[
            ("article.md", 101),
            ("images/a.jpg", 1_000),
            ("article.pdf", 4_000),
        ]);
        let (entries, problems) = read(&zip, &SMALL);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "entry_too_large");
        assert!(problems[0].message.contains("\"article.md\""));
        assert_eq!(entries.sums["article.pdf"].0, 4_000);
        assert!(!entries.bytes.contains_key("article.pdf"));
        assert_eq!(entries.bytes["images/a.jpg"].len(), 1_000);
    }

    #[test]
    fn what_is_held_and_what_is_inflated_are_bounded_in_total() {
        let zip = zip_of(&[
            ("images/a.jpg", 1_000),
            ("images/b.jpg", 1_000),
            ("images/c.jpg", 1_000),
        ]);
        let (_, problems) = read(&zip, &SMALL);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "bundle_too_large");
        assert!(
            problems[0].message.contains("\"images/c.jpg\""),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn zip_errors_are_worded_for_an_editor() {
        let Err(BundleError::NotAZip(message)) = open(b"PK") else {
            panic!("not refused");
        };
        let (what, detail) = message.split_once('\n').unwrap();
        assert!(
            what.starts_with("Tệp này không phải gói bài viết"),
            "{what}"
        );
        assert!(detail.starts_with("Chi tiết kỹ thuật: "), "{detail}");
    }
}
