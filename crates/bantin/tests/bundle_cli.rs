//! Upload bundles as a user makes and checks them: `bantin export bundle`
//! and `bantin bundle check` on the real binary.

mod common;

use std::io::Write;

use common::Env;

#[test]
fn export_bundles_of_several_articles_and_check_them() {
    let env = Env::new();
    env.ok(&["sample"]);
    let dir = env.path("goi");
    let r = env.run(&[
        "export",
        "bundle",
        "1",
        "2",
        "-o",
        dir.to_str().unwrap(),
        "--with-pdf",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Đang đóng gói bài 2/2"),
        "progress for many articles: {}",
        r.stderr
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    let first = lines[0].split('\t').nth(1).unwrap();
    assert!(first.ends_with("2026-11-20-xuan-hong-day-manh-xay-dung-van-hoa-cong-so-trong-co-quan-dang-chinh-quyen.zip"), "{first}");
    let check = env.run(&["bundle", "check", first]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("hợp lệ"));

    // The same article bundled again gives the same bytes.
    let name = std::path::Path::new(first).file_name().unwrap();
    for d in ["goi-3", "goi-4"] {
        env.ok(&["export", "bundle", "1", "-o", env.path(d).to_str().unwrap()]);
    }
    assert_eq!(
        std::fs::read(env.path("goi-3").join(name)).unwrap(),
        std::fs::read(env.path("goi-4").join(name)).unwrap()
    );
}

#[test]
fn a_tampered_bundle_is_rejected_with_reasons() {
    let env = Env::new();
    env.ok(&["sample"]);
    let dir = env.path("goi");
    let out = env.ok(&["export", "bundle", "1", "-o", dir.to_str().unwrap()]);
    let file = out.trim().split('\t').nth(1).unwrap().to_string();
    // Append a file the manifest does not list: the zip stays valid, the bundle does not.
    let mut zip = zip::ZipWriter::new_append(
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&file)
            .unwrap(),
    )
    .unwrap();
    zip.start_file("images/them.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"not listed").unwrap();
    zip.finish().unwrap();
    let r = env.run(&["bundle", "check", &file]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("lỗi"), "{}", r.stdout);
    let json = env.run(&["bundle", "check", &file, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "extra_file"),
        "{v}"
    );

    std::fs::write(env.path("rac.zip"), b"day khong phai zip").unwrap();
    let r = env.run(&["bundle", "check", env.path("rac.zip").to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("Lỗi: "), "{}", r.stderr);
}
