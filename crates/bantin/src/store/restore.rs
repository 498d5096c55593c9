//! Bringing a library back from a backup (DESIGN §3: "restore is a copy
//! back after an integrity check").
//!
//! Nothing is lost on the way: the backup is checked first (a SQLite file,
//! a Bản Tin library, not from a newer Bản Tin, every page sound); the
//! library as it is now is copied beside itself (`…truoc-khoi-phuc-….bantin`);
//! the backup is copied to a temporary file beside the library and only
//! then renamed over it, after this connection has closed. A failure at any
//! step leaves the library as it was, open.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{Library, Result, StoreError, schema};

/// What a backup file holds, for a confirmation ("bản sao lưu ngày …").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub articles: usize,
    pub schema_version: u32,
}

/// Checks that `backup` is a sound Bản Tin library this version can open.
pub fn inspect_backup(backup: &Path) -> Result<BackupInfo> {
    let bad = |reason: &str| StoreError::Open {
        path: backup.to_path_buf(),
        reason: reason.to_string(),
    };
    use crate::userfile::{UserFileError, check_regular};
    match check_regular(backup) {
        Ok(_) => {}
        Err(UserFileError::Missing(_)) => return Err(bad("không tìm thấy tệp sao lưu này.")),
        Err(e) => return Err(StoreError::File(e)),
    }
    let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::from_sqlite(backup, e))?;
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sqlite(backup, e))?;
    if version > schema::LATEST {
        return Err(StoreError::NewerVersion {
            path: backup.to_path_buf(),
            found: version,
            supported: schema::LATEST,
        });
    }
    let articles: Option<i64> = conn
        .query_row(
            "SELECT count(*) FROM articles WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .ok();
    let Some(articles) = articles.filter(|_| version > 0) else {
        return Err(bad("tệp này không phải bản sao lưu thư viện Bản Tin."));
    };
    let shape =
        schema::differences(&conn, version).map_err(|e| StoreError::from_sqlite(backup, e))?;
    if !shape.is_empty() {
        return Err(StoreError::NotABackup {
            path: backup.to_path_buf(),
            detail: shape.join("; "),
        });
    }
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sqlite(backup, e))?;
    if verdict != "ok" {
        return Err(StoreError::Corrupt {
            path: backup.to_path_buf(),
        });
    }
    Ok(BackupInfo {
        path: backup.to_path_buf(),
        articles: articles as usize,
        schema_version: version,
    })
}

impl Library {
    /// Replaces this library's content with `backup`'s and reopens it.
    /// Returns where the library as it was before has been kept.
    pub fn restore_from(&mut self, backup: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
        self.local_only(super::maintenance::ON_THE_SERVER)?;
        inspect_backup(backup)?;
        let stamp = now.format("%Y%m%d-%H%M%S");
        let stem = self
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("thu-vien")
            .to_string();
        let safety = self
            .path
            .with_file_name(format!("{stem}.truoc-khoi-phuc-{stamp}.bantin"));
        self.backup(&safety)?;

        // A consistent single-file copy of the backup beside the library.
        let tmp = self
            .path
            .with_file_name(format!(".{stem}.khoi-phuc-{stamp}.tmp"));
        let _ = std::fs::remove_file(&tmp);
        let copy = (|| {
            let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            src.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
            Ok::<_, rusqlite::Error>(())
        })();
        if let Err(e) = copy {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::from_sqlite(&self.path, e));
        }

        // Close this connection (it checkpoints and removes the -wal file),
        // swap the files, open again. If another program still has the
        // library open, its -wal file stays: then nothing is swapped.
        let path = self.path.clone();
        let closed = std::mem::replace(
            &mut self.backend,
            super::Backend::Local(
                Connection::open_in_memory().map_err(|e| StoreError::from_sqlite(&path, e))?,
            ),
        );
        drop(closed);
        let wal = sidecar(&path, "-wal");
        let swapped = if wal.exists() {
            Err(StoreError::Locked { path: path.clone() })
        } else {
            let _ = std::fs::remove_file(sidecar(&path, "-shm"));
            std::fs::rename(&tmp, &path).map_err(|e| StoreError::Open {
                path: path.clone(),
                reason: format!(
                    "không thay được tệp thư viện bằng bản sao lưu, nên thư viện vẫn như trước khi khôi phục. Hãy đóng các chương trình đang mở thư viện rồi thử lại.\nChi tiết kỹ thuật: {e}"
                ),
            })
        };
        let _ = std::fs::remove_file(&tmp);
        *self = Library::open(&path, now)?;
        swapped.map(|_| safety)
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}
