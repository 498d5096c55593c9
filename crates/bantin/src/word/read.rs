//! `.docx` → [`Document`], images and metadata: how a Word draft becomes
//! an article.
//!
//! The walk is two passes. The first turns each body paragraph and table
//! into an [`Item`] that says what it *is* (title, heading, list entry,
//! caption, figure, page break …) as the styles and numbering define it;
//! the second picks the title, nests lists and attaches captions, which
//! needs neighbours.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::package::{Package, Rel};
use super::read_inline::{InlineContext, Piece, only_inlines, pieces, tidy};
use super::read_list::ListBuilder;
use super::read_styles::{Numbering, ParaRole, Styles, num_pr};
use super::xml::Element;
use super::{WordError, read_header};
use crate::doc::{Align, Block, Document, Figure, Footnote, Inline, Run, Table};
use crate::image::limits::MAX_FILE_BYTES as MAX_IMAGE_BYTES;
use crate::import::{ImportError, PreparedArticle};
use crate::model::{Content, Kind};
use crate::store::assets::{NewAsset, sha256_hex};

/// The largest `.docx` we open (a 300-page report with photos is ~50 MB).
pub const MAX_DOCX_BYTES: u64 = 200 * 1024 * 1024;

/// What a Word file holds, ready to become an article.
#[derive(Debug, Clone, Default)]
pub struct WordArticle {
    pub title: String,
    pub document: Document,
    /// Images by the `asset:<sha256>` source the document uses.
    pub images: Vec<(String, NewAsset)>,
    /// From a report's header table: kind, number ("số hiệu") and date.
    pub kind: Option<Kind>,
    pub so_hieu: Option<String>,
    pub date: Option<NaiveDate>,
    /// The author line pandoc writes under the title (ours: at the end).
    pub author: Option<String>,
    /// The lead or a report's summary (a Subtitle paragraph).
    pub summary: Option<String>,
    /// A report's "Nơi nhận" from its closing table.
    pub recipients: Vec<String>,
    /// Things kept with a placeholder (an image that could not be read).
    pub warnings: Vec<String>,
}

/// Reads a `.docx` from its bytes.
pub fn read_docx(bytes: Vec<u8>) -> Result<WordArticle, WordError> {
    let mut pkg = Package::open(bytes)?;
    let main = pkg.main_part()?;
    let root = pkg
        .xml(&main)?
        .ok_or_else(|| WordError::Corrupt(format!("thiếu phần {main}")))?;
    let body = root
        .child("body")
        .ok_or_else(|| WordError::Corrupt(format!("{main}: không có phần thân")))?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let part = |name: &str| {
        if dir.is_empty() {
            name.to_owned()
        } else {
            format!("{dir}/{name}")
        }
    };
    let rels = pkg.rels(&main)?;
    let by_kind = |kind: &str| {
        rels.values()
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.clone())
    };
    let styles_xml = pkg.xml(&by_kind("styles").unwrap_or_else(|| part("styles.xml")))?;
    let numbering_xml = pkg.xml(&by_kind("numbering").unwrap_or_else(|| part("numbering.xml")))?;
    let notes_name = by_kind("footnotes").unwrap_or_else(|| part("footnotes.xml"));
    let notes_xml = pkg.xml(&notes_name)?;
    let notes_rels = pkg.rels(&notes_name)?;
    let styles = Styles::parse(styles_xml.as_ref());
    let numbering = Numbering::parse(numbering_xml.as_ref());

    let mut note_order = Vec::new();
    let mut out = WordArticle::default();
    let items = {
        let mut cx = InlineContext {
            styles: &styles,
            rels: &rels,
            notes: &mut note_order,
        };
        let mut items = Vec::new();
        body_items(body, &mut cx, &numbering, &mut items);
        items
    };
    let mut images = Images {
        pkg: &mut pkg,
        out: &mut out,
    };
    let mut blocks = images.assemble(items, &rels, true);

    // Footnotes, in the order the text first refers to them (a note may
    // refer to another, so the list can grow while we walk it).
    let mut notes_by_id: HashMap<&str, &Element> = HashMap::new();
    if let Some(n) = &notes_xml {
        for f in n.children_named("footnote") {
            if let Some(id) = f.attr("id") {
                notes_by_id.insert(id, f);
            }
        }
    }
    let mut footnotes = Vec::new();
    let mut i = 0;
    while i < note_order.len() {
        let id = note_order[i].clone();
        let mut items = Vec::new();
        if let Some(f) = notes_by_id.get(id.as_str()) {
            let mut cx = InlineContext {
                styles: &styles,
                rels: &notes_rels,
                notes: &mut note_order,
            };
            body_items(f, &mut cx, &numbering, &mut items);
        }
        let blocks = images.assemble(items, &notes_rels, false);
        footnotes.push(Footnote {
            label: (i + 1).to_string(),
            blocks,
        });
        i += 1;
    }

    if let Some(Block::Table(t)) = blocks.first()
        && let Some(header) = read_header::recognise(t)
    {
        blocks.remove(0);
        out.kind = Some(Kind::BaoCao);
        out.so_hieu = header.so_hieu;
        out.date = header.date;
    }
    if let Some(Block::Table(t)) = blocks.last()
        && let Some(recipients) = read_header::recognise_tail(t)
    {
        blocks.pop();
        out.recipients = recipients;
    }
    if out.title.is_empty() {
        out.title = title_from_first_line(&mut blocks);
    }
    if blocks.is_empty() && footnotes.is_empty() && out.title.is_empty() {
        return Err(WordError::Empty);
    }
    out.document = Document { blocks, footnotes };
    Ok(out)
}

