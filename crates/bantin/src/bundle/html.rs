//! `article.html`: the article as a clean fragment for the portal's editor.
//!
//! Portal editors (CKEditor, TinyMCE) keep semantic tags and drop almost all
//! styling, so the fragment is semantic HTML with only the inline styles they
//! keep and portals expect: centred figures, italic captions, a right-aligned
//! bold author line, and table column alignment. It is written from the
//! `Document` directly rather than by post-processing the preview's HTML,
//! whose ids, classes, checkboxes and placeholders the portal does not want.
//!
//! Safety is by construction: all text and attribute values are escaped, no
//! script or event handler is ever written, images point only inside the
//! bundle, and links are kept only for the targets [`html::LINK_PREFIXES`]
//! allows (what an author can mean), so `javascript:` and `data:` never
//! become links. `check_bundle` verifies the same on any file.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::doc::{Align, Block, Document, Inline, ListItem, Table, inline_text};
use crate::html::{self, escape_into};

/// What the fragment needs besides the body.
pub(crate) struct HtmlParts<'a> {
    pub summary: &'a str,
    pub author: &'a str,
    /// Figure `src` as written → path inside the bundle (`images/anh-01.jpg`).
    pub images: &'a HashMap<String, String>,
}

/// Renders the fragment: lead, body, footnotes, author line.
pub(crate) fn article_html(doc: &Document, parts: &HtmlParts) -> String {
    let mut w = Writer {
        out: String::new(),
        images: parts.images,
    };
    let summary = parts.summary.trim();
    if !summary.is_empty() {
        w.out.push_str("<p class=\"sapo\"><strong>");
        escape_into(&mut w.out, summary);
        w.out.push_str("</strong></p>\n");
    }
    w.blocks(&doc.blocks);
    if !doc.footnotes.is_empty() {
        w.out.push_str("<hr>\n<ol class=\"footnotes\">\n");
        for (i, f) in doc.footnotes.iter().enumerate() {
            let _ = write!(w.out, "<li id=\"fn-{}\">", i + 1);
            // A one-paragraph note reads better without a <p> inside the <li>.
            match f.blocks.as_slice() {
                [Block::Paragraph { content }] => w.inlines(content),
                blocks => w.blocks(blocks),
            }
            w.out.push_str("</li>\n");
        }
        w.out.push_str("</ol>\n");
    }
    let author = parts.author.trim();
    if !author.is_empty() {
        w.out.push_str("<p style=\"text-align:right\"><strong>");
        escape_into(&mut w.out, author);
        w.out.push_str("</strong></p>\n");
    }
    // What we write passes through the same allow-list `bundle check` applies.
    super::sanitize::sanitize_html(&w.out)
}

struct Writer<'a> {
    out: String,
    images: &'a HashMap<String, String>,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { level, content } => {
                // The portal prints the title as <h1>; body headings start at <h2>.
                let level = (*level).clamp(2, 6);
                let _ = write!(self.out, "<h{level}>");
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
                let tag = if *ordered { "ol" } else { "ul" };
                if *ordered && *start != 1 {
                    let _ = writeln!(self.out, "<ol start=\"{start}\">");
                } else {
                    let _ = writeln!(self.out, "<{tag}>");
                }
                for item in items {
                    self.item(item);
                }
                let _ = writeln!(self.out, "</{tag}>");
            }
            Block::Quote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => {
                // Every figure was resolved before rendering; an unresolved one
                // (impossible from build_bundle) is dropped rather than linked out.
                let Some(path) = self.images.get(&f.src) else {
                    return;
                };
                self.out
                    .push_str("<figure style=\"text-align:center\"><img src=\"");
                escape_into(&mut self.out, path);
                self.out.push_str("\" alt=\"");
                escape_into(&mut self.out, &inline_text(&f.caption));
                self.out.push_str("\">");
                if !f.caption.is_empty() {
                    self.out
                        .push_str("<figcaption style=\"font-style:italic\">");
                    self.inlines(&f.caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("</figure>\n");
            }
            Block::Code { text } => {
                self.out.push_str("<pre><code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
            // Page breaks are for print only.
            Block::PageBreak => {}
        }
    }

    fn item(&mut self, item: &ListItem) {
        self.out.push_str("<li>");
        // Form controls do not survive portal editors; a box character does.
        match item.task {
            Some(true) => self.out.push_str("☑ "),
            Some(false) => self.out.push_str("☐ "),
            None => {}
        }
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
        self.out.push_str("</thead>\n<tbody>\n");
        for row in &t.rows {
            self.row(row, &t.align, "td");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn row(&mut self, cells: &[Vec<Inline>], align: &[Align], tag: &str) {
        self.out.push_str("<tr>");
        for (i, cell) in cells.iter().enumerate() {
            let style = match align.get(i) {
                Some(Align::Left) => " style=\"text-align:left\"",
                Some(Align::Center) => " style=\"text-align:center\"",
                Some(Align::Right) => " style=\"text-align:right\"",
                _ => "",
            };
            let _ = write!(self.out, "<{tag}{style}>");
            self.inlines(cell);
            let _ = write!(self.out, "</{tag}>");
        }
        self.out.push_str("</tr>\n");
    }

    /// Inlines as every output writes them; footnote references are plain.
    fn inlines(&mut self, inlines: &[Inline]) {
        html::write_inlines(&mut self.out, inlines, |out, n| {
            let _ = write!(out, "<sup><a href=\"#fn-{n}\">{n}</a></sup>");
        });
    }
}
