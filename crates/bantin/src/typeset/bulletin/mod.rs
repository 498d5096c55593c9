//! A bulletin issue: masthead, contents, articles in one or two columns,
//! running heads, page numbers and the colophon on the last page.
//!
//! Articles are rows like any document's, set at the column's measure and
//! poured into column frames (page 1's start under the masthead), so the
//! flow's rules hold unchanged: a title keeps with its first lines and never
//! sits alone at the foot of a column, no widows or orphans, tables repeat
//! their header. Then, in order:
//! - the colophon's room is reserved at the foot of the last page (or of a
//!   new page when the last one has no room for it);
//! - two columns are balanced on that page: the shortest column height that
//!   still holds the rest of the issue is found by bisection, re-pouring
//!   with that page's frames shortened (earlier pages do not change, since
//!   the flow never looks ahead past the frame it fills);
//! - the contents' page numbers are filled in from the outline, whose
//!   level-1 entries are the articles (their headings nest under them).

mod blocks;
mod pages;

use super::blocks::{Cx, Poured, pour};
use super::flow::{Frame, Notes, Row};
use super::templates::{Front, MM, Template};
use super::{ArticleHeader, FontSet, ImageSource, Laid, TypesetError};
use crate::doc::{Block, Document, Footnote, Inline};
use blocks::{article_rows, colophon_block, contents_rows, masthead_block};
use pages::{fill_contents, licence_warnings, running_heads};

/// What the masthead and colophon of one issue say, and which of the
/// issue's other parts print (the export reads the template's
/// `bulletin.show` and says it here).
#[derive(Debug, Clone, PartialEq)]
pub struct Masthead {
    /// "Bản tin Dân vận"; "Bản tin" at its start is set as a kicker above
    /// the rest.
    pub name: String,
    /// Print "BẢN TIN" over the name even when the name does not start
    /// with it (a licensed bulletin must say it at the top of page 1).
    pub kicker: bool,
    /// "ĐẢNG ỦY XÃ XUÂN HỒNG", "BAN DÂN VẬN".
    pub publisher: Vec<String>,
    /// "Số 07".
    pub number: String,
    /// "Tháng 11/2026" or a date line.
    pub period: String,
    /// Prints "LƯU HÀNH NỘI BỘ".
    pub internal: bool,
    /// "Bản tin Dân vận · Số 07", on every page but the first.
    pub running_head: String,
    /// Colophon lines: a label ("Chịu trách nhiệm xuất bản") and its text.
    pub colophon: Vec<(String, String)>,
    /// Prints "Trong số này" (an issue of two articles or more).
    pub contents: bool,
    /// Prints page numbers.
    pub page_numbers: bool,
}

impl Default for Masthead {
    fn default() -> Self {
        Masthead {
            name: String::new(),
            kicker: false,
            publisher: Vec::new(),
            number: String::new(),
            period: String::new(),
            internal: false,
            running_head: String::new(),
            colophon: Vec::new(),
            contents: true,
            page_numbers: true,
        }
    }
}

/// One article of the issue.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletinArticle {
    pub doc: Document,
    pub header: ArticleHeader,
}

/// Marks a contents entry's page number until the flow has placed the
/// article it points at.
pub(super) const TOC_MARK: &str = "\u{0}toc:";

/// Lays out one bulletin issue. `progress(done, total)` is told after each
/// article is set; when it answers `false` the layout stops with
/// `TypesetError::Cancelled`.
pub fn layout_bulletin(
    masthead: &Masthead,
    articles: &[BulletinArticle],
    tpl: &Template,
    fonts: &FontSet,
    images: &dyn ImageSource,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Laid, TypesetError> {
    let Front::Bulletin(style) = &tpl.front else {
        return Err(TypesetError::Template(format!(
            "{}: không phải mẫu bản tin",
            tpl.name
        )));
    };
    let mut cx = Cx::new(fonts, tpl, images)?;
    let cols = style.columns.clamp(1, 2) as usize;
    let gutter = style.gutter_mm * MM;
    let col_w = (tpl.text_width() - gutter * (cols - 1) as f32) / cols as f32;

    let (head_items, head_h) = masthead_block(&mut cx, masthead, style);
    cx.measure = col_w;

    let mut rows = if masthead.contents {
        contents_rows(&mut cx, articles, style)
    } else {
        Vec::new()
    };
    let mut footnotes: Vec<Footnote> = Vec::new();
    let total = articles.len();
    for (k, a) in articles.iter().enumerate() {
        let mut doc = a.doc.clone();
        renumber_notes(&mut doc, footnotes.len());
        footnotes.append(&mut doc.footnotes);
        rows.extend(article_rows(&mut cx, &doc, &a.header, style));
        if !progress(k + 1, total) {
            return Err(TypesetError::Cancelled);
        }
    }
    if articles.is_empty() {
        cx.warnings
            .push("Bản tin chưa có bài viết nào; chỉ in được măng-sét.".into());
    }
    let notes = cx.footnote_rows(&footnotes);

    let (colophon_items, colophon_h) = colophon_block(&mut cx, masthead, style);
    let geometry = Geometry {
        tpl,
        cols,
        col_w,
        gutter,
        first_top: tpl.text_top() - head_h,
    };
    let (mut poured, last) = balanced(&rows, &notes, &geometry, colophon_h);

    // Decorations: masthead, colophon, contents numbers, running heads,
    // page numbers.
    let (left, top) = (tpl.text_left(), tpl.text_top());
    poured.pages[0]
        .items
        .extend(head_items.into_iter().map(|it| it.placed(left, top)));
    let bottom = tpl.text_bottom() + colophon_h;
    poured.pages[last]
        .items
        .extend(colophon_items.into_iter().map(|it| it.placed(left, bottom)));
    fill_contents(&mut poured, fonts);
    running_heads(&mut cx, &mut poured, masthead, style);
    if masthead.page_numbers {
        cx.page_numbers(&mut poured.pages);
    }

    if masthead.kicker {
        licence_warnings(&mut cx, style, poured.pages.len());
    }
    let Poured { pages, outline } = poured;
    Ok(cx.laid(pages, outline))
}

/// Page geometry of an issue: column frames, page 1's under the masthead.
struct Geometry<'a> {
    tpl: &'a Template,
    cols: usize,
    col_w: f32,
    gutter: f32,
    first_top: f32,
}

