//! Decoding to the size a picture will be used at.
//!
//! A PNG is read row by row and each row goes straight into a
//! [`RowShrinker`], so a 10,000 × 10,000 graphic shown 15 cm wide never
//! exists in memory at full size: only the print-sized result and a few
//! rows do. The header is checked against the [`limits`] before anything is
//! allocated. A JPEG is decoded whole (the decoder cannot stream), bounded
//! by the same limits, and shrunk at once.

use std::io::Cursor;

use ::image::{DynamicImage, ImageBuffer, ImageFormat, ImageReader, Limits};

use super::resample::RowShrinker;
use super::{Problem, limits, probe};

/// 8-bit pixels, row by row: 1 (grey), 2 (grey, alpha), 3 (RGB) or
/// 4 (RGBA) samples each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub channels: usize,
    pub data: Vec<u8>,
    /// Pixels the decoder produced to make these (the source's size).
    pub decoded: u64,
}

/// What to do with transparency while decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alpha {
    /// Keep it (web images).
    Keep,
    /// Lay the picture on white paper (print), leaving grey or RGB.
    OverWhite,
}

/// Decodes a PNG to at most `max_w` × `max_h` pixels, proportions kept.
pub fn png_fit(bytes: &[u8], max_w: u32, max_h: u32, alpha: Alpha) -> Result<Pixels, Problem> {
    let mut shrinker = None;
    let mut dims = (0, 0, 0);
    let mut flat = Vec::new();
    png_rows(bytes, |w, h, channels, row| {
        let out_ch = match (alpha, channels) {
            (Alpha::OverWhite, 2) => 1,
            (Alpha::OverWhite, 4) => 3,
            (_, c) => c,
        };
        let s = shrinker.get_or_insert_with(|| {
            let (nw, nh) = limits::fit(w, h, max_w, max_h);
            dims = (nw, nh, out_ch);
            RowShrinker::new(w, h, out_ch, nw, nh)
        });
        if out_ch == channels {
            s.push(row);
        } else {
            flat.clear();
            flat.extend(row.chunks_exact(channels).flat_map(|p| {
                let a = u16::from(p[channels - 1]);
                p[..channels - 1]
                    .iter()
                    .map(move |&v| ((u16::from(v) * a + 255 * (255 - a)) / 255) as u8)
            }));
            s.push(&flat);
        }
    })
    .map(|decoded| {
        let (width, height, channels) = dims;
        Pixels {
            width,
            height,
            channels,
            data: shrinker.map(RowShrinker::finish).unwrap_or_default(),
            decoded,
        }
    })
}

/// Decodes every row of a PNG (8-bit, palette expanded) and hands each to
/// `row(width, height, channels, samples)`; returns the pixels decoded.
/// The header is judged by [`limits::check_size`] before any buffer exists.
pub(crate) fn png_rows(
    bytes: &[u8],
    mut row: impl FnMut(u32, u32, usize, &[u8]),
) -> Result<u64, Problem> {
    let corrupt = |e: png::DecodingError| match e {
        png::DecodingError::IoError(_) => Problem::Corrupt("tệp PNG bị cắt cụt"),
        png::DecodingError::LimitsExceeded => Problem::OverBudget,
        _ => Problem::Corrupt("dữ liệu PNG không giải mã được"),
    };
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            // Enough for a whole interlaced picture at the size limit.
            bytes: (limits::MAX_PIXELS * 4 + (1 << 20)) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(corrupt)?;
    let (w, h) = (header.width, header.height);
    limits::check_size(w, h)?;
    let mut reader = decoder.read_info().map_err(corrupt)?;
    let channels = reader.output_color_type().0.samples();
    if reader.info().interlaced {
        // Interlaced rows arrive in seven passes: decode the whole picture
        // (bounded by the size limit), then hand over its rows in order.
        let size = reader.output_buffer_size().ok_or(Problem::OverBudget)?;
        let mut buf = vec![0; size];
        let info = reader.next_frame(&mut buf).map_err(corrupt)?;
        for r in buf.chunks_exact(info.line_size).take(h as usize) {
            row(w, h, channels, r);
        }
    } else {
        while let Some(r) = reader.next_row().map_err(corrupt)? {
            row(w, h, channels, r.data());
        }
    }
    Ok(u64::from(w) * u64::from(h))
}

