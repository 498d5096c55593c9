//! "Khôi phục từ bản sao lưu" in Cài đặt: the backups the editor has
//! (those "Sao lưu ngay" wrote, and the automatic ones beside the library),
//! and restoring one. Only files from that list can be restored, so the UI
//! cannot point the library at an arbitrary file (the list and the backup
//! names are `bantin::export`'s). "Sao lưu ngay" too.

use std::path::PathBuf;

use bantin::export::BackupFile;
use serde::Serialize;
use tauri::Manager;

use super::{ApiError, Result, off_ui};
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct BackupEntry {
    pub path: String,
    pub name: String,
    /// When the file was written, Vietnam time: "24/11/2026 10:42".
    pub written: String,
    pub size: u64,
}

#[derive(Debug, Serialize)]
pub struct RestoreOutcome {
    pub articles: usize,
    /// Where the library as it was before has been kept.
    pub kept: String,
}

/// The backups of the open library, newest first.
fn backups(state: &AppState) -> Vec<BackupFile> {
    let library = state.library().path().to_path_buf();
    bantin::export::backups(&state.export_dir, &library)
}

/// The backups the editor can restore, newest first.
#[tauri::command]
pub fn list_backups(state: tauri::State<AppState>) -> Vec<BackupEntry> {
    backups(&state)
        .into_iter()
        .map(|b| BackupEntry {
            name: b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            written: bantin::text::in_vietnam(b.written)
                .format("%d/%m/%Y %H:%M")
                .to_string(),
            path: b.path.display().to_string(),
            size: b.size,
        })
        .collect()
}

/// Replaces the library with one of the listed backups (checked first; the
/// library as it was is kept beside itself) and reopens it.
#[tauri::command]
pub async fn restore_backup(app: tauri::AppHandle, path: String) -> Result<RestoreOutcome> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let chosen = PathBuf::from(&path);
        if !backups(&state).iter().any(|b| b.path == chosen) {
            return Err(ApiError {
                code: "backup_unknown".into(),
                message: "Chỉ khôi phục được từ các bản sao lưu trong danh sách.".into(),
            });
        }
        let info = bantin::store::inspect_backup(&chosen)?;
        let kept = state.library().restore_from(&chosen, chrono::Utc::now())?;
        Ok(RestoreOutcome {
            articles: info.articles,
            kept: kept.display().to_string(),
        })
    })
    .await
}

/// Writes a consistent copy of the library ("Sao lưu ngay") into
/// `<export folder>/Sao lưu/`, named by the date and time, and says where.
#[tauri::command]
pub async fn backup_now(app: tauri::AppHandle) -> Result<String> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let path = bantin::export::backup_path(&state.export_dir, bantin::text::now_vietnam())?;
        state.library().backup(&path)?;
        Ok(path.display().to_string())
    })
    .await
}
