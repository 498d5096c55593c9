//! The shared library: the same articles, revisions and images on a
//! PostgreSQL server, for an office or a district (DESIGN §9, issue 14).
//!
//! Why it is built this way:
//! - the database does the access control: roles (`bantin_bien_tap`,
//!   `bantin_duyet`, `bantin_quan_tri`), row-level security by unit and a
//!   trigger that lets only reviewers approve. This code never decides who may
//!   see or change what; a refusal comes back as `StoreError::SharedDenied`;
//! - every write is one transaction; revisions are append-only (triggers)
//!   and carry a uuid made here, so a revision sent twice is stored once;
//! - search runs on the same folded words as the local library
//!   (`text::search_terms`), so both find the same articles;
//! - SQL only ever gets values through parameters.
//!
//! The synchronous `postgres` client (rust-postgres) runs its own small
//! runtime; `Library` methods take `&self`, so the client sits in a `RefCell`
//! (a `Library` is used by one thread at a time, like a SQLite connection).

mod articles;
mod bulletins;
pub mod schema;
mod search;
pub mod server;
mod settings;
mod trash;

use std::cell::RefCell;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

use super::{Result, StoreError};

/// How long we wait for the server before telling the editor it is not there.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An open connection to a shared library.
pub struct Shared {
    client: RefCell<Client>,
    address: String,
}

/// `path` as a shared library's address, when it is one.
pub fn shared_address(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// Connects to the server named by `url` (`postgresql://USER@HOST[:PORT]/DB`).
/// The password comes from the address or from `PGPASSWORD`. Returns the
/// client and the address to show (never with the password).
pub(crate) fn connect(url: &str) -> Result<(Client, String)> {
    let mut config = Config::from_str(url).map_err(|e| StoreError::SharedConnect {
        address: without_password(url),
        detail: e.to_string(),
    })?;
    let address = shown_address(&config);
    if config.get_password().is_none()
        && let Ok(pw) = std::env::var("PGPASSWORD")
    {
        config.password(pw);
    }
    // Until the connection is encrypted (TLS), a password goes over the
    // wire only to this machine.
    for host in config.get_hosts() {
        if let Host::Tcp(name) = host
            && !matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1")
        {
            return Err(StoreError::SharedNeedsTls { host: name.clone() });
        }
    }
    config.connect_timeout(CONNECT_TIMEOUT);
    config.application_name("bantin");
    let client = config
        .connect(NoTls)
        .map_err(|e| StoreError::SharedConnect {
            address: address.clone(),
            detail: detail(&e),
        })?;
    Ok((client, address))
}

impl Shared {
    /// Opens the shared library at `url`; it must have been prepared by
    /// `bantin server init` for this version of Bản Tin.
    pub fn open(url: &str) -> Result<Shared> {
        let (mut client, address) = connect(url)?;
        match schema::version(&mut client)? {
            None => return Err(StoreError::SharedNotReady { address }),
            Some(v) if v > schema::LATEST => {
                return Err(StoreError::NewerVersion {
                    path: address.into(),
                    found: v,
                    supported: schema::LATEST,
                });
            }
            Some(v) if v < schema::LATEST => return Err(StoreError::SharedNotReady { address }),
            Some(_) => {}
        }
        Ok(Shared {
            client: RefCell::new(client),
            address,
        })
    }

    /// `postgresql://USER@HOST:PORT/DB`, without the password.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Runs `f` in one transaction: all of it is written, or none.
    fn write<T>(&self, f: impl FnOnce(&mut postgres::Transaction) -> Result<T>) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(err)?;
        let value = f(&mut tx)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }

    fn read<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        f(&mut self.client.borrow_mut())
    }
}

/// Sorts a server error into the situation the editor is in.
pub(crate) fn err(e: postgres::Error) -> StoreError {
    match e.code() {
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => StoreError::SharedDenied(detail(&e)),
        // An account outside every unit: its rows would belong to nobody.
        Some(c)
            if *c == SqlState::NOT_NULL_VIOLATION
                && e.as_db_error().and_then(|d| d.column()) == Some("unit") =>
        {
            StoreError::SharedDenied(detail(&e))
        }
        Some(c)
            if *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW =>
        {
            StoreError::SharedLost(detail(&e))
        }
        _ if e.is_closed()
            || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) =>
        {
            StoreError::SharedLost(detail(&e))
        }
        _ => StoreError::Postgres(detail(&e)),
    }
}

/// The server's own message when there is one (it is the useful part).
fn detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    }
}

fn shown_address(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "postgresql://{}@{host}:{port}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

/// `url` with anything between `:` and `@` in its user part dropped.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_never_show_the_password() {
        assert_eq!(
            without_password("postgresql://lan:bí-mật@may-chu/bantin"),
            "postgresql://lan@may-chu/bantin"
        );
        let c = Config::from_str("postgresql://lan:secret@localhost:5433/bantin").unwrap();
        assert_eq!(shown_address(&c), "postgresql://lan@localhost:5433/bantin");
    }

    #[test]
    fn a_remote_server_is_refused_until_tls() {
        let e = connect("postgresql://lan:x@192.0.2.1/bantin").err();
        assert!(
            matches!(e, Some(StoreError::SharedNeedsTls { .. })),
            "{e:?}"
        );
    }
}
