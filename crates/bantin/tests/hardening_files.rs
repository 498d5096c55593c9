//! Hardening of what the CLI reads and writes (issue 10): files that are not
//! regular files, encodings, control characters, a full standard output, and
//! messages free of dependencies' English.

mod common;

use std::io::Read;
#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use common::Run;
use common::{Env, OFFICE_CULTURE};

/// Runs `bantin ARGS`, failing the test (instead of hanging it) past 20 s.
#[cfg(unix)] // for the pipe and device test below
fn run_within(env: &Env, args: &[&str]) -> Run {
    let mut child = env
        .cmd()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Run::from(child.wait_with_output().unwrap());
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("bantin {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_is_refused_at_once() {
    let env = Env::new();
    env.ok(&["sample"]);
    let fifo = env.path("ong-dan.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["import", fifo], "ống dẫn"),
        (&["save", "1", fifo], "ống dẫn"),
        (&["bundle", "check", fifo], "ống dẫn"),
        (&["restore-backup", fifo], "ống dẫn"),
        (&["import", "/dev/zero"], "thiết bị"),
        (&["save", "1", "/dev/zero"], "thiết bị"),
        (&["bundle", "check", "/dev/zero"], "thiết bị"),
        (&["restore-backup", "/dev/zero"], "thiết bị"),
    ];
    for (args, says) in cases {
        let r = run_within(&env, args);
        assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("không phải một tệp thường"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_a_bom_is_read_as_text_and_without_one_is_named() {
    let env = Env::new();
    for (name, big_endian) in [("le.md", false), ("be.md", true)] {
        let p = env.path(name);
        std::fs::write(&p, utf16(OFFICE_CULTURE, big_endian, true)).unwrap();
        let r = env.run(&["import", p.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(
            r.stdout.contains("Hội nghị sơ kết phong trào thi đua"),
            "{name}: {}",
            r.stdout
        );
    }
    let hits = env.json(&["search", "dang vien", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 2);

    let p = env.path("khong-bom.md");
    std::fs::write(&p, utf16(OFFICE_CULTURE, false, false)).unwrap();
    let r = env.run(&["import", p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("UTF-16"), "{}", r.stderr);
    assert!(!r.stderr.contains("Word"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_full_standard_output_is_an_error() {
    let env = Env::new();
    env.ok(&["sample"]);
    for args in [&["list"][..], &["show", "1", "--json"], &["--help"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let r = Run::from(env.cmd().args(args).stdout(full).output().unwrap());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("Không ghi được kết quả"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn control_characters_never_reach_the_library_or_what_it_publishes() {
    let env = Env::new();
    // Past the first 8 KB, where the binary-file test does not look.
    let mut text = String::from("# Bài có ký tự lạ\n\n");
    while text.len() < 9000 {
        text.push_str("Chi bộ thôn tổ chức học tập nghị quyết. ");
    }
    text.push_str("\n\nĐoạn\0 cuối\u{1b}[31m có\u{7} ký tự điều khiển.\tHết.\r\n");
    let md = env.write("la.md", &text);
    env.ok(&["import", md.to_str().unwrap()]);

    let html = env.ok(&["show", "1", "--html"]);
    let json = env.ok(&["show", "1", "--json"]);
    for (what, out) in [("html", &html), ("json", &json)] {
        assert!(!out.contains('\0') && !out.contains("\\u0000"), "{what}");
        assert!(
            !out.contains('\u{1b}') && !out.contains("\\u001b"),
            "{what}"
        );
    }
    assert!(
        html.contains("Đoạn cuối[31m có ký tự điều khiển."),
        "kept the words"
    );

    let dir = env.path("goi");
    let out = env.ok(&["export", "bundle", "1", "-o", dir.to_str().unwrap()]);
    let zip_path = out.trim().split('\t').nth(1).unwrap().to_string();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.ends_with(".html") {
            let mut s = String::new();
            entry.read_to_string(&mut s).unwrap();
            assert!(!s.contains('\0'), "{name}");
            assert!(s.contains("Đoạn cuối"), "{name}");
        }
    }

    // The same through a save, whoever sends it (the app saves through the
    // library directly).
    let lib = bantin::Library::open(&env.library, chrono::Utc::now()).unwrap();
    let mut content = lib.article(1).unwrap().content;
    content.title = "Tiêu\0 đề\u{8}".into();
    content.body.push_str("\nThêm\u{0} dòng.");
    let now = chrono::Utc::now();
    assert!(
        lib.save_article(1, &content, bantin::model::RevisionReason::Save, now)
            .unwrap()
            .is_some()
    );
    let saved = lib.article(1).unwrap().content;
    assert_eq!(saved.title, "Tiêu đề");
    assert!(saved.body.ends_with("\nThêm dòng."));
    assert_eq!(
        lib.save_article(1, &content, bantin::model::RevisionReason::Autosave, now)
            .unwrap(),
        None,
        "the same text saved again is no change"
    );
}

/// Words a dependency's English message carries; none may open a message.
const ENGLISH: &[&str] = &[
    "error",
    "Error",
    "found",
    "expected",
    "os error",
    "invalid",
    "never",
    "line ",
    "did not",
    "mapping",
    "while",
    "scanning",
    "Permission",
    "denied",
    "such file",
];

fn assert_vietnamese_first_line(what: &str, stderr: &str) {
    let first = stderr.lines().next().unwrap_or_default();
    for word in ENGLISH {
        assert!(!first.contains(word), "{what}: {word:?} in {first:?}");
    }
    for line in stderr.lines().skip(1).filter(|l| !l.starts_with("  - ")) {
        assert!(
            line.starts_with("Chi tiết kỹ thuật:"),
            "{what}: only the technical detail goes after the sentence: {stderr}"
        );
    }
}

#[test]
fn front_matter_and_file_messages_are_vietnamese_sentences() {
    let env = Env::new();
    let cases: &[(&str, &str, &str)] = &[
        (
            "chua-dong.md",
            "---\ntitle: Bài\n\nNội dung",
            "không có dòng ---",
        ),
        (
            "ngoac.md",
            "---\ntitle: [Bài\nkind: tin-bai\n---\nNội dung",
            "dòng",
        ),
        (
            "dau-phay.md",
            "---\ntags: [a, b\nauthor: x\n---\nNội dung",
            "dòng",
        ),
        (
            "nhay.md",
            "---\ntitle: \"Bài\nauthor: x\n---\nNội dung",
            "dòng",
        ),
        ("hai-cham.md", "---\ntitle: a: b: c\n---\nNội dung", "dòng"),
        ("sai-kieu.md", "---\ntags:\n  a: 1\n---\nNội dung", "dòng 3"),
        (
            "danh-sach.md",
            "---\n- a\n- b\n---\nNội dung",
            "tên: giá trị",
        ),
        (
            "tab.md",
            "---\ntitle: a\n\tauthor: b\n---\nNội dung",
            "dòng",
        ),
    ];
    for (name, text, says) in cases {
        let p = env.write(name, text);
        let r = env.run(&["import", p.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{name}");
        assert!(
            r.stderr.contains("thông tin đầu bài"),
            "{name}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
        assert_vietnamese_first_line(name, &r.stderr);
    }
    // A file the system will not let us read (root reads anything, so the
    // message is built from the error the system would give).
    let e = bantin::import::ImportError::Unreadable {
        path: "bai.md".into(),
        source: std::io::Error::from_raw_os_error(13),
    };
    assert_vietnamese_first_line("permission", &format!("Lỗi: {e}"));
    assert!(e.to_string().contains("không có quyền đọc"), "{e}");
    // Library-level failures.
    for (what, setup) in [
        ("garbage backup", "đây không phải cơ sở dữ liệu"),
        ("empty backup", ""),
    ] {
        let p = env.write(&format!("{what}.bantin"), setup);
        let r = env.run(&["restore-backup", p.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{what}");
        assert_vietnamese_first_line(what, &r.stderr);
    }
    let e = bantin::StoreError::from_sqlite(
        std::path::Path::new("x"),
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some("UNIQUE constraint failed: articles.id".into()),
        ),
    );
    assert_vietnamese_first_line("sqlite", &format!("Lỗi: {e}"));
}
