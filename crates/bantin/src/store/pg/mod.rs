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
//! - SQL only ever gets values through parameters;
//! - a server on another machine is reached only over TLS, with its
//!   certificate checked (`postgres-native-tls`: the OS's own TLS, so the
//!   office's trusted certificates are the PC's, and no second TLS stack).
//!
//! The synchronous `postgres` client (rust-postgres) runs its own small
//! runtime; `Library` methods take `&self`, so the client sits in a `RefCell`
//! (a `Library` is used by one thread at a time, like a SQLite connection).

mod articles;
mod bulletins;
mod crossed;
mod export_choices;
pub mod ket_noi;
pub mod keyring;
mod listing;
mod login;
pub mod presence;
mod push;
pub mod schema;
mod search;
pub mod server;
mod settings;
mod templates;
mod trash;

use std::cell::RefCell;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

use super::{Result, StoreError};
pub use ket_noi::{KetNoi, KetNoiError};
pub use login::{DEFAULT_PORT, Login};
pub use push::Pushed;

/// How long we wait for the server before telling the editor it is not there.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a server on another machine is given to take a connection
/// before one is made again, or a save is sent: a server on the office's
/// network takes one in milliseconds, and one that does not answer at all
/// (a cut network drops every packet) holds the editor this long, not the
/// connect timeout.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// The error for a server that took no connection within `ANSWER_WITHIN`.
pub(crate) fn silent(address: &str) -> StoreError {
    StoreError::SharedConnect {
        address: address.to_string(),
        detail: format!(
            "máy chủ không nhận kết nối (đã chờ tối đa {} giây)",
            ANSWER_WITHIN.as_secs()
        ),
    }
}

/// How long sent data may go unacknowledged before the connection counts as
/// cut (a pulled cable, a server switched off: nothing answers, not even a
/// refusal). Without it a save waits for the OS's own limit, ~15 minutes on
/// Linux. Where the OS has no such setting (Windows, macOS) its own shorter
/// retransmission limit applies.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// An idle connection is probed after this long, then every
/// `PROBE_INTERVAL`, and counts as cut after `PROBES` unanswered probes, so
/// a connection the network lost is found before the next save needs it.
const IDLE_BEFORE_PROBE: Duration = Duration::from_secs(30);
const PROBE_INTERVAL: Duration = Duration::from_secs(5);
const PROBES: u32 = 3;

/// An open connection to a shared library.
pub struct Shared {
    client: RefCell<Client>,
    address: String,
    /// Connects again, the same way, once the server went away (restarted,
    /// the network cut): the next operation tries, and says the server is
    /// unreachable if it still is, so a library stays usable after the
    /// server comes back without opening it again.
    reconnect: Box<dyn Fn() -> Result<Client> + Send>,
    /// The server's host and port when it is on another machine.
    endpoint: Option<Endpoint>,
}

/// Where a shared library's server on another machine listens.
#[derive(Clone, Debug)]
pub struct Endpoint {
    host: String,
    port: u16,
}

impl Endpoint {
    fn of(config: &Config) -> Option<Endpoint> {
        Some(Endpoint {
            host: remote_host(config)?,
            port: config.get_ports().first().copied().unwrap_or(DEFAULT_PORT),
        })
    }

    /// Whether anything there accepts a connection within the connect
    /// timeout: asked before a retry takes the library, so that a server
    /// that does not answer at all holds up only the retry, not the editor.
    pub fn answers(&self) -> bool {
        self.answers_within(CONNECT_TIMEOUT)
    }

    /// Whether anything there accepts a connection within `wait`.
    pub fn answers_within(&self, wait: Duration) -> bool {
        use std::net::{TcpStream, ToSocketAddrs};
        let Ok(addrs) = (self.host.as_str(), self.port).to_socket_addrs() else {
            return false;
        };
        addrs
            .into_iter()
            .any(|a| TcpStream::connect_timeout(&a, wait).is_ok())
    }
}

