//! Control characters: the one rule for text entering the library.
//!
//! A NUL, a form feed or an escape in an article is never meant: it comes
//! from a damaged file or a paste from a terminal, and would travel into the
//! preview, the PDF and the portal's HTML. Every control character is taken
//! out where text enters (import and every save), except tab, line feed and
//! carriage return, which are how text is laid out.

use std::borrow::Cow;

fn unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `s` without its control characters (Unicode category Cc: U+0000–U+001F,
/// U+007F–U+009F), keeping tab, LF and CR.
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    if s.chars().any(unwanted) {
        Cow::Owned(s.chars().filter(|&c| !unwanted(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_layout_stays() {
        assert_eq!(strip_controls("a\0b\u{1b}[31mc\u{7f}d\u{85}e"), "ab[31mcde");
        assert_eq!(
            strip_controls("dòng 1\r\n\tdòng 2\n"),
            "dòng 1\r\n\tdòng 2\n"
        );
        assert!(matches!(strip_controls("Văn hóa"), Cow::Borrowed(_)));
        // Joiners and other format characters are not controls.
        assert_eq!(strip_controls("a\u{200d}b"), "a\u{200d}b");
    }
}
