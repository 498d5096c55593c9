//! A template as its file says it: the YAML schema of `assets/templates/*.yaml`
//! and of the copies an office keeps in its library, and how it becomes the
//! typed `Template` the layout reads.
//!
//! YAML because the articles' front matter is YAML already (one syntax for an
//! editor to learn, and the crate reads it already), and because a template
//! file needs comments: each number says where it comes from. Unknown fields
//! are refused everywhere, so a misspelt setting is an error, not a silent
//! default.
//!
//! A bulletin's numbers follow its paper and column count, so its file gives
//! sizes per paper class and per column count, the smaller sizes as offsets
//! from the body size and the running head and page number as shares of the
//! margin they sit in; an office that changes the body size keeps the
//! proportions.

use serde::{Deserialize, Serialize};

use super::{
    ArticleSpacing, ArticleStyle, BlockStyle, Booklet, BulletinBlocks, BulletinRules,
    BulletinSpacing, BulletinStyle, Front, Margins, NumberPlace, PageNumbers, Paper, ReportStyle,
    Template, TemplateError,
};
use crate::model::PaperSize;

/// The only file format this version reads and writes.
pub const FORMAT: u32 = 1;

/// One template file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    /// File format version (`FORMAT`).
    pub format: u32,
    /// "report/hd36-2018": the kind, a slash, the rule set it follows.
    pub name: String,
    /// Revision of this template's numbers, from 1.
    pub version: u32,
    /// Vietnamese title shown in lists.
    pub title: String,
    /// The guidance the numbers follow.
    pub source: String,
    /// `false` for numbers reported by third parties and not yet checked
    /// against the guidance itself ("chưa xác nhận").
    pub confirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_numbers: Option<NumbersFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<BlockStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulletin: Option<BulletinFile>,
}

/// What a template sets: a Party document, an article, a bulletin issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    Report,
    Article,
    Bulletin,
}

impl TemplateKind {
    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::Report => "văn bản (báo cáo)",
            TemplateKind::Article => "bài viết",
            TemplateKind::Bulletin => "bản tin",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub paper: Paper,
    pub margins: Margins,
    /// Back pages mirror the left and right margins.
    pub double_sided: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFile {
    pub body_size: f32,
    pub leading: f32,
    pub first_indent_mm: f32,
    pub para_space: f32,
    pub heading_sizes: [f32; 6],
    pub table_size: f32,
    pub caption_size: f32,
    pub footnote_size: f32,
    pub code_size: f32,
    pub list_indent_mm: f32,
    pub quote_indent_mm: f32,
    pub bullet: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edge {
    Top,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    pub from_page: usize,
    /// `top`: the number's line box starts `from_edge_mm` below the top
    /// edge; `bottom`: its baseline sits that far above the bottom edge.
    pub at: Edge,
    pub from_edge_mm: f32,
    pub size: f32,
}

/// A bulletin: shared settings, then per column count and per paper class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinFile {
    /// Paper narrower than this uses `small` (A5), the rest `large`.
    pub small_paper_below_mm: f32,
    pub double_sided: bool,
    pub leading: f32,
    pub bullet: String,
    pub lead_bold: bool,
    /// Space between paragraphs, as a share of the body size.
    pub para_space_em: f32,
    /// Space before an article that does not open a column, same unit.
    pub article_gap_em: f32,
    pub page_numbers_from_page: usize,
    /// Page number baseline above the paper's edge, as a share of the bottom
    /// margin.
    pub page_number_in_bottom_margin: f32,
    /// Running head baseline below the paper's edge, as a share of the top
    /// margin.
    pub running_head_in_top_margin: f32,
    pub size_offsets: SizeOffsets,
    pub one_column: ColumnFile,
    pub two_columns: ColumnFile,
    pub large: PaperClassFile,
    pub small: PaperClassFile,
    pub licensed: LicensedFile,
    pub article_spacing: ArticleSpacing,
    pub publisher_share: f32,
    pub name_max_share: f32,
    pub band_size_offset: f32,
    pub contents_heading_offset: f32,
    pub rules: BulletinRules,
    pub booklet: Booklet,
    pub blocks: BlockStyle,
    /// Which parts print; a file without it prints them all.
    #[serde(default)]
    pub show: BulletinBlocks,
    /// Gaps of the masthead, contents and colophon; a file without it
    /// keeps the numbers of `bulletin/v1`.
    #[serde(default)]
    pub spacing: BulletinSpacing,
}

/// Sizes in pt added to the body size (negative: smaller).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeOffsets {
    pub headings: [f32; 6],
    pub table: f32,
    pub caption: f32,
    pub footnote: f32,
    pub code: f32,
    pub page_number: f32,
    pub author: f32,
    pub contents: f32,
    pub running_head: f32,
    pub colophon: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFile {
    /// Article titles: the body size plus this.
    pub title_offset: f32,
    pub first_indent_mm: f32,
    pub list_indent_mm: f32,
    pub quote_indent_mm: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperClassFile {
    pub margins: Margins,
    pub gutter_mm: f32,
    pub name_size: f32,
    pub kicker_size: f32,
    pub masthead_size: f32,
    pub body_size_one_column: f32,
    pub body_size_two_columns: f32,
}

/// Luật Báo chí 2016 for a licensed bulletin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicensedFile {
    pub max_pages: usize,
    pub max_width_mm: f32,
    pub max_height_mm: f32,
}

impl TemplateFile {
    /// Reads and validates a template file. Nothing half-checked comes out:
    /// a file that does not parse, has an unknown field or a number out of
    /// its range is an error naming the field.
    pub fn parse(text: &str) -> Result<TemplateFile, TemplateError> {
        let file: TemplateFile = serde_norway::from_str(text).map_err(TemplateError::from_yaml)?;
        file.validate()?;
        Ok(file)
    }

