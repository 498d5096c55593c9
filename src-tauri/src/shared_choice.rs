//! Which library the app works on, remembered between runs: the shared
//! library's connection (a `.bantin-ket-noi` text, never with a password)
//! and whether the editor chose it. Kept in a small JSON file beside the
//! library on this PC, so a test or a second library (`BANTIN_LIBRARY`)
//! has its own and nothing else on the PC is touched.

use std::path::{Path, PathBuf};

use bantin::store::pg::KetNoi;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SharedChoice {
    /// The connection (`KetNoi::to_text`, without the password).
    pub ket_noi: Option<String>,
    /// The editor works on the shared library (else on this PC's).
    pub in_use: bool,
}

fn file(local: &Path) -> PathBuf {
    local.with_extension("thu-vien-chung.json")
}

impl SharedChoice {
    /// What was remembered beside `local`; nothing (or a damaged file) is
    /// "the library on this PC".
    pub fn load(local: &Path) -> SharedChoice {
        std::fs::read(file(local))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The remembered connection, read back like an administrator's file.
    pub fn connection(&self) -> Option<KetNoi> {
        self.ket_noi.as_deref().and_then(|t| KetNoi::parse(t).ok())
    }

    /// Remembers the connection `ket_noi` and whether it is in use
    /// (written whole under its name, or not at all).
    pub fn remember(
        local: &Path,
        ket_noi: String,
        in_use: bool,
    ) -> Result<(), bantin::export::ExportError> {
        let choice = SharedChoice {
            ket_noi: Some(ket_noi),
            in_use,
        };
        let json = serde_json::to_vec_pretty(&choice).unwrap_or_default();
        bantin::export::write_atomically(&file(local), &json)
    }
}
