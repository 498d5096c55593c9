//! `bantin bench`: measures the library at a realistic size (DESIGN §9).
//!
//! It writes N generated Vietnamese articles as Markdown files, imports them
//! into a fresh library (as an editor would, through `import_files`), then
//! times opening the library and a set of searches with and without
//! diacritics. Figures are medians and 95th percentiles of wall time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bantin::store::{Library, SearchOptions};

use crate::cli::{CliError, Out};

/// Common words of Party and administrative writing: the topic of every
/// generated article, so every query below matches many of them.
const WORDS: &[&str] = &[
    "văn",
    "hóa",
    "công",
    "sở",
    "đảng",
    "viên",
    "chi",
    "bộ",
    "nghị",
    "quyết",
    "nhân",
    "dân",
    "cán",
    "xã",
    "thôn",
    "phong",
    "trào",
    "thi",
    "đua",
    "dân",
    "vận",
    "khéo",
    "kết",
    "quả",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "năm",
    "tháng",
    "hội",
    "nghị",
    "sơ",
    "kết",
    "tổng",
    "kết",
    "chính",
    "quyền",
    "mặt",
    "trận",
    "tổ",
    "quốc",
    "đoàn",
    "thể",
    "phụ",
    "nữ",
    "cựu",
    "chiến",
    "binh",
    "thanh",
    "niên",
    "nông",
    "dân",
    "giao",
    "thông",
    "nông",
    "thôn",
    "mới",
    "kinh",
    "tế",
    "xã",
    "hội",
    "an",
    "ninh",
    "quốc",
    "phòng",
    "giáo",
    "dục",
    "y",
    "tế",
    "môi",
    "trường",
    "cải",
    "cách",
    "hành",
    "chính",
    "chuyển",
    "đổi",
    "số",
    "tiếp",
    "công",
    "dân",
    "giải",
    "quyết",
    "hồ",
    "sơ",
    "đúng",
    "hạn",
    "trước",
    "hạn",
    "ý",
    "kiến",
    "hài",
    "lòng",
    "phản",
    "ánh",
    "kiến",
    "nghị",
    "giám",
    "sát",
    "phản",
    "biện",
    "thuỷ",
    "lợi",
    "khoẻ",
    "mạnh",
    "ưu",
    "tiên",
    "đường",
    "làng",
    "ngõ",
    "xóm",
    "hiến",
    "đất",
    "góp",
    "công",
];

pub fn run(
    articles: usize,
    words: usize,
    keep: Option<PathBuf>,
    out: &mut Out,
) -> Result<(), CliError> {
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("bantin-bench-{}", std::process::id()))
    });
    if dir.join("thu-vien.bantin").exists() {
        return Err(CliError::Message(format!(
            "Thư mục {} đã có thư viện thử; hãy chọn thư mục khác.",
            dir.display()
        )));
    }
    let result = measure(&dir, articles, words, out);
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn measure(
    dir: &std::path::Path,
    articles: usize,
    words: usize,
    out: &mut Out,
) -> Result<(), CliError> {
    let io = |e: std::io::Error| {
        CliError::Message(format!(
            "Không ghi được dữ liệu thử vào {}. Hãy chọn thư mục khác (--keep), hoặc giải phóng dung lượng.\nChi tiết kỹ thuật: {e}",
            dir.display()
        ))
    };
    let src = dir.join("md");
    std::fs::create_dir_all(&src).map_err(io)?;
    let mut rng = 0x2545F4914F6CDD1Du64;
    let vocab = Vocabulary::new();
    let mut paths = Vec::with_capacity(articles);
    for i in 0..articles {
        let p: PathBuf = src.join(format!("bai-{i:05}.md"));
        std::fs::write(&p, article(i, words, &vocab, &mut rng)).map_err(io)?;
        paths.push(p);
    }
    let lib_path = dir.join("thu-vien.bantin");
    let now = chrono::Utc::now();

    let t = Instant::now();
    let lib = Library::open(&lib_path, now)?;
    bantin::import::import_files(&lib, &paths, now)?;
    let import = t.elapsed();
    drop(lib);

    let mut opens = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let lib = Library::open(&lib_path, now)?;
        lib.count_articles()?;
        opens.push(t.elapsed());
    }

    let lib = Library::open(&lib_path, now)?;
    let queries = SEARCH_QUERIES;
    let mut searches = Vec::new();
    let mut per_query = vec![Vec::new(); queries.len()];
    for _ in 0..30 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            lib.search(q, &SearchOptions::default())?;
            searches.push(t.elapsed());
            per_query[i].push(t.elapsed());
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    out.line(&format!("Thư viện thử: {articles} bài × ~{words} từ"));
    out.line(&format!(
        "nhập\t{:.0} bài/giây\t({:.2} s cho {articles} bài)",
        articles as f64 / import.as_secs_f64(),
        import.as_secs_f64()
    ));
    out.line(&format!(
        "mở thư viện\tp50 {:.2} ms\tp95 {:.2} ms",
        ms(pct(&mut opens, 50)),
        ms(pct(&mut opens, 95))
    ));
    out.line(&format!(
        "tìm kiếm\tp50 {:.2} ms\tp95 {:.2} ms\t({} lần)",
        ms(pct(&mut searches, 50)),
        ms(pct(&mut searches, 95)),
        searches.len()
    ));
    for (q, times) in queries.iter().zip(per_query.iter_mut()) {
        out.line(&format!("  \"{q}\"\tp50 {:.2} ms", ms(pct(times, 50))));
    }
    Ok(())
}

