//! Total-fit (Knuth–Plass) line breaking over boxes, glue and penalties.
//!
//! Justified Vietnamese has many short syllables and so many spaces; choosing
//! all breaks of a paragraph together keeps the word spacing even where a
//! greedy breaker leaves one loose line after a tight one. The breaker knows
//! nothing about text: `paragraph.rs` turns runs into items and lines back
//! into runs. If no set of breaks satisfies the tolerance, a second pass
//! accepts any stretch, and a greedy pass is the last resort, so a paragraph
//! always gets lines and never a line wider than the measure (shrinking below
//! the glue's minimum is never allowed).

/// A penalty at or above this never breaks; at or below its negative always.
pub const INFINITY: f32 = 10_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
    },
}

/// A chosen break: the line ends at `items[index]` (a glue, which is dropped,
/// or a penalty, whose width is kept), set with adjustment `ratio` (glue
/// grows by `ratio * stretch` when positive, shrinks by `ratio * shrink`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub index: usize,
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Largest stretch ratio accepted on the first pass.
    pub tolerance: f32,
    pub line_penalty: f32,
    pub flagged_demerits: f32,
    pub fitness_demerits: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 2.0,
            line_penalty: 10.0,
            flagged_demerits: 3000.0,
            fitness_demerits: 3000.0,
        }
    }
}

#[derive(Clone, Copy)]
struct Node {
    /// Index of the break item (usize::MAX for the paragraph start).
    pos: usize,
    line: usize,
    fitness: u8,
    /// Totals up to the first item of the line after this break.
    w: f32,
    y: f32,
    z: f32,
    demerits: f32,
    ratio: f32,
    prev: Option<usize>,
}

/// Breaks `items` into lines of `width`. The caller ends the paragraph with
/// a finishing glue and a forced break (see `paragraph.rs`).
pub fn break_lines(items: &[Item], width: f32, params: &Params) -> Vec<Break> {
    if items.is_empty() {
        return Vec::new();
    }
    total_fit(items, width, params.tolerance, params)
        .or_else(|| total_fit(items, width, 1e6, params))
        .unwrap_or_else(|| greedy(items, width))
}

