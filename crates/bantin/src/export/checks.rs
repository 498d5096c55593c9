//! Kiểm tra for the doors: what the checks need from the library (the
//! profile's word list and tone style, the pixel size of each image, the
//! measure of the template the article prints with), the lỗi that stop an
//! export until the editor says "Vẫn xuất", and recording that choice.
//! The rules themselves (`check/`) never read the library.

use chrono::{DateTime, Utc};

use super::{ExportError, PdfTemplate};
use crate::check::{self, Checker, Finding, Settings, Severity};
use crate::model::{Article, ArticleId, Content, Profile};
use crate::store::{ExportChoice, Exported, Library, Passed};

/// Every finding on `content` (the article `id` as typed now), with the
/// library's settings. `checker` keeps what it learnt between calls: the
/// verdict on each word and the size of each image.
pub fn check_content(
    lib: &Library,
    checker: &mut Checker,
    id: Option<ArticleId>,
    content: &Content,
) -> Result<Vec<Finding>, ExportError> {
    let profile = prepare_checker(lib, checker, id, content)?;
    Ok(checker.check(content, &profile))
}

/// Gives `checker` what the rules need from the library for `content`: the
/// profile's word list and tone style, the pixel size of each image it
/// shows and the measure of the template it prints with. Returns the
/// profile the rules read. Every door checks through here, so the app and
/// `bantin check` find the same things.
pub fn prepare_checker(
    lib: &Library,
    checker: &mut Checker,
    id: Option<ArticleId>,
    content: &Content,
) -> Result<Profile, ExportError> {
    let profile = lib.profile()?;
    let mut settings = Settings::from_profile(&profile);
    settings.images = std::mem::take(&mut checker.settings.images);
    let tpl = template(lib, id, content, &profile)?;
    settings.measure_pt = Some(tpl.text_width());
    settings.report_blocks = super::shown::report_blocks(&tpl);
    learn_images(lib, content, &mut settings);
    checker.settings = settings;
    Ok(profile)
}

/// Every finding on a bulletin issue and the articles it gathers, in print
/// order.
pub fn check_bulletin(lib: &Library, id: i64) -> Result<Vec<Finding>, ExportError> {
    let b = lib.bulletin(id)?;
    let articles = b
        .articles
        .iter()
        .map(|a| lib.article(*a))
        .collect::<Result<Vec<_>, _>>()?;
    let profile = lib.profile()?;
    // The licence lines print in the colophon: a template that hides it hides them.
    let tpl = match lib.bulletin_template(&b, &profile)? {
        Some(t) => t.file().bulletin_template(b.paper, b.columns),
        None => crate::typeset::templates::bulletin(b.paper, b.columns),
    };
    let colophon = super::shown::bulletin_blocks(&tpl).colophon;
    Ok(check::check_bulletin(&b, &articles, &profile, colophon))
}

/// Every finding on what is about to be exported, as saved.
pub fn check_subject(lib: &Library, subject: Subject) -> Result<Vec<Finding>, ExportError> {
    match subject {
        Subject::Article(id) => {
            let a = lib.article(id)?;
            check_content(lib, &mut Checker::default(), Some(id), &a.content)
        }
        Subject::Bulletin(id) => check_bulletin(lib, id),
    }
}

/// The template `content` prints with.
fn template(
    lib: &Library,
    id: Option<ArticleId>,
    content: &Content,
    profile: &Profile,
) -> Result<crate::typeset::Template, ExportError> {
    let article = Article {
        id: id.unwrap_or(0),
        content: content.clone(),
        created_at: Utc::now(),
        updated_at: Utc::now(),
        revision: 0,
        word_count: 0,
    };
    Ok(match lib.chosen_template(&article, profile)? {
        Some(t) => t.file().page_template(),
        None => PdfTemplate::for_kind(content.kind).template(),
    })
}

/// Reads the size of each library image the body points at that
/// `settings` does not know yet. An image that cannot be read is left out
/// (the export says what is wrong with it).
fn learn_images(lib: &Library, content: &Content, settings: &mut Settings) {
    if !content.body.contains("asset:") {
        return;
    }
    let doc = crate::markdown::parse(&content.body);
    for f in doc.figures() {
        let Some(sha) = f.src.strip_prefix("asset:") else {
            continue;
        };
        if settings.images.contains_key(&f.src) {
            continue;
        }
        if let Ok(Ok(info)) = lib.asset_bytes(sha).map(|b| crate::image::probe(&b)) {
            settings.images.insert(f.src.clone(), info.upright_size());
        }
    }
}

/// What is about to be exported, for the checks before exporting.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Article(ArticleId),
    Bulletin(i64),
}

/// The lỗi on what is about to be exported, as saved: the export waits for
/// the editor's "Vẫn xuất" while there are any.
pub fn errors_before_export(lib: &Library, subject: Subject) -> Result<Vec<Finding>, ExportError> {
    Ok(check_subject(lib, subject)?
        .into_iter()
        .filter(|f| f.severity == Severity::Loi)
        .collect())
}

/// "Vẫn xuất": records, with the revision exported (or the issue), that
/// `what` was exported despite the lỗi the checks find now. Returns how
/// many lỗi were passed over.
pub fn go_on_anyway(
    lib: &Library,
    subject: Subject,
    what: &str,
    now: DateTime<Utc>,
) -> Result<usize, ExportError> {
    let errors = errors_before_export(lib, subject)?;
    let exported = match subject {
        Subject::Article(id) => Exported::Article {
            id,
            revision: lib.article(id)?.revision,
        },
        Subject::Bulletin(id) => Exported::Bulletin { id },
    };
    let findings = errors
        .iter()
        .map(|f| Passed {
            rule: f.rule.to_string(),
            text: f.text.clone(),
            message: f.message.clone(),
        })
        .collect();
    lib.record_export_choice(&ExportChoice {
        exported,
        what: what.to_string(),
        findings,
        created_at: now,
    })?;
    Ok(errors.len())
}