    pub fn kind(&self) -> TemplateKind {
        if self.bulletin.is_some() {
            TemplateKind::Bulletin
        } else if self.report.is_some() {
            TemplateKind::Report
        } else {
            TemplateKind::Article
        }
    }

    /// The template for a single document (report or article). A bulletin
    /// template gives its A4 two-column page.
    pub fn page_template(&self) -> Template {
        let (Some(page), Some(text), Some(numbers), Some(blocks)) =
            (&self.page, &self.text, &self.page_numbers, &self.blocks)
        else {
            return self.bulletin_template(PaperSize::A4, 2);
        };
        let front = match (&self.report, &self.article) {
            (Some(r), _) => Front::Report(r.clone()),
            (None, Some(a)) => Front::Article(a.clone()),
            (None, None) => Front::Article(super::article_style()),
        };
        Template {
            name: self.name.clone(),
            paper: page.paper,
            margins: page.margins,
            body_size: text.body_size,
            leading: text.leading,
            first_indent_mm: text.first_indent_mm,
            para_space: text.para_space,
            heading_sizes: text.heading_sizes,
            table_size: text.table_size,
            caption_size: text.caption_size,
            footnote_size: text.footnote_size,
            code_size: text.code_size,
            list_indent_mm: text.list_indent_mm,
            quote_indent_mm: text.quote_indent_mm,
            bullet: text.bullet.clone(),
            page_numbers: PageNumbers {
                from_page: numbers.from_page,
                place: match numbers.at {
                    Edge::Top => NumberPlace::Top {
                        from_edge_mm: numbers.from_edge_mm,
                    },
                    Edge::Bottom => NumberPlace::Bottom {
                        from_edge_mm: numbers.from_edge_mm,
                    },
                },
                size: numbers.size,
            },
            front,
            double_sided: page.double_sided,
            blocks: blocks.clone(),
        }
    }

    /// The template for a bulletin issue on `paper` in `columns` columns. A
    /// report or article template gives its own page (and the bulletin
    /// layout refuses it with a clear message).
    pub fn bulletin_template(&self, paper: PaperSize, columns: u8) -> Template {
        let Some(b) = &self.bulletin else {
            return self.page_template();
        };
        let (width_mm, height_mm) = paper.size_mm();
        b.template(
            &self.name,
            Paper {
                width_mm,
                height_mm,
            },
            columns,
        )
    }
}

impl BulletinFile {
    pub(super) fn template(&self, name: &str, paper: Paper, columns: u8) -> Template {
        let two = columns >= 2;
        let class = if paper.width_mm < self.small_paper_below_mm {
            &self.small
        } else {
            &self.large
        };
        let col = if two {
            &self.two_columns
        } else {
            &self.one_column
        };
        let body_size = if two {
            class.body_size_two_columns
        } else {
            class.body_size_one_column
        };
        let off = &self.size_offsets;
        let m = class.margins;
        Template {
            name: name.to_string(),
            paper,
            margins: m,
            body_size,
            leading: self.leading,
            first_indent_mm: col.first_indent_mm,
            para_space: body_size * self.para_space_em,
            heading_sizes: off.headings.map(|h| body_size + h),
            table_size: body_size + off.table,
            caption_size: body_size + off.caption,
            footnote_size: body_size + off.footnote,
            code_size: body_size + off.code,
            list_indent_mm: col.list_indent_mm,
            quote_indent_mm: col.quote_indent_mm,
            bullet: self.bullet.clone(),
            page_numbers: PageNumbers {
                from_page: self.page_numbers_from_page,
                place: NumberPlace::Bottom {
                    from_edge_mm: m.bottom_mm * self.page_number_in_bottom_margin,
                },
                size: body_size + off.page_number,
            },
            front: Front::Bulletin(BulletinStyle {
                columns: columns.clamp(1, 2),
                gutter_mm: class.gutter_mm,
                name_size: class.name_size,
                kicker_size: class.kicker_size,
                masthead_size: class.masthead_size,
                title_size: body_size + col.title_offset,
                lead_bold: self.lead_bold,
                author_size: body_size + off.author,
                contents_size: body_size + off.contents,
                running_size: body_size + off.running_head,
                running_from_edge_mm: m.top_mm * self.running_head_in_top_margin,
                article_gap: body_size * self.article_gap_em,
                colophon_size: body_size + off.colophon,
                licensed_max_pages: self.licensed.max_pages,
                licensed_max_mm: (self.licensed.max_width_mm, self.licensed.max_height_mm),
                article_spacing: self.article_spacing.clone(),
                publisher_share: self.publisher_share,
                band_size_offset: self.band_size_offset,
                contents_heading_offset: self.contents_heading_offset,
                name_max_share: self.name_max_share,
                rules: self.rules.clone(),
                booklet: self.booklet.clone(),
                show: self.show,
                spacing: self.spacing.clone(),
            }),
            double_sided: self.double_sided,
            blocks: self.blocks.clone(),
        }
    }
}

/// A template file's text that has passed `TemplateFile::parse`, kept with
/// its comments. Only `parse` makes one, so whatever holds a
/// `TemplateText` (the library, an export) holds a valid template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateText {
    file: TemplateFile,
    text: String,
}

impl TemplateText {
    pub fn parse(text: &str) -> Result<TemplateText, TemplateError> {
        Ok(TemplateText {
            file: TemplateFile::parse(text)?,
            text: text.to_string(),
        })
    }

    /// For a file `validate` has passed and the text that says it.
    pub(super) fn from_checked(file: TemplateFile, text: String) -> TemplateText {
        TemplateText { file, text }
    }

    pub fn file(&self) -> &TemplateFile {
        &self.file
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}
