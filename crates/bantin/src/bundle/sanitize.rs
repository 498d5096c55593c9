//! `article.html` read as a browser reads it, judged and cleaned by one set
//! of rules.
//!
//! The HTML is parsed by html5ever, the HTML5 tokenizer and tree builder
//! browsers follow, so comments end where a browser ends them (`<!-->`,
//! `--!>`…), `<noscript>` holds raw text as with scripting on, and character
//! references are decoded before a URL is judged. Then one walk over the tree
//! keeps only what is on an allow-list (HTML elements, their attributes,
//! link schemes, a few inline styles) and writes it back with html5ever's
//! serialiser. Whatever the walk leaves out is a [`Problem`], so
//! `bundle check` refuses a file exactly when the sanitiser would change it,
//! and what the sanitiser writes always passes the check.
//!
//! Two things are not in the tree and are judged from the parse: a file that
//! stops inside a tag or a comment (text a portal adds after it would finish
//! it, so the tag is judged as if closed and the comment is dropped), and
//! control characters, which are never text.
//!
//! Text between tags is never judged: an article may well *mention*
//! "javascript:" or "<script>".

use dom_query::{Document, Element, NodeData, NodeId, NodeRef};
use html5ever::serialize::{HtmlSerializer, SerializeOpts, Serializer};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{Attribute, ParseOpts, QualName, local_name, ns};

use super::Problem;
use crate::html::escape_into;

/// HTML elements an article may hold: text, lists, tables, figures, links.
const ELEMENTS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "code",
    "kbd",
    "pre",
    "blockquote",
    "q",
    "abbr",
    "span",
    "div",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "img",
    "a",
];

/// Attributes any allowed element may carry (`style` only with [`STYLES`]).
const GLOBAL_ATTRS: &[&str] = &["class", "id", "title", "lang", "dir", "style"];

/// The inline styles the format allows (DESIGN §6): what portal editors keep.
const STYLES: &[&str] = &[
    "text-align:center",
    "text-align:right",
    "text-align:left",
    "font-style:italic",
];

/// What the walk found: problems, the images shown, and the cleaned HTML.
pub(crate) struct HtmlScan {
    pub problems: Vec<Problem>,
    /// `src` of every `<img>`, decoded as the browser reads it, in order.
    pub image_srcs: Vec<String>,
    /// The HTML with everything not allowed left out.
    pub clean: String,
}

/// Judges `html` and cleans it in one walk: `problems` lists what `clean`
/// leaves out (or what the parse showed), so it is empty exactly when
/// nothing had to be left out.
pub(crate) fn scan_html(html: &str) -> HtmlScan {
    let mut problems = Vec::new();
    let stripped;
    let html = if let Some(p) = control_char_problem("article.html", html) {
        problems.push(p);
        stripped = strip_controls(html);
        stripped.as_str()
    } else {
        html
    };
    let doc = parse(html);
    let eof = eof_inside(&doc);
    let (doc, drop_comment) = match eof {
        Eof::Tag(closer) => (parse(&format!("{html}{closer}")), None),
        Eof::Comment => {
            let last = last_node(doc.root());
            let is_comment = last.is_comment();
            let id = last.id;
            (doc, is_comment.then_some(id))
        }
        Eof::None | Eof::Other => (doc, None),
    };
    let mut walk = Walk {
        out: HtmlSerializer::new(
            Vec::new(),
            SerializeOpts {
                create_missing_parent: true,
                ..SerializeOpts::default()
            },
        ),
        problems,
        image_srcs: Vec::new(),
        drop_comment,
    };
    for child in doc.root().children() {
        walk.node(&child, true);
    }
    let unfinished = match eof {
        Eof::None => false,
        // A tag cut short is reported as what it is, if that is a problem.
        Eof::Tag(_) => walk.problems.is_empty(),
        Eof::Comment | Eof::Other => true,
    };
    if unfinished {
        walk.add(
            "html_unclosed",
            "article.html dừng giữa chừng một thẻ hoặc một chú thích (thiếu dấu \">\" hoặc \"-->\"): \
             phần cổng thông tin nối thêm vào sau có thể biến thành mã chạy. Hãy xuất lại gói từ Bản Tin."
                .to_string(),
        );
    }
    // Any other departure from HTML's syntax is where readers that are not
    // browsers (a portal's filter, an editor) may see a different document.
    // Reported only when nothing more precise was: one thing to fix.
    let first_error = doc.errors.borrow().first().map(|e| e.to_string());
    if let Some(detail) = first_error
        && walk.problems.is_empty()
    {
        walk.add(
            "html_syntax",
            format!(
                "article.html có chỗ viết sai cú pháp HTML, nơi trình duyệt và các công cụ khác có thể \
                 đọc ra nội dung khác nhau. Hãy xuất lại gói từ Bản Tin thay vì sửa tay tệp này.\n\
                 Chi tiết kỹ thuật: {detail}"
            ),
        );
    }
    HtmlScan {
        problems: walk.problems,
        image_srcs: walk.image_srcs,
        clean: String::from_utf8_lossy(&walk.out.writer).into_owned(),
    }
}

