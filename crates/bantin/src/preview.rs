//! [`Document`] → safe HTML for the live preview pane.
//!
//! The preview shows what an editor is typing, including whatever they
//! pasted from e-mail or the web, so the output is built to be harmless even
//! for hostile input:
//!
//! * every piece of text and every attribute value is HTML-escaped;
//! * links are emitted only for the targets [`html::LINK_PREFIXES`] allows
//!   (web, e-mail, telephone, `#fragment`); anything else (`javascript:`,
//!   `data:`, relative paths) shows as plain text;
//! * image sources come only from [`PreviewOptions::image_url`]: the preview
//!   never loads remote content, and an image it cannot resolve is a visible
//!   placeholder naming the source;
//! * the only `style` attributes are table column alignments, and no event
//!   handler attribute is ever written.
//!
//! The markup is plain semantic HTML; the pane's stylesheet does the look.

use std::collections::HashSet;
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::doc::{Align, Block, Document, Figure, Inline, ListItem, Table, inline_text};
use crate::html::{self, escape_into};

/// How the preview resolves things outside the document.
pub struct PreviewOptions<'a> {
    /// Maps a figure's `src` as written (`asset:<sha256>`, a relative path, a
    /// URL) to a URL the preview may load, typically a local asset URL.
    /// `None` means "do not load": the figure renders as a placeholder.
    pub image_url: &'a dyn Fn(&str) -> Option<String>,
}

impl Default for PreviewOptions<'_> {
    /// Resolves no image at all: every figure is a placeholder.
    fn default() -> Self {
        PreviewOptions {
            image_url: &|_| None,
        }
    }
}

/// Renders `doc` as an HTML fragment (no `<html>`/`<body>` wrapper).
pub fn to_html(doc: &Document, opts: &PreviewOptions) -> String {
    let mut r = Renderer {
        opts,
        out: String::new(),
        ids: HashSet::new(),
        referenced: HashSet::new(),
    };
    // Reserve the footnote anchors so a heading called "fn 1" cannot steal
    // `#fn-1` from the footnote it would collide with.
    for n in 1..=doc.footnotes.len() {
        r.ids.insert(format!("fn-{n}"));
        r.ids.insert(format!("fnref-{n}"));
    }
    r.blocks(&doc.blocks);
    if !doc.footnotes.is_empty() {
        r.out.push_str("<section class=\"footnotes\">\n<ol>\n");
        for (i, f) in doc.footnotes.iter().enumerate() {
            let n = i + 1;
            let _ = write!(r.out, "<li id=\"fn-{n}\">");
            // Only footnotes that were referenced have an anchor to return to.
            let back = r
                .referenced
                .contains(&n)
                .then(|| format!("<a href=\"#fnref-{n}\" class=\"fnback\">↩</a>"));
            match (f.blocks.split_last(), back) {
                // Put the back link inside the last paragraph, where readers
                // expect it, rather than on a line of its own.
                (Some((Block::Paragraph { content }, init)), Some(back)) => {
                    r.blocks(init);
                    r.out.push_str("<p>");
                    r.inlines(content);
                    r.out.push(' ');
                    r.out.push_str(&back);
                    r.out.push_str("</p>\n");
                }
                (_, back) => {
                    r.blocks(&f.blocks);
                    if let Some(back) = back {
                        r.out.push_str(&back);
                    }
                }
            }
            r.out.push_str("</li>\n");
        }
        r.out.push_str("</ol>\n</section>\n");
    }
    r.out
}

struct Renderer<'o, 'a> {
    opts: &'o PreviewOptions<'a>,
    out: String,
    /// Element ids handed out so far (headings are de-duplicated with `-2`…).
    ids: HashSet<String>,
    /// Footnote numbers that got a `fnref-N` anchor.
    referenced: HashSet<usize>,
}

