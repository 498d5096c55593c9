//! `bantin convert`: old TCVN3 / VNI files to Unicode, from the command line.

mod common;

use bantin::text::legacy::{Encoding, encode};
use common::Env;

/// The sample articles in lower case (TCVN3 has no toned capitals), keeping
/// only what TCVN3 can write.
fn sample_text(encoding: Encoding) -> String {
    let text: String = bantin::sample::ARTICLES
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("\n");
    let text = if encoding == Encoding::Tcvn3 {
        text.to_lowercase()
    } else {
        text
    };
    text.chars()
        .filter(|c| encode(&c.to_string(), encoding).is_ok())
        .collect()
}

fn legacy_bytes(text: &str, encoding: Encoding) -> Vec<u8> {
    encode(text, encoding)
        .unwrap()
        .chars()
        .map(|c| c as u32 as u8)
        .collect()
}

#[test]
fn convert_auto_reads_raw_tcvn3_and_vni_bytes() {
    let env = Env::new();
    for encoding in [Encoding::Tcvn3, Encoding::Vni] {
        let text = sample_text(encoding);
        let file = env.path("cu.txt");
        std::fs::write(&file, legacy_bytes(&text, encoding)).unwrap();
        let stdout = env.ok(&["convert".as_ref(), file.as_os_str()]);
        assert_eq!(stdout.trim_end(), text.trim_end(), "{encoding}");
    }
}

#[test]
fn convert_reads_legacy_text_saved_as_utf8_and_writes_a_file() {
    let env = Env::new();
    let text = sample_text(Encoding::Tcvn3);
    // Soft hyphens (ư) included: they must survive the trip.
    let legacy = encode(&text, Encoding::Tcvn3).unwrap();
    assert!(legacy.contains('\u{AD}'));
    let file = env.write("cu.txt", &legacy);
    let out = env.path("moi.txt");
    let stdout = env.ok(&[
        "convert".as_ref(),
        "--from".as_ref(),
        "tcvn3".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(stdout.contains("đã chuyển từ TCVN3"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
}

#[test]
fn convert_says_when_it_is_unsure_or_the_text_is_unicode() {
    let env = Env::new();
    let short = env.write("ngan.txt", "T¨ng c\u{AD}êng");
    let r = env.run(&["convert".as_ref(), short.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Chưa chắc") && r.stderr.contains("--from tcvn3"),
        "{}",
        r.stderr
    );

    let unicode = env.write("unicode.txt", &sample_text(Encoding::Vni));
    let r = env.run(&["convert".as_ref(), unicode.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("có thể đã là Unicode"), "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let r = env.run(&[
        "convert".as_ref(),
        "--from".as_ref(),
        "abc".as_ref(),
        unicode.as_os_str(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Không có bảng mã \"abc\""),
        "{}",
        r.stderr
    );
}

/// Plain paragraphs of the samples (no front matter, images or marks), in
/// what `encoding` can write.
fn prose(encoding: Encoding) -> String {
    sample_text(encoding)
        .lines()
        .filter(|l| {
            l.chars().count() > 60
                && l.starts_with(char::is_alphabetic)
                && !l.contains(['[', '!', '*', '|', ':', '_', '"'])
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The body of an imported article, as `bantin show --json` gives it.
fn imported_body(env: &Env, id: i64) -> String {
    let article = env.json(&["show", &id.to_string(), "--json"]);
    article["body"].as_str().unwrap().to_owned()
}

#[test]
fn importing_old_txt_and_md_files_converts_them_and_says_so() {
    let env = Env::new();
    let text = prose(Encoding::Vni);
    // VNI as the raw bytes of an old editor, in a Markdown file with a title.
    let vni = env.path("vni.md");
    let mut bytes = b"# Tin cu\n\n".to_vec();
    bytes.extend(legacy_bytes(&text, Encoding::Vni));
    std::fs::write(&vni, bytes).unwrap();
    // TCVN3 as UTF-8 "Latin-1 soup", soft hyphens (ư) and all.
    let tcvn3_text = prose(Encoding::Tcvn3);
    let tcvn3 = env.write("tcvn3.txt", &encode(&tcvn3_text, Encoding::Tcvn3).unwrap());
    let r = env.run(&["import".as_ref(), vni.as_os_str(), tcvn3.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("bảng mã cũ VNI; đã chuyển sang Unicode"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("bảng mã cũ TCVN3; đã chuyển sang Unicode"),
        "{}",
        r.stderr
    );
    let ids: Vec<i64> = r
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(norm(&imported_body(&env, ids[0])), norm(&text));
    assert!(tcvn3_text.contains('ư'));
    assert_eq!(norm(&imported_body(&env, ids[1])), norm(&tcvn3_text));
}

#[test]
fn importing_unicode_is_never_rewritten_and_unsure_text_is_said() {
    let env = Env::new();
    let unicode = prose(Encoding::Vni);
    let file = env.write("unicode.md", &format!("# Bài\n\n{unicode}"));
    let short = env.write("ngan.txt", "Ghi v\u{d2} c\u{a8}n");
    let r = env.run(&["import".as_ref(), file.as_os_str(), short.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("đã chuyển"), "{}", r.stderr);
    assert!(
        r.stderr.contains("ngan.txt")
            && r.stderr.contains("chưa chắc")
            && r.stderr.contains("bantin convert --from tcvn3"),
        "{}",
        r.stderr
    );
    let ids: Vec<i64> = r
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(imported_body(&env, ids[0]).trim(), unicode.trim());
    assert!(imported_body(&env, ids[1]).contains("Ghi v\u{d2} c\u{a8}n"));
}
