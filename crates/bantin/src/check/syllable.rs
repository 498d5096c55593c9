//! The rules of Vietnamese syllable structure, written as code: a syllable
//! is an onset (phụ âm đầu), a rhyme (vần: optional glide, nucleus, coda)
//! and one tone. A written word is accepted when
//! - its onset is one of the 27 Vietnamese onsets, "qu" always has its "u",
//!   and "c/k", "g/gh", "ng/ngh" follow the spelling rule ("k", "gh", "ngh"
//!   before i, e, ê, y; "c", "g", "ng" elsewhere);
//! - its rhyme is one of the Vietnamese rhymes ([`RHYMES`]);
//! - a stop coda (-p, -t, -c, -ch) carries only sắc or nặng;
//! - the tone sits on the vowel the spelling rules put it on (either style
//!   for open "oa", "oe", "uy": that choice is the `kieu-bo-dau-lan-lon`
//!   rule's business).
//!
//! This knows nothing of which syllables are real words ("bính" is
//! well-formed); it catches the slips that break the structure: a tone on
//! the wrong vowel, a missing "h", Telex leftovers, two tones.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

use crate::text::ToneStyle;

/// Tone marks as combining characters: sắc, huyền, hỏi, ngã, nặng.
pub const SAC: char = '\u{301}';
pub const HUYEN: char = '\u{300}';
pub const HOI: char = '\u{309}';
pub const NGA: char = '\u{303}';
pub const NANG: char = '\u{323}';
const TONES: [char; 5] = [SAC, HUYEN, HOI, NGA, NANG];

pub const VOWELS: &str = "aăâeêioôơuưy";

const ONSETS: [&str; 27] = [
    "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
    "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Every Vietnamese rhyme, toneless (the "vần" of a primer, with the
/// glide-initial ones written as after a consonant: "oa", "uy", "uyên").
pub const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em",
    "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia",
    "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong", "ô", "ôc", "ôi", "ôm", "ôn",
    "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uc", "ui", "um", "un", "ung",
    "up", "ut", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "ư", "ưa", "ưc", "ưi", "ưm", "ưn",
    "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "y", "yêm", "yên",
    "yêng", "yêt", "yêu", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap",
    "oat", "oay", "oăc", "oăm", "oăn", "oăng", "oăp", "oăt", "oe", "oen", "oeo", "oet", "uân",
    "uâng", "uât", "uây", "uê", "uêch", "uên", "uênh", "uêt", "uêu", "uơ", "uy", "uya", "uych",
    "uyên", "uynh", "uyt", "uyu", "uyêt",
];

/// What is wrong with a word that breaks the structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Not a Vietnamese onset + rhyme.
    Structure,
    /// The c/k, g/gh, ng/ngh or q/qu rule: `found` should be `want`.
    Onset {
        found: &'static str,
        want: &'static str,
    },
    /// A stop coda (-p, -t, -c, -ch) with a tone other than sắc or nặng.
    StopTone,
    /// The tone mark sits on the wrong vowel.
    ToneMisplaced,
    /// Letters left over from Telex typing ("vieejt").
    Telex,
    /// More than one tone mark.
    TwoTones,
}

/// What the speller says of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spelling {
    Ok,
    /// Plain Latin letters that are no Vietnamese syllable: a foreign word,
    /// a unit, a word typed without diacritics.
    Foreign,
    Wrong {
        why: Why,
        /// The word as it was probably meant, in the word's own case.
        suggestion: Option<String>,
    },
}

/// The speller's verdict and the word's tone style, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub spelling: Spelling,
    /// `Some` for an open "oa"/"oe"/"uy" syllable with a tone: the style it
    /// is written in.
    pub style: Option<ToneStyle>,
    /// A well-formed word that is a syllable in use (`check::syllables`);
    /// judged once with the rest, so a re-check looks it up no more.
    pub known: bool,
}

/// Judges one word (any case; NFC or NFD).
pub fn judge(word: &str, style: ToneStyle) -> Verdict {
    let nfc: String = word.nfc().collect();
    let lower = nfc.to_lowercase();
    let mut written = None;
    let spelling = spell(&nfc, &lower, style, &mut written);
    let known = spelling == Spelling::Ok && super::syllables::known(&lower);
    Verdict {
        spelling,
        style: written,
        known,
    }
}

