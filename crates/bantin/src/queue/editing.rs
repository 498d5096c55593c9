//! An editor's save or photo on the shared library, decided here once for
//! both doors (DESIGN §1: the app and the CLI only word the outcome): the
//! server now, or this PC's queue until the server is back.
//!
//! A save is queued first, always, then sent with what waited before it.
//! Before sending, a server on another machine is asked whether it answers
//! at all, for `AT_ONCE`: a network that drops every packet would
//! otherwise hold the editor's save for the full connect timeout (10 s)
//! before it is told the save waits here.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Queue, QueueError, Queued, Sent};
use crate::model::ArticleId;
use crate::store::assets::NewAsset;
use crate::store::{Library, Saved};

/// How long a save waits for a server elsewhere to take a connection
/// before it is left in the queue (a server on the office's network takes
/// one in milliseconds; the queue's retry sends it later).
pub const AT_ONCE: Duration = crate::store::pg::ANSWER_WITHIN;

/// What an editor's save came to.
#[derive(Debug)]
pub struct EditorSave {
    /// The save as queued (its revision id, what it follows).
    pub queued: Queued,
    /// What the server did with it; `None` while it waits on this PC.
    pub saved: Option<Saved>,
    /// Some save of this article that was sent now crossed another
    /// person's: the two are kept and the article needs merging.
    pub crossed: bool,
    /// Everything this send did (saves that waited before it too).
    pub sent: Sent,
}

impl Queue {
    /// The queue of the shared library at `address`: the folder the user
    /// named (`--queue`, `BANTIN_QUEUE`), or the library's own in this
    /// user's data folder (`Queue::default_dir`).
    pub fn of(address: &str, named: Option<PathBuf>) -> Result<Queue, QueueError> {
        let dir = named
            .or_else(|| Queue::default_dir(address))
            .ok_or(QueueError::NoDataFolder)?;
        Queue::open(&dir)
    }

    /// An editor's save: queued behind any save of the same article still
    /// waiting, then, when `lib` is open and its server answers, sent with
    /// everything that waited. With `lib` not open (the server was away
    /// when the program started) the save only waits.
    pub fn save_edit(&self, lib: Option<&Library>, q: Queued) -> Result<EditorSave, QueueError> {
        self.save_edit_with(lib, q, answers_at_once)
    }

    /// `save_edit`, asking `answers` whether the server is there.
    pub fn save_edit_with(
        &self,
        lib: Option<&Library>,
        mut q: Queued,
        answers: impl Fn(&Library) -> bool,
    ) -> Result<EditorSave, QueueError> {
        let earlier = self.pending()?;
        if let Some(last) = earlier.iter().rev().find(|p| p.article == q.article) {
            q.follows = Some(last.revision_id.clone());
        }
        self.push(&q)?;
        let sent = match lib {
            Some(lib) if answers(lib) => self.send(lib)?,
            Some(lib) => Sent {
                stopped: Some(crate::store::pg::silent(&lib.path().display().to_string())),
                waiting: earlier.len() + 1,
                images_waiting: self.waiting_images()?.len(),
                ..Sent::default()
            },
            None => Sent {
                waiting: earlier.len() + 1,
                images_waiting: self.waiting_images()?.len(),
                ..Sent::default()
            },
        };
        let saved = sent
            .done
            .iter()
            .find(|(d, _)| d.revision_id == q.revision_id)
            .map(|(_, s)| *s);
        let crossed = sent.crossed(q.article);
        Ok(EditorSave {
            queued: q,
            saved,
            crossed,
            sent,
        })
    }

    /// A photo for the shared library: stored on the server when `lib` is
    /// open and takes it, or, when the server cannot be reached, kept here
    /// and sent before any waiting save. Gives back its name (the hash of
    /// its bytes) and whether it waits on this PC.
    pub fn put_image(
        &self,
        lib: Option<&Library>,
        asset: &NewAsset,
        now: DateTime<Utc>,
    ) -> Result<(String, bool), QueueError> {
        if let Some(lib) = lib {
            match lib.put_asset(asset, now) {
                Ok(sha256) => return Ok((sha256, false)),
                Err(e) if e.is_unreachable() => {}
                Err(e) => return Err(QueueError::Store(e)),
            }
        }
        Ok((self.keep_image(asset, now)?, true))
    }
}

impl Sent {
    /// Whether a save of `article` sent now crossed another person's.
    pub fn crossed(&self, article: ArticleId) -> bool {
        self.done
            .iter()
            .any(|(d, s)| d.article == article && matches!(s, Saved::Crossed { .. }))
    }
}

/// Whether the server of `lib` takes a connection within `AT_ONCE` (a
/// server on this machine is not asked: it answers or refuses at once).
pub fn answers_at_once(lib: &Library) -> bool {
    lib.server_endpoint()
        .is_none_or(|e| e.answers_within(AT_ONCE))
}