/// One body paragraph or table, classified.
#[derive(Debug)]
enum Item {
    Title(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    Caption(Vec<Inline>),
    Quote(Vec<Inline>),
    ListContinue(Vec<Inline>),
    Meta(&'static str, String),
    ListEntry {
        level: u8,
        ordered: bool,
        start: u32,
        content: Vec<Inline>,
    },
    Image {
        rel: String,
        alt: String,
    },
    PageBreak,
    Table(Table),
}

fn body_items(
    parent: &Element,
    cx: &mut InlineContext,
    numbering: &Numbering,
    out: &mut Vec<Item>,
) {
    for e in parent.elements() {
        match e.name.as_str() {
            "p" => paragraph_items(e, cx, numbering, out),
            "tbl" => out.push(Item::Table(table(e, cx))),
            "sdt" | "sdtContent" | "customXml" | "ins" => body_items(e, cx, numbering, out),
            _ => {}
        }
    }
}

fn paragraph_items(
    p: &Element,
    cx: &mut InlineContext,
    numbering: &Numbering,
    out: &mut Vec<Item>,
) {
    let ppr = p.child("pPr");
    let style = ppr.and_then(|p| p.val("pStyle"));
    let role: ParaRole = cx.styles.paragraph(style);
    let outline = ppr
        .and_then(|p| p.val("outlineLvl"))
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|l| *l < 9)
        .map(|l| (l + 1).min(6));
    let num = ppr
        .and_then(|p| p.child("numPr"))
        .map(num_pr)
        .unwrap_or(role.num.clone());
    if ppr.and_then(|p| p.flag("pageBreakBefore")) == Some(true) {
        out.push(Item::PageBreak);
    }
    let mut content = Vec::new();
    let flush = |content: &mut Vec<Inline>, out: &mut Vec<Item>| {
        let inlines = tidy(std::mem::take(content));
        if inlines.is_empty() {
            return;
        }
        out.push(if let Some(key) = role.meta {
            Item::Meta(key, crate::doc::inline_text(&inlines).trim().to_owned())
        } else if role.title {
            Item::Title(inlines)
        } else if let Some(level) = role.heading.or(outline) {
            Item::Heading(level, inlines)
        } else if role.caption {
            Item::Caption(inlines)
        } else if role.quote {
            Item::Quote(inlines)
        } else if role.list_continue {
            Item::ListContinue(inlines)
        } else if let Some((id, level)) = &num {
            let l = numbering.level(id, *level);
            Item::ListEntry {
                level: *level,
                ordered: l.ordered,
                start: l.start,
                content: inlines,
            }
        } else {
            Item::Paragraph(inlines)
        });
    };
    for piece in pieces(p, style, cx) {
        match piece {
            Piece::Inline(i) => content.push(i),
            Piece::PageBreak => {
                flush(&mut content, out);
                out.push(Item::PageBreak);
            }
            Piece::Image { rel, alt } => {
                flush(&mut content, out);
                out.push(Item::Image { rel, alt });
            }
        }
    }
    flush(&mut content, out);
}

/// A Word table as a pipe table: the first row is the header, merged cells
/// are flattened (the merged-away places left empty), a cell's paragraphs
/// joined by spaces.
fn table(t: &Element, cx: &mut InlineContext) -> Table {
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    let mut align = Vec::new();
    for tr in t.children_named("tr") {
        let mut row = Vec::new();
        for tc in tr.children_named("tc") {
            let tcpr = tc.child("tcPr");
            let span = tcpr
                .and_then(|p| p.val("gridSpan"))
                .and_then(|v| v.parse::<usize>().ok());
            let continued = tcpr
                .and_then(|p| p.child("vMerge"))
                .is_some_and(|v| v.attr("val") != Some("restart"));
            let mut cell = Vec::new();
            if rows.is_empty() {
                let jc = tc
                    .child("p")
                    .and_then(|p| p.child("pPr"))
                    .and_then(|p| p.val("jc"));
                align.push(match jc {
                    Some("center") => Align::Center,
                    Some("right" | "end") => Align::Right,
                    Some("left" | "start") => Align::Left,
                    _ => Align::Default,
                });
                for _ in 1..span.unwrap_or(1).clamp(1, 64) {
                    align.push(Align::Default);
                }
            }
            if !continued {
                for p in tc.elements().filter(|e| e.name == "p" || e.name == "tbl") {
                    if !cell.is_empty() {
                        cell.push(Inline::Text(Run::plain(" ")));
                    }
                    if p.name == "p" {
                        let style = p.child("pPr").and_then(|pp| pp.val("pStyle"));
                        cell.extend(only_inlines(pieces(p, style, cx)));
                    } else {
                        cell.push(Inline::Text(Run::plain(p.text())));
                    }
                }
            }
            let cell: Vec<Inline> = tidy(cell)
                .into_iter()
                .map(|i| {
                    if i == Inline::LineBreak {
                        Inline::Text(Run::plain(" "))
                    } else {
                        i
                    }
                })
                .collect();
            row.push(tidy(cell));
            for _ in 1..span.unwrap_or(1).clamp(1, 64) {
                row.push(Vec::new());
            }
        }
        rows.push(row);
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for r in &mut rows {
        r.resize(columns, Vec::new());
    }
    let header = if rows.is_empty() {
        vec![Vec::new(); columns]
    } else {
        rows.remove(0)
    };
    align.resize(columns, Align::Default);
    Table {
        align,
        header,
        rows,
        figures: Vec::new(),
    }
}

/// Second pass: images fetched, captions attached, lists nested, the title
/// picked (`pick_title`: only for the main body).
struct Images<'p> {
    pkg: &'p mut Package,
    out: &'p mut WordArticle,
}

impl Images<'_> {
    fn assemble(
        &mut self,
        items: Vec<Item>,
        rels: &HashMap<String, Rel>,
        pick_title: bool,
    ) -> Vec<Block> {
        let has_title_style = items.iter().any(|i| matches!(i, Item::Title(_)));
        let mut blocks = Vec::new();
        let mut lists = ListBuilder::default();
        for item in items {
            if !matches!(item, Item::ListEntry { .. } | Item::ListContinue(_)) {
                lists.finish(&mut blocks);
            }
            match item {
                Item::Title(c) if pick_title && self.out.title.is_empty() => {
                    self.out.title = crate::doc::inline_text(&c).trim().to_owned();
                }
                Item::Heading(1, c)
                    if pick_title && !has_title_style && self.out.title.is_empty() =>
                {
                    self.out.title = crate::doc::inline_text(&c).trim().to_owned();
                }
                Item::Title(c) => blocks.push(Block::Heading {
                    level: 1,
                    content: c,
                }),
                Item::Heading(level, content) => blocks.push(Block::Heading { level, content }),
                Item::Paragraph(content) => blocks.push(Block::Paragraph { content }),
                Item::Caption(c) => match blocks.last_mut() {
                    Some(Block::Figure(f)) if f.caption.is_empty() || f.caption == c => {
                        f.caption = c
                    }
                    _ => blocks.push(Block::Paragraph { content: c }),
                },
                Item::Quote(content) => match blocks.last_mut() {
                    Some(Block::Quote { blocks: q }) => q.push(Block::Paragraph { content }),
                    _ => blocks.push(Block::Quote {
                        blocks: vec![Block::Paragraph { content }],
                    }),
                },
                Item::Meta("author", v) if pick_title => self.out.author = Some(v),
                Item::Meta("summary", v) if pick_title => self.out.summary = Some(v),
                Item::Meta(_, v) if pick_title && read_header::date(&v).is_some() => {
                    self.out.date = read_header::date(&v);
                }
                Item::Meta(_, v) => blocks.push(Block::Paragraph {
                    content: vec![Inline::Text(Run::plain(v))],
                }),
                Item::ListContinue(content) => lists.continue_item(content, &mut blocks),
                Item::PageBreak => blocks.push(Block::PageBreak),
                Item::Table(t) => blocks.push(Block::Table(t)),
                Item::Image { rel, alt } => blocks.push(self.image(&rel, alt, rels)),
                Item::ListEntry {
                    level,
                    ordered,
                    start,
                    content,
                } => {
                    lists.push(level, ordered, start, content, &mut blocks);
                }
            }
        }
        lists.finish(&mut blocks);
        blocks
    }

