//! The office's own templates (Mẫu trình bày), kept in the library like
//! articles: each save of a name is a new revision, old revisions never
//! change (a trigger in the schema refuses), and the text is kept as the
//! office wrote it, comments included.
//!
//! Only a `TemplateText` is stored, and only `TemplateText::parse` makes one:
//! a file that fails validation never reaches this table. Which template an
//! article prints with is chosen here too: its front matter's `template:`,
//! else the office default in the profile, else the shipped one for its kind.

use chrono::{DateTime, Utc};
use rusqlite::{ToSql, params};

use super::{Library, Result, StoreError, parse_ts, ts};
use crate::model::{Article, Bulletin, Kind, Profile};
use crate::typeset::templates::{self, TemplateKind, TemplateText};

/// Front matter keys naming an article's template.
pub const ARTICLE_KEYS: [&str; 2] = ["template", "mau_trinh_bay"];
/// Profile keys naming the office default for reports and for articles.
pub const PROFILE_REPORT: &str = "mau_bao_cao";
pub const PROFILE_ARTICLE: &str = "mau_tin_bai";
/// Profile key of the office default for bulletins, and the issue's own
/// choice among its fields.
pub const PROFILE_BULLETIN: &str = "mau_ban_tin";
pub const BULLETIN_FIELD: &str = "mau_trinh_bay";

/// One revision of a template in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTemplate {
    pub name: String,
    pub revision: u32,
    pub title: String,
    pub created_at: DateTime<Utc>,
    pub template: TemplateText,
}

/// One template in `Library::all_templates`.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateEntry {
    pub template: TemplateText,
    /// The library's revision; `None` for a shipped template.
    pub revision: Option<u32>,
}

