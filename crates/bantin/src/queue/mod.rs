//! The offline queue (issue 14): saves to the shared library wait here, on
//! this PC, until the server takes them, in order and exactly once.
//!
//! Why it is built this way:
//! - every save goes through the queue, online or not: written here first
//!   (durable), then sent. So a cut network, a server restart or a PC
//!   switched off between the two loses nothing, and the order of sending
//!   is the order of saving, whatever happened in between;
//! - one file per save in a folder, written under a temporary name, flushed
//!   to disk (`fsync`), then given its final name by a hard link that fails
//!   when the name is taken (two programs queueing at once never overwrite
//!   each other), and the folder flushed: a file is in the queue whole or
//!   not at all;
//! - each save carries the revision id (a uuid) it was given when it was
//!   queued; the server stores a revision once per id, so a save sent, stored
//!   and then sent again (the program killed before it could cross it off)
//!   is answered "already there", never doubled;
//! - a save made while an earlier save of the same article still waits
//!   follows it (`Queued::follows`): sent, it is made from the revision the
//!   earlier one became, so an editor's own saves while offline never cross
//!   each other;
//! - a save the server refuses for good (the article deleted, no right to
//!   it) is not thrown away: it moves to the sub-folder `khong-gui-duoc` and
//!   the report names it, and the saves after it go on;
//! - a photo inserted while the server is away waits here too (`images`),
//!   by the hash of its bytes, and goes up before every waiting save.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{ArticleId, Content, RevisionReason};
use crate::store::{Library, Saved, StoreError};

mod editing;
mod images;
pub use editing::{AT_ONCE, EditorSave, answers_at_once};
pub use images::{IMAGES_DIR, KeptImage};

/// The folder of saves the server refused for good.
pub const REFUSED_DIR: &str = "khong-gui-duoc";

/// One save waiting for the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// The revision's id: the same on every try.
    pub revision_id: String,
    pub article: ArticleId,
    /// The revision the editor's text was made from.
    pub base: u32,
    pub content: Content,
    /// `RevisionReason::code`.
    pub reason: String,
    /// Take the article's status from the server when sending (the CLI's
    /// `save` keeps the status; the editor in the app sets it).
    #[serde(default)]
    pub keep_status: bool,
    pub queued_at: DateTime<Utc>,
    /// The revision id of the save of the same article that still waited
    /// when this one was made: this text was written on top of it, so it
    /// is sent as made from the revision that one became.
    #[serde(default)]
    pub follows: Option<String>,
}

impl Queued {
    pub fn new(
        article: ArticleId,
        base: u32,
        content: Content,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Queued {
        Queued {
            revision_id: uuid::Uuid::new_v4().to_string(),
            article,
            base,
            content,
            reason: reason.code().into(),
            keep_status: false,
            queued_at: now,
            follows: None,
        }
    }
}

/// What went wrong with the queue file itself (not with the server).
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error(
        "Không ghi được hàng chờ gửi lên thư viện chung ở \"{path}\". Hãy kiểm tra ổ đĩa còn chỗ và quyền ghi thư mục đó.\nChi tiết kỹ thuật: {detail}"
    )]
    Io { path: PathBuf, detail: String },
    #[error(
        "Một bài trong hàng chờ ở \"{path}\" không đọc được (tệp hỏng). Tệp được giữ nguyên; hãy báo cho người hỗ trợ.\nChi tiết kỹ thuật: {detail}"
    )]
    Bad { path: PathBuf, detail: String },
    /// The door says what to do (the CLI: `--queue`; the app: support).
    #[error("Không xác định được thư mục dữ liệu của người dùng trên máy này để giữ hàng chờ.")]
    NoDataFolder,
    /// The server refused a photo for good (not for being away).
    #[error(transparent)]
    Store(StoreError),
}

