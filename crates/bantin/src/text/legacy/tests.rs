//! Every Vietnamese letter both ways in each encoding, glibc as an
//! independent reference for TCVN3, real text round trips, and detection.

use std::process::Command;

use super::*;

/// The 67 lower-case Vietnamese letters that are not ASCII: 12 vowels × 6
/// tone forms, less the six plain ASCII vowels, plus đ.
fn lower_letters() -> Vec<char> {
    let all: String =
        "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ".into();
    let letters: Vec<char> = all.chars().filter(|c| !c.is_ascii()).collect();
    assert_eq!(letters.len(), 67);
    letters
}

fn upper_letters() -> Vec<char> {
    lower_letters()
        .into_iter()
        .map(|c| c.to_uppercase().next().unwrap())
        .collect()
}

fn sample_text() -> String {
    crate::sample::ARTICLES
        .iter()
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn tcvn3_every_lower_case_letter_both_ways() {
    for c in lower_letters() {
        let legacy = encode(&c.to_string(), Encoding::Tcvn3).unwrap();
        assert_eq!(legacy.chars().count(), 1, "{c}");
        assert!(
            legacy_byte(legacy.chars().next().unwrap()).unwrap() >= 0xA8,
            "{c}"
        );
        assert_eq!(decode(&legacy, Encoding::Tcvn3), c.to_string());
    }
}

#[test]
fn tcvn3_capitals_every_upper_case_letter_both_ways() {
    for c in upper_letters() {
        let legacy = encode(&c.to_string(), Encoding::Tcvn3Capitals).unwrap();
        assert_eq!(
            decode(&legacy, Encoding::Tcvn3Capitals),
            c.to_string(),
            "{c}"
        );
        // The capitals font draws the lower-case byte.
        let lower = c.to_lowercase().to_string();
        assert_eq!(legacy, encode(&lower, Encoding::Tcvn3).unwrap());
    }
    assert_eq!(decode("CéNG HOµ", Encoding::Tcvn3Capitals), "CỘNG HOÀ");
    assert!(encode("a", Encoding::Tcvn3Capitals).is_err());
}

#[test]
fn tcvn3_has_seven_capitals_of_its_own_and_no_others() {
    for c in "ĂÂÊÔƠƯĐ".chars() {
        let legacy = encode(&c.to_string(), Encoding::Tcvn3).unwrap();
        assert_eq!(decode(&legacy, Encoding::Tcvn3), c.to_string());
    }
    let err = encode("Ấ", Encoding::Tcvn3).unwrap_err();
    assert_eq!(
        err,
        Unrepresentable {
            ch: 'Ấ',
            encoding: Encoding::Tcvn3
        }
    );
    assert!(err.to_string().contains("TCVN3"));
}

#[test]
fn vni_every_letter_both_ways() {
    for c in lower_letters().into_iter().chain(upper_letters()) {
        let legacy = encode(&c.to_string(), Encoding::Vni).unwrap();
        assert!(legacy.chars().all(|l| legacy_byte(l).is_some()), "{c}");
        assert_eq!(
            decode(&legacy, Encoding::Vni),
            c.to_string(),
            "{c} as {legacy}"
        );
    }
}

#[test]
fn vni_reads_text_as_the_vni_fonts_draw_it() {
    // Spellings as they appear when a VNI document loses its font.
    let cases = [
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        (
            "ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC",
            "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
        ),
        ("Taêng cöôøng", "Tăng cường"),
        (
            "chæ thò, baèng, maët, ñeå, daãn, caáp, Mî, aú, aü",
            "chỉ thị, bằng, mặt, để, dẫn, cấp, Mỵ, ẳ, ẵ",
        ),
    ];
    for (vni, unicode) in cases {
        assert_eq!(decode(vni, Encoding::Vni), unicode);
        assert_eq!(encode(unicode, Encoding::Vni).unwrap(), vni);
    }
}

#[test]
fn tcvn3_soft_hyphen_is_u_horn_and_survives() {
    assert_eq!(decode("T¨ng c\u{AD}êng", Encoding::Tcvn3), "Tăng cường");
    assert_eq!(encode("ư", Encoding::Tcvn3).unwrap(), "\u{AD}");
    // Through raw bytes as well (a file saved by a TCVN3 editor).
    assert_eq!(
        decode(&chars_from_bytes(b"c\xAD\xEAng"), Encoding::Tcvn3),
        "cường"
    );
}

/// Keeps the characters an encoding can write, so a real article (with
/// curly quotes, dashes …) can go round.
fn writable(text: &str, encoding: Encoding) -> String {
    text.chars()
        .filter(|&c| encode(&c.to_string(), encoding).is_ok())
        .collect()
}

#[test]
fn sample_articles_round_trip_through_each_encoding() {
    let text = sample_text();
    for (encoding, text) in [
        (Encoding::Tcvn3, text.to_lowercase()),
        (Encoding::Tcvn3Capitals, text.to_uppercase()),
        (Encoding::Vni, text.clone()),
    ] {
        let kept = writable(&text, encoding);
        assert!(
            kept.chars().count() * 100 >= text.chars().count() * 98,
            "{encoding}"
        );
        let legacy = encode(&kept, encoding).unwrap();
        assert_ne!(legacy, kept);
        assert_eq!(decode(&legacy, encoding), kept, "{encoding}");
    }
}

fn iconv(args: &[&str], input: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new("iconv")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("this test needs glibc's iconv (package libc-bin): install it");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "iconv {args:?} failed");
    out.stdout
}

