//! Judging an `article.html` that anyone may have edited: does it hold
//! anything a portal must not publish?
//!
//! We do not trust that the file came from our writer, so this reads tags the
//! way a browser would well enough to find what matters: elements that run
//! or pull in code (`<script>`, `<iframe>`, `<object>`…), event-handler
//! attributes (`onclick=` and every other `on*`), `javascript:` URLs even
//! when hidden with entities or tabs (`jav&#x61;script:`, `java\tscript:`),
//! images loaded from outside the bundle, and inline styles beyond the few
//! the format allows. Text between tags is never judged: an article may
//! well *mention* "javascript:".

use super::Problem;

/// Elements that execute, embed or restyle, none of which a bundle needs.
const FORBIDDEN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "svg", "math", "template", "audio", "video",
    "source", "noscript",
];

/// Attributes whose value is a URL a browser may follow or load.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "cite",
    "data",
    "xlink:href",
];

/// The inline styles the format allows (DESIGN §6): what portal editors keep.
const STYLES: &[&str] = &[
    "text-align:center",
    "text-align:right",
    "text-align:left",
    "font-style:italic",
];

/// What was found in the HTML: problems, and the images it shows.
pub(crate) struct HtmlScan {
    pub problems: Vec<Problem>,
    /// `src` of every `<img>`, decoded, in order.
    pub image_srcs: Vec<String>,
}

pub(crate) fn scan_html(html: &str) -> HtmlScan {
    let mut scan = HtmlScan {
        problems: Vec::new(),
        image_srcs: Vec::new(),
    };
    for tag in tags(html) {
        let name = tag.name.to_ascii_lowercase();
        if name == "script" {
            add(
                &mut scan.problems,
                Problem::new(
                    "html_script",
                    "article.html chứa thẻ <script>: bài đăng lên cổng thông tin không được có mã chạy.",
                ),
            );
        } else if FORBIDDEN.contains(&name.as_str()) {
            add(
                &mut scan.problems,
                Problem::new(
                    "html_forbidden_tag",
                    format!(
                        "article.html chứa thẻ <{name}>, thẻ không được phép trong gói (chỉ dùng thẻ văn bản, bảng và ảnh)."
                    ),
                ),
            );
        }
        for (attr, value) in &tag.attrs {
            let attr = attr.to_ascii_lowercase();
            let value = decode_entities(value);
            if attr.starts_with("on") {
                add(
                    &mut scan.problems,
                    Problem::new(
                        "html_event_handler",
                        format!(
                            "article.html có thuộc tính sự kiện \"{attr}\" ở thẻ <{name}>: gói không được chứa mã chạy khi bấm hay di chuột."
                        ),
                    ),
                );
            }
            if URL_ATTRS.contains(&attr.as_str()) {
                let url = squeeze(&value);
                if url.starts_with("javascript:") || url.starts_with("vbscript:") {
                    add(
                        &mut scan.problems,
                        Problem::new(
                            "html_javascript_url",
                            format!(
                                "article.html có đường dẫn \"javascript:\" ở thuộc tính {attr} của thẻ <{name}>: đường dẫn này chạy mã khi bấm."
                            ),
                        ),
                    );
                } else if attr == "href" {
                    if !crate::html::link_allowed(&url) {
                        add(
                            &mut scan.problems,
                            Problem::new(
                                "html_bad_link",
                                format!(
                                    "article.html có liên kết \"{}\" không hợp lệ: chỉ dùng liên kết http(s), thư điện tử, điện thoại hoặc trong bài.",
                                    value.trim()
                                ),
                            ),
                        );
                    }
                } else if !url.starts_with("images/") {
                    add(
                        &mut scan.problems,
                        Problem::new(
                            "html_external_resource",
                            format!(
                                "article.html tải \"{}\" từ ngoài gói (thuộc tính {attr} của thẻ <{name}>): ảnh phải nằm trong thư mục images/ của gói.",
                                value.trim()
                            ),
                        ),
                    );
                }
            }
            if attr == "style" {
                let style = squeeze(&value);
                let allowed = style
                    .split(';')
                    .filter(|d| !d.is_empty())
                    .all(|d| STYLES.contains(&d));
                if !allowed {
                    add(
                        &mut scan.problems,
                        Problem::new(
                            "html_style",
                            format!(
                                "article.html có định dạng \"{}\" ở thẻ <{name}>; chỉ được căn giữa, căn phải, căn trái hoặc in nghiêng.",
                                value.trim()
                            ),
                        ),
                    );
                }
            }
            if name == "img" && attr == "src" {
                scan.image_srcs.push(value.trim().to_string());
            }
        }
    }
    scan
}

/// One start or end tag.
struct Tag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
}

/// The tags of `html`, skipping comments. Tolerant: an unterminated tag
/// still yields what it has, so `<script` at the very end is still seen.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        let mut j = i + 1;
        if j < b.len() && b[j] == b'/' {
            j += 1;
        }
        let start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        if j == start || !b[start].is_ascii_alphabetic() {
            i += 1; // a lone "<" in text (escaped by us, but be lenient)
            continue;
        }
        let name = &html[start..j];
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            if j == a {
                j += 1; // a stray '=' with no name: skip it
                continue;
            }
            let attr = &html[a..j];
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v = j + 1;
                    j = b[v..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |e| v + e);
                    value = &html[v..j];
                    j = (j + 1).min(b.len());
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = &html[v..j];
                }
            }
            attrs.push((attr, value));
        }
        out.push(Tag { name, attrs });
        i = j + 1;
    }
    out
}

/// Lower case without whitespace or control characters: how a browser
/// effectively reads a URL scheme or a style declaration.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Decodes character references (`&#106;`, `&#x6A;`, `&colon;`, `&amp;`…),
/// enough to see through the usual ways of hiding `javascript:`.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let entity = &rest[1..end];
        let decoded = if let Some(num) = entity.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match entity.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Adds `p` unless the same problem was already reported (ten `onclick`s on
/// ten paragraphs are one thing to fix).
fn add(problems: &mut Vec<Problem>, p: Problem) {
    if !problems.contains(&p) {
        problems.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(html: &str) -> Vec<&'static str> {
        scan_html(html).problems.iter().map(|p| p.code).collect()
    }

    #[test]
    fn sees_through_hidden_javascript() {
        for html in [
            "<a href=\"java\tscript:x\">a</a>",
            "<a href='&#106;avascript:x'>a</a>",
            "<a href=JAVASCRIPT&colon;x>a</a>",
            "<img src=\"images/a.jpg\"><a\nhref = \"javascript:x\">",
        ] {
            assert_eq!(codes(html), ["html_javascript_url"], "{html}");
        }
    }

    #[test]
    fn clean_markup_and_comments_pass() {
        let html = "<!-- <script> --><p style=\"text-align: center\">a &lt;script&gt; b</p>\
                    <figure style=\"text-align:center\"><img src=\"images/anh-01.jpg\" alt=\"x > y\"></figure>";
        assert_eq!(codes(html), Vec::<&str>::new());
        assert_eq!(scan_html(html).image_srcs, ["images/anh-01.jpg"]);
    }
}
