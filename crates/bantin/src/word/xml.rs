//! A small element tree over `quick-xml` events, for the Word parts.
//!
//! Word parts are read whole and walked many ways (a paragraph's style, its
//! runs, a table's cells), which a tree makes plain. Names keep only their
//! local part (`w:p` → `p`): every part we read uses one vocabulary, and
//! Word files in the wild do not always use the usual prefixes. Nesting is
//! capped so a hostile file cannot exhaust the stack of code that walks it.

use quick_xml::XmlVersion;
use quick_xml::events::Event;

use super::WordError;

/// Deeper than any real document (tables in tables in text boxes nest a few
/// dozen levels at most).
pub const MAX_DEPTH: usize = 200;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute by local name (`w:val` → `val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// `<w:x w:val="…"/>` under this element: the value of child `name`.
    pub fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.child(name)
            .map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off" | "none")))
    }

    /// All text below this element, in order (walked with a stack, not
    /// recursion).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut pending: Vec<&Node> = self.children.iter().rev().collect();
        while let Some(n) = pending.pop() {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(c) => pending.extend(c.children.iter().rev()),
            }
        }
        out
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_owned(),
        None => name.to_owned(),
    }
}

/// Parses one part. `part` names it in error messages.
pub fn parse(bytes: &[u8], part: &str) -> Result<Element, WordError> {
    let corrupt = |e: &dyn std::fmt::Display| WordError::Corrupt(format!("{part}: {e}"));
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| corrupt(&e))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| corrupt(&e))?;
        let event_kind = if matches!(event, Event::Empty(_)) {
            Kind::Empty
        } else {
            Kind::Other
        };
        match event {
            Event::Start(s) | Event::Empty(s) => {
                let empty = matches!(event_kind, Kind::Empty);
                let mut el = Element {
                    name: local(s.name().as_ref()),
                    ..Element::default()
                };
                for a in s.attributes().with_checks(false).flatten() {
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| corrupt(&e))?;
                    el.attrs.push((local(a.key.as_ref()), v.into_owned()));
                }
                if empty {
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(Node::Element(el));
                    }
                } else {
                    stack.push(el);
                    if stack.len() > MAX_DEPTH {
                        return Err(WordError::TooDeep(part.to_owned()));
                    }
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| corrupt(&"thẻ đóng thừa"))?;
                let parent = stack.last_mut().ok_or_else(|| corrupt(&"thẻ đóng thừa"))?;
                parent.children.push(Node::Element(el));
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(|e| corrupt(&e))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| corrupt(&format!("&{};", &*r)))?
                        .to_owned(),
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(corrupt(&"thiếu thẻ đóng"));
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| corrupt(&"không có phần tử nào"))
}

enum Kind {
    Empty,
    Other,
}

fn push_text(stack: &mut [Element], t: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(t);
        } else {
            top.children.push(Node::Text(t.to_owned()));
        }
    }
}
