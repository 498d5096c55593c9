//! The bulletin composer's commands (Bản tin): issues, their masthead
//! settings and the ordered articles they print. Thin adapters over
//! `bantin::store` (bulletins.rs); every change answers with the issue as
//! it now is, so the UI always shows what the library holds.

use bantin::model::{ArticleId, BULLETIN_FIELDS, Bulletin, BulletinId, BulletinSummary, PaperSize};
use std::sync::atomic::Ordering;

use bantin::export::{self, BulletinPdfOptions, ExportError, ExportProgress};
use bantin::store::NewBulletin;
use bantin::typeset::FontSet;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{Manager, State};

use crate::commands::{ApiError, ExportOutcome, ImagesInMemory};
use crate::state::AppState;

type Result<T> = std::result::Result<T, ApiError>;

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
pub fn list_bulletins(state: State<AppState>) -> Result<Vec<BulletinSummary>> {
    Ok(state.library().list_bulletins()?)
}

#[tauri::command]
pub fn get_bulletin(state: State<AppState>, id: BulletinId) -> Result<Bulletin> {
    Ok(state.library().bulletin(id)?)
}

#[tauri::command]
pub fn create_bulletin(
    state: State<AppState>,
    name: String,
    number: String,
    date: Option<chrono::NaiveDate>,
) -> Result<Bulletin> {
    let lib = state.library();
    let id = lib.create_bulletin(&NewBulletin { name, number, date }, chrono::Utc::now())?;
    Ok(lib.bulletin(id)?)
}

/// Saves the masthead and print settings (not the articles: those have
/// their own commands, so two changes cannot overwrite each other's order).
#[tauri::command]
pub fn update_bulletin(state: State<AppState>, bulletin: Bulletin) -> Result<Bulletin> {
    let lib = state.library();
    lib.update_bulletin(&bulletin, chrono::Utc::now())?;
    Ok(lib.bulletin(bulletin.id)?)
}

/// Adds articles at the end of the issue.
#[tauri::command]
pub fn add_to_bulletin(
    state: State<AppState>,
    id: BulletinId,
    articles: Vec<ArticleId>,
) -> Result<Bulletin> {
    let lib = state.library();
    lib.add_to_bulletin(id, &articles, None, chrono::Utc::now())?;
    Ok(lib.bulletin(id)?)
}

#[tauri::command]
pub fn remove_from_bulletin(
    state: State<AppState>,
    id: BulletinId,
    article: ArticleId,
) -> Result<Bulletin> {
    let lib = state.library();
    lib.remove_from_bulletin(id, &[article], chrono::Utc::now())?;
    Ok(lib.bulletin(id)?)
}

/// Moves one article to a 1-based position (keyboard and drag-and-drop).
#[tauri::command]
pub fn move_in_bulletin(
    state: State<AppState>,
    id: BulletinId,
    article: ArticleId,
    to: usize,
) -> Result<Bulletin> {
    let lib = state.library();
    lib.move_in_bulletin(id, article, to, chrono::Utc::now())?;
    Ok(lib.bulletin(id)?)
}

#[tauri::command]
pub fn delete_bulletin(state: State<AppState>, id: BulletinId) -> Result<()> {
    Ok(state.library().delete_bulletin(id)?)
}

/// One step of a bulletin export for the progress bar.
#[derive(Clone, Serialize)]
pub struct ExportStep {
    /// "Đang dàn trang bài 12/40…".
    pub text: String,
    /// 0.0 to 1.0 over the whole export: laying out the articles is the
    /// first half, writing the pages the second (about even, measured on a
    /// 150-article, 129-page issue).
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
        }
    }
}

/// Everything an issue's layout needs, read under the library's lock so
/// the layout itself runs without it.
struct IssueToPrint {
    bulletin: Bulletin,
    articles: Vec<bantin::model::Article>,
    profile: bantin::model::Profile,
    images: ImagesInMemory,
    fonts: FontSet,
}

fn issue_to_print(state: &AppState, id: BulletinId) -> Result<IssueToPrint> {
    let (bulletin, articles, profile, images) = {
        let lib = state.library();
        let (bulletin, articles) = export::load_bulletin(&lib, id)?;
        let mut images = ImagesInMemory::default();
        for a in &articles {
            images.add_from(&lib, &a.content.body);
        }
        (bulletin, articles, lib.profile()?, images)
    };
    if articles.is_empty() {
        return Err(ApiError {
            code: "bulletin_empty".into(),
            message: "Bản tin chưa có bài nào. Hãy thêm bài từ Thư viện rồi thử lại.".into(),
        });
    }
    let fonts = FontSet::discover(profile.get("phong_chu")).map_err(ExportError::from)?;
    Ok(IssueToPrint {
        bulletin,
        articles,
        profile,
        images,
        fonts,
    })
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
    let work = move || -> std::result::Result<ExportOutcome, ApiError> {
        let state = app.state::<AppState>();
        state.cancel_export.store(false, Ordering::SeqCst);
        let issue = issue_to_print(&state, id)?;
        let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
        let mut progress = |p: &ExportProgress| {
            let fraction = match *p {
                ExportProgress::Layout { done, total } => 0.5 * done as f64 / total.max(1) as f64,
                ExportProgress::Pages { done, total } => {
                    0.5 + 0.5 * done as f64 / total.max(1) as f64
                }
            };
            let _ = on_progress.send(ExportStep {
                text: p.message(),
                fraction,
            });
            !state.cancel_export.load(Ordering::SeqCst)
        };
        let pdf = export::bulletin_pdf(
            &issue.bulletin,
            &issue.articles,
            &issue.profile,
            &choices.into(),
            &issue.fonts,
            &issue.images,
            chrono::Utc::now().with_timezone(&tz),
            &mut progress,
        )?;
        std::fs::create_dir_all(&state.export_dir).map_err(|e| ExportError::Write {
            path: state.export_dir.clone(),
            reason: e.to_string(),
        })?;
        let bulletin = &issue.bulletin;
        let booklet = if choices.booklet { " so tay" } else { "" };
        let name = bantin::text::slugify(&format!(
            "{} số {}{booklet}",
            bulletin.name, bulletin.number
        ));
        let path = state.export_dir.join(format!("{name}.pdf"));
        export::write_atomically(&path, &pdf.bytes)?;
        Ok(ExportOutcome {
            path: path.display().to_string(),
            pages: pdf.pages,
            warnings: pdf.warnings,
        })
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

/// "Xem trang in" for an issue: its sheets as SVG, laid out as `choices`
/// would print them (imposed two A5 pages per A4 sheet for the booklet),
/// with the layout's warnings. Off the UI thread.
#[tauri::command]
pub async fn preview_bulletin_pages(
    app: tauri::AppHandle,
    id: BulletinId,
    choices: PrintChoices,
) -> Result<export::PagePreview> {
    let work = move || -> std::result::Result<export::PagePreview, ApiError> {
        let issue = issue_to_print(&app.state::<AppState>(), id)?;
        let (laid, warnings, _) = export::bulletin_layout(
            &issue.bulletin,
            &issue.articles,
            &issue.profile,
            &choices.into(),
            &issue.fonts,
            &issue.images,
            &mut |_| true,
        )?;
        Ok(export::PagePreview::of(&laid, warnings, &issue.fonts))
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

/// "Hủy": asks the running export to stop at its next step.
#[tauri::command]
pub fn cancel_export(state: State<AppState>) {
    state.cancel_export.store(true, Ordering::SeqCst);
}
