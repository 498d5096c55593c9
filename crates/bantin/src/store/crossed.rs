//! Saves that cross (issue 14, DESIGN §9): two people open revision 4, both
//! save. Each save says which revision it was made from (`base`); the second
//! finds the article already at 5. Both are kept: it becomes revision 6, the
//! current state, and the article remembers that it waits for a merge of 6
//! with 5, both made from 4. Nothing is overwritten, and nothing needs a
//! protocol beyond "append immutable revisions".
//!
//! The next person to open it gets a proposal (`merge_proposal`): the two
//! versions and their three-way merge (`merge::merge3`, conflicts marked);
//! saving the merge (`RevisionReason::Merge`) writes a new revision and
//! clears the mark. A third crossing save before that points the mark at the
//! newest pair; the older stays in the history.

use chrono::{DateTime, Utc};

use super::{Library, Result, articles};
use crate::doc::Derived;
use crate::merge::{Merged, Part, Pick, merge_parts, merge3, settle};
use crate::model::{Article, ArticleId, Content, PendingMerge, Revision, RevisionReason};

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The text is what the article already holds, or what its base held
    /// (an unchanged copy sent late): nothing written.
    Unchanged,
    /// Revision `n` written (or found already written under the same id).
    Written(u32),
    /// Revision `number` written, but it crossed another save: the article
    /// now waits for a merge.
    Crossed { number: u32, merge: PendingMerge },
}

impl Saved {
    pub fn number(self) -> Option<u32> {
        match self {
            Saved::Unchanged => None,
            Saved::Written(n) | Saved::Crossed { number: n, .. } => Some(n),
        }
    }
}

/// What a save of `content`, made from revision `base`, must do to an article
/// now at `current` (locked by the caller). `base_content` is the base's
/// content when the base is older than the current revision.
pub(super) enum Plan {
    Nothing,
    Write { crossed: Option<PendingMerge> },
}

pub(super) fn plan(
    current: &Article,
    base: u32,
    base_content: Option<&Content>,
    content: &Content,
    reason: RevisionReason,
) -> Plan {
    // A merge is written even when it keeps one side as it was: it is the
    // revision that says the crossing was settled.
    let same = current.content == *content || base_content == Some(content);
    if same && reason != RevisionReason::Merge {
        return Plan::Nothing;
    }
    let crossed = (base < current.revision).then_some(PendingMerge {
        base,
        other: current.revision,
    });
    Plan::Write { crossed }
}

/// What the mark should be after a write: a crossing sets it; a merge that
/// crossed nothing clears it; any other save leaves it.
pub(super) fn mark_after(
    crossed: Option<PendingMerge>,
    reason: RevisionReason,
    before: Option<PendingMerge>,
) -> Option<PendingMerge> {
    match crossed {
        Some(m) => Some(m),
        None if reason == RevisionReason::Merge => None,
        None => before,
    }
}

/// Two versions of an article made from one base, and the proposed merge.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MergeProposal {
    pub base: Revision,
    /// The article's current state (the later of the two saves).
    pub current: Revision,
    /// The state it replaced.
    pub other: Revision,
    /// Whose each version is, for the two columns: "Bản của Nguyễn Thị Lan
    /// (số 6)", "Bản của bạn (số 5)" for the account connected.
    pub current_by: String,
    pub other_by: String,
    /// The full name of whoever wrote `other`, when that is someone else
    /// (for "Nguyễn Thị Lan cũng đã lưu bài này").
    pub other_person: Option<String>,
    /// The text in stretches: what both agree on and each conflict with its
    /// two versions, for a person to choose (`Library::save_merge`).
    pub parts: Vec<Part>,
    /// The proposal: the merged text, and the fields only one side changed.
    pub content: Content,
    /// Places in the text still marked for a person to choose.
    pub conflicts: usize,
}

