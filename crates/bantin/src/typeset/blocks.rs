//! Blocks of the document tree turned into rows: paragraphs, headings,
//! lists, quotes, code, rules, and the final pass that flows the rows and
//! decorates the pages (footnotes, page numbers).
//!
//! `Cx` carries what every block needs (fonts, template, images seen so far,
//! warnings) so the block functions stay small and the entry points in
//! `mod.rs` read as the document's order.

use super::flow::{Flow, Frame, Frames, Notes, Row};
use super::paragraph::{self, Align, Line, ParaStyle, Span};
use super::templates::{MM, NumberPlace, Template};
use super::{
    FontSet, FontStyle, ImageData, ImageSource, Item, Laid, OutlineEntry, Page, TypesetError,
};
use crate::doc::{Block, Document, Footnote, Inline, ListItem};

/// Marks a span as a footnote reference; never reaches the PDF as a link.
pub(crate) const NOTE_LINK: &str = "\u{0}note:";

pub struct Cx<'a> {
    pub fonts: &'a FontSet,
    pub tpl: &'a Template,
    pub source: &'a dyn ImageSource,
    pub images: Vec<ImageData>,
    pub warnings: Vec<String>,
    /// Width of the column being set: the text block, or one column of a
    /// bulletin page.
    pub measure: f32,
}

/// Pages filled by the flow, with their footnotes set.
pub struct Poured {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
}

impl<'a> Cx<'a> {
    pub fn new(
        fonts: &'a FontSet,
        tpl: &'a Template,
        source: &'a dyn ImageSource,
    ) -> Result<Self, TypesetError> {
        tpl.check().map_err(TypesetError::Template)?;
        Ok(Cx {
            fonts,
            tpl,
            source,
            images: Vec::new(),
            warnings: Vec::new(),
            measure: tpl.text_width(),
        })
    }

    pub fn width(&self) -> f32 {
        self.measure
    }

    /// NFC, and every character the font cannot draw replaced by '?' with a
    /// warning: a wrong glyph silently printed in an official document is
    /// worse than a visible mark the editor is told about.
    pub fn clean(&mut self, s: &str, style: FontStyle) -> String {
        let s = crate::text::nfc(s);
        let face = self.fonts.face(style);
        if s.chars().all(|c| c == '\n' || face.has_char(c)) {
            return s;
        }
        s.chars()
            .map(|c| match c {
                '\n' => c,
                '\t' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
                c if face.has_char(c) => c,
                c if c.is_control() => ' ',
                c => {
                    let w = format!(
                        "Phông chữ không có ký tự «{c}» (U+{:04X}); đã thay bằng «?».",
                        c as u32
                    );
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                    '?'
                }
            })
            .collect()
    }

    pub fn span(&mut self, text: &str, style: FontStyle, size: f32) -> Span {
        let text = self.clean(text, style);
        Span::new(text, style, size)
    }

    /// Spans of inline content; `base` is the style plain text gets.
    pub fn spans(&mut self, inlines: &[Inline], base: FontStyle, size: f32) -> Vec<Span> {
        let mut out = Vec::new();
        for i in inlines {
            match i {
                Inline::Text(run) => {
                    let style = FontStyle::new(
                        base.is_bold() || run.style.bold,
                        base.is_italic() != run.style.italic,
                    );
                    let size = if run.style.code { size * 0.92 } else { size };
                    let mut sp = self.span(&run.text, style, size);
                    sp.link = run.link.clone();
                    sp.strike = run.style.strike;
                    sp.underline = run.style.underline;
                    out.push(sp);
                }
                Inline::LineBreak => out.push(Span::new("\n", base, size)),
                Inline::FootnoteRef { n } => out.push(Span {
                    text: n.to_string(),
                    style: base.with_bold(false).with_italic(false),
                    size: size * 0.62,
                    rise: size * 0.38,
                    link: Some(format!("{NOTE_LINK}{n}")),
                    strike: false,
                    underline: false,
                }),
            }
        }
        out
    }

    pub fn leading(&self, size: f32) -> f32 {
        size * self.tpl.leading
    }

