//! Crossed saves on the shared library (`store/crossed.rs` says what they
//! are). The article row is locked (`FOR UPDATE`) while a save decides, so
//! two saves from two PCs are taken one after the other: the second sees the
//! first and knows it crossed. The revision id (a uuid the client made)
//! comes first: a save sent again is found and answered with its number.

use chrono::{DateTime, Utc};

use super::articles::{load, load_revision, stored, update};
use super::{Shared, err};
use crate::doc::Derived;
use crate::model::{ArticleId, Content, PendingMerge, RevisionReason};
use crate::store::Result;
use crate::store::crossed::{Plan, Saved, mark_after, pending, plan};

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn save_based(
        &self,
        id: ArticleId,
        base: u32,
        uuid: &str,
        content: &Content,
        derived: &Derived,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        self.write(|tx| {
            let current = load(tx, id, true)?;
            if let Some(number) = stored(tx, uuid)? {
                return Ok(Saved::Written(number));
            }
            let base_content = if base < current.revision {
                Some(load_revision(tx, id, base)?.content)
            } else {
                None
            };
            let Plan::Write { crossed } =
                plan(&current, base, base_content.as_ref(), content, reason)
            else {
                return Ok(Saved::Unchanged);
            };
            let before = pending_in(tx, id)?;
            let number = update(tx, id, uuid, content, derived, reason, None, now)?;
            let mark = mark_after(crossed, reason, before);
            tx.execute(
                "UPDATE articles SET merge_base = $2, merge_other = $3 WHERE id = $1",
                &[
                    &id,
                    &mark.map(|m| m.base as i32),
                    &mark.map(|m| m.other as i32),
                ],
            )
            .map_err(err)?;
            Ok(match crossed {
                Some(merge) => Saved::Crossed { number, merge },
                None => Saved::Written(number),
            })
        })
    }

    pub(crate) fn pending_merge(&self, id: ArticleId) -> Result<Option<PendingMerge>> {
        self.read(|c| {
            load(c, id, false)?;
            pending_in(c, id)
        })
    }

    /// The full name of whoever wrote revision `number` (their login when
    /// they have none), and whether that is the account connected; `None`
    /// for an account of another unit.
    pub(crate) fn revision_author(
        &self,
        id: ArticleId,
        number: u32,
    ) -> Result<Option<(String, bool)>> {
        self.read(|c| {
            let row = c
                .query_opt(
                    "SELECT bantin_name(login), login = session_user FROM revisions
                     WHERE article_id = $1 AND number = $2",
                    &[&id, &(number as i32)],
                )
                .map_err(err)?;
            Ok(row.and_then(|r| {
                let name: Option<String> = r.get(0);
                name.map(|n| (n, r.get::<_, Option<bool>>(1).unwrap_or(false)))
            }))
        })
    }
}

fn pending_in(c: &mut impl postgres::GenericClient, id: ArticleId) -> Result<Option<PendingMerge>> {
    let row = c
        .query_opt(
            "SELECT merge_base, merge_other FROM articles WHERE id = $1",
            &[&id],
        )
        .map_err(err)?;
    Ok(row.and_then(|r| {
        pending(
            r.get::<_, Option<i32>>(0).map(|n| n as u32),
            r.get::<_, Option<i32>>(1).map(|n| n as u32),
        )
    }))
}
