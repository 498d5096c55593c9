//! Real processes on a real server (issue 14): two `bantin save` at once on
//! one article (both kept, the merge offered and saved with `bantin merge`);
//! the server stopped in the middle of a save and started again (the save
//! waits in the offline queue and arrives once); the sender killed with
//! SIGKILL while it empties the queue (nothing lost, nothing doubled).
//! Needs BANTIN_TEST_PG (scripts/test.sh); the restart test starts its own
//! cluster with scripts/pg.sh, so no other test loses its server.

#[path = "shared_common/own_cluster.rs"]
mod own_cluster;
mod shared_common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use bantin::model::{Content, RevisionReason};
use bantin::queue::{Queue, Queued};
use bantin::store::pg::server::Role;
use bantin::store::{Library, Saved};
use own_cluster::{OwnCluster, bantin, ok, pg_sh};
use shared_common::{Db, User};

fn history(u: &User, id: i64) -> Vec<bantin::model::RevisionInfo> {
    u.open().history(id).unwrap()
}

const START: &str = "---\ntitle: Bài chung\n---\nĐoạn một.\n\nĐoạn hai.\n\nĐoạn ba.\n";

#[test]
fn two_processes_saving_one_revision_keep_both_and_merge() {
    let db = Db::new("offline_two");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let minh = db.user("minh", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let (ql, qm) = (dir.path().join("q-lan"), dir.path().join("q-minh"));
    let f = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let start = f("bai.md", START);
    let out = ok(bantin(&lan, &ql)
        .arg("import")
        .arg(&start)
        .output()
        .unwrap());
    let id: i64 = out.split('\t').next().unwrap().parse().unwrap();
    let a = f("lan.md", &START.replace("Đoạn một.", "Đoạn một của Lan."));
    let b = f("minh.md", &START.replace("Đoạn ba.", "Đoạn ba của Minh."));
    // Both opened revision 1; both save at once.
    let children: Vec<_> = [(&lan, &ql, &a), (&minh, &qm, &b)]
        .into_iter()
        .map(|(u, q, file)| {
            bantin(u, q)
                .args(["save", &id.to_string(), "--base", "1"])
                .arg(file)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<String> = children
        .into_iter()
        .map(|c| ok(c.wait_with_output().unwrap()))
        .collect();
    let all = outs.concat();
    assert!(
        all.contains("phiên bản 2") && all.contains("phiên bản 3"),
        "{all}"
    );
    assert!(all.contains("cần hợp nhất"), "{all}");
    assert_eq!(history(&lan, id).len(), 3);

    // The merge is offered with both changes in it, no conflict.
    let out = bantin(&lan, &ql)
        .args(["merge", &id.to_string()])
        .output()
        .unwrap();
    let proposal = ok(out.clone());
    assert!(proposal.contains("Đoạn một của Lan.") && proposal.contains("Đoạn ba của Minh."));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 chỗ khác nhau"));
    // A file with the marks still in it is refused; the merged one is saved.
    let marked = f(
        "dau.md",
        "---\ntitle: Bài chung\n---\n▶▶ Chỗ khác nhau 1\n\nx\n\n◀◀ Hết chỗ khác nhau 1\n",
    );
    let out = bantin(&lan, &ql)
        .args(["merge", &id.to_string(), "--save"])
        .arg(&marked)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dòng đánh dấu"));
    let merged = f(
        "hop-nhat.md",
        &format!("---\ntitle: Bài chung\n---\n{proposal}"),
    );
    let out = ok(bantin(&lan, &ql)
        .args(["merge", &id.to_string(), "--save"])
        .arg(&merged)
        .output()
        .unwrap());
    assert!(out.contains("phiên bản 4"), "{out}");
    let h = history(&lan, id);
    assert_eq!(h.len(), 4);
    assert_eq!(h[3].reason, RevisionReason::Merge);
    let out = ok(bantin(&minh, &qm)
        .args(["merge", &id.to_string()])
        .output()
        .unwrap());
    assert!(out.contains("không có lần lưu chéo"), "{out}");
}

#[test]
fn the_server_stopped_in_the_middle_of_a_save_gets_it_once_when_back() {
    // Our own cluster: the others' tests keep theirs running.
    shared_common::cluster();
    let cluster = OwnCluster::start();
    let db = Db::on(&cluster.url, "halt");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("hang-cho");
    let id = lan
        .open()
        .create_article(
            &Content {
                title: "Bài chung".into(),
                body: "Bản đầu.\n".into(),
                ..Content::default()
            },
            chrono::Utc::now(),
        )
        .unwrap();
    let file = dir.path().join("bai.md");
    std::fs::write(
        &file,
        "---\ntitle: Bài chung\n---\nBản sửa lúc máy chủ tắt.\n",
    )
    .unwrap();

    // The article's row is held by another transaction, so the save is
    // inside its own transaction, waiting, when the server goes down.
    let mut admin = db.admin();
    let mut holder = admin.transaction().unwrap();
    holder
        .query("SELECT 1 FROM articles WHERE id = $1 FOR UPDATE", &[&id])
        .unwrap();
    let child = bantin(&lan, &queue)
        .args(["save", &id.to_string()])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut watch = db.admin();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let waiting: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'",
                &[&lan.login],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the save never reached the server"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    pg_sh(&cluster.dir, "halt");
    drop(holder);
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    // The command succeeds: the save is safe on this PC and says it waits.
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Mất kết nối") && stderr.contains("vẫn chờ trong máy"),
        "{stderr}"
    );
    assert!(!stdout.contains("phiên bản 2"), "{stdout}");
    let waiting = Queue::open(&queue).unwrap().pending().unwrap();
    assert_eq!(waiting.len(), 1);
    // While the server is down, `queue send` says so and keeps it.
    let out = bantin(&lan, &queue)
        .args(["queue", "send"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(Queue::open(&queue).unwrap().pending().unwrap().len(), 1);

    pg_sh(&cluster.dir, "resume");
    // Keep a copy of the queued file, as if the program died right after the
    // server took it and before crossing it off.
    let entry = std::fs::read_dir(&queue)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let copy = std::fs::read(&entry).unwrap();
    let out = ok(bantin(&lan, &queue)
        .args(["queue", "send"])
        .output()
        .unwrap());
    assert!(out.contains("phiên bản 2"), "{out}");
    std::fs::write(&entry, &copy).unwrap();
    let out = ok(bantin(&lan, &queue)
        .args(["queue", "send"])
        .output()
        .unwrap());
    assert!(
        out.contains("phiên bản 2"),
        "answered with the stored number: {out}"
    );
    assert!(Queue::open(&queue).unwrap().pending().unwrap().is_empty());
    let h = history(&lan, id);
    assert_eq!(h.len(), 2, "the revision arrived once");
    assert_eq!(
        lan.open().article(id).unwrap().content.body,
        "Bản sửa lúc máy chủ tắt.\n"
    );
    drop(db);
}

#[test]
fn a_sender_killed_while_emptying_the_queue_loses_and_doubles_nothing() {
    let db = Db::new("offline_kill");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let dir = tempfile::tempdir().unwrap();
    let queue_dir = dir.path().join("hang-cho");
    let lib = lan.open();
    let now = chrono::Utc::now();
    let ids: Vec<i64> = (0..3)
        .map(|a| {
            lib.create_article(
                &Content {
                    title: format!("Bài {a}"),
                    body: "Bản đầu.\n".into(),
                    ..Content::default()
                },
                now,
            )
            .unwrap()
        })
        .collect();
    // An afternoon offline: 600 saves, round-robin over three articles.
    const SAVES: usize = 600;
    let queue = Queue::open(&queue_dir).unwrap();
    let mut uuids = Vec::new();
    for k in 0..SAVES {
        let (a, j) = (k % 3, k / 3);
        let q = Queued::new(
            ids[a],
            1 + j as u32,
            Content {
                title: format!("Bài {a}"),
                body: format!("Lần sửa {j}.\n"),
                ..Content::default()
            },
            RevisionReason::Autosave,
            now,
        );
        uuids.push(q.revision_id.clone());
        queue.push(&q).unwrap();
    }
    let stored = |c: &mut postgres::Client| -> i64 {
        c.query_one(
            "SELECT count(*) FROM revisions WHERE uuid = ANY($1)",
            &[&uuids],
        )
        .unwrap()
        .get(0)
    };
    let mut admin = db.admin();
    let mut child = bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while stored(&mut admin) < 50 {
        assert!(Instant::now() < deadline, "the sender sent nothing");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let at_kill = stored(&mut admin);
    assert!(
        (at_kill as usize) < SAVES,
        "the sender finished before it was killed; the test proves nothing"
    );
    let left = Queue::open(&queue_dir).unwrap().pending().unwrap().len();
    // Each save is either on the server or still queued (or both, when the
    // kill fell between the server's answer and crossing it off).
    assert!(
        at_kill as usize + left >= SAVES,
        "{at_kill} stored, {left} queued"
    );
    assert!(
        at_kill as usize + left <= SAVES + 1,
        "{at_kill} stored, {left} queued"
    );

    ok(bantin(&lan, &queue_dir)
        .args(["queue", "send"])
        .output()
        .unwrap());
    assert!(
        Queue::open(&queue_dir)
            .unwrap()
            .pending()
            .unwrap()
            .is_empty()
    );
    let (n, distinct): (i64, i64) = {
        let r = admin
            .query_one(
                "SELECT count(*), count(DISTINCT uuid) FROM revisions WHERE uuid = ANY($1)",
                &[&uuids],
            )
            .unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!((n, distinct), (SAVES as i64, SAVES as i64));
    // In order: each article's revisions are its saves, one after another,
    // none crossing another.
    for (a, id) in ids.iter().enumerate() {
        let h = history(&lan, *id);
        assert_eq!(h.len(), 1 + SAVES / 3, "article {a}");
        for (j, rev) in h.iter().skip(1).enumerate() {
            let body = lib.revision(*id, rev.number).unwrap().content.body;
            assert_eq!(body, format!("Lần sửa {j}.\n"), "article {a}");
        }
        assert_eq!(lib.pending_merge(*id).unwrap(), None);
    }
}

/// "Bài chung" with `body`, as an editor writes it.
fn shared_article(body: &str) -> Content {
    Content {
        title: "Bài chung".into(),
        body: body.into(),
        ..Content::default()
    }
}

/// An editor's shared library in a fresh database holding one article
/// (revision 1, "Bản đầu."), and an empty queue (kept while the folder is).
fn one_article_and_a_queue(test: &str) -> (Library, i64, Queue, tempfile::TempDir) {
    let db = Db::new(test);
    db.unit("xa-a", None);
    let lib = db.user("lan", Role::Editor, "xa-a").open();
    let id = lib
        .create_article(&shared_article("Bản đầu.\n"), chrono::Utc::now())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let queue = Queue::open(dir.path()).unwrap();
    (lib, id, queue, dir)
}

#[test]
fn saves_queued_one_after_another_follow_each_other_instead_of_crossing() {
    let (lib, id, queue, _dir) = one_article_and_a_queue("offline_follow");
    let (c, now) = (shared_article, chrono::Utc::now());
    // Typed while the server was away: queued from revision 1, unsent.
    let first = Queued::new(
        id,
        1,
        c("Bản đầu, sửa lần một.\n"),
        RevisionReason::Autosave,
        now,
    );
    queue.push(&first).unwrap();
    // More typing, still from revision 1 as far as the screen knows; the
    // server is back for this save.
    let second = Queued::new(
        id,
        1,
        c("Bản đầu, sửa lần hai.\n"),
        RevisionReason::Save,
        now,
    );
    let done = queue.save_edit(Some(&lib), second).unwrap();
    let (second, sent) = (done.queued, done.sent);
    assert_eq!(done.saved, Some(Saved::Written(3)));
    assert_eq!(second.follows.as_deref(), Some(first.revision_id.as_str()));
    let saved: Vec<_> = sent.done.iter().map(|(_, s)| *s).collect();
    assert_eq!(saved, [Saved::Written(2), Saved::Written(3)]);
    assert!(sent.stopped.is_none() && sent.refused.is_empty());
    // One editor's own saves never wait for a merge with each other.
    assert_eq!(lib.pending_merge(id).unwrap(), None);
    assert_eq!(
        lib.article(id).unwrap().content.body,
        "Bản đầu, sửa lần hai.\n"
    );
    assert_eq!(
        lib.revision_with_id(id, &first.revision_id).unwrap(),
        Some(2)
    );
    assert!(queue.pending().unwrap().is_empty());
}

#[test]
fn a_save_to_a_server_that_does_not_answer_waits_here_at_once_and_goes_up_later() {
    let (lib, id, queue, _dir) = one_article_and_a_queue("offline_silent");
    let (c, now) = (shared_article, chrono::Utc::now());
    // The server takes no connection (a cut network): the save is not
    // sent, it waits on this PC, and the editor hears so at once.
    let q = Queued::new(id, 1, c("Viết khi mạng mất.\n"), RevisionReason::Save, now);
    let done = queue.save_edit_with(Some(&lib), q, |_| false).unwrap();
    assert_eq!(done.saved, None);
    assert!(
        done.sent
            .stopped
            .as_ref()
            .is_some_and(|e| e.is_unreachable()),
        "{:?}",
        done.sent.stopped
    );
    assert_eq!(done.sent.waiting, 1);
    assert_eq!(queue.pending().unwrap(), [done.queued.clone()]);
    assert_eq!(lib.history(id).unwrap().len(), 1);
    // Back: the next save sends both, in order, once each.
    let q = Queued::new(
        id,
        1,
        c("Viết khi mạng có lại.\n"),
        RevisionReason::Save,
        now,
    );
    let again = queue.save_edit(Some(&lib), q).unwrap();
    assert_eq!(again.saved, Some(Saved::Written(3)));
    assert_eq!(
        lib.revision_with_id(id, &done.queued.revision_id).unwrap(),
        Some(2)
    );
    assert_eq!(lib.history(id).unwrap().len(), 3);
    assert!(queue.pending().unwrap().is_empty());
}

#[test]
fn a_library_whose_connection_the_server_dropped_connects_again() {
    let db = Db::new("offline_reconnect");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let lib = lan.open();
    assert_eq!(lib.count_articles().unwrap(), 0);
    // The server ends the connection (as a restart does).
    db.admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            &[&lan.login],
        )
        .unwrap();
    // The operation that finds it gone says so, as "unreachable" (the
    // queue keeps a save then); the next one connects again by itself.
    let first = lib.count_articles();
    assert!(
        first.as_ref().is_err_and(|e| e.is_unreachable()),
        "{first:?}"
    );
    assert_eq!(lib.count_articles().unwrap(), 0);
}

/// Without `--queue`, the queue lives in the user's data folder, named by
/// the library: however its address was written, one library is one queue,
/// the one the app uses (it names it by the address as the library shows
/// itself). No server is needed: the address points where nothing listens.
#[test]
fn one_library_has_one_queue_however_its_address_was_written() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bai.md");
    std::fs::write(&file, "---\ntitle: Bài chờ gửi\n---\nĐoạn một.\n").unwrap();
    for typed in [
        "postgresql://lan:bi-mat@127.0.0.1:1/bantin",
        "postgres://lan@127.0.0.1:1/bantin?connect_timeout=5",
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
            .env("BANTIN_LIBRARY", typed)
            .env_remove("BANTIN_QUEUE")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .args(["save", "7", "--base", "3"])
            .arg(&file)
            .output()
            .unwrap();
        let said = ok(out);
        assert!(said.contains("đang chờ gửi"), "{said}");
    }
    let queues: Vec<_> = std::fs::read_dir(home.path().join("data/bantin/hang-cho"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(queues.len(), 1, "one queue for both forms: {queues:?}");
    let pending = Queue::open(&queues[0]).unwrap().pending().unwrap();
    assert_eq!(pending.len(), 2, "both saves wait in it, in order");
    // The folder the app opens for this library, as the library shows itself.
    let apps = Queue::default_dir("postgresql://lan@127.0.0.1:1/bantin").unwrap();
    assert_eq!(apps.file_name(), queues[0].file_name());
}
