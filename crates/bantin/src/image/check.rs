//! The check every new image gets once, when it is pasted, dropped or
//! imported: so that what the library keeps can be printed and published.

use super::{Format, ImageError, ImageInfo, Problem, limits, pixels, probe};

/// Judges a new image named `name` (its file name, for the message): a
/// JPEG, PNG, GIF or WebP within the [`limits`], whose JPEG or PNG data
/// decodes. A JPEG cut short is accepted (it opens, partly grey) with
/// `complete: false` in the answer, which the caller turns into a warning
/// ([`super::truncated_warning`]).
pub fn check_new(name: &str, bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let err = |problem| ImageError {
        name: name.to_string(),
        problem,
    };
    limits::check_file_size(bytes.len() as u64).map_err(err)?;
    let info = probe(bytes).map_err(|p| match p {
        // A known kind whose header is unreadable is as good as no image.
        Problem::Corrupt(_) => err(Problem::NotAnImage),
        p => err(p),
    })?;
    limits::check_size(info.width, info.height).map_err(err)?;
    match info.format {
        Format::Png => {
            pixels::png_rows(bytes, |_, _, _, _| {}).map_err(err)?;
        }
        Format::Jpeg if info.complete => {
            pixels::decode_jpeg(bytes, &info).map_err(err)?;
        }
        _ => {}
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_image_and_the_size() {
        let e = check_new("ghi-chu.txt", b"day khong phai la anh dau nhe").unwrap_err();
        assert_eq!(e.code(), "bad_image");
        assert!(e.to_string().contains("\"ghi-chu.txt\""), "{e}");

        let big = vec![0xFF; limits::MAX_FILE_BYTES as usize + 1];
        let e = check_new("anh-goc.jpg", &big).unwrap_err();
        assert_eq!(e.code(), "image_too_large");
        assert!(
            e.to_string().contains("quá lớn (31 MB; tối đa 30 MB)"),
            "{e}"
        );

        let mut png = Vec::new();
        ::image::GrayImage::new(limits::MAX_SIDE + 1, 1)
            .write_to(
                &mut std::io::Cursor::new(&mut png),
                ::image::ImageFormat::Png,
            )
            .unwrap();
        let e = check_new("toan-canh.png", &png).unwrap_err();
        assert_eq!(e.code(), "image_too_large");
        assert!(e.to_string().contains("20001×1 điểm ảnh"), "{e}");
    }

    #[test]
    fn a_truncated_jpeg_passes_with_a_warning_and_a_truncated_png_does_not() {
        let photo = crate::sample::IMAGES[0].1;
        assert!(check_new("anh.jpg", photo).unwrap().complete);
        let half = &photo[..photo.len() / 2];
        let info = check_new("anh.jpg", half).unwrap();
        assert!(!info.complete);
        assert!(super::super::truncated_warning("anh.jpg").contains("cắt cụt"));

        let mut png = Vec::new();
        ::image::RgbImage::new(40, 30)
            .write_to(
                &mut std::io::Cursor::new(&mut png),
                ::image::ImageFormat::Png,
            )
            .unwrap();
        assert!(check_new("anh.png", &png).is_ok());
        png.truncate(png.len() / 2);
        assert_eq!(check_new("anh.png", &png).unwrap_err().code(), "bad_image");
    }
}
