//! `check_bundle` on crafted bad zips: each is a good bundle broken in one
//! way (and re-sealed where needed so checksums still match), and each must
//! be reported with its own problem and nothing else.

mod bundle_common;

use bundle_common::*;

fn good() -> Vec<(String, Vec<u8>)> {
    let (article, images) = sample();
    unzip(&build(&article, &images, None).unwrap().bytes)
}

/// Checks `entries` and returns the problem codes found.
fn check(entries: &[(String, Vec<u8>)]) -> Vec<&'static str> {
    let report = b::check_bundle(&rezip(entries)).unwrap();
    for p in &report.problems {
        assert!(!p.message.is_empty());
    }
    codes(&report)
}

fn edit_html(entries: &mut [(String, Vec<u8>)], edit: impl Fn(&str) -> String) {
    let html = entries
        .iter_mut()
        .find(|(n, _)| n == "article.html")
        .unwrap();
    html.1 = edit(std::str::from_utf8(&html.1).unwrap()).into_bytes();
    reseal(entries);
}

#[test]
fn rezipped_good_bundle_passes() {
    assert_eq!(check(&good()), Vec::<&str>::new());
}

#[test]
fn missing_file() {
    let mut e = good();
    e.retain(|(n, _)| n != "article.md");
    assert_eq!(check(&e), ["missing_file"]);
    let report = b::check_bundle(&rezip(&e)).unwrap();
    assert!(report.problems[0].message.contains("\"article.md\""));
}

#[test]
fn extra_file() {
    let mut e = good();
    e.push(("ghi-chu.txt".into(), b"ghi chu".to_vec()));
    assert_eq!(check(&e), ["extra_file"]);
}

#[test]
fn checksum_mismatch() {
    let mut e = good();
    let md = e.iter_mut().find(|(n, _)| n == "article.md").unwrap();
    let last = md.1.len() - 2;
    md.1[last] ^= 0x20; // same size, one character changed
    assert_eq!(check(&e), ["checksum_mismatch"]);
}

#[test]
fn parent_directory_entry() {
    let mut e = good();
    e.push(("../evil".into(), b"x".to_vec()));
    assert_eq!(check(&e), ["path_traversal"]);
    let mut e = good();
    e.push(("images/../../evil.jpg".into(), b"x".to_vec()));
    assert_eq!(check(&e), ["path_traversal"]);
}

#[test]
fn absolute_path_entry() {
    let mut e = good();
    e.push(("/etc/cron.d/evil".into(), b"x".to_vec()));
    assert_eq!(check(&e), ["absolute_path"]);
    let mut e = good();
    e.push(("C:\\Windows\\evil.dll".into(), b"x".to_vec()));
    assert_eq!(check(&e), ["absolute_path"]);
}

#[test]
fn symlink_entry() {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in good() {
        z.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut z, &data).unwrap();
    }
    // add_symlink writes unix mode 0o120777 in the external attributes.
    z.add_symlink("images/anh-02.jpg", "/etc/passwd", opts)
        .unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let report = b::check_bundle(&bytes).unwrap();
    assert_eq!(codes(&report), ["symlink"]);
}

#[test]
fn script_in_html() {
    let mut e = good();
    edit_html(&mut e, |h| format!("{h}<script>alert('x')</script>\n"));
    assert_eq!(check(&e), ["html_script"]);
    let mut e = good();
    edit_html(&mut e, |h| format!("{h}<SCRIPT type=\"text/javascript\""));
    assert_eq!(check(&e), ["html_script"]);
}

#[test]
fn event_handler_in_html() {
    let mut e = good();
    edit_html(&mut e, |h| h.replacen("<p>", "<p onclick=\"steal()\">", 1));
    assert_eq!(check(&e), ["html_event_handler"]);
    let mut e = good();
    edit_html(&mut e, |h| h.replacen("<img ", "<img onerror=x ", 1));
    assert_eq!(check(&e), ["html_event_handler"]);
}

#[test]
fn javascript_url_in_html() {
    let mut e = good();
    edit_html(&mut e, |h| {
        format!("{h}<p><a href=\"javascript:alert(1)\">bấm</a></p>\n")
    });
    assert_eq!(check(&e), ["html_javascript_url"]);
    let mut e = good();
    edit_html(&mut e, |h| {
        format!("{h}<p><a href=\" jav&#x61;script&colon;alert(1)\">bấm</a></p>\n")
    });
    assert_eq!(check(&e), ["html_javascript_url"]);
}

#[test]
fn text_mentioning_script_is_not_a_problem() {
    let mut e = good();
    edit_html(&mut e, |h| {
        format!("{h}<p>Không bấm vào liên kết javascript: hay &lt;script&gt; lạ.</p>\n")
    });
    assert_eq!(check(&e), Vec::<&str>::new());
}

#[test]
fn external_image_and_foreign_style_in_html() {
    let mut e = good();
    edit_html(&mut e, |h| {
        h.replace(
            "src=\"images/anh-01.jpg\"",
            "src=\"https://evil.example/a.jpg\"",
        )
    });
    assert_eq!(check(&e), ["html_external_resource"]);
    let mut e = good();
    edit_html(&mut e, |h| {
        h.replace("font-style:italic", "background:url(x)")
    });
    assert_eq!(check(&e), ["html_style"]);
}

#[test]
fn manifest_of_an_unknown_version() {
    let mut e = good();
    let m = e.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&m.1).unwrap();
    json["format_version"] = 2.into();
    m.1 = serde_json::to_vec(&json).unwrap();
    assert_eq!(check(&e), ["unknown_version"]);
    let report = b::check_bundle(&rezip(&e)).unwrap();
    assert!(report.problems[0].message.contains("phiên bản định dạng 2"));
}

#[test]
fn missing_or_broken_manifest() {
    let mut e = good();
    e.retain(|(n, _)| n != "manifest.json");
    assert_eq!(check(&e), ["manifest_missing"]);
    let mut e = good();
    e[0].1 = b"{ khong phai json".to_vec();
    assert_eq!(check(&e), ["manifest_invalid"]);
}

#[test]
fn html_image_not_in_bundle() {
    let mut e = good();
    edit_html(&mut e, |h| {
        h.replace("images/anh-01.jpg", "images/anh-09.jpg")
    });
    assert_eq!(check(&e), ["missing_image"]);
}

#[test]
fn not_a_zip_is_an_error() {
    let err = b::check_bundle(b"day khong phai tep zip").unwrap_err();
    assert_eq!(err.code(), "not_a_zip");
}
