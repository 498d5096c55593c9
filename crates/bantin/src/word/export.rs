//! An article or a report as a Word file, with the same front and closing
//! blocks and the same template numbers as its PDF.

use chrono::NaiveDate;

use super::WordError;
use super::write::{Front, to_docx};
use crate::export::PdfTemplate;
use crate::model::{Article, Profile};
use crate::typeset::{ArticleHeader, ImageSource, templates};

/// The `.docx` bytes of an article, and the warnings the editor should see
/// (profile fields not set). `today` dates an undated report.
pub fn article_docx(
    article: &Article,
    profile: &Profile,
    template: PdfTemplate,
    images: &dyn ImageSource,
    today: NaiveDate,
) -> Result<(Vec<u8>, Vec<String>), WordError> {
    let c = &article.content;
    let doc = crate::markdown::parse(&c.body);
    let mut warnings = Vec::new();
    let bytes = match template {
        PdfTemplate::Report => {
            let header = crate::export::report_header(article, profile, today, &mut warnings);
            to_docx(
                &doc,
                Front::Report(&header),
                &templates::report_hd36_2018(),
                images,
            )?
        }
        PdfTemplate::Article => {
            let header = ArticleHeader {
                title: c.title.clone(),
                summary: Some(c.summary.clone()).filter(|s| !s.trim().is_empty()),
                author: Some(c.author.clone()).filter(|s| !s.trim().is_empty()),
                date: c.date,
            };
            to_docx(&doc, Front::Article(&header), &templates::article(), images)?
        }
    };
    Ok((bytes, warnings))
}
