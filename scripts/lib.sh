# Shared by start.sh and test.sh: install Debian packages that are missing,
# as root or through sudo, and say clearly what is wrong when we cannot.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "Cần quyền root để cài gói: $*"; exit 1
  fi
}

# apt_install PKG… : installs only what is missing, so a second run is quick.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Cài gói Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

need_cargo() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || { say "Chưa có Rust (cargo). Hãy cài Rust theo https://rustup.rs rồi chạy lại."; exit 1; }
  export PATH="$HOME/.cargo/bin:$PATH"
}

need_node() {
  # Machines that already have Node (from Debian or NodeSource) keep it.
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# What building Bản Tin needs: a C compiler for the bundled SQLite, WebKitGTK
# and friends for the Tauri window, Node for the UI, and the Times-metric
# fonts with full Vietnamese coverage for PDFs.
BUILD_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev fonts-liberation2)

# Builds the UI into ui/dist (the app embeds it).
build_ui() {
  say "Dựng giao diện (ui/)"
  npm --prefix "$ROOT/ui" ci --no-audit --no-fund --loglevel=error
  npm --prefix "$ROOT/ui" run build --silent
}
