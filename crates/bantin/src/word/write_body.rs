//! Blocks and runs → WordprocessingML, with the lists, links, images and
//! footnotes they need recorded for the other parts.

use crate::doc::{Align, Block, Document, Figure, Inline, Style, Table};
use crate::typeset::ImageSource;
use crate::typeset::templates::Template;

pub fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A paragraph with properties `ppr` (inner XML of `w:pPr`) and content.
pub fn para(ppr: &str, content: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{content}</w:p>")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>")
    }
}

/// A run of text with run properties `rpr` (inner XML of `w:rPr`).
pub fn run(rpr: &str, text: &str) -> String {
    let props = if rpr.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{rpr}</w:rPr>")
    };
    if text.is_empty() {
        return format!("<w:r>{props}</w:r>");
    }
    format!(
        r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

pub fn style(name: &str) -> String {
    format!(r#"<w:pStyle w:val="{name}"/>"#)
}

/// EMUs (English Metric Units) per millimetre.
const EMU_MM: f32 = 36_000.0;

pub struct Body<'a> {
    doc: &'a Document,
    tpl: &'a Template,
    images: &'a dyn ImageSource,
    links: Vec<(String, String)>,
    media: Vec<(String, String, Vec<u8>)>,
    /// One numbering instance per list: (ordered, start, level).
    lists: Vec<(bool, u32, usize)>,
}

impl<'a> Body<'a> {
    pub fn new(doc: &'a Document, tpl: &'a Template, images: &'a dyn ImageSource) -> Self {
        Body {
            doc,
            tpl,
            images,
            links: Vec::new(),
            media: Vec::new(),
            lists: Vec::new(),
        }
    }

    pub fn links(&self) -> &[(String, String)] {
        &self.links
    }

    pub fn media(&self) -> &[(String, String, Vec<u8>)] {
        &self.media
    }

    pub fn blocks(&mut self, blocks: &[Block], level: usize) -> String {
        blocks.iter().map(|b| self.block(b, "", level)).collect()
    }

    /// `pstyle`: the paragraph style for plain paragraphs here (a quote's,
    /// a footnote's), empty for Normal.
    fn block(&mut self, b: &Block, pstyle: &str, level: usize) -> String {
        let st = |name: &str| {
            if name.is_empty() {
                String::new()
            } else {
                style(name)
            }
        };
        match b {
            Block::Heading { level, content } => para(
                &style(&format!("Heading{}", (*level).clamp(1, 6))),
                &self.inlines(content),
            ),
            Block::Paragraph { content } => para(&st(pstyle), &self.inlines(content)),
            Block::List {
                ordered,
                start,
                items,
            } => {
                self.lists.push((*ordered, *start, level.min(8)));
                let num = self.lists.len();
                let list_style = if *ordered { "ListNumber" } else { "ListBullet" };
                let mut out = String::new();
                for item in items {
                    let mut first = true;
                    for b in &item.blocks {
                        match b {
                            Block::Paragraph { content } if first => {
                                let ppr = format!(
                                    r#"{}<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{num}"/></w:numPr>"#,
                                    style(list_style),
                                    level.min(8)
                                );
                                out.push_str(&para(&ppr, &self.inlines(content)));
                            }
                            Block::List { .. } => out.push_str(&self.block(b, pstyle, level + 1)),
                            // A second paragraph of the item: indented with it,
                            // no marker.
                            Block::Paragraph { content } => {
                                let indent = super::write::twips(
                                    self.tpl.list_indent_mm * (level as f32 + 1.0),
                                );
                                let ppr = format!(
                                    r#"{}<w:ind w:left="{indent}" w:firstLine="0"/>"#,
                                    style("ListContinue")
                                );
                                out.push_str(&para(&ppr, &self.inlines(content)));
                            }
                            other => out.push_str(&self.block(other, pstyle, level)),
                        }
                        first = false;
                    }
                }
                out
            }
            Block::Quote { blocks } => blocks
                .iter()
                .map(|b| self.block(b, "Quote", level))
                .collect(),
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Code { text } => {
                let mut content = String::new();
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        content.push_str("<w:r><w:br/></w:r>");
                    }
                    content.push_str(&run("", line));
                }
                para(&style("SourceCode"), &content)
            }
            Block::Rule => para(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>"#,
                "",
            ),
            Block::PageBreak => para("", r#"<w:r><w:br w:type="page"/></w:r>"#),
        }
    }

    pub fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for i in inlines {
            match i {
                Inline::Text(r) => {
                    let props = run_props(&r.style, r.link.is_some());
                    match &r.link {
                        Some(url) => {
                            let id = self.link_id(url);
                            out.push_str(&format!(r#"<w:hyperlink r:id="{id}">{}</w:hyperlink>"#, run(&props, &r.text)));
                        }
                        None => out.push_str(&run(&props, &r.text)),
                    }
                }
                Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::FootnoteRef { n } => out.push_str(&format!(
                    r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>"#
                )),
            }
        }
        out
    }

    fn link_id(&mut self, url: &str) -> String {
        if let Some((id, _)) = self.links.iter().find(|(_, u)| u == url) {
            return id.clone();
        }
        let id = format!("rIdLink{}", self.links.len() + 1);
        self.links.push((id.clone(), url.to_owned()));
        id
    }

    fn table(&mut self, t: &Table) -> String {
        let cols = t.align.len().max(1);
        let width = super::write::twips(
            self.tpl.paper.width_mm - self.tpl.margins.left_mm - self.tpl.margins.right_mm,
        );
        let cw = width / cols as i64;
        let grid: String = (0..cols)
            .map(|_| format!(r#"<w:gridCol w:w="{cw}"/>"#))
            .collect();
        let mut out = format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
        );
        for (k, row) in std::iter::once(&t.header).chain(&t.rows).enumerate() {
            out.push_str("<w:tr>");
            if k == 0 {
                out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (c, cell) in row.iter().enumerate().take(cols) {
                let jc = match t.align.get(c) {
                    Some(Align::Left) => r#"<w:jc w:val="left"/>"#,
                    Some(Align::Center) => r#"<w:jc w:val="center"/>"#,
                    Some(Align::Right) => r#"<w:jc w:val="right"/>"#,
                    _ => "",
                };
                let content = self.inlines(cell);
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{cw}" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                    para(&format!("{}{jc}", style("TableText")), &content)
                ));
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
        out
    }

    fn figure(&mut self, f: &Figure) -> String {
        let caption_text = crate::doc::inline_text(&f.caption);
        let caption = if f.caption.is_empty() {
            String::new()
        } else {
            para(&style("Caption"), &self.inlines(&f.caption))
        };
        let Some(bytes) = self.images.image(&f.src) else {
            return caption;
        };
        let Ok(info) = crate::typeset::images::decode(&bytes) else {
            return caption;
        };
        let ext = if bytes.starts_with(&[0xFF, 0xD8]) {
            "jpg"
        } else {
            "png"
        };
        let n = self.media.len() + 1;
        let id = format!("rIdImage{n}");
        let name = format!("image{n}.{ext}");
        // As wide as the text, at most 60% of the text height tall.
        let tw = self.tpl.paper.width_mm - self.tpl.margins.left_mm - self.tpl.margins.right_mm;
        let th =
            (self.tpl.paper.height_mm - self.tpl.margins.top_mm - self.tpl.margins.bottom_mm) * 0.6;
        let (w, h) = (info.width.max(1) as f32, info.height.max(1) as f32);
        let scale = (tw / w).min(th / h);
        let (cx, cy) = ((w * scale * EMU_MM) as i64, (h * scale * EMU_MM) as i64);
        let alt = esc(&caption_text);
        let drawing = format!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Ảnh {n}" descr="{alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        );
        self.media.push((id, name, bytes));
        para(r#"<w:keepNext/><w:jc w:val="center"/>"#, &drawing) + &caption
    }

    pub fn footnotes(&mut self) -> String {
        let mut out = String::new();
        let doc = self.doc;
        for (i, f) in doc.footnotes.iter().enumerate() {
            let mark = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;
            let mut body = String::new();
            for (k, b) in f.blocks.iter().enumerate() {
                match b {
                    Block::Paragraph { content } => {
                        let lead = if k == 0 { mark } else { "" };
                        body.push_str(&para(
                            &style("FootnoteText"),
                            &format!("{lead}{}", self.inlines(content)),
                        ));
                    }
                    other => body.push_str(&self.block(other, "FootnoteText", 0)),
                }
            }
            if !matches!(f.blocks.first(), Some(Block::Paragraph { .. })) {
                body.insert_str(0, &para(&style("FootnoteText"), mark));
            }
            out.push_str(&format!(
                r#"<w:footnote w:id="{}">{body}</w:footnote>"#,
                i + 1
            ));
        }
        out
    }

    /// `numbering.xml`: a bullet and a numbered definition, and one instance
    /// per list so each numbered list starts where the document says.
    pub fn numbering(&self, tpl: &Template) -> String {
        let levels = |ordered: bool| -> String {
            (0..9)
                .map(|l| {
                    let (fmt, text) = if ordered {
                        ("decimal", format!("%{}.", l + 1))
                    } else {
                        ("bullet", esc(&tpl.bullet))
                    };
                    let indent = super::write::twips(tpl.list_indent_mm * (l as f32 + 1.0));
                    let hang = super::write::twips(tpl.list_indent_mm);
                    format!(
                        r#"<w:lvl w:ilvl="{l}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="{hang}"/></w:pPr></w:lvl>"#
                    )
                })
                .collect()
        };
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum>"#,
            levels(false),
            levels(true)
        );
        for (i, (ordered, start, level)) in self.lists.iter().enumerate() {
            let abs = u8::from(*ordered);
            let over = if *ordered {
                format!(
                    r#"<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>"#
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{abs}"/>{over}</w:num>"#,
                i + 1
            ));
        }
        out.push_str("</w:numbering>");
        out
    }
}

fn run_props(s: &Style, link: bool) -> String {
    let mut p = String::new();
    if link {
        p.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
    } else if s.code {
        p.push_str(r#"<w:rStyle w:val="VerbatimChar"/>"#);
    }
    if s.bold {
        p.push_str("<w:b/>");
    }
    if s.italic {
        p.push_str("<w:i/>");
    }
    if s.strike {
        p.push_str("<w:strike/>");
    }
    // After `strike`: CT_RPr's elements come in a fixed order.
    if s.underline {
        p.push_str(r#"<w:u w:val="single"/>"#);
    }
    p
}
