//! Who connects to which shared library: the server, its database, the
//! account, the password (or none: then `PGPASSWORD`, the OS keyring, or the
//! editor is asked) and the office's own CA certificate.
//!
//! The app builds a `Login` from what the editor types or from a
//! `.bantin-ket-noi` file (`ket_noi.rs`); the CLI from its
//! `postgresql://…` address. The connection is made from these fields, never
//! from a string glued together, so nothing in a field can add an option
//! to the connection (turn TLS off, say).

use std::str::FromStr;

use postgres::Config;
use postgres::config::Host;

use crate::store::{Result, StoreError};

/// The port PostgreSQL listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 5432;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Login {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    /// `None`: not known yet (asked for, or found in the keyring).
    pub password: Option<String>,
    /// The office's CA certificate (PEM): trusted for this connection only,
    /// besides the PC's own trusted roots.
    pub root_cert: Option<String>,
}

/// Never prints the password.
impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("address", &self.address())
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("root_cert", &self.root_cert.is_some())
            .finish()
    }
}

impl Login {
    /// `postgresql://USER@HOST:PORT/DB`: how the library is shown, and the
    /// name its password is kept under in the keyring.
    pub fn address(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "postgresql://{}@{host}:{}/{}",
            self.user, self.port, self.database
        )
    }

    /// The fields of a `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` address.
    pub fn from_url(url: &str) -> Result<Login> {
        let bad = |detail: String| StoreError::SharedConnect {
            address: super::without_password(url),
            detail,
        };
        let config = Config::from_str(url).map_err(|e| bad(e.to_string()))?;
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            None => "localhost".into(),
            #[cfg(unix)]
            Some(Host::Unix(_)) => return Err(bad("unix socket".into())),
        };
        Ok(Login {
            host,
            port: config.get_ports().first().copied().unwrap_or(DEFAULT_PORT),
            database: config.get_dbname().unwrap_or_default().to_string(),
            user: config.get_user().unwrap_or_default().to_string(),
            password: config
                .get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned()),
            root_cert: None,
        })
    }

    pub(super) fn config(&self) -> Config {
        let mut config = Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .dbname(&self.database)
            .user(&self.user);
        if let Some(pw) = &self.password {
            config.password(pw);
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_reads_back_into_the_same_fields() {
        let l = Login::from_url("postgresql://lan:bí-mật@may-chu.xa.vn:5433/bantin").unwrap();
        assert_eq!(l.address(), "postgresql://lan@may-chu.xa.vn:5433/bantin");
        assert_eq!(l.password.as_deref(), Some("bí-mật"));
        assert!(!format!("{l:?}").contains("bí-mật"));
        let l = Login::from_url("postgresql://lan@may-chu/bantin").unwrap();
        assert_eq!(l.port, DEFAULT_PORT);
        assert_eq!(l.password, None);
    }
}
