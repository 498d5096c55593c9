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

use super::blocks::{Cx, Poured, pour};
use super::figure::shift;
use super::flow::{Frame, Notes, Row};
use super::paragraph::{self, Align, ParaStyle};
use super::templates::{BulletinStyle, Front, MM, Template};
use super::{ArticleHeader, FontSet, FontStyle, ImageSource, Item, Laid, TypesetError};
use crate::doc::{Block, Document, Footnote, Inline};

/// What the masthead and colophon of one issue say.
#[derive(Debug, Clone, PartialEq, Default)]
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
}

/// One article of the issue.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletinArticle {
    pub doc: Document,
    pub header: ArticleHeader,
}

/// Marks a contents entry's page number until the flow has placed the
/// article it points at.
const TOC_MARK: &str = "\u{0}toc:";

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

    let mut rows = contents_rows(&mut cx, articles, style);
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
    cx.page_numbers(&mut poured.pages);

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

/// The masthead in local coordinates (x from the text block's left, y down
/// from its top) and its height, including the space under it.
fn masthead_block(cx: &mut Cx, m: &Masthead, st: &BulletinStyle) -> (Vec<Item>, f32) {
    let w = cx.tpl.text_width();
    let s = st.masthead_size;
    let mut items = Vec::new();

    // Publisher lines top left, the circulation mark boxed top right.
    let mut y_left = 0.0;
    for line in &m.publisher {
        y_left = cx.column(
            &line.to_uppercase(),
            FontStyle::Bold,
            s,
            (0.0, w * 0.62),
            Align::Left,
            y_left,
            &mut items,
        );
    }
    let mut y_right: f32 = 0.0;
    if m.internal {
        let mark = "LƯU HÀNH NỘI BỘ";
        let tw = cx.fonts.bold.width(mark, s);
        let pad = s * 0.45;
        let mut mark_items = Vec::new();
        let end = cx.column(
            mark,
            FontStyle::Bold,
            s,
            (w - tw - pad, tw + 1.0),
            Align::Left,
            pad * 0.6,
            &mut mark_items,
        );
        items.extend(mark_items);
        let h = end + pad * 0.6;
        items.push(Item::Frame {
            x: w - tw - 2.0 * pad,
            y: h,
            w: tw + 2.0 * pad,
            h,
            thickness: 0.8,
        });
        y_right = h;
    }
    let mut y = y_left.max(y_right) + s * 0.6;

    // "BẢN TIN" as a kicker, the rest of the name large, fitted to the width.
    let folded = crate::text::fold_for_search(m.name.trim());
    let (kicker, rest) = if folded.starts_with("ban tin ") {
        let rest: String = m
            .name
            .trim()
            .chars()
            .skip("bản tin ".chars().count())
            .collect();
        (true, rest)
    } else {
        (m.kicker, m.name.trim().to_string())
    };
    if kicker {
        let k = "B Ả N   T I N";
        y = cx.column(
            k,
            FontStyle::Bold,
            st.kicker_size,
            (0.0, w),
            Align::Center,
            y,
            &mut items,
        );
    }
    let name = rest.trim().to_uppercase();
    let natural = cx.fonts.bold.width(&name, st.name_size);
    let size = if natural > w * 0.96 {
        (st.name_size * w * 0.96 / natural).max(st.kicker_size)
    } else {
        st.name_size
    };
    y = cx.column(
        &name,
        FontStyle::Bold,
        size,
        (0.0, w),
        Align::Center,
        y - size * 0.1,
        &mut items,
    );
    y += s * 0.3;
    let rule = |y: f32, t: f32| Item::Rule {
        x1: 0.0,
        y1: y,
        x2: w,
        y2: y,
        thickness: t,
    };
    items.push(rule(y, 2.2));
    items.push(rule(y + 3.2, 0.6));
    y += 3.2 + s * 0.35;

    // The band: number left, period right.
    let band_top = y;
    let end_l = cx.column(
        &m.number,
        FontStyle::Bold,
        s + 1.0,
        (0.0, w / 2.0),
        Align::Left,
        band_top,
        &mut items,
    );
    let end_r = cx.column(
        &m.period,
        FontStyle::Italic,
        s + 1.0,
        (w / 2.0, w / 2.0),
        Align::Right,
        band_top,
        &mut items,
    );
    y = end_l.max(end_r) + s * 0.2;
    items.push(rule(y, 0.6));
    y += st.article_gap * 0.8;
    (items, y)
}

