//! The fixed blocks of an issue: masthead, contents, an article's title
//! and lead with its rule, and the colophon. Each comes back in local
//! coordinates (x from the block's left, y down from its top), like the
//! report's header blocks in `front.rs`.

use super::super::blocks::Cx;
use super::super::figure::shift;
use super::super::flow::Row;
use super::super::paragraph::{self, Align, ParaStyle};
use super::super::templates::BulletinStyle;
use super::super::{ArticleHeader, FontStyle, Item};
use super::{BulletinArticle, Masthead, TOC_MARK};
use crate::doc::Document;

/// The masthead in local coordinates (x from the text block's left, y down
/// from its top) and its height, including the space under it.
pub(super) fn masthead_block(cx: &mut Cx, m: &Masthead, st: &BulletinStyle) -> (Vec<Item>, f32) {
    let w = cx.tpl.text_width();
    let s = st.masthead_size;
    let gaps = &st.spacing;
    let mut items = Vec::new();

    // Publisher lines top left, the circulation mark boxed top right.
    let mut y_left = 0.0;
    for line in &m.publisher {
        y_left = cx.column(
            &line.to_uppercase(),
            FontStyle::Bold,
            s,
            (0.0, w * st.publisher_share),
            Align::Left,
            y_left,
            &mut items,
        );
    }
    let mut y_right: f32 = 0.0;
    if m.internal {
        let mark = "LƯU HÀNH NỘI BỘ";
        let tw = cx.fonts.bold.width(mark, s);
        let pad = s * gaps.mark_pad_em;
        let mut mark_items = Vec::new();
        let end = cx.column(
            mark,
            FontStyle::Bold,
            s,
            (w - tw - pad, tw + 1.0),
            Align::Left,
            pad * gaps.mark_pad_vertical,
            &mut mark_items,
        );
        items.extend(mark_items);
        let h = end + pad * gaps.mark_pad_vertical;
        items.push(Item::Frame {
            x: w - tw - 2.0 * pad,
            y: h,
            w: tw + 2.0 * pad,
            h,
            thickness: st.rules.mark_frame_pt,
        });
        y_right = h;
    }
    let mut y = y_left.max(y_right) + s * gaps.under_publisher_em;

    // "BẢN TIN" as a kicker, the rest of the name large, fitted to the width.
    let folded = crate::text::fold_for_search(m.name.trim());
    let (kicker, rest) = if folded.starts_with("ban tin ") {
        let rest: String = m
            .name
            .trim()
            .chars()
            .skip("bản tin ".chars().count())
            .collect();
        (true, rest)
    } else {
        (m.kicker, m.name.trim().to_string())
    };
    if kicker {
        // Plain words, no letter-spacing made of spaces: copied out of the
        // PDF it must read "BẢN TIN".
        let k = "BẢN TIN";
        y = cx.column(
            k,
            FontStyle::Bold,
            st.kicker_size,
            (0.0, w),
            Align::Center,
            y,
            &mut items,
        );
    }
    let name = rest.trim().to_uppercase();
    let natural = cx.fonts.bold.width(&name, st.name_size);
    let size = if natural > w * st.name_max_share {
        (st.name_size * w * st.name_max_share / natural).max(st.kicker_size)
    } else {
        st.name_size
    };
    y = cx.column(
        &name,
        FontStyle::Bold,
        size,
        (0.0, w),
        Align::Center,
        y - size * gaps.name_raise_em,
        &mut items,
    );
    y += s * gaps.above_rules_em;
    let rule = |y: f32, t: f32| Item::Rule {
        x1: 0.0,
        y1: y,
        x2: w,
        y2: y,
        thickness: t,
    };
    let r = &st.rules;
    items.push(rule(y, r.masthead_thick_pt));
    items.push(rule(y + r.masthead_gap_pt, r.thin_pt));
    y += r.masthead_gap_pt + s * gaps.under_rules_em;

    // The band: number left, period right.
    let band_top = y;
    let end_l = cx.column(
        &m.number,
        FontStyle::Bold,
        s + st.band_size_offset,
        (0.0, w / 2.0),
        Align::Left,
        band_top,
        &mut items,
    );
    let end_r = cx.column(
        &m.period,
        FontStyle::Italic,
        s + st.band_size_offset,
        (w / 2.0, w / 2.0),
        Align::Right,
        band_top,
        &mut items,
    );
    y = end_l.max(end_r) + s * gaps.under_band_em;
    items.push(rule(y, st.rules.thin_pt));
    y += st.article_gap * gaps.under_masthead;
    (items, y)
}

