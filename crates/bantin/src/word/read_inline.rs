//! A Word paragraph's runs → styled [`Inline`]s.
//!
//! Kept: bold, italic, underline, strike-through, links, footnote
//! references, line and page breaks, images (handed back for the caller to
//! place). Dropped as noise: fonts, sizes, colours, the underline a link
//! or a field shows (it is the link's look, not the writer's emphasis),
//! field codes (their shown result is kept), tracked deletions, soft
//! hyphens.
//! Runs set in an old Vietnamese font (".VnTime", "VNI-Times" …) are
//! converted to Unicode here, where the font is known.

use std::collections::HashMap;

use super::package::Rel;
use super::read_styles::{Styles, run_font};
use super::xml::Element;
use crate::doc::{Inline, Run, Style};
use crate::text::legacy::{self, Encoding, font_encoding};

/// One thing in a paragraph, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Inline(Inline),
    PageBreak,
    /// An image by relationship id, with Word's alternative text.
    Image {
        rel: String,
        alt: String,
    },
}

pub struct InlineContext<'a> {
    pub styles: &'a Styles,
    pub rels: &'a HashMap<String, Rel>,
    /// Word footnote ids in the order first referenced: id at i is note i + 1.
    pub notes: &'a mut Vec<String>,
}

struct Walk<'c, 'a> {
    cx: &'c mut InlineContext<'a>,
    out: Vec<Piece>,
    para_encoding: Option<Encoding>,
    /// Complex fields (`fldChar`) open: true once past `separate`, i.e. in
    /// the shown result.
    fields: Vec<bool>,
    /// Inside a `<w:hyperlink>` (external or not).
    in_hyperlink: bool,
}

/// The pieces of paragraph `p` (its `pPr` is ignored here).
pub fn pieces(p: &Element, para_style: Option<&str>, cx: &mut InlineContext) -> Vec<Piece> {
    let para_encoding = cx.styles.encoding(para_style);
    let mut w = Walk {
        cx,
        out: Vec::new(),
        para_encoding,
        fields: Vec::new(),
        in_hyperlink: false,
    };
    w.children(p, None);
    w.out
}

