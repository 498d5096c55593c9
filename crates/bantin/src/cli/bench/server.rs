//! `bantin bench server --library postgresql://ADMIN@HOST/DB`: the shared
//! library at a district's size (issue 14). It prepares the database (as
//! `bantin server init`), makes a unit `bench` and an editor in it, fills the
//! unit to `--articles` generated articles (once: a second run reuses them),
//! then measures, as that editor:
//! - opening the library list (its first page, as the app does), a page
//!   from the middle, and every line at once, p50/p95;
//! - searches with and without diacritics, p50/p95;
//! - `--editors` people saving every 2 s for `--seconds`, in pairs on the
//!   same article (so saves cross), each save sent twice (a retry after a
//!   cut network): afterwards every article's history must hold exactly one
//!   revision per save the server took — none lost, none doubled.
//! It prints the server's version and settings with the figures.

use std::str::FromStr;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use bantin::markdown;
use bantin::model::{Content, RevisionReason};
use bantin::store::pg::server::{self, Role};
use bantin::store::{LIST_PAGE, Library, Saved, SearchOptions, SearchPath, StoreError, pg};

use super::library::{Vocabulary, article as article_text, next, pct};
use crate::cli::{CliError, Out};

/// How often each editor saves.
const EVERY: Duration = Duration::from_secs(2);
/// Articles written per transaction while filling the library.
const BATCH: usize = 500;

pub struct ServerBench {
    pub library: std::path::PathBuf,
    pub articles: usize,
    pub words: usize,
    pub editors: usize,
    pub seconds: u64,
}

