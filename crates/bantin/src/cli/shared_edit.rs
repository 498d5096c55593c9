//! `bantin save ID FILE.md [--base N]`, `bantin merge ID [--save FILE.md]`,
//! `bantin queue list|send`, `bantin presence open|close|show ID`: saving
//! when others save too, and saying who has an article open (issue 14).
//!
//! On a shared library every save goes through the offline queue
//! (`bantin::queue`): written on this PC first, then sent. When the server
//! cannot be reached the save waits, the command says so and succeeds; the
//! next `save` or `bantin queue send` takes it up, once.

use std::path::{Path, PathBuf};

use bantin::import;
use bantin::merge::has_conflict_marks;
use bantin::model::{ArticleId, Content, RevisionReason};
use bantin::queue::{Queue, QueueError, Queued, REFUSED_DIR, Sent};
use bantin::store::{Library, Saved, pg};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::{CliError, Out};

#[derive(Subcommand, Debug)]
pub enum QueueAction {
    /// Liệt kê các lần lưu đang chờ gửi lên thư viện chung
    List,
    /// Gửi các lần lưu đang chờ lên thư viện chung (theo thứ tự, mỗi lần một lần)
    Send,
}

impl From<QueueError> for CliError {
    fn from(e: QueueError) -> Self {
        match e {
            QueueError::Store(e) => e.into(),
            QueueError::NoDataFolder => CliError::Message(format!(
                "{e} Hãy chỉ thư mục hàng chờ bằng --queue THƯ_MỤC."
            )),
            e => CliError::Message(e.to_string()),
        }
    }
}

/// The queue for the library at `path`: `--queue`/`BANTIN_QUEUE`, or the one
/// in the user's data folder.
fn queue(path: &Path, dir: Option<PathBuf>) -> Result<Queue, CliError> {
    let address = pg::shared_address(path).unwrap_or_default();
    Ok(Queue::of(address, dir)?)
}

#[derive(Subcommand, Debug)]
pub enum PresenceAction {
    /// Báo là bạn đang mở bài này để sửa (người khác sẽ thấy "Đang được … sửa" trong khoảng một phút)
    Open {
        id: ArticleId,
        /// Tên phiên làm việc (mặc định: bantin-cli)
        #[arg(long, default_value = "bantin-cli")]
        session: String,
    },
    /// Báo là bạn đã đóng bài này
    Close {
        id: ArticleId,
        #[arg(long, default_value = "bantin-cli")]
        session: String,
    },
    /// Những người khác đang mở bài này
    Show {
        id: ArticleId,
        #[arg(long, default_value = "bantin-cli")]
        session: String,
    },
}

/// `bantin presence …`: one line per person for `show`, one line for the others.
pub fn presence(lib: &Library, action: PresenceAction, out: &mut Out) -> Result<(), CliError> {
    match action {
        PresenceAction::Open { id, session } => {
            lib.mark_open(id, &session)?;
            out.line(&format!("{id}	đang mở"));
        }
        PresenceAction::Close { id, session } => {
            lib.mark_closed(id, &session)?;
            out.line(&format!("{id}	đã đóng"));
        }
        PresenceAction::Show { id, session } => {
            for name in lib.open_by_others(id, &session)? {
                out.line(&format!("{id}	{name}"));
            }
        }
    }
    Ok(())
}

pub struct SaveArgs {
    pub id: ArticleId,
    pub file: PathBuf,
    pub base: Option<u32>,
    pub queue: Option<PathBuf>,
}

pub fn save(path: &Path, a: SaveArgs, now: DateTime<Utc>, out: &mut Out) -> Result<(), CliError> {
    let prepared = import::prepare_file(&a.file)?;
    if pg::shared_address(path).is_none() {
        let lib = super::open(path)?;
        let current = lib.article(a.id)?;
        for (_, asset) in &prepared.images {
            lib.put_asset(asset, now)?;
        }
        let content = Content {
            status: current.content.status,
            ..prepared.content
        };
        let base = a.base.unwrap_or(current.revision);
        let saved =
            lib.save_article_based(a.id, base, None, &content, RevisionReason::Save, now)?;
        say_saved(a.id, &content.title, saved, out);
        return Ok(());
    }
    let queue = queue(path, a.queue)?;
    let lib = match Library::open(path, now) {
        Ok(lib) => Some(lib),
        Err(e) if e.is_unreachable() => {
            eprintln!("{}", e.to_string());
            None
        }
        Err(e) => return Err(e.into()),
    };
    let base = match (a.base, &lib) {
        (Some(b), _) => b,
        (None, Some(lib)) => lib.article(a.id)?.revision,
        (None, None) => {
            return Err(CliError::Message(format!(
                "Chưa kết nối được thư viện chung nên không biết bài {} đang ở phiên bản nào. Hãy ghi phiên bản bạn đã sửa từ: bantin save {} TỆP.md --base SỐ",
                a.id, a.id
            )));
        }
    };
    // The images first: on the server, or, when it cannot be reached,
    // waiting in the queue before the save that shows them.
    for (_, asset) in &prepared.images {
        queue.put_image(lib.as_ref(), asset, now)?;
    }
    let mut q = Queued::new(a.id, base, prepared.content, RevisionReason::Save, now);
    q.keep_status = true;
    let done = queue.save_edit(lib.as_ref(), q)?;
    if lib.is_some() {
        report(&done.sent, out);
    } else {
        let images = match done.sent.images_waiting {
            0 => String::new(),
            n => format!(", {n} ảnh"),
        };
        out.line(&format!(
            "{}\t{}\tđang chờ gửi ({} lần lưu{images} chờ trong máy; gửi bằng: bantin queue send)",
            a.id, done.queued.content.title, done.sent.waiting
        ));
    }
    Ok(())
}

