//! comrak's AST → [`Document`]. Nothing outside `markdown/` sees comrak.

use std::collections::HashMap;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use crate::doc::{self, Align, Block, Document, Figure, Footnote, Inline, ListItem, Run, Style};

/// Block nesting (quotes, lists, footnotes) kept as structure. Deeper content
/// is flattened into plain blocks at this level: nobody writes 64 nested
/// quotes on purpose, and every consumer of the tree recurses over it, so the
/// bound protects them all from stack overflow on hostile or broken input.
pub(super) const MAX_BLOCK_DEPTH: usize = 64;

/// Inline nesting (emphasis in links in strong…) kept as styled structure;
/// deeper spans keep their text but lose their styles.
const MAX_INLINE_DEPTH: usize = 64;

pub(super) use super::sink::Sink;
use super::sink::{push_paragraph, text_inline, trim_inlines};

type Node<'a> = &'a AstNode<'a>;

/// Converts a parsed comrak document.
pub(super) fn document<'a>(root: Node<'a>) -> Document {
    let mut conv = Converter::default();
    let blocks = conv.blocks(root, 0);
    conv.finish_deep_definitions();
    let footnotes = conv.footnotes();
    Document { blocks, footnotes }
}

/// Conversion state: footnote numbering is global to the document.
#[derive(Default)]
pub(super) struct Converter<'a> {
    /// Normalised footnote label → its number, assigned on first reference.
    fn_numbers: HashMap<String, usize>,
    /// Definitions in the order they appear: (key, label, blocks).
    fn_defs: Vec<(String, String, Vec<Block>)>,
    /// Definitions met while flattening over-deep content; converted after the
    /// main pass so that flattening stays a loop, not a recursion.
    deep_defs: Vec<Node<'a>>,
}

