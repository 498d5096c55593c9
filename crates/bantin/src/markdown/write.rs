//! [`Document`] → Markdown, the inverse of [`super::parse`].
//!
//! An article imported from Word is stored as Markdown like every other
//! article, so the writer's one promise is `parse(&to_markdown(&doc)) ==
//! doc` for every document `parse` can produce (tested on generated
//! documents and on the sample articles). It also aims to be the Markdown an
//! editor would type: `**bold**`, `- item`, pipe tables, `[^1]` footnotes,
//! escapes only where a character would otherwise mean something.
//!
//! Documents `parse` cannot produce are written as closely as Markdown
//! allows: whitespace at the edge of a styled run moves outside its
//! delimiters, and a line break in a heading or table cell becomes a space.

use crate::doc::{Align, Block, Document, Figure, Footnote, Inline, ListItem, Run, Style};

/// Writes a document as Markdown (body only, no front matter).
pub fn to_markdown(doc: &Document) -> String {
    let mut parts = blocks(&doc.blocks, &doc.footnotes);
    for f in &doc.footnotes {
        parts.push(footnote_definition(f, &doc.footnotes));
    }
    let mut out = parts.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Each block as its Markdown lines. Two lists in a row would merge into
/// one, so an empty HTML comment (dropped by `parse`) separates them.
fn blocks(list: &[Block], notes: &[Footnote]) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len());
    for (i, b) in list.iter().enumerate() {
        if i > 0 && matches!(b, Block::List { .. }) && matches!(list[i - 1], Block::List { .. }) {
            out.push("<!-- -->".to_owned());
        }
        out.push(block(b, notes));
    }
    out
}

