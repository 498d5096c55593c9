//! `chu-to-hop`: letters written as a base letter plus separate combining
//! marks (Unicode NFD, from some keyboards and macOS). They look right but
//! search, sort and some fonts treat them differently; the fix writes the
//! precomposed letters (NFC).

use unicode_normalization::char::is_combining_mark;

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "chu-to-hop",
    severity: Severity::CanhBao,
    what: "Chữ có dấu viết dạng tổ hợp (Unicode NFD) thay vì dựng sẵn (NFC)",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    // U+0300–U+036F, where every Vietnamese combining mark is, start with
    // these bytes in UTF-8; no precomposed letter does.
    if !cx.body.bytes().any(|b| b == 0xCC || b == 0xCD) {
        return;
    }
    for w in &cx.words {
        let text = cx.word(w);
        if text.is_ascii() || !text.chars().any(is_combining_mark) {
            continue;
        }
        let nfc = crate::text::nfc(text);
        if nfc == text {
            continue;
        }
        out.push(
            cx.at(&RULE, w.range.clone(), format!(
                "\"{nfc}\" được gõ ở dạng tổ hợp (chữ và dấu tách rời); tìm kiếm, sắp xếp và một số phông chữ sẽ coi là chữ khác. Sửa: viết lại ở dạng dựng sẵn."
            ))
            .with_fix(nfc),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::on_body;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn finds_nfd_words() {
        let body: String = "Văn hóa công sở".nfd().collect();
        let f = on_body("chu-to-hop", &body);
        assert_eq!(f.len(), 4);
        assert_eq!(f[1].fix.as_deref(), Some("hóa"));
    }

    #[test]
    fn passes_nfc() {
        assert!(on_body("chu-to-hop", "Văn hóa công sở").is_empty());
    }
}
