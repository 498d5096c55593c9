//! What the app holds while it runs: the open library and where exports go.
//!
//! The library is one SQLite connection behind a mutex: commands are short,
//! and SQLite serialises writers anyway. Exports lay out outside the lock
//! and only read from the library under it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use bantin::export::Door;
use bantin::store::{Library, StoreError, default_library_path};
use tauri::http::{Response, StatusCode};

/// The URI scheme that serves library images to the preview
/// (`bantin-asset://localhost/<sha256>`; `http://bantin-asset.localhost/…` on
/// Windows), so an article never points at a file on disk.
pub const ASSET_SCHEME: &str = "bantin-asset";

pub struct AppState {
    /// The library the app works on: the one on this PC, or a shared one.
    library: Mutex<Library>,
    /// The library on this PC: opened at start, and one click away when the
    /// app works on a shared library (Thư viện chung).
    pub local_path: PathBuf,
    pub export_dir: PathBuf,
    /// Set by "Hủy" while a long export runs; the export checks it between
    /// articles and pages. One long export runs at a time (the UI's dialog
    /// is modal), so one flag is enough.
    pub cancel_export: AtomicBool,
    /// The library file was created by this start (the first start on this
    /// computer, or a library moved away): the app asks for Thông tin đơn vị.
    pub created: bool,
    /// Kiểm tra keeps what it learnt of each word and image between
    /// keystrokes, so a re-check looks only at what changed.
    checker: Mutex<bantin::check::Checker>,
    /// Files written through "Lưu thành…" in this session, outside the
    /// export folder: Mở tệp / Mở thư mục may open these too.
    saved_as: Mutex<Vec<PathBuf>>,
    /// This program's name in the shared library's presence rows (who has
    /// which article open), made at start.
    pub session: String,
}

impl AppState {
    /// Opens `BANTIN_LIBRARY` or the user's default library (the same file
    /// the `bantin` CLI uses). A library created now gets the sample
    /// articles, so the app never opens empty the first time. The error is
    /// the sentence the editor reads in the message box (`startup.rs`).
    pub fn open_default() -> Result<AppState, String> {
        let path = std::env::var_os("BANTIN_LIBRARY")
            .map(PathBuf::from)
            .or_else(default_library_path)
            .ok_or("Bản Tin không tìm được thư mục dữ liệu của người dùng trên máy này, nên chưa mở được thư viện. Hãy nhờ người hỗ trợ kiểm tra tài khoản người dùng của bạn trên máy này.")?;
        let export_dir = std::env::var_os("BANTIN_EXPORT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                directories::UserDirs::new()
                    .and_then(|d| d.document_dir().map(|p| p.to_path_buf()))
                    .unwrap_or_else(std::env::temp_dir)
                    .join("Bản Tin")
            });
        AppState::open_at(path, export_dir)
    }

    /// Opens the library at `path`, exports going to `export_dir`.
    pub fn open_at(path: PathBuf, export_dir: PathBuf) -> Result<AppState, String> {
        let is_new = !path.exists();
        let now = chrono::Utc::now();
        let library = Library::open(&path, now).map_err(|e| cannot_open(&e, &export_dir))?;
        let local_path = path.clone();
        if is_new {
            bantin::sample::add_samples(&library, now).map_err(|e| match e {
                bantin::import::ImportError::Store(e) => cannot_open(&e, &export_dir),
                other => format!("Bản Tin chưa mở được thư viện mới.\n{other}"),
            })?;
        }
        Ok(AppState {
            library: Mutex::new(library),
            local_path,
            export_dir,
            cancel_export: AtomicBool::new(false),
            created: is_new,
            checker: Mutex::default(),
            saved_as: Mutex::new(Vec::new()),
            session: bantin::store::new_session(),
        })
    }

    pub fn checker(&self) -> MutexGuard<'_, bantin::check::Checker> {
        self.checker
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Works on `library` from now on (the shared one, or back on this PC's).
    pub fn switch_to(&self, library: Library) {
        *self.library() = library;
    }

    /// Notes a file the editor saved with "Lưu thành…".
    pub fn remember_saved(&self, path: PathBuf) {
        let mut saved = self.saved_as.lock().unwrap_or_else(|p| p.into_inner());
        saved.push(path);
    }

    /// Whether `path` is a file saved with "Lưu thành…" in this session.
    pub fn was_saved_as(&self, path: &std::path::Path) -> bool {
        let saved = self.saved_as.lock().unwrap_or_else(|p| p.into_inner());
        saved.iter().any(|p| p == path)
    }

    pub fn library(&self) -> MutexGuard<'_, Library> {
        // A panic while holding the lock leaves the connection usable: every
        // write is its own transaction.
        self.library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Exports read the library through this: the lock is taken while they
/// load what they need and released before they lay out or write.
impl bantin::export::LibraryHandle for AppState {
    fn lock(&self) -> impl std::ops::Deref<Target = Library> + '_ {
        self.library()
    }
}

