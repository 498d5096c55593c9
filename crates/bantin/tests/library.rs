//! The library through the `bantin` CLI: import, list, show, search,
//! revisions and restore, backup, check — on a real SQLite file.

mod common;

use common::{Env, OFFICE_CULTURE};
use unicode_normalization::UnicodeNormalization;

#[test]
fn import_prints_id_and_title_and_list_shows_it() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    let b = env.write(
        "b.md",
        "# Tiêu đề từ dòng đầu\n\nNội dung bài viết có dấu tiếng Việt.\n",
    );
    let got = env.import(&[&a, &b]);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].1, "Hội nghị sơ kết phong trào thi đua");
    assert_eq!(
        got[1].1, "Tiêu đề từ dòng đầu",
        "without front matter the first # heading is the title"
    );

    let list = env.json(&["list", "--json"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Tiêu đề từ dòng đầu"));

    let shown = env.json(&["show", &got[1].0.to_string(), "--json"]);
    assert_eq!(shown["title"], "Tiêu đề từ dòng đầu");
    assert!(
        !shown["body"].as_str().unwrap().contains("# Tiêu đề"),
        "the title heading leaves the body"
    );
    for field in [
        "id",
        "title",
        "summary",
        "author",
        "category",
        "tags",
        "kind",
        "status",
        "date",
        "body",
        "revision",
        "word_count",
        "created_at",
        "updated_at",
    ] {
        assert!(shown.get(field).is_some(), "show --json has {field}");
    }
}

#[test]
fn front_matter_fields_are_kept() {
    let env = Env::new();
    let f = env.write(
        "bc.md",
        "---\ntitle: Báo cáo năm\nsummary: về kết quả\nauthor: Chi bộ\ncategory: Báo cáo\ntags: văn hóa, công sở\nkind: bao-cao\nstatus: cho-duyet\ndate: 24/11/2026\nso_hieu: 12-BC/CB\nnoi_nhan: [Đảng ủy xã, Lưu chi bộ]\n---\n\nNội dung.\n",
    );
    let id = env.import(&[&f])[0].0;
    let a = env.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(a["kind"], "bao-cao");
    assert_eq!(a["status"], "cho-duyet");
    assert_eq!(a["date"], "2026-11-24");
    assert_eq!(a["tags"], serde_json::json!(["văn hóa", "công sở"]));
    assert_eq!(a["extra"]["so_hieu"], "12-BC/CB");
    assert_eq!(
        a["extra"]["noi_nhan"],
        serde_json::json!(["Đảng ủy xã", "Lưu chi bộ"])
    );
}

#[test]
fn search_ignores_diacritics_case_unicode_form_and_tone_style() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    let other = env.write(
        "b.md",
        "# Tin thể thao\n\nGiải bóng đá thiếu niên của xã khai mạc.\n",
    );
    let id = env.import(&[&a, &other])[0].0;
    let nfd: String = "văn hóa".nfd().collect();
    for q in [
        "van hoa cong so",
        "VĂN HOÁ",
        "văn hoá",
        "dang vien",
        nfd.as_str(),
        "Văn Hóa Công Sở",
    ] {
        let hits = env.json(&["search", q, "--json"]);
        let ids: Vec<i64> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect();
        assert_eq!(
            ids,
            vec![id],
            "query {q:?} finds the office-culture article and only it"
        );
    }
}

#[test]
fn search_snippet_is_in_the_original_spelling_with_hits_marked() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    env.import(&[&a]);
    let hits = env.json(&["search", "van hoa", "--json"]);
    let h = &hits[0];
    let snippet = h["snippet"].as_str().unwrap();
    assert!(snippet.contains("văn hóa công sở"), "{snippet}");
    let chars: Vec<char> = snippet.chars().collect();
    let marked: Vec<String> = h["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            chars[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        })
        .collect();
    assert_eq!(marked, vec!["văn", "hóa"]);
    let text = env.ok(&["search", "van hoa"]);
    assert!(text.contains("«văn» «hóa» công sở"), "{text}");
}

