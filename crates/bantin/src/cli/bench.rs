//! `bantin bench`: measures the library at a realistic size (DESIGN §9).
//!
//! It writes N generated Vietnamese articles as Markdown files, imports them
//! into a fresh library (as an editor would, through `import_files`), then
//! times opening the library and a set of searches with and without
//! diacritics. Figures are medians and 95th percentiles of wall time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bantin::store::{Library, SearchOptions};

use super::{CliError, Out};

/// Syllables the generator draws from: common words of Party and
/// administrative writing, so the index sees realistic frequencies.
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

pub fn run(articles: usize, words: usize, out: &mut Out) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("bantin-bench-{}", std::process::id()));
    let result = measure(&dir, articles, words, out);
    let _ = std::fs::remove_dir_all(&dir);
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
            "Không ghi được dữ liệu thử vào {}: {e}",
            dir.display()
        ))
    };
    let src = dir.join("md");
    std::fs::create_dir_all(&src).map_err(io)?;
    let mut rng = 0x2545F4914F6CDD1Du64;
    let mut paths = Vec::with_capacity(articles);
    for i in 0..articles {
        let p: PathBuf = src.join(format!("bai-{i:05}.md"));
        std::fs::write(&p, article(i, words, &mut rng)).map_err(io)?;
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
    let queries = [
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
    let mut searches = Vec::new();
    for _ in 0..30 {
        for q in queries {
            let t = Instant::now();
            lib.search(q, &SearchOptions::default())?;
            searches.push(t.elapsed());
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
    Ok(())
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[((v.len() - 1) * p) / 100]
}

fn next(rng: &mut u64) -> u64 {
    // xorshift64*: deterministic, so every run measures the same library.
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    rng.wrapping_mul(0x2545F4914F6CDD1D)
}

fn article(i: usize, words: usize, rng: &mut u64) -> String {
    let mut pick = |n: usize| -> Vec<&str> {
        (0..n)
            .map(|_| WORDS[next(rng) as usize % WORDS.len()])
            .collect()
    };
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