pub fn run_queue(
    path: &Path,
    dir: Option<PathBuf>,
    action: QueueAction,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<i32, CliError> {
    let queue = queue(path, dir)?;
    match action {
        QueueAction::List => {
            for q in queue.pending()? {
                out.line(&format!(
                    "{}\t{}\tphiên bản gốc {}\t{}",
                    q.article, q.content.title, q.base, q.revision_id
                ));
            }
            for image in queue.waiting_images()? {
                out.line(&format!(
                    "ảnh\t{}\t{} byte\t{}",
                    image.original_name, image.size, image.sha256
                ));
            }
            Ok(0)
        }
        QueueAction::Send => {
            let lib = match Library::open(path, now) {
                Ok(lib) => lib,
                // Still away: say so, and what waits.
                Err(e) if e.is_unreachable() => {
                    report(
                        &Sent {
                            stopped: Some(e),
                            waiting: queue.pending()?.len(),
                            images_waiting: queue.waiting_images()?.len(),
                            ..Sent::default()
                        },
                        out,
                    );
                    return Ok(1);
                }
                Err(e) => return Err(e.into()),
            };
            let sent = queue.send(&lib)?;
            report(&sent, out);
            if let Some(e) = sent.stopped {
                return Err(e.into());
            }
            Ok(
                if sent.refused.is_empty() && sent.refused_images.is_empty() {
                    0
                } else {
                    1
                },
            )
        }
    }
}

/// One line per save the server took; refusals and a lost server on stderr.
fn report(sent: &Sent, out: &mut Out) {
    for image in &sent.images {
        out.line(&format!("ảnh\t{}\tđã gửi", image.original_name));
    }
    for (image, e) in &sent.refused_images {
        eprintln!(
            "Không gửi được ảnh \"{}\"; đã giữ lại trong thư mục {REFUSED_DIR} của hàng chờ.\n{}",
            image.original_name, e
        );
    }
    for (q, saved) in &sent.done {
        say_saved(q.article, &q.content.title, *saved, out);
    }
    for (q, e) in &sent.refused {
        eprintln!(
            "Không gửi được lần lưu bài {} (\"{}\"); đã giữ lại trong thư mục {REFUSED_DIR} của hàng chờ.\n{}",
            q.article, q.content.title, e
        );
    }
    if let Some(e) = &sent.stopped {
        let images = match sent.images_waiting {
            0 => String::new(),
            n => format!(" và {n} ảnh"),
        };
        eprintln!(
            "{}\n{} lần lưu{images} vẫn chờ trong máy; sẽ gửi khi có kết nối (bantin queue send).",
            e, sent.waiting
        );
    }
}

fn say_saved(id: ArticleId, title: &str, saved: Saved, out: &mut Out) {
    match saved {
        Saved::Unchanged => out.line(&format!("{id}\t{title}\tkhông có gì thay đổi")),
        Saved::Written(n) => out.line(&format!("{id}\t{title}\tphiên bản {n}")),
        Saved::Crossed { number, merge } => out.line(&format!(
            "{id}\t{title}\tphiên bản {number}\tlưu chéo với phiên bản {}: cả hai được giữ, cần hợp nhất (bantin merge {id})",
            merge.other
        )),
    }
}

/// `bantin merge ID`: the proposal on stdout (conflicts counted on stderr);
/// `--save FILE.md`: that file saved as the merge.
pub fn merge(
    lib: &Library,
    id: ArticleId,
    save: Option<&Path>,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<i32, CliError> {
    let Some(p) = lib.merge_proposal(id)? else {
        out.line(&format!("{id}\tkhông có lần lưu chéo nào cần hợp nhất"));
        return Ok(0);
    };
    let Some(file) = save else {
        out.line(p.content.body.trim_end_matches('\n'));
        eprintln!(
            "Bài {id}: bản hợp nhất từ {} và {}; {} chỗ khác nhau cần chọn. Sửa rồi lưu bằng: bantin merge {id} --save TỆP.md",
            p.current_by, p.other_by, p.conflicts
        );
        return Ok(0);
    };
    let prepared = import::prepare_file(file)?;
    if has_conflict_marks(&prepared.content.body) {
        return Err(CliError::Message(format!(
            "Tệp {} vẫn còn dòng đánh dấu chỗ khác nhau (▶▶ … ◀◀). Hãy giữ lại phần đúng, xoá các dòng đánh dấu rồi lưu lại.",
            file.display()
        )));
    }
    let content = Content {
        status: p.current.content.status,
        ..prepared.content
    };
    let saved = lib.save_article_based(
        id,
        p.current.info.number,
        None,
        &content,
        RevisionReason::Merge,
        now,
    )?;
    say_saved(id, &content.title, saved, out);
    Ok(0)
}
