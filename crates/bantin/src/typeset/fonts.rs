//! Fonts: finding the serif family on the system and measuring text with it.
//!
//! Layout and the PDF writer must agree on every advance, so both read the
//! metrics parsed here (cmap, advances, kerning) and nothing else. Parsing
//! happens once per face; measuring is then plain table look-ups, which is
//! what keeps a 100-page layout within its time budget.
//!
//! Kerning comes from the legacy `kern` table only (GPOS pair kerning is not
//! read). Word does not kern body text by default, so for the metric-compatible
//! fonts this keeps our line breaks closer to Word's, not further.
//!
//! A character the font has no glyph for is not silently dropped: layout
//! replaces it by '?' and records a warning (see `layout::Cx::clean`).

use std::collections::HashMap;
use std::sync::Arc;

/// The four faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum FontStyle {
    #[default]
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub fn new(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }
    pub fn is_bold(self) -> bool {
        matches!(self, FontStyle::Bold | FontStyle::BoldItalic)
    }
    pub fn is_italic(self) -> bool {
        matches!(self, FontStyle::Italic | FontStyle::BoldItalic)
    }
    pub fn with_italic(self, italic: bool) -> Self {
        Self::new(self.is_bold(), italic)
    }
    pub fn with_bold(self, bold: bool) -> Self {
        Self::new(bold, self.is_italic())
    }
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("Không tìm thấy phông chữ {tried} ({style}). {}", hint())]
    NotFound { tried: String, style: &'static str },
    #[error(
        "Không đọc được tệp phông chữ {name}: tệp bị hỏng hoặc không phải phông chữ. Hãy chọn phông chữ khác, hoặc cài lại phông chữ này.\nChi tiết kỹ thuật: {reason}"
    )]
    Parse { name: String, reason: String },
}

impl FontError {
    /// What to install, for messages that want it on its own line.
    pub fn hint(&self) -> &'static str {
        hint()
    }
}

fn hint() -> &'static str {
    "Hãy cài Times New Roman (có sẵn trên Windows) hoặc Liberation Serif \
     (Debian/Ubuntu: sudo apt-get install fonts-liberation2)."
}

/// Letters a face must have before we accept it for Vietnamese text.
const VIETNAMESE_PROBE: &str = "ĐđƯưƠơĂăÂâÊêÔôệửẫỹằọ";

/// Families tried after the user's choice, in order (DESIGN §5).
pub const FALLBACK_FAMILIES: [&str; 3] = ["Times New Roman", "Liberation Serif", "Tinos"];

/// One parsed face: what measuring and embedding need, detached from the
/// borrowed `ttf_parser::Face` so it can live in a long-lived `FontSet`.
#[derive(Debug, Clone)]
pub struct FontFace {
    pub family: String,
    pub postscript_name: String,
    data: Arc<Vec<u8>>,
    index: u32,
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    /// Font bounding box (x_min, y_min, x_max, y_max) in font units.
    pub bbox: (i16, i16, i16, i16),
    pub italic_angle: f32,
    pub weight: u16,
    /// The font's underline: centre of the stroke (negative is below the
    /// baseline) and thickness, in font units (`post` table).
    pub underline_position: i16,
    pub underline_thickness: i16,
    cmap: HashMap<char, u16>,
    advances: Vec<u16>,
    kern: HashMap<(u16, u16), i16>,
}

