//! Laid-out pages → PDF bytes, through printpdf's low-level operations.
//!
//! Facts about printpdf 0.12 this relies on (DESIGN §5): it neither shapes
//! nor measures (the layout did), it writes external fonts as 2-byte
//! Identity-H so `Tw` word spacing does nothing, and it subsets only with
//! its heavy `text_layout` feature. So:
//! - each face is subset here with `subsetter` and handed to printpdf as a
//!   ready `ParsedFont` (cmap and widths of the subset); its name carries a
//!   `XXXXXX+` tag derived from the glyph set, so readers see a subset;
//! - a line run is one `ShowText` with real spaces (copy-paste and
//!   `pdftotext` get the words back) and the justification stretch and the
//!   font's kerning as `TextItem::Offset`s, placed absolutely by a text matrix;
//! - JPEGs are embedded as their original bytes (an image XObject with
//!   `/DCTDecode`), PNG pixels as a Flate-compressed image XObject;
//! - printpdf draws random resource ids, a random trailer `/ID`, and sorts
//!   bookmarks of a page by name; we name resources ourselves, write the
//!   outline into the lopdf document ourselves and derive the `/ID` from the
//!   content, so the same input always gives the same bytes.

mod finish;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, ColorArray, CurTransMat, DictItem, ExternalStream, ExternalXObject,
    FontId, FontType, HighlightingMode, Line, LinePoint, LinkAnnotation, Mm, Op, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
    XObjectId, XObjectTransform,
};

use crate::typeset::{ColorSpace, FontSet, FontStyle, ImageEncoding, Item, Laid};
use finish::Fnv;

#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    pub title: String,
    pub author: String,
    pub subject: Option<String>,
    /// Passed in, never read from the clock: same input, same bytes.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "Không nhúng được phông chữ vào tệp PDF. Hãy thử lại; nếu vẫn lỗi, hãy chọn phông chữ khác hoặc báo cho người hỗ trợ.\nChi tiết kỹ thuật: {style:?}: {reason}"
    )]
    Subset { style: FontStyle, reason: String },
    #[error(
        "Không tạo được tệp PDF. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ.\nChi tiết kỹ thuật: {0}"
    )]
    Write(String),
    #[error("Đã hủy theo yêu cầu; không có tệp nào được ghi.")]
    Cancelled,
}

pub fn write_pdf(laid: &Laid, fonts: &FontSet, info: &PdfInfo) -> Result<Vec<u8>, PdfError> {
    write_pdf_with_progress(laid, fonts, info, &mut |_, _| true)
}

/// Like `write_pdf`, telling `progress(pages done, pages)` after each page;
/// when it answers `false` the writing stops with `PdfError::Cancelled`.
pub fn write_pdf_with_progress(
    laid: &Laid,
    fonts: &FontSet,
    info: &PdfInfo,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&info.title);
    set_metadata(&mut doc, info);

    let used = used_chars(laid);
    let mut font_ids: BTreeMap<FontStyle, FontId> = BTreeMap::new();
    for (style, chars) in &used {
        let parsed = subset_font(fonts, *style, chars)?;
        let id = FontId(format!("F{}", *style as u8 + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        font_ids.insert(*style, id);
    }
    let image_ids: Vec<XObjectId> = laid
        .images
        .iter()
        .enumerate()
        .map(|(k, img)| {
            let id = XObjectId(format!("Im{}", k + 1));
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), printpdf::XObject::External(image_xobject(img)));
            id
        })
        .collect();

    let total = laid.pages.len();
    let mut pages: Vec<PdfPage> = Vec::with_capacity(total);
    for (k, p) in laid.pages.iter().enumerate() {
        let ops = page_ops(p, fonts, &font_ids, &image_ids, &laid.images);
        pages.push(PdfPage::new(
            Mm::from(Pt(p.width)),
            Mm::from(Pt(p.height)),
            ops,
        ));
        if !progress(k + 1, total) {
            return Err(PdfError::Cancelled);
        }
    }
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        subset_fonts: false,
        ..Default::default()
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    finish::finish(&mut lo, laid, info);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

