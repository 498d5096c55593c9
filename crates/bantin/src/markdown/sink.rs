//! The inlines of one paragraph, heading or cell as they are collected from
//! comrak's AST (`convert.rs` walks the tree, this gathers and tidies).

use crate::doc::{Block, Figure, Inline, Run, Style};

pub(super) fn text_inline(text: &str, style: Style, link: Option<String>) -> Inline {
    Inline::Text(Run {
        text: text.to_owned(),
        style,
        link,
    })
}

/// Collects the inlines of one paragraph, heading or cell.
pub(super) struct Sink {
    pub(super) out: Vec<Inline>,
    /// Images pulled out of the text, to become figures after the block.
    pub(super) figures: Vec<Figure>,
    /// Whether images become figures (paragraphs, headings) or show their alt
    /// text (table cells, image captions).
    pub(super) extract_images: bool,
    /// An image was just removed: the spaces on both sides of it would now
    /// meet, so leading space of the next text is dropped.
    pub(super) after_image: bool,
}

impl Sink {
    pub(super) fn new(extract_images: bool) -> Self {
        Sink {
            out: Vec::new(),
            figures: Vec::new(),
            extract_images,
            after_image: false,
        }
    }

    /// Appends text, merging into the previous run when style and link match.
    pub(super) fn text(&mut self, mut t: &str, style: Style, link: Option<&str>) {
        if self.after_image {
            let space_before = match self.out.last() {
                Some(Inline::Text(r)) => r.text.ends_with(char::is_whitespace),
                _ => true,
            };
            if space_before {
                t = t.trim_start();
            }
            if t.is_empty() {
                return;
            }
            self.after_image = false;
        }
        if t.is_empty() {
            return;
        }
        if let Some(Inline::Text(r)) = self.out.last_mut()
            && r.style == style
            && r.link.as_deref() == link
        {
            r.text.push_str(t);
            return;
        }
        self.out.push(Inline::Text(Run {
            text: t.to_owned(),
            style,
            link: link.map(str::to_owned),
        }));
    }
}

/// Emits a paragraph (unless images were all it had) and its figures.
pub(super) fn push_paragraph(sink: Sink, out: &mut Vec<Block>) {
    let Sink {
        out: mut content,
        figures,
        ..
    } = sink;
    trim_inlines(&mut content);
    if !content.is_empty() {
        out.push(Block::Paragraph { content });
    }
    out.extend(figures.into_iter().map(Block::Figure));
}

/// Drops whitespace (and line breaks) at both ends of a run list.
pub(super) fn trim_inlines(v: &mut Vec<Inline>) {
    while let Some(first) = v.first_mut() {
        match first {
            Inline::Text(r) => {
                let t = r.text.trim_start();
                if t.is_empty() {
                    v.remove(0);
                } else {
                    r.text = t.to_owned();
                    break;
                }
            }
            Inline::LineBreak => {
                v.remove(0);
            }
            Inline::FootnoteRef { .. } => break,
        }
    }
    while let Some(last) = v.last_mut() {
        match last {
            Inline::Text(r) => {
                let len = r.text.trim_end().len();
                if len == 0 {
                    v.pop();
                } else {
                    r.text.truncate(len);
                    break;
                }
            }
            Inline::LineBreak => {
                v.pop();
            }
            Inline::FootnoteRef { .. } => break,
        }
    }
}
