//! Making a bundle: an article, its `Document` and its image bytes → zip
//! bytes ([`build_bundle`]). Pure: no library, no files, no clock (the
//! export driver hands in "now" and writes the file).
//!
//! Images are the slow part (a 4000×3000 photo takes longer to decode and
//! shrink than everything else together), so they are prepared on all cores
//! with scoped threads; each worker's result goes back to its image's slot,
//! so the output does not depend on which thread finished first.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime};

use super::BundleError;
use super::html::{HtmlParts, article_html};
use super::images::{self, ImageFailure, Prepared};
use super::manifest::{FORMAT_VERSION, FileEntry, Manifest, mime_for, sha256_hex};
use super::markdown::{article_md, index_md, rewrite_sources};
use super::zipfile::{Entry, write_zip};
use crate::doc::{Document, inline_text};
use crate::model::Article;

/// Finds an image by its `src` as written: its bytes and MIME type. The
/// format is judged from the bytes; the MIME type is only a hint.
pub type ImageLookup<'a> = dyn Fn(&str) -> Option<(Vec<u8>, String)> + 'a;

/// A file planned for the archive, with its pixel size if it is an image.
struct Planned {
    path: String,
    bytes: Vec<u8>,
    size: Option<(u32, u32)>,
}

/// Choices for one bundle. The same article with the same options always
/// gives the same bytes.
#[derive(Debug, Clone)]
pub struct BundleOptions {
    /// The print version to include as `article.pdf` (the export driver
    /// makes it, with fonts this module does not need).
    pub pdf: Option<Vec<u8>>,
    /// The caller's clock, used only for an article without a date: it is
    /// published "today" in Vietnam.
    pub now: DateTime<FixedOffset>,
}

impl BundleOptions {
    pub fn new(now: DateTime<FixedOffset>) -> Self {
        BundleOptions { pdf: None, now }
    }
}

/// A finished bundle, not yet on disk (the export driver names and
/// writes it).
#[derive(Debug, Clone)]
pub struct Bundle {
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
}

/// The moment the bundle says the article is published: its date at
/// midnight in Vietnam, or "now" for an undated article.
fn published(article: &Article, opts: &BundleOptions) -> DateTime<FixedOffset> {
    let tz = crate::text::vietnam_offset();
    match article.content.date {
        Some(d) => d
            .and_time(NaiveTime::MIN)
            .and_local_timezone(tz)
            .single()
            .expect("a fixed offset has no gaps"),
        None => opts.now.with_timezone(&tz),
    }
}

