//! Ctrl+P and "In": the system's print dialog (GTK's on Linux, WebView2's on
//! Windows) on the page as it prints — the print sheets the UI has just
//! laid out from the core's pages; `@media print` hides everything else.
//! Run by the shell rather than by `window.print()` in the page: WebKitGTK
//! answers that one synchronously, which freezes the page while the dialog
//! is open.

use super::{ApiError, Result};

#[tauri::command]
pub fn print_window(webview: tauri::Webview) -> Result<()> {
    webview.print().map_err(|e| ApiError {
        code: "print_failed".into(),
        message: format!(
            "Không mở được hộp thoại in của máy ({e}). Hãy bấm Xuất PDF rồi in tệp PDF."
        ),
    })
}
