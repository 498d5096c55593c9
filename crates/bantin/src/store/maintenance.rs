//! Keeping a library healthy: integrity checks, backups, settings.
//!
//! A backup is `VACUUM INTO` a new file: a consistent copy even while the
//! app is writing, and compact. It never overwrites an existing file.

use std::path::Path;

use serde::Serialize;

use super::{Library, Result, StoreError};
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

impl Library {
    /// Checks every page, the foreign keys, the search index and that every
    /// article has its revisions.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        for row in rows {
            let line = row.map_err(|e| self.err(e))?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut fk = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .map_err(|e| self.err(e))?;
        let fk_rows = fk
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        for row in fk_rows {
            problems.push(format!(
                "khóa ngoại hỏng ở bảng {}",
                row.map_err(|e| self.err(e))?
            ));
        }
        for index in ["search_index", "head_index"] {
            let sql = format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)");
            if let Err(e) = self.conn.execute(&sql, []) {
                problems.push(format!("chỉ mục tìm kiếm {index}: {e}"));
            }
        }
        let orphans: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS
                   (SELECT 1 FROM revisions r WHERE r.article_id = a.id AND r.number = a.revision)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if orphans > 0 {
            problems.push(format!("{orphans} bài viết thiếu phiên bản hiện tại"));
        }
        let count = |sql: &str| -> Result<usize> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.err(e))
        };
        Ok(CheckReport {
            ok: problems.is_empty(),
            problems,
            articles: count("SELECT count(*) FROM articles WHERE deleted_at IS NULL")?,
            revisions: count("SELECT count(*) FROM revisions")?,
            assets: count("SELECT count(*) FROM assets")?,
            schema_version: count("PRAGMA user_version")? as u32,
        })
    }

    /// Writes a consistent, compact copy of the library to `dest`, which must
    /// not exist yet.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let fail = |reason: String| StoreError::Backup {
            path: dest.to_path_buf(),
            reason,
        };
        if dest.exists() {
            return Err(fail(
                "tệp đã có sẵn; hãy chọn tên khác để không ghi đè.".into(),
            ));
        }
        let dest_str = dest
            .to_str()
            .ok_or_else(|| fail("tên tệp có ký tự không hợp lệ.".into()))?;
        self.conn.execute("VACUUM INTO ?1", [dest_str]).map_err(
            |e| match StoreError::from_sqlite(dest, e) {
                StoreError::Sqlite(e) => fail(e.to_string()),
                StoreError::ReadOnly { .. } => fail("không ghi được vào thư mục này.".into()),
                other => other,
            },
        )?;
        Ok(())
    }

    pub fn profile(&self) -> Result<Profile> {
        let mut stmt = self
            .conn
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
