//! Word counts and file-name slugs.
//!
//! Editors compare our word count with what Word shows, so a "word" is a
//! whitespace-separated token containing at least one letter or digit:
//! "8.360" and "08-NQ/ĐU" are one word each, a lone dash is none. Vietnamese
//! writes one syllable per token, so "văn hóa công sở" is four, as editors
//! expect. Slugs are ASCII-only because exported files travel through
//! e-mail, USB sticks and Windows shares that mangle anything else.

use super::fold::fold_any;

/// Longest slug, in bytes (= chars, since slugs are ASCII).
const MAX_SLUG: usize = 80;

/// Number of words as an editor would count them.
pub fn word_count(s: &str) -> usize {
    if s.is_ascii() {
        // Byte-level path: most of the cost at import is here.
        return s
            .split_ascii_whitespace()
            .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric()))
            .count();
    }
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// ASCII slug for file names: "Tăng cường lãnh đạo" → "tang-cuong-lanh-dao".
/// At most 80 chars, cut at a word boundary when possible; "bai-viet"
/// ("article") if nothing usable remains.
pub fn slugify(s: &str) -> String {
    let folded = fold_any(s);
    let mut slug = String::with_capacity(folded.len().min(MAX_SLUG + 1));
    let mut dash_pending = false;
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if dash_pending && !slug.is_empty() {
                slug.push('-');
            }
            dash_pending = false;
            slug.push(c);
            if slug.len() > MAX_SLUG {
                // One char past the limit is enough to pick the cut.
                break;
            }
        } else if !unicode_normalization::char::is_combining_mark(c) {
            // A stray mark left by folding is part of its word, not a gap.
            dash_pending = true;
        }
    }
    if slug.len() > MAX_SLUG {
        let cut = slug[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "bai-viet".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn counts_words_like_an_editor() {
        assert_eq!(word_count("văn hóa công sở"), 4);
        assert_eq!(word_count("8.360"), 1);
        assert_eq!(word_count("Nghị quyết 08-NQ/ĐU"), 3);
        assert_eq!(word_count("  Đảng viên — ưu tiên;  "), 4);
        assert_eq!(word_count("- – — ... «»"), 0);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("a\u{a0}b\tc\nd"), 4);
        assert_eq!(word_count("hello, world!"), 2);
        let nfd: String = "văn hóa công sở".nfd().collect();
        assert_eq!(word_count(&nfd), 4);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Tăng cường lãnh đạo xây dựng văn hóa công sở"),
            "tang-cuong-lanh-dao-xay-dung-van-hoa-cong-so"
        );
        assert_eq!(slugify("  Nghị quyết 08-NQ/ĐU!! "), "nghi-quyet-08-nq-du");
        assert_eq!(slugify("ĐẢNG ỦY — Thuỷ, khoẻ"), "dang-uy-thuy-khoe");
        assert_eq!(slugify("«»—!"), "bai-viet");
        assert_eq!(slugify(""), "bai-viet");
        assert_eq!(slugify("中文"), "bai-viet");
        let nfd: String = "Văn hoá".nfd().collect();
        assert_eq!(slugify(&nfd), "van-hoa");
    }

    #[test]
    fn long_slugs_cut_at_a_dash() {
        let title = "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ mười hai quán triệt triển khai \
                     thực hiện Nghị quyết về xây dựng văn hóa công sở";
        let slug = slugify(title);
        assert!(slug.len() <= MAX_SLUG, "{}", slug.len());
        assert!(!slug.ends_with('-') && !slug.starts_with('-'));
        // It must be a whole-word prefix of the uncut slug.
        let full = "hoi-nghi-ban-chap-hanh-dang-bo-xa-lan-thu-muoi-hai-quan-triet-trien-khai-\
                    thuc-hien-nghi-quyet-ve-xay-dung-van-hoa-cong-so";
        assert!(full.starts_with(&format!("{slug}-")), "{slug}");
        assert_eq!(
            slug,
            "hoi-nghi-ban-chap-hanh-dang-bo-xa-lan-thu-muoi-hai-quan-triet-trien-khai-thuc"
        );

        // A single overlong word is cut hard.
        let word = "a".repeat(200);
        assert_eq!(slugify(&word), "a".repeat(80));
        // Exactly 80 is kept whole; a dash right after position 80 is clean.
        let exact = format!("{} {}", "b".repeat(80), "c");
        assert_eq!(slugify(&exact), "b".repeat(80));
    }

    #[test]
    fn slugs_are_always_clean() {
        for s in ["a--b", "--x--", "Ế ồ ự", "x\u{303}yz ab", "1/2/2026"] {
            let slug = slugify(s);
            assert!(!slug.contains("--"), "{slug}");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(!slug.starts_with('-') && !slug.ends_with('-'));
        }
        assert_eq!(slugify("x\u{303}yz ab"), "xyz-ab");
    }
}