#[test]
fn tcvn3_table_agrees_with_glibc() {
    let letters: String = lower_letters()
        .into_iter()
        .chain("ĂÂÊÔƠƯĐ".chars())
        .collect();
    let ours: Vec<u8> = encode(&letters, Encoding::Tcvn3)
        .unwrap()
        .chars()
        .map(|c| legacy_byte(c).unwrap())
        .collect();
    let glibc = iconv(&["-f", "UTF-8", "-t", "TCVN5712-1"], letters.as_bytes());
    assert_eq!(ours, glibc);

    // Reading: every byte from 0xA1 up, except 0xB0–0xB4 which VN1 uses for
    // combining tones and VN3 leaves empty.
    let bytes: Vec<u8> = (0xA1..=0xFF)
        .filter(|b| !(0xB0..=0xB4).contains(b))
        .collect();
    let glibc = String::from_utf8(iconv(&["-f", "TCVN5712-1", "-t", "UTF-8"], &bytes)).unwrap();
    assert_eq!(
        decode(&chars_from_bytes(&bytes), Encoding::Tcvn3),
        crate::text::nfc(&glibc)
    );
}

#[test]
fn sample_text_through_glibc_tcvn3_reads_back() {
    let text = writable(&sample_text().to_lowercase(), Encoding::Tcvn3);
    let bytes = iconv(&["-f", "UTF-8", "-t", "TCVN5712-1"], text.as_bytes());
    assert_eq!(decode(&chars_from_bytes(&bytes), Encoding::Tcvn3), text);
}

#[test]
fn font_names_pick_the_encoding() {
    assert_eq!(font_encoding(".VnTime"), Some(Encoding::Tcvn3));
    assert_eq!(
        font_encoding(".VnArial NarrowH"),
        Some(Encoding::Tcvn3Capitals)
    );
    assert_eq!(font_encoding(".VnTimeH"), Some(Encoding::Tcvn3Capitals));
    assert_eq!(font_encoding("VNI-Times"), Some(Encoding::Vni));
    assert_eq!(font_encoding("Times New Roman"), None);
}

#[test]
fn detect_finds_tcvn3_and_vni() {
    let text = sample_text();
    let tcvn3 = encode(
        &writable(&text.to_lowercase(), Encoding::Tcvn3),
        Encoding::Tcvn3,
    )
    .unwrap();
    let (enc, confidence) = detect(&tcvn3).unwrap();
    assert_eq!(enc, Encoding::Tcvn3);
    assert!(confidence >= SURE, "{confidence}");

    let vni = encode(&writable(&text, Encoding::Vni), Encoding::Vni).unwrap();
    let (enc, confidence) = detect(&vni).unwrap();
    assert_eq!(enc, Encoding::Vni);
    assert!(confidence >= SURE, "{confidence}");

    // Two words are a hint, not proof.
    let (enc, confidence) = detect("T¨ng c\u{AD}êng").unwrap();
    assert_eq!(enc, Encoding::Tcvn3);
    assert!(confidence < SURE, "{confidence}");
    let (enc, confidence) = detect("Taêng cöôøng coâng taùc daân vaän ôû cô sôû").unwrap();
    assert_eq!(enc, Encoding::Vni);
    assert!(confidence >= SURE, "{confidence}");
}

#[test]
fn detect_never_claims_genuine_text() {
    assert_eq!(detect(&sample_text()), None);
    assert_eq!(detect("Tôi là cán bộ"), None);
    assert_eq!(detect("Tôi là cán"), None);
    assert_eq!(detect("Hello, world"), None);
    assert_eq!(
        detect("Où est la bibliothèque? Très bien, à côté du café."),
        None
    );
    // Decomposed (NFD) Vietnamese is Unicode too.
    assert_eq!(detect("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t"), None);
}

#[test]
fn syllables() {
    for w in [
        "tăng", "cường", "Nghiêng", "KHUYẾN", "gì", "quốc", "Việt", "ơi",
    ] {
        assert!(detect::is_syllable(w), "{w}");
    }
    for w in ["T¨ng", "lỔ", "xyz", "tăngg", "ViỆt", "đđ"] {
        assert!(!detect::is_syllable(w), "{w}");
    }
}