/// `html` with everything a bundle may not hold left out, in the form
/// html5ever writes it. What `bundle check` accepts unchanged.
///
/// Some trees the parser builds from broken markup (an `<li>` moved out of a
/// `<table>`) do not read back as themselves once written; such output is
/// walked again until it does. Markup that never settles keeps its text only.
pub fn sanitize_html(html: &str) -> String {
    let mut clean = scan_html(html).clean;
    for _ in 0..4 {
        let again = scan_html(&clean);
        if again.problems.is_empty() && again.clean == clean {
            return clean;
        }
        clean = again.clean;
    }
    let mut text = String::from("<p>");
    escape_into(&mut text, &parse(&clean).root().text());
    text.push_str("</p>");
    text
}

/// A problem if `text` holds a C0 control character other than tab, line
/// feed and carriage return (a NUL, an escape…): never text, and a NUL
/// cuts a string short in many programs a portal runs.
pub(crate) fn control_char_problem(file: &str, text: &str) -> Option<Problem> {
    let c = text.chars().find(|&c| is_bad_control(c))?;
    Some(Problem::new(
        "control_char",
        format!(
            "Tệp {file} chứa ký tự điều khiển không in được (mã U+{:04X}), thường do sao chép từ tệp hỏng. \
             Hãy xóa ký tự này trong bài rồi xuất lại gói.",
            u32::from(c)
        ),
    ))
}

fn is_bad_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

fn strip_controls(s: &str) -> String {
    s.chars().filter(|&c| !is_bad_control(c)).collect()
}

/// Whether a link target may be written: the one link policy of every
/// output (`html::link_allowed`), so a link the preview shows is a link the
/// bundle keeps and the checker accepts.
pub(crate) fn link_allowed(url: &str) -> bool {
    crate::html::link_allowed(url)
}

