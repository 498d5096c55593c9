//! A text file's bytes to text: UTF-8 (with or without a BOM), UTF-16 with
//! a BOM, or the raw bytes of an old TCVN3/VNI file; anything else is
//! refused with the encoding named when it can be told.

use std::path::Path;

use super::{ImportError, LegacyChoice, legacy};
use crate::text;

/// The file's text, with old TCVN3/VNI text dealt with as `choice` says.
/// A file that is not UTF-8 may be the raw bytes of an old 8-bit file: it
/// is read as such only if it then looks like TCVN3 or VNI.
pub(super) fn decode_legacy(
    path: &Path,
    bytes: &[u8],
    choice: LegacyChoice,
) -> Result<legacy::Checked, ImportError> {
    match decode_text(path, bytes) {
        Ok(text) => Ok(legacy::check(&text, choice)),
        Err(e @ ImportError::NotUtf8 { .. }) => {
            let text = text::legacy::chars_from_bytes(bytes);
            let checked = legacy::check(&text, choice);
            if checked.converted.is_some() || checked.unsure.is_some() {
                Ok(checked)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// Article text as editors save it: UTF-8 (with or without a BOM), or
/// UTF-16 with a BOM (Notepad's "Unicode"). Anything else is refused with
/// the encoding named when it can be told.
fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let refuse = |encoding: &'static str| ImportError::Encoding {
        path: path.into(),
        encoding,
    };
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Err(refuse("UTF-32"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).ok_or_else(|| refuse("UTF-16 LE (bị hỏng)"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).ok_or_else(|| refuse("UTF-16 BE (bị hỏng)"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        // Text in UTF-16 without a BOM has its zeros on one side of each
        // pair of bytes (the high byte of every ASCII letter and space),
        // almost never on the other.
        let zeros_at = |parity: usize| {
            head.iter()
                .enumerate()
                .filter(|&(i, &b)| i % 2 == parity && b == 0)
                .count()
        };
        let half = head.len() / 2;
        let (odd, even) = (zeros_at(1), zeros_at(0));
        if half >= 4 && odd * 4 >= half && even * 20 <= half {
            return Err(refuse("UTF-16 LE không có dấu BOM"));
        }
        if half >= 4 && even * 4 >= half && odd * 20 <= half {
            return Err(refuse("UTF-16 BE không có dấu BOM"));
        }
        return Err(ImportError::Binary(path.into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(ImportError::NotUtf8 {
                path: path.into(),
                line,
            })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}