impl Walk<'_, '_> {
    fn children(&mut self, e: &Element, link: Option<&str>) {
        for c in e.elements() {
            match c.name.as_str() {
                "r" => self.run(c, link),
                "hyperlink" => {
                    let target = c
                        .attr("id")
                        .and_then(|id| self.cx.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    let outer = std::mem::replace(&mut self.in_hyperlink, true);
                    self.children(c, target.as_deref().or(link));
                    self.in_hyperlink = outer;
                }
                "del" | "pPr" | "moveFrom" => {}
                // Containers whose runs are ordinary text: tracked inserts,
                // content controls, smart tags, simple fields.
                _ => self.children(c, link),
            }
        }
    }

    fn run(&mut self, r: &Element, link: Option<&str>) {
        let rpr = r.child("rPr");
        let char_style = rpr.and_then(|p| p.val("rStyle"));
        let (style_bold, style_italic) = self.cx.styles.run_flags(char_style);
        let style = Style {
            bold: rpr
                .and_then(|p| p.flag("b"))
                .or(style_bold)
                .unwrap_or(false),
            italic: rpr
                .and_then(|p| p.flag("i"))
                .or(style_italic)
                .unwrap_or(false),
            strike: rpr
                .and_then(|p| p.flag("strike").or(p.flag("dstrike")))
                .unwrap_or(false),
            // Any kind of underline (single, double, words, dotted…) the
            // writer set on this run; `w:val="none"` switches it off.
            underline: rpr.and_then(|p| p.flag("u")).unwrap_or(false)
                && !self.link_look(link, char_style),
            code: false,
        };
        let encoding = match rpr.and_then(run_font) {
            Some(font) => font_encoding(&font),
            None => self.cx.styles.encoding(char_style).or(self.para_encoding),
        };
        for c in r.elements() {
            let in_instructions = self.fields.last() == Some(&false);
            match c.name.as_str() {
                "fldChar" => match c.attr("fldCharType") {
                    Some("begin") => self.fields.push(false),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            *f = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                _ if in_instructions => {}
                "t" => {
                    let raw = c.text();
                    let text = match encoding {
                        Some(enc) => legacy::decode(&raw, enc),
                        None => raw,
                    };
                    self.text(&text, style, link);
                }
                // In a TCVN3 run Word keeps the byte 0xAD, "ư", as an
                // optional hyphen: it is a letter there.
                "softHyphen"
                    if matches!(encoding, Some(Encoding::Tcvn3 | Encoding::Tcvn3Capitals)) =>
                {
                    let u = legacy::decode("\u{AD}", encoding.unwrap_or(Encoding::Tcvn3));
                    self.text(&u, style, link);
                }
                "tab" | "ptab" => self.text(" ", style, link),
                "noBreakHyphen" => self.text("-", style, link),
                "br" if c.attr("type") == Some("page") => self.out.push(Piece::PageBreak),
                "br" | "cr" => self.out.push(Piece::Inline(Inline::LineBreak)),
                "footnoteReference" => {
                    if let Some(id) = c.attr("id") {
                        let notes = &mut *self.cx.notes;
                        let n = match notes.iter().position(|x| x == id) {
                            Some(i) => i + 1,
                            None => {
                                notes.push(id.to_owned());
                                notes.len()
                            }
                        };
                        self.out.push(Piece::Inline(Inline::FootnoteRef { n }));
                    }
                }
                "drawing" | "pict" | "object" => self.image(c),
                _ => {}
            }
        }
    }

    /// Whether a run's underline is only how a link shows: inside a
    /// hyperlink, in a field's result (HYPERLINK, REF, TOC …), or set in a
    /// link character style ("Hyperlink", LibreOffice's "InternetLink").
    fn link_look(&self, link: Option<&str>, char_style: Option<&str>) -> bool {
        link.is_some()
            || self.in_hyperlink
            || !self.fields.is_empty()
            || char_style.is_some_and(|s| s.to_ascii_lowercase().contains("link"))
    }

    fn image(&mut self, e: &Element) {
        let mut alt = String::new();
        let mut rel = None;
        let mut stack = vec![e];
        while let Some(n) = stack.pop() {
            match n.name.as_str() {
                "docPr" => {
                    alt = n.attr("descr").or(n.attr("title")).unwrap_or("").to_owned();
                }
                "blip" if rel.is_none() => rel = n.attr("embed").map(str::to_owned),
                "imagedata" if rel.is_none() => rel = n.attr("id").map(str::to_owned),
                _ => {}
            }
            stack.extend(n.elements());
        }
        if let Some(rel) = rel {
            self.out.push(Piece::Image {
                rel,
                alt: crate::text::nfc(alt.trim()),
            });
        }
    }

    /// Appends text, merging with the previous run when style and link match.
    fn text(&mut self, t: &str, style: Style, link: Option<&str>) {
        if t.is_empty() {
            return;
        }
        // Word's optional hyphen is a typesetting hint, not text.
        let t = t.replace('\u{AD}', "").replace(['\t', '\u{A0}'], " ");
        if let Some(Piece::Inline(Inline::Text(prev))) = self.out.last_mut()
            && prev.style == style
            && prev.link.as_deref() == link
        {
            prev.text.push_str(&t);
            return;
        }
        self.out.push(Piece::Inline(Inline::Text(Run {
            text: t,
            style,
            link: link.map(str::to_owned),
        })));
    }
}

/// Tidies a paragraph's inlines as `markdown::parse` would leave them:
/// whitespace collapsed, none at the ends or around line breaks, one line
/// break at most in a row, whitespace-only styled runs made plain (but for
/// a space underlined between two underlined words, as `<u>` can hold it),
/// equal neighbours merged.
pub fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines.into_iter().flat_map(unstyle_edges) {
        match i {
            Inline::Text(mut r) => {
                r.text = crate::text::nfc(&collapse(&r.text));
                if r.text.trim().is_empty() {
                    r.style = Style {
                        underline: r.style.underline,
                        ..Style::default()
                    };
                    r.link = None;
                }
                let prev_space = match out.last() {
                    None | Some(Inline::LineBreak) => true,
                    Some(Inline::Text(p)) => p.text.ends_with(' '),
                    Some(Inline::FootnoteRef { .. }) => false,
                };
                if prev_space {
                    r.text = r.text.trim_start().to_owned();
                }
                if r.text.is_empty() {
                    continue;
                }
                if let Some(Inline::Text(p)) = out.last_mut()
                    && p.style == r.style
                    && p.link == r.link
                {
                    p.text.push_str(&r.text);
                    continue;
                }
                out.push(Inline::Text(r));
            }
            Inline::LineBreak => {
                trim_end(&mut out);
                if !matches!(out.last(), None | Some(Inline::LineBreak)) {
                    out.push(Inline::LineBreak);
                }
            }
            other => out.push(other),
        }
    }
    trim_end(&mut out);
    if matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    underline_gaps(out)
}

/// An underlined space stays underlined only between two underlined runs;
/// elsewhere it is plain. Equal neighbours are merged again.
fn underline_gaps(inlines: Vec<Inline>) -> Vec<Inline> {
    let underlined = |i: Option<&Inline>| matches!(i, Some(Inline::Text(r)) if r.style.underline);
    let keep: Vec<bool> = (0..inlines.len())
        .map(|k| match &inlines[k] {
            Inline::Text(r) if r.style.underline && r.text.trim().is_empty() => {
                k > 0 && underlined(inlines.get(k - 1)) && underlined(inlines.get(k + 1))
            }
            _ => true,
        })
        .collect();
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for (mut i, keep) in inlines.into_iter().zip(keep) {
        if let Inline::Text(r) = &mut i
            && !keep
        {
            r.style = Style::default();
        }
        if let (Some(Inline::Text(p)), Inline::Text(r)) = (out.last_mut(), &i)
            && p.style == r.style
            && p.link == r.link
        {
            p.text.push_str(&r.text);
            continue;
        }
        out.push(i);
    }
    out
}

/// Bold, italic or struck text never starts or ends with a space in
/// Markdown (`** a**` is not bold): the spaces at its edges become plain.
fn unstyle_edges(i: Inline) -> Vec<Inline> {
    let Inline::Text(r) = i else { return vec![i] };
    let inner = r.text.trim();
    if r.style == Style::default() || inner.is_empty() || inner.len() == r.text.len() {
        return vec![Inline::Text(r)];
    }
    let start = r.text.len() - r.text.trim_start().len();
    let end = start + inner.len();
    let plain = |t: &str| {
        Inline::Text(Run {
            text: t.to_owned(),
            style: Style::default(),
            link: r.link.clone(),
        })
    };
    let mut out = Vec::with_capacity(3);
    if start > 0 {
        out.push(plain(&r.text[..start]));
    }
    out.push(Inline::Text(Run {
        text: inner.to_owned(),
        style: r.style,
        link: r.link.clone(),
    }));
    if end < r.text.len() {
        out.push(plain(&r.text[end..]));
    }
    out
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

fn trim_end(out: &mut Vec<Inline>) {
    while let Some(Inline::Text(r)) = out.last_mut() {
        let len = r.text.trim_end().len();
        if len > 0 {
            r.text.truncate(len);
            return;
        }
        out.pop();
    }
}

/// The plain text of a cell or a caption's pieces, ignoring images.
pub fn only_inlines(pieces: Vec<Piece>) -> Vec<Inline> {
    pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Inline(i) => Some(i),
            _ => None,
        })
        .collect()
}
