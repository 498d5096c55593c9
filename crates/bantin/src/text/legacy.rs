//! Text typed before Unicode: TCVN3 (TCVN 5712:1993 VN3, the ".VnTime"
//! fonts) and VNI (VNI-Windows, the "VNI-Times" fonts), to and from Unicode.
//!
//! Both are 8-bit font hacks: the file holds ordinary Latin-1 bytes and the
//! font draws Vietnamese letters at those positions. Word, a `.txt` saved as
//! UTF-8 or the clipboard hand us those bytes as the Latin-1 characters of
//! the same number ("T¨ng c­êng" is "Tăng cường"), so the tables here map
//! *characters* U+00A0–U+00FF (and Word's symbol-font echo U+F0A0–U+F0FF)
//! to Unicode letters. Raw bytes read from a file go through
//! [`chars_from_bytes`] first.
//!
//! - **TCVN3** gives each lower-case letter and Ă Â Ê Ô Ơ Ư Đ one byte. It
//!   has no room for the other capitals: a title in capitals is set in the
//!   companion "H" font (".VnTimeH"), which draws the same bytes as capitals
//!   — [`Encoding::Tcvn3Capitals`]. Note that "ư" is byte 0xAD, U+00AD SOFT
//!   HYPHEN, which many tools silently drop: nothing on the way here may.
//! - **VNI** writes a base letter followed by a mark byte ("Vieät" is
//!   "Việt"), with one byte each for đ, ơ, ư and the toned i and ỵ.
//!
//! The tables are written from the published character charts; glibc's
//! `TCVN5712-1` converter checks the TCVN3 one in the tests. Output is NFC.

mod detect;
#[cfg(test)]
mod tests;

pub use detect::{SURE, detect};

use std::fmt;

use unicode_normalization::char::decompose_canonical;

/// An 8-bit Vietnamese encoding of old documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// TCVN 5712:1993 VN3, ".VnTime", ".VnArial" …
    Tcvn3,
    /// The TCVN3 capitals fonts (".VnTimeH", ".VnArialH" …): the same bytes
    /// drawn as capitals.
    Tcvn3Capitals,
    /// VNI-Windows, "VNI-Times", "VNI-Helve" …
    Vni,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Tcvn3Capitals => "TCVN3 (phông chữ hoa)",
            Encoding::Vni => "VNI",
        })
    }
}

/// A letter the target encoding cannot write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Không viết được ký tự “{ch}” bằng bảng mã {encoding}.")]
pub struct Unrepresentable {
    pub ch: char,
    pub encoding: Encoding,
}

/// The encoding a font name implies, if it is one of the old Vietnamese
/// font families: ".Vn…" is TCVN3 (".Vn…H" its capitals), "VNI-…" is VNI.
pub fn font_encoding(font: &str) -> Option<Encoding> {
    let name = font.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        return Some(if name.ends_with('H') {
            Encoding::Tcvn3Capitals
        } else {
            Encoding::Tcvn3
        });
    }
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some(Encoding::Vni);
    }
    None
}

