//! The page look handed to the editing surface (Soạn): the numbers the PDF
//! is set with — the template chosen for the article or the office, else
//! the shipped one for its kind — and the font it actually prints in, so
//! what is typed looks like what prints and no size is typed twice.

use serde::Serialize;

use super::{ExportError, LibraryHandle, PdfTemplate};
use crate::model::{ArticleId, Kind, Profile};
use crate::typeset::FontSet;
use crate::typeset::templates::{MM, Template};

/// What the surface copies from the print template; sizes in pt, lengths in mm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageLook {
    /// The template's name ("report/hd36-2018", "article/v1", an office's own).
    pub template: String,
    /// The family the PDF is set in (the profile's choice when installed,
    /// else the default), not merely the one asked for.
    pub font_family: String,
    pub body_pt: f32,
    /// Line distance as a multiple of the font size.
    pub leading: f32,
    pub first_indent_mm: f32,
    pub para_space_pt: f32,
    /// Heading sizes for levels 1–6.
    pub heading_pt: [f32; 6],
    /// Width of the text block between the margins.
    pub text_width_mm: f32,
    pub list_indent_mm: f32,
    pub quote_indent_mm: f32,
    pub table_pt: f32,
    pub caption_pt: f32,
    pub footnote_pt: f32,
}

impl PageLook {
    /// The look of `t` set in `font_family`.
    pub fn of(t: &Template, font_family: String) -> PageLook {
        PageLook {
            template: t.name.clone(),
            font_family,
            body_pt: t.body_size,
            leading: t.leading,
            first_indent_mm: t.first_indent_mm,
            para_space_pt: t.para_space,
            heading_pt: t.heading_sizes,
            text_width_mm: t.text_width() / MM,
            list_indent_mm: t.list_indent_mm,
            quote_indent_mm: t.quote_indent_mm,
            table_pt: t.table_size,
            caption_pt: t.caption_size,
            footnote_pt: t.footnote_size,
        }
    }
}

/// The template an article of `kind` prints with (the kind on screen may
/// differ from the saved one while the editor changes it in Thuộc tính),
/// and the office's print font choice. Reads the library only.
pub fn look_template(
    lib: &impl LibraryHandle,
    id: ArticleId,
    kind: Kind,
) -> Result<(Template, Profile), ExportError> {
    let lib = lib.lock();
    let mut article = lib.article(id)?;
    article.content.kind = kind;
    let profile = lib.profile()?;
    let chosen = lib.chosen_template(&article, &profile)?;
    let template = match chosen {
        Some(t) => t.file().page_template(),
        None => PdfTemplate::for_kind(kind).template(),
    };
    Ok((template, profile))
}

/// The surface's look for article `id` shown as `kind` (Soạn, on opening
/// an article and when its kind changes). Finds the print font, so the app
/// runs it off the UI thread.
pub fn page_look(
    lib: &impl LibraryHandle,
    id: ArticleId,
    kind: Kind,
) -> Result<PageLook, ExportError> {
    let (template, profile) = look_template(lib, id, kind)?;
    let fonts = FontSet::discover(profile.get("phong_chu"))?;
    Ok(PageLook::of(&template, fonts.regular.family))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Content;
    use crate::store::Library;
    use crate::typeset::templates;

    fn library_with_article() -> (tempfile::TempDir, Library, ArticleId) {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::Utc::now();
        let lib = Library::open(&dir.path().join("tv.bantin"), now).unwrap();
        let content = Content {
            title: "Báo cáo".into(),
            body: "Nội dung.".into(),
            ..Content::default()
        };
        let id = lib.create_article(&content, now).unwrap();
        (dir, lib, id)
    }

    /// A report is set like a Party document, an article like the portal's
    /// print view: the surface gets each template's own numbers.
    #[test]
    fn report_and_article_looks_are_their_templates_numbers() {
        let (_dir, lib, id) = library_with_article();
        let (report, _) = look_template(&lib, id, Kind::BaoCao).unwrap();
        let report = PageLook::of(&report, "Liberation Serif".into());
        assert_eq!(report.template, "report/hd36-2018");
        assert_eq!(report.body_pt, 14.0);
        assert_eq!(report.first_indent_mm, 12.7);
        assert_eq!(report.leading, 1.25);
        assert_eq!(report.heading_pt, [14.0; 6]);
        assert!(
            (report.text_width_mm - 160.0).abs() < 0.01,
            "A4 less 35 + 15 mm"
        );
        let (article, _) = look_template(&lib, id, Kind::TinBai).unwrap();
        let article = PageLook::of(&article, "Liberation Serif".into());
        assert_eq!(article.template, "article/v1");
        assert_eq!(article.body_pt, 13.0);
        assert_eq!(article.first_indent_mm, 10.0);
        assert_eq!(article.heading_pt[0], 16.0);
        assert!(
            (article.text_width_mm - 170.0).abs() < 0.01,
            "A4 less 20 + 20 mm"
        );
        assert_eq!(
            article.body_pt,
            templates::article().body_size,
            "read from the template, not typed again"
        );
    }

    /// The office's default report template (Cài đặt → mau_bao_cao) is the
    /// one the surface shows, as it is the one the PDF uses.
    #[test]
    fn the_offices_chosen_template_sets_the_look() {
        let (_dir, lib, id) = library_with_article();
        lib.set_profile_field("mau_bao_cao", "report/hd05-2026")
            .unwrap();
        let (t, _) = look_template(&lib, id, Kind::BaoCao).unwrap();
        assert_eq!(t.name, "report/hd05-2026");
        let (t, _) = look_template(&lib, id, Kind::TinBai).unwrap();
        assert_eq!(t.name, "article/v1");
    }

    /// The font named is one the PDF can be set in (when any print font is
    /// installed here; the export tests need one anyway).
    #[test]
    fn the_look_names_the_font_that_prints() {
        let (_dir, lib, id) = library_with_article();
        let look = page_look(&lib, id, Kind::BaoCao).unwrap();
        assert_eq!(look.font_family, super::super::print_font("").unwrap());
        assert_eq!(look.body_pt, 14.0);
    }
}
