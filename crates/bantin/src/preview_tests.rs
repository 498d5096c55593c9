//! Tests for `preview`: exact output of small cases, and the safety rules
//! against hostile input.

use super::*;
use crate::html::safe_href;
use crate::markdown::parse;

fn html(md: &str) -> String {
    to_html(&parse(md), &PreviewOptions::default())
}

fn assets(src: &str) -> Option<String> {
    src.strip_prefix("asset:")
        .map(|h| format!("bantin-asset://{h}"))
}

fn html_with_assets(md: &str) -> String {
    to_html(&parse(md), &PreviewOptions { image_url: &assets })
}

#[test]
fn snapshot_paragraph_styles() {
    assert_eq!(
        html("Xin **chào** *đồng chí* ~~cũ~~ `mã`  \ndòng mới & <b>"),
        "<p>Xin <strong>chào</strong> <em>đồng chí</em> <del>cũ</del> <code>mã</code><br>\ndòng mới &amp; &lt;b&gt;</p>\n"
    );
}

#[test]
fn underline_is_u_and_other_tags_stay_text() {
    assert_eq!(
        html("Chữ <u>gạch **chân**</u> và <u class=\"x\">không</u> <ins>thẻ</ins>"),
        "<p>Chữ <u>gạch </u><strong><u>chân</u></strong> và &lt;u class=&quot;x&quot;&gt;không&lt;/u&gt; &lt;ins&gt;thẻ&lt;/ins&gt;</p>\n"
    );
}

#[test]
fn snapshot_headings_with_ascii_ids() {
    assert_eq!(
        html("## Đại hội Đảng bộ lần thứ XV\n\n## Đại hội Đảng bộ lần thứ XV\n\n### 中文"),
        "<h2 id=\"dai-hoi-dang-bo-lan-thu-xv\">Đại hội Đảng bộ lần thứ XV</h2>\n\
         <h2 id=\"dai-hoi-dang-bo-lan-thu-xv-2\">Đại hội Đảng bộ lần thứ XV</h2>\n\
         <h3 id=\"muc\">中文</h3>\n"
    );
}

#[test]
fn snapshot_lists() {
    assert_eq!(
        html("3. ba\n4. bốn\n\n- [x] xong\n- [ ] chưa\n"),
        "<ol start=\"3\">\n<li>ba</li>\n<li>bốn</li>\n</ol>\n\
         <ul>\n<li class=\"task\"><input type=\"checkbox\" disabled checked> xong</li>\n\
         <li class=\"task\"><input type=\"checkbox\" disabled> chưa</li>\n</ul>\n"
    );
}

#[test]
fn snapshot_table() {
    assert_eq!(
        html("| A | B | C |\n|:-|:-:|--|\n| 1 | 2 |\n"),
        "<table>\n<thead>\n<tr><th style=\"text-align:left\">A</th><th style=\"text-align:center\">B</th><th>C</th></tr>\n</thead>\n\
         <tbody>\n<tr><td style=\"text-align:left\">1</td><td style=\"text-align:center\">2</td><td></td></tr>\n</tbody>\n</table>\n"
    );
}

#[test]
fn snapshot_figures() {
    assert_eq!(
        html_with_assets("![Toàn cảnh *hội nghị*](asset:ab12)"),
        "<figure><img src=\"bantin-asset://ab12\" alt=\"Toàn cảnh hội nghị\"><figcaption>Toàn cảnh <em>hội nghị</em></figcaption></figure>\n"
    );
    assert_eq!(
        html_with_assets("![Ảnh \"mạng\"](https://example.com/a.jpg?x=1&y=<2>)"),
        "<figure class=\"figure-missing\"><div class=\"image-placeholder\">[ảnh: https://example.com/a.jpg?x=1&amp;y=&lt;2&gt;]</div>\
         <figcaption>Ảnh &quot;mạng&quot;</figcaption></figure>\n"
    );
}

#[test]
fn snapshot_footnotes() {
    assert_eq!(
        html("Một[^a] hai[^a].\n\n[^a]: Chú *thích*.\n[^b]: Thừa.\n"),
        "<p>Một<sup class=\"fnref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> hai<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup>.</p>\n\
         <section class=\"footnotes\">\n<ol>\n\
         <li id=\"fn-1\"><p>Chú <em>thích</em>. <a href=\"#fnref-1\" class=\"fnback\">↩</a></p>\n</li>\n\
         <li id=\"fn-2\"><p>Thừa.</p>\n</li>\n\
         </ol>\n</section>\n"
    );
}

#[test]
fn snapshot_blocks() {
    assert_eq!(
        html("> trích\n\n---\n\n\\pagebreak\n\n```\n<a> & b\n```"),
        "<blockquote>\n<p>trích</p>\n</blockquote>\n<hr>\n<div class=\"page-break\"></div>\n<pre><code>&lt;a&gt; &amp; b</code></pre>\n"
    );
}

#[test]
fn links_are_grouped_and_filtered() {
    assert_eq!(
        html("[**a** b](https://x.vn/?q=1&r='2') [t](tel:+84) [m](mailto:a@b.vn) [f](#muc)"),
        "<p><a href=\"https://x.vn/?q=1&amp;r=&#39;2&#39;\"><strong>a</strong> b</a> <a href=\"tel:+84\">t</a> \
         <a href=\"mailto:a@b.vn\">m</a> <a href=\"#muc\">f</a></p>\n"
    );
    assert_eq!(
        html("[rel](trang.html) [d](data:text/html,x)"),
        "<p>rel d</p>\n"
    );
}

