//! Hostile `article.html` content and hostile zips, made in the tests: the
//! comment forms HTML5 closes early or never, and the other ways markup has
//! been used to run a script past a filter.

use super::*;

/// Comment forms, each with a script right behind (or inside) the comment.
/// A browser runs every one of those scripts, or would once a portal adds
/// text after an unclosed comment.
pub const COMMENT_FORMS: &[(&str, &str)] = &[
    ("abrupt <!-->", "<!--><script>alert(1)</script>-->"),
    ("abrupt <!--->", "<!---><script>alert(1)</script>-->"),
    (
        "--!> ends a comment",
        "<!-- a --!><script>alert(1)</script>-->",
    ),
    ("nested <!--", "<!-- <!-- --><script>alert(1)</script> -->"),
    ("-- -- inside", "<!-- a -- --><script>alert(1)</script>"),
    (
        "--!> before an image",
        "<!-- a --!><img src=x onerror=alert(1)>-->",
    ),
    ("<!-- <!-- -->> ", "<!--<!-- -->><script>alert(1)</script>"),
    ("unterminated", "<!-- <script>alert(1)</script>"),
    (
        "unterminated with dash",
        "<!-- <script>alert(1)</script> --",
    ),
    (
        "conditional comment",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    ),
    ("bogus <! >", "<! a><script>alert(1)</script>"),
    ("bogus <!- ", "<!- a --><script>alert(1)</script>"),
    (
        "processing instruction",
        "<?xml a?><script>alert(1)</script>",
    ),
    ("bogus end tag", "</ a><script>alert(1)</script>"),
    (
        "CDATA outside foreign content",
        "<![CDATA[><script>alert(1)</script>]]>",
    ),
    (
        "CDATA in svg",
        "<svg><![CDATA[</svg><script>alert(1)</script>]]></svg>",
    ),
    (
        "attributes on an end tag",
        "</p title=\"--><script>alert(1)</script>\">",
    ),
];

/// Every other trick: elements that run or embed, event handlers, URLs that
/// run code however they are spelt, styles that load or run, parse quirks.
pub const TRICKS: &[(&str, &str)] = &[
    (
        "script in noscript",
        "<noscript><script>alert(1)</script></noscript>",
    ),
    (
        "noscript raw text",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    ),
    (
        "script in template",
        "<template><script>alert(1)</script></template>",
    ),
    ("svg script", "<svg><script>alert(1)</script></svg>"),
    ("svg onload", "<svg onload=alert(1)>"),
    (
        "math mglyph",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ),
    ("event handler", "<p onmouseover=\"alert(1)\">a</p>"),
    (
        "event handler upper case",
        "<img src=\"images/anh-01.jpg\" ONERROR=alert(1)>",
    ),
    (
        "tab entity in scheme",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
    ),
    (
        "newline entity in scheme",
        "<a href=\"java&#x0A;script:alert(1)\">a</a>",
    ),
    ("blanks and case", "<a href=\"  JAVASCRIPT:alert(1)\">a</a>"),
    (
        "control before scheme",
        "<a href=\"&#14;javascript:alert(1)\">a</a>",
    ),
    (
        "entity letters",
        "<a href=\"&#x6A;&#97;vascript&colon;alert(1)\">a</a>",
    ),
    ("vbscript", "<a href=\"vbscript:msgbox(1)\">a</a>"),
    (
        "data URL",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">a</a>",
    ),
    ("protocol-relative", "<a href=\"//evil.example/\">a</a>"),
    (
        "duplicate href",
        "<a href=\"#fn-1\" href=\"javascript:alert(1)\">a</a>",
    ),
    (
        "iframe srcdoc",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
    ),
    ("srcdoc on a paragraph", "<p srcdoc=\"x\">a</p>"),
    ("object", "<object data=\"javascript:alert(1)\"></object>"),
    ("embed", "<embed src=\"javascript:alert(1)\">"),
    ("base", "<base href=\"javascript:/\">"),
    (
        "meta refresh",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    ),
    (
        "form action",
        "<form action=\"javascript:alert(1)\"><button>a</button></form>",
    ),
    (
        "formaction",
        "<a href=\"#\" formaction=\"javascript:alert(1)\">a</a>",
    ),
    (
        "style url",
        "<p style=\"background:url(javascript:alert(1))\">a</p>",
    ),
    (
        "style expression",
        "<p style=\"width:expression(alert(1))\">a</p>",
    ),
    (
        "style element",
        "<style>p{background:url(//evil.example/x)}</style>",
    ),
    (
        "link stylesheet",
        "<link rel=\"stylesheet\" href=\"//evil.example/x.css\">",
    ),
    (
        "srcset",
        "<img src=\"images/anh-01.jpg\" srcset=\"//evil.example/a.jpg 2x\">",
    ),
    ("external image", "<img src=\"https://evil.example/a.jpg\">"),
    ("javascript image", "<img src=\"javascript:alert(1)\">"),
    ("html attributes", "<html onload=alert(1)>"),
    (
        "xmp raw text",
        "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\"></xmp>",
    ),
    ("tag cut short", "<img src=x onerror=\"alert(1)"),
    ("NUL in a tag name", "<scr\0ipt>alert(1)</script>"),
    ("NUL in text", "<p>a\0b</p>"),
];

