//! Pouring rows into frames, page after page.
//!
//! A row is an unbreakable strip (a line, a table row, a figure, a header
//! block). `keep_with_next` chains rows that must share a frame: a heading
//! with the first two lines of its paragraph, the first two and the last two
//! lines of a long paragraph (no orphans, no widows), a table header with its
//! first row. Before placing a row that starts a chain, the flow checks that
//! the whole chain fits, and otherwise moves on to the next frame, so nothing
//! placed ever has to be taken back. Frames come from a function of the page
//! number, which is all two-column bulletins will need to change.

use super::{Item, OutlineEntry, Page};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f32,
    pub width: f32,
    pub top: f32,
    pub bottom: f32,
}

#[derive(Debug, Clone)]
pub enum RowKind {
    /// Items are final; `height` is what the row takes.
    Fixed,
    /// Starts a new page (not a new frame: an explicit break is a page break).
    PageBreak,
    /// A picture that may shrink to fit where it lands: `items` hold only the
    /// caption, laid out below an image box of `natural_h`.
    Figure {
        image: Option<usize>,
        natural_w: f32,
        natural_h: f32,
        min_h: f32,
        caption_h: f32,
        /// Thickness of the frame drawn instead of a missing image.
        frame_pt: f32,
    },
}

#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub height: f32,
    /// Dropped at the top of a frame.
    pub space_before: f32,
    /// Row-local items (see `Item::placed`).
    pub items: Vec<Item>,
    pub keep_with_next: bool,
    /// Footnotes (1-based numbers) referenced on this row.
    pub footnotes: Vec<usize>,
    pub outline: Option<(String, u8)>,
    /// A table header to repeat when this row opens a frame.
    pub repeat: Option<Box<Row>>,
}

impl Row {
    pub fn fixed(height: f32, items: Vec<Item>) -> Row {
        Row {
            kind: RowKind::Fixed,
            height,
            space_before: 0.0,
            items,
            keep_with_next: false,
            footnotes: Vec::new(),
            outline: None,
            repeat: None,
        }
    }
    pub fn page_break() -> Row {
        Row {
            kind: RowKind::PageBreak,
            ..Row::fixed(0.0, Vec::new())
        }
    }
}

/// Heights of footnotes, and their rows, built once before the flow.
pub struct Notes {
    pub rows: Vec<Vec<Row>>,
    /// Space for the separator rule above the first note of a page.
    pub separator: f32,
    /// The separator's thickness, and how many times shorter than the
    /// column it is.
    pub rule: f32,
    pub rule_divisor: f32,
}

impl Notes {
    fn height(&self, n: usize) -> f32 {
        self.rows
            .get(n.wrapping_sub(1))
            .map(|r| r.iter().map(|r| r.height).sum())
            .unwrap_or(0.0)
    }
}

/// The footnotes set at the foot of one frame (a page, or a column).
#[derive(Debug, Clone)]
pub struct FrameNotes {
    pub page: usize,
    pub frame: Frame,
    pub notes: Vec<usize>,
}

/// Gives, for a page index, the page's width, height and frames.
pub type Frames<'a> = dyn Fn(usize) -> (f32, f32, Vec<Frame>) + 'a;

pub struct Flow<'a> {
    frames: &'a Frames<'a>,
    notes: &'a Notes,
    pub pages: Vec<Page>,
    /// Footnotes of every frame that has any, in flow order.
    pub frame_notes: Vec<FrameNotes>,
    pub outline: Vec<OutlineEntry>,
    frame: usize,
    cursor: f32,
    /// Height the current page's footnotes take from the bottom.
    notes_h: f32,
    /// Whether anything sits in the current frame yet.
    frame_used: bool,
}

impl<'a> Flow<'a> {
    /// `frames(page_index)` gives (page width, page height, frames).
    pub fn new(frames: &'a Frames<'a>, notes: &'a Notes) -> Self {
        let mut f = Flow {
            frames,
            notes,
            pages: Vec::new(),
            frame_notes: Vec::new(),
            outline: Vec::new(),
            frame: 0,
            cursor: 0.0,
            notes_h: 0.0,
            frame_used: false,
        };
        f.new_page();
        f
    }

    fn current(&self) -> Frame {
        (self.frames)(self.pages.len() - 1).2[self.frame]
    }

    fn new_page(&mut self) {
        let (w, h, frames) = (self.frames)(self.pages.len());
        self.pages.push(Page {
            width: w,
            height: h,
            items: Vec::new(),
        });
        self.frame = 0;
        self.cursor = frames[0].top;
        self.notes_h = 0.0;
        self.frame_used = false;
    }

    fn next_frame(&mut self) {
        let count = (self.frames)(self.pages.len() - 1).2.len();
        if self.frame + 1 < count {
            self.frame += 1;
            self.cursor = self.current().top;
            self.frame_used = false;
            self.notes_h = 0.0;
        } else {
            self.new_page();
        }
    }

    /// The notes already set in the current frame.
    fn here_notes(&self) -> &[usize] {
        match self.frame_notes.last() {
            Some(f) if f.page + 1 == self.pages.len() && f.frame == self.current() => &f.notes,
            _ => &[],
        }
    }

