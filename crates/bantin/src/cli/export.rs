//! `bantin export pdf|bundle`: adapters over `bantin::export`, which loads,
//! lays out, names and writes. Here: the arguments, progress on stderr,
//! warnings worded for a terminal, and "FILE<TAB>N trang".

use std::path::{Path, PathBuf};

use bantin::export::{
    self, ArticlePrint, BulletinPdfOptions, Door, ExportProgress, PdfTemplate, Target, Written,
};
use bantin::store::Library;
use clap::Subcommand;

use super::output::Out;
use super::{CliError, bulletin};

#[derive(Subcommand, Debug)]
pub enum ExportWhat {
    /// Xuất PDF để in: báo cáo theo thể thức văn bản của Đảng, bài viết, hoặc một số bản tin
    Pdf {
        #[arg(required_unless_present = "bulletin", conflicts_with = "bulletin")]
        id: Option<i64>,
        /// Xuất cả một số bản tin (mã số bản tin)
        #[arg(long, value_name = "MÃ BẢN TIN")]
        bulletin: Option<i64>,
        /// Bản tin: số cột (1 hoặc 2); mặc định theo bản tin
        #[arg(long, requires = "bulletin", value_parser = clap::value_parser!(u8).range(1..=2))]
        columns: Option<u8>,
        /// Bản tin: khổ giấy a4, a5, a5-booklet (gấp đôi, in trên A4 ngang) hoặc 19x27
        #[arg(long, requires = "bulletin")]
        paper: Option<String>,
        /// report (báo cáo), article (bài viết) hoặc tên một mẫu (bantin template list); mặc định: mẫu đã chọn cho bài hoặc cơ quan
        #[arg(long)]
        template: Option<String>,
        /// In hai mặt: trang chẵn đảo lề trái và lề phải
        #[arg(long)]
        two_sided: bool,
        #[arg(short = 'o', long = "output", value_name = "TỆP.pdf")]
        output: PathBuf,
    },
    /// Xuất bài viết hoặc báo cáo ra tệp Word (.docx), cùng mẫu với bản PDF
    Docx {
        id: i64,
        /// report (báo cáo) hoặc article (bài viết); mặc định theo loại bài
        #[arg(long)]
        template: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "TỆP.docx")]
        output: PathBuf,
    },
    /// Xuất gói tải lên (.zip) cho cổng thông tin điện tử, mỗi bài một gói
    Bundle {
        #[arg(required = true, value_name = "SỐ BÀI")]
        ids: Vec<i64>,
        #[arg(short = 'o', long = "output", value_name = "THƯ MỤC")]
        output: PathBuf,
        /// Kèm bản PDF để in
        #[arg(long)]
        with_pdf: bool,
    },
}

pub fn run(lib: &Library, what: ExportWhat, out: &mut Out) -> Result<(), CliError> {
    match what {
        ExportWhat::Pdf {
            bulletin: Some(bulletin),
            columns,
            paper,
            output,
            ..
        } => bulletin_pdf(lib, bulletin, columns, paper.as_deref(), &output, out),
        ExportWhat::Pdf {
            id,
            template,
            two_sided,
            output,
            ..
        } => {
            let id = id.ok_or_else(|| {
                CliError::Message("Hãy ghi số bài viết hoặc --bulletin MÃ_BẢN_TIN.".into())
            })?;
            article_pdf(lib, id, template.as_deref(), two_sided, &output, out)
        }
        ExportWhat::Docx {
            id,
            template,
            output,
        } => article_docx(lib, id, template.as_deref(), &output, out),
        ExportWhat::Bundle {
            ids,
            output,
            with_pdf,
        } => bundles(lib, &ids, &output, with_pdf, out),
    }
}

fn article_pdf(
    lib: &Library,
    id: i64,
    template: Option<&str>,
    two_sided: bool,
    output: &Path,
    out: &mut Out,
) -> Result<(), CliError> {
    let print = ArticlePrint {
        template: template_option(lib, template)?,
        double_sided: two_sided,
    };
    let target = Target::File(output.to_path_buf());
    let now = bantin::text::now_vietnam();
    let written = export::export_article_pdf(lib, id, &print, &target, now)?;
    tell(&written, out);
    Ok(())
}

fn article_docx(
    lib: &Library,
    id: i64,
    template: Option<&str>,
    output: &Path,
    out: &mut Out,
) -> Result<(), CliError> {
    let print = ArticlePrint {
        template: template_option(lib, template)?,
        double_sided: false,
    };
    let target = Target::File(output.to_path_buf());
    let now = bantin::text::now_vietnam();
    let written = export::export_article_docx(lib, id, &print, &target, now)?;
    for w in &written.warnings {
        eprintln!("Lưu ý: {}", w.words(Door::Cli));
    }
    out.line(&written.path.display().to_string());
    Ok(())
}

/// `--template report|article|NAME`; absent, the driver takes the template
/// chosen for the article or the office, else the shipped one for its kind.
fn template_option(lib: &Library, template: Option<&str>) -> Result<Option<PdfTemplate>, CliError> {
    Ok(template.map(|t| PdfTemplate::named(lib, t)).transpose()?)
}

fn bulletin_pdf(
    lib: &Library,
    id: i64,
    columns: Option<u8>,
    paper: Option<&str>,
    output: &Path,
    out: &mut Out,
) -> Result<(), CliError> {
    let (paper, booklet) = match paper {
        Some(p) => bulletin::paper_option(p)?,
        None => (None, false),
    };
    let options = BulletinPdfOptions {
        columns,
        paper,
        booklet,
        template: None,
    };
    // Long issues say what they are doing on stderr: each article laid
    // out, and every twentieth page written.
    let many = lib.bulletin(id)?.articles.len() >= 10;
    let mut progress = |p: &ExportProgress| {
        let say = match p {
            ExportProgress::Layout { .. } => many,
            ExportProgress::Pages { done, total } => many && (done % 20 == 0 || done == total),
        };
        if say {
            eprintln!("{}", p.message());
        }
        true
    };
    let target = Target::File(output.to_path_buf());
    let now = bantin::text::now_vietnam();
    let written = export::export_bulletin_pdf(lib, id, &options, &target, now, &mut progress)?;
    tell(&written, out);
    Ok(())
}

/// Tells a written PDF's warnings on stderr and prints "FILE<TAB>N trang".
fn tell(written: &Written, out: &mut Out) {
    for w in &written.warnings {
        eprintln!("Lưu ý: {}", w.words(Door::Cli));
    }
    out.line(&format!(
        "{}\t{} trang",
        written.path.display(),
        written.pages
    ));
}

fn bundles(
    lib: &Library,
    ids: &[i64],
    dir: &Path,
    with_pdf: bool,
    out: &mut Out,
) -> Result<(), CliError> {
    let many = ids.len() > 1;
    let now = bantin::text::now_vietnam();
    let written = export::export_bundles(lib, ids, dir, with_pdf, now, &mut |p| {
        if many && p.path.is_none() {
            eprintln!("Đang đóng gói bài {}/{}: {}", p.done + 1, p.total, p.title);
        }
        true
    })?;
    for (id, path) in ids.iter().zip(written) {
        out.line(&format!("{id}\t{}", path.display()));
    }
    Ok(())
}
