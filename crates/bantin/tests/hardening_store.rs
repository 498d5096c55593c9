//! Hardening of the library file (issue 10): revisions no SQL can replace,
//! backups that are whole or absent, restores that check what they restore,
//! and a `check` that tells a busy library from a damaged one and writes
//! nothing.

mod common;

#[cfg(unix)]
use std::path::Path;

use common::Env;

fn revision_one(db: &rusqlite::Connection) -> (String, String, i64) {
    db.query_row(
        "SELECT content, reason, (SELECT count(*) FROM revisions)
         FROM revisions WHERE article_id = 1 AND number = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

#[test]
fn no_sql_statement_replaces_or_removes_a_revision() {
    let env = Env::new();
    env.ok(&["sample"]);
    let db = env.db();
    let before = revision_one(&db);
    let attempts = [
        "INSERT OR REPLACE INTO revisions (article_id, number, created_at, reason, content)
         VALUES (1, 1, '2026-01-01T00:00:00Z', 'import', 'thay thế')",
        "REPLACE INTO revisions (article_id, number, created_at, reason, content)
         VALUES (1, 1, '2026-01-01T00:00:00Z', 'import', 'thay thế')",
        "INSERT INTO revisions (article_id, number, created_at, reason, content)
         VALUES (1, 1, '2026-01-01T00:00:00Z', 'import', 'thay thế')
         ON CONFLICT (article_id, number) DO UPDATE SET content = excluded.content",
        "INSERT INTO revisions (article_id, number, created_at, reason, content)
         VALUES (1, 1, '2026-01-01T00:00:00Z', 'import', 'thay thế')
         ON CONFLICT DO NOTHING",
        "UPDATE revisions SET content = 'thay thế' WHERE article_id = 1 AND number = 1",
        "DELETE FROM revisions WHERE article_id = 1 AND number = 1",
    ];
    for recursive in ["OFF", "ON"] {
        db.execute_batch(&format!("PRAGMA recursive_triggers = {recursive}"))
            .unwrap();
        for sql in attempts {
            let r = db.execute(sql, []);
            assert!(r.is_err(), "recursive_triggers {recursive}: accepted {sql}");
            assert_eq!(revision_one(&db), before, "after {sql}");
        }
    }
    // New revisions still go in, through the library.
    drop(db);
    let md = env.write("moi.md", "# Tiêu đề mới\n\nNội dung mới.\n");
    env.ok(&["save", "1", md.to_str().unwrap()]);
    let db = env.db();
    assert_eq!(revision_one(&db).0, before.0);
    assert_eq!(revision_one(&db).2, before.2 + 1);
}

#[test]
fn an_older_library_gets_the_guard_with_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.bantin");
    {
        let db = rusqlite::Connection::open(&path).unwrap();
        for step in &bantin::store::schema::MIGRATIONS[..2] {
            db.execute_batch(step).unwrap();
        }
        db.pragma_update(None, "user_version", 2).unwrap();
    }
    let now = chrono::Utc::now();
    let lib = bantin::Library::open(&path, now).unwrap();
    let id = lib
        .create_article(
            &bantin::Content {
                title: "Bài".into(),
                body: "Nội dung".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    drop(lib);
    let db = rusqlite::Connection::open(&path).unwrap();
    let replaced = db.execute(
        "INSERT OR REPLACE INTO revisions (article_id, number, created_at, reason, content)
         VALUES (?1, 1, '2026-01-01T00:00:00Z', 'import', 'x')",
        [id],
    );
    assert!(replaced.is_err());
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("truoc-nang-cap-v2")
        })
        .count();
    assert_eq!(backups, 1);
}

/// A library big enough that a backup takes a while to write.
#[cfg(unix)] // for the kill test below
fn big_library(env: &Env) -> (i64, i64) {
    env.ok(&["sample"]);
    let db = env.db();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for i in 0..24 {
        let bytes: Vec<u8> = (0..1024 * 1024)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        db.execute(
            "INSERT INTO assets (sha256, mime, size, original_name, created_at, bytes)
             VALUES (?1, 'image/jpeg', ?2, 'anh.jpg', '2026-01-01T00:00:00Z', ?3)",
            rusqlite::params![format!("{i:064}"), bytes.len() as i64, bytes],
        )
        .unwrap();
    }
    counts(&env.library)
}

#[cfg(unix)]
fn counts(path: &Path) -> (i64, i64) {
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    db.query_row(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM assets)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap_or_else(|e| panic!("{} is not a whole library: {e}", path.display()))
}

/// A file under a backup's name is a whole backup of the library.
#[cfg(unix)]
fn assert_whole_backup(path: &Path, expected: (i64, i64), what: &str) {
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| format!("{e}"));
    assert_eq!(integrity, "ok", "{what}");
    drop(db);
    assert_eq!(counts(path), expected, "{what}");
}

