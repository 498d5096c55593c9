//! Markdown → [`doc::Document`], and the front matter that precedes it.
//!
//! This is the **only** place comrak options live ([`options`]) and the only
//! module that sees comrak's AST: everything downstream (preview, typesetting,
//! the web bundle) reads the semantic tree in [`crate::doc`], so all outputs
//! agree on what an article says.
//!
//! An article file is optional YAML front matter between `---` lines, then a
//! Markdown body:
//!
//! ```text
//! ---
//! title: Hội nghị Ban Chấp hành
//! tags: [đảng bộ, hội nghị]
//! date: 2026-11-24
//! ---
//! Nội dung bài viết…
//! ```
//!
//! * [`split_front_matter`] separates and parses the front matter; it is the
//!   only fallible step and its errors carry 1-based line numbers in the
//!   original file so an editor can be pointed at the mistake.
//! * [`take_title_heading`] lifts a leading `# Title` out of the body when the
//!   front matter has no title.
//! * [`parse`] turns any body into a document. It never fails: whatever an
//!   editor types is *some* document, and the preview must keep working while
//!   they type.
//!
//! Raw HTML is never trusted: it becomes literal text, so a pasted `<script>`
//! shows up as text in every output instead of running in the preview.
//!
//! The parts: `front_matter` (YAML metadata), `title` (the title rule),
//! `convert` (comrak's AST → `Document`), `links` (rewriting image targets in
//! the text) and [`derive`] (what the library is handed about an article).

mod convert;
mod front_matter;
mod links;
mod sink;
mod title;
mod write;

use std::borrow::Cow;

use comrak::{Arena, Options};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::doc::{Derived, Document};
use crate::model::Content;

pub use front_matter::{FrontMatter, MarkdownError, split_front_matter};
pub use links::rewrite_image_sources;
pub use title::take_title_heading;
pub use write::to_markdown;

/// The one set of comrak options Bản Tin uses.
fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    // Front matter is split off by `split_front_matter`, which reports errors
    // with line numbers; comrak's own front-matter support stays off.
    o.extension.front_matter_delimiter = None;
    // Typographic quotes would rewrite what the editor typed (Vietnamese
    // official documents use straight quotes as typed).
    o.parse.smart = false;
    // Keep definitions where they are: comrak would otherwise drop the ones
    // never referenced, and we want to list those too (after the others).
    o.parse.leave_footnote_definitions = true;
    o
}

/// Parses a Markdown body (front matter already removed) into a document.
///
/// Never fails and never panics on any input: broken Markdown is still text.
/// The input is normalised to NFC first, so text typed with decomposed
/// Vietnamese diacritics (common from some keyboards and macOS) compares,
/// searches and hyphenates like everything else.
pub fn parse(body: &str) -> Document {
    let text: Cow<str> = match is_nfc_quick(body.chars()) {
        IsNormalized::Yes => Cow::Borrowed(body),
        _ => Cow::Owned(body.nfc().collect()),
    };
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &text, &options());
    convert::document(root)
}

/// What the library is handed about an article besides its text (its plain
/// text for search and its word count), read from the body. Every write of
/// an article's text goes through this: the store itself never parses.
pub fn derive(content: &Content) -> Derived {
    parse(&content.body).derived()
}

/// Iterates `(start, end)` byte spans of lines, each including its
/// terminator. Like CommonMark, `\n`, `\r\n` and a lone `\r` all end a line,
/// so line numbers agree with comrak's sourcepos.
struct LineSpans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineSpans<'a> {
    fn new(text: &'a str) -> Self {
        LineSpans { text, pos: 0 }
    }
}

impl Iterator for LineSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        if i < bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
        }
        self.pos = i;
        Some((start, i))
    }
}

#[cfg(test)]
mod convert_tests;
#[cfg(test)]
mod front_matter_tests;