/// "Trong số này": one entry per article with a dotted leader to the page
/// number, which `fill_contents` writes once the flow has placed the
/// articles.
fn contents_rows(cx: &mut Cx, articles: &[BulletinArticle], st: &BulletinStyle) -> Vec<Row> {
    if articles.len() < 2 {
        return Vec::new();
    }
    let w = cx.width();
    let size = st.contents_size;
    let lead = cx.leading(size);
    let mut rows = Vec::new();
    let mut head = Vec::new();
    head.push(Item::Rule {
        x1: 0.0,
        y1: 0.0,
        x2: w,
        y2: 0.0,
        thickness: 1.2,
    });
    let end = cx.column(
        "TRONG SỐ NÀY",
        FontStyle::Bold,
        size + 1.0,
        (0.0, w),
        Align::Left,
        size * 0.4,
        &mut head,
    );
    let mut r = Row::fixed(end + size * 0.2, head);
    r.keep_with_next = true;
    rows.push(r);

    let num_w = cx.fonts.regular.width("000", size) + size * 0.6;
    let dot = ". ";
    let dot_w = cx.fonts.regular.width(dot, size);
    let n = articles.len();
    for (k, a) in articles.iter().enumerate() {
        let title = a
            .header
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let sp = cx.span(&title, FontStyle::Regular, size);
        let lines = paragraph::set(&[sp], &ParaStyle::new(w - num_w, Align::Left), cx.fonts);
        let mut row_rows = cx.line_rows(lines, 0.0, lead, 0.0);
        let mut items = Vec::new();
        let mut y = 0.0;
        let mut baseline = lead;
        let mut end_x: f32 = 0.0;
        for r in row_rows.drain(..) {
            end_x = 0.0;
            for it in r.items {
                if let Item::Text {
                    x, width, y: by, ..
                } = &it
                {
                    end_x = end_x.max(x + width);
                    baseline = y + by;
                }
                items.push(shift(it, y));
            }
            y += r.height;
        }
        let room = w - num_w + size * 0.3 - end_x - size * 0.3;
        let dots = (room / dot_w).floor().max(0.0) as usize;
        if dots > 0 {
            let text = dot.repeat(dots);
            let tw = cx.fonts.regular.width(&text, size);
            items.push(Item::Text {
                x: w - num_w + size * 0.3 - tw,
                y: baseline,
                style: FontStyle::Regular,
                size,
                text,
                word_space: 0.0,
                width: tw,
                link: None,
            });
        }
        items.push(Item::Text {
            x: w,
            y: baseline,
            style: FontStyle::Bold,
            size,
            text: format!("{TOC_MARK}{k}"),
            word_space: 0.0,
            width: 0.0,
            link: None,
        });
        let mut row = Row::fixed(y, items);
        row.space_before = size * 0.25;
        row.keep_with_next = k + 1 < n;
        rows.push(row);
    }
    let mut close = Row::fixed(
        size * 0.8,
        vec![Item::Rule {
            x1: 0.0,
            y1: size * 0.5,
            x2: w,
            y2: size * 0.5,
            thickness: 0.6,
        }],
    );
    close.space_before = size * 0.2;
    rows.push(close);
    rows
}

/// Title (with a rule over it), lead, body and author line of one article.
fn article_rows(
    cx: &mut Cx,
    doc: &Document,
    header: &ArticleHeader,
    st: &BulletinStyle,
) -> Vec<Row> {
    let w = cx.width();
    let mut head = super::front::article_head(cx, header);
    if let Some(first) = head.first_mut() {
        let pad = st.title_size * 0.45;
        first.items = std::mem::take(&mut first.items)
            .into_iter()
            .map(|it| shift(it, pad))
            .collect();
        first.items.push(Item::Rule {
            x1: 0.0,
            y1: 0.6,
            x2: w,
            y2: 0.6,
            thickness: 1.2,
        });
        first.height += pad;
        first.space_before = st.article_gap;
    }
    let lead_lines = head.len().saturating_sub(1);
    let mut body = cx.document_rows(doc);
    for r in &mut body {
        // The article is level 1; its "##" sections stay level 2 under it.
        if let Some((_, level)) = &mut r.outline {
            *level = (*level).max(2);
        }
    }
    // The lead stands apart from the body.
    if lead_lines > 0
        && let Some(first) = body.first_mut()
    {
        first.space_before += cx.tpl.para_space;
    }
    head.extend(body);
    head.extend(super::front::article_tail(cx, header));
    head
}