    fn image(&mut self, rel: &str, alt: String, rels: &HashMap<String, Rel>) -> Block {
        let caption = |t: &str| {
            if t.is_empty() {
                Vec::new()
            } else {
                vec![Inline::Text(Run::plain(t))]
            }
        };
        let found = rels
            .get(rel)
            .filter(|r| !r.external)
            .map(|r| r.target.clone());
        let bytes = match &found {
            Some(target) => self.pkg.read(target, MAX_IMAGE_BYTES),
            None => Ok(None),
        };
        let name = found.clone().unwrap_or_else(|| rel.to_owned());
        let mime = match &bytes {
            Ok(Some(b)) => image_mime(b),
            _ => None,
        };
        match (bytes, mime) {
            (Ok(Some(bytes)), Some(mime)) => {
                let src = format!("asset:{}", sha256_hex(&bytes));
                if !self.out.images.iter().any(|(s, _)| *s == src) {
                    let original_name = name.rsplit('/').next().unwrap_or(&name).to_owned();
                    self.out.images.push((
                        src.clone(),
                        NewAsset {
                            bytes,
                            mime: mime.into(),
                            original_name,
                        },
                    ));
                }
                Block::Figure(Figure {
                    src,
                    caption: caption(&alt),
                })
            }
            (Err(e @ WordError::TooLarge { .. }), _) => {
                self.out.warnings.push(e.to_string());
                placeholder(&name)
            }
            _ => {
                self.out.warnings.push(format!(
                    "Ảnh \"{name}\" trong tệp Word bị thiếu hoặc không phải ảnh JPEG/PNG; đã để một dòng đánh dấu chỗ ảnh."
                ));
                placeholder(&name)
            }
        }
    }
}

