//! The title rule: when the front matter has no title, a leading level-1
//! heading is the title and leaves the body.

use comrak::Arena;
use comrak::nodes::NodeValue;
use unicode_normalization::UnicodeNormalization;

use super::convert::{Converter, Sink};
use super::{LineSpans, options};
use crate::doc::{self, Style};

/// Finds the first top-level level-1 heading (ATX `# T` or setext `T\n===`)
/// and returns its plain text (inline markup stripped, NFC) and `body` with
/// the heading's lines removed.
///
/// Used when the front matter has no title. Headings inside quotes or lists
/// are not titles, and empty headings are skipped.
pub fn take_title_heading(body: &str) -> Option<(String, String)> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, body, &options());
    let mut conv = Converter::default();
    for node in root.children() {
        let (start, end) = {
            let data = node.data();
            match data.value {
                NodeValue::Heading(h) if h.level == 1 => {
                    (data.sourcepos.start.line, data.sourcepos.end.line)
                }
                _ => continue,
            }
        };
        let mut sink = Sink::new(false);
        conv.inlines(node, Style::default(), None, 0, &mut sink);
        let raw = doc::inline_text(&sink.out);
        let title: String = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        if title.is_empty() {
            continue;
        }
        return Some((title, cut_lines(body, start, end)));
    }
    None
}

/// `body` without lines `first..=last` (1-based, as comrak counts them).
///
/// When the heading opens the body, the blank lines after it go too, so the
/// body starts at its first paragraph. Elsewhere the heading is replaced by a
/// blank line, because an ATX heading may sit between two paragraphs with no
/// blank line and cutting it out would merge them.
fn cut_lines(body: &str, first: usize, last: usize) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at_start = true;
    let mut skipping_blank = false;
    for (i, (s, e)) in LineSpans::new(body).enumerate() {
        let n = i + 1;
        let line = &body[s..e];
        let content = line.trim_end_matches(['\r', '\n']);
        if n < first {
            if !content.trim().is_empty() {
                at_start = false;
            }
            out.push_str(line);
        } else if n <= last {
            if n == last {
                if at_start {
                    skipping_blank = true;
                } else {
                    out.push('\n');
                }
            }
        } else if skipping_blank && content.trim().is_empty() {
            continue;
        } else {
            skipping_blank = false;
            out.push_str(line);
        }
    }
    out
}