/// Builds the bundle of `article`, whose body reads as `doc`. `images`
/// returns the bytes and MIME type of a figure's `src` as written
/// (`asset:<sha256>`), or `None` if it has none. Pure: no clock, no files.
pub fn build_bundle(
    article: &Article,
    doc: &Document,
    images: &ImageLookup,
    opts: &BundleOptions,
) -> Result<Bundle, BundleError> {
    let c = &article.content;
    let figures = doc.figures();

    // Fetch every image first (the source may be a database connection,
    // which must stay on this thread), then prepare them in parallel.
    let mut sources = Vec::with_capacity(figures.len());
    for (i, f) in figures.iter().enumerate() {
        let index = i + 1;
        let caption = inline_text(&f.caption);
        match images(&f.src) {
            Some((bytes, _mime)) => sources.push(bytes),
            None if crate::html::is_remote(&f.src) => {
                return Err(BundleError::RemoteImage {
                    index,
                    caption,
                    src: f.src.clone(),
                });
            }
            None => return Err(BundleError::ImageMissing { index, caption }),
        }
    }
    let prepared = prepare_all(&sources);
    let mut web = Vec::with_capacity(prepared.len());
    let mut thumbnail = None;
    for (i, result) in prepared.into_iter().enumerate() {
        let index = i + 1;
        let caption = inline_text(&figures[i].caption);
        let failed = |f: ImageFailure| match f {
            ImageFailure::Unsupported(found) => BundleError::ImageUnsupported {
                index,
                caption: caption.clone(),
                found,
            },
            ImageFailure::TooLarge(width, height) => BundleError::ImageTooLarge {
                index,
                caption: caption.clone(),
                width,
                height,
            },
            ImageFailure::Corrupt(reason) => BundleError::ImageCorrupt {
                index,
                caption: caption.clone(),
                reason,
            },
        };
        let Prepared { web: img, pixels } = result.map_err(&failed)?;
        if i == 0 {
            thumbnail = Some(images::thumbnail(&pixels).map_err(&failed)?);
        }
        web.push(img);
    }

    // Names in order of first appearance: anh-01.jpg, anh-02.png, …
    let width = if web.len() >= 100 { 3 } else { 2 };
    let mut paths = HashMap::new();
    let mut files: Vec<Planned> = Vec::new();
    let mut image_files = Vec::new();
    for (i, (f, img)) in figures.iter().zip(web).enumerate() {
        let path = format!("images/anh-{:0width$}.{}", i + 1, img.ext);
        paths.insert(f.src.clone(), path.clone());
        image_files.push((path, img));
    }
    let thumb_path = thumbnail
        .as_ref()
        .map(|_| "images/thumbnail.jpg".to_string());

    let when = published(article, opts);
    let published_text = when.to_rfc3339();
    let body = rewrite_sources(&c.body, &paths);
    let html = article_html(
        doc,
        &HtmlParts {
            summary: &c.summary,
            author: &c.author,
            images: &paths,
        },
    );
    let text = |path: &str, bytes: Vec<u8>| Planned {
        path: path.into(),
        bytes,
        size: None,
    };
    let index = index_md(article, &body, &published_text, thumb_path.as_deref());
    files.push(text("index.md", index.into_bytes()));
    files.push(text("article.html", html.into_bytes()));
    files.push(text("article.md", article_md(article, &body).into_bytes()));
    if let Some(pdf) = &opts.pdf {
        files.push(text("article.pdf", pdf.clone()));
    }
    let thumb = thumb_path.clone().zip(thumbnail);
    for (path, img) in image_files.into_iter().chain(thumb) {
        files.push(Planned {
            path,
            size: Some((img.width, img.height)),
            bytes: img.bytes,
        });
    }

    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        id: article.id,
        title: c.title.clone(),
        summary: c.summary.clone(),
        author: c.author.clone(),
        category: c.category.clone(),
        tags: c.tags.clone(),
        published: published_text,
        word_count: doc.word_count(),
        thumbnail: thumb_path,
        files: files
            .iter()
            .map(|f| FileEntry {
                path: f.path.clone(),
                size: f.bytes.len() as u64,
                sha256: sha256_hex(&f.bytes),
                mime: mime_for(&f.path).to_string(),
                width: f.size.map(|s| s.0),
                height: f.size.map(|s| s.1),
            })
            .collect(),
    };
    let mut entries = vec![Entry {
        path: "manifest.json".into(),
        bytes: manifest.to_json(),
    }];
    entries.extend(files.into_iter().map(|f| Entry {
        path: f.path,
        bytes: f.bytes,
    }));
    let bytes = write_zip(&entries, zip_time(when))?;
    Ok(Bundle { bytes, manifest })
}

/// Entry timestamps: the publication time as Vietnam's wall clock, which is
/// what an unzip tool shows to an editor there.
fn zip_time(when: DateTime<FixedOffset>) -> NaiveDateTime {
    when.naive_local()
}

/// Prepares every image on all cores. Workers take the next index from a
/// shared counter (photos differ in size, so a fixed split would leave one
/// core idle) and each result is stored at its own index.
fn prepare_all(sources: &[Vec<u8>]) -> Vec<Result<Prepared, ImageFailure>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len());
    if workers <= 1 {
        return sources.iter().map(|b| prepare_guarded(b)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Prepared, ImageFailure>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(bytes) = sources.get(i) else { break };
                        mine.push((i, prepare_guarded(bytes)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("image worker panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `images::prepare`, with a decoder panic on a hostile file turned into a
/// "corrupt image" error: one bad photo must not take the app down.
fn prepare_guarded(bytes: &[u8]) -> Result<Prepared, ImageFailure> {
    std::panic::catch_unwind(|| images::prepare(bytes)).unwrap_or_else(|_| {
        Err(ImageFailure::Corrupt(
            "bộ giải mã gặp dữ liệu không hợp lệ".into(),
        ))
    })
}