impl Geometry<'_> {
    /// Frames of page `page`; `short` raises the bottom of one page's
    /// columns (for the colophon, or to balance them).
    fn frames(&self, page: usize, short: Option<(usize, f32)>) -> (f32, f32, Vec<Frame>) {
        let tpl = self.tpl;
        let top = if page == 0 {
            self.first_top
        } else {
            tpl.text_top()
        };
        let bottom = match short {
            Some((p, b)) if p == page => b.min(top - 1.0),
            _ => tpl.text_bottom(),
        };
        let frames = (0..self.cols)
            .map(|c| Frame {
                left: tpl.text_left() + c as f32 * (self.col_w + self.gutter),
                width: self.col_w,
                top,
                bottom,
            })
            .collect();
        (tpl.page_width(), tpl.page_height(), frames)
    }

    fn pour(&self, rows: &[Row], notes: &Notes, short: Option<(usize, f32)>) -> Poured {
        pour(rows, notes, &|p| self.frames(p, short))
    }
}

/// Pours the issue with room for the colophon at the foot of its last page
/// and, in two columns, that page's columns balanced. Returns the pages and
/// the index of the page that carries the colophon.
fn balanced(rows: &[Row], notes: &Notes, g: &Geometry, colophon_h: f32) -> (Poured, usize) {
    let plain = g.pour(rows, notes, None);
    let n = plain.pages.len();
    let floor = g.tpl.text_bottom() + colophon_h;
    let mut last = n - 1;
    let mut best = g.pour(rows, notes, Some((last, floor)));
    let mut low = floor;
    if colophon_h > 0.0 && best.pages.len() > n {
        // No room on the last page: the colophon gets a page of its own
        // and the last page keeps its full columns.
        best = plain;
        let (w, h, _) = g.frames(n, None);
        best.pages.push(super::Page {
            width: w,
            height: h,
            items: Vec::new(),
        });
        low = g.tpl.text_bottom();
        last = n;
        if g.cols > 1 {
            best = balance(rows, notes, g, n - 1, low, best);
        }
        return (best, last);
    }
    if g.cols > 1 {
        best = balance(rows, notes, g, last, low, best);
    }
    (best, last)
}

/// Shortens page `page`'s columns as far as the issue still ends there.
fn balance(
    rows: &[Row],
    notes: &Notes,
    g: &Geometry,
    page: usize,
    low: f32,
    fits: Poured,
) -> Poured {
    let count = fits.pages.len();
    let top = g.frames(page, None).2[0].top;
    let (mut lo, mut hi) = (low, top);
    let mut best = fits;
    // To within a point: 12 halvings of at most ~800 pt.
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        let tried = g.pour(rows, notes, Some((page, mid)));
        if tried.pages.len() == count {
            lo = mid;
            best = tried;
        } else {
            hi = mid;
        }
    }
    best
}

/// Moves an article's footnote numbers past those of the articles before
/// it, so one issue numbers its notes 1, 2, 3 … throughout.
fn renumber_notes(doc: &mut Document, offset: usize) {
    if offset == 0 {
        return;
    }
    fn inlines(list: &mut [Inline], off: usize) {
        for i in list {
            if let Inline::FootnoteRef { n } = i {
                *n += off;
            }
        }
    }
    fn blocks(list: &mut [Block], off: usize) {
        for b in list {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } => {
                    inlines(content, off)
                }
                Block::List { items, .. } => {
                    for it in items {
                        blocks(&mut it.blocks, off);
                    }
                }
                Block::Quote { blocks: inner } => blocks(inner, off),
                Block::Table(t) => {
                    for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                        inlines(cell, off);
                    }
                }
                Block::Figure(f) => inlines(&mut f.caption, off),
                Block::Code { .. } | Block::Rule | Block::PageBreak => {}
            }
        }
    }
    blocks(&mut doc.blocks, offset);
    for f in &mut doc.footnotes {
        blocks(&mut f.blocks, offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Run;

    #[test]
    fn notes_are_numbered_through_the_issue() {
        let mut doc = Document {
            blocks: vec![Block::Paragraph {
                content: vec![Inline::Text(Run::plain("a")), Inline::FootnoteRef { n: 1 }],
            }],
            footnotes: Vec::new(),
        };
        renumber_notes(&mut doc, 3);
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph {
                content: vec![Inline::Text(Run::plain("a")), Inline::FootnoteRef { n: 4 }]
            }
        );
    }
}
