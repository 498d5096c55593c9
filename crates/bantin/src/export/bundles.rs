//! Upload bundles (DESIGN §6) from the driver's side: the article parsed
//! once, its images from the one image source, the print PDF when wanted,
//! handed to the pure `bundle` writer.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use super::{ExportError, Images, Source};
use crate::bundle::{Bundle, BundleOptions, build_bundle};

/// Where a multi-article export is, for a progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleProgress {
    /// Articles finished so far (this one included once `path` is set).
    pub done: usize,
    pub total: usize,
    pub title: String,
    pub path: Option<PathBuf>,
}

/// The bundle of one article: `pdf` is its print version, if wanted;
/// `now` dates an undated article.
pub fn article_bundle(
    source: &Source,
    images: &Images,
    pdf: Option<Vec<u8>>,
    now: DateTime<FixedOffset>,
) -> Result<Bundle, ExportError> {
    let lookup = |src: &str| images.get(src).cloned();
    let opts = BundleOptions { pdf, now };
    Ok(build_bundle(&source.article, &source.doc, &lookup, &opts)?)
}
