//! Figures: a picture scaled to the measure with its italic caption centred
//! under it; the flow may shrink it further to fit the page it lands on.
//!
//! An image that cannot be shown (missing, not JPEG/PNG, absurdly large)
//! never stops the export: it becomes a framed placeholder naming the
//! problem, and the reason goes into `Laid::warnings`.

use super::blocks::Cx;
use super::flow::{Row, RowKind};
use super::images;
use super::paragraph::{Align, ParaStyle};
use super::{FontStyle, Item};
use crate::doc::Figure;

/// Pixels to points when an image is smaller than the measure (96 dpi):
/// a unit, not a setting.
const PX: f32 = 0.75;

impl Cx<'_> {
    pub fn figure(&mut self, f: &Figure, left: f32, width: f32) -> Vec<Row> {
        let space = self.tpl.para_space;
        let bs = self.tpl.blocks.clone();
        let gap = bs.figure_gap_pt;
        let max = bs.figure_max_share;
        // The frame the picture can fill: the measure, most of a page.
        let page_h = self.tpl.text_top() - self.tpl.text_bottom();
        let decoded = match self.source.image(&f.src) {
            Some(bytes) => {
                images::load(&bytes, width, page_h * max, &self.images).map_err(|p| p.reason())
            }
            None => Err("không tìm thấy ảnh".to_string()),
        };
        let csize = self.tpl.caption_size;
        let spans = self.spans(&f.caption, FontStyle::Italic, csize);
        let caption = self.paragraph(&spans, &ParaStyle::new(width, Align::Center), left, 0.0);
        // Room under the caption too, so text after a figure that opens a
        // column does not touch its caption.
        let caption_h = gap + caption.iter().map(|r| r.height).sum::<f32>() + gap;

        let (image_h, mut row) = match decoded {
            Ok(images::Loaded {
                image: img,
                complete,
            }) => {
                if !complete {
                    self.warnings.push(crate::image::truncated_warning(&f.src));
                }
                let w = (img.width as f32 * PX).min(width);
                let h = w * img.height as f32 / img.width as f32;
                // Never taller than most of a page: the flow only shrinks.
                let (w, h) = if h > page_h * max {
                    (w * page_h * max / h, page_h * max)
                } else {
                    (w, h)
                };
                self.images.push(img);
                let kind = RowKind::Figure {
                    image: Some(self.images.len() - 1),
                    natural_w: w,
                    natural_h: h,
                    min_h: h.min(page_h * bs.figure_min_share),
                    caption_h,
                    frame_pt: bs.rule_pt,
                };
                (
                    h,
                    Row {
                        kind,
                        ..Row::fixed(h + caption_h, Vec::new())
                    },
                )
            }
            Err(reason) => {
                self.warnings
                    .push(format!("Không hiển thị được ảnh {}: {reason}.", f.src));
                let h = bs.placeholder_height_pt;
                let msg = self.span(
                    &format!("[Không hiển thị được ảnh: {reason}]"),
                    FontStyle::Italic,
                    csize,
                );
                let inner = self.paragraph(
                    &[msg],
                    &ParaStyle::new(width - 2.0 * bs.placeholder_inset_pt, Align::Center),
                    left + bs.placeholder_inset_pt,
                    0.0,
                );
                let mut items = vec![Item::Frame {
                    x: left,
                    y: h,
                    w: width,
                    h,
                    thickness: bs.rule_pt,
                }];
                let mut y = (h - inner.iter().map(|r| r.height).sum::<f32>()) / 2.0;
                for r in inner {
                    items.extend(r.items.into_iter().map(|it| shift(it, y)));
                    y += r.height;
                }
                (h, Row::fixed(h + caption_h, items))
            }
        };
        let mut y = image_h + gap;
        for r in caption {
            row.items.extend(r.items.into_iter().map(|it| shift(it, y)));
            row.footnotes.extend(r.footnotes);
            y += r.height;
        }
        row.space_before = space;
        vec![row]
    }
}

/// Moves a row-local item down by `dy`.
pub(crate) fn shift(mut it: Item, dy: f32) -> Item {
    match &mut it {
        Item::Text { y, .. } | Item::Frame { y, .. } | Item::Image { y, .. } => *y += dy,
        Item::Rule { y1, y2, .. } => {
            *y1 += dy;
            *y2 += dy;
        }
    }
    it
}
