//! Two people, one article (issue 14): saves that cross are both kept and
//! offered as a merge, on both backends; who has an article open, on the
//! shared library, under its row-level security. The shared side needs the
//! cluster from scripts/test.sh (BANTIN_TEST_PG).

mod shared_common;

use bantin::merge::{Part, Pick};
use bantin::model::{Content, PendingMerge, RevisionReason};
use bantin::store::pg::server::{self, Role};
use bantin::store::{Library, Saved, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use shared_common::{Db, on_both};

on_both!(
    crossed_saves_are_both_kept_and_merged,
    a_crossing_on_the_same_words_is_marked_for_a_person,
    a_late_copy_of_the_base_writes_nothing,
    a_merge_settled_per_conflict_closes_the_crossing,
);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap()
}

const BODY: &str = "Đoạn một về văn hóa.\n\nĐoạn hai về thể thao.\n\nĐoạn ba kết.\n";

fn content(title: &str, body: &str) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        ..Content::default()
    }
}

fn save(lib: &Library, id: i64, base: u32, c: &Content, reason: RevisionReason) -> Saved {
    lib.save_article_based(id, base, None, c, reason, t0())
        .unwrap()
}

fn crossed_saves_are_both_kept_and_merged(lib: &Library) {
    let id = lib.create_article(&content("Tin", BODY), t0()).unwrap();
    // Lan and Minh both opened revision 1.
    let lan = content("Tin", &BODY.replace("văn hóa", "văn hoá công sở"));
    let minh = content(
        "Tin ngày hội",
        &BODY.replace("Đoạn ba kết.", "Đoạn ba kết luận."),
    );
    assert_eq!(
        save(lib, id, 1, &lan, RevisionReason::Save),
        Saved::Written(2)
    );
    assert_eq!(lib.pending_merge(id).unwrap(), None);
    let crossed = save(lib, id, 1, &minh, RevisionReason::Save);
    let mark = PendingMerge { base: 1, other: 2 };
    assert_eq!(
        crossed,
        Saved::Crossed {
            number: 3,
            merge: mark
        }
    );
    // Nothing overwritten: both are in the history as they were saved.
    assert_eq!(lib.history(id).unwrap().len(), 3);
    assert_eq!(lib.revision(id, 2).unwrap().content, lan);
    assert_eq!(lib.revision(id, 3).unwrap().content, minh);
    assert_eq!(lib.pending_merge(id).unwrap(), Some(mark));
    // Another save on top does not settle it.
    let more = content("Tin ngày hội", &format!("{}\nThêm.\n", minh.body));
    assert_eq!(
        save(lib, id, 3, &more, RevisionReason::Autosave),
        Saved::Written(4)
    );
    assert_eq!(lib.pending_merge(id).unwrap(), Some(mark));

    let p = lib.merge_proposal(id).unwrap().expect("a merge is offered");
    assert_eq!(p.conflicts, 0);
    assert_eq!(
        (
            p.base.info.number,
            p.current.info.number,
            p.other.info.number
        ),
        (1, 4, 2)
    );
    assert!(p.current_by.contains("số 4"), "{}", p.current_by);
    assert!(p.other_by.contains("số 2"), "{}", p.other_by);
    assert_eq!(p.content.title, "Tin ngày hội");
    assert_eq!(
        p.content.body,
        "Đoạn một về văn hoá công sở.\n\nĐoạn hai về thể thao.\n\nĐoạn ba kết luận.\n\nThêm.\n"
    );
    // Saving the merge is a new revision and settles the article.
    assert_eq!(
        save(lib, id, 4, &p.content, RevisionReason::Merge),
        Saved::Written(5)
    );
    assert_eq!(lib.pending_merge(id).unwrap(), None);
    assert!(lib.merge_proposal(id).unwrap().is_none());
    let last = lib.history(id).unwrap().pop().unwrap();
    assert_eq!(last.reason, RevisionReason::Merge);
    assert_eq!(lib.article(id).unwrap().content.body, p.content.body);
}

fn a_crossing_on_the_same_words_is_marked_for_a_person(lib: &Library) {
    let id = lib.create_article(&content("Tin", BODY), t0()).unwrap();
    let lan = content("Tin", &BODY.replace("thể thao", "bóng đá"));
    let minh = content("Tin", &BODY.replace("thể thao", "cầu lông"));
    save(lib, id, 1, &lan, RevisionReason::Save);
    save(lib, id, 1, &minh, RevisionReason::Save);
    let p = lib.merge_proposal(id).unwrap().unwrap();
    assert_eq!(p.conflicts, 1);
    let body = &p.content.body;
    assert!(bantin::merge::has_conflict_marks(body));
    assert!(
        body.contains("bóng đá") && body.contains("cầu lông"),
        "{body}"
    );
    assert!(body.contains(&format!("▶ {}:", p.current_by)), "{body}");
    // A merge saved as proposed, marks and all, is still the person's
    // choice to make; the store keeps what it is given. Saving the same text
    // as the current one still settles the crossing.
    let keep = lib.article(id).unwrap().content;
    assert_eq!(
        save(lib, id, 3, &keep, RevisionReason::Merge),
        Saved::Written(4)
    );
    assert_eq!(lib.pending_merge(id).unwrap(), None);
}

