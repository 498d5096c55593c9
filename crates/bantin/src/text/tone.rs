//! Vietnamese tone-mark placement ("bỏ dấu kiểu cũ / kiểu mới").
//!
//! Articles from different contributors mix "hoá" and "hóa", "thuỷ" and
//! "thủy"; a bulletin should use one style throughout. The two styles differ
//! only for open syllables (no final consonant) whose nucleus is `oa`, `oe`
//! or `uy`: the classic style puts the tone on the second vowel, the modern
//! style on the first. Everything else — closed syllables ("hoàn",
//! "thuyền"), "qu"/"gi" onsets where the `u`/`i` is part of the consonant
//! ("quý", "giá"), other nuclei — is identical in both styles, so the code
//! parses each word as a syllable and refuses to touch anything it does not
//! positively recognise. Words it leaves alone are copied byte for byte,
//! which keeps diffs of edited articles small and reviewable.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::is_nfc;

/// Which vowel of `oa`, `oe`, `uy` carries the tone in an open syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// "Kiểu mới": tone on the first vowel — hóa, khỏe, thủy, lòa.
    Modern,
    /// "Kiểu cũ": tone on the second vowel — hoá, khoẻ, thuỷ, loà.
    Classic,
}

/// The five Vietnamese tone marks as combining chars: huyền, sắc, ngã, hỏi,
/// nặng. Circumflex, breve and horn are vowel *qualities*, not tones.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

const VOWELS: &str = "aăâeêioôơuưy";

