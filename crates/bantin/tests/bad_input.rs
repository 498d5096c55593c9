//! Bad input gets a clear Vietnamese sentence on stderr and exit code 1 —
//! never a panic, never a changed library. One table, one row per case.

mod common;

use std::path::PathBuf;

use common::{Env, OFFICE_CULTURE, Run};

struct Case {
    name: &'static str,
    /// Builds the input in the test folder and returns the arguments.
    setup: fn(&Env) -> Vec<String>,
    /// A phrase the message must contain.
    says: &'static str,
}

fn file(env: &Env, name: &str, bytes: &[u8]) -> String {
    let p = env.path(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

fn import(path: String) -> Vec<String> {
    vec!["import".into(), path]
}

const CASES: &[Case] = &[
    Case {
        name: "missing file",
        setup: |e| import(e.path("khong-co.md").to_string_lossy().into()),
        says: "Không tìm thấy tệp",
    },
    Case {
        name: "a directory",
        setup: |e| {
            std::fs::create_dir_all(e.path("thu-muc")).unwrap();
            import(e.path("thu-muc").to_string_lossy().into())
        },
        says: "là một thư mục",
    },
    Case {
        name: "non-UTF-8 bytes",
        setup: |e| import(file(e, "latin1.md", b"# Ti\xeau \xf0\xe8\n\nVi\xea\xf2t\n")),
        says: "UTF-8",
    },
    Case {
        name: "binary file",
        setup: |e| import(file(e, "anh.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")),
        says: "không phải văn bản",
    },
    Case {
        name: "empty file",
        setup: |e| import(file(e, "trong.md", b"")),
        says: "trống",
    },
    Case {
        name: "only whitespace",
        setup: |e| import(file(e, "trang.md", b"  \n\n\t\n")),
        says: "trống",
    },
    Case {
        name: "50 MB file",
        setup: |e| {
            let p = e.path("lon.md");
            let f = std::fs::File::create(&p).unwrap();
            f.set_len(50 * 1024 * 1024).unwrap();
            import(p.to_string_lossy().into())
        },
        says: "quá lớn",
    },
    Case {
        name: "unclosed front matter",
        setup: |e| import(file(e, "fm.md", "---\ntitle: Bài\n\nNội dung".as_bytes())),
        says: "front matter",
    },
    Case {
        name: "broken YAML",
        setup: |e| {
            import(file(
                e,
                "fm2.md",
                "---\ntitle: [Bài\nkind: : :\n---\nNội dung".as_bytes(),
            ))
        },
        says: "dòng",
    },
    Case {
        name: "unknown kind",
        setup: |e| {
            import(file(
                e,
                "kind.md",
                "---\ntitle: Bài\nkind: tho\n---\nNội dung".as_bytes(),
            ))
        },
        says: "loại bài \"tho\" không hợp lệ",
    },
    Case {
        name: "bad date",
        setup: |e| {
            import(file(
                e,
                "date.md",
                "---\ntitle: Bài\ndate: 31/02/2026\n---\nNội dung".as_bytes(),
            ))
        },
        says: "ngày \"31/02/2026\" không hợp lệ",
    },
    Case {
        name: "missing image",
        setup: |e| {
            import(file(
                e,
                "img.md",
                "# Bài\n\n![Ảnh](khong-co.jpg)\n".as_bytes(),
            ))
        },
        says: "không tìm thấy ảnh",
    },
    Case {
        name: "broken image",
        setup: |e| {
            file(e, "hong.jpg", b"day khong phai la anh jpeg");
            import(file(e, "img2.md", "# Bài\n\n![Ảnh](hong.jpg)\n".as_bytes()))
        },
        says: "không phải ảnh",
    },
    Case {
        name: "corrupt library file",
        setup: |e| {
            std::fs::write(&e.library, vec![0x42u8; 8192]).unwrap();
            vec!["list".into()]
        },
        says: "bị hỏng hoặc không phải thư viện",
    },
    Case {
        name: "library path is a folder",
        setup: |e| {
            std::fs::create_dir_all(&e.library).unwrap();
            vec!["list".into()]
        },
        says: "là một thư mục",
    },
    Case {
        name: "article that does not exist",
        setup: |_| vec!["show".into(), "42".into()],
        says: "Không có bài viết số 42",
    },
];

fn assert_clear_error(name: &str, r: &Run, says: &str) {
    assert_eq!(
        r.code, 1,
        "{name}: exit code 1, got {} (stderr: {})",
        r.code, r.stderr
    );
    assert!(r.stderr.starts_with("Lỗi: "), "{name}: {}", r.stderr);
    assert!(
        r.stderr.contains(says),
        "{name}: message should say {says:?}, got: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    assert!(
        r.stdout.is_empty(),
        "{name}: nothing on stdout, got {}",
        r.stdout
    );
}

#[test]
fn bad_input_table() {
    for case in CASES {
        let env = Env::new();
        let args = (case.setup)(&env);
        let r = env.run(&args);
        assert_clear_error(case.name, &r, case.says);
    }
}

#[test]
fn a_bad_file_in_a_batch_imports_nothing_and_names_it() {
    let env = Env::new();
    let good1 = env.write("tot-1.md", OFFICE_CULTURE);
    let bad = env.write("hong.md", "---\ntitle: x\nkind: khong-biet\n---\nx");
    let good2 = env.write("tot-2.md", "# Bài tốt thứ hai\n\nNội dung.");
    let r = env.run(&[
        "import".as_ref(),
        good1.as_os_str(),
        bad.as_os_str(),
        good2.as_os_str(),
    ]);
    assert_clear_error("batch", &r, "chưa nhập bài nào");
    assert!(
        r.stderr.contains("hong.md"),
        "names the bad file: {}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("tot-1.md"),
        "does not blame good files: {}",
        r.stderr
    );
    assert_eq!(
        env.json(&["list", "--json"]),
        serde_json::json!([]),
        "nothing went in"
    );
}

#[test]
fn a_library_from_a_newer_version_is_refused_untouched() {
    let env = Env::new();
    {
        let db = rusqlite::Connection::open(&env.library).unwrap();
        db.execute_batch(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = common::sha256_file(&env.library);
    let r = env.run(&["list"]);
    assert_clear_error("newer", &r, "phiên bản Bản Tin mới hơn");
    assert_eq!(
        common::sha256_file(&env.library),
        before,
        "the file is not modified"
    );
    assert!(!PathBuf::from(format!("{}-wal", env.library.display())).exists());
}

#[test]
fn a_locked_library_is_reported_as_busy() {
    let env = Env::new();
    env.ok(&["list"]);
    let holder = env.db();
    holder
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO settings VALUES ('x', 'y');")
        .unwrap();
    let a = env.write("a.md", OFFICE_CULTURE);
    let r = env.run(&["import".as_ref(), a.as_os_str()]);
    assert_clear_error("locked", &r, "đang được một chương trình khác sử dụng");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        env.import(&[&a]).len(),
        1,
        "works again once the other program lets go"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_library_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    let folder = env.path("chi-doc");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let a = env.write("a.md", OFFICE_CULTURE);
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut cmd = env.cmd();
    cmd.env("BANTIN_LIBRARY", folder.join("thu-vien.bantin"))
        .args(["import".as_ref(), a.as_os_str()]);
    // Root ignores folder permissions; run as an ordinary user then, as an
    // editor would be. That user may not reach the binary where the checkout
    // lives (a clone under a 0700 folder), so it runs a copy in the test's
    // own folder, which it can reach.
    if unsafe { libc_geteuid() } == 0 {
        let own = env.path("bantin");
        std::fs::copy(env!("CARGO_BIN_EXE_bantin"), &own).unwrap();
        std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut copy = std::process::Command::new(&own);
        copy.env("BANTIN_LIBRARY", folder.join("thu-vien.bantin"))
            .args(["import".as_ref(), a.as_os_str()]);
        cmd = copy;
        cmd.uid(65534).gid(65534);
    }
    let r = Run::from(cmd.output().unwrap());
    assert_clear_error(
        "read-only folder",
        &r,
        "chỉ cho đọc hoặc bạn không có quyền ghi",
    );
}

#[cfg(unix)]
unsafe extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}
