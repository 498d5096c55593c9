//! Chuyển bài lên thư viện chung (issue 14): local articles arrive in the
//! shared library with every revision (time, reason, text) and their
//! images; copying twice stores nothing twice; revisions written since are
//! sent on the next copy. The connection from a `.bantin-ket-noi` file that
//! `bantin server user add --ket-noi` writes: its certificate is what lets
//! the app reach "another machine" over TLS. Needs BANTIN_TEST_PG.

mod shared_common;

use std::process::Command;

use bantin::model::{Content, RevisionReason, Status};
use bantin::store::assets::{NewAsset, sha256_hex};
use bantin::store::pg::server::Role;
use bantin::store::pg::{KetNoi, Login};
use bantin::store::{Library, StoreError};
use chrono::{DateTime, Duration, TimeZone, Utc};
use shared_common::Db;

fn t(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn content(title: &str, body: &str) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        ..Content::default()
    }
}

/// A local library with one article of three revisions (one a restore)
/// showing a photo, and a second article.
fn local_library(dir: &std::path::Path) -> (Library, i64, i64, String) {
    let lib = Library::open(&dir.join("thu-vien.bantin"), t(0)).unwrap();
    let photo = NewAsset {
        bytes: std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/sample/hoi-nghi.jpg"
        ))
        .unwrap(),
        mime: "image/jpeg".into(),
        original_name: "hoi-nghi.jpg".into(),
    };
    let sha = sha256_hex(&photo.bytes);
    let first = content(
        "Hội nghị dân vận",
        &format!("Bản đầu.\n\n![Hội nghị](asset:{sha})"),
    );
    let ids = lib
        .insert_with_assets(
            std::slice::from_ref(&first),
            &[&photo],
            RevisionReason::Import,
            t(1),
        )
        .unwrap();
    let id = ids[0];
    let second = content("Hội nghị dân vận khéo", "Bản thứ hai, đã bỏ ảnh.");
    lib.save_article(id, &second, RevisionReason::Save, t(2))
        .unwrap();
    lib.restore_revision(id, 1, t(3)).unwrap();
    let other = lib
        .create_article(&content("Tin ngắn", "Thôn Lạc Nam họp dân."), t(4))
        .unwrap();
    (lib, id, other, sha)
}

