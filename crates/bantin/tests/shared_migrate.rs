//! A shared library prepared by an earlier Bản Tin (schema v3, search on
//! trigram indexes) brought up to date by `bantin server init`: its articles
//! get their titles' folded words (v5, folded by our own `text::fold`) and
//! the index for the newest articles (v6), are found and ranked as new ones, and still say
//! who changed them last. Needs the cluster from scripts/test.sh.

mod shared_common;

use std::str::FromStr;

use bantin::store::pg::schema;
use bantin::store::pg::server::{self, Role};
use bantin::store::{Library, SearchOptions};

#[test]
fn articles_written_before_v4_are_searched_like_new_ones() {
    let cluster = shared_common::cluster();
    let config = postgres::Config::from_str(&cluster).unwrap();
    let name = format!("bt_migrate_v3_{}", std::process::id());
    let mut su = config.connect(postgres::NoTls).unwrap();
    su.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .and_then(|_| su.batch_execute(&format!("CREATE DATABASE {name}")))
        .unwrap();
    let url_of = |user: &str, password: &str| {
        format!(
            "postgresql://{user}:{password}@localhost:{}/{name}",
            config.get_ports().first().copied().unwrap_or(5432)
        )
    };
    let admin_url = url_of(
        config.get_user().unwrap(),
        &String::from_utf8_lossy(config.get_password().unwrap()),
    );

    // The database as Bản Tin with schema v3 left it.
    let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
    admin
        .batch_execute("CREATE TABLE bantin_schema (version integer NOT NULL); INSERT INTO bantin_schema VALUES (0);")
        .unwrap();
    for step in &schema::MIGRATIONS[..3] {
        admin.batch_execute(step).unwrap();
    }
    admin
        .batch_execute("UPDATE bantin_schema SET version = 3")
        .unwrap();
    server::add_unit(&admin_url, "xa-a", "", None).unwrap();
    let login = format!("{name}_lan");
    server::add_user(&admin_url, &login, Role::Editor, "xa-a", "mk-lan").unwrap();
    let mut lan = postgres::Client::connect(&url_of(&login, "mk-lan"), postgres::NoTls).unwrap();
    // Two articles as v3 wrote them: the folded words of the short fields
    // and of everything, no title words of their own.
    for (title, head, all, at) in [
        (
            "Văn hóa công sở",
            " van hoa cong so ",
            " van hoa cong so can bo xay dung ",
            "2026-12-01T08:00:00.000000Z",
        ),
        (
            "Tin ngắn",
            " tin ngan ",
            " tin ngan van hoa cong so o xa ",
            "2026-12-02T08:00:00.000000Z",
        ),
    ] {
        lan.execute(
            "INSERT INTO articles (title, kind, body, body_text, created_at, updated_at, revision, search_head, search_all)
             VALUES ($1, 'tin-bai', 'x', 'x', $2, $2, 1, $3, $4)",
            &[&title, &at, &head, &all],
        )
        .unwrap();
    }

    let (_, from) = server::init(&admin_url).unwrap();
    assert_eq!(from, 3);
    let titles: Vec<(String, String)> = admin
        .query(
            "SELECT search_title, updated_by FROM articles ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        titles,
        [
            (" van hoa cong so ".to_string(), login.clone()),
            (" tin ngan ".to_string(), login.clone()),
        ],
        "title words filled in, and who changed each article is kept"
    );

    let lib = Library::open(
        std::path::Path::new(&url_of(&login, "mk-lan")),
        chrono::Utc::now(),
    )
    .unwrap();
    let hits = lib
        .search("VĂN HOÁ công s", &SearchOptions::default())
        .unwrap();
    let found: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        found,
        ["Văn hóa công sở", "Tin ngắn"],
        "the title match first, though older"
    );
    drop(lib);
    drop(lan);
    drop(admin);
    let _ = su.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}
