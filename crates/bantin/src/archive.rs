//! Zip archives written byte-for-byte reproducibly: the one writer behind
//! upload bundles (`bundle`) and Word files (`word`).
//!
//! A zip records a timestamp, the host system and permissions per entry;
//! left to defaults those differ between runs and between Windows and Linux.
//! Every entry here gets the same given time, the Unix host tag, mode 0644
//! and an explicit compression, in the order given. Reading zips that may
//! be hostile is each reader's own business (`bundle::zipfile`,
//! `word::package`): what they check differs.

use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Files that are compressed already: stored as they are (deflating them
/// again costs time for nothing).
const STORED: [&str; 4] = [".jpg", ".jpeg", ".png", ".pdf"];

/// Zips `(path, bytes)` entries in order, each stamped with `time`. JPEG,
/// PNG and PDF are stored, everything else (text, XML) deflated.
pub fn write_zip<P: AsRef<str>, B: AsRef<[u8]>>(
    entries: &[(P, B)],
    time: NaiveDateTime,
) -> Result<Vec<u8>, ZipError> {
    let stamp = dos_time(time);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        let path = path.as_ref();
        let lower = path.to_ascii_lowercase();
        let options = SimpleFileOptions::default()
            .system(System::Unix)
            .unix_permissions(0o644)
            .last_modified_time(stamp)
            .large_file(false);
        let options = if STORED.iter().any(|x| lower.ends_with(x)) {
            options.compression_method(CompressionMethod::Stored)
        } else {
            options
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(6))
        };
        zip.start_file(path, options)?;
        zip.write_all(bytes.as_ref())?;
    }
    Ok(zip.finish()?.into_inner())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(y, 11, 24)
            .unwrap()
            .and_hms_opt(8, 30, 59)
            .unwrap()
    }

    #[test]
    fn same_entries_same_bytes_photos_stored_text_deflated() {
        let text = "Tăng cường công tác dân vận. ".repeat(200).into_bytes();
        let entries = [("a.xml", text.clone()), ("media/anh.JPG", text.clone())];
        let one = write_zip(&entries, at(2026)).unwrap();
        assert_eq!(one, write_zip(&entries, at(2026)).unwrap());
        assert_ne!(one, write_zip(&entries, at(2027)).unwrap());
        let mut zip = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        assert_eq!(
            zip.by_index(0).unwrap().compression(),
            CompressionMethod::Deflated
        );
        let photo = zip.by_index(1).unwrap();
        assert_eq!(photo.compression(), CompressionMethod::Stored);
        assert_eq!(photo.unix_mode(), Some(0o100644));
    }

    #[test]
    fn dates_outside_dos_range_are_clamped() {
        let t = dos_time(at(1970));
        assert_eq!((t.year(), t.month(), t.second()), (1980, 11, 58));
        assert_eq!(dos_time(at(2200)).year(), 2107);
    }
}