fn placeholder(name: &str) -> Block {
    let name = name.rsplit('/').next().unwrap_or(name);
    Block::Paragraph {
        content: vec![Inline::Text(Run::plain(format!(
            "[Ảnh không đọc được: {name}]"
        )))],
    }
}

/// JPEG and PNG are what every output of Bản Tin can show.
fn image_mime(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// No Title style and no Heading 1: the first line of the first paragraph
/// is the title (and the paragraph goes, if that line was all of it).
fn title_from_first_line(blocks: &mut Vec<Block>) -> String {
    let Some(i) = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph { .. } | Block::Heading { .. }))
    else {
        return String::new();
    };
    let (Block::Paragraph { content } | Block::Heading { content, .. }) = &blocks[i] else {
        return String::new();
    };
    let text = crate::doc::inline_text(content);
    let first = text.lines().next().unwrap_or("").trim().to_owned();
    if first == text.trim() && first.chars().count() <= 200 {
        blocks.remove(i);
    }
    first.chars().take(200).collect()
}

/// Whether a file is to be read as Word (by its name: `.docx`, and `.doc`
/// so that an old binary file gets its own message).
pub fn is_word_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["docx", "doc", "docm", "dotx"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Reads and checks one `.docx` for import, as `import::prepare_file` does
/// for Markdown: touches nothing but the file.
pub fn prepare_bytes(path: &Path, bytes: Vec<u8>) -> Result<PreparedArticle, ImportError> {
    if bytes.len() as u64 > MAX_DOCX_BYTES {
        return Err(ImportError::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
        });
    }
    let word = read_docx(bytes).map_err(|e| match e {
        WordError::Empty => ImportError::Empty(path.into()),
        source => ImportError::Word {
            path: path.into(),
            source,
        },
    })?;
    let title = if word.title.is_empty() {
        path.file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_default()
    } else {
        word.title.clone()
    };
    let mut extra = std::collections::BTreeMap::new();
    if let Some(s) = &word.so_hieu {
        extra.insert("so_hieu".to_owned(), s.clone().into());
    }
    if !word.recipients.is_empty() {
        extra.insert("noi_nhan".to_owned(), word.recipients.clone().into());
    }
    let content = Content {
        title,
        summary: word.summary.clone().unwrap_or_default(),
        author: word.author.clone().unwrap_or_default(),
        category: String::new(),
        tags: Vec::new(),
        kind: word.kind.unwrap_or_default(),
        status: Default::default(),
        date: word.date,
        body: crate::markdown::to_markdown(&word.document),
        extra,
    };
    Ok(PreparedArticle {
        source: path.into(),
        content,
        images: word.images,
        warnings: word.warnings,
        legacy_unsure: None,
    })
}
