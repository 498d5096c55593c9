//! Rewriting where images point, in the Markdown text itself.
//!
//! Import stores the photos an article names (`![…](anh/a.jpg)`) and points
//! the text at the stored copies (`asset:<sha256>`). Only exact image
//! destinations change: the parser says where each image stands, and within
//! it the destination is the one whose (unescaped) text is the image's
//! source. So `a.jpg` never rewrites `a.jpg2`, a link to the same file, or
//! the same words in a code block.

use comrak::Arena;
use comrak::nodes::NodeValue;

use super::{LineSpans, options};

/// `body` with every image whose source `to` maps pointed at the new
/// source instead. Inline images (`![x](src "title")`, `![x](<src>)`) are
/// rewritten where they stand; reference images (`![x][ref]`) through their
/// definition line (`[ref]: src`). Everything else is left byte for byte.
pub fn rewrite_image_sources(body: &str, to: &dyn Fn(&str) -> Option<String>) -> String {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, body, &options());
    let starts: Vec<usize> = LineSpans::new(body).map(|(s, _)| s).collect();
    // (start, end, replacement) byte ranges of destinations, in text order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut by_reference: Vec<(String, String)> = Vec::new();
    for node in root.descendants() {
        let (url, pos) = {
            let data = node.data();
            match &data.value {
                NodeValue::Image(l) => (l.url.clone(), data.sourcepos),
                _ => continue,
            }
        };
        let Some(new) = to(&url).map(|n| destination(&n)) else {
            continue;
        };
        // comrak's start of an inline is reliable; its end is not when the
        // image spans lines, so the image is read on from its `![`.
        let start = starts
            .get(pos.start.line.saturating_sub(1))
            .map(|l| l + pos.start.column.saturating_sub(1))
            .filter(|&s| body.is_char_boundary(s) && body[s..].starts_with("!["));
        let found = match start {
            Some(s) => match own_destination(&body[s..], &url) {
                Written::Inline(Some((ds, de))) => Some((s + ds, s + de)),
                Written::Inline(None) => None,
                Written::ByReference => {
                    by_reference.push((url, new));
                    continue;
                }
            },
            None => None,
        };
        // Should either ever fail, the first destination from the image's
        // line on that reads as its source is the one.
        let found = found.or_else(|| {
            let from = starts.get(pos.start.line.saturating_sub(1)).copied()?;
            let (ds, de) = inline_destination(&body[from..], &url)?;
            Some((from + ds, from + de))
        });
        if let Some((ds, de)) = found {
            edits.push((ds, de, new));
            continue;
        }
        // Not written inline after all: try the definition lines.
        by_reference.push((url, new));
    }
    if !by_reference.is_empty() {
        for (s, e) in LineSpans::new(body) {
            let line = &body[s..e];
            if let Some((ds, de, url)) = definition_destination(line)
                && let Some((_, new)) = by_reference.iter().find(|(u, _)| *u == url)
            {
                edits.push((s + ds, s + de, new.clone()));
            }
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (s, e, new) in edits {
        if s < at {
            continue; // the same destination found twice
        }
        out.push_str(&body[at..s]);
        out.push_str(&new);
        at = e;
    }
    out.push_str(&body[at..]);
    out
}

/// `url` written as a destination: in angle brackets only when it needs them.
fn destination(url: &str) -> String {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()".contains(c))
    {
        format!("<{}>", url.replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

/// How an image names its destination.
enum Written {
    /// `![alt](dest …)`: where `dest` stands, if it reads as the source.
    Inline(Option<(usize, usize)>),
    /// `![alt][ref]`, `![ref][]`, `![ref]`: on a definition line.
    ByReference,
}

/// Reads `image` (text from an image's `![`) past its alt text, whose
/// brackets nest, to its destination.
fn own_destination(image: &str, url: &str) -> Written {
    let bytes = image.as_bytes();
    let mut depth = 0usize;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let Some(after) = image.get(i + 1..).and_then(|r| r.strip_prefix('(')) else {
        return Written::ByReference;
    };
    let ws = after.len() - after.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let base = i + 2 + ws;
    Written::Inline(
        destination_token(&after[ws..])
            .filter(|(_, _, dest)| dest == url)
            .map(|(ds, de, _)| (base + ds, base + de)),
    )
}

/// Where in `text` the first inline destination that reads as `url`
/// stands.
fn inline_destination(image: &str, url: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = image[from..].find("](") {
        let open = from + i + 2;
        let mut s = open;
        while image[s..].starts_with([' ', '\t', '\n', '\r']) {
            s += 1;
        }
        if let Some((ds, de, dest)) = destination_token(&image[s..])
            && dest == url
        {
            return Some((s + ds, s + de));
        }
        from = open;
    }
    None
}

/// A link reference definition line `   [label]: dest …`: the byte range of
/// `dest` and its unescaped text.
fn definition_destination(line: &str) -> Option<(usize, usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || !line[indent..].starts_with('[') {
        return None;
    }
    let close = line[indent..].find("]:")? + indent;
    let mut s = close + 2;
    while line[s..].starts_with([' ', '\t']) {
        s += 1;
    }
    let (ds, de, dest) = destination_token(&line[s..])?;
    Some((s + ds, s + de, dest))
}

/// The link destination at the start of `s` (CommonMark: `<…>`, or text
/// without spaces whose parentheses balance): its byte range, angle
/// brackets included, and its text with backslash escapes undone.
fn destination_token(s: &str) -> Option<(usize, usize, String)> {
    if let Some(rest) = s.strip_prefix('<') {
        let end = rest.find(['>', '\n'])?;
        rest[end..].starts_with('>').then_some(())?;
        return Some((0, end + 2, unescape(&rest[..end])));
    }
    let mut depth = 0usize;
    let mut end = s.len();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() || c.is_control() => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    (end > 0).then(|| (0, end, unescape(&s[..end])))
}

/// Undoes backslash escapes of ASCII punctuation, as the parser does.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite_image_sources;

    fn rewrite(body: &str) -> String {
        rewrite_image_sources(body, &|src| match src {
            "a.jpg" => Some("asset:aaa".into()),
            "a.jpg2" => Some("asset:bbb".into()),
            "anh có dấu.jpg" => Some("asset:ccc".into()),
            _ => None,
        })
    }

    #[test]
    fn only_exact_image_destinations_change() {
        assert_eq!(
            rewrite("![một](a.jpg) và ![hai](a.jpg2 \"tựa\")\n"),
            "![một](asset:aaa) và ![hai](asset:bbb \"tựa\")\n"
        );
        assert_eq!(rewrite("![x](<anh có dấu.jpg>)"), "![x](asset:ccc)");
        let spaced = rewrite_image_sources("![x](<a b.jpg>)", &|_| Some("c d.jpg".into()));
        assert_eq!(spaced, "![x](<c d.jpg>)");
        assert_eq!(rewrite("![x](b.jpg)\n"), "![x](b.jpg)\n");
        // A link to the file, and the same text in code, are not images.
        let untouched = "[tệp](a.jpg) `![x](a.jpg)`\n\n    ![x](a.jpg)\n";
        assert_eq!(rewrite(untouched), untouched);
    }

    #[test]
    fn images_in_containers_and_by_reference() {
        assert_eq!(
            rewrite("> - Ảnh: ![ả](a.jpg)\n\n| ![ô](a.jpg2) |\n|---|\n"),
            "> - Ảnh: ![ả](asset:aaa)\n\n| ![ô](asset:bbb) |\n|---|\n"
        );
        assert_eq!(
            rewrite("![chú [thích]](a.jpg)\n"),
            "![chú [thích]](asset:aaa)\n"
        );
        assert_eq!(
            rewrite("![ngoài ![trong](a.jpg)](a.jpg2)\n"),
            "![ngoài ![trong](asset:aaa)](asset:bbb)\n"
        );
        assert_eq!(
            rewrite("![x][r] và ![y](a.jpg2)\n\n[r]: a.jpg2\n"),
            "![x][r] và ![y](asset:bbb)\n\n[r]: asset:bbb\n"
        );
        assert_eq!(
            rewrite("![ảnh][r]\n\n[r]: a.jpg2 \"t\"\n[s]: a.jpg\n"),
            "![ảnh][r]\n\n[r]: asset:bbb \"t\"\n[s]: a.jpg\n"
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for src in [
            "",
            "![",
            "![](",
            "![x](a.jpg",
            "![x](<a.jpg)",
            "![x](a.jpg)\u{feff}",
            "\r![x](a.jpg)\r\r",
            "\t![x](a.jpg)",
            "- > ![ừ](a.jpg)\n  > ![ừ](a.jpg2)",
            "![x](a.jpg \"t\"\n)",
            "![a\nb](\na.jpg\n)",
            "[r]: <a.jpg\n![x][r]",
        ] {
            let _ = rewrite(src);
        }
        assert_eq!(rewrite("\r![x](a.jpg)\r"), "\r![x](asset:aaa)\r");
        assert_eq!(rewrite("![a\nb](\na.jpg\n)"), "![a\nb](\nasset:aaa\n)");
    }
}
