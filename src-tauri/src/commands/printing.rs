//! Ctrl+P and "In": the system's print dialog (GTK's on Linux, WebView2's on
//! Windows) on the page as it prints — the print sheets the UI has just
//! laid out from the core's pages; `@media print` hides everything else.
//! Run by the shell rather than by `window.print()` in the page: WebKitGTK
//! answers that one synchronously, which freezes the page while the dialog
//! is open.
//!
//! On Linux the dialog is WebKitGTK's own print operation, opened on the
//! paper of the pages (`paper`, in points, from the core's layout) with no
//! margin: WebKitGTK prints on the dialog's page setup and ignores the
//! page's `@page` size, so with GTK's default (A4 or Letter with 6 mm
//! margins) every page spilled onto a second sheet. On Windows WebView2's
//! print preview (Chromium's), which lays the sheets out on their `@page`
//! size itself; on macOS WKWebView's print operation.

use serde::{Deserialize, Serialize};

use super::{ApiError, Result};

/// The paper the pages are laid out on, in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Paper {
    pub width: f64,
    pub height: f64,
}

// The sheet's orientation and GTK's named paper matter on Linux only; the
// other webviews read the sheets' @page rule.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
impl Paper {
    /// Within what paper a print dialog can take (a sheet up to A0's long side, 3.4 m).
    fn is_usable(&self) -> bool {
        let ok = |v: f64| v.is_finite() && (36.0..=9_600.0).contains(&v);
        ok(self.width) && ok(self.height)
    }

    /// Wider than high: the sheet is turned (the A5 booklet on A4 sideways).
    pub fn landscape(&self) -> bool {
        self.width > self.height
    }

    /// The same paper stood upright: what paper sizes are listed as.
    pub fn upright(&self) -> Paper {
        Paper {
            width: self.width.min(self.height),
            height: self.width.max(self.height),
        }
    }

    /// The same sheet within a point (the core rounds A4 to 595.28 × 841.89).
    pub fn same_as(&self, width: f64, height: f64) -> bool {
        (self.width - width).abs() < 1.0 && (self.height - height).abs() < 1.0
    }
}

/// How a print request ended (each platform knows only some of these).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[allow(dead_code)]
#[serde(rename_all = "lowercase")]
pub enum Printed {
    /// Sent to the printer (or the file) chosen in the dialog.
    Printed,
    /// The editor closed the dialog without printing.
    Cancelled,
    /// The dialog was closed; the platform does not say whether it printed
    /// (WebView2's print preview).
    Closed,
}

fn print_failed(detail: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "print_failed".into(),
        message: format!(
            "Không in được từ Bản Tin. Hãy bấm Xuất PDF rồi in tệp PDF bằng chương trình đọc PDF.\nChi tiết kỹ thuật: {detail}"
        ),
    }
}

/// Opens the system's print dialog on the print sheets, on `paper`; answers
/// once the pages are printed, or the dialog is closed.
#[tauri::command]
pub async fn print_window(webview: tauri::Webview, paper: Paper) -> Result<Printed> {
    if !paper.is_usable() {
        return Err(print_failed(format!(
            "khổ giấy {:.0} × {:.0} pt",
            paper.width, paper.height
        )));
    }
    print_on(webview, paper).await
}

#[cfg(target_os = "linux")]
async fn print_on(webview: tauri::Webview, paper: Paper) -> Result<Printed> {
    let (tell, told) = std::sync::mpsc::channel();
    webview
        .with_webview(move |platform| gtk_print::run(platform.inner(), paper, tell))
        .map_err(print_failed)?;
    // The dialog runs on the UI thread; wait for its answer off it.
    super::off_ui(move || match told.recv() {
        Ok(answer) => answer.map_err(print_failed),
        Err(_) => Err(print_failed("hộp thoại in đóng mà không trả lời")),
    })
    .await
}

/// On Windows the page's own `window.print()`, which in WebView2 opens
/// Edge's print preview on the print sheets: Chromium lays them out on the
/// sheets' `@page` size with no margin, so the preview shows one page per
/// sheet of the template's paper (tauri's `Webview::print()` is the same
/// call, without waiting). `window.print()` returns once the preview is
/// closed, so the answer comes then; the preview does not say whether it
/// printed or was cancelled.
#[cfg(windows)]
async fn print_on(webview: tauri::Webview, _paper: Paper) -> Result<Printed> {
    let (tell, told) = std::sync::mpsc::channel();
    webview
        .eval_with_callback("window.print()", move |_| {
            let _ = tell.send(());
        })
        .map_err(print_failed)?;
    super::off_ui(move || match told.recv() {
        Ok(()) => Ok(Printed::Closed),
        Err(_) => Err(print_failed("WebView2 không chạy được lệnh in")),
    })
    .await
}

