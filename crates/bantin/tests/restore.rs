//! Restoring a library from a backup (`bantin restore-backup FILE`): the
//! backup's articles come back, the library as it was is kept beside it,
//! and a damaged, foreign or newer file is refused with the library
//! untouched.

mod common;

use common::Env;

fn titles(env: &Env) -> String {
    env.ok(&["list"])
}

#[test]
fn a_backup_comes_back_and_the_library_before_it_is_kept() {
    let env = Env::new();
    env.ok(&["sample"]);
    let backup = env.path("sao-luu.bantin");
    env.ok(&["backup", "-o", backup.to_str().unwrap()]);
    // Work after the backup: one article deleted, one new.
    env.ok(&["delete", "3"]);
    let md = env.write("moi.md", "# Bài mới sau sao lưu\n\nNội dung.\n");
    env.ok(&["import", md.to_str().unwrap()]);
    assert!(titles(&env).contains("Bài mới sau sao lưu"));

    let out = env.ok(&["restore-backup", backup.to_str().unwrap()]);
    assert!(out.contains("3 bài viết"), "{out}");
    let now = titles(&env);
    assert!(!now.contains("Bài mới sau sao lưu"), "{now}");
    assert!(
        now.contains("Thôn Lạc Nam"),
        "the deleted article is back: {now}"
    );
    assert!(
        env.ok(&["search", "lac nam"]).contains("Thôn Lạc Nam"),
        "searchable"
    );
    assert_eq!(env.json(&["check", "--json"])["ok"], true);

    // The library as it was before the restore is kept, whole.
    let kept: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("truoc-khoi-phuc"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let before = env.dir.path().join(&kept[0]);
    let list = env
        .cmd()
        .args(["--library", before.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("Bài mới sau sao lưu"));
    // No temporary files left.
    assert!(
        std::fs::read_dir(env.dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp"))
    );
}

#[test]
fn a_bad_backup_is_refused_and_the_library_is_untouched() {
    let env = Env::new();
    env.ok(&["sample"]);
    let before = titles(&env);
    let garbage = env.write("hong.bantin", "đây không phải cơ sở dữ liệu");
    let foreign = env.path("khac.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 0;")
        .unwrap();
    let newer = env.path("moi-hon.bantin");
    env.ok(&["backup", "-o", newer.to_str().unwrap()]);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    for (file, says) in [
        (garbage.to_str().unwrap().to_string(), "bị hỏng"),
        (
            foreign.to_str().unwrap().to_string(),
            "không phải bản sao lưu",
        ),
        (
            newer.to_str().unwrap().to_string(),
            "phiên bản Bản Tin mới hơn",
        ),
        (
            env.path("khong-co.bantin").to_str().unwrap().to_string(),
            "không tìm thấy",
        ),
    ] {
        let r = env.run(&["restore-backup", &file]);
        assert_eq!(r.code, 1, "{file}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{file}: {}", r.stderr);
    }
    assert_eq!(titles(&env), before);
}
