//! Images in the offline queue: a photo inserted while the shared library's
//! server cannot be reached waits on this PC with the saves, and goes up
//! before them.
//!
//! Why it is built this way:
//! - one file per image in the queue's sub-folder `anh`, named by the
//!   SHA-256 of its bytes (the name the article already uses,
//!   `asset:<sha256>`): the same photo inserted twice, or into two articles,
//!   waits once and is sent once;
//! - written like a save: under a temporary name, flushed to disk, then
//!   linked under its final name and the folder flushed, so an image is in
//!   the queue whole or not at all, and a PC switched off loses nothing;
//! - `Queue::send` sends every waiting image before any waiting save, so a
//!   revision never reaches the server before an image it shows; each is
//!   crossed off only once the server has it, and the server keeps an image
//!   once per name, so one sent again after a crash is not doubled;
//! - the file holds one line of JSON (type, name, when it was kept) and then
//!   the bytes as they are: a 30 MB photo stays 30 MB, and the app shows a
//!   waiting image from here (`Queue::image`).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Queue, QueueError, io, sync_dir};
use crate::hash::sha256_hex;
use crate::store::assets::NewAsset;

/// The queue's sub-folder of waiting images.
pub const IMAGES_DIR: &str = "anh";

/// What a waiting image's file says of it before its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptImage {
    /// Its name: the SHA-256 of its bytes, as `asset:<sha256>` uses it.
    pub sha256: String,
    pub mime: String,
    pub original_name: String,
    pub size: usize,
    pub kept_at: DateTime<Utc>,
}

/// Whether `name` can be an image's name (64 lowercase hex digits): what
/// comes from elsewhere (the app's image address) never becomes a path
/// that leaves the folder.
fn is_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Queue {
    fn images_dir(&self) -> PathBuf {
        self.dir.join(IMAGES_DIR)
    }

    fn image_path(&self, sha256: &str) -> PathBuf {
        self.images_dir().join(format!("{sha256}.anh"))
    }

    /// Keeps `asset` here until the server takes it, durably: when this
    /// returns, the image survives a crash or a power cut. Gives back its
    /// name. An image already waiting is not written again.
    pub fn keep_image(&self, asset: &NewAsset, now: DateTime<Utc>) -> Result<String, QueueError> {
        let sha256 = sha256_hex(&asset.bytes);
        let path = self.image_path(&sha256);
        if path.exists() {
            return Ok(sha256);
        }
        let dir = self.images_dir();
        if !dir.exists() {
            fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
            sync_dir(&self.dir)?;
        }
        let head = KeptImage {
            sha256: sha256.clone(),
            mime: asset.mime.clone(),
            original_name: asset.original_name.clone(),
            size: asset.bytes.len(),
            kept_at: now,
        };
        let mut line = serde_json::to_vec(&head).expect("plain data always serialises");
        line.push(b'\n');
        let tmp = dir.join(format!(".{sha256}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(&line)?;
            f.write_all(&asset.bytes)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io(&tmp, e));
        }
        match fs::hard_link(&tmp, &path) {
            Ok(()) => {}
            // Kept a moment ago by another program: the same bytes.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(io(&path, e));
            }
        }
        fs::remove_file(&tmp).map_err(|e| io(&tmp, e))?;
        sync_dir(&dir)?;
        Ok(sha256)
    }

    /// The images waiting, oldest first.
    pub fn waiting_images(&self) -> Result<Vec<KeptImage>, QueueError> {
        let mut out: Vec<KeptImage> = self
            .image_files()?
            .iter()
            .map(|p| read_image(p).map(|(head, _)| head))
            .collect::<Result<_, _>>()?;
        out.sort_by(|a, b| a.kept_at.cmp(&b.kept_at).then(a.sha256.cmp(&b.sha256)));
        Ok(out)
    }

    /// A waiting image and its bytes, when image `sha256` waits here (the
    /// app shows it from here until the server has it).
    pub fn image(&self, sha256: &str) -> Result<Option<(KeptImage, Vec<u8>)>, QueueError> {
        if !is_name(sha256) {
            return Ok(None);
        }
        let path = self.image_path(sha256);
        if !path.exists() {
            return Ok(None);
        }
        read_image(&path).map(Some)
    }

    fn image_files(&self) -> Result<Vec<PathBuf>, QueueError> {
        let dir = self.images_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for e in fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
            let e = e.map_err(|e| io(&dir, e))?;
            let name = e.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".anh")) else {
                continue;
            };
            if is_name(stem) {
                out.push(e.path());
            }
        }
        Ok(out)
    }

    /// Crosses off image `sha256`, which the server has now. Gone already
    /// (another program sent it too) is fine.
    pub(super) fn image_sent(&self, sha256: &str) -> Result<(), QueueError> {
        let path = self.image_path(sha256);
        match fs::remove_file(&path) {
            Ok(()) => sync_dir(&self.images_dir()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(&path, e)),
        }
    }

    /// Moves image `sha256`, which the server refused for good, to
    /// `khong-gui-duoc/anh`, where it is kept.
    pub(super) fn image_refused(&self, sha256: &str) -> Result<(), QueueError> {
        let to_dir = self.dir.join(super::REFUSED_DIR).join(IMAGES_DIR);
        fs::create_dir_all(&to_dir).map_err(|e| io(&to_dir, e))?;
        let from = self.image_path(sha256);
        let to = to_dir.join(format!("{sha256}.anh"));
        fs::rename(&from, &to).map_err(|e| io(&to, e))?;
        sync_dir(&self.images_dir())
    }

    /// Image `sha256` as the library stores it.
    pub(super) fn image_asset(&self, sha256: &str) -> Result<(KeptImage, NewAsset), QueueError> {
        let (head, bytes) = read_image(&self.image_path(sha256))?;
        let asset = NewAsset {
            bytes,
            mime: head.mime.clone(),
            original_name: head.original_name.clone(),
        };
        Ok((head, asset))
    }
}

