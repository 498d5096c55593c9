//! Cài đặt → Thư viện chung: connect to a shared library (typed in, or from
//! the administrator's `.bantin-ket-noi` file), test the connection, switch
//! to it and back to the library on this PC, keep the password in the OS
//! keyring, and Chuyển bài lên thư viện chung.

use bantin::model::ArticleSummary;
use bantin::store::Library;
use bantin::store::pg::{self, KetNoi, Login, Pushed, keyring};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};

use super::{ApiError, Result, off_ui, on_worker};
use crate::shared_choice::SharedChoice;
use crate::state::AppState;

/// What the editor typed or the file said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectionForm {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    /// Empty: the one kept in the keyring.
    #[serde(default)]
    pub password: String,
    /// The office's CA certificate (PEM), from the file.
    pub certificate: Option<String>,
    pub unit: Option<String>,
    /// Keep the password in the OS keyring.
    #[serde(default)]
    pub remember: bool,
}

#[derive(Debug, Serialize)]
pub struct SharedStatus {
    /// The app works on the shared library now.
    pub shared: bool,
    /// The library open now (an address, or the file on this PC).
    pub address: String,
    pub local_path: String,
    /// The remembered connection, for the form.
    pub saved: Option<ConnectionForm>,
    /// The keyring keeps a password for `saved`.
    pub password_saved: bool,
    /// Something the editor should know (the keyring could not keep the password).
    pub notice: Option<String>,
}

impl From<pg::KetNoiError> for ApiError {
    fn from(e: pg::KetNoiError) -> Self {
        ApiError {
            code: e.code().into(),
            message: e.to_string(),
        }
    }
}

impl ConnectionForm {
    fn from_ket_noi(k: KetNoi) -> ConnectionForm {
        ConnectionForm {
            password: k.login.password.clone().unwrap_or_default(),
            certificate: k.login.root_cert.clone(),
            host: k.login.host,
            port: k.login.port,
            database: k.login.database,
            user: k.login.user,
            unit: k.unit,
            remember: false,
        }
    }

    /// The connection without its password, as remembered and as a file says.
    fn ket_noi(&self) -> KetNoi {
        KetNoi {
            login: Login {
                host: self.host.trim().to_string(),
                port: self.port,
                database: self.database.trim().to_string(),
                user: self.user.trim().to_string(),
                password: None,
                root_cert: self.certificate.clone().filter(|c| !c.trim().is_empty()),
            },
            unit: self.unit.clone().filter(|u| !u.is_empty()),
        }
    }

    /// The connection with its password: typed, else kept in the keyring.
    fn login(&self) -> Result<Login> {
        let mut login = self.ket_noi().login;
        login.password = Some(self.password.clone())
            .filter(|p| !p.is_empty())
            .or_else(|| keyring::saved(&login.address()).ok().flatten());
        if login.password.is_none() {
            return Err(ApiError {
                code: "password_needed".into(),
                message: "Hãy nhập mật khẩu thư viện chung (quản trị đã trao cho bạn cùng tên đăng nhập).".into(),
            });
        }
        Ok(login)
    }
}

fn status(state: &AppState, notice: Option<String>) -> SharedStatus {
    let lib = state.library();
    let saved = SharedChoice::load(&state.local_path).connection();
    SharedStatus {
        shared: lib.is_shared(),
        address: lib.path().display().to_string(),
        local_path: state.local_path.display().to_string(),
        password_saved: saved
            .as_ref()
            .is_some_and(|k| matches!(keyring::saved(&k.login.address()), Ok(Some(_)))),
        saved: saved.map(ConnectionForm::from_ket_noi),
        notice,
    }
}

#[tauri::command]
pub async fn shared_status(app: AppHandle) -> Result<SharedStatus> {
    on_worker(app, move |state| Ok(status(&state, None))).await
}

/// The administrator's `.bantin-ket-noi` file, read into the form.
#[tauri::command]
pub fn read_connection_file(text: String) -> Result<ConnectionForm> {
    Ok(ConnectionForm::from_ket_noi(KetNoi::parse(&text)?))
}

