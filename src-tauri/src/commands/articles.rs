//! Articles: the library list, search, editing, revisions, the live
//! preview, the recycle bin and copies.

use bantin::history::{Changes, RevisionSummary};
use bantin::model::{
    Article, ArticleId, ArticleSummary, Content, ListFilter, PageFrom, Revision, RevisionInfo,
    RevisionReason,
};
use bantin::store::{LIST_PAGE, Saved, SearchHit, SearchOptions, StoreError, TrashedArticle};
use serde::Serialize;
use tauri::State;

use super::{ApiError, Result};
use crate::state::{AppState, asset_url_prefix};

#[derive(Serialize)]
pub struct LibraryInfo {
    pub path: String,
    pub articles: usize,
    pub export_dir: String,
    /// A new library and an empty organisation profile: show the short
    /// Thông tin đơn vị step.
    pub first_start: bool,
}

#[tauri::command]
pub fn library_info(state: State<AppState>) -> Result<LibraryInfo> {
    let lib = state.library();
    Ok(LibraryInfo {
        path: lib.path().display().to_string(),
        articles: lib.count_articles()?,
        export_dir: state.export_dir.display().to_string(),
        first_start: state.created && lib.profile()?.lacks_organisation(),
    })
}

/// A page of the library list, most recently changed first, after `from`
/// (the last line the list has), at most `limit` lines (`LIST_PAGE`), of
/// the articles that pass the Thư viện's filters (`filter`; all without).
#[tauri::command]
pub fn list_articles(
    state: State<AppState>,
    from: Option<PageFrom>,
    limit: Option<usize>,
    filter: Option<ListFilter>,
) -> Result<Vec<ArticleSummary>> {
    Ok(state.library().list_filtered(
        &filter.unwrap_or_default(),
        from.as_ref(),
        limit.unwrap_or(LIST_PAGE),
    )?)
}

/// The categories in use (each spelling once), for the category filter.
#[tauri::command]
pub fn list_categories(state: State<AppState>) -> Result<Vec<String>> {
    Ok(state.library().categories()?)
}

#[tauri::command]
pub fn search_articles(
    state: State<AppState>,
    query: String,
    limit: Option<usize>,
) -> Result<Vec<SearchHit>> {
    Ok(state.library().search(
        &query,
        &SearchOptions {
            limit: limit.unwrap_or(50),
        },
    )?)
}

#[tauri::command]
pub fn get_article(state: State<AppState>, id: ArticleId) -> Result<Article> {
    Ok(state.library().article(id)?)
}

#[tauri::command]
pub fn create_article(state: State<AppState>) -> Result<Article> {
    let lib = state.library();
    let profile = lib.profile()?;
    let content = Content {
        title: "Bài viết mới".into(),
        author: profile.get("tac_gia_mac_dinh").unwrap_or_default().into(),
        ..Content::default()
    };
    let id = lib.create_article(&content, chrono::Utc::now())?;
    Ok(lib.article(id)?)
}

#[derive(Serialize)]
pub struct SaveOutcome {
    /// The article's revision after the save.
    pub revision: u32,
    /// Whether this save wrote a new revision (false: nothing had changed).
    pub changed: bool,
    /// Someone else saved since `base`: both are kept and the article waits
    /// for a merge (the UI opens the merge view).
    pub crossed: bool,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Saves waiting on this PC for the shared library's server.
    pub waiting: usize,
    /// The server could not be reached: this save waits on this PC.
    pub offline: bool,
}

/// Saves the text on screen, made from revision `base` (the one the editor
/// started from, or last saved).
#[tauri::command]
pub fn save_article(
    state: State<AppState>,
    id: ArticleId,
    base: u32,
    content: Content,
    autosave: bool,
) -> Result<SaveOutcome> {
    let lib = state.library();
    let reason = if autosave {
        RevisionReason::Autosave
    } else {
        RevisionReason::Save
    };
    if lib.is_shared() {
        return super::offline::save_shared(&lib, id, base, content, reason);
    }
    let saved = lib.save_article_based(id, base, None, &content, reason, chrono::Utc::now())?;
    Ok(outcome(&lib, id, saved)?)
}

