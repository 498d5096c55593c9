//! The semantic tree every output reads (DESIGN §1).
//!
//! `markdown::parse` is the only producer; `preview`, `typeset` and `bundle`
//! are consumers. comrak's AST never leaves `markdown/`, so a new output
//! never re-parses Markdown and all outputs agree on what a document says.
//!
//! Text in the tree is NFC. Paragraphs are flat lists of styled runs, which is
//! what a line breaker wants; nesting (emphasis inside a link inside strong)
//! is folded into each run's `Style`.

use serde::Serialize;

/// A whole article body, as blocks in reading order plus its footnotes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnotes in the order they are first referenced; `Inline::FootnoteRef(n)`
    /// points at `footnotes[n - 1]`.
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Level 1–6. Level 1 inside a body is rare (the title lives in metadata).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u32,
        items: Vec<ListItem>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Table(Table),
    /// An image that stands as its own paragraph, with its caption
    /// (the Markdown alt text, or the title if there is no alt text).
    Figure(Figure),
    /// Preformatted text (code fences). Kept verbatim.
    Code {
        text: String,
    },
    /// A horizontal rule between sections.
    Rule,
    /// An explicit page break (`\pagebreak` on its own line, or `<!-- pagebreak -->`).
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// `Some(done)` for a task-list item (`- [x] …`).
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Default,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    /// The header row (GFM tables always have one).
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Images written inside cells, in reading order. A cell shows an image's
    /// alt text; the image is listed here so that [`Document::figures`] (and
    /// with it import and the bundle) still knows about it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// As written in the source: `asset:<sha256>`, a relative path, or a URL.
    pub src: String,
    pub caption: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text(Run),
    /// A hard line break inside a paragraph.
    LineBreak,
    /// Reference to `Document::footnotes[n - 1]`.
    FootnoteRef {
        n: usize,
    },
}

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    pub style: Style,
    /// The target when the run is (part of) a link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    /// Underlined (`<u>…</u>` in Markdown, Word's single underline).
    pub underline: bool,
    pub code: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            style: Style::default(),
            link: None,
        }
    }
}

impl Document {
    /// All text of the document, blocks separated by blank lines: what word
    /// counts and text checks read.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            block_text(b, &mut out);
        }
        for f in &self.footnotes {
            for b in &f.blocks {
                block_text(b, &mut out);
            }
        }
        out
    }

    /// Words as an editor counts them: runs of letters or digits.
    pub fn word_count(&self) -> usize {
        crate::text::word_count(&self.plain_text())
    }

    /// Every image the document shows, in reading order, each `src` once (the
    /// same photo used twice is one file): figures wherever they nest — in
    /// quotes, list items, footnotes — and images inside table cells. What
    /// import stores, the bundle packs and the printer loads.
    pub fn figures(&self) -> Vec<&Figure> {
        let mut out = Vec::new();
        for b in self
            .blocks
            .iter()
            .chain(self.footnotes.iter().flat_map(|f| &f.blocks))
        {
            block_figures(b, &mut out);
        }
        out
    }

    /// What the library keeps about a document beside its text: the plain
    /// text it searches and cuts snippets from, and the word count.
    pub fn derived(&self) -> Derived {
        let body_text = self.plain_text();
        let word_count = crate::text::word_count(&body_text);
        Derived {
            body_text,
            word_count,
        }
    }
}

/// What the library is handed about an article besides its text (DESIGN §2:
/// the store never parses Markdown). `markdown::derive` makes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// The document's plain text: what search indexes and snippets show.
    pub body_text: String,
    pub word_count: usize,
}

fn push_figure<'d>(f: &'d Figure, out: &mut Vec<&'d Figure>) {
    if !out.iter().any(|g| g.src == f.src) {
        out.push(f);
    }
}

fn block_figures<'d>(b: &'d Block, out: &mut Vec<&'d Figure>) {
    match b {
        Block::Figure(f) => push_figure(f, out),
        Block::Table(t) => t.figures.iter().for_each(|f| push_figure(f, out)),
        Block::Quote { blocks } => blocks.iter().for_each(|b| block_figures(b, out)),
        Block::List { items, .. } => items
            .iter()
            .flat_map(|i| &i.blocks)
            .for_each(|b| block_figures(b, out)),
        Block::Heading { .. }
        | Block::Paragraph { .. }
        | Block::Code { .. }
        | Block::Rule
        | Block::PageBreak => {}
    }
}

/// The plain text of a list of inlines (a heading, a caption, a cell).
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(r) => s.push_str(&r.text),
            Inline::LineBreak => s.push('\n'),
            Inline::FootnoteRef { .. } => {}
        }
    }
    s
}

fn block_text(b: &Block, out: &mut String) {
    let mut para = |t: String| {
        out.push_str(&t);
        out.push_str("\n\n");
    };
    match b {
        Block::Heading { content, .. } | Block::Paragraph { content } => para(inline_text(content)),
        Block::List { items, .. } => {
            for it in items {
                for b in &it.blocks {
                    block_text(b, out);
                }
            }
        }
        Block::Quote { blocks } => {
            for b in blocks {
                block_text(b, out);
            }
        }
        Block::Table(t) => {
            for row in std::iter::once(&t.header).chain(t.rows.iter()) {
                let cells: Vec<String> = row.iter().map(|c| inline_text(c)).collect();
                para(cells.join(" "));
            }
        }
        Block::Figure(f) => para(inline_text(&f.caption)),
        Block::Code { text } => para(text.clone()),
        Block::Rule | Block::PageBreak => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_are_found_wherever_they_nest() {
        let doc = crate::markdown::parse(
            "![đầu](a.jpg)\n\n\
             - mục\n  - mục con\n\n    ![trong danh sách](list.jpg)\n\n\
             > trích\n>\n> ![trong trích dẫn](quote.jpg)\n\n\
             | Ảnh | Ghi chú |\n|---|---|\n| ![trong bảng](cell.png) | x |\n\n\
             Có chú thích[^1].\n\n\
             [^1]: Xem ảnh:\n\n    ![trong chú thích](note.jpg)\n\n\
             ![lặp lại](a.jpg)\n",
        );
        let srcs: Vec<&str> = doc.figures().iter().map(|f| f.src.as_str()).collect();
        assert_eq!(
            srcs,
            ["a.jpg", "list.jpg", "quote.jpg", "cell.png", "note.jpg"]
        );
        let cell = doc.figures()[3];
        assert_eq!(super::inline_text(&cell.caption), "trong bảng");
    }
}