/// TCVN3: Unicode letter ↔ byte, as glibc's `TCVN5712-1` and the VN3 chart
/// have them. The 67 lower-case letters (plain a, e, i, o, u, y are ASCII)
/// and the seven capitals that have a byte of their own.
const TCVN3: &[(char, u8)] = &[
    ('Ă', 0xA1),
    ('Â', 0xA2),
    ('Ê', 0xA3),
    ('Ô', 0xA4),
    ('Ơ', 0xA5),
    ('Ư', 0xA6),
    ('Đ', 0xA7),
    ('ă', 0xA8),
    ('â', 0xA9),
    ('ê', 0xAA),
    ('ô', 0xAB),
    ('ơ', 0xAC),
    ('ư', 0xAD),
    ('đ', 0xAE),
    ('à', 0xB5),
    ('ả', 0xB6),
    ('ã', 0xB7),
    ('á', 0xB8),
    ('ạ', 0xB9),
    ('ằ', 0xBB),
    ('ẳ', 0xBC),
    ('ẵ', 0xBD),
    ('ắ', 0xBE),
    ('ặ', 0xC6),
    ('ầ', 0xC7),
    ('ẩ', 0xC8),
    ('ẫ', 0xC9),
    ('ấ', 0xCA),
    ('ậ', 0xCB),
    ('è', 0xCC),
    ('ẻ', 0xCE),
    ('ẽ', 0xCF),
    ('é', 0xD0),
    ('ẹ', 0xD1),
    ('ề', 0xD2),
    ('ể', 0xD3),
    ('ễ', 0xD4),
    ('ế', 0xD5),
    ('ệ', 0xD6),
    ('ì', 0xD7),
    ('ỉ', 0xD8),
    ('ĩ', 0xDC),
    ('í', 0xDD),
    ('ị', 0xDE),
    ('ò', 0xDF),
    ('ỏ', 0xE1),
    ('õ', 0xE2),
    ('ó', 0xE3),
    ('ọ', 0xE4),
    ('ồ', 0xE5),
    ('ổ', 0xE6),
    ('ỗ', 0xE7),
    ('ố', 0xE8),
    ('ộ', 0xE9),
    ('ờ', 0xEA),
    ('ở', 0xEB),
    ('ỡ', 0xEC),
    ('ớ', 0xED),
    ('ợ', 0xEE),
    ('ù', 0xEF),
    ('ủ', 0xF1),
    ('ũ', 0xF2),
    ('ú', 0xF3),
    ('ụ', 0xF4),
    ('ừ', 0xF5),
    ('ử', 0xF6),
    ('ữ', 0xF7),
    ('ứ', 0xF8),
    ('ự', 0xF9),
    ('ỳ', 0xFA),
    ('ỷ', 0xFB),
    ('ỹ', 0xFC),
    ('ý', 0xFD),
    ('ỵ', 0xFE),
];

/// Capitals that VN1/VN2 writers (glibc among them) put in the holes of the
/// VN3 chart. A VN3 font leaves these positions empty, so reading them is
/// harmless and rescues files from those writers; we never write them.
const TCVN3_EXTRA_CAPITALS: &[(char, u8)] = &[
    ('Ằ', 0xAF),
    ('Ẳ', 0xBA),
    ('Ẵ', 0xBF),
    ('Ắ', 0xC0),
    ('Ầ', 0xC1),
    ('Ẩ', 0xC2),
    ('Ẫ', 0xC3),
    ('Ấ', 0xC4),
    ('Ề', 0xC5),
    ('Ể', 0xCD),
    ('Ễ', 0xD9),
    ('Ế', 0xDA),
    ('Ồ', 0xDB),
    ('Ổ', 0xE0),
    ('Ỗ', 0xF0),
    ('Ố', 0xFF),
];

/// VNI letters written as one byte: đ, ơ, ư and the toned i and ỵ, each in
/// lower and upper case (the upper byte is the Latin-1 capital of the lower).
const VNI_SINGLE: &[(char, u8)] = &[
    ('đ', 0xF1),
    ('ơ', 0xF4),
    ('ư', 0xF6),
    ('ì', 0xEC),
    ('í', 0xED),
    ('ỉ', 0xE6),
    ('ĩ', 0xF3),
    ('ị', 0xF2),
    ('ỵ', 0xEE),
    ('Đ', 0xD1),
    ('Ơ', 0xD4),
    ('Ư', 0xD6),
    ('Ì', 0xCC),
    ('Í', 0xCD),
    ('Ỉ', 0xC6),
    ('Ĩ', 0xD3),
    ('Ị', 0xD2),
    ('Ỵ', 0xCE),
];

/// Combining marks used in the VNI mark table.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT: char = '\u{323}';