#[test]
fn an_article_arrives_with_its_whole_history_once() {
    let db = Db::new("push_history");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let (local, id, other, sha) = local_library(dir.path());
    let shared = lan.open();

    let pushed = local
        .push_to(&shared, &[id], &bantin::markdown::derive, t(10))
        .unwrap();
    assert_eq!((pushed[0].sent, pushed[0].revisions), (3, 3));
    let sid = pushed[0].shared_id;
    let here = local.history(id).unwrap();
    let there = shared.history(sid).unwrap();
    let strip = |h: Vec<bantin::model::RevisionInfo>| {
        h.into_iter()
            .map(|r| {
                (
                    r.number,
                    r.created_at,
                    r.reason,
                    r.restored_from,
                    r.title,
                    r.size,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(there), strip(here), "every revision, as it was");
    for n in 1..=3 {
        assert_eq!(
            shared.revision(sid, n).unwrap().content,
            local.revision(id, n).unwrap().content
        );
    }
    assert_eq!(
        shared.article(sid).unwrap().content,
        local.article(id).unwrap().content
    );
    assert_eq!(
        shared.asset_bytes(&sha).unwrap(),
        local.asset_bytes(&sha).unwrap()
    );
    assert_eq!(
        shared
            .search("hoi nghi", &Default::default())
            .unwrap()
            .len(),
        1
    );

    // Twice: nothing doubled.
    let again = local
        .push_to(&shared, &[id, other], &bantin::markdown::derive, t(11))
        .unwrap();
    assert_eq!((again[0].shared_id, again[0].sent), (sid, 0));
    assert_eq!(again[1].sent, 1);
    assert_eq!(shared.count_articles().unwrap(), 2);
    assert_eq!(shared.history(sid).unwrap().len(), 3);
    let mut raw = db.admin();
    let n: i64 = raw
        .query_one("SELECT count(*) FROM revisions", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 4);

    // Written since on this PC: only that is sent, after what is there.
    let later = content("Hội nghị dân vận (sửa)", "Bản thứ tư.");
    local
        .save_article(id, &later, RevisionReason::Save, t(12))
        .unwrap();
    let third = local
        .push_to(&shared, &[id], &bantin::markdown::derive, t(13))
        .unwrap();
    assert_eq!(third[0].sent, 1);
    assert_eq!(shared.history(sid).unwrap().len(), 4);
    assert_eq!(
        shared.article(sid).unwrap().content.title,
        "Hội nghị dân vận (sửa)"
    );
}

#[test]
fn the_database_still_decides_what_arrives() {
    let db = Db::new("push_denied");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let (local, id, other, _) = local_library(dir.path());
    let mut approved = local.article(other).unwrap().content;
    approved.status = Status::Approved;
    local
        .save_article(other, &approved, RevisionReason::Save, t(5))
        .unwrap();
    let shared = lan.open();
    // An editor cannot bring in an approved article: only reviewers approve.
    let e = local
        .push_to(&shared, &[id, other], &bantin::markdown::derive, t(10))
        .unwrap_err();
    assert!(matches!(e, StoreError::SharedDenied(_)), "{e:?}");
    // The first article arrived whole; the refused one left nothing.
    assert_eq!(shared.count_articles().unwrap(), 1);
    assert_eq!(shared.list_articles().unwrap()[0].revision, 3);
    // Only from this PC's library to a shared one.
    assert!(
        shared
            .push_to(&local, &[id], &bantin::markdown::derive, t(11))
            .is_err()
    );
}

fn bantin(args: &[&str], library: &str, password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .env("BANTIN_LIBRARY", library)
        .env("PGPASSWORD", password)
        .env_remove("PGSSLROOTCERT")
        .output()
        .unwrap()
}

#[test]
fn the_cli_pushes_and_writes_the_connection_file() {
    let db = Db::new("push_cli");
    let (admin, admin_pw) = db.admin_address();
    let login = format!("{}_lan", db.name);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lan.bantin-ket-noi");
    let ca = std::env::var("BANTIN_TEST_PG_CA").expect("BANTIN_TEST_PG_CA (scripts/pg.sh ca)");
    let out = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args([
            "server", "user", "add", &login, "--role", "bien-tap", "--don-vi", "xa-a",
        ])
        .args(["--password-stdin", "--ket-noi"])
        .arg(&file)
        .args(["--chung-chi", &ca])
        .env("BANTIN_LIBRARY", &admin)
        .env("PGPASSWORD", &admin_pw)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"mat-khau-cua-lan\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("mat-khau-cua-lan"),
        "no password unless asked: {text}"
    );
    let k = KetNoi::parse(&text).unwrap();
    assert_eq!(
        (k.login.user.as_str(), k.unit.as_deref()),
        (login.as_str(), Some("xa-a"))
    );

    // The file's certificate is what makes "another machine" (127.0.0.2,
    // TLS only) trusted; without it the password is not sent.
    let remote = Login {
        host: "127.0.0.2".into(),
        password: Some("mat-khau-cua-lan".into()),
        ..k.login.clone()
    };
    let lib = Library::open_shared(&remote).unwrap();
    assert_eq!(lib.count_articles().unwrap(), 0);
    let untrusted = Login {
        root_cert: None,
        ..remote.clone()
    };
    let e = Library::open_shared(&untrusted).unwrap_err();
    assert_eq!(e.code(), "shared_tls", "{e}");
    let wrong = Login {
        password: Some("sai".into()),
        ..remote
    };
    let e = Library::open_shared(&wrong).unwrap_err();
    assert_eq!(e.code(), "shared_login", "{e}");
    assert!(
        e.to_string()
            .contains("không nhận tên đăng nhập hoặc mật khẩu"),
        "{e}"
    );

    // bantin server push, twice.
    let (local, id, _, _) = local_library(dir.path());
    drop(local);
    let lan = k.login.address();
    let local_file = dir.path().join("thu-vien.bantin");
    let push = || {
        bantin(
            &[
                "server",
                "push",
                &id.to_string(),
                "--tu",
                local_file.to_str().unwrap(),
            ],
            &lan,
            "mat-khau-cua-lan",
        )
    };
    let out = push();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Hội nghị dân vận (đã gửi 3/3 phiên bản)"),
        "{stdout}"
    );
    let out = push();
    assert!(String::from_utf8_lossy(&out.stdout).contains("(đã gửi 0/3 phiên bản)"));
    let list = bantin(&["list"], &lan, "mat-khau-cua-lan");
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 1);
}
