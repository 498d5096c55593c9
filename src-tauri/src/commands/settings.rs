//! Cài đặt: the organisation profile and the print font.

use bantin::model::Profile;
use serde::Serialize;
use tauri::AppHandle;

use super::{ApiError, Result, off_ui, on_worker};

#[tauri::command]
pub async fn get_profile(app: AppHandle) -> Result<Profile> {
    on_worker(app, move |state| Ok(state.library().profile()?)).await
}

#[tauri::command]
pub async fn set_profile_field(app: AppHandle, key: String, value: String) -> Result<()> {
    on_worker(app, move |state| {
        if !Profile::is_known_key(&key) {
            return Err(ApiError {
                code: "unknown_profile_key".into(),
                message: format!("Không có trường \"{key}\"."),
            });
        }
        Ok(state.library().set_profile_field(&key, &value)?)
    })
    .await
}

#[derive(Serialize)]
pub struct ProfileField {
    pub key: &'static str,
    pub label: &'static str,
    /// A report prints it: asked for on the first start.
    pub report: bool,
}

/// The organisation profile's fields with what each means, in the core's order.
#[tauri::command]
pub fn profile_fields() -> Vec<ProfileField> {
    bantin::model::PROFILE_KEYS
        .iter()
        .map(|&(key, label)| ProfileField {
            key,
            label,
            report: bantin::model::REPORT_KEYS.contains(&key),
        })
        .collect()
}

/// The family the PDF will actually be set in for a chosen `phong_chu`
/// (empty: the default), so Settings can say "Times New Roman was not
/// found, Liberation Serif is used" before anyone prints.
#[tauri::command]
pub async fn print_font(family: String) -> Result<String> {
    off_ui(move || Ok(bantin::export::print_font(&family)?)).await
}
