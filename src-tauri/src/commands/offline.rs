//! Offline (issue 14): on the shared library every save goes through the
//! offline queue on this PC (`bantin::queue`, the same the CLI uses), so a
//! cut network or a stopped server costs nothing: the save waits and is
//! sent, in order and once, on the next save or the UI's next retry.

use std::path::PathBuf;

use bantin::model::{ArticleId, Content, RevisionReason};
use bantin::queue::{Queue, QueueError, Queued, Sent};
use bantin::store::assets::NewAsset;
use bantin::store::{Library, Saved};
use serde::Serialize;
use tauri::AppHandle;

use super::articles::SaveOutcome;
use super::{ApiError, Result, on_worker};

impl From<QueueError> for ApiError {
    fn from(e: QueueError) -> Self {
        match e {
            QueueError::Store(e) => e.into(),
            QueueError::NoDataFolder => ApiError {
                code: e.code().into(),
                message: format!(
                    "{e} Lần lưu chưa được giữ lại; hãy chép nội dung bài ra chỗ khác và báo cho người hỗ trợ."
                ),
            },
            e => ApiError {
                code: e.code().into(),
                message: e.to_string(),
            },
        }
    }
}

/// The queue of the shared library `lib`: `BANTIN_QUEUE`, or the one in the
/// user's data folder (the CLI's, for the same address).
pub(crate) fn queue(lib: &Library) -> Result<Queue> {
    let named = std::env::var_os("BANTIN_QUEUE").map(PathBuf::from);
    Ok(Queue::of(&lib.path().display().to_string(), named)?)
}

/// An image on the shared library: on the server, or waiting on this PC
/// (the core decides). Gives back its name and whether it waits here.
pub(crate) fn put_image_shared(
    lib: &Library,
    asset: &NewAsset,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, bool)> {
    Ok(queue(lib)?.put_image(Some(lib), asset, now)?)
}

/// A waiting image's type and bytes, for the app to show while the server
/// does not have it yet.
pub(crate) fn waiting_image(lib: &Library, sha256: &str) -> Option<(String, Vec<u8>)> {
    let (head, bytes) = queue(lib).ok()?.image(sha256).ok()??;
    Some((head.mime, bytes))
}

/// A save on the shared library, as the editor's screen needs it.
pub(crate) fn save_shared(
    lib: &Library,
    id: ArticleId,
    base: u32,
    content: Content,
    reason: RevisionReason,
) -> Result<SaveOutcome> {
    let now = chrono::Utc::now();
    let done = queue(lib)?.save_edit(Some(lib), Queued::new(id, base, content, reason, now))?;
    Ok(match done.saved {
        Some(saved) => {
            let article = lib.article(id)?;
            SaveOutcome {
                revision: article.revision,
                changed: saved != Saved::Unchanged,
                crossed: done.crossed,
                updated_at: article.updated_at,
                waiting: done.sent.waiting,
                offline: false,
            }
        }
        // Not sent: it waits on this PC, made from `base` still.
        None => SaveOutcome {
            revision: base,
            changed: false,
            crossed: done.crossed,
            updated_at: now,
            waiting: done.sent.waiting.max(1),
            offline: true,
        },
    })
}

#[derive(Serialize)]
pub struct QueueState {
    /// The server could not be reached.
    pub offline: bool,
    /// Saves still waiting on this PC.
    pub waiting: usize,
    /// Each article some waiting saves reached, with its revision now.
    pub sent: Vec<(ArticleId, u32)>,
    /// Articles whose sent saves crossed someone else's.
    pub crossed: Vec<ArticleId>,
}

fn state_after(lib: &Library, sent: &Sent) -> QueueState {
    let mut articles: Vec<ArticleId> = sent.done.iter().map(|(q, _)| q.article).collect();
    articles.dedup();
    QueueState {
        offline: sent.stopped.is_some(),
        waiting: sent.waiting,
        sent: articles
            .into_iter()
            .filter_map(|a| lib.article(a).ok().map(|x| (a, x.revision)))
            .collect(),
        crossed: sent
            .done
            .iter()
            .filter(|(_, s)| matches!(s, Saved::Crossed { .. }))
            .map(|(q, _)| q.article)
            .collect(),
    }
}

/// The UI's retry (on a timer while saves wait or the server is away):
/// sends what waits; with nothing waiting, asks the server whether it is
/// back. A server on another machine is first asked without the library's
/// lock: when nothing answers there, the retry gives up without holding up
/// the editor's other work for the connect timeout.
#[tauri::command]
pub async fn send_waiting(app: AppHandle) -> Result<QueueState> {
    on_worker(app, move |state| {
        let (endpoint, waiting) = {
            let lib = state.library();
            if !lib.is_shared() {
                return Ok(QueueState {
                    offline: false,
                    waiting: 0,
                    sent: Vec::new(),
                    crossed: Vec::new(),
                });
            }
            (lib.server_endpoint(), queue(&lib)?.pending()?.len())
        };
        if endpoint.is_some_and(|e| !e.answers()) {
            return Ok(QueueState {
                offline: true,
                waiting,
                sent: Vec::new(),
                crossed: Vec::new(),
            });
        }
        let lib = state.library();
        let sent = queue(&lib)?.send(&lib)?;
        let mut now = state_after(&lib, &sent);
        if !now.offline && sent.done.is_empty() {
            match lib.count_articles() {
                Err(e) if e.is_unreachable() => now.offline = true,
                _ => {}
            }
        }
        Ok(now)
    })
    .await
}
