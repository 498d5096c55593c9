//! Word diff: which words of one text are gone and which are new in another.
//!
//! Texts are cut into words (runs of non-space) and paragraph breaks; the
//! longest common subsequence of those tokens is what stayed. The common
//! start and end are taken off first, so an autosave that changed a few
//! words in a long article compares only the changed stretch.

use serde::Serialize;

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Same,
    Added,
    Removed,
}

/// A run of words that stayed, came or went: words separated by one space,
/// paragraph breaks as `\n`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

/// Above this many cells (changed words before × after) the changed stretch
/// is shown as all removed and all added rather than aligned word by word:
/// the table would cost too much memory for what a reader gains.
const MAX_CELLS: usize = 4_000_000;

pub(crate) const BREAK: &str = "\n";

/// Words and paragraph breaks (a run of white space holding a line end).
pub(crate) fn tokens(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut gap_has_break = false;
    for (i, word) in split_words(s) {
        if gap_has_break && !out.is_empty() {
            out.push(BREAK);
        }
        out.push(word);
        let rest = &s[i + word.len()..];
        let gap_end = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        gap_has_break = rest[..gap_end].contains('\n');
    }
    out
}

fn split_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let start = pos + rest.find(|c: char| !c.is_whitespace())?;
        let len = s[start..]
            .find(char::is_whitespace)
            .unwrap_or(s.len() - start);
        pos = start + len;
        Some((start, &s[start..start + len]))
    })
}

/// The words of `old` and `new` in reading order, each run marked as kept,
/// added or removed (removed before added where a stretch was replaced).
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let a = tokens(old);
    let b = tokens(new);
    let mut ops: Vec<(Op, &str)> = Vec::with_capacity(a.len().max(b.len()));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    ops.extend(a[..prefix].iter().map(|t| (Op::Same, *t)));
    middle(
        &a[prefix..a.len() - suffix],
        &b[prefix..b.len() - suffix],
        &mut ops,
    );
    ops.extend(a[a.len() - suffix..].iter().map(|t| (Op::Same, *t)));
    join(ops)
}

/// Aligns the changed stretch with a longest common subsequence table.
fn middle<'t>(a: &[&'t str], b: &[&'t str], ops: &mut Vec<(Op, &'t str)>) {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || (n + 1) * (m + 1) > MAX_CELLS {
        ops.extend(a.iter().map(|t| (Op::Removed, *t)));
        ops.extend(b.iter().map(|t| (Op::Added, *t)));
        return;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push((Op::Same, a[i]));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            ops.push((Op::Removed, a[i]));
            i += 1;
        } else {
            ops.push((Op::Added, b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|t| (Op::Removed, *t)));
    ops.extend(b[j..].iter().map(|t| (Op::Added, *t)));
}

/// Runs of the same op become one piece; within a changed stretch the
/// removed words come before the added ones, as a reader compares them.
fn join(ops: Vec<(Op, &str)>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    let mut same: Vec<&str> = Vec::new();
    let flush = |op: Op, words: &mut Vec<&str>, out: &mut Vec<Piece>| {
        if !words.is_empty() {
            out.push(Piece {
                op,
                text: words_text(words),
            });
            words.clear();
        }
    };
    for (op, t) in ops {
        match op {
            Op::Same => {
                flush(Op::Removed, &mut removed, &mut out);
                flush(Op::Added, &mut added, &mut out);
                same.push(t);
            }
            Op::Removed | Op::Added => {
                flush(Op::Same, &mut same, &mut out);
                if op == Op::Removed {
                    removed.push(t)
                } else {
                    added.push(t)
                }
            }
        }
    }
    flush(Op::Same, &mut same, &mut out);
    flush(Op::Removed, &mut removed, &mut out);
    flush(Op::Added, &mut added, &mut out);
    out
}

/// Words joined by spaces, a paragraph break as a line end.
fn words_text(words: &[&str]) -> String {
    let mut s = String::new();
    for w in words {
        if *w == BREAK {
            s.push('\n');
        } else {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push(' ');
            }
            s.push_str(w);
        }
    }
    s
}

/// Counts the words (not paragraph breaks) in a piece.
pub(crate) fn piece_words(p: &Piece) -> usize {
    p.text.split_whitespace().count()
}