impl Library {
    /// Saves `content` as the next revision of article `id`, made from
    /// revision `base`. When the article moved on since `base` (someone else
    /// saved), both are kept and the article is marked for a merge. On the
    /// shared library `revision_id` (made by the caller, a uuid) makes the
    /// save idempotent: sent again, it is found and not written twice. The
    /// local library does not keep revision ids (yet) and ignores it.
    #[allow(clippy::too_many_arguments)]
    pub fn save_based_derived(
        &self,
        id: ArticleId,
        base: u32,
        revision_id: Option<&str>,
        content: &Content,
        derived: &Derived,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        let content = &super::clean::content(content);
        let derived = &super::clean::derived(derived);
        if let Some(shared) = self.shared() {
            let made;
            let uuid = match revision_id {
                Some(u) => u,
                None => {
                    made = uuid::Uuid::new_v4().to_string();
                    &made
                }
            };
            return shared.save_based(id, base, uuid, content, derived, reason, now);
        }
        self.try_write(|tx| {
            let current = articles::load(tx, id)?;
            let base_content = if base < current.revision {
                Some(articles::load_revision(tx, id, base)?.content)
            } else {
                None
            };
            let Plan::Write { crossed } =
                plan(&current, base, base_content.as_ref(), content, reason)
            else {
                return Ok(Saved::Unchanged);
            };
            let before = pending_local(tx, id).map_err(|e| self.err(e))?;
            let number = articles::update(tx, id, content, derived, reason, None, now)
                .map_err(|e| self.err(e))?;
            let mark = mark_after(crossed, reason, before);
            tx.execute(
                "UPDATE articles SET merge_base = ?2, merge_other = ?3 WHERE id = ?1",
                rusqlite::params![id, mark.map(|m| m.base), mark.map(|m| m.other)],
            )
            .map_err(|e| self.err(e))?;
            Ok(match crossed {
                Some(merge) => Saved::Crossed { number, merge },
                None => Saved::Written(number),
            })
        })
    }

    /// Whether article `id` waits for a merge of two crossed saves.
    pub fn pending_merge(&self, id: ArticleId) -> Result<Option<PendingMerge>> {
        if let Some(shared) = self.shared() {
            return shared.pending_merge(id);
        }
        let conn = self.conn()?;
        articles::load(conn, id)?;
        pending_local(conn, id).map_err(|e| self.err(e))
    }

    /// The two crossed versions of article `id` side by side and their
    /// three-way merge; `None` when nothing waits for a merge.
    pub fn merge_proposal(&self, id: ArticleId) -> Result<Option<MergeProposal>> {
        let Some(m) = self.pending_merge(id)? else {
            return Ok(None);
        };
        let current_number = self.article(id)?.revision;
        let base = self.revision(id, m.base)?;
        let current = self.revision(id, current_number)?;
        let other = self.revision(id, m.other)?;
        let (current_by, _) = self.revision_label(id, current_number)?;
        let (other_by, other_person) = self.revision_label(id, m.other)?;
        let (content, merged) = merge_content(
            &base.content,
            &current.content,
            &other.content,
            &current_by,
            &other_by,
        );
        let parts = merge_parts(
            &base.content.body,
            &current.content.body,
            &other.content.body,
        );
        Ok(Some(MergeProposal {
            base,
            current,
            other,
            current_by,
            other_by,
            other_person,
            content,
            conflicts: merged.conflicts,
            parts,
        }))
    }

    /// The merge a person settled: the proposal of `crossing` with the
    /// article at revision `current` (as they were shown it), each conflict
    /// taken as `picks` says, ready to be saved made from `current`
    /// (`Library::save_merge`). `None` when `picks` does not answer each
    /// conflict once (the view was stale).
    pub fn settled_merge(
        &self,
        id: ArticleId,
        crossing: PendingMerge,
        current: u32,
        picks: &[Pick],
    ) -> Result<Option<Content>> {
        let base = self.revision(id, crossing.base)?.content;
        let ours = self.revision(id, current)?.content;
        let theirs = self.revision(id, crossing.other)?.content;
        let parts = merge_parts(&base.body, &ours.body, &theirs.body);
        let Some(body) = settle(&parts, picks) else {
            return Ok(None);
        };
        let (fields, _) = merge_content(&base, &ours, &theirs, "", "");
        Ok(Some(Content { body, ..fields }))
    }

