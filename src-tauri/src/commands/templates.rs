//! Mẫu trình bày in the app: the templates one can print with, a template's
//! file to edit, checking an edited text, saving it as the library's next
//! revision, and the open article's pages set with a text not yet saved (so
//! Cài đặt can show a change at once). Thin adapters: validation, storage
//! and layout are the core's (`typeset::templates`, `store::templates`).

use bantin::export::{self, ArticlePrint, PdfTemplate};
use bantin::model::{ArticleId, Content};
use bantin::store::{TemplateEntry, TemplateSummary};
use bantin::typeset::templates::{TemplateError, TemplateText};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::commands::exports::PagesOutcome;
use crate::commands::{ApiError, off_ui};
use crate::state::AppState;

type Result<T> = std::result::Result<T, ApiError>;

fn template_error(e: TemplateError) -> ApiError {
    ApiError {
        code: "template".into(),
        message: e.to_string(),
    }
}

/// A template's list entry and its file's text, comments included.
#[derive(Serialize)]
pub struct TemplateDoc {
    pub summary: TemplateSummary,
    pub text: String,
}

#[tauri::command]
pub fn list_templates(state: State<AppState>) -> Result<Vec<TemplateSummary>> {
    let lib = state.library();
    Ok(lib.all_templates()?.iter().map(|e| e.summary()).collect())
}

#[tauri::command]
pub fn get_template(state: State<AppState>, name: String) -> Result<TemplateDoc> {
    let lib = state.library();
    let revision = lib.template(&name)?.map(|s| s.revision);
    let template = lib.find_template(&name)?;
    let text = template.text().to_string();
    let summary = TemplateEntry { template, revision }.summary();
    Ok(TemplateDoc { summary, text })
}

/// Checks an edited text without storing it: the summary, or the sentence
/// naming the field that is wrong.
#[tauri::command]
pub fn check_template(text: String) -> Result<TemplateSummary> {
    let template = TemplateText::parse(&text).map_err(template_error)?;
    Ok(TemplateEntry {
        template,
        revision: None,
    }
    .summary())
}

/// Stores a valid text as the next revision of its name.
#[tauri::command]
pub fn save_template(state: State<AppState>, text: String) -> Result<TemplateSummary> {
    let template = TemplateText::parse(&text).map_err(template_error)?;
    let saved = state
        .library()
        .save_template(&template, chrono::Utc::now())?;
    Ok(TemplateEntry {
        template: saved.template,
        revision: Some(saved.revision),
    }
    .summary())
}

/// The open article (`content`, unsaved typing included) set with the
/// template `text` being edited, as SVG pages with the layout's warnings.
#[tauri::command]
pub async fn preview_with_template(
    app: AppHandle,
    id: ArticleId,
    content: Content,
    text: String,
) -> Result<PagesOutcome> {
    let print = chosen_print(&text)?;
    off_ui(move || {
        let state = app.state::<AppState>();
        let now = bantin::text::now_vietnam();
        let pages = export::article_pages_with(state.inner(), id, Some(content), &print, now)?;
        Ok(pages.into())
    })
    .await
}

/// Printing with the template `text`, checked first.
fn chosen_print(text: &str) -> Result<ArticlePrint> {
    let template = TemplateText::parse(text).map_err(template_error)?;
    Ok(ArticlePrint {
        template: Some(PdfTemplate::Chosen(Box::new(
            template.file().page_template(),
        ))),
        double_sided: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_text_is_checked_without_storing() {
        let text = bantin::typeset::templates::shipped_text("report").unwrap();
        let ok = check_template(text.to_string()).unwrap();
        assert_eq!(ok.name, "report/hd36-2018");
        assert_eq!(ok.origin, "shipped");
        let bad = text.replacen("left_mm: 35", "left_mm: -1", 1);
        let e = check_template(bad).err().unwrap();
        assert_eq!(e.code, "template");
        assert!(
            e.message.contains("«page.margins.left_mm»"),
            "{}",
            e.message
        );
    }
}
