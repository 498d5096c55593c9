//! History an editor can read: what changed between two states of an
//! article — its words and its Thuộc tính — and a short line for each
//! revision ("+ 12 từ: “Thêm đoạn sửa đổi…”", "Trạng thái: Nháp → Đã duyệt").
//!
//! `compare` and `summaries` are pure functions of the revisions they are
//! handed; the two `Library` methods below only load those revisions, the
//! same way on both backends.

mod diff;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use diff::{Op, Piece, word_diff};

use crate::markdown;
use crate::model::{ArticleId, Content, Revision, RevisionInfo};
use crate::store::{Library, StoreError};

/// How many words of the first change a revision's line quotes.
const FIRST_WORDS: usize = 8;

/// One Thuộc tính field whose value differs, with both values as an editor
/// reads them ("Đã duyệt", "24/11/2026"); an empty value is "".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's key (`title`, `status`, `so_hieu`, …).
    pub field: String,
    /// Its label in Thuộc tính ("Trạng thái", "Số, ký hiệu").
    pub label: String,
    pub before: String,
    pub after: String,
}

/// What changed from one state of an article to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Thuộc tính fields that differ, in the panel's order.
    pub fields: Vec<FieldChange>,
    /// The text's words, kept, removed and added, in reading order.
    pub words: Vec<Piece>,
    pub words_added: usize,
    pub words_removed: usize,
    /// The Markdown differs though every word is the same (bold, a heading,
    /// a photo moved): a change of formatting only.
    pub formatting_only: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.words_added + self.words_removed == 0
            && !self.formatting_only
    }
}

/// A revision's line in Lịch sử: its info, how long the article was then and
/// what it changed compared with the revision before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionSummary {
    #[serde(flatten)]
    pub info: RevisionInfo,
    pub word_count: usize,
    pub words_added: usize,
    pub words_removed: usize,
    /// The first words that came or went (a few, "…" when cut).
    pub first_change: Option<Piece>,
    pub fields: Vec<FieldChange>,
    pub formatting_only: bool,
}

/// The labels of Thuộc tính for the front-matter fields kept in `extra`.
const EXTRA_LABELS: &[(&str, &str)] = &[
    ("so_hieu", "Số, ký hiệu"),
    ("noi_nhan", "Nơi nhận"),
    ("chuc_vu_ky", "Chức vụ người ký"),
    ("nguoi_ky", "Người ký"),
];

fn extra_text(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => {
            s.lines().map(str::trim).collect::<Vec<_>>().join("; ")
        }
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| i.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// The Thuộc tính fields that differ between `old` and `new`.
pub fn field_changes(old: &Content, new: &Content) -> Vec<FieldChange> {
    let date = |c: &Content| {
        c.date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let mut pairs: Vec<(&str, &str, String, String)> = vec![
        ("title", "Tiêu đề", old.title.clone(), new.title.clone()),
        (
            "kind",
            "Loại",
            old.kind.label().into(),
            new.kind.label().into(),
        ),
        (
            "status",
            "Trạng thái",
            old.status.label().into(),
            new.status.label().into(),
        ),
        ("date", "Ngày", date(old), date(new)),
        (
            "summary",
            "Tóm tắt (sapo)",
            old.summary.clone(),
            new.summary.clone(),
        ),
        (
            "author",
            "Tác giả – nguồn",
            old.author.clone(),
            new.author.clone(),
        ),
        (
            "category",
            "Chuyên mục",
            old.category.clone(),
            new.category.clone(),
        ),
        ("tags", "Từ khóa", old.tags.join(", "), new.tags.join(", ")),
    ];
    for (key, label) in EXTRA_LABELS {
        pairs.push((
            key,
            label,
            extra_text(old.extra.get(*key)),
            extra_text(new.extra.get(*key)),
        ));
    }
    let known = |k: &str| EXTRA_LABELS.iter().any(|(key, _)| *key == k);
    let mut others: Vec<&String> = old
        .extra
        .keys()
        .chain(new.extra.keys())
        .filter(|k| !known(k))
        .collect();
    others.sort();
    others.dedup();
    for key in others {
        pairs.push((
            key,
            key,
            extra_text(old.extra.get(key)),
            extra_text(new.extra.get(key)),
        ));
    }
    pairs
        .into_iter()
        .filter(|(_, _, before, after)| before != after)
        .map(|(field, label, before, after)| FieldChange {
            field: field.into(),
            label: label.into(),
            before,
            after,
        })
        .collect()
}

/// What changed from `old` to `new`: the words of the text as printed (not
/// its Markdown marks) and the Thuộc tính fields.
pub fn compare(old: &Content, new: &Content) -> Changes {
    let (a, b) = (
        markdown::derive(old).body_text,
        markdown::derive(new).body_text,
    );
    changes(old, new, &a, &b)
}

fn changes(old: &Content, new: &Content, old_text: &str, new_text: &str) -> Changes {
    let words = word_diff(old_text, new_text);
    let count = |op: Op| {
        words
            .iter()
            .filter(|p| p.op == op)
            .map(diff::piece_words)
            .sum()
    };
    let (words_added, words_removed) = (count(Op::Added), count(Op::Removed));
    Changes {
        fields: field_changes(old, new),
        formatting_only: words_added + words_removed == 0 && old.body != new.body,
        words,
        words_added,
        words_removed,
    }
}

/// The first few words of the first change, "…" when there are more.
fn first_change(words: &[Piece]) -> Option<Piece> {
    let p = words
        .iter()
        .find(|p| p.op != Op::Same && diff::piece_words(p) > 0)?;
    let all: Vec<&str> = p.text.split_whitespace().collect();
    let mut text = all[..all.len().min(FIRST_WORDS)].join(" ");
    if all.len() > FIRST_WORDS {
        text.push('…');
    }
    Some(Piece { op: p.op, text })
}

/// A line for each revision (oldest first, as handed): what it changed
/// compared with the one before it. The first revision is the whole text.
pub fn summaries(revisions: &[Revision]) -> Vec<RevisionSummary> {
    let derived: Vec<_> = revisions
        .iter()
        .map(|r| markdown::derive(&r.content))
        .collect();
    revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // The first revision is compared with no text at all.
            let (before, before_text) = match i {
                0 => (&r.content, ""),
                _ => (&revisions[i - 1].content, derived[i - 1].body_text.as_str()),
            };
            let c = changes(before, &r.content, before_text, &derived[i].body_text);
            let first = first_change(&c.words);
            RevisionSummary {
                info: r.info.clone(),
                word_count: derived[i].word_count,
                words_added: c.words_added,
                words_removed: c.words_removed,
                first_change: first,
                fields: c.fields,
                formatting_only: c.formatting_only,
            }
        })
        .collect()
}

impl Library {
    /// Lịch sử: every revision of an article with what it changed, oldest
    /// first.
    pub fn history_summaries(&self, id: ArticleId) -> Result<Vec<RevisionSummary>, StoreError> {
        let revisions = self
            .history(id)?
            .iter()
            .map(|info| self.revision(id, info.number))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(summaries(&revisions))
    }

    /// So sánh: what changed from revision `number` to the article as it is
    /// now. Restoring that revision undoes exactly these changes.
    pub fn changes_since(&self, id: ArticleId, number: u32) -> Result<Changes, StoreError> {
        let then = self.revision(id, number)?;
        let now = self.article(id)?;
        Ok(compare(&then.content, &now.content))
    }
}
