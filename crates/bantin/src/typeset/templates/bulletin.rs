//! `bulletin/v1`: an issue of a bản tin on A4, A5 or 19 × 27 cm, in one or
//! two columns (TEMPLATES.md, "Bulletin"). Sizes follow the measure: a
//! two-column A4 page sets 11 pt like a newsletter, one wide column 12.5 pt,
//! an A5 booklet page 10.5 pt.

use super::*;
use crate::model::PaperSize;

pub fn bulletin(paper: PaperSize, columns: u8) -> Template {
    let (width_mm, height_mm) = paper.size_mm();
    let two = columns >= 2;
    let small = width_mm < 170.0;
    let (top, bottom, side) = if small {
        (17.0, 16.0, 15.0)
    } else {
        (20.0, 18.0, 18.0)
    };
    let body_size = match (small, two) {
        (true, true) => 9.5,
        (true, false) => 10.5,
        (false, true) => 11.0,
        (false, false) => 12.5,
    };
    let title_size = body_size + if two { 5.0 } else { 6.0 };
    Template {
        name: "bulletin/v1",
        paper: Paper {
            width_mm,
            height_mm,
        },
        margins: Margins {
            top_mm: top,
            bottom_mm: bottom,
            left_mm: side,
            right_mm: side,
        },
        body_size,
        leading: 1.3,
        first_indent_mm: if two { 5.0 } else { 8.0 },
        para_space: body_size * 0.35,
        heading_sizes: [
            body_size + 2.0,
            body_size + 1.0,
            body_size,
            body_size,
            body_size,
            body_size,
        ],
        table_size: body_size - 1.0,
        caption_size: body_size - 1.0,
        footnote_size: body_size - 2.0,
        code_size: body_size - 1.5,
        list_indent_mm: if two { 5.0 } else { 7.0 },
        quote_indent_mm: if two { 4.0 } else { 8.0 },
        bullet: "–",
        page_numbers: PageNumbers {
            from_page: 2,
            place: NumberPlace::Bottom {
                from_edge_mm: bottom * 0.5,
            },
            size: body_size - 1.0,
        },
        front: Front::Bulletin(BulletinStyle {
            columns: columns.clamp(1, 2),
            gutter_mm: if small { 5.0 } else { 6.0 },
            name_size: if small { 26.0 } else { 38.0 },
            kicker_size: if small { 11.0 } else { 14.0 },
            masthead_size: if small { 8.5 } else { 10.0 },
            title_size,
            lead_bold: true,
            author_size: body_size,
            contents_size: body_size,
            running_size: body_size - 2.0,
            running_from_edge_mm: top * 0.45,
            article_gap: body_size * 1.6,
            colophon_size: body_size - 2.0,
            licensed_max_pages: 64,
            licensed_max_mm: (190.0, 270.0),
        }),
        double_sided: false,
    }
}