pub fn run(b: ServerBench, out: &mut Out) -> Result<(), CliError> {
    let Some(admin) = b
        .library
        .to_str()
        .and_then(|p| pg::shared_address(std::path::Path::new(p)))
    else {
        return Err(CliError::Message(
            "Phép đo \"server\" cần địa chỉ một cơ sở dữ liệu PostgreSQL dành cho việc đo, với tài khoản quản trị: --library postgresql://TÀI_KHOẢN@MÁY/CSDL (mật khẩu trong PGPASSWORD).".into(),
        ));
    };
    let admin = with_password(admin);
    server::init(&admin)?;
    server::add_unit(&admin, "bench", "Đơn vị đo", None)?;
    let login = format!("bench_{}", std::process::id());
    let password = server::generate_password();
    server::add_user(&admin, &login, Role::Editor, "bench", &password)?;
    let url = user_url(&admin, &login, &password)?;
    let open = || Library::open(std::path::Path::new(&url), chrono::Utc::now());
    let lib = open()?;

    let have = lib.count_articles()?;
    let t = Instant::now();
    fill(&lib, have, b.articles, b.words)?;
    let filled = t.elapsed();
    let total = lib.count_articles()?;

    // The list as the app opens it: its first page; then a page from the
    // middle (scrolled far down); then, for comparison, every line at once
    // (the CLI's `list`).
    let mut lists = Vec::new();
    let mut middles = Vec::new();
    let mut wholes = Vec::new();
    let middle = lib
        .list_page(None, total / 2)?
        .last()
        .map(|a| a.next_page());
    for _ in 0..20 {
        let t = Instant::now();
        lib.list_page(None, LIST_PAGE)?;
        lists.push(t.elapsed());
        let t = Instant::now();
        lib.list_page(middle.as_ref(), LIST_PAGE)?;
        middles.push(t.elapsed());
    }
    for _ in 0..5 {
        let t = Instant::now();
        lib.list_articles()?;
        wholes.push(t.elapsed());
    }
    let queries = super::library::SEARCH_QUERIES;
    let mut searches = Vec::new();
    let mut per_query = vec![Vec::new(); queries.len()];
    // The peer in the same run: the title steps alone, as every search
    // went before the planner's estimate chose (schema v10).
    let mut by_steps = vec![Vec::new(); queries.len()];
    let steps = SearchOptions {
        path: SearchPath::TitleSteps,
        ..SearchOptions::default()
    };
    for _ in 0..10 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            lib.search(q, &SearchOptions::default())?;
            searches.push(t.elapsed());
            per_query[i].push(t.elapsed());
            let t = Instant::now();
            lib.search(q, &steps)?;
            by_steps[i].push(t.elapsed());
        }
    }

    let ids: Vec<i64> = lib
        .list_page(None, b.editors.div_ceil(2))?
        .iter()
        .take(b.editors.div_ceil(2))
        .map(|a| a.id)
        .collect();
    let before: Vec<usize> = ids
        .iter()
        .map(|id| lib.history(*id).map(|h| h.len()))
        .collect::<Result<_, _>>()?;
    let editing = editors(&url, &ids, b.editors, Duration::from_secs(b.seconds))?;
    let mut lost_or_doubled = 0;
    for (i, id) in ids.iter().enumerate() {
        let written = editing.written.iter().filter(|(a, _)| a == id).count();
        let now_has = lib.history(*id)?.len();
        if now_has != before[i] + written {
            lost_or_doubled += 1;
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    out.line(&format!("Máy chủ: {}", settings(&admin)?));
    out.line(&format!(
        "Thư viện chung thử: {total} bài × ~{} từ (thêm {} bài trong {:.0} s)",
        b.words,
        total - have,
        filled.as_secs_f64()
    ));
    out.line(&format!(
        "mở danh sách bài (trang đầu, {LIST_PAGE} dòng)\tp50 {:.1} ms\tp95 {:.1} ms",
        ms(pct(&mut lists, 50)),
        ms(pct(&mut lists, 95))
    ));
    out.line(&format!(
        "trang giữa danh sách ({LIST_PAGE} dòng)\tp50 {:.1} ms\tp95 {:.1} ms",
        ms(pct(&mut middles, 50)),
        ms(pct(&mut middles, 95))
    ));
    out.line(&format!(
        "cả danh sách một lần ({total} dòng, như lệnh list)\tp50 {:.1} ms",
        ms(pct(&mut wholes, 50)),
    ));
    out.line(&format!(
        "tìm kiếm\tp50 {:.1} ms\tp95 {:.1} ms\t({} lần)",
        ms(pct(&mut searches, 50)),
        ms(pct(&mut searches, 95)),
        searches.len()
    ));
    for ((q, times), peer) in queries.iter().zip(per_query.iter_mut()).zip(&mut by_steps) {
        out.line(&format!(
            "  \"{q}\"\tp50 {:.1} ms\tmax {:.1} ms\t(chỉ theo bậc tiêu đề: p50 {:.1} ms)",
            ms(pct(times, 50)),
            ms(pct(times, 100)),
            ms(pct(peer, 50))
        ));
    }
    let mut peer: Vec<Duration> = by_steps.concat();
    out.line(&format!(
        "tìm kiếm chỉ theo bậc tiêu đề (cùng lần đo)\tp50 {:.1} ms\tp95 {:.1} ms",
        ms(pct(&mut peer, 50)),
        ms(pct(&mut peer, 95))
    ));
    let mut saves = editing.latencies;
    out.line(&format!(
        "{} người lưu mỗi 2 giây trong {} s\t{} lần lưu ({} lưu chéo)\tp50 {:.1} ms\tp95 {:.1} ms",
        b.editors,
        b.seconds,
        editing.written.len(),
        editing.crossed,
        ms(pct(&mut saves, 50)),
        ms(pct(&mut saves, 95)),
    ));
    out.line(&format!(
        "gửi lại mỗi lần lưu một lần nữa\t{} lần ghi thêm (phải là 0)\tbài mất hoặc thừa phiên bản: {lost_or_doubled} (phải là 0)",
        editing.doubled
    ));
    if lost_or_doubled > 0 || editing.doubled > 0 {
        return Err(CliError::Message(
            "Phép đo thấy phiên bản bị mất hoặc bị ghi hai lần.".into(),
        ));
    }
    Ok(())
}

/// The admin address with `PGPASSWORD` in it, so the editor's address can
/// be made from it.
fn with_password(url: &str) -> String {
    let mut c = match postgres::Config::from_str(url) {
        Ok(c) => c,
        Err(_) => return url.to_string(),
    };
    if c.get_password().is_none()
        && let Ok(pw) = std::env::var("PGPASSWORD")
    {
        c.password(pw);
    }
    let host = match c.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".into(),
    };
    format!(
        "postgresql://{}:{}@{host}:{}/{}",
        c.get_user().unwrap_or(""),
        String::from_utf8_lossy(c.get_password().unwrap_or_default()),
        c.get_ports().first().copied().unwrap_or(5432),
        c.get_dbname().unwrap_or("")
    )
}

fn user_url(admin: &str, login: &str, password: &str) -> Result<String, CliError> {
    let c = postgres::Config::from_str(admin).map_err(|e| CliError::Message(e.to_string()))?;
    let host = match c.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".into(),
    };
    Ok(format!(
        "postgresql://{login}:{password}@{host}:{}/{}",
        c.get_ports().first().copied().unwrap_or(5432),
        c.get_dbname().unwrap_or("")
    ))
}

