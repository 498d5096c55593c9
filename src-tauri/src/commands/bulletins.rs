//! The bulletin composer's commands (Bản tin): issues, their masthead
//! settings and the ordered articles they print. Thin adapters over
//! `bantin::store` (bulletins.rs); every change answers with the issue as
//! it now is, so the UI always shows what the library holds. Printing an
//! issue (PDF and "Xem trang in") is `bantin::export`'s.

use std::sync::atomic::{AtomicBool, Ordering};

use bantin::export::{self, BulletinPdfOptions, ExportProgress, Target};
use bantin::model::{ArticleId, BULLETIN_FIELDS, Bulletin, BulletinId, BulletinSummary, PaperSize};
use bantin::store::NewBulletin;
use bantin::text::now_vietnam;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::exports::{ExportOutcome, PagesOutcome};
use super::{Result, on_worker};
use crate::state::AppState;

/// Labels for the composer's form, from the core's own lists.
#[derive(Serialize)]
pub struct BulletinForm {
    /// Colophon and licence fields: `[key, label]`.
    pub fields: Vec<(&'static str, &'static str)>,
    /// Paper sizes: `[code, label]`.
    pub papers: Vec<(&'static str, &'static str)>,
}

#[tauri::command]
pub fn bulletin_form() -> BulletinForm {
    BulletinForm {
        fields: BULLETIN_FIELDS.to_vec(),
        papers: PaperSize::ALL
            .iter()
            .map(|p| (p.code(), p.label()))
            .collect(),
    }
}

#[tauri::command]
pub async fn list_bulletins(app: AppHandle) -> Result<Vec<BulletinSummary>> {
    on_worker(app, move |state| Ok(state.library().list_bulletins()?)).await
}

#[tauri::command]
pub async fn get_bulletin(app: AppHandle, id: BulletinId) -> Result<Bulletin> {
    on_worker(app, move |state| Ok(state.library().bulletin(id)?)).await
}

#[tauri::command]
pub async fn create_bulletin(
    app: AppHandle,
    name: String,
    number: String,
    date: Option<chrono::NaiveDate>,
) -> Result<Bulletin> {
    on_worker(app, move |state| {
        let lib = state.library();
        let id = lib.create_bulletin(&NewBulletin { name, number, date }, chrono::Utc::now())?;
        Ok(lib.bulletin(id)?)
    })
    .await
}

/// Saves the masthead and print settings (not the articles: those have
/// their own commands, so two changes cannot overwrite each other's order).
#[tauri::command]
pub async fn update_bulletin(app: AppHandle, bulletin: Bulletin) -> Result<Bulletin> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.update_bulletin(&bulletin, chrono::Utc::now())?;
        Ok(lib.bulletin(bulletin.id)?)
    })
    .await
}

/// Adds articles at the end of the issue.
#[tauri::command]
pub async fn add_to_bulletin(
    app: AppHandle,
    id: BulletinId,
    articles: Vec<ArticleId>,
) -> Result<Bulletin> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.add_to_bulletin(id, &articles, None, chrono::Utc::now())?;
        Ok(lib.bulletin(id)?)
    })
    .await
}

#[tauri::command]
pub async fn remove_from_bulletin(
    app: AppHandle,
    id: BulletinId,
    article: ArticleId,
) -> Result<Bulletin> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.remove_from_bulletin(id, &[article], chrono::Utc::now())?;
        Ok(lib.bulletin(id)?)
    })
    .await
}

/// Moves one article to a 1-based position (keyboard and drag-and-drop).
#[tauri::command]
pub async fn move_in_bulletin(
    app: AppHandle,
    id: BulletinId,
    article: ArticleId,
    to: usize,
) -> Result<Bulletin> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.move_in_bulletin(id, article, to, chrono::Utc::now())?;
        Ok(lib.bulletin(id)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_bulletin(app: AppHandle, id: BulletinId) -> Result<()> {
    on_worker(app, move |state| Ok(state.library().delete_bulletin(id)?)).await
}

/// One step of a bulletin export for the progress bar.
#[derive(Clone, Serialize)]
pub struct ExportStep {
    /// "Đang dàn trang bài 12/40…".
    pub text: String,
    /// 0.0 to 1.0 over the whole export (`ExportProgress::fraction`).
    pub fraction: f64,
}

/// How the editor chose to print an issue this time ("Khổ giấy", "Số cột",
/// "Sổ tay A5 gấp đôi"); the composer starts from the issue's own settings.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PrintChoices {
    pub paper: PaperSize,
    pub columns: u8,
    pub booklet: bool,
}

impl From<PrintChoices> for BulletinPdfOptions {
    fn from(c: PrintChoices) -> Self {
        BulletinPdfOptions {
            columns: Some(c.columns),
            paper: Some(c.paper),
            booklet: c.booklet,
            template: None,
        }
    }
}

/// Exports an issue as a PDF into the export folder, off the UI thread,
/// printed as `choices` says, telling `on_progress` what it is doing;
/// `cancel_export` stops it and nothing is written.
#[tauri::command]
pub async fn export_bulletin_pdf(
    app: tauri::AppHandle,
    id: BulletinId,
    choices: PrintChoices,
    on_progress: Channel<ExportStep>,
) -> Result<ExportOutcome> {
    super::off_ui(move || {
        let state = app.state::<AppState>();
        state.cancel_export.store(false, Ordering::SeqCst);
        let mut progress = tell(&on_progress, &state.cancel_export);
        let target = Target::Folder(state.export_dir.clone());
        let (options, now) = (choices.into(), now_vietnam());
        let written =
            export::export_bulletin_pdf(state.inner(), id, &options, &target, now, &mut progress)?;
        Ok(written.into())
    })
    .await
}

/// Sends each step to the progress bar; answers "go on" until "Hủy".
pub(super) fn tell<'a>(
    channel: &'a Channel<ExportStep>,
    cancel: &'a AtomicBool,
) -> impl FnMut(&ExportProgress) -> bool + 'a {
    move |p| {
        let (text, fraction) = (p.message(), p.fraction());
        let _ = channel.send(ExportStep { text, fraction });
        !cancel.load(Ordering::SeqCst)
    }
}

/// "Xem trang in" for an issue: its sheets as SVG, laid out as `choices`
/// would print them (imposed two A5 pages per A4 sheet for the booklet),
/// with the layout's warnings. Off the UI thread.
#[tauri::command]
pub async fn preview_bulletin_pages(
    app: tauri::AppHandle,
    id: BulletinId,
    choices: PrintChoices,
) -> Result<PagesOutcome> {
    super::off_ui(move || {
        let state = app.state::<AppState>();
        let pages = export::bulletin_pages(state.inner(), id, &choices.into(), now_vietnam())?;
        Ok(pages.into())
    })
    .await
}

/// "Hủy": asks the running export to stop at its next step.
#[tauri::command]
pub fn cancel_export(state: State<AppState>) {
    state.cancel_export.store(true, Ordering::SeqCst);
}
