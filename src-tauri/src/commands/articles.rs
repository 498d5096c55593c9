//! Articles: the library list, search, editing, revisions, the live
//! preview, the recycle bin and copies.

use bantin::history::{Changes, RevisionSummary};
use bantin::model::{
    Article, ArticleId, ArticleSummary, Content, ListFilter, PageFrom, Revision, RevisionInfo,
    RevisionReason,
};
use bantin::store::{LIST_PAGE, Saved, SearchHit, SearchOptions, StoreError, TrashedArticle};
use serde::Serialize;
use tauri::AppHandle;

use super::{ApiError, Result, on_worker};
use crate::state::asset_url_prefix;

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
pub async fn library_info(app: AppHandle) -> Result<LibraryInfo> {
    on_worker(app, move |state| {
        let lib = state.library();
        Ok(LibraryInfo {
            path: lib.path().display().to_string(),
            articles: lib.count_articles()?,
            export_dir: state.export_dir.display().to_string(),
            first_start: state.created && lib.profile()?.lacks_organisation(),
        })
    })
    .await
}

/// A page of the library list, most recently changed first, after `from`
/// (the last line the list has), at most `limit` lines (`LIST_PAGE`), of
/// the articles that pass the Thư viện's filters (`filter`; all without).
#[tauri::command]
pub async fn list_articles(
    app: AppHandle,
    from: Option<PageFrom>,
    limit: Option<usize>,
    filter: Option<ListFilter>,
) -> Result<Vec<ArticleSummary>> {
    on_worker(app, move |state| {
        Ok(state.library().list_filtered(
            &filter.unwrap_or_default(),
            from.as_ref(),
            limit.unwrap_or(LIST_PAGE),
        )?)
    })
    .await
}

/// The categories in use (each spelling once), for the category filter.
#[tauri::command]
pub async fn list_categories(app: AppHandle) -> Result<Vec<String>> {
    on_worker(app, move |state| Ok(state.library().categories()?)).await
}

#[tauri::command]
pub async fn search_articles(
    app: AppHandle,
    query: String,
    limit: Option<usize>,
) -> Result<Vec<SearchHit>> {
    on_worker(app, move |state| {
        Ok(state.library().search(
            &query,
            &SearchOptions {
                limit: limit.unwrap_or(50),
                ..SearchOptions::default()
            },
        )?)
    })
    .await
}

#[tauri::command]
pub async fn get_article(app: AppHandle, id: ArticleId) -> Result<Article> {
    on_worker(app, move |state| Ok(state.library().article(id)?)).await
}

#[tauri::command]
pub async fn create_article(app: AppHandle) -> Result<Article> {
    on_worker(app, move |state| {
        let lib = state.library();
        let profile = lib.profile()?;
        let content = Content {
            title: "Bài viết mới".into(),
            author: profile.get("tac_gia_mac_dinh").unwrap_or_default().into(),
            ..Content::default()
        };
        let id = lib.create_article(&content, chrono::Utc::now())?;
        Ok(lib.article(id)?)
    })
    .await
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
pub async fn save_article(
    app: AppHandle,
    id: ArticleId,
    base: u32,
    content: Content,
    autosave: bool,
) -> Result<SaveOutcome> {
    on_worker(app, move |state| {
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
    })
    .await
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
/// Off the UI thread: a long article takes milliseconds to parse, and
/// typing must not wait for it.
#[tauri::command]
pub async fn render_preview(markdown: String) -> Result<String> {
    super::off_ui(move || {
        let doc = bantin::markdown::parse(&markdown);
        let image_url = |src: &str| {
            src.strip_prefix("asset:")
                .map(|sha| format!("{}{sha}", asset_url_prefix()))
        };
        Ok(bantin::preview::to_html(
            &doc,
            &bantin::preview::PreviewOptions {
                image_url: &image_url,
            },
        ))
    })
    .await
}

#[tauri::command]
pub async fn article_history(app: AppHandle, id: ArticleId) -> Result<Vec<RevisionInfo>> {
    on_worker(app, move |state| Ok(state.library().history(id)?)).await
}

/// Lịch sử: each revision with its word count and what it changed.
#[tauri::command]
pub async fn history_summaries(app: AppHandle, id: ArticleId) -> Result<Vec<RevisionSummary>> {
    on_worker(app, move |state| {
        Ok(state.library().history_summaries(id)?)
    })
    .await
}

/// So sánh, and what a restore would change: revision `number` → now.
#[tauri::command]
pub async fn revision_changes(app: AppHandle, id: ArticleId, number: u32) -> Result<Changes> {
    on_worker(app, move |state| {
        Ok(state.library().changes_since(id, number)?)
    })
    .await
}

#[tauri::command]
pub async fn get_revision(app: AppHandle, id: ArticleId, number: u32) -> Result<Revision> {
    on_worker(app, move |state| {
        Ok(state.library().revision(id, number)?)
    })
    .await
}

#[tauri::command]
pub async fn restore_revision(app: AppHandle, id: ArticleId, number: u32) -> Result<Article> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.restore_revision(id, number, chrono::Utc::now())?;
        Ok(lib.article(id)?)
    })
    .await
}

/// Moves an article to the recycle bin (Thùng rác). An article that a
/// bulletin prints is refused with `article_in_bulletins` and the names of
/// those issues, so the UI can ask before taking it out of them.
#[tauri::command]
pub async fn trash_article(app: AppHandle, id: ArticleId, leave_bulletins: bool) -> Result<()> {
    on_worker(app, move |state| {
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
    })
    .await
}

#[tauri::command]
pub async fn list_trash(app: AppHandle) -> Result<Vec<TrashedArticle>> {
    on_worker(app, move |state| Ok(state.library().list_trash()?)).await
}

#[tauri::command]
pub async fn restore_from_trash(app: AppHandle, id: ArticleId) -> Result<Article> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.restore_from_trash(id)?;
        Ok(lib.article(id)?)
    })
    .await
}

#[tauri::command]
pub async fn duplicate_article(app: AppHandle, id: ArticleId) -> Result<Article> {
    on_worker(app, move |state| {
        let lib = state.library();
        let copy = lib.duplicate_article(id, chrono::Utc::now())?;
        Ok(lib.article(copy)?)
    })
    .await
}
