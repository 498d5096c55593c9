//! Web-sized copies of an article's images, and the portal thumbnail.
//!
//! Every image is decoded and encoded again, never copied: that is what
//! strips the camera's metadata (GPS position, owner, serial number) and
//! makes the output depend only on the pixels. Photos stay JPEG (quality
//! 85), graphics stay PNG so text and lines stay sharp.
//!
//! Decoding is bounded: the header is read first and anything over
//! [`MAX_IMAGE_PIXELS`] is refused before a pixel buffer exists, and the
//! decoder itself runs with `image::Limits`, so a "decompression bomb" (a
//! small file claiming a huge picture) or a corrupt file is a clear error,
//! never an out-of-memory abort.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::imageops::FilterType as ResizeFilter;
use image::metadata::Orientation;
use image::{DynamicImage, ImageError, ImageFormat, ImageReader, Limits};

use super::resample;

/// Longest side of a web image; portals show articles at most ~1200 px wide
/// and this leaves room for high-density screens.
pub const MAX_SIDE: u32 = 1600;

/// Largest picture we decode: 50 megapixels covers every phone and office
/// camera, and its RGBA buffer (200 MB) still fits an office PC.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// The portal's ảnh đại diện: 3:2, as its article lists show it.
pub const THUMBNAIL_SIZE: (u32, u32) = (600, 400);

const JPEG_QUALITY: u8 = 85;

/// Longest side the decoder accepts at all (checked before the pixel count).
const MAX_DIMENSION: u32 = 30_000;

/// Decoder memory ceiling, a little above what `MAX_IMAGE_PIXELS` needs.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

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
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        Ok(other) => {
            let name = other.extensions_str().first().map(|e| e.to_uppercase());
            return Err(ImageFailure::Unsupported(name));
        }
        Err(_) => return Err(ImageFailure::Unsupported(None)),
    };
    let reader = |limits: Limits| {
        let mut r = ImageReader::with_format(Cursor::new(bytes), format);
        r.limits(limits);
        r
    };
    // Header first (tiny allocations only): refuse a bomb by its claimed
    // size, with that size in the message, before any pixel buffer exists.
    let (w, h) = reader(Limits::default())
        .into_dimensions()
        .map_err(|e| failure(e, None))?;
    if w == 0 || h == 0 {
        return Err(ImageFailure::Corrupt("ảnh có kích thước 0".into()));
    }
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(ImageFailure::TooLarge(w, h));
    }
    let mut img = reader(limits())
        .decode()
        .map_err(|e| failure(e, Some((w, h))))?;
    if format == ImageFormat::Jpeg
        && let Some(o) = jpeg_orientation(bytes).and_then(Orientation::from_exif)
    {
        img.apply_orientation(o);
    }
    let img = shrink(img, MAX_SIDE);
    let web = match format {
        ImageFormat::Png => encode_png(&img)?,
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

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_DIMENSION);
    l.max_image_height = Some(MAX_DIMENSION);
    l.max_alloc = Some(MAX_DECODE_BYTES);
    l
}

fn failure(e: ImageError, size: Option<(u32, u32)>) -> ImageFailure {
    match e {
        ImageError::Limits(_) => match size {
            Some((w, h)) => ImageFailure::TooLarge(w, h),
            None => ImageFailure::Corrupt("ảnh khai báo kích thước vượt giới hạn".into()),
        },
        ImageError::Unsupported(u) => ImageFailure::Corrupt(format!("định dạng không hỗ trợ: {u}")),
        ImageError::IoError(_) => ImageFailure::Corrupt("tệp ảnh bị cắt cụt".into()),
        other => ImageFailure::Corrupt(other.to_string()),
    }
}

/// Scales down (never up) so the long side is at most `max`, rounding the
/// short side to the nearest pixel.
fn shrink(img: DynamicImage, max: u32) -> DynamicImage {
    let (w, h) = (u64::from(img.width()), u64::from(img.height()));
    if w.max(h) <= u64::from(max) {
        return img;
    }
    let m = u64::from(max);
    let (nw, nh) = if w >= h {
        (m, (h * m + w / 2) / w)
    } else {
        ((w * m + h / 2) / h, m)
    };
    resample::shrink_to(img, nw.max(1) as u32, nh.max(1) as u32)
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
        .map_err(|e| ImageFailure::Corrupt(e.to_string()))?;
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
        .map_err(|e| ImageFailure::Corrupt(e.to_string()))?;
    Ok(WebImage {
        bytes,
        ext: "png",
        width: img.width(),
        height: img.height(),
    })
}

/// The EXIF orientation (1–8) of a JPEG, read from its APP1 segment.
///
/// Phones store a portrait photo sideways and say so only here; decoders
/// return the stored pixels. Walks the marker segments up to the start of
/// the scan; anything malformed just means "no orientation".
pub(crate) fn jpeg_orientation(jpeg: &[u8]) -> Option<u8> {
    let mut pos = 2; // after SOI
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    while pos + 4 <= jpeg.len() {
        if jpeg[pos] != 0xFF {
            return None;
        }
        let marker = jpeg[pos + 1];
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            return None; // scan data or end: no more headers
        }
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        let body = jpeg.get(pos + 4..pos + 2 + len)?;
        if marker == 0xE1
            && let Some(tiff) = body.strip_prefix(b"Exif\0\0")
            && let Some(o) = tiff_orientation(tiff)
        {
            return Some(o);
        }
        pos += 2 + len;
    }
    None
}

/// Tag 0x0112 of IFD0 in a TIFF structure (either byte order).
fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let read16 = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let read32 = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    if read16(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(read32(4)?).ok()?;
    let entries = usize::from(read16(ifd)?);
    for i in 0..entries {
        let entry = ifd.checked_add(2 + 12 * i)?;
        // Type 3 = SHORT, count 1: the value sits in the entry itself.
        if read16(entry)? == 0x0112 && read16(entry + 2)? == 3 {
            let v = read16(entry + 8)?;
            return u8::try_from(v).ok().filter(|v| (1..=8).contains(v));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_in_either_byte_order() {
        for little in [true, false] {
            let w16 = |v: u16| {
                if little {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                }
            };
            let w32 = |v: u32| {
                if little {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                }
            };
            let mut seg = b"Exif\0\0".to_vec();
            seg.extend(if little { b"II" } else { b"MM" });
            seg.extend(w16(42));
            seg.extend(w32(8));
            seg.extend(w16(2));
            // An unrelated tag first (Make), then Orientation = 8.
            seg.extend(w16(0x010F));
            seg.extend(w16(2));
            seg.extend(w32(4));
            seg.extend(b"Cam\0");
            seg.extend(w16(0x0112));
            seg.extend(w16(3));
            seg.extend(w32(1));
            seg.extend(w16(8));
            seg.extend([0, 0]);
            let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xE1];
            jpeg.extend(((seg.len() + 2) as u16).to_be_bytes());
            jpeg.extend(seg);
            jpeg.extend([0xFF, 0xDA, 0, 2]);
            assert_eq!(jpeg_orientation(&jpeg), Some(8));
        }
        assert_eq!(
            jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]),
            None
        );
        assert_eq!(jpeg_orientation(b"not a jpeg"), None);
    }
}
