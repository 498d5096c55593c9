//! `bantin bench [library|pdf|bundle|bulletin|docx|check]`: measurements on generated
//! data (DESIGN §10), one file per benchmark.

mod bulletin;
mod bundle;
mod check;
mod docx;
mod library;
mod pdf;
mod server;

use std::path::PathBuf;

use super::{CliError, Out};

/// What `bantin bench` was asked to measure, with its options.
pub struct BenchArgs {
    pub what: String,
    pub photos: Vec<PathBuf>,
    pub photo: Option<PathBuf>,
    pub articles: usize,
    pub words: usize,
    pub keep: Option<PathBuf>,
    /// `server`: people saving at once, and for how long.
    pub editors: usize,
    pub seconds: u64,
    /// `server`: the shared library's address (`--library`).
    pub library: PathBuf,
}

pub fn run(a: BenchArgs, out: &mut Out) -> Result<(), CliError> {
    match a.what.as_str() {
        "library" => library::run(a.articles, a.words, a.keep, out),
        "pdf" => pdf::run(a.photo.as_deref(), out),
        "bundle" => bundle::run(&a.photos, out),
        "bulletin" => bulletin::run(a.photo.as_deref(), a.keep.as_deref(), out),
        "check" => check::run(out),
        "server" => server::run(
            server::ServerBench {
                library: a.library,
                articles: a.articles,
                words: a.words,
                editors: a.editors,
                seconds: a.seconds,
            },
            out,
        ),
        "docx" => docx::run(out),
        other => Err(CliError::Message(format!(
            "Không có phép đo \"{other}\"; hãy dùng library, pdf, bundle, bulletin, check, docx hoặc server."
        ))),
    }
}
