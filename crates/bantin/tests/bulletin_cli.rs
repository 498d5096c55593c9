//! Bulletins as an editor builds them with `bantin bulletin …` and prints
//! them with `bantin export pdf --bulletin`: the issue and its order in a
//! real library file, articles that an issue prints protected from
//! deletion, and the PDF checked with poppler (every word back in order,
//! embedded subset fonts, contents page numbers that point at the right
//! pages, balanced columns, the colophon last, the booklet's page order).

mod common;
mod pdf_common;

use bantin::model::{Bulletin, PaperSize};
use common::Env;
use pdf_common::run as poppler;
use unicode_normalization::UnicodeNormalization;

/// A library with the three sample articles and issue 1 holding them.
fn issue(env: &Env) {
    env.ok(&["sample"]);
    for (k, v) in [
        ("cap_tren", "Đảng bộ xã Xuân Hồng"),
        ("co_quan", "Ban Dân vận Đảng ủy xã"),
        ("dia_chi", "Thôn Trung Nghĩa, xã Xuân Hồng, tỉnh Ninh Bình"),
        ("email", "danvan.xuanhong@ninhbinh.gov.vn"),
    ] {
        env.ok(&["profile", "set", k, v]);
    }
    let out = env.ok(&[
        "bulletin",
        "new",
        "--name",
        "Bản tin Dân vận",
        "--number",
        "07",
        "--date",
        "2026-11-24",
    ]);
    assert_eq!(out.trim(), "1\tBản tin Dân vận số 07");
    env.ok(&["bulletin", "add", "1", "1", "2", "3"]);
    env.ok(&[
        "bulletin",
        "set",
        "1",
        "ban_bien_tap",
        "Nguyễn Thị Hoa, Trần Văn Nam",
    ]);
}

/// Exports issue 1 to `name` in the test folder with `extra` options;
/// returns the file and what the command printed.
fn export_issue(env: &Env, name: &str, extra: &[&str]) -> (std::path::PathBuf, String) {
    let pdf = env.path(name);
    let mut args = vec!["export", "pdf", "--bulletin", "1"];
    args.extend_from_slice(extra);
    args.extend(["-o", pdf.to_str().unwrap()]);
    let out = env.ok(&args);
    (pdf, out)
}

