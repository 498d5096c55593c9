#!/usr/bin/env bash
# Checks on Debian that Bản Tin compiles for Windows (most editors' office PCs
# run it): the core, the `bantin` command and the desktop app, with their
# tests, type-checked for x86_64-pc-windows-gnu. `cargo check`, not a build:
# nothing is linked and nothing runs, but every `#[cfg(windows)]` branch is
# compiled and the C in build scripts (the bundled SQLite) is compiled with
# MinGW. Not part of scripts/test.sh: the first run compiles every
# dependency again for Windows (~15 minutes on 2 cores); a second is seconds.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
need_cargo
need_node
cd "$ROOT"
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  say "Thêm đích biên dịch Rust x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi
# The app embeds ui/dist; the check needs it to exist.
[ -f ui/dist/index.html ] || build_ui

say "Kiểm tra biên dịch cho Windows (cargo check --target x86_64-pc-windows-gnu)"
cargo check --locked --target x86_64-pc-windows-gnu -p bantin -p bantin-app --all-targets
say "Biên dịch được cho Windows."
