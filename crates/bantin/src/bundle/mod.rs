//! Upload bundles (DESIGN §6): one zip per article that a portal editor can
//! open and publish without retyping anything.
//!
//! A bundle holds `manifest.json` (what the article is and a SHA-256 of every
//! file), `article.html` (a clean fragment for the portal's editor),
//! `article.md` and a Hugo/Jekyll-style `index.md`, web-sized `images/` with a
//! 3:2 `thumbnail.jpg`, and optionally the print `article.pdf`.
//!
//! The module is pure: [`build_bundle`] turns an article, its `Document`
//! and its image bytes into zip bytes, and [`check_bundle`] judges any zip.
//! Same input, same bytes: entries are written in a fixed order with fixed
//! timestamps, so a re-export that changed nothing does not look like a new
//! upload. It reads neither the library nor Markdown and writes no file:
//! `export` loads, parses, names and writes (DESIGN §1).

mod check;
mod error;
mod html;
mod images;
mod manifest;
mod markdown;
mod sanitize;
mod write;
mod zipfile;

pub use check::{CheckReport, Problem, check_bundle};
pub use error::BundleError;
pub use images::{MAX_IMAGE_PIXELS, MAX_SIDE, THUMBNAIL_SIZE};
pub use manifest::{FORMAT_VERSION, FileEntry, Manifest};
pub use sanitize::sanitize_html;
pub use write::{Bundle, BundleOptions, ImageLookup, build_bundle};
