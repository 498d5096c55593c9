//! Search through `bantin_search` (PostgreSQL schema v7): a SECURITY DEFINER
//! function that reads past the policies so that word indexes serve it, and
//! must therefore apply their rule itself. Each test tries it through the
//! library and by calling the function with raw SQL, as an attacker in the
//! office would.

use std::collections::BTreeSet;

use bantin::model::{Content, Status};
use bantin::store::pg::server::Role;
use bantin::store::{Library, SearchOptions};
use chrono::Utc;

use crate::shared_common::{Db, User};
use crate::{DENIED, sql_state};

fn article(title: &str, body: &str, status: Status) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        status,
        ..Content::default()
    }
}

fn ids(lib: &Library, query: &str) -> BTreeSet<i64> {
    lib.search(
        query,
        &SearchOptions {
            limit: 100,
            ..SearchOptions::default()
        },
    )
    .unwrap()
    .iter()
    .map(|h| h.id)
    .collect()
}

const CALL: &str = "SELECT id, in_title, in_head FROM bantin_search($1, $2, $3, NULL, 1000)";

/// The function called by hand: the articles holding `word`.
fn raw_word(who: &mut postgres::Client, word: &str) -> Result<BTreeSet<i64>, postgres::Error> {
    let like = vec![format!("% {word} %")];
    let rows = who.query(CALL, &[&like, &format!("'{word}'"), &like])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The function called by hand asking for every article: any text ("%"),
/// and a tsquery that every article matches (no such word).
fn raw_everything(who: &mut postgres::Client) -> Result<BTreeSet<i64>, postgres::Error> {
    let any = vec!["%".to_string()];
    let rows = who.query(CALL, &[&any, &"!'khongcotunay'", &any])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

#[test]
fn an_editor_finds_nothing_of_another_communes_articles() {
    let db = Db::new("search_other_commune");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let now = Utc::now();
    let mine = a
        .open()
        .create_article(
            &article("Bài của xã A", "Nội dung chung.", Status::Draft),
            now,
        )
        .unwrap();
    let theirs = b
        .open()
        .create_article(
            &article(
                "Lũ quét ở bản Phìn Hồ",
                "Nội dung chung, riêng xã B: thuỷ điện Phìn Hồ.",
                Status::Draft,
            ),
            now,
        )
        .unwrap();

    // The word is there, for whoever may read it.
    assert_eq!(ids(&b.open(), "phin ho"), BTreeSet::from([theirs]));
    let lib = a.open();
    for query in ["phin", "Phìn Hồ", "thuy dien", "lu quet", "ban ph"] {
        assert!(ids(&lib, query).is_empty(), "query {query:?}");
        // Not a title, snippet or count either: no hit at all.
        assert!(
            lib.search(query, &SearchOptions::default())
                .unwrap()
                .is_empty()
        );
    }
    assert_eq!(ids(&lib, "noi dung chung"), BTreeSet::from([mine]));
    // By hand: the word, everything, a count.
    let mut raw = a.raw();
    assert!(raw_word(&mut raw, "phin").unwrap().is_empty());
    assert_eq!(raw_everything(&mut raw).unwrap(), BTreeSet::from([mine]));
    let n: i64 = raw
        .query_one(
            "SELECT count(*) FROM bantin_search(ARRAY['%'], '!''x''', ARRAY['%'], NULL, 1000)",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    // A step through the title's index, by hand, with B's word.
    for title in ["'phin'", "'phi*'", "'phin' | !'x'"] {
        let like = vec!["% phin %".to_string()];
        let rows = raw
            .query(
                "SELECT id FROM bantin_search($1, '''phin''', $1, $2, 1000)",
                &[&like, &title],
            )
            .unwrap();
        assert!(rows.is_empty(), "{title}");
    }
}

#[test]
fn a_district_reviewer_finds_its_communes_approved_articles_only() {
    let db = Db::new("search_district");
    db.unit("huyen", None);
    db.unit("xa-a", Some("huyen"));
    db.unit("xa-b", Some("huyen"));
    db.unit("xa-khac", None);
    let now = Utc::now();
    let write = |who: &User, title: &str, status| {
        who.open()
            .create_article(&article(title, "Mùa lúa chiêm xuân.", status), now)
            .unwrap()
    };
    let reviewer_a = db.user("duyet_a", Role::Reviewer, "xa-a");
    let reviewer_b = db.user("duyet_b", Role::Reviewer, "xa-b");
    let reviewer_khac = db.user("duyet_khac", Role::Reviewer, "xa-khac");
    let district = db.user("duyet_huyen", Role::Reviewer, "huyen");
    let district_editor = db.user("bt_huyen", Role::Editor, "huyen");
    let a_approved = write(&reviewer_a, "Lúa xã A", Status::Approved);
    let a_draft = write(&reviewer_a, "Lúa nháp xã A", Status::Draft);
    let a_waiting = write(&reviewer_a, "Lúa chờ duyệt xã A", Status::Pending);
    let b_approved = write(&reviewer_b, "Lúa xã B", Status::Approved);
    let _khac = write(&reviewer_khac, "Lúa xã ngoài huyện", Status::Approved);
    let own = write(&district, "Lúa của huyện", Status::Draft);

    let gathered = BTreeSet::from([a_approved, b_approved, own]);
    assert_eq!(ids(&district.open(), "lua"), gathered);
    assert_eq!(ids(&district.open(), "mua lua chiem"), gathered);
    assert_eq!(raw_word(&mut district.raw(), "lua").unwrap(), gathered);
    assert_eq!(raw_everything(&mut district.raw()).unwrap(), gathered);
    // The district's editor is no reviewer: the district's own only.
    assert_eq!(ids(&district_editor.open(), "lua"), BTreeSet::from([own]));
    assert_eq!(
        raw_everything(&mut district_editor.raw()).unwrap(),
        BTreeSet::from([own])
    );
    // A commune sees all of its own, nothing of its neighbour.
    assert_eq!(
        ids(&reviewer_a.open(), "lua"),
        BTreeSet::from([a_approved, a_draft, a_waiting])
    );
}

#[test]
fn sql_and_like_wildcards_in_a_query_are_only_text() {
    let db = Db::new("search_wildcards");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let now = Utc::now();
    let lib = a.open();
    let ten = lib
        .create_article(&article("Đạt 10% chỉ tiêu", "Văn hóa.", Status::Draft), now)
        .unwrap();
    let van = lib
        .create_article(&article("Vận động", "Văn nghệ.", Status::Draft), now)
        .unwrap();
    b.open()
        .create_article(
            &article("Xã B 10% văn hóa", "Vận động.", Status::Draft),
            now,
        )
        .unwrap();
    for query in [
        "%", "_", "%%% ___", "\\", "'", "*", "!", "&", "|", "':*", "%'; --",
    ] {
        assert!(ids(&lib, query).is_empty(), "query {query:?}");
    }
    assert_eq!(ids(&lib, "10%"), BTreeSet::from([ten]));
    assert_eq!(ids(&lib, "v_n"), BTreeSet::new(), "no word \"v\"");
    assert_eq!(ids(&lib, "van%"), BTreeSet::from([ten, van]));
    assert_eq!(ids(&lib, "v%n"), BTreeSet::new());
    assert_eq!(
        ids(&lib, "'van' | !'x'"),
        BTreeSet::new(),
        "every word, x too"
    );
    assert_eq!(ids(&lib, "van' | 'x"), BTreeSet::new());
    // By hand, a broken tsquery is an error and changes nothing.
    let mut raw = a.raw();
    let any = vec!["%".to_string()];
    let e = raw
        .query(CALL, &[&any, &"'); DELETE FROM articles; --", &any])
        .unwrap_err();
    assert_ne!(sql_state(&e), "", "{e}");
    let n: i64 = db
        .admin()
        .query_one("SELECT count(*) FROM articles", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 3);
}

#[test]
fn an_account_outside_every_unit_or_group_finds_nothing() {
    let db = Db::new("search_no_unit");
    db.unit("xa-a", None);
    let editor = db.user("bt", Role::Editor, "xa-a");
    editor
        .open()
        .create_article(
            &article("Văn hóa", "Văn hóa công sở.", Status::Draft),
            Utc::now(),
        )
        .unwrap();
    let made = |who: &str, group: &str| {
        let login = format!("{}_{who}", db.name);
        db.admin()
            .batch_execute(&format!(
                "CREATE ROLE {login} LOGIN PASSWORD 'mk-{who}' {group}"
            ))
            .unwrap();
        User {
            url: db.url(&login, &format!("mk-{who}")),
            login,
            password: format!("mk-{who}"),
        }
    };
    // In the reviewers' group but in no unit: nothing.
    let lost = made("lac", "IN ROLE bantin_duyet");
    assert!(ids(&lost.open(), "van hoa").is_empty());
    assert!(raw_word(&mut lost.raw(), "van").unwrap().is_empty());
    assert!(raw_everything(&mut lost.raw()).unwrap().is_empty());
    // In no Bản Tin group: not even allowed to call it.
    let stranger = made("la", "");
    let e = raw_everything(&mut stranger.raw()).unwrap_err();
    assert_eq!(sql_state(&e), DENIED, "{e}");
}

#[test]
fn an_editor_cannot_replace_or_redirect_the_search_function() {
    let db = Db::new("search_replace");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let a = db.user("a", Role::Editor, "xa-a");
    let b = db.user("b", Role::Editor, "xa-b");
    let theirs = b
        .open()
        .create_article(
            &article("Văn hóa xã B", "Văn hóa.", Status::Draft),
            Utc::now(),
        )
        .unwrap();
    let mine = a
        .open()
        .create_article(
            &article("Văn hóa xã A", "Văn hóa.", Status::Draft),
            Utc::now(),
        )
        .unwrap();
    let mut raw = a.raw();
    let signature = "bantin_search(text[], text, text[], text, integer)";
    for sql in [
        format!(
            "CREATE OR REPLACE FUNCTION {signature} RETURNS TABLE (id bigint, in_title integer, in_head integer)
             LANGUAGE sql AS $$ SELECT id, 0, 0 FROM articles $$"
        ),
        format!("ALTER FUNCTION {signature} SECURITY INVOKER"),
        format!("ALTER FUNCTION {signature} RESET search_path"),
        format!("ALTER FUNCTION {signature} OWNER TO {}", a.login),
        format!("DROP FUNCTION {signature}"),
        // Nor the estimate that chooses the search's path (schema v10).
        "CREATE OR REPLACE FUNCTION bantin_search_estimate(every_words text) RETURNS bigint
         LANGUAGE sql AS $$ SELECT 0::bigint $$"
            .to_string(),
        "ALTER FUNCTION bantin_search_estimate(text) SECURITY INVOKER".to_string(),
        "CREATE OR REPLACE FUNCTION bantin_words(words text, starts boolean) RETURNS tsvector
         LANGUAGE sql IMMUTABLE AS $$ SELECT '~'::tsvector $$"
            .to_string(),
        "CREATE OR REPLACE FUNCTION bantin_unit() RETURNS text LANGUAGE sql AS $$ SELECT 'xa-b' $$"
            .to_string(),
        // Nothing new in the schema the function looks in.
        "CREATE FUNCTION public.bantin_unit_khac() RETURNS text LANGUAGE sql AS $$ SELECT 'xa-b' $$"
            .to_string(),
    ] {
        let e = raw.batch_execute(&sql).unwrap_err();
        assert_eq!(sql_state(&e), DENIED, "{sql}: {e}");
    }
    // A temporary function of the same name comes after the function's
    // own path, so it changes nothing.
    raw.batch_execute(
        "CREATE FUNCTION pg_temp.bantin_unit() RETURNS text LANGUAGE sql AS $$ SELECT 'xa-b' $$;
         CREATE FUNCTION pg_temp.bantin_units_below() RETURNS SETOF text LANGUAGE sql AS $$ SELECT 'xa-b' $$;",
    )
    .unwrap();
    let seen = raw_everything(&mut raw).unwrap();
    assert_eq!(seen, BTreeSet::from([mine]), "not {theirs}");
    // As it was made: a definer function with its path pinned (and no
    // parallel workers, schema v10), owned by the articles' owner.
    let row = db
        .admin()
        .query_one(
            &format!(
                "SELECT p.prosecdef, p.proconfig, p.proowner = c.relowner
                 FROM pg_proc p, pg_class c
                 WHERE p.oid = '{signature}'::regprocedure AND c.oid = 'articles'::regclass"
            ),
            &[],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0));
    assert_eq!(
        row.get::<_, Vec<String>>(1),
        [
            "search_path=public, pg_temp",
            "max_parallel_workers_per_gather=0"
        ]
    );
    assert!(row.get::<_, bool>(2));
}
