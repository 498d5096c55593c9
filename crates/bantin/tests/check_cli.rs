//! `bantin check ID [--json] [--fix RULE]`, `--bulletin`, `--add-word`, and
//! `bantin check` without an id still being the library's integrity check.

mod common;

use common::Env;

const PROFILE: &[(&str, &str)] = &[
    ("cap_tren", "ĐẢNG BỘ XÃ XUÂN HỒNG"),
    ("co_quan", "CHI BỘ CƠ QUAN"),
    ("ky_hieu", "CB"),
    ("dia_danh", "Xuân Hồng"),
    ("tm", "T/M CHI BỘ"),
    ("chuc_vu_ky", "BÍ THƯ"),
    ("nguoi_ky", "Nguyễn Văn An"),
];

const SLIPS: &str = "---
title: Tin có lỗi
author: Ban Dân vận
---

Tiếng vieejt có  hai dấu cách.

Xem qua smartphone.
";

fn with_samples() -> Env {
    let env = Env::new();
    env.ok(&["sample"]);
    env
}

#[test]
fn without_an_id_it_is_still_the_integrity_check() {
    let env = with_samples();
    let out = env.ok(&["check"]);
    assert!(out.starts_with("Thư viện nguyên vẹn: 3 bài viết"), "{out}");
    assert_eq!(env.json(&["check", "--json"])["ok"], true);
}

#[test]
fn samples_are_clean_once_the_profile_is_set() {
    let env = with_samples();
    let r = env.run(&["check", "2"]);
    assert_eq!(r.code, 1, "a report with an empty profile prints blanks");
    assert!(
        r.stdout.contains("Đặt bằng: bantin profile set cap_tren"),
        "{}",
        r.stdout
    );
    for (k, v) in PROFILE {
        env.ok(&["profile", "set", k, v]);
    }
    for id in ["1", "2", "3"] {
        let out = env.ok(&["check", id]);
        assert_eq!(out, format!("Bài {id}: không thấy lỗi nào.\n"));
        assert_eq!(env.json(&["check", id, "--json"]), serde_json::json!([]));
    }
}

#[test]
fn json_lists_findings_with_the_contract_fields() {
    let env = Env::new();
    let file = env.write("loi.md", SLIPS);
    let (id, _) = env.import(&[&file])[0].clone();
    let r = env.run(&["check", &id.to_string(), "--json"]);
    assert_eq!(r.code, 1, "a lỗi makes the exit code 1");
    let f: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules: Vec<_> = f
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["chinh-ta", "dau-cach-kep", "chinh-ta"]);
    assert_eq!(
        f[0],
        serde_json::json!({
            "rule": "chinh-ta",
            "severity": "loi",
            "line": 1,
            "column": 7,
            "text": "vieejt",
            "message": f[0]["message"],
            "fix": "việt",
        })
    );
    assert_eq!(f[2]["severity"], "goi-y");
    assert!(
        f[2]["message"].as_str().unwrap().ends_with(
            "\nNếu từ này đúng, thêm vào từ điển bằng: bantin check --add-word \"smartphone\""
        ),
        "{}",
        f[2]["message"]
    );
    assert_eq!(f[2]["fix"], serde_json::Value::Null);
}

#[test]
fn fix_writes_a_new_revision_and_add_word_silences_a_word() {
    let env = Env::new();
    let file = env.write("loi.md", SLIPS);
    let id = env.import(&[&file])[0].0.to_string();
    let out = env.ok(&["check", &id, "--fix", "dau-cach-kep"]);
    assert!(
        out.ends_with("phiên bản 2 (đã sửa 1 chỗ theo quy tắc dau-cach-kep)\n"),
        "{out}"
    );
    let out = env.ok(&["check", &id, "--fix", "chinh-ta"]);
    assert!(out.contains("phiên bản 3"), "{out}");
    let article = env.json(&["show", &id, "--json"]);
    assert_eq!(
        article["body"],
        "Tiếng việt có hai dấu cách.\n\nXem qua smartphone.\n"
    );
    // Nothing left to fix: no new revision.
    let out = env.ok(&["check", &id, "--fix", "dau-cach-kep"]);
    assert!(
        out.ends_with("không có chỗ nào theo quy tắc dau-cach-kep\n"),
        "{out}"
    );
    assert_eq!(
        env.json(&["history", &id, "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );

    assert!(
        env.ok(&["check", "--add-word", "smartphone"])
            .contains("Đã thêm")
    );
    assert_eq!(
        env.ok(&["check", &id]),
        format!("Bài {id}: không thấy lỗi nào.\n")
    );

    let r = env.run(&["check", &id, "--fix", "khong-co"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không có quy tắc \"khong-co\""),
        "{}",
        r.stderr
    );
}

#[test]
fn bulletin_checks_say_where_to_set_a_field() {
    let env = with_samples();
    let out = env.ok(&[
        "bulletin",
        "new",
        "--name",
        "Bản tin Dân vận",
        "--number",
        "07",
    ]);
    let b = out.split('\t').next().unwrap().to_string();
    env.ok(&["bulletin", "add", &b, "1"]);
    env.ok(&["bulletin", "set", &b, "licensed", "co"]);
    let r = env.run(&["check", "--bulletin", &b]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains(&format!("Đặt bằng: bantin bulletin set {b} giay_phep")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("ban-tin-kho-giay"), "{}", r.stdout);
}

/// The sample photo made `width` pixels wide, as a JPEG.
fn photo(width: u32) -> Vec<u8> {
    let img = image::load_from_memory(bantin::sample::IMAGES[0].1).unwrap();
    let small = img.resize(width, width, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    small
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

#[test]
fn a_photo_too_small_for_print_is_found_as_in_the_app() {
    let env = Env::new();
    std::fs::write(env.path("nho.jpg"), photo(800)).unwrap();
    std::fs::write(env.path("lon.jpg"), photo(1200)).unwrap();
    let text = |img: &str| {
        format!(
            "---\ntitle: Tin có ảnh\nauthor: Ban Dân vận\n---\n\nHội nghị đã diễn ra.\n\n![Hội nghị](anh/{img})\n"
        )
    };
    std::fs::create_dir_all(env.path("anh")).unwrap();
    std::fs::rename(env.path("nho.jpg"), env.path("anh/nho.jpg")).unwrap();
    std::fs::rename(env.path("lon.jpg"), env.path("anh/lon.jpg")).unwrap();
    let small = env.write("nho.md", &text("nho.jpg"));
    let large = env.write("lon.md", &text("lon.jpg"));
    let ids = env.import(&[&small, &large]);
    let (small, large) = (ids[0].0.to_string(), ids[1].0.to_string());

    // 800 px across the article template's 170 mm measure: about 120 dpi.
    let r = env.run(&["check", &small, "--json"]);
    assert_eq!(r.code, 0, "a cảnh báo does not fail the check");
    let f: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let low: Vec<_> = f
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "anh-do-phan-giai-thap")
        .collect();
    assert_eq!(low.len(), 1, "{f:#}");
    assert_eq!(
        (low[0]["line"].as_u64(), low[0]["severity"].as_str()),
        (Some(3), Some("canh-bao"))
    );
    assert!(
        low[0]["message"].as_str().unwrap().contains("120 dpi"),
        "{}",
        low[0]["message"]
    );
    let out = env.ok(&["check", &small]);
    assert!(
        out.contains("3:1\tcảnh báo\tanh-do-phan-giai-thap\t"),
        "{out}"
    );

    // 1200 px is sharp enough (about 180 dpi).
    assert_eq!(
        env.ok(&["check", &large]),
        format!("Bài {large}: không thấy lỗi nào.\n")
    );
}
