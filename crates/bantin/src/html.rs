//! The HTML kernel: escaping, which URLs may be links, and inline runs.
//!
//! Every part that writes or judges HTML (the live preview, the bundle's
//! `article.html`, the bundle checker, the SVG page previews, `show --html`)
//! uses these, so they cannot disagree about what is safe: one escape
//! function, one link allow-list, one way to write a styled run.

use std::fmt::Write as _;

use crate::doc::{Inline, Run};

/// The targets a link may have, judged on the lower-cased, cleaned target:
/// the web (`http:`, `https:`), e-mail, telephone and a place in the page.
/// Anything else (`javascript:`, `data:`, `file:`, relative paths) shows as
/// plain text in what we write, and is a problem in a bundle we check.
pub const LINK_PREFIXES: &[&str] = &["http:", "https:", "mailto:", "tel:", "#"];

/// Whether `url` may be a link. `url` is judged as a browser reads it:
/// leading blanks and control characters and any tab or newline are ignored
/// (`java\tscript:` runs), case does not matter.
pub fn link_allowed(url: &str) -> bool {
    let lower = clean_url(url).to_ascii_lowercase();
    LINK_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// The href to write for a link target, or `None` when it must not be a
/// link. The cleaned form (what a browser would follow) is what is written.
pub fn safe_href(target: &str) -> Option<String> {
    let cleaned = clean_url(target);
    link_allowed(&cleaned).then_some(cleaned)
}

/// Whether an image source points outside the library and the article's
/// folder (the web, a protocol-relative URL, inline `data:`): such images
/// are never fetched, imported or bundled.
pub fn is_remote(src: &str) -> bool {
    let lower = clean_url(src).to_ascii_lowercase();
    ["http:", "https:", "//", "data:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A URL as the URL standard reads it: leading C0 controls and spaces
/// stripped, tabs and newlines anywhere removed.
fn clean_url(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Appends `s` escaped for text and for quoted attribute values (`& < > " '`).
/// C0 control characters other than tab, newline and carriage return (NUL
/// and its kin, which XML forbids and HTML turns into errors) are dropped.
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\t' | '\n' | '\r' => continue,
            c if c < ' ' => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
}

/// `s` escaped as by [`escape_into`].
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Writes inlines as HTML: styled runs, links only where [`safe_href`]
/// allows (neighbouring runs with the same target share one `<a>`), line
/// breaks as `<br>`. Footnote references differ between outputs, so
/// `footnote_ref` writes those.
pub fn write_inlines(
    out: &mut String,
    inlines: &[Inline],
    mut footnote_ref: impl FnMut(&mut String, usize),
) {
    let mut i = 0;
    while i < inlines.len() {
        match &inlines[i] {
            Inline::Text(run) => {
                let target = run.link.as_deref();
                let mut end = i + 1;
                while let Some(Inline::Text(next)) = inlines.get(end)
                    && target.is_some()
                    && next.link.as_deref() == target
                {
                    end += 1;
                }
                let href = target.and_then(safe_href);
                if let Some(href) = &href {
                    out.push_str("<a href=\"");
                    escape_into(out, href);
                    out.push_str("\">");
                }
                for inline in &inlines[i..end] {
                    if let Inline::Text(r) = inline {
                        write_run(out, r);
                    }
                }
                if href.is_some() {
                    out.push_str("</a>");
                }
                i = end;
            }
            Inline::LineBreak => {
                out.push_str("<br>\n");
                i += 1;
            }
            Inline::FootnoteRef { n } => {
                footnote_ref(out, *n);
                i += 1;
            }
        }
    }
}

/// One run: its text escaped inside `<strong>`, `<em>`, `<u>`, `<del>`,
/// `<code>`.
pub fn write_run(out: &mut String, run: &Run) {
    let s = run.style;
    let tags = [
        (s.bold, "strong"),
        (s.italic, "em"),
        (s.underline, "u"),
        (s.strike, "del"),
        (s.code, "code"),
    ];
    for (_, tag) in tags.iter().filter(|(on, _)| *on) {
        let _ = write!(out, "<{tag}>");
    }
    escape_into(out, &run.text);
    for (_, tag) in tags.iter().rev().filter(|(on, _)| *on) {
        let _ = write!(out, "</{tag}>");
    }
}

/// Undoes percent-encoding (`%20`, `encodeURIComponent`). A `%` not followed
/// by two hex digits stays as it is; if the bytes do not make UTF-8, the
/// input is returned unchanged rather than cut.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if b[i] == b'%'
            && let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_and_drops_nul() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\0b\u{1}c\td\ne"), "abc\td\ne");
        assert_eq!(escape("Bản tin"), "Bản tin");
    }

    #[test]
    fn one_allow_list_for_links() {
        for ok in [
            "http:example.vn",
            "http://x.vn",
            "HTTPS://x.vn",
            " mailto:a@b.vn",
            "tel:+84",
            "#muc",
        ] {
            assert!(link_allowed(ok), "{ok}");
            assert!(safe_href(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "anh.jpg",
            "vbscript:x",
        ] {
            assert!(!link_allowed(bad), "{bad}");
            assert_eq!(safe_href(bad), None, "{bad}");
        }
        assert_eq!(safe_href("  ht\ntp://x.vn").as_deref(), Some("http://x.vn"));
    }

    #[test]
    fn remote_sources() {
        for src in [
            "https://x.vn/a.jpg",
            " HTTP://x",
            "//cdn/x.png",
            "data:image/png;base64,",
        ] {
            assert!(is_remote(src), "{src}");
        }
        for src in ["anh/a.jpg", "asset:abc", "file:///tmp/a.jpg", "a.jpg2"] {
            assert!(!is_remote(src), "{src}");
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("anh%20hoi%20nghi.jpg"), "anh hoi nghi.jpg");
        assert_eq!(
            percent_decode("%E1%BA%A2nh%20h%E1%BB%99i%20ngh%E1%BB%8B.png"),
            "Ảnh hội nghị.png"
        );
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(
            percent_decode("%é%"),
            "%é%",
            "never cuts a character in two"
        );
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
