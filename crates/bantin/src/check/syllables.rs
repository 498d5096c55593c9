//! The list of Vietnamese syllables in use (`assets/dict/am-tiet.txt`,
//! derived from the MIT-licensed `@cspell/dict-vi-vn` word list; its
//! licence beside it), loaded once, and suggestions from it: the syllable
//! one letter away from a slip ("nghiêk" → "nghiêm"), or the same letters
//! with the tone where it belongs.
//!
//! Syllables are compared by their toneless letters and their tone, so the
//! list's old tone placement ("hoá", "thuỷ") matches either style.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::syllable::{self, decompose, parse, render};
use crate::text::ToneStyle;

const LIST: &str = include_str!("../../../../assets/dict/am-tiet.txt");

/// Letters a slip may put in a Vietnamese syllable.
const LETTERS: &str = "abcdeghiklmnopqrstuvxyăâđêôơư";

/// A syllable's key: its toneless letters, then its tone mark (if any).
fn key(bases: &[char], tone: Option<char>) -> String {
    let mut k: String = bases.iter().collect();
    k.extend(tone);
    k
}

fn list() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|w| {
                let (bases, tones) = decompose(w)?;
                (tones.len() <= 1).then(|| key(&bases, tones.first().map(|t| t.1)))
            })
            .collect()
    })
}

/// How many syllables the list holds.
#[cfg(test)]
pub fn len() -> usize {
    list().len()
}

/// Whether `lower` (a lower-case word) is a syllable in the list.
pub fn known(lower: &str) -> bool {
    match decompose(lower) {
        Some((bases, tones)) if tones.len() <= 1 => {
            list().contains(&key(&bases, tones.first().map(|t| t.1)))
        }
        _ => false,
    }
}

/// Whether two words have the same letters, whatever their tones.
pub fn same_letters(a: &str, b: &str) -> bool {
    match (decompose(a), decompose(b)) {
        (Some((x, _)), Some((y, _))) => x == y,
        _ => false,
    }
}

/// Syllables of the list one slip away from `lower`: one letter changed,
/// left out or added, the tone kept; then the same letters with another
/// tone. Written lower case, tone placed per `style`,
/// each once, in a stable order.
pub fn near(lower: &str, style: ToneStyle) -> Vec<String> {
    let Some((bases, tones)) = decompose(lower) else {
        return Vec::new();
    };
    if tones.len() > 1 {
        return Vec::new();
    }
    let tone = tones.first().map(|t| t.1);
    let set = list();
    let mut out: Vec<String> = Vec::new();
    let mut push = |cand: Vec<char>, tone: Option<char>| {
        if cand != bases
            && set.contains(&key(&cand, tone))
            && let Ok(p) = parse(&cand)
        {
            let s = render(&cand, &p, tone, style);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    // From the end: a slip in the rhyme ("thàng" for "thành") is likelier
    // than a different onset, which makes another word altogether.
    for i in (0..=bases.len()).rev() {
        for c in LETTERS.chars() {
            if i < bases.len() {
                let mut v = bases.clone();
                v[i] = c;
                push(v, tone);
            }
            let mut v = bases.clone();
            v.insert(i, c);
            push(v, tone);
        }
        if i < bases.len() {
            let mut v = bases.clone();
            v.remove(i);
            push(v, tone);
        }
    }
    let tones = [None, Some(syllable::SAC), Some(syllable::HUYEN)]
        .into_iter()
        .chain([syllable::HOI, syllable::NGA, syllable::NANG].map(Some));
    for t in tones.filter(|t| *t != tone) {
        if set.contains(&key(&bases, t))
            && let Ok(p) = parse(&bases)
        {
            let s = render(&bases, &p, t, style);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_loads_and_matches_either_tone_style() {
        assert!(len() > 6000, "{}", len());
        for w in ["hóa", "hoá", "thủy", "thuỷ", "nghị", "quyết", "đảng"] {
            assert!(known(w), "{w}");
        }
        assert!(!known("nghiêk"));
        assert!(!known("thàng"));
    }

    #[test]
    fn suggests_the_syllable_one_slip_away() {
        let m = ToneStyle::Modern;
        assert!(near("nghiêk", m).contains(&"nghiêm".to_string()));
        assert_eq!(near("thàng", m)[0], "thành");
        // Letters right, tone not in use with them: another tone.
        assert!(near("quyêt", m).contains(&"quyết".to_string()));
        assert!(near("xyz", m).is_empty());
    }
}
