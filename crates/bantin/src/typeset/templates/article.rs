//! `article/v1`: one article printed on its own (the portal's print view).

use super::*;

pub fn article() -> Template {
    Template {
        name: "article/v1",
        paper: Paper::A4,
        margins: Margins {
            top_mm: 20.0,
            bottom_mm: 25.0,
            left_mm: 20.0,
            right_mm: 20.0,
        },
        body_size: 13.0,
        leading: 1.3,
        first_indent_mm: 10.0,
        para_space: 6.0,
        heading_sizes: [16.0, 14.0, 13.0, 13.0, 13.0, 13.0],
        table_size: 12.0,
        caption_size: 12.0,
        double_sided: false,
        footnote_size: 10.0,
        code_size: 11.0,
        list_indent_mm: 8.0,
        quote_indent_mm: 10.0,
        bullet: "–",
        page_numbers: PageNumbers {
            from_page: 1,
            place: NumberPlace::Bottom { from_edge_mm: 12.0 },
            size: 11.0,
        },
        front: Front::Article(article_style()),
    }
}

/// Title, lead and author line of `article/v1`.
pub fn article_style() -> ArticleStyle {
    ArticleStyle {
        title_size: 18.0,
        title_centered: true,
        lead_bold: true,
        author_size: 13.0,
    }
}
