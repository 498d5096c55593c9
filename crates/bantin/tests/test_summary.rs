//! `scripts/test.sh` closes with one line adding up every runner's tests.
//! The counting lives in `scripts/count-tests.sh`; here it is run over real
//! captured outputs of the three runners (cargo-nextest, Vitest with its
//! colour codes, node's test runner), green and with one failure each, so
//! a test is counted once and a failure is never lost.

use std::path::{Path, PathBuf};
use std::process::Command;

fn logs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runner_logs")
}

/// (passed, failed) as the script counts them.
fn count(rust: &str, ui: &str, e2e: &str) -> (u32, u32) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/count-tests.sh");
    let out = Command::new("bash")
        .arg(script)
        .args([rust, ui, e2e].map(|f| logs().join(f)))
        .output()
        .expect("bash runs the counting script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut n = text.split_whitespace().map(|n| n.parse::<u32>().unwrap());
    (n.next().unwrap(), n.next().unwrap())
}

#[test]
fn a_green_run_counts_each_runner_once() {
    // 3 Rust (nextest), 2 Vitest (coloured), 2 E2E.
    assert_eq!(
        count("rust-green.log", "vitest-green.log", "e2e-green.log"),
        (7, 0)
    );
}

#[test]
fn one_rust_failure_counts_once_not_also_from_libtest() {
    // The failing test's own output carries libtest's "test result:" line.
    assert_eq!(
        count("rust-fail.log", "vitest-green.log", "e2e-green.log"),
        (6, 1)
    );
}

#[test]
fn one_vitest_failure_is_counted() {
    assert_eq!(
        count("rust-green.log", "vitest-fail.log", "e2e-green.log"),
        (6, 1)
    );
}

#[test]
fn one_e2e_failure_is_counted() {
    assert_eq!(
        count("rust-green.log", "vitest-green.log", "e2e-fail.log"),
        (6, 1)
    );
}

#[test]
fn a_runner_that_printed_nothing_adds_nothing() {
    assert_eq!(
        count("rust-green.log", "missing.log", "missing.log"),
        (3, 0)
    );
}
