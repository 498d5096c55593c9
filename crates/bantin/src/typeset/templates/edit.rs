//! Changing a template's numbers the way the form in Cài đặt does: a list
//! of (field, value) pairs applied to the file's text, validated like an
//! imported file, with the office's comments kept.
//!
//! The new numbers are decided on the typed file (serde), never on the text:
//! the text edit below only has to *say* them. It rewrites the value after
//! `key:` on the field's own line (block maps, and one-line flow maps and
//! lists such as `margins: { … }` or `heading_sizes: [ … ]`), and it counts
//! only if reading the edited text back gives exactly the decided file.
//! Anything else (a file written in a YAML style this edit does not know)
//! is written out afresh from the typed file, without its comments: the
//! numbers are never wrong, at worst the notes are lost.

use serde_json::Value;

use super::file::{TemplateFile, TemplateText};
use super::validate::TemplateError;

/// One field the form sets: its path in the file ("page.margins.left_mm",
/// "text.heading_sizes.0") and the new value.
pub type FieldValue = (String, Value);

impl TemplateText {
    /// This template with `changes` applied and checked. The error names the
    /// field, as for a file imported from another office.
    pub fn with_values(&self, changes: &[FieldValue]) -> Result<TemplateText, TemplateError> {
        let mut json = serde_json::to_value(self.file())
            .map_err(|_| TemplateError::Syntax { line: 0, column: 0 })?;
        for (path, value) in changes {
            let slot = path
                .split('.')
                .try_fold(&mut json, |v, key| match v {
                    Value::Object(m) => m.get_mut(key),
                    Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                    _ => None,
                })
                .ok_or_else(|| TemplateError::Invalid {
                    name: self.file().name.clone(),
                    field: path.clone(),
                    problem: "không có trong tệp mẫu trình bày.".into(),
                })?;
            *slot = value.clone();
        }
        let file: TemplateFile = serde_json::from_value(json).map_err(|e| {
            let field = wrong_field(changes);
            if e.to_string().contains("expected a boolean") {
                TemplateError::NotYesNo { field, line: 0 }
            } else {
                TemplateError::WrongType { field, line: 0 }
            }
        })?;
        file.validate()?;
        let text = edit_text(self.text(), changes)
            .filter(|t| serde_norway::from_str::<TemplateFile>(t).ok().as_ref() == Some(&file))
            .unwrap_or_else(|| written_afresh(&file));
        Ok(TemplateText::from_checked(file, text))
    }
}

/// The field that made a change set unreadable: the first yes/no field
/// given something else, else the first one that is not a number, a yes/no
/// or a short text.
fn wrong_field(changes: &[FieldValue]) -> String {
    changes
        .iter()
        .find(|(p, v)| p.contains(".show.") && !v.is_boolean())
        .or_else(|| {
            changes
                .iter()
                .find(|(_, v)| !(v.is_number() || v.is_boolean() || v.is_string()))
        })
        .or(changes.first())
        .map(|(p, _)| p.clone())
        .unwrap_or_default()
}

fn written_afresh(file: &TemplateFile) -> String {
    let body = serde_norway::to_string(file).unwrap_or_default();
    format!(
        "# Mẫu trình bày {} (Bản Tin ghi lại từ các giá trị; ghi chú của tệp gốc không giữ được).\n{body}",
        file.name
    )
}

/// `text` with every change said on its field's line, or `None` when one
/// of them cannot be found in a shape this edit knows.
fn edit_text(text: &str, changes: &[FieldValue]) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (path, value) in changes {
        let path: Vec<&str> = path.split('.').collect();
        let scalar = yaml_scalar(value)?;
        let (at, line) = find_field(&lines, &path)?;
        lines[at] = line_with(&lines[at], &path[line.depth..], &scalar)?;
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// Where a field's value is written: the line, and how many keys of the
/// path the block structure took up to that line's key.
struct Found {
    depth: usize,
}

/// The line whose key is `path[..k]` for the longest such k, with a value
/// on the same line (a scalar, or a flow map or list holding the rest).
fn find_field(lines: &[String], path: &[&str]) -> Option<(usize, Found)> {
    // Keys of the block maps around the current line, with their indents.
    let mut stack: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let content = strip_comment(line);
        if content.trim().is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let Some((key, rest)) = content.trim_start().split_once(':') else {
            continue;
        };
        if !is_key(key) {
            // A continued scalar (`source: >-` text); not a key line.
            continue;
        }
        while stack.last().is_some_and(|(d, _)| *d >= indent) {
            stack.pop();
        }
        let depth = stack.len();
        let matches = depth < path.len()
            && stack.iter().zip(path).all(|((_, k), p)| k == p)
            && path[depth] == key;
        if matches && !rest.trim().is_empty() {
            return Some((i, Found { depth: depth + 1 }));
        }
        if rest.trim().is_empty() {
            stack.push((indent, key));
        }
    }
    None
}