fn set_metadata(doc: &mut PdfDocument, info: &PdfInfo) {
    use chrono::{Datelike, Timelike};
    let c = info.created;
    let off = c.offset().local_minus_utc();
    let dt = printpdf::DateTime {
        date: printpdf::Date {
            year: c.year(),
            month: c.month() as u8,
            day: c.day() as u8,
        },
        time: printpdf::Time {
            hour: c.hour() as u8,
            minute: c.minute() as u8,
            second: c.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: (off / 3600) as i8,
            minutes: ((off.abs() % 3600) / 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let i = &mut doc.metadata.info;
    i.document_title = info.title.clone();
    i.author = info.author.clone();
    i.subject = info.subject.clone().unwrap_or_default();
    i.creator = "Bản Tin".into();
    i.producer = "Bản Tin".into();
    i.creation_date = dt;
    i.modification_date = dt;
    i.metadata_date = dt;
}

fn used_chars(laid: &Laid) -> BTreeMap<FontStyle, BTreeSet<char>> {
    let mut used: BTreeMap<FontStyle, BTreeSet<char>> = BTreeMap::new();
    for p in &laid.pages {
        for it in &p.items {
            if let Item::Text { style, text, .. } = it {
                used.entry(*style).or_default().extend(text.chars());
            }
        }
    }
    used
}

/// Subsets one face to the characters used and wraps it for printpdf.
fn subset_font(
    fonts: &FontSet,
    style: FontStyle,
    chars: &BTreeSet<char>,
) -> Result<ParsedFont, PdfError> {
    let face = fonts.face(style);
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    let mut pairs = Vec::new();
    for &c in chars {
        let g = face.glyph(c).unwrap_or(0);
        pairs.push((c, g, remapper.remap(g)));
    }
    let bytes =
        subsetter::subset(face.data(), face.index(), &remapper).map_err(|e| PdfError::Subset {
            style,
            reason: format!("{e:?}"),
        })?;
    let mut codepoint_to_glyph = BTreeMap::new();
    let mut glyph_widths = BTreeMap::new();
    glyph_widths.insert(0, face.glyph_advance(0));
    for (c, old, new) in pairs {
        codepoint_to_glyph.insert(c as u32, new);
        glyph_widths.insert(new, face.glyph_advance(old));
    }
    // The subset tag must differ between different glyph sets of one face.
    let mut h = Fnv::new();
    h.write(face.postscript_name.as_bytes());
    for c in chars {
        h.write(&(*c as u32).to_le_bytes());
    }
    let tag: String = (0..6)
        .map(|k| (b'A' + ((h.0 >> (k * 5)) % 26) as u8) as char)
        .collect();
    let (x0, y0, x1, y1) = face.bbox;
    let italic = face.italic_angle.to_radians().tan();
    Ok(ParsedFont {
        font_type: if bytes.starts_with(b"OTTO") {
            FontType::OpenTypeCFF(())
        } else {
            FontType::TrueType
        },
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!("{tag}+{}", face.postscript_name)),
        codepoint_to_glyph,
        glyph_widths,
        units_per_em: face.units_per_em,
        font_metrics: printpdf::FontMetrics {
            ascent: face.ascender,
            descent: face.descender,
        },
        pdf_font_metrics: printpdf::PdfFontMetricsStub {
            units_per_em: face.units_per_em,
            x_min: x0,
            y_min: y0,
            x_max: x1,
            y_max: y1,
            caret_slope_rise: if italic == 0.0 { 1 } else { 1000 },
            caret_slope_run: if italic == 0.0 {
                0
            } else {
                (-italic * 1000.0) as i16
            },
            us_weight_class: face.weight,
        },
    })
}

fn image_xobject(img: &crate::typeset::ImageData) -> ExternalXObject {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    let (stored_w, stored_h) = img.stored_size();
    dict.insert("Width".to_string(), DictItem::Int(stored_w as i64));
    dict.insert("Height".to_string(), DictItem::Int(stored_h as i64));
    let (cs, n) = match img.color {
        ColorSpace::Gray => ("DeviceGray", 1),
        ColorSpace::Rgb => ("DeviceRGB", 3),
        ColorSpace::Cmyk => ("DeviceCMYK", 4),
    };
    dict.insert("ColorSpace".to_string(), name(cs));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    if img.invert_cmyk {
        let decode = (0..n)
            .flat_map(|_| [DictItem::Int(1), DictItem::Int(0)])
            .collect();
        dict.insert("Decode".to_string(), DictItem::Array(decode));
    }
    let (content, compress) = match &img.encoding {
        ImageEncoding::Jpeg(bytes) => {
            dict.insert("Filter".to_string(), name("DCTDecode"));
            (bytes.clone(), false)
        }
        ImageEncoding::Raw(px) => (px.clone(), true),
    };
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

fn page_ops(
    page: &crate::typeset::Page,
    fonts: &FontSet,
    font_ids: &BTreeMap<FontStyle, FontId>,
    image_ids: &[XObjectId],
    images: &[crate::typeset::ImageData],
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut links = Vec::new();
    // Graphics first, then all text in one text object.
    ops.push(Op::SetOutlineColor { col: black() });
    for it in &page.items {
        match it {
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: line(&[(*x1, *y1), (*x2, *y2)], false),
                });
            }
            Item::Frame {
                x,
                y,
                w,
                h,
                thickness,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                let pts = [(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h)];
                ops.push(Op::DrawLine {
                    line: line(&pts, true),
                });
            }
            Item::Image { x, y, w, h, image } => {
                // One matrix places, scales and (for EXIF-rotated photos)
                // turns the unit-square image.
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw(images[*image].placement(*x, *y, *w, *h)),
                });
                ops.push(Op::UseXobject {
                    id: image_ids[*image].clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(0.0)),
                        translate_y: Some(Pt(0.0)),
                        scale_x: Some(1.0),
                        scale_y: Some(1.0),
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: black() });
    let mut current: Option<(FontStyle, f32)> = None;
    for it in &page.items {
        let Item::Text {
            x,
            y,
            style,
            size,
            text,
            word_space,
            width,
            link,
        } = it
        else {
            continue;
        };
        if current != Some((*style, *size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_ids[style].clone()),
                size: Pt(*size),
            });
            current = Some((*style, *size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(*x), Pt(*y)),
        });
        ops.push(Op::ShowText {
            items: text_items(fonts, *style, *size, text, *word_space),
        });
        if let Some(url) = link {
            let face = fonts.face(*style);
            let rect = printpdf::Rect {
                x: Pt(*x),
                y: Pt(y - face.descent(*size)),
                width: Pt(*width),
                height: Pt(face.ascent(*size) + face.descent(*size)),
                mode: None,
                winding_order: None,
            };
            links.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    rect,
                    Actions::Uri(url.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                ),
            });
        }
    }
    ops.push(Op::EndTextSection);
    ops.extend(links);
    ops
}

