//! Markdown → [`doc::Document`], and the front matter that precedes it.
//!
//! This is the **only** place comrak options live ([`options`]) and the only
//! module that sees comrak's AST: everything downstream (preview, typesetting,
//! the web bundle) reads the semantic tree in [`crate::doc`], so all outputs
//! agree on what an article says.
//!
//! An article file is optional YAML front matter between `---` lines, then a
//! Markdown body:
//!
//! ```text
//! ---
//! title: Hội nghị Ban Chấp hành
//! tags: [đảng bộ, hội nghị]
//! date: 2026-11-24
//! ---
//! Nội dung bài viết…
//! ```
//!
//! * [`split_front_matter`] separates and parses the front matter; it is the
//!   only fallible step and its errors carry 1-based line numbers in the
//!   original file so an editor can be pointed at the mistake.
//! * [`take_title_heading`] lifts a leading `# Title` out of the body when the
//!   front matter has no title.
//! * [`parse`] turns any body into a document. It never fails: whatever an
//!   editor types is *some* document, and the preview must keep working while
//!   they type.
//!
//! Raw HTML is never trusted: it becomes literal text, so a pasted `<script>`
//! shows up as text in every output instead of running in the preview.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options};
use serde::{Deserialize, Deserializer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::doc::{self, Align, Block, Document, Figure, Footnote, Inline, ListItem, Run, Style};

mod write;
pub use write::to_markdown;

/// Block nesting (quotes, lists, footnotes) kept as structure. Deeper content
/// is flattened into plain blocks at this level: nobody writes 64 nested
/// quotes on purpose, and every consumer of the tree recurses over it, so the
/// bound protects them all from stack overflow on hostile or broken input.
const MAX_BLOCK_DEPTH: usize = 64;

/// Inline nesting (emphasis in links in strong…) kept as styled structure;
/// deeper spans keep their text but lose their styles.
const MAX_INLINE_DEPTH: usize = 64;

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

/// Article metadata from the YAML front matter.
///
/// Scalars are kept as strings whatever YAML thinks they are (`date:
/// 2026-11-24`, `title: 2026`, `so_hieu: 15`), because the callers validate and
/// display them as text. Keys not listed here land in `extra`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "de_scalar")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub category: Option<String>,
    /// A YAML list, or one comma-separated string (`tags: a, b`).
    #[serde(default, deserialize_with = "de_tags")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "de_scalar")]
    pub status: Option<String>,
    /// Kept as written; the caller validates the date format.
    #[serde(default, deserialize_with = "de_scalar")]
    pub date: Option<String>,
    /// Document number ("số hiệu") of an official document.
    #[serde(default, deserialize_with = "de_scalar")]
    pub so_hieu: Option<String>,
    /// Recipients ("nơi nhận"): a YAML list, or one string split on `;` and
    /// line ends. Not on commas: recipient names contain commas.
    #[serde(default, deserialize_with = "de_recipients")]
    pub noi_nhan: Vec<String>,
    /// Every other key, for callers and plug-ins that know about it.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Why the front matter could not be read. Messages are English; the
/// application translates them using the variant and [`MarkdownError::line`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    /// The file opens with `---` but no closing `---` (or `...`) line follows.
    #[error("line {line}: front matter starts here but is never closed with `---`")]
    UnclosedFrontMatter { line: usize },
    /// The front matter is not valid YAML, or a field has the wrong shape.
    #[error("line {line}: invalid front matter: {message}")]
    InvalidYaml { line: usize, message: String },
    /// The front matter is valid YAML but not a `key: value` mapping.
    #[error("line {line}: front matter must be `key: value` lines")]
    NotAMapping { line: usize },
}

impl MarkdownError {
    /// The 1-based line in the original file the error points at.
    pub fn line(&self) -> Option<usize> {
        match self {
            MarkdownError::UnclosedFrontMatter { line }
            | MarkdownError::InvalidYaml { line, .. }
            | MarkdownError::NotAMapping { line } => Some(*line),
        }
    }
}

/// Splits `src` into its front matter (if any) and the Markdown body.
///
/// Front matter exists only when the very first line (after an optional UTF-8
/// BOM) is `---`; it runs to the next line that is `---` or `...`. Line ends
/// may be `\n` or `\r\n`. The body is a slice of `src` starting after the
/// closing line, or `src` itself when there is no front matter.
pub fn split_front_matter(src: &str) -> Result<(Option<FrontMatter>, &str), MarkdownError> {
    let text = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut lines = LineSpans::new(text);
    let Some((first_start, first_end)) = lines.next() else {
        return Ok((None, src));
    };
    if !is_fence(&text[first_start..first_end], false) {
        return Ok((None, src));
    }
    let yaml_start = lines.pos;
    loop {
        let line_start = lines.pos;
        let Some((s, e)) = lines.next() else {
            return Err(MarkdownError::UnclosedFrontMatter { line: 1 });
        };
        if is_fence(&text[s..e], true) {
            let yaml = &text[yaml_start..line_start];
            let fm = parse_front_matter(yaml)?;
            return Ok((Some(fm), &text[lines.pos..]));
        }
    }
}

