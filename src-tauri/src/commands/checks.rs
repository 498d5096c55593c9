//! Kiểm tra in the app: the checks on the text as it is typed, Thêm vào
//! từ điển, and the checks before exporting a report or a bulletin, with
//! "Vẫn xuất" kept beside the revision. The core does the work
//! (`bantin::check`, `bantin::export::check_content`); this words where to
//! set a missing value for someone in the app.

use bantin::check::{self, Finding, Setting, Shown};
use bantin::export::{self, Subject};
use bantin::model::{ArticleId, BULLETIN_FIELDS, Content, PROFILE_KEYS};
use serde::Serialize;
use tauri::{AppHandle, Manager};

use super::{Result, off_ui, on_worker};
use crate::state::AppState;

/// A finding as the Kiểm tra panel shows it.
#[derive(Serialize)]
pub struct AppFinding {
    #[serde(flatten)]
    pub shown: Shown,
    /// Where in the app to set what is missing, when that is the cure.
    pub where_to_set: Option<String>,
}

/// Every finding on the article as typed now (not yet saved).
#[tauri::command]
pub async fn check_text(
    app: AppHandle,
    id: Option<ArticleId>,
    content: Content,
) -> Result<Vec<AppFinding>> {
    on_worker(app, move |state| {
        let lib = state.library();
        let mut checker = state.checker();
        let found = export::check_content(&lib, &mut checker, id, &content)?;
        Ok(for_app(&content.body, &found))
    })
    .await
}

/// Thêm vào từ điển: false when the word was already there.
#[tauri::command]
pub async fn add_word(app: AppHandle, word: String) -> Result<bool> {
    on_worker(app, move |state| {
        let lib = state.library();
        let Some(list) = check::add_word(&lib.profile()?, &word) else {
            return Ok(false);
        };
        lib.set_profile_field(check::WORDS_KEY, &list)?;
        Ok(true)
    })
    .await
}

/// The lỗi on a saved article or an issue, before exporting it.
#[tauri::command]
pub async fn errors_before_export(
    app: AppHandle,
    article: Option<ArticleId>,
    bulletin: Option<i64>,
) -> Result<Vec<AppFinding>> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let lib = state.library();
        let found = export::errors_before_export(&lib, subject(article, bulletin))?;
        Ok(for_app("", &found))
    })
    .await
}

/// "Vẫn xuất": records the choice with the revision (or the issue).
#[tauri::command]
pub async fn export_anyway(
    app: AppHandle,
    article: Option<ArticleId>,
    bulletin: Option<i64>,
    what: String,
) -> Result<usize> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let lib = state.library();
        let s = subject(article, bulletin);
        Ok(export::go_on_anyway(&lib, s, &what, chrono::Utc::now())?)
    })
    .await
}

fn subject(article: Option<ArticleId>, bulletin: Option<i64>) -> Subject {
    match (article, bulletin) {
        (_, Some(b)) => Subject::Bulletin(b),
        (a, None) => Subject::Article(a.unwrap_or(0)),
    }
}

fn for_app(body: &str, found: &[Finding]) -> Vec<AppFinding> {
    check::shown(body, found)
        .into_iter()
        .zip(found)
        .map(|(shown, f)| AppFinding {
            shown,
            where_to_set: f.setting.as_ref().and_then(where_to_set),
        })
        .collect()
}

/// Where a missing value is set, in the app's words.
fn where_to_set(s: &Setting) -> Option<String> {
    let label = |keys: &[(&str, &str)], key: &str| {
        keys.iter()
            .find(|(k, _)| *k == key)
            .map_or(key.to_string(), |(_, l)| l.to_string())
    };
    Some(match s {
        Setting::Profile(key) => format!(
            "Đặt ở Cài đặt → Thông tin đơn vị: «{}».",
            label(PROFILE_KEYS, key)
        ),
        Setting::Article(key) => match *key {
            "so_hieu" | "noi_nhan" | "chuc_vu_ky" | "nguoi_ky" => {
                let field = match *key {
                    "so_hieu" => "Số, ký hiệu",
                    "noi_nhan" => "Nơi nhận",
                    "chuc_vu_ky" => "Chức vụ người ký",
                    _ => "Người ký",
                };
                format!("Ghi ở Thuộc tính (bên phải) → Báo cáo: «{field}».")
            }
            "date" => "Ghi ở Thuộc tính (bên phải): «Ngày».".into(),
            "summary" => "Ghi ở Thuộc tính (bên phải): «Tóm tắt (sapo)».".into(),
            other => format!("Ghi ở Thuộc tính (bên phải): «{other}»."),
        },
        Setting::Bulletin { key, .. } => match *key {
            "name" => "Ghi trong cửa sổ Bản tin → Măng-sét và trình bày: «Tên bản tin».".into(),
            "number" => "Ghi trong cửa sổ Bản tin → Măng-sét và trình bày: «Số».".into(),
            "date" => "Ghi trong cửa sổ Bản tin → Măng-sét và trình bày: «Ngày phát hành».".into(),
            "publisher" => "Ghi trong cửa sổ Bản tin → Măng-sét và trình bày: «Đơn vị phát hành» (hoặc điền cấp trên và cơ quan ở Cài đặt → Thông tin đơn vị).".into(),
            "internal" => "Đánh dấu trong cửa sổ Bản tin → Măng-sét và trình bày: «In dòng “Lưu hành nội bộ”».".into(),
            "paper" => "Chọn trong cửa sổ Bản tin → In số này: «Khổ giấy».".into(),
            key if BULLETIN_FIELDS.iter().any(|(k, _)| *k == key) => format!(
                "Ghi trong cửa sổ Bản tin → Thông tin cuối bản tin: «{}».",
                label(BULLETIN_FIELDS, key)
            ),
            _ => "Ghi trong cửa sổ Bản tin → Măng-sét và trình bày.".into(),
        },
        Setting::Word(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_values_name_the_place_in_the_app() {
        let s = where_to_set(&Setting::Profile("dia_danh")).unwrap();
        assert!(
            s.contains("Cài đặt → Thông tin đơn vị") && s.contains("Địa danh"),
            "{s}"
        );
        let s = where_to_set(&Setting::Article("so_hieu")).unwrap();
        assert!(s.contains("Số, ký hiệu"), "{s}");
        assert!(where_to_set(&Setting::Word("x".into())).is_none());
        // A bulletin's fields are named as the composer shows them, never by key.
        for key in [
            "name",
            "number",
            "date",
            "publisher",
            "internal",
            "paper",
            "giay_phep",
            "other",
        ] {
            let s = where_to_set(&Setting::Bulletin { id: 1, key }).unwrap();
            assert!(s.contains("cửa sổ Bản tin") && !s.contains(key), "{s}");
        }
    }
}