    /// Extra height placing `row` adds for footnotes not yet in this frame.
    fn notes_extra(&self, row: &Row) -> f32 {
        let here = self.here_notes();
        let mut h = 0.0;
        let mut first = here.is_empty();
        for &n in &row.footnotes {
            if !here.contains(&n) {
                if first {
                    h += self.notes.separator;
                    first = false;
                }
                h += self.notes.height(n);
            }
        }
        h
    }

    fn room(&self) -> f32 {
        self.cursor - (self.current().bottom + self.notes_h)
    }

    fn need(&self, row: &Row) -> f32 {
        let space = if self.frame_used {
            row.space_before
        } else {
            0.0
        };
        let h = match row.kind {
            RowKind::Figure {
                min_h, caption_h, ..
            } => min_h + caption_h,
            _ => row.height,
        };
        space + h + self.notes_extra(row)
    }

    pub fn run(&mut self, rows: &[Row]) {
        // A figure that does not fit where it falls waits (at most until its
        // article's end or the next figure) while the text after it fills
        // the gap; it then opens the next frame, as a layout program
        // floats it, instead of leaving a hole under the text before it.
        let mut waiting: Option<&Row> = None;
        let mut i = 0;
        while i < rows.len() {
            let row = &rows[i];
            let stop = matches!(row.kind, RowKind::PageBreak | RowKind::Figure { .. })
                || matches!(row.outline, Some((_, 1)));
            if stop && let Some(fig) = waiting.take() {
                self.place_one(fig);
            }
            if let RowKind::PageBreak = row.kind {
                if self.frame_used || self.frame > 0 {
                    self.new_page();
                }
                i += 1;
                continue;
            }
            // The chain this row starts must fit as a whole.
            let mut chain = self.need(row);
            let mut j = i;
            while rows[j].keep_with_next && j + 1 < rows.len() && j - i < 8 {
                j += 1;
                if matches!(rows[j].kind, RowKind::PageBreak) {
                    break;
                }
                chain += rows[j].space_before + rows[j].height + self.notes_extra(&rows[j]);
            }
            let full = {
                let f = self.current();
                f.top - f.bottom
            };
            let fits = chain <= self.room() + 0.01;
            if !fits && self.frame_used && (chain <= full || self.need(row) > self.room() + 0.01) {
                let text_follows = rows.get(i + 1).is_some_and(|next| {
                    matches!(next.kind, RowKind::Fixed) && !matches!(next.outline, Some((_, 1)))
                });
                if matches!(row.kind, RowKind::Figure { .. }) && waiting.is_none() && text_follows {
                    waiting = Some(row);
                    i += 1;
                    continue;
                }
                self.next_frame();
                if let Some(fig) = waiting.take() {
                    // The figure opens the frame; the row is weighed again
                    // against the room left under it.
                    self.place(fig);
                    continue;
                }
                if let Some(h) = &row.repeat {
                    self.place(h);
                }
            }
            self.place(row);
            i += 1;
        }
        if let Some(fig) = waiting {
            self.place_one(fig);
        }
    }

    /// Places one row on its own: in this frame if it fits, else in the next.
    fn place_one(&mut self, row: &Row) {
        if self.frame_used && self.need(row) > self.room() + 0.01 {
            self.next_frame();
        }
        self.place(row);
    }

    fn place(&mut self, row: &Row) {
        if self.frame_used {
            self.cursor -= row.space_before;
        }
        let frame = self.current();
        let page = self.pages.len() - 1;
        for &n in &row.footnotes {
            if self.here_notes().contains(&n) {
                continue;
            }
            if self.here_notes().is_empty() {
                self.notes_h += self.notes.separator;
                self.frame_notes.push(FrameNotes {
                    page,
                    frame,
                    notes: Vec::new(),
                });
            }
            if let Some(f) = self.frame_notes.last_mut() {
                f.notes.push(n);
            }
            self.notes_h += self.notes.height(n);
        }
        if let Some((title, level)) = &row.outline {
            self.outline.push(OutlineEntry {
                title: title.clone(),
                level: *level,
                page,
                y: self.cursor,
            });
        }
        let top = self.cursor;
        let mut height = row.height;
        if let RowKind::Figure {
            image,
            natural_w,
            natural_h,
            caption_h,
            frame_pt,
            ..
        } = row.kind
        {
            // Shrink the picture to the room left, keeping its proportions.
            let room = (self.room() - caption_h).max(1.0);
            let h = natural_h.min(room);
            let w = natural_w * h / natural_h;
            let x = (frame.width - w) / 2.0;
            let item = match image {
                Some(image) => Item::Image {
                    x,
                    y: h,
                    w,
                    h,
                    image,
                },
                None => Item::Frame {
                    x,
                    y: h,
                    w,
                    h,
                    thickness: frame_pt,
                },
            };
            self.pages[page].items.push(item.placed(frame.left, top));
            for it in &row.items {
                self.pages[page]
                    .items
                    .push(it.clone().placed(frame.left, top - (h - natural_h)));
            }
            height = h + caption_h;
        } else {
            let items = &mut self.pages[page].items;
            items.extend(
                row.items
                    .iter()
                    .map(|it| it.clone().placed(frame.left, top)),
            );
        }
        self.cursor -= height;
        self.frame_used = true;
    }
}
