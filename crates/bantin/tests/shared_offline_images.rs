//! Photos in the offline queue, on a real server (issue 14): a photo saved
//! while the server is stopped waits on this PC with the save, by the hash
//! of its bytes (the same photo twice waits once), goes up before the
//! revision that shows it when the server is back, and is stored once even
//! when it is sent again; a sender killed with SIGKILL in the middle of the
//! photos loses nothing, doubles nothing, and never sends a revision before
//! its photo. Needs BANTIN_TEST_PG (scripts/test.sh); the restart test
//! starts its own cluster with scripts/pg.sh, so no other test loses its
//! server.

#[path = "shared_common/own_cluster.rs"]
mod own_cluster;
mod shared_common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use bantin::hash::sha256_hex;
use bantin::model::{Content, RevisionReason};
use bantin::queue::{IMAGES_DIR, Queue, Queued};
use bantin::store::assets::NewAsset;
use bantin::store::pg::server::Role;
use own_cluster::{OwnCluster, bantin, ok};
use shared_common::Db;

const PHOTO: &[u8] = bantin::sample::IMAGES[0].1;

#[test]
fn a_photo_saved_while_the_server_is_down_goes_up_before_its_revision_once() {
    shared_common::cluster();
    let cluster = OwnCluster::start();
    let db = Db::on(&cluster.url, "anh_halt");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let queue_dir = dir.path().join("hang-cho");
    let now = chrono::Utc::now();
    let lib = lan.open();
    let ids: Vec<i64> = ["Hội nghị chi bộ", "Tin vắn tháng 12"]
        .iter()
        .map(|t| {
            lib.create_article(
                &Content {
                    title: t.to_string(),
                    body: "Bản đầu.\n".into(),
                    ..Content::default()
                },
                now,
            )
            .unwrap()
        })
        .collect();
    drop(lib);
    std::fs::write(dir.path().join("hoi-nghi.jpg"), PHOTO).unwrap();
    let sha = sha256_hex(PHOTO);

    cluster.halt();
    // Two articles saved with the same photo while the server is down.
    for (n, id) in ids.iter().enumerate() {
        let file = dir.path().join(format!("bai-{n}.md"));
        std::fs::write(
            &file,
            format!("---\ntitle: Bài {n}\n---\nẢnh hội nghị.\n\n![Hội nghị](hoi-nghi.jpg)\n"),
        )
        .unwrap();
        let out = ok(bantin(&lan, &queue_dir)
            .args(["save", &id.to_string(), "--base", "1"])
            .arg(&file)
            .output()
            .unwrap());
        assert!(
            out.contains(&format!("đang chờ gửi ({} lần lưu, 1 ảnh chờ", n + 1)),
            "{out}"
        );
    }
    let queue = Queue::open(&queue_dir).unwrap();
    let waiting = queue.waiting_images().unwrap();
    assert_eq!(waiting.len(), 1, "the same photo waits once");
    assert_eq!(
        (
            waiting[0].sha256.as_str(),
            waiting[0].original_name.as_str()
        ),
        (sha.as_str(), "hoi-nghi.jpg")
    );
    let saves = queue.pending().unwrap();
    assert_eq!(saves.len(), 2);
    assert!(
        saves
            .iter()
            .all(|q| q.content.body.contains(&format!("(asset:{sha})"))),
        "{saves:?}"
    );
    let list = ok(bantin(&lan, &queue_dir)
        .args(["queue", "list"])
        .output()
        .unwrap());
    assert!(
        list.contains(&format!("ảnh\thoi-nghi.jpg\t{} byte\t{sha}", PHOTO.len())),
        "{list}"
    );
    // Still down: `queue send` says so and keeps all of it.
    let out = bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 lần lưu và 1 ảnh vẫn chờ trong máy"),
        "{stderr}"
    );
    assert_eq!(queue.waiting_images().unwrap().len(), 1);

    cluster.resume();
    // Copies of the photo and the first save as queued, as if the sender
    // died after the server took them and before crossing them off.
    let photo_file = queue_dir.join(IMAGES_DIR).join(format!("{sha}.anh"));
    let photo_copy = std::fs::read(&photo_file).unwrap();
    let first_save = std::fs::read_dir(&queue_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .min()
        .unwrap();
    let save_copy = std::fs::read(&first_save).unwrap();
    let out = ok(bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .output()
        .unwrap());
    let photo_line = out.find("ảnh\thoi-nghi.jpg\tđã gửi");
    let first_revision = out.find("phiên bản 2");
    assert!(
        photo_line.is_some() && first_revision.is_some() && photo_line < first_revision,
        "the photo goes up first: {out}"
    );
    assert!(queue.pending().unwrap().is_empty());
    assert!(queue.waiting_images().unwrap().is_empty());

    // Sent a second time: found on the server, not doubled.
    std::fs::write(&photo_file, &photo_copy).unwrap();
    std::fs::write(&first_save, &save_copy).unwrap();
    let out = ok(bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .output()
        .unwrap());
    assert!(out.contains("phiên bản 2"), "{out}");
    assert!(queue.waiting_images().unwrap().is_empty());

    let mut admin = db.admin();
    let photos: i64 = admin
        .query_one("SELECT count(*) FROM assets WHERE sha256 = $1", &[&sha])
        .unwrap()
        .get(0);
    assert_eq!(photos, 1, "the photo is stored once");
    let lib = lan.open();
    assert_eq!(lib.asset_bytes(&sha).unwrap(), PHOTO);
    for id in &ids {
        assert_eq!(lib.history(*id).unwrap().len(), 2, "one revision each");
        assert!(
            lib.article(*id)
                .unwrap()
                .content
                .body
                .contains(&format!("(asset:{sha})"))
        );
    }
    drop(lib);
    drop(db);
}

