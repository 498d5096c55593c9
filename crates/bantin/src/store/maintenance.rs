//! Keeping a library healthy: integrity checks, backups, settings.
//!
//! A backup is `VACUUM INTO` a new file: a consistent copy even while the
//! app is writing, and compact. It never overwrites an existing file, and a
//! file under the backup's name is always a whole, checked backup.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{Library, Result, StoreError, schema};
use crate::model::Profile;

/// What `bantin check` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub ok: bool,
    /// SQLite's own findings, empty when the file is sound.
    pub problems: Vec<String>,
    pub articles: usize,
    pub revisions: usize,
    pub assets: usize,
    pub schema_version: u32,
}

/// Why a shared library is not backed up or checked from here.
pub(super) const ON_THE_SERVER: &str = "sao lưu, khôi phục và kiểm tra bằng Bản Tin: thư viện chung nằm trên máy chủ PostgreSQL, quản trị sao lưu và kiểm tra ở đó (pg_dump)";

impl Library {
    /// Checks every page, the foreign keys, the search index and that every
    /// article has its revisions.
    pub fn check(&self) -> Result<CheckReport> {
        run_check(self.local_only(ON_THE_SERVER)?, &self.path)
    }

    /// Checks the library at `path` without writing to it: it is opened
    /// read-only, never created, upgraded or repaired. A library another
    /// program is writing, or one this user may not read, is said to be
    /// so, never called damaged.
    pub fn check_file(path: &Path) -> Result<CheckReport> {
        if super::pg::shared_address(path).is_some() {
            return Err(StoreError::SharedUnsupported(ON_THE_SERVER));
        }
        match path.metadata() {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason: "đây là một thư mục, không phải tệp thư viện. Hãy ghi cả tên tệp, ví dụ thu-vien.bantin.".into(),
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason: "không có tệp thư viện ở đường dẫn này. Hãy kiểm tra lại tên tệp (--library).".into(),
                });
            }
            Err(_) => {
                return Err(StoreError::NoAccess {
                    path: path.to_path_buf(),
                });
            }
        }
        let err = |e: rusqlite::Error| match StoreError::from_sqlite(path, e) {
            StoreError::ReadOnly { path } => StoreError::NoAccess { path },
            other => other,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.busy_timeout(super::BUSY_TIMEOUT).map_err(err)?;
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > schema::LATEST {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: schema::LATEST,
            });
        }
        if version == 0 {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
            });
        }
        run_check(&conn, path).map_err(|e| match e {
            StoreError::ReadOnly { path } => StoreError::NoAccess { path },
            other => other,
        })
    }

    /// Writes a consistent, compact copy of the library to `dest`, which must
    /// not exist yet.
    ///
    /// The copy is written under a temporary name beside `dest`, checked
    /// (every page, the schema), flushed to the disk, and only then given
    /// its name. A backup that fails or is killed half-way leaves no file
    /// under `dest` that could pass for a backup.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let conn = self.local_only(ON_THE_SERVER)?;
        let fail = |reason: String| StoreError::Backup {
            path: dest.to_path_buf(),
            reason,
        };
        let exists = || fail("tệp đã có sẵn; hãy chọn tên khác để không ghi đè.".into());
        if dest.symlink_metadata().is_ok() {
            return Err(exists());
        }
        let Some(name) = dest.file_name().and_then(|n| n.to_str()) else {
            return Err(fail(
                "hãy ghi cả tên tệp, ví dụ sao-luu.bantin (tên chỉ gồm chữ, số và dấu).".into(),
            ));
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let tmp = dest.with_file_name(format!(
            ".{name}.dang-sao-luu-{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let tmp_str = tmp
            .to_str()
            .ok_or_else(|| fail("tên tệp có ký tự không hợp lệ.".into()))?;
        let _ = std::fs::remove_file(&tmp);
        let written = (|| {
            conn.execute("VACUUM INTO ?1", [tmp_str])
                .map_err(|e| backup_error(dest, e))?;
            Self::verify_copy(conn, &tmp).map_err(fail)?;
            sync_file(&tmp)
                .map_err(|e| fail(io_detail("không ghi được hết bản sao xuống đĩa", &e)))?;
            give_name(&tmp, dest).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => exists(),
                _ => fail(io_detail("không đặt được tên cho bản sao", &e)),
            })
        })();
        let _ = std::fs::remove_file(&tmp);
        written
    }

    /// That the file at `copy` holds this library whole: every page sound,
    /// the same version and schema.
    fn verify_copy(conn: &Connection, copy: &Path) -> std::result::Result<(), String> {
        let broken = |detail: String| {
            format!(
                "bản sao vừa ghi không đọc lại được nguyên vẹn, nên đã bị xóa; thư viện không bị ảnh hưởng. Hãy thử lại, hoặc lưu sang ổ đĩa khác.\nChi tiết kỹ thuật: {detail}"
            )
        };
        let check = || -> rusqlite::Result<std::result::Result<(), String>> {
            let c = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let verdict: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Ok(Err(verdict));
            }
            let version =
                |c: &Connection| c.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0));
            let (mine, theirs) = (version(conn)?, version(&c)?);
            if mine != theirs {
                return Ok(Err(format!(
                    "phiên bản cấu trúc {theirs}, thư viện là {mine}"
                )));
            }
            let (mine, theirs) = (
                schema::differences(conn, mine)?,
                schema::differences(&c, theirs)?,
            );
            if mine != theirs {
                return Ok(Err(format!("cấu trúc khác thư viện: {theirs:?}")));
            }
            Ok(Ok(()))
        };
        match check() {
            Ok(r) => r.map_err(broken),
            Err(e) => Err(broken(e.to_string())),
        }
    }

    pub fn profile(&self) -> Result<Profile> {
        if let Some(shared) = self.shared() {
            return shared.profile();
        }
        let mut stmt = self
            .conn()?
            .prepare_cached(
                "SELECT key, value FROM settings WHERE key LIKE 'profile.%' ORDER BY key",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut profile = Profile::default();
        for row in rows {
            let (k, v) = row.map_err(|e| self.err(e))?;
            profile
                .fields
                .insert(k.trim_start_matches("profile.").to_string(), v);
        }
        Ok(profile)
    }

    pub fn set_profile_field(&self, key: &str, value: &str) -> Result<()> {
        if let Some(shared) = self.shared() {
            return shared.set_profile_field(key, value);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [format!("profile.{key}"), value.to_string()],
            )
            .map(|_| ())
        })
    }
}

