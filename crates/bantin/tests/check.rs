//! Issue 13's checks on real text: our own sample articles are clean (no
//! finding at all with a filled-in profile, no spelling alarm on any of
//! their words), and a fixture with planted mistakes gives exactly those.

use bantin::check::{self, Finding, Severity};
use bantin::model::{Content, Profile};

fn full_profile() -> Profile {
    let mut p = Profile::default();
    for (k, v) in [
        ("cap_tren", "ĐẢNG BỘ XÃ XUÂN HỒNG"),
        ("co_quan", "CHI BỘ CƠ QUAN ỦY BAN NHÂN DÂN XÃ"),
        ("ky_hieu", "CB"),
        ("dia_danh", "Xuân Hồng"),
        ("tm", "T/M CHI BỘ"),
        ("chuc_vu_ky", "BÍ THƯ"),
        ("nguoi_ky", "Nguyễn Văn An"),
    ] {
        p.fields.insert(k.into(), v.into());
    }
    p
}

fn prepare(name: &str, text: &str) -> Content {
    bantin::import::prepare_text(std::path::Path::new(name), text, name, &|_| Ok(None))
        .expect("fixture imports")
        .content
}

fn summary(f: &[Finding]) -> Vec<(&str, &str)> {
    f.iter().map(|f| (f.rule, f.text.as_str())).collect()
}

#[test]
fn sample_articles_are_clean() {
    let profile = full_profile();
    for a in bantin::sample::prepared().expect("samples") {
        let f = check::check_article(&a.content, &profile);
        assert!(f.is_empty(), "{}: {:#?}", a.source.display(), f);
    }
}

#[test]
fn no_spelling_alarm_on_sample_words_even_without_context() {
    // Every word of the samples on its own line, lower-cased: no name or
    // sentence-start allowance can hide a false alarm.
    let mut words: Vec<String> = Vec::new();
    for (_, text) in bantin::sample::ARTICLES {
        for w in text.split(|c: char| !c.is_alphabetic()) {
            let w = w.to_lowercase();
            let letters = w.chars().filter(|c| c.is_uppercase()).count();
            if w.chars().count() > 1 && letters == 0 && !w.is_ascii() && !words.contains(&w) {
                words.push(w);
            }
        }
    }
    assert!(words.len() > 200, "{}", words.len());
    let content = Content {
        title: "Từ".into(),
        body: words.join("\n\n"),
        ..Default::default()
    };
    let f = check::Checker::new(check::Settings::default()).check_rule(
        &content,
        &Profile::default(),
        "chinh-ta",
    );
    assert!(f.is_empty(), "{:#?}", summary(&f));
}

const PLANTED: &str = r#"---
title: Báo cáo thử kiểm tra
summary: Về kết quả năm 2026.
kind: bao-cao
date: 2026-11-24
so_hieu: "Số: 12-BC/CB"
noi_nhan:
  - Đảng ủy xã
---

Tiếng vieejt có lỗi  hai dấu cách , và thiếu dấu cách,sau dấu phẩy.

Văn hóa và sức khoẻ; “ngoặc cong” với "ngoặc thẳng" và “cong”.

Kiện toàn TCCSĐ trước. Tổ chức cơ sở đảng (TCCSĐ) vững mạnh, còn BCĐ chưa định nghĩa.

Họp ngày 3 tháng 4 năm 2026.

![](https://xa.gov.vn/anh.jpg)
"#;

#[test]
fn planted_mistakes_are_found_and_nothing_else() {
    let content = prepare("planted.md", PLANTED);
    let f = check::check_article(&content, &full_profile());
    assert_eq!(
        summary(&f),
        [
            ("so-ky-hieu", "Số: "),
            ("trich-yeu", "V"),
            ("trich-yeu", "."),
            ("noi-nhan-trong", "Đảng ủy xã"),
            ("chinh-ta", "vieejt"),
            ("dau-cach-kep", "  "),
            ("dau-cach-truoc-dau-cau", " ,"),
            ("thieu-dau-cach-sau-dau-cau", ","),
            ("kieu-bo-dau-lan-lon", "khoẻ"),
            ("ngoac-kep-lan-lon", "\""),
            ("ngoac-kep-lan-lon", "\""),
            ("viet-tat-truoc-dinh-nghia", "TCCSĐ"),
            ("viet-tat-chua-dinh-nghia", "BCĐ"),
            ("ngay-thang", "ngày 3 tháng 4 năm 2026"),
            ("anh-thieu-chu-thich", "![]"),
        ]
    );
    let spelling = &f[4];
    assert_eq!((spelling.line, spelling.column), (1, 7));
    assert_eq!(spelling.severity, Severity::Loi);
    assert_eq!(spelling.fix.as_deref(), Some("việt"));

    // Applying every fix leaves only the findings that have none.
    let (fixed, n) = check::apply_fixes(&content, &f);
    assert_eq!(n, f.iter().filter(|f| f.fix.is_some()).count());
    let rest = check::check_article(&fixed, &full_profile());
    assert!(
        rest.iter().all(|f| f.fix.is_none()),
        "{:#?}",
        summary(&rest)
    );
    assert!(
        fixed
            .body
            .starts_with("Tiếng việt có lỗi hai dấu cách, và thiếu dấu cách, sau")
    );
    assert_eq!(fixed.extra["so_hieu"], "12-BC/CB");
}

#[test]
fn findings_serialise_with_exactly_the_contract_fields() {
    let content = prepare("planted.md", PLANTED);
    let f = check::check_article(&content, &full_profile());
    let json = serde_json::to_value(&f).unwrap();
    for item in json.as_array().unwrap() {
        let mut keys: Vec<_> = item.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "column", "fix", "line", "message", "rule", "severity", "text"
            ]
        );
    }
    assert_eq!(json[4]["rule"], "chinh-ta");
    assert_eq!(json[4]["severity"], "loi");
    assert_eq!(json[4]["fix"], "việt");
    assert_eq!(json[0]["line"], 0);
}

