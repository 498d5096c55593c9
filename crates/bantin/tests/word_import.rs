//! Word import: fixtures written by pandoc and LibreOffice from our own
//! sample articles (re-create them with `word_fixtures/make.sh`), old
//! encodings, and bad files.

mod common;

use std::collections::BTreeMap;
use std::io::Write;

use bantin::doc::{Block, Document};
use bantin::model::Kind;
use bantin::word::{WordArticle, WordError, read_docx};
use common::Env;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/word_fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}; run tests/word_fixtures/make.sh"))
}

fn read(name: &str) -> WordArticle {
    read_docx(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Words (runs of letters, runs of digits) with their counts. Letters and
/// digits are split apart, as a footnote mark prints glued to its word.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut word = String::new();
    let mut flush = |w: &mut String| {
        if !w.is_empty() {
            *out.entry(w.to_lowercase()).or_insert(0) += 1;
            w.clear();
        }
    };
    for c in text.chars() {
        let kind = |c: char| {
            if c.is_numeric() {
                1
            } else if c.is_alphabetic() {
                2
            } else {
                0
            }
        };
        if kind(c) == 0 || word.chars().last().is_some_and(|p| kind(p) != kind(c)) {
            flush(&mut word);
        }
        if kind(c) != 0 {
            word.push(c);
        }
    }
    flush(&mut word);
    out
}

fn sample(name: &str) -> (String, Document) {
    let text = bantin::sample::ARTICLES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1;
    let (front, body) = bantin::markdown::split_front_matter(text).unwrap();
    (front.unwrap().title.unwrap(), bantin::markdown::parse(body))
}

fn all_blocks(blocks: &[Block], out: &mut Vec<Block>) {
    for b in blocks {
        out.push(b.clone());
        match b {
            Block::List { items, .. } => items.iter().for_each(|i| all_blocks(&i.blocks, out)),
            Block::Quote { blocks } => all_blocks(blocks, out),
            _ => {}
        }
    }
}

fn headings(doc: &Document) -> Vec<String> {
    let mut all = Vec::new();
    all_blocks(&doc.blocks, &mut all);
    all.iter()
        .filter_map(|b| match b {
            Block::Heading { level, content } => {
                Some(format!("{level} {}", bantin::doc::inline_text(content)))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn pandoc_article_keeps_every_word_and_its_structure() {
    let (title, expected) = sample("01-van-hoa-cong-so.md");
    let a = read("pandoc-bai-viet.docx");
    assert_eq!(a.title, title);
    assert_eq!(
        words(&a.document.plain_text()),
        words(&expected.plain_text())
    );
    assert_eq!(headings(&a.document), headings(&expected));
    assert_eq!(a.date.unwrap().to_string(), "2026-11-20");
    assert_eq!(a.author.as_deref(), Some("Ban Dân vận Đảng ủy xã"));

    let mut all = Vec::new();
    all_blocks(&a.document.blocks, &mut all);
    let list = all.iter().find_map(|b| match b {
        Block::List {
            ordered: false,
            items,
            ..
        } => Some(items.len()),
        _ => None,
    });
    assert_eq!(list, Some(4));
    let table = all.iter().find_map(|b| match b {
        Block::Table(t) => Some((t.header.len(), t.rows.len())),
        _ => None,
    });
    assert_eq!(table, Some((3, 3)));
    assert!(all.iter().any(|b| matches!(b, Block::Quote { .. })));
    assert_eq!(a.document.footnotes.len(), 1);
    assert!(bantin::markdown::to_markdown(&a.document).contains("**trước hạn**"));

    // The photo, byte for byte, as an asset the figure points at.
    let figure = all.iter().find_map(|b| match b {
        Block::Figure(f) => Some(f.clone()),
        _ => None,
    });
    let figure = figure.expect("a figure");
    assert_eq!(a.images.len(), 1);
    assert_eq!(figure.src, a.images[0].0);
    assert_eq!(a.images[0].1.mime, "image/jpeg");
    assert_eq!(a.images[0].1.bytes, bantin::sample::IMAGES[0].1);
    assert_eq!(
        bantin::doc::inline_text(&figure.caption),
        "Hội nghị sơ kết một năm thực hiện Nghị quyết về văn hóa công sở"
    );
}

#[test]
fn libreoffice_report_keeps_every_word_and_its_numbered_list() {
    let (title, expected) = sample("02-bao-cao-van-hoa-cong-so.md");
    let a = read("libreoffice-bao-cao.docx");
    assert_eq!(a.title, title);
    assert_eq!(
        words(&a.document.plain_text()),
        words(&expected.plain_text())
    );
    assert_eq!(headings(&a.document), headings(&expected));
    assert!(
        a.document
            .blocks
            .iter()
            .any(|b| matches!(b, Block::List { ordered: true, items, .. } if items.len() == 3))
    );
}

#[test]
fn tcvn3_and_vni_runs_become_unicode() {
    let a = read("tcvn3.docx");
    assert_eq!(a.title, "BÁO CÁO");
    assert_eq!(
        a.document.plain_text(),
        "Tăng cường công tác dân vận ở cơ sở. Unicode text stays.\n\n"
    );
    let a = read("vni.docx");
    assert_eq!(a.title, "Cộng hòa xã hội chủ nghĩa Việt Nam");
    assert_eq!(
        a.document.plain_text(),
        "Tăng cường công tác dân vận ở cơ sở.\n\n"
    );
}

#[test]
fn report_header_table_becomes_front_matter() {
    let a = read("bao-cao-bang-dau.docx");
    assert_eq!(a.kind, Some(Kind::BaoCao));
    assert_eq!(a.so_hieu.as_deref(), Some("12-BC/CB"));
    assert_eq!(a.date.unwrap().to_string(), "2026-11-24");
    assert_eq!(a.title, "Báo cáo kết quả xây dựng văn hóa công sở");
    assert_eq!(
        a.document.plain_text(),
        "Chi bộ báo cáo kết quả thực hiện năm 2026 như sau.\n\n"
    );
}

/// Rewrites a .docx entry by entry: `edit` returns the new bytes, or `None`
/// to leave the entry out.
fn rezip(src: &[u8], edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(name, opts).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn error(bytes: Vec<u8>) -> WordError {
    read_docx(bytes).expect_err("should be refused")
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(error(ole.clone()), WordError::OldDoc);
    assert!(WordError::OldDoc.to_string().contains(".docx"));
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(error(ole), WordError::Encrypted);

    assert!(matches!(
        error(b"not a word file".to_vec()),
        WordError::Corrupt(_)
    ));
    let good = fixture("pandoc-bai-viet.docx");
    assert!(matches!(
        error(good[..good.len() / 2].to_vec()),
        WordError::Corrupt(_)
    ));
    let broken = rezip(&good, |name, b| {
        Some(if name == "word/document.xml" {
            b[..b.len() / 2].to_vec()
        } else {
            b
        })
    });
    assert!(matches!(error(broken), WordError::Corrupt(_)));

    // A zip bomb: 100 MB of XML that compresses to ~100 KB.
    let bomb = rezip(&good, |name, b| {
        Some(if name == "word/document.xml" {
            let mut x = b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".to_vec();
            x.resize(100 * 1024 * 1024, b'a');
            x
        } else {
            b
        })
    });
    assert!(bomb.len() < 2 * 1024 * 1024);
    assert!(matches!(error(bomb), WordError::TooLarge { .. }));

    let deep = rezip(&good, |name, b| {
        Some(if name == "word/document.xml" {
            let mut x = b"<w:document xmlns:w=\"w\"><w:body>".to_vec();
            for _ in 0..100_000 {
                x.extend_from_slice(b"<w:sdt>");
            }
            x
        } else {
            b
        })
    });
    assert!(matches!(error(deep), WordError::TooDeep(_)));
}

#[test]
fn a_missing_image_leaves_a_placeholder_and_a_warning() {
    let good = fixture("pandoc-bai-viet.docx");
    let no_media = rezip(&good, |name, b| {
        (!name.starts_with("word/media/")).then_some(b)
    });
    let a = read_docx(no_media).unwrap();
    assert!(a.images.is_empty());
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.document.plain_text().contains("[Ảnh không đọc được"));
}

#[test]
fn import_takes_docx_and_markdown_together_or_nothing() {
    let env = Env::new();
    let md = env.write("bai.md", "# Bài Markdown\n\nNội dung.\n");
    let docx = env.path("bai-word.docx");
    std::fs::write(&docx, fixture("pandoc-bai-viet.docx")).unwrap();
    let old = env.path("cu.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(&old, ole).unwrap();

    let r = env.run(&[
        "import".as_ref(),
        md.as_os_str(),
        docx.as_os_str(),
        old.as_os_str(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Word đời cũ (.doc)"), "{}", r.stderr);
    assert!(env.ok(&["list"]).contains("chưa có bài viết nào"));

    let out = env.ok(&["import".as_ref(), md.as_os_str(), docx.as_os_str()]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Xuân Hồng đẩy mạnh"));
    let id = out.lines().nth(1).unwrap().split('\t').next().unwrap();
    let shown = env.ok(&["show", id]);
    assert!(shown.contains("asset:"), "{shown}");
    assert!(
        shown.contains("| Nội dung | Năm 2025 | Năm 2026 |"),
        "{shown}"
    );
}

#[test]
fn every_fixture_is_stored_as_markdown_that_reads_back_the_same() {
    for f in [
        "pandoc-bai-viet.docx",
        "libreoffice-bao-cao.docx",
        "tcvn3.docx",
        "vni.docx",
        "bao-cao-bang-dau.docx",
        "gach-chan.docx",
        "gach-chan-pandoc.docx",
    ] {
        let doc = read(f).document;
        let md = bantin::markdown::to_markdown(&doc);
        assert_eq!(bantin::markdown::parse(&md), doc, "{f}:\n{md}");
    }
}

#[test]
fn an_imported_docx_prints_every_word() {
    let env = Env::new();
    let docx = env.path("bai-word.docx");
    std::fs::write(&docx, fixture("pandoc-bai-viet.docx")).unwrap();
    let out = env.ok(&["import".as_ref(), docx.as_os_str()]);
    let id = out.split('\t').next().unwrap();
    let pdf = env.path("bai.pdf");
    env.ok(&[
        "export".as_ref(),
        "pdf".as_ref(),
        id.as_ref(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("this test needs pdftotext: apt-get install poppler-utils");
    let printed = words(&String::from_utf8_lossy(&text.stdout));
    let doc = read("pandoc-bai-viet.docx").document;
    for (w, n) in words(&doc.plain_text()) {
        assert!(
            printed.get(&w).copied().unwrap_or(0) >= n,
            "\"{w}\" ×{n} not all printed"
        );
    }
}

#[test]
fn a_file_with_only_a_photo_imports_with_the_file_name_as_title() {
    use bantin::doc::{Figure, Inline, Run};
    struct Photo;
    impl bantin::typeset::ImageSource for Photo {
        fn image(&self, _: &str) -> Option<Vec<u8>> {
            Some(bantin::sample::IMAGES[0].1.to_vec())
        }
    }
    let doc = Document {
        blocks: vec![Block::Figure(Figure {
            src: "x.jpg".into(),
            caption: vec![Inline::Text(Run::plain("Ảnh"))],
        })],
        footnotes: vec![],
    };
    let header = bantin::typeset::ArticleHeader::default();
    let bytes = bantin::word::to_docx(
        &doc,
        bantin::word::Front::Article(&header),
        &bantin::typeset::templates::article(),
        &Photo,
    )
    .unwrap();
    let env = Env::new();
    let path = env.path("anh-hoi-nghi.docx");
    std::fs::write(&path, bytes).unwrap();
    let prepared = bantin::import::prepare_file(&path).unwrap();
    assert_eq!(prepared.content.title, "anh hoi nghi");
    assert_eq!(prepared.images.len(), 1);
    assert!(
        prepared.content.body.starts_with("![Ảnh](asset:"),
        "{}",
        prepared.content.body
    );
}

#[test]
fn a_300_page_document_goes_out_and_back_in_quickly() {
    use bantin::doc::{Inline, Run};
    let sentence = "Chi bộ tổ chức quán triệt Nghị quyết đến toàn thể đảng viên và quần chúng nhân dân trên địa bàn xã. ";
    let blocks: Vec<Block> = (0..3000)
        .map(|i| {
            if i % 50 == 0 {
                Block::Heading {
                    level: 2,
                    content: vec![Inline::Text(Run::plain(format!("Mục {i}")))],
                }
            } else {
                Block::Paragraph {
                    content: vec![Inline::Text(Run::plain(sentence.repeat(5).trim_end()))],
                }
            }
        })
        .collect();
    let doc = Document {
        blocks,
        footnotes: vec![],
    };
    let header = bantin::typeset::ArticleHeader {
        title: "Dài".into(),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let bytes = bantin::word::to_docx(
        &doc,
        bantin::word::Front::Article(&header),
        &bantin::typeset::templates::article(),
        &bantin::typeset::NoImages,
    )
    .unwrap();
    let written = start.elapsed();
    let back = read_docx(bytes).unwrap();
    let total = start.elapsed();
    assert_eq!(back.document, doc);
    // Debug build, shared machine: generous bounds that still catch a
    // quadratic walk.
    assert!(
        total.as_secs_f32() < 20.0,
        "write {written:?}, write + read {total:?}"
    );
}

/// The underlined runs of a document: (text, bold, italic, link).
fn underlined(doc: &Document) -> Vec<(String, bool, bool, bool)> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Paragraph { content } = b {
            for i in content {
                if let bantin::doc::Inline::Text(r) = i
                    && r.style.underline
                {
                    out.push((
                        r.text.clone(),
                        r.style.bold,
                        r.style.italic,
                        r.link.is_some(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn underline_from_libreoffice_and_pandoc_is_kept_but_not_a_links_look() {
    let s = |t: &str, b: bool, i: bool| (t.to_owned(), b, i, false);
    // LibreOffice: <w:u> runs; its links carry the "InternetLink" style and
    // one also a direct <w:u>: that is how a link looks, not emphasis.
    let lo = read("gach-chan.docx").document;
    assert_eq!(
        underlined(&lo),
        [
            s("đã họp đủ", false, false),
            s("thống nhất", true, false),
            s("độ", false, true)
        ],
        "{lo:?}"
    );
    let md = bantin::markdown::to_markdown(&lo);
    assert!(
        md.contains("Chi bộ <u>đã họp đủ</u> và <u>**thống nhất**</u>"),
        "{md}"
    );
    assert!(md.contains("[trang xã](https://x.vn/)"), "{md}");
    // pandoc: `[…]{.underline}` becomes <w:u>; its link runs get
    // the "Hyperlink" style, the second with a direct <w:u> as well.
    let pd = read("gach-chan-pandoc.docx").document;
    assert_eq!(
        underlined(&pd),
        [s("được ban hành", false, false), s("24", true, false)],
        "{pd:?}"
    );
    let md = bantin::markdown::to_markdown(&pd);
    assert!(md.contains("<u>được ban hành</u>"), "{md}");
    assert!(
        !md.contains("<u>trang") && !md.contains("<u>[trang"),
        "{md}"
    );
}
