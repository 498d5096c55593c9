//! `ngay-thang`: a date in the official form "ngày 03 tháng 4 năm 2018":
//! a day below 10 and the months 1 and 2 with a leading zero, other months
//! without (TEMPLATES.md, "Dates").

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "ngay-thang",
    severity: Severity::GoiY,
    what: "Ngày tháng không theo cách viết chuẩn (ngày 03 tháng 4, ngày 20 tháng 02)",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        for (i, _) in text.match_indices("ngày ") {
            let Some((len, day, month)) = date_at(&text[i..]) else {
                continue;
            };
            let want_day = format!("{:02}", day.parse::<u32>().unwrap_or(0));
            let m: u32 = month.parse().unwrap_or(0);
            let want_month = if m <= 2 {
                format!("{m:02}")
            } else {
                m.to_string()
            };
            if day == want_day && month == want_month {
                continue;
            }
            let found = &text[i..i + len];
            let fixed = found
                .replacen(&format!("ngày {day} "), &format!("ngày {want_day} "), 1)
                .replacen(
                    &format!("tháng {month} "),
                    &format!("tháng {want_month} "),
                    1,
                );
            out.push(
                cx.at(&RULE, r.start + i..r.start + i + len, format!(
                    "Ngày tháng nên viết \"{fixed}\": ngày dưới 10 và tháng 1, tháng 2 thêm số 0 ở trước, các tháng khác thì không."
                ))
                .with_fix(fixed),
            );
        }
    }
}

/// "ngày D tháng M năm YYYY" at the start of `s`: its length, D and M.
fn date_at(s: &str) -> Option<(usize, &str, &str)> {
    let mut parts = s.splitn(6, ' ');
    let (_, day, thang, month, nam, year) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    let year_len = year.bytes().take_while(u8::is_ascii_digit).count();
    if thang != "tháng" || nam != "năm" || !digits(day) || !digits(month) || year_len != 4 {
        return None;
    }
    let len = s.len() - year.len() + year_len;
    Some((len, day, month))
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_unofficial_dates() {
        let f = on_body(
            "ngay-thang",
            "Họp ngày 3 tháng 1 năm 2026 và ngày 15 tháng 04 năm 2026.",
        );
        let fixes: Vec<_> = f.iter().map(|f| f.fix.as_deref().unwrap()).collect();
        assert_eq!(
            fixes,
            ["ngày 03 tháng 01 năm 2026", "ngày 15 tháng 4 năm 2026"]
        );
    }

    #[test]
    fn passes_official_dates() {
        assert!(
            on_body(
                "ngay-thang",
                "Ngày 03 tháng 4 năm 2018 và ngày 20 tháng 02 năm 2018."
            )
            .is_empty()
        );
    }
}
