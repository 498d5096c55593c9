//! The store's operations, written once and run on both backends: a SQLite
//! file and a PostgreSQL database (issue 14), by area: `articles` (save,
//! history, list, images, recycle bin, profile), `search`, `printing`
//! (bulletins, office templates, "Vẫn xuất"). The shared side needs the
//! cluster from scripts/test.sh (BANTIN_TEST_PG); `shared_common` makes
//! each test's two libraries (`on_both!`).

#[path = "../shared_common/mod.rs"]
mod shared_common;

mod articles;
mod printing;
mod search;

use bantin::model::Content;
use chrono::{DateTime, TimeZone, Utc};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap()
}

fn content(title: &str, body: &str) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        ..Content::default()
    }
}
