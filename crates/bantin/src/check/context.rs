//! What every article rule reads: the Markdown body split into prose (the
//! text a reader sees, without code, link targets, URLs or HTML), its words,
//! the parsed `Document`, the metadata, and line/column arithmetic.
//!
//! Rules work on byte ranges of the body, so every finding points at the
//! exact characters an editor typed and every fix is a plain text edit.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::syllable::{self, Verdict};
use super::{Finding, Place, Rule, Settings};
use crate::doc::Document;
use crate::model::{Content, Profile};

/// One word of the prose: a run of letters and digits.
#[derive(Debug, Clone)]
pub struct Word {
    pub range: Range<usize>,
    pub has_digit: bool,
}

pub struct Context<'a> {
    pub content: &'a Content,
    pub profile: &'a Profile,
    pub settings: &'a Settings,
    pub body: &'a str,
    /// Parsed on first use: most rules read the text only.
    doc: OnceCell<Document>,
    /// Byte ranges of the body that are prose, in order.
    pub prose: Vec<Range<usize>>,
    pub words: Vec<Word>,
    line_starts: Vec<usize>,
    cache: &'a RefCell<WordCache>,
    verdicts: OnceCell<Vec<Verdict>>,
}

/// How many words the `Checker` remembers at most.
const CACHE_LIMIT: usize = 100_000;

/// What the speller said of each word seen, kept by the `Checker`.
pub type WordCache = HashMap<String, Verdict, BuildHasherDefault<Fnv>>;

/// FNV-1a: words are short and trusted, so a simple hash is plenty (and
/// much faster than SipHash in a debug build).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl<'a> Context<'a> {
    pub(super) fn new(
        content: &'a Content,
        profile: &'a Profile,
        settings: &'a Settings,
        cache: &'a RefCell<WordCache>,
    ) -> Context<'a> {
        let body = content.body.as_str();
        let prose = prose_ranges(body);
        let words = words(body, &prose);
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Context {
            content,
            profile,
            settings,
            body,
            doc: OnceCell::new(),
            prose,
            words,
            line_starts,
            cache,
            verdicts: OnceCell::new(),
        }
    }

    /// The body as every output reads it.
    pub fn doc(&self) -> &Document {
        self.doc.get_or_init(|| super::parse(self.body))
    }

    /// 1-based line and character column of a byte offset in the body.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self.body[start..offset].chars().count() + 1;
        (line, col)
    }

    /// A finding on a range of the body.
    pub fn at(&self, rule: &Rule, range: Range<usize>, message: String) -> Finding {
        let (line, column) = self.line_col(range.start);
        Finding {
            rule: rule.id,
            severity: rule.severity,
            line,
            column,
            text: self.body[range.clone()].to_string(),
            message,
            fix: None,
            place: Place::Body(range),
            setting: None,
        }
    }

    /// A finding on a range of a metadata field's text.
    pub fn in_field(
        &self,
        rule: &Rule,
        key: &str,
        value: &str,
        range: Range<usize>,
        message: String,
    ) -> Finding {
        Finding {
            text: value[range.clone()].to_string(),
            place: Place::Field {
                key: key.to_string(),
                range,
            },
            ..Finding::general(rule, message)
        }
    }

    /// A front-matter field as text ("so_hieu"), trimmed, if set.
    pub fn extra(&self, key: &str) -> Option<&'a str> {
        self.content
            .extra
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// What the printed document uses for `key`: the article's front matter
    /// where set, the profile otherwise (as `export` does).
    pub fn field_or_profile(&self, key: &str) -> Option<&'a str> {
        self.extra(key).or_else(|| self.profile.get(key))
    }

    /// The text of a word.
    pub fn word(&self, w: &Word) -> &'a str {
        &self.body[w.range.clone()]
    }

    /// What the speller says of each word of `words` (in the same order),
    /// remembered between runs.
    pub fn verdicts(&self) -> &[Verdict] {
        self.verdicts.get_or_init(|| {
            self.words
                .iter()
                .map(|w| self.judge(self.word(w)))
                .collect()
        })
    }

    /// What the speller says of one word, remembered between runs.
    pub fn judge(&self, word: &str) -> Verdict {
        if let Some(v) = self.cache.borrow().get(word) {
            return v.clone();
        }
        let v = syllable::judge(word, self.settings.tone_style);
        let mut cache = self.cache.borrow_mut();
        // Each half-typed word is remembered too; start afresh now and then
        // so a long session cannot grow it without bound.
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_string(), v.clone());
        v
    }
}