/// Spells one word; for a well-formed open "oa"/"oe"/"uy" syllable with a
/// tone, also tells which style it is written in (as `unify_tone_style`
/// would see it: the tone on the first vowel is the modern style).
fn spell(nfc: &str, lower: &str, style: ToneStyle, written: &mut Option<ToneStyle>) -> Spelling {
    let wrong = |why, s: Option<String>| Spelling::Wrong {
        why,
        suggestion: s.map(|s| same_case(nfc, &s)),
    };
    let Some((bases, tones)) = decompose(lower) else {
        return Spelling::Foreign;
    };
    let telex = || super::telex::decode(&bases, tones.first().map(|t| t.1), style);
    if bases.iter().any(|c| "fjwz".contains(*c)) {
        return match telex() {
            Some(s) => wrong(Why::Telex, Some(s)),
            None if tones.is_empty() && lower.is_ascii() => Spelling::Foreign,
            None => wrong(Why::Structure, None),
        };
    }
    if tones.len() > 1 {
        return wrong(Why::TwoTones, None);
    }
    let tone = tones.first().copied();
    match parse(&bases) {
        Ok(p) => {
            let t = tone.map(|t| t.1);
            if p.stop && !matches!(t, Some(SAC | NANG)) {
                let why = Why::StopTone;
                return match telex() {
                    Some(s) => wrong(Why::Telex, Some(s)),
                    None if lower.is_ascii() => Spelling::Foreign,
                    None => wrong(why, None),
                };
            }
            if let Some((at, mark)) = tone
                && !p.tone_places().contains(&at)
            {
                return wrong(
                    Why::ToneMisplaced,
                    Some(render(&bases, &p, Some(mark), style)),
                );
            }
            if let Some((at, _)) = tone
                && p.two_styles
            {
                *written = Some(if at == p.vowels[0] {
                    ToneStyle::Modern
                } else {
                    ToneStyle::Classic
                });
            }
            Spelling::Ok
        }
        Err(Some((found, want))) => {
            let fixed = fix_onset(&bases, found, want);
            let s = parse(&fixed)
                .ok()
                .map(|p| render(&fixed, &p, tone.map(|t| t.1), style));
            wrong(Why::Onset { found, want }, s)
        }
        Err(None) => match telex() {
            Some(s) => wrong(Why::Telex, Some(s)),
            None if lower.is_ascii() => Spelling::Foreign,
            None => wrong(Why::Structure, None),
        },
    }
}

/// A tone mark and the index of the letter it sits on.
pub type Tone = (usize, char);

/// Toneless lower-case letters (ă, â, ê, ô, ơ, ư, đ kept) and the tone
/// marks with the index of the letter each sits on; `None` for a letter
/// that has no place in Vietnamese (ç, ü, a stray mark).
pub fn decompose(lower: &str) -> Option<(Vec<char>, Vec<Tone>)> {
    let mut bases = Vec::with_capacity(lower.len());
    let mut tones = Vec::new();
    for c in lower.chars() {
        if c.is_ascii() {
            if !c.is_ascii_lowercase() {
                return None;
            }
            bases.push(c);
            continue;
        }
        if c == 'đ' {
            bases.push(c);
            continue;
        }
        let mut base = String::with_capacity(4);
        let mut tone = None;
        let mut ok = true;
        decompose_canonical(c, |d| {
            if TONES.contains(&d) {
                tone = Some(d);
            } else if d.is_ascii_lowercase() || matches!(d, '\u{302}' | '\u{306}' | '\u{31b}') {
                base.push(d);
            } else {
                ok = false;
            }
        });
        if !ok || base.is_empty() {
            return None;
        }
        let mut composed = base.nfc();
        let b = composed.next()?;
        if composed.next().is_some() || !(b.is_ascii() || VOWELS.contains(b)) {
            return None;
        }
        if let Some(t) = tone {
            tones.push((bases.len(), t));
        }
        bases.push(b);
    }
    Some((bases, tones))
}

/// A well-formed syllable's parts.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Indices of the rhyme's vowels.
    pub vowels: Vec<usize>,
    /// The rhyme ends in a consonant.
    pub closed: bool,
    /// The coda is -p, -t, -c or -ch.
    pub stop: bool,
    /// Open "oa", "oe", "uy": the two tone places of the two styles.
    pub two_styles: bool,
    /// The last vowel with a quality mark (ă â ê ô ơ ư), which takes the tone.
    pub marked: Option<usize>,
}

impl Parsed {
    /// Letter indices where the tone may sit.
    pub fn tone_places(&self) -> Vec<usize> {
        if self.two_styles {
            return self.vowels.clone();
        }
        vec![self.tone_place(ToneStyle::Modern)]
    }