/// One run as text pieces separated by the offsets that reproduce the
/// layout's advances: kerning between glyphs, extra width after spaces.
fn text_items(
    fonts: &FontSet,
    style: FontStyle,
    size: f32,
    text: &str,
    word_space: f32,
) -> Vec<TextItem> {
    let face = fonts.face(style);
    let upm = face.units_per_em as f32;
    let mut items = Vec::new();
    let mut piece = String::new();
    let mut prev: Option<u16> = None;
    for c in text.chars() {
        let g = face.glyph(c).unwrap_or(0);
        let mut adjust = 0.0;
        if let Some(p) = prev {
            // TJ numbers are thousandths of an em, positive moving left.
            adjust -= face.kerning(p, g) as f32 * 1000.0 / upm;
        }
        if adjust != 0.0 {
            items.push(TextItem::Text(std::mem::take(&mut piece)));
            items.push(TextItem::Offset(adjust));
        }
        piece.push(c);
        if c == ' ' && word_space.abs() > 0.001 {
            items.push(TextItem::Text(std::mem::take(&mut piece)));
            items.push(TextItem::Offset(-word_space * 1000.0 / size));
        }
        prev = Some(g);
    }
    if !piece.is_empty() {
        items.push(TextItem::Text(piece));
    }
    items.retain(|i| !matches!(i, TextItem::Text(t) if t.is_empty()));
    items
}

fn black() -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn line(points: &[(f32, f32)], closed: bool) -> Line {
    Line {
        points: points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: Point { x: Pt(x), y: Pt(y) },
                bezier: false,
            })
            .collect(),
        is_closed: closed,
    }
}
