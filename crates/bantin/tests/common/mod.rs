//! Shared helpers for the CLI integration tests: a temporary library, the real
//! `bantin` binary, and fixture files written on the fly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
    pub library: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let library = dir.path().join("thu-vien.bantin");
        Env { dir, library }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_bantin"));
        c.env("BANTIN_LIBRARY", &self.library);
        c
    }

    pub fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        let out = self.cmd().args(args).output().expect("run bantin");
        Run::from(out)
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code,
            0,
            "bantin {:?} failed:\n{}",
            args.iter()
                .map(|a| a.as_ref().to_owned())
                .collect::<Vec<_>>(),
            r.stderr
        );
        r.stdout
    }

    pub fn import(&self, files: &[&Path]) -> Vec<(i64, String)> {
        let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
        args.extend(files.iter().map(|f| f.as_os_str()));
        self.ok(&args)
            .lines()
            .map(|l| {
                let (id, title) = l.split_once('\t').expect("id<TAB>title");
                (id.parse().unwrap(), title.to_string())
            })
            .collect()
    }

    pub fn json<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.library).unwrap()
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// An article about office culture whose body says "văn hóa công sở … đảng viên".
pub const OFFICE_CULTURE: &str = "---
title: Hội nghị sơ kết phong trào thi đua
author: Ban Dân vận
kind: tin-bai
---

Chi bộ đã triển khai nhiều giải pháp xây dựng văn hóa công sở, trong đó mỗi đảng viên phải gương mẫu đi đầu.
";

pub fn sha256_file(p: &Path) -> String {
    use sha2::Digest;
    let bytes = std::fs::read(p).unwrap();
    format!("{:x}", sha2::Sha256::digest(&bytes))
}