impl FontFace {
    pub fn from_bytes(data: Vec<u8>, index: u32) -> Result<Self, FontError> {
        let face = ttf_parser::Face::parse(&data, index).map_err(|e| FontError::Parse {
            name: "?".into(),
            reason: e.to_string(),
        })?;
        let name_of = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id && n.is_unicode())
                .find_map(|n| n.to_string())
        };
        let family = name_of(ttf_parser::name_id::FAMILY).unwrap_or_else(|| "Unknown".into());
        let postscript_name = name_of(ttf_parser::name_id::POST_SCRIPT_NAME)
            .unwrap_or_else(|| family.replace(' ', ""))
            // PDF names must stay plain ASCII without delimiters.
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();

        let mut cmap = HashMap::new();
        if let Some(table) = face.tables().cmap {
            for sub in table.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                        cmap.entry(c).or_insert(g.0);
                    }
                });
            }
        }
        let advances = (0..face.number_of_glyphs())
            .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
            .collect();
        let kern = kern_pairs(&face, &cmap);
        let rect = face.global_bounding_box();
        let upem = face.units_per_em();
        // A font without the metrics gets what common text faces have.
        let underline = face
            .underline_metrics()
            .filter(|m| m.thickness > 0)
            .map(|m| (m.position, m.thickness))
            .unwrap_or((-(upem as i16) / 10, (upem / 20).max(1) as i16));
        Ok(FontFace {
            family,
            postscript_name,
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            bbox: (rect.x_min, rect.y_min, rect.x_max, rect.y_max),
            italic_angle: face.italic_angle(),
            weight: face.weight().to_number(),
            underline_position: underline.0,
            underline_thickness: underline.1,
            cmap,
            advances,
            kern,
            index,
            data: Arc::new(data),
        })
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }
    pub fn index(&self) -> u32 {
        self.index
    }
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&c).copied()
    }
    pub fn has_char(&self, c: char) -> bool {
        self.cmap.contains_key(&c)
    }
    /// Advance of a glyph in font units.
    pub fn glyph_advance(&self, g: u16) -> u16 {
        self.advances.get(g as usize).copied().unwrap_or(0)
    }
    /// Kerning between two glyphs in font units (negative tightens).
    pub fn kerning(&self, left: u16, right: u16) -> i16 {
        if self.kern.is_empty() {
            return 0;
        }
        self.kern.get(&(left, right)).copied().unwrap_or(0)
    }
    /// Width of `s` at `size` pt, kerning included: the same sum the PDF
    /// writer reproduces with its kerning offsets.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let mut units: i64 = 0;
        let mut prev: Option<u16> = None;
        for c in s.chars() {
            let g = self.glyph(c).unwrap_or(0);
            units += self.glyph_advance(g) as i64;
            if let Some(p) = prev {
                units += self.kerning(p, g) as i64;
            }
            prev = Some(g);
        }
        units as f32 * size / self.units_per_em as f32
    }
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender as f32 * size / self.units_per_em as f32
    }
    /// Positive distance below the baseline.
    /// Distance of the underline's centre below the baseline, in pt.
    pub fn underline_offset(&self, size: f32) -> f32 {
        -(self.underline_position as f32) * size / self.units_per_em as f32
    }
    pub fn underline_thickness(&self, size: f32) -> f32 {
        self.underline_thickness as f32 * size / self.units_per_em as f32
    }
    pub fn descent(&self, size: f32) -> f32 {
        -(self.descender as f32) * size / self.units_per_em as f32
    }
    fn covers_vietnamese(&self) -> bool {
        VIETNAMESE_PROBE.chars().all(|c| self.has_char(c))
    }
}