/// Onsets of native Vietnamese syllables. Checking against the full list
/// keeps foreign words such as "Schloé" out of the rewrite.
const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Rewrites every word of `s` to the requested tone style. Input is taken
/// to NFC first (a no-op for NFC text); output is NFC, and text other than
/// the rewritten words is left byte-identical.
pub fn unify_tone_style(s: &str, style: ToneStyle) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let composed;
    let s = if is_nfc(s) {
        s
    } else {
        composed = s.nfc().collect::<String>();
        &composed
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut word_start = None;
    // A sentinel space at the end flushes the last word.
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_alphabetic() || is_combining_mark(c) {
            word_start.get_or_insert(i);
            continue;
        }
        // Written without let-chains so the module also builds in a
        // pre-2024-edition crate.
        let restyled = word_start
            .take()
            .and_then(|start| restyle_word(&s[start..i], style).map(|new| (start, new)));
        if let Some((start, new)) = restyled {
            out.push_str(&s[copied..start]);
            out.push_str(&new);
            copied = i;
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// One letter split into its toneless lower-case form (keeping ă/â/ê/ô/ơ/ư
/// quality), its tone mark and its case.
#[derive(Debug, Clone, Copy)]
struct Letter {
    base: char,
    tone: Option<char>,
    upper: bool,
}

impl Letter {
    fn parse(c: char) -> Option<Letter> {
        if is_combining_mark(c) {
            // A stray mark means we cannot be sure what the syllable is.
            return None;
        }
        let mut lower = c.to_lowercase();
        let l = lower.next()?;
        if lower.next().is_some() {
            return None;
        }
        let upper = l != c;
        if l.is_ascii() {
            return Some(Letter {
                base: l,
                tone: None,
                upper,
            });
        }
        let mut tone = None;
        let mut rest = String::new();
        decompose_canonical(l, |d| {
            if TONE_MARKS.contains(&d) {
                tone = Some(d);
            } else {
                rest.push(d);
            }
        });
        let mut base = rest.nfc();
        let b = base.next()?;
        if base.next().is_some() {
            return None;
        }
        Some(Letter {
            base: b,
            tone,
            upper,
        })
    }

    fn render(self) -> char {
        let mut s = String::with_capacity(4);
        s.push(self.base);
        if let Some(t) = self.tone {
            s.push(t);
        }
        // Every vowel+tone pair used here has a precomposed form.
        let lower = s.nfc().next().unwrap_or(self.base);
        if self.upper {
            lower.to_uppercase().next().unwrap_or(lower)
        } else {
            lower
        }
    }
}

/// Returns the restyled word, or `None` if the word is not an open
/// `oa`/`oe`/`uy` syllable with its tone in the wrong place.
fn restyle_word(word: &str, style: ToneStyle) -> Option<String> {
    let n_chars = word.chars().count();
    // Shortest affected syllable is "uỷ"; the longest "nghoè"-like is 5.
    if !(2..=6).contains(&n_chars) {
        return None;
    }
    let letters = word
        .chars()
        .map(Letter::parse)
        .collect::<Option<Vec<_>>>()?;
    let is_vowel = |l: &Letter| VOWELS.contains(l.base);

    let mut onset_len = letters.iter().position(is_vowel)?;
    let first_base = |len: usize| letters[..len].iter().map(|l| l.base).collect::<String>();
    let second = letters.get(onset_len).map(|l| l.base);
    // In "qu" and "gi" (before another vowel) the u/i belongs to the onset.
    let onset = first_base(onset_len);
    if (onset == "q" && second == Some('u'))
        || (onset == "g" && second == Some('i') && letters.get(onset_len + 1).is_some_and(is_vowel))
    {
        onset_len += 1;
    }
    if !ONSETS.contains(&first_base(onset_len).as_str())
        || letters[..onset_len].iter().any(|l| l.tone.is_some())
    {
        return None;
    }

    // Open syllable with a two-vowel nucleus: exactly two letters remain.
    let nucleus = &letters[onset_len..];
    let [first, second] = nucleus else {
        return None;
    };
    if !matches!(
        (first.base, second.base),
        ('o', 'a') | ('o', 'e') | ('u', 'y')
    ) {
        return None;
    }
    let (tone, tone_on_first) = match (first.tone, second.tone) {
        (Some(t), None) => (t, true),
        (None, Some(t)) => (t, false),
        _ => return None,
    };
    let want_first = style == ToneStyle::Modern;
    if tone_on_first == want_first {
        return None;
    }
    let (first_tone, second_tone) = if want_first {
        (Some(tone), None)
    } else {
        (None, Some(tone))
    };
    let onset_bytes = word
        .char_indices()
        .nth(onset_len)
        .map_or(word.len(), |(i, _)| i);
    let mut out = String::with_capacity(word.len());
    out.push_str(&word[..onset_bytes]);
    out.push(
        Letter {
            tone: first_tone,
            ..*first
        }
        .render(),
    );
    out.push(
        Letter {
            tone: second_tone,
            ..*second
        }
        .render(),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (classic, modern) pairs covering all five tones and the three nuclei.
    const PAIRS: &[(&str, &str)] = &[
        ("hoá", "hóa"),
        ("hoà", "hòa"),
        ("hoả", "hỏa"),
        ("hoạ", "họa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("loà", "lòa"),
        ("toà", "tòa"),
        ("xoá", "xóa"),
        ("goá", "góa"),
        ("đoá", "đóa"),
        ("hoè", "hòe"),
        ("loè", "lòe"),
        ("xoè", "xòe"),
        ("toẹ", "tọe"),
        ("uỷ", "ủy"),
        ("luỹ", "lũy"),
        ("tuỳ", "tùy"),
        ("huỷ", "hủy"),
        ("suý", "súy"),
        ("thuý", "thúy"),
        ("nguỵ", "ngụy"),
        ("khoả", "khỏa"),
        ("oà", "òa"),
        ("thoả", "thỏa"),
        ("nhoà", "nhòa"),
        ("HOÁ", "HÓA"),
        ("Hoá", "Hóa"),
        ("Thuỷ", "Thủy"),
        ("UỶ", "ỦY"),
        ("Uỷ", "Ủy"),
        ("KHOẺ", "KHỎE"),
        ("ĐOÁ", "ĐÓA"),
        ("hOá", "hÓa"),
    ];

    /// Words identical in both styles.
    const UNAFFECTED: &[&str] = &[
        "hoàn", "toán", "khuyến", "thuyền", "quý", "quá", "quà", "quỳnh", "quỷ", "giá", "giờ",
        "giữa", "gì", "hoặc", "thuế", "khuya", "khuỷu", "mía", "của", "người", "hoa", "thuy",
        "tiếng", "Nghị", "quyết", "xoắn", "ngoẵng", "thuở", "hoài", "ngoài", "QUÝ", "Quá", "GIÁ",
        "Schloé", "choàng", "oai", "Toàn", "huyện",
    ];

    #[test]
    fn converts_pairs_both_ways() {
        for &(classic, modern) in PAIRS {
            assert_eq!(
                unify_tone_style(classic, ToneStyle::Modern),
                modern,
                "{classic}"
            );
            assert_eq!(
                unify_tone_style(modern, ToneStyle::Classic),
                classic,
                "{modern}"
            );
            // Idempotence: already in the target style.
            assert_eq!(
                unify_tone_style(modern, ToneStyle::Modern),
                modern,
                "{modern}"
            );
            assert_eq!(
                unify_tone_style(classic, ToneStyle::Classic),
                classic,
                "{classic}"
            );
            // Round trips.
            let there = unify_tone_style(classic, ToneStyle::Modern);
            assert_eq!(unify_tone_style(&there, ToneStyle::Classic), classic);
            let back = unify_tone_style(modern, ToneStyle::Classic);
            assert_eq!(unify_tone_style(&back, ToneStyle::Modern), modern);
        }
    }

    #[test]
    fn leaves_other_words_alone() {
        for &w in UNAFFECTED {
            assert_eq!(unify_tone_style(w, ToneStyle::Modern), w, "{w}");
            assert_eq!(unify_tone_style(w, ToneStyle::Classic), w, "{w}");
        }
    }

    #[test]
    fn rewrites_only_the_affected_words_of_a_sentence() {
        let classic = "Uỷ ban xã hoàn thành kế hoạch; văn hoá công sở, sức khoẻ đảng viên — \
                       bà Thuỷ (Chủ tịch) quyết định: HOÁ ĐƠN quý 3 “hoà giải” 08-NQ/ĐU.";
        let modern = "Ủy ban xã hoàn thành kế hoạch; văn hóa công sở, sức khỏe đảng viên — \
                      bà Thủy (Chủ tịch) quyết định: HÓA ĐƠN quý 3 “hòa giải” 08-NQ/ĐU.";
        assert_eq!(unify_tone_style(classic, ToneStyle::Modern), modern);
        assert_eq!(unify_tone_style(modern, ToneStyle::Classic), classic);
        assert_eq!(unify_tone_style(modern, ToneStyle::Modern), modern);
        assert_eq!(unify_tone_style(classic, ToneStyle::Classic), classic);
    }

    #[test]
    fn accepts_nfd_and_returns_nfc() {
        let nfd: String = "văn hoá, sức khoẻ".nfd().collect();
        assert_eq!(
            unify_tone_style(&nfd, ToneStyle::Modern),
            "văn hóa, sức khỏe"
        );
        assert_eq!(
            unify_tone_style(&nfd, ToneStyle::Classic),
            "văn hoá, sức khoẻ"
        );
    }

    #[test]
    fn ascii_and_empty_unchanged() {
        assert_eq!(unify_tone_style("", ToneStyle::Modern), "");
        assert_eq!(
            unify_tone_style("hoa uy 2026", ToneStyle::Classic),
            "hoa uy 2026"
        );
    }

    #[test]
    fn every_tone_on_every_nucleus_round_trips() {
        // Generated grid: onset × nucleus × tone, checked via the fold
        // invariant (moving a tone never changes the folded text) and the
        // position of the mark.
        for onset in ["", "h", "th", "ngh", "qu", "gi", "Kh", "TR"] {
            for (v1, v2) in [('o', 'a'), ('o', 'e'), ('u', 'y')] {
                for tone in TONE_MARKS {
                    let classic: String = format!("{onset}{v1}{v2}{tone}").nfc().collect();
                    let modern: String = format!("{onset}{v1}{tone}{v2}").nfc().collect();
                    // After a "qu"/"gi" onset the rule applies to the
                    // nucleus that follows it, just as after any consonant.
                    assert_eq!(unify_tone_style(&classic, ToneStyle::Modern), modern);
                    assert_eq!(unify_tone_style(&modern, ToneStyle::Classic), classic);
                    assert_eq!(
                        crate::text::fold_for_search(&modern),
                        crate::text::fold_for_search(&classic)
                    );
                }
            }
        }
    }
}