impl QueueError {
    pub fn code(&self) -> &'static str {
        match self {
            QueueError::Io { .. } => "queue_io",
            QueueError::Bad { .. } => "queue_bad",
            QueueError::NoDataFolder => "queue_no_data_folder",
            QueueError::Store(e) => e.code(),
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> QueueError {
    QueueError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// What one `send` did.
#[derive(Debug, Default)]
pub struct Sent {
    /// Each save the server took, in order, and what it did.
    pub done: Vec<(Queued, Saved)>,
    /// Saves refused for good, moved to `khong-gui-duoc`, with the reason.
    pub refused: Vec<(Queued, StoreError)>,
    /// Set when the server could not be reached: the rest wait.
    pub stopped: Option<StoreError>,
    /// How many saves still wait.
    pub waiting: usize,
    /// Each image the server took (all are sent before any save).
    pub images: Vec<KeptImage>,
    /// Images refused for good, moved to `khong-gui-duoc/anh`.
    pub refused_images: Vec<(KeptImage, StoreError)>,
    /// How many images still wait.
    pub images_waiting: usize,
}

/// A queue folder.
#[derive(Debug, Clone)]
pub struct Queue {
    dir: PathBuf,
}

impl Queue {
    /// The queue in folder `dir` (created when missing).
    pub fn open(dir: &Path) -> Result<Queue, QueueError> {
        fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        Ok(Queue {
            dir: dir.to_path_buf(),
        })
    }

    /// The queue of the shared library at `address` in this user's data
    /// folder: one folder per library, named by a digest of its address in
    /// its one form (`pg::canonical_address`), so the app and the CLI find
    /// the same queue whichever way each was given the address.
    pub fn default_dir(address: &str) -> Option<PathBuf> {
        let address = crate::store::pg::canonical_address(address);
        let digest = crate::hash::sha256_hex(address.as_bytes());
        directories::ProjectDirs::from("vn", "bantin", "bantin")
            .map(|d| d.data_dir().join("hang-cho").join(&digest[..16]))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds `q` at the end of the queue, durably: when this returns, the
    /// save survives a crash or a power cut.
    pub fn push(&self, q: &Queued) -> Result<PathBuf, QueueError> {
        let bytes = serde_json::to_vec_pretty(q).expect("plain data always serialises");
        let tmp = self
            .dir
            .join(format!(".{}.{}.tmp", q.revision_id, std::process::id()));
        let written = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io(&tmp, e));
        }
        let mut next = self.entries()?.last().map(|(n, _)| n + 1).unwrap_or(1);
        let path = loop {
            let path = self.dir.join(format!("{next:012}-{}.json", q.revision_id));
            match fs::hard_link(&tmp, &path) {
                Ok(()) => break path,
                // Another program took this number a moment ago.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => next += 1,
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    return Err(io(&path, e));
                }
            }
        };
        fs::remove_file(&tmp).map_err(|e| io(&tmp, e))?;
        sync_dir(&self.dir)?;
        Ok(path)
    }

    /// The saves waiting, oldest first.
    pub fn pending(&self) -> Result<Vec<Queued>, QueueError> {
        self.entries()?
            .into_iter()
            .map(|(_, path)| read(&path))
            .collect()
    }

    /// The numbered files of the queue, in order.
    fn entries(&self) -> Result<Vec<(u64, PathBuf)>, QueueError> {
        let mut out = Vec::new();
        for e in fs::read_dir(&self.dir).map_err(|e| io(&self.dir, e))? {
            let e = e.map_err(|e| io(&self.dir, e))?;
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if let Some(n) = stem.split('-').next().and_then(|n| n.parse::<u64>().ok()) {
                out.push((n, e.path()));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Sends the waiting images, then the waiting saves, to `lib`, oldest
    /// first, each crossed off only once the server has it. Stops (keeping
    /// the rest) when the server cannot be reached.
    pub fn send(&self, lib: &Library) -> Result<Sent, QueueError> {
        let mut sent = Sent::default();
        let entries = self.entries()?;
        let images = self.waiting_images()?;
        let total_images = images.len();
        for (i, image) in images.into_iter().enumerate() {
            let (head, asset) = self.image_asset(&image.sha256)?;
            match lib.put_asset(&asset, head.kept_at) {
                Ok(_) => {
                    self.image_sent(&head.sha256)?;
                    sent.images.push(head);
                }
                Err(e) if e.is_unreachable() => {
                    sent.stopped = Some(e);
                    sent.images_waiting = total_images - i;
                    sent.waiting = entries.len();
                    return Ok(sent);
                }
                Err(e) => {
                    self.image_refused(&head.sha256)?;
                    sent.refused_images.push((head, e));
                }
            }
        }
        let total = entries.len();
        for (i, (_, path)) in entries.into_iter().enumerate() {
            let q = read(&path)?;
            match send_one(lib, &q) {
                Ok(saved) => {
                    remove(&self.dir, &path)?;
                    sent.done.push((q, saved));
                }
                Err(e) if e.is_unreachable() => {
                    sent.stopped = Some(e);
                    sent.waiting = total - i;
                    return Ok(sent);
                }
                Err(e) => {
                    let refused = self.dir.join(REFUSED_DIR);
                    fs::create_dir_all(&refused).map_err(|e| io(&refused, e))?;
                    let to = refused.join(path.file_name().unwrap_or_default());
                    fs::rename(&path, &to).map_err(|e| io(&to, e))?;
                    sync_dir(&self.dir)?;
                    sent.refused.push((q, e));
                }
            }
        }
        Ok(sent)
    }
}

/// Sends one save, dated when the editor made it, made from the revision
/// the save it follows became (its own base when that wrote nothing).
fn send_one(lib: &Library, q: &Queued) -> Result<Saved, StoreError> {
    let reason = RevisionReason::parse(&q.reason).unwrap_or(RevisionReason::Save);
    let base = match &q.follows {
        Some(uuid) => lib.revision_with_id(q.article, uuid)?.unwrap_or(q.base),
        None => q.base,
    };
    let mut content = q.content.clone();
    if q.keep_status {
        content.status = lib.article(q.article)?.content.status;
    }
    lib.save_article_based(
        q.article,
        base,
        Some(&q.revision_id),
        &content,
        reason,
        q.queued_at,
    )
}

fn read(path: &Path) -> Result<Queued, QueueError> {
    let bytes = fs::read(path).map_err(|e| io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| QueueError::Bad {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

fn remove(dir: &Path, path: &Path) -> Result<(), QueueError> {
    fs::remove_file(path).map_err(|e| io(path, e))?;
    sync_dir(dir)
}

/// Makes a rename or removal in `dir` durable. Windows has no folder
/// handles to flush; NTFS journals the change itself.
fn sync_dir(dir: &Path) -> Result<(), QueueError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn q(n: u32) -> Queued {
        Queued::new(
            7,
            n,
            Content {
                title: format!("Bài {n}"),
                body: "Nội dung.".into(),
                ..Content::default()
            },
            RevisionReason::Save,
            Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap(),
        )
    }

    #[test]
    fn saves_come_back_in_the_order_they_were_queued() {
        let dir = tempfile::tempdir().unwrap();
        let queue = Queue::open(dir.path()).unwrap();
        let all: Vec<Queued> = (1..=12).map(q).collect();
        for item in &all {
            queue.push(item).unwrap();
        }
        assert_eq!(queue.pending().unwrap(), all);
        // No temporary file is left beside them.
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| n.ends_with(".json") && !n.starts_with('.')),
            "{names:?}"
        );
    }

    #[test]
    fn a_broken_file_is_named_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let queue = Queue::open(dir.path()).unwrap();
        queue.push(&q(1)).unwrap();
        fs::write(dir.path().join("000000000002-x.json"), b"{ nua").unwrap();
        assert!(matches!(queue.pending(), Err(QueueError::Bad { .. })));
    }
}
