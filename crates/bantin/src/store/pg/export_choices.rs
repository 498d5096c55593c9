//! "Vẫn xuất" on the shared library: the same append-only record as the
//! local `export_choices` table, one unit's own (row-level security). The
//! database says who made the choice (the login).

use super::articles::parse_ts;
use super::{Shared, err};
use crate::model::ArticleId;
use crate::store::export_choices::{ExportChoice, Exported};
use crate::store::{Result, ts};

impl Shared {
    pub(crate) fn record_export_choice(&self, c: &ExportChoice, findings: &str) -> Result<()> {
        let (article, revision, bulletin) = match c.exported {
            Exported::Article { id, revision } => (Some(id), Some(revision as i32), None),
            Exported::Bulletin { id } => (None, None, Some(id)),
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO export_choices
                     (article_id, revision, bulletin_id, what, findings, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &article,
                    &revision,
                    &bulletin,
                    &c.what,
                    &findings,
                    &ts(c.created_at),
                ],
            )
            .map_err(err)?;
            Ok(())
        })
    }

    /// `(revision, what, findings, created_at)` of each choice on `article`,
    /// oldest first.
    pub(crate) fn export_choices(
        &self,
        article: ArticleId,
    ) -> Result<Vec<(u32, String, String, chrono::DateTime<chrono::Utc>)>> {
        self.read(|c| {
            c.query(
                "SELECT revision, what, findings, created_at FROM export_choices
                 WHERE article_id = $1 ORDER BY id",
                &[&article],
            )
            .map_err(err)?
            .iter()
            .map(|r| {
                Ok((
                    r.get::<_, i32>(0) as u32,
                    r.get(1),
                    r.get(2),
                    parse_ts(r.get(3))?,
                ))
            })
            .collect()
        })
    }
}
