//! From styled spans to set lines: measuring words, finding break points and
//! turning the breaker's choices back into positioned runs.
//!
//! Breaks are allowed at spaces (Vietnamese breaks between syllables and is
//! never hyphenated) and, at a cost, where Unicode line-breaking rules allow
//! inside a word (after '/' or '-' in a URL or a document symbol). A piece
//! still wider than the measure is broken between characters as a last resort
//! so nothing crosses the margin. Each line comes back as runs of one style
//! whose spaces all carry the same extra width: the PDF writer shows a run
//! with one text operator and places that extra after every space.

use super::fonts::{FontSet, FontStyle};
use super::linebreak::{self, Break, INFINITY, Item};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: FontStyle,
    pub size: f32,
    /// Baseline shift upwards (superscript footnote numbers).
    pub rise: f32,
    pub link: Option<String>,
    /// Struck through (Markdown `~~…~~`).
    pub strike: bool,
    /// Underlined (Markdown `<u>…</u>`).
    pub underline: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, style: FontStyle, size: f32) -> Self {
        Span {
            text: text.into(),
            style,
            size,
            rise: 0.0,
            link: None,
            strike: false,
            underline: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// How one paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    pub width: f32,
    pub align: Align,
    pub first_indent: f32,
    /// Glue stretch and shrink as fractions of a space.
    pub stretch: f32,
    pub shrink: f32,
}

impl ParaStyle {
    pub fn new(width: f32, align: Align) -> Self {
        ParaStyle {
            width,
            align,
            first_indent: 0.0,
            stretch: 0.6,
            shrink: 0.25,
        }
    }
    pub fn indent(mut self, first_indent: f32) -> Self {
        self.first_indent = first_indent;
        self
    }
}

/// A run of one style on a set line; `x` is from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    pub x: f32,
    pub text: String,
    pub style: FontStyle,
    pub size: f32,
    pub rise: f32,
    pub link: Option<String>,
    pub strike: bool,
    pub underline: bool,
    /// Extra width after every space of `text`, in pt.
    pub word_space: f32,
    /// Width as set, extra spacing included.
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub runs: Vec<LineRun>,
    pub width: f32,
    /// Largest font size on the line (for the leading).
    pub size: f32,
}

/// What an item stands for, so a line can be rebuilt from its breaks.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Bytes `start..end` of span `span`.
    Text {
        span: usize,
        start: usize,
        end: usize,
    },
    /// A space belonging to span `span`.
    Space {
        span: usize,
    },
    Indent,
    Other,
}

/// Sets `spans` in lines. `"\n"` inside a span is a hard line break.
pub fn set(spans: &[Span], style: &ParaStyle, fonts: &FontSet) -> Vec<Line> {
    let (items, origins) = build_items(spans, style, fonts);
    if items.len() <= 2 {
        return Vec::new();
    }
    let breaks = linebreak::break_lines(&items, style.width, &linebreak::Params::default());
    rebuild(spans, style, fonts, &items, &origins, &breaks)
}

fn build_items(spans: &[Span], style: &ParaStyle, fonts: &FontSet) -> (Vec<Item>, Vec<Origin>) {
    let mut items = Vec::new();
    let mut origins = Vec::new();
    let push = |items: &mut Vec<Item>, origins: &mut Vec<Origin>, it, o| {
        items.push(it);
        origins.push(o);
    };
    if style.first_indent > 0.0 {
        push(
            &mut items,
            &mut origins,
            Item::Box {
                width: style.first_indent,
            },
            Origin::Indent,
        );
    }
    let break_glue = |items: &mut Vec<Item>, origins: &mut Vec<Origin>| {
        items.push(Item::Glue {
            width: 0.0,
            stretch: 1e5,
            shrink: 0.0,
        });
        origins.push(Origin::Other);
        items.push(Item::Penalty {
            width: 0.0,
            penalty: -INFINITY,
            flagged: false,
        });
        origins.push(Origin::Other);
    };
    // A word may span several spans ("**Nghị** quyết,"): collect its pieces
    // and cut it only where the line-break rules allow.
    let mut word: Vec<(usize, usize, usize)> = Vec::new();
    let mut last_was_space = true;
    for (si, span) in spans.iter().enumerate() {
        let face = fonts.face(span.style);
        let mut seg_start = 0;
        for (bi, c) in span.text.char_indices() {
            if c == ' ' || c == '\n' {
                if seg_start < bi {
                    word.push((si, seg_start, bi));
                }
                flush_word(spans, &word, style, fonts, &mut items, &mut origins);
                word.clear();
                if c == '\n' {
                    break_glue(&mut items, &mut origins);
                    last_was_space = true;
                } else if !last_was_space && !items.is_empty() {
                    let w = face.width(" ", span.size);
                    push(
                        &mut items,
                        &mut origins,
                        Item::Glue {
                            width: w,
                            stretch: w * style.stretch,
                            shrink: w * style.shrink,
                        },
                        Origin::Space { span: si },
                    );
                    last_was_space = true;
                }
                seg_start = bi + 1;
            } else {
                last_was_space = false;
            }
        }
        if seg_start < span.text.len() {
            word.push((si, seg_start, span.text.len()));
        }
    }
    flush_word(spans, &word, style, fonts, &mut items, &mut origins);
    // A trailing space would otherwise leave a glue before the end.
    while matches!(items.last(), Some(Item::Glue { .. })) {
        items.pop();
        origins.pop();
    }
    break_glue(&mut items, &mut origins);
    (items, origins)
}

