//! `bantin bundle check FILE.zip`: is an upload bundle sound?

use std::path::Path;

use clap::Subcommand;

use super::CliError;
use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum BundleAction {
    /// Kiểm tra một gói tải lên: tệp đủ, mã kiểm tra đúng, HTML sạch
    Check {
        #[arg(value_name = "TỆP.zip")]
        file: std::path::PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The largest bundle `bundle check` reads: one article's package is a few
/// MB of photos; a file past this is not a bundle.
const MAX_BUNDLE_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Exit code 1 when the bundle has problems.
pub fn check(file: &Path, json: bool, out: &mut Out) -> Result<i32, CliError> {
    let bytes = bantin::userfile::read(file, MAX_BUNDLE_FILE_BYTES)?;
    let report = bantin::bundle::check_bundle(&bytes)?;
    if json {
        let problems: Vec<_> = report
            .problems
            .iter()
            .map(|p| serde_json::json!({ "code": p.code, "message": p.message }))
            .collect();
        out.line(&serde_json::json!({ "ok": report.is_ok(), "problems": problems }).to_string());
    } else if report.is_ok() {
        out.line(&format!("Gói \"{}\" hợp lệ.", file.display()));
    } else {
        out.line(&format!(
            "Gói \"{}\" có {} lỗi:",
            file.display(),
            report.problems.len()
        ));
        for p in &report.problems {
            out.line(&format!("  - {}", p.message));
        }
    }
    Ok(if report.is_ok() { 0 } else { 1 })
}