/// The colophon: a ruled box of label–text lines across the text block.
fn colophon_block(cx: &mut Cx, m: &Masthead, st: &BulletinStyle) -> (Vec<Item>, f32) {
    let lines: Vec<&(String, String)> = m
        .colophon
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if lines.is_empty() {
        return (Vec::new(), 0.0);
    }
    let w = cx.tpl.text_width();
    let size = st.colophon_size;
    let pad = size * 0.8;
    let mut items = Vec::new();
    let mut y = pad;
    for (label, value) in lines {
        let value = value.lines().map(str::trim).collect::<Vec<_>>().join("; ");
        let mut spans = Vec::new();
        if !label.is_empty() {
            spans.push(cx.span(&format!("{label}: "), FontStyle::Bold, size));
        }
        spans.push(cx.span(&value, FontStyle::Regular, size));
        let lines = paragraph::set(
            &spans,
            &ParaStyle::new(w - 2.0 * pad, Align::Left),
            cx.fonts,
        );
        for r in cx.line_rows(lines, pad, cx.leading(size), 0.0) {
            items.extend(r.items.into_iter().map(|it| shift(it, y)));
            y += r.height;
        }
    }
    let h = y + pad;
    items.push(Item::Frame {
        x: 0.0,
        y: h,
        w,
        h,
        thickness: 0.6,
    });
    (items, h + size)
}

/// Writes each contents entry's page number, right-aligned where its
/// placeholder stands.
fn fill_contents(poured: &mut Poured, fonts: &FontSet) {
    let starts: Vec<usize> = poured
        .outline
        .iter()
        .filter(|e| e.level == 1)
        .map(|e| e.page + 1)
        .collect();
    for page in &mut poured.pages {
        for it in &mut page.items {
            if let Item::Text {
                x,
                text,
                width,
                style,
                size,
                ..
            } = it
                && let Some(k) = text.strip_prefix(TOC_MARK)
            {
                let n = k
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| starts.get(k))
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let nw = fonts.face(*style).width(&n, *size);
                *x -= nw;
                *width = nw;
                *text = n;
            }
        }
    }
}

/// Name and number at the top of every page after the first, the period
/// on the outer side, a hairline under them.
fn running_heads(cx: &mut Cx, poured: &mut Poured, m: &Masthead, st: &BulletinStyle) {
    let tpl = cx.tpl;
    let size = st.running_size;
    let head = cx.clean(&m.running_head, FontStyle::Italic);
    let period = cx.clean(&m.period, FontStyle::Italic);
    let face = cx.fonts.face(FontStyle::Italic);
    let (hw, pw) = (face.width(&head, size), face.width(&period, size));
    let left = tpl.text_left();
    let right = left + tpl.text_width();
    for (k, page) in poured.pages.iter_mut().enumerate().skip(1) {
        let y = page.height - st.running_from_edge_mm * MM;
        // Odd page numbers are right-hand pages: the name goes outside.
        let (hx, px) = if (k + 1) % 2 == 1 {
            (right - hw, left)
        } else {
            (left, right - pw)
        };
        for (x, text, width) in [(hx, &head, hw), (px, &period, pw)] {
            if !text.is_empty() {
                page.items.push(Item::Text {
                    x,
                    y,
                    style: FontStyle::Italic,
                    size,
                    text: text.clone(),
                    word_space: 0.0,
                    width,
                    link: None,
                });
            }
        }
        let ry = y - size * 0.45;
        page.items.push(Item::Rule {
            x1: left,
            y1: ry,
            x2: right,
            y2: ry,
            thickness: 0.4,
        });
    }
}

fn licence_warnings(cx: &mut Cx, st: &BulletinStyle, pages: usize) {
    if pages > st.licensed_max_pages {
        cx.warnings.push(format!(
            "Bản tin có giấy phép không được quá {} trang (Luật Báo chí 2016); số này có {pages} trang.",
            st.licensed_max_pages
        ));
    }
    let (mw, mh) = st.licensed_max_mm;
    let p = cx.tpl.paper;
    if p.width_mm > mw + 0.5 || p.height_mm > mh + 0.5 {
        cx.warnings.push(format!(
            "Khổ giấy {:.0} × {:.0} mm lớn hơn khổ tối đa của bản tin có giấy phép ({:.0} × {:.0} mm, Luật Báo chí 2016).",
            p.width_mm, p.height_mm, mw, mh
        ));
    }
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
