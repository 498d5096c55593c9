//! Tests for front matter and the title rule.

use unicode_normalization::UnicodeNormalization;

use super::*;

// --- front matter ---------------------------------------------------------

#[test]
fn no_front_matter_returns_source() {
    let src = "# Tiêu đề\n\nNội dung.";
    let (fm, body) = split_front_matter(src).unwrap();
    assert!(fm.is_none());
    assert_eq!(body, src);
}

#[test]
fn front_matter_basic_fields_and_extra() {
    let src = "---\ntitle: Hội nghị Tỉnh ủy\nauthor: Ban Tuyên giáo\nkind: tin\nstatus: draft\nso_hieu: 15-TB/TU\nnoi_nhan:\n  - Thường trực Tỉnh ủy\n  - Lưu VP\nmuc_do: khẩn\n---\nThân bài.\n";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("Hội nghị Tỉnh ủy"));
    assert_eq!(fm.author.as_deref(), Some("Ban Tuyên giáo"));
    assert_eq!(fm.kind.as_deref(), Some("tin"));
    assert_eq!(fm.status.as_deref(), Some("draft"));
    assert_eq!(fm.so_hieu.as_deref(), Some("15-TB/TU"));
    assert_eq!(fm.noi_nhan, vec!["Thường trực Tỉnh ủy", "Lưu VP"]);
    assert_eq!(fm.extra.get("muc_do"), Some(&serde_json::json!("khẩn")));
    assert_eq!(body, "Thân bài.\n");
}

#[test]
fn front_matter_bom_and_crlf() {
    let src = "\u{feff}---\r\ntitle: Tin mới\r\ntags: [a, b]\r\n---\r\nThân bài.\r\n";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("Tin mới"));
    assert_eq!(fm.tags, vec!["a", "b"]);
    assert_eq!(body, "Thân bài.\r\n");
}

#[test]
fn front_matter_list_and_comma_tags() {
    let (fm, _) = split_front_matter("---\ntags:\n  - đảng bộ\n  - 2026\n---\n").unwrap();
    assert_eq!(fm.unwrap().tags, vec!["đảng bộ", "2026"]);
    let (fm, _) =
        split_front_matter("---\ntags: đảng bộ, hội nghị ,, chuyển đổi số\n---\n").unwrap();
    assert_eq!(
        fm.unwrap().tags,
        vec!["đảng bộ", "hội nghị", "chuyển đổi số"]
    );
    let (fm, _) = split_front_matter("---\ntags:\n---\n").unwrap();
    assert!(fm.unwrap().tags.is_empty());
}

#[test]
fn front_matter_scalars_become_strings() {
    let src = "---\ntitle: 2026\ndate: 2026-11-24\nsummary: true\ncategory: 1.5\n...\nbody";
    let (fm, body) = split_front_matter(src).unwrap();
    let fm = fm.unwrap();
    assert_eq!(fm.title.as_deref(), Some("2026"));
    assert_eq!(fm.date.as_deref(), Some("2026-11-24"));
    assert_eq!(fm.summary.as_deref(), Some("true"));
    assert_eq!(fm.category.as_deref(), Some("1.5"));
    assert_eq!(body, "body");
}

#[test]
fn front_matter_recipients_split_on_semicolons_not_commas() {
    let (fm, _) =
        split_front_matter("---\nnoi_nhan: Ban Thường vụ, các đồng chí; Lưu VP\n---\n").unwrap();
    assert_eq!(
        fm.unwrap().noi_nhan,
        vec!["Ban Thường vụ, các đồng chí", "Lưu VP"]
    );
}

#[test]
fn empty_front_matter_is_default() {
    let (fm, body) = split_front_matter("---\n# chỉ có ghi chú\n---\nx").unwrap();
    assert_eq!(fm, Some(FrontMatter::default()));
    assert_eq!(body, "x");
}

#[test]
fn unclosed_front_matter_is_error() {
    let err = split_front_matter("---\ntitle: a\n\nThân bài\n").unwrap_err();
    assert_eq!(err, MarkdownError::UnclosedFrontMatter { line: 1 });
    assert_eq!(err.line(), Some(1));
}

#[test]
fn invalid_yaml_reports_file_line() {
    // Line 1 `---`, 2 title, 3 author, 4 the broken line.
    let src = "---\ntitle: a\nauthor: b\ntags: [a, b\n---\nbody\n";
    let err = split_front_matter(src).unwrap_err();
    assert!(matches!(err, MarkdownError::InvalidYaml { .. }), "{err:?}");
    let line = err.line().unwrap();
    assert!((4..=5).contains(&line), "line {line}: {err}");

    let src = "---\ntitle: a\n  bad: : indent\n---\n";
    let err = split_front_matter(src).unwrap_err();
    assert_eq!(err.line(), Some(3), "{err}");
    assert!(!err.to_string().contains("column"), "{err}");
}

#[test]
fn wrong_field_type_is_error_with_line() {
    let err = split_front_matter("---\ntitle: a\nauthor: [x, y]\n---\n").unwrap_err();
    assert!(matches!(err, MarkdownError::InvalidYaml { .. }), "{err:?}");
    assert_eq!(err.line(), Some(3), "{err}");
}

#[test]
fn non_mapping_front_matter_is_error() {
    let err = split_front_matter("---\n- a\n- b\n---\nbody").unwrap_err();
    assert_eq!(err, MarkdownError::NotAMapping { line: 2 });
    let err = split_front_matter("---\njust text\n---\nbody").unwrap_err();
    assert_eq!(err, MarkdownError::NotAMapping { line: 2 });
}

#[test]
fn dashes_later_in_file_are_not_front_matter() {
    let src = "Đoạn một.\n\n---\n\nĐoạn hai.";
    let (fm, body) = split_front_matter(src).unwrap();
    assert!(fm.is_none());
    assert_eq!(body, src);
}

// --- title heading ----------------------------------------------------------

#[test]
fn title_from_atx_heading() {
    let (title, body) = take_title_heading("# Hội nghị *lần thứ* `X`\n\nNội dung.\n").unwrap();
    assert_eq!(title, "Hội nghị lần thứ X");
    assert_eq!(body, "Nội dung.\n");
}

#[test]
fn title_from_setext_heading() {
    let (title, body) = take_title_heading("Tin **vắn**\n========\n\nMột.\n\nHai.\n").unwrap();
    assert_eq!(title, "Tin vắn");
    assert_eq!(body, "Một.\n\nHai.\n");
}

#[test]
fn title_later_in_body_keeps_paragraphs_apart() {
    let (title, body) = take_title_heading("Mở đầu.\n# Tiêu đề\nTiếp theo.\n").unwrap();
    assert_eq!(title, "Tiêu đề");
    assert_eq!(parse(&body).blocks.len(), 2, "{body:?}");
}

#[test]
fn title_crlf_and_nfd() {
    let nfd: String = "# Đại hội\r\n\r\nThân.\r\n".nfd().collect();
    let (title, body) = take_title_heading(&nfd).unwrap();
    assert_eq!(title, "Đại hội");
    // The body is cut from the input as given; `parse` normalises it later.
    assert_eq!(body, "Thân.\r\n".nfd().collect::<String>());
}

#[test]
fn no_title_heading() {
    assert!(take_title_heading("## Mục\n\nchữ").is_none());
    assert!(take_title_heading("> # Trong trích dẫn").is_none());
    assert!(take_title_heading("").is_none());
}
