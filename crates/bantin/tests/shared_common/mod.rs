//! Helpers for the shared-library tests (issue 14): a fresh database on the
//! throw-away PostgreSQL cluster that `scripts/test.sh` starts
//! (`scripts/pg.sh`), prepared by `bantin server init`, and accounts in it.
//! Without `BANTIN_TEST_PG` these tests fail and say how to run them: a
//! skipped security test would look like a passing one.
#![allow(dead_code, unused_macros, unused_imports)]

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use bantin::store::Library;
use bantin::store::pg::server::{self, Role};
use postgres::config::Host;

/// The test cluster's superuser address, from `BANTIN_TEST_PG`.
pub fn cluster() -> String {
    match std::env::var("BANTIN_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "BANTIN_TEST_PG is not set: the shared-library tests need the throw-away PostgreSQL \
             that scripts/test.sh starts. Run them through scripts/test.sh, or start one with \
             `export BANTIN_TEST_PG=$(bash scripts/pg.sh start)` (and `scripts/pg.sh stop` after)."
        ),
    }
}

/// A fresh, prepared database for one test, and the way to make accounts in it.
pub struct Db {
    pub name: String,
    host: String,
    port: u16,
    admin_user: String,
    admin_password: String,
}

impl Db {
    /// Creates database `bt_<test>_<pid>_<n>` and runs `server init` on it.
    pub fn new(test: &str) -> Db {
        Db::on(&cluster(), test)
    }

    /// Like `new`, on the cluster whose superuser address is `url`.
    pub fn on(url: &str, test: &str) -> Db {
        static N: AtomicU32 = AtomicU32::new(0);
        let config = postgres::Config::from_str(url).expect("BANTIN_TEST_PG is an address");
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            _ => "localhost".into(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let name = format!(
            "bt_{}_{}_{}",
            test.chars().take(30).collect::<String>(),
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = config
            .connect(postgres::NoTls)
            .expect("connect to the test cluster");
        // One statement each: PostgreSQL runs several in one transaction,
        // where CREATE DATABASE is not allowed.
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .and_then(|_| admin.batch_execute(&format!("CREATE DATABASE {name}")))
            .expect("create the test database");
        let db = Db {
            name,
            host,
            port,
            admin_user: config.get_user().unwrap_or("postgres").to_string(),
            admin_password: config
                .get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .unwrap_or_default(),
        };
        server::init(&db.admin_url()).expect("server init");
        db
    }

    /// The database owner's address (with its password).
    pub fn admin_url(&self) -> String {
        self.url(&self.admin_user, &self.admin_password)
    }

    /// The owner's address without the password, and the password (for
    /// the CLI: `--library` and `PGPASSWORD`).
    pub fn admin_address(&self) -> (String, String) {
        (
            self.url(&self.admin_user, "").replacen(":@", "@", 1),
            self.admin_password.clone(),
        )
    }

    pub fn url(&self, user: &str, password: &str) -> String {
        format!(
            "postgresql://{user}:{password}@{}:{}/{}",
            self.host, self.port, self.name
        )
    }

    /// Adds unit `code` under `parent`.
    pub fn unit(&self, code: &str, parent: Option<&str>) {
        server::add_unit(&self.admin_url(), code, "", parent).expect("add unit");
    }

    /// Creates an account (a login role unique on the cluster) and returns
    /// its address with its password.
    pub fn user(&self, who: &str, role: Role, unit: &str) -> User {
        let login = format!("{}_{who}", self.name);
        let password = format!("mk-{who}-{}", std::process::id());
        server::add_user(&self.admin_url(), &login, role, unit, &password).expect("add user");
        User {
            url: self.url(&login, &password),
            login,
            password,
        }
    }

    /// A raw connection as the database owner (a superuser).
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.admin_url(), postgres::NoTls).expect("connect as admin")
    }
}

pub struct User {
    pub url: String,
    pub login: String,
    pub password: String,
}

impl User {
    pub fn open(&self) -> Library {
        Library::open(std::path::Path::new(&self.url), chrono::Utc::now())
            .expect("open the shared library")
    }

    /// A raw connection as this account: what it can do with any SQL.
    pub fn raw(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connect as the user")
    }

    /// The address without the password (it goes in PGPASSWORD).
    pub fn address(&self) -> String {
        self.url.replacen(&format!(":{}@", self.password), "@", 1)
    }
}

/// A library and what keeps it alive.
pub struct Lib {
    pub lib: Library,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh library file on this PC.
pub fn local_lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("thu-vien.bantin"), chrono::Utc::now()).unwrap();
    Lib {
        lib,
        _dir: Some(dir),
    }
}

/// A fresh shared library, opened as an editor of unit `xa-a`.
pub fn shared_lib(test: &str) -> Lib {
    let db = Db::new(test);
    db.unit("xa-a", None);
    let lib = db.user("bt", Role::Editor, "xa-a").open();
    assert!(lib.is_shared());
    Lib { lib, _dir: None }
}

/// Each test runs once per backend: `on_both!(a_test, another)`, each a
/// `fn(&Library)` in the test file.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn local() {
                super::$name(&crate::shared_common::local_lib().lib);
            }
            #[test]
            fn shared() {
                super::$name(&crate::shared_common::shared_lib(stringify!($name)).lib);
            }
        }
    )*};
}
pub(crate) use on_both;
