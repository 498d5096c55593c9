//! The floor for the footprint benchmark (tests/perf/footprint.py): an empty
//! Tauri 2 window with a one-line page, built with the same crates and
//! profile as Bản Tin. It reports when its page has loaded, as the app does.

fn main() {
    let started = std::time::Instant::now();
    tauri::Builder::default()
        .on_page_load(move |_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                println!("page-loaded-ms {}", started.elapsed().as_millis());
            }
        })
        .run(tauri::generate_context!("tests/perf/tauri.conf.json"))
        .expect("the empty window runs");
}
