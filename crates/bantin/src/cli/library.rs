//! `bantin import|list|show|history|search|restore|save|delete|trash|
//! duplicate|sample`: the articles of the library, one small function each.

use std::path::{Path, PathBuf};

use bantin::import;
use bantin::store::{Library, SearchOptions};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::CliError;
use super::output::{self, Out};

#[derive(Subcommand, Debug)]
pub enum TrashAction {
    /// Liệt kê bài viết trong Thùng rác
    List {
        #[arg(long)]
        json: bool,
    },
    /// Đưa bài viết ra khỏi Thùng rác
    Restore { id: i64 },
}

pub fn import(
    lib: &Library,
    files: &[PathBuf],
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    let imported = import::import_files(lib, files, now)?;
    for (id, title) in imported.articles {
        out.line(&format!("{id}\t{title}"));
    }
    for w in &imported.warnings {
        eprintln!("Lưu ý: {w}");
    }
    for (path, encoding) in &imported.unsure {
        let from = import::legacy::choice_name(*encoding);
        let p = path.display();
        eprintln!(
            "Lưu ý: tệp \"{p}\" có vẻ gõ bằng bảng mã cũ {encoding} nhưng chưa chắc, nên đã nhập nguyên văn. \
             Nếu chữ bị lỗi, hãy chạy: bantin convert --from {from} \"{p}\" -o BAI-UNICODE.md rồi nhập tệp mới."
        );
    }
    Ok(())
}

pub fn list(lib: &Library, json: bool, out: &mut Out) -> Result<(), CliError> {
    out.articles(&lib.list_articles()?, json);
    Ok(())
}

pub fn show(lib: &Library, id: i64, json: bool, html: bool, out: &mut Out) -> Result<(), CliError> {
    let article = lib.article(id)?;
    if html {
        out.line(&output::preview_html(&article));
    } else {
        out.article(&article, json);
    }
    Ok(())
}

pub fn history(lib: &Library, id: i64, json: bool, out: &mut Out) -> Result<(), CliError> {
    out.history(&lib.history_summaries(id)?, json);
    Ok(())
}

pub fn search(
    lib: &Library,
    query: &[String],
    json: bool,
    limit: usize,
    out: &mut Out,
) -> Result<(), CliError> {
    let hits = lib.search(
        &query.join(" "),
        &SearchOptions {
            limit,
            ..SearchOptions::default()
        },
    )?;
    out.hits(&hits, json);
    Ok(())
}

pub fn restore(
    lib: &Library,
    id: i64,
    rev: u32,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    let number = lib.restore_revision(id, rev, now)?;
    let article = lib.article(id)?;
    out.line(&format!(
        "{id}\t{}\tphiên bản {number} (khôi phục từ phiên bản {rev})",
        article.content.title
    ));
    Ok(())
}

pub fn delete(lib: &Library, id: i64, now: DateTime<Utc>, out: &mut Out) -> Result<(), CliError> {
    let title = lib.article(id)?.content.title;
    lib.trash_article(id, false, now)?;
    out.line(&format!(
        "{id}\t{title}\tđã chuyển vào Thùng rác (khôi phục: bantin trash restore {id})"
    ));
    Ok(())
}

pub fn trash(lib: &Library, action: TrashAction, out: &mut Out) -> Result<(), CliError> {
    match action {
        TrashAction::List { json } => {
            let list = lib.list_trash()?;
            if json {
                out.json(&list);
            } else {
                if list.is_empty() {
                    out.line("Thùng rác trống.");
                }
                for t in list {
                    out.line(&format!("{}\t{}", t.article.id, t.article.title));
                }
            }
        }
        TrashAction::Restore { id } => {
            lib.restore_from_trash(id)?;
            let title = lib.article(id)?.content.title;
            out.line(&format!("{id}\t{title}"));
        }
    }
    Ok(())
}

pub fn duplicate(
    lib: &Library,
    id: i64,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    let new = lib.duplicate_article(id, now)?;
    out.line(&format!("{new}\t{}", lib.article(new)?.content.title));
    Ok(())
}

pub fn sample(
    lib: &Library,
    path: &Path,
    if_empty: bool,
    now: DateTime<Utc>,
    out: &mut Out,
) -> Result<(), CliError> {
    if if_empty && lib.count_articles()? > 0 {
        out.line(&format!(
            "Thư viện {} đã có bài viết; không thêm bài mẫu.",
            path.display()
        ));
    } else {
        for (id, title) in bantin::sample::add_samples(lib, now)? {
            out.line(&format!("{id}\t{title}"));
        }
    }
    Ok(())
}