/// Pairs worth kerning are among the characters Vietnamese text uses; looking
/// up only those keeps loading fast while `width` stays a hash look-up.
fn kern_pairs(face: &ttf_parser::Face, cmap: &HashMap<char, u16>) -> HashMap<(u16, u16), i16> {
    let mut out = HashMap::new();
    let Some(kern) = face.tables().kern else {
        return out;
    };
    let subtables: Vec<_> = kern
        .subtables
        .into_iter()
        .filter(|s| s.horizontal && !s.variable && !s.has_cross_stream && !s.has_state_machine)
        .collect();
    if subtables.is_empty() {
        return out;
    }
    let wanted = |c: char| {
        let u = c as u32;
        (0x20..0x7f).contains(&u)
            || (0xc0..0x1b1).contains(&u)
            || (0x1ea0..0x1efa).contains(&u)
            || (0x2010..0x2027).contains(&u)
    };
    let glyphs: Vec<u16> = {
        let mut g: Vec<u16> = cmap
            .iter()
            .filter(|(c, _)| wanted(**c))
            .map(|(_, g)| *g)
            .collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    for &l in &glyphs {
        for &r in &glyphs {
            let v: i16 = subtables
                .iter()
                .filter_map(|s| s.glyphs_kerning(ttf_parser::GlyphId(l), ttf_parser::GlyphId(r)))
                .sum();
            if v != 0 {
                out.insert((l, r), v);
            }
        }
    }
    out
}

/// Regular, bold, italic and bold italic of one family.
#[derive(Debug, Clone)]
pub struct FontSet {
    pub regular: FontFace,
    pub bold: FontFace,
    pub italic: FontFace,
    pub bold_italic: FontFace,
}

impl FontSet {
    pub fn face(&self, style: FontStyle) -> &FontFace {
        match style {
            FontStyle::Regular => &self.regular,
            FontStyle::Bold => &self.bold,
            FontStyle::Italic => &self.italic,
            FontStyle::BoldItalic => &self.bold_italic,
        }
    }

    /// Builds a set from four font files (index 0 of each).
    pub fn from_bytes(
        regular: Vec<u8>,
        bold: Vec<u8>,
        italic: Vec<u8>,
        bold_italic: Vec<u8>,
    ) -> Result<FontSet, FontError> {
        Ok(FontSet {
            regular: FontFace::from_bytes(regular, 0)?,
            bold: FontFace::from_bytes(bold, 0)?,
            italic: FontFace::from_bytes(italic, 0)?,
            bold_italic: FontFace::from_bytes(bold_italic, 0)?,
        })
    }

    /// Finds the family on the system: the user's choice, then Times New
    /// Roman, Liberation Serif, Tinos. A family is taken only when all four
    /// faces exist and cover Vietnamese letters.
    pub fn discover(user_family: Option<&str>) -> Result<FontSet, FontError> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut families: Vec<&str> = user_family.into_iter().collect();
        families.extend(FALLBACK_FAMILIES);
        for family in &families {
            if let Some(set) = Self::from_db(&db, family) {
                return Ok(set);
            }
        }
        Err(FontError::NotFound {
            tried: families.join(", "),
            style: "Regular",
        })
    }

    fn from_db(db: &fontdb::Database, family: &str) -> Option<FontSet> {
        let load = |bold: bool, italic: bool| -> Option<FontFace> {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                weight: if bold {
                    fontdb::Weight::BOLD
                } else {
                    fontdb::Weight::NORMAL
                },
                style: if italic {
                    fontdb::Style::Italic
                } else {
                    fontdb::Style::Normal
                },
                stretch: fontdb::Stretch::Normal,
            };
            let id = db.query(&query)?;
            let face = db
                .with_face_data(id, |data, index| FontFace::from_bytes(data.to_vec(), index))?
                .ok()?;
            face.covers_vietnamese().then_some(face)
        };
        Some(FontSet {
            regular: load(false, false)?,
            bold: load(true, false)?,
            italic: load(false, true)?,
            bold_italic: load(true, true)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_a_vietnamese_serif() {
        let set = FontSet::discover(None).expect("fonts-liberation2 must be installed");
        assert!(set.regular.has_char('ệ') && set.bold.has_char('Đ'));
        assert!(set.bold.weight >= 600);
        assert!(set.italic.italic_angle != 0.0);
        // Metric compatibility with Times New Roman: space = 0.25 em.
        assert!((set.regular.width(" ", 1000.0) - 250.0).abs() < 1.0);
    }

    #[test]
    fn unknown_family_falls_back_and_missing_names_the_package() {
        let set = FontSet::discover(Some("No Such Family 123")).unwrap();
        assert!(FALLBACK_FAMILIES.contains(&set.regular.family.as_str()));
        let e = FontError::NotFound {
            tried: "X".into(),
            style: "Regular",
        };
        assert!(e.to_string().contains("fonts-liberation2"));
        assert!(e.to_string().contains("Times New Roman"));
    }
}
