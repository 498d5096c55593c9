//! The article library: one SQLite file holding articles, their full revision
//! history, images and settings (DESIGN §3) — or, behind the same methods, a
//! shared library on PostgreSQL (`pg/`, DESIGN §9).
//!
//! Why it is built this way:
//! - every change is one transaction (`synchronous=FULL`, WAL), so a crash, a
//!   full disk or a bad import leaves the file as it was before the operation;
//! - revisions are append-only, enforced by triggers in the schema, not only
//!   by this code;
//! - search runs on FTS5 over text folded by `text::fold_for_search`, kept in
//!   step with `articles` inside the same transactions;
//! - a library from a newer Bản Tin is refused before anything is written.
//!
//! The clock never appears here: callers pass `now`.

mod articles;
pub mod assets;
mod bulletins;
mod clean;
mod crossed;
mod error;
mod export_choices;
mod listing;
mod maintenance;
pub mod pg;
mod presence;
mod restore;
pub mod schema;
mod search;
mod templates;
mod trash;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

pub use bulletins::NewBulletin;
pub use crossed::{MergeProposal, Saved, merge_content};
pub use error::{Result, StoreError};
pub use export_choices::{ExportChoice, Exported, Passed};
pub use maintenance::CheckReport;
pub use presence::{PRESENCE_REFRESH, new_session};
pub use restore::{BackupInfo, inspect_backup};
pub use search::{SearchHit, SearchOptions, SearchPath};
pub use templates::{StoredTemplate, TemplateEntry, TemplateSummary};
pub use trash::TrashedArticle;

/// How many lines of the library list a page holds (the app asks for the
/// next page as the editor scrolls to the end, or clicks Xem thêm).
pub const LIST_PAGE: usize = 200;

/// How long a write waits for another program (the app, a second CLI) to
/// finish its own before we tell the editor the library is busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open library: a SQLite file on this PC, or a shared library on a
/// PostgreSQL server (DESIGN §9). The public methods are the same for both;
/// what the shared library cannot do yet answers `StoreError::SharedUnsupported`.
pub struct Library {
    backend: Backend,
    /// The file, or the shared library's address without its password.
    path: PathBuf,
}

enum Backend {
    Local(Connection),
    Shared(Box<pg::Shared>),
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}

/// Where the library lives when nobody says otherwise: the user's data
/// directory (`%APPDATA%\bantin` on Windows, `~/.local/share/bantin` here).
pub fn default_library_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "bantin", "bantin")
        .map(|d| d.data_dir().join("thu-vien.bantin"))
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) if needed and
    /// bringing an older one up to date. `now` names the backup taken before
    /// a migration.
    /// An address `postgresql://USER@HOST[:PORT]/DB` opens the shared
    /// library there instead (password from `PGPASSWORD`).
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Library> {
        if let Some(url) = pg::shared_address(path) {
            let shared = pg::Shared::open(url)?;
            return Ok(Library {
                path: PathBuf::from(shared.address()),
                backend: Backend::Shared(Box::new(shared)),
            });
        }
        if path.is_dir() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "đây là một thư mục, không phải tệp thư viện. Hãy ghi cả tên tệp, ví dụ thu-vien.bantin.".into(),
            });
        }
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            std::fs::create_dir_all(dir).map_err(|e| io_to_store(path, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        let lib = Library {
            backend: Backend::Local(conn),
            path: path.to_path_buf(),
        };
        let conn = lib.conn()?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| lib.err(e))?;

        // Read the version before anything could write to the file.
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| lib.err(e))?;
        if version > schema::LATEST {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: schema::LATEST,
            });
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
                 PRAGMA recursive_triggers = ON;",
        )
        .map_err(|e| lib.err(e))?;
        // journal_mode reports failure by answering something other than "wal"
        // (a read-only folder cannot hold the -wal file).
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| lib.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        if version < schema::LATEST {
            lib.migrate(version, now)?;
        }
        Ok(lib)
    }

    /// Opens the shared library `login` names (the app's Thư viện chung:
    /// the password and certificate come with `login`, not from the
    /// environment).
    pub fn open_shared(login: &pg::Login) -> Result<Library> {
        let shared = pg::Shared::open_login(login)?;
        Ok(Library {
            path: PathBuf::from(shared.address()),
            backend: Backend::Shared(Box::new(shared)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where a shared library's server on another machine listens (none for
    /// a library on this PC or a server on this machine).
    pub fn server_endpoint(&self) -> Option<pg::Endpoint> {
        self.shared().and_then(|s| s.endpoint().cloned())
    }

    /// Whether this is a shared library on a PostgreSQL server.
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Shared(_))
    }

    /// The SQLite connection of a library on this PC; a shared library
    /// answers that it cannot do this (yet), never a panic.
    fn conn(&self) -> Result<&Connection> {
        self.local_only("thao tác này")
    }

    /// Like `conn`, naming what the shared library does not do.
    fn local_only(&self, what: &'static str) -> Result<&Connection> {
        match &self.backend {
            Backend::Local(c) => Ok(c),
            Backend::Shared(_) => Err(StoreError::SharedUnsupported(what)),
        }
    }

    fn shared(&self) -> Option<&pg::Shared> {
        match &self.backend {
            Backend::Shared(s) => Some(s),
            Backend::Local(_) => None,
        }
    }

    fn migrate(&self, from: u32, now: DateTime<Utc>) -> Result<()> {
        if from > 0 {
            let name = format!(
                "{}.truoc-nang-cap-v{}-{}.bantin",
                self.path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("thu-vien"),
                from,
                now.format("%Y%m%d-%H%M%S")
            );
            self.backup(&self.path.with_file_name(name))?;
        }
        self.write(|tx| {
            for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
                tx.execute_batch(step)?;
                tx.pragma_update(None, "user_version", (i + 1) as u32)?;
            }
            Ok(())
        })
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>) -> Result<T> {
        self.try_write(|tx| f(tx).map_err(|e| self.err(e)))
    }

    /// Like `write`, for work that can fail with our own errors too.
    fn try_write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        // rusqlite's Transaction needs &mut Connection; the unchecked variant
        // gives the same guarantees (rolled back on drop) for &self.
        let tx = rusqlite::Transaction::new_unchecked(
            self.conn()?,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(|e| self.err(e))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(value)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }
}

fn io_to_store(path: &Path, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
            }
        }
        std::io::ErrorKind::StorageFull => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        _ => StoreError::Open {
            path: path.to_path_buf(),
            reason: format!(
                "không tạo được thư mục chứa thư viện. Hãy kiểm tra đường dẫn, hoặc chọn thư mục khác.\nChi tiết kỹ thuật: {e}"
            ),
        },
    }
}

/// Timestamps are stored as RFC 3339 UTC text with fixed width, so they sort
/// as text and read back exactly.
fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}
