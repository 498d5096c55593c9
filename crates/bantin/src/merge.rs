//! Three-way merge of an article's text (issue 14): two people changed the
//! same revision (`base`) into `ours` and `theirs`; the merge keeps every
//! change that only one of them made, and marks the places where both changed
//! the same lines, with both versions, in words an editor reads.
//!
//! Why it is built this way:
//! - a pure function of three texts and two names: no store, no clock;
//! - diff3 on lines (paragraphs in Markdown), then, inside a place where both
//!   changed the same paragraph, diff3 again on words: Lan fixing a typo at
//!   the start of a paragraph and Minh adding a sentence at its end is no
//!   conflict;
//! - the marks are plain Vietnamese lines that Markdown shows as ordinary
//!   paragraphs (no `>` or `=` that would turn into a quote or a heading), so
//!   a proposal with conflicts still previews and saves without surprises.

/// The merged text and how many places still need a person's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: usize,
}

/// The first line of a conflict, before `ours`.
pub const MARK_START: &str = "▶▶ Chỗ khác nhau";
/// The start of the line that names a version, before its text.
pub const MARK_SIDE: &str = "▶";
/// The last line of a conflict.
pub const MARK_END: &str = "◀◀ Hết chỗ khác nhau";

/// Whether `text` still holds a conflict mark (a proposal not yet settled).
pub fn has_conflict_marks(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with(MARK_START) || l.starts_with(MARK_END))
}

/// One stretch of a merge: text both sides agree on (after taking each
/// change only one side made), or a place where both changed the same words,
/// with each side's version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    Same { text: String },
    Conflict { ours: String, theirs: String },
}

/// What a person chose for one conflict.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "keep", content = "text", rename_all = "snake_case")]
pub enum Pick {
    Ours,
    Theirs,
    /// Ours, then theirs.
    Both,
    /// What the person wrote in its place.
    Text(String),
}

/// Merges `ours` and `theirs`, both made from `base`, into stretches; the
/// conflicts are left for a person (`settle`) or marked (`merge3`).
pub fn merge_parts(base: &str, ours: &str, theirs: &str) -> Vec<Part> {
    let (b, o, t) = (lines(base), lines(ours), lines(theirs));
    let mut out: Vec<Part> = Vec::new();
    let same = |out: &mut Vec<Part>, text: &str| match out.last_mut() {
        Some(Part::Same { text: t }) => t.push_str(text),
        _ if text.is_empty() => {}
        _ => out.push(Part::Same { text: text.into() }),
    };
    for chunk in diff3(&b, &o, &t) {
        match chunk {
            Chunk::Clean(parts) => same(&mut out, &parts.concat()),
            Chunk::Conflict { base, ours, theirs } => {
                // The same paragraph changed on both sides: try the words.
                let (base, ours, theirs) = (base.concat(), ours.concat(), theirs.concat());
                let (bw, ow, tw) = (words(&base), words(&ours), words(&theirs));
                let by_words = diff3(&bw, &ow, &tw);
                if by_words.iter().all(|c| matches!(c, Chunk::Clean(_))) {
                    for c in by_words {
                        if let Chunk::Clean(parts) = c {
                            same(&mut out, &parts.concat());
                        }
                    }
                    continue;
                }
                out.push(Part::Conflict { ours, theirs });
            }
        }
    }
    out
}

/// Merges `ours` and `theirs`, both made from `base`. `ours_name` and
/// `theirs_name` name each version for a person ("Bản của Nguyễn Thị Lan
/// (số 4)", "Bản số 4").
pub fn merge3(base: &str, ours: &str, theirs: &str, ours_name: &str, theirs_name: &str) -> Merged {
    let mut out = String::new();
    let mut conflicts = 0;
    for part in merge_parts(base, ours, theirs) {
        match part {
            Part::Same { text } => out.push_str(&text),
            Part::Conflict { ours, theirs } => {
                conflicts += 1;
                mark(
                    &mut out,
                    conflicts,
                    (&ours, ours_name),
                    (&theirs, theirs_name),
                );
            }
        }
    }
    Merged {
        text: out,
        conflicts,
    }
}

