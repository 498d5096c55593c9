//! Writing the zip itself, byte-for-byte reproducibly.
//!
//! A zip records a timestamp, the host system and permissions per entry; left
//! to defaults those differ between runs and between Windows and Linux. Every
//! entry here gets the same fixed time (the article's date), the Unix host
//! tag, mode 0644 and an explicit compression, in the order given.

use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::BundleError;

/// One file to put in the archive.
pub(crate) struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Zips `entries` in order. JPEG, PNG and PDF are stored as they are (they
/// are compressed already; deflating them again costs time for nothing),
/// text is deflated.
pub(crate) fn write_zip(entries: &[Entry], time: NaiveDateTime) -> Result<Vec<u8>, BundleError> {
    let fail = |e: zip::result::ZipError| BundleError::Zip(e.to_string());
    let stamp = dos_time(time);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for e in entries {
        let stored = [".jpg", ".png", ".pdf"].iter().any(|x| e.path.ends_with(x));
        let options = SimpleFileOptions::default()
            .system(System::Unix)
            .unix_permissions(0o644)
            .last_modified_time(stamp)
            .large_file(false);
        let options = if stored {
            options.compression_method(CompressionMethod::Stored)
        } else {
            options
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(6))
        };
        zip.start_file(e.path.as_str(), options).map_err(fail)?;
        zip.write_all(&e.bytes)
            .map_err(|e| BundleError::Zip(e.to_string()))?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// The DOS timestamp of `t`, clamped to what DOS dates can hold (1980–2107).
fn dos_time(t: NaiveDateTime) -> DateTime {
    let year = t.year().clamp(1980, 2107) as u16;
    DateTime::from_date_and_time(
        year,
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second().min(58) as u8,
    )
    .unwrap_or(DateTime::DEFAULT)
}
