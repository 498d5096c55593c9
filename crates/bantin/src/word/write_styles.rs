//! `styles.xml`: the named styles the writer uses, sized from the template.

use super::write::twips;
use crate::typeset::templates::{Front, Template};

const FONT: &str = "Times New Roman";

/// Half-points, Word's unit for font sizes.
fn hp(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}

fn pstyle(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

fn cstyle(id: &str, name: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="character" w:styleId="{id}"><w:name w:val="{name}"/><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

fn sz(pt: f32) -> String {
    format!(r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, hp(pt))
}

pub fn styles(tpl: &Template) -> String {
    let line = (tpl.leading * 240.0).round() as i64;
    let after = (tpl.para_space * 20.0).round() as i64;
    let indent = twips(tpl.first_indent_mm);
    let (title_size, summary_size, header_size, recipients_size, signature_size) = match &tpl.front
    {
        Front::Report(r) => (
            r.type_name_size,
            r.summary_size,
            r.header_size,
            r.recipients_size,
            r.signature_size,
        ),
        Front::Article(a) => (
            a.title_size,
            tpl.body_size,
            tpl.body_size,
            tpl.body_size,
            a.author_size,
        ),
        Front::Bulletin(b) => (
            b.title_size,
            tpl.body_size,
            tpl.body_size,
            tpl.body_size,
            b.author_size,
        ),
    };
    let author_size = match &tpl.front {
        Front::Article(a) => a.author_size,
        _ => tpl.body_size,
    };
    let tight = r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>"#;
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>{body}<w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="{after}" w:line="{line}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="{indent}"/><w:jc w:val="both"/></w:pPr></w:style>"#,
        body = sz(tpl.body_size),
    );
    s.push_str(&pstyle(
        "Title",
        "Title",
        r#"<w:keepNext/><w:spacing w:before="240" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#,
        &format!("<w:b/>{}", sz(title_size)),
    ));
    s.push_str(&pstyle(
        "Subtitle",
        "Subtitle",
        r#"<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        &format!("<w:b/>{}", sz(summary_size)),
    ));
    for (l, size) in tpl.heading_sizes.iter().enumerate() {
        s.push_str(&pstyle(
            &format!("Heading{}", l + 1),
            &format!("heading {}", l + 1),
            &format!(r#"<w:keepNext/><w:spacing w:before="120"/><w:ind w:firstLine="0"/><w:jc w:val="left"/><w:outlineLvl w:val="{l}"/>"#),
            &format!("<w:b/>{}", sz(*size)),
        ));
    }
    let hang = twips(tpl.list_indent_mm);
    for (id, name) in [("ListBullet", "List Bullet"), ("ListNumber", "List Number")] {
        s.push_str(&pstyle(
            id,
            name,
            &format!(r#"<w:ind w:left="{hang}" w:hanging="{hang}" w:firstLine="0"/>"#),
            "",
        ));
    }
    s.push_str(&pstyle(
        "ListContinue",
        "List Continue",
        &format!(r#"<w:ind w:left="{hang}" w:firstLine="0"/>"#),
        "",
    ));
    let q = twips(tpl.quote_indent_mm);
    s.push_str(&pstyle(
        "Quote",
        "Quote",
        &format!(r#"<w:ind w:left="{q}" w:right="{q}" w:firstLine="0"/>"#),
        "<w:i/>",
    ));
    s.push_str(&pstyle(
        "Caption",
        "caption",
        r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        &format!("<w:i/>{}", sz(tpl.caption_size)),
    ));
    s.push_str(&pstyle(
        "FootnoteText",
        "footnote text",
        tight,
        &sz(tpl.footnote_size),
    ));
    s.push_str(&pstyle(
        "TableText",
        "Table Text",
        tight,
        &sz(tpl.table_size),
    ));
    s.push_str(&pstyle(
        "SourceCode",
        "Source Code",
        tight,
        &format!(
            r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>{}"#,
            sz(tpl.code_size)
        ),
    ));
    s.push_str(&pstyle(
        "HeaderBlock",
        "Header Block",
        tight,
        &sz(header_size),
    ));
    s.push_str(&pstyle(
        "Recipients",
        "Recipients",
        tight,
        &sz(recipients_size),
    ));
    s.push_str(&pstyle(
        "Signature",
        "Signature",
        tight,
        &sz(signature_size),
    ));
    s.push_str(&pstyle(
        "Date",
        "Date",
        r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        &format!("<w:i/>{}", sz(tpl.body_size - 1.0)),
    ));
    s.push_str(&pstyle(
        "Author",
        "Author",
        r#"<w:ind w:firstLine="0"/><w:jc w:val="right"/>"#,
        &format!("<w:b/>{}", sz(author_size)),
    ));
    s.push_str(&pstyle(
        "PageNumber",
        "Page Number",
        tight,
        &sz(tpl.page_numbers.size),
    ));
    s.push_str(&cstyle(
        "FootnoteReference",
        "footnote reference",
        r#"<w:vertAlign w:val="superscript"/>"#,
    ));
    s.push_str(&cstyle(
        "Hyperlink",
        "Hyperlink",
        r#"<w:color w:val="0563C1"/><w:u w:val="single"/>"#,
    ));
    s.push_str(&cstyle(
        "VerbatimChar",
        "Verbatim Char",
        r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>"#,
    ));
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|b| border(b))
        .collect();
    s.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="Table"><w:name w:val="Table"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>"#
    ));
    s.push_str(r#"<w:style w:type="table" w:styleId="HeaderBlocks"><w:name w:val="Header Blocks"/><w:tblPr><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr></w:style>"#);
    s.push_str("</w:styles>");
    s
}