/// The URL prefix the preview uses for `asset:<sha256>` images.
pub fn asset_url_prefix() -> &'static str {
    if cfg!(windows) {
        "http://bantin-asset.localhost/"
    } else {
        "bantin-asset://localhost/"
    }
}

pub fn serve_asset(state: &AppState, path: &str) -> Response<Vec<u8>> {
    let sha = path.trim_start_matches('/');
    let lib = state.library();
    // On the shared library an image inserted while the server was away
    // waits on this PC: shown from there, without asking the server.
    let waiting = if lib.is_shared() {
        crate::commands::offline::waiting_image(&lib, sha)
    } else {
        None
    };
    let found = match waiting {
        Some(found) => Ok(found),
        None => lib
            .asset(sha)
            .and_then(|a| Ok((a.mime, lib.asset_bytes(sha)?))),
    };
    match found {
        Ok((mime, bytes)) => Response::builder()
            .status(StatusCode::OK)
            .header("Content-Type", mime)
            .header("Cache-Control", "max-age=31536000, immutable")
            .body(bytes),
        Err(_) => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Vec::new()),
    }
    .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// Why the library did not open, for the message box shown instead of the
/// window: in the app's words, and never pointing at Cài đặt, which cannot
/// open without a library.
fn cannot_open(e: &StoreError, export_dir: &Path) -> String {
    match e {
        StoreError::Corrupt { path } => format!(
            "Tệp thư viện \"{}\" bị hỏng hoặc không phải thư viện Bản Tin, nên Bản Tin chưa mở được. Tệp vẫn được giữ nguyên, không bị sửa hay xoá. Hãy nhờ người hỗ trợ khôi phục thư viện từ bản sao lưu gần nhất (các bản Sao lưu ngay tạo ra nằm trong thư mục \"{}\").",
            path.display(),
            export_dir.join("Sao lưu").display()
        ),
        other => format!("Bản Tin chưa mở được thư viện.\n{}", other.words(Door::App)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bantin-app-state-{}-{}", std::process::id(), name));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_damaged_library_is_explained_in_the_apps_words_and_left_as_it_was() {
        let dir = scratch("corrupt");
        let path = dir.join("thu-vien.bantin");
        let junk = b"day khong phai thu vien, chi la chu".repeat(200);
        std::fs::write(&path, &junk).unwrap();
        let Err(message) = AppState::open_at(path.clone(), dir.join("Xuất")) else {
            panic!("a damaged file opened as a library");
        };
        assert!(message.contains("bị hỏng"), "{message}");
        assert!(message.contains("Sao lưu"), "{message}");
        // Neither a command line nor a setting the editor cannot reach.
        assert!(!message.contains("bantin "), "{message}");
        assert!(!message.contains("Cài đặt"), "{message}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            junk,
            "the file is left untouched"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
