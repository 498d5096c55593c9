//! The two Markdown files of a bundle.
//!
//! - `article.md` is the article as Bản Tin imports it (its own front matter
//!   plus body), so `bantin import article.md` on an unpacked bundle brings
//!   the article back, images included: they are rewritten from
//!   `asset:<sha256>` to `images/…`, which import resolves beside the file.
//! - `index.md` is the same body under Hugo/Jekyll front matter; with the
//!   `images/` folder beside it the unpacked bundle is a Hugo page bundle.
//!
//! Front-matter values are written as JSON scalars and arrays, which YAML
//! reads as they are; that is the simplest quoting that is always right for
//! titles containing colons, quotes or `#`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::model::Article;

/// Rewrites image targets in Markdown: `](src)`, `](<src>)`, `](src "title")`
/// and reference definitions `[x]: src`. A target only matches whole (the
/// next character ends the URL), so `a.jpg` does not rewrite `a.jpg2`.
pub(crate) fn rewrite_sources(body: &str, map: &HashMap<String, String>) -> String {
    // Longest first, so that of two sources where one prefixes the other the
    // longer is tried before the shorter.
    let mut sources: Vec<(&String, &String)> = map.iter().collect();
    sources.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = find_target_start(rest) {
        let (before, target) = rest.split_at(at);
        out.push_str(before);
        let (angle, target) = match target.strip_prefix('<') {
            Some(t) => (true, t),
            None => (false, target),
        };
        let hit = sources.iter().find(|(src, _)| {
            target.starts_with(src.as_str())
                && target[src.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ')' | '>' | ' ' | '\t' | '\n' | '\r'))
        });
        match hit {
            Some((src, to)) => {
                if angle {
                    out.push('<');
                }
                out.push_str(to);
                rest = &target[src.len()..];
            }
            None => {
                if angle {
                    out.push('<');
                }
                rest = target;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Byte offset just after the next `](` or `]:` (plus blanks) in `s`.
fn find_target_start(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b']' && (bytes[i + 1] == b'(' || bytes[i + 1] == b':') {
            let mut j = i + 2;
            if bytes[i + 1] == b':' {
                while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                    j += 1;
                }
            }
            return Some(j);
        }
        i += 1;
    }
    None
}

/// `article.md`: Bản Tin's own front matter and the rewritten body.
pub(crate) fn article_md(article: &Article, body: &str) -> String {
    let c = &article.content;
    let mut out = String::from("---\n");
    field(&mut out, "title", &json(&c.title));
    optional(&mut out, "summary", &c.summary);
    optional(&mut out, "author", &c.author);
    optional(&mut out, "category", &c.category);
    if !c.tags.is_empty() {
        field(&mut out, "tags", &json(&c.tags));
    }
    field(&mut out, "kind", c.kind.code());
    field(&mut out, "status", c.status.code());
    if let Some(d) = c.date {
        field(&mut out, "date", &d.format("%Y-%m-%d").to_string());
    }
    // Other fields (số hiệu, nơi nhận…) as they were; a BTreeMap, so sorted.
    for (key, value) in &c.extra {
        field(&mut out, &json(key), &json(value));
    }
    out.push_str("---\n\n");
    push_body(&mut out, body);
    out
}

/// `index.md`: Hugo/Jekyll front matter and the rewritten body.
pub(crate) fn index_md(
    article: &Article,
    body: &str,
    published: &str,
    thumbnail: Option<&str>,
) -> String {
    let c = &article.content;
    let mut out = String::from("---\n");
    field(&mut out, "title", &json(&c.title));
    field(&mut out, "date", published);
    optional(&mut out, "summary", &c.summary);
    optional(&mut out, "author", &c.author);
    if !c.category.trim().is_empty() {
        field(&mut out, "categories", &json(&[c.category.trim()]));
    }
    field(&mut out, "tags", &json(&c.tags));
    if let Some(t) = thumbnail {
        field(&mut out, "image", &json(t));
    }
    field(&mut out, "draft", "false");
    out.push_str("---\n\n");
    push_body(&mut out, body);
    out
}

fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {value}");
}

fn optional(out: &mut String, key: &str, value: &str) {
    if !value.trim().is_empty() {
        field(out, key, &json(value.trim()));
    }
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("strings and JSON values always serialise")
}

/// The body with exactly one final newline (files people open in editors).
fn push_body(out: &mut String, body: &str) {
    out.push_str(body.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_whole_targets_only() {
        let map: HashMap<String, String> = [
            ("a.jpg".to_string(), "images/anh-01.jpg".to_string()),
            ("asset:ff".to_string(), "images/anh-02.png".to_string()),
        ]
        .into();
        let body =
            "![x](a.jpg) ![y](<a.jpg> \"t\") ![z](a.jpg2) [r]: asset:ff\n![w](asset:ff \"tựa\")";
        assert_eq!(
            rewrite_sources(body, &map),
            "![x](images/anh-01.jpg) ![y](<images/anh-01.jpg> \"t\") ![z](a.jpg2) [r]: images/anh-02.png\n![w](images/anh-02.png \"tựa\")"
        );
    }
}