    /// Where the tone goes: on the (last) vowel with a quality mark; on the
    /// last vowel before a consonant coda; else the first of two vowels
    /// (both styles' choice for oa/oe/uy) or the middle of three.
    pub fn tone_place(&self, style: ToneStyle) -> usize {
        let v = &self.vowels;
        if let Some(k) = self.marked {
            return k;
        }
        match (self.closed, v.len()) {
            (true, _) | (_, 1) => v[v.len() - 1],
            (false, 2) if self.two_styles && style == ToneStyle::Classic => v[1],
            (false, 2) => v[0],
            _ => v[1],
        }
    }
}

/// Parses toneless letters. `Err(Some((found, want)))` when only the
/// c/k, g/gh, ng/ngh or q/qu rule is broken; `Err(None)` otherwise.
pub fn parse(bases: &[char]) -> Result<Parsed, Option<(&'static str, &'static str)>> {
    let is_vowel = |c: &char| VOWELS.contains(*c);
    let first_vowel = bases.iter().position(is_vowel).ok_or(None)?;
    let cons: String = bases[..first_vowel].iter().collect();
    let next = |k: usize| bases.get(k).copied();
    let mut onset = first_vowel;
    if cons == "q" {
        if next(onset) != Some('u') || !next(onset + 1).is_some_and(|c| is_vowel(&c)) {
            return Err(None);
        }
        onset += 1;
    } else if cons == "g"
        && next(onset) == Some('i')
        && next(onset + 1).is_some_and(|c| is_vowel(&c))
    {
        onset += 1;
    } else if !cons.is_empty() && !ONSETS.contains(&cons.as_str()) {
        return Err(None);
    }
    let rhyme: String = bases[onset..].iter().collect();
    let ok = match onset_name(&bases[..onset]) {
        "qu" => {
            // "qui", "quít": the old spelling of "quy", "quýt".
            let y = match rhyme.strip_prefix('i') {
                Some(rest) => format!("y{rest}"),
                None => rhyme.clone(),
            };
            // "quạu" (cross): the one rhyme "qu" takes with no glide twin.
            rhyme == "au"
                || !rhyme.starts_with(['o', 'u', 'ư'])
                    && (in_rhymes(&format!("o{y}")) || in_rhymes(&format!("u{y}")))
        }
        "gi" => in_rhymes(&rhyme) || in_rhymes(&format!("i{rhyme}")),
        _ => in_rhymes(&rhyme),
    };
    if !ok {
        return Err(None);
    }
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    let plain_onset = onset_name(&bases[..onset]).is_empty();
    let rule = match (cons.as_str(), front && plain_onset) {
        ("c", true) => Some(("c", "k")),
        ("k", false) => Some(("k", "c")),
        ("g", true) if !rhyme.starts_with(['i', 'y']) => Some(("g", "gh")),
        ("gh", false) => Some(("gh", "g")),
        ("ng", true) => Some(("ng", "ngh")),
        ("ngh", false) => Some(("ngh", "ng")),
        _ => None,
    };
    if let Some(r) = rule {
        return Err(Some(r));
    }
    let coda_start = bases[onset..]
        .iter()
        .rposition(is_vowel)
        .map_or(bases.len(), |k| onset + k + 1);
    let coda: String = bases[coda_start..].iter().collect();
    let vowels: Vec<usize> = (onset..coda_start).collect();
    let nucleus: String = bases[onset..coda_start].iter().collect();
    Ok(Parsed {
        closed: !coda.is_empty(),
        stop: matches!(coda.as_str(), "p" | "t" | "c" | "ch"),
        two_styles: coda.is_empty() && matches!(nucleus.as_str(), "oa" | "oe" | "uy"),
        marked: vowels
            .iter()
            .rev()
            .copied()
            .find(|&k| "ăâêôơư".contains(bases[k])),
        vowels,
    })
}

fn onset_name(letters: &[char]) -> &'static str {
    match letters {
        ['q', 'u'] => "qu",
        ['g', 'i'] => "gi",
        _ => "",
    }
}

fn in_rhymes(r: &str) -> bool {
    RHYMES.contains(&r)
}

fn fix_onset(bases: &[char], found: &str, want: &str) -> Vec<char> {
    want.chars()
        .chain(bases[found.chars().count()..].iter().copied())
        .collect()
}

/// Writes letters with the tone on its place, lower case NFC.
pub fn render(bases: &[char], p: &Parsed, tone: Option<char>, style: ToneStyle) -> String {
    let at = p.tone_place(style);
    let mut s = String::with_capacity(bases.len() * 3);
    for (k, &c) in bases.iter().enumerate() {
        s.push(c);
        if k == at
            && let Some(t) = tone
        {
            s.push(t);
        }
    }
    s.nfc().collect()
}