/// VNI mark bytes (lower-case form; the Latin-1 capital of each byte is the
/// same mark for capitals) → (letter modifier, tone).
const VNI_MARKS: &[(u8, Option<char>, Option<char>)] = &[
    (0xF8, None, Some(GRAVE)),
    (0xF9, None, Some(ACUTE)),
    (0xF5, None, Some(TILDE)),
    (0xFB, None, Some(HOOK)),
    (0xEF, None, Some(DOT)),
    (0xE2, Some(CIRCUMFLEX), None),
    (0xE0, Some(CIRCUMFLEX), Some(GRAVE)),
    (0xE1, Some(CIRCUMFLEX), Some(ACUTE)),
    (0xE3, Some(CIRCUMFLEX), Some(TILDE)),
    (0xE5, Some(CIRCUMFLEX), Some(HOOK)),
    (0xE4, Some(CIRCUMFLEX), Some(DOT)),
    (0xEA, Some(BREVE), None),
    (0xE8, Some(BREVE), Some(GRAVE)),
    (0xE9, Some(BREVE), Some(ACUTE)),
    (0xFC, Some(BREVE), Some(TILDE)),
    (0xFA, Some(BREVE), Some(HOOK)),
    (0xEB, Some(BREVE), Some(DOT)),
];

/// The byte a character stands for in a legacy text: Latin-1 characters
/// are their own code point, and Word writes symbol-font text at
/// U+F000 + byte. Anything else is not legacy text.
pub fn legacy_byte(c: char) -> Option<u8> {
    let n = c as u32;
    match n {
        0..=0xFF => Some(n as u8),
        0xF000..=0xF0FF => Some((n - 0xF000) as u8),
        _ => None,
    }
}

/// Reads the raw bytes of an old file as the characters Windows shows for
/// them (Windows-1252), which is what the tables here expect.
pub fn chars_from_bytes(bytes: &[u8]) -> String {
    const CP1252_80: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_80[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Converts legacy text to Unicode NFC. Characters that are not legacy
/// bytes (already Unicode) and bytes the chart leaves empty pass through.
pub fn decode(text: &str, encoding: Encoding) -> String {
    let out = match encoding {
        Encoding::Tcvn3 => decode_tcvn3(text),
        Encoding::Tcvn3Capitals => decode_tcvn3(text)
            .chars()
            .flat_map(char::to_uppercase)
            .collect(),
        Encoding::Vni => decode_vni(text),
    };
    crate::text::nfc(&out)
}

fn tcvn3_letter(b: u8) -> Option<char> {
    TCVN3
        .iter()
        .chain(TCVN3_EXTRA_CAPITALS)
        .find(|&&(_, byte)| byte == b)
        .map(|&(c, _)| c)
}

fn decode_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| match legacy_byte(c) {
            Some(b) if b >= 0xA1 => tcvn3_letter(b).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A VNI mark byte (either case) → (modifier, tone).
fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    let b = legacy_byte(c)?;
    // Latin-1 capitals sit 0x20 below their lower-case letters.
    let lower = if (0xC0..=0xDE).contains(&b) && b != 0xD7 {
        b + 0x20
    } else {
        b
    };
    VNI_MARKS
        .iter()
        .find(|m| m.0 == lower)
        .map(|&(_, modifier, tone)| (modifier, tone))
}

/// The base letter a VNI mark may follow: a e o u y, and ơ ư (written
/// as their single bytes), in either case.
fn vni_base(c: char) -> Option<char> {
    match c {
        'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' => Some(c),
        _ => match legacy_byte(c)? {
            0xF4 => Some('ơ'),
            0xD4 => Some('Ơ'),
            0xF6 => Some('ư'),
            0xD6 => Some('Ư'),
            _ => None,
        },
    }
}

/// Composes base + modifier + tone, if Vietnamese has that letter.
fn compose_letter(base: char, modifier: Option<char>, tone: Option<char>) -> Option<char> {
    let plain = base.to_lowercase().next()?;
    let allowed = match modifier {
        None => true,
        Some(CIRCUMFLEX) => matches!(plain, 'a' | 'e' | 'o'),
        Some(BREVE) => plain == 'a',
        Some(_) => false,
    };
    // y, i and u take tones only; ơ and ư carry their horn already.
    if !allowed {
        return None;
    }
    // Through NFC, as the dot below composes before the circumflex.
    let composed: String = std::iter::once(base).chain(modifier).chain(tone).collect();
    let composed = crate::text::nfc(&composed);
    let mut letters = composed.chars();
    match (letters.next(), letters.next()) {
        (Some(letter), None) => Some(letter),
        _ => None,
    }
}

fn decode_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let (Some(base), Some(&next)) = (vni_base(c), chars.get(i + 1))
            && let Some((modifier, tone)) = vni_mark(next)
            && let Some(letter) = compose_letter(base, modifier, tone)
        {
            out.push(letter);
            i += 2;
            continue;
        }
        let single = legacy_byte(c)
            .filter(|&b| b >= 0xA0)
            .and_then(|b| VNI_SINGLE.iter().find(|&&(_, byte)| byte == b))
            .map(|&(letter, _)| letter);
        out.push(single.unwrap_or(c));
        i += 1;
    }
    out
}

