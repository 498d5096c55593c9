//! The fixed blocks around a body: the report's first-page header and its
//! "Nơi nhận" / signature blocks, the article's title, lead and author line.
//!
//! Each block is one unbreakable row (or a few kept together) so the flow
//! treats it like any other content; only sizes and column shares come from
//! the template, the arrangement is the Party format's (TEMPLATES.md).

use super::blocks::Cx;
use super::figure::shift;
use super::flow::Row;
use super::paragraph::{Align, ParaStyle};
use super::templates::{ArticleStyle, Front, MM, ReportStyle};
use super::{ArticleHeader, FontStyle, Item, ReportHeader};

impl Cx<'_> {
    fn report_style(&self) -> ReportStyle {
        match &self.tpl.front {
            Front::Report(r) => r.clone(),
            _ => super::templates::report_style(),
        }
    }

    fn article_style(&self) -> ArticleStyle {
        match &self.tpl.front {
            Front::Article(a) => a.clone(),
            Front::Bulletin(b) => ArticleStyle {
                title_size: b.title_size,
                title_centered: false,
                lead_bold: b.lead_bold,
                author_size: b.author_size,
                spacing: b.article_spacing.clone(),
                show: Default::default(),
            },
            Front::Report(_) => super::templates::article_style(),
        }
    }

    /// Lines of `text` set in a column, stacked from `y` down; returns the
    /// items and the y below the last line.
    // The arguments are the block's own vocabulary (text, face, column,
    // alignment, position); bundling them would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn column(
        &mut self,
        text: &str,
        style: FontStyle,
        size: f32,
        (left, width): (f32, f32),
        align: Align,
        y: f32,
        out: &mut Vec<Item>,
    ) -> f32 {
        let sp = self.span(text, style, size);
        let rows = self.paragraph(&[sp], &ParaStyle::new(width, align), left, 0.0);
        let mut y = y;
        for r in rows {
            out.extend(r.items.into_iter().map(|it| shift(it, y)));
            y += r.height;
        }
        y
    }
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Width of a line of text items (for the rule under the national title).
fn text_extent(items: &[Item]) -> Option<(f32, f32, f32)> {
    let mut out: Option<(f32, f32, f32)> = None;
    for it in items {
        if let Item::Text { x, y, width, .. } = it {
            let (a, b, yy) = out.unwrap_or((*x, *x + *width, *y));
            out = Some((a.min(*x), b.max(*x + *width), yy.max(*y)));
        }
    }
    out
}

pub fn report_head(cx: &mut Cx, h: &ReportHeader) -> Vec<Row> {
    let rs = cx.report_style();
    let w = cx.width();
    let lw = w * rs.left_column;
    let (left, right) = ((0.0, lw), (lw, w - lw));
    let hs = rs.header_size;
    let mut items = Vec::new();

    // Left: superior body, issuing body, star, number and symbol.
    let mut y = 0.0;
    y = cx.column(
        &upper(&h.superior_body),
        FontStyle::Regular,
        hs,
        left,
        Align::Center,
        y,
        &mut items,
    );
    y = cx.column(
        &upper(&h.issuing_body),
        FontStyle::Bold,
        hs,
        left,
        Align::Center,
        y,
        &mut items,
    );
    y = cx.column(
        "*",
        FontStyle::Regular,
        hs,
        left,
        Align::Center,
        y,
        &mut items,
    );
    let number_y = y;
    let left_end = cx.column(
        &h.number_symbol,
        FontStyle::Regular,
        hs,
        left,
        Align::Center,
        y,
        &mut items,
    );

    // Right: the national title, a rule as long as it, the place and date
    // level with the number line.
    let mut national = Vec::new();
    let ry = if h.show.national_title {
        cx.column(
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            FontStyle::Bold,
            rs.national_size,
            right,
            Align::Center,
            0.0,
            &mut national,
        )
    } else {
        0.0
    };
    if let Some((x1, x2, base)) = text_extent(&national) {
        let uy = base + rs.national_rule_gap_pt;
        items.push(Item::Rule {
            x1,
            y1: uy,
            x2,
            y2: uy,
            thickness: rs.rule_pt,
        });
    }
    items.extend(national);
    let date_line = format!("{}, {}", h.place, crate::text::format_date(h.date));
    let date_y = number_y.max(ry + rs.date_gap_pt);
    let right_end = cx.column(
        &date_line,
        FontStyle::Italic,
        hs,
        right,
        Align::Center,
        date_y,
        &mut items,
    );
    let mut head = Row::fixed(left_end.max(right_end) + rs.head_gap_pt, items);
    head.keep_with_next = true;

    // Type name, summary, short rule.
    let mut items = Vec::new();
    let full = (0.0, w);
    let mut y = cx.column(
        &upper(&h.type_name),
        FontStyle::Bold,
        rs.type_name_size,
        full,
        Align::Center,
        0.0,
        &mut items,
    );
    y = cx.column(
        &h.summary,
        FontStyle::Bold,
        rs.summary_size,
        full,
        Align::Center,
        y,
        &mut items,
    );
    let rl = rs.summary_rule_mm * MM;
    let ry = y + rs.summary_rule_gap_pt;
    items.push(Item::Rule {
        x1: (w - rl) / 2.0,
        y1: ry,
        x2: (w + rl) / 2.0,
        y2: ry,
        thickness: rs.rule_pt,
    });
    let mut title = Row::fixed(ry + rs.title_gap_pt, items);
    title.space_before = rs.title_space_pt;
    title.outline = Some((
        format!("{} {}", upper(&h.type_name), crate::text::nfc(&h.summary)),
        1,
    ));
    vec![head, title]
}

