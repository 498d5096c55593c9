//! What goes on the pages once the flow has filled them: the contents'
//! page numbers, running heads, and the licensed bulletin's checks.

use super::super::blocks::{Cx, Poured};
use super::super::templates::{BulletinStyle, MM};
use super::super::{FontSet, FontStyle, Item};
use super::{Masthead, TOC_MARK};

/// Writes each contents entry's page number, right-aligned where its
/// placeholder stands.
pub(super) fn fill_contents(poured: &mut Poured, fonts: &FontSet) {
    let starts: Vec<usize> = poured
        .outline
        .iter()
        .filter(|e| e.level == 1)
        .map(|e| e.page + 1)
        .collect();
    for page in &mut poured.pages {
        for it in &mut page.items {
            if let Item::Text {
                x,
                text,
                width,
                style,
                size,
                ..
            } = it
                && let Some(k) = text.strip_prefix(TOC_MARK)
            {
                let n = k
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| starts.get(k))
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let nw = fonts.face(*style).width(&n, *size);
                *x -= nw;
                *width = nw;
                *text = n;
            }
        }
    }
}

/// Name and number at the top of every page after the first, the period
/// on the outer side, a hairline under them.
pub(super) fn running_heads(cx: &mut Cx, poured: &mut Poured, m: &Masthead, st: &BulletinStyle) {
    let tpl = cx.tpl;
    let size = st.running_size;
    let head = cx.clean(&m.running_head, FontStyle::Italic);
    let period = cx.clean(&m.period, FontStyle::Italic);
    let face = cx.fonts.face(FontStyle::Italic);
    let (hw, pw) = (face.width(&head, size), face.width(&period, size));
    let left = tpl.text_left();
    let right = left + tpl.text_width();
    for (k, page) in poured.pages.iter_mut().enumerate().skip(1) {
        let y = page.height - st.running_from_edge_mm * MM;
        // Odd page numbers are right-hand pages: the name goes outside.
        let (hx, px) = if (k + 1) % 2 == 1 {
            (right - hw, left)
        } else {
            (left, right - pw)
        };
        for (x, text, width) in [(hx, &head, hw), (px, &period, pw)] {
            if !text.is_empty() {
                page.items.push(Item::Text {
                    x,
                    y,
                    style: FontStyle::Italic,
                    size,
                    text: text.clone(),
                    word_space: 0.0,
                    width,
                    link: None,
                });
            }
        }
        let ry = y - size * st.spacing.running_rule_em;
        page.items.push(Item::Rule {
            x1: left,
            y1: ry,
            x2: right,
            y2: ry,
            thickness: st.rules.running_head_pt,
        });
    }
}

pub(super) fn licence_warnings(cx: &mut Cx, st: &BulletinStyle, pages: usize) {
    if pages > st.licensed_max_pages {
        cx.warnings.push(format!(
            "Bản tin có giấy phép không được quá {} trang (Luật Báo chí 2016); số này có {pages} trang.",
            st.licensed_max_pages
        ));
    }
    let (mw, mh) = st.licensed_max_mm;
    let p = cx.tpl.paper;
    if p.width_mm > mw + 0.5 || p.height_mm > mh + 0.5 {
        cx.warnings.push(format!(
            "Khổ giấy {:.0} × {:.0} mm lớn hơn khổ tối đa của bản tin có giấy phép ({:.0} × {:.0} mm, Luật Báo chí 2016).",
            p.width_mm, p.height_mm, mw, mh
        ));
    }
}
