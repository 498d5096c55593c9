//! Laid-out pages → SVG, for the page previews in the desktop app
//! (DESIGN §8): drawn from the same positioned runs, rules and images that
//! `pdf` writes, so a preview can never disagree with the print about where
//! a line breaks or a page ends.
//!
//! Text is set in the family the PDF embeds (`FontSet` names it; the
//! webview finds it among the system's fonts) and each run is stretched to
//! the width the layout gave it with `textLength`, so justified lines end
//! flush even where the webview's font differs slightly. Images are data
//! URLs (JPEGs as they are, other pixels as PNG), so the preview needs no
//! file and no network.

use std::fmt::Write;

use crate::html::escape;
use crate::typeset::{ColorSpace, FontSet, FontStyle, ImageData, ImageEncoding, Item, Laid};

/// One page as a standalone SVG document, sized in points.
pub fn page_svg(laid: &Laid, page: usize, fonts: &FontSet) -> Option<String> {
    let p = laid.pages.get(page)?;
    let (w, h) = (p.width, p.height);
    let family = escape(&fonts.regular.family);
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {w:.2} {h:.2}" width="{w:.2}" height="{h:.2}" font-family="{family}, 'Times New Roman', 'Liberation Serif', Tinos, serif"><rect width="100%" height="100%" fill="#fff"/>"##
    );
    for item in &p.items {
        match item {
            Item::Text {
                x,
                y,
                style,
                size,
                text,
                width,
                ..
            } => {
                if text.trim().is_empty() {
                    continue;
                }
                let weight = if style.is_bold() { "bold" } else { "normal" };
                let slant = if style.is_italic() {
                    "italic"
                } else {
                    "normal"
                };
                let _ = write!(
                    s,
                    r#"<text x="{x:.2}" y="{:.2}" font-size="{size:.2}" font-weight="{weight}" font-style="{slant}" xml:space="preserve""#,
                    h - y
                );
                if *width > 0.0 && text.contains(' ') {
                    let _ = write!(s, r#" textLength="{width:.2}" lengthAdjust="spacing""#);
                }
                let _ = write!(s, ">{}</text>", escape(text));
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            } => {
                let _ = write!(
                    s,
                    r##"<line x1="{x1:.2}" y1="{:.2}" x2="{x2:.2}" y2="{:.2}" stroke="#000" stroke-width="{thickness:.2}"/>"##,
                    h - y1,
                    h - y2
                );
            }
            Item::Frame {
                x,
                y,
                w: fw,
                h: fh,
                thickness,
            } => {
                let _ = write!(
                    s,
                    r##"<rect x="{x:.2}" y="{:.2}" width="{fw:.2}" height="{fh:.2}" fill="none" stroke="#000" stroke-width="{thickness:.2}"/>"##,
                    h - y - fh
                );
            }
            Item::Image {
                x,
                y,
                w: iw,
                h: ih,
                image,
            } => {
                if let Some(url) = laid.images.get(*image).and_then(data_url) {
                    let _ = write!(
                        s,
                        r#"<image x="{x:.2}" y="{:.2}" width="{iw:.2}" height="{ih:.2}" preserveAspectRatio="none" href="{url}" xlink:href="{url}"/>"#,
                        h - y - ih
                    );
                }
            }
        }
    }
    s.push_str("</svg>");
    Some(s)
}

/// The family a preview should ask for, for the UI's own use.
pub fn family(fonts: &FontSet) -> &str {
    &fonts.face(FontStyle::Regular).family
}

fn data_url(img: &ImageData) -> Option<String> {
    match &img.encoding {
        ImageEncoding::Jpeg(bytes) => Some(format!("data:image/jpeg;base64,{}", base64(bytes))),
        ImageEncoding::Raw(samples) => {
            let (w, h) = img.stored_size();
            let (color, pixels) = match img.color {
                ColorSpace::Gray => (png::ColorType::Grayscale, samples.clone()),
                ColorSpace::Rgb => (png::ColorType::Rgb, samples.clone()),
                ColorSpace::Cmyk => (
                    png::ColorType::Rgb,
                    samples
                        .chunks(4)
                        .flat_map(|p| {
                            let k = 255 - p.get(3).copied().unwrap_or(0) as u32;
                            let ch = |c: u8| ((255 - c as u32) * k / 255) as u8;
                            [ch(p[0]), ch(p[1]), ch(p[2])]
                        })
                        .collect(),
                ),
            };
            let mut out = Vec::new();
            {
                let mut enc = png::Encoder::new(&mut out, w, h);
                enc.set_color(color);
                enc.set_depth(png::BitDepth::Eight);
                let mut writer = enc.write_header().ok()?;
                writer.write_image_data(&pixels).ok()?;
            }
            Some(format!("data:image/png;base64,{}", base64(&out)))
        }
    }
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("Bản tin".as_bytes()), "QuG6o24gdGlu");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("<script>&\""), "&lt;script&gt;&amp;&quot;");
    }
}