/// Converts Unicode text to a legacy encoding, as the characters U+0000 to
/// U+00FF that stand for its bytes. Text that is not Vietnamese or ASCII
/// (and, for the capitals fonts, any lower-case letter) cannot be written.
pub fn encode(text: &str, encoding: Encoding) -> Result<String, Unrepresentable> {
    let text = crate::text::nfc(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let fail = || Unrepresentable { ch: c, encoding };
        match encoding {
            Encoding::Tcvn3 => out.push(encode_tcvn3(c).ok_or_else(fail)?),
            Encoding::Tcvn3Capitals => {
                let lower: Vec<char> = c.to_lowercase().collect();
                if c.is_lowercase() || lower.len() != 1 {
                    return Err(fail());
                }
                out.push(encode_tcvn3(lower[0]).ok_or_else(fail)?);
            }
            Encoding::Vni => encode_vni(c, &mut out).ok_or_else(fail)?,
        }
    }
    Ok(out)
}

fn encode_tcvn3(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    TCVN3
        .iter()
        .find(|&&(letter, _)| letter == c)
        .map(|&(_, b)| char::from(b))
}

fn encode_vni(c: char, out: &mut String) -> Option<()> {
    if c.is_ascii() {
        out.push(c);
        return Some(());
    }
    if let Some(&(_, b)) = VNI_SINGLE.iter().find(|&&(letter, _)| letter == c) {
        out.push(char::from(b));
        return Some(());
    }
    // Split into the plain letter, its modifier and its tone.
    let mut parts = Vec::with_capacity(3);
    decompose_canonical(c, |p| parts.push(p));
    let (&base, marks) = parts.split_first()?;
    if !base.is_ascii_alphabetic() || marks.is_empty() {
        return None;
    }
    let mut modifier = None;
    let mut tone = None;
    for &m in marks {
        match m {
            CIRCUMFLEX | BREVE | HORN if modifier.is_none() => modifier = Some(m),
            GRAVE | ACUTE | TILDE | HOOK | DOT if tone.is_none() => tone = Some(m),
            _ => return None,
        }
    }
    let upper = base.is_ascii_uppercase();
    let base_byte = match (modifier, base.to_ascii_lowercase()) {
        (Some(HORN), 'o') => char::from(if upper { 0xD4 } else { 0xF4 }),
        (Some(HORN), 'u') => char::from(if upper { 0xD6 } else { 0xF6 }),
        (Some(HORN), _) => return None,
        _ => base,
    };
    let modifier = modifier.filter(|&m| m != HORN);
    out.push(base_byte);
    if modifier.is_some() || tone.is_some() {
        let &(b, ..) = VNI_MARKS.iter().find(|m| m.1 == modifier && m.2 == tone)?;
        out.push(char::from(if upper { b - 0x20 } else { b }));
    }
    Some(())
}