#[test]
fn a_sender_killed_while_sending_photos_loses_and_doubles_nothing() {
    let db = Db::new("anh_kill");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let queue_dir = dir.path().join("hang-cho");
    let lib = lan.open();
    let now = chrono::Utc::now();
    let id = lib
        .create_article(
            &Content {
                title: "Phóng sự ảnh".into(),
                body: "Bản đầu.\n".into(),
                ..Content::default()
            },
            now,
        )
        .unwrap();
    // An afternoon offline: a new photo (~400 KB) in each of 60 saves.
    const N: usize = 60;
    let queue = Queue::open(&queue_dir).unwrap();
    let (mut shas, mut uuids) = (Vec::new(), Vec::new());
    for k in 0..N {
        let bytes = [PHOTO, &vec![k as u8; 400_000], &(k as u32).to_le_bytes()].concat();
        let sha = queue
            .keep_image(
                &NewAsset {
                    bytes,
                    mime: "image/jpeg".into(),
                    original_name: format!("anh-{k}.jpg"),
                },
                now,
            )
            .unwrap();
        let q = Queued::new(
            id,
            1 + k as u32,
            Content {
                title: "Phóng sự ảnh".into(),
                body: format!("Lần sửa {k}.\n\n![Ảnh {k}](asset:{sha})\n"),
                ..Content::default()
            },
            RevisionReason::Autosave,
            now,
        );
        queue.push(&q).unwrap();
        shas.push(sha);
        uuids.push(q.revision_id);
    }
    let count = |c: &mut postgres::Client, sql: &str, keys: &Vec<String>| -> i64 {
        c.query_one(sql, &[keys]).unwrap().get(0)
    };
    const PHOTOS: &str = "SELECT count(*) FROM assets WHERE sha256 = ANY($1)";
    const REVISIONS: &str = "SELECT count(*) FROM revisions WHERE uuid = ANY($1)";
    let mut admin = db.admin();
    let mut child = bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while count(&mut admin, PHOTOS, &shas) < 10 {
        assert!(Instant::now() < deadline, "the sender sent nothing");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let at_kill = count(&mut admin, PHOTOS, &shas) as usize;
    assert!(
        at_kill < N,
        "the sender finished the photos before it was killed; the test proves nothing"
    );
    // The photos go first: no revision went up while photos still waited.
    assert_eq!(count(&mut admin, REVISIONS, &uuids), 0);
    // Each photo is on the server or still waiting (or both, when the kill
    // fell between the server's answer and crossing it off).
    let left = queue.waiting_images().unwrap().len();
    assert!(at_kill + left >= N, "{at_kill} stored, {left} waiting");
    assert!(at_kill + left <= N + 1, "{at_kill} stored, {left} waiting");
    assert_eq!(queue.pending().unwrap().len(), N);

    ok(bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .output()
        .unwrap());
    assert!(queue.waiting_images().unwrap().is_empty());
    assert!(queue.pending().unwrap().is_empty());
    let r = admin
        .query_one(
            "SELECT count(*), count(DISTINCT sha256) FROM assets WHERE sha256 = ANY($1)",
            &[&shas],
        )
        .unwrap();
    assert_eq!(
        (r.get::<_, i64>(0), r.get::<_, i64>(1)),
        (N as i64, N as i64)
    );
    assert_eq!(count(&mut admin, REVISIONS, &uuids), N as i64);
    // Every revision's photo is there, in order.
    let history = lib.history(id).unwrap();
    assert_eq!(history.len(), 1 + N);
    for (k, rev) in history.iter().skip(1).enumerate() {
        let body = lib.revision(id, rev.number).unwrap().content.body;
        assert!(body.starts_with(&format!("Lần sửa {k}.")), "{body}");
    }
    assert_eq!(lib.asset(&shas[N - 1]).unwrap().original_name, "anh-59.jpg");
    assert_eq!(
        lib.asset_bytes(&shas[7]).unwrap().len(),
        PHOTO.len() + 400_004
    );
}
