//! `bantin backup|restore-backup|check`: keeping the library safe.

use std::path::Path;

use bantin::store::Library;
use chrono::{DateTime, Utc};

use super::output::Out;
use super::{CliError, open};

pub fn backup(lib: &Library, output: &Path, out: &mut Out) -> Result<(), CliError> {
    lib.backup(output)?;
    out.line(&format!("Đã sao lưu thư viện vào {}", output.display()));
    Ok(())
}

/// Checks the backup before the library is touched, then restores it.
pub fn restore_backup(
    library: &Path,
    file: &Path,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    let info = bantin::store::inspect_backup(file)?;
    let mut lib = open(library)?;
    let kept = lib.restore_from(file, now)?;
    out.line(&format!(
        "Đã khôi phục thư viện từ {} ({} bài viết). Thư viện trước đó được giữ ở {}",
        file.display(),
        info.articles,
        kept.display()
    ));
    Ok(())
}

/// Exit code 1 when something is wrong. The library is opened read-only:
/// a check never creates, upgrades or writes it.
pub fn check(path: &Path, json: bool, out: &mut Out) -> Result<i32, CliError> {
    let report = Library::check_file(path)?;
    out.check(&report, json);
    Ok(if report.ok { 0 } else { 1 })
}