/// "Trong số này": one entry per article with a dotted leader to the page
/// number, which `fill_contents` writes once the flow has placed the
/// articles.
pub(super) fn contents_rows(
    cx: &mut Cx,
    articles: &[BulletinArticle],
    st: &BulletinStyle,
) -> Vec<Row> {
    if articles.len() < 2 {
        return Vec::new();
    }
    let w = cx.width();
    let size = st.contents_size;
    let gaps = &st.spacing;
    let lead = cx.leading(size);
    let mut rows = Vec::new();
    let mut head = Vec::new();
    head.push(Item::Rule {
        x1: 0.0,
        y1: 0.0,
        x2: w,
        y2: 0.0,
        thickness: st.rules.title_pt,
    });
    let end = cx.column(
        "TRONG SỐ NÀY",
        FontStyle::Bold,
        size + st.contents_heading_offset,
        (0.0, w),
        Align::Left,
        size * gaps.contents_top_em,
        &mut head,
    );
    let mut r = Row::fixed(end + size * gaps.contents_heading_gap_em, head);
    r.keep_with_next = true;
    rows.push(r);

    let num_w = cx.fonts.regular.width("000", size) + size * gaps.contents_number_em;
    let dot = ". ";
    let dot_w = cx.fonts.regular.width(dot, size);
    let n = articles.len();
    for (k, a) in articles.iter().enumerate() {
        let title = a
            .header
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let sp = cx.span(&title, FontStyle::Regular, size);
        let lines = paragraph::set(&[sp], &ParaStyle::new(w - num_w, Align::Left), cx.fonts);
        let mut row_rows = cx.line_rows(lines, 0.0, lead, 0.0);
        let mut items = Vec::new();
        let mut y = 0.0;
        let mut baseline = lead;
        let mut end_x: f32 = 0.0;
        for r in row_rows.drain(..) {
            end_x = 0.0;
            for it in r.items {
                if let Item::Text {
                    x, width, y: by, ..
                } = &it
                {
                    end_x = end_x.max(x + width);
                    baseline = y + by;
                }
                items.push(shift(it, y));
            }
            y += r.height;
        }
        let room =
            w - num_w + size * gaps.contents_dots_gap_em - end_x - size * gaps.contents_dots_gap_em;
        let dots = (room / dot_w).floor().max(0.0) as usize;
        if dots > 0 {
            let text = dot.repeat(dots);
            let tw = cx.fonts.regular.width(&text, size);
            items.push(Item::Text {
                x: w - num_w + size * gaps.contents_dots_gap_em - tw,
                y: baseline,
                style: FontStyle::Regular,
                size,
                text,
                word_space: 0.0,
                width: tw,
                link: None,
            });
        }
        items.push(Item::Text {
            x: w,
            y: baseline,
            style: FontStyle::Bold,
            size,
            text: format!("{TOC_MARK}{k}"),
            word_space: 0.0,
            width: 0.0,
            link: None,
        });
        let mut row = Row::fixed(y, items);
        row.space_before = size * gaps.contents_entry_space_em;
        row.keep_with_next = k + 1 < n;
        rows.push(row);
    }
    let mut close = Row::fixed(
        size * gaps.contents_close_em,
        vec![Item::Rule {
            x1: 0.0,
            y1: size * gaps.contents_close_rule_em,
            x2: w,
            y2: size * gaps.contents_close_rule_em,
            thickness: st.rules.thin_pt,
        }],
    );
    close.space_before = size * gaps.contents_close_space_em;
    rows.push(close);
    rows
}

/// Title (with a rule over it), lead, body and author line of one article.
pub(super) fn article_rows(
    cx: &mut Cx,
    doc: &Document,
    header: &ArticleHeader,
    st: &BulletinStyle,
) -> Vec<Row> {
    let w = cx.width();
    let mut head = super::super::front::article_head(cx, header);
    if let Some(first) = head.first_mut() {
        let pad = st.title_size * st.spacing.title_pad_em;
        first.items = std::mem::take(&mut first.items)
            .into_iter()
            .map(|it| shift(it, pad))
            .collect();
        first.items.push(Item::Rule {
            x1: 0.0,
            y1: st.rules.title_pt / 2.0,
            x2: w,
            y2: st.rules.title_pt / 2.0,
            thickness: st.rules.title_pt,
        });
        first.height += pad;
        first.space_before = st.article_gap;
    }
    let lead_lines = head.len().saturating_sub(1);
    let mut body = cx.document_rows(doc);
    for r in &mut body {
        // The article is level 1; its "##" sections stay level 2 under it.
        if let Some((_, level)) = &mut r.outline {
            *level = (*level).max(2);
        }
    }
    // The lead stands apart from the body.
    if lead_lines > 0
        && let Some(first) = body.first_mut()
    {
        first.space_before += cx.tpl.para_space;
    }
    head.extend(body);
    head.extend(super::super::front::article_tail(cx, header));
    head
}

/// The colophon: a ruled box of label–text lines across the text block.
pub(super) fn colophon_block(cx: &mut Cx, m: &Masthead, st: &BulletinStyle) -> (Vec<Item>, f32) {
    let lines: Vec<&(String, String)> = m
        .colophon
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if lines.is_empty() {
        return (Vec::new(), 0.0);
    }
    let w = cx.tpl.text_width();
    let size = st.colophon_size;
    let pad = size * st.spacing.colophon_pad_em;
    let mut items = Vec::new();
    let mut y = pad;
    for (label, value) in lines {
        let value = value.lines().map(str::trim).collect::<Vec<_>>().join("; ");
        let mut spans = Vec::new();
        if !label.is_empty() {
            spans.push(cx.span(&format!("{label}: "), FontStyle::Bold, size));
        }
        spans.push(cx.span(&value, FontStyle::Regular, size));
        let lines = paragraph::set(
            &spans,
            &ParaStyle::new(w - 2.0 * pad, Align::Left),
            cx.fonts,
        );
        for r in cx.line_rows(lines, pad, cx.leading(size), 0.0) {
            items.extend(r.items.into_iter().map(|it| shift(it, y)));
            y += r.height;
        }
    }
    let h = y + pad;
    items.push(Item::Frame {
        x: 0.0,
        y: h,
        w,
        h,
        thickness: st.rules.thin_pt,
    });
    (items, h + size * st.spacing.colophon_gap_em)
}