/// Reads an image file: its line of JSON, then its bytes, checked against
/// its name (a file damaged on disk is said, never sent).
fn read_image(path: &Path) -> Result<(KeptImage, Vec<u8>), QueueError> {
    let bad = |detail: String| QueueError::Bad {
        path: path.to_path_buf(),
        detail,
    };
    let mut all = fs::read(path).map_err(|e| io(path, e))?;
    let end = all
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| bad("no header line".into()))?;
    let head: KeptImage = serde_json::from_slice(&all[..end]).map_err(|e| bad(e.to_string()))?;
    let bytes = all.split_off(end + 1);
    if sha256_hex(&bytes) != head.sha256 || bytes.len() != head.size {
        return Err(bad(format!(
            "the bytes are not image {} ({} bytes)",
            head.sha256,
            bytes.len()
        )));
    }
    Ok((head, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn photo(n: u8) -> NewAsset {
        NewAsset {
            bytes: vec![n; 1000 + n as usize],
            mime: "image/jpeg".into(),
            original_name: format!("Ảnh {n}.jpg"),
        }
    }

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 8, minute, 0).unwrap()
    }

    #[test]
    fn an_image_kept_twice_waits_once_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let queue = Queue::open(dir.path()).unwrap();
        let a = queue.keep_image(&photo(1), at(0)).unwrap();
        let b = queue.keep_image(&photo(2), at(1)).unwrap();
        assert_eq!(queue.keep_image(&photo(1), at(2)).unwrap(), a);
        assert_eq!(a, sha256_hex(&photo(1).bytes));
        let waiting = queue.waiting_images().unwrap();
        let names: Vec<&str> = waiting.iter().map(|w| w.sha256.as_str()).collect();
        assert_eq!(names, [a.as_str(), b.as_str()]);
        assert_eq!(waiting[0].original_name, "Ảnh 1.jpg");
        assert_eq!(waiting[0].kept_at, at(0), "the first keeping stays");
        let (head, bytes) = queue.image(&a).unwrap().unwrap();
        assert_eq!((head.mime.as_str(), bytes), ("image/jpeg", photo(1).bytes));
        // Images are not saves: the saves' list does not see them.
        assert!(queue.pending().unwrap().is_empty());
        // No temporary file is left beside them.
        let left: Vec<String> = fs::read_dir(dir.path().join(IMAGES_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left.iter().all(|n| n.ends_with(".anh")), "{left:?}");
    }

    #[test]
    fn only_an_image_name_is_looked_up() {
        let dir = tempfile::tempdir().unwrap();
        let queue = Queue::open(dir.path()).unwrap();
        queue.keep_image(&photo(3), at(0)).unwrap();
        for name in ["../../etc/passwd", "", "ABC", &"a".repeat(65)] {
            assert!(queue.image(name).unwrap().is_none(), "{name}");
        }
    }

    #[test]
    fn a_damaged_image_file_is_named_not_sent() {
        let dir = tempfile::tempdir().unwrap();
        let queue = Queue::open(dir.path()).unwrap();
        let sha = queue.keep_image(&photo(4), at(0)).unwrap();
        let path = queue.image_path(&sha);
        let mut all = fs::read(&path).unwrap();
        let n = all.len();
        all[n - 1] ^= 0xFF;
        fs::write(&path, all).unwrap();
        assert!(matches!(queue.image(&sha), Err(QueueError::Bad { .. })));
    }
}
