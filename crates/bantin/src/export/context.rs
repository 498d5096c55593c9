//! What the front doors call: one function per output. Each loads what
//! the output needs while it holds the library (the article, parsed once;
//! the images its figures show; the profile), lets go of it, then lays out,
//! writes bytes, names the file and writes it atomically. The app keeps
//! its library behind a lock; no export holds that lock while it works.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};

use super::files::{self, Target, unique_name, write_atomically};
use super::{
    BulletinPdfOptions, BundleProgress, ExportError, ExportProgress, ExportWarning, Images,
    PagePreview, PdfOutput, PdfTemplate, Source,
};
use crate::bundle::Bundle;
use crate::doc::Document;
use crate::model::{ArticleId, Bulletin, BulletinId, Content, Profile};
use crate::store::Library;
use crate::typeset::FontSet;
use crate::typeset::templates::TemplateText;

/// How a door reaches the library: the CLI owns it, the app holds it
/// behind a lock. The value `lock` returns is dropped as soon as loading
/// is done.
pub trait LibraryHandle {
    fn lock(&self) -> impl Deref<Target = Library> + '_;
}

impl LibraryHandle for Library {
    fn lock(&self) -> impl Deref<Target = Library> + '_ {
        self
    }
}

/// What every export needs, built once per export: the organisation
/// profile, the images the documents show, the clock (Vietnam time), and
/// the fonts, found on first use from the profile's `phong_chu`.
pub struct ExportContext {
    pub profile: Profile,
    pub images: Images,
    pub now: DateTime<FixedOffset>,
    fonts: OnceLock<FontSet>,
}

/// The template choice for one article: `None` prints reports as reports
/// and everything else as an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticlePrint {
    pub template: Option<PdfTemplate>,
    /// Even pages mirror the left and right margins.
    pub double_sided: bool,
}

/// A file an export wrote and what the editor should know about it.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
    pub warnings: Vec<ExportWarning>,
}

impl ExportContext {
    pub fn new(profile: Profile, images: Images, now: DateTime<FixedOffset>) -> ExportContext {
        ExportContext {
            profile,
            images,
            now,
            fonts: OnceLock::new(),
        }
    }

    /// The profile and every image `docs` show, read from `lib`.
    pub fn load<'d>(
        lib: &Library,
        docs: impl IntoIterator<Item = &'d Document>,
        now: DateTime<FixedOffset>,
    ) -> Result<ExportContext, ExportError> {
        Ok(ExportContext::new(
            lib.profile()?,
            Images::load(lib, docs),
            now,
        ))
    }

    /// The print fonts: the profile's choice, else the defaults (DESIGN §5).
    pub fn fonts(&self) -> Result<&FontSet, ExportError> {
        if let Some(fonts) = self.fonts.get() {
            return Ok(fonts);
        }
        let found = FontSet::discover(self.profile.get("phong_chu"))?;
        Ok(self.fonts.get_or_init(|| found))
    }

    pub fn article_pdf(&self, s: &Source, print: &ArticlePrint) -> Result<PdfOutput, ExportError> {
        let template = print.template_for(s);
        let (profile, images, now) = (&self.profile, &self.images, self.now);
        let fonts = self.fonts()?;
        super::article_pdf(
            &s.article,
            &s.doc,
            profile,
            template,
            print.double_sided,
            fonts,
            images,
            now,
        )
    }

    /// The article as a Word file, with its warnings.
    pub fn article_docx(
        &self,
        s: &Source,
        print: &ArticlePrint,
    ) -> Result<(Vec<u8>, Vec<ExportWarning>), ExportError> {
        super::article_docx(
            &s.article,
            &s.doc,
            &self.profile,
            print.template_for(s),
            &self.images,
            self.now.date_naive(),
        )
    }

    pub fn article_pages(
        &self,
        s: &Source,
        print: &ArticlePrint,
    ) -> Result<PagePreview, ExportError> {
        let template = print.template_for(s);
        let (profile, images, now) = (&self.profile, &self.images, self.now);
        let fonts = self.fonts()?;
        let (laid, warnings) = super::article_layout(
            &s.article,
            &s.doc,
            profile,
            template,
            print.double_sided,
            fonts,
            images,
            now,
        )?;
        Ok(PagePreview::of(&laid, warnings, fonts))
    }

    pub fn bulletin_pdf(
        &self,
        bulletin: &Bulletin,
        articles: &[Source],
        options: &BulletinPdfOptions,
        progress: &mut dyn FnMut(&ExportProgress) -> bool,
    ) -> Result<PdfOutput, ExportError> {
        let fonts = self.fonts()?;
        super::bulletin_pdf(
            bulletin,
            articles,
            &self.profile,
            options,
            fonts,
            &self.images,
            self.now,
            progress,
        )
    }

    pub fn bulletin_pages(
        &self,
        bulletin: &Bulletin,
        articles: &[Source],
        options: &BulletinPdfOptions,
    ) -> Result<PagePreview, ExportError> {
        let fonts = self.fonts()?;
        let (laid, warnings, _) = super::bulletin_layout(
            bulletin,
            articles,
            &self.profile,
            options,
            fonts,
            &self.images,
            &mut |_| true,
        )?;
        Ok(PagePreview::of(&laid, warnings, fonts))
    }

    /// The upload bundle of one article, with its print PDF if `with_pdf`.
    pub fn bundle(&self, s: &Source, with_pdf: bool) -> Result<Bundle, ExportError> {
        let pdf = match with_pdf {
            true => Some(self.article_pdf(s, &ArticlePrint::default())?.bytes),
            false => None,
        };
        super::article_bundle(s, &self.images, pdf, self.now)
    }
}