fn a_late_copy_of_the_base_writes_nothing(lib: &Library) {
    let id = lib.create_article(&content("Tin", BODY), t0()).unwrap();
    let lan = content("Tin", &BODY.replace("thể thao", "bóng đá"));
    save(lib, id, 1, &lan, RevisionReason::Save);
    // An autosave of the untouched text, sent late from an offline PC.
    assert_eq!(
        save(lib, id, 1, &content("Tin", BODY), RevisionReason::Autosave),
        Saved::Unchanged
    );
    assert_eq!(lib.history(id).unwrap().len(), 2);
    assert_eq!(lib.pending_merge(id).unwrap(), None);
}

fn a_merge_settled_per_conflict_closes_the_crossing(lib: &Library) {
    let id = lib.create_article(&content("Tin", BODY), t0()).unwrap();
    let lan = content("Tin", &BODY.replace("thể thao", "bóng đá"));
    let minh = content(
        "Tin",
        &BODY
            .replace("thể thao", "cầu lông")
            .replace("văn hóa", "văn hoá"),
    );
    save(lib, id, 1, &lan, RevisionReason::Save);
    save(lib, id, 1, &minh, RevisionReason::Save);
    let p = lib.merge_proposal(id).unwrap().unwrap();
    // The parts: what nobody disputes, and the one conflict with both versions.
    let conflicts: Vec<_> = p
        .parts
        .iter()
        .filter_map(|x| match x {
            Part::Conflict { ours, theirs } => Some((ours.as_str(), theirs.as_str())),
            Part::Same { .. } => None,
        })
        .collect();
    assert_eq!(
        conflicts,
        [("Đoạn hai về cầu lông.\n", "Đoạn hai về bóng đá.\n")]
    );
    let crossing = lib.pending_merge(id).unwrap().unwrap();
    // A stale view (two answers for one conflict) writes nothing.
    assert_eq!(
        lib.save_merge(id, crossing, 3, &[Pick::Ours, Pick::Ours], t0())
            .unwrap(),
        None
    );
    assert_eq!(lib.history(id).unwrap().len(), 3);
    let saved = lib
        .save_merge(id, crossing, 3, &[Pick::Theirs], t0())
        .unwrap();
    assert_eq!(saved, Some(Saved::Written(4)));
    assert_eq!(lib.pending_merge(id).unwrap(), None);
    // Minh's change elsewhere stays; the conflict took Lan's words.
    assert_eq!(
        lib.article(id).unwrap().content.body,
        "Đoạn một về văn hoá.\n\nĐoạn hai về bóng đá.\n\nĐoạn ba kết.\n"
    );
    assert_eq!(
        lib.history(id).unwrap().pop().unwrap().reason,
        RevisionReason::Merge
    );
}

#[test]
fn a_merge_settled_while_someone_saves_again_is_offered_again() {
    let db = Db::new("merge_again");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let minh = db.user("minh", Role::Editor, "xa-a");
    server::set_full_name(&db.admin_url(), &lan.login, "Nguyễn Thị Lan").unwrap();
    let (l, m) = (lan.open(), minh.open());
    let id = l.create_article(&content("Tin", BODY), t0()).unwrap();
    save(
        &l,
        id,
        1,
        &content("Tin", &BODY.replace("thể thao", "bóng đá")),
        RevisionReason::Save,
    );
    save(
        &m,
        id,
        1,
        &content("Tin", &BODY.replace("thể thao", "cầu lông")),
        RevisionReason::Save,
    );
    let p = m.merge_proposal(id).unwrap().unwrap();
    assert_eq!(p.other_person.as_deref(), Some("Nguyễn Thị Lan"));
    // Lan saves once more on top of Minh's while Minh chooses.
    let later = content(
        "Tin",
        &format!("{}\nThêm của Lan.\n", p.current.content.body),
    );
    assert_eq!(
        save(&l, id, 3, &later, RevisionReason::Save),
        Saved::Written(4)
    );
    let crossing = m.pending_merge(id).unwrap().unwrap();
    let saved = m.save_merge(id, crossing, 3, &[Pick::Ours], t0()).unwrap();
    // Both are kept: Minh's merge is 5, it crossed Lan's 4, and a merge is offered again.
    assert_eq!(
        saved,
        Some(Saved::Crossed {
            number: 5,
            merge: PendingMerge { base: 3, other: 4 }
        })
    );
    let again = m.merge_proposal(id).unwrap().unwrap();
    assert!(
        again.content.body.contains("Thêm của Lan."),
        "{}",
        again.content.body
    );
}

