//! Dates as Vietnamese administrative documents write them.
//!
//! The guidance for Party and State documents pads the day below 10 and the
//! months January and February with a leading zero ("ngày 03 tháng 01") so
//! that the date cannot be altered by adding a digit by hand, but writes
//! the other months bare ("tháng 4", "tháng 11"). Mastheads use the short,
//! natural "Tháng 3/2026" form. Formatting is done by hand rather than
//! with a locale, because no locale encodes this rule.

use chrono::{Datelike, NaiveDate};

/// "ngày 24 tháng 11 năm 2026", "ngày 03 tháng 4 năm 2018",
/// "ngày 20 tháng 02 năm 2018".
pub fn format_date(d: NaiveDate) -> String {
    let month = d.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// "Tháng 11/2026", "Tháng 3/2026" for bulletin mastheads.
pub fn format_month_year(year: i32, month: u32) -> String {
    format!("Tháng {month}/{year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn pads_day_below_ten() {
        assert_eq!(format_date(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(format_date(d(2026, 5, 9)), "ngày 09 tháng 5 năm 2026");
        assert_eq!(format_date(d(2026, 5, 10)), "ngày 10 tháng 5 năm 2026");
    }

    #[test]
    fn pads_only_january_and_february() {
        assert_eq!(format_date(d(2018, 2, 20)), "ngày 20 tháng 02 năm 2018");
        assert_eq!(format_date(d(2026, 1, 1)), "ngày 01 tháng 01 năm 2026");
        assert_eq!(format_date(d(2026, 3, 31)), "ngày 31 tháng 3 năm 2026");
        assert_eq!(format_date(d(2026, 10, 15)), "ngày 15 tháng 10 năm 2026");
        assert_eq!(format_date(d(2026, 11, 24)), "ngày 24 tháng 11 năm 2026");
        assert_eq!(format_date(d(2026, 12, 31)), "ngày 31 tháng 12 năm 2026");
    }

    #[test]
    fn every_month_follows_the_rule() {
        for m in 1..=12 {
            let s = format_date(d(2026, m, 15));
            let month_part = s.split(' ').nth(3).unwrap();
            let expected = if m <= 2 {
                format!("0{m}")
            } else {
                m.to_string()
            };
            assert_eq!(month_part, expected, "{s}");
        }
    }

    #[test]
    fn month_year_is_natural() {
        assert_eq!(format_month_year(2026, 11), "Tháng 11/2026");
        assert_eq!(format_month_year(2026, 3), "Tháng 3/2026");
        assert_eq!(format_month_year(2027, 1), "Tháng 1/2027");
    }
}