pub fn report_tail(cx: &mut Cx, h: &ReportHeader) -> Vec<Row> {
    let rs = cx.report_style();
    if !h.show.recipients && !h.show.signature {
        return Vec::new();
    }
    let w = cx.width();
    let lw = w * rs.left_column;
    let (left, right) = ((0.0, lw), (lw, w - lw));
    let mut items = Vec::new();

    // Left: "Nơi nhận:" underlined, then "- …;" items, the last ending ".".
    let mut left_end = 0.0;
    if h.show.recipients {
        let heading = "Nơi nhận:";
        let y0 = cx.column(
            heading,
            FontStyle::Regular,
            rs.recipients_heading_size,
            left,
            Align::Left,
            0.0,
            &mut items,
        );
        if let Some((x1, _, base)) = text_extent(&items) {
            let hw = cx.fonts.regular.width(heading, rs.recipients_heading_size);
            items.push(Item::Rule {
                x1,
                y1: base + rs.recipients_rule_gap_pt,
                x2: x1 + hw,
                y2: base + rs.recipients_rule_gap_pt,
                thickness: rs.recipients_rule_pt,
            });
        }
        let mut y = y0;
        for line in h.recipient_lines() {
            y = cx.column(
                &line,
                FontStyle::Regular,
                rs.recipients_size,
                left,
                Align::Left,
                y,
                &mut items,
            );
        }
        left_end = y;
    }

    // Right: authority, title, room for the signature, name.
    let mut right_end = 0.0;
    if h.show.signature {
        let ss = rs.signature_size;
        let mut y = cx.column(
            &upper(&h.authority),
            FontStyle::Bold,
            ss,
            right,
            Align::Center,
            0.0,
            &mut items,
        );
        y = cx.column(
            &upper(&h.signer_title),
            FontStyle::Regular,
            ss,
            right,
            Align::Center,
            y,
            &mut items,
        );
        y += rs.signature_lines as f32 * ss * rs.signature_line_em;
        right_end = cx.column(
            &h.signer_name,
            FontStyle::Bold,
            ss,
            right,
            Align::Center,
            y,
            &mut items,
        );
    }

    let mut row = Row::fixed(f32::max(left_end, right_end), items);
    row.space_before = rs.signature_space_pt;
    vec![row]
}

pub fn article_head(cx: &mut Cx, h: &ArticleHeader) -> Vec<Row> {
    let st = cx.article_style();
    let w = cx.width();
    let mut rows = Vec::new();
    let mut items = Vec::new();
    let align = if st.title_centered {
        Align::Center
    } else {
        Align::Left
    };
    let mut y = cx.column(
        &h.title,
        FontStyle::Bold,
        st.title_size,
        (0.0, w),
        align,
        0.0,
        &mut items,
    );
    if let Some(d) = h.date {
        let date = crate::text::format_date(d);
        let size = cx.tpl.body_size + st.spacing.date_size_offset;
        y = cx.column(
            &date,
            FontStyle::Italic,
            size,
            (0.0, w),
            align,
            y + st.spacing.date_gap_pt,
            &mut items,
        );
    }
    let mut title = Row::fixed(y + st.spacing.title_gap_pt, items);
    title.keep_with_next = true;
    title.outline = Some((crate::text::nfc(h.title.trim()), 1));
    rows.push(title);
    if let Some(lead) = h.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        let style = if st.lead_bold {
            FontStyle::Bold
        } else {
            FontStyle::Italic
        };
        let sp = cx.span(lead, style, cx.tpl.body_size);
        let mut lead_rows = cx.paragraph(&[sp], &ParaStyle::new(w, Align::Justify), 0.0, 0.0);
        if let Some(last) = lead_rows.last_mut() {
            last.keep_with_next = true;
        }
        rows.extend(lead_rows);
    }
    rows
}

pub fn article_tail(cx: &mut Cx, h: &ArticleHeader) -> Vec<Row> {
    let st = cx.article_style();
    let Some(author) = h.author.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Vec::new();
    };
    let sp = cx.span(author.trim(), FontStyle::Bold, st.author_size);
    cx.paragraph(
        &[sp],
        &ParaStyle::new(cx.width(), Align::Right),
        0.0,
        cx.tpl.para_space * st.spacing.author_space_paras,
    )
}
