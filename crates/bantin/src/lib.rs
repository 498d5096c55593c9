//! Bản Tin's core: the article library and everything made from it.
//!
//! The pipeline (DESIGN §1), each stage a module:
//! - [`markdown`] turns an article's Markdown into a [`doc::Document`];
//! - [`preview`] renders a `Document` as safe HTML for the live preview;
//! - [`store`] keeps articles, revisions, images and settings in one SQLite file;
//! - [`import`] brings Markdown files into a library, all or nothing;
//! - [`typeset`] lays a `Document` out on pages with a template, and [`pdf`]
//!   writes those pages ([`svg`] draws the same pages for the app's page
//!   preview); [`export`] strings the steps together for a user;
//! - [`bundle`] makes and checks the upload bundles for the web portal;
//! - [`userfile`] reads the files a user names (regular files only, with a
//!   hard size cap), for every front door;
//! - [`text`] holds the Vietnamese text rules (NFC, search folding, tone
//!   style, dates, numbers) every other stage uses.
//!
//! Side effects (files, database, clock) live at the edges: `store`,
//! `import`, and the two front doors, the `bantin` CLI and the desktop app.

pub mod archive;
pub mod bundle;
pub mod check;
pub mod doc;
pub mod export;
pub mod hash;
pub mod history;
pub mod html;
pub mod image;
pub mod import;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod pdf;
pub mod preview;
pub mod queue;
pub mod sample;
pub mod store;
pub mod svg;
pub mod text;
pub mod typeset;
pub mod userfile;
pub mod word;

pub use model::{Article, ArticleId, Content, Kind, Status};
pub use store::{Library, StoreError};
