//! A bulletin issue → PDF: the issue and its articles from the library,
//! the masthead and colophon from the settings and the organisation
//! profile, `typeset::layout_bulletin`, optionally the A5 booklet
//! imposition, then `pdf`. Progress (articles laid out, pages written) goes
//! to a callback that can cancel; nothing is written to disk here.
//! Articles come parsed ([`Source`]), so nothing here reads Markdown.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::words::layout_warnings;
use super::{ExportError, ExportWarning, PdfOutput, Source, shown};
use crate::model::{Bulletin, LICENCE_FIELDS, PaperSize, Profile};
use crate::pdf::{PdfInfo, write_pdf_with_progress};
use crate::typeset::{
    ArticleHeader, BulletinArticle, FontSet, ImageSource, Laid, Masthead, impose, layout_bulletin,
    templates::{self, TemplateFile},
};

/// How to print an issue; `None` keeps the issue's own setting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulletinPdfOptions {
    pub columns: Option<u8>,
    pub paper: Option<PaperSize>,
    /// A5 pages imposed two by two on A4 landscape for folding and
    /// saddle stitching (implies A5).
    pub booklet: bool,
    /// The bulletin template to print with (an office's copy); `None` is
    /// the shipped `bulletin/v1`. The driver fills it from the or
    /// the office's choice (`Library::bulletin_template`).
    pub template: Option<TemplateFile>,
}

/// What a long export is doing, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ExportProgress {
    /// Articles laid out so far.
    Layout { done: usize, total: usize },
    /// Pages written so far.
    Pages { done: usize, total: usize },
}

impl ExportProgress {
    /// "Đang dàn trang bài 12/40…", "Đang ghi trang 30/96…".
    pub fn message(&self) -> String {
        match self {
            ExportProgress::Layout { done, total } => format!("Đang dàn trang bài {done}/{total}…"),
            ExportProgress::Pages { done, total } => format!("Đang ghi trang {done}/{total}…"),
        }
    }

    /// How far the whole export is, 0.0 to 1.0, for one progress bar:
    /// laying out the articles is the first half, writing the pages the
    /// second (about even, measured on a 150-article, 129-page issue).
    pub fn fraction(&self) -> f64 {
        match *self {
            ExportProgress::Layout { done, total } => 0.5 * done as f64 / total.max(1) as f64,
            ExportProgress::Pages { done, total } => 0.5 + 0.5 * done as f64 / total.max(1) as f64,
        }
    }
}

/// Lays out and writes one issue. Pure: `now` is the creation time in the
/// file; `progress` answers `false` to cancel (`ExportError` "cancelled").
#[allow(clippy::too_many_arguments)]
pub fn bulletin_pdf(
    bulletin: &Bulletin,
    articles: &[Source],
    profile: &Profile,
    options: &BulletinPdfOptions,
    fonts: &FontSet,
    images: &dyn ImageSource,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(&ExportProgress) -> bool,
) -> Result<PdfOutput, ExportError> {
    let (laid, warnings, pages) = bulletin_layout(
        bulletin, articles, profile, options, fonts, images, progress,
    )?;
    let masthead = masthead(bulletin, profile, &mut Vec::new());
    let info = PdfInfo {
        title: format!("{} {}", bulletin.name.trim(), masthead.number),
        author: masthead.publisher.join(" – "),
        subject: Some(masthead.period.clone()).filter(|s| !s.is_empty()),
        created: now,
    };
    let bytes = write_pdf_with_progress(&laid, fonts, &info, &mut |done, total| {
        progress(&ExportProgress::Pages { done, total })
    })?;
    Ok(PdfOutput {
        bytes,
        pages,
        warnings,
    })
}

