//! What an attacker in the office would try on the shared library, and the
//! database refusing it (issue 14). Each refusal is checked with raw SQL as
//! that account too: the app never enforces a permission the database does
//! not also enforce. Needs BANTIN_TEST_PG (scripts/test.sh). Search, which
//! goes past the policies through a function of its own, is in `search`.

#[path = "../shared_common/mod.rs"]
mod shared_common;

mod search;

use bantin::markdown;
use bantin::model::{Content, RevisionReason, Status};
use bantin::store::StoreError;
use bantin::store::pg::server::Role;
use chrono::Utc;
use shared_common::Db;

const DENIED: &str = "42501";

fn content(title: &str, status: Status) -> Content {
    Content {
        title: title.into(),
        body: "Nội dung bài viết.".into(),
        status,
        ..Content::default()
    }
}

fn sql_state(e: &postgres::Error) -> &str {
    e.code().map(|c| c.code()).unwrap_or("")
}

#[test]
fn an_editor_of_one_commune_gets_nothing_of_another_communes_article() {
    let db = Db::new("other_commune");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let id = b
        .open()
        .create_article(&content("Bài của xã B", Status::Draft), Utc::now())
        .unwrap();

    let lib = a.open();
    assert!(matches!(
        lib.article(id),
        Err(StoreError::ArticleNotFound(_))
    ));
    assert!(matches!(
        lib.history(id),
        Err(StoreError::ArticleNotFound(_))
    ));
    assert!(lib.list_articles().unwrap().is_empty());
    assert!(lib.search("xa", &Default::default()).unwrap().is_empty());
    assert!(matches!(
        lib.save_article(
            id,
            &content("Chiếm", Status::Draft),
            RevisionReason::Save,
            Utc::now()
        ),
        Err(StoreError::ArticleNotFound(_))
    ));

    // The same with any SQL the account can send.
    let mut raw = a.raw();
    let n: i64 = raw
        .query_one("SELECT count(*) FROM articles WHERE id = $1", &[&id])
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "the row is invisible");
    let n: i64 = raw
        .query_one(
            "SELECT count(*) FROM revisions WHERE article_id = $1",
            &[&id],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "its history too");
    let changed = raw
        .execute("UPDATE articles SET title = 'Chiếm' WHERE id = $1", &[&id])
        .unwrap();
    assert_eq!(changed, 0);
    let e = raw
        .execute(
            "INSERT INTO revisions (uuid, article_id, number, created_at, reason, content)
             VALUES ('gia-mao', $1, 99, '', 'save', '{}')",
            &[&id],
        )
        .unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
    let e = raw
        .execute(
            "INSERT INTO articles (unit, title, kind, body, body_text, created_at, updated_at, revision)
             VALUES ('xa-b', 'Cài vào xã B', 'tin-bai', '', '', '', '', 1)",
            &[],
        )
        .unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
    let e = raw.query("SELECT * FROM users", &[]).unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");

    // Nor its unit's profile.
    b.open().set_profile_field("ten_don_vi", "Xã B").unwrap();
    assert!(lib.profile().unwrap().fields.is_empty());
    assert_eq!(
        raw.execute("UPDATE settings SET value = 'Chiếm'", &[])
            .unwrap(),
        0
    );

    // B still has its article, untouched.
    assert_eq!(b.open().article(id).unwrap().content.title, "Bài của xã B");
}

