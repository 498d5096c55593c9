//! The blocks around the body: a report's header table, type name and
//! summary, its "Nơi nhận" and signature; an article's title, date, lead and
//! author line. The words are the PDF's (`typeset::front`), word for word.

use super::write::twips;
use super::write_body::{para, run, style};
use crate::typeset::templates::{Front, Template};
use crate::typeset::{ArticleHeader, ReportHeader};

const CENTER: &str = r#"<w:jc w:val="center"/>"#;

/// A borderless two-column table, the left column `share` of the text
/// width, one table row per `(left, right)` pair: cells of one row start
/// level, as the PDF sets the number line and the place-and-date line.
fn two_columns(tpl: &Template, share: f32, rows: &[(String, String)]) -> String {
    let width = twips(tpl.paper.width_mm - tpl.margins.left_mm - tpl.margins.right_mm);
    let lw = (width as f32 * share).round() as i64;
    let rw = width - lw;
    let cell = |w: i64, content: &str| {
        // A cell must hold a paragraph, even an empty one.
        let content = if content.is_empty() {
            "<w:p/>"
        } else {
            content
        };
        format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{content}</w:tc>"#)
    };
    let rows: String = rows
        .iter()
        .map(|(l, r)| format!("<w:tr>{}{}</w:tr>", cell(lw, l), cell(rw, r)))
        .collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="HeaderBlocks"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{lw}"/><w:gridCol w:w="{rw}"/></w:tblGrid>{rows}</w:tbl>"#
    )
}

/// The spacing above a paragraph, in points, as a direct `w:pPr` setting.
fn space_before(pt: f32) -> String {
    format!(r#"<w:spacing w:before="{}"/>"#, (pt * 20.0).round() as i64)
}

fn left_share(tpl: &Template) -> f32 {
    match &tpl.front {
        Front::Report(rs) => rs.left_column,
        _ => 0.42,
    }
}

fn upper(s: &str) -> String {
    crate::text::nfc(s).to_uppercase()
}

pub fn report_head(h: &ReportHeader, tpl: &Template) -> String {
    let c = |rpr: &str, text: &str| {
        para(
            &format!("{}{CENTER}", style("HeaderBlock")),
            &run(rpr, text),
        )
    };
    // Two rows, as the PDF sets them: the bodies and the national title
    // side by side, then the number and symbol level with the place and
    // date (`typeset::front::report_head`).
    let bodies = [
        c("", &upper(&h.superior_body)),
        c("<w:b/>", &upper(&h.issuing_body)),
        c("", "*"),
    ]
    .concat();
    let national = if h.show.national_title {
        c(r#"<w:b/><w:u w:val="single"/>"#, "ĐẢNG CỘNG SẢN VIỆT NAM")
    } else {
        String::new()
    };
    let date_line = format!("{}, {}", h.place, crate::text::format_date(h.date));
    let rows = [
        (bodies, national),
        (c("", &h.number_symbol), c("<w:i/>", &date_line)),
    ];
    let mut out = two_columns(tpl, left_share(tpl), &rows);
    // The space above the type name: the PDF's gap under the header
    // blocks and above the title.
    let before = match &tpl.front {
        Front::Report(rs) => rs.head_gap_pt + rs.title_space_pt,
        _ => 12.0,
    };
    out.push_str(&para(
        &format!("{}{}", style("Title"), space_before(before)),
        &run("", &upper(&h.type_name)),
    ));
    out.push_str(&para(
        &style("Subtitle"),
        &run("", &crate::text::nfc(&h.summary)),
    ));
    out
}

pub fn report_tail(h: &ReportHeader, tpl: &Template) -> String {
    if !h.show.recipients && !h.show.signature {
        return String::new();
    }
    let mut left = String::new();
    if h.show.recipients {
        left.push_str(&para(
            &style("Recipients"),
            &run(r#"<w:b/><w:i/><w:u w:val="single"/>"#, "Nơi nhận:"),
        ));
        for line in h.recipient_lines() {
            left.push_str(&para(&style("Recipients"), &run("", &line)));
        }
    }
    let mut right = String::new();
    if h.show.signature {
        let lines = match &tpl.front {
            Front::Report(rs) => rs.signature_lines,
            _ => 3,
        };
        let c = |rpr: &str, text: &str| {
            para(&format!("{}{CENTER}", style("Signature")), &run(rpr, text))
        };
        right = c("<w:b/>", &upper(&h.authority)) + &c("<w:b/>", &upper(&h.signer_title));
        for _ in 0..lines {
            right.push_str(&c("", ""));
        }
        right.push_str(&c("<w:b/>", &h.signer_name));
    }
    para("", "") + &two_columns(tpl, left_share(tpl), &[(left, right)])
}

pub fn article_head(h: &ArticleHeader) -> String {
    // The title starts at the top margin, as in the PDF: no space above it
    // (Word and LibreOffice both add a first paragraph's space before).
    let mut out = para(
        &format!("{}{}", style("Title"), space_before(0.0)),
        &run("", h.title.trim()),
    );
    if let Some(d) = h.date {
        out.push_str(&para(
            &style("Date"),
            &run("", &crate::text::format_date(d)),
        ));
    }
    if let Some(lead) = h.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&para(&style("Subtitle"), &run("", lead.trim())));
    }
    out
}

pub fn article_tail(h: &ArticleHeader) -> String {
    match h.author.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(a) => para(&style("Author"), &run("", a.trim())),
        None => String::new(),
    }
}
