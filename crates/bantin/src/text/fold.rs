//! Unicode normalisation and search folding.
//!
//! The full-text index stores *folded* text (lower-case, no diacritics,
//! `đ` → `d`) so that "VĂN HÓA", "văn hoá" and "van hoa" all meet. Snippets,
//! however, are cut from the *original* article, so the fold must not shift
//! positions: for NFC input, output char `i` is the fold of input char `i`
//! and the char counts are equal. That is why every char maps to exactly one
//! char, even where Unicode would lower-case to several (we keep the first),
//! and why a combining mark that survives NFC (one with no precomposed form,
//! e.g. U+0303 after `x`) is **kept as is** rather than deleted: deleting it
//! would break the 1:1 mapping, and keeping it (instead of turning it into a
//! space) means it neither splits a word in two nor looks like a letter —
//! the word scanners in this module treat marks as word-internal. A side
//! effect worth knowing: such a kept mark may follow a now-bare base it
//! could compose with (`ụ◌̃` folds to `u◌̃`), so folded text is not always
//! NFC and should be stored, not re-folded.
//!
//! Folding runs over every article at import (10,000 × 800 words), so it has
//! an all-ASCII fast path and a lazily built lookup table covering U+0080 to
//! U+1FFF (Latin-1, Latin Extended, Greek, Cyrillic, and the Latin Extended
//! Additional block where nearly all Vietnamese toned letters live). Chars
//! outside the table are folded on the fly by the same rule.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::is_nfc;

/// First code point past the lookup table; everything below 0x80 is ASCII
/// and handled without the table.
const TABLE_END: u32 = 0x2000;
const TABLE_START: u32 = 0x80;

/// Unicode NFC. Text arriving from Word, the web or old TCVN3 converters is
/// often NFD or mixed; everything stored is NFC so comparisons are bytewise.
pub fn nfc(s: &str) -> String {
    // Already-NFC text (the usual case) is copied without re-composing.
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Folds text for the search index: lower-case, diacritics removed, `đ`/`Đ`
/// → `d`.
///
/// For NFC input the result has exactly as many chars as the input and char
/// `i` of the result is the fold of char `i` of the input. Non-NFC input is
/// normalised first (so NFD text still folds to the same thing), in which
/// case the char count follows the NFC form, not the raw input.
pub fn fold_for_search(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if is_nfc(s) {
        fold_chars(s)
    } else {
        fold_chars(&s.nfc().collect::<String>())
    }
}

/// Folds a user query or any text of unknown normalisation:
/// `fold_for_search(&nfc(s))`. The char count may differ from the raw input.
pub fn fold_any(s: &str) -> String {
    fold_for_search(&nfc(s))
}

/// Char-by-char fold of text known to be NFC.
fn fold_chars(s: &str) -> String {
    let table = table();
    // Folded Vietnamese is mostly ASCII, so the input byte length is a
    // generous upper bound and avoids regrowth.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        let folded = if cp < TABLE_START {
            c.to_ascii_lowercase()
        } else if cp < TABLE_END {
            table[(cp - TABLE_START) as usize]
        } else {
            fold_char_uncached(c)
        };
        out.push(folded);
    }
    out
}

fn table() -> &'static [char] {
    static TABLE: OnceLock<Box<[char]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (TABLE_START..TABLE_END)
            .map(|cp| char::from_u32(cp).map_or('\u{FFFD}', fold_char_uncached))
            .collect()
    })
}

/// The single-char fold rule, used to build the table and for rare chars.
fn fold_char_uncached(c: char) -> char {
    if is_combining_mark(c) {
        // See the module comment: keep the mark so the char count holds.
        return c;
    }
    let lower = first_lowercase(c);
    let stripped = first_lowercase(strip_marks(lower));
    match stripped {
        // `đ` has no decomposition (the stroke is part of the letter), so
        // it needs an explicit rule; Vietnamese readers type it as `d`.
        'đ' => 'd',
        other => other,
    }
}