impl Renderer<'_, '_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { level, content } => {
                let level = (*level).clamp(1, 6);
                let id = self.unique_id(&slug(&inline_text(content)));
                let _ = write!(self.out, "<h{level} id=\"");
                escape_into(&mut self.out, &id);
                self.out.push_str("\">");
                self.inlines(content);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::Paragraph { content } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    if *start == 1 {
                        self.out.push_str("<ol>\n");
                    } else {
                        let _ = writeln!(self.out, "<ol start=\"{start}\">");
                    }
                } else {
                    self.out.push_str("<ul>\n");
                }
                for item in items {
                    self.list_item(item);
                }
                self.out
                    .push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Quote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Code { text } => {
                self.out.push_str("<pre><code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::PageBreak => self.out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }

    fn list_item(&mut self, item: &ListItem) {
        match item.task {
            Some(done) => {
                self.out
                    .push_str("<li class=\"task\"><input type=\"checkbox\" disabled");
                if done {
                    self.out.push_str(" checked");
                }
                self.out.push_str("> ");
            }
            None => self.out.push_str("<li>"),
        }
        // The tree does not record tight/loose lists; showing an item's first
        // paragraph without <p> keeps ordinary lists compact.
        match item.blocks.split_first() {
            Some((Block::Paragraph { content }, rest)) => {
                self.inlines(content);
                if !rest.is_empty() {
                    self.out.push('\n');
                    self.blocks(rest);
                }
            }
            _ => self.blocks(&item.blocks),
        }
        self.out.push_str("</li>\n");
    }

    fn table(&mut self, t: &Table) {
        self.out.push_str("<table>\n<thead>\n");
        self.row(&t.header, &t.align, "th");
        self.out.push_str("</thead>\n");
        if !t.rows.is_empty() {
            self.out.push_str("<tbody>\n");
            for row in &t.rows {
                self.row(row, &t.align, "td");
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn row(&mut self, cells: &[Vec<Inline>], align: &[Align], tag: &str) {
        self.out.push_str("<tr>");
        for (i, cell) in cells.iter().enumerate() {
            let style = match align.get(i).copied().unwrap_or(Align::Default) {
                Align::Default => "",
                Align::Left => " style=\"text-align:left\"",
                Align::Center => " style=\"text-align:center\"",
                Align::Right => " style=\"text-align:right\"",
            };
            let _ = write!(self.out, "<{tag}{style}>");
            self.inlines(cell);
            let _ = write!(self.out, "</{tag}>");
        }
        self.out.push_str("</tr>\n");
    }

    fn figure(&mut self, f: &Figure) {
        let caption = inline_text(&f.caption);
        match (self.opts.image_url)(&f.src) {
            Some(url) => {
                self.out.push_str("<figure><img src=\"");
                escape_into(&mut self.out, &url);
                self.out.push_str("\" alt=\"");
                escape_into(&mut self.out, &caption);
                self.out.push_str("\">");
            }
            None => {
                self.out.push_str(
                    "<figure class=\"figure-missing\"><div class=\"image-placeholder\">[ảnh: ",
                );
                escape_into(&mut self.out, &f.src);
                self.out.push_str("]</div>");
            }
        }
        if !f.caption.is_empty() {
            self.out.push_str("<figcaption>");
            self.inlines(&f.caption);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("</figure>\n");
    }

    /// Renders inlines; a footnote reference gets its back-link anchor the
    /// first time only (ids must be unique).
    fn inlines(&mut self, inlines: &[Inline]) {
        let referenced = &mut self.referenced;
        html::write_inlines(&mut self.out, inlines, |out, n| {
            let id = if referenced.insert(n) {
                format!(" id=\"fnref-{n}\"")
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<sup class=\"fnref\"><a href=\"#fn-{n}\"{id}>{n}</a></sup>"
            );
        });
    }

    fn unique_id(&mut self, base: &str) -> String {
        let mut id = base.to_owned();
        let mut k = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

/// An ASCII id for a heading: diacritics removed (`Đại hội` → `dai-hoi`),
/// lower case, other characters collapsed into single dashes. ASCII keeps the
/// ids stable across the preview, the web bundle and URLs people copy.
fn slug(text: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        // đ/Đ are letters of their own, not d plus a mark, so NFD keeps them.
        let c = match c {
            'đ' | 'Đ' | 'Ð' => 'd',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if s.is_empty() { "muc".to_owned() } else { s }
}

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