    /// Who wrote revision `number`, for a person: the author's full name on
    /// the shared library ("bạn" for the account connected), and the
    /// revision's number: "Bản của Nguyễn Thị Lan (số 6)", "Bản của bạn (số
    /// 5)", or "Bản số 6" when nobody is named. With the label, the other
    /// person's name, when it is someone else.
    fn revision_label(&self, id: ArticleId, number: u32) -> Result<(String, Option<String>)> {
        let who = match self.shared() {
            Some(shared) => shared.revision_author(id, number)?,
            None => None,
        };
        Ok(match who {
            Some((_, true)) => (format!("Bản của bạn (số {number})"), None),
            Some((name, false)) => (format!("Bản của {name} (số {number})"), Some(name)),
            None => (format!("Bản số {number}"), None),
        })
    }
}

fn pending_local(
    conn: &rusqlite::Connection,
    id: ArticleId,
) -> rusqlite::Result<Option<PendingMerge>> {
    conn.query_row(
        "SELECT merge_base, merge_other FROM articles WHERE id = ?1",
        [id],
        |r| Ok(pending(r.get(0)?, r.get(1)?)),
    )
}

/// The mark as stored: both columns, or none.
pub(super) fn pending(base: Option<u32>, other: Option<u32>) -> Option<PendingMerge> {
    Some(PendingMerge {
        base: base?,
        other: other?,
    })
}

/// Merges two versions of an article's content: the text line by line and
/// word by word (`merge3`), every other field taken from the side that
/// changed it (the current one when both did).
pub fn merge_content(
    base: &Content,
    current: &Content,
    other: &Content,
    current_by: &str,
    other_by: &str,
) -> (Content, Merged) {
    fn pick<T: PartialEq + Clone>(base: &T, current: &T, other: &T) -> T {
        if current == base { other } else { current }.clone()
    }
    let merged = merge3(&base.body, &current.body, &other.body, current_by, other_by);
    let content = Content {
        title: pick(&base.title, &current.title, &other.title),
        summary: pick(&base.summary, &current.summary, &other.summary),
        author: pick(&base.author, &current.author, &other.author),
        category: pick(&base.category, &current.category, &other.category),
        tags: pick(&base.tags, &current.tags, &other.tags),
        kind: pick(&base.kind, &current.kind, &other.kind),
        status: pick(&base.status, &current.status, &other.status),
        date: pick(&base.date, &current.date, &other.date),
        extra: pick(&base.extra, &current.extra, &other.extra),
        body: merged.text.clone(),
    };
    (content, merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(title: &str, body: &str) -> Content {
        Content {
            title: title.into(),
            body: body.into(),
            ..Content::default()
        }
    }

    #[test]
    fn fields_come_from_the_side_that_changed_them() {
        let base = c("Tin cũ", "Một.\n\nHai.\n");
        let current = c("Tin cũ", "Một sửa.\n\nHai.\n");
        let other = c("Tin mới", "Một.\n\nHai sửa.\n");
        let (merged, m) = merge_content(&base, &current, &other, "Lan", "Minh");
        assert_eq!(m.conflicts, 0);
        assert_eq!(merged.title, "Tin mới");
        assert_eq!(merged.body, "Một sửa.\n\nHai sửa.\n");
    }

    #[test]
    fn a_merge_clears_the_mark_and_a_crossing_sets_it() {
        let m = PendingMerge { base: 1, other: 2 };
        assert_eq!(mark_after(None, RevisionReason::Merge, Some(m)), None);
        assert_eq!(mark_after(None, RevisionReason::Save, Some(m)), Some(m));
        assert_eq!(mark_after(Some(m), RevisionReason::Merge, None), Some(m));
    }
}
