//! Chuyển bài lên thư viện chung: copies articles of the library on this PC
//! to the shared library with their whole history — every revision with its
//! time, reason and text, and every image any of them shows.
//!
//! Why it is built this way:
//! - one transaction per article: an article arrives whole or not at all,
//!   and a cut network in the middle of ten leaves the first ones there;
//! - idempotent by revision id: each local revision carries a uuid (schema v6
//!   "revision uuids"), kept on the server as the revision's key. Copying
//!   again finds the article by its revisions' ids and sends only those the
//!   server does not have yet (written since), so nothing is doubled;
//! - the database still decides: an editor cannot bring an approved article
//!   (Đã duyệt) into the shared library, since only reviewers approve there.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::articles::{insert_row, load, put_asset, set_row};
use super::{Shared, err};
use crate::doc::Derived;
use crate::model::{Article, ArticleId, Content};
use crate::store::assets::NewAsset;
use crate::store::{Library, Result, StoreError};

/// What copying one article did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pushed {
    /// The article's number on this PC.
    pub local_id: ArticleId,
    /// Its number in the shared library.
    pub shared_id: ArticleId,
    pub title: String,
    /// Revisions sent now (0: the shared library had them all).
    pub sent: usize,
    /// Revisions the article has.
    pub revisions: usize,
}

/// A local revision as it travels: its id, place and stored text.
struct Outgoing {
    uuid: String,
    number: u32,
    created_at: String,
    reason: String,
    restored_from: Option<u32>,
    content: String,
}

impl Library {
    /// Copies articles `ids` of this (local) library to the shared library
    /// `target`, each with its whole history and images, one transaction per
    /// article. `derive` gives what the server keeps about the current text
    /// (`markdown::derive`). Stops at the first article that fails; those
    /// before it are there.
    pub fn push_to(
        &self,
        target: &Library,
        ids: &[ArticleId],
        derive: &dyn Fn(&Content) -> Derived,
        now: DateTime<Utc>,
    ) -> Result<Vec<Pushed>> {
        let conn = self.local_only("chuyển bài đi (hãy mở thư viện trong máy)")?;
        let Some(shared) = target.shared() else {
            return Err(StoreError::BadValue {
                key: "thư viện chung".into(),
                reason: "nơi nhận phải là thư viện chung trên máy chủ (postgresql://…).".into(),
            });
        };
        ids.iter()
            .map(|&id| {
                let article = self.article(id)?;
                let revisions = outgoing(conn, id).map_err(|e| self.err(e))?;
                let assets = images(conn, id).map_err(|e| self.err(e))?;
                let derived = super::super::clean::derived(&derive(&article.content));
                shared.receive(&article, &revisions, &assets, &derived, now)
            })
            .collect()
    }
}

fn outgoing(conn: &rusqlite::Connection, id: ArticleId) -> rusqlite::Result<Vec<Outgoing>> {
    let mut stmt = conn.prepare(
        "SELECT uuid, number, created_at, reason, restored_from, content
         FROM revisions WHERE article_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Outgoing {
            uuid: r.get(0)?,
            number: r.get(1)?,
            created_at: r.get(2)?,
            reason: r.get(3)?,
            restored_from: r.get(4)?,
            content: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// Every image that any revision of the article shows (`asset:<sha256>`).
fn images(conn: &rusqlite::Connection, id: ArticleId) -> rusqlite::Result<Vec<NewAsset>> {
    let mut stmt = conn.prepare(
        "SELECT mime, original_name, bytes FROM assets a
         WHERE EXISTS (SELECT 1 FROM revisions r
                       WHERE r.article_id = ?1 AND instr(r.content, 'asset:' || a.sha256) > 0)",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(NewAsset {
            mime: r.get(0)?,
            original_name: r.get(1)?,
            bytes: r.get(2)?,
        })
    })?;
    rows.collect()
}

impl Shared {
    /// Takes in one article from a PC: the revisions it does not have yet,
    /// appended in order, and the images; the article's current state is the
    /// last revision's. All in one transaction.
    fn receive(
        &self,
        article: &Article,
        revisions: &[Outgoing],
        assets: &[NewAsset],
        derived: &Derived,
        now: DateTime<Utc>,
    ) -> Result<Pushed> {
        self.write(|tx| {
            let uuids: Vec<&str> = revisions.iter().map(|r| r.uuid.as_str()).collect();
            let known: HashMap<String, (ArticleId, u32)> = tx
                .query(
                    "SELECT uuid, article_id, number FROM revisions WHERE uuid = ANY($1)",
                    &[&uuids],
                )
                .map_err(err)?
                .iter()
                .map(|r| (r.get(0), (r.get(1), r.get::<_, i32>(2) as u32)))
                .collect();
            let mut targets: Vec<ArticleId> = known.values().map(|(id, _)| *id).collect();
            targets.sort_unstable();
            targets.dedup();
            let (id, mut number) = match targets.as_slice() {
                [] => (insert_row(tx, &article.content, derived, 0, article.created_at)?, 0),
                [id] => (*id, load(tx, *id, true)?.revision),
                _ => {
                    return Err(StoreError::BadData {
                        what: "phiên bản của bài đã chuyển".into(),
                        detail: format!("revisions of one article in articles {targets:?}"),
                    });
                }
            };
            for a in assets {
                put_asset(tx, a, now)?;
            }
            // Local numbers become the server's as they are sent, so a
            // restore still names the revision it brought back.
            let mut numbers: HashMap<u32, u32> = revisions
                .iter()
                .filter_map(|r| known.get(&r.uuid).map(|(_, n)| (r.number, *n)))
                .collect();
            let mut sent = 0;
            for r in revisions.iter().filter(|r| !known.contains_key(&r.uuid)) {
                number += 1;
                numbers.insert(r.number, number);
                let restored_from = r.restored_from.and_then(|n| numbers.get(&n).copied());
                tx.execute(
                    "INSERT INTO revisions (uuid, article_id, number, created_at, reason, restored_from, content)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &[
                        &r.uuid,
                        &id,
                        &(number as i32),
                        &r.created_at,
                        &r.reason,
                        &restored_from.map(|n| n as i32),
                        &r.content,
                    ],
                )
                .map_err(err)?;
                sent += 1;
            }
            if sent > 0 {
                set_row(tx, id, &article.content, derived, number, article.updated_at)?;
            }
            Ok(Pushed {
                local_id: article.id,
                shared_id: id,
                title: article.content.title.clone(),
                sent,
                revisions: revisions.len(),
            })
        })
    }
}
