//! Templates: every number of a layout as a typed, named, versioned setting.
//!
//! The rules for Party documents change (Quy định 399-QĐ/TW replaced 66 in
//! 2026, a new presentation guidance is reported), so a template is data: a
//! YAML file in `assets/templates/` with its name, version and source,
//! embedded in the binary and validated when loaded (`file.rs`,
//! `validate.rs`). An office changes a number by importing its own copy into
//! the library, never by waiting for a new version of Bản Tin. The layout
//! code reads page geometry, sizes and placements only from `Template`.

mod edit;
mod file;
mod parts;
mod validate;

use std::sync::OnceLock;

use crate::model::PaperSize;

pub use edit::FieldValue;
pub use file::{TemplateFile, TemplateKind, TemplateText};
pub use validate::TemplateError;

/// 1 mm in points.
pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    pub width_mm: f32,
    pub height_mm: f32,
}

impl Paper {
    pub const A4: Paper = Paper {
        width_mm: 210.0,
        height_mm: 297.0,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberPlace {
    /// The number's line box starts this far below the top edge of the paper.
    Top { from_edge_mm: f32 },
    /// The number's baseline sits this far above the bottom edge.
    Bottom { from_edge_mm: f32 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageNumbers {
    /// First page (1-based) that shows its number.
    pub from_page: usize,
    pub place: NumberPlace,
    pub size: f32,
}

/// Sizes and styles of the report's first-page and closing blocks
/// (TEMPLATES.md, "Report").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportStyle {
    /// Share of the text block taken by the left header column.
    pub left_column: f32,
    pub national_size: f32,
    pub header_size: f32,
    pub type_name_size: f32,
    pub summary_size: f32,
    /// Length of the short rule under the summary.
    pub summary_rule_mm: f32,
    pub recipients_heading_size: f32,
    pub recipients_size: f32,
    pub signature_size: f32,
    /// Blank lines left for the signature and seal.
    pub signature_lines: usize,
    /// Line height of those blank lines, in signature sizes.
    pub signature_line_em: f32,
    /// Rules under the national title and the summary, pt.
    pub rule_pt: f32,
    /// From the national title's baseline down to its rule, pt.
    pub national_rule_gap_pt: f32,
    /// Least room between the national title and the place-and-date line.
    pub date_gap_pt: f32,
    /// Space under the two header columns.
    pub head_gap_pt: f32,
    /// Space above the type name.
    pub title_space_pt: f32,
    /// From the summary's last line down to its short rule.
    pub summary_rule_gap_pt: f32,
    /// Space under the short rule, before the body.
    pub title_gap_pt: f32,
    /// From "Nơi nhận:"'s baseline down to its underline, and its thickness.
    pub recipients_rule_gap_pt: f32,
    pub recipients_rule_pt: f32,
    /// Space between the body and the "Nơi nhận" / signature block.
    pub signature_space_pt: f32,
    /// Which blocks print; a file without it prints them all.
    #[serde(default)]
    pub show: ReportBlocks,
}

/// Which of a report's fixed blocks print (`report.show`). `export` reads
/// them, in one place, and hands every output only what prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportBlocks {
    /// "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule, top right of page 1.
    pub national_title: bool,
    /// "Nơi nhận:" and its list, bottom left.
    pub recipients: bool,
    /// The signature block: "T/M …", the signer's title, room to sign, the
    /// signer's name.
    pub signature: bool,
}

impl Default for ReportBlocks {
    fn default() -> Self {
        ReportBlocks {
            national_title: true,
            recipients: true,
            signature: true,
        }
    }
}

/// Which of an article's parts print (`article.show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ArticleBlocks {
    /// The lead (sapô) under the title.
    pub lead: bool,
    /// The author or source line at the end.
    pub author: bool,
    /// The captions under pictures.
    pub captions: bool,
    /// Footnotes, and their numbers in the text.
    pub footnotes: bool,
}

impl Default for ArticleBlocks {
    fn default() -> Self {
        ArticleBlocks {
            lead: true,
            author: true,
            captions: true,
            footnotes: true,
        }
    }
}

/// Which of a bulletin issue's parts print (`bulletin.show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BulletinBlocks {
    /// "Trong số này" on page 1.
    pub contents: bool,
    /// The box on the last page: owning body, editorial board, address,
    /// and a licensed bulletin's licence lines.
    pub colophon: bool,
    pub page_numbers: bool,
}

