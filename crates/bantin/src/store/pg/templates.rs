//! A unit's own templates (Mẫu trình bày) on the shared library: the same
//! append-only, versioned rows as the local `templates` table, one set per
//! unit (row-level security). Validation stays in `store/templates.rs`:
//! only a `TemplateText` reaches `save_template`.

use chrono::{DateTime, Utc};
use postgres::types::ToSql;

use super::articles::parse_ts;
use super::{Shared, err};
use crate::store::templates::RawTemplate;
use crate::store::{Result, ts};

impl Shared {
    /// Inserts the next revision of `name` and returns its number. Two
    /// saves of one name at once take turns (a transaction lock on the
    /// name), so both are kept, one after the other.
    pub(crate) fn save_template(
        &self,
        name: &str,
        title: &str,
        kind: &str,
        content: &str,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        self.write(|tx| {
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtext('bantin.templates'), hashtext($1))",
                &[&name],
            )
            .map_err(err)?;
            let next: i32 = tx
                .query_one(
                    "SELECT coalesce(max(revision), 0) + 1 FROM templates WHERE name = $1",
                    &[&name],
                )
                .map_err(err)?
                .get(0);
            tx.execute(
                "INSERT INTO templates (name, revision, title, kind, content, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&name, &next, &title, &kind, &content, &ts(now)],
            )
            .map_err(err)?;
            Ok(next as u32)
        })
    }

    /// The latest revision of `name`, or of every name (`None`), by name.
    pub(crate) fn templates(&self, name: Option<&str>) -> Result<Vec<RawTemplate>> {
        let (sql, args): (&str, Vec<&(dyn ToSql + Sync)>) = match &name {
            Some(n) => (
                "SELECT name, revision, title, content, created_at FROM templates
                 WHERE name = $1 ORDER BY revision DESC LIMIT 1",
                vec![n],
            ),
            None => (
                "SELECT DISTINCT ON (name) name, revision, title, content, created_at
                 FROM templates ORDER BY name, revision DESC",
                vec![],
            ),
        };
        self.read(|c| {
            c.query(sql, &args)
                .map_err(err)?
                .iter()
                .map(|r| {
                    Ok(RawTemplate {
                        name: r.get(0),
                        revision: r.get::<_, i32>(1) as u32,
                        title: r.get(2),
                        content: r.get(3),
                        created_at: parse_ts(r.get(4))?,
                    })
                })
                .collect()
        })
    }
}