/// Adds the boxes of one word, with penalties where it may break.
fn flush_word(
    spans: &[Span],
    word: &[(usize, usize, usize)],
    style: &ParaStyle,
    fonts: &FontSet,
    items: &mut Vec<Item>,
    origins: &mut Vec<Origin>,
) {
    if word.is_empty() {
        return;
    }
    // Break opportunities inside the word, as byte offsets into `joined`.
    let joined: String = word.iter().map(|&(s, a, b)| &spans[s].text[a..b]).collect();
    let inner: Vec<usize> = unicode_linebreak::linebreaks(&joined)
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && i < joined.len())
        .collect();
    let mut offset = 0;
    for &(si, a, b) in word {
        let span = &spans[si];
        let face = fonts.face(span.style);
        let mut cuts: Vec<usize> = inner
            .iter()
            .filter(|&&i| i > offset && i < offset + (b - a))
            .map(|i| i - offset + a)
            .collect();
        cuts.push(b);
        let mut start = a;
        for cut in cuts {
            let piece = &span.text[start..cut];
            let w = face.width(piece, span.size);
            if w > style.width {
                // Emergency: break between characters, expensively.
                for (k, (ci, ch)) in piece.char_indices().enumerate() {
                    if k > 0 {
                        items.push(Item::Penalty {
                            width: 0.0,
                            penalty: 900.0,
                            flagged: false,
                        });
                        origins.push(Origin::Other);
                    }
                    let s = start + ci;
                    let e = s + ch.len_utf8();
                    items.push(Item::Box {
                        width: face.width(&span.text[s..e], span.size),
                    });
                    origins.push(Origin::Text {
                        span: si,
                        start: s,
                        end: e,
                    });
                }
            } else {
                items.push(Item::Box { width: w });
                origins.push(Origin::Text {
                    span: si,
                    start,
                    end: cut,
                });
            }
            if cut < b {
                items.push(Item::Penalty {
                    width: 0.0,
                    penalty: 150.0,
                    flagged: false,
                });
                origins.push(Origin::Other);
            }
            start = cut;
        }
        offset += b - a;
    }
}

