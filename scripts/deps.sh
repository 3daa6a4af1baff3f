#!/usr/bin/env bash
# Installs what Factdesk needs to build, run and test, skipping whatever is already there,
# so a second run takes a second. Usage: scripts/deps.sh [run|test]
set -euo pipefail
mode=${1:-test}
cd "$(dirname "$0")/.."

apt_pkgs=(libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
          libxdo-dev build-essential pkg-config curl file)
if [ "$mode" = test ]; then
  apt_pkgs+=(xvfb webkit2gtk-driver xauth x11-utils dbus-daemon xdotool)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing apt packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "deps: cargo not found; install Rust from https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "deps: npm not found; install Node.js 20 or newer" >&2; exit 1; }

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null; then
  echo "deps: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# npm deps: reinstall only when the lockfile changed since the last install.
for dir in ui tests/e2e; do
  [ -f "$dir/package.json" ] || continue
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
done