    /// Rows of set lines, `left` in from the frame, with orphan and widow
    /// control: paragraphs of up to three lines stay whole, longer ones keep
    /// at least two lines on each side of a break.
    pub fn line_rows(
        &self,
        lines: Vec<Line>,
        left: f32,
        leading: f32,
        space_before: f32,
    ) -> Vec<Row> {
        let n = lines.len();
        let face = &self.fonts.regular;
        let mut rows = Vec::with_capacity(n);
        for (k, line) in lines.into_iter().enumerate() {
            let lead = leading.max(line.size * self.tpl.leading);
            // Centre the font's ascent+descent box in the line's leading.
            let (a, d) = (face.ascent(line.size), face.descent(line.size));
            let baseline = (lead + a - d) / 2.0;
            let mut notes = Vec::new();
            let items = line
                .runs
                .into_iter()
                .flat_map(|r| {
                    // A struck run gets a rule through the middle of its
                    // lower-case letters.
                    let strike = r.strike.then(|| {
                        let y = baseline - r.rise - r.size * 0.28;
                        Item::Rule {
                            x1: left + r.x,
                            y1: y,
                            x2: left + r.x + r.width,
                            y2: y,
                            thickness: r.size * 0.06,
                        }
                    });
                    // An underlined run gets the font's own underline, under
                    // the whole run as set: the stretched spaces between its
                    // words included, as Word draws it.
                    let under = r.underline.then(|| {
                        let f = self.fonts.face(r.style);
                        let y = baseline - r.rise + f.underline_offset(r.size);
                        Item::Rule {
                            x1: left + r.x,
                            y1: y,
                            x2: left + r.x + r.width,
                            y2: y,
                            thickness: f.underline_thickness(r.size),
                        }
                    });
                    let link = match r.link {
                        Some(l) if l.starts_with(NOTE_LINK) => {
                            notes.extend(l[NOTE_LINK.len()..].parse::<usize>().ok());
                            None
                        }
                        l => l,
                    };
                    let text = Item::Text {
                        x: left + r.x,
                        y: baseline - r.rise,
                        style: r.style,
                        size: r.size,
                        text: r.text,
                        word_space: r.word_space,
                        width: r.width,
                        link,
                    };
                    std::iter::once(text).chain(strike).chain(under)
                })
                .collect();
            let mut row = Row::fixed(lead, items);
            row.footnotes = notes;
            row.keep_with_next = if n <= 3 {
                k + 1 < n
            } else {
                k == 0 || k + 2 == n
            };
            if k == 0 {
                row.space_before = space_before;
            }
            rows.push(row);
        }
        rows
    }

    pub fn paragraph(&mut self, spans: &[Span], st: &ParaStyle, left: f32, space: f32) -> Vec<Row> {
        let size = spans.first().map(|s| s.size).unwrap_or(self.tpl.body_size);
        let lines = paragraph::set(spans, st, self.fonts);
        self.line_rows(lines, left, self.leading(size), space)
    }

    pub fn document_rows(&mut self, doc: &Document) -> Vec<Row> {
        let mut rows = Vec::new();
        for b in &doc.blocks {
            rows.extend(self.block(b, 0.0, self.width(), FontStyle::Regular));
        }
        rows
    }

