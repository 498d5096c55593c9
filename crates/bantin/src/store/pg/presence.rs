//! Who has an article open on the shared library (issue 14): "Đang được
//! Nguyễn Thị Lan sửa".
//!
//! A table of open editors (`presence`, schema v2) rather than advisory
//! locks or `pg_stat_activity`: an advisory lock says that *a* connection
//! holds a number, not who, and every account sees every lock on the server
//! (`pg_locks`), whichever unit; `pg_stat_activity` hides other accounts'
//! sessions from non-superusers and knows connections, not open articles.
//! A row per (program, article) is under row-level security like the
//! articles (a unit sees its own unit's rows, writes only its own), carries
//! the login the server saw, and is timed by the server's clock: the program
//! refreshes it while the article stays open, and a row not refreshed within
//! `EXPIRY_SECONDS` is a program that went away (a PC switched off says no
//! goodbye), so it is ignored and later cleared.

use super::{Shared, err};
use crate::model::ArticleId;
use crate::store::Result;

/// A row older than this (seconds, by the server's clock) is a program that
/// has gone. Four missed refreshes (`store::PRESENCE_REFRESH`).
pub const EXPIRY_SECONDS: i32 = 60;

impl Shared {
    /// Says (again) that program `session` has article `id` open.
    pub(crate) fn mark_open(&self, id: ArticleId, session: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO presence (session, article_id) VALUES ($1, $2)
                 ON CONFLICT (session, article_id) DO UPDATE SET seen_at = now()",
                &[&session, &id],
            )
            .map_err(err)?;
            // Our own rows left by a program that crashed.
            tx.execute(
                "DELETE FROM presence WHERE login = session_user
                 AND seen_at < now() - make_interval(secs => $1)",
                &[&(EXPIRY_SECONDS as f64)],
            )
            .map_err(err)?;
            Ok(())
        })
    }

    pub(crate) fn mark_closed(&self, id: ArticleId, session: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM presence WHERE session = $1 AND article_id = $2",
                &[&session, &id],
            )
            .map_err(err)?;
            Ok(())
        })
    }

    /// The names of the others (not program `session`) who have article `id`
    /// open now, each once, in the order they opened it.
    pub(crate) fn open_by_others(&self, id: ArticleId, session: &str) -> Result<Vec<String>> {
        self.read(|c| {
            let rows = c
                .query(
                    "SELECT coalesce(bantin_name(login), login) FROM presence
                     WHERE article_id = $1 AND session <> $2
                       AND seen_at >= now() - make_interval(secs => $3)
                     GROUP BY login ORDER BY min(seen_at)",
                    &[&id, &session, &(EXPIRY_SECONDS as f64)],
                )
                .map_err(err)?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }
}