#[test]
fn every_rule_has_a_unique_id_and_a_description() {
    let mut ids: Vec<&str> = check::ARTICLE_RULES.iter().map(|r| r.id).collect();
    ids.extend(check::BULLETIN_RULES.iter().map(|r| r.id));
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for r in check::ARTICLE_RULES {
        assert!(!r.what.is_empty() && r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    }
}

#[test]
fn the_user_word_list_silences_a_word() {
    let content = Content {
        title: "Tin".into(),
        author: "Ban Dân vận".into(),
        body: "Đội ngũ dùng smartphone hằng ngày.".into(),
        ..Default::default()
    };
    assert_eq!(check::check_article(&content, &Profile::default()).len(), 1);
    let mut p = Profile::default();
    p.fields.insert(
        check::WORDS_KEY.into(),
        check::add_word(&p, "Smartphone").unwrap(),
    );
    assert!(check::check_article(&content, &p).is_empty());
    assert_eq!(check::add_word(&p, "smartphone"), None);
}

#[test]
fn mixed_tone_styles_unify_to_the_library_choice() {
    let content = Content {
        title: "Tin".into(),
        author: "Ban Dân vận".into(),
        body: "Văn hóa và sức khoẻ, thuỷ lợi.".into(),
        ..Default::default()
    };
    let fixes = |p: &Profile| -> Vec<String> {
        check::check_article(&content, p)
            .into_iter()
            .filter_map(|f| f.fix)
            .collect()
    };
    assert_eq!(fixes(&Profile::default()), ["khỏe", "thủy"]);
    let mut classic = Profile::default();
    classic
        .fields
        .insert(check::TONE_STYLE_KEY.into(), "cu".into());
    assert_eq!(fixes(&classic), ["hoá"]);
    assert!(bantin::model::Profile::is_known_key(check::TONE_STYLE_KEY));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Markdown-ish text: Vietnamese letters, Telex keys, combining marks,
    /// punctuation, Markdown syntax, a no-break space, newlines.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "ă",
            "ế",
            "ngh",
            "q",
            "u",
            "ươ",
            "vieejt",
            "dd",
            "ĐU",
            "TCCSĐ",
            "(TCCSĐ)",
            "hoá",
            "hóa",
            "\u{301}",
            "\u{323}",
            " ",
            "  ",
            "\u{a0}",
            ",",
            ".",
            ":",
            "!",
            "?",
            "\"",
            "“",
            "”",
            "`",
            "```",
            "[",
            "](",
            ")",
            "![",
            "<",
            ">",
            "@",
            "http://x.vn",
            "#",
            "- ",
            "|",
            "\n",
            "\n\n",
            "ngày 3 tháng 1 năm 2026",
            "12-BC/CB",
            "中",
            "9",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn findings_point_at_what_they_say_and_fixes_apply(body in text(), title in text()) {
            let content = Content {
                title,
                kind: bantin::model::Kind::BaoCao,
                body: body.clone(),
                ..Default::default()
            };
            let f = check::check_article(&content, &Profile::default());
            for x in &f {
                if let check::Place::Body(r) = &x.place {
                    prop_assert_eq!(&body[r.clone()], x.text.as_str());
                    prop_assert!(x.line >= 1 && x.column >= 1);
                }
            }
            let (fixed, _) = check::apply_fixes(&content, &f);
            check::check_article(&fixed, &Profile::default());
        }
    }
}

