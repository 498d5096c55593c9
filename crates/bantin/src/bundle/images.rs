//! Web-sized copies of an article's images, and the portal thumbnail.
//!
//! Every image is decoded and encoded again, never copied: that is what
//! strips the camera's metadata (GPS position, owner, serial number) and
//! makes the output depend only on the pixels. Photos stay JPEG (quality
//! 85), graphics stay PNG so text and lines stay sharp.
//!
//! Decoding follows the one image policy ([`crate::image::limits`]): the
//! header is judged before a pixel buffer exists, a PNG is shrunk row by
//! row as it is read, and a JPEG is decoded within the same limits, so a
//! "decompression bomb" (a small file claiming a huge picture) or a corrupt
//! file is a clear error, never an out-of-memory abort.

use image::DynamicImage;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::imageops::FilterType as ResizeFilter;

use crate::image::{Format, Problem, pixels, resample};

/// Longest side of a web image; portals show articles at most ~1200 px wide
/// and this leaves room for high-density screens.
pub const MAX_SIDE: u32 = 1600;

/// Largest picture we take: the one policy of [`crate::image::limits`].
pub use crate::image::limits::MAX_PIXELS as MAX_IMAGE_PIXELS;

/// The portal's ảnh đại diện: 3:2, as its article lists show it.
pub const THUMBNAIL_SIZE: (u32, u32) = (600, 400);

const JPEG_QUALITY: u8 = 85;

/// An encoded web image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebImage {
    pub bytes: Vec<u8>,
    /// "jpg" or "png".
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Why one image could not be prepared; the caller adds which image it was.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ImageFailure {
    Unsupported(Option<String>),
    TooLarge(u32, u32),
    Corrupt(String),
}

/// A decoded, upright, web-sized image; kept so the thumbnail can be cut
/// from it without decoding the file a second time.
pub(crate) struct Prepared {
    pub web: WebImage,
    pub pixels: DynamicImage,
}

/// Decodes `bytes` (JPEG or PNG), turns it upright, shrinks it to
/// [`MAX_SIDE`] and encodes it for the web.
pub(crate) fn prepare(bytes: &[u8]) -> Result<Prepared, ImageFailure> {
    let img = pixels::decode_fit(bytes, MAX_SIDE, MAX_SIDE).map_err(|p| match p {
        Problem::NotAnImage => ImageFailure::Unsupported(None),
        Problem::Unsupported(f) => ImageFailure::Unsupported(Some(f.name().into())),
        Problem::TooLarge { width, height } => ImageFailure::TooLarge(width, height),
        Problem::Corrupt(how) => ImageFailure::Corrupt(how.into()),
        other => ImageFailure::Corrupt(other.reason()),
    })?;
    let web = match crate::image::sniff(bytes) {
        Some(Format::Png) => encode_png(&img)?,
        _ => encode_jpeg(&img)?,
    };
    Ok(Prepared { web, pixels: img })
}

/// The 3:2 thumbnail: the largest centred 3:2 crop, scaled to
/// [`THUMBNAIL_SIZE`], on white if the image had transparency.
pub(crate) fn thumbnail(img: &DynamicImage) -> Result<WebImage, ImageFailure> {
    let (tw, th) = THUMBNAIL_SIZE;
    let (w, h) = (img.width(), img.height());
    // Compare w:h with 3:2 in integers to avoid rounding surprises.
    let (cw, ch) = if u64::from(w) * u64::from(th) > u64::from(h) * u64::from(tw) {
        ((u64::from(h) * u64::from(tw) / u64::from(th)) as u32, h)
    } else {
        (w, (u64::from(w) * u64::from(th) / u64::from(tw)) as u32)
    };
    let (cw, ch) = (cw.max(1), ch.max(1));
    let crop = img.crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch);
    let small = if cw >= tw && ch >= th {
        resample::shrink_to(crop, tw, th)
    } else {
        // A small picture is enlarged; smooth interpolation hides the pixels.
        crop.resize_exact(tw, th, ResizeFilter::Triangle)
    };
    encode_jpeg(&small)
}

fn encode_jpeg(img: &DynamicImage) -> Result<WebImage, ImageFailure> {
    // JPEG has no alpha: flatten onto white, as the page behind it is.
    let rgb = if img.color().has_alpha() {
        let mut canvas = image::RgbImage::from_pixel(img.width(), img.height(), [255; 3].into());
        let rgba = img.to_rgba8();
        for (dst, src) in canvas.pixels_mut().zip(rgba.pixels()) {
            let a = u16::from(src[3]);
            for c in 0..3 {
                dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
            }
        }
        canvas
    } else if let Some(rgb) = img.as_rgb8() {
        return encode_rgb(rgb);
    } else {
        img.to_rgb8()
    };
    encode_rgb(&rgb)
}

fn encode_rgb(rgb: &image::RgbImage) -> Result<WebImage, ImageFailure> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .encode_image(rgb)
        .map_err(|_| ImageFailure::Corrupt("không mã hoá lại được ảnh".into()))?;
    Ok(WebImage {
        bytes,
        ext: "jpg",
        width: rgb.width(),
        height: rgb.height(),
    })
}

fn encode_png(img: &DynamicImage) -> Result<WebImage, ImageFailure> {
    // 16-bit and grey-alpha PNGs become 8-bit RGB(A): what every browser and
    // portal editor handles.
    let img = if img.color().has_alpha() {
        DynamicImage::ImageRgba8(img.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.to_rgb8())
    };
    let mut bytes = Vec::new();
    let enc =
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, FilterType::Adaptive);
    img.write_with_encoder(enc)
        .map_err(|_| ImageFailure::Corrupt("không mã hoá lại được ảnh".into()))?;
    Ok(WebImage {
        bytes,
        ext: "png",
        width: img.width(),
        height: img.height(),
    })
}
