#!/usr/bin/env bash
# Installs what the tests need on Debian 12 and runs every test: unit and
# integration tests of the core and the CLI (real SQLite files, real PDFs
# checked with poppler).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}" poppler-utils
need_cargo
cd "$ROOT"
say "Chạy toàn bộ kiểm thử"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --workspace --no-fail-fast
else
  cargo test --locked --workspace --no-fail-fast
fi
