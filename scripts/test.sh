#!/usr/bin/env bash
# Installs what the tests need on Debian 12 and runs every test:
#  1. the core and the CLI (real SQLite files, real PDFs checked with poppler,
#     and a throw-away PostgreSQL cluster for the shared library: scripts/pg.sh),
#  2. the UI's TypeScript logic (Vitest),
#  3. the real desktop app in WebKit under Xvfb (tauri-driver + WebKitWebDriver).
# The last line adds them up.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}" poppler-utils xvfb xauth webkit2gtk-driver unzip pandoc libreoffice-writer-nogui postgresql openssl xdotool imagemagick
need_cargo
need_node
cd "$ROOT"
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "Cài tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
build_ui

logs="$(mktemp -d)"
status=0

say "Khởi động PostgreSQL thử nghiệm (thư viện chung)"
trap 'bash "$ROOT/scripts/pg.sh" stop' EXIT
BANTIN_TEST_PG="$(bash "$ROOT/scripts/pg.sh" start)"
BANTIN_TEST_PG_CA="$(bash "$ROOT/scripts/pg.sh" ca)"
export BANTIN_TEST_PG BANTIN_TEST_PG_CA

say "1/3 Lõi và dòng lệnh (cargo nextest)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --workspace --no-fail-fast 2>&1 | tee "$logs/rust.log" || status=1
else
  cargo test --locked --workspace --no-fail-fast 2>&1 | tee "$logs/rust.log" || status=1
fi

say "2/3 Giao diện (Vitest)"
NO_COLOR=1 npm --prefix ui run test --silent -- --reporter=default 2>&1 | tee "$logs/ui.log" || status=1

say "3/3 Ứng dụng thật trong WebKit (E2E)"
cargo build --locked -p bantin-app
npm --prefix tests/e2e ci --no-audit --no-fund --loglevel=error
xvfb-run -a --server-args="-screen 0 1366x768x24" npm --prefix tests/e2e test --silent 2>&1 | tee "$logs/e2e.log" || status=1

# Add up what each runner reported, one closing line per runner.
read -r passed failed < <(bash "$ROOT/scripts/count-tests.sh" "$logs/rust.log" "$logs/ui.log" "$logs/e2e.log")
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "total: $passed passed, $failed failed"
exit "$status"
