//! `bantin bench check`: checking a 5,000-word article built from our
//! sample articles (issue 13's budget: ≤ 50 ms the first time, ≤ 10 ms
//! again after one keystroke), median of 21 runs each. The first check uses a fresh `Checker`; the re-check
//! keeps it, as the app's panel does while one types.

use std::time::{Duration, Instant};

use bantin::check::{Checker, Settings};
use bantin::model::{Content, Profile};

use super::pdf::PARAS;
use crate::cli::{CliError, Out};

const RUNS: usize = 21;

/// ~5,000 words: the sample articles (headings, lists, a table, a figure,
/// a footnote) and the PDF benchmark's paragraphs, in turn.
pub fn article() -> Content {
    let mut pieces: Vec<String> = bantin::sample::prepared()
        .map(|v| v.into_iter().map(|a| a.content.body).collect())
        .unwrap_or_default();
    pieces.extend(PARAS.iter().map(|p| format!("{p}\n")));
    let mut body = String::new();
    let mut k = 0;
    while bantin::text::word_count(&body) < 5000 {
        body.push_str(&pieces[k % pieces.len()]);
        body.push('\n');
        k += 1;
    }
    Content {
        title: "Văn hóa công sở".into(),
        author: "Ban Dân vận".into(),
        body,
        ..Default::default()
    }
}

pub fn run(out: &mut Out) -> Result<(), CliError> {
    let profile = Profile::default();
    let content = article();
    let words = bantin::text::word_count(&content.body);
    // One keystroke in the middle of the text: a letter typed into a word.
    let middle = content.body[content.body.len() / 2..]
        .find(' ')
        .map_or(0, |i| content.body.len() / 2 + i);
    let warm = Checker::new(Settings::default());
    warm.check(&content, &profile);
    // Interleaved, so a busy machine slows both measures alike.
    let (mut first, mut again) = (Vec::new(), Vec::new());
    let mut found = 0;
    for k in 0..RUNS {
        let t0 = Instant::now();
        let checker = Checker::new(Settings::default());
        found = checker.check(&content, &profile).len();
        first.push(t0.elapsed());

        let mut typed = content.clone();
        typed
            .body
            .insert(middle, if k % 2 == 0 { 'x' } else { 'q' });
        let t0 = Instant::now();
        warm.check(&typed, &profile);
        again.push(t0.elapsed());
    }
    // For scale: what parsing the Markdown alone costs.
    let mut parse = Vec::new();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        std::hint::black_box(bantin::markdown::parse(&content.body));
        parse.push(t0.elapsed());
    }
    let med = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let (a, b) = (med(&mut first), med(&mut again));
    let verdict = |ms: f64, budget: f64| {
        if ms <= budget {
            "đạt"
        } else {
            "CHƯA ĐẠT"
        }
    };
    out.line(&format!(
        "Bài thử: {words} từ, {found} phát hiện; trung vị {RUNS} lần{}",
        if cfg!(debug_assertions) {
            " (bản dựng debug: chậm hơn bản phát hành)"
        } else {
            ""
        }
    ));
    out.line(&format!(
        "kiểm tra lần đầu\t{a:.1} ms\t(ngân sách 50 ms: {})",
        verdict(a, 50.0)
    ));
    out.line(&format!(
        "kiểm tra lại sau một phím\t{b:.1} ms\t(ngân sách 10 ms: {})",
        verdict(b, 10.0)
    ));
    out.line(&format!(
        "(riêng phân tích Markdown\t{:.1} ms)",
        med(&mut parse)
    ));
    Ok(())
}
