//! `bantin check ID [--json] [--fix RULE]`, `bantin check --bulletin ID`
//! and `bantin check --add-word WORD`: the checks of issue 13 at the CLI's
//! door. The core finds; this file words where to set a missing field and
//! prints. `bantin check` with no id stays the library's integrity check.
//!
//! Exit code: 1 when a finding is a lỗi, 0 otherwise.

use chrono::{DateTime, Utc};

use bantin::check::{self, Finding, Setting, Severity};
use bantin::export;
use bantin::model::RevisionReason;
use bantin::store::Library;

use super::{CliError, Out};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Số bài viết cần kiểm tra chính tả, thể thức (bỏ trống: kiểm tra thư viện có nguyên vẹn không)
    #[arg(value_name = "SỐ BÀI")]
    pub id: Option<i64>,
    #[arg(long)]
    pub json: bool,
    /// Sửa mọi chỗ theo một quy tắc (ví dụ dau-cach-kep), ghi thành phiên bản mới
    #[arg(long, value_name = "QUY TẮC", requires = "id")]
    pub fix: Option<String>,
    /// Kiểm tra một số bản tin (giấy phép, khổ giấy, lưu hành nội bộ, tiêu đề và tác giả các bài)
    #[arg(long, value_name = "MÃ BẢN TIN", conflicts_with = "id")]
    pub bulletin: Option<i64>,
    /// Thêm từ vào từ điển của thư viện (chính tả sẽ không báo từ này nữa)
    #[arg(long = "add-word", value_name = "TỪ", conflicts_with_all = ["id", "bulletin", "json"])]
    pub add_word: Vec<String>,
}

impl CheckArgs {
    /// True when this is not the library's integrity check.
    pub fn is_content_check(&self) -> bool {
        self.id.is_some() || self.bulletin.is_some() || !self.add_word.is_empty()
    }
}

pub fn run(
    lib: &Library,
    args: CheckArgs,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<i32, CliError> {
    if !args.add_word.is_empty() {
        add_words(lib, &args.add_word, out)?;
        return Ok(0);
    }
    let (findings, subject, article) = match (args.id, args.bulletin) {
        (Some(id), _) => {
            let article = lib.article(id)?;
            let mut checker = check::Checker::default();
            if let Some(rule) = &args.fix {
                return fix(lib, &mut checker, &article, rule, now, out);
            }
            let f = export::check_content(lib, &mut checker, Some(id), &article.content)?;
            (f, format!("Bài {id}"), Some(id))
        }
        (None, Some(id)) => (
            export::check_bulletin(lib, id)?,
            format!("Bản tin {id}"),
            None,
        ),
        (None, None) => return Ok(0),
    };
    let findings: Vec<Finding> = findings.into_iter().map(|f| worded(f, article)).collect();
    if args.json {
        out.json(&findings);
    } else {
        print(&findings, &subject, out);
    }
    let has_error = findings.iter().any(|f| f.severity == Severity::Loi);
    Ok(if has_error { 1 } else { 0 })
}

/// Adds the message's "where to set it" line, worded for the CLI.
fn worded(mut f: Finding, article: Option<i64>) -> Finding {
    let how = match &f.setting {
        Some(Setting::Profile(key)) => format!("Đặt bằng: bantin profile set {key} \"…\""),
        Some(Setting::Article(key)) => match article {
            Some(id) => format!(
                "Ghi \"{key}\" ở phần đầu (front matter) của tệp bài viết rồi lưu bằng: bantin save {id} TỆP.md"
            ),
            None => format!("Ghi \"{key}\" ở phần đầu (front matter) của bài viết."),
        },
        Some(Setting::Bulletin { id, key }) => {
            format!("Đặt bằng: bantin bulletin set {id} {key} \"…\"")
        }
        Some(Setting::Word(w)) => {
            format!("Nếu từ này đúng, thêm vào từ điển bằng: bantin check --add-word \"{w}\"")
        }
        None => return f,
    };
    f.message = format!("{}\n{how}", f.message);
    f
}

fn print(findings: &[Finding], subject: &str, out: &mut Out) {
    for f in findings {
        let place = if f.line == 0 {
            "-".to_string()
        } else {
            format!("{}:{}", f.line, f.column)
        };
        let fix = match &f.fix {
            Some(s) if s.is_empty() => " (Sửa: xóa)".to_string(),
            Some(s) => format!(" (Sửa: \"{s}\")"),
            None => String::new(),
        };
        let mut lines = f.message.lines();
        out.line(&format!(
            "{place}\t{}\t{}\t{}{fix}",
            f.severity.label(),
            f.rule,
            lines.next().unwrap_or("")
        ));
        for more in lines {
            out.line(&format!("\t\t\t{more}"));
        }
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    if findings.is_empty() {
        out.line(&format!("{subject}: không thấy lỗi nào."));
    } else {
        out.line(&format!(
            "{subject}: {} lỗi, {} cảnh báo, {} gợi ý.",
            count(Severity::Loi),
            count(Severity::CanhBao),
            count(Severity::GoiY)
        ));
    }
}

fn fix(
    lib: &Library,
    checker: &mut check::Checker,
    article: &bantin::Article,
    rule: &str,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<i32, CliError> {
    if !check::ARTICLE_RULES.iter().any(|r| r.id == rule) {
        let ids: Vec<_> = check::ARTICLE_RULES.iter().map(|r| r.id).collect();
        return Err(CliError::Message(format!(
            "Không có quy tắc \"{rule}\" cho bài viết. Các quy tắc: {}.",
            ids.join(", ")
        )));
    }
    let profile = export::prepare_checker(lib, checker, Some(article.id), &article.content)?;
    let findings = checker.check_rule(&article.content, &profile, rule);
    let (content, applied) = check::apply_fixes(&article.content, &findings);
    let id = article.id;
    let title = &article.content.title;
    if applied == 0 {
        let why = if findings.is_empty() {
            "không có chỗ nào"
        } else {
            "không có chỗ nào sửa tự động được"
        };
        out.line(&format!("{id}\t{title}\t{why} theo quy tắc {rule}"));
        return Ok(0);
    }
    match lib.save_article(id, &content, RevisionReason::Save, now)? {
        Some(n) => out.line(&format!(
            "{id}\t{}\tphiên bản {n} (đã sửa {applied} chỗ theo quy tắc {rule})",
            content.title
        )),
        None => out.line(&format!("{id}\t{title}\tkhông có gì thay đổi")),
    }
    Ok(0)
}

fn add_words(lib: &Library, words: &[String], out: &mut Out) -> Result<(), CliError> {
    for w in words {
        let profile = lib.profile()?;
        match check::add_word(&profile, w) {
            Some(list) => {
                lib.set_profile_field(check::WORDS_KEY, &list)?;
                out.line(&format!("Đã thêm \"{}\" vào từ điển.", w.trim()));
            }
            None if w.trim().is_empty() => {
                return Err(CliError::Message("Hãy ghi từ cần thêm vào từ điển.".into()));
            }
            None => out.line(&format!("\"{}\" đã có trong từ điển.", w.trim())),
        }
    }
    Ok(())
}
