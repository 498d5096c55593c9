//! The desktop shell (DESIGN §8): opens the library, serves its images to
//! the preview, and exposes the core through thin commands (`commands/`, by
//! area).
//! The UI in `ui/` is the only caller; all work is done by the `bantin` core.

mod commands;
mod shared_choice;
mod startup;
mod state;
#[cfg(windows)]
mod webview2;

use tauri::Manager;

pub use state::AppState;

/// Builds and runs the app until its window closes.
pub fn run() {
    let started = std::time::Instant::now();
    let state = match AppState::open_default() {
        Ok(state) => state,
        Err(message) => {
            startup::tell(&message);
            std::process::exit(1);
        }
    };
    let report_load = std::env::var_os("BANTIN_REPORT_LOAD").is_some();
    tauri::Builder::default()
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        // Windows: Ctrl+P, Ctrl+F… to the page, not to WebView2 (webview2.rs).
        // For the footprint benchmark (tests/perf/footprint.py).
        .on_page_load(move |webview, payload| {
            #[cfg(windows)]
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Started) {
                webview2::keys_to_the_page(webview);
            }
            #[cfg(not(windows))]
            let _ = webview;
            if report_load && matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                println!("page-loaded-ms {}", started.elapsed().as_millis());
            }
        })
        .register_uri_scheme_protocol(state::ASSET_SCHEME, |ctx, request| {
            state::serve_asset(
                ctx.app_handle().state::<AppState>().inner(),
                request.uri().path(),
            )
        })
        .invoke_handler(tauri::generate_handler![
            commands::articles::library_info,
            commands::articles::list_articles,
            commands::articles::list_categories,
            commands::articles::search_articles,
            commands::articles::get_article,
            commands::articles::create_article,
            commands::articles::save_article,
            commands::together::merge_proposal,
            commands::together::save_merge,
            commands::together::article_opened,
            commands::together::article_closed,
            commands::offline::send_waiting,
            commands::articles::render_preview,
            commands::articles::article_history,
            commands::articles::get_revision,
            commands::articles::history_summaries,
            commands::articles::revision_changes,
            commands::articles::restore_revision,
            commands::exports::export_pdf,
            commands::exports::export_docx,
            commands::exports::export_bundle,
            commands::exports::preview_pages,
            commands::exports::page_look,
            commands::settings::get_profile,
            commands::settings::set_profile_field,
            commands::settings::profile_fields,
            commands::settings::print_font,
            commands::backup::backup_now,
            commands::backup::list_backups,
            commands::backup::restore_backup,
            commands::exports::open_exported,
            commands::save_as::save_article_as,
            commands::save_as::save_bulletin_as,
            commands::printing::print_window,
            commands::articles::trash_article,
            commands::articles::list_trash,
            commands::articles::restore_from_trash,
            commands::articles::duplicate_article,
            commands::images::put_image,
            commands::importing::import_file,
            commands::importing::convert_legacy_runs,
            commands::bulletins::bulletin_form,
            commands::bulletins::list_bulletins,
            commands::bulletins::get_bulletin,
            commands::bulletins::create_bulletin,
            commands::bulletins::update_bulletin,
            commands::bulletins::add_to_bulletin,
            commands::bulletins::remove_from_bulletin,
            commands::bulletins::move_in_bulletin,
            commands::bulletins::delete_bulletin,
            commands::bulletins::export_bulletin_pdf,
            commands::bulletins::preview_bulletin_pages,
            commands::bulletins::cancel_export,
            commands::templates::list_templates,
            commands::templates::get_template,
            commands::templates::check_template,
            commands::templates::edit_template,
            commands::templates::save_template,
            commands::templates::preview_with_template,
            commands::checks::check_text,
            commands::checks::add_word,
            commands::checks::errors_before_export,
            commands::checks::export_anyway,
            commands::shared::shared_status,
            commands::shared::read_connection_file,
            commands::shared::test_connection,
            commands::shared::use_shared,
            commands::shared::resume_shared,
            commands::shared::use_local,
            commands::shared::local_articles,
            commands::shared::push_to_shared,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Lỗi: không khởi động được Bản Tin: {e}");
            std::process::exit(1);
        });
}