impl Default for BulletinBlocks {
    fn default() -> Self {
        BulletinBlocks {
            contents: true,
            colophon: true,
            page_numbers: true,
        }
    }
}

/// Sizes of the article's title block and author line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleStyle {
    pub title_size: f32,
    pub title_centered: bool,
    pub lead_bold: bool,
    pub author_size: f32,
    pub spacing: ArticleSpacing,
    /// Which parts print; a file without it prints them all.
    #[serde(default)]
    pub show: ArticleBlocks,
}

/// Gaps around an article's title and author line (a single article and
/// each article of a bulletin).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSpacing {
    /// The date under the title: the body size plus this (pt).
    pub date_size_offset: f32,
    /// Space above the date line, pt.
    pub date_gap_pt: f32,
    /// Space under the title block, pt.
    pub title_gap_pt: f32,
    /// Space above the author line, in paragraph spaces.
    pub author_space_paras: f32,
}

/// The rules, gaps and shares of the blocks inside the text: breaks,
/// lists, code, tables, figures, footnotes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockStyle {
    /// Thematic breaks, the footnote separator and the frame of a missing
    /// image, pt.
    pub rule_pt: f32,
    /// A thematic break and the footnote separator are this many times
    /// shorter than the column.
    pub short_rule_divisor: f32,
    /// Space above a heading, in paragraph spaces.
    pub heading_space_paras: f32,
    /// Space between list items, in paragraph spaces.
    pub list_item_space_paras: f32,
    /// Gap between a list marker and the item's text, in its font size.
    pub list_marker_gap_em: f32,
    /// Line heights of code, table and footnote lines, as shares of the
    /// template's leading.
    pub code_leading: f32,
    pub table_leading: f32,
    pub footnote_leading: f32,
    pub table_padding_pt: f32,
    pub table_border_pt: f32,
    /// A table row is split so that no piece is taller than this share of
    /// the text block.
    pub table_row_max_share: f32,
    /// Above and below a figure's caption, pt.
    pub figure_gap_pt: f32,
    /// A picture is at most this share of the text block's height, and the
    /// flow may shrink it down to `figure_min_share`.
    pub figure_max_share: f32,
    pub figure_min_share: f32,
    /// The frame shown for an image that cannot be printed.
    pub placeholder_height_pt: f32,
    pub placeholder_inset_pt: f32,
}

/// The masthead, contents, running heads and colophon of a bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletinStyle {
    /// 1 or 2.
    pub columns: u8,
    pub gutter_mm: f32,
    /// The bulletin's name on the masthead.
    pub name_size: f32,
    /// "BẢN TIN" over the name.
    pub kicker_size: f32,
    /// Publisher lines, number and period on the masthead.
    pub masthead_size: f32,
    pub title_size: f32,
    pub lead_bold: bool,
    pub author_size: f32,
    pub contents_size: f32,
    pub running_size: f32,
    /// Baseline of the running head below the top edge of the paper.
    pub running_from_edge_mm: f32,
    /// Space before an article that does not open a column.
    pub article_gap: f32,
    pub colophon_size: f32,
    /// Luật Báo chí 2016: a licensed bulletin has at most this many pages…
    pub licensed_max_pages: usize,
    /// …on paper no larger than this (width, height in mm).
    pub licensed_max_mm: (f32, f32),
    pub article_spacing: ArticleSpacing,
    /// Share of the text width for the publisher lines on the masthead.
    pub publisher_share: f32,
    /// The number and period on the masthead: its size plus this (pt).
    pub band_size_offset: f32,
    /// "TRONG SỐ NÀY": the contents size plus this (pt).
    pub contents_heading_offset: f32,
    /// The bulletin's name is shrunk to fit this share of the text width.
    pub name_max_share: f32,
    pub rules: BulletinRules,
    pub booklet: Booklet,
    pub show: BulletinBlocks,
    pub spacing: BulletinSpacing,
}

