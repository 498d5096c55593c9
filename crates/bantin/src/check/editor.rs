//! Findings as an editor shows them: the JSON of `bantin check --json`
//! plus where the text found sits in the body in the units an editor in
//! a web view counts (UTF-16 code units, as JavaScript strings and
//! CodeMirror do), the field it is in when it is not in the body, and the
//! word Thêm vào từ điển would add.

use serde::Serialize;

use super::{Finding, Place, Setting};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub rule: &'static str,
    /// `loi`, `canh-bao`, `goi-y`.
    pub severity: &'static str,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub message: String,
    pub fix: Option<String>,
    /// UTF-16 offsets of `text` in the body, when it is in the body.
    pub from: Option<usize>,
    pub to: Option<usize>,
    /// "title", "summary", a front-matter key… when the text is in a field.
    pub field: Option<String>,
    /// The word to add to the library's word list, when that is the cure.
    pub word: Option<String>,
}

/// `findings` on `body` as an editor shows them, in the same order.
pub fn shown(body: &str, findings: &[Finding]) -> Vec<Shown> {
    // Byte offsets → UTF-16 offsets, counted once over the body in order.
    let mut points: Vec<usize> = findings
        .iter()
        .filter_map(|f| match &f.place {
            Place::Body(r) => Some([r.start, r.end]),
            _ => None,
        })
        .flatten()
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut utf16 = std::collections::HashMap::with_capacity(points.len());
    let (mut byte, mut units) = (0, 0);
    for p in points {
        let p = p.min(body.len());
        units += body[byte..p].encode_utf16().count();
        byte = p;
        utf16.insert(p, units);
    }
    findings
        .iter()
        .map(|f| {
            let (from, to) = match &f.place {
                Place::Body(r) => (utf16.get(&r.start).copied(), utf16.get(&r.end).copied()),
                _ => (None, None),
            };
            Shown {
                rule: f.rule,
                severity: f.severity.code(),
                line: f.line,
                column: f.column,
                text: f.text.clone(),
                message: f.message.clone(),
                fix: f.fix.clone(),
                from,
                to,
                field: match &f.place {
                    Place::Field { key, .. } => Some(key.clone()),
                    _ => None,
                },
                word: match &f.setting {
                    Some(Setting::Word(w)) => Some(w.clone()),
                    _ => None,
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::testing::article;
    use crate::check::{Checker, Settings};

    #[test]
    fn offsets_count_utf16_units_of_the_body() {
        // "Đường" is 5 characters, 9 bytes; "𝐀" is 2 UTF-16 units.
        let body = "Đường 𝐀 vieejt và smartphone.";
        let c = article(body);
        let f = Checker::new(Settings::default()).check(&c, &Default::default());
        let s = shown(body, &f);
        let v = s.iter().find(|s| s.text == "vieejt").unwrap();
        let units: Vec<u16> = body.encode_utf16().collect();
        let got = String::from_utf16(&units[v.from.unwrap()..v.to.unwrap()]).unwrap();
        assert_eq!(got, "vieejt");
        assert_eq!(v.severity, "loi");
        assert_eq!(v.fix.as_deref(), Some("việt"));
        let hint = s.iter().find(|s| s.text == "smartphone").unwrap();
        assert_eq!(hint.word.as_deref(), Some("smartphone"));
    }
}
