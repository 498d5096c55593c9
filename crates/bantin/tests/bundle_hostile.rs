//! `bundle check` against hostile bundles: HTML that hides a script from a
//! filter that does not read it as a browser does, zips whose entries
//! collide, image and entry sizes meant to exhaust memory, control
//! characters, and archives the zip library cannot open.

mod bundle_common;

use bundle_common::hostile::*;
use bundle_common::*;

fn report(zip: &[u8]) -> b::CheckReport {
    b::check_bundle(zip).unwrap()
}

/// Every problem is a Vietnamese sentence: nothing in it from a library.
fn assert_vietnamese(text: &str) {
    let first = text.lines().next().unwrap();
    for english in [
        "EOCD",
        "Password",
        "invalid Zip",
        "Could not",
        "Saw ",
        "archive",
    ] {
        assert!(!first.contains(english), "{text}");
    }
    assert!(!first.is_ascii(), "{text}");
}

#[test]
fn comment_forms_are_refused() {
    let good = good_html();
    for (name, form) in COMMENT_FORMS {
        let r = report(&bundle_with_html(&format!("{good}{form}\n")));
        assert!(!r.is_ok(), "{name}: {form} passed the check");
    }
}

#[test]
fn every_trick_is_refused_and_the_sanitiser_removes_it() {
    let good = good_html();
    for (name, trick) in COMMENT_FORMS.iter().chain(TRICKS) {
        let html = format!("{good}{trick}\n");
        let r = report(&bundle_with_html(&html));
        assert!(!r.is_ok(), "{name}: {trick} passed the check");
        for p in &r.problems {
            assert_vietnamese(&p.message);
        }
        // Agreement: what the check refuses, the sanitiser changes …
        let clean = b::sanitize_html(&html);
        assert_ne!(clean, html, "{name}: refused but left as it is");
        // … and what it writes passes the check, and stays as it is.
        let r = report(&bundle_with_html(&clean));
        assert!(
            r.is_ok(),
            "{name}: sanitised {clean:?} refused: {:?}",
            r.problems
        );
        assert_eq!(b::sanitize_html(&clean), clean, "{name}");
        assert!(
            !clean.to_ascii_lowercase().contains("<script"),
            "{name}: {clean}"
        );
    }
}

#[test]
fn benign_markup_passes_and_is_left_as_it_is() {
    let good = good_html();
    for extra in BENIGN {
        let html = format!("{good}{extra}");
        let r = report(&bundle_with_html(&html));
        assert!(r.is_ok(), "{extra}: {:?}", r.problems);
        assert_eq!(b::sanitize_html(&html), html, "{extra}");
    }
}

#[test]
fn the_same_name_twice_is_refused() {
    let mut e = good_entries();
    e.push(("article.htmX".into(), b"<script>alert(1)</script>".to_vec()));
    let zip = rezip_renamed(&e, &[("article.htmX", "article.html")]);
    let r = report(&zip);
    assert!(r.has("duplicate_entry"), "{:?}", r.problems);
    let p = r
        .problems
        .iter()
        .find(|p| p.code == "duplicate_entry")
        .unwrap();
    assert!(p.message.contains("\"article.html\""), "{}", p.message);
}

#[test]
fn names_equal_after_folding_are_refused() {
    let decomposed = "images/a\u{0309}nh.jpg"; // ả as a + hook above (NFD)
    let pairs: &[(&str, &str)] = &[
        ("article.md", "Article.MD"),
        ("images/ảnh.jpg", decomposed),
        ("images/anh-01.jpg", "images\\anh-01.jpg"),
        ("article.md", "./article.md"),
        ("article.md", "article.md."),
        ("article.md", "article.md "),
        ("images/ẢNH.jpg", "images/ảnh.jpg"),
    ];
    for (a, b) in pairs {
        let mut e = good_entries();
        for name in [a, b] {
            if !e.iter().any(|(n, _)| n == name) {
                e.push((name.to_string(), b"x".to_vec()));
            }
        }
        let r = report(&rezip(&e));
        assert!(r.has("duplicate_entry"), "{a} / {b}: {:?}", r.problems);
    }
}

