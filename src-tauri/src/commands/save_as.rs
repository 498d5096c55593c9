//! "Lưu thành…": an article's PDF or Word file, or an issue's PDF, where the editor chooses, in
//! the system's own save dialog (tauri-plugin-dialog), with the name the
//! quick export would give it suggested and the dialog opening in the
//! folder the editor used last (the UI remembers it and hands it over).
//! The path comes from the dialog only, never from the UI, and the core
//! writes it as every export: under a temporary name, renamed when complete.

use std::path::PathBuf;

use std::sync::atomic::Ordering;

use bantin::export::{self, ArticlePrint, Target};
use bantin::model::{ArticleId, BulletinId};
use bantin::text::now_vietnam;
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Window};
use tauri_plugin_dialog::DialogExt;

use super::bulletins::{ExportStep, PrintChoices, tell};
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

/// "Lưu thành…" for an issue (the composer's): asks where, then exports the
/// issue's PDF there as "Xuất PDF bản tin" would (printed as `choices` says,
/// progress told on `on_progress`, "Hủy" writes nothing); `None` when the
/// editor cancels the dialog. The UI runs Kiểm tra before asking.
#[tauri::command]
pub async fn save_bulletin_as(
    app: AppHandle,
    window: Window,
    id: BulletinId,
    choices: PrintChoices,
    folder: Option<PathBuf>,
    on_progress: Channel<ExportStep>,
) -> Result<Option<ExportOutcome>> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let bulletin = state.library().bulletin(id)?;
        let name = export::bulletin_pdf_name(&bulletin, choices.booklet);
        let asked = Asked {
            title: "Lưu PDF bản tin thành…",
            filter: "Tệp PDF",
            extension: "pdf",
            name,
        };
        let Some(path) = ask_path(&app, &window, asked, folder) else {
            return Ok(None);
        };
        state.cancel_export.store(false, Ordering::SeqCst);
        let mut progress = tell(&on_progress, &state.cancel_export);
        let (options, now) = (choices.into(), now_vietnam());
        let target = Target::File(path.clone());
        let written =
            export::export_bulletin_pdf(state.inner(), id, &options, &target, now, &mut progress)?;
        state.remember_saved(path);
        Ok(Some(written.into()))
    })
    .await
}

/// What the save dialog shows: its title, its file type and the name it suggests.
struct Asked {
    title: &'static str,
    filter: &'static str,
    extension: &'static str,
    name: String,
}

/// The system's save dialog over the window, on the suggested name.
fn ask_where(
    app: &AppHandle,
    window: &Window,
    id: ArticleId,
    kind: SaveKind,
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    let article = app.state::<AppState>().library().article(id)?;
    let extension = kind.extension();
    let asked = match kind {
        SaveKind::Pdf => Asked {
            title: "Lưu PDF thành…",
            filter: "Tệp PDF",
            extension,
            name: export::article_pdf_name(&article),
        },
        SaveKind::Docx => Asked {
            title: "Lưu tệp Word thành…",
            filter: "Tệp Word",
            extension,
            name: export::article_docx_name(&article),
        },
    };
    Ok(ask_path(app, window, asked, folder))
}

/// Opens in `folder` (the one used last) when it still exists, else in the
/// Bản Tin folder; the chosen path gets its extension when typed without.
fn ask_path(
    app: &AppHandle,
    window: &Window,
    asked: Asked,
    folder: Option<PathBuf>,
) -> Option<PathBuf> {
    let state = app.state::<AppState>();
    let start = folder
        .filter(|f| f.is_dir())
        .unwrap_or_else(|| state.export_dir.clone());
    let chosen = app
        .dialog()
        .file()
        .set_parent(window)
        .set_title(asked.title)
        .set_directory(start)
        .set_file_name(asked.name)
        .add_filter(asked.filter, &[asked.extension])
        .blocking_save_file();
    let path = chosen.and_then(|p| p.into_path().ok());
    path.map(|p| export::with_extension(p, asked.extension))
}
