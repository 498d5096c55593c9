//! The semantic tree every output reads (DESIGN §1).
//!
//! `markdown::parse` is the only producer; `preview`, `typeset` and `bundle`
//! are consumers. comrak's AST never leaves `markdown.rs`, so a new output
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

    /// Every figure in reading order, wherever it nests (inside lists and
    /// quotes, at any depth), then those of the footnotes. The one walk
    /// every output and the export driver use to find a document's images.
    pub fn figures(&self) -> Vec<&Figure> {
        fn walk<'d>(blocks: &'d [Block], out: &mut Vec<&'d Figure>) {
            for b in blocks {
                match b {
                    Block::Figure(f) => out.push(f),
                    Block::Quote { blocks } => walk(blocks, out),
                    Block::List { items, .. } => {
                        for item in items {
                            walk(&item.blocks, out);
                        }
                    }
                    // Table cells hold inline text only; the rest has no images.
                    Block::Heading { .. }
                    | Block::Paragraph { .. }
                    | Block::Table(_)
                    | Block::Code { .. }
                    | Block::Rule
                    | Block::PageBreak => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        for f in &self.footnotes {
            walk(&f.blocks, &mut out);
        }
        out
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