/// The text once a person has chosen for every conflict of `parts`, in
/// order; `None` when `picks` does not answer each conflict exactly once.
pub fn settle(parts: &[Part], picks: &[Pick]) -> Option<String> {
    let conflicts = parts
        .iter()
        .filter(|p| matches!(p, Part::Conflict { .. }))
        .count();
    if conflicts != picks.len() {
        return None;
    }
    let mut picks = picks.iter();
    let mut out = String::new();
    let put = |out: &mut String, text: &str| {
        if !out.is_empty() && !out.ends_with('\n') && !text.is_empty() {
            out.push('\n');
        }
        out.push_str(text);
    };
    for part in parts {
        match part {
            Part::Same { text } => put(&mut out, text),
            Part::Conflict { ours, theirs } => match picks.next()? {
                Pick::Ours => put(&mut out, ours),
                Pick::Theirs => put(&mut out, theirs),
                Pick::Both => {
                    put(&mut out, ours);
                    if !ours.is_empty() && !out.ends_with("\n\n") {
                        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
                    }
                    put(&mut out, theirs);
                }
                Pick::Text(text) => {
                    put(&mut out, text);
                    if !text.is_empty() && !text.ends_with('\n') {
                        out.push('\n');
                    }
                }
            },
        }
    }
    Some(out)
}

fn mark(out: &mut String, n: usize, ours: (&str, &str), theirs: (&str, &str)) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let mut side = |text: &str| {
        out.push_str(text);
        if !text.is_empty() && !text.ends_with('\n') {
            out.push('\n');
        }
    };
    let head = format!(
        "{MARK_START} {n} — hãy giữ lại phần đúng rồi xoá các dòng có dấu ▶ ◀\n\n{MARK_SIDE} {}:\n\n",
        ours.1
    );
    side(&head);
    side(ours.0);
    side(&format!("\n{MARK_SIDE} {}:\n\n", theirs.1));
    side(theirs.0);
    side(&format!("\n{MARK_END} {n}\n"));
}

/// Lines with their line ends, so joining them gives the text back.
fn lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

/// Words and the runs of space between them, each its own piece, so joining
/// them gives the text back and a word compares equal wherever it stands.
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<bool> = None;
    for (i, ch) in s.char_indices() {
        let space = ch.is_whitespace();
        if prev.is_some_and(|p| p != space) {
            out.push(&s[start..i]);
            start = i;
        }
        prev = Some(space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[derive(Debug)]
enum Chunk<'a> {
    Clean(Vec<&'a str>),
    Conflict {
        base: Vec<&'a str>,
        ours: Vec<&'a str>,
        theirs: Vec<&'a str>,
    },
}

/// diff3: walks the base with its matches in both versions; between lines
/// that all three share, takes the side that changed, or both when both did
/// the same, or reports a conflict.
fn diff3<'a>(base: &[&'a str], ours: &[&'a str], theirs: &[&'a str]) -> Vec<Chunk<'a>> {
    let mo = matches(base, ours);
    let mt = matches(base, theirs);
    let (mut i, mut j, mut k) = (0, 0, 0);
    let mut out: Vec<Chunk> = Vec::new();
    let clean = |out: &mut Vec<Chunk<'a>>, parts: &[&'a str]| {
        if parts.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(Chunk::Clean(v)) => v.extend_from_slice(parts),
            _ => out.push(Chunk::Clean(parts.to_vec())),
        }
    };
    while i < base.len() || j < ours.len() || k < theirs.len() {
        if i < base.len() && mo[i] == Some(j) && mt[i] == Some(k) {
            clean(&mut out, &[base[i]]);
            (i, j, k) = (i + 1, j + 1, k + 1);
            continue;
        }
        // The next base line both versions kept closes this unstable stretch.
        let next = (i..base.len()).find_map(|b| Some((b, mo[b]?, mt[b]?)));
        let (b2, j2, k2) = next.unwrap_or((base.len(), ours.len(), theirs.len()));
        let (bs, os, ts) = (&base[i..b2], &ours[j..j2], &theirs[k..k2]);
        if os == bs {
            clean(&mut out, ts);
        } else if ts == bs || os == ts {
            clean(&mut out, os);
        } else {
            out.push(Chunk::Conflict {
                base: bs.to_vec(),
                ours: os.to_vec(),
                theirs: ts.to_vec(),
            });
        }
        (i, j, k) = (b2, j2, k2);
    }
    out
}

