//! `chinh-ta`: every Vietnamese syllable checked against the rules of
//! syllable structure (`check::syllable`), with a suggestion where the slip
//! is a common one: a tone on the wrong vowel, a c/k, g/gh, ng/ngh mix-up,
//! Telex leftovers ("vieejt" → "việt").
//!
//! Left alone: capitalised words, which may be names, except for Telex
//! leftovers, two tones and a misplaced tone; abbreviations (all
//! capitals without Vietnamese diacritics); words with digits or beside
//! digits ("m²", "5km"), single letters, code, URLs, and the user's word list.

use crate::check::context::{Word, words};
use crate::check::syllable::{Spelling, Verdict, Why, same_case};
use crate::check::syllables;
use crate::check::{Context, Finding, Rule, Setting, Severity};

pub const RULE: Rule = Rule {
    id: "chinh-ta",
    severity: Severity::Loi,
    what: "Âm tiết viết sai quy tắc chính tả tiếng Việt (dấu đặt sai chỗ, c/k, g/gh, ng/ngh, sót phím Telex); từ lạ không dấu là gợi ý",
    check,
};

/// Loanwords and units common in office writing, accepted as they are.
#[rustfmt::skip]
const ACCEPTED: &[&str] = &[
    "km", "cm", "mm", "ha", "kg", "kw", "kwh", "email", "online", "website", "web", "internet",
    "video", "clip", "wifi", "zalo", "facebook", "fanpage", "app", "pdf", "covid", "logo",
    "karaoke", "tivi", "radio", "laptop", "camera", "marketing", "sms", "qr", "code", "file",
    "link", "usb", "livestream", "mail", "container", "gas", "bus", "ok", "vs", "stt", "gen",
];

/// What is wrong with a word: message, severity, fix.
type Problem = (String, Severity, Option<String>);

/// The word list's key for a word: what `check::add_word` stores.
fn dictionary(word: &str) -> Setting {
    Setting::Word(crate::text::nfc(word).to_lowercase())
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let found = |f: Finding, (message, severity, fix): Problem| {
        let f = Finding {
            message,
            ..f.with_severity(severity)
        };
        let f = match severity {
            Severity::GoiY => {
                let w = dictionary(&f.text);
                f.with_setting(w)
            }
            _ => f,
        };
        match fix {
            Some(s) => f.with_fix(s),
            None => f,
        }
    };
    for (w, v) in cx.words.iter().zip(cx.verdicts()) {
        if let Some(p) = problem(cx, cx.body, w, v) {
            out.push(found(cx.at(&RULE, w.range.clone(), String::new()), p));
        }
    }
    // The title and summary are printed too.
    for (key, value) in [
        ("title", &cx.content.title),
        ("summary", &cx.content.summary),
    ] {
        let whole = 0..value.len();
        for w in words(value, std::slice::from_ref(&whole)) {
            let v = cx.judge(&value[w.range.clone()]);
            if let Some(p) = problem(cx, value, &w, &v) {
                let f = cx.in_field(&RULE, key, value, w.range.clone(), String::new());
                out.push(found(f, p));
            }
        }
    }
}

fn problem(cx: &Context, src: &str, w: &Word, v: &Verdict) -> Option<Problem> {
    let verdict = &v.spelling;
    let text = &src[w.range.clone()];
    if w.has_digit || text.chars().count() < 2 || beside_digit(src, w) {
        return None;
    }
    let letters = || text.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters().all(char::is_uppercase);
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    if all_caps && text.chars().all(|c| c.is_ascii() || c == 'Đ') {
        return None; // an abbreviation: the viet-tat rules look at those
    }
    let lower = crate::text::nfc(text).to_lowercase();
    if cx.settings.words.contains(&lower) || ACCEPTED.contains(&lower.as_str()) {
        return None;
    }
    if *verdict == Spelling::Ok {
        // Well-formed; a lower-case word not in the syllable list is worth
        // a look ("thàng" for "thành"). Capitalised words may be names.
        if capitalised || v.known {
            return None;
        }
        let near = syllables::near(&lower, cx.settings.tone_style);
        let (hint, fix) = suggestions(text, &near);
        return Some((
            format!(
                "\"{text}\" không có trong danh sách âm tiết tiếng Việt.{hint} Nếu từ này đúng (tên riêng, từ địa phương), hãy thêm vào từ điển."
            ),
            Severity::GoiY,
            fix,
        ));
    }
    let (why, suggestion) = match verdict {
        Spelling::Ok => return None,
        Spelling::Foreign if capitalised || !text.chars().all(is_latin) => return None,
        Spelling::Foreign => {
            return Some((
                format!(
                    "\"{text}\" không phải là âm tiết tiếng Việt. Nếu là từ nước ngoài, tên riêng hay đơn vị đo, hãy thêm vào từ điển; nếu là tiếng Việt, có lẽ còn thiếu dấu."
                ),
                Severity::GoiY,
                None,
            ));
        }
        Spelling::Wrong { why, suggestion } => (why, suggestion),
    };
    // A capitalised word may be a name, and names need not follow the
    // rules ("Kon Tum", "Đắk Lắk", "Ghana"): only slips that no name makes
    // count, at a sentence start and in capitals too.
    if capitalised && !matches!(why, Why::Telex | Why::TwoTones | Why::ToneMisplaced) {
        return None;
    }
    // Where the rules give no suggestion, the syllable list may: one slip
    // away, or (for a stop coda) the same letters with sắc or nặng.
    let (hint, suggestion) = match suggestion {
        Some(s) => (format!(" Có lẽ là \"{s}\"."), Some(s.clone())),
        None => {
            let mut near = syllables::near(&lower, cx.settings.tone_style);
            if *why == Why::StopTone {
                near.retain(|n| syllables::same_letters(n, &lower));
            }
            suggestions(text, &near)
        }
    };
    let why = match why {
        Why::Telex => "còn sót phím gõ Telex (bộ gõ đang tắt khi gõ từ này)".to_string(),
        Why::TwoTones => "có hai dấu thanh; mỗi âm tiết chỉ mang một dấu".into(),
        Why::ToneMisplaced => "đặt dấu thanh sai chỗ".into(),
        Why::StopTone => "tận cùng bằng -p, -t, -c, -ch nên chỉ mang dấu sắc hoặc dấu nặng".into(),
        Why::Onset { found, want } => onset_rule(found, want),
        Why::Structure => "không phải là một âm tiết tiếng Việt viết đúng (phụ âm đầu, vần và dấu không khớp nhau)".into(),
    };
    Some((
        format!("\"{text}\" {why}.{hint}"),
        Severity::Loi,
        suggestion,
    ))
}