/// The pages an article will print on with `print`'s template: Cài đặt →
/// Mẫu trình bày shows a template being edited on the open article at once.
pub fn article_pages_with(
    lib: &impl LibraryHandle,
    id: ArticleId,
    content: Option<Content>,
    print: &ArticlePrint,
    now: DateTime<FixedOffset>,
) -> Result<PagePreview, ExportError> {
    let (source, cx) = load_article(lib, id, content, now)?;
    cx.article_pages(&source, print)
}

impl ArticlePrint {
    /// The `--template` given, else the template chosen for the article or
    /// the office, else the shipped one for its kind.
    fn template_for(&self, s: &Source) -> PdfTemplate {
        match (&self.template, &s.chosen) {
            (Some(t), _) => t.clone(),
            (None, Some(chosen)) => PdfTemplate::Chosen(Box::new(chosen.clone())),
            (None, None) => PdfTemplate::for_kind(s.article.content.kind),
        }
    }
}

/// An article (with `content` instead of what is saved, when given: the
/// page preview of unsaved typing) and what exporting it needs: the
/// template chosen for it is read while the library is held.
pub fn load_article(
    lib: &impl LibraryHandle,
    id: ArticleId,
    content: Option<Content>,
    now: DateTime<FixedOffset>,
) -> Result<(Source, ExportContext), ExportError> {
    let lib = lib.lock();
    let mut article = lib.article(id)?;
    if let Some(content) = content {
        article.content = content;
    }
    let mut source = Source::new(article);
    let profile = lib.profile()?;
    source.chosen = lib
        .chosen_template(&source.article, &profile)?
        .map(|t| t.file().page_template());
    let cx = ExportContext::load(&lib, [&source.doc], now)?;
    Ok((source, cx))
}

/// An issue, its articles in print order, what printing them needs, and
/// the template chosen for it (the issue's, else the office's), if any.
#[allow(clippy::type_complexity)]
pub fn load_bulletin(
    lib: &impl LibraryHandle,
    id: BulletinId,
    now: DateTime<FixedOffset>,
) -> Result<(Bulletin, Vec<Source>, ExportContext, Option<TemplateText>), ExportError> {
    let lib = lib.lock();
    let bulletin = lib.bulletin(id)?;
    let mut sources = Vec::with_capacity(bulletin.articles.len());
    for &a in &bulletin.articles {
        sources.push(Source::new(lib.article(a)?));
    }
    let cx = ExportContext::load(&lib, sources.iter().map(|s| &s.doc), now)?;
    let chosen = lib.bulletin_template(&bulletin, &cx.profile)?;
    Ok((bulletin, sources, cx, chosen))
}

/// An article's PDF (`bantin export pdf ID`, "Xuất PDF"), named after its
/// title when `target` is a folder.
pub fn export_article_pdf(
    lib: &impl LibraryHandle,
    id: ArticleId,
    print: &ArticlePrint,
    target: &Target,
    now: DateTime<FixedOffset>,
) -> Result<Written, ExportError> {
    let (source, cx) = load_article(lib, id, None, now)?;
    let pdf = cx.article_pdf(&source, print)?;
    let path = target.path_for(&files::article_pdf_name(&source.article))?;
    written(path, pdf)
}

/// An article as a Word file (`bantin export docx`, "Xuất Word").
pub fn export_article_docx(
    lib: &impl LibraryHandle,
    id: ArticleId,
    print: &ArticlePrint,
    target: &Target,
    now: DateTime<FixedOffset>,
) -> Result<Written, ExportError> {
    let (source, cx) = load_article(lib, id, None, now)?;
    let (bytes, warnings) = cx.article_docx(&source, print)?;
    let path = target.path_for(&files::article_docx_name(&source.article))?;
    write_atomically(&path, &bytes)?;
    Ok(Written {
        path,
        pages: 0,
        warnings,
    })
}