/// Lower-cases to a single char; where Unicode gives several (e.g. `İ` →
/// `i̇`) the first is the base letter, which is what search wants.
fn first_lowercase(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Returns the base letter if `c` canonically decomposes to a base followed
/// only by combining marks; otherwise `c` itself (e.g. Hangul syllables,
/// whose decomposition is into letters, must not be cut down to one jamo).
fn strip_marks(c: char) -> char {
    let mut base = None;
    let mut only_marks_after_base = true;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if !is_combining_mark(d) {
            only_marks_after_base = false;
        }
    });
    match base {
        Some(b) if only_marks_after_base => b,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    const SAMPLE: &str = "Thực hiện Nghị quyết của Ban Chấp hành Đảng bộ, Ủy ban nhân dân \
        xã đã ban hành quy chế văn hóa công sở. Mỗi cán bộ, đảng viên phải giữ gìn \
        thái độ hòa nhã, khoẻ mạnh, trang phục gọn gàng; ưu tiên giải quyết thủ tục \
        hành chính cho người dân đúng hẹn. Bà Nguyễn Thị Thuỷ, Phó Chủ tịch UBND, nhấn \
        mạnh: «Xây dựng văn hoá công sở là nhiệm vụ thường xuyên, lâu dài». Năm 2026 \
        có 8.360 lượt hồ sơ, tỷ lệ đúng hạn đạt 98,5%. ĐOÀN THANH NIÊN, HỘI PHỤ NỮ \
        cùng tham gia; khuya, quà, giữa, người, thuở, khuỷu, ngoẵng, Quỳnh, giặt.";

    /// Every precomposed Vietnamese letter, typed out (not generated) so the
    /// test does not share logic with the code under test.
    const LOWER: [(&str, char); 13] = [
        ("aàáảãạ", 'a'),
        ("ăằắẳẵặ", 'a'),
        ("âầấẩẫậ", 'a'),
        ("eèéẻẽẹ", 'e'),
        ("êềếểễệ", 'e'),
        ("iìíỉĩị", 'i'),
        ("oòóỏõọ", 'o'),
        ("ôồốổỗộ", 'o'),
        ("ơờớởỡợ", 'o'),
        ("uùúủũụ", 'u'),
        ("ưừứửữự", 'u'),
        ("yỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    const UPPER: [(&str, char); 13] = [
        ("AÀÁẢÃẠ", 'a'),
        ("ĂẰẮẲẴẶ", 'a'),
        ("ÂẦẤẨẪẬ", 'a'),
        ("EÈÉẺẼẸ", 'e'),
        ("ÊỀẾỂỄỆ", 'e'),
        ("IÌÍỈĨỊ", 'i'),
        ("OÒÓỎÕỌ", 'o'),
        ("ÔỒỐỔỖỘ", 'o'),
        ("ƠỜỚỞỠỢ", 'o'),
        ("UÙÚỦŨỤ", 'u'),
        ("ƯỪỨỬỮỰ", 'u'),
        ("YỲÝỶỸỴ", 'y'),
        ("Đ", 'd'),
    ];

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn folds_spelling_variants_to_the_same_text() {
        for s in ["VĂN HÓA", "văn hoá", "van hoa", "Văn Hóa", "VAN HOA"] {
            assert_eq!(fold_for_search(s), "van hoa", "{s}");
            assert_eq!(fold_for_search(&nfd(s)), "van hoa", "NFD {s}");
            assert_eq!(fold_any(&nfd(s)), "van hoa", "fold_any NFD {s}");
        }
    }

    #[test]
    fn folds_d_with_stroke() {
        assert_eq!(fold_for_search("Đảng viên"), "dang vien");
        assert_eq!(fold_for_search("ĐẢNG ỦY"), "dang uy");
        assert_eq!(fold_for_search("08-NQ/ĐU"), "08-nq/du");
    }

    #[test]
    fn nfd_sample_folds_like_nfc() {
        let nfc_fold = fold_for_search(SAMPLE);
        assert_eq!(fold_for_search(&nfd(SAMPLE)), nfc_fold);
        assert_eq!(fold_any(&nfd(SAMPLE)), nfc_fold);
        assert!(nfc_fold.contains("van hoa cong so"));
        assert!(nfc_fold.contains("dang vien"));
        assert!(nfc_fold.contains("uy ban nhan dan"));
        assert!(nfc_fold.contains("nguyen thi thuy"));
        assert!(nfc_fold.contains("khoe manh"));
        assert!(nfc_fold.contains("uu tien"));
        assert!(nfc_fold.contains("doan thanh nien"));
    }

    #[test]
    fn sample_folds_char_for_char() {
        let folded = fold_for_search(SAMPLE);
        let (a, b): (Vec<char>, Vec<char>) = (SAMPLE.chars().collect(), folded.chars().collect());
        assert_eq!(a.len(), b.len());
        for (i, (&o, &f)) in a.iter().zip(&b).enumerate() {
            // Each output char must be the fold of the input char at the same
            // index: folding that char alone gives the same answer.
            assert_eq!(fold_for_search(&o.to_string()), f.to_string(), "at {i}");
            assert!(!f.is_uppercase(), "upper-case left at {i}: {f}");
            if o.is_ascii() {
                assert_eq!(f, o.to_ascii_lowercase());
            }
        }
        // Nothing non-ASCII should remain except the guillemets.
        assert!(folded.chars().all(|c| c.is_ascii() || c == '«' || c == '»'));
    }

    #[test]
    fn every_vietnamese_letter_folds_to_its_ascii_base() {
        let mut seen = 0;
        for (letters, base) in LOWER.iter().chain(UPPER.iter()) {
            for c in letters.chars() {
                let s = c.to_string();
                assert_eq!(s.nfc().collect::<String>(), s, "test data not NFC: {c}");
                assert_eq!(fold_for_search(&s), base.to_string(), "{c}");
                assert_eq!(fold_for_search(&nfd(&s)), base.to_string(), "NFD {c}");
                seen += 1;
            }
        }
        assert_eq!(seen, 2 * (12 * 6 + 1));
    }

    #[test]
    fn char_count_property_over_generated_strings() {
        // Small deterministic generator (no extra crates): strings built from
        // every Vietnamese letter, ASCII, punctuation, digits, marks that
        // survive NFC, and a few awkward chars.
        let mut alphabet: Vec<char> = LOWER
            .iter()
            .chain(UPPER.iter())
            .flat_map(|(s, _)| s.chars())
            .collect();
        alphabet.extend(" .,;:-/()«»\"'0123456789xyzQWK\u{a0}".chars());
        alphabet.extend([
            'İ',
            'ß',
            'ẞ',
            'Σ',
            'ς',
            'Ж',
            '한',
            '中',
            'ﬁ',
            '\u{1F600}',
            'Å',
            'ñ',
            'ø',
        ]);
        alphabet.extend(['\u{303}', '\u{301}', '\u{309}']);
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..500 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let s = nfc(&s);
            let folded = fold_for_search(&s);
            assert_eq!(folded.chars().count(), s.chars().count(), "{s:?}");
            for (o, f) in s.chars().zip(folded.chars()) {
                if is_combining_mark(o) {
                    assert_eq!(f, o, "marks are kept as is");
                } else {
                    assert_eq!(fold_for_search(&o.to_string()).chars().next(), Some(f));
                }
            }
            // Folding is idempotent on its own output, except where a kept
            // mark now follows a bare base it can compose with (ụ + ◌̃ folds
            // to u + ◌̃, which NFC would turn into ũ): the output of a fold
            // is not guaranteed NFC, so such text must not be re-folded.
            if !folded.chars().any(is_combining_mark) {
                assert_eq!(fold_for_search(&folded), folded, "{s:?}");
            }
        }
    }

    #[test]
    fn multi_char_lowercase_and_standalone_marks_keep_count() {
        // İ lower-cases to two chars; we keep one.
        assert_eq!(fold_for_search("İstanbul"), "istanbul");
        // x + combining tilde has no precomposed form, so it survives NFC.
        let s = "x\u{303}a";
        assert_eq!(nfc(s), s);
        assert_eq!(fold_for_search(s), "x\u{303}a");
        // Leading stray mark.
        assert_eq!(fold_for_search("\u{301}A").chars().count(), 2);
        // Non-Latin scripts are lower-cased but not mangled.
        assert_eq!(fold_for_search("ЖУРНАЛ 한국"), "журнал 한국");
    }

    #[test]
    fn nfc_composes_and_leaves_nfc_alone() {
        assert_eq!(nfc("ho\u{61}\u{301}"), "hoá");
        assert_eq!(nfc("e\u{323}\u{302}"), "ệ");
        assert_eq!(nfc("văn hóa"), "văn hóa");
        assert_eq!(nfc(""), "");
    }

    #[test]
    fn ascii_fast_path_lowercases() {
        assert_eq!(fold_for_search("UBND Xa 2026"), "ubnd xa 2026");
        assert_eq!(fold_for_search(""), "");
    }
}
