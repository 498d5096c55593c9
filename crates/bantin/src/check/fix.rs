//! Applying fixes: each is a plain replacement of the text a finding found,
//! so an editor can apply one, and undo it, like any other edit.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Finding, Place};
use crate::model::Content;

/// A replacement: the range, the text it must hold, the new text.
pub type Edit<'a> = (Range<usize>, &'a str, &'a str);

/// Applies `edits` (range → replacement) to `text`, last first so earlier
/// ranges stay valid. An edit that overlaps one already applied, or whose
/// range does not hold the text it expects, is left out. Returns how many
/// were applied.
pub fn apply_to_text(text: &mut String, edits: &[Edit]) -> usize {
    let mut sorted: Vec<_> = edits.iter().collect();
    sorted.sort_by_key(|(r, _, _)| std::cmp::Reverse(r.start));
    let mut applied = 0;
    let mut limit = usize::MAX;
    for (range, expected, replacement) in sorted {
        if range.end > limit || text.get(range.clone()) != Some(*expected) {
            continue;
        }
        text.replace_range(range.clone(), replacement);
        limit = range.start;
        applied += 1;
    }
    applied
}

/// The content with the fixes of `findings` applied, and how many were.
/// Findings without a fix, or on a place that is not text, are skipped.
pub fn apply_fixes(content: &Content, findings: &[Finding]) -> (Content, usize) {
    let mut by_place: BTreeMap<Option<&str>, Vec<Edit>> = BTreeMap::new();
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        let (key, range) = match &f.place {
            Place::Body(r) => (None, r.clone()),
            Place::Field { key, range } => (Some(key.as_str()), range.clone()),
            Place::Nowhere => continue,
        };
        by_place
            .entry(key)
            .or_default()
            .push((range, f.text.as_str(), fix.as_str()));
    }
    let mut out = content.clone();
    let mut applied = 0;
    for (key, edits) in by_place {
        let mut owned;
        let text: &mut String = match key {
            None => &mut out.body,
            Some("title") => &mut out.title,
            Some("summary") => &mut out.summary,
            Some("author") => &mut out.author,
            Some(k) => match out.extra.get(k).and_then(|v| v.as_str()) {
                Some(s) => {
                    owned = s.to_string();
                    applied += apply_to_text(&mut owned, &edits);
                    out.extra
                        .insert(k.to_string(), serde_json::Value::String(owned));
                    continue;
                }
                None => continue,
            },
        };
        applied += apply_to_text(text, &edits);
    }
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_from_the_end_and_skips_stale_edits() {
        let mut s = "a  b ,c".to_string();
        let n = apply_to_text(
            &mut s,
            &[(1..3, "  ", " "), (4..6, " ,", ","), (0..1, "x", "y")],
        );
        assert_eq!(n, 2);
        assert_eq!(s, "a b,c");
    }
}
