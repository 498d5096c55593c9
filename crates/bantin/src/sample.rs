//! The built-in sample library: a few articles we wrote ourselves on the
//! office-culture theme, so a new library is never empty and tests have real
//! Vietnamese content (a table, lists, an image, a footnote, a report).

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::import::{self, ImportError, PreparedArticle};
use crate::model::{ArticleId, RevisionReason};
use crate::store::Library;
use crate::store::assets::NewAsset;

/// (file name, Markdown) of each sample article, in the order they are added.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "01-van-hoa-cong-so.md",
        include_str!("../../../assets/sample/01-van-hoa-cong-so.md"),
    ),
    (
        "02-bao-cao-van-hoa-cong-so.md",
        include_str!("../../../assets/sample/02-bao-cao-van-hoa-cong-so.md"),
    ),
    (
        "03-dan-van-kheo-thon-lac-nam.md",
        include_str!("../../../assets/sample/03-dan-van-kheo-thon-lac-nam.md"),
    ),
];

/// (file name, bytes) of the images the samples use.
pub const IMAGES: &[(&str, &[u8])] = &[(
    "hoi-nghi.jpg",
    include_bytes!("../../../assets/sample/hoi-nghi.jpg"),
)];

/// The sample articles, checked and ready to store.
pub fn prepared() -> Result<Vec<PreparedArticle>, ImportError> {
    let load =
        |src: &str| -> Result<Option<NewAsset>, ImportError> {
            let (name, bytes) = IMAGES.iter().find(|(n, _)| *n == src).ok_or_else(|| {
                ImportError::ImageMissing {
                    path: "mẫu".into(),
                    image: src.into(),
                }
            })?;
            Ok(Some(NewAsset {
                bytes: bytes.to_vec(),
                mime: "image/jpeg".into(),
                original_name: (*name).into(),
            }))
        };
    ARTICLES
        .iter()
        .map(|(name, text)| import::prepare_text(Path::new(name), text, name, &load))
        .collect()
}

/// Adds the sample articles to a library, in one transaction.
pub fn add_samples(
    lib: &Library,
    now: DateTime<Utc>,
) -> Result<Vec<(ArticleId, String)>, ImportError> {
    Ok(import::store_prepared(
        lib,
        &prepared()?,
        RevisionReason::Import,
        now,
    )?)
}
