//! Two people, one article (issue 14): the merge view after saves crossed,
//! and who else has the article open on the shared library.

use bantin::merge::Pick;
use bantin::model::{ArticleId, PendingMerge};
use bantin::store::MergeProposal;
use tauri::State;

use super::articles::{SaveOutcome, outcome};
use super::{ApiError, Result};
use crate::state::AppState;

/// The two crossed versions and their merge, when the article waits for one.
#[tauri::command]
pub fn merge_proposal(state: State<AppState>, id: ArticleId) -> Result<Option<MergeProposal>> {
    Ok(state.library().merge_proposal(id)?)
}

/// Lưu bản hợp nhất: the editor's choice for each conflict, as a new revision.
#[tauri::command]
pub fn save_merge(
    state: State<AppState>,
    id: ArticleId,
    crossing: PendingMerge,
    current: u32,
    picks: Vec<Pick>,
) -> Result<SaveOutcome> {
    let lib = state.library();
    match lib.save_merge(id, crossing, current, &picks, chrono::Utc::now())? {
        Some(saved) => Ok(outcome(&lib, id, saved)?),
        None => Err(ApiError {
            code: "merge_stale".into(),
            message: "Bài vừa thay đổi trong lúc bạn hợp nhất. Hãy mở lại bài để xem các chỗ khác nhau mới nhất.".into(),
        }),
    }
}

/// Says that this program has article `id` open (again: the UI calls this
/// every `PRESENCE_REFRESH` while it stays open) and answers who else has.
#[tauri::command]
pub fn article_opened(state: State<AppState>, id: ArticleId) -> Result<Vec<String>> {
    let lib = state.library();
    lib.mark_open(id, &state.session)?;
    Ok(lib.open_by_others(id, &state.session)?)
}

/// Says that this program closed article `id`.
#[tauri::command]
pub fn article_closed(state: State<AppState>, id: ArticleId) -> Result<()> {
    Ok(state.library().mark_closed(id, &state.session)?)
}
