//! Text is cleaned where it enters the library, whoever sends it (an
//! import, the CLI's save, the app's autosave): control characters other
//! than tab, LF and CR are taken out (`text::strip_controls`).

use crate::model::Content;
use crate::text::strip_controls;

fn clean(s: &str) -> String {
    strip_controls(s).into_owned()
}

fn clean_json(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(clean(s)),
        Value::Array(items) => Value::Array(items.iter().map(clean_json).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (clean(k), clean_json(v))).collect())
        }
        other => other.clone(),
    }
}

/// What was derived from a text, as the library stores it (the plain text
/// search indexes is cleaned like the text it came from).
pub(super) fn derived(d: &crate::doc::Derived) -> crate::doc::Derived {
    crate::doc::Derived {
        body_text: clean(&d.body_text),
        word_count: d.word_count,
    }
}

/// `c` as the library stores it.
pub(super) fn content(c: &Content) -> Content {
    Content {
        title: clean(&c.title),
        summary: clean(&c.summary),
        author: clean(&c.author),
        category: clean(&c.category),
        tags: c.tags.iter().map(|t| clean(t)).collect(),
        kind: c.kind,
        status: c.status,
        date: c.date,
        body: clean(&c.body),
        extra: c
            .extra
            .iter()
            .map(|(k, v)| (clean(k), clean_json(v)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_field_is_cleaned() {
        let mut c = Content {
            title: "Tiêu\0 đề".into(),
            body: "Đoạn một.\n\nĐoạn\u{1} hai.\r\n".into(),
            tags: vec!["a\u{7}".into()],
            ..Content::default()
        };
        c.extra.insert("so_hieu".into(), "12\0/BC".into());
        let c = content(&c);
        assert_eq!(c.title, "Tiêu đề");
        assert_eq!(c.body, "Đoạn một.\n\nĐoạn hai.\r\n");
        assert_eq!(c.tags, vec!["a"]);
        assert_eq!(c.extra["so_hieu"], "12/BC");
    }
}
