//! The Bản Tin desktop app's entry point; everything lives in the library
//! half (`lib.rs`) so tests can build the app without a `main`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    bantin_app::run();
}