fn rebuild(
    spans: &[Span],
    style: &ParaStyle,
    fonts: &FontSet,
    items: &[Item],
    origins: &[Origin],
    breaks: &[Break],
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (li, br) in breaks.iter().enumerate() {
        let last = li + 1 == breaks.len();
        // Ragged settings and the last line keep natural spacing; a line
        // that had to shrink keeps its shrink so it still fits.
        let ratio = match style.align {
            Align::Justify if !last => br.ratio,
            _ => br.ratio.min(0.0),
        };
        let mut runs: Vec<LineRun> = Vec::new();
        let mut x = 0.0f32;
        let mut max_size = 0.0f32;
        for j in start..br.index {
            match (items[j], origins[j]) {
                (
                    Item::Box { width },
                    Origin::Text {
                        span,
                        start: a,
                        end: b,
                    },
                ) => {
                    let sp = &spans[span];
                    max_size = max_size.max(sp.size);
                    let text = &sp.text[a..b];
                    match runs.last_mut() {
                        Some(r) if same_look(r, sp) && (r.x + r.width - x).abs() < 0.01 => {
                            r.text.push_str(text);
                            r.width += width;
                        }
                        _ => runs.push(LineRun {
                            x,
                            text: text.to_string(),
                            style: sp.style,
                            size: sp.size,
                            rise: sp.rise,
                            link: sp.link.clone(),
                            strike: sp.strike,
                            underline: sp.underline,
                            word_space: 0.0,
                            width,
                        }),
                    }
                    x += width;
                }
                (
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    Origin::Space { span },
                ) => {
                    let extra = if ratio > 0.0 {
                        ratio * stretch
                    } else {
                        ratio * shrink
                    };
                    let sp = &spans[span];
                    // The space joins the run before it when it looks the
                    // same; otherwise it is a gap the next run's x skips.
                    if let Some(r) = runs.last_mut().filter(|r| same_look(r, sp)) {
                        r.text.push(' ');
                        r.width += width + extra;
                        r.word_space = extra;
                    }
                    x += width + extra;
                }
                (it, _) => {
                    x += match it {
                        Item::Box { width } => width,
                        Item::Glue { width, .. } => width,
                        Item::Penalty { .. } => 0.0,
                    };
                }
            }
        }
        // A run ending the line must not end with a space.
        if let Some(r) = runs.last_mut()
            && r.text.ends_with(' ')
        {
            r.text.pop();
            r.width = fonts.face(r.style).width(&r.text, r.size)
                + r.word_space * r.text.matches(' ').count() as f32;
        }
        let width = runs.last().map(|r| r.x + r.width).unwrap_or(0.0);
        let shift = match style.align {
            Align::Center => ((style.width - width) / 2.0).max(0.0),
            Align::Right => (style.width - width).max(0.0),
            _ => 0.0,
        };
        for r in &mut runs {
            r.x += shift;
        }
        if max_size == 0.0 {
            max_size = spans.first().map(|s| s.size).unwrap_or(0.0);
        }
        lines.push(Line {
            runs,
            width,
            size: max_size,
        });
        start = br.index + 1;
        while start < items.len()
            && matches!(items[start], Item::Glue { .. } | Item::Penalty { .. })
        {
            if let Item::Penalty { penalty, .. } = items[start]
                && penalty <= -INFINITY
            {
                break;
            }
            start += 1;
        }
    }
    // The final finishing glue produces an empty last line only for an
    // empty paragraph; hard breaks may leave deliberate empty lines.
    while lines.last().is_some_and(|l| l.runs.is_empty()) && lines.len() > 1 {
        lines.pop();
    }
    lines
}

fn same_look(r: &LineRun, sp: &Span) -> bool {
    r.style == sp.style
        && r.size == sp.size
        && r.rise == sp.rise
        && r.link == sp.link
        && r.strike == sp.strike
        && r.underline == sp.underline
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    pub(crate) fn fonts() -> &'static FontSet {
        static F: OnceLock<FontSet> = OnceLock::new();
        F.get_or_init(|| FontSet::discover(None).unwrap())
    }

    fn words_of(lines: &[Line]) -> Vec<String> {
        let text: Vec<String> = lines
            .iter()
            .map(|l| {
                l.runs
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        text.join(" ")
            .split_whitespace()
            .map(String::from)
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let text = "Văn hóa công sở là một bộ phận của văn hóa dân tộc, thể hiện qua ý thức, \
                    thái độ, hành vi của cán bộ, đảng viên trong thực thi nhiệm vụ hằng ngày.";
        let spans = [Span::new(text, FontStyle::Regular, 14.0)];
        let st = ParaStyle::new(200.0, Align::Justify).indent(20.0);
        let lines = set(&spans, &st, fonts());
        assert!(lines.len() >= 3);
        for l in &lines[..lines.len() - 1] {
            assert!((l.width - 200.0).abs() < 0.05, "line width {}", l.width);
        }
        assert_eq!(
            words_of(&lines).join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn long_url_is_cut_and_stays_inside() {
        let url = "https://xuanhong.ninhbinh.gov.vn/van-hoa-cong-so/nghi-quyet-so-12-bc-cb-2026";
        let spans = [Span::new(
            format!("Xem {url} để biết thêm."),
            FontStyle::Regular,
            14.0,
        )];
        let lines = set(&spans, &ParaStyle::new(150.0, Align::Justify), fonts());
        for l in &lines {
            assert!(l.width <= 150.01, "{}", l.width);
        }
        assert_eq!(words_of(&lines).concat(), format!("Xem{url}đểbiếtthêm."));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn text_preserved_and_within_measure(
            words in proptest::collection::vec("[a-zàáạảãâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ/-]{1,30}", 1..60),
            width in 40.0f32..300.0,
            bold in proptest::collection::vec(any::<bool>(), 60),
        ) {
            let spans: Vec<Span> = words.iter().enumerate().map(|(i, w)| {
                Span::new(format!("{w} "), FontStyle::new(bold[i], false), 12.0)
            }).collect();
            let lines = set(&spans, &ParaStyle::new(width, Align::Justify), fonts());
            for l in &lines {
                prop_assert!(l.width <= width + 0.05, "line {} > {}", l.width, width);
            }
            prop_assert_eq!(words_of(&lines).concat(), words.concat());
        }
    }
}
