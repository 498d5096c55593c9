//! Mẫu trình bày in the app: the templates one can print with, a template's
//! file to edit, checking an edited text, saving it as the library's next
//! revision, and the open article's pages set with a text not yet saved (so
//! Cài đặt can show a change at once). Thin adapters: validation, storage
//! and layout are the core's (`typeset::templates`, `store::templates`).

use bantin::export::{self, ArticlePrint, PdfTemplate};
use bantin::model::{ArticleId, Content};
use bantin::store::{TemplateEntry, TemplateSummary};
use bantin::typeset::templates::{FieldValue, TemplateError, TemplateText};
use serde::Serialize;
use tauri::{AppHandle, Manager};

use crate::commands::exports::PagesOutcome;
use crate::commands::{ApiError, off_ui, on_worker};
use crate::state::AppState;

type Result<T> = std::result::Result<T, ApiError>;

fn template_error(e: TemplateError) -> ApiError {
    ApiError {
        code: "template".into(),
        message: e.to_string(),
    }
}

/// A template's list entry, its file's text (comments included) and its
/// values as the form reads them.
#[derive(Serialize)]
pub struct TemplateDoc {
    pub summary: TemplateSummary,
    pub text: String,
    pub file: serde_json::Value,
}

impl TemplateDoc {
    fn of(template: TemplateText, revision: Option<u32>) -> TemplateDoc {
        let text = template.text().to_string();
        let file = serde_json::to_value(template.file()).unwrap_or_default();
        let summary = TemplateEntry { template, revision }.summary();
        TemplateDoc {
            summary,
            text,
            file,
        }
    }
}

/// The form's changes applied: the new template, or the field that is wrong
/// and the core's sentence saying why (shown next to that field).
#[derive(Serialize)]
pub struct TemplateEdit {
    pub doc: Option<TemplateDoc>,
    pub field: Option<String>,
    pub message: Option<String>,
}

#[tauri::command]
pub async fn list_templates(app: AppHandle) -> Result<Vec<TemplateSummary>> {
    on_worker(app, move |state| {
        let lib = state.library();
        Ok(lib.all_templates()?.iter().map(|e| e.summary()).collect())
    })
    .await
}

#[tauri::command]
pub async fn get_template(app: AppHandle, name: String) -> Result<TemplateDoc> {
    on_worker(app, move |state| {
        let lib = state.library();
        let revision = lib.template(&name)?.map(|s| s.revision);
        Ok(TemplateDoc::of(lib.find_template(&name)?, revision))
    })
    .await
}

/// The template `text` with the form's `changes` (field path, value).
#[tauri::command]
pub fn edit_template(text: String, changes: Vec<FieldValue>) -> Result<TemplateEdit> {
    let template = TemplateText::parse(&text).map_err(template_error)?;
    Ok(match template.with_values(&changes) {
        Ok(t) => TemplateEdit {
            doc: Some(TemplateDoc::of(t, None)),
            field: None,
            message: None,
        },
        Err(e) => TemplateEdit {
            doc: None,
            field: e.field().map(str::to_string),
            message: Some(e.to_string()),
        },
    })
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
pub async fn save_template(app: AppHandle, text: String) -> Result<TemplateSummary> {
    on_worker(app, move |state| {
        let template = TemplateText::parse(&text).map_err(template_error)?;
        let saved = state
            .library()
            .save_template(&template, chrono::Utc::now())?;
        Ok(TemplateEntry {
            template: saved.template,
            revision: Some(saved.revision),
        }
        .summary())
    })
    .await
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

    #[test]
    fn the_form_s_changes_come_back_as_a_template_or_a_field_s_problem() {
        let text = bantin::typeset::templates::shipped_text("report").unwrap();
        let left = |v: f64| vec![("page.margins.left_mm".to_string(), serde_json::json!(v))];
        let ok = edit_template(text.into(), left(30.0)).unwrap();
        let doc = ok.doc.unwrap();
        assert_eq!(doc.file["page"]["margins"]["left_mm"], 30.0);
        assert!(doc.text.contains("left_mm: 30"));
        let bad = edit_template(text.into(), left(-1.0)).unwrap();
        assert!(bad.doc.is_none());
        assert_eq!(bad.field.as_deref(), Some("page.margins.left_mm"));
        assert!(bad.message.unwrap().contains("ngoài khoảng cho phép"));
    }
}