/// Markup the check accepts and the sanitiser leaves as it is.
pub const BENIGN: &[&str] = &[
    "",
    "<p>Không bấm vào liên kết javascript: hay &lt;script&gt; lạ.</p>\n",
    "<!-- ghi chú của biên tập --><p>a</p>\n",
    "<p><a href=\"mailto:ubnd@xuanhong.gov.vn\">thư</a> và <a href=\"tel:0123\">điện thoại</a></p>\n",
];

/// A good bundle's entries: sample article 0 with its images.
/// Built once per test binary: building resizes the sample's photos.
pub fn good_entries() -> Vec<(String, Vec<u8>)> {
    static GOOD: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    GOOD.get_or_init(|| {
        let (article, images) = sample();
        unzip(&build(&article, &images, None).unwrap().bytes)
    })
    .clone()
}

/// The `article.html` of [`good_entries`].
pub fn good_html() -> String {
    String::from_utf8(file(&good_entries(), "article.html").to_vec()).unwrap()
}

/// Replaces `name`'s bytes, adding it (and its line in manifest.json) if it
/// is not there, and re-seals: the bundle differs from a good one by that.
pub fn put_file(entries: &mut Vec<(String, Vec<u8>)>, name: &str, bytes: Vec<u8>) {
    match entries.iter_mut().find(|(n, _)| n == name) {
        Some(e) => e.1 = bytes,
        None => {
            let m = entries
                .iter_mut()
                .find(|(n, _)| n == "manifest.json")
                .unwrap();
            let mut json: serde_json::Value = serde_json::from_slice(&m.1).unwrap();
            json["files"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({
                    "path": name, "size": 0, "sha256": "", "mime": "application/octet-stream"
                }));
            m.1 = serde_json::to_vec_pretty(&json).unwrap();
            entries.push((name.to_string(), bytes));
        }
    }
    reseal(entries);
}

/// A good bundle whose `article.html` is `html`, re-sealed and zipped.
pub fn bundle_with_html(html: &str) -> Vec<u8> {
    let mut e = good_entries();
    put_file(&mut e, "article.html", html.as_bytes().to_vec());
    rezip(&e)
}

/// Zips `entries`, then renames entries to names the zip writer would
/// refuse: every occurrence of each `(placeholder, name)` in the archive
/// bytes (local header and central directory) is overwritten. Both must have
/// the same length in bytes.
pub fn rezip_renamed(entries: &[(String, Vec<u8>)], renames: &[(&str, &str)]) -> Vec<u8> {
    let mut bytes = rezip(entries);
    for (from, to) in renames {
        assert_eq!(from.len(), to.len(), "{from} → {to}");
        let mut at = 0;
        while let Some(i) = find(&bytes[at..], from.as_bytes()) {
            bytes[at + i..at + i + to.len()].copy_from_slice(to.as_bytes());
            at += i + to.len();
        }
    }
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A PNG whose header says `width`×`height` grey pixels, written by the
/// `png` crate, with only 16 rows of zeros behind it: any decoder fails on
/// it, so a check that refuses it by size never decoded it. (The full image
/// of zeros would be gigabytes to compress for the same header.)
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, 16);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&vec![0u8; width as usize * 16]).unwrap();
    }
    // IHDR: length (4) "IHDR" (4) width (4) height (4) … CRC over type+data.
    out[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&out[12..29]);
    out[29..33].copy_from_slice(&crc.to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}