/// Words of the Party's and the commune's usual writing: resolutions,
/// organisation, discipline, mass mobilisation, the economy and welfare.
const PARTY_WORDS: &str = "chủ nghĩa Mác Lênin tư tưởng Hồ Chí Minh đảng viên chi bộ đảng bộ cấp ủy \
    nghị quyết chỉ thị kết luận quy định hướng dẫn ban chấp hành ban thường vụ bí thư phó bí thư ủy viên \
    kiểm tra giám sát kỷ luật khiển trách cảnh cáo cách chức khai trừ tự phê bình phê bình dân vận \
    mặt trận tổ quốc đoàn thanh niên cộng sản hội liên hiệp phụ nữ nông dân cựu chiến binh công đoàn \
    chính quyền hội đồng nhân dân ủy ban quốc phòng an ninh suy thoái chính trị đạo đức lối sống \
    tự diễn biến tự chuyển hóa tham nhũng lãng phí tiêu cực xây dựng chỉnh đốn quán triệt triển khai \
    sơ kết tổng kết nhiệm kỳ đại hội biểu quyết phiếu bầu trúng cử quy hoạch luân chuyển bổ nhiệm \
    miễn nhiệm kinh tế xã hội nông thôn mới chuyển đổi số cải cách hành chính dân chủ cơ sở dân biết \
    dân bàn dân làm dân kiểm tra dân giám sát dân thụ hưởng khéo vận động quần chúng nhân dân \
    sinh hoạt chuyên đề thường kỳ học tập làm theo tấm gương phong cách đoàn kết thống nhất truyền thống \
    yêu nước cách mạng lãnh đạo chỉ đạo điều hành thực hiện hoàn thành vượt chỉ tiêu kế hoạch ngân sách \
    quyết toán giải ngân đầu tư công trình hạ tầng giao thông thủy lợi y tế giáo dục văn hóa thể thao \
    du lịch môi trường biến đổi khí hậu thiên tai lũ lụt hộ nghèo cận nghèo an sinh bảo hiểm chính sách \
    người có công thương binh liệt sĩ tri ân đền ơn đáp nghĩa khuyến học khuyến tài tổ chức cơ sở \
    trong sạch vững mạnh tiêu biểu xuất sắc hoàn thành tốt nhiệm vụ kết nạp chuyển đảng chính thức \
    dự bị thẻ đảng huy hiệu tuổi đảng đảng phí nghị định thông tư công văn tờ trình báo cáo biên bản \
    quyết định thông báo kế hoạch chương trình đề án phong trào thi đua khen thưởng bằng khen giấy khen \
    tuyên truyền tuyên giáo phổ biến giáo dục pháp luật hòa giải khiếu nại tố cáo tiếp công dân \
    đối thoại ổn định phát triển bền vững công nghiệp hóa hiện đại hóa hội nhập quốc tế độc lập chủ quyền \
    biển đảo biên giới lãnh thổ toàn vẹn khối đại đoàn kết toàn dân tộc tín ngưỡng tôn giáo đồng bào \
    dân tộc thiểu số vùng sâu vùng xa khó khăn vướng mắc kiến nghị đề xuất giải pháp trọng tâm trọng điểm \
    nhiệm vụ nhiệm vụ năm tháng quý thôn xóm bản ấp tổ dân phố khu phố huyện tỉnh thành phố trung ương";

#[test]
fn no_spelling_alarm_on_the_partys_usual_words() {
    let content = Content {
        title: "Từ".into(),
        // Each word on its own line: a common word never hides behind a
        // capital (only the names are written with one, as in a report).
        body: PARTY_WORDS
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("\n\n"),
        ..Default::default()
    };
    let f = check::Checker::new(check::Settings::default()).check_rule(
        &content,
        &Profile::default(),
        "chinh-ta",
    );
    assert!(f.is_empty(), "{:#?}", summary(&f));
}

#[test]
fn a_slip_that_stays_well_formed_is_a_hint_with_suggestions() {
    // "thàng" breaks no rule but is no Vietnamese syllable; "nghiêk" breaks
    // the rhyme; "quyêt" has a stop coda without its tone.
    let content = Content {
        title: "Từ".into(),
        body: "Xây dựng thàng công, nghiêm và nghiêk, quyêt định.".into(),
        ..Default::default()
    };
    let f = check::Checker::new(check::Settings::default()).check_rule(
        &content,
        &Profile::default(),
        "chinh-ta",
    );
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.text.as_str(), f.severity, f.fix.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("thàng", Severity::GoiY, None),
            ("nghiêk", Severity::Loi, None),
            ("quyêt", Severity::Loi, None),
        ]
    );
    // "quyết" and "quyệt" are both in use: named, not chosen.
    assert!(f[2].message.contains("\"quyết\""), "{}", f[2].message);
    assert!(f[0].message.contains("\"thành\""), "{}", f[0].message);
    assert!(f[1].message.contains("\"nghiêm\""), "{}", f[1].message);
    // A word in the library's list is left alone.
    let mut settings = check::Settings::default();
    settings.words.insert("thàng".into());
    let f = check::Checker::new(settings).check_rule(&content, &Profile::default(), "chinh-ta");
    assert!(f.iter().all(|f| f.text != "thàng"));
}
