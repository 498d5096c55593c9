//! The commands the UI calls: each parses its arguments, calls the core and
//! turns errors into `{code, message}` (a stable code for the UI and for
//! support, a Vietnamese sentence for the editor). No logic lives here.

use bantin::export::{self, ExportError, PdfTemplate};
use bantin::model::{
    Article, ArticleId, ArticleSummary, Content, Profile, Revision, RevisionInfo, RevisionReason,
};
use bantin::store::{SearchHit, SearchOptions, StoreError, TrashedArticle};
use serde::Serialize;
use tauri::{Manager, State};

use crate::state::{AppState, asset_url_prefix};

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError {
            code: e.code().into(),
            message: e.to_string(),
        }
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        ApiError {
            code: e.code().into(),
            message: e.to_string(),
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

#[derive(Serialize)]
pub struct LibraryInfo {
    pub path: String,
    pub articles: usize,
    pub export_dir: String,
}

#[tauri::command]
pub fn library_info(state: State<AppState>) -> Result<LibraryInfo> {
    let lib = state.library();
    Ok(LibraryInfo {
        path: lib.path().display().to_string(),
        articles: lib.count_articles()?,
        export_dir: state.export_dir.display().to_string(),
    })
}

#[tauri::command]
pub fn list_articles(state: State<AppState>) -> Result<Vec<ArticleSummary>> {
    Ok(state.library().list_articles()?)
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
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[tauri::command]
pub fn save_article(
    state: State<AppState>,
    id: ArticleId,
    content: Content,
    autosave: bool,
) -> Result<SaveOutcome> {
    let lib = state.library();
    let reason = if autosave {
        RevisionReason::Autosave
    } else {
        RevisionReason::Save
    };
    let written = lib.save_article(id, &content, reason, chrono::Utc::now())?;
    let article = lib.article(id)?;
    Ok(SaveOutcome {
        revision: article.revision,
        changed: written.is_some(),
        updated_at: article.updated_at,
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

#[derive(Serialize)]
pub struct ExportOutcome {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Exports an article as PDF into the export folder, off the UI thread.
#[tauri::command]
pub async fn export_pdf(
    state: State<'_, AppState>,
    id: ArticleId,
    template: Option<String>,
) -> Result<ExportOutcome> {
    let (article, profile, images) = {
        let lib = state.library();
        let article = lib.article(id)?;
        let profile = lib.profile()?;
        let mut images = ImagesInMemory::default();
        images.add_from(&lib, &article.content.body);
        (article, profile, images)
    };
    let dir = state.export_dir.clone();
    let work = move || -> std::result::Result<ExportOutcome, ExportError> {
        let template = template
            .as_deref()
            .and_then(PdfTemplate::parse)
            .unwrap_or_else(|| PdfTemplate::for_kind(article.content.kind));
        let fonts = bantin::typeset::FontSet::discover(profile.get("phong_chu"))?;
        let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
        let now = chrono::Utc::now().with_timezone(&tz);
        let pdf = export::article_pdf(&article, &profile, template, false, &fonts, &images, now)?;
        std::fs::create_dir_all(&dir).map_err(|e| ExportError::Write {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let name = format!("{}.pdf", bantin::text::slugify(&article.content.title));
        let path = dir.join(name);
        export::write_atomically(&path, &pdf.bytes)?;
        Ok(ExportOutcome {
            path: path.display().to_string(),
            pages: pdf.pages,
            warnings: pdf.warnings,
        })
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError {
            code: "internal".into(),
            message: format!("Lỗi nội bộ khi xuất PDF: {e}"),
        })?
        .map_err(ApiError::from)
}

/// Exports an article's upload bundle (with its PDF) into the export folder.
#[tauri::command]
pub async fn export_bundle(state: State<'_, AppState>, id: ArticleId) -> Result<ExportOutcome> {
    let state = state.inner();
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let now = chrono::Utc::now().with_timezone(&tz);
    let lib = state.library();
    let profile = lib.profile()?;
    let fonts =
        bantin::typeset::FontSet::discover(profile.get("phong_chu")).map_err(ExportError::from)?;
    let make_pdf = |article: &Article| -> std::result::Result<Vec<u8>, ExportError> {
        let template = PdfTemplate::for_kind(article.content.kind);
        Ok(export::article_pdf(
            article,
            &profile,
            template,
            false,
            &fonts,
            &export::LibraryImages(&lib),
            now,
        )?
        .bytes)
    };
    let written = bantin::bundle::export_bundles(
        &lib,
        &[id],
        &state.export_dir,
        Some(&make_pdf),
        now,
        &mut |_| {},
    )
    .map_err(|e| ApiError {
        code: e.code().into(),
        message: e.to_string(),
    })?;
    let path = written
        .into_iter()
        .next()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    Ok(ExportOutcome {
        path,
        pages: 0,
        warnings: Vec::new(),
    })
}

/// The images an export needs, read from the library up front so the
/// layout runs without holding the library's lock.
#[derive(Default)]
pub(crate) struct ImagesInMemory(Vec<(String, Vec<u8>)>);

impl ImagesInMemory {
    /// Adds the library images (`asset:<sha256>`) that `body` shows.
    pub(crate) fn add_from(&mut self, lib: &bantin::store::Library, body: &str) {
        for block in bantin::markdown::parse(body).blocks {
            let bantin::doc::Block::Figure(f) = block else {
                continue;
            };
            let Some(sha) = f.src.strip_prefix("asset:") else {
                continue;
            };
            if self.0.iter().any(|(s, _)| *s == f.src) {
                continue;
            }
            if let Ok(bytes) = lib.asset_bytes(sha) {
                self.0.push((f.src.clone(), bytes));
            }
        }
    }
}

impl bantin::typeset::ImageSource for ImagesInMemory {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(s, _)| s == src)
            .map(|(_, b)| b.clone())
    }
}

#[tauri::command]
pub fn get_profile(state: State<AppState>) -> Result<Profile> {
    Ok(state.library().profile()?)
}

#[tauri::command]
pub fn set_profile_field(state: State<AppState>, key: String, value: String) -> Result<()> {
    if !Profile::is_known_key(&key) {
        return Err(ApiError {
            code: "unknown_profile_key".into(),
            message: format!("Không có trường \"{key}\"."),
        });
    }
    Ok(state.library().set_profile_field(&key, &value)?)
}

// ---------- recycle bin and copies ----------

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

// ---------- settings and backup ----------

#[derive(Serialize)]
pub struct ProfileField {
    pub key: &'static str,
    pub label: &'static str,
}

/// The organisation profile's fields with what each means, in the core's order.
#[tauri::command]
pub fn profile_fields() -> Vec<ProfileField> {
    bantin::model::PROFILE_KEYS
        .iter()
        .map(|&(key, label)| ProfileField { key, label })
        .collect()
}

/// Writes a consistent copy of the library ("Sao lưu ngay") into
/// `<export folder>/Sao lưu/`, named by the date and time, and says where.
#[tauri::command]
pub async fn backup_now(app: tauri::AppHandle) -> Result<String> {
    let work = move || -> Result<String> {
        let state = app.state::<AppState>();
        let dir = state.export_dir.join("Sao lưu");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError {
            code: "backup_failed".into(),
            message: format!(
                "Không tạo được thư mục sao lưu \"{}\": {e}. Hãy kiểm tra quyền ghi.",
                dir.display()
            ),
        })?;
        let stamp = chrono::Utc::now()
            .with_timezone(&vietnam())
            .format("%Y-%m-%d-%H%M%S");
        let path = dir.join(format!("thu-vien-{stamp}.bantin"));
        state.library().backup(&path)?;
        Ok(path.display().to_string())
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

fn vietnam() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

// ---------- opening what was exported ----------

/// Opens an exported file (`folder: false`) or shows it in its folder, with
/// the system's own programs (tauri-plugin-opener: Explorer on Windows, the
/// desktop's file manager elsewhere). Only files under the export folder:
/// the UI cannot use this to open anything else on the machine.
#[tauri::command]
pub fn open_exported(state: State<AppState>, path: String, folder: bool) -> Result<()> {
    let path = std::path::PathBuf::from(path);
    let inside = match (path.canonicalize(), state.export_dir.canonicalize()) {
        (Ok(p), Ok(dir)) => p.starts_with(dir),
        _ => false,
    };
    if !inside {
        return Err(ApiError {
            code: "not_exported".into(),
            message: format!(
                "Không tìm thấy \"{}\" trong thư mục xuất của Bản Tin; có thể tệp đã bị chuyển đi.",
                path.display()
            ),
        });
    }
    let opened = if folder {
        tauri_plugin_opener::reveal_item_in_dir(&path).or_else(|_| {
            let parent = path.parent().unwrap_or(&path);
            tauri_plugin_opener::open_path(parent, None::<&str>)
        })
    } else {
        tauri_plugin_opener::open_path(&path, None::<&str>)
    };
    opened.map_err(|e| ApiError {
        code: "open_failed".into(),
        message: format!(
            "Không mở được \"{}\" ({e}). Hãy mở thư mục đó bằng trình quản lý tệp.",
            path.display()
        ),
    })
}

/// The family the PDF will actually be set in for a chosen `phong_chu`
/// (empty: the default), so Settings can say "Times New Roman was not
/// found, Liberation Serif is used" before anyone prints.
#[tauri::command]
pub async fn print_font(family: String) -> Result<String> {
    let work = move || {
        let wanted = Some(family.trim()).filter(|f| !f.is_empty());
        bantin::typeset::FontSet::discover(wanted)
            .map(|set| set.regular.family)
            .map_err(|e| ApiError::from(ExportError::from(e)))
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

/// The pages an article will print on, as SVG drawn from the same layout
/// the PDF is written from (`bantin::svg`), for "Xem trang in", with the
/// layout's warnings. The text on screen is laid out (`content`), so
/// unsaved typing shows too.
#[tauri::command]
pub async fn preview_pages(
    state: State<'_, AppState>,
    id: ArticleId,
    content: Content,
) -> Result<export::PagePreview> {
    let (article, profile, images) = {
        let lib = state.library();
        let article = Article {
            content,
            ..lib.article(id)?
        };
        let mut images = ImagesInMemory::default();
        images.add_from(&lib, &article.content.body);
        (article, lib.profile()?, images)
    };
    let work = move || -> std::result::Result<export::PagePreview, ExportError> {
        let template = PdfTemplate::for_kind(article.content.kind);
        let fonts = bantin::typeset::FontSet::discover(profile.get("phong_chu"))?;
        let now = chrono::Utc::now().with_timezone(&vietnam());
        let (laid, warnings) =
            export::article_layout(&article, &profile, template, false, &fonts, &images, now)?;
        Ok(export::PagePreview::of(&laid, warnings, &fonts))
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
        .map_err(ApiError::from)
}
