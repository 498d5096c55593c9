//! Windows only: the keys WebView2 would otherwise take for the browser.
//!
//! WebView2 handles its "browser accelerator keys" before the page sees them
//! (WebView2Feedback #5551): Ctrl+P opened Edge's print preview on the app's
//! screen — the print CSS hides everything but the print sheets, so the
//! editor got a blank page, or the sheets of the last article printed —
//! instead of the pages laid out for what is on screen; Ctrl+F opened Edge's
//! English find bar instead of our Tìm; F5 and Ctrl+R reloaded the app,
//! dropping the last second of typing; Alt+← navigated away from it.
//! With them off, those keys reach the page like any other, as they do on
//! Linux, and the UI's own shortcuts (`ui/src/shortcuts.ts`) answer them.
//! Text editing keys (Ctrl+C/V/X/A/Z) are not browser keys and keep working.

use webview2_com::Microsoft::Web::WebView2::Win32::ICoreWebView2Settings3;
use windows_core::Interface;

/// Turns WebView2's browser keys off for `webview` (the setting is the
/// webview's, so once is enough; repeating it is harmless).
pub fn keys_to_the_page(webview: &tauri::Webview) {
    let _ = webview.with_webview(|platform| {
        // SAFETY: COM calls on the webview's own controller, on the UI thread
        // (with_webview runs the closure there), as WebView2 requires.
        let done = unsafe {
            platform
                .controller()
                .CoreWebView2()
                .and_then(|core| core.Settings())
                .and_then(|settings| settings.cast::<ICoreWebView2Settings3>())
                .and_then(|settings| settings.SetAreBrowserAcceleratorKeysEnabled(false))
        };
        if let Err(e) = done {
            // A WebView2 runtime older than 1.0.864 (2021): the keys stay the
            // browser's; nothing else depends on it.
            eprintln!("Bản Tin: không tắt được phím tắt của WebView2: {e}");
        }
    });
}
