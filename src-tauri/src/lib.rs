//! The desktop shell (DESIGN §8): opens the library, serves its images to
//! the preview, and exposes the core through thin commands (`commands.rs`).
//! The UI in `ui/` is the only caller; all work is done by the `bantin` core.

mod backup_commands;
mod bulletin_commands;
mod commands;
mod images;
mod state;
mod template_commands;

use tauri::Manager;

pub use state::AppState;

/// Builds and runs the app until its window closes.
pub fn run() {
    let started = std::time::Instant::now();
    let state = match AppState::open_default() {
        Ok(state) => state,
        Err(message) => {
            eprintln!("Lỗi: {message}");
            std::process::exit(1);
        }
    };
    let report_load = std::env::var_os("BANTIN_REPORT_LOAD").is_some();
    tauri::Builder::default()
        .manage(state)
        // For the footprint benchmark (tests/perf/footprint.py).
        .on_page_load(move |_, payload| {
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
            commands::library_info,
            commands::list_articles,
            commands::search_articles,
            commands::get_article,
            commands::create_article,
            commands::save_article,
            commands::render_preview,
            commands::article_history,
            commands::get_revision,
            commands::restore_revision,
            commands::export_pdf,
            commands::export_bundle,
            commands::preview_pages,
            commands::get_profile,
            commands::set_profile_field,
            commands::profile_fields,
            commands::print_font,
            commands::backup_now,
            backup_commands::list_backups,
            backup_commands::restore_backup,
            commands::open_exported,
            commands::trash_article,
            commands::list_trash,
            commands::restore_from_trash,
            commands::duplicate_article,
            images::put_image,
            bulletin_commands::bulletin_form,
            bulletin_commands::list_bulletins,
            bulletin_commands::get_bulletin,
            bulletin_commands::create_bulletin,
            bulletin_commands::update_bulletin,
            bulletin_commands::add_to_bulletin,
            bulletin_commands::remove_from_bulletin,
            bulletin_commands::move_in_bulletin,
            bulletin_commands::delete_bulletin,
            bulletin_commands::export_bulletin_pdf,
            bulletin_commands::preview_bulletin_pages,
            bulletin_commands::cancel_export,
            template_commands::list_templates,
            template_commands::get_template,
            template_commands::check_template,
            template_commands::save_template,
            template_commands::preview_with_template,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Lỗi: không khởi động được Bản Tin: {e}");
            std::process::exit(1);
        });
}
