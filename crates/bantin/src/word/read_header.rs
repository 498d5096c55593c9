//! A report's header typed as a Word table: issuing body on the left,
//! "ĐẢNG CỘNG SẢN VIỆT NAM", place and date on the right, "Số …" under the
//! body. Recognised only when unambiguous; it then becomes front matter.

use chrono::NaiveDate;

use crate::doc::{Table, inline_text};

pub struct Header {
    pub so_hieu: Option<String>,
    pub date: Option<NaiveDate>,
}

pub fn recognise(t: &Table) -> Option<Header> {
    let cells: Vec<String> = std::iter::once(&t.header)
        .chain(&t.rows)
        .flatten()
        .map(|c| inline_text(c))
        .collect();
    if t.align.len() != 2 || t.rows.len() > 4 {
        return None;
    }
    let all = cells.join("\n");
    if !all.contains("ĐẢNG CỘNG SẢN VIỆT NAM") {
        return None;
    }
    let so_hieu = cells.iter().find_map(|c| {
        let i = c.find("Số")?;
        let rest = c[i + "Số".len()..].trim_start_matches([' ', ':']).trim();
        let number: String = rest.split_whitespace().next()?.to_owned();
        number.contains('/').then_some(number)
    });
    let date = cells.iter().find_map(|c| date_in(c));
    Some(Header { so_hieu, date })
}

/// A report's closing table: "Nơi nhận:" and its lines on the left, the
/// signature on the right. Returns the recipients.
pub fn recognise_tail(t: &Table) -> Option<Vec<String>> {
    if t.align.len() != 2 || !t.rows.is_empty() {
        return None;
    }
    let left = inline_text(&t.header[0]);
    let rest = left.trim_start().strip_prefix("Nơi nhận:")?;
    Some(
        rest.split(['\n', ';'])
            .flat_map(|l| l.split(" - "))
            .map(|r| {
                r.trim()
                    .trim_start_matches('-')
                    .trim()
                    .trim_end_matches(['.', ';'])
                    .to_owned()
            })
            .filter(|r| !r.is_empty())
            .collect(),
    )
}

/// A date as an editor or pandoc writes it: 2026-11-24, 24/11/2026 or
/// "ngày 24 tháng 11 năm 2026".
pub fn date(s: &str) -> Option<NaiveDate> {
    crate::import::parse_date(s).or_else(|| date_in(s))
}

/// "… ngày 24 tháng 11 năm 2026" → 2026-11-24.
fn date_in(s: &str) -> Option<NaiveDate> {
    let i = s.find("ngày")?;
    let nums: Vec<u32> = s[i..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(3)
        .filter_map(|p| p.parse().ok())
        .collect();
    match nums[..] {
        [d, m, y] => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
}
