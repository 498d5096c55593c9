//! Reading images for embedding: JPEGs pass through untouched, PNGs are
//! decoded to 8-bit pixels.
//!
//! Re-encoding photos is what made exports slow and soft (DESIGN §5), so a
//! JPEG is embedded as its original bytes with `/DCTDecode`; only its header
//! is read here for size and colour space. PNGs have no PDF filter of their
//! own that keeps alpha simply, so they are decoded and composited on white.
//! Anything else, or anything too large to be a sane print image, is refused
//! with a reason that the layout turns into a placeholder and a warning.

/// Larger than any photo a bulletin needs; guards memory against bad files.
pub const MAX_PIXELS: u64 = 100_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImageEncoding {
    /// The JPEG file as it was (`/DCTDecode`).
    Jpeg(Vec<u8>),
    /// Raw 8-bit samples, row by row (compressed by the PDF writer).
    Raw(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImageData {
    pub width: u32,
    pub height: u32,
    pub color: ColorSpace,
    pub encoding: ImageEncoding,
    /// Adobe CMYK JPEGs store inverted samples.
    pub invert_cmyk: bool,
}

pub fn decode(bytes: &[u8]) -> Result<ImageData, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else {
        Err("không phải ảnh JPEG hay PNG".into())
    }
}

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 {
        return Err("ảnh có kích thước 0".into());
    }
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!("ảnh quá lớn ({w}×{h} điểm ảnh)"));
    }
    Ok(())
}

/// Walks the JPEG markers up to the first start-of-frame.
fn jpeg(bytes: &[u8]) -> Result<ImageData, String> {
    let bad = || "tệp JPEG hỏng".to_string();
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(bad());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if (0xD0..=0xD9).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let seg = bytes.get(i + 4..i + 2 + len).ok_or_else(bad)?;
        if marker == 0xEE && seg.starts_with(b"Adobe") {
            adobe = true;
        }
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            if seg.len() < 6 {
                return Err(bad());
            }
            if seg[0] != 8 {
                return Err("JPEG không phải 8 bit".into());
            }
            let h = u16::from_be_bytes([seg[1], seg[2]]) as u32;
            let w = u16::from_be_bytes([seg[3], seg[4]]) as u32;
            check_size(w, h)?;
            let color = match seg[5] {
                1 => ColorSpace::Gray,
                3 => ColorSpace::Rgb,
                4 => ColorSpace::Cmyk,
                n => return Err(format!("JPEG có {n} kênh màu")),
            };
            return Ok(ImageData {
                width: w,
                height: h,
                color,
                encoding: ImageEncoding::Jpeg(bytes.to_vec()),
                invert_cmyk: adobe && color == ColorSpace::Cmyk,
            });
        }
        i += 2 + len;
    }
    Err(bad())
}

fn png(bytes: &[u8]) -> Result<ImageData, String> {
    let err = |e: png::DecodingError| format!("tệp PNG hỏng: {e}");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(err)?;
    check_size(header.width, header.height)?;
    let mut reader = decoder.read_info().map_err(err)?;
    let size = reader.output_buffer_size().ok_or("ảnh PNG quá lớn")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(err)?;
    buf.truncate(info.buffer_size());
    let over_white = |v: u8, a: u8| ((v as u16 * a as u16 + 255 * (255 - a as u16)) / 255) as u8;
    let (color, raw) = match info.color_type {
        png::ColorType::Grayscale => (ColorSpace::Gray, buf),
        png::ColorType::GrayscaleAlpha => (
            ColorSpace::Gray,
            buf.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Rgb => (ColorSpace::Rgb, buf),
        png::ColorType::Rgba => (
            ColorSpace::Rgb,
            buf.chunks_exact(4)
                .flat_map(|p| [0, 1, 2].map(|k| over_white(p[k], p[3])))
                .collect(),
        ),
        png::ColorType::Indexed => return Err("PNG bảng màu không giải được".into()),
    };
    Ok(ImageData {
        width: info.width,
        height: info.height,
        color,
        encoding: ImageEncoding::Raw(raw),
        invert_cmyk: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_and_reads_png() {
        assert!(decode(b"GIF89a....").is_err());
        assert!(decode(&[0xFF, 0xD8, 0xFF, 0xC0, 0, 2]).is_err());
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, 3, 2);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[0u8; 24]).unwrap();
        }
        let img = decode(&out).unwrap();
        assert_eq!((img.width, img.height, img.color), (3, 2, ColorSpace::Rgb));
        // Fully transparent black becomes white paper.
        assert_eq!(img.encoding, ImageEncoding::Raw(vec![255; 18]));
    }
}