#[test]
fn an_absurd_png_is_refused_by_its_header() {
    let mut e = good_entries();
    put_file(&mut e, "images/anh-02.png", png_claiming(1_999, 1_000_000));
    let r = report(&rezip(&e));
    // Only the size: a decoder would have failed on the 16 rows that are
    // there (bad_image), so the check never decoded it.
    assert_eq!(codes(&r), ["image_too_large"], "{:?}", r.problems);
    let m = &r.problems[0].message;
    assert!(m.contains("1999×1000000 điểm ảnh"), "{m}");
    assert!(m.contains("1.999 triệu điểm ảnh"), "{m}");
    assert!(!m.contains(" MB"), "{m}");
}

#[test]
fn an_entry_larger_than_its_kind_allows_is_refused_with_its_cap() {
    let mut e = good_entries();
    put_file(&mut e, "images/anh-02.png", vec![0u8; 17 * 1024 * 1024]);
    let r = report(&rezip(&e));
    let p = r.problems.iter().find(|p| p.code == "entry_too_large");
    let p = p.unwrap_or_else(|| panic!("{:?}", r.problems));
    assert!(p.message.contains("\"images/anh-02.png\""), "{}", p.message);
    assert!(p.message.contains("hơn 16 MB"), "{}", p.message);
}

#[test]
fn control_characters_are_refused() {
    let good = good_html();
    let r = report(&bundle_with_html(&format!("{good}<p>a\0b</p>\n")));
    assert!(r.has("control_char"), "{:?}", r.problems);

    let mut e = good_entries();
    let md = String::from_utf8(file(&e, "article.md").to_vec()).unwrap();
    put_file(
        &mut e,
        "article.md",
        format!("{md}\nx\u{1b}[31m\n").into_bytes(),
    );
    assert_eq!(codes(&report(&rezip(&e))), ["control_char"]);

    let mut e = good_entries();
    let m = e.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&m.1).unwrap();
    json["title"] = "Tiêu đề\u{0}ẩn".into();
    m.1 = serde_json::to_vec(&json).unwrap(); // written as \u0000
    let r = report(&rezip(&e));
    assert_eq!(codes(&r), ["control_char"]);
    assert!(r.problems[0].message.contains("manifest.json"));
    assert!(r.problems[0].message.contains("U+0000"));
}

#[test]
fn what_is_not_a_zip_is_said_in_vietnamese() {
    let good = rezip(&good_entries());
    for bytes in [&b"day khong phai tep zip"[..], &good[..good.len() / 2], &[]] {
        let err = b::check_bundle(bytes).unwrap_err();
        assert_eq!(err.code(), "not_a_zip");
        let text = err.to_string();
        assert_vietnamese(&text);
        assert!(text.contains("\nChi tiết kỹ thuật: "), "{text}");
    }
}

#[test]
fn encrypted_entries_are_refused_in_vietnamese() {
    let mut zip = rezip(&good_entries());
    patch_headers(&mut zip, 6, 8, 1, true); // bit 0 of the flags: encrypted
    let r = report(&zip);
    assert!(r.has("encrypted"), "{:?}", r.problems);
    for p in &r.problems {
        assert_vietnamese(&p.message);
    }
}

/// Sets bits in a field of every local (`PK\x03\x04`) and central
/// (`PK\x01\x02`) header: `(local offset, central offset, value)`.
fn patch_headers(zip: &mut [u8], local: usize, central: usize, value: u16, or: bool) {
    for (sig, at) in [(b"PK\x03\x04", local), (b"PK\x01\x02", central)] {
        let hits: Vec<usize> = (0..zip.len().saturating_sub(4))
            .filter(|&i| &zip[i..i + 4] == sig)
            .collect();
        for i in hits {
            let old = u16::from_le_bytes([zip[i + at], zip[i + at + 1]]);
            let new = if or { old | value } else { value };
            zip[i + at..i + at + 2].copy_from_slice(&new.to_le_bytes());
        }
    }
}

#[test]
fn an_unknown_compression_is_not_called_damage() {
    let mut zip = rezip(&good_entries());
    patch_headers(&mut zip, 8, 10, 12, false); // 12: bzip2, not built in
    let r = report(&zip);
    assert!(r.has("unsupported_compression"), "{:?}", r.problems);
    for p in &r.problems {
        assert_vietnamese(&p.message);
    }
}
