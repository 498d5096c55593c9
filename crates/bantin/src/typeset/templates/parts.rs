//! Validation of the parts a template shares (block geometry, article
//! spacing) and of a bulletin's settings, beside `validate.rs`.

use super::file::{BulletinFile, PaperClassFile, TemplateFile};
use super::validate::{Check, R};
use super::{ArticleSpacing, BlockStyle, Paper};

impl TemplateFile {
    pub(super) fn validate_bulletin(&self, c: &Check, b: &BulletinFile) -> R {
        c.range(
            "bulletin.small_paper_below_mm",
            b.small_paper_below_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range("bulletin.leading", b.leading, 1.0, 3.0, "")?;
        if b.bullet.chars().count() != 1 {
            return Err(c.invalid("bulletin.bullet", "phải là đúng một ký tự, ví dụ «–»."));
        }
        c.range("bulletin.para_space_em", b.para_space_em, 0.0, 3.0, "")?;
        c.range("bulletin.article_gap_em", b.article_gap_em, 0.0, 10.0, "")?;
        c.range(
            "bulletin.page_numbers_from_page",
            b.page_numbers_from_page as f32,
            1.0,
            1000.0,
            "",
        )?;
        c.range(
            "bulletin.page_number_in_bottom_margin",
            b.page_number_in_bottom_margin,
            0.0,
            1.0,
            "",
        )?;
        c.range(
            "bulletin.running_head_in_top_margin",
            b.running_head_in_top_margin,
            0.0,
            1.0,
            "",
        )?;
        for (at, col) in [
            ("one_column", &b.one_column),
            ("two_columns", &b.two_columns),
        ] {
            c.range(
                &format!("bulletin.{at}.title_offset"),
                col.title_offset,
                -6.0,
                36.0,
                " pt",
            )?;
            c.indent(
                &format!("bulletin.{at}.first_indent_mm"),
                col.first_indent_mm,
            )?;
            c.indent(&format!("bulletin.{at}.list_indent_mm"), col.list_indent_mm)?;
            c.indent(
                &format!("bulletin.{at}.quote_indent_mm"),
                col.quote_indent_mm,
            )?;
        }
        c.range(
            "bulletin.licensed.max_pages",
            b.licensed.max_pages as f32,
            1.0,
            1000.0,
            "",
        )?;
        c.range(
            "bulletin.licensed.max_width_mm",
            b.licensed.max_width_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range(
            "bulletin.licensed.max_height_mm",
            b.licensed.max_height_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        validate_spacing(c, "bulletin.article_spacing.", &b.article_spacing)?;
        validate_blocks(c, "bulletin.blocks.", &b.blocks)?;
        c.range("bulletin.publisher_share", b.publisher_share, 0.2, 1.0, "")?;
        c.range("bulletin.name_max_share", b.name_max_share, 0.2, 1.0, "")?;
        for (f, v) in [
            ("band_size_offset", b.band_size_offset),
            ("contents_heading_offset", b.contents_heading_offset),
        ] {
            c.range(&format!("bulletin.{f}"), v, -6.0, 12.0, " pt")?;
        }
        let r = &b.rules;
        for (f, v) in [
            ("masthead_thick_pt", r.masthead_thick_pt),
            ("thin_pt", r.thin_pt),
            ("mark_frame_pt", r.mark_frame_pt),
            ("title_pt", r.title_pt),
            ("running_head_pt", r.running_head_pt),
        ] {
            c.range(&format!("bulletin.rules.{f}"), v, 0.0, 10.0, " pt")?;
        }
        c.range(
            "bulletin.rules.masthead_gap_pt",
            r.masthead_gap_pt,
            0.0,
            36.0,
            " pt",
        )?;
        let k = &b.booklet;
        c.range(
            "bulletin.booklet.sheet.width_mm",
            k.sheet.width_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range(
            "bulletin.booklet.sheet.height_mm",
            k.sheet.height_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range(
            "bulletin.booklet.fold_mark_mm",
            k.fold_mark_mm,
            0.0,
            50.0,
            " mm",
        )?;
        c.range(
            "bulletin.booklet.fold_mark_pt",
            k.fold_mark_pt,
            0.0,
            5.0,
            " pt",
        )?;
        validate_bulletin_spacing(c, &b.spacing)?;
        validate_class(c, "bulletin.large.", &b.large)?;
        validate_class(c, "bulletin.small.", &b.small)?;
        // Every size the offsets give, on every paper a bulletin can use.
        for paper in crate::model::PaperSize::ALL {
            let (width_mm, height_mm) = paper.size_mm();
            let p = Paper {
                width_mm,
                height_mm,
            };
            let class = if width_mm < b.small_paper_below_mm {
                "small"
            } else {
                "large"
            };
            let m = if class == "small" {
                &b.small.margins
            } else {
                &b.large.margins
            };
            c.page(&format!("bulletin.{class}."), Some(p), m)?;
            for columns in [1, 2] {
                let t = b.template(&self.name, p, columns);
                let super::Front::Bulletin(st) = &t.front else {
                    continue;
                };
                let sizes = [
                    (
                        "size_offsets.headings",
                        t.heading_sizes.iter().copied().fold(72.0, f32::min),
                    ),
                    (
                        "size_offsets.headings",
                        t.heading_sizes.iter().copied().fold(6.0, f32::max),
                    ),
                    ("size_offsets.table", t.table_size),
                    ("size_offsets.caption", t.caption_size),
                    ("size_offsets.footnote", t.footnote_size),
                    ("size_offsets.code", t.code_size),
                    ("size_offsets.page_number", t.page_numbers.size),
                    ("size_offsets.author", st.author_size),
                    ("size_offsets.contents", st.contents_size),
                    ("size_offsets.running_head", st.running_size),
                    ("size_offsets.colophon", st.colophon_size),
                ];
                for (f, v) in sizes {
                    c.size(&format!("bulletin.{f}"), v)?;
                }
                let at = if columns == 1 {
                    "one_column"
                } else {
                    "two_columns"
                };
                c.size(&format!("bulletin.{at}.title_offset"), st.title_size)?;
                let col_mm = (t.text_width() / super::MM - st.gutter_mm * (columns - 1) as f32)
                    / columns as f32;
                if col_mm < 30.0 {
                    return Err(c.invalid(
                        &format!("bulletin.{class}.gutter_mm"),
                        format!(
                            "để lại cột chữ chỉ rộng {col_mm:.1} mm khi in {columns} cột; cần ít nhất 30 mm. Hãy giảm khoảng cách cột hoặc lề."
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn validate_bulletin_spacing(c: &Check, s: &super::BulletinSpacing) -> R {
    for (f, v, max) in [
        ("mark_pad_em", s.mark_pad_em, 3.0),
        ("mark_pad_vertical", s.mark_pad_vertical, 3.0),
        ("under_publisher_em", s.under_publisher_em, 5.0),
        ("name_raise_em", s.name_raise_em, 1.0),
        ("above_rules_em", s.above_rules_em, 5.0),
        ("under_rules_em", s.under_rules_em, 5.0),
        ("under_band_em", s.under_band_em, 5.0),
        ("under_masthead", s.under_masthead, 5.0),
        ("contents_top_em", s.contents_top_em, 5.0),
        ("contents_heading_gap_em", s.contents_heading_gap_em, 5.0),
        ("contents_number_em", s.contents_number_em, 5.0),
        ("contents_dots_gap_em", s.contents_dots_gap_em, 3.0),
        ("contents_entry_space_em", s.contents_entry_space_em, 5.0),
        ("contents_close_em", s.contents_close_em, 5.0),
        (
            "contents_close_rule_em",
            s.contents_close_rule_em,
            s.contents_close_em,
        ),
        ("contents_close_space_em", s.contents_close_space_em, 5.0),
        ("title_pad_em", s.title_pad_em, 5.0),
        ("colophon_pad_em", s.colophon_pad_em, 5.0),
        ("colophon_gap_em", s.colophon_gap_em, 10.0),
        ("running_rule_em", s.running_rule_em, 3.0),
    ] {
        c.range(&format!("bulletin.spacing.{f}"), v, 0.0, max, "")?;
    }
    Ok(())
}

fn validate_class(c: &Check, at: &str, k: &PaperClassFile) -> R {
    c.page(at, None, &k.margins)?;
    c.range(&format!("{at}gutter_mm"), k.gutter_mm, 0.0, 50.0, " mm")?;
    c.size(&format!("{at}name_size"), k.name_size)?;
    c.size(&format!("{at}kicker_size"), k.kicker_size)?;
    c.size(&format!("{at}masthead_size"), k.masthead_size)?;
    c.size(&format!("{at}body_size_one_column"), k.body_size_one_column)?;
    c.size(
        &format!("{at}body_size_two_columns"),
        k.body_size_two_columns,
    )
}

pub(super) fn validate_spacing(c: &Check, at: &str, s: &ArticleSpacing) -> R {
    c.range(
        &format!("{at}date_size_offset"),
        s.date_size_offset,
        -6.0,
        12.0,
        " pt",
    )?;
    c.range(&format!("{at}date_gap_pt"), s.date_gap_pt, 0.0, 72.0, " pt")?;
    c.range(
        &format!("{at}title_gap_pt"),
        s.title_gap_pt,
        0.0,
        72.0,
        " pt",
    )?;
    c.range(
        &format!("{at}author_space_paras"),
        s.author_space_paras,
        0.0,
        10.0,
        "",
    )
}

pub(super) fn validate_blocks(c: &Check, at: &str, b: &BlockStyle) -> R {
    let f = |name: &str| format!("{at}{name}");
    c.range(&f("rule_pt"), b.rule_pt, 0.0, 5.0, " pt")?;
    c.range(&f("table_border_pt"), b.table_border_pt, 0.0, 5.0, " pt")?;
    c.range(
        &f("short_rule_divisor"),
        b.short_rule_divisor,
        1.0,
        20.0,
        "",
    )?;
    c.range(
        &f("heading_space_paras"),
        b.heading_space_paras,
        0.0,
        10.0,
        "",
    )?;
    c.range(
        &f("list_item_space_paras"),
        b.list_item_space_paras,
        0.0,
        10.0,
        "",
    )?;
    c.range(&f("list_marker_gap_em"), b.list_marker_gap_em, 0.0, 3.0, "")?;
    c.range(&f("code_leading"), b.code_leading, 0.5, 2.0, "")?;
    c.range(&f("table_leading"), b.table_leading, 0.5, 2.0, "")?;
    c.range(&f("footnote_leading"), b.footnote_leading, 0.5, 2.0, "")?;
    c.range(&f("table_padding_pt"), b.table_padding_pt, 0.0, 36.0, " pt")?;
    c.range(
        &f("table_row_max_share"),
        b.table_row_max_share,
        0.1,
        1.0,
        "",
    )?;
    c.range(&f("figure_gap_pt"), b.figure_gap_pt, 0.0, 72.0, " pt")?;
    c.range(&f("figure_max_share"), b.figure_max_share, 0.1, 1.0, "")?;
    c.range(
        &f("figure_min_share"),
        b.figure_min_share,
        0.05,
        b.figure_max_share,
        "",
    )?;
    c.range(
        &f("placeholder_height_pt"),
        b.placeholder_height_pt,
        12.0,
        500.0,
        " pt",
    )?;
    c.range(
        &f("placeholder_inset_pt"),
        b.placeholder_inset_pt,
        0.0,
        72.0,
        " pt",
    )
}