pub(crate) fn outcome(
    lib: &bantin::store::Library,
    id: ArticleId,
    saved: Saved,
) -> std::result::Result<SaveOutcome, StoreError> {
    let article = lib.article(id)?;
    Ok(SaveOutcome {
        revision: article.revision,
        changed: saved != Saved::Unchanged,
        crossed: matches!(saved, Saved::Crossed { .. }),
        updated_at: article.updated_at,
        waiting: 0,
        offline: false,
    })
}

/// The live preview: the core's safe HTML, images served from the library.
#[tauri::command]
pub fn render_preview(markdown: String) -> String {
    let doc = bantin::markdown::parse(&markdown);
    let image_url = |src: &str| {
        src.strip_prefix("asset:")
            .map(|sha| format!("{}{sha}", asset_url_prefix()))
    };
    bantin::preview::to_html(
        &doc,
        &bantin::preview::PreviewOptions {
            image_url: &image_url,
        },
    )
}

#[tauri::command]
pub fn article_history(state: State<AppState>, id: ArticleId) -> Result<Vec<RevisionInfo>> {
    Ok(state.library().history(id)?)
}

/// Lịch sử: each revision with its word count and what it changed.
#[tauri::command]
pub fn history_summaries(state: State<AppState>, id: ArticleId) -> Result<Vec<RevisionSummary>> {
    Ok(state.library().history_summaries(id)?)
}

/// So sánh, and what a restore would change: revision `number` → now.
#[tauri::command]
pub fn revision_changes(state: State<AppState>, id: ArticleId, number: u32) -> Result<Changes> {
    Ok(state.library().changes_since(id, number)?)
}

#[tauri::command]
pub fn get_revision(state: State<AppState>, id: ArticleId, number: u32) -> Result<Revision> {
    Ok(state.library().revision(id, number)?)
}

#[tauri::command]
pub fn restore_revision(state: State<AppState>, id: ArticleId, number: u32) -> Result<Article> {
    let lib = state.library();
    lib.restore_revision(id, number, chrono::Utc::now())?;
    Ok(lib.article(id)?)
}

/// Moves an article to the recycle bin (Thùng rác). An article that a
/// bulletin prints is refused with `article_in_bulletins` and the names of
/// those issues, so the UI can ask before taking it out of them.
#[tauri::command]
pub fn trash_article(state: State<AppState>, id: ArticleId, leave_bulletins: bool) -> Result<()> {
    let lib = state.library();
    match lib.trash_article(id, leave_bulletins, chrono::Utc::now()) {
        Err(StoreError::ArticleInBulletins { .. }) => {
            let names: Vec<String> = lib
                .bulletins_with_article(id)?
                .iter()
                .map(|b| format!("“{} số {}”", b.name, b.number))
                .collect();
            Err(ApiError {
                code: "article_in_bulletins".into(),
                message: format!("Bài này đang nằm trong bản tin {}.", names.join(", ")),
            })
        }
        other => Ok(other?),
    }
}

#[tauri::command]
pub fn list_trash(state: State<AppState>) -> Result<Vec<TrashedArticle>> {
    Ok(state.library().list_trash()?)
}

#[tauri::command]
pub fn restore_from_trash(state: State<AppState>, id: ArticleId) -> Result<Article> {
    let lib = state.library();
    lib.restore_from_trash(id)?;
    Ok(lib.article(id)?)
}

#[tauri::command]
pub fn duplicate_article(state: State<AppState>, id: ArticleId) -> Result<Article> {
    let lib = state.library();
    let copy = lib.duplicate_article(id, chrono::Utc::now())?;
    Ok(lib.article(copy)?)
}
