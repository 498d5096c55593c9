//! `anh-do-phan-giai-thap`: a photo that prints below 150 dpi. The layout
//! sets a figure as wide as the measure, or at 96 dpi when it has fewer
//! pixels than that (`typeset/figure.rs`); either way, fewer than 150
//! pixels to the printed inch looks soft or blocky on paper. The door tells
//! the pixel size of each image and the template's measure
//! (`Settings::images`, `Settings::measure_pt`); without them this rule
//! says nothing.

use crate::check::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "anh-do-phan-giai-thap",
    severity: Severity::CanhBao,
    what: "Ảnh in ra dưới 150 dpi ở kích thước trên trang (bản in sẽ mờ, vỡ hạt)",
    check,
};

/// Fewer pixels to the printed inch than this look soft on paper.
const MIN_DPI: f32 = 150.0;
/// Points a pixel takes when an image is narrower than the measure, as the
/// layout sets it (96 dpi).
const PX: f32 = 0.75;

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(measure) = cx.settings.measure_pt.filter(|m| *m > 0.0) else {
        return;
    };
    for (range, src) in images(cx) {
        let Some(&(w, _)) = cx.settings.images.get(src) else {
            continue;
        };
        let printed_pt = (w as f32 * PX).min(measure);
        let dpi = w as f32 * 72.0 / printed_pt;
        if w == 0 || dpi >= MIN_DPI {
            continue;
        }
        let cm = printed_pt / 72.0 * 2.54;
        let want = (MIN_DPI * measure / 72.0).ceil() as u32;
        let message = format!(
            "Ảnh này rộng {w} điểm ảnh, in ra rộng khoảng {cm:.1} cm nên chỉ đạt khoảng {dpi:.0} dpi (dưới 150 dpi): bản in sẽ mờ. Hãy dùng ảnh gốc từ máy ảnh hoặc điện thoại, rộng ít nhất {want} điểm ảnh (ảnh gửi qua Zalo thường đã bị thu nhỏ)."
        );
        out.push(cx.at(&RULE, range, message));
    }
}

/// Each `![…]` of the prose and the source it points at.
fn images<'a>(cx: &Context<'a>) -> Vec<(std::ops::Range<usize>, &'a str)> {
    let mut found = Vec::new();
    for r in &cx.prose {
        let text = &cx.body[r.clone()];
        for (i, _) in text.match_indices("![") {
            let Some(k) = text[i..].find(']') else {
                continue;
            };
            let end = r.start + i + k + 1;
            let Some(target) = cx.body[end..].strip_prefix('(') else {
                continue;
            };
            let target = target.trim_start();
            let src = match target.strip_prefix('<') {
                Some(t) => &t[..t.find('>').unwrap_or(t.len())],
                None => &target[..target.find([' ', ')', '\n']).unwrap_or(target.len())],
            };
            found.push((r.start + i..end, src));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::article;
    use crate::check::{Checker, Settings};
    use crate::model::Profile;

    fn run(body: &str, width: u32) -> Vec<crate::check::Finding> {
        let mut s = Settings::default();
        // The article template's measure: 170 mm.
        s.measure_pt = Some(170.0 / 25.4 * 72.0);
        s.images.insert("asset:abc".into(), (width, width * 2 / 3));
        Checker::new(s).check_rule(&article(body), &Profile::default(), "anh-do-phan-giai-thap")
    }

    #[test]
    fn finds_a_photo_too_small_for_its_printed_width() {
        let f = run("Đoạn.\n\n![Hội nghị](asset:abc)\n", 800);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].text.as_str()), (3, "![Hội nghị]"));
        assert!(f[0].message.contains("120 dpi"), "{}", f[0].message);
        // Narrower than the measure: printed at 96 dpi, still too soft.
        assert_eq!(run("![Ảnh nhỏ](asset:abc \"Tiêu đề\")", 300).len(), 1);
    }

    #[test]
    fn passes_a_sharp_photo_and_unknown_images() {
        assert!(run("![Hội nghị](asset:abc)", 1600).is_empty());
        assert!(run("![Hội nghị](asset:khac)", 300).is_empty());
        let no_measure = Checker::new(Settings::default()).check_rule(
            &article("![Hội nghị](asset:abc)"),
            &Profile::default(),
            "anh-do-phan-giai-thap",
        );
        assert!(no_measure.is_empty());
    }
}
