//! The shared library's password in the OS keyring (Windows Credential
//! Manager, macOS Keychain, the Secret Service of a Linux desktop), so it is
//! never written in clear on the PC and the editor types it once.
//!
//! Through the `keyring` crate (v3): one well-kept crate over the three OS
//! stores. A PC without one (a Linux session with no Secret Service running,
//! a locked or refused keyring) answers `KeyringUnavailable`, never a panic:
//! the app then asks for the password each time and says why.
//!
//! Entries are named by the library's address without password
//! (`postgresql://USER@HOST:PORT/DB`, `Login::address`), under the service
//! `bantin`; the CLI finds the app's entry by the same name.

/// The keyring's service name for every Bản Tin entry.
const SERVICE: &str = "bantin";

/// The OS keyring cannot be used on this PC (none, locked, refused).
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "Máy này không có kho mật khẩu của hệ điều hành (hoặc kho đang khóa), nên Bản Tin không lưu được mật khẩu thư viện chung và sẽ hỏi lại mỗi lần mở.\nChi tiết kỹ thuật: {0}"
)]
pub struct KeyringUnavailable(pub String);

fn entry(address: &str) -> Result<keyring::Entry, KeyringUnavailable> {
    keyring::Entry::new(SERVICE, address).map_err(|e| KeyringUnavailable(e.to_string()))
}

/// The password kept for `address`, if any.
pub fn saved(address: &str) -> Result<Option<String>, KeyringUnavailable> {
    match entry(address)?.get_password() {
        Ok(pw) => Ok(Some(pw)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(KeyringUnavailable(e.to_string())),
    }
}

/// Keeps `password` for `address`, replacing what was there.
pub fn save(address: &str, password: &str) -> Result<(), KeyringUnavailable> {
    entry(address)?
        .set_password(password)
        .map_err(|e| KeyringUnavailable(e.to_string()))
}

/// Forgets the password kept for `address` (nothing kept is fine).
pub fn forget(address: &str) -> Result<(), KeyringUnavailable> {
    match entry(address)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(KeyringUnavailable(e.to_string())),
    }
}