/// The sheets of an issue as the PDF will print them (imposed when a
/// booklet is asked for), the warnings, and the number of bulletin pages.
pub fn bulletin_layout(
    bulletin: &Bulletin,
    articles: &[Source],
    profile: &Profile,
    options: &BulletinPdfOptions,
    fonts: &FontSet,
    images: &dyn ImageSource,
    progress: &mut dyn FnMut(&ExportProgress) -> bool,
) -> Result<(Laid, Vec<ExportWarning>, usize), ExportError> {
    let paper = if options.booklet {
        PaperSize::A5
    } else {
        options.paper.unwrap_or(bulletin.paper)
    };
    // An A5 page is too narrow for two columns of readable type: one
    // column unless asked for explicitly.
    let columns = match (options.columns, paper) {
        (Some(c), _) => c,
        (None, PaperSize::A5) => 1,
        (None, _) => bulletin.columns,
    }
    .clamp(1, 2);
    let tpl = match &options.template {
        Some(t) => t.bulletin_template(paper, columns),
        None => templates::bulletin(paper, columns),
    };
    let mut warnings = Vec::new();
    let masthead = shown::masthead(
        masthead(bulletin, profile, &mut warnings),
        shown::bulletin_blocks(&tpl),
    );
    let items: Vec<BulletinArticle> = articles
        .iter()
        .map(
            |Source {
                 article: a, doc, ..
             }| BulletinArticle {
                doc: doc.clone(),
                header: ArticleHeader {
                    title: a.content.title.clone(),
                    summary: Some(a.content.summary.clone()).filter(|s| !s.trim().is_empty()),
                    author: Some(a.content.author.clone()).filter(|s| !s.trim().is_empty()),
                    date: None,
                },
            },
        )
        .collect();
    let mut laid = layout_bulletin(
        &masthead,
        &items,
        &tpl,
        fonts,
        images,
        &mut |done, total| progress(&ExportProgress::Layout { done, total }),
    )?;
    warnings.extend(layout_warnings(&laid.warnings));
    let pages = laid.pages.len();
    if options.booklet {
        laid = impose::booklet(laid);
    }
    Ok((laid, warnings, pages))
}

/// The masthead and colophon: the settings where set, the
/// organisation profile otherwise.
fn masthead(b: &Bulletin, profile: &Profile, warnings: &mut Vec<ExportWarning>) -> Masthead {
    let publisher: Vec<String> = if b.publisher.trim().is_empty() {
        ["cap_tren", "co_quan"]
            .iter()
            .filter_map(|k| profile.get(k))
            .map(str::to_string)
            .collect()
    } else {
        b.publisher
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let number = b
        .number
        .trim()
        .trim_start_matches("Số")
        .trim_start_matches("số")
        .trim();
    let number = if number.is_empty() {
        String::new()
    } else {
        format!("Số {number}")
    };
    // A licensed bulletin prints its publishing date at the top of page 1
    // (Luật Báo chí 2016); others show the period ("Tháng 11/2026").
    let day = b.date.map(crate::text::format_date);
    let period = match (b.licensed, day, b.period.trim()) {
        (true, Some(day), "") => capitalised(&day),
        (true, Some(day), set) => format!("{set}, {day}"),
        (false, Some(day), _) if b.period_text().is_empty() => day,
        _ => b.period_text(),
    };
    let running_head = [b.name.trim(), number.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let field = |key: &str| b.field(key).map(str::to_string);
    let label = |key: &str| -> String {
        match key {
            "co_quan_chu_quan" => "Cơ quan chủ quản",
            "chiu_trach_nhiem" => "Chịu trách nhiệm xuất bản",
            "ban_bien_tap" => "Ban biên tập",
            "giay_phep" => "Giấy phép xuất bản",
            "noi_in" => "In tại",
            "so_luong" => "Số lượng",
            "dinh_ky" => "Kỳ hạn xuất bản",
            other => other,
        }
        .to_string()
    };
    let mut colophon = Vec::new();
    let owner = field("co_quan_chu_quan").or_else(|| profile.get("cap_tren").map(str::to_string));
    colophon.extend(owner.map(|v| (label("co_quan_chu_quan"), v)));
    for key in ["chiu_trach_nhiem", "ban_bien_tap"] {
        colophon.extend(field(key).map(|v| (label(key), v)));
    }
    for (key, name) in [
        ("dia_chi", "Địa chỉ"),
        ("dien_thoai", "Điện thoại"),
        ("email", "Thư điện tử"),
    ] {
        colophon.extend(profile.get(key).map(|v| (name.to_string(), v.to_string())));
    }
    if b.licensed {
        for key in ["giay_phep", "noi_in", "so_luong", "dinh_ky"] {
            colophon.extend(field(key).map(|v| (label(key), v)));
        }
        for key in LICENCE_FIELDS {
            if b.field(key).is_none() {
                warnings.push(ExportWarning::LicenceFieldMissing {
                    bulletin: b.id,
                    key: key.to_string(),
                });
            }
        }
    }
    if b.internal {
        colophon.push((String::new(), "Lưu hành nội bộ".to_string()));
    }
    Masthead {
        name: b.name.trim().to_string(),
        kicker: b.licensed,
        publisher,
        number,
        period,
        internal: b.internal,
        running_head,
        colophon,
        ..Masthead::default()
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
