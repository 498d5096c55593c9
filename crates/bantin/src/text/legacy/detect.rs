//! Telling TCVN3 and VNI text from genuine text.
//!
//! A legacy file read as Unicode is Latin-1 soup ("T¨ng c­êng"). We decode
//! every word that holds a non-ASCII character both ways and count how many
//! come out as well-formed Vietnamese syllables; the text as it stands is
//! scored the same way, so genuine text (Unicode Vietnamese, French …) is
//! never rewritten. Any letter beyond Latin-1 (ư, ạ, a combining mark) means
//! the text is already Unicode and is left alone.

use unicode_normalization::char::decompose_canonical;

use super::{Encoding, decode, legacy_byte};

/// Confidence from which a caller may convert without asking.
pub const SURE: f32 = 0.75;

/// The legacy encoding `text` is most likely in, with a confidence in 0–1:
/// how many more words read as Vietnamese that way than the runner-up way
/// (or as they stand), weighed so that a handful of words is never sure,
/// times the share of words that read well. `None` when the text is genuine
/// Unicode, reads no better decoded, or nothing in it looks legacy.
pub fn detect(text: &str) -> Option<(Encoding, f32)> {
    if text.chars().any(|c| {
        let n = c as u32;
        (0x100..=0x24F).contains(&n)
            || (0x300..=0x36F).contains(&n)
            || (0x1E00..=0x1EFF).contains(&n)
    }) {
        return None;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() && c != '\u{AD}')
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_ascii_digit()))
        .filter(|w| w.chars().any(|c| legacy_byte(c).is_some_and(|b| b >= 0xA0)))
        .collect();
    if words.is_empty() {
        return None;
    }
    let valid = |read: &dyn Fn(&str) -> String| -> Vec<bool> {
        words.iter().map(|w| is_syllable(&read(w))).collect()
    };
    let as_is = valid(&|w| w.to_owned());
    let tcvn3 = valid(&|w| decode(w, Encoding::Tcvn3));
    let vni = valid(&|w| decode(w, Encoding::Vni));
    let count = |v: &[bool]| v.iter().filter(|&&ok| ok).count();
    let (encoding, best, other) = if count(&tcvn3) >= count(&vni) {
        (Encoding::Tcvn3, tcvn3, vni)
    } else {
        (Encoding::Vni, vni, tcvn3)
    };
    let rate = count(&best) as f32 / words.len() as f32;
    if rate < 0.5 {
        return None;
    }
    // Only words that read well one way and not the other tell anything.
    let evidence = |rival: &[bool]| {
        let mut for_ = 0.0_f32;
        let mut against = 0.0_f32;
        for (&b, &r) in best.iter().zip(rival) {
            match (b, r) {
                (true, false) => for_ += 1.0,
                (false, true) => against += 1.0,
                _ => {}
            }
        }
        (for_ - against) / (for_ + against + 1.0)
    };
    let confidence = evidence(&other).min(evidence(&as_is)) * rate;
    (confidence > 0.0).then_some((encoding, confidence))
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const INITIALS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const VOWELS: &str = "aăâeêioôơuưy";
/// Vowel groups of Vietnamese rimes. Those that must close with a final
/// consonant, and those that end in a glide and take none.
const OPEN_OR_CLOSED: [&str; 14] = [
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uy", "uê",
];
const CLOSED: [&str; 10] = ["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ", "oo"];
const OPEN: [&str; 31] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
    "uyu",
];
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether a word is one well-formed Vietnamese syllable: consistent case,
/// at most one tone, an initial consonant, a vowel group
/// and a final consonant that suits it.
pub(super) fn is_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    let case_ok = rest.iter().all(|c| c.is_lowercase())
        || (first.is_uppercase() && rest.iter().all(|c| c.is_uppercase()));
    if !case_ok || !first.is_alphabetic() {
        return false;
    }
    // Tone-less, lower-case letters.
    let mut bare = String::new();
    let mut tones = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut parts = Vec::new();
        decompose_canonical(c, |p| parts.push(p));
        let mut letter = parts[0];
        for &m in &parts[1..] {
            if TONES.contains(&m) {
                tones += 1;
            } else {
                match unicode_normalization::char::compose(letter, m) {
                    Some(l) => letter = l,
                    None => return false,
                }
            }
        }
        bare.push(letter);
    }
    if tones > 1 {
        return false;
    }
    let rime_ok = |rime: &str| {
        let vowels = rime.chars().take_while(|c| VOWELS.contains(*c)).count();
        let fin: String = rime.chars().skip(vowels).collect();
        let group: String = rime.chars().take(vowels).collect();
        let group = group.as_str();
        FINALS.contains(&fin.as_str())
            && (OPEN_OR_CLOSED.contains(&group)
                || (CLOSED.contains(&group) && !fin.is_empty())
                || (OPEN.contains(&group) && fin.is_empty()))
    };
    rime_ok(&bare)
        || INITIALS
            .iter()
            .any(|i| bare.strip_prefix(i).is_some_and(rime_ok))
}