/// Footnote labels match case-insensitively and with whitespace collapsed,
/// as in CommonMark link labels.
fn footnote_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> Converter<'a> {
    fn blocks(&mut self, parent: Node<'a>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        for child in parent.children() {
            self.block(child, depth, &mut out);
        }
        out
    }

    fn block(&mut self, node: Node<'a>, depth: usize, out: &mut Vec<Block>) {
        if depth > MAX_BLOCK_DEPTH {
            self.flatten(node, out);
            return;
        }
        // Clone the small node value out so no RefCell borrow is held while
        // converting children.
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => self.paragraph(node, out),
            NodeValue::Heading(h) => {
                let mut sink = Sink::new(true);
                self.inlines(node, Style::default(), None, 0, &mut sink);
                let Sink {
                    out: mut content,
                    figures,
                    ..
                } = sink;
                trim_inlines(&mut content);
                out.push(Block::Heading {
                    level: h.level.clamp(1, 6),
                    content,
                });
                out.extend(figures.into_iter().map(Block::Figure));
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                out.push(Block::Quote {
                    blocks: self.blocks(node, depth + 1),
                });
            }
            NodeValue::List(l) => {
                let mut items = Vec::new();
                for item in node.children() {
                    let task = match &item.data().value {
                        NodeValue::TaskItem(t) => Some(t.symbol.is_some()),
                        _ => None,
                    };
                    items.push(ListItem {
                        task,
                        blocks: self.blocks(item, depth + 1),
                    });
                }
                let ordered = l.list_type == ListType::Ordered;
                let start = if ordered {
                    u32::try_from(l.start).unwrap_or(u32::MAX)
                } else {
                    1
                };
                out.push(Block::List {
                    ordered,
                    start,
                    items,
                });
            }
            NodeValue::CodeBlock(c) => {
                // The final newline terminates the last line; it is not content.
                let text = c
                    .literal
                    .strip_suffix('\n')
                    .unwrap_or(&c.literal)
                    .to_owned();
                out.push(Block::Code { text });
            }
            NodeValue::HtmlBlock(h) => html_block(&h.literal, out),
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::Table(t) => out.push(self.table(node, &t.alignments)),
            NodeValue::FootnoteDefinition(d) => {
                let blocks = self.blocks(node, depth + 1);
                self.define_footnote(&d.name, blocks);
            }
            NodeValue::FrontMatter(_) => {}
            _ if value.block() => out.extend(self.blocks(node, depth + 1)),
            // An inline where a block belongs (not produced by our options):
            // keep its text rather than lose it.
            _ => {
                let mut sink = Sink::new(true);
                self.inline(node, Style::default(), None, 0, &mut sink);
                push_paragraph(sink, out);
            }
        }
    }

    /// Converts over-deep content to a flat run of blocks, without recursion:
    /// containers vanish and their leaf blocks (paragraphs, headings, code,
    /// tables…) are kept in reading order.
    fn flatten(&mut self, node: Node<'a>, out: &mut Vec<Block>) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            let kind = {
                let v = &n.data().value;
                match v {
                    NodeValue::Paragraph
                    | NodeValue::Heading(_)
                    | NodeValue::CodeBlock(_)
                    | NodeValue::HtmlBlock(_)
                    | NodeValue::ThematicBreak
                    | NodeValue::Table(_) => Leaf::Block,
                    NodeValue::FootnoteDefinition(_) => Leaf::Definition,
                    _ if v.block() => Leaf::Container,
                    _ => Leaf::Block,
                }
            };
            match kind {
                // Depth 0: leaves hold no nested blocks, so this cannot recurse.
                Leaf::Block => self.block(n, 0, out),
                Leaf::Definition => self.deep_defs.push(n),
                Leaf::Container => stack.extend(n.reverse_children()),
            }
        }
    }

    /// Registers footnote definitions found while flattening.
    fn finish_deep_definitions(&mut self) {
        while let Some(def) = self.deep_defs.pop() {
            let name = match &def.data().value {
                NodeValue::FootnoteDefinition(d) => d.name.clone(),
                _ => continue,
            };
            let mut blocks = Vec::new();
            for child in def.children() {
                self.flatten(child, &mut blocks);
            }
            self.define_footnote(&name, blocks);
        }
    }

    fn define_footnote(&mut self, label: &str, blocks: Vec<Block>) {
        let key = footnote_key(label);
        // The first definition of a label wins; later duplicates are ignored.
        if self.fn_defs.iter().any(|(k, _, _)| *k == key) {
            return;
        }
        self.fn_defs.push((key, label.to_owned(), blocks));
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.fn_numbers.len() + 1;
        *self.fn_numbers.entry(footnote_key(label)).or_insert(next)
    }

    /// Referenced footnotes by number, then the unreferenced ones in
    /// definition order.
    fn footnotes(&mut self) -> Vec<Footnote> {
        let mut by_number: Vec<Option<Footnote>> = vec![None; self.fn_numbers.len()];
        let mut unreferenced = Vec::new();
        for (key, label, blocks) in std::mem::take(&mut self.fn_defs) {
            let f = Footnote { label, blocks };
            match self.fn_numbers.get(&key) {
                Some(&n) => by_number[n - 1] = Some(f),
                None => unreferenced.push(f),
            }
        }
        // comrak only emits a reference when a definition with that label
        // exists, so every number has a definition; the fallback keeps
        // `footnotes[n - 1]` valid even if that ever changes.
        by_number
            .into_iter()
            .map(|f| {
                f.unwrap_or_else(|| Footnote {
                    label: String::new(),
                    blocks: Vec::new(),
                })
            })
            .chain(unreferenced)
            .collect()
    }

    fn paragraph(&mut self, node: Node<'a>, out: &mut Vec<Block>) {
        if node.collect_text().trim() == "\\pagebreak" {
            out.push(Block::PageBreak);
            return;
        }
        let mut sink = Sink::new(true);
        self.inlines(node, Style::default(), None, 0, &mut sink);
        push_paragraph(sink, out);
    }

    fn table(&mut self, node: Node<'a>, alignments: &[TableAlignment]) -> Block {
        let align: Vec<Align> = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::None => Align::Default,
                TableAlignment::Left => Align::Left,
                TableAlignment::Center => Align::Center,
                TableAlignment::Right => Align::Right,
            })
            .collect();
        let columns = align.len();
        let mut header = None;
        let mut rows = Vec::new();
        let mut figures = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let mut cells: Vec<Vec<Inline>> = row
                .children()
                .take(columns)
                .map(|cell| {
                    // No figures inside a cell: an image shows its alt text
                    // and is listed in the table's `figures`.
                    let mut sink = Sink::new(false);
                    self.inlines(cell, Style::default(), None, 0, &mut sink);
                    trim_inlines(&mut sink.out);
                    figures.append(&mut sink.figures);
                    sink.out
                })
                .collect();
            cells.resize(columns, Vec::new());
            if is_header && header.is_none() {
                header = Some(cells);
            } else {
                rows.push(cells);
            }
        }
        let header = header.unwrap_or_else(|| vec![Vec::new(); columns]);
        Block::Table(doc::Table {
            align,
            header,
            rows,
            figures,
        })
    }

    /// Converts the inline children of `node`.
    pub(super) fn inlines(
        &mut self,
        node: Node<'a>,
        style: Style,
        link: Option<&str>,
        depth: usize,
        sink: &mut Sink,
    ) {
        let children: Vec<Node<'a>> = node.children().collect();
        self.siblings(&children, style, link, depth, sink);
    }

    /// Converts a row of sibling inlines. Underline is the one piece of HTML
    /// Bản Tin reads: an exact `<u>` and the `</u>` that closes it among the
    /// same siblings underline what lies between; any other tag, or a `<u>`
    /// without its partner, stays literal text as before.
    fn siblings(
        &mut self,
        nodes: &[Node<'a>],
        style: Style,
        link: Option<&str>,
        depth: usize,
        sink: &mut Sink,
    ) {
        let partner = underline_pairs(nodes);
        let mut i = 0;
        while i < nodes.len() {
            if depth <= MAX_INLINE_DEPTH
                && let Some(end) = partner[i]
            {
                self.underlined(&nodes[i + 1..end], style, link, depth + 1, sink);
                i = end + 1;
                continue;
            }
            self.inline(nodes[i], style, link, depth, sink);
            i += 1;
        }
    }

    /// The inside of a `<u>…</u>` pair. Whitespace at its edges stays as the
    /// surrounding text is (a Markdown writer puts it outside the tags, as it
    /// does for `**`), so that writing and reading back agree.
    fn underlined(
        &mut self,
        nodes: &[Node<'a>],
        style: Style,
        link: Option<&str>,
        depth: usize,
        sink: &mut Sink,
    ) {
        if style.underline {
            self.siblings(nodes, style, link, depth, sink);
            return;
        }
        let mut inner = Sink::new(sink.extract_images);
        inner.after_image = std::mem::take(&mut sink.after_image);
        let under = Style {
            underline: true,
            ..style
        };
        self.siblings(nodes, under, link, depth, &mut inner);
        sink.figures.append(&mut inner.figures);
        let mut items = inner.out;
        let first_text = items.iter().position(|i| matches!(i, Inline::Text(_)));
        let last_text = items.iter().rposition(|i| matches!(i, Inline::Text(_)));
        // Split edge whitespace off (working from the end keeps indices valid).
        if let Some(k) = last_text
            && let Inline::Text(r) = &mut items[k]
            && r.style == under
        {
            let keep = r.text.trim_end().len();
            let tail = text_inline(&r.text[keep..], style, r.link.clone());
            r.text.truncate(keep);
            items.insert(k + 1, tail);
        }
        if let Some(k) = first_text
            && let Inline::Text(r) = &mut items[k]
            && r.style == under
        {
            let lead = r.text.len() - r.text.trim_start().len();
            let head = text_inline(&r.text[..lead], style, r.link.clone());
            r.text.drain(..lead);
            items.insert(k, head);
        }
        for item in items {
            match item {
                Inline::Text(r) => sink.text(&r.text, r.style, r.link.as_deref()),
                other => sink.out.push(other),
            }
        }
        sink.after_image = inner.after_image;
    }

    fn inline(
        &mut self,
        node: Node<'a>,
        style: Style,
        link: Option<&str>,
        depth: usize,
        sink: &mut Sink,
    ) {
        if depth > MAX_INLINE_DEPTH {
            // comrak's collect_text walks with its own stack, not recursion.
            sink.text(&node.collect_text(), style, link);
            return;
        }
        let value = node.data().value.clone();
        let d = depth + 1;
        match value {
            NodeValue::Text(t) => sink.text(&t, style, link),
            NodeValue::SoftBreak => sink.text(" ", style, link),
            NodeValue::LineBreak => sink.out.push(Inline::LineBreak),
            NodeValue::Code(c) => sink.text(
                &c.literal,
                Style {
                    code: true,
                    ..style
                },
                link,
            ),
            NodeValue::HtmlInline(html) => {
                // Comments are the editor's notes to themselves; any other
                // tag is shown as the literal text that was typed.
                if !html.starts_with("<!--") {
                    sink.text(&html, style, link);
                }
            }
            NodeValue::Raw(raw) => sink.text(&raw, style, link),
            NodeValue::Emph => self.inlines(
                node,
                Style {
                    italic: true,
                    ..style
                },
                link,
                d,
                sink,
            ),
            NodeValue::Strong => self.inlines(
                node,
                Style {
                    bold: true,
                    ..style
                },
                link,
                d,
                sink,
            ),
            NodeValue::Strikethrough => self.inlines(
                node,
                Style {
                    strike: true,
                    ..style
                },
                link,
                d,
                sink,
            ),
            NodeValue::Link(l) => self.inlines(node, style, Some(&l.url), d, sink),
            NodeValue::Image(l) => {
                if sink.extract_images {
                    let mut alt = Sink::new(false);
                    self.inlines(node, Style::default(), None, d, &mut alt);
                    let mut caption = alt.out;
                    trim_inlines(&mut caption);
                    if doc::inline_text(&caption).trim().is_empty() {
                        let title = l.title.trim();
                        caption = if title.is_empty() {
                            Vec::new()
                        } else {
                            vec![Inline::Text(Run::plain(title))]
                        };
                    }
                    sink.figures.push(Figure {
                        src: l.url.clone(),
                        caption,
                    });
                    sink.after_image = true;
                } else {
                    // Shown as its alt text where it stands (a table cell, a
                    // caption), but still one of the document's images.
                    self.inlines(node, style, link, d, sink);
                    let alt = node.collect_text();
                    let text = match alt.trim() {
                        "" => l.title.trim(),
                        t => t,
                    };
                    sink.figures.push(Figure {
                        src: l.url.clone(),
                        caption: if text.is_empty() {
                            Vec::new()
                        } else {
                            vec![Inline::Text(Run::plain(text))]
                        },
                    });
                }
            }
            NodeValue::FootnoteReference(r) => {
                let n = self.footnote_number(&r.name);
                sink.out.push(Inline::FootnoteRef { n });
            }
            _ => {
                if let Some(t) = value.text() {
                    sink.text(t, style, link);
                }
                self.inlines(node, style, link, d, sink);
            }
        }
    }
}

/// `Some(true)` for an exact `<u>`, `Some(false)` for an exact `</u>`.
fn underline_tag(node: Node<'_>) -> Option<bool> {
    match &node.data().value {
        NodeValue::HtmlInline(h) if h == "<u>" => Some(true),
        NodeValue::HtmlInline(h) if h == "</u>" => Some(false),
        _ => None,
    }
}

/// For each `<u>` among `nodes`, the index of the `</u>` that closes it
/// (pairs nest like brackets; one pass, so hostile input stays linear).
fn underline_pairs(nodes: &[Node<'_>]) -> Vec<Option<usize>> {
    let mut partner = vec![None; nodes.len()];
    let mut open = Vec::new();
    for (k, n) in nodes.iter().enumerate() {
        match underline_tag(n) {
            Some(true) => open.push(k),
            Some(false) => {
                if let Some(o) = open.pop() {
                    partner[o] = Some(k);
                }
            }
            None => {}
        }
    }
    partner
}

enum Leaf {
    Block,
    Definition,
    Container,
}

/// Raw HTML becomes literal text; HTML comments are dropped, except
/// `<!-- pagebreak -->` which is a page break.
fn html_block(literal: &str, out: &mut Vec<Block>) {
    let mut rest = literal;
    let mut text = String::new();
    loop {
        match rest.find("<!--") {
            Some(i) => {
                text.push_str(&rest[..i]);
                let after = &rest[i + 4..];
                let (comment, next) = match after.find("-->") {
                    Some(j) => (&after[..j], &after[j + 3..]),
                    None => (after, ""),
                };
                if comment.trim().eq_ignore_ascii_case("pagebreak") {
                    literal_paragraph(&std::mem::take(&mut text), out);
                    out.push(Block::PageBreak);
                }
                rest = next;
            }
            None => {
                text.push_str(rest);
                break;
            }
        }
    }
    literal_paragraph(&text, out);
}

/// A paragraph showing `text` verbatim, one line per source line.
fn literal_paragraph(text: &str, out: &mut Vec<Block>) {
    let mut content = Vec::new();
    for line in text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
    {
        if !content.is_empty() {
            content.push(Inline::LineBreak);
        }
        content.push(Inline::Text(Run::plain(line)));
    }
    if !content.is_empty() {
        out.push(Block::Paragraph { content });
    }
}
