//! Reading a file a user named: an article to import, a bundle to check, a
//! photo. One helper, so every front door refuses the same things the same
//! way.
//!
//! What the file system reports about a file is not trusted: a named pipe
//! would block a read forever, a device such as `/dev/zero` never ends, and a
//! file can grow between the size check and the read. So only regular files
//! are read, and never more than `max` bytes, whatever the metadata says.

use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum UserFileError {
    #[error("Không tìm thấy tệp \"{}\".", .0.display())]
    Missing(PathBuf),

    #[error("\"{}\" là một thư mục, không phải tệp. Hãy chọn một tệp bên trong.", .0.display())]
    IsDirectory(PathBuf),

    #[error(
        "\"{}\" không phải một tệp thường mà là {kind}, nên Bản Tin không đọc. Hãy chọn một tệp lưu trên đĩa.",
        path.display()
    )]
    NotRegular { path: PathBuf, kind: &'static str },

    #[error(
        "Tệp \"{}\" quá lớn (trên {} MB, tối đa {} MB). Hãy kiểm tra lại có chọn đúng tệp không.",
        path.display(),
        mb(.size),
        mb(.max)
    )]
    TooLarge { path: PathBuf, size: u64, max: u64 },

    #[error("Không đọc được tệp \"{}\": {}", path.display(), io_reason(.source))]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl UserFileError {
    pub fn path(&self) -> &Path {
        match self {
            UserFileError::Missing(p) | UserFileError::IsDirectory(p) => p,
            UserFileError::NotRegular { path, .. }
            | UserFileError::TooLarge { path, .. }
            | UserFileError::Unreadable { path, .. } => path,
        }
    }
}

fn mb(bytes: &u64) -> u64 {
    bytes.div_ceil(1024 * 1024).max(1)
}

/// Why a file could not be read, in words an editor understands, with the
/// system's own words on a line of their own for support.
pub fn io_reason(e: &std::io::Error) -> String {
    format!("{}.\nChi tiết kỹ thuật: {e}", io_what(e))
}

/// The Vietnamese half of `io_reason`, for a message that goes on after it.
pub fn io_what(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => {
            "bạn không có quyền đọc tệp này; hãy nhờ quản trị máy cấp quyền, hoặc chép tệp sang thư mục của bạn"
        }
        ErrorKind::NotFound => "tệp không còn ở đó; có thể nó vừa bị xóa hoặc đổi tên",
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::UnexpectedEof => {
            "việc đọc bị ngắt giữa chừng; hãy thử lại"
        }
        _ => {
            "hệ thống báo lỗi khi đọc; hãy kiểm tra ổ đĩa hoặc thẻ nhớ còn cắm và tệp không bị hỏng, rồi thử lại"
        }
    }
}

/// What a path that is not a regular file is, for the message.
fn kind_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "một ống dẫn (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "một thiết bị";
        }
        if t.is_socket() {
            return "một socket";
        }
    }
    let _ = t;
    "một đối tượng đặc biệt của hệ thống"
}

/// Checks that `path` names a regular file (following links) without
/// opening it: opening a named pipe blocks until someone writes to it.
pub fn check_regular(path: &Path) -> Result<std::fs::Metadata, UserFileError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => UserFileError::Missing(path.into()),
        _ => UserFileError::Unreadable {
            path: path.into(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(UserFileError::IsDirectory(path.into()));
    }
    if !meta.is_file() {
        return Err(UserFileError::NotRegular {
            path: path.into(),
            kind: kind_name(&meta.file_type()),
        });
    }
    Ok(meta)
}

/// Reads the regular file at `path`, at most `max` bytes: a longer file is
/// refused, however small the system says it is.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, UserFileError> {
    let meta = check_regular(path)?;
    let too_large = |size: u64| UserFileError::TooLarge {
        path: path.into(),
        size,
        max,
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let unreadable = |e| UserFileError::Unreadable {
        path: path.into(),
        source: e,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // The path may have been swapped between the check and the open.
    let opened = file.metadata().map_err(unreadable)?;
    if !opened.is_file() {
        return Err(UserFileError::NotRegular {
            path: path.into(),
            kind: kind_name(&opened.file_type()),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_permission_error_is_a_vietnamese_sentence_with_the_detail_after() {
        let e = UserFileError::Unreadable {
            path: "bai.md".into(),
            source: std::io::Error::from_raw_os_error(13),
        };
        let text = e.to_string();
        let first = text.lines().next().unwrap();
        assert!(first.contains("không có quyền đọc"), "{text}");
        assert!(!first.contains("os error"), "{text}");
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with("Chi tiết kỹ thuật:")
        );
    }

    #[test]
    fn a_file_longer_than_its_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read(&p, 10).unwrap().len(), 10);
        assert!(matches!(read(&p, 9), Err(UserFileError::TooLarge { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let e = read(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(matches!(e, UserFileError::NotRegular { .. }), "{e}");
        assert!(e.to_string().contains("thiết bị"), "{e}");
    }
}