#[test]
fn a_title_hit_ranks_above_a_body_hit() {
    let env = Env::new();
    let body_only = env.write("body.md", "# Tin hoạt động tháng mười một\n\nCác chi bộ bàn về văn hóa công sở trong buổi sinh hoạt định kỳ, cùng nhiều việc khác của thôn xóm.\n");
    let in_title = env.write(
        "title.md",
        "# Văn hóa công sở ở xã Xuân Hồng\n\nBài viết về phong trào thi đua.\n",
    );
    let ids = env.import(&[&body_only, &in_title]);
    let hits = env.json(&["search", "van hoa cong so", "--json"]);
    let order: Vec<i64> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, vec![ids[1].0, ids[0].0]);
    assert_eq!(hits[0]["title_marks"].as_array().unwrap().len(), 4);
}

#[test]
fn search_with_no_result_says_so_in_vietnamese() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    env.import(&[&a]);
    let out = env.ok(&["search", "bóng đá"]);
    assert!(out.contains("Không tìm thấy bài viết nào"), "{out}");
    assert_eq!(
        env.json(&["search", "bóng đá", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn every_save_is_a_revision_and_restore_writes_a_new_one() {
    let env = Env::new();
    let v1 = env.write("v1.md", "# Bản đầu\n\nNội dung thứ nhất.\n");
    let v2 = env.write("v2.md", "# Bản sửa\n\nNội dung thứ hai, đã sửa.\n");
    let id = env.import(&[&v1])[0].0.to_string();

    assert!(
        env.ok(&["save", &id, v2.to_str().unwrap()])
            .contains("phiên bản 2")
    );
    assert!(
        env.ok(&["save", &id, v2.to_str().unwrap()])
            .contains("không có gì thay đổi"),
        "same text, no revision"
    );

    let rev1_before: String = env
        .db()
        .query_row(
            "SELECT content FROM revisions WHERE article_id = ?1 AND number = 1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(env.ok(&["restore", &id, "1"]).contains("phiên bản 3"));
    let now = env.json(&["show", &id, "--json"]);
    assert_eq!(now["title"], "Bản đầu");
    assert_eq!(now["revision"], 3);

    let hist = env.json(&["history", &id, "--json"]);
    let reasons: Vec<&str> = hist
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["import", "save", "restore"]);
    assert_eq!(hist[2]["restored_from"], 1);
    let rev1_after: String = env
        .db()
        .query_row(
            "SELECT content FROM revisions WHERE article_id = ?1 AND number = 1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rev1_before, rev1_after, "old revisions are never changed");

    // The database itself refuses to rewrite history.
    let db = env.db();
    let err = db
        .execute(
            "UPDATE revisions SET content = '{}' WHERE article_id = ?1",
            [&id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(
        db.execute("DELETE FROM revisions WHERE article_id = ?1", [&id])
            .is_err()
    );

    // Search follows the current state.
    assert_eq!(
        env.json(&["search", "thu nhat", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        env.json(&["search", "da sua", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn restoring_a_revision_that_does_not_exist_is_a_clear_error() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    let id = env.import(&[&a])[0].0.to_string();
    let r = env.run(&["restore", &id, "9"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không có phiên bản 9"), "{}", r.stderr);
    let r = env.run(&["show", "999"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không có bài viết số 999"),
        "{}",
        r.stderr
    );
}

#[test]
fn images_are_stored_once_and_referenced_as_assets() {
    let env = Env::new();
    let jpeg = bantin::sample::IMAGES[0].1;
    std::fs::create_dir_all(env.path("anh")).unwrap();
    std::fs::write(env.path("anh/hoi nghi.jpg"), jpeg).unwrap();
    let a = env.write(
        "a.md",
        "# Bài một\n\n![Hội nghị sơ kết](anh/hoi%20nghi.jpg)\n",
    );
    let b = env.write("b.md", "# Bài hai\n\n![Cùng ảnh](<anh/hoi nghi.jpg>)\n");
    let ids = env.import(&[&a, &b]);
    let sha = common::sha256_file(&env.path("anh/hoi nghi.jpg"));
    for (id, _) in ids {
        let body = env.json(&["show", &id.to_string(), "--json"])["body"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(body.contains(&format!("(asset:{sha})")), "{body}");
    }
    let n: i64 = env
        .db()
        .query_row("SELECT count(*) FROM assets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the same photo twice is stored once");
    let stored: Vec<u8> = env
        .db()
        .query_row("SELECT bytes FROM assets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, jpeg);
}

#[test]
fn preview_html_is_safe_and_has_the_gfm_parts() {
    let env = Env::new();
    let a = env.write(
        "a.md",
        "# Xem trước\n\n| Cột | Số |\n|---|---:|\n| Hồ sơ | 8.360 |\n\n~~cũ~~ và https://xuanhong.gov.vn\n\n- [x] xong\n- [ ] chưa\n\nChú thích[^1].\n\n[^1]: Ghi chú cuối trang.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[bấm](javascript:alert(1))\n",
    );
    let id = env.import(&[&a])[0].0.to_string();
    let html = env.ok(&["show", &id, "--html"]);
    for want in [
        "<table",
        "<del>cũ</del>",
        "href=\"https://xuanhong.gov.vn\"",
        "type=\"checkbox\"",
        "class=\"footnotes\"",
        "<meta charset=\"utf-8\">",
    ] {
        assert!(html.contains(want), "preview has {want}:\n{html}");
    }
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
    {
        assert!(
            !tag.contains("onerror"),
            "no tag carries an event handler: <{tag}>"
        );
    }
    for bad in ["<script", "javascript:", "<img src=x"] {
        assert!(
            !html.contains(bad),
            "preview must not contain {bad}:\n{html}"
        );
    }
    assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "an event handler only ever appears as escaped text"
    );
}

#[test]
fn backup_makes_a_working_copy_and_never_overwrites() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    env.import(&[&a]);
    let dest = env.path("sao-luu.bantin");
    env.ok(&["backup", "-o", dest.to_str().unwrap()]);
    let out = env
        .cmd()
        .env("BANTIN_LIBRARY", &dest)
        .args(["search", "dang vien", "--json"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        hits.as_array().unwrap().len(),
        1,
        "the backup is a library that searches"
    );
    let again = env.run(&["backup", "-o", dest.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("đã có sẵn"), "{}", again.stderr);
}

#[test]
fn check_reports_a_sound_library() {
    let env = Env::new();
    let a = env.write("a.md", OFFICE_CULTURE);
    env.import(&[&a]);
    let out = env.ok(&["check"]);
    assert!(
        out.contains("Thư viện nguyên vẹn: 1 bài viết, 1 phiên bản"),
        "{out}"
    );
    let report = env.json(&["check", "--json"]);
    assert_eq!(report["ok"], true);
}

#[test]
fn samples_are_added_once_with_if_empty() {
    let env = Env::new();
    let first = env.ok(&["sample", "--if-empty"]);
    assert_eq!(first.lines().count(), bantin::sample::ARTICLES.len());
    let second = env.ok(&["sample", "--if-empty"]);
    assert!(second.contains("đã có bài viết"), "{second}");
    assert_eq!(
        env.json(&["list", "--json"]).as_array().unwrap().len(),
        bantin::sample::ARTICLES.len()
    );
    let hits = env.json(&["search", "van hoa cong so", "--json"]);
    assert!(!hits.as_array().unwrap().is_empty());
}

#[test]
fn profile_fields_are_set_and_shown() {
    let env = Env::new();
    env.ok(&["profile", "set", "co_quan", "CHI BỘ THÔN LẠC NAM"]);
    assert_eq!(
        env.json(&["profile", "show", "--json"])["co_quan"],
        "CHI BỘ THÔN LẠC NAM"
    );
    let r = env.run(&["profile", "set", "khong_co", "x"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Không có trường"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let r = env.run(&["import"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bantin --help"), "{}", r.stderr);
    assert_eq!(env.run(&["khong-co-lenh"]).code, 2);
}
