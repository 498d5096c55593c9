//! `bantin export docx ID -o FILE.docx`: an article or a report as a Word
//! file, with the same template as its PDF.

use std::path::PathBuf;

use bantin::export::{LibraryImages, PdfTemplate, write_atomically};

use super::output::Out;
use super::{CliError, open};

#[derive(clap::Args, Debug)]
pub struct DocxArgs {
    id: i64,
    /// report (báo cáo) hoặc article (bài viết); mặc định theo loại bài
    #[arg(long)]
    template: Option<String>,
    #[arg(short = 'o', long = "output", value_name = "TỆP.docx")]
    output: PathBuf,
}

pub fn run(library: &std::path::Path, args: DocxArgs, out: &mut Out) -> Result<i32, CliError> {
    let lib = open(library)?;
    let article = lib.article(args.id)?;
    let template = match args.template.as_deref() {
        None => PdfTemplate::for_kind(article.content.kind),
        Some(t) => PdfTemplate::parse(t).ok_or_else(|| {
            CliError::Message(format!(
                "Không có mẫu \"{t}\"; hãy dùng report (báo cáo) hoặc article (bài viết)."
            ))
        })?,
    };
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let (bytes, warnings) = bantin::word::article_docx(
        &article,
        &lib.profile()?,
        template,
        &LibraryImages(&lib),
        today,
    )
    .map_err(|e| CliError::Message(e.to_string()))?;
    write_atomically(&args.output, &bytes)?;
    for w in &warnings {
        eprintln!("Lưu ý: {w}");
    }
    out.line(&args.output.display().to_string());
    Ok(0)
}