fn is_legal(items: &[Item], i: usize) -> bool {
    match items[i] {
        Item::Penalty { penalty, .. } => penalty < INFINITY,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

fn total_fit(items: &[Item], width: f32, tolerance: f32, p: &Params) -> Option<Vec<Break>> {
    // Prefix sums: sum_*[i] covers items[..i].
    let n = items.len();
    let (mut sw, mut sy, mut sz) = (
        vec![0.0f32; n + 1],
        vec![0.0f32; n + 1],
        vec![0.0f32; n + 1],
    );
    for (i, it) in items.iter().enumerate() {
        let (w, y, z) = match *it {
            Item::Box { width } => (width, 0.0, 0.0),
            Item::Glue {
                width,
                stretch,
                shrink,
            } => (width, stretch, shrink),
            Item::Penalty { .. } => (0.0, 0.0, 0.0),
        };
        sw[i + 1] = sw[i] + w;
        sy[i + 1] = sy[i] + y;
        sz[i + 1] = sz[i] + z;
    }
    // Where the line after a break at `b` starts: past glue and penalties.
    let after = |b: usize| -> usize {
        let mut j = b + 1;
        while j < n && !matches!(items[j], Item::Box { .. }) {
            if let Item::Penalty { penalty, .. } = items[j]
                && penalty <= -INFINITY
            {
                break;
            }
            j += 1;
        }
        j
    };

    let mut nodes: Vec<Node> = vec![Node {
        pos: usize::MAX,
        line: 0,
        fitness: 1,
        w: 0.0,
        y: 0.0,
        z: 0.0,
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];

    for b in 0..n {
        if !is_legal(items, b) {
            continue;
        }
        let (pen, pen_w, flagged) = match items[b] {
            Item::Penalty {
                width,
                penalty,
                flagged,
            } => (penalty, width, flagged),
            _ => (0.0, 0.0, false),
        };
        // Best candidate per fitness class: (demerits, from-node, ratio).
        let mut best: [Option<(f32, usize, f32)>; 4] = [None; 4];
        let mut keep = Vec::with_capacity(active.len());
        for &a in &active {
            let node = nodes[a];
            let natural = sw[b] - node.w + pen_w;
            let ratio = if natural < width {
                let y = sy[b] - node.y;
                if y > 0.0 {
                    (width - natural) / y
                } else {
                    INFINITY
                }
            } else if natural > width {
                let z = sz[b] - node.z;
                if z > 0.0 {
                    (width - natural) / z
                } else {
                    -INFINITY
                }
            } else {
                0.0
            };
            let forced = pen <= -INFINITY;
            if ratio < -1.0 || forced {
                // This node can never start a feasible line past `b`.
            } else {
                keep.push(a);
            }
            if ratio >= -1.0 && ratio <= tolerance {
                let badness = 100.0 * ratio.abs().powi(3);
                let base = (p.line_penalty + badness).powi(2);
                let mut d = if pen >= 0.0 {
                    base + pen * pen
                } else if pen > -INFINITY {
                    base - pen * pen
                } else {
                    base
                };
                if flagged
                    && node.pos != usize::MAX
                    && let Item::Penalty { flagged: true, .. } = items[node.pos]
                {
                    d += p.flagged_demerits;
                }
                let fitness = if ratio < -0.5 {
                    0
                } else if ratio <= 0.5 {
                    1
                } else if ratio <= 1.0 {
                    2
                } else {
                    3
                };
                if (fitness as i32 - node.fitness as i32).abs() > 1 {
                    d += p.fitness_demerits;
                }
                let total = node.demerits + d;
                let slot = &mut best[fitness as usize];
                if slot.is_none_or(|(bd, _, _)| total < bd) {
                    *slot = Some((total, a, ratio));
                }
            }
        }
        active = keep;
        let start = after(b);
        for (fitness, cand) in best.iter().enumerate() {
            if let Some((demerits, from, ratio)) = *cand {
                nodes.push(Node {
                    pos: b,
                    line: nodes[from].line + 1,
                    fitness: fitness as u8,
                    w: sw[start],
                    y: sy[start],
                    z: sz[start],
                    demerits,
                    ratio,
                    prev: Some(from),
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    // The paragraph's final forced break leaves only nodes at the end.
    let last = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].pos == n - 1)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut out = Vec::new();
    let mut cur = Some(last);
    while let Some(c) = cur {
        let node = nodes[c];
        if node.pos != usize::MAX {
            out.push(Break {
                index: node.pos,
                ratio: node.ratio,
            });
        }
        cur = node.prev;
    }
    out.reverse();
    Some(out)
}

/// First-fit breaking, used only when total fit found nothing (a box wider
/// than the measure with no break inside it).
fn greedy(items: &[Item], width: f32) -> Vec<Break> {
    let mut out = Vec::new();
    let mut line_w = 0.0f32;
    let mut last_legal: Option<(usize, f32)> = None;
    let mut i = 0;
    while i < items.len() {
        let it = items[i];
        if let Item::Penalty { penalty, .. } = it
            && penalty <= -INFINITY
        {
            out.push(Break {
                index: i,
                ratio: 0.0,
            });
            line_w = 0.0;
            last_legal = None;
            i += 1;
            continue;
        }
        if is_legal(items, i) {
            last_legal = Some((i, line_w));
        }
        let w = match it {
            Item::Box { width } => width,
            Item::Glue { width, .. } => width,
            Item::Penalty { .. } => 0.0,
        };
        if line_w + w > width
            && matches!(it, Item::Box { .. })
            && let Some((b, _)) =
                last_legal.filter(|(b, _)| out.last().is_none_or(|l| l.index < *b))
        {
            out.push(Break {
                index: b,
                ratio: 0.0,
            });
            i = b + 1;
            while i < items.len() && !matches!(items[i], Item::Box { .. }) {
                i += 1;
            }
            line_w = 0.0;
            last_legal = None;
            continue;
        }
        line_w += w;
        i += 1;
    }
    if out.last().is_none_or(|b| b.index != items.len() - 1) {
        out.push(Break {
            index: items.len() - 1,
            ratio: 0.0,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words of the given widths with spaces between, ended as a paragraph.
    fn para(words: &[f32]) -> Vec<Item> {
        let mut v = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                v.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            v.push(Item::Box { width: w });
        }
        v.push(Item::Glue {
            width: 0.0,
            stretch: 1e5,
            shrink: 0.0,
        });
        v.push(Item::Penalty {
            width: 0.0,
            penalty: -INFINITY,
            flagged: false,
        });
        v
    }

    /// Width of each line as set, and the boxes on it.
    fn lines(items: &[Item], breaks: &[Break]) -> Vec<(f32, Vec<usize>)> {
        let mut out = Vec::new();
        let mut start = 0;
        for br in breaks {
            let mut w = 0.0;
            let mut boxes = Vec::new();
            for (j, it) in items.iter().enumerate().take(br.index).skip(start) {
                match *it {
                    Item::Box { width } => {
                        w += width;
                        boxes.push(j);
                    }
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    } => {
                        w += width
                            + if br.ratio > 0.0 {
                                br.ratio * stretch
                            } else {
                                br.ratio * shrink
                            };
                    }
                    Item::Penalty { .. } => {}
                }
            }
            if let Item::Penalty { width, .. } = items[br.index] {
                w += width;
            }
            out.push((w, boxes));
            start = br.index + 1;
            while start < items.len() && !matches!(items[start], Item::Box { .. }) {
                start += 1;
            }
        }
        out
    }

    #[test]
    fn simple_paragraph_breaks_evenly() {
        let items = para(&[20.0; 12]);
        let br = break_lines(&items, 100.0, &Params::default());
        assert_eq!(br.len(), 3);
        for (w, _) in lines(&items, &br).iter().take(2) {
            assert!((w - 100.0).abs() < 0.01, "justified line is {w}");
        }
    }

    #[test]
    fn overwide_box_falls_back_to_greedy() {
        let items = para(&[20.0, 150.0, 20.0]);
        let br = break_lines(&items, 100.0, &Params::default());
        let ls = lines(&items, &br);
        let all: Vec<usize> = ls.iter().flat_map(|l| l.1.clone()).collect();
        assert_eq!(all, vec![0, 2, 4]);
    }

    proptest! {
        #[test]
        fn no_line_exceeds_and_boxes_stay_in_order(
            words in proptest::collection::vec(1.0f32..60.0, 1..120),
            width in 60.0f32..400.0,
        ) {
            let items = para(&words);
            let br = break_lines(&items, width, &Params::default());
            let ls = lines(&items, &br);
            for (w, _) in &ls {
                prop_assert!(*w <= width + 0.01, "line {} > {}", w, width);
            }
            let all: Vec<usize> = ls.iter().flat_map(|l| l.1.clone()).collect();
            let expected: Vec<usize> = (0..words.len()).map(|i| i * 2).collect();
            prop_assert_eq!(all, expected);
        }
    }
}
