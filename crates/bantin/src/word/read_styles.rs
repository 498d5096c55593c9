//! What a paragraph's style and numbering mean: `styles.xml` and
//! `numbering.xml`.
//!
//! Only meaning is kept (heading level, title, caption, list, the font that
//! tells an old encoding); fonts, colours and sizes are noise to us.

use std::collections::HashMap;

use super::xml::Element;
use crate::text::legacy::{Encoding, font_encoding};

#[derive(Debug, Default, Clone)]
pub struct StyleInfo {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    font: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// What a paragraph style says about its paragraphs.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ParaRole {
    pub title: bool,
    pub heading: Option<u8>,
    pub caption: bool,
    /// A quotation ("Quote", pandoc's "Block Text").
    pub quote: bool,
    /// "List Continue": another paragraph of the list item above.
    pub list_continue: bool,
    /// Metadata paragraphs (pandoc's and ours): "author", "date", "summary".
    pub meta: Option<&'static str>,
    /// (numbering id, level) from the style (Word's "List Bullet" …).
    pub num: Option<(String, u8)>,
}

#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, StyleInfo>,
    default_font: Option<String>,
}

/// The font named by `rFonts` (Latin text), if any.
pub fn run_font(rpr: &Element) -> Option<String> {
    let f = rpr.child("rFonts")?;
    f.attr("ascii").or(f.attr("hAnsi")).map(str::to_owned)
}

impl Styles {
    pub fn parse(root: Option<&Element>) -> Styles {
        let mut styles = Styles::default();
        let Some(root) = root else { return styles };
        styles.default_font = root
            .child("docDefaults")
            .and_then(|d| d.child("rPrDefault"))
            .and_then(|r| r.child("rPr"))
            .and_then(run_font);
        for s in root.children_named("style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let rpr = s.child("rPr");
            let info = StyleInfo {
                name: s.val("name").unwrap_or("").to_lowercase(),
                based_on: s.val("basedOn").map(str::to_owned),
                outline: ppr
                    .and_then(|p| p.val("outlineLvl"))
                    .and_then(|v| v.parse().ok()),
                num: ppr.and_then(|p| p.child("numPr")).and_then(num_pr),
                font: rpr.and_then(run_font),
                bold: rpr.and_then(|r| r.flag("b")),
                italic: rpr.and_then(|r| r.flag("i")),
            };
            styles.by_id.insert(id.to_owned(), info);
        }
        styles
    }

    /// The style and the ones it is based on, nearest first (at most 16:
    /// a loop in `basedOn` must not hang us).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> Vec<&'a StyleInfo> {
        let mut out = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            let Some(s) = self.by_id.get(id) else { break };
            out.push(s);
            if out.len() >= 16 {
                break;
            }
            next = s.based_on.as_deref();
        }
        out
    }

    pub fn paragraph(&self, id: Option<&str>) -> ParaRole {
        let chain = self.chain(id);
        let name = chain.first().map(|s| s.name.as_str()).unwrap_or("");
        let heading = name
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
            .or_else(|| chain.iter().find_map(|s| s.outline).map(|l| l + 1))
            .filter(|l| (1..=9).contains(l))
            .map(|l| l.min(6));
        ParaRole {
            title: name == "title",
            heading,
            caption: name.contains("caption"),
            quote: matches!(name, "quote" | "intense quote" | "block text"),
            list_continue: name.starts_with("list continue"),
            meta: match name {
                "author" => Some("author"),
                "date" => Some("date"),
                "subtitle" | "abstract" => Some("summary"),
                _ => None,
            },
            num: chain.iter().find_map(|s| s.num.clone()),
        }
    }

    /// The old encoding a character or paragraph style's font implies.
    pub fn encoding(&self, id: Option<&str>) -> Option<Encoding> {
        let font = self.chain(id).into_iter().find_map(|s| s.font.as_deref());
        font.or(self.default_font.as_deref())
            .and_then(font_encoding)
    }

    /// Bold and italic a character style (Strong, Emphasis …) sets.
    pub fn run_flags(&self, id: Option<&str>) -> (Option<bool>, Option<bool>) {
        let chain = self.chain(id);
        (
            chain.iter().find_map(|s| s.bold),
            chain.iter().find_map(|s| s.italic),
        )
    }
}

/// `<w:numPr><w:ilvl/><w:numId/></w:numPr>` → (numId, level); numId 0 means
/// "no list".
pub fn num_pr(e: &Element) -> Option<(String, u8)> {
    let id = e.val("numId")?;
    if id == "0" {
        return None;
    }
    let level = e
        .val("ilvl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .min(8);
    Some((id.to_owned(), level))
}

/// One level of a list definition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub ordered: bool,
    pub start: u32,
}

#[derive(Debug, Default)]
pub struct Numbering {
    levels: HashMap<(String, u8), Level>,
}

impl Numbering {
    pub fn parse(root: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = root else { return out };
        let mut abstracts: HashMap<&str, HashMap<u8, Level>> = HashMap::new();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            abstracts.insert(id, a.children_named("lvl").filter_map(level).collect());
        }
        for n in root.children_named("num") {
            let Some(id) = n.attr("numId") else { continue };
            let Some(levels) = n.val("abstractNumId").and_then(|a| abstracts.get(a)) else {
                continue;
            };
            for (&l, &lvl) in levels {
                out.levels.insert((id.to_owned(), l), lvl);
            }
            for o in n.children_named("lvlOverride") {
                let Some(l) = o.attr("ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                    continue;
                };
                let mut lvl = o.child("lvl").and_then(|e| level(e).map(|(_, v)| v));
                if lvl.is_none() {
                    lvl = levels.get(&l).copied();
                }
                if let (Some(mut lvl), Some(start)) =
                    (lvl, o.val("startOverride").and_then(|v| v.parse().ok()))
                {
                    lvl.start = start;
                    out.levels.insert((id.to_owned(), l), lvl);
                }
            }
        }
        out
    }

    /// What a list paragraph's marker is; unknown definitions are bullets.
    pub fn level(&self, num_id: &str, level: u8) -> Level {
        self.levels
            .get(&(num_id.to_owned(), level))
            .copied()
            .unwrap_or(Level {
                ordered: false,
                start: 1,
            })
    }
}

fn level(e: &Element) -> Option<(u8, Level)> {
    let l = e.attr("ilvl")?.parse().ok()?;
    let fmt = e.val("numFmt").unwrap_or("bullet");
    let ordered = !matches!(fmt, "bullet" | "none");
    let start = e.val("start").and_then(|v| v.parse().ok()).unwrap_or(1);
    Some((l, Level { ordered, start }))
}
