//! The bulletin composer's commands (Bản tin): issues, their masthead
//! settings and the ordered articles they print. Thin adapters over
//! `bantin::store` (bulletins.rs); every change answers with the issue as
//! it now is, so the UI always shows what the library holds.

use bantin::model::{ArticleId, BULLETIN_FIELDS, Bulletin, BulletinId, BulletinSummary, PaperSize};
use bantin::store::NewBulletin;
use serde::Serialize;
use tauri::State;

use crate::commands::ApiError;
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