/// The `p`th percentile of `v` (nothing measured: zero).
pub(super) fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v.get((v.len().saturating_sub(1) * p) / 100)
        .copied()
        .unwrap_or_default()
}

pub(super) fn next(rng: &mut u64) -> u64 {
    // xorshift64*: deterministic, so every run measures the same library.
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    rng.wrapping_mul(0x2545F4914F6CDD1D)
}

/// Words ranked like real Vietnamese text: function words first, then the
/// office-culture vocabulary above, then a long tail of other syllables,
/// drawn with Zipf's law (the r-th word r times rarer than the first), as
/// word frequencies in real text are.
pub(super) struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub(super) fn new() -> Vocabulary {
        const FUNCTION: &[&str] = &[
            "của", "và", "các", "là", "được", "trong", "có", "những", "với", "cho", "đã", "để",
        ];
        const ONSETS: &[&str] = &[
            "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "r", "s",
            "t", "th", "tr", "v", "x",
        ];
        const RHYMES: &[&str] = &[
            "a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ăn", "âm", "ân", "âu", "em",
            "en", "eo", "êm", "ênh", "im", "inh", "iêu", "iên", "oi", "om", "ong", "ôi", "ông",
            "ơi", "ơn", "ui", "um", "ung", "ưa", "ưng", "ương",
        ];
        let mut words: Vec<String> = FUNCTION.iter().map(|w| w.to_string()).collect();
        words.extend(WORDS.iter().map(|w| w.to_string()));
        for r in RHYMES {
            for o in ONSETS {
                words.push(format!("{o}{r}"));
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn pick(&self, rng: &mut u64) -> &str {
        let total = *self.cumulative.last().expect("vocabulary is not empty");
        let x = (next(rng) >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self
            .cumulative
            .partition_point(|&c| c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }
}

pub(super) fn article(i: usize, words: usize, vocab: &Vocabulary, rng: &mut u64) -> String {
    let mut pick = |n: usize| -> Vec<&str> { (0..n).map(|_| vocab.pick(rng)).collect() };
    let title = pick(10).join(" ");
    let mut s = format!(
        "---\ntitle: \"Bài {i}: {title}\"\nsummary: \"{}\"\nkind: tin-bai\n---\n\n",
        pick(30).join(" ")
    );
    let mut written = 0;
    while written < words {
        let n = 60.min(words - written).max(1);
        s.push_str(&pick(n).join(" "));
        s.push_str(".\n\n");
        written += n;
    }
    s
}

/// What the search benchmarks ask, local and shared alike: common and rare
/// words, with and without diacritics, a phrase, a two-letter query.
pub(super) const SEARCH_QUERIES: [&str; 10] = [
    "van hoa cong so",
    "VĂN HOÁ",
    "dang vien",
    "nghị quyết",
    "dân vận khéo",
    "thuy loi",
    "khỏe mạnh",
    "giai quyet ho so dung han",
    "chuyen doi so",
    "hi",
];