/// " Có lẽ là …" naming up to three syllables of `near` (in the case of
/// `text`), and the fix when there is exactly one.
fn suggestions(text: &str, near: &[String]) -> (String, Option<String>) {
    let near: Vec<String> = near.iter().map(|n| same_case(text, n)).collect();
    match near.as_slice() {
        [] => (String::new(), None),
        [one] => (format!(" Có lẽ là \"{one}\"."), Some(one.clone())),
        more => {
            let list: Vec<String> = more.iter().take(3).map(|n| format!("\"{n}\"")).collect();
            (format!(" Có lẽ là {}.", list.join(", ")), None)
        }
    }
}

fn onset_rule(found: &str, want: &str) -> String {
    match (found, want) {
        ("c", _) => "sai quy tắc: trước i, e, ê, y viết \"k\", không viết \"c\"".into(),
        ("k", _) => {
            "sai quy tắc: \"k\" chỉ đứng trước i, e, ê, y; trước vần khác viết \"c\"".into()
        }
        ("g", _) => "sai quy tắc: trước e, ê viết \"gh\"".into(),
        ("ng", _) => "sai quy tắc: trước i, e, ê viết \"ngh\"".into(),
        (f, w) => format!("sai quy tắc: \"{f}\" chỉ đứng trước i, e, ê; ở đây viết \"{w}\""),
    }
}

/// Latin letters (and the marks that build them): a word in another script
/// is a name or a quotation, not a Vietnamese word gone wrong.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{300}'..='\u{36F}')
            && c != '×'
            && c != '÷'
}

fn beside_digit(src: &str, w: &Word) -> bool {
    let before = src[..w.range.start].chars().next_back();
    let after = src[w.range.end..].chars().next();
    before.is_some_and(|c| c.is_numeric()) || after.is_some_and(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;

    #[test]
    fn finds_slips_with_fixes() {
        let f = on_body("chinh-ta", "Tiếng vieejt và ngiêm túc, múôn.");
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.text.as_str(), f.fix.as_deref(), f.column))
            .collect();
        assert_eq!(
            got,
            [
                ("vieejt", Some("việt"), 7),
                ("ngiêm", Some("nghiêm"), 17),
                ("múôn", Some("muốn"), 28)
            ]
        );
    }

    #[test]
    fn passes_clean_text_names_and_numbers() {
        let body = "Đắk Lắk và Kon Tum. Đồng chí Schmidt dự họp tại UBND xã, dài 1,2 km và 1.850 m² đất; \
                    xem https://xa.gov.vn/tin-tuc hoặc `cấu_hình`. Khuya, người dân về.";
        assert!(on_body("chinh-ta", body).is_empty());
    }

    #[test]
    fn checks_the_title_and_summary_too() {
        let mut c = crate::check::rules::testing::article("Tốt.");
        c.title = "Thôn Lạc Nam giữ tiếng vieejt".into();
        let f = crate::check::rules::testing::run("chinh-ta", &c, &Default::default());
        assert_eq!((f.len(), f[0].fix.as_deref()), (1, Some("việt")));
        let (fixed, _) = crate::check::apply_fixes(&c, &f);
        assert_eq!(fixed.title, "Thôn Lạc Nam giữ tiếng việt");
    }

    #[test]
    fn plain_foreign_word_is_a_hint() {
        assert!(on_body("chinh-ta", "Báo журнал và 中文 đưa tin.").is_empty());
        let f = on_body("chinh-ta", "Xem bản tin qua smartphone nhé.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::check::Severity::GoiY);
    }
}
