//! No data loss: a `bantin import` killed with SIGKILL half-way leaves a
//! library that passes `PRAGMA integrity_check` and holds every article
//! committed before the kill (and, imports being all or nothing, none of the
//! interrupted batch). SIGKILL is Unix's; on Windows the file is empty.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::{Env, OFFICE_CULTURE};

fn long_article(i: usize) -> String {
    let para = "Chi bộ thôn đã tổ chức học tập, quán triệt Nghị quyết về xây dựng văn hóa công sở đến từng đảng viên; \
                cán bộ, công chức xã niềm nở hướng dẫn Nhân dân, giải quyết hồ sơ đúng hạn và trước hạn. ";
    format!("# Bài thử số {i}\n\n{}\n", para.repeat(40))
}

#[test]
fn sigkill_in_the_middle_of_a_large_import_loses_nothing_committed() {
    let env = Env::new();
    let first = env.write("truoc.md", OFFICE_CULTURE);
    let committed = env.import(&[&first]);

    let dir = env.path("lo-lon");
    std::fs::create_dir_all(&dir).unwrap();
    let mut args = vec!["import".to_string()];
    for i in 0..4000 {
        let p = dir.join(format!("bai-{i:04}.md"));
        std::fs::write(&p, long_article(i)).unwrap();
        args.push(p.to_string_lossy().into_owned());
    }

    let mut child = env
        .cmd()
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import is writing (its write-ahead log grows past 1 MB),
    // then kill it without warning.
    let wal = std::path::PathBuf::from(format!("{}-wal", env.library.display()));
    let start = Instant::now();
    let mut killed_mid_write = false;
    while start.elapsed() < Duration::from_secs(120) {
        if std::fs::metadata(&wal)
            .map(|m| m.len() > 1024 * 1024)
            .unwrap_or(false)
        {
            killed_mid_write = true;
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the import finished ({status}) before it could be interrupted; make the batch larger"
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(killed_mid_write, "the import never started writing");

    let db = rusqlite::Connection::open(&env.library).unwrap();
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    drop(db);
    assert!(
        env.ok(&["check"])
            .contains("Thư viện nguyên vẹn: 1 bài viết")
    );
    let list = env.json(&["list", "--json"]);
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![committed[0].0],
        "the committed article is there, the interrupted batch is not"
    );
    assert_eq!(
        env.json(&["search", "dang vien", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // And the library keeps working.
    let again = env.write("sau.md", "# Bài sau sự cố\n\nVẫn nhập được bình thường.");
    assert_eq!(env.import(&[&again]).len(), 1);
}
