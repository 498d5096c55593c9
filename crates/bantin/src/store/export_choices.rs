//! "Vẫn xuất": the editor exported a report or a bulletin although the
//! checks found lỗi. The choice is kept with the revision exported (or the
//! issue), in a table of its own: a revision is never changed to say so.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Library, Result, parse_ts, ts};
use crate::model::ArticleId;

/// What was exported despite the checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Exported {
    /// An article or report, at this revision.
    Article { id: ArticleId, revision: u32 },
    /// A bulletin issue.
    Bulletin { id: i64 },
}

/// One lỗi the editor went past, as it was worded then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passed {
    pub rule: String,
    pub text: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportChoice {
    pub exported: Exported,
    /// "pdf", "docx", "bulletin-pdf"…
    pub what: String,
    pub findings: Vec<Passed>,
    pub created_at: DateTime<Utc>,
}

impl Library {
    /// Records that `c.exported` was exported although the checks found
    /// `c.findings`: on this PC, or on the shared library for the unit.
    pub fn record_export_choice(&self, c: &ExportChoice) -> Result<()> {
        let (article, revision, bulletin) = match c.exported {
            Exported::Article { id, revision } => (Some(id), Some(revision), None),
            Exported::Bulletin { id } => (None, None, Some(id)),
        };
        let findings = serde_json::to_string(&c.findings).unwrap_or_else(|_| "[]".into());
        if let Some(shared) = self.shared() {
            return shared.record_export_choice(c, &findings);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO export_choices (article_id, revision, bulletin_id, what, findings, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![article, revision, bulletin, c.what, findings, ts(c.created_at)],
            )?;
            Ok(())
        })
    }

    /// The "Vẫn xuất" choices made on an article, oldest first.
    pub fn export_choices(&self, article: ArticleId) -> Result<Vec<ExportChoice>> {
        let choice = |revision, what, findings: String, created_at| ExportChoice {
            exported: Exported::Article {
                id: article,
                revision,
            },
            what,
            findings: serde_json::from_str(&findings).unwrap_or_default(),
            created_at,
        };
        if let Some(shared) = self.shared() {
            return Ok(shared
                .export_choices(article)?
                .into_iter()
                .map(|(r, w, f, t)| choice(r, w, f, t))
                .collect());
        }
        let conn = self.local_only("đọc lựa chọn \"Vẫn xuất\"")?;
        let read = || -> rusqlite::Result<Vec<ExportChoice>> {
            let mut st = conn.prepare(
                "SELECT revision, what, findings, created_at FROM export_choices
                 WHERE article_id = ?1 ORDER BY id",
            )?;
            let rows = st.query_map([article], |r| {
                Ok(choice(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    parse_ts(&r.get::<_, String>(3)?)?,
                ))
            })?;
            rows.collect()
        };
        read().map_err(|e| self.err(e))
    }
}