#[test]
fn only_a_reviewer_approves() {
    let db = Db::new("only_reviewer");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let reviewer = db.user("duyet", Role::Reviewer, "xa-a");
    let lib = editor.open();
    let id = lib
        .create_article(&content("Chờ duyệt", Status::Pending), Utc::now())
        .unwrap();

    // Through the app…
    let e = lib
        .save_article(
            id,
            &content("Chờ duyệt", Status::Approved),
            RevisionReason::Save,
            Utc::now(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "shared_denied", "{e}");
    assert!(e.to_string().contains("chỉ người duyệt"), "{e}");
    let e = lib
        .create_article(&content("Tự duyệt", Status::Approved), Utc::now())
        .unwrap_err();
    assert_eq!(e.code(), "shared_denied", "{e}");
    // … and with raw SQL.
    let e = editor
        .raw()
        .execute(
            "UPDATE articles SET status = 'da-duyet' WHERE id = $1",
            &[&id],
        )
        .unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
    assert_eq!(lib.article(id).unwrap().content.status, Status::Pending);
    assert_eq!(lib.history(id).unwrap().len(), 1, "nothing half-written");

    // A reviewer can, and the article keeps its history.
    let n = reviewer
        .open()
        .save_article(
            id,
            &content("Chờ duyệt", Status::Approved),
            RevisionReason::Save,
            Utc::now(),
        )
        .unwrap();
    assert_eq!(n, Some(2));
    assert_eq!(lib.article(id).unwrap().content.status, Status::Approved);
    let changed = reviewer
        .raw()
        .execute(
            "UPDATE articles SET status = 'da-duyet' WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!(changed, 1);
    // Who wrote each revision is the login, whatever the client says.
    let logins: Vec<String> = db
        .admin()
        .query(
            "SELECT login FROM revisions WHERE article_id = $1 ORDER BY number",
            &[&id],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(logins, [editor.login.clone(), reviewer.login.clone()]);
}

#[test]
fn a_district_reviewer_sees_the_approved_articles_of_its_communes_only() {
    let db = Db::new("district");
    db.unit("huyen", None);
    db.unit("xa-a", Some("huyen"));
    db.unit("xa-khac", None);
    let commune_reviewer = db.user("duyet_xa", Role::Reviewer, "xa-a");
    let district = db.user("duyet_huyen", Role::Reviewer, "huyen");
    let district_editor = db.user("bt_huyen", Role::Editor, "huyen");
    let other = db.user("duyet_khac", Role::Reviewer, "xa-khac");
    let commune = commune_reviewer.open();
    let now = Utc::now();
    let draft = commune
        .create_article(&content("Nháp của xã", Status::Draft), now)
        .unwrap();
    let approved = commune
        .create_article(&content("Đã duyệt của xã", Status::Approved), now)
        .unwrap();
    let other_approved = other
        .open()
        .create_article(&content("Xã ngoài huyện", Status::Approved), now)
        .unwrap();

    let seen: Vec<i64> = district
        .open()
        .list_articles()
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(seen, [approved]);
    assert_eq!(district.open().history(approved).unwrap().len(), 1);
    assert!(matches!(
        district.open().article(draft),
        Err(StoreError::ArticleNotFound(_))
    ));
    assert!(matches!(
        district.open().article(other_approved),
        Err(StoreError::ArticleNotFound(_))
    ));
    // Seeing is not changing: the commune's article stays the commune's.
    let changed = district
        .raw()
        .execute(
            "UPDATE articles SET title = 'Sửa hộ' WHERE id = $1",
            &[&approved],
        )
        .unwrap();
    assert_eq!(changed, 0);
    // A district editor (not a reviewer) does not gather the communes' articles.
    assert!(district_editor.open().list_articles().unwrap().is_empty());

    // The district's bulletin prints the commune's approved article…
    let d = district.open();
    let issue = d
        .create_bulletin(
            &bantin::store::NewBulletin {
                name: "Bản tin huyện".into(),
                number: "1".into(),
                date: None,
            },
            now,
        )
        .unwrap();
    d.add_to_bulletin(issue, &[approved], None, now).unwrap();
    assert!(matches!(
        d.add_to_bulletin(issue, &[draft], None, now),
        Err(StoreError::ArticleNotFound(_))
    ));
    // … which the commune does not see, but cannot pull from under it.
    assert!(commune.list_bulletins().unwrap().is_empty());
    let e = commune.trash_article(approved, true, now).unwrap_err();
    assert!(matches!(e, StoreError::ArticleInBulletins { .. }), "{e:?}");
    assert!(commune.article(approved).is_ok());
    assert_eq!(
        d.bulletin(issue).unwrap().articles,
        [approved],
        "the district's issue keeps it"
    );
    // Raw SQL: no look at, or change to, the district's issue.
    let mut raw = commune_reviewer.raw();
    let n: i64 = raw
        .query_one("SELECT count(*) FROM bulletin_articles", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    assert_eq!(
        raw.execute("DELETE FROM bulletin_articles", &[]).unwrap(),
        0
    );
    assert_eq!(raw.execute("DELETE FROM bulletins", &[]).unwrap(), 0);
}

#[test]
fn revisions_are_append_only_even_for_the_owner() {
    let db = Db::new("append_only");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let id = editor
        .open()
        .create_article(&content("Bài", Status::Draft), Utc::now())
        .unwrap();
    let mut admin = db.admin();
    for sql in [
        "UPDATE revisions SET content = '{}'",
        "DELETE FROM revisions",
        "TRUNCATE revisions CASCADE",
    ] {
        let e = admin.batch_execute(sql).unwrap_err();
        assert_eq!(sql_state(&e), DENIED, "{sql}: {e}");
    }
    let e = editor
        .raw()
        .batch_execute("DELETE FROM revisions")
        .unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
    assert_eq!(editor.open().history(id).unwrap().len(), 1);
}

#[test]
fn a_revision_sent_twice_is_stored_once() {
    let db = Db::new("sent_twice");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let lib = editor.open();
    let now = Utc::now();
    let id = lib
        .create_article(&content("Bài", Status::Draft), now)
        .unwrap();
    let c = content("Bài (sửa khi mất mạng)", Status::Draft);
    let d = markdown::derive(&c);
    let uuid = "6f1d3c9e-8a8f-4d6b-9c57-0d3b1f2e4a10";
    let first = lib
        .save_derived_once(id, uuid, &c, &d, RevisionReason::Save, now)
        .unwrap();
    // The answer was lost with the network; the queue sends it again, from
    // another connection.
    let again = editor
        .open()
        .save_derived_once(id, uuid, &c, &d, RevisionReason::Save, now)
        .unwrap();
    assert_eq!((first, again), (Some(2), Some(2)));
    assert_eq!(lib.history(id).unwrap().len(), 2);
    assert_eq!(lib.article(id).unwrap().revision, 2);

    // The database keeps it so whatever the client does.
    let mut raw = editor.raw();
    for _ in 0..2 {
        raw.execute(
            "INSERT INTO revisions (uuid, article_id, number, created_at, reason, content)
             VALUES ('lap-lai', $1, 50, '', 'save', '{}') ON CONFLICT (uuid) DO NOTHING",
            &[&id],
        )
        .unwrap();
    }
    let n: i64 = raw
        .query_one("SELECT count(*) FROM revisions WHERE uuid = 'lap-lai'", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    let e = raw
        .execute(
            "INSERT INTO revisions (uuid, article_id, number, created_at, reason, content)
             VALUES ('lap-lai', $1, 51, '', 'save', '{}')",
            &[&id],
        )
        .unwrap_err();
    assert_eq!(sql_state(&e), "23505", "{e}");
}

#[test]
fn a_wrong_password_and_an_unprepared_database_are_refused_in_words() {
    let db = Db::new("refusals");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let wrong = editor.url.replace(&editor.password, "sai-mat-khau");
    let e = bantin::store::Library::open(std::path::Path::new(&wrong), Utc::now()).unwrap_err();
    // Said as what it is: the password, not the network.
    assert_eq!(e.code(), "shared_login");
    assert!(!e.to_string().contains("sai-mat-khau"), "{e}");
    // A database nobody prepared.
    let bare = db.admin_url().replace(&db.name, "postgres");
    let e = bantin::store::Library::open(std::path::Path::new(&bare), Utc::now()).unwrap_err();
    assert_eq!(e.code(), "shared_not_ready");
}

#[test]
fn a_cut_connection_is_said_in_words_and_writes_nothing() {
    let db = Db::new("cut_connection");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let lib = editor.open();
    let id = lib
        .create_article(&content("Bài", Status::Draft), Utc::now())
        .unwrap();
    // The server ends this account's sessions (a restart, a cut network).
    db.admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            &[&editor.login],
        )
        .unwrap();
    let e = lib
        .save_article(
            id,
            &content("Bài (sửa)", Status::Draft),
            RevisionReason::Save,
            Utc::now(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "shared_lost", "{e}");
    assert!(
        e.to_string().starts_with("Mất kết nối tới thư viện chung"),
        "{e}"
    );
    assert_eq!(editor.open().history(id).unwrap().len(), 1);
    // The server is there again: the library connects again by itself.
    lib.save_article(
        id,
        &content("Bài (sửa)", Status::Draft),
        RevisionReason::Save,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(editor.open().history(id).unwrap().len(), 2);
}

#[test]
fn an_account_outside_every_unit_writes_nothing() {
    let db = Db::new("no_unit");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    let id = editor
        .open()
        .create_article(&content("Bài của xã A", Status::Draft), Utc::now())
        .unwrap();
    // A role someone made by hand, in the editors' group but in no unit.
    let login = format!("{}_lac", db.name);
    db.admin()
        .batch_execute(&format!(
            "CREATE ROLE {login} LOGIN PASSWORD 'mk-lac' IN ROLE bantin_bien_tap"
        ))
        .unwrap();
    let lac = shared_common::User {
        url: db.url(&login, "mk-lac"),
        login,
        password: "mk-lac".into(),
    };
    let lib = lac.open();
    assert!(lib.list_articles().unwrap().is_empty());
    assert!(matches!(
        lib.article(id),
        Err(StoreError::ArticleNotFound(_))
    ));
    let e = lib
        .create_article(&content("Bài lạc", Status::Draft), Utc::now())
        .unwrap_err();
    assert_eq!(e.code(), "shared_denied", "{e}");
}

#[test]
fn a_new_accounts_password_is_kept_as_a_scram_verifier_and_works() {
    let db = Db::new("hashed_password");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let stored: String = db
        .admin()
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = $1",
            &[&lan.login],
        )
        .unwrap()
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");
    assert!(!stored.contains(&lan.password));
    // And it logs in with the password it was given.
    assert!(lan.open().list_articles().unwrap().is_empty());
}

#[test]
fn office_templates_are_per_unit_and_append_only() {
    let db = Db::new("templates_unit");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let text = bantin::typeset::templates::shipped_text("report")
        .unwrap()
        .replacen("name: report/hd36-2018", "name: report/xa-a", 1);
    let t = bantin::typeset::templates::TemplateText::parse(&text).unwrap();
    a.open().save_template(&t, Utc::now()).unwrap();
    assert_eq!(a.open().list_templates().unwrap().len(), 1);
    assert!(b.open().list_templates().unwrap().is_empty());
    assert!(b.open().template("report/xa-a").unwrap().is_none());
    let mut raw = b.raw();
    let n: i64 = raw
        .query_one("SELECT count(*) FROM templates", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "another commune's templates are not even counted");
    // B cannot slip a template into A's unit.
    let e = raw
        .execute(
            "INSERT INTO templates (unit, name, revision, title, kind, content, created_at)
             VALUES ('xa-a', 'report/gia', 1, 'Giả', 'report', $1, '2026-01-01T00:00:00Z')",
            &[&text],
        )
        .unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
    let mut admin = db.admin();
    for sql in [
        "UPDATE templates SET content = ''",
        "DELETE FROM templates",
        "TRUNCATE templates",
    ] {
        let e = admin.batch_execute(sql).unwrap_err();
        assert_eq!(sql_state(&e), DENIED, "{sql}: {e}");
    }
    assert_eq!(
        a.open().template("report/xa-a").unwrap().unwrap().revision,
        1
    );
}

#[test]
fn export_choices_are_per_unit_and_append_only() {
    use bantin::export::{Subject, go_on_anyway};
    let db = Db::new("export_choices_unit");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let report = Content {
        kind: bantin::model::Kind::BaoCao,
        ..content("Báo cáo của xã A", Status::Draft)
    };
    let lib = a.open();
    let id = lib.create_article(&report, Utc::now()).unwrap();
    assert!(go_on_anyway(&lib, Subject::Article(id), "pdf", Utc::now()).unwrap() > 0);
    assert_eq!(lib.export_choices(id).unwrap().len(), 1);
    // The database names who chose, whatever the row says.
    let login: String = a
        .raw()
        .query_one("SELECT login FROM export_choices", &[])
        .unwrap()
        .get(0);
    assert_eq!(login, a.login);

    // Another commune sees none of it and cannot write one for A's article.
    assert!(b.open().export_choices(id).unwrap().is_empty());
    let mut raw = b.raw();
    let n: i64 = raw
        .query_one("SELECT count(*) FROM export_choices", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    for sql in [
        "INSERT INTO export_choices (unit, article_id, revision, what, findings, created_at)
         VALUES ('xa-a', $1, 1, 'pdf', '[]', '2026-01-01T00:00:00Z')",
        "INSERT INTO export_choices (article_id, revision, what, findings, created_at)
         VALUES ($1, 1, 'pdf', '[]', '2026-01-01T00:00:00Z')",
    ] {
        let e = raw.execute(sql, &[&id]).unwrap_err();
        assert_eq!(sql_state(&e), DENIED, "{sql}: {e}");
    }
    // Nobody changes or removes a record, not even the owner of the database.
    let mut admin = db.admin();
    for sql in [
        "UPDATE export_choices SET findings = '[]'",
        "DELETE FROM export_choices",
        "TRUNCATE export_choices",
    ] {
        let e = admin.batch_execute(sql).unwrap_err();
        assert_eq!(sql_state(&e), DENIED, "{sql}: {e}");
    }
    assert_eq!(a.open().export_choices(id).unwrap().len(), 1);
}
