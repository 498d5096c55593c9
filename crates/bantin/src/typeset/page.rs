//! What typesetting produces: positioned pages, as the `pdf` writer and the
//! `svg` page previews read them. Nothing here measures or lays out.
//!
//! Units: points. Coordinates on a `Page` are PDF's: origin at the bottom-left
//! corner, y upwards; a text item's `y` is its baseline, a rectangle's or an
//! image's `y` its bottom edge.

use super::{FontStyle, ImageData};

/// Everything the PDF writer needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Decoded images, referred to by `Item::Image::image`.
    pub images: Vec<ImageData>,
    /// Headings in reading order, for bookmarks.
    pub outline: Vec<OutlineEntry>,
    /// Things the editor should know (missing glyphs, images not shown).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One run of one style on one line. Every space in `text` is followed
    /// by `word_space` extra points (how justified lines are stretched).
    Text {
        x: f32,
        y: f32,
        style: FontStyle,
        size: f32,
        text: String,
        word_space: f32,
        width: f32,
        link: Option<String>,
    },
    /// A straight line from (x1, y1) to (x2, y2).
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
    },
    /// A stroked rectangle (table cells, image placeholders).
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        thickness: f32,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: usize,
    },
}

impl Item {
    /// Moves the item sideways by `dx` points.
    pub(crate) fn shift_x(&mut self, dx: f32) {
        match self {
            Item::Text { x, .. } | Item::Frame { x, .. } | Item::Image { x, .. } => *x += dx,
            Item::Rule { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
        }
    }

    /// Moves an item built in row-local coordinates (x from the frame's
    /// left edge, y measured downwards from the row's top) onto the page.
    pub(crate) fn placed(mut self, left: f32, top: f32) -> Item {
        match &mut self {
            Item::Text { x, y, .. } | Item::Frame { x, y, .. } | Item::Image { x, y, .. } => {
                *x += left;
                *y = top - *y;
            }
            Item::Rule { x1, y1, x2, y2, .. } => {
                *x1 += left;
                *x2 += left;
                *y1 = top - *y1;
                *y2 = top - *y2;
            }
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    /// Index into `Laid::pages`.
    pub page: usize,
    /// Top of the heading on its page.
    pub y: f32,
}
