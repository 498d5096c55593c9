//! Typesetting: from a `doc::Document`, a template and fonts to positioned
//! pages that `pdf` writes (and a page preview can draw) without measuring
//! anything again.
//!
//! Pipeline: blocks become `flow::Row`s (a line, a table row, a figure, a
//! header block: each an unbreakable strip with keep-with-next flags), and
//! the flow pours rows into the frames of each page. A page of a bulletin
//! in two columns is just two frames, so columns do not change the blocks.
//!
//! The page types (`Laid`, `Page`, `Item`, `OutlineEntry`) are in `page.rs`;
//! this file holds the entry points (`layout_article`, `layout_report`, and
//! `layout_bulletin` from `bulletin.rs`) and what they take.
//!
//! Layout is pure: no files, no clock. The only outside input is image bytes
//! through `ImageSource`; the same input gives the same pages.

mod blocks;
mod bulletin;
mod figure;
mod flow;
pub mod fonts;
mod front;
pub mod images;
pub mod impose;
pub mod linebreak;
mod page;
pub mod paragraph;
mod table;
pub mod templates;

pub use bulletin::{BulletinArticle, Masthead, layout_bulletin};
pub use fonts::{FontError, FontFace, FontSet, FontStyle};
pub use images::{ColorSpace, ImageData, ImageEncoding};
pub use page::{Item, Laid, OutlineEntry, Page};
pub use templates::Template;

use crate::doc::Document;

/// Where image bytes come from (`asset:<sha256>` from the library, a path…).
pub trait ImageSource {
    fn image(&self, src: &str) -> Option<Vec<u8>>;
}

/// An `ImageSource` that has no images: every figure becomes a placeholder.
pub struct NoImages;
impl ImageSource for NoImages {
    fn image(&self, _src: &str) -> Option<Vec<u8>> {
        None
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("Mẫu trình bày không hợp lệ: {0}")]
    Template(String),
    #[error("Đã hủy theo yêu cầu; không có tệp nào được ghi.")]
    Cancelled,
}

/// What the first page of a Party report says besides its body.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportHeader {
    pub superior_body: String,
    pub issuing_body: String,
    /// "Số 12-BC/CB".
    pub number_symbol: String,
    pub place: String,
    pub date: chrono::NaiveDate,
    /// "BÁO CÁO".
    pub type_name: String,
    /// Trích yếu: "về kết quả xây dựng văn hóa công sở năm 2026".
    pub summary: String,
    /// "Đảng ủy xã (để b/c)", …, "Lưu VP" (dashes and semicolons are added).
    pub recipients: Vec<String>,
    /// "T/M CHI BỘ".
    pub authority: String,
    pub signer_title: String,
    pub signer_name: String,
    /// Which of the fixed blocks print (the template's `report.show`, as
    /// the export reads it).
    pub show: templates::ReportBlocks,
}

impl ReportHeader {
    /// "Nơi nhận" as it prints, PDF and Word alike: each recipient after a
    /// dash, ending with ";", the last with ".".
    pub fn recipient_lines(&self) -> Vec<String> {
        let n = self.recipients.len();
        self.recipients
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let r = r
                    .trim()
                    .trim_start_matches(['-', '–'])
                    .trim()
                    .trim_end_matches([';', '.']);
                let end = if k + 1 == n { "." } else { ";" };
                format!("- {r}{end}")
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleHeader {
    pub title: String,
    /// The lead (sapo), set in bold under the title.
    pub summary: Option<String>,
    /// Author or source, right-aligned in bold at the end.
    pub author: Option<String>,
    pub date: Option<chrono::NaiveDate>,
}

/// Lays out a Party report (`report/hd36-2018` and its successors).
pub fn layout_report(
    doc: &Document,
    header: &ReportHeader,
    tpl: &Template,
    fonts: &FontSet,
    images: &dyn ImageSource,
) -> Result<Laid, TypesetError> {
    let mut cx = blocks::Cx::new(fonts, tpl, images)?;
    let mut rows = front::report_head(&mut cx, header);
    let mut body = cx.document_rows(doc);
    // The signature never stands alone on a page: the body's last two lines
    // go with it, as an office would set it in Word.
    let n = body.len();
    for row in body.iter_mut().skip(n.saturating_sub(2)) {
        if matches!(row.kind, flow::RowKind::Fixed) {
            row.keep_with_next = true;
        }
    }
    rows.extend(body);
    rows.extend(front::report_tail(&mut cx, header));
    Ok(cx.finish(rows, doc))
}

/// Lays out a single article (title, lead, body, author line).
pub fn layout_article(
    doc: &Document,
    header: &ArticleHeader,
    tpl: &Template,
    fonts: &FontSet,
    images: &dyn ImageSource,
) -> Result<Laid, TypesetError> {
    let mut cx = blocks::Cx::new(fonts, tpl, images)?;
    let mut rows = front::article_head(&mut cx, header);
    rows.extend(cx.document_rows(doc));
    rows.extend(front::article_tail(&mut cx, header));
    Ok(cx.finish(rows, doc))
}