/// For each item of `a`, its partner in `b` on a longest common subsequence.
/// The common start and end are matched directly, so the quadratic table
/// covers only the changed middle.
fn matches(a: &[&str], b: &[&str]) -> Vec<Option<usize>> {
    let mut m = vec![None; a.len()];
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    for (n, slot) in m.iter_mut().enumerate().take(pre) {
        *slot = Some(n);
    }
    for n in 0..suf {
        m[a.len() - 1 - n] = Some(b.len() - 1 - n);
    }
    let (a2, b2) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (n, w) = (a2.len(), b2.len());
    if n == 0 || w == 0 {
        return m;
    }
    // lcs[x][y]: length of the LCS of a2[x..] and b2[y..].
    let mut lcs = vec![0u32; (n + 1) * (w + 1)];
    let at = |x: usize, y: usize| x * (w + 1) + y;
    for x in (0..n).rev() {
        for y in (0..w).rev() {
            lcs[at(x, y)] = if a2[x] == b2[y] {
                lcs[at(x + 1, y + 1)] + 1
            } else {
                lcs[at(x + 1, y)].max(lcs[at(x, y + 1)])
            };
        }
    }
    let (mut x, mut y) = (0, 0);
    while x < n && y < w {
        if a2[x] == b2[y] {
            m[pre + x] = Some(pre + y);
            x += 1;
            y += 1;
        } else if lcs[at(x + 1, y)] >= lcs[at(x, y + 1)] {
            x += 1;
        } else {
            y += 1;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(base: &str, ours: &str, theirs: &str) -> Merged {
        merge3(
            base,
            ours,
            theirs,
            "Bản của Nguyễn Thị Lan",
            "Bản của Trần Văn Minh",
        )
    }

    const BASE: &str =
        "Tiêu đề\n\nĐoạn một nói về văn hóa.\n\nĐoạn hai nói về thể thao.\n\nĐoạn ba kết.\n";

    #[test]
    fn changes_to_different_paragraphs_both_stay() {
        let ours = BASE.replace("văn hóa", "văn hoá công sở");
        let theirs = BASE.replace("Đoạn ba kết.", "Đoạn ba kết luận.");
        let r = m(BASE, &ours, &theirs);
        assert_eq!(r.conflicts, 0);
        assert_eq!(
            r.text,
            "Tiêu đề\n\nĐoạn một nói về văn hoá công sở.\n\nĐoạn hai nói về thể thao.\n\nĐoạn ba kết luận.\n"
        );
    }

    #[test]
    fn changes_to_different_words_of_one_paragraph_both_stay() {
        let ours = BASE.replace("Đoạn hai nói", "Đoạn thứ hai nói");
        let theirs = BASE.replace("thể thao.", "thể thao quần chúng.");
        let r = m(BASE, &ours, &theirs);
        assert_eq!(r.conflicts, 0, "{}", r.text);
        assert!(
            r.text
                .contains("Đoạn thứ hai nói về thể thao quần chúng.\n")
        );
    }

    #[test]
    fn the_same_words_changed_twice_are_marked_with_both_names() {
        let ours = BASE.replace("thể thao", "bóng đá");
        let theirs = BASE.replace("thể thao", "cầu lông");
        let r = m(BASE, &ours, &theirs);
        assert_eq!(r.conflicts, 1);
        assert!(has_conflict_marks(&r.text));
        let lan = r.text.find("Bản của Nguyễn Thị Lan:").unwrap();
        let minh = r.text.find("Bản của Trần Văn Minh:").unwrap();
        let bong = r.text.find("bóng đá").unwrap();
        let cau = r.text.find("cầu lông").unwrap();
        assert!(lan < bong && bong < minh && minh < cau, "{}", r.text);
        // What nobody disputes is there once, outside the marks.
        assert_eq!(r.text.matches("Đoạn một nói về văn hóa.").count(), 1);
        assert_eq!(r.text.matches("Đoạn ba kết.").count(), 1);
        // No Markdown quote or heading marks.
        assert!(
            r.text
                .lines()
                .all(|l| !l.starts_with('>') && !l.starts_with("==="))
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let both = BASE.replace("thể thao", "thể dục");
        let r = m(BASE, &both, &both);
        assert_eq!(
            r,
            Merged {
                text: both,
                conflicts: 0
            }
        );
    }

    #[test]
    fn one_side_unchanged_gives_the_other() {
        let theirs = format!("{BASE}\nĐoạn bốn mới.\n");
        assert_eq!(m(BASE, BASE, &theirs).text, theirs);
        assert_eq!(m(BASE, &theirs, BASE).text, theirs);
        assert_eq!(m("", "", "").text, "");
    }

    #[test]
    fn additions_at_both_ends_and_deletions_merge() {
        let ours = format!(
            "Mở đầu.\n\n{}",
            BASE.replace("Đoạn hai nói về thể thao.\n\n", "")
        );
        let theirs = format!("{BASE}\nPhụ lục.\n");
        let r = m(BASE, &ours, &theirs);
        assert_eq!(r.conflicts, 0);
        assert_eq!(
            r.text,
            "Mở đầu.\n\nTiêu đề\n\nĐoạn một nói về văn hóa.\n\nĐoạn ba kết.\n\nPhụ lục.\n"
        );
    }

    #[test]
    fn joining_the_words_gives_the_text_back() {
        for s in ["", "a", " a  b\nc ", "Văn  hoá\n\n– tốt "] {
            assert_eq!(words(s).concat(), s);
            assert_eq!(lines(s).concat(), s);
        }
    }

    #[test]
    fn a_person_settles_each_conflict_in_order() {
        let ours = BASE
            .replace("thể thao", "bóng đá")
            .replace("Đoạn ba kết.", "Đoạn ba hết.");
        let theirs = BASE
            .replace("thể thao", "cầu lông")
            .replace("Đoạn ba kết.", "Đoạn ba xong.");
        let parts = merge_parts(BASE, &ours, &theirs);
        let conflicts: Vec<_> = parts
            .iter()
            .filter(|p| matches!(p, Part::Conflict { .. }))
            .collect();
        assert_eq!(conflicts.len(), 2, "{parts:?}");
        // Taking one side everywhere gives that side back.
        assert_eq!(settle(&parts, &[Pick::Ours, Pick::Ours]).unwrap(), ours);
        assert_eq!(
            settle(&parts, &[Pick::Theirs, Pick::Theirs]).unwrap(),
            theirs
        );
        let mixed = settle(
            &parts,
            &[Pick::Both, Pick::Text("Đoạn ba, viết lại".into())],
        )
        .unwrap();
        assert_eq!(
            mixed,
            "Tiêu đề\n\nĐoạn một nói về văn hóa.\n\nĐoạn hai nói về bóng đá.\n\nĐoạn hai nói về cầu lông.\n\nĐoạn ba, viết lại\n"
        );
        assert!(!has_conflict_marks(&mixed));
        // One answer short, or one too many: not settled.
        assert_eq!(settle(&parts, &[Pick::Ours]), None);
        assert_eq!(settle(&parts, &[Pick::Ours, Pick::Ours, Pick::Ours]), None);
        // The marked text is the same parts with both versions named.
        let marked = merge3(BASE, &ours, &theirs, "Bản của bạn", "Bản của Lan");
        assert_eq!(marked.conflicts, 2);
    }

    #[test]
    fn a_text_without_a_final_line_end_still_merges() {
        let r = m("một\nhai", "một\nhai ba", "không\nhai");
        assert_eq!(r.conflicts, 0, "{}", r.text);
        assert_eq!(r.text, "không\nhai ba");
    }
}
