//! Exports into the export folder: an article's PDF, its upload bundle,
//! and "Xem trang in". The core (`bantin::export`) loads under the
//! library's lock, lets go of it, lays out, names and writes; these
//! commands only run it off the UI thread and word the result for the app.

use bantin::export::{
    self, ArticlePrint, Door, ExportWarning, PageLook, PagePreview, PdfTemplate, Target, Written,
};
use bantin::model::{ArticleId, Content, Kind};
use bantin::text::now_vietnam;
use serde::Serialize;
use tauri::{AppHandle, Manager};

use super::{ApiError, Result, off_ui, on_worker};
use crate::state::AppState;

#[derive(Serialize)]
pub struct ExportOutcome {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

/// A warning worded for the app, with the organisation profile field that
/// fixes it (the UI's "Mở Cài đặt" opens Cài đặt on that field).
#[derive(Serialize)]
pub struct Warning {
    pub message: String,
    pub field: Option<String>,
}

pub fn warnings(all: &[ExportWarning]) -> Vec<Warning> {
    let field = |w: &ExportWarning| w.profile_field().map(String::from);
    all.iter()
        .map(|w| Warning {
            message: w.words(Door::App),
            field: field(w),
        })
        .collect()
}

impl From<Written> for ExportOutcome {
    fn from(w: Written) -> Self {
        ExportOutcome {
            path: w.path.display().to_string(),
            pages: w.pages,
            warnings: warnings(&w.warnings),
        }
    }
}

/// Pages as SVG and the layout's warnings, worded for the app.
#[derive(Serialize)]
pub struct PagesOutcome {
    pub pages: Vec<String>,
    pub warnings: Vec<Warning>,
}

impl From<PagePreview> for PagesOutcome {
    fn from(p: PagePreview) -> Self {
        PagesOutcome {
            warnings: warnings(&p.warnings),
            pages: p.pages,
        }
    }
}

/// How Soạn draws the article: the numbers of the template it prints with
/// as `kind` (the kind on screen), and the font the PDF is set in.
#[tauri::command]
pub async fn page_look(app: AppHandle, id: ArticleId, kind: Kind) -> Result<PageLook> {
    off_ui(move || {
        Ok(export::page_look(
            app.state::<AppState>().inner(),
            id,
            kind,
        )?)
    })
    .await
}

/// Exports an article as a Word file (.docx) into the export folder, with
/// the template it prints with ("Xuất Word").
#[tauri::command]
pub async fn export_docx(app: AppHandle, id: ArticleId) -> Result<ExportOutcome> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let target = Target::Folder(state.export_dir.clone());
        let print = ArticlePrint::default();
        let written =
            export::export_article_docx(state.inner(), id, &print, &target, now_vietnam())?;
        Ok(written.into())
    })
    .await
}

/// Exports an article as PDF into the export folder, off the UI thread.
#[tauri::command]
pub async fn export_pdf(
    app: AppHandle,
    id: ArticleId,
    template: Option<String>,
) -> Result<ExportOutcome> {
    let print = ArticlePrint {
        template: template.as_deref().and_then(PdfTemplate::parse),
        double_sided: false,
    };
    off_ui(move || {
        let state = app.state::<AppState>();
        let target = Target::Folder(state.export_dir.clone());
        let written =
            export::export_article_pdf(state.inner(), id, &print, &target, now_vietnam())?;
        Ok(written.into())
    })
    .await
}

/// Exports an article's upload bundle (with its PDF) into the export folder.
#[tauri::command]
pub async fn export_bundle(app: AppHandle, id: ArticleId) -> Result<ExportOutcome> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let dir = &state.export_dir;
        let paths =
            export::export_bundles(state.inner(), &[id], dir, true, now_vietnam(), &mut |_| {
                true
            })?;
        let path = paths.first().map(|p| p.display().to_string());
        Ok(ExportOutcome {
            path: path.unwrap_or_default(),
            pages: 0,
            warnings: Vec::new(),
        })
    })
    .await
}

/// The pages an article will print on, as SVG drawn from the same layout
/// the PDF is written from, for "Xem trang in". The text on screen is laid
/// out (`content`), so unsaved typing shows too.
#[tauri::command]
pub async fn preview_pages(
    app: AppHandle,
    id: ArticleId,
    content: Content,
) -> Result<PagesOutcome> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let pages = export::article_pages(state.inner(), id, Some(content), now_vietnam())?;
        Ok(pages.into())
    })
    .await
}

/// Opens an exported file (`folder: false`) or shows it in its folder, with
/// the system's own programs (tauri-plugin-opener: Explorer on Windows, the
/// desktop's file manager elsewhere). Only files under the export folder
/// and those the editor saved with "Lưu thành…": the UI cannot use this to
/// open anything else on the machine.
#[tauri::command]
pub async fn open_exported(app: AppHandle, path: String, folder: bool) -> Result<()> {
    on_worker(app, move |state| {
        let path = std::path::PathBuf::from(path);
        if !inside(&path, &state.export_dir) && !state.was_saved_as(&path) {
            return Err(ApiError {
                code: "not_exported".into(),
                message: format!(
                    "Không tìm thấy \"{}\" trong thư mục xuất của Bản Tin; có thể tệp đã bị chuyển đi.",
                    path.display()
                ),
            });
        }
        open_with_system(&path, folder)
    })
    .await
}

fn inside(path: &std::path::Path, dir: &std::path::Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(dir)) => p.starts_with(dir),
        _ => false,
    }
}

fn open_with_system(path: &std::path::Path, folder: bool) -> Result<()> {
    let opened = if folder {
        tauri_plugin_opener::reveal_item_in_dir(path).or_else(|_| {
            let parent = path.parent().unwrap_or(path);
            tauri_plugin_opener::open_path(parent, None::<&str>)
        })
    } else {
        tauri_plugin_opener::open_path(path, None::<&str>)
    };
    opened.map_err(|e| ApiError {
        code: "open_failed".into(),
        message: format!(
            "Không mở được \"{}\" ({e}). Hãy mở thư mục đó bằng trình quản lý tệp.",
            path.display()
        ),
    })
}