/// The words of the prose: runs of letters, digits and combining marks.
pub fn words(body: &str, prose: &[Range<usize>]) -> Vec<Word> {
    let mut out = Vec::new();
    for r in prose {
        let text = &body[r.clone()];
        let mut start: Option<usize> = None;
        let mut digit = false;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphanumeric() || is_combining_mark(c) {
                start.get_or_insert(i);
                digit |= c.is_numeric();
            } else if let Some(s) = start.take() {
                out.push(Word {
                    range: r.start + s..r.start + i,
                    has_digit: digit,
                });
                digit = false;
            }
        }
    }
    out
}

/// The prose of a Markdown body: everything but fenced code, inline code,
/// link and image targets, autolinks, HTML, URLs, e-mail addresses,
/// footnote labels, table rules and page breaks.
pub fn prose_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            continue;
        }
        if trimmed.starts_with("<!--")
            || trimmed.starts_with('<')
            || trimmed.starts_with("\\pagebreak")
            || is_table_rule(trimmed)
            || text.starts_with("    ")
        {
            continue;
        }
        // Footnote definitions and link references: skip the label.
        let mut from = text.len() - trimmed.len();
        if trimmed.starts_with('[')
            && let Some(end) = trimmed.find("]:")
        {
            if !trimmed.starts_with("[^") {
                continue;
            }
            from += end + 2;
        }
        inline_prose(text, start, from, &mut out);
    }
    out
}

fn is_table_rule(t: &str) -> bool {
    t.contains('-') && t.chars().all(|c| "|:- \t".contains(c))
}

/// Splits one line into prose pieces, leaving out inline code, link
/// targets, autolinks and HTML tags, URLs, e-mail addresses and footnote
/// references.
fn inline_prose(line: &str, base: usize, from: usize, out: &mut Vec<Range<usize>>) {
    let b = line.as_bytes();
    let mut seg = from;
    let mut i = from;
    let cut = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
        if e > s {
            out.push(base + s..base + e);
        }
    };
    while i < b.len() {
        let skip_to = match b[i] {
            b'`' => {
                let ticks = b[i..].iter().take_while(|&&c| c == b'`').count();
                let fence = &line[i..i + ticks];
                line[i + ticks..]
                    .find(fence)
                    .map(|e| i + ticks + e + ticks)
                    .or(Some(b.len()))
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                closing_paren(line, i + 1).map(|e| e + 1).or(Some(b.len()))
            }
            b'[' if b.get(i + 1) == Some(&b'^') => line[i..].find(']').map(|e| i + e + 1),
            b'<' => line[i..].find('>').map(|e| i + e + 1),
            b'h' | b'w' | b'H' | b'W'
                if (line[i..].starts_with("http://")
                    || line[i..].starts_with("https://")
                    || line[i..].starts_with("www."))
                    && (i == 0 || !line[..i].ends_with(char::is_alphanumeric)) =>
            {
                Some(url_end(line, i))
            }
            b'@' => {
                // An e-mail address: the whole whitespace-separated token.
                let s = line[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(from, |(k, c)| k + c.len_utf8());
                let s = s.max(seg);
                cut(seg, s, out);
                seg = url_end(line, i);
                i = seg;
                continue;
            }
            _ => None,
        };
        match skip_to {
            Some(e) => {
                // Keep the link text's closing bracket out of the prose too.
                let keep_end = if b[i] == b']' { i + 1 } else { i };
                cut(seg, keep_end, out);
                seg = e.min(b.len());
                i = seg;
            }
            None => i += 1,
        }
    }
    cut(seg, b.len(), out);
}

fn closing_paren(line: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in line[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where a URL ends: at whitespace, or before trailing punctuation.
fn url_end(line: &str, start: usize) -> usize {
    let end = line[start..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '"' || c == '”')
        .map_or(line.len(), |e| start + e);
    start
        + line[start..end]
            .trim_end_matches(['.', ',', ';', ':', ')', '!', '?'])
            .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(s: &str) -> String {
        prose_ranges(s)
            .into_iter()
            .map(|r| &s[r])
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn leaves_out_code_links_and_urls() {
        assert_eq!(prose("a `b c` d"), "a | d");
        assert_eq!(prose("xem [trang](http://x.vn/a) nhé"), "xem [trang]| nhé");
        assert_eq!(prose("![Ảnh](a.jpg)"), "![Ảnh]");
        assert_eq!(prose("tại https://x.vn/a. Hết"), "tại |. Hết");
        assert_eq!(prose("gửi a.b@x.vn nhé"), "gửi | nhé");
        assert_eq!(prose("x[^1]."), "x|.");
        assert_eq!(prose("```\nabc\n```\nđ"), "đ");
        assert_eq!(prose("|:---|---:|\n| a |"), "| a |");
        assert_eq!(prose("[^1]: Ghi chú"), " Ghi chú");
    }
}
