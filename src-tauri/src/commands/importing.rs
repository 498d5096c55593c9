//! Files brought into the library from the app: Word (`.docx`), Markdown
//! and text files chosen with "Nhập tệp Word" or dropped on the window.
//!
//! The bytes arrive as the raw body of the IPC request (Tauri's own file
//! drop is off, so the UI reads the dropped `File`), the file name and the
//! editor's answer about old TCVN3/VNI text in headers. The core reads,
//! checks and stores (`import::import_bytes`); text that may be in an old
//! encoding comes back as a question instead of an article.

use bantin::export::Door;
use bantin::html::percent_decode;
use bantin::import::{self, FileImport, ImportError, LegacyChoice};
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager};

use super::{ApiError, Result, off_ui};
use crate::state::AppState;

#[derive(Serialize, Default)]
pub struct ImportOutcome {
    /// The articles written: `(id, title)`.
    pub articles: Vec<(i64, String)>,
    pub warnings: Vec<String>,
    /// Nothing was written: the text may be in this old encoding ("TCVN3",
    /// "VNI"); ask, then send again with `x-legacy` set to `choice` or `keep`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsure: Option<Unsure>,
}

#[derive(Serialize)]
pub struct Unsure {
    pub encoding: String,
    pub choice: &'static str,
}

#[tauri::command]
pub async fn import_file(app: AppHandle, request: Request<'_>) -> Result<ImportOutcome> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("tệp phải được gửi dạng nhị phân"));
    };
    let (bytes, name) = (bytes.clone(), header(&request, "x-file-name"));
    let legacy = LegacyChoice::parse(&header(&request, "x-legacy")).unwrap_or_default();
    off_ui(move || {
        let state = app.state::<AppState>();
        let lib = state.library();
        let done = import::import_bytes(&lib, &name, bytes, legacy, chrono::Utc::now());
        Ok(done.map_err(app_words)?.into())
    })
    .await
}

impl From<FileImport> for ImportOutcome {
    fn from(done: FileImport) -> Self {
        match done {
            FileImport::Imported(i) => ImportOutcome {
                articles: i.articles,
                warnings: i.warnings,
                unsure: None,
            },
            FileImport::Unsure(e) => ImportOutcome {
                unsure: Some(Unsure {
                    encoding: e.to_string(),
                    choice: import::legacy::choice_name(e),
                }),
                ..ImportOutcome::default()
            },
        }
    }
}

/// A run of pasted text and the font the clipboard's HTML names for it.
#[derive(serde::Deserialize)]
pub struct PastedRun {
    pub font: String,
    pub text: String,
}

/// Text pasted from a document set in ".VnTime", "VNI-Times" …: each run
/// converted by its font (`import::legacy::convert_font_run`); runs in any
/// other font come back unchanged.
#[tauri::command]
pub fn convert_legacy_runs(runs: Vec<PastedRun>) -> Vec<String> {
    runs.iter()
        .map(|r| import::legacy::convert_font_run(&r.font, &r.text))
        .collect()
}

fn header(request: &Request<'_>, name: &str) -> String {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default()
}

/// The core's sentence, and for a Word file the fix ends where the editor
/// clicks to try again.
fn app_words(e: ImportError) -> ApiError {
    // The library's own errors in the app's words (the CLI's name commands).
    let mut message = match &e {
        ImportError::Store(store) => store.words(Door::App),
        other => other.to_string(),
    };
    if matches!(e, ImportError::Word { .. }) {
        message.push_str("\nSau đó bấm \"Nhập tệp Word\" trong Thư viện, hoặc kéo thả tệp vào đó.");
    }
    ApiError {
        code: e.code().into(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_doc_says_how_to_save_it_and_where_to_click() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0].to_vec();
        let e = import::prepare_bytes("bao-cao.doc".as_ref(), ole, None, LegacyChoice::Detect)
            .unwrap_err();
        let e = app_words(e);
        assert_eq!(e.code, "word_file");
        assert!(e.message.contains("\"bao-cao.doc\""), "{}", e.message);
        assert!(e.message.contains("(.docx)"), "{}", e.message);
        assert!(e.message.contains("bấm \"Nhập tệp Word\""), "{}", e.message);
    }

    #[test]
    fn the_librarys_own_error_names_a_place_to_click_not_a_command() {
        let e = ImportError::Store(bantin::store::StoreError::Corrupt {
            path: "thu-vien.bantin".into(),
        });
        let e = app_words(e);
        assert!(
            e.message.contains("Cài đặt → Thư viện và sao lưu"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("bantin "), "{}", e.message);
    }
}