impl TemplateEntry {
    /// What lists show, for the CLI's `--json` and the app alike.
    pub fn summary(&self) -> TemplateSummary {
        let f = self.template.file();
        TemplateSummary {
            name: f.name.clone(),
            version: f.version,
            title: f.title.clone(),
            source: f.source.clone(),
            kind: kind_code(f.kind()),
            confirmed: f.confirmed,
            origin: if self.revision.is_some() {
                "library"
            } else {
                "shipped"
            },
            revision: self.revision,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TemplateSummary {
    pub name: String,
    pub version: u32,
    pub title: String,
    pub source: String,
    /// "report", "article" or "bulletin".
    pub kind: &'static str,
    pub confirmed: bool,
    /// "shipped" (đi kèm) or "library".
    pub origin: &'static str,
    pub revision: Option<u32>,
}

pub fn kind_code(k: TemplateKind) -> &'static str {
    match k {
        TemplateKind::Report => "report",
        TemplateKind::Article => "article",
        TemplateKind::Bulletin => "bulletin",
    }
}

impl Library {
    /// Stores `t` as the next revision of its name. A text equal to the
    /// latest revision stores nothing and returns that revision. The names
    /// of the shipped templates are refused: an office's copy gets its own
    /// name, so "report/hd36-2018" always means the guidance's numbers.
    pub fn save_template(&self, t: &TemplateText, now: DateTime<Utc>) -> Result<StoredTemplate> {
        let f = t.file();
        if templates::shipped_text(&f.name).is_some() {
            return Err(StoreError::BadValue {
                key: "name".into(),
                reason: format!(
                    "«{}» là tên một mẫu đi kèm Bản Tin. Hãy đặt tên khác cho bản của cơ quan (trường name), ví dụ {}-xa.",
                    f.name, f.name
                ),
            });
        }
        if let Some(last) = self.template(&f.name)?
            && last.template.text() == t.text()
        {
            return Ok(last);
        }
        let kind = kind_code(f.kind());
        let revision = match self.shared() {
            Some(shared) => shared.save_template(&f.name, &f.title, kind, t.text(), now)?,
            None => self.write(|tx| {
                let next: u32 = tx.query_row(
                    "SELECT coalesce(max(revision), 0) + 1 FROM templates WHERE name = ?1",
                    [&f.name],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO templates (name, revision, title, kind, content, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![f.name, next, f.title, kind, t.text(), ts(now)],
                )?;
                Ok(next)
            })?,
        };
        Ok(StoredTemplate {
            name: f.name.clone(),
            revision,
            title: f.title.clone(),
            created_at: now,
            template: t.clone(),
        })
    }

    /// The latest revision of `name` in the library, if it has one.
    pub fn template(&self, name: &str) -> Result<Option<StoredTemplate>> {
        let raw = match self.shared() {
            Some(shared) => shared.templates(Some(name))?,
            None => self.local_templates(
                "SELECT name, revision, title, content, created_at FROM templates
                 WHERE name = ?1 ORDER BY revision DESC LIMIT 1",
                &[&name],
            )?,
        };
        Ok(checked(raw)?.pop())
    }

    /// The latest revision of every template in the library, by name.
    pub fn list_templates(&self) -> Result<Vec<StoredTemplate>> {
        let raw = match self.shared() {
            Some(shared) => shared.templates(None)?,
            None => self.local_templates(
                "SELECT t.name, t.revision, t.title, t.content, t.created_at FROM templates t
                 WHERE t.revision = (SELECT max(revision) FROM templates WHERE name = t.name)
                 ORDER BY t.name",
                &[],
            )?,
        };
        checked(raw)
    }

    fn local_templates(&self, sql: &str, args: &[&dyn ToSql]) -> Result<Vec<RawTemplate>> {
        let mut stmt = self
            .local_only("mẫu trình bày")?
            .prepare_cached(sql)
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(args, |r| {
                Ok(RawTemplate {
                    name: r.get(0)?,
                    revision: r.get(1)?,
                    title: r.get(2)?,
                    content: r.get(3)?,
                    created_at: parse_ts(&r.get::<_, String>(4)?)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map_err(|e| self.err(e))).collect()
    }

    /// Every template one can print with: the shipped ones, then the
    /// library's (latest revision of each name).
    pub fn all_templates(&self) -> Result<Vec<TemplateEntry>> {
        let mut out: Vec<TemplateEntry> = templates::SHIPPED
            .iter()
            .filter_map(|(_, text)| TemplateText::parse(text).ok())
            .map(|template| TemplateEntry {
                template,
                revision: None,
            })
            .collect();
        out.extend(self.list_templates()?.into_iter().map(|s| TemplateEntry {
            template: s.template,
            revision: Some(s.revision),
        }));
        Ok(out)
    }

    /// A template by name: the library's copy first, then the shipped one
    /// (short names "report", "article", "bulletin" allowed).
    pub fn find_template(&self, name: &str) -> Result<TemplateText> {
        if let Some(t) = self.template(name)? {
            return Ok(t.template);
        }
        match templates::shipped_text(name) {
            Some(text) => TemplateText::parse(text).map_err(|e| StoreError::BadValue {
                key: name.into(),
                reason: e.to_string(),
            }),
            None => Err(StoreError::BadValue {
                key: "template".into(),
                reason: format!(
                    "không có mẫu trình bày «{name}» trong thư viện hay trong các mẫu đi kèm. Hãy xem danh sách bằng lệnh bantin template list."
                ),
            }),
        }
    }

    /// The template an issue prints with, when one is chosen: the issue's
    /// own (`mau_trinh_bay` among its fields), else the office default
    /// (`mau_ban_tin`). `None` means the shipped `bulletin/v1`. A chosen
    /// template that is not a bulletin's is refused by name.
    pub fn bulletin_template(
        &self,
        bulletin: &Bulletin,
        profile: &Profile,
    ) -> Result<Option<TemplateText>> {
        let Some(name) = bulletin
            .field(BULLETIN_FIELD)
            .or_else(|| profile.get(PROFILE_BULLETIN).map(str::trim))
        else {
            return Ok(None);
        };
        let t = self.find_template(name)?;
        if t.file().kind() != TemplateKind::Bulletin {
            return Err(StoreError::BadValue {
                key: "template".into(),
                reason: format!(
                    "mẫu trình bày «{name}» là mẫu {}, không phải mẫu bản tin. Hãy chọn một mẫu bản tin, ví dụ bulletin/v1.",
                    t.file().kind().label()
                ),
            });
        }
        Ok(Some(t))
    }

    /// The template `article` prints with, when one is chosen for it: its
    /// front matter's `template:`, else the office default for its kind.
    /// `None` means the shipped template for its kind.
    pub fn chosen_template(
        &self,
        article: &Article,
        profile: &Profile,
    ) -> Result<Option<TemplateText>> {
        match chosen_name(article, profile) {
            Some(name) => self.find_template(&name).map(Some),
            None => Ok(None),
        }
    }
}

/// A template row as either backend stores it, not yet parsed.
pub(crate) struct RawTemplate {
    pub name: String,
    pub revision: u32,
    pub title: String,
    pub content: String,
    pub created_at: DateTime<Utc>,
}

/// Stored text passed validation when saved; a later format change could
/// still refuse it, and then the editor hears which one.
fn checked(raw: Vec<RawTemplate>) -> Result<Vec<StoredTemplate>> {
    raw.into_iter()
        .map(|r| {
            let template = TemplateText::parse(&r.content).map_err(|e| StoreError::BadValue {
                key: format!("mẫu trình bày {}", r.name),
                reason: e.to_string(),
            })?;
            Ok(StoredTemplate {
                name: r.name,
                revision: r.revision,
                title: r.title,
                created_at: r.created_at,
                template,
            })
        })
        .collect()
}

/// The name of the template chosen for `article`, if any (see
/// `Library::chosen_template`).
pub fn chosen_name(article: &Article, profile: &Profile) -> Option<String> {
    let c = &article.content;
    let from_article = ARTICLE_KEYS.iter().find_map(|k| {
        c.extra
            .get(*k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    });
    let key = match c.kind {
        Kind::BaoCao => PROFILE_REPORT,
        Kind::TinBai => PROFILE_ARTICLE,
    };
    from_article
        .or_else(|| profile.get(key).map(str::trim))
        .map(str::to_string)
}
