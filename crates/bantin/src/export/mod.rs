//! The one export driver (DESIGN §1), read as a pipeline: the library →
//! what an output needs (articles parsed once into `Document`s, the images
//! they show, the profile) → the output (`typeset` + `pdf`, `svg`, `bundle`)
//! → a file named and written atomically.
//!
//! - [`context`]: what the front doors call, one function per output
//!   ([`export_article_pdf`], [`export_bulletin_pdf`], [`article_pages`],
//!   [`bulletin_pages`], [`export_bundles`]); each reads the library only
//!   while loading, so the app never holds its lock through a layout;
//! - [`article`], [`bulletin`], [`bundles`]: the pure steps (bytes out, the
//!   clock handed in), which tests call directly;
//! - [`look`]: the template values the editing surface is drawn with;
//! - [`images`]: the one image source, every figure of a document wherever
//!   it nests; [`files`]: names, folders, atomic writes; [`words`]: typed
//!   warnings worded per door.

mod article;
mod bulletin;
mod bundles;
mod checks;
mod context;
mod files;
mod images;
mod look;
mod shown;
mod words;

pub use article::{article_docx, article_layout, article_pdf};
pub use bulletin::{BulletinPdfOptions, ExportProgress, bulletin_layout, bulletin_pdf};
pub use bundles::{BundleProgress, article_bundle};
pub use checks::{
    Subject, check_bulletin, check_content, check_subject, errors_before_export, go_on_anyway,
    prepare_checker,
};
pub use context::{
    ArticlePrint, ExportContext, LibraryHandle, Written, article_pages, article_pages_with,
    bulletin_pages, export_article_docx, export_article_pdf, export_bulletin_pdf, export_bundles,
    load_article, load_bulletin, print_font, write_bundle,
};
pub use files::{
    BACKUP_FOLDER, BackupFile, Target, article_docx_name, article_pdf_name, backup_path, backups,
    bulletin_pdf_name, bundle_file_name, create_folder, with_extension, write_atomically,
};
pub use images::Images;
pub use look::{PageLook, page_look};
pub use words::{Door, ExportWarning, worded};

use crate::bundle::BundleError;
use crate::doc::Document;
use crate::model::{Article, Kind};
use crate::pdf::PdfError;
use crate::store::StoreError;
use crate::typeset::{FontError, FontSet, Laid, TypesetError, templates};

/// Which print format a single article is set in.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfTemplate {
    /// A Party document (Hướng dẫn 36-HD/VPTW): header blocks, signature.
    Report,
    /// A plain, well-set article: title, lead, body, author line.
    Article,
    /// A template the office chose (library or file): a report template
    /// sets a report, any other an article.
    Chosen(Box<templates::Template>),
}

impl PdfTemplate {
    pub fn parse(s: &str) -> Option<PdfTemplate> {
        match crate::text::slugify(s).as_str() {
            "report" | "bao-cao" => Some(PdfTemplate::Report),
            "article" | "bai-viet" | "tin-bai" => Some(PdfTemplate::Article),
            _ => None,
        }
    }

    /// Reports print as reports; everything else as an article.
    pub fn for_kind(kind: Kind) -> PdfTemplate {
        match kind {
            Kind::BaoCao => PdfTemplate::Report,
            Kind::TinBai => PdfTemplate::Article,
        }
    }

    /// The numbers this format is set with.
    pub fn template(&self) -> templates::Template {
        match self {
            PdfTemplate::Report => templates::report_hd36_2018(),
            PdfTemplate::Article => templates::article(),
            PdfTemplate::Chosen(t) => (**t).clone(),
        }
    }

    /// `report`, `article`, or the name of a template in the library or
    /// shipped with Bản Tin (`bantin export pdf --template`).
    pub fn named(lib: &crate::store::Library, name: &str) -> Result<PdfTemplate, ExportError> {
        if let Some(p) = PdfTemplate::parse(name) {
            return Ok(p);
        }
        if lib.template(name)?.is_none() && templates::shipped_text(name).is_none() {
            return Err(ExportError::UnknownTemplate { name: name.into() });
        }
        let t = lib.find_template(name)?;
        Ok(PdfTemplate::Chosen(Box::new(t.file().page_template())))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error(transparent)]
    Word(#[from] crate::word::WordError),
    #[error("Không ghi được tệp \"{}\": {reason}. Hãy chọn thư mục khác.", path.display())]
    Write {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("Không tạo được thư mục \"{}\": {reason}. Hãy chọn thư mục khác.", path.display())]
    Folder {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("Đã hủy; không có tệp nào được ghi thêm.")]
    Cancelled,
    /// `--template NAME` names no template (the CLI's words; the app's are
    /// in `words.rs`).
    #[error(
        "Không có mẫu \"{name}\"; hãy dùng report (báo cáo), article (bài viết) hoặc tên một mẫu trong danh sách \"bantin template list\"."
    )]
    UnknownTemplate { name: String },
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Typeset(TypesetError::Cancelled)
            | ExportError::Pdf(PdfError::Cancelled)
            | ExportError::Cancelled => "cancelled",
            ExportError::Font(_) => "font_missing",
            ExportError::Typeset(_) => "typeset",
            ExportError::Pdf(_) => "pdf",
            ExportError::Store(e) => e.code(),
            ExportError::Bundle(e) => e.code(),
            ExportError::Word(_) => "word",
            ExportError::UnknownTemplate { .. } => "unknown_template",
            ExportError::Write { .. } | ExportError::Folder { .. } => "write_failed",
        }
    }
}

/// An article and its `Document`, parsed once for every output, with the
/// template the article or the office chose for it (`None`: the shipped one
/// for its kind).
#[derive(Debug, Clone)]
pub struct Source {
    pub article: Article,
    pub doc: Document,
    pub chosen: Option<templates::Template>,
}

impl Source {
    pub fn new(article: Article) -> Source {
        let doc = crate::markdown::parse(&article.content.body);
        Source {
            article,
            doc,
            chosen: None,
        }
    }
}

/// A finished PDF and what the editor should know about it.
#[derive(Debug)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Missing glyphs, images not shown, profile fields not set.
    pub warnings: Vec<ExportWarning>,
}

/// Pages as SVG for a preview, with the warnings of the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct PagePreview {
    pub pages: Vec<String>,
    pub warnings: Vec<ExportWarning>,
}

impl PagePreview {
    pub fn of(laid: &Laid, warnings: Vec<ExportWarning>, fonts: &FontSet) -> PagePreview {
        PagePreview {
            pages: (0..laid.pages.len())
                .filter_map(|k| crate::svg::page_svg(laid, k, fonts))
                .collect(),
            warnings,
        }
    }
}