/// Gaps and paddings of a bulletin's masthead, contents, article titles,
/// running heads and colophon, each a multiple of the size named beside
/// it, so they follow the sizes an office sets.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BulletinSpacing {
    /// Padding inside the "LƯU HÀNH NỘI BỘ" box, in masthead sizes…
    pub mark_pad_em: f32,
    /// …and above and below its text, as a share of that padding.
    pub mark_pad_vertical: f32,
    /// Under the publisher lines and the box, in masthead sizes.
    pub under_publisher_em: f32,
    /// The name is raised by this share of its own size.
    pub name_raise_em: f32,
    /// From the name down to the thick rule, in masthead sizes.
    pub above_rules_em: f32,
    /// Under the thin rule, above the number and period, same unit.
    pub under_rules_em: f32,
    /// Under the number and period, above the last rule, same unit.
    pub under_band_em: f32,
    /// Under the masthead, as a share of the space before an article.
    pub under_masthead: f32,
    /// Above "TRONG SỐ NÀY", under the rule over it, in contents sizes.
    pub contents_top_em: f32,
    /// Under "TRONG SỐ NÀY", same unit.
    pub contents_heading_gap_em: f32,
    /// Room for the page numbers beside "000", same unit.
    pub contents_number_em: f32,
    /// Between the dotted leader and the page number, same unit.
    pub contents_dots_gap_em: f32,
    /// Above each contents entry, same unit.
    pub contents_entry_space_em: f32,
    /// The closing rule: the height of its row, where the rule sits in it
    /// and the space above it, same unit.
    pub contents_close_em: f32,
    pub contents_close_rule_em: f32,
    pub contents_close_space_em: f32,
    /// Between the rule over an article and its title, in title sizes.
    pub title_pad_em: f32,
    /// Padding inside the colophon box, in colophon sizes…
    pub colophon_pad_em: f32,
    /// …and the space above the box, same unit.
    pub colophon_gap_em: f32,
    /// The running head's rule below its baseline, in running-head sizes.
    pub running_rule_em: f32,
}

impl Default for BulletinSpacing {
    /// The numbers bulletins were set with before they were settings.
    fn default() -> Self {
        BulletinSpacing {
            mark_pad_em: 0.45,
            mark_pad_vertical: 0.6,
            under_publisher_em: 0.6,
            name_raise_em: 0.1,
            above_rules_em: 0.3,
            under_rules_em: 0.35,
            under_band_em: 0.2,
            under_masthead: 0.8,
            contents_top_em: 0.4,
            contents_heading_gap_em: 0.2,
            contents_number_em: 0.6,
            contents_dots_gap_em: 0.3,
            contents_entry_space_em: 0.25,
            contents_close_em: 0.8,
            contents_close_rule_em: 0.5,
            contents_close_space_em: 0.2,
            title_pad_em: 0.45,
            colophon_pad_em: 0.8,
            colophon_gap_em: 1.0,
            running_rule_em: 0.45,
        }
    }
}

/// Rule thicknesses of a bulletin, pt.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinRules {
    /// The thick rule under the name, the thin one under it and the gap.
    pub masthead_thick_pt: f32,
    pub masthead_gap_pt: f32,
    /// Thin rules: under the masthead band, the contents, the colophon.
    pub thin_pt: f32,
    /// The box round "LƯU HÀNH NỘI BỘ".
    pub mark_frame_pt: f32,
    /// Over the contents and over each article's title.
    pub title_pt: f32,
    pub running_head_pt: f32,
}

/// How an A5 booklet is imposed: two pages side by side on each sheet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Booklet {
    pub sheet: Paper,
    /// Fold marks at the top and bottom of the sheet's middle.
    pub fold_mark_mm: f32,
    pub fold_mark_pt: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Front {
    Report(ReportStyle),
    Article(ArticleStyle),
    Bulletin(BulletinStyle),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// "report/hd36-2018", "article/v1".
    pub name: String,
    pub paper: Paper,
    pub margins: Margins,
    pub body_size: f32,
    /// Line distance as a multiple of the font size.
    pub leading: f32,
    pub first_indent_mm: f32,
    /// Space between paragraphs, in pt.
    pub para_space: f32,
    /// Heading sizes for levels 1–6.
    pub heading_sizes: [f32; 6],
    pub table_size: f32,
    pub caption_size: f32,
    pub footnote_size: f32,
    pub code_size: f32,
    pub list_indent_mm: f32,
    pub quote_indent_mm: f32,
    /// Bullet for unordered lists.
    pub bullet: String,
    pub page_numbers: PageNumbers,
    pub front: Front,
    /// Printed on both sides: back pages (2, 4, …) mirror the left and right
    /// margins, so the wide margin is always on the binding side.
    pub double_sided: bool,
    pub blocks: BlockStyle,
}

