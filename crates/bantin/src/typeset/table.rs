//! Tables: column widths from content, wrapped cells, ruled grid, and the
//! header row repeated on every page the table continues on.
//!
//! Widths follow the usual automatic rule: every column gets at least its
//! longest word, the rest of the measure is shared in proportion to how
//! much each column would need to stay on one line. A table whose longest
//! words alone are wider than the measure is squeezed proportionally and
//! its words are broken, never drawn past the margin.

use super::blocks::Cx;
use super::flow::Row;
use super::paragraph::{self, Align, ParaStyle, Span};
use super::{FontStyle, Item};
use crate::doc::{Align as CellAlign, Inline, Table};

impl Cx<'_> {
    pub fn table(&mut self, t: &Table, left: f32, width: f32) -> Vec<Row> {
        let size = self.tpl.table_size;
        let cols = t
            .header
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return Vec::new();
        }
        let cell_spans = |cx: &mut Self, row: &[Vec<Inline>], style: FontStyle| -> Vec<Vec<Span>> {
            (0..cols)
                .map(|c| {
                    row.get(c)
                        .map(|cell| cx.spans(cell, style, size))
                        .unwrap_or_default()
                })
                .collect()
        };
        let header = cell_spans(self, &t.header, FontStyle::Bold);
        let body: Vec<Vec<Vec<Span>>> = t
            .rows
            .iter()
            .map(|r| cell_spans(self, r, FontStyle::Regular))
            .collect();

        // Natural (one line) and minimal (longest word) width per column.
        let pad = self.tpl.blocks.table_padding_pt;
        let mut max_w = vec![0.0f32; cols];
        let mut min_w = vec![0.0f32; cols];
        for row in std::iter::once(&header).chain(body.iter()) {
            for (c, spans) in row.iter().enumerate() {
                let (mut line, mut word_max) = (0.0f32, 0.0f32);
                for sp in spans {
                    let face = self.fonts.face(sp.style);
                    line += face.width(&sp.text, sp.size);
                    for w in sp.text.split_whitespace() {
                        word_max = word_max.max(face.width(w, sp.size));
                    }
                }
                max_w[c] = max_w[c].max(line + 2.0 * pad + 1.0);
                min_w[c] = min_w[c].max(word_max + 2.0 * pad + 1.0);
            }
        }
        let widths = share(&min_w, &max_w, width);

        let align = |c: usize| match t.align.get(c) {
            Some(CellAlign::Center) => Align::Center,
            Some(CellAlign::Right) => Align::Right,
            _ => Align::Left,
        };
        let mut head_row = self
            .table_row(&header, &widths, left, |_| Align::Center)
            .remove(0);
        head_row.keep_with_next = true;
        head_row.space_before = self.tpl.para_space;
        let mut rows = vec![head_row.clone()];
        head_row.space_before = 0.0;
        for (k, cells) in body.iter().enumerate() {
            let pieces = self.table_row(cells, &widths, left, align);
            let last = pieces.len() - 1;
            for (j, mut r) in pieces.into_iter().enumerate() {
                r.repeat = Some(Box::new(head_row.clone()));
                // Keep the last two rows together, like a paragraph's last lines.
                r.keep_with_next = j == last && k + 2 == body.len();
                rows.push(r);
            }
        }
        rows
    }

    /// One table row, as one strip, or as several when its cells hold more
    /// lines than fit on a page (each piece then sits on its own page under
    /// the repeated header, so no text runs past the bottom margin).
    fn table_row(
        &mut self,
        cells: &[Vec<Span>],
        widths: &[f32],
        left: f32,
        align: impl Fn(usize) -> Align,
    ) -> Vec<Row> {
        let size = self.tpl.table_size;
        let pad = self.tpl.blocks.table_padding_pt;
        let lead = self.leading(size) * self.tpl.blocks.table_leading;
        let mut sets = Vec::new();
        for (c, spans) in cells.iter().enumerate() {
            let st = ParaStyle::new((widths[c] - 2.0 * pad).max(1.0), align(c));
            sets.push(paragraph::set(spans, &st, self.fonts));
        }
        // Room for a piece: most of a page, leaving space for the repeated
        // header and footnotes.
        let frame_h = self.tpl.text_top() - self.tpl.text_bottom();
        let max_lines = (((frame_h * self.tpl.blocks.table_row_max_share) - 2.0 * pad) / lead)
            .floor()
            .max(1.0) as usize;
        let mut pieces = Vec::new();
        loop {
            let rest: Vec<_> = sets
                .iter_mut()
                .map(|lines| lines.split_off(lines.len().min(max_lines)))
                .collect();
            pieces.push(self.row_piece(std::mem::replace(&mut sets, rest), widths, left, lead));
            if sets.iter().all(Vec::is_empty) {
                return pieces;
            }
        }
    }

    fn row_piece(
        &mut self,
        sets: Vec<Vec<paragraph::Line>>,
        widths: &[f32],
        left: f32,
        lead: f32,
    ) -> Row {
        let pad = self.tpl.blocks.table_padding_pt;
        let lines = sets.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = lines as f32 * lead + 2.0 * pad;
        let mut items = Vec::new();
        let mut notes = Vec::new();
        let mut x = left;
        for (c, lines) in sets.into_iter().enumerate() {
            let rows = self.line_rows(lines, x + pad, lead, 0.0);
            let mut y = pad;
            for r in rows {
                items.extend(r.items.into_iter().map(|mut it| {
                    if let Item::Text { y: ty, .. } = &mut it {
                        *ty += y;
                    }
                    it
                }));
                notes.extend(r.footnotes);
                y += r.height;
            }
            items.push(Item::Frame {
                x,
                y: height,
                w: widths[c],
                h: height,
                thickness: self.tpl.blocks.table_border_pt,
            });
            x += widths[c];
        }
        let mut row = Row::fixed(height, items);
        row.footnotes = notes;
        row
    }
}

/// Column widths summing to `total`.
fn share(min_w: &[f32], max_w: &[f32], total: f32) -> Vec<f32> {
    let sum_max: f32 = max_w.iter().sum();
    let sum_min: f32 = min_w.iter().sum();
    if sum_max <= total {
        // Everything fits on one line: spread the slack evenly by need.
        return max_w.iter().map(|w| w * total / sum_max).collect();
    }
    if sum_min >= total {
        return min_w.iter().map(|w| w * total / sum_min).collect();
    }
    let slack = total - sum_min;
    let want: f32 = max_w.iter().zip(min_w).map(|(a, b)| a - b).sum();
    min_w
        .iter()
        .zip(max_w)
        .map(|(lo, hi)| lo + slack * (hi - lo) / want)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn widths_always_sum_to_the_measure() {
        for (min, max) in [
            (vec![10.0, 20.0], vec![30.0, 40.0]),
            (vec![10.0, 20.0], vec![300.0, 400.0]),
            (vec![100.0, 200.0], vec![300.0, 400.0]),
        ] {
            let w = share(&min, &max, 150.0);
            assert!((w.iter().sum::<f32>() - 150.0).abs() < 0.01);
        }
    }
}
