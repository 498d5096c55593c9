//! The commands the UI calls (DESIGN §8), by area. Each parses its
//! arguments, calls one core function and presents the result; errors
//! reach the UI as `{code, message}`: a stable code for the UI and for
//! support, a Vietnamese sentence worded for the app (where to click,
//! never a `bantin` command). No logic lives here.
//!
//! Nothing that touches the library runs on the window's thread, where a
//! plain `#[tauri::command] fn` runs (Tauri 2): a save, a search or a retry
//! against a shared library's server that does not answer would freeze
//! typing and painting for as long as it waits. Those commands are `async`
//! and do their work in `on_worker` (Tauri's threads for blocking work; the
//! sync PostgreSQL client may not run inside the async runtime itself). The
//! library's mutex still lets one command at a time touch the library, and
//! the UI chains its saves.

pub mod articles;
pub mod backup;
pub mod bulletins;
pub mod checks;
pub mod exports;
pub mod images;
pub mod importing;
pub mod offline;
pub mod printing;
pub mod save_as;
pub mod settings;
pub mod shared;
pub mod templates;
pub mod together;

use bantin::export::{Door, ExportError};
use bantin::store::StoreError;
use serde::Serialize;

use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError {
            code: e.code().into(),
            message: e.words(Door::App),
        }
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        ApiError {
            code: e.code().into(),
            message: e.words(Door::App),
        }
    }
}

impl ApiError {
    /// Something that should not happen (a worker thread died): said plainly.
    pub fn internal(detail: &str) -> ApiError {
        ApiError {
            code: "internal".into(),
            message: format!(
                "Lỗi nội bộ của Bản Tin ({detail}). Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ."
            ),
        }
    }
}

pub type Result<T> = std::result::Result<T, ApiError>;

/// Runs long work (exports, backups, font lookups) off the UI thread.
pub(crate) async fn off_ui<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

/// Runs `work` with the app's state off the UI thread (see the top).
pub(crate) async fn on_worker<T: Send + 'static>(
    app: tauri::AppHandle,
    work: impl FnOnce(&AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    use tauri::Manager;
    off_ui(move || work(&app.state::<AppState>())).await
}