fn is_key(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The line without its `# comment` (a `#` inside quotes is text).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// `line` with the value of `rest` (the path left inside the line's value)
/// set to `scalar`, its comment kept.
fn line_with(line: &str, rest: &[&str], scalar: &str) -> Option<String> {
    let content = strip_comment(line);
    let comment = &line[content.len()..];
    let colon = content.find(':')?;
    let (head, value) = content.split_at(colon + 1);
    let trimmed = value.trim();
    let new_value = match rest {
        [] if !trimmed.starts_with(['{', '[', '>', '|', '&', '*', '!']) => scalar.to_string(),
        [key] if trimmed.starts_with('{') && trimmed.ends_with('}') => {
            let items = flow_items(&trimmed[1..trimmed.len() - 1])?;
            let mut found = false;
            let items: Vec<String> = items
                .iter()
                .map(|item| match item.split_once(':') {
                    Some((k, _)) if k.trim() == *key => {
                        found = true;
                        format!("{}: {scalar}", k.trim())
                    }
                    _ => item.trim().to_string(),
                })
                .collect();
            found.then(|| format!("{{ {} }}", items.join(", ")))?
        }
        [index] if trimmed.starts_with('[') && trimmed.ends_with(']') => {
            let i: usize = index.parse().ok()?;
            let mut items: Vec<String> = flow_items(&trimmed[1..trimmed.len() - 1])?
                .iter()
                .map(|s| s.trim().to_string())
                .collect();
            *items.get_mut(i)? = scalar.to_string();
            format!("[{}]", items.join(", "))
        }
        _ => return None,
    };
    let gap = if comment.is_empty() { "" } else { " " };
    Some(format!("{head} {new_value}{gap}{}", comment.trim_start()))
}

/// The items of a one-line flow map or list of plain values; `None` when an
/// item is quoted or nested (not this edit's business).
fn flow_items(inner: &str) -> Option<Vec<&str>> {
    if inner.contains(['"', '\'', '{', '[']) {
        return None;
    }
    Some(inner.split(',').filter(|s| !s.trim().is_empty()).collect())
}

/// A JSON value as a YAML scalar: numbers and yes/no as they are, a text
/// plain when YAML reads it back as that text, else double-quoted (JSON's
/// quoting is YAML's).
fn yaml_scalar(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::String(s) => {
            let plain = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c))
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(
                    s.to_ascii_lowercase().as_str(),
                    "true" | "false" | "yes" | "no" | "on" | "off" | "null"
                );
            Some(if plain {
                s.clone()
            } else {
                serde_json::to_string(s).ok()?
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::templates::shipped_text;
    use serde_json::json;

    fn report() -> TemplateText {
        TemplateText::parse(shipped_text("report").unwrap()).unwrap()
    }

    fn set(pairs: &[(&str, Value)]) -> Vec<FieldValue> {
        pairs
            .iter()
            .map(|(p, v)| (p.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn a_changed_margin_keeps_the_comments() {
        let t = report()
            .with_values(&set(&[
                ("name", json!("report/hd36-2018-xa")),
                ("title", json!("Báo cáo của xã (lề trái 30 mm)")),
                ("page.margins.left_mm", json!(30)),
                ("text.heading_sizes.0", json!(15.5)),
                ("text.first_indent_mm", json!(10)),
                ("page_numbers.at", json!("bottom")),
                ("page.double_sided", json!(true)),
            ]))
            .unwrap();
        let p = t.file().page_template();
        assert_eq!(p.margins.left_mm, 30.0);
        assert_eq!(p.heading_sizes[0], 15.5);
        assert_eq!(p.first_indent_mm, 10.0);
        assert!(p.double_sided);
        assert_eq!(t.file().name, "report/hd36-2018-xa");
        let text = t.text();
        assert!(text.contains("margins: { top_mm: 25, bottom_mm: 25, left_mm: 30, right_mm: 15 }"));
        assert!(text.contains("first_indent_mm: 10 # thụt đầu dòng 1,27 cm (cần kiểm chứng)"));
        assert!(text.contains("heading_sizes: [15.5, 14, 14, 14, 14, 14]"));
        assert!(text.contains("title: \"Báo cáo của xã (lề trái 30 mm)\""));
        assert!(text.contains("at: bottom # cách mép trên"), "{text}");
        assert!(text.starts_with("# Mẫu trình bày văn bản của Đảng"));
    }

    #[test]
    fn a_value_out_of_range_names_its_field() {
        let e = report()
            .with_values(&set(&[("page.margins.left_mm", json!(-3))]))
            .unwrap_err();
        assert_eq!(e.field(), Some("page.margins.left_mm"));
        assert!(e.to_string().contains("ngoài khoảng cho phép"), "{e}");
        let e = report()
            .with_values(&set(&[("page.margins.right_mm", json!(140))]))
            .unwrap_err();
        assert_eq!(e.field(), Some("page.margins.left_mm"), "{e}");
        let e = report()
            .with_values(&set(&[("text.body_size", json!("mười bốn"))]))
            .unwrap_err();
        assert_eq!(e.field(), Some("text.body_size"));
        let e = report()
            .with_values(&set(&[("page.margins.gutter_mm", json!(3))]))
            .unwrap_err();
        assert_eq!(e.field(), Some("page.margins.gutter_mm"));
    }

    #[test]
    fn a_file_in_another_yaml_style_is_written_afresh() {
        // Block style, no flow maps: margins written one per line, and a
        // folded title this edit does not rewrite.
        let text = report().text().replace(
            "margins: { top_mm: 25, bottom_mm: 25, left_mm: 35, right_mm: 15 }",
            "margins:\n    top_mm: 25\n    bottom_mm: 25\n    left_mm: 35\n    right_mm: 15",
        );
        let block = TemplateText::parse(&text).unwrap();
        let t = block
            .with_values(&set(&[("page.margins.left_mm", json!(31))]))
            .unwrap();
        assert!(t.text().contains("    left_mm: 31\n"), "{}", t.text());
        let folded = block
            .with_values(&set(&[("source", json!("Hướng dẫn mới"))]))
            .unwrap();
        assert_eq!(folded.file().source, "Hướng dẫn mới");
        assert_eq!(TemplateText::parse(folded.text()).unwrap(), folded);
    }
}