#[test]
fn a_save_sent_twice_is_stored_once_and_the_merge_names_people() {
    let db = Db::new("merge_names");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let minh = db.user("minh", Role::Editor, "xa-a");
    server::set_full_name(&db.admin_url(), &lan.login, "Nguyễn Thị Lan").unwrap();
    server::set_full_name(&db.admin_url(), &minh.login, "Trần Văn Minh").unwrap();
    let (l, m) = (lan.open(), minh.open());
    let id = l.create_article(&content("Tin", BODY), t0()).unwrap();
    let mine = content("Tin", &BODY.replace("thể thao", "bóng đá"));
    let uuid = uuid::Uuid::new_v4().to_string();
    let once = l
        .save_article_based(id, 1, Some(&uuid), &mine, RevisionReason::Save, t0())
        .unwrap();
    assert_eq!(once, Saved::Written(2));
    // Sent again (the answer was lost on the way): found, not doubled.
    let again = l
        .save_article_based(id, 1, Some(&uuid), &mine, RevisionReason::Save, t0())
        .unwrap();
    assert_eq!(again, Saved::Written(2));
    assert_eq!(l.history(id).unwrap().len(), 2);
    let theirs = content("Tin", &BODY.replace("thể thao", "cầu lông"));
    assert!(matches!(
        save(&m, id, 1, &theirs, RevisionReason::Save),
        Saved::Crossed { number: 3, .. }
    ));
    // Each sees their own version as theirs ("bạn") and the other's by name.
    let p = l.merge_proposal(id).unwrap().unwrap();
    assert_eq!(p.current_by, "Bản của Trần Văn Minh (số 3)");
    assert_eq!(p.other_by, "Bản của bạn (số 2)");
    assert_eq!(p.other_person, None);
    assert!(p.content.body.contains("▶ Bản của bạn (số 2):"));
    let p = m.merge_proposal(id).unwrap().unwrap();
    assert_eq!(p.current_by, "Bản của bạn (số 3)");
    assert_eq!(p.other_by, "Bản của Nguyễn Thị Lan (số 2)");
    assert_eq!(p.other_person.as_deref(), Some("Nguyễn Thị Lan"));
    assert!(p.content.body.contains("▶ Bản của Nguyễn Thị Lan (số 2):"));
}

#[test]
fn who_has_an_article_open_is_seen_by_their_unit_only() {
    let db = Db::new("presence");
    db.unit("xa-a", None);
    db.unit("xa-b", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let minh = db.user("minh", Role::Editor, "xa-a");
    let other = db.user("khac", Role::Editor, "xa-b");
    server::set_full_name(&db.admin_url(), &lan.login, "Nguyễn Thị Lan").unwrap();
    let (l, m, o) = (lan.open(), minh.open(), other.open());
    let id = l.create_article(&content("Tin", BODY), t0()).unwrap();

    assert!(m.open_by_others(id, "may-minh").unwrap().is_empty());
    l.mark_open(id, "may-lan").unwrap();
    l.mark_open(id, "may-lan").unwrap(); // a refresh
    assert_eq!(
        m.open_by_others(id, "may-minh").unwrap(),
        ["Nguyễn Thị Lan"]
    );
    // Lan's own program does not see itself.
    assert!(l.open_by_others(id, "may-lan").unwrap().is_empty());
    // Minh without a full name is shown by his login.
    m.mark_open(id, "may-minh").unwrap();
    assert_eq!(
        l.open_by_others(id, "may-lan").unwrap(),
        [minh.login.clone()]
    );

    // Another commune sees nobody and cannot say it has the article open.
    assert!(o.open_by_others(id, "may-khac").unwrap().is_empty());
    assert!(matches!(
        o.mark_open(id, "may-khac"),
        Err(StoreError::SharedDenied(_))
    ));
    // Nor can anyone write a row in someone else's name.
    let forged = minh.raw().execute(
        "INSERT INTO presence (session, article_id, login) VALUES ('gia', $1, $2)",
        &[&id, &lan.login],
    );
    assert!(forged.is_err(), "a row in Lan's name was accepted");
    let touched = minh
        .raw()
        .execute(
            "UPDATE presence SET seen_at = now() WHERE session = 'may-lan'",
            &[],
        )
        .unwrap();
    assert_eq!(touched, 0, "Minh refreshed Lan's row");

    // Closing the article, or a program gone quiet, ends it.
    m.mark_closed(id, "may-minh").unwrap();
    assert!(l.open_by_others(id, "may-lan").unwrap().is_empty());
    db.admin()
        .execute(
            "UPDATE presence SET seen_at = now() - interval '2 minutes'",
            &[],
        )
        .unwrap();
    assert!(m.open_by_others(id, "may-minh").unwrap().is_empty());
}

#[test]
fn the_local_library_has_nobody_else() {
    let lib = shared_common::local_lib().lib;
    let id = lib.create_article(&content("Tin", BODY), t0()).unwrap();
    lib.mark_open(id, "may").unwrap();
    assert!(lib.open_by_others(id, "khac").unwrap().is_empty());
}