/// Whether a line (without its terminator) is a front-matter fence. Trailing
/// spaces are forgiven because editors cannot see them.
fn is_fence(line: &str, closing: bool) -> bool {
    let l = line.trim_end_matches([' ', '\t', '\r', '\n']);
    l == "---" || (closing && l == "...")
}

/// The front matter's first line is line 2 of the file (line 1 is `---`).
const YAML_FIRST_LINE: usize = 2;

fn parse_front_matter(yaml: &str) -> Result<FrontMatter, MarkdownError> {
    // Parse to a generic value first: it tells an empty or comment-only block
    // (fine, no metadata) from a list or scalar (an editor's mistake) before
    // the struct deserializer produces a less helpful message.
    let value: serde_norway::Value = serde_norway::from_str(yaml).map_err(yaml_error)?;
    match value {
        serde_norway::Value::Null => Ok(FrontMatter::default()),
        serde_norway::Value::Mapping(_) => serde_norway::from_str(yaml).map_err(yaml_error),
        _ => Err(MarkdownError::NotAMapping {
            line: first_content_line(yaml),
        }),
    }
}

/// The file line of the first line of YAML that is not blank or a comment.
fn first_content_line(yaml: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map_or(YAML_FIRST_LINE, |i| i + YAML_FIRST_LINE)
}

fn yaml_error(e: serde_norway::Error) -> MarkdownError {
    let line = e
        .location()
        .map_or(YAML_FIRST_LINE, |l| l.line() + YAML_FIRST_LINE - 1);
    let mut message = e.to_string();
    // serde_norway appends "at line N column M" counted inside the YAML
    // snippet; that number would contradict ours, so drop it.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    MarkdownError::InvalidYaml { line, message }
}

/// Accepts any YAML scalar as a string; `~`/empty is `None`.
fn de_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

struct ScalarVisitor;

impl<'de> serde::de::Visitor<'de> for ScalarVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value (text, number or date)")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn de_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor { separators: &[','] })
}

fn de_recipients<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor {
        separators: &[';', '\n'],
    })
}

/// A YAML list of scalars, or one scalar split on `separators`. Items are
/// trimmed and empty ones dropped, so `tags: "a, , b,"` is `[a, b]`.
struct ListVisitor {
    separators: &'static [char],
}

impl ListVisitor {
    fn split(&self, s: &str) -> Vec<String> {
        s.split(self.separators)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

impl<'de> serde::de::Visitor<'de> for ListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list, or values separated by commas")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            if let Some(s) = item.0 {
                let s = s.trim();
                if !s.is_empty() {
                    out.push(s.to_owned());
                }
            }
        }
        Ok(out)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.split(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// One list element, read leniently like the scalar fields.
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor).map(Scalar)
    }
}

// ---------------------------------------------------------------------------
// comrak configuration
// ---------------------------------------------------------------------------

/// The one set of comrak options Bản Tin uses.
fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    // Front matter is split off by `split_front_matter`, which reports errors
    // with line numbers; comrak's own front-matter support stays off.
    o.extension.front_matter_delimiter = None;
    // Typographic quotes would rewrite what the editor typed (Vietnamese
    // official documents use straight quotes as typed).
    o.parse.smart = false;
    // Keep definitions where they are: comrak would otherwise drop the ones
    // never referenced, and we want to list those too (after the others).
    o.parse.leave_footnote_definitions = true;
    o
}

// ---------------------------------------------------------------------------
// Title heading
// ---------------------------------------------------------------------------

/// Finds the first top-level level-1 heading (ATX `# T` or setext `T\n===`)
/// and returns its plain text (inline markup stripped, NFC) and `body` with
/// the heading's lines removed.
///
/// Used when the front matter has no title. Headings inside quotes or lists
/// are not titles, and empty headings are skipped.
pub fn take_title_heading(body: &str) -> Option<(String, String)> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, body, &options());
    let mut conv = Converter::default();
    for node in root.children() {
        let (start, end) = {
            let data = node.data();
            match data.value {
                NodeValue::Heading(h) if h.level == 1 => {
                    (data.sourcepos.start.line, data.sourcepos.end.line)
                }
                _ => continue,
            }
        };
        let mut sink = Sink::new(false);
        conv.inlines(node, Style::default(), None, 0, &mut sink);
        let raw = doc::inline_text(&sink.out);
        let title: String = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        if title.is_empty() {
            continue;
        }
        return Some((title, cut_lines(body, start, end)));
    }
    None
}

