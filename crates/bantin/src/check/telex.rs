//! Telex leftovers: a word typed with Telex while the input method was off
//! ("vieejt", "ddaay", "nguowif") read back as the syllable it was meant to
//! be, when that syllable is well-formed.
//!
//! Telex keys: "aa" â, "aw" ă, "ee" ê, "oo" ô, "ow" ơ, "uw"/"w" ư,
//! "uow" ươ, "dd" đ; after a vowel, s f r x j are the tones sắc, huyền,
//! hỏi, ngã, nặng, and z removes the tone.

use super::syllable::{self, HOI, HUYEN, NANG, NGA, SAC, VOWELS};
use crate::text::ToneStyle;

/// The syllable `letters` (toneless, lower case, as `syllable::decompose`
/// gives them) spell in Telex, with `tone` kept if no tone key overrides it;
/// `None` when no Telex key is in the word or the result is no syllable.
pub fn decode(letters: &[char], tone: Option<char>, style: ToneStyle) -> Option<String> {
    let mut out: Vec<char> = Vec::with_capacity(letters.len());
    let mut tone = tone;
    let mut keyed = false;
    for &c in letters {
        let has_vowel = out.iter().any(|v| VOWELS.contains(*v));
        let last = out.last().copied();
        let key_tone = match c {
            's' => Some(Some(SAC)),
            'f' => Some(Some(HUYEN)),
            'r' => Some(Some(HOI)),
            'x' => Some(Some(NGA)),
            'j' => Some(Some(NANG)),
            'z' => Some(None),
            _ => None,
        };
        if let Some(t) = key_tone
            && has_vowel
        {
            tone = t;
            keyed = true;
            continue;
        }
        let doubled = match (last, c) {
            (Some('d'), 'd') => Some('đ'),
            (Some('a'), 'a') => Some('â'),
            (Some('e'), 'e') => Some('ê'),
            (Some('o'), 'o') => Some('ô'),
            _ => None,
        };
        if let Some(d) = doubled {
            *out.last_mut()? = d;
            keyed = true;
            continue;
        }
        if c == 'w' {
            keyed = true;
            // The horn or breve goes on the last a, o or u typed.
            match out.iter().rposition(|v| "aou".contains(*v)) {
                Some(k) => {
                    out[k] = match out[k] {
                        'a' => 'ă',
                        'o' => 'ơ',
                        _ => 'ư',
                    };
                    if out[k] == 'ơ' && k > 0 && out[k - 1] == 'u' {
                        out[k - 1] = 'ư';
                    }
                }
                None => out.push('ư'),
            }
            continue;
        }
        out.push(c);
    }
    if !keyed {
        return None;
    }
    let p = syllable::parse(&out).ok()?;
    if p.stop && !matches!(tone, Some(SAC | NANG)) {
        return None;
    }
    Some(syllable::render(&out, &p, tone, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(w: &str) -> Option<String> {
        let (bases, tones) = syllable::decompose(w)?;
        decode(&bases, tones.first().map(|t| t.1), ToneStyle::Modern)
    }

    #[test]
    fn reads_telex_back() {
        assert_eq!(d("vieejt").as_deref(), Some("việt"));
        assert_eq!(d("ddaay").as_deref(), Some("đây"));
        assert_eq!(d("nguowif").as_deref(), Some("người"));
        assert_eq!(d("dduowcj").as_deref(), Some("được"));
        assert_eq!(d("hoas").as_deref(), Some("hóa"));
        assert_eq!(d("tooi").as_deref(), Some("tôi"));
        assert_eq!(d("ddangr").as_deref(), Some("đảng"));
    }

    #[test]
    fn leaves_other_words() {
        assert_eq!(d("email"), None);
        assert_eq!(d("hoa"), None);
        assert_eq!(d("website"), None);
    }
}
