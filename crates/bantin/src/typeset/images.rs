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
    /// EXIF orientation (1–8; 1 = as stored). `width` and `height` above are
    /// as the photo is seen, so for 5–8 they are the stored ones swapped.
    pub orientation: u8,
}

impl ImageData {
    /// Width and height of the pixels as stored in the file.
    pub fn stored_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// The PDF matrix that draws the stored image (a unit square) upright in
    /// the box (x, y, w, h), turning or mirroring it as EXIF says. A phone
    /// held upright stores its photo sideways and says so only here.
    pub fn placement(&self, x: f32, y: f32, w: f32, h: f32) -> [f32; 6] {
        match self.orientation {
            2 => [-w, 0.0, 0.0, h, x + w, y],
            3 => [-w, 0.0, 0.0, -h, x + w, y + h],
            4 => [w, 0.0, 0.0, -h, x, y + h],
            5 => [0.0, -h, -w, 0.0, x + w, y + h],
            6 => [0.0, -h, w, 0.0, x, y + h],
            7 => [0.0, h, w, 0.0, x, y],
            8 => [0.0, h, -w, 0.0, x + w, y],
            _ => [w, 0.0, 0.0, h, x, y],
        }
    }
}

/// The orientation tag (0x0112) of an EXIF APP1 segment's first IFD.
fn exif_orientation(seg: &[u8]) -> Option<u8> {
    let tiff = seg.strip_prefix(b"Exif\0\0")?;
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| {
        tiff.get(i..i + 2).map(|b| {
            if big {
                u16::from_be_bytes([b[0], b[1]])
            } else {
                u16::from_le_bytes([b[0], b[1]])
            }
        })
    };
    let u32_at = |i: usize| {
        tiff.get(i..i + 4).map(|b| {
            let a = [b[0], b[1], b[2], b[3]];
            if big {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            }
        })
    };
    let ifd = u32_at(4)? as usize;
    let count = u16_at(ifd)? as usize;
    (0..count.min(256)).find_map(|k| {
        let e = ifd + 2 + k * 12;
        (u16_at(e)? == 0x0112)
            .then(|| u16_at(e + 8))
            .flatten()
            .map(|v| v as u8)
            .filter(|v| (1..=8).contains(v))
    })
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
    let mut orientation = 1;
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
        if marker == 0xE1 {
            orientation = exif_orientation(seg).unwrap_or(orientation);
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
            let (width, height) = if orientation >= 5 { (h, w) } else { (w, h) };
            return Ok(ImageData {
                width,
                height,
                color,
                encoding: ImageEncoding::Jpeg(bytes.to_vec()),
                invert_cmyk: adobe && color == ColorSpace::Cmyk,
                orientation,
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
        orientation: 1,
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

#[cfg(test)]
mod orientation_tests {
    use super::*;

    /// A JPEG with an EXIF APP1 segment saying `orientation`, in the given
    /// byte order, put in front of the sample photo (960 × 640).
    pub fn with_orientation(orientation: u16, big_endian: bool) -> Vec<u8> {
        let photo = crate::sample::IMAGES[0].1;
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut tiff = Vec::new();
        tiff.extend(if big_endian { b"MM" } else { b"II" });
        tiff.extend(u16b(42));
        tiff.extend(u32b(8));
        tiff.extend(u16b(1));
        tiff.extend(u16b(0x0112));
        tiff.extend(u16b(3));
        tiff.extend(u32b(1));
        tiff.extend(u16b(orientation));
        tiff.extend([0, 0]);
        tiff.extend(u32b(0));
        let mut seg = b"Exif\0\0".to_vec();
        seg.extend(tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend(((seg.len() + 2) as u16).to_be_bytes());
        out.extend(seg);
        out.extend(&photo[2..]);
        out
    }

    #[test]
    fn exif_orientation_turns_the_displayed_size() {
        for big in [true, false] {
            let upright = decode(&with_orientation(1, big)).unwrap();
            assert_eq!(
                (upright.width, upright.height, upright.orientation),
                (960, 640, 1)
            );
            let sideways = decode(&with_orientation(6, big)).unwrap();
            assert_eq!(
                (sideways.width, sideways.height, sideways.orientation),
                (640, 960, 6)
            );
            assert_eq!(sideways.stored_size(), (960, 640));
        }
    }

    #[test]
    fn placement_maps_the_unit_square_onto_the_box() {
        let apply =
            |m: [f32; 6], u: f32, v: f32| (m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]);
        let (x, y, w, h) = (10.0, 20.0, 30.0, 40.0);
        for o in 1..=8u8 {
            let img = ImageData {
                width: 3,
                height: 4,
                color: ColorSpace::Rgb,
                encoding: ImageEncoding::Raw(Vec::new()),
                invert_cmyk: false,
                orientation: o,
            };
            let m = img.placement(x, y, w, h);
            let mut corners: Vec<(i32, i32)> = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                .iter()
                .map(|&(u, v)| apply(m, u, v))
                .map(|(a, b)| (a.round() as i32, b.round() as i32))
                .collect();
            corners.sort();
            assert_eq!(
                corners,
                vec![(10, 20), (10, 60), (40, 20), (40, 60)],
                "orientation {o} fills the box"
            );
        }
        // Orientation 6 (phone held upright): the stored top row (v = 1)
        // becomes the right-hand edge.
        let img6 = ImageData {
            orientation: 6,
            ..decode(&with_orientation(6, true)).unwrap()
        };
        let m = img6.placement(x, y, w, h);
        assert_eq!(apply(m, 0.0, 1.0), (x + w, y + h));
        assert_eq!(apply(m, 1.0, 1.0), (x + w, y));
    }
}
