//! Two people, one article (issue 14): the merge view after saves crossed,
//! and who else has the article open on the shared library.

use bantin::merge::Pick;
use bantin::model::{ArticleId, PendingMerge};
use bantin::store::MergeProposal;
use tauri::AppHandle;

use super::articles::{SaveOutcome, outcome};
use super::{ApiError, Result, on_worker};

/// The two crossed versions and their merge, when the article waits for one.
#[tauri::command]
pub async fn merge_proposal(app: AppHandle, id: ArticleId) -> Result<Option<MergeProposal>> {
    on_worker(app, move |state| Ok(state.library().merge_proposal(id)?)).await
}

/// Lưu bản hợp nhất: the editor's choice for each conflict, as a new revision.
#[tauri::command]
pub async fn save_merge(
    app: AppHandle,
    id: ArticleId,
    crossing: PendingMerge,
    current: u32,
    picks: Vec<Pick>,
) -> Result<SaveOutcome> {
    on_worker(app, move |state| {
        let lib = state.library();
        match lib.save_merge(id, crossing, current, &picks, chrono::Utc::now())? {
            Some(saved) => Ok(outcome(&lib, id, saved)?),
            None => Err(ApiError {
                code: "merge_stale".into(),
                message: "Bài vừa thay đổi trong lúc bạn hợp nhất. Hãy mở lại bài để xem các chỗ khác nhau mới nhất.".into(),
            }),
        }
    })
    .await
}

/// Says that this program has article `id` open (again: the UI calls this
/// every `PRESENCE_REFRESH` while it stays open) and answers who else has.
#[tauri::command]
pub async fn article_opened(app: AppHandle, id: ArticleId) -> Result<Vec<String>> {
    on_worker(app, move |state| {
        let lib = state.library();
        lib.mark_open(id, &state.session)?;
        Ok(lib.open_by_others(id, &state.session)?)
    })
    .await
}

/// Says that this program closed article `id`.
#[tauri::command]
pub async fn article_closed(app: AppHandle, id: ArticleId) -> Result<()> {
    on_worker(app, move |state| {
        Ok(state.library().mark_closed(id, &state.session)?)
    })
    .await
}
