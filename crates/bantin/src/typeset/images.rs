//! Reading images for embedding: JPEGs pass through untouched, PNGs are
//! decoded to 8-bit pixels at print size.
//!
//! Re-encoding photos is what made exports slow and soft (DESIGN §5), so a
//! JPEG is embedded as its original bytes with `/DCTDecode`; only its header
//! is read here (by the image kernel's probe). PNGs have no PDF filter of
//! their own that keeps alpha simply, so they are decoded row by row,
//! composited on white and shrunk to what their frame shows at 300 dpi as
//! they are read. What one export may decode and keep is bounded by the one
//! image policy ([`crate::image::limits`]); anything past it, or not a
//! sane print image, is refused with a reason that the layout turns into a
//! placeholder and a warning.

use crate::image::limits::{self, EXPORT_DECODED_PIXELS, EXPORT_HELD_PIXELS};
use crate::image::pixels::{Alpha, png_fit};
use crate::image::{ColorType, Format, Problem, probe};

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
    /// Pixels decoded to make this image (0 for a JPEG passed through).
    pub decoded: u64,
}

impl ImageData {
    /// Decoded pixels this image keeps in memory (0 for a JPEG, whose
    /// file is kept as it is).
    pub fn held_pixels(&self) -> u64 {
        match self.encoding {
            ImageEncoding::Jpeg(_) => 0,
            ImageEncoding::Raw(_) => u64::from(self.width) * u64::from(self.height),
        }
    }

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

/// An image read for printing, and whether its data was complete (a JPEG
/// cut short prints with its lower part grey: worth a warning).
pub struct Loaded {
    pub image: ImageData,
    pub complete: bool,
}

/// Reads `bytes` for a frame at most `max_w` × `max_h` points, given the
/// images this export already holds (`held`), which count against its
/// budget.
pub fn load(bytes: &[u8], max_w: f32, max_h: f32, held: &[ImageData]) -> Result<Loaded, Problem> {
    let info = probe(bytes)?;
    if let f @ (Format::Gif | Format::Webp) = info.format {
        return Err(Problem::Unsupported(f));
    }
    limits::check_size(info.width, info.height)?;
    match info.format {
        Format::Jpeg => jpeg(bytes, &info).map(|image| Loaded {
            image,
            complete: info.complete,
        }),
        Format::Png => {
            let (bw, bh) = limits::print_pixels(max_w, max_h);
            let (nw, nh) = limits::fit(info.width, info.height, bw, bh);
            let decoded: u64 = held.iter().map(|i| i.decoded).sum();
            let kept: u64 = held.iter().map(ImageData::held_pixels).sum();
            if decoded + info.pixels() > EXPORT_DECODED_PIXELS
                || kept + u64::from(nw) * u64::from(nh) > EXPORT_HELD_PIXELS
            {
                return Err(Problem::OverBudget);
            }
            let p = png_fit(bytes, bw, bh, Alpha::OverWhite)?;
            let color = if p.channels == 1 {
                ColorSpace::Gray
            } else {
                ColorSpace::Rgb
            };
            Ok(Loaded {
                image: ImageData {
                    width: p.width,
                    height: p.height,
                    color,
                    encoding: ImageEncoding::Raw(p.data),
                    invert_cmyk: false,
                    orientation: 1,
                    decoded: p.decoded,
                },
                complete: true,
            })
        }
        other => Err(Problem::Unsupported(other)),
    }
}

/// Reads an image at full size, outside any export (tests, one-off use).
pub fn decode(bytes: &[u8]) -> Result<ImageData, Problem> {
    load(bytes, f32::INFINITY, f32::INFINITY, &[]).map(|l| l.image)
}

/// A JPEG to pass through: only its header is read.
fn jpeg(bytes: &[u8], info: &crate::image::ImageInfo) -> Result<ImageData, Problem> {
    if info.bit_depth != 8 {
        return Err(Problem::Corrupt("JPEG không phải 8 bit"));
    }
    let color = match info.color {
        ColorType::Gray => ColorSpace::Gray,
        ColorType::Cmyk => ColorSpace::Cmyk,
        _ => ColorSpace::Rgb,
    };
    let (width, height) = info.upright_size();
    Ok(ImageData {
        width,
        height,
        color,
        encoding: ImageEncoding::Jpeg(bytes.to_vec()),
        invert_cmyk: info.adobe,
        orientation: info.orientation,
        decoded: 0,
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

    #[test]
    fn an_export_past_its_budget_refuses_the_next_image() {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, 40, 30);
            enc.set_color(png::ColorType::Grayscale);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[0u8; 1200]).unwrap();
        }
        let first = load(&out, 100.0, 100.0, &[]).unwrap().image;
        assert_eq!(first.decoded, 1200);
        let spent = ImageData {
            decoded: EXPORT_DECODED_PIXELS - 1000,
            ..first.clone()
        };
        assert_eq!(
            load(&out, 100.0, 100.0, &[spent]).err(),
            Some(Problem::OverBudget)
        );
        // JPEGs are passed through: they cost the budget nothing.
        let photo = crate::sample::IMAGES[0].1;
        let jpeg = load(photo, 100.0, 100.0, &[]).unwrap().image;
        assert_eq!((jpeg.decoded, jpeg.held_pixels()), (0, 0));
    }

    #[test]
    fn pngs_are_kept_at_300_dpi_of_their_frame() {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, 3000, 1000);
            enc.set_color(png::ColorType::Rgb);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&vec![200u8; 9_000_000]).unwrap();
        }
        // A 3-inch frame: 900 pixels across.
        let img = load(&out, 216.0, 1000.0, &[]).unwrap().image;
        assert_eq!(
            (img.width, img.height, img.color),
            (900, 300, ColorSpace::Rgb)
        );
        assert_eq!(img.decoded, 3_000_000);
        assert_eq!(img.held_pixels(), 270_000);
    }
}

#[cfg(test)]
mod orientation_tests {
    use super::*;

    /// A JPEG with an EXIF APP1 segment saying `orientation`, in the given
    /// byte order, put in front of the sample photo (1600 × 1067).
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
                (1600, 1067, 1)
            );
            let sideways = decode(&with_orientation(6, big)).unwrap();
            assert_eq!(
                (sideways.width, sideways.height, sideways.orientation),
                (1067, 1600, 6)
            );
            assert_eq!(sideways.stored_size(), (1600, 1067));
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
                decoded: 0,
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
