//! The Bản Tin desktop app's entry point; everything lives in the library
//! half (`lib.rs`) so tests can build the app without a `main`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    light_webview();
    bantin_app::run();
}

/// On Linux, WebKitGTK hands every page and scrolling layer to the display
/// through DMA-BUF buffers; on the office PCs we target (no GPU, or an old
/// one) that costs about 70 MB more than shared-memory rendering and buys
/// nothing (measured with tests/perf/footprint.py: an empty window 275 →
/// 201 MB, Bản Tin 362 → 248 MB). An editor who sets the variable keeps
/// their choice. Windows' WebView2 and macOS' WebKit are not affected.
fn light_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // SAFETY: called first thing in `main`, before any thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1") };
    }
}