#[test]
fn hostile_hrefs_rejected() {
    for target in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "//evil.example",
    ] {
        assert_eq!(safe_href(target), None, "{target:?}");
    }
    assert_eq!(safe_href(" HTTPS://a.vn"), Some("HTTPS://a.vn".into()));
}

#[test]
fn vietnamese_fixture_is_safe_and_complete() {
    let md = "\
# Hội nghị Ban Chấp hành Đảng bộ tỉnh

Sáng 24/11, **Ban Chấp hành** Đảng bộ tỉnh khai mạc hội nghị lần thứ *mười lăm*[^1].
Thông tin tại www.dangcongsan.vn và ~~bản cũ~~.

| Nội dung | Số lượng |
|:--|--:|
| Đại biểu | 52 |
| Vắng | 3 |

- [x] Thông qua nghị quyết
- [ ] Tổng kết

![Quang cảnh hội nghị](asset:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08)

<script>alert(1)</script>

Ảnh lỗi <img src=x onerror=alert(1)> trong đoạn.

<img src=x onerror=alert(1)>

[x](javascript:alert(1)) và [y]( JaVaScRiPt:alert(2))

[^1]: Theo Thông báo số 15-TB/TU.
";
    let out = html_with_assets(md);
    let lower = out.to_lowercase();
    assert!(!lower.contains("<script"), "{out}");
    assert!(!lower.contains("javascript:"), "{out}");
    // The pasted `<img … onerror=…>` must stay visible as text (raw HTML is
    // shown literally), so `onerror=` may occur in escaped text, never in a
    // tag: every occurrence is inside the escaped `&lt;img …&gt;`.
    for tag in tags(&out) {
        assert!(!tag.to_lowercase().contains("onerror"), "<{tag}> in {out}");
    }
    assert_eq!(
        lower.matches("onerror=").count(),
        lower.matches("&lt;img src=x onerror=alert(1)&gt;").count(),
        "{out}"
    );
    // The hostile text is still visible, escaped.
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    assert!(out.contains("&lt;img src=x onerror"), "{out}");
    // …and the real content is all there.
    assert!(
        out.contains("<h1 id=\"hoi-nghi-ban-chap-hanh-dang-bo-tinh\">"),
        "{out}"
    );
    assert!(out.contains("<strong>Ban Chấp hành</strong>"), "{out}");
    assert!(
        out.contains("<a href=\"http://www.dangcongsan.vn\">www.dangcongsan.vn</a>"),
        "{out}"
    );
    assert!(out.contains("<del>bản cũ</del>"), "{out}");
    assert!(
        out.contains("<th style=\"text-align:right\">Số lượng</th>"),
        "{out}"
    );
    assert!(
        out.contains("<input type=\"checkbox\" disabled checked> Thông qua nghị quyết"),
        "{out}"
    );
    assert!(out.contains("<img src=\"bantin-asset://9f86d081"), "{out}");
    assert!(
        out.contains("<figcaption>Quang cảnh hội nghị</figcaption>"),
        "{out}"
    );
    assert!(
        out.contains("<sup class=\"fnref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"),
        "{out}"
    );
    assert!(
        out.contains("<li id=\"fn-1\"><p>Theo Thông báo số 15-TB/TU."),
        "{out}"
    );
    assert!(out.contains("<p>x và y</p>"), "{out}");
    // Only the expected attributes appear in tags.
    for tag in tags(&out) {
        for name in attr_names(tag) {
            let allowed = [
                "id", "href", "class", "style", "src", "alt", "type", "disabled", "checked",
                "start",
            ];
            assert!(allowed.contains(&name), "attribute {name} in <{tag}>");
        }
    }
}

/// Attribute names of one tag's inside; values are always double-quoted
/// in our output, and quotes inside them are escaped.
fn attr_names(tag: &str) -> Vec<&str> {
    let mut names = Vec::new();
    // Drop the tag name, then alternate: name, optional ="value".
    let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return names;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        names.push(&rest[..end]);
        rest = &rest[end..];
        if let Some(v) = rest.strip_prefix("=\"") {
            rest = &v[v.find('"').map_or(v.len(), |i| i + 1)..];
        }
    }
}

/// The insides of all tags in `html` (between `<` and `>`).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
        .collect()
}

#[test]
fn no_event_attributes_anywhere() {
    let out =
        html("<div onclick=\"x\">a</div>\n\n<a href=\"#\" onmouseover=y>b</a> `<i onload=z>`");
    // Attribute-like text only ever appears escaped inside text.
    for t in tags(&out) {
        assert!(!t.contains('='), "tag with attributes: <{t}> in {out}");
    }
}

#[test]
fn deep_documents_render() {
    for src in [
        format!("{}x", ">".repeat(10_000)),
        format!("{}x", "- ".repeat(10_000)),
    ] {
        let out = html(&src);
        assert!(out.contains('x'));
    }
}

#[test]
fn heading_ids_avoid_footnote_anchors() {
    let out = html("## fn 1\n\nx[^a]\n\n[^a]: y");
    assert!(out.contains("<h2 id=\"fn-1-2\">"), "{out}");
}