/// `path` as a shared library's address, when it is one.
pub fn shared_address(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// Connects to the server named by `url` (`postgresql://USER@HOST[:PORT]/DB`).
/// The password comes from the address, from `PGPASSWORD`, or from the OS
/// keyring where the app keeps it (`keyring.rs`); an office's own
/// certificate from the file `PGSSLROOTCERT` names. Returns the client and
/// the address to show (never with the password).
pub(crate) fn connect(url: &str) -> Result<(Client, String)> {
    let mut config = Config::from_str(url).map_err(|e| StoreError::SharedConnect {
        address: without_password(url),
        detail: e.to_string(),
    })?;
    let address = shown_address(&config);
    if config.get_password().is_none() {
        let saved = std::env::var("PGPASSWORD")
            .ok()
            .or_else(|| keyring::saved(&address).ok().flatten());
        if let Some(pw) = saved {
            config.password(pw);
        }
    }
    connect_with(config, address, |host| {
        let Some(path) = std::env::var_os("PGSSLROOTCERT").filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        crate::userfile::read(Path::new(&path), MAX_CERTIFICATE)
            .map(Some)
            .map_err(|e| StoreError::SharedTls {
                host: host.to_string(),
                detail: e.to_string(),
            })
    })
}

/// Connects as `login` says: its password (none: the server will refuse if
/// it wants one) and its certificate, nothing from the environment.
pub fn connect_login(login: &Login) -> Result<(Client, String)> {
    let pem = login.root_cert.clone().map(String::into_bytes);
    connect_with(login.config(), login.address(), move |_| Ok(pem))
}

fn connect_with(
    mut config: Config,
    address: String,
    root_cert: impl FnOnce(&str) -> Result<Option<Vec<u8>>>,
) -> Result<(Client, String)> {
    config.connect_timeout(CONNECT_TIMEOUT);
    config.tcp_user_timeout(SEND_TIMEOUT);
    config.keepalives(true);
    config.keepalives_idle(IDLE_BEFORE_PROBE);
    config.keepalives_interval(PROBE_INTERVAL);
    config.keepalives_retries(PROBES);
    config.application_name("bantin");
    let connected = match remote_host(&config) {
        // This machine: nothing crosses a network.
        None => {
            config.ssl_mode(SslMode::Disable);
            config.connect(NoTls)
        }
        // Another machine: encrypted, and only to a server whose certificate
        // the OS trusts or the office's own certificate vouches for.
        Some(host) => {
            config.ssl_mode(SslMode::Require);
            let pem = root_cert(&host)?;
            config.connect(tls(&host, pem.as_deref())?)
        }
    };
    let client = connected.map_err(|e| {
        let tls_failed = std::iter::successors(std::error::Error::source(&e), |s| s.source())
            .any(|s| s.is::<native_tls::Error>());
        match remote_host(&config) {
            Some(host) if tls_failed => StoreError::SharedTls {
                host,
                detail: detail(&e),
            },
            _ if e.code() == Some(&SqlState::INVALID_PASSWORD) => StoreError::SharedLogin {
                address: address.clone(),
                detail: detail(&e),
            },
            _ => StoreError::SharedConnect {
                address: address.clone(),
                detail: detail(&e),
            },
        }
    })?;
    Ok((client, address))
}

/// The first host that is not this machine, if any.
fn remote_host(config: &Config) -> Option<String> {
    config.get_hosts().iter().find_map(|h| match h {
        Host::Tcp(name) if !matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1") => {
            Some(name.clone())
        }
        _ => None,
    })
}

/// Certificates are at most a few kilobytes; a bigger file is not one.
const MAX_CERTIFICATE: u64 = 1 << 20;

/// The TLS connector: the OS's trusted roots, plus the office's own
/// certificate (`pem`) when there is one.
fn tls(host: &str, pem: Option<&[u8]>) -> Result<postgres_native_tls::MakeTlsConnector> {
    let fail = |detail: String| StoreError::SharedTls {
        host: host.to_string(),
        detail,
    };
    let mut builder = native_tls::TlsConnector::builder();
    if let Some(pem) = pem {
        let cert = native_tls::Certificate::from_pem(pem).map_err(|e| fail(e.to_string()))?;
        builder.add_root_certificate(cert);
    }
    let connector = builder.build().map_err(|e| fail(e.to_string()))?;
    Ok(postgres_native_tls::MakeTlsConnector::new(connector))
}

impl Shared {
    /// Opens the shared library at `url`; it must have been prepared by
    /// `bantin server init` for this version of Bản Tin.
    pub fn open(url: &str) -> Result<Shared> {
        let url = url.to_string();
        let first = connect(&url)?;
        let endpoint = Config::from_str(&url).ok().as_ref().and_then(Endpoint::of);
        Shared::ready(
            first,
            Box::new(move || connect(&url).map(|(c, _)| c)),
            endpoint,
        )
    }

    /// Opens the shared library `login` names.
    pub fn open_login(login: &Login) -> Result<Shared> {
        let login = login.clone();
        let first = connect_login(&login)?;
        let endpoint = Endpoint::of(&login.config());
        Shared::ready(
            first,
            Box::new(move || connect_login(&login).map(|(c, _)| c)),
            endpoint,
        )
    }