/// `body` without lines `first..=last` (1-based, as comrak counts them).
///
/// When the heading opens the body, the blank lines after it go too, so the
/// body starts at its first paragraph. Elsewhere the heading is replaced by a
/// blank line, because an ATX heading may sit between two paragraphs with no
/// blank line and cutting it out would merge them.
fn cut_lines(body: &str, first: usize, last: usize) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at_start = true;
    let mut skipping_blank = false;
    for (i, (s, e)) in LineSpans::new(body).enumerate() {
        let n = i + 1;
        let line = &body[s..e];
        let content = line.trim_end_matches(['\r', '\n']);
        if n < first {
            if !content.trim().is_empty() {
                at_start = false;
            }
            out.push_str(line);
        } else if n <= last {
            if n == last {
                if at_start {
                    skipping_blank = true;
                } else {
                    out.push('\n');
                }
            }
        } else if skipping_blank && content.trim().is_empty() {
            continue;
        } else {
            skipping_blank = false;
            out.push_str(line);
        }
    }
    out
}

/// Iterates `(start, end)` byte spans of lines, each including its
/// terminator. Like CommonMark, `\n`, `\r\n` and a lone `\r` all end a line,
/// so line numbers agree with comrak's sourcepos.
struct LineSpans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineSpans<'a> {
    fn new(text: &'a str) -> Self {
        LineSpans { text, pos: 0 }
    }
}

impl Iterator for LineSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        if i < bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
        }
        self.pos = i;
        Some((start, i))
    }
}

// ---------------------------------------------------------------------------
// Body → Document
// ---------------------------------------------------------------------------

/// Parses a Markdown body (front matter already removed) into a document.
///
/// Never fails and never panics on any input: broken Markdown is still text.
/// The input is normalised to NFC first, so text typed with decomposed
/// Vietnamese diacritics (common from some keyboards and macOS) compares,
/// searches and hyphenates like everything else.
pub fn parse(body: &str) -> Document {
    let text: Cow<str> = match is_nfc_quick(body.chars()) {
        IsNormalized::Yes => Cow::Borrowed(body),
        _ => Cow::Owned(body.nfc().collect()),
    };
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &text, &options());
    let mut conv = Converter::default();
    let blocks = conv.blocks(root, 0);
    conv.finish_deep_definitions();
    let footnotes = conv.footnotes();
    Document { blocks, footnotes }
}

type Node<'a> = &'a AstNode<'a>;

/// Conversion state: footnote numbering is global to the document.
#[derive(Default)]
struct Converter<'a> {
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
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let mut cells: Vec<Vec<Inline>> = row
                .children()
                .take(columns)
                .map(|cell| {
                    // No figures inside a cell: an image shows its alt text.
                    let mut sink = Sink::new(false);
                    self.inlines(cell, Style::default(), None, 0, &mut sink);
                    trim_inlines(&mut sink.out);
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
        })
    }

    /// Converts the inline children of `node`.
    fn inlines(
        &mut self,
        node: Node<'a>,
        style: Style,
        link: Option<&str>,
        depth: usize,
        sink: &mut Sink,
    ) {
        for child in node.children() {
            self.inline(child, style, link, depth, sink);
        }
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
                    self.inlines(node, style, link, d, sink);
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

enum Leaf {
    Block,
    Definition,
    Container,
}

/// Collects the inlines of one paragraph, heading or cell.
struct Sink {
    out: Vec<Inline>,
    /// Images pulled out of the text, to become figures after the block.
    figures: Vec<Figure>,
    /// Whether images become figures (paragraphs, headings) or show their alt
    /// text (table cells, image captions).
    extract_images: bool,
    /// An image was just removed: the spaces on both sides of it would now
    /// meet, so leading space of the next text is dropped.
    after_image: bool,
}

impl Sink {
    fn new(extract_images: bool) -> Self {
        Sink {
            out: Vec::new(),
            figures: Vec::new(),
            extract_images,
            after_image: false,
        }
    }

    /// Appends text, merging into the previous run when style and link match.
    fn text(&mut self, mut t: &str, style: Style, link: Option<&str>) {
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
fn push_paragraph(sink: Sink, out: &mut Vec<Block>) {
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
fn trim_inlines(v: &mut Vec<Inline>) {
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

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