    /// Rows of one block set in a column `left..left + width`.
    pub fn block(&mut self, b: &Block, left: f32, width: f32, base: FontStyle) -> Vec<Row> {
        let size = self.tpl.body_size;
        let space = self.tpl.para_space;
        match b {
            Block::Paragraph { content } => {
                let spans = self.spans(content, base, size);
                let indent = if left == 0.0 {
                    self.tpl.first_indent_mm * MM
                } else {
                    0.0
                };
                self.paragraph(
                    &spans,
                    &ParaStyle::new(width, Align::Justify).indent(indent),
                    left,
                    space,
                )
            }
            Block::Heading { level, content } => {
                let lvl = (*level).clamp(1, 6) as usize;
                let hsize = self.tpl.heading_sizes[lvl - 1];
                let style = if lvl >= 4 {
                    FontStyle::BoldItalic
                } else {
                    FontStyle::Bold
                };
                let spans = self.spans(content, style, hsize);
                let mut rows = self.paragraph(
                    &spans,
                    &ParaStyle::new(width, Align::Left),
                    left,
                    space * self.tpl.blocks.heading_space_paras,
                );
                for r in &mut rows {
                    r.keep_with_next = true;
                }
                if let Some(first) = rows.first_mut() {
                    let title = crate::doc::inline_text(content).replace('\n', " ");
                    first.outline = Some((crate::text::nfc(title.trim()), lvl as u8));
                }
                rows
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, left, width, base),
            Block::Quote { blocks } => {
                let ind = self.tpl.quote_indent_mm * MM;
                let quoted = base.with_italic(!base.is_italic());
                blocks
                    .iter()
                    .flat_map(|b| self.block(b, left + ind, width - 2.0 * ind, quoted))
                    .collect()
            }
            Block::Code { text } => {
                let csize = self.tpl.code_size;
                let mut rows = Vec::new();
                for (k, line) in text.trim_end_matches('\n').split('\n').enumerate() {
                    // Keep indentation: leading spaces become non-breaking.
                    let body = line.trim_start_matches(' ');
                    let lead = "\u{a0}".repeat(line.len() - body.len());
                    let sp = self.span(&format!("{lead}{body}"), FontStyle::Regular, csize);
                    let st = ParaStyle::new(width, Align::Left);
                    let lines = paragraph::set(&[sp], &st, self.fonts);
                    let mut r = self.line_rows(
                        lines,
                        left,
                        self.leading(csize) * self.tpl.blocks.code_leading,
                        0.0,
                    );
                    if k == 0
                        && let Some(f) = r.first_mut()
                    {
                        f.space_before = space;
                    }
                    rows.extend(r);
                }
                rows
            }
            Block::Rule => {
                let lead = self.leading(size);
                let w = width / self.tpl.blocks.short_rule_divisor;
                let x = left + (width - w) / 2.0;
                let mut r = Row::fixed(
                    lead,
                    vec![Item::Rule {
                        x1: x,
                        y1: lead / 2.0,
                        x2: x + w,
                        y2: lead / 2.0,
                        thickness: self.tpl.blocks.rule_pt,
                    }],
                );
                r.space_before = space;
                vec![r]
            }
            Block::PageBreak => vec![Row::page_break()],
            Block::Table(t) => self.table(t, left, width),
            Block::Figure(f) => self.figure(f, left, width),
        }
    }

    fn list(
        &mut self,
        ordered: bool,
        start: u32,
        items: &[ListItem],
        left: f32,
        width: f32,
        base: FontStyle,
    ) -> Vec<Row> {
        let size = self.tpl.body_size;
        let ind = self.tpl.list_indent_mm * MM;
        let mut rows = Vec::new();
        for (k, it) in items.iter().enumerate() {
            let mut marker = if ordered {
                format!("{}.", start as usize + k)
            } else {
                self.tpl.bullet.to_string()
            };
            if let Some(done) = it.task {
                marker = if done { "[x]".into() } else { "[ ]".into() };
            }
            let marker = self.clean(&marker, base);
            let mut item_rows: Vec<Row> = it
                .blocks
                .iter()
                .flat_map(|b| self.block(b, left + ind, width - ind, base))
                .collect();
            if let Some(first) = item_rows.first_mut() {
                // Hang the marker in the indent, on the first line's baseline.
                let baseline = first.items.iter().find_map(|i| match i {
                    Item::Text { y, .. } => Some(*y),
                    _ => None,
                });
                let mw = self.fonts.face(base).width(&marker, size);
                first.items.push(Item::Text {
                    x: left + ind - mw - self.tpl.blocks.list_marker_gap_em * size,
                    y: baseline.unwrap_or(size),
                    style: base,
                    size,
                    text: marker,
                    word_space: 0.0,
                    width: mw,
                    link: None,
                });
                if k > 0 {
                    first.space_before =
                        self.tpl.para_space * self.tpl.blocks.list_item_space_paras;
                }
            }
            rows.extend(item_rows);
        }
        rows
    }

    /// Flows the rows into pages, then adds footnotes (at the foot of the
    /// page that references them; a note with several paragraphs is run
    /// into one) and page numbers.
    pub fn finish(mut self, rows: Vec<Row>, doc: &Document) -> Laid {
        let tpl = self.tpl;
        let frame = Frame {
            left: tpl.text_left(),
            width: tpl.text_width(),
            top: tpl.text_top(),
            bottom: tpl.text_bottom(),
        };
        let (pw, ph) = (tpl.page_width(), tpl.page_height());
        let frames = move |_page: usize| (pw, ph, vec![frame]);
        let notes = self.footnote_rows(&doc.footnotes);
        let Poured { mut pages, outline } = pour(&rows, &notes, &frames);
        self.page_numbers(&mut pages);
        if tpl.double_sided {
            // The text block keeps its width; on back pages it moves by the
            // difference of the two margins, with everything on the page.
            let dx = (tpl.margins.right_mm - tpl.margins.left_mm) * super::templates::MM;
            for page in pages.iter_mut().skip(1).step_by(2) {
                for item in &mut page.items {
                    item.shift_x(dx);
                }
            }
        }
        self.laid(pages, outline)
    }

