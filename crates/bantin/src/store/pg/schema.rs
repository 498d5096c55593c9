//! The shared library's schema as an ordered list of migrations, like the
//! local one (`store/schema.rs`): `bantin_schema.version` says how many steps
//! a database has had; `bantin server init` runs the missing ones in one
//! transaction (PostgreSQL's DDL is transactional). Editors never run them:
//! they have no right to change the schema.
//!
//! Never edit a step that has shipped: add a new one.
//!
//! Roles are the server's, not the database's: the three group roles are
//! created once and shared by every Bản Tin database on the server.

use postgres::Client;

use super::err;
use crate::store::{Result, StoreError};

/// Each entry is one version step: `MIGRATIONS[0]` takes an empty database to
/// version 1. Each step's SQL is its own file in `migrations/`.
pub const MIGRATIONS: &[&str] = &[
    // v1: units, users, articles, append-only revisions, images, settings,
    // bulletins; row-level security by unit, approval by reviewers only.
    include_str!("migrations/v1.sql"),
    // v2: two people, one article (issue 14). Crossed saves are both kept and
    // the article waits for a merge; who has an article open is a row per
    // open editor, refreshed while it stays open; people have full names.
    include_str!("migrations/v2.sql"),
    // v3: each unit's own templates (Mẫu trình bày), versioned like the
    // local library's (schema v4 there): a save is a new revision, old ones
    // never change, whoever asks.
    include_str!("migrations/v3.sql"),
    // v4: "Vẫn xuất" on the shared library, as in the local one (schema v5
    // there): a report or an issue exported although the checks found lỗi
    // is recorded beside the revision (or the issue), never by changing a
    // revision. Append-only, one unit's own. No key to `bulletins`: the
    // record outlives an issue that is deleted.
    include_str!("migrations/v4.sql"),
    // v5: a title's own folded words, so that search ranks title matches
    // first in the database (store/pg/search.rs). Articles written before
    // get theirs from `fill_title_words`, right after this step.
    include_str!("migrations/v5.sql"),
    // v6: search at a district's size (100,000 articles). Row-level
    // security lets the planner use an index only through leakproof
    // operators; `LIKE` is not one, so the trigram indexes never served an
    // editor's search and only slowed every save: they go. The newest
    // articles with what a search's first look and the policies read of
    // them (the title's words, unit, status), so that look is an index-only
    // scan (store/pg/search.rs).
    include_str!("migrations/v6.sql"),
    // v7: search at a district's size through word indexes. Under the
    // policies no index serves `LIKE` or `@@` (not leakproof), so the search
    // runs in `bantin_search`, a SECURITY DEFINER function owned by the
    // tables' owner (no policies apply to it) that writes the policies'
    // rule as a plain WHERE, so the planner may use the indexes. It returns
    // ids and counts of what the caller could read anyway; the rows are
    // then read through the policies (store/pg/search.rs).
    include_str!("migrations/v7.sql"),
    // v8 (v7 is the search function's): the library list's filters in the
    // page query (store/pg/listing.rs). One index per filter, each in the
    // list's order after it, so the first page of a filtered list is a short
    // range however few articles match, and the categories in use are found
    // by a skip over the category index. Measured at 100,000 articles in
    // ten units, as an editor (row-level security on): a status held by 26
    // of the unit's articles 80 ms → 2.3 ms, a rare category 60 ms →
    // 0.6 ms, reports only 14 ms → 2.8 ms, the categories 1.5 s → 1 ms.
    include_str!("migrations/v8.sql"),
    // v9: the search's word function priced as what it is (dear), so the
    // planner never folds every title of the library instead of reading the
    // word index: a plan seen at 100,000 articles took 4.3 s for what the
    // index answers in 0.2 s.
    include_str!("migrations/v9.sql"),
    // v10: the search's last step trusts the whole text's word index where
    // it is exact (words under 100 letters, texts it holds whole) instead
    // of reading every candidate's text again by LIKE.
    include_str!("migrations/v10.sql"),
];

/// Work a step needs that SQL cannot do, run right after that step (by its
/// version) in the same transaction.
fn after_step(tx: &mut postgres::Transaction, version: u32) -> Result<()> {
    if version == 5 {
        fill_title_words(tx)?;
    }
    Ok(())
}

/// v5: the folded words of every title written before it, folded here
/// (`text::fold` is ours, not the server's). The guard trigger is held
/// off meanwhile so that `updated_by` keeps who really changed each article.
fn fill_title_words(tx: &mut postgres::Transaction) -> Result<()> {
    const BATCH: i64 = 2000;
    tx.batch_execute("ALTER TABLE articles DISABLE TRIGGER articles_guard")
        .map_err(err)?;
    let mut after = 0i64;
    loop {
        let rows = tx
            .query(
                "SELECT id, title FROM articles WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &BATCH],
            )
            .map_err(err)?;
        let Some(last) = rows.last() else { break };
        after = last.get(0);
        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        let words: Vec<String> = rows
            .iter()
            .map(|r| super::articles::title_words(r.get(1)))
            .collect();
        tx.execute(
            "UPDATE articles AS a SET search_title = n.words
             FROM unnest($1::bigint[], $2::text[]) AS n (id, words) WHERE a.id = n.id",
            &[&ids, &words],
        )
        .map_err(err)?;
    }
    tx.batch_execute("ALTER TABLE articles ENABLE TRIGGER articles_guard")
        .map_err(err)?;
    Ok(())
}

/// The version a database has once every step here has run.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// How many steps the database has had; `None` when it is not a Bản Tin
/// library at all (never initialised).
pub fn version(client: &mut Client) -> Result<Option<u32>> {
    let exists: bool = client
        .query_one("SELECT to_regclass('bantin_schema') IS NOT NULL", &[])
        .map_err(err)?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let v: Option<i32> = client
        .query_opt("SELECT version FROM bantin_schema", &[])
        .map_err(err)?
        .map(|r| r.get(0));
    Ok(Some(v.unwrap_or(0).max(0) as u32))
}

/// Brings the database up to date, in one transaction; a database from a
/// newer Bản Tin is refused untouched. Returns the version it had before.
pub fn migrate(client: &mut Client, address: &str) -> Result<u32> {
    let mut tx = client.transaction().map_err(err)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS bantin_schema (version integer NOT NULL);
         LOCK TABLE bantin_schema IN EXCLUSIVE MODE;",
    )
    .map_err(err)?;
    let from: i32 = match tx
        .query_opt("SELECT version FROM bantin_schema", &[])
        .map_err(err)?
    {
        Some(r) => r.get(0),
        None => {
            tx.execute("INSERT INTO bantin_schema (version) VALUES (0)", &[])
                .map_err(err)?;
            0
        }
    };
    let from = from.max(0) as u32;
    if from > LATEST {
        return Err(StoreError::NewerVersion {
            path: address.into(),
            found: from,
            supported: LATEST,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(step).map_err(err)?;
        after_step(&mut tx, (i + 1) as u32)?;
        tx.execute(
            "UPDATE bantin_schema SET version = $1",
            &[&((i + 1) as i32)],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    Ok(from)
}
