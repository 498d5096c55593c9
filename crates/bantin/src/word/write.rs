//! [`Document`] + the article's front and closing blocks → `.docx` bytes.
//!
//! Pure: no disk, no clock; the same input gives the same bytes. The file
//! uses real Word styles (Title, Heading 1–6, List Bullet/Number, Quote,
//! Caption, Footnote Text, a Table style) so an editor can restyle it, and
//! takes paper, margins, sizes and the page-number rule from the same
//! [`Template`] the PDF is set with: nothing is typed twice. A report's
//! header blocks and signature are borderless tables, as offices make them
//! by hand; page numbers are a PAGE field in the header from page 2.

use super::WordError;
use super::write_body::{Body, esc, para, run};
use crate::doc::Document;
use crate::typeset::templates::{NumberPlace, Template};
use crate::typeset::{ArticleHeader, ImageSource, ReportHeader};

/// What surrounds the body: a report's header and signature blocks, or an
/// article's title, lead and author line.
pub enum Front<'a> {
    Report(&'a ReportHeader),
    Article(&'a ArticleHeader),
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Twentieths of a point from millimetres.
pub(super) fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

/// Writes the `.docx`. Images the document names are fetched from `images`;
/// one that cannot be had is left out with its caption (as in the PDF).
pub fn to_docx(
    doc: &Document,
    front: Front,
    tpl: &Template,
    images: &dyn ImageSource,
) -> Result<Vec<u8>, WordError> {
    let mut body = Body::new(doc, tpl, images);
    let mut xml = String::new();
    match &front {
        Front::Report(h) => xml.push_str(&super::write_front::report_head(h, tpl)),
        Front::Article(h) => xml.push_str(&super::write_front::article_head(h)),
    }
    xml.push_str(&body.blocks(&doc.blocks, 0));
    match &front {
        Front::Report(h) => xml.push_str(&super::write_front::report_tail(h, tpl)),
        Front::Article(h) => xml.push_str(&super::write_front::article_tail(h)),
    }
    let notes = body.footnotes();
    let numbering = body.numbering(tpl);

    let numbers = tpl.page_numbers;
    let (header_ref, number_distance) = match numbers.place {
        NumberPlace::Top { from_edge_mm } => ("headerReference", from_edge_mm),
        NumberPlace::Bottom { from_edge_mm } => ("footerReference", from_edge_mm),
    };
    let first_page_plain = numbers.from_page > 1;
    let m = &tpl.margins;
    let sect = format!(
        r#"<w:sectPr><w:{header_ref} w:type="default" r:id="rIdNumber"/>{first}<w:pgSz w:w="{w}" w:h="{h}"/><w:pgMar w:top="{t}" w:right="{r}" w:bottom="{b}" w:left="{l}" w:header="{d}" w:footer="{d}" w:gutter="0"/>{title_pg}</w:sectPr>"#,
        first = if first_page_plain {
            format!(r#"<w:{header_ref} w:type="first" r:id="rIdFirst"/>"#)
        } else {
            String::new()
        },
        w = twips(tpl.paper.width_mm),
        h = twips(tpl.paper.height_mm),
        t = twips(m.top_mm),
        r = twips(m.right_mm),
        b = twips(m.bottom_mm),
        l = twips(m.left_mm),
        d = twips(number_distance),
        title_pg = if first_page_plain { "<w:titlePg/>" } else { "" },
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{xml}{sect}</w:body></w:document>"#
    );

    let number_part = if header_ref == "headerReference" {
        "header"
    } else {
        "footer"
    };
    let page_field = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="PageNumber"/><w:jc w:val="center"/></w:pPr>{}<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>{}<w:r><w:t>2</w:t></w:r>{}</w:p>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    );
    let hdr = |content: &str| {
        let tag = if number_part == "header" {
            "hdr"
        } else {
            "ftr"
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag} {W_NS}>{content}</w:{tag}>"#
        )
    };

    // Printed on both sides: Word mirrors the margins as the PDF does.
    let mirror = if tpl.double_sided {
        "<w:mirrorMargins/>"
    } else {
        ""
    };
    let mut rels = vec![
        ("rIdStyles", "styles", "styles.xml".to_owned()),
        ("rIdNumbering", "numbering", "numbering.xml".to_owned()),
        ("rIdNotes", "footnotes", "footnotes.xml".to_owned()),
        ("rIdSettings", "settings", "settings.xml".to_owned()),
        ("rIdNumber", number_part, format!("{number_part}1.xml")),
    ];
    if first_page_plain {
        rels.push(("rIdFirst", number_part, format!("{number_part}2.xml")));
    }
    let mut rel_xml = String::new();
    for (id, kind, target) in &rels {
        rel_xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL_NS}/{kind}" Target="{target}"/>"#
        ));
    }
    for (id, target) in body.links() {
        rel_xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL_NS}/hyperlink" Target="{}" TargetMode="External"/>"#,
            esc(target)
        ));
    }
    for (id, name, _) in body.media() {
        rel_xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL_NS}/image" Target="media/{name}"/>"#
        ));
    }

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types(number_part, first_page_plain).into_bytes()),
        ("_rels/.rels".into(), format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>"#
        ).into_bytes()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/_rels/document.xml.rels".into(), format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}</Relationships>"#
        ).into_bytes()),
        ("word/styles.xml".into(), super::write_styles::styles(tpl).into_bytes()),
        ("word/numbering.xml".into(), numbering.into_bytes()),
        ("word/footnotes.xml".into(), format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
        ).into_bytes()),
        ("word/settings.xml".into(), format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {W_NS}>{mirror}<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
        ).into_bytes()),
        (format!("word/{number_part}1.xml"), hdr(&page_field).into_bytes()),
    ];
    if first_page_plain {
        parts.push((
            format!("word/{number_part}2.xml"),
            hdr(&para("", &run("", ""))).into_bytes(),
        ));
    }
    for (_, name, bytes) in body.media() {
        parts.push((format!("word/media/{name}"), bytes.clone()));
    }
    // A fixed time stamp (the zip epoch), so equal input gives equal bytes.
    crate::archive::write_zip(&parts, chrono::NaiveDateTime::default())
        .map_err(|e| WordError::Write(e.to_string()))
}

fn content_types(number_part: &str, first: bool) -> String {
    let kind = if number_part == "header" {
        "header"
    } else {
        "footer"
    };
    let mut overrides = String::new();
    for (part, ty) in [
        ("document", "document.main"),
        ("styles", "styles"),
        ("numbering", "numbering"),
        ("footnotes", "footnotes"),
        ("settings", "settings"),
    ] {
        overrides.push_str(&format!(
            r#"<Override PartName="/word/{part}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{ty}+xml"/>"#
        ));
    }
    for n in if first { 1..=2 } else { 1..=1 } {
        overrides.push_str(&format!(
            r#"<Override PartName="/word/{number_part}{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpg" ContentType="image/jpeg"/><Default Extension="png" ContentType="image/png"/>{overrides}</Types>"#
    )
}
