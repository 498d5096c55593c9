//! The YAML front matter before an article's Markdown body.
//!
//! [`split_front_matter`] is the only fallible step of reading an article:
//! its errors carry 1-based line numbers in the original file so an editor
//! can be pointed at the mistake.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use super::LineSpans;

/// Article metadata from the YAML front matter.
///
/// Scalars are kept as strings whatever YAML thinks they are (`date:
/// 2026-11-24`, `title: 2026`, `so_hieu: 15`), because the callers validate and
/// display them as text. Keys not listed here land in `extra`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "de_scalar")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub category: Option<String>,
    /// A YAML list, or one comma-separated string (`tags: a, b`).
    #[serde(default, deserialize_with = "de_tags")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub status: Option<String>,
    /// Kept as written; the caller validates the date format.
    #[serde(default, deserialize_with = "de_scalar")]
    pub date: Option<String>,
    /// Document number ("số hiệu") of an official document.
    #[serde(default, deserialize_with = "de_scalar")]
    pub so_hieu: Option<String>,
    /// Recipients ("nơi nhận"): a YAML list, or one string split on `;` and
    /// line ends. Not on commas: recipient names contain commas.
    #[serde(default, deserialize_with = "de_recipients")]
    pub noi_nhan: Vec<String>,
    /// Every other key, for callers and plug-ins that know about it.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Why the front matter (the lines between the two `---` at the top of an
/// article) could not be read. Each message is the Vietnamese end of a
/// sentence that starts with which file's front matter is wrong; the YAML
/// parser's own words, when there are any, follow on a line of their own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    /// The file opens with `---` but no closing `---` (or `...`) line follows.
    #[error(
        "dòng {line} mở phần này bằng ---, nhưng không có dòng --- nào đóng lại. Hãy thêm một dòng chỉ có --- ở cuối phần thông tin đầu bài rồi nhập lại."
    )]
    UnclosedFrontMatter { line: usize },
    /// The front matter is not valid YAML, or a field has the wrong shape.
    #[error(
        "dòng {line} viết chưa đúng (thường do thiếu dấu hai chấm sau tên trường, hoặc một dấu ngoặc, dấu nháy chưa đóng). Hãy sửa dòng đó rồi nhập lại.\nChi tiết kỹ thuật: {message}"
    )]
    InvalidYaml { line: usize, message: String },
    /// The front matter is valid YAML but not a `key: value` mapping.
    #[error(
        "từ dòng {line}, mỗi dòng phải có dạng \"tên: giá trị\", ví dụ \"title: Tiêu đề bài\". Hãy sửa rồi nhập lại."
    )]
    NotAMapping { line: usize },
}

impl MarkdownError {
    /// The 1-based line in the original file the error points at.
    pub fn line(&self) -> Option<usize> {
        match self {
            MarkdownError::UnclosedFrontMatter { line }
            | MarkdownError::InvalidYaml { line, .. }
            | MarkdownError::NotAMapping { line } => Some(*line),
        }
    }
}

/// Splits `src` into its front matter (if any) and the Markdown body.
///
/// Front matter exists only when the very first line (after an optional UTF-8
/// BOM) is `---`; it runs to the next line that is `---` or `...`. Line ends
/// may be `\n` or `\r\n`. The body is a slice of `src` starting after the
/// closing line, or `src` itself when there is no front matter.
pub fn split_front_matter(src: &str) -> Result<(Option<FrontMatter>, &str), MarkdownError> {
    let text = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut lines = LineSpans::new(text);
    let Some((first_start, first_end)) = lines.next() else {
        return Ok((None, src));
    };
    if !is_fence(&text[first_start..first_end], false) {
        return Ok((None, src));
    }
    let yaml_start = lines.pos;
    loop {
        let line_start = lines.pos;
        let Some((s, e)) = lines.next() else {
            return Err(MarkdownError::UnclosedFrontMatter { line: 1 });
        };
        if is_fence(&text[s..e], true) {
            let yaml = &text[yaml_start..line_start];
            let fm = parse_front_matter(yaml)?;
            return Ok((Some(fm), &text[lines.pos..]));
        }
    }
}

/// Whether a line (without its terminator) is a front-matter fence. Trailing
/// spaces are forgiven because editors cannot see them.
fn is_fence(line: &str, closing: bool) -> bool {
    let l = line.trim_end_matches([' ', '\t', '\r', '\n']);
    l == "---" || (closing && l == "...")
}

/// The front matter's first line is line 2 of the file (line 1 is `---`).
const YAML_FIRST_LINE: usize = 2;

fn parse_front_matter(yaml: &str) -> Result<FrontMatter, MarkdownError> {
    // Parse to a generic value first: it tells an empty or comment-only block
    // (fine, no metadata) from a list or scalar (an editor's mistake) before
    // the struct deserializer produces a less helpful message.
    let value: serde_norway::Value = serde_norway::from_str(yaml).map_err(yaml_error)?;
    match value {
        serde_norway::Value::Null => Ok(FrontMatter::default()),
        serde_norway::Value::Mapping(_) => serde_norway::from_str(yaml).map_err(yaml_error),
        _ => Err(MarkdownError::NotAMapping {
            line: first_content_line(yaml),
        }),
    }
}

/// The file line of the first line of YAML that is not blank or a comment.
fn first_content_line(yaml: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map_or(YAML_FIRST_LINE, |i| i + YAML_FIRST_LINE)
}

fn yaml_error(e: serde_norway::Error) -> MarkdownError {
    let line = e
        .location()
        .map_or(YAML_FIRST_LINE, |l| l.line() + YAML_FIRST_LINE - 1);
    let mut message = e.to_string();
    // serde_norway appends "at line N column M" counted inside the YAML
    // snippet; that number would contradict ours, so drop it.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    MarkdownError::InvalidYaml { line, message }
}

/// Accepts any YAML scalar as a string; `~`/empty is `None`.
fn de_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

struct ScalarVisitor;

impl<'de> serde::de::Visitor<'de> for ScalarVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value (text, number or date)")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn de_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor { separators: &[','] })
}

fn de_recipients<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor {
        separators: &[';', '\n'],
    })
}

/// A YAML list of scalars, or one scalar split on `separators`. Items are
/// trimmed and empty ones dropped, so `tags: "a, , b,"` is `[a, b]`.
struct ListVisitor {
    separators: &'static [char],
}

impl ListVisitor {
    fn split(&self, s: &str) -> Vec<String> {
        s.split(self.separators)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

impl<'de> serde::de::Visitor<'de> for ListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list, or values separated by commas")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            if let Some(s) = item.0 {
                let s = s.trim();
                if !s.is_empty() {
                    out.push(s.to_owned());
                }
            }
        }
        Ok(out)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.split(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// One list element, read leniently like the scalar fields.
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor).map(Scalar)
    }
}