/// Checks the library open on `conn`; reads only.
fn run_check(conn: &Connection, path: &Path) -> Result<CheckReport> {
    let err = |e| StoreError::from_sqlite(path, e);
    let mut problems = Vec::new();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    // Also checks the search indexes (FTS5 takes part in integrity_check).
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(err)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(err)?;
    for row in rows {
        let line = row.map_err(err)?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check").map_err(err)?;
    let fk_rows = fk.query_map([], |r| r.get::<_, String>(0)).map_err(err)?;
    for row in fk_rows {
        problems.push(format!("khóa ngoại hỏng ở bảng {}", row.map_err(err)?));
    }
    let shape = schema::differences(conn, version).map_err(err)?;
    if !shape.is_empty() {
        // Counting rows in tables that are not what they should be could
        // fail; the differences are the finding.
        problems.extend(shape.into_iter().map(|d| format!("cấu trúc: {d}")));
        return Ok(CheckReport {
            ok: false,
            problems,
            articles: 0,
            revisions: 0,
            assets: 0,
            schema_version: version,
        });
    }
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS
               (SELECT 1 FROM revisions r WHERE r.article_id = a.id AND r.number = a.revision)",
            [],
            |r| r.get(0),
        )
        .map_err(err)?;
    if orphans > 0 {
        problems.push(format!("{orphans} bài viết thiếu phiên bản hiện tại"));
    }
    let count = |sql: &str| -> Result<usize> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(err)
    };
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
        articles: count("SELECT count(*) FROM articles WHERE deleted_at IS NULL")?,
        revisions: count("SELECT count(*) FROM revisions")?,
        assets: count("SELECT count(*) FROM assets")?,
        schema_version: version,
    })
}

/// A failed `VACUUM INTO`, in the editor's words.
fn backup_error(dest: &Path, e: rusqlite::Error) -> StoreError {
    let fail = |reason: String| StoreError::Backup {
        path: dest.to_path_buf(),
        reason,
    };
    match StoreError::from_sqlite(dest, e) {
        StoreError::ReadOnly { .. } => fail(
            "không ghi được vào thư mục này (thư mục không có, chỉ cho đọc, hoặc bạn không có quyền ghi). Hãy chọn thư mục khác.".into(),
        ),
        StoreError::DiskFull { .. } => fail(
            "ổ đĩa nơi lưu bản sao đã đầy; chưa có bản sao nào được tạo. Hãy giải phóng dung lượng hoặc chọn ổ khác rồi thử lại.".into(),
        ),
        StoreError::Sqlite(e) => fail(format!(
            "việc ghi bị lỗi giữa chừng; chưa có bản sao nào được tạo. Hãy thử lại, hoặc chọn nơi lưu khác.\nChi tiết kỹ thuật: {e}"
        )),
        other => other,
    }
}

fn io_detail(what: &str, e: &std::io::Error) -> String {
    format!(
        "{what}; chưa có bản sao nào được tạo. Hãy thử lại, hoặc chọn nơi lưu khác.\nChi tiết kỹ thuật: {e}"
    )
}

/// Flushes a finished file to the disk (Windows needs write access to do so).
fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?
        .sync_all()
}

/// Gives the finished `tmp` the name `dest`, never replacing a file that
/// appeared there meanwhile: a hard link fails if `dest` exists. File
/// systems without hard links (FAT on a USB stick) get a rename after a
/// last look.
fn give_name(tmp: &Path, dest: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {
            if dest.symlink_metadata().is_ok() {
                return Err(std::io::ErrorKind::AlreadyExists.into());
            }
            std::fs::rename(tmp, dest)?;
        }
    }
    // The new name itself must reach the disk (Unix; Windows has no folder
    // handles to flush and commits renames with the file system's journal).
    #[cfg(unix)]
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}