fn order(env: &Env, id: &str) -> Vec<i64> {
    let b = env.json(&["bulletin", "show", id, "--json"]);
    b["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect()
}

fn words(s: &str) -> Vec<String> {
    let s: String = s.nfc().collect();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words of an article's Markdown body as a reader sees them, figures
/// left out (a figure may float to the next column; its caption is
/// checked on its own).
fn body_words(md: &str) -> Vec<String> {
    let md: String = md
        .lines()
        .filter(|l| !l.trim_start().starts_with("!["))
        .collect::<Vec<_>>()
        .join("\n");
    let kept = pdf_common::without_link_targets(&md);
    // Footnote labels ([^1]) are numbers in print.
    words(&kept.replace("[^1]", " ").replace("[^2]", " "))
        .into_iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

#[test]
fn an_issue_keeps_its_articles_in_the_order_the_editor_sets() {
    let env = Env::new();
    issue(&env);
    assert_eq!(order(&env, "1"), vec![1, 2, 3]);
    env.ok(&["bulletin", "move", "1", "3", "1"]);
    assert_eq!(order(&env, "1"), vec![3, 1, 2]);
    env.ok(&["bulletin", "remove", "1", "1"]);
    assert_eq!(order(&env, "1"), vec![3, 2]);
    env.ok(&["bulletin", "add", "1", "1", "--at", "2"]);
    assert_eq!(order(&env, "1"), vec![3, 1, 2]);

    // One article in two issues.
    env.ok(&[
        "bulletin",
        "new",
        "--name",
        "Bản tin Dân vận",
        "--number",
        "08",
    ]);
    env.ok(&["bulletin", "add", "2", "1"]);
    assert_eq!(order(&env, "2"), vec![1]);
    let list = env.json(&["bulletin", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);

    // Positions in the file are 1..n without gaps.
    let db = env.db();
    let positions: Vec<(i64, i64)> = db
        .prepare("SELECT article_id, position FROM bulletin_articles WHERE bulletin_id = 1 ORDER BY position")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(positions, vec![(3, 1), (1, 2), (2, 3)]);
}

#[test]
fn settings_round_trip_and_bad_values_are_refused_in_vietnamese() {
    let env = Env::new();
    issue(&env);
    env.ok(&["bulletin", "set", "1", "paper", "19x27"]);
    env.ok(&["bulletin", "set", "1", "columns", "1"]);
    env.ok(&["bulletin", "set", "1", "internal", "khong"]);
    env.ok(&["bulletin", "set", "1", "period", "Tháng 11 và 12/2026"]);
    let b: Bulletin =
        serde_json::from_value(env.json(&["bulletin", "show", "1", "--json"])).unwrap();
    assert_eq!(b.paper, PaperSize::B19x27);
    assert_eq!(b.columns, 1);
    assert!(!b.internal);
    assert_eq!(b.period_text(), "Tháng 11 và 12/2026");
    assert_eq!(
        b.field("ban_bien_tap"),
        Some("Nguyễn Thị Hoa, Trần Văn Nam")
    );

    for (args, says) in [
        (vec!["bulletin", "set", "1", "columns", "3"], "1 hoặc 2"),
        (vec!["bulletin", "set", "1", "paper", "a3"], "khổ giấy"),
        (
            vec!["bulletin", "set", "1", "mau", "x"],
            "không có thông tin",
        ),
        (
            vec!["bulletin", "add", "1", "99"],
            "Không có bài viết số 99",
        ),
        (vec!["bulletin", "add", "1", "2"], "đã có trong bản tin"),
        (
            vec!["bulletin", "remove", "1", "99"],
            "không có bài viết số 99",
        ),
        (vec!["bulletin", "show", "42"], "Không có bản tin số 42"),
        (
            vec!["export", "pdf", "--bulletin", "42", "-o", "x.pdf"],
            "Không có bản tin số 42",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    let r = env.run(&[
        "export",
        "pdf",
        "--bulletin",
        "1",
        "--columns",
        "3",
        "-o",
        "x.pdf",
    ]);
    assert_eq!(r.code, 2, "a usage error");
    // The order survived every refused change.
    assert_eq!(order(&env, "1"), vec![1, 2, 3]);
}

#[test]
fn an_article_an_issue_prints_is_not_deleted_behind_its_back() {
    let env = Env::new();
    issue(&env);
    let r = env.run(&["delete", "2"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Bản tin Dân vận số 07") && r.stderr.contains("bulletin remove"),
        "{}",
        r.stderr
    );
    assert!(
        env.ok(&["list"]).contains("Báo cáo kết quả"),
        "still in the library"
    );

    // The schema refuses too, whoever writes to the file.
    let db = env.db();
    let err = db
        .execute(
            "UPDATE articles SET deleted_at = '2026-11-25T00:00:00Z' WHERE id = 2",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("bulletin"), "{err}");

    // Taken out of the issue, it goes to the recycle bin and comes back.
    env.ok(&["bulletin", "remove", "1", "2"]);
    env.ok(&["delete", "2"]);
    assert!(!env.ok(&["list"]).contains("Báo cáo kết quả"));
    assert!(env.ok(&["trash", "list"]).contains("Báo cáo kết quả"));
    let hits = env.json(&["search", "cong tac lanh dao chi dao", "--json"]);
    assert!(
        hits.as_array().unwrap().iter().all(|h| h["id"] != 2),
        "out of search"
    );
    env.ok(&["trash", "restore", "2"]);
    let hits = env.json(&["search", "cong tac lanh dao chi dao", "--json"]);
    assert!(
        hits.as_array().unwrap().iter().any(|h| h["id"] == 2),
        "searchable again"
    );
    assert_eq!(
        env.json(&["history", "2", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // A copy is a fresh draft.
    let out = env.ok(&["duplicate", "1"]);
    assert!(out.contains("(bản sao)"), "{out}");
}

#[test]
fn the_pdf_gives_back_every_word_in_order_with_fonts_and_metadata() {
    let env = Env::new();
    issue(&env);
    let (pdf, out) = export_issue(&env, "ban-tin.pdf", &[]);
    assert!(out.contains("trang"), "{out}");
    let p = pdf.to_str().unwrap();

    let text = poppler("pdftotext", &[p, "-"]);
    // Reading order of a two-column page: the left column, then the right
    // (each cropped out on its own, so poppler cannot mix their blocks).
    let pages = page_count(p);
    let mut columns = String::new();
    for n in 1..=pages {
        let n = n.to_string();
        for x in ["0", "298"] {
            let crop = [
                "-f", &n, "-l", &n, "-x", x, "-y", "0", "-W", "298", "-H", "842",
            ];
            columns.push_str(&poppler("pdftotext", &[&crop[..], &[p, "-"]].concat()));
        }
    }
    // A footnote number sticks to the word it follows ("viên1").
    let have: Vec<String> = words(&columns)
        .into_iter()
        .map(|w| match w.trim_end_matches(|c: char| c.is_ascii_digit()) {
            t if !t.is_empty() && t.chars().any(char::is_alphabetic) => t.to_string(),
            _ => w,
        })
        .collect();
    let mut j = 0;
    for (k, article) in bantin::sample::prepared().unwrap().iter().enumerate() {
        let body: String = article
            .content
            .body
            .lines()
            .filter(|l| !l.starts_with("[^"))
            .collect::<Vec<_>>()
            .join("\n");
        let want = body_words(&body);
        for (n, w) in want.iter().enumerate() {
            match have[j..].iter().position(|h| h == w) {
                Some(i) if i < 120 || n == 0 => j += i + 1,
                _ => panic!(
                    "article {}: word {n} {w:?} did not come back in order near {:?}; the PDF has {:?}",
                    k + 1,
                    &want[n.saturating_sub(4)..(n + 4).min(want.len())],
                    &have[j.saturating_sub(4)..(j + 12).min(have.len())]
                ),
            }
        }
    }
    for must in [
        "Hội nghị sơ kết một năm thực hiện Nghị quyết",
        "BẢN TIN\n",
        "TRONG SỐ NÀY",
        "LƯU HÀNH NỘI BỘ",
        "Số 07",
        "Tháng 11/2026",
        "Ban biên tập",
    ] {
        assert!(text.contains(must), "{must:?} missing");
    }

    let fonts = poppler("pdffonts", &[p]);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "subset: {line}"
        );
        assert!(line.contains(" yes yes "), "embedded subset: {line}");
    }
    let info = poppler("pdfinfo", &[p]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.ends_with("Bản tin Dân vận Số 07")),
        "{info}"
    );
    assert!(info.contains("595.276 x 841.89"), "A4: {info}");
}

fn page_count(pdf: &str) -> usize {
    poppler("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Text of one page.
fn page_text(pdf: &str, n: usize) -> String {
    let n = n.to_string();
    poppler("pdftotext", &["-f", &n, "-l", &n, pdf, "-"])
}

#[test]
fn contents_point_at_the_pages_where_articles_start_and_the_colophon_is_last() {
    let env = Env::new();
    issue(&env);
    for k in 1..=3 {
        let copy = env.ok(&["duplicate", &k.to_string()]);
        let id = copy.split('\t').next().unwrap();
        env.ok(&["bulletin", "add", "1", id]);
    }
    let (pdf, _) = export_issue(&env, "b.pdf", &["--columns", "1"]);
    let p = pdf.to_str().unwrap();
    let pages = page_count(p);
    assert!(pages >= 4, "six articles in one column: {pages} pages");
    let first = page_text(p, 1);
    let contents = &first[first.find("TRONG SỐ NÀY").unwrap()..];
    let b = env.json(&["bulletin", "show", "1", "--json"]);
    let ids: Vec<i64> = b["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 6);
    for id in ids {
        let title = env.json(&["show", &id.to_string(), "--json"])["title"]
            .as_str()
            .unwrap()
            .to_string();
        // The entry's number is the last number on the entry's lines.
        let head = &title[..title.char_indices().nth(12).unwrap().0];
        let at = contents
            .find(head)
            .unwrap_or_else(|| panic!("{head:?} not in the contents"));
        let after = &contents[at..];
        let number: usize = after
            .split(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty() && s.len() <= 2 && !title.contains(&format!("{s} ")))
            .unwrap()
            .parse()
            .unwrap();
        let on_page = page_text(p, number);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let first_words: String = title
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat(&on_page).contains(&first_words),
            "{title:?} is listed on page {number}, which does not hold it"
        );
    }
    let last = page_text(p, pages);
    assert!(
        last.contains("Ban biên tập") && last.contains("danvan.xuanhong@ninhbinh.gov.vn"),
        "{last}"
    );
    for n in 1..pages {
        assert!(
            !page_text(p, n).contains("Ban biên tập"),
            "colophon only on the last page"
        );
    }
}

#[test]
fn two_columns_end_level_on_the_last_page() {
    let env = Env::new();
    issue(&env);
    let (pdf, _) = export_issue(&env, "b.pdf", &[]);
    let p = pdf.to_str().unwrap();
    let bbox = poppler("pdftotext", &["-bbox", p, "-"]);
    let last = bbox.split("<page ").last().unwrap();
    let mid = 595.276 / 2.0;
    let (mut left, mut right) = (0.0f32, 0.0f32);
    let colophon_top = last
        .split("<word ")
        .skip(1)
        .find(|w| w.contains(">Cơ<") || w.contains(">quan<"))
        .and_then(|w| attr(w, "yMin"))
        .unwrap_or(842.0);
    for w in last.split("<word ").skip(1) {
        let (Some(x), Some(y)) = (attr(w, "xMin"), attr(w, "yMax")) else {
            continue;
        };
        // Body text only: above the colophon, below the running head.
        if y > colophon_top - 2.0 || y < 60.0 {
            continue;
        }
        if x < mid {
            left = left.max(y);
        } else {
            right = right.max(y);
        }
    }
    assert!(left > 0.0 && right > 0.0, "both columns hold text");
    assert!(
        (left - right).abs() < 3.0 * 11.0 * 1.3,
        "columns end within three lines of each other: {left} vs {right}"
    );
}

fn attr(s: &str, name: &str) -> Option<f32> {
    let at = s.find(&format!("{name}=\""))? + name.len() + 2;
    s[at..].split('"').next()?.parse().ok()
}

#[test]
fn an_a5_booklet_is_imposed_for_folding() {
    let env = Env::new();
    issue(&env);
    let (pdf, out) = export_issue(&env, "so-tay.pdf", &["--paper", "a5-booklet"]);
    let a5_pages: usize = out
        .split('\t')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let p = pdf.to_str().unwrap();
    let info = poppler("pdfinfo", &[p]);
    assert!(
        info.contains("841.89 x 595.276"),
        "A4 landscape sheets: {info}"
    );
    let sides: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(sides, a5_pages.div_ceil(4) * 2, "two sides per sheet");
    // The outer sheet's front: the last page (colophon) on the left, the
    // masthead on the right.
    let bbox = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1", p, "-"]);
    let x_of = |word: &str| {
        bbox.split("<word ")
            .find(|w| w.contains(&format!(">{word}<")))
            .and_then(|w| attr(w, "xMin"))
            .unwrap_or_else(|| panic!("{word} not on the first side"))
    };
    assert!(x_of("NỘI") > 841.89 / 2.0, "masthead on the right half");
    assert!(x_of("biên") < 841.89 / 2.0, "colophon on the left half");
}

#[test]
fn a_library_from_before_bulletins_is_upgraded_with_a_backup_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.bantin");
    {
        // A library as the first release wrote it: schema step 1 only.
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute_batch(bantin::store::schema::MIGRATIONS[0])
            .unwrap();
        db.pragma_update(None, "user_version", 1).unwrap();
        db.execute(
            "INSERT INTO articles (title, kind, body, body_text, created_at, updated_at, revision)
             VALUES ('Bài cũ', 'tin-bai', 'Nội dung', 'Nội dung', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)",
            [],
        )
        .unwrap();
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T02:00:00Z")
        .unwrap()
        .to_utc();
    let lib = bantin::Library::open(&path, now).unwrap();
    assert_eq!(lib.article(1).unwrap().content.title, "Bài cũ");
    let id = lib
        .create_bulletin(
            &bantin::store::NewBulletin {
                name: "Bản tin Dân vận".into(),
                number: "01".into(),
                date: None,
            },
            now,
        )
        .unwrap();
    lib.add_to_bulletin(id, &[1], None, now).unwrap();
    assert_eq!(lib.bulletin(id).unwrap().articles, vec![1]);
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("truoc-nang-cap-v1"))
        .collect();
    assert_eq!(backups.len(), 1, "a backup before the upgrade: {backups:?}");
    assert_eq!(
        lib.check().unwrap().schema_version,
        bantin::store::schema::LATEST
    );
}

#[test]
fn a_long_issue_says_what_it_is_doing_and_leaves_no_partial_file() {
    let env = Env::new();
    issue(&env);
    for k in 0..8 {
        let copy = env.ok(&["duplicate", &(k % 3 + 1).to_string()]);
        env.ok(&["bulletin", "add", "1", copy.split('\t').next().unwrap()]);
    }
    let pdf = env.path("dai.pdf");
    let r = env.run(&[
        "export",
        "pdf",
        "--bulletin",
        "1",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Đang dàn trang bài 11/11…"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Đang ghi trang"), "{}", r.stderr);
    // Only the finished file is in the folder: no temporary left behind.
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".tmp"))
        .collect();
    assert_eq!(names, vec!["dai.pdf".to_string()]);
    // A folder that does not exist is a sentence, not a panic.
    let r = env.run(&[
        "export",
        "pdf",
        "--bulletin",
        "1",
        "-o",
        "/khong-co/thu-muc/x.pdf",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("thư mục không tồn tại"), "{}", r.stderr);
}
