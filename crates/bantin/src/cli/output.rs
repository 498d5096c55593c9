//! How the CLI prints things: one line per item for people and `cut`, or
//! JSON with stable field names (documented in the README) for scripts.
//!
//! Times are stored in UTC and shown in Vietnam's time (+07:00).

use std::io::Write;

use bantin::history::RevisionSummary;
use bantin::html::escape;
use bantin::model::{Article, ArticleSummary, PROFILE_KEYS, Profile};
use bantin::store::{CheckReport, SearchHit};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Standard output for the subcommands. A write that fails (a full disk
/// behind `> file`, a closed terminal) is remembered, later lines are
/// dropped, and `finish` reports it, so the command ends with an error
/// instead of claiming success with half its output lost.
pub struct Out {
    w: Box<dyn Write>,
    failed: Option<std::io::Error>,
}

/// The exit code once standard output is written: a write that failed is an
/// error (a full disk behind `> tệp`), except a reader that stopped reading
/// (`bantin list | head`), which is what it wanted.
pub fn exit_code(written: std::io::Result<()>, code: i32) -> i32 {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!(
                "Lỗi: Không ghi được kết quả ra đầu ra (ổ đĩa đầy, hoặc tệp/thiết bị nhận không ghi được); kết quả in ra không đầy đủ. Hãy kiểm tra nơi nhận rồi chạy lại lệnh.\nChi tiết kỹ thuật: {e}"
            );
            1
        }
    }
}

fn vn_time(t: DateTime<Utc>) -> String {
    bantin::text::in_vietnam(t)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            w: Box::new(std::io::stdout().lock()),
            failed: None,
        }
    }

    pub fn line(&mut self, s: &str) {
        if self.failed.is_none()
            && let Err(e) = writeln!(self.w, "{s}")
        {
            self.failed = Some(e);
        }
    }

    /// Flushes what is left and says whether everything reached its
    /// destination.
    pub fn finish(&mut self) -> std::io::Result<()> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => self.w.flush(),
        }
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, v: &T) {
        let s = serde_json::to_string_pretty(v).expect("plain data always serialises");
        self.line(&s);
    }

    pub fn articles(&mut self, list: &[ArticleSummary], json: bool) {
        if json {
            return self.json(list);
        }
        if list.is_empty() {
            self.line("Thư viện chưa có bài viết nào. Nhập bài bằng \"bantin import TỆP.md\" hoặc thêm bài mẫu bằng \"bantin sample\".");
        }
        for a in list {
            let date = a
                .date
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "—".into());
            self.line(&format!(
                "{}\t{}\t{}\t{}\t{}",
                a.id,
                a.status.label(),
                a.kind.label(),
                date,
                a.title
            ));
        }
    }

    pub fn article(&mut self, a: &Article, json: bool) {
        if json {
            return self.json(a);
        }
        let c = &a.content;
        self.line(&format!("Số: {}", a.id));
        self.line(&format!("Tiêu đề: {}", c.title));
        if !c.summary.is_empty() {
            self.line(&format!("Tóm tắt (sapo): {}", c.summary));
        }
        if !c.author.is_empty() {
            self.line(&format!("Tác giả – nguồn: {}", c.author));
        }
        if !c.category.is_empty() {
            self.line(&format!("Chuyên mục: {}", c.category));
        }
        if !c.tags.is_empty() {
            self.line(&format!("Từ khóa: {}", c.tags.join(", ")));
        }
        self.line(&format!("Loại: {}", c.kind.label()));
        self.line(&format!("Trạng thái: {}", c.status.label()));
        if let Some(d) = c.date {
            self.line(&format!("Ngày: {}", bantin::text::format_date(d)));
        }
        self.line(&format!(
            "Phiên bản: {} (sửa lúc {}) · {} từ",
            a.revision,
            vn_time(a.updated_at),
            bantin::text::format_integer(a.word_count as i64)
        ));
        self.line("");
        self.line(c.body.trim_end());
    }

    /// Lịch sử: each revision with its word count and the words it added
    /// and removed since the one before.
    pub fn history(&mut self, revs: &[RevisionSummary], json: bool) {
        if json {
            return self.json(revs);
        }
        let n = |n: usize| bantin::text::format_integer(n as i64);
        for r in revs {
            let from = r
                .info
                .restored_from
                .map(|n| format!(" từ phiên bản {n}"))
                .unwrap_or_default();
            self.line(&format!(
                "{}	{}	{}{}	{} từ (+{} −{})	{}",
                r.info.number,
                vn_time(r.info.created_at),
                r.info.reason.label(),
                from,
                n(r.word_count),
                n(r.words_added),
                n(r.words_removed),
                r.info.title
            ));
        }
    }

    pub fn hits(&mut self, hits: &[SearchHit], json: bool) {
        if json {
            return self.json(hits);
        }
        if hits.is_empty() {
            self.line("Không tìm thấy bài viết nào. Hãy thử ít từ hơn, hoặc gõ không dấu.");
        }
        for h in hits {
            self.line(&format!(
                "{}\t{}\t{}",
                h.id,
                h.title,
                h.marked_snippet("«", "»")
            ));
        }
    }

    pub fn check(&mut self, r: &CheckReport, json: bool) {
        if json {
            return self.json(r);
        }
        let n = |x: usize| bantin::text::format_integer(x as i64);
        if r.ok {
            self.line(&format!(
                "Thư viện nguyên vẹn: {} bài viết, {} phiên bản, {} ảnh.",
                n(r.articles),
                n(r.revisions),
                n(r.assets)
            ));
        } else {
            self.line("Thư viện có lỗi; hãy khôi phục từ bản sao lưu gần nhất:");
            for p in &r.problems {
                self.line(&format!("  - {p}"));
            }
        }
    }

    pub fn profile(&mut self, p: &Profile, json: bool) {
        if json {
            return self.json(&p.fields);
        }
        for (key, what) in PROFILE_KEYS {
            let value = p.get(key).unwrap_or("(chưa đặt)");
            self.line(&format!("{key}\t{value}\t# {what}"));
        }
    }
}

/// The article as the live preview shows it: a full HTML page, so the file
/// opens in a browser as it is.
pub fn preview_html(a: &Article) -> String {
    let doc = bantin::markdown::parse(&a.content.body);
    let body = bantin::preview::to_html(&doc, &bantin::preview::PreviewOptions::default());
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n<article>\n<h1>{}</h1>\n{}{}</article>\n</body>\n</html>",
        escape(&a.content.title),
        escape(&a.content.title),
        if a.content.summary.is_empty() {
            String::new()
        } else {
            format!(
                "<p class=\"sapo\"><strong>{}</strong></p>\n",
                escape(&a.content.summary)
            )
        },
        body
    )
}
