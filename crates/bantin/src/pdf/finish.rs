//! What is written into the finished lopdf document after printpdf: the
//! nested outline, dates with their real offset, and a trailer `/ID` derived
//! from the content, so the same input always gives the same bytes.

use lopdf::{Dictionary, Object, StringFormat};

use super::PdfInfo;
use crate::typeset::{Item, Laid};

/// Adds the outline, the dates and the document id to `lo`.
pub(super) fn finish(lo: &mut lopdf::Document, laid: &Laid, info: &PdfInfo) {
    add_outline(lo, laid);
    set_dates(lo, info);
    let id = content_id(laid, info);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Hexadecimal),
            Object::String(id.into_bytes(), StringFormat::Hexadecimal),
        ]),
    );
}

/// printpdf 0.12 writes every date as UTC ("+00'00'") whatever its offset,
/// so an export at 08:30 in Hà Nội would claim 08:30 UTC; write them here.
fn set_dates(doc: &mut lopdf::Document, info: &PdfInfo) {
    let c = info.created;
    let off = c.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let stamp = format!(
        "D:{}{sign}{:02}'{:02}'",
        c.format("%Y%m%d%H%M%S"),
        off.abs() / 3600,
        (off.abs() % 3600) / 60
    );
    let Ok(info_ref) = doc.trailer.get(b"Info").and_then(|o| o.as_reference()) else {
        return;
    };
    if let Ok(Object::Dictionary(d)) = doc.get_object_mut(info_ref) {
        for key in ["CreationDate", "ModDate"] {
            d.set(
                key,
                Object::String(stamp.clone().into_bytes(), StringFormat::Literal),
            );
        }
    }
}

/// Bookmarks in reading order, each opening its page at the heading
/// (printpdf's own bookmarks sort a page's entries by title), nested by
/// heading level: an entry's parent is the nearest
/// entry before it with a lower level (a bulletin's articles at the top,
/// their headings inside, closed).
fn add_outline(doc: &mut lopdf::Document, laid: &Laid) {
    let pages = doc.get_pages();
    let entries: Vec<_> = laid
        .outline
        .iter()
        .filter_map(|e| Some((e, *pages.get(&(e.page as u32 + 1))?)))
        .collect();
    if entries.is_empty() {
        return;
    }
    let outlines_id = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // parent[k]: index of the parent entry, None for the top level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (k, (e, _)) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&p| entries[p].0.level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(k);
    }
    // Children of each entry (index k + 1) and of the root (index 0).
    let mut kids_of: Vec<Vec<usize>> = vec![Vec::new(); entries.len() + 1];
    for (k, p) in parent.iter().enumerate() {
        kids_of[p.map_or(0, |p| p + 1)].push(k);
    }
    let children = |p: Option<usize>| -> &Vec<usize> { &kids_of[p.map_or(0, |p| p + 1)] };
    let link_siblings = |d: &mut Dictionary, list: &[usize], k: usize| {
        let at = list.iter().position(|&x| x == k).unwrap_or(0);
        if at > 0 {
            d.set("Prev", Object::Reference(ids[list[at - 1]]));
        }
        if at + 1 < list.len() {
            d.set("Next", Object::Reference(ids[list[at + 1]]));
        }
    };
    for (k, (e, page_id)) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set(
            "Title",
            Object::String(utf16be(&e.title), StringFormat::Hexadecimal),
        );
        d.set(
            "Parent",
            Object::Reference(parent[k].map(|p| ids[p]).unwrap_or(outlines_id)),
        );
        link_siblings(&mut d, children(parent[k]), k);
        let kids = children(Some(k));
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[*first]));
            d.set("Last", Object::Reference(ids[*last]));
            // Negative: closed, so a reader first sees one entry per article.
            d.set("Count", Object::Integer(-(kids.len() as i64)));
        }
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page_id),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(e.y),
                Object::Null,
            ]),
        );
        doc.objects.insert(ids[k], Object::Dictionary(d));
    }
    let top = children(None);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    root.set("First", Object::Reference(ids[top[0]]));
    root.set("Last", Object::Reference(ids[top[top.len() - 1]]));
    root.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(outlines_id, Object::Dictionary(root));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(outlines_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        v.extend(u.to_be_bytes());
    }
    v
}

/// A document id that changes whenever the content or metadata does.
fn content_id(laid: &Laid, info: &PdfInfo) -> String {
    let mut h = Fnv::new();
    h.write(info.title.as_bytes());
    h.write(info.author.as_bytes());
    h.write(info.created.to_rfc3339().as_bytes());
    for p in &laid.pages {
        h.write(b"\x0cpage");
        for it in &p.items {
            if let Item::Text { text, x, y, .. } = it {
                h.write(text.as_bytes());
                h.write(&x.to_le_bytes());
                h.write(&y.to_le_bytes());
            }
        }
    }
    let a = h.0;
    h.write(b"second half");
    format!("{a:016x}{:016x}", h.0)
}

/// FNV-1a: tiny, stable across platforms and Rust versions (unlike std's
/// hasher), which is what reproducible ids need.
pub(super) struct Fnv(pub(super) u64);
impl Fnv {
    pub(super) fn new() -> Self {
        Fnv(0xcbf29ce484222325)
    }
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}