    pub fn laid(self, pages: Vec<Page>, outline: Vec<OutlineEntry>) -> Laid {
        Laid {
            pages,
            images: self.images,
            outline,
            warnings: self.warnings,
        }
    }

    pub fn footnote_rows(&mut self, footnotes: &[Footnote]) -> Notes {
        let size = self.tpl.footnote_size;
        let mut rows = Vec::new();
        for (k, f) in footnotes.iter().enumerate() {
            let mut spans = vec![Span {
                rise: size * 0.35,
                ..Span::new(format!("{}", k + 1), FontStyle::Regular, size * 0.7)
            }];
            spans.push(Span::new(" ", FontStyle::Regular, size));
            for b in &f.blocks {
                if let Block::Paragraph { content } = b {
                    spans.extend(self.spans(content, FontStyle::Regular, size));
                    spans.push(Span::new(" ", FontStyle::Regular, size));
                } else {
                    // Lists or tables inside a note are rare: their text runs on.
                    let plain = Document {
                        blocks: vec![b.clone()],
                        footnotes: Vec::new(),
                    }
                    .plain_text();
                    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
                    spans.push(self.span(&format!("{plain} "), FontStyle::Regular, size));
                }
            }
            let lines = paragraph::set(
                &spans,
                &ParaStyle::new(self.width(), Align::Justify),
                self.fonts,
            );
            rows.push(self.line_rows(
                lines,
                0.0,
                self.leading(size) * self.tpl.blocks.footnote_leading,
                0.0,
            ));
        }
        Notes {
            rows,
            separator: size,
            rule: self.tpl.blocks.rule_pt,
            rule_divisor: self.tpl.blocks.short_rule_divisor,
        }
    }

    pub fn page_numbers(&self, pages: &mut [Page]) {
        let pn = &self.tpl.page_numbers;
        let face = &self.fonts.regular;
        for (k, page) in pages
            .iter_mut()
            .enumerate()
            .skip(pn.from_page.saturating_sub(1))
        {
            let text = (k + 1).to_string();
            let w = face.width(&text, pn.size);
            let y = match pn.place {
                NumberPlace::Top { from_edge_mm } => {
                    page.height - from_edge_mm * MM - face.ascent(pn.size)
                }
                NumberPlace::Bottom { from_edge_mm } => from_edge_mm * MM,
            };
            page.items.push(Item::Text {
                x: self.tpl.text_left() + (self.tpl.text_width() - w) / 2.0,
                y,
                style: FontStyle::Regular,
                size: pn.size,
                text,
                word_space: 0.0,
                width: w,
                link: None,
            });
        }
    }
}

/// Pours rows into the frames page after page and sets each frame's
/// footnotes at its foot, under a short rule.
pub fn pour(rows: &[Row], notes: &Notes, frames: &Frames) -> Poured {
    let mut flow = Flow::new(frames, notes);
    flow.run(rows);
    let Flow {
        mut pages,
        frame_notes,
        outline,
        ..
    } = flow;
    for f in &frame_notes {
        let frame = f.frame;
        let page = &mut pages[f.page];
        let mut y = frame.bottom
            + f.notes
                .iter()
                .map(|n| notes.rows[n - 1].iter().map(|r| r.height).sum::<f32>())
                .sum::<f32>()
            + notes.separator;
        let ry = y - notes.separator / 2.0;
        page.items.push(Item::Rule {
            x1: frame.left,
            y1: ry,
            x2: frame.left + frame.width / notes.rule_divisor,
            y2: ry,
            thickness: notes.rule,
        });
        y -= notes.separator;
        for n in &f.notes {
            for r in &notes.rows[n - 1] {
                page.items
                    .extend(r.items.iter().map(|it| it.clone().placed(frame.left, y)));
                y -= r.height;
            }
        }
    }
    Poured { pages, outline }
}
