//! Images pasted or dropped into the editor: checked here, stored once in
//! the library (`Library::put_asset`), referenced as `asset:<sha256>`.
//!
//! The bytes arrive as the raw body of the IPC request (no JSON array of
//! numbers), the file name in a percent-encoded header. The core stores any
//! bytes it is given, so this adapter is where a pasted file is judged, by
//! the image kernel's one check (`bantin::image::check_new`): a clear
//! Vietnamese sentence for something that is not an image, is damaged, or is
//! too big to print, before it reaches the library; a warning for a photo
//! whose data was cut short.

use bantin::html::percent_decode;
use bantin::store::assets::NewAsset;
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager};

use crate::commands::{ApiError, off_ui};
use crate::state::AppState;

#[derive(Serialize)]
pub struct StoredImage {
    pub sha256: String,
    pub name: String,
    /// Said to the editor, though the image was kept (a photo cut short).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// The shared library's server could not be reached: the image waits
    /// on this PC and goes up before the save that shows it.
    pub waiting: bool,
}

#[tauri::command]
pub async fn put_image(app: AppHandle, request: Request<'_>) -> Result<StoredImage, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("ảnh phải được gửi dạng nhị phân"));
    };
    let name = file_name(&request);
    let (checked, warning) = check_off_thread(name.clone(), bytes.clone()).await?;
    // Off the async runtime too: the shared library's client blocks on a
    // runtime of its own, which cannot start inside Tauri's.
    let (sha256, waiting) = off_ui(move || {
        let state = app.state::<AppState>();
        let lib = state.library();
        let now = chrono::Utc::now();
        if lib.is_shared() {
            super::offline::put_image_shared(&lib, &checked, now)
        } else {
            Ok((lib.put_asset(&checked, now)?, false))
        }
    })
    .await?;
    Ok(StoredImage {
        sha256,
        name,
        warning,
        waiting,
    })
}

/// The pasted file's name, from its percent-encoded header.
fn file_name(request: &Request<'_>) -> String {
    request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "ảnh dán vào".into())
}

/// Decoding a large photo takes a moment: done off the UI thread.
async fn check_off_thread(
    name: String,
    bytes: Vec<u8>,
) -> Result<(NewAsset, Option<String>), ApiError> {
    tauri::async_runtime::spawn_blocking(move || check_image(&name, bytes))
        .await
        .map_err(|e| ApiError::internal(&e.to_string()))?
}

/// Judges a pasted file by the one image policy (`import::pasted_image`).
fn check_image(name: &str, bytes: Vec<u8>) -> Result<(NewAsset, Option<String>), ApiError> {
    bantin::import::pasted_image(name, bytes).map_err(|e| ApiError {
        code: e.code().into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_back_in_vietnamese() {
        assert_eq!(
            percent_decode("%E1%BA%A2nh%20h%E1%BB%99i%20ngh%E1%BB%8B.png"),
            "Ảnh hội nghị.png"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn a_photo_cut_short_is_kept_with_a_warning() {
        let photo = bantin::sample::IMAGES[0].1;
        let (_, warning) = check_image("anh.jpg", photo.to_vec()).unwrap();
        assert_eq!(warning, None);
        let (_, warning) = check_image("anh.jpg", photo[..photo.len() / 2].to_vec()).unwrap();
        assert!(warning.unwrap().contains("\"anh.jpg\" bị thiếu dữ liệu"));
    }

    #[test]
    fn text_is_not_an_image() {
        let e = check_image("ghi-chu.txt", b"day khong phai la anh dau nhe".to_vec()).unwrap_err();
        assert_eq!(e.code, "bad_image");
        assert!(
            e.message.contains("tệp bị hỏng hoặc không phải ảnh"),
            "{}",
            e.message
        );
    }

    #[test]
    fn huge_images_are_refused_with_their_size() {
        let big = vec![0xFF; bantin::image::limits::MAX_FILE_BYTES as usize + 1];
        let e = check_image("anh-goc.jpg", big).unwrap_err();
        assert_eq!(e.code, "image_too_large");
        assert!(
            e.message.contains("quá lớn (31 MB; tối đa 30 MB)"),
            "{}",
            e.message
        );

        let mut png = Vec::new();
        image::GrayImage::new(bantin::image::limits::MAX_SIDE + 1, 1)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let e = check_image("toan-canh.png", png).unwrap_err();
        assert_eq!(e.code, "image_too_large");
        assert!(e.message.contains("20001×1 điểm ảnh"), "{}", e.message);
    }

    #[test]
    fn a_truncated_png_is_broken() {
        let mut png = Vec::new();
        image::RgbImage::new(40, 30)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert!(check_image("anh.png", png.clone()).is_ok());
        png.truncate(png.len() / 2);
        assert_eq!(check_image("anh.png", png).unwrap_err().code, "bad_image");
    }
}