    fn ready(
        (mut client, address): (Client, String),
        reconnect: Box<dyn Fn() -> Result<Client> + Send>,
        endpoint: Option<Endpoint>,
    ) -> Result<Shared> {
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
            reconnect,
            endpoint,
        })
    }

    /// The server's host and port when it is on another machine.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.endpoint.as_ref()
    }

    /// `postgresql://USER@HOST:PORT/DB`, without the password.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Runs `f` in one transaction: all of it is written, or none.
    fn write<T>(&self, f: impl FnOnce(&mut postgres::Transaction) -> Result<T>) -> Result<T> {
        let mut client = self.client()?;
        let mut tx = client.transaction().map_err(err)?;
        let value = f(&mut tx)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }

    fn read<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        f(&mut *self.client()?)
    }

    /// The connection, made again first when the server dropped the last
    /// one; a server elsewhere is first asked whether it takes a connection
    /// at all, so that while it does not, each operation is told so within
    /// `ANSWER_WITHIN` instead of the connect timeout.
    fn client(&self) -> Result<std::cell::RefMut<'_, Client>> {
        let mut client = self.client.borrow_mut();
        if client.is_closed() {
            if let Some(e) = &self.endpoint
                && !e.answers_within(ANSWER_WITHIN)
            {
                return Err(silent(&self.address));
            }
            *client = (self.reconnect)()?;
        }
        Ok(client)
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

/// The one name of the shared library at `address`, whatever form a door
/// has it in (typed with or without its port or password, or as the
/// library shows itself): the address as shown. The offline queue on this
/// PC is named by it, so the app and `bantin save` share one queue per
/// library.
pub fn canonical_address(address: &str) -> String {
    match Config::from_str(address) {
        Ok(config) if !config.get_hosts().is_empty() => shown_address(&config),
        _ => without_password(address),
    }
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
    fn every_form_of_one_address_names_one_library() {
        let shown = "postgresql://lan@may-chu:5432/bantin";
        for typed in [
            "postgresql://lan:bí-mật@may-chu/bantin",
            "postgresql://lan@may-chu/bantin",
            "postgres://lan@may-chu:5432/bantin?sslmode=require",
            shown,
        ] {
            assert_eq!(canonical_address(typed), shown, "{typed}");
        }
        assert_eq!(
            canonical_address("postgresql://lan@may-chu:5433/bantin"),
            "postgresql://lan@may-chu:5433/bantin",
            "another port is another server"
        );
        // A server on this machine through its socket: the address as shown
        // (which does not parse back) stays itself, and the typed one comes to it.
        #[cfg(unix)]
        {
            let shown = canonical_address("postgresql://lan@%2Ftmp%2Fpg:5440/bantin");
            assert_eq!(shown, "postgresql://lan@/tmp/pg:5440/bantin");
            assert_eq!(canonical_address(&shown), shown);
            assert_eq!(
                canonical_address("postgresql://lan@/bantin?host=/tmp/pg&port=5440"),
                shown
            );
        }
    }

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
    fn only_another_machine_needs_tls() {
        let remote = |url: &str| remote_host(&Config::from_str(url).unwrap());
        assert_eq!(remote("postgresql://lan@localhost/bantin"), None);
        assert_eq!(remote("postgresql://lan@127.0.0.1:5433/bantin"), None);
        assert_eq!(remote("postgresql://lan@[::1]/bantin"), None);
        assert_eq!(
            remote("postgresql://lan@may-chu.xa.vn/bantin").as_deref(),
            Some("may-chu.xa.vn")
        );
    }

    #[test]
    fn a_server_elsewhere_is_asked_whether_it_answers_before_a_retry() {
        let endpoint = |url: &str| Endpoint::of(&Config::from_str(url).unwrap());
        assert!(endpoint("postgresql://lan@localhost/bantin").is_none());
        assert!(endpoint("postgresql://lan@127.0.0.1:5433/bantin").is_none());
        let far = endpoint("postgresql://lan@may-chu.xa.vn:6543/bantin").unwrap();
        assert_eq!((far.host.as_str(), far.port), ("may-chu.xa.vn", 6543));
        // Something listening answers; once it is gone, nothing does.
        let listener = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
        let here = Endpoint {
            host: "127.0.0.2".into(),
            port: listener.local_addr().unwrap().port(),
        };
        assert!(here.answers());
        drop(listener);
        assert!(!here.answers());
    }

    #[test]
    fn a_server_that_takes_no_connection_is_given_up_on_when_asked() {
        use socket2::{Domain, Socket, Type};
        use std::net::{SocketAddr, TcpStream};
        // A listener whose queue of connections is full: the system drops
        // what else comes, as a cut network does; nothing refuses.
        let s = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        s.bind(&"127.0.0.2:0".parse::<SocketAddr>().unwrap().into())
            .unwrap();
        s.listen(0).unwrap();
        let addr = s.local_addr().unwrap().as_socket().unwrap();
        let held: Vec<TcpStream> = (0..4)
            .filter_map(|_| TcpStream::connect_timeout(&addr, Duration::from_millis(300)).ok())
            .collect();
        assert!(!held.is_empty());
        let here = Endpoint {
            host: "127.0.0.2".into(),
            port: addr.port(),
        };
        let asked = std::time::Instant::now();
        assert!(!here.answers_within(Duration::from_millis(500)));
        let waited = asked.elapsed();
        assert!(
            waited >= Duration::from_millis(400) && waited < Duration::from_secs(3),
            "{waited:?}"
        );
    }
}
