//! The export driver both front doors call (issue 9): the app's path
//! (`export::export_article_pdf` through a locked library, into a folder)
//! and the CLI's (`bantin export pdf`) print the same thing, photos nested
//! in lists and quotes included; and what the app is told never names a
//! `bantin` command.

mod common;
mod pdf_common;

use std::ops::Deref;
use std::sync::Mutex;

use bantin::export::{self, ArticlePrint, Door, LibraryHandle, Target};
use bantin::store::Library;
use common::Env;
use image::ImageEncoder;

/// The library as the desktop app holds it: behind a lock.
struct Locked(Mutex<Library>);

impl LibraryHandle for Locked {
    fn lock(&self) -> impl Deref<Target = Library> + '_ {
        self.0.lock().unwrap()
    }
}

fn open(env: &Env) -> Locked {
    Locked(Mutex::new(
        Library::open(&env.library, chrono::Utc::now()).unwrap(),
    ))
}

fn jpeg(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, rgb.into());
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Image XObjects in a PDF, as `pdfimages -list` counts them.
fn images_in(pdf: &std::path::Path) -> usize {
    pdf_common::run("pdfimages", &["-list", pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .count()
}

const NESTED: &str = "---\ntitle: Ảnh lồng trong danh sách và trích dẫn\n---\n\nMở đầu bài viết.\n\n- Mục thứ nhất có ảnh:\n\n  ![Ảnh trong danh sách](anh-mot.jpg)\n\n- Mục thứ hai.\n\n> Lời trích dẫn có ảnh:\n>\n> ![Ảnh trong trích dẫn](anh-hai.jpg)\n\nĐoạn kết.\n";

#[test]
fn a_photo_in_a_list_or_a_quote_prints_the_same_from_the_app_and_the_cli() {
    let env = Env::new();
    std::fs::write(env.path("anh-mot.jpg"), jpeg(400, 300, [200, 30, 30])).unwrap();
    std::fs::write(env.path("anh-hai.jpg"), jpeg(300, 400, [30, 30, 200])).unwrap();
    let md = env.write("long.md", NESTED);
    let id = env.import(&[&md])[0].0;

    let cli_pdf = env.path("cli.pdf");
    let r = env.run(&[
        "export",
        "pdf",
        &id.to_string(),
        "-o",
        cli_pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("Lưu ý"), "the CLI warned: {}", r.stderr);

    let lib = open(&env);
    let folder = env.path("Bản Tin");
    let written = export::export_article_pdf(
        &lib,
        id,
        &ArticlePrint::default(),
        &Target::Folder(folder.clone()),
        bantin::text::now_vietnam(),
    )
    .unwrap();
    assert!(written.path.starts_with(&folder));
    assert!(
        written.warnings.is_empty(),
        "the app would warn: {:?}",
        export::worded(&written.warnings, Door::App)
    );
    assert_eq!(images_in(&cli_pdf), 2, "both photos in the CLI's PDF");
    assert_eq!(images_in(&written.path), 2, "both photos in the app's PDF");
    let text = |p: &std::path::Path| {
        pdf_common::run("pdftotext", &["-enc", "UTF-8", p.to_str().unwrap(), "-"])
    };
    assert_eq!(text(&cli_pdf), text(&written.path));

    // The page preview ("Xem trang in") finds them too.
    let pages = export::article_pages(&lib, id, None, bantin::text::now_vietnam()).unwrap();
    assert!(pages.warnings.is_empty(), "{:?}", pages.warnings);
}

#[test]
fn what_the_app_is_told_about_an_export_names_no_bantin_command() {
    let env = Env::new();
    let md = env.write("bc.md", bantin::sample::ARTICLES[1].1);
    let id = env.import(&[&md])[0].0;
    let lib = open(&env);
    let written = export::export_article_pdf(
        &lib,
        id,
        &ArticlePrint::default(),
        &Target::Folder(env.path("xuat")),
        bantin::text::now_vietnam(),
    )
    .unwrap();
    let app = export::worded(&written.warnings, Door::App);
    let cli = export::worded(&written.warnings, Door::Cli);
    assert!(
        !app.is_empty(),
        "a report with no profile has blank lines to tell"
    );
    for w in &app {
        assert!(!w.contains("bantin "), "the app would show: {w}");
    }
    assert!(
        app.iter()
            .any(|w| w.contains("Cài đặt → Thông tin đơn vị →")),
        "{app:?}"
    );
    assert!(cli.iter().any(|w| w.contains("bantin profile set co_quan")));

    // Errors too: an article that is not there.
    let err = export::export_article_pdf(
        &lib,
        999,
        &ArticlePrint::default(),
        &Target::Folder(env.path("xuat")),
        bantin::text::now_vietnam(),
    )
    .unwrap_err();
    assert!(!err.words(Door::App).contains("bantin "));
}
