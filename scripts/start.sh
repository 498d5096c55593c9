#!/usr/bin/env bash
# Installs what Bản Tin needs on Debian 12, builds it and opens the desktop
# app on the user's library (created with the sample articles the first
# time). Without a display it prints the library instead.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}"
need_cargo
need_node
cd "$ROOT"
build_ui
say "Biên dịch Bản Tin (lần đầu mất vài phút)"
cargo build --release --locked -p bantin -p bantin-app
BIN="$ROOT/target/release"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  say "Mở Bản Tin"
  exec "$BIN/bantin-app"
fi
say "Không có màn hình (DISPLAY); in thư viện bằng lệnh bantin thay cho cửa sổ."
"$BIN/bantin" sample --if-empty
"$BIN/bantin" list
"$BIN/bantin" search "van hoa cong so"