/// A URL as the URL parser reads it: leading and trailing controls and
/// spaces dropped, tabs and newlines inside removed (`java\tscript:` runs).
fn clean_url(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of `url`, lower case, if it has one.
fn url_scheme(url: &str) -> Option<String> {
    let url = clean_url(url);
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Whether a URL would run code, however it is hidden.
fn runs_code(url: &str) -> bool {
    let squeezed = squeeze(url);
    ["javascript:", "vbscript:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
        || url_scheme(url).is_some_and(|s| s == "javascript" || s == "vbscript")
}

/// Lower case without whitespace or control characters: how a browser
/// effectively reads a style declaration.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

fn style_allowed(style: &str) -> bool {
    squeeze(style)
        .split(';')
        .filter(|d| !d.is_empty())
        .all(|d| STYLES.contains(&d))
}

fn attr_allowed(element: &str, attr: &str) -> bool {
    GLOBAL_ATTRS.contains(&attr)
        || matches!(
            (element, attr),
            ("img", "alt" | "width" | "height")
                | ("ol", "start" | "reversed" | "type")
                | ("li", "value")
                | ("td" | "th", "colspan" | "rowspan")
                | ("th", "scope")
                | ("col" | "colgroup", "span")
        )
}

/// A comment every reader ends where a browser does (HTML's rules for
/// comment text), and no Internet Explorer conditional comment.
fn comment_allowed(text: &str) -> bool {
    !(text.starts_with('>')
        || text.starts_with("->")
        || text.contains("<!--")
        || text.contains("-->")
        || text.contains("--!>")
        || text.ends_with("<!-")
        || text.trim_start().starts_with("[if")
        || text.contains("<![endif]"))
}

/// Parses a fragment as `innerHTML` of a `<body>` does, scripting on.
fn parse(html: &str) -> Document {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: true,
            drop_doctype: true,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    let body = QualName::new(None, ns!(html), local_name!("body"));
    html5ever::parse_fragment(Document::fragment_sink(), opts, body, Vec::new(), true).one(html)
}

/// Where the text ended, if it ended inside something.
#[derive(Clone, Copy)]
enum Eof {
    None,
    /// Inside a tag; the text that closes it.
    Tag(&'static str),
    Comment,
    Other,
}

/// Reads html5ever's end-of-file parse error, which names the tokenizer
/// state the text ended in.
fn eof_inside(doc: &Document) -> Eof {
    let errors = doc.errors.borrow();
    let Some(state) = errors
        .iter()
        .rev()
        .find_map(|e| e.strip_prefix("Saw EOF in state "))
    else {
        return Eof::None;
    };
    match state {
        "AttributeValue(DoubleQuoted)" => Eof::Tag("\">"),
        "AttributeValue(SingleQuoted)" => Eof::Tag("'>"),
        "TagOpen"
        | "EndTagOpen"
        | "TagName"
        | "BeforeAttributeName"
        | "AttributeName"
        | "AfterAttributeName"
        | "BeforeAttributeValue"
        | "AttributeValue(Unquoted)"
        | "AfterAttributeValueQuoted"
        | "SelfClosingStartTag" => Eof::Tag(">"),
        s if s.starts_with("Comment") => Eof::Comment,
        _ => Eof::Other,
    }
}

/// The last node in document order: where a comment left open ends up.
fn last_node(mut node: NodeRef<'_>) -> NodeRef<'_> {
    while let Some(child) = node.last_child() {
        node = child;
    }
    node
}

struct Walk {
    out: HtmlSerializer<Vec<u8>>,
    problems: Vec<Problem>,
    image_srcs: Vec<String>,
    drop_comment: Option<NodeId>,
}

impl Walk {
    /// Adds a problem unless the same was already reported (ten `onclick`s
    /// on ten paragraphs are one thing to fix).
    fn add(&mut self, code: &'static str, message: String) {
        let p = Problem::new(code, message);
        if !self.problems.contains(&p) {
            self.problems.push(p);
        }
    }

    fn node(&mut self, node: &NodeRef<'_>, top: bool) {
        let Some(data) = node.query(|n| n.data.clone()) else {
            return;
        };
        match data {
            NodeData::Text { contents } => {
                // Only allowed elements get here, none of them raw text, so
                // text is escaped as our writer escapes it (quotes too).
                let mut escaped = String::with_capacity(contents.len());
                escape_into(&mut escaped, &contents);
                self.out.writer.extend_from_slice(escaped.as_bytes());
            }
            NodeData::Comment { contents } => {
                if Some(node.id) == self.drop_comment {
                    // Reported as html_unclosed.
                } else if comment_allowed(&contents) {
                    let _ = self.out.write_comment(&contents);
                } else {
                    self.add(
                        "html_comment",
                        "article.html có chú thích HTML (<!-- … -->) viết sai quy tắc, mỗi trình đọc có thể \
                         hiểu chỗ kết thúc của nó một khác. Hãy xóa chú thích này hoặc xuất lại gói."
                            .to_string(),
                    );
                }
            }
            NodeData::Element(e) => self.element(node, &e, top),
            _ => {}
        }
    }

    fn element(&mut self, node: &NodeRef<'_>, e: &Element, top: bool) {
        let name = e.name.local.to_string();
        let html = e.name.ns == ns!(html);
        if top && html && name == "html" {
            // The parser's own wrapper: never written, so no attribute on it
            // (a stray `<html onload=…>` lands here) may pass.
            for a in &e.attrs {
                self.refuse_attr("html", a);
            }
            for child in node.children() {
                self.node(&child, false);
            }
            return;
        }
        if !html || !ELEMENTS.contains(&name.as_str()) {
            if html && name == "script" {
                self.add(
                    "html_script",
                    "article.html chứa thẻ <script>: bài đăng lên cổng thông tin không được có mã chạy."
                        .to_string(),
                );
            } else {
                self.add(
                    "html_forbidden_tag",
                    format!(
                        "article.html chứa thẻ <{name}>, thẻ không được phép trong gói (chỉ dùng thẻ văn bản, bảng và ảnh)."
                    ),
                );
            }
            return;
        }
        let kept: Vec<&Attribute> = e
            .attrs
            .iter()
            .filter(|a| self.keep_attr(&name, a))
            .collect();
        let _ = self
            .out
            .start_elem(e.name.clone(), kept.iter().map(|a| (&a.name, &*a.value)));
        for child in node.children() {
            self.node(&child, false);
        }
        let _ = self.out.end_elem(e.name.clone());
    }

    /// Whether attribute `a` of an allowed `element` is kept; reports it if not.
    fn keep_attr(&mut self, element: &str, a: &Attribute) -> bool {
        let attr = a.name.local.to_string();
        let value: &str = &a.value;
        let ok = match (element, attr.as_str()) {
            _ if attr.starts_with("on") || a.name.ns != ns!() => false,
            ("a", "href") => link_allowed(value),
            ("img", "src") => {
                let src = clean_url(value);
                let ok = src.starts_with("images/") && url_scheme(&src).is_none();
                self.image_srcs.push(src);
                ok
            }
            (_, "style") => style_allowed(value),
            _ => attr_allowed(element, &attr),
        };
        if !ok {
            self.refuse_attr(element, a);
        }
        ok
    }

    /// Reports why attribute `a` of `element` is left out.
    fn refuse_attr(&mut self, element: &str, a: &Attribute) {
        let attr = a.name.local.to_string();
        let value: &str = &a.value;
        let shown = value.trim();
        let (code, message) = if attr.starts_with("on") {
            (
                "html_event_handler",
                format!(
                    "article.html có thuộc tính sự kiện \"{attr}\" ở thẻ <{element}>: gói không được chứa mã chạy khi bấm hay di chuột."
                ),
            )
        } else if runs_code(value) {
            (
                "html_javascript_url",
                format!(
                    "article.html có đường dẫn \"javascript:\" ở thuộc tính {attr} của thẻ <{element}>: đường dẫn này chạy mã khi bấm."
                ),
            )
        } else if attr == "href" && element == "a" {
            (
                "html_bad_link",
                format!(
                    "article.html có liên kết \"{shown}\" không hợp lệ: chỉ dùng liên kết http(s), thư điện tử, điện thoại hoặc trong bài."
                ),
            )
        } else if attr == "src" && element == "img" {
            (
                "html_external_resource",
                format!(
                    "article.html tải \"{shown}\" từ ngoài gói (thuộc tính {attr} của thẻ <{element}>): ảnh phải nằm trong thư mục images/ của gói."
                ),
            )
        } else if attr == "style" {
            (
                "html_style",
                format!(
                    "article.html có định dạng \"{shown}\" ở thẻ <{element}>; chỉ được căn giữa, căn phải, căn trái hoặc in nghiêng."
                ),
            )
        } else {
            (
                "html_attribute",
                format!(
                    "article.html có thuộc tính \"{attr}\" ở thẻ <{element}>, thuộc tính không được phép trong gói. Hãy xóa nó hoặc xuất lại gói."
                ),
            )
        };
        self.add(code, message);
    }
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
