#!/usr/bin/env bash
# Installs what Bản Tin needs on Debian 12, builds it and starts it on the
# user's library, which gets the sample articles when it is empty.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}"
need_cargo
cd "$ROOT"
say "Biên dịch Bản Tin (lần đầu mất vài phút)"
cargo build --release --locked -p bantin
BIN="$ROOT/target/release/bantin"
"$BIN" sample --if-empty
say "Thư viện của bạn:"
"$BIN" list
say "Thử tìm kiếm không dấu: bantin search \"van hoa cong so\""
"$BIN" search "van hoa cong so"
