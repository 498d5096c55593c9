//! Which blocks a template prints (`article.show`, `report.show`,
//! `bulletin.show`), as an office sets them: an edited copy imported with
//! `bantin template import`, chosen as the office default, honoured by the
//! PDF (read back with poppler) and the Word file alike; a wrong value is
//! refused with a Vietnamese sentence naming the field.

mod common;
mod pdf_common;

use common::Env;
use std::io::Read;

/// The shipped template `name` exported, renamed to `new_name`, with each
/// `(from, to)` replaced once, and imported into the library.
fn office_copy(env: &Env, name: &str, new_name: &str, edits: &[(&str, &str)]) {
    let file = env.path("goc.yaml");
    env.ok(&["template", "export", name, "-o", file.to_str().unwrap()]);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text = text.replacen(&format!("name: {name}"), &format!("name: {new_name}"), 1);
    for (from, to) in edits {
        assert!(text.contains(from), "{name} has {from:?}");
        text = text.replacen(from, to, 1);
    }
    let copy = env.write(&format!("{}.yaml", new_name.replace('/', "-")), &text);
    env.ok(&["template", "import", copy.to_str().unwrap()]);
}

fn pdf_text(env: &Env, args: &[&str]) -> String {
    let out = env.path("ra.pdf");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", out.to_str().unwrap()]);
    let r = env.run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = pdf_common::run("pdftotext", &["-enc", "UTF-8", out.to_str().unwrap(), "-"]);
    // One line per paragraph is not what pdftotext gives: join the lines so
    // a sentence broken across lines is still found.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `word/document.xml` and `word/footnotes.xml` (empty when there is none)
/// of the Word file `export docx` writes.
fn docx_parts(env: &Env, id: &str) -> (String, String) {
    let out = env.path("ra.docx");
    env.ok(&["export", "docx", id, "-o", out.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        if let Ok(mut f) = zip.by_name(name) {
            f.read_to_string(&mut s).unwrap();
        }
        s
    };
    (part("word/document.xml"), part("word/footnotes.xml"))
}

const LEAD: &str = "Sau một năm thực hiện Nghị quyết";
const CAPTION: &str = "Hội nghị sơ kết một năm thực hiện Nghị quyết về văn hóa công sở";
const NOTE: &str = "Nghị quyết được ban hành ngày 15 tháng 01 năm 2025";

#[test]
fn an_article_template_leaves_out_lead_author_captions_and_footnotes() {
    let env = Env::new();
    env.ok(&["sample"]);
    // As shipped, every part prints.
    let all = pdf_text(&env, &["export", "pdf", "1"]);
    for part in [LEAD, CAPTION, NOTE] {
        assert!(all.contains(part), "{part}: {all}");
    }
    // The author line follows the last paragraph.
    const AUTHOR: &str = "chưa đúng mực. Ban Dân vận Đảng ủy xã";
    assert!(all.contains(AUTHOR), "{all}");
    let (doc, notes) = docx_parts(&env, "1");
    assert!(doc.contains(LEAD) && doc.contains(CAPTION) && notes.contains(NOTE));

    office_copy(
        &env,
        "article/v1",
        "article/gon",
        &[
            ("lead: true", "lead: false"),
            ("author: true", "author: false"),
            ("captions: true", "captions: false"),
            ("footnotes: true", "footnotes: false"),
        ],
    );
    assert!(
        env.ok(&["template", "show", "article/gon"])
            .contains("Không in:\tsapô, dòng tác giả, chú thích ảnh, chú thích cuối trang\n")
    );
    assert!(
        env.ok(&["template", "show", "article"])
            .contains("Không in:\t(in đủ các phần)\n")
    );
    env.ok(&["profile", "set", "mau_tin_bai", "article/gon"]);
    let bare = pdf_text(&env, &["export", "pdf", "1"]);
    for part in [LEAD, CAPTION, NOTE] {
        assert!(!bare.contains(part), "{part} printed: {bare}");
    }
    assert!(!bare.contains(AUTHOR), "{bare}");
    // The body is all there, the photo too.
    assert!(bare.contains("Chuyển biến từ những việc nhỏ"), "{bare}");
    assert!(
        bare.contains("chấn chỉnh những biểu hiện chưa đúng mực"),
        "{bare}"
    );
    let (doc, notes) = docx_parts(&env, "1");
    assert!(!doc.contains(LEAD) && !doc.contains(CAPTION), "{doc}");
    assert!(!notes.contains(NOTE) && !doc.contains("footnoteReference"));
    assert!(doc.contains("<w:drawing>"), "the photo stays");
}

#[test]
fn a_report_template_leaves_out_the_national_title_recipients_and_signature() {
    let env = Env::new();
    env.ok(&["sample"]);
    let all = pdf_text(&env, &["export", "pdf", "2"]);
    for part in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Nơi nhận:", "Lưu chi bộ"] {
        assert!(all.contains(part), "{part}: {all}");
    }
    office_copy(
        &env,
        "report/hd36-2018",
        "report/gon",
        &[
            ("national_title: true", "national_title: false"),
            ("recipients: true", "recipients: false"),
            ("signature: true", "signature: false"),
        ],
    );
    env.ok(&["profile", "set", "mau_bao_cao", "report/gon"]);
    for (k, v) in [("tm", "T/M CHI BỘ"), ("nguoi_ky", "Nguyễn Văn An")] {
        env.ok(&["profile", "set", k, v]);
    }
    let out = env.path("ra.pdf");
    let r = env.run(&["export", "pdf", "2", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A block left out is not missed: no warning about the signer's title.
    assert!(!r.stderr.contains("chuc_vu_ky"), "{}", r.stderr);
    let bare = pdf_text(&env, &["export", "pdf", "2"]);
    for part in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Nơi nhận:",
        "Lưu chi bộ",
        "T/M CHI BỘ",
        "Nguyễn Văn An",
    ] {
        assert!(!bare.contains(part), "{part} printed: {bare}");
    }
    assert!(bare.contains("BÁO CÁO"), "the type name stays: {bare}");
    let (doc, _) = docx_parts(&env, "2");
    for part in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Nơi nhận:", "T/M CHI BỘ"] {
        assert!(!doc.contains(part), "{part} in the Word file");
    }
    assert!(doc.contains("BÁO CÁO"));
}

#[test]
fn a_bulletin_template_leaves_out_contents_colophon_and_page_numbers() {
    let env = Env::new();
    env.ok(&["sample"]);
    let out = env.ok(&[
        "bulletin",
        "new",
        "--name",
        "Bản tin Dân vận",
        "--number",
        "07",
    ]);
    let b = out.split('\t').next().unwrap().to_string();
    env.ok(&["bulletin", "add", &b, "1", "3"]);
    env.ok(&[
        "bulletin",
        "set",
        &b,
        "ban_bien_tap",
        "Ban Dân vận Đảng ủy xã",
    ]);
    let numbers = |env: &Env| {
        let pdf = env.path("ban-tin.pdf");
        env.ok(&[
            "export",
            "pdf",
            "--bulletin",
            &b,
            "-o",
            pdf.to_str().unwrap(),
        ]);
        let boxes = pdf_common::boxes(pdf.to_str().unwrap());
        let pages = boxes.iter().map(|b| b.0).max().unwrap();
        // A page number: digits alone, in the bottom margin.
        let numbered = boxes
            .iter()
            .filter(|w| w.5.chars().all(|c| c.is_ascii_digit()) && w.2 > 800.0)
            .count();
        (pages, numbered)
    };
    let all = pdf_text(&env, &["export", "pdf", "--bulletin", &b]);
    assert!(all.contains("TRONG SỐ NÀY"), "{all}");
    assert!(
        all.contains("Ban biên tập: Ban Dân vận Đảng ủy xã"),
        "{all}"
    );
    let (pages, numbered) = numbers(&env);
    assert!(
        pages >= 2 && numbered == pages - 1,
        "{pages} pages, {numbered} numbers"
    );

    office_copy(
        &env,
        "bulletin/v1",
        "bulletin/gon",
        &[
            ("contents: true", "contents: false"),
            ("colophon: true", "colophon: false"),
            ("page_numbers: true", "page_numbers: false"),
        ],
    );
    env.ok(&["profile", "set", "mau_ban_tin", "bulletin/gon"]);
    let bare = pdf_text(&env, &["export", "pdf", "--bulletin", &b]);
    assert!(!bare.contains("TRONG SỐ NÀY"), "{bare}");
    assert!(!bare.contains("Ban biên tập"), "{bare}");
    assert!(
        bare.contains("BẢN TIN") || bare.contains("DÂN VẬN"),
        "{bare}"
    );
    assert_eq!(numbers(&env).1, 0, "no page numbers");
}

#[test]
fn a_wrong_value_is_refused_in_vietnamese() {
    let env = Env::new();
    let file = env.path("goc.yaml");
    env.ok(&[
        "template",
        "export",
        "article",
        "-o",
        file.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("name: article/v1", "name: article/sai", 1)
        .replacen("captions: true", "captions: có", 1);
    let bad = env.write("sai.yaml", &text);
    let r = env.run(&["template", "import", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("«article.show.captions»")
            && r.stderr
                .contains("chỉ nhận true (in phần này) hoặc false (không in)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("expected"), "{}", r.stderr);

    // A file written before these settings existed prints every part.
    let old: String = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("name: article/v1", "name: article/cu", 1)
        .lines()
        .take_while(|l| !l.trim_start().starts_with("show:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let f = bantin::typeset::templates::TemplateFile::parse(&old).unwrap();
    assert_eq!(f.article.unwrap().show, Default::default());
}
