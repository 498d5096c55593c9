//! Exports, read as a pipeline (DESIGN §1): an article from the library →
//! `markdown::parse` → `typeset` with a template → `pdf` bytes → a file
//! written atomically. Only this module and the front doors touch the disk.

mod bulletin;

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::{Article, Kind, Profile};
pub use bulletin::{
    BulletinPdfOptions, ExportProgress, bulletin_layout, bulletin_pdf, load_bulletin,
};

use crate::pdf::{PdfError, PdfInfo, write_pdf};
use crate::store::{Library, StoreError};
use crate::typeset::{
    ArticleHeader, FontError, FontSet, ImageSource, Laid, ReportHeader, TypesetError,
    layout_article, layout_report, templates,
};

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
    /// The numbers this format is set with.
    pub fn template(&self) -> templates::Template {
        match self {
            PdfTemplate::Report => templates::report_hd36_2018(),
            PdfTemplate::Article => templates::article(),
            PdfTemplate::Chosen(t) => (**t).clone(),
        }
    }

    pub fn for_kind(kind: Kind) -> PdfTemplate {
        match kind {
            Kind::BaoCao => PdfTemplate::Report,
            Kind::TinBai => PdfTemplate::Article,
        }
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
    #[error("Không ghi được tệp \"{}\": {reason}. Hãy chọn thư mục khác.", path.display())]
    Write {
        path: std::path::PathBuf,
        reason: String,
    },
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Typeset(TypesetError::Cancelled)
            | ExportError::Pdf(PdfError::Cancelled) => "cancelled",
            ExportError::Font(_) => "font_missing",
            ExportError::Typeset(_) => "typeset",
            ExportError::Pdf(_) => "pdf",
            ExportError::Store(e) => e.code(),
            ExportError::Write { .. } => "write_failed",
        }
    }
}

/// A finished PDF and what the editor should know about it.
#[derive(Debug)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Missing glyphs, images not shown, profile fields not set.
    pub warnings: Vec<String>,
}

/// Images of a library article, by `asset:<sha256>`.
pub struct LibraryImages<'a>(pub &'a Library);

impl ImageSource for LibraryImages<'_> {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        self.0.asset_bytes(src.strip_prefix("asset:")?).ok()
    }
}

/// Lays out one article and writes its PDF bytes. Pure: `now` is the
/// creation time written in the file and the date of an undated report.
pub fn article_pdf(
    article: &Article,
    profile: &Profile,
    template: PdfTemplate,
    double_sided: bool,
    fonts: &FontSet,
    images: &dyn ImageSource,
    now: DateTime<FixedOffset>,
) -> Result<PdfOutput, ExportError> {
    let c = &article.content;
    let (laid, warnings) =
        article_layout(article, profile, template, double_sided, fonts, images, now)?;
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
pub fn article_layout(
    article: &Article,
    profile: &Profile,
    template: PdfTemplate,
    double_sided: bool,
    fonts: &FontSet,
    images: &dyn ImageSource,
    now: DateTime<FixedOffset>,
) -> Result<(Laid, Vec<String>), ExportError> {
    let c = &article.content;
    let doc = crate::markdown::parse(&c.body);
    let mut warnings = Vec::new();
    let base = template.template();
    let tpl = templates::Template {
        double_sided: double_sided || base.double_sided,
        ..base
    };
    let laid = match tpl.front {
        templates::Front::Report(_) => {
            let header = report_header(article, profile, now.date_naive(), &mut warnings);
            layout_report(&doc, &header, &tpl, fonts, images)?
        }
        _ => {
            let header = ArticleHeader {
                title: c.title.clone(),
                summary: Some(c.summary.clone()).filter(|s| !s.trim().is_empty()),
                author: Some(c.author.clone()).filter(|s| !s.trim().is_empty()),
                date: c.date,
            };
            layout_article(&doc, &header, &tpl, fonts, images)?
        }
    };
    warnings.extend(laid.warnings.iter().cloned());
    Ok((laid, warnings))
}

/// Pages as SVG for a preview, with the warnings of the layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PagePreview {
    pub pages: Vec<String>,
    pub warnings: Vec<String>,
}

impl PagePreview {
    pub fn of(laid: &Laid, warnings: Vec<String>, fonts: &FontSet) -> PagePreview {
        PagePreview {
            pages: (0..laid.pages.len())
                .filter_map(|k| crate::svg::page_svg(laid, k, fonts))
                .collect(),
            warnings,
        }
    }
}

/// The report's first-page and signature blocks: the article's front matter
/// where it says something, the organisation profile otherwise.
fn report_header(
    article: &Article,
    profile: &Profile,
    today: NaiveDate,
    warnings: &mut Vec<String>,
) -> ReportHeader {
    let c = &article.content;
    let extra = |key: &str| {
        c.extra
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let mut field = |key: &str| -> String {
        match extra(key).or_else(|| profile.get(key)) {
            Some(v) => v.to_string(),
            None => {
                warnings.push(format!(
                    "Chưa đặt \"{key}\" trong thông tin đơn vị; dòng này đang để trống (đặt bằng: bantin profile set {key} \"…\")."
                ));
                String::new()
            }
        }
    };
    let superior_body = field("cap_tren").to_uppercase();
    let issuing_body = field("co_quan").to_uppercase();
    let place = field("dia_danh");
    let authority = field("tm").to_uppercase();
    let signer_title = field("chuc_vu_ky").to_uppercase();
    let signer_name = field("nguoi_ky");
    let abbreviation = extra("ky_hieu")
        .or_else(|| profile.get("ky_hieu"))
        .unwrap_or("");
    // Party style: "Số 12-BC/CB", no colon; an unnumbered draft keeps the gap
    // that the office fills in when the document is registered.
    let number_symbol = match extra("so_hieu") {
        Some(s) => format!("Số {}", s.trim_start_matches("Số").trim()),
        None => format!("Số       -BC/{abbreviation}"),
    };
    let recipients: Vec<String> = match c.extra.get("noi_nhan") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect(),
        Some(serde_json::Value::String(s)) => s.lines().map(str::to_string).collect(),
        _ => profile
            .get("noi_nhan")
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_default(),
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
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the
/// complete new one: a temporary file beside it, flushed, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |e: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        reason: match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                "thư mục chỉ cho đọc hoặc bạn không có quyền ghi".into()
            }
            std::io::ErrorKind::NotFound => "thư mục không tồn tại".into(),
            std::io::ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
            _ => e.to_string(),
        },
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}
