//! One article → its pages and its PDF: the report template (a Party
//! document: header blocks from the organisation profile, signature) or
//! the article template (title, lead, body, author line).

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::words::layout_warnings;
use super::{ExportError, ExportWarning, PdfOutput, PdfTemplate, shown};
use crate::doc::Document;
use crate::model::{Article, Profile};
use crate::pdf::{PdfInfo, write_pdf};
use crate::typeset::{
    ArticleHeader, FontSet, ImageSource, Laid, ReportHeader, layout_article, layout_report,
    templates::{self, ReportBlocks},
};
use crate::word::{Front as WordFront, to_docx};

/// Lays out one article and writes its PDF bytes. Pure: `now` is the
/// creation time written in the file and the date of an undated report.
#[allow(clippy::too_many_arguments)]
pub fn article_pdf(
    article: &Article,
    doc: &Document,
    profile: &Profile,
    template: PdfTemplate,
    double_sided: bool,
    fonts: &FontSet,
    images: &dyn ImageSource,
    now: DateTime<FixedOffset>,
) -> Result<PdfOutput, ExportError> {
    let c = &article.content;
    let (laid, warnings) = article_layout(
        article,
        doc,
        profile,
        template,
        double_sided,
        fonts,
        images,
        now,
    )?;
    let author = if c.author.trim().is_empty() {
        profile.get("co_quan").unwrap_or("").to_string()
    } else {
        c.author.clone()
    };
    let info = PdfInfo {
        title: c.title.clone(),
        author,
        subject: Some(c.summary.clone()).filter(|s| !s.trim().is_empty()),
        created: now,
    };
    let bytes = write_pdf(&laid, fonts, &info)?;
    Ok(PdfOutput {
        bytes,
        pages: laid.pages.len(),
        warnings,
    })
}

/// The pages of one article as the PDF will print them, with the warnings
/// the editor should see (for `article_pdf` and the page preview).
#[allow(clippy::too_many_arguments)]
pub fn article_layout(
    article: &Article,
    doc: &Document,
    profile: &Profile,
    template: PdfTemplate,
    double_sided: bool,
    fonts: &FontSet,
    images: &dyn ImageSource,
    now: DateTime<FixedOffset>,
) -> Result<(Laid, Vec<ExportWarning>), ExportError> {
    let mut warnings = Vec::new();
    let base = template.template();
    let tpl = templates::Template {
        double_sided: double_sided || base.double_sided,
        ..base
    };
    let doc = shown::document(doc, shown::article_blocks(&tpl));
    let laid = match front(article, profile, &tpl, now.date_naive(), &mut warnings) {
        Front::Report(header) => layout_report(&doc, &header, &tpl, fonts, images)?,
        Front::Article(header) => layout_article(&doc, &header, &tpl, fonts, images)?,
    };
    warnings.extend(layout_warnings(&laid.warnings));
    Ok((laid, warnings))
}

/// One article as a Word file (`.docx`), with the same front and closing
/// blocks and the same template numbers (paper, margins, sizes) as its PDF.
pub fn article_docx(
    article: &Article,
    doc: &Document,
    profile: &Profile,
    template: PdfTemplate,
    images: &dyn ImageSource,
    today: NaiveDate,
) -> Result<(Vec<u8>, Vec<ExportWarning>), ExportError> {
    let mut warnings = Vec::new();
    let tpl = template.template();
    let doc = shown::document(doc, shown::article_blocks(&tpl));
    let bytes = match front(article, profile, &tpl, today, &mut warnings) {
        Front::Report(header) => to_docx(&doc, WordFront::Report(&header), &tpl, images)?,
        Front::Article(header) => to_docx(&doc, WordFront::Article(&header), &tpl, images)?,
    };
    Ok((bytes, warnings))
}

/// What an article prints above and below its body, whatever the output.
enum Front {
    Report(ReportHeader),
    Article(ArticleHeader),
}

/// The front blocks of `article` in `tpl`: a report template's header and
/// signature blocks (warning for each profile field left empty that would
/// print), or any other template's title, lead and author line; each
/// without the blocks the template leaves out.
fn front(
    article: &Article,
    profile: &Profile,
    tpl: &templates::Template,
    today: NaiveDate,
    warnings: &mut Vec<ExportWarning>,
) -> Front {
    let c = &article.content;
    match tpl.front {
        templates::Front::Report(_) => Front::Report(report_header(
            article,
            profile,
            shown::report_blocks(tpl),
            today,
            warnings,
        )),
        _ => Front::Article(shown::article_header(
            ArticleHeader {
                title: c.title.clone(),
                summary: Some(c.summary.clone()).filter(|s| !s.trim().is_empty()),
                author: Some(c.author.clone()).filter(|s| !s.trim().is_empty()),
                date: c.date,
            },
            shown::article_blocks(tpl),
        )),
    }
}

/// The report's first-page and signature blocks: the article's front matter
/// where it says something, the organisation profile otherwise.
fn report_header(
    article: &Article,
    profile: &Profile,
    show: ReportBlocks,
    today: NaiveDate,
    warnings: &mut Vec<ExportWarning>,
) -> ReportHeader {
    let c = &article.content;
    let extra = |key: &str| {
        c.extra
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    // A field of a block the template leaves out is neither read nor
    // missed.
    let mut field = |key: &str, prints: bool| -> String {
        if !prints {
            return String::new();
        }
        match extra(key).or_else(|| profile.get(key)) {
            Some(v) => v.to_string(),
            None => {
                warnings.push(ExportWarning::ProfileFieldMissing {
                    key: key.to_string(),
                });
                String::new()
            }
        }
    };
    let superior_body = field("cap_tren", true).to_uppercase();
    let issuing_body = field("co_quan", true).to_uppercase();
    let place = field("dia_danh", true);
    let authority = field("tm", show.signature).to_uppercase();
    let signer_title = field("chuc_vu_ky", show.signature).to_uppercase();
    let signer_name = field("nguoi_ky", show.signature);
    // Party style: "Số 12-BC/CB", no colon; an unnumbered draft keeps the gap
    // that the office fills in when the document is registered.
    let number_symbol = match extra("so_hieu") {
        Some(s) => format!("Số {}", s.trim_start_matches("Số").trim()),
        None => format!("Số       -BC/{}", field("ky_hieu", true)),
    };
    let recipients = if show.recipients {
        c.recipients(profile)
    } else {
        Vec::new()
    };
    let summary = if c.summary.trim().is_empty() {
        c.title.clone()
    } else {
        c.summary.clone()
    };
    ReportHeader {
        superior_body,
        issuing_body,
        number_symbol,
        place,
        date: c.date.unwrap_or(today),
        type_name: extra("loai_van_ban").unwrap_or("BÁO CÁO").to_uppercase(),
        summary,
        recipients: recipients
            .into_iter()
            .map(|r| r.trim().trim_start_matches('-').trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
        authority,
        signer_title,
        signer_name,
        show,
    }
}
