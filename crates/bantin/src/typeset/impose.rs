//! Booklet imposition: A5 pages placed two by two on A4 landscape sheets in
//! the order that, printed on both sides (flipping on the short edge),
//! folded in the middle and stapled on the fold (saddle stitching), reads
//! 1, 2, 3 … For n pages (a multiple of four) sheet s carries, on its front,
//! pages n − 2s (left) and 2s + 1 (right), and on its back 2s + 2 (left)
//! and n − 2s − 1 (right).
//!
//! Blank pages that fill the count up to a multiple of four go just before
//! the last page, so the colophon stays on the back cover.

use super::figure::shift;
use super::templates::{Booklet, Front, MM};
use super::{Laid, Page};
use crate::model::PaperSize;

/// The sheet of the shipped bulletin template (A4 landscape), in points.
pub fn sheet() -> (f32, f32) {
    let b = shipped();
    (b.sheet.width_mm * MM, b.sheet.height_mm * MM)
}

fn shipped() -> Booklet {
    match super::templates::bulletin(PaperSize::A5, 1).front {
        Front::Bulletin(st) => st.booklet,
        _ => unreachable!("bulletin/v1 là mẫu bản tin"),
    }
}

/// The order in which `count` booklet pages (a multiple of four) sit on
/// the sheet sides: (left page, right page) for each side, front first.
pub fn booklet_order(count: usize) -> Vec<(usize, usize)> {
    let n = count;
    (0..n / 4)
        .flat_map(|s| [(n - 1 - 2 * s, 2 * s), (2 * s + 1, n - 2 - 2 * s)])
        .collect()
}

/// Imposes the laid-out pages of a small booklet on A4 landscape sheets,
/// as the shipped bulletin template says.
pub fn booklet(laid: Laid) -> Laid {
    booklet_on(laid, &shipped())
}

/// Imposes the laid-out pages of a small booklet on the sheets `b` names.
pub fn booklet_on(laid: Laid, b: &Booklet) -> Laid {
    let sheet = (b.sheet.width_mm * MM, b.sheet.height_mm * MM);
    let Laid {
        pages,
        images,
        outline,
        warnings,
    } = laid;
    let (pw, ph) = pages
        .first()
        .map(|p| (p.width, p.height))
        .unwrap_or((sheet.0 / 2.0, sheet.1));
    let blank = || Page {
        width: pw,
        height: ph,
        items: Vec::new(),
    };
    // Where each original page ends up after the blanks go in.
    let n0 = pages.len().max(1);
    let n = n0.div_ceil(4) * 4;
    let blanks = n - pages.len();
    let mut padded: Vec<Option<Page>> = Vec::with_capacity(n);
    let mut index_of = Vec::with_capacity(pages.len());
    let total = pages.len();
    for (k, p) in pages.into_iter().enumerate() {
        if k + 1 == total && k > 0 {
            padded.extend((0..blanks).map(|_| Some(blank())));
        }
        index_of.push(padded.len());
        padded.push(Some(p));
    }
    while padded.len() < n {
        padded.push(Some(blank()));
    }

    let (sw, sh) = sheet;
    let half = sw / 2.0;
    let dy = (sh - ph) / 2.0;
    let mut where_is = vec![(0usize, 0.0f32); n];
    let mut sheets = Vec::new();
    for (side, (l, r)) in booklet_order(n).into_iter().enumerate() {
        let mut items = Vec::new();
        for (slot, k) in [(0usize, l), (1, r)] {
            let dx = slot as f32 * half + (half - pw) / 2.0;
            where_is[k] = (side, dx);
            if let Some(p) = padded[k].take() {
                items.extend(p.items.into_iter().map(|mut it| {
                    it.shift_x(dx);
                    shift(it, dy)
                }));
            }
        }
        // Fold marks at the top and bottom edge of the sheet's middle.
        let mark = b.fold_mark_mm * MM;
        for (y1, y2) in [(sh, sh - mark), (0.0, mark)] {
            items.push(super::Item::Rule {
                x1: half,
                y1,
                x2: half,
                y2,
                thickness: b.fold_mark_pt,
            });
        }
        sheets.push(Page {
            width: sw,
            height: sh,
            items,
        });
    }
    let outline = outline
        .into_iter()
        .map(|mut e| {
            e.page = where_is[index_of[e.page]].0;
            e.y += dy;
            e
        })
        .collect();
    Laid {
        pages: sheets,
        images,
        outline,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_pages_fold_into_reading_order() {
        // 0-based: sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back 4|5.
        assert_eq!(booklet_order(8), vec![(7, 0), (1, 6), (5, 2), (3, 4)]);
    }

    #[test]
    fn every_page_appears_once() {
        for n in [4, 8, 12, 40] {
            let mut seen: Vec<usize> = booklet_order(n)
                .into_iter()
                .flat_map(|(a, b)| [a, b])
                .collect();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn blanks_go_before_the_back_cover() {
        let page = |k: usize| Page {
            width: 148.0 * MM,
            height: 210.0 * MM,
            items: vec![super::super::Item::Rule {
                x1: k as f32,
                y1: 0.0,
                x2: k as f32,
                y2: 1.0,
                thickness: 1.0,
            }],
        };
        let laid = Laid {
            pages: (0..5).map(page).collect(),
            images: Vec::new(),
            outline: Vec::new(),
            warnings: Vec::new(),
        };
        let out = booklet(laid);
        // 5 pages → 8: two sheets, four sides.
        assert_eq!(out.pages.len(), 4);
        // The front of the outer sheet holds the last page (the original
        // fifth) on the left and the first on the right.
        let xs: Vec<f32> = out.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                super::super::Item::Rule { x1, thickness, .. } if *thickness == 1.0 => Some(*x1),
                _ => None,
            })
            .collect();
        let dx0 = (sheet().0 / 2.0 - 148.0 * MM) / 2.0;
        assert_eq!(xs.len(), 2);
        assert!((xs[0] - (4.0 + dx0)).abs() < 0.01, "{xs:?}");
        assert!(
            (xs[1] - (0.0 + sheet().0 / 2.0 + dx0)).abs() < 0.01,
            "{xs:?}"
        );
    }
}
