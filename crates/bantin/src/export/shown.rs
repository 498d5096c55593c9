//! Which blocks a template prints (`article.show`, `report.show`,
//! `bulletin.show`), read in this one place and applied to what every
//! output is handed: the PDF layout and the Word writer never look at
//! these settings, they print what they get. A hidden lead or author line
//! is simply not in the article's header, hidden captions and footnotes are
//! not in its document, a hidden colophon has no lines.

use std::borrow::Cow;

use crate::doc::{Block, Document, Inline};
use crate::typeset::templates::{ArticleBlocks, BulletinBlocks, Front, ReportBlocks, Template};
use crate::typeset::{ArticleHeader, Masthead};

/// The parts of an article `tpl` prints (all of them for a template that
/// does not print articles).
pub(super) fn article_blocks(tpl: &Template) -> ArticleBlocks {
    match &tpl.front {
        Front::Article(a) => a.show,
        _ => ArticleBlocks::default(),
    }
}

/// The fixed blocks of a report `tpl` prints.
pub(super) fn report_blocks(tpl: &Template) -> ReportBlocks {
    match &tpl.front {
        Front::Report(r) => r.show,
        _ => ReportBlocks::default(),
    }
}

/// The parts of an issue `tpl` prints.
pub(super) fn bulletin_blocks(tpl: &Template) -> BulletinBlocks {
    match &tpl.front {
        Front::Bulletin(b) => b.show,
        _ => BulletinBlocks::default(),
    }
}

/// An article's header without the parts `show` leaves out.
pub(super) fn article_header(mut h: ArticleHeader, show: ArticleBlocks) -> ArticleHeader {
    if !show.lead {
        h.summary = None;
    }
    if !show.author {
        h.author = None;
    }
    h
}

/// The document as it prints with `show`: without captions, without
/// footnotes (and their numbers in the text) when those are left out.
pub(super) fn document(doc: &Document, show: ArticleBlocks) -> Cow<'_, Document> {
    if show.captions && show.footnotes {
        return Cow::Borrowed(doc);
    }
    let mut doc = doc.clone();
    if !show.footnotes {
        doc.footnotes.clear();
    }
    edit_blocks(&mut doc.blocks, &show);
    Cow::Owned(doc)
}

fn edit_inlines(list: &mut Vec<Inline>, show: &ArticleBlocks) {
    if !show.footnotes {
        list.retain(|i| !matches!(i, Inline::FootnoteRef { .. }));
    }
}

fn edit_blocks(list: &mut [Block], show: &ArticleBlocks) {
    for b in list {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                edit_inlines(content, show)
            }
            Block::List { items, .. } => {
                for it in items {
                    edit_blocks(&mut it.blocks, show);
                }
            }
            Block::Quote { blocks } => edit_blocks(blocks, show),
            Block::Table(t) => {
                for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                    edit_inlines(cell, show);
                }
            }
            Block::Figure(f) => {
                if show.captions {
                    edit_inlines(&mut f.caption, show);
                } else {
                    f.caption.clear();
                }
            }
            Block::Code { .. } | Block::Rule | Block::PageBreak => {}
        }
    }
}

/// The masthead and colophon as the issue prints with `show`.
pub(super) fn masthead(mut m: Masthead, show: BulletinBlocks) -> Masthead {
    if !show.colophon {
        m.colophon.clear();
    }
    m.contents = show.contents;
    m.page_numbers = show.page_numbers;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_captions_and_footnotes_leave_the_document() {
        let doc = crate::markdown::parse(
            "Có chú thích[^1].\n\n![Hội nghị](a.jpg)\n\n> Trích[^1]\n\n[^1]: Nguồn: Ban Dân vận.\n",
        );
        let all = ArticleBlocks::default();
        assert!(matches!(document(&doc, all), Cow::Borrowed(_)));

        let no_notes = document(
            &doc,
            ArticleBlocks {
                footnotes: false,
                ..all
            },
        );
        assert!(no_notes.footnotes.is_empty());
        let text = serde_json::to_string(&*no_notes).unwrap();
        assert!(!text.contains("footnote_ref"), "{text}");
        assert!(text.contains("Hội nghị"));

        let no_captions = document(
            &doc,
            ArticleBlocks {
                captions: false,
                ..all
            },
        );
        assert_eq!(no_captions.figures()[0].src, "a.jpg");
        assert!(no_captions.figures()[0].caption.is_empty());
        assert_eq!(no_captions.footnotes.len(), 1);
    }

    #[test]
    fn hidden_lead_and_author_leave_the_header() {
        let h = ArticleHeader {
            title: "Tin".into(),
            summary: Some("Sapô".into()),
            author: Some("Ban Dân vận".into()),
            date: None,
        };
        let all = ArticleBlocks::default();
        assert_eq!(article_header(h.clone(), all), h);
        let bare = article_header(
            h,
            ArticleBlocks {
                lead: false,
                author: false,
                ..all
            },
        );
        assert_eq!((bare.summary, bare.author), (None, None));
    }
}