/// The pages an article will print on, as SVG ("Xem trang in"), laid out
/// from `content` when given (unsaved typing shows too).
pub fn article_pages(
    lib: &impl LibraryHandle,
    id: ArticleId,
    content: Option<Content>,
    now: DateTime<FixedOffset>,
) -> Result<PagePreview, ExportError> {
    let (source, cx) = load_article(lib, id, content, now)?;
    cx.article_pages(&source, &ArticlePrint::default())
}

/// An issue's PDF (`bantin export pdf --bulletin ID`, "Xuất PDF bản tin").
/// `progress` answers `false` to cancel; nothing is written then.
pub fn export_bulletin_pdf(
    lib: &impl LibraryHandle,
    id: BulletinId,
    options: &BulletinPdfOptions,
    target: &Target,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(&ExportProgress) -> bool,
) -> Result<Written, ExportError> {
    let (bulletin, sources, cx, chosen) = load_bulletin(lib, id, now)?;
    let options = with_template(options, chosen);
    let pdf = cx.bulletin_pdf(&bulletin, &sources, &options, progress)?;
    let path = target.path_for(&files::bulletin_pdf_name(&bulletin, options.booklet))?;
    written(path, pdf)
}

/// An issue's sheets as SVG, laid out as `options` would print them.
pub fn bulletin_pages(
    lib: &impl LibraryHandle,
    id: BulletinId,
    options: &BulletinPdfOptions,
    now: DateTime<FixedOffset>,
) -> Result<PagePreview, ExportError> {
    let (bulletin, sources, cx, chosen) = load_bulletin(lib, id, now)?;
    cx.bulletin_pages(&bulletin, &sources, &with_template(options, chosen))
}

/// `options` printing with `chosen` unless they name a template already.
fn with_template(options: &BulletinPdfOptions, chosen: Option<TemplateText>) -> BulletinPdfOptions {
    let mut options = options.clone();
    if options.template.is_none() {
        options.template = chosen.map(|t| t.file().clone());
    }
    options
}

/// One upload bundle per article into `dir` (created when missing), each
/// named `<yyyy-mm-dd>-<slug>.zip`; two that would get the same name get
/// `-2`, `-3`… so none overwrites another. `progress` hears before and
/// after each article and answers `false` to cancel. Stops at the first
/// failure; files already written are complete bundles.
pub fn export_bundles(
    lib: &impl LibraryHandle,
    ids: &[ArticleId],
    dir: &Path,
    with_pdf: bool,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(&BundleProgress) -> bool,
) -> Result<Vec<PathBuf>, ExportError> {
    files::create_folder(dir)?;
    let profile = lib.lock().profile()?;
    let mut cx = ExportContext::new(profile, Images::default(), now);
    let mut paths: Vec<PathBuf> = Vec::with_capacity(ids.len());
    for (i, &id) in ids.iter().enumerate() {
        let source = {
            let lib = lib.lock();
            let source = Source::new(lib.article(id)?);
            cx.images = Images::load(&lib, [&source.doc]);
            source
        };
        let mut tell = |path: Option<PathBuf>, done| {
            let title = source.article.content.title.clone();
            let total = ids.len();
            match progress(&BundleProgress {
                done,
                total,
                title,
                path,
            }) {
                true => Ok(()),
                false => Err(ExportError::Cancelled),
            }
        };
        tell(None, i)?;
        let bundle = cx.bundle(&source, with_pdf)?;
        let name = unique_name(&files::bundle_file_name(&bundle.manifest), &paths);
        let path = dir.join(name);
        write_atomically(&path, &bundle.bytes)?;
        paths.push(path.clone());
        tell(Some(path), i + 1)?;
    }
    Ok(paths)
}

/// Writes `bundle` into `dir` under its own name, atomically: a failure
/// leaves no partial zip. Returns the path written.
pub fn write_bundle(dir: &Path, bundle: &Bundle) -> Result<PathBuf, ExportError> {
    let path = dir.join(files::bundle_file_name(&bundle.manifest));
    write_atomically(&path, &bundle.bytes)?;
    Ok(path)
}

/// The family the PDF will actually be set in for a chosen `phong_chu`
/// (empty: the default), so Settings can say which font prints.
pub fn print_font(family: &str) -> Result<String, ExportError> {
    let wanted = Some(family.trim()).filter(|f| !f.is_empty());
    Ok(FontSet::discover(wanted)?.regular.family)
}

fn written(path: PathBuf, pdf: PdfOutput) -> Result<Written, ExportError> {
    write_atomically(&path, &pdf.bytes)?;
    Ok(Written {
        path,
        pages: pdf.pages,
        warnings: pdf.warnings,
    })
}