impl Template {
    pub fn page_width(&self) -> f32 {
        self.paper.width_mm * MM
    }
    pub fn page_height(&self) -> f32 {
        self.paper.height_mm * MM
    }
    pub fn text_left(&self) -> f32 {
        self.margins.left_mm * MM
    }
    pub fn text_width(&self) -> f32 {
        (self.paper.width_mm - self.margins.left_mm - self.margins.right_mm) * MM
    }
    pub fn text_top(&self) -> f32 {
        (self.paper.height_mm - self.margins.top_mm) * MM
    }
    pub fn text_bottom(&self) -> f32 {
        self.margins.bottom_mm * MM
    }
    pub(crate) fn check(&self) -> Result<(), String> {
        let ok = self.text_width() > 72.0
            && self.text_top() - self.text_bottom() > 144.0
            && self.body_size > 4.0
            && self.leading >= 1.0;
        if ok {
            Ok(())
        } else {
            Err(format!("{}: lề hoặc cỡ chữ không hợp lý", self.name))
        }
    }
}

/// The templates shipped with Bản Tin, as their files are written (comments
/// included, so `template export` hands an office the documented file).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "report/hd36-2018",
        include_str!("../../../../../assets/templates/report-hd36-2018.yaml"),
    ),
    (
        "report/hd05-2026",
        include_str!("../../../../../assets/templates/report-hd05-2026.yaml"),
    ),
    (
        "article/v1",
        include_str!("../../../../../assets/templates/article.yaml"),
    ),
    (
        "bulletin/v1",
        include_str!("../../../../../assets/templates/bulletin.yaml"),
    ),
];

/// The text of a shipped template, by its name or a short alias
/// ("report", "article", "bulletin").
pub fn shipped_text(name: &str) -> Option<&'static str> {
    let name = match name {
        "report" => "report/hd36-2018",
        "article" => "article/v1",
        "bulletin" => "bulletin/v1",
        other => other,
    };
    SHIPPED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The shipped templates, parsed once. They are part of the program and a
/// test loads each one, so a failure here is a build mistake, not bad input.
pub fn shipped() -> &'static [TemplateFile] {
    static SHIPPED_FILES: OnceLock<Vec<TemplateFile>> = OnceLock::new();
    SHIPPED_FILES.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(name, text)| {
                TemplateFile::parse(text).unwrap_or_else(|e| panic!("mẫu đi kèm {name} hỏng: {e}"))
            })
            .collect()
    })
}

fn shipped_file(name: &str) -> &'static TemplateFile {
    shipped()
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("thiếu mẫu đi kèm {name}"))
}

/// `report/hd36-2018`: a Party document after Hướng dẫn 36-HD/VPTW (2018).
pub fn report_hd36_2018() -> Template {
    shipped_file("report/hd36-2018").page_template()
}

/// The first-page and closing blocks of `report/hd36-2018`.
pub fn report_style() -> ReportStyle {
    match report_hd36_2018().front {
        Front::Report(r) => r,
        _ => unreachable!("report/hd36-2018 là mẫu báo cáo"),
    }
}

/// `article/v1`: one article printed on its own (the portal's print view).
pub fn article() -> Template {
    shipped_file("article/v1").page_template()
}

/// Title, lead and author line of `article/v1`.
pub fn article_style() -> ArticleStyle {
    match article().front {
        Front::Article(a) => a,
        _ => unreachable!("article/v1 là mẫu bài viết"),
    }
}

/// `bulletin/v1` on `paper` in one or two columns.
pub fn bulletin(paper: PaperSize, columns: u8) -> Template {
    shipped_file("bulletin/v1").bulletin_template(paper, columns)
}
