//! `bantin template list|show|export|import` and the template an article is
//! printed with: export and import round-trip exactly, a bad file from
//! another office stores nothing, and an article's or the office's choice
//! moves the printed text.

mod common;
mod pdf_common;

use bantin::typeset::templates::{self, MM};
use common::Env;

fn stored_count(env: &Env) -> i64 {
    env.db()
        .query_row("SELECT count(*) FROM templates", [], |r| r.get(0))
        .unwrap()
}

/// The shipped report with its own name and the reported 05-HD left margin.
fn office_copy(env: &Env, left: &str) -> std::path::PathBuf {
    let file = env.path("mau.yaml");
    env.ok(&[
        "template",
        "export",
        "report/hd36-2018",
        "-o",
        file.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen("name: report/hd36-2018", "name: report/xa-xuan-hong", 1)
        .replacen("left_mm: 35", &format!("left_mm: {left}"), 1);
    env.write("mau-xa.yaml", &text)
}

#[test]
fn list_shows_the_shipped_templates_and_marks_the_unconfirmed_one() {
    let env = Env::new();
    let out = env.ok(&["template", "list"]);
    for name in [
        "report/hd36-2018",
        "report/hd05-2026",
        "article/v1",
        "bulletin/v1",
    ] {
        assert!(out.contains(&format!("{name}\t")), "{out}");
    }
    let hd05 = out
        .lines()
        .find(|l| l.starts_with("report/hd05-2026"))
        .unwrap();
    assert!(hd05.ends_with("chưa xác nhận"), "{hd05}");
    let json = env.json(&["template", "list", "--json"]);
    assert_eq!(json[0]["name"], "report/hd36-2018");
    assert_eq!(json[0]["origin"], "shipped");
    let show = env.ok(&["template", "show", "report"]);
    assert!(
        show.contains("Lề (trên, dưới, trái, phải):\t25 mm, 25 mm, 35 mm, 15 mm"),
        "{show}"
    );
    assert!(show.contains("Hướng dẫn 36-HD/VPTW"), "{show}");
}

#[test]
fn export_and_import_round_trip_as_revisions() {
    let env = Env::new();
    // A shipped template exports as the file it ships as, comments and all.
    let file = env.path("hd36.yaml");
    env.ok(&[
        "template",
        "export",
        "report/hd36-2018",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        templates::shipped_text("report/hd36-2018").unwrap()
    );
    // Its shipped name cannot be taken by an office's copy.
    let r = env.run(&["template", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("tên một mẫu đi kèm"), "{}", r.stderr);
    assert_eq!(stored_count(&env), 0);

    let copy = office_copy(&env, "30");
    let out = env.ok(&["template", "import", copy.to_str().unwrap()]);
    assert!(out.starts_with("report/xa-xuan-hong\tbản lưu 1\t"), "{out}");
    // The same text again is no new revision; a change is the next one.
    let out = env.ok(&["template", "import", copy.to_str().unwrap()]);
    assert!(out.starts_with("report/xa-xuan-hong\tbản lưu 1\t"), "{out}");
    let copy2 = office_copy(&env, "32");
    let out = env.ok(&["template", "import", copy2.to_str().unwrap()]);
    assert!(out.starts_with("report/xa-xuan-hong\tbản lưu 2\t"), "{out}");
    assert_eq!(stored_count(&env), 2);
    // Older revisions never change.
    assert!(
        env.db()
            .execute("UPDATE templates SET content = 'x' WHERE revision = 1", [])
            .is_err()
    );

    let back = env.path("back.yaml");
    env.ok(&[
        "template",
        "export",
        "report/xa-xuan-hong",
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        std::fs::read_to_string(&copy2).unwrap()
    );
    let list = env.ok(&["template", "list"]);
    assert!(
        list.contains("report/xa-xuan-hong\tphiên bản 1\t") && list.contains("thư viện, bản lưu 2"),
        "{list}"
    );
    let show = env.json(&["template", "show", "report/xa-xuan-hong", "--json"]);
    assert_eq!(show["page"]["margins"]["left_mm"], 32.0);
}

#[test]
fn a_bad_file_from_another_office_stores_nothing() {
    let env = Env::new();
    let copy = office_copy(&env, "-5");
    let r = env.run(&["template", "import", copy.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không nhập được mẫu trình bày từ tệp"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("«page.margins.left_mm» là -5 mm"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));

    let junk = env.write("junk.yaml", "format: 1\nname: x\nmau_sac: đỏ\n");
    let r = env.run(&["template", "import", junk.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("«mau_sac»"), "{}", r.stderr);

    let binary = env.path("anh.yaml");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0x00]).unwrap();
    let r = env.run(&["template", "import", binary.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
    assert_eq!(stored_count(&env), 0);

    let r = env.run(&["template", "show", "report/khong-co"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("bantin template list"), "{}", r.stderr);
}

/// Leftmost printed word over all pages, in mm.
fn left_edge(pdf: &std::path::Path) -> f32 {
    pdf_common::boxes(pdf.to_str().unwrap())
        .iter()
        .map(|b| b.1)
        .fold(f32::MAX, f32::min)
        / MM
}

fn export(env: &Env, id: &str, extra: &[&str], name: &str) -> f32 {
    let pdf = env.path(name);
    let mut args = vec!["export", "pdf", id, "-o", pdf.to_str().unwrap()];
    args.extend(extra);
    env.ok(&args);
    left_edge(&pdf)
}

#[test]
fn an_article_or_the_office_chooses_its_template() {
    let env = Env::new();
    let src = bantin::sample::ARTICLES[1].1;
    let md = env.write("bao-cao.md", src);
    let id = env.import(&[&md])[0].0.to_string();
    let copy = office_copy(&env, "25");
    env.ok(&["template", "import", copy.to_str().unwrap()]);

    let shipped = export(&env, &id, &[], "a.pdf");
    assert!((shipped - 35.0).abs() < 0.5, "{shipped}");
    // The office default for reports.
    env.ok(&["profile", "set", "mau_bao_cao", "report/xa-xuan-hong"]);
    let office = export(&env, &id, &[], "b.pdf");
    assert!((office - 25.0).abs() < 0.5, "{office}");
    // --template report still means the shipped report.
    let flag = export(&env, &id, &["--template", "report"], "c.pdf");
    assert!((flag - 35.0).abs() < 0.5, "{flag}");
    // An article's own choice wins over the office's.
    let own = src.replacen("---\n", "---\ntemplate: report/hd05-2026\n", 1);
    assert_ne!(own, src);
    let md2 = env.write("bao-cao-2.md", &own);
    let id2 = env.import(&[&md2])[0].0.to_string();
    let article = export(&env, &id2, &[], "d.pdf");
    assert!((article - 30.0).abs() < 0.5, "{article}");
    // A name nobody has is a clear error.
    env.ok(&["profile", "set", "mau_bao_cao", "report/khong-co"]);
    let pdf = env.path("e.pdf");
    let r = env.run(&["export", "pdf", &id, "-o", pdf.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("«report/khong-co»"), "{}", r.stderr);
}

#[test]
fn a_bulletin_prints_with_the_office_s_bulletin_template() {
    let env = Env::new();
    let md = env.write(
        "tin.md",
        "---\ntitle: Thôn Lạc Nam làm đường\n---\n\nNhân dân thôn Lạc Nam góp công làm đường.\n",
    );
    let article = env.import(&[&md])[0].0.to_string();
    let out = env.ok(&["bulletin", "new", "--name", "Tin xã", "--number", "7"]);
    let id = out.split('\t').next().unwrap().trim().to_string();
    env.ok(&["bulletin", "add", &id, &article]);
    // Prints the issue into `name`, and says how that went.
    let issue = |name: &str| {
        let pdf = env.path(name);
        let args = [
            "export",
            "pdf",
            "--bulletin",
            &id,
            "-o",
            pdf.to_str().unwrap(),
        ];
        (env.run(&args), pdf)
    };
    let left = |name: &str| {
        let (r, pdf) = issue(name);
        assert_eq!(r.code, 0, "{}", r.stderr);
        left_edge(&pdf)
    };
    let shipped = left("a.pdf");
    assert!((shipped - 18.0).abs() < 0.5, "{shipped}");
    let text = templates::shipped_text("bulletin")
        .unwrap()
        .replacen("name: bulletin/v1", "name: bulletin/xa", 1)
        .replacen("left_mm: 18, right_mm: 18", "left_mm: 28, right_mm: 18", 1);
    let file = env.write("ban-tin-xa.yaml", &text);
    env.ok(&["template", "import", file.to_str().unwrap()]);
    env.ok(&["profile", "set", "mau_ban_tin", "bulletin/xa"]);
    let office = left("b.pdf");
    assert!((office - 28.0).abs() < 0.5, "{office}");
    // A report template is no bulletin's: said by name.
    env.ok(&["profile", "set", "mau_ban_tin", "report/hd36-2018"]);
    let (r, _) = issue("c.pdf");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không phải mẫu bản tin"), "{}", r.stderr);
}