/// Decodes a JPEG or PNG, upright (EXIF), shrunk to fit `max_w` × `max_h`.
/// Transparency is kept.
pub fn decode_fit(bytes: &[u8], max_w: u32, max_h: u32) -> Result<DynamicImage, Problem> {
    let info = probe(bytes)?;
    if let f @ (super::Format::Gif | super::Format::Webp) = info.format {
        return Err(Problem::Unsupported(f));
    }
    limits::check_size(info.width, info.height)?;
    match info.format {
        super::Format::Png => {
            let p = png_fit(bytes, max_w, max_h, Alpha::Keep)?;
            let image = match p.channels {
                1 => ImageBuffer::from_raw(p.width, p.height, p.data).map(DynamicImage::ImageLuma8),
                2 => {
                    ImageBuffer::from_raw(p.width, p.height, p.data).map(DynamicImage::ImageLumaA8)
                }
                3 => ImageBuffer::from_raw(p.width, p.height, p.data).map(DynamicImage::ImageRgb8),
                _ => ImageBuffer::from_raw(p.width, p.height, p.data).map(DynamicImage::ImageRgba8),
            };
            image.ok_or(Problem::Corrupt("dữ liệu PNG không giải mã được"))
        }
        super::Format::Jpeg => {
            let img = decode_jpeg(bytes, &info)?;
            // Shrink in stored orientation (less to turn), into the box
            // turned the same way.
            let (bw, bh) = if info.orientation >= 5 {
                (max_h, max_w)
            } else {
                (max_w, max_h)
            };
            let (nw, nh) = limits::fit(img.width(), img.height(), bw, bh);
            let mut img = if (nw, nh) == (img.width(), img.height()) {
                img
            } else {
                super::resample::shrink_to(img, nw, nh)
            };
            if let Some(o) = ::image::metadata::Orientation::from_exif(info.orientation) {
                img.apply_orientation(o);
            }
            Ok(img)
        }
        other => Err(Problem::Unsupported(other)),
    }
}

/// A whole JPEG, decoded with the decoder's own limits set to the policy.
pub(crate) fn decode_jpeg(bytes: &[u8], info: &super::ImageInfo) -> Result<DynamicImage, Problem> {
    let mut l = Limits::default();
    l.max_image_width = Some(limits::MAX_SIDE);
    l.max_image_height = Some(limits::MAX_SIDE);
    l.max_alloc = Some(limits::MAX_PIXELS * 4 + (64 << 20));
    let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg);
    reader.limits(l);
    // A hostile file must not take the app down with a decoder panic.
    std::panic::catch_unwind(move || reader.decode())
        .map_err(|_| Problem::Corrupt("dữ liệu JPEG không giải mã được"))?
        .map_err(|e| match e {
            ::image::ImageError::Limits(_) => Problem::TooLarge {
                width: info.width,
                height: info.height,
            },
            ::image::ImageError::IoError(_) => Problem::Corrupt("tệp JPEG bị cắt cụt"),
            _ => Problem::Corrupt("dữ liệu JPEG không giải mã được"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of zeros (it compresses to almost nothing at any size).
    pub(crate) fn zeros_png(w: u32, h: u32, color: png::ColorType) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(color);
            enc.set_compression(png::Compression::Fastest);
            let mut wr = enc.write_header().unwrap();
            let mut stream = wr.stream_writer().unwrap();
            let row = vec![0u8; w as usize * color.samples()];
            for _ in 0..h {
                std::io::Write::write_all(&mut stream, &row).unwrap();
            }
            stream.finish().unwrap();
        }
        out
    }

    #[test]
    fn big_png_shrinks_as_it_is_read() {
        let bytes = zeros_png(3000, 2000, png::ColorType::Rgba);
        let p = png_fit(&bytes, 300, 1000, Alpha::OverWhite).unwrap();
        assert_eq!((p.width, p.height, p.channels), (300, 200, 3));
        assert_eq!(p.decoded, 6_000_000);
        // Transparent black on white paper is white.
        assert!(p.data.iter().all(|&v| v == 255));
        let kept = png_fit(&bytes, 300, 1000, Alpha::Keep).unwrap();
        assert_eq!(kept.channels, 4);
        assert!(kept.data.iter().all(|&v| v == 0));
    }

    #[test]
    fn absurd_header_is_refused_before_decoding() {
        // A 40,000 × 40,000 header: the rows are never asked for.
        let mut bytes = zeros_png(4, 4, png::ColorType::Grayscale);
        bytes[16..20].copy_from_slice(&40_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&40_000u32.to_be_bytes());
        // Mend the IHDR checksum so only the size is wrong.
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            png_fit(&bytes, 100, 100, Alpha::Keep),
            Err(Problem::TooLarge {
                width: 40_000,
                height: 40_000
            })
        );
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    #[test]
    fn truncated_png_is_corrupt() {
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(::image::RgbImage::from_fn(64, 64, |x, y| {
            ::image::Rgb([(x * 3) as u8, (y * 5) as u8, 7])
        }))
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
        bytes.truncate(bytes.len() / 2);
        assert!(matches!(
            png_fit(&bytes, 10, 10, Alpha::Keep),
            Err(Problem::Corrupt(_))
        ));
    }

    #[test]
    fn jpeg_decodes_upright_and_small() {
        let photo = crate::sample::IMAGES[0].1;
        let img = decode_fit(photo, 480, 480).unwrap();
        assert_eq!((img.width(), img.height()), (480, 320));
    }
}