/// `new` in the case of `like`: all upper, capitalised, or lower.
pub fn same_case(like: &str, new: &str) -> String {
    let letters = || like.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        return new.to_uppercase();
    }
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = new.chars();
        return cs
            .next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default();
    }
    new.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(w: &str) -> bool {
        judge(w, ToneStyle::Modern).spelling == Spelling::Ok
    }

    fn suggestion(w: &str) -> Option<String> {
        match judge(w, ToneStyle::Modern).spelling {
            Spelling::Wrong { suggestion, .. } => suggestion,
            _ => None,
        }
    }

    #[test]
    fn accepts_well_formed_syllables() {
        for w in [
            "việt", "nghiêng", "quốc", "quyết", "giữa", "gìn", "già", "khuỷu", "thuở", "người",
            "xoong", "kỹ", "ký", "quý", "hóa", "hoá", "thủy", "thuỷ", "oà", "yêu", "khuya",
            "giếng", "ngoằn", "nghèo", "ghế", "kẻ", "Quốc", "ĐẢNG", "hoạch", "uống", "chuyện",
            "thuyền", "luật", "hoà", "ước", "ấy", "gửi", "cứu", "rượu", "khuấy", "quậy", "qua",
            "pin", "đây", "quên", "quắp", "quết", "khuếch", "huỳnh", "quýt", "ngoèo", "gieo",
            "giặt", "quịt", "quít", "yểng", "chưn", "quều", "quạu",
        ] {
            assert!(ok(w), "{w}");
        }
    }

    #[test]
    fn rejects_broken_structure() {
        for w in [
            "ngiêm", "cinh", "ka", "ghà", "ngĩa", "qa", "màt", "tìên", "múôn", "hóan",
        ] {
            assert!(!ok(w), "{w}");
        }
        assert_eq!(judge("hoạn", ToneStyle::Modern).spelling, Spelling::Ok);
    }

    #[test]
    fn suggests_fixes() {
        assert_eq!(suggestion("ngiêm").as_deref(), Some("nghiêm"));
        assert_eq!(suggestion("Cinh").as_deref(), Some("Kinh"));
        assert_eq!(suggestion("ghà").as_deref(), Some("gà"));
        assert_eq!(suggestion("múôn").as_deref(), Some("muốn"));
        assert_eq!(suggestion("hóan").as_deref(), Some("hoán"));
        assert_eq!(suggestion("vieejt").as_deref(), Some("việt"));
        assert_eq!(suggestion("ddaay").as_deref(), Some("đây"));
        assert_eq!(suggestion("nguowif").as_deref(), Some("người"));
        assert_eq!(suggestion("VIEEJT").as_deref(), Some("VIỆT"));
    }

    #[test]
    fn plain_latin_is_foreign() {
        assert_eq!(
            judge("email", ToneStyle::Modern).spelling,
            Spelling::Foreign
        );
    }

    #[test]
    fn style_agrees_with_unify_tone_style() {
        use crate::text::unify_tone_style;
        for onset in ["", "h", "th", "ngh", "qu", "gi", "kh", "t", "l"] {
            for nucleus in ["oa", "oe", "uy", "ao", "uyê"] {
                for tone in [SAC, HUYEN, HOI, NGA, NANG] {
                    for at in 1..=nucleus.chars().count() {
                        let mut w: String = onset.into();
                        for (k, c) in nucleus.chars().enumerate() {
                            w.push(c);
                            if k + 1 == at {
                                w.push(tone);
                            }
                        }
                        let w: String = w.nfc().collect();
                        let by_unify = if unify_tone_style(&w, ToneStyle::Modern) != w {
                            Some(ToneStyle::Classic)
                        } else if unify_tone_style(&w, ToneStyle::Classic) != w {
                            Some(ToneStyle::Modern)
                        } else {
                            None
                        };
                        let v = judge(&w, ToneStyle::Modern);
                        if v.spelling == Spelling::Ok {
                            assert_eq!(v.style, by_unify, "{w}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn knows_the_style_of_a_word() {
        assert_eq!(
            judge("hoá", ToneStyle::Modern).style,
            Some(ToneStyle::Classic)
        );
        assert_eq!(
            judge("hóa", ToneStyle::Modern).style,
            Some(ToneStyle::Modern)
        );
        assert_eq!(judge("hoàn", ToneStyle::Modern).style, None);
    }
}
