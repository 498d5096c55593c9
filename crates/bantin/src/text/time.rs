//! Vietnam time (DESIGN §4): the library stores UTC and everything shown,
//! printed or published is in Asia/Ho_Chi_Minh, which has been +07:00 with
//! no daylight saving since 1975, so a fixed offset is the whole rule.

use chrono::{DateTime, FixedOffset, Utc};

/// +07:00.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

/// `t` on a Vietnamese wall clock.
pub fn in_vietnam(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&vietnam_offset())
}

/// The clock a front door hands to an export: now, in Vietnam.
pub fn now_vietnam() -> DateTime<FixedOffset> {
    in_vietnam(Utc::now())
}
