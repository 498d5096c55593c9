//! `report/hd36-2018`: a Party document after Hướng dẫn 36-HD/VPTW (2018).
//!
//! The numbers are TEMPLATES.md's; the ones marked *verify* there (page
//! number size, first-line indent, "Nơi nhận" sizes) are fields like the
//! rest so a corrected guidance is an edit here only.

use super::*;

pub fn report_hd36_2018() -> Template {
    Template {
        name: "report/hd36-2018",
        paper: Paper::A4,
        margins: Margins {
            top_mm: 25.0,
            bottom_mm: 25.0,
            left_mm: 35.0,
            right_mm: 15.0,
        },
        body_size: 14.0,
        leading: 1.25,
        first_indent_mm: 12.7,
        para_space: 6.0,
        heading_sizes: [14.0; 6],
        table_size: 13.0,
        caption_size: 13.0,
        double_sided: false,
        footnote_size: 11.0,
        code_size: 12.0,
        list_indent_mm: 10.0,
        quote_indent_mm: 10.0,
        bullet: "-",
        page_numbers: PageNumbers {
            from_page: 2,
            place: NumberPlace::Top { from_edge_mm: 10.0 },
            size: 14.0,
        },
        front: Front::Report(report_style()),
    }
}

/// The first-page and closing blocks of `report/hd36-2018`.
pub fn report_style() -> ReportStyle {
    ReportStyle {
        left_column: 0.42,
        national_size: 15.0,
        header_size: 14.0,
        type_name_size: 16.0,
        summary_size: 14.0,
        summary_rule_mm: 30.0,
        recipients_heading_size: 14.0,
        recipients_size: 12.0,
        signature_size: 14.0,
        signature_lines: 3,
    }
}
