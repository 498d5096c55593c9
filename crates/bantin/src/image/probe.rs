//! Reading an image's header: what it is, how large, which colours, which
//! way up, and whether its data is all there, without decoding a pixel.

use super::{Problem, exif};

/// The kinds of image a library keeps. JPEG and PNG are printed and
/// published; GIF and WebP are stored as pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    Webp,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Gif => "image/gif",
            Format::Webp => "image/webp",
        }
    }

    /// The name an editor knows the kind by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Gif => "GIF",
            Format::Webp => "WebP",
        }
    }
}

/// How the samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorType {
    Gray,
    GrayAlpha,
    Rgb,
    Rgba,
    Cmyk,
    Indexed,
}

/// What a header says about an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: Format,
    /// Size of the pixels as stored (before EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub color: ColorType,
    /// Bits per sample.
    pub bit_depth: u8,
    /// EXIF orientation, 1–8 (1 = as stored, also when the file says none).
    pub orientation: u8,
    /// An Adobe JPEG (APP14), whose CMYK samples are stored inverted.
    pub adobe: bool,
    /// Whether the data reaches the end the format marks (JPEG `EOI`, PNG
    /// `IEND`). A file cut short still opens, with its lower part grey.
    pub complete: bool,
}

impl ImageInfo {
    /// Width and height as the picture is seen (EXIF 5–8 turn it).
    pub fn upright_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// The kind of image from the file's first bytes; `None` for anything that
/// is not an image we keep.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.len() < 12 {
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else if &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// Reads the header of a JPEG, PNG, GIF or WebP.
pub fn probe(bytes: &[u8]) -> Result<ImageInfo, Problem> {
    match sniff(bytes).ok_or(Problem::NotAnImage)? {
        Format::Jpeg => jpeg(bytes),
        Format::Png => png(bytes),
        Format::Gif => {
            let w = u16::from_le_bytes([bytes[6], bytes[7]]);
            let h = u16::from_le_bytes([bytes[8], bytes[9]]);
            Ok(other(Format::Gif, w.into(), h.into(), ColorType::Indexed))
        }
        Format::Webp => webp(bytes),
    }
}

fn other(format: Format, width: u32, height: u32, color: ColorType) -> ImageInfo {
    ImageInfo {
        format,
        width,
        height,
        color,
        bit_depth: 8,
        orientation: 1,
        adobe: false,
        complete: true,
    }
}

/// Walks the JPEG marker segments up to the start of the scan.
fn jpeg(bytes: &[u8]) -> Result<ImageInfo, Problem> {
    const BAD: Problem = Problem::Corrupt("phần đầu tệp JPEG không đọc được");
    let mut i = 2;
    let mut adobe = false;
    let mut orientation = 1;
    let mut frame = None;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(BAD);
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if (0xD0..=0xD9).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 {
            return Err(BAD);
        }
        if marker == 0xDA {
            let (width, height, bit_depth, color) = frame.ok_or(BAD)?;
            // Entropy-coded data never holds FF D9 (a data FF is followed
            // by 00 or a restart marker), so an EOI after the scan header
            // means the file reaches its end.
            let complete = bytes[i..].windows(2).rev().any(|w| w == [0xFF, 0xD9]);
            return Ok(ImageInfo {
                format: Format::Jpeg,
                width,
                height,
                color,
                bit_depth,
                orientation,
                adobe: adobe && color == ColorType::Cmyk,
                complete,
            });
        }
        let seg = bytes.get(i + 4..i + 2 + len).ok_or(BAD)?;
        match marker {
            0xEE if seg.starts_with(b"Adobe") => adobe = true,
            0xE1 => orientation = exif::orientation(seg).unwrap_or(orientation),
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) && frame.is_none() => {
                if seg.len() < 6 {
                    return Err(BAD);
                }
                let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
                let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
                let color = match seg[5] {
                    1 => ColorType::Gray,
                    3 => ColorType::Rgb,
                    4 => ColorType::Cmyk,
                    _ => return Err(Problem::Corrupt("JPEG có số kênh màu không hỗ trợ")),
                };
                frame = Some((width, height, seg[0], color));
            }
            _ => {}
        }
        i += 2 + len;
    }
    Err(BAD)
}