/// On macOS WKWebView's print operation (tauri's `Webview::print()`): no
/// margin, but the system's default paper, so whether a sheet fits depends
/// on WebKit honouring `@page` there (not checked: no Mac). It answers at once.
#[cfg(not(any(target_os = "linux", windows)))]
async fn print_on(webview: tauri::Webview, _paper: Paper) -> Result<Printed> {
    webview.print().map_err(print_failed)?;
    Ok(Printed::Printed)
}

#[cfg(target_os = "linux")]
mod gtk_print {
    //! WebKitGTK's print operation on the pages' paper, without margins.
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::mpsc::Sender;

    use gtk::prelude::*;
    use gtk::{PageOrientation, PageSetup, PaperSize, PrintSettings, Unit};
    use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse};

    use super::{Paper, Printed};

    type Answer = Sender<Result<Printed, String>>;

    /// GTK's own paper of that size (named A4, A5…, so a printer gets its
    /// usual paper), else a custom one of exactly that size.
    fn paper_size(paper: Paper) -> PaperSize {
        let up = paper.upright();
        PaperSize::paper_sizes(false)
            .into_iter()
            .find(|p| up.same_as(p.width(Unit::Points), p.height(Unit::Points)))
            .unwrap_or_else(|| {
                let name = format!("ban-tin-{:.0}x{:.0}", up.width, up.height);
                let shown = format!(
                    "{:.0} × {:.0} mm",
                    up.width / 72.0 * 25.4,
                    up.height / 72.0 * 25.4
                );
                PaperSize::new_custom(&name, &shown, up.width, up.height, Unit::Points)
            })
    }

    /// Runs the dialog (on the UI thread), then tells `answer` how printing ended.
    pub fn run(webview: webkit2gtk::WebView, paper: Paper, answer: Answer) {
        let size = paper_size(paper);
        let orientation = if paper.landscape() {
            PageOrientation::Landscape
        } else {
            PageOrientation::Portrait
        };
        let setup = PageSetup::new();
        setup.set_paper_size(&size);
        setup.set_orientation(orientation);
        for set in [
            PageSetup::set_top_margin,
            PageSetup::set_bottom_margin,
            PageSetup::set_left_margin,
            PageSetup::set_right_margin,
        ] {
            set(&setup, 0.0, Unit::Points);
        }
        let settings = PrintSettings::new();
        settings.set_paper_size(&size);
        settings.set_orientation(orientation);

        let op = PrintOperation::new(&webview);
        op.set_page_setup(&setup);
        op.set_print_settings(&settings);
        // Printing goes on after the dialog closes: keep the operation (and
        // the one answer) until it says it has finished or failed.
        let pending = Rc::new(RefCell::new(Some((op.clone(), answer))));
        let failed = pending.clone();
        op.connect_failed(move |_, e| {
            if let Some((_, tell)) = failed.borrow_mut().take() {
                let _ = tell.send(Err(e.to_string()));
            }
        });
        let finished = pending.clone();
        op.connect_finished(move |_| {
            if let Some((_, tell)) = finished.borrow_mut().take() {
                let _ = tell.send(Ok(Printed::Printed));
            }
        });
        let parent = webview
            .toplevel()
            .and_then(|w| w.downcast::<gtk::Window>().ok());
        if op.run_dialog(parent.as_ref()) != PrintOperationResponse::Print {
            if let Some((_, tell)) = pending.borrow_mut().take() {
                let _ = tell.send(Ok(Printed::Cancelled));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Paper;

    #[test]
    fn a_sideways_sheet_is_the_upright_paper_turned() {
        let a4_sideways = Paper {
            width: 841.89,
            height: 595.28,
        };
        assert!(a4_sideways.landscape());
        let up = a4_sideways.upright();
        assert!(up.same_as(595.276, 841.89), "{up:?}");
        assert!(!up.same_as(419.53, 595.28), "not A5");
    }

    #[test]
    fn refuses_paper_no_dialog_can_take() {
        let usable = |width, height| Paper { width, height }.is_usable();
        assert!(usable(595.28, 841.89));
        assert!(usable(538.58, 765.35), "19 × 27 cm");
        assert!(!usable(0.0, 841.89));
        assert!(!usable(f64::NAN, 841.89));
        assert!(!usable(595.28, 1e9));
    }
}
