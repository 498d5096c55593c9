//! Old TCVN3 and VNI text met on the way in: a `.txt`/`.md` typed before
//! Unicode, or text pasted from a document set in ".VnTime" or "VNI-Times".
//!
//! One rule for every door: text the detector is sure of is converted and
//! said; text it is unsure of is left as it is and the door decides (the
//! app asks, the CLI says which command converts it); genuine Unicode text
//! is never rewritten (`text::legacy::detect` refuses anything with a letter
//! beyond Latin-1).

use crate::text::legacy::{self, Encoding, SURE};

/// What to do about old encodings in a text file being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LegacyChoice {
    /// Convert when sure; when unsure, keep the text and report it.
    #[default]
    Detect,
    /// The editor said which encoding the file is in.
    Convert(Encoding),
    /// The editor said the text is fine as it is.
    Keep,
}

impl LegacyChoice {
    /// The choice a door passes by name: `detect`, `tcvn3`, `tcvn3h`, `vni`
    /// or `keep`.
    pub fn parse(name: &str) -> Option<LegacyChoice> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "" | "detect" | "auto" => LegacyChoice::Detect,
            "keep" | "none" => LegacyChoice::Keep,
            "tcvn3" => LegacyChoice::Convert(Encoding::Tcvn3),
            "tcvn3h" => LegacyChoice::Convert(Encoding::Tcvn3Capitals),
            "vni" => LegacyChoice::Convert(Encoding::Vni),
            _ => return None,
        })
    }
}

/// The name of an encoding as [`LegacyChoice::parse`] takes it.
pub fn choice_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Tcvn3 => "tcvn3",
        Encoding::Tcvn3Capitals => "tcvn3h",
        Encoding::Vni => "vni",
    }
}

/// Text after the legacy check.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub text: String,
    /// The encoding the text was converted from.
    pub converted: Option<Encoding>,
    /// The encoding the text may be in, when the detector was not sure and
    /// left it alone.
    pub unsure: Option<Encoding>,
}

/// Applies `choice` to text read from a file (or pasted as plain text).
pub fn check(text: &str, choice: LegacyChoice) -> Checked {
    let kept = |unsure| Checked {
        text: text.to_owned(),
        converted: None,
        unsure,
    };
    let converted = |encoding| Checked {
        text: legacy::decode(text, encoding),
        converted: Some(encoding),
        unsure: None,
    };
    match choice {
        LegacyChoice::Keep => kept(None),
        LegacyChoice::Convert(encoding) => converted(encoding),
        LegacyChoice::Detect => match legacy::detect(text) {
            Some((encoding, confidence)) if confidence >= SURE => converted(encoding),
            Some((encoding, _)) => kept(Some(encoding)),
            None => kept(None),
        },
    }
}

/// The text of one run pasted from a document, converted when its font is
/// one of the old Vietnamese families (".VnTime", ".VnTimeH", "VNI-Times"
/// …); text in any other font is returned unchanged.
pub fn convert_font_run(font: &str, text: &str) -> String {
    let family = font
        .split(',')
        .map(|f| f.trim().trim_matches(['"', '\'']))
        .find(|f| !f.is_empty())
        .unwrap_or("");
    match legacy::font_encoding(family) {
        Some(encoding) => legacy::decode(text, encoding),
        None => text.to_owned(),
    }
}

/// Said after a file was converted.
pub fn converted_note(file: &str, encoding: Encoding) -> String {
    format!("Tệp \"{file}\" gõ bằng bảng mã cũ {encoding}; đã chuyển sang Unicode.")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TCVN3: &str = "T\u{a8}ng c\u{ad}\u{ea}ng c\u{ab}ng t\u{b8}c d\u{a9}n v\u{cb}n \u{ae}\u{d3} \
        x\u{a9}y d\u{f9}ng \u{a7}\u{b6}ng b\u{e9} v\u{f7}ng m\u{b9}nh, ch\u{dd}nh quy\u{d2}n \
        g\u{c7}n d\u{a9}n, Nh\u{a9}n d\u{a9}n \u{ae}\u{e5}ng thu\u{cb}n.";

    #[test]
    fn sure_text_is_converted_and_unicode_is_never_touched() {
        let c = check(TCVN3, LegacyChoice::Detect);
        assert_eq!(c.converted, Some(Encoding::Tcvn3));
        assert!(
            c.text
                .starts_with("Tăng cường công tác dân vận để xây dựng Đảng bộ"),
            "{}",
            c.text
        );
        for genuine in [
            "Tăng cường công tác dân vận",
            "Café crème à la française, déjà vu",
            "Plain ASCII text only",
        ] {
            let c = check(genuine, LegacyChoice::Detect);
            assert_eq!((c.text.as_str(), c.converted), (genuine, None));
        }
    }

    #[test]
    fn two_words_are_not_enough_to_be_sure() {
        let short = "Ghi v\u{d2} c\u{a8}n";
        let c = check(short, LegacyChoice::Detect);
        assert_eq!((c.text.as_str(), c.converted), (short, None));
        assert_eq!(c.unsure, Some(Encoding::Tcvn3));
        let c = check(short, LegacyChoice::Convert(Encoding::Tcvn3));
        assert_eq!(c.text, "Ghi về căn");
        assert_eq!(check(TCVN3, LegacyChoice::Keep).text, TCVN3);
    }

    #[test]
    fn pasted_runs_follow_their_font() {
        assert_eq!(
            convert_font_run("\".VnTime\"", "T\u{a8}ng c\u{ad}\u{ea}ng"),
            "Tăng cường"
        );
        assert_eq!(convert_font_run(".VnTimeH, serif", "t\u{a8}ng"), "TĂNG");
        assert_eq!(
            convert_font_run("'VNI-Times'", "Vie\u{e4}t Nam"),
            "Việt Nam"
        );
        assert_eq!(
            convert_font_run("Times New Roman", "T\u{a8}ng"),
            "T\u{a8}ng"
        );
        assert_eq!(convert_font_run("", "Tăng"), "Tăng");
    }

    #[test]
    fn choices_by_name() {
        assert_eq!(
            LegacyChoice::parse("vni"),
            Some(LegacyChoice::Convert(Encoding::Vni))
        );
        assert_eq!(LegacyChoice::parse(""), Some(LegacyChoice::Detect));
        assert_eq!(LegacyChoice::parse("keep"), Some(LegacyChoice::Keep));
        assert_eq!(LegacyChoice::parse("utf-7"), None);
        for e in [Encoding::Tcvn3, Encoding::Tcvn3Capitals, Encoding::Vni] {
            assert_eq!(
                LegacyChoice::parse(choice_name(e)),
                Some(LegacyChoice::Convert(e))
            );
        }
    }
}