/// The server's version and the settings that matter for these figures.
fn settings(admin: &str) -> Result<String, CliError> {
    let mut c = postgres::Client::connect(admin, postgres::NoTls)
        .map_err(|e| CliError::Message(e.to_string()))?;
    let mut parts = Vec::new();
    for name in [
        "server_version",
        "shared_buffers",
        "work_mem",
        "effective_cache_size",
        "fsync",
        "synchronous_commit",
        "max_connections",
    ] {
        let v: String = c
            .query_one(&format!("SHOW {name}"), &[])
            .map_err(|e| CliError::Message(e.to_string()))?
            .get(0);
        parts.push(format!("{name}={v}"));
    }
    Ok(parts.join(", "))
}

/// Adds generated articles until the library has `want`.
fn fill(lib: &Library, have: usize, want: usize, words: usize) -> Result<(), StoreError> {
    let vocab = Vocabulary::new();
    let mut rng = 0x2545F4914F6CDD1Du64 ^ have as u64;
    let mut i = have;
    while i < want {
        let n = BATCH.min(want - i);
        let contents: Vec<Content> = (i..i + n)
            .map(|k| {
                let text = article_text(k, words, &vocab, &mut rng);
                let (front, body) = text.split_once("---\n\n").unwrap_or(("", &text));
                let title = front
                    .lines()
                    .find_map(|l| l.strip_prefix("title: \""))
                    .map(|t| t.trim_end_matches('"').to_string())
                    .unwrap_or_default();
                Content {
                    title,
                    body: body.to_string(),
                    ..Content::default()
                }
            })
            .collect();
        lib.insert_articles(&contents, RevisionReason::Import, chrono::Utc::now())?;
        i += n;
    }
    Ok(())
}

struct Editing {
    /// (article, revision) of every save the server wrote.
    written: Vec<(i64, u32)>,
    crossed: usize,
    /// Saves sent again that the server wrote a second time (must be none).
    doubled: usize,
    latencies: Vec<Duration>,
}

/// `n` editors, two per article, each on its own connection, saving every
/// `EVERY` until `span` is over.
fn editors(url: &str, ids: &[i64], n: usize, span: Duration) -> Result<Editing, CliError> {
    let start = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|e| {
            let (url, id, start) = (url.to_string(), ids[e / 2], start.clone());
            std::thread::spawn(move || -> Result<Editing, StoreError> {
                let lib = Library::open(std::path::Path::new(&url), chrono::Utc::now())?;
                let mut base = lib.article(id)?;
                let mut ed = Editing {
                    written: Vec::new(),
                    crossed: 0,
                    doubled: 0,
                    latencies: Vec::new(),
                };
                let mut rng = 0x9E3779B97F4A7C15u64 ^ e as u64;
                start.wait();
                let end = Instant::now() + span;
                let mut k = 0;
                while Instant::now() < end {
                    k += 1;
                    let mut content = base.content.clone();
                    content.body = format!(
                        "{}\n\nNgười {e}, lần {k}, số {}.\n",
                        content.body.trim_end(),
                        next(&mut rng) % 1000
                    );
                    let uuid = uuid::Uuid::new_v4().to_string();
                    let d = markdown::derive(&content);
                    let t = Instant::now();
                    let save = |lib: &Library| {
                        lib.save_based_derived(
                            id,
                            base.revision,
                            Some(&uuid),
                            &content,
                            &d,
                            RevisionReason::Autosave,
                            chrono::Utc::now(),
                        )
                    };
                    let saved = save(&lib)?;
                    ed.latencies.push(t.elapsed());
                    if let Some(number) = saved.number() {
                        ed.written.push((id, number));
                    }
                    if matches!(saved, Saved::Crossed { .. }) {
                        ed.crossed += 1;
                    }
                    // The same save again, as after a cut network.
                    if save(&lib)? != Saved::Written(saved.number().unwrap_or(0))
                        && saved.number().is_some()
                    {
                        ed.doubled += 1;
                    }
                    base = lib.article(id)?;
                    std::thread::sleep(EVERY.saturating_sub(t.elapsed()));
                }
                Ok(ed)
            })
        })
        .collect();
    let mut all = Editing {
        written: Vec::new(),
        crossed: 0,
        doubled: 0,
        latencies: Vec::new(),
    };
    for h in handles {
        let ed = h
            .join()
            .map_err(|_| CliError::Message("Một người lưu thử dừng bất thường.".into()))??;
        all.written.extend(ed.written);
        all.crossed += ed.crossed;
        all.doubled += ed.doubled;
        all.latencies.extend(ed.latencies);
    }
    Ok(all)
}
