//! Abbreviations: `viet-tat-truoc-dinh-nghia` (used before the place that
//! defines it, "Tổ chức cơ sở đảng (TCCSĐ)") and `viet-tat-chua-dinh-nghia`
//! (never defined, and not one every reader knows, nor in the word list).
//!
//! An abbreviation is a word of two or more capitals without Vietnamese
//! diacritics (Đ allowed), not a Roman numeral, and not part of a document
//! symbol such as "08-NQ/ĐU".

use std::collections::HashMap;
use std::ops::Range;

use crate::check::{Context, Finding, Rule, Setting, Severity};

pub const BEFORE_DEFINITION: Rule = Rule {
    id: "viet-tat-truoc-dinh-nghia",
    severity: Severity::CanhBao,
    what: "Chữ viết tắt được dùng trước chỗ định nghĩa nó, ví dụ \"(TCCSĐ)\"",
    check: before_definition,
};

pub const UNDEFINED: Rule = Rule {
    id: "viet-tat-chua-dinh-nghia",
    severity: Severity::GoiY,
    what: "Chữ viết tắt không được định nghĩa trong bài (trừ chữ thông dụng và từ trong từ điển)",
    check: undefined,
};

/// Abbreviations every reader of a commune's papers knows.
const COMMON: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "TW", "TP", "CNTT", "THCS", "THPT", "BCH", "BTV", "CNXH", "XHCN",
    "ĐCSVN", "CHXHCN", "TNCS", "HCM", "BHXH", "BHYT", "GDP", "ASEAN", "VN", "STT", "PDF", "SĐT",
];

struct Uses {
    /// Each abbreviation's uses, in order of the text.
    uses: Vec<(String, Range<usize>)>,
    /// Where each defined abbreviation is defined.
    defined: HashMap<String, usize>,
}

fn uses(cx: &Context) -> Uses {
    let mut out = Uses {
        uses: Vec::new(),
        defined: HashMap::new(),
    };
    for w in &cx.words {
        let t = cx.word(w);
        let letters = t.chars().count();
        if w.has_digit
            || letters < 2
            || !t.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
            || t.chars().all(|c| "IVXLCDM".contains(c))
        {
            continue;
        }
        let before = cx.body[..w.range.start].chars().next_back();
        let after = cx.body[w.range.end..].chars().next();
        if before.is_some_and(|c| c == '-' || c == '/')
            || after.is_some_and(|c| c == '-' || c == '/')
        {
            continue;
        }
        if before == Some('(') && after == Some(')') {
            out.defined.entry(t.to_string()).or_insert(w.range.start);
            continue;
        }
        out.uses.push((t.to_string(), w.range.clone()));
    }
    out
}

fn before_definition(cx: &Context, out: &mut Vec<Finding>) {
    let u = uses(cx);
    for (t, range) in &u.uses {
        if let Some(&at) = u.defined.get(t)
            && range.start < at
        {
            let (line, _) = cx.line_col(at);
            out.push(cx.at(&BEFORE_DEFINITION, range.clone(), format!(
                "Chữ viết tắt \"{t}\" được dùng trước khi định nghĩa (định nghĩa ở dòng {line}); lần đầu xuất hiện nên viết đầy đủ rồi ghi \"({t})\"."
            )));
        }
    }
}

fn undefined(cx: &Context, out: &mut Vec<Finding>) {
    let u = uses(cx);
    let mut told = std::collections::HashSet::new();
    for (t, range) in &u.uses {
        if u.defined.contains_key(t)
            || COMMON.contains(&t.as_str())
            || cx.settings.words.contains(&t.to_lowercase())
            || !told.insert(t.clone())
        {
            continue;
        }
        out.push(cx.at(&UNDEFINED, range.clone(), format!(
            "Chữ viết tắt \"{t}\" chưa được định nghĩa trong bài; lần đầu xuất hiện nên viết đầy đủ rồi ghi \"({t})\", hoặc thêm vào từ điển nếu ai cũng hiểu."
        )).with_setting(Setting::Word(t.to_lowercase())));
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_use_before_definition() {
        let body = "Kiện toàn TCCSĐ.\n\nTổ chức cơ sở đảng (TCCSĐ) vững mạnh; TCCSĐ tốt.";
        let f = on_body("viet-tat-truoc-dinh-nghia", body);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].column), (1, 11));
    }

    #[test]
    fn finds_undefined_once() {
        let f = on_body("viet-tat-chua-dinh-nghia", "Ban CHQS xã và CHQS huyện.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "CHQS");
    }

    #[test]
    fn passes_defined_common_symbols_and_numerals() {
        let body =
            "## II. KẾT QUẢ\n\nNghị quyết 08-NQ/ĐU; UBND xã; Ban Chỉ huy quân sự (CHQS); CHQS tốt.";
        assert!(on_body("viet-tat-chua-dinh-nghia", body).is_empty());
        assert!(on_body("viet-tat-truoc-dinh-nghia", body).is_empty());
    }
}
