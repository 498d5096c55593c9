//! Images pasted or dropped into the editor: checked here, stored once in
//! the library (`Library::put_asset`), referenced as `asset:<sha256>`.
//!
//! The bytes arrive as the raw body of the IPC request (no JSON array of
//! numbers), the file name in a percent-encoded header. The core stores any
//! bytes it is given, so this adapter is where a pasted file is judged:
//! a clear Vietnamese sentence for something that is not an image, is
//! damaged, or is too big to print, before it reaches the library.

use bantin::import::{MAX_IMAGE_BYTES, image_mime};
use bantin::store::assets::NewAsset;
use serde::Serialize;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use crate::commands::ApiError;
use crate::state::AppState;

/// A photo wider or taller than this is a scan or a panorama the editor
/// should shrink first: it would take hundreds of megabytes to decode.
const MAX_SIDE_PX: u32 = 12_000;

#[derive(Serialize)]
pub struct StoredImage {
    pub sha256: String,
    pub name: String,
}

#[tauri::command]
pub async fn put_image(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<StoredImage, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("ảnh phải được gửi dạng nhị phân"));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "ảnh dán vào".into());
    let bytes = bytes.clone();
    let checked = {
        let name = name.clone();
        tauri::async_runtime::spawn_blocking(move || check_image(&name, bytes))
            .await
            .map_err(|e| ApiError::internal(&e.to_string()))??
    };
    let sha256 = state
        .library()
        .put_asset(&checked, chrono::Utc::now())
        .map_err(ApiError::from)?;
    Ok(StoredImage { sha256, name })
}

/// Judges a pasted file: an image we can print (JPEG or PNG decode fully;
/// GIF and WebP by their signature), not larger than the library takes.
fn check_image(name: &str, bytes: Vec<u8>) -> Result<NewAsset, ApiError> {
    let size = bytes.len() as u64;
    if size > MAX_IMAGE_BYTES {
        return Err(ApiError {
            code: "image_too_large".into(),
            message: format!(
                "Ảnh \"{name}\" quá lớn ({} MB; tối đa {} MB). Hãy thu nhỏ ảnh rồi dán lại.",
                size.div_ceil(1024 * 1024),
                MAX_IMAGE_BYTES / (1024 * 1024)
            ),
        });
    }
    let broken = || ApiError {
        code: "bad_image".into(),
        message: format!(
            "Không mở được ảnh \"{name}\": tệp bị hỏng hoặc không phải ảnh. Hãy chọn ảnh khác."
        ),
    };
    let mime = image_mime(&bytes).ok_or_else(broken)?;
    let format = match mime {
        "image/jpeg" => Some(image::ImageFormat::Jpeg),
        "image/png" => Some(image::ImageFormat::Png),
        _ => None,
    };
    if let Some(format) = format {
        let reader = || image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
        let (w, h) = reader().into_dimensions().map_err(|_| broken())?;
        if w > MAX_SIDE_PX || h > MAX_SIDE_PX {
            return Err(ApiError {
                code: "image_too_large".into(),
                message: format!(
                    "Ảnh \"{name}\" quá lớn ({w} × {h} điểm ảnh; tối đa {MAX_SIDE_PX} điểm mỗi chiều). Hãy thu nhỏ ảnh rồi dán lại."
                ),
            });
        }
        reader().decode().map_err(|_| broken())?;
    }
    Ok(NewAsset {
        bytes,
        mime: mime.into(),
        original_name: name.into(),
    })
}

/// Undoes `encodeURIComponent`; bytes that do not make UTF-8 are replaced.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
        let big = vec![0xFF; MAX_IMAGE_BYTES as usize + 1];
        let e = check_image("anh-goc.jpg", big).unwrap_err();
        assert_eq!(e.code, "image_too_large");
        assert!(
            e.message.contains("quá lớn (31 MB; tối đa 30 MB)"),
            "{}",
            e.message
        );

        let mut png = Vec::new();
        image::GrayImage::new(MAX_SIDE_PX + 1, 1)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let e = check_image("toan-canh.png", png).unwrap_err();
        assert_eq!(e.code, "image_too_large");
        assert!(e.message.contains("12001 × 1 điểm ảnh"), "{}", e.message);
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
