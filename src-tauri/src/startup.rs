//! When the library cannot be opened there is no window to speak in: the
//! system's own message box says what happened and what to do, since an
//! editor who starts Bản Tin from the Start menu has no terminal to read.

/// The message box's title.
const TITLE: &str = "Bản Tin chưa mở được thư viện";

/// Says `message` (on standard error too, for support and scripts) and
/// returns once the editor has closed the message box.
pub fn tell(message: &str) {
    eprintln!("Lỗi: {message}");
    show(message);
}

/// GTK's message dialog: the same toolkit the app's window uses, already
/// built. Without a display (a server, a test without Xvfb) there is no one
/// to show it to, and standard error has said it.
#[cfg(target_os = "linux")]
fn show(message: &str) {
    use gtk::prelude::*;
    if gtk::init().is_err() {
        return;
    }
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Error,
        gtk::ButtonsType::Ok,
        TITLE,
    );
    dialog.set_secondary_text(Some(message));
    dialog.set_title(TITLE);
    dialog.run();
    dialog.close();
}

/// Windows' own message box, through the crate tauri's dialog plugin uses.
#[cfg(windows)]
fn show(message: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(TITLE)
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

#[cfg(not(any(target_os = "linux", windows)))]
fn show(_message: &str) {}