fn png(bytes: &[u8]) -> Result<ImageInfo, Problem> {
    const BAD: Problem = Problem::Corrupt("phần đầu tệp PNG không đọc được");
    let ihdr = bytes.get(8..33).ok_or(BAD)?;
    if &ihdr[4..8] != b"IHDR" {
        return Err(BAD);
    }
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let color = match ihdr[17] {
        0 => ColorType::Gray,
        2 => ColorType::Rgb,
        3 => ColorType::Indexed,
        4 => ColorType::GrayAlpha,
        6 => ColorType::Rgba,
        _ => return Err(BAD),
    };
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    Ok(ImageInfo {
        format: Format::Png,
        width: be32(&ihdr[8..12]),
        height: be32(&ihdr[12..16]),
        color,
        bit_depth: ihdr[16],
        orientation: 1,
        adobe: false,
        complete: tail.windows(4).any(|w| w == b"IEND"),
    })
}

/// The canvas size of a WebP (lossy, lossless or extended).
fn webp(bytes: &[u8]) -> Result<ImageInfo, Problem> {
    const BAD: Problem = Problem::Corrupt("phần đầu tệp WebP không đọc được");
    let b = bytes.get(..30).ok_or(BAD)?;
    let le24 = |i: usize| u32::from(b[i]) | u32::from(b[i + 1]) << 8 | u32::from(b[i + 2]) << 16;
    let (w, h) = match &b[12..16] {
        b"VP8X" => (le24(24) + 1, le24(27) + 1),
        b"VP8 " => (
            u32::from(u16::from_le_bytes([b[26], b[27]]) & 0x3FFF),
            u32::from(u16::from_le_bytes([b[28], b[29]]) & 0x3FFF),
        ),
        b"VP8L" => {
            let v = u32::from_le_bytes([b[21], b[22], b[23], b[24]]);
            ((v & 0x3FFF) + 1, ((v >> 14) & 0x3FFF) + 1)
        }
        _ => return Err(BAD),
    };
    Ok(other(Format::Webp, w, h, ColorType::Rgb))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(w: u32, h: u32, color: png::ColorType) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(color);
        let mut wr = enc.write_header().unwrap();
        let n = (w * h) as usize * color.samples();
        wr.write_image_data(&vec![0; n]).unwrap();
        wr.finish().unwrap();
        out
    }

    #[test]
    fn kinds_by_signature() {
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01"),
            Some(Format::Jpeg)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\x0d"), Some(Format::Png));
        assert_eq!(sniff(b"GIF89a\x02\0\x03\0\0\0"), Some(Format::Gif));
        assert_eq!(sniff(b"this is not an image at all"), None);
        assert_eq!(probe(b"GIF89a\x02\0\x03\0\0\0").unwrap().width, 2);
    }

    #[test]
    fn png_header_and_completeness() {
        let bytes = png_bytes(7, 3, png::ColorType::Rgba);
        let info = probe(&bytes).unwrap();
        assert_eq!(
            (info.width, info.height, info.color),
            (7, 3, ColorType::Rgba)
        );
        assert!(info.complete);
        let cut = &bytes[..bytes.len() - 20];
        assert!(!probe(cut).unwrap().complete);
    }

    #[test]
    fn jpeg_header_and_completeness() {
        let photo = crate::sample::IMAGES[0].1;
        let info = probe(photo).unwrap();
        assert_eq!((info.width, info.height), (1600, 1067));
        assert_eq!(
            (info.format, info.color, info.bit_depth),
            (Format::Jpeg, ColorType::Rgb, 8)
        );
        assert!(info.complete);
        let half = &photo[..photo.len() / 2];
        let info = probe(half).unwrap();
        assert!(!info.complete, "a JPEG cut in half is seen");
        assert_eq!(info.width, 1600);
        assert!(probe(&photo[..40]).is_err());
    }
}
