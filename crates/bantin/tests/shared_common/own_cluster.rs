//! A PostgreSQL cluster of one test's own (`scripts/pg.sh` in a folder and
//! on a port named by the test's process), for tests that stop the server
//! (`halt`) and start it again (`resume`) while the others' tests keep
//! theirs running. Stopped and removed when dropped. Included with
//! `#[path]` by the tests that need it, with the `bantin` command they run
//! beside the test as a second program.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::shared_common::User;

pub struct OwnCluster {
    pub dir: PathBuf,
    /// The superuser's address.
    pub url: String,
}

/// Runs `scripts/pg.sh ACTION` on the cluster in `dir`; gives back what it printed.
pub fn pg_sh(dir: &Path, action: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(action)
        .env("BANTIN_PG_DIR", dir)
        .env(
            "BANTIN_PG_PORT",
            (56100 + std::process::id() % 500).to_string(),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pg.sh {action}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl OwnCluster {
    pub fn start() -> OwnCluster {
        let dir = std::env::temp_dir().join(format!("bantin-pg-halt-{}", std::process::id()));
        let url = pg_sh(&dir, "start");
        OwnCluster { dir, url }
    }

    /// Stops the server, keeping its data.
    pub fn halt(&self) {
        pg_sh(&self.dir, "halt");
    }

    /// Starts it again, same port and settings.
    pub fn resume(&self) {
        pg_sh(&self.dir, "resume");
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        pg_sh(&self.dir, "stop");
    }
}

/// The `bantin` command as `u`, on the shared library, with its offline
/// queue in `queue`: the tests' second program on the same server.
pub fn bantin(u: &User, queue: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bantin"));
    c.env("BANTIN_LIBRARY", u.address())
        .env("PGPASSWORD", &u.password)
        .env("BANTIN_QUEUE", queue);
    c
}

/// What a `bantin` run printed, once it succeeded.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "bantin failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