fn block(b: &Block, notes: &[Footnote]) -> String {
    match b {
        Block::Heading { level, content } => {
            let marks = "#".repeat(usize::from((*level).clamp(1, 6)));
            format!("{marks} {}", inlines(content, notes, Context::SingleLine))
        }
        Block::Paragraph { content } => inlines(content, notes, Context::Paragraph),
        Block::List {
            ordered,
            start,
            items,
        } => list(*ordered, *start, items, notes),
        Block::Quote { blocks: inner } => {
            let body = blocks(inner, notes).join("\n\n");
            if body.is_empty() {
                return ">".to_owned();
            }
            body.lines()
                .map(|l| {
                    if l.is_empty() {
                        ">".to_owned()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Table(t) => table(&t.align, &t.header, &t.rows, notes),
        Block::Figure(f) => figure(f, notes),
        Block::Code { text } => {
            let longest = longest_run(text, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            if text.is_empty() {
                format!("{fence}\n{fence}")
            } else {
                format!("{fence}\n{text}\n{fence}")
            }
        }
        Block::Rule => "---".to_owned(),
        Block::PageBreak => "\\pagebreak".to_owned(),
    }
}

fn list(ordered: bool, start: u32, items: &[ListItem], notes: &[Footnote]) -> String {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut marker = if ordered {
            format!("{}.", u64::from(start) + i as u64)
        } else {
            "-".to_owned()
        };
        if let Some(done) = item.task {
            marker.push_str(if done { " [x]" } else { " [ ]" });
        }
        let indent = " ".repeat(if ordered {
            marker.find('.').unwrap_or(0) + 2
        } else {
            2
        });
        let body = blocks(&item.blocks, notes).join("\n\n");
        if body.is_empty() {
            out.push(marker);
            continue;
        }
        let mut lines = body.lines();
        let mut text = format!("{marker} {}", lines.next().unwrap_or(""));
        for l in lines {
            text.push('\n');
            if !l.is_empty() {
                text.push_str(&indent);
                text.push_str(l);
            }
        }
        out.push(text);
    }
    // Items of more than one block are separated by a blank line (a loose
    // list); `parse` keeps the same blocks either way.
    let loose = items.iter().any(|it| it.blocks.len() > 1);
    out.join(if loose { "\n\n" } else { "\n" })
}

fn table(
    align: &[Align],
    header: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    notes: &[Footnote],
) -> String {
    let row = |cells: &[Vec<Inline>]| {
        let cells: Vec<String> = (0..align.len())
            .map(|i| {
                cells
                    .get(i)
                    .map(|c| inlines(c, notes, Context::Cell))
                    .unwrap_or_default()
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let rule: Vec<&str> = align
        .iter()
        .map(|a| match a {
            Align::Default => "---",
            Align::Left => ":---",
            Align::Center => ":---:",
            Align::Right => "---:",
        })
        .collect();
    let mut lines = vec![row(header), format!("| {} |", rule.join(" | "))];
    lines.extend(rows.iter().map(|r| row(r)));
    lines.join("\n")
}

fn figure(f: &Figure, notes: &[Footnote]) -> String {
    format!(
        "![{}]({})",
        inlines(&f.caption, notes, Context::SingleLine),
        destination(&f.src)
    )
}

fn footnote_definition(f: &Footnote, notes: &[Footnote]) -> String {
    let body = blocks(&f.blocks, notes).join("\n\n");
    let mut lines = body.lines();
    let mut text = format!("[^{}]:", label(f, notes));
    if let Some(first) = lines.next() {
        text.push(' ');
        text.push_str(first);
    }
    for l in lines {
        text.push('\n');
        if !l.is_empty() {
            text.push_str("    ");
            text.push_str(l);
        }
    }
    text
}

/// A footnote's label as written: its own if Markdown can carry it, else
/// its number.
fn label(f: &Footnote, notes: &[Footnote]) -> String {
    let n = notes
        .iter()
        .position(|g| std::ptr::eq(g, f))
        .map_or(0, |i| i + 1);
    let usable = !f.label.is_empty()
        && f.label
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if usable {
        f.label.clone()
    } else {
        n.to_string()
    }
}

/// A link or image target: bare when it can be, else `<…>`.
fn destination(url: &str) -> String {
    let bare = !url.is_empty()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()\\".contains(c));
    let escaped = url.replace('&', "\\&");
    if bare {
        escaped
    } else {
        format!(
            "<{}>",
            escaped
                .replace('\\', "\\\\")
                .replace('<', "\\<")
                .replace('>', "\\>")
        )
    }
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Paragraph,
    /// A heading or caption: one line, line breaks become spaces.
    SingleLine,
    /// A table cell: one line, and `|` is escaped.
    Cell,
}

/// Style flags written as spans, in the order they nest when they start
/// together.
const FLAGS: [fn(&Style) -> bool; N] = [|s| s.underline, |s| s.strike, |s| s.bold, |s| s.italic];
const N: usize = 4;
/// Underline is the HTML tag `<u>` (`__x__` is bold in CommonMark). Italic
/// is `_`, so it never merges with bold's `**` into an ambiguous `***` run.
const OPEN: [&str; N] = ["<u>", "~~", "**", "_"];
const CLOSE: [&str; N] = ["</u>", "~~", "**", "_"];
/// Index of underline in [`FLAGS`]: a tag, so it needs no separator from
/// the letters around it.
const UNDERLINE: usize = 0;

fn flags(i: &Inline) -> Option<[bool; N]> {
    match i {
        Inline::Text(r) => Some(FLAGS.map(|f| f(&r.style))),
        _ => None,
    }
}

/// Writes a run list, opening and closing emphasis as spans over the runs
/// (so `**_a_ b**` comes back as bold-italic "a" then bold " b").
fn inlines(list: &[Inline], notes: &[Footnote], ctx: Context) -> String {
    let mut out = String::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut line_start = true;
    for (i, item) in list.iter().enumerate() {
        let Some(want) = flags(item) else {
            match item {
                Inline::LineBreak if ctx == Context::Paragraph => {
                    close(&mut out, &mut stack, 0, None);
                    out.push_str("\\\n");
                    line_start = true;
                }
                Inline::LineBreak => out.push(' '),
                Inline::FootnoteRef { n } => {
                    let note = notes.get(n.saturating_sub(1));
                    let l = note.map_or_else(|| n.to_string(), |f| label(f, notes));
                    out.push_str(&format!("[^{l}]"));
                    line_start = false;
                }
                Inline::Text(_) => unreachable!("text has flags"),
            }
            continue;
        };
        let Inline::Text(run) = item else {
            unreachable!()
        };
        let mut opens: Vec<usize> = (0..N).filter(|&f| want[f] && !stack.contains(&f)).collect();
        // Whitespace never starts a span: it goes before the opener.
        let (lead, text) = if opens.is_empty() {
            ("", run.text.as_str())
        } else {
            let trimmed = run.text.trim_start();
            (&run.text[..run.text.len() - trimmed.len()], trimmed)
        };
        let rendered = run_text(run, text, ctx, line_start && lead.is_empty());
        let next = lead.chars().next().or_else(|| rendered.chars().next());
        // Close what this run does not carry (and everything opened after it).
        if let Some(k) = stack.iter().position(|&f| !want[f]) {
            close(&mut out, &mut stack, k, next);
            opens = (0..N).filter(|&f| want[f] && !stack.contains(&f)).collect();
        }
        // The flag that lasts longer opens first, so it is the outer one.
        opens.sort_by_key(|&f| std::cmp::Reverse(span(&list[i..], f)));
        out.push_str(lead);
        if !opens.is_empty() {
            let prev = out.chars().next_back();
            let first = OPEN[opens[0]].chars().next();
            // An opener must not touch a closer, nor sit inside a word (where
            // it could also close): an empty comment, which `parse` drops,
            // keeps it an opener.
            if opens[0] != UNDERLINE
                && prev.is_some()
                && (prev == first
                    || matches!(prev, Some('*' | '~' | '_'))
                    || prev.is_some_and(char::is_alphanumeric))
            {
                out.push_str(SEPARATOR);
            }
            for &f in &opens {
                out.push_str(OPEN[f]);
            }
            stack.extend(opens);
        }
        out.push_str(&rendered);
        line_start = false;
    }
    close(&mut out, &mut stack, 0, None);
    out
}

/// Dropped by `parse`; keeps emphasis delimiters apart.
const SEPARATOR: &str = "<!-- -->";

/// How many consecutive text runs from the start carry flag `f`.
fn span(list: &[Inline], f: usize) -> usize {
    list.iter()
        .take_while(|i| flags(i).is_none_or(|w| w[f]))
        .count()
}

/// Closes `stack[k..]`, outside any trailing spaces, before text starting
/// with `next`.
fn close(out: &mut String, stack: &mut Vec<usize>, k: usize, next: Option<char>) {
    if k >= stack.len() {
        return;
    }
    let text_so_far = out.trim_end_matches(' ').len();
    let spaces = out.len() - text_so_far;
    out.truncate(text_so_far);
    for &f in stack[k..].iter().rev() {
        out.push_str(CLOSE[f]);
    }
    // A closer right before a letter may not close (after punctuation) or
    // pair with the wrong opener (inside a word). `</u>` closes anywhere.
    if spaces == 0 && stack[k] != UNDERLINE && next.is_some_and(char::is_alphanumeric) {
        out.push_str(SEPARATOR);
    }
    out.push_str(&" ".repeat(spaces));
    stack.truncate(k);
}

/// One run's text: a code span, a link, or escaped text.
fn run_text(run: &Run, text: &str, ctx: Context, line_start: bool) -> String {
    let body = if run.style.code {
        code_span(text, ctx)
    } else {
        escape(text, ctx, line_start && run.link.is_none())
    };
    match &run.link {
        Some(url) if !run.style.code && text == url && is_web(url) => format!("<{url}>"),
        Some(url) => format!("[{body}]({})", destination(url)),
        None => body,
    }
}

fn is_web(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>".contains(c))
}

fn code_span(text: &str, ctx: Context) -> String {
    let text = if ctx == Context::Cell {
        text.replace('|', "\\|")
    } else {
        text.to_owned()
    };
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let sp = if pad { " " } else { "" };
    format!("{ticks}{sp}{text}{sp}{ticks}")
}

/// Escapes the characters that would start Markdown syntax. Line-start
/// syntax (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped at the start only.
fn escape(text: &str, ctx: Context, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = line_start && i == 0;
        let special = matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '`' | '~' | '#' | '&'
        ) || (c == '|' && ctx == Context::Cell)
            || (at_start && matches!(c, '>' | '-' | '+' | '=' | ' ' | '\t'))
            || (line_start
                && matches!(c, '.' | ')')
                && i > 0
                && chars[..i].iter().all(char::is_ascii_digit));
        // The autolink extension would turn www.…, …://… and …@… into links.
        let autolink = (c == '@' && i > 0 && chars[i - 1].is_alphanumeric())
            || (c == ':' && chars[i + 1..].starts_with(&['/', '/']))
            || (c == '.'
                && i >= 3
                && chars[i - 3..i]
                    .iter()
                    .collect::<String>()
                    .eq_ignore_ascii_case("www"));
        if autolink {
            out.push_str(SEPARATOR);
        }
        if special {
            if c == ' ' || c == '\t' {
                out.push_str(if c == ' ' { "&#32;" } else { "&#9;" });
                continue;
            }
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
