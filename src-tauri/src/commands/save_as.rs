//! "Lưu thành…": an article's PDF or Word file where the editor chooses, in
//! the system's own save dialog (tauri-plugin-dialog), with the name the
//! quick export would give it suggested and the dialog opening in the
//! folder the editor used last (the UI remembers it and hands it over).
//! The path comes from the dialog only, never from the UI, and the core
//! writes it as every export: under a temporary name, renamed when complete.

use std::path::PathBuf;

use bantin::export::{self, ArticlePrint, Target};
use bantin::model::ArticleId;
use bantin::text::now_vietnam;
use serde::Deserialize;
use tauri::{AppHandle, Manager, Window};
use tauri_plugin_dialog::DialogExt;

use super::exports::ExportOutcome;
use super::{Result, off_ui};
use crate::state::AppState;

/// What "Lưu thành…" writes.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SaveKind {
    Pdf,
    Docx,
}

impl SaveKind {
    fn extension(self) -> &'static str {
        match self {
            SaveKind::Pdf => "pdf",
            SaveKind::Docx => "docx",
        }
    }
}

/// Asks where to save, then writes there; `None` when the editor cancels.
#[tauri::command]
pub async fn save_article_as(
    app: AppHandle,
    window: Window,
    id: ArticleId,
    kind: SaveKind,
    folder: Option<PathBuf>,
) -> Result<Option<ExportOutcome>> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let Some(path) = ask_where(&app, &window, id, kind, folder)? else {
            return Ok(None);
        };
        let (target, print, now) = (
            Target::File(path.clone()),
            ArticlePrint::default(),
            now_vietnam(),
        );
        let written = match kind {
            SaveKind::Pdf => export::export_article_pdf(state.inner(), id, &print, &target, now),
            SaveKind::Docx => export::export_article_docx(state.inner(), id, &print, &target, now),
        }?;
        state.remember_saved(path);
        Ok(Some(written.into()))
    })
    .await
}

/// The system's save dialog over the window, on the suggested name.
fn ask_where(
    app: &AppHandle,
    window: &Window,
    id: ArticleId,
    kind: SaveKind,
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    let state = app.state::<AppState>();
    let article = state.library().article(id)?;
    let (title, filter, name) = match kind {
        SaveKind::Pdf => (
            "Lưu PDF thành…",
            "Tệp PDF",
            export::article_pdf_name(&article),
        ),
        SaveKind::Docx => (
            "Lưu tệp Word thành…",
            "Tệp Word",
            export::article_docx_name(&article),
        ),
    };
    let start = folder
        .filter(|f| f.is_dir())
        .unwrap_or_else(|| state.export_dir.clone());
    let chosen = app
        .dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .set_directory(start)
        .set_file_name(name)
        .add_filter(filter, &[kind.extension()])
        .blocking_save_file();
    let path = chosen.and_then(|p| p.into_path().ok());
    Ok(path.map(|p| export::with_extension(p, kind.extension())))
}