#[cfg(unix)]
#[test]
fn a_backup_killed_at_any_moment_leaves_a_whole_backup_or_none() {
    use std::time::{Duration, Instant};
    let env = Env::new();
    let expected = big_library(&env);

    // How long a whole backup takes, start of the process included.
    let probe = env.path("do-thoi-gian.bantin");
    let start = Instant::now();
    env.ok(&["backup", "-o", probe.to_str().unwrap()]);
    let full = start.elapsed();
    assert_whole_backup(&probe, expected, "an uninterrupted backup");

    let rounds = 16;
    let mut killed_mid_write = 0;
    for round in 0..rounds {
        let name = format!("sao-luu-{round}.bantin");
        let dest = env.path(&name);
        let mut child = env
            .cmd()
            .args(["backup", "-o", dest.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the copy is being written (under whatever name), then
        // kill at a moment spread over the rest of the run.
        let writing = || {
            std::fs::read_dir(env.dir.path()).unwrap().any(|e| {
                let e = e.unwrap();
                e.file_name().to_string_lossy().contains(&name)
                    && e.metadata().map(|m| m.len() > 0).unwrap_or(false)
            })
        };
        let start = Instant::now();
        while !writing() && child.try_wait().unwrap().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the backup never started"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let delay = full.mul_f64(round as f64 / rounds as f64);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_write += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let what =
            format!("round {round}, killed {delay:?} into writing (a backup takes {full:?})");
        if dest.exists() {
            assert_whole_backup(&dest, expected, &what);
        } else {
            // A retry to the same name is not refused, and succeeds.
            env.ok(&["backup", "-o", dest.to_str().unwrap()]);
            assert_whole_backup(&dest, expected, &format!("{what}, retried"));
        }
    }
    assert!(
        killed_mid_write >= rounds / 4,
        "too few kills landed while the backup ran ({killed_mid_write}/{rounds})"
    );
    // The library itself is untouched by it all.
    assert_eq!(counts(&env.library), expected);
    assert!(env.ok(&["check"]).contains("nguyên vẹn"));
}

#[test]
fn a_backup_to_a_missing_folder_says_why_and_leaves_nothing() {
    let env = Env::new();
    env.ok(&["sample"]);
    let dest = env.path("khong-co/sao-luu.bantin");
    let r = env.run(&["backup", "-o", dest.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không ghi được bản sao lưu"),
        "{}",
        r.stderr
    );
    assert!(!dest.exists());
    // And the name is free for the next try once the folder is there.
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    env.ok(&["backup", "-o", dest.to_str().unwrap()]);
    let left: Vec<_> = std::fs::read_dir(dest.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec!["sao-luu.bantin".to_string()],
        "no temporary file left"
    );
}

#[test]
fn restore_refuses_a_file_whose_schema_is_not_a_library() {
    let env = Env::new();
    env.ok(&["sample"]);
    let before = env.ok(&["list"]);
    let edits = [
        ("thieu-trigger", "DROP TRIGGER revisions_append_only;"),
        ("them-cot", "ALTER TABLE articles ADD COLUMN la TEXT;"),
        ("them-bang", "CREATE TABLE la (x);"),
        (
            "thieu-bang",
            "DROP TABLE bulletin_articles; DROP TABLE bulletins;",
        ),
        (
            "bang-khac",
            "DROP TABLE settings; CREATE TABLE settings (key TEXT, value BLOB, them INT);",
        ),
    ];
    for (name, sql) in edits {
        let file = env.path(&format!("{name}.bantin"));
        env.ok(&["backup", "-o", file.to_str().unwrap()]);
        let db = rusqlite::Connection::open(&file).unwrap();
        db.execute_batch(sql).unwrap();
        drop(db);
        let r = env.run(&["restore-backup", file.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{name}: {}", r.stdout);
        assert!(
            r.stderr.contains("không phải bản sao lưu"),
            "{name}: {}",
            r.stderr
        );
        let first = r.stderr.lines().next().unwrap();
        for english in ["no such", "error", "SQL", "table"] {
            assert!(!first.contains(english), "{name}: {first}");
        }
    }
    assert_eq!(env.ok(&["list"]), before, "the library is untouched");
}

#[test]
fn check_of_a_busy_library_does_not_call_it_damaged() {
    let env = Env::new();
    env.ok(&["sample"]);
    let holder = env.db();
    holder
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO settings VALUES ('x', 'y');")
        .unwrap();
    let r = env.run(&["check"]);
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(!r.stdout.contains("khôi phục"), "{}", r.stdout);
    assert!(!r.stderr.contains("hỏng"), "{}", r.stderr);
    assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("nguyên vẹn"), "{}", r.stdout);
}

#[test]
fn check_writes_nothing_not_even_an_upgrade() {
    let env = Env::new();
    {
        let db = env.db();
        db.execute_batch(bantin::store::schema::MIGRATIONS[0])
            .unwrap();
        db.pragma_update(None, "user_version", 1).unwrap();
    }
    let before = common::sha256_file(&env.library);
    let report = env.json(&["check", "--json"]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(common::sha256_file(&env.library), before);
    let files: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("truoc-nang-cap"))
        .collect();
    assert!(files.is_empty(), "no upgrade backup: {files:?}");
    // A library that is not there is not created by a check.
    let missing = env.path("khong-co.bantin");
    let r = env
        .cmd()
        .args(["--library", missing.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(!missing.exists());
}

#[test]
fn check_finds_a_damaged_search_index() {
    let env = Env::new();
    env.ok(&["sample"]);
    env.db()
        .execute_batch("DELETE FROM search_index_data WHERE id > 10;")
        .unwrap();
    let r = env.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("khôi phục"), "{}", r.stdout);
}

#[test]
fn no_access_is_not_called_damage() {
    let e = bantin::StoreError::NoAccess {
        path: "thu-vien.bantin".into(),
    };
    let text = e.to_string();
    assert!(text.contains("không có quyền") || text.contains("Không có quyền"));
    assert!(!text.contains("khôi phục"), "{text}");
}