/// Kiểm tra kết nối: connects and counts the articles the account sees.
#[tauri::command]
pub async fn test_connection(form: ConnectionForm) -> Result<String> {
    off_ui(move || {
        let login = form.login()?;
        let lib = Library::open_shared(&login)?;
        Ok(format!(
            "Kết nối được tới {}: thư viện chung có {} bài viết bạn xem được.",
            login.address(),
            lib.count_articles()?
        ))
    })
    .await
}

/// Works on the shared library from now on (and at the next start); keeps
/// the password in the keyring when asked, and says when it cannot.
#[tauri::command]
pub async fn use_shared(app: tauri::AppHandle, form: ConnectionForm) -> Result<SharedStatus> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let login = form.login()?;
        state.switch_to(Library::open_shared(&login)?);
        SharedChoice::remember(&state.local_path, form.ket_noi().to_text(), true)?;
        let notice = keep_password(&login, form.remember);
        Ok(status(&state, notice))
    })
    .await
}

/// Keeps (or forgets) the password in the keyring; what the editor should
/// know when the PC has no keyring.
fn keep_password(login: &Login, remember: bool) -> Option<String> {
    let address = login.address();
    match (remember, login.password.as_deref()) {
        (true, Some(pw)) => keyring::save(&address, pw).err().map(|e| e.to_string()),
        _ => {
            // Not to be kept: a PC without a keyring has nothing to forget.
            let _ = keyring::forget(&address);
            None
        }
    }
}

/// The remembered shared library, if the editor left the app on it.
fn open_remembered(state: &AppState) -> Option<Result<Library>> {
    let choice = SharedChoice::load(&state.local_path);
    let k = choice.connection().filter(|_| choice.in_use)?;
    let login = ConnectionForm::from_ket_noi(k).login();
    Some(login.and_then(|l| Library::open_shared(&l).map_err(ApiError::from)))
}

/// At start: back on the shared library if the editor left the app there
/// and the keyring has the password; else this PC's, saying why.
#[tauri::command]
pub async fn resume_shared(app: tauri::AppHandle) -> Result<SharedStatus> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let notice = match open_remembered(&state) {
            Some(Ok(lib)) => {
                state.switch_to(lib);
                None
            }
            Some(Err(e)) => Some(format!("Đang dùng thư viện trong máy. {}", e.message)),
            None => None,
        };
        Ok(status(&state, notice))
    })
    .await
}

/// Back to the library on this PC (and at the next start).
#[tauri::command]
pub async fn use_local(app: AppHandle) -> Result<SharedStatus> {
    on_worker(app, move |state| {
        let lib = Library::open(&state.local_path, chrono::Utc::now())?;
        state.switch_to(lib);
        let choice = SharedChoice::load(&state.local_path);
        if let Some(text) = choice.ket_noi {
            SharedChoice::remember(&state.local_path, text, false)?;
        }
        Ok(status(&state, None))
    })
    .await
}

/// The articles of the library on this PC, to choose which to bring up.
#[tauri::command]
pub async fn local_articles(app: AppHandle) -> Result<Vec<ArticleSummary>> {
    on_worker(app, move |state| {
        let lib = Library::open(&state.local_path, chrono::Utc::now())?;
        Ok(lib.list_articles()?)
    })
    .await
}

/// Chuyển bài lên thư viện chung: the chosen articles of this PC, with
/// their whole history, into the shared library open now.
#[tauri::command]
pub async fn push_to_shared(app: tauri::AppHandle, ids: Vec<i64>) -> Result<Vec<Pushed>> {
    off_ui(move || {
        let state = app.state::<AppState>();
        let now = chrono::Utc::now();
        let local = Library::open(&state.local_path, now)?;
        let shared = state.library();
        Ok(local.push_to(&shared, &ids, &bantin::markdown::derive, now)?)
    })
    .await
}
