//! Who else has an article open (issue 14). Only the shared library has
//! others: on the local library these answer "nobody" and write nothing.
//! `pg/presence.rs` says how the server keeps it.

use std::time::Duration;

use super::{Library, Result};
use crate::model::ArticleId;

/// How often a program with an article open says so again.
pub const PRESENCE_REFRESH: Duration = Duration::from_secs(15);

/// A new name for this program's presence rows (`mark_open`), made once
/// when it starts.
pub fn new_session() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Library {
    /// Says that this program (`session`, a uuid it made when it started)
    /// has article `id` open; called again every `PRESENCE_REFRESH`.
    pub fn mark_open(&self, id: ArticleId, session: &str) -> Result<()> {
        match self.shared() {
            Some(s) => s.mark_open(id, session),
            None => Ok(()),
        }
    }

    /// Says that this program closed article `id`.
    pub fn mark_closed(&self, id: ArticleId, session: &str) -> Result<()> {
        match self.shared() {
            Some(s) => s.mark_closed(id, session),
            None => Ok(()),
        }
    }

    /// The full names of the other people who have article `id` open now.
    pub fn open_by_others(&self, id: ArticleId, session: &str) -> Result<Vec<String>> {
        match self.shared() {
            Some(s) => s.open_by_others(id, session),
            None => Ok(Vec::new()),
        }
    }
}
